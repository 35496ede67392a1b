/* logs.c: the login log and the audit trail, for the audit administrator alone (R2), and the
 * verification of the audit hash chain. Reading a log is itself audited. */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "common/timeutil.h"

int audit_row_hash_ok(const struct keys *k, const char *prev, const struct audit_row *r);

/* Every action the audit trail records, with its Chinese name for the auditor. A new use case
 * adds its action here. */
static const char *const actions[][2] = {
	{ "session.logout", "退出登录" }, { "password.change", "修改密码" },
	{ "region.import", "导入区划" }, { "org.create", "新增机构" }, { "org.update", "修改机构" },
	{ "org.export", "导出机构" }, { "user.create", "新增用户" }, { "user.update", "修改用户" },
	{ "user.password_reset", "重置密码" }, { "user.role_assign", "分配角色" },
	{ "user.unlock", "解锁用户" }, { "user.export", "导出用户" },
	{ "login_log.read", "查看登录日志" }, { "audit_log.read", "查看审计日志" },
	{ "settings.update", "修改安全设置" }, { "child.list", "查询儿童名单" },
	{ "child.read", "查看儿童档案" }, { "child.create", "新增儿童档案" },
	{ "child.update", "修改儿童档案" }, { "child.unmask", "查看完整证件号码" },
	{ "child.exit", "儿童退出关爱" }, { "child.reactivate", "儿童恢复关爱" },
	{ "child.history", "查看档案变更记录" }, { "child.export", "导出儿童花名册" },
	{ "child.sweep", "每日类别复核" }, { "child.import", "批量导入儿童" },
	{ "child.import_template", "下载导入模板" }, { "child.import_report", "下载导入错误报告" },
	{ "child.pdf", "打印儿童档案" }, { "child.pdf_zip", "批量导出儿童档案" },
	{ "child.photo", "查看儿童照片" }, { "child.photo_update", "上传儿童照片" },
	{ "visit.create", "记录走访" }, { "visit.read", "查看走访记录" },
	{ "visit.list", "查询走访记录" }, { "problem.create", "登记发现问题" },
	{ "problem.read", "查看问题" }, { "problem.list", "查询问题" },
	{ "problem.note", "填写问题进展" }, { "problem.resolve", "问题办结" },
	{ "care.create", "登记关爱帮扶" }, { "care.list", "查询关爱帮扶记录" },
	{ "work_log.create", "填写工作日志" }, { "work_log.list", "查询工作日志" },
	{ "schedule.list", "查询走访计划" }, { "schedule.read", "查看儿童走访计划" },
	{ "risk.read", "查看风险等级" }, { "risk.override", "人工调整风险等级" },
	{ "risk.override_clear", "取消人工调整风险等级" }, { "risk.history", "查看风险等级变化" },
	{ "settings.visits", "修改走访与预警设置" }, { "standing.sweep", "每日走访与风险复核" },
	{ "warning.list", "查询预警" }, { "warning.summary", "查看预警汇总" },
	{ "problem.escalate", "问题逾期升级" }, { "visit.photo", "查看走访照片" },
	{ "visit.photo_update", "上传走访照片" }, { "workspace.read", "下载离线工作数据" },
	/* issue 5: psychological care (心理关爱); details never carry a score or a result */
	{ "psych.screening.create", "登记心理筛查" }, { "psych.screening.list", "查看心理筛查记录" },
	{ "psych.referral.list", "查询心理转介" }, { "psych.referral.read", "查看心理转介" },
	{ "psych.referral.accept", "心理转介：接收" },
	{ "psych.referral.start", "心理转介：开始干预/治疗" },
	{ "psych.referral.close", "心理转介：结案" }, { "psych.referral.decline", "心理转介：未接收" },
	{ "psych.referral.event", "心理转介：状态变更（事件无效）" },
	{ "psych.followup", "登记心理随访" },
	/* issue 5: mandatory reports (强制报告); details never carry the report's text */
	{ "report.file", "提交强制报告" }, { "report.read", "查看强制报告" },
	{ "report.list", "查询强制报告" }, { "report.accept", "强制报告：受理" },
	{ "report.start_handling", "强制报告：开始处置" }, { "report.conclude", "强制报告：办结" },
	{ "report.tell_outcome", "强制报告：反馈报告人" }, { "report.transfer", "强制报告：移送" },
	{ "report.event", "强制报告：办理" }, { "report.note", "强制报告：处置记录" },
	{ "report.link", "强制报告：关联儿童档案" }, { "report.escalate", "强制报告超时升级" },
	{ "settings.reports", "修改强制报告时限设置" },
	/* issue 5: guardianship assessment, entrusted care, family education */
	{ "assessment.create", "登记监护能力评估" }, { "assessment.list", "查看监护能力评估记录" },
	{ "assessment.read", "查看监护能力评估" },
	{ "settings.guardianship", "修改监护能力评估设置" },
	{ "agreement.create", "登记委托照护协议" }, { "agreement.list", "查看委托照护协议" },
	{ "agreement.read", "查看委托照护协议详情" }, { "agreement.update", "修改委托照护协议" },
	{ "agreement.end", "终止委托照护协议" }, { "agreement.copy", "查看协议签署件" },
	{ "agreement.copy_update", "上传协议签署件" },
	{ "family_edu.create", "登记家庭教育指导" }, { "family_edu.list", "查看家庭教育指导记录" },
	{ "family_edu.coverage", "查询家庭教育指导覆盖情况" },
	{ "intervention.create", "登记干预措施" }, { "intervention.list", "查看儿童干预措施" },
	{ "intervention.read", "查看干预措施详情" }, { "intervention.update", "修改干预措施/案件办结" },
	{ "intervention.followup", "记录案后回访" }, { "intervention.register", "查询专项台账" },
	{ "intervention.export", "导出专项台账" },
	{ "placement.create", "登记监护安置" }, { "placement.list", "查看儿童监护安置" },
	{ "placement.update", "修改/结束监护安置" }, { "placement.review", "记录安置复查" },
	{ "placement.register", "查询监护安置列表" },
};

