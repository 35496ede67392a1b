/* child_import.c: the spreadsheet import of children's files (一人一档): a row's cells (read by
 * child_columns.c) into a struct child_input, and the import: every row is checked by
 * child_build() exactly as the form is, and the whole import runs in one transaction with one
 * audit row. Rows are checked first and written after,
 * so a rejected row never reaches the database and a failure while writing rolls everything
 * back. The rejected rows go into an .xlsx kept for an hour, sealed at rest because it holds the
 * numbers as the user typed them. */
#include <sodium.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/child_docs.h"
#include "app/child_input.h"
#include "app/child_rules.h"
#include "common/buf.h"
#include "common/timeutil.h"
#include "domain/idcard.h"
#include "domain/region.h"

/* ---- one row ---- */

struct row_in {
	const char *v[IMPORT_NCOLS];   /* trimmed text, NULL when empty */
	int numeric[IMPORT_NCOLS];
	int empty;
};

/* Where a column's value lives in the input. */
static char *slot(struct child_input *in, const struct import_column *col, int father,
		  int mother)
{
	switch (col->part) {
	case PART_CHILD: return (char *)in + col->off;
	case PART_FATHER: return (char *)&in->members[father] + col->off;
	case PART_MOTHER: return (char *)&in->members[mother] + col->off;
	default: return (char *)&in->caregiver + col->off;
	}
}

/* The text a value is compared in: codes, dates as YYYY-MM-DD, numbers as digits. */
static int same_text(const char *a, const char *b)
{
	if (!a || !*a)
		return !b || !*b;
	return b && strcmp(a, b) == 0;
}

struct importer {
	struct ctx *c;
	struct db *db;
	struct cdate today;
	const char **seen_index;   /* ID numbers met so far in this import (blind index) */
	int *seen_row, nseen;
};

struct pending {
	int row, rejected, unchanged;
	int64_t id;                /* 0: register */
	struct child_file old;     /* update: the stored file */
	struct child_built b;
	const char *name;
	const char **fields;       /* update: the columns that change */
	int nfields;
	struct import_reject rej;
};

static int reject(struct pending *p, const char *field, const char *reason)
{
	p->rejected = 1;
	p->rej = (struct import_reject){ p->row, field ? field : "", reason };
	return ST_INVALID;
}

/* The header of the column a child_build() error names. */
static const char *header_of(const char *field, int father, int mother)
{
	if (!field)
		return "";
	enum col_part part = PART_CHILD;
	const char *name = field;
	if (strncmp(field, "members[", 8) == 0) {
		long i = strtol(field + 8, NULL, 10);
		const char *dot = strchr(field, '.');
		name = dot ? dot + 1 : "";
		part = i == father ? PART_FATHER : i == mother ? PART_MOTHER : PART_CHILD;
		if (part == PART_CHILD)
			return "家庭成员";
	} else if (strncmp(field, "caregiver.", 10) == 0) {
		part = PART_CAREGIVER;
		name = field + 10;
	}
	for (int i = 0; i < IMPORT_NCOLS; i++)
		if (import_column_table[i].part == part && strcmp(import_column_table[i].field, name) == 0)
			return import_column_table[i].header;
	if (part == PART_FATHER)
		return "父亲姓名";
	if (part == PART_MOTHER)
		return "母亲姓名";
	if (part == PART_CAREGIVER)
		return "委托照护人姓名";
	if (strcmp(field, "school_org_id") == 0)
		return "学校名称";
	if (strcmp(field, "director_id") == 0)
		return "所在村（社区）代码";
	if (strcmp(field, "members") == 0)
		return "家庭成员";
	return "";
}

/* The stored file as input, so that a row changes only the columns it fills. Numbers are left
 * out, which keeps the stored ones. */
