/* interventions.c: interventions (干预措施) with their after-case follow-up visits (案后回访) and
 * the guardianship-case register (专项台账, 001#6) with its Excel export (see cases.h). */
#include <string.h>

#include "app/records.h"
#include "common/timeutil.h"

#define REGISTER_EXPORT_MAX 50000

/* ---- checks ---- */

/* A day YYYY-MM-DD, not after today; *d set. */
static int past_day(const char *field, const char *label, const char *text, struct cdate *d,
		    struct err *e)
{
	if (!rec_opt(text) || cdate_parse(text, d) != 0)
		return err_set(e, ST_INVALID, field, "%s应为有效日期（YYYY-MM-DD）", label);
	if (cdate_cmp(*d, rec_today()) > 0)
		return err_set(e, ST_INVALID, field, "%s不能晚于今天", label);
	return ST_OK;
}

static int check_input(struct ctx *c, struct db *db, const struct child_row *row,
		       const struct intervention_input *in, struct err *e)
{
	struct cdate d, birth;
	if (rec_check_client_id(in->client_id, e))
		return ST_INVALID;
	if (!intervention_kind_name(in->kind))
		return err_set(e, ST_INVALID, "kind", "请选择干预措施");
	if (!rec_text_ok(in->issuer, 100))
		return err_set(e, ST_INVALID, "issuer", "请填写作出单位（不超过100个字）");
	int st = past_day("issued_on", "作出日期", in->issued_on, &d, e);
	if (st)
		return st;
	if (row->birth_date && cdate_parse(row->birth_date, &birth) == 0 && cdate_cmp(d, birth) < 0)
		return err_set(e, ST_INVALID, "issued_on", "作出日期不能早于儿童出生日期");
	if (rec_opt(in->doc_no) && !rec_text_ok(in->doc_no, 64))
		return err_set(e, ST_INVALID, "doc_no", "文书编号不超过64个字");
	if (!rec_text_ok(in->summary, 2000))
		return err_set(e, ST_INVALID, "summary", "请填写案情摘要（不超过2000个字）");
	return rec_check_assignees(c, db, row->region_code, 0, in->issuer_org_id, NULL,
				   "issuer_org_id", e);
}

/* ---- reading ---- */

/* The follow-ups of rows (ordered by intervention) attached to their views. */
static void attach(struct arena *a, struct intervention_row *rows, int n,
		   struct followup_row *f, int nf, struct intervention_view **out)
{
	*out = arena_alloc(a, sizeof **out * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		struct intervention_view *v = &(*out)[i];
		memset(v, 0, sizeof *v);
		v->r = rows[i];
		for (int k = 0; k < nf; k++) {
			if (f[k].intervention_id != rows[i].id)
				continue;
			if (!v->followups)
				v->followups = &f[k];
			v->nfollowups++;
		}
	}
}

static int load_view(struct ctx *c, struct db *db, int64_t id, struct intervention_view *out,
		     struct err *e)
{
	memset(out, 0, sizeof *out);
	int st = st_intervention_get(db, c->a, &c->who->scope, id, &out->r);
	if (st == ST_NOT_FOUND)
		return err_set(e, ST_NOT_FOUND, NULL, "干预措施不存在");
	if (!st)
		st = st_followups_of(db, c->a, id, &out->followups, &out->nfollowups);
	return st;
}

/* The intervention in scope, its child in scope too; write also needs case:write. */
static int open_one(struct ctx *c, struct db *db, int64_t id, int write,
		    struct intervention_view *out, struct action *act, struct err *e)
{
	int st = app_require(c, PERM_GUARD_READ, e);
	if (!st && write)
		st = app_require(c, PERM_CASE_WRITE, e);
	if (!st)
		st = load_view(c, db, id, out, e);
	if (!st) {
		struct child_row row;
		act->region_code = out->r.region_code;
		st = rec_child_in_scope(c, db, out->r.child_id, &row, e);
	}
	return st;
}

/* ---- use cases ---- */

/* A retry of a creation (the same client_id): answers the stored record and finishes. */
static int replay(struct ctx *c, struct db *db, int64_t child_id, int64_t id,
		  struct intervention_view *out, struct action *act, struct err *e)
{
	int st = load_view(c, db, id, out, e);
	if (!st && out->r.child_id != child_id)
		st = err_set(e, ST_CONFLICT, "client_id", "该 client_id 已用于其他儿童的记录");
	if (!st) {
		out->replayed = 1;
		rec_set_object(act, id);
		act->detail = "replay=1";
	}
	return app_finish(c, db, st, act, e);
}

