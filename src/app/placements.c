/* placements.c: temporary and long-term guardianship placements (临时/长期监护安置) with
 * relatives, a foster family, the rescue and protection institution or the children's welfare
 * institution, their reviews and end (see cases.h). */
#include <string.h>

#include "app/records.h"
#include "common/timeutil.h"

static const char *state_of(const struct placement_row *p, const char *today)
{
	return p->end_on && strcmp(p->end_on, today) <= 0 ? "ended" : "active";
}

static int day_of(const char *field, const char *label, const char *text, int not_future,
		  struct cdate *d, struct err *e)
{
	if (!rec_opt(text) || cdate_parse(text, d) != 0)
		return err_set(e, ST_INVALID, field, "%s应为有效日期（YYYY-MM-DD）", label);
	if (not_future && cdate_cmp(*d, rec_today()) > 0)
		return err_set(e, ST_INVALID, field, "%s不能晚于今天", label);
	return ST_OK;
}

/* The carer (a person) or the institution (an organisation of the kind's type in the county). */
static int check_carer(struct ctx *c, struct db *db, const struct child_row *row,
		       const struct placement_input *in, struct err *e)
{
	const char *type = placement_org_type(in->kind);
	if (!type) {
		if (!rec_text_ok(in->carer, 50))
			return err_set(e, ST_INVALID, "carer", "请填写照护人（亲属或寄养家庭）姓名");
		return ST_OK;
	}
	if (!in->org_id)
		return err_set(e, ST_INVALID, "org_id", "请选择安置机构（%s）",
			       placement_kind_name(in->kind));
	struct scope county = rec_county_of(row->region_code);
	struct org_row o;
	int st = st_org_get(db, c->a, &county, in->org_id, &o);
	if (st == ST_NOT_FOUND || (!st && strcmp(o.type, type) != 0))
		return err_set(e, ST_INVALID, "org_id", "安置机构应为本县的%s",
			       placement_kind_name(in->kind));
	if (!st && rec_opt(in->carer) && !rec_text_ok(in->carer, 50))
		return err_set(e, ST_INVALID, "carer", "照护人不超过50个字");
	return st;
}

static int check_input(struct ctx *c, struct db *db, const struct child_row *row,
		       const struct placement_input *in, struct cdate *start, struct err *e)
{
	struct cdate birth;
	if (rec_check_client_id(in->client_id, e))
		return ST_INVALID;
	if (!placement_kind_name(in->kind))
		return err_set(e, ST_INVALID, "kind", "请选择安置方式");
	if (!placement_term_name(in->term))
		return err_set(e, ST_INVALID, "term", "请选择临时监护或长期监护");
	int st = check_carer(c, db, row, in, e);
	if (!st && !rec_text_ok(in->reason, 2000))
		st = err_set(e, ST_INVALID, "reason", "请填写安置原因（不超过2000个字）");
	if (!st)
		st = day_of("start_on", "安置开始日期", in->start_on, 1, start, e);
	if (!st && row->birth_date && cdate_parse(row->birth_date, &birth) == 0 &&
	    cdate_cmp(*start, birth) < 0)
		st = err_set(e, ST_INVALID, "start_on", "安置开始日期不能早于儿童出生日期");
	if (!st && (in->review_months < PLACEMENT_REVIEW_MIN ||
		    in->review_months > PLACEMENT_REVIEW_MAX))
		st = err_set(e, ST_INVALID, "review_months", "复查间隔应为 %d 至 %d 个月",
			     PLACEMENT_REVIEW_MIN, PLACEMENT_REVIEW_MAX);
	return st;
}

/* Views of rows with their reviews (ordered by placement). */
static void attach(struct arena *a, struct placement_row *rows, int n, struct review_row *v,
		   int nv, struct placement_view **out)
{
	const char *today = rec_day_text(a, rec_today());
	*out = arena_alloc(a, sizeof **out * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		struct placement_view *p = &(*out)[i];
		memset(p, 0, sizeof *p);
		p->r = rows[i];
		p->state = state_of(&rows[i], today);
		for (int k = 0; k < nv; k++) {
			if (v[k].placement_id != rows[i].id)
				continue;
			if (!p->reviews)
				p->reviews = &v[k];
			p->nreviews++;
		}
	}
}

