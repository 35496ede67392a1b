/* timeutil.h: instants and China Standard Time. Instants are stored as UTC milliseconds since the
 * epoch; dates shown to users and dates that bound a query are calendar dates in Asia/Shanghai
 * (UTC+8 all year: China has had no daylight saving since 1991), whatever the server's zone. */
#ifndef SHOUHU_TIMEUTIL_H
#define SHOUHU_TIMEUTIL_H

#include <stdint.h>

#define CST_OFFSET_MS (8LL * 3600 * 1000)
#define DAY_MS (24LL * 3600 * 1000)

/* The current instant. Tests may fix it with clock_set_ms (0 returns to the real clock). */
int64_t clock_now_ms(void);
void clock_set_ms(int64_t ms);
/* TEST ONLY: shifts the real clock by ms (config key test_clock_offset_days), so that an HTTP
 * test can run the server or the sweep "some days later". */
void clock_set_offset_ms(int64_t ms);

/* Writes "YYYY-MM-DDTHH:MM:SS+08:00" for the instant into out (at least 26 bytes). */
void cst_format(int64_t ms, char out[32]);

/* Parses "YYYY-MM-DD" as a calendar date in CST and sets *start_ms to its first instant (UTC ms).
 * Returns 0, or -1 when the text is not a real date. */
int cst_parse_date(const char *s, int64_t *start_ms);

#endif
