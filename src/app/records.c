/* records.c: the helpers the record use cases share (records.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records.h"
#include "common/buf.h"
#include "common/timeutil.h"
#include "domain/region.h"

struct action rec_action(const char *name, const char *type, int64_t id, int64_t region)
{
	struct action act = { .name = name, .object_type = type, .region_code = region };
	if (id)
		snprintf(act.object_id, sizeof act.object_id, "%lld", (long long)id);
	return act;
}

void rec_set_object(struct action *act, int64_t id)
{
	snprintf(act->object_id, sizeof act->object_id, "%lld", (long long)id);
}

/* Visits, problems, work logs and the schedule are the caseworkers' (see visits.h). */
int rec_require_caseworker(struct ctx *c, struct err *e)
{
	int st = app_require(c, PERM_CHILD_READ, e);
	return st ? st : app_require(c, PERM_CHILD_WRITE, e);
}

int rec_child_in_scope(struct ctx *c, struct db *db, int64_t id, struct child_row *row,
			  struct err *e)
{
	int st = st_child_get(db, c->a, &c->who->scope, id, row);
	if (st == ST_NOT_FOUND)
		err_set(e, st, NULL, "儿童档案不存在");
	return st;
}

int rec_child_active(const struct child_row *row, struct err *e)
{
	if (strcmp(row->status, "active") != 0)
		return err_set(e, ST_INVALID, "status", "该儿童已退出关爱");
	return ST_OK;
}

struct cdate rec_today(void)
{
	return cdate_from_ms(clock_now_ms());
}

const char *rec_day_text(struct arena *a, struct cdate d)
{
	char *s = arena_alloc(a, 11);
	cdate_format(d, s);
	return s;
}

int rec_history(struct ctx *c, struct db *db, const struct child_row *row, const char *field,
		   const char *text)
{
	return st_history_add(db, row->id, row->region_code, clock_now_ms(), c->who->user_id,
			      c->who->username, field, NULL, text);
}

/* Optional text: "" is absent. */
const char *rec_opt(const char *s)
{
	return s && *s ? s : NULL;
}

/* The county around a region: assignees and providers may be anywhere in it. */
struct scope rec_county_of(int64_t region)
{
	int64_t code = region;
	while (region_level(code) > 3)
		code = region_parent(code);
	struct scope sc = { 0 };
	region_range(code, &sc.lo, &sc.hi);
	return sc;
}

int rec_valid_uuid(const char *s)
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
	if (!s || strlen(s) != sizeof shape - 1)
		return 0;
	for (size_t i = 0; shape[i]; i++) {
		char ch = s[i];
		int hex = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
			  (ch >= 'A' && ch <= 'F');
		if (shape[i] == '-' ? ch != '-' : !hex)
			return 0;
	}
	return 1;
}

int rec_late_days(struct ctx *c, struct db *db, int64_t region)
{
	struct visit_settings s;
	struct err e = { 0 };
	if (visit_settings_for(c, db, region, &s, &e) != ST_OK)
		return VISIT_LATE_DAYS_DEFAULT;
	return s.visit_late_days;
}

int rec_check_assignees(struct ctx *c, struct db *db, int64_t region, int64_t user_id,
			int64_t org_id, const char *user_field, const char *org_field, struct err *e)
{
	struct scope county = rec_county_of(region);
	int st = ST_OK;
	if (user_id) {
		struct user_row u;
		st = st_user_get(db, c->a, &county, user_id, &u);
		if (st == ST_NOT_FOUND || (!st && strcmp(u.status, "active") != 0))
			return err_set(e, ST_INVALID, user_field, "所选人员不存在或不在本县");
	}
	if (!st && org_id) {
		struct org_row o;
		st = st_org_get(db, c->a, &county, org_id, &o);
		if (st == ST_NOT_FOUND)
			return err_set(e, ST_INVALID, org_field, "所选单位不存在或不在本县");
	}
	return st;
}

int rec_text_ok(const char *s, size_t max_chars)
{
	return s && *s && strlen(s) <= max_chars * 3;
}

int rec_check_client_id(const char *client_id, struct err *e)
{
	if (client_id && !rec_valid_uuid(client_id))
		return err_set(e, ST_INVALID, "client_id", "client_id 应为UUID");
	return ST_OK;
}