int interventions_create(struct ctx *c, int64_t child_id, const struct intervention_input *in,
			 struct intervention_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("intervention.create", "intervention", 0, 0);
	struct child_row row;
	int64_t id = 0;
	memset(out, 0, sizeof *out);
	int st = app_require(c, PERM_GUARD_READ, e);
	if (!st)
		st = app_require(c, PERM_CASE_WRITE, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		if (in->client_id &&
		    st_intervention_by_client(db, c->who->user_id, in->client_id, &id) == ST_OK)
			return replay(c, db, child_id, id, out, &act, e);
	}
	if (!st && strcmp(row.status, "active") != 0)
		st = err_set(e, ST_INVALID, "child", "该儿童已离开关爱服务");
	if (!st)
		st = check_input(c, db, &row, in, e);
	if (!st) {
		struct intervention_row v = {
			.child_id = child_id,
			.region_code = row.region_code,
			.kind = in->kind,
			.issuer = in->issuer,
			.issuer_org_id = in->issuer_org_id,
			.issued_on = in->issued_on,
			.doc_no = rec_opt(in->doc_no),
			.summary = in->summary,
			.client_id = in->client_id,
			.created_by = c->who->user_id,
			.created_at = clock_now_ms(),
		};
		st = st_intervention_insert(db, &v, &id);
	}
	if (!st && id == 0 &&   /* a concurrent retry stored it first */
	    (st = st_intervention_by_client(db, c->who->user_id, in->client_id, &id)) == ST_OK)
		return replay(c, db, child_id, id, out, &act, e);
	if (!st) {
		rec_set_object(&act, id);
		act.detail = arena_printf(c->a, "kind=%s", in->kind);
	}
	/* Not written to the child's change history: the file's readers include schools. */
	if (!st)
		st = load_view(c, db, id, out, e);
	return app_finish(c, db, st, &act, e);
}

int interventions_of_child(struct ctx *c, int64_t child_id, struct intervention_view **rows,
			   int *n, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("intervention.list", "child", child_id, 0);
	struct child_row row;
	struct intervention_row *r = NULL;
	struct followup_row *f = NULL;
	int nf = 0;
	int64_t total = 0;
	*n = 0;
	int st = app_require(c, PERM_GUARD_READ, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &row, e);
	struct intervention_filter filt = { .child_id = child_id };
	struct page pg = { 0, 500 };
	if (!st) {
		act.region_code = row.region_code;
		filt.scope = c->who->scope;
		st = st_intervention_list(db, c->a, &filt, pg, &r, n, &total);
	}
	if (!st)
		st = st_followups_of_page(db, c->a, &filt, pg, &f, &nf);
	if (!st) {
		attach(c->a, r, *n, f, nf, rows);
		act.detail = arena_printf(c->a, "rows=%d", *n);
	}
	return app_finish(c, db, st, &act, e);
}

int interventions_get(struct ctx *c, int64_t id, struct intervention_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("intervention.read", "intervention", id, 0);
	int st = open_one(c, db, id, 0, out, &act, e);
	return app_finish(c, db, st, &act, e);
}

/* Drops the pending scheduled follow-ups and schedules +1/+3/+6 months from closed (when set). */
static int reschedule(struct ctx *c, struct db *db, const struct intervention_row *r,
		      const char *closed)
{
	int st = st_followups_drop_pending(db, r->id);
	struct cdate d, days[CASE_FOLLOWUPS];
	if (!st && closed && cdate_parse(closed, &d) == 0) {
		case_followup_days(d, days);
		for (int i = 0; !st && i < CASE_FOLLOWUPS; i++)
			st = st_followup_insert(db, r->id, r->region_code,
						rec_day_text(c->a, days[i]), NULL, NULL, 0, 0);
	}
	if (!st)
		st = st_intervention_refresh_next(db, r->id);
	return st;
}

