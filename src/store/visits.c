/* visits.c: contacts and visits, problems, care records, the work log and the schedule's rows
 * (see store_visits.h). SQL written once for both backends; scoped reads add the region range. */
#include <string.h>

#include "store/db.h"
#include "store/qb.h"
#include "store/store.h"

/* ---- contacts and visits ---- */

#define VISIT_COLS                                                                            \
	"v.id, v.child_id, v.region_code, v.occurred_at, v.user_id, v.located_at, v.created_at," \
	" v.kind, v.occurred_on, v.client_id, v.met, v.living, v.living_note, v.guardianship,"  \
	" v.guardianship_note, v.schooling, v.schooling_note, v.health, v.health_note,"         \
	" v.psychological, v.psychological_note, v.safety, v.safety_note, v.parents_contact,"   \
	" v.parents_contact_note, v.safety_hazards, v.caregiver_capacity, v.notes,"            \
	" v.late_reason, v.lat_e6, v.lng_e6, v.late, c.name, u.display_name,"                \
	" CASE WHEN EXISTS (SELECT 1 FROM visit_photos ph WHERE ph.visit_id = v.id)"         \
	" THEN 1 ELSE 0 END"
#define VISIT_FROM                                              \
	" FROM visits v JOIN children c ON c.id = v.child_id" \
	" LEFT JOIN users u ON u.id = v.user_id"

static void read_visit(const struct db_res *r, int i, struct visit_row *v)
{
	int k = 0;
	v->id = db_int(r, i, k++);
	v->child_id = db_int(r, i, k++);
	v->region_code = db_int(r, i, k++);
	v->occurred_at = db_int(r, i, k++);
	v->user_id = db_int(r, i, k++);
	v->located_at = db_int(r, i, k++);
	v->created_at = db_int(r, i, k++);
	v->kind = db_text(r, i, k++);
	v->occurred_on = db_text(r, i, k++);
	v->client_id = db_text(r, i, k++);
	v->met = db_text(r, i, k++);
	for (int c = 0; c < VISIT_CHECKS; c++) {
		v->check[c] = db_text(r, i, k++);
		v->check_note[c] = db_text(r, i, k++);
	}
	v->safety_hazards = db_text(r, i, k++);
	v->caregiver_capacity = db_text(r, i, k++);
	v->notes = db_text(r, i, k++);
	v->late_reason = db_text(r, i, k++);
	v->has_location = !db_is_null(r, i, k);
	v->lat_e6 = db_int(r, i, k++);
	v->lng_e6 = db_int(r, i, k++);
	v->late = (int)db_int(r, i, k++);
	v->child_name = db_text(r, i, k++);
	v->user_name = db_text(r, i, k++);
	v->has_photo = (int)db_int(r, i, k++);
}

int st_visit_insert(struct db *db, const struct visit_row *v, int64_t *id)
{
	struct qb q;
	qb_init(&q, "INSERT INTO visits (child_id, region_code, kind, occurred_at, occurred_on,"
		    " user_id, client_id, met, living, living_note, guardianship, guardianship_note,"
		    " schooling, schooling_note, health, health_note, psychological,"
		    " psychological_note, safety, safety_note, parents_contact, parents_contact_note,"
		    " safety_hazards, caregiver_capacity, notes, lat_e6, lng_e6, located_at, late,"
		    " late_reason, created_at) VALUES (");
	struct db_param p[] = {
		PINT(v->child_id), PINT(v->region_code), PTEXT(v->kind), PINT(v->occurred_at),
		PTEXT(v->occurred_on), PINT(v->user_id), PTEXT(v->client_id), PTEXT(v->met),
		PTEXT(v->check[0]), PTEXT(v->check_note[0]), PTEXT(v->check[1]),
		PTEXT(v->check_note[1]), PTEXT(v->check[2]), PTEXT(v->check_note[2]),
		PTEXT(v->check[3]), PTEXT(v->check_note[3]), PTEXT(v->check[4]),
		PTEXT(v->check_note[4]), PTEXT(v->check[5]), PTEXT(v->check_note[5]),
		PTEXT(v->check[6]), PTEXT(v->check_note[6]), PTEXT(v->safety_hazards),
		PTEXT(v->caregiver_capacity), PTEXT(v->notes),
		v->has_location ? PINT(v->lat_e6) : PNULL, v->has_location ? PINT(v->lng_e6) : PNULL,
		PID(v->located_at), PINT(v->late), PTEXT(v->late_reason), PINT(v->created_at),
	};
	int np = (int)(sizeof p / sizeof p[0]);
	for (int i = 0; i < np; i++) {
		qb_add(&q, i ? ", ?" : "?");
		qb_param(&q, p[i]);
	}
	/* a retried upload (same user and client_id) is stored once */
	qb_add(&q, ") ON CONFLICT (user_id, client_id) DO NOTHING RETURNING id");
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, q.sql.data, q.p, q.n, &r);
	if (!st)
		*id = r.nrows ? db_int(&r, 0, 0) : 0;
	arena_release(&a);
	qb_free(&q);
	return st;
}

