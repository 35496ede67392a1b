/* auth.c: login throttle, sessions and the login log (see store.h). */
#include "store/db.h"
#include "store/qb.h"
#include "store/store.h"

int st_throttle_get(struct db *db, const char *username, int *failures, int64_t *locked_until)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, "SELECT failures, locked_until FROM login_throttle WHERE username = ?",
			  (struct db_param[]){ PTEXT(username) }, 1, &r);
	*failures = 0;
	*locked_until = 0;
	if (!st && r.nrows) {
		*failures = (int)db_int(&r, 0, 0);
		*locked_until = db_int(&r, 0, 1);
	}
	arena_release(&a);
	return st;
}

int st_throttle_put(struct db *db, const char *username, int failures, int64_t locked_until)
{
	return db_exec(db, "INSERT INTO login_throttle (username, failures, locked_until) VALUES (?, ?, ?)"
			   " ON CONFLICT (username) DO UPDATE SET failures = excluded.failures,"
			   " locked_until = excluded.locked_until",
		       (struct db_param[]){ PTEXT(username), PINT(failures), PINT(locked_until) }, 3);
}

int st_throttle_clear(struct db *db, const char *username)
{
	return db_exec(db, "DELETE FROM login_throttle WHERE username = ?",
		       (struct db_param[]){ PTEXT(username) }, 1);
}

int st_session_insert(struct db *db, const char *token_hash, int64_t user_id, const char *csrf,
		      int64_t now, const char *ip, const char *ua, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, "INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen,"
				  " ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
			  (struct db_param[]){ PTEXT(token_hash), PINT(user_id), PTEXT(csrf), PINT(now),
					       PINT(now), PTEXT(ip), PTEXT(ua) }, 7, &r);
	if (!st)
		*id = db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}

int st_session_get(struct db *db, struct arena *a, const char *token_hash,
		   struct session_row *out)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT id, user_id, created_at, last_seen, csrf FROM sessions"
				 " WHERE token_hash = ? AND ended_at IS NULL",
			  (struct db_param[]){ PTEXT(token_hash) }, 1, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	out->id = db_int(&r, 0, 0);
	out->user_id = db_int(&r, 0, 1);
	out->created_at = db_int(&r, 0, 2);
	out->last_seen = db_int(&r, 0, 3);
	out->csrf = db_text(&r, 0, 4);
	return ST_OK;
}

int st_session_touch(struct db *db, int64_t id, int64_t now)
{
	return db_exec(db, "UPDATE sessions SET last_seen = ? WHERE id = ? AND last_seen < ?",
		       (struct db_param[]){ PINT(now), PINT(id), PINT(now) }, 3);
}

int st_session_end(struct db *db, int64_t id, int64_t now)
{
	return db_exec(db, "UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
		       (struct db_param[]){ PINT(now), PINT(id) }, 2);
}

int st_session_end_user(struct db *db, int64_t user_id, int64_t except_id, int64_t now)
{
	return db_exec(db, "UPDATE sessions SET ended_at = ? WHERE user_id = ? AND id <> ?"
			   " AND ended_at IS NULL",
		       (struct db_param[]){ PINT(now), PINT(user_id), PINT(except_id) }, 3);
}

int st_login_insert(struct db *db, const struct login_row *l)
{
	return db_exec(db, "INSERT INTO login_log (at, username, user_id, outcome, reason, ip, user_agent)"
			   " VALUES (?, ?, ?, ?, ?, ?, ?)",
		       (struct db_param[]){ PINT(l->at), PTEXT(l->username), PID(l->user_id),
					    PTEXT(l->outcome), PTEXT(l->reason), PTEXT(l->ip),
					    PTEXT(l->user_agent) }, 7);
}

static void login_where(struct qb *q, struct arena *a, const void *filter)
{
	const struct log_filter *f = filter;
	if (f->username && *f->username)
		qb_where(q, "username = ?", 1, PTEXT(f->username));
	if (f->outcome && *f->outcome)
		qb_where(q, "outcome = ?", 1, PTEXT(f->outcome));
	if (f->from)
		qb_where(q, "at >= ?", 1, PINT(f->from));
	if (f->to)
		qb_where(q, "at < ?", 1, PINT(f->to));
}

int st_login_list(struct db *db, struct arena *a, const struct log_filter *f, struct page pg,
		  struct login_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	int st = qb_list(db, a, "SELECT COUNT(*) FROM login_log",
			 "SELECT id, at, username, user_id, outcome, reason, ip, user_agent FROM login_log",
			 " ORDER BY id DESC", login_where, f, pg.offset, pg.limit, &r, total);
	if (st)
		return st;
	*rows = arena_alloc(a, sizeof **rows * (size_t)(r.nrows + 1));
	for (int i = 0; i < r.nrows; i++) {
		struct login_row *l = &(*rows)[i];
		l->id = db_int(&r, i, 0);
		l->at = db_int(&r, i, 1);
		l->username = db_text(&r, i, 2);
		l->user_id = db_int(&r, i, 3);
		l->outcome = db_text(&r, i, 4);
		l->reason = db_text(&r, i, 5);
		l->ip = db_text(&r, i, 6);
		l->user_agent = db_text(&r, i, 7);
	}
	*n = r.nrows;
	return ST_OK;
}
