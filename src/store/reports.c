/* store/reports.c: mandatory reports, their routing rows and events (see store_reports.h). SQL
 * written once for both backends. Visibility is a condition of every read: handler (routed to the
 * caller's department, inside the caller's range), supervisor (inside the range), reporter (filed
 * by the caller or its organisation). */
#include <string.h>

#include "store/db.h"
#include "store/qb.h"
#include "store/store.h"

#define REPORT_COLS                                                                              \
	"r.id, r.region_code, r.child_id, r.reporter_user_id, r.reporter_org_id, r.filed_at,"     \
	" r.accepted_at, r.accepted_by, r.handling_at, r.concluded_at, r.told_at, r.due_at,"     \
	" r.escalate_at, r.escalated_at, r.qkey, r.updated_at, r.no, r.state, r.situation,"      \
	" r.urgency, r.seen, r.happened_at, r.place, r.child_name, r.child_sex,"                 \
	" r.child_description, r.child_school, r.child_age, r.pupil, r.channel, r.reporter_name," \
	" r.reporter_unit, r.reporter_phone_masked, r.depts, r.accepted_dept, r.outcome,"        \
	" r.told_note, r.stage, r.client_id, g.name, au.display_name"
#define REPORT_JOINS                                   \
	" JOIN regions g ON g.code = r.region_code"    \
	" LEFT JOIN users au ON au.id = r.accepted_by"

static void read_report(const struct db_res *res, int i, struct report_row *r)
{
	int k = 0;
	memset(r, 0, sizeof *r);
	r->id = db_int(res, i, k++);
	r->region_code = db_int(res, i, k++);
	r->child_id = db_int(res, i, k++);
	r->reporter_user_id = db_int(res, i, k++);
	r->reporter_org_id = db_int(res, i, k++);
	r->filed_at = db_int(res, i, k++);
	r->accepted_at = db_int(res, i, k++);
	r->accepted_by = db_int(res, i, k++);
	r->handling_at = db_int(res, i, k++);
	r->concluded_at = db_int(res, i, k++);
	r->told_at = db_int(res, i, k++);
	r->due_at = db_int(res, i, k++);
	r->escalate_at = db_int(res, i, k++);
	r->escalated_at = db_int(res, i, k++);
	r->qkey = db_int(res, i, k++);
	r->updated_at = db_int(res, i, k++);
	r->no = db_text(res, i, k++);
	r->state = db_text(res, i, k++);
	r->situation = db_text(res, i, k++);
	r->urgency = db_text(res, i, k++);
	r->seen = db_text(res, i, k++);
	r->happened_at = db_text(res, i, k++);
	r->place = db_text(res, i, k++);
	r->child_name = db_text(res, i, k++);
	r->child_sex = db_text(res, i, k++);
	r->child_description = db_text(res, i, k++);
	r->child_school = db_text(res, i, k++);
	r->has_child_age = !db_is_null(res, i, k);
	r->child_age = (int)db_int(res, i, k++);
	r->pupil = (int)db_int(res, i, k++);
	r->channel = db_text(res, i, k++);
	r->reporter_name = db_text(res, i, k++);
	r->reporter_unit = db_text(res, i, k++);
	r->reporter_phone_masked = db_text(res, i, k++);
	r->depts = (uint32_t)db_int(res, i, k++);
	r->accepted_dept = db_text(res, i, k++);
	r->outcome = db_text(res, i, k++);
	r->told_note = db_text(res, i, k++);
	r->stage = db_text(res, i, k++);
	r->client_id = db_text(res, i, k++);
	r->region_name = db_text(res, i, k++);
	r->accepted_by_name = db_text(res, i, k++);
	r->as_handler = (int)db_int(res, i, k++);
	r->as_supervisor = (int)db_int(res, i, k++);
	r->as_reporter = (int)db_int(res, i, k++);
}

