/* child_template.c: the import template (导入模板) — a sheet 儿童信息 with the header row the import
 * reads (child_import.c's column table) and a drop-down list for every code value, the caller's
 * villages among them; a sheet 填写说明 explaining each column; and a hidden sheet 代码表 holding
 * the lists. Written by libxlsxwriter into a private temporary file, as xlsx.c does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "app/child_docs.h"
#include "domain/region.h"

#define MAX_VILLAGES 5000
#define LISTS_SHEET "代码表"

/* "500241103204 隘口镇平所村" for each village inside the caller's scope, in code order; none
 * when the scope is wider than a county (the list would be too long to choose from). */
static int village_choices(struct ctx *c, const char ***out, int *n)
{
	*n = 0;
	*out = arena_alloc(c->a, sizeof(char *) * (MAX_VILLAGES + 1));
	int64_t root = c->who->region_code;
	if (region_level(root) < REGION_COUNTY)
		return ST_OK;
	struct db *db = store_acquire(c->app->store);
	struct region_row self;
	int st = st_region_get(db, c->a, &c->who->scope, root, &self);
	/* breadth first: towns, then their villages */
	struct region_row *level = &self;
	int nlevel = st ? 0 : 1;
	while (!st && nlevel > 0 && *n < MAX_VILLAGES) {
		struct region_row *next = NULL;
		int nnext = 0, cap = 0;
		for (int i = 0; !st && i < nlevel; i++) {
			if (level[i].level == REGION_VILLAGE) {
				const char *town = level[i].parent_name ? level[i].parent_name : "";
				if (*n < MAX_VILLAGES)
					(*out)[(*n)++] = arena_printf(c->a, "%012lld %s%s",
								      (long long)level[i].code, town,
								      level[i].name);
				continue;
			}
			struct region_row *kids;
			int nk;
			st = st_region_children(db, c->a, &c->who->scope, level[i].code, &kids, &nk);
			if (st || nk == 0)
				continue;
			if (nnext + nk > cap) {
				cap = (nnext + nk) * 2;
				struct region_row *grown =
					arena_alloc(c->a, sizeof *grown * (size_t)cap);
				if (nnext)
					memcpy(grown, next, sizeof *grown * (size_t)nnext);
				next = grown;
			}
			memcpy(next + nnext, kids, sizeof *kids * (size_t)nk);
			nnext += nk;
		}
		level = next;
		nlevel = nnext;
	}
	store_release(c->app->store, db);
	return st;
}

static const char *col_letters(struct arena *a, int col)
{
	char s[8];
	int n = 0;
	for (col++; col > 0 && n < 7; col = (col - 1) / 26)
		s[n++] = (char)('A' + (col - 1) % 26);
	char *out = arena_alloc(a, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		out[i] = s[n - 1 - i];
	return out;
}

/* Writes list `values` into column `col` of the lists sheet (row 1 its title) and returns the
 * formula of its range. */
static char *put_list(struct arena *a, lxw_worksheet *lists, int col, const char *title,
		      const char *const *values, int n)
{
	worksheet_write_string(lists, 0, (lxw_col_t)col, title, NULL);
	for (int i = 0; i < n; i++)
		worksheet_write_string(lists, (lxw_row_t)(i + 1), (lxw_col_t)col, values[i], NULL);
	const char *l = col_letters(a, col);
	return arena_printf(a, "='" LISTS_SHEET "'!$%s$2:$%s$%d", l, l, n + 1);
}

static int read_back(struct arena *a, const char *path, char **out, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ST_INTERNAL, NULL, "生成导入模板失败");
	int st = ST_OK;
	long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	rewind(f);
	if (n < 0)
		st = err_set(e, ST_INTERNAL, NULL, "生成导入模板失败");
	if (!st) {
		*out = arena_alloc(a, (size_t)n + 1);
		if (fread(*out, 1, (size_t)n, f) != (size_t)n)
			st = err_set(e, ST_INTERNAL, NULL, "生成导入模板失败");
		*len = (size_t)n;
	}
	fclose(f);
	return st;
}

