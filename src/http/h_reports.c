/* h_reports.c: mandatory reports (强制报告, docs/API.md "Mandatory reports"): filing, the boxes,
 * one report, its events, notes and link, the child's reports, and the county's deadlines. */
#include <string.h>

#include "http/h_reports.h"

static json_t *dept_array(uint32_t bits, int names)
{
	json_t *a = json_array();
	for (uint32_t b = 1; b <= RDEPT_EDUCATION; b <<= 1)
		if (bits & b)
			json_array_append_new(a, json_string(names ? report_dept_name(b)
								   : report_dept_code(b)));
	return a;
}

static const char *event_name(const char *code)
{
	int ev = report_event_from_code(code);
	if (ev >= 0)
		return report_event_name((enum report_event)ev);
	if (strcmp(code, "file") == 0)
		return "提交报告";
	if (strcmp(code, "note") == 0)
		return "处置记录";
	if (strcmp(code, "escalate") == 0)
		return "超时督办";
	if (strcmp(code, "link") == 0)
		return "关联儿童档案";
	return code;
}

static json_t *state_name(const char *code)
{
	int s = report_state_from_code(code);
	return json_string(s >= 0 ? report_state_name((enum report_state)s) : "");
}

static json_t *report_json(const struct report_view *v)
{
	const struct report_row *r = &v->r;
	int sit = report_situation_from_code(r->situation);
	const char *sit_name = sit >= 0 ? report_situation_name((enum report_situation)sit) : "";
	int told = strcmp(r->state, "outcome_told") == 0;
	if (strcmp(v->view, "reporter") == 0)
		return json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:o, s:{s:o}, s:o, s:o, s:o, s:s}",
				 "id", (json_int_t)r->id, "no", r->no, "state", r->state,
				 "state_name", state_name(r->state), "situation", r->situation,
				 "situation_name", sit_name, "filed_at", jtime(r->filed_at), "child",
				 "name", jnstr(r->child_name), "outcome",
				 jnstr(told ? r->outcome : NULL), "told_at",
				 told ? jtime(r->told_at) : json_null(), "told_note",
				 jnstr(told ? r->told_note : NULL), "view", v->view);
	int urg = report_urgency_from_code(r->urgency);
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "no", json_string(r->no));
	json_object_set_new(o, "state", json_string(r->state));
	json_object_set_new(o, "state_name", state_name(r->state));
	json_object_set_new(o, "situation", json_string(r->situation));
	json_object_set_new(o, "situation_name", json_string(sit_name));
	json_object_set_new(o, "urgency", json_string(r->urgency));
	json_object_set_new(o, "urgency_name",
			    json_string(urg >= 0 ? report_urgency_name((enum report_urgency)urg) : ""));
	json_object_set_new(o, "seen", json_string(r->seen));
	json_object_set_new(o, "happened_at", jnstr(r->happened_at));
	json_object_set_new(o, "place", jnstr(r->place));
	json_object_set_new(o, "region", json_pack("{s:o, s:o}", "code", jcode(r->region_code),
						   "name", jnstr(r->region_name)));
	json_object_set_new(
		o, "child",
		json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "id",
			  r->child_id ? json_integer(r->child_id) : json_null(), "name",
			  jnstr(r->child_name), "sex", jnstr(r->child_sex), "age",
			  r->has_child_age ? json_integer(r->child_age) : json_null(), "description",
			  jnstr(r->child_description), "school", jnstr(r->child_school)));
	json_object_set_new(o, "pupil", json_boolean(r->pupil));
	json_object_set_new(o, "channel", json_string(r->channel));
	json_object_set_new(o, "reporter",
			    json_pack("{s:I, s:o, s:o, s:o, s:o}", "user_id",
				      (json_int_t)r->reporter_user_id, "name", jnstr(r->reporter_name),
				      "unit", jnstr(r->reporter_unit), "org_id",
				      r->reporter_org_id ? json_integer(r->reporter_org_id) : json_null(),
				      "phone_masked", jnstr(r->reporter_phone_masked)));
	json_object_set_new(o, "depts", dept_array(r->depts, 0));
	json_object_set_new(o, "dept_names", dept_array(r->depts, 1));
	json_object_set_new(o, "filed_at", jtime(r->filed_at));
	json_object_set_new(o, "accepted_at", jtime(r->accepted_at));
	json_object_set_new(o, "accepted_dept", jnstr(r->accepted_dept));
	json_object_set_new(o, "accepted_by_name", jnstr(r->accepted_by_name));
	json_object_set_new(o, "handling_at", jtime(r->handling_at));
	json_object_set_new(o, "concluded_at", jtime(r->concluded_at));
	json_object_set_new(o, "outcome", jnstr(r->outcome));
	json_object_set_new(o, "told_at", jtime(r->told_at));
	json_object_set_new(o, "told_note", jnstr(r->told_note));
	json_object_set_new(o, "deadline",
			    json_pack("{s:o, s:o, s:o, s:b, s:b}", "stage", jnstr(v->stage), "due_at",
				      jtime(v->stage ? v->dl.due_ms : 0), "escalate_at",
				      jtime(v->stage ? v->dl.escalate_ms : 0), "overdue",
				      v->dl.overdue, "escalated", v->dl.escalate));
	json_object_set_new(o, "escalated_at", jtime(r->escalated_at));
	json_object_set_new(o, "updated_at", json_integer(r->updated_at));
	json_object_set_new(o, "view", json_string(v->view));
	json_t *may = json_array();
	for (int ev = 0; ev < REV_COUNT; ev++)
		if (v->may & (1u << ev))
			json_array_append_new(may, json_string(report_event_code((enum report_event)ev)));
	json_object_set_new(o, "may", may);
	if (v->with_events) {
		json_t *evs = json_array();
		for (int i = 0; i < v->nevents; i++) {
			const struct report_event_row *e = &v->events[i];
			json_array_append_new(
				evs, json_pack("{s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "at",
					       jtime(e->at), "event", e->event, "event_name",
					       event_name(e->event), "from", jnstr(e->from_state), "to",
					       jnstr(e->to_state), "dept", jnstr(e->dept), "user_name",
					       jnstr(e->user_name), "note", jnstr(e->note)));
		}
		json_object_set_new(o, "events", evs);
	}
	return o;
}

