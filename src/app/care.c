/* care.c: care and assistance records (关爱帮扶记录) and the child directors' work log
 * (工作日志), see visits.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records.h"
#include "common/buf.h"
#include "common/timeutil.h"
#include "domain/region.h"

/* ---- care and assistance records ---- */

int care_create(struct ctx *c, int64_t child_id, const struct care_input *in,
		struct care_row *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("care.create", "care", 0, 0);
	struct child_row row;
	struct cdate d;
	int64_t id = 0;
	int st = app_require(c, PERM_CHILD_WRITE, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &row, e);
	if (!st)
		act.region_code = row.region_code;
	if (!st && !care_kind_name(in->kind))
		st = err_set(e, ST_INVALID, "kind", "帮扶类型不正确");
	if (!st && (!in->date || cdate_parse(in->date, &d) != 0))
		st = err_set(e, ST_INVALID, "date", "帮扶日期应为有效日期（YYYY-MM-DD）");
	if (!st && cdate_cmp(d, rec_today()) > 0)
		st = err_set(e, ST_INVALID, "date", "帮扶日期不能晚于今天");
	if (!st && !rec_opt(in->content))
		st = err_set(e, ST_INVALID, "content", "请填写帮扶内容");
	if (!st && (in->money_fen < 0 || in->money_fen > 100000000000LL))
		st = err_set(e, ST_INVALID, "money", "金额超出范围");
	if (!st && !in->provider_org_id && !rec_opt(in->provider))
		st = err_set(e, ST_INVALID, "provider", "请填写帮扶单位或个人");
	if (!st)
		st = rec_check_assignees(c, db, row.region_code, 0, in->provider_org_id, NULL,
				     "provider_org_id", e);
	if (!st) {
		struct care_row k = {
			.child_id = child_id,
			.region_code = row.region_code,
			.kind = in->kind,
			.provider_org_id = in->provider_org_id,
			.provider = rec_opt(in->provider),
			.on_date = in->date,
			.content = in->content,
			.money_fen = in->money_fen,
			.goods = rec_opt(in->goods),
			.created_by = c->who->user_id,
			.created_at = clock_now_ms(),
		};
		st = st_care_insert(db, &k, &id);
	}
	if (!st)
		st = rec_history(c, db, &row, "关爱帮扶",
			     arena_printf(c->a, "%s %s", in->date, care_kind_name(in->kind)));
	if (!st) {
		rec_set_object(&act, id);
		act.detail = arena_printf(c->a, "child=%lld kind=%s", (long long)child_id, in->kind);
		st = st_care_get(db, c->a, id, out);
	}
	return app_finish(c, db, st, &act, e);
}

int care_list(struct ctx *c, int64_t child_id, int page, int page_size, struct care_row **rows,
	      int *n, int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("care.list", "child", child_id, 0);
	struct child_row row;
	int st = app_require(c, PERM_CHILD_READ, e);
	if (!st)   /* the child scope: schools their pupils, volunteers their paired children */
		st = rec_child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		st = st_care_list(db, c->a, child_id, app_page(page, page_size), rows, n, total);
	}
	return app_finish(c, db, st, &act, e);
}

/* ---- work log ---- */

int worklogs_create(struct ctx *c, const struct worklog_input *in, struct worklog_row *out,
		    struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("work_log.create", "work_log", 0,
				       c->who ? c->who->region_code : 0);
	struct cdate d;
	int64_t id = 0, regions[WORKLOG_MAX_CHILDREN];
	int st = app_require(c, PERM_CHILD_WRITE, e);
	if (!st && (!in->date || cdate_parse(in->date, &d) != 0))
		st = err_set(e, ST_INVALID, "date", "日期应为有效日期（YYYY-MM-DD）");
	if (!st && cdate_cmp(d, rec_today()) > 0)
		st = err_set(e, ST_INVALID, "date", "日期不能晚于今天");
	if (!st && !rec_opt(in->content))
		st = err_set(e, ST_INVALID, "content", "请填写工作内容");
	for (int i = 0; !st && i < in->nchildren; i++) {
		struct child_row row;
		st = st_child_get(db, c->a, &c->who->scope, in->child_ids[i], &row);
		if (st == ST_NOT_FOUND)
			st = err_set(e, ST_INVALID, arena_printf(c->a, "child_ids[%d]", i),
				     "所选儿童不存在");
		regions[i] = st ? 0 : row.region_code;
	}
	if (!st) {
		struct worklog_row w = {
			.user_id = c->who->user_id,
			.region_code = c->who->region_code,
			.on_date = in->date,
			.content = in->content,
			.created_at = clock_now_ms(),
		};
		st = st_worklog_insert(db, &w, in->child_ids, regions, in->nchildren, &id);
	}
	if (!st) {
		rec_set_object(&act, id);
		act.detail = arena_printf(c->a, "children=%d", in->nchildren);
		st = st_worklog_get(db, c->a, &c->who->scope, id, out);
	}
	return app_finish(c, db, st, &act, e);
}

int worklogs_list(struct ctx *c, const struct worklog_query *q, struct worklog_row **rows, int *n,
		  int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("work_log.list", "work_log", 0,
				       c->who ? c->who->region_code : 0);
	struct worklog_filter f = { 0 };
	struct cdate d;
	int st = rec_require_caseworker(c, e);
	if (!st) {
		f.scope = c->who->scope;
		f.user_id = q->user_id;
		f.from = rec_opt(q->from);
		f.to = rec_opt(q->to);
	}
	if (!st && f.from && cdate_parse(f.from, &d) != 0)
		st = err_set(e, ST_INVALID, "from", "开始日期格式应为 YYYY-MM-DD");
	if (!st && f.to && cdate_parse(f.to, &d) != 0)
		st = err_set(e, ST_INVALID, "to", "结束日期格式应为 YYYY-MM-DD");
	if (!st)
		st = st_worklog_list(db, c->a, &f, app_page(q->page, q->page_size), rows, n, total);
	if (!st)
		act.detail = arena_printf(c->a, "rows=%d total=%lld", *n, (long long)*total);
	return app_finish(c, db, st, &act, e);
}
