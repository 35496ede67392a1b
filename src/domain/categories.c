/* categories.c: derives a child's categories from recorded facts (R3, see categories.h), with a
 * reason per category that names the facts and the policy, and the code tables for categories and
 * a parent's situation. The definitions are the national ones the seeds rely on; the comments
 * name each. Every rule needs the child's age, so without a valid birth date (or on a day before
 * it) no category is derived: the file must be completed first. */
#include "domain/categories.h"

#include <stddef.h>
#include <string.h>

/* The 6 months of "away", "lost contact", a prison sentence and a rehabilitation term:
 * 民发〔2019〕62号 (and R3's "outside the county for 6 months or more" for working away). */
#define LONG_ABSENCE_MONTHS 6

/* True when "since" is a real date and at least 6 calendar months lie between it and on:
 * away since 31 August counts from the last day of February (cdate_add_months). A missing
 * "since" never counts: the system cannot assume the absence is long enough. */
static int absent_6_months(struct cdate since, struct cdate on)
{
	/* an unset or invalid since gives the no-date, which is not valid */
	struct cdate end = cdate_add_months(since, LONG_ABSENCE_MONTHS);
	return cdate_valid(end) && cdate_cmp(end, on) <= 0;
}

/* 孤儿 counts a parent who died or cannot be found (国办发〔2010〕54号, 民发〔2010〕161号).
 * A parent with no record (present = 0) is neither: the system does not presume a death that
 * nobody recorded. */
static int dead_or_missing(const struct parent_facts *p)
{
	return p->present && (p->status == MS_DEAD || p->status == MS_MISSING);
}

/* 重残 (民发〔2019〕62号): disability grade 1 or 2 of any kind, or grade 3 or 4 of an intellectual
 * or mental disability. A grade 3 or 4 multiple disability counts only when recorded as
 * intellectual or mental, the two kinds the rule names. Grade 0 (unknown) does not count. */
static int severely_disabled(const struct parent_facts *p)
{
	if (!p->present || p->status != MS_SEVERE_DISABILITY)
		return 0;
	int g = p->disability_grade;
	if (g == 1 || g == 2)
		return 1;
	return (g == 3 || g == 4)
	       && (p->disability_kind == DK_INTELLECTUAL || p->disability_kind == DK_MENTAL);
}

/* 无监护能力 for left-behind children (国发〔2016〕13号): serious illness or severe disability. */
static int lacks_capacity(const struct parent_facts *p)
{
	return severely_disabled(p) || (p->present && p->status == MS_SERIOUS_ILLNESS);
}

/* 外出务工 (国发〔2016〕13号; R3: outside the county for 6 months or more). */
static int working_away(const struct parent_facts *p, struct cdate on)
{
	return p->present && p->status == MS_AWAY && p->outside_county
	       && absent_6_months(p->since, on);
}

/* The set of parents "unable to raise" the child for 事实无人抚养儿童: 民发〔2019〕62号 lists
 * severe disability, serious illness, serving a sentence, compulsory drug rehabilitation, other
 * deprivation of liberty and lost contact, each of the last four for 6 months or more; 民发〔2020〕
 * 125号 adds revoked guardianship and deportation. */
static int unable_to_raise(const struct parent_facts *p, struct cdate on)
{
	if (!p->present)
		return 0;
	switch (p->status) {
	case MS_SEVERE_DISABILITY:
		return severely_disabled(p);
	case MS_SERIOUS_ILLNESS:
	case MS_REVOKED:
	case MS_DEPORTED:
		return 1;
	case MS_PRISON:
		/* an unknown sentence (0) does not count: short custodial terms exist */
		return p->months >= LONG_ABSENCE_MONTHS;
	case MS_REHAB:
		/* an unknown term (0) counts: compulsory isolated rehabilitation lasts two
		 * years by law (禁毒法 Art. 47) */
		return p->months == 0 || p->months >= LONG_ABSENCE_MONTHS;
	case MS_DETAINED:
		/* usually recorded without a term (0), and then it counts; a recorded term under
		 * 6 months does not, as for a sentence */
		return p->months == 0 || p->months >= LONG_ABSENCE_MONTHS;
	case MS_LOST_CONTACT:
		return absent_6_months(p->since, on);
	default:
		return 0;
	}
}

struct derive {
	uint32_t set;
	struct category_reason *reasons;
	int n;
};

static void add(struct derive *d, enum category c, const char *rule)
{
	d->set |= (uint32_t)c;
	if (d->reasons != NULL && d->n < CAT_COUNT) {
		d->reasons[d->n].cat = c;
		d->reasons[d->n].rule = rule;
	}
	d->n++;
}