/* The three "what the caller is" columns, appended to the select list. */
static void add_access_cols(struct qb *q, const struct report_access *acc)
{
	if (acc->all) {
		qb_add(q, ", 0, 0, 0");
		return;
	}
	if (acc->dept) {
		qb_add(q, ", CASE WHEN r.region_code BETWEEN ? AND ? AND EXISTS (SELECT 1 FROM"
			  " report_routes x WHERE x.report_id = r.id AND x.dept = ?) THEN 1 ELSE 0 END");
		qb_param(q, PINT(acc->lo));
		qb_param(q, PINT(acc->hi));
		qb_param(q, PTEXT(acc->dept));
	} else {
		qb_add(q, ", 0");
	}
	if (acc->supervisor) {
		qb_add(q, ", CASE WHEN r.region_code BETWEEN ? AND ? THEN 1 ELSE 0 END");
		qb_param(q, PINT(acc->lo));
		qb_param(q, PINT(acc->hi));
	} else {
		qb_add(q, ", 0");
	}
	if (acc->org_id) {
		qb_add(q, ", CASE WHEN r.reporter_user_id = ? OR r.reporter_org_id = ? THEN 1 ELSE 0 END");
		qb_param(q, PINT(acc->user_id));
		qb_param(q, PINT(acc->org_id));
	} else {
		qb_add(q, ", CASE WHEN r.reporter_user_id = ? THEN 1 ELSE 0 END");
		qb_param(q, PINT(acc->user_id));
	}
}

/* The visibility condition: handler, supervisor or (unless not_reporter) reporter. */
static void add_visible(struct qb *q, const struct report_access *acc, int not_reporter)
{
	if (acc->all)
		return;
	qb_add(q, q->has_where ? " AND (" : " WHERE (");
	q->has_where = 1;
	int any = 0;
	if (acc->dept) {
		qb_add(q, "(r.region_code BETWEEN ? AND ? AND EXISTS (SELECT 1 FROM report_routes y"
			  " WHERE y.report_id = r.id AND y.dept = ?))");
		qb_param(q, PINT(acc->lo));
		qb_param(q, PINT(acc->hi));
		qb_param(q, PTEXT(acc->dept));
		any = 1;
	}
	if (acc->supervisor) {
		qb_add(q, any ? " OR " : "");
		qb_add(q, "r.region_code BETWEEN ? AND ?");
		qb_param(q, PINT(acc->lo));
		qb_param(q, PINT(acc->hi));
		any = 1;
	}
	if (!not_reporter) {
		qb_add(q, any ? " OR " : "");
		qb_add(q, "r.reporter_user_id = ?");
		qb_param(q, PINT(acc->user_id));
		if (acc->org_id) {
			qb_add(q, " OR r.reporter_org_id = ?");
			qb_param(q, PINT(acc->org_id));
		}
		any = 1;
	}
	if (!any)
		qb_add(q, "1 = 0");
	qb_add(q, ")");
}

int st_report_next_seq(struct db *db, const char *day, int *n)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a,
			  "INSERT INTO report_seq (day, n) VALUES (?, 1) ON CONFLICT (day)"
			  " DO UPDATE SET n = report_seq.n + 1 RETURNING n",
			  (struct db_param[]){ PTEXT(day) }, 1, &r);
	if (!st)
		*n = r.nrows ? (int)db_int(&r, 0, 0) : 1;
	arena_release(&a);
	return st;
}

int st_report_insert(struct db *db, const struct report_row *r, int64_t *id)
{
	struct qb q;
	qb_init(&q, "INSERT INTO reports (no, state, situation, urgency, seen, happened_at, place,"
		    " region_code, child_id, child_name, child_sex, child_age, child_description,"
		    " child_school, pupil, channel, reporter_user_id, reporter_org_id, reporter_name,"
		    " reporter_unit, reporter_phone_masked, depts, filed_at, stage, due_at,"
		    " escalate_at, qkey, client_id, updated_at) VALUES (");
	struct db_param p[] = {
		PTEXT(r->no), PTEXT(r->state), PTEXT(r->situation), PTEXT(r->urgency),
		PTEXT(r->seen), PTEXT(r->happened_at), PTEXT(r->place), PINT(r->region_code),
		PID(r->child_id), PTEXT(r->child_name), PTEXT(r->child_sex),
		r->has_child_age ? PINT(r->child_age) : PNULL, PTEXT(r->child_description),
		PTEXT(r->child_school), PINT(r->pupil), PTEXT(r->channel), PINT(r->reporter_user_id),
		PID(r->reporter_org_id), PTEXT(r->reporter_name), PTEXT(r->reporter_unit),
		PTEXT(r->reporter_phone_masked), PINT(r->depts), PINT(r->filed_at), PTEXT(r->stage),
		PID(r->due_at), PID(r->escalate_at), PINT(r->qkey), PTEXT(r->client_id),
		PINT(r->updated_at),
	};
	int np = (int)(sizeof p / sizeof p[0]);
	for (int i = 0; i < np; i++) {
		qb_add(&q, i ? ", ?" : "?");
		qb_param(&q, p[i]);
	}
	qb_add(&q, ") ON CONFLICT (reporter_user_id, client_id) DO NOTHING RETURNING id");
	struct arena a = ARENA_INIT;
	struct db_res res;
	int st = db_query(db, &a, q.sql.data, q.p, q.n, &res);
	if (!st)
		*id = res.nrows ? db_int(&res, 0, 0) : 0;
	arena_release(&a);
	qb_free(&q);
	return st;
}

