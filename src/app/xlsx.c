/* xlsx.c: one-sheet spreadsheets for exports, written by libxlsxwriter into a private temporary
 * file and read back into the request's arena. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "app/app.h"
#include "common/log.h"

int xlsx_table(struct arena *a, const char *sheet, const char *const *headers, int ncols,
	       const char *const *cells, int nrows, char **out, size_t *len, struct err *e)
{
	char path[] = "/tmp/shouhu-xlsx-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return err_set(e, ST_INTERNAL, NULL, "导出失败：无法创建临时文件");
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, sheet) : NULL;
	if (!ws) {
		unlink(path);
		return err_set(e, ST_INTERNAL, NULL, "导出失败");
	}
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (int col = 0; col < ncols; col++) {
		worksheet_write_string(ws, 0, (lxw_col_t)col, headers[col], bold);
		worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col, 18, NULL);
	}
	for (int r = 0; r < nrows; r++)
		for (int col = 0; col < ncols; col++) {
			const char *v = cells[r * ncols + col];
			if (v && *v)
				worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)col, v, NULL);
		}
	worksheet_freeze_panes(ws, 1, 0);
	int st = ST_OK;
	if (workbook_close(wb) != LXW_NO_ERROR)
		st = err_set(e, ST_INTERNAL, NULL, "导出失败");
	FILE *f = st ? NULL : fopen(path, "rb");
	if (f) {
		fseek(f, 0, SEEK_END);
		long n = ftell(f);
		rewind(f);
		*out = arena_alloc(a, (size_t)n + 1);
		if (n < 0 || fread(*out, 1, (size_t)n, f) != (size_t)n)
			st = err_set(e, ST_INTERNAL, NULL, "导出失败");
		*len = (size_t)n;
		fclose(f);
	} else if (!st) {
		st = err_set(e, ST_INTERNAL, NULL, "导出失败");
	}
	unlink(path);
	return st;
}
