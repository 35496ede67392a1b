/* agreements.c: entrusted care agreements (委托照护, see guard.h). 未成年人保护法 Art. 22: a
 * person under any of its disqualifications (the child file's `caregiver_checks`), or without
 * the capacity to care, may not be entrusted: the agreement is refused naming the check and
 * nothing is stored. Art. 23: the written notices to the school and the village committee are
 * kept as their days; an agreement shows what is still missing. A caregiver found lacking (or
 * neglecting) opens a follow-up problem for the child's director, as a visit does (000#5). The
 * signed copy (JPEG, PNG or PDF) is stored with the agreement. */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/child_rules.h"
#include "app/records.h"
#include "common/buf.h"
#include "common/fieldcrypt.h"
#include "common/timeutil.h"
#include "domain/image_type.h"

#define CTX_AGREEMENT_PHONE "care_agreement.phone"

const char *agreement_check_text(const char *code)
{
	return dict_name("caregiver_checks", code);
}

/* ---- the view ---- */

static void view_of(const struct agreement_row *r, struct agreement_view *v, struct arena *a)
{
	memset(v, 0, sizeof *v);
	v->r = *r;
	int n;
	const struct code_name *d = child_dict("caregiver_checks", &n);
	for (int i = 0; i < n && v->nchecks < AGREEMENT_CHECKS_MAX; i++) {
		char key[64];
		snprintf(key, sizeof key, "%s=1", d[i].code);
		const char *hit = r->checks ? strstr(r->checks, key) : NULL;
		int value = hit && (hit == r->checks || hit[-1] == ';');
		v->checks[v->nchecks++] = (struct agreement_check){ d[i].code, value };
	}
	(void)a;
	if (strcmp(r->state, "active") == 0) {
		if (!r->school_notice_on)
			v->missing[v->nmissing++] = "未书面告知学校";
		if (!r->village_notice_on)
			v->missing[v->nmissing++] = "未书面告知村委会";
	}
}

static int load_view(struct ctx *c, struct db *db, int64_t id, struct agreement_view *out,
		     struct err *e)
{
	struct agreement_row r;
	int st = st_agreement_get(db, c->a, &c->who->scope, id, &r);
	if (st == ST_NOT_FOUND)
		return err_set(e, st, NULL, "委托照护协议不存在");
	if (!st)
		view_of(&r, out, c->a);
	return st;
}

/* ---- checks ---- */

static int day_field(const char *field, const char *label, const char *v, int not_future,
		     struct cdate *out, struct err *e)
{
	struct cdate d;
	if (!v)
		return ST_OK;
	if (cdate_parse(v, &d) != 0)
		return err_set(e, ST_INVALID, field, "%s应为有效日期（YYYY-MM-DD）", label);
	if (not_future && cdate_cmp(d, rec_today()) > 0)
		return err_set(e, ST_INVALID, field, "%s不能晚于今天", label);
	if (out)
		*out = d;
	return ST_OK;
}

static int phone_ok(const char *v, struct err *e)
{
	int ok = strlen(v) == 11 && v[0] == '1';
	for (const char *p = v; ok && *p; p++)
		ok = isdigit((unsigned char)*p);
	return ok ? ST_OK : err_set(e, ST_INVALID, "phone", "手机号码应为11位数字");
}

/* Art. 22: every check confirmed, none true, and capable. Returns the stored form in *text. */
static int check_art22(struct ctx *c, const struct agreement_input *in, const char **text,
		       struct err *e)
{
	int n;
	const struct code_name *d = child_dict("caregiver_checks", &n);
	for (int k = 0; k < in->nchecks; k++)
		if (!agreement_check_text(in->checks[k].code))
			return err_set(e, ST_INVALID,
				       arena_printf(c->a, "checks.%s", in->checks[k].code),
				       "不得委托情形不存在：%.40s", in->checks[k].code);
	struct buf b;
	buf_init(&b, 256);
	buf_puts(&b, "");
	int st = ST_OK;
	for (int i = 0; !st && i < n; i++) {
		int found = -1;
		for (int k = 0; k < in->nchecks; k++)
			if (strcmp(in->checks[k].code, d[i].code) == 0)
				found = k;
		const char *field = arena_printf(c->a, "checks.%s", d[i].code);
		if (found < 0)
			st = err_set(e, ST_INVALID, field, "请核实：%s", d[i].name);
		else if (in->checks[found].value)
			st = err_set(e, ST_INVALID, field,
				     "不得作为被委托人：%s（未成年人保护法第二十二条）", d[i].name);
		buf_printf(&b, "%s%s=0", i ? ";" : "", d[i].code);
	}
	if (!st && !in->has_capable)
		st = err_set(e, ST_INVALID, "capable", "请核实被委托人是否具有照护能力");
	if (!st && !in->capable)
		st = err_set(e, ST_INVALID, "capable",
			     "不得作为被委托人：不具有照护能力（未成年人保护法第二十二条）");
	*text = arena_strdup(c->a, b.data);
	buf_free(&b);
	return st;
}

