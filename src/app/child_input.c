/* child_input.c: checks a child's file as entered (form or spreadsheet row) and turns it into
 * rows to store: every error names its field in Chinese; ID and phone numbers are normalised,
 * encrypted, indexed and masked here and nowhere else. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "app/child_input.h"
#include "app/child_rules.h"
#include "common/buf.h"
#include "common/timeutil.h"
#include "domain/idcard.h"
#include "domain/region.h"

#define CTX_CHILD_ID "child.id_number"
#define CTX_MEMBER_ID "member.id_number"
#define CTX_MEMBER_PHONE "member.phone"
#define CTX_CG_ID "caregiver.id_number"
#define CTX_CG_PHONE "caregiver.phone"

/* Optional text: empty means absent, so "" and null store and compare alike. */
static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

static const char *field_at(struct arena *a, const char *prefix, int i, const char *name)
{
	return i < 0 ? name : arena_printf(a, "%s[%d].%s", prefix, i, name);
}

static int text(struct ctx *c, const char *field, const char *label, const char *v, int required,
		size_t max_bytes, struct err *e)
{
	if ((!v || !*v) && required)
		return err_set(e, ST_INVALID, field, "请填写%s", label);
	if (v && strlen(v) > max_bytes)
		return err_set(e, ST_INVALID, field, "%s过长", label);
	return ST_OK;
}

static int coded(const char *field, const char *label, const char *dict, const char *v,
		 int required, struct err *e)
{
	if (!v || !*v)
		return required ? err_set(e, ST_INVALID, field, "请选择%s", label) : ST_OK;
	if (!dict_name(dict, v))
		return err_set(e, ST_INVALID, field, "%s的取值不正确：%.40s", label, v);
	return ST_OK;
}

static int date(const char *field, const char *label, const char *v, struct cdate today,
		struct err *e)
{
	struct cdate d;
	if (!v || !*v)
		return ST_OK;
	if (cdate_parse(v, &d) != 0)
		return err_set(e, ST_INVALID, field, "%s应为有效日期（YYYY-MM-DD）", label);
	if (cdate_cmp(d, today) > 0)
		return err_set(e, ST_INVALID, field, "%s不能晚于今天", label);
	return ST_OK;
}

static int phone_ok(const char *field, const char *v, struct err *e)
{
	if (!v || !*v)
		return ST_OK;
	int ok = strlen(v) == 11 && v[0] == '1';
	for (const char *p = v; ok && *p; p++)
		ok = isdigit((unsigned char)*p);
	return ok ? ST_OK : err_set(e, ST_INVALID, field, "手机号码应为11位数字");
}

/* Encrypts, indexes and masks one ID number (already checked). */
static void seal_id(struct ctx *c, const char *context, const char *number, const char **cipher,
		    const char **index, const char **masked)
{
	char idx[65];
	*cipher = field_encrypt(&c->app->fc, c->a, context, number);
	blind_index(&c->app->fc, context, number, idx);
	*index = arena_strdup(c->a, idx);
	*masked = mask_id_number(c->a, number);
}

static int check_id(struct ctx *c, const char *field, const char *label, const char *v,
		    struct cdate today, struct idcard *out, struct err *e)
{
	enum idcard_error ie = idcard_parse(v, today, out);
	if (ie != IDCARD_OK)
		return err_set(e, ST_INVALID, field, "%s：%s", label, idcard_error_text(ie));
	return ST_OK;
}

