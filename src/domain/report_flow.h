/* report_flow.h: the life of a mandatory report (强制报告; R6, issue 5). Policy (000#6, 001#6,
 * 002#6, 003#6): units and staff in contact with children who find a child harmed, suspected
 * harmed or in danger "应当立即向公安、民政、教育等有关部门报告"; the departments "应当依法及时受理、
 * 处置，并以适当方式将处理结果告知相关单位和人员". 004 三(一): a child out of guardianship (脱离监护)
 * or unlawfully harmed (遭受不法侵害) is reported to the police (向公安机关报告). This file models
 * the situations, the default routing, the states and who may move them, and the deadlines.
 *
 * States: reported 已报告 → accepted 已受理 → handling 处置中 → concluded 已办结 (with an outcome,
 * which the app requires) → outcome_told 已反馈报告人. The seeds allow no refusal: a department
 * that receives a report must accept it ("依法及时受理"). The one way out of "reported" other than
 * acceptance is transfer (移送) to the competent department, which keeps the state "reported";
 * the seeds list the departments side by side and expect the receiver to act, and a receiver that
 * is not competent passes the report on (the national 强制报告 opinion of 2020 (ext) has the
 * receiving department transfer what it does not handle). Transfer is possible only before
 * acceptance: once accepted, the department owns the report until it tells the outcome. Every
 * other pair of state and event is illegal.
 *
 * Who acts: the staff of a department the report is routed to (handler) accept, handle,
 * conclude, tell the outcome and transfer. The reporter never changes the state (it sees the
 * status and the outcome of its own reports). The child's supervising civil-affairs staff
 * (supervisor) receive the escalations and follow them up, but change the state only when the
 * report is routed to them, i.e. as a handler.
 *
 * Default routing — THE SYSTEM'S DEFAULT, WHICH THE REPORTER MAY CHANGE (add or remove
 * departments; at least one): civil affairs always (the child's care, temporary guardianship,
 * 000#6); the police in addition for harm or suspected harm by others and for a child out of
 * guardianship (004 三(一)): sexual assault, abuse or violence, abandonment, left without care,
 * missing, suspected trafficking, injury of unexplained cause; civil affairs alone for self-harm
 * or suicide risk and for "other". Education in addition, for every situation, when the child is
 * a school pupil (the seeds name education among the receivers; the school's authority follows
 * up the pupil).
 *
 * Deadlines: the seeds say "立即" (report) and "及时" (accept, handle) and give no number. The
 * issue sets acceptance within 24 hours of filing by default; the others are the system's
 * defaults, county settings all: acceptance within accept_hours (24) of filing — a transfer does
 * not restart it, the child does not wait longer because the first receiver was the wrong one;
 * conclusion within conclude_days (30) of acceptance; the outcome told within tell_days (7) of
 * conclusion. A stage not done by its deadline is overdue (a warning) and, once the grace
 * (escalate_grace_hours, 2) has also passed, escalated to the supervisor. Days here are elapsed
 * periods of 24 hours, not calendar days. Instants are UTC milliseconds; "within" means done at
 * the deadline instant at the latest: overdue from 1 ms after it, escalated from 1 ms after
 * deadline + grace.
 *
 * Pure: no I/O, no allocation; `now` is an argument (the controllable clock). */
#ifndef SHOUHU_REPORT_FLOW_H
#define SHOUHU_REPORT_FLOW_H

#include <stdint.h>

enum report_situation {
	RSIT_SEXUAL_ASSAULT = 0,     /* 性侵害 */
	RSIT_ABUSE_VIOLENCE,         /* 虐待或暴力伤害 */
	RSIT_ABANDONMENT,            /* 遗弃 */
	RSIT_LEFT_WITHOUT_CARE,      /* 无人照料 */
	RSIT_SELF_HARM,              /* 自伤自杀风险 */
	RSIT_MISSING,                /* 失踪 */
	RSIT_TRAFFICKING,            /* 疑似被拐卖 */
	RSIT_UNEXPLAINED_INJURY,     /* 不明原因受伤 */
	RSIT_OTHER,                  /* 其他 */
	RSIT_COUNT,
};

/* As the reporter judges it. */
enum report_urgency {
	RURG_IMMEDIATE = 0,   /* 紧急: the child is in danger now */
	RURG_URGENT,          /* 较急 */
	RURG_NORMAL,          /* 一般 */
	RURG_COUNT,
};

/* Handling departments, as bits: a report is routed to one or more. */
enum report_dept {
	RDEPT_POLICE = 1u << 0,          /* 公安 */
	RDEPT_CIVIL_AFFAIRS = 1u << 1,   /* 民政 */
	RDEPT_EDUCATION = 1u << 2,       /* 教育 */
};
#define RDEPT_ALL (RDEPT_POLICE | RDEPT_CIVIL_AFFAIRS | RDEPT_EDUCATION)

enum report_state {
	RST_REPORTED = 0,     /* 已报告 */
	RST_ACCEPTED,         /* 已受理 */
	RST_HANDLING,         /* 处置中 */
	RST_CONCLUDED,        /* 已办结 */
	RST_OUTCOME_TOLD,     /* 已反馈报告人 (final) */
	RST_COUNT,
};

