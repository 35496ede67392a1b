/* cases.h: the use cases of issue 5's guardianship cases (R5, 001#6, docs/API.md "Interventions
 * and the guardianship-case register", "Placements"): interventions (干预措施: admonition,
 * reprimand, orders, revocation, suits, suggestions) with the after-case follow-up visits
 * (案后回访) scheduled at +1, +3 and +6 months once the case is closed (案件办结), the register
 * (专项台账) with its Excel export, and guardianship placements (临时/长期监护安置) with reviews.
 * Included at the end of app.h.
 *
 * Permissions: reading needs guard:read, writing case:write (civil affairs: county and town).
 * The child, or the record, must be inside the caller's scope (404 otherwise); new records need
 * an active child. Every read and write is audited in its transaction. Pure rules (kinds, days)
 * are in domain/case_rules.h. */
#ifndef SHOUHU_APP_CASES_H
#define SHOUHU_APP_CASES_H

#include "domain/case_rules.h"

/* ---- interventions (interventions.c) ---- */
struct intervention_input {
	const char *kind, *issuer, *issued_on, *doc_no, *summary, *client_id;
	int64_t issuer_org_id;
};
/* A change: has_* says which fields were sent (null clears doc_no or closed_on). */
struct intervention_change {
	int has_doc_no, has_summary, has_closed_on;
	const char *doc_no, *summary, *closed_on;
};
struct intervention_view {
	struct intervention_row r;
	struct followup_row *followups;
	int nfollowups;
	int replayed;    /* the same client_id was stored before: r is that record */
};
struct intervention_query {
	const char *region, *kind, *from, *to, *followup, *q;
	int page, page_size;
};
int interventions_create(struct ctx *c, int64_t child_id, const struct intervention_input *in,
			 struct intervention_view *out, struct err *e);
/* The child's interventions, newest first, each with its follow-ups. */
int interventions_of_child(struct ctx *c, int64_t child_id, struct intervention_view **rows,
			   int *n, struct err *e);
int interventions_get(struct ctx *c, int64_t id, struct intervention_view *out, struct err *e);
/* Setting or moving closed_on drops the follow-ups not done yet and schedules +1/+3/+6 months
 * from the new day; clearing it (the case reopened) drops them. */
int interventions_update(struct ctx *c, int64_t id, const struct intervention_change *in,
			 struct intervention_view *out, struct err *e);
/* Records the earliest scheduled follow-up not done yet, or an extra one when none is left;
 * 409 `closed_on` while the case is open. */
int interventions_followup(struct ctx *c, int64_t id, const char *done_on, const char *note,
			   struct intervention_view *out, struct err *e);
/* The register (专项台账): newest first, a page with its follow-ups. */
int interventions_register(struct ctx *c, const struct intervention_query *q,
			   struct intervention_view **rows, int *n, int64_t *total, struct err *e);
/* The register as an Excel workbook (child:export too), at most 50,000 rows. */
int interventions_export(struct ctx *c, const struct intervention_query *q, char **xlsx,
			 size_t *len, struct err *e);

/* ---- placements (placements.c) ---- */
struct placement_input {
	const char *kind, *term, *carer, *reason, *start_on, *client_id;
	int64_t org_id;
	int review_months;    /* 0: not sent */
};
struct placement_change {
	int has_end_on, has_reason;
	const char *end_on, *reason;
};
struct placement_view {
	struct placement_row r;
	struct review_row *reviews;
	int nreviews;
	const char *state;    /* "active" | "ended" (end_on on or before today, CST) */
	int replayed;
};
struct placement_query {
	const char *region, *state, *review_due;
	int page, page_size;
};
int placements_create(struct ctx *c, int64_t child_id, const struct placement_input *in,
		      struct placement_view *out, struct err *e);
int placements_of_child(struct ctx *c, int64_t child_id, struct placement_view **rows, int *n,
			struct err *e);
int placements_update(struct ctx *c, int64_t id, const struct placement_change *in,
		      struct placement_view *out, struct err *e);
/* A review on `on`: the next review is on + review_months. */
int placements_review(struct ctx *c, int64_t id, const char *on, const char *note,
		      struct placement_view *out, struct err *e);
int placements_list(struct ctx *c, const struct placement_query *q, struct placement_view **rows,
		    int *n, int64_t *total, struct err *e);

#endif
