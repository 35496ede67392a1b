/* reports.c: filing a mandatory report (强制报告), moving it through its states, handling notes,
 * linking a provisional report to a file, and the deadline check (see reports.h). States move
 * only through report_transition / report_actor_may (domain/report_flow.h); every step is a
 * report_events row and an audit row in the same transaction. */
#include <stdio.h>
#include <string.h>

#include "app/records.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "domain/region.h"

/* Characters (code points) of UTF-8 text. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int text_ok(const char *s, size_t lo, size_t hi)
{
	size_t n = utf8_chars(s);
	return s && n >= lo && n <= hi;
}

static int is_civil_affairs(struct ctx *c, struct db *db)
{
	const char *d = report_my_dept(c, db);
	return d && strcmp(d, "civil_affairs") == 0;
}

/* Keeps children.open_reports current and refreshes the child's standing. */
static int child_open_reports(struct ctx *c, struct db *db, int64_t child_id, struct err *e)
{
	int n = 0;
	if (!child_id)
		return ST_OK;
	int st = st_report_open_count(db, child_id, &n);
	if (!st)
		st = st_child_set_open_reports(db, child_id, n);
	if (!st)
		st = standing_refresh(c, db, child_id, "report", e);
	return st;
}

static int add_event(struct ctx *c, struct db *db, int64_t report_id, int64_t at,
		     const char *event, const char *from, const char *to, const char *dept,
		     const char *note)
{
	int sys = !c->who || c->who == app_system_principal();
	struct report_event_row ev = {
		.report_id = report_id,
		.at = at,
		.event = event,
		.from_state = from,
		.to_state = to,
		.dept = dept,
		.user_id = sys ? 0 : c->who->user_id,
		.user_name = sys ? "系统" : c->who->display_name,
		.note = note,
	};
	return st_report_event_add(db, &ev);
}

/* A strictly later updated_at than the stored one (two changes within 1 ms still differ). */
static int64_t next_updated(int64_t old, int64_t now)
{
	return now > old ? now : old + 1;
}

static int check_depts(const char *const *codes, int n, const char *field, uint32_t *bits,
		       struct err *e)
{
	*bits = 0;
	for (int i = 0; i < n; i++) {
		int b = report_dept_from_code(codes[i]);
		if (b < 0)
			return err_set(e, ST_INVALID, field, "承办部门不正确（police、civil_affairs、education）");
		*bits |= (uint32_t)b;
	}
	if (!report_routing_valid(*bits))
		return err_set(e, ST_INVALID, field, "请至少选择一个承办部门");
	return ST_OK;
}

static int check_happened(const char *s)
{
	/* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" */
	int64_t ms;
	char day[11];
	size_t n = strlen(s);
	if (n != 10 && n != 16)
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (cst_parse_date(day, &ms) != 0)
		return -1;
	if (n == 16) {
		int h, m;
		char extra;
		if (s[10] != ' ' || sscanf(s + 11, "%2d:%2d%c", &h, &m, &extra) != 2 || s[13] != ':' ||
		    h < 0 || h > 23 || m < 0 || m > 59)
			return -1;
	}
	return 0;
}

