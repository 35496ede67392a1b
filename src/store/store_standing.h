/* store_standing.h: a child's stored standing — due days, risk level and the day the calendar
 * alone may change them (children.contact_due_on ... restand_on), the grading behind the level
 * (child_risk) and every change of the level in force (risk_changes); migration 0004, issue 4.
 * Included at the end of store.h. Reads here are unscoped: the use case has already found the
 * child inside the caller's scope (or is the system's sweep). */
#ifndef SHOUHU_STORE_STANDING_H
#define SHOUHU_STORE_STANDING_H

#include <stdint.h>

/* restand_on of a child that has left care: its standing no longer changes with the calendar.
 * (NULL means "never graded": the sweep grades those first.) */
#define STANDING_NEVER "9999-12-31"

/* What grading one child needs, read in one statement. */
struct standing_row {
	struct child_row c;              /* the file as stored, with its standing columns */
	int parent_severe_disability;    /* father or mother with member status severe_disability */
	int open_problems;
	int64_t oldest_problem_at;       /* created_at of the oldest open problem (UTC ms); 0: none */
	/* child_risk; has_risk 0 when never graded */
	int has_risk, score;
	const char *computed, *factors;
	int64_t graded_at;
	const char *override_level, *override_reason, *override_until, *override_by_name;
	int64_t override_by, override_at;
};
int st_standing_get(struct db *db, struct arena *a, int64_t child_id, struct standing_row *out);
/* The sweep's next batch (at most limit): never graded children (restand_on NULL) by id after
 * `after` when day is NULL, else the children whose restand_on <= day, by (restand_on, id). */
int st_standing_due(struct db *db, struct arena *a, const char *day, int64_t after, int limit,
		    struct standing_row **rows, int *n);

/* Stores the standing columns of one child (NULL texts store NULL; has_score 0 stores NULL). */
struct standing_cols {
	const char *contact_due_on, *visit_due_on, *next_due_on, *risk_level, *restand_on;
	int risk_score, has_score;
};
int st_standing_put(struct db *db, int64_t child_id, const struct standing_cols *s);
/* Moves restand_on of one child, or of every active child of a region range, back to day (only
 * earlier: a child never graded stays so). */
int st_standing_mark(struct db *db, int64_t child_id, const char *day);
int st_standing_mark_region(struct db *db, int64_t lo, int64_t hi, const char *day,
			    int64_t *changed);

/* The grading (upsert; the override columns are kept). factors: JSON text. */
int st_child_risk_put(struct db *db, int64_t child_id, int64_t region, const char *computed,
		      int score, const char *factors, int64_t graded_at);
/* Sets (level not NULL) or clears the override of a graded child; ST_NOT_FOUND when the child
 * has no grading row, or (clearing) no override. */
int st_child_risk_override(struct db *db, int64_t child_id, const char *level,
			   const char *reason, const char *until, int64_t by, int64_t at);

/* The protection facts on the child's row (migration 0005), kept by issue 5's use cases, which
 * then call standing_refresh: the latest assessment's grade and reassessment day (NULL, NULL
 * clears), the latest screening's result, the number of reports not yet concluded. */
int st_child_set_guardianship(struct db *db, int64_t child_id, const char *result,
			      const char *next_on);
int st_child_set_psych(struct db *db, int64_t child_id, const char *result);
int st_child_set_open_reports(struct db *db, int64_t child_id, int open_reports);

struct risk_change_row {
	int64_t id, child_id, region_code, at, user_id;
	const char *from_level, *to_level, *cause, *detail;
	int score;
	const char *user_name;           /* joined for display */
};
int st_risk_change_add(struct db *db, const struct risk_change_row *r);
/* A child's changes, newest first. */
int st_risk_changes(struct db *db, struct arena *a, int64_t child_id, struct page pg,
		    struct risk_change_row **rows, int *n, int64_t *total);

#endif
