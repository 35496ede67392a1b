/* warnings.c (store): warnings (预警), their facts, problem escalation, visit photos and the
 * director's workspace (store_warnings.h). SQL written once for both backends. */
#include <string.h>

#include "store/db.h"
#include "store/qb.h"
#include "store/store.h"

/* ---- warnings ---- */

#define WARNING_COLS                                                                         \
	"w.id, w.child_id, w.region_code, w.ref_id, w.opened_at, w.closed_at, w.kind,"       \
	" w.message, w.due_on, w.opened_on, w.escalated"

static void read_warning(const struct db_res *r, int i, struct warning_row *w)
{
	int k = 0;
	memset(w, 0, sizeof *w);
	w->id = db_int(r, i, k++);
	w->child_id = db_int(r, i, k++);
	w->region_code = db_int(r, i, k++);
	w->ref_id = db_int(r, i, k++);
	w->opened_at = db_int(r, i, k++);
	w->closed_at = db_int(r, i, k++);
	w->kind = db_text(r, i, k++);
	w->message = db_text(r, i, k++);
	w->due_on = db_text(r, i, k++);
	w->opened_on = db_text(r, i, k++);
	w->escalated = (int)db_int(r, i, k++);
	if (k < r->ncols) {
		w->child_name = db_text(r, i, k++);
		w->region_name = db_text(r, i, k++);
	}
}

static void warning_where(struct qb *q, struct arena *a, const void *filter)
{
	const struct warning_filter *f = filter;
	(void)a;
	/* the partial indexes need these terms as written */
	qb_where(q, f->closed ? "w.closed_at IS NOT NULL" : "w.closed_at IS NULL", 0);
	qb_scope(q, "w.region_code", f->scope.lo, f->scope.hi);
	if (f->within.hi)
		qb_scope(q, "w.region_code", f->within.lo, f->within.hi);
	if (f->kind)
		qb_where(q, "w.kind = ?", 1, PTEXT(f->kind));
	if (f->escalated_only)
		qb_where(q, "w.escalated = 1", 0);
	if (f->child_id)
		qb_where(q, "w.child_id = ?", 1, PINT(f->child_id));
}

int st_warning_list(struct db *db, struct arena *a, const struct warning_filter *f,
		    struct page pg, struct warning_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	int st = qb_list(db, a, "SELECT COUNT(*) FROM warnings w",
			 "SELECT " WARNING_COLS ", c.name, rg.name FROM warnings w"
			 " JOIN children c ON c.id = w.child_id"
			 " JOIN regions rg ON rg.code = w.region_code",
			 " ORDER BY w.escalated DESC, CASE w.kind WHEN 'contact_overdue' THEN 0"
			 " WHEN 'visit_overdue' THEN 1 WHEN 'high_risk_no_visit' THEN 2"
			 " WHEN 'newly_red' THEN 3 WHEN 'caregiver_followup' THEN 4"
			 " WHEN 'problem_overdue' THEN 5 WHEN 'turning_16' THEN 6"
			 " WHEN 'turning_18' THEN 7 WHEN 'file_incomplete' THEN 8"
			 " WHEN 'guardianship_absent' THEN 9 WHEN 'guardianship_reassess' THEN 10"
			 " WHEN 'case_followup_overdue' THEN 11 ELSE 12 END, w.opened_at, w.id",
			 warning_where, f, pg.offset, pg.limit, &r, total);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_warning);
	return ST_OK;
}

int st_warnings_open(struct db *db, struct arena *a, int64_t child_id, struct warning_row **rows,
		     int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " WARNING_COLS " FROM warnings w"
				 " WHERE w.child_id = ? AND w.closed_at IS NULL ORDER BY w.id",
			  (struct db_param[]){ PINT(child_id) }, 1, &r);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_warning);
	return ST_OK;
}

