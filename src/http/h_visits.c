/* h_visits.c: issue 4's records over HTTP (docs/API.md, "Visits — 走访"): contacts and visits,
 * problems, care records, the work log and the visit schedule. JSON in and out; strict field
 * checks; instants in as ISO 8601 with an offset, out in China Standard Time. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/timeutil.h"
#include "domain/cdate.h"
#include "http/http.h"

/* ---- small readers ---- */

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)" → UTC ms. An instant needs its offset. */
static int parse_instant(const char *s, int64_t *out)
{
	char date[11];
	struct cdate d;
	int hh, mi, ss = 0, ms = 0, oh = 0, om = 0, sign = 1;
	if (!s || strlen(s) < 17 || s[10] != 'T' || s[13] != ':')
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (cdate_parse(date, &d) != 0 || digits(s + 11, 2, &hh) || digits(s + 14, 2, &mi))
		return -1;
	const char *p = s + 16;
	if (*p == ':') {
		if (digits(p + 1, 2, &ss))
			return -1;
		p += 3;
		if (*p == '.') {
			int nd = 0, frac = 0;
			for (p++; *p >= '0' && *p <= '9'; p++, nd++)
				if (nd < 3)
					frac = frac * 10 + (*p - '0');
			if (nd == 0 || nd > 9)
				return -1;
			for (; nd < 3; nd++)
				frac *= 10;
			ms = frac;
		}
	}
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om) || oh > 14 || om > 59)
			return -1;
		p += 6;
	} else {
		return -1;
	}
	if (*p || hh > 23 || mi > 59 || ss > 59)
		return -1;
	int64_t days = cdate_days_between((struct cdate){ 1970, 1, 1 }, d);
	*out = days * DAY_MS + ((int64_t)hh * 3600 + mi * 60 + ss) * 1000 + ms -
	       sign * ((int64_t)oh * 3600 + om * 60) * 1000;
	return 0;
}

static int jinstant(json_t *o, const char *key, const char *field, int required, int64_t *out,
		    struct err *e)
{
	const char *s;
	*out = 0;
	int st = ostr(o, key, field, 40, &s, e);
	if (!st && !s && required)
		st = err_set(e, ST_INVALID, field, "缺少必填字段");
	if (!st && s && parse_instant(s, out) != 0)
		st = err_set(e, ST_INVALID, field, "时间应为带时区的 ISO 8601 格式，如 2026-11-22T09:30:00+08:00");
	return st;
}

static int qid(struct hreq *r, const char *key, int64_t *out, struct err *e)
{
	const char *s = qarg(r, key);
	*out = 0;
	if (!s || !*s)
		return ST_OK;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v <= 0)
		return err_set(e, ST_INVALID, key, "应为正整数");
	*out = v;
	return ST_OK;
}

/* Money in yuan: a string "123.45" or a JSON number, at most 2 decimals → fen. */
static int jmoney(json_t *o, const char *key, int64_t *fen, struct err *e)
{
	json_t *v = json_object_get(o, key);
	*fen = 0;
	if (!v || json_is_null(v))
		return ST_OK;
	if (json_is_integer(v)) {
		json_int_t y = json_integer_value(v);
		if (y < 0 || y > 1000000000)
			return err_set(e, ST_INVALID, key, "金额超出范围");
		*fen = (int64_t)y * 100;
		return ST_OK;
	}
	if (json_is_real(v)) {
		double y = json_real_value(v) * 100;
		int64_t f = (int64_t)(y + 0.5);
		if (y < 0 || y > 1e11 || (double)f - y > 1e-6 || y - (double)f > 1e-6)
			return err_set(e, ST_INVALID, key, "金额应为非负数，最多两位小数");
		*fen = f;
		return ST_OK;
	}
	if (!json_is_string(v))
		return err_set(e, ST_INVALID, key, "金额应为数字或字符串，如 \"120.50\"");
	const char *s = json_string_value(v);
	int64_t whole = 0, frac = 0;
	int nd = 0, nf = 0;
	for (; *s >= '0' && *s <= '9' && nd < 10; s++, nd++)
		whole = whole * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && nf < 3; s++, nf++)
			frac = frac * 10 + (*s - '0');
	if (nd == 0 || *s || nf > 2 || whole > 1000000000)
		return err_set(e, ST_INVALID, key, "金额应为非负数，最多两位小数");
	*fen = whole * 100 + (nf == 1 ? frac * 10 : frac);
	return ST_OK;
}