/* Column width in characters: about two per Chinese character of the header. */
static double width_of(const char *header)
{
	int chars = 0;
	for (const char *p = header; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	return chars * 2.2 + 3 < 10 ? 10 : chars * 2.2 + 3;
}

static void write_guide(lxw_workbook *wb, lxw_worksheet *ws, const struct import_column *cols,
			int ncols, int nvillages, struct arena *a)
{
	lxw_format *title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 14);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xDDEBF7);
	format_set_border(head, LXW_BORDER_THIN);
	lxw_format *cell = workbook_add_format(wb);
	format_set_text_wrap(cell);
	format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(cell, LXW_BORDER_THIN);
	lxw_format *req = workbook_add_format(wb);
	format_set_font_color(req, LXW_COLOR_RED);
	format_set_text_wrap(req);
	format_set_align(req, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(req, LXW_BORDER_THIN);
	lxw_format *wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);

	static const char *const rules[] = {
		"1. 在“儿童信息”表中每行填写一名儿童，不要修改、删除或调换表头；不需要的列可以留空。",
		"2. 红色表头为必填项：姓名、身份证号码、所在村（社区）代码、户口性质。",
		"3. 带下拉箭头的单元格请从下拉列表中选择；日期按 2015-03-08 的格式填写。",
		"4. 身份证号码已在您管辖范围内登记的儿童，导入时更新其档案：只更新填写了内容的列，"
		"空白单元格保留原有信息；其余儿童新建档案。",
		"5. 已在其他地区登记的儿童不能导入，请联系县级民政部门核实。",
		"6. 每次最多导入5000行。有错误的行会列入“导入错误报告”，可下载修改后重新导入。",
		"7. 儿童类别由系统根据登记信息自动认定，“记录类别”仅作核对。",
		"8. 表中含有个人信息，请妥善保管，用后及时删除。",
	};
	worksheet_set_column(ws, 0, 0, 6, NULL);
	worksheet_set_column(ws, 1, 1, 24, NULL);
	worksheet_set_column(ws, 2, 2, 10, NULL);
	worksheet_set_column(ws, 3, 3, 60, NULL);
	worksheet_set_column(ws, 4, 4, 50, NULL);
	worksheet_write_string(ws, 0, 0, "儿童信息导入模板填写说明", title);
	lxw_row_t r = 1;
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++, r++) {
		worksheet_merge_range(ws, r, 0, r, 4, rules[i], wrap);
		worksheet_set_row(ws, r, 30, NULL);
	}
	r++;
	static const char *const heads[] = { "序号", "列名", "是否必填", "填写要求", "可选值" };
	for (int k = 0; k < 5; k++)
		worksheet_write_string(ws, r, (lxw_col_t)k, heads[k], head);
	r++;
	for (int k = 0; k < ncols; k++, r++) {
		const struct import_column *col = &cols[k];
		lxw_format *f = col->required ? req : cell;
		worksheet_write_number(ws, r, 0, k + 1, cell);
		worksheet_write_string(ws, r, 1, col->header, f);
		worksheet_write_string(ws, r, 2, col->required ? "必填" : "选填", f);
		worksheet_write_string(ws, r, 3, col->note, cell);
		const char *choices = "";
		if (col->kind == COL_REGION)
			choices = nvillages ? arena_printf(a, "下拉列表中有您管辖范围内的%d个村（社区）",
							   nvillages)
					    : "您的管辖范围较大，请直接填写12位区划代码";
		else if (col->kind == COL_CODE && strcmp(col->dict, "ethnicities") == 0)
			choices = "56个民族，见下拉列表";
		else {
			const char *v;
			char *list = arena_strdup(a, "");
			for (int i = 0; (v = import_column_choice(col, i)); i++)
				list = arena_printf(a, "%s%s%s", list, i ? "、" : "", v);
			choices = list;
		}
		worksheet_write_string(ws, r, 4, choices, cell);
	}
}

