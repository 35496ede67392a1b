/* children.c: the use cases of the child's file (一人一档, R3): register, edit, read, unmask,
 * exit and reactivate, history, lists and the roster export, and the daily re-derivation. Every
 * read and change of a child's data is audited in the same transaction. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/child_input.h"
#include "app/child_rules.h"
#include "common/buf.h"
#include "common/timeutil.h"
#include "domain/idcard.h"
#include "domain/image_type.h"

static struct action child_action(const char *name, int64_t id, int64_t region)
{
	struct action act = { .name = name, .object_type = "child", .region_code = region };
	if (id)
		snprintf(act.object_id, sizeof act.object_id, "%lld", (long long)id);
	return act;
}

/* The permission, then the child's row inside the caller's scope; the action learns its region. */
static int scoped_row(struct ctx *c, struct db *db, uint32_t perm, int64_t id,
		      struct child_row *row, struct action *act, struct err *e)
{
	int st = app_require(c, perm, e);
	if (!st) {
		st = st_child_get(db, c->a, &c->who->scope, id, row);
		if (st == ST_NOT_FOUND)
			err_set(e, st, NULL, "儿童档案不存在");
	}
	if (!st)
		act->region_code = row->region_code;
	return st;
}

static struct cdate today_cst(void)
{
	return cdate_from_ms(clock_now_ms());
}

/* The risk level is the caseworkers' (child:read and child:write): schools, departments and
 * volunteers read the file without it, as they cannot read the grading behind it. */
static int is_caseworker(const struct ctx *c)
{
	return c->who && c->who->role && (c->who->role->perms & PERM_CHILD_READ) &&
	       (c->who->role->perms & PERM_CHILD_WRITE);
}

int children_get(struct ctx *c, int64_t id, struct child_file *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = child_action("child.read", id, 0);
	int st = app_require(c, PERM_CHILD_READ, e);
	if (!st)
		st = child_load_file(c, db, id, out, e);
	if (!st && !is_caseworker(c))
		out->c.risk_level = NULL;
	act.region_code = st ? 0 : out->c.region_code;
	return app_finish(c, db, st, &act, e);
}

/* ---- register and edit ---- */

int children_save(struct ctx *c, int64_t id, const struct child_input *in, struct child_file *out,
		  struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = child_action(id ? "child.update" : "child.create", id, 0);
	struct child_file old;
	struct child_built b;
	memset(out, 0, sizeof *out);
	int st = app_require(c, PERM_CHILD_WRITE, e);
	if (!st && id)
		st = child_load_file(c, db, id, &old, e);
	if (!st && id && in->version != old.c.version)
		st = err_set(e, ST_CONFLICT, "version", "档案已被他人修改，请刷新后再试");
	if (!st && id && strcmp(old.c.status, "active") != 0)
		st = err_set(e, ST_INVALID, "status", "该儿童已退出关爱，请先恢复后再修改");
	if (!st)
		st = child_build(c, db, in, id ? &old : NULL, &b, e);
	if (!st)
		st = child_check_duplicate(c, db, &b, id, out, e);
	int64_t *similar = NULL;
	int nsimilar = 0;
	if (!st)
		st = st_child_similar(db, c->a, b.c.name, b.c.birth_date, b.c.region_code, id,
				      &similar, &nsimilar);
	act.region_code = b.c.region_code;
	int64_t saved = id;
	if (!st) {
		st = child_save_rows(c, db, &b, &saved);
		if (st == ST_CONFLICT)   /* the unique index caught a concurrent registration */
			st = err_set(e, ST_DUPLICATE, "id_number", "该身份证号码已登记");
	}
	if (!st && id)
		st = child_record_changes(c, db, &old, &b);
	else if (!st)
		st = st_history_add(db, saved, b.c.region_code, clock_now_ms(), c->who->user_id,
				    c->who->username, "建档", NULL, b.c.name);
	/* the due days and the risk level follow the file (first grading for a new one) */
	if (!st)
		st = standing_refresh(c, db, saved, "file", e);
	if (!st) {
		snprintf(act.object_id, sizeof act.object_id, "%lld", (long long)saved);
		int64_t existing = out->existing_id;
		st = child_load_file(c, db, saved, out, e);
		out->existing_id = existing;
	}
	if (!st && nsimilar) {
		out->warnings[out->nwarnings++] = arena_printf(
			c->a, "可能重复：本村已有%d份姓名、出生日期相同的档案，请核实", nsimilar);
	}
	return app_finish(c, db, st, &act, e);
}

