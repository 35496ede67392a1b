/* Unit tests for src/domain/guardianship.c: the questionnaire table, every grade reachable, the
 * thresholds one below, at and above, decisive answers over the total, incomplete and invalid
 * answers, dimension sums, the explanation lines, the reassessment day at month ends and in leap
 * years, and the settings check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/guardianship.h"

static struct ga_settings defaults(void)
{
	struct ga_settings s;
	ga_settings_default(&s);
	return s;
}

/* Every item answered with its sound first option. */
static void sound(int a[GA_ITEM_COUNT])
{
	for (int i = 0; i < GA_ITEM_COUNT; i++)
		a[i] = 0;
}

/* The answer of `item` by option code; fails the test when the code is unknown. */
static void set(int a[GA_ITEM_COUNT], enum ga_item_id item, const char *code)
{
	int o = ga_option_from_code(item, code);
	assert_true(o >= 0);
	a[item] = o;
}

static struct ga_result grade_ok(const int a[GA_ITEM_COUNT], const struct ga_settings *s)
{
	struct ga_result r;
	enum ga_item_id item = GA_ITEM_COUNT;
	assert_int_equal(ga_grade(a, s, &r, &item), GA_OK);
	assert_int_equal(item, GA_ITEM_COUNT);   /* untouched on success */
	return r;
}

static struct cdate ymd(int y, int m, int d)
{
	struct cdate r = { y, m, d };
	return r;
}

static void table_is_consistent(void **state)
{
	(void)state;
	int total = 0, dims = 0;
	for (int i = 0; i < GA_ITEM_COUNT; i++) {
		const struct ga_item *it = ga_item_get((enum ga_item_id)i);
		assert_non_null(it);
		assert_true(it->noptions >= 2 && it->noptions <= GA_MAX_OPTIONS);
		assert_true(strlen(it->label) > 0 && strlen(it->question) > 0);
		assert_true(strlen(it->source) > 0);
		assert_int_equal(ga_item_from_code(it->code), i);
		assert_int_equal(it->options[0].points, 0);
		assert_int_equal(it->options[0].decides, GA_UNKNOWN);
		for (int o = 0; o < it->noptions; o++) {
			const struct ga_option *op = &it->options[o];
			assert_int_equal(ga_option_from_code((enum ga_item_id)i, op->code), o);
			if (o > 0)
				assert_true(op->points > it->options[o - 1].points);
			assert_true(op->decides == GA_UNKNOWN || op->decides == GA_IMPROPER ||
				    op->decides == GA_ABSENT);
		}
		total += it->options[it->noptions - 1].points;
	}
	for (int d = 0; d < GAD_COUNT; d++)
		dims += ga_dimension_max((enum ga_dimension)d);
	assert_int_equal(ga_max_score(), total);
	assert_int_equal(dims, total);
	assert_int_equal(ga_max_score(), 99);
	assert_null(ga_item_get(GA_ITEM_COUNT));
	assert_null(ga_item_get((enum ga_item_id)-1));
	/* only the carer item can give 监护缺失; the four harm items give 监护失当 */
	assert_int_equal(ga_item_get(GAI_CARER)->options[3].decides, GA_ABSENT);
	for (int i = 0; i < GA_ITEM_COUNT; i++)
		for (int o = 0; o < ga_item_get((enum ga_item_id)i)->noptions; o++)
			if (ga_item_get((enum ga_item_id)i)->options[o].decides == GA_ABSENT)
				assert_int_equal(i, GAI_CARER);
	assert_false(ga_item_get(GAI_ONLINE)->required);
	assert_false(ga_item_get(GAI_SCHOOL)->required);
	assert_true(ga_item_get(GAI_CARER)->required);
}

