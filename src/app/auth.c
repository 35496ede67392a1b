/* auth.c: login, sessions, logout and password change (R2). An unknown username walks the same
 * path as a known one — the same password-hash work, the same failure counting and lock — so
 * nothing in the answers tells whether an account exists. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/session_cache.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "domain/auth_rules.h"
#include "domain/region.h"

#define USERNAME_MAX 64

void principal_from_user(struct arena *a, const struct user_row *u, struct principal *p)
{
	memset(p, 0, sizeof *p);
	p->user_id = u->id;
	p->username = u->username;
	p->display_name = u->display_name;
	p->role = role_find(u->role);
	if (!p->role)
		p->role = role_find("none");
	p->region_code = u->region_code;
	p->region_name = u->region_name;
	p->org_id = u->org_id;
	p->org_name = u->org_name;
	region_range(u->region_code, &p->scope.lo, &p->scope.hi);
	/* R2: schools see their own pupils; volunteers only the children paired with them */
	if (strcmp(p->role->code, "school") == 0)
		p->scope.school_org = u->org_id ? u->org_id : -1;
	if (strcmp(p->role->code, "volunteer") == 0)
		p->scope.paired_org = u->org_id ? u->org_id : -1;
	p->must_change_password = u->must_change_password;
	(void)a;
}

static void lower_ascii(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static int login_log(struct ctx *c, struct db *db, const char *username, int64_t user_id,
		     const char *outcome, const char *reason)
{
	struct login_row l = {
		.at = clock_now_ms(), .username = username, .user_id = user_id, .outcome = outcome,
		.reason = reason, .ip = c->ip, .user_agent = c->user_agent,
	};
	return st_login_insert(db, &l);
}

static int locked_error(struct err *e, int minutes)
{
	return err_set(e, ST_LOCKED, NULL, "登录失败次数过多，账户已锁定，请%d分钟后再试",
		       minutes > 0 ? minutes : 1);
}

int auth_login(struct ctx *c, const char *username_in, const char *password,
	       struct login_result *out, struct err *e)
{
	if (strlen(username_in) > USERNAME_MAX || strlen(password) > PASSWORD_MAX_BYTES)
		return err_set(e, ST_BAD_CRED, NULL, "用户名或密码错误");
	char *username = arena_strdup(c->a, username_in);
	lower_ascii(username);
	struct security_settings sec = app_security(c->app);
	struct lock_policy policy = { sec.lock_failures, (int64_t)sec.lock_minutes * 60000 };

	/* 1. read state without holding the write lock during the slow hash */
	struct db *db = store_acquire(c->app->store);
	struct lock_state ls;
	struct user_row u;
	int st = st_throttle_get(db, username, &ls.failures, &ls.locked_until);
	int found = 0;
	if (!st) {
		st = st_user_by_username(db, c->a, username, &u);
		found = st == ST_OK;
		if (st == ST_NOT_FOUND)
			st = ST_OK;
	}
	store_release(c->app->store, db);
	if (st)
		return err_set(e, st, NULL, "数据库暂时不可用，请稍后再试");
	int64_t now = clock_now_ms();
	int locked = lock_is_locked(&ls, now);
	/* the hash runs even when locked or unknown: the same time for every answer */
	int match = password_verify(found ? u.password_hash : password_dummy_hash(), password) && found;

	/* 2. record the outcome */
	db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	const char *reason = NULL;
	int result = ST_OK;
	if (locked) {
		result = locked_error(e, lock_minutes_left(&ls, now));
		st = login_log(c, db, username, found ? u.id : 0, "locked", "locked");
	} else if (!match || strcmp(u.status, "active") != 0) {
		reason = !found ? "unknown_user" : !match ? "bad_password" : "disabled";
		st = st_throttle_get(db, username, &ls.failures, &ls.locked_until);
		if (!st) {
			lock_on_failure(&ls, &policy, now);
			st = st_throttle_put(db, username, ls.failures, ls.locked_until);
		}
		if (!st)
			st = login_log(c, db, username, found ? u.id : 0, "failure", reason);
		if (lock_is_locked(&ls, now))
			result = locked_error(e, lock_minutes_left(&ls, now));
		else if (match)
			result = err_set(e, ST_BAD_CRED, NULL, "账户已停用，请联系系统管理员");
		else
			result = err_set(e, ST_BAD_CRED, NULL, "用户名或密码错误");
	} else {
		char token_hash[65], csrf[TOKEN_LEN + 1];
		random_token(out->token);
		random_token(csrf);
		sha256_hex(out->token, strlen(out->token), token_hash);
		int64_t sid;
		st = st_throttle_clear(db, username);
		if (!st)
			st = st_session_insert(db, token_hash, u.id, csrf, now, c->ip, c->user_agent, &sid);
		if (!st)
			st = st_user_touch_login(db, u.id, now);
		if (!st)
			st = login_log(c, db, username, u.id, "success", NULL);
		if (!st) {
			principal_from_user(c->a, &u, &out->who);
			out->who.session_id = sid;
			out->who.csrf = arena_strdup(c->a, csrf);
			out->who.must_change_password = password_change_due(
				u.must_change_password, u.password_changed_at,
				sec.password_max_age_days, now);
		}
	}
	if (st) {
		tx_rollback(db);
		store_release(c->app->store, db);
		return err_set(e, st, NULL, "数据库暂时不可用，请稍后再试");
	}
	st = tx_commit(db);
	store_release(c->app->store, db);
	if (st)
		return err_set(e, st, NULL, "数据库暂时不可用，请稍后再试");
	return result;
}

/* last_seen is written at most every 10 s: idle time is exact to that, writes stay rare */
#define TOUCH_EVERY_MS 10000

static int session_from_cache(struct ctx *c, const char *token_hash,
			      const struct session_policy *pol, int64_t now, struct principal *out)
{
	int64_t created, last_seen, stored;
	if (!session_cache_get(c->app->sessions, token_hash, now, c->a, out, &created, &last_seen,
			       &stored))
		return 0;
	if (session_is_expired(created, last_seen, pol, now)) {
		session_cache_drop(c->app->sessions, token_hash);
		return 0;   /* the database path ends it */
	}
	int store_it = now - stored >= TOUCH_EVERY_MS;
	if (store_it) {
		struct db *db = store_acquire(c->app->store);
		store_it = st_session_touch(db, out->session_id, now) == ST_OK;
		store_release(c->app->store, db);
	}
	session_cache_touch(c->app->sessions, token_hash, now, store_it);
	return 1;
}

int auth_session(struct ctx *c, const char *token, struct principal *out, struct err *e)
{
	if (!token || strlen(token) != TOKEN_LEN)
		return err_set(e, ST_UNAUTH, NULL, "未登录或会话已过期，请重新登录");
	char token_hash[65];
	sha256_hex(token, strlen(token), token_hash);
	struct security_settings sec = app_security(c->app);
	struct session_policy pol = { (int64_t)sec.session_idle_seconds * 1000,
				      (int64_t)sec.session_max_seconds * 1000 };
	int64_t now = clock_now_ms();
	if (session_from_cache(c, token_hash, &pol, now, out))
		return ST_OK;
	struct db *db = store_acquire(c->app->store);
	struct session_row s;
	struct user_row u;
	const struct scope all = { .lo = 0, .hi = REGION_CODE_MAX };
	int st = st_session_get(db, c->a, token_hash, &s);
	if (!st && session_is_expired(s.created_at, s.last_seen, &pol, now)) {
		st_session_end(db, s.id, now);
		st = ST_NOT_FOUND;
	}
	if (!st)
		st = st_user_get(db, c->a, &all, s.user_id, &u);
	if (!st && strcmp(u.status, "active") != 0)
		st = ST_NOT_FOUND;
	if (!st && now - s.last_seen >= TOUCH_EVERY_MS && !st_session_touch(db, s.id, now))
		s.last_seen = now;
	store_release(c->app->store, db);
	if (st == ST_NOT_FOUND)
		return err_set(e, ST_UNAUTH, NULL, "未登录或会话已过期，请重新登录");
	if (st)
		return err_set(e, st, NULL, "数据库暂时不可用，请稍后再试");
	principal_from_user(c->a, &u, out);
	out->session_id = s.id;
	out->csrf = s.csrf;
	out->must_change_password = password_change_due(u.must_change_password,
							u.password_changed_at,
							sec.password_max_age_days, now);
	session_cache_put(c->app->sessions, token_hash, now, out, s.created_at, s.last_seen);
	return ST_OK;
}

int auth_logout(struct ctx *c, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "session.logout", .object_type = "session" };
	int st = st_session_end(db, c->who->session_id, clock_now_ms());
	st = app_finish(c, db, st, &act, e);
	session_cache_drop_user(c->app->sessions, c->who->user_id);
	return st;
}