int st_visit_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		 struct visit_row *out)
{
	struct qb q;
	qb_init(&q, "SELECT " VISIT_COLS VISIT_FROM);
	qb_where(&q, "v.id = ?", 1, PINT(id));
	qb_scope(&q, "v.region_code", sc->lo, sc->hi);
	struct db_res r;
	int st = db_query(db, a, q.sql.data, q.p, q.n, &r);
	qb_free(&q);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_visit(&r, 0, out);
	return ST_OK;
}

int st_visit_by_client(struct db *db, int64_t user_id, const char *client_id, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, "SELECT id FROM visits WHERE user_id = ? AND client_id = ?",
			  (struct db_param[]){ PINT(user_id), PTEXT(client_id) }, 2, &r);
	if (!st && r.nrows == 0)
		st = ST_NOT_FOUND;
	if (!st)
		*id = db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}

static void visit_child_where(struct qb *q, struct arena *a, const void *filter)
{
	(void)a;
	qb_where(q, "v.child_id = ?", 1, PINT(*(const int64_t *)filter));
}

int st_visit_list(struct db *db, struct arena *a, int64_t child_id, struct page pg,
		  struct visit_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	int st = qb_list(db, a, "SELECT COUNT(*) FROM visits v", "SELECT " VISIT_COLS VISIT_FROM,
			 " ORDER BY v.occurred_at DESC, v.id DESC", visit_child_where, &child_id,
			 pg.offset, pg.limit, &r, total);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_visit);
	return ST_OK;
}

static void visit_where(struct qb *q, struct arena *a, const void *filter)
{
	const struct visit_filter *f = filter;
	(void)a;
	qb_scope(q, "v.region_code", f->scope.lo, f->scope.hi);
	if (f->within.hi)
		qb_scope(q, "v.region_code", f->within.lo, f->within.hi);
	if (f->from)
		qb_where(q, "v.occurred_at >= ?", 1, PINT(f->from));
	if (f->to)
		qb_where(q, "v.occurred_at < ?", 1, PINT(f->to));
	if (f->kind)
		qb_where(q, "v.kind = ?", 1, PTEXT(f->kind));
	if (f->late_only)
		qb_where(q, "v.late = 1", 0);
	if (f->user_id)
		qb_where(q, "v.user_id = ?", 1, PINT(f->user_id));
}

int st_visit_search(struct db *db, struct arena *a, const struct visit_filter *f, struct page pg,
		    struct visit_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	int st = qb_list(db, a, "SELECT COUNT(*) FROM visits v", "SELECT " VISIT_COLS VISIT_FROM,
			 " ORDER BY v.occurred_at DESC, v.id DESC", visit_where, f, pg.offset,
			 pg.limit, &r, total);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_visit);
	return ST_OK;
}

