/* users.c: account management under the separation of duties (R2): the system administrator
 * creates and maintains business accounts, the security administrator gives them a role and a
 * data scope and unlocks them. Neither can touch an administrator account through the API (those
 * are made and reset on the command line), so no administrator can take over another's duty. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/session_cache.h"
#include "common/timeutil.h"
#include "domain/auth_rules.h"
#include "domain/region.h"

int user_is_locked(const struct user_row *u, int64_t now)
{
	return u->locked_until > now;
}

const char *mask_phone(struct arena *a, const char *phone)
{
	if (!phone || !*phone)
		return NULL;
	size_t n = strlen(phone);
	if (n < 7)
		return "****";
	return arena_printf(a, "%.3s****%s", phone, phone + n - 4);
}

static int valid_username(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 3 || n > 32 || !isalnum((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '_' &&
		    s[i] != '.' && s[i] != '-')
			return 0;
	return 1;
}

static int check_display_name(const char *s, struct err *e)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > 96)
		return err_set(e, ST_INVALID, "display_name", "姓名不能为空，且不超过32个字");
	return ST_OK;
}

static int check_phone(const char *s, struct err *e)
{
	if (!s || !*s)
		return ST_OK;
	int ok = strlen(s) == 11 && s[0] == '1';
	for (const char *p = s; ok && *p; p++)
		ok = isdigit((unsigned char)*p);
	return ok ? ST_OK : err_set(e, ST_INVALID, "phone", "手机号码应为11位数字");
}

/* The business account with this id inside the caller's scope; administrator accounts answer
 * as if absent to everyone but the command line. */
static struct action user_action(const char *name, int64_t id)
{
	struct action act = { .name = name, .object_type = "user" };
	snprintf(act.object_id, sizeof act.object_id, "%lld", (long long)id);
	return act;
}

static int load_target(struct ctx *c, struct db *db, int64_t id, struct user_row *u,
		       struct action *act, struct err *e)
{
	int st = st_user_get(db, c->a, &c->who->scope, id, u);
	if (st == ST_NOT_FOUND)
		return err_set(e, st, NULL, "用户不存在");
	if (st)
		return st;
	act->region_code = u->region_code;
	const struct role *r = role_find(u->role);
	if (r && r->kind == ROLE_KIND_ADMIN)
		return err_set(e, ST_FORBIDDEN, NULL, "管理员账户只能在服务器命令行维护");
	if (u->id == c->who->user_id)
		return err_set(e, ST_FORBIDDEN, NULL, "不能修改自己的账户，请使用“修改密码”");
	return ST_OK;
}

static int build_filter(struct ctx *c, struct db *db, const struct user_query *q,
			struct user_filter *f, struct err *e)
{
	memset(f, 0, sizeof *f);
	f->scope = c->who->scope;
	f->q = q->q;
	if (q->role && *q->role) {
		if (!role_find(q->role))
			return err_set(e, ST_INVALID, "role", "角色不正确");
		f->role = q->role;
	}
	if (q->status && *q->status) {
		if (strcmp(q->status, "active") && strcmp(q->status, "disabled"))
			return err_set(e, ST_INVALID, "status", "状态不正确");
		f->status = q->status;
	}
	if (q->region && *q->region) {
		int64_t code;
		return regions_in_scope(c, db, "region", q->region, &code, &f->within, e);
	}
	return ST_OK;
}

int users_list(struct ctx *c, const struct user_query *q, struct user_row **rows, int *n,
	       int64_t *total, struct err *e)
{
	int st = app_require(c, PERM_USER_READ, e);
	if (st)
		return st;
	struct db *db = store_acquire(c->app->store);
	struct user_filter f;
	st = build_filter(c, db, q, &f, e);
	if (!st)
		st = st_user_list(db, c->a, &f, app_page(q->page, q->page_size), rows, n, total);
	store_release(c->app->store, db);
	return st;
}

int users_directors(struct ctx *c, const char *region, struct user_row **rows, int *n,
		    struct err *e)
{
	int st = app_require(c, PERM_CHILD_READ, e);
	if (st)
		return st;
	struct db *db = store_acquire(c->app->store);
	struct user_query q = { .region = region, .role = "director", .status = "active" };
	struct user_filter f;
	int64_t total;
	st = build_filter(c, db, &q, &f, e);
	if (!st)
		st = st_user_list(db, c->a, &f, (struct page){ 0, 2000 }, rows, n, &total);
	store_release(c->app->store, db);
	return st;
}

int users_get(struct ctx *c, int64_t id, struct user_row *out, struct err *e)
{
	int st = app_require(c, PERM_USER_READ, e);
	if (st)
		return st;
	struct db *db = store_acquire(c->app->store);
	st = st_user_get(db, c->a, &c->who->scope, id, out);
	store_release(c->app->store, db);
	if (st == ST_NOT_FOUND)
		return err_set(e, st, NULL, "用户不存在");
	return st;
}

