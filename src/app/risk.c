/* risk.c: risk grading over the API (分级划定风险, see standing.h): a child's level with the
 * factors and points behind it, the manual override by county staff (人工调整: a reason and an
 * expiry day, audited and kept in the child's history) and every change of the level in force.
 * The grading itself is standing.c's; this file reads it and sets or clears the override. */
#include <stdio.h>
#include <string.h>

#include "app/records.h"
#include "common/timeutil.h"

#define OVERRIDE_REASON_MAX 500      /* characters */
#define OVERRIDE_MAX_DAYS 366

static const struct code_name causes[] = {
	{ "visit", "走访记录" },          { "problem", "问题变化" },
	{ "file", "档案变更" },           { "override", "人工调整" },
	{ "override_cleared", "取消人工调整" }, { "override_expired", "人工调整到期" },
	{ "sweep", "每日复核" },          { "settings", "县级设置变更" },
	{ "assessment", "监护能力评估" },  { "psych", "心理筛查" },
	{ "report", "强制报告" },          { "case", "干预与安置" },
};

const char *risk_cause_name(const char *cause)
{
	for (int i = 0; cause && i < COUNT(causes); i++)
		if (strcmp(causes[i].code, cause) == 0)
			return causes[i].name;
	return NULL;
}

/* The stored factors, [{"code":"...","points":N,"value":N},...] as standing.c writes them,
 * with the label and source of each from the weight table. */
static int parse_factors(const char *json, struct risk_view *out)
{
	out->nfactors = 0;
	const char *p = json ? strchr(json, '{') : NULL;
	while (p && out->nfactors < RF_COUNT) {
		char code[48];
		int points, value, used = 0;
		if (sscanf(p, "{\"code\":\"%47[a-z_]\",\"points\":%d,\"value\":%d}%n", code, &points,
			   &value, &used) != 3 || used == 0)
			return -1;
		int id = risk_factor_from_code(code);
		if (id >= 0) {
			struct risk_factor *f = &out->factors[out->nfactors++];
			risk_factor_describe((enum risk_factor_id)id, f);
			f->points = points;   /* as graded, even if the table changed since */
			f->value = value;
		}
		p = strchr(p + used, '{');
	}
	return 0;
}

/* NULL, empty or only white space (ASCII and the ideographic space U+3000) */
static int blank(const char *s)
{
	while (s && *s) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			return 0;
	}
	return 1;
}

