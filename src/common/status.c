/* status.c: error detail helpers. */
#include "common/status.h"

#include <stdarg.h>
#include <stdio.h>

int err_set(struct err *e, int status, const char *field, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		e->status = status;
		e->field = field;
		va_start(ap, fmt);
		vsnprintf(e->message, sizeof e->message, fmt, ap);
		va_end(ap);
	}
	return status;
}

const char *status_name(int status)
{
	static const char *const names[] = {
		"ok", "invalid", "bad_json", "not_found", "forbidden", "conflict", "unauthenticated",
		"bad_credentials", "account_locked", "csrf", "password_change_required", "too_large",
		"method_not_allowed", "internal", "db", "duplicate",
	};
	if (status < 0 || status >= (int)(sizeof names / sizeof names[0]))
		return "unknown";
	return names[status];
}
