/* router.c: the route table. Every routed path must also be in openapi.json (a test checks). */
#include <string.h>

#include "http/http.h"
#include "http/h_psych.h"   /* issue 5: psychological care */
#include "http/h_guard.h"   /* issue 5: guardianship */
#include "http/h_reports.h" /* issue 5: mandatory reports */
#include "http/h_cases.h"   /* issue 5: interventions and placements */

static const struct route routes[] = {
	{ "GET", "/healthz", h_healthz, R_PUBLIC },
	{ "GET", "/api/v1/openapi.json", h_openapi, R_PUBLIC },
	{ "POST", "/api/v1/session", h_login, R_PUBLIC },
	{ "DELETE", "/api/v1/session", h_logout, R_PW_CHANGE_OK },
	{ "GET", "/api/v1/me", h_me, R_PW_CHANGE_OK },
	{ "PUT", "/api/v1/me/password", h_password, R_PW_CHANGE_OK },
	{ "GET", "/api/v1/roles", h_roles, 0 },
	{ "GET", "/api/v1/org-types", h_org_types, 0 },
	{ "GET", "/api/v1/regions", h_regions, 0 },
	{ "GET", "/api/v1/regions/{code}", h_region_get, 0 },
	{ "GET", "/api/v1/orgs", h_orgs, 0 },
	{ "POST", "/api/v1/orgs", h_org_create, 0 },
	{ "GET", "/api/v1/orgs/export.xlsx", h_orgs_export, 0 },
	{ "GET", "/api/v1/orgs/{id}", h_org_get, 0 },
	{ "PUT", "/api/v1/orgs/{id}", h_org_update, 0 },
	{ "GET", "/api/v1/users", h_users, 0 },
	{ "POST", "/api/v1/users", h_user_create, 0 },
	{ "GET", "/api/v1/users/export.xlsx", h_users_export, 0 },
	{ "GET", "/api/v1/users/{id}", h_user_get, 0 },
	{ "PUT", "/api/v1/users/{id}", h_user_update, 0 },
	{ "POST", "/api/v1/users/{id}/password", h_user_password, 0 },
	{ "PUT", "/api/v1/users/{id}/role", h_user_role, 0 },
	{ "POST", "/api/v1/users/{id}/unlock", h_user_unlock, 0 },
	{ "GET", "/api/v1/login-log", h_login_log, 0 },
	{ "GET", "/api/v1/audit-log", h_audit_log, 0 },
	{ "GET", "/api/v1/audit-log/verify", h_audit_verify, 0 },
	{ "GET", "/api/v1/audit-actions", h_audit_actions, 0 },
	{ "GET", "/api/v1/child-dicts", h_child_dicts, 0 },
	{ "GET", "/api/v1/directors", h_directors, 0 },
	{ "GET", "/api/v1/children", h_children, 0 },
	{ "POST", "/api/v1/children", h_child_create, 0 },
	{ "GET", "/api/v1/children/export.xlsx", h_children_export, 0 },
	{ "GET", "/api/v1/children/import-template.xlsx", h_child_import_template, 0 },
	{ "POST", "/api/v1/children/import", h_children_import, R_BIG_BODY },
	{ "GET", "/api/v1/children/import-report/{token}", h_child_import_report, 0 },
	{ "GET", "/api/v1/children/files.zip", h_children_files_zip, 0 },
	{ "GET", "/api/v1/children/{id}", h_child_get, 0 },
	{ "PUT", "/api/v1/children/{id}", h_child_update, 0 },
	{ "GET", "/api/v1/children/{id}/sensitive", h_child_sensitive, 0 },
	{ "POST", "/api/v1/children/{id}/exit", h_child_exit, 0 },
	{ "POST", "/api/v1/children/{id}/reactivate", h_child_reactivate, 0 },
	{ "GET", "/api/v1/children/{id}/history", h_child_history, 0 },
	{ "GET", "/api/v1/children/{id}/photo", h_child_photo_get, 0 },
	{ "PUT", "/api/v1/children/{id}/photo", h_child_photo_put, R_BIG_BODY },
	{ "GET", "/api/v1/children/{id}/file.pdf", h_child_pdf, 0 },
	{ "GET", "/api/v1/children/{id}/visits", h_child_visits, 0 },
	{ "POST", "/api/v1/children/{id}/visits", h_visit_create, 0 },
	{ "GET", "/api/v1/children/{id}/problems", h_child_problems, 0 },
	{ "POST", "/api/v1/children/{id}/problems", h_problem_create, 0 },
	{ "GET", "/api/v1/children/{id}/care", h_child_care, 0 },
	{ "POST", "/api/v1/children/{id}/care", h_care_create, 0 },
	{ "GET", "/api/v1/children/{id}/schedule", h_child_schedule, 0 },
	{ "GET", "/api/v1/children/{id}/risk", h_child_risk, 0 },
	{ "PUT", "/api/v1/children/{id}/risk/override", h_risk_override_put, 0 },
	{ "DELETE", "/api/v1/children/{id}/risk/override", h_risk_override_delete, 0 },
	{ "GET", "/api/v1/children/{id}/risk/history", h_risk_history, 0 },
	{ "GET", "/api/v1/children/{id}/warnings", h_child_warnings, 0 },
	{ "GET", "/api/v1/children/{id}/psych/screenings", h_psych_screenings, 0 },
	{ "POST", "/api/v1/children/{id}/psych/screenings", h_psych_screening_create, 0 },
	{ "GET", "/api/v1/children/{id}/psych/referrals", h_child_psych_referrals, 0 },
	{ "GET", "/api/v1/psych/referrals", h_psych_referrals, 0 },
	{ "GET", "/api/v1/psych/referrals/{id}", h_psych_referral_get, 0 },
	{ "POST", "/api/v1/psych/referrals/{id}/events", h_psych_referral_event, 0 },
	{ "POST", "/api/v1/psych/referrals/{id}/followups", h_psych_followup_create, 0 },
	{ "GET", "/api/v1/visit-dicts", h_visit_dicts, 0 },
	{ "GET", "/api/v1/visits", h_visits, 0 },
	{ "GET", "/api/v1/visits/{id}", h_visit_get, 0 },
	{ "GET", "/api/v1/visits/{id}/photo", h_visit_photo_get, 0 },
	{ "PUT", "/api/v1/visits/{id}/photo", h_visit_photo_put, R_BIG_BODY },
	{ "GET", "/api/v1/problems", h_problems, 0 },
	{ "GET", "/api/v1/problems/{id}", h_problem_get, 0 },
	{ "POST", "/api/v1/problems/{id}/notes", h_problem_note, 0 },
	{ "POST", "/api/v1/problems/{id}/resolve", h_problem_resolve, 0 },
	{ "GET", "/api/v1/work-logs", h_worklogs, 0 },
	{ "POST", "/api/v1/work-logs", h_worklog_create, 0 },
	{ "GET", "/api/v1/schedule", h_schedule, 0 },
	{ "GET", "/api/v1/warnings", h_warnings, 0 },
	{ "GET", "/api/v1/warnings/summary", h_warnings_summary, 0 },
	{ "GET", "/api/v1/workspace", h_workspace, 0 },
	{ "GET", "/api/v1/settings/security", h_settings_get, 0 },
	{ "PUT", "/api/v1/settings/security", h_settings_put, 0 },
	{ "GET", "/api/v1/settings/visits", h_settings_visits_get, 0 },
	{ "PUT", "/api/v1/settings/visits", h_settings_visits_put, 0 },
	/* issue 5: mandatory reports (h_reports.c) */
	{ "GET", "/api/v1/reports/meta", h_reports_meta, 0 },
	{ "GET", "/api/v1/reports/summary", h_reports_summary, 0 },
	{ "GET", "/api/v1/reports", h_reports, 0 },
	{ "POST", "/api/v1/reports", h_report_create, 0 },
	{ "GET", "/api/v1/reports/{id}", h_report_get, 0 },
	{ "POST", "/api/v1/reports/{id}/events", h_report_event, 0 },
	{ "POST", "/api/v1/reports/{id}/notes", h_report_note, 0 },
	{ "POST", "/api/v1/reports/{id}/link", h_report_link, 0 },
	{ "GET", "/api/v1/children/{id}/reports", h_child_reports, 0 },
	{ "GET", "/api/v1/settings/reports", h_settings_reports_get, 0 },
	{ "PUT", "/api/v1/settings/reports", h_settings_reports_put, 0 },
	/* issue 5: guardianship assessment, entrusted care, family education (h_guard.c) */
	{ "GET", "/api/v1/guardianship/instrument", h_guard_instrument, 0 },
	{ "GET", "/api/v1/children/{id}/assessments", h_child_assessments, 0 },
	{ "POST", "/api/v1/children/{id}/assessments", h_assessment_create, 0 },
	{ "GET", "/api/v1/assessments/{id}", h_assessment_get, 0 },
	{ "GET", "/api/v1/settings/guardianship", h_settings_guard_get, 0 },
	{ "PUT", "/api/v1/settings/guardianship", h_settings_guard_put, 0 },
	{ "GET", "/api/v1/children/{id}/care-agreements", h_child_agreements, 0 },
	{ "POST", "/api/v1/children/{id}/care-agreements", h_agreement_create, 0 },
	{ "GET", "/api/v1/care-agreements/{id}", h_agreement_get, 0 },
	{ "PUT", "/api/v1/care-agreements/{id}", h_agreement_update, 0 },
	{ "GET", "/api/v1/care-agreements/{id}/copy", h_agreement_copy_get, 0 },
	{ "PUT", "/api/v1/care-agreements/{id}/copy", h_agreement_copy_put, R_BIG_BODY },
	{ "GET", "/api/v1/children/{id}/family-education", h_child_family_edu, 0 },
	{ "POST", "/api/v1/children/{id}/family-education", h_family_edu_create, 0 },
	{ "GET", "/api/v1/family-education/coverage", h_family_edu_coverage, 0 },
	/* issue 5: interventions, the register (专项台账) and placements (h_cases.c) */
	{ "GET", "/api/v1/children/{id}/interventions", h_child_interventions, 0 },
	{ "POST", "/api/v1/children/{id}/interventions", h_intervention_create, 0 },
	{ "GET", "/api/v1/interventions", h_interventions, 0 },
	{ "GET", "/api/v1/interventions/export.xlsx", h_interventions_export, 0 },
	{ "GET", "/api/v1/interventions/{id}", h_intervention_get, 0 },
	{ "PUT", "/api/v1/interventions/{id}", h_intervention_update, 0 },
	{ "POST", "/api/v1/interventions/{id}/followups", h_intervention_followup, 0 },
	{ "GET", "/api/v1/children/{id}/placements", h_child_placements, 0 },
	{ "POST", "/api/v1/children/{id}/placements", h_placement_create, 0 },
	{ "GET", "/api/v1/placements", h_placements, 0 },
	{ "PUT", "/api/v1/placements/{id}", h_placement_update, 0 },
	{ "POST", "/api/v1/placements/{id}/reviews", h_placement_review, 0 },
};

