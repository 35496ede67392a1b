/* guardianship.c: family guardianship capacity assessment (see guardianship.h). The questionnaire
 * below is the system's default instrument, to be confirmed by the county: the policy names the
 * grades (R5) but gives no items or points. */
#include "domain/guardianship.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define NONE GA_UNKNOWN

/* Option 0 is always the sound answer (0 points); points grow down the list. The points of a
 * decisive answer are also high (10), so that the total and the dimension scores still say how
 * much is wrong. */
static const struct ga_item items[GA_ITEM_COUNT] = {
	[GAI_PARENTS] = { "parents", "父母状况", "父母履行监护职责的能力如何？", GAD_GUARDIAN, 1,
			  "000#5、未成年人保护法第十六条", 4, {
		{ "able_home", "父母至少一方在家并能履行监护职责", 0, NONE },
		{ "able_away", "父母均外出务工，能履行监护职责", 2, NONE },
		{ "one_unable", "父母一方死亡、失踪、服刑或重病重残", 4, NONE },
		{ "both_unable", "父母双方均不能履行监护职责（死亡、失踪、服刑、重病重残或被撤销"
				 "监护资格）", 6, NONE },
	} },
	[GAI_CARER] = { "carer", "实际照料人", "儿童日常由谁实际照料？", GAD_GUARDIAN, 1,
			"000#5、003#5 委托照护；未成年人保护法第二十二条", 4, {
		{ "parent", "父母本人", 0, NONE },
		{ "entrusted", "委托有照护能力的亲属或他人照料", 2, NONE },
		{ "limited", "照料人年老、患病或残疾，照护能力有限", 5, NONE },
		{ "nobody", "无人实际照料（无监护人能履职，也无被委托照护人）", 10, GA_ABSENT },
	} },
	[GAI_FOOD] = { "food", "饮食衣着", "儿童的饮食与衣着是否得到保障？", GAD_CARE, 1,
		       "未成年人保护法第十六条", 3, {
		{ "ok", "吃饱穿暖，衣着适合季节", 0, NONE },
		{ "sometimes", "偶有吃不饱或衣着不足", 2, NONE },
		{ "often", "经常吃不饱或衣着不能御寒", 5, NONE },
	} },
	[GAI_HOUSING] = { "housing", "居住条件", "儿童的居住条件如何？", GAD_CARE, 1,
			  "未成年人保护法第十六条", 3, {
		{ "ok", "安全卫生", 0, NONE },
		{ "basic", "简陋但安全", 2, NONE },
		{ "unsafe", "危房或无固定住所", 5, NONE },
	} },
	[GAI_HEALTH] = { "health", "就医接种", "儿童患病能否及时就医，是否按规定预防接种？", GAD_CARE,
			 1, "未成年人保护法第十六条", 3, {
		{ "ok", "患病及时就医，按规定预防接种", 0, NONE },
		{ "delayed", "患病有时延误就医或漏种疫苗", 2, NONE },
		{ "untreated", "患病长期得不到治疗", 5, NONE },
	} },
	[GAI_SUPERVISION] = { "supervision", "日常看护", "监护人是否掌握儿童去向，年幼儿童是否独处？",
			      GAD_SAFETY, 1, "未成年人保护法第二十一条", 3, {
		{ "ok", "知晓儿童去向，年幼儿童不独处", 0, NONE },
		{ "sometimes", "偶有独处或去向不明", 2, NONE },
		{ "often", "经常长时间独处或在外过夜无人知晓", 5, NONE },
	} },
	[GAI_SAFETY_EDU] = { "safety_edu", "安全防护",
			     "是否落实防溺水、用电用火、交通等安全教育和防护？", GAD_SAFETY, 1,
			     "000#14", 3, {
		{ "done", "已落实", 0, NONE },
		{ "partial", "部分落实", 2, NONE },
		{ "none", "没有落实", 4, NONE },
	} },
	[GAI_ONLINE] = { "online", "上网管理", "监护人是否管理儿童上网和使用手机？（儿童不使用网络的"
			 "可不答）", GAD_SAFETY, 0, "000#15", 3, {
		{ "managed", "有管理", 0, NONE },
		{ "weak", "管理不足", 2, NONE },
		{ "addicted", "沉迷网络无人制止", 3, NONE },
	} },
	[GAI_SCHOOL] = { "school", "入学到校", "适龄儿童是否按时入学、正常到校？（未到入学年龄的可"
			 "不答）", GAD_EDUCATION, 0, "000#10、003#12 控辍保学", 3, {
		{ "ok", "按时入学，正常到校", 0, NONE },
		{ "truant", "经常缺课无人过问", 2, NONE },
		{ "dropout", "辍学或适龄未入学", 6, NONE },
	} },
	[GAI_CONTACT] = { "contact", "亲情联络", "父母与儿童的联络沟通情况如何？", GAD_EDUCATION, 1,
			  "000#5 亲情关爱和日常联络沟通", 4, {
		{ "close", "父母在家，或外出父母每周至少联系一次", 0, NONE },
		{ "monthly", "外出父母每月联系", 2, NONE },
		{ "rare", "很少联系（每季度不足一次）", 4, NONE },
		{ "lost", "长期失联", 6, NONE },
	} },
	[GAI_ATTENTION] = { "attention", "关注学习心理", "监护人是否关注儿童的学习和心理状况？",
			    GAD_EDUCATION, 1, "000#2、000#4", 3, {
		{ "yes", "经常关注", 0, NONE },
		{ "little", "较少关注", 2, NONE },
		{ "no", "不关注", 4, NONE },
	} },
	[GAI_ABUSE] = { "abuse", "殴打虐待", "是否存在对儿童的殴打、虐待或家庭暴力？", GAD_HARM, 1,
			"未成年人保护法第十七条", 3, {
		{ "none", "无", 0, NONE },
		{ "corporal", "有过体罚", 4, NONE },
		{ "abuse", "有虐待或家庭暴力", 10, GA_IMPROPER },
	} },
	[GAI_ABANDON] = { "abandon", "遗弃", "是否存在遗弃儿童的情形？", GAD_HARM, 1,
			  "未成年人保护法第十七条", 2, {
		{ "none", "无", 0, NONE },
		{ "yes", "有遗弃", 10, GA_IMPROPER },
	} },
	[GAI_NEGLECT] = { "neglect", "怠于监护", "监护人是否怠于履行监护职责？", GAD_HARM, 1,
			  "000#6、003#9", 3, {
		{ "none", "无", 0, NONE },
		{ "some", "有一定疏忽", 3, NONE },
		{ "serious", "严重疏忽，使儿童处于危险或身心健康受损", 10, GA_IMPROPER },
	} },
	[GAI_BAD_INFLUENCE] = { "bad_influence", "教唆不良", "是否教唆、利用儿童从事违法或不良行为，或"
				"放任其接触毒品、赌博等？", GAD_HARM, 1, "未成年人保护法第十七条", 2, {
		{ "none", "无", 0, NONE },
		{ "yes", "有", 10, GA_IMPROPER },
	} },
};

