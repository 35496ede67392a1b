/* store/cases.c: issue 5's guardianship cases — interventions (干预措施) with their after-case
 * follow-ups (案后回访), the register (专项台账) and placements (监护安置) with their reviews (see
 * store_cases.h). SQL written once for both backends; scoped reads add the region range. */
#include <string.h>

#include "store/db.h"
#include "store/qb.h"
#include "store/store.h"

static int one_id(struct db *db, const char *sql, const struct db_param *p, int np, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, sql, p, np, &r);
	if (!st && r.nrows == 0)
		st = ST_NOT_FOUND;
	if (!st)
		*id = db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}

/* ---- interventions ---- */

#define INTERVENTION_COLS                                                                      \
	"i.id, i.child_id, i.region_code, i.issuer_org_id, i.created_by, i.created_at,"        \
	" i.updated_at, i.kind, i.issuer, i.issued_on, i.doc_no, i.summary, i.closed_on,"      \
	" i.next_followup_on, i.client_id, c.name, g.name, o.name, u.display_name"
#define INTERVENTION_FROM                                                                      \
	" FROM interventions i JOIN children c ON c.id = i.child_id"                           \
	" JOIN regions g ON g.code = i.region_code LEFT JOIN orgs o ON o.id = i.issuer_org_id" \
	" LEFT JOIN users u ON u.id = i.created_by"
#define INTERVENTION_ORDER " ORDER BY i.issued_on DESC, i.id DESC"

static void read_intervention(const struct db_res *r, int i, struct intervention_row *v)
{
	int k = 0;
	v->id = db_int(r, i, k++);
	v->child_id = db_int(r, i, k++);
	v->region_code = db_int(r, i, k++);
	v->issuer_org_id = db_int(r, i, k++);
	v->created_by = db_int(r, i, k++);
	v->created_at = db_int(r, i, k++);
	v->updated_at = db_int(r, i, k++);
	v->kind = db_text(r, i, k++);
	v->issuer = db_text(r, i, k++);
	v->issued_on = db_text(r, i, k++);
	v->doc_no = db_text(r, i, k++);
	v->summary = db_text(r, i, k++);
	v->closed_on = db_text(r, i, k++);
	v->next_followup_on = db_text(r, i, k++);
	v->client_id = db_text(r, i, k++);
	v->child_name = db_text(r, i, k++);
	v->region_name = db_text(r, i, k++);
	v->issuer_org_name = db_text(r, i, k++);
	v->created_by_name = db_text(r, i, k++);
}

int st_intervention_insert(struct db *db, const struct intervention_row *v, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(
		db, &a,
		"INSERT INTO interventions (child_id, region_code, kind, issuer, issuer_org_id,"
		" issued_on, doc_no, summary, closed_on, next_followup_on, client_id, created_by,"
		" created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (created_by, client_id) DO NOTHING RETURNING id",
		(struct db_param[]){ PINT(v->child_id), PINT(v->region_code), PTEXT(v->kind),
				     PTEXT(v->issuer), PID(v->issuer_org_id), PTEXT(v->issued_on),
				     PTEXT(v->doc_no), PTEXT(v->summary), PTEXT(v->closed_on),
				     PTEXT(v->next_followup_on), PTEXT(v->client_id),
				     PINT(v->created_by), PINT(v->created_at), PINT(v->created_at) },
		14, &r);
	if (!st)
		*id = r.nrows ? db_int(&r, 0, 0) : 0;
	arena_release(&a);
	return st;
}

int st_intervention_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
			struct intervention_row *out)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " INTERVENTION_COLS INTERVENTION_FROM
				 " WHERE i.id = ? AND i.region_code BETWEEN ? AND ?",
			  (struct db_param[]){ PINT(id), PINT(sc->lo), PINT(sc->hi) }, 3, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_intervention(&r, 0, out);
	return ST_OK;
}

int st_intervention_by_client(struct db *db, int64_t user_id, const char *client_id, int64_t *id)
{
	return one_id(db, "SELECT id FROM interventions WHERE created_by = ? AND client_id = ?",
		      (struct db_param[]){ PINT(user_id), PTEXT(client_id) }, 2, id);
}

