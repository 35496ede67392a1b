/* child_import.c: the spreadsheet import of children's files (一人一档). The column table (shared
 * with the template), reading a row's Chinese headers and value names into a struct child_input,
 * and the import: every row is checked by child_build() exactly as the form is, and the whole
 * import runs in one transaction with one audit row. Rows are checked first and written after,
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

/* ---- the columns ---- */

#define CI(f) offsetof(struct child_input, f)
#define MI(f) offsetof(struct member_input, f)
#define GI(f) offsetof(struct caregiver_input, f)

#define MEMBER_COLUMNS(P, part)                                                                   \
	{ P "姓名", part, COL_TEXT, NULL, "name", MI(name), 0, 90,                                \
	  "填写" P "信息时必填" },                                                                \
	{ P "身份证号码", part, COL_ID, NULL, "id_number", MI(id_number), 0, 0,                  \
	  "18位居民身份证号码，末位可为X" },                                                      \
	{ P "电话", part, COL_PHONE, NULL, "phone", MI(phone), 0, 0, "11位手机号码" },           \
	{ P "状况", part, COL_CODE, "member_statuses", "status", MI(status), 0, 0,                \
	  "从下拉列表选择，如 在家、外出务工、死亡、失联、服刑在押；不填视为在家" },              \
	{ P "务工地点", part, COL_TEXT, NULL, "away_place", MI(away_place), 0, 200,                \
	  "外出务工时填写，如 浙江省宁波市" },                                                    \
	{ P "是否县外", part, COL_BOOL, NULL, "outside_county", MI(outside_county), 0, 0,        \
	  "外出务工地点是否在本县以外：是或否；状况为外出务工时必填" },                          \
	{ P "起始日期", part, COL_DATE, NULL, "since", MI(since), 0, 0,                           \
	  "外出务工、失踪、失联等状况的起始日期，如 2024-03-01；"                                 \
	  "外出务工、失联满6个月的认定由此计算" },                                                \
	{ P "期限（月）", part, COL_MONTHS, NULL, "months", MI(months), 0, 0,                      \
	  "服刑在押、强制隔离戒毒的期限，以月计的整数" },                                        \
	{ P "残疾类别", part, COL_CODE, "disability_kinds", "disability_kind",                    \
	  MI(disability_kind), 0, 0, "状况为重残时填写" },                                        \
	{ P "残疾等级", part, COL_GRADE, NULL, "disability_grade", MI(disability_grade), 0, 0,     \
	  "状况为重残时填写：一级至四级" }

