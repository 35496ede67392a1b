/* h_cases.c: issue 5's guardianship cases over HTTP (docs/API.md "Interventions and the
 * guardianship-case register", "Placements"): a child's interventions and placements, the
 * register (专项台账) and its Excel export, closing a case, after-case follow-ups, placement
 * reviews. Strict field checks; days as YYYY-MM-DD text. */
#include <string.h>

#include "http/h_cases.h"

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* ---- interventions ---- */

static json_t *intervention_json(const struct intervention_view *v)
{
	const struct intervention_row *x = &v->r;
	json_t *fs = json_array();
	for (int i = 0; i < v->nfollowups; i++) {
		const struct followup_row *f = &v->followups[i];
		json_array_append_new(fs, json_pack("{s:I, s:o, s:o, s:o, s:o}", "id",
						    (json_int_t)f->id, "due_on", jnstr(f->due_on),
						    "done_on", jnstr(f->done_on), "note",
						    jnstr(f->note), "by_name", jnstr(f->by_name)));
	}
	json_t *o = json_pack("{s:I, s:I, s:s, s:{s:o, s:s}, s:s, s:s, s:s, s:o, s:o, s:s, s:o, s:s}",
			      "id", (json_int_t)x->id, "child_id", (json_int_t)x->child_id,
			      "child_name", nz(x->child_name), "region", "code",
			      jcode(x->region_code), "name", nz(x->region_name), "kind", x->kind,
			      "kind_name", nz(intervention_kind_name(x->kind)), "issuer", x->issuer,
			      "issuer_org_id", jid(x->issuer_org_id), "issuer_org_name",
			      jnstr(x->issuer_org_name), "issued_on", x->issued_on, "doc_no",
			      jnstr(x->doc_no), "summary", x->summary);
	json_object_set_new(o, "closed_on", jnstr(x->closed_on));
	json_object_set_new(o, "state", json_string(x->closed_on ? "closed" : "open"));
	json_object_set_new(o, "followups", fs);
	json_object_set_new(o, "next_followup_on", jnstr(x->next_followup_on));
	json_object_set_new(o, "created_by_name", jnstr(x->created_by_name));
	json_object_set_new(o, "created_at", jtime(x->created_at));
	json_object_set_new(o, "updated_at", jtime(x->updated_at));
	return o;
}

static json_t *interventions_json(const struct intervention_view *rows, int n)
{
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, intervention_json(&rows[i]));
	return items;
}

int h_child_interventions(struct hreq *r, struct err *e)
{
	int64_t id;
	struct intervention_view *rows;
	int n;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = interventions_of_child(&r->ctx, id, &rows, &n, e);
	if (!st)
		reply(r, 200, json_pack("{s:o}", "items", interventions_json(rows, n)));
	return st;
}

int h_intervention_create(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = {
		"kind", "issuer", "issuer_org_id", "issued_on", "doc_no", "summary", "client_id", NULL,
	};
	int64_t id;
	struct intervention_input in;
	struct intervention_view v;
	memset(&in, 0, sizeof in);
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "kind", 0, 40, &in.kind, e);
	if (!st)
		st = jstr(r, "issuer", 0, 300, &in.issuer, e);
	if (!st)
		st = jint(r, "issuer_org_id", 0, &in.issuer_org_id, e);
	if (!st)
		st = jstr(r, "issued_on", 0, 10, &in.issued_on, e);
	if (!st)
		st = jstr(r, "doc_no", 0, 200, &in.doc_no, e);
	if (!st)
		st = jstr(r, "summary", 0, 6000, &in.summary, e);
	if (!st)
		st = jstr(r, "client_id", 0, 36, &in.client_id, e);
	if (!st)
		st = interventions_create(&r->ctx, id, &in, &v, e);
	if (!st)
		reply(r, v.replayed ? 200 : 201, intervention_json(&v));
	return st;
}

