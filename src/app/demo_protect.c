/* demo_protect.c: issue 5's records for the synthetic demo county, made through the use cases
 * themselves as the demo users who would make them (audited as those users), so that the demo
 * shows protection at work: guardianship assessments of every grade in 隘口镇 (one 监护缺失, which
 * warns and raises the child's risk), family-education sessions, psychological screenings in
 * 平所村 (one abnormal, with its referral), a placement and interventions (one closed case with
 * an after-case visit overdue), and mandatory reports (强制报告) filed by the school in
 * each state from 已报告 to 已反馈报告人. Made once: the setting `demo.protect` records it.
 * Generated people and events only. */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "common/timeutil.h"
#include "domain/cdate.h"
#include "domain/guardianship.h"

#define DONE_KEY "demo.protect"
#define VILLAGE "500241103204"   /* 平所村, the demo director's village */

/* A context acting as the demo user `username`. */
static int as_user(struct ctx *c, const char *username, struct principal *p, struct ctx *out,
		   struct err *e)
{
	struct user_row u;
	struct db *db = store_acquire(c->app->store);
	int st = st_user_by_username(db, c->a, username, &u);
	store_release(c->app->store, db);
	if (st)
		return err_set(e, st, NULL, "demo user %s missing", username);
	principal_from_user(c->a, &u, p);
	*out = *c;
	out->who = p;
	out->ip = "demo";
	return ST_OK;
}

