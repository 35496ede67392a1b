/* log.c: timestamped log lines (UTC instants, as stored) to stderr. */
#include "common/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static int quiet_info;

void log_set_quiet(int quiet)
{
	quiet_info = quiet;
}

static void vlog(const char *level, const char *fmt, va_list ap)
{
	char ts[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	flockfile(stderr);
	fprintf(stderr, "%s %s ", ts, level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}

#define DEFINE_LOG(fn, level, skip)          \
	void fn(const char *fmt, ...)        \
	{                                    \
		if (skip)                    \
			return;              \
		va_list ap;                  \
		va_start(ap, fmt);           \
		vlog(level, fmt, ap);        \
		va_end(ap);                  \
	}

DEFINE_LOG(log_info, "info", quiet_info)
DEFINE_LOG(log_warn, "warn", 0)
DEFINE_LOG(log_error, "error", 0)
