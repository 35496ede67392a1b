/* h_logs.c: the login log, the audit trail and its verification (audit administrator only). */
#include "http/http.h"

static struct log_query log_query(struct hreq *r)
{
	return (struct log_query){ .username = qarg(r, "username"), .outcome = qarg(r, "outcome"),
				   .action = qarg(r, "action"), .object_type = qarg(r, "object_type"),
				   .from = qarg(r, "from"), .to = qarg(r, "to") };
}

int h_login_log(struct hreq *r, struct err *e)
{
	struct log_query q = log_query(r);
	struct login_row *rows;
	int n;
	int64_t total;
	int st = qpage(r, &q.page, &q.page_size, e);
	if (!st)
		st = logs_login(&r->ctx, &q, &rows, &n, &total, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items,
				      json_pack("{s:I, s:o, s:s, s:s, s:o, s:o, s:o}", "id",
						(json_int_t)rows[i].id, "at", jtime(rows[i].at),
						"username", rows[i].username, "outcome",
						rows[i].outcome, "reason", jnstr(rows[i].reason),
						"ip", jnstr(rows[i].ip), "user_agent",
						jnstr(rows[i].user_agent)));
	reply_list(r, items, total);
	return ST_OK;
}

int h_audit_log(struct hreq *r, struct err *e)
{
	struct log_query q = log_query(r);
	struct audit_row *rows;
	int n;
	int64_t total;
	int st = qpage(r, &q.page, &q.page_size, e);
	if (!st)
		st = logs_audit(&r->ctx, &q, &rows, &n, &total, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(
			items, json_pack("{s:I, s:o, s:s, s:o, s:s, s:o, s:s, s:o, s:o, s:s, s:o}", "id",
					 (json_int_t)rows[i].seq, "at", jtime(rows[i].at), "username",
					 rows[i].username, "ip", jnstr(rows[i].ip), "action",
					 rows[i].action, "action_name",
					 jnstr(audit_action_name(rows[i].action)), "object_type",
					 rows[i].object_type, "object_type_name",
					 jnstr(audit_object_type_name(rows[i].object_type)), "object_id",
					 jnstr(rows[i].object_id), "outcome", rows[i].outcome, "detail",
					 jnstr(rows[i].detail)));
	reply_list(r, items, total);
	return ST_OK;
}

int h_audit_actions(struct hreq *r, struct err *e)
{
	int st = app_require(&r->ctx, PERM_AUDIT_READ, e);
	if (st)
		return st;
	json_t *a = json_array();
	const char *code, *name;
	for (int i = 0; (code = audit_action_at(i, &name)); i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "code", code, "name", name));
	reply(r, 200, a);
	return ST_OK;
}

int h_audit_verify(struct hreq *r, struct err *e)
{
	int64_t checked;
	struct verify_problem *p;
	int n;
	int st = audit_verify(&r->ctx, &checked, &p, &n, e);
	if (st)
		return st;
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s}", "seq", (json_int_t)p[i].seq,
						   "problem", p[i].problem));
	reply(r, 200, json_pack("{s:b, s:I, s:o}", "ok", n == 0, "checked", (json_int_t)checked,
				"problems", a));
	return ST_OK;
}
