/* visits.c: the use cases of issue 4's records and the visit schedule (see visits.h): each checks
 * the permission, finds the child (or record) inside the caller's scope, runs in one transaction
 * and writes its audit row there; changes also go into the child's history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "common/buf.h"
#include "common/timeutil.h"
#include "domain/region.h"

/* ---- code lists ---- */

static const struct code_name checks[VISIT_CHECKS] = {
	{ "living", "生活状况" },          { "guardianship", "监护和委托照护" },
	{ "schooling", "就学" },           { "health", "健康" },
	{ "psychological", "心理状况" },   { "safety", "家庭安全隐患" },
	{ "parents_contact", "与外出父母联系" },
};

const char *visit_check_code(int i)
{
	return i >= 0 && i < VISIT_CHECKS ? checks[i].code : NULL;
}

const char *visit_check_name(int i)
{
	return i >= 0 && i < VISIT_CHECKS ? checks[i].name : NULL;
}

static const struct code_name visit_kinds[] = {
	{ "phone_video", "电话/视频联系" }, { "home_visit", "入户走访" }, { "school_visit", "到校走访" },
};
static const struct code_name hazards[] = {
	{ "water", "溺水" }, { "electricity", "用电" }, { "fire", "用火" }, { "falls", "跌落" },
};
static const struct code_name capacities[] = {
	{ "adequate", "有照护能力" }, { "lacking", "缺乏照护能力" }, { "neglecting", "怠于履行照护职责" },
};
static const struct code_name problem_categories[] = {
	{ "guardianship_gap", "监护缺失或不当" },   { "illness_disability", "疾病或残疾" },
	{ "return_to_school", "控辍保学" },         { "household_registration", "户籍登记" },
	{ "assistance_need", "帮扶救助需求" },      { "safety_hazard", "安全隐患" },
	{ "psychological_behavioural", "心理或行为问题" }, { "other", "其他" },
};
static const struct code_name care_kinds[] = {
	{ "material", "物资帮扶" },     { "financial", "资金救助" },   { "study", "学业辅导" },
	{ "psychological", "心理关爱" }, { "medical", "医疗救助" },   { "companionship", "亲情陪伴" },
	{ "legal", "法律援助" },        { "other", "其他" },
};

#define COUNT(t) ((int)(sizeof t / sizeof t[0]))

static const char *name_of(const struct code_name *t, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return t[i].name;
	return NULL;
}

const struct code_name *visit_dict(const char *which, int *n)
{
	static const struct {
		const char *which;
		const struct code_name *t;
		int n;
	} dicts[] = {
		{ "visit_kinds", visit_kinds, COUNT(visit_kinds) },
		{ "checklist", checks, COUNT(checks) },
		{ "hazards", hazards, COUNT(hazards) },
		{ "caregiver_capacities", capacities, COUNT(capacities) },
		{ "problem_categories", problem_categories, COUNT(problem_categories) },
		{ "care_kinds", care_kinds, COUNT(care_kinds) },
	};
	for (int i = 0; i < COUNT(dicts); i++)
		if (strcmp(dicts[i].which, which) == 0) {
			*n = dicts[i].n;
			return dicts[i].t;
		}
	*n = 0;
	return NULL;
}

const char *visit_kind_name(const char *code)
{
	return name_of(visit_kinds, COUNT(visit_kinds), code);
}

const char *caregiver_capacity_name(const char *code)
{
	return name_of(capacities, COUNT(capacities), code);
}

const char *problem_category_name(const char *code)
{
	return name_of(problem_categories, COUNT(problem_categories), code);
}

const char *care_kind_name(const char *code)
{
	return name_of(care_kinds, COUNT(care_kinds), code);
}

/* ---- helpers ---- */

static struct action rec_action(const char *name, const char *type, int64_t id, int64_t region)
{
	struct action act = { .name = name, .object_type = type, .region_code = region };
	if (id)
		snprintf(act.object_id, sizeof act.object_id, "%lld", (long long)id);
	return act;
}

static void set_object(struct action *act, int64_t id)
{
	snprintf(act->object_id, sizeof act->object_id, "%lld", (long long)id);
}

/* Visits, problems, work logs and the schedule are the caseworkers' (see visits.h). */
static int require_caseworker(struct ctx *c, struct err *e)
{
	int st = app_require(c, PERM_CHILD_READ, e);
	return st ? st : app_require(c, PERM_CHILD_WRITE, e);
}

