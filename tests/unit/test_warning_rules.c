/* Unit tests for src/domain/warning_rules.c: each warning kind opens on its first day and not the
 * day before, closes when its condition clears, problems escalate after problem_escalate_days,
 * the 16th/18th birthday windows (a 29 February birthday too), what an incomplete file lacks,
 * exited children, and the next day the calendar alone changes the answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/warning_rules.h"

static struct cdate ymd(int y, int m, int d)
{
	struct cdate r = { y, m, d };
	return r;
}

static void assert_date(struct cdate got, int y, int m, int d)
{
	if (got.y != y || got.m != m || got.d != d)
		fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", got.y, got.m, got.d, y, m, d);
}

static void assert_contains(const char *s, const char *part)
{
	if (strstr(s, part) == NULL)
		fail_msg("\"%s\" does not contain \"%s\"", s, part);
}

static const struct warning_settings SET = { .high_risk_no_visit_days = 30,
					     .turning_warn_days = 30,
					     .problem_escalate_days = 0 };

/* An active child born 2016-05-10, registered 2024-01-01, with a complete file, not due, green. */
static struct warning_facts base(struct schedule *sched)
{
	struct warning_facts f;
	memset(&f, 0, sizeof f);
	memset(sched, 0, sizeof *sched);
	sched->active = 1;
	sched->contact.state = SCHED_NOT_DUE;
	sched->contact.due = ymd(2026, 12, 20);
	sched->visit.state = SCHED_NOT_DUE;
	sched->visit.due = ymd(2027, 1, 20);
	f.active = 1;
	f.birth = ymd(2016, 5, 10);
	f.registered = ymd(2024, 1, 1);
	f.sched = sched;
	f.level = RISK_GREEN;
	f.previous = RISK_GREEN;
	f.last_home_visit = ymd(2026, 10, 20);
	f.file = (struct warning_file_facts){ .has_director = 1, .left_behind = 1,
					      .has_caregiver = 1, .has_contact_phone = 1,
					      .in_school = 1, .has_school = 1 };
	return f;
}

#define MAXW 16

static int eval(const struct warning_facts *f, const struct warning_settings *s, struct cdate on,
		struct warning_item *out, struct cdate *next)
{
	int n = warnings_evaluate(f, s, on, out, MAXW, next);
	assert_true(n >= 0);
	return n;
}

/* The item of kind (and ref) in out, or NULL. */
static const struct warning_item *find(const struct warning_item *out, int n,
				       enum warning_kind kind, int64_t ref)
{
	for (int i = 0; i < n; i++)
		if (out[i].kind == kind && out[i].ref_id == ref)
			return &out[i];
	return NULL;
}

static void kind_codes_round_trip(void **state)
{
	(void)state;
	for (int k = 0; k < WK_COUNT; k++) {
		assert_true(warning_kind_code(k)[0] != '\0');
		assert_true(warning_kind_name(k)[0] != '\0');
		assert_int_equal(warning_kind_from_code(warning_kind_code(k)), k);
	}
	assert_string_equal(warning_kind_code(WK_PROBLEM_OVERDUE), "problem_overdue");
	assert_string_equal(warning_kind_name(WK_NEWLY_RED), "新增高风险");
	assert_int_equal(warning_kind_from_code("nonsense"), -1);
	assert_int_equal(warning_kind_from_code(NULL), -1);
	assert_string_equal(warning_kind_code(WK_COUNT), "");
}

static void nothing_for_a_child_in_order(void **state)
{
	(void)state;
	struct schedule sc;
	struct warning_facts f = base(&sc);
	struct warning_item out[MAXW];
	struct cdate next;
	assert_int_equal(eval(&f, &SET, ymd(2026, 11, 22), out, &next), 0);
	/* the contact falls due on 2026-12-20: overdue from the 21st */
	assert_date(next, 2026, 12, 21);
}