const struct route *route_at(int i)
{
	if (i < 0 || i >= (int)(sizeof routes / sizeof routes[0]))
		return NULL;
	return &routes[i];
}

/* Matches path against pattern, capturing {name} segments into r->params. */
static int match(const char *pattern, const char *path, struct hreq *r)
{
	int n = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *end = strchr(s, '/');
			size_t len = end ? (size_t)(end - s) : strlen(s);
			if (len == 0 || n >= MAX_PATH_PARAMS)
				return 0;
			if (r)
				r->params[n] = arena_strndup(&r->a, s, len);
			n++;
			s += len;
			p = strchr(p, '}') + 1;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	if (*p || *s)
		return 0;
	if (r)
		r->nparams = n;
	return 1;
}

const struct route *route_match(const char *method, const char *path, struct hreq *r,
				int *path_known)
{
	*path_known = 0;
	/* literal routes are listed before {param} routes of the same shape, so order decides */
	for (const struct route *rt = routes; rt < routes + sizeof routes / sizeof routes[0]; rt++) {
		if (!match(rt->pattern, path, NULL))
			continue;
		*path_known = 1;
		int same = strcmp(rt->method, method) == 0 ||
			   (strcmp(method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0);
		if (same) {
			match(rt->pattern, path, r);
			return rt;
		}
	}
	return NULL;
}

void http_print_routes(FILE *f)
{
	for (const struct route *rt = routes; rt < routes + sizeof routes / sizeof routes[0]; rt++)
		fprintf(f, "%s %s\n", rt->method, rt->pattern);
}
