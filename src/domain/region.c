/* region.c: division code arithmetic (see region.h). */
#include "domain/region.h"

#include <stdio.h>
#include <string.h>

/* Digits below each level: a province keeps 2 of 12 digits, so 10 are below it. */
static const int64_t below[6] = { 0, 10000000000LL, 100000000LL, 1000000LL, 1000LL, 1LL };

int region_level(int64_t code)
{
	if (code <= 0 || code > REGION_CODE_MAX || code / below[1] == 0)
		return 0;
	int level = REGION_VILLAGE;
	for (int l = REGION_PROVINCE; l <= REGION_TOWN; l++) {
		if (code % below[l] == 0) {
			level = l;
			break;
		}
	}
	/* every part above the level must be non-zero: 500000001000 is no town */
	for (int l = REGION_CITY; l <= level; l++) {
		int64_t part = (code % below[l - 1]) / below[l];
		if (part == 0)
			return 0;
	}
	return level;
}

int region_parse(const char *s, int64_t *code)
{
	size_t n = s ? strlen(s) : 0;
	if (n != 2 && n != 4 && n != 6 && n != 9 && n != 12)
		return -1;
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	for (size_t i = n; i < 12; i++)
		v *= 10;
	if (!region_level(v))
		return -1;
	*code = v;
	return 0;
}

void region_format(int64_t code, char out[13])
{
	snprintf(out, 13, "%012lld", (long long)code);
}

int64_t region_parent(int64_t code)
{
	int level = region_level(code);
	if (level <= REGION_PROVINCE)
		return 0;
	return code / below[level - 1] * below[level - 1];
}

void region_range(int64_t code, int64_t *lo, int64_t *hi)
{
	int level = region_level(code);
	int64_t span = level ? below[level] : 1;
	*lo = code;
	*hi = code + span - 1;
}

int region_contains(int64_t ancestor, int64_t code)
{
	int64_t lo, hi;
	region_range(ancestor, &lo, &hi);
	return code >= lo && code <= hi;
}

const char *region_level_name(int level)
{
	static const char *const names[] = { "", "省", "市", "县", "乡镇", "村(社区)" };
	return level >= 1 && level <= 5 ? names[level] : "";
}
