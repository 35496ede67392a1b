/* settings.c: run-time settings edited by the security administrator (see store.h), and the
 * planner statistics refresh the sweep asks for. */
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/store.h"

int st_setting_get(struct db *db, struct arena *a, const char *key, const char **value)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT value FROM settings WHERE key = ?",
			  (struct db_param[]){ PTEXT(key) }, 1, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	*value = db_text(&r, 0, 0);
	return ST_OK;
}

int st_setting_put(struct db *db, const char *key, const char *value)
{
	return db_exec(db, "INSERT INTO settings (key, value) VALUES (?, ?)"
			   " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		       (struct db_param[]){ PTEXT(key), PTEXT(value) }, 2);
}

int st_analyze(struct db *db, const char *table)
{
	/* the name is the caller's constant, never user input: only known tables are accepted */
	if (strcmp(table, "children") != 0 && strcmp(table, "visits") != 0 &&
	    strcmp(table, "warnings") != 0)
		return ST_INVALID;
	/* SQLite: no. Its planner chooses well for these queries without statistics, and with
	 * sqlite_stat1 it took another index for a town's overdue list (100x slower at 200,000
	 * children, bench/run-visits.sh); PostgreSQL keeps statistics anyway (autovacuum). */
	if (db->ops != &db_pg_ops)
		return ST_OK;
	char sql[64];
	snprintf(sql, sizeof sql, "ANALYZE %s", table);
	return db_exec(db, sql, NULL, 0);
}
