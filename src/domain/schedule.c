/* schedule.c: the visit schedule of one child (see schedule.h). A due date is the last record
 * plus an interval by the calendar (cdate_add_months, then days), so "monthly" after 31 January
 * ends on the last day of February and never spills into March. Of the intervals that apply, the
 * earliest due date wins: a special interval can only make visits more frequent. */
#include "domain/schedule.h"

#include <stddef.h>
#include <stdio.h>

#define MAX_MONTHS 24
#define MAX_DAYS 366
#define MAX_FIRST_VISIT_DAYS 365
#define MAX_DUE_SOON_DAYS 90

/* The policy's minimum, which the regular reason cites when the county keeps it. */
static const struct sched_interval policy_contact = { 1, 0 };   /* 000#8, 002#8, 003#9 */
static const struct sched_interval policy_visit = { 3, 0 };     /* 000#8, 002#8, 003#9 */

void schedule_settings_default(struct schedule_settings *s)
{
	s->contact = policy_contact;
	s->visit = policy_visit;
	/* 003#9 (and 000#8, 002#8) ask for more frequent visits without a number; monthly
	 * is the contact interval made a home visit. 000#8 stresses single-parent families. */
	s->fragile_contact = (struct sched_interval){ 1, 0 };
	s->fragile_visit = (struct sched_interval){ 1, 0 };
	/* 004 三(一) grades risk without intervals: ours. 红 gets a contact every two weeks. */
	s->orange_contact = (struct sched_interval){ 1, 0 };
	s->orange_visit = (struct sched_interval){ 1, 0 };
	s->red_contact = (struct sched_interval){ 0, 14 };
	s->red_visit = (struct sched_interval){ 1, 0 };
	s->first_visit_days = 15;
	s->due_soon_days = 7;
}

static int interval_ok(struct sched_interval iv)
{
	return iv.months >= 0 && iv.months <= MAX_MONTHS && iv.days >= 0 && iv.days <= MAX_DAYS
	       && (iv.months > 0 || iv.days > 0);
}

int schedule_settings_check(const struct schedule_settings *s, const char **field)
{
	const char *bad = NULL;
	if (s == NULL)
		bad = "settings";
	else if (!interval_ok(s->contact))
		bad = "contact";
	else if (!interval_ok(s->visit))
		bad = "visit";
	else if (!interval_ok(s->fragile_contact))
		bad = "fragile_contact";
	else if (!interval_ok(s->fragile_visit))
		bad = "fragile_visit";
	else if (!interval_ok(s->orange_contact))
		bad = "orange_contact";
	else if (!interval_ok(s->orange_visit))
		bad = "orange_visit";
	else if (!interval_ok(s->red_contact))
		bad = "red_contact";
	else if (!interval_ok(s->red_visit))
		bad = "red_visit";
	else if (s->first_visit_days < 0 || s->first_visit_days > MAX_FIRST_VISIT_DAYS)
		bad = "first_visit_days";
	else if (s->due_soon_days < 0 || s->due_soon_days > MAX_DUE_SOON_DAYS)
		bad = "due_soon_days";
	if (field != NULL)
		*field = bad;
	return bad == NULL ? 0 : -1;
}

enum sched_state schedule_state_on(struct cdate due, struct cdate on, int due_soon_days,
				   int *days_left)
{
	if (days_left != NULL)
		*days_left = 0;
	if (!cdate_valid(due) || !cdate_valid(on))
		return SCHED_NONE;
	int left = cdate_days_between(on, due);
	if (days_left != NULL)
		*days_left = left;
	if (left < 0)
		return SCHED_OVERDUE;
	if (left == 0)
		return SCHED_DUE_TODAY;
	if (left <= due_soon_days)
		return SCHED_DUE_SOON;
	return SCHED_NOT_DUE;
}

/* 0/0/0 when d is not valid or the result leaves years 1..9999. */
static struct cdate add_interval(struct cdate d, struct sched_interval iv)
{
	return cdate_add_days(cdate_add_months(d, iv.months), iv.days);
}

/* The later of two dates, either of which may be unset. */
static struct cdate later(struct cdate a, struct cdate b)
{
	if (!cdate_valid(a))
		return b;
	if (!cdate_valid(b))
		return a;
	return cdate_cmp(a, b) >= 0 ? a : b;
}

