/* children.c: the child's file, its members, caregiver, history and name index (see store.h).
 * Every read takes the caller's scope: region range, and for schools and volunteers the
 * narrowing to their pupils or paired children. */
#include <string.h>

#include "store/db.h"
#include "store/qb.h"
#include "store/store.h"
#include "store/child_sql.h"

/* A name search is driven from the gram index, ordered (gram, region_code, child_id) like the
 * default list: it reads only the page it shows instead of sorting every match. */
#define GRAM_FROM " FROM child_name_grams g JOIN children c ON c.id = g.child_id"

int child_read_cols(const struct db_res *r, int i, int k, struct child_row *c)
{
	c->id = db_int(r, i, k++);
	c->region_code = db_int(r, i, k++);
	c->school_org_id = db_int(r, i, k++);
	c->director_id = db_int(r, i, k++);
	c->created_at = db_int(r, i, k++);
	c->created_by = db_int(r, i, k++);
	c->updated_at = db_int(r, i, k++);
	c->name = db_text(r, i, k++);
	c->sex = db_text(r, i, k++);
	c->ethnicity = db_text(r, i, k++);
	c->birth_date = db_text(r, i, k++);
	c->id_cipher = db_text(r, i, k++);
	c->id_index = db_text(r, i, k++);
	c->id_masked = db_text(r, i, k++);
	c->hukou_registered = (int)db_int(r, i, k++);
	c->hukou_type = db_text(r, i, k++);
	c->hukou_address = db_text(r, i, k++);
	c->current_address = db_text(r, i, k++);
	c->health = db_text(r, i, k++);
	c->disability_kind = db_text(r, i, k++);
	c->disability_grade = (int)db_int(r, i, k++);
	c->illness = db_text(r, i, k++);
	c->school_stage = db_text(r, i, k++);
	c->schooling_status = db_text(r, i, k++);
	c->school_name = db_text(r, i, k++);
	c->school_grade = db_text(r, i, k++);
	c->boarding = (int)db_int(r, i, k++);
	c->economic = db_text(r, i, k++);
	c->parents_divorced = (int)db_int(r, i, k++);
	c->harmed = (int)db_int(r, i, k++);
	c->misbehaviour = (int)db_int(r, i, k++);
	c->guardianship_note = db_text(r, i, k++);
	c->notes = db_text(r, i, k++);
	c->recorded_categories = (uint32_t)db_int(r, i, k++);
	c->derived_categories = (uint32_t)db_int(r, i, k++);
	c->mismatch = (int)db_int(r, i, k++);
	c->recheck_on = db_text(r, i, k++);
	c->turning_on = db_text(r, i, k++);
	c->status = db_text(r, i, k++);
	c->exit_reason = db_text(r, i, k++);
	c->exit_date = db_text(r, i, k++);
	c->exit_note = db_text(r, i, k++);
	c->version = (int)db_int(r, i, k++);
	c->last_contact_on = db_text(r, i, k++);
	c->last_home_visit_on = db_text(r, i, k++);
	c->caregiver_capacity = db_text(r, i, k++);
	c->contact_due_on = db_text(r, i, k++);
	c->visit_due_on = db_text(r, i, k++);
	c->next_due_on = db_text(r, i, k++);
	c->risk_level = db_text(r, i, k++);
	c->risk_score = (int)db_int(r, i, k++);
	c->restand_on = db_text(r, i, k++);
	c->guardianship_result = db_text(r, i, k++);
	c->guardianship_next_on = db_text(r, i, k++);
	c->psych_result = db_text(r, i, k++);
	c->open_reports = (int)db_int(r, i, k++);
	c->region_name = db_text(r, i, k++);
	c->town_name = db_text(r, i, k++);
	c->director_name = db_text(r, i, k++);
	c->school_org_name = db_text(r, i, k++);
	return k;
}

static void read_child(const struct db_res *r, int i, struct child_row *c)
{
	child_read_cols(r, i, 0, c);
}

static int read_children(struct arena *a, const struct db_res *r, struct child_row **rows, int *n)
{
	DB_READ_ROWS(a, r, rows, n, read_child);
	return ST_OK;
}

