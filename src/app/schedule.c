/* schedule.c: the visit schedule of the children in scope (see visits.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records.h"
#include "common/buf.h"
#include "common/timeutil.h"
#include "domain/region.h"

/* ---- the schedule ---- */

static struct cdate parse_or_none(const char *s)
{
	struct cdate d = { 0, 0, 0 };
	if (s && cdate_parse(s, &d) != 0)
		d = (struct cdate){ 0, 0, 0 };
	return d;
}

static void schedule_of(const struct sched_row *r, const struct schedule_settings *set,
			struct cdate today, struct schedule_entry *out)
{
	struct schedule_facts f = {
		.registered = cdate_from_ms(r->created_at),
		.last_contact = parse_or_none(r->last_contact_on),
		.last_home_visit = parse_or_none(r->last_home_visit_on),
		/* 003#9; psychological abnormality and risk are not recorded yet: absent */
		.parent_severe_disability = r->parent_severe_disability,
		.child_disabled = (r->health && strcmp(r->health, "disabled") == 0) ||
				  (r->derived_categories & CAT_DISABLED) != 0,
		.single_parent = (r->derived_categories & CAT_SINGLE_PARENT) != 0,
		.risk = RISK_UNSET,
	};
	memset(out, 0, sizeof *out);
	out->c = *r;
	if (schedule_compute(&f, set, today, &out->s) != 0) {
		out->state = SCHED_NONE;
		out->days_left = 0;
		return;
	}
	const struct schedule_item *a = &out->s.contact, *b = &out->s.visit;
	const struct schedule_item *u = b->days_left < a->days_left ? b : a;
	out->state = u->state;
	out->days_left = u->days_left;
}

static int entry_cmp(const void *x, const void *y)
{
	const struct schedule_entry *a = x, *b = y;
	int an = a->state == SCHED_NONE, bn = b->state == SCHED_NONE;
	if (an != bn)
		return an - bn;
	if (a->days_left != b->days_left)
		return a->days_left < b->days_left ? -1 : 1;
	return a->c.id < b->c.id ? -1 : a->c.id > b->c.id;
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

int schedule_list(struct ctx *c, const struct schedule_query *q, struct schedule_entry **rows,
		  int *n, int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("schedule.list", "schedule", 0,
				       c->who ? c->who->region_code : 0);
	struct sched_filter f = { 0 };
	struct sched_row *sr = NULL;
	int ns = 0, more = 0;
	enum sched_state want = SCHED_NONE;
	struct schedule_settings set;
	schedule_settings_default(&set);
	int st = rec_require_caseworker(c, e);
	if (!st) {
		f.scope = c->who->scope;
		f.director_id = q->director_id;
	}
	if (!st && rec_opt(q->region)) {
		int64_t code;
		st = regions_in_scope(c, db, "region", q->region, &code, &f.within, e);
	}
	if (!st && rec_opt(q->state) && state_from_code(q->state, &want) != 0)
		st = err_set(e, ST_INVALID, "state",
			     "状态应为 overdue、due_today、due_soon 或 not_due");
	if (!st)
		st = st_sched_rows(db, c->a, &f, SCHEDULE_MAX_CHILDREN, &sr, &ns, &more);
	if (!st && more)
		st = err_set(e, ST_INVALID, "region", "范围内儿童超过%d人，请选择乡镇或村",
			     SCHEDULE_MAX_CHILDREN);
	if (!st) {
		struct cdate today = rec_today();
		struct schedule_entry *all = arena_alloc(c->a, sizeof *all * (size_t)(ns + 1));
		int m = 0;
		for (int i = 0; i < ns; i++) {
			schedule_of(&sr[i], &set, today, &all[m]);
			if (!rec_opt(q->state) || all[m].state == want)
				m++;
		}
		qsort(all, (size_t)m, sizeof *all, entry_cmp);
		struct page pg = app_page(q->page, q->page_size);
		*total = m;
		*rows = all + (pg.offset < m ? pg.offset : m);
		*n = pg.offset < m ? (m - pg.offset < pg.limit ? m - pg.offset : pg.limit) : 0;
		act.detail = arena_printf(c->a, "rows=%d total=%d", *n, m);
	}
	return app_finish(c, db, st, &act, e);
}

int schedule_child(struct ctx *c, int64_t child_id, struct schedule_entry *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("schedule.read", "child", child_id, 0);
	struct sched_filter f = { 0 };
	struct sched_row *sr = NULL;
	struct child_row row;
	int ns = 0, more = 0;
	struct schedule_settings set;
	schedule_settings_default(&set);
	int st = rec_require_caseworker(c, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		f.scope = c->who->scope;
		f.child_id = child_id;
		st = st_sched_rows(db, c->a, &f, 1, &sr, &ns, &more);
	}
	if (!st && ns == 1) {
		schedule_of(&sr[0], &set, rec_today(), out);
	} else if (!st) {   /* exited: no schedule */
		memset(out, 0, sizeof *out);
		out->c = (struct sched_row){ .id = row.id, .region_code = row.region_code,
					     .name = row.name, .region_name = row.region_name,
					     .director_id = row.director_id,
					     .director_name = row.director_name };
		out->state = SCHED_NONE;
	}
	return app_finish(c, db, st, &act, e);
}