static void all_sound_is_normal(void **state)
{
	(void)state;
	struct ga_settings s = defaults();
	int a[GA_ITEM_COUNT];
	sound(a);
	struct ga_result r = grade_ok(a, &s);
	assert_int_equal(r.result, GA_NORMAL);
	assert_int_equal(r.by_score, GA_NORMAL);
	assert_int_equal(r.score, 0);
	assert_int_equal(r.max_score, 99);
	assert_int_equal(r.ndecisive, 0);
	assert_int_equal(r.unanswered, 0);
	assert_string_equal(r.dims[GAD_CARE].explain, "生活照料：0分（满分15分），未发现问题");
	assert_int_equal(r.dims[GAD_CARE].answered, 3);
}

/* The two examples of the header: a left-behind child with capable grandparents is 正常; an
 * elderly caregiver of limited capacity and rare contact is 不足. */
static void typical_families(void **state)
{
	(void)state;
	struct ga_settings s = defaults();
	int a[GA_ITEM_COUNT];
	sound(a);
	set(a, GAI_PARENTS, "able_away");
	set(a, GAI_CARER, "entrusted");
	set(a, GAI_CONTACT, "monthly");
	struct ga_result r = grade_ok(a, &s);
	assert_int_equal(r.score, 6);
	assert_int_equal(r.result, GA_NORMAL);

	set(a, GAI_CARER, "limited");
	set(a, GAI_CONTACT, "rare");
	r = grade_ok(a, &s);
	assert_int_equal(r.score, 11);
	assert_int_equal(r.result, GA_INSUFFICIENT);
	assert_string_equal(r.dims[GAD_GUARDIAN].explain,
			    "监护人状况：7分（满分16分）；父母状况：父母均外出务工，能履行监护职责（2分）"
			    "；实际照料人：照料人年老、患病或残疾，照护能力有限（5分）");
}

/* Totals 9/10/11 and 29/30/31 built from non-decisive answers. */
static void thresholds_below_at_above(void **state)
{
	(void)state;
	struct ga_settings s = defaults();
	int a[GA_ITEM_COUNT];
	struct ga_result r;

	sound(a);
	set(a, GAI_CARER, "limited");       /* 5 */
	set(a, GAI_SAFETY_EDU, "none");     /* 4 */
	r = grade_ok(a, &s);
	assert_int_equal(r.score, 9);
	assert_int_equal(r.result, GA_NORMAL);

	sound(a);
	set(a, GAI_CARER, "limited");       /* 5 */
	set(a, GAI_FOOD, "often");          /* 5 */
	r = grade_ok(a, &s);
	assert_int_equal(r.score, 10);
	assert_int_equal(r.result, GA_INSUFFICIENT);

	sound(a);
	set(a, GAI_CARER, "limited");       /* 5 */
	set(a, GAI_PARENTS, "both_unable"); /* 6 */
	r = grade_ok(a, &s);
	assert_int_equal(r.score, 11);
	assert_int_equal(r.result, GA_INSUFFICIENT);

	/* 6 + 5 + 5 + 5 + 5 = 26, then + 3, + 4, + 5 */
	sound(a);
	set(a, GAI_PARENTS, "both_unable");
	set(a, GAI_CARER, "limited");
	set(a, GAI_FOOD, "often");
	set(a, GAI_HOUSING, "unsafe");
	set(a, GAI_HEALTH, "untreated");
	set(a, GAI_NEGLECT, "some");
	r = grade_ok(a, &s);
	assert_int_equal(r.score, 29);
	assert_int_equal(r.result, GA_INSUFFICIENT);
	assert_int_equal(r.ndecisive, 0);

	a[GAI_NEGLECT] = 0;
	set(a, GAI_ABUSE, "corporal");
	r = grade_ok(a, &s);
	assert_int_equal(r.score, 30);
	assert_int_equal(r.result, GA_IMPROPER);
	assert_int_equal(r.ndecisive, 0);

	a[GAI_ABUSE] = 0;
	set(a, GAI_SUPERVISION, "often");
	r = grade_ok(a, &s);
	assert_int_equal(r.score, 31);
	assert_int_equal(r.result, GA_IMPROPER);
	assert_int_equal(r.by_score, GA_IMPROPER);

	/* the county's thresholds are the ones applied */
	s.insufficient = 12;
	s.improper = 32;
	assert_int_equal(grade_ok(a, &s).result, GA_INSUFFICIENT);
	sound(a);
	set(a, GAI_CARER, "limited");
	set(a, GAI_PARENTS, "both_unable");
	assert_int_equal(grade_ok(a, &s).result, GA_NORMAL);
	assert_int_equal(ga_grade_of_score(&s, 11), GA_NORMAL);
	assert_int_equal(ga_grade_of_score(&s, 12), GA_INSUFFICIENT);
	assert_int_equal(ga_grade_of_score(&s, 32), GA_IMPROPER);
}

