/* settings.c: the security settings (lock policy, session timeouts, password age), edited by the
 * security administrator and kept in the database; a value given in the configuration file
 * overrides the stored one when the server starts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "common/buf.h"
#include "common/log.h"

static const struct {
	const char *key;
	size_t off;
	int lo, hi;
	unsigned cfg_flag;
} fields[] = {
	{ "lock_failures", offsetof(struct security_settings, lock_failures), 1, 100, CFG_SET_LOCKF },
	{ "lock_minutes", offsetof(struct security_settings, lock_minutes), 1, 1440, CFG_SET_LOCKM },
	{ "session_idle_seconds", offsetof(struct security_settings, session_idle_seconds), 1, 86400,
	  CFG_SET_IDLE },
	{ "session_max_seconds", offsetof(struct security_settings, session_max_seconds), 60,
	  7 * 86400, CFG_SET_MAX },
	{ "password_max_age_days", offsetof(struct security_settings, password_max_age_days), 1,
	  3650, CFG_SET_PWAGE },
};
#define NFIELDS (sizeof fields / sizeof fields[0])

static int *field(struct security_settings *s, size_t i)
{
	return (int *)((char *)s + fields[i].off);
}

int settings_load(struct app *app, struct err *e)
{
	const struct config *cfg = &app->cfg;
	struct security_settings s = {
		.lock_failures = cfg->lock_failures, .lock_minutes = cfg->lock_minutes,
		.session_idle_seconds = cfg->session_idle_seconds,
		.session_max_seconds = cfg->session_max_seconds,
		.password_max_age_days = cfg->password_max_age_days,
	};
	struct db *db = store_acquire(app->store);
	struct arena a = ARENA_INIT;
	for (size_t i = 0; i < NFIELDS; i++) {
		const char *v;
		if (cfg->set_mask & fields[i].cfg_flag)
			continue;   /* the configuration file wins */
		if (st_setting_get(db, &a, fields[i].key, &v) == ST_OK) {
			int n = atoi(v);
			if (n >= fields[i].lo && n <= fields[i].hi)
				*field(&s, i) = n;
		}
	}
	arena_release(&a);
	store_release(app->store, db);
	pthread_mutex_lock(&app->mu);
	app->sec = s;
	pthread_mutex_unlock(&app->mu);
	(void)e;
	return ST_OK;
}

int settings_get(struct ctx *c, struct security_settings *out, struct err *e)
{
	int st = app_require(c, PERM_SECURITY_SETTINGS, e);
	if (!st)
		*out = app_security(c->app);
	return st;
}

int settings_put(struct ctx *c, const struct security_settings *in, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "settings.update", .object_type = "settings" };
	int st = app_require(c, PERM_SECURITY_SETTINGS, e);
	struct security_settings s = *in;
	struct buf detail;
	buf_init(&detail, 1024);
	for (size_t i = 0; !st && i < NFIELDS; i++) {
		int v = *field(&s, i);
		if (v < fields[i].lo || v > fields[i].hi) {
			st = err_set(e, ST_INVALID, fields[i].key, "取值应在 %d 至 %d 之间",
				     fields[i].lo, fields[i].hi);
			break;
		}
		char num[16];
		snprintf(num, sizeof num, "%d", v);
		st = st_setting_put(db, fields[i].key, num);
		buf_printf(&detail, "%s%s=%d", i ? " " : "", fields[i].key, v);
	}
	act.detail = detail.data ? arena_strdup(c->a, detail.data) : NULL;
	buf_free(&detail);
	st = app_finish(c, db, st, &act, e);
	if (!st) {
		pthread_mutex_lock(&c->app->mu);
		c->app->sec = s;
		pthread_mutex_unlock(&c->app->mu);
	}
	return st;
}
