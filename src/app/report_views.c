/* report_views.c: who sees what of a mandatory report (docs/API.md "Mandatory reports"), and the
 * reads. handler = a user of a department the report is routed to, inside whose scope the
 * report's region lies (police / education: a `dept` user of an organisation of that type; civil
 * affairs: county/town users and `dept` users of type civil); supervisor = a county/town user
 * whose scope holds the region; reporter = the filer or any user of its organisation. The store
 * applies the same rules in its SQL (struct report_access), so nobody else ever reads a row. */
#include <string.h>

#include "app/records.h"
#include "common/timeutil.h"
#include "domain/region.h"

static int role_is(struct ctx *c, const char *code)
{
	return c->who && c->who->role && strcmp(c->who->role->code, code) == 0;
}

static int is_supervisor(struct ctx *c)
{
	return role_is(c, "county") || role_is(c, "town");
}

const char *report_my_dept(struct ctx *c, struct db *db)
{
	if (!c->who || !c->who->role || !(c->who->role->perms & PERM_REPORT_HANDLE))
		return NULL;
	if (is_supervisor(c))
		return "civil_affairs";
	if (!role_is(c, "dept") || !c->who->org_id)
		return NULL;
	struct scope all = { .lo = 0, .hi = REGION_CODE_MAX };
	struct org_row o;
	if (st_org_get(db, c->a, &all, c->who->org_id, &o) != ST_OK)
		return NULL;
	if (strcmp(o.type, "police") == 0)
		return "police";
	if (strcmp(o.type, "education") == 0)
		return "education";
	if (strcmp(o.type, "civil") == 0)
		return "civil_affairs";
	return NULL;
}

void report_access_of(struct ctx *c, struct db *db, struct report_access *acc)
{
	memset(acc, 0, sizeof *acc);
	if (!c->who || c->who == app_system_principal()) {
		acc->all = 1;
		return;
	}
	acc->lo = c->who->scope.lo;
	acc->hi = c->who->scope.hi;
	acc->dept = report_my_dept(c, db);
	acc->supervisor = is_supervisor(c) && (c->who->role->perms & PERM_REPORT_HANDLE);
	acc->user_id = c->who->user_id;
	acc->org_id = c->who->org_id;
}

/* The stage a state waits on. */
static int stage_of_state(const char *state)
{
	switch (report_state_from_code(state)) {
	case RST_REPORTED: return RSTG_ACCEPT;
	case RST_ACCEPTED:
	case RST_HANDLING: return RSTG_CONCLUDE;
	case RST_CONCLUDED: return RSTG_TELL;
	default: return -1;
	}
}

void report_redate(struct report_row *r, const struct report_settings *s, int64_t now)
{
	int stage = stage_of_state(r->state);
	const char *code = stage >= 0 ? report_stage_code((enum report_stage)stage) : NULL;
	if (!code || !r->stage || strcmp(code, r->stage) != 0)
		r->escalated_at = 0;   /* a new stage: escalated once more at most */
	r->stage = code;
	r->due_at = r->escalate_at = 0;
	if (code) {
		struct report_times t = { r->filed_at, r->accepted_at, r->concluded_at, r->told_at };
		struct report_deadline dl;
		if (report_deadline_check(&t, (enum report_stage)stage, s, now, &dl) == 0) {
			r->due_at = dl.due_ms;
			r->escalate_at = dl.escalate_ms;
		}
	}
	if (!code)
		r->qkey = REPORT_QK_DONE - r->updated_at;
	else if (r->escalated_at)
		r->qkey = r->due_at;
	else
		r->qkey = REPORT_QK_OPEN + r->due_at;
}

int report_view_of(const struct report_row *r, int64_t now, struct report_view *out)
{
	memset(out, 0, sizeof *out);
	out->r = *r;
	if (r->as_handler)
		out->view = "handler";
	else if (r->as_supervisor)
		out->view = "supervisor";
	else if (r->as_reporter)
		out->view = "reporter";
	else
		return -1;
	out->stage = r->stage;
	if (r->stage) {
		out->dl.started = 1;
		out->dl.due_ms = r->due_at;
		out->dl.escalate_ms = r->escalate_at;
		out->dl.overdue = now > r->due_at;
		out->dl.escalate = r->escalated_at != 0;
	}
	if (r->as_handler) {
		int st = report_state_from_code(r->state);
		for (int ev = 0; ev < REV_COUNT && st >= 0; ev++)
			if (report_actor_may(RACT_HANDLER, (enum report_event)ev) &&
			    report_transition((enum report_state)st, (enum report_event)ev, NULL) ==
				    REPORT_OK)
				out->may |= 1u << ev;
	}
	return 0;
}

