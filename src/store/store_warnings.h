/* store_warnings.h: storage of warnings (预警), the facts they are judged from, the escalation of
 * problems past their deadline, visit photos and the director's offline workspace (issue 4; see
 * migration 0004). Included at the end of store.h. Reads for a user take its scope (the region
 * range) in the SQL; the per-child functions are for use cases that found the child in scope. */
#ifndef SHOUHU_STORE_WARNINGS_H
#define SHOUHU_STORE_WARNINGS_H

#include <stdint.h>

/* ---- warnings ---- */
struct warning_row {
	int64_t id, child_id, region_code, ref_id, opened_at, closed_at;
	const char *kind, *message, *due_on, *opened_on;
	int escalated;
	/* joined for display (lists only) */
	const char *child_name, *region_name;
};
struct warning_filter {
	struct scope scope;
	struct scope within;     /* region filter; {0, 0}: none */
	const char *kind;        /* NULL: any */
	int escalated_only;
	int64_t child_id;        /* 0: any */
	int closed;              /* 0: open ones, 1: closed ones */
};
/* Escalated first, then by kind (in the order of the contract), then oldest first. */
int st_warning_list(struct db *db, struct arena *a, const struct warning_filter *f,
		    struct page pg, struct warning_row **rows, int *n, int64_t *total);
/* The open warnings of one child (no display joins). */
int st_warnings_open(struct db *db, struct arena *a, int64_t child_id, struct warning_row **rows,
		     int *n);
/* Opens w; *id is 0 when an open row of the same kind, child and ref_id exists already. */
int st_warning_insert(struct db *db, const struct warning_row *w, int64_t *id);
/* The open row's text, due day, escalation and village (the child may have moved). */
int st_warning_update(struct db *db, int64_t id, int64_t region, const char *message,
		      const char *due_on, int escalated);
int st_warning_close(struct db *db, int64_t id, int64_t now);

/* The home page's numbers for a scope (and region filter): open warnings per kind (codes as
 * stored), open escalated warnings, children whose level in force is red, open problems past
 * their deadline (deadline < today). */
struct warning_count {
	const char *kind;
	int64_t count;
};
struct warning_summary {
	struct warning_count *by_kind;
	int nkinds;
	int64_t escalated, high_risk, overdue_problems;
};
int st_warning_summary(struct db *db, struct arena *a, const struct scope *sc,
		       const struct scope *within, const char *today, struct warning_summary *out);

/* What the warnings of one child are judged from, besides its row and standing. */
struct warning_child_facts {
	int has_caregiver;               /* 委托照护人 recorded */
	int has_contact_phone;           /* the caregiver's or a family member's phone */
	const char *caregiver_capacity;  /* at the latest visit that recorded it; NULL: none */
	int64_t caregiver_problem_id;    /* the open problem that visit opened, with no note by a
					  * person (system notes do not count); 0: none */
	const char *caregiver_problem_deadline;
};
/* has_caregiver and has_contact_phone. */
int st_warning_contact_facts(struct db *db, struct arena *a, int64_t child_id,
			     struct warning_child_facts *out);
/* caregiver_capacity and the follow-up problem. */
int st_warning_followup_facts(struct db *db, struct arena *a, int64_t child_id,
			      struct warning_child_facts *out);
/* The open problems of one child: id, region_code, category, deadline, escalated_at. */
int st_problems_open_of_child(struct db *db, struct arena *a, int64_t child_id,
			      struct problem_row **rows, int *n);
/* Marks the problem escalated at `now` unless it was; *changed is 1 when this call did it. */
int st_problem_escalate(struct db *db, int64_t id, int64_t now, int *changed);
/* ST_CONFLICT when the problem's updated_at is no longer if_updated_at (the precondition of a
 * change; takes the row's lock on PostgreSQL until the transaction ends). */
int st_problem_if_updated(struct db *db, int64_t id, int64_t if_updated_at);

/* ---- visit photos ---- */
int st_visit_photo_put(struct db *db, int64_t visit_id, int64_t region, const char *mime,
		       const char *data_base64, int64_t now);
int st_visit_photo_get(struct db *db, struct arena *a, int64_t visit_id, const char **mime,
		       const char **data_base64);   /* ST_NOT_FOUND when there is none */

/* ---- the director's offline workspace ---- */
/* What the offline app shows of a child besides its schedule row. */
struct workspace_extra {
	int64_t id;
	const char *sex, *birth_date, *current_address, *school_name;
	uint32_t categories;            /* derived */
	int has_caregiver;
	const char *cg_name, *cg_relation, *cg_phone_masked;
	const char *guardian_phone_masked;   /* a parent's, else another member's; NULL: none */
	const char *last_kind, *last_on, *last_user_name;   /* the latest visit; NULL: none */
};
/* The same children, in the same order, as st_sched_rows(f, {0, limit}) gives (graded active
 * children in scope, of f->director_id when set, by next_due_on then id). */
int st_workspace_extras(struct db *db, struct arena *a, const struct sched_filter *f, int limit,
			struct workspace_extra **rows, int *n);

#endif