static const struct import_column columns[] = {
	{ "姓名", PART_CHILD, COL_TEXT, NULL, "name", CI(name), 1, 90, "儿童姓名，与户口簿一致" },
	{ "身份证号码", PART_CHILD, COL_ID, NULL, "id_number", CI(id_number), 1, 0,
	  "18位居民身份证号码，末位可为X。已在您管辖范围内登记的儿童按此号码更新档案，"
	  "其余的新建档案" },
	{ "性别", PART_CHILD, COL_SEX, NULL, "sex", CI(sex), 0, 0,
	  "可不填，由身份证号码确定；填写时须与身份证号码一致" },
	{ "出生日期", PART_CHILD, COL_DATE, NULL, "birth_date", CI(birth_date), 0, 0,
	  "可不填，由身份证号码确定；填写时须一致，如 2015-03-08" },
	{ "所在村（社区）代码", PART_CHILD, COL_REGION, NULL, "region_code", CI(region_code), 1, 0,
	  "儿童所在村（社区）的12位统计用区划代码，须在您的管辖范围内；"
	  "可从下拉列表选择（代码后的名称可以保留）" },
	{ "户口性质", PART_CHILD, COL_CODE, "hukou_types", "hukou_type", CI(hukou_type), 1, 0,
	  "农业户口或非农业户口" },
	{ "是否登记户口", PART_CHILD, COL_BOOL, NULL, "hukou_registered", CI(hukou_registered), 0,
	  0, "是或否；不填视为是" },
	{ "民族", PART_CHILD, COL_CODE, "ethnicities", "ethnicity", CI(ethnicity), 0, 0,
	  "从下拉列表选择，如 汉族、土家族、苗族" },
	{ "户籍地址", PART_CHILD, COL_TEXT, NULL, "hukou_address", CI(hukou_address), 0, 300, "" },
	{ "现住址", PART_CHILD, COL_TEXT, NULL, "current_address", CI(current_address), 0, 300, "" },
	{ "健康状况", PART_CHILD, COL_CODE, "health", "health", CI(health), 0, 0,
	  "健康、残疾或患病；不填视为健康。残疾须填残疾类别和残疾等级，患病须填所患疾病" },
	{ "残疾类别", PART_CHILD, COL_CODE, "disability_kinds", "disability_kind",
	  CI(disability_kind), 0, 0, "健康状况为残疾时必填" },
	{ "残疾等级", PART_CHILD, COL_GRADE, NULL, "disability_grade", CI(disability_grade), 0, 0,
	  "健康状况为残疾时必填：一级至四级（一级最重）" },
	{ "所患疾病", PART_CHILD, COL_TEXT, NULL, "illness", CI(illness), 0, 200,
	  "健康状况为患病时必填" },
	{ "就学阶段", PART_CHILD, COL_CODE, "school_stages", "school_stage", CI(school_stage), 0, 0,
	  "不填视为未入学" },
	{ "在校情况", PART_CHILD, COL_CODE, "schooling_statuses", "schooling_status",
	  CI(schooling_status), 0, 0, "在校、辍学或未在校；不填视为未在校" },
	{ "学校名称", PART_CHILD, COL_TEXT, NULL, "school_name", CI(school_name), 0, 200, "" },
	{ "年级", PART_CHILD, COL_TEXT, NULL, "school_grade", CI(school_grade), 0, 60, "如 三年级" },
	{ "是否寄宿", PART_CHILD, COL_BOOL, NULL, "boarding", CI(boarding), 0, 0,
	  "是或否；不填视为否" },
	{ "家庭经济状况", PART_CHILD, COL_CODE, "economic", "economic", CI(economic), 0, 0,
	  "无、低保、特困或低保边缘；不填视为无" },
	{ "父母离异", PART_CHILD, COL_BOOL, NULL, "parents_divorced", CI(parents_divorced), 0, 0,
	  "是或否；不填视为否" },
	{ "遭受侵害", PART_CHILD, COL_BOOL, NULL, "harmed", CI(harmed), 0, 0,
	  "是否遭受虐待、遗弃、意外伤害或不法侵害：是或否；不填视为否" },
	{ "严重不良行为", PART_CHILD, COL_BOOL, NULL, "misbehaviour", CI(misbehaviour), 0, 0,
	  "是否有严重不良行为或涉罪：是或否；不填视为否" },
	{ "监护情况", PART_CHILD, COL_TEXT, NULL, "guardianship_note", CI(guardianship_note), 0,
	  4000, "监护人、实际照料情况等" },
	{ "记录类别", PART_CHILD, COL_CATS, "categories", "recorded_categories", 0, 0, 0,
	  "村（社区）记录的儿童类别，可填多个，用“、”分隔，如 农村留守儿童、残疾儿童；"
	  "系统另按登记信息自动认定类别，不一致时会提示" },
	MEMBER_COLUMNS("父亲", PART_FATHER),
	MEMBER_COLUMNS("母亲", PART_MOTHER),
	{ "委托照护人姓名", PART_CAREGIVER, COL_TEXT, NULL, "name", GI(name), 0, 90,
	  "父母外出时受委托照护儿童的人；填写委托照护人信息时必填" },
	{ "委托照护人关系", PART_CAREGIVER, COL_TEXT, NULL, "relation", GI(relation), 0, 60,
	  "与儿童的关系，如 祖母" },
	{ "委托照护人电话", PART_CAREGIVER, COL_PHONE, NULL, "phone", GI(phone), 0, 0,
	  "11位手机号码" },
	{ "委托照护人身份证号码", PART_CAREGIVER, COL_ID, NULL, "id_number", GI(id_number), 0, 0,
	  "18位居民身份证号码" },
	{ "委托照护人住址", PART_CAREGIVER, COL_TEXT, NULL, "address", GI(address), 0, 300, "" },
	{ "委托协议日期", PART_CAREGIVER, COL_DATE, NULL, "agreement_date", GI(agreement_date), 0,
	  0, "签订委托照护协议的日期，如 2024-02-15" },
	{ "已书面告知学校", PART_CAREGIVER, COL_BOOL, NULL, "school_notified",
	  GI(school_notified), 0, 0,
	  "父母是否已将委托照护情况书面告知学校（未成年人保护法第二十三条）：是或否" },
	{ "已书面告知村（居）委会", PART_CAREGIVER, COL_BOOL, NULL, "village_notified",
	  GI(village_notified), 0, 0,
	  "父母是否已将委托照护情况书面告知村（居）民委员会（未成年人保护法第二十三条）：是或否" },
	{ "备注", PART_CHILD, COL_TEXT, NULL, "notes", CI(notes), 0, 4000, "" },
};

