/* h_guard.c: issue 5's guardianship records over HTTP (docs/API.md "Guardianship assessment",
 * "Entrusted care", "Family-education guidance"): the questionnaire, assessments, the county's
 * assessment settings, entrusted care agreements and their signed copies, family-education
 * sessions and their yearly coverage. Strict field checks; days as YYYY-MM-DD text. */
#include <string.h>

#include "http/h_guard.h"

/* ---- small readers ---- */

static int bool_member(json_t *o, const char *key, int *present, int *out, struct err *e)
{
	json_t *v = json_object_get(o, key);
	*present = v && !json_is_null(v);
	return obool(o, key, key, out, e);
}

static const char *code_name_of(const char *code, const char *(*name)(const char *))
{
	const char *n = code ? name(code) : NULL;
	return n ? n : "";
}

/* ---- settings ---- */

static json_t *settings_json(const struct guard_settings_view *v)
{
	json_t *county = v->county ? json_pack("{s:o, s:s}", "code", jcode(v->county), "name",
					       v->county_name ? v->county_name : "")
				   : json_null();
	return json_pack("{s:o, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:b}", "county", county,
			 "insufficient", v->s.insufficient, "improper", v->s.improper,
			 "months_absent", v->s.months_absent, "months_improper",
			 v->s.months_improper, "months_insufficient", v->s.months_insufficient,
			 "months_normal", v->s.months_normal, "max_score", ga_max_score(),
			 "is_default", v->is_default);
}

int h_settings_guard_get(struct hreq *r, struct err *e)
{
	struct guard_settings_view v;
	int st = guard_settings_get(&r->ctx, qarg(r, "county"), &v, e);
	if (!st)
		reply(r, 200, settings_json(&v));
	return st;
}

int h_settings_guard_put(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = {
		"insufficient", "improper", "months_absent", "months_improper",
		"months_insufficient", "months_normal", "county", "is_default", "max_score", NULL,
	};
	struct ga_settings in;
	struct guard_settings_view v;
	int *nums[] = { &in.insufficient, &in.improper, &in.months_absent, &in.months_improper,
			&in.months_insufficient, &in.months_normal };
	int st = body_object(r, allowed, e);
	for (int i = 0; !st && i < 6; i++) {
		int64_t x;
		st = jint(r, allowed[i], 1, &x, e);
		if (!st && (x < -1000000 || x > 1000000))
			st = err_set(e, ST_INVALID, allowed[i], "取值超出范围");
		*nums[i] = (int)x;
	}
	if (!st)
		st = guard_settings_put(&r->ctx, qarg(r, "county"), &in, &v, e);
	if (!st)
		reply(r, 200, settings_json(&v));
	return st;
}

/* ---- the questionnaire ---- */

int h_guard_instrument(struct hreq *r, struct err *e)
{
	struct guard_settings_view v;
	int st = guard_instrument(&r->ctx, &v, e);
	if (st)
		return st;
	json_t *dims = json_array(), *items = json_array();
	for (int d = 0; d < GAD_COUNT; d++)
		json_array_append_new(dims, json_pack("{s:s, s:s, s:i}", "code",
						      ga_dimension_code(d), "name",
						      ga_dimension_name(d), "max",
						      ga_dimension_max(d)));
	for (int i = 0; i < GA_ITEM_COUNT; i++) {
		const struct ga_item *it = ga_item_get((enum ga_item_id)i);
		json_t *opts = json_array();
		for (int k = 0; k < it->noptions; k++) {
			const struct ga_option *o = &it->options[k];
			json_array_append_new(
				opts, json_pack("{s:s, s:s, s:i, s:o}", "code", o->code, "text", o->text,
						"points", o->points, "decides",
						o->decides != GA_UNKNOWN ? json_string(guardianship_code(o->decides))
									 : json_null()));
		}
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:o}", "code",
						       it->code, "label", it->label, "question",
						       it->question, "dimension",
						       ga_dimension_code(it->dim), "required",
						       it->required, "source", it->source ? it->source : "",
						       "options", opts));
	}
	json_t *grades = json_array();
	for (int g = GA_NORMAL; g <= GA_ABSENT; g++)
		json_array_append_new(grades, json_pack("{s:s, s:s}", "code",
							guardianship_code(g), "name",
							guardianship_name(g)));
	reply(r, 200, json_pack("{s:o, s:o, s:o, s:i, s:o, s:s}", "dimensions", dims, "items", items,
				"results", grades, "max_score", ga_max_score(), "settings",
				settings_json(&v), "notice", "默认量表，须经县级民政部门确认后使用"));
	return ST_OK;
}

/* ---- assessments ---- */