static int read_list(struct ctx *c, struct db *db, const struct placement_filter *f, struct page pg,
		     struct placement_view **rows, int *n, int64_t *total)
{
	struct placement_row *r = NULL;
	struct review_row *v = NULL;
	int nv = 0;
	int st = st_placement_list(db, c->a, f, pg, &r, n, total);
	if (!st)
		st = st_reviews_of_page(db, c->a, f, pg, &v, &nv);
	if (!st)
		attach(c->a, r, *n, v, nv, rows);
	return st;
}

/* One placement (in scope, its child too) as a view. */
static int load_one(struct ctx *c, struct db *db, int64_t id, int write, struct placement_view *out,
		    struct action *act, struct err *e)
{
	struct placement_row p;
	struct child_row row;
	int st = app_require(c, PERM_GUARD_READ, e);
	if (!st && write)
		st = app_require(c, PERM_CASE_WRITE, e);
	if (!st) {
		st = st_placement_get(db, c->a, &c->who->scope, id, &p);
		if (st == ST_NOT_FOUND)
			st = err_set(e, ST_NOT_FOUND, NULL, "安置记录不存在");
	}
	if (!st) {
		act->region_code = p.region_code;
		st = rec_child_in_scope(c, db, p.child_id, &row, e);
	}
	struct placement_filter f = { .scope = c->who ? c->who->scope : (struct scope){ 0 },
				      .child_id = st ? 0 : p.child_id };
	struct placement_view *rows = NULL;
	int n = 0;
	int64_t total = 0;
	if (!st)
		st = read_list(c, db, &f, (struct page){ 0, 500 }, &rows, &n, &total);
	for (int i = 0; !st && i < n; i++)
		if (rows[i].r.id == id)
			*out = rows[i];
	return st;
}

/* A retry of a creation (the same client_id): answers the stored record and finishes. */
static int replay(struct ctx *c, struct db *db, int64_t child_id, int64_t id,
		  struct placement_view *out, struct action *act, struct err *e)
{
	int st = load_one(c, db, id, 1, out, act, e);
	if (!st && out->r.child_id != child_id)
		st = err_set(e, ST_CONFLICT, "client_id", "该 client_id 已用于其他儿童的记录");
	if (!st) {
		out->replayed = 1;
		rec_set_object(act, id);
		act->detail = "replay=1";
	}
	return app_finish(c, db, st, act, e);
}

int placements_create(struct ctx *c, int64_t child_id, const struct placement_input *in,
		      struct placement_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("placement.create", "placement", 0, 0);
	struct child_row row;
	struct cdate start;
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
		    st_placement_by_client(db, c->who->user_id, in->client_id, &id) == ST_OK)
			return replay(c, db, child_id, id, out, &act, e);
	}
	if (!st && strcmp(row.status, "active") != 0)
		st = err_set(e, ST_INVALID, "child", "该儿童已离开关爱服务");
	if (!st)
		st = check_input(c, db, &row, in, &start, e);
	if (!st) {
		int person = placement_org_type(in->kind) == NULL;
		struct placement_row p = {
			.child_id = child_id,
			.region_code = row.region_code,
			.kind = in->kind,
			.term = in->term,
			.carer = rec_opt(in->carer),
			.org_id = person ? 0 : in->org_id,
			.reason = in->reason,
			.start_on = in->start_on,
			.review_months = in->review_months,
			.next_review_on = rec_day_text(
				c->a, placement_next_review(start, in->review_months)),
			.client_id = in->client_id,
			.created_by = c->who->user_id,
			.created_at = clock_now_ms(),
		};
		st = st_placement_insert(db, &p, &id);
	}
	if (!st && id == 0 &&   /* a concurrent retry stored it first */
	    (st = st_placement_by_client(db, c->who->user_id, in->client_id, &id)) == ST_OK)
		return replay(c, db, child_id, id, out, &act, e);
	if (!st) {
		rec_set_object(&act, id);
		act.detail = arena_printf(c->a, "kind=%s term=%s", in->kind, in->term);
		st = standing_refresh(c, db, child_id, "case", e);   /* the review day warns */
	}
	if (!st) {
		st = load_one(c, db, id, 1, out, &act, e);
	}
	return app_finish(c, db, st, &act, e);
}

int placements_of_child(struct ctx *c, int64_t child_id, struct placement_view **rows, int *n,
			struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("placement.list", "child", child_id, 0);
	struct child_row row;
	int64_t total = 0;
	*n = 0;
	int st = app_require(c, PERM_GUARD_READ, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		struct placement_filter f = { .scope = c->who->scope, .child_id = child_id };
		act.region_code = row.region_code;
		st = read_list(c, db, &f, (struct page){ 0, 500 }, rows, n, &total);
	}
	if (!st)
		act.detail = arena_printf(c->a, "rows=%d", *n);
	return app_finish(c, db, st, &act, e);
}