int st_child_touch_visit(struct db *db, int64_t child_id, const char *day, int home_visit)
{
	int st = db_exec(db, "UPDATE children SET last_contact_on = ? WHERE id = ?"
			     " AND (last_contact_on IS NULL OR last_contact_on < ?)",
			 (struct db_param[]){ PTEXT(day), PINT(child_id), PTEXT(day) }, 3);
	if (!st && home_visit)
		st = db_exec(db, "UPDATE children SET last_home_visit_on = ? WHERE id = ?"
				 " AND (last_home_visit_on IS NULL OR last_home_visit_on < ?)",
			     (struct db_param[]){ PTEXT(day), PINT(child_id), PTEXT(day) }, 3);
	return st;
}

/* ---- problems ---- */

#define PROBLEM_COLS                                                                          \
	"p.id, p.child_id, p.region_code, p.visit_id, p.assignee_user_id, p.assignee_org_id,"  \
	" p.resolved_at, p.resolved_by, p.created_by, p.created_at, p.updated_at, p.category," \
	" p.description, p.deadline, p.state, p.resolution, c.name, r.name, au.display_name,"  \
	" o.name, cu.display_name, p.escalated_at"
#define PROBLEM_FROM                                            \
	" FROM problems p JOIN children c ON c.id = p.child_id" \
	" JOIN regions r ON r.code = p.region_code"             \
	" LEFT JOIN users au ON au.id = p.assignee_user_id"     \
	" LEFT JOIN orgs o ON o.id = p.assignee_org_id"         \
	" LEFT JOIN users cu ON cu.id = p.created_by"

static void read_problem(const struct db_res *r, int i, struct problem_row *p)
{
	int k = 0;
	p->id = db_int(r, i, k++);
	p->child_id = db_int(r, i, k++);
	p->region_code = db_int(r, i, k++);
	p->visit_id = db_int(r, i, k++);
	p->assignee_user_id = db_int(r, i, k++);
	p->assignee_org_id = db_int(r, i, k++);
	p->resolved_at = db_int(r, i, k++);
	p->resolved_by = db_int(r, i, k++);
	p->created_by = db_int(r, i, k++);
	p->created_at = db_int(r, i, k++);
	p->updated_at = db_int(r, i, k++);
	p->category = db_text(r, i, k++);
	p->description = db_text(r, i, k++);
	p->deadline = db_text(r, i, k++);
	p->state = db_text(r, i, k++);
	p->resolution = db_text(r, i, k++);
	p->child_name = db_text(r, i, k++);
	p->region_name = db_text(r, i, k++);
	p->assignee_user_name = db_text(r, i, k++);
	p->assignee_org_name = db_text(r, i, k++);
	p->created_by_name = db_text(r, i, k++);
	p->escalated_at = db_int(r, i, k++);
}

int st_problem_insert(struct db *db, const struct problem_row *p, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, "INSERT INTO problems (child_id, region_code, visit_id, category,"
				  " description, assignee_user_id, assignee_org_id, deadline, state,"
				  " created_by, created_at, updated_at)"
				  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?) RETURNING id",
			  (struct db_param[]){ PINT(p->child_id), PINT(p->region_code),
					       PID(p->visit_id), PTEXT(p->category),
					       PTEXT(p->description), PID(p->assignee_user_id),
					       PID(p->assignee_org_id), PTEXT(p->deadline),
					       PID(p->created_by), PINT(p->created_at),
					       PINT(p->created_at) }, 11, &r);
	if (!st)
		*id = db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}

int st_problem_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		   struct problem_row *out)
{
	struct qb q;
	qb_init(&q, "SELECT " PROBLEM_COLS PROBLEM_FROM);
	qb_where(&q, "p.id = ?", 1, PINT(id));
	qb_scope(&q, "p.region_code", sc->lo, sc->hi);
	struct db_res r;
	int st = db_query(db, a, q.sql.data, q.p, q.n, &r);
	qb_free(&q);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_problem(&r, 0, out);
	return ST_OK;
}

