/* audit.c: the append-only audit trail and its hash-chain head (see store.h). */
#include "store/db.h"
#include "store/qb.h"
#include "store/store.h"

#define AUDIT_COLS \
	"seq, at, user_id, username, ip, action, object_type, object_id, region_code, outcome," \
	" detail, hash"

static void read_row(const struct db_res *r, int i, struct audit_row *o)
{
	o->seq = db_int(r, i, 0);
	o->at = db_int(r, i, 1);
	o->user_id = db_int(r, i, 2);
	o->username = db_text(r, i, 3);
	o->ip = db_text(r, i, 4);
	o->action = db_text(r, i, 5);
	o->object_type = db_text(r, i, 6);
	o->object_id = db_text(r, i, 7);
	o->region_code = db_int(r, i, 8);
	o->outcome = db_text(r, i, 9);
	o->detail = db_text(r, i, 10);
	o->hash = db_text(r, i, 11);
}

static int read_rows(struct arena *a, const struct db_res *r, struct audit_row **rows, int *n)
{
	DB_READ_ROWS(a, r, rows, n, read_row);
	return ST_OK;
}

int st_audit_next(struct db *db, struct arena *a, int64_t *seq, const char **prev_hash)
{
	/* An UPDATE takes the row lock on PostgreSQL (SQLite's write transaction is exclusive
	 * already), so the chain advances one writer at a time. */
	struct db_res r;
	int st = db_query(db, a, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash",
			  NULL, 0, &r);
	if (st)
		return st;
	if (r.nrows != 1)
		return ST_DB;
	*seq = db_int(&r, 0, 0);
	*prev_hash = db_text(&r, 0, 1);
	return ST_OK;
}

int st_audit_insert(struct db *db, const struct audit_row *o)
{
	int st = db_exec(db, "INSERT INTO audit_log (" AUDIT_COLS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			 (struct db_param[]){ PINT(o->seq), PINT(o->at), PID(o->user_id),
					      PTEXT(o->username), PTEXT(o->ip), PTEXT(o->action),
					      PTEXT(o->object_type), PTEXT(o->object_id),
					      PID(o->region_code), PTEXT(o->outcome), PTEXT(o->detail),
					      PTEXT(o->hash) }, 12);
	if (!st)
		st = db_exec(db, "UPDATE audit_head SET hash = ? WHERE id = 1 AND seq = ?",
			     (struct db_param[]){ PTEXT(o->hash), PINT(o->seq) }, 2);
	return st;
}

static void audit_where(struct qb *q, struct arena *a, const void *filter)
{
	const struct log_filter *f = filter;
	if (f->username && *f->username)
		qb_where(q, "username = ?", 1, PTEXT(f->username));
	if (f->action && *f->action)
		qb_where(q, "action = ?", 1, PTEXT(f->action));
	if (f->object_type && *f->object_type)
		qb_where(q, "object_type = ?", 1, PTEXT(f->object_type));
	if (f->outcome && *f->outcome)
		qb_where(q, "outcome = ?", 1, PTEXT(f->outcome));
	if (f->from)
		qb_where(q, "at >= ?", 1, PINT(f->from));
	if (f->to)
		qb_where(q, "at < ?", 1, PINT(f->to));
}

int st_audit_list(struct db *db, struct arena *a, const struct log_filter *f, struct page pg,
		  struct audit_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	int st = qb_list(db, a, "SELECT COUNT(*) FROM audit_log", "SELECT " AUDIT_COLS " FROM audit_log",
			 " ORDER BY seq DESC", audit_where, f, pg.offset, pg.limit, &r, total);
	return st ? st : read_rows(a, &r, rows, n);
}

int st_audit_batch(struct db *db, struct arena *a, int64_t after, int limit,
		   struct audit_row **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " AUDIT_COLS " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
			  (struct db_param[]){ PINT(after), PINT(limit) }, 2, &r);
	return st ? st : read_rows(a, &r, rows, n);
}

int st_audit_head(struct db *db, struct arena *a, int64_t *seq, const char **hash)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT seq, hash FROM audit_head WHERE id = 1", NULL, 0, &r);
	if (st)
		return st;
	if (r.nrows != 1)
		return ST_DB;
	*seq = db_int(&r, 0, 0);
	*hash = db_text(&r, 0, 1);
	return ST_OK;
}
