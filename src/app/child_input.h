/* child_input.h: from a child's file as entered to rows to store (private to src/app). */
#ifndef SHOUHU_CHILD_INPUT_H
#define SHOUHU_CHILD_INPUT_H

#include "app/app.h"

struct child_built {
	struct child_row c;
	struct member_row *members;
	int nmembers;
	struct caregiver_row cg;
	int has_caregiver;
	struct category_reason reasons[CAT_COUNT];
	int nreasons;
};

/* Checks `in` (old: the stored file when editing, else NULL) inside the caller's scope and
 * builds the rows, numbers encrypted. Returns ST_INVALID naming the field on bad input. */
int child_build(struct ctx *c, struct db *db, const struct child_input *in,
		const struct child_file *old, struct child_built *out, struct err *e);

/* The steps of registering and editing a file, shared by the form (children.c) and the
 * spreadsheet import (child_import.c); all run inside the caller's transaction. */

/* Loads the whole file inside the caller's scope, derived as of today; ST_NOT_FOUND (儿童档案不存在)
 * when absent or outside the scope. */
int child_load_file(struct ctx *c, struct db *db, int64_t id, struct child_file *out,
		    struct err *e);
/* ST_DUPLICATE when another file (not `self`) holds b's ID number; out->existing_id is set when
 * that file is inside the caller's scope, and the message says nothing about it otherwise. */
int child_check_duplicate(struct ctx *c, struct db *db, const struct child_built *b,
			  int64_t self, struct child_file *out, struct err *e);
/* Writes the built rows: updates file *id (by id and version) when *id is set, else inserts
 * and sets *id; then members, caregiver and the name index. */
int child_save_rows(struct ctx *c, struct db *db, struct child_built *b, int64_t *id);
/* One history row per changed field (old → new, numbers masked). */
int child_record_changes(struct ctx *c, struct db *db, const struct child_file *old,
			 const struct child_built *b);

#endif
