/* store.c: the connection pool, transactions and migrations (see store.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/timeutil.h"
#include "store/db.h"
#include "store/store.h"

struct store {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct db **all, **idle;
	int n, nidle;
	const struct db_ops *ops;
};

int store_open(const char *url, int pool_size, struct store **out, struct err *e)
{
	if (pool_size < 1)
		pool_size = 1;
	struct store *s = calloc(1, sizeof *s);
	if (!s)
		return err_set(e, ST_INTERNAL, NULL, "out of memory");
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->all = calloc((size_t)pool_size, sizeof *s->all);
	s->idle = calloc((size_t)pool_size, sizeof *s->idle);
	if (!s->all || !s->idle) {
		store_close(s);
		return err_set(e, ST_INTERNAL, NULL, "out of memory");
	}
	for (int i = 0; i < pool_size; i++) {
		int st = db_open(url, &s->all[i], e);
		if (st) {
			store_close(s);
			return st;
		}
		s->n++;
		s->idle[s->nidle++] = s->all[i];
	}
	s->ops = s->all[0]->ops;
	*out = s;
	return ST_OK;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n; i++)
		s->all[i]->ops->close(s->all[i]);
	free(s->all);
	free(s->idle);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	free(s);
}

const char *store_backend(const struct store *s)
{
	return s->ops->name;
}

struct db *store_acquire(struct store *s)
{
	pthread_mutex_lock(&s->mu);
	while (s->nidle == 0)
		pthread_cond_wait(&s->cv, &s->mu);
	struct db *db = s->idle[--s->nidle];
	pthread_mutex_unlock(&s->mu);
	if (!db->ops->healthy(db))
		log_error("database connection lost and could not be re-established");
	return db;
}

void store_release(struct store *s, struct db *db)
{
	if (db->in_tx) {
		log_error("connection released inside a transaction: rolled back");
		db_rollback(db);
	}
	pthread_mutex_lock(&s->mu);
	s->idle[s->nidle++] = db;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

int tx_begin(struct db *db, int write)
{
	return db_begin(db, write);
}

int tx_commit(struct db *db)
{
	return db_commit(db);
}

void tx_rollback(struct db *db)
{
	db_rollback(db);
}

/* ---- migrations: embedded at build time from src/store/migrations/<backend>/ ---- */
extern const char mig_sqlite_0001[], mig_pg_0001[], mig_sqlite_0002[], mig_pg_0002[];
extern const char mig_sqlite_0003[], mig_pg_0003[];
extern const char mig_sqlite_0004[], mig_pg_0004[];
extern const char mig_sqlite_0005[], mig_pg_0005[], mig_sqlite_0006[], mig_pg_0006[];
extern const char mig_sqlite_0007[], mig_pg_0007[], mig_sqlite_0008[], mig_pg_0008[];
extern const char mig_sqlite_0009[], mig_pg_0009[];

struct migration {
	int version;
	const char *sqlite, *pg;
};

static const struct migration migrations[] = {
	{ 1, mig_sqlite_0001, mig_pg_0001 },
	{ 2, mig_sqlite_0002, mig_pg_0002 },
	{ 3, mig_sqlite_0003, mig_pg_0003 },
	{ 4, mig_sqlite_0004, mig_pg_0004 },
	{ 5, mig_sqlite_0005, mig_pg_0005 },   /* issue 5: the child's protection facts */
	{ 6, mig_sqlite_0006, mig_pg_0006 },   /* mandatory reports (强制报告) */
	{ 7, mig_sqlite_0007, mig_pg_0007 },   /* guardianship assessment, entrusted care, family education */
	{ 8, mig_sqlite_0008, mig_pg_0008 },   /* interventions and placements */
	{ 9, mig_sqlite_0009, mig_pg_0009 },   /* psychological care */
};

int store_migrate(struct store *s, struct err *e)
{
	struct db *db = store_acquire(s);
	int is_pg = db->ops == &db_pg_ops;
	struct arena a = ARENA_INIT;
	int st = db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
			     " applied_at BIGINT NOT NULL)", NULL, 0);
	for (size_t i = 0; !st && i < sizeof migrations / sizeof migrations[0]; i++) {
		const struct migration *m = &migrations[i];
		struct db_res r;
		st = db_begin(db, 1);
		if (!st && is_pg)   /* one migrator at a time */
			st = db_exec(db, "LOCK TABLE schema_migrations IN EXCLUSIVE MODE", NULL, 0);
		if (!st)
			st = db_query(db, &a, "SELECT 1 FROM schema_migrations WHERE version = ?",
				      (struct db_param[]){ PINT(m->version) }, 1, &r);
		if (!st && r.nrows == 0) {
			st = db->ops->script(db, is_pg ? m->pg : m->sqlite);
			if (!st)
				st = db_exec(db, "INSERT INTO schema_migrations VALUES (?, ?)",
					     (struct db_param[]){ PINT(m->version), PINT(clock_now_ms()) }, 2);
			if (!st)
				log_info("applied migration %04d", m->version);
		}
		if (st)
			db_rollback(db);
		else
			st = db_commit(db);
	}
	arena_release(&a);
	store_release(s, db);
	if (st)
		return err_set(e, st, NULL, "database migration failed (see the log)");
	return ST_OK;
}
