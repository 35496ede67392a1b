/* Unit tests for src/domain/risk.c: each factor and its tiers, the guardianship categories
 * counted once, the thresholds (exactly at each), the manual override before, on and after its
 * expiry day, and the code tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/categories.h"
#include "domain/risk.h"

static const struct cdate today = { 2026, 5, 20 };

static struct cdate ymd(int y, int m, int d)
{
	struct cdate r = { y, m, d };
	return r;
}

static struct risk_facts none(void)
{
	struct risk_facts f;
	memset(&f, 0, sizeof(f));
	return f;
}

static struct risk_result grade(const struct risk_facts *f)
{
	struct risk_settings s;
	risk_settings_default(&s);
	struct risk_result r;
	assert_int_equal(risk_grade(f, &s, today, &r), 0);
	return r;
}

/* f gives exactly one factor, id, worth points, with value; the score is those points. */
static void assert_one(const struct risk_facts *f, enum risk_factor_id id, int points, int value)
{
	struct risk_result r = grade(f);
	assert_int_equal(r.nfactors, 1);
	assert_int_equal(r.factors[0].id, id);
	assert_int_equal(r.factors[0].points, points);
	assert_int_equal(r.factors[0].value, value);
	assert_non_null(r.factors[0].label);
	assert_true(strlen(r.factors[0].label) > 0);
	assert_non_null(r.factors[0].source);
	assert_true(strlen(r.factors[0].source) > 0);
	assert_int_equal(r.score, points);
}

static void defaults_and_settings(void **state)
{
	struct risk_settings s;
	risk_settings_default(&s);
	assert_int_equal(s.red, 60);
	assert_int_equal(s.orange, 40);
	assert_int_equal(s.yellow, 20);
	assert_int_equal(risk_settings_check(&s), 0);
	struct risk_settings bad = { 60, 40, 0 };
	assert_int_equal(risk_settings_check(&bad), -1);
	bad = (struct risk_settings){ 60, 40, 40 };
	assert_int_equal(risk_settings_check(&bad), -1);
	bad = (struct risk_settings){ 40, 40, 20 };
	assert_int_equal(risk_settings_check(&bad), -1);
	bad = (struct risk_settings){ 30, 40, 20 };
	assert_int_equal(risk_settings_check(&bad), -1);
	assert_int_equal(risk_settings_check(NULL), -1);

	struct risk_facts f = none();
	struct risk_result r;
	assert_int_equal(risk_grade(&f, &bad, today, &r), -1);
	assert_int_equal(risk_grade(&f, &s, ymd(2026, 2, 30), &r), -1);
	assert_int_equal(risk_grade(&f, &s, ymd(0, 0, 0), &r), -1);
	assert_int_equal(risk_grade(NULL, &s, today, &r), -1);
	assert_int_equal(risk_grade(&f, NULL, today, &r), -1);
	assert_int_equal(risk_grade(&f, &s, today, NULL), -1);
}

static void nothing_recorded_is_green(void **state)
{
	struct risk_facts f = none();
	struct risk_result r = grade(&f);
	assert_int_equal(r.score, 0);
	assert_int_equal(r.nfactors, 0);
	assert_int_equal(r.computed, RISK_GREEN);
	assert_int_equal(r.level, RISK_GREEN);
	assert_int_equal(r.override_state, RO_NONE);

	/* the good values score nothing */
	f.guardianship = GA_NORMAL;
	f.caregiver = CC_ADEQUATE;
	f.psych = PSY_NORMAL;
	f.categories = CAT_RURAL_LEFT_BEHIND | CAT_SINGLE_PARENT | CAT_DIBAO;
	r = grade(&f);
	assert_int_equal(r.score, 0);
	assert_int_equal(r.nfactors, 0);
}

static void guardianship_assessment(void **state)
{
	struct risk_facts f = none();
	f.guardianship = GA_ABSENT;
	assert_one(&f, RF_GUARDIANSHIP_ABSENT, 40, 0);
	assert_int_equal(grade(&f).level, RISK_ORANGE);
	f.guardianship = GA_IMPROPER;
	assert_one(&f, RF_GUARDIANSHIP_IMPROPER, 30, 0);
	assert_int_equal(grade(&f).level, RISK_YELLOW);
	f.guardianship = GA_INSUFFICIENT;
	assert_one(&f, RF_GUARDIANSHIP_INSUFFICIENT, 15, 0);
	assert_int_equal(grade(&f).level, RISK_GREEN);
	assert_string_equal(grade(&f).factors[0].label, "家庭监护评估：监护不足");
}

