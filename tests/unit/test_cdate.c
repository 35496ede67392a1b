/* Unit tests for src/domain/cdate.c: parsing, month and day arithmetic, ages exact to the
 * birthday (29 February births included) and the CST day of a UTC instant. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/cdate.h"

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

static void parse_valid(void **state)
{
	struct cdate d;
	assert_int_equal(cdate_parse("2024-02-29", &d), 0);
	assert_date(d, 2024, 2, 29);
	assert_int_equal(cdate_parse("0001-01-01", &d), 0);
	assert_int_equal(cdate_parse("9999-12-31", &d), 0);
	assert_date(d, 9999, 12, 31);
}

static void parse_rejects(void **state)
{
	struct cdate d = { 7, 7, 7 };
	assert_int_equal(cdate_parse("2023-02-29", &d), -1);   /* a common year */
	assert_int_equal(cdate_parse("1900-02-29", &d), -1);   /* centuries are common years */
	assert_int_equal(cdate_parse("2024-04-31", &d), -1);
	assert_int_equal(cdate_parse("2024-13-01", &d), -1);
	assert_int_equal(cdate_parse("2024-00-10", &d), -1);
	assert_int_equal(cdate_parse("2024-01-00", &d), -1);
	assert_int_equal(cdate_parse("0000-01-01", &d), -1);
	assert_int_equal(cdate_parse("2024-2-29", &d), -1);
	assert_int_equal(cdate_parse("2024/02/29", &d), -1);
	assert_int_equal(cdate_parse("2024-02-29 ", &d), -1);
	assert_int_equal(cdate_parse("2024-02-2", &d), -1);
	assert_int_equal(cdate_parse("", &d), -1);
	assert_int_equal(cdate_parse(NULL, &d), -1);
	assert_date(d, 7, 7, 7);   /* untouched on failure */
}

static void format_and_flags(void **state)
{
	char s[11];
	cdate_format(ymd(2026, 3, 1), s);
	assert_string_equal(s, "2026-03-01");
	cdate_format(ymd(33, 12, 9), s);
	assert_string_equal(s, "0033-12-09");
	cdate_format(ymd(0, 0, 0), s);
	assert_string_equal(s, "");
	cdate_format(ymd(2023, 2, 29), s);
	assert_string_equal(s, "");
	assert_false(cdate_is_set(ymd(0, 0, 0)));
	assert_true(cdate_is_set(ymd(2023, 2, 29)));
	assert_false(cdate_valid(ymd(0, 0, 0)));
	assert_false(cdate_valid(ymd(2023, 2, 29)));
	assert_true(cdate_valid(ymd(2000, 2, 29)));
}

static void compare(void **state)
{
	assert_true(cdate_cmp(ymd(2025, 12, 31), ymd(2026, 1, 1)) < 0);
	assert_true(cdate_cmp(ymd(2026, 2, 1), ymd(2026, 1, 31)) > 0);
	assert_true(cdate_cmp(ymd(2026, 1, 2), ymd(2026, 1, 1)) > 0);
	assert_int_equal(cdate_cmp(ymd(2026, 1, 1), ymd(2026, 1, 1)), 0);
}

static void add_months_clamps_to_month_end(void **state)
{
	assert_date(cdate_add_months(ymd(2026, 8, 31), 6), 2027, 2, 28);   /* as in cdate.h */
	assert_date(cdate_add_months(ymd(2027, 8, 31), 6), 2028, 2, 29);   /* a leap year */
	assert_date(cdate_add_months(ymd(2025, 1, 31), 1), 2025, 2, 28);
	assert_date(cdate_add_months(ymd(2025, 3, 31), 1), 2025, 4, 30);
	assert_date(cdate_add_months(ymd(2025, 3, 15), 6), 2025, 9, 15);
	assert_date(cdate_add_months(ymd(2025, 7, 15), 6), 2026, 1, 15);
	assert_date(cdate_add_months(ymd(2025, 3, 31), -1), 2025, 2, 28);
	assert_date(cdate_add_months(ymd(2025, 1, 15), -13), 2023, 12, 15);
	assert_date(cdate_add_months(ymd(2025, 1, 15), 0), 2025, 1, 15);
	/* nothing valid comes out of nothing: a missing "since" is never 6 months ago */
	assert_date(cdate_add_months(ymd(0, 0, 0), 6), 0, 0, 0);
	assert_date(cdate_add_months(ymd(9999, 12, 1), 1), 0, 0, 0);
}