int users_create(struct ctx *c, const struct user_input *in, struct user_row *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "user.create", .object_type = "user" };
	struct user_row u = { .username = in->username, .display_name = in->display_name,
			      .phone = in->phone && *in->phone ? in->phone : NULL, .role = "none",
			      .org_id = in->org_id, .must_change_password = 1 };
	char hash[PW_HASH_MAX] = "";
	const char *why = NULL;
	int st = app_require(c, PERM_USER_MANAGE, e);
	if (!st && !valid_username(in->username))
		st = err_set(e, ST_INVALID, "username", "用户名为3至32位小写字母、数字或 _ . -，以字母或数字开头");
	if (!st)
		st = check_display_name(in->display_name, e);
	if (!st)
		st = check_phone(in->phone, e);
	if (!st && (why = password_rule_check(in->password ? in->password : "")))
		st = err_set(e, ST_INVALID, "password", "%s", why);
	if (!st)
		st = regions_in_scope(c, db, "region_code", in->region_code, &u.region_code, NULL, e);
	struct org_row org;
	if (!st && in->org_id && st_org_get(db, c->a, &c->who->scope, in->org_id, &org) != ST_OK)
		st = err_set(e, ST_INVALID, "org_id", "所选机构不存在或不在您的管理范围内");
	if (!st && password_hash(in->password, hash) != 0)
		st = err_set(e, ST_INTERNAL, NULL, "密码处理失败");
	u.password_hash = hash;
	int64_t id = 0;
	act.region_code = u.region_code;
	if (!st) {
		st = st_user_insert(db, &u, clock_now_ms(), &id);
		if (st == ST_CONFLICT)
			err_set(e, st, "username", "用户名已被使用");
	}
	snprintf(act.object_id, sizeof act.object_id, "%lld", (long long)id);
	if (!st)
		st = st_user_get(db, c->a, &c->who->scope, id, out);
	secure_zero(hash, sizeof hash);
	return app_finish(c, db, st, &act, e);
}

int users_update(struct ctx *c, int64_t id, const struct user_input *in, struct user_row *out,
		 struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = user_action("user.update", id);
	struct user_row u;
	int st = app_require(c, PERM_USER_MANAGE, e);
	if (!st)
		st = load_target(c, db, id, &u, &act, e);
	const char *name = in->has_display_name ? in->display_name : u.display_name;
	const char *phone = in->has_phone ? in->phone : u.phone;
	const char *status = in->has_status ? in->status : u.status;
	if (!st)
		st = check_display_name(name, e);
	if (!st)
		st = check_phone(phone, e);
	if (!st && (!status || (strcmp(status, "active") && strcmp(status, "disabled"))))
		st = err_set(e, ST_INVALID, "status", "状态应为 active 或 disabled");
	int64_t now = clock_now_ms();
	if (!st)
		st = st_user_update_profile(db, id, name, phone && *phone ? phone : NULL, status, now);
	if (!st && strcmp(status, "disabled") == 0)
		st = st_session_end_user(db, id, 0, now);
	if (!st)
		act.detail = in->has_status ? arena_printf(c->a, "status=%s", status) : NULL;
	if (!st)
		st = st_user_get(db, c->a, &c->who->scope, id, out);
	st = app_finish(c, db, st, &act, e);
	session_cache_drop_user(c->app->sessions, id);   /* rights and status apply at once */
	return st;
}

int users_reset_password(struct ctx *c, int64_t id, const char *password, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = user_action("user.password_reset", id);
	struct user_row u;
	char hash[PW_HASH_MAX] = "";
	const char *why = NULL;
	int st = app_require(c, PERM_USER_MANAGE, e);
	if (!st)
		st = load_target(c, db, id, &u, &act, e);
	if (!st && (why = password_rule_check(password ? password : "")))
		st = err_set(e, ST_INVALID, "password", "%s", why);
	if (!st && password_hash(password, hash) != 0)
		st = err_set(e, ST_INTERNAL, NULL, "密码处理失败");
	int64_t now = clock_now_ms();
	if (!st)   /* the holder must choose a new one at next login */
		st = st_user_set_password(db, id, hash, 1, now);
	if (!st)
		st = st_session_end_user(db, id, 0, now);
	secure_zero(hash, sizeof hash);
	st = app_finish(c, db, st, &act, e);
	session_cache_drop_user(c->app->sessions, id);   /* rights and status apply at once */
	return st;
}

