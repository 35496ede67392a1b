/* case_rules.c: interventions and placements, pure rules (see case_rules.h). */
#include "domain/case_rules.h"

#include <string.h>

#define COUNT(t) ((int)(sizeof t / sizeof t[0]))

static const struct case_code ikinds[] = {
	{ "admonition", "村(居)委会劝诫" },
	{ "police_reprimand", "公安训诫" },
	{ "education_order", "家庭教育指导令" },
	{ "supervision_order", "督促监护令" },
	{ "protection_order", "人身安全保护令" },
	{ "revocation", "撤销监护资格" },
	{ "litigation_support", "支持起诉" },
	{ "public_interest_suit", "公益诉讼" },
	{ "judicial_suggestion", "司法建议" },
	{ "procuratorial_suggestion", "检察建议" },
};

static const struct case_code pkinds[] = {
	{ "relatives", "亲属抚养" },
	{ "foster", "家庭寄养" },
	{ "rescue", "未成年人救助保护机构" },
	{ "welfare", "儿童福利机构" },
};

static const struct case_code pterms[] = {
	{ "temporary", "临时监护" },
	{ "long_term", "长期监护" },
};

static const char *lookup(const struct case_code *t, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return t[i].name;
	return NULL;
}

const struct case_code *intervention_kinds(int *n)
{
	*n = COUNT(ikinds);
	return ikinds;
}

const struct case_code *placement_kinds(int *n)
{
	*n = COUNT(pkinds);
	return pkinds;
}

const struct case_code *placement_terms(int *n)
{
	*n = COUNT(pterms);
	return pterms;
}

const char *intervention_kind_name(const char *code)
{
	return lookup(ikinds, COUNT(ikinds), code);
}

const char *placement_kind_name(const char *code)
{
	return lookup(pkinds, COUNT(pkinds), code);
}

const char *placement_term_name(const char *code)
{
	return lookup(pterms, COUNT(pterms), code);
}

const char *placement_org_type(const char *kind)
{
	if (kind && strcmp(kind, "rescue") == 0)
		return "rescue";
	if (kind && strcmp(kind, "welfare") == 0)
		return "welfare";
	return NULL;
}

void case_followup_days(struct cdate closed, struct cdate out[CASE_FOLLOWUPS])
{
	static const int months[CASE_FOLLOWUPS] = { 1, 3, 6 };
	for (int i = 0; i < CASE_FOLLOWUPS; i++)   /* each counted from the closing day itself */
		out[i] = cdate_add_months(closed, months[i]);
}

struct cdate placement_next_review(struct cdate from, int months)
{
	return cdate_add_months(from, months);
}

int case_followup_bound(const char *filter, struct cdate today, struct cdate *out, int *any)
{
	*any = 0;
	if (!filter)
		return -1;
	if (strcmp(filter, "due") == 0) {
		*out = cdate_add_days(today, CASE_DUE_SOON_DAYS);
		return 0;
	}
	if (strcmp(filter, "overdue") == 0) {
		*out = cdate_add_days(today, -1);
		return 0;
	}
	if (strcmp(filter, "all") == 0) {
		*any = 1;
		return 0;
	}
	return -1;
}
