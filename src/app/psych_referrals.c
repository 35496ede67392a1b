/* psych_referrals.c: referrals of psychological screenings (转介), their events and follow-ups
 * (定期随访; 003#20, 003#21; see psych.h). The state machine and the follow-up days are the pure
 * rules of src/domain/psych_flow.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records.h"
#include "common/timeutil.h"
#include "domain/psych_flow.h"

#define TEXT_MAX 2000
#define NAME_MAX_CHARS 100

static const char *day_plus(struct ctx *c, enum psych_state s, int returned, const char *from,
			    int days)
{
	struct cdate d;
	if (!from || cdate_parse(from, &d) != 0)
		return NULL;
	struct cdate next = psych_next_followup(s, returned, d, days);
	return cdate_is_set(next) ? rec_day_text(c->a, next) : NULL;
}

static int text_limit(const char *s, int max, const char *field, const char *what, struct err *e)
{
	if (s && psych_text_chars(s) > max)
		return err_set(e, ST_INVALID, field, "%s不能超过%d个字", what, max);
	return ST_OK;
}

int psych_referral_open(struct ctx *c, struct db *db, const struct child_row *child,
			int64_t screening_id, const char *referred_on,
			const struct psych_referral_input *in, int64_t *id, struct err *e)
{
	if (psych_service_from_code(in->service_type) < 0)
		return err_set(e, ST_INVALID, "referral.service_type",
			       "转介服务类型应为 学校心理辅导(school_counsellor)、医院心理/精神科(hospital)"
			       " 或 社会服务机构(social_org)");
	int st = text_limit(rec_opt(in->service_name), NAME_MAX_CHARS, "referral.service_name",
			    "转介服务名称", e);
	if (!st)
		st = rec_check_assignees(c, db, child->region_code, 0, in->org_id, NULL,
					 "referral.org_id", e);
	if (st)
		return st;
	int64_t now = clock_now_ms();
	struct psych_referral_row f = {
		.child_id = child->id,
		.region_code = child->region_code,
		.screening_id = screening_id,
		.service_type = in->service_type,
		.service_name = rec_opt(in->service_name),
		.org_id = in->org_id,
		.state = psych_state_code(PST_REFERRED),
		.referred_on = referred_on,
		.followup_days = PSYCH_FOLLOWUP_DAYS_DEFAULT,
		.next_followup_on = day_plus(c, PST_REFERRED, 0, referred_on, 0),
		.created_by = c->who->user_id,
		.created_at = now,
	};
	st = st_psych_referral_insert(db, &f, id);
	if (!st)
		st = st_psych_event_add(db, *id, child->region_code, now, "refer", NULL,
					c->who->user_id);
	return st;
}

static int referral_load(struct ctx *c, struct db *db, int64_t id, int full,
			 struct psych_referral_view *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int st = st_psych_referral_get(db, c->a, &c->who->scope, id, &out->r);
	if (st == ST_NOT_FOUND)
		return err_set(e, st, NULL, "心理转介记录不存在");
	if (!st && full)
		st = st_psych_events(db, c->a, id, &out->events, &out->nevents);
	if (!st && full)
		st = st_psych_followups(db, c->a, id, &out->followups, &out->nfollowups);
	struct cdate next;
	if (!st && out->r.next_followup_on && cdate_parse(out->r.next_followup_on, &next) == 0)
		out->followup_due = psych_followup_due(next, rec_today());
	out->full = full;
	return st;
}

int psych_referral_get(struct ctx *c, int64_t id, struct psych_referral_view *out,
		       struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("psych.referral.read", "psych_referral", id, 0);
	int st = app_require(c, PERM_PSYCH_READ, e);
	if (!st)
		st = referral_load(c, db, id, 1, out, e);
	if (!st) {
		act.region_code = out->r.region_code;
		act.detail = arena_printf(c->a, "child=%lld", (long long)out->r.child_id);
	}
	return app_finish(c, db, st, &act, e);
}

static int views_of(struct ctx *c, struct db *db, struct psych_referral_row *rows, int n,
		    int full, struct psych_referral_view **out, struct err *e)
{
	int st = ST_OK;
	*out = arena_alloc(c->a, sizeof **out * (size_t)(n + 1));
	for (int i = 0; !st && i < n; i++) {
		struct psych_referral_view *v = &(*out)[i];
		memset(v, 0, sizeof *v);
		v->r = rows[i];
		v->full = full;
		if (full)
			st = st_psych_events(db, c->a, v->r.id, &v->events, &v->nevents);
		if (!st && full)
			st = st_psych_followups(db, c->a, v->r.id, &v->followups, &v->nfollowups);
		struct cdate next;
		if (v->r.next_followup_on && cdate_parse(v->r.next_followup_on, &next) == 0)
			v->followup_due = psych_followup_due(next, rec_today());
	}
	(void)e;
	return st;
}

int psych_referral_list_child(struct ctx *c, int64_t child_id, struct psych_referral_view **rows,
			      int *n, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("psych.referral.list", "child", child_id, 0);
	struct child_row child;
	struct psych_referral_row *fr = NULL;
	int64_t total = 0;
	*n = 0;
	int st = app_require(c, PERM_PSYCH_READ, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &child, e);
	if (!st) {
		act.region_code = child.region_code;
		struct psych_referral_filter f = { .scope = c->who->scope, .child_id = child_id };
		st = st_psych_referral_list(db, c->a, &f, (struct page){ .offset = 0, .limit = 500 },
					    &fr, n, &total);
	}
	if (!st)
		st = views_of(c, db, fr, *n, 1, rows, e);
	if (!st)
		act.detail = arena_printf(c->a, "rows=%d", *n);
	return app_finish(c, db, st, &act, e);
}

int psych_referral_list(struct ctx *c, const struct psych_referral_query *q,
			struct psych_referral_view **rows, int *n, int64_t *total,
			struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("psych.referral.list", "psych_referral", 0,
				       c->who ? c->who->region_code : 0);
	struct psych_referral_filter f = { 0 };
	struct psych_referral_row *fr = NULL;
	*n = 0;
	*total = 0;
	int st = app_require(c, PERM_PSYCH_READ, e);
	if (!st)
		f.scope = c->who->scope;
	if (!st && rec_opt(q->region)) {
		int64_t code;
		st = regions_in_scope(c, db, "region", q->region, &code, &f.within, e);
	}
	if (!st && rec_opt(q->state)) {
		if (psych_state_from_code(q->state) < 0)
			st = err_set(e, ST_INVALID, "state",
				     "状态应为 referred、accepted、in_care、closed 或 declined");
		f.state = q->state;
	}
	if (!st && q->followup_due)
		f.due_before = rec_day_text(c->a, rec_today());
	if (!st)
		st = st_psych_referral_list(db, c->a, &f, app_page(q->page, q->page_size), &fr, n,
					    total);
	if (!st)
		st = views_of(c, db, fr, *n, 0, rows, e);
	if (!st)
		act.detail = arena_printf(c->a, "rows=%d total=%lld", *n, (long long)*total);
	return app_finish(c, db, st, &act, e);
}

/* The checks of the event's own fields; f is the row as it will be stored. */
static int event_fields(struct ctx *c, struct db *db, enum psych_event ev,
			const struct psych_event_input *in, struct psych_referral_row *f,
			struct err *e)
{
	int st = text_limit(rec_opt(in->note), TEXT_MAX, "note", "说明", e);
	if (st || ev != PEV_CLOSE) {
		if (!st && (in->returned_from_treatment || rec_opt(in->carer_name) ||
			    in->carer_user_id || in->followup_days))
			st = err_set(e, ST_INVALID, "returned_from_treatment",
				     "结对关爱人与随访间隔仅在结案时填写");
		return st;
	}
	if (!rec_opt(in->outcome))
		return err_set(e, ST_INVALID, "outcome", "请填写结案情况");
	st = text_limit(in->outcome, TEXT_MAX, "outcome", "结案情况", e);
	if (!st && in->returned_from_treatment) {   /* 003#21 */
		if (!rec_opt(in->carer_name))
			return err_set(e, ST_INVALID, "carer_name",
				       "精神科治疗返回的儿童须明确结对关爱人");
		st = text_limit(in->carer_name, NAME_MAX_CHARS, "carer_name", "结对关爱人", e);
		if (!st && !psych_followup_days_valid(in->followup_days))
			st = err_set(e, ST_INVALID, "followup_days",
				     "请填写随访间隔（%d至%d天）", PSYCH_FOLLOWUP_DAYS_MIN,
				     PSYCH_FOLLOWUP_DAYS_MAX);
		if (!st)
			st = rec_check_assignees(c, db, f->region_code, in->carer_user_id, 0,
						 "carer_user_id", NULL, e);
	} else if (!st && (rec_opt(in->carer_name) || in->carer_user_id || in->followup_days)) {
		st = err_set(e, ST_INVALID, "returned_from_treatment",
			     "结对关爱人与随访间隔仅用于精神科治疗返回的儿童");
	}
	if (st)
		return st;
	f->outcome = in->outcome;
	f->returned_from_treatment = in->returned_from_treatment != 0;
	if (f->returned_from_treatment) {
		f->carer_name = in->carer_name;
		f->carer_user_id = in->carer_user_id;
		f->followup_days = in->followup_days;
	}
	return ST_OK;
}

