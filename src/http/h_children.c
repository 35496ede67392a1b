/* h_children.c: the child's file over HTTP (docs/API.md, "Children"): JSON in and out. */
#include <stdlib.h>
#include <string.h>

#include "common/timeutil.h"
#include "domain/cdate.h"
#include "http/http.h"

/* ---- JSON out ---- */

static json_t *codes_json(uint32_t set)
{
	json_t *a = json_array();
	for (int i = 0; i < CAT_COUNT; i++)
		if (set & (1u << i))
			json_array_append_new(a, json_string(category_code(1u << i)));
	return a;
}

static json_t *turning_json(const char *turning_on)
{
	struct cdate on, today = cdate_from_ms(clock_now_ms());
	if (!turning_on || cdate_parse(turning_on, &on) != 0)
		return json_null();
	int days = cdate_days_between(today, on);
	if (days < 0 || days > 60)
		return json_null();
	return json_pack("{s:i, s:s}", "age", 0, "on", turning_on);
}

static json_t *summary_json(const struct child_row *c, int show_numbers)
{
	struct cdate birth, today = cdate_from_ms(clock_now_ms());
	int age = cdate_parse(c->birth_date, &birth) == 0 ? cdate_age(birth, today) : -1;
	json_t *turning = turning_json(c->turning_on);
	if (json_is_object(turning))
		json_object_set_new(turning, "age", json_integer(age < 16 ? 16 : 18));
	enum risk_level risk = risk_level_from_code(c->risk_level);
	json_t *o = json_pack(
		"{s:I, s:s, s:s, s:s, s:i, s:o, s:o, s:o, s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:b, s:s,"
		" s:o, s:o}",
		"id", (json_int_t)c->id, "name", c->name, "sex", c->sex, "birth_date", c->birth_date,
		"age", age, "id_number_masked", show_numbers ? jnstr(c->id_masked) : json_null(),
		"region_code", jcode(c->region_code), "region_name", jnstr(c->region_name),
		"town_name", jnstr(c->town_name), "school_stage", c->school_stage,
		"schooling_status", c->schooling_status, "director_id",
		c->director_id ? json_integer(c->director_id) : json_null(), "director_name",
		jnstr(c->director_name), "categories", codes_json(c->derived_categories),
		"recorded_categories", codes_json(c->recorded_categories), "category_mismatch",
		c->mismatch, "status", c->status, "turning", turning, "updated_at",
		jtime(c->updated_at));
	/* the level in force, stored with the child (null until graded) */
	json_object_set_new(o, "risk_level",
			    risk ? json_string(risk_level_code(risk)) : json_null());
	json_object_set_new(o, "risk_level_name",
			    risk ? json_string(risk_level_name(risk)) : json_null());
	return o;
}

static json_t *member_json(const struct member_row *m, int show)
{
	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:b, s:o, s:o, s:o, s:o, s:o}",
			 "id", (json_int_t)m->id, "relation", m->relation, "name", m->name,
			 "birth_date", jnstr(m->birth_date), "id_number_masked",
			 show ? jnstr(m->id_masked) : json_null(), "phone_masked",
			 show ? jnstr(m->phone_masked) : json_null(), "status", m->status,
			 "away_place", jnstr(m->away_place), "outside_county", m->outside_county,
			 "since", jnstr(m->since), "months",
			 m->months ? json_integer(m->months) : json_null(), "disability_grade",
			 m->disability_grade ? json_integer(m->disability_grade) : json_null(),
			 "disability_kind", jnstr(m->disability_kind), "work_place",
			 jnstr(m->work_place));
}