static int set_but_invalid(struct cdate d)
{
	return cdate_is_set(d) && !cdate_valid(d);
}

/* Which basis names the due date when two give the same day: the more specific. */
static int rank(enum sched_basis b)
{
	switch (b) {
	case SB_RED:
		return 5;
	case SB_ORANGE:
		return 4;
	case SB_FRAGILE:
		return 3;
	case SB_FIRST:
		return 2;
	case SB_REGULAR:
		return 1;
	default:
		return 0;
	}
}

static int same_interval(struct sched_interval a, struct sched_interval b)
{
	return a.months == b.months && a.days == b.days;
}

/* "每月", "每3个月", "每14天", "每1个月零5天" */
static void interval_text(struct sched_interval iv, char *buf, size_t n)
{
	if (iv.days == 0 && iv.months == 1)
		snprintf(buf, n, "每月");
	else if (iv.days == 0)
		snprintf(buf, n, "每%d个月", iv.months);
	else if (iv.months == 0)
		snprintf(buf, n, "每%d天", iv.days);
	else
		snprintf(buf, n, "每%d个月零%d天", iv.months, iv.days);
}

/* The 003#9 conditions present, joined by "、". */
static void conditions_text(uint32_t c, char *buf, size_t n)
{
	static const struct {
		uint32_t bit;
		const char *name;
	} names[] = {
		{ SC_PARENT_SEVERE_DISABILITY, "父母一方或双方严重身体或智力残疾" },
		{ SC_CHILD_DISABLED, "儿童本人身体或智力残疾" },
		{ SC_PSYCH_ABNORMAL, "有心理或行为异常" },
		{ SC_SINGLE_PARENT, "单亲家庭" },
	};
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(c & names[i].bit))
			continue;
		int w = snprintf(buf + used, n - used, "%s%s", used > 0 ? "、" : "", names[i].name);
		if (w < 0 || (size_t)w >= n - used)
			return;
		used += (size_t)w;
	}
}

enum kind { K_CONTACT, K_VISIT };

static void explain(struct schedule_item *it, enum kind k, uint32_t conditions,
		    const struct schedule_settings *s)
{
	const char *act = k == K_CONTACT ? "联系一次" : "入户走访一次";
	char every[48], conds[160];
	interval_text(it->interval, every, sizeof(every));
	switch (it->basis) {
	case SB_FIRST:
		snprintf(it->reason, sizeof(it->reason),
			 k == K_CONTACT ? "新登记儿童：登记后%d天内首次联系或入户走访（县级设置）"
					: "新登记儿童：登记后%d天内首次入户走访（县级设置）",
			 s->first_visit_days);
		break;
	case SB_REGULAR: {
		int policy = same_interval(it->interval,
					   k == K_CONTACT ? policy_contact : policy_visit);
		snprintf(it->reason, sizeof(it->reason), "常规：至少%s%s（%s）", every, act,
			 policy ? "000#8、002#8、003#9" : "县级设置");
		break;
	}
	case SB_FRAGILE:
		conditions_text(conditions, conds, sizeof(conds));
		snprintf(it->reason, sizeof(it->reason), "%s，加大走访频次：%s%s（003#9）", conds,
			 every, act);
		break;
	case SB_ORANGE:
	case SB_RED:
		snprintf(it->reason, sizeof(it->reason),
			 "风险等级%s：%s%s（004 三(一) 分级划定风险）",
			 it->basis == SB_RED ? "红" : "橙", every, act);
		break;
	default:
		it->reason[0] = '\0';
		break;
	}
}

/* One kind: from its last record (anchor) or, with none, from registration. */
static int compute_item(enum kind k, struct cdate anchor, const struct schedule_facts *f,
			uint32_t conditions, const struct schedule_settings *s, struct cdate on,
			struct schedule_item *it)
{
	struct {
		enum sched_basis basis;
		struct sched_interval iv;
	} cand[5];
	int n = 0;
	int contact = k == K_CONTACT;
	struct cdate from = anchor;
	if (!cdate_valid(anchor)) {
		if (!cdate_valid(f->registered))
			return -1;
		from = f->registered;
		cand[n].basis = SB_FIRST;
		cand[n].iv = (struct sched_interval){ 0, s->first_visit_days };
		n++;
	}
	cand[n].basis = SB_REGULAR;
	cand[n++].iv = contact ? s->contact : s->visit;
	if (conditions) {
		cand[n].basis = SB_FRAGILE;
		cand[n++].iv = contact ? s->fragile_contact : s->fragile_visit;
	}
	if (f->risk == RISK_ORANGE) {
		cand[n].basis = SB_ORANGE;
		cand[n++].iv = contact ? s->orange_contact : s->orange_visit;
	} else if (f->risk == RISK_RED) {
		cand[n].basis = SB_RED;
		cand[n++].iv = contact ? s->red_contact : s->red_visit;
	}