int st_report_by_client(struct db *db, int64_t user_id, const char *client_id, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a,
			  "SELECT id FROM reports WHERE reporter_user_id = ? AND client_id = ?",
			  (struct db_param[]){ PINT(user_id), PTEXT(client_id) }, 2, &r);
	if (!st && r.nrows == 0)
		st = ST_NOT_FOUND;
	if (!st)
		*id = db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}

int st_report_get(struct db *db, struct arena *a, const struct report_access *acc, int64_t id,
		  struct report_row *out)
{
	struct qb q;
	qb_init(&q, "SELECT " REPORT_COLS);
	add_access_cols(&q, acc);
	qb_add(&q, " FROM reports r" REPORT_JOINS);
	qb_where(&q, "r.id = ?", 1, PINT(id));
	add_visible(&q, acc, 0);
	struct db_res r;
	int st = db_query(db, a, q.sql.data, q.p, q.n, &r);
	qb_free(&q);
	if (st)
		return st;
	if (r.nrows == 0)
		return ST_NOT_FOUND;
	read_report(&r, 0, out);
	return ST_OK;
}

int st_report_update(struct db *db, const struct report_row *r, int64_t seen_updated_at)
{
	int st = db_exec(db,
			 "UPDATE reports SET state = ?, accepted_at = ?, accepted_dept = ?,"
			 " accepted_by = ?, handling_at = ?, concluded_at = ?, outcome = ?,"
			 " told_at = ?, told_note = ?, stage = ?, due_at = ?, escalate_at = ?,"
			 " escalated_at = ?, qkey = ?, depts = ?, child_id = ?, updated_at = ?"
			 " WHERE id = ? AND updated_at = ?",
			 (struct db_param[]){
				 PTEXT(r->state), PID(r->accepted_at), PTEXT(r->accepted_dept),
				 PID(r->accepted_by), PID(r->handling_at), PID(r->concluded_at),
				 PTEXT(r->outcome), PID(r->told_at), PTEXT(r->told_note),
				 PTEXT(r->stage), PID(r->due_at), PID(r->escalate_at),
				 PID(r->escalated_at), PINT(r->qkey), PINT(r->depts),
				 PID(r->child_id), PINT(r->updated_at), PINT(r->id),
				 PINT(seen_updated_at) },
			 19);
	if (!st && db->ops->changes(db) == 0)
		st = ST_CONFLICT;
	return st;
}

static const struct {
	uint32_t bit;
	const char *code;
} dept_bits[] = { { 1u << 0, "police" }, { 1u << 1, "civil_affairs" }, { 1u << 2, "education" } };

int st_report_routes_put(struct db *db, const struct report_row *r)
{
	int st = db_exec(db, "DELETE FROM report_routes WHERE report_id = ?",
			 (struct db_param[]){ PINT(r->id) }, 1);
	for (size_t i = 0; !st && i < sizeof dept_bits / sizeof dept_bits[0]; i++) {
		if (!(r->depts & dept_bits[i].bit))
			continue;
		st = db_exec(db,
			     "INSERT INTO report_routes (report_id, dept, region_code, open, due_at,"
			     " qkey) VALUES (?, ?, ?, ?, ?, ?)",
			     (struct db_param[]){ PINT(r->id), PTEXT(dept_bits[i].code),
						  PINT(r->region_code), PINT(r->stage ? 1 : 0),
						  PID(r->due_at), PINT(r->qkey) },
			     6);
	}
	return st;
}

/* The filter's conditions. Queue lists drive from report_routes q (index (dept, qkey, region)),
 * the others from reports r. */
