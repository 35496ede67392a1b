/* family_edu.c: family-education guidance (家庭教育指导, see guard.h): sessions held with a
 * child's parents or caregivers, and the yearly coverage of the children in scope (003#8: each
 * family at least once a year), read in three statements whatever the number of children. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records.h"
#include "common/timeutil.h"
#include "domain/region.h"

static const struct code_name forms[] = {
	{ "home", "入户指导" }, { "class", "家长课堂" }, { "online", "线上指导" },
	{ "ordered", "责令接受指导" },
};

const char *family_edu_form_name(const char *code)
{
	for (int i = 0; code && i < COUNT(forms); i++)
		if (strcmp(forms[i].code, code) == 0)
			return forms[i].name;
	return NULL;
}

const struct code_name *family_edu_forms(int *n)
{
	*n = COUNT(forms);
	return forms;
}

static int check_input(const struct child_row *row, const struct family_edu_input *in,
		       struct err *e)
{
	struct cdate d, birth;
	if (rec_check_client_id(in->client_id, e))
		return ST_INVALID;
	if (!rec_opt(in->held_on) || cdate_parse(in->held_on, &d) != 0)
		return err_set(e, ST_INVALID, "held_on", "指导日期应为有效日期（YYYY-MM-DD）");
	if (cdate_cmp(d, rec_today()) > 0)
		return err_set(e, ST_INVALID, "held_on", "指导日期不能晚于今天");
	if (row->birth_date && cdate_parse(row->birth_date, &birth) == 0 && cdate_cmp(d, birth) < 0)
		return err_set(e, ST_INVALID, "held_on", "指导日期不能早于儿童出生日期");
	if (!rec_opt(in->recipient_name))
		return err_set(e, ST_INVALID, "recipient_name", "请填写接受指导人姓名");
	if (!rec_opt(in->recipient_relation))
		return err_set(e, ST_INVALID, "recipient_relation", "请选择接受指导人与儿童的关系");
	if (!guard_relation_name(in->recipient_relation))
		return err_set(e, ST_INVALID, "recipient_relation", "与儿童的关系不正确");
	if (!family_edu_form_name(in->form))
		return err_set(e, ST_INVALID, "form", "指导形式应为 home、class、online 或 ordered");
	if (!rec_opt(in->content))
		return err_set(e, ST_INVALID, "content", "请填写指导内容");
	return ST_OK;
}

int family_edu_create(struct ctx *c, int64_t child_id, const struct family_edu_input *in,
		      struct family_edu_row *out, int *replayed, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("family_edu.create", "family_edu", 0, 0);
	struct child_row row;
	int64_t id = 0;
	*replayed = 0;
	int st = guard_child(c, db, child_id, 1, 0, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		if (in->client_id &&
		    st_family_edu_by_client(db, c->who->user_id, in->client_id, &id) == ST_OK) {
			st = st_family_edu_get(db, c->a, id, out);
			if (!st && out->child_id != child_id)
				st = err_set(e, ST_CONFLICT, "client_id", "该 client_id 已用于其他儿童的记录");
			if (!st) {
				*replayed = 1;
				rec_set_object(&act, id);
				act.detail = "replay=1";
			}
			return app_finish(c, db, st, &act, e);
		}
	}
	if (!st)
		st = guard_active(&row, e);
	if (!st)
		st = check_input(&row, in, e);
	if (!st) {
		struct family_edu_row s = {
			.child_id = child_id,
			.region_code = row.region_code,
			.held_on = in->held_on,
			.recipient_name = in->recipient_name,
			.recipient_relation = in->recipient_relation,
			.form = in->form,
			.provider = rec_opt(in->provider),
			.content = in->content,
			.client_id = in->client_id,
			.created_by = c->who->user_id,
			.created_at = clock_now_ms(),
		};
		st = st_family_edu_insert(db, &s, &id);
	}
	if (!st && id == 0) {   /* a concurrent retry stored it first: nothing else written yet */
		st = st_family_edu_by_client(db, c->who->user_id, in->client_id, &id);
		if (!st)
			st = st_family_edu_get(db, c->a, id, out);
		if (!st && out->child_id != child_id)
			st = err_set(e, ST_CONFLICT, "client_id", "该 client_id 已用于其他儿童的记录");
		if (!st) {
			*replayed = 1;
			rec_set_object(&act, id);
			act.detail = "replay=1";
		}
		return app_finish(c, db, st, &act, e);
	}
	if (!st)
		st = rec_history(c, db, &row, "家庭教育指导",
				 arena_printf(c->a, "%s %s（%s）", in->held_on,
					      family_edu_form_name(in->form), in->recipient_name));
	if (!st)
		st = st_family_edu_get(db, c->a, id, out);
	if (!st) {
		rec_set_object(&act, id);
		act.detail = arena_printf(c->a, "child=%lld form=%s", (long long)child_id, in->form);
	}
	return app_finish(c, db, st, &act, e);
}

static void year_days(struct arena *a, int year, const char **from, const char **to)
{
	*from = arena_printf(a, "%04d-01-01", year);
	*to = arena_printf(a, "%04d-12-31", year);
}

int family_edu_list(struct ctx *c, int64_t child_id, struct family_edu_row **rows, int *n,
		    int *this_year, int *year, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("family_edu.list", "child", child_id, 0);
	struct child_row row;
	const char *from, *to;
	int64_t count = 0;
	*year = rec_today().y;
	*this_year = 0;
	int st = guard_child(c, db, child_id, 0, 0, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		st = st_family_edu_list(db, c->a, child_id, rows, n);
	}
	if (!st) {
		year_days(c->a, *year, &from, &to);
		st = st_family_edu_count(db, child_id, from, to, &count);
		*this_year = count > 0;
		act.detail = arena_printf(c->a, "rows=%d", *n);
	}
	return app_finish(c, db, st, &act, e);
}

int family_edu_coverage(struct ctx *c, const struct coverage_query *q, struct coverage_result *out,
			struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("family_edu.coverage", "family_edu", 0,
				       c->who ? c->who->region_code : 0);
	struct coverage_filter f = { .covered = -1 };
	memset(out, 0, sizeof *out);
	out->year = rec_today().y;
	int st = app_require(c, PERM_GUARD_READ, e);
	if (!st)
		f.scope = c->who->scope;
	if (!st && rec_opt(q->year)) {
		char *end;
		long y = strtol(q->year, &end, 10);
		if (*end || y < 2000 || y > out->year)
			st = err_set(e, ST_INVALID, "year", "年份应在 2000 至 %d 之间", out->year);
		else
			out->year = (int)y;
	}
	if (!st && rec_opt(q->region)) {
		int64_t code;
		st = regions_in_scope(c, db, "region", q->region, &code, &f.within, e);
	}
	if (!st && rec_opt(q->covered)) {
		if (strcmp(q->covered, "0") == 0)
			f.covered = 0;
		else if (strcmp(q->covered, "1") == 0)
			f.covered = 1;
		else
			st = err_set(e, ST_INVALID, "covered", "covered 应为 0 或 1");
	}
	if (!st) {
		year_days(c->a, out->year, &f.from, &f.to);
		st = st_family_edu_coverage(db, c->a, &f, app_page(q->page, q->page_size), &out->items,
					    &out->n, &out->total, &out->children, &out->covered);
	}
	if (!st)
		act.detail = arena_printf(c->a, "year=%d children=%lld covered=%lld rows=%d",
					  out->year, (long long)out->children,
					  (long long)out->covered, out->n);
	return app_finish(c, db, st, &act, e);
}
