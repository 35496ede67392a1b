/* cdate.h: calendar dates (a day in China Standard Time, no time of day), as the policy counts
 * them: ages exact to the birthday, "6 months away" by the calendar. Pure: no I/O. */
#ifndef SHOUHU_CDATE_H
#define SHOUHU_CDATE_H

#include <stdint.h>

struct cdate {
	int y, m, d;   /* 0/0/0 = no date */
};

int cdate_parse(const char *s, struct cdate *out);   /* "YYYY-MM-DD", a real date; 0 or -1 */
void cdate_format(struct cdate d, char out[11]);
int cdate_valid(struct cdate d);
int cdate_is_set(struct cdate d);
int cdate_cmp(struct cdate a, struct cdate b);        /* <0, 0, >0 */
/* Adds months; a day that does not exist in the target month becomes that month's last day
 * (2026-08-31 + 6 months = 2027-02-28). */
struct cdate cdate_add_months(struct cdate d, int months);
struct cdate cdate_add_days(struct cdate d, int days);
/* Whole years from birth to on: the age on that day, exact to the birthday. A child born on
 * 29 February has its birthday on 1 March in common years. */
int cdate_age(struct cdate birth, struct cdate on);
/* The day the person born on `birth` reaches `years`. */
struct cdate cdate_birthday(struct cdate birth, int years);
int cdate_days_between(struct cdate a, struct cdate b);   /* b - a in days */
/* Today in CST from a UTC instant in milliseconds. */
struct cdate cdate_from_ms(int64_t utc_ms);

#endif