int h_intervention_get(struct hreq *r, struct err *e)
{
	int64_t id;
	struct intervention_view v;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = interventions_get(&r->ctx, id, &v, e);
	if (!st)
		reply(r, 200, intervention_json(&v));
	return st;
}

int h_intervention_update(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "doc_no", "summary", "closed_on", NULL };
	int64_t id;
	struct intervention_change in;
	struct intervention_view v;
	memset(&in, 0, sizeof in);
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jopt(r, "doc_no", 200, &in.has_doc_no, &in.doc_no, e);
	if (!st)
		st = jopt(r, "summary", 6000, &in.has_summary, &in.summary, e);
	if (!st)
		st = jopt(r, "closed_on", 10, &in.has_closed_on, &in.closed_on, e);
	if (!st)
		st = interventions_update(&r->ctx, id, &in, &v, e);
	if (!st)
		reply(r, 200, intervention_json(&v));
	return st;
}

int h_intervention_followup(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "done_on", "note", NULL };
	int64_t id;
	const char *done_on = NULL, *note = NULL;
	struct intervention_view v;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "done_on", 0, 10, &done_on, e);
	if (!st)
		st = jstr(r, "note", 0, 6000, &note, e);
	if (!st)
		st = interventions_followup(&r->ctx, id, done_on, note, &v, e);
	if (!st)
		reply(r, 201, intervention_json(&v));
	return st;
}

static int register_query(struct hreq *r, struct intervention_query *q, struct err *e)
{
	*q = (struct intervention_query){
		.region = qarg(r, "region"), .kind = qarg(r, "kind"), .from = qarg(r, "from"),
		.to = qarg(r, "to"), .followup = qarg(r, "followup"), .q = qarg(r, "q"),
	};
	return qpage(r, &q->page, &q->page_size, e);
}

int h_interventions(struct hreq *r, struct err *e)
{
	struct intervention_query q;
	struct intervention_view *rows;
	int n;
	int64_t total;
	int st = register_query(r, &q, e);
	if (!st)
		st = interventions_register(&r->ctx, &q, &rows, &n, &total, e);
	if (!st)
		reply_list(r, interventions_json(rows, n), total);
	return st;
}

int h_interventions_export(struct hreq *r, struct err *e)
{
	struct intervention_query q;
	char *data;
	size_t len;
	int st = register_query(r, &q, e);
	if (!st)
		st = interventions_export(&r->ctx, &q, &data, &len, e);
	if (!st)
		reply_file(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			   "专项台账.xlsx", data, len);
	return st;
}

/* ---- placements ---- */

static json_t *placement_json(const struct placement_view *v)
{
	const struct placement_row *p = &v->r;
	json_t *rs = json_array();
	for (int i = 0; i < v->nreviews; i++) {
		const struct review_row *x = &v->reviews[i];
		json_array_append_new(rs, json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)x->id,
						    "on", nz(x->on), "note", nz(x->note), "by_name",
						    jnstr(x->by_name)));
	}
	json_t *o = json_pack("{s:I, s:I, s:s, s:{s:o, s:s}, s:s, s:s, s:s, s:s, s:o, s:o, s:o}",
			      "id", (json_int_t)p->id, "child_id", (json_int_t)p->child_id,
			      "child_name", nz(p->child_name), "region", "code",
			      jcode(p->region_code), "name", nz(p->region_name), "kind", p->kind,
			      "kind_name", nz(placement_kind_name(p->kind)), "term", p->term,
			      "term_name", nz(placement_term_name(p->term)), "carer", jnstr(p->carer),
			      "org_id", jid(p->org_id), "org_name", jnstr(p->org_name));
	json_object_set_new(o, "reason", json_string(nz(p->reason)));
	json_object_set_new(o, "start_on", json_string(nz(p->start_on)));
	json_object_set_new(o, "end_on", jnstr(p->end_on));
	json_object_set_new(o, "review_months", json_integer(p->review_months));
	json_object_set_new(o, "next_review_on", jnstr(p->next_review_on));
	json_object_set_new(o, "reviews", rs);
	json_object_set_new(o, "state", json_string(v->state ? v->state : "active"));
	json_object_set_new(o, "created_by_name", jnstr(p->created_by_name));
	json_object_set_new(o, "created_at", jtime(p->created_at));
	return o;
}

