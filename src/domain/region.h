/* region.h: 12-digit statistical division codes (统计用区划代码): 2 digits province, 2 city,
 * 2 county, 3 town, 3 village (R1). A code is held as a 64-bit integer; the subtree of a node is
 * the contiguous range [lo, hi] of codes sharing its prefix, so data-scope filters are index
 * range scans on both databases (a LIKE 'prefix%' would not use a plain index). Pure: no I/O. */
#ifndef SHOUHU_REGION_H
#define SHOUHU_REGION_H

#include <stdint.h>

enum region_level {
	REGION_PROVINCE = 1, REGION_CITY, REGION_COUNTY, REGION_TOWN, REGION_VILLAGE,
};

#define REGION_CODE_MAX 999999999999LL

/* Parses exactly 12 digits, or a 2/4/6/9-digit prefix padded with zeros ("500241" → 500241000000).
 * Returns 0, or -1 when s is not a code of a real level (zero province, a town part of 000 under
 * a village part, ...). */
int region_parse(const char *s, int64_t *code);
void region_format(int64_t code, char out[13]);
int region_level(int64_t code);                 /* 1..5, or 0 when not a valid code */
int64_t region_parent(int64_t code);            /* 0 for a province */
/* The subtree of code, itself included. */
void region_range(int64_t code, int64_t *lo, int64_t *hi);
int region_contains(int64_t ancestor, int64_t code);
const char *region_level_name(int level);       /* 省 市 县 乡镇 村(社区) */

#endif
