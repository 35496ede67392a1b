/* store/psych.c: psychological screenings, referrals, their events and follow-ups (see
 * store_psych.h). SQL written once for both backends; every read joins the child for the scope. */
#include <string.h>

#include "store/db.h"
#include "store/qb.h"
#include "store/store.h"

/* The caller's scope on a record of child c: the region range on the record's copy of the
 * child's region, and the school's and pairing narrowing on the child. */
static void psych_scope(struct qb *q, const char *region_col, const struct scope *sc)
{
	qb_scope(q, region_col, sc->lo, sc->hi);
	if (sc->school_org)
		qb_where(q, "c.school_org_id = ?", 1, PINT(sc->school_org));
	if (sc->paired_org)
		qb_where(q, "EXISTS (SELECT 1 FROM child_pairings p WHERE p.child_id = c.id"
			    " AND p.org_id = ?)", 1, PINT(sc->paired_org));
}

static int insert_returning(struct db *db, struct qb *q, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a, q->sql.data, q->p, q->n, &r);
	if (!st)
		*id = r.nrows ? db_int(&r, 0, 0) : 0;
	arena_release(&a);
	qb_free(q);
	return st;
}

static void values(struct qb *q, const struct db_param *p, int np)
{
	for (int i = 0; i < np; i++) {
		qb_add(q, i ? ", ?" : "?");
		qb_param(q, p[i]);
	}
}

/* ---- screenings ---- */

#define SCREENING_COLS                                                                     \
	"s.id, s.child_id, s.region_code, s.referral_id, s.created_by, s.created_at,"      \
	" s.instrument, s.screened_on, s.assessor, s.score, s.result, s.note, s.client_id," \
	" u.display_name"
#define SCREENING_FROM                                                  \
	" FROM psych_screenings s JOIN children c ON c.id = s.child_id" \
	" LEFT JOIN users u ON u.id = s.created_by"

static void read_screening(const struct db_res *r, int i, struct psych_screening_row *s)
{
	int k = 0;
	s->id = db_int(r, i, k++);
	s->child_id = db_int(r, i, k++);
	s->region_code = db_int(r, i, k++);
	s->referral_id = db_int(r, i, k++);
	s->created_by = db_int(r, i, k++);
	s->created_at = db_int(r, i, k++);
	s->instrument = db_text(r, i, k++);
	s->screened_on = db_text(r, i, k++);
	s->assessor = db_text(r, i, k++);
	s->score = db_text(r, i, k++);
	s->result = db_text(r, i, k++);
	s->note = db_text(r, i, k++);
	s->client_id = db_text(r, i, k++);
	s->by_name = db_text(r, i, k++);
}

int st_psych_screening_insert(struct db *db, const struct psych_screening_row *s, int64_t *id)
{
	struct qb q;
	qb_init(&q, "INSERT INTO psych_screenings (child_id, region_code, instrument, screened_on,"
		    " assessor, score, result, note, created_by, client_id, created_at) VALUES (");
	struct db_param p[] = {
		PINT(s->child_id), PINT(s->region_code), PTEXT(s->instrument),
		PTEXT(s->screened_on), PTEXT(s->assessor), PTEXT(s->score), PTEXT(s->result),
		PTEXT(s->note), PINT(s->created_by), PTEXT(s->client_id), PINT(s->created_at),
	};
	values(&q, p, (int)(sizeof p / sizeof p[0]));
	/* a retried request (same user and client_id) is stored once */
	qb_add(&q, ") ON CONFLICT (created_by, client_id) DO NOTHING RETURNING id");
	return insert_returning(db, &q, id);
}

int st_psych_screening_set_referral(struct db *db, int64_t id, int64_t referral_id)
{
	return db_exec(db, "UPDATE psych_screenings SET referral_id = ? WHERE id = ?",
		       (struct db_param[]){ PINT(referral_id), PINT(id) }, 2);
}

int st_psych_screening_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
			   struct psych_screening_row *out)
{
	struct qb q;
	qb_init(&q, "SELECT " SCREENING_COLS SCREENING_FROM);
	qb_where(&q, "s.id = ?", 1, PINT(id));
	psych_scope(&q, "s.region_code", sc);
	struct db_res r;
	int st = db_query(db, a, q.sql.data, q.p, q.n, &r);
	qb_free(&q);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_screening(&r, 0, out);
	return ST_OK;
}

int st_psych_screening_by_client(struct db *db, int64_t user_id, const char *client_id,
				 int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a,
			  "SELECT id FROM psych_screenings WHERE created_by = ? AND client_id = ?",
			  (struct db_param[]){ PINT(user_id), PTEXT(client_id) }, 2, &r);
	if (!st && r.nrows == 0)
		st = ST_NOT_FOUND;
	if (!st)
		*id = db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}