int psych_referral_event(struct ctx *c, int64_t id, const struct psych_event_input *in,
			 struct psych_referral_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	int ev = psych_event_from_code(in->event);
	struct action act = rec_action(
		ev >= 0 ? arena_printf(c->a, "psych.referral.%s", in->event) : "psych.referral.event",
		"psych_referral", id, 0);
	struct psych_referral_view cur;
	enum psych_state from = PST_REFERRED, to = PST_REFERRED;
	memset(&cur, 0, sizeof cur);
	memset(out, 0, sizeof *out);
	int st = app_require(c, PERM_PSYCH_WRITE, e);
	if (!st)
		st = referral_load(c, db, id, 0, &cur, e);
	if (!st) {
		act.region_code = cur.r.region_code;
		if (ev < 0)
			st = err_set(e, ST_INVALID, "event",
				     "事件应为 accept（接收）、start（开始干预/治疗）、close（结案）或"
				     " decline（未接收）");
	}
	if (!st) {
		int s = psych_state_from_code(cur.r.state);
		from = s < 0 ? PST_REFERRED : (enum psych_state)s;
		if (s < 0 || psych_transition(from, (enum psych_event)ev, &to) != PSYCH_OK)
			st = err_set(e, ST_CONFLICT, "event", "当前状态为「%s」，不能执行「%s」",
				     s < 0 ? cur.r.state : psych_state_name(from),
				     psych_event_name((enum psych_event)ev));
	}
	struct psych_referral_row f = cur.r;
	if (!st)
		st = event_fields(c, db, (enum psych_event)ev, in, &f, e);
	if (!st) {
		const char *today = rec_day_text(c->a, rec_today());
		f.state = psych_state_code(to);
		if (to == PST_CLOSED || to == PST_DECLINED)
			f.closed_on = today;
		if (to == PST_CLOSED || to == PST_DECLINED)   /* from the closing day (003#21) */
			f.next_followup_on = day_plus(c, to, f.returned_from_treatment, today,
						      f.followup_days);
		st = st_psych_referral_update(db, &f, cur.r.state, clock_now_ms());
		if (st == ST_CONFLICT)
			err_set(e, st, "event", "该转介已被他人更新，请刷新后再试");
	}
	if (!st)
		st = st_psych_event_add(db, id, f.region_code, clock_now_ms(), in->event,
					rec_opt(in->note), c->who->user_id);
	if (!st)
		st = referral_load(c, db, id, 1, out, e);
	if (!st)
		act.detail = arena_printf(c->a, "child=%lld", (long long)f.child_id);
	return app_finish(c, db, st, &act, e);
}