static const char *const object_types[][2] = {
	{ "session", "会话" }, { "user", "用户" }, { "region", "区划" }, { "org", "机构" },
	{ "login_log", "登录日志" }, { "audit_log", "审计日志" }, { "settings", "安全设置" },
	{ "child", "儿童档案" }, { "visit", "走访记录" }, { "problem", "问题" },
	{ "care", "关爱帮扶记录" }, { "work_log", "工作日志" }, { "schedule", "走访计划" },
	{ "visit_settings", "走访与预警设置" },
	{ "warning", "预警" }, { "workspace", "离线工作数据" },
	{ "report", "强制报告" }, { "report_settings", "强制报告时限设置" },
	{ "psych_screening", "心理筛查" }, { "psych_referral", "心理转介" },
	{ "assessment", "监护能力评估" }, { "care_agreement", "委托照护协议" },
	{ "family_edu", "家庭教育指导" }, { "guard_settings", "监护能力评估设置" },
	{ "intervention", "干预措施" }, { "placement", "监护安置" },
};

#define LOOKUP(table, code)                                                        \
	do {                                                                       \
		for (size_t i_ = 0; code && i_ < sizeof table / sizeof table[0]; i_++) \
			if (strcmp(table[i_][0], code) == 0)                        \
				return table[i_][1];                                \
		return NULL;                                                       \
	} while (0)

const char *audit_action_name(const char *code)
{
	LOOKUP(actions, code);
}

const char *audit_object_type_name(const char *code)
{
	LOOKUP(object_types, code);
}

const char *audit_action_at(int i, const char **name)
{
	if (i < 0 || i >= (int)(sizeof actions / sizeof actions[0]))
		return NULL;
	*name = actions[i][1];
	return actions[i][0];
}

static int build_filter(const struct log_query *q, struct log_filter *f, struct err *e)
{
	memset(f, 0, sizeof *f);
	f->username = q->username;
	f->outcome = q->outcome;
	f->action = q->action;
	f->object_type = q->object_type;
	if (q->from && *q->from && cst_parse_date(q->from, &f->from) != 0)
		return err_set(e, ST_INVALID, "from", "开始日期格式应为 YYYY-MM-DD");
	if (q->to && *q->to) {
		if (cst_parse_date(q->to, &f->to) != 0)
			return err_set(e, ST_INVALID, "to", "结束日期格式应为 YYYY-MM-DD");
		f->to += DAY_MS;   /* inclusive: up to the end of that day in CST */
	}
	return ST_OK;
}

