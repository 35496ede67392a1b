/* child_docs.h: the child's file as documents (docs/API.md, "Children"): the spreadsheet import
 * template, the import itself with its error report, the file as a PDF and a village's files as a
 * zip of PDFs. The use cases follow app.h: permission, data scope, one transaction, one audit
 * row. The column table at the end is private to src/app (the template and the import share it).
 * Owners: child_template.c (template), child_import.c (import, report), child_pdf.c (PDF, zip). */
#ifndef SHOUHU_CHILD_DOCS_H
#define SHOUHU_CHILD_DOCS_H

#include <stddef.h>

#include "app/app.h"

/* ---- import (child_import.c) ---- */
#define IMPORT_MAX_ROWS 5000

/* One cell as the browser read it: the header text of its column and the cell's text. A cell
 * that was a number in the sheet says so: an ID number stored as a number has lost digits, and
 * a date stored as a number is Excel's day count. */
struct import_cell {
	const char *header, *text;
	int numeric;
};

struct import_row {
	int row;                          /* spreadsheet row number: the header is row 1 */
	const struct import_cell *cells;
	int ncells;
};

enum import_mode { IMPORT_ALL_OR_NOTHING, IMPORT_VALID_ROWS };

struct import_reject {
	int row;
	const char *field;                /* the Chinese header of the column at fault */
	const char *reason;               /* Chinese */
};

struct import_change {
	int row;
	int64_t id;
	const char *name;
	const char **fields;              /* Chinese headers of the columns that changed */
	int nfields;
};

struct import_result {
	int created, updated, unchanged;
	struct import_reject *rejected;
	int nrejected;
	struct import_change *changes;
	int nchanges;
	char report[TOKEN_LEN + 1];       /* the error report's token; "" when no row was rejected */
};

/* Registers or updates (matched by ID number inside the caller's scope) one child per row, all
 * in one transaction, audited once as "child.import". IMPORT_ALL_OR_NOTHING saves nothing when
 * any row is rejected; IMPORT_VALID_ROWS saves the others. Rejected rows are kept for an hour
 * as an .xlsx for the same user (out->report). A row is never half-written: a failure while
 * writing rolls the whole import back. */
int children_import(struct ctx *c, enum import_mode mode, const struct import_row *rows, int n,
		    struct import_result *out, struct err *e);
/* The report of an import by the same user in the last hour (audited "child.import_report"). */
int children_import_report(struct ctx *c, const char *token, char **xlsx, size_t *len,
			   struct err *e);

/* ---- template (child_template.c) ---- */
/* The import template: a sheet with the header row and drop-down lists for every code value
 * (villages of the caller's scope too), and a sheet 填写说明 explaining each column. */
int children_import_template(struct ctx *c, char **xlsx, size_t *len, struct err *e);

/* ---- PDF (child_pdf.c) ---- */
/* The whole file on A4, numbers masked as in the file (audited "child.pdf"). *filename is
 * 姓名-id.pdf. */
int children_pdf(struct ctx *c, int64_t id, char **pdf, size_t *len, const char **filename,
		 struct err *e);
#define PDF_ZIP_MAX 300   /* about 70 ms and 0.5 MB a file: a village at a time */
/* One PDF per active child of a village inside the caller's scope, zipped (child:export;
 * audited "child.pdf_zip" with the count). */
int children_pdf_zip(struct ctx *c, const char *region, char **zip, size_t *len,
		     const char **filename, struct err *e);

/* ---- the columns of the import (private to src/app) ---- */
enum col_part { PART_CHILD, PART_FATHER, PART_MOTHER, PART_CAREGIVER };
enum col_kind {
	COL_TEXT, COL_CODE, COL_BOOL, COL_GRADE, COL_MONTHS, COL_DATE, COL_REGION, COL_ID,
	COL_PHONE, COL_CATS, COL_SEX,
};

struct import_column {
	const char *header;
	enum col_part part;
	enum col_kind kind;
	const char *dict;        /* COL_CODE: the child_dict() list */
	const char *field;       /* the field's name in child_build()'s errors */
	size_t off;              /* in struct child_input, member_input or caregiver_input */
	int required;            /* to register a child */
	size_t max;              /* COL_TEXT: bytes */
	const char *note;        /* 填写说明 */
};

#define IMPORT_NCOLS 54
extern const struct import_column import_column_table[IMPORT_NCOLS];   /* child_columns.c */
const struct import_column *import_columns(int *n);
/* The i-th value a drop-down offers for the column (Chinese), or NULL past the end and for
 * free-text columns. */
const char *import_column_choice(const struct import_column *col, int i);

/* Reading one cell (child_columns.c). Each returns -1 or NULL when the text does not fit. */
const char *cell_trim(struct arena *a, const char *s);   /* NULL when nothing is left */
int column_of(struct arena *a, const char *header);      /* index, -1 ignored, -2 unknown */
int column_named(const char *header);                     /* exact header → index, or -1 */
int ascii_lower_eq(const char *a, const char *lower);     /* a equals lower, ignoring A-Z case */
int cell_bool(const char *s, int *out);                  /* 是/否 and the like */
int cell_int(const char *s, long lo, long hi, long *out);
int cell_grade(const char *s, int *out);                 /* 一级..四级, 1..4 */
const char *cell_date(struct arena *a, const char *s, int numeric);   /* → YYYY-MM-DD */
const char *cell_code(struct arena *a, const char *dict, const char *s);   /* name or code */
const char *column_choices_text(struct arena *a, const struct import_column *col);
int cell_categories(struct arena *a, const char *s, const char **codes, int max,
		    const char **bad);

#endif