/* The scope of children: the region range, and the narrowing for schools and volunteers. */
static void child_scope(struct qb *q, const struct scope *sc)
{
	qb_scope(q, "c.region_code", sc->lo, sc->hi);
	if (sc->school_org)
		qb_where(q, "c.school_org_id = ?", 1, PINT(sc->school_org));
	if (sc->paired_org)
		qb_where(q, "EXISTS (SELECT 1 FROM child_pairings p WHERE p.child_id = c.id"
			    " AND p.org_id = ?)", 1, PINT(sc->paired_org));
}

#define CHILD_VALUES_SQL                                                                    \
	"region_code = ?, school_org_id = ?, director_id = ?, name = ?, sex = ?, ethnicity = ?," \
	" birth_date = ?, id_cipher = ?, id_index = ?, id_masked = ?, hukou_registered = ?,"   \
	" hukou_type = ?, hukou_address = ?, current_address = ?, health = ?,"                 \
	" disability_kind = ?, disability_grade = ?, illness = ?, school_stage = ?,"           \
	" schooling_status = ?, school_name = ?, school_grade = ?, boarding = ?, economic = ?,"  \
	" parents_divorced = ?, harmed = ?, misbehaviour = ?, guardianship_note = ?, notes = ?," \
	" recorded_categories = ?, derived_categories = ?, mismatch = ?, recheck_on = ?,"      \
	" turning_on = ?"
#define CHILD_NVALUES 34

static void child_params(struct qb *q, const struct child_row *c)
{
	struct db_param p[CHILD_NVALUES] = {
		PINT(c->region_code), PID(c->school_org_id), PID(c->director_id), PTEXT(c->name),
		PTEXT(c->sex), PTEXT(c->ethnicity), PTEXT(c->birth_date), PTEXT(c->id_cipher),
		PTEXT(c->id_index), PTEXT(c->id_masked), PINT(c->hukou_registered),
		PTEXT(c->hukou_type), PTEXT(c->hukou_address), PTEXT(c->current_address),
		PTEXT(c->health), PTEXT(c->disability_kind),
		c->disability_grade ? PINT(c->disability_grade) : PNULL, PTEXT(c->illness),
		PTEXT(c->school_stage), PTEXT(c->schooling_status), PTEXT(c->school_name),
		PTEXT(c->school_grade), PINT(c->boarding), PTEXT(c->economic),
		PINT(c->parents_divorced), PINT(c->harmed), PINT(c->misbehaviour),
		PTEXT(c->guardianship_note), PTEXT(c->notes), PINT(c->recorded_categories),
		PINT(c->derived_categories), PINT(c->mismatch), PTEXT(c->recheck_on),
		PTEXT(c->turning_on),
	};
	for (int i = 0; i < CHILD_NVALUES; i++)
		qb_param(q, p[i]);
}

int st_child_insert(struct db *db, struct child_row *c, int64_t now, int64_t *id)
{
	/* one INSERT ... SET-like statement: the column list follows CHILD_VALUES_SQL */
	struct qb q;
	qb_init(&q, "INSERT INTO children (region_code, school_org_id, director_id, name, sex,"
		    " ethnicity, birth_date, id_cipher, id_index, id_masked, hukou_registered,"
		    " hukou_type, hukou_address, current_address, health, disability_kind,"
		    " disability_grade, illness, school_stage, schooling_status, school_name,"
		    " school_grade, boarding, economic, parents_divorced, harmed, misbehaviour,"
		    " guardianship_note, notes, recorded_categories, derived_categories, mismatch,"
		    " recheck_on, turning_on, created_at, created_by, updated_at) VALUES (");
	for (int i = 0; i < CHILD_NVALUES + 3; i++)
		qb_add(&q, i ? ", ?" : "?");
	qb_add(&q, ") RETURNING id");
	child_params(&q, c);
	qb_param(&q, PINT(now));
	qb_param(&q, PID(c->created_by));
	qb_param(&q, PINT(now));
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, q.sql.data, q.p, q.n, &r);
	if (!st)
		*id = db_int(&r, 0, 0);
	arena_release(&a);
	qb_free(&q);
	return st;
}

