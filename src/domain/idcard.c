/* idcard.c: checking, normalising and masking resident identity numbers (GB 11643-1999, see
 * idcard.h). Every number that enters the system passes idcard_parse, so the store holds one
 * spelling (18 characters, upper-case X) and lookups by number need no case folding. */
#include "domain/idcard.h"

#include <stddef.h>
#include <string.h>

/* GB 11643-1999, check code (ISO 7064 MOD 11-2): weight of position i is 2^(17-i) mod 11. */
static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char check_chars[12] = "10X98765432";

/* The earliest birth year accepted. GB 11643-1999 itself gives 440524188001010014 (born 1880) as
 * a worked example, so 1800 rather than 1900 keeps the standard's examples valid; no child or
 * parent in the register is older than that. */
#define BIRTH_YEAR_MIN 1800

char idcard_check_char(const char first17[17])
{
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (first17[i] - '0') * weights[i];
	return check_chars[sum % 11];
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Province-level codes of GB/T 2260 (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71 Taiwan,
 * 81 Hong Kong, 82 Macao), plus 83: residence permits for Taiwan residents carry identity numbers
 * of this form with address code 830000 (国办发〔2018〕81号《港澳台居民居住证申领发放办法》).
 * Only the province is checked: city and county codes change with every redivision and old
 * numbers keep the codes of their day, so a finer check would reject real people. */
static int province_exists(int p)
{
	return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37)
	       || (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p == 71
	       || p == 81 || p == 82 || p == 83;
}

static int is_space_at(const char *p, const char *end, size_t *n)
{
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
		*n = 1;
		return 1;
	}
	/* U+3000 IDEOGRAPHIC SPACE: typed by Chinese input methods in full-width mode */
	if (end - p >= 3 && (unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80
	    && (unsigned char)p[2] == 0x80) {
		*n = 3;
		return 1;
	}
	return 0;
}

static int is_space_before(const char *begin, const char *p, size_t *n)
{
	if (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\r' || p[-1] == '\n') {
		*n = 1;
		return 1;
	}
	if (p - begin >= 3 && (unsigned char)p[-3] == 0xE3 && (unsigned char)p[-2] == 0x80
	    && (unsigned char)p[-1] == 0x80) {
		*n = 3;
		return 1;
	}
	return 0;
}

static int digits_value(const char *p, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

enum idcard_error idcard_parse(const char *s, struct cdate today, struct idcard *out)
{
	if (s == NULL)
		return IDCARD_LENGTH;
	const char *b = s, *e = s + strlen(s);
	size_t n;
	while (b < e && is_space_at(b, e, &n))
		b += n;
	while (e > b && is_space_before(b, e, &n))
		e -= n;
	size_t len = (size_t)(e - b);
	if (len != 15 && len != 18)
		return IDCARD_LENGTH;

	for (size_t i = 0; i < len; i++) {
		if (is_digit(b[i]))
			continue;
		if (len == 18 && i == 17 && (b[i] == 'X' || b[i] == 'x'))
			continue;
		return IDCARD_CHARS;
	}

	struct idcard id;
	if (len == 18) {
		memcpy(id.number, b, 18);
		if (id.number[17] == 'x')
			id.number[17] = 'X';
	} else {
		/* the 15-digit numbers issued before GB 11643-1999 have a 2-digit year of the
		 * 1900s; the 18-digit form inserts the century and appends the check character */
		memcpy(id.number, b, 6);
		memcpy(id.number + 6, "19", 2);
		memcpy(id.number + 8, b + 6, 9);
		id.number[17] = idcard_check_char(id.number);
	}
	id.number[18] = '\0';

	if (!province_exists(digits_value(id.number, 2)))
		return IDCARD_REGION;

	struct cdate birth = { digits_value(id.number + 6, 4), digits_value(id.number + 10, 2),
			       digits_value(id.number + 12, 2) };
	if (!cdate_valid(birth) || birth.y < BIRTH_YEAR_MIN)
		return IDCARD_DATE;
	/* an unset today (0/0/0) skips only the future check; the date must still exist */
	if (cdate_is_set(today) && cdate_cmp(birth, today) > 0)
		return IDCARD_DATE;

	if (len == 18 && id.number[17] != idcard_check_char(id.number))
		return IDCARD_CHECK;

	id.birth = birth;
	/* GB 11643-1999, sequence code: it is odd for men, even for women */
	id.sex = (id.number[16] - '0') % 2 ? 'M' : 'F';
	if (out != NULL)
		*out = id;
	return IDCARD_OK;
}

const char *idcard_error_text(enum idcard_error e)
{
	switch (e) {
	case IDCARD_OK:
		return "身份证号码有效";
	case IDCARD_LENGTH:
		return "身份证号码应为18位（或15位旧号码）";
	case IDCARD_CHARS:
		return "身份证号码只能由数字组成，最后一位可以是X";
	case IDCARD_REGION:
		return "身份证号码前两位不是有效的省级行政区划代码";
	case IDCARD_DATE:
		return "身份证号码中的出生日期不存在（或晚于今天、早于1800年）";
	case IDCARD_CHECK:
		return "身份证号码校验位不正确";
	}
	return "身份证号码无效";
}

/* Keeps the address code (which only says where the number was issued) and the last two
 * characters (enough for a person to recognise their own number); the birth date and sequence
 * are hidden (R14, 个人信息保护法 Art. 51 去标识化). Anything that is not 18 characters is
 * masked with the same rule when it is longer than 8 characters, and wholly otherwise. */
void idcard_mask(const char number[19], char out[19])
{
	size_t len = number != NULL ? strnlen(number, 18) : 0;
	for (size_t i = 0; i < len; i++)
		out[i] = len > 8 && (i < 6 || i >= len - 2) ? number[i] : '*';
	out[len] = '\0';
}