static int build_member(struct ctx *c, int i, const struct member_input *in,
			const struct member_row *old, int nold, struct cdate today,
			struct member_row *m, struct err *e)
{
	struct arena *a = c->a;
	memset(m, 0, sizeof *m);
	int st = coded(field_at(a, "members", i, "relation"), "与儿童关系", "relations", in->relation, 1, e);
	if (!st)
		st = text(c, field_at(a, "members", i, "name"), "姓名", in->name, 1, 90, e);
	if (!st)
		st = coded(field_at(a, "members", i, "status"), "状况", "member_statuses",
			   in->status ? in->status : "home", 0, e);
	if (!st)
		st = date(field_at(a, "members", i, "birth_date"), "出生日期", in->birth_date, today, e);
	if (!st)
		st = date(field_at(a, "members", i, "since"), "起始日期", in->since, today, e);
	if (!st)
		st = phone_ok(field_at(a, "members", i, "phone"), in->phone, e);
	if (!st && in->disability_kind && *in->disability_kind)
		st = coded(field_at(a, "members", i, "disability_kind"), "残疾类别", "disability_kinds",
			   in->disability_kind, 0, e);
	if (!st && (in->disability_grade < 0 || in->disability_grade > 4))
		st = err_set(e, ST_INVALID, field_at(a, "members", i, "disability_grade"),
			     "残疾等级应为1至4级");
	if (!st && (in->months < 0 || in->months > 1200))
		st = err_set(e, ST_INVALID, field_at(a, "members", i, "months"), "期限（月）不正确");
	if (!st)
		st = text(c, field_at(a, "members", i, "away_place"), "务工地点", in->away_place, 0, 200, e);
	if (!st)
		st = text(c, field_at(a, "members", i, "work_place"), "工作单位", in->work_place, 0, 200, e);
	if (st)
		return st;
	m->relation = in->relation;
	m->name = in->name;
	m->birth_date = in->birth_date && *in->birth_date ? in->birth_date : NULL;
	m->status = in->status && *in->status ? in->status : "home";
	m->away_place = nz(in->away_place);
	m->since = in->since && *in->since ? in->since : NULL;
	m->outside_county = in->outside_county;
	m->months = in->months;
	m->disability_grade = in->disability_grade;
	m->disability_kind = in->disability_kind && *in->disability_kind ? in->disability_kind : NULL;
	m->work_place = nz(in->work_place);
	const struct member_row *prev = NULL;
	for (int k = 0; in->id && k < nold; k++)
		if (old[k].id == in->id)
			prev = &old[k];
	if (in->has_id_number && in->id_number && *in->id_number) {
		struct idcard id;
		st = check_id(c, field_at(a, "members", i, "id_number"), "身份证号码", in->id_number,
			      today, &id, e);
		if (st)
			return st;
		seal_id(c, CTX_MEMBER_ID, id.number, &m->id_cipher, &m->id_index, &m->id_masked);
		if (!m->birth_date) {
			char b[11];
			cdate_format(id.birth, b);
			m->birth_date = arena_strdup(a, b);
		}
	} else if (!in->has_id_number && prev) {
		m->id_cipher = prev->id_cipher;
		m->id_index = prev->id_index;
		m->id_masked = prev->id_masked;
	}
	if (in->has_phone && in->phone && *in->phone) {
		char idx[65];
		m->phone_cipher = field_encrypt(&c->app->fc, a, CTX_MEMBER_PHONE, in->phone);
		blind_index(&c->app->fc, CTX_MEMBER_PHONE, in->phone, idx);
		m->phone_index = arena_strdup(a, idx);
		m->phone_masked = mask_phone_number(a, in->phone);
	} else if (!in->has_phone && prev) {
		m->phone_cipher = prev->phone_cipher;
		m->phone_index = prev->phone_index;
		m->phone_masked = prev->phone_masked;
	}
	return ST_OK;
}

static int build_caregiver(struct ctx *c, const struct caregiver_input *in,
			   const struct caregiver_row *old, struct cdate today,
			   struct caregiver_row *cg, struct err *e)
{
	struct arena *a = c->a;
	/* stored numbers carry over only while the caregiver is the same person */
	if (old && (!in->name || strcmp(old->name, in->name) != 0))
		old = NULL;
	memset(cg, 0, sizeof *cg);
	int st = text(c, "caregiver.name", "委托照护人姓名", in->name, 1, 90, e);
	if (!st)
		st = text(c, "caregiver.relation", "与儿童关系", in->relation, 0, 60, e);
	if (!st)
		st = date("caregiver.agreement_date", "委托协议日期", in->agreement_date, today, e);
	if (!st)
		st = phone_ok("caregiver.phone", in->phone, e);
	if (!st)
		st = text(c, "caregiver.address", "住址", in->address, 0, 300, e);
	struct buf checks;
	buf_init(&checks, 1024);
	buf_puts(&checks, "");
	for (int i = 0; !st && i < in->nchecks; i++) {
		st = coded("caregiver.checks", "不得委托情形", "caregiver_checks", in->checks[i], 1, e);
		buf_printf(&checks, "%s%s", i ? "," : "", in->checks[i]);
	}
	cg->checks = arena_strdup(a, checks.data);
	buf_free(&checks);
	if (st)
		return st;
	cg->name = in->name;
	cg->relation = nz(in->relation);
	cg->address = nz(in->address);
	cg->agreement_date = in->agreement_date && *in->agreement_date ? in->agreement_date : NULL;
	cg->school_notified = in->school_notified;
	cg->village_notified = in->village_notified;
	if (in->has_id_number && in->id_number && *in->id_number) {
		struct idcard id;
		st = check_id(c, "caregiver.id_number", "委托照护人身份证号码", in->id_number, today, &id, e);
		if (st)
			return st;
		seal_id(c, CTX_CG_ID, id.number, &cg->id_cipher, &cg->id_index, &cg->id_masked);
	} else if (!in->has_id_number && old) {
		cg->id_cipher = old->id_cipher;
		cg->id_index = old->id_index;
		cg->id_masked = old->id_masked;
	}
	if (in->has_phone && in->phone && *in->phone) {
		char idx[65];
		cg->phone_cipher = field_encrypt(&c->app->fc, a, CTX_CG_PHONE, in->phone);
		blind_index(&c->app->fc, CTX_CG_PHONE, in->phone, idx);
		cg->phone_index = arena_strdup(a, idx);
		cg->phone_masked = mask_phone_number(a, in->phone);
	} else if (!in->has_phone && old) {
		cg->phone_cipher = old->phone_cipher;
		cg->phone_index = old->phone_index;
		cg->phone_masked = old->phone_masked;
	}
	return ST_OK;
}

