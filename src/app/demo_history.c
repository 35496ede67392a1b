/* demo_history.c: a past for the synthetic demo county, so that its schedule, risk levels and
 * warnings look like a county at work rather than one registered this morning: a child director
 * (儿童主任) for every village, registrations spread over the last years, and a record of
 * contacts and home visits (走访) — most children visited on time, some slipping behind, a few
 * never visited. Generated people only; deterministic (demo_rng.h). */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/demo_rng.h"
#include "common/crypto.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "domain/region.h"

#define DEMO_COUNTY_CODE 500241000000LL
#define BATCH 500

static const char *const director_surnames[] = {
	"杨", "吴", "田", "彭", "龙", "石", "白", "冉", "向", "何", "陈", "王", "李", "张", "刘",
	"罗", "胡", "周", "黄", "杨", "熊", "滕", "麻", "姚", "唐", "谢", "包", "舒", "刘", "欧",
};

/* One director account for each village of the county that has none. The demo's accounts share
 * the demo password, so it is hashed once (with one salt) for all of them: demo data only. */
int demo_directors(struct ctx *c, struct err *e)
{
	const struct scope all = { .lo = 0, .hi = REGION_CODE_MAX };
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "user.create", .object_type = "user" };
	struct region_row *towns, *vills;
	struct user_row *users;
	int nt, nv, nu, made = 0;
	int64_t total;
	char hash[PW_HASH_MAX] = "";
	struct user_filter uf = { .role = "director", .scope = all };
	region_range(DEMO_COUNTY_CODE, &uf.within.lo, &uf.within.hi);
	int st = st_user_list(db, c->a, &uf, (struct page){ 0, 10000 }, &users, &nu, &total);
	if (!st)
		st = st_region_children(db, c->a, &all, DEMO_COUNTY_CODE, &towns, &nt);
	struct rng r = { .s = 0x5EED0D12EC7ULL };
	int64_t now = clock_now_ms();
	for (int i = 0; !st && i < nt; i++) {
		st = st_region_children(db, c->a, &all, towns[i].code, &vills, &nv);
		for (int k = 0; !st && k < nv; k++) {
			int has = 0;
			for (int u = 0; u < nu && !has; u++)
				has = users[u].region_code == vills[k].code;
			if (has)
				continue;
			if (!*hash && password_hash(DEMO_PASSWORD, hash) != 0) {
				st = err_set(e, ST_INTERNAL, NULL, "password hashing failed");
				break;
			}
			/* zr + the town's and village's digits: zr103204 */
			struct user_row u = {
				.username = arena_printf(c->a, "zr%06lld",
							 (long long)(vills[k].code % 1000000)),
				.display_name = arena_printf(c->a, "%s主任", PICK(&r, director_surnames)),
				.role = "director", .region_code = vills[k].code,
				.must_change_password = 1, .password_hash = hash,
			};
			int64_t id;
			st = st_user_insert(db, &u, now, &id);
			made += !st;
		}
	}
	secure_zero(hash, sizeof hash);
	act.region_code = DEMO_COUNTY_CODE;
	act.detail = arena_printf(c->a, "demo: %d village child directors (command line)", made);
	st = app_finish(c, db, st, made ? &act : NULL, e);
	if (!st && made)
		log_info("demo: %d village child directors (usernames zr<town+village digits>)", made);
	return st;
}

/* UTC midnight at the start of day d (as a UTC date): CST 08:00 that day. */
static int64_t day_ms(struct cdate d)
{
	return (int64_t)cdate_days_between((struct cdate){ .y = 1970, .m = 1, .d = 1 }, d) * DAY_MS;
}

static const char *const met_people[] = { "祖母", "祖父", "外祖母", "儿童本人", "姑妈", "伯父" };
static const char *const concern_notes[] = {
	"近期情绪低落，需多关心", "作业完成情况较差，已与老师沟通", "房屋电线老化，已提醒更换",
	"与父母联系较少，已建议每周视频", "照护人年龄较大，身体欠佳",
};

static void client_id(struct rng *r, char out[37])
{
	snprintf(out, 37, "%08x-%04x-4%03x-8%03x-%04x%08x", rnd(r), rnd(r) & 0xffff,
		 rnd(r) & 0xfff, rnd(r) & 0xfff, rnd(r) & 0xffff, rnd(r));
}

