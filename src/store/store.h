/* store.h: the storage interface the app layer uses. All SQL lives below this header (src/store);
 * all of it runs on both backends. Every read of a scoped table takes a `struct scope`, and the
 * filter is applied in the SQL here — a record outside the scope is simply not found, exactly as
 * a record that does not exist. Results are allocated in the caller's arena. */
#ifndef SHOUHU_STORE_H
#define SHOUHU_STORE_H

#include <stdint.h>

#include "common/arena.h"
#include "common/status.h"

struct db;
struct store;

/* ---- connections and transactions ---- */
int store_open(const char *url, int pool_size, struct store **out, struct err *e);
void store_close(struct store *s);
const char *store_backend(const struct store *s);   /* "sqlite" or "postgresql" */
struct db *store_acquire(struct store *s);          /* blocks until a connection is free */
void store_release(struct store *s, struct db *db);
int store_migrate(struct store *s, struct err *e);  /* applies pending migrations */
int tx_begin(struct db *db, int write);
int tx_commit(struct db *db);
void tx_rollback(struct db *db);

/* ---- data scope: a range of division codes (a region's subtree), narrowed for some roles ---- */
struct scope {
	int64_t lo, hi;
	int64_t school_org;   /* children: only pupils of this school (0: no narrowing) */
	int64_t paired_org;   /* children: only those paired with this organisation (0: none;
			       * -1: an account without an organisation sees no child) */
};

/* ---- paging ---- */
struct page {
	int offset, limit;
};

/* ---- regions ---- */
struct region_row {
	int64_t code, parent;   /* parent 0 for a province */
	const char *name, *parent_name;
	int level, has_children;
};
int st_region_get(struct db *db, struct arena *a, const struct scope *sc, int64_t code,
		  struct region_row *out);
int st_region_children(struct db *db, struct arena *a, const struct scope *sc, int64_t parent,
		       struct region_row **rows, int *n);
int st_region_search(struct db *db, struct arena *a, const struct scope *sc, const char *q,
		     int limit, struct region_row **rows, int *n);
int st_region_upsert(struct db *db, int64_t code, int64_t parent, const char *name, int level);
int st_region_count(struct db *db, const struct scope *sc, int64_t *n);
/* The first region of a level inside scope, by code (used by the demo). */
int st_region_first(struct db *db, const struct scope *sc, int level, int64_t *code);

/* ---- organisations ---- */
struct org_row {
	int64_t id, region_code;
	const char *name, *type, *region_name;
};
struct org_filter {
	struct scope scope;      /* the caller's */
	struct scope within;     /* a region filter's subtree; {0, 0}: no filter */
	const char *type, *q;    /* NULL: any */
};
int st_org_list(struct db *db, struct arena *a, const struct org_filter *f, struct page pg,
		struct org_row **rows, int *n, int64_t *total);
int st_org_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
	       struct org_row *out);
int st_org_find(struct db *db, int64_t region, const char *name, int64_t *id);
int st_org_insert(struct db *db, const char *name, const char *type, int64_t region, int64_t now,
		  int64_t *id);
int st_org_update(struct db *db, const struct scope *sc, int64_t id, const char *name,
		  const char *type, int64_t region, int64_t now);

/* ---- accounts ---- */
struct user_row {
	int64_t id, region_code, org_id, password_changed_at, last_login_at, created_at;
	const char *username, *display_name, *phone, *password_hash, *role, *status;
	const char *region_name, *org_name;
	int must_change_password;
	int64_t locked_until;    /* from the login throttle */
};
struct user_filter {
	struct scope scope;
	struct scope within;     /* {0, 0}: no filter */
	const char *q, *role, *status;
};
int st_user_list(struct db *db, struct arena *a, const struct user_filter *f, struct page pg,
		 struct user_row **rows, int *n, int64_t *total);
int st_user_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		struct user_row *out);
/* Unscoped, for login and the command line only. */
int st_user_by_username(struct db *db, struct arena *a, const char *username,
			struct user_row *out);
int st_user_insert(struct db *db, const struct user_row *u, int64_t now, int64_t *id);
int st_user_update_profile(struct db *db, int64_t id, const char *display_name,
			   const char *phone, const char *status, int64_t now);
int st_user_set_password(struct db *db, int64_t id, const char *hash, int must_change,
			 int64_t now);
int st_user_set_role(struct db *db, int64_t id, const char *role, int64_t region, int64_t org_id,
		     int64_t now);
int st_user_touch_login(struct db *db, int64_t id, int64_t now);
int64_t st_user_count(struct db *db);