static void no_total_reaches_absent(void **state)
{
	(void)state;
	struct ga_settings s = defaults();
	int a[GA_ITEM_COUNT];
	for (int i = 0; i < GA_ITEM_COUNT; i++)
		a[i] = ga_item_get((enum ga_item_id)i)->noptions - 1;
	set(a, GAI_CARER, "limited");
	struct ga_result r = grade_ok(a, &s);
	assert_int_equal(r.score, 94);
	assert_int_equal(r.by_score, GA_IMPROPER);
	assert_int_equal(r.result, GA_IMPROPER);
}

static void decisive_answers_override_the_total(void **state)
{
	(void)state;
	struct ga_settings s = defaults();
	s.insufficient = 20;   /* a lone decisive answer (10 points) scores 正常 */
	s.improper = 40;
	int a[GA_ITEM_COUNT];
	struct ga_result r;

	/* nobody cares for the child: 监护缺失 whatever the score */
	sound(a);
	set(a, GAI_CARER, "nobody");
	r = grade_ok(a, &s);
	assert_int_equal(r.score, 10);
	assert_int_equal(r.by_score, GA_NORMAL);
	assert_int_equal(r.result, GA_ABSENT);
	assert_int_equal(r.ndecisive, 1);
	assert_int_equal(r.decisive[0], GAI_CARER);
	assert_non_null(strstr(r.dims[GAD_GUARDIAN].explain,
			       "实际照料人：无人实际照料（无监护人能履职，也无被委托照护人）"
			       "（10分，单项即认定监护缺失）"));

	/* each harm answer alone: at least 监护失当 */
	static const struct { enum ga_item_id item; const char *code; } harm[] = {
		{ GAI_ABUSE, "abuse" }, { GAI_ABANDON, "yes" }, { GAI_NEGLECT, "serious" },
		{ GAI_BAD_INFLUENCE, "yes" },
	};
	for (size_t i = 0; i < sizeof(harm) / sizeof(harm[0]); i++) {
		sound(a);
		set(a, harm[i].item, harm[i].code);
		r = grade_ok(a, &s);
		assert_int_equal(r.by_score, GA_NORMAL);
		assert_int_equal(r.result, GA_IMPROPER);
		assert_int_equal(r.ndecisive, 1);
		assert_int_equal(r.decisive[0], harm[i].item);
		assert_non_null(strstr(r.dims[GAD_HARM].explain, "单项即认定至少监护失当"));
	}

	/* 监护失当 is a floor: nothing lowers a worse grade. Harm and nobody caring: 监护缺失, both
	 * decisive items named in questionnaire order. */
	sound(a);
	set(a, GAI_ABANDON, "yes");
	set(a, GAI_CARER, "nobody");
	r = grade_ok(a, &s);
	assert_int_equal(r.result, GA_ABSENT);
	assert_int_equal(r.by_score, GA_INSUFFICIENT);
	assert_int_equal(r.ndecisive, 2);
	assert_int_equal(r.decisive[0], GAI_CARER);
	assert_int_equal(r.decisive[1], GAI_ABANDON);

	/* a lesser harm answer (体罚) is points only */
	sound(a);
	set(a, GAI_ABUSE, "corporal");
	r = grade_ok(a, &s);
	assert_int_equal(r.result, GA_NORMAL);
	assert_int_equal(r.ndecisive, 0);
	assert_string_equal(r.dims[GAD_HARM].explain,
			    "侵害与失职：4分（满分40分）；殴打虐待：有过体罚（4分）");
}