static void overdue_contact_and_visit_from_the_schedule(void **state)
{
	(void)state;
	struct schedule sc;
	struct warning_facts f = base(&sc);
	struct warning_item out[MAXW];
	sc.contact.state = SCHED_OVERDUE;
	sc.contact.due = ymd(2026, 11, 1);
	sc.visit.state = SCHED_OVERDUE;
	sc.visit.due = ymd(2026, 11, 10);
	int n = eval(&f, &SET, ymd(2026, 11, 22), out, NULL);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].kind, WK_CONTACT_OVERDUE);
	assert_date(out[0].due_on, 2026, 11, 1);
	assert_contains(out[0].message, "2026-11-01");
	assert_int_equal(out[1].kind, WK_VISIT_OVERDUE);
	assert_contains(out[1].message, "入户走访");
	/* the message does not change from day to day (nothing is rewritten by the sweep) */
	struct warning_item later[MAXW];
	eval(&f, &SET, ymd(2026, 11, 23), later, NULL);
	assert_string_equal(later[0].message, out[0].message);
	/* an exited child has no schedule and no warning at all */
	sc.active = 0;
	assert_int_equal(eval(&f, &SET, ymd(2026, 11, 22), out, NULL), 0);
	f.active = 0;
	sc.active = 1;
	assert_int_equal(eval(&f, &SET, ymd(2026, 11, 22), out, NULL), 0);
}

static void high_risk_without_a_home_visit(void **state)
{
	(void)state;
	struct schedule sc;
	struct warning_facts f = base(&sc);
	struct warning_item out[MAXW];
	struct cdate next;
	f.level = RISK_RED;
	f.previous = RISK_RED;
	f.last_home_visit = ymd(2026, 10, 1);
	/* 29 days after the last home visit: not yet; the 30th day opens it */
	assert_null(find(out, eval(&f, &SET, ymd(2026, 10, 30), out, &next), WK_HIGH_RISK_NO_VISIT, 0));
	assert_date(next, 2026, 10, 31);
	int n = eval(&f, &SET, ymd(2026, 10, 31), out, NULL);
	const struct warning_item *w = find(out, n, WK_HIGH_RISK_NO_VISIT, 0);
	assert_non_null(w);
	assert_date(w->due_on, 2026, 10, 31);
	assert_contains(w->message, "30天");
	assert_contains(w->message, "2026-10-01");
	/* orange: never */
	f.level = RISK_ORANGE;
	assert_null(find(out, eval(&f, &SET, ymd(2026, 12, 31), out, NULL), WK_HIGH_RISK_NO_VISIT, 0));
	/* never visited: counted from registration */
	f.level = RISK_RED;
	f.last_home_visit = ymd(0, 0, 0);
	f.registered = ymd(2026, 11, 1);
	assert_null(find(out, eval(&f, &SET, ymd(2026, 11, 30), out, NULL), WK_HIGH_RISK_NO_VISIT, 0));
	n = eval(&f, &SET, ymd(2026, 12, 1), out, NULL);
	w = find(out, n, WK_HIGH_RISK_NO_VISIT, 0);
	assert_non_null(w);
	assert_contains(w->message, "登记以来");
}

static void newly_red_opens_and_closes(void **state)
{
	(void)state;
	struct schedule sc;
	struct warning_facts f = base(&sc);
	struct warning_item out[MAXW];
	struct cdate next;
	f.last_home_visit = ymd(2026, 11, 15);
	/* the level becomes red now */
	f.previous = RISK_ORANGE;
	f.level = RISK_RED;
	int n = eval(&f, &SET, ymd(2026, 11, 20), out, &next);
	const struct warning_item *w = find(out, n, WK_NEWLY_RED, 0);
	assert_non_null(w);
	assert_date(w->due_on, 2026, 11, 20);
	assert_contains(w->message, "2026-11-20");
	assert_date(next, 2026, 11, 27);
	/* first grading straight to red counts too */
	f.previous = RISK_UNSET;
	assert_non_null(find(out, eval(&f, &SET, ymd(2026, 11, 20), out, NULL), WK_NEWLY_RED, 0));
	/* red before and no open warning: nothing new */
	f.previous = RISK_RED;
	assert_null(find(out, eval(&f, &SET, ymd(2026, 11, 20), out, NULL), WK_NEWLY_RED, 0));
	/* later refreshes keep the open one for 7 days... */
	f.newly_red_since = ymd(2026, 11, 20);
	assert_non_null(find(out, eval(&f, &SET, ymd(2026, 11, 26), out, NULL), WK_NEWLY_RED, 0));
	assert_null(find(out, eval(&f, &SET, ymd(2026, 11, 27), out, NULL), WK_NEWLY_RED, 0));
	/* ... a home visit on the same day does not close it, one after it does ... */
	f.last_home_visit = ymd(2026, 11, 20);
	assert_non_null(find(out, eval(&f, &SET, ymd(2026, 11, 21), out, NULL), WK_NEWLY_RED, 0));
	f.last_home_visit = ymd(2026, 11, 21);
	assert_null(find(out, eval(&f, &SET, ymd(2026, 11, 21), out, NULL), WK_NEWLY_RED, 0));
	/* ... and so does leaving red */
	f.last_home_visit = ymd(2026, 11, 15);
	f.level = RISK_ORANGE;
	assert_null(find(out, eval(&f, &SET, ymd(2026, 11, 21), out, NULL), WK_NEWLY_RED, 0));
}