static void input_from_file(struct arena *a, const struct child_file *f, struct child_input *in)
{
	const struct child_row *r = &f->c;
	memset(in, 0, sizeof *in);
	in->name = r->name;
	in->sex = r->sex;
	in->birth_date = r->birth_date;
	in->ethnicity = r->ethnicity;
	in->region_code = arena_printf(a, "%012lld", (long long)r->region_code);
	in->hukou_type = r->hukou_type;
	in->hukou_address = r->hukou_address;
	in->current_address = r->current_address;
	in->health = r->health;
	in->disability_kind = r->disability_kind;
	in->illness = r->illness;
	in->school_stage = r->school_stage;
	in->schooling_status = r->schooling_status;
	in->school_name = r->school_name;
	in->school_grade = r->school_grade;
	in->economic = r->economic;
	in->guardianship_note = r->guardianship_note;
	in->notes = r->notes;
	in->hukou_registered = r->hukou_registered;
	in->disability_grade = r->disability_grade;
	in->boarding = r->boarding;
	in->parents_divorced = r->parents_divorced;
	in->harmed = r->harmed;
	in->misbehaviour = r->misbehaviour;
	in->school_org_id = r->school_org_id;
	in->director_id = r->director_id;
	in->version = r->version;
	for (int i = 0; i < CAT_COUNT; i++)
		if (r->recorded_categories & (1u << i))
			in->recorded[in->nrecorded++] = category_code(1u << i);
	for (int i = 0; i < f->nmembers && i < MAX_MEMBERS; i++) {
		const struct member_row *m = &f->members[i];
		struct member_input *mi = &in->members[in->nmembers++];
		*mi = (struct member_input){
			.relation = m->relation, .name = m->name, .birth_date = m->birth_date,
			.status = m->status, .away_place = m->away_place, .since = m->since,
			.disability_kind = m->disability_kind, .work_place = m->work_place,
			.outside_county = m->outside_county, .months = m->months,
			.disability_grade = m->disability_grade, .id = m->id,
		};
	}
	in->has_caregiver = f->has_caregiver;
	if (f->has_caregiver) {
		const struct caregiver_row *cg = &f->cg;
		struct caregiver_input *ci = &in->caregiver;
		ci->name = cg->name;
		ci->relation = cg->relation;
		ci->address = cg->address;
		ci->agreement_date = cg->agreement_date;
		ci->school_notified = cg->school_notified;
		ci->village_notified = cg->village_notified;
		char *list = arena_strdup(a, cg->checks ? cg->checks : "");
		char *save = NULL;
		for (char *t = strtok_r(list, ",", &save); t && ci->nchecks < MAX_CG_CHECKS;
		     t = strtok_r(NULL, ",", &save))
			ci->checks[ci->nchecks++] = t;
	}
}

/* The member row a member of the input was loaded from (update), or NULL. */
static const struct member_row *stored_member(const struct child_file *old,
					      const struct member_input *m)
{
	for (int i = 0; old && m->id && i < old->nmembers; i++)
		if (old->members[i].id == m->id)
			return &old->members[i];
	return NULL;
}

/* Whether an ID or phone number equals the stored one (compared through the blind index). */
static int same_number(struct importer *im, const char *context, const char *text, int is_id,
		       const char *stored_index)
{
	if (!stored_index)
		return 0;
	char idx[65];
	if (is_id) {
		struct idcard id;
		if (idcard_parse(text, im->today, &id) != IDCARD_OK)
			return 0;
		blind_index(&im->c->app->fc, context, id.number, idx);
	} else {
		blind_index(&im->c->app->fc, context, text, idx);
	}
	return strcmp(idx, stored_index) == 0;
}

