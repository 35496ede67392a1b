/* report_flow.c: the mandatory-report state machine, routing and deadlines; the policy and the
 * choices are in report_flow.h. */
#include "domain/report_flow.h"

#include <stddef.h>
#include <string.h>

struct code_name {
	const char *code, *name;
};

static const struct code_name situations[RSIT_COUNT] = {
	[RSIT_SEXUAL_ASSAULT] = { "sexual_assault", "性侵害" },
	[RSIT_ABUSE_VIOLENCE] = { "abuse_violence", "虐待或暴力伤害" },
	[RSIT_ABANDONMENT] = { "abandonment", "遗弃" },
	[RSIT_LEFT_WITHOUT_CARE] = { "left_without_care", "无人照料" },
	[RSIT_SELF_HARM] = { "self_harm", "自伤自杀风险" },
	[RSIT_MISSING] = { "missing", "失踪" },
	[RSIT_TRAFFICKING] = { "trafficking", "疑似被拐卖" },
	[RSIT_UNEXPLAINED_INJURY] = { "unexplained_injury", "不明原因受伤" },
	[RSIT_OTHER] = { "other", "其他" },
};

static const struct code_name urgencies[RURG_COUNT] = {
	[RURG_IMMEDIATE] = { "immediate", "紧急" },
	[RURG_URGENT] = { "urgent", "较急" },
	[RURG_NORMAL] = { "normal", "一般" },
};

/* In bit order: police, civil affairs, education. */
static const struct code_name depts[3] = {
	{ "police", "公安" },
	{ "civil_affairs", "民政" },
	{ "education", "教育" },
};

static const struct code_name states[RST_COUNT] = {
	[RST_REPORTED] = { "reported", "已报告" },
	[RST_ACCEPTED] = { "accepted", "已受理" },
	[RST_HANDLING] = { "handling", "处置中" },
	[RST_CONCLUDED] = { "concluded", "已办结" },
	[RST_OUTCOME_TOLD] = { "outcome_told", "已反馈报告人" },
};

static const struct code_name events[REV_COUNT] = {
	[REV_ACCEPT] = { "accept", "受理" },
	[REV_START_HANDLING] = { "start_handling", "开始处置" },
	[REV_CONCLUDE] = { "conclude", "办结" },
	[REV_TELL_OUTCOME] = { "tell_outcome", "反馈报告人" },
	[REV_TRANSFER] = { "transfer", "移送" },
};

static const struct code_name actors[RACT_COUNT] = {
	[RACT_REPORTER] = { "reporter", "报告人" },
	[RACT_HANDLER] = { "handler", "承办部门" },
	[RACT_SUPERVISOR] = { "supervisor", "督导" },
	[RACT_OTHER] = { "other", "其他人员" },
};

static const char *const stage_codes[RSTG_COUNT] = { "accept", "conclude", "tell" };

/* The transition table: the state after each event, or -1 when the event is illegal there. */
static const int next_state[RST_COUNT][REV_COUNT] = {
	[RST_REPORTED] = { RST_ACCEPTED, -1, -1, -1, RST_REPORTED },
	[RST_ACCEPTED] = { -1, RST_HANDLING, -1, -1, -1 },
	[RST_HANDLING] = { -1, -1, RST_CONCLUDED, -1, -1 },
	[RST_CONCLUDED] = { -1, -1, -1, RST_OUTCOME_TOLD, -1 },
	[RST_OUTCOME_TOLD] = { -1, -1, -1, -1, -1 },
};

/* Who may perform each event: only the handling department changes a report's state. */
static const unsigned char may[RACT_COUNT][REV_COUNT] = {
	[RACT_REPORTER] = { 0, 0, 0, 0, 0 },
	[RACT_HANDLER] = { 1, 1, 1, 1, 1 },
	[RACT_SUPERVISOR] = { 0, 0, 0, 0, 0 },
	[RACT_OTHER] = { 0, 0, 0, 0, 0 },
};

int report_transition(enum report_state from, enum report_event ev, enum report_state *to)
{
	if ((int)from < 0 || from >= RST_COUNT || (int)ev < 0 || ev >= REV_COUNT)
		return REPORT_E_INVALID;
	int n = next_state[from][ev];
	if (n < 0)
		return REPORT_E_ILLEGAL;
	if (to != NULL)
		*to = (enum report_state)n;
	return REPORT_OK;
}

int report_actor_may(enum report_actor actor, enum report_event ev)
{
	if ((int)actor < 0 || actor >= RACT_COUNT || (int)ev < 0 || ev >= REV_COUNT)
		return 0;
	return may[actor][ev];
}

uint32_t report_default_routing(enum report_situation s, int pupil)
{
	uint32_t r;

	switch (s) {
	/* harm or suspected harm by others, or out of guardianship: 004 三(一) 向公安机关报告 */
	case RSIT_SEXUAL_ASSAULT:
	case RSIT_ABUSE_VIOLENCE:
	case RSIT_ABANDONMENT:
	case RSIT_LEFT_WITHOUT_CARE:
	case RSIT_MISSING:
	case RSIT_TRAFFICKING:
	case RSIT_UNEXPLAINED_INJURY:
		r = RDEPT_POLICE | RDEPT_CIVIL_AFFAIRS;
		break;
	case RSIT_SELF_HARM:
	case RSIT_OTHER:
		r = RDEPT_CIVIL_AFFAIRS;
		break;
	default:
		return 0;
	}
	if (pupil)
		r |= RDEPT_EDUCATION;
	return r;
}