static int child_in_scope(struct ctx *c, struct db *db, int64_t id, struct child_row *row,
			  struct err *e)
{
	int st = st_child_get(db, c->a, &c->who->scope, id, row);
	if (st == ST_NOT_FOUND)
		err_set(e, st, NULL, "儿童档案不存在");
	return st;
}

static int child_active(const struct child_row *row, struct err *e)
{
	if (strcmp(row->status, "active") != 0)
		return err_set(e, ST_INVALID, "status", "该儿童已退出关爱");
	return ST_OK;
}

static struct cdate today_cst(void)
{
	return cdate_from_ms(clock_now_ms());
}

static const char *day_text(struct arena *a, struct cdate d)
{
	char *s = arena_alloc(a, 11);
	cdate_format(d, s);
	return s;
}

static int history(struct ctx *c, struct db *db, const struct child_row *row, const char *field,
		   const char *text)
{
	return st_history_add(db, row->id, row->region_code, clock_now_ms(), c->who->user_id,
			      c->who->username, field, NULL, text);
}

/* Optional text: "" is absent. */
static const char *opt(const char *s)
{
	return s && *s ? s : NULL;
}

/* The county around a region: assignees and providers may be anywhere in it. */
static struct scope county_of(int64_t region)
{
	int64_t code = region;
	while (region_level(code) > 3)
		code = region_parent(code);
	struct scope sc = { 0 };
	region_range(code, &sc.lo, &sc.hi);
	return sc;
}

static int valid_uuid(const char *s)
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
	if (!s || strlen(s) != sizeof shape - 1)
		return 0;
	for (size_t i = 0; shape[i]; i++) {
		char ch = s[i];
		int hex = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
			  (ch >= 'A' && ch <= 'F');
		if (shape[i] == '-' ? ch != '-' : !hex)
			return 0;
	}
	return 1;
}

static int late_days(struct ctx *c, struct db *db)
{
	const char *v;
	if (st_setting_get(db, c->a, "visit_late_days", &v) == ST_OK) {
		char *end;
		long n = strtol(v, &end, 10);
		if (!*end && n >= 0 && n <= 365)
			return (int)n;
	}
	return VISIT_LATE_DAYS_DEFAULT;
}

/* ---- contacts and visits ---- */

static int visit_validate(struct ctx *c, struct db *db, const struct visit_input *in,
			  struct visit_row *v, struct err *e)
{
	int64_t now = clock_now_ms();
	if (!visit_kind_name(in->kind))
		return err_set(e, ST_INVALID, "kind", "联系方式应为 phone_video、home_visit 或 school_visit");
	if (!valid_uuid(in->client_id))
		return err_set(e, ST_INVALID, "client_id", "client_id 应为UUID");
	if (in->occurred_at <= 0)
		return err_set(e, ST_INVALID, "occurred_at", "请填写走访时间");
	if (in->occurred_at > now + VISIT_FUTURE_SLACK_MS)
		return err_set(e, ST_INVALID, "occurred_at", "走访时间不能晚于当前时间");
	for (int i = 0; i < VISIT_CHECKS; i++)
		if (in->check[i] && strcmp(in->check[i], "ok") && strcmp(in->check[i], "concern"))
			return err_set(e, ST_INVALID, arena_printf(c->a, "checklist.%s.status", checks[i].code),
				       "检查结果应为 ok 或 concern");
	if (in->caregiver_capacity && !caregiver_capacity_name(in->caregiver_capacity))
		return err_set(e, ST_INVALID, "caregiver_capacity",
			       "照护能力应为 adequate、lacking 或 neglecting");
	struct buf hz;
	buf_init(&hz, 256);
	for (int i = 0; i < in->nhazards; i++) {
		int ok = 0;
		for (int k = 0; k < COUNT(hazards); k++)
			ok |= strcmp(hazards[k].code, in->hazards[i]) == 0;
		if (!ok) {
			buf_free(&hz);
			return err_set(e, ST_INVALID, "checklist.safety.hazards",
				       "安全隐患应为 water、electricity、fire 或 falls");
		}
		if (hz.len)
			buf_puts(&hz, ",");
		buf_puts(&hz, in->hazards[i]);
	}
	v->safety_hazards = hz.len ? arena_strdup(c->a, hz.data) : NULL;
	buf_free(&hz);
	if (in->has_location && (in->lat_e6 < -90000000 || in->lat_e6 > 90000000 ||
				 in->lng_e6 < -180000000 || in->lng_e6 > 180000000))
		return err_set(e, ST_INVALID, "location", "位置坐标超出范围");
	if (in->has_location && in->located_at > now + VISIT_FUTURE_SLACK_MS)
		return err_set(e, ST_INVALID, "location.at", "定位时间不能晚于当前时间");
	struct cdate on = cdate_from_ms(in->occurred_at), today = today_cst();
	int days = cdate_days_between(on, today), limit = late_days(c, db);
	v->late = days > limit;
	v->late_reason = opt(in->late_reason);
	if (v->late && !v->late_reason)
		return err_set(e, ST_INVALID, "late_reason", "该走访已超过%d天补录，请说明原因", limit);
	v->kind = in->kind;
	v->client_id = in->client_id;
	v->occurred_at = in->occurred_at;
	v->occurred_on = day_text(c->a, on);
	v->met = opt(in->met);
	for (int i = 0; i < VISIT_CHECKS; i++) {
		v->check[i] = in->check[i];
		v->check_note[i] = opt(in->check_note[i]);
	}
	v->caregiver_capacity = in->caregiver_capacity;
	v->notes = opt(in->notes);
	v->has_location = in->has_location;
	v->lat_e6 = in->lat_e6;
	v->lng_e6 = in->lng_e6;
	v->located_at = in->has_location ? in->located_at : 0;
	v->user_id = c->who->user_id;
	v->created_at = now;
	return ST_OK;
}