static void problem_where(struct qb *q, struct arena *a, const void *filter)
{
	const struct problem_filter *f = filter;
	(void)a;
	qb_scope(q, "p.region_code", f->scope.lo, f->scope.hi);
	if (f->within.hi)
		qb_scope(q, "p.region_code", f->within.lo, f->within.hi);
	if (f->child_id)
		qb_where(q, "p.child_id = ?", 1, PINT(f->child_id));
	if (f->assignee_user_id)
		qb_where(q, "p.assignee_user_id = ?", 1, PINT(f->assignee_user_id));
	if (f->state)
		qb_where(q, "p.state = ?", 1, PTEXT(f->state));
	if (f->category)
		qb_where(q, "p.category = ?", 1, PTEXT(f->category));
	if (f->overdue_before)
		qb_where(q, "p.state = 'open' AND p.deadline < ?", 1, PTEXT(f->overdue_before));
	if (f->escalated_only)
		qb_where(q, "p.state = 'open' AND p.escalated_at IS NOT NULL", 0);
	if (f->director_id)
		qb_where(q, "p.child_id IN (SELECT d.id FROM children d WHERE d.director_id = ?"
			    " AND d.status = 'active')", 1, PINT(f->director_id));
}

int st_problem_list(struct db *db, struct arena *a, const struct problem_filter *f,
		    struct page pg, struct problem_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	/* open first, the earliest deadline first (no deadline last), then the newest */
	int st = qb_list(db, a, "SELECT COUNT(*) FROM problems p", "SELECT " PROBLEM_COLS PROBLEM_FROM,
			 " ORDER BY CASE WHEN p.state = 'open' THEN 0 ELSE 1 END,"
			 " CASE WHEN p.deadline IS NULL THEN 1 ELSE 0 END, p.deadline, p.id DESC",
			 problem_where, f, pg.offset, pg.limit, &r, total);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_problem);
	return ST_OK;
}

/* updated_at moves strictly forward (two changes in one millisecond still differ), so a client's
 * if_updated_at never matches a later state. Two parameters: now, now. */
#define PROBLEM_NEXT_UPDATED_AT \
	" updated_at = CASE WHEN ? > updated_at THEN ? ELSE updated_at + 1 END"

int st_problem_resolve(struct db *db, int64_t id, const char *resolution, int64_t by, int64_t now)
{
	int st = db_exec(db, "UPDATE problems SET state = 'resolved', resolution = ?,"
			     " resolved_at = ?, resolved_by = ?," PROBLEM_NEXT_UPDATED_AT
			     " WHERE id = ? AND state = 'open'",
			 (struct db_param[]){ PTEXT(resolution), PINT(now), PINT(by), PINT(now),
					      PINT(now), PINT(id) }, 6);
	if (!st && db->ops->changes(db) == 0)
		return ST_CONFLICT;
	return st;
}

int st_problem_note_add(struct db *db, int64_t problem_id, int64_t region, int64_t at,
			int64_t user_id, const char *username, const char *note)
{
	int st = db_exec(db, "INSERT INTO problem_notes (problem_id, region_code, at, user_id,"
			     " username, note) VALUES (?, ?, ?, ?, ?, ?)",
			 (struct db_param[]){ PINT(problem_id), PINT(region), PINT(at), PID(user_id),
					      PTEXT(username), PTEXT(note) }, 6);
	if (!st)
		st = db_exec(db, "UPDATE problems SET" PROBLEM_NEXT_UPDATED_AT " WHERE id = ?",
			     (struct db_param[]){ PINT(at), PINT(at), PINT(problem_id) }, 3);
	return st;
}

