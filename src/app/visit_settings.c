/* visit_settings.c: the county settings for visits and warnings (走访与预警设置, see standing.h):
 * kept in the settings table under "visits.<county code>" as `key=value;...` text, cached in the
 * app per county (read through on a miss, replaced when saved), read and saved over the API. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records.h"
#include "common/buf.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "domain/region.h"

void visit_settings_default(struct visit_settings *s)
{
	memset(s, 0, sizeof *s);
	schedule_settings_default(&s->schedule);
	risk_settings_default(&s->risk);
	s->visit_late_days = VISIT_LATE_DAYS_DEFAULT;
	s->high_risk_no_visit_days = 30;
	s->turning_warn_days = 30;
	s->problem_escalate_days = 0;
}

/* ---- the fields, their limits and their stored form ---- */

#define IV(name) { #name, #name ".months", #name ".days", NULL, \
		    offsetof(struct visit_settings, schedule.name), 1, 0, 0 }
#define NUM(name, member, lo, hi, msg) { name, NULL, NULL, msg, \
					 offsetof(struct visit_settings, member), 0, lo, hi }
static const struct vs_field {
	const char *name, *months, *days;   /* months, days: the fields of an interval */
	const char *msg;                    /* a number out of its limits */
	size_t off;
	int interval;   /* a struct sched_interval: months 0..24, days 0..366, not both 0 */
	int lo, hi;
} fields[] = {
	IV(contact), IV(visit), IV(fragile_contact), IV(fragile_visit), IV(orange_contact),
	IV(orange_visit), IV(red_contact), IV(red_visit),
	NUM("first_visit_days", schedule.first_visit_days, 0, 365, "应在 0 至 365 之间"),
	NUM("due_soon_days", schedule.due_soon_days, 0, 90, "应在 0 至 90 之间"),
	NUM("visit_late_days", visit_late_days, 0, 60, "应在 0 至 60 之间"),
	NUM("high_risk_no_visit_days", high_risk_no_visit_days, 1, 365, "应在 1 至 365 之间"),
	NUM("turning_warn_days", turning_warn_days, 0, 180, "应在 0 至 180 之间"),
	NUM("problem_escalate_days", problem_escalate_days, 0, 90, "应在 0 至 90 之间"),
};
#define NFIELDS ((int)(sizeof fields / sizeof fields[0]))
#define RISK_MAX 1000

static int *num_at(struct visit_settings *s, int i)
{
	return (int *)((char *)s + fields[i].off);
}

static struct sched_interval *iv_at(struct visit_settings *s, int i)
{
	return (struct sched_interval *)((char *)s + fields[i].off);
}

static int bad(const char **field, const char **msg, const char *f, const char *m)
{
	*field = f;
	*msg = m;
	return -1;
}

int visit_settings_check(const struct visit_settings *in, const char **field, const char **msg)
{
	struct visit_settings s = *in;
	for (int i = 0; i < NFIELDS; i++) {
		if (fields[i].interval) {
			struct sched_interval iv = *iv_at(&s, i);
			if (iv.months < 0 || iv.months > 24)
				return bad(field, msg, fields[i].months, "月数应在 0 至 24 之间");
			if (iv.days < 0 || iv.days > 366)
				return bad(field, msg, fields[i].days, "天数应在 0 至 366 之间");
			if (iv.months == 0 && iv.days == 0)
				return bad(field, msg, fields[i].days, "间隔的月数和天数不能同时为 0");
		} else {
			int v = *num_at(&s, i);
			if (v < fields[i].lo || v > fields[i].hi)
				return bad(field, msg, fields[i].name, fields[i].msg);
		}
	}
	if (s.risk.yellow <= 0)
		return bad(field, msg, "risk.yellow", "黄色等级的分数线应大于 0");
	if (s.risk.orange <= s.risk.yellow)
		return bad(field, msg, "risk.orange", "橙色等级的分数线应高于黄色等级");
	if (s.risk.red <= s.risk.orange)
		return bad(field, msg, "risk.red", "红色等级的分数线应高于橙色等级");
	if (s.risk.red > RISK_MAX)
		return bad(field, msg, "risk.red", "红色等级的分数线不能超过 1000");
	*field = *msg = NULL;
	return 0;
}

