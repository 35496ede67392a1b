/* risk.c: risk grading (see risk.h). 004 三(一) asks for individual files with a graded risk level
 * (分级划定风险) and fast warnings on risk factors; 000#18 for finding children who need help. No
 * seed gives a scoring scheme, so the weights below are ours, chosen to be few, round and easy to
 * explain; the county tunes the thresholds (risk_settings). */
#include "domain/risk.h"

#include <stddef.h>
#include <string.h>

#include "domain/categories.h"

/* The age (days) past which an open problem or an overdue contact or visit scores its higher
 * tier: a month late is a month without anyone looking. */
#define LONG_DAYS 30
#define VERY_LONG_DAYS 90
#define MANY_PROBLEMS 3

struct weight {
	const char *code, *label, *source;
	int points;
};

/* The weights, in one place. With the default thresholds (红 60, 橙 40, 黄 20) they are set so
 * that:
 * - 60: a fact that alone means the child is, or may be, being harmed puts it at 红 on its own:
 *   an open mandatory report of harm (004 三(一) asks for a report to the police at once).
 * - 40: missing guardianship (监护缺失) alone gives 橙; with any other serious fact, 红.
 * - 30: improper guardianship, a caregiver neglecting the child, an abnormal psychological
 *   result: each 黄 alone, 橙 with a moderate fact, 红 with another serious one (监护失当 and
 *   a neglecting caregiver together are 红).
 * - 20: a caregiver lacking capacity, a guardianship category (事实无人抚养, 困境 监护缺失或监护
 *   不当), dropout, serious misbehaviour, a visit more than 30 days late, a problem open more than
 *   90 days: each 黄 alone.
 * - 5 to 15: facts that matter in combination only (disability, illness, a screening result to
 *   watch, open problems, a contact or visit a few days late): 绿 alone.
 * A tiered fact scores its highest tier only, and of the three guardianship categories only the
 * highest counts: categories_derive() gives an orphan and a de-facto unattended child 困境（监护
 * 缺失）as well, and one missing guardianship must not score twice. The child's own disability,
 * illness and misbehaviour count once whether given as a fact or as its category. */
static const struct weight weights[RF_COUNT] = {
	[RF_GUARDIANSHIP_ABSENT] = { "guardianship_absent", "家庭监护评估：监护缺失",
				     "000#5 家庭监护能力评估", 40 },
	[RF_GUARDIANSHIP_IMPROPER] = { "guardianship_improper", "家庭监护评估：监护失当",
				       "000#5 家庭监护能力评估", 30 },
	[RF_GUARDIANSHIP_INSUFFICIENT] = { "guardianship_insufficient", "家庭监护评估：监护不足",
					   "000#5 家庭监护能力评估", 15 },
	[RF_CAREGIVER_NEGLECTING] = { "caregiver_neglecting", "被委托照护人怠于履行照护职责",
				      "000#5、002#5、003#5", 30 },
	[RF_CAREGIVER_LACKING] = { "caregiver_lacking", "被委托照护人缺乏照护能力",
				   "000#5、002#5、003#5", 20 },
	[RF_PSYCH_ABNORMAL] = { "psych_abnormal", "心理测评结果：异常", "000#2、003#20", 30 },
	[RF_PSYCH_WATCH] = { "psych_watch", "心理测评结果：需关注", "000#2、003#20", 10 },
	[RF_DISABLED] = { "disabled", "儿童本人残疾", "003#9、国发〔2016〕36号", 10 },
	[RF_SERIOUSLY_ILL] = { "seriously_ill", "儿童本人患重病", "003#9、国发〔2016〕36号", 15 },
	[RF_CAT_UNATTENDED] = { "cat_unattended", "事实无人抚养儿童", "民发〔2019〕62号", 20 },
	[RF_CAT_ORPHAN] = { "cat_orphan", "孤儿", "国办发〔2010〕54号", 15 },
	[RF_CAT_HARDSHIP_GUARDIANSHIP] = { "cat_hardship_guardianship",
					   "困境儿童（监护缺失或监护不当）",
					   "国发〔2016〕36号", 20 },
	[RF_PROBLEMS_OPEN] = { "problems_open", "有未解决的问题", "003#9 发现问题及时报告", 5 },
	[RF_PROBLEMS_OPEN_MANY] = { "problems_open_many", "有3个及以上未解决的问题",
				    "003#9 发现问题及时报告", 10 },
	[RF_PROBLEM_OLD] = { "problem_old", "最早的未解决问题已超过30天", "003#9 积极协调解决",
			     10 },
	[RF_PROBLEM_VERY_OLD] = { "problem_very_old", "最早的未解决问题已超过90天",
				  "003#9 积极协调解决", 20 },
	[RF_CONTACT_OVERDUE] = { "contact_overdue", "联系逾期", "000#8、002#8、003#9 定期走访",
				 5 },
	[RF_CONTACT_OVERDUE_LONG] = { "contact_overdue_long", "联系逾期超过30天",
				      "000#8、002#8、003#9 定期走访", 10 },
	[RF_VISIT_OVERDUE] = { "visit_overdue", "入户走访逾期", "000#8、002#8、003#9 定期走访",
			       10 },
	[RF_VISIT_OVERDUE_LONG] = { "visit_overdue_long", "入户走访逾期超过30天",
				    "000#8、002#8、003#9 定期走访", 20 },
	[RF_DROPOUT] = { "dropout", "辍学", "000#10、003#12 控辍保学", 20 },
	[RF_HARM_REPORT] = { "harm_report", "有未办结的强制报告（遭受或疑似遭受侵害）",
			     "004 三(一) 强制报告", 60 },
	[RF_MISBEHAVIOUR] = { "misbehaviour", "有严重不良行为或涉嫌违法犯罪", "004 二(三)", 20 },
};