static const char *day_before(struct arena *a, int days)
{
	struct cdate d = cdate_add_days(cdate_from_ms(clock_now_ms()), -days);
	return arena_printf(a, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* Active children the user can read, oldest files first. */
static int some_children(struct ctx *c, int max, struct child_row **rows, int *n, struct err *e)
{
	struct child_query q = { .status = "active", .sort = "birth_date", .age_min = -1,
				 .age_max = -1, .page = 1, .page_size = max };
	int64_t total;
	return children_list(c, &q, rows, n, &total, e);
}

/* Answers (option index per item, clamped to the item's options) of four households. */
static const int households[][GA_ITEM_COUNT] = {
	/* capable grandparents, parents away and in monthly contact: 监护正常 */
	{ 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0 },
	/* elderly carer of limited capacity, seldom contact, little supervision: 监护不足 */
	{ 1, 2, 1, 1, 1, 1, 1, 1, 0, 2, 1, 0, 0, 0, 0 },
	/* the guardian beats the child: at least 监护失当 */
	{ 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 2, 0, 0, 0 },
	/* nobody actually cares for the child: 监护缺失 */
	{ 2, 3, 2, 1, 1, 2, 1, 1, 1, 2, 2, 0, 0, 1, 0 },
};

static int assess(struct ctx *c, int64_t child, int household, int days_ago, struct err *e)
{
	struct assessment_input in = { .assessed_on = day_before(c->a, days_ago),
				       .note = "演示数据：入户评估" };
	for (int i = 0; i < GA_ITEM_COUNT; i++) {
		const struct ga_item *it = ga_item_get((enum ga_item_id)i);
		int k = households[household][i];
		if (k >= it->noptions)
			k = it->noptions - 1;
		in.answers[in.nanswers++] = (struct assessment_answer){ it->code, it->options[k].code };
	}
	struct assessment_view out;
	return assessments_create(c, child, &in, &out, e);
}

static int guardianship_records(struct ctx *c, struct err *e)
{
	struct child_row *kids;
	int n;
	int st = some_children(c, 16, &kids, &n, e);
	for (int i = 0; !st && i < n; i++) {
		/* most households normal; one of each other grade */
		int h = i == 3 ? 3 : i == 7 ? 2 : (i % 4 == 1) ? 1 : 0;
		st = assess(c, kids[i].id, h, 5 + i * 9, e);
		if (!st && i % 3 == 0) {
			struct family_edu_input f = {
				.held_on = day_before(c->a, 20 + i), .recipient_name = "演示家长",
				.recipient_relation = i % 2 ? "grandmother_p" : "mother",
				.form = i % 2 ? "home" : "class", .provider = "乡镇社工站",
				.content = "演示数据：家庭教育指导（亲子沟通、防溺水安全）",
			};
			struct family_edu_row fo;
			int replayed;
			st = family_edu_create(c, kids[i].id, &f, &fo, &replayed, e);
		}
	}
	return st;
}

/* Guardianship cases in 隘口镇 (as the town supervisor): the 监护缺失 child of
 * guardianship_records is placed with relatives, its parents got a 督促监护令 whose case closed 70
 * days ago (the first after-case visit is overdue and warns); the 监护失当 child's family was
 * admonished by the village committee (open). */
static int case_records(struct ctx *c, struct err *e)
{
	struct child_row *kids;
	int n;
	int st = some_children(c, 16, &kids, &n, e);
	if (st || n < 8)
		return st;
	struct placement_input p = {
		.kind = "relatives", .term = "temporary", .carer = "演示亲属（姑母）",
		.reason = "演示数据：监护缺失，由县民政局临时监护并委托亲属抚养",
		.start_on = day_before(c->a, 20), .review_months = 1,
	};
	struct placement_view pv;
	st = placements_create(c, kids[3].id, &p, &pv, e);
	struct intervention_input i = {
		.kind = "supervision_order", .issuer = "秀山县人民法院", .issued_on = day_before(c->a, 100),
		.doc_no = "（演示）渝0241民特1号",
		.summary = "演示数据：父母外出后长期不履行监护职责，法院发出督促监护令",
	};
	struct intervention_view iv;
	if (!st)
		st = interventions_create(c, kids[3].id, &i, &iv, e);
	if (!st) {
		struct intervention_change close = { .has_closed_on = 1,
						      .closed_on = day_before(c->a, 70) };
		st = interventions_update(c, iv.r.id, &close, &iv, e);
	}
	struct intervention_input a = {
		.kind = "admonition", .issuer = "隘口镇村民委员会", .issued_on = day_before(c->a, 30),
		.summary = "演示数据：监护人有打骂行为，村委会予以劝诫并约定整改",
	};
	if (!st)
		st = interventions_create(c, kids[7].id, &a, &iv, e);
	return st;
}

static int psych_records(struct ctx *c, struct err *e)
{
	struct child_row *kids;
	int n;
	int st = some_children(c, 3, &kids, &n, e);
	static const char *const results[] = { "normal", "watch", "abnormal" };
	for (int i = 0; !st && i < n; i++) {
		struct psych_screening_input in = {
			.instrument = "中小学生心理健康量表（MHT）", .screened_on = day_before(c->a, 12),
			.assessor = "县心理健康服务中心", .result = results[i],
			.score = i == 2 ? "68" : i == 1 ? "52" : "31", .note = "演示数据",
		};
		if (i == 2)
			in.referral = (struct psych_referral_input){ .given = 1,
								     .service_type = "school_counsellor",
								     .service_name = "隘口镇中心小学心理辅导室" };
		struct psych_screening_row out;
		int replayed;
		st = psych_screening_create(c, kids[i].id, &in, &out, &replayed, e);
	}
	return st;
}

/* The school files; the police carry each report as far as `steps` events. */
static int report(struct ctx *school, struct ctx *police, const char *situation,
		  const char *urgency, const char *seen, const char *name, const char *sex, int age,
		  int steps, struct err *e)
{
	struct report_input in = {
		.situation = situation, .urgency = urgency, .seen = seen,
		.happened_at = day_before(school->a, 1), .place = "学校及学生家中",
		.region_code = VILLAGE, .channel = "online", .child_name = name, .child_sex = sex,
		.child_age = age, .has_child_age = 1, .child_description = "演示数据：虚构儿童",
		.child_school = "隘口镇中心小学", .pupil = 1, .has_pupil = 1,
	};
	struct report_view v;
	int created;
	int st = reports_file(school, &in, &v, &created, e);
	static const char *const events[] = { "accept", "start_handling", "conclude",
					      "tell_outcome" };
	for (int i = 0; !st && i < steps; i++) {
		struct report_event_input ev = { .event = events[i] };
		if (i == 2)
			ev.outcome = "经调查核实，已对监护人进行训诫，并通报民政部门落实后续关爱";
		if (i == 3)
			ev.note = "已依法处置，感谢贵校及时报告";
		st = reports_event(police, v.r.id, &ev, &v, e);
	}
	return st;
}

static int report_records(struct ctx *school, struct ctx *police, struct err *e)
{
	int st = report(school, police, "left_without_care", "urgent",
			"学生连续三天放学后无人接送，自述父母外出务工、家中无人照看", "田某某", "F", 9, 0,
			e);
	if (!st)
		st = report(school, police, "abuse_violence", "immediate",
			    "学生手臂、背部有多处淤青，自述在家中被殴打", "吴某某", "M", 11, 2, e);
	if (!st)
		st = report(school, police, "unexplained_injury", "normal",
			    "学生额头有伤口，说不清受伤原因", "彭某某", "M", 8, 4, e);
	return st;
}

int demo_protect(struct ctx *c, struct err *e)
{
	const char *done = NULL;
	struct db *db = store_acquire(c->app->store);
	int st = st_setting_get(db, c->a, DONE_KEY, &done);
	store_release(c->app->store, db);
	if (st == ST_OK && done)
		return ST_OK;
	struct principal pt, pd, ps, pp;
	struct ctx town, director, school, police;
	st = as_user(c, "town", &pt, &town, e);
	if (!st)
		st = as_user(c, "director", &pd, &director, e);
	if (!st)
		st = as_user(c, "school", &ps, &school, e);
	if (!st)
		st = as_user(c, "police", &pp, &police, e);
	if (!st)
		st = guardianship_records(&town, e);
	if (!st)
		st = case_records(&town, e);
	if (!st)
		st = psych_records(&director, e);
	if (!st)
		st = report_records(&school, &police, e);
	if (!st) {
		db = store_acquire(c->app->store);
		st = st_setting_put(db, DONE_KEY, "1");
		store_release(c->app->store, db);
	}
	return st;
}
