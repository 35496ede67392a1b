/* h_orgs.c: organisations: list, one, create, update, export. */
#include "http/http.h"

static struct org_query org_query(struct hreq *r)
{
	return (struct org_query){ .region = qarg(r, "region"), .type = qarg(r, "type"),
				   .q = qarg(r, "q") };
}

int h_orgs(struct hreq *r, struct err *e)
{
	struct org_query q = org_query(r);
	struct org_row *rows;
	int n;
	int64_t total;
	int st = qpage(r, &q.page, &q.page_size, e);
	if (!st)
		st = orgs_list(&r->ctx, &q, &rows, &n, &total, e);
	if (st)
		return st;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, org_json(&rows[i]));
	reply_list(r, items, total);
	return ST_OK;
}

int h_org_get(struct hreq *r, struct err *e)
{
	int64_t id;
	struct org_row o;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = orgs_get(&r->ctx, id, &o, e);
	if (!st)
		reply(r, 200, org_json(&o));
	return st;
}

static int save(struct hreq *r, int64_t id, struct err *e)
{
	static const char *const allowed[] = { "name", "type", "region_code", NULL };
	const char *name, *type, *region;
	struct org_row o;
	int st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "name", 1, 200, &name, e);
	if (!st)
		st = jstr(r, "type", 1, 40, &type, e);
	if (!st)
		st = jstr(r, "region_code", 1, 12, &region, e);
	if (!st)
		st = orgs_save(&r->ctx, id, name, type, region, &o, e);
	if (!st)
		reply(r, id ? 200 : 201, org_json(&o));
	return st;
}

int h_org_create(struct hreq *r, struct err *e)
{
	return save(r, 0, e);
}

int h_org_update(struct hreq *r, struct err *e)
{
	int64_t id;
	int st = path_id(r, 0, &id, e);
	return st ? st : save(r, id, e);
}

int h_orgs_export(struct hreq *r, struct err *e)
{
	struct org_query q = org_query(r);
	char *data;
	size_t len;
	int st = orgs_export(&r->ctx, &q, &data, &len, e);
	if (!st)
		reply_file(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			   "机构.xlsx", data, len);
	return st;
}
