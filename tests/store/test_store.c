/* The store contract suite: the same tests on every backend. The backend comes from the
 * environment: SHOUHU_TEST_STORE=sqlite (a temporary file) or SHOUHU_TEST_STORE=pg, which creates
 * a fresh database in the PostgreSQL cluster named by SHOUHU_TEST_PG (a libpq keyword string). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "common/log.h"
#include "store/db.h"
#include "store/store.h"

static struct store *S;
static char url[1024];
static const struct scope ALL = { .lo = 0, .hi = 999999999999LL };
static const struct scope XIUSHAN = { .lo = 500241000000LL, .hi = 500241999999LL };
static const struct scope AIKOU = { .lo = 500241103000LL, .hi = 500241103999LL };   /* 隘口镇 */

static int open_store(void **state)
{
	const char *kind = getenv("SHOUHU_TEST_STORE");
	struct err e = { 0 };
	if (kind && strcmp(kind, "pg") == 0) {
		const char *base = getenv("SHOUHU_TEST_PG");
		if (!base || !*base) {
			fprintf(stderr, "SHOUHU_TEST_PG is not set\n");
			return -1;
		}
		char name[64];
		snprintf(name, sizeof name, "shouhu_store_%d", (int)getpid());
		struct db *admin;
		snprintf(url, sizeof url, "postgresql:%s", base);
		if (db_open(url, &admin, &e)) {
			fprintf(stderr, "%s\n", e.message);
			return -1;
		}
		char sql[128];
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
		db_exec(admin, sql, NULL, 0);
		snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
		int st = db_exec(admin, sql, NULL, 0);
		admin->ops->close(admin);
		if (st)
			return -1;
		snprintf(url, sizeof url, "postgresql:%s dbname=%s", base, name);
	} else {
		snprintf(url, sizeof url, "sqlite:/tmp/shouhu-store-%d.db", (int)getpid());
		unlink(url + 7);
	}
	if (store_open(url, 3, &S, &e) || store_migrate(S, &e)) {
		fprintf(stderr, "%s\n", e.message);
		return -1;
	}
	/* a little tree: Chongqing / county-level / Xiushan / two towns / villages */
	struct db *db = store_acquire(S);
	static const struct { int64_t code, parent; const char *name; int level; } rg[] = {
		{ 500000000000LL, 0, "重庆市", 1 },
		{ 500200000000LL, 500000000000LL, "县", 2 },
		{ 500241000000LL, 500200000000LL, "秀山土家族苗族自治县", 3 },
		{ 500241001000LL, 500241000000LL, "中和街道", 4 },
		{ 500241001001LL, 500241001000LL, "东风社区居民委员会", 5 },
		{ 500241103000LL, 500241000000LL, "隘口镇", 4 },
		{ 500241103204LL, 500241103000LL, "平所村村民委员会", 5 },
		{ 500242000000LL, 500200000000LL, "酉阳土家族苗族自治县", 3 },
	};
	for (size_t i = 0; i < sizeof rg / sizeof rg[0]; i++)
		assert_int_equal(st_region_upsert(db, rg[i].code, rg[i].parent, rg[i].name, rg[i].level), 0);
	store_release(S, db);
	return 0;
}

static int close_store(void **state)
{
	store_close(S);
	if (strncmp(url, "sqlite:", 7) == 0) {
		char p[1100];
		unlink(url + 7);
		snprintf(p, sizeof p, "%s-wal", url + 7);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", url + 7);
		unlink(p);
	}
	return 0;
}

static void migrations_are_idempotent(void **state)
{
	struct err e = { 0 };
	assert_int_equal(store_migrate(S, &e), 0);
}

