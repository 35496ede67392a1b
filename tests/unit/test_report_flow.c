/* Unit tests for src/domain/report_flow.c: every state × event pair against an explicit table,
 * who may act, the default routing, the deadlines and escalation around their boundaries (one
 * millisecond before, at and after), settings limits, and the code tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/report_flow.h"

#define HOUR ((int64_t)3600 * 1000)
#define DAY (24 * HOUR)
/* 2026-03-02 08:00 CST, an arbitrary filing instant. */
#define FILED ((int64_t)1772409600000)

static struct report_settings defaults(void)
{
	struct report_settings s;
	report_settings_default(&s);
	return s;
}

/* The expected state after each event; X: refused. Written out, not derived from the code. */
#define X (-1)
static const int expected[RST_COUNT][REV_COUNT] = {
	/*                  accept        start_handling  conclude       tell_outcome      transfer */
	[RST_REPORTED] = { RST_ACCEPTED, X, X, X, RST_REPORTED },
	[RST_ACCEPTED] = { X, RST_HANDLING, X, X, X },
	[RST_HANDLING] = { X, X, RST_CONCLUDED, X, X },
	[RST_CONCLUDED] = { X, X, X, RST_OUTCOME_TOLD, X },
	[RST_OUTCOME_TOLD] = { X, X, X, X, X },
};

static void every_state_event_pair(void **state)
{
	(void)state;
	int legal = 0, illegal = 0;
	for (int f = 0; f < RST_COUNT; f++)
		for (int e = 0; e < REV_COUNT; e++) {
			enum report_state to = (enum report_state)99;
			int rc = report_transition((enum report_state)f, (enum report_event)e, &to);
			if (expected[f][e] == X) {
				if (rc != REPORT_E_ILLEGAL)
					fail_msg("%s + %s: got %d, want refused", report_state_code(f),
						 report_event_code(e), rc);
				assert_int_equal(to, 99);   /* untouched */
				illegal++;
			} else {
				if (rc != REPORT_OK || (int)to != expected[f][e])
					fail_msg("%s + %s: rc %d to %d, want %s", report_state_code(f),
						 report_event_code(e), rc, (int)to,
						 report_state_code(expected[f][e]));
				legal++;
			}
		}
	assert_int_equal(legal, 5);
	assert_int_equal(illegal, RST_COUNT * REV_COUNT - 5);
}

/* The whole happy path, with a transfer before acceptance; nothing moves the final state. */
static void full_path_and_final_state(void **state)
{
	(void)state;
	enum report_state s = RST_REPORTED;
	const enum report_event path[] = { REV_TRANSFER, REV_ACCEPT, REV_START_HANDLING, REV_CONCLUDE,
					   REV_TELL_OUTCOME };
	const enum report_state after[] = { RST_REPORTED, RST_ACCEPTED, RST_HANDLING, RST_CONCLUDED,
					    RST_OUTCOME_TOLD };
	for (size_t i = 0; i < sizeof(path) / sizeof(path[0]); i++) {
		assert_int_equal(report_transition(s, path[i], &s), REPORT_OK);
		assert_int_equal(s, after[i]);
	}
	for (int e = 0; e < REV_COUNT; e++)
		assert_int_equal(report_transition(s, (enum report_event)e, NULL), REPORT_E_ILLEGAL);
	/* skipping a step is refused: no conclusion without handling, no outcome before it */
	assert_int_equal(report_transition(RST_REPORTED, REV_CONCLUDE, NULL), REPORT_E_ILLEGAL);
	assert_int_equal(report_transition(RST_ACCEPTED, REV_TELL_OUTCOME, NULL), REPORT_E_ILLEGAL);
	/* transfer only before acceptance */
	assert_int_equal(report_transition(RST_ACCEPTED, REV_TRANSFER, NULL), REPORT_E_ILLEGAL);
	assert_int_equal(report_transition(RST_HANDLING, REV_TRANSFER, NULL), REPORT_E_ILLEGAL);
}