int child_build(struct ctx *c, struct db *db, const struct child_input *in,
		const struct child_file *old, struct child_built *out, struct err *e)
{
	struct arena *a = c->a;
	struct child_row *r = &out->c;
	struct cdate today = cdate_from_ms(clock_now_ms());
	memset(out, 0, sizeof *out);
	if (old)
		*r = old->c;
	int st = text(c, "name", "姓名", in->name, 1, 90, e);
	/* the ID number: required to register a child whose household is registered (a child
	 * without 户口 may have none: then birth date and sex are entered); on edit, left out
	 * keeps the stored one */
	struct idcard id;
	int has_id = in->id_number && *in->id_number;
	if (!st && !has_id && !old && in->hukou_registered)
		st = err_set(e, ST_INVALID, "id_number", "请填写身份证号码（未登记户口的儿童可不填）");
	if (!st && !has_id && !old) {
		struct cdate b;
		if (!in->birth_date || cdate_parse(in->birth_date, &b) != 0 || cdate_cmp(b, today) > 0)
			st = err_set(e, ST_INVALID, "birth_date", "无身份证号码时请填写出生日期（YYYY-MM-DD）");
		else if (!in->sex || (strcmp(in->sex, "M") && strcmp(in->sex, "F")))
			st = err_set(e, ST_INVALID, "sex", "无身份证号码时请选择性别");
		else {
			r->birth_date = in->birth_date;
			r->sex = in->sex;
		}
	}
	if (!st && has_id)
		st = check_id(c, "id_number", "身份证号码", in->id_number, today, &id, e);
	if (!st && has_id) {
		char b[11];
		cdate_format(id.birth, b);
		if (in->birth_date && *in->birth_date && strcmp(in->birth_date, b) != 0)
			st = err_set(e, ST_INVALID, "birth_date", "出生日期与身份证号码不符（应为%s）", b);
		else if (in->sex && *in->sex && in->sex[0] != id.sex)
			st = err_set(e, ST_INVALID, "sex", "性别与身份证号码不符");
		if (!st) {
			r->birth_date = arena_strdup(a, b);
			r->sex = id.sex == 'M' ? "M" : "F";
			seal_id(c, CTX_CHILD_ID, id.number, &r->id_cipher, &r->id_index, &r->id_masked);
			if (!r->id_cipher)
				st = err_set(e, ST_INTERNAL, NULL, "加密失败");
		}
	}
	if (!st) {
		struct cdate b;
		cdate_parse(r->birth_date, &b);
		if (cdate_age(b, today) >= 18 && !old)
			st = err_set(e, ST_INVALID, "id_number", "该儿童已年满18周岁，不在关爱范围内");
	}
	if (!st)
		st = regions_in_scope(c, db, "region_code", in->region_code, &r->region_code, NULL, e);
	if (!st && region_level(r->region_code) != REGION_VILLAGE)
		st = err_set(e, ST_INVALID, "region_code", "请选择儿童所在的村（社区）");
	if (!st)
		st = coded("ethnicity", "民族", "ethnicities", in->ethnicity, 0, e);
	if (!st)
		st = coded("hukou_type", "户口性质", "hukou_types", in->hukou_type, 1, e);
	if (!st)
		st = coded("health", "健康状况", "health", in->health ? in->health : "healthy", 1, e);
	int disabled = !st && in->health && strcmp(in->health, "disabled") == 0;
	if (disabled)
		st = coded("disability_kind", "残疾类别", "disability_kinds", in->disability_kind, 1, e);
	if (!st && disabled && (in->disability_grade < 1 || in->disability_grade > 4))
		st = err_set(e, ST_INVALID, "disability_grade", "残疾等级应为1至4级");
	if (!st && in->health && strcmp(in->health, "ill") == 0)
		st = text(c, "illness", "所患疾病", in->illness, 1, 200, e);
	if (!st)
		st = coded("school_stage", "就学阶段", "school_stages",
			   in->school_stage ? in->school_stage : "none", 1, e);
	if (!st)
		st = coded("schooling_status", "在校情况", "schooling_statuses",
			   in->schooling_status ? in->schooling_status : "not_in_school", 1, e);
	if (!st)
		st = coded("economic", "家庭经济状况", "economic", in->economic ? in->economic : "none", 1, e);
	if (!st)
		st = text(c, "hukou_address", "户籍地址", in->hukou_address, 0, 300, e);
	if (!st)
		st = text(c, "current_address", "现住址", in->current_address, 0, 300, e);
	if (!st)
		st = text(c, "school_name", "学校名称", in->school_name, 0, 200, e);
	if (!st)
		st = text(c, "school_grade", "年级", in->school_grade, 0, 60, e);
	if (!st)
		st = text(c, "guardianship_note", "监护情况", in->guardianship_note, 0, 4000, e);
	if (!st)
		st = text(c, "notes", "备注", in->notes, 0, 4000, e);
	struct org_row school;
	if (!st && in->school_org_id &&
	    (st_org_get(db, a, &c->who->scope, in->school_org_id, &school) != ST_OK ||
	     strcmp(school.type, "school") != 0))
		st = err_set(e, ST_INVALID, "school_org_id", "所选学校不存在或不在您的管理范围内");
	struct user_row director;
	const struct scope all = { .lo = 0, .hi = REGION_CODE_MAX };
	if (!st && in->director_id &&
	    (st_user_get(db, a, &all, in->director_id, &director) != ST_OK ||
	     strcmp(director.role, "director") != 0 ||
	     !region_contains(director.region_code, r->region_code)))
		st = err_set(e, ST_INVALID, "director_id", "所选儿童主任不负责该村（社区）");
	const char *bad = NULL;
	uint32_t recorded = st ? 0 : categories_from_codes(in->recorded, in->nrecorded, &bad);
	if (!st && bad)
		st = err_set(e, ST_INVALID, "recorded_categories", "类别不正确：%.40s", bad);
	if (!st && in->nmembers > MAX_MEMBERS)
		st = err_set(e, ST_INVALID, "members", "家庭成员最多%d人", MAX_MEMBERS);
	out->members = arena_alloc(a, sizeof *out->members * (size_t)(in->nmembers + 1));
	for (int i = 0; !st && i < in->nmembers; i++)
		st = build_member(c, i, &in->members[i], old ? old->members : NULL,
				  old ? old->nmembers : 0, today, &out->members[i], e);
	out->nmembers = in->nmembers;
	out->has_caregiver = in->has_caregiver;
	if (!st && in->has_caregiver)
		st = build_caregiver(c, &in->caregiver, old && old->has_caregiver ? &old->cg : NULL,
				     today, &out->cg, e);
	if (st)
		return st;
	r->name = in->name;
	r->ethnicity = in->ethnicity && *in->ethnicity ? in->ethnicity : NULL;
	r->hukou_registered = in->hukou_registered;
	r->hukou_type = in->hukou_type;
	r->hukou_address = nz(in->hukou_address);
	r->current_address = nz(in->current_address);
	r->health = in->health ? in->health : "healthy";
	r->disability_kind = disabled ? in->disability_kind : NULL;
	r->disability_grade = disabled ? in->disability_grade : 0;
	r->illness = nz(in->illness);
	r->school_stage = in->school_stage ? in->school_stage : "none";
	r->schooling_status = in->schooling_status ? in->schooling_status : "not_in_school";
	r->school_org_id = in->school_org_id;
	r->school_name = in->school_org_id ? school.name : nz(in->school_name);
	r->school_grade = nz(in->school_grade);
	r->boarding = in->boarding;
	r->economic = in->economic ? in->economic : "none";
	r->parents_divorced = in->parents_divorced;
	r->harmed = in->harmed;
	r->misbehaviour = in->misbehaviour;
	r->guardianship_note = nz(in->guardianship_note);
	r->notes = nz(in->notes);
	/* the director defaults to the one who keeps the file, or the one who registers it */
	r->director_id = in->director_id;
	if (!r->director_id && old)
		r->director_id = old->c.director_id;
	if (!r->director_id && c->who->role && strcmp(c->who->role->code, "director") == 0 &&
	    region_contains(c->who->region_code, r->region_code))
		r->director_id = c->who->user_id;
	r->recorded_categories = recorded;
	r->version = in->version;
	child_derive(a, r, out->members, out->nmembers, today, out->reasons, &out->nreasons);
	return ST_OK;
}

