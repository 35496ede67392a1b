/* warning_rules.c: which warnings (预警) hold for one child on a day (see warning_rules.h). */
#include "domain/warning_rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *code, *name;
} kinds[WK_COUNT] = {
	[WK_CONTACT_OVERDUE] = { "contact_overdue", "联系逾期" },
	[WK_VISIT_OVERDUE] = { "visit_overdue", "走访逾期" },
	[WK_HIGH_RISK_NO_VISIT] = { "high_risk_no_visit", "高风险未走访" },
	[WK_NEWLY_RED] = { "newly_red", "新增高风险" },
	[WK_CAREGIVER_FOLLOWUP] = { "caregiver_followup", "照护跟进" },
	[WK_PROBLEM_OVERDUE] = { "problem_overdue", "问题逾期" },
	[WK_TURNING_16] = { "turning_16", "即将年满16周岁" },
	[WK_TURNING_18] = { "turning_18", "即将年满18周岁" },
	[WK_FILE_INCOMPLETE] = { "file_incomplete", "档案不完整" },
	[WK_GUARDIANSHIP_ABSENT] = { "guardianship_absent", "监护缺失" },
	[WK_GUARDIANSHIP_REASSESS] = { "guardianship_reassess", "监护复评到期" },
	[WK_CASE_FOLLOWUP] = { "case_followup_overdue", "案后回访逾期" },
	[WK_PLACEMENT_REVIEW] = { "placement_review_due", "安置复查到期" },
};

const char *warning_kind_code(enum warning_kind k)
{
	return (int)k >= 0 && k < WK_COUNT ? kinds[k].code : "";
}

const char *warning_kind_name(enum warning_kind k)
{
	return (int)k >= 0 && k < WK_COUNT ? kinds[k].name : "";
}

int warning_kind_from_code(const char *code)
{
	for (int i = 0; code && i < WK_COUNT; i++)
		if (strcmp(kinds[i].code, code) == 0)
			return i;
	return -1;
}

/* ---- evaluation ---- */

struct eval {
	struct warning_item *out;
	int n, max, overflow;
	struct cdate on, next;
};

static struct warning_item *add(struct eval *v, enum warning_kind kind, int64_t ref,
				struct cdate due, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static struct warning_item *add(struct eval *v, enum warning_kind kind, int64_t ref,
				struct cdate due, const char *fmt, ...)
{
	if (v->n >= v->max) {
		v->overflow = 1;
		return NULL;
	}
	struct warning_item *w = &v->out[v->n++];
	memset(w, 0, sizeof *w);
	w->kind = kind;
	w->ref_id = ref;
	w->due_on = due;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->message, sizeof w->message, fmt, ap);
	va_end(ap);
	return w;
}

/* A day after `on` on which the answer may change: keep the earliest. */
static void coming(struct eval *v, struct cdate d)
{
	if (!cdate_valid(d) || cdate_cmp(d, v->on) <= 0)
		return;
	if (!cdate_is_set(v->next) || cdate_cmp(d, v->next) < 0)
		v->next = d;
}

static const char *day(struct cdate d, char buf[11])
{
	cdate_format(d, buf);
	return buf;
}

static void overdue(struct eval *v, const struct schedule_item *it, enum warning_kind kind,
		    const char *what)
{
	char b[11];
	if (it->state == SCHED_OVERDUE)
		add(v, kind, 0, it->due, "%s已逾期（应于%s前完成）", what, day(it->due, b));
	else if (cdate_valid(it->due))
		coming(v, cdate_add_days(it->due, 1));
}

static void high_risk(struct eval *v, const struct warning_facts *f, int days)
{
	if (f->level != RISK_RED)
		return;
	int has_visit = cdate_valid(f->last_home_visit);
	struct cdate base = has_visit ? f->last_home_visit : f->registered;
	if (!cdate_valid(base))
		return;
	struct cdate due = cdate_add_days(base, days);
	char b[11];
	if (cdate_cmp(v->on, due) < 0)
		coming(v, due);
	else if (has_visit)
		add(v, WK_HIGH_RISK_NO_VISIT, 0, due,
		    "高风险儿童已%d天以上未入户走访（上次入户走访：%s）", days, day(base, b));
	else
		add(v, WK_HIGH_RISK_NO_VISIT, 0, due, "高风险儿童自%s登记以来%d天以上未入户走访",
		    day(base, b), days);
}