int st_psych_screening_list(struct db *db, struct arena *a, int64_t child_id,
			    struct psych_screening_row **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a,
			  "SELECT " SCREENING_COLS SCREENING_FROM " WHERE s.child_id = ?"
			  " ORDER BY s.screened_on DESC, s.id DESC",
			  (struct db_param[]){ PINT(child_id) }, 1, &r);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_screening);
	return ST_OK;
}

int st_psych_latest_result(struct db *db, struct arena *a, int64_t child_id, const char **result)
{
	struct db_res r;
	*result = NULL;
	int st = db_query(db, a,
			  "SELECT result FROM psych_screenings WHERE child_id = ?"
			  " ORDER BY screened_on DESC, id DESC LIMIT 1",
			  (struct db_param[]){ PINT(child_id) }, 1, &r);
	if (!st && r.nrows)
		*result = db_text(&r, 0, 0);
	return st;
}

/* ---- referrals ---- */

#define REFERRAL_COLS                                                                         \
	"f.id, f.child_id, f.region_code, f.screening_id, f.org_id, f.carer_user_id,"         \
	" f.created_by, f.created_at, f.updated_at, f.service_type, f.service_name, f.state," \
	" f.referred_on, f.closed_on, f.outcome, f.carer_name, f.next_followup_on,"           \
	" f.returned_from_treatment, f.followup_days, c.name, g.name, o.name, u.display_name"
#define REFERRAL_FROM                                                 \
	" FROM psych_referrals f JOIN children c ON c.id = f.child_id" \
	" JOIN regions g ON g.code = f.region_code"                    \
	" LEFT JOIN orgs o ON o.id = f.org_id"                         \
	" LEFT JOIN users u ON u.id = f.carer_user_id"

static void read_referral(const struct db_res *r, int i, struct psych_referral_row *f)
{
	int k = 0;
	f->id = db_int(r, i, k++);
	f->child_id = db_int(r, i, k++);
	f->region_code = db_int(r, i, k++);
	f->screening_id = db_int(r, i, k++);
	f->org_id = db_int(r, i, k++);
	f->carer_user_id = db_int(r, i, k++);
	f->created_by = db_int(r, i, k++);
	f->created_at = db_int(r, i, k++);
	f->updated_at = db_int(r, i, k++);
	f->service_type = db_text(r, i, k++);
	f->service_name = db_text(r, i, k++);
	f->state = db_text(r, i, k++);
	f->referred_on = db_text(r, i, k++);
	f->closed_on = db_text(r, i, k++);
	f->outcome = db_text(r, i, k++);
	f->carer_name = db_text(r, i, k++);
	f->next_followup_on = db_text(r, i, k++);
	f->returned_from_treatment = (int)db_int(r, i, k++);
	f->followup_days = (int)db_int(r, i, k++);
	f->child_name = db_text(r, i, k++);
	f->region_name = db_text(r, i, k++);
	f->org_name = db_text(r, i, k++);
	f->carer_user_name = db_text(r, i, k++);
}

int st_psych_referral_insert(struct db *db, const struct psych_referral_row *f, int64_t *id)
{
	struct qb q;
	qb_init(&q, "INSERT INTO psych_referrals (child_id, region_code, screening_id, service_type,"
		    " service_name, org_id, state, referred_on, followup_days, next_followup_on,"
		    " created_by, created_at, updated_at) VALUES (");
	struct db_param p[] = {
		PINT(f->child_id), PINT(f->region_code), PID(f->screening_id),
		PTEXT(f->service_type), PTEXT(f->service_name), PID(f->org_id), PTEXT(f->state),
		PTEXT(f->referred_on), PINT(f->followup_days), PTEXT(f->next_followup_on),
		PINT(f->created_by), PINT(f->created_at), PINT(f->created_at),
	};
	values(&q, p, (int)(sizeof p / sizeof p[0]));
	qb_add(&q, ") RETURNING id");
	return insert_returning(db, &q, id);
}

int st_psych_referral_get(struct db *db, struct arena *a, const struct scope *sc, int64_t id,
			  struct psych_referral_row *out)
{
	struct qb q;
	qb_init(&q, "SELECT " REFERRAL_COLS REFERRAL_FROM);
	qb_where(&q, "f.id = ?", 1, PINT(id));
	psych_scope(&q, "f.region_code", sc);
	struct db_res r;
	int st = db_query(db, a, q.sql.data, q.p, q.n, &r);
	qb_free(&q);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_referral(&r, 0, out);
	return ST_OK;
}

static void referral_where(struct qb *q, struct arena *a, const void *filter)
{
	const struct psych_referral_filter *f = filter;
	(void)a;
	psych_scope(q, "f.region_code", &f->scope);
	if (f->within.hi)
		qb_scope(q, "f.region_code", f->within.lo, f->within.hi);
	if (f->child_id)
		qb_where(q, "f.child_id = ?", 1, PINT(f->child_id));
	if (f->state)
		qb_where(q, "f.state = ?", 1, PTEXT(f->state));
	/* the literal repeats the partial index's condition (psych_referrals_followup) */
	if (f->due_before)
		qb_where(q, "f.next_followup_on IS NOT NULL AND f.next_followup_on < ?", 1,
			 PTEXT(f->due_before));
}

