/* schedule.c: the visit schedule of the children in scope (see visits.h). The due days are
 * stored with each child (standing.c keeps them), so a list is an index scan in the order of
 * urgency with its state filter in the SQL; only the rows of the page are explained again with
 * schedule_compute (which interval applied and why). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records.h"
#include "common/buf.h"
#include "common/timeutil.h"
#include "domain/region.h"

static struct cdate parse_or_none(const char *s)
{
	struct cdate d = { 0, 0, 0 };
	if (s && cdate_parse(s, &d) != 0)
		d = (struct cdate){ 0, 0, 0 };
	return d;
}

/* The stored due day wins over the recomputed one (they differ only while a settings change
 * waits for the sweep): the lists are ordered and filtered by it. */
static void use_stored(struct schedule_item *it, const char *stored, struct cdate today,
		       int due_soon_days)
{
	struct cdate due = parse_or_none(stored);
	if (!cdate_valid(due) || cdate_cmp(due, it->due) == 0)
		return;
	it->due = due;
	it->state = schedule_state_on(due, today, due_soon_days, &it->days_left);
	it->days_overdue = it->state == SCHED_OVERDUE ? -it->days_left : 0;
}

static void schedule_of(const struct sched_row *r, const struct visit_settings *set,
			struct cdate today, struct schedule_entry *out)
{
	struct schedule_facts f = {
		.registered = cdate_from_ms(r->created_at),
		.last_contact = parse_or_none(r->last_contact_on),
		.last_home_visit = parse_or_none(r->last_home_visit_on),
		/* 003#9: the latest psychological screening abnormal (issue 5) */
		.psych_abnormal = r->psych_result && strcmp(r->psych_result, "abnormal") == 0,
		.parent_severe_disability = r->parent_severe_disability,
		.child_disabled = (r->health && strcmp(r->health, "disabled") == 0) ||
				  (r->derived_categories & CAT_DISABLED) != 0,
		.single_parent = (r->derived_categories & CAT_SINGLE_PARENT) != 0,
		.risk = risk_level_from_code(r->risk_level),
	};
	memset(out, 0, sizeof *out);
	out->c = *r;
	out->risk = f.risk;
	if (schedule_compute(&f, &set->schedule, today, &out->s) != 0) {
		out->state = SCHED_NONE;
		return;
	}
	int soon = set->schedule.due_soon_days;
	use_stored(&out->s.contact, r->contact_due_on, today, soon);
	use_stored(&out->s.visit, r->visit_due_on, today, soon);
	const struct schedule_item *a = &out->s.contact, *b = &out->s.visit;
	const struct schedule_item *u = b->days_left < a->days_left ? b : a;
	out->state = u->state;
	out->days_left = u->days_left;
}

int schedule_page(struct ctx *c, struct db *db, const struct sched_filter *f, struct page pg,
		  struct schedule_entry **rows, int *n, int64_t *total, struct err *e)
{
	struct sched_row *sr;
	int st = st_sched_rows(db, c->a, f, pg, &sr, n, total);
	if (st)
		return err_set(e, st, NULL, "读取走访计划失败");
	struct cdate today = rec_today();
	*rows = arena_alloc(c->a, sizeof **rows * (size_t)(*n + 1));
	for (int i = 0; !st && i < *n; i++) {
		struct visit_settings set;   /* cached per county */
		st = visit_settings_for(c, db, sr[i].region_code, &set, e);
		if (!st)
			schedule_of(&sr[i], &set, today, &(*rows)[i]);
	}
	return st;
}

static int state_from_code(const char *s, enum sched_state *out)
{
	static const enum sched_state all[] = { SCHED_NOT_DUE, SCHED_DUE_SOON, SCHED_DUE_TODAY,
						SCHED_OVERDUE };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(sched_state_code(all[i]), s) == 0) {
			*out = all[i];
			return 0;
		}
	return -1;
}

/* The state filter as a range of next_due_on. "Due soon" uses the due_soon_days of the county
 * of the region asked for, else of the caller's. */