static json_t *settings_json(const struct report_settings_view *v)
{
	return json_pack("{s:{s:o, s:o}, s:i, s:i, s:i, s:i, s:b}", "county", "code",
			 jcode(v->county), "name", jnstr(v->county_name), "accept_hours",
			 v->s.accept_hours, "escalate_grace_hours", v->s.escalate_grace_hours,
			 "conclude_days", v->s.conclude_days, "tell_days", v->s.tell_days,
			 "is_default", v->is_default);
}

static json_t *code_names(int n, const char *(*code)(int), const char *(*name)(int))
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "code", code(i), "name", name(i)));
	return a;
}

static const char *urg_code(int i) { return report_urgency_code((enum report_urgency)i); }
static const char *urg_name(int i) { return report_urgency_name((enum report_urgency)i); }
static const char *state_code_i(int i) { return report_state_code((enum report_state)i); }
static const char *state_name_i(int i) { return report_state_name((enum report_state)i); }
static const char *event_code_i(int i) { return report_event_code((enum report_event)i); }
static const char *event_name_i(int i) { return report_event_name((enum report_event)i); }

int h_reports_meta(struct hreq *r, struct err *e)
{
	const char *my_dept;
	struct report_settings_view sv;
	int st = reports_meta(&r->ctx, &my_dept, &sv, e);
	if (st)
		return st;
	json_t *sits = json_array();
	for (int i = 0; i < RSIT_COUNT; i++)
		json_array_append_new(
			sits, json_pack("{s:s, s:s, s:o, s:o}", "code",
					report_situation_code((enum report_situation)i), "name",
					report_situation_name((enum report_situation)i), "depts",
					dept_array(report_default_routing((enum report_situation)i, 0), 0),
					"pupil_depts",
					dept_array(report_default_routing((enum report_situation)i, 1), 0)));
	json_t *depts = json_array();
	for (uint32_t b = 1; b <= RDEPT_EDUCATION; b <<= 1)
		json_array_append_new(depts, json_pack("{s:s, s:s}", "code", report_dept_code(b),
						       "name", report_dept_name(b)));
	reply(r, 200,
	      json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "situations", sits, "urgencies",
			code_names(RURG_COUNT, urg_code, urg_name), "depts", depts, "states",
			code_names(RST_COUNT, state_code_i, state_name_i), "events",
			code_names(REV_COUNT, event_code_i, event_name_i), "my_dept", jnstr(my_dept),
			"settings", settings_json(&sv)));
	return ST_OK;
}

int h_reports_summary(struct hreq *r, struct err *e)
{
	struct report_summary s;
	int st = reports_summary(&r->ctx, &s, e);
	if (!st)
		reply(r, 200,
		      json_pack("{s:I, s:I, s:I, s:I, s:I}", "mine_open", (json_int_t)s.mine_open,
				"queue_open", (json_int_t)s.queue_open, "queue_overdue",
				(json_int_t)s.queue_overdue, "queue_escalated",
				(json_int_t)s.queue_escalated, "supervise_escalated",
				(json_int_t)s.supervise_escalated));
	return st;
}

