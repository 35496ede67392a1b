/* Unit tests for src/domain/schedule.c: due dates by the calendar (month ends, leap years), the
 * states around the due day, the first visit of a new registration, the shorter intervals of
 * 003#9 and of high risk, exited children, settings limits and the reasons given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/schedule.h"

static struct cdate ymd(int y, int m, int d)
{
	struct cdate r = { y, m, d };
	return r;
}

static void assert_date(struct cdate got, int y, int m, int d)
{
	assert_int_equal(got.y, y);
	assert_int_equal(got.m, m);
	assert_int_equal(got.d, d);
}

static void assert_contains(const char *s, const char *part)
{
	if (strstr(s, part) == NULL)
		fail_msg("\"%s\" does not contain \"%s\"", s, part);
}

static struct schedule_settings defaults(void)
{
	struct schedule_settings s;
	schedule_settings_default(&s);
	return s;
}

/* A child registered long ago with both kinds of record; green risk, no 003#9 condition. */
static struct schedule_facts child(struct cdate last_contact, struct cdate last_visit)
{
	struct schedule_facts f;
	memset(&f, 0, sizeof(f));
	f.registered = ymd(2020, 1, 1);
	f.last_contact = last_contact;
	f.last_home_visit = last_visit;
	f.risk = RISK_GREEN;
	return f;
}

static struct schedule run(const struct schedule_facts *f, const struct schedule_settings *s,
			   struct cdate on)
{
	struct schedule r;
	assert_int_equal(schedule_compute(f, s, on, &r), 0);
	return r;
}

static void default_settings(void **state)
{
	struct schedule_settings s = defaults();
	assert_int_equal(s.contact.months, 1);
	assert_int_equal(s.contact.days, 0);
	assert_int_equal(s.visit.months, 3);
	assert_int_equal(s.fragile_visit.months, 1);
	assert_int_equal(s.orange_visit.months, 1);
	assert_int_equal(s.red_contact.months, 0);
	assert_int_equal(s.red_contact.days, 14);
	assert_int_equal(s.red_visit.months, 1);
	assert_int_equal(s.first_visit_days, 15);
	assert_int_equal(s.due_soon_days, 7);
	const char *field = "x";
	assert_int_equal(schedule_settings_check(&s, &field), 0);
	assert_null(field);
}

static void settings_limits(void **state)
{
	const char *field = NULL;
	struct schedule_settings s = defaults();
	s.contact = (struct sched_interval){ 0, 0 };   /* never due: not an interval */
	assert_int_equal(schedule_settings_check(&s, &field), -1);
	assert_string_equal(field, "contact");

	s = defaults();
	s.visit.months = -1;
	assert_int_equal(schedule_settings_check(&s, &field), -1);
	assert_string_equal(field, "visit");
	s.visit.months = 25;
	assert_int_equal(schedule_settings_check(&s, &field), -1);
	s.visit.months = 24;
	assert_int_equal(schedule_settings_check(&s, &field), 0);

	s = defaults();
	s.red_contact.days = 367;
	assert_int_equal(schedule_settings_check(&s, &field), -1);
	assert_string_equal(field, "red_contact");
	s.red_contact.days = 366;
	assert_int_equal(schedule_settings_check(&s, NULL), 0);

	s = defaults();
	s.fragile_visit.days = -1;
	assert_int_equal(schedule_settings_check(&s, &field), -1);
	assert_string_equal(field, "fragile_visit");

	s = defaults();
	s.first_visit_days = -1;
	assert_int_equal(schedule_settings_check(&s, &field), -1);
	assert_string_equal(field, "first_visit_days");
	s.first_visit_days = 366;
	assert_int_equal(schedule_settings_check(&s, &field), -1);
	s.first_visit_days = 0;
	assert_int_equal(schedule_settings_check(&s, &field), 0);

	s = defaults();
	s.due_soon_days = 91;
	assert_int_equal(schedule_settings_check(&s, &field), -1);
	assert_string_equal(field, "due_soon_days");

	assert_int_equal(schedule_settings_check(NULL, &field), -1);

	/* schedule_compute refuses settings that do not check */
	s = defaults();
	s.orange_visit = (struct sched_interval){ 0, 0 };
	struct schedule_facts f = child(ymd(2025, 3, 1), ymd(2025, 3, 1));
	struct schedule r;
	assert_int_equal(schedule_compute(&f, &s, ymd(2025, 3, 2), &r), -1);
}