int report_load(struct ctx *c, struct db *db, int64_t id, int with_events,
		struct report_view *out, struct err *e)
{
	struct report_access acc;
	struct report_row r;
	report_access_of(c, db, &acc);
	int st = st_report_get(db, c->a, &acc, id, &r);
	if (!st && acc.all)
		r.as_handler = 1;   /* the system acts as no one; its view is the fullest */
	if (st == ST_NOT_FOUND || (!st && report_view_of(&r, clock_now_ms(), out) != 0))
		return err_set(e, ST_NOT_FOUND, NULL, "报告不存在");
	if (!st && with_events && strcmp(out->view, "reporter") != 0) {
		out->with_events = 1;
		st = st_report_events(db, c->a, id, &out->events, &out->nevents);
	}
	return st;
}

static int require_any(struct ctx *c, struct err *e)
{
	if (app_require(c, PERM_REPORT_FILE, NULL) == ST_OK ||
	    app_require(c, PERM_REPORT_HANDLE, NULL) == ST_OK)
		return ST_OK;
	return err_set(e, ST_FORBIDDEN, NULL, "您没有执行此操作的权限");
}

int reports_get(struct ctx *c, int64_t id, struct report_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("report.read", "report", id, 0);
	int st = require_any(c, e);
	if (!st)
		st = report_load(c, db, id, 1, out, e);
	if (!st) {
		act.region_code = out->r.region_code;
		act.detail = arena_printf(c->a, "view=%s", out->view);
	}
	return app_finish(c, db, st, &act, e);
}

/* q: a report number (BG...) exactly, or (handlers and supervisors) part of the child's name. */
static void query_text(struct ctx *c, const char *q, int names, struct report_filter *f)
{
	if (!rec_opt(q))
		return;
	f->no = q;
	if (names && !(q[0] == 'B' && q[1] == 'G'))
		f->name_like = q;
}

int reports_list(struct ctx *c, const struct report_query *q, struct report_view **rows, int *n,
		 int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("report.list", "report", 0, c->who ? c->who->region_code : 0);
	struct report_filter f = { 0 };
	struct report_row *rr = NULL;
	int64_t now = clock_now_ms();
	const char *box = rec_opt(q->box) ? q->box : "mine";
	int st = require_any(c, e);
	if (!st)
		report_access_of(c, db, &f.acc);
	if (!st && strcmp(box, "mine") == 0) {
		f.box = RBOX_MINE;
		st = app_require(c, PERM_REPORT_FILE, e);
	} else if (!st && strcmp(box, "queue") == 0) {
		f.box = RBOX_QUEUE;
		if (!f.acc.dept)
			st = err_set(e, ST_FORBIDDEN, "box", "您所在单位不承办强制报告");
	} else if (!st && strcmp(box, "supervise") == 0) {
		f.box = RBOX_SUPERVISE;
		if (!f.acc.supervisor)
			st = err_set(e, ST_FORBIDDEN, "box", "只有县级民政和乡镇督导员可以督办报告");
	} else if (!st) {
		st = err_set(e, ST_INVALID, "box", "列表应为 mine、queue 或 supervise");
	}
	if (!st && rec_opt(q->state)) {
		if (report_state_from_code(q->state) < 0)
			st = err_set(e, ST_INVALID, "state", "报告状态不正确");
		f.state = q->state;
	}
	if (!st && rec_opt(q->situation)) {
		if (report_situation_from_code(q->situation) < 0)
			st = err_set(e, ST_INVALID, "situation", "报告情形不正确");
		f.situation = q->situation;
	}
	if (!st && rec_opt(q->region)) {
		int64_t code;
		st = regions_in_scope(c, db, "region", q->region, &code, &f.within, e);
	}
	if (!st && rec_opt(q->from) && cst_parse_date(q->from, &f.from) != 0)
		st = err_set(e, ST_INVALID, "from", "开始日期格式应为 YYYY-MM-DD");
	if (!st && rec_opt(q->to)) {
		if (cst_parse_date(q->to, &f.to) != 0)
			st = err_set(e, ST_INVALID, "to", "结束日期格式应为 YYYY-MM-DD");
		f.to += DAY_MS;
	}
	if (!st) {
		f.overdue_only = q->overdue;
		f.escalated_only = q->escalated;
		f.now = now;
		query_text(c, q->q, f.box != RBOX_MINE, &f);
		st = st_report_list(db, c->a, &f, app_page(q->page, q->page_size), &rr, n, total);
	}
	if (!st) {
		*rows = arena_alloc(c->a, sizeof **rows * (size_t)(*n + 1));
		for (int i = 0; i < *n; i++) {
			if (f.box == RBOX_MINE) {   /* the reporter's view, whatever else the caller is */
				rr[i].as_handler = rr[i].as_supervisor = 0;
				rr[i].as_reporter = 1;
			}
			report_view_of(&rr[i], now, &(*rows)[i]);
		}
		act.detail = arena_printf(c->a, "box=%s rows=%d total=%lld", box, *n, (long long)*total);
	}
	return app_finish(c, db, st, &act, e);
}

