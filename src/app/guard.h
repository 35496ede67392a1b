/* guard.h: the use cases of issue 5's guardianship records (R5, docs/API.md "Guardianship
 * assessment", "Entrusted care", "Family-education guidance"): family guardianship capacity
 * assessments (家庭监护能力评估, the questionnaire of domain/guardianship.h), entrusted care
 * agreements (委托照护, 未成年人保护法 Art. 22-23) and family-education guidance sessions
 * (家庭教育指导) with their yearly coverage (003#8), and the county's assessment settings.
 * Included at the end of app.h.
 *
 * Permissions: reading needs guard:read, writing guard:write (county, town, director); schools,
 * departments and volunteers get 403. The child must be inside the caller's scope (404
 * otherwise) and active for new records (400 `child`). Every read and write is audited in its
 * transaction; the latest assessment sets the child's guardianship_result/next_on and refreshes
 * its standing (cause "assessment"). */
#ifndef SHOUHU_APP_GUARD_H
#define SHOUHU_APP_GUARD_H

#include "domain/guardianship.h"

#define GUARD_COPY_MAX (5L * 1024 * 1024)   /* a signed copy of an agreement */
#define GUARD_ANSWERS_MAX 32                /* answers a request may carry */
#define AGREEMENT_CHECKS_MAX 16

/* ---- county settings (guard_settings.c), key "guardianship.<county code>" ---- */
struct guard_settings_view {
	int64_t county;
	const char *county_name;
	struct ga_settings s;
	int is_default;       /* never saved for this county */
};
/* The settings of the county that contains region (defaults when never saved or unreadable). */
int guard_settings_for(struct ctx *c, struct db *db, int64_t region, struct ga_settings *out,
		       int *is_default);
/* GET (guard:read or case:settings) and PUT (case:settings, audited "settings.guardianship").
 * PUT re-dates the next assessment of every child's latest assessment in the county and wakes
 * the sweep. county: a county code, or NULL/"" for the caller's. */
int guard_settings_get(struct ctx *c, const char *county, struct guard_settings_view *out,
		       struct err *e);
int guard_settings_put(struct ctx *c, const char *county, const struct ga_settings *in,
		       struct guard_settings_view *out, struct err *e);
/* Within the caller's transaction: the settings view of the caller's county (the instrument). */
int guard_settings_own(struct ctx *c, struct db *db, struct guard_settings_view *out,
		       struct err *e);
/* guard:read; the settings of the caller's county, no audit row (no personal data). */
int guard_instrument(struct ctx *c, struct guard_settings_view *out, struct err *e);

/* ---- assessments (assessments.c) ---- */
struct assessment_answer {
	const char *item, *option;    /* codes, as sent */
};
struct assessment_input {
	const char *assessed_on, *note, *client_id;
	struct assessment_answer answers[GUARD_ANSWERS_MAX];
	int nanswers;
};
struct assessment_view {
	struct assessment_row r;
	struct {
		int score, max;
		const char *explain;
	} dims[GAD_COUNT];
	const char *decisive[GA_ITEM_COUNT];
	int ndecisive;
	struct assessment_answer answers[GA_ITEM_COUNT];
	int nanswers;
	int replayed;    /* the same client_id was stored before: r is that record */
};
int assessments_create(struct ctx *c, int64_t child_id, const struct assessment_input *in,
		       struct assessment_view *out, struct err *e);
int assessments_list(struct ctx *c, int64_t child_id, struct assessment_view **rows, int *n,
		     struct err *e);
int assessments_get(struct ctx *c, int64_t id, struct assessment_view *out, struct err *e);

/* ---- entrusted care agreements (agreements.c) ---- */
struct agreement_check {
	const char *code;
	int value;
};
struct agreement_input {
	const char *caregiver_name, *relation, *phone, *start_on, *end_on, *note, *client_id;
	const char *school_notice_on, *village_notice_on, *capacity;
	struct agreement_check checks[AGREEMENT_CHECKS_MAX];
	int nchecks;
	int has_capable, capable, child_heard;
};
/* A change: has_* says which fields were sent (null clears a notice day or end_on). */
struct agreement_change {
	int has_school_notice_on, has_village_notice_on, has_end_on, has_capacity, has_note;
	const char *school_notice_on, *village_notice_on, *end_on, *capacity, *note;
	int end;                 /* end the agreement on ended_on (default today) */
	const char *ended_on;
};
struct agreement_view {
	struct agreement_row r;
	struct agreement_check checks[AGREEMENT_CHECKS_MAX];   /* every Art. 22 check */
	int nchecks;
	const char *missing[2];  /* "未书面告知学校", "未书面告知村委会" while missing (Art. 23) */
	int nmissing;
	int replayed;
};
const char *agreement_check_text(const char *code);   /* NULL when unknown */
int agreements_create(struct ctx *c, int64_t child_id, const struct agreement_input *in,
		      struct agreement_view *out, struct err *e);
int agreements_list(struct ctx *c, int64_t child_id, struct agreement_view **rows, int *n,
		    struct err *e);
int agreements_get(struct ctx *c, int64_t id, struct agreement_view *out, struct err *e);
int agreements_update(struct ctx *c, int64_t id, const struct agreement_change *in,
		      struct agreement_view *out, struct err *e);
/* The signed copy: JPEG, PNG or PDF by its first bytes, at most GUARD_COPY_MAX. */
int agreement_copy_put(struct ctx *c, int64_t id, const void *data, size_t len, struct err *e);
int agreement_copy_get(struct ctx *c, int64_t id, const char **mime, char **data, size_t *len,
		       struct err *e);

/* ---- family-education guidance (family_edu.c) ---- */
const char *family_edu_form_name(const char *code);   /* NULL when unknown */
const struct code_name *family_edu_forms(int *n);
struct family_edu_input {
	const char *held_on, *recipient_name, *recipient_relation, *form, *provider, *content;
	const char *client_id;
};
int family_edu_create(struct ctx *c, int64_t child_id, const struct family_edu_input *in,
		      struct family_edu_row *out, int *replayed, struct err *e);
/* The child's sessions, newest first, and whether one was held this (CST) year. */
int family_edu_list(struct ctx *c, int64_t child_id, struct family_edu_row **rows, int *n,
		    int *this_year, int *year, struct err *e);
struct coverage_query {
	const char *year, *region, *covered;   /* year default: this year; covered "0", "1" */
	int page, page_size;
};
struct coverage_result {
	int year;
	int64_t children, covered, total;
	struct coverage_row *items;
	int n;
};
int family_edu_coverage(struct ctx *c, const struct coverage_query *q, struct coverage_result *out,
			struct err *e);

/* ---- shared (guard_settings.c) ---- */
/* guard:read or guard:write (write), the child in scope, and (for_new) active. */
int guard_child(struct ctx *c, struct db *db, int64_t child_id, int write, int for_new,
		struct child_row *row, struct err *e);
/* 400 `child` 该儿童已离开关爱服务 unless the child is active. */
int guard_active(const struct child_row *row, struct err *e);
const char *guard_relation_name(const char *code);   /* the child file's "relations" */

#endif
