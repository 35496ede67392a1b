/* Unit tests for src/domain/region.c: division codes, levels, parents, subtree ranges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/region.h"

static void parse_pads_prefixes(void **state)
{
	int64_t c;
	assert_int_equal(region_parse("500241", &c), 0);
	assert_true(c == 500241000000LL);
	assert_int_equal(region_parse("500241103204", &c), 0);
	assert_true(c == 500241103204LL);
	assert_int_equal(region_parse("50", &c), 0);
	assert_true(c == 500000000000LL);
}

static void parse_rejects_bad_codes(void **state)
{
	int64_t c;
	assert_int_equal(region_parse("5002411", &c), -1);       /* 7 digits: no level */
	assert_int_equal(region_parse("50024110320x", &c), -1);
	assert_int_equal(region_parse("", &c), -1);
	assert_int_equal(region_parse(NULL, &c), -1);
	assert_int_equal(region_parse("000000000000", &c), -1);
	assert_int_equal(region_parse("500000001000", &c), -1);  /* a town under no county */
	assert_int_equal(region_parse("500241000204", &c), -1);  /* a village under no town */
}

static void levels(void **state)
{
	assert_int_equal(region_level(500000000000LL), REGION_PROVINCE);
	assert_int_equal(region_level(500200000000LL), REGION_CITY);
	assert_int_equal(region_level(500241000000LL), REGION_COUNTY);
	assert_int_equal(region_level(500241103000LL), REGION_TOWN);
	assert_int_equal(region_level(500241103204LL), REGION_VILLAGE);
	assert_int_equal(region_level(0), 0);
	assert_int_equal(region_level(1000000000000LL), 0);
}

static void parents(void **state)
{
	assert_true(region_parent(500241103204LL) == 500241103000LL);
	assert_true(region_parent(500241103000LL) == 500241000000LL);
	assert_true(region_parent(500241000000LL) == 500200000000LL);
	assert_true(region_parent(500200000000LL) == 500000000000LL);
	assert_true(region_parent(500000000000LL) == 0);
}

static void subtree_ranges(void **state)
{
	int64_t lo, hi;
	region_range(500241000000LL, &lo, &hi);
	assert_true(lo == 500241000000LL && hi == 500241999999LL);
	region_range(500241103000LL, &lo, &hi);
	assert_true(lo == 500241103000LL && hi == 500241103999LL);
	region_range(500241103204LL, &lo, &hi);
	assert_true(lo == hi && lo == 500241103204LL);
	assert_true(region_contains(500241000000LL, 500241103204LL));
	assert_false(region_contains(500241103000LL, 500241001001LL));  /* another town */
	assert_false(region_contains(500241000000LL, 500242000000LL));  /* the next county */
}

static void formatting(void **state)
{
	char s[13];
	region_format(500241000000LL, s);
	assert_string_equal(s, "500241000000");
	assert_string_equal(region_level_name(REGION_TOWN), "乡镇");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_pads_prefixes), cmocka_unit_test(parse_rejects_bad_codes),
		cmocka_unit_test(levels), cmocka_unit_test(parents),
		cmocka_unit_test(subtree_ranges), cmocka_unit_test(formatting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