static json_t *placements_json(const struct placement_view *rows, int n)
{
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, placement_json(&rows[i]));
	return items;
}

int h_child_placements(struct hreq *r, struct err *e)
{
	int64_t id;
	struct placement_view *rows;
	int n;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = placements_of_child(&r->ctx, id, &rows, &n, e);
	if (!st)
		reply(r, 200, json_pack("{s:o}", "items", placements_json(rows, n)));
	return st;
}

int h_placement_create(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = {
		"kind", "term", "carer", "org_id", "reason", "start_on", "review_months",
		"client_id", NULL,
	};
	int64_t id, months = 0;
	struct placement_input in;
	struct placement_view v;
	memset(&in, 0, sizeof in);
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "kind", 0, 20, &in.kind, e);
	if (!st)
		st = jstr(r, "term", 0, 20, &in.term, e);
	if (!st)
		st = jstr(r, "carer", 0, 150, &in.carer, e);
	if (!st)
		st = jint(r, "org_id", 0, &in.org_id, e);
	if (!st)
		st = jstr(r, "reason", 0, 6000, &in.reason, e);
	if (!st)
		st = jstr(r, "start_on", 0, 10, &in.start_on, e);
	if (!st)
		/* the range (复查间隔应为 1 至 24 个月) is checked by placements_create */
		st = oint(r->in, "review_months", "review_months", -1000000, 1000000, &months, e);
	if (!st && !json_object_get(r->in, "review_months"))
		st = err_set(e, ST_INVALID, "review_months", "请填写复查间隔（%d 至 %d 个月）",
			     PLACEMENT_REVIEW_MIN, PLACEMENT_REVIEW_MAX);
	if (!st)
		st = jstr(r, "client_id", 0, 36, &in.client_id, e);
	if (!st) {
		in.review_months = (int)months;
		st = placements_create(&r->ctx, id, &in, &v, e);
	}
	if (!st)
		reply(r, v.replayed ? 200 : 201, placement_json(&v));
	return st;
}

int h_placement_update(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "end_on", "reason", NULL };
	int64_t id;
	struct placement_change in;
	struct placement_view v;
	memset(&in, 0, sizeof in);
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jopt(r, "end_on", 10, &in.has_end_on, &in.end_on, e);
	if (!st)
		st = jopt(r, "reason", 6000, &in.has_reason, &in.reason, e);
	if (!st)
		st = placements_update(&r->ctx, id, &in, &v, e);
	if (!st)
		reply(r, 200, placement_json(&v));
	return st;
}

int h_placement_review(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "on", "note", NULL };
	int64_t id;
	const char *on = NULL, *note = NULL;
	struct placement_view v;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "on", 0, 10, &on, e);
	if (!st)
		st = jstr(r, "note", 0, 6000, &note, e);
	if (!st)
		st = placements_review(&r->ctx, id, on, note, &v, e);
	if (!st)
		reply(r, 201, placement_json(&v));
	return st;
}

int h_placements(struct hreq *r, struct err *e)
{
	struct placement_query q = {
		.region = qarg(r, "region"), .state = qarg(r, "state"),
		.review_due = qarg(r, "review_due"),
	};
	struct placement_view *rows;
	int n;
	int64_t total;
	int st = qpage(r, &q.page, &q.page_size, e);
	if (!st)
		st = placements_list(&r->ctx, &q, &rows, &n, &total, e);
	if (!st)
		reply_list(r, placements_json(rows, n), total);
	return st;
}