static int validate_filing(struct ctx *c, struct db *db, const struct report_input *in,
			   struct report_row *r, struct child_row *child, struct err *e)
{
	int sit = report_situation_from_code(in->situation);
	if (sit < 0)
		return err_set(e, ST_INVALID, "situation", "请选择报告情形");
	if (report_urgency_from_code(in->urgency) < 0)
		return err_set(e, ST_INVALID, "urgency", "请选择紧急程度");
	if (!rec_opt(in->seen) || !text_ok(in->seen, 1, 2000))
		return err_set(e, ST_INVALID, "seen", "请填写发现的情况（1–2000 字）");
	if (rec_opt(in->happened_at) && check_happened(in->happened_at) != 0)
		return err_set(e, ST_INVALID, "happened_at", "发生时间格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM");
	if (rec_opt(in->place) && !text_ok(in->place, 0, 200))
		return err_set(e, ST_INVALID, "place", "发生地点不能超过 200 字");
	const char *channel = rec_opt(in->channel) ? in->channel : "online";
	if (strcmp(channel, "online") && strcmp(channel, "phone"))
		return err_set(e, ST_INVALID, "channel", "报告方式应为 online 或 phone");
	int phone = strcmp(channel, "phone") == 0;
	if (phone && !is_civil_affairs(c, db))
		return err_set(e, ST_INVALID, "channel", "只有民政工作人员可以登记电话报告");
	if (phone && !rec_opt(in->reporter_name))
		return err_set(e, ST_INVALID, "reporter.name", "电话报告请填写报告人姓名");
	if (rec_opt(in->reporter_name) && !text_ok(in->reporter_name, 1, 50))
		return err_set(e, ST_INVALID, "reporter.name", "报告人姓名不能超过 50 字");
	if (rec_opt(in->reporter_unit) && !text_ok(in->reporter_unit, 1, 100))
		return err_set(e, ST_INVALID, "reporter.unit", "报告单位不能超过 100 字");
	if (rec_opt(in->reporter_phone)) {
		size_t n = strlen(in->reporter_phone);
		int ok = n >= 5 && n <= 20;
		for (size_t i = 0; ok && i < n; i++)
			ok = (in->reporter_phone[i] >= '0' && in->reporter_phone[i] <= '9') ||
			     in->reporter_phone[i] == '-';
		if (!ok)
			return err_set(e, ST_INVALID, "reporter.phone", "联系电话格式不正确");
	}
	if (rec_opt(in->client_id) && !rec_valid_uuid(in->client_id))
		return err_set(e, ST_INVALID, "client_id", "client_id 应为 UUID");
	/* the child: a file the caller may read, or a provisional description */
	if (in->child_id) {
		int st = rec_child_in_scope(c, db, in->child_id, child, e);
		if (st == ST_NOT_FOUND)
			return err_set(e, ST_INVALID, "child_id", "所选儿童档案不存在或不在您的管理范围内");
		if (st)
			return st;
	} else if (!rec_opt(in->child_name) && !rec_opt(in->child_description)) {
		return err_set(e, ST_INVALID, "child.name", "请填写儿童姓名或体貌特征");
	}
	if (rec_opt(in->child_name) && !text_ok(in->child_name, 1, 50))
		return err_set(e, ST_INVALID, "child.name", "儿童姓名不能超过 50 字");
	if (rec_opt(in->child_sex) && strcmp(in->child_sex, "M") && strcmp(in->child_sex, "F"))
		return err_set(e, ST_INVALID, "child.sex", "性别应为男（M）或女（F）");
	if (in->has_child_age && (in->child_age < 0 || in->child_age > 17))
		return err_set(e, ST_INVALID, "child.age", "年龄应在 0 至 17 岁之间");
	if (rec_opt(in->child_description) && !text_ok(in->child_description, 1, 500))
		return err_set(e, ST_INVALID, "child.description", "体貌特征不能超过 500 字");
	if (rec_opt(in->child_school) && !text_ok(in->child_school, 1, 100))
		return err_set(e, ST_INVALID, "child.school", "学校名称不能超过 100 字");
	/* where: the village (or town) inside the caller's county; a file's village by default */
	int64_t region = 0;
	if (rec_opt(in->region_code)) {
		if (region_parse(in->region_code, &region) != 0 ||
		    (region_level(region) != REGION_VILLAGE && region_level(region) != REGION_TOWN))
			return err_set(e, ST_INVALID, "region_code", "请选择儿童所在的村（社区）或乡镇");
		struct scope county = rec_county_of(c->who->region_code);
		struct region_row rr;
		int st = st_region_get(db, c->a, &county, region, &rr);
		if (st == ST_NOT_FOUND)
			return err_set(e, ST_INVALID, "region_code", "所选区划不存在或不在本县");
		if (st)
			return st;
	} else if (in->child_id) {
		region = child->region_code;
	} else {
		return err_set(e, ST_INVALID, "region_code", "请选择儿童所在的村（社区）或乡镇");
	}
	int pupil = in->has_pupil ? in->pupil
				  : (in->child_id && child->schooling_status &&
				     strcmp(child->schooling_status, "in_school") == 0);
	uint32_t depts;
	if (in->has_depts) {
		int st = check_depts(in->depts, in->ndepts, "depts", &depts, e);
		if (st)
			return st;
	} else {
		depts = report_default_routing((enum report_situation)sit, pupil);
	}
	memset(r, 0, sizeof *r);
	r->situation = in->situation;
	r->urgency = in->urgency;
	r->seen = in->seen;
	r->happened_at = rec_opt(in->happened_at);
	r->place = rec_opt(in->place);
	r->region_code = region;
	r->child_id = in->child_id;
	r->child_name = rec_opt(in->child_name) ? in->child_name
			: in->child_id ? child->name : NULL;
	r->child_sex = rec_opt(in->child_sex) ? in->child_sex : in->child_id ? child->sex : NULL;
	r->child_age = in->child_age;
	r->has_child_age = in->has_child_age;
	r->child_description = rec_opt(in->child_description);
	r->child_school = rec_opt(in->child_school) ? in->child_school
			  : in->child_id ? child->school_name : NULL;
	r->pupil = pupil;
	r->channel = channel;
	r->reporter_user_id = c->who->user_id;
	r->reporter_org_id = c->who->org_id;
	r->reporter_name = rec_opt(in->reporter_name) ? in->reporter_name : c->who->display_name;
	r->reporter_unit = rec_opt(in->reporter_unit) ? in->reporter_unit
			   : phone ? NULL : c->who->org_name;
	r->reporter_phone_masked = rec_opt(in->reporter_phone)
					   ? mask_phone(c->a, in->reporter_phone) : NULL;
	r->depts = depts;
	r->client_id = rec_opt(in->client_id);
	return ST_OK;
}