static void intervention_where(struct qb *q, struct arena *a, const void *filter)
{
	const struct intervention_filter *f = filter;
	qb_scope(q, "i.region_code", f->scope.lo, f->scope.hi);
	if (f->within.hi)
		qb_scope(q, "i.region_code", f->within.lo, f->within.hi);
	if (f->child_id)
		qb_where(q, "i.child_id = ?", 1, PINT(f->child_id));
	if (f->kind)
		qb_where(q, "i.kind = ?", 1, PTEXT(f->kind));
	if (f->from)
		qb_where(q, "i.issued_on >= ?", 1, PTEXT(f->from));
	if (f->to)
		qb_where(q, "i.issued_on <= ?", 1, PTEXT(f->to));
	if (f->followup_until)
		qb_where(q, "i.next_followup_on <= ?", 1, PTEXT(f->followup_until));
	else if (f->followup_any)
		qb_where(q, "i.next_followup_on IS NOT NULL", 0);
	if (f->name_like) {   /* the child's name or the document number */
		const char *like = db_like_contains(a, f->name_like);
		qb_where(q, "(c.name LIKE ? ESCAPE '\\' OR i.doc_no LIKE ? ESCAPE '\\')", 2,
			 PTEXT(like), PTEXT(like));
	}
}

int st_intervention_list(struct db *db, struct arena *a, const struct intervention_filter *f,
			 struct page pg, struct intervention_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	int st = qb_list(db, a,
			 "SELECT COUNT(*) FROM interventions i JOIN children c ON c.id = i.child_id",
			 "SELECT " INTERVENTION_COLS INTERVENTION_FROM, INTERVENTION_ORDER,
			 intervention_where, f, pg.offset, pg.limit, &r, total);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_intervention);
	return ST_OK;
}

#define FOLLOWUP_COLS                                                                          \
	"f.id, f.intervention_id, f.done_by, f.done_at, f.due_on, f.done_on, f.note,"          \
	" u.display_name"
#define FOLLOWUP_FROM " FROM intervention_followups f LEFT JOIN users u ON u.id = f.done_by"
#define FOLLOWUP_ORDER                                                                         \
	" ORDER BY f.intervention_id, CASE WHEN f.due_on IS NULL THEN 1 ELSE 0 END, f.due_on, f.id"

static void read_followup(const struct db_res *r, int i, struct followup_row *x)
{
	int k = 0;
	x->id = db_int(r, i, k++);
	x->intervention_id = db_int(r, i, k++);
	x->done_by = db_int(r, i, k++);
	x->done_at = db_int(r, i, k++);
	x->due_on = db_text(r, i, k++);
	x->done_on = db_text(r, i, k++);
	x->note = db_text(r, i, k++);
	x->by_name = db_text(r, i, k++);
}

int st_followups_of_page(struct db *db, struct arena *a, const struct intervention_filter *f,
			 struct page pg, struct followup_row **rows, int *n)
{
	struct qb q;
	qb_init(&q, "SELECT " FOLLOWUP_COLS FOLLOWUP_FROM " WHERE f.intervention_id IN (SELECT i.id"
		    " FROM interventions i JOIN children c ON c.id = i.child_id");
	intervention_where(&q, a, f);
	qb_add(&q, INTERVENTION_ORDER " LIMIT ? OFFSET ?)");
	qb_param(&q, PINT(pg.limit));
	qb_param(&q, PINT(pg.offset));
	qb_add(&q, FOLLOWUP_ORDER);
	struct db_res r;
	int st = db_query(db, a, q.sql.data, q.p, q.n, &r);
	qb_free(&q);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_followup);
	return ST_OK;
}

int st_followups_of(struct db *db, struct arena *a, int64_t intervention_id,
		    struct followup_row **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " FOLLOWUP_COLS FOLLOWUP_FROM " WHERE f.intervention_id = ?"
				 FOLLOWUP_ORDER,
			  (struct db_param[]){ PINT(intervention_id) }, 1, &r);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_followup);
	return ST_OK;
}

int st_intervention_update(struct db *db, const struct intervention_row *v)
{
	return db_exec(db, "UPDATE interventions SET doc_no = ?, summary = ?, closed_on = ?,"
			   " updated_at = ? WHERE id = ?",
		       (struct db_param[]){ PTEXT(v->doc_no), PTEXT(v->summary), PTEXT(v->closed_on),
					    PINT(v->updated_at), PINT(v->id) }, 5);
}

int st_followup_insert(struct db *db, int64_t intervention_id, int64_t region, const char *due_on,
		       const char *done_on, const char *note, int64_t by, int64_t at)
{
	return db_exec(db, "INSERT INTO intervention_followups (intervention_id, region_code, due_on,"
			   " done_on, note, done_by, done_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		       (struct db_param[]){ PINT(intervention_id), PINT(region), PTEXT(due_on),
					    PTEXT(done_on), PTEXT(note), done_on ? PINT(by) : PNULL,
					    done_on ? PINT(at) : PNULL }, 7);
}