static void report_where(struct qb *q, struct arena *a, const struct report_filter *f, int list)
{
	const char *key = f->box == RBOX_QUEUE ? "q.qkey" : "r.qkey";
	/* a page walks the order index (qkey first) and filters the range in it; "+" keeps the
	 * planner from the region index, whose rows would all have to be sorted */
	const char *qreg = list ? "+q.region_code" : "q.region_code";
	const char *rreg = list ? "+r.region_code" : "r.region_code";
	if (f->box == RBOX_QUEUE) {
		/* the caller's department, inside the caller's range: handler by construction */
		qb_where(q, "q.dept = ?", 1, PTEXT(f->acc.dept ? f->acc.dept : ""));
		qb_scope(q, qreg, f->acc.lo, f->acc.hi);
		if (f->within.hi)
			qb_scope(q, qreg, f->within.lo, f->within.hi);
	} else if (f->box == RBOX_SUPERVISE) {
		if (f->acc.supervisor)
			qb_scope(q, rreg, f->acc.lo, f->acc.hi);
		else
			qb_where(q, "1 = 0", 0);
		if (f->within.hi)
			qb_scope(q, rreg, f->within.lo, f->within.hi);
	} else if (f->child_id) {
		qb_where(q, "r.child_id = ?", 1, PINT(f->child_id));
		add_visible(q, &f->acc, f->not_reporter_only);
	} else {
		if (f->acc.org_id)
			qb_where(q, "(r.reporter_user_id = ? OR r.reporter_org_id = ?)", 2,
				 PINT(f->acc.user_id), PINT(f->acc.org_id));
		else
			qb_where(q, "r.reporter_user_id = ?", 1, PINT(f->acc.user_id));
		if (f->within.hi)
			qb_scope(q, "r.region_code", f->within.lo, f->within.hi);
	}
	if (f->state)
		qb_where(q, "r.state = ?", 1, PTEXT(f->state));
	if (f->situation)
		qb_where(q, "r.situation = ?", 1, PTEXT(f->situation));
	if (f->escalated_only) {
		qb_add(q, " AND ");
		qb_add(q, key);
		qb_add(q, " < ?");
		qb_param(q, PINT(REPORT_QK_OPEN));
	} else if (f->overdue_only) {
		/* escalated ones (qkey = due_at) and open ones whose due_at has passed */
		qb_add(q, " AND ");
		qb_add(q, key);
		qb_add(q, " < ?");
		qb_param(q, PINT(REPORT_QK_OPEN + f->now));
	} else if (f->open_only) {
		qb_add(q, " AND ");
		qb_add(q, key);
		qb_add(q, " < ?");
		qb_param(q, PINT(REPORT_QK_OPEN_END));
	}
	if (f->no && f->name_like)
		qb_where(q, "(r.no = ? OR r.child_name LIKE ? ESCAPE '\\')", 2, PTEXT(f->no),
			 PTEXT(db_like_contains(a, f->name_like)));
	else if (f->no)
		qb_where(q, "r.no = ?", 1, PTEXT(f->no));
	if (f->from)
		qb_where(q, "r.filed_at >= ?", 1, PINT(f->from));
	if (f->to)
		qb_where(q, "r.filed_at < ?", 1, PINT(f->to));
}

static const char *from_of(const struct report_filter *f)
{
	return f->box == RBOX_QUEUE ? " FROM report_routes q JOIN reports r ON r.id = q.report_id"
				    : " FROM reports r";
}

/* A queue count needs the reports themselves only for conditions on their columns: without
 * those it counts the routing index alone (at 150,000 reports of a department, 4 ms instead of
 * 270 ms on SQLite: bench/run-reports.sh). */
static int queue_needs_reports(const struct report_filter *f)
{
	return f->state || f->situation || f->no || f->name_like || f->from || f->to;
}

int st_report_count(struct db *db, const struct report_filter *f, int64_t *n)
{
	struct qb q;
	qb_init(&q, "SELECT COUNT(*)");
	qb_add(&q, f->box == RBOX_QUEUE && !queue_needs_reports(f) ? " FROM report_routes q"
								    : from_of(f));
	struct arena a = ARENA_INIT;
	report_where(&q, &a, f, 0);
	struct db_res r;
	int st = db_query(db, &a, q.sql.data, q.p, q.n, &r);
	if (!st)
		*n = db_int(&r, 0, 0);
	arena_release(&a);
	qb_free(&q);
	return st;
}

