/* jsonio.c: reading request bodies and query strings with strict checks, and writing the JSON
 * shapes of docs/API.md. Unknown fields, wrong types and over-long strings are refused with the
 * field's name. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/timeutil.h"
#include "domain/region.h"
#include "http/http.h"

int body_object(struct hreq *r, const char *const *allowed, struct err *e)
{
	json_error_t je;
	r->in = r->body.len ? json_loadb(r->body.data, r->body.len, JSON_REJECT_DUPLICATES, &je) : NULL;
	if (!r->in || !json_is_object(r->in))
		return err_set(e, ST_BAD_JSON, NULL, "请求内容不是有效的JSON对象");
	const char *key;
	json_t *v;
	json_object_foreach(r->in, key, v) {
		int ok = 0;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = strcmp(*a, key) == 0;
		if (!ok)
			return err_set(e, ST_INVALID, arena_strdup(&r->a, key), "不支持的字段：%.60s", key);
	}
	return ST_OK;
}

int jstr(struct hreq *r, const char *key, int required, size_t maxlen, const char **out,
	 struct err *e)
{
	json_t *v = json_object_get(r->in, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return required ? err_set(e, ST_INVALID, key, "缺少必填字段") : ST_OK;
	if (!json_is_string(v))
		return err_set(e, ST_INVALID, key, "字段类型应为字符串");
	if (json_string_length(v) > maxlen || strlen(json_string_value(v)) != json_string_length(v))
		return err_set(e, ST_INVALID, key, "字段内容过长或包含非法字符");
	*out = json_string_value(v);
	return ST_OK;
}

int jint(struct hreq *r, const char *key, int required, int64_t *out, struct err *e)
{
	json_t *v = json_object_get(r->in, key);
	*out = 0;
	if (!v || json_is_null(v))
		return required ? err_set(e, ST_INVALID, key, "缺少必填字段") : ST_OK;
	if (!json_is_integer(v))
		return err_set(e, ST_INVALID, key, "字段类型应为整数");
	*out = json_integer_value(v);
	return ST_OK;
}

int ostr(json_t *o, const char *key, const char *field, size_t maxlen, const char **out,
	 struct err *e)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return ST_OK;
	if (!json_is_string(v))
		return err_set(e, ST_INVALID, field, "字段类型应为字符串");
	if (json_string_length(v) > maxlen || strlen(json_string_value(v)) != json_string_length(v))
		return err_set(e, ST_INVALID, field, "字段内容过长或包含非法字符");
	*out = json_string_value(v);
	return ST_OK;
}

int oint(json_t *o, const char *key, const char *field, int64_t lo, int64_t hi, int64_t *out,
	 struct err *e)
{
	json_t *v = json_object_get(o, key);
	*out = 0;
	if (!v || json_is_null(v))
		return ST_OK;
	if (!json_is_integer(v))
		return err_set(e, ST_INVALID, field, "字段类型应为整数");
	if (json_integer_value(v) < lo || json_integer_value(v) > hi)
		return err_set(e, ST_INVALID, field, "取值超出范围");
	*out = json_integer_value(v);
	return ST_OK;
}

int obool(json_t *o, const char *key, const char *field, int *out, struct err *e)
{
	json_t *v = json_object_get(o, key);
	*out = 0;
	if (!v || json_is_null(v))
		return ST_OK;
	if (!json_is_boolean(v))
		return err_set(e, ST_INVALID, field, "字段类型应为 true 或 false");
	*out = json_is_true(v);
	return ST_OK;
}

int oknown(struct hreq *r, json_t *o, const char *prefix, const char *const *allowed,
	   struct err *e)
{
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v) {
		int ok = 0;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = strcmp(*a, key) == 0;
		if (!ok) {
			const char *f = prefix ? arena_printf(&r->a, "%s.%s", prefix, key)
					       : arena_strdup(&r->a, key);
			return err_set(e, ST_INVALID, f, "不支持的字段：%.60s", key);
		}
	}
	return ST_OK;
}

const char *qarg(struct hreq *r, const char *key)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

static int qint(struct hreq *r, const char *key, int dflt, int *out, struct err *e)
{
	const char *s = qarg(r, key);
	*out = dflt;
	if (!s || !*s)
		return ST_OK;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < 1 || v > 1000000)
		return err_set(e, ST_INVALID, key, "应为正整数");
	*out = (int)v;
	return ST_OK;
}

int qpage(struct hreq *r, int *page, int *page_size, struct err *e)
{
	int st = qint(r, "page", 1, page, e);
	return st ? st : qint(r, "page_size", 20, page_size, e);   /* over 100 is capped */
}

int path_id(struct hreq *r, int i, int64_t *id, struct err *e)
{
	const char *s = i < r->nparams ? r->params[i] : NULL;
	char *end;
	errno = 0;
	long long v = s ? strtoll(s, &end, 10) : 0;
	if (!s || errno || *end || v <= 0)
		return err_set(e, ST_NOT_FOUND, NULL, "记录不存在");
	*id = v;
	return ST_OK;
}