int st_warning_insert(struct db *db, const struct warning_row *w, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, "INSERT INTO warnings (child_id, region_code, kind, ref_id,"
				  " message, due_on, escalated, opened_at, opened_on)"
				  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
				  /* a concurrent refresh of the same child opened it first */
				  " ON CONFLICT (kind, child_id, ref_id) WHERE closed_at IS NULL"
				  " DO NOTHING RETURNING id",
			  (struct db_param[]){ PINT(w->child_id), PINT(w->region_code),
					       PTEXT(w->kind), PINT(w->ref_id), PTEXT(w->message),
					       PTEXT(w->due_on), PINT(w->escalated),
					       PINT(w->opened_at), PTEXT(w->opened_on) }, 9, &r);
	if (!st)
		*id = r.nrows ? db_int(&r, 0, 0) : 0;
	arena_release(&a);
	return st;
}

int st_warning_update(struct db *db, int64_t id, int64_t region, const char *message,
		      const char *due_on, int escalated)
{
	return db_exec(db, "UPDATE warnings SET region_code = ?, message = ?, due_on = ?,"
			   " escalated = ? WHERE id = ?",
		       (struct db_param[]){ PINT(region), PTEXT(message), PTEXT(due_on),
					    PINT(escalated), PINT(id) }, 5);
}

int st_warning_close(struct db *db, int64_t id, int64_t now)
{
	return db_exec(db, "UPDATE warnings SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
		       (struct db_param[]){ PINT(now), PINT(id) }, 2);
}

/* One COUNT(*) over `from_where` (with the scope and the region filter on `col` appended). */
static int count_in(struct db *db, struct arena *a, const char *from_where, const char *col,
		    const struct scope *sc, const struct scope *within, const char *day,
		    int64_t *out)
{
	struct qb q;
	qb_init(&q, from_where);
	q.has_where = 1;
	if (day)
		qb_param(&q, PTEXT(day));
	qb_scope(&q, col, sc->lo, sc->hi);
	if (within && within->hi)
		qb_scope(&q, col, within->lo, within->hi);
	struct db_res r;
	int st = db_query(db, a, q.sql.data, q.p, q.n, &r);
	qb_free(&q);
	if (!st)
		*out = r.nrows ? db_int(&r, 0, 0) : 0;
	return st;
}

int st_warning_summary(struct db *db, struct arena *a, const struct scope *sc,
		       const struct scope *within, const char *today, struct warning_summary *out)
{
	memset(out, 0, sizeof *out);
	struct qb q;
	/* index-only on the partial index warnings_open_region (region_code, kind) */
	qb_init(&q, "SELECT w.kind, COUNT(*) FROM warnings w");
	qb_where(&q, "w.closed_at IS NULL", 0);
	qb_scope(&q, "w.region_code", sc->lo, sc->hi);
	if (within && within->hi)
		qb_scope(&q, "w.region_code", within->lo, within->hi);
	qb_add(&q, " GROUP BY w.kind");
	struct db_res r;
	int st = db_query(db, a, q.sql.data, q.p, q.n, &r);
	qb_free(&q);
	if (st)
		return st;
	out->by_kind = arena_alloc(a, sizeof *out->by_kind * (size_t)(r.nrows + 1));
	for (int i = 0; i < r.nrows; i++)
		out->by_kind[i] = (struct warning_count){ db_text(&r, i, 0), db_int(&r, i, 1) };
	out->nkinds = r.nrows;
	/* the literals let SQLite use the small partial indexes of migration 0004 */
	st = count_in(db, a, "SELECT COUNT(*) FROM warnings w WHERE w.closed_at IS NULL"
			     " AND w.escalated = 1", "w.region_code", sc, within, NULL,
		      &out->escalated);
	if (!st)
		st = count_in(db, a, "SELECT COUNT(*) FROM children c WHERE c.risk_level = 'red'"
				     " AND c.status = 'active'", "c.region_code", sc, within, NULL,
			      &out->high_risk);
	if (!st)
		st = count_in(db, a, "SELECT COUNT(*) FROM problems p WHERE p.state = 'open'"
				     " AND p.deadline < ?", "p.region_code", sc, within, today,
			      &out->overdue_problems);
	return st;
}

