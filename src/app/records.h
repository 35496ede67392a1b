/* records.h: what the record use cases of issue 4 share (visits.c, problems.c, care.c,
 * schedule.c): actions, scope and state checks, day text, history rows. Internal to src/app. */
#ifndef SHOUHU_APP_RECORDS_H
#define SHOUHU_APP_RECORDS_H

#include "app/app.h"

#define COUNT(t) ((int)(sizeof t / sizeof t[0]))

struct action rec_action(const char *name, const char *type, int64_t id, int64_t region);
void rec_set_object(struct action *act, int64_t id);
/* Visits, problems, work logs and the schedule are the caseworkers' (see visits.h). */
int rec_require_caseworker(struct ctx *c, struct err *e);
/* The child inside the caller's scope; ST_NOT_FOUND (儿童档案不存在) otherwise. */
int rec_child_in_scope(struct ctx *c, struct db *db, int64_t id, struct child_row *row,
		       struct err *e);
int rec_child_active(const struct child_row *row, struct err *e);
struct cdate rec_today(void);   /* today in China Standard Time */
const char *rec_day_text(struct arena *a, struct cdate d);
int rec_history(struct ctx *c, struct db *db, const struct child_row *row, const char *field,
		const char *text);
const char *rec_opt(const char *s);   /* optional text: "" is absent */
/* Required text of at most max_chars characters (counted as UTF-8 bytes / 3, CJK text). */
int rec_text_ok(const char *s, size_t max_chars);
/* The county around a region: assignees and providers may be anywhere in it. */
struct scope rec_county_of(int64_t region);
int rec_valid_uuid(const char *s);
/* 400 `client_id` unless absent (NULL) or a UUID. */
int rec_check_client_id(const char *client_id, struct err *e);
/* visit_late_days of the county of region (visit_settings_for; the default when unreadable). */
int rec_late_days(struct ctx *c, struct db *db, int64_t region);
/* A person (user_id) or organisation (org_id) inside the county of region; 0 skips a check. */
int rec_check_assignees(struct ctx *c, struct db *db, int64_t region, int64_t user_id,
			int64_t org_id, const char *user_field, const char *org_field, struct err *e);

#endif
