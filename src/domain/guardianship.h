/* guardianship.h: family guardianship capacity assessment (家庭监护能力评估; R5, 000#5 "民政部门要
 * 建立家庭监护能力评估制度，对留守儿童监护状况开展评估，根据评估情况及时开展关爱帮扶", 004 二(一)
 * "开展留守儿童家庭监护能力评估，综合运用评估结果，建立干预机制"). A structured questionnaire:
 * each item has answer options worth points (more points, weaker guardianship); the total maps to
 * a grade by two thresholds, and some answers alone determine at least a grade whatever the total.
 * The grades are those of enum guardianship_assessment (risk.h): 监护正常 / 监护不足 / 监护失当 /
 * 监护缺失 (R5: one provincial standard names them).
 *
 * THE INSTRUMENT IS THE SYSTEM'S DEFAULT, TO BE CONFIRMED BY THE COUNTY. The policy names the
 * grades but gives no national questionnaire, item wording or points. The items below follow what
 * the seeds and the Minors Protection Law ask of a guardian: someone actually caring for the child
 * (000#5 委托照护, 003#5), daily care, safety (000#14 防溺水、防欺凌, 000#15 网络), school and
 * affection (000#5 亲情关爱和日常联络, 003#12 控辍保学), and no harm (未成年人保护法 第十七条;
 * 000#6 不依法履行监护职责或侵犯儿童合法权益). Points and thresholds are chosen to be few, round
 * and easy to explain:
 * - 监护缺失 (absent) only by a decisive answer: nobody actually cares for the child (no guardian
 *   able to act, no entrusted caregiver). It is a fact, not a sum: no total reaches it.
 * - 监护失当 (improper) at least, whatever the total, when the guardian harms the child: abuse or
 *   domestic violence, abandonment, serious neglect that puts the child in danger, drawing the
 *   child into illegal or harmful acts. By score from `improper` points (default 30).
 * - 监护不足 (insufficient) by score from `insufficient` points (default 10): e.g. both parents
 *   away (2), an elderly caregiver of limited capacity (5) and contact less than quarterly (4): 11.
 * - 监护正常 (normal) below. A left-behind child cared for by capable grandparents, with both
 *   parents away and in monthly contact, scores 6 (2 + 2 + 2).
 * Reassessment (复评) defaults, also settings: 监护缺失 after 1 month, 失当 3, 不足 6, 正常 12.
 *
 * Pure: no I/O, no allocation; the assessment day is an argument. */
#ifndef SHOUHU_GUARDIANSHIP_H
#define SHOUHU_GUARDIANSHIP_H

#include "domain/cdate.h"
#include "domain/risk.h"

/* The dimensions (维度) of the questionnaire. */
enum ga_dimension {
	GAD_GUARDIAN = 0,   /* 监护人状况 */
	GAD_CARE,           /* 生活照料 */
	GAD_SAFETY,         /* 安全保护 */
	GAD_EDUCATION,      /* 教育与情感 */
	GAD_HARM,           /* 侵害与失职 */
	GAD_COUNT,
};

/* The items, in questionnaire order; the index of an answer in the answers array. */
enum ga_item_id {
	GAI_PARENTS = 0,      /* 父母履行监护职责的能力 */
	GAI_CARER,            /* 儿童日常由谁照料 (decisive: nobody → 监护缺失) */
	GAI_FOOD,             /* 饮食与衣着 */
	GAI_HOUSING,          /* 居住条件 */
	GAI_HEALTH,           /* 患病就医与预防接种 */
	GAI_SUPERVISION,      /* 日常看护 */
	GAI_SAFETY_EDU,       /* 安全教育与防护 */
	GAI_ONLINE,           /* 上网与手机使用管理 (optional) */
	GAI_SCHOOL,           /* 入学与到校 (optional: not of school age) */
	GAI_CONTACT,          /* 亲情联络 */
	GAI_ATTENTION,        /* 关注学习与心理 */
	GAI_ABUSE,            /* 殴打、虐待或家庭暴力 (decisive: → at least 监护失当) */
	GAI_ABANDON,          /* 遗弃 (decisive) */
	GAI_NEGLECT,          /* 怠于履行监护职责 (decisive when serious) */
	GAI_BAD_INFLUENCE,    /* 教唆、利用儿童从事违法或不良行为 (decisive) */
	GA_ITEM_COUNT,
};

#define GA_MAX_OPTIONS 4
#define GA_NOT_ANSWERED (-1)   /* an answer: the item was left blank */

