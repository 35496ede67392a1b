/* auth_rules.c: authentication rules (see auth_rules.h). */
#include "domain/auth_rules.h"

#include <string.h>

const char *password_rule_check(const char *pw)
{
	size_t bytes = strlen(pw);
	if (bytes > PASSWORD_MAX_BYTES)
		return "密码过长，最多128个字节";
	int chars = 0, upper = 0, lower = 0, digit = 0, symbol = 0;
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
		if ((*p & 0xC0) != 0x80)
			chars++;   /* count code points, not continuation bytes */
		if (*p >= 'A' && *p <= 'Z')
			upper = 1;
		else if (*p >= 'a' && *p <= 'z')
			lower = 1;
		else if (*p >= '0' && *p <= '9')
			digit = 1;
		else
			symbol = 1;
	}
	if (chars < PASSWORD_MIN_CHARS || upper + lower + digit + symbol < 3)
		return "密码至少8位，且须包含大写字母、小写字母、数字、符号中的至少三类";
	return NULL;
}

int lock_is_locked(const struct lock_state *s, int64_t now)
{
	return s->locked_until > now;
}

int lock_minutes_left(const struct lock_state *s, int64_t now)
{
	if (!lock_is_locked(s, now))
		return 0;
	return (int)((s->locked_until - now + 59999) / 60000);
}

void lock_on_failure(struct lock_state *s, const struct lock_policy *p, int64_t now)
{
	if (s->locked_until && s->locked_until <= now) {
		/* a lock that ran out starts a fresh count */
		s->failures = 0;
		s->locked_until = 0;
	}
	s->failures++;
	if (s->failures >= p->failures)
		s->locked_until = now + p->lock_ms;
}

int session_is_expired(int64_t created, int64_t last_seen, const struct session_policy *p,
		       int64_t now)
{
	return now - last_seen >= p->idle_ms || now - created >= p->max_ms;
}

int password_change_due(int must_change, int64_t changed_at, int max_age_days, int64_t now)
{
	return must_change || now - changed_at >= (int64_t)max_age_days * 24 * 3600 * 1000;
}
