/* timeutil.c: clock and CST conversions (see timeutil.h). */
#include "common/timeutil.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static _Atomic int64_t fixed_ms, offset_ms;

int64_t clock_now_ms(void)
{
	int64_t f = atomic_load(&fixed_ms);
	if (f)
		return f;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + atomic_load(&offset_ms);
}

void clock_set_ms(int64_t ms)
{
	atomic_store(&fixed_ms, ms);
}

void clock_set_offset_ms(int64_t ms)
{
	atomic_store(&offset_ms, ms);
}

void cst_format(int64_t ms, char out[32])
{
	time_t t = (time_t)((ms + CST_OFFSET_MS) / 1000);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
}

int cst_parse_date(const char *s, int64_t *start_ms)
{
	int y, m, d;
	char tail;
	if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return -1;
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d };
	time_t t = timegm(&tm);
	struct tm back;
	gmtime_r(&t, &back);
	if (back.tm_mday != d || back.tm_mon != m - 1)
		return -1;   /* 2026-02-30 and the like */
	*start_ms = (int64_t)t * 1000 - CST_OFFSET_MS;
	return 0;
}