static void out_of_range_values(void **state)
{
	(void)state;
	enum report_state to = RST_HANDLING;
	assert_int_equal(report_transition((enum report_state)RST_COUNT, REV_ACCEPT, &to),
			 REPORT_E_INVALID);
	assert_int_equal(report_transition((enum report_state)-1, REV_ACCEPT, &to), REPORT_E_INVALID);
	assert_int_equal(report_transition(RST_REPORTED, (enum report_event)REV_COUNT, &to),
			 REPORT_E_INVALID);
	assert_int_equal(report_transition(RST_REPORTED, (enum report_event)-1, &to),
			 REPORT_E_INVALID);
	assert_int_equal(to, RST_HANDLING);
	assert_int_equal(report_actor_may((enum report_actor)RACT_COUNT, REV_ACCEPT), 0);
	assert_int_equal(report_actor_may(RACT_HANDLER, (enum report_event)REV_COUNT), 0);
	assert_int_equal(report_actor_may((enum report_actor)-1, REV_ACCEPT), 0);
}

/* Only the handling department changes a report; the reporter, the supervisor and anyone else
 * never do. */
static void who_may_act(void **state)
{
	(void)state;
	for (int e = 0; e < REV_COUNT; e++) {
		assert_int_equal(report_actor_may(RACT_HANDLER, (enum report_event)e), 1);
		assert_int_equal(report_actor_may(RACT_REPORTER, (enum report_event)e), 0);
		assert_int_equal(report_actor_may(RACT_SUPERVISOR, (enum report_event)e), 0);
		assert_int_equal(report_actor_may(RACT_OTHER, (enum report_event)e), 0);
	}
}

static void default_routing(void **state)
{
	(void)state;
	const uint32_t pc = RDEPT_POLICE | RDEPT_CIVIL_AFFAIRS;
	const uint32_t want[RSIT_COUNT] = {
		[RSIT_SEXUAL_ASSAULT] = pc,     [RSIT_ABUSE_VIOLENCE] = pc,
		[RSIT_ABANDONMENT] = pc,        [RSIT_LEFT_WITHOUT_CARE] = pc,
		[RSIT_SELF_HARM] = RDEPT_CIVIL_AFFAIRS,
		[RSIT_MISSING] = pc,            [RSIT_TRAFFICKING] = pc,
		[RSIT_UNEXPLAINED_INJURY] = pc, [RSIT_OTHER] = RDEPT_CIVIL_AFFAIRS,
	};
	for (int s = 0; s < RSIT_COUNT; s++) {
		uint32_t r = report_default_routing((enum report_situation)s, 0);
		if (r != want[s])
			fail_msg("%s: routed to %u, want %u", report_situation_code(s), r, want[s]);
		/* a pupil's report goes to education as well, and to the same others */
		assert_int_equal(report_default_routing((enum report_situation)s, 1),
				 want[s] | RDEPT_EDUCATION);
		assert_true(r & RDEPT_CIVIL_AFFAIRS);
		assert_true(report_routing_valid(r));
	}
	assert_int_equal(report_default_routing((enum report_situation)RSIT_COUNT, 1), 0);
	assert_int_equal(report_default_routing((enum report_situation)-1, 0), 0);
}

static void routing_validity(void **state)
{
	(void)state;
	assert_false(report_routing_valid(0));
	assert_true(report_routing_valid(RDEPT_POLICE));
	assert_true(report_routing_valid(RDEPT_EDUCATION));
	assert_true(report_routing_valid(RDEPT_ALL));
	assert_false(report_routing_valid(1u << 3));
	assert_false(report_routing_valid(RDEPT_POLICE | (1u << 5)));
}

static struct report_deadline check(const struct report_times *t, enum report_stage st,
				    const struct report_settings *s, int64_t now)
{
	struct report_deadline d;
	memset(&d, 0x5a, sizeof(d));
	assert_int_equal(report_deadline_check(t, st, s, now, &d), 0);
	return d;
}

/* Acceptance within 24 hours of filing: at the deadline instant still on time, 1 ms later
 * overdue by 1 ms. */
static void accept_deadline_boundaries(void **state)
{
	(void)state;
	struct report_settings s = defaults();
	struct report_times t = { FILED, 0, 0, 0 };
	int64_t due = FILED + 24 * HOUR;

	struct report_deadline d = check(&t, RSTG_ACCEPT, &s, due - 1);
	assert_true(d.started);
	assert_false(d.done);
	assert_true(d.due_ms == due);
	assert_false(d.overdue);
	assert_false(d.escalate);
	assert_true(d.late_ms == 0);

	d = check(&t, RSTG_ACCEPT, &s, due);
	assert_false(d.overdue);
	assert_true(d.late_ms == 0);

	d = check(&t, RSTG_ACCEPT, &s, due + 1);
	assert_true(d.overdue);
	assert_false(d.escalate);
	assert_true(d.late_ms == 1);

	d = check(&t, RSTG_ACCEPT, &s, due + 90 * 60 * 1000);
	assert_true(d.overdue);
	assert_true(d.late_ms == 90 * 60 * 1000);

	/* right after filing: nothing due */
	d = check(&t, RSTG_ACCEPT, &s, FILED);
	assert_false(d.overdue);
}