/* The sources as the reasons cite them to the user. */
#define U18 "未满18周岁，"
#define SRC_LEFT_BEHIND "（国发〔2016〕13号）"
#define SRC_URBAN "（参照国发〔2016〕13号，渝府办发〔2024〕57号）"
#define SRC_ORPHAN "（国办发〔2010〕54号、民发〔2010〕161号）"
#define SRC_UNATTENDED "（民发〔2019〕62号、民发〔2020〕125号）"
#define SRC_SINGLE "（秀山民政发〔2024〕16号、长治市三年行动方案）"
#define SRC_HARDSHIP "（国发〔2016〕36号）"
#define SRC_MISBEHAVIOUR "（渝府办发〔2024〕57号）"
#define UNABLE \
	"重残、重病、服刑在押、强制隔离戒毒、被限制人身自由、失联、被撤销监护资格或被遣送出境"
#define LACKS "重残或重病无监护能力"

/* Left-behind reasons, [urban 0 / rural 1][both away / father away / mother away]. The urban
 * category has no national definition; 渝府办发〔2024〕57号 (004) and 000#8 apply the rural one. */
static const char *const left_behind_rules[2][3] = {
	{
		"未满16周岁，城镇户籍，父母均在县外务工满6个月" SRC_URBAN,
		"未满16周岁，城镇户籍，父亲在县外务工满6个月，母亲" LACKS SRC_URBAN,
		"未满16周岁，城镇户籍，母亲在县外务工满6个月，父亲" LACKS SRC_URBAN,
	},
	{
		"未满16周岁，农村户籍，父母均在县外务工满6个月" SRC_LEFT_BEHIND,
		"未满16周岁，农村户籍，父亲在县外务工满6个月，母亲" LACKS SRC_LEFT_BEHIND,
		"未满16周岁，农村户籍，母亲在县外务工满6个月，父亲" LACKS SRC_LEFT_BEHIND,
	},
};

uint32_t categories_derive(const struct child_facts *f, struct cdate on,
			   struct category_reason *reasons, int *nreasons)
{
	struct derive d = { 0, reasons, 0 };
	if (nreasons != NULL)
		*nreasons = 0;
	if (f == NULL)
		return 0;
	int age = cdate_age(f->birth, on);
	/* every category below is for minors: 未满18周岁 */
	if (age < 0 || age >= 18)
		return 0;

	const struct parent_facts *fa = &f->father, *mo = &f->mother;

	/* 孤儿 (国办发〔2010〕54号, 民发〔2010〕161号): both parents lost or not to be found */
	int orphan = dead_or_missing(fa) && dead_or_missing(mo);

	/* 事实无人抚养儿童 (民发〔2019〕62号, 〔2020〕125号); an orphan is cared for as one */
	int unattended_both = unable_to_raise(fa, on) && unable_to_raise(mo, on);
	int unattended_fa_gone = dead_or_missing(fa) && unable_to_raise(mo, on);
	int unattended_mo_gone = dead_or_missing(mo) && unable_to_raise(fa, on);
	int unattended = !orphan && (unattended_both || unattended_fa_gone || unattended_mo_gone);

	/* 留守儿童: 国发〔2016〕13号 — under 16, both parents working away, or one away and the
	 * other without guardianship capacity. An orphan or de-facto unattended child is not also
	 * counted as left behind: a parent working away is not what leaves them without care, and
	 * those categories give the stronger protection (our choice; R3 does not settle it). With
	 * one status per parent the cases cannot meet today (an away parent is neither dead nor
	 * unable to raise); the guard keeps the choice if a parent ever carries several facts. */
	if (age < 16 && !orphan && !unattended) {
		int rural = f->rural_hukou ? 1 : 0;
		int which = -1;
		if (working_away(fa, on) && working_away(mo, on))
			which = 0;
		else if (working_away(fa, on) && lacks_capacity(mo))
			which = 1;
		else if (working_away(mo, on) && lacks_capacity(fa))
			which = 2;
		if (which >= 0)
			add(&d, rural ? CAT_RURAL_LEFT_BEHIND : CAT_URBAN_LEFT_BEHIND,
			    left_behind_rules[rural][which]);
	}

	if (orphan)
		add(&d, CAT_ORPHAN, U18 "父母双方均已死亡或失踪" SRC_ORPHAN);

