/* guard_settings.c: the county's settings of the guardianship assessment (thresholds and
 * reassessment months, domain/guardianship.h), kept in the settings table under
 * "guardianship.<county code>" as `key=value;...` text and read per request (assessments are
 * few); and what the guardianship use cases share (see guard.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records.h"
#include "common/log.h"
#include "domain/region.h"

/* ---- shared by the guardianship use cases ---- */

int guard_child(struct ctx *c, struct db *db, int64_t child_id, int write, int for_new,
		struct child_row *row, struct err *e)
{
	int st = app_require(c, PERM_GUARD_READ, e);
	if (!st && write)
		st = app_require(c, PERM_GUARD_WRITE, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, row, e);
	if (!st && for_new)
		st = guard_active(row, e);
	return st;
}

int guard_active(const struct child_row *row, struct err *e)
{
	if (strcmp(row->status, "active") != 0)
		return err_set(e, ST_INVALID, "child", "该儿童已离开关爱服务");
	return ST_OK;
}

const char *guard_relation_name(const char *code)
{
	return dict_name("relations", code);
}

/* ---- the settings ---- */

static const struct {
	const char *name;
	size_t off;
} fields[] = {
	{ "insufficient", offsetof(struct ga_settings, insufficient) },
	{ "improper", offsetof(struct ga_settings, improper) },
	{ "months_absent", offsetof(struct ga_settings, months_absent) },
	{ "months_improper", offsetof(struct ga_settings, months_improper) },
	{ "months_insufficient", offsetof(struct ga_settings, months_insufficient) },
	{ "months_normal", offsetof(struct ga_settings, months_normal) },
};

static int *field_at(struct ga_settings *s, int i)
{
	return (int *)((char *)s + fields[i].off);
}

static const char *format_settings(struct arena *a, const struct ga_settings *in)
{
	struct ga_settings s = *in;
	char buf[512];
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < COUNT(fields); i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s=%d", i ? ";" : "",
					fields[i].name, *field_at(&s, i));
	return arena_strdup(a, buf);
}