static void caregiver_followup_while_untouched(void **state)
{
	(void)state;
	struct schedule sc;
	struct warning_facts f = base(&sc);
	struct warning_item out[MAXW];
	f.caregiver = CC_NEGLECTING;
	f.caregiver_problem_id = 41;
	f.caregiver_problem_deadline = ymd(2026, 11, 29);
	int n = eval(&f, &SET, ymd(2026, 11, 22), out, NULL);
	const struct warning_item *w = find(out, n, WK_CAREGIVER_FOLLOWUP, 41);
	assert_non_null(w);
	assert_contains(w->message, "怠于履行照护职责");
	assert_date(w->due_on, 2026, 11, 29);
	f.caregiver = CC_LACKING;
	w = find(out, eval(&f, &SET, ymd(2026, 11, 22), out, NULL), WK_CAREGIVER_FOLLOWUP, 41);
	assert_non_null(w);
	assert_contains(w->message, "缺乏照护能力");
	/* noted or resolved (the caller passes no problem), or a later visit found it adequate */
	f.caregiver_problem_id = 0;
	assert_int_equal(eval(&f, &SET, ymd(2026, 11, 22), out, NULL), 0);
	f.caregiver_problem_id = 41;
	f.caregiver = CC_ADEQUATE;
	assert_int_equal(eval(&f, &SET, ymd(2026, 11, 22), out, NULL), 0);
}

static void problems_overdue_and_escalated(void **state)
{
	(void)state;
	struct schedule sc;
	struct warning_facts f = base(&sc);
	struct warning_item out[MAXW];
	struct cdate next;
	struct warning_problem ps[2] = {
		{ .id = 7, .deadline = ymd(2026, 11, 20), .label = "安全隐患" },
		{ .id = 8 },   /* no deadline: never overdue */
	};
	f.problems = ps;
	f.nproblems = 2;
	struct warning_settings s = SET;
	s.problem_escalate_days = 3;
	/* the deadline day itself is not overdue */
	assert_int_equal(eval(&f, &s, ymd(2026, 11, 20), out, &next), 0);
	assert_date(next, 2026, 11, 21);
	/* overdue from the next day, escalated 3 days after the deadline */
	int n = eval(&f, &s, ymd(2026, 11, 23), out, &next);
	const struct warning_item *w = find(out, n, WK_PROBLEM_OVERDUE, 7);
	assert_non_null(w);
	assert_false(w->escalated);
	assert_false(w->escalate_now);
	assert_contains(w->message, "安全隐患");
	assert_contains(w->message, "2026-11-20");
	assert_date(w->due_on, 2026, 11, 20);
	assert_date(next, 2026, 11, 24);
	n = eval(&f, &s, ymd(2026, 11, 24), out, NULL);
	w = find(out, n, WK_PROBLEM_OVERDUE, 7);
	assert_true(w->escalated);
	assert_true(w->escalate_now);
	assert_contains(w->message, "已升级至乡镇督导员");
	/* once escalated it stays so, and is not escalated again */
	ps[0].escalated = 1;
	w = find(out, eval(&f, &s, ymd(2026, 11, 22), out, NULL), WK_PROBLEM_OVERDUE, 7);
	assert_true(w->escalated);
	assert_false(w->escalate_now);
	/* default 0 days: escalated the day after the deadline */
	ps[0].escalated = 0;
	w = find(out, eval(&f, &SET, ymd(2026, 11, 21), out, NULL), WK_PROBLEM_OVERDUE, 7);
	assert_true(w->escalate_now);
}

