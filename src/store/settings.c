/* settings.c: run-time settings edited by the security administrator (see store.h). */
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