/* "contact=1,0;visit=3,0;...;risk=60,40,20;changed_at=1764000000000" */
static char *format_settings(struct arena *a, const struct visit_settings *in)
{
	struct visit_settings s = *in;
	struct buf b;
	buf_init(&b, 4096);
	for (int i = 0; i < NFIELDS; i++) {
		if (fields[i].interval)
			buf_printf(&b, "%s=%d,%d;", fields[i].name, iv_at(&s, i)->months,
				   iv_at(&s, i)->days);
		else
			buf_printf(&b, "%s=%d;", fields[i].name, *num_at(&s, i));
	}
	buf_printf(&b, "risk=%d,%d,%d;changed_at=%lld", s.risk.red, s.risk.orange, s.risk.yellow,
		   (long long)s.changed_at);
	char *out = arena_strdup(a, b.data);
	buf_free(&b);
	return out;
}

/* Missing keys keep their defaults; 0, or -1 when the text is malformed or out of limits. */
static int parse_settings(const char *text, struct visit_settings *out)
{
	struct visit_settings s;
	visit_settings_default(&s);
	char buf[2048];
	if (strlen(text) >= sizeof buf)
		return -1;
	strcpy(buf, text);
	char *save = NULL;
	for (char *tok = strtok_r(buf, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(tok, '=');
		if (!eq)
			return -1;
		*eq = '\0';
		const char *k = tok, *v = eq + 1;
		if (strcmp(k, "risk") == 0) {
			if (sscanf(v, "%d,%d,%d", &s.risk.red, &s.risk.orange, &s.risk.yellow) != 3)
				return -1;
			continue;
		}
		if (strcmp(k, "changed_at") == 0) {
			s.changed_at = strtoll(v, NULL, 10);
			continue;
		}
		for (int i = 0; i < NFIELDS; i++) {
			if (strcmp(k, fields[i].name) != 0)
				continue;
			if (fields[i].interval) {
				struct sched_interval *iv = iv_at(&s, i);
				if (sscanf(v, "%d,%d", &iv->months, &iv->days) != 2)
					return -1;
			} else if (sscanf(v, "%d", num_at(&s, i)) != 1) {
				return -1;
			}
		}
	}
	const char *field, *msg;
	if (visit_settings_check(&s, &field, &msg) != 0)
		return -1;
	*out = s;
	return 0;
}

/* ---- the cache ---- */

struct visit_settings_cache {
	pthread_mutex_t mu;
	int n, cap;
	struct vs_entry {
		int64_t county;
		struct visit_settings s;
	} *e;
};

static pthread_mutex_t create_mu = PTHREAD_MUTEX_INITIALIZER;

static struct visit_settings_cache *cache_of(struct app *app)
{
	pthread_mutex_lock(&create_mu);
	if (!app->visit_settings) {
		struct visit_settings_cache *k = calloc(1, sizeof *k);
		if (k)
			pthread_mutex_init(&k->mu, NULL);
		app->visit_settings = k;
	}
	struct visit_settings_cache *k = app->visit_settings;
	pthread_mutex_unlock(&create_mu);
	return k;
}

void visit_settings_cache_free(struct app *app)
{
	pthread_mutex_lock(&create_mu);
	struct visit_settings_cache *k = app->visit_settings;
	app->visit_settings = NULL;
	pthread_mutex_unlock(&create_mu);
	if (!k)
		return;
	pthread_mutex_destroy(&k->mu);
	free(k->e);
	free(k);
}

static int cache_get(struct app *app, int64_t county, struct visit_settings *out)
{
	struct visit_settings_cache *k = cache_of(app);
	int hit = 0;
	if (!k)
		return 0;
	pthread_mutex_lock(&k->mu);
	for (int i = 0; i < k->n; i++)
		if (k->e[i].county == county) {
			*out = k->e[i].s;
			hit = 1;
			break;
		}
	pthread_mutex_unlock(&k->mu);
	return hit;
}

/* replace: 1 overwrites an entry (a save), 0 keeps one that is there (a read-through that may
 * have read before a concurrent save committed). */
static void cache_put(struct app *app, int64_t county, const struct visit_settings *s, int replace)
{
	struct visit_settings_cache *k = cache_of(app);
	if (!k)
		return;
	pthread_mutex_lock(&k->mu);
	int i = 0;
	while (i < k->n && k->e[i].county != county)
		i++;
	if (i == k->n) {
		if (k->n == k->cap) {
			int cap = k->cap ? k->cap * 2 : 8;
			struct vs_entry *e = realloc(k->e, sizeof *e * (size_t)cap);
			if (!e) {
				pthread_mutex_unlock(&k->mu);
				return;
			}
			k->e = e;
			k->cap = cap;
		}
		k->n++;
		k->e[i].county = county;
		replace = 1;
	}
	if (replace)
		k->e[i].s = *s;
	pthread_mutex_unlock(&k->mu);
}

/* The county (level 3) at or above region; 0 above county level. */
static int64_t county_of(int64_t region)
{
	int64_t code = region;
	while (region_level(code) > REGION_COUNTY)
		code = region_parent(code);
	return region_level(code) == REGION_COUNTY ? code : 0;
}

static void setting_key(int64_t county, char key[32])
{
	char code[13];
	region_format(county, code);
	snprintf(key, 32, "visits.%s", code);
}

int visit_settings_for(struct ctx *c, struct db *db, int64_t region, struct visit_settings *out,
		       struct err *e)
{
	int64_t county = county_of(region);
	visit_settings_default(out);
	if (!county || cache_get(c->app, county, out))
		return ST_OK;
	char key[32];
	const char *text;
	setting_key(county, key);
	int st = st_setting_get(db, c->a, key, &text);
	if (st == ST_NOT_FOUND) {
		st = ST_OK;
	} else if (!st && parse_settings(text, out) != 0) {
		log_error("setting %s is not valid: the defaults apply", key);
		visit_settings_default(out);
	}
	if (st)
		return err_set(e, st, NULL, "读取县级走访设置失败");
	cache_put(c->app, county, out, 0);
	return ST_OK;
}

/* ---- the use cases ---- */

/* The county asked for (or the caller's): one the caller works in or above. */
static int county_for(struct ctx *c, struct db *db, const char *text, int for_write,
		      struct visit_settings_view *out, struct err *e)
{
	int64_t county = 0;
	if (text && *text) {
		if (region_parse(text, &county) != 0 || region_level(county) != REGION_COUNTY)
			return err_set(e, ST_INVALID, "county", "请选择县（区、市）");
	} else {
		county = county_of(c->who->region_code);
		if (!county)
			return err_set(e, ST_INVALID, "county", "请选择县（区、市）");
	}
	/* inside the scope; a town or village user also reads its own county's */
	int inside = county >= c->who->scope.lo && county <= c->who->scope.hi;
	int own = region_contains(county, c->who->region_code);
	if (!inside && (for_write || !own))
		return err_set(e, ST_INVALID, "county", "所选区划不存在或不在您的管理范围内");
	struct scope all = { .lo = 0, .hi = REGION_CODE_MAX };
	struct region_row r;
	int st = st_region_get(db, c->a, &all, county, &r);
	if (st == ST_NOT_FOUND)
		return err_set(e, ST_INVALID, "county", "所选区划不存在或不在您的管理范围内");
	if (st)
		return st;
	out->county = county;
	out->county_name = r.name;
	return ST_OK;
}

int visit_settings_get(struct ctx *c, const char *county, struct visit_settings_view *out,
		       struct err *e)
{
	struct db *db = app_begin(c, 0, e);
	if (!db)
		return ST_DB;
	memset(out, 0, sizeof *out);
	visit_settings_default(&out->defaults);
	int st = rec_require_caseworker(c, e);
	if (!st)
		st = county_for(c, db, county, 0, out, e);
	if (!st)
		st = visit_settings_for(c, db, out->county, &out->s, e);
	return app_finish(c, db, st, NULL, e);
}

int visit_settings_put(struct ctx *c, const char *county, const struct visit_settings *in,
		       struct visit_settings_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "settings.visits", .object_type = "visit_settings" };
	memset(out, 0, sizeof *out);
	visit_settings_default(&out->defaults);
	const char *field, *msg;
	int64_t marked = 0;
	int st = app_require(c, PERM_VISIT_SETTINGS, e);
	if (!st)
		st = county_for(c, db, county, 1, out, e);
	if (!st) {
		region_format(out->county, act.object_id);
		act.region_code = out->county;
	}
	if (!st && visit_settings_check(in, &field, &msg) != 0)
		st = err_set(e, ST_INVALID, field, "%s", msg);
	if (!st) {
		char key[32], day[11];
		out->s = *in;
		out->s.changed_at = clock_now_ms();
		setting_key(out->county, key);
		const char *text = format_settings(c->a, &out->s);
		st = st_setting_put(db, key, text);
		/* every active child of the county: the sweep started below re-grades them */
		int64_t lo, hi;
		region_range(out->county, &lo, &hi);
		cdate_format(rec_today(), day);
		if (!st)
			st = st_standing_mark_region(db, lo, hi, day, &marked);
		act.detail = arena_printf(c->a, "%s; children=%lld", text, (long long)marked);
	}
	st = app_finish(c, db, st, &act, e);
	if (!st) {
		cache_put(c->app, out->county, &out->s, 1);
		standing_wake(c->app);
	}
	return st;
}
