/* problems.c: problems found and their follow-up (发现问题和解决方案, see visits.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records.h"
#include "common/buf.h"
#include "common/timeutil.h"
#include "domain/region.h"

/* ---- problems ---- */

void problem_view_of(const struct problem_row *p, struct cdate today, struct problem_view *out)
{
	struct cdate d;
	memset(out, 0, sizeof *out);
	out->p = *p;
	if (strcmp(p->state, "open") == 0 && p->deadline && cdate_parse(p->deadline, &d) == 0 &&
	    cdate_cmp(d, today) < 0) {
		out->overdue = 1;
		out->days_overdue = cdate_days_between(d, today);
	}
}

static int problem_load(struct ctx *c, struct db *db, int64_t id, struct problem_view *out,
			struct err *e)
{
	memset(out, 0, sizeof *out);
	int st = st_problem_get(db, c->a, &c->who->scope, id, &out->p);
	if (st == ST_NOT_FOUND)
		return err_set(e, st, NULL, "问题记录不存在");
	if (!st)
		st = st_problem_notes(db, c->a, id, &out->notes, &out->nnotes);
	struct cdate deadline, today = rec_today();
	if (!st && strcmp(out->p.state, "open") == 0 && out->p.deadline &&
	    cdate_parse(out->p.deadline, &deadline) == 0 && cdate_cmp(deadline, today) < 0) {
		out->overdue = 1;
		out->days_overdue = cdate_days_between(deadline, today);
	}
	return st;
}

int problems_create(struct ctx *c, int64_t child_id, const struct problem_input *in,
		    struct problem_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("problem.create", "problem", 0, 0);
	struct child_row row;
	struct cdate deadline;
	int64_t id = 0;
	int st = app_require(c, PERM_CHILD_WRITE, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		st = rec_child_active(&row, e);
	}
	if (!st && !problem_category_name(in->category))
		st = err_set(e, ST_INVALID, "category", "问题类别不正确");
	if (!st && !rec_opt(in->description))
		st = err_set(e, ST_INVALID, "description", "请填写问题描述");
	if (!st && rec_opt(in->deadline) && cdate_parse(in->deadline, &deadline) != 0)
		st = err_set(e, ST_INVALID, "deadline", "办结期限应为有效日期（YYYY-MM-DD）");
	if (!st && rec_opt(in->deadline) && cdate_cmp(deadline, rec_today()) < 0)
		st = err_set(e, ST_INVALID, "deadline", "办结期限不能早于今天");
	if (!st)
		st = rec_check_assignees(c, db, row.region_code, in->assignee_user_id, in->assignee_org_id,
				     "assignee_user_id", "assignee_org_id", e);
	if (!st && in->visit_id) {
		struct visit_row v;
		st = st_visit_get(db, c->a, &c->who->scope, in->visit_id, &v);
		if (st == ST_NOT_FOUND || (!st && v.child_id != child_id))
			st = err_set(e, ST_INVALID, "visit_id", "所选走访记录不存在");
	}
	if (!st) {
		struct problem_row p = {
			.child_id = child_id,
			.region_code = row.region_code,
			.visit_id = in->visit_id,
			.category = in->category,
			.description = in->description,
			.assignee_user_id = in->assignee_user_id,
			.assignee_org_id = in->assignee_org_id,
			.deadline = rec_opt(in->deadline),
			.created_by = c->who->user_id,
			.created_at = clock_now_ms(),
		};
		st = st_problem_insert(db, &p, &id);
	}
	if (!st)
		st = rec_history(c, db, &row, "发现问题",
			     arena_printf(c->a, "%s：%s", problem_category_name(in->category),
					  in->description));
	if (!st)   /* an open problem counts in the risk grading and may warn */
		st = standing_refresh(c, db, child_id, "problem", e);
	if (!st) {
		rec_set_object(&act, id);
		act.detail = arena_printf(c->a, "child=%lld category=%s", (long long)child_id,
					  in->category);
		st = problem_load(c, db, id, out, e);
	}
	return app_finish(c, db, st, &act, e);
}

int problems_get(struct ctx *c, int64_t id, struct problem_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("problem.read", "problem", id, 0);
	int st = rec_require_caseworker(c, e);
	if (!st)
		st = problem_load(c, db, id, out, e);
	if (!st)
		act.region_code = out->p.region_code;
	return app_finish(c, db, st, &act, e);
}