static json_t *assessment_json(const struct assessment_view *v)
{
	const struct assessment_row *a = &v->r;
	json_t *dims = json_array(), *dec = json_array(), *ans = json_object();
	for (int d = 0; d < GAD_COUNT; d++)
		json_array_append_new(dims, json_pack("{s:s, s:s, s:i, s:i, s:s}", "code",
						      ga_dimension_code(d), "name",
						      ga_dimension_name(d), "score", v->dims[d].score,
						      "max", v->dims[d].max, "explain",
						      v->dims[d].explain ? v->dims[d].explain : ""));
	for (int i = 0; i < v->ndecisive; i++)
		json_array_append_new(dec, json_string(v->decisive[i]));
	for (int i = 0; i < v->nanswers; i++)
		json_object_set_new(ans, v->answers[i].item, json_string(v->answers[i].option));
	int res = guardianship_from_code(a->result), by = guardianship_from_code(a->by_score);
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:o, s:o, s:o, s:s, s:o,"
			 " s:o, s:o}",
			 "id", (json_int_t)a->id, "child_id", (json_int_t)a->child_id,
			 "assessed_on", a->assessed_on, "result", a->result, "result_name",
			 res > 0 ? guardianship_name(res) : "", "by_score", a->by_score,
			 "by_score_name", by > 0 ? guardianship_name(by) : "", "score", a->score,
			 "max_score", a->max_score, "dimensions", dims, "decisive", dec, "answers",
			 ans, "next_on", a->next_on, "note", jnstr(a->note), "assessor_name",
			 jnstr(a->assessor_name), "created_at", jtime(a->created_at));
}

int h_assessment_create(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "assessed_on", "answers", "note", "client_id", NULL };
	int64_t id;
	struct assessment_input in;
	struct assessment_view v;
	memset(&in, 0, sizeof in);
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "assessed_on", 1, 10, &in.assessed_on, e);
	if (!st)
		st = jstr(r, "note", 0, 2000, &in.note, e);
	if (!st)
		st = jstr(r, "client_id", 0, 36, &in.client_id, e);
	json_t *ans = json_object_get(r->in, "answers");
	if (!st && (!ans || !json_is_object(ans)))
		st = err_set(e, ST_INVALID, "answers", "请填写评估答案（对象：项目代码 → 选项代码）");
	const char *key;
	json_t *val;
	if (!st)
		json_object_foreach(ans, key, val) {
			const char *f = arena_printf(&r->a, "answers.%s", key);
			if (in.nanswers >= GUARD_ANSWERS_MAX) {
				st = err_set(e, ST_INVALID, "answers", "评估答案过多");
				break;
			}
			if (!json_is_null(val) && !json_is_string(val)) {
				st = err_set(e, ST_INVALID, f, "选项应为字符串");
				break;
			}
			in.answers[in.nanswers++] = (struct assessment_answer){
				arena_strdup(&r->a, key), json_is_null(val) ? NULL : json_string_value(val)
			};
		}
	if (!st)
		st = assessments_create(&r->ctx, id, &in, &v, e);
	if (!st)
		reply(r, v.replayed ? 200 : 201, assessment_json(&v));
	return st;
}

int h_child_assessments(struct hreq *r, struct err *e)
{
	int64_t id;
	struct assessment_view *rows;
	int n;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = assessments_list(&r->ctx, id, &rows, &n, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, assessment_json(&rows[i]));
	reply(r, 200, json_pack("{s:o}", "items", items));
	return ST_OK;
}

int h_assessment_get(struct hreq *r, struct err *e)
{
	int64_t id;
	struct assessment_view v;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = assessments_get(&r->ctx, id, &v, e);
	if (!st)
		reply(r, 200, assessment_json(&v));
	return st;
}

/* ---- entrusted care agreements ---- */

static json_t *agreement_json(const struct agreement_view *v)
{
	const struct agreement_row *g = &v->r;
	json_t *checks = json_object(), *missing = json_array();
	for (int i = 0; i < v->nchecks; i++)
		json_object_set_new(checks, v->checks[i].code, json_boolean(v->checks[i].value));
	for (int i = 0; i < v->nmissing; i++)
		json_array_append_new(missing, json_string(v->missing[i]));
	json_t *o = json_pack(
		"{s:I, s:I, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:b, s:b, s:o, s:o, s:o, s:o, s:b,"
		" s:s, s:o, s:o}",
		"id", (json_int_t)g->id, "child_id", (json_int_t)g->child_id, "caregiver_name",
		g->caregiver_name, "relation", g->relation, "relation_name",
		code_name_of(g->relation, guard_relation_name), "phone_masked",
		jnstr(g->phone_masked), "start_on", g->start_on, "end_on", jnstr(g->end_on),
		"checks", checks, "capable", g->capable, "child_heard", g->child_heard,
		"school_notice_on", jnstr(g->school_notice_on), "village_notice_on",
		jnstr(g->village_notice_on), "capacity", jnstr(g->capacity), "capacity_name",
		jnstr(g->capacity ? caregiver_capacity_name(g->capacity) : NULL), "has_copy",
		g->has_copy, "state", g->state, "ended_on", jnstr(g->ended_on), "note",
		jnstr(g->note));
	json_object_set_new(o, "created_by_name", jnstr(g->created_by_name));
	json_object_set_new(o, "created_at", jtime(g->created_at));
	json_object_set_new(o, "problem_id", jid(g->problem_id));
	json_object_set_new(o, "missing", missing);
	return o;
}