static void regular_contact_and_visit(void **state)
{
	struct schedule_settings s = defaults();
	struct schedule_facts f = child(ymd(2025, 3, 10), ymd(2025, 2, 10));
	struct schedule r = run(&f, &s, ymd(2025, 3, 20));
	assert_true(r.active);
	assert_int_equal(r.conditions, 0);

	assert_date(r.contact.due, 2025, 4, 10);
	assert_date(r.contact.last, 2025, 3, 10);
	assert_int_equal(r.contact.state, SCHED_NOT_DUE);
	assert_int_equal(r.contact.days_left, 21);
	assert_int_equal(r.contact.days_overdue, 0);
	assert_int_equal(r.contact.basis, SB_REGULAR);
	assert_int_equal(r.contact.interval.months, 1);
	assert_string_equal(r.contact.reason, "常规：至少每月联系一次（000#8、002#8、003#9）");

	assert_date(r.visit.due, 2025, 5, 10);
	assert_date(r.visit.last, 2025, 2, 10);
	assert_int_equal(r.visit.state, SCHED_NOT_DUE);
	assert_int_equal(r.visit.basis, SB_REGULAR);
	assert_string_equal(r.visit.reason, "常规：至少每3个月入户走访一次（000#8、002#8、003#9）");
}

static void month_ends_clamp(void **state)
{
	struct schedule_settings s = defaults();
	/* 31 January + 1 month: the last day of February, not 3 March */
	struct schedule_facts f = child(ymd(2025, 1, 31), ymd(2024, 11, 30));
	struct schedule r = run(&f, &s, ymd(2025, 2, 1));
	assert_date(r.contact.due, 2025, 2, 28);
	assert_date(r.visit.due, 2025, 2, 28);   /* 30 November + 3 months */

	f = child(ymd(2025, 3, 31), ymd(2025, 3, 31));
	r = run(&f, &s, ymd(2025, 4, 1));
	assert_date(r.contact.due, 2025, 4, 30);
	assert_date(r.visit.due, 2025, 6, 30);

	/* across the year */
	f = child(ymd(2025, 12, 31), ymd(2025, 11, 30));
	r = run(&f, &s, ymd(2026, 1, 1));
	assert_date(r.contact.due, 2026, 1, 31);
	assert_date(r.visit.due, 2026, 2, 28);

	/* the clamped due day counts: overdue on 1 March */
	f = child(ymd(2025, 1, 31), ymd(2025, 1, 31));
	r = run(&f, &s, ymd(2025, 3, 1));
	assert_int_equal(r.contact.state, SCHED_OVERDUE);
	assert_int_equal(r.contact.days_overdue, 1);
}

static void leap_years(void **state)
{
	struct schedule_settings s = defaults();
	struct schedule_facts f = child(ymd(2024, 1, 31), ymd(2023, 11, 30));
	struct schedule r = run(&f, &s, ymd(2024, 2, 1));
	assert_date(r.contact.due, 2024, 2, 29);
	assert_date(r.visit.due, 2024, 2, 29);

	/* from 29 February itself */
	f = child(ymd(2024, 2, 29), ymd(2024, 2, 29));
	r = run(&f, &s, ymd(2024, 3, 1));
	assert_date(r.contact.due, 2024, 3, 29);
	assert_date(r.visit.due, 2024, 5, 29);

	/* 29 February is a day like any other in days: due today, then overdue by 1 */
	f = child(ymd(2024, 1, 29), ymd(2024, 1, 29));
	r = run(&f, &s, ymd(2024, 2, 29));
	assert_date(r.contact.due, 2024, 2, 29);
	assert_int_equal(r.contact.state, SCHED_DUE_TODAY);
	r = run(&f, &s, ymd(2024, 3, 1));
	assert_int_equal(r.contact.state, SCHED_OVERDUE);
	assert_int_equal(r.contact.days_overdue, 1);

	/* days across February: 14 days after 20 February */
	f = child(ymd(2024, 2, 20), ymd(2024, 2, 20));
	f.risk = RISK_RED;
	r = run(&f, &s, ymd(2024, 2, 21));
	assert_date(r.contact.due, 2024, 3, 5);
	f = child(ymd(2023, 2, 20), ymd(2023, 2, 20));
	f.risk = RISK_RED;
	r = run(&f, &s, ymd(2023, 2, 21));
	assert_date(r.contact.due, 2023, 3, 6);

	/* a whole leap year overdue */
	f = child(ymd(2024, 1, 1), ymd(2024, 1, 1));
	r = run(&f, &s, ymd(2025, 1, 1));
	assert_date(r.visit.due, 2024, 4, 1);
	assert_int_equal(r.visit.state, SCHED_OVERDUE);
	assert_int_equal(r.visit.days_overdue, 275);
	assert_int_equal(r.visit.days_left, -275);
}

