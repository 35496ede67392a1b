/* Unit tests for src/domain/roles.c: the separation of duties holds in the role table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/roles.h"

static const uint32_t admin_duties[] = {
	PERM_USER_MANAGE | PERM_ORG_MANAGE,                                /* system */
	PERM_ROLE_ASSIGN | PERM_USER_UNLOCK | PERM_SECURITY_SETTINGS,      /* security */
	PERM_AUDIT_READ,                                                   /* audit */
};
static const char *const admins[] = { "sysadmin", "secadmin", "auditor" };

static void each_admin_holds_only_its_duty(void **state)
{
	for (int i = 0; i < 3; i++) {
		const struct role *r = role_find(admins[i]);
		assert_non_null(r);
		assert_int_equal(r->kind, ROLE_KIND_ADMIN);
		for (int j = 0; j < 3; j++) {
			uint32_t held = r->perms & admin_duties[j];
			if (i == j)
				assert_int_equal(held, admin_duties[j]);
			else
				assert_int_equal(held, 0);
		}
	}
}

static void business_roles_hold_no_admin_duty(void **state)
{
	uint32_t any = admin_duties[0] | admin_duties[1] | admin_duties[2] | PERM_USER_READ;
	for (int i = 0; role_at(i); i++) {
		const struct role *r = role_at(i);
		if (r->kind != ROLE_KIND_ADMIN)
			assert_int_equal(r->perms & any, 0);
	}
}

static void only_security_admin_assigns_and_only_business_roles(void **state)
{
	const struct role *sec = role_find("secadmin"), *sys = role_find("sysadmin");
	assert_true(role_may_assign(sec, role_find("director")));
	assert_true(role_may_assign(sec, role_find("none")));
	assert_false(role_may_assign(sec, role_find("sysadmin")));
	assert_false(role_may_assign(sec, role_find("auditor")));
	assert_false(role_may_assign(sec, sec));
	assert_false(role_may_assign(sys, role_find("director")));
	assert_false(role_may_assign(role_find("county"), role_find("director")));
}

static void names_and_lookup(void **state)
{
	assert_string_equal(role_find("director")->name, "儿童主任");
	assert_null(role_find("root"));
	assert_null(role_find(NULL));
	assert_string_equal(perm_name(PERM_AUDIT_READ), "audit:read");
	assert_null(perm_name(3));
	assert_true(role_find("school")->needs_org);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_admin_holds_only_its_duty),
		cmocka_unit_test(business_roles_hold_no_admin_duty),
		cmocka_unit_test(only_security_admin_assigns_and_only_business_roles),
		cmocka_unit_test(names_and_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
