/* store_reports.h: storage of mandatory reports (强制报告, issue 5): the report, its routing (one
 * row per department, the department queues' index) and its events. Included at the end of
 * store.h. Who may see a report is decided in the SQL here from a struct report_access: a report
 * the caller may not see is not found, like one that does not exist, and never in a list. */
#ifndef SHOUHU_STORE_REPORTS_H
#define SHOUHU_STORE_REPORTS_H

#include <stdint.h>

/* Queue order key (qkey) bands: an open stage escalated (qkey = due_at), an open stage not
 * escalated (QK_OPEN + due_at), a finished report (QK_DONE - updated_at). Ascending qkey is the
 * queue's order: escalated first, then the earliest deadline, then the finished newest first. */
#define REPORT_QK_OPEN 4000000000000LL
#define REPORT_QK_OPEN_END 10000000000000LL   /* every open qkey is below */
#define REPORT_QK_DONE 20000000000000LL

struct report_row {
	int64_t id, region_code, child_id, reporter_user_id, reporter_org_id;
	int64_t filed_at, accepted_at, accepted_by, handling_at, concluded_at, told_at;
	int64_t due_at, escalate_at, escalated_at, qkey, updated_at;
	const char *no, *state, *situation, *urgency, *seen, *happened_at, *place;
	const char *child_name, *child_sex, *child_description, *child_school;
	int child_age, has_child_age, pupil;
	const char *channel, *reporter_name, *reporter_unit, *reporter_phone_masked;
	uint32_t depts;              /* enum report_dept bits */
	const char *accepted_dept, *outcome, *told_note;
	const char *stage;           /* "accept", "conclude", "tell"; NULL when finished */
	const char *client_id;
	/* joined for display */
	const char *region_name, *accepted_by_name;
	/* what the caller is to this report (computed in the SQL from struct report_access) */
	int as_handler, as_supervisor, as_reporter;
};

/* The caller, as the visibility rules of docs/API.md see it. */
struct report_access {
	int all;                 /* the system (deadline check): every report, as no one */
	int64_t lo, hi;          /* the caller's region range */
	const char *dept;        /* the department the caller handles for ("police"...), or NULL */
	int supervisor;          /* county/town: supervises the reports in the range */
	int64_t user_id, org_id; /* reporter: filed by the user or by its organisation (0: none) */
};

struct report_event_row {
	int64_t id, report_id, at, user_id;
	const char *event, *from_state, *to_state, *dept, *user_name, *note;
};

enum report_box { RBOX_MINE, RBOX_QUEUE, RBOX_SUPERVISE };

struct report_filter {
	struct report_access acc;
	enum report_box box;
	struct scope within;         /* region filter; {0, 0}: none */
	const char *state, *situation;
	int overdue_only, escalated_only, open_only;
	int64_t now;                 /* for overdue_only */
	const char *no;              /* q: the report number exactly */
	const char *name_like;       /* q: contained in the child's name */
	int64_t from, to;            /* filed_at in [from, to); 0: open */
	int64_t child_id;            /* 0: any */
	int not_reporter_only;       /* only reports the caller handles or supervises */
};

/* The next sequence number of a filing day ("20261122"), from 1. */
int st_report_next_seq(struct db *db, const char *day, int *n);
/* Inserts unless the user stored this client_id already: then *id is 0. */
int st_report_insert(struct db *db, const struct report_row *r, int64_t *id);
int st_report_by_client(struct db *db, int64_t user_id, const char *client_id, int64_t *id);
int st_report_get(struct db *db, struct arena *a, const struct report_access *acc, int64_t id,
		  struct report_row *out);
/* Writes the mutable columns (state, steps, deadline, routing bits, child, updated_at) when the
 * stored updated_at is still `seen_updated_at`; ST_CONFLICT otherwise. */
int st_report_update(struct db *db, const struct report_row *r, int64_t seen_updated_at);
/* Replaces the routing rows of a report from r (depts, region, stage, due_at, qkey). */
int st_report_routes_put(struct db *db, const struct report_row *r);
int st_report_list(struct db *db, struct arena *a, const struct report_filter *f, struct page pg,
		   struct report_row **rows, int *n, int64_t *total);
int st_report_count(struct db *db, const struct report_filter *f, int64_t *n);
int st_report_event_add(struct db *db, const struct report_event_row *ev);
int st_report_events(struct db *db, struct arena *a, int64_t report_id,
		     struct report_event_row **rows, int *n);
/* Reports about the child not yet concluded (reported, accepted, handling). */
int st_report_open_count(struct db *db, int64_t child_id, int *n);
/* Ids of reports whose open stage is past its escalation instant and not escalated, oldest first. */
int st_report_escalation_due(struct db *db, struct arena *a, int64_t now, int limit,
			     int64_t **ids, int *n);
/* Ids of open reports (a stage with a deadline) in [lo, hi], by id after `after`. */
int st_report_open_in(struct db *db, struct arena *a, int64_t lo, int64_t hi, int64_t after,
		      int limit, int64_t **ids, int *n);

#endif
