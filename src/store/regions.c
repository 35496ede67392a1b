/* regions.c: the division tree (see store.h). */
#include "store/db.h"
#include "store/store.h"

#define REGION_COLS \
	"r.code, r.parent, r.name, r.level, " \
	"CASE WHEN EXISTS (SELECT 1 FROM regions c WHERE c.parent = r.code) THEN 1 ELSE 0 END," \
	" (SELECT p.name FROM regions p WHERE p.code = r.parent)"

static void read_row(const struct db_res *r, int i, struct region_row *o)
{
	o->code = db_int(r, i, 0);
	o->parent = db_int(r, i, 1);
	o->name = db_text(r, i, 2);
	o->level = (int)db_int(r, i, 3);
	o->has_children = (int)db_int(r, i, 4);
	o->parent_name = db_text(r, i, 5);
}

static int read_rows(struct arena *a, const struct db_res *r, struct region_row **rows, int *n)
{
	DB_READ_ROWS(a, r, rows, n, read_row);
	return ST_OK;
}

int st_region_get(struct db *db, struct arena *a, const struct scope *sc, int64_t code,
		  struct region_row *out)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " REGION_COLS " FROM regions r"
				 " WHERE r.code = ? AND r.code BETWEEN ? AND ?",
			  (struct db_param[]){ PINT(code), PINT(sc->lo), PINT(sc->hi) }, 3, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_row(&r, 0, out);
	return ST_OK;
}

int st_region_children(struct db *db, struct arena *a, const struct scope *sc, int64_t parent,
		       struct region_row **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " REGION_COLS " FROM regions r"
				 " WHERE r.parent = ? AND r.code BETWEEN ? AND ? ORDER BY r.code",
			  (struct db_param[]){ PINT(parent), PINT(sc->lo), PINT(sc->hi) }, 3, &r);
	return st ? st : read_rows(a, &r, rows, n);
}

int st_region_search(struct db *db, struct arena *a, const struct scope *sc, const char *q,
		     int limit, struct region_row **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " REGION_COLS " FROM regions r"
				 " WHERE r.code BETWEEN ? AND ? AND r.name LIKE ? ESCAPE '\\'"
				 " ORDER BY r.level, r.code LIMIT ?",
			  (struct db_param[]){ PINT(sc->lo), PINT(sc->hi),
					       PTEXT(db_like_contains(a, q)), PINT(limit) }, 4, &r);
	return st ? st : read_rows(a, &r, rows, n);
}

int st_region_upsert(struct db *db, int64_t code, int64_t parent, const char *name, int level)
{
	return db_exec(db, "INSERT INTO regions (code, parent, name, level) VALUES (?, ?, ?, ?)"
			   " ON CONFLICT (code) DO UPDATE SET parent = excluded.parent,"
			   " name = excluded.name, level = excluded.level",
		       (struct db_param[]){ PINT(code), PID(parent), PTEXT(name), PINT(level) }, 4);
}

int st_region_count(struct db *db, const struct scope *sc, int64_t *n)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, "SELECT COUNT(*) FROM regions WHERE code BETWEEN ? AND ?",
			  (struct db_param[]){ PINT(sc->lo), PINT(sc->hi) }, 2, &r);
	if (!st)
		*n = db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}

int st_region_first(struct db *db, const struct scope *sc, int level, int64_t *code)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, "SELECT MIN(code) FROM regions WHERE code BETWEEN ? AND ? AND level = ?",
			  (struct db_param[]){ PINT(sc->lo), PINT(sc->hi), PINT(level) }, 3, &r);
	if (!st && db_is_null(&r, 0, 0))
		st = ST_NOT_FOUND;
	if (!st)
		*code = db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}
