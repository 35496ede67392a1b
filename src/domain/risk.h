/* risk.h: risk grading (分级划定风险, 004 三(一); R12, 000#18): an explainable score from a child's
 * recorded facts, mapped to four levels (红 high, 橙, 黄, 绿 low), and a manual override with a
 * reason and an expiry day. Every point comes with a factor that says where it came from, so a
 * user can always see why a child has its level. Pure: no I/O, no allocation; the day of the
 * judgement is an argument. */
#ifndef SHOUHU_RISK_H
#define SHOUHU_RISK_H

#include <stdint.h>

#include "domain/cdate.h"

/* Ordered: a higher value is a higher risk. */
enum risk_level {
	RISK_UNSET = 0,   /* no level: no override given, or not graded yet */
	RISK_GREEN,       /* 绿 low */
	RISK_YELLOW,      /* 黄 */
	RISK_ORANGE,      /* 橙 */
	RISK_RED,         /* 红 high */
};

/* Family guardianship capacity assessment (家庭监护能力评估, 000#5; the grades of one provincial
 * standard, R5). */
enum guardianship_assessment {
	GA_UNKNOWN = 0,   /* not assessed */
	GA_NORMAL,        /* 监护正常 */
	GA_INSUFFICIENT,  /* 监护不足 */
	GA_IMPROPER,      /* 监护失当 */
	GA_ABSENT,        /* 监护缺失 */
};

/* The entrusted caregiver as found at the last visit (000#5, 002#5, 003#5). */
enum caregiver_capacity {
	CC_UNKNOWN = 0,
	CC_ADEQUATE,      /* 有照护能力 */
	CC_LACKING,       /* 缺乏照护能力 */
	CC_NEGLECTING,    /* 怠于履行照护职责 */
};

/* The latest psychological screening (000#2, 003#20). */
enum psych_result {
	PSY_UNKNOWN = 0,  /* not screened */
	PSY_NORMAL,       /* 正常 */
	PSY_WATCH,        /* 关注 */
	PSY_ABNORMAL,     /* 异常 */
};

/* One row of the weight table in risk.c each; a tiered fact (open problems, their age, overdue
 * contacts and visits) has one row per tier and scores only its highest tier. */
enum risk_factor_id {
	RF_GUARDIANSHIP_ABSENT,
	RF_GUARDIANSHIP_IMPROPER,
	RF_GUARDIANSHIP_INSUFFICIENT,
	RF_CAREGIVER_NEGLECTING,
	RF_CAREGIVER_LACKING,
	RF_PSYCH_ABNORMAL,
	RF_PSYCH_WATCH,
	RF_DISABLED,
	RF_SERIOUSLY_ILL,
	RF_CAT_UNATTENDED,
	RF_CAT_ORPHAN,
	RF_CAT_HARDSHIP_GUARDIANSHIP,
	RF_PROBLEMS_OPEN,          /* 1 or 2 open problems */
	RF_PROBLEMS_OPEN_MANY,     /* 3 or more */
	RF_PROBLEM_OLD,            /* the oldest open one raised more than 30 days ago */
	RF_PROBLEM_VERY_OLD,       /* more than 90 days ago */
	RF_CONTACT_OVERDUE,        /* 1..30 days */
	RF_CONTACT_OVERDUE_LONG,   /* more than 30 days */
	RF_VISIT_OVERDUE,          /* 1..30 days */
	RF_VISIT_OVERDUE_LONG,     /* more than 30 days */
	RF_DROPOUT,
	RF_HARM_REPORT,
	RF_MISBEHAVIOUR,
	RF_COUNT,
};

/* A manual override (人工调整) by county staff. It applies on every day up to and including
 * `until`, and only with a level, a non-empty reason and a valid expiry day. */
struct risk_override {
	enum risk_level level;     /* RISK_UNSET: no override */
	const char *reason;
	struct cdate until;
};

struct risk_facts {
	enum guardianship_assessment guardianship;
	enum caregiver_capacity caregiver;
	enum psych_result psych;
	int disabled, seriously_ill;     /* the child itself */
	uint32_t categories;             /* categories_derive() bits (enum category) */
	int open_problems;               /* 发现问题 not yet resolved */
	struct cdate oldest_open_problem;   /* the day the oldest open one was raised */
	int contact_overdue_days;        /* from the schedule (schedule.h); 0 when not overdue */
	int visit_overdue_days;
	int dropout;                     /* 辍学 */
	int open_harm_reports;           /* open mandatory reports of harm (强制报告) */
	int misbehaviour;                /* serious misbehaviour or involved in crime */
	struct risk_override override;
};

/* Score thresholds: a score at or above a threshold has that level. Must be
 * 0 < yellow < orange < red. */
struct risk_settings {
	int red, orange, yellow;
};

struct risk_factor {
	enum risk_factor_id id;
	int points;
	int value;                 /* the measured quantity: days, a count; 0 for a yes/no fact */
	const char *label;         /* Chinese, static storage */
	const char *source;        /* the policy the factor rests on, static storage */
};

enum risk_override_state {
	RO_NONE = 0,     /* none given */
	RO_ACTIVE,       /* applies today: the level is the override's */
	RO_EXPIRED,      /* its expiry day has passed: the computed level applies */
	RO_INVALID,      /* given without a reason or a valid expiry day: not applied */
};

struct risk_result {
	enum risk_level level;     /* the level in force: the override's when active */
	enum risk_level computed;  /* the level of the score */
	int score;
	enum risk_override_state override_state;
	struct risk_factor factors[RF_COUNT];   /* in the order of enum risk_factor_id */
	int nfactors;
};

void risk_settings_default(struct risk_settings *s);   /* 红 60, 橙 40, 黄 20 */
int risk_settings_check(const struct risk_settings *s);   /* 0 or -1 */

/* Grades f as of `on`. Returns 0 and fills out, or -1 (settings not valid, on not a valid date,
 * f or out NULL). An open problem whose date is missing or invalid counts as open without an
 * age; a date after `on` has age 0. */
int risk_grade(const struct risk_facts *f, const struct risk_settings *s, struct cdate on,
	       struct risk_result *out);

/* The level of a score under s (RISK_GREEN below yellow). */
enum risk_level risk_level_of_score(const struct risk_settings *s, int score);

const char *risk_level_code(enum risk_level l);   /* "red", "orange", "yellow", "green"; "" */
const char *risk_level_name(enum risk_level l);   /* "红", "橙", "黄", "绿"; "" */
enum risk_level risk_level_from_code(const char *code);   /* RISK_UNSET when unknown */
const char *risk_factor_code(enum risk_factor_id id);    /* "guardianship_absent" ...; "" */
/* The factor of a code, -1 when unknown; its row of the weight table (label and source in
 * static storage) for a stored grading. */
int risk_factor_from_code(const char *code);
void risk_factor_describe(enum risk_factor_id id, struct risk_factor *out);
const char *risk_override_state_code(enum risk_override_state s);   /* "none", "active" ... */

/* Code tables for the recorded facts ("absent", "lacking", "abnormal" ...). The not-recorded
 * value (0) has the code "" and the name "未评估"; from_code("") gives 0, an unknown code -1. */
const char *guardianship_code(enum guardianship_assessment g);
const char *guardianship_name(enum guardianship_assessment g);   /* "监护缺失" ... */
int guardianship_from_code(const char *code);
const char *caregiver_code(enum caregiver_capacity c);
const char *caregiver_name(enum caregiver_capacity c);
int caregiver_from_code(const char *code);
const char *psych_code(enum psych_result p);
const char *psych_name(enum psych_result p);
int psych_from_code(const char *code);

#endif
