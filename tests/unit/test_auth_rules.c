/* Unit tests for src/domain/auth_rules.c: password complexity, lockout, session expiry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/auth_rules.h"

static void password_complexity(void **state)
{
	assert_null(password_rule_check("Abcdef1!"));        /* 4 classes, 8 chars */
	assert_null(password_rule_check("abcdef12!"));       /* lower, digit, symbol */
	assert_null(password_rule_check("ABCDEF12a"));       /* upper, digit, lower */
	assert_non_null(password_rule_check("Abcde1!"));     /* 7 chars */
	assert_non_null(password_rule_check("abcdefgh1"));   /* 2 classes */
	assert_non_null(password_rule_check("ABCDEFGHIJ"));
	assert_non_null(password_rule_check(""));
	/* Chinese characters count as one character each and as symbols */
	assert_non_null(password_rule_check("守护abcD1"));    /* 2 + 5 = 7 characters: too short */
}

static void password_counts_code_points(void **state)
{
	assert_non_null(password_rule_check("守护守护ab1"));     /* 7 code points, 15 bytes */
	assert_null(password_rule_check("守护守护abc1"));        /* 8 code points */
	char longpw[200];
	for (int i = 0; i < 199; i++)
		longpw[i] = i % 3 == 0 ? 'A' : i % 3 == 1 ? 'b' : '1';
	longpw[199] = '\0';
	assert_non_null(password_rule_check(longpw));            /* over 128 bytes */
}

static void lock_after_five_failures(void **state)
{
	struct lock_policy p = { 5, 10 * 60000 };
	struct lock_state s = { 0, 0 };
	int64_t now = 1000000;
	for (int i = 0; i < 4; i++) {
		lock_on_failure(&s, &p, now);
		assert_false(lock_is_locked(&s, now));
	}
	lock_on_failure(&s, &p, now);
	assert_true(lock_is_locked(&s, now));
	assert_int_equal(lock_minutes_left(&s, now), 10);
	assert_int_equal(lock_minutes_left(&s, now + 9 * 60000 + 1), 1);
	assert_true(lock_is_locked(&s, now + 10 * 60000 - 1));
	assert_false(lock_is_locked(&s, now + 10 * 60000));
}

static void expired_lock_starts_fresh_count(void **state)
{
	struct lock_policy p = { 5, 600000 };
	struct lock_state s = { 5, 1000 };
	lock_on_failure(&s, &p, 2000);   /* lock ran out at 1000 */
	assert_int_equal(s.failures, 1);
	assert_false(lock_is_locked(&s, 2000));
}

static void session_idle_and_absolute(void **state)
{
	struct session_policy p = { 30 * 60000, 12 * 3600000LL };
	assert_false(session_is_expired(0, 0, &p, 30 * 60000 - 1));
	assert_true(session_is_expired(0, 0, &p, 30 * 60000));
	/* active all day, but older than 12 hours */
	assert_true(session_is_expired(0, 12 * 3600000LL - 1000, &p, 12 * 3600000LL));
}

static void password_age(void **state)
{
	int64_t day = 86400000LL;
	assert_true(password_change_due(1, 0, 90, 0));
	assert_false(password_change_due(0, 0, 90, 90 * day - 1));
	assert_true(password_change_due(0, 0, 90, 90 * day));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(password_complexity), cmocka_unit_test(password_counts_code_points),
		cmocka_unit_test(lock_after_five_failures),
		cmocka_unit_test(expired_lock_starts_fresh_count),
		cmocka_unit_test(session_idle_and_absolute), cmocka_unit_test(password_age),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
