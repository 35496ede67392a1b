/* store_psych.h: storage of psychological care (心理关爱, issue 5; 003#20, 003#21) — screenings,
 * referrals with their events and follow-ups (定期随访). Included at the end of store.h. Every
 * read takes the caller's scope through the child: the region range and the school's and
 * pairing narrowing (a school sees only its own pupils' records), so a record outside it is not
 * found, like one that does not exist. Results are allocated in the caller's arena. */
#ifndef SHOUHU_STORE_PSYCH_H
#define SHOUHU_STORE_PSYCH_H

#include <stdint.h>

struct psych_screening_row {
	int64_t id, child_id, region_code, referral_id, created_by, created_at;
	const char *instrument, *screened_on, *assessor, *score, *result, *note, *client_id;
	const char *by_name;   /* joined */
};

/* Inserts unless the user already stored this client_id: then *id is 0 and nothing changes. */
int st_psych_screening_insert(struct db *db, const struct psych_screening_row *s, int64_t *id);
int st_psych_screening_set_referral(struct db *db, int64_t id, int64_t referral_id);
int st_psych_screening_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
			   struct psych_screening_row *out);
/* The screening this user stored with client_id (unscoped: it is the user's own). */
int st_psych_screening_by_client(struct db *db, int64_t user_id, const char *client_id,
				 int64_t *id);
/* A child's screenings, the latest first (screened_on, then id). */
int st_psych_screening_list(struct db *db, struct arena *a, int64_t child_id,
			    struct psych_screening_row **rows, int *n);
/* The result of the child's latest screening (screened_on, then id); *result NULL when none. */
int st_psych_latest_result(struct db *db, struct arena *a, int64_t child_id, const char **result);

struct psych_referral_row {
	int64_t id, child_id, region_code, screening_id, org_id, carer_user_id, created_by;
	int64_t created_at, updated_at;
	const char *service_type, *service_name, *state, *referred_on, *closed_on, *outcome;
	const char *carer_name, *next_followup_on;
	int returned_from_treatment, followup_days;
	/* joined for display */
	const char *child_name, *region_name, *org_name, *carer_user_name;
};
struct psych_event_row {
	int64_t id, at, user_id;
	const char *event, *note, *user_name;
};
struct psych_followup_row {
	int64_t id, created_by, created_at;
	const char *on_day, *note, *by_name;
};
struct psych_referral_filter {
	struct scope scope;
	struct scope within;          /* region filter; {0, 0}: none */
	int64_t child_id;             /* 0: any */
	const char *state;            /* NULL: any */
	const char *due_before;       /* next_followup_on < this day; NULL: no filter */
};

int st_psych_referral_insert(struct db *db, const struct psych_referral_row *r, int64_t *id);
int st_psych_referral_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
			  struct psych_referral_row *out);
/* Referrals in scope matching f: followup_due (due_before) the earliest next day first,
 * otherwise the newest first. */
int st_psych_referral_list(struct db *db, struct arena *a, const struct psych_referral_filter *f,
			   struct page pg, struct psych_referral_row **rows, int *n, int64_t *total);
/* Moves a referral from state `from` (ST_CONFLICT when it is no longer in it: a concurrent
 * change) to r->state with r's closing fields and next_followup_on. */
int st_psych_referral_update(struct db *db, const struct psych_referral_row *r, const char *from,
			     int64_t now);
int st_psych_referral_set_next(struct db *db, int64_t id, const char *next_followup_on,
			       int64_t now);
int st_psych_event_add(struct db *db, int64_t referral_id, int64_t region, int64_t at,
		       const char *event, const char *note, int64_t user_id);
/* Oldest first. */
int st_psych_events(struct db *db, struct arena *a, int64_t referral_id,
		    struct psych_event_row **rows, int *n);
int st_psych_followup_add(struct db *db, int64_t referral_id, int64_t region, const char *on_day,
			  const char *note, int64_t by, int64_t at, int64_t *id);
/* Oldest first (by day, then id). */
int st_psych_followups(struct db *db, struct arena *a, int64_t referral_id,
		       struct psych_followup_row **rows, int *n);

#endif
