/* orgs.c: departments, schools and institutions, scoped by the region they belong to. */
#include "store/db.h"
#include "store/qb.h"
#include "store/store.h"

#define ORG_SELECT \
	"SELECT o.id, o.name, o.type, o.region_code, r.name FROM orgs o" \
	" JOIN regions r ON r.code = o.region_code"

static void read_row(const struct db_res *r, int i, struct org_row *o)
{
	o->id = db_int(r, i, 0);
	o->name = db_text(r, i, 1);
	o->type = db_text(r, i, 2);
	o->region_code = db_int(r, i, 3);
	o->region_name = db_text(r, i, 4);
}

static void org_where(struct qb *q, struct arena *a, const void *filter)
{
	const struct org_filter *f = filter;
	qb_scope(q, "o.region_code", f->scope.lo, f->scope.hi);
	if (f->within.hi)
		qb_scope(q, "o.region_code", f->within.lo, f->within.hi);
	if (f->type)
		qb_where(q, "o.type = ?", 1, PTEXT(f->type));
	if (f->q && *f->q)
		qb_where(q, "o.name LIKE ? ESCAPE '\\'", 1, PTEXT(db_like_contains(a, f->q)));
}

int st_org_list(struct db *db, struct arena *a, const struct org_filter *f, struct page pg,
		struct org_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	int st = qb_list(db, a, "SELECT COUNT(*) FROM orgs o", ORG_SELECT, " ORDER BY o.region_code, o.id",
			 org_where, f, pg.offset, pg.limit, &r, total);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_row);
	return ST_OK;
}

int st_org_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
	       struct org_row *out)
{
	struct db_res r;
	int st = db_query(db, a, ORG_SELECT " WHERE o.id = ? AND o.region_code BETWEEN ? AND ?",
			  (struct db_param[]){ PINT(id), PINT(sc->lo), PINT(sc->hi) }, 3, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_row(&r, 0, out);
	return ST_OK;
}

int st_org_find(struct db *db, int64_t region, const char *name, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, "SELECT id FROM orgs WHERE region_code = ? AND name = ?",
			  (struct db_param[]){ PINT(region), PTEXT(name) }, 2, &r);
	if (!st && r.nrows == 0)
		st = ST_NOT_FOUND;
	if (!st)
		*id = db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}

int st_org_insert(struct db *db, const char *name, const char *type, int64_t region, int64_t now,
		  int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, "INSERT INTO orgs (name, type, region_code, created_at, updated_at)"
				  " VALUES (?, ?, ?, ?, ?) RETURNING id",
			  (struct db_param[]){ PTEXT(name), PTEXT(type), PINT(region), PINT(now),
					       PINT(now) }, 5, &r);
	if (!st)
		*id = db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}

int st_org_update(struct db *db, const struct scope *sc, int64_t id, const char *name,
		  const char *type, int64_t region, int64_t now)
{
	int st = db_exec(db, "UPDATE orgs SET name = ?, type = ?, region_code = ?, updated_at = ?"
			     " WHERE id = ? AND region_code BETWEEN ? AND ?",
			 (struct db_param[]){ PTEXT(name), PTEXT(type), PINT(region), PINT(now),
					      PINT(id), PINT(sc->lo), PINT(sc->hi) }, 7);
	if (!st && db->ops->changes(db) == 0)
		return ST_NOT_FOUND;
	return st;
}