/* Puts one cell into the input; on an update, notes whether it changes the stored value. */
static int apply(struct importer *im, struct pending *p, struct child_input *in, int k,
		 const char *text, int numeric, int father, int mother, int *changed)
{
	struct arena *a = im->c->a;
	const struct import_column *col = &import_column_table[k];
	char *at = slot(in, col, father, mother);
	const char **s = (const char **)(void *)at;
	int *iv = (int *)(void *)at;
	const char *v = NULL;
	int n = 0;
	*changed = 0;
	switch (col->kind) {
	case COL_TEXT:
		if (strlen(text) > col->max)
			return reject(p, col->header,
				      arena_printf(a, "内容过长（最多%zu个汉字）", col->max / 3));
		v = text;
		break;
	case COL_CODE:
		if (!(v = cell_code(a, col->dict, text)))
			return reject(p, col->header, arena_printf(a, "“%.60s”不是有效的%s%s", text,
								   col->header, column_choices_text(a, col)));
		break;
	case COL_SEX:
		if (strcmp(text, "男") == 0 || ascii_lower_eq(text, "m"))
			v = "M";
		else if (strcmp(text, "女") == 0 || ascii_lower_eq(text, "f"))
			v = "F";
		else
			return reject(p, col->header, "性别应为男或女");
		break;
	case COL_DATE:
		if (!(v = cell_date(a, text, numeric)))
			return reject(p, col->header, arena_printf(a, "“%.40s”不是有效日期，"
								   "请按 2015-03-08 的格式填写", text));
		break;
	case COL_REGION: {
		size_t len = strspn(text, "0123456789");
		int64_t code;
		if (len != 12 || region_parse(arena_strndup(a, text, 12), &code) != 0)
			return reject(p, col->header, "应为12位统计用区划代码，请从下拉列表中选择");
		v = arena_strndup(a, text, 12);
		break;
	}
	case COL_ID:
		if (numeric && strlen(text) > 15)
			return reject(p, col->header, "身份证号码被表格存成了数字，末几位可能已丢失；"
						      "请把该列设置为文本格式后重新填写");
		v = text;
		break;
	case COL_PHONE:
		v = text;
		break;
	case COL_BOOL:
		if (cell_bool(text, &n) != 0)
			return reject(p, col->header, arena_printf(a, "%s应填“是”或“否”", col->header));
		break;
	case COL_GRADE:
		if (cell_grade(text, &n) != 0)
			return reject(p, col->header, "残疾等级应为一级至四级");
		break;
	case COL_MONTHS: {
		long m;
		int used = cell_int(text, 0, 1200, &m);
		if (used < 0 || (text[used] && strcmp(text + used, "个月") != 0 &&
				 strcmp(text + used, "月") != 0))
			return reject(p, col->header, "期限应为0至1200之间的整数（月）");
		n = (int)m;
		break;
	}
	case COL_CATS: {
		const char *codes[CAT_COUNT], *bad = NULL;
		int nc = cell_categories(a, text, codes, CAT_COUNT, &bad);
		if (nc < 0)
			return reject(p, col->header,
				      arena_printf(a, "“%.60s”不是有效的儿童类别，请从下拉列表中选择，"
						      "多个类别用“、”分隔", bad));
		const char *unused;
		uint32_t before = categories_from_codes(in->recorded, in->nrecorded, &unused);
		uint32_t after = categories_from_codes(codes, nc, &unused);
		*changed = before != after;
		memcpy(in->recorded, codes, sizeof(char *) * (size_t)nc);
		in->nrecorded = nc;
		return ST_OK;
	}
	}
	switch (col->kind) {
	case COL_BOOL:
	case COL_GRADE:
	case COL_MONTHS:
		*changed = *iv != n;
		*iv = n;
		break;
	case COL_ID:
	case COL_PHONE: {
		/* an unchanged number keeps the stored cipher; a new one is sealed by child_build */
		const char *context, *stored = NULL;
		int is_id = col->kind == COL_ID;
		if (col->part == PART_CHILD) {
			context = "child.id_number";
			stored = p->id ? p->old.c.id_index : NULL;
		} else if (col->part == PART_CAREGIVER) {
			context = is_id ? "caregiver.id_number" : "caregiver.phone";
			if (p->id && p->old.has_caregiver)
				stored = is_id ? p->old.cg.id_index : p->old.cg.phone_index;
		} else {
			int at_member = col->part == PART_FATHER ? father : mother;
			const struct member_row *m =
				stored_member(p->id ? &p->old : NULL, &in->members[at_member]);
			context = is_id ? "member.id_number" : "member.phone";
			stored = m ? (is_id ? m->id_index : m->phone_index) : NULL;
		}
		*changed = !same_number(im, context, v, is_id, stored);
		*s = v;
		int *has = NULL;
		if (col->part == PART_CAREGIVER)
			has = is_id ? &in->caregiver.has_id_number : &in->caregiver.has_phone;
		else if (col->part != PART_CHILD) {
			int at_member = col->part == PART_FATHER ? father : mother;
			struct member_input *m = &in->members[at_member];
			has = is_id ? &m->has_id_number : &m->has_phone;
		}
		if (has) {
			*has = *changed || !p->id;
			if (!*has)
				*s = NULL;
		}
		break;
	}
	case COL_REGION: {
		int64_t before = 0, after = 0;
		region_parse(*s ? *s : "", &before);
		region_parse(v, &after);
		*changed = before != after;
		*s = v;
		break;
	}
	default:
		*changed = !same_text(*s, v);
		*s = v;
	}
	return ST_OK;
}