/* ---- JSON out ---- */

static json_t *dict_json(const char *which)
{
	int n;
	const struct code_name *d = visit_dict(which, &n);
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "code", d[i].code, "name", d[i].name));
	return a;
}

static json_t *visit_json(const struct visit_row *v)
{
	json_t *checklist = json_object();
	for (int i = 0; i < VISIT_CHECKS; i++) {
		json_t *item = json_pack("{s:o, s:o}", "status", jnstr(v->check[i]), "note",
					 jnstr(v->check_note[i]));
		if (strcmp(visit_check_code(i), "safety") == 0) {
			json_t *hz = json_array();
			char *list = v->safety_hazards ? strdup(v->safety_hazards) : NULL;
			for (char *save = NULL, *t = list ? strtok_r(list, ",", &save) : NULL; t;
			     t = strtok_r(NULL, ",", &save))
				json_array_append_new(hz, json_string(t));
			free(list);
			json_object_set_new(item, "hazards", hz);
		}
		json_object_set_new(checklist, visit_check_code(i), item);
	}
	json_t *loc = v->has_location
			      ? json_pack("{s:f, s:f, s:o}", "lat", (double)v->lat_e6 / 1e6, "lng",
					  (double)v->lng_e6 / 1e6, "at", jtime(v->located_at))
			      : json_null();
	return json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:o, s:s, s:I, s:o, s:s, s:o, s:o,"
			 " s:o, s:o, s:o, s:o, s:b, s:o, s:o, s:o}",
			 "id", (json_int_t)v->id, "child_id", (json_int_t)v->child_id, "child_name",
			 v->child_name ? v->child_name : "", "region_code", jcode(v->region_code),
			 "kind", v->kind, "kind_name", visit_kind_name(v->kind), "occurred_at",
			 jtime(v->occurred_at), "occurred_on", v->occurred_on, "user_id",
			 (json_int_t)v->user_id, "user_name", jnstr(v->user_name), "client_id",
			 v->client_id, "met", jnstr(v->met), "checklist", checklist,
			 "caregiver_capacity", jnstr(v->caregiver_capacity), "caregiver_capacity_name",
			 jnstr(caregiver_capacity_name(v->caregiver_capacity)), "notes",
			 jnstr(v->notes), "location", loc, "late", v->late, "late_reason",
			 jnstr(v->late_reason), "created_at", jtime(v->created_at), "has_photo",
			 json_boolean(v->has_photo));
}

json_t *problem_json(const struct problem_view *pv, int with_notes)
{
	const struct problem_row *p = &pv->p;
	json_t *o = json_pack(
		"{s:I, s:I, s:s, s:o, s:o, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:b,"
		" s:i, s:o, s:o, s:o, s:o, s:I}",
		"id", (json_int_t)p->id, "child_id", (json_int_t)p->child_id, "child_name",
		p->child_name ? p->child_name : "", "region_code", jcode(p->region_code),
		"region_name", jnstr(p->region_name), "visit_id", jid(p->visit_id), "category",
		p->category, "category_name", problem_category_name(p->category), "description",
		p->description, "assignee_user_id", jid(p->assignee_user_id), "assignee_user_name",
		jnstr(p->assignee_user_name), "assignee_org_id", jid(p->assignee_org_id),
		"assignee_org_name", jnstr(p->assignee_org_name), "deadline", jnstr(p->deadline),
		"state", p->state, "overdue", pv->overdue, "days_overdue", pv->days_overdue,
		"resolution", jnstr(p->resolution), "resolved_at", jtime(p->resolved_at),
		"created_by_name", jnstr(p->created_by_name), "created_at", jtime(p->created_at),
		"updated_at", (json_int_t)p->updated_at);   /* UTC ms: the precondition's value */
	json_object_set_new(o, "escalated_at", jtime(p->escalated_at));
	if (with_notes) {
		json_t *notes = json_array();
		for (int i = 0; i < pv->nnotes; i++)
			json_array_append_new(notes, json_pack("{s:o, s:s, s:s}", "at",
							       jtime(pv->notes[i].at), "username",
							       pv->notes[i].username, "note",
							       pv->notes[i].note));
		json_object_set_new(o, "notes", notes);
	}
	return o;
}

