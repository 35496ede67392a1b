/* warnings.c: warnings (预警, R4, R12). warnings_sync_child keeps one child's open warnings equal
 * to what domain/warning_rules.c says holds (called at the end of every standing refresh, so a
 * visit, a note, a resolution, an edit or the daily sweep opens and closes them); it escalates a
 * problem past its deadline to the town supervisor. The rest reads them: the inbox, the home
 * page's numbers and a child's open warnings, each in the caller's scope and audited. */
#include <stdio.h>
#include <string.h>

#include "app/records.h"
#include "app/warnings.h"
#include "common/timeutil.h"

#define ESCALATION_NOTE "已逾期升级至乡镇督导员"
#define SYSTEM_NAME "系统"

const char *warning_kind_label(const char *code)
{
	int k = warning_kind_from_code(code);
	return k < 0 ? NULL : warning_kind_name((enum warning_kind)k);
}

/* ---- keeping one child's warnings ---- */

static struct cdate day_or_none(const char *s)
{
	struct cdate d = { 0, 0, 0 };
	if (!s || cdate_parse(s, &d) != 0)
		d = (struct cdate){ 0, 0, 0 };
	return d;
}

static const char *day_text(struct arena *a, struct cdate d)
{
	return cdate_valid(d) ? rec_day_text(a, d) : NULL;
}