int st_child_update(struct db *db, const struct child_row *c, int64_t now)
{
	struct qb q;
	qb_init(&q, "UPDATE children SET " CHILD_VALUES_SQL ", version = version + 1, updated_at = ?,"
		    " restand_on = NULL WHERE id = ? AND version = ?");
	child_params(&q, c);
	qb_param(&q, PINT(now));
	qb_param(&q, PINT(c->id));
	qb_param(&q, PINT(c->version));
	struct arena a = ARENA_INIT;
	int st = db_query(db, &a, q.sql.data, q.p, q.n, NULL);
	arena_release(&a);
	qb_free(&q);
	if (!st && db->ops->changes(db) == 0)
		return ST_CONFLICT;   /* someone saved in between: the caller re-reads */
	return st;
}

int st_child_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		 struct child_row *out)
{
	struct qb q;
	qb_init(&q, "SELECT " CHILD_COLS CHILD_FROM);
	qb_where(&q, "c.id = ?", 1, PINT(id));
	child_scope(&q, sc);
	struct db_res r;
	int st = db_query(db, a, q.sql.data, q.p, q.n, &r);
	qb_free(&q);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_child(&r, 0, out);
	return ST_OK;
}

static void child_where(struct qb *q, struct arena *a, const void *filter)
{
	const struct child_filter *f = filter;
	child_scope(q, &f->scope);
	if (f->within.hi)
		qb_scope(q, "c.region_code", f->within.lo, f->within.hi);
	if (f->category)
		qb_where(q, "(c.derived_categories & ?) <> 0", 1, PINT(f->category));
	if (f->born_after)
		qb_where(q, "c.birth_date >= ?", 1, PTEXT(f->born_after));
	if (f->born_before)
		qb_where(q, "c.birth_date <= ?", 1, PTEXT(f->born_before));
	if (f->school_stage)
		qb_where(q, "c.school_stage = ?", 1, PTEXT(f->school_stage));
	if (f->schooling_status)
		qb_where(q, "c.schooling_status = ?", 1, PTEXT(f->schooling_status));
	if (f->status)
		qb_where(q, "c.status = ?", 1, PTEXT(f->status));
	if (f->director_id)
		qb_where(q, "c.director_id = ?", 1, PINT(f->director_id));
	if (f->mismatch_only)
		qb_where(q, "c.mismatch = 1", 0);
	if (f->turning_before)
		qb_where(q, "c.turning_on <= ?", 1, PTEXT(f->turning_before));
	if (f->id_index)
		qb_where(q, "c.id_index = ?", 1, PTEXT(f->id_index));
	/* the level in force, stored with the child (index children_region_risk) */
	if (f->nrisk == 1)
		qb_where(q, "c.risk_level = ?", 1, PTEXT(f->risk_levels[0]));
	else if (f->nrisk == 2)
		qb_where(q, "c.risk_level IN (?, ?)", 2, PTEXT(f->risk_levels[0]),
			 PTEXT(f->risk_levels[1]));
	else if (f->nrisk == 3)
		qb_where(q, "c.risk_level IN (?, ?, ?)", 3, PTEXT(f->risk_levels[0]),
			 PTEXT(f->risk_levels[1]), PTEXT(f->risk_levels[2]));
	else if (f->nrisk >= 4)
		qb_where(q, "c.risk_level IS NOT NULL", 0);
	if (f->name_gram) {
		qb_where(q, "g.gram = ? AND g.region_code BETWEEN ? AND ?", 3, PTEXT(f->name_gram),
			 PINT(f->scope.lo), PINT(f->scope.hi));
		if (f->name_like)
			qb_where(q, "c.name LIKE ? ESCAPE '\\'", 1,
				 PTEXT(db_like_contains(a, f->name_like)));
	}
}

int st_child_list(struct db *db, struct arena *a, const struct child_filter *f, struct page pg,
		  struct child_row **rows, int *n, int64_t *total)
{
	const char *order = f->name_gram ? " ORDER BY g.region_code, g.child_id"
					 : " ORDER BY c.region_code, c.id";
	if (f->sort && strcmp(f->sort, "name") == 0)
		order = " ORDER BY c.name, c.id";
	else if (f->sort && strcmp(f->sort, "-updated_at") == 0)
		order = " ORDER BY c.updated_at DESC, c.id";
	else if (f->sort && strcmp(f->sort, "birth_date") == 0)
		order = " ORDER BY c.birth_date, c.id";
	struct db_res r;
	int st = f->name_gram
			 ? qb_list(db, a, "SELECT COUNT(*)" GRAM_FROM,
				   "SELECT " CHILD_COLS GRAM_FROM CHILD_JOINS, order, child_where, f,
				   pg.offset, pg.limit, &r, total)
			 : qb_list(db, a, "SELECT COUNT(*) FROM children c",
				   "SELECT " CHILD_COLS CHILD_FROM, order, child_where, f, pg.offset,
				   pg.limit, &r, total);
	return st ? st : read_children(a, &r, rows, n);
}