int st_psych_referral_list(struct db *db, struct arena *a, const struct psych_referral_filter *f,
			   struct page pg, struct psych_referral_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	int st = qb_list(db, a,
			 "SELECT COUNT(*) FROM psych_referrals f JOIN children c ON c.id = f.child_id",
			 "SELECT " REFERRAL_COLS REFERRAL_FROM,
			 f->due_before ? " ORDER BY f.next_followup_on, f.id" : " ORDER BY f.id DESC",
			 referral_where, f, pg.offset, pg.limit, &r, total);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_referral);
	return ST_OK;
}

int st_psych_referral_update(struct db *db, const struct psych_referral_row *f, const char *from,
			     int64_t now)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a,
			  "UPDATE psych_referrals SET state = ?, closed_on = ?, outcome = ?,"
			  " returned_from_treatment = ?, carer_name = ?, carer_user_id = ?,"
			  " followup_days = ?, next_followup_on = ?, updated_at = ?"
			  " WHERE id = ? AND state = ? RETURNING id",
			  (struct db_param[]){ PTEXT(f->state), PTEXT(f->closed_on), PTEXT(f->outcome),
					       PINT(f->returned_from_treatment), PTEXT(f->carer_name),
					       PID(f->carer_user_id), PINT(f->followup_days),
					       PTEXT(f->next_followup_on), PINT(now), PINT(f->id),
					       PTEXT(from) },
			  11, &r);
	if (!st && r.nrows == 0)
		st = ST_CONFLICT;
	arena_release(&a);
	return st;
}

int st_psych_referral_set_next(struct db *db, int64_t id, const char *next_followup_on,
			       int64_t now)
{
	return db_exec(db, "UPDATE psych_referrals SET next_followup_on = ?, updated_at = ?"
			   " WHERE id = ?",
		       (struct db_param[]){ PTEXT(next_followup_on), PINT(now), PINT(id) }, 3);
}

int st_psych_event_add(struct db *db, int64_t referral_id, int64_t region, int64_t at,
		       const char *event, const char *note, int64_t user_id)
{
	return db_exec(db, "INSERT INTO psych_referral_events (referral_id, region_code, at, event,"
			   " note, user_id) VALUES (?, ?, ?, ?, ?, ?)",
		       (struct db_param[]){ PINT(referral_id), PINT(region), PINT(at), PTEXT(event),
					    PTEXT(note), PID(user_id) },
		       6);
}

static void read_event(const struct db_res *r, int i, struct psych_event_row *v)
{
	v->id = db_int(r, i, 0);
	v->at = db_int(r, i, 1);
	v->user_id = db_int(r, i, 2);
	v->event = db_text(r, i, 3);
	v->note = db_text(r, i, 4);
	v->user_name = db_text(r, i, 5);
}

int st_psych_events(struct db *db, struct arena *a, int64_t referral_id,
		    struct psych_event_row **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a,
			  "SELECT v.id, v.at, v.user_id, v.event, v.note, u.display_name"
			  " FROM psych_referral_events v LEFT JOIN users u ON u.id = v.user_id"
			  " WHERE v.referral_id = ? ORDER BY v.id",
			  (struct db_param[]){ PINT(referral_id) }, 1, &r);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_event);
	return ST_OK;
}

int st_psych_followup_add(struct db *db, int64_t referral_id, int64_t region, const char *on_day,
			  const char *note, int64_t by, int64_t at, int64_t *id)
{
	struct qb q;
	qb_init(&q, "INSERT INTO psych_followups (referral_id, region_code, on_day, note,"
		    " created_by, created_at) VALUES (");
	struct db_param p[] = { PINT(referral_id), PINT(region), PTEXT(on_day), PTEXT(note),
				PINT(by), PINT(at) };
	values(&q, p, (int)(sizeof p / sizeof p[0]));
	qb_add(&q, ") RETURNING id");
	return insert_returning(db, &q, id);
}

static void read_followup(const struct db_res *r, int i, struct psych_followup_row *w)
{
	w->id = db_int(r, i, 0);
	w->created_by = db_int(r, i, 1);
	w->created_at = db_int(r, i, 2);
	w->on_day = db_text(r, i, 3);
	w->note = db_text(r, i, 4);
	w->by_name = db_text(r, i, 5);
}

int st_psych_followups(struct db *db, struct arena *a, int64_t referral_id,
		       struct psych_followup_row **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a,
			  "SELECT w.id, w.created_by, w.created_at, w.on_day, w.note, u.display_name"
			  " FROM psych_followups w LEFT JOIN users u ON u.id = w.created_by"
			  " WHERE w.referral_id = ? ORDER BY w.on_day, w.id",
			  (struct db_param[]){ PINT(referral_id) }, 1, &r);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_followup);
	return ST_OK;
}