static int same_text(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* Escalation to the supervisor (升级至督导员): once per problem, by the system whoever's write
 * or sweep found it due — the problem's escalated_at, a note, a line in the child's history and
 * an audit row of its own. */
static int escalate(struct ctx *c, struct db *db, const struct standing *s, int64_t problem_id,
		    struct cdate deadline, int64_t now)
{
	int changed = 0;
	int st = st_problem_escalate(db, problem_id, now, &changed);
	if (st || !changed)
		return st;
	st = st_problem_note_add(db, problem_id, s->region_code, now, 0, SYSTEM_NAME,
				 ESCALATION_NOTE);
	char dl[11];
	cdate_format(deadline, dl);
	if (!st)
		st = st_history_add(db, s->child_id, s->region_code, now, 0, SYSTEM_NAME, "问题升级",
				    NULL, arena_printf(c->a, "问题超过办结期限（%s），%s", dl,
						       ESCALATION_NOTE));
	if (!st) {
		struct ctx sys = *c;
		sys.who = app_system_principal();
		struct action act = rec_action("problem.escalate", "problem", problem_id, s->region_code);
		act.detail = arena_printf(c->a, "child=%lld deadline=%s", (long long)s->child_id, dl);
		st = audit_append(&sys, db, &act, "success");
	}
	return st;
}

/* The facts of warning_rules.h for the child of s, from its row, its standing and the store. */
static int gather(struct ctx *c, struct db *db, const struct standing *s,
		  const struct warning_row *open, int nopen, struct warning_facts *f,
		  struct warning_problem **problems)
{
	const struct child_row *row = s->child;
	struct warning_child_facts cf = { 0 };
	struct problem_row *pr = NULL;
	int np = 0;
	uint32_t cats = row->derived_categories | row->recorded_categories;
	int left_behind = (cats & (CAT_RURAL_LEFT_BEHIND | CAT_URBAN_LEFT_BEHIND)) != 0;
	/* the sweep runs this for many children: only the queries whose answer can matter */
	const char *cap_seen = row->caregiver_capacity;   /* kept with the child by each visit */
	int st = st_problems_open_of_child(db, c->a, s->child_id, &pr, &np);
	if (!st && left_behind)
		st = st_warning_contact_facts(db, c->a, s->child_id, &cf);
	if (!st && cap_seen && strcmp(cap_seen, "adequate") != 0)
		st = st_warning_followup_facts(db, c->a, s->child_id, &cf);
	const char *case_followup = NULL, *placement_review = NULL;   /* issue 5 (cases) */
	if (!st)
		st = st_child_case_days(db, c->a, s->child_id, day_text(c->a, s->today),
					&case_followup, &placement_review);
	if (st)
		return st;
	*problems = arena_alloc(c->a, sizeof **problems * (size_t)(np + 1));
	for (int i = 0; i < np; i++)
		(*problems)[i] = (struct warning_problem){
			.id = pr[i].id,
			.deadline = day_or_none(pr[i].deadline),
			.escalated = pr[i].escalated_at != 0,
			.label = problem_category_name(pr[i].category),
		};
	f->active = 1;
	f->birth = day_or_none(row->birth_date);
	f->registered = cdate_from_ms(row->created_at);
	f->sched = &s->sched;
	f->level = s->risk.level;
	f->previous = s->previous;
	f->last_home_visit = s->last_home_visit;
	for (int i = 0; i < nopen; i++)
		if (strcmp(open[i].kind, warning_kind_code(WK_NEWLY_RED)) == 0)
			f->newly_red_since = day_or_none(open[i].opened_on);
	int cap = caregiver_from_code(cf.caregiver_capacity ? cf.caregiver_capacity : "");
	f->caregiver = cap < 0 ? CC_UNKNOWN : (enum caregiver_capacity)cap;
	f->caregiver_problem_id = cf.caregiver_problem_id;
	f->caregiver_problem_deadline = day_or_none(cf.caregiver_problem_deadline);
	f->problems = *problems;
	f->nproblems = np;
	int ga = guardianship_from_code(row->guardianship_result ? row->guardianship_result : "");
	f->guardianship = ga > 0 ? (enum guardianship_assessment)ga : GA_UNKNOWN;
	f->guardianship_next = day_or_none(row->guardianship_next_on);
	f->case_followup = day_or_none(case_followup);
	f->placement_review = day_or_none(placement_review);
	f->file = (struct warning_file_facts){
		.has_director = row->director_id != 0,
		.left_behind = left_behind,
		.has_caregiver = cf.has_caregiver,
		.has_contact_phone = cf.has_contact_phone,
		.in_school = row->schooling_status && strcmp(row->schooling_status, "in_school") == 0,
		.has_school = rec_opt(row->school_name) != NULL || row->school_org_id != 0,
	};
	return ST_OK;
}

int warnings_sync_child(struct ctx *c, struct db *db, struct standing *s, struct err *e)
{
	struct warning_row *open = NULL;
	int nopen = 0;
	int64_t now = clock_now_ms();
	int st = st_warnings_open(db, c->a, s->child_id, &open, &nopen);
	const struct child_row *row = s->child;
	int active = s->active && row && row->status && strcmp(row->status, "active") == 0;
	struct warning_facts f = { 0 };
	struct warning_problem *problems = NULL;
	if (!st && active)
		st = gather(c, db, s, open, nopen, &f, &problems);
	if (st)
		return err_set(e, st, NULL, "预警更新失败");
	struct visit_settings defaults;
	const struct visit_settings *set = s->set;
	if (!set) {
		visit_settings_default(&defaults);
		set = &defaults;
	}
	struct warning_settings ws = {
		.high_risk_no_visit_days = set->high_risk_no_visit_days,
		.turning_warn_days = set->turning_warn_days,
		.problem_escalate_days = set->problem_escalate_days,
	};
	int max = WARNINGS_MAX(f.nproblems);
	struct warning_item *items = arena_alloc(c->a, sizeof *items * (size_t)max);
	struct cdate next = { 0, 0, 0 };
	int n = warnings_evaluate(&f, &ws, s->today, items, max, &next);
	if (n < 0)
		return err_set(e, ST_INTERNAL, NULL, "预警计算失败（child %lld）", (long long)s->child_id);

	char *kept = arena_alloc(c->a, (size_t)nopen + 1);
	memset(kept, 0, (size_t)nopen + 1);
	for (int i = 0; !st && i < n; i++) {
		const struct warning_item *w = &items[i];
		const char *kind = warning_kind_code(w->kind), *due = day_text(c->a, w->due_on);
		int j = 0;
		while (j < nopen && (kept[j] || strcmp(open[j].kind, kind) || open[j].ref_id != w->ref_id))
			j++;
		/* holds and is open: only a changed text, escalation or village (the child moved) is
		 * written */
		if (j < nopen) {
			kept[j] = 1;
			if (!same_text(open[j].message, w->message) || !same_text(open[j].due_on, due) ||
			    open[j].escalated != w->escalated || open[j].region_code != s->region_code)
				st = st_warning_update(db, open[j].id, s->region_code, w->message, due,
						       w->escalated);
		} else {
			struct warning_row row_new = {
				.child_id = s->child_id, .region_code = s->region_code,
				.kind = kind, .ref_id = w->ref_id, .message = w->message,
				.due_on = due, .escalated = w->escalated, .opened_at = now,
				.opened_on = rec_day_text(c->a, s->today),
			};
			int64_t id;
			st = st_warning_insert(db, &row_new, &id);
		}
		if (!st && w->escalate_now)
			st = escalate(c, db, s, w->ref_id, w->due_on, now);
	}
	for (int j = 0; !st && j < nopen; j++)
		if (!kept[j])   /* no longer holds (or the child left care): closes by itself */
			st = st_warning_close(db, open[j].id, now);
	if (st)
		return err_set(e, st, NULL, "预警更新失败");
	if (cdate_valid(next) && (!cdate_valid(s->restand_on) || cdate_cmp(next, s->restand_on) < 0))
		s->restand_on = next;
	return ST_OK;
}

/* ---- reading them ---- */

int warnings_list(struct ctx *c, const struct warning_query *q, struct warning_row **rows,
		  int *n, int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("warning.list", "warning", 0, c->who ? c->who->region_code : 0);
	struct warning_filter f = { 0 };
	int st = rec_require_caseworker(c, e);
	if (!st) {
		f.scope = c->who->scope;
		f.escalated_only = q->escalated;
		f.child_id = q->child_id;
	}
	if (!st && rec_opt(q->region)) {
		int64_t code;
		st = regions_in_scope(c, db, "region", q->region, &code, &f.within, e);
	}
	if (!st && rec_opt(q->kind)) {
		if (warning_kind_from_code(q->kind) < 0)
			st = err_set(e, ST_INVALID, "kind", "预警类型不正确");
		f.kind = q->kind;
	}
	if (!st && rec_opt(q->state)) {
		if (strcmp(q->state, "open") && strcmp(q->state, "closed"))
			st = err_set(e, ST_INVALID, "state", "状态应为 open 或 closed");
		f.closed = strcmp(q->state, "closed") == 0;
	}
	if (!st && q->child_id) {
		struct child_row row;
		st = rec_child_in_scope(c, db, q->child_id, &row, e);
	}
	if (!st)
		st = st_warning_list(db, c->a, &f, app_page(q->page, q->page_size), rows, n, total);
	if (!st)
		act.detail = arena_printf(c->a, "rows=%d total=%lld", *n, (long long)*total);
	return app_finish(c, db, st, &act, e);
}

int warnings_summary(struct ctx *c, const char *region, struct warnings_overview *out,
		     struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("warning.summary", "warning", 0,
				       c->who ? c->who->region_code : 0);
	struct scope within = { 0 };
	struct warning_summary sum;
	memset(out, 0, sizeof *out);
	int st = rec_require_caseworker(c, e);
	if (!st && rec_opt(region)) {
		int64_t code;
		st = regions_in_scope(c, db, "region", region, &code, &within, e);
	}
	if (!st)
		st = st_warning_summary(db, c->a, &c->who->scope, &within,
					rec_day_text(c->a, rec_today()), &sum);
	if (!st) {
		for (int i = 0; i < sum.nkinds; i++) {
			int k = warning_kind_from_code(sum.by_kind[i].kind);
			if (k >= 0)
				out->by_kind[k] += sum.by_kind[i].count;
			out->total += sum.by_kind[i].count;
		}
		out->escalated = sum.escalated;
		out->high_risk = sum.high_risk;
		out->overdue_problems = sum.overdue_problems;
		act.detail = arena_printf(c->a, "total=%lld", (long long)out->total);
	}
	return app_finish(c, db, st, &act, e);
}

int warnings_of_child(struct ctx *c, int64_t child_id, struct warning_row **rows, int *n,
		      struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("warning.list", "child", child_id, 0);
	struct child_row row;
	int64_t total;
	int st = rec_require_caseworker(c, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		struct warning_filter f = { .scope = c->who->scope, .child_id = child_id };
		act.region_code = row.region_code;
		st = st_warning_list(db, c->a, &f, (struct page){ 0, WK_COUNT + 1000 }, rows, n,
				     &total);
	}
	if (!st)
		act.detail = arena_printf(c->a, "rows=%d", *n);
	return app_finish(c, db, st, &act, e);
}