int h_agreement_create(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = {
		"caregiver_name", "relation", "phone", "start_on", "end_on", "checks", "capable",
		"child_heard", "school_notice_on", "village_notice_on", "capacity", "note",
		"client_id", NULL,
	};
	int64_t id;
	struct agreement_input in;
	struct agreement_view v;
	int present;
	memset(&in, 0, sizeof in);
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "caregiver_name", 0, 90, &in.caregiver_name, e);
	if (!st)
		st = jstr(r, "relation", 0, 30, &in.relation, e);
	if (!st)
		st = jstr(r, "phone", 0, 20, &in.phone, e);
	if (!st)
		st = jstr(r, "start_on", 0, 10, &in.start_on, e);
	if (!st)
		st = jstr(r, "end_on", 0, 10, &in.end_on, e);
	if (!st)
		st = jstr(r, "school_notice_on", 0, 10, &in.school_notice_on, e);
	if (!st)
		st = jstr(r, "village_notice_on", 0, 10, &in.village_notice_on, e);
	if (!st)
		st = jstr(r, "capacity", 0, 20, &in.capacity, e);
	if (!st)
		st = jstr(r, "note", 0, 2000, &in.note, e);
	if (!st)
		st = jstr(r, "client_id", 0, 36, &in.client_id, e);
	if (!st)
		st = bool_member(r->in, "capable", &in.has_capable, &in.capable, e);
	if (!st)
		st = bool_member(r->in, "child_heard", &present, &in.child_heard, e);
	json_t *checks = json_object_get(r->in, "checks");
	if (!st && checks && !json_is_null(checks) && !json_is_object(checks))
		st = err_set(e, ST_INVALID, "checks", "核查项应为对象（情形代码 → true/false）");
	const char *key;
	json_t *val;
	if (!st && checks && json_is_object(checks))
		json_object_foreach(checks, key, val) {
			const char *f = arena_printf(&r->a, "checks.%s", key);
			if (in.nchecks >= AGREEMENT_CHECKS_MAX) {
				st = err_set(e, ST_INVALID, "checks", "核查项过多");
				break;
			}
			if (!json_is_boolean(val)) {
				st = err_set(e, ST_INVALID, f, "核查结果应为 true 或 false");
				break;
			}
			in.checks[in.nchecks++] = (struct agreement_check){ arena_strdup(&r->a, key),
									    json_is_true(val) };
		}
	if (!st)
		st = agreements_create(&r->ctx, id, &in, &v, e);
	if (!st)
		reply(r, v.replayed ? 200 : 201, agreement_json(&v));
	return st;
}

int h_child_agreements(struct hreq *r, struct err *e)
{
	int64_t id;
	struct agreement_view *rows;
	int n;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = agreements_list(&r->ctx, id, &rows, &n, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, agreement_json(&rows[i]));
	reply(r, 200, json_pack("{s:o}", "items", items));
	return ST_OK;
}

int h_agreement_get(struct hreq *r, struct err *e)
{
	int64_t id;
	struct agreement_view v;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = agreements_get(&r->ctx, id, &v, e);
	if (!st)
		reply(r, 200, agreement_json(&v));
	return st;
}

int h_agreement_update(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = {
		"school_notice_on", "village_notice_on", "end_on", "capacity", "note", "end",
		"ended_on", NULL,
	};
	int64_t id;
	struct agreement_change in;
	struct agreement_view v;
	memset(&in, 0, sizeof in);
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jopt(r, "school_notice_on", 10, &in.has_school_notice_on,
			      &in.school_notice_on, e);
	if (!st)
		st = jopt(r, "village_notice_on", 10, &in.has_village_notice_on,
			      &in.village_notice_on, e);
	if (!st)
		st = jopt(r, "end_on", 10, &in.has_end_on, &in.end_on, e);
	if (!st)
		st = jopt(r, "capacity", 20, &in.has_capacity, &in.capacity, e);
	if (!st)
		st = jopt(r, "note", 2000, &in.has_note, &in.note, e);
	if (!st)
		st = obool(r->in, "end", "end", &in.end, e);
	if (!st)
		st = jstr(r, "ended_on", 0, 10, &in.ended_on, e);
	if (!st && in.ended_on && !in.end)
		st = err_set(e, ST_INVALID, "ended_on", "终止协议时才填写终止日期（同时发送 \"end\":true）");
	if (!st)
		st = agreements_update(&r->ctx, id, &in, &v, e);
	if (!st)
		reply(r, 200, agreement_json(&v));
	return st;
}