static json_t *caregiver_json(const struct child_file *f)
{
	if (!f->has_caregiver)
		return json_null();
	const struct caregiver_row *cg = &f->cg;
	json_t *checks = json_array(), *warnings = json_array();
	char *list = cg->checks ? strdup(cg->checks) : NULL;
	for (char *save = NULL, *t = list ? strtok_r(list, ",", &save) : NULL; t;
	     t = strtok_r(NULL, ",", &save))
		json_array_append_new(checks, json_string(t));
	free(list);
	for (int i = 0; i < f->ncg_warnings; i++)
		json_array_append_new(warnings, json_string(f->cg_warnings[i]));
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:b, s:b, s:o, s:o}", "name", cg->name,
			 "relation", jnstr(cg->relation), "phone_masked",
			 f->show_numbers ? jnstr(cg->phone_masked) : json_null(), "id_number_masked",
			 f->show_numbers ? jnstr(cg->id_masked) : json_null(), "address",
			 jnstr(cg->address), "agreement_date", jnstr(cg->agreement_date),
			 "school_notified", cg->school_notified, "village_notified",
			 cg->village_notified, "checks", checks, "warnings", warnings);
}

static json_t *file_json(const struct child_file *f)
{
	const struct child_row *c = &f->c;
	json_t *o = summary_json(c, f->show_numbers);
	json_t *members = json_array(), *derived = json_array(), *warnings = json_array();
	for (int i = 0; i < f->nmembers; i++)
		json_array_append_new(members, member_json(&f->members[i], f->show_numbers));
	for (int i = 0; i < f->nreasons; i++)
		json_array_append_new(derived, json_pack("{s:s, s:s, s:s}", "code",
							 category_code(f->reasons[i].cat), "name",
							 category_name(f->reasons[i].cat), "rule",
							 f->reasons[i].rule));
	for (int i = 0; i < f->nwarnings; i++)
		json_array_append_new(warnings, json_string(f->warnings[i]));
	json_t *exit = strcmp(c->status, "exited") == 0
			       ? json_pack("{s:o, s:o, s:o, s:o}", "reason", jnstr(c->exit_reason),
					   "reason_name", jnstr(exit_reason_name(c->exit_reason)),
					   "date", jnstr(c->exit_date), "note", jnstr(c->exit_note))
			       : json_null();
	json_t *more = json_pack(
		"{s:o, s:b, s:s, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:s, s:b, s:b,"
		" s:b, s:o, s:o, s:o, s:o, s:o, s:{s:o, s:o}, s:o, s:i, s:o, s:o, s:o}",
		"ethnicity", jnstr(c->ethnicity), "hukou_registered", c->hukou_registered,
		"hukou_type", c->hukou_type, "hukou_address", jnstr(c->hukou_address),
		"current_address", jnstr(c->current_address), "health", c->health,
		"disability_kind", jnstr(c->disability_kind), "disability_grade",
		c->disability_grade ? json_integer(c->disability_grade) : json_null(), "illness",
		jnstr(c->illness), "school_org_id",
		c->school_org_id ? json_integer(c->school_org_id) : json_null(), "school_name",
		jnstr(c->school_name), "school_grade", jnstr(c->school_grade), "boarding",
		c->boarding, "economic", c->economic, "parents_divorced", c->parents_divorced,
		"harmed", c->harmed, "misbehaviour", c->misbehaviour, "guardianship_note",
		jnstr(c->guardianship_note), "notes", jnstr(c->notes), "members", members,
		"caregiver", caregiver_json(f), "derived", derived, "mismatch", "missing",
		codes_json(f->missing), "extra", codes_json(f->extra), "exit", exit, "version",
		c->version, "created_at", jtime(c->created_at), "warnings", warnings,
		"ethnicity_name", jnstr(c->ethnicity));
	json_object_set_new(more, "has_photo", json_boolean(f->has_photo));
	json_object_update(o, more);
	json_decref(more);
	return o;
}

/* ---- JSON in ---- */