int st_problem_notes(struct db *db, struct arena *a, int64_t problem_id,
		     struct problem_note_row **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT at, username, note FROM problem_notes WHERE problem_id = ?"
				 " ORDER BY id LIMIT 1000",
			  (struct db_param[]){ PINT(problem_id) }, 1, &r);
	if (st)
		return st;
	*rows = arena_alloc(a, sizeof **rows * (size_t)(r.nrows + 1));
	for (int i = 0; i < r.nrows; i++)
		(*rows)[i] = (struct problem_note_row){ db_int(&r, i, 0), db_text(&r, i, 1),
							db_text(&r, i, 2) };
	*n = r.nrows;
	return ST_OK;
}

/* ---- care and assistance records ---- */

#define CARE_COLS                                                                          \
	"k.id, k.child_id, k.region_code, k.provider_org_id, k.money_fen, k.created_by,"    \
	" k.created_at, k.kind, k.provider, k.on_date, k.content, k.goods, o.name,"         \
	" u.display_name"
#define CARE_FROM                                                    \
	" FROM care_records k LEFT JOIN orgs o ON o.id = k.provider_org_id" \
	" LEFT JOIN users u ON u.id = k.created_by"

static void read_care(const struct db_res *r, int i, struct care_row *c)
{
	int k = 0;
	c->id = db_int(r, i, k++);
	c->child_id = db_int(r, i, k++);
	c->region_code = db_int(r, i, k++);
	c->provider_org_id = db_int(r, i, k++);
	c->money_fen = db_int(r, i, k++);
	c->created_by = db_int(r, i, k++);
	c->created_at = db_int(r, i, k++);
	c->kind = db_text(r, i, k++);
	c->provider = db_text(r, i, k++);
	c->on_date = db_text(r, i, k++);
	c->content = db_text(r, i, k++);
	c->goods = db_text(r, i, k++);
	c->provider_org_name = db_text(r, i, k++);
	c->created_by_name = db_text(r, i, k++);
}

int st_care_insert(struct db *db, const struct care_row *c, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, "INSERT INTO care_records (child_id, region_code, kind,"
				  " provider_org_id, provider, on_date, content, money_fen, goods,"
				  " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
				  " RETURNING id",
			  (struct db_param[]){ PINT(c->child_id), PINT(c->region_code),
					       PTEXT(c->kind), PID(c->provider_org_id),
					       PTEXT(c->provider), PTEXT(c->on_date),
					       PTEXT(c->content), PINT(c->money_fen), PTEXT(c->goods),
					       PID(c->created_by), PINT(c->created_at) }, 11, &r);
	if (!st)
		*id = db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}

int st_care_get(struct db *db, struct arena *a, int64_t id, struct care_row *out)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " CARE_COLS CARE_FROM " WHERE k.id = ?",
			  (struct db_param[]){ PINT(id) }, 1, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_care(&r, 0, out);
	return ST_OK;
}

static void care_child_where(struct qb *q, struct arena *a, const void *filter)
{
	(void)a;
	qb_where(q, "k.child_id = ?", 1, PINT(*(const int64_t *)filter));
}

int st_care_list(struct db *db, struct arena *a, int64_t child_id, struct page pg,
		 struct care_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	int st = qb_list(db, a, "SELECT COUNT(*) FROM care_records k", "SELECT " CARE_COLS CARE_FROM,
			 " ORDER BY k.on_date DESC, k.id DESC", care_child_where, &child_id,
			 pg.offset, pg.limit, &r, total);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_care);
	return ST_OK;
}

/* ---- work log ---- */

#define WORKLOG_COLS "w.id, w.user_id, w.region_code, w.created_at, w.on_date, w.content, u.display_name"
#define WORKLOG_FROM " FROM work_logs w LEFT JOIN users u ON u.id = w.user_id"