static void regions_respect_scope(void **state)
{
	struct db *db = store_acquire(S);
	struct arena a = ARENA_INIT;
	struct region_row r, *rows;
	int n;
	assert_int_equal(st_region_get(db, &a, &XIUSHAN, 500241103204LL, &r), 0);
	assert_string_equal(r.name, "平所村村民委员会");
	assert_int_equal(r.level, 5);
	assert_int_equal(st_region_get(db, &a, &AIKOU, 500241001001LL, &r), ST_NOT_FOUND);
	assert_int_equal(st_region_get(db, &a, &XIUSHAN, 500242000000LL, &r), ST_NOT_FOUND);
	assert_int_equal(st_region_children(db, &a, &XIUSHAN, 500241000000LL, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_true(rows[0].has_children);
	assert_int_equal(st_region_children(db, &a, &AIKOU, 500241000000LL, &rows, &n), 0);
	assert_int_equal(n, 1);   /* only the town itself is inside 隘口镇's scope */
	/* search is scoped, and LIKE wildcards in the text are literal */
	assert_int_equal(st_region_search(db, &a, &XIUSHAN, "村", 50, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(st_region_search(db, &a, &ALL, "自治县", 50, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(st_region_search(db, &a, &ALL, "%", 50, &rows, &n), 0);
	assert_int_equal(n, 0);
	int64_t count;
	assert_int_equal(st_region_count(db, &XIUSHAN, &count), 0);
	assert_int_equal(count, 5);
	arena_release(&a);
	store_release(S, db);
}

static void orgs_filter_and_scope(void **state)
{
	struct db *db = store_acquire(S);
	struct arena a = ARENA_INIT;
	int64_t school, police, id;
	assert_int_equal(st_org_insert(db, "隘口镇中心小学", "school", 500241103000LL, 1, &school), 0);
	assert_int_equal(st_org_insert(db, "秀山县公安局", "police", 500241000000LL, 1, &police), 0);
	assert_int_equal(st_org_insert(db, "中和街道中心小学", "school", 500241001000LL, 1, &id), 0);
	assert_int_equal(st_org_insert(db, "隘口镇中心小学", "school", 500241103000LL, 1, &id), ST_CONFLICT);
	struct org_row o, *rows;
	int n;
	int64_t total;
	struct org_filter f = { .scope = AIKOU };
	assert_int_equal(st_org_list(db, &a, &f, (struct page){ 0, 20 }, &rows, &n, &total), 0);
	assert_int_equal(total, 1);
	assert_string_equal(rows[0].name, "隘口镇中心小学");
	f = (struct org_filter){ .scope = XIUSHAN, .type = "school" };
	assert_int_equal(st_org_list(db, &a, &f, (struct page){ 0, 20 }, &rows, &n, &total), 0);
	assert_int_equal(total, 2);
	f = (struct org_filter){ .scope = XIUSHAN, .q = "公安" };
	assert_int_equal(st_org_list(db, &a, &f, (struct page){ 0, 20 }, &rows, &n, &total), 0);
	assert_int_equal(total, 1);
	f = (struct org_filter){ .scope = XIUSHAN, .within = AIKOU };
	assert_int_equal(st_org_list(db, &a, &f, (struct page){ 0, 20 }, &rows, &n, &total), 0);
	assert_int_equal(total, 1);
	/* paging: total counts all, the page holds one */
	f = (struct org_filter){ .scope = XIUSHAN };
	assert_int_equal(st_org_list(db, &a, &f, (struct page){ 1, 1 }, &rows, &n, &total), 0);
	assert_int_equal(total, 3);
	assert_int_equal(n, 1);
	assert_int_equal(st_org_get(db, &a, &AIKOU, police, &o), ST_NOT_FOUND);
	assert_int_equal(st_org_get(db, &a, &XIUSHAN, police, &o), 0);
	assert_string_equal(o.region_name, "秀山土家族苗族自治县");
	/* an update outside the scope changes nothing */
	assert_int_equal(st_org_update(db, &AIKOU, police, "x", "police", 500241000000LL, 2), ST_NOT_FOUND);
	assert_int_equal(st_org_get(db, &a, &XIUSHAN, police, &o), 0);
	assert_string_equal(o.name, "秀山县公安局");
	assert_int_equal(st_org_find(db, 500241103000LL, "隘口镇中心小学", &id), 0);
	assert_true(id == school);
	arena_release(&a);
	store_release(S, db);
}

static void users_unique_and_scoped(void **state)
{
	struct db *db = store_acquire(S);
	struct arena a = ARENA_INIT;
	struct user_row u = { .username = "director", .display_name = "龙主任", .password_hash = "h",
			      .role = "director", .region_code = 500241103204LL, .must_change_password = 1 };
	int64_t id, id2;
	assert_int_equal(st_user_insert(db, &u, 100, &id), 0);
	assert_int_equal(st_user_insert(db, &u, 100, &id2), ST_CONFLICT);
	u.username = "zhonghe";
	u.region_code = 500241001001LL;
	assert_int_equal(st_user_insert(db, &u, 100, &id2), 0);
	struct user_row got, *rows;
	int n;
	int64_t total;
	assert_int_equal(st_user_get(db, &a, &AIKOU, id2, &got), ST_NOT_FOUND);
	assert_int_equal(st_user_get(db, &a, &AIKOU, id, &got), 0);
	assert_string_equal(got.region_name, "平所村村民委员会");
	assert_int_equal(got.must_change_password, 1);
	struct user_filter f = { .scope = XIUSHAN, .q = "dir" };
	assert_int_equal(st_user_list(db, &a, &f, (struct page){ 0, 20 }, &rows, &n, &total), 0);
	assert_int_equal(total, 1);
	assert_int_equal(st_user_set_password(db, id, "h2", 0, 200), 0);
	assert_int_equal(st_user_set_role(db, id, "town", 500241103000LL, 0, 300), 0);
	assert_int_equal(st_user_by_username(db, &a, "director", &got), 0);
	assert_string_equal(got.password_hash, "h2");
	assert_string_equal(got.role, "town");
	assert_int_equal(got.must_change_password, 0);
	assert_int_equal(st_user_set_role(db, 999999, "town", 500241103000LL, 0, 300), ST_NOT_FOUND);
	/* the lock shows on the account */
	assert_int_equal(st_throttle_put(db, "director", 5, 9999), 0);
	assert_int_equal(st_user_get(db, &a, &ALL, id, &got), 0);
	assert_true(got.locked_until == 9999);
	int failures;
	int64_t until;
	assert_int_equal(st_throttle_get(db, "nobody", &failures, &until), 0);
	assert_int_equal(failures, 0);
	assert_int_equal(st_throttle_clear(db, "director"), 0);
	assert_int_equal(st_throttle_get(db, "director", &failures, &until), 0);
	assert_int_equal(failures, 0);
	arena_release(&a);
	store_release(S, db);
}

static void sessions_live_and_end(void **state)
{
	struct db *db = store_acquire(S);
	struct arena a = ARENA_INIT;
	struct user_row u;
	assert_int_equal(st_user_by_username(db, &a, "zhonghe", &u), 0);
	int64_t s1, s2;
	assert_int_equal(st_session_insert(db, "hash1", u.id, "csrf1", 1000, "127.0.0.1", "ua", &s1), 0);
	assert_int_equal(st_session_insert(db, "hash2", u.id, "csrf2", 1000, "127.0.0.1", "ua", &s2), 0);
	struct session_row s;
	assert_int_equal(st_session_get(db, &a, "hash1", &s), 0);
	assert_string_equal(s.csrf, "csrf1");
	assert_int_equal(st_session_touch(db, s1, 5000), 0);
	assert_int_equal(st_session_get(db, &a, "hash1", &s), 0);
	assert_true(s.last_seen == 5000);
	assert_int_equal(st_session_end_user(db, u.id, s1, 6000), 0);   /* all but s1 */
	assert_int_equal(st_session_get(db, &a, "hash2", &s), ST_NOT_FOUND);
	assert_int_equal(st_session_get(db, &a, "hash1", &s), 0);
	assert_int_equal(st_session_end(db, s1, 7000), 0);
	assert_int_equal(st_session_get(db, &a, "hash1", &s), ST_NOT_FOUND);
	arena_release(&a);
	store_release(S, db);
}

static void audit_is_append_only_and_chained(void **state)
{
	struct db *db = store_acquire(S);
	struct arena a = ARENA_INIT;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(tx_begin(db, 1), 0);
		int64_t seq;
		const char *prev;
		assert_int_equal(st_audit_next(db, &a, &seq, &prev), 0);
		assert_int_equal(seq, i + 1);
		struct audit_row r = { .seq = seq, .at = 1000 + i, .username = "u", .action = "x",
				       .object_type = "user", .outcome = "success",
				       .hash = arena_printf(&a, "h%d", i) };
		assert_int_equal(st_audit_insert(db, &r), 0);
		assert_int_equal(tx_commit(db), 0);
	}
	/* a rolled-back action leaves no gap */
	assert_int_equal(tx_begin(db, 1), 0);
	int64_t seq;
	const char *prev;
	assert_int_equal(st_audit_next(db, &a, &seq, &prev), 0);
	assert_int_equal(seq, 4);
	assert_string_equal(prev, "h2");
	tx_rollback(db);
	const char *hash;
	assert_int_equal(st_audit_head(db, &a, &seq, &hash), 0);
	assert_int_equal(seq, 3);
	assert_string_equal(hash, "h2");
	/* the database itself refuses to change or delete audit rows */
	log_set_quiet(1);
	assert_int_not_equal(db_exec(db, "UPDATE audit_log SET outcome = 'failure'", NULL, 0), 0);
	assert_int_not_equal(db_exec(db, "DELETE FROM audit_log", NULL, 0), 0);
	struct audit_row *rows;
	int n;
	assert_int_equal(st_audit_batch(db, &a, 1, 10, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].seq, 2);
	int64_t total;
	struct log_filter f = { .from = 1001 };
	assert_int_equal(st_audit_list(db, &a, &f, (struct page){ 0, 10 }, &rows, &n, &total), 0);
	assert_int_equal(total, 2);
	assert_int_equal(rows[0].seq, 3);   /* newest first */
	arena_release(&a);
	store_release(S, db);
}

static void login_log_and_settings(void **state)
{
	struct db *db = store_acquire(S);
	struct arena a = ARENA_INIT;
	struct login_row l = { .at = 5000, .username = "x", .outcome = "failure", .reason = "unknown_user",
			       .ip = "127.0.0.1" };
	assert_int_equal(st_login_insert(db, &l), 0);
	l.outcome = "success";
	l.at = 6000;
	assert_int_equal(st_login_insert(db, &l), 0);
	struct login_row *rows;
	int n;
	int64_t total;
	struct log_filter f = { .outcome = "failure" };
	assert_int_equal(st_login_list(db, &a, &f, (struct page){ 0, 10 }, &rows, &n, &total), 0);
	assert_int_equal(total, 1);
	assert_string_equal(rows[0].reason, "unknown_user");
	const char *v;
	assert_int_equal(st_setting_get(db, &a, "lock_minutes", &v), ST_NOT_FOUND);
	assert_int_equal(st_setting_put(db, "lock_minutes", "15"), 0);
	assert_int_equal(st_setting_put(db, "lock_minutes", "20"), 0);
	assert_int_equal(st_setting_get(db, &a, "lock_minutes", &v), 0);
	assert_string_equal(v, "20");
	/* the sweep's statistics refresh: runs (PostgreSQL) or is skipped (SQLite) without error,
	 * and only for the tables it knows */
	assert_int_equal(st_analyze(db, "children"), 0);
	assert_int_equal(st_analyze(db, "users; DROP TABLE users"), ST_INVALID);
	assert_int_equal(st_setting_get(db, &a, "lock_minutes", &v), 0);
	arena_release(&a);
	store_release(S, db);
}

static void rollback_loses_nothing_saved_before(void **state)
{
	struct db *db = store_acquire(S);
	struct arena a = ARENA_INIT;
	int64_t id;
	assert_int_equal(tx_begin(db, 1), 0);
	assert_int_equal(st_org_insert(db, "临时机构", "civil", 500241000000LL, 1, &id), 0);
	tx_rollback(db);
	assert_int_equal(st_org_find(db, 500241000000LL, "临时机构", &id), ST_NOT_FOUND);
	assert_int_equal(st_org_find(db, 500241000000LL, "秀山县公安局", &id), 0);
	arena_release(&a);
	store_release(S, db);
}

/* Issue 4: a retried visit (same user and client_id) is stored once; visits, problems and care
 * records are scoped by the child's village; the schedule's last days only move forward. */
static void visits_once_scoped_and_scheduled(void **state)
{
	struct db *db = store_acquire(S);
	struct arena a = ARENA_INIT;
	static const struct scope ZHONGHE = { .lo = 500241001000LL, .hi = 500241001999LL };
	int64_t uid, cid, vid, vid2, pid, kid;
	struct user_row u = { .username = "visitor", .display_name = "走访人", .password_hash = "h",
			      .role = "director", .region_code = 500241103204LL };
	assert_int_equal(st_user_insert(db, &u, 100, &uid), 0);
	struct child_row c = { .region_code = 500241103204LL, .name = "郝小雨", .sex = "F",
			       .birth_date = "2016-03-01", .hukou_type = "rural", .health = "disabled",
			       .school_stage = "primary", .schooling_status = "in_school",
			       .economic = "none", .created_by = uid };
	assert_int_equal(st_child_insert(db, &c, 1000, &cid), 0);
	struct visit_row v = { .child_id = cid, .region_code = c.region_code, .kind = "home_visit",
			       .occurred_at = 2000, .occurred_on = "2026-11-20", .user_id = uid,
			       .client_id = "0b0f4a54-5b1c-4bb8-9d4c-3f1a3c7e2a10",
			       .check = { "ok", NULL, NULL, NULL, NULL, "concern", "ok" },
			       .safety_hazards = "water,falls", .caregiver_capacity = "neglecting",
			       .created_at = 2000 };
	assert_int_equal(st_visit_insert(db, &v, &vid), 0);
	assert_true(vid > 0);
	assert_int_equal(st_visit_insert(db, &v, &vid2), 0);
	assert_int_equal(vid2, 0);   /* the retry stored nothing */
	assert_int_equal(st_visit_by_client(db, uid, v.client_id, &vid2), 0);
	assert_int_equal(vid2, vid);
	struct visit_row got, *rows;
	int n;
	int64_t total;
	assert_int_equal(st_visit_get(db, &a, &AIKOU, vid, &got), 0);
	assert_string_equal(got.safety_hazards, "water,falls");
	assert_string_equal(got.check[5], "concern");
	assert_null(got.check[1]);
	assert_false(got.has_location);
	assert_string_equal(got.child_name, "郝小雨");
	assert_int_equal(st_visit_get(db, &a, &ZHONGHE, vid, &got), ST_NOT_FOUND);
	assert_int_equal(st_visit_list(db, &a, cid, (struct page){ 0, 10 }, &rows, &n, &total), 0);
	assert_int_equal(total, 1);
	/* the last days only move forward */
	assert_int_equal(st_child_touch_visit(db, cid, "2026-11-20", 1), 0);
	assert_int_equal(st_child_touch_visit(db, cid, "2026-11-10", 1), 0);
	assert_int_equal(st_child_touch_visit(db, cid, "2026-11-21", 0), 0);
	/* the schedule lists only children whose due days are stored (graded) */
	struct sched_filter sf = { .scope = AIKOU };
	struct sched_row *sr;
	assert_int_equal(st_sched_rows(db, &a, &sf, (struct page){ 0, 10 }, &sr, &n, &total), 0);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
	struct standing_cols sc = { .contact_due_on = "2026-12-21", .visit_due_on = "2026-12-20",
				    .next_due_on = "2026-12-20", .risk_level = "yellow",
				    .risk_score = 25, .has_score = 1, .restand_on = "2026-12-21" };
	assert_int_equal(st_standing_put(db, cid, &sc), 0);
	assert_int_equal(st_sched_rows(db, &a, &sf, (struct page){ 0, 10 }, &sr, &n, &total), 0);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_string_equal(sr[0].last_contact_on, "2026-11-21");
	assert_string_equal(sr[0].last_home_visit_on, "2026-11-20");
	assert_string_equal(sr[0].health, "disabled");
	assert_string_equal(sr[0].next_due_on, "2026-12-20");
	assert_string_equal(sr[0].risk_level, "yellow");
	sf.scope = ZHONGHE;
	assert_int_equal(st_sched_rows(db, &a, &sf, (struct page){ 0, 10 }, &sr, &n, &total), 0);
	assert_int_equal(n, 0);
	/* problems: overdue is open past its deadline; resolving twice is a conflict */
	struct problem_row p = { .child_id = cid, .region_code = c.region_code, .visit_id = vid,
				 .category = "guardianship_gap", .description = "照护人怠于履职",
				 .deadline = "2026-11-01", .created_by = uid, .created_at = 3000 };
	assert_int_equal(st_problem_insert(db, &p, &pid), 0);
	struct problem_filter pf = { .scope = AIKOU, .overdue_before = "2026-11-22" };
	struct problem_row *pr;
	assert_int_equal(st_problem_list(db, &a, &pf, (struct page){ 0, 10 }, &pr, &n, &total), 0);
	assert_int_equal(total, 1);
	pf.overdue_before = "2026-11-01";
	assert_int_equal(st_problem_list(db, &a, &pf, (struct page){ 0, 10 }, &pr, &n, &total), 0);
	assert_int_equal(total, 0);
	pf.scope = ZHONGHE;
	pf.overdue_before = NULL;
	assert_int_equal(st_problem_list(db, &a, &pf, (struct page){ 0, 10 }, &pr, &n, &total), 0);
	assert_int_equal(total, 0);
	assert_int_equal(st_problem_note_add(db, pid, c.region_code, 3500, uid, "visitor", "已告知父母"), 0);
	assert_int_equal(st_problem_resolve(db, pid, "另行委托", uid, 4000), 0);
	assert_int_equal(st_problem_resolve(db, pid, "again", uid, 4001), ST_CONFLICT);
	struct problem_row pg;
	assert_int_equal(st_problem_get(db, &a, &AIKOU, pid, &pg), 0);
	assert_string_equal(pg.state, "resolved");
	/* care records: money in fen */
	struct care_row k = { .child_id = cid, .region_code = c.region_code, .kind = "financial",
			      .provider = "县民政局", .on_date = "2026-11-20", .content = "临时救助",
			      .money_fen = 123450, .created_by = uid, .created_at = 5000 };
	struct care_row kg;
	assert_int_equal(st_care_insert(db, &k, &kid), 0);
	assert_int_equal(st_care_get(db, &a, kid, &kg), 0);
	assert_int_equal(kg.money_fen, 123450);
	arena_release(&a);
	store_release(S, db);
}

/* The stored standing: what grading reads in one statement, the sweep's two walks (never graded,
 * then due), marking children for it, the grading with its override, the history of levels, and
 * the caregiver's capacity of the latest visit recording one. */
static void standing_read_swept_and_kept(void **state)
{
	struct db *db = store_acquire(S);
	struct arena a = ARENA_INIT;
	int64_t uid, k1, k2, k3, vid, pid;
	struct user_row u = { .username = "grader", .display_name = "评级人", .password_hash = "h",
			      .role = "county", .region_code = 500241000000LL };
	assert_int_equal(st_user_insert(db, &u, 100, &uid), 0);
	struct child_row c = { .region_code = 500241001001LL, .name = "鄢小川", .sex = "M",
			       .birth_date = "2015-05-01", .hukou_type = "rural", .health = "healthy",
			       .school_stage = "primary", .schooling_status = "dropped_out",
			       .economic = "none", .created_by = uid };
	assert_int_equal(st_child_insert(db, &c, 1000, &k1), 0);
	c.name = "鄢小河";
	assert_int_equal(st_child_insert(db, &c, 1000, &k2), 0);
	c.name = "鄢小海";
	c.region_code = 500241103204LL;
	assert_int_equal(st_child_insert(db, &c, 1000, &k3), 0);
	struct member_row m[2] = {
		{ .relation = "father", .name = "鄢大山", .status = "severe_disability" },
		{ .relation = "grandmother_p", .name = "吴秀", .status = "severe_disability" },
	};
	assert_int_equal(st_members_replace(db, k1, 500241001001LL, m, 2), 0);
	assert_int_equal(st_members_replace(db, k2, 500241001001LL, m + 1, 1), 0);
	struct problem_row p = { .child_id = k1, .region_code = 500241001001LL,
				 .category = "return_to_school", .description = "辍学",
				 .created_by = uid, .created_at = 5000 };
	assert_int_equal(st_problem_insert(db, &p, &pid), 0);
	p.created_at = 3000;
	assert_int_equal(st_problem_insert(db, &p, &pid), 0);
	p.created_at = 1000;
	assert_int_equal(st_problem_insert(db, &p, &pid), 0);
	assert_int_equal(st_problem_resolve(db, pid, "已返校", uid, 6000), 0);

	struct standing_row r;
	assert_int_equal(st_standing_get(db, &a, k1, &r), 0);
	assert_string_equal(r.c.name, "鄢小川");
	assert_string_equal(r.c.schooling_status, "dropped_out");
	assert_int_equal(r.parent_severe_disability, 1);
	assert_int_equal(r.open_problems, 2);          /* the resolved one does not count */
	assert_int_equal(r.oldest_problem_at, 3000);
	assert_false(r.has_risk);
	assert_null(r.c.restand_on);
	assert_int_equal(st_standing_get(db, &a, k2, &r), 0);
	assert_int_equal(r.parent_severe_disability, 0);   /* a grandmother is not a parent */
	assert_int_equal(r.open_problems, 0);
	assert_int_equal(st_standing_get(db, &a, 999999, &r), ST_NOT_FOUND);

	/* never graded: walked by id, in batches */
	struct standing_row *rows;
	int n;
	assert_int_equal(st_standing_due(db, &a, NULL, 0, 2, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].c.id, k1);
	assert_int_equal(rows[1].c.id, k2);
	assert_int_equal(st_standing_due(db, &a, NULL, k2, 2, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].c.id, k3);

	/* graded: stored columns and the grading row */
	struct standing_cols sc = { .contact_due_on = "2026-12-01", .visit_due_on = "2026-11-25",
				    .next_due_on = "2026-11-25", .risk_level = "yellow",
				    .risk_score = 25, .has_score = 1, .restand_on = "2026-11-26" };
	assert_int_equal(st_standing_put(db, k1, &sc), 0);
	sc.restand_on = "2026-11-30";
	assert_int_equal(st_standing_put(db, k2, &sc), 0);
	sc.restand_on = STANDING_NEVER;
	sc.contact_due_on = sc.visit_due_on = sc.next_due_on = NULL;
	assert_int_equal(st_standing_put(db, k3, &sc), 0);
	assert_int_equal(st_child_risk_put(db, k1, 500241001001LL, "yellow", 25,
					   "[{\"code\":\"dropout\",\"points\":20,\"value\":0}]", 7000),
			 0);
	assert_int_equal(st_standing_get(db, &a, k1, &r), 0);
	assert_true(r.has_risk);
	assert_string_equal(r.computed, "yellow");
	assert_int_equal(r.score, 25);
	assert_int_equal(r.graded_at, 7000);
	assert_string_equal(r.c.next_due_on, "2026-11-25");
	assert_string_equal(r.c.risk_level, "yellow");
	assert_int_equal(r.c.risk_score, 25);
	assert_null(r.override_level);

	/* due: restand_on <= day, by (restand_on, id); exited children never */
	assert_int_equal(st_standing_due(db, &a, "2026-11-25", 0, 10, &rows, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(st_standing_due(db, &a, "2026-11-30", 0, 10, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].c.id, k1);
	assert_int_equal(rows[1].c.id, k2);
	/* marking only moves a day earlier, and only for active children of the range */
	assert_int_equal(st_standing_mark(db, k1, "2026-11-28"), 0);
	int64_t marked = 0;
	assert_int_equal(st_standing_mark_region(db, 500241001000LL, 500241001999LL, "2026-11-22",
						 &marked), 0);
	assert_int_equal(marked, 2);
	assert_int_equal(st_standing_due(db, &a, "2026-11-22", 0, 10, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(st_child_set_status(db, k2, "exited", "moved_away", "2026-11-01", NULL,
					     8000), 0);
	assert_int_equal(st_child_set_status(db, k3, "exited", "moved_away", "2026-11-01", NULL,
					     8000), 0);
	assert_int_equal(st_standing_mark_region(db, 500241001000LL, 500241001999LL, "2026-11-20",
						 &marked), 0);
	assert_int_equal(marked, 1);   /* k1; the exited k2 stays as it is */

	/* the override: set, read back with who, cleared; clearing twice is not found */
	assert_int_equal(st_child_risk_override(db, k2, "red", "x", "2026-12-01", uid, 9000),
			 ST_NOT_FOUND);   /* no grading row */
	assert_int_equal(st_child_risk_override(db, k1, "red", "监护人失联", "2026-12-31", uid,
						9000), 0);
	assert_int_equal(st_standing_get(db, &a, k1, &r), 0);
	assert_string_equal(r.override_level, "red");
	assert_string_equal(r.override_reason, "监护人失联");
	assert_string_equal(r.override_until, "2026-12-31");
	assert_string_equal(r.override_by_name, "评级人");
	assert_int_equal(r.override_at, 9000);
	assert_int_equal(st_child_risk_put(db, k1, 500241001001LL, "orange", 45, "[]", 9500), 0);
	assert_int_equal(st_standing_get(db, &a, k1, &r), 0);
	assert_string_equal(r.override_level, "red");   /* a new grading keeps the override */
	assert_string_equal(r.computed, "orange");
	assert_int_equal(st_child_risk_override(db, k1, NULL, NULL, NULL, 0, 0), 0);
	assert_int_equal(st_child_risk_override(db, k1, NULL, NULL, NULL, 0, 0), ST_NOT_FOUND);

	/* the history of levels, newest first */
	struct risk_change_row x = { .child_id = k1, .region_code = 500241001001LL, .at = 7000,
				     .to_level = "yellow", .score = 25, .cause = "file",
				     .detail = "得分25" };
	assert_int_equal(st_risk_change_add(db, &x), 0);
	x.at = 9000;
	x.from_level = "yellow";
	x.to_level = "red";
	x.cause = "override";
	x.user_id = uid;
	assert_int_equal(st_risk_change_add(db, &x), 0);
	struct risk_change_row *xs;
	int64_t total;
	assert_int_equal(st_risk_changes(db, &a, k1, (struct page){ 0, 10 }, &xs, &n, &total), 0);
	assert_int_equal(total, 2);
	assert_string_equal(xs[0].cause, "override");
	assert_string_equal(xs[0].from_level, "yellow");
	assert_string_equal(xs[0].user_name, "评级人");
	assert_null(xs[1].from_level);
	assert_null(xs[1].user_name);
	assert_int_equal(st_risk_changes(db, &a, k2, (struct page){ 0, 10 }, &xs, &n, &total), 0);
	assert_int_equal(total, 0);

	/* the caregiver's capacity: a visit entered late does not overwrite a later one's */
	struct visit_row v = { .child_id = k1, .region_code = 500241001001LL, .kind = "home_visit",
			       .occurred_at = 20000, .occurred_on = "2026-11-20", .user_id = uid,
			       .client_id = "5d0f4a54-5b1c-4bb8-9d4c-3f1a3c7e2a11",
			       .caregiver_capacity = "lacking", .created_at = 20000 };
	assert_int_equal(st_visit_insert(db, &v, &vid), 0);
	assert_int_equal(st_child_set_caregiver_capacity(db, k1, "lacking", 20000), 0);
	v.occurred_at = 10000;
	v.caregiver_capacity = "adequate";
	v.client_id = "5d0f4a54-5b1c-4bb8-9d4c-3f1a3c7e2a12";
	assert_int_equal(st_visit_insert(db, &v, &vid), 0);
	assert_int_equal(st_child_set_caregiver_capacity(db, k1, "adequate", 10000), 0);
	assert_int_equal(st_standing_get(db, &a, k1, &r), 0);
	assert_string_equal(r.c.caregiver_capacity, "lacking");
	arena_release(&a);
	store_release(S, db);
}

/* Issue 4, warnings (预警): one open row per kind, child and problem (the partial unique index),
 * lists scoped by the child's village, escalated first; the summary's counts; the facts a
 * warning is judged from (a system note is not a follow-up); escalation once; the problem's
 * if_updated_at precondition and strictly increasing updated_at; visit photos and has_photo; the
 * workspace rows in the schedule's order. */
static void warnings_kept_scoped_and_counted(void **state)
{
	struct db *db = store_acquire(S);
	struct arena a = ARENA_INIT;
	int64_t uid, c1, c2, w1, w2, w3, id, v1, v2, p1, p2, p3;
	struct user_row u = { .username = "warner", .display_name = "祁主任", .password_hash = "h",
			      .role = "director", .region_code = 500241103204LL };
	assert_int_equal(st_user_insert(db, &u, 100, &uid), 0);
	struct child_row c = { .region_code = 500241103204LL, .name = "祁小安", .sex = "F",
			       .birth_date = "2016-03-01", .hukou_type = "rural", .health = "healthy",
			       .school_stage = "primary", .schooling_status = "in_school",
			       .economic = "none", .created_by = uid, .director_id = uid };
	assert_int_equal(st_child_insert(db, &c, 1000, &c1), 0);
	c.region_code = 500241001001LL;
	c.name = "祁小东";
	c.director_id = 0;
	assert_int_equal(st_child_insert(db, &c, 1000, &c2), 0);

	/* ---- the rows ---- */
	struct warning_row w = { .child_id = c1, .region_code = 500241103204LL,
				 .kind = "contact_overdue", .message = "联系已逾期",
				 .due_on = "2026-11-01", .opened_at = 2000, .opened_on = "2026-11-02" };
	assert_int_equal(st_warning_insert(db, &w, &w1), 0);
	assert_int_equal(st_warning_insert(db, &w, &id), 0);
	assert_int_equal(id, 0);   /* one open row per kind, child and problem */
	w.kind = "problem_overdue";
	w.ref_id = 7;
	w.escalated = 1;
	w.opened_at = 3000;
	assert_int_equal(st_warning_insert(db, &w, &w2), 0);
	w.ref_id = 8;   /* another problem: its own row */
	assert_int_equal(st_warning_insert(db, &w, &id), 0);
	assert_int_equal(st_warning_close(db, id, 3500), 0);
	struct warning_row x = { .child_id = c2, .region_code = 500241001001LL,
				 .kind = "file_incomplete", .message = "档案不完整，缺少：儿童主任",
				 .opened_at = 2500, .opened_on = "2026-11-02" };
	assert_int_equal(st_warning_insert(db, &x, &w3), 0);
	assert_int_equal(st_warning_close(db, w1, 4000), 0);
	w.kind = "contact_overdue";   /* closed: it may open again */
	w.ref_id = 0;
	w.escalated = 0;
	w.opened_at = 4500;
	assert_int_equal(st_warning_insert(db, &w, &id), 0);
	assert_int_equal(st_warning_update(db, id, 500241103204LL, "联系已逾期（新）", "2026-11-20", 0), 0);

	struct warning_row *rows;
	int n;
	int64_t total;
	assert_int_equal(st_warnings_open(db, &a, c1, &rows, &n), 0);
	assert_int_equal(n, 2);
	struct warning_filter f = { .scope = AIKOU };
	assert_int_equal(st_warning_list(db, &a, &f, (struct page){ 0, 10 }, &rows, &n, &total), 0);
	assert_int_equal(total, 2);
	assert_int_equal(rows[0].id, w2);   /* escalated first */
	assert_true(rows[0].escalated);
	assert_int_equal(rows[0].ref_id, 7);
	assert_string_equal(rows[0].child_name, "祁小安");
	assert_string_equal(rows[0].region_name, "平所村村民委员会");
	assert_string_equal(rows[1].message, "联系已逾期（新）");
	assert_string_equal(rows[1].due_on, "2026-11-20");
	f.scope = XIUSHAN;
	assert_int_equal(st_warning_list(db, &a, &f, (struct page){ 0, 10 }, &rows, &n, &total), 0);
	assert_int_equal(total, 3);
	f.kind = "file_incomplete";
	assert_int_equal(st_warning_list(db, &a, &f, (struct page){ 0, 10 }, &rows, &n, &total), 0);
	assert_int_equal(total, 1);
	assert_int_equal(rows[0].id, w3);
	f.kind = NULL;
	f.escalated_only = 1;
	assert_int_equal(st_warning_list(db, &a, &f, (struct page){ 0, 10 }, &rows, &n, &total), 0);
	assert_int_equal(total, 1);
	f.escalated_only = 0;
	f.closed = 1;
	f.child_id = c1;
	assert_int_equal(st_warning_list(db, &a, &f, (struct page){ 0, 10 }, &rows, &n, &total), 0);
	assert_int_equal(total, 2);
	assert_true(rows[0].closed_at > 0);

	/* ---- the summary ---- */
	struct warning_summary sum0, sum;
	assert_int_equal(st_warning_summary(db, &a, &AIKOU, NULL, "2026-11-22", &sum0), 0);
	assert_int_equal(sum0.escalated, 1);
	int64_t per_kind = 0;
	for (int i = 0; i < sum0.nkinds; i++)
		per_kind += sum0.by_kind[i].count;
	assert_int_equal(per_kind, 2);
	assert_int_equal(db_exec(db, "UPDATE children SET risk_level = 'red' WHERE id = ?",
				 (struct db_param[]){ PINT(c1) }, 1), 0);
	struct problem_row p = { .child_id = c1, .region_code = 500241103204LL,
				 .category = "safety_hazard", .description = "后墙开裂",
				 .deadline = "2026-11-20", .created_by = uid, .created_at = 5000 };
	assert_int_equal(st_problem_insert(db, &p, &p1), 0);
	assert_int_equal(st_warning_summary(db, &a, &AIKOU, NULL, "2026-11-22", &sum), 0);
	assert_int_equal(sum.high_risk, sum0.high_risk + 1);
	assert_int_equal(sum.overdue_problems, sum0.overdue_problems + 1);
	assert_int_equal(st_warning_summary(db, &a, &AIKOU, NULL, "2026-11-20", &sum), 0);
	assert_int_equal(sum.overdue_problems, sum0.overdue_problems);   /* not before the day after */
	static const struct scope ZHONGHE = { .lo = 500241001000LL, .hi = 500241001999LL };
	assert_int_equal(st_warning_summary(db, &a, &XIUSHAN, &ZHONGHE, "2026-11-22", &sum), 0);
	assert_int_equal(sum.nkinds, 1);
	assert_string_equal(sum.by_kind[0].kind, "file_incomplete");
	assert_int_equal(sum.escalated, 0);

	/* ---- the facts: caregiver, phones, the follow-up of a caregiver found wanting ---- */
	struct warning_child_facts cf = { 0 };
	assert_int_equal(st_warning_contact_facts(db, &a, c1, &cf), 0);
	assert_int_equal(st_warning_followup_facts(db, &a, c1, &cf), 0);
	assert_false(cf.has_caregiver);
	assert_false(cf.has_contact_phone);
	assert_null(cf.caregiver_capacity);
	struct caregiver_row cg = { .name = "杨桂芝", .relation = "祖母" };
	assert_int_equal(st_caregiver_replace(db, c1, 500241103204LL, &cg), 0);
	assert_int_equal(st_warning_contact_facts(db, &a, c1, &cf), 0);
	assert_true(cf.has_caregiver);
	assert_false(cf.has_contact_phone);
	struct member_row m = { .relation = "father", .name = "祁国强", .status = "away",
				.phone_cipher = "c", .phone_index = "i", .phone_masked = "138****2222" };
	assert_int_equal(st_members_replace(db, c1, 500241103204LL, &m, 1), 0);
	assert_int_equal(st_warning_contact_facts(db, &a, c1, &cf), 0);
	assert_true(cf.has_contact_phone);
	struct visit_row v = { .child_id = c1, .region_code = 500241103204LL, .kind = "home_visit",
			       .occurred_at = 6000, .occurred_on = "2026-11-21", .user_id = uid,
			       .client_id = "6f1c2f0e-2a51-4c1e-9a9e-5b8f2a1d0c11",
			       .caregiver_capacity = "lacking", .created_at = 6000 };
	assert_int_equal(st_visit_insert(db, &v, &v1), 0);
	p.visit_id = v1;
	p.category = "guardianship_gap";
	p.deadline = "2026-11-28";
	p.created_at = 6000;
	assert_int_equal(st_problem_insert(db, &p, &p2), 0);
	assert_int_equal(st_warning_followup_facts(db, &a, c1, &cf), 0);
	assert_string_equal(cf.caregiver_capacity, "lacking");
	assert_int_equal(cf.caregiver_problem_id, p2);
	assert_string_equal(cf.caregiver_problem_deadline, "2026-11-28");
	assert_int_equal(st_problem_note_add(db, p2, 500241103204LL, 6500, 0, "系统", "已逾期升级至乡镇督导员"), 0);
	assert_int_equal(st_warning_followup_facts(db, &a, c1, &cf), 0);
	assert_int_equal(cf.caregiver_problem_id, p2);   /* the system's note is no follow-up */
	assert_int_equal(st_problem_note_add(db, p2, 500241103204LL, 6600, uid, "warner", "已告知父母"), 0);
	assert_int_equal(st_warning_followup_facts(db, &a, c1, &cf), 0);
	assert_int_equal(cf.caregiver_problem_id, 0);
	/* a later visit found the caregiver adequate: no follow-up is asked for */
	v.occurred_at = 7000;
	v.client_id = "6f1c2f0e-2a51-4c1e-9a9e-5b8f2a1d0c12";
	v.caregiver_capacity = "adequate";
	assert_int_equal(st_visit_insert(db, &v, &v2), 0);
	assert_int_equal(st_warning_followup_facts(db, &a, c1, &cf), 0);
	assert_string_equal(cf.caregiver_capacity, "adequate");

	/* ---- open problems, escalation once ---- */
	struct problem_row *open;
	assert_int_equal(st_problems_open_of_child(db, &a, c1, &open, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(open[0].id, p1);
	assert_string_equal(open[0].deadline, "2026-11-20");
	assert_string_equal(open[0].category, "safety_hazard");
	assert_int_equal(open[0].escalated_at, 0);
	int changed;
	assert_int_equal(st_problem_escalate(db, p1, 8000, &changed), 0);
	assert_true(changed);
	assert_int_equal(st_problem_escalate(db, p1, 9000, &changed), 0);
	assert_false(changed);
	struct problem_row got;
	assert_int_equal(st_problem_get(db, &a, &AIKOU, p1, &got), 0);
	assert_int_equal(got.escalated_at, 8000);
	struct problem_filter pf = { .scope = AIKOU, .escalated_only = 1 };
	struct problem_row *pr;
	assert_int_equal(st_problem_list(db, &a, &pf, (struct page){ 0, 10 }, &pr, &n, &total), 0);
	assert_int_equal(total, 1);
	assert_int_equal(pr[0].id, p1);
	pf = (struct problem_filter){ .scope = AIKOU, .state = "open", .director_id = uid };
	assert_int_equal(st_problem_list(db, &a, &pf, (struct page){ 0, 10 }, &pr, &n, &total), 0);
	assert_int_equal(total, 2);   /* the open problems of this director's children */

	/* ---- the precondition: updated_at moves strictly forward ---- */
	p.visit_id = 0;
	p.created_at = 10000;
	assert_int_equal(st_problem_insert(db, &p, &p3), 0);
	assert_int_equal(st_problem_if_updated(db, p3, 9999), ST_CONFLICT);
	assert_int_equal(st_problem_if_updated(db, p3, 10000), 0);
	assert_int_equal(st_problem_note_add(db, p3, 500241103204LL, 10000, uid, "warner", "一"), 0);
	assert_int_equal(st_problem_get(db, &a, &AIKOU, p3, &got), 0);
	assert_int_equal(got.updated_at, 10001);   /* the same millisecond still differs */
	assert_int_equal(st_problem_if_updated(db, p3, 10000), ST_CONFLICT);
	assert_int_equal(st_problem_note_add(db, p3, 500241103204LL, 9000, uid, "warner", "二"), 0);
	assert_int_equal(st_problem_get(db, &a, &AIKOU, p3, &got), 0);
	assert_int_equal(got.updated_at, 10002);   /* a clock behind never goes back */
	assert_int_equal(st_problem_resolve(db, p3, "已解决", uid, 20000), 0);
	assert_int_equal(st_problem_get(db, &a, &AIKOU, p3, &got), 0);
	assert_int_equal(got.updated_at, 20000);

	/* ---- visit photos ---- */
	struct visit_row vr;
	assert_int_equal(st_visit_get(db, &a, &AIKOU, v1, &vr), 0);
	assert_false(vr.has_photo);
	assert_int_equal(st_visit_photo_put(db, v1, 500241103204LL, "image/png", "iVBORw0K", 100), 0);
	assert_int_equal(st_visit_photo_put(db, v1, 500241103204LL, "image/jpeg", "/9j/4AAQ", 200), 0);
	assert_int_equal(st_visit_get(db, &a, &AIKOU, v1, &vr), 0);
	assert_true(vr.has_photo);
	assert_int_equal(st_visit_get(db, &a, &AIKOU, v2, &vr), 0);
	assert_false(vr.has_photo);
	const char *mime, *data;
	assert_int_equal(st_visit_photo_get(db, &a, v1, &mime, &data), 0);
	assert_string_equal(mime, "image/jpeg");
	assert_string_equal(data, "/9j/4AAQ");
	assert_int_equal(st_visit_photo_get(db, &a, v2, &mime, &data), ST_NOT_FOUND);

	/* ---- the workspace's rows: graded children of the director, by next due day ---- */
	int64_t c3;
	c.region_code = 500241103204LL;
	c.name = "祁小三";
	c.director_id = uid;
	assert_int_equal(st_child_insert(db, &c, 1000, &c3), 0);
	assert_int_equal(db_exec(db, "UPDATE children SET next_due_on = ? WHERE id = ?",
				 (struct db_param[]){ PTEXT("2026-12-01"), PINT(c1) }, 2), 0);
	assert_int_equal(db_exec(db, "UPDATE children SET next_due_on = ? WHERE id = ?",
				 (struct db_param[]){ PTEXT("2026-11-25"), PINT(c3) }, 2), 0);
	cg.phone_masked = "139****1111";
	cg.phone_cipher = "c";
	assert_int_equal(st_caregiver_replace(db, c1, 500241103204LL, &cg), 0);
	struct sched_filter sf = { .scope = XIUSHAN, .director_id = uid };
	struct workspace_extra *wx;
	assert_int_equal(st_workspace_extras(db, &a, &sf, 10, &wx, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(wx[0].id, c3);   /* due first */
	assert_int_equal(wx[1].id, c1);
	assert_false(wx[0].has_caregiver);
	assert_null(wx[0].last_kind);
	assert_true(wx[1].has_caregiver);
	assert_string_equal(wx[1].cg_name, "杨桂芝");
	assert_string_equal(wx[1].cg_phone_masked, "139****1111");
	assert_string_equal(wx[1].guardian_phone_masked, "138****2222");
	assert_string_equal(wx[1].last_kind, "home_visit");
	assert_int_equal(st_workspace_extras(db, &a, &sf, 1, &wx, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(wx[0].id, c3);
	sf.scope = ZHONGHE;
	assert_int_equal(st_workspace_extras(db, &a, &sf, 10, &wx, &n), 0);
	assert_int_equal(n, 0);
	arena_release(&a);
	store_release(S, db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migrations_are_idempotent),
		cmocka_unit_test(regions_respect_scope),
		cmocka_unit_test(orgs_filter_and_scope),
		cmocka_unit_test(users_unique_and_scoped),
		cmocka_unit_test(sessions_live_and_end),
		cmocka_unit_test(audit_is_append_only_and_chained),
		cmocka_unit_test(login_log_and_settings),
		cmocka_unit_test(rollback_loses_nothing_saved_before),
		cmocka_unit_test(visits_once_scoped_and_scheduled),
		cmocka_unit_test(standing_read_swept_and_kept),
		cmocka_unit_test(warnings_kept_scoped_and_counted),
	};
	return cmocka_run_group_tests(tests, open_store, close_store);
}
