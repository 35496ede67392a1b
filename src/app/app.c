/* app.c: lifecycle, permission checks, and the audited transaction (see app.h). */
#include "app/app.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "app/session_cache.h"
#include "domain/region.h"

int app_open(struct app *app, const struct config *cfg, int pool_size, struct err *e)
{
	memset(app, 0, sizeof *app);
	app->cfg = *cfg;
	pthread_mutex_init(&app->mu, NULL);
	if (cfg->test_clock_offset_days)   /* tests only: "N days later" */
		clock_set_offset_ms((int64_t)cfg->test_clock_offset_days * DAY_MS);
	if (crypto_setup() != 0)
		return err_set(e, ST_INTERNAL, NULL, "libsodium failed to initialise");
	app->sessions = session_cache_new();
	if (!app->sessions)
		return err_set(e, ST_INTERNAL, NULL, "out of memory");
	int st = keys_load_or_create(cfg->key_file, &app->keys, e);
	if (!st && fieldcrypt_init(&app->fc, &app->keys, cfg->field_cipher) != 0)
		st = err_set(e, ST_INVALID, "field_cipher", "field_cipher must be sm4 or xchacha20");
	if (!st)
		st = store_open(cfg->database, pool_size, &app->store, e);
	if (!st)
		st = store_migrate(app->store, e);
	if (!st)
		st = settings_load(app, e);
	return st;
}

void app_close(struct app *app)
{
	store_close(app->store);
	app->store = NULL;
	session_cache_free(app->sessions);
	app->sessions = NULL;
	visit_settings_cache_free(app);
	secure_zero(&app->keys, sizeof app->keys);
	fieldcrypt_wipe(&app->fc);
	pthread_mutex_destroy(&app->mu);
}

struct security_settings app_security(struct app *app)
{
	pthread_mutex_lock(&app->mu);
	struct security_settings s = app->sec;
	pthread_mutex_unlock(&app->mu);
	return s;
}

const struct principal *app_system_principal(void)
{
	static const struct principal sys = {
		.username = "system",
		.display_name = "系统",
		.scope = { .lo = 0, .hi = REGION_CODE_MAX },
	};
	return &sys;
}

int app_require(const struct ctx *c, uint32_t perm, struct err *e)
{
	if (c->who == app_system_principal())
		return ST_OK;
	if (!c->who || !c->who->role || !(c->who->role->perms & perm))
		return err_set(e, ST_FORBIDDEN, NULL, "您没有执行此操作的权限");
	return ST_OK;
}

struct page app_page(int page, int page_size)
{
	if (page < 1)
		page = 1;
	if (page_size < 1)
		page_size = 20;
	if (page_size > 100)
		page_size = 100;
	if (page > 1000000)
		page = 1000000;
	return (struct page){ .offset = (page - 1) * page_size, .limit = page_size };
}

struct db *app_begin(struct ctx *c, int write, struct err *e)
{
	struct db *db = store_acquire(c->app->store);
	if (tx_begin(db, write) != ST_OK) {
		store_release(c->app->store, db);
		err_set(e, ST_DB, NULL, "数据库暂时不可用，请稍后再试");
		return NULL;
	}
	return db;
}

/* The chain: each row's hash is an HMAC (key outside the database) over the previous hash and
 * the row's fields, each written as "<length>:<bytes>" so no two rows encode alike. */
static void chain_hash(const struct keys *k, const char *prev, const struct audit_row *r,
		       char out[65])
{
	char num[6][24];
	snprintf(num[0], sizeof num[0], "%lld", (long long)r->seq);
	snprintf(num[1], sizeof num[1], "%lld", (long long)r->at);
	snprintf(num[2], sizeof num[2], "%lld", (long long)r->user_id);
	snprintf(num[3], sizeof num[3], "%lld", (long long)r->region_code);
	const char *fields[] = { prev, num[0], num[1], num[2], r->username, r->ip, r->action,
				 r->object_type, r->object_id, num[3], r->outcome, r->detail };
	struct buf b;
	buf_init(&b, 1 << 20);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *f = fields[i] ? fields[i] : "";
		buf_printf(&b, "%zu:", strlen(f));
		buf_puts(&b, f);
	}
	hmac_sha256_hex(k->audit, b.data, b.len, out);
	buf_free(&b);
}

int audit_row_hash_ok(const struct keys *k, const char *prev, const struct audit_row *r);
int audit_row_hash_ok(const struct keys *k, const char *prev, const struct audit_row *r)
{
	char h[65];
	chain_hash(k, prev, r, h);
	return r->hash && hex_equal(h, r->hash);
}

int audit_append(struct ctx *c, struct db *db, const struct action *act, const char *outcome)
{
	const struct principal *who = c->who ? c->who : app_system_principal();
	struct audit_row r = {
		.at = clock_now_ms(),
		.user_id = who->user_id,
		.username = who->username ? who->username : "anonymous",
		.ip = c->ip,
		.action = act->name,
		.object_type = act->object_type,
		.object_id = act->object_id[0] ? act->object_id : NULL,
		.region_code = act->region_code,
		.outcome = outcome,
		.detail = act->detail,
	};
	const char *prev;
	int st = st_audit_next(db, c->a, &r.seq, &prev);
	if (st)
		return st;
	char h[65];
	chain_hash(&c->app->keys, prev, &r, h);
	r.hash = h;
	return st_audit_insert(db, &r);
}

int app_finish(struct ctx *c, struct db *db, int st, struct action *act, struct err *e)
{
	if (!st && act)
		st = audit_append(c, db, act, "success");
	if (!st) {
		st = tx_commit(db);
		if (st)
			err_set(e, st, NULL, "保存失败，请稍后再试");
	} else {
		tx_rollback(db);
	}
	if (st && act && st != ST_DB && st != ST_INTERNAL) {
		/* the attempt itself is recorded, whatever became of it */
		const char *outcome = st == ST_FORBIDDEN ? "denied" : "failure";
		if (tx_begin(db, 1) == ST_OK) {
			if (audit_append(c, db, act, outcome) == ST_OK)
				tx_commit(db);
			else
				tx_rollback(db);
		}
	}
	store_release(c->app->store, db);
	if (st && e && e->status != st)
		err_set(e, st, NULL, st == ST_NOT_FOUND ? "记录不存在" : "操作失败");
	return st;
}