static void turning_16_and_18(void **state)
{
	(void)state;
	struct schedule sc;
	struct warning_facts f = base(&sc);
	struct warning_item out[MAXW];
	struct cdate next;
	sc.contact.due = sc.visit.due = ymd(2027, 6, 1);
	f.birth = ymd(2010, 12, 31);   /* 16 on 2026-12-31; warned from 2026-12-01 */
	assert_null(find(out, eval(&f, &SET, ymd(2026, 11, 30), out, &next), WK_TURNING_16, 0));
	assert_date(next, 2026, 12, 1);
	int n = eval(&f, &SET, ymd(2026, 12, 1), out, &next);
	const struct warning_item *w = find(out, n, WK_TURNING_16, 0);
	assert_non_null(w);
	assert_date(w->due_on, 2026, 12, 31);
	assert_contains(w->message, "2026-12-31");
	assert_contains(w->message, "留守儿童");
	assert_date(next, 2026, 12, 31);
	assert_non_null(find(out, eval(&f, &SET, ymd(2026, 12, 30), out, NULL), WK_TURNING_16, 0));
	assert_null(find(out, eval(&f, &SET, ymd(2026, 12, 31), out, NULL), WK_TURNING_16, 0));
	/* 16 matters for a left-behind child only; 18 for every child */
	f.file.left_behind = 0;
	f.file.has_caregiver = 0;
	assert_int_equal(eval(&f, &SET, ymd(2026, 12, 1), out, NULL), 0);
	f.birth = ymd(2008, 12, 31);
	w = find(out, eval(&f, &SET, ymd(2026, 12, 1), out, NULL), WK_TURNING_18, 0);
	assert_non_null(w);
	assert_contains(w->message, "18");
	/* born on 29 February: the birthday is 1 March in a common year */
	f.birth = ymd(2008, 2, 29);
	assert_null(find(out, eval(&f, &SET, ymd(2026, 1, 29), out, NULL), WK_TURNING_18, 0));
	w = find(out, eval(&f, &SET, ymd(2026, 1, 30), out, NULL), WK_TURNING_18, 0);
	assert_non_null(w);
	assert_date(w->due_on, 2026, 3, 1);
	assert_non_null(find(out, eval(&f, &SET, ymd(2026, 2, 28), out, NULL), WK_TURNING_18, 0));
	assert_null(find(out, eval(&f, &SET, ymd(2026, 3, 1), out, NULL), WK_TURNING_18, 0));
	/* turning_warn_days 0: no turning warnings */
	struct warning_settings s = SET;
	s.turning_warn_days = 0;
	assert_null(find(out, eval(&f, &s, ymd(2026, 2, 28), out, NULL), WK_TURNING_18, 0));
}

static void incomplete_file_lists_what_is_missing(void **state)
{
	(void)state;
	struct schedule sc;
	struct warning_facts f = base(&sc);
	struct warning_item out[MAXW];
	f.file = (struct warning_file_facts){ .left_behind = 1, .in_school = 1 };
	int n = eval(&f, &SET, ymd(2026, 11, 22), out, NULL);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].kind, WK_FILE_INCOMPLETE);
	assert_string_equal(out[0].message,
			    "档案不完整，缺少：儿童主任、委托照护人、照护人或监护人联系电话、就读学校");
	/* not left-behind: caregiver and phone are not asked for */
	f.file = (struct warning_file_facts){ .has_director = 1, .in_school = 1 };
	n = eval(&f, &SET, ymd(2026, 11, 22), out, NULL);
	assert_int_equal(n, 1);
	assert_string_equal(out[0].message, "档案不完整，缺少：就读学校");
	/* school age is 6: the day before the 6th birthday no school is asked for */
	struct cdate next;
	f.birth = ymd(2020, 11, 23);
	assert_int_equal(eval(&f, &SET, ymd(2026, 11, 22), out, &next), 0);
	assert_date(next, 2026, 11, 23);
	assert_int_equal(eval(&f, &SET, ymd(2026, 11, 23), out, NULL), 1);
	/* not in school: nothing */
	f.file.in_school = 0;
	assert_int_equal(eval(&f, &SET, ymd(2026, 11, 23), out, NULL), 0);
}