static int qflag(struct hreq *r, const char *key, int *out, struct err *e)
{
	const char *s = qarg(r, key);
	*out = 0;
	if (!s || !*s || strcmp(s, "0") == 0 || strcmp(s, "false") == 0)
		return ST_OK;
	if (strcmp(s, "1") == 0 || strcmp(s, "true") == 0) {
		*out = 1;
		return ST_OK;
	}
	return err_set(e, ST_INVALID, key, "应为 1 或 0");
}

int h_reports(struct hreq *r, struct err *e)
{
	struct report_query q = {
		.box = qarg(r, "box"),
		.state = qarg(r, "state"),
		.situation = qarg(r, "situation"),
		.q = qarg(r, "q"),
		.region = qarg(r, "region"),
		.from = qarg(r, "from"),
		.to = qarg(r, "to"),
	};
	struct report_view *rows;
	int n = 0;
	int64_t total = 0;
	int st = qpage(r, &q.page, &q.page_size, e);
	if (!st)
		st = qflag(r, "overdue", &q.overdue, e);
	if (!st)
		st = qflag(r, "escalated", &q.escalated, e);
	if (!st)
		st = reports_list(&r->ctx, &q, &rows, &n, &total, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, report_json(&rows[i]));
	reply_list(r, items, total);
	return ST_OK;
}

/* A list of department codes at key of o, at most 3. */
static int dept_list(json_t *o, const char *key, const char **out, int *n, int *present,
		     struct err *e)
{
	json_t *a = json_object_get(o, key);
	*n = 0;
	*present = a && !json_is_null(a);
	if (!*present)
		return ST_OK;
	if (!json_is_array(a) || json_array_size(a) > 3)
		return err_set(e, ST_INVALID, key, "应为部门代码的数组（police、civil_affairs、education）");
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			return err_set(e, ST_INVALID, key, "应为部门代码的数组（police、civil_affairs、education）");
		out[(*n)++] = json_string_value(v);
	}
	return ST_OK;
}

int h_report_create(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "situation", "urgency", "seen", "happened_at",
					       "place", "region_code", "child_id", "child", "pupil",
					       "depts", "channel", "reporter", "client_id", NULL };
	static const char *const child_keys[] = { "name", "sex", "age", "description", "school",
						  NULL };
	static const char *const reporter_keys[] = { "name", "unit", "phone", NULL };
	struct report_input in = { 0 };
	struct report_view v;
	int created = 0;
	int st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "situation", 1, 40, &in.situation, e);
	if (!st)
		st = jstr(r, "urgency", 1, 40, &in.urgency, e);
	if (!st)
		st = jstr(r, "seen", 1, 8000, &in.seen, e);
	if (!st)
		st = jstr(r, "happened_at", 0, 40, &in.happened_at, e);
	if (!st)
		st = jstr(r, "place", 0, 1000, &in.place, e);
	if (!st)
		st = jstr(r, "region_code", 0, 12, &in.region_code, e);
	if (!st)
		st = oint(r->in, "child_id", "child_id", 1, INT64_MAX, &in.child_id, e);
	json_t *child = json_object_get(r->in, "child");
	if (!st && child && !json_is_null(child)) {
		int64_t age = 0;
		if (!json_is_object(child))
			st = err_set(e, ST_INVALID, "child", "字段类型应为对象");
		if (!st)
			st = oknown(r, child, "child", child_keys, e);
		if (!st)
			st = ostr(child, "name", "child.name", 400, &in.child_name, e);
		if (!st)
			st = ostr(child, "sex", "child.sex", 10, &in.child_sex, e);
		if (!st)
			st = ostr(child, "description", "child.description", 4000,
				  &in.child_description, e);
		if (!st)
			st = ostr(child, "school", "child.school", 400, &in.child_school, e);
		in.has_child_age = json_object_get(child, "age") &&
				   !json_is_null(json_object_get(child, "age"));
		if (!st)
			st = oint(child, "age", "child.age", 0, 17, &age, e);
		in.child_age = (int)age;
	}
	json_t *pupil = json_object_get(r->in, "pupil");
	in.has_pupil = pupil && !json_is_null(pupil);
	if (!st)
		st = obool(r->in, "pupil", "pupil", &in.pupil, e);
	if (!st)
		st = dept_list(r->in, "depts", in.depts, &in.ndepts, &in.has_depts, e);
	if (!st)
		st = jstr(r, "channel", 0, 10, &in.channel, e);
	json_t *rep = json_object_get(r->in, "reporter");
	if (!st && rep && !json_is_null(rep)) {
		if (!json_is_object(rep))
			st = err_set(e, ST_INVALID, "reporter", "字段类型应为对象");
		if (!st)
			st = oknown(r, rep, "reporter", reporter_keys, e);
		if (!st)
			st = ostr(rep, "name", "reporter.name", 400, &in.reporter_name, e);
		if (!st)
			st = ostr(rep, "unit", "reporter.unit", 400, &in.reporter_unit, e);
		if (!st)
			st = ostr(rep, "phone", "reporter.phone", 40, &in.reporter_phone, e);
	}
	if (!st)
		st = jstr(r, "client_id", 0, 64, &in.client_id, e);
	if (!st)
		st = reports_file(&r->ctx, &in, &v, &created, e);
	if (!st)
		reply(r, created ? 201 : 200, report_json(&v));
	return st;
}