static json_t *care_json(const struct care_row *k)
{
	char money[32];
	snprintf(money, sizeof money, "%lld.%02lld", (long long)(k->money_fen / 100),
		 (long long)(k->money_fen % 100));
	return json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:s, s:I, s:o, s:o, s:o}",
			 "id", (json_int_t)k->id, "child_id", (json_int_t)k->child_id, "kind",
			 k->kind, "kind_name", care_kind_name(k->kind), "provider_org_id",
			 jid(k->provider_org_id), "provider_org_name", jnstr(k->provider_org_name),
			 "provider", jnstr(k->provider), "date", k->on_date, "content", k->content,
			 "money", money, "money_fen", (json_int_t)k->money_fen, "goods",
			 jnstr(k->goods), "created_by_name", jnstr(k->created_by_name), "created_at",
			 jtime(k->created_at));
}

static json_t *worklog_json(const struct worklog_row *w)
{
	json_t *kids = json_array();
	for (int i = 0; i < w->nchildren; i++)
		json_array_append_new(kids, json_pack("{s:I, s:s}", "id",
						      (json_int_t)w->children[i].id, "name",
						      w->children[i].name));
	return json_pack("{s:I, s:I, s:o, s:o, s:s, s:s, s:o, s:o}", "id", (json_int_t)w->id,
			 "user_id", (json_int_t)w->user_id, "user_name", jnstr(w->user_name),
			 "region_code", jcode(w->region_code), "date", w->on_date, "content",
			 w->content, "children", kids, "created_at", jtime(w->created_at));
}

static json_t *jday(struct cdate d)
{
	if (!cdate_is_set(d))
		return json_null();
	char s[11];
	cdate_format(d, s);
	return json_string(s);
}

static json_t *sched_item_json(const struct schedule_item *it)
{
	return json_pack("{s:s, s:s, s:o, s:o, s:i, s:i, s:s, s:{s:i, s:i}, s:s}", "state",
			 sched_state_code(it->state), "state_name", sched_state_name(it->state),
			 "due", jday(it->due), "last", jday(it->last), "days_left", it->days_left,
			 "days_overdue", it->days_overdue, "basis", sched_basis_code(it->basis),
			 "interval", "months", it->interval.months, "days", it->interval.days,
			 "reason", it->reason);
}

json_t *schedule_json(const struct schedule_entry *s)
{
	static const struct {
		uint32_t bit;
		const char *code;
	} conds[] = {
		{ SC_PARENT_SEVERE_DISABILITY, "parent_severe_disability" },
		{ SC_CHILD_DISABLED, "child_disabled" },
		{ SC_PSYCH_ABNORMAL, "psych_abnormal" },
		{ SC_SINGLE_PARENT, "single_parent" },
	};
	json_t *cs = json_array();
	for (size_t i = 0; i < sizeof conds / sizeof conds[0]; i++)
		if (s->s.conditions & conds[i].bit)
			json_array_append_new(cs, json_string(conds[i].code));
	int active = s->state != SCHED_NONE;
	int graded = s->risk != RISK_UNSET;
	return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:i, s:o, s:o, s:o, s:o, s:o}",
			 "child_id", (json_int_t)s->c.id, "name", s->c.name ? s->c.name : "",
			 "region_code", jcode(s->c.region_code), "region_name",
			 jnstr(s->c.region_name), "director_id", jid(s->c.director_id),
			 "director_name", jnstr(s->c.director_name), "state",
			 sched_state_code(s->state), "state_name", sched_state_name(s->state),
			 "days_left", s->days_left, "conditions", cs, "contact",
			 active ? sched_item_json(&s->s.contact) : json_null(), "visit",
			 active ? sched_item_json(&s->s.visit) : json_null(), "risk_level",
			 graded ? json_string(risk_level_code(s->risk)) : json_null(),
			 "risk_level_name", graded ? json_string(risk_level_name(s->risk)) : json_null());
}

