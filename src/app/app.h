/* app.h: the use cases. Every function here checks the caller's permission, applies its data
 * scope through the store, runs in one transaction and writes the audit row in that same
 * transaction (or, when the action fails, a failure row right after the rollback). Callers are
 * the HTTP adapter and the command line; neither touches the store directly for business data. */
#ifndef SHOUHU_APP_H
#define SHOUHU_APP_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/config.h"
#include "common/crypto.h"
#include "common/fieldcrypt.h"
#include "common/status.h"
#include "domain/categories.h"
#include "domain/roles.h"
#include "store/store.h"

struct session_cache;
struct visit_settings_cache;

struct security_settings {
	int lock_failures, lock_minutes, session_idle_seconds, session_max_seconds;
	int password_max_age_days;
};

struct app {
	struct config cfg;
	struct store *store;
	struct keys keys;
	struct fieldcrypt fc;             /* personal numbers at rest */
	pthread_mutex_t mu;               /* guards sec */
	struct security_settings sec;
	struct session_cache *sessions;   /* see session_cache.h */
	struct visit_settings_cache *visit_settings;   /* per county (visit_settings.c) */
	/* Wakes the server's sweep thread now (set by `shouhu serve`, NULL elsewhere): after the
	 * county's visit settings changed or an import left children to grade. */
	void (*sweep_wake)(struct app *app);
};

/* Who is acting: a logged-in account, or the system itself (command line, timers). */
struct principal {
	int64_t user_id, session_id;
	const char *username, *display_name;
	const struct role *role;
	int64_t region_code, org_id;
	const char *region_name, *org_name;
	struct scope scope;
	int must_change_password;
	const char *csrf;
};

/* One request's or one command's context. */
struct ctx {
	struct app *app;
	struct arena *a;
	const struct principal *who;      /* NULL before login */
	const char *ip, *user_agent;
};

/* ---- lifecycle (app.c) ---- */
int app_open(struct app *app, const struct config *cfg, int pool_size, struct err *e);
void app_close(struct app *app);
struct security_settings app_security(struct app *app);
/* The system principal for the command line: whole country scope, every permission checked by
 * the caller, audited as "system". */
const struct principal *app_system_principal(void);

/* ---- helpers shared by the use cases (app.c) ---- */
int app_require(const struct ctx *c, uint32_t perm, struct err *e);
struct page app_page(int page, int page_size);

/* An audited action in one transaction. */
struct action {
	const char *name;          /* e.g. "user.create" */
	const char *object_type;   /* e.g. "user" */
	char object_id[32];
	int64_t region_code;       /* of the object, for the auditor's filters */
	const char *detail;        /* never a personal number or a secret */
};
struct db *app_begin(struct ctx *c, int write, struct err *e);
/* Commits (with the audit row) when st is ST_OK, else rolls back and audits the failure.
 * Releases the connection. Returns the final status. */
int app_finish(struct ctx *c, struct db *db, int st, struct action *act, struct err *e);
/* Writes one audit row inside the caller's transaction. */
int audit_append(struct ctx *c, struct db *db, const struct action *act, const char *outcome);

/* ---- authentication (auth.c) ---- */
struct login_result {
	char token[TOKEN_LEN + 1];        /* the cookie value */
	struct principal who;
};
int auth_login(struct ctx *c, const char *username, const char *password,
	       struct login_result *out, struct err *e);
/* Resolves a cookie value to a principal; ST_UNAUTH when absent, ended or expired. */
int auth_session(struct ctx *c, const char *token, struct principal *out, struct err *e);
int auth_logout(struct ctx *c, struct err *e);
int auth_change_password(struct ctx *c, const char *old_pw, const char *new_pw, struct err *e);
/* Fills a principal from an account row. */
void principal_from_user(struct arena *a, const struct user_row *u, struct principal *p);

/* ---- regions (regions.c) ---- */
int regions_roots(struct ctx *c, struct region_row **rows, int *n, struct err *e);
int regions_children(struct ctx *c, const char *parent, struct region_row **rows, int *n,
		     struct err *e);
int regions_search(struct ctx *c, const char *q, struct region_row **rows, int *n, struct err *e);
int regions_get(struct ctx *c, const char *code, struct region_row *out,
		struct region_row **path, int *npath, struct err *e);
/* Parses a region code given by the caller and checks that it lies inside the caller's scope;
 * fills *range with its subtree. ST_INVALID naming field otherwise. */
int regions_in_scope(struct ctx *c, struct db *db, const char *field, const char *code,
		     int64_t *out, struct scope *range, struct err *e);
int regions_import(struct ctx *c, const char *root, const char *dir, int64_t *count,
		   struct err *e);

/* ---- organisations (orgs.c) ---- */
struct org_query {
	const char *region, *type, *q;
	int page, page_size;
};
int orgs_list(struct ctx *c, const struct org_query *q, struct org_row **rows, int *n,
	      int64_t *total, struct err *e);