int st_warning_contact_facts(struct db *db, struct arena *a, int64_t child_id,
			     struct warning_child_facts *out)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT (SELECT COUNT(*) FROM child_caregivers g WHERE g.child_id = ?),"
				 " (SELECT COUNT(*) FROM child_caregivers g WHERE g.child_id = ?"
				 " AND g.phone_cipher IS NOT NULL AND g.phone_cipher <> '')"
				 " + (SELECT COUNT(*) FROM child_members m WHERE m.child_id = ?"
				 " AND m.phone_cipher IS NOT NULL AND m.phone_cipher <> '')",
			  (struct db_param[]){ PINT(child_id), PINT(child_id), PINT(child_id) }, 3,
			  &r);
	if (st)
		return st;
	out->has_caregiver = db_int(&r, 0, 0) > 0;
	out->has_contact_phone = db_int(&r, 0, 1) > 0;
	return ST_OK;
}

int st_warning_followup_facts(struct db *db, struct arena *a, int64_t child_id,
			      struct warning_child_facts *out)
{
	out->caregiver_capacity = NULL;
	out->caregiver_problem_id = 0;
	out->caregiver_problem_deadline = NULL;
	/* the latest visit that recorded the caregiver's capacity, and the follow-up it opened
	 * while open and without a note by a person (the system's escalation note is not one) */
	struct db_res r;
	int st = db_query(db, a, "SELECT v.caregiver_capacity, p.id, p.deadline FROM visits v"
				 " LEFT JOIN problems p ON p.child_id = v.child_id AND p.visit_id = v.id"
				 " AND p.state = 'open' AND NOT EXISTS (SELECT 1 FROM problem_notes n"
				 " WHERE n.problem_id = p.id AND n.user_id IS NOT NULL)"
				 " WHERE v.child_id = ? AND v.caregiver_capacity IS NOT NULL"
				 " ORDER BY v.occurred_at DESC, v.id DESC, p.id LIMIT 1",
			  (struct db_param[]){ PINT(child_id) }, 1, &r);
	if (st)
		return st;
	if (r.nrows) {
		out->caregiver_capacity = db_text(&r, 0, 0);
		out->caregiver_problem_id = db_int(&r, 0, 1);
		out->caregiver_problem_deadline = db_text(&r, 0, 2);
	}
	return ST_OK;
}

int st_problems_open_of_child(struct db *db, struct arena *a, int64_t child_id,
			      struct problem_row **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT id, region_code, category, deadline, escalated_at"
				 " FROM problems WHERE child_id = ? AND state = 'open' ORDER BY id",
			  (struct db_param[]){ PINT(child_id) }, 1, &r);
	if (st)
		return st;
	*rows = arena_alloc(a, sizeof **rows * (size_t)(r.nrows + 1));
	for (int i = 0; i < r.nrows; i++) {
		struct problem_row *p = &(*rows)[i];
		memset(p, 0, sizeof *p);
		p->id = db_int(&r, i, 0);
		p->child_id = child_id;
		p->region_code = db_int(&r, i, 1);
		p->category = db_text(&r, i, 2);
		p->deadline = db_text(&r, i, 3);
		p->escalated_at = db_int(&r, i, 4);
		p->state = "open";
	}
	*n = r.nrows;
	return ST_OK;
}

int st_problem_escalate(struct db *db, int64_t id, int64_t now, int *changed)
{
	int st = db_exec(db, "UPDATE problems SET escalated_at = ? WHERE id = ?"
			     " AND escalated_at IS NULL",
			 (struct db_param[]){ PINT(now), PINT(id) }, 2);
	*changed = !st && db->ops->changes(db) > 0;
	return st;
}

int st_problem_if_updated(struct db *db, int64_t id, int64_t if_updated_at)
{
	int st = db_exec(db, "UPDATE problems SET updated_at = updated_at WHERE id = ?"
			     " AND updated_at = ?",
			 (struct db_param[]){ PINT(id), PINT(if_updated_at) }, 2);
	if (!st && db->ops->changes(db) == 0)
		return ST_CONFLICT;
	return st;
}

/* ---- visit photos ---- */