static void unanswered_required_item_is_named(void **state)
{
	(void)state;
	struct ga_settings s = defaults();
	int a[GA_ITEM_COUNT];
	struct ga_result r, before;
	enum ga_item_id item;

	memset(&r, 0x5a, sizeof(r));
	before = r;
	sound(a);
	a[GAI_HOUSING] = GA_NOT_ANSWERED;
	a[GAI_NEGLECT] = GA_NOT_ANSWERED;
	assert_int_equal(ga_grade(a, &s, &r, &item), GA_ERR_MISSING);
	assert_int_equal(item, GAI_HOUSING);
	assert_string_equal(ga_item_get(item)->code, "housing");
	assert_memory_equal(&r, &before, sizeof(r));
	a[GAI_HOUSING] = 0;
	assert_int_equal(ga_grade(a, &s, &r, &item), GA_ERR_MISSING);
	assert_int_equal(item, GAI_NEGLECT);
	assert_int_equal(ga_grade(a, &s, &r, NULL), GA_ERR_MISSING);
	assert_string_equal(ga_status_message(GA_ERR_MISSING), "评估未完成：有必答题未作答");

	/* a blank decisive item is missing, not sound */
	sound(a);
	a[GAI_CARER] = GA_NOT_ANSWERED;
	assert_int_equal(ga_grade(a, &s, &r, &item), GA_ERR_MISSING);
	assert_int_equal(item, GAI_CARER);
}

static void unanswered_optional_items_are_counted(void **state)
{
	(void)state;
	struct ga_settings s = defaults();
	int a[GA_ITEM_COUNT];
	sound(a);
	a[GAI_ONLINE] = GA_NOT_ANSWERED;
	a[GAI_SCHOOL] = GA_NOT_ANSWERED;
	set(a, GAI_ATTENTION, "little");
	struct ga_result r = grade_ok(a, &s);
	assert_int_equal(r.unanswered, 2);
	assert_int_equal(r.dims[GAD_SAFETY].unanswered, 1);
	assert_int_equal(r.dims[GAD_SAFETY].answered, 2);
	assert_int_equal(r.dims[GAD_EDUCATION].unanswered, 1);
	assert_int_equal(r.score, 2);
	assert_string_equal(r.dims[GAD_SAFETY].explain,
			    "安全保护：0分（满分12分），未发现问题；1项未作答");
	assert_string_equal(r.dims[GAD_EDUCATION].explain,
			    "教育与情感：2分（满分16分）；关注学习心理：较少关注（2分）；1项未作答");
}

static void option_out_of_range_is_an_error(void **state)
{
	(void)state;
	struct ga_settings s = defaults();
	int a[GA_ITEM_COUNT];
	struct ga_result r;
	enum ga_item_id item;

	sound(a);
	a[GAI_ABANDON] = 2;   /* two options: 0 and 1 */
	assert_int_equal(ga_grade(a, &s, &r, &item), GA_ERR_OPTION);
	assert_int_equal(item, GAI_ABANDON);
	a[GAI_ABANDON] = 1;
	assert_int_equal(ga_grade(a, &s, &r, &item), GA_OK);

	sound(a);
	a[GAI_CONTACT] = -2;  /* negative but not GA_NOT_ANSWERED */
	assert_int_equal(ga_grade(a, &s, &r, &item), GA_ERR_OPTION);
	assert_int_equal(item, GAI_CONTACT);

	/* the first problem in questionnaire order wins */
	sound(a);
	a[GAI_PARENTS] = 4;
	a[GAI_FOOD] = GA_NOT_ANSWERED;
	assert_int_equal(ga_grade(a, &s, &r, &item), GA_ERR_OPTION);
	assert_int_equal(item, GAI_PARENTS);
	a[GAI_PARENTS] = 0;
	a[GAI_BAD_INFLUENCE] = 7;
	assert_int_equal(ga_grade(a, &s, &r, &item), GA_ERR_MISSING);
	assert_int_equal(item, GAI_FOOD);

	/* an optional item accepts a blank, not a wrong index */
	sound(a);
	a[GAI_ONLINE] = 3;
	assert_int_equal(ga_grade(a, &s, &r, &item), GA_ERR_OPTION);
	assert_int_equal(item, GAI_ONLINE);

	assert_int_equal(ga_grade(NULL, &s, &r, &item), GA_ERR_ARGS);
	assert_int_equal(ga_grade(a, NULL, &r, &item), GA_ERR_ARGS);
	assert_int_equal(ga_grade(a, &s, NULL, &item), GA_ERR_ARGS);
}

