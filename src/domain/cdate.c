/* cdate.c: calendar dates as the policies count them (see cdate.h). Day arithmetic goes through
 * a day number (days since 1970-01-01, proleptic Gregorian; H. Hinnant's civil algorithms), so
 * there is no time_t, no time zone database and no locale. A date that is not valid (or the
 * no-date 0/0/0) never yields a valid date from arithmetic: the result is 0/0/0, so a missing
 * "since" can never satisfy "since + 6 months <= on" by accident. */
#include "domain/cdate.h"

#include <stddef.h>

#define YEAR_MIN 1
#define YEAR_MAX 9999
#define MS_PER_DAY 86400000LL
/* China Standard Time is UTC+8 all year; China has not observed daylight saving since 1991. */
#define CST_OFFSET_MS (8LL * 3600 * 1000)

static const struct cdate no_date = { 0, 0, 0 };

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

int cdate_valid(struct cdate d)
{
	return d.y >= YEAR_MIN && d.y <= YEAR_MAX && d.m >= 1 && d.m <= 12 && d.d >= 1
	       && d.d <= days_in_month(d.y, d.m);
}

int cdate_is_set(struct cdate d)
{
	return d.y != 0 || d.m != 0 || d.d != 0;
}

int cdate_cmp(struct cdate a, struct cdate b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

/* Days since 1970-01-01 of a valid date. */
static int64_t day_number(struct cdate d)
{
	int64_t y = d.y - (d.m <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The date of a day number; 0/0/0 outside years 1..9999. */
static struct cdate from_day_number(int64_t z)
{
	/* beyond these the year is out of range anyway; the bound keeps the arithmetic in int64 */
	if (z < -800000 || z > 3000000)
		return no_date;
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t day = doy - (153 * mp + 2) / 5 + 1;
	int64_t month = mp < 10 ? mp + 3 : mp - 9;
	int64_t year = yoe + era * 400 + (month <= 2);
	if (year < YEAR_MIN || year > YEAR_MAX)
		return no_date;
	struct cdate r = { (int)year, (int)month, (int)day };
	return r;
}

int cdate_parse(const char *s, struct cdate *out)
{
	if (s == NULL)
		return -1;
	int v[3] = { 0, 0, 0 };
	static const int width[3] = { 4, 2, 2 };
	const char *p = s;
	for (int f = 0; f < 3; f++) {
		if (f > 0 && *p++ != '-')
			return -1;
		for (int i = 0; i < width[f]; i++, p++) {
			if (*p < '0' || *p > '9')
				return -1;
			v[f] = v[f] * 10 + (*p - '0');
		}
	}
	if (*p != '\0')
		return -1;
	struct cdate d = { v[0], v[1], v[2] };
	if (!cdate_valid(d))
		return -1;
	*out = d;
	return 0;
}

static void put_digits(char *p, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* An invalid date (and the no-date) formats as "", so nothing half-formed reaches a user. */
void cdate_format(struct cdate d, char out[11])
{
	if (!cdate_valid(d)) {
		out[0] = '\0';
		return;
	}
	put_digits(out, d.y, 4);
	out[4] = '-';
	put_digits(out + 5, d.m, 2);
	out[7] = '-';
	put_digits(out + 8, d.d, 2);
	out[10] = '\0';
}

struct cdate cdate_add_months(struct cdate d, int months)
{
	if (!cdate_valid(d))
		return no_date;
	int64_t idx = (int64_t)d.y * 12 + (d.m - 1) + months;
	if (idx < (int64_t)YEAR_MIN * 12 || idx > (int64_t)YEAR_MAX * 12 + 11)
		return no_date;
	struct cdate r = { (int)(idx / 12), (int)(idx % 12) + 1, d.d };
	/* 31 August + 6 months is the last day of February: the policy's "6 months" ends with the
	 * month, it does not spill into March */
	int last = days_in_month(r.y, r.m);
	if (r.d > last)
		r.d = last;
	return r;
}

struct cdate cdate_add_days(struct cdate d, int days)
{
	if (!cdate_valid(d))
		return no_date;
	return from_day_number(day_number(d) + days);
}

/* A 29 February birth reaches its age on 1 March of a common year, not on 28 February (which
 * cdate_add_months would give): the full years are lived only once February is over. No policy
 * in R3 settles the case; 1 March is the later of the two readings, so protection that ends at
 * 16 or 18 never ends a day early. */
struct cdate cdate_birthday(struct cdate birth, int years)
{
	if (!cdate_valid(birth))
		return no_date;
	int64_t y = (int64_t)birth.y + years;
	if (y < YEAR_MIN || y > YEAR_MAX)
		return no_date;
	struct cdate r = { (int)y, birth.m, birth.d };
	if (r.m == 2 && r.d == 29 && !is_leap(r.y)) {
		r.m = 3;
		r.d = 1;
	}
	return r;
}

/* -1 when either date is not valid or on is before birth: there is no age to give. */
int cdate_age(struct cdate birth, struct cdate on)
{
	if (!cdate_valid(birth) || !cdate_valid(on) || cdate_cmp(on, birth) < 0)
		return -1;
	int years = on.y - birth.y;
	if (cdate_cmp(on, cdate_birthday(birth, years)) < 0)
		years--;
	return years;
}

/* 0 when either date is not valid. */
int cdate_days_between(struct cdate a, struct cdate b)
{
	if (!cdate_valid(a) || !cdate_valid(b))
		return 0;
	return (int)(day_number(b) - day_number(a));
}

struct cdate cdate_from_ms(int64_t utc_ms)
{
	/* floor division, so an instant before 1970 still lands on the right day */
	int64_t days = utc_ms / MS_PER_DAY;
	int64_t rem = utc_ms % MS_PER_DAY;
	if (rem < 0) {
		rem += MS_PER_DAY;
		days--;
	}
	if (rem + CST_OFFSET_MS >= MS_PER_DAY)
		days++;
	return from_day_number(days);
}