int h_agreement_copy_put(struct hreq *r, struct err *e)
{
	int64_t id;
	int st = path_id(r, 0, &id, e);
	if (!st && r->body.len == 0)
		st = err_set(e, ST_INVALID, "copy", "请选择协议签署件");
	if (!st)
		st = agreement_copy_put(&r->ctx, id, r->body.data, r->body.len, e);
	if (!st)
		reply(r, 204, NULL);
	return st;
}

int h_agreement_copy_get(struct hreq *r, struct err *e)
{
	return handle_photo_get(r, agreement_copy_get, e);
}

/* ---- family-education guidance ---- */

static json_t *session_json(const struct family_edu_row *s)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o}", "id",
			 (json_int_t)s->id, "child_id", (json_int_t)s->child_id, "held_on",
			 s->held_on, "recipient_name", s->recipient_name, "recipient_relation",
			 s->recipient_relation, "relation_name",
			 code_name_of(s->recipient_relation, guard_relation_name), "form", s->form,
			 "form_name", code_name_of(s->form, family_edu_form_name), "provider",
			 jnstr(s->provider), "content", s->content, "by_name", jnstr(s->by_name),
			 "created_at", jtime(s->created_at));
}

int h_family_edu_create(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = {
		"held_on", "recipient_name", "recipient_relation", "form", "provider", "content",
		"client_id", NULL,
	};
	int64_t id;
	struct family_edu_input in;
	struct family_edu_row s;
	int replayed;
	memset(&in, 0, sizeof in);
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "held_on", 0, 10, &in.held_on, e);
	if (!st)
		st = jstr(r, "recipient_name", 0, 90, &in.recipient_name, e);
	if (!st)
		st = jstr(r, "recipient_relation", 0, 30, &in.recipient_relation, e);
	if (!st)
		st = jstr(r, "form", 0, 20, &in.form, e);
	if (!st)
		st = jstr(r, "provider", 0, 200, &in.provider, e);
	if (!st)
		st = jstr(r, "content", 0, 4000, &in.content, e);
	if (!st)
		st = jstr(r, "client_id", 0, 36, &in.client_id, e);
	if (!st)
		st = family_edu_create(&r->ctx, id, &in, &s, &replayed, e);
	if (!st)
		reply(r, replayed ? 200 : 201, session_json(&s));
	return st;
}

int h_child_family_edu(struct hreq *r, struct err *e)
{
	int64_t id;
	struct family_edu_row *rows;
	int n, this_year, year;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = family_edu_list(&r->ctx, id, &rows, &n, &this_year, &year, e);
	if (st)
		return st;
	json_t *items = json_array(), *forms = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, session_json(&rows[i]));
	int nf;
	const struct code_name *f = family_edu_forms(&nf);
	for (int i = 0; i < nf; i++)
		json_array_append_new(forms, json_pack("{s:s, s:s}", "code", f[i].code, "name",
						       f[i].name));
	reply(r, 200, json_pack("{s:o, s:i, s:b, s:o}", "items", items, "year", year, "this_year",
				this_year, "forms", forms));
	return ST_OK;
}

int h_family_edu_coverage(struct hreq *r, struct err *e)
{
	struct coverage_query q = {
		.year = qarg(r, "year"), .region = qarg(r, "region"), .covered = qarg(r, "covered"),
	};
	struct coverage_result res;
	int st = qpage(r, &q.page, &q.page_size, e);
	if (!st)
		st = family_edu_coverage(&r->ctx, &q, &res, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < res.n; i++) {
		const struct coverage_row *x = &res.items[i];
		json_array_append_new(items, json_pack("{s:I, s:s, s:o, s:s, s:i, s:o, s:b}",
						       "child_id", (json_int_t)x->child_id,
						       "child_name", x->child_name, "region_code",
						       jcode(x->region_code), "region_name",
						       x->region_name ? x->region_name : "",
						       "sessions", x->sessions, "last_on",
						       jnstr(x->last_on), "covered", x->sessions > 0));
	}
	reply(r, 200, json_pack("{s:i, s:I, s:I, s:o, s:I}", "year", res.year, "children",
				(json_int_t)res.children, "covered", (json_int_t)res.covered,
				"items", items, "total", (json_int_t)res.total));
	return ST_OK;
}