#define NCOLS ((int)(sizeof columns / sizeof columns[0]))

const struct import_column *import_columns(int *n)
{
	*n = NCOLS;
	return columns;
}

static const char *const yes_no[] = { "是", "否" };
static const char *const grades[] = { "一级", "二级", "三级", "四级" };
static const char *const sexes[] = { "男", "女" };

const char *import_column_choice(const struct import_column *col, int i)
{
	int n;
	const struct code_name *d;
	if (i < 0)
		return NULL;
	switch (col->kind) {
	case COL_CODE:
	case COL_CATS:
		d = child_dict(col->dict, &n);
		return d && i < n ? d[i].name : NULL;
	case COL_BOOL: return i < 2 ? yes_no[i] : NULL;
	case COL_GRADE: return i < 4 ? grades[i] : NULL;
	case COL_SEX: return i < 2 ? sexes[i] : NULL;
	default: return NULL;
	}
}

/* Other names for a column, seen in older templates and hand-made sheets. */
static const char *const aliases[][2] = {
	{ "户籍类型", "户口性质" }, { "户口类型", "户口性质" },
	{ "村（社区）区划代码", "所在村（社区）代码" }, { "区划代码", "所在村（社区）代码" },
	{ "所在村（社区）", "所在村（社区）代码" }, { "村（社区）代码", "所在村（社区）代码" },
	{ "就读学校", "学校名称" }, { "学校", "学校名称" },
	{ "父亲外出地点", "父亲务工地点" }, { "母亲外出地点", "母亲务工地点" },
	{ "父亲手机号码", "父亲电话" }, { "母亲手机号码", "母亲电话" },
	{ "委托照护人手机号码", "委托照护人电话" }, { "公民身份号码", "身份证号码" },
	{ "儿童姓名", "姓名" },
};

/* Columns a sheet may carry that are not data: a row number, and the error report's own
 * columns (so a corrected report can be imported again). */
static const char *const ignored[] = { "序号", "原行号", "行号", "错误字段", "错误原因" };

/* ---- reading text ---- */

/* Trims ASCII white space, the ideographic space and no-break spaces; drops the apostrophe
 * Excel shows before text typed into a number cell. */