static int parse_member(struct hreq *r, json_t *o, int i, struct member_input *m, struct err *e)
{
	static const char *const allowed[] = {
		"id", "relation", "name", "birth_date", "id_number", "phone", "status", "away_place",
		"outside_county", "since", "months", "disability_grade", "disability_kind",
		"work_place", "id_number_masked", "phone_masked", NULL,
	};
	const char *p = arena_printf(&r->a, "members[%d]", i);
#define F(k) arena_printf(&r->a, "%s.%s", p, k)
	if (!json_is_object(o))
		return err_set(e, ST_INVALID, p, "家庭成员应为对象");
	int64_t v;
	int st = oknown(r, o, p, allowed, e);
	if (!st)
		st = oint(o, "id", F("id"), 0, INT64_MAX, &m->id, e);
	if (!st)
		st = ostr(o, "relation", F("relation"), 40, &m->relation, e);
	if (!st)
		st = ostr(o, "name", F("name"), 200, &m->name, e);
	if (!st)
		st = ostr(o, "birth_date", F("birth_date"), 10, &m->birth_date, e);
	if (!st)
		st = ostr(o, "id_number", F("id_number"), 30, &m->id_number, e);
	if (!st)
		st = ostr(o, "phone", F("phone"), 20, &m->phone, e);
	if (!st)
		st = ostr(o, "status", F("status"), 40, &m->status, e);
	if (!st)
		st = ostr(o, "away_place", F("away_place"), 300, &m->away_place, e);
	if (!st)
		st = obool(o, "outside_county", F("outside_county"), &m->outside_county, e);
	if (!st)
		st = ostr(o, "since", F("since"), 10, &m->since, e);
	if (!st && !(st = oint(o, "months", F("months"), 0, 1200, &v, e)))
		m->months = (int)v;
	if (!st && !(st = oint(o, "disability_grade", F("disability_grade"), 0, 4, &v, e)))
		m->disability_grade = (int)v;
	if (!st)
		st = ostr(o, "disability_kind", F("disability_kind"), 40, &m->disability_kind, e);
	if (!st)
		st = ostr(o, "work_place", F("work_place"), 300, &m->work_place, e);
#undef F
	m->has_id_number = m->id_number != NULL;
	m->has_phone = m->phone != NULL;
	return st;
}

static int parse_caregiver(struct hreq *r, json_t *o, struct caregiver_input *cg, struct err *e)
{
	static const char *const allowed[] = {
		"name", "relation", "phone", "id_number", "address", "agreement_date",
		"school_notified", "village_notified", "checks", "phone_masked", "id_number_masked",
		"warnings", NULL,
	};
	if (!json_is_object(o))
		return err_set(e, ST_INVALID, "caregiver", "委托照护人应为对象");
	int st = oknown(r, o, "caregiver", allowed, e);
	if (!st)
		st = ostr(o, "name", "caregiver.name", 200, &cg->name, e);
	if (!st)
		st = ostr(o, "relation", "caregiver.relation", 60, &cg->relation, e);
	if (!st)
		st = ostr(o, "phone", "caregiver.phone", 20, &cg->phone, e);
	if (!st)
		st = ostr(o, "id_number", "caregiver.id_number", 30, &cg->id_number, e);
	if (!st)
		st = ostr(o, "address", "caregiver.address", 300, &cg->address, e);
	if (!st)
		st = ostr(o, "agreement_date", "caregiver.agreement_date", 10, &cg->agreement_date, e);
	if (!st)
		st = obool(o, "school_notified", "caregiver.school_notified", &cg->school_notified, e);
	if (!st)
		st = obool(o, "village_notified", "caregiver.village_notified", &cg->village_notified, e);
	json_t *checks = json_object_get(o, "checks"), *v;
	size_t i;
	if (!st && checks && !json_is_array(checks))
		st = err_set(e, ST_INVALID, "caregiver.checks", "应为数组");
	json_array_foreach(checks, i, v) {
		if (st)
			break;
		if (!json_is_string(v) || cg->nchecks >= MAX_CG_CHECKS)
			st = err_set(e, ST_INVALID, "caregiver.checks", "不得委托情形不正确");
		else
			cg->checks[cg->nchecks++] = json_string_value(v);
	}
	cg->has_id_number = cg->id_number != NULL;
	cg->has_phone = cg->phone != NULL;
	return st;
}

