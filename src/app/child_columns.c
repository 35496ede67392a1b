/* child_columns.c: the columns of the children's import (shared with the template) and the
 * reading of a cell's text: Chinese headers and value names, yes/no, grades, dates (also Excel's
 * day numbers), code values and category lists. Private to src/app (see child_docs.h). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/child_docs.h"
#include "app/child_rules.h"
#include "common/buf.h"
#include "domain/cdate.h"

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

const struct import_column import_column_table[IMPORT_NCOLS] = {
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

_Static_assert(sizeof import_column_table / sizeof import_column_table[0] == IMPORT_NCOLS,
	       "IMPORT_NCOLS counts the columns");
#define NCOLS IMPORT_NCOLS
#define columns import_column_table

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
const char *cell_trim(struct arena *a, const char *s)
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
static const char *cell_fold(struct arena *a, const char *s)
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

int column_named(const char *header)
{
	for (int i = 0; i < NCOLS; i++)
		if (strcmp(header, columns[i].header) == 0)
			return i;
	return -1;
}

/* The column index of a header, -1 when ignored, -2 when unknown. */
int column_of(struct arena *a, const char *header)
{
	if (!header || !*header || header[0] == '_')
		return -1;
	const char *h = cell_fold(a, header);
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

int ascii_lower_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		if (x != *b)
			return 0;
	}
	return *a == *b;
}

int cell_bool(const char *s, int *out)
{
	static const char *const yes[] = { "是", "有", "y", "yes", "true", "1", "√", "✓" };
	static const char *const no[] = { "否", "无", "n", "no", "false", "0", "×", "✗" };
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (ascii_lower_eq(s, yes[i]))
			return *out = 1, 0;
		if (ascii_lower_eq(s, no[i]))
			return *out = 0, 0;
	}
	return -1;
}

int cell_int(const char *s, long lo, long hi, long *out)
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

int cell_grade(const char *s, int *out)
{
	static const char *const cn[] = { "一", "二", "三", "四" };
	for (int i = 0; i < 4; i++)
		if (strcmp(s, grades[i]) == 0 || strcmp(s, cn[i]) == 0)
			return *out = i + 1, 0;
	long v;
	int used = cell_int(s, 1, 4, &v);
	if (used < 0 || (s[used] && strcmp(s + used, "级") != 0))
		return -1;
	*out = (int)v;
	return 0;
}

/* "2015-03-08", "2015/3/8", "2015.3.8", "2015年3月8日", "20150308", a time after the date, or
 * Excel's day count when the cell was a number. */
const char *cell_date(struct arena *a, const char *s, int numeric)
{
	struct cdate d = { 0, 0, 0 };
	long v;
	int used = cell_int(s, 0, 99999999, &v);
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
		n1 = cell_int(p, 1, 12, &m);
		if (n1 <= 0 || n1 > 2)
			return NULL;
		p += n1;
		if (strncmp(p, "月", 3) == 0)
			p += 3;
		else if (*p == '-' || *p == '/' || *p == '.')
			p++;
		else
			return NULL;
		n2 = cell_int(p, 1, 31, &day);
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
const char *cell_code(struct arena *a, const char *dict, const char *s)
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
	const char *f = cell_fold(a, s);
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
const char *column_choices_text(struct arena *a, const struct import_column *col)
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
int cell_categories(struct arena *a, const char *s, const char **codes, int max,
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
			const char *item = cell_trim(a, arena_strndup(a, start, (size_t)(p - start)));
			if (*item) {
				const char *code = cell_code(a, "categories", item);
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