int interventions_update(struct ctx *c, int64_t id, const struct intervention_change *in,
			 struct intervention_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("intervention.update", "intervention", id, 0);
	int st = open_one(c, db, id, 1, out, &act, e);
	struct intervention_row v = out->r;
	struct cdate closed, issued;
	if (!st && in->has_doc_no) {
		v.doc_no = rec_opt(in->doc_no);
		if (v.doc_no && !rec_text_ok(v.doc_no, 64))
			st = err_set(e, ST_INVALID, "doc_no", "文书编号不超过64个字");
	}
	if (!st && in->has_summary) {
		v.summary = in->summary;
		if (!rec_text_ok(v.summary, 2000))
			st = err_set(e, ST_INVALID, "summary", "请填写案情摘要（不超过2000个字）");
	}
	if (!st && in->has_closed_on) {
		v.closed_on = rec_opt(in->closed_on);
		if (v.closed_on)
			st = past_day("closed_on", "办结日期", v.closed_on, &closed, e);
		if (!st && v.closed_on && cdate_parse(v.issued_on, &issued) == 0 &&
		    cdate_cmp(closed, issued) < 0)
			st = err_set(e, ST_INVALID, "closed_on", "办结日期不能早于作出日期（%s）",
				     v.issued_on);
	}
	int moved = !st && in->has_closed_on &&
		    !((v.closed_on == NULL && out->r.closed_on == NULL) ||
		      (v.closed_on && out->r.closed_on && strcmp(v.closed_on, out->r.closed_on) == 0));
	if (!st) {
		v.updated_at = clock_now_ms();
		st = st_intervention_update(db, &v);
	}
	if (!st && moved)
		st = reschedule(c, db, &v, v.closed_on);
	if (!st && moved)   /* the after-case visits feed the child's warnings */
		st = standing_refresh(c, db, v.child_id, "case", e);
	if (!st) {
		act.detail = moved ? (v.closed_on ? "closed=1" : "reopened=1") : NULL;
		st = load_view(c, db, id, out, e);
	}
	return app_finish(c, db, st, &act, e);
}

int interventions_followup(struct ctx *c, int64_t id, const char *done_on, const char *note,
			   struct intervention_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("intervention.followup", "intervention", id, 0);
	struct cdate d, closed;
	int st = open_one(c, db, id, 1, out, &act, e);
	if (!st && !out->r.closed_on)
		st = err_set(e, ST_CONFLICT, "closed_on", "案件尚未办结，办结后才能记录案后回访");
	if (!st)
		st = past_day("done_on", "回访日期", done_on, &d, e);
	if (!st && cdate_parse(out->r.closed_on, &closed) == 0 && cdate_cmp(d, closed) < 0)
		st = err_set(e, ST_INVALID, "done_on", "回访日期不能早于办结日期（%s）",
			     out->r.closed_on);
	if (!st && !rec_text_ok(note, 2000))
		st = err_set(e, ST_INVALID, "note", "请填写回访情况（不超过2000个字）");
	int64_t open = 0;
	for (int i = 0; !st && !open && i < out->nfollowups; i++)
		if (out->followups[i].due_on && !out->followups[i].done_on)
			open = out->followups[i].id;   /* ordered by due day: the earliest */
	int64_t now = clock_now_ms();
	if (!st)
		st = open ? st_followup_record(db, open, done_on, note, c->who->user_id, now)
			  : st_followup_insert(db, id, out->r.region_code, NULL, done_on, note,
					       c->who->user_id, now);
	if (!st)
		st = st_intervention_refresh_next(db, id);
	if (!st)
		st = standing_refresh(c, db, out->r.child_id, "case", e);
	if (!st) {
		act.detail = open ? "scheduled=1" : "extra=1";
		st = load_view(c, db, id, out, e);
	}
	return app_finish(c, db, st, &act, e);
}

/* ---- the register ---- */

static int register_filter(struct ctx *c, struct db *db, const struct intervention_query *q,
			   struct intervention_filter *f, struct err *e)
{
	memset(f, 0, sizeof *f);
	f->scope = c->who->scope;
	struct cdate d, bound;
	int st = ST_OK;
	if (rec_opt(q->region)) {
		int64_t code;
		st = regions_in_scope(c, db, "region", q->region, &code, &f->within, e);
	}
	if (!st && rec_opt(q->kind)) {
		if (!intervention_kind_name(q->kind))
			st = err_set(e, ST_INVALID, "kind", "干预措施类型不正确");
		f->kind = q->kind;
	}
	if (!st && rec_opt(q->from)) {
		if (cdate_parse(q->from, &d) != 0)
			st = err_set(e, ST_INVALID, "from", "开始日期应为有效日期（YYYY-MM-DD）");
		f->from = q->from;
	}
	if (!st && rec_opt(q->to)) {
		if (cdate_parse(q->to, &d) != 0)
			st = err_set(e, ST_INVALID, "to", "结束日期应为有效日期（YYYY-MM-DD）");
		f->to = q->to;
	}
	if (!st && rec_opt(q->followup)) {
		int any = 0;
		if (case_followup_bound(q->followup, rec_today(), &bound, &any) != 0)
			st = err_set(e, ST_INVALID, "followup", "followup 应为 due、overdue 或 all");
		else if (any)
			f->followup_any = 1;
		else
			f->followup_until = rec_day_text(c->a, bound);
	}
	if (!st && rec_opt(q->q))
		f->name_like = q->q;
	return st;
}

