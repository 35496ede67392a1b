/* h_users.c: accounts: list, one, create, update, password reset, role, unlock, export. */
#include "http/http.h"

static struct user_query user_query(struct hreq *r)
{
	return (struct user_query){ .q = qarg(r, "q"), .role = qarg(r, "role"),
				    .region = qarg(r, "region"), .status = qarg(r, "status") };
}

int h_users(struct hreq *r, struct err *e)
{
	struct user_query q = user_query(r);
	struct user_row *rows;
	int n;
	int64_t total;
	int st = qpage(r, &q.page, &q.page_size, e);
	if (!st)
		st = users_list(&r->ctx, &q, &rows, &n, &total, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, user_json(r, &rows[i]));
	reply_list(r, items, total);
	return ST_OK;
}

int h_user_get(struct hreq *r, struct err *e)
{
	int64_t id;
	struct user_row u;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = users_get(&r->ctx, id, &u, e);
	if (!st)
		reply(r, 200, user_json(r, &u));
	return st;
}

int h_user_create(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "username", "display_name", "password", "region_code",
					       "org_id", "phone", NULL };
	struct user_input in = { 0 };
	struct user_row u;
	int st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "username", 1, 64, &in.username, e);
	if (!st)
		st = jstr(r, "display_name", 1, 200, &in.display_name, e);
	if (!st)
		st = jstr(r, "password", 1, 1024, &in.password, e);
	if (!st)
		st = jstr(r, "region_code", 1, 12, &in.region_code, e);
	if (!st)
		st = jint(r, "org_id", 0, &in.org_id, e);
	if (!st)
		st = jstr(r, "phone", 0, 20, &in.phone, e);
	if (!st)
		st = users_create(&r->ctx, &in, &u, e);
	if (!st)
		reply(r, 201, user_json(r, &u));
	return st;
}

int h_user_update(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "display_name", "phone", "status", NULL };
	struct user_input in = { 0 };
	struct user_row u;
	int64_t id;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "display_name", 0, 200, &in.display_name, e);
	if (!st)
		st = jstr(r, "phone", 0, 20, &in.phone, e);
	if (!st)
		st = jstr(r, "status", 0, 20, &in.status, e);
	in.has_display_name = json_object_get(r->in, "display_name") != NULL;
	in.has_phone = json_object_get(r->in, "phone") != NULL;
	in.has_status = json_object_get(r->in, "status") != NULL;
	if (!st)
		st = users_update(&r->ctx, id, &in, &u, e);
	if (!st)
		reply(r, 200, user_json(r, &u));
	return st;
}

int h_user_password(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "password", NULL };
	const char *pw;
	int64_t id;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "password", 1, 1024, &pw, e);
	if (!st)
		st = users_reset_password(&r->ctx, id, pw, e);
	if (!st)
		reply(r, 204, NULL);
	return st;
}

int h_user_role(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "role", "region_code", "org_id", NULL };
	struct user_input in = { 0 };
	struct user_row u;
	int64_t id;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "role", 1, 40, &in.role, e);
	if (!st)
		st = jstr(r, "region_code", 1, 12, &in.region_code, e);
	if (!st)
		st = jint(r, "org_id", 0, &in.org_id, e);
	if (!st)
		st = users_set_role(&r->ctx, id, &in, &u, e);
	if (!st)
		reply(r, 200, user_json(r, &u));
	return st;
}

int h_user_unlock(struct hreq *r, struct err *e)
{
	int64_t id;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = users_unlock(&r->ctx, id, e);
	if (!st)
		reply(r, 204, NULL);
	return st;
}

int h_users_export(struct hreq *r, struct err *e)
{
	struct user_query q = user_query(r);
	char *data;
	size_t len;
	int st = users_export(&r->ctx, &q, &data, &len, e);
	if (!st)
		reply_file(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			   "用户.xlsx", data, len);
	return st;
}