	if (unattended_both && !orphan)
		add(&d, CAT_DE_FACTO_UNATTENDED, U18 "父母双方均" UNABLE SRC_UNATTENDED);
	else if (unattended_fa_gone && !orphan)
		add(&d, CAT_DE_FACTO_UNATTENDED, U18 "父亲死亡或失踪，母亲" UNABLE SRC_UNATTENDED);
	else if (unattended_mo_gone && !orphan)
		add(&d, CAT_DE_FACTO_UNATTENDED, U18 "母亲死亡或失踪，父亲" UNABLE SRC_UNATTENDED);

	/* 单亲家庭儿童: 000#8 (秀山民政发〔2024〕16号) and 003#9 (长治市三年行动方案) name the
	 * group without defining it; we take one parent dead or missing, or parents divorced. */
	if (!orphan) {
		if (dead_or_missing(fa) && !dead_or_missing(mo))
			add(&d, CAT_SINGLE_PARENT, U18 "父亲死亡或失踪" SRC_SINGLE);
		else if (dead_or_missing(mo) && !dead_or_missing(fa))
			add(&d, CAT_SINGLE_PARENT, U18 "母亲死亡或失踪" SRC_SINGLE);
		else if (f->parents_divorced)
			add(&d, CAT_SINGLE_PARENT, U18 "父母离异" SRC_SINGLE);
	}

	/* The child's own disability and illness, and the family's assistance: the groups of
	 * 国发〔2016〕36号 that the seeds' assistance tasks (000#9, 003#11) serve. */
	if (f->disabled)
		add(&d, CAT_DISABLED, U18 "本人残疾" SRC_HARDSHIP);
	if (f->seriously_ill)
		add(&d, CAT_SERIOUSLY_ILL, U18 "本人患重病" SRC_HARDSHIP);
	if (f->dibao)
		add(&d, CAT_DIBAO, U18 "家庭享受最低生活保障" SRC_HARDSHIP);
	if (f->tekun)
		add(&d, CAT_TEKUN, U18 "纳入特困人员救助供养" SRC_HARDSHIP);

	/* 困境儿童 (国发〔2016〕36号): hardship from family poverty, from the child's own
	 * disability (and serious illness), or from missing or improper guardianship */
	if (f->dibao && f->tekun)
		add(&d, CAT_HARDSHIP_POVERTY,
		    U18 "家庭享受低保且纳入特困供养，因家庭贫困陷入困境" SRC_HARDSHIP);
	else if (f->dibao)
		add(&d, CAT_HARDSHIP_POVERTY, U18 "家庭享受低保，因家庭贫困陷入困境" SRC_HARDSHIP);
	else if (f->tekun)
		add(&d, CAT_HARDSHIP_POVERTY, U18 "纳入特困供养，因家庭贫困陷入困境" SRC_HARDSHIP);

	if (f->disabled && f->seriously_ill)
		add(&d, CAT_HARDSHIP_DISABILITY,
		    U18 "本人残疾且患重病，因自身状况陷入困境" SRC_HARDSHIP);
	else if (f->disabled)
		add(&d, CAT_HARDSHIP_DISABILITY, U18 "本人残疾，因自身状况陷入困境" SRC_HARDSHIP);
	else if (f->seriously_ill)
		add(&d, CAT_HARDSHIP_DISABILITY, U18 "本人患重病，因自身状况陷入困境" SRC_HARDSHIP);

	if (orphan)
		add(&d, CAT_HARDSHIP_GUARDIANSHIP, U18 "系孤儿，监护缺失" SRC_HARDSHIP);
	else if (unattended)
		add(&d, CAT_HARDSHIP_GUARDIANSHIP, U18 "系事实无人抚养儿童，监护缺失" SRC_HARDSHIP);
	else if (f->harmed)
		add(&d, CAT_HARDSHIP_GUARDIANSHIP,
		    U18 "曾遭受虐待、遗弃、意外伤害或不法侵害，监护缺失或监护不当" SRC_HARDSHIP);

	/* 004 二(三): children with serious misbehaviour or involved in crime are all brought under
	 * special education and correction */
	if (f->misbehaviour)
		add(&d, CAT_MISBEHAVIOUR, U18 "有严重不良行为或涉嫌违法犯罪" SRC_MISBEHAVIOUR);

	if (nreasons != NULL)
		*nreasons = d.n;
	return d.set;
}

struct code_name {
	const char *code, *name;
};