/* Opens when the level in force becomes red; closes with a home visit after that day, when the
 * level leaves red, or after NEWLY_RED_DAYS days. */
static void newly_red(struct eval *v, const struct warning_facts *f)
{
	if (f->level != RISK_RED)
		return;
	struct cdate since = f->newly_red_since;
	if (!cdate_valid(since)) {
		if (f->previous == RISK_RED)
			return;
		since = v->on;   /* it becomes red now */
	}
	if (cdate_valid(f->last_home_visit) && cdate_cmp(f->last_home_visit, since) > 0)
		return;
	struct cdate end = cdate_add_days(since, NEWLY_RED_DAYS);
	if (cdate_cmp(v->on, end) >= 0)
		return;
	char b[11];
	add(v, WK_NEWLY_RED, 0, since, "风险等级于%s升为红色（高风险），请尽快入户走访",
	    day(since, b));
	coming(v, end);
}

static void caregiver(struct eval *v, const struct warning_facts *f)
{
	if ((f->caregiver != CC_LACKING && f->caregiver != CC_NEGLECTING) || !f->caregiver_problem_id)
		return;
	add(v, WK_CAREGIVER_FOLLOWUP, f->caregiver_problem_id, f->caregiver_problem_deadline,
	    "走访发现委托照护人%s，跟进问题尚无进展：请告知父母、另行委托照护人或督促履职（000#5）",
	    caregiver_name(f->caregiver));
}

static void problems(struct eval *v, const struct warning_facts *f, int escalate_days)
{
	char b[11];
	for (int i = 0; i < f->nproblems; i++) {
		const struct warning_problem *p = &f->problems[i];
		if (!cdate_valid(p->deadline))
			continue;
		struct cdate escalate_on = cdate_add_days(p->deadline, escalate_days + 1);
		if (cdate_cmp(v->on, p->deadline) <= 0) {
			coming(v, cdate_add_days(p->deadline, 1));
			if (!p->escalated)
				coming(v, escalate_on);
			continue;
		}
		int escalated = p->escalated || cdate_cmp(v->on, escalate_on) >= 0;
		struct warning_item *w =
			add(v, WK_PROBLEM_OVERDUE, p->id, p->deadline, "%s问题已超过办结期限（%s）%s",
			    p->label ? p->label : "", day(p->deadline, b),
			    escalated ? "，已升级至乡镇督导员" : "");
		if (w) {
			w->escalated = escalated;
			w->escalate_now = escalated && !p->escalated;
		}
		if (!escalated)
			coming(v, escalate_on);
	}
}

static void turning(struct eval *v, const struct warning_facts *f, int years, int warn_days,
		    enum warning_kind kind, const char *then)
{
	if (warn_days <= 0 || !cdate_valid(f->birth))
		return;
	struct cdate at = cdate_birthday(f->birth, years);
	struct cdate from = cdate_add_days(at, -warn_days);
	char b[11];
	if (cdate_cmp(v->on, from) < 0) {
		coming(v, from);
	} else if (cdate_cmp(v->on, at) < 0) {
		add(v, kind, 0, at, "将于%s年满%d周岁，%s", day(at, b), years, then);
		coming(v, at);
	}
}

static void file_gaps(struct eval *v, const struct warning_facts *f)
{
	const struct warning_file_facts *x = &f->file;
	const char *gaps[4];
	int n = 0;
	if (!x->has_director)
		gaps[n++] = "儿童主任";
	if (x->left_behind && !x->has_caregiver)
		gaps[n++] = "委托照护人";
	if (x->left_behind && !x->has_contact_phone)
		gaps[n++] = "照护人或监护人联系电话";
	if (x->in_school && !x->has_school && cdate_valid(f->birth)) {
		struct cdate school_age = cdate_birthday(f->birth, SCHOOL_AGE);
		if (cdate_cmp(v->on, school_age) >= 0)
			gaps[n++] = "就读学校";
		else
			coming(v, school_age);
	}
	if (n == 0)
		return;
	char text[WARNING_MESSAGE_MAX] = "";
	size_t len = 0;
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", i ? "、" : "", gaps[i]);
	add(v, WK_FILE_INCOMPLETE, 0, (struct cdate){ 0, 0, 0 }, "档案不完整，缺少：%s", text);
}

