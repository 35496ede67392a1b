/* h_regions.c: the division tree inside the caller's scope. */
#include "http/http.h"

static json_t *region_array(const struct region_row *rows, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, region_json(&rows[i]));
	return a;
}

int h_regions(struct hreq *r, struct err *e)
{
	const char *parent = qarg(r, "parent"), *q = qarg(r, "q");
	struct region_row *rows = NULL;
	int n = 0, st;
	if (parent && *parent)
		st = regions_children(&r->ctx, parent, &rows, &n, e);
	else if (q && *q)
		st = regions_search(&r->ctx, q, &rows, &n, e);
	else
		st = regions_roots(&r->ctx, &rows, &n, e);
	if (!st)
		reply(r, 200, region_array(rows, n));
	return st;
}

int h_region_get(struct hreq *r, struct err *e)
{
	struct region_row g, *path;
	int npath;
	int st = regions_get(&r->ctx, r->params[0], &g, &path, &npath, e);
	if (st)
		return st;
	json_t *o = region_json(&g);
	json_t *p = json_array();
	for (int i = 0; i < npath; i++)
		json_array_append_new(p, json_pack("{s:o, s:s}", "code", jcode(path[i].code), "name",
						   path[i].name));
	json_object_set_new(o, "path", p);
	reply(r, 200, o);
	return ST_OK;
}