static int check_create(struct ctx *c, const struct agreement_input *in, struct agreement_row *g,
			struct err *e)
{
	struct cdate start, end;
	const char *checks = NULL;
	int st = ST_OK;
	if (rec_check_client_id(in->client_id, e))
		return ST_INVALID;
	if (!rec_opt(in->caregiver_name))
		return err_set(e, ST_INVALID, "caregiver_name", "请填写被委托人姓名");
	if (!rec_opt(in->relation))
		return err_set(e, ST_INVALID, "relation", "请选择被委托人与儿童的关系");
	if (!guard_relation_name(in->relation))
		return err_set(e, ST_INVALID, "relation", "与儿童的关系不正确");
	if (rec_opt(in->phone) && (st = phone_ok(in->phone, e)) != ST_OK)
		return st;
	if (!rec_opt(in->start_on))
		return err_set(e, ST_INVALID, "start_on", "请填写委托开始日期");
	if ((st = day_field("start_on", "委托开始日期", in->start_on, 0, &start, e)) != ST_OK)
		return st;
	if ((st = day_field("end_on", "委托结束日期", rec_opt(in->end_on), 0, &end, e)) != ST_OK)
		return st;
	if (rec_opt(in->end_on) && cdate_cmp(end, start) < 0)
		return err_set(e, ST_INVALID, "end_on", "委托结束日期不能早于开始日期");
	if ((st = day_field("school_notice_on", "书面告知学校日期", rec_opt(in->school_notice_on), 1,
			    NULL, e)) != ST_OK)
		return st;
	if ((st = day_field("village_notice_on", "书面告知村委会日期", rec_opt(in->village_notice_on),
			    1, NULL, e)) != ST_OK)
		return st;
	if (in->capacity && !caregiver_capacity_name(in->capacity))
		return err_set(e, ST_INVALID, "capacity", "照护能力应为 adequate、lacking 或 neglecting");
	if ((st = check_art22(c, in, &checks, e)) != ST_OK)
		return st;
	g->caregiver_name = in->caregiver_name;
	g->relation = in->relation;
	if (rec_opt(in->phone)) {
		g->phone_cipher = field_encrypt(&c->app->fc, c->a, CTX_AGREEMENT_PHONE, in->phone);
		g->phone_masked = mask_phone_number(c->a, in->phone);
		if (!g->phone_cipher)
			return err_set(e, ST_INTERNAL, NULL, "加密失败");
	}
	g->start_on = in->start_on;
	g->end_on = rec_opt(in->end_on);
	g->checks = checks;
	g->capable = 1;
	g->child_heard = in->child_heard;
	g->school_notice_on = rec_opt(in->school_notice_on);
	g->village_notice_on = rec_opt(in->village_notice_on);
	g->capacity = in->capacity;
	g->note = rec_opt(in->note);
	g->client_id = in->client_id;
	return ST_OK;
}

/* 000#5: a caregiver without capacity or neglecting the duty: tell the parents, entrust
 * another or urge this one — the child's director follows it up within 7 days. */
static int open_problem(struct ctx *c, struct db *db, const struct child_row *row,
			const char *caregiver, const char *capacity, int64_t *id, struct err *e)
{
	struct problem_row p = {
		.child_id = row->id,
		.region_code = row->region_code,
		.category = "guardianship_gap",
		.description = arena_printf(
			c->a, "委托照护协议的被委托人%s%s：请告知其父母，另行委托照护人或督促其履行照护职责（000#5）",
			caregiver, caregiver_capacity_name(capacity)),
		.assignee_user_id = row->director_id ? row->director_id : c->who->user_id,
		.deadline = rec_day_text(c->a, cdate_add_days(rec_today(), PROBLEM_FOLLOWUP_DAYS)),
		.created_by = c->who->user_id,
		.created_at = clock_now_ms(),
	};
	int st = st_problem_insert(db, &p, id);
	if (!st)
		st = rec_history(c, db, row, "发现问题", p.description);
	if (!st)   /* an open problem counts in the risk grading and may warn */
		st = standing_refresh(c, db, row->id, "problem", e);
	return st;
}

/* ---- the use cases ---- */