int children_sensitive(struct ctx *c, int64_t id, struct child_sensitive *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = child_action("child.unmask", id, 0);
	struct child_file f;
	memset(out, 0, sizeof *out);
	int st = app_require(c, PERM_CHILD_UNMASK, e);
	if (!st)
		st = child_load_file(c, db, id, &f, e);
	if (!st) {
		const struct fieldcrypt *fc = &c->app->fc;
		act.region_code = f.c.region_code;
		out->id_number = field_decrypt(fc, c->a, "child.id_number", f.c.id_cipher);
		out->nmembers = f.nmembers;
		for (int i = 0; i < f.nmembers; i++) {
			out->member_ids[i] = f.members[i].id;
			out->member_id_numbers[i] = field_decrypt(fc, c->a, "member.id_number",
								  f.members[i].id_cipher);
			out->member_phones[i] = field_decrypt(fc, c->a, "member.phone",
							      f.members[i].phone_cipher);
		}
		out->has_caregiver = f.has_caregiver;
		if (f.has_caregiver) {
			out->cg_id_number = field_decrypt(fc, c->a, "caregiver.id_number", f.cg.id_cipher);
			out->cg_phone = field_decrypt(fc, c->a, "caregiver.phone", f.cg.phone_cipher);
		}
		if (!out->id_number)
			st = err_set(e, ST_INTERNAL, NULL, "证件号码无法解密：请检查密钥文件");
	}
	return app_finish(c, db, st, &act, e);
}

static int set_status(struct ctx *c, int64_t id, int exiting, const char *reason,
		      const char *date, const char *note, struct child_file *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = child_action(exiting ? "child.exit" : "child.reactivate", id, 0);
	struct child_file f;
	struct cdate d, today = today_cst();
	int st = app_require(c, PERM_CHILD_WRITE, e);
	if (!st)
		st = child_load_file(c, db, id, &f, e);
	act.region_code = st ? 0 : f.c.region_code;
	if (!st && exiting && strcmp(f.c.status, "active") != 0)
		st = err_set(e, ST_INVALID, "status", "该儿童已退出关爱");
	if (!st && !exiting && strcmp(f.c.status, "exited") != 0)
		st = err_set(e, ST_INVALID, "status", "该儿童正在关爱中");
	if (!st && exiting && !exit_reason_name(reason))
		st = err_set(e, ST_INVALID, "reason", "请选择退出原因");
	if (!st && exiting && (!date || cdate_parse(date, &d) != 0))
		st = err_set(e, ST_INVALID, "date", "退出日期应为有效日期（YYYY-MM-DD）");
	if (!st && exiting && cdate_cmp(d, today) > 0)
		st = err_set(e, ST_INVALID, "date", "退出日期不能晚于今天");
	if (!st && note && strlen(note) > 2000)
		st = err_set(e, ST_INVALID, "note", "说明过长");
	if (!st)
		st = st_child_set_status(db, id, exiting ? "exited" : "active",
					 exiting ? reason : NULL, exiting ? date : NULL, note,
					 clock_now_ms());
	if (!st)
		st = st_history_add(db, id, f.c.region_code, clock_now_ms(), c->who->user_id,
				    c->who->username, exiting ? "退出关爱" : "恢复关爱",
				    exiting ? NULL : exit_reason_name(f.c.exit_reason),
				    exiting ? exit_reason_name(reason) : note);
	if (!st)
		act.detail = exiting ? arena_printf(c->a, "reason=%s", reason) : NULL;
	/* leaving care clears the due days; coming back schedules the child again */
	if (!st)
		st = standing_refresh(c, db, id, "file", e);
	if (!st)
		st = child_load_file(c, db, id, out, e);
	return app_finish(c, db, st, &act, e);
}