static int state_range(struct ctx *c, struct db *db, enum sched_state want, int64_t region,
		       struct sched_filter *f, struct err *e)
{
	struct visit_settings set;
	int st = visit_settings_for(c, db, region, &set, e);
	if (st)
		return st;
	struct cdate today = rec_today();
	int soon = set.schedule.due_soon_days;
	switch (want) {
	case SCHED_OVERDUE:
		f->due_to = rec_day_text(c->a, cdate_add_days(today, -1));
		break;
	case SCHED_DUE_TODAY:
		f->due_from = f->due_to = rec_day_text(c->a, today);
		break;
	case SCHED_DUE_SOON:
		f->due_from = rec_day_text(c->a, cdate_add_days(today, 1));
		/* due_soon_days 0: nothing is ever "due soon" */
		f->due_to = rec_day_text(c->a, cdate_add_days(today, soon));
		break;
	default:
		f->due_from = rec_day_text(c->a, cdate_add_days(today, soon + 1));
		break;
	}
	return ST_OK;
}

int schedule_list(struct ctx *c, const struct schedule_query *q, struct schedule_entry **rows,
		  int *n, int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("schedule.list", "schedule", 0,
				       c->who ? c->who->region_code : 0);
	struct sched_filter f = { 0 };
	enum sched_state want = SCHED_NONE;
	int64_t region = c->who ? c->who->region_code : 0;
	int st = rec_require_caseworker(c, e);
	if (!st) {
		f.scope = c->who->scope;
		f.director_id = q->director_id;
	}
	if (!st && rec_opt(q->region))
		st = regions_in_scope(c, db, "region", q->region, &region, &f.within, e);
	if (!st && rec_opt(q->state) && state_from_code(q->state, &want) != 0)
		st = err_set(e, ST_INVALID, "state",
			     "状态应为 overdue、due_today、due_soon 或 not_due");
	if (!st && want != SCHED_NONE)
		st = state_range(c, db, want, region, &f, e);
	if (!st && rec_opt(q->due_before)) {
		struct cdate d;
		if (cdate_parse(q->due_before, &d) != 0)
			st = err_set(e, ST_INVALID, "due_before", "日期格式应为 YYYY-MM-DD");
		else if (!f.due_to || strcmp(q->due_before, f.due_to) < 0)
			f.due_to = rec_day_text(c->a, d);
	}
	if (!st)
		st = schedule_page(c, db, &f, app_page(q->page, q->page_size), rows, n, total, e);
	if (!st)
		act.detail = arena_printf(c->a, "rows=%d total=%lld", *n, (long long)*total);
	return app_finish(c, db, st, &act, e);
}

int schedule_child(struct ctx *c, int64_t child_id, struct schedule_entry *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("schedule.read", "child", child_id, 0);
	struct child_row row;
	struct standing_row sr;
	struct visit_settings set;
	int st = rec_require_caseworker(c, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		st = visit_settings_for(c, db, row.region_code, &set, e);
	}
	if (!st)
		st = st_standing_get(db, c->a, child_id, &sr);
	if (!st) {
		const struct child_row *r = &sr.c;
		struct sched_row s = {
			.id = r->id, .region_code = r->region_code, .director_id = r->director_id,
			.created_at = r->created_at, .name = r->name, .region_name = r->region_name,
			.director_name = r->director_name, .health = r->health,
			.last_contact_on = r->last_contact_on,
			.last_home_visit_on = r->last_home_visit_on,
			.contact_due_on = r->contact_due_on, .visit_due_on = r->visit_due_on,
			.next_due_on = r->next_due_on, .risk_level = r->risk_level,
			.derived_categories = r->derived_categories,
			.parent_severe_disability = sr.parent_severe_disability,
			.psych_result = r->psych_result,
		};
		if (strcmp(r->status, "active") == 0) {
			schedule_of(&s, &set, rec_today(), out);
		} else {   /* exited: no schedule */
			memset(out, 0, sizeof *out);
			out->c = s;
			out->state = SCHED_NONE;
			out->risk = risk_level_from_code(r->risk_level);
		}
	}
	return app_finish(c, db, st, &act, e);
}