/* Escalation to the supervisor after the deadline plus the grace (2 hours by default). */
static void escalation_boundaries(void **state)
{
	(void)state;
	struct report_settings s = defaults();
	struct report_times t = { FILED, 0, 0, 0 };
	int64_t esc = FILED + 24 * HOUR + 2 * HOUR;

	struct report_deadline d = check(&t, RSTG_ACCEPT, &s, esc - 1);
	assert_true(d.escalate_ms == esc);
	assert_true(d.overdue);
	assert_false(d.escalate);
	d = check(&t, RSTG_ACCEPT, &s, esc);
	assert_false(d.escalate);
	d = check(&t, RSTG_ACCEPT, &s, esc + 1);
	assert_true(d.escalate);
	assert_true(d.late_ms == 2 * HOUR + 1);

	/* no grace: escalated as soon as overdue */
	s.escalate_grace_hours = 0;
	d = check(&t, RSTG_ACCEPT, &s, FILED + 24 * HOUR);
	assert_false(d.overdue);
	assert_false(d.escalate);
	d = check(&t, RSTG_ACCEPT, &s, FILED + 24 * HOUR + 1);
	assert_true(d.overdue);
	assert_true(d.escalate);
}

/* A county setting of 8 hours moves the deadline. */
static void county_accept_hours(void **state)
{
	(void)state;
	struct report_settings s = defaults();
	s.accept_hours = 8;
	struct report_times t = { FILED, 0, 0, 0 };
	struct report_deadline d = check(&t, RSTG_ACCEPT, &s, FILED + 8 * HOUR);
	assert_false(d.overdue);
	d = check(&t, RSTG_ACCEPT, &s, FILED + 8 * HOUR + 1);
	assert_true(d.overdue);
	assert_true(d.late_ms == 1);
}

/* Once accepted the stage is closed: never overdue nor escalated, however late now is; an
 * acceptance after the deadline is recorded as late by how much. */
static void accepted_stage_is_closed(void **state)
{
	(void)state;
	struct report_settings s = defaults();
	int64_t due = FILED + 24 * HOUR;
	struct report_times t = { FILED, due, 0, 0 };

	struct report_deadline d = check(&t, RSTG_ACCEPT, &s, due + 30 * DAY);
	assert_true(d.done);
	assert_false(d.overdue);
	assert_false(d.escalate);
	assert_false(d.late);   /* accepted at the deadline instant: on time */
	assert_true(d.late_ms == 0);

	t.accepted_ms = due + 1;
	d = check(&t, RSTG_ACCEPT, &s, due + 30 * DAY);
	assert_true(d.late);
	assert_true(d.late_ms == 1);
	assert_false(d.escalate);
}

/* Conclusion within 30 days of acceptance and the outcome told within 7 days of conclusion
 * (the system's defaults); a stage not yet started has no deadline. */
static void later_stages(void **state)
{
	(void)state;
	struct report_settings s = defaults();
	int64_t acc = FILED + 3 * HOUR;
	struct report_times t = { FILED, acc, 0, 0 };

	struct report_deadline d = check(&t, RSTG_TELL, &s, acc + 400 * DAY);
	assert_false(d.started);
	assert_false(d.overdue);
	assert_false(d.escalate);

	int64_t due = acc + 30 * DAY;
	d = check(&t, RSTG_CONCLUDE, &s, due - 1);
	assert_true(d.started);
	assert_true(d.due_ms == due);
	assert_false(d.overdue);
	d = check(&t, RSTG_CONCLUDE, &s, due);
	assert_false(d.overdue);
	d = check(&t, RSTG_CONCLUDE, &s, due + 1);
	assert_true(d.overdue);
	assert_false(d.escalate);
	d = check(&t, RSTG_CONCLUDE, &s, due + 2 * HOUR + 1);
	assert_true(d.escalate);

	int64_t con = acc + 10 * DAY;
	t.concluded_ms = con;
	d = check(&t, RSTG_CONCLUDE, &s, due + 1);
	assert_true(d.done);
	assert_false(d.overdue);
	due = con + 7 * DAY;
	d = check(&t, RSTG_TELL, &s, due);
	assert_false(d.overdue);
	d = check(&t, RSTG_TELL, &s, due + 1);
	assert_true(d.overdue);
	assert_true(d.late_ms == 1);

	t.told_ms = due - 1;
	d = check(&t, RSTG_TELL, &s, due + DAY);
	assert_true(d.done);
	assert_false(d.late);
	assert_false(d.overdue);
}

