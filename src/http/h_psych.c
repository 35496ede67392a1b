/* h_psych.c: psychological care over HTTP (心理关爱, docs/API.md "Psychological care"):
 * screenings of a child, referrals, their events and follow-ups. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/risk.h"
#include "http/h_psych.h"

#define SCORE_LIMIT 1000000.0

/* The stored text of a score as a JSON number (null when none). */
static json_t *jscore(const char *s)
{
	if (!s || !*s)
		return json_null();
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end)
		return json_null();
	if (v > -9e15 && v < 9e15 && v == (double)(long long)v)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static json_t *screening_json(const struct psych_screening_row *s)
{
	int res = psych_from_code(s->result ? s->result : "");
	return json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:s, s:s, s:o, s:o, s:o, s:o}", "id",
			 (json_int_t)s->id, "child_id", (json_int_t)s->child_id, "instrument",
			 s->instrument, "screened_on", s->screened_on, "assessor", jnstr(s->assessor),
			 "score", jscore(s->score), "result", s->result, "result_name",
			 res > 0 ? psych_name((enum psych_result)res) : "", "note", jnstr(s->note),
			 "referral_id", jid(s->referral_id), "by_name", jnstr(s->by_name),
			 "created_at", jtime(s->created_at));
}

static const char *event_name(const char *code)
{
	if (code && strcmp(code, "refer") == 0)
		return "转介";
	int ev = psych_event_from_code(code);
	return ev >= 0 ? psych_event_name((enum psych_event)ev) : code;
}

static json_t *referral_json(const struct psych_referral_view *v)
{
	const struct psych_referral_row *f = &v->r;
	int svc = psych_service_from_code(f->service_type);
	int state = psych_state_from_code(f->state);
	json_t *o = json_pack(
		"{s:I, s:I, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:s, s:o, s:o, s:b, s:o,"
		" s:o, s:o, s:i, s:o, s:b}",
		"id", (json_int_t)f->id, "child_id", (json_int_t)f->child_id, "child_name",
		f->child_name ? f->child_name : "", "screening_id", jid(f->screening_id),
		"service_type", f->service_type, "service_type_name",
		svc >= 0 ? psych_service_name((enum psych_service)svc) : "", "service_name",
		jnstr(f->service_name), "org_id", jid(f->org_id), "org_name", jnstr(f->org_name),
		"state", f->state, "state_name",
		state >= 0 ? psych_state_name((enum psych_state)state) : "", "referred_on",
		f->referred_on, "closed_on", jnstr(f->closed_on), "outcome", jnstr(f->outcome),
		"returned_from_treatment", f->returned_from_treatment, "carer_name",
		jnstr(f->carer_name), "carer_user_id", jid(f->carer_user_id), "carer_user_name",
		jnstr(f->carer_user_name), "followup_days", f->followup_days, "next_followup_on",
		jnstr(f->next_followup_on), "followup_due", v->followup_due);
	json_object_set_new(o, "region", json_pack("{s:o, s:o}", "code", jcode(f->region_code),
						   "name", jnstr(f->region_name)));
	json_object_set_new(o, "updated_at", jtime(f->updated_at));
	if (v->full) {
		json_t *fu = json_array(), *ev = json_array();
		for (int i = 0; i < v->nfollowups; i++) {
			const struct psych_followup_row *w = &v->followups[i];
			json_array_append_new(fu, json_pack("{s:I, s:s, s:o, s:o}", "id",
							    (json_int_t)w->id, "on", w->on_day,
							    "note", jnstr(w->note), "by_name",
							    jnstr(w->by_name)));
		}
		for (int i = 0; i < v->nevents; i++) {
			const struct psych_event_row *x = &v->events[i];
			json_array_append_new(ev, json_pack("{s:o, s:s, s:s, s:o, s:o}", "at",
							    jtime(x->at), "event", x->event,
							    "event_name", event_name(x->event),
							    "note", jnstr(x->note), "user_name",
							    jnstr(x->user_name)));
		}
		json_object_set_new(o, "followups", fu);
		json_object_set_new(o, "events", ev);
	}
	return o;
}