	int best = -1;
	struct cdate best_due = { 0, 0, 0 };
	for (int i = 0; i < n; i++) {
		/* first_visit_days may be 0: due on the day of registration */
		struct cdate due = cand[i].basis == SB_FIRST ? cdate_add_days(from, cand[i].iv.days)
							     : add_interval(from, cand[i].iv);
		if (!cdate_valid(due))
			return -1;
		int c = best < 0 ? -1 : cdate_cmp(due, best_due);
		if (c < 0 || (c == 0 && rank(cand[i].basis) > rank(cand[best].basis))) {
			best = i;
			best_due = due;
		}
	}

	it->due = best_due;
	it->last = cdate_valid(anchor) ? anchor : (struct cdate){ 0, 0, 0 };
	it->basis = cand[best].basis;
	it->interval = cand[best].iv;
	it->state = schedule_state_on(it->due, on, s->due_soon_days, &it->days_left);
	it->days_overdue = it->state == SCHED_OVERDUE ? -it->days_left : 0;
	explain(it, k, conditions, s);
	return 0;
}

int schedule_compute(const struct schedule_facts *f, const struct schedule_settings *s,
		     struct cdate on, struct schedule *out)
{
	if (f == NULL || out == NULL || schedule_settings_check(s, NULL) != 0 || !cdate_valid(on))
		return -1;
	struct schedule r = { 0 };
	if (f->exited) {
		static const char gone[] = "已退出关爱服务，不再安排联系和走访";
		snprintf(r.contact.reason, sizeof(r.contact.reason), "%s", gone);
		snprintf(r.visit.reason, sizeof(r.visit.reason), "%s", gone);
		*out = r;
		return 0;
	}
	if (set_but_invalid(f->registered) || set_but_invalid(f->last_contact)
	    || set_but_invalid(f->last_home_visit))
		return -1;

	/* 003#9: 父母双方或一方存在严重身体或智力残疾、儿童自身存在身体或智力残疾、有心理或
	 * 行为异常的以及单亲家庭儿童，儿童主任要加大走访频次 (000#8 and 002#8 name the first
	 * three; 000#8 asks for closer visits to single-parent families in its survey) */
	uint32_t c = 0;
	if (f->parent_severe_disability)
		c |= SC_PARENT_SEVERE_DISABILITY;
	if (f->child_disabled)
		c |= SC_CHILD_DISABLED;
	if (f->psych_abnormal)
		c |= SC_PSYCH_ABNORMAL;
	if (f->single_parent)
		c |= SC_SINGLE_PARENT;

	/* a home visit is also a contact */
	struct cdate last_contact = later(f->last_contact, f->last_home_visit);
	r.active = 1;
	r.conditions = c;
	if (compute_item(K_CONTACT, last_contact, f, c, s, on, &r.contact) != 0
	    || compute_item(K_VISIT, f->last_home_visit, f, c, s, on, &r.visit) != 0)
		return -1;
	*out = r;
	return 0;
}

const char *sched_state_code(enum sched_state st)
{
	static const char *const codes[] = { "none", "not_due", "due_soon", "due_today",
					     "overdue" };
	return (int)st >= 0 && st <= SCHED_OVERDUE ? codes[st] : "";
}

const char *sched_state_name(enum sched_state st)
{
	static const char *const names[] = { "无", "未到期", "即将到期", "今日到期", "已逾期" };
	return (int)st >= 0 && st <= SCHED_OVERDUE ? names[st] : "";
}

const char *sched_basis_code(enum sched_basis b)
{
	static const char *const codes[] = { "none", "first", "regular", "fragile", "orange",
					     "red" };
	return (int)b >= 0 && b <= SB_RED ? codes[b] : "";
}