static int read_register(struct ctx *c, struct db *db, const struct intervention_query *q,
			 struct page pg, struct intervention_view **rows, int *n, int64_t *total,
			 struct err *e)
{
	struct intervention_filter f;
	struct intervention_row *r = NULL;
	struct followup_row *fu = NULL;
	int nf = 0;
	int st = register_filter(c, db, q, &f, e);
	if (!st)
		st = st_intervention_list(db, c->a, &f, pg, &r, n, total);
	if (!st)
		st = st_followups_of_page(db, c->a, &f, pg, &fu, &nf);
	if (!st)
		attach(c->a, r, *n, fu, nf, rows);
	return st;
}

int interventions_register(struct ctx *c, const struct intervention_query *q,
			   struct intervention_view **rows, int *n, int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("intervention.register", "intervention", 0,
				       c->who ? c->who->region_code : 0);
	*n = 0;
	*total = 0;
	int st = app_require(c, PERM_GUARD_READ, e);
	if (!st)
		st = read_register(c, db, q, app_page(q->page, q->page_size), rows, n, total, e);
	if (!st)
		act.detail = arena_printf(c->a, "rows=%d total=%lld", *n, (long long)*total);
	return app_finish(c, db, st, &act, e);
}

/* "2026-12-22 待回访; 2027-02-22 已回访 2027-02-20" */
static const char *followups_text(struct arena *a, const struct intervention_view *v)
{
	const char *s = "";
	for (int i = 0; i < v->nfollowups; i++) {
		const struct followup_row *f = &v->followups[i];
		const char *one = f->done_on
			? arena_printf(a, "%s%s已回访%s", f->due_on ? f->due_on : "",
				       f->due_on ? " " : "", f->done_on)
			: arena_printf(a, "%s 待回访", f->due_on);
		s = *s ? arena_printf(a, "%s；%s", s, one) : one;
	}
	return s;
}

int interventions_export(struct ctx *c, const struct intervention_query *q, char **xlsx,
			 size_t *len, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("intervention.export", "intervention", 0,
				       c->who ? c->who->region_code : 0);
	struct intervention_view *rows = NULL;
	int n = 0;
	int64_t total = 0;
	int st = app_require(c, PERM_GUARD_READ, e);
	if (!st)
		st = app_require(c, PERM_CHILD_EXPORT, e);
	if (!st)
		st = read_register(c, db, q, (struct page){ 0, REGISTER_EXPORT_MAX }, &rows, &n,
				   &total, e);
	if (!st && total > n)
		st = err_set(e, ST_INVALID, "region", "导出超过50000条，请缩小范围后再导出");
	if (!st) {
		enum { NC = 11 };
		static const char *const headers[NC] = {
			"儿童姓名", "村（社区）", "干预措施", "作出单位", "作出日期", "文书编号",
			"案情摘要", "办结日期", "下次回访", "案后回访", "登记人",
		};
		const char **cells = arena_alloc(c->a, sizeof(char *) * NC * (size_t)(n + 1));
		for (int i = 0; i < n; i++) {
			const struct intervention_row *r = &rows[i].r;
			const char **row = cells + i * NC;
			row[0] = r->child_name;
			row[1] = r->region_name;
			row[2] = intervention_kind_name(r->kind);
			row[3] = r->issuer;
			row[4] = r->issued_on;
			row[5] = r->doc_no;
			row[6] = r->summary;
			row[7] = r->closed_on ? r->closed_on : "办理中";
			row[8] = r->next_followup_on;
			row[9] = followups_text(c->a, &rows[i]);
			row[10] = r->created_by_name;
		}
		st = xlsx_table(c->a, "专项台账", headers, NC, cells, n, xlsx, len, e);
		act.detail = arena_printf(c->a, "rows=%d", n);
	}
	return app_finish(c, db, st, &act, e);
}