static void caregiver_capacity(void **state)
{
	struct risk_facts f = none();
	f.caregiver = CC_NEGLECTING;
	assert_one(&f, RF_CAREGIVER_NEGLECTING, 30, 0);
	f.caregiver = CC_LACKING;
	assert_one(&f, RF_CAREGIVER_LACKING, 20, 0);
	assert_int_equal(grade(&f).level, RISK_YELLOW);
}

static void psychological_screening(void **state)
{
	struct risk_facts f = none();
	f.psych = PSY_ABNORMAL;
	assert_one(&f, RF_PSYCH_ABNORMAL, 30, 0);
	f.psych = PSY_WATCH;
	assert_one(&f, RF_PSYCH_WATCH, 10, 0);
}

static void disability_and_illness(void **state)
{
	struct risk_facts f = none();
	f.disabled = 1;
	assert_one(&f, RF_DISABLED, 10, 0);
	f = none();
	f.seriously_ill = 1;
	assert_one(&f, RF_SERIOUSLY_ILL, 15, 0);
	/* as categories: the same facts, counted once */
	f = none();
	f.categories = CAT_DISABLED;
	assert_one(&f, RF_DISABLED, 10, 0);
	f.disabled = 1;
	assert_one(&f, RF_DISABLED, 10, 0);
	f = none();
	f.categories = CAT_SERIOUSLY_ILL | CAT_HARDSHIP_DISABILITY;
	assert_one(&f, RF_SERIOUSLY_ILL, 15, 0);
	/* both: 25, yellow */
	f.disabled = 1;
	struct risk_result r = grade(&f);
	assert_int_equal(r.score, 25);
	assert_int_equal(r.level, RISK_YELLOW);
}

static void guardianship_categories_count_once(void **state)
{
	struct risk_facts f = none();
	f.categories = CAT_DE_FACTO_UNATTENDED;
	assert_one(&f, RF_CAT_UNATTENDED, 20, 0);
	f.categories = CAT_ORPHAN;
	assert_one(&f, RF_CAT_ORPHAN, 15, 0);
	f.categories = CAT_HARDSHIP_GUARDIANSHIP;
	assert_one(&f, RF_CAT_HARDSHIP_GUARDIANSHIP, 20, 0);
	/* categories_derive gives an orphan 困境（监护缺失）too: the higher one counts, once */
	f.categories = CAT_ORPHAN | CAT_HARDSHIP_GUARDIANSHIP;
	assert_one(&f, RF_CAT_HARDSHIP_GUARDIANSHIP, 20, 0);
	/* equal points: the first in the table */
	f.categories = CAT_DE_FACTO_UNATTENDED | CAT_HARDSHIP_GUARDIANSHIP;
	assert_one(&f, RF_CAT_UNATTENDED, 20, 0);
}