int h_report_get(struct hreq *r, struct err *e)
{
	int64_t id;
	struct report_view v;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = reports_get(&r->ctx, id, &v, e);
	if (!st)
		reply(r, 200, report_json(&v));
	return st;
}

/* A 409 carrying the report as it is now; illegal in the state → code illegal_state. */
static int conflict_reply(struct hreq *r, const struct report_view *v, struct err *e)
{
	json_t *o = error_json(e);
	if (e->field && strcmp(e->field, "state") == 0)
		json_object_set_new(json_object_get(o, "error"), "code", json_string("illegal_state"));
	if (v->r.id && v->view)
		json_object_set_new(o, "current", report_json(v));
	reply(r, 409, o);
	return ST_OK;
}

int h_report_event(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "event", "note", "outcome", "to", "if_updated_at",
					       NULL };
	int64_t id;
	struct report_event_input in = { 0 };
	struct report_view v = { 0 };
	int present;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "event", 1, 40, &in.event, e);
	if (!st)
		st = jstr(r, "note", 0, 8000, &in.note, e);
	if (!st)
		st = jstr(r, "outcome", 0, 8000, &in.outcome, e);
	if (!st)
		st = dept_list(r->in, "to", in.to, &in.nto, &present, e);
	if (!st)
		st = oint(r->in, "if_updated_at", "if_updated_at", 1, INT64_MAX, &in.if_updated_at, e);
	if (!st)
		st = reports_event(&r->ctx, id, &in, &v, e);
	if (st == ST_CONFLICT)
		return conflict_reply(r, &v, e);
	if (!st)
		reply(r, 200, report_json(&v));
	return st;
}

int h_report_note(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "text", NULL };
	int64_t id;
	const char *text;
	struct report_view v;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "text", 1, 8000, &text, e);
	if (!st)
		st = reports_note(&r->ctx, id, text, &v, e);
	if (!st)
		reply(r, 201, report_json(&v));
	return st;
}

int h_report_link(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "child_id", NULL };
	int64_t id, child_id;
	struct report_view v = { 0 };
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jint(r, "child_id", 1, &child_id, e);
	if (!st)
		st = reports_link(&r->ctx, id, child_id, &v, e);
	if (st == ST_CONFLICT)
		return conflict_reply(r, &v, e);
	if (!st)
		reply(r, 200, report_json(&v));
	return st;
}

int h_child_reports(struct hreq *r, struct err *e)
{
	int64_t id;
	struct report_view *rows;
	int n = 0;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = reports_of_child(&r->ctx, id, &rows, &n, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, report_json(&rows[i]));
	reply(r, 200, json_pack("{s:o}", "items", items));
	return ST_OK;
}

int h_settings_reports_get(struct hreq *r, struct err *e)
{
	struct report_settings_view v;
	const char *county = qarg(r, "county");
	int st = report_settings_get(&r->ctx, county && *county ? county : "", &v, e);
	if (!st)
		reply(r, 200, settings_json(&v));
	return st;
}

static int need_int(struct hreq *r, const char *key, int *out, struct err *e)
{
	int64_t v = 0;
	json_t *j = json_object_get(r->in, key);
	if (!j || json_is_null(j))
		return err_set(e, ST_INVALID, key, "缺少必填字段");
	int st = oint(r->in, key, key, -1000000, 1000000, &v, e);
	*out = (int)v;
	return st;
}

int h_settings_reports_put(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "accept_hours", "escalate_grace_hours",
					       "conclude_days", "tell_days", "county", "is_default",
					       NULL };
	struct report_settings in;
	struct report_settings_view v;
	int st = body_object(r, allowed, e);
	if (!st)
		st = need_int(r, "accept_hours", &in.accept_hours, e);
	if (!st)
		st = need_int(r, "escalate_grace_hours", &in.escalate_grace_hours, e);
	if (!st)
		st = need_int(r, "conclude_days", &in.conclude_days, e);
	if (!st)
		st = need_int(r, "tell_days", &in.tell_days, e);
	if (!st)
		st = report_settings_put(&r->ctx, qarg(r, "county"), &in, &v, e);
	if (!st)
		reply(r, 200, settings_json(&v));
	return st;
}
