/* standing.c: a child's standing, stored (see standing.h). From the file and its records it
 * computes the schedule (domain/schedule.c) and the risk grading (domain/risk.c) as of today,
 * with the county's settings, and stores what changed: the due days, the level in force, the
 * grading behind it, a risk_changes row when the level in force changed, and restand_on — the
 * next day on which the calendar alone could change any of it, so that the daily sweep visits
 * only the children whose day has come. */
#include <stdio.h>
#include <string.h>

#include "app/records.h"
#include "common/buf.h"
#include "common/log.h"
#include "common/timeutil.h"

#define SWEEP_BATCH 500
#define SWEEP_ANALYZE_MIN 50000   /* children whose standing changed in one sweep */
/* The risk tiers of risk.c: overdue 1..30 days and more than 30; a problem older than 30 and
 * than 90 days. A tier starts on the day after the threshold. */
#define TIER_LONG 31
#define TIER_OLD 31
#define TIER_VERY_OLD 91

static const struct cdate no_day = { 0, 0, 0 };

static struct cdate day_of(const char *s)
{
	struct cdate d;
	if (!s || cdate_parse(s, &d) != 0)
		return no_day;
	return d;
}

static const char *day_text(struct arena *a, struct cdate d)
{
	return cdate_valid(d) ? rec_day_text(a, d) : NULL;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* ---- computing ---- */

static void facts_of(const struct standing_row *r, struct cdate today,
		     struct schedule_facts *sf, struct risk_facts *rf)
{
	const struct child_row *c = &r->c;
	int disabled = c->health && strcmp(c->health, "disabled") == 0;
	*sf = (struct schedule_facts){
		.exited = strcmp(c->status, "active") != 0,
		.registered = cdate_from_ms(c->created_at),
		.last_contact = day_of(c->last_contact_on),
		.last_home_visit = day_of(c->last_home_visit_on),
		/* 003#9; the latest psychological screening (issue 5) */
		.psych_abnormal = c->psych_result && strcmp(c->psych_result, "abnormal") == 0,
		.parent_severe_disability = r->parent_severe_disability,
		.child_disabled = disabled || (c->derived_categories & CAT_DISABLED) != 0,
		.single_parent = (c->derived_categories & CAT_SINGLE_PARENT) != 0,
	};
	int cc = caregiver_from_code(c->caregiver_capacity ? c->caregiver_capacity : "");
	int ga = guardianship_from_code(c->guardianship_result ? c->guardianship_result : "");
	int ps = psych_from_code(c->psych_result ? c->psych_result : "");
	*rf = (struct risk_facts){
		/* issue 5's records: the latest assessment and screening, open reports */
		.guardianship = ga > 0 ? (enum guardianship_assessment)ga : GA_UNKNOWN,
		.psych = ps > 0 ? (enum psych_result)ps : PSY_UNKNOWN,
		.open_harm_reports = c->open_reports,
		.caregiver = cc > 0 ? (enum caregiver_capacity)cc : CC_UNKNOWN,
		.disabled = disabled,
		.seriously_ill = c->health && strcmp(c->health, "ill") == 0,
		.categories = c->derived_categories,
		.open_problems = r->open_problems,
		.oldest_open_problem = r->oldest_problem_at ? cdate_from_ms(r->oldest_problem_at)
							    : no_day,
		.dropout = c->schooling_status && strcmp(c->schooling_status, "dropped_out") == 0,
		.misbehaviour = c->misbehaviour,
		.override = {
			.level = risk_level_from_code(r->override_level),
			.reason = r->override_reason,
			.until = day_of(r->override_until),
		},
	};
	(void)today;
}

/* The schedule with the level in force, and the grading with that schedule's overdue days.
 * Starting from the level before, a changed level re-runs the schedule (red and orange shorten
 * its intervals, which can only add overdue days) until the two agree; the steps only go one way,
 * so this ends within the four levels. */
static int compute(const struct standing_row *r, const struct visit_settings *set,
		   struct cdate today, enum risk_level previous, struct schedule *sched,
		   struct risk_result *risk)
{
	struct schedule_facts sf;
	struct risk_facts rf;
	facts_of(r, today, &sf, &rf);
	sf.risk = previous;
	for (int i = 0; i <= RISK_RED; i++) {
		if (schedule_compute(&sf, &set->schedule, today, sched) != 0)
			return -1;
		rf.contact_overdue_days = sched->contact.days_overdue;
		rf.visit_overdue_days = sched->visit.days_overdue;
		if (risk_grade(&rf, &set->risk, today, risk) != 0)
			return -1;
		if (risk->level == sf.risk)
			return 0;
		sf.risk = risk->level;
	}
	return schedule_compute(&sf, &set->schedule, today, sched);
}

static void earliest(struct cdate *best, struct cdate d, struct cdate today)
{
	if (cdate_valid(d) && cdate_cmp(d, today) > 0 &&
	    (!cdate_valid(*best) || cdate_cmp(d, *best) < 0))
		*best = d;
}

/* The next day the calendar alone may change the standing: a due day passing (overdue from
 * the day after), the overdue tiers of the grading, the problem age tiers, an override's end.
 * The state "due soon" is worked out when read, from the stored days. */
static struct cdate restand_of(const struct standing_row *r, const struct schedule *s,
			       const struct risk_result *risk, struct cdate today)
{
	struct cdate best = no_day;
	const struct schedule_item *items[2] = { &s->contact, &s->visit };
	for (int i = 0; i < 2; i++) {
		if (!cdate_valid(items[i]->due))
			continue;
		earliest(&best, cdate_add_days(items[i]->due, 1), today);
		earliest(&best, cdate_add_days(items[i]->due, TIER_LONG), today);
	}
	if (r->open_problems > 0 && r->oldest_problem_at) {
		struct cdate p = cdate_from_ms(r->oldest_problem_at);
		earliest(&best, cdate_add_days(p, TIER_OLD), today);
		earliest(&best, cdate_add_days(p, TIER_VERY_OLD), today);
	}
	if (risk->override_state == RO_ACTIVE)
		earliest(&best, cdate_add_days(day_of(r->override_until), 1), today);
	return best;
}

/* ---- storing ---- */

/* [{"code":"dropout","points":20,"value":0},...] */
static const char *factors_json(struct arena *a, const struct risk_result *risk)
{
	struct buf b;
	buf_init(&b, 4096);
	buf_puts(&b, "[");
	for (int i = 0; i < risk->nfactors; i++)
		buf_printf(&b, "%s{\"code\":\"%s\",\"points\":%d,\"value\":%d}", i ? "," : "",
			   risk_factor_code(risk->factors[i].id), risk->factors[i].points,
			   risk->factors[i].value);
	buf_puts(&b, "]");
	const char *s = arena_strdup(a, b.data);
	buf_free(&b);
	return s;
}

/* The risk_changes detail: the score and its factors, or the override and its reason. */
static const char *change_detail(struct arena *a, const struct standing_row *r,
				 const struct risk_result *risk)
{
	if (risk->override_state == RO_ACTIVE)
		return arena_printf(a, "人工调整为%s（有效期至%s）：%s", risk_level_name(risk->level),
				    r->override_until, r->override_reason);
	struct buf b;
	buf_init(&b, 1024);
	buf_printf(&b, "得分%d", risk->score);
	for (int i = 0; i < risk->nfactors; i++)
		buf_printf(&b, "%s%s（%d分）", i ? "、" : "：", risk->factors[i].label,
			   risk->factors[i].points);
	const char *s = arena_strdup(a, b.data);
	buf_free(&b);
	return s;
}

/* Why the sweep re-graded a child: a file changed by an import (restand_on cleared on a graded
 * child), its override ended, its county's settings changed since its last grading, or the
 * calendar (also the first grading of a child registered by an import). */
static const char *sweep_cause(const struct standing_row *r, const struct visit_settings *set,
			       struct cdate today)
{
	if (!r->c.restand_on && r->has_risk)
		return "file";
	struct cdate until = day_of(r->override_until);
	if (r->override_level && cdate_valid(until) && cdate_cmp(until, today) < 0 &&
	    r->graded_at && cdate_cmp(cdate_from_ms(r->graded_at), until) <= 0)
		return "override_expired";
	if (set->changed_at && r->has_risk && set->changed_at > r->graded_at)
		return "settings";
	return "sweep";
}

/* Grades r and stores what changed; cause NULL: the sweep's (sweep_cause). *changed (may be
 * NULL) is set when the due days or the level or score changed. */
static int apply(struct ctx *c, struct db *db, const struct standing_row *r, const char *cause,
		 int *changed, struct err *e)
{
	const struct child_row *ch = &r->c;
	struct visit_settings set;
	int st = visit_settings_for(c, db, ch->region_code, &set, e);
	if (st)
		return st;
	struct cdate today = rec_today();
	struct standing s = {
		.child_id = ch->id,
		.region_code = ch->region_code,
		.active = strcmp(ch->status, "active") == 0,
		.today = today,
		.child = ch,
		.set = &set,
		.previous = risk_level_from_code(ch->risk_level),
		.last_home_visit = day_of(ch->last_home_visit_on),
	};
	if (!cause)
		cause = sweep_cause(r, &set, today);
	struct standing_cols cols = { .risk_level = ch->risk_level, .risk_score = ch->risk_score,
				      .has_score = ch->risk_level != NULL,
				      .restand_on = STANDING_NEVER };
	int graded = 0;
	if (s.active && compute(r, &set, today, s.previous, &s.sched, &s.risk) == 0) {
		graded = 1;
		cols.contact_due_on = day_text(c->a, s.sched.contact.due);
		cols.visit_due_on = day_text(c->a, s.sched.visit.due);
		cols.next_due_on = cdate_cmp(s.sched.contact.due, s.sched.visit.due) <= 0
					   ? cols.contact_due_on : cols.visit_due_on;
		cols.risk_level = risk_level_code(s.risk.level);
		cols.risk_score = s.risk.score;
		cols.has_score = 1;
		s.restand_on = restand_of(r, &s.sched, &s.risk, today);
		if (!cdate_valid(s.restand_on))
			s.restand_on = day_of(STANDING_NEVER);
	} else {
		if (s.active) {   /* facts the domain refuses (a corrupt date): kept, looked at
				   * again tomorrow */
			log_error("standing of child %lld cannot be computed", (long long)ch->id);
			cols.contact_due_on = ch->contact_due_on;
			cols.visit_due_on = ch->visit_due_on;
			cols.next_due_on = ch->next_due_on;
		} else {   /* left care: no schedule; the last grading stays */
			schedule_compute(&(struct schedule_facts){ .exited = 1 }, &set.schedule,
					 today, &s.sched);
		}
		s.risk.level = s.risk.computed = s.previous;
		s.risk.score = ch->risk_score;
		s.restand_on = s.active ? cdate_add_days(today, 1) : day_of(STANDING_NEVER);
	}

	int64_t now = clock_now_ms();
	int level_changed = graded && s.risk.level != s.previous;
	const char *factors = graded ? factors_json(c->a, &s.risk) : NULL;
	int risk_changed = graded && (!r->has_risk || r->score != s.risk.score ||
				      !same(r->computed, risk_level_code(s.risk.computed)) ||
				      !same(r->factors, factors));
	if (level_changed)
		st = st_risk_change_add(db, &(struct risk_change_row){
			.child_id = ch->id, .region_code = ch->region_code, .at = now,
			.user_id = c->who ? c->who->user_id : 0,
			.from_level = s.previous ? risk_level_code(s.previous) : NULL,
			.to_level = risk_level_code(s.risk.level), .score = s.risk.score,
			.cause = cause, .detail = change_detail(c->a, r, &s.risk) });

	/* the warnings see the new schedule and grading in s; they may move restand_on earlier */
	if (!st)
		st = warnings_sync_child(c, db, &s, e);
	if (st)
		return st;
	if (!cdate_valid(s.restand_on) || cdate_cmp(s.restand_on, today) <= 0)
		s.restand_on = cdate_add_days(today, 1);   /* never today: the sweep must move on */
	cols.restand_on = day_text(c->a, s.restand_on);

	int cols_changed = !same(cols.contact_due_on, ch->contact_due_on) ||
			   !same(cols.visit_due_on, ch->visit_due_on) ||
			   !same(cols.next_due_on, ch->next_due_on) ||
			   !same(cols.risk_level, ch->risk_level) ||
			   (cols.has_score && cols.risk_score != ch->risk_score);
	if (changed)
		*changed = cols_changed;
	/* graded_at: when the grading stored was made. Sweep_cause compares it with the day the
	 * county's settings changed and with an override's end, so a re-grading that changed
	 * nothing but restand_on stamps it only when those comparisons need it (one write less per
	 * child on a normal day). */
	int moved = !same(cols.restand_on, ch->restand_on);
	int stamp = moved && (set.changed_at > r->graded_at || r->override_level != NULL);
	if (graded && (risk_changed || cols_changed || stamp))
		st = st_child_risk_put(db, ch->id, ch->region_code,
				       risk_level_code(s.risk.computed), s.risk.score, factors, now);
	if (!st && (cols_changed || moved))
		st = st_standing_put(db, ch->id, &cols);
	if (st)
		err_set(e, st, NULL, "保存儿童走访计划和风险等级失败");
	return st;
}

int standing_refresh(struct ctx *c, struct db *db, int64_t child_id, const char *cause,
		     struct err *e)
{
	struct standing_row r;
	int st = st_standing_get(db, c->a, child_id, &r);
	if (st == ST_NOT_FOUND)
		return err_set(e, st, NULL, "儿童档案不存在");
	if (st)
		return err_set(e, st, NULL, "读取儿童档案失败");
	return apply(c, db, &r, cause ? cause : "file", NULL, e);
}

/* ---- the daily sweep ---- */

/* One phase: never graded children (day NULL), or those whose day has come. */
static int sweep_phase(struct ctx *c, const char *day, int64_t *checked, int64_t *changed,
		       struct err *e)
{
	int64_t after = 0;
	for (;;) {
		struct arena a = ARENA_INIT;
		struct ctx bc = *c;
		bc.a = &a;
		struct db *db = app_begin(&bc, 1, e);
		if (!db) {
			arena_release(&a);
			return ST_DB;
		}
		struct standing_row *rows;
		int n = 0, nchanged = 0;
		int st = st_standing_due(db, &a, day, after, SWEEP_BATCH, &rows, &n);
		for (int i = 0; !st && i < n; i++) {
			int ch = 0;
			st = apply(&bc, db, &rows[i], NULL, &ch, e);
			nchanged += ch;
			after = rows[i].c.id;
		}
		struct action act = { .name = "standing.sweep", .object_type = "child" };
		act.detail = arena_printf(&a, "%s checked=%d changed=%d",
					  day ? "due" : "ungraded", n, nchanged);
		st = app_finish(&bc, db, st, n ? &act : NULL, e);
		arena_release(&a);
		if (st)
			return st;
		*checked += n;
		*changed += nchanged;
		if (n < SWEEP_BATCH)
			return ST_OK;
	}
}

int standing_sweep(struct ctx *c, int64_t *checked, int64_t *changed, struct err *e)
{
	char day[11];
	cdate_format(rec_today(), day);
	*checked = *changed = 0;
	int st = sweep_phase(c, NULL, checked, changed, e);
	if (!st)
		st = sweep_phase(c, day, checked, changed, e);
	/* a mass re-grading (a bulk load, a county's new settings) leaves the planner's statistics
	 * describing due days that no longer exist: refresh them, as autovacuum would later */
	if (!st && *changed >= SWEEP_ANALYZE_MIN) {
		struct db *db = store_acquire(c->app->store);
		if (st_analyze(db, "children") != ST_OK)
			log_warn("sweep: could not refresh the statistics of children");
		store_release(c->app->store, db);
	}
	return st;
}

void standing_wake(struct app *app)
{
	if (app->sweep_wake)
		app->sweep_wake(app);
}