int auth_change_password(struct ctx *c, const char *old_pw, const char *new_pw, struct err *e)
{
	const char *why = password_rule_check(new_pw);
	if (why)
		return err_set(e, ST_INVALID, "new_password", "%s", why);
	if (strcmp(old_pw, new_pw) == 0)
		return err_set(e, ST_INVALID, "new_password", "新密码不能与原密码相同");
	struct user_row u;
	struct db *db = store_acquire(c->app->store);
	int st = st_user_by_username(db, c->a, c->who->username, &u);
	store_release(c->app->store, db);
	if (st)
		return err_set(e, st == ST_NOT_FOUND ? ST_UNAUTH : st, NULL, "未登录或会话已过期，请重新登录");
	char hash[PW_HASH_MAX];
	int ok = password_verify(u.password_hash, old_pw);
	if (ok && password_hash(new_pw, hash) != 0)
		return err_set(e, ST_INTERNAL, NULL, "密码处理失败，请稍后再试");
	db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "password.change", .object_type = "user",
			      .region_code = u.region_code };
	snprintf(act.object_id, sizeof act.object_id, "%lld", (long long)u.id);
	if (!ok) {
		st = err_set(e, ST_INVALID, "old_password", "原密码不正确");
	} else {
		int64_t now = clock_now_ms();
		st = st_user_set_password(db, u.id, hash, 0, now);
		if (!st)   /* other sessions of this account end with the old password */
			st = st_session_end_user(db, u.id, c->who->session_id, now);
	}
	secure_zero(hash, sizeof hash);
	st = app_finish(c, db, st, &act, e);
	session_cache_drop_user(c->app->sessions, u.id);
	return st;
}