int st_child_by_index(struct db *db, const char *id_index, int64_t *id, int64_t *region)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, "SELECT id, region_code FROM children WHERE id_index = ?",
			  (struct db_param[]){ PTEXT(id_index) }, 1, &r);
	if (!st && r.nrows == 0)
		st = ST_NOT_FOUND;
	if (!st) {
		*id = db_int(&r, 0, 0);
		*region = db_int(&r, 0, 1);
	}
	arena_release(&a);
	return st;
}

int st_child_similar(struct db *db, struct arena *a, const char *name, const char *birth,
		     int64_t region, int64_t except_id, int64_t **ids, int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT id FROM children WHERE region_code = ? AND name = ?"
				 " AND birth_date = ? AND id <> ? ORDER BY id LIMIT 10",
			  (struct db_param[]){ PINT(region), PTEXT(name), PTEXT(birth),
					       PINT(except_id) }, 4, &r);
	if (st)
		return st;
	*ids = arena_alloc(a, sizeof **ids * (size_t)(r.nrows + 1));
	for (int i = 0; i < r.nrows; i++)
		(*ids)[i] = db_int(&r, i, 0);
	*n = r.nrows;
	return ST_OK;
}

int st_child_set_status(struct db *db, int64_t id, const char *status, const char *reason,
			const char *date, const char *note, int64_t now)
{
	int st = db_exec(db, "UPDATE children SET status = ?, exit_reason = ?, exit_date = ?,"
			     " exit_note = ?, version = version + 1, updated_at = ? WHERE id = ?",
			 (struct db_param[]){ PTEXT(status), PTEXT(reason), PTEXT(date), PTEXT(note),
					      PINT(now), PINT(id) }, 6);
	if (!st && db->ops->changes(db) == 0)
		return ST_NOT_FOUND;
	return st;
}

int st_child_set_registered(struct db *db, int64_t id, int64_t at)
{
	return db_exec(db, "UPDATE children SET created_at = ? WHERE id = ?",
		       (struct db_param[]){ PINT(at), PINT(id) }, 2);
}

int st_child_set_derived(struct db *db, int64_t id, uint32_t derived, int mismatch,
			 const char *recheck_on, const char *turning_on)
{
	return db_exec(db, "UPDATE children SET derived_categories = ?, mismatch = ?, recheck_on = ?,"
			   " turning_on = ? WHERE id = ?",
		       (struct db_param[]){ PINT(derived), PINT(mismatch), PTEXT(recheck_on),
					    PTEXT(turning_on), PINT(id) }, 5);
}

int st_child_stale(struct db *db, struct arena *a, const char *day, int64_t after, int limit,
		   struct child_row **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " CHILD_COLS CHILD_FROM " WHERE c.status = 'active'"
				 " AND c.recheck_on <= ? AND c.id > ?"
				 " ORDER BY c.id LIMIT ?",
			  (struct db_param[]){ PTEXT(day), PINT(after), PINT(limit) }, 3, &r);
	return st ? st : read_children(a, &r, rows, n);
}

/* ---- members and caregiver ---- */

#define MEMBER_COLS                                                                        \
	"id, child_id, relation, name, birth_date, id_cipher, id_index, id_masked,"         \
	" phone_cipher, phone_index, phone_masked, status, away_place, since, outside_county," \
	" months, disability_grade, disability_kind, work_place"