static void due_soon_today_overdue(void **state)
{
	struct schedule_settings s = defaults();
	/* contact due 10 April */
	struct schedule_facts f = child(ymd(2025, 3, 10), ymd(2025, 3, 10));
	struct schedule r = run(&f, &s, ymd(2025, 4, 2));
	assert_int_equal(r.contact.state, SCHED_NOT_DUE);   /* 8 days away */
	assert_int_equal(r.contact.days_left, 8);
	r = run(&f, &s, ymd(2025, 4, 3));
	assert_int_equal(r.contact.state, SCHED_DUE_SOON);  /* 7 days: the window's first day */
	assert_int_equal(r.contact.days_left, 7);
	r = run(&f, &s, ymd(2025, 4, 9));
	assert_int_equal(r.contact.state, SCHED_DUE_SOON);
	assert_int_equal(r.contact.days_left, 1);
	r = run(&f, &s, ymd(2025, 4, 10));
	assert_int_equal(r.contact.state, SCHED_DUE_TODAY);
	assert_int_equal(r.contact.days_left, 0);
	assert_int_equal(r.contact.days_overdue, 0);
	r = run(&f, &s, ymd(2025, 4, 11));
	assert_int_equal(r.contact.state, SCHED_OVERDUE);
	assert_int_equal(r.contact.days_left, -1);
	assert_int_equal(r.contact.days_overdue, 1);

	/* a window of 0 days: nothing is "soon" */
	s.due_soon_days = 0;
	r = run(&f, &s, ymd(2025, 4, 9));
	assert_int_equal(r.contact.state, SCHED_NOT_DUE);
	r = run(&f, &s, ymd(2025, 4, 10));
	assert_int_equal(r.contact.state, SCHED_DUE_TODAY);

	/* a record dated after `on` (a clock set back) is simply not due */
	s = defaults();
	r = run(&f, &s, ymd(2025, 3, 1));
	assert_int_equal(r.contact.state, SCHED_NOT_DUE);
	assert_int_equal(r.contact.days_left, 40);
}

static void state_on_directly(void **state)
{
	int left = 99;
	assert_int_equal(schedule_state_on(ymd(2025, 1, 10), ymd(2025, 1, 3), 7, &left),
			 SCHED_DUE_SOON);
	assert_int_equal(left, 7);
	assert_int_equal(schedule_state_on(ymd(2025, 1, 10), ymd(2025, 1, 2), 7, NULL),
			 SCHED_NOT_DUE);
	assert_int_equal(schedule_state_on(ymd(2025, 1, 10), ymd(2025, 1, 10), 7, NULL),
			 SCHED_DUE_TODAY);
	assert_int_equal(schedule_state_on(ymd(2025, 1, 10), ymd(2025, 1, 11), 7, &left),
			 SCHED_OVERDUE);
	assert_int_equal(left, -1);
	assert_int_equal(schedule_state_on(ymd(0, 0, 0), ymd(2025, 1, 11), 7, &left), SCHED_NONE);
	assert_int_equal(left, 0);
	assert_int_equal(schedule_state_on(ymd(2025, 1, 10), ymd(2025, 2, 30), 7, NULL),
			 SCHED_NONE);
}