int users_set_role(struct ctx *c, int64_t id, const struct user_input *in, struct user_row *out,
		   struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = user_action("user.role_assign", id);
	struct user_row u;
	const struct role *target = role_find(in->role);
	int64_t region = 0;
	int st = app_require(c, PERM_ROLE_ASSIGN, e);
	if (!st)
		st = load_target(c, db, id, &u, &act, e);
	if (!st && !target)
		st = err_set(e, ST_INVALID, "role", "角色不正确");
	if (!st && !role_may_assign(c->who->role, target))
		st = err_set(e, ST_INVALID, "role", "管理员角色不能通过界面分配");
	if (!st)
		st = regions_in_scope(c, db, "region_code", in->region_code, &region, NULL, e);
	struct org_row org;
	if (!st && target->needs_org && !in->org_id)
		st = err_set(e, ST_INVALID, "org_id", "该角色须选择所属机构");
	if (!st && in->org_id && st_org_get(db, c->a, &c->who->scope, in->org_id, &org) != ST_OK)
		st = err_set(e, ST_INVALID, "org_id", "所选机构不存在或不在您的管理范围内");
	int64_t now = clock_now_ms();
	if (!st) {
		act.detail = arena_printf(c->a, "role=%s region=%012lld", target->code, (long long)region);
		st = st_user_set_role(db, id, target->code, region, in->org_id, now);
	}
	if (!st)   /* new rights take effect at the next login */
		st = st_session_end_user(db, id, 0, now);
	if (!st)
		st = st_user_get(db, c->a, &c->who->scope, id, out);
	st = app_finish(c, db, st, &act, e);
	session_cache_drop_user(c->app->sessions, id);   /* rights and status apply at once */
	return st;
}

int users_unlock(struct ctx *c, int64_t id, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = user_action("user.unlock", id);
	struct user_row u;
	int st = app_require(c, PERM_USER_UNLOCK, e);
	if (!st)
		st = load_target(c, db, id, &u, &act, e);
	if (!st)
		st = st_throttle_clear(db, u.username);
	return app_finish(c, db, st, &act, e);
}

int users_export(struct ctx *c, const struct user_query *q, char **xlsx, size_t *len,
		 struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "user.export", .object_type = "user" };
	struct user_filter f;
	int st = app_require(c, PERM_USER_READ, e);
	if (!st)
		st = build_filter(c, db, q, &f, e);
	struct user_row *rows = NULL;
	int n = 0;
	int64_t total = 0;
	if (!st)
		st = st_user_list(db, c->a, &f, (struct page){ 0, 50000 }, &rows, &n, &total);
	if (!st) {
		enum { NC = 7 };
		static const char *const headers[NC] = { "用户名", "姓名", "角色", "所属区划",
							 "所属机构", "手机号码", "状态" };
		const char **cells = arena_alloc(c->a, sizeof(char *) * NC * (size_t)(n + 1));
		for (int i = 0; i < n; i++) {
			const struct role *r = role_find(rows[i].role);
			const char **row = cells + i * NC;
			row[0] = rows[i].username;
			row[1] = rows[i].display_name;
			row[2] = r ? r->name : rows[i].role;
			row[3] = rows[i].region_name;
			row[4] = rows[i].org_name;
			row[5] = mask_phone(c->a, rows[i].phone);
			row[6] = strcmp(rows[i].status, "active") == 0 ? "正常" : "停用";
		}
		st = xlsx_table(c->a, "用户", headers, NC, cells, n, xlsx, len, e);
		act.detail = arena_printf(c->a, "rows=%d", n);
	}
	return app_finish(c, db, st, &act, e);
}

int users_add_cli(struct ctx *c, const char *username, const char *display_name,
		  const char *role, const char *region, const char *org_name, const char *password,
		  int must_change, struct err *e)
{
	const struct role *r = role_find(role);
	if (!r)
		return err_set(e, ST_INVALID, "role", "unknown role %s", role);
	if (!valid_username(username))
		return err_set(e, ST_INVALID, "username", "username must be 3-32 of a-z 0-9 _ . -");
	const char *why = password_rule_check(password);
	if (why)
		return err_set(e, ST_INVALID, "password", "%s", why);
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "user.create", .object_type = "user",
			      .detail = arena_printf(c->a, "role=%s (command line)", role) };
	struct user_row u = { .username = username, .display_name = display_name, .role = r->code,
			      .must_change_password = must_change };
	char hash[PW_HASH_MAX] = "";
	int st = regions_in_scope(c, db, "region", region, &u.region_code, NULL, e);
	if (!st && org_name && *org_name) {
		st = st_org_find(db, u.region_code, org_name, &u.org_id);
		if (st == ST_NOT_FOUND)
			err_set(e, ST_INVALID, "org", "no organisation '%s' in that region", org_name);
	}
	if (!st && r->needs_org && !u.org_id)
		st = err_set(e, ST_INVALID, "org", "role %s needs an organisation (--org)", role);
	if (!st && password_hash(password, hash) != 0)
		st = err_set(e, ST_INTERNAL, NULL, "password hashing failed");
	u.password_hash = hash;
	int64_t id = 0;
	act.region_code = u.region_code;
	if (!st) {
		st = st_user_insert(db, &u, clock_now_ms(), &id);
		if (st == ST_CONFLICT)
			err_set(e, st, "username", "username %s is taken", username);
	}
	snprintf(act.object_id, sizeof act.object_id, "%lld", (long long)id);
	secure_zero(hash, sizeof hash);
	return app_finish(c, db, st, &act, e);
}
