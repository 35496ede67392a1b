/* qb.c: statement builder (see qb.h). */
#include "store/qb.h"

#include <stdarg.h>
#include <stdlib.h>

#include "common/log.h"

void qb_init(struct qb *q, const char *head)
{
	buf_init(&q->sql, 64 * 1024);
	buf_puts(&q->sql, head);
	q->n = 0;
	q->has_where = 0;
}

void qb_param(struct qb *q, struct db_param p)
{
	if (q->n >= QB_MAX_PARAMS) {
		log_error("qb: too many parameters");
		abort();
	}
	q->p[q->n++] = p;
}

void qb_where(struct qb *q, const char *cond, int np, ...)
{
	buf_puts(&q->sql, q->has_where ? " AND " : " WHERE ");
	q->has_where = 1;
	buf_puts(&q->sql, cond);
	va_list ap;
	va_start(ap, np);
	for (int i = 0; i < np; i++)
		qb_param(q, va_arg(ap, struct db_param));
	va_end(ap);
}

void qb_add(struct qb *q, const char *sql)
{
	buf_puts(&q->sql, sql);
}

void qb_scope(struct qb *q, const char *col, int64_t lo, int64_t hi)
{
	buf_puts(&q->sql, q->has_where ? " AND " : " WHERE ");
	q->has_where = 1;
	buf_printf(&q->sql, "%s BETWEEN ? AND ?", col);
	qb_param(q, PINT(lo));
	qb_param(q, PINT(hi));
}

void qb_free(struct qb *q)
{
	buf_free(&q->sql);
}

int qb_list(struct db *db, struct arena *a, const char *count_head, const char *select_head,
	    const char *order, qb_where_fn where, const void *filter, int offset, int limit,
	    struct db_res *res, int64_t *total)
{
	struct qb count, list;
	qb_init(&count, count_head);
	qb_init(&list, select_head);
	where(&count, a, filter);
	where(&list, a, filter);
	qb_add(&list, order);
	qb_add(&list, " LIMIT ? OFFSET ?");
	qb_param(&list, PINT(limit));
	qb_param(&list, PINT(offset));
	struct db_res c;
	int st = db_query(db, a, count.sql.data, count.p, count.n, &c);
	if (!st) {
		*total = db_int(&c, 0, 0);
		st = db_query(db, a, list.sql.data, list.p, list.n, res);
	}
	qb_free(&count);
	qb_free(&list);
	return st;
}