/* A JSON number (integer or not) as text; null or absent: none. */
static int jnumber_text(struct hreq *r, const char *key, const char **out, struct err *e)
{
	json_t *v = json_object_get(r->in, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return ST_OK;
	if (!json_is_number(v))
		return err_set(e, ST_INVALID, key, "筛查分数应为数字");
	double d = json_number_value(v);
	if (!isfinite(d) || d < -SCORE_LIMIT || d > SCORE_LIMIT)
		return err_set(e, ST_INVALID, key, "筛查分数超出范围");
	*out = json_is_integer(v)
		       ? arena_printf(&r->a, "%lld", (long long)json_integer_value(v))
		       : arena_printf(&r->a, "%.10g", d);
	return ST_OK;
}

int h_psych_screening_create(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "instrument", "screened_on", "assessor", "score",
					       "result", "note", "referral", "client_id", NULL };
	static const char *const ref_allowed[] = { "service_type", "service_name", "org_id", NULL };
	int64_t id;
	int replayed = 0;
	struct psych_screening_input in = { 0 };
	struct psych_screening_row out;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "instrument", 0, 400, &in.instrument, e);
	if (!st)
		st = jstr(r, "screened_on", 0, 10, &in.screened_on, e);
	if (!st)
		st = jstr(r, "assessor", 0, 200, &in.assessor, e);
	if (!st)
		st = jnumber_text(r, "score", &in.score, e);
	if (!st)
		st = jstr(r, "result", 0, 20, &in.result, e);
	if (!st)
		st = jstr(r, "note", 0, 8000, &in.note, e);
	if (!st)
		st = jstr(r, "client_id", 0, 64, &in.client_id, e);
	json_t *ref = st ? NULL : json_object_get(r->in, "referral");
	if (!st && ref && !json_is_null(ref)) {
		if (!json_is_object(ref))
			st = err_set(e, ST_INVALID, "referral", "转介信息应为对象");
		if (!st)
			st = oknown(r, ref, "referral", ref_allowed, e);
		if (!st)
			st = ostr(ref, "service_type", "referral.service_type", 40,
				  &in.referral.service_type, e);
		if (!st)
			st = ostr(ref, "service_name", "referral.service_name", 400,
				  &in.referral.service_name, e);
		if (!st)
			st = oint(ref, "org_id", "referral.org_id", 0, INT64_MAX, &in.referral.org_id,
				  e);
		in.referral.given = 1;
	}
	if (!st)
		st = psych_screening_create(&r->ctx, id, &in, &out, &replayed, e);
	if (!st)
		reply(r, replayed ? 200 : 201, screening_json(&out));
	return st;
}

int h_psych_screenings(struct hreq *r, struct err *e)
{
	int64_t id;
	struct psych_screening_row *rows = NULL;
	int n = 0;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = psych_screening_list(&r->ctx, id, &rows, &n, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, screening_json(&rows[i]));
	reply(r, 200, json_pack("{s:o}", "items", items));
	return ST_OK;
}

int h_child_psych_referrals(struct hreq *r, struct err *e)
{
	int64_t id;
	struct psych_referral_view *rows = NULL;
	int n = 0;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = psych_referral_list_child(&r->ctx, id, &rows, &n, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, referral_json(&rows[i]));
	reply(r, 200, json_pack("{s:o}", "items", items));
	return ST_OK;
}

int h_psych_referrals(struct hreq *r, struct err *e)
{
	struct psych_referral_query q = { 0 };
	struct psych_referral_view *rows = NULL;
	int n = 0;
	int64_t total = 0;
	q.state = qarg(r, "state");
	q.region = qarg(r, "region");
	const char *due = qarg(r, "followup_due");
	if (due && *due && strcmp(due, "1") && strcmp(due, "0"))
		return err_set(e, ST_INVALID, "followup_due", "应为 1 或 0");
	q.followup_due = due && strcmp(due, "1") == 0;
	int st = qpage(r, &q.page, &q.page_size, e);
	if (!st)
		st = psych_referral_list(&r->ctx, &q, &rows, &n, &total, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, referral_json(&rows[i]));
	reply_list(r, items, total);
	return ST_OK;
}

int h_psych_referral_get(struct hreq *r, struct err *e)
{
	int64_t id;
	struct psych_referral_view v;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = psych_referral_get(&r->ctx, id, &v, e);
	if (!st)
		reply(r, 200, referral_json(&v));
	return st;
}

int h_psych_referral_event(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "event", "note", "outcome", "returned_from_treatment",
					       "carer_name", "carer_user_id", "followup_days",
					       NULL };
	int64_t id, days = 0;
	struct psych_event_input in = { 0 };
	struct psych_referral_view v;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "event", 1, 20, &in.event, e);
	if (!st)
		st = jstr(r, "note", 0, 8000, &in.note, e);
	if (!st)
		st = jstr(r, "outcome", 0, 8000, &in.outcome, e);
	if (!st)
		st = obool(r->in, "returned_from_treatment", "returned_from_treatment",
			   &in.returned_from_treatment, e);
	if (!st)
		st = jstr(r, "carer_name", 0, 400, &in.carer_name, e);
	if (!st)
		st = oint(r->in, "carer_user_id", "carer_user_id", 0, INT64_MAX, &in.carer_user_id,
			  e);
	if (!st && json_object_get(r->in, "followup_days") &&
	    !json_is_null(json_object_get(r->in, "followup_days"))) {
		st = oint(r->in, "followup_days", "followup_days", PSYCH_FOLLOWUP_DAYS_MIN,
			  PSYCH_FOLLOWUP_DAYS_MAX, &days, e);
		if (st)   /* name the limits */
			err_set(e, ST_INVALID, "followup_days", "随访间隔应为%d至%d天",
				PSYCH_FOLLOWUP_DAYS_MIN, PSYCH_FOLLOWUP_DAYS_MAX);
		in.followup_days = (int)days;
	}
	if (!st)
		st = psych_referral_event(&r->ctx, id, &in, &v, e);
	if (!st)
		reply(r, 200, referral_json(&v));
	return st;
}

int h_psych_followup_create(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "on", "note", NULL };
	int64_t id;
	const char *on = NULL, *note = NULL;
	struct psych_referral_view v;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "on", 0, 10, &on, e);
	if (!st)
		st = jstr(r, "note", 0, 8000, &note, e);
	if (!st)
		st = psych_followup_add(&r->ctx, id, on, note, &v, e);
	if (!st)
		reply(r, 201, referral_json(&v));
	return st;
}
