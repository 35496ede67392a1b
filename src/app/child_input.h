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

#endif