/* ---- visits ---- */

static int parse_checklist(struct hreq *r, json_t *o, struct visit_input *in, struct err *e)
{
	static const char *const item_keys[] = { "status", "note", "hazards", NULL };
	const char *allowed[VISIT_CHECKS + 1];
	for (int i = 0; i < VISIT_CHECKS; i++)
		allowed[i] = visit_check_code(i);
	allowed[VISIT_CHECKS] = NULL;
	if (!json_is_object(o))
		return err_set(e, ST_INVALID, "checklist", "检查项应为对象");
	int st = oknown(r, o, "checklist", allowed, e);
	for (int i = 0; !st && i < VISIT_CHECKS; i++) {
		const char *code = visit_check_code(i);
		json_t *it = json_object_get(o, code);
		if (!it || json_is_null(it))
			continue;
		const char *f = arena_printf(&r->a, "checklist.%s", code);
		if (!json_is_object(it))
			return err_set(e, ST_INVALID, f, "检查项应为对象");
		st = oknown(r, it, f, item_keys, e);
		if (!st)
			st = ostr(it, "status", arena_printf(&r->a, "%s.status", f), 10, &in->check[i], e);
		if (!st)
			st = ostr(it, "note", arena_printf(&r->a, "%s.note", f), 2000,
				  &in->check_note[i], e);
		json_t *hz = json_object_get(it, "hazards"), *x;
		size_t k;
		if (!st && hz && !json_is_null(hz) && (strcmp(code, "safety") != 0 || !json_is_array(hz)))
			st = err_set(e, ST_INVALID, arena_printf(&r->a, "%s.hazards", f),
				     "只有家庭安全隐患一项可列出隐患，且应为数组");
		json_array_foreach(hz, k, x) {
			if (st)
				break;
			if (!json_is_string(x) || in->nhazards >= 4)
				st = err_set(e, ST_INVALID, "checklist.safety.hazards",
					     "安全隐患应为 water、electricity、fire 或 falls");
			else
				in->hazards[in->nhazards++] = json_string_value(x);
		}
	}
	return st;
}

static int parse_visit(struct hreq *r, struct visit_input *in, struct err *e)
{
	static const char *const allowed[] = {
		"kind", "occurred_at", "client_id", "met", "checklist", "caregiver_capacity", "notes",
		"location", "late_reason", NULL,
	};
	memset(in, 0, sizeof *in);
	int st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "kind", 1, 20, &in->kind, e);
	if (!st)
		st = jstr(r, "client_id", 1, 36, &in->client_id, e);
	if (!st)
		st = jinstant(r->in, "occurred_at", "occurred_at", 1, &in->occurred_at, e);
	if (!st)
		st = jstr(r, "met", 0, 400, &in->met, e);
	if (!st)
		st = jstr(r, "caregiver_capacity", 0, 20, &in->caregiver_capacity, e);
	if (!st)
		st = jstr(r, "notes", 0, 8000, &in->notes, e);
	if (!st)
		st = jstr(r, "late_reason", 0, 2000, &in->late_reason, e);
	json_t *cl = json_object_get(r->in, "checklist");
	if (!st && cl && !json_is_null(cl))
		st = parse_checklist(r, cl, in, e);
	json_t *loc = json_object_get(r->in, "location");
	if (!st && loc && !json_is_null(loc)) {
		static const char *const keys[] = { "lat", "lng", "at", NULL };
		json_t *lat = json_object_get(loc, "lat"), *lng = json_object_get(loc, "lng");
		if (!json_is_object(loc))
			st = err_set(e, ST_INVALID, "location", "位置应为对象");
		if (!st)
			st = oknown(r, loc, "location", keys, e);
		if (!st && !json_is_number(lat))
			st = err_set(e, ST_INVALID, "location.lat", "纬度应为数字");
		if (!st && !json_is_number(lng))
			st = err_set(e, ST_INVALID, "location.lng", "经度应为数字");
		if (!st)
			st = jinstant(loc, "at", "location.at", 0, &in->located_at, e);
		if (!st) {
			double la = json_number_value(lat), ln = json_number_value(lng);
			if (la < -90 || la > 90 || ln < -180 || ln > 180)
				st = err_set(e, ST_INVALID, "location", "位置坐标超出范围");
			in->has_location = 1;
			in->lat_e6 = (int64_t)(la * 1e6 + (la < 0 ? -0.5 : 0.5));
			in->lng_e6 = (int64_t)(ln * 1e6 + (ln < 0 ? -0.5 : 0.5));
		}
	}
	return st;
}

