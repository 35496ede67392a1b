/* store/guard.c: guardianship assessments, entrusted care agreements and their copies,
 * family-education sessions and their coverage (see store_guard.h). SQL written once for both
 * backends; scoped reads add the region range. */
#include <string.h>

#include "store/db.h"
#include "store/qb.h"
#include "store/store.h"

#define LIST_MAX 500

/* The id a user stored with client_id in table (a literal of this file). */
static int by_client(struct db *db, const char *sql, int64_t user_id, const char *client_id,
		     int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, sql, (struct db_param[]){ PINT(user_id), PTEXT(client_id) }, 2, &r);
	if (!st && r.nrows == 0)
		st = ST_NOT_FOUND;
	if (!st)
		*id = db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}

static int insert_returning(struct db *db, const char *sql, const struct db_param *p, int np,
			    int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, sql, p, np, &r);
	if (!st)
		*id = r.nrows ? db_int(&r, 0, 0) : 0;
	arena_release(&a);
	return st;
}

/* ---- assessments ---- */

#define ASSESSMENT_COLS                                                                     \
	"g.id, g.child_id, g.region_code, g.created_by, g.created_at, g.score, g.max_score,"  \
	" g.assessed_on, g.result, g.by_score, g.next_on, g.note, g.client_id, g.answers,"    \
	" g.dims, g.decisive, u.display_name"
#define ASSESSMENT_FROM " FROM guard_assessments g LEFT JOIN users u ON u.id = g.created_by"

static void read_assessment(const struct db_res *r, int i, struct assessment_row *g)
{
	int k = 0;
	g->id = db_int(r, i, k++);
	g->child_id = db_int(r, i, k++);
	g->region_code = db_int(r, i, k++);
	g->created_by = db_int(r, i, k++);
	g->created_at = db_int(r, i, k++);
	g->score = (int)db_int(r, i, k++);
	g->max_score = (int)db_int(r, i, k++);
	g->assessed_on = db_text(r, i, k++);
	g->result = db_text(r, i, k++);
	g->by_score = db_text(r, i, k++);
	g->next_on = db_text(r, i, k++);
	g->note = db_text(r, i, k++);
	g->client_id = db_text(r, i, k++);
	g->answers = db_text(r, i, k++);
	g->dims = db_text(r, i, k++);
	g->decisive = db_text(r, i, k++);
	g->assessor_name = db_text(r, i, k++);
}

int st_assessment_insert(struct db *db, const struct assessment_row *g, int64_t *id)
{
	return insert_returning(
		db,
		"INSERT INTO guard_assessments (child_id, region_code, assessed_on, result, by_score,"
		" score, max_score, answers, dims, decisive, next_on, note, client_id, created_by,"
		" created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (created_by, client_id) DO NOTHING RETURNING id",
		(struct db_param[]){ PINT(g->child_id), PINT(g->region_code), PTEXT(g->assessed_on),
				     PTEXT(g->result), PTEXT(g->by_score), PINT(g->score),
				     PINT(g->max_score), PTEXT(g->answers), PTEXT(g->dims),
				     PTEXT(g->decisive), PTEXT(g->next_on), PTEXT(g->note),
				     PTEXT(g->client_id), PINT(g->created_by), PINT(g->created_at) },
		15, id);
}

int st_assessment_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		      struct assessment_row *out)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " ASSESSMENT_COLS ASSESSMENT_FROM
				 " WHERE g.id = ? AND g.region_code BETWEEN ? AND ?",
			  (struct db_param[]){ PINT(id), PINT(sc->lo), PINT(sc->hi) }, 3, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_assessment(&r, 0, out);
	return ST_OK;
}

int st_assessment_by_client(struct db *db, int64_t user_id, const char *client_id, int64_t *id)
{
	return by_client(db, "SELECT id FROM guard_assessments WHERE created_by = ? AND client_id = ?",
			 user_id, client_id, id);
}