int st_followups_drop_pending(struct db *db, int64_t intervention_id)
{
	return db_exec(db, "DELETE FROM intervention_followups WHERE intervention_id = ?"
			   " AND due_on IS NOT NULL AND done_on IS NULL",
		       (struct db_param[]){ PINT(intervention_id) }, 1);
}

int st_followup_record(struct db *db, int64_t followup_id, const char *done_on, const char *note,
		       int64_t by, int64_t at)
{
	return db_exec(db, "UPDATE intervention_followups SET done_on = ?, note = ?, done_by = ?,"
			   " done_at = ? WHERE id = ? AND done_on IS NULL",
		       (struct db_param[]){ PTEXT(done_on), PTEXT(note), PINT(by), PINT(at),
					    PINT(followup_id) }, 5);
}

int st_intervention_refresh_next(struct db *db, int64_t intervention_id)
{
	return db_exec(db, "UPDATE interventions SET next_followup_on = (SELECT MIN(f.due_on)"
			   " FROM intervention_followups f WHERE f.intervention_id = interventions.id"
			   " AND f.done_on IS NULL AND f.due_on IS NOT NULL) WHERE id = ?",
		       (struct db_param[]){ PINT(intervention_id) }, 1);
}

/* ---- placements ---- */

#define PLACEMENT_COLS                                                                         \
	"p.id, p.child_id, p.region_code, p.org_id, p.created_by, p.created_at, p.updated_at," \
	" p.review_months, p.kind, p.term, p.carer, p.reason, p.start_on, p.end_on,"           \
	" p.next_review_on, p.client_id, c.name, g.name, o.name, u.display_name"
#define PLACEMENT_FROM                                                                         \
	" FROM placements p JOIN children c ON c.id = p.child_id"                              \
	" JOIN regions g ON g.code = p.region_code LEFT JOIN orgs o ON o.id = p.org_id"        \
	" LEFT JOIN users u ON u.id = p.created_by"
#define PLACEMENT_ORDER " ORDER BY p.start_on DESC, p.id DESC"

static void read_placement(const struct db_res *r, int i, struct placement_row *p)
{
	int k = 0;
	p->id = db_int(r, i, k++);
	p->child_id = db_int(r, i, k++);
	p->region_code = db_int(r, i, k++);
	p->org_id = db_int(r, i, k++);
	p->created_by = db_int(r, i, k++);
	p->created_at = db_int(r, i, k++);
	p->updated_at = db_int(r, i, k++);
	p->review_months = (int)db_int(r, i, k++);
	p->kind = db_text(r, i, k++);
	p->term = db_text(r, i, k++);
	p->carer = db_text(r, i, k++);
	p->reason = db_text(r, i, k++);
	p->start_on = db_text(r, i, k++);
	p->end_on = db_text(r, i, k++);
	p->next_review_on = db_text(r, i, k++);
	p->client_id = db_text(r, i, k++);
	p->child_name = db_text(r, i, k++);
	p->region_name = db_text(r, i, k++);
	p->org_name = db_text(r, i, k++);
	p->created_by_name = db_text(r, i, k++);
}

int st_placement_insert(struct db *db, const struct placement_row *p, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(
		db, &a,
		"INSERT INTO placements (child_id, region_code, kind, term, carer, org_id, reason,"
		" start_on, end_on, review_months, next_review_on, client_id, created_by, created_at,"
		" updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (created_by, client_id) DO NOTHING RETURNING id",
		(struct db_param[]){ PINT(p->child_id), PINT(p->region_code), PTEXT(p->kind),
				     PTEXT(p->term), PTEXT(p->carer), PID(p->org_id),
				     PTEXT(p->reason), PTEXT(p->start_on), PTEXT(p->end_on),
				     PINT(p->review_months), PTEXT(p->next_review_on),
				     PTEXT(p->client_id), PINT(p->created_by), PINT(p->created_at),
				     PINT(p->created_at) },
		15, &r);
	if (!st)
		*id = r.nrows ? db_int(&r, 0, 0) : 0;
	arena_release(&a);
	return st;
}

int st_placement_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		     struct placement_row *out)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " PLACEMENT_COLS PLACEMENT_FROM
				 " WHERE p.id = ? AND p.region_code BETWEEN ? AND ?",
			  (struct db_param[]){ PINT(id), PINT(sc->lo), PINT(sc->hi) }, 3, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_placement(&r, 0, out);
	return ST_OK;
}

