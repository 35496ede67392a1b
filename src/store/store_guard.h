/* store_guard.h: storage of issue 5's guardianship records — family guardianship capacity
 * assessments (家庭监护能力评估), entrusted care agreements (委托照护) with their signed copies,
 * family-education guidance sessions (家庭教育指导) and the coverage list of the latter. Included
 * at the end of store.h. Reads by id take the caller's scope (the region range), so a record
 * outside it is not found, like one that does not exist; a child's lists are read after the use
 * case found the child in scope. Results are allocated in the caller's arena. */
#ifndef SHOUHU_STORE_GUARD_H
#define SHOUHU_STORE_GUARD_H

#include <stdint.h>

/* ---- assessments ---- */
struct assessment_row {
	int64_t id, child_id, region_code, created_by, created_at;
	int score, max_score;
	const char *assessed_on, *result, *by_score, *next_on, *note, *client_id;
	const char *answers;    /* "item=option;..." */
	const char *dims;       /* one line per dimension: "score,max,explain" */
	const char *decisive;   /* "carer,abuse" or "" */
	const char *assessor_name;   /* joined */
};
/* *id 0: this user's client_id was stored meanwhile (a concurrent retry). */
int st_assessment_insert(struct db *db, const struct assessment_row *a, int64_t *id);
int st_assessment_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		      struct assessment_row *out);
/* The one this user stored with client_id (unscoped: the user's own); ST_NOT_FOUND. */
int st_assessment_by_client(struct db *db, int64_t user_id, const char *client_id, int64_t *id);
/* A child's, newest first (assessed_on, then id), at most 500. */
int st_assessment_list(struct db *db, struct arena *a, int64_t child_id,
		       struct assessment_row **rows, int *n);
/* The latest of the child (assessed_on, then id); ST_NOT_FOUND when none. */
int st_assessment_latest(struct db *db, struct arena *a, int64_t child_id,
			 struct assessment_row *out);
/* The latest assessment of every child of the region range [lo, hi] that has one (the county's
 * settings changed: its reassessment day is re-derived). */
struct latest_assessment {
	int64_t child_id, assessment_id;
	const char *assessed_on, *result, *next_on;
};
int st_latest_assessments_in(struct db *db, struct arena *a, int64_t lo, int64_t hi,
			     struct latest_assessment **rows, int *n);
int st_assessment_set_next(struct db *db, int64_t id, const char *next_on);

/* ---- entrusted care agreements ---- */
struct agreement_row {
	int64_t id, child_id, region_code, problem_id, created_by, created_at, updated_at;
	const char *caregiver_name, *relation, *phone_cipher, *phone_masked, *start_on, *end_on;
	const char *checks;     /* "code=0;code=1;..." */
	int capable, child_heard;
	const char *school_notice_on, *village_notice_on, *capacity, *state, *ended_on, *note;
	const char *client_id;
	int has_copy;                    /* joined */
	const char *created_by_name;     /* joined */
};
int st_agreement_insert(struct db *db, const struct agreement_row *g, int64_t *id);
int st_agreement_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		     struct agreement_row *out);
int st_agreement_by_client(struct db *db, int64_t user_id, const char *client_id, int64_t *id);
/* A child's, active first, newest first, at most 500. */
int st_agreement_list(struct db *db, struct arena *a, int64_t child_id,
		      struct agreement_row **rows, int *n);
/* Writes the changeable columns of g (by g->id): notices, end_on, capacity, note, state,
 * ended_on, problem_id, updated_at. */
int st_agreement_update(struct db *db, const struct agreement_row *g);
int st_agreement_copy_put(struct db *db, int64_t agreement_id, int64_t region, const char *mime,
			  const char *data_base64, int64_t now);
int st_agreement_copy_get(struct db *db, struct arena *a, int64_t agreement_id,
			  const char **mime, const char **data_base64);   /* ST_NOT_FOUND */

/* ---- family-education guidance ---- */
struct family_edu_row {
	int64_t id, child_id, region_code, created_by, created_at;
	const char *held_on, *recipient_name, *recipient_relation, *form, *provider, *content;
	const char *client_id;
	const char *by_name;    /* joined */
};
/* *id 0: this user's client_id was stored meanwhile (a concurrent retry). */
int st_family_edu_insert(struct db *db, const struct family_edu_row *s, int64_t *id);
int st_family_edu_get(struct db *db, struct arena *a, int64_t id, struct family_edu_row *out);
int st_family_edu_by_client(struct db *db, int64_t user_id, const char *client_id, int64_t *id);
/* A child's, newest first, at most 500. */
int st_family_edu_list(struct db *db, struct arena *a, int64_t child_id,
		       struct family_edu_row **rows, int *n);
/* Sessions of the child held within [from, to] (inclusive days). */
int st_family_edu_count(struct db *db, int64_t child_id, const char *from, const char *to,
			int64_t *n);

struct coverage_row {
	int64_t child_id, region_code;
	const char *child_name, *region_name, *last_on;   /* last_on NULL: no session */
	int sessions;
};
struct coverage_filter {
	struct scope scope;
	struct scope within;      /* region filter; {0, 0}: none */
	const char *from, *to;    /* the year: inclusive days */
	int covered;              /* -1: all; 0: without a session; 1: with one */
};
/* The active children in scope (and within), with their sessions in [from, to]: a page by region
 * and name, the count matching f in *total, and over all of them (whatever f->covered) the
 * children and those covered. Two statements, none per child. */
int st_family_edu_coverage(struct db *db, struct arena *a, const struct coverage_filter *f,
			   struct page pg, struct coverage_row **rows, int *n, int64_t *total,
			   int64_t *children, int64_t *covered);

#endif