/* The same client_id again: the stored record, provided it is of this child. */
static int visit_replay(struct ctx *c, struct db *db, int64_t child_id, int64_t id,
			struct visit_result *out, struct err *e)
{
	int st = st_visit_get(db, c->a, &c->who->scope, id, &out->v);
	if (st == ST_NOT_FOUND)
		return err_set(e, ST_CONFLICT, "client_id", "该 client_id 已用于其他记录");
	if (!st && out->v.child_id != child_id)
		return err_set(e, ST_CONFLICT, "client_id", "该 client_id 已用于其他儿童的记录");
	out->replayed = 1;
	return st;
}

/* 000#5: a caregiver without capacity or neglecting duty: tell the parents, choose another
 * caregiver or urge this one. The visit opens the follow-up as a problem. */
static int open_caregiver_problem(struct ctx *c, struct db *db, const struct child_row *row,
				  const struct visit_row *v, int64_t visit_id, int64_t *id)
{
	struct problem_row p = {
		.child_id = row->id,
		.region_code = row->region_code,
		.visit_id = visit_id,
		.category = "guardianship_gap",
		.description = arena_printf(
			c->a, "%s发现委托照护人%s：请告知其父母，另行委托照护人或督促其履行照护职责（000#5）",
			visit_kind_name(v->kind), caregiver_capacity_name(v->caregiver_capacity)),
		.assignee_user_id = c->who->user_id,
		.deadline = day_text(c->a, cdate_add_days(today_cst(), PROBLEM_FOLLOWUP_DAYS)),
		.created_by = c->who->user_id,
		.created_at = clock_now_ms(),
	};
	int st = st_problem_insert(db, &p, id);
	if (!st)
		st = history(c, db, row, "发现问题", p.description);
	return st;
}

int visits_create(struct ctx *c, int64_t child_id, const struct visit_input *in,
		  struct visit_result *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("visit.create", "visit", 0, 0);
	struct child_row row;
	struct visit_row v = { 0 };
	int64_t id = 0;
	memset(out, 0, sizeof *out);
	int st = app_require(c, PERM_CHILD_WRITE, e);
	if (!st)
		st = child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		/* a retried upload: answered before any check that may have changed since */
		if (in->client_id && st_visit_by_client(db, c->who->user_id, in->client_id, &id) == ST_OK) {
			st = visit_replay(c, db, child_id, id, out, e);
			if (!st) {
				set_object(&act, id);
				act.detail = "replay=1";
			}
			return app_finish(c, db, st, &act, e);
		}
	}
	if (!st)
		st = child_active(&row, e);
	if (!st)
		st = visit_validate(c, db, in, &v, e);
	if (!st) {
		v.child_id = child_id;
		v.region_code = row.region_code;
		st = st_visit_insert(db, &v, &id);
	}
	if (!st && id == 0) {   /* a concurrent retry stored it first */
		st = st_visit_by_client(db, c->who->user_id, v.client_id, &id);
		if (!st)
			st = visit_replay(c, db, child_id, id, out, e);
		if (!st) {
			set_object(&act, id);
			act.detail = "replay=1";
		}
		return app_finish(c, db, st, &act, e);
	}
	if (!st)
		st = st_child_touch_visit(db, child_id, v.occurred_on,
					  strcmp(v.kind, "home_visit") == 0);
	if (!st)
		st = history(c, db, &row, visit_kind_name(v.kind),
			     arena_printf(c->a, "%s%s%s", v.occurred_on, v.late ? "（补录）" : "",
					  v.met ? arena_printf(c->a, "，见到%s", v.met) : ""));
	if (!st && v.caregiver_capacity && strcmp(v.caregiver_capacity, "adequate") != 0)
		st = open_caregiver_problem(c, db, &row, &v, id, &out->problem_id);
	if (!st)
		st = st_visit_get(db, c->a, &c->who->scope, id, &out->v);
	if (!st) {
		set_object(&act, id);
		act.detail = arena_printf(c->a, "child=%lld kind=%s late=%d problem=%lld",
					  (long long)child_id, v.kind, v.late,
					  (long long)out->problem_id);
	}
	return app_finish(c, db, st, &act, e);
}