static void next_is_the_earliest_coming_day(void **state)
{
	(void)state;
	struct schedule sc;
	struct warning_facts f = base(&sc);
	struct warning_item out[MAXW];
	struct cdate next;
	struct warning_problem p = { .id = 3, .deadline = ymd(2026, 11, 25) };
	f.problems = &p;
	f.nproblems = 1;
	f.level = RISK_RED;
	f.previous = RISK_RED;
	f.last_home_visit = ymd(2026, 11, 1);   /* 30 days: 2026-12-01 */
	eval(&f, &SET, ymd(2026, 11, 22), out, &next);
	assert_date(next, 2026, 11, 26);
	p.deadline = ymd(2027, 1, 1);
	eval(&f, &SET, ymd(2026, 11, 22), out, &next);
	assert_date(next, 2026, 12, 1);
	/* nothing ahead at all */
	memset(&f, 0, sizeof f);
	f.active = 1;
	f.file.has_director = 1;
	assert_int_equal(eval(&f, &SET, ymd(2026, 11, 22), out, &next), 0);
	assert_false(cdate_is_set(next));
}

static void refuses_what_it_cannot_judge(void **state)
{
	(void)state;
	struct schedule sc;
	struct warning_facts f = base(&sc);
	struct warning_item out[MAXW];
	assert_int_equal(warnings_evaluate(NULL, &SET, ymd(2026, 11, 22), out, MAXW, NULL), -1);
	assert_int_equal(warnings_evaluate(&f, NULL, ymd(2026, 11, 22), out, MAXW, NULL), -1);
	assert_int_equal(warnings_evaluate(&f, &SET, ymd(2026, 2, 30), out, MAXW, NULL), -1);
	struct warning_settings s = SET;
	s.high_risk_no_visit_days = 0;
	assert_int_equal(warnings_evaluate(&f, &s, ymd(2026, 11, 22), out, MAXW, NULL), -1);
	/* room for fewer items than hold */
	f.file.has_director = 0;
	f.level = RISK_RED;
	f.previous = RISK_ORANGE;
	f.last_home_visit = ymd(2026, 11, 20);
	assert_int_equal(warnings_evaluate(&f, &SET, ymd(2026, 11, 22), out, 1, NULL), -1);
	assert_int_equal(warnings_evaluate(&f, &SET, ymd(2026, 11, 22), out, 2, NULL), 2);
}

/* 监护缺失 opens at once, escalated, and closes with a later grade; any grade comes up for
 * reassessment the day after its reassessment day, and not on it. */
static void guardianship_absent_and_reassessment(void **state)
{
	(void)state;
	struct schedule sched;
	struct warning_facts f = base(&sched);
	struct warning_item out[MAXW];
	struct cdate next;
	int n = eval(&f, &SET, ymd(2026, 11, 22), out, &next);
	assert_null(find(out, n, WK_GUARDIANSHIP_ABSENT, 0));
	assert_null(find(out, n, WK_GUARDIANSHIP_REASSESS, 0));

	f.guardianship = GA_ABSENT;
	f.guardianship_next = ymd(2026, 12, 22);
	n = eval(&f, &SET, ymd(2026, 11, 22), out, &next);
	const struct warning_item *w = find(out, n, WK_GUARDIANSHIP_ABSENT, 0);
	assert_non_null(w);
	assert_true(w->escalated);
	assert_contains(w->message, "监护缺失");
	assert_null(find(out, n, WK_GUARDIANSHIP_REASSESS, 0));
	assert_date(next, 2026, 12, 20 + 1);   /* the contact's due day passing comes first */

	n = eval(&f, &SET, ymd(2026, 12, 22), out, NULL);
	assert_null(find(out, n, WK_GUARDIANSHIP_REASSESS, 0));
	n = eval(&f, &SET, ymd(2026, 12, 23), out, NULL);
	w = find(out, n, WK_GUARDIANSHIP_REASSESS, 0);
	assert_non_null(w);
	assert_date(w->due_on, 2026, 12, 22);
	assert_contains(w->message, "2026-12-22");

	f.guardianship = GA_INSUFFICIENT;   /* a later assessment: no longer absent */
	f.guardianship_next = ymd(2027, 5, 22);
	n = eval(&f, &SET, ymd(2026, 12, 23), out, &next);
	assert_null(find(out, n, WK_GUARDIANSHIP_ABSENT, 0));
	assert_null(find(out, n, WK_GUARDIANSHIP_REASSESS, 0));
	f.sched = NULL;   /* only the reassessment day left on the calendar */
	f.birth = ymd(0, 0, 0);
	f.file.left_behind = 0;
	n = eval(&f, &SET, ymd(2026, 12, 23), out, &next);
	assert_date(next, 2027, 5, 23);

	f.active = 0;   /* an exited child has none */
	f.guardianship = GA_ABSENT;
	n = eval(&f, &SET, ymd(2026, 12, 23), out, NULL);
	assert_int_equal(n, 0);
}

