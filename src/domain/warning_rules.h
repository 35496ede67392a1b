/* warning_rules.h: which warnings (预警, R4, R12) hold for one child on a given day, from facts
 * the caller gathers (the schedule, the risk level, open problems, the file), and the next day on
 * which the calendar alone may change that answer. Pure: no I/O, no allocation; the day is an
 * argument (the controllable clock). The app (app/warnings.c) stores the result: one open row per
 * kind, child and problem, opened when a warning starts to hold and closed when it stops. */
#ifndef SHOUHU_WARNING_RULES_H
#define SHOUHU_WARNING_RULES_H

#include <stdint.h>

#include "domain/cdate.h"
#include "domain/risk.h"
#include "domain/schedule.h"

enum warning_kind {
	WK_CONTACT_OVERDUE = 0,   /* 联系逾期: the contact's due day has passed */
	WK_VISIT_OVERDUE,         /* 走访逾期: the home visit's due day has passed */
	WK_HIGH_RISK_NO_VISIT,    /* 高风险未走访: red, no home visit for high_risk_no_visit_days */
	WK_NEWLY_RED,             /* 新增高风险: the level in force became red */
	WK_CAREGIVER_FOLLOWUP,    /* 照护跟进: caregiver lacking/neglecting, follow-up untouched */
	WK_PROBLEM_OVERDUE,       /* 问题逾期: an open problem past its deadline (one per problem) */
	WK_TURNING_16,            /* 即将年满16周岁 (a left-behind child leaves the category) */
	WK_TURNING_18,            /* 即将年满18周岁 */
	WK_FILE_INCOMPLETE,       /* 档案不完整 */
	/* issue 5: the latest family guardianship capacity assessment (家庭监护能力评估) */
	WK_GUARDIANSHIP_ABSENT,   /* 监护缺失: escalated at once (civil affairs warned, 000#5) */
	WK_GUARDIANSHIP_REASSESS, /* 监护复评到期: its reassessment day has passed */
	/* issue 5: guardianship cases (case_rules.h) */
	WK_CASE_FOLLOWUP,         /* 案后回访逾期: an after-case visit's day has passed, not made */
	WK_PLACEMENT_REVIEW,      /* 安置复查到期: an active placement's review day has passed */
	WK_COUNT,
};

/* newly_red stays open this many days at most */
#define NEWLY_RED_DAYS 7
/* school age (义务教育法 Art. 11: 6 周岁) */
#define SCHOOL_AGE 6
#define WARNING_MESSAGE_MAX 384

const char *warning_kind_code(enum warning_kind k);   /* "contact_overdue" ...; "" */
const char *warning_kind_name(enum warning_kind k);   /* "联系逾期" ...; "" */
int warning_kind_from_code(const char *code);         /* -1 when unknown */

/* An open problem of the child. */
struct warning_problem {
	int64_t id;
	struct cdate deadline;   /* 0/0/0: none (never overdue) */
	int escalated;           /* escalated before (problems.escalated_at set) */
	const char *label;       /* its category's name, for the message; may be NULL */
};

/* What the file lacks for the visits (the rules of file_incomplete). */
struct warning_file_facts {
	int has_director;        /* a child director (儿童主任) is named */
	int left_behind;         /* a left-behind category, derived or recorded */
	int has_caregiver;       /* an entrusted caregiver (委托照护人) is recorded */
	int has_contact_phone;   /* the caregiver's or a family member's phone is recorded */
	int in_school;           /* schooling_status in_school */
	int has_school;          /* a school name or school organisation */
};

struct warning_facts {
	int active;                        /* 0: exited, no warning holds */
	struct cdate birth;
	struct cdate registered;           /* the day the file was created */
	const struct schedule *sched;      /* NULL: no schedule (no overdue warning) */
	enum risk_level level;             /* in force after this refresh */
	enum risk_level previous;          /* in force before it (RISK_UNSET: none) */
	struct cdate last_home_visit;      /* 0/0/0: none */
	struct cdate newly_red_since;      /* opened_on of the open newly_red warning; 0/0/0 none */
	/* the latest visit that recorded the caregiver's capacity, and the follow-up problem it
	 * opened while that is open and has no note by a person */
	enum caregiver_capacity caregiver;
	int64_t caregiver_problem_id;      /* 0: none (or noted, or resolved) */
	struct cdate caregiver_problem_deadline;
	const struct warning_problem *problems;   /* the open ones */
	int nproblems;
	struct warning_file_facts file;
	/* the latest assessment's grade (GA_UNKNOWN: never assessed) and reassessment day */
	enum guardianship_assessment guardianship;
	struct cdate guardianship_next;    /* 0/0/0: none */
	/* the earliest after-case visit not made (interventions) and the earliest review day of an
	 * active placement; 0/0/0: none */
	struct cdate case_followup;
	struct cdate placement_review;
};

struct warning_settings {
	int high_risk_no_visit_days;   /* 1..365 */
	int turning_warn_days;         /* 0..180; 0: no turning warning */
	int problem_escalate_days;     /* 0..90: escalate this many days after the deadline */
};

struct warning_item {
	enum warning_kind kind;
	int64_t ref_id;                /* the problem (problem_overdue, caregiver_followup), else 0 */
	struct cdate due_on;           /* the day the condition concerns; 0/0/0: none */
	int escalated;                 /* problem_overdue: escalated (before or now);
					* guardianship_absent: always (the supervisor's at once) */
	int escalate_now;              /* problem_overdue: escalates on this evaluation */
	char message[WARNING_MESSAGE_MAX];   /* Chinese; stable from day to day */
};

/* The most items an evaluation gives: one per kind and one per open problem. */
#define WARNINGS_MAX(nproblems) (WK_COUNT + (nproblems))

/* Fills out (room for `max` items; WARNINGS_MAX(f->nproblems) is always enough) with the
 * warnings that hold on `on`, in the order of enum warning_kind, and *next (when not NULL) with
 * the first day after `on` on which the calendar alone may open, escalate or close one (0/0/0:
 * none). Returns the count, or -1 when f, s or on is not valid or max is too small. */
int warnings_evaluate(const struct warning_facts *f, const struct warning_settings *s,
		      struct cdate on, struct warning_item *out, int max, struct cdate *next);

#endif