int children_exit(struct ctx *c, int64_t id, const char *reason, const char *date,
		  const char *note, struct child_file *out, struct err *e)
{
	return set_status(c, id, 1, reason, date, note, out, e);
}

int children_reactivate(struct ctx *c, int64_t id, const char *note, struct child_file *out,
			struct err *e)
{
	return set_status(c, id, 0, NULL, NULL, note, out, e);
}

int children_photo_put(struct ctx *c, int64_t id, const void *data, size_t len, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = child_action("child.photo_update", id, 0);
	/* the type is what the bytes say, not what the client claims */
	const char *mime = image_type(data, len);
	struct child_row row;
	int st = scoped_row(c, db, PERM_CHILD_WRITE, id, &row, &act, e);
	if (!st && !mime)
		st = err_set(e, ST_INVALID, "photo", "照片应为 JPEG 或 PNG 图片");
	if (!st && len > PHOTO_MAX)
		st = err_set(e, ST_INVALID, "photo", "照片不能超过2MB");
	if (!st) {
		size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
		char *text = arena_alloc(c->a, n);
		sodium_bin2base64(text, n, data, len, sodium_base64_VARIANT_ORIGINAL);
		st = st_photo_put(db, id, row.region_code, mime, text, clock_now_ms());
	}
	if (!st)
		st = st_history_add(db, id, row.region_code, clock_now_ms(), c->who->user_id,
				    c->who->username, "照片", NULL, "已更新");
	return app_finish(c, db, st, &act, e);
}

int children_photo_get(struct ctx *c, int64_t id, const char **mime, char **data, size_t *len,
		       struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = child_action("child.photo", id, 0);
	struct child_row row;
	const char *text = NULL;
	int st = scoped_row(c, db, PERM_CHILD_READ, id, &row, &act, e);
	if (!st) {
		st = st_photo_get(db, c->a, id, mime, &text);
		if (st == ST_NOT_FOUND)
			err_set(e, st, NULL, "该儿童没有照片");
	}
	if (!st) {
		size_t n = strlen(text);
		*data = arena_alloc(c->a, n);
		if (sodium_base642bin((unsigned char *)*data, n, text, n, NULL, len, NULL,
				      sodium_base64_VARIANT_ORIGINAL) != 0)
			st = err_set(e, ST_INTERNAL, NULL, "照片数据损坏");
	}
	return app_finish(c, db, st, &act, e);
}

int children_history(struct ctx *c, int64_t id, struct history_row **rows, int *n, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = child_action("child.history", id, 0);
	struct child_row row;
	int st = scoped_row(c, db, PERM_CHILD_READ, id, &row, &act, e);
	if (!st)
		st = st_history_list(db, c->a, id, rows, n);
	return app_finish(c, db, st, &act, e);
}

/* ---- lists ---- */