/* Many answer sets (a fixed pseudo-random sequence, blanks on optional items included): the
 * dimension scores add up to the total, the counts to the items. */
static void dimension_sums_add_up(void **state)
{
	(void)state;
	struct ga_settings s = defaults();
	uint32_t x = 12345;
	for (int round = 0; round < 500; round++) {
		int a[GA_ITEM_COUNT], expect = 0;
		for (int i = 0; i < GA_ITEM_COUNT; i++) {
			const struct ga_item *it = ga_item_get((enum ga_item_id)i);
			x = x * 1103515245u + 12345u;
			int pick = (int)((x >> 16) % (uint32_t)(it->noptions + 1)) - 1;
			if (pick == GA_NOT_ANSWERED && it->required)
				pick = 0;
			a[i] = pick;
			if (pick >= 0)
				expect += it->options[pick].points;
		}
		struct ga_result r = grade_ok(a, &s);
		int sum = 0, counted = 0;
		for (int d = 0; d < GAD_COUNT; d++) {
			sum += r.dims[d].score;
			counted += r.dims[d].answered + r.dims[d].unanswered;
			assert_true(r.dims[d].score <= r.dims[d].max);
		}
		assert_int_equal(sum, r.score);
		assert_int_equal(r.score, expect);
		assert_int_equal(counted, GA_ITEM_COUNT);
		assert_true(r.result >= r.by_score);
	}
}

/* The worst answers everywhere: every line names its last scoring item (nothing cut off). */
static void explanations_are_whole(void **state)
{
	(void)state;
	struct ga_settings s = defaults();
	int a[GA_ITEM_COUNT];
	for (int i = 0; i < GA_ITEM_COUNT; i++)
		a[i] = ga_item_get((enum ga_item_id)i)->noptions - 1;
	struct ga_result r = grade_ok(a, &s);
	assert_int_equal(r.score, 99);
	assert_int_equal(r.result, GA_ABSENT);
	assert_int_equal(r.ndecisive, 5);
	for (int i = 0; i < GA_ITEM_COUNT; i++) {
		const struct ga_item *it = ga_item_get((enum ga_item_id)i);
		assert_non_null(strstr(r.dims[it->dim].explain, it->label));
		assert_non_null(strstr(r.dims[it->dim].explain, it->options[it->noptions - 1].text));
	}
	assert_non_null(strstr(r.dims[GAD_HARM].explain, "侵害与失职：40分（满分40分）；"));
}

