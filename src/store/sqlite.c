/* sqlite.c: the SQLite backend of the driver interface (db.h). WAL journal, foreign keys on,
 * a busy timeout so that concurrent writers wait instead of failing. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "store/db.h"

/* Prepared statements are kept per connection, keyed by their text: preparing the same joins on
 * every request cost more than running them. */
#define STMT_CACHE 64

struct cached_stmt {
	char *sql;
	uint64_t hash, used;
	sqlite3_stmt *stmt;
};

struct sqlite_db {
	struct db base;
	sqlite3 *h;
	struct cached_stmt cache[STMT_CACHE];
	uint64_t clock;
};

/* Returns a ready statement (reset, no bindings) for sql, preparing and caching it if new. */
static int stmt_get(struct sqlite_db *s, const char *sql, sqlite3_stmt **out)
{
	uint64_t h = db_hash(sql);
	struct cached_stmt *victim = &s->cache[0];
	for (int i = 0; i < STMT_CACHE; i++) {
		struct cached_stmt *c = &s->cache[i];
		if (c->stmt && c->hash == h && strcmp(c->sql, sql) == 0) {
			c->used = ++s->clock;
			*out = c->stmt;
			return SQLITE_OK;
		}
		if (!c->stmt || c->used < victim->used)
			victim = c;
	}
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v3(s->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	char *copy = strdup(sql);
	if (!copy) {
		*out = stmt;   /* uncached: the caller's release finalizes it */
		return SQLITE_OK;
	}
	sqlite3_finalize(victim->stmt);
	free(victim->sql);
	*victim = (struct cached_stmt){ copy, h, ++s->clock, stmt };
	*out = stmt;
	return SQLITE_OK;
}

static void stmt_release(struct sqlite_db *s, sqlite3_stmt *stmt)
{
	for (int i = 0; i < STMT_CACHE; i++)
		if (s->cache[i].stmt == stmt) {
			sqlite3_reset(stmt);
			sqlite3_clear_bindings(stmt);
			return;
		}
	sqlite3_finalize(stmt);
}

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
	/* mmap: pages are read without a pread per page; a larger cache for the joins */
	if (sq_script(&s->base, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
				"PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824;"
				"PRAGMA cache_size=-16384;")) {
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
	for (int i = 0; i < STMT_CACHE; i++) {
		sqlite3_finalize(s->cache[i].stmt);
		free(s->cache[i].sql);
	}
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
	int rc = stmt_get(s, sql, &stmt);
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
		stmt_release(s, stmt);
		return st;
	}
	stmt_release(s, stmt);
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

/* One writer at a time per process (a deployment has one database file); other processes, like
 * the command line, still meet SQLite's own lock and busy timeout. */
static pthread_mutex_t write_mu = PTHREAD_MUTEX_INITIALIZER;

static void sq_write_lock(struct db *db)
{
	pthread_mutex_lock(&write_mu);
}

static void sq_write_unlock(struct db *db)
{
	pthread_mutex_unlock(&write_mu);
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
	.write_lock = sq_write_lock,
	.write_unlock = sq_write_unlock,
};
