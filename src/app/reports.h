/* reports.h: mandatory reports (强制报告, R6; docs/API.md "Mandatory reports"). The pure rules
 * (states, events, who may act, routing, deadlines) are src/domain/report_flow.h; this layer
 * files, moves, lists and checks the deadlines of reports, each step audited in its transaction.
 * reports.c: filing, events, notes, linking, the deadline check; report_views.c: who sees what
 * (handler, supervisor, reporter) and the reads; report_settings.c: the county's deadlines. */
#ifndef SHOUHU_APP_REPORTS_H
#define SHOUHU_APP_REPORTS_H

#include "domain/report_flow.h"

struct report_input {
	const char *situation, *urgency, *seen, *happened_at, *place, *region_code, *channel;
	int64_t child_id;
	const char *child_name, *child_sex, *child_description, *child_school;
	int child_age, has_child_age;
	int pupil, has_pupil;
	const char *depts[4];
	int ndepts, has_depts;
	const char *reporter_name, *reporter_unit, *reporter_phone;
	const char *client_id;
};

struct report_event_input {
	const char *event, *note, *outcome;
	const char *to[4];
	int nto;
	int64_t if_updated_at;
};

/* A report as the caller sees it. */
struct report_view {
	struct report_row r;
	const char *view;                /* "handler", "supervisor", "reporter" */
	uint32_t may;                    /* bits 1 << enum report_event the caller may do now */
	struct report_deadline dl;       /* the current stage's (dl.started 0: none) */
	const char *stage;               /* NULL when finished */
	struct report_event_row *events; /* GET one only */
	int nevents, with_events;
};

struct report_query {
	const char *box, *state, *situation, *q, *region, *from, *to;
	int overdue, escalated, page, page_size;
};

struct report_summary {
	int64_t mine_open, queue_open, queue_overdue, queue_escalated, supervise_escalated;
};

struct report_settings_view {
	int64_t county;
	const char *county_name;
	struct report_settings s;
	int is_default;
};

/* reports.c */
/* 201 with *created 1, or the stored report of the same client_id with *created 0. */
int reports_file(struct ctx *c, const struct report_input *in, struct report_view *out,
		 int *created, struct err *e);
/* Illegal in the state: ST_CONFLICT with field "state" (the HTTP adapter answers illegal_state);
 * stale if_updated_at: ST_CONFLICT with field "if_updated_at" and *out the current report. */
int reports_event(struct ctx *c, int64_t id, const struct report_event_input *in,
		  struct report_view *out, struct err *e);
int reports_note(struct ctx *c, int64_t id, const char *text, struct report_view *out,
		 struct err *e);
int reports_link(struct ctx *c, int64_t id, int64_t child_id, struct report_view *out,
		 struct err *e);
/* Escalates every open stage past due + grace (as of the clock): escalated_at, an `escalate`
 * event by the system and an audit row report.escalate each, once per stage. */
int reports_deadline_check(struct ctx *c, int64_t *escalated, struct err *e);

/* report_views.c */
/* The department the caller handles for ("police", "civil_affairs", "education") or NULL. */
const char *report_my_dept(struct ctx *c, struct db *db);
void report_access_of(struct ctx *c, struct db *db, struct report_access *acc);
/* Fills out (view, may, deadline) from a row read with the caller's access; 0, or -1 when the
 * caller may not see it at all. */
int report_view_of(const struct report_row *r, int64_t now, struct report_view *out);
/* Reads one report as the caller sees it (ST_NOT_FOUND: 报告不存在). */
int report_load(struct ctx *c, struct db *db, int64_t id, int with_events,
		struct report_view *out, struct err *e);
int reports_get(struct ctx *c, int64_t id, struct report_view *out, struct err *e);
int reports_list(struct ctx *c, const struct report_query *q, struct report_view **rows, int *n,
		 int64_t *total, struct err *e);
int reports_summary(struct ctx *c, struct report_summary *out, struct err *e);
/* The reports about a child for its supervisors and handlers (403 for others). */
int reports_of_child(struct ctx *c, int64_t child_id, struct report_view **rows, int *n,
		     struct err *e);
/* The caller's department and its county's settings, for GET /reports/meta. */
int reports_meta(struct ctx *c, const char **my_dept, struct report_settings_view *settings,
		 struct err *e);
/* Recomputes r's stage, due_at, escalate_at and qkey (escalated_at kept unless the stage changed). */
void report_redate(struct report_row *r, const struct report_settings *s, int64_t now);

/* report_settings.c */
int report_settings_for(struct ctx *c, struct db *db, int64_t region, struct report_settings *out,
			int *is_default, struct err *e);
int report_settings_get(struct ctx *c, const char *county, struct report_settings_view *out,
			struct err *e);
int report_settings_put(struct ctx *c, const char *county, const struct report_settings *in,
			struct report_settings_view *out, struct err *e);

#endif