/* The member of the input for a parent, added when the row fills a column of it. */
static int parent_slot(struct child_input *in, const char *relation)
{
	for (int i = 0; i < in->nmembers; i++)
		if (in->members[i].relation && strcmp(in->members[i].relation, relation) == 0)
			return i;
	if (in->nmembers >= MAX_MEMBERS)
		return -1;
	struct member_input *m = &in->members[in->nmembers];
	memset(m, 0, sizeof *m);
	m->relation = relation;
	m->status = "home";
	return in->nmembers++;
}

/* Checks one row and builds its rows to store. ST_OK (p->unchanged or p->b ready) or
 * ST_INVALID (p->rej says why); any other status is a failure of the whole import. */
static int check_row(struct importer *im, const struct row_in *ri, struct pending *p)
{
	struct ctx *c = im->c;
	struct arena *a = c->a;
	int st;
	/* 1. whose file: the ID number, within this import and in the database */
	const char *idtext = ri->v[1];
	struct idcard id;
	if (!idtext)
		return reject(p, "身份证号码", "请填写身份证号码");
	if (!ri->v[0])
		return reject(p, "姓名", "请填写姓名");
	p->name = ri->v[0];
	if (idcard_parse(idtext, im->today, &id) == IDCARD_OK) {
		char idx[65];
		blind_index(&c->app->fc, "child.id_number", id.number, idx);
		for (int i = 0; i < im->nseen; i++)
			if (strcmp(im->seen_index[i], idx) == 0)
				return reject(p, "身份证号码",
					      arena_printf(a, "与第%d行的身份证号码相同，同一儿童只能填写一行",
							   im->seen_row[i]));
		im->seen_index[im->nseen] = arena_strdup(a, idx);
		im->seen_row[im->nseen++] = p->row;
		int64_t other, region;
		st = st_child_by_index(im->db, idx, &other, &region);
		if (st && st != ST_NOT_FOUND)
			return st;
		if (!st) {
			struct child_row seen;
			st = st_child_get(im->db, a, &c->who->scope, other, &seen);
			if (st == ST_NOT_FOUND)
				return reject(p, "身份证号码",
					      "该儿童已在其他地区登记，请联系县级民政部门核实");
			if (st)
				return st;
			p->id = other;
		}
	}
	/* 2. the input: the stored file with the row's cells over it, or the row alone */
	struct child_input in;
	struct err e = { 0 };
	if (p->id) {
		st = child_load_file(c, im->db, p->id, &p->old, &e);
		if (st)
			return st == ST_NOT_FOUND ? reject(p, "身份证号码", "儿童档案不存在") : st;
		if (strcmp(p->old.c.status, "active") != 0)
			return reject(p, "身份证号码",
				      "该儿童已退出关爱，请先在系统中恢复关爱后再导入");
		input_from_file(a, &p->old, &in);
	} else {
		memset(&in, 0, sizeof in);
		in.hukou_registered = 1;
	}
	int father = -1, mother = -1, any_cg = 0;
	for (int k = 0; k < IMPORT_NCOLS; k++) {
		if (!ri->v[k])
			continue;
		if (import_column_table[k].part == PART_FATHER && father < 0)
			father = parent_slot(&in, "father");
		if (import_column_table[k].part == PART_MOTHER && mother < 0)
			mother = parent_slot(&in, "mother");
		if ((import_column_table[k].part == PART_FATHER && father < 0) ||
		    (import_column_table[k].part == PART_MOTHER && mother < 0))
			return reject(p, import_column_table[k].header, "家庭成员过多");
		any_cg |= import_column_table[k].part == PART_CAREGIVER;
	}
	if (any_cg && !in.has_caregiver) {
		in.has_caregiver = 1;
		in.caregiver.has_id_number = in.caregiver.has_phone = 1;
	}
	p->fields = arena_alloc(a, sizeof(char *) * IMPORT_NCOLS);
	for (int k = 0; k < IMPORT_NCOLS; k++) {
		int changed;
		if (!ri->v[k])
			continue;
		st = apply(im, p, &in, k, ri->v[k], ri->numeric[k], father, mother, &changed);
		if (st)
			return st;
		/* sex and birth date follow the ID number: checked, never a change of their own */
		if (changed && p->id && import_column_table[k].kind != COL_SEX &&
		    strcmp(import_column_table[k].field, "birth_date") != 0)
			p->fields[p->nfields++] = import_column_table[k].header;
	}
	/* a parent newly recorded as away: in or outside the county decides left-behind (R3) */
	const int parents[2] = { father, mother };
	for (int i = 0; i < 2; i++) {
		const struct member_input *m = parents[i] >= 0 ? &in.members[parents[i]] : NULL;
		int k = column_named(i ? "母亲是否县外" : "父亲是否县外");
		if (m && !m->id && m->status && strcmp(m->status, "away") == 0 && !ri->v[k])
			return reject(p, import_column_table[k].header,
				      arena_printf(a, "%s状况为外出务工时，请填写%s（是或否）",
						   i ? "母亲" : "父亲", import_column_table[k].header));
	}
	if (p->id && p->nfields == 0) {
		p->unchanged = 1;
		return ST_OK;
	}
	if (p->id) {
		/* a file moved to another village leaves its director; a school typed in by name
		 * replaces the chosen one */
		if (in.region_code && p->old.c.region_code != strtoll(in.region_code, NULL, 10))
			in.director_id = 0;
		if (p->old.c.school_name && !same_text(in.school_name, p->old.c.school_name))
			in.school_org_id = 0;
	}
	/* 3. the same checks as the form */
	st = child_build(c, im->db, &in, p->id ? &p->old : NULL, &p->b, &e);
	if (!st && !p->id) {
		struct child_file scratch;
		memset(&scratch, 0, sizeof scratch);
		st = child_check_duplicate(c, im->db, &p->b, 0, &scratch, &e);
	}
	if (st == ST_INVALID || st == ST_DUPLICATE) {
		const char *h = header_of(e.field, father, mother);
		const char *msg = arena_strdup(a, e.message);
		/* "身份证号码：校验位不正确" under the column 身份证号码 says it twice */
		const char *colon = strstr(msg, "：");
		size_t hl = strlen(h), pl = colon ? (size_t)(colon - msg) : 0;
		if (colon && pl > 0 && pl <= hl && strncmp(h + hl - pl, msg, pl) == 0)
			msg = colon + 3;
		if (e.field && strncmp(e.field, "members[", 8) == 0 && strcmp(h, "家庭成员") == 0)
			msg = arena_printf(a, "家庭成员：%s", e.message);
		return reject(p, h, msg);
	}
	return st;
}