int reports_summary(struct ctx *c, struct report_summary *out, struct err *e)
{
	struct db *db = app_begin(c, 0, e);
	if (!db)
		return ST_DB;
	memset(out, 0, sizeof *out);
	struct report_filter f = { 0 };
	int64_t now = clock_now_ms();
	int st = require_any(c, e);
	if (!st)
		report_access_of(c, db, &f.acc);
	f.now = now;
	if (!st && app_require(c, PERM_REPORT_FILE, NULL) == ST_OK) {
		f.box = RBOX_MINE;
		f.open_only = 1;
		st = st_report_count(db, &f, &out->mine_open);
		f.open_only = 0;
	}
	if (!st && f.acc.dept) {
		f.box = RBOX_QUEUE;
		f.open_only = 1;
		st = st_report_count(db, &f, &out->queue_open);
		f.open_only = 0;
		f.overdue_only = 1;
		if (!st)
			st = st_report_count(db, &f, &out->queue_overdue);
		f.overdue_only = 0;
		f.escalated_only = 1;
		if (!st)
			st = st_report_count(db, &f, &out->queue_escalated);
		f.escalated_only = 0;
	}
	if (!st && f.acc.supervisor) {
		f.box = RBOX_SUPERVISE;
		f.escalated_only = 1;
		st = st_report_count(db, &f, &out->supervise_escalated);
	}
	return app_finish(c, db, st, NULL, e);
}

int reports_of_child(struct ctx *c, int64_t child_id, struct report_view **rows, int *n,
		     struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("report.list", "child", child_id, 0);
	struct report_filter f = { 0 };
	struct report_row *rr = NULL;
	struct child_row row;
	int64_t total = 0, now = clock_now_ms();
	int st = app_require(c, PERM_REPORT_HANDLE, e);
	if (!st) {
		report_access_of(c, db, &f.acc);
		if (!f.acc.dept && !f.acc.supervisor)
			st = err_set(e, ST_FORBIDDEN, NULL, "您没有执行此操作的权限");
	}
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		f.box = RBOX_MINE;
		f.child_id = child_id;
		f.not_reporter_only = 1;
		st = st_report_list(db, c->a, &f, app_page(1, 100), &rr, n, &total);
	}
	if (!st) {
		*rows = arena_alloc(c->a, sizeof **rows * (size_t)(*n + 1));
		for (int i = 0; i < *n; i++)
			report_view_of(&rr[i], now, &(*rows)[i]);
		act.detail = arena_printf(c->a, "rows=%d", *n);
	}
	return app_finish(c, db, st, &act, e);
}

int reports_meta(struct ctx *c, const char **my_dept, struct report_settings_view *settings,
		 struct err *e)
{
	*my_dept = NULL;
	int st = require_any(c, e);
	if (!st)
		st = report_settings_get(c, NULL, settings, e);
	if (!st) {
		struct db *db = app_begin(c, 0, e);
		if (!db)
			return ST_DB;
		*my_dept = report_my_dept(c, db);
		st = app_finish(c, db, ST_OK, NULL, e);
	}
	return st;
}