static void add_days_and_between(void **state)
{
	assert_date(cdate_add_days(ymd(2024, 2, 28), 1), 2024, 2, 29);
	assert_date(cdate_add_days(ymd(2024, 2, 28), 2), 2024, 3, 1);
	assert_date(cdate_add_days(ymd(2023, 2, 28), 1), 2023, 3, 1);
	assert_date(cdate_add_days(ymd(2023, 12, 31), 1), 2024, 1, 1);
	assert_date(cdate_add_days(ymd(2024, 1, 1), -1), 2023, 12, 31);
	assert_date(cdate_add_days(ymd(1970, 1, 1), -1), 1969, 12, 31);
	assert_date(cdate_add_days(ymd(2000, 1, 1), 366), 2001, 1, 1);
	assert_date(cdate_add_days(ymd(2023, 2, 29), 1), 0, 0, 0);
	assert_date(cdate_add_days(ymd(1, 1, 1), -1), 0, 0, 0);
	assert_int_equal(cdate_days_between(ymd(2024, 1, 1), ymd(2025, 1, 1)), 366);
	assert_int_equal(cdate_days_between(ymd(2023, 1, 1), ymd(2024, 1, 1)), 365);
	assert_int_equal(cdate_days_between(ymd(2025, 1, 1), ymd(2024, 1, 1)), -366);
	assert_int_equal(cdate_days_between(ymd(1900, 2, 28), ymd(1900, 3, 1)), 1);
	assert_int_equal(cdate_days_between(ymd(2000, 2, 28), ymd(2000, 3, 1)), 2);
	assert_int_equal(cdate_days_between(ymd(1969, 12, 31), ymd(1970, 1, 1)), 1);
	assert_int_equal(cdate_days_between(ymd(0, 0, 0), ymd(1970, 1, 1)), 0);
}

static void age_exact_to_the_birthday(void **state)
{
	struct cdate b = ymd(2010, 6, 15);
	assert_int_equal(cdate_age(b, ymd(2026, 6, 14)), 15);   /* the day before the 16th */
	assert_int_equal(cdate_age(b, ymd(2026, 6, 15)), 16);   /* the 16th birthday */
	assert_int_equal(cdate_age(b, ymd(2028, 6, 14)), 17);
	assert_int_equal(cdate_age(b, ymd(2028, 6, 15)), 18);
	assert_int_equal(cdate_age(b, ymd(2010, 6, 15)), 0);
	assert_int_equal(cdate_age(b, ymd(2011, 1, 1)), 0);
	assert_int_equal(cdate_age(b, ymd(2010, 6, 14)), -1);   /* not born yet */
	assert_int_equal(cdate_age(ymd(0, 0, 0), ymd(2026, 1, 1)), -1);
	assert_int_equal(cdate_age(b, ymd(2026, 2, 30)), -1);
	assert_date(cdate_birthday(b, 16), 2026, 6, 15);
	assert_date(cdate_birthday(ymd(0, 0, 0), 16), 0, 0, 0);
}

static void born_on_29_february(void **state)
{
	struct cdate b = ymd(2008, 2, 29);
	/* in a common year the birthday is 1 March, not 28 February */
	assert_date(cdate_birthday(b, 18), 2026, 3, 1);
	assert_int_equal(cdate_age(b, ymd(2026, 2, 28)), 17);
	assert_int_equal(cdate_age(b, ymd(2026, 3, 1)), 18);
	/* in a leap year it is the day itself */
	assert_date(cdate_birthday(b, 16), 2024, 2, 29);
	assert_int_equal(cdate_age(b, ymd(2024, 2, 28)), 15);
	assert_int_equal(cdate_age(b, ymd(2024, 2, 29)), 16);
	assert_int_equal(cdate_age(b, ymd(2009, 2, 28)), 0);
	assert_int_equal(cdate_age(b, ymd(2009, 3, 1)), 1);
}

static void day_in_china_standard_time(void **state)
{
	assert_date(cdate_from_ms(0), 1970, 1, 1);                 /* 08:00 CST */
	assert_date(cdate_from_ms(57599999), 1970, 1, 1);          /* 23:59:59.999 CST */
	assert_date(cdate_from_ms(57600000), 1970, 1, 2);          /* 16:00 UTC is midnight CST */
	assert_date(cdate_from_ms(-1), 1970, 1, 1);                /* 07:59:59.999 CST */
	assert_date(cdate_from_ms(-28800000), 1970, 1, 1);         /* midnight CST */
	assert_date(cdate_from_ms(-28800001), 1969, 12, 31);
	assert_date(cdate_from_ms(1709222399999LL), 2024, 2, 29);  /* 2024-02-29T15:59:59.999Z */
	assert_date(cdate_from_ms(1709222400000LL), 2024, 3, 1);   /* 2024-02-29T16:00:00Z */
	assert_date(cdate_from_ms(INT64_MAX), 0, 0, 0);            /* beyond year 9999 */
	assert_date(cdate_from_ms(INT64_MIN), 0, 0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_valid),
		cmocka_unit_test(parse_rejects),
		cmocka_unit_test(format_and_flags),
		cmocka_unit_test(compare),
		cmocka_unit_test(add_months_clamps_to_month_end),
		cmocka_unit_test(add_days_and_between),
		cmocka_unit_test(age_exact_to_the_birthday),
		cmocka_unit_test(born_on_29_february),
		cmocka_unit_test(day_in_china_standard_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
