/* server.c: the libmicrohttpd adapter. One internal polling thread per core (epoll), each request
 * owning an arena released when its response completes. Decides who is calling (session cookie),
 * checks CSRF and the pending password change, dispatches to the route, and turns the result into
 * a response with the security headers every response carries. */
#include <arpa/inet.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "http/http.h"

struct server {
	struct MHD_Daemon *d;
	struct app *app;
	char *tls_cert, *tls_key;
};

/* Requests between their first callback and their completion: what a graceful stop waits for
 * (idle keep-alive connections are not requests and are simply closed). */
static atomic_int in_flight;

/* Inline script is never allowed; Element Plus sets style attributes, hence 'unsafe-inline' for
 * styles only. */
#define CSP "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " \
	    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "          \
	    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"

static void security_headers(struct MHD_Response *resp, int tls)
{
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=(self)");
	if (tls)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result send_response(struct hreq *r, unsigned status, struct MHD_Response *resp)
{
	security_headers(resp, r->app->cfg.tls_cert[0] != '\0');
	enum MHD_Result ok = MHD_queue_response(r->conn, status, resp);
	MHD_destroy_response(resp);
	return ok;
}

static enum MHD_Result send_api(struct hreq *r, int st, const struct err *e)
{
	struct MHD_Response *resp;
	unsigned status = r->status;
	if (st) {
		json_decref(r->out);
		r->out = error_json(e);
		if (r->err_extra)
			json_object_update(json_object_get(r->out, "error"), r->err_extra);
		r->raw = NULL;
		status = http_status_of(st);
		if (st == ST_INTERNAL || st == ST_DB)
			log_error("%s %s: %s", r->method, r->url, e->message);
	}
	if (r->out) {
		char *s = json_dumps(r->out, JSON_COMPACT);
		resp = MHD_create_response_from_buffer(strlen(s), s, MHD_RESPMEM_MUST_FREE);
		MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	} else if (r->raw) {
		resp = MHD_create_response_from_buffer(r->raw_len, (void *)r->raw, MHD_RESPMEM_MUST_COPY);
		MHD_add_response_header(resp, "Content-Type", r->content_type);
	} else {
		resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	}
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	for (int i = 0; i < r->nhdr; i++)
		MHD_add_response_header(resp, r->hdr[i][0], r->hdr[i][1]);
	return send_response(r, status, resp);
}

static const char *client_ip(struct hreq *r)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[INET6_ADDRSTRLEN] = "";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, sizeof buf);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf, sizeof buf);
	}
	return arena_strdup(&r->a, buf);
}

static int authenticate(struct hreq *r, const struct route *rt, struct err *e)
{
	const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "shouhu_sid");
	int st = auth_session(&r->ctx, cookie, &r->who, e);
	if (st)
		return st;
	r->ctx.who = &r->who;
	int safe = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
	if (!safe) {
		const char *tok = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
		if (!tok || !hex_equal(tok, r->who.csrf))
			return err_set(e, ST_CSRF, NULL, "请求校验失败，请刷新页面后重试");
	}
	if (r->who.must_change_password && !(rt->flags & R_PW_CHANGE_OK))
		return err_set(e, ST_PW_CHANGE, NULL, "首次登录或密码已过期，请先修改密码");
	return ST_OK;
}

static enum MHD_Result handle_api(struct hreq *r)
{
	struct err e = { 0 };
	int st = ST_OK, known;
	if (r->body_too_large)
		return send_api(r, err_set(&e, ST_TOO_LARGE, NULL, "请求内容过大（上限 %zu 字节）",
					   r->body.max), &e);
	const char *q = strchr(r->url, '?');
	const char *path = q ? arena_strndup(&r->a, r->url, (size_t)(q - r->url)) : r->url;
	const struct route *rt = route_match(r->method, path, r, &known);
	if (!rt)
		return send_api(r, known ? err_set(&e, ST_METHOD, NULL, "不支持此请求方法")
					 : err_set(&e, ST_NOT_FOUND, NULL, "接口不存在"), &e);
	if (!(rt->flags & R_PUBLIC))
		st = authenticate(r, rt, &e);
	if (!st)
		st = rt->fn(r, &e);
	return send_api(r, st, &e);
}

