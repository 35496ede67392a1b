/* assessments.c: family guardianship capacity assessments (家庭监护能力评估, see guard.h). The
 * answers are graded by domain/guardianship.c under the county's settings; the grade, the
 * score, each dimension's explanation and the decisive items are stored with the answers, so an
 * assessment reads the same after the questionnaire or the settings change. The latest
 * assessment (by assessed_on, then id) sets the child's guardianship_result and
 * guardianship_next_on and refreshes its standing in the same transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records.h"
#include "common/buf.h"
#include "common/timeutil.h"

/* ---- the stored text forms ---- */

static const char *answers_text(struct arena *a, const int answers[GA_ITEM_COUNT])
{
	struct buf b;
	buf_init(&b, 512);
	buf_puts(&b, "");
	for (int i = 0; i < GA_ITEM_COUNT; i++) {
		const struct ga_item *it = ga_item_get((enum ga_item_id)i);
		if (answers[i] != GA_NOT_ANSWERED)
			buf_printf(&b, "%s%s=%s", b.len ? ";" : "", it->code,
				   it->options[answers[i]].code);
	}
	const char *s = arena_strdup(a, b.data);
	buf_free(&b);
	return s;
}

static const char *dims_text(struct arena *a, const struct ga_result *g)
{
	struct buf b;
	buf_init(&b, 4096);
	buf_puts(&b, "");
	for (int d = 0; d < GAD_COUNT; d++) {
		/* one line each: the explanation never holds a line break */
		char line[GA_EXPLAIN_MAX];
		snprintf(line, sizeof line, "%s", g->dims[d].explain);
		for (char *p = line; *p; p++)
			if (*p == '\n')
				*p = ' ';
		buf_printf(&b, "%d,%d,%s\n", g->dims[d].score, g->dims[d].max, line);
	}
	const char *s = arena_strdup(a, b.data);
	buf_free(&b);
	return s;
}

static const char *decisive_text(struct arena *a, const struct ga_result *g)
{
	struct buf b;
	buf_init(&b, 256);
	buf_puts(&b, "");
	for (int i = 0; i < g->ndecisive; i++)
		buf_printf(&b, "%s%s", i ? "," : "", ga_item_get(g->decisive[i])->code);
	const char *s = arena_strdup(a, b.data);
	buf_free(&b);
	return s;
}

/* The view of a stored row: its text forms split. */
static void view_of(struct arena *a, const struct assessment_row *r, struct assessment_view *v)
{
	memset(v, 0, sizeof *v);
	v->r = *r;
	char *ans = arena_strdup(a, r->answers ? r->answers : "");
	for (char *save = NULL, *t = strtok_r(ans, ";", &save); t && v->nanswers < GA_ITEM_COUNT;
	     t = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(t, '=');
		if (!eq)
			continue;
		*eq = '\0';
		v->answers[v->nanswers++] = (struct assessment_answer){ t, eq + 1 };
	}
	char *dims = arena_strdup(a, r->dims ? r->dims : "");
	int d = 0;
	for (char *save = NULL, *t = strtok_r(dims, "\n", &save); t && d < GAD_COUNT;
	     t = strtok_r(NULL, "\n", &save), d++) {
		int used = 0;
		if (sscanf(t, "%d,%d,%n", &v->dims[d].score, &v->dims[d].max, &used) == 2)
			v->dims[d].explain = t + used;
		else
			v->dims[d].explain = "";
	}
	for (; d < GAD_COUNT; d++)
		v->dims[d].explain = "";
	char *dec = arena_strdup(a, r->decisive ? r->decisive : "");
	for (char *save = NULL, *t = strtok_r(dec, ",", &save); t && v->ndecisive < GA_ITEM_COUNT;
	     t = strtok_r(NULL, ",", &save))
		v->decisive[v->ndecisive++] = t;
}

/* ---- checks ---- */