static const char *trim(struct arena *a, const char *s)
{
	if (!s)
		return NULL;
	const char *end = s + strlen(s);
	for (;;) {
		if (s < end && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '\''))
			s++;
		else if (end - s >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
			s += 3;
		else if (end - s >= 2 && memcmp(s, "\xC2\xA0", 2) == 0)
			s += 2;
		else
			break;
	}
	for (;;) {
		if (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
			end--;
		else if (end - s >= 3 && memcmp(end - 3, "\xE3\x80\x80", 3) == 0)
			end -= 3;
		else if (end - s >= 2 && memcmp(end - 2, "\xC2\xA0", 2) == 0)
			end -= 2;
		else
			break;
	}
	return arena_strndup(a, s, (size_t)(end - s));
}

/* ASCII parentheses to full-width ones, spaces and asterisks (a "required" mark) dropped: the
 * form in which headers and value names are compared. */
static const char *fold(struct arena *a, const char *s)
{
	struct buf b;
	buf_init(&b, 65536);
	buf_puts(&b, "");
	for (const char *p = s; *p; p++) {
		if (*p == '(')
			buf_puts(&b, "（");
		else if (*p == ')')
			buf_puts(&b, "）");
		else if (*p == ' ' || *p == '*' || *p == '\t')
			continue;
		else if (strncmp(p, "\xE3\x80\x80", 3) == 0)
			p += 2;
		else
			buf_append(&b, p, 1);
	}
	const char *out = arena_strdup(a, b.data);
	buf_free(&b);
	return out;
}

static int column_named(const char *header)
{
	for (int i = 0; i < NCOLS; i++)
		if (strcmp(header, columns[i].header) == 0)
			return i;
	return -1;
}

/* The column index of a header, -1 when ignored, -2 when unknown. */
static int column_of(struct arena *a, const char *header)
{
	if (!header || !*header || header[0] == '_')
		return -1;
	const char *h = fold(a, header);
	if (!*h)
		return -1;
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(h, aliases[i][0]) == 0)
			h = aliases[i][1];
	for (int i = 0; i < NCOLS; i++)
		if (strcmp(h, columns[i].header) == 0)
			return i;
	for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
		if (strcmp(h, ignored[i]) == 0)
			return -1;
	return -2;
}

static int lower_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		if (x != *b)
			return 0;
	}
	return *a == *b;
}

static int read_bool(const char *s, int *out)
{
	static const char *const yes[] = { "是", "有", "y", "yes", "true", "1", "√", "✓" };
	static const char *const no[] = { "否", "无", "n", "no", "false", "0", "×", "✗" };
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (lower_eq(s, yes[i]))
			return *out = 1, 0;
		if (lower_eq(s, no[i]))
			return *out = 0, 0;
	}
	return -1;
}

static int read_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	if (!*s)
		return -1;
	long v = strtol(s, &end, 10);
	if (end == s || v < lo || v > hi)
		return -1;
	*out = v;
	return (int)(end - s);   /* digits read */
}

static int read_grade(const char *s, int *out)
{
	static const char *const cn[] = { "一", "二", "三", "四" };
	for (int i = 0; i < 4; i++)
		if (strcmp(s, grades[i]) == 0 || strcmp(s, cn[i]) == 0)
			return *out = i + 1, 0;
	long v;
	int used = read_int(s, 1, 4, &v);
	if (used < 0 || (s[used] && strcmp(s + used, "级") != 0))
		return -1;
	*out = (int)v;
	return 0;
}

/* "2015-03-08", "2015/3/8", "2015.3.8", "2015年3月8日", "20150308", a time after the date, or
 * Excel's day count when the cell was a number. */
static const char *read_date(struct arena *a, const char *s, int numeric)
{
	struct cdate d = { 0, 0, 0 };
	long v;
	int used = read_int(s, 0, 99999999, &v);
	if (numeric && used > 0 && !s[used] && v > 0 && v < 2958466) {
		d = cdate_add_days((struct cdate){ 1899, 12, 30 }, (int)v);   /* Excel's epoch */
	} else if (used == 8 && (!s[8] || s[8] == ' ')) {
		d = (struct cdate){ (int)(v / 10000), (int)(v / 100 % 100), (int)(v % 100) };
	} else if (used == 4) {
		long m, day;
		const char *p = s + 4;
		int n1 = 0, n2 = 0;
		if (strncmp(p, "年", 3) == 0)
			p += 3;
		else if (*p == '-' || *p == '/' || *p == '.')
			p++;
		else
			return NULL;
		n1 = read_int(p, 1, 12, &m);
		if (n1 <= 0 || n1 > 2)
			return NULL;
		p += n1;
		if (strncmp(p, "月", 3) == 0)
			p += 3;
		else if (*p == '-' || *p == '/' || *p == '.')
			p++;
		else
			return NULL;
		n2 = read_int(p, 1, 31, &day);
		if (n2 <= 0 || n2 > 2)
			return NULL;
		p += n2;
		if (strncmp(p, "日", 3) == 0)
			p += 3;
		if (*p && *p != ' ' && *p != 'T')
			return NULL;
		d = (struct cdate){ (int)v, (int)m, (int)day };
	}
	if (!cdate_valid(d))
		return NULL;
	char buf[11];
	cdate_format(d, buf);
	return arena_strdup(a, buf);
}

