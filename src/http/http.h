/* http.h: the HTTP adapter's private interface: the request object every handler receives, the
 * route table, and the JSON helpers. Only src/http includes libmicrohttpd and jansson. */
#ifndef SHOUHU_HTTP_H
#define SHOUHU_HTTP_H

#include <jansson.h>
#include <microhttpd.h>

#include "app/app.h"
#include "common/buf.h"
#include "http/server.h"

#define MAX_PATH_PARAMS 4
#define MAX_EXTRA_HEADERS 6

struct hreq {
	struct MHD_Connection *conn;
	struct app *app;
	struct arena a;
	const char *method, *url;
	struct buf body;
	int body_too_large;
	const char *params[MAX_PATH_PARAMS];
	int nparams;
	json_t *in;                      /* parsed body, when the handler asked for it */
	json_t *err_extra;               /* members added to an error object (e.g. existing_id) */
	struct principal who;
	struct ctx ctx;
	/* the response a handler sets on success */
	unsigned status;
	json_t *out;                     /* JSON body (stolen) */
	const char *raw;                 /* or raw bytes */
	size_t raw_len;
	const char *content_type;
	const char *hdr[MAX_EXTRA_HEADERS][2];
	int nhdr;
};

typedef int (*handler_fn)(struct hreq *r, struct err *e);

enum route_flags {
	R_PUBLIC = 1,        /* no session needed */
	R_PW_CHANGE_OK = 2,  /* allowed while the password must be changed */
	R_BIG_BODY = 4,      /* bulk uploads: body up to BIG_BODY_MAX instead of body_max */
};

#define BIG_BODY_MAX (32L * 1024 * 1024)

struct route {
	const char *method;
	const char *pattern;   /* "/api/v1/users/{id}": {name} matches one segment */
	handler_fn fn;
	unsigned flags;
};

/* router.c */
const struct route *route_match(const char *method, const char *path, struct hreq *r,
				int *path_known);
const struct route *route_at(int i);

/* respond.c */
unsigned http_status_of(int st);
json_t *error_json(const struct err *e);
void add_header(struct hreq *r, const char *name, const char *value);

/* jsonio.c: reading requests */
int body_object(struct hreq *r, const char *const *allowed, struct err *e);
int jstr(struct hreq *r, const char *key, int required, size_t maxlen, const char **out,
	 struct err *e);
int jint(struct hreq *r, const char *key, int required, int64_t *out, struct err *e);
/* The same on any object (o), naming the field as `field` in errors. */
int ostr(json_t *o, const char *key, const char *field, size_t maxlen, const char **out,
	 struct err *e);
int oint(json_t *o, const char *key, const char *field, int64_t lo, int64_t hi, int64_t *out,
	 struct err *e);
int obool(json_t *o, const char *key, const char *field, int *out, struct err *e);
/* jstr of an optional member that may be sent as null (to clear it): *has says it was sent. */
int jopt(struct hreq *r, const char *key, size_t maxlen, int *has, const char **out,
	 struct err *e);
/* Unknown members of o are refused, naming `prefix.key`. */
int oknown(struct hreq *r, json_t *o, const char *prefix, const char *const *allowed,
	   struct err *e);
const char *qarg(struct hreq *r, const char *key);
/* page and page_size from the query: positive integers, defaults 1 and 20. */
int qpage(struct hreq *r, int *page, int *page_size, struct err *e);
int path_id(struct hreq *r, int i, int64_t *id, struct err *e);
/* jsonio.c: writing responses */
void reply(struct hreq *r, unsigned status, json_t *body);
void reply_list(struct hreq *r, json_t *items, int64_t total);
void reply_file(struct hreq *r, const char *content_type, const char *filename, const char *data,
		size_t len);
/* A photo of the record at path id 0 (a child's, a visit's): PUT stores the body through put
 * (204), GET answers the image through get. */
typedef int (*photo_put_fn)(struct ctx *c, int64_t id, const void *data, size_t len,
			    struct err *e);
typedef int (*photo_get_fn)(struct ctx *c, int64_t id, const char **mime, char **data,
			    size_t *len, struct err *e);
int handle_photo_put(struct hreq *r, photo_put_fn put, struct err *e);
int handle_photo_get(struct hreq *r, photo_get_fn get, struct err *e);
json_t *jtime(int64_t ms);            /* CST ISO string, or null for 0 */
json_t *jcode(int64_t code);          /* 12-digit string */
json_t *jnstr(const char *s);         /* string or null */
json_t *jid(int64_t id);              /* an id, or null for 0 */
json_t *region_json(const struct region_row *r);
json_t *org_json(const struct org_row *o);
json_t *user_json(struct hreq *r, const struct user_row *u);
json_t *me_json(struct hreq *r, const struct principal *p);