int st_members_get(struct db *db, struct arena *a, int64_t child_id, struct member_row **rows,
		   int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " MEMBER_COLS " FROM child_members WHERE child_id = ?"
				 " ORDER BY position",
			  (struct db_param[]){ PINT(child_id) }, 1, &r);
	if (st)
		return st;
	*rows = arena_alloc(a, sizeof **rows * (size_t)(r.nrows + 1));
	for (int i = 0; i < r.nrows; i++) {
		struct member_row *m = &(*rows)[i];
		int k = 0;
		m->id = db_int(&r, i, k++);
		m->child_id = db_int(&r, i, k++);
		m->relation = db_text(&r, i, k++);
		m->name = db_text(&r, i, k++);
		m->birth_date = db_text(&r, i, k++);
		m->id_cipher = db_text(&r, i, k++);
		m->id_index = db_text(&r, i, k++);
		m->id_masked = db_text(&r, i, k++);
		m->phone_cipher = db_text(&r, i, k++);
		m->phone_index = db_text(&r, i, k++);
		m->phone_masked = db_text(&r, i, k++);
		m->status = db_text(&r, i, k++);
		m->away_place = db_text(&r, i, k++);
		m->since = db_text(&r, i, k++);
		m->outside_county = (int)db_int(&r, i, k++);
		m->months = (int)db_int(&r, i, k++);
		m->disability_grade = (int)db_int(&r, i, k++);
		m->disability_kind = db_text(&r, i, k++);
		m->work_place = db_text(&r, i, k++);
	}
	*n = r.nrows;
	return ST_OK;
}

int st_members_replace(struct db *db, int64_t child_id, int64_t region,
		       const struct member_row *rows, int n)
{
	int st = db_exec(db, "DELETE FROM child_members WHERE child_id = ?",
			 (struct db_param[]){ PINT(child_id) }, 1);
	for (int i = 0; !st && i < n; i++) {
		const struct member_row *m = &rows[i];
		st = db_exec(db, "INSERT INTO child_members (child_id, region_code, position, relation,"
				 " name, birth_date, id_cipher, id_index, id_masked, phone_cipher,"
				 " phone_index, phone_masked, status, away_place, since, outside_county,"
				 " months, disability_grade, disability_kind, work_place)"
				 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			     (struct db_param[]){
				     PINT(child_id), PINT(region), PINT(i), PTEXT(m->relation),
				     PTEXT(m->name), PTEXT(m->birth_date), PTEXT(m->id_cipher),
				     PTEXT(m->id_index), PTEXT(m->id_masked), PTEXT(m->phone_cipher),
				     PTEXT(m->phone_index), PTEXT(m->phone_masked), PTEXT(m->status),
				     PTEXT(m->away_place), PTEXT(m->since), PINT(m->outside_county),
				     m->months ? PINT(m->months) : PNULL,
				     m->disability_grade ? PINT(m->disability_grade) : PNULL,
				     PTEXT(m->disability_kind), PTEXT(m->work_place) }, 20);
	}
	return st;
}

int st_caregiver_get(struct db *db, struct arena *a, int64_t child_id, struct caregiver_row *out)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT name, relation, phone_cipher, phone_index, phone_masked,"
				 " id_cipher, id_index, id_masked, address, agreement_date, checks,"
				 " school_notified, village_notified FROM child_caregivers WHERE child_id = ?",
			  (struct db_param[]){ PINT(child_id) }, 1, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	int k = 0;
	out->name = db_text(&r, 0, k++);
	out->relation = db_text(&r, 0, k++);
	out->phone_cipher = db_text(&r, 0, k++);
	out->phone_index = db_text(&r, 0, k++);
	out->phone_masked = db_text(&r, 0, k++);
	out->id_cipher = db_text(&r, 0, k++);
	out->id_index = db_text(&r, 0, k++);
	out->id_masked = db_text(&r, 0, k++);
	out->address = db_text(&r, 0, k++);
	out->agreement_date = db_text(&r, 0, k++);
	out->checks = db_text(&r, 0, k++);
	out->school_notified = (int)db_int(&r, 0, k++);
	out->village_notified = (int)db_int(&r, 0, k++);
	return ST_OK;
}

int st_caregiver_replace(struct db *db, int64_t child_id, int64_t region,
			 const struct caregiver_row *c)
{
	int st = db_exec(db, "DELETE FROM child_caregivers WHERE child_id = ?",
			 (struct db_param[]){ PINT(child_id) }, 1);
	if (st || !c)
		return st;
	return db_exec(db, "INSERT INTO child_caregivers (child_id, region_code, name, relation,"
			   " phone_cipher, phone_index, phone_masked, id_cipher, id_index, id_masked,"
			   " address, agreement_date, checks, school_notified, village_notified)"
			   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       (struct db_param[]){ PINT(child_id), PINT(region), PTEXT(c->name),
					    PTEXT(c->relation), PTEXT(c->phone_cipher),
					    PTEXT(c->phone_index), PTEXT(c->phone_masked),
					    PTEXT(c->id_cipher), PTEXT(c->id_index),
					    PTEXT(c->id_masked), PTEXT(c->address),
					    PTEXT(c->agreement_date), PTEXT(c->checks),
					    PINT(c->school_notified), PINT(c->village_notified) }, 15);
}