int st_report_list(struct db *db, struct arena *a, const struct report_filter *f, struct page pg,
		   struct report_row **rows, int *n, int64_t *total)
{
	int st = st_report_count(db, f, total);
	if (st)
		return st;
	struct qb q;
	qb_init(&q, "SELECT " REPORT_COLS);
	add_access_cols(&q, &f->acc);
	qb_add(&q, from_of(f));
	qb_add(&q, REPORT_JOINS);
	report_where(&q, a, f, 1);
	if (f->box == RBOX_QUEUE)
		qb_add(&q, " ORDER BY q.qkey, q.report_id");
	else if (f->box == RBOX_SUPERVISE)
		qb_add(&q, " ORDER BY r.qkey, r.id");
	else
		qb_add(&q, " ORDER BY r.filed_at DESC, r.id DESC");
	qb_add(&q, " LIMIT ? OFFSET ?");
	qb_param(&q, PINT(pg.limit));
	qb_param(&q, PINT(pg.offset));
	struct db_res r;
	st = db_query(db, a, q.sql.data, q.p, q.n, &r);
	qb_free(&q);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_report);
	return ST_OK;
}

int st_report_event_add(struct db *db, const struct report_event_row *ev)
{
	return db_exec(db,
		       "INSERT INTO report_events (report_id, at, event, from_state, to_state, dept,"
		       " user_id, user_name, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       (struct db_param[]){ PINT(ev->report_id), PINT(ev->at), PTEXT(ev->event),
					    PTEXT(ev->from_state), PTEXT(ev->to_state),
					    PTEXT(ev->dept), PID(ev->user_id), PTEXT(ev->user_name),
					    PTEXT(ev->note) },
		       9);
}

static void read_event(const struct db_res *r, int i, struct report_event_row *ev)
{
	ev->id = db_int(r, i, 0);
	ev->report_id = db_int(r, i, 1);
	ev->at = db_int(r, i, 2);
	ev->event = db_text(r, i, 3);
	ev->from_state = db_text(r, i, 4);
	ev->to_state = db_text(r, i, 5);
	ev->dept = db_text(r, i, 6);
	ev->user_id = db_int(r, i, 7);
	ev->user_name = db_text(r, i, 8);
	ev->note = db_text(r, i, 9);
}

int st_report_events(struct db *db, struct arena *a, int64_t report_id,
		     struct report_event_row **rows, int *n)
{
	struct db_res r;
	int st = db_query(db, a,
			  "SELECT id, report_id, at, event, from_state, to_state, dept, user_id,"
			  " user_name, note FROM report_events WHERE report_id = ? ORDER BY id",
			  (struct db_param[]){ PINT(report_id) }, 1, &r);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, rows, n, read_event);
	return ST_OK;
}

int st_report_open_count(struct db *db, int64_t child_id, int *n)
{
	struct arena a = ARENA_INIT;
	struct db_res r;
	int st = db_query(db, &a,
			  "SELECT COUNT(*) FROM reports WHERE child_id = ?"
			  " AND state IN ('reported', 'accepted', 'handling')",
			  (struct db_param[]){ PINT(child_id) }, 1, &r);
	if (!st)
		*n = (int)db_int(&r, 0, 0);
	arena_release(&a);
	return st;
}

static void read_id(const struct db_res *r, int i, int64_t *id)
{
	*id = db_int(r, i, 0);
}

int st_report_escalation_due(struct db *db, struct arena *a, int64_t now, int limit,
			     int64_t **ids, int *n)
{
	struct db_res r;
	int st = db_query(db, a,
			  "SELECT id FROM reports WHERE escalated_at IS NULL AND stage IS NOT NULL"
			  " AND escalate_at < ? ORDER BY escalate_at, id LIMIT ?",
			  (struct db_param[]){ PINT(now), PINT(limit) }, 2, &r);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, ids, n, read_id);
	return ST_OK;
}

int st_report_open_in(struct db *db, struct arena *a, int64_t lo, int64_t hi, int64_t after,
		      int limit, int64_t **ids, int *n)
{
	struct db_res r;
	int st = db_query(db, a,
			  "SELECT id FROM reports WHERE region_code BETWEEN ? AND ?"
			  " AND stage IS NOT NULL AND id > ? ORDER BY id LIMIT ?",
			  (struct db_param[]){ PINT(lo), PINT(hi), PINT(after), PINT(limit) }, 4, &r);
	if (st)
		return st;
	DB_READ_ROWS(a, &r, ids, n, read_id);
	return ST_OK;
}