int agreements_create(struct ctx *c, int64_t child_id, const struct agreement_input *in,
		      struct agreement_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("agreement.create", "care_agreement", 0, 0);
	struct child_row row;
	struct agreement_row g = { 0 };
	int64_t id = 0;
	memset(out, 0, sizeof *out);
	int st = guard_child(c, db, child_id, 1, 0, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		if (in->client_id &&
		    st_agreement_by_client(db, c->who->user_id, in->client_id, &id) == ST_OK) {
			st = load_view(c, db, id, out, e);
			if (st == ST_NOT_FOUND || (!st && out->r.child_id != child_id))
				st = err_set(e, ST_CONFLICT, "client_id", "该 client_id 已用于其他记录");
			if (!st) {
				out->replayed = 1;
				rec_set_object(&act, id);
				act.detail = "replay=1";
			}
			return app_finish(c, db, st, &act, e);
		}
	}
	if (!st)
		st = guard_active(&row, e);
	if (!st)
		st = check_create(c, in, &g, e);
	if (!st && g.capacity && strcmp(g.capacity, "adequate") != 0)
		st = open_problem(c, db, &row, g.caregiver_name, g.capacity, &g.problem_id, e);
	if (!st) {
		g.child_id = child_id;
		g.region_code = row.region_code;
		g.created_by = c->who->user_id;
		g.created_at = clock_now_ms();
		st = st_agreement_insert(db, &g, &id);
	}
	if (!st)
		st = rec_history(c, db, &row, "委托照护",
				 arena_printf(c->a, "%s起委托%s（%s）照护", g.start_on, g.caregiver_name,
					      guard_relation_name(g.relation)));
	if (!st)
		st = load_view(c, db, id, out, e);
	if (!st) {
		rec_set_object(&act, id);
		act.detail = arena_printf(c->a, "child=%lld problem=%lld", (long long)child_id,
					  (long long)g.problem_id);
	}
	return app_finish(c, db, st, &act, e);
}

int agreements_list(struct ctx *c, int64_t child_id, struct agreement_view **rows, int *n,
		    struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("agreement.list", "child", child_id, 0);
	struct child_row row;
	struct agreement_row *r = NULL;
	int st = guard_child(c, db, child_id, 0, 0, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		st = st_agreement_list(db, c->a, child_id, &r, n);
	}
	if (!st) {
		*rows = arena_alloc(c->a, sizeof **rows * (size_t)(*n + 1));
		for (int i = 0; i < *n; i++)
			view_of(&r[i], &(*rows)[i], c->a);
		act.detail = arena_printf(c->a, "rows=%d", *n);
	}
	return app_finish(c, db, st, &act, e);
}

/* The agreement and its child inside the caller's scope (the child's narrowing too). */
static int agreement_in_scope(struct ctx *c, struct db *db, int64_t id, int write,
			      struct agreement_view *v, struct child_row *row, struct err *e)
{
	int st = app_require(c, PERM_GUARD_READ, e);
	if (!st && write)
		st = app_require(c, PERM_GUARD_WRITE, e);
	if (!st)
		st = load_view(c, db, id, v, e);
	if (!st) {
		st = rec_child_in_scope(c, db, v->r.child_id, row, e);
		if (st == ST_NOT_FOUND)
			err_set(e, st, NULL, "委托照护协议不存在");
	}
	return st;
}

int agreements_get(struct ctx *c, int64_t id, struct agreement_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("agreement.read", "care_agreement", id, 0);
	struct child_row row;
	int st = agreement_in_scope(c, db, id, 0, out, &row, e);
	if (!st)
		act.region_code = row.region_code;
	return app_finish(c, db, st, &act, e);
}

