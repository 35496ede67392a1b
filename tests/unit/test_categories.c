/* Unit tests for src/domain/categories.c: every branch of each category's definition and its
 * boundaries (the 16th and 18th birthdays, 29 February births, 6 months away or out of contact
 * counted by the calendar, which disabilities and terms count), the reasons, and the code
 * tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/categories.h"

static struct cdate ymd(int y, int m, int d)
{
	struct cdate r = { y, m, d };
	return r;
}

static struct parent_facts with(enum member_status s)
{
	struct parent_facts p = { 0 };
	p.present = 1;
	p.status = s;
	return p;
}

static struct parent_facts away(struct cdate since)
{
	struct parent_facts p = with(MS_AWAY);
	p.since = since;
	p.outside_county = 1;
	return p;
}

static struct parent_facts lost(struct cdate since)
{
	struct parent_facts p = with(MS_LOST_CONTACT);
	p.since = since;
	return p;
}

static struct parent_facts termed(enum member_status s, int months)
{
	struct parent_facts p = with(s);
	p.months = months;
	return p;
}

static struct parent_facts disabled(int grade, enum disability_kind kind)
{
	struct parent_facts p = with(MS_SEVERE_DISABILITY);
	p.disability_grade = grade;
	p.disability_kind = kind;
	return p;
}

/* A rural child born 2015-05-10 with both parents at home. */
static struct child_facts child(void)
{
	struct child_facts f = { 0 };
	f.birth = ymd(2015, 5, 10);
	f.rural_hukou = 1;
	f.father = with(MS_HOME);
	f.mother = with(MS_HOME);
	return f;
}

static const struct cdate on = { 2026, 3, 1 };

static uint32_t derive(const struct child_facts *f, struct cdate day)
{
	return categories_derive(f, day, NULL, NULL);
}

/* The reason given for category c, or NULL. */
static const char *reason(const struct child_facts *f, struct cdate day, enum category c)
{
	static struct category_reason r[CAT_COUNT];
	int n = -1;
	categories_derive(f, day, r, &n);
	for (int i = 0; i < n; i++)
		if (r[i].cat == c)
			return r[i].rule;
	return NULL;
}

static void rural_left_behind_both_away(void **state)
{
	struct child_facts f = child();
	f.father = away(ymd(2025, 6, 1));
	f.mother = away(ymd(2024, 1, 1));
	struct category_reason r[CAT_COUNT];
	int n = -1;
	assert_int_equal(categories_derive(&f, on, r, &n), CAT_RURAL_LEFT_BEHIND);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].cat, CAT_RURAL_LEFT_BEHIND);
	assert_string_equal(r[0].rule,
			    "未满16周岁，农村户籍，父母均在县外务工满6个月（国发〔2016〕13号）");

	f.rural_hukou = 0;
	assert_int_equal(derive(&f, on), CAT_URBAN_LEFT_BEHIND);
	assert_non_null(strstr(reason(&f, on, CAT_URBAN_LEFT_BEHIND), "城镇户籍"));
}

static void left_behind_needs_both_away_outside_the_county(void **state)
{
	struct child_facts f = child();
	f.father = away(ymd(2025, 1, 1));
	assert_int_equal(derive(&f, on), 0);             /* mother at home */
	f.mother = away(ymd(2025, 1, 1));
	f.mother.outside_county = 0;
	assert_int_equal(derive(&f, on), 0);             /* mother works within the county */
	f.mother = away(ymd(0, 0, 0));
	assert_int_equal(derive(&f, on), 0);             /* since when is unknown */
	f.mother.present = 0;
	assert_int_equal(derive(&f, on), 0);             /* no record of the mother */
	f.mother = away(ymd(2025, 1, 1));
	assert_int_equal(derive(&f, on), CAT_RURAL_LEFT_BEHIND);
}

static void away_six_months_by_the_calendar(void **state)
{
	struct child_facts f = child();
	f.mother = away(ymd(2024, 1, 1));
	/* exactly 6 months */
	f.father = away(ymd(2025, 3, 1));
	assert_int_equal(derive(&f, ymd(2025, 9, 1)), CAT_RURAL_LEFT_BEHIND);
	/* 5 months and 30 days */
	assert_int_equal(derive(&f, ymd(2025, 8, 31)), 0);
	/* away since 31 August: 6 months end on the last day of February */
	f.father = away(ymd(2025, 8, 31));
	assert_int_equal(derive(&f, ymd(2026, 2, 27)), 0);
	assert_int_equal(derive(&f, ymd(2026, 2, 28)), CAT_RURAL_LEFT_BEHIND);
	f.father = away(ymd(2027, 8, 31));
	assert_int_equal(derive(&f, ymd(2028, 2, 28)), 0);  /* a leap year: 29 February */
	assert_int_equal(derive(&f, ymd(2028, 2, 29)), CAT_RURAL_LEFT_BEHIND);
}