int placements_update(struct ctx *c, int64_t id, const struct placement_change *in,
		      struct placement_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("placement.update", "placement", id, 0);
	struct cdate end, start;
	int st = load_one(c, db, id, 1, out, &act, e);
	struct placement_row p = out->r;
	if (!st && in->has_reason) {
		p.reason = in->reason;
		if (!rec_text_ok(p.reason, 2000))
			st = err_set(e, ST_INVALID, "reason", "请填写安置原因（不超过2000个字）");
	}
	if (!st && in->has_end_on) {
		p.end_on = rec_opt(in->end_on);
		if (p.end_on)
			st = day_of("end_on", "安置结束日期", p.end_on, 0, &end, e);
		if (!st && p.end_on && cdate_parse(p.start_on, &start) == 0 &&
		    cdate_cmp(end, start) < 0)
			st = err_set(e, ST_INVALID, "end_on", "安置结束日期不能早于开始日期（%s）",
				     p.start_on);
	}
	if (!st) {
		p.updated_at = clock_now_ms();
		st = st_placement_update(db, &p);
	}
	if (!st && in->has_end_on)
		st = standing_refresh(c, db, p.child_id, "case", e);
	if (!st) {
		act.detail = in->has_end_on ? (p.end_on ? "ended=1" : "end_cleared=1") : NULL;
		st = load_one(c, db, id, 1, out, &act, e);
	}
	return app_finish(c, db, st, &act, e);
}

int placements_review(struct ctx *c, int64_t id, const char *on, const char *note,
		      struct placement_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("placement.review", "placement", id, 0);
	struct cdate d, start;
	int st = load_one(c, db, id, 1, out, &act, e);
	if (!st && strcmp(out->state, "ended") == 0)
		st = err_set(e, ST_CONFLICT, "state", "安置已结束，不能再记录复查");
	if (!st)
		st = day_of("on", "复查日期", on, 1, &d, e);
	if (!st && cdate_parse(out->r.start_on, &start) == 0 && cdate_cmp(d, start) < 0)
		st = err_set(e, ST_INVALID, "on", "复查日期不能早于安置开始日期（%s）",
			     out->r.start_on);
	if (!st && !rec_text_ok(note, 2000))
		st = err_set(e, ST_INVALID, "note", "请填写复查情况（不超过2000个字）");
	int64_t now = clock_now_ms();
	if (!st)
		st = st_review_insert(db, id, out->r.region_code, on, note, c->who->user_id, now);
	if (!st) {
		struct placement_row p = out->r;
		p.next_review_on = rec_day_text(c->a, placement_next_review(d, p.review_months));
		p.updated_at = now;
		st = st_placement_update(db, &p);
	}
	if (!st)
		st = standing_refresh(c, db, out->r.child_id, "case", e);
	if (!st)
		st = load_one(c, db, id, 1, out, &act, e);
	return app_finish(c, db, st, &act, e);
}

int placements_list(struct ctx *c, const struct placement_query *q, struct placement_view **rows,
		    int *n, int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("placement.register", "placement", 0,
				       c->who ? c->who->region_code : 0);
	struct placement_filter f = { 0 };
	*n = 0;
	*total = 0;
	int st = app_require(c, PERM_GUARD_READ, e);
	if (!st) {
		f.scope = c->who->scope;
		f.today = rec_day_text(c->a, rec_today());
	}
	if (!st && rec_opt(q->region)) {
		int64_t code;
		st = regions_in_scope(c, db, "region", q->region, &code, &f.within, e);
	}
	if (!st && rec_opt(q->state)) {
		if (strcmp(q->state, "active") != 0 && strcmp(q->state, "ended") != 0)
			st = err_set(e, ST_INVALID, "state", "安置状态应为 active（进行中）或 ended（已结束）");
		f.state = q->state;
	}
	if (!st && rec_opt(q->review_due)) {
		if (strcmp(q->review_due, "1") != 0 && strcmp(q->review_due, "0") != 0)
			st = err_set(e, ST_INVALID, "review_due", "应为 1 或 0");
		f.review_due = strcmp(q->review_due, "1") == 0;
	}
	if (!st)
		st = read_list(c, db, &f, app_page(q->page, q->page_size), rows, n, total);
	if (!st)
		act.detail = arena_printf(c->a, "rows=%d total=%lld", *n, (long long)*total);
	return app_finish(c, db, st, &act, e);
}
