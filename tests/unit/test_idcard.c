/* Unit tests for src/domain/idcard.c: GB 11643-1999 numbers — the standard's examples, each
 * kind of error, the 15-digit upgrade, normalisation and masking. Numbers other than the
 * standard's are made up, with check characters computed by the rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/idcard.h"

static const struct cdate today = { 2026, 1, 1 };

static void standard_examples(void **state)
{
	struct idcard id;
	assert_int_equal(idcard_parse("11010519491231002X", today, &id), IDCARD_OK);
	assert_string_equal(id.number, "11010519491231002X");
	assert_int_equal(id.birth.y, 1949);
	assert_int_equal(id.birth.m, 12);
	assert_int_equal(id.birth.d, 31);
	assert_int_equal(id.sex, 'F');   /* sequence 002: even */

	assert_int_equal(idcard_parse("440524188001010014", today, &id), IDCARD_OK);
	assert_int_equal(id.birth.y, 1880);   /* before 1900: the standard's own example */
	assert_int_equal(id.birth.m, 1);
	assert_int_equal(id.birth.d, 1);
	assert_int_equal(id.sex, 'M');   /* sequence 001: odd */
}

static void check_char_rule(void **state)
{
	assert_int_equal(idcard_check_char("11010519491231002"), 'X');
	assert_int_equal(idcard_check_char("44052418800101001"), '4');
	assert_int_equal(idcard_check_char("83000019900101001"), '2');
	assert_int_equal(idcard_check_char("50024120260101123"), '4');
}

static void wrong_check_char(void **state)
{
	struct idcard id = { "unchanged", { 0, 0, 0 }, '?' };
	assert_int_equal(idcard_parse("110105194912310021", today, &id), IDCARD_CHECK);
	assert_int_equal(idcard_parse("440524188001010015", today, &id), IDCARD_CHECK);
	assert_int_equal(idcard_parse("44052418800101001X", today, &id), IDCARD_CHECK);
	assert_string_equal(id.number, "unchanged");   /* out is filled only on success */
}

static void lower_case_x_and_spaces(void **state)
{
	struct idcard id;
	assert_int_equal(idcard_parse("11010519491231002x", today, &id), IDCARD_OK);
	assert_string_equal(id.number, "11010519491231002X");
	assert_int_equal(idcard_parse("  11010519491231002X\t\n", today, &id), IDCARD_OK);
	assert_string_equal(id.number, "11010519491231002X");
	/* U+3000, the full-width space of Chinese input methods */
	assert_int_equal(idcard_parse("\xe3\x80\x80" "440524188001010014\xe3\x80\x80", today, &id),
			 IDCARD_OK);
	assert_string_equal(id.number, "440524188001010014");
	/* spaces inside are not trimmed */
	assert_int_equal(idcard_parse("110105 19491231002X", today, &id), IDCARD_LENGTH);
}

static void dates(void **state)
{
	struct idcard id;
	assert_int_equal(idcard_parse("500241201002301235", today, &id), IDCARD_DATE);  /* 30 Feb */
	assert_int_equal(idcard_parse("500241201004311234", today, &id), IDCARD_DATE);  /* 31 Apr */
	assert_int_equal(idcard_parse("500241201002291233", today, &id), IDCARD_DATE);  /* 2010 */
	assert_int_equal(idcard_parse("500241200802291237", today, &id), IDCARD_OK);    /* 2008 */
	assert_int_equal(id.birth.d, 29);
	assert_int_equal(idcard_parse("500241202601011234", today, &id), IDCARD_OK);    /* today */
	assert_int_equal(idcard_parse("50024120260102123X", today, &id), IDCARD_DATE);  /* future */
	assert_int_equal(idcard_parse("500241209901011238", today, &id), IDCARD_DATE);
	/* an unset today skips only the future check */
	struct cdate unset = { 0, 0, 0 };
	assert_int_equal(idcard_parse("50024120260102123X", unset, &id), IDCARD_OK);
	assert_int_equal(idcard_parse("500241201002301235", unset, &id), IDCARD_DATE);
	/* 1800 is the earliest year */
	assert_int_equal(idcard_parse("500241180001010014", today, &id), IDCARD_OK);
	assert_int_equal(idcard_parse("50024117991231001X", today, &id), IDCARD_DATE);
}