static enum MHD_Result handle_static(struct hreq *r)
{
	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) {
		struct err e = { 0 };
		return send_api(r, err_set(&e, ST_METHOD, NULL, "不支持此请求方法"), &e);
	}
	unsigned status;
	int immutable;
	struct MHD_Response *resp = static_response(r->app->cfg.web_root, r->url, &status, &immutable);
	return send_response(r, status, resp);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct app *app = cls;
	struct hreq *r = *con_cls;
	(void)version;
	if (!r) {
		r = calloc(1, sizeof *r);
		if (!r)
			return MHD_NO;
		r->conn = conn;
		r->app = app;
		r->method = method;
		r->url = url;
		/* bulk routes may take more; others stop reading at body_max */
		int known;
		const struct route *rt = route_match(method, url, NULL, &known);
		long max = rt && (rt->flags & R_BIG_BODY) && BIG_BODY_MAX > app->cfg.body_max
				   ? BIG_BODY_MAX
				   : app->cfg.body_max;
		buf_init(&r->body, (size_t)max);
		r->ctx = (struct ctx){ .app = app, .a = &r->a };
		*con_cls = r;
		atomic_fetch_add(&in_flight, 1);
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->body_too_large && buf_append(&r->body, upload, *upload_size) != ST_OK) {
			r->body_too_large = 1;
			buf_free(&r->body);
		}
		*upload_size = 0;
		return MHD_YES;
	}
	r->ctx.ip = client_ip(r);
	const char *ua = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "User-Agent");
	r->ctx.user_agent = ua ? arena_strndup(&r->a, ua, strlen(ua) > 300 ? 300 : strlen(ua)) : NULL;
	if (strncmp(url, "/api/", 5) == 0 || strcmp(url, "/healthz") == 0)
		return handle_api(r);
	return handle_static(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct hreq *r = *con_cls;
	(void)cls;
	(void)conn;
	(void)toe;
	if (!r)
		return;
	json_decref(r->in);
	json_decref(r->out);
	json_decref(r->err_extra);
	buf_free(&r->body);
	arena_release(&r->a);
	free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b;
	buf_init(&b, 1 << 20);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return b.data;
}

int server_start(struct app *app, struct server **out, struct err *e)
{
	struct server *s = calloc(1, sizeof *s);
	if (!s)
		return err_set(e, ST_INTERNAL, NULL, "out of memory");
	s->app = app;
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)app->cfg.port) };
	if (inet_pton(AF_INET, app->cfg.listen, &addr.sin_addr) != 1) {
		free(s);
		return err_set(e, ST_INVALID, "listen", "listen must be an IPv4 address");
	}
	unsigned threads = app->cfg.threads > 0 ? (unsigned)app->cfg.threads
						 : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC;
	int tls = app->cfg.tls_cert[0] && app->cfg.tls_key[0];
	if (tls) {
		s->tls_cert = slurp(app->cfg.tls_cert);
		s->tls_key = slurp(app->cfg.tls_key);
		if (!s->tls_cert || !s->tls_key) {
			server_stop(s);
			return err_set(e, ST_INVALID, "tls_cert", "cannot read tls_cert or tls_key");
		}
		flags |= MHD_USE_TLS;
	}
	s->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, app,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
				MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
				MHD_OPTION_THREAD_POOL_SIZE, threads,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096,
				tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, s->tls_cert,
				MHD_OPTION_HTTPS_MEM_KEY, s->tls_key,
				MHD_OPTION_END);
	if (!s->d) {
		server_stop(s);
		return err_set(e, ST_INTERNAL, "port", "cannot listen on %s:%d", app->cfg.listen,
			       app->cfg.port);
	}
	*out = s;
	return ST_OK;
}

unsigned server_port(struct server *s)
{
	const union MHD_DaemonInfo *i = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	return i ? i->port : 0;
}

void server_stop(struct server *s)
{
	if (!s)
		return;
	if (s->d) {
		MHD_socket fd = MHD_quiesce_daemon(s->d);
		if (fd != MHD_INVALID_SOCKET)
			close(fd);
		/* requests in flight finish (for up to 30 s); idle connections are then closed */
		for (int i = 0; i < 3000 && atomic_load(&in_flight) > 0; i++) {
			struct timespec ts = { 0, 10 * 1000 * 1000 };
			nanosleep(&ts, NULL);
		}
		MHD_stop_daemon(s->d);
	}
	if (s->tls_key)
		secure_zero(s->tls_key, strlen(s->tls_key));
	free(s->tls_cert);
	free(s->tls_key);
	free(s);
}
