/* sqlite.c: the SQLite backend of the driver interface (db.h). WAL journal, foreign keys on,
 * a busy timeout so that concurrent writers wait instead of failing. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "store/db.h"

struct sqlite_db {
	struct db base;
	sqlite3 *h;
};

static int sq_script(struct db *db, const char *sql)
{
	struct sqlite_db *s = (struct sqlite_db *)db;
	char *msg = NULL;
	if (sqlite3_exec(s->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_error("sqlite: %s", msg ? msg : "error");
		sqlite3_free(msg);
		return ST_DB;
	}
	return ST_OK;
}

static int sq_open(const char *path, struct db **out, struct err *e)
{
	struct sqlite_db *s = calloc(1, sizeof *s);
	if (!s)
		return err_set(e, ST_INTERNAL, NULL, "out of memory");
	s->base.ops = &db_sqlite_ops;
	int rc = sqlite3_open_v2(path, &s->h,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, ST_DB, "database", "cannot open SQLite database %s: %s", path,
			s->h ? sqlite3_errmsg(s->h) : sqlite3_errstr(rc));
		sqlite3_close(s->h);
		free(s);
		return ST_DB;
	}
	sqlite3_busy_timeout(s->h, 10000);
	sqlite3_extended_result_codes(s->h, 1);
	if (sq_script(&s->base, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
				"PRAGMA synchronous=NORMAL;")) {
		sqlite3_close(s->h);
		free(s);
		return err_set(e, ST_DB, "database", "cannot configure SQLite database %s", path);
	}
	*out = &s->base;
	return ST_OK;
}

static void sq_close(struct db *db)
{
	struct sqlite_db *s = (struct sqlite_db *)db;
	if (!s)
		return;
	sqlite3_close(s->h);
	free(s);
}

static int map_error(sqlite3 *h, int rc)
{
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return ST_CONFLICT;
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		log_warn("sqlite constraint: %s", sqlite3_errmsg(h));
		return ST_INVALID;
	}
	log_error("sqlite: %s (%d)", sqlite3_errmsg(h), rc);
	return ST_DB;
}

static int sq_query(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
		    int np, struct db_res *res)
{
	struct sqlite_db *s = (struct sqlite_db *)db;
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(s->h, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return map_error(s->h, rc);
	for (int i = 0; i < np; i++) {
		if (p[i].t == DBP_INT)
			rc = sqlite3_bind_int64(stmt, i + 1, p[i].i);
		else if (p[i].t == DBP_TEXT)
			rc = sqlite3_bind_text(stmt, i + 1, p[i].s, -1, SQLITE_STATIC);
		else
			rc = sqlite3_bind_null(stmt, i + 1);
		if (rc != SQLITE_OK)
			goto out;
	}
	int ncols = sqlite3_column_count(stmt), cap = 0, nrows = 0;
	char **cells = NULL;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (!res)
			continue;
		if (nrows == cap) {
			int ncap = cap ? cap * 2 : 16;
			char **n = arena_alloc(a, sizeof(char *) * (size_t)ncap * (size_t)ncols + 1);
			if (cells)
				memcpy(n, cells, sizeof(char *) * (size_t)cap * (size_t)ncols);
			cells = n;
			cap = ncap;
		}
		for (int c = 0; c < ncols; c++) {
			const unsigned char *t = sqlite3_column_text(stmt, c);
			cells[nrows * ncols + c] =
				t ? arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(stmt, c))
				  : NULL;
		}
		nrows++;
	}
	if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
		if (res) {
			res->nrows = nrows;
			res->ncols = ncols;
			res->cells = cells;
		}
	}
out:
	if (rc != SQLITE_OK) {
		int st = map_error(s->h, rc);
		sqlite3_finalize(stmt);
		return st;
	}
	sqlite3_finalize(stmt);
	return ST_OK;
}

static int64_t sq_changes(struct db *db)
{
	return sqlite3_changes(((struct sqlite_db *)db)->h);
}

static int sq_healthy(struct db *db)
{
	return 1;
}

const struct db_ops db_sqlite_ops = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.query = sq_query,
	.changes = sq_changes,
	.script = sq_script,
	.begin_write = "BEGIN IMMEDIATE",
	.healthy = sq_healthy,
};