int psych_followup_add(struct ctx *c, int64_t id, const char *on, const char *note,
		       struct psych_referral_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("psych.followup", "psych_referral", id, 0);
	struct psych_referral_view cur;
	struct cdate day, anchor;
	int64_t fid = 0;
	memset(&cur, 0, sizeof cur);
	memset(out, 0, sizeof *out);
	int st = app_require(c, PERM_PSYCH_WRITE, e);
	if (!st)
		st = referral_load(c, db, id, 1, &cur, e);
	int s = st ? -1 : psych_state_from_code(cur.r.state);
	if (!st) {
		act.region_code = cur.r.region_code;
		if (s < 0 || !psych_followups_open((enum psych_state)s, cur.r.returned_from_treatment))
			st = err_set(e, ST_CONFLICT, "state", "当前状态为「%s」，不再登记随访",
				     s < 0 ? cur.r.state : psych_state_name((enum psych_state)s));
	}
	if (!st && !rec_opt(on))
		st = err_set(e, ST_INVALID, "on", "请填写随访日期");
	if (!st && cdate_parse(on, &day) != 0)
		st = err_set(e, ST_INVALID, "on", "随访日期应为有效日期（YYYY-MM-DD）");
	if (!st && cdate_cmp(day, rec_today()) > 0)
		st = err_set(e, ST_INVALID, "on", "随访日期不能晚于今天");
	if (!st && cdate_parse(cur.r.referred_on, &anchor) == 0 && cdate_cmp(day, anchor) < 0)
		st = err_set(e, ST_INVALID, "on", "随访日期不能早于转介日期");
	if (!st && !rec_opt(note))
		st = err_set(e, ST_INVALID, "note", "请填写随访情况");
	if (!st)
		st = text_limit(note, TEXT_MAX, "note", "随访情况", e);
	if (!st)
		st = st_psych_followup_add(db, id, cur.r.region_code, on, note, c->who->user_id,
					   clock_now_ms(), &fid);
	if (!st) {
		/* next = the latest of: the last follow-up, the referral day (open) or the closing
		 * day (back from treatment) + the interval */
		const char *base = strcmp(cur.r.state, "closed") == 0 && cur.r.closed_on
					   ? cur.r.closed_on : cur.r.referred_on;
		for (int i = 0; i < cur.nfollowups; i++)
			if (strcmp(cur.followups[i].on_day, base) > 0)
				base = cur.followups[i].on_day;
		if (strcmp(on, base) > 0)
			base = on;
		st = st_psych_referral_set_next(db, id,
						day_plus(c, (enum psych_state)s,
							 cur.r.returned_from_treatment, base,
							 cur.r.followup_days),
						clock_now_ms());
	}
	if (!st)
		st = referral_load(c, db, id, 1, out, e);
	if (!st) {
		rec_set_object(&act, id);
		act.detail = arena_printf(c->a, "child=%lld followup=%lld",
					  (long long)cur.r.child_id, (long long)fid);
	}
	return app_finish(c, db, st, &act, e);
}