void risk_settings_default(struct risk_settings *s)
{
	s->red = 60;
	s->orange = 40;
	s->yellow = 20;
}

int risk_settings_check(const struct risk_settings *s)
{
	if (s == NULL)
		return -1;
	return s->yellow > 0 && s->yellow < s->orange && s->orange < s->red ? 0 : -1;
}

enum risk_level risk_level_of_score(const struct risk_settings *s, int score)
{
	if (score >= s->red)
		return RISK_RED;
	if (score >= s->orange)
		return RISK_ORANGE;
	if (score >= s->yellow)
		return RISK_YELLOW;
	return RISK_GREEN;
}

/* Each id is added at most once, so RF_COUNT slots always suffice. */
static void add(struct risk_result *r, enum risk_factor_id id, int value)
{
	struct risk_factor *f = &r->factors[r->nfactors++];
	f->id = id;
	f->points = weights[id].points;
	f->value = value;
	f->label = weights[id].label;
	f->source = weights[id].source;
	r->score += f->points;
}

/* The lower tier for 1..LONG_DAYS days overdue, the higher beyond; nothing when not overdue. */
static void add_overdue(struct risk_result *r, int days, enum risk_factor_id tier1,
			enum risk_factor_id tier2)
{
	if (days > LONG_DAYS)
		add(r, tier2, days);
	else if (days > 0)
		add(r, tier1, days);
}

static enum risk_override_state override_state(const struct risk_override *o, struct cdate on)
{
	if (o->level == RISK_UNSET)
		return RO_NONE;
	if (o->level < RISK_GREEN || o->level > RISK_RED || o->reason == NULL
	    || o->reason[0] == '\0' || !cdate_valid(o->until))
		return RO_INVALID;
	/* "有效期至 6月30日" includes 30 June */
	return cdate_cmp(on, o->until) <= 0 ? RO_ACTIVE : RO_EXPIRED;
}

int risk_grade(const struct risk_facts *f, const struct risk_settings *s, struct cdate on,
	       struct risk_result *out)
{
	if (f == NULL || out == NULL || risk_settings_check(s) != 0 || !cdate_valid(on))
		return -1;
	memset(out, 0, sizeof(*out));