int reports_file(struct ctx *c, const struct report_input *in, struct report_view *out,
		 int *created, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("report.file", "report", 0, 0);
	struct report_row r;
	struct child_row child;
	struct report_settings s;
	int64_t id = 0, now = clock_now_ms();
	*created = 0;
	int st = app_require(c, PERM_REPORT_FILE, e);
	/* a retry of the same filing answers the stored report */
	if (!st && rec_opt(in->client_id) && rec_valid_uuid(in->client_id) &&
	    st_report_by_client(db, c->who->user_id, in->client_id, &id) == ST_OK) {
		st = report_load(c, db, id, 1, out, e);
		if (!st) {
			rec_set_object(&act, id);
			act.region_code = out->r.region_code;
			act.detail = "retry=1";
		}
		return app_finish(c, db, st, &act, e);
	}
	if (!st)
		st = validate_filing(c, db, in, &r, &child, e);
	if (!st) {
		act.region_code = r.region_code;
		st = report_settings_for(c, db, r.region_code, &s, NULL, e);
	}
	int seq = 0;
	char day[32], no[48];
	if (!st) {
		cst_format(now, day);
		day[4] = day[5];   /* "YYYY-MM-DD..." → "YYYYMMDD" */
		day[5] = day[6];
		day[6] = day[8];
		day[7] = day[9];
		day[8] = '\0';
		st = st_report_next_seq(db, day, &seq);
	}
	if (!st) {
		snprintf(no, sizeof no, "BG%s-%04d", day, seq);
		r.no = no;
		r.state = report_state_code(RST_REPORTED);
		r.filed_at = now;
		r.updated_at = now;
		report_redate(&r, &s, now);
		st = st_report_insert(db, &r, &id);
	}
	if (!st && id == 0) {   /* a concurrent retry of the same filing stored it first */
		st = st_report_by_client(db, c->who->user_id, r.client_id, &id);
		if (st == ST_NOT_FOUND)
			st = err_set(e, ST_CONFLICT, "client_id", "该报告已提交");
		if (!st)
			st = report_load(c, db, id, 1, out, e);
		if (!st) {
			rec_set_object(&act, id);
			act.region_code = out->r.region_code;
			act.detail = "retry=1";
		}
		return app_finish(c, db, st, &act, e);
	}
	if (!st) {
		r.id = id;
		st = st_report_routes_put(db, &r);
	}
	if (!st)
		st = add_event(c, db, id, now, "file", NULL, r.state, NULL, NULL);
	if (!st)
		st = child_open_reports(c, db, r.child_id, e);
	if (!st) {
		rec_set_object(&act, id);
		char depts[64] = "";
		for (uint32_t b = 1; b <= RDEPT_EDUCATION; b <<= 1)
			if (r.depts & b) {
				strcat(depts, depts[0] ? "," : "");
				strcat(depts, report_dept_code(b));
			}
		act.detail = arena_printf(c->a, "no=%s situation=%s urgency=%s channel=%s depts=%s child=%lld",
					  no, r.situation, r.urgency, r.channel, depts,
					  (long long)r.child_id);
		st = report_load(c, db, id, 1, out, e);
		*created = 1;
	}
	return app_finish(c, db, st, &act, e);
}

