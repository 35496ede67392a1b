/* qb.h: a small builder for statements whose WHERE clause depends on the filters given. Only
 * placeholders carry values; the SQL text comes from string literals in src/store. */
#ifndef SHOUHU_QB_H
#define SHOUHU_QB_H

#include "common/buf.h"
#include "store/db.h"

#define QB_MAX_PARAMS 24

struct qb {
	struct buf sql;
	struct db_param p[QB_MAX_PARAMS];
	int n;
	int has_where;
};

void qb_init(struct qb *q, const char *head);
/* Adds "WHERE"/"AND" + cond; cond has as many `?` as params given (0..3). */
void qb_where(struct qb *q, const char *cond, int np, ...);
void qb_add(struct qb *q, const char *sql);                   /* raw literal text */
void qb_param(struct qb *q, struct db_param p);
/* Adds the scope (and an optional range filter) on column col. */
void qb_scope(struct qb *q, const char *col, int64_t lo, int64_t hi);
void qb_free(struct qb *q);

/* Runs SELECT COUNT(*) over q's FROM/WHERE, then q with ORDER/LIMIT: the list pattern. */
int qb_count_and_page(struct db *db, struct arena *a, struct qb *count, struct qb *list,
		      int offset, int limit, struct db_res *res, int64_t *total);

#endif
