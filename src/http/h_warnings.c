/* h_warnings.c: warnings (预警), visit photos and the director's offline workspace over HTTP
 * (docs/API.md, "Warnings — 预警", "Visit photos", "The director's workspace (offline)"). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "app/warnings.h"
#include "common/timeutil.h"
#include "domain/region.h"
#include "http/http.h"

static json_t *jday_text(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *warning_json(const struct warning_row *w)
{
	const char *name = warning_kind_label(w->kind);
	return json_pack("{s:I, s:s, s:s, s:I, s:s, s:o, s:o, s:o, s:s, s:o, s:b, s:o, s:s, s:o}",
			 "id", (json_int_t)w->id, "kind", w->kind, "kind_name", name ? name : "",
			 "child_id", (json_int_t)w->child_id, "child_name",
			 w->child_name ? w->child_name : "", "region_code", jcode(w->region_code),
			 "region_name", jnstr(w->region_name), "ref_id",
			 w->ref_id ? json_integer(w->ref_id) : json_null(), "message", w->message,
			 "due_on", jday_text(w->due_on), "escalated", w->escalated, "opened_at",
			 jtime(w->opened_at), "opened_on", w->opened_on, "closed_at",
			 jtime(w->closed_at));
}

static int flag01(struct hreq *r, const char *key, int *out, struct err *e)
{
	const char *v = qarg(r, key);
	*out = 0;
	if (v && *v && strcmp(v, "1") && strcmp(v, "0"))
		return err_set(e, ST_INVALID, key, "应为 1 或 0");
	*out = v && strcmp(v, "1") == 0;
	return ST_OK;
}

int h_warnings(struct hreq *r, struct err *e)
{
	struct warning_query q = { 0 };
	struct warning_row *rows;
	int n;
	int64_t total;
	q.region = qarg(r, "region");
	q.kind = qarg(r, "kind");
	q.state = qarg(r, "state");
	const char *child = qarg(r, "child");
	int st = flag01(r, "escalated", &q.escalated, e);
	if (!st && child && *child) {
		char *end;
		errno = 0;
		long long v = strtoll(child, &end, 10);
		if (errno || *end || v <= 0)
			st = err_set(e, ST_INVALID, "child", "应为儿童编号");
		q.child_id = v;
	}
	if (!st)
		st = qpage(r, &q.page, &q.page_size, e);
	if (!st)
		st = warnings_list(&r->ctx, &q, &rows, &n, &total, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, warning_json(&rows[i]));
	reply_list(r, items, total);
	return ST_OK;
}

int h_warnings_summary(struct hreq *r, struct err *e)
{
	struct warnings_overview o;
	int st = warnings_summary(&r->ctx, qarg(r, "region"), &o, e);
	if (st)
		return st;
	json_t *kinds = json_array();
	for (int k = 0; k < WK_COUNT; k++)
		json_array_append_new(kinds, json_pack("{s:s, s:s, s:I}", "kind", warning_kind_code(k),
						       "kind_name", warning_kind_name(k), "count",
						       (json_int_t)o.by_kind[k]));
	reply(r, 200, json_pack("{s:I, s:I, s:o, s:I, s:I}", "total", (json_int_t)o.total,
				"escalated", (json_int_t)o.escalated, "by_kind", kinds, "high_risk",
				(json_int_t)o.high_risk, "overdue_problems",
				(json_int_t)o.overdue_problems));
	return ST_OK;
}

int h_child_warnings(struct hreq *r, struct err *e)
{
	int64_t id;
	struct warning_row *rows;
	int n;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = warnings_of_child(&r->ctx, id, &rows, &n, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, warning_json(&rows[i]));
	reply(r, 200, json_pack("{s:o}", "items", items));
	return ST_OK;
}

/* ---- visit photos ---- */

int h_visit_photo_put(struct hreq *r, struct err *e)
{
	return handle_photo_put(r, visit_photo_put, e);
}

int h_visit_photo_get(struct hreq *r, struct err *e)
{
	return handle_photo_get(r, visit_photo_get, e);
}

/* ---- the director's offline workspace ---- */

static json_t *workspace_child_json(const struct workspace_child *w)
{
	const struct workspace_extra *x = &w->x;
	json_t *o = schedule_json(&w->entry);
	json_t *codes = json_array(), *names = json_array();
	for (int i = 0; i < CAT_COUNT; i++)
		if (x->categories & (1u << i)) {
			json_array_append_new(codes, json_string(category_code(1u << i)));
			json_array_append_new(names, json_string(category_name(1u << i)));
		}
	json_t *cg = x->has_caregiver
			     ? json_pack("{s:o, s:o, s:o}", "name", jnstr(x->cg_name), "relation",
					 jnstr(x->cg_relation), "phone_masked",
					 jnstr(x->cg_phone_masked))
			     : json_null();
	json_t *last = x->last_kind ? json_pack("{s:s, s:o, s:o}", "kind", x->last_kind,
						"occurred_on", jnstr(x->last_on), "user_name",
						jnstr(x->last_user_name))
				    : json_null();
	json_t *more = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "sex",
				 jnstr(x->sex), "age", w->age >= 0 ? json_integer(w->age) : json_null(),
				 "birth_date", jnstr(x->birth_date), "categories", codes,
				 "category_names", names, "current_address", jnstr(x->current_address),
				 "caregiver", cg, "guardian_phone_masked",
				 jnstr(x->guardian_phone_masked), "school_name", jnstr(x->school_name),
				 "last_visit", last);
	json_object_update(o, more);
	json_decref(more);
	return o;
}

int h_workspace(struct hreq *r, struct err *e)
{
	struct workspace ws;
	int st = workspace_get(&r->ctx, &ws, e);
	if (st)
		return st;
	json_t *kids = json_array(), *problems = json_array();
	for (int i = 0; i < ws.nchildren; i++)
		json_array_append_new(kids, workspace_child_json(&ws.children[i]));
	for (int i = 0; i < ws.nproblems; i++)
		json_array_append_new(problems, problem_json(&ws.problems[i], 0));
	const struct principal *p = &r->who;
	json_t *region = json_pack("{s:o, s:o, s:i}", "code", jcode(p->region_code), "name",
				   jnstr(p->region_name), "level", region_level(p->region_code));
	reply(r, 200, json_pack("{s:o, s:{s:I, s:o, s:o}, s:o, s:o, s:o}", "generated_at",
				jtime(ws.generated_at), "user", "id", (json_int_t)p->user_id,
				"display_name", jnstr(p->display_name), "region", region, "dicts",
				visit_dicts_json(), "children", kids, "problems", problems));
	return ST_OK;
}