/* Missing keys keep their defaults; 0, or -1 when malformed or out of limits. */
static int parse_settings(const char *text, struct ga_settings *out)
{
	struct ga_settings s;
	ga_settings_default(&s);
	char buf[512];
	if (strlen(text) >= sizeof buf)
		return -1;
	strcpy(buf, text);
	char *save = NULL;
	for (char *tok = strtok_r(buf, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(tok, '=');
		if (!eq)
			return -1;
		*eq = '\0';
		for (int i = 0; i < COUNT(fields); i++)
			if (strcmp(tok, fields[i].name) == 0 && sscanf(eq + 1, "%d", field_at(&s, i)) != 1)
				return -1;
	}
	if (ga_settings_check(&s, NULL) != 0)
		return -1;
	*out = s;
	return 0;
}

static int64_t county_of(int64_t region)
{
	int64_t code = region;
	while (region_level(code) > REGION_COUNTY)
		code = region_parent(code);
	return region_level(code) == REGION_COUNTY ? code : 0;
}

static void setting_key(int64_t county, char key[40])
{
	char code[13];
	region_format(county, code);
	snprintf(key, 40, "guardianship.%s", code);
}

static int read_settings(struct ctx *c, struct db *db, int64_t county, struct ga_settings *out,
			 int *is_default)
{
	char key[40];
	const char *text;
	ga_settings_default(out);
	*is_default = 1;
	if (!county)
		return ST_OK;
	setting_key(county, key);
	int st = st_setting_get(db, c->a, key, &text);
	if (st == ST_NOT_FOUND)
		return ST_OK;
	if (st)
		return st;
	if (parse_settings(text, out) != 0) {
		log_error("setting %s is not valid: the defaults apply", key);
		ga_settings_default(out);
		return ST_OK;
	}
	*is_default = 0;
	return ST_OK;
}

int guard_settings_for(struct ctx *c, struct db *db, int64_t region, struct ga_settings *out,
		       int *is_default)
{
	int dflt;
	int st = read_settings(c, db, county_of(region), out, is_default ? is_default : &dflt);
	if (st)   /* unreadable: the defaults, as documented */
		ga_settings_default(out);
	return ST_OK;
}

/* The county asked for (or the caller's): one the caller works in or above (for_write), or
 * whose subtree holds the caller (a town or village user reads its own county's). */
static int county_for(struct ctx *c, struct db *db, const char *text, int for_write,
		      struct guard_settings_view *out, struct err *e)
{
	int64_t county = 0;
	if (text && *text) {
		if (region_parse(text, &county) != 0 || region_level(county) != REGION_COUNTY)
			return err_set(e, ST_INVALID, "county", "请选择县（区、市）");
	} else {
		county = county_of(c->who->region_code);
		if (!county)
			return err_set(e, ST_INVALID, "county", "请选择县（区、市）");
	}
	int inside = county >= c->who->scope.lo && county <= c->who->scope.hi;
	int own = region_contains(county, c->who->region_code);
	if (!inside && (for_write || !own))
		return err_set(e, ST_INVALID, "county", "所选区划不存在或不在您的管理范围内");
	struct scope all = { .lo = 0, .hi = REGION_CODE_MAX };
	struct region_row r;
	int st = st_region_get(db, c->a, &all, county, &r);
	if (st == ST_NOT_FOUND)
		return err_set(e, ST_INVALID, "county", "所选区划不存在或不在您的管理范围内");
	if (st)
		return st;
	out->county = county;
	out->county_name = r.name;
	return ST_OK;
}

int guard_settings_own(struct ctx *c, struct db *db, struct guard_settings_view *out,
		       struct err *e)
{
	memset(out, 0, sizeof *out);
	ga_settings_default(&out->s);
	out->is_default = 1;
	int st = county_for(c, db, NULL, 0, out, e);
	if (st == ST_INVALID) {   /* above county level: the defaults, no county */
		memset(e, 0, sizeof *e);
		return ST_OK;
	}
	if (!st)
		st = read_settings(c, db, out->county, &out->s, &out->is_default);
	return st;
}

int guard_instrument(struct ctx *c, struct guard_settings_view *out, struct err *e)
{
	struct db *db = app_begin(c, 0, e);
	if (!db)
		return ST_DB;
	int st = app_require(c, PERM_GUARD_READ, e);
	if (!st)
		st = guard_settings_own(c, db, out, e);
	return app_finish(c, db, st, NULL, e);
}

int guard_settings_get(struct ctx *c, const char *county, struct guard_settings_view *out,
		       struct err *e)
{
	struct db *db = app_begin(c, 0, e);
	if (!db)
		return ST_DB;
	memset(out, 0, sizeof *out);
	int st = app_require(c, PERM_GUARD_READ, NULL) == ST_OK
			 ? ST_OK
			 : app_require(c, PERM_CASE_SETTINGS, e);
	if (!st)
		st = county_for(c, db, county, 0, out, e);
	if (!st)
		st = read_settings(c, db, out->county, &out->s, &out->is_default);
	return app_finish(c, db, st, NULL, e);
}

static const char *check_message(const char *field)
{
	static const char *const msgs[][2] = {
		{ "insufficient", "监护不足的分数线应大于 0，且低于监护失当的分数线" },
		{ "improper", "监护失当的分数线应高于监护不足的分数线，且不超过量表满分" },
		{ "months_absent", "监护缺失的复评间隔应为 1 至 24 个月" },
		{ "months_improper", "监护失当的复评间隔应为 1 至 24 个月，且不短于监护缺失的" },
		{ "months_insufficient", "监护不足的复评间隔应为 1 至 24 个月，且不短于监护失当的" },
		{ "months_normal", "监护正常的复评间隔应为 1 至 24 个月，且不短于监护不足的" },
	};
	for (int i = 0; i < COUNT(msgs); i++)
		if (strcmp(msgs[i][0], field) == 0)
			return msgs[i][1];
	return "设置不正确";
}

/* The county's settings changed: the reassessment day of every child's latest assessment is
 * re-derived with them (the grade found stays what it was); *n counts the days that moved. */
static int redate(struct ctx *c, struct db *db, const struct ga_settings *s, int64_t county,
		  int64_t *n)
{
	struct latest_assessment *rows = NULL;
	int nrows = 0;
	int64_t lo, hi;
	*n = 0;
	region_range(county, &lo, &hi);
	int st = st_latest_assessments_in(db, c->a, lo, hi, &rows, &nrows);
	for (int i = 0; !st && i < nrows; i++) {
		struct cdate on, next;
		int g = guardianship_from_code(rows[i].result ? rows[i].result : "");
		if (g <= 0 || cdate_parse(rows[i].assessed_on, &on) != 0 ||
		    ga_next_assessment(on, (enum guardianship_assessment)g, s, &next) != 0)
			continue;
		const char *day = rec_day_text(c->a, next);
		if (rows[i].next_on && strcmp(rows[i].next_on, day) == 0)
			continue;
		st = st_assessment_set_next(db, rows[i].assessment_id, day);
		if (!st)
			st = st_child_set_guardianship(db, rows[i].child_id, rows[i].result, day);
		(*n)++;
	}
	return st;
}

int guard_settings_put(struct ctx *c, const char *county, const struct ga_settings *in,
		       struct guard_settings_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "settings.guardianship", .object_type = "guard_settings" };
	const char *field = NULL;
	int64_t redated = 0, marked = 0;
	memset(out, 0, sizeof *out);
	int st = app_require(c, PERM_CASE_SETTINGS, e);
	if (!st)
		st = county_for(c, db, county, 1, out, e);
	if (!st) {
		region_format(out->county, act.object_id);
		act.region_code = out->county;
	}
	if (!st && ga_settings_check(in, &field) != 0)
		st = err_set(e, ST_INVALID, field, "%s", check_message(field));
	if (!st) {
		char key[40];
		out->s = *in;
		out->is_default = 0;
		setting_key(out->county, key);
		const char *text = format_settings(c->a, &out->s);
		st = st_setting_put(db, key, text);
		if (!st)
			st = redate(c, db, &out->s, out->county, &redated);
		/* the children whose day moved: the sweep started below re-grades their warnings */
		if (!st && redated) {
			int64_t lo, hi;
			region_range(out->county, &lo, &hi);
			st = st_standing_mark_region(db, lo, hi, rec_day_text(c->a, rec_today()),
						     &marked);
		}
		act.detail = arena_printf(c->a, "%s; redated=%lld", text, (long long)redated);
	}
	st = app_finish(c, db, st, &act, e);
	if (!st && redated)
		standing_wake(c->app);
	return st;
}
