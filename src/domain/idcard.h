/* idcard.h: resident identity numbers (GB 11643-1999): 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd = male), and a check character by ISO 7064 MOD 11-2 (weights
 * 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; sum mod 11 → "10X98765432"). Legacy 15-digit numbers
 * (6 + 6-digit date without century + 3) are accepted and upgraded. Pure: no I/O. */
#ifndef SHOUHU_IDCARD_H
#define SHOUHU_IDCARD_H

#include "domain/cdate.h"

enum idcard_error {
	IDCARD_OK = 0,
	IDCARD_LENGTH,      /* not 15 or 18 characters */
	IDCARD_CHARS,       /* not digits (last may be X) */
	IDCARD_REGION,      /* the address code's province does not exist */
	IDCARD_DATE,        /* no such date, or in the future, or before 1800 */
	IDCARD_CHECK,       /* the check character is wrong */
};

struct idcard {
	char number[19];    /* normalised: 18 characters, upper-case X */
	struct cdate birth;
	char sex;           /* 'M' or 'F' */
};

/* Checks and normalises s (spaces trimmed, x → X, 15 → 18 digits) as of `today` (for the
 * future-date check). Returns IDCARD_OK and fills out, or the first error found. */
enum idcard_error idcard_parse(const char *s, struct cdate today, struct idcard *out);
const char *idcard_error_text(enum idcard_error e);   /* Chinese, for the user */
char idcard_check_char(const char first17[17]);
/* "500241**********1X": first 6 and last 2 kept. */
void idcard_mask(const char number[19], char out[19]);

#endif