int st_placement_by_client(struct db *db, int64_t user_id, const char *client_id, int64_t *id)
{
	return one_id(db, "SELECT id FROM placements WHERE created_by = ? AND client_id = ?",
		      (struct db_param[]){ PINT(user_id), PTEXT(client_id) }, 2, id);
}

static void placement_where(struct qb *q, struct arena *a, const void *filter)
{
	(void)a;
	const struct placement_filter *f = filter;
	qb_scope(q, "p.region_code", f->scope.lo, f->scope.hi);
	if (f->within.hi)
		qb_scope(q, "p.region_code", f->within.lo, f->within.hi);
	if (f->child_id)
		qb_where(q, "p.child_id = ?", 1, PINT(f->child_id));
	int active = f->review_due || (f->state && strcmp(f->state, "active") == 0);
	if (active)
		qb_where(q, "(p.end_on IS NULL OR p.end_on > ?)", 1, PTEXT(f->today));
	else if (f->state && strcmp(f->state, "ended") == 0)
		qb_where(q, "p.end_on <= ?", 1, PTEXT(f->today));
	if (f->review_due)
		qb_where(q, "p.next_review_on <= ?", 1, PTEXT(f->today));
}

int st_placement_list(struct db *db, struct arena *a, const struct placement_filter *f,
		      struct page pg, struct placement_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	int st = qb_list(db, a, "SELECT COUNT(*) FROM placements p", "SELECT " PLACEMENT_COLS
			 PLACEMENT_FROM, PLACEMENT_ORDER, placement_where, f, pg.offset, pg.limit,
			 &r, total);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_placement);
	return ST_OK;
}

static void read_review(const struct db_res *r, int i, struct review_row *x)
{
	int k = 0;
	x->id = db_int(r, i, k++);
	x->placement_id = db_int(r, i, k++);
	x->created_at = db_int(r, i, k++);
	x->on = db_text(r, i, k++);
	x->note = db_text(r, i, k++);
	x->by_name = db_text(r, i, k++);
}

int st_reviews_of_page(struct db *db, struct arena *a, const struct placement_filter *f,
		       struct page pg, struct review_row **rows, int *n)
{
	struct qb q;
	qb_init(&q, "SELECT v.id, v.placement_id, v.created_at, v.reviewed_on, v.note,"
		    " u.display_name FROM placement_reviews v LEFT JOIN users u ON u.id = v.created_by"
		    " WHERE v.placement_id IN (SELECT p.id FROM placements p");
	placement_where(&q, a, f);
	qb_add(&q, PLACEMENT_ORDER " LIMIT ? OFFSET ?)");
	qb_param(&q, PINT(pg.limit));
	qb_param(&q, PINT(pg.offset));
	qb_add(&q, " ORDER BY v.placement_id, v.reviewed_on, v.id");
	struct db_res r;
	int st = db_query(db, a, q.sql.data, q.p, q.n, &r);
	qb_free(&q);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_review);
	return ST_OK;
}

int st_placement_update(struct db *db, const struct placement_row *p)
{
	return db_exec(db, "UPDATE placements SET reason = ?, end_on = ?, review_months = ?,"
			   " next_review_on = ?, updated_at = ? WHERE id = ?",
		       (struct db_param[]){ PTEXT(p->reason), PTEXT(p->end_on),
					    PINT(p->review_months), PTEXT(p->next_review_on),
					    PINT(p->updated_at), PINT(p->id) }, 6);
}

int st_review_insert(struct db *db, int64_t placement_id, int64_t region, const char *on,
		     const char *note, int64_t by, int64_t at)
{
	return db_exec(db, "INSERT INTO placement_reviews (placement_id, region_code, reviewed_on,"
			   " note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		       (struct db_param[]){ PINT(placement_id), PINT(region), PTEXT(on), PTEXT(note),
					    PINT(by), PINT(at) }, 6);
}

/* ---- for the child's warnings ---- */

int st_child_case_days(struct db *db, struct arena *a, int64_t child_id, const char *today,
		       const char **followup, const char **review)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT (SELECT MIN(i.next_followup_on) FROM interventions i"
				 " WHERE i.child_id = ?), (SELECT MIN(p.next_review_on) FROM placements p"
				 " WHERE p.child_id = ? AND (p.end_on IS NULL OR p.end_on > ?))",
			  (struct db_param[]){ PINT(child_id), PINT(child_id), PTEXT(today) }, 3, &r);
	if (st)
		return st;
	*followup = r.nrows ? db_text(&r, 0, 0) : NULL;
	*review = r.nrows ? db_text(&r, 0, 1) : NULL;
	return ST_OK;
}