int reports_event(struct ctx *c, int64_t id, const struct report_event_input *in,
		  struct report_view *out, struct err *e)
{
	int ev = report_event_from_code(in->event);
	const char *action = ev >= 0 ? arena_printf(c->a, "report.%s", in->event) : "report.event";
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action(action, "report", id, 0);
	struct report_view cur;
	struct report_settings s;
	int64_t now = clock_now_ms();
	memset(out, 0, sizeof *out);
	int st = ST_OK;
	if (ev < 0)
		st = err_set(e, ST_INVALID, "event", "操作应为 accept、start_handling、conclude、tell_outcome 或 transfer");
	if (!st && app_require(c, PERM_REPORT_HANDLE, NULL) != ST_OK &&
	    app_require(c, PERM_REPORT_FILE, NULL) != ST_OK)
		st = err_set(e, ST_FORBIDDEN, NULL, "您没有执行此操作的权限");
	if (!st)
		st = report_load(c, db, id, 1, &cur, e);
	if (!st)
		act.region_code = cur.r.region_code;
	enum report_actor actor = RACT_OTHER;
	if (!st)
		actor = cur.r.as_handler ? RACT_HANDLER
			: cur.r.as_supervisor ? RACT_SUPERVISOR : RACT_REPORTER;
	if (!st && !report_actor_may(actor, (enum report_event)ev))
		st = err_set(e, ST_FORBIDDEN, NULL, "只有承办部门可以办理该报告");
	if (!st && in->if_updated_at && in->if_updated_at != cur.r.updated_at) {
		*out = cur;
		st = err_set(e, ST_CONFLICT, "if_updated_at", "该报告已被他人更新，请确认后再提交");
	}
	enum report_state from = RST_REPORTED, to = RST_REPORTED;
	if (!st) {
		from = (enum report_state)report_state_from_code(cur.r.state);
		if (report_transition(from, (enum report_event)ev, &to) != REPORT_OK) {
			*out = cur;
			st = err_set(e, ST_CONFLICT, "state", "当前状态为「%s」，不能执行「%s」",
				     report_state_name(from), report_event_name((enum report_event)ev));
		}
	}
	const char *dept = NULL;
	if (!st)
		dept = report_my_dept(c, db);
	struct report_row r = cur.r;
	const char *note = rec_opt(in->note);
	if (!st && note && !text_ok(note, 1, 2000))
		st = err_set(e, ST_INVALID, "note", "说明不能超过 2000 字");
	if (!st && ev == REV_CONCLUDE) {
		if (!rec_opt(in->outcome) || !text_ok(in->outcome, 1, 2000))
			st = err_set(e, ST_INVALID, "outcome", "请填写办理结果（1–2000 字）");
	}
	uint32_t to_bits = 0;
	if (!st && ev == REV_TRANSFER) {
		uint32_t mine = (uint32_t)report_dept_from_code(dept);
		if (in->nto == 0)
			st = err_set(e, ST_INVALID, "to", "请选择移送的部门");
		if (!st)
			st = check_depts(in->to, in->nto, "to", &to_bits, e);
		if (!st && (to_bits & mine))
			st = err_set(e, ST_INVALID, "to", "不能移送给本部门");
		if (!st)
			r.depts = (r.depts & ~mine) | to_bits;
	}
	if (!st)
		st = report_settings_for(c, db, r.region_code, &s, NULL, e);
	if (!st) {
		r.state = report_state_code(to);
		switch ((enum report_event)ev) {
		case REV_ACCEPT:
			r.accepted_at = now;
			r.accepted_dept = dept;
			r.accepted_by = c->who->user_id;
			break;
		case REV_START_HANDLING:
			r.handling_at = now;
			break;
		case REV_CONCLUDE:
			r.concluded_at = now;
			r.outcome = in->outcome;
			break;
		case REV_TELL_OUTCOME:
			r.told_at = now;
			r.told_note = note;
			break;
		default:
			break;
		}
		r.updated_at = next_updated(cur.r.updated_at, now);
		report_redate(&r, &s, now);
		st = st_report_update(db, &r, cur.r.updated_at);
		if (st == ST_CONFLICT) {
			int st2 = report_load(c, db, id, 1, out, e);
			st = st2 ? st2 : err_set(e, ST_CONFLICT, "if_updated_at",
						"该报告已被他人更新，请确认后再提交");
		}
	}
	if (!st)
		st = st_report_routes_put(db, &r);
	if (!st) {
		const char *text = ev == REV_CONCLUDE ? in->outcome : note;
		if (ev == REV_TRANSFER) {
			char names[64] = "";
			for (uint32_t b = 1; b <= RDEPT_EDUCATION; b <<= 1)
				if (to_bits & b) {
					strcat(names, names[0] ? "、" : "");
					strcat(names, report_dept_name(b));
				}
			text = note ? arena_printf(c->a, "移送至%s：%s", names, note)
				    : arena_printf(c->a, "移送至%s", names);
		}
		st = add_event(c, db, id, now, in->event, report_state_code(from), r.state, dept, text);
	}
	if (!st && (ev == REV_CONCLUDE || ev == REV_TELL_OUTCOME))
		st = child_open_reports(c, db, r.child_id, e);
	if (!st) {
		act.detail = arena_printf(c->a, "no=%s event=%s from=%s to=%s dept=%s", r.no, in->event,
					  report_state_code(from), r.state, dept ? dept : "");
		st = report_load(c, db, id, 1, out, e);
	}
	return app_finish(c, db, st, &act, e);
}

