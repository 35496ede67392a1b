/* child_sql.h: the columns and joins of a child's row, shared by the store files that read
 * whole files (children.c, standing.c). Private to src/store. */
#ifndef SHOUHU_CHILD_SQL_H
#define SHOUHU_CHILD_SQL_H

#include "store/db.h"
#include "store/store.h"

#define CHILD_COLS                                                                             \
	"c.id, c.region_code, c.school_org_id, c.director_id, c.created_at, c.created_by,"      \
	" c.updated_at, c.name, c.sex, c.ethnicity, c.birth_date, c.id_cipher, c.id_index,"    \
	" c.id_masked, c.hukou_registered, c.hukou_type, c.hukou_address, c.current_address,"  \
	" c.health, c.disability_kind, c.disability_grade, c.illness, c.school_stage,"         \
	" c.schooling_status, c.school_name, c.school_grade, c.boarding, c.economic,"          \
	" c.parents_divorced, c.harmed, c.misbehaviour, c.guardianship_note, c.notes,"         \
	" c.recorded_categories, c.derived_categories, c.mismatch, c.recheck_on, c.turning_on," \
	" c.status, c.exit_reason, c.exit_date, c.exit_note, c.version,"                       \
	" c.last_contact_on, c.last_home_visit_on, c.caregiver_capacity, c.contact_due_on,"    \
	" c.visit_due_on, c.next_due_on, c.risk_level, c.risk_score, c.restand_on,"             \
	" c.guardianship_result, c.guardianship_next_on, c.psych_result, c.open_reports,"       \
	" r.name, t.name, u.display_name, o.name"

#define CHILD_JOINS                                                                   \
	" JOIN regions r ON r.code = c.region_code"                                   \
	" LEFT JOIN regions t ON t.code = r.parent"                                   \
	" LEFT JOIN users u ON u.id = c.director_id"                                  \
	" LEFT JOIN orgs o ON o.id = c.school_org_id"
#define CHILD_FROM " FROM children c" CHILD_JOINS

/* Reads the CHILD_COLS of row i starting at column k; returns the next column. */
int child_read_cols(const struct db_res *r, int i, int k, struct child_row *c);

#endif
