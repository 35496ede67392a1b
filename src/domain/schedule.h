/* schedule.h: the visit schedule of one child (R4): when the next contact and the next home visit
 * are due, and how that stands on a given day. The child director contacts every child at least
 * monthly and visits the home at least every three months (000#8, 002#8, 003#9), more often for
 * fragile families (003#9) and for high risk (004 三(一)); the intervals are county settings.
 * Pure: no I/O, no allocation; the day `on` is an argument (the controllable clock). */
#ifndef SHOUHU_SCHEDULE_H
#define SHOUHU_SCHEDULE_H

#include <stdint.h>

#include "domain/cdate.h"
#include "domain/risk.h"

/* An interval of calendar months and then days: {1, 0} is a month (31 January + 1 month is the
 * last day of February, cdate_add_months), {0, 14} two weeks. Not both 0. */
struct sched_interval {
	int months, days;
};

/* County settings. Limits: months 0..24, days 0..366, first_visit_days 0..365, due_soon_days
 * 0..90. A special interval longer than the regular one never lengthens it: the earliest due
 * date of all that apply wins. */
struct schedule_settings {
	struct sched_interval contact;          /* 1 month (000#8, 002#8, 003#9) */
	struct sched_interval visit;            /* 3 months (000#8, 002#8, 003#9) */
	struct sched_interval fragile_contact;  /* 003#9 conditions: 1 month */
	struct sched_interval fragile_visit;    /* 003#9 conditions: 1 month */
	struct sched_interval orange_contact;   /* 1 month */
	struct sched_interval orange_visit;     /* 1 month */
	struct sched_interval red_contact;      /* 14 days */
	struct sched_interval red_visit;        /* 1 month */
	int first_visit_days;   /* a new registration: first home visit within 15 days */
	int due_soon_days;      /* DUE_SOON from this many days before the due date: 7 */
};

/* The conditions of 003#9 that call for more frequent visits (加大走访频次). */
enum sched_condition {
	SC_PARENT_SEVERE_DISABILITY = 1u << 0,   /* 父母一方或双方严重身体或智力残疾 */
	SC_CHILD_DISABLED = 1u << 1,             /* 儿童本人身体或智力残疾 */
	SC_PSYCH_ABNORMAL = 1u << 2,             /* 有心理或行为异常 */
	SC_SINGLE_PARENT = 1u << 3,              /* 单亲家庭 */
};

struct schedule_facts {
	int exited;                     /* left active care: no schedule */
	struct cdate registered;        /* the day the child entered the register */
	/* the last contact of any kind (phone or video, home visit, school visit); a home visit
	 * counts as a contact even when this is older than last_home_visit. 0/0/0: none. */
	struct cdate last_contact;
	struct cdate last_home_visit;   /* 0/0/0: none */
	int parent_severe_disability, child_disabled, psych_abnormal, single_parent;
	enum risk_level risk;           /* the level in force (risk_result.level) */
};

enum sched_state {
	SCHED_NONE = 0,    /* no schedule: the child has left active care */
	SCHED_NOT_DUE,
	SCHED_DUE_SOON,    /* due within due_soon_days (1..due_soon_days days away) */
	SCHED_DUE_TODAY,
	SCHED_OVERDUE,     /* the due day has passed */
};

/* Which interval set the due date. */
enum sched_basis {
	SB_NONE = 0,       /* exited */
	SB_FIRST,          /* new registration: first visit within first_visit_days */
	SB_REGULAR,        /* monthly contact, quarterly visit */
	SB_FRAGILE,        /* a condition of 003#9 */
	SB_ORANGE,         /* risk level 橙 */
	SB_RED,            /* risk level 红 */
};

#define SCHEDULE_REASON_MAX 256

struct schedule_item {
	enum sched_state state;
	struct cdate due;            /* the last day to do it; 0/0/0 for SCHED_NONE */
	struct cdate last;           /* the record counted from; 0/0/0: from registration */
	int days_left;               /* due - on in days: negative when overdue */
	int days_overdue;            /* on - due when overdue, else 0 */
	enum sched_basis basis;
	struct sched_interval interval;   /* applied; {0, first_visit_days} for SB_FIRST */
	char reason[SCHEDULE_REASON_MAX]; /* Chinese: which interval and why, with the source */
};

struct schedule {
	int active;                  /* 0: exited, both items SCHED_NONE */
	uint32_t conditions;         /* the sched_condition bits found */
	struct schedule_item contact, visit;
};

void schedule_settings_default(struct schedule_settings *s);
/* 0, or -1 with *field (when field is not NULL) naming the first setting out of its limits. */
int schedule_settings_check(const struct schedule_settings *s, const char **field);

/* The schedule of f as of `on`. Each kind is due one interval after its last record; with no
 * record, counted from registration, and the first due date is then also no later than
 * registration + first_visit_days (a first home visit is also the first contact). The interval
 * is the one of all that apply (regular, 003#9, the risk level) that gives the earliest due date;
 * on equal dates the more specific one is named (red, orange, 003#9, first visit, regular).
 * Returns 0, or -1 when the settings are not valid, on is not a valid date, a date in f is set
 * but not valid, or a kind has neither a record nor a valid registration date; out is then
 * unchanged. An exited child gets active = 0 and SCHED_NONE whatever its dates. */
int schedule_compute(const struct schedule_facts *f, const struct schedule_settings *s,
		     struct cdate on, struct schedule *out);

/* The state of a due date on a day; *days_left (when not NULL) receives due - on. SCHED_NONE
 * when due or on is not valid. */
enum sched_state schedule_state_on(struct cdate due, struct cdate on, int due_soon_days,
				   int *days_left);

const char *sched_state_code(enum sched_state s);   /* "none", "not_due", "due_soon" ... */
/* "无", "未到期", "即将到期", "今日到期", "已逾期" */
const char *sched_state_name(enum sched_state s);
const char *sched_basis_code(enum sched_basis b);   /* "none", "first", "regular" ... */

#endif