int visits_get(struct ctx *c, int64_t id, struct visit_row *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("visit.read", "visit", id, 0);
	int st = require_caseworker(c, e);
	if (!st) {
		st = st_visit_get(db, c->a, &c->who->scope, id, out);
		if (st == ST_NOT_FOUND)
			err_set(e, st, NULL, "走访记录不存在");
	}
	if (!st)
		act.region_code = out->region_code;
	return app_finish(c, db, st, &act, e);
}

int visits_list(struct ctx *c, int64_t child_id, int page, int page_size, struct visit_row **rows,
		int *n, int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("visit.list", "child", child_id, 0);
	struct child_row row;
	int st = require_caseworker(c, e);
	if (!st)
		st = child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		st = st_visit_list(db, c->a, child_id, app_page(page, page_size), rows, n, total);
	}
	return app_finish(c, db, st, &act, e);
}

int visits_search(struct ctx *c, const struct visit_query *q, struct visit_row **rows, int *n,
		  int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("visit.list", "visit", 0, c->who ? c->who->region_code : 0);
	struct visit_filter f = { 0 };
	int st = require_caseworker(c, e);
	if (!st) {
		f.scope = c->who->scope;
		f.late_only = q->late;
		f.user_id = q->user_id;
	}
	if (!st && opt(q->region)) {
		int64_t code;
		st = regions_in_scope(c, db, "region", q->region, &code, &f.within, e);
	}
	if (!st && opt(q->kind)) {
		if (!visit_kind_name(q->kind))
			st = err_set(e, ST_INVALID, "kind", "联系方式不正确");
		f.kind = q->kind;
	}
	if (!st && opt(q->from) && cst_parse_date(q->from, &f.from) != 0)
		st = err_set(e, ST_INVALID, "from", "开始日期格式应为 YYYY-MM-DD");
	if (!st && opt(q->to)) {
		if (cst_parse_date(q->to, &f.to) != 0)
			st = err_set(e, ST_INVALID, "to", "结束日期格式应为 YYYY-MM-DD");
		f.to += DAY_MS;   /* inclusive: up to the end of that day in CST */
	}
	if (!st)
		st = st_visit_search(db, c->a, &f, app_page(q->page, q->page_size), rows, n, total);
	if (!st)
		act.detail = arena_printf(c->a, "rows=%d total=%lld", *n, (long long)*total);
	return app_finish(c, db, st, &act, e);
}

/* ---- problems ---- */

static int problem_load(struct ctx *c, struct db *db, int64_t id, struct problem_view *out,
			struct err *e)
{
	memset(out, 0, sizeof *out);
	int st = st_problem_get(db, c->a, &c->who->scope, id, &out->p);
	if (st == ST_NOT_FOUND)
		return err_set(e, st, NULL, "问题记录不存在");
	if (!st)
		st = st_problem_notes(db, c->a, id, &out->notes, &out->nnotes);
	struct cdate deadline, today = today_cst();
	if (!st && strcmp(out->p.state, "open") == 0 && out->p.deadline &&
	    cdate_parse(out->p.deadline, &deadline) == 0 && cdate_cmp(deadline, today) < 0) {
		out->overdue = 1;
		out->days_overdue = cdate_days_between(deadline, today);
	}
	return st;
}

static int check_assignees(struct ctx *c, struct db *db, int64_t region, int64_t user_id,
			   int64_t org_id, const char *user_field, const char *org_field,
			   struct err *e)
{
	struct scope county = county_of(region);
	int st = ST_OK;
	if (user_id) {
		struct user_row u;
		st = st_user_get(db, c->a, &county, user_id, &u);
		if (st == ST_NOT_FOUND || (!st && strcmp(u.status, "active") != 0))
			return err_set(e, ST_INVALID, user_field, "所选人员不存在或不在本县");
	}
	if (!st && org_id) {
		struct org_row o;
		st = st_org_get(db, c->a, &county, org_id, &o);
		if (st == ST_NOT_FOUND)
			return err_set(e, ST_INVALID, org_field, "所选单位不存在或不在本县");
	}
	return st;
}