/* ---- shared with children.c and child_import.c: load, check, save, record ---- */

int child_load_file(struct ctx *c, struct db *db, int64_t id, struct child_file *out,
		     struct err *e)
{
	memset(out, 0, sizeof *out);
	int st = st_child_get(db, c->a, &c->who->scope, id, &out->c);
	if (st == ST_NOT_FOUND)
		return err_set(e, st, NULL, "儿童档案不存在");
	if (!st)
		st = st_members_get(db, c->a, id, &out->members, &out->nmembers);
	if (!st) {
		st = st_caregiver_get(db, c->a, id, &out->cg);
		out->has_caregiver = st == ST_OK;
		if (st == ST_NOT_FOUND)
			st = ST_OK;
	}
	if (st)
		return st;
	struct child_row now = out->c;
	child_derive(c->a, &now, out->members, out->nmembers, cdate_from_ms(clock_now_ms()),
		     out->reasons, &out->nreasons);
	out->missing = now.derived_categories & ~now.recorded_categories;
	out->extra = now.recorded_categories & ~now.derived_categories;
	out->c.derived_categories = now.derived_categories;
	out->c.mismatch = now.mismatch;
	out->c.turning_on = now.turning_on;
	if (out->has_caregiver)
		out->ncg_warnings = caregiver_warnings(&out->cg, out->cg_warnings, MAX_CG_CHECKS + 2);
	const char *mime;
	st = st_photo_get(db, c->a, id, &mime, NULL);
	out->has_photo = st == ST_OK;
	if (st && st != ST_NOT_FOUND)
		return st;
	/* volunteers never see numbers, not even masked (R2) */
	out->show_numbers = !(c->who->role && strcmp(c->who->role->code, "volunteer") == 0);
	return ST_OK;
}

