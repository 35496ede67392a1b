/* pg.c: the PostgreSQL backend of the driver interface (db.h), through libpq. Statements are
 * written with `?` placeholders for both backends; this file rewrites them to $1, $2 ... */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "store/db.h"

/* Statements are prepared once per connection (named s0, s1, ...) and found again by their
 * text, as in sqlite.c. */
#define STMT_CACHE 64

struct pg_stmt {
	char *sql;
	uint64_t hash, used;
	int slot;
};

struct pg_db {
	struct db base;
	PGconn *conn;
	int64_t changes;
	struct pg_stmt cache[STMT_CACHE];
	uint64_t clock;
};

static void forget_statements(struct pg_db *p)
{
	for (int i = 0; i < STMT_CACHE; i++) {
		free(p->cache[i].sql);
		p->cache[i] = (struct pg_stmt){ 0 };
	}
}

static void quiet_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;   /* NOTICEs from migrations ("already exists, skipping") are not news */
}

static int pg_open(const char *target, struct db **out, struct err *e)
{
	struct pg_db *p = calloc(1, sizeof *p);
	if (!p)
		return err_set(e, ST_INTERNAL, NULL, "out of memory");
	p->base.ops = &db_pg_ops;
	p->conn = PQconnectdb(target);
	if (PQstatus(p->conn) != CONNECTION_OK) {
		/* libpq's message names host and database, never the password */
		err_set(e, ST_DB, "database", "cannot connect to PostgreSQL: %s",
			PQerrorMessage(p->conn));
		PQfinish(p->conn);
		free(p);
		return ST_DB;
	}
	PQsetNoticeProcessor(p->conn, quiet_notice, NULL);
	*out = &p->base;
	return ST_OK;
}

static void pg_close(struct db *db)
{
	struct pg_db *p = (struct pg_db *)db;
	if (!p)
		return;
	forget_statements(p);
	PQfinish(p->conn);
	free(p);
}

/* `?` → `$n`, leaving quoted literals and identifiers alone. */
static char *rewrite(struct arena *a, const char *sql)
{
	size_t n = strlen(sql);
	char *out = arena_alloc(a, n * 4 + 1), *o = out;
	int idx = 0;
	char quote = 0;
	for (const char *s = sql; *s; s++) {
		if (quote) {
			if (*s == quote)
				quote = 0;
		} else if (*s == '\'' || *s == '"') {
			quote = *s;
		} else if (*s == '?') {
			o += sprintf(o, "$%d", ++idx);
			continue;
		}
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

static int map_error(struct pg_db *p, PGresult *r)
{
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	if (state && strcmp(state, "23505") == 0)
		return ST_CONFLICT;
	if (state && strncmp(state, "23", 2) == 0) {
		log_warn("postgresql constraint: %s", PQresultErrorMessage(r));
		return ST_INVALID;
	}
	log_error("postgresql: %s", PQresultErrorMessage(r));
	return ST_DB;
}

static int pg_query(struct db *db, struct arena *a, const char *sql, const struct db_param *prm,
		    int np, struct db_res *res)
{
	struct pg_db *p = (struct pg_db *)db;
	const char **values = np ? arena_alloc(a, sizeof(char *) * (size_t)np) : NULL;
	for (int i = 0; i < np; i++) {
		if (prm[i].t == DBP_INT)
			values[i] = arena_printf(a, "%lld", (long long)prm[i].i);
		else if (prm[i].t == DBP_TEXT)
			values[i] = prm[i].s;
	}
	PGresult *r = NULL;
	uint64_t h = db_hash(sql);
	struct pg_stmt *hit = NULL, *victim = &p->cache[0];
	for (int i = 0; i < STMT_CACHE && !hit; i++) {
		struct pg_stmt *c = &p->cache[i];
		if (c->sql && c->hash == h && strcmp(c->sql, sql) == 0)
			hit = c;
		else if (!c->sql || c->used < victim->used)
			victim = c;
	}
	char name[16];
	if (!hit) {
		int slot = (int)(victim - p->cache);
		snprintf(name, sizeof name, "s%d", slot);
		if (victim->sql) {   /* the slot's old statement goes first */
			char dealloc[32];
			snprintf(dealloc, sizeof dealloc, "DEALLOCATE %s", name);
			PQclear(PQexec(p->conn, dealloc));
			free(victim->sql);
			*victim = (struct pg_stmt){ 0 };
		}
		PGresult *pr = PQprepare(p->conn, name, rewrite(a, sql), np, NULL);
		if (PQresultStatus(pr) == PGRES_COMMAND_OK && (victim->sql = strdup(sql))) {
			victim->hash = h;
			victim->slot = slot;
			hit = victim;
		}
		if (!hit) {   /* a statement that cannot be prepared reports its error as a query */
			PQclear(pr);
			r = PQexecParams(p->conn, rewrite(a, sql), np, NULL, values, NULL, NULL, 0);
		} else {
			PQclear(pr);
		}
	}
	if (hit) {
		hit->used = ++p->clock;
		snprintf(name, sizeof name, "s%d", hit->slot);
		r = PQexecPrepared(p->conn, name, np, values, NULL, NULL, 0);
	}
	ExecStatusType es = PQresultStatus(r);
	if (es != PGRES_COMMAND_OK && es != PGRES_TUPLES_OK) {
		int st = map_error(p, r);
		PQclear(r);
		return st;
	}
	const char *ct = PQcmdTuples(r);
	p->changes = ct && *ct ? strtoll(ct, NULL, 10) : 0;
	if (res) {
		int nrows = PQntuples(r), ncols = PQnfields(r);
		res->nrows = nrows;
		res->ncols = ncols;
		res->cells = arena_alloc(a, sizeof(char *) * ((size_t)nrows * (size_t)ncols + 1));
		for (int i = 0; i < nrows; i++)
			for (int c = 0; c < ncols; c++)
				res->cells[i * ncols + c] =
					PQgetisnull(r, i, c)
						? NULL
						: arena_strndup(a, PQgetvalue(r, i, c),
								(size_t)PQgetlength(r, i, c));
	}
	PQclear(r);
	return ST_OK;
}

static int64_t pg_changes(struct db *db)
{
	return ((struct pg_db *)db)->changes;
}

static int pg_script(struct db *db, const char *sql)
{
	struct pg_db *p = (struct pg_db *)db;
	PGresult *r = PQexec(p->conn, sql);
	int st = ST_OK;
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		st = map_error(p, r);
	PQclear(r);
	return st;
}

static int pg_healthy(struct db *db)
{
	struct pg_db *p = (struct pg_db *)db;
	if (PQstatus(p->conn) == CONNECTION_OK)
		return 1;
	forget_statements(p);   /* a new session has none of them */
	PQreset(p->conn);
	return PQstatus(p->conn) == CONNECTION_OK;
}

const struct db_ops db_pg_ops = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.query = pg_query,
	.changes = pg_changes,
	.script = pg_script,
	.begin_write = "BEGIN",
	.healthy = pg_healthy,
};