static int parse_child(struct hreq *r, struct child_input *in, struct err *e)
{
	static const char *const allowed[] = {
		"name", "sex", "ethnicity", "birth_date", "id_number", "region_code", "hukou_type",
		"hukou_registered", "hukou_address", "current_address", "health", "disability_kind",
		"disability_grade", "illness", "school_stage", "schooling_status", "school_org_id",
		"school_name", "school_grade", "boarding", "economic", "parents_divorced", "harmed",
		"misbehaviour", "guardianship_note", "notes", "director_id", "recorded_categories",
		"members", "caregiver", "version",
		/* read-only members of Child a client may send back unchanged */
		"id", "age", "id_number_masked", "region_name", "town_name", "director_name",
		"categories", "category_mismatch", "status", "turning", "updated_at", "derived",
		"mismatch", "exit", "created_at", "warnings", "ethnicity_name", "has_photo",
		"risk_level", "risk_level_name", NULL,
	};
	memset(in, 0, sizeof *in);
	int st = body_object(r, allowed, e);
	json_t *o = r->in;
	int64_t v;
	struct {
		const char *key;
		size_t max;
		const char **out;
	} strs[] = {
		{ "name", 200, &in->name }, { "sex", 2, &in->sex }, { "ethnicity", 40, &in->ethnicity },
		{ "birth_date", 10, &in->birth_date }, { "id_number", 30, &in->id_number },
		{ "region_code", 12, &in->region_code }, { "hukou_type", 20, &in->hukou_type },
		{ "hukou_address", 600, &in->hukou_address },
		{ "current_address", 600, &in->current_address }, { "health", 20, &in->health },
		{ "disability_kind", 40, &in->disability_kind }, { "illness", 400, &in->illness },
		{ "school_stage", 40, &in->school_stage },
		{ "schooling_status", 40, &in->schooling_status },
		{ "school_name", 400, &in->school_name }, { "school_grade", 100, &in->school_grade },
		{ "economic", 40, &in->economic },
		{ "guardianship_note", 8000, &in->guardianship_note }, { "notes", 8000, &in->notes },
	};
	for (size_t i = 0; !st && i < sizeof strs / sizeof strs[0]; i++)
		st = ostr(o, strs[i].key, strs[i].key, strs[i].max, strs[i].out, e);
	struct {
		const char *key;
		int *out;
	} bools[] = {
		{ "boarding", &in->boarding }, { "parents_divorced", &in->parents_divorced },
		{ "harmed", &in->harmed }, { "misbehaviour", &in->misbehaviour },
	};
	for (size_t i = 0; !st && i < sizeof bools / sizeof bools[0]; i++)
		st = obool(o, bools[i].key, bools[i].key, bools[i].out, e);
	in->hukou_registered = 1;   /* left out or null: registered, the usual case */
	json_t *hr = json_object_get(o, "hukou_registered");
	if (!st && hr && !json_is_null(hr))
		st = obool(o, "hukou_registered", "hukou_registered", &in->hukou_registered, e);
	if (!st && !(st = oint(o, "disability_grade", "disability_grade", 0, 4, &v, e)))
		in->disability_grade = (int)v;
	if (!st)
		st = oint(o, "school_org_id", "school_org_id", 0, INT64_MAX, &in->school_org_id, e);
	if (!st)
		st = oint(o, "director_id", "director_id", 0, INT64_MAX, &in->director_id, e);
	if (!st && !(st = oint(o, "version", "version", 0, INT32_MAX, &v, e)))
		in->version = (int)v;
	json_t *cats = json_object_get(o, "recorded_categories"), *x;
	size_t i;
	if (!st && cats && !json_is_array(cats) && !json_is_null(cats))
		st = err_set(e, ST_INVALID, "recorded_categories", "应为数组");
	json_array_foreach(cats, i, x) {
		if (st)
			break;
		if (!json_is_string(x) || in->nrecorded >= CAT_COUNT)
			st = err_set(e, ST_INVALID, "recorded_categories", "类别不正确");
		else
			in->recorded[in->nrecorded++] = json_string_value(x);
	}
	json_t *members = json_object_get(o, "members");
	if (!st && members && !json_is_array(members) && !json_is_null(members))
		st = err_set(e, ST_INVALID, "members", "应为数组");
	if (!st && json_array_size(members) > MAX_MEMBERS)
		st = err_set(e, ST_INVALID, "members", "家庭成员最多%d人", MAX_MEMBERS);
	json_array_foreach(members, i, x) {
		if (st)
			break;
		st = parse_member(r, x, (int)i, &in->members[in->nmembers++], e);
	}
	json_t *cg = json_object_get(o, "caregiver");
	if (!st && cg && !json_is_null(cg)) {
		in->has_caregiver = 1;
		st = parse_caregiver(r, cg, &in->caregiver, e);
	}
	return st;
}