static void home_visit_counts_as_contact(void **state)
{
	struct schedule_settings s = defaults();
	/* the caller's last contact is older than the last home visit */
	struct schedule_facts f = child(ymd(2025, 1, 5), ymd(2025, 2, 1));
	struct schedule r = run(&f, &s, ymd(2025, 2, 10));
	assert_date(r.contact.last, 2025, 2, 1);
	assert_date(r.contact.due, 2025, 3, 1);
	assert_int_equal(r.contact.state, SCHED_NOT_DUE);

	/* no contact recorded at all, only a visit */
	f = child(ymd(0, 0, 0), ymd(2025, 2, 1));
	r = run(&f, &s, ymd(2025, 2, 10));
	assert_date(r.contact.due, 2025, 3, 1);
	assert_int_equal(r.contact.basis, SB_REGULAR);

	/* a phone contact after the visit moves the contact, not the visit */
	f = child(ymd(2025, 3, 3), ymd(2025, 2, 1));
	r = run(&f, &s, ymd(2025, 3, 10));
	assert_date(r.contact.due, 2025, 4, 3);
	assert_date(r.visit.due, 2025, 5, 1);
}

static void first_visit_of_a_new_registration(void **state)
{
	struct schedule_settings s = defaults();
	struct schedule_facts f = child(ymd(0, 0, 0), ymd(0, 0, 0));
	f.registered = ymd(2025, 3, 1);
	struct schedule r = run(&f, &s, ymd(2025, 3, 1));
	assert_date(r.visit.due, 2025, 3, 16);
	assert_int_equal(r.visit.basis, SB_FIRST);
	assert_int_equal(r.visit.interval.days, 15);
	assert_false(cdate_is_set(r.visit.last));
	assert_int_equal(r.visit.state, SCHED_NOT_DUE);
	assert_int_equal(r.visit.days_left, 15);
	assert_string_equal(r.visit.reason, "新登记儿童：登记后15天内首次入户走访（县级设置）");
	/* the first home visit is also the first contact */
	assert_date(r.contact.due, 2025, 3, 16);
	assert_int_equal(r.contact.basis, SB_FIRST);
	assert_contains(r.contact.reason, "首次联系");

	r = run(&f, &s, ymd(2025, 3, 9));
	assert_int_equal(r.visit.state, SCHED_DUE_SOON);
	r = run(&f, &s, ymd(2025, 3, 16));
	assert_int_equal(r.visit.state, SCHED_DUE_TODAY);
	r = run(&f, &s, ymd(2025, 3, 17));
	assert_int_equal(r.visit.state, SCHED_OVERDUE);
	assert_int_equal(r.visit.days_overdue, 1);

	/* 15 days across February, leap and common */
	f.registered = ymd(2024, 2, 20);
	r = run(&f, &s, ymd(2024, 2, 20));
	assert_date(r.visit.due, 2024, 3, 6);
	f.registered = ymd(2023, 2, 20);
	r = run(&f, &s, ymd(2023, 2, 20));
	assert_date(r.visit.due, 2023, 3, 7);

	/* a phone contact made but no home visit yet: the visit is still the first one */
	f.registered = ymd(2025, 3, 1);
	f.last_contact = ymd(2025, 3, 5);
	r = run(&f, &s, ymd(2025, 3, 10));
	assert_date(r.contact.due, 2025, 4, 5);
	assert_int_equal(r.contact.basis, SB_REGULAR);
	assert_date(r.visit.due, 2025, 3, 16);
	assert_int_equal(r.visit.basis, SB_FIRST);

	/* a county that wants the first visit on the day of registration */
	s.first_visit_days = 0;
	f.last_contact = ymd(0, 0, 0);
	r = run(&f, &s, ymd(2025, 3, 1));
	assert_date(r.visit.due, 2025, 3, 1);
	assert_int_equal(r.visit.state, SCHED_DUE_TODAY);

	/* a longer first-visit period never beats a shorter regular interval */
	s = defaults();
	s.first_visit_days = 60;
	r = run(&f, &s, ymd(2025, 3, 1));
	assert_date(r.contact.due, 2025, 4, 1);
	assert_int_equal(r.contact.basis, SB_REGULAR);
	assert_date(r.visit.due, 2025, 4, 30);
	assert_int_equal(r.visit.basis, SB_FIRST);

	/* a red child: a contact within 14 days, sooner than the first visit */
	s = defaults();
	f.risk = RISK_RED;
	r = run(&f, &s, ymd(2025, 3, 1));
	assert_date(r.contact.due, 2025, 3, 15);
	assert_int_equal(r.contact.basis, SB_RED);
	assert_date(r.visit.due, 2025, 3, 16);
	assert_int_equal(r.visit.basis, SB_FIRST);

	/* no record and no registration date: nothing to count from */
	f = child(ymd(0, 0, 0), ymd(0, 0, 0));
	f.registered = ymd(0, 0, 0);
	assert_int_equal(schedule_compute(&f, &s, ymd(2025, 3, 1), &r), -1);
	/* with both records the registration date is not needed */
	f = child(ymd(2025, 2, 1), ymd(2025, 2, 1));
	f.registered = ymd(0, 0, 0);
	r = run(&f, &s, ymd(2025, 3, 1));
	assert_date(r.visit.due, 2025, 5, 1);
}