int st_assessment_list(struct db *db, struct arena *a, int64_t child_id,
		       struct assessment_row **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " ASSESSMENT_COLS ASSESSMENT_FROM " WHERE g.child_id = ?"
				 " ORDER BY g.assessed_on DESC, g.id DESC LIMIT ?",
			  (struct db_param[]){ PINT(child_id), PINT(LIST_MAX) }, 2, &r);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_assessment);
	return ST_OK;
}

int st_assessment_latest(struct db *db, struct arena *a, int64_t child_id,
			 struct assessment_row *out)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " ASSESSMENT_COLS ASSESSMENT_FROM " WHERE g.child_id = ?"
				 " ORDER BY g.assessed_on DESC, g.id DESC LIMIT 1",
			  (struct db_param[]){ PINT(child_id) }, 1, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_assessment(&r, 0, out);
	return ST_OK;
}

static void read_latest(const struct db_res *r, int i, struct latest_assessment *x)
{
	x->child_id = db_int(r, i, 0);
	x->assessment_id = db_int(r, i, 1);
	x->assessed_on = db_text(r, i, 2);
	x->result = db_text(r, i, 3);
	x->next_on = db_text(r, i, 4);
}

int st_latest_assessments_in(struct db *db, struct arena *a, int64_t lo, int64_t hi,
			     struct latest_assessment **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT c.id, g.id, g.assessed_on, g.result, g.next_on"
				 " FROM children c JOIN guard_assessments g ON g.child_id = c.id"
				 " WHERE c.region_code BETWEEN ? AND ? AND c.guardianship_result IS NOT NULL"
				 " AND NOT EXISTS (SELECT 1 FROM guard_assessments x WHERE x.child_id = g.child_id"
				 " AND (x.assessed_on > g.assessed_on OR (x.assessed_on = g.assessed_on"
				 " AND x.id > g.id))) ORDER BY c.id",
			  (struct db_param[]){ PINT(lo), PINT(hi) }, 2, &r);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_latest);
	return ST_OK;
}

int st_assessment_set_next(struct db *db, int64_t id, const char *next_on)
{
	return db_exec(db, "UPDATE guard_assessments SET next_on = ? WHERE id = ?",
		       (struct db_param[]){ PTEXT(next_on), PINT(id) }, 2);
}

/* ---- entrusted care agreements ---- */

#define AGREEMENT_COLS                                                                          \
	"g.id, g.child_id, g.region_code, g.problem_id, g.created_by, g.created_at, g.updated_at," \
	" g.caregiver_name, g.relation, g.phone_cipher, g.phone_masked, g.start_on, g.end_on,"    \
	" g.checks, g.capable, g.child_heard, g.school_notice_on, g.village_notice_on,"          \
	" g.capacity, g.state, g.ended_on, g.note, g.client_id,"                                 \
	" CASE WHEN EXISTS (SELECT 1 FROM care_agreement_copies k WHERE k.agreement_id = g.id)"  \
	" THEN 1 ELSE 0 END, u.display_name"
#define AGREEMENT_FROM " FROM care_agreements g LEFT JOIN users u ON u.id = g.created_by"

static void read_agreement(const struct db_res *r, int i, struct agreement_row *g)
{
	int k = 0;
	g->id = db_int(r, i, k++);
	g->child_id = db_int(r, i, k++);
	g->region_code = db_int(r, i, k++);
	g->problem_id = db_int(r, i, k++);
	g->created_by = db_int(r, i, k++);
	g->created_at = db_int(r, i, k++);
	g->updated_at = db_int(r, i, k++);
	g->caregiver_name = db_text(r, i, k++);
	g->relation = db_text(r, i, k++);
	g->phone_cipher = db_text(r, i, k++);
	g->phone_masked = db_text(r, i, k++);
	g->start_on = db_text(r, i, k++);
	g->end_on = db_text(r, i, k++);
	g->checks = db_text(r, i, k++);
	g->capable = (int)db_int(r, i, k++);
	g->child_heard = (int)db_int(r, i, k++);
	g->school_notice_on = db_text(r, i, k++);
	g->village_notice_on = db_text(r, i, k++);
	g->capacity = db_text(r, i, k++);
	g->state = db_text(r, i, k++);
	g->ended_on = db_text(r, i, k++);
	g->note = db_text(r, i, k++);
	g->client_id = db_text(r, i, k++);
	g->has_copy = (int)db_int(r, i, k++);
	g->created_by_name = db_text(r, i, k++);
}