static void open_problems_and_their_age(void **state)
{
	struct risk_facts f = none();
	f.open_problems = 1;
	assert_one(&f, RF_PROBLEMS_OPEN, 5, 1);
	f.open_problems = 2;
	assert_one(&f, RF_PROBLEMS_OPEN, 5, 2);
	f.open_problems = 3;
	assert_one(&f, RF_PROBLEMS_OPEN_MANY, 10, 3);
	f.open_problems = 7;
	assert_one(&f, RF_PROBLEMS_OPEN_MANY, 10, 7);
	f.open_problems = -1;   /* nonsense counts nothing */
	assert_int_equal(grade(&f).nfactors, 0);

	/* age of the oldest: more than 30 days, more than 90 days */
	f.open_problems = 1;
	f.oldest_open_problem = cdate_add_days(today, -30);
	assert_one(&f, RF_PROBLEMS_OPEN, 5, 1);
	f.oldest_open_problem = cdate_add_days(today, -31);
	struct risk_result r = grade(&f);
	assert_int_equal(r.nfactors, 2);
	assert_int_equal(r.factors[1].id, RF_PROBLEM_OLD);
	assert_int_equal(r.factors[1].points, 10);
	assert_int_equal(r.factors[1].value, 31);
	assert_int_equal(r.score, 15);
	f.oldest_open_problem = cdate_add_days(today, -90);
	r = grade(&f);
	assert_int_equal(r.factors[1].id, RF_PROBLEM_OLD);
	f.oldest_open_problem = cdate_add_days(today, -91);
	r = grade(&f);
	assert_int_equal(r.nfactors, 2);
	assert_int_equal(r.factors[1].id, RF_PROBLEM_VERY_OLD);
	assert_int_equal(r.factors[1].points, 20);
	assert_int_equal(r.factors[1].value, 91);
	assert_int_equal(r.score, 25);
	assert_int_equal(r.level, RISK_YELLOW);

	/* no open problem: an old date means nothing */
	f.open_problems = 0;
	assert_int_equal(grade(&f).nfactors, 0);
	/* a date missing, invalid or after today: open, without an age */
	f.open_problems = 1;
	f.oldest_open_problem = ymd(0, 0, 0);
	assert_one(&f, RF_PROBLEMS_OPEN, 5, 1);
	f.oldest_open_problem = ymd(2025, 2, 29);
	assert_one(&f, RF_PROBLEMS_OPEN, 5, 1);
	f.oldest_open_problem = cdate_add_days(today, 40);
	assert_one(&f, RF_PROBLEMS_OPEN, 5, 1);
}

static void missed_contacts_and_visits(void **state)
{
	struct risk_facts f = none();
	f.contact_overdue_days = 0;
	assert_int_equal(grade(&f).nfactors, 0);
	f.contact_overdue_days = 1;
	assert_one(&f, RF_CONTACT_OVERDUE, 5, 1);
	f.contact_overdue_days = 30;
	assert_one(&f, RF_CONTACT_OVERDUE, 5, 30);
	f.contact_overdue_days = 31;
	assert_one(&f, RF_CONTACT_OVERDUE_LONG, 10, 31);
	f.contact_overdue_days = -3;
	assert_int_equal(grade(&f).nfactors, 0);

	f = none();
	f.visit_overdue_days = 1;
	assert_one(&f, RF_VISIT_OVERDUE, 10, 1);
	f.visit_overdue_days = 30;
	assert_one(&f, RF_VISIT_OVERDUE, 10, 30);
	f.visit_overdue_days = 31;
	assert_one(&f, RF_VISIT_OVERDUE_LONG, 20, 31);
	assert_int_equal(grade(&f).level, RISK_YELLOW);

	/* both: both count */
	f.contact_overdue_days = 31;
	struct risk_result r = grade(&f);
	assert_int_equal(r.nfactors, 2);
	assert_int_equal(r.score, 30);
}

static void dropout_harm_misbehaviour(void **state)
{
	struct risk_facts f = none();
	f.dropout = 1;
	assert_one(&f, RF_DROPOUT, 20, 0);
	assert_int_equal(grade(&f).level, RISK_YELLOW);

	f = none();
	f.open_harm_reports = 1;
	assert_one(&f, RF_HARM_REPORT, 60, 1);
	assert_int_equal(grade(&f).level, RISK_RED);   /* a report of harm alone is red */
	f.open_harm_reports = 2;
	assert_one(&f, RF_HARM_REPORT, 60, 2);

	f = none();
	f.misbehaviour = 1;
	assert_one(&f, RF_MISBEHAVIOUR, 20, 0);
	f.misbehaviour = 0;
	f.categories = CAT_MISBEHAVIOUR;
	assert_one(&f, RF_MISBEHAVIOUR, 20, 0);
	f.misbehaviour = 1;
	assert_one(&f, RF_MISBEHAVIOUR, 20, 0);
}

