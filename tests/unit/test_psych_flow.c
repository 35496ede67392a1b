/* Unit tests for src/domain/psych_flow.c: every state × event pair against an explicit table,
 * the final states, follow-ups after closing (003#21) and their days around the boundaries, and
 * the code tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/psych_flow.h"

static struct cdate day(int y, int m, int d)
{
	struct cdate c = { y, m, d };
	return c;
}

/* The expected state after each event; X: refused. Written out, not derived from the code. */
#define X (-1)
static const int expected[PST_COUNT][PEV_COUNT] = {
	/*                 accept        start        close       decline */
	[PST_REFERRED] = { PST_ACCEPTED, X, X, PST_DECLINED },
	[PST_ACCEPTED] = { X, PST_IN_CARE, X, X },
	[PST_IN_CARE] = { X, X, PST_CLOSED, X },
	[PST_CLOSED] = { X, X, X, X },
	[PST_DECLINED] = { X, X, X, X },
};

static void every_state_event_pair(void **state)
{
	(void)state;
	int legal = 0, illegal = 0;
	for (int f = 0; f < PST_COUNT; f++)
		for (int e = 0; e < PEV_COUNT; e++) {
			enum psych_state to = (enum psych_state)99;
			int rc = psych_transition((enum psych_state)f, (enum psych_event)e, &to);
			if (expected[f][e] == X) {
				if (rc != PSYCH_E_ILLEGAL)
					fail_msg("%s + %s: got %d, want refused", psych_state_code(f),
						 psych_event_code(e), rc);
				assert_int_equal(to, 99);   /* untouched */
				illegal++;
			} else {
				if (rc != PSYCH_OK || (int)to != expected[f][e])
					fail_msg("%s + %s: rc %d to %d, want %s", psych_state_code(f),
						 psych_event_code(e), rc, (int)to,
						 psych_state_code(expected[f][e]));
				legal++;
			}
		}
	assert_int_equal(legal, 4);
	assert_int_equal(illegal, PST_COUNT * PEV_COUNT - 4);
}

static void paths_and_final_states(void **state)
{
	(void)state;
	enum psych_state s = PST_REFERRED;
	assert_int_equal(psych_transition(s, PEV_ACCEPT, &s), PSYCH_OK);
	assert_int_equal(s, PST_ACCEPTED);
	assert_int_equal(psych_transition(s, PEV_START, &s), PSYCH_OK);
	assert_int_equal(s, PST_IN_CARE);
	assert_int_equal(psych_transition(s, PEV_CLOSE, &s), PSYCH_OK);
	assert_int_equal(s, PST_CLOSED);
	/* skipping a step is refused: no closing before the care starts, no care before acceptance */
	assert_int_equal(psych_transition(PST_REFERRED, PEV_CLOSE, NULL), PSYCH_E_ILLEGAL);
	assert_int_equal(psych_transition(PST_REFERRED, PEV_START, NULL), PSYCH_E_ILLEGAL);
	assert_int_equal(psych_transition(PST_ACCEPTED, PEV_CLOSE, NULL), PSYCH_E_ILLEGAL);
	/* a referral once accepted cannot be declined any more */
	assert_int_equal(psych_transition(PST_ACCEPTED, PEV_DECLINE, NULL), PSYCH_E_ILLEGAL);
	for (int e = 0; e < PEV_COUNT; e++) {
		assert_int_equal(psych_transition(PST_CLOSED, (enum psych_event)e, NULL),
				 PSYCH_E_ILLEGAL);
		assert_int_equal(psych_transition(PST_DECLINED, (enum psych_event)e, NULL),
				 PSYCH_E_ILLEGAL);
	}
}

static void out_of_range(void **state)
{
	(void)state;
	enum psych_state to = PST_REFERRED;
	assert_int_equal(psych_transition(PST_COUNT, PEV_ACCEPT, &to), PSYCH_E_INVALID);
	assert_int_equal(psych_transition(PST_REFERRED, PEV_COUNT, &to), PSYCH_E_INVALID);
	assert_int_equal(psych_transition((enum psych_state)-1, PEV_ACCEPT, &to), PSYCH_E_INVALID);
	assert_int_equal(to, PST_REFERRED);
	assert_null(psych_state_code(PST_COUNT));
	assert_null(psych_event_name(PEV_COUNT));
	assert_null(psych_service_code(PSV_COUNT));
}