int st_agreement_insert(struct db *db, const struct agreement_row *g, int64_t *id)
{
	return insert_returning(
		db,
		"INSERT INTO care_agreements (child_id, region_code, caregiver_name, relation,"
		" phone_cipher, phone_masked, start_on, end_on, checks, capable, child_heard,"
		" school_notice_on, village_notice_on, capacity, state, note, client_id, created_by,"
		" created_at, updated_at, problem_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		" ?, 'active', ?, ?, ?, ?, ?, ?) RETURNING id",
		(struct db_param[]){ PINT(g->child_id), PINT(g->region_code),
				     PTEXT(g->caregiver_name), PTEXT(g->relation),
				     PTEXT(g->phone_cipher), PTEXT(g->phone_masked),
				     PTEXT(g->start_on), PTEXT(g->end_on), PTEXT(g->checks),
				     PINT(g->capable), PINT(g->child_heard),
				     PTEXT(g->school_notice_on), PTEXT(g->village_notice_on),
				     PTEXT(g->capacity), PTEXT(g->note), PTEXT(g->client_id),
				     PINT(g->created_by), PINT(g->created_at), PINT(g->created_at),
				     PID(g->problem_id) },
		20, id);
}

int st_agreement_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
		     struct agreement_row *out)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " AGREEMENT_COLS AGREEMENT_FROM
				 " WHERE g.id = ? AND g.region_code BETWEEN ? AND ?",
			  (struct db_param[]){ PINT(id), PINT(sc->lo), PINT(sc->hi) }, 3, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_agreement(&r, 0, out);
	return ST_OK;
}

int st_agreement_by_client(struct db *db, int64_t user_id, const char *client_id, int64_t *id)
{
	return by_client(db, "SELECT id FROM care_agreements WHERE created_by = ? AND client_id = ?",
			 user_id, client_id, id);
}

int st_agreement_list(struct db *db, struct arena *a, int64_t child_id,
		      struct agreement_row **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " AGREEMENT_COLS AGREEMENT_FROM " WHERE g.child_id = ?"
				 " ORDER BY CASE WHEN g.state = 'active' THEN 0 ELSE 1 END,"
				 " g.start_on DESC, g.id DESC LIMIT ?",
			  (struct db_param[]){ PINT(child_id), PINT(LIST_MAX) }, 2, &r);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_agreement);
	return ST_OK;
}

int st_agreement_update(struct db *db, const struct agreement_row *g)
{
	return db_exec(db, "UPDATE care_agreements SET school_notice_on = ?, village_notice_on = ?,"
			   " end_on = ?, capacity = ?, note = ?, state = ?, ended_on = ?,"
			   " problem_id = ?, updated_at = ? WHERE id = ?",
		       (struct db_param[]){ PTEXT(g->school_notice_on), PTEXT(g->village_notice_on),
					    PTEXT(g->end_on), PTEXT(g->capacity), PTEXT(g->note),
					    PTEXT(g->state), PTEXT(g->ended_on), PID(g->problem_id),
					    PINT(g->updated_at), PINT(g->id) }, 10);
}