int children_import_template(struct ctx *c, char **xlsx, size_t *len, struct err *e)
{
	int st = app_require(c, PERM_CHILD_IMPORT, e);
	const char **villages = NULL;
	int nvillages = 0;
	if (!st)
		st = village_choices(c, &villages, &nvillages);
	if (st)
		return st;
	char path[] = "/tmp/shouhu-tpl-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return err_set(e, ST_INTERNAL, NULL, "生成导入模板失败：无法创建临时文件");
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *data = wb ? workbook_add_worksheet(wb, "儿童信息") : NULL;
	lxw_worksheet *guide = data ? workbook_add_worksheet(wb, "填写说明") : NULL;
	lxw_worksheet *lists = guide ? workbook_add_worksheet(wb, LISTS_SHEET) : NULL;
	if (!lists) {
		if (wb)
			workbook_close(wb);
		unlink(path);
		return err_set(e, ST_INTERNAL, NULL, "生成导入模板失败");
	}
	/* every data cell is text: an 18-digit ID number in a number cell loses its last digits */
	lxw_format *text = workbook_add_format(wb);
	format_set_num_format(text, "@");
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_text_wrap(head);
	format_set_bg_color(head, 0xDDEBF7);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_num_format(head, "@");
	format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	lxw_format *head_req = workbook_add_format(wb);
	format_set_bold(head_req);
	format_set_text_wrap(head_req);
	format_set_bg_color(head_req, 0xDDEBF7);
	format_set_border(head_req, LXW_BORDER_THIN);
	format_set_font_color(head_req, LXW_COLOR_RED);
	format_set_num_format(head_req, "@");
	format_set_align(head_req, LXW_ALIGN_VERTICAL_CENTER);

	int ncols;
	const struct import_column *cols = import_columns(&ncols);
	int nlists = 0;
	const char *list_keys[16];
	char *list_formulas[16];
	for (int k = 0; k < ncols; k++) {
		const struct import_column *col = &cols[k];
		worksheet_set_column(data, (lxw_col_t)k, (lxw_col_t)k, width_of(col->header), text);
		worksheet_write_string(data, 0, (lxw_col_t)k, col->header,
				       col->required ? head_req : head);
		/* the tip shown when a cell of the column is selected, and its drop-down list */
		lxw_data_validation dv;
		memset(&dv, 0, sizeof dv);
		dv.input_title = (char *)col->header;
		dv.input_message = (char *)(col->note && *col->note ? col->note : col->header);
		dv.validate = LXW_VALIDATION_TYPE_ANY;
		const char *choices[64];
		int n = 0;
		const char *v;
		for (; n < 64 && (v = import_column_choice(col, n)); n++)
			choices[n] = v;
		/* A short list goes into the validation itself: at most 255 bytes, as
		 * libxlsxwriter 1.1.4 copies it into a buffer of that many bytes (it counts the
		 * limit in characters and overflows on longer Chinese lists). A long list goes
		 * into the hidden lists sheet, once per dictionary; that version also leaks its
		 * copy of each formula, so formulas are kept to the lists that need one. */
		size_t bytes = 0;
		for (int i = 0; i < n; i++)
			bytes += strlen(choices[i]) + 1;
		const char *key = col->kind == COL_REGION ? "villages" : col->dict;
		char *formula = NULL;
		for (int i = 0; key && i < nlists && !formula; i++)
			if (strcmp(list_keys[i], key) == 0)
				formula = list_formulas[i];
		if (!formula && col->kind == COL_REGION && nvillages > 0) {
			formula = put_list(c->a, lists, nlists, col->header, villages, nvillages);
			list_keys[nlists] = key;
			list_formulas[nlists++] = formula;
		} else if (!formula && n > 0 && bytes <= 250) {
			const char **inline_list = arena_alloc(c->a, sizeof(char *) * (size_t)(n + 1));
			memcpy(inline_list, choices, sizeof(char *) * (size_t)n);
			dv.validate = LXW_VALIDATION_TYPE_LIST;
			dv.value_list = (char **)inline_list;
			dv.error_title = "输入有误";
			dv.error_message = "请从下拉列表中选择";
		} else if (!formula && n > 0 && key && nlists < 16) {
			formula = put_list(c->a, lists, nlists, col->header, choices, n);
			list_keys[nlists] = key;
			list_formulas[nlists++] = formula;
		}
		if (formula) {
			dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
			dv.value_formula = formula;
			dv.error_title = "输入有误";
			dv.error_message = "请从下拉列表中选择";
		}
		/* several categories in one cell, or a code typed in by hand, stay allowed */
		if (dv.validate != LXW_VALIDATION_TYPE_ANY &&
		    (col->kind == COL_CATS || col->kind == COL_REGION)) {
			dv.error_type = LXW_VALIDATION_ERROR_TYPE_INFORMATION;
			dv.error_message = col->kind == COL_CATS ? "可填多个类别，用“、”分隔"
								 : "请填写12位统计用区划代码";
		}
		if (worksheet_data_validation_range(data, 1, (lxw_col_t)k, IMPORT_MAX_ROWS,
						    (lxw_col_t)k, &dv) != LXW_NO_ERROR)
			st = err_set(e, ST_INTERNAL, NULL, "生成导入模板失败");
	}
	worksheet_set_row(data, 0, 32, NULL);
	worksheet_freeze_panes(data, 1, 2);
	write_guide(wb, guide, cols, ncols, nvillages, c->a);
	worksheet_hide(lists);
	worksheet_activate(data);
	if (workbook_close(wb) != LXW_NO_ERROR && !st)
		st = err_set(e, ST_INTERNAL, NULL, "生成导入模板失败");
	if (!st)
		st = read_back(c->a, path, xlsx, len, e);
	unlink(path);
	return st;
}