int st_visit_photo_put(struct db *db, int64_t visit_id, int64_t region, const char *mime,
		       const char *data_base64, int64_t now)
{
	return db_exec(db, "INSERT INTO visit_photos (visit_id, region_code, mime, data_base64,"
			   " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (visit_id) DO UPDATE SET"
			   " region_code = excluded.region_code, mime = excluded.mime,"
			   " data_base64 = excluded.data_base64, updated_at = excluded.updated_at",
		       (struct db_param[]){ PINT(visit_id), PINT(region), PTEXT(mime),
					    PTEXT(data_base64), PINT(now) }, 5);
}

int st_visit_photo_get(struct db *db, struct arena *a, int64_t visit_id, const char **mime,
		       const char **data_base64)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT mime, data_base64 FROM visit_photos WHERE visit_id = ?",
			  (struct db_param[]){ PINT(visit_id) }, 1, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	*mime = db_text(&r, 0, 0);
	*data_base64 = db_text(&r, 0, 1);
	return ST_OK;
}

/* ---- the director's offline workspace ---- */

static void read_extra(const struct db_res *r, int i, struct workspace_extra *x)
{
	int k = 0;
	x->id = db_int(r, i, k++);
	x->sex = db_text(r, i, k++);
	x->birth_date = db_text(r, i, k++);
	x->current_address = db_text(r, i, k++);
	x->school_name = db_text(r, i, k++);
	x->categories = (uint32_t)db_int(r, i, k++);
	x->has_caregiver = (int)db_int(r, i, k++);
	x->cg_name = db_text(r, i, k++);
	x->cg_relation = db_text(r, i, k++);
	x->cg_phone_masked = db_text(r, i, k++);
	x->guardian_phone_masked = db_text(r, i, k++);
	x->last_kind = db_text(r, i, k++);
	x->last_on = db_text(r, i, k++);
	x->last_user_name = db_text(r, i, k++);
}

int st_workspace_extras(struct db *db, struct arena *a, const struct sched_filter *f, int limit,
			struct workspace_extra **rows, int *n)
{
	struct qb q;
	qb_init(&q, "SELECT c.id, c.sex, c.birth_date, c.current_address, c.school_name,"
		    " c.derived_categories, CASE WHEN g.child_id IS NULL THEN 0 ELSE 1 END, g.name,"
		    " g.relation, g.phone_masked, (SELECT m.phone_masked FROM child_members m"
		    " WHERE m.child_id = c.id AND m.phone_masked IS NOT NULL ORDER BY CASE WHEN"
		    " m.relation IN ('father', 'mother') THEN 0 ELSE 1 END, m.position LIMIT 1),"
		    " lv.kind, lv.occurred_on, lu.display_name FROM children c"
		    " LEFT JOIN child_caregivers g ON g.child_id = c.id"
		    " LEFT JOIN visits lv ON lv.id = (SELECT v.id FROM visits v WHERE"
		    " v.child_id = c.id ORDER BY v.occurred_at DESC, v.id DESC LIMIT 1)"
		    " LEFT JOIN users lu ON lu.id = lv.user_id");
	/* the filter and order of st_sched_rows (store/visits.c), so the rows pair up */
	qb_where(&q, "c.next_due_on IS NOT NULL", 0);
	qb_scope(&q, "c.region_code", f->scope.lo, f->scope.hi);
	if (f->scope.school_org)
		qb_where(&q, "c.school_org_id = ?", 1, PINT(f->scope.school_org));
	if (f->scope.paired_org)
		qb_where(&q, "EXISTS (SELECT 1 FROM child_pairings p WHERE p.child_id = c.id"
			     " AND p.org_id = ?)", 1, PINT(f->scope.paired_org));
	if (f->within.hi)
		qb_scope(&q, "c.region_code", f->within.lo, f->within.hi);
	if (f->director_id)
		qb_where(&q, "c.director_id = ?", 1, PINT(f->director_id));
	qb_add(&q, " ORDER BY c.next_due_on, c.id LIMIT ?");
	qb_param(&q, PINT(limit));
	struct db_res r;
	int st = db_query(db, a, q.sql.data, q.p, q.n, &r);
	qb_free(&q);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_extra);
	return ST_OK;
}