static void deadline_bad_input(void **state)
{
	(void)state;
	struct report_settings s = defaults();
	struct report_times t = { FILED, 0, 0, 0 };
	struct report_deadline d;
	memset(&d, 0x5a, sizeof(d));
	struct report_deadline before = d;

	assert_int_equal(report_deadline_check(NULL, RSTG_ACCEPT, &s, FILED, &d), -1);
	assert_int_equal(report_deadline_check(&t, RSTG_ACCEPT, &s, FILED, NULL), -1);
	assert_int_equal(report_deadline_check(&t, RSTG_ACCEPT, NULL, FILED, &d), -1);
	assert_int_equal(report_deadline_check(&t, (enum report_stage)RSTG_COUNT, &s, FILED, &d), -1);
	s.accept_hours = 0;
	assert_int_equal(report_deadline_check(&t, RSTG_ACCEPT, &s, FILED, &d), -1);
	s = defaults();
	struct report_times no_start = { 0, FILED, 0, 0 };   /* accepted but never filed */
	assert_int_equal(report_deadline_check(&no_start, RSTG_ACCEPT, &s, FILED, &d), -1);
	struct report_times negative = { -5, 0, 0, 0 };
	assert_int_equal(report_deadline_check(&negative, RSTG_ACCEPT, &s, FILED, &d), -1);
	assert_memory_equal(&d, &before, sizeof(d));
}