static int read_worklogs(struct db *db, struct arena *a, const struct db_res *r,
			 struct worklog_row *rows)
{
	for (int i = 0; i < r->nrows; i++) {
		struct worklog_row *w = &rows[i];
		int k = 0;
		w->id = db_int(r, i, k++);
		w->user_id = db_int(r, i, k++);
		w->region_code = db_int(r, i, k++);
		w->created_at = db_int(r, i, k++);
		w->on_date = db_text(r, i, k++);
		w->content = db_text(r, i, k++);
		w->user_name = db_text(r, i, k++);
		struct db_res cr;
		int st = db_query(db, a, "SELECT c.id, c.name FROM work_log_children l"
					 " JOIN children c ON c.id = l.child_id WHERE l.log_id = ?"
					 " ORDER BY c.id",
				  (struct db_param[]){ PINT(w->id) }, 1, &cr);
		if (st)
			return st;
		w->children = arena_alloc(a, sizeof *w->children * (size_t)(cr.nrows + 1));
		for (int j = 0; j < cr.nrows; j++)
			w->children[j] = (struct worklog_child){ db_int(&cr, j, 0), db_text(&cr, j, 1) };
		w->nchildren = cr.nrows;
	}
	return ST_OK;
}

int st_worklog_insert(struct db *db, const struct worklog_row *w, const int64_t *child_ids,
		      const int64_t *child_regions, int nchildren, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, "INSERT INTO work_logs (user_id, region_code, on_date, content,"
				  " created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
			  (struct db_param[]){ PINT(w->user_id), PINT(w->region_code),
					       PTEXT(w->on_date), PTEXT(w->content),
					       PINT(w->created_at) }, 5, &r);
	if (!st)
		*id = db_int(&r, 0, 0);
	arena_release(&a);
	for (int i = 0; !st && i < nchildren; i++)
		st = db_exec(db, "INSERT INTO work_log_children (log_id, child_id, region_code)"
				 " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
			     (struct db_param[]){ PINT(*id), PINT(child_ids[i]),
						  PINT(child_regions[i]) }, 3);
	return st;
}

int st_worklog_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		   struct worklog_row *out)
{
	struct qb q;
	qb_init(&q, "SELECT " WORKLOG_COLS WORKLOG_FROM);
	qb_where(&q, "w.id = ?", 1, PINT(id));
	qb_scope(&q, "w.region_code", sc->lo, sc->hi);
	struct db_res r;
	int st = db_query(db, a, q.sql.data, q.p, q.n, &r);
	qb_free(&q);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	return read_worklogs(db, a, &r, out);
}

static void worklog_where(struct qb *q, struct arena *a, const void *filter)
{
	const struct worklog_filter *f = filter;
	(void)a;
	qb_scope(q, "w.region_code", f->scope.lo, f->scope.hi);
	if (f->user_id)
		qb_where(q, "w.user_id = ?", 1, PINT(f->user_id));
	if (f->from)
		qb_where(q, "w.on_date >= ?", 1, PTEXT(f->from));
	if (f->to)
		qb_where(q, "w.on_date <= ?", 1, PTEXT(f->to));
}

int st_worklog_list(struct db *db, struct arena *a, const struct worklog_filter *f,
		    struct page pg, struct worklog_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	int st = qb_list(db, a, "SELECT COUNT(*) FROM work_logs w", "SELECT " WORKLOG_COLS WORKLOG_FROM,
			 " ORDER BY w.on_date DESC, w.id DESC", worklog_where, f, pg.offset,
			 pg.limit, &r, total);
	if (st)
		return st;
	*rows = arena_alloc(a, sizeof **rows * (size_t)(r.nrows + 1));
	*n = r.nrows;
	return read_worklogs(db, a, &r, *rows);
}

/* ---- the schedule's rows ---- */