int h_visit_create(struct hreq *r, struct err *e)
{
	int64_t id;
	struct visit_input in;
	struct visit_result res;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = parse_visit(r, &in, e);
	if (!st)
		st = visits_create(&r->ctx, id, &in, &res, e);
	if (st)
		return st;
	json_t *o = visit_json(&res.v);
	json_object_set_new(o, "opened_problem_id", jid(res.problem_id));
	reply(r, res.replayed ? 200 : 201, o);
	return ST_OK;
}

int h_child_visits(struct hreq *r, struct err *e)
{
	int64_t id, total;
	int page, size, n;
	struct visit_row *rows;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = qpage(r, &page, &size, e);
	if (!st)
		st = visits_list(&r->ctx, id, page, size, &rows, &n, &total, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, visit_json(&rows[i]));
	reply_list(r, items, total);
	return ST_OK;
}

int h_visits(struct hreq *r, struct err *e)
{
	struct visit_query q = { 0 };
	struct visit_row *rows;
	int n;
	int64_t total;
	q.region = qarg(r, "region");
	q.kind = qarg(r, "kind");
	q.from = qarg(r, "from");
	q.to = qarg(r, "to");
	const char *late = qarg(r, "late");
	if (late && *late && strcmp(late, "1") && strcmp(late, "0"))
		return err_set(e, ST_INVALID, "late", "应为 1 或 0");
	q.late = late && strcmp(late, "1") == 0;
	int st = qid(r, "user", &q.user_id, e);
	if (!st)
		st = qpage(r, &q.page, &q.page_size, e);
	if (!st)
		st = visits_search(&r->ctx, &q, &rows, &n, &total, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, visit_json(&rows[i]));
	reply_list(r, items, total);
	return ST_OK;
}

int h_visit_get(struct hreq *r, struct err *e)
{
	int64_t id;
	struct visit_row v;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = visits_get(&r->ctx, id, &v, e);
	if (!st)
		reply(r, 200, visit_json(&v));
	return st;
}

json_t *visit_dicts_json(void)
{
	static const char *const names[] = { "visit_kinds", "checklist", "hazards",
					     "caregiver_capacities", "problem_categories",
					     "care_kinds" };
	json_t *o = json_object();
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		json_object_set_new(o, names[i], dict_json(names[i]));
	return o;
}

int h_visit_dicts(struct hreq *r, struct err *e)
{
	(void)e;
	reply(r, 200, visit_dicts_json());
	return ST_OK;
}

/* ---- problems ---- */

static int problem_list_reply(struct hreq *r, struct problem_query *q, struct err *e)
{
	struct problem_view *rows;
	int n;
	int64_t total;
	int st = qpage(r, &q->page, &q->page_size, e);
	if (!st)
		st = problems_list(&r->ctx, q, &rows, &n, &total, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, problem_json(&rows[i], 0));
	reply_list(r, items, total);
	return ST_OK;
}