static void factors_add_up_in_order(void **state)
{
	struct risk_facts f = none();
	f.guardianship = GA_IMPROPER;        /* 30 */
	f.caregiver = CC_NEGLECTING;         /* 30 */
	f.psych = PSY_WATCH;                 /* 10 */
	f.categories = CAT_ORPHAN;           /* 15 */
	f.visit_overdue_days = 5;            /* 10 */
	f.dropout = 1;                       /* 20 */
	struct risk_result r = grade(&f);
	assert_int_equal(r.score, 115);
	assert_int_equal(r.level, RISK_RED);
	assert_int_equal(r.nfactors, 6);
	static const enum risk_factor_id want[] = { RF_GUARDIANSHIP_IMPROPER,
						    RF_CAREGIVER_NEGLECTING, RF_PSYCH_WATCH,
						    RF_CAT_ORPHAN, RF_VISIT_OVERDUE, RF_DROPOUT };
	int sum = 0;
	for (int i = 0; i < r.nfactors; i++) {
		assert_int_equal(r.factors[i].id, want[i]);
		sum += r.factors[i].points;
	}
	assert_int_equal(sum, r.score);

	/* everything at once fits the factor array */
	f.guardianship = GA_ABSENT;
	f.psych = PSY_ABNORMAL;
	f.disabled = f.seriously_ill = 1;
	f.categories = 0xffffffffu;
	f.open_problems = 5;
	f.oldest_open_problem = ymd(2020, 1, 1);
	f.contact_overdue_days = 100;
	f.visit_overdue_days = 100;
	f.open_harm_reports = 1;
	f.misbehaviour = 1;
	r = grade(&f);
	assert_int_equal(r.nfactors, 13);
	assert_int_equal(r.score, 40 + 30 + 30 + 10 + 15 + 20 + 10 + 20 + 10 + 20 + 20 + 60 + 20);
}

static void thresholds_exactly(void **state)
{
	struct risk_settings s;
	risk_settings_default(&s);
	assert_int_equal(risk_level_of_score(&s, 0), RISK_GREEN);
	assert_int_equal(risk_level_of_score(&s, 19), RISK_GREEN);
	assert_int_equal(risk_level_of_score(&s, 20), RISK_YELLOW);
	assert_int_equal(risk_level_of_score(&s, 39), RISK_YELLOW);
	assert_int_equal(risk_level_of_score(&s, 40), RISK_ORANGE);
	assert_int_equal(risk_level_of_score(&s, 59), RISK_ORANGE);
	assert_int_equal(risk_level_of_score(&s, 60), RISK_RED);
	assert_int_equal(risk_level_of_score(&s, 1000), RISK_RED);

	/* from facts: 15 + 5 = 20, yellow exactly; 15 + 20 + 5 = 40, orange exactly */
	struct risk_facts f = none();
	f.guardianship = GA_INSUFFICIENT;
	f.contact_overdue_days = 1;
	struct risk_result r = grade(&f);
	assert_int_equal(r.score, 20);
	assert_int_equal(r.level, RISK_YELLOW);
	f.categories = CAT_DE_FACTO_UNATTENDED;
	r = grade(&f);
	assert_int_equal(r.score, 40);
	assert_int_equal(r.level, RISK_ORANGE);
	/* 40 + 15 + 5 = 60: red exactly; and 55 (points come in steps of 5) is still orange */
	f.guardianship = GA_ABSENT;
	f.categories = CAT_ORPHAN;
	r = grade(&f);
	assert_int_equal(r.score, 60);
	assert_int_equal(r.level, RISK_RED);
	f.contact_overdue_days = 0;
	f.disabled = 1;
	f.categories = 0;
	f.open_problems = 1;
	r = grade(&f);
	assert_int_equal(r.score, 55);
	assert_int_equal(r.level, RISK_ORANGE);

	/* a county's own thresholds */
	struct risk_settings county = { 50, 30, 10 };
	f = none();
	f.disabled = 1;
	assert_int_equal(risk_grade(&f, &county, today, &r), 0);
	assert_int_equal(r.level, RISK_YELLOW);
	f.caregiver = CC_LACKING;
	assert_int_equal(risk_grade(&f, &county, today, &r), 0);
	assert_int_equal(r.score, 30);
	assert_int_equal(r.level, RISK_ORANGE);
	f.caregiver = CC_NEGLECTING;
	f.psych = PSY_WATCH;
	assert_int_equal(risk_grade(&f, &county, today, &r), 0);
	assert_int_equal(r.score, 50);
	assert_int_equal(r.level, RISK_RED);
}