static void sched_where(struct qb *q, struct arena *a, const void *filter)
{
	(void)a;
	const struct sched_filter *f = filter;
	/* exited children and children not graded yet have no next_due_on */
	qb_where(q, "c.next_due_on IS NOT NULL", 0);
	qb_scope(q, "c.region_code", f->scope.lo, f->scope.hi);
	if (f->scope.school_org)
		qb_where(q, "c.school_org_id = ?", 1, PINT(f->scope.school_org));
	if (f->scope.paired_org)
		qb_where(q, "EXISTS (SELECT 1 FROM child_pairings p WHERE p.child_id = c.id"
			    " AND p.org_id = ?)", 1, PINT(f->scope.paired_org));
	if (f->within.hi)
		qb_scope(q, "c.region_code", f->within.lo, f->within.hi);
	if (f->director_id)
		qb_where(q, "c.director_id = ?", 1, PINT(f->director_id));
	if (f->child_id)
		qb_where(q, "c.id = ?", 1, PINT(f->child_id));
	if (f->due_from)
		qb_where(q, "c.next_due_on >= ?", 1, PTEXT(f->due_from));
	if (f->due_to)
		qb_where(q, "c.next_due_on <= ?", 1, PTEXT(f->due_to));
}

static void read_sched(const struct db_res *r, int i, struct sched_row *s)
{
	int k = 0;
	s->id = db_int(r, i, k++);
	s->region_code = db_int(r, i, k++);
	s->director_id = db_int(r, i, k++);
	s->created_at = db_int(r, i, k++);
	s->name = db_text(r, i, k++);
	s->region_name = db_text(r, i, k++);
	s->director_name = db_text(r, i, k++);
	s->health = db_text(r, i, k++);
	s->last_contact_on = db_text(r, i, k++);
	s->last_home_visit_on = db_text(r, i, k++);
	s->contact_due_on = db_text(r, i, k++);
	s->visit_due_on = db_text(r, i, k++);
	s->next_due_on = db_text(r, i, k++);
	s->risk_level = db_text(r, i, k++);
	s->derived_categories = (uint32_t)db_int(r, i, k++);
	s->parent_severe_disability = (int)db_int(r, i, k++);
	s->psych_result = db_text(r, i, k++);
}

/* 003#9: a parent with a severe physical or intellectual disability (for the page's reasons) */
#define SCHED_SELECT                                                                        \
	"SELECT c.id, c.region_code, c.director_id, c.created_at, c.name, r.name,"           \
	" u.display_name, c.health, c.last_contact_on, c.last_home_visit_on, c.contact_due_on," \
	" c.visit_due_on, c.next_due_on, c.risk_level, c.derived_categories,"                \
	" CASE WHEN EXISTS (SELECT 1 FROM child_members m WHERE m.child_id = c.id"           \
	" AND m.relation IN ('father', 'mother') AND m.status = 'severe_disability')"        \
	" THEN 1 ELSE 0 END, c.psych_result"                                                 \
	" FROM children c JOIN regions r ON r.code = c.region_code"                          \
	" LEFT JOIN users u ON u.id = c.director_id"

int st_sched_rows(struct db *db, struct arena *a, const struct sched_filter *f, struct page pg,
		  struct sched_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	int st;
	if (total) {
		st = qb_list(db, a, "SELECT COUNT(*) FROM children c", SCHED_SELECT,
			     " ORDER BY c.next_due_on, c.id", sched_where, f, pg.offset, pg.limit, &r,
			     total);
	} else {
		struct qb q;
		qb_init(&q, SCHED_SELECT);
		sched_where(&q, a, f);
		qb_add(&q, " ORDER BY c.next_due_on, c.id LIMIT ? OFFSET ?");
		qb_param(&q, PINT(pg.limit));
		qb_param(&q, PINT(pg.offset));
		st = db_query(db, a, q.sql.data, q.p, q.n, &r);
		qb_free(&q);
	}
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_sched);
	return ST_OK;
}

int st_child_set_caregiver_capacity(struct db *db, int64_t child_id, const char *capacity,
				    int64_t occurred_at)
{
	/* a visit entered late does not overwrite what a later visit found */
	return db_exec(db, "UPDATE children SET caregiver_capacity = ? WHERE id = ?"
			   " AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.child_id = ?"
			   " AND v.caregiver_capacity IS NOT NULL AND v.occurred_at > ?)",
		       (struct db_param[]){ PTEXT(capacity), PINT(child_id), PINT(child_id),
					    PINT(occurred_at) }, 4);
}