static int utf8_chars(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int build_filter(struct ctx *c, struct db *db, const struct child_query *q,
			struct child_filter *f, struct err *e)
{
	memset(f, 0, sizeof *f);
	f->scope = c->who->scope;
	struct cdate today = today_cst();
	char *buf;
	int st = ST_OK;
	if (q->region && *q->region) {
		int64_t code;
		st = regions_in_scope(c, db, "region", q->region, &code, &f->within, e);
	}
	if (!st && q->category && *q->category && !(f->category = category_from_code(q->category)))
		st = err_set(e, ST_INVALID, "category", "类别不正确");
	if (!st && q->school_stage && *q->school_stage) {
		if (!dict_name("school_stages", q->school_stage))
			st = err_set(e, ST_INVALID, "school_stage", "就学阶段不正确");
		f->school_stage = q->school_stage;
	}
	if (!st && q->schooling_status && *q->schooling_status) {
		if (!dict_name("schooling_statuses", q->schooling_status))
			st = err_set(e, ST_INVALID, "schooling_status", "在校情况不正确");
		f->schooling_status = q->schooling_status;
	}
	if (!st && q->status && *q->status) {
		if (strcmp(q->status, "active") && strcmp(q->status, "exited"))
			st = err_set(e, ST_INVALID, "status", "状态应为 active 或 exited");
		f->status = q->status;
	}
	if (!st && q->sort && *q->sort && strcmp(q->sort, "name") && strcmp(q->sort, "-updated_at") &&
	    strcmp(q->sort, "birth_date"))
		st = err_set(e, ST_INVALID, "sort", "排序方式不正确");
	f->sort = q->sort;
	/* age >= min: born on or before today minus min years; age <= max: born after today
	 * minus (max + 1) years */
	if (!st && q->age_min >= 0) {
		buf = arena_alloc(c->a, 11);
		cdate_format(cdate_add_months(today, -12 * q->age_min), buf);
		f->born_before = buf;
	}
	if (!st && q->age_max >= 0) {
		buf = arena_alloc(c->a, 11);
		cdate_format(cdate_add_days(cdate_add_months(today, -12 * (q->age_max + 1)), 1), buf);
		f->born_after = buf;
	}
	f->director_id = q->director_id;
	f->mismatch_only = q->mismatch;
	/* risk=red,orange: the level in force */
	if (!st && q->risk && *q->risk) {
		char *list = arena_strdup(c->a, q->risk), *save = NULL;
		for (char *t = strtok_r(list, ",", &save); !st && t; t = strtok_r(NULL, ",", &save)) {
			int dup = 0;
			if (risk_level_from_code(t) == RISK_UNSET)
				st = err_set(e, ST_INVALID, "risk",
					     "风险等级应为 red、orange、yellow 或 green，可用逗号分隔");
			for (int i = 0; i < f->nrisk; i++)
				dup |= strcmp(f->risk_levels[i], t) == 0;
			if (!st && !dup && f->nrisk < 4)
				f->risk_levels[f->nrisk++] = t;
		}
	}
	if (!st && q->turning) {   /* turning 16 or 18 within the next 60 days */
		buf = arena_alloc(c->a, 11);
		cdate_format(cdate_add_days(today, 60), buf);
		f->turning_before = buf;
	}
	if (!st && q->q && *q->q) {
		int chars = utf8_chars(q->q);
		if (chars > 30)
			st = err_set(e, ST_INVALID, "q", "姓名搜索内容过长");
		else if (chars <= 2) {
			f->name_gram = q->q;
		} else {
			const char **grams;
			name_grams(c->a, q->q, &grams);
			f->name_gram = grams[1];   /* the first pair; LIKE checks the rest */
			f->name_like = q->q;
		}
	}
	if (!st && q->id_number && *q->id_number) {
		struct idcard id;
		if (idcard_parse(q->id_number, today, &id) != IDCARD_OK)
			st = err_set(e, ST_INVALID, "id_number", "身份证号码格式不正确");
		else {
			char idx[65];
			blind_index(&c->app->fc, "child.id_number", id.number, idx);
			f->id_index = arena_strdup(c->a, idx);
		}
	}
	return st;
}

int children_list(struct ctx *c, const struct child_query *q, struct child_row **rows, int *n,
		  int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = child_action("child.list", 0, c->who ? c->who->region_code : 0);
	struct child_filter f;
	int st = app_require(c, PERM_CHILD_READ, e);
	if (!st)
		st = build_filter(c, db, q, &f, e);
	if (!st)
		st = st_child_list(db, c->a, &f, app_page(q->page, q->page_size), rows, n, total);
	for (int i = 0; !st && !is_caseworker(c) && i < *n; i++)
		(*rows)[i].risk_level = NULL;
	if (!st)
		act.detail = arena_printf(c->a, "rows=%d total=%lld", *n, (long long)*total);
	return app_finish(c, db, st, &act, e);
}

int children_export(struct ctx *c, const struct child_query *q, char **xlsx, size_t *len,
		    struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = child_action("child.export", 0, c->who ? c->who->region_code : 0);
	struct child_filter f;
	struct child_row *rows = NULL;
	int n = 0;
	int64_t total = 0;
	int st = app_require(c, PERM_CHILD_EXPORT, e);
	if (!st)
		st = build_filter(c, db, q, &f, e);
	if (!st)
		st = st_child_list(db, c->a, &f, (struct page){ 0, 50000 }, &rows, &n, &total);
	if (!st && total > n)
		st = err_set(e, ST_INVALID, "region", "导出超过50000条，请缩小范围后再导出");
	if (!st) {
		enum { NC = 15 };
		static const char *const headers[NC] = {
			"姓名", "性别", "出生日期", "身份证号码", "民族", "乡镇（街道）", "村（社区）",
			"户口性质", "就学阶段", "学校", "在校情况", "健康状况", "认定类别", "状态",
			"儿童主任",
		};
		const char **cells = arena_alloc(c->a, sizeof(char *) * NC * (size_t)(n + 1));
		for (int i = 0; i < n; i++) {
			const struct child_row *r = &rows[i];
			const char **row = cells + i * NC;
			row[0] = r->name;
			row[1] = dict_name("sexes", r->sex);
			row[2] = r->birth_date;
			row[3] = r->id_masked;
			row[4] = r->ethnicity;
			row[5] = r->town_name;
			row[6] = r->region_name;
			row[7] = dict_name("hukou_types", r->hukou_type);
			row[8] = dict_name("school_stages", r->school_stage);
			row[9] = r->school_name;
			row[10] = dict_name("schooling_statuses", r->schooling_status);
			row[11] = dict_name("health", r->health);
			row[12] = categories_text(c->a, r->derived_categories);
			row[13] = strcmp(r->status, "active") == 0 ? "在册" : "已退出";
			row[14] = r->director_name;
		}
		st = xlsx_table(c->a, "花名册", headers, NC, cells, n, xlsx, len, e);
		act.detail = arena_printf(c->a, "rows=%d", n);
	}
	return app_finish(c, db, st, &act, e);
}

/* ---- the daily re-derivation ---- */

int children_sweep(struct ctx *c, int64_t *checked, int64_t *changed, struct err *e)
{
	char day[11];
	struct cdate today = today_cst();
	cdate_format(today, day);
	*checked = *changed = 0;
	int64_t after = 0;
	int st = ST_OK;
	for (;;) {
		struct arena a = ARENA_INIT;
		struct ctx bc = *c;
		bc.a = &a;
		struct db *db = app_begin(&bc, 1, e);
		if (!db) {
			arena_release(&a);
			return ST_DB;
		}
		struct child_row *rows;
		int n = 0;
		st = st_child_stale(db, &a, day, after, 500, &rows, &n);
		for (int i = 0; !st && i < n; i++) {
			struct member_row *m;
			int nm;
			st = st_members_get(db, &a, rows[i].id, &m, &nm);
			if (st)
				break;
			struct child_row now = rows[i];
			child_derive(&a, &now, m, nm, today, NULL, NULL);
			st = st_child_set_derived(db, now.id, now.derived_categories, now.mismatch,
						  now.recheck_on, now.turning_on);
			*changed += now.derived_categories != rows[i].derived_categories;
			/* the categories feed the schedule (single parent, disabled) and the risk
			 * grading: the standing sweep that follows re-grades the child */
			if (!st && now.derived_categories != rows[i].derived_categories)
				st = st_standing_mark(db, now.id, day);
			after = rows[i].id;
		}
		*checked += n;
		struct action act = child_action("child.sweep", 0, 0);
		act.detail = arena_printf(&a, "checked=%d", n);
		st = app_finish(&bc, db, st, n ? &act : NULL, e);
		arena_release(&a);
		if (st || n < 500)
			break;
	}
	return st;
}