static void provinces(void **state)
{
	struct idcard id;
	assert_int_equal(idcard_parse("99024120100115123X", today, &id), IDCARD_REGION);
	assert_int_equal(idcard_parse("000241201001151230", today, &id), IDCARD_REGION);
	assert_int_equal(idcard_parse("160241201001151230", today, &id), IDCARD_REGION);
	assert_int_equal(idcard_parse("990241491231002", today, &id), IDCARD_REGION);
	/* residence permits of Taiwan residents */
	assert_int_equal(idcard_parse("830000199001010012", today, &id), IDCARD_OK);
	/* the region is checked before the check character */
	assert_int_equal(idcard_parse("990241201001151231", today, &id), IDCARD_REGION);
}

static void legacy_15_digits(void **state)
{
	struct idcard id;
	assert_int_equal(idcard_parse("110105491231002", today, &id), IDCARD_OK);
	assert_string_equal(id.number, "11010519491231002X");
	assert_int_equal(id.birth.y, 1949);
	assert_int_equal(id.sex, 'F');
	assert_int_equal(idcard_parse(" 440524800101001 ", today, &id), IDCARD_OK);
	assert_string_equal(id.number, "440524198001010013");
	assert_int_equal(id.sex, 'M');
	assert_int_equal(idcard_parse("110105490230002", today, &id), IDCARD_DATE);
	assert_int_equal(idcard_parse("11010549123100X", today, &id), IDCARD_CHARS);
}

static void length_and_characters(void **state)
{
	struct idcard id;
	assert_int_equal(idcard_parse(NULL, today, &id), IDCARD_LENGTH);
	assert_int_equal(idcard_parse("", today, &id), IDCARD_LENGTH);
	assert_int_equal(idcard_parse("   ", today, &id), IDCARD_LENGTH);
	assert_int_equal(idcard_parse("11010519491231002", today, &id), IDCARD_LENGTH);
	assert_int_equal(idcard_parse("11010519491231002X0", today, &id), IDCARD_LENGTH);
	assert_int_equal(idcard_parse("1101054912310020", today, &id), IDCARD_LENGTH);
	assert_int_equal(idcard_parse("11010519491231002A", today, &id), IDCARD_CHARS);
	assert_int_equal(idcard_parse("1101051949123100X2", today, &id), IDCARD_CHARS);
	assert_int_equal(idcard_parse("１１０１０５４９１２３１００２", today, &id), IDCARD_LENGTH);
	/* checking without keeping the result */
	assert_int_equal(idcard_parse("11010519491231002X", today, NULL), IDCARD_OK);
}

static void error_texts(void **state)
{
	assert_string_equal(idcard_error_text(IDCARD_LENGTH), "身份证号码应为18位（或15位旧号码）");
	assert_string_equal(idcard_error_text(IDCARD_CHECK), "身份证号码校验位不正确");
	enum idcard_error all[] = { IDCARD_OK, IDCARD_LENGTH, IDCARD_CHARS, IDCARD_REGION,
				    IDCARD_DATE, IDCARD_CHECK };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		assert_true(strlen(idcard_error_text(all[i])) > 0);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(idcard_error_text(all[i]),
						idcard_error_text(all[j]));
	}
	assert_true(strstr(idcard_error_text(IDCARD_DATE), "出生日期") != NULL);
	assert_true(strlen(idcard_error_text((enum idcard_error)99)) > 0);
}

static void masking(void **state)
{
	char m[19];
	idcard_mask("50024120120308111X", m);
	assert_string_equal(m, "500241**********1X");
	idcard_mask("440524188001010014", m);
	assert_string_equal(m, "440524**********14");
	/* not an 18-character number (the parameter is a full 19-byte buffer) */
	char short_number[19] = "12345";
	idcard_mask(short_number, m);
	assert_string_equal(m, "*****");
	char fifteen[19] = "110105491231002";
	idcard_mask(fifteen, m);
	assert_string_equal(m, "110105*******02");
	char empty[19] = "";
	idcard_mask(empty, m);
	assert_string_equal(m, "");
	idcard_mask(NULL, m);
	assert_string_equal(m, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(standard_examples),
		cmocka_unit_test(check_char_rule),
		cmocka_unit_test(wrong_check_char),
		cmocka_unit_test(lower_case_x_and_spaces),
		cmocka_unit_test(dates),
		cmocka_unit_test(provinces),
		cmocka_unit_test(legacy_15_digits),
		cmocka_unit_test(length_and_characters),
		cmocka_unit_test(error_texts),
		cmocka_unit_test(masking),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
