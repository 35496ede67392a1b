/* h_session.c: login, logout, who am I, and the password change. */
#include <string.h>

#include "http/http.h"

#define COOKIE "shouhu_sid"

static int is_tls(struct hreq *r)
{
	return r->app->cfg.tls_cert[0] != '\0';
}

int h_login(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "username", "password", NULL };
	const char *username, *password;
	int st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "username", 1, 256, &username, e);
	if (!st)
		st = jstr(r, "password", 1, 1024, &password, e);
	if (st)
		return st;
	struct login_result res;
	st = auth_login(&r->ctx, username, password, &res, e);
	if (st)
		return st;
	add_header(r, "Set-Cookie",
		   arena_printf(&r->a, COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict%s", res.token,
				is_tls(r) ? "; Secure" : ""));
	reply(r, 200, json_pack("{s:o, s:s}", "user", me_json(r, &res.who), "csrf_token",
				res.who.csrf));
	return ST_OK;
}

int h_logout(struct hreq *r, struct err *e)
{
	int st = auth_logout(&r->ctx, e);
	if (st)
		return st;
	add_header(r, "Set-Cookie",
		   arena_printf(&r->a, COOKIE "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s",
				is_tls(r) ? "; Secure" : ""));
	reply(r, 204, NULL);
	return ST_OK;
}

int h_me(struct hreq *r, struct err *e)
{
	reply(r, 200, me_json(r, &r->who));
	return ST_OK;
}

int h_password(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "old_password", "new_password", NULL };
	const char *old_pw, *new_pw;
	int st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "old_password", 1, 1024, &old_pw, e);
	if (!st)
		st = jstr(r, "new_password", 1, 1024, &new_pw, e);
	if (!st)
		st = auth_change_password(&r->ctx, old_pw, new_pw, e);
	if (!st)
		reply(r, 204, NULL);
	return st;
}