int report_routing_valid(uint32_t d)
{
	return d != 0 && (d & ~(uint32_t)RDEPT_ALL) == 0;
}

void report_settings_default(struct report_settings *s)
{
	s->accept_hours = 24;
	s->escalate_grace_hours = 2;
	s->conclude_days = 30;
	s->tell_days = 7;
}

int report_settings_check(const struct report_settings *s, const char **field)
{
	const char *bad = NULL;

	if (s == NULL)
		bad = "";
	else if (s->accept_hours < 1 || s->accept_hours > 168)
		bad = "accept_hours";
	else if (s->escalate_grace_hours < 0 || s->escalate_grace_hours > 72)
		bad = "escalate_grace_hours";
	else if (s->conclude_days < 1 || s->conclude_days > 365)
		bad = "conclude_days";
	else if (s->tell_days < 1 || s->tell_days > 90)
		bad = "tell_days";
	if (bad == NULL)
		return 0;
	if (field != NULL)
		*field = bad;
	return -1;
}

#define HOUR_MS ((int64_t)3600 * 1000)

int report_deadline_check(const struct report_times *t, enum report_stage stage,
			  const struct report_settings *s, int64_t now, struct report_deadline *out)
{
	int64_t start, end, limit;

	if (t == NULL || out == NULL || report_settings_check(s, NULL) != 0)
		return -1;
	switch (stage) {
	case RSTG_ACCEPT:
		start = t->filed_ms, end = t->accepted_ms, limit = s->accept_hours * HOUR_MS;
		break;
	case RSTG_CONCLUDE:
		start = t->accepted_ms, end = t->concluded_ms, limit = s->conclude_days * 24 * HOUR_MS;
		break;
	case RSTG_TELL:
		start = t->concluded_ms, end = t->told_ms, limit = s->tell_days * 24 * HOUR_MS;
		break;
	default:
		return -1;
	}
	if (start < 0 || end < 0 || (end != 0 && start == 0))
		return -1;

	memset(out, 0, sizeof(*out));
	if (start == 0)
		return 0;
	out->started = 1;
	out->done = end != 0;
	out->due_ms = start + limit;
	out->escalate_ms = out->due_ms + s->escalate_grace_hours * HOUR_MS;
	if (out->done) {
		out->late = end > out->due_ms;
		out->late_ms = out->late ? end - out->due_ms : 0;
	} else {
		out->overdue = now > out->due_ms;
		out->escalate = now > out->escalate_ms;
		out->late_ms = out->overdue ? now - out->due_ms : 0;
	}
	return 0;
}

static const char *code_at(const struct code_name *t, int n, int i)
{
	return i >= 0 && i < n ? t[i].code : "";
}

static const char *name_at(const struct code_name *t, int n, int i)
{
	return i >= 0 && i < n ? t[i].name : "";
}

static int index_of(const struct code_name *t, int n, const char *code)
{
	for (int i = 0; code != NULL && i < n; i++)
		if (strcmp(code, t[i].code) == 0)
			return i;
	return -1;
}

/* The index of a single department bit, -1 otherwise. */
static int dept_index(uint32_t d)
{
	for (int i = 0; i < 3; i++)
		if (d == (1u << i))
			return i;
	return -1;
}

const char *report_situation_code(enum report_situation s)
{
	return code_at(situations, RSIT_COUNT, (int)s);
}

const char *report_situation_name(enum report_situation s)
{
	return name_at(situations, RSIT_COUNT, (int)s);
}

int report_situation_from_code(const char *code)
{
	return index_of(situations, RSIT_COUNT, code);
}

const char *report_urgency_code(enum report_urgency u)
{
	return code_at(urgencies, RURG_COUNT, (int)u);
}

const char *report_urgency_name(enum report_urgency u)
{
	return name_at(urgencies, RURG_COUNT, (int)u);
}

int report_urgency_from_code(const char *code)
{
	return index_of(urgencies, RURG_COUNT, code);
}

const char *report_dept_code(uint32_t dept)
{
	return code_at(depts, 3, dept_index(dept));
}

const char *report_dept_name(uint32_t dept)
{
	return name_at(depts, 3, dept_index(dept));
}

int report_dept_from_code(const char *code)
{
	int i = index_of(depts, 3, code);
	return i < 0 ? -1 : (int)(1u << i);
}

const char *report_state_code(enum report_state s)
{
	return code_at(states, RST_COUNT, (int)s);
}

const char *report_state_name(enum report_state s)
{
	return name_at(states, RST_COUNT, (int)s);
}

int report_state_from_code(const char *code)
{
	return index_of(states, RST_COUNT, code);
}

const char *report_event_code(enum report_event e)
{
	return code_at(events, REV_COUNT, (int)e);
}

const char *report_event_name(enum report_event e)
{
	return name_at(events, REV_COUNT, (int)e);
}

int report_event_from_code(const char *code)
{
	return index_of(events, REV_COUNT, code);
}

const char *report_actor_code(enum report_actor a)
{
	return code_at(actors, RACT_COUNT, (int)a);
}

const char *report_actor_name(enum report_actor a)
{
	return name_at(actors, RACT_COUNT, (int)a);
}

int report_actor_from_code(const char *code)
{
	return index_of(actors, RACT_COUNT, code);
}

const char *report_stage_code(enum report_stage s)
{
	return (int)s >= 0 && s < RSTG_COUNT ? stage_codes[s] : "";
}