/* ---- the error report ---- */

#define REPORT_CHUNK 3000   /* field_encrypt seals at most 4096 bytes at once */

/* The report, base64 and sealed in chunks, each bound to the token and its place. */
static int report_put(struct ctx *c, struct db *db, const char *xlsx, size_t len, char *token,
		      struct err *e)
{
	struct arena *a = c->a;
	size_t b64cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = arena_alloc(a, b64cap);
	sodium_bin2base64(b64, b64cap, (const unsigned char *)xlsx, len,
			  sodium_base64_VARIANT_ORIGINAL);
	size_t tl = strlen(b64);
	int nchunks = (int)((tl + REPORT_CHUNK - 1) / REPORT_CHUNK);
	random_token(token);
	struct buf out;
	buf_init(&out, (size_t)1 << 30);
	int st = ST_OK;
	for (int i = 0; !st && i < nchunks; i++) {
		size_t off = (size_t)i * REPORT_CHUNK;
		size_t plen = tl - off < REPORT_CHUNK ? tl - off : REPORT_CHUNK;
		const char *context = arena_printf(a, "import.report:%s:%d/%d", token, i, nchunks);
		const char *sealed = field_encrypt(&c->app->fc, a, context,
						   arena_strndup(a, b64 + off, plen));
		if (!sealed || buf_printf(&out, "%s%s", i ? "." : "", sealed) != ST_OK)
			st = err_set(e, ST_INTERNAL, NULL, "保存导入错误报告失败");
	}
	if (!st)
		st = st_import_report_put(db, token, c->who->user_id, clock_now_ms(), out.data);
	buf_free(&out);
	return st;
}

