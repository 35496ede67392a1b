/* h_standing.c: risk grading and the county settings for visits over HTTP (docs/API.md,
 * "Risk grading — 分级划定风险" and "County settings for visits — 走访与预警设置"). */
#include <string.h>

#include "common/timeutil.h"
#include "domain/region.h"
#include "http/http.h"

/* ---- risk ---- */

static json_t *level_json(enum risk_level l)
{
	return l == RISK_UNSET ? json_null() : json_string(risk_level_code(l));
}

static json_t *level_name_json(enum risk_level l)
{
	return l == RISK_UNSET ? json_null() : json_string(risk_level_name(l));
}

static json_t *risk_json(const struct risk_view *v)
{
	json_t *factors = json_array();
	for (int i = 0; i < v->nfactors; i++) {
		const struct risk_factor *f = &v->factors[i];
		json_array_append_new(factors, json_pack("{s:s, s:s, s:i, s:i, s:s}", "code",
							 risk_factor_code(f->id), "label", f->label,
							 "points", f->points, "value", f->value,
							 "source", f->source));
	}
	json_t *ov = json_null();
	if (v->override_level != RISK_UNSET)
		ov = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "level",
			       risk_level_code(v->override_level), "level_name",
			       risk_level_name(v->override_level), "reason", jnstr(v->override_reason),
			       "until", jnstr(v->override_until), "by_name",
			       jnstr(v->override_by_name), "at", jtime(v->override_at), "state",
			       v->override_active ? "active" : "expired");
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:i, s:o, s:{s:i, s:i, s:i}, s:o, s:o}",
			 "child_id", (json_int_t)v->child_id, "level", level_json(v->level),
			 "level_name", level_name_json(v->level), "computed",
			 level_json(v->computed), "computed_name", level_name_json(v->computed),
			 "score", v->score, "factors", factors, "thresholds", "red",
			 v->thresholds.red, "orange", v->thresholds.orange, "yellow",
			 v->thresholds.yellow, "override", ov, "graded_at", jtime(v->graded_at));
}

int h_child_risk(struct hreq *r, struct err *e)
{
	int64_t id;
	struct risk_view v;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = risk_get(&r->ctx, id, &v, e);
	if (!st)
		reply(r, 200, risk_json(&v));
	return st;
}

int h_risk_override_put(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "level", "reason", "until", NULL };
	int64_t id;
	struct risk_override_input in = { 0 };
	struct risk_view v;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "level", 1, 16, &in.level, e);
	if (!st)
		st = jstr(r, "reason", 1, 4000, &in.reason, e);
	if (!st)
		st = jstr(r, "until", 1, 16, &in.until, e);
	if (!st)
		st = risk_override_set(&r->ctx, id, &in, &v, e);
	if (!st)
		reply(r, 200, risk_json(&v));
	return st;
}

int h_risk_override_delete(struct hreq *r, struct err *e)
{
	int64_t id;
	struct risk_view v;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = risk_override_clear(&r->ctx, id, &v, e);
	if (!st)
		reply(r, 200, risk_json(&v));
	return st;
}

static json_t *level_code_json(const char *code)
{
	return code ? json_string(code) : json_null();
}

static json_t *level_code_name_json(const char *code)
{
	enum risk_level l = risk_level_from_code(code);
	return l == RISK_UNSET ? json_null() : json_string(risk_level_name(l));
}

int h_risk_history(struct hreq *r, struct err *e)
{
	int64_t id, total;
	int page, page_size, n;
	struct risk_change_row *rows;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = qpage(r, &page, &page_size, e);
	if (!st)
		st = risk_history(&r->ctx, id, page, page_size, &rows, &n, &total, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++) {
		const struct risk_change_row *x = &rows[i];
		json_array_append_new(
			items, json_pack("{s:o, s:o, s:o, s:o, s:o, s:i, s:s, s:o, s:o, s:o}", "at",
					 jtime(x->at), "from", level_code_json(x->from_level),
					 "from_name", level_code_name_json(x->from_level), "to",
					 level_code_json(x->to_level), "to_name",
					 level_code_name_json(x->to_level), "score", x->score, "cause",
					 x->cause, "cause_name", jnstr(risk_cause_name(x->cause)),
					 "detail", jnstr(x->detail), "user_name", jnstr(x->user_name)));
	}
	reply_list(r, items, total);
	return ST_OK;
}

/* ---- county settings for visits ---- */

/* The intervals of the schedule settings, in the order of the document. */
static const struct {
	const char *key;
	size_t off;
} intervals[] = {
	{ "contact", offsetof(struct schedule_settings, contact) },
	{ "visit", offsetof(struct schedule_settings, visit) },
	{ "fragile_contact", offsetof(struct schedule_settings, fragile_contact) },
	{ "fragile_visit", offsetof(struct schedule_settings, fragile_visit) },
	{ "orange_contact", offsetof(struct schedule_settings, orange_contact) },
	{ "orange_visit", offsetof(struct schedule_settings, orange_visit) },
	{ "red_contact", offsetof(struct schedule_settings, red_contact) },
	{ "red_visit", offsetof(struct schedule_settings, red_visit) },
};
#define NINTERVALS (sizeof intervals / sizeof intervals[0])

