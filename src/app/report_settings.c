/* report_settings.c: the county's deadlines of mandatory reports (report_flow.h struct
 * report_settings), kept in the settings table under "reports.<county code>" as `key=value;...`
 * text. Saving them re-dates the open reports of the county. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "domain/region.h"

static int64_t county_of(int64_t region)
{
	int64_t code = region;
	while (region_level(code) > REGION_COUNTY)
		code = region_parent(code);
	return region_level(code) == REGION_COUNTY ? code : 0;
}

static void setting_key(int64_t county, char key[32])
{
	char code[13];
	region_format(county, code);
	snprintf(key, 32, "reports.%s", code);
}

static int parse_settings(const char *text, struct report_settings *out)
{
	struct report_settings s;
	report_settings_default(&s);
	if (sscanf(text, "accept_hours=%d;escalate_grace_hours=%d;conclude_days=%d;tell_days=%d",
		   &s.accept_hours, &s.escalate_grace_hours, &s.conclude_days, &s.tell_days) != 4 ||
	    report_settings_check(&s, NULL) != 0)
		return -1;
	*out = s;
	return 0;
}

int report_settings_for(struct ctx *c, struct db *db, int64_t region, struct report_settings *out,
			int *is_default, struct err *e)
{
	int64_t county = county_of(region);
	report_settings_default(out);
	if (is_default)
		*is_default = 1;
	if (!county)
		return ST_OK;
	char key[32];
	const char *text;
	setting_key(county, key);
	int st = st_setting_get(db, c->a, key, &text);
	if (st == ST_NOT_FOUND)
		return ST_OK;
	if (st)
		return err_set(e, st, NULL, "读取县级强制报告设置失败");
	if (parse_settings(text, out) != 0) {
		log_error("setting %s is not valid: the defaults apply", key);
		report_settings_default(out);
	} else if (is_default) {
		*is_default = 0;
	}
	return ST_OK;
}

/* The county asked for (or the caller's): one the caller works in or above. */
static int county_for(struct ctx *c, struct db *db, const char *text, int for_write,
		      struct report_settings_view *out, struct err *e)
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

static int load_view(struct ctx *c, struct db *db, const char *county,
		     struct report_settings_view *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	report_settings_default(&out->s);
	out->is_default = 1;
	int st = county_for(c, db, county, 0, out, e);
	if (!st)
		st = report_settings_for(c, db, out->county, &out->s, &out->is_default, e);
	return st;
}

int report_settings_get(struct ctx *c, const char *county, struct report_settings_view *out,
			struct err *e)
{
	struct db *db = app_begin(c, 0, e);
	if (!db)
		return ST_DB;
	int st = ST_OK;
	/* the meta of every filer shows its county's deadlines (county NULL); the settings page
	 * itself is for handlers and the county */
	if (county && app_require(c, PERM_REPORT_HANDLE, NULL) != ST_OK)
		st = app_require(c, PERM_CASE_SETTINGS, e);
	if (!st)
		st = load_view(c, db, county, out, e);
	return app_finish(c, db, st, NULL, e);
}

int report_settings_put(struct ctx *c, const char *county, const struct report_settings *in,
			struct report_settings_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "settings.reports", .object_type = "report_settings" };
	memset(out, 0, sizeof *out);
	const char *field = NULL;
	int64_t redated = 0, now = clock_now_ms();
	int st = app_require(c, PERM_CASE_SETTINGS, e);
	if (!st)
		st = county_for(c, db, county, 1, out, e);
	if (!st) {
		region_format(out->county, act.object_id);
		act.region_code = out->county;
	}
	if (!st && report_settings_check(in, &field) != 0)
		st = err_set(e, ST_INVALID, field, "取值超出范围（受理时限 1–168 小时，升级宽限 0–72 小时，"
			     "办结时限 1–365 天，反馈时限 1–90 天）");
	if (!st) {
		char key[32];
		setting_key(out->county, key);
		const char *text = arena_printf(
			c->a, "accept_hours=%d;escalate_grace_hours=%d;conclude_days=%d;tell_days=%d",
			in->accept_hours, in->escalate_grace_hours, in->conclude_days, in->tell_days);
		st = st_setting_put(db, key, text);
		out->s = *in;
		out->is_default = 0;
		act.detail = text;
	}
	/* re-date the open reports of the county */
	int64_t lo, hi, after = 0;
	region_range(out->county, &lo, &hi);
	while (!st) {
		int64_t *ids;
		int n = 0;
		st = st_report_open_in(db, c->a, lo, hi, after, 500, &ids, &n);
		for (int i = 0; !st && i < n; i++) {
			struct report_access all = { .all = 1 };
			struct report_row r;
			after = ids[i];
			st = st_report_get(db, c->a, &all, ids[i], &r);
			if (st)
				break;
			int64_t seen = r.updated_at;
			r.updated_at = seen + 1 > now ? seen + 1 : now;
			report_redate(&r, in, now);   /* the same stage: escalated_at is kept */
			st = st_report_update(db, &r, seen);
			if (!st)
				st = st_report_routes_put(db, &r);
			redated++;
		}
		if (n < 500)
			break;
	}
	if (!st)
		act.detail = arena_printf(c->a, "%s; reports=%lld", act.detail, (long long)redated);
	return app_finish(c, db, st, &act, e);
}
