/* standing.h: a child's standing — what the visit schedule, risk grading (分级划定风险) and
 * warnings (预警) derive from the file and its records — and the county settings they use.
 * Stored (children.contact_due_on/visit_due_on/next_due_on/risk_level/risk_score/restand_on,
 * child_risk, risk_changes, warnings; migration 0004) so that lists are index scans, kept at
 * every write that can change it and by the daily sweep, which only visits children whose
 * restand_on day has come (the calendar alone can change their standing). Included by app.h.
 *
 * One-way: standing.c (schedule + risk) calls warnings.c (warnings_sync_child) at the end of each
 * refresh; warnings.c never calls back into standing.c. */
#ifndef SHOUHU_APP_STANDING_H
#define SHOUHU_APP_STANDING_H

#include "domain/risk.h"
#include "domain/schedule.h"

/* ---- county settings (走访 intervals, lateness, risk thresholds, warning horizons) ---- */
struct visit_settings {
	struct schedule_settings schedule;   /* schedule_settings_default() */
	struct risk_settings risk;           /* risk_settings_default(): 60/40/20 */
	int visit_late_days;                 /* 3: a visit entered later needs a reason */
	int high_risk_no_visit_days;         /* 30: a red child without a home visit this long */
	int turning_warn_days;               /* 30: warn this many days before the 16th/18th birthday */
	int problem_escalate_days;           /* 0: escalate a problem the day after its deadline */
	int64_t changed_at;                  /* when the county last saved them (UTC ms); 0: never */
};
void visit_settings_default(struct visit_settings *s);
/* The settings of the county that contains region (any level below it), cached in the app and
 * read through on a miss; defaults for what was never set. */
int visit_settings_for(struct ctx *c, struct db *db, int64_t region, struct visit_settings *out,
		       struct err *e);
/* 0, or -1 with *field naming the first value out of its limits ("red_visit.days",
 * "risk.orange") and *msg saying why (Chinese). */
int visit_settings_check(const struct visit_settings *s, const char **field, const char **msg);
/* GET and PUT /settings/visits. county: a county code, or NULL/"" for the caller's county. Read
 * by the caseworkers of the county (and above); written with visit:settings for a county in the
 * caller's scope, audited "settings.visits", after which every active child of the county is
 * re-graded by the sweep this wakes (cause "settings"). */
struct visit_settings_view {
	int64_t county;
	const char *county_name;
	struct visit_settings s, defaults;
};
int visit_settings_get(struct ctx *c, const char *county, struct visit_settings_view *out,
		       struct err *e);
int visit_settings_put(struct ctx *c, const char *county, const struct visit_settings *in,
		       struct visit_settings_view *out, struct err *e);
void visit_settings_cache_free(struct app *app);   /* app_close */

/* ---- the standing of one child ---- */
struct standing {
	int64_t child_id, region_code;
	int active;
	struct cdate today;
	const struct child_row *child;        /* the file as stored (after the write); its
					       * standing columns are those before this
					       * refresh: read sched and risk below */
	const struct visit_settings *set;
	struct schedule sched;                /* with the level in force after this refresh */
	struct risk_result risk;
	enum risk_level previous;             /* the level in force before (RISK_UNSET: none) */
	struct cdate last_home_visit;         /* 0/0/0: none */
	struct cdate restand_on;              /* next day the calendar may change the standing;
					       * warnings_sync_child may move it earlier */
};

/* Recomputes and stores the standing of child_id inside the caller's transaction (db from
 * app_begin): due dates, risk (a change of the level in force adds a risk_changes row with
 * `cause`, e.g. "visit", "problem", "file", "override", "sweep", "settings"), then the child's
 * warnings. Called by every write that can change it; cheap enough to run per request. */
int standing_refresh(struct ctx *c, struct db *db, int64_t child_id, const char *cause,
		     struct err *e);

/* The daily sweep: every child whose restand_on has come (and any never graded), in batches, each
 * in its own transaction; escalates problems past deadline. *checked and *changed count children
 * visited and children whose stored standing changed. */
int standing_sweep(struct ctx *c, int64_t *checked, int64_t *changed, struct err *e);
/* Wakes the server's sweep thread now, when there is one (app->sweep_wake). */
void standing_wake(struct app *app);

/* ---- risk grading over the API (risk.c): caseworkers read, county staff override ---- */
struct risk_view {
	int64_t child_id;
	enum risk_level level, computed;          /* in force; of the score */
	int score;
	struct risk_factor factors[RF_COUNT];     /* as stored at the grading */
	int nfactors;
	struct risk_settings thresholds;          /* the county's */
	enum risk_level override_level;           /* RISK_UNSET: none */
	const char *override_reason, *override_until, *override_by_name;
	int64_t override_at, graded_at;
	int override_active;                      /* today <= until */
};
struct risk_override_input {
	const char *level, *reason, *until;
};
int risk_get(struct ctx *c, int64_t child_id, struct risk_view *out, struct err *e);
int risk_override_set(struct ctx *c, int64_t child_id, const struct risk_override_input *in,
		      struct risk_view *out, struct err *e);
/* ST_NOT_FOUND when the child has no override. */
int risk_override_clear(struct ctx *c, int64_t child_id, struct risk_view *out, struct err *e);
int risk_history(struct ctx *c, int64_t child_id, int page, int page_size,
		 struct risk_change_row **rows, int *n, int64_t *total, struct err *e);
const char *risk_cause_name(const char *cause);   /* "visit" → 走访记录; NULL when unknown */

/* ---- warnings (warnings.c) ---- */
/* Opens the warnings whose condition now holds for s->child_id and closes those that no longer
 * hold (one open row per kind, child and problem); may move s->restand_on earlier for a warning
 * that a coming day will open (a deadline passing, a birthday drawing near). */
int warnings_sync_child(struct ctx *c, struct db *db, struct standing *s, struct err *e);

#endif