struct code_name {
	const char *code, *name;
};

static const struct code_name dimensions[GAD_COUNT] = {
	[GAD_GUARDIAN] = { "guardian", "监护人状况" },
	[GAD_CARE] = { "care", "生活照料" },
	[GAD_SAFETY] = { "safety", "安全保护" },
	[GAD_EDUCATION] = { "education", "教育与情感" },
	[GAD_HARM] = { "harm", "侵害与失职" },
};

void ga_settings_default(struct ga_settings *s)
{
	s->insufficient = 10;
	s->improper = 30;
	s->months_absent = 1;
	s->months_improper = 3;
	s->months_insufficient = 6;
	s->months_normal = 12;
}

static int months_ok(int m)
{
	return m >= 1 && m <= 24;
}

int ga_settings_check(const struct ga_settings *s, const char **field)
{
	const char *bad = NULL;

	if (s == NULL)
		bad = "settings";
	else if (s->insufficient <= 0 || s->insufficient >= s->improper)
		bad = "insufficient";
	else if (s->improper > ga_max_score())
		bad = "improper";
	else if (!months_ok(s->months_absent))
		bad = "months_absent";
	else if (!months_ok(s->months_improper) || s->months_improper < s->months_absent)
		bad = "months_improper";
	else if (!months_ok(s->months_insufficient) || s->months_insufficient < s->months_improper)
		bad = "months_insufficient";
	else if (!months_ok(s->months_normal) || s->months_normal < s->months_insufficient)
		bad = "months_normal";
	if (bad != NULL && field != NULL)
		*field = bad;
	return bad != NULL ? -1 : 0;
}

enum guardianship_assessment ga_grade_of_score(const struct ga_settings *s, int score)
{
	if (score >= s->improper)
		return GA_IMPROPER;
	if (score >= s->insufficient)
		return GA_INSUFFICIENT;
	return GA_NORMAL;
}

static int item_max(const struct ga_item *it)
{
	return it->options[it->noptions - 1].points;
}

int ga_max_score(void)
{
	int total = 0;
	for (int i = 0; i < GA_ITEM_COUNT; i++)
		total += item_max(&items[i]);
	return total;
}

int ga_dimension_max(enum ga_dimension d)
{
	int total = 0;
	for (int i = 0; i < GA_ITEM_COUNT; i++)
		if (items[i].dim == d)
			total += item_max(&items[i]);
	return total;
}

/* Appends a whole piece or nothing, so a long line never ends in half a character. */
static void append(char *buf, size_t n, const char *piece)
{
	size_t used = strlen(buf), len = strlen(piece);
	if (used + len < n)
		memcpy(buf + used, piece, len + 1);
}

