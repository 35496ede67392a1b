/* roles.h: roles and their permissions (R2). The three administrator roles follow the separation
 * of duties of GB/T 22239-2019 level 3 (三员分立): the system administrator manages accounts and
 * organisations, the security administrator assigns roles and sets security policy, the audit
 * administrator alone reads the audit trail. No role holds the permissions of another admin
 * role, and no business role holds any of theirs. Pure: no I/O. */
#ifndef SHOUHU_ROLES_H
#define SHOUHU_ROLES_H

#include <stdint.h>

enum perm {
	PERM_USER_READ = 1u << 0,
	PERM_USER_MANAGE = 1u << 1,      /* create accounts, edit, disable, reset passwords */
	PERM_ORG_READ = 1u << 2,
	PERM_ORG_MANAGE = 1u << 3,
	PERM_ROLE_ASSIGN = 1u << 4,      /* business roles and data scope */
	PERM_USER_UNLOCK = 1u << 5,
	PERM_SECURITY_SETTINGS = 1u << 6,
	PERM_AUDIT_READ = 1u << 7,
	PERM_REGION_READ = 1u << 8,
	PERM_CHILD_READ = 1u << 9,       /* within scope; schools their pupils, volunteers paired */
	PERM_CHILD_WRITE = 1u << 10,
	PERM_CHILD_UNMASK = 1u << 11,    /* full ID and phone numbers, each view audited */
	PERM_CHILD_IMPORT = 1u << 12,
	PERM_CHILD_EXPORT = 1u << 13,
	PERM_RISK_OVERRIDE = 1u << 14,   /* override a child's risk level with a reason and expiry */
	PERM_VISIT_SETTINGS = 1u << 15,  /* the county's visit intervals and warning settings */
	/* issue 5: protection */
	PERM_REPORT_FILE = 1u << 16,     /* file a mandatory report (强制报告); see its status */
	PERM_REPORT_HANDLE = 1u << 17,   /* handle reports routed to one's department (police,
					  * education: a dept user of that org type; civil affairs) */
	PERM_GUARD_READ = 1u << 18,      /* guardianship assessments, entrusted care, family
					  * education, interventions, placements of children in scope */
	PERM_GUARD_WRITE = 1u << 19,     /* assessments, care agreements, family-education sessions */
	PERM_CASE_WRITE = 1u << 20,      /* interventions ledger, placements (civil affairs) */
	PERM_PSYCH_READ = 1u << 21,      /* psychological screenings and referrals */
	PERM_PSYCH_WRITE = 1u << 22,
	PERM_CASE_SETTINGS = 1u << 23,   /* the county's report deadlines and assessment settings */
	PERM_COUNT = 24,
};

enum role_kind { ROLE_KIND_NONE, ROLE_KIND_ADMIN, ROLE_KIND_BUSINESS };

struct role {
	const char *code;
	const char *name;       /* Chinese, shown to users */
	enum role_kind kind;
	int needs_org;          /* school and department users belong to an organisation */
	uint32_t perms;
};

const struct role *role_find(const char *code);   /* NULL when unknown */
const struct role *role_at(int i);                /* iterate from 0 until NULL */
const char *perm_name(uint32_t perm);             /* "user:read" ... for one bit */
/* May an account holding `assigner` give `target` to someone? Only the security administrator
 * assigns, and only business roles (or none, to withdraw a role). */
int role_may_assign(const struct role *assigner, const struct role *target);

#endif
