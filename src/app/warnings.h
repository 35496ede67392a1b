/* warnings.h: the use cases of issue 4 around the standing of children: warnings (预警) as an
 * inbox and the home page's numbers, visit photos, and the child director's offline workspace.
 * Reading any of them needs child:read and child:write (the caseworkers), inside the caller's
 * scope; every read and write is audited. The warnings themselves are kept by
 * warnings_sync_child (standing.h), which every standing refresh calls. */
#ifndef SHOUHU_APP_WARNINGS_H
#define SHOUHU_APP_WARNINGS_H

#include "app/app.h"
#include "domain/warning_rules.h"

/* ---- warnings ---- */
struct warning_query {
	const char *region, *kind, *state;   /* state: open (default) or closed */
	int escalated;
	int64_t child_id;
	int page, page_size;
};
int warnings_list(struct ctx *c, const struct warning_query *q, struct warning_row **rows,
		  int *n, int64_t *total, struct err *e);
/* by_kind lists every kind in the order of enum warning_kind (0 when none is open). */
struct warnings_overview {
	int64_t total, escalated, high_risk, overdue_problems;
	int64_t by_kind[WK_COUNT];
};
int warnings_summary(struct ctx *c, const char *region, struct warnings_overview *out,
		     struct err *e);
/* The open warnings of one child (for its file). */
int warnings_of_child(struct ctx *c, int64_t child_id, struct warning_row **rows, int *n,
		      struct err *e);
const char *warning_kind_label(const char *code);   /* Chinese; NULL when unknown */

/* ---- visit photos ---- */
#define VISIT_PHOTO_MAX (2 * 1024 * 1024)
/* The visitor only, within visit_late_days of the visit; again replaces. ST_TOO_LARGE over
 * VISIT_PHOTO_MAX; ST_INVALID when the bytes are not a JPEG or PNG image. */
int visit_photo_put(struct ctx *c, int64_t visit_id, const void *data, size_t len,
		    struct err *e);
int visit_photo_get(struct ctx *c, int64_t visit_id, const char **mime, char **data, size_t *len,
		    struct err *e);

/* ---- the child director's offline workspace ---- */
#define WORKSPACE_MAX_CHILDREN 2000
struct workspace_child {
	struct schedule_entry entry;     /* as the schedule lists show it */
	struct workspace_extra x;        /* what the phone shows besides */
	int age;                         /* -1: birth date unreadable */
};
struct workspace {
	int64_t generated_at;
	struct workspace_child *children;
	int nchildren;
	struct problem_view *problems;   /* the open problems of those children */
	int nproblems;
};
/* For a child director: the active children it is the director of; for a town or county
 * user: every active child in scope, at most WORKSPACE_MAX_CHILDREN, most urgent first. */
int workspace_get(struct ctx *c, struct workspace *out, struct err *e);

#endif
