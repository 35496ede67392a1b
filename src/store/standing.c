/* standing.c (store): stored due dates, risk grading and its history (store_standing.h). */
#include "store/child_sql.h"
#include "store/db.h"
#include "store/qb.h"
#include "store/store.h"

/* The file, then what grading needs beside it: a parent's severe disability (003#9), the open
 * problems and the oldest one's day (through problems_child), and the stored grading. */
#define STANDING_SELECT                                                                       \
	"SELECT " CHILD_COLS ","                                                               \
	" CASE WHEN EXISTS (SELECT 1 FROM child_members m WHERE m.child_id = c.id"             \
	" AND m.relation IN ('father', 'mother') AND m.status = 'severe_disability')"          \
	" THEN 1 ELSE 0 END,"                                                                  \
	" (SELECT COUNT(*) FROM problems p WHERE p.child_id = c.id AND p.state = 'open'),"     \
	" (SELECT MIN(p.created_at) FROM problems p WHERE p.child_id = c.id"                   \
	" AND p.state = 'open'),"                                                              \
	" k.child_id, k.computed, k.score, k.factors, k.graded_at, k.override_level,"          \
	" k.override_reason, k.override_until, k.override_by, k.override_at, ou.display_name"  \
	CHILD_FROM " LEFT JOIN child_risk k ON k.child_id = c.id"                              \
	" LEFT JOIN users ou ON ou.id = k.override_by"

static void read_standing(const struct db_res *r, int i, struct standing_row *s)
{
	int k = child_read_cols(r, i, 0, &s->c);
	s->parent_severe_disability = (int)db_int(r, i, k++);
	s->open_problems = (int)db_int(r, i, k++);
	s->oldest_problem_at = db_int(r, i, k++);
	s->has_risk = !db_is_null(r, i, k++);
	s->computed = db_text(r, i, k++);
	s->score = (int)db_int(r, i, k++);
	s->factors = db_text(r, i, k++);
	s->graded_at = db_int(r, i, k++);
	s->override_level = db_text(r, i, k++);
	s->override_reason = db_text(r, i, k++);
	s->override_until = db_text(r, i, k++);
	s->override_by = db_int(r, i, k++);
	s->override_at = db_int(r, i, k++);
	s->override_by_name = db_text(r, i, k++);
}

int st_standing_get(struct db *db, struct arena *a, int64_t child_id, struct standing_row *out)
{
	struct db_res r;
	int st = db_query(db, a, STANDING_SELECT " WHERE c.id = ?",
			  (struct db_param[]){ PINT(child_id) }, 1, &r);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_standing(&r, 0, out);
	return ST_OK;
}

int st_standing_due(struct db *db, struct arena *a, const char *day, int64_t after, int limit,
		    struct standing_row **rows, int *n)
{
	struct db_res r;
	/* both walk index children_restand (restand_on, id) */
	int st = day ? db_query(db, a, STANDING_SELECT " WHERE c.restand_on <= ?"
				       " ORDER BY c.restand_on, c.id LIMIT ?",
				(struct db_param[]){ PTEXT(day), PINT(limit) }, 2, &r)
		     : db_query(db, a, STANDING_SELECT " WHERE c.restand_on IS NULL AND c.id > ?"
				       " ORDER BY c.id LIMIT ?",
				(struct db_param[]){ PINT(after), PINT(limit) }, 2, &r);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_standing);
	return ST_OK;
}

int st_standing_put(struct db *db, int64_t child_id, const struct standing_cols *s)
{
	return db_exec(db, "UPDATE children SET contact_due_on = ?, visit_due_on = ?,"
			   " next_due_on = ?, risk_level = ?, risk_score = ?, restand_on = ?"
			   " WHERE id = ?",
		       (struct db_param[]){ PTEXT(s->contact_due_on), PTEXT(s->visit_due_on),
					    PTEXT(s->next_due_on), PTEXT(s->risk_level),
					    s->has_score ? PINT(s->risk_score) : PNULL,
					    PTEXT(s->restand_on), PINT(child_id) }, 7);
}

int st_standing_mark(struct db *db, int64_t child_id, const char *day)
{
	return db_exec(db, "UPDATE children SET restand_on = ? WHERE id = ? AND restand_on > ?",
		       (struct db_param[]){ PTEXT(day), PINT(child_id), PTEXT(day) }, 3);
}

int st_standing_mark_region(struct db *db, int64_t lo, int64_t hi, const char *day,
			    int64_t *changed)
{
	int st = db_exec(db, "UPDATE children SET restand_on = ? WHERE region_code BETWEEN ? AND ?"
			     " AND status = 'active' AND restand_on > ?",
			 (struct db_param[]){ PTEXT(day), PINT(lo), PINT(hi), PTEXT(day) }, 4);
	if (!st && changed)
		*changed = db->ops->changes(db);
	return st;
}