int st_agreement_copy_put(struct db *db, int64_t agreement_id, int64_t region, const char *mime,
			  const char *data_base64, int64_t now)
{
	return db_exec(db, "INSERT INTO care_agreement_copies (agreement_id, region_code, mime,"
			   " data_base64, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (agreement_id)"
			   " DO UPDATE SET region_code = excluded.region_code, mime = excluded.mime,"
			   " data_base64 = excluded.data_base64, updated_at = excluded.updated_at",
		       (struct db_param[]){ PINT(agreement_id), PINT(region), PTEXT(mime),
					    PTEXT(data_base64), PINT(now) }, 5);
}

int st_agreement_copy_get(struct db *db, struct arena *a, int64_t agreement_id,
			  const char **mime, const char **data_base64)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT mime, data_base64 FROM care_agreement_copies"
				 " WHERE agreement_id = ?",
			  (struct db_param[]){ PINT(agreement_id) }, 1, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	*mime = db_text(&r, 0, 0);
	*data_base64 = db_text(&r, 0, 1);
	return ST_OK;
}

/* ---- family-education guidance ---- */

#define SESSION_COLS                                                                         \
	"s.id, s.child_id, s.region_code, s.created_by, s.created_at, s.held_on,"             \
	" s.recipient_name, s.recipient_relation, s.form, s.provider, s.content, s.client_id," \
	" u.display_name"
#define SESSION_FROM " FROM family_edu_sessions s LEFT JOIN users u ON u.id = s.created_by"

static void read_session(const struct db_res *r, int i, struct family_edu_row *s)
{
	int k = 0;
	s->id = db_int(r, i, k++);
	s->child_id = db_int(r, i, k++);
	s->region_code = db_int(r, i, k++);
	s->created_by = db_int(r, i, k++);
	s->created_at = db_int(r, i, k++);
	s->held_on = db_text(r, i, k++);
	s->recipient_name = db_text(r, i, k++);
	s->recipient_relation = db_text(r, i, k++);
	s->form = db_text(r, i, k++);
	s->provider = db_text(r, i, k++);
	s->content = db_text(r, i, k++);
	s->client_id = db_text(r, i, k++);
	s->by_name = db_text(r, i, k++);
}

int st_family_edu_insert(struct db *db, const struct family_edu_row *s, int64_t *id)
{
	return insert_returning(
		db,
		"INSERT INTO family_edu_sessions (child_id, region_code, held_on, recipient_name,"
		" recipient_relation, form, provider, content, client_id, created_by, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (created_by, client_id) DO NOTHING RETURNING id",
		(struct db_param[]){ PINT(s->child_id), PINT(s->region_code), PTEXT(s->held_on),
				     PTEXT(s->recipient_name), PTEXT(s->recipient_relation),
				     PTEXT(s->form), PTEXT(s->provider), PTEXT(s->content),
				     PTEXT(s->client_id), PINT(s->created_by), PINT(s->created_at) },
		11, id);
}

int st_family_edu_get(struct db *db, struct arena *a, int64_t id, struct family_edu_row *out)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " SESSION_COLS SESSION_FROM " WHERE s.id = ?",
			  (struct db_param[]){ PINT(id) }, 1, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_session(&r, 0, out);
	return ST_OK;
}

int st_family_edu_by_client(struct db *db, int64_t user_id, const char *client_id, int64_t *id)
{
	return by_client(db, "SELECT id FROM family_edu_sessions WHERE created_by = ? AND client_id = ?",
			 user_id, client_id, id);
}

int st_family_edu_list(struct db *db, struct arena *a, int64_t child_id,
		       struct family_edu_row **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a, "SELECT " SESSION_COLS SESSION_FROM " WHERE s.child_id = ?"
				 " ORDER BY s.held_on DESC, s.id DESC LIMIT ?",
			  (struct db_param[]){ PINT(child_id), PINT(LIST_MAX) }, 2, &r);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_session);
	return ST_OK;
}