static void one_away_other_without_capacity(void **state)
{
	struct child_facts f = child();
	f.father = away(ymd(2025, 1, 1));
	f.mother = disabled(2, DK_PHYSICAL);
	assert_int_equal(derive(&f, on), CAT_RURAL_LEFT_BEHIND);
	assert_string_equal(reason(&f, on, CAT_RURAL_LEFT_BEHIND),
			    "未满16周岁，农村户籍，父亲在县外务工满6个月，母亲重残或重病无监护能力"
			    "（国发〔2016〕13号）");
	f.mother = disabled(1, DK_VISUAL);
	assert_int_equal(derive(&f, on), CAT_RURAL_LEFT_BEHIND);
	f.mother = disabled(3, DK_PHYSICAL);             /* grade 3 physical: not severe */
	assert_int_equal(derive(&f, on), 0);
	f.mother = disabled(3, DK_INTELLECTUAL);         /* grade 3 intellectual: severe */
	assert_int_equal(derive(&f, on), CAT_RURAL_LEFT_BEHIND);
	f.mother = disabled(4, DK_MENTAL);
	assert_int_equal(derive(&f, on), CAT_RURAL_LEFT_BEHIND);
	f.mother = disabled(4, DK_MULTIPLE);
	assert_int_equal(derive(&f, on), 0);
	f.mother = disabled(0, DK_INTELLECTUAL);         /* grade unknown */
	assert_int_equal(derive(&f, on), 0);
	f.mother = with(MS_SERIOUS_ILLNESS);
	assert_int_equal(derive(&f, on), CAT_RURAL_LEFT_BEHIND);
	f.mother = termed(MS_PRISON, 24);                /* not a lack of capacity for 留守 */
	assert_int_equal(derive(&f, on), 0);

	/* the mirror: mother away, father seriously ill */
	f.mother = away(ymd(2025, 1, 1));
	f.father = with(MS_SERIOUS_ILLNESS);
	assert_int_equal(derive(&f, on), CAT_RURAL_LEFT_BEHIND);
	assert_non_null(strstr(reason(&f, on, CAT_RURAL_LEFT_BEHIND), "母亲在县外务工"));
	f.mother = away(ymd(2025, 9, 2));                /* not yet 6 months on 2026-03-01 */
	assert_int_equal(derive(&f, on), 0);
}

static void left_behind_ends_on_the_16th_birthday(void **state)
{
	struct child_facts f = child();
	f.birth = ymd(2010, 3, 1);
	f.father = away(ymd(2020, 1, 1));
	f.mother = away(ymd(2020, 1, 1));
	f.dibao = 1;
	uint32_t dibao = CAT_DIBAO | CAT_HARDSHIP_POVERTY;
	assert_int_equal(derive(&f, ymd(2026, 2, 28)), CAT_RURAL_LEFT_BEHIND | dibao);
	assert_int_equal(derive(&f, ymd(2026, 3, 1)), dibao);   /* 16: the rest continue to 18 */
}

static void orphan(void **state)
{
	struct child_facts f = child();
	f.father = with(MS_DEAD);
	f.mother = with(MS_DEAD);
	uint32_t want = CAT_ORPHAN | CAT_HARDSHIP_GUARDIANSHIP;
	assert_int_equal(derive(&f, on), want);   /* not single-parent, not de facto */
	assert_string_equal(reason(&f, on, CAT_ORPHAN),
			    "未满18周岁，父母双方均已死亡或失踪"
			    "（国办发〔2010〕54号、民发〔2010〕161号）");
	assert_non_null(strstr(reason(&f, on, CAT_HARDSHIP_GUARDIANSHIP), "孤儿"));
	f.mother = with(MS_MISSING);
	assert_int_equal(derive(&f, on), want);
	f.father = with(MS_MISSING);
	assert_int_equal(derive(&f, on), want);
	f.parents_divorced = 1;
	assert_int_equal(derive(&f, on), want);   /* an orphan's parents' divorce changes nothing */
	/* a parent with no record is neither dead nor missing */
	f.father.present = 0;
	assert_int_equal(derive(&f, on), CAT_SINGLE_PARENT);
	/* lost contact is not missing */
	f.father = lost(ymd(2020, 1, 1));
	assert_false(derive(&f, on) & CAT_ORPHAN);
}