/* 003#21: follow-ups go on after closing only for a child back from treatment. */
static void followups_by_state(void **state)
{
	(void)state;
	for (int r = 0; r <= 1; r++) {
		assert_true(psych_followups_open(PST_REFERRED, r));
		assert_true(psych_followups_open(PST_ACCEPTED, r));
		assert_true(psych_followups_open(PST_IN_CARE, r));
		assert_false(psych_followups_open(PST_DECLINED, r));
	}
	assert_false(psych_followups_open(PST_CLOSED, 0));
	assert_true(psych_followups_open(PST_CLOSED, 1));
}

static void followup_days_limits(void **state)
{
	(void)state;
	assert_false(psych_followup_days_valid(0));
	assert_true(psych_followup_days_valid(1));
	assert_true(psych_followup_days_valid(90));
	assert_false(psych_followup_days_valid(91));
	assert_false(psych_followup_days_valid(-5));
}

static void next_followup_days(void **state)
{
	(void)state;
	struct cdate n;
	/* default 30 calendar days, across a month and a leap February */
	n = psych_next_followup(PST_REFERRED, 0, day(2028, 2, 10), 0);
	assert_int_equal(n.y, 2028);
	assert_int_equal(n.m, 3);
	assert_int_equal(n.d, 11);
	/* the given interval, across the year's end */
	n = psych_next_followup(PST_CLOSED, 1, day(2026, 12, 20), 14);
	assert_int_equal(n.y, 2027);
	assert_int_equal(n.m, 1);
	assert_int_equal(n.d, 3);
	n = psych_next_followup(PST_IN_CARE, 0, day(2026, 3, 1), 90);
	assert_int_equal(n.m, 5);
	assert_int_equal(n.d, 30);
	/* none where follow-ups stop, nor from no date, nor with an interval out of range */
	assert_false(cdate_is_set(psych_next_followup(PST_CLOSED, 0, day(2026, 3, 1), 30)));
	assert_false(cdate_is_set(psych_next_followup(PST_DECLINED, 0, day(2026, 3, 1), 30)));
	assert_false(cdate_is_set(psych_next_followup(PST_REFERRED, 0, day(0, 0, 0), 30)));
	assert_false(cdate_is_set(psych_next_followup(PST_REFERRED, 0, day(2026, 3, 1), 91)));
}

static void due_after_the_day(void **state)
{
	(void)state;
	struct cdate next = day(2026, 4, 10);
	assert_false(psych_followup_due(next, day(2026, 4, 9)));
	assert_false(psych_followup_due(next, day(2026, 4, 10)));   /* on the day: not yet late */
	assert_true(psych_followup_due(next, day(2026, 4, 11)));
	assert_false(psych_followup_due(day(0, 0, 0), day(2026, 4, 11)));
}

static void code_tables(void **state)
{
	(void)state;
	const char *sc[] = { "referred", "accepted", "in_care", "closed", "declined" };
	const char *sn[] = { "已转介", "已接收", "干预/治疗中", "已结案", "未接收" };
	for (int i = 0; i < PST_COUNT; i++) {
		assert_string_equal(psych_state_code(i), sc[i]);
		assert_string_equal(psych_state_name(i), sn[i]);
		assert_int_equal(psych_state_from_code(sc[i]), i);
	}
	const char *ec[] = { "accept", "start", "close", "decline" };
	for (int i = 0; i < PEV_COUNT; i++) {
		assert_string_equal(psych_event_code(i), ec[i]);
		assert_non_null(psych_event_name(i));
		assert_int_equal(psych_event_from_code(ec[i]), i);
	}
	const char *vc[] = { "school_counsellor", "hospital", "social_org" };
	const char *vn[] = { "学校心理辅导", "医院心理/精神科", "社会服务机构" };
	for (int i = 0; i < PSV_COUNT; i++) {
		assert_string_equal(psych_service_code(i), vc[i]);
		assert_string_equal(psych_service_name(i), vn[i]);
		assert_int_equal(psych_service_from_code(vc[i]), i);
	}
	assert_int_equal(psych_state_from_code("open"), -1);
	assert_int_equal(psych_event_from_code(NULL), -1);
	assert_int_equal(psych_service_from_code("Hospital"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_state_event_pair),
		cmocka_unit_test(paths_and_final_states),
		cmocka_unit_test(out_of_range),
		cmocka_unit_test(followups_by_state),
		cmocka_unit_test(followup_days_limits),
		cmocka_unit_test(next_followup_days),
		cmocka_unit_test(due_after_the_day),
		cmocka_unit_test(code_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