/* A handler's change that is not a state step (a note, a link): bumps updated_at, re-dates. */
static int touch(struct ctx *c, struct db *db, struct report_row *r, int64_t now, struct err *e)
{
	struct report_settings s;
	int64_t seen = r->updated_at;
	int st = report_settings_for(c, db, r->region_code, &s, NULL, e);
	if (!st) {
		r->updated_at = next_updated(seen, now);
		report_redate(r, &s, now);
		st = st_report_update(db, r, seen);
		if (st == ST_CONFLICT)
			st = err_set(e, ST_CONFLICT, "if_updated_at", "该报告已被他人更新，请确认后再提交");
	}
	if (!st)
		st = st_report_routes_put(db, r);
	return st;
}

int reports_note(struct ctx *c, int64_t id, const char *text, struct report_view *out,
		 struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("report.note", "report", id, 0);
	struct report_view cur;
	int64_t now = clock_now_ms();
	int st = app_require(c, PERM_REPORT_HANDLE, e);
	if (!st)
		st = report_load(c, db, id, 0, &cur, e);
	if (!st)
		act.region_code = cur.r.region_code;
	if (!st && !cur.r.as_handler)
		st = err_set(e, ST_FORBIDDEN, NULL, "只有承办部门可以填写处置记录");
	if (!st && (!rec_opt(text) || !text_ok(text, 1, 2000)))
		st = err_set(e, ST_INVALID, "text", "请填写处置记录（1–2000 字）");
	const char *dept = NULL;
	if (!st) {
		dept = report_my_dept(c, db);
		st = touch(c, db, &cur.r, now, e);
	}
	if (!st)
		st = add_event(c, db, id, now, "note", NULL, NULL, dept, text);
	if (!st) {
		act.detail = arena_printf(c->a, "no=%s dept=%s", cur.r.no, dept ? dept : "");
		st = report_load(c, db, id, 1, out, e);
	}
	return app_finish(c, db, st, &act, e);
}