/* Issue 5's cases: an after-case visit (案后回访) not made and a placement review (复查) past their
 * days warn from the day after; until then the day after is on the calendar. */
static void case_followup_and_placement_review(void **state)
{
	(void)state;
	struct schedule sched;
	struct warning_facts f = base(&sched);
	struct warning_item out[MAXW];
	struct cdate next;
	f.sched = NULL;   /* only the cases' days on the calendar */
	f.birth = ymd(0, 0, 0);
	f.file.left_behind = 0;
	f.case_followup = ymd(2026, 12, 22);
	f.placement_review = ymd(2027, 1, 5);
	int n = eval(&f, &SET, ymd(2026, 12, 22), out, &next);
	assert_null(find(out, n, WK_CASE_FOLLOWUP, 0));
	assert_null(find(out, n, WK_PLACEMENT_REVIEW, 0));
	assert_date(next, 2026, 12, 23);

	n = eval(&f, &SET, ymd(2026, 12, 23), out, &next);
	const struct warning_item *w = find(out, n, WK_CASE_FOLLOWUP, 0);
	assert_non_null(w);
	assert_date(w->due_on, 2026, 12, 22);
	assert_contains(w->message, "案后回访应于2026-12-22完成");
	assert_false(w->escalated);
	assert_null(find(out, n, WK_PLACEMENT_REVIEW, 0));
	assert_date(next, 2027, 1, 6);

	n = eval(&f, &SET, ymd(2027, 1, 6), out, NULL);
	w = find(out, n, WK_PLACEMENT_REVIEW, 0);
	assert_non_null(w);
	assert_contains(w->message, "2027-01-05");
	assert_string_equal(warning_kind_code(WK_CASE_FOLLOWUP), "case_followup_overdue");
	assert_string_equal(warning_kind_code(WK_PLACEMENT_REVIEW), "placement_review_due");

	f.case_followup = ymd(0, 0, 0);   /* visited: nothing pending */
	f.placement_review = ymd(0, 0, 0);   /* ended */
	n = eval(&f, &SET, ymd(2027, 1, 6), out, NULL);
	assert_null(find(out, n, WK_CASE_FOLLOWUP, 0));
	assert_null(find(out, n, WK_PLACEMENT_REVIEW, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kind_codes_round_trip),
		cmocka_unit_test(nothing_for_a_child_in_order),
		cmocka_unit_test(overdue_contact_and_visit_from_the_schedule),
		cmocka_unit_test(high_risk_without_a_home_visit),
		cmocka_unit_test(newly_red_opens_and_closes),
		cmocka_unit_test(caregiver_followup_while_untouched),
		cmocka_unit_test(problems_overdue_and_escalated),
		cmocka_unit_test(turning_16_and_18),
		cmocka_unit_test(incomplete_file_lists_what_is_missing),
		cmocka_unit_test(next_is_the_earliest_coming_day),
		cmocka_unit_test(refuses_what_it_cannot_judge),
		cmocka_unit_test(guardianship_absent_and_reassessment),
		cmocka_unit_test(case_followup_and_placement_review),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
