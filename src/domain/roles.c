/* roles.c: the role table (see roles.h; docs/API.md lists it for users). */
#include "domain/roles.h"

#include <stddef.h>
#include <string.h>

#define BUSINESS_READ (PERM_REGION_READ | PERM_ORG_READ)
#define CHILD_ALL (PERM_CHILD_READ | PERM_CHILD_WRITE | PERM_CHILD_UNMASK | PERM_CHILD_IMPORT | \
		   PERM_CHILD_EXPORT)
#define PSYCH (PERM_PSYCH_READ | PERM_PSYCH_WRITE)
#define PROTECT_ALL (PERM_REPORT_FILE | PERM_REPORT_HANDLE | PERM_GUARD_READ | PERM_GUARD_WRITE | \
		     PERM_CASE_WRITE | PSYCH)

static const struct role roles[] = {
	{ "sysadmin", "系统管理员", ROLE_KIND_ADMIN, 0,
	  PERM_USER_READ | PERM_USER_MANAGE | PERM_ORG_READ | PERM_ORG_MANAGE | PERM_REGION_READ },
	{ "secadmin", "安全管理员", ROLE_KIND_ADMIN, 0,
	  PERM_USER_READ | PERM_ROLE_ASSIGN | PERM_USER_UNLOCK | PERM_SECURITY_SETTINGS |
		  PERM_REGION_READ | PERM_ORG_READ },   /* org:read to pick a user's organisation */
	{ "auditor", "审计管理员", ROLE_KIND_ADMIN, 0, PERM_AUDIT_READ | PERM_REGION_READ },
	{ "county", "县级民政", ROLE_KIND_BUSINESS, 0,
	  BUSINESS_READ | CHILD_ALL | PERM_RISK_OVERRIDE | PERM_VISIT_SETTINGS | PROTECT_ALL |
		  PERM_CASE_SETTINGS },
	{ "town", "乡镇督导员", ROLE_KIND_BUSINESS, 0, BUSINESS_READ | CHILD_ALL | PROTECT_ALL },
	/* the child director keeps the files of its village; imports are the county's and towns' */
	{ "director", "儿童主任", ROLE_KIND_BUSINESS, 0,
	  BUSINESS_READ | PERM_CHILD_READ | PERM_CHILD_WRITE | PERM_CHILD_UNMASK | PERM_CHILD_EXPORT |
		  PERM_REPORT_FILE | PERM_GUARD_READ | PERM_GUARD_WRITE | PSYCH },
	/* the school's counsellor screens its pupils (003#20) */
	{ "school", "学校", ROLE_KIND_BUSINESS, 1,
	  PERM_REGION_READ | PERM_CHILD_READ | PERM_REPORT_FILE | PSYCH },
	/* police and education handle the reports routed to them; other departments file */
	{ "dept", "部门用户", ROLE_KIND_BUSINESS, 1,
	  BUSINESS_READ | PERM_CHILD_READ | PERM_REPORT_FILE | PERM_REPORT_HANDLE },
	/* volunteers must report too (000#6), and see nothing else of any report */
	{ "volunteer", "社会组织/志愿者", ROLE_KIND_BUSINESS, 1,
	  PERM_REGION_READ | PERM_CHILD_READ | PERM_REPORT_FILE },
	{ "none", "未分配角色", ROLE_KIND_NONE, 0, 0 },
};

const struct role *role_at(int i)
{
	if (i < 0 || i >= (int)(sizeof roles / sizeof roles[0]))
		return NULL;
	return &roles[i];
}

const struct role *role_find(const char *code)
{
	if (!code)
		return NULL;
	for (const struct role *r = roles; r < roles + sizeof roles / sizeof roles[0]; r++)
		if (strcmp(r->code, code) == 0)
			return r;
	return NULL;
}

const char *perm_name(uint32_t perm)
{
	static const char *const names[PERM_COUNT] = {
		"user:read", "user:manage", "org:read", "org:manage", "role:assign",
		"user:unlock", "security:settings", "audit:read", "region:read", "child:read",
		"child:write", "child:unmask", "child:import", "child:export", "risk:override",
		"visit:settings", "report:file", "report:handle", "guard:read", "guard:write",
		"case:write", "psych:read", "psych:write", "case:settings",
	};
	for (int i = 0; i < PERM_COUNT; i++)
		if (perm == 1u << i)
			return names[i];
	return NULL;
}

int role_may_assign(const struct role *assigner, const struct role *target)
{
	if (!assigner || !target || !(assigner->perms & PERM_ROLE_ASSIGN))
		return 0;
	return target->kind != ROLE_KIND_ADMIN;
}