static int utf8_chars(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The child's grading as stored; a child not graded yet (an import the sweep has not reached)
 * is graded now. */
static int load_view(struct ctx *c, struct db *db, int64_t child_id, struct risk_view *out,
		     struct err *e)
{
	struct standing_row r;
	struct visit_settings set;
	memset(out, 0, sizeof *out);
	int st = st_standing_get(db, c->a, child_id, &r);
	if (!st && !r.has_risk && strcmp(r.c.status, "active") == 0) {
		st = standing_refresh(c, db, child_id, "sweep", e);
		if (!st)
			st = st_standing_get(db, c->a, child_id, &r);
	}
	if (!st)
		st = visit_settings_for(c, db, r.c.region_code, &set, e);
	if (st)
		return e->status ? e->status : err_set(e, st, NULL, "读取风险等级失败");
	out->child_id = child_id;
	out->level = risk_level_from_code(r.c.risk_level);
	out->computed = risk_level_from_code(r.computed);
	out->score = r.score;
	out->graded_at = r.graded_at;
	out->thresholds = set.risk;
	if (r.has_risk && parse_factors(r.factors, out) != 0)
		return err_set(e, ST_INTERNAL, NULL, "风险等级的评分记录已损坏");
	out->override_level = risk_level_from_code(r.override_level);
	if (out->override_level != RISK_UNSET) {
		struct cdate until;
		out->override_reason = r.override_reason;
		out->override_until = r.override_until;
		out->override_by_name = r.override_by_name;
		out->override_at = r.override_at;
		out->override_active = r.override_until && cdate_parse(r.override_until, &until) == 0 &&
				       cdate_cmp(rec_today(), until) <= 0;
	}
	return ST_OK;
}

int risk_get(struct ctx *c, int64_t child_id, struct risk_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("risk.read", "child", child_id, 0);
	struct child_row row;
	int st = rec_require_caseworker(c, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		st = load_view(c, db, child_id, out, e);
	}
	return app_finish(c, db, st, &act, e);
}

static int check_override(struct ctx *c, const struct risk_override_input *in, struct err *e)
{
	struct cdate until, today = rec_today();
	if (risk_level_from_code(in->level) == RISK_UNSET)
		return err_set(e, ST_INVALID, "level", "风险等级应为 red、orange、yellow 或 green");
	if (blank(in->reason))
		return err_set(e, ST_INVALID, "reason", "请填写人工调整的理由");
	if (utf8_chars(in->reason) > OVERRIDE_REASON_MAX)
		return err_set(e, ST_INVALID, "reason", "理由不能超过%d个字", OVERRIDE_REASON_MAX);
	if (!in->until || cdate_parse(in->until, &until) != 0)
		return err_set(e, ST_INVALID, "until", "有效期应为有效日期（YYYY-MM-DD）");
	if (cdate_cmp(until, today) <= 0)
		return err_set(e, ST_INVALID, "until", "有效期应晚于今天");
	if (cdate_days_between(today, until) > OVERRIDE_MAX_DAYS)
		return err_set(e, ST_INVALID, "until", "有效期不能超过%d天", OVERRIDE_MAX_DAYS);
	(void)c;
	return ST_OK;
}

/* Permission first (a town supervisor gets 403 for any child), then the child in scope. */
static int override_child(struct ctx *c, struct db *db, int64_t child_id,
			  struct child_row *row, struct action *act, struct err *e)
{
	int st = app_require(c, PERM_RISK_OVERRIDE, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, row, e);
	if (!st)
		act->region_code = row->region_code;
	return st;
}

int risk_override_set(struct ctx *c, int64_t child_id, const struct risk_override_input *in,
		      struct risk_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("risk.override", "child", child_id, 0);
	struct child_row row;
	struct standing_row r;
	int st = override_child(c, db, child_id, &row, &act, e);
	if (!st)
		st = rec_child_active(&row, e);
	if (!st)
		st = check_override(c, in, e);
	if (!st)   /* graded, so that there is a row to hold the override */
		st = st_standing_get(db, c->a, child_id, &r);
	if (!st && !r.has_risk)
		st = standing_refresh(c, db, child_id, "file", e);
	if (!st)
		st = st_child_risk_override(db, child_id, in->level, in->reason, in->until,
					    c->who->user_id, clock_now_ms());
	if (!st) {
		enum risk_level before = risk_level_from_code(row.risk_level);
		st = st_history_add(db, child_id, row.region_code, clock_now_ms(), c->who->user_id,
				    c->who->username, "风险等级人工调整",
				    before ? risk_level_name(before) : NULL,
				    arena_printf(c->a, "%s（有效期至%s）：%s",
						 risk_level_name(risk_level_from_code(in->level)),
						 in->until, in->reason));
	}
	if (!st)
		st = standing_refresh(c, db, child_id, "override", e);
	if (!st)
		st = load_view(c, db, child_id, out, e);
	if (!st)
		act.detail = arena_printf(c->a, "level=%s until=%s", in->level, in->until);
	return app_finish(c, db, st, &act, e);
}

int risk_override_clear(struct ctx *c, int64_t child_id, struct risk_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("risk.override_clear", "child", child_id, 0);
	struct child_row row;
	struct standing_row r;
	int st = override_child(c, db, child_id, &row, &act, e);
	if (!st)
		st = st_standing_get(db, c->a, child_id, &r);
	if (!st) {
		st = st_child_risk_override(db, child_id, NULL, NULL, NULL, 0, 0);
		if (st == ST_NOT_FOUND)
			err_set(e, st, NULL, "该儿童没有人工调整的风险等级");
	}
	if (!st)
		st = st_history_add(db, child_id, row.region_code, clock_now_ms(), c->who->user_id,
				    c->who->username, "取消风险等级人工调整",
				    arena_printf(c->a, "%s（有效期至%s）",
						 risk_level_name(risk_level_from_code(r.override_level)),
						 r.override_until ? r.override_until : ""),
				    NULL);
	if (!st)
		st = standing_refresh(c, db, child_id, "override_cleared", e);
	if (!st)
		st = load_view(c, db, child_id, out, e);
	if (!st)
		act.detail = arena_printf(c->a, "level=%s", r.override_level);
	return app_finish(c, db, st, &act, e);
}

int risk_history(struct ctx *c, int64_t child_id, int page, int page_size,
		 struct risk_change_row **rows, int *n, int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("risk.history", "child", child_id, 0);
	struct child_row row;
	int st = rec_require_caseworker(c, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		st = st_risk_changes(db, c->a, child_id, app_page(page, page_size), rows, n, total);
	}
	return app_finish(c, db, st, &act, e);
}
