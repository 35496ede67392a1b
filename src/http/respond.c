/* respond.c: the one place that maps a status to an HTTP status, and the error body shape
 * {"error":{"code","message","field"}} every failure uses. */
#include <string.h>

#include "http/http.h"

unsigned http_status_of(int st)
{
	switch (st) {
	case ST_OK: return 200;
	case ST_INVALID:
	case ST_BAD_JSON: return 400;
	case ST_UNAUTH:
	case ST_BAD_CRED: return 401;
	case ST_FORBIDDEN:
	case ST_CSRF:
	case ST_PW_CHANGE: return 403;
	case ST_NOT_FOUND: return 404;
	case ST_METHOD: return 405;
	case ST_CONFLICT:
	case ST_DUPLICATE: return 409;
	case ST_TOO_LARGE: return 413;
	case ST_LOCKED: return 423;
	case ST_DB: return 503;
	default: return 500;
	}
}

static const char *default_message(int st)
{
	switch (st) {
	case ST_INVALID: return "请求内容不正确";
	case ST_BAD_JSON: return "请求内容不是有效的JSON对象";
	case ST_UNAUTH: return "未登录或会话已过期，请重新登录";
	case ST_BAD_CRED: return "用户名或密码错误";
	case ST_FORBIDDEN: return "您没有执行此操作的权限";
	case ST_CSRF: return "请求校验失败，请刷新页面后重试";
	case ST_PW_CHANGE: return "首次登录或密码已过期，请先修改密码";
	case ST_NOT_FOUND: return "记录不存在";
	case ST_METHOD: return "不支持此请求方法";
	case ST_CONFLICT: return "数据已存在";
	case ST_DUPLICATE: return "该儿童已登记";
	case ST_TOO_LARGE: return "请求内容过大";
	case ST_LOCKED: return "账户已锁定，请稍后再试";
	case ST_DB: return "数据库暂时不可用，请稍后再试";
	default: return "服务器内部错误";
	}
}

json_t *error_json(const struct err *e)
{
	/* internal failures never show their detail to the user */
	int hide = e->status == ST_INTERNAL || e->status == ST_DB;
	const char *msg = !hide && e->message[0] ? e->message : default_message(e->status);
	json_t *err = json_pack("{s:s, s:s}", "code", status_name(e->status), "message", msg);
	if (e->field && !hide)
		json_object_set_new(err, "field", json_string(e->field));
	return json_pack("{s:o}", "error", err);
}

void add_header(struct hreq *r, const char *name, const char *value)
{
	if (r->nhdr < MAX_EXTRA_HEADERS) {
		r->hdr[r->nhdr][0] = name;
		r->hdr[r->nhdr][1] = value;
		r->nhdr++;
	}
}