static void orphan_ends_on_the_18th_birthday(void **state)
{
	struct child_facts f = child();
	f.birth = ymd(2008, 6, 15);
	f.father = with(MS_DEAD);
	f.mother = with(MS_DEAD);
	f.disabled = 1;
	assert_true(derive(&f, ymd(2026, 6, 14)) & CAT_ORPHAN);
	assert_true(derive(&f, ymd(2026, 6, 14)) & CAT_DISABLED);
	assert_int_equal(derive(&f, ymd(2026, 6, 15)), 0);   /* 18: nothing at all */
}

static void born_on_29_february(void **state)
{
	struct child_facts f = child();
	f.birth = ymd(2008, 2, 29);
	f.father = with(MS_DEAD);
	f.mother = with(MS_MISSING);
	/* 2026 is a common year: the 18th birthday is 1 March */
	assert_true(derive(&f, ymd(2026, 2, 28)) & CAT_ORPHAN);
	assert_int_equal(derive(&f, ymd(2026, 3, 1)), 0);
	/* the 16th birthday fell on 29 February 2024 */
	f.father = away(ymd(2020, 1, 1));
	f.mother = away(ymd(2020, 1, 1));
	assert_int_equal(derive(&f, ymd(2024, 2, 28)), CAT_RURAL_LEFT_BEHIND);
	assert_int_equal(derive(&f, ymd(2024, 2, 29)), 0);
}

static void de_facto_one_parent_dead(void **state)
{
	struct child_facts f = child();
	f.father = with(MS_DEAD);
	f.mother = termed(MS_PRISON, 6);
	uint32_t want = CAT_DE_FACTO_UNATTENDED | CAT_SINGLE_PARENT | CAT_HARDSHIP_GUARDIANSHIP;
	assert_int_equal(derive(&f, on), want);
	assert_non_null(strstr(reason(&f, on, CAT_DE_FACTO_UNATTENDED),
			       "未满18周岁，父亲死亡或失踪，母亲重残、重病、服刑在押"));
	assert_non_null(strstr(reason(&f, on, CAT_DE_FACTO_UNATTENDED), "民发〔2020〕125号"));
	assert_non_null(strstr(reason(&f, on, CAT_HARDSHIP_GUARDIANSHIP), "事实无人抚养"));
	f.mother = termed(MS_PRISON, 5);                 /* a sentence under 6 months */
	assert_int_equal(derive(&f, on), CAT_SINGLE_PARENT);
	f.mother = termed(MS_PRISON, 0);                 /* sentence unknown */
	assert_int_equal(derive(&f, on), CAT_SINGLE_PARENT);

	/* the mirror: mother missing, father lost contact */
	f.mother = with(MS_MISSING);
	f.father = lost(ymd(2025, 9, 1));                /* exactly 6 months on 2026-03-01 */
	assert_int_equal(derive(&f, on), want);
	assert_non_null(strstr(reason(&f, on, CAT_DE_FACTO_UNATTENDED), "母亲死亡或失踪，父亲"));
	f.father = lost(ymd(2025, 9, 2));
	assert_int_equal(derive(&f, on), CAT_SINGLE_PARENT);
	f.father = lost(ymd(0, 0, 0));                   /* since when is unknown */
	assert_int_equal(derive(&f, on), CAT_SINGLE_PARENT);
}

