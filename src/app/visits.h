/* visits.h: the use cases of issue 4's records (R4, R12): contacts and visits (走访), problems and
 * their follow-up (发现问题和解决方案), care and assistance records (关爱帮扶记录), the child
 * directors' work log (工作日志) and the visit schedule. Included at the end of app.h.
 *
 * Permissions (until issue 4 has roles of its own): writing anything here needs child:write
 * (county, town, director) and the child inside the caller's scope. Reading visits, problems,
 * work logs and the schedule needs child:read and child:write both — the caseworkers; schools,
 * departments and volunteers get 403, since a visit's checklist holds the family's private
 * circumstances. Care records are read with child:read inside the child scope, so a school sees
 * its pupils' and a volunteer its paired children's. */
#ifndef SHOUHU_APP_VISITS_H
#define SHOUHU_APP_VISITS_H

#include "domain/schedule.h"

#define VISIT_LATE_DAYS_DEFAULT 3        /* setting visit_late_days */
#define VISIT_FUTURE_SLACK_MS (5LL * 60 * 1000)   /* a phone's clock may run a little ahead */
#define PROBLEM_FOLLOWUP_DAYS 7          /* deadline of a problem a visit opens by itself */
#define WORKLOG_MAX_CHILDREN 50

/* Code lists: "visit_kinds", "checklist" (the items in the order of visit_row.check[]),
 * "hazards", "caregiver_capacities", "problem_categories", "care_kinds"; NULL when unknown. */
const struct code_name *visit_dict(const char *which, int *n);
const char *visit_kind_name(const char *code);            /* Chinese, NULL when unknown */
const char *caregiver_capacity_name(const char *code);
const char *visit_check_code(int i);
const char *visit_check_name(int i);

struct visit_input {
	const char *kind, *client_id, *met, *caregiver_capacity, *notes, *late_reason;
	int64_t occurred_at;                   /* UTC ms */
	const char *check[VISIT_CHECKS], *check_note[VISIT_CHECKS];
	const char *hazards[4];
	int nhazards;
	int has_location;
	int64_t lat_e6, lng_e6, located_at;
};

/* A saved visit and, when the caregiver was found lacking or neglecting, the problem it opened. */
struct visit_result {
	struct visit_row v;
	int64_t problem_id;    /* 0: none */
	int replayed;          /* 1: the same client_id was stored before; v is that record */
};

int visits_create(struct ctx *c, int64_t child_id, const struct visit_input *in,
		  struct visit_result *out, struct err *e);
struct visit_query {
	const char *region, *kind, *from, *to;   /* from, to: CST days, inclusive */
	int late;
	int64_t user_id;
	int page, page_size;
};
/* Visits in the caller's scope (what a supervisor reviews: late entries, one director's). */
int visits_search(struct ctx *c, const struct visit_query *q, struct visit_row **rows, int *n,
		  int64_t *total, struct err *e);
int visits_get(struct ctx *c, int64_t id, struct visit_row *out, struct err *e);
int visits_list(struct ctx *c, int64_t child_id, int page, int page_size, struct visit_row **rows,
		int *n, int64_t *total, struct err *e);

/* ---- problems ---- */
struct problem_input {
	const char *category, *description, *deadline;
	int64_t assignee_user_id, assignee_org_id, visit_id;
};
struct problem_query {
	const char *region, *state, *category;
	int overdue, escalated;
	int64_t child_id, assignee_user_id;
	int page, page_size;
};
struct problem_view {
	struct problem_row p;
	int overdue, days_overdue;
	struct problem_note_row *notes;
	int nnotes;
};
const char *problem_category_name(const char *code);   /* NULL when unknown */
/* A problem as lists show it: overdue = open and past its deadline on `today` (no notes). */
void problem_view_of(const struct problem_row *p, struct cdate today, struct problem_view *out);
int problems_create(struct ctx *c, int64_t child_id, const struct problem_input *in,
		    struct problem_view *out, struct err *e);
int problems_get(struct ctx *c, int64_t id, struct problem_view *out, struct err *e);
int problems_list(struct ctx *c, const struct problem_query *q, struct problem_view **rows, int *n,
		  int64_t *total, struct err *e);
/* A note or the resolution. if_updated_at (0: none) is the updated_at the client last saw: when
 * the problem changed since, ST_CONFLICT and nothing is stored; on ST_CONFLICT (this or an
 * already resolved problem) out holds the problem as it is now. */
int problems_add_note(struct ctx *c, int64_t id, const char *note, int64_t if_updated_at,
		      struct problem_view *out, struct err *e);
int problems_resolve(struct ctx *c, int64_t id, const char *resolution, int64_t if_updated_at,
		     struct problem_view *out, struct err *e);

/* ---- care and assistance records ---- */
struct care_input {
	const char *kind, *provider, *date, *content, *goods;
	int64_t provider_org_id, money_fen;
};
const char *care_kind_name(const char *code);
int care_create(struct ctx *c, int64_t child_id, const struct care_input *in,
		struct care_row *out, struct err *e);
int care_list(struct ctx *c, int64_t child_id, int page, int page_size, struct care_row **rows,
	      int *n, int64_t *total, struct err *e);

/* ---- work log ---- */
struct worklog_input {
	const char *date, *content;
	int64_t child_ids[WORKLOG_MAX_CHILDREN];
	int nchildren;
};
struct worklog_query {
	const char *from, *to;
	int64_t user_id;
	int page, page_size;
};
int worklogs_create(struct ctx *c, const struct worklog_input *in, struct worklog_row *out,
		    struct err *e);
int worklogs_list(struct ctx *c, const struct worklog_query *q, struct worklog_row **rows, int *n,
		  int64_t *total, struct err *e);

/* ---- the schedule: read through the stored due days (standing.h) ---- */
struct schedule_query {
	const char *region, *state;   /* state: overdue, due_today, due_soon, not_due */
	const char *due_before;       /* anything due on or before this day (YYYY-MM-DD) */
	int64_t director_id;
	int page, page_size;
};
struct schedule_entry {
	struct sched_row c;
	struct schedule s;            /* contact and visit, explained (basis, interval, reason) */
	enum sched_state state;       /* the more urgent of contact and visit */
	int days_left;                /* the smaller of the two */
	enum risk_level risk;         /* the level in force as stored; RISK_UNSET until graded */
};
/* The graded active children in scope, most urgent first (next due day, then id), a page. */
int schedule_list(struct ctx *c, const struct schedule_query *q, struct schedule_entry **rows,
		  int *n, int64_t *total, struct err *e);
/* One child's schedule (child:read + child:write, in scope). */
int schedule_child(struct ctx *c, int64_t child_id, struct schedule_entry *out, struct err *e);
/* For other use cases (the workspace): a page of f explained, inside the caller's transaction
 * and without an audit row of its own; total may be NULL. */
int schedule_page(struct ctx *c, struct db *db, const struct sched_filter *f, struct page pg,
		  struct schedule_entry **rows, int *n, int64_t *total, struct err *e);

#endif