/* 监护缺失 needs action at once (000#5, 004 三(二): temporary guardianship by civil affairs);
 * any grade comes up for reassessment on its day (guardianship.h). */
static void guardianship(struct eval *v, const struct warning_facts *f)
{
	char b[11];
	if (f->guardianship == GA_ABSENT) {
		struct warning_item *w = add(v, WK_GUARDIANSHIP_ABSENT, 0, (struct cdate){ 0, 0, 0 },
					     "家庭监护能力评估为监护缺失，请立即核实并落实临时监护等保护措施");
		if (w)
			w->escalated = 1;
	}
	if (f->guardianship == GA_UNKNOWN || !cdate_valid(f->guardianship_next))
		return;
	if (cdate_cmp(v->on, f->guardianship_next) > 0)
		add(v, WK_GUARDIANSHIP_REASSESS, 0, f->guardianship_next,
		    "监护能力复评已于%s到期，请重新评估", day(f->guardianship_next, b));
	else
		coming(v, cdate_add_days(f->guardianship_next, 1));
}

/* The days of the guardianship cases: the after-case visit (案后回访) of a closed intervention
 * and the review of an active placement (监护安置复查), each past due from the day after. */
static void case_days(struct eval *v, const struct warning_facts *f)
{
	char b[11];
	if (cdate_valid(f->case_followup) && cdate_cmp(v->on, f->case_followup) > 0)
		add(v, WK_CASE_FOLLOWUP, 0, f->case_followup,
		    "案后回访应于%s完成，尚未回访，请尽快入户回访", day(f->case_followup, b));
	else if (cdate_valid(f->case_followup))
		coming(v, cdate_add_days(f->case_followup, 1));
	if (cdate_valid(f->placement_review) && cdate_cmp(v->on, f->placement_review) > 0)
		add(v, WK_PLACEMENT_REVIEW, 0, f->placement_review,
		    "监护安置复查已于%s到期，请复查安置情况", day(f->placement_review, b));
	else if (cdate_valid(f->placement_review))
		coming(v, cdate_add_days(f->placement_review, 1));
}

int warnings_evaluate(const struct warning_facts *f, const struct warning_settings *s,
		      struct cdate on, struct warning_item *out, int max, struct cdate *next)
{
	if (!f || !s || !out || max < 0 || !cdate_valid(on) || f->nproblems < 0 ||
	    (f->nproblems && !f->problems) || s->high_risk_no_visit_days < 1 ||
	    s->turning_warn_days < 0 || s->problem_escalate_days < 0)
		return -1;
	struct eval v = { .out = out, .max = max, .on = on };
	if (f->active) {
		if (f->sched && f->sched->active) {
			overdue(&v, &f->sched->contact, WK_CONTACT_OVERDUE, "联系");
			overdue(&v, &f->sched->visit, WK_VISIT_OVERDUE, "入户走访");
		}
		high_risk(&v, f, s->high_risk_no_visit_days);
		newly_red(&v, f);
		caregiver(&v, f);
		problems(&v, f, s->problem_escalate_days);
		if (f->file.left_behind)
			turning(&v, f, 16, s->turning_warn_days, WK_TURNING_16,
				"届时不再属于留守儿童，请核实类别或办理退出");
		turning(&v, f, 18, s->turning_warn_days, WK_TURNING_18,
			"届时将退出未成年人关爱服务，请提前做好衔接");
		file_gaps(&v, f);
		guardianship(&v, f);
		case_days(&v, f);
	}
	if (v.overflow)
		return -1;
	if (next)
		*next = v.next;
	return v.n;
}