void reply(struct hreq *r, unsigned status, json_t *body)
{
	r->status = status;
	r->out = body;
}

void reply_list(struct hreq *r, json_t *items, int64_t total)
{
	reply(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total));
}

void reply_file(struct hreq *r, const char *content_type, const char *filename, const char *data,
		size_t len)
{
	r->status = 200;
	r->raw = data;
	r->raw_len = len;
	r->content_type = content_type;
	/* RFC 6266 with RFC 5987 encoding for the Chinese name; ASCII fallback first */
	struct buf b;
	buf_init(&b, 1024);
	const char *ext = strrchr(filename, '.');
	buf_printf(&b, "attachment; filename=\"export%s\"; filename*=UTF-8''", ext ? ext : "");
	for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '-' || *p == '_')
			buf_append(&b, p, 1);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	add_header(r, "Content-Disposition", arena_strdup(&r->a, b.data));
	buf_free(&b);
}

json_t *jtime(int64_t ms)
{
	if (!ms)
		return json_null();
	char s[32];
	cst_format(ms, s);
	return json_string(s);
}

json_t *jcode(int64_t code)
{
	if (!code)
		return json_null();
	char s[13];
	region_format(code, s);
	return json_string(s);
}

json_t *jnstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *jid(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

int jopt(struct hreq *r, const char *key, size_t maxlen, int *has, const char **out,
	 struct err *e)
{
	*has = json_object_get(r->in, key) != NULL;
	return jstr(r, key, 0, maxlen, out, e);
}

json_t *region_json(const struct region_row *g)
{
	return json_pack("{s:o, s:s, s:i, s:o, s:o, s:b}", "code", jcode(g->code), "name",
			 g->name ? g->name : "", "level", g->level, "parent", jcode(g->parent),
			 "parent_name", jnstr(g->parent_name), "has_children", g->has_children);
}

json_t *org_json(const struct org_row *o)
{
	const char *tn = org_type_name(o->type);
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)o->id, "name", o->name,
			 "type", o->type, "type_name", tn ? tn : o->type, "region_code",
			 jcode(o->region_code), "region_name", jnstr(o->region_name));
}

json_t *user_json(struct hreq *r, const struct user_row *u)
{
	const struct role *role = role_find(u->role);
	return json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:b, s:b, s:o, s:o}",
			 "id", (json_int_t)u->id, "username", u->username, "display_name",
			 u->display_name, "phone", jnstr(mask_phone(&r->a, u->phone)), "role", u->role,
			 "role_name", role ? role->name : u->role, "region_code",
			 jcode(u->region_code), "region_name", jnstr(u->region_name), "org_id",
			 u->org_id ? json_integer(u->org_id) : json_null(), "org_name",
			 jnstr(u->org_name), "status", u->status, "locked",
			 user_is_locked(u, clock_now_ms()), "must_change_password",
			 u->must_change_password, "created_at", jtime(u->created_at),
			 "last_login_at", jtime(u->last_login_at));
}

json_t *me_json(struct hreq *r, const struct principal *p)
{
	json_t *perms = json_array();
	for (int i = 0; i < PERM_COUNT; i++)
		if (p->role->perms & (1u << i))
			json_array_append_new(perms, json_string(perm_name(1u << i)));
	json_t *org = p->org_id ? json_pack("{s:I, s:o}", "id", (json_int_t)p->org_id, "name",
					    jnstr(p->org_name))
				: json_null();
	(void)r;
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:{s:o, s:o, s:i}, s:o, s:b, s:o, s:s}", "id",
			 (json_int_t)p->user_id, "username", p->username, "display_name",
			 p->display_name, "role", p->role->code, "role_name", p->role->name, "region",
			 "code", jcode(p->region_code), "name", jnstr(p->region_name), "level",
			 region_level(p->region_code), "org", org, "must_change_password",
			 p->must_change_password, "permissions", perms, "csrf_token",
			 p->csrf ? p->csrf : "");
}

int handle_photo_put(struct hreq *r, photo_put_fn put, struct err *e)
{
	int64_t id;
	int st = path_id(r, 0, &id, e);
	if (!st && r->body.len == 0)
		st = err_set(e, ST_INVALID, "photo", "请选择照片");
	if (!st)
		st = put(&r->ctx, id, r->body.data, r->body.len, e);
	if (!st)
		reply(r, 204, NULL);
	return st;
}

int handle_photo_get(struct hreq *r, photo_get_fn get, struct err *e)
{
	int64_t id;
	const char *mime;
	char *data;
	size_t len;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = get(&r->ctx, id, &mime, &data, &len, e);
	if (!st) {
		r->status = 200;
		r->raw = data;
		r->raw_len = len;
		r->content_type = mime;
	}
	return st;
}
