/* db.c: backend selection and helpers shared by both drivers (see db.h). */
#include "store/db.h"

#include <stdlib.h>
#include <string.h>

#include "common/log.h"

int db_open(const char *url, struct db **out, struct err *e)
{
	if (strncmp(url, "sqlite:", 7) == 0)
		return db_sqlite_ops.open(url + 7, out, e);
	if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0)
		return db_pg_ops.open(url, out, e);
	if (strncmp(url, "postgresql:", 11) == 0)
		return db_pg_ops.open(url + 11, out, e);
	return err_set(e, ST_INVALID, "database",
		       "database must start with sqlite: or postgresql: (got an unknown scheme)");
}

int db_exec(struct db *db, const char *sql, const struct db_param *p, int np)
{
	struct arena a = ARENA_INIT;
	int st = db->ops->query(db, &a, sql, p, np, NULL);
	arena_release(&a);
	return st;
}

const char *db_text(const struct db_res *r, int row, int col)
{
	if (row < 0 || row >= r->nrows || col < 0 || col >= r->ncols)
		return NULL;
	return r->cells[row * r->ncols + col];
}

int64_t db_int(const struct db_res *r, int row, int col)
{
	const char *s = db_text(r, row, col);
	return s ? strtoll(s, NULL, 10) : 0;
}

int db_is_null(const struct db_res *r, int row, int col)
{
	return db_text(r, row, col) == NULL;
}

static void release_write(struct db *db)
{
	if (db->holds_write) {
		db->holds_write = 0;
		db->ops->write_unlock(db);
	}
}

int db_begin(struct db *db, int write)
{
	if (write && db->ops->write_lock) {
		db->ops->write_lock(db);
		db->holds_write = 1;
	}
	int st = db_exec(db, write ? db->ops->begin_write : "BEGIN", NULL, 0);
	if (!st)
		db->in_tx = 1;
	else
		release_write(db);
	return st;
}

int db_commit(struct db *db)
{
	int st = db_exec(db, "COMMIT", NULL, 0);
	if (st)
		db_rollback(db);
	db->in_tx = 0;
	release_write(db);
	return st;
}

void db_rollback(struct db *db)
{
	if (db->in_tx && db_exec(db, "ROLLBACK", NULL, 0) != ST_OK)
		log_error("rollback failed");
	db->in_tx = 0;
	release_write(db);
}

char *db_like_contains(struct arena *a, const char *text)
{
	size_t n = strlen(text);
	char *p = arena_alloc(a, n * 2 + 3), *o = p;
	*o++ = '%';
	for (const char *s = text; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o++ = '%';
	*o = '\0';
	return p;
}

uint64_t db_hash(const char *sql)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *sql; sql++)
		h = (h ^ (unsigned char)*sql) * 1099511628211ULL;
	return h;
}
