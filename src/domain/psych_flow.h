/* psych_flow.h: the life of a psychological referral (心理转介; issue 5, 003#20, 003#21). Policy:
 * a screening (心理筛查) whose result is abnormal (异常) is referred to a service — the school's
 * counsellor (学校心理辅导), a hospital's psychology or psychiatry department (医院心理/精神科)
 * or a social organisation (社会服务机构); the receiver accepts it (or does not: declined), the
 * care or treatment starts, and the referral is closed with an outcome. 003#21: a child back
 * from psychiatric treatment (returned_from_treatment) gets a paired carer (结对关爱人) and
 * regular follow-ups (定期随访), which continue after closing.
 *
 * States: referred 已转介 → accepted 已接收 → in_care 干预/治疗中 → closed 已结案; referred →
 * declined 未接收. Every other pair of state and event is illegal; closed and declined are final.
 *
 * Follow-ups (定期随访): while the referral is open (referred, accepted, in_care), and after a
 * closing with returned_from_treatment; none after an ordinary closing or a decline. The next
 * follow-up is due `followup_days` (default 30; 1..90) calendar days after the last follow-up,
 * or after the referral day (open) or the closing day (returned from treatment) when there is
 * none yet; a referral is due for a follow-up once that day has passed (next < today).
 *
 * Pure: no I/O, no allocation; today is an argument. */
#ifndef SHOUHU_PSYCH_FLOW_H
#define SHOUHU_PSYCH_FLOW_H

#include "domain/cdate.h"

enum psych_state {
	PST_REFERRED = 0,   /* 已转介 */
	PST_ACCEPTED,       /* 已接收 */
	PST_IN_CARE,        /* 干预/治疗中 */
	PST_CLOSED,         /* 已结案 (final) */
	PST_DECLINED,       /* 未接收 (final) */
	PST_COUNT,
};

enum psych_event {
	PEV_ACCEPT = 0,     /* 接收: referred → accepted */
	PEV_START,          /* 开始干预/治疗: accepted → in_care */
	PEV_CLOSE,          /* 结案: in_care → closed */
	PEV_DECLINE,        /* 未接收: referred → declined */
	PEV_COUNT,
};

enum psych_service {
	PSV_SCHOOL_COUNSELLOR = 0,   /* 学校心理辅导 */
	PSV_HOSPITAL,                /* 医院心理/精神科 */
	PSV_SOCIAL_ORG,              /* 社会服务机构 */
	PSV_COUNT,
};

#define PSYCH_OK 0
#define PSYCH_E_ILLEGAL (-1)   /* the event is not allowed in that state */
#define PSYCH_E_INVALID (-2)   /* a state or event out of range */

#define PSYCH_FOLLOWUP_DAYS_DEFAULT 30
#define PSYCH_FOLLOWUP_DAYS_MIN 1
#define PSYCH_FOLLOWUP_DAYS_MAX 90

/* The state after `ev` in `from`, in *to (when not NULL and the result is PSYCH_OK; otherwise
 * *to is unchanged). */
int psych_transition(enum psych_state from, enum psych_event ev, enum psych_state *to);

/* Does the referral take follow-ups in this state? Open states, and closed when the child came
 * back from treatment (003#21). 1 or 0. */
int psych_followups_open(enum psych_state s, int returned_from_treatment);

/* Is days a valid follow-up interval (1..90)? 1 or 0. */
int psych_followup_days_valid(int days);

/* The next follow-up day: `from` (the last follow-up, or the referral or closing day) +
 * days (the default when days is 0); {0,0,0} when the referral takes no follow-ups or `from` is
 * not a date. */
struct cdate psych_next_followup(enum psych_state s, int returned_from_treatment,
				 struct cdate from, int days);

/* Is a follow-up due: next set and before today? 1 or 0. */
int psych_followup_due(struct cdate next, struct cdate today);

/* Codes (English, stored and in the API) and Chinese names; NULL when out of range. The
 * from_code functions return the value, or -1 when the code is unknown. */
const char *psych_state_code(enum psych_state s);
const char *psych_state_name(enum psych_state s);
int psych_state_from_code(const char *code);
const char *psych_event_code(enum psych_event e);
const char *psych_event_name(enum psych_event e);
int psych_event_from_code(const char *code);
const char *psych_service_code(enum psych_service s);
const char *psych_service_name(enum psych_service s);
int psych_service_from_code(const char *code);

#endif
