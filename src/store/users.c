/* users.c: accounts, scoped by the region they belong to (see store.h). */
#include "store/db.h"
#include "store/qb.h"
#include "store/store.h"

#define USER_SELECT \
	"SELECT u.id, u.username, u.display_name, u.phone, u.password_hash, u.role," \
	" u.region_code, r.name, u.org_id, o.name, u.status, u.must_change_password," \
	" u.password_changed_at, u.last_login_at, u.created_at, t.locked_until" \
	" FROM users u JOIN regions r ON r.code = u.region_code" \
	" LEFT JOIN orgs o ON o.id = u.org_id" \
	" LEFT JOIN login_throttle t ON t.username = u.username"

static void read_row(const struct db_res *r, int i, struct user_row *u)
{
	u->id = db_int(r, i, 0);
	u->username = db_text(r, i, 1);
	u->display_name = db_text(r, i, 2);
	u->phone = db_text(r, i, 3);
	u->password_hash = db_text(r, i, 4);
	u->role = db_text(r, i, 5);
	u->region_code = db_int(r, i, 6);
	u->region_name = db_text(r, i, 7);
	u->org_id = db_int(r, i, 8);
	u->org_name = db_text(r, i, 9);
	u->status = db_text(r, i, 10);
	u->must_change_password = (int)db_int(r, i, 11);
	u->password_changed_at = db_int(r, i, 12);
	u->last_login_at = db_int(r, i, 13);
	u->created_at = db_int(r, i, 14);
	u->locked_until = db_int(r, i, 15);
}

static void user_where(struct qb *q, struct arena *a, const void *filter)
{
	const struct user_filter *f = filter;
	qb_scope(q, "u.region_code", f->scope.lo, f->scope.hi);
	if (f->within.hi)
		qb_scope(q, "u.region_code", f->within.lo, f->within.hi);
	if (f->role)
		qb_where(q, "u.role = ?", 1, PTEXT(f->role));
	if (f->status)
		qb_where(q, "u.status = ?", 1, PTEXT(f->status));
	if (f->q && *f->q) {
		const char *like = db_like_contains(a, f->q);
		qb_where(q, "(u.username LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\')", 2,
			 PTEXT(like), PTEXT(like));
	}
}

int st_user_list(struct db *db, struct arena *a, const struct user_filter *f, struct page pg,
		 struct user_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	int st = qb_list(db, a, "SELECT COUNT(*) FROM users u", USER_SELECT, " ORDER BY u.region_code, u.id",
			 user_where, f, pg.offset, pg.limit, &r, total);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_row);
	return ST_OK;
}

int st_user_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		struct user_row *out)
{
	struct db_res r;
	int st = db_query(db, a, USER_SELECT " WHERE u.id = ? AND u.region_code BETWEEN ? AND ?",
			  (struct db_param[]){ PINT(id), PINT(sc->lo), PINT(sc->hi) }, 3, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_row(&r, 0, out);
	return ST_OK;
}

int st_user_by_username(struct db *db, struct arena *a, const char *username,
			struct user_row *out)
{
	struct db_res r;
	int st = db_query(db, a, USER_SELECT " WHERE u.username = ?",
			  (struct db_param[]){ PTEXT(username) }, 1, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_row(&r, 0, out);
	return ST_OK;
}

int st_user_insert(struct db *db, const struct user_row *u, int64_t now, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a,
			  "INSERT INTO users (username, display_name, phone, password_hash, role,"
			  " region_code, org_id, status, must_change_password, password_changed_at,"
			  " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)"
			  " RETURNING id",
			  (struct db_param[]){ PTEXT(u->username), PTEXT(u->display_name),
					       PTEXT(u->phone), PTEXT(u->password_hash),
					       PTEXT(u->role), PINT(u->region_code), PID(u->org_id),
					       PINT(u->must_change_password), PINT(now), PINT(now),
					       PINT(now) }, 11, &r);
	if (!st)
		*id = db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}

static int exec_one(struct db *db, const char *sql, const struct db_param *p, int np)
{
	int st = db_exec(db, sql, p, np);
	if (!st && db->ops->changes(db) == 0)
		return ST_NOT_FOUND;
	return st;
}

int st_user_update_profile(struct db *db, int64_t id, const char *display_name,
			   const char *phone, const char *status, int64_t now)
{
	return exec_one(db, "UPDATE users SET display_name = ?, phone = ?, status = ?, updated_at = ?"
			    " WHERE id = ?",
			(struct db_param[]){ PTEXT(display_name), PTEXT(phone), PTEXT(status),
					     PINT(now), PINT(id) }, 5);
}

int st_user_set_password(struct db *db, int64_t id, const char *hash, int must_change,
			 int64_t now)
{
	return exec_one(db, "UPDATE users SET password_hash = ?, must_change_password = ?,"
			    " password_changed_at = ?, updated_at = ? WHERE id = ?",
			(struct db_param[]){ PTEXT(hash), PINT(must_change), PINT(now), PINT(now),
					     PINT(id) }, 5);
}

int st_user_set_role(struct db *db, int64_t id, const char *role, int64_t region, int64_t org_id,
		     int64_t now)
{
	return exec_one(db, "UPDATE users SET role = ?, region_code = ?, org_id = ?, updated_at = ?"
			    " WHERE id = ?",
			(struct db_param[]){ PTEXT(role), PINT(region), PID(org_id), PINT(now),
					     PINT(id) }, 5);
}

int st_user_touch_login(struct db *db, int64_t id, int64_t now)
{
	return exec_one(db, "UPDATE users SET last_login_at = ? WHERE id = ?",
			(struct db_param[]){ PINT(now), PINT(id) }, 2);
}

int64_t st_user_count(struct db *db)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int64_t n = -1;
	if (!db_query(db, &a, "SELECT COUNT(*) FROM users", NULL, 0, &r))
		n = db_int(&r, 0, 0);
	arena_release(&a);
	return n;
}
