/* store_cases.h: storage of issue 5's guardianship cases — interventions (干预措施) with their
 * after-case follow-up visits (案后回访), the register (专项台账) that lists them, and guardianship
 * placements (监护安置) with their reviews. Included at the end of store.h. Reads by id take the
 * caller's scope (the region range), so a record outside it is not found, like one that does not
 * exist. Results are allocated in the caller's arena. */
#ifndef SHOUHU_STORE_CASES_H
#define SHOUHU_STORE_CASES_H

#include <stdint.h>

/* ---- interventions ---- */
struct intervention_row {
	int64_t id, child_id, region_code, issuer_org_id, created_by, created_at, updated_at;
	const char *kind, *issuer, *issued_on, *doc_no, *summary, *closed_on, *next_followup_on;
	const char *client_id;
	/* joined */
	const char *child_name, *region_name, *issuer_org_name, *created_by_name;
};
struct followup_row {
	int64_t id, intervention_id, done_by, done_at;
	const char *due_on, *done_on, *note;   /* due_on NULL: an extra visit */
	const char *by_name;                  /* joined */
};
struct intervention_filter {
	struct scope scope;
	struct scope within;          /* region filter; {0, 0}: none */
	int64_t child_id;
	const char *kind;
	const char *from, *to;        /* issued_on, inclusive days */
	const char *followup_until;   /* a pending follow-up due on or before this day */
	int followup_any;             /* any pending follow-up */
	const char *name_like;        /* the child's name or the document number contains this */
};
/* *id 0: this user's client_id was stored meanwhile (a concurrent retry). */
int st_intervention_insert(struct db *db, const struct intervention_row *v, int64_t *id);
int st_intervention_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
			struct intervention_row *out);
/* The one this user stored with client_id (unscoped: the user's own); ST_NOT_FOUND. */
int st_intervention_by_client(struct db *db, int64_t user_id, const char *client_id, int64_t *id);
/* The register: newest first (issued_on, then id), a page and the total. */
int st_intervention_list(struct db *db, struct arena *a, const struct intervention_filter *f,
			 struct page pg, struct intervention_row **rows, int *n, int64_t *total);
/* The follow-ups of the interventions of that same page, ordered by intervention, then the
 * scheduled ones by due day, then the extra ones by id: one statement for the whole page. */
int st_followups_of_page(struct db *db, struct arena *a, const struct intervention_filter *f,
			 struct page pg, struct followup_row **rows, int *n);
int st_followups_of(struct db *db, struct arena *a, int64_t intervention_id,
		    struct followup_row **rows, int *n);
/* Writes doc_no, summary, closed_on and updated_at (by v->id). */
int st_intervention_update(struct db *db, const struct intervention_row *v);
int st_followup_insert(struct db *db, int64_t intervention_id, int64_t region, const char *due_on,
		       const char *done_on, const char *note, int64_t by, int64_t at);
/* Deletes the scheduled follow-ups not done yet (a case reopened or its closing day moved). */
int st_followups_drop_pending(struct db *db, int64_t intervention_id);
int st_followup_record(struct db *db, int64_t followup_id, const char *done_on, const char *note,
		       int64_t by, int64_t at);
/* Sets next_followup_on to the earliest follow-up not done (NULL when none). */
int st_intervention_refresh_next(struct db *db, int64_t intervention_id);

/* ---- placements ---- */
struct placement_row {
	int64_t id, child_id, region_code, org_id, created_by, created_at, updated_at;
	int review_months;
	const char *kind, *term, *carer, *reason, *start_on, *end_on, *next_review_on, *client_id;
	/* joined */
	const char *child_name, *region_name, *org_name, *created_by_name;
};
struct review_row {
	int64_t id, placement_id, created_at;
	const char *on, *note, *by_name;
};
struct placement_filter {
	struct scope scope;
	struct scope within;
	int64_t child_id;
	const char *today;        /* with state or review_due: the day that decides the state */
	const char *state;        /* "active" (no end_on or after today), "ended", NULL: both */
	int review_due;           /* active with next_review_on on or before today */
};
/* *id 0: this user's client_id was stored meanwhile (a concurrent retry). */
int st_placement_insert(struct db *db, const struct placement_row *p, int64_t *id);
int st_placement_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		     struct placement_row *out);
int st_placement_by_client(struct db *db, int64_t user_id, const char *client_id, int64_t *id);
/* Newest start first, then id. */
int st_placement_list(struct db *db, struct arena *a, const struct placement_filter *f,
		      struct page pg, struct placement_row **rows, int *n, int64_t *total);
/* The reviews of the placements of that same page (by placement, then day and id). */
int st_reviews_of_page(struct db *db, struct arena *a, const struct placement_filter *f,
		       struct page pg, struct review_row **rows, int *n);
/* Writes reason, end_on, review_months, next_review_on and updated_at (by p->id). */
int st_placement_update(struct db *db, const struct placement_row *p);
int st_review_insert(struct db *db, int64_t placement_id, int64_t region, const char *on,
		     const char *note, int64_t by, int64_t at);

/* ---- for the child's warnings ---- */
/* The earliest after-case visit not made of the child's interventions and the earliest review
 * day of its placements active on `today` (NULL when none), allocated in a. */
int st_child_case_days(struct db *db, struct arena *a, int64_t child_id, const char *today,
		       const char **followup, const char **review);

#endif