static void reassessment_dates(void **state)
{
	(void)state;
	struct ga_settings s = defaults();
	struct cdate d;

	assert_int_equal(ga_next_assessment(ymd(2026, 5, 20), GA_NORMAL, &s, &d), 0);
	assert_int_equal(cdate_cmp(d, ymd(2027, 5, 20)), 0);
	assert_int_equal(ga_next_assessment(ymd(2026, 5, 20), GA_INSUFFICIENT, &s, &d), 0);
	assert_int_equal(cdate_cmp(d, ymd(2026, 11, 20)), 0);
	assert_int_equal(ga_next_assessment(ymd(2026, 5, 20), GA_IMPROPER, &s, &d), 0);
	assert_int_equal(cdate_cmp(d, ymd(2026, 8, 20)), 0);
	assert_int_equal(ga_next_assessment(ymd(2026, 5, 20), GA_ABSENT, &s, &d), 0);
	assert_int_equal(cdate_cmp(d, ymd(2026, 6, 20)), 0);

	/* month ends: the target month's last day */
	assert_int_equal(ga_next_assessment(ymd(2026, 1, 31), GA_ABSENT, &s, &d), 0);
	assert_int_equal(cdate_cmp(d, ymd(2026, 2, 28)), 0);
	assert_int_equal(ga_next_assessment(ymd(2026, 8, 31), GA_INSUFFICIENT, &s, &d), 0);
	assert_int_equal(cdate_cmp(d, ymd(2027, 2, 28)), 0);
	assert_int_equal(ga_next_assessment(ymd(2026, 3, 31), GA_ABSENT, &s, &d), 0);
	assert_int_equal(cdate_cmp(d, ymd(2026, 4, 30)), 0);
	assert_int_equal(ga_next_assessment(ymd(2026, 12, 31), GA_IMPROPER, &s, &d), 0);
	assert_int_equal(cdate_cmp(d, ymd(2027, 3, 31)), 0);

	/* leap years */
	assert_int_equal(ga_next_assessment(ymd(2028, 1, 31), GA_ABSENT, &s, &d), 0);
	assert_int_equal(cdate_cmp(d, ymd(2028, 2, 29)), 0);
	assert_int_equal(ga_next_assessment(ymd(2027, 11, 30), GA_IMPROPER, &s, &d), 0);
	assert_int_equal(cdate_cmp(d, ymd(2028, 2, 29)), 0);
	assert_int_equal(ga_next_assessment(ymd(2028, 2, 29), GA_NORMAL, &s, &d), 0);
	assert_int_equal(cdate_cmp(d, ymd(2029, 2, 28)), 0);
	assert_int_equal(ga_next_assessment(ymd(2027, 2, 28), GA_NORMAL, &s, &d), 0);
	assert_int_equal(cdate_cmp(d, ymd(2028, 2, 28)), 0);

	/* the county's months */
	s.months_absent = 2;
	assert_int_equal(ga_next_assessment(ymd(2027, 12, 31), GA_ABSENT, &s, &d), 0);
	assert_int_equal(cdate_cmp(d, ymd(2028, 2, 29)), 0);

	/* refused: not assessed, an invalid day, bad settings; d unchanged */
	struct cdate keep = d;
	assert_int_equal(ga_next_assessment(ymd(2026, 5, 20), GA_UNKNOWN, &s, &d), -1);
	assert_int_equal(ga_next_assessment(ymd(2026, 2, 30), GA_NORMAL, &s, &d), -1);
	assert_int_equal(ga_next_assessment(ymd(0, 0, 0), GA_NORMAL, &s, &d), -1);
	assert_int_equal(ga_next_assessment(ymd(2026, 5, 20), (enum guardianship_assessment)9, &s,
					    &d), -1);
	s.months_normal = 0;
	assert_int_equal(ga_next_assessment(ymd(2026, 5, 20), GA_NORMAL, &s, &d), -1);
	assert_int_equal(cdate_cmp(d, keep), 0);
	assert_int_equal(ga_next_assessment(ymd(2026, 5, 20), GA_NORMAL, &s, NULL), -1);
}