int problems_list(struct ctx *c, const struct problem_query *q, struct problem_view **rows, int *n,
		  int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("problem.list", "problem", 0, c->who ? c->who->region_code : 0);
	struct problem_filter f = { 0 };
	struct problem_row *pr = NULL;
	struct cdate today = rec_today();
	int st = rec_require_caseworker(c, e);
	if (!st) {
		f.scope = c->who->scope;
		f.child_id = q->child_id;
		f.assignee_user_id = q->assignee_user_id;
	}
	if (!st && q->child_id) {
		struct child_row row;
		st = rec_child_in_scope(c, db, q->child_id, &row, e);
	}
	if (!st && rec_opt(q->region)) {
		int64_t code;
		st = regions_in_scope(c, db, "region", q->region, &code, &f.within, e);
	}
	if (!st && rec_opt(q->state)) {
		if (strcmp(q->state, "open") && strcmp(q->state, "resolved"))
			st = err_set(e, ST_INVALID, "state", "状态应为 open 或 resolved");
		f.state = q->state;
	}
	if (!st && rec_opt(q->category)) {
		if (!problem_category_name(q->category))
			st = err_set(e, ST_INVALID, "category", "问题类别不正确");
		f.category = q->category;
	}
	if (!st && q->overdue)
		f.overdue_before = rec_day_text(c->a, today);
	if (!st)
		f.escalated_only = q->escalated;
	if (!st)
		st = st_problem_list(db, c->a, &f, app_page(q->page, q->page_size), &pr, n, total);
	if (!st) {
		*rows = arena_alloc(c->a, sizeof **rows * (size_t)(*n + 1));
		for (int i = 0; i < *n; i++)
			problem_view_of(&pr[i], today, &(*rows)[i]);
		act.detail = arena_printf(c->a, "rows=%d total=%lld", *n, (long long)*total);
	}
	return app_finish(c, db, st, &act, e);
}

static int problem_change(struct ctx *c, int64_t id, int resolve, const char *text,
			  int64_t if_updated_at, struct problem_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action(resolve ? "problem.resolve" : "problem.note", "problem", id, 0);
	struct problem_view pv;
	memset(out, 0, sizeof *out);
	int st = app_require(c, PERM_CHILD_WRITE, e);
	if (!st)
		st = problem_load(c, db, id, &pv, e);
	if (!st)
		act.region_code = pv.p.region_code;
	/* nothing silently overwritten: the client saw an older state (also checked in the UPDATE,
	 * which holds the row until this transaction ends) */
	if (!st && if_updated_at) {
		int stale = pv.p.updated_at != if_updated_at;
		if (!stale) {
			st = st_problem_if_updated(db, id, if_updated_at);
			stale = st == ST_CONFLICT;
			if (stale)   /* changed by a transaction that committed meanwhile */
				st = problem_load(c, db, id, &pv, e);
		}
		if (!st && stale) {
			*out = pv;
			act.detail = "stale=1";
			st = err_set(e, ST_CONFLICT, "if_updated_at", "该问题已被他人更新，请确认后再提交");
		}
	}
	if (!st && strcmp(pv.p.state, "open") != 0) {
		*out = pv;
		st = err_set(e, ST_CONFLICT, "state", "该问题已解决");
	}
	if (!st && !rec_opt(text))
		st = err_set(e, ST_INVALID, resolve ? "resolution" : "note",
			     resolve ? "请填写解决情况" : "请填写进展情况");
	if (!st && resolve)
		st = st_problem_resolve(db, id, text, c->who->user_id, clock_now_ms());
	else if (!st)
		st = st_problem_note_add(db, id, pv.p.region_code, clock_now_ms(), c->who->user_id,
					 c->who->username, text);
	if (!st && resolve) {
		struct child_row row = { .id = pv.p.child_id, .region_code = pv.p.region_code };
		st = rec_history(c, db, &row, "问题解决",
			     arena_printf(c->a, "%s：%s", problem_category_name(pv.p.category), text));
	}
	if (!st)   /* a note or a resolution may close warnings and change the risk level */
		st = standing_refresh(c, db, pv.p.child_id, "problem", e);
	if (!st)
		st = problem_load(c, db, id, out, e);
	return app_finish(c, db, st, &act, e);
}

int problems_add_note(struct ctx *c, int64_t id, const char *note, int64_t if_updated_at,
		      struct problem_view *out, struct err *e)
{
	return problem_change(c, id, 0, note, if_updated_at, out, e);
}

int problems_resolve(struct ctx *c, int64_t id, const char *resolution, int64_t if_updated_at,
		     struct problem_view *out, struct err *e)
{
	return problem_change(c, id, 1, resolution, if_updated_at, out, e);
}