struct ga_option {
	const char *code;    /* stable, stored: "none", "sometimes" ... unique within its item */
	const char *text;    /* Chinese */
	int points;          /* 0 for the first option; non-decreasing down the list */
	/* The grade this answer alone determines at least (GA_UNKNOWN: none): GA_ABSENT or
	 * GA_IMPROPER. The result is the higher of this and the grade of the total. */
	enum guardianship_assessment decides;
};

struct ga_item {
	const char *code;        /* stable, stored: "carer", "abuse" ... */
	const char *label;       /* Chinese, short: names the item in explanations */
	const char *question;    /* Chinese */
	enum ga_dimension dim;
	int required;            /* an unanswered required item makes the assessment incomplete */
	const char *source;      /* what the item rests on */
	int noptions;
	struct ga_option options[GA_MAX_OPTIONS];
};

/* County settings. Thresholds: a total at or above one has at least that grade; 0 < insufficient
 * < improper <= ga_max_score(). Reassessment months 1..24 each, never longer for a worse grade:
 * absent <= improper <= insufficient <= normal. */
struct ga_settings {
	int insufficient;          /* 10 */
	int improper;              /* 30 */
	int months_absent;         /* 1 */
	int months_improper;       /* 3 */
	int months_insufficient;   /* 6 */
	int months_normal;         /* 12 */
};

enum ga_status {
	GA_OK = 0,
	GA_ERR_ARGS = -1,       /* NULL argument, settings not valid */
	GA_ERR_MISSING = -2,    /* a required item is unanswered: *item names the first */
	GA_ERR_OPTION = -3,     /* an answer is neither GA_NOT_ANSWERED nor an option of its item */
};

#define GA_EXPLAIN_MAX 1024

struct ga_dimension_result {
	int score;         /* sum of the points of its answered items */
	int max;           /* the most its items can score */
	int answered;
	int unanswered;    /* optional items left blank */
	/* Chinese, one line: "生活照料：4分（满分15分）；居住条件：简陋但安全（2分）..." naming every
	 * answer that scored, and the decisive ones. */
	char explain[GA_EXPLAIN_MAX];
};

struct ga_result {
	enum guardianship_assessment result;     /* the grade: the higher of by_score and decisive */
	enum guardianship_assessment by_score;   /* the grade of the total alone */
	int score;                               /* the total: the sum of the dimension scores */
	int max_score;
	int unanswered;                          /* optional items left blank, all dimensions */
	struct ga_dimension_result dims[GAD_COUNT];
	enum ga_item_id decisive[GA_ITEM_COUNT]; /* items whose answer decided a grade, in order */
	int ndecisive;
};

void ga_settings_default(struct ga_settings *s);
/* 0, or -1 with *field (when field is not NULL) naming the first setting out of its limits
 * ("insufficient", "improper", "months_absent" ...). */
int ga_settings_check(const struct ga_settings *s, const char **field);

/* Grades answers[GA_ITEM_COUNT] (an option index per item, or GA_NOT_ANSWERED). Returns GA_OK and
 * fills out, or an enum ga_status error; on GA_ERR_MISSING and GA_ERR_OPTION *item (when not
 * NULL) receives the first offending item in questionnaire order (the first problem wins). out is
 * unchanged on error. */
int ga_grade(const int answers[GA_ITEM_COUNT], const struct ga_settings *s, struct ga_result *out,
	     enum ga_item_id *item);

/* The grade of a total alone under s: GA_NORMAL, GA_INSUFFICIENT or GA_IMPROPER. */
enum guardianship_assessment ga_grade_of_score(const struct ga_settings *s, int score);

/* The next assessment due: `on` plus the months of the grade, calendar-correct (31 January + 1
 * month is the last day of February). 0, or -1 when on is not a valid date, g is GA_UNKNOWN or
 * out of range, the settings are not valid, or out is NULL. */
int ga_next_assessment(struct cdate on, enum guardianship_assessment g,
		       const struct ga_settings *s, struct cdate *out);

/* The questionnaire. NULL when out of range. */
const struct ga_item *ga_item_get(enum ga_item_id id);
int ga_item_from_code(const char *code);                 /* -1 when unknown */
int ga_option_from_code(enum ga_item_id id, const char *code);   /* its index, -1 when unknown */
int ga_max_score(void);
int ga_dimension_max(enum ga_dimension d);               /* 0 when out of range */
const char *ga_dimension_code(enum ga_dimension d);      /* "guardian", "care" ...; "" */
const char *ga_dimension_name(enum ga_dimension d);      /* "监护人状况", "生活照料" ...; "" */
const char *ga_status_message(enum ga_status st);        /* Chinese; "" for GA_OK */

#endif