static void settings_check(void **state)
{
	(void)state;
	struct ga_settings s = defaults();
	const char *field = NULL;
	assert_int_equal(s.insufficient, 10);
	assert_int_equal(s.improper, 30);
	assert_int_equal(s.months_absent, 1);
	assert_int_equal(s.months_improper, 3);
	assert_int_equal(s.months_insufficient, 6);
	assert_int_equal(s.months_normal, 12);
	assert_int_equal(ga_settings_check(&s, &field), 0);
	assert_null(field);

	static const struct {
		int insufficient, improper, ma, mi, ms, mn;
		const char *field;
	} bad[] = {
		{ 0, 30, 1, 3, 6, 12, "insufficient" },
		{ -5, 30, 1, 3, 6, 12, "insufficient" },
		{ 30, 30, 1, 3, 6, 12, "insufficient" },
		{ 31, 30, 1, 3, 6, 12, "insufficient" },
		{ 10, 100, 1, 3, 6, 12, "improper" },       /* above the most a total can be */
		{ 10, 30, 0, 3, 6, 12, "months_absent" },
		{ 10, 30, 25, 25, 25, 25, "months_absent" },
		{ 10, 30, 4, 3, 6, 12, "months_improper" },  /* a worse grade reassessed later */
		{ 10, 30, 1, 7, 6, 12, "months_insufficient" },
		{ 10, 30, 1, 3, 6, 5, "months_normal" },
		{ 10, 30, 1, 3, 6, 25, "months_normal" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ga_settings b = { bad[i].insufficient, bad[i].improper, bad[i].ma, bad[i].mi,
					 bad[i].ms, bad[i].mn };
		field = NULL;
		assert_int_equal(ga_settings_check(&b, &field), -1);
		assert_non_null(field);
		assert_string_equal(field, bad[i].field);
		assert_int_equal(ga_settings_check(&b, NULL), -1);
		int a[GA_ITEM_COUNT];
		struct ga_result r;
		sound(a);
		assert_int_equal(ga_grade(a, &b, &r, NULL), GA_ERR_ARGS);
	}

	/* the limits themselves are accepted */
	struct ga_settings edge = { 1, 99, 1, 1, 1, 1 };
	assert_int_equal(ga_settings_check(&edge, NULL), 0);
	struct ga_settings edge2 = { 98, 99, 24, 24, 24, 24 };
	assert_int_equal(ga_settings_check(&edge2, NULL), 0);
	assert_int_equal(ga_settings_check(NULL, &field), -1);
}

static void codes_and_names(void **state)
{
	(void)state;
	static const char *codes[GAD_COUNT] = { "guardian", "care", "safety", "education", "harm" };
	static const char *names[GAD_COUNT] = { "监护人状况", "生活照料", "安全保护", "教育与情感",
						"侵害与失职" };
	for (int d = 0; d < GAD_COUNT; d++) {
		assert_string_equal(ga_dimension_code((enum ga_dimension)d), codes[d]);
		assert_string_equal(ga_dimension_name((enum ga_dimension)d), names[d]);
	}
	assert_string_equal(ga_dimension_code(GAD_COUNT), "");
	assert_string_equal(ga_dimension_name((enum ga_dimension)-1), "");
	assert_int_equal(ga_dimension_max(GAD_COUNT), 0);
	assert_int_equal(ga_item_from_code("carer"), GAI_CARER);
	assert_int_equal(ga_item_from_code("nope"), -1);
	assert_int_equal(ga_item_from_code(NULL), -1);
	assert_int_equal(ga_option_from_code(GAI_CARER, "nobody"), 3);
	assert_int_equal(ga_option_from_code(GAI_CARER, "nope"), -1);
	assert_int_equal(ga_option_from_code(GA_ITEM_COUNT, "none"), -1);
	assert_string_equal(ga_status_message(GA_OK), "");
	assert_string_equal(ga_status_message(GA_ERR_OPTION), "答案不是该题的选项");
	/* the grades are risk.h's: one enum, one set of names */
	assert_string_equal(guardianship_name(GA_ABSENT), "监护缺失");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_is_consistent),
		cmocka_unit_test(all_sound_is_normal),
		cmocka_unit_test(typical_families),
		cmocka_unit_test(thresholds_below_at_above),
		cmocka_unit_test(no_total_reaches_absent),
		cmocka_unit_test(decisive_answers_override_the_total),
		cmocka_unit_test(unanswered_required_item_is_named),
		cmocka_unit_test(unanswered_optional_items_are_counted),
		cmocka_unit_test(option_out_of_range_is_an_error),
		cmocka_unit_test(dimension_sums_add_up),
		cmocka_unit_test(explanations_are_whole),
		cmocka_unit_test(reassessment_dates),
		cmocka_unit_test(settings_check),
		cmocka_unit_test(codes_and_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