static void explain(struct ga_dimension_result *dr, enum ga_dimension d, const int *answers)
{
	char piece[512];

	dr->explain[0] = '\0';
	snprintf(piece, sizeof(piece), "%s：%d分（满分%d分）", dimensions[d].name, dr->score,
		 dr->max);
	append(dr->explain, sizeof(dr->explain), piece);
	int named = 0;
	for (int i = 0; i < GA_ITEM_COUNT; i++) {
		const struct ga_item *it = &items[i];
		if (it->dim != d || answers[i] == GA_NOT_ANSWERED)
			continue;
		const struct ga_option *o = &it->options[answers[i]];
		if (o->points == 0 && o->decides == NONE)
			continue;
		if (o->decides != NONE)
			snprintf(piece, sizeof(piece), "；%s：%s（%d分，单项即认定%s%s）", it->label,
				 o->text, o->points, o->decides == GA_ABSENT ? "" : "至少",
				 guardianship_name(o->decides));
		else
			snprintf(piece, sizeof(piece), "；%s：%s（%d分）", it->label, o->text,
				 o->points);
		append(dr->explain, sizeof(dr->explain), piece);
		named++;
	}
	if (named == 0)
		append(dr->explain, sizeof(dr->explain), "，未发现问题");
	if (dr->unanswered > 0) {
		snprintf(piece, sizeof(piece), "；%d项未作答", dr->unanswered);
		append(dr->explain, sizeof(dr->explain), piece);
	}
}

int ga_grade(const int answers[GA_ITEM_COUNT], const struct ga_settings *s, struct ga_result *out,
	     enum ga_item_id *item)
{
	if (answers == NULL || out == NULL || ga_settings_check(s, NULL) != 0)
		return GA_ERR_ARGS;
	for (int i = 0; i < GA_ITEM_COUNT; i++) {
		int a = answers[i];
		int st = GA_OK;
		if (a == GA_NOT_ANSWERED)
			st = items[i].required ? GA_ERR_MISSING : GA_OK;
		else if (a < 0 || a >= items[i].noptions)
			st = GA_ERR_OPTION;
		if (st != GA_OK) {
			if (item != NULL)
				*item = (enum ga_item_id)i;
			return st;
		}
	}

	struct ga_result r;
	memset(&r, 0, sizeof(r));
	enum guardianship_assessment decided = NONE;
	for (int i = 0; i < GA_ITEM_COUNT; i++) {
		const struct ga_item *it = &items[i];
		struct ga_dimension_result *dr = &r.dims[it->dim];
		if (answers[i] == GA_NOT_ANSWERED) {
			dr->unanswered++;
			r.unanswered++;
			continue;
		}
		const struct ga_option *o = &it->options[answers[i]];
		dr->answered++;
		dr->score += o->points;
		r.score += o->points;
		if (o->decides != NONE) {
			r.decisive[r.ndecisive++] = (enum ga_item_id)i;
			if (o->decides > decided)
				decided = o->decides;
		}
	}
	r.max_score = ga_max_score();
	r.by_score = ga_grade_of_score(s, r.score);
	r.result = decided > r.by_score ? decided : r.by_score;
	for (int d = 0; d < GAD_COUNT; d++) {
		r.dims[d].max = ga_dimension_max((enum ga_dimension)d);
		explain(&r.dims[d], (enum ga_dimension)d, answers);
	}
	*out = r;
	return GA_OK;
}

int ga_next_assessment(struct cdate on, enum guardianship_assessment g,
		       const struct ga_settings *s, struct cdate *out)
{
	if (out == NULL || !cdate_valid(on) || ga_settings_check(s, NULL) != 0)
		return -1;
	int months;
	switch (g) {
	case GA_NORMAL: months = s->months_normal; break;
	case GA_INSUFFICIENT: months = s->months_insufficient; break;
	case GA_IMPROPER: months = s->months_improper; break;
	case GA_ABSENT: months = s->months_absent; break;
	default: return -1;
	}
	*out = cdate_add_months(on, months);
	return 0;
}

const struct ga_item *ga_item_get(enum ga_item_id id)
{
	if ((int)id < 0 || id >= GA_ITEM_COUNT)
		return NULL;
	return &items[id];
}

int ga_item_from_code(const char *code)
{
	if (code == NULL)
		return -1;
	for (int i = 0; i < GA_ITEM_COUNT; i++)
		if (strcmp(items[i].code, code) == 0)
			return i;
	return -1;
}

int ga_option_from_code(enum ga_item_id id, const char *code)
{
	const struct ga_item *it = ga_item_get(id);
	if (it == NULL || code == NULL)
		return -1;
	for (int i = 0; i < it->noptions; i++)
		if (strcmp(it->options[i].code, code) == 0)
			return i;
	return -1;
}

const char *ga_dimension_code(enum ga_dimension d)
{
	return (int)d >= 0 && d < GAD_COUNT ? dimensions[d].code : "";
}

const char *ga_dimension_name(enum ga_dimension d)
{
	return (int)d >= 0 && d < GAD_COUNT ? dimensions[d].name : "";
}

const char *ga_status_message(enum ga_status st)
{
	switch (st) {
	case GA_OK: return "";
	case GA_ERR_ARGS: return "评估参数无效";
	case GA_ERR_MISSING: return "评估未完成：有必答题未作答";
	case GA_ERR_OPTION: return "答案不是该题的选项";
	}
	return "";
}