int logs_login(struct ctx *c, const struct log_query *q, struct login_row **rows, int *n,
	       int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "login_log.read", .object_type = "login_log" };
	struct log_filter f;
	int st = app_require(c, PERM_AUDIT_READ, e);
	if (!st)
		st = build_filter(q, &f, e);
	if (!st)
		st = st_login_list(db, c->a, &f, app_page(q->page, q->page_size), rows, n, total);
	return app_finish(c, db, st, &act, e);
}

int logs_audit(struct ctx *c, const struct log_query *q, struct audit_row **rows, int *n,
	       int64_t *total, struct err *e)
{
	struct db *db = app_begin(c, 1, e);
	if (!db)
		return ST_DB;
	struct action act = { .name = "audit_log.read", .object_type = "audit_log" };
	struct log_filter f;
	int st = app_require(c, PERM_AUDIT_READ, e);
	if (!st)
		st = build_filter(q, &f, e);
	if (!st)
		st = st_audit_list(db, c->a, &f, app_page(q->page, q->page_size), rows, n, total);
	return app_finish(c, db, st, &act, e);
}

static void add_problem(struct ctx *c, struct verify_problem **p, int *n, int *cap, int64_t seq,
			const char *what)
{
	if (*n == *cap) {
		int ncap = *cap ? *cap * 2 : 16;
		struct verify_problem *np = arena_alloc(c->a, sizeof *np * (size_t)ncap);
		if (*n)
			memcpy(np, *p, sizeof *np * (size_t)*n);
		*p = np;
		*cap = ncap;
	}
	(*p)[(*n)++] = (struct verify_problem){ seq, what };
}

int audit_verify(struct ctx *c, int64_t *checked, struct verify_problem **problems, int *nproblems,
		 struct err *e)
{
	int st = app_require(c, PERM_AUDIT_READ, e);
	if (st)
		return st;
	*checked = 0;
	*nproblems = 0;
	*problems = NULL;
	int cap = 0;
	struct db *db = store_acquire(c->app->store);
	st = tx_begin(db, 0);   /* one snapshot on SQLite; on PostgreSQL rows past the head are skipped */
	int64_t expect = 1, head_seq = 0;
	const char *head_hash = NULL;
	char *prev = arena_strdup(c->a, "");
	if (!st)
		st = st_audit_head(db, c->a, &head_seq, &head_hash);
	while (!st) {
		struct arena batch = ARENA_INIT;
		struct audit_row *rows;
		int n;
		st = st_audit_batch(db, &batch, expect - 1, 1000, &rows, &n);
		int past_head = 0;
		for (int i = 0; !st && i < n; i++) {
			/* PostgreSQL reads each statement at its own snapshot: rows appended after the
			 * head was read are the next verification's */
			if (rows[i].seq > head_seq) {
				past_head = 1;
				break;
			}
			if (rows[i].seq != expect)
				add_problem(c, problems, nproblems, &cap, expect,
					    arena_printf(c->a, "rows %lld to %lld are missing",
							 (long long)expect, (long long)rows[i].seq - 1));
			else if (!audit_row_hash_ok(&c->app->keys, prev, &rows[i]))
				add_problem(c, problems, nproblems, &cap, rows[i].seq,
					    "row was changed (hash mismatch)");
			prev = arena_strdup(c->a, rows[i].hash ? rows[i].hash : "");
			expect = rows[i].seq + 1;
			(*checked)++;
		}
		arena_release(&batch);
		if (n < 1000 || past_head)
			break;
	}
	if (!st && expect - 1 != head_seq)
		add_problem(c, problems, nproblems, &cap, expect,
			    arena_printf(c->a, "rows %lld to %lld are missing at the end",
					 (long long)expect, (long long)head_seq));
	else if (!st && head_seq && strcmp(prev, head_hash) != 0)
		add_problem(c, problems, nproblems, &cap, head_seq, "last row does not match the chain head");
	tx_rollback(db);
	store_release(c->app->store, db);
	if (st)
		return err_set(e, st, NULL, "数据库暂时不可用，请稍后再试");
	return ST_OK;
}