static void override_until_its_expiry_day(void **state)
{
	struct risk_facts f = none();
	f.open_harm_reports = 1;   /* computed red */
	f.override = (struct risk_override){ RISK_YELLOW, "已核实为误报，待公安结案",
					     { 2026, 5, 21 } };
	struct risk_result r = grade(&f);   /* the day before */
	assert_int_equal(r.override_state, RO_ACTIVE);
	assert_int_equal(r.level, RISK_YELLOW);
	assert_int_equal(r.computed, RISK_RED);
	assert_int_equal(r.score, 60);
	assert_int_equal(r.nfactors, 1);   /* the factors are still shown */

	f.override.until = today;   /* the expiry day itself */
	r = grade(&f);
	assert_int_equal(r.override_state, RO_ACTIVE);
	assert_int_equal(r.level, RISK_YELLOW);

	f.override.until = cdate_add_days(today, -1);   /* the day after */
	r = grade(&f);
	assert_int_equal(r.override_state, RO_EXPIRED);
	assert_int_equal(r.level, RISK_RED);

	/* an override may raise the level too */
	f = none();
	f.override = (struct risk_override){ RISK_RED, "村委会反映近期家中有暴力情况",
					     { 2026, 6, 30 } };
	r = grade(&f);
	assert_int_equal(r.computed, RISK_GREEN);
	assert_int_equal(r.level, RISK_RED);
	assert_int_equal(r.override_state, RO_ACTIVE);
}

static void override_needs_reason_and_expiry(void **state)
{
	struct risk_facts f = none();
	f.psych = PSY_ABNORMAL;   /* computed yellow */
	f.override = (struct risk_override){ RISK_GREEN, "", { 2026, 6, 30 } };
	struct risk_result r = grade(&f);
	assert_int_equal(r.override_state, RO_INVALID);
	assert_int_equal(r.level, RISK_YELLOW);
	f.override.reason = NULL;
	assert_int_equal(grade(&f).override_state, RO_INVALID);
	f.override.reason = "复测正常";
	f.override.until = ymd(0, 0, 0);   /* no expiry: not applied */
	assert_int_equal(grade(&f).override_state, RO_INVALID);
	assert_int_equal(grade(&f).level, RISK_YELLOW);
	f.override.until = ymd(2026, 2, 30);
	assert_int_equal(grade(&f).override_state, RO_INVALID);
	f.override.until = ymd(2026, 6, 30);
	f.override.level = (enum risk_level)7;
	assert_int_equal(grade(&f).override_state, RO_INVALID);
	assert_int_equal(grade(&f).level, RISK_YELLOW);
	f.override.level = RISK_GREEN;
	assert_int_equal(grade(&f).override_state, RO_ACTIVE);
	assert_int_equal(grade(&f).level, RISK_GREEN);
}

/* A stored grading keeps each factor's code: it comes back with its label and source. */
static void factors_by_code(void **state)
{
	(void)state;
	struct risk_facts f = { .caregiver = CC_LACKING, .dropout = 1, .open_problems = 4 };
	struct risk_settings s;
	struct risk_result r;
	risk_settings_default(&s);
	assert_int_equal(risk_grade(&f, &s, (struct cdate){ 2026, 11, 22 }, &r), 0);
	for (int i = 0; i < r.nfactors; i++) {
		int id = risk_factor_from_code(risk_factor_code(r.factors[i].id));
		assert_int_equal(id, r.factors[i].id);
		struct risk_factor d;
		risk_factor_describe((enum risk_factor_id)id, &d);
		assert_int_equal(d.points, r.factors[i].points);
		assert_string_equal(d.label, r.factors[i].label);
		assert_string_equal(d.source, r.factors[i].source);
	}
	for (int id = 0; id < RF_COUNT; id++)
		assert_int_equal(risk_factor_from_code(risk_factor_code((enum risk_factor_id)id)), id);
	assert_int_equal(risk_factor_from_code("dropout"), RF_DROPOUT);
	assert_int_equal(risk_factor_from_code("unknown"), -1);
	assert_int_equal(risk_factor_from_code(""), -1);
	assert_int_equal(risk_factor_from_code(NULL), -1);
	struct risk_factor d;
	risk_factor_describe(RF_COUNT, &d);
	assert_null(d.label);
	assert_int_equal(d.points, 0);
}