/* ---- history: what changed, field by field, in Chinese ---- */

static const char *yesno(int v)
{
	return v ? "是" : "否";
}

static const char *member_line(struct arena *a, const struct member_row *m, int n)
{
	struct buf b;
	buf_init(&b, 8192);
	buf_puts(&b, "");
	for (int i = 0; i < n; i++) {
		const char *rel = dict_name("relations", m[i].relation);
		const char *sta = dict_name("member_statuses", m[i].status);
		buf_printf(&b, "%s%s %s %s%s%s", i ? "；" : "", rel ? rel : m[i].relation, m[i].name,
			   sta ? sta : m[i].status, m[i].away_place ? " " : "",
			   m[i].away_place ? m[i].away_place : "");
		if (m[i].id_masked)
			buf_printf(&b, " %s", m[i].id_masked);
	}
	const char *s = arena_strdup(a, b.data);
	buf_free(&b);
	return s;
}

static int diff(struct ctx *c, struct db *db, int64_t id, int64_t region, const char *field,
		const char *old_v, const char *new_v)
{
	if ((!old_v && !new_v) || (old_v && new_v && strcmp(old_v, new_v) == 0))
		return ST_OK;
	if ((!old_v || !*old_v) && (!new_v || !*new_v))
		return ST_OK;
	return st_history_add(db, id, region, clock_now_ms(), c->who->user_id, c->who->username,
			      field, old_v, new_v);
}