int st_child_risk_put(struct db *db, int64_t child_id, int64_t region, const char *computed,
		      int score, const char *factors, int64_t graded_at)
{
	return db_exec(db, "INSERT INTO child_risk (child_id, region_code, computed, score, factors,"
			   " graded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (child_id) DO UPDATE SET"
			   " region_code = excluded.region_code, computed = excluded.computed,"
			   " score = excluded.score, factors = excluded.factors,"
			   " graded_at = excluded.graded_at",
		       (struct db_param[]){ PINT(child_id), PINT(region), PTEXT(computed),
					    PINT(score), PTEXT(factors), PINT(graded_at) }, 6);
}

int st_child_risk_override(struct db *db, int64_t child_id, const char *level,
			   const char *reason, const char *until, int64_t by, int64_t at)
{
	int st = level ? db_exec(db, "UPDATE child_risk SET override_level = ?, override_reason = ?,"
				     " override_until = ?, override_by = ?, override_at = ?"
				     " WHERE child_id = ?",
				 (struct db_param[]){ PTEXT(level), PTEXT(reason), PTEXT(until),
						      PID(by), PINT(at), PINT(child_id) }, 6)
		       : db_exec(db, "UPDATE child_risk SET override_level = NULL,"
				     " override_reason = NULL, override_until = NULL,"
				     " override_by = NULL, override_at = NULL"
				     " WHERE child_id = ? AND override_level IS NOT NULL",
				 (struct db_param[]){ PINT(child_id) }, 1);
	if (!st && db->ops->changes(db) == 0)
		return ST_NOT_FOUND;
	return st;
}

int st_risk_change_add(struct db *db, const struct risk_change_row *r)
{
	return db_exec(db, "INSERT INTO risk_changes (child_id, region_code, at, from_level,"
			   " to_level, score, cause, detail, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       (struct db_param[]){ PINT(r->child_id), PINT(r->region_code), PINT(r->at),
					    PTEXT(r->from_level), PTEXT(r->to_level),
					    PINT(r->score), PTEXT(r->cause), PTEXT(r->detail),
					    PID(r->user_id) }, 9);
}

static void read_change(const struct db_res *r, int i, struct risk_change_row *x)
{
	int k = 0;
	x->id = db_int(r, i, k++);
	x->child_id = db_int(r, i, k++);
	x->region_code = db_int(r, i, k++);
	x->at = db_int(r, i, k++);
	x->user_id = db_int(r, i, k++);
	x->from_level = db_text(r, i, k++);
	x->to_level = db_text(r, i, k++);
	x->score = (int)db_int(r, i, k++);
	x->cause = db_text(r, i, k++);
	x->detail = db_text(r, i, k++);
	x->user_name = db_text(r, i, k++);
}

static void change_where(struct qb *q, struct arena *a, const void *filter)
{
	(void)a;
	qb_where(q, "x.child_id = ?", 1, PINT(*(const int64_t *)filter));
}

int st_risk_changes(struct db *db, struct arena *a, int64_t child_id, struct page pg,
		    struct risk_change_row **rows, int *n, int64_t *total)
{
	struct db_res r;
	int st = qb_list(db, a, "SELECT COUNT(*) FROM risk_changes x",
			 "SELECT x.id, x.child_id, x.region_code, x.at, x.user_id, x.from_level,"
			 " x.to_level, x.score, x.cause, x.detail, u.display_name FROM risk_changes x"
			 " LEFT JOIN users u ON u.id = x.user_id",
			 " ORDER BY x.id DESC", change_where, &child_id, pg.offset, pg.limit, &r,
			 total);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_change);
	return ST_OK;
}

int st_child_set_guardianship(struct db *db, int64_t child_id, const char *result,
			      const char *next_on)
{
	return db_exec(db, "UPDATE children SET guardianship_result = ?, guardianship_next_on = ?"
			   " WHERE id = ?",
		       (struct db_param[]){ PTEXT(result), PTEXT(next_on), PINT(child_id) }, 3);
}

int st_child_set_psych(struct db *db, int64_t child_id, const char *result)
{
	return db_exec(db, "UPDATE children SET psych_result = ? WHERE id = ?",
		       (struct db_param[]){ PTEXT(result), PINT(child_id) }, 2);
}

int st_child_set_open_reports(struct db *db, int64_t child_id, int open_reports)
{
	return db_exec(db, "UPDATE children SET open_reports = ? WHERE id = ?",
		       (struct db_param[]){ PINT(open_reports), PINT(child_id) }, 2);
}