static void settings_limits(void **state)
{
	(void)state;
	struct report_settings s = defaults();
	const char *field = NULL;
	assert_int_equal(s.accept_hours, 24);
	assert_int_equal(s.escalate_grace_hours, 2);
	assert_int_equal(s.conclude_days, 30);
	assert_int_equal(s.tell_days, 7);
	assert_int_equal(report_settings_check(&s, &field), 0);
	assert_null(field);

	struct {
		int *p, bad, good;
		const char *name;
	} cases[] = {
		{ &s.accept_hours, 0, 1, "accept_hours" },
		{ &s.accept_hours, 169, 168, "accept_hours" },
		{ &s.escalate_grace_hours, -1, 0, "escalate_grace_hours" },
		{ &s.escalate_grace_hours, 73, 72, "escalate_grace_hours" },
		{ &s.conclude_days, 0, 1, "conclude_days" },
		{ &s.conclude_days, 366, 365, "conclude_days" },
		{ &s.tell_days, 0, 1, "tell_days" },
		{ &s.tell_days, 91, 90, "tell_days" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = defaults();
		*cases[i].p = cases[i].bad;
		field = NULL;
		assert_int_equal(report_settings_check(&s, &field), -1);
		assert_string_equal(field, cases[i].name);
		*cases[i].p = cases[i].good;
		assert_int_equal(report_settings_check(&s, NULL), 0);
	}
}

static void code_tables(void **state)
{
	(void)state;
	static const char *const sit_names[RSIT_COUNT] = {
		"性侵害", "虐待或暴力伤害", "遗弃", "无人照料", "自伤自杀风险",
		"失踪", "疑似被拐卖", "不明原因受伤", "其他",
	};
	static const char *const sit_codes[RSIT_COUNT] = {
		"sexual_assault", "abuse_violence", "abandonment", "left_without_care", "self_harm",
		"missing", "trafficking", "unexplained_injury", "other",
	};
	for (int i = 0; i < RSIT_COUNT; i++) {
		assert_string_equal(report_situation_code(i), sit_codes[i]);
		assert_string_equal(report_situation_name(i), sit_names[i]);
		assert_int_equal(report_situation_from_code(sit_codes[i]), i);
	}
	for (int i = 0; i < RURG_COUNT; i++)
		assert_int_equal(report_urgency_from_code(report_urgency_code(i)), i);
	assert_string_equal(report_urgency_name(RURG_IMMEDIATE), "紧急");
	assert_string_equal(report_urgency_name(RURG_URGENT), "较急");
	assert_string_equal(report_urgency_name(RURG_NORMAL), "一般");
	for (int i = 0; i < RST_COUNT; i++)
		assert_int_equal(report_state_from_code(report_state_code(i)), i);
	assert_string_equal(report_state_name(RST_REPORTED), "已报告");
	assert_string_equal(report_state_name(RST_ACCEPTED), "已受理");
	assert_string_equal(report_state_name(RST_HANDLING), "处置中");
	assert_string_equal(report_state_name(RST_CONCLUDED), "已办结");
	assert_string_equal(report_state_name(RST_OUTCOME_TOLD), "已反馈报告人");
	for (int i = 0; i < REV_COUNT; i++) {
		assert_int_equal(report_event_from_code(report_event_code(i)), i);
		assert_true(report_event_name(i)[0] != '\0');
	}
	assert_string_equal(report_event_code(REV_TRANSFER), "transfer");
	assert_string_equal(report_event_name(REV_TRANSFER), "移送");
	for (int i = 0; i < RACT_COUNT; i++)
		assert_int_equal(report_actor_from_code(report_actor_code(i)), i);
	assert_string_equal(report_stage_code(RSTG_ACCEPT), "accept");
	assert_string_equal(report_stage_code(RSTG_TELL), "tell");
	assert_string_equal(report_stage_code((enum report_stage)RSTG_COUNT), "");

	assert_string_equal(report_dept_code(RDEPT_POLICE), "police");
	assert_string_equal(report_dept_name(RDEPT_POLICE), "公安");
	assert_string_equal(report_dept_name(RDEPT_CIVIL_AFFAIRS), "民政");
	assert_string_equal(report_dept_name(RDEPT_EDUCATION), "教育");
	assert_int_equal(report_dept_from_code("civil_affairs"), RDEPT_CIVIL_AFFAIRS);
	assert_int_equal(report_dept_from_code("education"), RDEPT_EDUCATION);
	assert_int_equal(report_dept_from_code("police"), RDEPT_POLICE);
	/* a department name is for one bit */
	assert_string_equal(report_dept_code(RDEPT_POLICE | RDEPT_EDUCATION), "");
	assert_string_equal(report_dept_name(0), "");
}

static void unknown_codes(void **state)
{
	(void)state;
	const char *bad[] = { "", "Police", "sexual-assault", "accepted ", "unknown", NULL };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(report_situation_from_code(bad[i]), -1);
		assert_int_equal(report_urgency_from_code(bad[i]), -1);
		assert_int_equal(report_dept_from_code(bad[i]), -1);
		assert_int_equal(report_state_from_code(bad[i]), -1);
		assert_int_equal(report_event_from_code(bad[i]), -1);
		assert_int_equal(report_actor_from_code(bad[i]), -1);
	}
	assert_string_equal(report_situation_code((enum report_situation)RSIT_COUNT), "");
	assert_string_equal(report_situation_name((enum report_situation)-1), "");
	assert_string_equal(report_urgency_code((enum report_urgency)RURG_COUNT), "");
	assert_string_equal(report_state_name((enum report_state)RST_COUNT), "");
	assert_string_equal(report_event_code((enum report_event)REV_COUNT), "");
	assert_string_equal(report_actor_name((enum report_actor)RACT_COUNT), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_state_event_pair),
		cmocka_unit_test(full_path_and_final_state),
		cmocka_unit_test(out_of_range_values),
		cmocka_unit_test(who_may_act),
		cmocka_unit_test(default_routing),
		cmocka_unit_test(routing_validity),
		cmocka_unit_test(accept_deadline_boundaries),
		cmocka_unit_test(escalation_boundaries),
		cmocka_unit_test(county_accept_hours),
		cmocka_unit_test(accepted_stage_is_closed),
		cmocka_unit_test(later_stages),
		cmocka_unit_test(deadline_bad_input),
		cmocka_unit_test(settings_limits),
		cmocka_unit_test(code_tables),
		cmocka_unit_test(unknown_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