/* In the order of the bits of enum category. */
static const struct code_name category_table[CAT_COUNT] = {
	{ "rural_left_behind", "农村留守儿童" },
	{ "urban_left_behind", "城镇留守儿童" },
	{ "orphan", "孤儿" },
	{ "de_facto_unattended", "事实无人抚养儿童" },
	{ "single_parent", "单亲家庭儿童" },
	{ "disabled", "残疾儿童" },
	{ "seriously_ill", "重病儿童" },
	{ "dibao", "低保家庭儿童" },
	{ "tekun", "特困供养儿童" },
	{ "hardship_poverty", "困境儿童（家庭贫困）" },
	{ "hardship_disability", "困境儿童（自身残疾、重病）" },
	{ "hardship_guardianship", "困境儿童（监护缺失或监护不当）" },
	{ "misbehaviour", "严重不良行为或涉罪儿童" },
};

/* The table index of a single category bit, or -1 (no bit, several bits, or out of range). */
static int category_index(enum category c)
{
	uint32_t v = (uint32_t)c;
	if (v == 0 || (v & (v - 1)) != 0)
		return -1;
	for (int i = 0; i < CAT_COUNT; i++)
		if (v == 1u << i)
			return i;
	return -1;
}

const char *category_code(enum category c)
{
	int i = category_index(c);
	return i >= 0 ? category_table[i].code : "";
}

const char *category_name(enum category c)
{
	int i = category_index(c);
	return i >= 0 ? category_table[i].name : "";
}

/* The definition of each category, for users choosing what to record; the reasons given for a
 * child (categories_derive) name its own facts. */
static const char *const definitions[CAT_COUNT] = {
	"未满16周岁、农村户籍，父母双方外出务工（县外满6个月），或一方外出务工、另一方无监护能力"
	"（国发〔2016〕13号）",
	"未满16周岁、城镇户籍，父母双方外出务工（县外满6个月），或一方外出务工、另一方无监护能力"
	"（渝府办发〔2024〕57号）",
	"未满18周岁，父母双方死亡或失踪（国办发〔2010〕54号）",
	"未满18周岁，父母双方均重残、重病、服刑在押、强制隔离戒毒、被限制人身自由、失联、被撤销监护资格"
	"或被遣送出境；或一方死亡、失踪，另一方符合上述情形之一（民发〔2019〕62号、民发〔2020〕125号）",
	"未满18周岁，父母一方死亡或失踪，或父母离异（秀山民政发〔2024〕16号）",
	"本人持有残疾证或经认定为残疾（国发〔2016〕36号）",
	"本人患重病（国发〔2016〕36号）",
	"家庭享受最低生活保障（国发〔2016〕36号）",
	"家庭享受特困人员救助供养（国发〔2016〕36号）",
	"因家庭贫困导致生活、就医、就学等困难（国发〔2016〕36号）",
	"因自身残疾或重病导致康复、照料、护理和社会融入等困难（国发〔2016〕36号）",
	"因家庭监护缺失或监护不当遭受虐待、遗弃、意外伤害、不法侵害等（国发〔2016〕36号）",
	"有严重不良行为或涉嫌违法犯罪的未成年人（渝府办发〔2024〕57号 二（三））",
};

const char *category_definition(enum category c)
{
	int i = category_index(c);
	return i >= 0 ? definitions[i] : "";
}

enum category category_from_code(const char *code)
{
	if (code == NULL)
		return 0;
	for (int i = 0; i < CAT_COUNT; i++)
		if (strcmp(code, category_table[i].code) == 0)
			return (enum category)(1u << i);
	return 0;
}

static const struct code_name status_table[MS_COUNT] = {
	[MS_HOME] = { "home", "在家" },
	[MS_AWAY] = { "away", "外出务工" },
	[MS_DEAD] = { "dead", "死亡" },
	[MS_MISSING] = { "missing", "失踪" },
	[MS_LOST_CONTACT] = { "lost_contact", "失联" },
	[MS_PRISON] = { "prison", "服刑在押" },
	[MS_REHAB] = { "rehab", "强制隔离戒毒" },
	[MS_DETAINED] = { "detained", "被执行其他限制人身自由的措施" },
	[MS_SEVERE_DISABILITY] = { "severe_disability", "重残" },
	[MS_SERIOUS_ILLNESS] = { "serious_illness", "重病" },
	[MS_REVOKED] = { "revoked", "被撤销监护资格" },
	[MS_DEPORTED] = { "deported", "被遣送（驱逐）出境" },
};

const char *member_status_code(enum member_status s)
{
	return (int)s >= 0 && s < MS_COUNT ? status_table[s].code : "";
}

const char *member_status_name(enum member_status s)
{
	return (int)s >= 0 && s < MS_COUNT ? status_table[s].name : "";
}

int member_status_from_code(const char *code)
{
	if (code == NULL)
		return -1;
	for (int i = 0; i < MS_COUNT; i++)
		if (strcmp(code, status_table[i].code) == 0)
			return i;
	return -1;
}