int h_problems(struct hreq *r, struct err *e)
{
	struct problem_query q = { 0 };
	q.region = qarg(r, "region");
	q.state = qarg(r, "state");
	q.category = qarg(r, "category");
	const char *ov = qarg(r, "overdue");
	if (ov && *ov && strcmp(ov, "1") && strcmp(ov, "0"))
		return err_set(e, ST_INVALID, "overdue", "应为 1 或 0");
	q.overdue = ov && strcmp(ov, "1") == 0;
	const char *esc = qarg(r, "escalated");
	if (esc && *esc && strcmp(esc, "1") && strcmp(esc, "0"))
		return err_set(e, ST_INVALID, "escalated", "应为 1 或 0");
	q.escalated = esc && strcmp(esc, "1") == 0;
	int st = qid(r, "assignee", &q.assignee_user_id, e);
	return st ? st : problem_list_reply(r, &q, e);
}

int h_child_problems(struct hreq *r, struct err *e)
{
	struct problem_query q = { 0 };
	int st = path_id(r, 0, &q.child_id, e);
	if (!st)
		q.state = qarg(r, "state");
	return st ? st : problem_list_reply(r, &q, e);
}

int h_problem_create(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "category", "description", "deadline",
					       "assignee_user_id", "assignee_org_id", "visit_id",
					       NULL };
	int64_t id;
	struct problem_input in = { 0 };
	struct problem_view pv;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "category", 1, 40, &in.category, e);
	if (!st)
		st = jstr(r, "description", 1, 4000, &in.description, e);
	if (!st)
		st = jstr(r, "deadline", 0, 10, &in.deadline, e);
	if (!st)
		st = oint(r->in, "assignee_user_id", "assignee_user_id", 0, INT64_MAX,
			  &in.assignee_user_id, e);
	if (!st)
		st = oint(r->in, "assignee_org_id", "assignee_org_id", 0, INT64_MAX,
			  &in.assignee_org_id, e);
	if (!st)
		st = oint(r->in, "visit_id", "visit_id", 0, INT64_MAX, &in.visit_id, e);
	if (!st)
		st = problems_create(&r->ctx, id, &in, &pv, e);
	if (!st)
		reply(r, 201, problem_json(&pv, 1));
	return st;
}

int h_problem_get(struct hreq *r, struct err *e)
{
	int64_t id;
	struct problem_view pv;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = problems_get(&r->ctx, id, &pv, e);
	if (!st)
		reply(r, 200, problem_json(&pv, 1));
	return st;
}

static int problem_text(struct hreq *r, const char *key, int resolve, struct err *e)
{
	const char *allowed[] = { key, "if_updated_at", NULL };
	int64_t id, if_updated_at = 0;
	const char *text;
	struct problem_view pv = { 0 };
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, key, 1, 4000, &text, e);
	if (!st)
		st = oint(r->in, "if_updated_at", "if_updated_at", 1, INT64_MAX, &if_updated_at, e);
	if (!st)
		st = resolve ? problems_resolve(&r->ctx, id, text, if_updated_at, &pv, e)
			     : problems_add_note(&r->ctx, id, text, if_updated_at, &pv, e);
	if (st == ST_CONFLICT && pv.p.id) {
		/* nothing was stored: the answer carries the problem as it is now, to choose from */
		json_t *o = error_json(e);
		json_object_set_new(o, "current", problem_json(&pv, 1));
		reply(r, 409, o);
		return ST_OK;
	}
	if (!st)
		reply(r, 200, problem_json(&pv, 1));
	return st;
}

int h_problem_note(struct hreq *r, struct err *e)
{
	return problem_text(r, "note", 0, e);
}

int h_problem_resolve(struct hreq *r, struct err *e)
{
	return problem_text(r, "resolution", 1, e);
}

/* ---- care records ---- */

