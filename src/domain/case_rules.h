/* case_rules.h: the pure rules of issue 5's guardianship cases (R5, 001#6): the kinds of
 * intervention (干预措施) and of guardianship placement (监护安置), the after-case follow-up
 * visits (案后回访) scheduled at +1, +3 and +6 calendar months from the day a case is closed,
 * the review day of a placement, and what the register's follow-up filter means. Pure: no I/O. */
#ifndef SHOUHU_CASE_RULES_H
#define SHOUHU_CASE_RULES_H

#include "domain/cdate.h"

#define CASE_FOLLOWUPS 3          /* after-case visits scheduled when a case is closed */
#define CASE_DUE_SOON_DAYS 7      /* followup=due: due within this many days, or overdue */
#define PLACEMENT_REVIEW_MIN 1    /* review_months */
#define PLACEMENT_REVIEW_MAX 24

struct case_code {
	const char *code, *name;
};

/* Tables in display order; *n set to the count. */
const struct case_code *intervention_kinds(int *n);
const struct case_code *placement_kinds(int *n);
const struct case_code *placement_terms(int *n);
const char *intervention_kind_name(const char *code);   /* NULL when unknown */
const char *placement_kind_name(const char *code);
const char *placement_term_name(const char *code);
/* The organisation type a placement of this kind is with ("rescue", "welfare"), or NULL when
 * the kind is with a person (relatives, foster family). */
const char *placement_org_type(const char *kind);

/* The after-case follow-up days of a case closed on `closed`: +1, +3, +6 months by the
 * calendar (a day missing in the month becomes its last day: 08-31 + 6 months = 02-28/29). */
void case_followup_days(struct cdate closed, struct cdate out[CASE_FOLLOWUPS]);

/* The next review of a placement: `from` (its start, or its latest review) + months. */
struct cdate placement_next_review(struct cdate from, int months);

/* The register's follow-up filter: the latest next_followup_on that matches (inclusive).
 * "due": due within CASE_DUE_SOON_DAYS of today or overdue; "overdue": before today; "all": any
 * pending follow-up (out is not set, *any = 1). Returns 0, or -1 for an unknown value. */
int case_followup_bound(const char *filter, struct cdate today, struct cdate *out, int *any);

#endif