int problems_create(struct ctx *c, int64_t child_id, const struct problem_input *in,
		    struct problem_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("problem.create", "problem", 0, 0);
	struct child_row row;
	struct cdate deadline;
	int64_t id = 0;
	int st = app_require(c, PERM_CHILD_WRITE, e);
	if (!st)
		st = child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		st = child_active(&row, e);
	}
	if (!st && !problem_category_name(in->category))
		st = err_set(e, ST_INVALID, "category", "问题类别不正确");
	if (!st && !opt(in->description))
		st = err_set(e, ST_INVALID, "description", "请填写问题描述");
	if (!st && opt(in->deadline) && cdate_parse(in->deadline, &deadline) != 0)
		st = err_set(e, ST_INVALID, "deadline", "办结期限应为有效日期（YYYY-MM-DD）");
	if (!st && opt(in->deadline) && cdate_cmp(deadline, today_cst()) < 0)
		st = err_set(e, ST_INVALID, "deadline", "办结期限不能早于今天");
	if (!st)
		st = check_assignees(c, db, row.region_code, in->assignee_user_id, in->assignee_org_id,
				     "assignee_user_id", "assignee_org_id", e);
	if (!st && in->visit_id) {
		struct visit_row v;
		st = st_visit_get(db, c->a, &c->who->scope, in->visit_id, &v);
		if (st == ST_NOT_FOUND || (!st && v.child_id != child_id))
			st = err_set(e, ST_INVALID, "visit_id", "所选走访记录不存在");
	}
	if (!st) {
		struct problem_row p = {
			.child_id = child_id,
			.region_code = row.region_code,
			.visit_id = in->visit_id,
			.category = in->category,
			.description = in->description,
			.assignee_user_id = in->assignee_user_id,
			.assignee_org_id = in->assignee_org_id,
			.deadline = opt(in->deadline),
			.created_by = c->who->user_id,
			.created_at = clock_now_ms(),
		};
		st = st_problem_insert(db, &p, &id);
	}
	if (!st)
		st = history(c, db, &row, "发现问题",
			     arena_printf(c->a, "%s：%s", problem_category_name(in->category),
					  in->description));
	if (!st) {
		set_object(&act, id);
		act.detail = arena_printf(c->a, "child=%lld category=%s", (long long)child_id,
					  in->category);
		st = problem_load(c, db, id, out, e);
	}
	return app_finish(c, db, st, &act, e);
}

int problems_get(struct ctx *c, int64_t id, struct problem_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("problem.read", "problem", id, 0);
	int st = require_caseworker(c, e);
	if (!st)
		st = problem_load(c, db, id, out, e);
	if (!st)
		act.region_code = out->p.region_code;
	return app_finish(c, db, st, &act, e);
}

int problems_list(struct ctx *c, const struct problem_query *q, struct problem_view **rows, int *n,
		  int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("problem.list", "problem", 0, c->who ? c->who->region_code : 0);
	struct problem_filter f = { 0 };
	struct problem_row *pr = NULL;
	struct cdate today = today_cst();
	int st = require_caseworker(c, e);
	if (!st) {
		f.scope = c->who->scope;
		f.child_id = q->child_id;
		f.assignee_user_id = q->assignee_user_id;
	}
	if (!st && q->child_id) {
		struct child_row row;
		st = child_in_scope(c, db, q->child_id, &row, e);
	}
	if (!st && opt(q->region)) {
		int64_t code;
		st = regions_in_scope(c, db, "region", q->region, &code, &f.within, e);
	}
	if (!st && opt(q->state)) {
		if (strcmp(q->state, "open") && strcmp(q->state, "resolved"))
			st = err_set(e, ST_INVALID, "state", "状态应为 open 或 resolved");
		f.state = q->state;
	}
	if (!st && opt(q->category)) {
		if (!problem_category_name(q->category))
			st = err_set(e, ST_INVALID, "category", "问题类别不正确");
		f.category = q->category;
	}
	if (!st && q->overdue)
		f.overdue_before = day_text(c->a, today);
	if (!st)
		st = st_problem_list(db, c->a, &f, app_page(q->page, q->page_size), &pr, n, total);
	if (!st) {
		*rows = arena_alloc(c->a, sizeof **rows * (size_t)(*n + 1));
		for (int i = 0; i < *n; i++) {
			struct problem_view *v = &(*rows)[i];
			struct cdate d;
			memset(v, 0, sizeof *v);
			v->p = pr[i];
			if (strcmp(pr[i].state, "open") == 0 && pr[i].deadline &&
			    cdate_parse(pr[i].deadline, &d) == 0 && cdate_cmp(d, today) < 0) {
				v->overdue = 1;
				v->days_overdue = cdate_days_between(d, today);
			}
		}
		act.detail = arena_printf(c->a, "rows=%d total=%lld", *n, (long long)*total);
	}
	return app_finish(c, db, st, &act, e);
}

