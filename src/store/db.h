/* db.h: the database driver interface (after SQLite's VFS: a table of function pointers with one
 * implementation per backend, sqlite.c and pg.c). Above it, SQL is written once in the dialect
 * both backends share (`?` placeholders, RETURNING, ON CONFLICT, LIMIT/OFFSET; integers for
 * instants and flags); only migrations differ per backend. Only src/store includes this file. */
#ifndef SHOUHU_DB_H
#define SHOUHU_DB_H

#include <stdint.h>

#include "common/arena.h"
#include "common/status.h"

enum db_ptype { DBP_NULL, DBP_INT, DBP_TEXT };

struct db_param {
	enum db_ptype t;
	int64_t i;
	const char *s;
};

#define PINT(v) ((struct db_param){ .t = DBP_INT, .i = (v) })
#define PTEXT(v) ((struct db_param){ .t = (v) ? DBP_TEXT : DBP_NULL, .s = (v) })
#define PNULL ((struct db_param){ .t = DBP_NULL })
/* An optional id: 0 means NULL. */
#define PID(v) ((v) ? PINT(v) : PNULL)

/* A materialised result: every cell as text (NULL for SQL NULL), allocated in the caller's arena. */
struct db_res {
	int nrows, ncols;
	char **cells;   /* row-major */
};

struct db;

struct db_ops {
	const char *name;
	int (*open)(const char *target, struct db **out, struct err *e);
	void (*close)(struct db *db);
	/* Runs one statement. res may be NULL when no rows are wanted. Returns ST_OK, ST_CONFLICT
	 * (unique violation), ST_INVALID (other constraint) or ST_DB (logged). */
	int (*query)(struct db *db, struct arena *a, const char *sql, const struct db_param *p,
		     int np, struct db_res *res);
	int64_t (*changes)(struct db *db);
	int (*script)(struct db *db, const char *sql);   /* several statements, no parameters */
	const char *begin_write;                          /* statement that starts a write tx */
	int (*healthy)(struct db *db);
	/* Optional: taken before a write transaction starts and released after it ends. SQLite
	 * queues its writers here instead of in its busy handler, whose sleeps (up to 100 ms)
	 * make the tail latency of concurrent writers long. */
	void (*write_lock)(struct db *db);
	void (*write_unlock)(struct db *db);
};

struct db {
	const struct db_ops *ops;
	int in_tx, holds_write;
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

/* Picks the backend by the URL's scheme: "sqlite:PATH", "postgresql://..." or "postgresql:KEYWORDS". */
int db_open(const char *url, struct db **out, struct err *e);

static inline int db_query(struct db *db, struct arena *a, const char *sql,
			   const struct db_param *p, int np, struct db_res *res)
{
	return db->ops->query(db, a, sql, p, np, res);
}

int db_exec(struct db *db, const char *sql, const struct db_param *p, int np);
const char *db_text(const struct db_res *r, int row, int col);   /* NULL for SQL NULL */
int64_t db_int(const struct db_res *r, int row, int col);        /* 0 for NULL */
int db_is_null(const struct db_res *r, int row, int col);

/* Transactions: db_begin(db, 1) takes the write lock at once (SQLite BEGIN IMMEDIATE), so a
 * transaction that will write never fails half-way on a lock upgrade. */
int db_begin(struct db *db, int write);
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* Fills *rows (arena-allocated, one spare zeroed element) with read(res, i, &(*rows)[i]) for
 * every row of res, and *n with their count: the end of every list function. */
#define DB_READ_ROWS(a, res, rows, n, read)                                                   \
	do {                                                                                  \
		*(rows) = arena_alloc((a), sizeof **(rows) * (size_t)((res)->nrows + 1));     \
		for (int i_ = 0; i_ < (res)->nrows; i_++)                                     \
			read((res), i_, &(*(rows))[i_]);                                      \
		*(n) = (res)->nrows;                                                          \
	} while (0)

/* FNV-1a of a statement's text, the key of the drivers' statement caches. */
uint64_t db_hash(const char *sql);

/* Escapes % _ and \ for use in `LIKE ? ESCAPE '\'` and wraps the text in %...%. */
char *db_like_contains(struct arena *a, const char *text);

#endif