/* Each condition of 003#9 alone makes the home visit monthly. */
static void fragile_conditions(void **state)
{
	static const struct {
		int which;
		uint32_t bit;
		const char *name;
	} cases[] = {
		{ 0, SC_PARENT_SEVERE_DISABILITY, "父母一方或双方严重身体或智力残疾" },
		{ 1, SC_CHILD_DISABLED, "儿童本人身体或智力残疾" },
		{ 2, SC_PSYCH_ABNORMAL, "有心理或行为异常" },
		{ 3, SC_SINGLE_PARENT, "单亲家庭" },
	};
	struct schedule_settings s = defaults();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct schedule_facts f = child(ymd(2025, 1, 31), ymd(2025, 1, 31));
		f.parent_severe_disability = cases[i].which == 0;
		f.child_disabled = cases[i].which == 1;
		f.psych_abnormal = cases[i].which == 2;
		f.single_parent = cases[i].which == 3;
		struct schedule r = run(&f, &s, ymd(2025, 2, 1));
		assert_int_equal(r.conditions, cases[i].bit);
		assert_date(r.visit.due, 2025, 2, 28);   /* monthly instead of 30 April */
		assert_int_equal(r.visit.basis, SB_FRAGILE);
		assert_int_equal(r.visit.interval.months, 1);
		assert_contains(r.visit.reason, cases[i].name);
		assert_contains(r.visit.reason, "加大走访频次：每月入户走访一次（003#9）");
		/* the contact stays monthly; the equal fragile interval names it */
		assert_date(r.contact.due, 2025, 2, 28);
		assert_int_equal(r.contact.basis, SB_FRAGILE);
	}

	/* several conditions: all named */
	struct schedule_facts f = child(ymd(2025, 1, 10), ymd(2025, 1, 10));
	f.child_disabled = 1;
	f.single_parent = 1;
	struct schedule r = run(&f, &s, ymd(2025, 1, 11));
	assert_int_equal(r.conditions, SC_CHILD_DISABLED | SC_SINGLE_PARENT);
	assert_string_equal(r.visit.reason,
			    "儿童本人身体或智力残疾、单亲家庭，"
			    "加大走访频次：每月入户走访一次（003#9）");

	/* all four still fit the reason */
	f.parent_severe_disability = f.psych_abnormal = 1;
	r = run(&f, &s, ymd(2025, 1, 11));
	assert_contains(r.visit.reason, "父母一方或双方严重身体或智力残疾、儿童本人身体或智力残疾、"
					"有心理或行为异常、单亲家庭，加大走访频次");
	assert_contains(r.visit.reason, "（003#9）");

	/* a county's shorter fragile contact interval */
	s.fragile_contact = (struct sched_interval){ 0, 20 };
	r = run(&f, &s, ymd(2025, 1, 11));
	assert_date(r.contact.due, 2025, 1, 30);
	assert_int_equal(r.contact.basis, SB_FRAGILE);
	assert_contains(r.contact.reason, "每20天联系一次");

	/* no condition: quarterly */
	s = defaults();
	f = child(ymd(2025, 1, 10), ymd(2025, 1, 10));
	r = run(&f, &s, ymd(2025, 1, 11));
	assert_date(r.visit.due, 2025, 4, 10);
	assert_int_equal(r.visit.basis, SB_REGULAR);
}