static int problem_change(struct ctx *c, int64_t id, int resolve, const char *text,
			  struct problem_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action(resolve ? "problem.resolve" : "problem.note", "problem", id, 0);
	struct problem_view pv;
	int st = app_require(c, PERM_CHILD_WRITE, e);
	if (!st)
		st = problem_load(c, db, id, &pv, e);
	if (!st)
		act.region_code = pv.p.region_code;
	if (!st && strcmp(pv.p.state, "open") != 0)
		st = err_set(e, ST_CONFLICT, "state", "该问题已解决");
	if (!st && !opt(text))
		st = err_set(e, ST_INVALID, resolve ? "resolution" : "note",
			     resolve ? "请填写解决情况" : "请填写进展情况");
	if (!st && resolve)
		st = st_problem_resolve(db, id, text, c->who->user_id, clock_now_ms());
	else if (!st)
		st = st_problem_note_add(db, id, pv.p.region_code, clock_now_ms(), c->who->user_id,
					 c->who->username, text);
	if (!st && resolve) {
		struct child_row row = { .id = pv.p.child_id, .region_code = pv.p.region_code };
		st = history(c, db, &row, "问题解决",
			     arena_printf(c->a, "%s：%s", problem_category_name(pv.p.category), text));
	}
	if (!st)
		st = problem_load(c, db, id, out, e);
	return app_finish(c, db, st, &act, e);
}

int problems_add_note(struct ctx *c, int64_t id, const char *note, struct problem_view *out,
		      struct err *e)
{
	return problem_change(c, id, 0, note, out, e);
}

int problems_resolve(struct ctx *c, int64_t id, const char *resolution, struct problem_view *out,
		     struct err *e)
{
	return problem_change(c, id, 1, resolution, out, e);
}

/* ---- care and assistance records ---- */

int care_create(struct ctx *c, int64_t child_id, const struct care_input *in,
		struct care_row *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("care.create", "care", 0, 0);
	struct child_row row;
	struct cdate d;
	int64_t id = 0;
	int st = app_require(c, PERM_CHILD_WRITE, e);
	if (!st)
		st = child_in_scope(c, db, child_id, &row, e);
	if (!st)
		act.region_code = row.region_code;
	if (!st && !care_kind_name(in->kind))
		st = err_set(e, ST_INVALID, "kind", "帮扶类型不正确");
	if (!st && (!in->date || cdate_parse(in->date, &d) != 0))
		st = err_set(e, ST_INVALID, "date", "帮扶日期应为有效日期（YYYY-MM-DD）");
	if (!st && cdate_cmp(d, today_cst()) > 0)
		st = err_set(e, ST_INVALID, "date", "帮扶日期不能晚于今天");
	if (!st && !opt(in->content))
		st = err_set(e, ST_INVALID, "content", "请填写帮扶内容");
	if (!st && (in->money_fen < 0 || in->money_fen > 100000000000LL))
		st = err_set(e, ST_INVALID, "money", "金额超出范围");
	if (!st && !in->provider_org_id && !opt(in->provider))
		st = err_set(e, ST_INVALID, "provider", "请填写帮扶单位或个人");
	if (!st)
		st = check_assignees(c, db, row.region_code, 0, in->provider_org_id, NULL,
				     "provider_org_id", e);
	if (!st) {
		struct care_row k = {
			.child_id = child_id,
			.region_code = row.region_code,
			.kind = in->kind,
			.provider_org_id = in->provider_org_id,
			.provider = opt(in->provider),
			.on_date = in->date,
			.content = in->content,
			.money_fen = in->money_fen,
			.goods = opt(in->goods),
			.created_by = c->who->user_id,
			.created_at = clock_now_ms(),
		};
		st = st_care_insert(db, &k, &id);
	}
	if (!st)
		st = history(c, db, &row, "关爱帮扶",
			     arena_printf(c->a, "%s %s", in->date, care_kind_name(in->kind)));
	if (!st) {
		set_object(&act, id);
		act.detail = arena_printf(c->a, "child=%lld kind=%s", (long long)child_id, in->kind);
		st = st_care_get(db, c->a, id, out);
	}
	return app_finish(c, db, st, &act, e);
}

