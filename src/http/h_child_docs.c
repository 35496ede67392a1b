/* h_child_docs.c: the child's file as documents over HTTP (docs/API.md, "Children"): the import
 * template, the import (rows the browser read from an .xlsx or .csv, keyed by header text), its
 * error report, one file as a PDF and a village's files as a zip. */
#include <stdio.h>
#include <string.h>

#include "app/child_docs.h"
#include "http/http.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

int h_child_import_template(struct hreq *r, struct err *e)
{
	char *data;
	size_t len;
	int st = children_import_template(&r->ctx, &data, &len, e);
	if (!st)
		reply_file(r, XLSX_TYPE, "儿童信息导入模板.xlsx", data, len);
	return st;
}

/* A cell's text: strings as they are, numbers as the sheet showed them, 是/否 for booleans. */
static const char *cell_text(struct hreq *r, json_t *v, int *numeric)
{
	*numeric = 0;
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		*numeric = 1;
		return arena_printf(&r->a, "%lld", (long long)json_integer_value(v));
	}
	if (json_is_real(v)) {
		double d = json_real_value(v);
		*numeric = 1;
		if (d > -1e18 && d < 1e18 && d == (double)(long long)d)
			return arena_printf(&r->a, "%.0f", d);
		return arena_printf(&r->a, "%.15g", d);
	}
	if (json_is_boolean(v))
		return json_is_true(v) ? "是" : "否";
	return NULL;   /* null: an empty cell */
}

static int parse_rows(struct hreq *r, json_t *rows, struct import_row **out, int *n,
		      struct err *e)
{
	size_t count = json_array_size(rows);
	if (count > IMPORT_MAX_ROWS)
		return err_set(e, ST_TOO_LARGE, "rows", "每次最多导入%d行，本次有%zu行，请分批导入",
			       IMPORT_MAX_ROWS, count);
	*out = arena_alloc(&r->a, sizeof **out * (count + 1));
	*n = (int)count;
	for (size_t i = 0; i < count; i++) {
		json_t *o = json_array_get(rows, i);
		struct import_row *row = &(*out)[i];
		row->row = (int)i + 2;   /* the header is row 1 */
		if (!json_is_object(o))
			return err_set(e, ST_INVALID, "rows",
				       "第%d行数据格式不正确（应为以表头为键的对象）", row->row);
		json_t *at = json_object_get(o, "_row");
		if (at && (!json_is_integer(at) || json_integer_value(at) < 2 ||
			   json_integer_value(at) > 1048576))
			return err_set(e, ST_INVALID, "rows", "第%d行的行号（_row）不正确", row->row);
		if (at)
			row->row = (int)json_integer_value(at);
		size_t ncells = json_object_size(o);
		struct import_cell *cells = arena_alloc(&r->a, sizeof *cells * (ncells + 1));
		const char *key;
		json_t *v;
		json_object_foreach(o, key, v) {
			if (strcmp(key, "_row") == 0)
				continue;
			int numeric;
			if (json_is_object(v) || json_is_array(v))
				return err_set(e, ST_INVALID, "rows",
					       "第%d行“%.60s”的内容应为文字或数字", row->row, key);
			if (json_is_string(v) && strlen(json_string_value(v)) != json_string_length(v))
				return err_set(e, ST_INVALID, "rows", "第%d行“%.60s”含有非法字符",
					       row->row, key);
			const char *text = cell_text(r, v, &numeric);
			if (!text)
				continue;
			cells[row->ncells++] = (struct import_cell){ key, text, numeric };
		}
		row->cells = cells;
	}
	return ST_OK;
}

static json_t *result_json(const struct import_result *res)
{
	json_t *rejected = json_array(), *changes = json_array();
	for (int i = 0; i < res->nrejected; i++) {
		const struct import_reject *rj = &res->rejected[i];
		json_array_append_new(rejected, json_pack("{s:i, s:o, s:s}", "row", rj->row, "field",
							  rj->field[0] ? json_string(rj->field) : json_null(),
							  "reason", rj->reason));
	}
	for (int i = 0; i < res->nchanges; i++) {
		const struct import_change *ch = &res->changes[i];
		json_t *fields = json_array();
		for (int k = 0; k < ch->nfields; k++)
			json_array_append_new(fields, json_string(ch->fields[k]));
		json_array_append_new(changes, json_pack("{s:i, s:I, s:s, s:o}", "row", ch->row, "id",
							 (json_int_t)ch->id, "name", ch->name, "fields",
							 fields));
	}
	return json_pack("{s:i, s:i, s:i, s:o, s:o, s:o}", "created", res->created, "updated",
			 res->updated, "unchanged", res->unchanged, "rejected", rejected, "changes",
			 changes, "report", res->report[0] ? json_string(res->report) : json_null());
}

int h_children_import(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "mode", "rows", NULL };
	const char *mode_s = NULL;
	struct import_row *rows = NULL;
	int n = 0;
	int st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "mode", 0, 20, &mode_s, e);
	enum import_mode mode = IMPORT_ALL_OR_NOTHING;
	if (!st && mode_s && strcmp(mode_s, "valid_rows") == 0)
		mode = IMPORT_VALID_ROWS;
	else if (!st && mode_s && strcmp(mode_s, "all_or_nothing") != 0)
		st = err_set(e, ST_INVALID, "mode", "导入方式应为 all_or_nothing 或 valid_rows");
	json_t *arr = st ? NULL : json_object_get(r->in, "rows");
	if (!st && !json_is_array(arr))
		st = err_set(e, ST_INVALID, "rows", "缺少要导入的行（rows 应为数组）");
	if (!st)
		st = parse_rows(r, arr, &rows, &n, e);
	struct import_result res;
	if (!st)
		st = children_import(&r->ctx, mode, rows, n, &res, e);
	if (!st)
		reply(r, 200, result_json(&res));
	return st;
}

int h_child_import_report(struct hreq *r, struct err *e)
{
	/* the token, with or without the ".xlsx" a link may add */
	const char *token = r->nparams ? r->params[0] : "";
	size_t len = strlen(token);
	if (len > 5 && strcmp(token + len - 5, ".xlsx") == 0)
		token = arena_strndup(&r->a, token, len - 5);
	char *data;
	size_t size;
	int st = children_import_report(&r->ctx, token, &data, &size, e);
	if (!st)
		reply_file(r, XLSX_TYPE, "导入错误报告.xlsx", data, size);
	return st;
}

int h_child_pdf(struct hreq *r, struct err *e)
{
	int64_t id;
	char *data;
	size_t len;
	const char *name = "儿童档案.pdf";
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = children_pdf(&r->ctx, id, &data, &len, &name, e);
	if (!st)
		reply_file(r, "application/pdf", name, data, len);
	return st;
}

int h_children_files_zip(struct hreq *r, struct err *e)
{
	char *data;
	size_t len;
	const char *name = "儿童档案.zip";
	int st = children_pdf_zip(&r->ctx, qarg(r, "region"), &data, &len, &name, e);
	if (!st)
		reply_file(r, "application/zip", name, data, len);
	return st;
}