static void risk_levels(void **state)
{
	struct schedule_settings s = defaults();
	struct schedule_facts f = child(ymd(2025, 1, 31), ymd(2025, 1, 31));

	f.risk = RISK_RED;
	struct schedule r = run(&f, &s, ymd(2025, 2, 1));
	assert_date(r.contact.due, 2025, 2, 14);   /* two weeks */
	assert_int_equal(r.contact.basis, SB_RED);
	assert_int_equal(r.contact.interval.days, 14);
	assert_string_equal(r.contact.reason,
			    "风险等级红：每14天联系一次（004 三(一) 分级划定风险）");
	assert_date(r.visit.due, 2025, 2, 28);
	assert_int_equal(r.visit.basis, SB_RED);
	assert_string_equal(r.visit.reason,
			    "风险等级红：每月入户走访一次（004 三(一) 分级划定风险）");

	f.risk = RISK_ORANGE;
	r = run(&f, &s, ymd(2025, 2, 1));
	assert_date(r.contact.due, 2025, 2, 28);
	assert_int_equal(r.contact.basis, SB_ORANGE);
	assert_date(r.visit.due, 2025, 2, 28);
	assert_int_equal(r.visit.basis, SB_ORANGE);
	assert_contains(r.visit.reason, "风险等级橙：每月入户走访一次");

	f.risk = RISK_YELLOW;
	r = run(&f, &s, ymd(2025, 2, 1));
	assert_date(r.visit.due, 2025, 4, 30);
	assert_int_equal(r.visit.basis, SB_REGULAR);
	f.risk = RISK_UNSET;
	r = run(&f, &s, ymd(2025, 2, 1));
	assert_date(r.visit.due, 2025, 4, 30);
	assert_int_equal(r.visit.basis, SB_REGULAR);

	/* red and a 003#9 condition on the same day: red, the more specific, is named */
	f.risk = RISK_RED;
	f.single_parent = 1;
	r = run(&f, &s, ymd(2025, 2, 1));
	assert_int_equal(r.visit.basis, SB_RED);
	assert_int_equal(r.conditions, SC_SINGLE_PARENT);

	/* a shorter fragile interval beats red */
	s.fragile_visit = (struct sched_interval){ 0, 21 };
	r = run(&f, &s, ymd(2025, 2, 1));
	assert_date(r.visit.due, 2025, 2, 21);
	assert_int_equal(r.visit.basis, SB_FRAGILE);
}

static void longer_special_interval_never_lengthens(void **state)
{
	struct schedule_settings s = defaults();
	s.fragile_visit = (struct sched_interval){ 6, 0 };
	s.red_contact = (struct sched_interval){ 2, 0 };
	struct schedule_facts f = child(ymd(2025, 1, 10), ymd(2025, 1, 10));
	f.single_parent = 1;
	f.risk = RISK_RED;
	struct schedule r = run(&f, &s, ymd(2025, 1, 11));
	assert_date(r.visit.due, 2025, 2, 10);   /* red_visit, 1 month */
	assert_int_equal(r.visit.basis, SB_RED);
	assert_date(r.contact.due, 2025, 2, 10);   /* fragile_contact: 1 month */
	assert_int_equal(r.contact.basis, SB_FRAGILE);
}

static void county_intervals(void **state)
{
	struct schedule_settings s = defaults();
	s.contact = (struct sched_interval){ 1, 5 };   /* months first, then days */
	s.visit = (struct sched_interval){ 2, 0 };
	struct schedule_facts f = child(ymd(2025, 1, 31), ymd(2025, 1, 31));
	struct schedule r = run(&f, &s, ymd(2025, 2, 1));
	assert_date(r.contact.due, 2025, 3, 5);   /* 28 February + 5 days */
	assert_string_equal(r.contact.reason, "常规：至少每1个月零5天联系一次（县级设置）");
	assert_date(r.visit.due, 2025, 3, 31);
	assert_string_equal(r.visit.reason, "常规：至少每2个月入户走访一次（县级设置）");
}