/* ---- login throttle (by the typed name, known or not) ---- */
int st_throttle_get(struct db *db, const char *username, int *failures, int64_t *locked_until);
int st_throttle_put(struct db *db, const char *username, int failures, int64_t locked_until);
int st_throttle_clear(struct db *db, const char *username);

/* ---- sessions ---- */
struct session_row {
	int64_t id, user_id, created_at, last_seen;
	const char *csrf;
};
int st_session_insert(struct db *db, const char *token_hash, int64_t user_id, const char *csrf,
		      int64_t now, const char *ip, const char *ua, int64_t *id);
int st_session_get(struct db *db, struct arena *a, const char *token_hash,
		   struct session_row *out);   /* live sessions only */
int st_session_touch(struct db *db, int64_t id, int64_t now);
int st_session_end(struct db *db, int64_t id, int64_t now);
int st_session_end_user(struct db *db, int64_t user_id, int64_t except_id, int64_t now);

/* ---- login log ---- */
struct login_row {
	int64_t id, at, user_id;
	const char *username, *outcome, *reason, *ip, *user_agent;
};
struct log_filter {
	const char *username, *outcome, *action, *object_type;
	int64_t from, to;         /* UTC ms, [from, to); 0 = open */
};
int st_login_insert(struct db *db, const struct login_row *r);
int st_login_list(struct db *db, struct arena *a, const struct log_filter *f, struct page pg,
		  struct login_row **rows, int *n, int64_t *total);

/* ---- audit trail ---- */
struct audit_row {
	int64_t seq, at, user_id, region_code;
	const char *username, *ip, *action, *object_type, *object_id, *outcome, *detail, *hash;
};
/* Takes the next sequence number and the previous row's hash, locking the chain's head until the
 * transaction ends (so concurrent writers chain one after another on both backends). */
int st_audit_next(struct db *db, struct arena *a, int64_t *seq, const char **prev_hash);
int st_audit_insert(struct db *db, const struct audit_row *r);   /* also moves the head */
int st_audit_list(struct db *db, struct arena *a, const struct log_filter *f, struct page pg,
		  struct audit_row **rows, int *n, int64_t *total);
/* Rows with seq > after, in order, at most limit. */
int st_audit_batch(struct db *db, struct arena *a, int64_t after, int limit,
		   struct audit_row **rows, int *n);
int st_audit_head(struct db *db, struct arena *a, int64_t *seq, const char **hash);

/* ---- children (一人一档) ---- */
struct child_row {
	int64_t id, region_code, school_org_id, director_id, created_at, created_by, updated_at;
	const char *name, *sex, *ethnicity, *birth_date, *id_cipher, *id_index, *id_masked;
	int hukou_registered;
	const char *hukou_type, *hukou_address, *current_address, *health, *disability_kind;
	int disability_grade;
	const char *illness, *school_stage, *schooling_status, *school_name, *school_grade;
	int boarding;
	const char *economic;
	int parents_divorced, harmed, misbehaviour;
	const char *guardianship_note, *notes;
	uint32_t recorded_categories, derived_categories;
	int mismatch;
	const char *recheck_on, *turning_on, *status, *exit_reason, *exit_date, *exit_note;
	int version;
	/* visits and standing (0003, 0004): CST days, NULL when none; risk_level NULL until graded */
	const char *last_contact_on, *last_home_visit_on, *caregiver_capacity;
	const char *contact_due_on, *visit_due_on, *next_due_on, *risk_level, *restand_on;
	int risk_score;
	/* protection (0005, issue 5): the latest guardianship assessment's grade and reassessment
	 * day, the latest psychological screening's result (codes of risk.h; NULL: none), and the
	 * mandatory reports about the child not yet concluded */
	const char *guardianship_result, *guardianship_next_on, *psych_result;
	int open_reports;
	/* joined for display */
	const char *region_name, *town_name, *director_name, *school_org_name;
};

struct member_row {
	int64_t id, child_id;
	const char *relation, *name, *birth_date, *id_cipher, *id_index, *id_masked;
	const char *phone_cipher, *phone_index, *phone_masked, *status, *away_place, *since;
	int outside_county, months, disability_grade;
	const char *disability_kind, *work_place;
};

struct caregiver_row {
	const char *name, *relation, *phone_cipher, *phone_index, *phone_masked, *id_cipher,
		*id_index, *id_masked, *address, *agreement_date, *checks;
	int school_notified, village_notified;
};