/* ---- handlers ---- */

static int child_query(struct hreq *r, struct child_query *q, struct err *e)
{
	memset(q, 0, sizeof *q);
	q->region = qarg(r, "region");
	q->category = qarg(r, "category");
	q->school_stage = qarg(r, "school_stage");
	q->schooling_status = qarg(r, "schooling_status");
	q->status = qarg(r, "status");
	q->q = qarg(r, "q");
	q->id_number = qarg(r, "id_number");
	q->sort = qarg(r, "sort");
	q->risk = qarg(r, "risk");
	q->mismatch = qarg(r, "mismatch") && strcmp(qarg(r, "mismatch"), "1") == 0;
	q->turning = qarg(r, "turning") && strcmp(qarg(r, "turning"), "1") == 0;
	q->age_min = q->age_max = -1;
	const char *keys[] = { "age_min", "age_max", "director" };
	for (int i = 0; i < 3; i++) {
		const char *s = qarg(r, keys[i]);
		if (!s || !*s)
			continue;
		char *end;
		long v = strtol(s, &end, 10);
		if (*end || v < 0 || v > (i < 2 ? 30 : 1000000000L))
			return err_set(e, ST_INVALID, keys[i], "应为非负整数");
		if (i == 0)
			q->age_min = (int)v;
		else if (i == 1)
			q->age_max = (int)v;
		else
			q->director_id = v;
	}
	return qpage(r, &q->page, &q->page_size, e);
}

int h_children(struct hreq *r, struct err *e)
{
	struct child_query q;
	struct child_row *rows;
	int n;
	int64_t total;
	int st = child_query(r, &q, e);
	if (!st)
		st = children_list(&r->ctx, &q, &rows, &n, &total, e);
	if (st)
		return st;
	int show = strcmp(r->who.role->code, "volunteer") != 0;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, summary_json(&rows[i], show));
	reply_list(r, items, total);
	return ST_OK;
}

static int reply_file_or_dup(struct hreq *r, int st, const struct child_file *f, unsigned ok)
{
	if (st == ST_DUPLICATE && f->existing_id)
		r->err_extra = json_pack("{s:I}", "existing_id", (json_int_t)f->existing_id);
	if (!st)
		reply(r, ok, file_json(f));
	return st;
}

int h_child_create(struct hreq *r, struct err *e)
{
	struct child_input in;
	struct child_file f = { 0 };
	int st = parse_child(r, &in, e);
	if (!st)
		st = children_save(&r->ctx, 0, &in, &f, e);
	return reply_file_or_dup(r, st, &f, 201);
}

int h_child_update(struct hreq *r, struct err *e)
{
	int64_t id;
	struct child_input in;
	struct child_file f = { 0 };
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = parse_child(r, &in, e);
	if (!st && !json_object_get(r->in, "version"))
		st = err_set(e, ST_INVALID, "version", "缺少档案版本号");
	if (!st)
		st = children_save(&r->ctx, id, &in, &f, e);
	return reply_file_or_dup(r, st, &f, 200);
}

int h_child_get(struct hreq *r, struct err *e)
{
	int64_t id;
	struct child_file f;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = children_get(&r->ctx, id, &f, e);
	if (!st)
		reply(r, 200, file_json(&f));
	return st;
}

int h_child_sensitive(struct hreq *r, struct err *e)
{
	int64_t id;
	struct child_sensitive s;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = children_sensitive(&r->ctx, id, &s, e);
	if (st)
		return st;
	json_t *members = json_array();
	for (int i = 0; i < s.nmembers; i++)
		json_array_append_new(members, json_pack("{s:I, s:o, s:o}", "id",
							 (json_int_t)s.member_ids[i], "id_number",
							 jnstr(s.member_id_numbers[i]), "phone",
							 jnstr(s.member_phones[i])));
	json_t *cg = s.has_caregiver ? json_pack("{s:o, s:o}", "id_number", jnstr(s.cg_id_number),
						 "phone", jnstr(s.cg_phone))
				     : json_null();
	reply(r, 200, json_pack("{s:o, s:o, s:o}", "id_number", jnstr(s.id_number), "members",
				members, "caregiver", cg));
	return ST_OK;
}

