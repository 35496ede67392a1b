/* psych_flow.c: the psychological referral's state machine and follow-up days; the policy is
 * in psych_flow.h. */
#include "domain/psych_flow.h"

#include <stddef.h>
#include <string.h>

struct code_name {
	const char *code, *name;
};

static const struct code_name states[PST_COUNT] = {
	[PST_REFERRED] = { "referred", "已转介" },
	[PST_ACCEPTED] = { "accepted", "已接收" },
	[PST_IN_CARE] = { "in_care", "干预/治疗中" },
	[PST_CLOSED] = { "closed", "已结案" },
	[PST_DECLINED] = { "declined", "未接收" },
};

static const struct code_name events[PEV_COUNT] = {
	[PEV_ACCEPT] = { "accept", "接收" },
	[PEV_START] = { "start", "开始干预/治疗" },
	[PEV_CLOSE] = { "close", "结案" },
	[PEV_DECLINE] = { "decline", "未接收" },
};

static const struct code_name services[PSV_COUNT] = {
	[PSV_SCHOOL_COUNSELLOR] = { "school_counsellor", "学校心理辅导" },
	[PSV_HOSPITAL] = { "hospital", "医院心理/精神科" },
	[PSV_SOCIAL_ORG] = { "social_org", "社会服务机构" },
};

/* The one legal event of each state, with its result; -1: none. */
static const struct {
	int ev, to;
} moves[PST_COUNT][2] = {
	[PST_REFERRED] = { { PEV_ACCEPT, PST_ACCEPTED }, { PEV_DECLINE, PST_DECLINED } },
	[PST_ACCEPTED] = { { PEV_START, PST_IN_CARE }, { -1, -1 } },
	[PST_IN_CARE] = { { PEV_CLOSE, PST_CLOSED }, { -1, -1 } },
	[PST_CLOSED] = { { -1, -1 }, { -1, -1 } },
	[PST_DECLINED] = { { -1, -1 }, { -1, -1 } },
};

int psych_transition(enum psych_state from, enum psych_event ev, enum psych_state *to)
{
	if ((int)from < 0 || from >= PST_COUNT || (int)ev < 0 || ev >= PEV_COUNT)
		return PSYCH_E_INVALID;
	for (int i = 0; i < 2; i++)
		if (moves[from][i].ev == (int)ev) {
			if (to)
				*to = (enum psych_state)moves[from][i].to;
			return PSYCH_OK;
		}
	return PSYCH_E_ILLEGAL;
}

int psych_followups_open(enum psych_state s, int returned_from_treatment)
{
	switch (s) {
	case PST_REFERRED:
	case PST_ACCEPTED:
	case PST_IN_CARE:
		return 1;
	case PST_CLOSED:
		return returned_from_treatment != 0;
	default:
		return 0;
	}
}

int psych_followup_days_valid(int days)
{
	return days >= PSYCH_FOLLOWUP_DAYS_MIN && days <= PSYCH_FOLLOWUP_DAYS_MAX;
}

struct cdate psych_next_followup(enum psych_state s, int returned_from_treatment,
				 struct cdate from, int days)
{
	struct cdate none = { 0, 0, 0 };
	if (!psych_followups_open(s, returned_from_treatment) || !cdate_valid(from))
		return none;
	if (days == 0)
		days = PSYCH_FOLLOWUP_DAYS_DEFAULT;
	if (!psych_followup_days_valid(days))
		return none;
	return cdate_add_days(from, days);
}

int psych_followup_due(struct cdate next, struct cdate today)
{
	return cdate_valid(next) && cdate_valid(today) && cdate_cmp(next, today) < 0;
}

static const char *code_at(const struct code_name *t, int n, int i)
{
	return i >= 0 && i < n ? t[i].code : NULL;
}

static const char *name_at(const struct code_name *t, int n, int i)
{
	return i >= 0 && i < n ? t[i].name : NULL;
}

static int from_code(const struct code_name *t, int n, const char *code)
{
	if (!code)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return i;
	return -1;
}

const char *psych_state_code(enum psych_state s) { return code_at(states, PST_COUNT, (int)s); }
const char *psych_state_name(enum psych_state s) { return name_at(states, PST_COUNT, (int)s); }
int psych_state_from_code(const char *c) { return from_code(states, PST_COUNT, c); }
const char *psych_event_code(enum psych_event e) { return code_at(events, PEV_COUNT, (int)e); }
const char *psych_event_name(enum psych_event e) { return name_at(events, PEV_COUNT, (int)e); }
int psych_event_from_code(const char *c) { return from_code(events, PEV_COUNT, c); }
const char *psych_service_code(enum psych_service s) { return code_at(services, PSV_COUNT, (int)s); }
const char *psych_service_name(enum psych_service s) { return name_at(services, PSV_COUNT, (int)s); }
int psych_service_from_code(const char *c) { return from_code(services, PSV_COUNT, c); }