static void exited_has_no_schedule(void **state)
{
	struct schedule_settings s = defaults();
	struct schedule_facts f = child(ymd(2024, 1, 1), ymd(2024, 1, 1));
	f.exited = 1;
	f.risk = RISK_RED;
	f.single_parent = 1;
	struct schedule r = run(&f, &s, ymd(2025, 1, 1));
	assert_false(r.active);
	assert_int_equal(r.conditions, 0);
	assert_int_equal(r.contact.state, SCHED_NONE);
	assert_int_equal(r.visit.state, SCHED_NONE);
	assert_int_equal(r.contact.basis, SB_NONE);
	assert_false(cdate_is_set(r.contact.due));
	assert_false(cdate_is_set(r.visit.due));
	assert_int_equal(r.visit.days_overdue, 0);
	assert_contains(r.contact.reason, "已退出关爱服务");
	assert_contains(r.visit.reason, "已退出关爱服务");

	/* an exited file with broken dates is still simply out of the schedule */
	f.last_contact = ymd(2023, 2, 29);
	f.registered = ymd(0, 0, 0);
	r = run(&f, &s, ymd(2025, 1, 1));
	assert_false(r.active);
}

static void invalid_inputs(void **state)
{
	struct schedule_settings s = defaults();
	struct schedule_facts f = child(ymd(2025, 1, 1), ymd(2025, 1, 1));
	struct schedule r;
	assert_int_equal(schedule_compute(&f, &s, ymd(2025, 2, 30), &r), -1);
	assert_int_equal(schedule_compute(&f, &s, ymd(0, 0, 0), &r), -1);
	assert_int_equal(schedule_compute(NULL, &s, ymd(2025, 2, 1), &r), -1);
	assert_int_equal(schedule_compute(&f, NULL, ymd(2025, 2, 1), &r), -1);
	assert_int_equal(schedule_compute(&f, &s, ymd(2025, 2, 1), NULL), -1);
	f.last_contact = ymd(2023, 2, 29);   /* set, but no such day */
	assert_int_equal(schedule_compute(&f, &s, ymd(2025, 2, 1), &r), -1);
	f = child(ymd(2025, 1, 1), ymd(2025, 13, 1));
	assert_int_equal(schedule_compute(&f, &s, ymd(2025, 2, 1), &r), -1);
	f = child(ymd(2025, 1, 1), ymd(2025, 1, 1));
	f.registered = ymd(2025, 4, 31);
	assert_int_equal(schedule_compute(&f, &s, ymd(2025, 2, 1), &r), -1);
	/* a due date beyond year 9999 */
	f = child(ymd(9999, 12, 20), ymd(9999, 12, 20));
	f.registered = ymd(9999, 12, 1);
	assert_int_equal(schedule_compute(&f, &s, ymd(9999, 12, 21), &r), -1);
}

static void codes_and_names(void **state)
{
	assert_string_equal(sched_state_code(SCHED_NONE), "none");
	assert_string_equal(sched_state_code(SCHED_NOT_DUE), "not_due");
	assert_string_equal(sched_state_code(SCHED_DUE_SOON), "due_soon");
	assert_string_equal(sched_state_code(SCHED_DUE_TODAY), "due_today");
	assert_string_equal(sched_state_code(SCHED_OVERDUE), "overdue");
	assert_string_equal(sched_state_code((enum sched_state)9), "");
	assert_string_equal(sched_state_name(SCHED_OVERDUE), "已逾期");
	assert_string_equal(sched_state_name(SCHED_DUE_SOON), "即将到期");
	assert_string_equal(sched_state_name((enum sched_state)-1), "");
	assert_string_equal(sched_basis_code(SB_FIRST), "first");
	assert_string_equal(sched_basis_code(SB_REGULAR), "regular");
	assert_string_equal(sched_basis_code(SB_FRAGILE), "fragile");
	assert_string_equal(sched_basis_code(SB_ORANGE), "orange");
	assert_string_equal(sched_basis_code(SB_RED), "red");
	assert_string_equal(sched_basis_code((enum sched_basis)6), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_settings),
		cmocka_unit_test(settings_limits),
		cmocka_unit_test(regular_contact_and_visit),
		cmocka_unit_test(month_ends_clamp),
		cmocka_unit_test(leap_years),
		cmocka_unit_test(due_soon_today_overdue),
		cmocka_unit_test(state_on_directly),
		cmocka_unit_test(home_visit_counts_as_contact),
		cmocka_unit_test(first_visit_of_a_new_registration),
		cmocka_unit_test(fragile_conditions),
		cmocka_unit_test(risk_levels),
		cmocka_unit_test(longer_special_interval_never_lengthens),
		cmocka_unit_test(county_intervals),
		cmocka_unit_test(exited_has_no_schedule),
		cmocka_unit_test(invalid_inputs),
		cmocka_unit_test(codes_and_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