/* A code value: its Chinese name or the code itself. */
static const char *read_code(struct arena *a, const char *dict, const char *s)
{
	if (strcmp(dict, "hukou_types") == 0) {
		static const char *const rural[] = { "农业", "农村", "农业户口", "农村户口",
						     "农业户籍" };
		static const char *const urban[] = { "非农业", "城镇", "非农业户口", "城镇户口",
						     "城市" };
		for (size_t i = 0; i < sizeof rural / sizeof rural[0]; i++) {
			if (strcmp(s, rural[i]) == 0)
				return "rural";
			if (strcmp(s, urban[i]) == 0)
				return "urban";
		}
	}
	int n;
	const struct code_name *d = child_dict(dict, &n);
	const char *f = fold(a, s);
	for (int i = 0; d && i < n; i++)
		if (strcmp(f, d[i].name) == 0 || strcmp(s, d[i].code) == 0)
			return d[i].code;
	if (strcmp(dict, "ethnicities") == 0) {   /* "土家" for "土家族" */
		const char *with = arena_printf(a, "%s族", f);
		for (int i = 0; d && i < n; i++)
			if (strcmp(with, d[i].name) == 0)
				return d[i].code;
	}
	return NULL;
}

/* The names a reason may list when a value is not one of them (short lists only). */
static const char *choices_text(struct arena *a, const struct import_column *col)
{
	struct buf b;
	buf_init(&b, 4096);
	buf_puts(&b, "");
	int i;
	const char *v;
	for (i = 0; (v = import_column_choice(col, i)); i++)
		buf_printf(&b, "%s%s", i ? "、" : "", v);
	const char *out = i > 0 && i <= 8 ? arena_printf(a, "，可选：%s", b.data)
					  : "，请从下拉列表中选择";
	buf_free(&b);
	return out;
}

/* Splits "农村留守儿童、困境儿童（自身残疾、重病）" at separators outside parentheses. */
static int read_categories(struct arena *a, const char *s, const char **codes, int max,
			   const char **bad)
{
	int n = 0, depth = 0;
	const char *start = s;
	for (const char *p = s;; p++) {
		unsigned char ch = (unsigned char)*p;
		int clen = ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
		int sep = !*p;
		if (strncmp(p, "（", 3) == 0 || ch == '(')
			depth++;
		else if (strncmp(p, "）", 3) == 0 || ch == ')')
			depth -= depth > 0;
		else if (depth == 0 && *p &&
			 (strncmp(p, "、", 3) == 0 || strncmp(p, "，", 3) == 0 ||
			  strncmp(p, "；", 3) == 0 || strchr(",;/\n", ch)))
			sep = 1;
		if (sep) {
			const char *item = trim(a, arena_strndup(a, start, (size_t)(p - start)));
			if (*item) {
				const char *code = read_code(a, "categories", item);
				if (!code) {
					*bad = item;
					return -1;
				}
				int dup = 0;
				for (int k = 0; k < n; k++)
					dup |= strcmp(codes[k], code) == 0;
				if (!dup && n < max)
					codes[n++] = code;
			}
			if (!*p)
				break;
			start = p + clen;
		}
		for (int k = 1; k < clen && p[1]; k++)
			p++;
	}
	return n;
}

/* ---- one row ---- */