int h_child_exit(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "reason", "date", "note", NULL };
	int64_t id;
	const char *reason, *date, *note;
	struct child_file f;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = body_object(r, allowed, e);
	if (!st)
		st = jstr(r, "reason", 1, 40, &reason, e);
	if (!st)
		st = jstr(r, "date", 1, 10, &date, e);
	if (!st)
		st = jstr(r, "note", 0, 4000, &note, e);
	if (!st)
		st = children_exit(&r->ctx, id, reason, date, note, &f, e);
	if (!st)
		reply(r, 200, file_json(&f));
	return st;
}

int h_child_reactivate(struct hreq *r, struct err *e)
{
	static const char *const allowed[] = { "note", NULL };
	int64_t id;
	const char *note = NULL;
	struct child_file f;
	int st = path_id(r, 0, &id, e);
	if (!st && r->body.len)
		st = body_object(r, allowed, e);
	if (!st && r->in)
		st = jstr(r, "note", 0, 4000, &note, e);
	if (!st)
		st = children_reactivate(&r->ctx, id, note, &f, e);
	if (!st)
		reply(r, 200, file_json(&f));
	return st;
}

int h_child_history(struct hreq *r, struct err *e)
{
	int64_t id;
	struct history_row *rows;
	int n;
	int st = path_id(r, 0, &id, e);
	if (!st)
		st = children_history(&r->ctx, id, &rows, &n, e);
	if (st)
		return st;
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:o, s:s, s:s, s:o, s:o}", "at", jtime(rows[i].at),
						   "username", rows[i].username, "field",
						   rows[i].field, "old", jnstr(rows[i].old_value),
						   "new", jnstr(rows[i].new_value)));
	reply(r, 200, a);
	return ST_OK;
}

int h_children_export(struct hreq *r, struct err *e)
{
	struct child_query q;
	char *data;
	size_t len;
	int st = child_query(r, &q, e);
	if (!st)
		st = children_export(&r->ctx, &q, &data, &len, e);
	if (!st)
		reply_file(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			   "儿童花名册.xlsx", data, len);
	return st;
}

int h_child_photo_put(struct hreq *r, struct err *e)
{
	return handle_photo_put(r, children_photo_put, e);
}

int h_child_photo_get(struct hreq *r, struct err *e)
{
	return handle_photo_get(r, children_photo_get, e);
}

int h_directors(struct hreq *r, struct err *e)
{
	struct user_row *rows;
	int n;
	int st = users_directors(&r->ctx, qarg(r, "region"), &rows, &n, e);
	if (st)
		return st;
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:o, s:o}", "id", (json_int_t)rows[i].id,
						   "display_name", rows[i].display_name,
						   "region_code", jcode(rows[i].region_code),
						   "region_name", jnstr(rows[i].region_name)));
	reply(r, 200, a);
	return ST_OK;
}

int h_child_dicts(struct hreq *r, struct err *e)
{
	static const char *const names[] = {
		"sexes", "hukou_types", "health", "school_stages", "schooling_statuses", "economic",
		"relations", "disability_kinds", "exit_reasons", "caregiver_checks", "ethnicities",
		"member_statuses", "categories",
	};
	json_t *o = json_object();
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		int n;
		const struct code_name *d = child_dict(names[i], &n);
		json_t *a = json_array();
		for (int k = 0; k < n; k++) {
			json_t *item = json_pack("{s:s, s:s}", "code", d[k].code, "name", d[k].name);
			if (strcmp(names[i], "categories") == 0)
				json_object_set_new(item, "rule",
						    json_string(category_definition(1u << k)));
			json_array_append_new(a, item);
		}
		json_object_set_new(o, names[i], a);
	}
	reply(r, 200, o);
	return ST_OK;
}