static struct sched_interval *interval_at(struct visit_settings *s, size_t i)
{
	return (struct sched_interval *)((char *)&s->schedule + intervals[i].off);
}

/* The plain numbers, in the order of the document. */
static int *number_at(struct visit_settings *s, size_t i, const char **key)
{
	static const char *const keys[] = { "first_visit_days", "due_soon_days",
					     "visit_late_days", "high_risk_no_visit_days",
					     "turning_warn_days", "problem_escalate_days", NULL };
	int *const at[] = { &s->schedule.first_visit_days, &s->schedule.due_soon_days,
			    &s->visit_late_days, &s->high_risk_no_visit_days,
			    &s->turning_warn_days, &s->problem_escalate_days };
	*key = keys[i];
	return keys[i] ? at[i] : NULL;
}

static json_t *settings_json(const struct visit_settings *in)
{
	struct visit_settings s = *in;
	json_t *o = json_object();
	for (size_t i = 0; i < NINTERVALS; i++) {
		struct sched_interval *iv = interval_at(&s, i);
		json_object_set_new(o, intervals[i].key,
				    json_pack("{s:i, s:i}", "months", iv->months, "days", iv->days));
	}
	const char *key;
	int *v;
	for (size_t i = 0; (v = number_at(&s, i, &key)) != NULL; i++)
		json_object_set_new(o, key, json_integer(*v));
	json_object_set_new(o, "risk", json_pack("{s:i, s:i, s:i}", "red", s.risk.red, "orange",
						 s.risk.orange, "yellow", s.risk.yellow));
	return o;
}

static json_t *view_json(const struct visit_settings_view *v)
{
	json_t *o = settings_json(&v->s);
	json_object_set_new(o, "county",
			    json_pack("{s:o, s:s}", "code", jcode(v->county), "name",
				      v->county_name ? v->county_name : ""));
	json_object_set_new(o, "defaults", settings_json(&v->defaults));
	return o;
}

int h_settings_visits_get(struct hreq *r, struct err *e)
{
	struct visit_settings_view v;
	int st = visit_settings_get(&r->ctx, qarg(r, "county"), &v, e);
	if (!st)
		reply(r, 200, view_json(&v));
	return st;
}

/* A required integer member key of o, named field in errors. */
static int need_int(json_t *o, const char *key, const char *field, int *out, struct err *e)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return err_set(e, ST_INVALID, field, "缺少必填字段");
	if (!json_is_integer(v))
		return err_set(e, ST_INVALID, field, "字段类型应为整数");
	json_int_t n = json_integer_value(v);
	if (n < -1000000 || n > 1000000)
		return err_set(e, ST_INVALID, field, "取值超出范围");
	*out = (int)n;
	return ST_OK;
}

/* An object member key of the body with exactly the members allowed. */
static int need_object(struct hreq *r, const char *key, const char *const *allowed, json_t **out,
		       struct err *e)
{
	json_t *o = json_object_get(r->in, key);
	if (!o || json_is_null(o))
		return err_set(e, ST_INVALID, key, "缺少必填字段");
	if (!json_is_object(o))
		return err_set(e, ST_INVALID, key, "字段类型应为对象");
	*out = o;
	return oknown(r, o, key, allowed, e);
}

int h_settings_visits_put(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = {
		"contact", "visit", "fragile_contact", "fragile_visit", "orange_contact",
		"orange_visit", "red_contact", "red_visit", "first_visit_days", "due_soon_days",
		"visit_late_days", "high_risk_no_visit_days", "turning_warn_days",
		"problem_escalate_days", "risk", NULL,
	};
	static const char *const iv_keys[] = { "months", "days", NULL };
	static const char *const risk_keys[] = { "red", "orange", "yellow", NULL };
	struct visit_settings in;
	struct visit_settings_view v;
	visit_settings_default(&in);
	int st = body_object(r, allowed, e);
	for (size_t i = 0; !st && i < NINTERVALS; i++) {
		json_t *o;
		struct sched_interval *iv = interval_at(&in, i);
		const char *k = intervals[i].key;
		st = need_object(r, k, iv_keys, &o, e);
		if (!st)
			st = need_int(o, "months", arena_printf(&r->a, "%s.months", k), &iv->months, e);
		if (!st)
			st = need_int(o, "days", arena_printf(&r->a, "%s.days", k), &iv->days, e);
	}
	const char *key;
	int *num;
	for (size_t i = 0; !st && (num = number_at(&in, i, &key)) != NULL; i++)
		st = need_int(r->in, key, key, num, e);
	json_t *risk;
	if (!st)
		st = need_object(r, "risk", risk_keys, &risk, e);
	if (!st)
		st = need_int(risk, "red", "risk.red", &in.risk.red, e);
	if (!st)
		st = need_int(risk, "orange", "risk.orange", &in.risk.orange, e);
	if (!st)
		st = need_int(risk, "yellow", "risk.yellow", &in.risk.yellow, e);
	if (!st)
		st = visit_settings_put(&r->ctx, qarg(r, "county"), &in, &v, e);
	if (!st)
		reply(r, 200, view_json(&v));
	return st;
}