static void codes_and_names(void **state)
{
	assert_string_equal(risk_level_code(RISK_RED), "red");
	assert_string_equal(risk_level_code(RISK_GREEN), "green");
	assert_string_equal(risk_level_code(RISK_UNSET), "");
	assert_string_equal(risk_level_code((enum risk_level)5), "");
	assert_string_equal(risk_level_name(RISK_RED), "红");
	assert_string_equal(risk_level_name(RISK_ORANGE), "橙");
	assert_string_equal(risk_level_name(RISK_YELLOW), "黄");
	assert_string_equal(risk_level_name(RISK_GREEN), "绿");
	assert_int_equal(risk_level_from_code("orange"), RISK_ORANGE);
	assert_int_equal(risk_level_from_code("yellow"), RISK_YELLOW);
	assert_int_equal(risk_level_from_code(""), RISK_UNSET);
	assert_int_equal(risk_level_from_code("purple"), RISK_UNSET);
	assert_int_equal(risk_level_from_code(NULL), RISK_UNSET);

	/* every factor has a distinct code */
	for (int i = 0; i < RF_COUNT; i++) {
		const char *c = risk_factor_code((enum risk_factor_id)i);
		assert_true(strlen(c) > 0);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(c, risk_factor_code((enum risk_factor_id)j));
	}
	assert_string_equal(risk_factor_code(RF_HARM_REPORT), "harm_report");
	assert_string_equal(risk_factor_code(RF_COUNT), "");

	assert_string_equal(risk_override_state_code(RO_NONE), "none");
	assert_string_equal(risk_override_state_code(RO_ACTIVE), "active");
	assert_string_equal(risk_override_state_code(RO_EXPIRED), "expired");
	assert_string_equal(risk_override_state_code(RO_INVALID), "invalid");

	assert_string_equal(guardianship_code(GA_ABSENT), "absent");
	assert_string_equal(guardianship_name(GA_IMPROPER), "监护失当");
	assert_string_equal(guardianship_name(GA_UNKNOWN), "未评估");
	assert_int_equal(guardianship_from_code("insufficient"), GA_INSUFFICIENT);
	assert_int_equal(guardianship_from_code("normal"), GA_NORMAL);
	assert_int_equal(guardianship_from_code(""), GA_UNKNOWN);
	assert_int_equal(guardianship_from_code("bad"), -1);
	assert_int_equal(guardianship_from_code(NULL), -1);
	assert_string_equal(guardianship_code((enum guardianship_assessment)9), "");
	assert_string_equal(caregiver_code(CC_NEGLECTING), "neglecting");
	assert_string_equal(caregiver_name(CC_LACKING), "缺乏照护能力");
	assert_int_equal(caregiver_from_code("adequate"), CC_ADEQUATE);
	assert_int_equal(caregiver_from_code("x"), -1);
	assert_string_equal(psych_code(PSY_WATCH), "watch");
	assert_string_equal(psych_name(PSY_ABNORMAL), "异常");
	assert_int_equal(psych_from_code("abnormal"), PSY_ABNORMAL);
	assert_int_equal(psych_from_code("Abnormal"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_and_settings),
		cmocka_unit_test(nothing_recorded_is_green),
		cmocka_unit_test(guardianship_assessment),
		cmocka_unit_test(caregiver_capacity),
		cmocka_unit_test(psychological_screening),
		cmocka_unit_test(disability_and_illness),
		cmocka_unit_test(guardianship_categories_count_once),
		cmocka_unit_test(open_problems_and_their_age),
		cmocka_unit_test(missed_contacts_and_visits),
		cmocka_unit_test(dropout_harm_misbehaviour),
		cmocka_unit_test(factors_add_up_in_order),
		cmocka_unit_test(thresholds_exactly),
		cmocka_unit_test(override_until_its_expiry_day),
		cmocka_unit_test(override_needs_reason_and_expiry),
		cmocka_unit_test(factors_by_code),
		cmocka_unit_test(codes_and_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