int st_family_edu_count(struct db *db, int64_t child_id, const char *from, const char *to,
			int64_t *n)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, "SELECT COUNT(*) FROM family_edu_sessions WHERE child_id = ?"
				  " AND held_on BETWEEN ? AND ?",
			  (struct db_param[]){ PINT(child_id), PTEXT(from), PTEXT(to) }, 3, &r);
	if (!st)
		*n = db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}

#define HAS_SESSION                                                                  \
	"EXISTS (SELECT 1 FROM family_edu_sessions s WHERE s.child_id = c.id"        \
	" AND s.held_on BETWEEN ? AND ?)"

/* The active children of f's scope and region filter (the narrowing of schools and paired
 * organisations too, as the child list has it). */
static void coverage_where(struct qb *q, const struct coverage_filter *f)
{
	qb_where(q, "c.status = 'active'", 0);
	qb_scope(q, "c.region_code", f->scope.lo, f->scope.hi);
	if (f->within.hi)
		qb_scope(q, "c.region_code", f->within.lo, f->within.hi);
	if (f->scope.school_org)
		qb_where(q, "c.school_org_id = ?", 1, PINT(f->scope.school_org));
	if (f->scope.paired_org)
		qb_where(q, "EXISTS (SELECT 1 FROM child_pairings p WHERE p.child_id = c.id"
			    " AND p.org_id = ?)", 1, PINT(f->scope.paired_org));
}

static void read_coverage(const struct db_res *r, int i, struct coverage_row *x)
{
	int k = 0;
	x->child_id = db_int(r, i, k++);
	x->region_code = db_int(r, i, k++);
	x->child_name = db_text(r, i, k++);
	x->region_name = db_text(r, i, k++);
	x->sessions = (int)db_int(r, i, k++);
	x->last_on = db_text(r, i, k++);
}

int st_family_edu_coverage(struct db *db, struct arena *a, const struct coverage_filter *f,
			   struct page pg, struct coverage_row **rows, int *n, int64_t *total,
			   int64_t *children, int64_t *covered)
{
	struct qb sum, list;
	qb_init(&sum, "SELECT COUNT(*), COUNT(CASE WHEN " HAS_SESSION " THEN 1 END) FROM children c");
	qb_param(&sum, PTEXT(f->from));
	qb_param(&sum, PTEXT(f->to));
	coverage_where(&sum, f);
	qb_init(&list, "SELECT c.id, c.region_code, c.name, r.name,"
		       " (SELECT COUNT(*) FROM family_edu_sessions s WHERE s.child_id = c.id"
		       " AND s.held_on BETWEEN ? AND ?),"
		       " (SELECT MAX(s.held_on) FROM family_edu_sessions s WHERE s.child_id = c.id"
		       " AND s.held_on BETWEEN ? AND ?)"
		       " FROM children c JOIN regions r ON r.code = c.region_code");
	for (int i = 0; i < 2; i++) {
		qb_param(&list, PTEXT(f->from));
		qb_param(&list, PTEXT(f->to));
	}
	coverage_where(&list, f);
	if (f->covered == 1)
		qb_where(&list, HAS_SESSION, 2, PTEXT(f->from), PTEXT(f->to));
	else if (f->covered == 0)
		qb_where(&list, "NOT " HAS_SESSION, 2, PTEXT(f->from), PTEXT(f->to));
	qb_add(&list, " ORDER BY c.region_code, c.name, c.id LIMIT ? OFFSET ?");
	qb_param(&list, PINT(pg.limit));
	qb_param(&list, PINT(pg.offset));
	struct db_res s, r;
	int st = db_query(db, a, sum.sql.data, sum.p, sum.n, &s);
	if (!st) {
		*children = db_int(&s, 0, 0);
		*covered = db_int(&s, 0, 1);
		*total = f->covered == 1 ? *covered : f->covered == 0 ? *children - *covered : *children;
		st = db_query(db, a, list.sql.data, list.p, list.n, &r);
	}
	qb_free(&sum);
	qb_free(&list);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_coverage);
	return ST_OK;
}