/* handlers (h_*.c) */
int h_healthz(struct hreq *r, struct err *e);
int h_openapi(struct hreq *r, struct err *e);
int h_login(struct hreq *r, struct err *e);
int h_logout(struct hreq *r, struct err *e);
int h_me(struct hreq *r, struct err *e);
int h_password(struct hreq *r, struct err *e);
int h_roles(struct hreq *r, struct err *e);
int h_org_types(struct hreq *r, struct err *e);
int h_regions(struct hreq *r, struct err *e);
int h_region_get(struct hreq *r, struct err *e);
int h_orgs(struct hreq *r, struct err *e);
int h_org_get(struct hreq *r, struct err *e);
int h_org_create(struct hreq *r, struct err *e);
int h_org_update(struct hreq *r, struct err *e);
int h_orgs_export(struct hreq *r, struct err *e);
int h_users(struct hreq *r, struct err *e);
int h_user_get(struct hreq *r, struct err *e);
int h_user_create(struct hreq *r, struct err *e);
int h_user_update(struct hreq *r, struct err *e);
int h_user_password(struct hreq *r, struct err *e);
int h_user_role(struct hreq *r, struct err *e);
int h_user_unlock(struct hreq *r, struct err *e);
int h_users_export(struct hreq *r, struct err *e);
int h_login_log(struct hreq *r, struct err *e);
int h_audit_log(struct hreq *r, struct err *e);
int h_audit_verify(struct hreq *r, struct err *e);
int h_audit_actions(struct hreq *r, struct err *e);
int h_settings_get(struct hreq *r, struct err *e);
int h_settings_put(struct hreq *r, struct err *e);

int h_child_dicts(struct hreq *r, struct err *e);
int h_directors(struct hreq *r, struct err *e);
int h_child_photo_put(struct hreq *r, struct err *e);
int h_child_photo_get(struct hreq *r, struct err *e);
int h_children(struct hreq *r, struct err *e);
int h_child_create(struct hreq *r, struct err *e);
int h_child_get(struct hreq *r, struct err *e);
int h_child_update(struct hreq *r, struct err *e);
int h_child_sensitive(struct hreq *r, struct err *e);
int h_child_exit(struct hreq *r, struct err *e);
int h_child_reactivate(struct hreq *r, struct err *e);
int h_child_history(struct hreq *r, struct err *e);
int h_children_export(struct hreq *r, struct err *e);
/* h_child_docs.c */
int h_child_import_template(struct hreq *r, struct err *e);
int h_children_import(struct hreq *r, struct err *e);
int h_child_import_report(struct hreq *r, struct err *e);
int h_child_pdf(struct hreq *r, struct err *e);
int h_children_files_zip(struct hreq *r, struct err *e);

/* h_visits.c (issue 4) */
int h_visit_create(struct hreq *r, struct err *e);
int h_child_visits(struct hreq *r, struct err *e);
int h_visit_get(struct hreq *r, struct err *e);
int h_visits(struct hreq *r, struct err *e);
int h_visit_dicts(struct hreq *r, struct err *e);
int h_problems(struct hreq *r, struct err *e);
int h_child_problems(struct hreq *r, struct err *e);
int h_problem_create(struct hreq *r, struct err *e);
int h_problem_get(struct hreq *r, struct err *e);
int h_problem_note(struct hreq *r, struct err *e);
int h_problem_resolve(struct hreq *r, struct err *e);
int h_care_create(struct hreq *r, struct err *e);
int h_child_care(struct hreq *r, struct err *e);
int h_worklog_create(struct hreq *r, struct err *e);
int h_worklogs(struct hreq *r, struct err *e);
int h_schedule(struct hreq *r, struct err *e);
int h_child_schedule(struct hreq *r, struct err *e);
/* h_standing.c (issue 4): risk grading and the county settings for visits */
int h_child_risk(struct hreq *r, struct err *e);
int h_risk_override_put(struct hreq *r, struct err *e);
int h_risk_override_delete(struct hreq *r, struct err *e);
int h_risk_history(struct hreq *r, struct err *e);
int h_settings_visits_get(struct hreq *r, struct err *e);
int h_settings_visits_put(struct hreq *r, struct err *e);
/* the JSON of h_visits.c that the workspace repeats */
json_t *problem_json(const struct problem_view *pv, int with_notes);
json_t *schedule_json(const struct schedule_entry *s);
json_t *visit_dicts_json(void);
/* h_warnings.c (issue 4): warnings, visit photos, the offline workspace */
int h_warnings(struct hreq *r, struct err *e);
int h_warnings_summary(struct hreq *r, struct err *e);
int h_child_warnings(struct hreq *r, struct err *e);
int h_visit_photo_get(struct hreq *r, struct err *e);
int h_visit_photo_put(struct hreq *r, struct err *e);
int h_workspace(struct hreq *r, struct err *e);

/* static.c */
struct MHD_Response *static_response(const char *web_root, const char *path, unsigned *status,
				     int *immutable);


#endif
