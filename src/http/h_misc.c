/* h_misc.c: health, the OpenAPI document, code lists (roles, organisation types), settings. */
#include "http/http.h"

extern const char openapi_json[];
extern const unsigned long openapi_json_len;

int h_healthz(struct hreq *r, struct err *e)
{
	reply(r, 200, json_pack("{s:s}", "status", "ok"));
	return ST_OK;
}

int h_openapi(struct hreq *r, struct err *e)
{
	r->status = 200;
	r->raw = openapi_json;
	r->raw_len = openapi_json_len;
	r->content_type = "application/json; charset=utf-8";
	return ST_OK;
}

int h_roles(struct hreq *r, struct err *e)
{
	static const char *const kinds[] = { "none", "admin", "business" };
	json_t *a = json_array();
	for (int i = 0; role_at(i); i++) {
		const struct role *ro = role_at(i);
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:b}", "code", ro->code, "name",
						   ro->name, "kind", kinds[ro->kind], "needs_org",
						   ro->needs_org));
	}
	reply(r, 200, a);
	return ST_OK;
}

int h_org_types(struct hreq *r, struct err *e)
{
	json_t *a = json_array();
	const char *code, *name;
	for (int i = 0; (code = org_type_at(i, &name)); i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "code", code, "name", name));
	reply(r, 200, a);
	return ST_OK;
}

static json_t *settings_json(const struct security_settings *s)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:i}", "lock_failures", s->lock_failures,
			 "lock_minutes", s->lock_minutes, "session_idle_minutes",
			 s->session_idle_seconds / 60, "session_max_minutes",
			 s->session_max_seconds / 60, "password_max_age_days",
			 s->password_max_age_days);
}

int h_settings_get(struct hreq *r, struct err *e)
{
	struct security_settings s;
	int st = settings_get(&r->ctx, &s, e);
	if (!st)
		reply(r, 200, settings_json(&s));
	return st;
}

int h_settings_put(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "lock_failures", "lock_minutes",
					       "session_idle_minutes", "session_max_minutes",
					       "password_max_age_days", NULL };
	static const char *const keys[] = { "lock_failures", "lock_minutes", "session_idle_minutes",
					    "session_max_minutes", "password_max_age_days" };
	struct security_settings s = app_security(r->app);
	int *slots[] = { &s.lock_failures, &s.lock_minutes, &s.session_idle_seconds,
			 &s.session_max_seconds, &s.password_max_age_days };
	int st = body_object(r, allowed, e);
	for (int i = 0; !st && i < 5; i++) {
		int64_t v;
		st = jint(r, keys[i], 0, &v, e);
		if (!st && json_object_get(r->in, keys[i])) {
			if (v < 1 || v > 100000)
				st = err_set(e, ST_INVALID, keys[i], "取值超出范围");
			else
				*slots[i] = (int)(i == 2 || i == 3 ? v * 60 : v);
		}
	}
	if (!st)
		st = settings_put(&r->ctx, &s, e);
	if (!st)
		reply(r, 200, settings_json(&s));
	return st;
}
