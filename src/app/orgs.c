/* orgs.c: departments, schools and institutions within regions (R1). */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "common/timeutil.h"

/* Code values (a dictionary, as RuoYi keeps them): the partner departments of R1, schools and
 * institutions, village committees and social organisations. */
static const char *const org_types[][2] = {
	{ "civil", "民政" }, { "education", "教育" }, { "police", "公安" }, { "court", "法院" },
	{ "procuratorate", "检察院" }, { "justice", "司法" }, { "health", "卫健" },
	{ "hrss", "人社" }, { "cac", "网信" }, { "emergency", "应急" }, { "wcwc", "妇儿工委办" },
	{ "youth_league", "团委" }, { "womens_fed", "妇联" }, { "disabled_fed", "残联" },
	{ "finance", "财政" }, { "fire", "消防" }, { "school", "学校" },
	{ "welfare", "儿童福利机构" }, { "rescue", "未成年人救助保护机构" },
	{ "village_committee", "村(居)委会" }, { "social_org", "社会组织" },
};

const char *org_type_at(int i, const char **name)
{
	if (i < 0 || i >= (int)(sizeof org_types / sizeof org_types[0]))
		return NULL;
	if (name)
		*name = org_types[i][1];
	return org_types[i][0];
}

const char *org_type_name(const char *code)
{
	const char *name;
	for (int i = 0; code && org_type_at(i, &name); i++)
		if (strcmp(org_types[i][0], code) == 0)
			return name;
	return NULL;
}

static int build_filter(struct ctx *c, struct db *db, const struct org_query *q,
			struct org_filter *f, struct err *e)
{
	memset(f, 0, sizeof *f);
	f->scope = c->who->scope;
	f->q = q->q;
	if (q->type && *q->type) {
		if (!org_type_name(q->type))
			return err_set(e, ST_INVALID, "type", "机构类型不正确");
		f->type = q->type;
	}
	if (q->region && *q->region) {
		int64_t code;
		return regions_in_scope(c, db, "region", q->region, &code, &f->within, e);
	}
	return ST_OK;
}

int orgs_list(struct ctx *c, const struct org_query *q, struct org_row **rows, int *n,
	      int64_t *total, struct err *e)
{
	int st = app_require(c, PERM_ORG_READ, e);
	if (st)
		return st;
	struct db *db = store_acquire(c->app->store);
	struct org_filter f;
	st = build_filter(c, db, q, &f, e);
	if (!st)
		st = st_org_list(db, c->a, &f, app_page(q->page, q->page_size), rows, n, total);
	store_release(c->app->store, db);
	return st;
}

int orgs_get(struct ctx *c, int64_t id, struct org_row *out, struct err *e)
{
	int st = app_require(c, PERM_ORG_READ, e);
	if (st)
		return st;
	struct db *db = store_acquire(c->app->store);
	st = st_org_get(db, c->a, &c->who->scope, id, out);
	store_release(c->app->store, db);
	if (st == ST_NOT_FOUND)
		return err_set(e, st, NULL, "机构不存在");
	return st;
}

int orgs_save(struct ctx *c, int64_t id, const char *name, const char *type, const char *region,
	      struct org_row *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = id ? "org.update" : "org.create", .object_type = "org" };
	if (id)
		snprintf(act.object_id, sizeof act.object_id, "%lld", (long long)id);
	int64_t code = 0;
	int64_t now = clock_now_ms();
	int st = app_require(c, PERM_ORG_MANAGE, e);
	size_t nlen = name ? strlen(name) : 0;
	if (!st && (nlen == 0 || nlen > 200))
		st = err_set(e, ST_INVALID, "name", "机构名称不能为空，且不超过60个字");
	if (!st && !org_type_name(type))
		st = err_set(e, ST_INVALID, "type", "机构类型不正确");
	if (!st)
		st = regions_in_scope(c, db, "region_code", region, &code, NULL, e);
	act.region_code = code;
	if (!st && id) {
		st = st_org_update(db, &c->who->scope, id, name, type, code, now);
		if (st == ST_NOT_FOUND)
			err_set(e, st, NULL, "机构不存在");
	} else if (!st) {
		st = st_org_insert(db, name, type, code, now, &id);
		snprintf(act.object_id, sizeof act.object_id, "%lld", (long long)id);
	}
	if (st == ST_CONFLICT)
		err_set(e, st, "name", "该区划下已有同名机构");
	if (!st)
		st = st_org_get(db, c->a, &c->who->scope, id, out);
	return app_finish(c, db, st, &act, e);
}

int orgs_export(struct ctx *c, const struct org_query *q_in, char **xlsx, size_t *len,
		struct err *e)
{
	struct org_query q = *q_in;
	q.page = 1;
	q.page_size = 100;
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "org.export", .object_type = "org" };
	struct org_filter f;
	int st = app_require(c, PERM_ORG_READ, e);
	if (!st)
		st = build_filter(c, db, &q, &f, e);
	struct org_row *rows = NULL;
	int n = 0;
	int64_t total = 0;
	if (!st)   /* exports are capped; a larger set asks for narrower filters */
		st = st_org_list(db, c->a, &f, (struct page){ 0, 50000 }, &rows, &n, &total);
	if (!st) {
		static const char *const headers[] = { "机构名称", "机构类型", "所属区划", "区划代码" };
		const char **cells = arena_alloc(c->a, sizeof(char *) * 4 * (size_t)(n + 1));
		for (int i = 0; i < n; i++) {
			cells[i * 4] = rows[i].name;
			cells[i * 4 + 1] = org_type_name(rows[i].type);
			cells[i * 4 + 2] = rows[i].region_name;
			cells[i * 4 + 3] = arena_printf(c->a, "%012lld", (long long)rows[i].region_code);
		}
		st = xlsx_table(c->a, "机构", headers, 4, cells, n, xlsx, len, e);
		act.detail = arena_printf(c->a, "rows=%d", n);
	}
	return app_finish(c, db, st, &act, e);
}