static int read_answers(struct ctx *c, const struct assessment_input *in, int answers[GA_ITEM_COUNT],
			struct err *e)
{
	for (int i = 0; i < GA_ITEM_COUNT; i++)
		answers[i] = GA_NOT_ANSWERED;
	for (int k = 0; k < in->nanswers; k++) {
		const struct assessment_answer *a = &in->answers[k];
		const char *field = arena_printf(c->a, "answers.%s", a->item);
		int item = ga_item_from_code(a->item);
		if (item < 0)
			return err_set(e, ST_INVALID, field, "评估项目不存在：%.40s", a->item);
		if (!a->option)
			continue;   /* left blank */
		int opt = ga_option_from_code((enum ga_item_id)item, a->option);
		if (opt < 0)
			return err_set(e, ST_INVALID, field, "请从选项中选择：%s",
				       ga_item_get((enum ga_item_id)item)->label);
		answers[item] = opt;
	}
	return ST_OK;
}

static int check_input(struct ctx *c, const struct child_row *row, const struct assessment_input *in,
		       struct cdate *on, struct err *e)
{
	struct cdate birth;
	if (rec_check_client_id(in->client_id, e))
		return ST_INVALID;
	if (!rec_opt(in->assessed_on) || cdate_parse(in->assessed_on, on) != 0)
		return err_set(e, ST_INVALID, "assessed_on", "评估日期应为有效日期（YYYY-MM-DD）");
	if (cdate_cmp(*on, rec_today()) > 0)
		return err_set(e, ST_INVALID, "assessed_on", "评估日期不能晚于今天");
	if (row->birth_date && cdate_parse(row->birth_date, &birth) == 0 && cdate_cmp(*on, birth) < 0)
		return err_set(e, ST_INVALID, "assessed_on", "评估日期不能早于儿童出生日期");
	(void)c;
	return ST_OK;
}

/* ---- the use cases ---- */

static int load_view(struct ctx *c, struct db *db, int64_t id, struct assessment_view *out,
		     struct err *e)
{
	struct assessment_row r;
	int st = st_assessment_get(db, c->a, &c->who->scope, id, &r);
	if (st == ST_NOT_FOUND)
		return err_set(e, st, NULL, "监护能力评估记录不存在");
	if (!st)
		view_of(c->a, &r, out);
	return st;
}

/* The latest assessment sets the child's row, then its standing follows. */
static int apply_latest(struct ctx *c, struct db *db, int64_t child_id, int64_t id, struct err *e)
{
	struct assessment_row latest;
	int st = st_assessment_latest(db, c->a, child_id, &latest);
	if (st || latest.id != id)
		return st;   /* dated before the latest one: the child's row stays */
	st = st_child_set_guardianship(db, child_id, latest.result, latest.next_on);
	if (!st)
		st = standing_refresh(c, db, child_id, "assessment", e);
	return st;
}

static int replay(struct ctx *c, struct db *db, int64_t child_id, int64_t id,
		  struct assessment_view *out, struct err *e)
{
	int st = load_view(c, db, id, out, e);
	if (st == ST_NOT_FOUND)
		return err_set(e, ST_CONFLICT, "client_id", "该 client_id 已用于其他记录");
	if (!st && out->r.child_id != child_id)
		return err_set(e, ST_CONFLICT, "client_id", "该 client_id 已用于其他儿童的记录");
	if (!st)
		out->replayed = 1;
	return st;
}

