/* workspace.c: the child director's offline workspace (see warnings.h): in one request and one
 * transaction, the children the caller looks after as the schedule lists them (most urgent
 * first), what the phone shows of each, and their open problems. The web app keeps it in
 * IndexedDB and works from it without signal. One audit row with the count. */
#include <stdlib.h>
#include <string.h>

#include "app/records.h"
#include "app/warnings.h"
#include "common/timeutil.h"

/* Problems of the children in the workspace: at most this many, the earliest deadline first. */
#define WORKSPACE_MAX_PROBLEMS 5000

static int id_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

int workspace_get(struct ctx *c, struct workspace *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("workspace.read", "workspace", 0,
				       c->who ? c->who->region_code : 0);
	struct sched_filter f = { 0 };
	struct schedule_entry *entries = NULL;
	struct workspace_extra *extras = NULL;
	struct problem_row *pr = NULL;
	int n = 0, nx = 0, np = 0;
	int64_t total;
	memset(out, 0, sizeof *out);
	out->generated_at = clock_now_ms();
	int st = rec_require_caseworker(c, e);
	if (!st) {
		f.scope = c->who->scope;
		/* a child director takes its own children; town and county staff their scope's */
		if (c->who->role && strcmp(c->who->role->code, "director") == 0)
			f.director_id = c->who->user_id;
		st = schedule_page(c, db, &f, (struct page){ 0, WORKSPACE_MAX_CHILDREN }, &entries, &n,
				   NULL, e);
	}
	if (!st)
		st = st_workspace_extras(db, c->a, &f, WORKSPACE_MAX_CHILDREN, &extras, &nx);
	if (!st) {
		struct problem_filter pf = { .scope = c->who->scope, .state = "open",
					     .director_id = f.director_id };
		st = st_problem_list(db, c->a, &pf, (struct page){ 0, WORKSPACE_MAX_PROBLEMS }, &pr,
				     &np, &total);
	}
	if (st)
		return app_finish(c, db, err_set(e, st, NULL, "读取工作数据失败"), &act, e);

	struct cdate today = rec_today();
	out->children = arena_alloc(c->a, sizeof *out->children * (size_t)(n + 1));
	int64_t *ids = arena_alloc(c->a, sizeof *ids * (size_t)(n + 1));
	for (int i = 0, j = 0; i < n; i++) {
		struct workspace_child *w = &out->children[out->nchildren];
		memset(w, 0, sizeof *w);
		w->entry = entries[i];
		/* both lists come in the same order; a row missing from one is skipped */
		while (j < nx && extras[j].id != entries[i].c.id)
			j++;
		if (j == nx) {
			j = 0;
			continue;
		}
		w->x = extras[j++];
		struct cdate birth;
		w->age = cdate_parse(w->x.birth_date ? w->x.birth_date : "", &birth) == 0
				 ? cdate_age(birth, today)
				 : -1;
		ids[out->nchildren++] = entries[i].c.id;
	}
	qsort(ids, (size_t)out->nchildren, sizeof *ids, id_cmp);
	out->problems = arena_alloc(c->a, sizeof *out->problems * (size_t)(np + 1));
	for (int i = 0; i < np; i++)
		if (bsearch(&pr[i].child_id, ids, (size_t)out->nchildren, sizeof *ids, id_cmp))
			problem_view_of(&pr[i], today, &out->problems[out->nproblems++]);
	act.detail = arena_printf(c->a, "children=%d problems=%d", out->nchildren, out->nproblems);
	return app_finish(c, db, ST_OK, &act, e);
}
