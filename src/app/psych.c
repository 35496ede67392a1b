/* psych.c: psychological screenings (心理筛查, 003#20; see psych.h). The latest screening sets
 * the child's psych_result, which the risk grading and the visit schedule read (003#9). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records.h"
#include "common/timeutil.h"
#include "domain/risk.h"

#define INSTRUMENT_MAX 50

int psych_text_chars(const char *s)
{
	int n = 0;
	for (; s && *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static int screening_replay(struct ctx *c, struct db *db, int64_t child_id, int64_t id,
			    struct psych_screening_row *out, struct err *e)
{
	int st = st_psych_screening_get(db, c->a, &c->who->scope, id, out);
	if (st == ST_NOT_FOUND)
		return err_set(e, ST_CONFLICT, "client_id", "该 client_id 已用于其他记录");
	if (!st && out->child_id != child_id)
		return err_set(e, ST_CONFLICT, "client_id", "该 client_id 已用于其他儿童的记录");
	return st;
}

static int screening_validate(const struct child_row *row, const struct psych_screening_input *in,
			      struct err *e)
{
	struct cdate on, birth;
	if (rec_check_client_id(in->client_id, e))
		return ST_INVALID;
	if (!rec_opt(in->instrument))
		return err_set(e, ST_INVALID, "instrument", "请填写筛查工具（量表）名称");
	if (psych_text_chars(in->instrument) > INSTRUMENT_MAX)
		return err_set(e, ST_INVALID, "instrument", "筛查工具名称不能超过%d个字",
			       INSTRUMENT_MAX);
	if (!rec_opt(in->screened_on))
		return err_set(e, ST_INVALID, "screened_on", "请填写筛查日期");
	if (cdate_parse(in->screened_on, &on) != 0)
		return err_set(e, ST_INVALID, "screened_on", "筛查日期应为有效日期（YYYY-MM-DD）");
	if (cdate_cmp(on, rec_today()) > 0)
		return err_set(e, ST_INVALID, "screened_on", "筛查日期不能晚于今天");
	if (row->birth_date && cdate_parse(row->birth_date, &birth) == 0 && cdate_cmp(on, birth) < 0)
		return err_set(e, ST_INVALID, "screened_on", "筛查日期不能早于儿童出生日期");
	if (psych_from_code(in->result ? in->result : "") <= 0)
		return err_set(e, ST_INVALID, "result", "筛查结果应为 正常(normal)、关注(watch) 或 异常(abnormal)");
	if (strcmp(in->result, "abnormal") == 0 &&
	    (!in->referral.given || !rec_opt(in->referral.service_type)))
		return err_set(e, ST_INVALID, "referral.service_type", "结果为异常时须填写转介服务");
	return ST_OK;
}

int psych_screening_create(struct ctx *c, int64_t child_id, const struct psych_screening_input *in,
			   struct psych_screening_row *out, int *replayed, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("psych.screening.create", "psych_screening", 0, 0);
	struct child_row row;
	int64_t id = 0, referral_id = 0;
	const char *latest = NULL;
	*replayed = 0;
	memset(out, 0, sizeof *out);
	int st = app_require(c, PERM_PSYCH_WRITE, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		/* a retried request: answered before any check that may have changed since */
		if (in->client_id && st_psych_screening_by_client(db, c->who->user_id, in->client_id,
								  &id) == ST_OK) {
			st = screening_replay(c, db, child_id, id, out, e);
			if (!st) {
				*replayed = 1;
				rec_set_object(&act, id);
				act.detail = "replay=1";
			}
			return app_finish(c, db, st, &act, e);
		}
	}
	if (!st)
		st = rec_child_active(&row, e);
	if (!st)
		st = screening_validate(&row, in, e);
	if (!st) {
		struct psych_screening_row s = {
			.child_id = child_id,
			.region_code = row.region_code,
			.instrument = in->instrument,
			.screened_on = in->screened_on,
			.assessor = rec_opt(in->assessor),
			.score = rec_opt(in->score),
			.result = in->result,
			.note = rec_opt(in->note),
			.created_by = c->who->user_id,
			.client_id = in->client_id,
			.created_at = clock_now_ms(),
		};
		st = st_psych_screening_insert(db, &s, &id);
	}
	if (!st && id == 0) {   /* a concurrent retry stored it first */
		st = st_psych_screening_by_client(db, c->who->user_id, in->client_id, &id);
		if (!st)
			st = screening_replay(c, db, child_id, id, out, e);
		if (!st) {
			*replayed = 1;
			rec_set_object(&act, id);
			act.detail = "replay=1";
		}
		return app_finish(c, db, st, &act, e);
	}
	/* an abnormal result is referred at once (a referral given with another result too) */
	if (!st && in->referral.given) {
		st = psych_referral_open(c, db, &row, id, rec_day_text(c->a, rec_today()),
					 &in->referral, &referral_id, e);
		if (!st)
			st = st_psych_screening_set_referral(db, id, referral_id);
	}
	/* the latest screening (by day, then id) is the child's result: risk and schedule */
	if (!st)
		st = st_psych_latest_result(db, c->a, child_id, &latest);
	if (!st)
		st = st_child_set_psych(db, child_id, latest);
	if (!st)
		st = standing_refresh(c, db, child_id, "psych", e);
	if (!st)
		st = st_psych_screening_get(db, c->a, &c->who->scope, id, out);
	if (!st) {
		rec_set_object(&act, id);
		act.detail = arena_printf(c->a, "child=%lld", (long long)child_id);
	}
	return app_finish(c, db, st, &act, e);
}

int psych_screening_list(struct ctx *c, int64_t child_id, struct psych_screening_row **rows,
			 int *n, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("psych.screening.list", "child", child_id, 0);
	struct child_row row;
	*n = 0;
	int st = app_require(c, PERM_PSYCH_READ, e);
	if (!st)
		st = rec_child_in_scope(c, db, child_id, &row, e);
	if (!st) {
		act.region_code = row.region_code;
		st = st_psych_screening_list(db, c->a, child_id, rows, n);
	}
	if (!st)
		act.detail = arena_printf(c->a, "rows=%d", *n);
	return app_finish(c, db, st, &act, e);
}
