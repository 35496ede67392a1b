/* auth_rules.h: the rules of authentication, as pure functions of their inputs and the time
 * (R2; GB/T 22239-2019 level 3 and OWASP ASVS level 2 practice). No I/O. */
#ifndef SHOUHU_AUTH_RULES_H
#define SHOUHU_AUTH_RULES_H

#include <stdint.h>

#define PASSWORD_MIN_CHARS 8
#define PASSWORD_MAX_BYTES 128

/* Complexity: at least 8 characters (UTF-8 code points) from at least 3 of the 4 classes upper
 * case, lower case, digits, symbols (anything else, including Chinese characters, is a symbol);
 * at most 128 bytes. Returns NULL when acceptable, else a Chinese reason. */
const char *password_rule_check(const char *pw);

struct lock_policy {
	int failures;          /* consecutive failures that lock */
	int64_t lock_ms;       /* how long */
};

struct lock_state {
	int failures;
	int64_t locked_until;  /* UTC ms; 0 = not locked */
};

int lock_is_locked(const struct lock_state *s, int64_t now);
/* Minutes left, rounded up, for the message. */
int lock_minutes_left(const struct lock_state *s, int64_t now);
/* After a failed attempt: counts it and locks when the policy says so. */
void lock_on_failure(struct lock_state *s, const struct lock_policy *p, int64_t now);

struct session_policy {
	int64_t idle_ms, max_ms;
};

/* A session ends when idle too long or older than the absolute maximum. */
int session_is_expired(int64_t created, int64_t last_seen, const struct session_policy *p,
		       int64_t now);

/* The password must be changed when the account was told so or it is older than max_age_days. */
int password_change_due(int must_change, int64_t changed_at, int max_age_days, int64_t now);

#endif