int reports_link(struct ctx *c, int64_t id, int64_t child_id, struct report_view *out,
		 struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("report.link", "report", id, 0);
	struct report_view cur;
	struct child_row child;
	int64_t now = clock_now_ms();
	int st = app_require(c, PERM_REPORT_HANDLE, e);
	if (!st)
		st = report_load(c, db, id, 0, &cur, e);
	if (!st)
		act.region_code = cur.r.region_code;
	if (!st && !cur.r.as_supervisor && !(cur.r.as_handler && is_civil_affairs(c, db)))
		st = err_set(e, ST_FORBIDDEN, NULL, "只有民政承办人员或督导人员可以关联儿童档案");
	if (!st && cur.r.child_id) {
		*out = cur;
		st = err_set(e, ST_CONFLICT, "child_id", "该报告已关联儿童档案");
	}
	if (!st && !child_id)
		st = err_set(e, ST_INVALID, "child_id", "请选择儿童档案");
	if (!st) {
		st = rec_child_in_scope(c, db, child_id, &child, e);
		if (st == ST_NOT_FOUND)
			st = err_set(e, ST_INVALID, "child_id", "所选儿童档案不存在或不在您的管理范围内");
	}
	if (!st) {
		cur.r.child_id = child_id;
		st = touch(c, db, &cur.r, now, e);
	}
	if (!st)
		st = add_event(c, db, id, now, "link", NULL, NULL, report_my_dept(c, db),
			       arena_printf(c->a, "关联儿童档案：%s", child.name));
	if (!st)
		st = child_open_reports(c, db, child_id, e);
	if (!st) {
		act.detail = arena_printf(c->a, "no=%s child=%lld", cur.r.no, (long long)child_id);
		st = report_load(c, db, id, 1, out, e);
	}
	return app_finish(c, db, st, &act, e);
}

/* One report past its escalation instant: escalated once for its stage. */
static int escalate_one(struct ctx *c, int64_t id, int64_t now, int *done, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = rec_action("report.escalate", "report", id, 0);
	struct report_access all = { .all = 1 };
	struct report_row r;
	*done = 0;
	int st = st_report_get(db, c->a, &all, id, &r);
	int due = !st && r.stage && !r.escalated_at && r.escalate_at && r.escalate_at < now;
	if (!st && !due)   /* moved on meanwhile: nothing to do, nothing to audit */
		return app_finish(c, db, ST_OK, NULL, e);
	if (!st) {
		int64_t seen = r.updated_at;
		act.region_code = r.region_code;
		r.escalated_at = now;
		r.qkey = r.due_at;
		r.updated_at = next_updated(seen, now);
		st = st_report_update(db, &r, seen);
		if (!st)
			st = st_report_routes_put(db, &r);
	}
	const char *stage_name = "";
	if (!st) {
		stage_name = strcmp(r.stage, "accept") == 0 ? "受理" : strcmp(r.stage, "conclude") == 0
			? "办结" : "反馈报告人";
		st = add_event(c, db, id, now, "escalate", r.state, r.state, NULL,
			       arena_printf(c->a, "「%s」已超过时限，提请督导人员督办", stage_name));
	}
	if (!st) {
		act.detail = arena_printf(c->a, "no=%s stage=%s", r.no, r.stage);
		*done = 1;
	}
	return app_finish(c, db, st, &act, e);
}

int reports_deadline_check(struct ctx *c, int64_t *escalated, struct err *e)
{
	*escalated = 0;
	int64_t now = clock_now_ms();
	for (;;) {
		struct arena a = ARENA_INIT;
		struct ctx bc = *c;
		bc.a = &a;
		struct db *db = store_acquire(c->app->store);
		int64_t *ids;
		int n = 0;
		int st = st_report_escalation_due(db, &a, now, 200, &ids, &n);
		store_release(c->app->store, db);
		for (int i = 0; !st && i < n; i++) {
			int done = 0;
			st = escalate_one(&bc, ids[i], now, &done, e);
			*escalated += done;
		}
		arena_release(&a);
		if (st)
			return st;
		if (n < 200)
			return ST_OK;
	}
}