	if (f->guardianship == GA_ABSENT)
		add(out, RF_GUARDIANSHIP_ABSENT, 0);
	else if (f->guardianship == GA_IMPROPER)
		add(out, RF_GUARDIANSHIP_IMPROPER, 0);
	else if (f->guardianship == GA_INSUFFICIENT)
		add(out, RF_GUARDIANSHIP_INSUFFICIENT, 0);

	if (f->caregiver == CC_NEGLECTING)
		add(out, RF_CAREGIVER_NEGLECTING, 0);
	else if (f->caregiver == CC_LACKING)
		add(out, RF_CAREGIVER_LACKING, 0);

	if (f->psych == PSY_ABNORMAL)
		add(out, RF_PSYCH_ABNORMAL, 0);
	else if (f->psych == PSY_WATCH)
		add(out, RF_PSYCH_WATCH, 0);

	if (f->disabled || (f->categories & CAT_DISABLED))
		add(out, RF_DISABLED, 0);
	if (f->seriously_ill || (f->categories & CAT_SERIOUSLY_ILL))
		add(out, RF_SERIOUSLY_ILL, 0);

	/* the highest of the guardianship categories; on equal points the first in the table */
	static const struct {
		enum risk_factor_id id;
		uint32_t cat;
	} cats[] = {
		{ RF_CAT_UNATTENDED, CAT_DE_FACTO_UNATTENDED },
		{ RF_CAT_ORPHAN, CAT_ORPHAN },
		{ RF_CAT_HARDSHIP_GUARDIANSHIP, CAT_HARDSHIP_GUARDIANSHIP },
	};
	int best = -1;
	for (int i = 0; i < (int)(sizeof(cats) / sizeof(cats[0])); i++)
		if ((f->categories & cats[i].cat)
		    && (best < 0 || weights[cats[i].id].points > weights[cats[best].id].points))
			best = i;
	if (best >= 0)
		add(out, cats[best].id, 0);

	if (f->open_problems >= MANY_PROBLEMS)
		add(out, RF_PROBLEMS_OPEN_MANY, f->open_problems);
	else if (f->open_problems > 0)
		add(out, RF_PROBLEMS_OPEN, f->open_problems);
	if (f->open_problems > 0 && cdate_valid(f->oldest_open_problem)) {
		int age = cdate_days_between(f->oldest_open_problem, on);
		if (age > VERY_LONG_DAYS)
			add(out, RF_PROBLEM_VERY_OLD, age);
		else if (age > LONG_DAYS)
			add(out, RF_PROBLEM_OLD, age);
	}

	add_overdue(out, f->contact_overdue_days, RF_CONTACT_OVERDUE, RF_CONTACT_OVERDUE_LONG);
	add_overdue(out, f->visit_overdue_days, RF_VISIT_OVERDUE, RF_VISIT_OVERDUE_LONG);

	if (f->dropout)
		add(out, RF_DROPOUT, 0);
	if (f->open_harm_reports > 0)
		add(out, RF_HARM_REPORT, f->open_harm_reports);
	if (f->misbehaviour || (f->categories & CAT_MISBEHAVIOUR))
		add(out, RF_MISBEHAVIOUR, 0);

	out->computed = risk_level_of_score(s, out->score);
	out->override_state = override_state(&f->override, on);
	out->level = out->override_state == RO_ACTIVE ? f->override.level : out->computed;
	return 0;
}

struct code_name {
	const char *code, *name;
};

static const struct code_name level_table[] = {
	[RISK_UNSET] = { "", "" },
	[RISK_GREEN] = { "green", "绿" },
	[RISK_YELLOW] = { "yellow", "黄" },
	[RISK_ORANGE] = { "orange", "橙" },
	[RISK_RED] = { "red", "红" },
};

const char *risk_level_code(enum risk_level l)
{
	return l >= RISK_GREEN && l <= RISK_RED ? level_table[l].code : "";
}