int h_care_create(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "kind", "provider_org_id", "provider", "date",
					       "content", "money", "goods", NULL };
	int64_t id;
	struct care_input in = { 0 };
	struct care_row k;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "kind", 1, 40, &in.kind, e);
	if (!st)
		st = oint(r->in, "provider_org_id", "provider_org_id", 0, INT64_MAX,
			  &in.provider_org_id, e);
	if (!st)
		st = jstr(r, "provider", 0, 400, &in.provider, e);
	if (!st)
		st = jstr(r, "date", 1, 10, &in.date, e);
	if (!st)
		st = jstr(r, "content", 1, 4000, &in.content, e);
	if (!st)
		st = jmoney(r->in, "money", &in.money_fen, e);
	if (!st)
		st = jstr(r, "goods", 0, 2000, &in.goods, e);
	if (!st)
		st = care_create(&r->ctx, id, &in, &k, e);
	if (!st)
		reply(r, 201, care_json(&k));
	return st;
}

int h_child_care(struct hreq *r, struct err *e)
{
	int64_t id, total;
	int page, size, n;
	struct care_row *rows;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = qpage(r, &page, &size, e);
	if (!st)
		st = care_list(&r->ctx, id, page, size, &rows, &n, &total, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, care_json(&rows[i]));
	reply_list(r, items, total);
	return ST_OK;
}

/* ---- work log ---- */

int h_worklog_create(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "date", "content", "child_ids", NULL };
	struct worklog_input in;
	struct worklog_row w;
	memset(&in, 0, sizeof in);
	int st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "date", 1, 10, &in.date, e);
	if (!st)
		st = jstr(r, "content", 1, 8000, &in.content, e);
	json_t *ids = json_object_get(r->in, "child_ids"), *x;
	size_t i;
	if (!st && ids && !json_is_null(ids) && !json_is_array(ids))
		st = err_set(e, ST_INVALID, "child_ids", "应为数组");
	if (!st && json_array_size(ids) > WORKLOG_MAX_CHILDREN)
		st = err_set(e, ST_INVALID, "child_ids", "最多关联%d名儿童", WORKLOG_MAX_CHILDREN);
	json_array_foreach(ids, i, x) {
		if (st)
			break;
		if (!json_is_integer(x) || json_integer_value(x) <= 0)
			st = err_set(e, ST_INVALID, "child_ids", "应为儿童编号");
		else
			in.child_ids[in.nchildren++] = json_integer_value(x);
	}
	if (!st)
		st = worklogs_create(&r->ctx, &in, &w, e);
	if (!st)
		reply(r, 201, worklog_json(&w));
	return st;
}

int h_worklogs(struct hreq *r, struct err *e)
{
	struct worklog_query q = { 0 };
	struct worklog_row *rows;
	int n;
	int64_t total;
	q.from = qarg(r, "from");
	q.to = qarg(r, "to");
	int st = qid(r, "user", &q.user_id, e);
	if (!st)
		st = qpage(r, &q.page, &q.page_size, e);
	if (!st)
		st = worklogs_list(&r->ctx, &q, &rows, &n, &total, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, worklog_json(&rows[i]));
	reply_list(r, items, total);
	return ST_OK;
}

/* ---- the schedule ---- */

int h_schedule(struct hreq *r, struct err *e)
{
	struct schedule_query q = { 0 };
	struct schedule_entry *rows;
	int n;
	int64_t total;
	q.region = qarg(r, "region");
	q.state = qarg(r, "state");
	q.due_before = qarg(r, "due_before");
	int st = qid(r, "director", &q.director_id, e);
	if (!st)
		st = qpage(r, &q.page, &q.page_size, e);
	if (!st)
		st = schedule_list(&r->ctx, &q, &rows, &n, &total, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, schedule_json(&rows[i]));
	reply_list(r, items, total);
	return ST_OK;
}

int h_child_schedule(struct hreq *r, struct err *e)
{
	int64_t id;
	struct schedule_entry s;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = schedule_child(&r->ctx, id, &s, e);
	if (!st)
		reply(r, 200, schedule_json(&s));
	return st;
}