int orgs_get(struct ctx *c, int64_t id, struct org_row *out, struct err *e);
int orgs_save(struct ctx *c, int64_t id, const char *name, const char *type, const char *region,
	      struct org_row *out, struct err *e);   /* id 0 creates */
int orgs_export(struct ctx *c, const struct org_query *q, char **xlsx, size_t *len,
		struct err *e);
const char *org_type_name(const char *code);       /* NULL when unknown */
const char *org_type_at(int i, const char **name); /* iterate codes from 0 until NULL */

/* ---- accounts (users.c) ---- */
struct user_query {
	const char *q, *role, *region, *status;
	int page, page_size;
};
struct user_input {
	const char *username, *display_name, *password, *region_code, *phone, *status, *role;
	int64_t org_id;
	int has_display_name, has_phone, has_status;
};
int users_list(struct ctx *c, const struct user_query *q, struct user_row **rows, int *n,
	       int64_t *total, struct err *e);
int users_get(struct ctx *c, int64_t id, struct user_row *out, struct err *e);
int users_create(struct ctx *c, const struct user_input *in, struct user_row *out, struct err *e);
int users_update(struct ctx *c, int64_t id, const struct user_input *in, struct user_row *out,
		 struct err *e);
int users_reset_password(struct ctx *c, int64_t id, const char *password, struct err *e);
int users_set_role(struct ctx *c, int64_t id, const struct user_input *in, struct user_row *out,
		   struct err *e);
int users_unlock(struct ctx *c, int64_t id, struct err *e);
int users_export(struct ctx *c, const struct user_query *q, char **xlsx, size_t *len,
		 struct err *e);
/* Command line: create an account with any role (the admin roles are only made here). */
int users_add_cli(struct ctx *c, const char *username, const char *display_name,
		  const char *role, const char *region, const char *org_name, const char *password,
		  int must_change, struct err *e);
/* Child directors inside the caller's scope (and region, when given), for the file's 儿童主任. */
int users_directors(struct ctx *c, const char *region, struct user_row **rows, int *n,
		    struct err *e);
int user_is_locked(const struct user_row *u, int64_t now);
/* Shows a phone number as 138****5678. */
const char *mask_phone(struct arena *a, const char *phone);

/* ---- logs (logs.c) ---- */
struct log_query {
	const char *username, *outcome, *action, *object_type, *from, *to;
	int page, page_size;
};
int logs_login(struct ctx *c, const struct log_query *q, struct login_row **rows, int *n,
	       int64_t *total, struct err *e);
int logs_audit(struct ctx *c, const struct log_query *q, struct audit_row **rows, int *n,
	       int64_t *total, struct err *e);
const char *audit_action_name(const char *code);        /* Chinese, or NULL when unknown */
const char *audit_object_type_name(const char *code);
const char *audit_action_at(int i, const char **name);  /* iterate codes from 0 until NULL */
struct verify_problem {
	int64_t seq;
	const char *problem;
};
int audit_verify(struct ctx *c, int64_t *checked, struct verify_problem **problems, int *nproblems,
		 struct err *e);

/* ---- settings (settings.c) ---- */
int settings_get(struct ctx *c, struct security_settings *out, struct err *e);
int settings_put(struct ctx *c, const struct security_settings *in, struct err *e);
int settings_load(struct app *app, struct err *e);   /* at start: stored values + config */

/* ---- children, 一人一档 (children.c, child_rules.c, child_input.c) ---- */
#define MAX_MEMBERS 12
#define MAX_CG_CHECKS 8

struct member_input {
	const char *relation, *name, *birth_date, *id_number, *phone, *status, *away_place, *since;
	const char *disability_kind, *work_place;
	int outside_county, months, disability_grade;
	int64_t id;                     /* an existing member being edited, or 0 */
	int has_id_number, has_phone;   /* absent or null on update: keep the stored value */
};

struct caregiver_input {
	const char *name, *relation, *phone, *id_number, *address, *agreement_date;
	const char *checks[MAX_CG_CHECKS];
	int nchecks, school_notified, village_notified, has_id_number, has_phone;
};

struct child_input {
	const char *name, *sex, *ethnicity, *birth_date, *id_number, *region_code, *hukou_type;
	const char *hukou_address, *current_address, *health, *disability_kind, *illness;
	const char *school_stage, *schooling_status, *school_name, *school_grade, *economic;
	const char *guardianship_note, *notes;
	int hukou_registered, disability_grade, boarding, parents_divorced, harmed, misbehaviour;
	int64_t school_org_id, director_id;
	const char *recorded[CAT_COUNT];
	int nrecorded;
	struct member_input members[MAX_MEMBERS];
	int nmembers;
	struct caregiver_input caregiver;
	int has_caregiver;
	int version;
};