static int report_xlsx(struct ctx *c, const struct row_in *rows, const struct pending *p, int n,
		       char **xlsx, size_t *len, struct err *e)
{
	int used[IMPORT_NCOLS] = { 0 };
	for (int i = 0; i < n; i++)
		for (int k = 0; k < IMPORT_NCOLS; k++)
			used[k] |= rows[i].v[k] != NULL;
	const char *headers[IMPORT_NCOLS + 3] = { "原行号", "错误字段", "错误原因" };
	int ncols = 3;
	for (int k = 0; k < IMPORT_NCOLS; k++)
		if (used[k])
			headers[ncols++] = import_column_table[k].header;
	int nused = ncols;
	int nrej = 0;
	for (int i = 0; i < n; i++)
		nrej += p[i].rejected;
	const char **cells = arena_alloc(c->a, sizeof(char *) * (size_t)nused * (size_t)(nrej + 1));
	int r = 0;
	for (int i = 0; i < n; i++) {
		if (!p[i].rejected)
			continue;
		const char **row = cells + (size_t)r++ * (size_t)nused;
		row[0] = arena_printf(c->a, "%d", p[i].row);
		row[1] = p[i].rej.field;
		row[2] = p[i].rej.reason;
		int col = 3;
		for (int k = 0; k < IMPORT_NCOLS; k++)
			if (used[k])
				row[col++] = rows[i].v[k];
	}
	return xlsx_table(c->a, "导入错误", headers, nused, cells, nrej, xlsx, len, e);
}

/* ---- the import ---- */

static int read_rows(struct ctx *c, const struct import_row *rows, int n, struct row_in *out,
		     struct err *e)
{
	for (int i = 0; i < n; i++) {
		struct row_in *ri = &out[i];
		memset(ri, 0, sizeof *ri);
		ri->empty = 1;
		for (int j = 0; j < rows[i].ncells; j++) {
			const struct import_cell *cell = &rows[i].cells[j];
			int k = column_of(c->a, cell->header);
			if (k == -2)
				return err_set(e, ST_INVALID, "rows",
					       "第%d行：无法识别的列“%.60s”，请使用系统提供的导入模板",
					       rows[i].row, cell->header);
			const char *t = k >= 0 ? cell_trim(c->a, cell->text) : NULL;
			if (!t || !*t)
				continue;
			if (strlen(t) > 8000)
				return err_set(e, ST_INVALID, "rows", "第%d行“%s”内容过长", rows[i].row,
					       import_column_table[k].header);
			ri->v[k] = t;
			ri->numeric[k] = cell->numeric;
			ri->empty = 0;
		}
	}
	return ST_OK;
}

static int save_pending(struct ctx *c, struct db *db, struct pending *p, struct err *e)
{
	int64_t id = p->id;
	int st = child_save_rows(c, db, &p->b, &id);
	if (st == ST_CONFLICT)
		return err_set(e, ST_CONFLICT, "rows",
			       "第%d行：该儿童的档案刚被他人修改或登记，请重新导入", p->row);
	if (!st && p->id)
		st = child_record_changes(c, db, &p->old, &p->b);
	else if (!st)
		st = st_history_add(db, id, p->b.c.region_code, clock_now_ms(), c->who->user_id,
				    c->who->username, "建档", NULL, p->b.c.name);
	if (!st && !p->id)
		p->id = id;
	if (st && !e->message[0])
		err_set(e, st, NULL, "第%d行保存失败，本次导入未保存任何数据", p->row);
	return st;
}