int agreements_update(struct ctx *c, int64_t id, const struct agreement_change *in,
		      struct agreement_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action(in->end ? "agreement.end" : "agreement.update",
				       "care_agreement", id, 0);
	struct child_row row;
	struct agreement_view v;
	struct cdate start, d;
	int st = agreement_in_scope(c, db, id, 1, &v, &row, e);
	struct agreement_row g = v.r;
	if (!st)
		act.region_code = row.region_code;
	if (!st && strcmp(g.state, "active") != 0)
		st = err_set(e, ST_CONFLICT, "state", "该委托照护协议已终止，不能再修改");
	if (!st)
		cdate_parse(g.start_on, &start);
	if (!st && in->has_school_notice_on) {
		st = day_field("school_notice_on", "书面告知学校日期", rec_opt(in->school_notice_on), 1,
			       NULL, e);
		g.school_notice_on = rec_opt(in->school_notice_on);
	}
	if (!st && in->has_village_notice_on) {
		st = day_field("village_notice_on", "书面告知村委会日期",
			       rec_opt(in->village_notice_on), 1, NULL, e);
		g.village_notice_on = rec_opt(in->village_notice_on);
	}
	if (!st && in->has_end_on) {
		st = day_field("end_on", "委托结束日期", rec_opt(in->end_on), 0, &d, e);
		if (!st && rec_opt(in->end_on) && cdate_cmp(d, start) < 0)
			st = err_set(e, ST_INVALID, "end_on", "委托结束日期不能早于开始日期");
		g.end_on = rec_opt(in->end_on);
	}
	if (!st && in->has_note)
		g.note = rec_opt(in->note);
	const char *before = v.r.capacity;
	if (!st && in->has_capacity) {
		if (in->capacity && !caregiver_capacity_name(in->capacity))
			st = err_set(e, ST_INVALID, "capacity", "照护能力应为 adequate、lacking 或 neglecting");
		g.capacity = in->capacity;
	}
	if (!st && in->end) {
		if (rec_opt(in->ended_on)) {
			st = day_field("ended_on", "终止日期", in->ended_on, 1, &d, e);
			if (!st && cdate_cmp(d, start) < 0)
				st = err_set(e, ST_INVALID, "ended_on", "终止日期不能早于委托开始日期");
			g.ended_on = in->ended_on;
		} else {
			g.ended_on = rec_day_text(c->a, rec_today());
		}
		g.state = "ended";
	}
	/* a capacity newly found wanting opens the follow-up (not again while it stays so) */
	if (!st && g.capacity && strcmp(g.capacity, "adequate") != 0 &&
	    (!before || strcmp(before, g.capacity) != 0))
		st = open_problem(c, db, &row, g.caregiver_name, g.capacity, &g.problem_id, e);
	if (!st) {
		g.updated_at = clock_now_ms();
		st = st_agreement_update(db, &g);
	}
	if (!st && in->end)
		st = rec_history(c, db, &row, "委托照护",
				 arena_printf(c->a, "%s终止委托%s照护", g.ended_on, g.caregiver_name));
	if (!st)
		st = load_view(c, db, id, out, e);
	if (!st)
		act.detail = arena_printf(c->a, "child=%lld state=%s capacity=%s problem=%lld",
					  (long long)g.child_id, g.state, g.capacity ? g.capacity : "",
					  (long long)g.problem_id);
	return app_finish(c, db, st, &act, e);
}

/* ---- the signed copy ---- */

int agreement_copy_put(struct ctx *c, int64_t id, const void *data, size_t len, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("agreement.copy_update", "care_agreement", id, 0);
	struct agreement_view v;
	struct child_row row;
	const char *mime = document_type(data, len);
	int st = agreement_in_scope(c, db, id, 1, &v, &row, e);
	if (!st)
		act.region_code = row.region_code;
	if (!st && len > GUARD_COPY_MAX)
		st = err_set(e, ST_TOO_LARGE, "copy", "签署件不能超过5MB");
	if (!st && !mime)
		st = err_set(e, ST_INVALID, "copy", "签署件应为 JPEG、PNG 图片或 PDF 文件");
	if (!st) {
		size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
		char *text = arena_alloc(c->a, n);
		sodium_bin2base64(text, n, data, len, sodium_base64_VARIANT_ORIGINAL);
		st = st_agreement_copy_put(db, id, v.r.region_code, mime, text, clock_now_ms());
	}
	if (!st)
		st = rec_history(c, db, &row, "委托照护",
				 arena_printf(c->a, "委托%s照护的协议签署件已上传", v.r.caregiver_name));
	if (!st)
		act.detail = arena_printf(c->a, "child=%lld bytes=%zu type=%s",
					  (long long)v.r.child_id, len, mime);
	return app_finish(c, db, st, &act, e);
}

int agreement_copy_get(struct ctx *c, int64_t id, const char **mime, char **data, size_t *len,
		       struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("agreement.copy", "care_agreement", id, 0);
	struct agreement_view v;
	struct child_row row;
	const char *text = NULL;
	int st = agreement_in_scope(c, db, id, 0, &v, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		st = st_agreement_copy_get(db, c->a, id, mime, &text);
		if (st == ST_NOT_FOUND)
			err_set(e, st, NULL, "该协议尚未上传签署件");
	}
	if (!st) {
		size_t n = strlen(text);
		*data = arena_alloc(c->a, n + 1);
		if (sodium_base642bin((unsigned char *)*data, n, text, n, NULL, len, NULL,
				      sodium_base64_VARIANT_ORIGINAL) != 0)
			st = err_set(e, ST_INTERNAL, NULL, "签署件数据损坏");
	}
	return app_finish(c, db, st, &act, e);
}