const char *risk_level_name(enum risk_level l)
{
	return l >= RISK_GREEN && l <= RISK_RED ? level_table[l].name : "";
}

enum risk_level risk_level_from_code(const char *code)
{
	if (code == NULL)
		return RISK_UNSET;
	for (int l = RISK_GREEN; l <= RISK_RED; l++)
		if (strcmp(code, level_table[l].code) == 0)
			return (enum risk_level)l;
	return RISK_UNSET;
}

const char *risk_factor_code(enum risk_factor_id id)
{
	return (int)id >= 0 && id < RF_COUNT ? weights[id].code : "";
}

int risk_factor_from_code(const char *code)
{
	for (int i = 0; code && i < RF_COUNT; i++)
		if (strcmp(code, weights[i].code) == 0)
			return i;
	return -1;
}

void risk_factor_describe(enum risk_factor_id id, struct risk_factor *out)
{
	memset(out, 0, sizeof(*out));
	if ((int)id < 0 || id >= RF_COUNT)
		return;
	out->id = id;
	out->points = weights[id].points;
	out->label = weights[id].label;
	out->source = weights[id].source;
}

const char *risk_override_state_code(enum risk_override_state s)
{
	static const char *const codes[] = { "none", "active", "expired", "invalid" };
	return (int)s >= 0 && s <= RO_INVALID ? codes[s] : "";
}

/* A code table whose index 0 is "not recorded" (code ""). */
static const char *table_code(const struct code_name *t, int n, int v)
{
	return v >= 0 && v < n ? t[v].code : "";
}

static const char *table_name(const struct code_name *t, int n, int v)
{
	return v >= 0 && v < n ? t[v].name : "";
}

static int table_from_code(const struct code_name *t, int n, const char *code)
{
	if (code == NULL)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(code, t[i].code) == 0)
			return i;
	return -1;
}

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const struct code_name guardianship_table[] = {
	[GA_UNKNOWN] = { "", "未评估" },
	[GA_NORMAL] = { "normal", "监护正常" },
	[GA_INSUFFICIENT] = { "insufficient", "监护不足" },
	[GA_IMPROPER] = { "improper", "监护失当" },
	[GA_ABSENT] = { "absent", "监护缺失" },
};

static const struct code_name caregiver_table[] = {
	[CC_UNKNOWN] = { "", "未评估" },
	[CC_ADEQUATE] = { "adequate", "有照护能力" },
	[CC_LACKING] = { "lacking", "缺乏照护能力" },
	[CC_NEGLECTING] = { "neglecting", "怠于履行照护职责" },
};

static const struct code_name psych_table[] = {
	[PSY_UNKNOWN] = { "", "未评估" },
	[PSY_NORMAL] = { "normal", "正常" },
	[PSY_WATCH] = { "watch", "关注" },
	[PSY_ABNORMAL] = { "abnormal", "异常" },
};

const char *guardianship_code(enum guardianship_assessment g)
{
	return table_code(guardianship_table, NELEM(guardianship_table), (int)g);
}

const char *guardianship_name(enum guardianship_assessment g)
{
	return table_name(guardianship_table, NELEM(guardianship_table), (int)g);
}

int guardianship_from_code(const char *code)
{
	return table_from_code(guardianship_table, NELEM(guardianship_table), code);
}

const char *caregiver_code(enum caregiver_capacity c)
{
	return table_code(caregiver_table, NELEM(caregiver_table), (int)c);
}

const char *caregiver_name(enum caregiver_capacity c)
{
	return table_name(caregiver_table, NELEM(caregiver_table), (int)c);
}

int caregiver_from_code(const char *code)
{
	return table_from_code(caregiver_table, NELEM(caregiver_table), code);
}

const char *psych_code(enum psych_result p)
{
	return table_code(psych_table, NELEM(psych_table), (int)p);
}

const char *psych_name(enum psych_result p)
{
	return table_name(psych_table, NELEM(psych_table), (int)p);
}

int psych_from_code(const char *code)
{
	return table_from_code(psych_table, NELEM(psych_table), code);
}