int children_import(struct ctx *c, enum import_mode mode, const struct import_row *rows, int n,
		    struct import_result *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "child.import", .object_type = "child",
			      .region_code = c->who ? c->who->region_code : 0 };
	struct arena *a = c->a;
	int st = app_require(c, PERM_CHILD_IMPORT, e);
	if (!st && n > IMPORT_MAX_ROWS)
		st = err_set(e, ST_TOO_LARGE, "rows", "每次最多导入%d行，本次有%d行，请分批导入",
			     IMPORT_MAX_ROWS, n);
	struct row_in *ri = st ? NULL : arena_alloc(a, sizeof *ri * (size_t)(n + 1));
	if (!st)
		st = read_rows(c, rows, n, ri, e);
	int nonempty = 0;
	for (int i = 0; !st && i < n; i++)
		nonempty += !ri[i].empty;
	if (!st && nonempty == 0)
		st = err_set(e, ST_INVALID, "rows", "表格中没有可导入的数据");
	struct importer im = { .c = c, .db = db, .today = cdate_from_ms(clock_now_ms()) };
	struct pending *p = st ? NULL : arena_alloc(a, sizeof *p * (size_t)(n + 1));
	if (!st) {
		im.seen_index = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
		im.seen_row = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
	}
	/* check every row, writing nothing */
	for (int i = 0; !st && i < n; i++) {
		p[i].row = rows[i].row;
		if (ri[i].empty)
			continue;
		int rs = check_row(&im, &ri[i], &p[i]);
		if (rs && rs != ST_INVALID)
			st = err_set(e, rs, NULL, "第%d行处理失败，本次导入未保存任何数据", p[i].row);
		out->nrejected += p[i].rejected;
	}
	/* then write, unless one rejected row stops them all */
	int write = !st && (mode == IMPORT_VALID_ROWS || out->nrejected == 0);
	if (!st) {
		out->rejected = arena_alloc(a, sizeof *out->rejected * (size_t)(out->nrejected + 1));
		out->changes = arena_alloc(a, sizeof *out->changes * (size_t)(n + 1));
	}
	int nr = 0;
	for (int i = 0; !st && i < n; i++) {
		if (p[i].rejected) {
			out->rejected[nr++] = p[i].rej;
			continue;
		}
		if (ri[i].empty || !write)
			continue;
		if (p[i].unchanged) {
			out->unchanged++;
			continue;
		}
		int updating = p[i].id != 0;
		st = save_pending(c, db, &p[i], e);
		if (st)
			break;
		if (updating) {
			out->updated++;
			out->changes[out->nchanges++] = (struct import_change){
				p[i].row, p[i].id, p[i].b.c.name, p[i].fields, p[i].nfields };
		} else {
			out->created++;
		}
	}
	if (!st && out->nrejected) {
		char *xlsx;
		size_t len;
		st = report_xlsx(c, ri, p, n, &xlsx, &len, e);
		if (!st)
			st = report_put(c, db, xlsx, len, out->report, e);
	}
	if (!st)
		act.detail = arena_printf(
			a, "mode=%s rows=%d created=%d updated=%d unchanged=%d rejected=%d",
			mode == IMPORT_VALID_ROWS ? "valid_rows" : "all_or_nothing", nonempty,
			out->created, out->updated, out->unchanged, out->nrejected);
	else
		act.detail = arena_printf(a, "rows=%d", n);
	st = app_finish(c, db, st, &act, e);
	if (st) {
		out->created = out->updated = out->unchanged = 0;
		out->nchanges = 0;
	} else if (out->created || out->updated) {
		/* saved files have restand_on NULL: the sweep grades them now (a refresh per row
		 * would slow the import down) */
		standing_wake(c->app);
	}
	return st;
}

int children_import_report(struct ctx *c, const char *token, char **xlsx, size_t *len,
			   struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "child.import_report", .object_type = "child",
			      .region_code = c->who ? c->who->region_code : 0 };
	struct arena *a = c->a;
	const char *sealed = NULL;
	int st = app_require(c, PERM_CHILD_IMPORT, e);
	if (!st && (!token || strlen(token) != TOKEN_LEN))
		st = err_set(e, ST_NOT_FOUND, NULL, "导入错误报告不存在或已过期（保留1小时）");
	if (!st) {
		st = st_import_report_get(db, a, token, c->who->user_id,
					  clock_now_ms() - 3600LL * 1000, &sealed);
		if (st == ST_NOT_FOUND)
			err_set(e, st, NULL, "导入错误报告不存在或已过期（保留1小时）");
	}
	struct buf b64;
	buf_init(&b64, (size_t)1 << 30);
	buf_puts(&b64, "");
	if (!st) {
		int nchunks = 1;
		for (const char *s = sealed; *s; s++)
			nchunks += *s == '.';
		const char *s = sealed;
		for (int i = 0; !st && i < nchunks; i++) {
			const char *dot = strchr(s, '.');
			size_t l = dot ? (size_t)(dot - s) : strlen(s);
			const char *context = arena_printf(a, "import.report:%s:%d/%d", token, i, nchunks);
			const char *plain = field_decrypt(&c->app->fc, a, context, arena_strndup(a, s, l));
			if (!plain || buf_puts(&b64, plain) != ST_OK)
				st = err_set(e, ST_INTERNAL, NULL, "导入错误报告无法读取");
			s += l + (dot != NULL);
		}
	}
	if (!st) {
		*xlsx = arena_alloc(a, b64.len + 1);
		if (sodium_base642bin((unsigned char *)*xlsx, b64.len + 1, b64.data, b64.len, NULL, len,
				      NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
			st = err_set(e, ST_INTERNAL, NULL, "导入错误报告无法读取");
	}
	buf_free(&b64);
	return app_finish(c, db, st, &act, e);
}
