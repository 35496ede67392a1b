/* psych.h: psychological care (心理关爱; issue 5, 003#20, 003#21, docs/API.md "Psychological
 * care"). Screenings (心理筛查) with their results enter the child's file; an abnormal result is
 * referred (转介) to a service, whose state follows src/domain/psych_flow.h; a child back from
 * psychiatric treatment gets a paired carer (结对关爱人) and regular follow-ups (定期随访).
 * psych:read / psych:write: county, town and director users in their scope, school users for
 * their own pupils (the school's narrowing of the child scope); departments and volunteers have
 * neither (403). A record outside the scope is not found (404). Every read and write is audited
 * in its transaction; the audit detail never carries a score or a result. Included by app.h. */
#ifndef SHOUHU_APP_PSYCH_H
#define SHOUHU_APP_PSYCH_H

#include <stdint.h>

#include "domain/psych_flow.h"

struct psych_referral_input {
	int given;                        /* the screening carries a "referral" object */
	const char *service_type, *service_name;
	int64_t org_id;                   /* 0: none */
};

struct psych_screening_input {
	const char *instrument, *screened_on, *assessor, *result, *note, *client_id;
	const char *score;                /* the number as text (the adapter's), NULL: none */
	struct psych_referral_input referral;
};

/* POST /children/{id}/psych/screenings. *replayed is 1 when client_id was used before by the
 * caller for this child: out is the stored screening and nothing changed. */
int psych_screening_create(struct ctx *c, int64_t child_id, const struct psych_screening_input *in,
			   struct psych_screening_row *out, int *replayed, struct err *e);
/* The child's screenings, the latest first. */
int psych_screening_list(struct ctx *c, int64_t child_id, struct psych_screening_row **rows,
			 int *n, struct err *e);

struct psych_referral_view {
	struct psych_referral_row r;
	struct psych_event_row *events;
	int nevents;
	struct psych_followup_row *followups;
	int nfollowups;
	int followup_due;                 /* next_followup_on has passed */
	int full;                         /* events and followups were loaded */
};

struct psych_referral_query {
	const char *state, *region;
	int followup_due;
	int page, page_size;
};

struct psych_event_input {
	const char *event, *note, *outcome, *carer_name;
	int returned_from_treatment;
	int64_t carer_user_id;            /* 0: none */
	int followup_days;                /* 0: not given */
};

int psych_referral_get(struct ctx *c, int64_t id, struct psych_referral_view *out,
		       struct err *e);
/* The child's referrals, the newest first, with their events and follow-ups. */
int psych_referral_list_child(struct ctx *c, int64_t child_id, struct psych_referral_view **rows,
			      int *n, struct err *e);
/* The referrals in the caller's scope (the register; without events and follow-ups). */
int psych_referral_list(struct ctx *c, const struct psych_referral_query *q,
			struct psych_referral_view **rows, int *n, int64_t *total,
			struct err *e);
/* An event of the state machine; illegal in the referral's state → ST_CONFLICT naming it. */
int psych_referral_event(struct ctx *c, int64_t id, const struct psych_event_input *in,
			 struct psych_referral_view *out, struct err *e);
/* A follow-up (定期随访) on `on` (not after today); moves next_followup_on. */
int psych_followup_add(struct ctx *c, int64_t id, const char *on, const char *note,
		       struct psych_referral_view *out, struct err *e);

/* Internal to src/app (psych.c → psych_referrals.c): opens the referral of a screening inside
 * the caller's transaction; fields of the input are named `referral.<x>` in errors. */
int psych_referral_open(struct ctx *c, struct db *db, const struct child_row *child,
			int64_t screening_id, const char *referred_on,
			const struct psych_referral_input *in, int64_t *id, struct err *e);
/* Counts characters of UTF-8 text. */
int psych_text_chars(const char *s);

#endif
