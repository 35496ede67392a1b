/* store_visits.h: storage of issue 4's records — contacts and visits (走访), problems and their
 * follow-up, care and assistance records, the work log — and the rows the visit schedule reads.
 * Included at the end of store.h. Reads of child-related rows take the caller's scope (the
 * region range and, through the child, the school and pairing narrowing), so a record outside
 * it is not found, like one that does not exist. Results are allocated in the caller's arena. */
#ifndef SHOUHU_STORE_VISITS_H
#define SHOUHU_STORE_VISITS_H

#include <stdint.h>

/* ---- contacts and visits ---- */
#define VISIT_CHECKS 7   /* living, guardianship, schooling, health, psychological, safety,
			  * parents_contact: each "ok" or "concern" (NULL: not checked) + note */

struct visit_row {
	int64_t id, child_id, region_code, occurred_at, user_id, located_at, created_at;
	const char *kind, *occurred_on, *client_id, *met;
	const char *check[VISIT_CHECKS], *check_note[VISIT_CHECKS];
	const char *safety_hazards;   /* comma list of water, electricity, fire, falls */
	const char *caregiver_capacity, *notes, *late_reason;
	int has_location;
	int64_t lat_e6, lng_e6;       /* micro-degrees */
	int late;
	/* joined for display */
	const char *child_name, *user_name;
	int has_photo;                /* a photo is stored (visit_photos) */
};

/* Inserts unless the user already stored this client_id: then *id is 0 and nothing changes. */
int st_visit_insert(struct db *db, const struct visit_row *v, int64_t *id);
int st_visit_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		 struct visit_row *out);
/* The visit this user stored with client_id (unscoped: it is the user's own), ST_NOT_FOUND. */
int st_visit_by_client(struct db *db, int64_t user_id, const char *client_id, int64_t *id);
/* A child's visits, newest first. */
int st_visit_list(struct db *db, struct arena *a, int64_t child_id, struct page pg,
		  struct visit_row **rows, int *n, int64_t *total);
struct visit_filter {
	struct scope scope;
	struct scope within;          /* region filter; {0, 0}: none */
	const char *kind;             /* NULL: any */
	int late_only;
	int64_t user_id;              /* who visited; 0: any */
	int64_t from, to;             /* occurred_at in [from, to) UTC ms; 0: open */
};
/* Visits in scope matching f, newest first. */
int st_visit_search(struct db *db, struct arena *a, const struct visit_filter *f, struct page pg,
		    struct visit_row **rows, int *n, int64_t *total);
/* Moves the child's last contact (and, for a home visit, last home visit) day forward to day. */
int st_child_touch_visit(struct db *db, int64_t child_id, const char *day, int home_visit);

/* ---- problems ---- */
struct problem_row {
	int64_t id, child_id, region_code, visit_id, assignee_user_id, assignee_org_id;
	int64_t resolved_at, resolved_by, created_by, created_at, updated_at;
	int64_t escalated_at;    /* 0: not escalated to the supervisor */
	const char *category, *description, *deadline, *state, *resolution;
	/* joined for display */
	const char *child_name, *region_name, *assignee_user_name, *assignee_org_name;
	const char *created_by_name;
};
struct problem_note_row {
	int64_t at;
	const char *username, *note;
};
struct problem_filter {
	struct scope scope;
	struct scope within;     /* region filter; {0, 0}: none */
	int64_t child_id;        /* 0: any */
	int64_t assignee_user_id;   /* 0: any */
	const char *state, *category;
	const char *overdue_before;   /* open with deadline < this day */
	int escalated_only;           /* open and escalated */
	int64_t director_id;          /* of the active children of this child director; 0: any */
};
int st_problem_insert(struct db *db, const struct problem_row *p, int64_t *id);
int st_problem_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		   struct problem_row *out);
int st_problem_list(struct db *db, struct arena *a, const struct problem_filter *f,
		    struct page pg, struct problem_row **rows, int *n, int64_t *total);
/* Resolving and adding a note move updated_at forward (strictly: a client's if_updated_at
 * never matches a later state, even within the same millisecond). */
int st_problem_resolve(struct db *db, int64_t id, const char *resolution, int64_t by,
		       int64_t now);   /* ST_CONFLICT when it is not open */
int st_problem_note_add(struct db *db, int64_t problem_id, int64_t region, int64_t at,
			int64_t user_id, const char *username, const char *note);
int st_problem_notes(struct db *db, struct arena *a, int64_t problem_id,
		     struct problem_note_row **rows, int *n);

/* ---- care and assistance records ---- */
struct care_row {
	int64_t id, child_id, region_code, provider_org_id, money_fen, created_by, created_at;
	const char *kind, *provider, *on_date, *content, *goods;
	const char *provider_org_name, *created_by_name;
};
int st_care_insert(struct db *db, const struct care_row *c, int64_t *id);
int st_care_get(struct db *db, struct arena *a, int64_t id, struct care_row *out);
int st_care_list(struct db *db, struct arena *a, int64_t child_id, struct page pg,
		 struct care_row **rows, int *n, int64_t *total);

/* ---- work log ---- */
struct worklog_child {
	int64_t id;
	const char *name;
};
struct worklog_row {
	int64_t id, user_id, region_code, created_at;
	const char *on_date, *content, *user_name;
	struct worklog_child *children;
	int nchildren;
};
struct worklog_filter {
	struct scope scope;      /* of the author's region */
	int64_t user_id;         /* 0: any */
	const char *from, *to;   /* inclusive days; NULL: open */
};
int st_worklog_insert(struct db *db, const struct worklog_row *w, const int64_t *child_ids,
		      const int64_t *child_regions, int nchildren, int64_t *id);
int st_worklog_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		   struct worklog_row *out);
int st_worklog_list(struct db *db, struct arena *a, const struct worklog_filter *f,
		    struct page pg, struct worklog_row **rows, int *n, int64_t *total);

/* ---- the schedule's rows: graded active children in scope, read through the stored due days ---- */
struct sched_row {
	int64_t id, region_code, director_id, created_at;
	const char *name, *region_name, *director_name, *health;
	const char *last_contact_on, *last_home_visit_on;
	const char *contact_due_on, *visit_due_on, *next_due_on, *risk_level;   /* 0004 */
	uint32_t derived_categories;
	int parent_severe_disability;
	const char *psych_result;   /* 0005: the latest screening's result; NULL: none */
};
struct sched_filter {
	struct scope scope;
	struct scope within;     /* region filter; {0, 0}: none */
	int64_t director_id;     /* 0: any */
	int64_t child_id;        /* 0: any */
	const char *due_from, *due_to;   /* next_due_on within [from, to], inclusive; NULL: open */
};
/* The children matching f whose next due day is stored (active and graded), most urgent first
 * (next_due_on, then id): a page of them, and their count in *total unless total is NULL.
 * Index scans on (director_id, next_due_on), (region_code, next_due_on) or (next_due_on). */
int st_sched_rows(struct db *db, struct arena *a, const struct sched_filter *f, struct page pg,
		  struct sched_row **rows, int *n, int64_t *total);
/* The latest visit that found the caregiver's capacity (by occurred_at) sets the child's. */
int st_child_set_caregiver_capacity(struct db *db, int64_t child_id, const char *capacity,
				    int64_t occurred_at);

#endif
