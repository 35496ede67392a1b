/* visits.c: contacts and visits (走访) and the code lists of issue 4's records (see visits.h):
 * each use case checks the permission, finds the child (or record) inside the caller's scope,
 * runs in one transaction and writes its audit row there; changes also go into the child's
 * history. Problems are in problems.c, care records and the work log in care.c, the schedule in
 * schedule.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records.h"
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
/* ---- contacts and visits ---- */

static int visit_validate(struct ctx *c, struct db *db, int64_t region,
			  const struct visit_input *in, struct visit_row *v, struct err *e)
{
	int64_t now = clock_now_ms();
	if (!visit_kind_name(in->kind))
		return err_set(e, ST_INVALID, "kind", "联系方式应为 phone_video、home_visit 或 school_visit");
	if (!rec_valid_uuid(in->client_id))
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
	struct cdate on = cdate_from_ms(in->occurred_at), today = rec_today();
	int days = cdate_days_between(on, today), limit = rec_late_days(c, db, region);
	v->late = days > limit;
	v->late_reason = rec_opt(in->late_reason);
	if (v->late && !v->late_reason)
		return err_set(e, ST_INVALID, "late_reason", "该走访已超过%d天补录，请说明原因", limit);
	v->kind = in->kind;
	v->client_id = in->client_id;
	v->occurred_at = in->occurred_at;
	v->occurred_on = rec_day_text(c->a, on);
	v->met = rec_opt(in->met);
	for (int i = 0; i < VISIT_CHECKS; i++) {
		v->check[i] = in->check[i];
		v->check_note[i] = rec_opt(in->check_note[i]);
	}
	v->caregiver_capacity = in->caregiver_capacity;
	v->notes = rec_opt(in->notes);
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
		.deadline = rec_day_text(c->a, cdate_add_days(rec_today(), PROBLEM_FOLLOWUP_DAYS)),
		.created_by = c->who->user_id,
		.created_at = clock_now_ms(),
	};
	int st = st_problem_insert(db, &p, id);
	if (!st)
		st = rec_history(c, db, row, "发现问题", p.description);
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
		st = rec_child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		/* a retried upload: answered before any check that may have changed since */
		if (in->client_id && st_visit_by_client(db, c->who->user_id, in->client_id, &id) == ST_OK) {
			st = visit_replay(c, db, child_id, id, out, e);
			if (!st) {
				rec_set_object(&act, id);
				act.detail = "replay=1";
			}
			return app_finish(c, db, st, &act, e);
		}
	}
	if (!st)
		st = rec_child_active(&row, e);
	if (!st)
		st = visit_validate(c, db, row.region_code, in, &v, e);
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
			rec_set_object(&act, id);
			act.detail = "replay=1";
		}
		return app_finish(c, db, st, &act, e);
	}
	if (!st)
		st = st_child_touch_visit(db, child_id, v.occurred_on,
					  strcmp(v.kind, "home_visit") == 0);
	if (!st)
		st = rec_history(c, db, &row, visit_kind_name(v.kind),
			     arena_printf(c->a, "%s%s%s", v.occurred_on, v.late ? "（补录）" : "",
					  v.met ? arena_printf(c->a, "，见到%s", v.met) : ""));
	if (!st && v.caregiver_capacity)
		st = st_child_set_caregiver_capacity(db, child_id, v.caregiver_capacity,
						     v.occurred_at);
	if (!st && v.caregiver_capacity && strcmp(v.caregiver_capacity, "adequate") != 0)
		st = open_caregiver_problem(c, db, &row, &v, id, &out->problem_id);
	/* the due days, the risk level and the warnings move with the visit */
	if (!st)
		st = standing_refresh(c, db, child_id, "visit", e);
	if (!st)
		st = st_visit_get(db, c->a, &c->who->scope, id, &out->v);
	if (!st) {
		rec_set_object(&act, id);
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
	int st = rec_require_caseworker(c, e);
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
	int st = rec_require_caseworker(c, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &row, e);
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
	int st = rec_require_caseworker(c, e);
	if (!st) {
		f.scope = c->who->scope;
		f.late_only = q->late;
		f.user_id = q->user_id;
	}
	if (!st && rec_opt(q->region)) {
		int64_t code;
		st = regions_in_scope(c, db, "region", q->region, &code, &f.within, e);
	}
	if (!st && rec_opt(q->kind)) {
		if (!visit_kind_name(q->kind))
			st = err_set(e, ST_INVALID, "kind", "联系方式不正确");
		f.kind = q->kind;
	}
	if (!st && rec_opt(q->from) && cst_parse_date(q->from, &f.from) != 0)
		st = err_set(e, ST_INVALID, "from", "开始日期格式应为 YYYY-MM-DD");
	if (!st && rec_opt(q->to)) {
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