int care_list(struct ctx *c, int64_t child_id, int page, int page_size, struct care_row **rows,
	      int *n, int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("care.list", "child", child_id, 0);
	struct child_row row;
	int st = app_require(c, PERM_CHILD_READ, e);
	if (!st)   /* the child scope: schools their pupils, volunteers their paired children */
		st = child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		st = st_care_list(db, c->a, child_id, app_page(page, page_size), rows, n, total);
	}
	return app_finish(c, db, st, &act, e);
}

/* ---- work log ---- */

int worklogs_create(struct ctx *c, const struct worklog_input *in, struct worklog_row *out,
		    struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("work_log.create", "work_log", 0,
				       c->who ? c->who->region_code : 0);
	struct cdate d;
	int64_t id = 0, regions[WORKLOG_MAX_CHILDREN];
	int st = app_require(c, PERM_CHILD_WRITE, e);
	if (!st && (!in->date || cdate_parse(in->date, &d) != 0))
		st = err_set(e, ST_INVALID, "date", "日期应为有效日期（YYYY-MM-DD）");
	if (!st && cdate_cmp(d, today_cst()) > 0)
		st = err_set(e, ST_INVALID, "date", "日期不能晚于今天");
	if (!st && !opt(in->content))
		st = err_set(e, ST_INVALID, "content", "请填写工作内容");
	for (int i = 0; !st && i < in->nchildren; i++) {
		struct child_row row;
		st = st_child_get(db, c->a, &c->who->scope, in->child_ids[i], &row);
		if (st == ST_NOT_FOUND)
			st = err_set(e, ST_INVALID, arena_printf(c->a, "child_ids[%d]", i),
				     "所选儿童不存在");
		regions[i] = st ? 0 : row.region_code;
	}
	if (!st) {
		struct worklog_row w = {
			.user_id = c->who->user_id,
			.region_code = c->who->region_code,
			.on_date = in->date,
			.content = in->content,
			.created_at = clock_now_ms(),
		};
		st = st_worklog_insert(db, &w, in->child_ids, regions, in->nchildren, &id);
	}
	if (!st) {
		set_object(&act, id);
		act.detail = arena_printf(c->a, "children=%d", in->nchildren);
		st = st_worklog_get(db, c->a, &c->who->scope, id, out);
	}
	return app_finish(c, db, st, &act, e);
}

int worklogs_list(struct ctx *c, const struct worklog_query *q, struct worklog_row **rows, int *n,
		  int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("work_log.list", "work_log", 0,
				       c->who ? c->who->region_code : 0);
	struct worklog_filter f = { 0 };
	struct cdate d;
	int st = require_caseworker(c, e);
	if (!st) {
		f.scope = c->who->scope;
		f.user_id = q->user_id;
		f.from = opt(q->from);
		f.to = opt(q->to);
	}
	if (!st && f.from && cdate_parse(f.from, &d) != 0)
		st = err_set(e, ST_INVALID, "from", "开始日期格式应为 YYYY-MM-DD");
	if (!st && f.to && cdate_parse(f.to, &d) != 0)
		st = err_set(e, ST_INVALID, "to", "结束日期格式应为 YYYY-MM-DD");
	if (!st)
		st = st_worklog_list(db, c->a, &f, app_page(q->page, q->page_size), rows, n, total);
	if (!st)
		act.detail = arena_printf(c->a, "rows=%d total=%lld", *n, (long long)*total);
	return app_finish(c, db, st, &act, e);
}

/* ---- the schedule ---- */

static struct cdate parse_or_none(const char *s)
{
	struct cdate d = { 0, 0, 0 };
	if (s && cdate_parse(s, &d) != 0)
		d = (struct cdate){ 0, 0, 0 };
	return d;
}