int assessments_create(struct ctx *c, int64_t child_id, const struct assessment_input *in,
		       struct assessment_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("assessment.create", "assessment", 0, 0);
	struct child_row row;
	struct cdate on, next;
	struct ga_settings set;
	struct ga_result g;
	enum ga_item_id bad = GA_ITEM_COUNT;
	int answers[GA_ITEM_COUNT];
	int64_t id = 0;
	memset(out, 0, sizeof *out);
	int st = guard_child(c, db, child_id, 1, 0, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		if (in->client_id &&
		    st_assessment_by_client(db, c->who->user_id, in->client_id, &id) == ST_OK) {
			st = replay(c, db, child_id, id, out, e);
			if (!st) {
				rec_set_object(&act, id);
				act.detail = "replay=1";
			}
			return app_finish(c, db, st, &act, e);
		}
	}
	if (!st)
		st = guard_active(&row, e);
	if (!st)
		st = check_input(c, &row, in, &on, e);
	if (!st)
		st = read_answers(c, in, answers, e);
	if (!st)
		guard_settings_for(c, db, row.region_code, &set, NULL);
	if (!st) {
		int gs = ga_grade(answers, &set, &g, &bad);
		if (gs == GA_ERR_MISSING || gs == GA_ERR_OPTION) {
			const struct ga_item *it = ga_item_get(bad);
			st = err_set(e, ST_INVALID, arena_printf(c->a, "answers.%s", it->code),
				     gs == GA_ERR_MISSING ? "请回答：%s" : "请从选项中选择：%s",
				     it->label);
		} else if (gs != GA_OK) {
			st = err_set(e, ST_INTERNAL, NULL, "评估计算失败");
		}
	}
	if (!st && ga_next_assessment(on, g.result, &set, &next) != 0)
		st = err_set(e, ST_INTERNAL, NULL, "复评日期计算失败");
	if (!st) {
		struct assessment_row r = {
			.child_id = child_id,
			.region_code = row.region_code,
			.assessed_on = in->assessed_on,
			.result = guardianship_code(g.result),
			.by_score = guardianship_code(g.by_score),
			.score = g.score,
			.max_score = g.max_score,
			.answers = answers_text(c->a, answers),
			.dims = dims_text(c->a, &g),
			.decisive = decisive_text(c->a, &g),
			.next_on = rec_day_text(c->a, next),
			.note = rec_opt(in->note),
			.client_id = in->client_id,
			.created_by = c->who->user_id,
			.created_at = clock_now_ms(),
		};
		st = st_assessment_insert(db, &r, &id);
	}
	if (!st && id == 0) {   /* a concurrent retry stored it first: nothing else written yet */
		st = st_assessment_by_client(db, c->who->user_id, in->client_id, &id);
		if (!st)
			st = replay(c, db, child_id, id, out, e);
		if (!st) {
			rec_set_object(&act, id);
			act.detail = "replay=1";
		}
		return app_finish(c, db, st, &act, e);
	}
	if (!st)
		st = rec_history(c, db, &row, "监护能力评估",
				 arena_printf(c->a, "%s %s（%d分）", in->assessed_on,
					      guardianship_name(g.result), g.score));
	if (!st)
		st = apply_latest(c, db, child_id, id, e);
	if (!st)
		st = load_view(c, db, id, out, e);
	if (!st) {
		rec_set_object(&act, id);
		act.detail = arena_printf(c->a, "child=%lld result=%s score=%d",
					  (long long)child_id, guardianship_code(g.result), g.score);
	}
	return app_finish(c, db, st, &act, e);
}

int assessments_list(struct ctx *c, int64_t child_id, struct assessment_view **rows, int *n,
		     struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("assessment.list", "child", child_id, 0);
	struct child_row row;
	struct assessment_row *r = NULL;
	int st = guard_child(c, db, child_id, 0, 0, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		st = st_assessment_list(db, c->a, child_id, &r, n);
	}
	if (!st) {
		*rows = arena_alloc(c->a, sizeof **rows * (size_t)(*n + 1));
		for (int i = 0; i < *n; i++)
			view_of(c->a, &r[i], &(*rows)[i]);
		act.detail = arena_printf(c->a, "rows=%d", *n);
	}
	return app_finish(c, db, st, &act, e);
}

int assessments_get(struct ctx *c, int64_t id, struct assessment_view *out, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("assessment.read", "assessment", id, 0);
	int st = app_require(c, PERM_GUARD_READ, e);
	if (!st)
		st = load_view(c, db, id, out, e);
	if (!st) {   /* the child's narrowing of scope too */
		struct child_row row;
		act.region_code = out->r.region_code;
		st = rec_child_in_scope(c, db, out->r.child_id, &row, e);
		if (st == ST_NOT_FOUND)
			err_set(e, st, NULL, "监护能力评估记录不存在");
	}
	return app_finish(c, db, st, &act, e);
}