struct row_in {
	const char *v[NCOLS];   /* trimmed text, NULL when empty */
	int numeric[NCOLS];
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
	for (int i = 0; i < NCOLS; i++)
		if (columns[i].part == part && strcmp(columns[i].field, name) == 0)
			return columns[i].header;
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
	const struct import_column *col = &columns[k];
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
		if (!(v = read_code(a, col->dict, text)))
			return reject(p, col->header, arena_printf(a, "“%.60s”不是有效的%s%s", text,
								   col->header, choices_text(a, col)));
		break;
	case COL_SEX:
		if (strcmp(text, "男") == 0 || lower_eq(text, "m"))
			v = "M";
		else if (strcmp(text, "女") == 0 || lower_eq(text, "f"))
			v = "F";
		else
			return reject(p, col->header, "性别应为男或女");
		break;
	case COL_DATE:
		if (!(v = read_date(a, text, numeric)))
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
		if (read_bool(text, &n) != 0)
			return reject(p, col->header, arena_printf(a, "%s应填“是”或“否”", col->header));
		break;
	case COL_GRADE:
		if (read_grade(text, &n) != 0)
			return reject(p, col->header, "残疾等级应为一级至四级");
		break;
	case COL_MONTHS: {
		long m;
		int used = read_int(text, 0, 1200, &m);
		if (used < 0 || (text[used] && strcmp(text + used, "个月") != 0 &&
				 strcmp(text + used, "月") != 0))
			return reject(p, col->header, "期限应为0至1200之间的整数（月）");
		n = (int)m;
		break;
	}
	case COL_CATS: {
		const char *codes[CAT_COUNT], *bad = NULL;
		int nc = read_categories(a, text, codes, CAT_COUNT, &bad);
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
	for (int k = 0; k < NCOLS; k++) {
		if (!ri->v[k])
			continue;
		if (columns[k].part == PART_FATHER && father < 0)
			father = parent_slot(&in, "father");
		if (columns[k].part == PART_MOTHER && mother < 0)
			mother = parent_slot(&in, "mother");
		if ((columns[k].part == PART_FATHER && father < 0) ||
		    (columns[k].part == PART_MOTHER && mother < 0))
			return reject(p, columns[k].header, "家庭成员过多");
		any_cg |= columns[k].part == PART_CAREGIVER;
	}
	if (any_cg && !in.has_caregiver) {
		in.has_caregiver = 1;
		in.caregiver.has_id_number = in.caregiver.has_phone = 1;
	}
	p->fields = arena_alloc(a, sizeof(char *) * NCOLS);
	for (int k = 0; k < NCOLS; k++) {
		int changed;
		if (!ri->v[k])
			continue;
		st = apply(im, p, &in, k, ri->v[k], ri->numeric[k], father, mother, &changed);
		if (st)
			return st;
		/* sex and birth date follow the ID number: checked, never a change of their own */
		if (changed && p->id && columns[k].kind != COL_SEX &&
		    strcmp(columns[k].field, "birth_date") != 0)
			p->fields[p->nfields++] = columns[k].header;
	}
	/* a parent newly recorded as away: in or outside the county decides left-behind (R3) */
	const int parents[2] = { father, mother };
	for (int i = 0; i < 2; i++) {
		const struct member_input *m = parents[i] >= 0 ? &in.members[parents[i]] : NULL;
		int k = column_named(i ? "母亲是否县外" : "父亲是否县外");
		if (m && !m->id && m->status && strcmp(m->status, "away") == 0 && !ri->v[k])
			return reject(p, columns[k].header,
				      arena_printf(a, "%s状况为外出务工时，请填写%s（是或否）",
						   i ? "母亲" : "父亲", columns[k].header));
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
	int used[NCOLS] = { 0 };
	for (int i = 0; i < n; i++)
		for (int k = 0; k < NCOLS; k++)
			used[k] |= rows[i].v[k] != NULL;
	const char *headers[NCOLS + 3] = { "原行号", "错误字段", "错误原因" };
	int ncols = 3;
	for (int k = 0; k < NCOLS; k++)
		if (used[k])
			headers[ncols++] = columns[k].header;
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
		for (int k = 0; k < NCOLS; k++)
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
			const char *t = k >= 0 ? trim(c->a, cell->text) : NULL;
			if (!t || !*t)
				continue;
			if (strlen(t) > 8000)
				return err_set(e, ST_INVALID, "rows", "第%d行“%s”内容过长", rows[i].row,
					       columns[k].header);
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