int st_grams_replace(struct db *db, int64_t child_id, int64_t region, const char *const *grams,
		     int n)
{
	int st = db_exec(db, "DELETE FROM child_name_grams WHERE child_id = ?",
			 (struct db_param[]){ PINT(child_id) }, 1);
	for (int i = 0; !st && i < n; i++)
		st = db_exec(db, "INSERT INTO child_name_grams (gram, region_code, child_id)"
				 " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
			     (struct db_param[]){ PTEXT(grams[i]), PINT(region), PINT(child_id) }, 3);
	return st;
}

int st_history_add(struct db *db, int64_t child_id, int64_t region, int64_t at, int64_t user_id,
		   const char *username, const char *field, const char *old_value,
		   const char *new_value)
{
	return db_exec(db, "INSERT INTO child_history (child_id, region_code, at, user_id, username,"
			   " field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		       (struct db_param[]){ PINT(child_id), PINT(region), PINT(at), PID(user_id),
					    PTEXT(username), PTEXT(field), PTEXT(old_value),
					    PTEXT(new_value) }, 8);
}

int st_history_list(struct db *db, struct arena *a, int64_t child_id, struct history_row **rows,
		    int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT at, username, field, old_value, new_value FROM child_history"
				 " WHERE child_id = ? ORDER BY id DESC LIMIT 1000",
			  (struct db_param[]){ PINT(child_id) }, 1, &r);
	if (st)
		return st;
	*rows = arena_alloc(a, sizeof **rows * (size_t)(r.nrows + 1));
	for (int i = 0; i < r.nrows; i++)
		(*rows)[i] = (struct history_row){ db_int(&r, i, 0), db_text(&r, i, 1),
						   db_text(&r, i, 2), db_text(&r, i, 3),
						   db_text(&r, i, 4) };
	*n = r.nrows;
	return ST_OK;
}

int st_photo_put(struct db *db, int64_t child_id, int64_t region, const char *mime,
		 const char *data_base64, int64_t now)
{
	return db_exec(db, "INSERT INTO child_photos (child_id, region_code, mime, data_base64,"
			   " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (child_id) DO UPDATE SET"
			   " region_code = excluded.region_code, mime = excluded.mime,"
			   " data_base64 = excluded.data_base64, updated_at = excluded.updated_at",
		       (struct db_param[]){ PINT(child_id), PINT(region), PTEXT(mime),
					    PTEXT(data_base64), PINT(now) }, 5);
}

int st_photo_get(struct db *db, struct arena *a, int64_t child_id, const char **mime,
		 const char **data_base64)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT mime, data_base64 FROM child_photos WHERE child_id = ?",
			  (struct db_param[]){ PINT(child_id) }, 1, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	*mime = db_text(&r, 0, 0);
	if (data_base64)
		*data_base64 = db_text(&r, 0, 1);
	return ST_OK;
}

int st_import_report_put(struct db *db, const char *token, int64_t user_id, int64_t now,
			 const char *xlsx_base64)
{
	/* reports are short-lived: older ones go when a new one is kept */
	int st = db_exec(db, "DELETE FROM import_reports WHERE created_at < ?",
			 (struct db_param[]){ PINT(now - 24LL * 3600 * 1000) }, 1);
	if (!st)
		st = db_exec(db, "INSERT INTO import_reports (token, user_id, created_at, xlsx_base64)"
				 " VALUES (?, ?, ?, ?)",
			     (struct db_param[]){ PTEXT(token), PINT(user_id), PINT(now),
						  PTEXT(xlsx_base64) }, 4);
	return st;
}

int st_import_report_get(struct db *db, struct arena *a, const char *token, int64_t user_id,
			 int64_t not_before, const char **xlsx_base64)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT xlsx_base64 FROM import_reports WHERE token = ?"
				 " AND user_id = ? AND created_at >= ?",
			  (struct db_param[]){ PTEXT(token), PINT(user_id), PINT(not_before) }, 3, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	*xlsx_base64 = db_text(&r, 0, 0);
	return ST_OK;
}