static void schedule_of(const struct sched_row *r, const struct schedule_settings *set,
			struct cdate today, struct schedule_entry *out)
{
	struct schedule_facts f = {
		.registered = cdate_from_ms(r->created_at),
		.last_contact = parse_or_none(r->last_contact_on),
		.last_home_visit = parse_or_none(r->last_home_visit_on),
		/* 003#9; psychological abnormality and risk are not recorded yet: absent */
		.parent_severe_disability = r->parent_severe_disability,
		.child_disabled = (r->health && strcmp(r->health, "disabled") == 0) ||
				  (r->derived_categories & CAT_DISABLED) != 0,
		.single_parent = (r->derived_categories & CAT_SINGLE_PARENT) != 0,
		.risk = RISK_UNSET,
	};
	memset(out, 0, sizeof *out);
	out->c = *r;
	if (schedule_compute(&f, set, today, &out->s) != 0) {
		out->state = SCHED_NONE;
		out->days_left = 0;
		return;
	}
	const struct schedule_item *a = &out->s.contact, *b = &out->s.visit;
	const struct schedule_item *u = b->days_left < a->days_left ? b : a;
	out->state = u->state;
	out->days_left = u->days_left;
}

static int entry_cmp(const void *x, const void *y)
{
	const struct schedule_entry *a = x, *b = y;
	int an = a->state == SCHED_NONE, bn = b->state == SCHED_NONE;
	if (an != bn)
		return an - bn;
	if (a->days_left != b->days_left)
		return a->days_left < b->days_left ? -1 : 1;
	return a->c.id < b->c.id ? -1 : a->c.id > b->c.id;
}

static int state_from_code(const char *s, enum sched_state *out)
{
	static const enum sched_state all[] = { SCHED_NOT_DUE, SCHED_DUE_SOON, SCHED_DUE_TODAY,
						SCHED_OVERDUE };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(sched_state_code(all[i]), s) == 0) {
			*out = all[i];
			return 0;
		}
	return -1;
}

int schedule_list(struct ctx *c, const struct schedule_query *q, struct schedule_entry **rows,
		  int *n, int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("schedule.list", "schedule", 0,
				       c->who ? c->who->region_code : 0);
	struct sched_filter f = { 0 };
	struct sched_row *sr = NULL;
	int ns = 0, more = 0;
	enum sched_state want = SCHED_NONE;
	struct schedule_settings set;
	schedule_settings_default(&set);
	int st = require_caseworker(c, e);
	if (!st) {
		f.scope = c->who->scope;
		f.director_id = q->director_id;
	}
	if (!st && opt(q->region)) {
		int64_t code;
		st = regions_in_scope(c, db, "region", q->region, &code, &f.within, e);
	}
	if (!st && opt(q->state) && state_from_code(q->state, &want) != 0)
		st = err_set(e, ST_INVALID, "state",
			     "状态应为 overdue、due_today、due_soon 或 not_due");
	if (!st)
		st = st_sched_rows(db, c->a, &f, SCHEDULE_MAX_CHILDREN, &sr, &ns, &more);
	if (!st && more)
		st = err_set(e, ST_INVALID, "region", "范围内儿童超过%d人，请选择乡镇或村",
			     SCHEDULE_MAX_CHILDREN);
	if (!st) {
		struct cdate today = today_cst();
		struct schedule_entry *all = arena_alloc(c->a, sizeof *all * (size_t)(ns + 1));
		int m = 0;
		for (int i = 0; i < ns; i++) {
			schedule_of(&sr[i], &set, today, &all[m]);
			if (!opt(q->state) || all[m].state == want)
				m++;
		}
		qsort(all, (size_t)m, sizeof *all, entry_cmp);
		struct page pg = app_page(q->page, q->page_size);
		*total = m;
		*rows = all + (pg.offset < m ? pg.offset : m);
		*n = pg.offset < m ? (m - pg.offset < pg.limit ? m - pg.offset : pg.limit) : 0;
		act.detail = arena_printf(c->a, "rows=%d total=%d", *n, m);
	}
	return app_finish(c, db, st, &act, e);
}

int schedule_child(struct ctx *c, int64_t child_id, struct schedule_entry *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("schedule.read", "child", child_id, 0);
	struct sched_filter f = { 0 };
	struct sched_row *sr = NULL;
	struct child_row row;
	int ns = 0, more = 0;
	struct schedule_settings set;
	schedule_settings_default(&set);
	int st = require_caseworker(c, e);
	if (!st)
		st = child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		f.scope = c->who->scope;
		f.child_id = child_id;
		st = st_sched_rows(db, c->a, &f, 1, &sr, &ns, &more);
	}
	if (!st && ns == 1) {
		schedule_of(&sr[0], &set, today_cst(), out);
	} else if (!st) {   /* exited: no schedule */
		memset(out, 0, sizeof *out);
		out->c = (struct sched_row){ .id = row.id, .region_code = row.region_code,
					     .name = row.name, .region_name = row.region_name,
					     .director_id = row.director_id,
					     .director_name = row.director_name };
		out->state = SCHED_NONE;
	}
	return app_finish(c, db, st, &act, e);
}
