/* categories.h: the categories a child qualifies for, derived from recorded facts (R3). Each
 * rule names its source. A child may have several. Pure: no I/O; the date of the judgement is an
 * argument, so every boundary (the day before and the day of the 16th and 18th birthdays, 5 and 6
 * months away) is testable. */
#ifndef SHOUHU_CATEGORIES_H
#define SHOUHU_CATEGORIES_H

#include <stdint.h>

#include "domain/cdate.h"

enum category {
	CAT_RURAL_LEFT_BEHIND = 1u << 0,   /* 农村留守儿童 */
	CAT_URBAN_LEFT_BEHIND = 1u << 1,   /* 城镇留守儿童 */
	CAT_ORPHAN = 1u << 2,              /* 孤儿 */
	CAT_DE_FACTO_UNATTENDED = 1u << 3, /* 事实无人抚养儿童 */
	CAT_SINGLE_PARENT = 1u << 4,       /* 单亲家庭儿童 */
	CAT_DISABLED = 1u << 5,            /* 残疾儿童 */
	CAT_SERIOUSLY_ILL = 1u << 6,       /* 重病儿童 */
	CAT_DIBAO = 1u << 7,               /* 低保家庭儿童 */
	CAT_TEKUN = 1u << 8,               /* 特困供养儿童 */
	CAT_HARDSHIP_POVERTY = 1u << 9,    /* 困境儿童（家庭贫困） */
	CAT_HARDSHIP_DISABILITY = 1u << 10,/* 困境儿童（自身残疾、重病） */
	CAT_HARDSHIP_GUARDIANSHIP = 1u << 11, /* 困境儿童（监护缺失或监护不当） */
	CAT_MISBEHAVIOUR = 1u << 12,       /* 严重不良行为或涉罪儿童 (004 二(三)) */
	CAT_COUNT = 13,
};

/* A parent's (or other member's) situation, as the rules need it. */
enum member_status {
	MS_HOME = 0,          /* 在家 */
	MS_AWAY,              /* 外出务工 (place, since) */
	MS_DEAD,              /* 死亡 */
	MS_MISSING,           /* 失踪（宣告失踪或查找不到） */
	MS_LOST_CONTACT,      /* 失联 (since): counts after 6 months */
	MS_PRISON,            /* 服刑在押 (sentence months) */
	MS_REHAB,             /* 强制隔离戒毒 (months) */
	MS_DETAINED,          /* 被执行其他限制人身自由的措施 */
	MS_SEVERE_DISABILITY, /* 重残 (grade, kind) */
	MS_SERIOUS_ILLNESS,   /* 重病 */
	MS_REVOKED,           /* 被撤销监护资格 */
	MS_DEPORTED,          /* 被遣送（驱逐）出境 */
	MS_COUNT,
};

enum disability_kind {
	DK_NONE = 0, DK_VISUAL, DK_HEARING, DK_SPEECH, DK_PHYSICAL, DK_INTELLECTUAL, DK_MENTAL,
	DK_MULTIPLE,
};

struct parent_facts {
	int present;                 /* 0: no record of this parent */
	enum member_status status;
	struct cdate since;          /* away, lost contact, missing: since when */
	int outside_county;          /* away: working outside the county */
	int months;                  /* prison sentence or rehabilitation term, in months */
	int disability_grade;        /* 1..4 (1 most severe); 0 unknown */
	enum disability_kind disability_kind;
};

struct child_facts {
	struct cdate birth;
	int rural_hukou;             /* 1 rural household registration, 0 urban */
	struct parent_facts father, mother;
	int parents_divorced;
	int disabled, seriously_ill;
	int dibao, tekun;            /* family in minimum living guarantee / extreme poverty support */
	int harmed;                  /* recorded abuse, abandonment, injury or unlawful harm */
	int misbehaviour;
};

struct category_reason {
	enum category cat;
	const char *rule;            /* Chinese: why, with the source (static storage) */
};

/* Returns the categories (a bit set) and, when reasons is not NULL, fills up to CAT_COUNT
 * reasons in the order of enum category. *nreasons receives the count. */
uint32_t categories_derive(const struct child_facts *f, struct cdate on,
			   struct category_reason *reasons, int *nreasons);
const char *category_code(enum category c);    /* "rural_left_behind" ... */
const char *category_name(enum category c);    /* "农村留守儿童" ... */
const char *category_definition(enum category c);   /* the rule in general, with its source */
enum category category_from_code(const char *code);   /* 0 when unknown */
const char *member_status_code(enum member_status s);
const char *member_status_name(enum member_status s);
int member_status_from_code(const char *code);         /* -1 when unknown */

#endif