int child_record_changes(struct ctx *c, struct db *db, const struct child_file *old,
			  const struct child_built *b)
{
	struct arena *a = c->a;
	const struct child_row *o = &old->c, *n = &b->c;
	int64_t id = o->id, rg = n->region_code;
	char gr[2][8];
	snprintf(gr[0], sizeof gr[0], "%d", o->disability_grade);
	snprintf(gr[1], sizeof gr[1], "%d", n->disability_grade);
	char rc[2][13];
	snprintf(rc[0], sizeof rc[0], "%012lld", (long long)o->region_code);
	snprintf(rc[1], sizeof rc[1], "%012lld", (long long)n->region_code);
	struct {
		const char *label, *o, *n;
	} f[] = {
		{ "姓名", o->name, n->name },
		{ "身份证号码", o->id_masked, n->id_masked },
		{ "所在村（社区）", rc[0], rc[1] },
		{ "民族", o->ethnicity, n->ethnicity },
		{ "户口性质", dict_name("hukou_types", o->hukou_type), dict_name("hukou_types", n->hukou_type) },
		{ "是否登记户口", yesno(o->hukou_registered), yesno(n->hukou_registered) },
		{ "户籍地址", o->hukou_address, n->hukou_address },
		{ "现住址", o->current_address, n->current_address },
		{ "健康状况", dict_name("health", o->health), dict_name("health", n->health) },
		{ "残疾类别", dict_name("disability_kinds", o->disability_kind),
		  dict_name("disability_kinds", n->disability_kind) },
		{ "残疾等级", gr[0], gr[1] },
		{ "所患疾病", o->illness, n->illness },
		{ "就学阶段", dict_name("school_stages", o->school_stage),
		  dict_name("school_stages", n->school_stage) },
		{ "在校情况", dict_name("schooling_statuses", o->schooling_status),
		  dict_name("schooling_statuses", n->schooling_status) },
		{ "学校", o->school_name, n->school_name },
		{ "年级", o->school_grade, n->school_grade },
		{ "寄宿", yesno(o->boarding), yesno(n->boarding) },
		{ "家庭经济状况", dict_name("economic", o->economic), dict_name("economic", n->economic) },
		{ "父母离异", yesno(o->parents_divorced), yesno(n->parents_divorced) },
		{ "遭受侵害", yesno(o->harmed), yesno(n->harmed) },
		{ "严重不良行为", yesno(o->misbehaviour), yesno(n->misbehaviour) },
		{ "监护情况", o->guardianship_note, n->guardianship_note },
		{ "备注", o->notes, n->notes },
		{ "记录类别", categories_text(a, o->recorded_categories),
		  categories_text(a, n->recorded_categories) },
		{ "家庭成员", member_line(a, old->members, old->nmembers),
		  member_line(a, b->members, b->nmembers) },
		{ "委托照护人", old->has_caregiver ? old->cg.name : NULL,
		  b->has_caregiver ? b->cg.name : NULL },
	};
	int st = ST_OK;
	for (size_t i = 0; !st && i < sizeof f / sizeof f[0]; i++)
		st = diff(c, db, id, rg, f[i].label, f[i].o, f[i].n);
	return st;
}

int child_check_duplicate(struct ctx *c, struct db *db, const struct child_built *b,
			   int64_t self, struct child_file *out, struct err *e)
{
	int64_t other, region;
	int st = st_child_by_index(db, b->c.id_index, &other, &region);
	if (st == ST_NOT_FOUND || (!st && other == self))
		return ST_OK;
	if (st)
		return st;
	struct child_row seen;
	if (st_child_get(db, c->a, &c->who->scope, other, &seen) == ST_OK) {
		out->existing_id = other;
		return err_set(e, ST_DUPLICATE, "id_number", "该身份证号码已登记，请打开已有档案");
	}
	/* outside the caller's scope: say nothing about where or who */
	return err_set(e, ST_DUPLICATE, "id_number", "该儿童已在其他地区登记，请联系县级民政部门核实");
}

int child_save_rows(struct ctx *c, struct db *db, struct child_built *b, int64_t *id)
{
	int64_t now = clock_now_ms();
	int st;
	if (*id) {
		b->c.id = *id;
		st = st_child_update(db, &b->c, now);
	} else {
		b->c.created_by = c->who->user_id;
		st = st_child_insert(db, &b->c, now, id);
	}
	if (!st)
		st = st_members_replace(db, *id, b->c.region_code, b->members, b->nmembers);
	if (!st)
		st = st_caregiver_replace(db, *id, b->c.region_code, b->has_caregiver ? &b->cg : NULL);
	const char **grams;
	int ng = st ? 0 : name_grams(c->a, b->c.name, &grams);
	if (!st)
		st = st_grams_replace(db, *id, b->c.region_code, grams, ng);
	return st;
}
