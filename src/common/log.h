/* log.h: operational log lines to stderr. Never pass a child's personal data, an ID or phone
 * number, a password, a session token or a key to these functions: the audit trail, not the log,
 * records who did what to whom. */
#ifndef SHOUHU_LOG_H
#define SHOUHU_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_set_quiet(int quiet);   /* quiet: only warnings and errors */

#endif