static void de_facto_set_members(void **state)
{
	struct child_facts f = child();
	f.father = with(MS_DEAD);
	struct {
		struct parent_facts p;
		int counts;
	} cases[] = {
		{ disabled(1, DK_HEARING), 1 },
		{ disabled(2, DK_PHYSICAL), 1 },
		{ disabled(3, DK_PHYSICAL), 0 },
		{ disabled(4, DK_SPEECH), 0 },
		{ disabled(3, DK_INTELLECTUAL), 1 },
		{ disabled(4, DK_MENTAL), 1 },
		{ disabled(0, DK_MENTAL), 0 },
		{ with(MS_SERIOUS_ILLNESS), 1 },
		{ termed(MS_PRISON, 6), 1 },
		{ termed(MS_PRISON, 120), 1 },
		{ termed(MS_PRISON, 5), 0 },
		{ termed(MS_REHAB, 24), 1 },
		{ termed(MS_REHAB, 6), 1 },
		{ termed(MS_REHAB, 5), 0 },
		{ termed(MS_REHAB, 0), 1 },   /* unknown: rehabilitation is two years by law */
		{ with(MS_DETAINED), 1 },
		{ termed(MS_DETAINED, 6), 1 },
		{ termed(MS_DETAINED, 3), 0 },
		{ lost(ymd(2025, 8, 31)), 1 },
		{ lost(ymd(2025, 9, 2)), 0 },
		{ with(MS_REVOKED), 1 },
		{ with(MS_DEPORTED), 1 },
		{ with(MS_HOME), 0 },
		{ away(ymd(2020, 1, 1)), 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		f.mother = cases[i].p;
		uint32_t got = derive(&f, on);
		if (((got & CAT_DE_FACTO_UNATTENDED) != 0) != cases[i].counts)
			fail_msg("case %zu: status %s", i, member_status_code(cases[i].p.status));
		assert_true(got & CAT_SINGLE_PARENT);
	}
	/* a member of the set with no record counts for nothing */
	f.mother = with(MS_SERIOUS_ILLNESS);
	f.mother.present = 0;
	assert_int_equal(derive(&f, on), CAT_SINGLE_PARENT);
}

static void de_facto_both_parents_unable(void **state)
{
	struct child_facts f = child();
	f.father = termed(MS_PRISON, 36);
	f.mother = termed(MS_REHAB, 0);
	uint32_t want = CAT_DE_FACTO_UNATTENDED | CAT_HARDSHIP_GUARDIANSHIP;
	assert_int_equal(derive(&f, on), want);          /* not single-parent: no one died */
	assert_non_null(strstr(reason(&f, on, CAT_DE_FACTO_UNATTENDED), "父母双方均重残"));
	f.father = disabled(3, DK_PHYSICAL);
	assert_int_equal(derive(&f, on), 0);
	f.father = disabled(3, DK_INTELLECTUAL);
	assert_int_equal(derive(&f, on), want);
	f.father = with(MS_DEPORTED);
	f.mother = with(MS_REVOKED);
	assert_int_equal(derive(&f, on), want);
	f.mother = with(MS_HOME);
	assert_int_equal(derive(&f, on), 0);
	/* still under 18 at 16 and 17 */
	f.mother = with(MS_DETAINED);
	f.birth = ymd(2008, 3, 2);
	assert_int_equal(derive(&f, on), want);
	f.birth = ymd(2008, 3, 1);
	assert_int_equal(derive(&f, on), 0);
}

static void left_behind_excluded_for_orphan_and_de_facto(void **state)
{
	/* an away parent is neither dead nor in the de-facto set, so with one status per parent the
	 * categories cannot meet; these pin the neighbouring cases */
	struct child_facts f = child();
	f.father = with(MS_DEAD);
	f.mother = away(ymd(2020, 1, 1));
	assert_int_equal(derive(&f, on), CAT_SINGLE_PARENT);
	f.mother = with(MS_DEAD);
	assert_false(derive(&f, on) & (CAT_RURAL_LEFT_BEHIND | CAT_URBAN_LEFT_BEHIND));
	f.father = away(ymd(2020, 1, 1));
	f.mother = with(MS_SERIOUS_ILLNESS);             /* left behind, but not de facto */
	assert_int_equal(derive(&f, on), CAT_RURAL_LEFT_BEHIND);
	f.father = termed(MS_PRISON, 12);                /* de facto, not left behind */
	assert_int_equal(derive(&f, on), CAT_DE_FACTO_UNATTENDED | CAT_HARDSHIP_GUARDIANSHIP);
}

static void single_parent(void **state)
{
	struct child_facts f = child();
	assert_int_equal(derive(&f, on), 0);
	f.father = with(MS_DEAD);
	assert_int_equal(derive(&f, on), CAT_SINGLE_PARENT);
	assert_non_null(strstr(reason(&f, on, CAT_SINGLE_PARENT), "父亲死亡或失踪"));
	f.father = with(MS_HOME);
	f.mother = with(MS_MISSING);
	assert_int_equal(derive(&f, on), CAT_SINGLE_PARENT);
	assert_non_null(strstr(reason(&f, on, CAT_SINGLE_PARENT), "母亲死亡或失踪"));
	f.mother = with(MS_HOME);
	f.parents_divorced = 1;
	assert_int_equal(derive(&f, on), CAT_SINGLE_PARENT);
	assert_string_equal(reason(&f, on, CAT_SINGLE_PARENT),
			    "未满18周岁，父母离异（秀山民政发〔2024〕16号、长治市三年行动方案）");
	/* divorced and both away: both categories */
	f.father = away(ymd(2020, 1, 1));
	f.mother = away(ymd(2020, 1, 1));
	assert_int_equal(derive(&f, on), CAT_RURAL_LEFT_BEHIND | CAT_SINGLE_PARENT);
	/* to the day before the 18th birthday */
	assert_int_equal(derive(&f, ymd(2033, 5, 9)), CAT_SINGLE_PARENT);
	assert_int_equal(derive(&f, ymd(2033, 5, 10)), 0);
}

static void own_condition_and_family_assistance(void **state)
{
	struct child_facts f = child();
	f.disabled = 1;
	assert_int_equal(derive(&f, on), CAT_DISABLED | CAT_HARDSHIP_DISABILITY);
	assert_non_null(strstr(reason(&f, on, CAT_HARDSHIP_DISABILITY), "本人残疾，"));
	f.seriously_ill = 1;
	assert_int_equal(derive(&f, on),
			 CAT_DISABLED | CAT_SERIOUSLY_ILL | CAT_HARDSHIP_DISABILITY);
	assert_non_null(strstr(reason(&f, on, CAT_HARDSHIP_DISABILITY), "残疾且患重病"));
	f.disabled = 0;
	assert_int_equal(derive(&f, on), CAT_SERIOUSLY_ILL | CAT_HARDSHIP_DISABILITY);
	assert_non_null(strstr(reason(&f, on, CAT_HARDSHIP_DISABILITY), "本人患重病，"));

	f = child();
	f.dibao = 1;
	assert_int_equal(derive(&f, on), CAT_DIBAO | CAT_HARDSHIP_POVERTY);
	assert_non_null(strstr(reason(&f, on, CAT_HARDSHIP_POVERTY), "享受低保，"));
	f.tekun = 1;
	assert_int_equal(derive(&f, on), CAT_DIBAO | CAT_TEKUN | CAT_HARDSHIP_POVERTY);
	assert_non_null(strstr(reason(&f, on, CAT_HARDSHIP_POVERTY), "低保且纳入特困"));
	f.dibao = 0;
	assert_int_equal(derive(&f, on), CAT_TEKUN | CAT_HARDSHIP_POVERTY);
	assert_non_null(strstr(reason(&f, on, CAT_HARDSHIP_POVERTY), "国发〔2016〕36号"));
}

static void harmed_and_misbehaviour(void **state)
{
	struct child_facts f = child();
	f.harmed = 1;
	assert_int_equal(derive(&f, on), CAT_HARDSHIP_GUARDIANSHIP);
	assert_non_null(strstr(reason(&f, on, CAT_HARDSHIP_GUARDIANSHIP), "监护缺失或监护不当"));
	f.harmed = 0;
	f.misbehaviour = 1;
	assert_int_equal(derive(&f, on), CAT_MISBEHAVIOUR);
	assert_string_equal(reason(&f, on, CAT_MISBEHAVIOUR),
			    "未满18周岁，有严重不良行为或涉嫌违法犯罪（渝府办发〔2024〕57号）");
	f.birth = ymd(2008, 3, 1);
	assert_int_equal(derive(&f, on), 0);
}

static void reasons_in_order(void **state)
{
	struct child_facts f = child();
	f.father = away(ymd(2020, 1, 1));
	f.mother = away(ymd(2020, 1, 1));
	f.parents_divorced = 1;
	f.disabled = f.seriously_ill = f.dibao = f.tekun = f.harmed = f.misbehaviour = 1;
	struct category_reason r[CAT_COUNT];
	int n = -1;
	uint32_t set = categories_derive(&f, on, r, &n);
	assert_int_equal(n, 10);
	int bits = 0;
	for (uint32_t v = set; v; v &= v - 1)
		bits++;
	assert_int_equal(bits, n);
	for (int i = 0; i < n; i++) {
		assert_true(set & r[i].cat);
		assert_non_null(r[i].rule);
		assert_non_null(strstr(r[i].rule, "（"));   /* every reason names its source */
		if (i > 0)
			assert_true(r[i - 1].cat < r[i].cat);
	}
	assert_int_equal(r[0].cat, CAT_RURAL_LEFT_BEHIND);
	assert_int_equal(r[n - 1].cat, CAT_MISBEHAVIOUR);
	/* without a reasons array the count is still given; without a count nothing breaks */
	n = -1;
	assert_int_equal(categories_derive(&f, on, NULL, &n), set);
	assert_int_equal(n, 10);
	assert_int_equal(categories_derive(&f, on, r, NULL), set);
}

static void no_age_no_category(void **state)
{
	struct child_facts f = child();
	f.disabled = 1;
	int n = -1;
	assert_int_equal(categories_derive(NULL, on, NULL, &n), 0);
	assert_int_equal(n, 0);
	f.birth = ymd(0, 0, 0);
	n = -1;
	assert_int_equal(categories_derive(&f, on, NULL, &n), 0);
	assert_int_equal(n, 0);
	f.birth = ymd(2026, 3, 2);                       /* not born on that day */
	assert_int_equal(derive(&f, on), 0);
	f.birth = ymd(2026, 3, 1);                       /* born that day */
	assert_int_equal(derive(&f, on), CAT_DISABLED | CAT_HARDSHIP_DISABILITY);
	assert_int_equal(derive(&f, ymd(2026, 2, 30)), 0);
}

static void category_codes(void **state)
{
	static const char *const codes[CAT_COUNT] = {
		"rural_left_behind", "urban_left_behind", "orphan", "de_facto_unattended",
		"single_parent", "disabled", "seriously_ill", "dibao", "tekun", "hardship_poverty",
		"hardship_disability", "hardship_guardianship", "misbehaviour",
	};
	for (int i = 0; i < CAT_COUNT; i++) {
		enum category c = (enum category)(1u << i);
		assert_string_equal(category_code(c), codes[i]);
		assert_int_equal(category_from_code(codes[i]), c);
		assert_true(strlen(category_name(c)) > 0);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(category_name(c),
						category_name((enum category)(1u << j)));
	}
	assert_string_equal(category_name(CAT_RURAL_LEFT_BEHIND), "农村留守儿童");
	assert_string_equal(category_name(CAT_DE_FACTO_UNATTENDED), "事实无人抚养儿童");
	assert_string_equal(category_name(CAT_HARDSHIP_GUARDIANSHIP),
			    "困境儿童（监护缺失或监护不当）");
	assert_int_equal(category_from_code("nope"), 0);
	assert_int_equal(category_from_code(""), 0);
	assert_int_equal(category_from_code(NULL), 0);
	assert_int_equal(category_from_code("Orphan"), 0);
	assert_string_equal(category_code((enum category)0), "");
	assert_string_equal(category_code((enum category)3), "");   /* two bits */
	assert_string_equal(category_name((enum category)(1u << 13)), "");
}

static void member_status_codes(void **state)
{
	static const char *const codes[MS_COUNT] = {
		"home", "away", "dead", "missing", "lost_contact", "prison", "rehab", "detained",
		"severe_disability", "serious_illness", "revoked", "deported",
	};
	for (int i = 0; i < MS_COUNT; i++) {
		assert_string_equal(member_status_code((enum member_status)i), codes[i]);
		assert_int_equal(member_status_from_code(codes[i]), i);
		assert_true(strlen(member_status_name((enum member_status)i)) > 0);
	}
	assert_string_equal(member_status_name(MS_PRISON), "服刑在押");
	assert_string_equal(member_status_name(MS_REHAB), "强制隔离戒毒");
	assert_int_equal(member_status_from_code("jail"), -1);
	assert_int_equal(member_status_from_code(NULL), -1);
	assert_string_equal(member_status_code(MS_COUNT), "");
	assert_string_equal(member_status_name((enum member_status)-1), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rural_left_behind_both_away),
		cmocka_unit_test(left_behind_needs_both_away_outside_the_county),
		cmocka_unit_test(away_six_months_by_the_calendar),
		cmocka_unit_test(one_away_other_without_capacity),
		cmocka_unit_test(left_behind_ends_on_the_16th_birthday),
		cmocka_unit_test(orphan),
		cmocka_unit_test(orphan_ends_on_the_18th_birthday),
		cmocka_unit_test(born_on_29_february),
		cmocka_unit_test(de_facto_one_parent_dead),
		cmocka_unit_test(de_facto_set_members),
		cmocka_unit_test(de_facto_both_parents_unable),
		cmocka_unit_test(left_behind_excluded_for_orphan_and_de_facto),
		cmocka_unit_test(single_parent),
		cmocka_unit_test(own_condition_and_family_assistance),
		cmocka_unit_test(harmed_and_misbehaviour),
		cmocka_unit_test(reasons_in_order),
		cmocka_unit_test(no_age_no_category),
		cmocka_unit_test(category_codes),
		cmocka_unit_test(member_status_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
