/* Unit tests for src/domain/case_rules.c: the after-case follow-up days (+1, +3, +6 calendar
 * months, month ends and leap years), placement review days, the register's follow-up filter
 * bounds, and the code tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/case_rules.h"

static struct cdate day(int y, int m, int d)
{
	struct cdate c = { y, m, d };
	return c;
}

static void assert_day(struct cdate got, int y, int m, int d)
{
	char g[11], w[11];
	cdate_format(got, g);
	cdate_format(day(y, m, d), w);
	assert_string_equal(g, w);
}

static void followups_plain(void **state)
{
	(void)state;
	struct cdate f[CASE_FOLLOWUPS];
	case_followup_days(day(2026, 3, 15), f);
	assert_day(f[0], 2026, 4, 15);
	assert_day(f[1], 2026, 6, 15);
	assert_day(f[2], 2026, 9, 15);
}

static void followups_month_end_and_year(void **state)
{
	(void)state;
	struct cdate f[CASE_FOLLOWUPS];
	/* 31 August: September has 30 days, November 30, February 28 (2027 is common) */
	case_followup_days(day(2026, 8, 31), f);
	assert_day(f[0], 2026, 9, 30);
	assert_day(f[1], 2026, 11, 30);
	assert_day(f[2], 2027, 2, 28);
	/* each counted from the closing day, not from the previous follow-up */
	case_followup_days(day(2027, 1, 31), f);
	assert_day(f[0], 2027, 2, 28);
	assert_day(f[1], 2027, 4, 30);
	assert_day(f[2], 2027, 7, 31);
	/* a leap year keeps 29 February */
	case_followup_days(day(2027, 8, 29), f);
	assert_day(f[2], 2028, 2, 29);
	/* across the year end */
	case_followup_days(day(2026, 12, 10), f);
	assert_day(f[0], 2027, 1, 10);
	assert_day(f[1], 2027, 3, 10);
	assert_day(f[2], 2027, 6, 10);
}

static void review_days(void **state)
{
	(void)state;
	assert_day(placement_next_review(day(2026, 1, 31), 1), 2026, 2, 28);
	assert_day(placement_next_review(day(2026, 5, 20), 24), 2028, 5, 20);
	assert_day(placement_next_review(day(2026, 11, 30), 3), 2027, 2, 28);
}

static void followup_filter(void **state)
{
	(void)state;
	struct cdate b = { 0 };
	int any = 7;
	assert_int_equal(case_followup_bound("due", day(2026, 12, 28), &b, &any), 0);
	assert_int_equal(any, 0);
	assert_day(b, 2027, 1, 4);
	assert_int_equal(case_followup_bound("overdue", day(2026, 3, 1), &b, &any), 0);
	assert_day(b, 2026, 2, 28);   /* before today */
	assert_int_equal(case_followup_bound("all", day(2026, 3, 1), &b, &any), 0);
	assert_int_equal(any, 1);
	assert_int_equal(case_followup_bound("soon", day(2026, 3, 1), &b, &any), -1);
	assert_int_equal(case_followup_bound(NULL, day(2026, 3, 1), &b, &any), -1);
}

static void tables(void **state)
{
	(void)state;
	int n;
	const struct case_code *k = intervention_kinds(&n);
	assert_int_equal(n, 10);
	assert_string_equal(k[0].code, "admonition");
	assert_string_equal(intervention_kind_name("revocation"), "撤销监护资格");
	assert_string_equal(intervention_kind_name("supervision_order"), "督促监护令");
	assert_null(intervention_kind_name("fine"));
	assert_null(intervention_kind_name(NULL));
	placement_kinds(&n);
	assert_int_equal(n, 4);
	assert_string_equal(placement_kind_name("foster"), "家庭寄养");
	assert_null(placement_kind_name("hotel"));
	placement_terms(&n);
	assert_int_equal(n, 2);
	assert_string_equal(placement_term_name("long_term"), "长期监护");
	assert_null(placement_term_name("forever"));
	assert_string_equal(placement_org_type("rescue"), "rescue");
	assert_string_equal(placement_org_type("welfare"), "welfare");
	assert_null(placement_org_type("relatives"));
	assert_null(placement_org_type("foster"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(followups_plain),
		cmocka_unit_test(followups_month_end_and_year),
		cmocka_unit_test(review_days),
		cmocka_unit_test(followup_filter),
		cmocka_unit_test(tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
