/* visit_photos.c: a visit's optional photo (see warnings.h). Only the visitor adds or replaces
 * it, and only while the visit may still be entered without a late reason (visit_late_days);
 * caseworkers in scope read it. Both are audited; an upload also goes into the child's history. */
#include <sodium.h>
#include <string.h>

#include "app/records.h"
#include "app/warnings.h"
#include "common/timeutil.h"
#include "domain/image_type.h"

static int visit_in_scope(struct ctx *c, struct db *db, int64_t id, struct visit_row *v,
			  struct err *e)
{
	int st = st_visit_get(db, c->a, &c->who->scope, id, v);
	if (st == ST_NOT_FOUND)
		err_set(e, st, NULL, "走访记录不存在");
	return st;
}

int visit_photo_put(struct ctx *c, int64_t visit_id, const void *data, size_t len,
		    struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("visit.photo_update", "visit", visit_id, 0);
	struct visit_row v;
	const char *mime = image_type(data, len);
	int st = app_require(c, PERM_CHILD_WRITE, e);
	if (!st)
		st = visit_in_scope(c, db, visit_id, &v, e);
	if (!st) {
		act.region_code = v.region_code;
		if (v.user_id != c->who->user_id)
			st = err_set(e, ST_FORBIDDEN, NULL, "只有走访人本人可以上传走访照片");
	}
	if (!st) {
		int limit = rec_late_days(c, db, v.region_code);
		if (cdate_days_between(cdate_from_ms(v.occurred_at), rec_today()) > limit)
			st = err_set(e, ST_INVALID, "photo", "该走访已超过%d天，不能再上传照片", limit);
	}
	if (!st && len > VISIT_PHOTO_MAX)
		st = err_set(e, ST_TOO_LARGE, "photo", "照片不能超过2MB，请压缩后再上传");
	if (!st && !mime)
		st = err_set(e, ST_INVALID, "photo", "照片应为 JPEG 或 PNG 图片");
	if (!st) {
		size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
		char *text = arena_alloc(c->a, n);
		sodium_bin2base64(text, n, data, len, sodium_base64_VARIANT_ORIGINAL);
		st = st_visit_photo_put(db, visit_id, v.region_code, mime, text, clock_now_ms());
	}
	if (!st) {
		struct child_row row = { .id = v.child_id, .region_code = v.region_code };
		st = rec_history(c, db, &row, "走访照片",
				 arena_printf(c->a, "%s%s的照片已上传", v.occurred_on,
					      visit_kind_name(v.kind)));
	}
	if (!st)
		act.detail = arena_printf(c->a, "child=%lld bytes=%zu", (long long)v.child_id, len);
	return app_finish(c, db, st, &act, e);
}

int visit_photo_get(struct ctx *c, int64_t visit_id, const char **mime, char **data, size_t *len,
		    struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("visit.photo", "visit", visit_id, 0);
	struct visit_row v;
	const char *text = NULL;
	int st = rec_require_caseworker(c, e);
	if (!st)
		st = visit_in_scope(c, db, visit_id, &v, e);
	if (!st) {
		act.region_code = v.region_code;
		st = st_visit_photo_get(db, c->a, visit_id, mime, &text);
		if (st == ST_NOT_FOUND)
			err_set(e, st, NULL, "该走访记录没有照片");
	}
	if (!st) {
		size_t n = strlen(text);
		*data = arena_alloc(c->a, n + 1);
		if (sodium_base642bin((unsigned char *)*data, n, text, n, NULL, len, NULL,
				      sodium_base64_VARIANT_ORIGINAL) != 0)
			st = err_set(e, ST_INTERNAL, NULL, "照片数据损坏");
	}
	return app_finish(c, db, st, &act, e);
}