/* A file as the caller may see it: numbers are masked (NULL for volunteers). */
struct child_file {
	struct child_row c;
	struct member_row *members;
	int nmembers;
	struct caregiver_row cg;
	int has_caregiver;
	const char *cg_warnings[MAX_CG_CHECKS + 2];
	int ncg_warnings;
	struct category_reason reasons[CAT_COUNT];
	int nreasons;
	uint32_t missing, extra;         /* derived but not recorded; recorded but not derived */
	const char *warnings[4];         /* e.g. a likely duplicate */
	int nwarnings;
	int64_t existing_id;             /* a duplicate ID number inside the caller's scope */
	int has_photo;
	int show_numbers;                /* 0: the caller never sees numbers (volunteers) */
};

struct child_query {
	const char *region, *category, *school_stage, *schooling_status, *status, *q, *id_number;
	const char *sort;
	const char *risk;                /* comma list of risk levels (red,orange,...) */
	int age_min, age_max;            /* -1: no bound */
	int64_t director_id;
	int mismatch, turning;
	int page, page_size;
};

struct child_sensitive {
	const char *id_number;
	int nmembers;
	int64_t member_ids[MAX_MEMBERS];
	const char *member_id_numbers[MAX_MEMBERS], *member_phones[MAX_MEMBERS];
	const char *cg_id_number, *cg_phone;
	int has_caregiver;
};

int children_list(struct ctx *c, const struct child_query *q, struct child_row **rows, int *n,
		  int64_t *total, struct err *e);
int children_get(struct ctx *c, int64_t id, struct child_file *out, struct err *e);
/* id 0 creates. On a duplicate ID number: ST_CONFLICT with out->existing_id set when the other
 * file is inside the caller's scope. */
int children_save(struct ctx *c, int64_t id, const struct child_input *in, struct child_file *out,
		  struct err *e);
int children_sensitive(struct ctx *c, int64_t id, struct child_sensitive *out, struct err *e);
int children_exit(struct ctx *c, int64_t id, const char *reason, const char *date,
		  const char *note, struct child_file *out, struct err *e);
int children_reactivate(struct ctx *c, int64_t id, const char *note, struct child_file *out,
			struct err *e);
int children_history(struct ctx *c, int64_t id, struct history_row **rows, int *n, struct err *e);
#define PHOTO_MAX (2 * 1024 * 1024)
/* The photo: JPEG or PNG (told by its first bytes), at most PHOTO_MAX (child:write). */
int children_photo_put(struct ctx *c, int64_t id, const void *data, size_t len, struct err *e);
/* The photo and its type (child:read; audited "child.photo"); ST_NOT_FOUND when none. */
int children_photo_get(struct ctx *c, int64_t id, const char **mime, char **data, size_t *len,
		       struct err *e);
int children_export(struct ctx *c, const struct child_query *q, char **xlsx, size_t *len,
		    struct err *e);
/* Re-derives categories whose facts may have changed by today (birthdays, 6 months away). */
int children_sweep(struct ctx *c, int64_t *checked, int64_t *changed, struct err *e);

/* child_rules.c: code values and the rules the use cases share */
struct code_name {
	const char *code, *name;
};
const struct code_name *child_dict(const char *which, int *n);   /* NULL when unknown */
const char *dict_name(const char *which, const char *code);      /* NULL when not in the list */
const char *exit_reason_name(const char *code);

/* ---- demo county (demo.c) ---- */
#define DEMO_PASSWORD "Shouhu@2026"
int demo_load(struct ctx *c, struct err *e);
/* About 5,000 made-up children over the demo county's villages, while it has none (demo_children.c). */
int demo_children(struct ctx *c, struct err *e);
/* demo_history.c: a director for every village (before the children), and registrations and
 * visits of the past (after them, once). */
int demo_directors(struct ctx *c, struct err *e);
int demo_history(struct ctx *c, struct err *e);
/* Issue 5's records for the demo county, once, through the use cases (demo_protect.c). */
int demo_protect(struct ctx *c, struct err *e);

/* ---- spreadsheets (xlsx.c) ---- */
/* Writes one sheet: a bold header row and nrows rows of ncols text cells (NULL = empty). */
int xlsx_table(struct arena *a, const char *sheet, const char *const *headers, int ncols,
	       const char *const *cells, int nrows, char **out, size_t *len, struct err *e);

#include "app/visits.h"
#include "app/standing.h"   /* issue 4: visits, problems, care records, work log, schedule */
#include "app/reports.h"    /* issue 5: mandatory reports (强制报告) */
#include "app/guard.h"      /* issue 5: guardianship assessment, entrusted care, family education */
#include "app/cases.h"      /* issue 5: interventions and placements */
#include "app/psych.h"      /* issue 5: psychological care */

#endif
