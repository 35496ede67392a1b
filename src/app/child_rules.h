/* child_rules.h: rules the child use cases share (private to src/app): facts for the category
 * rules, the name index, the next day a derivation may change, caregiver warnings. */
#ifndef SHOUHU_CHILD_RULES_H
#define SHOUHU_CHILD_RULES_H

#include "app/app.h"
#include "domain/cdate.h"

/* The facts of categories.h from a file's rows. */
void child_facts_from(const struct child_row *c, const struct member_row *m, int n,
		      struct child_facts *f);
/* The derivation as of `today`: sets derived_categories, mismatch, recheck_on, turning_on. */
void child_derive(struct arena *a, struct child_row *c, const struct member_row *m, int n,
		  struct cdate today, struct category_reason *reasons, int *nreasons);
/* Every character and every pair of adjacent characters of name (UTF-8). */
int name_grams(struct arena *a, const char *name, const char ***grams);
/* The caregiver's Art. 22 disqualifications and Art. 23 notices, as Chinese warnings. */
int caregiver_warnings(const struct caregiver_row *cg, const char **out, int max);
uint32_t categories_from_codes(const char *const *codes, int n, const char **bad);
const char *categories_text(struct arena *a, uint32_t set);   /* "农村留守儿童、残疾儿童" */
const char *mask_id_number(struct arena *a, const char *number);
const char *mask_phone_number(struct arena *a, const char *phone);

#endif