struct child_filter {
	struct scope scope;
	struct scope within;            /* region filter; {0, 0}: none */
	uint32_t category;              /* derived category bit; 0: any */
	const char *born_after, *born_before;   /* inclusive bounds on birth_date (ages) */
	const char *school_stage, *schooling_status, *status;
	int64_t director_id;
	int mismatch_only;
	const char *turning_before;     /* turning_on <= this date */
	const char *name_gram;          /* a one- or two-character gram of the name query */
	const char *name_like;          /* longer queries: the whole text must be contained */
	const char *id_index;           /* exact ID number lookup */
	const char *sort;               /* "name", "-updated_at", "birth_date" */
	const char *risk_levels[4];     /* the level in force is one of these (0: any) */
	int nrisk;
};

int st_child_insert(struct db *db, struct child_row *c, int64_t now, int64_t *id);
/* By id+version; clears restand_on so that the sweep re-grades a file changed by an import
 * (the form refreshes the standing in the same transaction). */
int st_child_update(struct db *db, const struct child_row *c, int64_t now);
int st_child_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		 struct child_row *out);
int st_child_list(struct db *db, struct arena *a, const struct child_filter *f, struct page pg,
		  struct child_row **rows, int *n, int64_t *total);
/* Unscoped: who holds this ID number (for the duplicate answer). */
int st_child_by_index(struct db *db, const char *id_index, int64_t *id, int64_t *region);
/* Children in scope with the same name, birth date and village (a likely duplicate). */
int st_child_similar(struct db *db, struct arena *a, const char *name, const char *birth,
		     int64_t region, int64_t except_id, int64_t **ids, int *n);
int st_child_set_status(struct db *db, int64_t id, const char *status, const char *reason,
			const char *date, const char *note, int64_t now);
/* The day the child entered the register (created_at, UTC ms): the demo's past only. */
int st_child_set_registered(struct db *db, int64_t id, int64_t at);
int st_child_set_derived(struct db *db, int64_t id, uint32_t derived, int mismatch,
			 const char *recheck_on, const char *turning_on);
/* Active children whose derivation may have changed by `day` (recheck_on <= day), at most
 * limit, by id after `after`. */
int st_child_stale(struct db *db, struct arena *a, const char *day, int64_t after, int limit,
		   struct child_row **rows, int *n);
int st_members_get(struct db *db, struct arena *a, int64_t child_id, struct member_row **rows,
		   int *n);
int st_members_replace(struct db *db, int64_t child_id, int64_t region,
		       const struct member_row *rows, int n);
int st_caregiver_get(struct db *db, struct arena *a, int64_t child_id, struct caregiver_row *out);
int st_caregiver_replace(struct db *db, int64_t child_id, int64_t region,
			 const struct caregiver_row *c);   /* c NULL removes */
int st_grams_replace(struct db *db, int64_t child_id, int64_t region, const char *const *grams,
		     int n);
struct history_row {
	int64_t at;
	const char *username, *field, *old_value, *new_value;
};
int st_history_add(struct db *db, int64_t child_id, int64_t region, int64_t at, int64_t user_id,
		   const char *username, const char *field, const char *old_value,
		   const char *new_value);
int st_history_list(struct db *db, struct arena *a, int64_t child_id, struct history_row **rows,
		    int *n);
int st_photo_put(struct db *db, int64_t child_id, int64_t region, const char *mime,
		 const char *data_base64, int64_t now);
int st_photo_get(struct db *db, struct arena *a, int64_t child_id, const char **mime,
		 const char **data_base64);   /* ST_NOT_FOUND when there is none */
int st_import_report_put(struct db *db, const char *token, int64_t user_id, int64_t now,
			 const char *xlsx_base64);
int st_import_report_get(struct db *db, struct arena *a, const char *token, int64_t user_id,
			 int64_t not_before, const char **xlsx_base64);

/* ---- settings ---- */
int st_setting_get(struct db *db, struct arena *a, const char *key, const char **value);
int st_setting_put(struct db *db, const char *key, const char *value);

/* Refreshes the query planner's statistics of one table (PostgreSQL ANALYZE, outside a
 * transaction; nothing on SQLite, see settings.c). */
int st_analyze(struct db *db, const char *table);

#include "store/store_visits.h"   /* issue 4: visits, problems, care records, work log */
#include "store/store_standing.h" /* issue 4: stored due dates, risk grading and its history */
#include "store/store_warnings.h" /* issue 4: warnings (预警), visit photos */
#include "store/store_reports.h"  /* issue 5: mandatory reports (强制报告) */
#include "store/store_guard.h"    /* issue 5: guardianship assessment, entrusted care, family education */
#include "store/store_cases.h"    /* issue 5: interventions (干预) and placements (安置) */
#include "store/store_psych.h"    /* issue 5: psychological screening, referral, follow-up */

#endif