static int add_visit(struct ctx *c, struct db *db, struct rng *r, const struct child_row *ch,
		     struct cdate day, int home)
{
	char cid[37], on[11];
	client_id(r, cid);
	cdate_format(day, on);
	/* 09:00-17:59 China Standard Time on that day */
	int64_t at = day_ms(day) + (int64_t)between(r, 9, 17) * 3600000 +
		     (int64_t)below(r, 60) * 60000 - 8 * 3600000LL;
	struct visit_row v = {
		.child_id = ch->id, .region_code = ch->region_code,
		.kind = home ? "home_visit" : "phone_video", .occurred_at = at, .occurred_on = on,
		.user_id = ch->director_id, .client_id = cid, .met = PICK(r, met_people),
		.notes = home ? "演示数据：例行入户走访" : "演示数据：电话联系", .created_at = at,
	};
	for (int i = 0; i < VISIT_CHECKS; i++)
		v.check[i] = "ok";
	if (per_mille(r, 60)) {
		int i = below(r, VISIT_CHECKS);
		v.check[i] = "concern";
		v.check_note[i] = PICK(r, concern_notes);
	}
	if (home)
		v.caregiver_capacity = "adequate";
	int64_t id;
	int st = st_visit_insert(db, &v, &id);
	return st ? st : st_child_touch_visit(db, ch->id, on, home);
}

/* The child's past: registered some time ago, then visited like most, some or none. */
static int child_past(struct ctx *c, struct db *db, struct rng *r, const struct child_row *ch,
		      struct cdate today)
{
	struct cdate born;
	if (cdate_parse(ch->birth_date, &born) != 0)
		return ST_OK;
	int age_days = cdate_days_between(born, today);
	int ago = between(r, 20, 900);
	if (ago > age_days - 1)
		ago = age_days > 1 ? age_days - 1 : 0;
	struct cdate reg = cdate_add_days(today, -ago);
	int st = st_child_set_registered(db, ch->id, day_ms(reg) + 2 * 3600000LL);
	if (st || !ch->director_id || strcmp(ch->status, "active") != 0)
		return st;
	int kind = below(r, 1000);
	if (kind < 60 && ago > 20)
		return ST_OK;   /* never visited since registration: overdue */
	/* the last four months: monthly contacts, a home visit every quarter, counted back from the
	 * latest record (slipping behind: the records stop one to three months ago) */
	int stop = kind < 250 ? between(r, 30, 100) : between(r, 1, 20);   /* never today */
	int start = ago < 120 ? ago : 120;
	int home_from = stop + between(r, 0, 45);
	for (int d = stop; !st && d <= start; d += between(r, 24, 30)) {
		int home = d >= home_from;
		if (home)
			home_from = d + between(r, 80, 88);
		st = add_visit(c, db, r, ch, cdate_add_days(today, -d), home);
	}
	return st ? st : st_standing_mark(db, ch->id, "0000-01-01");
}

/* A history for the county's children, once: only when the county has no visit yet. */
int demo_history(struct ctx *c, struct err *e)
{
	const struct scope all = { .lo = 0, .hi = REGION_CODE_MAX };
	struct visit_filter vf = { .scope = all };
	region_range(DEMO_COUNTY_CODE, &vf.within.lo, &vf.within.hi);
	struct child_filter f = { .scope = all };
	f.within = vf.within;
	struct visit_row *vr;
	struct child_row *rows;
	int nvis, n;
	int64_t visits = 0, total = 0;
	struct db *db = store_acquire(c->app->store);
	int st = st_visit_search(db, c->a, &vf, (struct page){ 0, 1 }, &vr, &nvis, &visits);
	if (!st && visits == 0)
		st = st_child_list(db, c->a, &f, (struct page){ 0, 100000 }, &rows, &n, &total);
	store_release(c->app->store, db);
	if (st)
		return err_set(e, st, NULL, "cannot read the demo county");
	if (visits > 0 || total == 0)
		return ST_OK;
	struct rng r = { .s = 0xD1570A1ULL << 20 };
	struct cdate today = cdate_from_ms(clock_now_ms());
	for (int i = 0; !st && i < n; i += BATCH) {
		struct arena a = ARENA_INIT;
		struct ctx bc = *c;
		bc.a = &a;
		db = app_begin(&bc, 1, e);
		if (!db) {
			arena_release(&a);
			return ST_DB;
		}
		for (int k = i; !st && k < n && k < i + BATCH; k++)
			st = child_past(&bc, db, &r, &rows[k], today);
		struct action act = { .name = "visit.create", .object_type = "visit",
				      .region_code = DEMO_COUNTY_CODE,
				      .detail = "demo: registrations and visits of the past" };
		st = app_finish(&bc, db, st, &act, e);
		arena_release(&a);
	}
	if (!st)
		log_info("demo: a past of visits for %d children", n);
	return st;
}
