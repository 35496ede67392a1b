/* qb.h: a small builder for statements whose WHERE clause depends on the filters given. Only
 * placeholders carry values; the SQL text comes from string literals in src/store. */
#ifndef SHOUHU_QB_H
#define SHOUHU_QB_H

#include "common/buf.h"
#include "store/db.h"

#define QB_MAX_PARAMS 64

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

/* The list pattern: `where` adds the filter's conditions to both statements; runs the count,
 * then the page of `select ... order` with LIMIT/OFFSET. */
typedef void (*qb_where_fn)(struct qb *q, struct arena *a, const void *filter);
int qb_list(struct db *db, struct arena *a, const char *count_head, const char *select_head,
	    const char *order, qb_where_fn where, const void *filter, int offset, int limit,
	    struct db_res *res, int64_t *total);

#endif