enum report_event {
	REV_ACCEPT = 0,       /* 受理: reported → accepted */
	REV_START_HANDLING,   /* 开始处置: accepted → handling */
	REV_CONCLUDE,         /* 办结: handling → concluded, with an outcome */
	REV_TELL_OUTCOME,     /* 反馈报告人: concluded → outcome_told */
	REV_TRANSFER,         /* 移送: reported → reported, to another department */
	REV_COUNT,
};

enum report_actor {
	RACT_REPORTER = 0,    /* 报告人: the unit or user that filed it */
	RACT_HANDLER,         /* 承办部门: staff of a department it is routed to */
	RACT_SUPERVISOR,      /* 督导: the child's supervising civil-affairs staff */
	RACT_OTHER,           /* anyone else */
	RACT_COUNT,
};

/* report_transition results. */
#define REPORT_OK 0
#define REPORT_E_ILLEGAL (-1)   /* the event is not allowed in that state */
#define REPORT_E_INVALID (-2)   /* a state or event out of range */

/* The state after `ev` in `from`, in *to (when not NULL and the result is REPORT_OK; otherwise
 * *to is unchanged). */
int report_transition(enum report_state from, enum report_event ev, enum report_state *to);

/* May `actor` perform `ev`? 1 or 0 (0 also for values out of range). Whether the event is legal
 * in the report's state is report_transition's question. */
int report_actor_may(enum report_actor actor, enum report_event ev);

/* The default departments (enum report_dept bits) for a situation; `pupil` (the child is a
 * school pupil) adds education. 0 when the situation is out of range. */
uint32_t report_default_routing(enum report_situation s, int pupil);

/* Is `depts` a valid routing: at least one department and no unknown bit? 1 or 0. */
int report_routing_valid(uint32_t depts);

/* County settings. Limits: accept_hours 1..168, escalate_grace_hours 0..72, conclude_days
 * 1..365, tell_days 1..90. */
struct report_settings {
	int accept_hours;           /* 24 (issue 5) */
	int escalate_grace_hours;   /* 2, system default */
	int conclude_days;          /* 30, system default */
	int tell_days;              /* 7, system default */
};

void report_settings_default(struct report_settings *s);
/* 0, or -1 with *field (when field is not NULL) naming the first setting out of its limits. */
int report_settings_check(const struct report_settings *s, const char **field);

/* The instants of a report's steps, UTC ms; 0: not happened (yet). */
struct report_times {
	int64_t filed_ms;
	int64_t accepted_ms;
	int64_t concluded_ms;
	int64_t told_ms;
};

/* The stages that have a deadline. */
enum report_stage {
	RSTG_ACCEPT = 0,     /* filed → accepted, within accept_hours */
	RSTG_CONCLUDE,       /* accepted → concluded, within conclude_days */
	RSTG_TELL,           /* concluded → outcome told, within tell_days */
	RSTG_COUNT,
};

struct report_deadline {
	int started;         /* the stage's start instant is set; all below is 0 when not */
	int done;            /* its end instant is set */
	int64_t due_ms;      /* start + the stage's limit */
	int64_t escalate_ms; /* due_ms + escalate_grace_hours */
	int overdue;         /* not done and now > due_ms */
	int escalate;        /* not done and now > escalate_ms: tell the supervisor */
	int late;            /* done after due_ms */
	/* how late: now - due_ms when overdue, end - due_ms when late, else 0 */
	int64_t late_ms;
};

/* The deadline of `stage` for t as of `now`. Returns 0 and fills out, or -1 (settings not valid,
 * stage out of range, t or out NULL, a set instant negative, or a set end without a set start);
 * out is then unchanged. The stage has not started when its start instant is 0. */
int report_deadline_check(const struct report_times *t, enum report_stage stage,
			  const struct report_settings *s, int64_t now, struct report_deadline *out);

/* Codes ("sexual_assault", "immediate", "police", "reported", "accept", "handler", "accept")
 * and Chinese names, static storage; "" when out of range. from_code gives -1 for an unknown
 * code or NULL. A department code or name is for a single bit. */
const char *report_situation_code(enum report_situation s);
const char *report_situation_name(enum report_situation s);
int report_situation_from_code(const char *code);
const char *report_urgency_code(enum report_urgency u);
const char *report_urgency_name(enum report_urgency u);
int report_urgency_from_code(const char *code);
const char *report_dept_code(uint32_t dept);
const char *report_dept_name(uint32_t dept);
int report_dept_from_code(const char *code);   /* the bit, or -1 */
const char *report_state_code(enum report_state s);
const char *report_state_name(enum report_state s);
int report_state_from_code(const char *code);
const char *report_event_code(enum report_event e);
const char *report_event_name(enum report_event e);
int report_event_from_code(const char *code);
const char *report_actor_code(enum report_actor a);
const char *report_actor_name(enum report_actor a);
int report_actor_from_code(const char *code);
const char *report_stage_code(enum report_stage s);   /* "accept", "conclude", "tell" */

#endif
