/* h_cases.h: the handlers of h_cases.c (issue 5: interventions and the guardianship-case
 * register, placements), for the route table. */
#ifndef SHOUHU_H_CASES_H
#define SHOUHU_H_CASES_H

#include "http/http.h"

int h_child_interventions(struct hreq *r, struct err *e);
int h_intervention_create(struct hreq *r, struct err *e);
int h_intervention_get(struct hreq *r, struct err *e);
int h_intervention_update(struct hreq *r, struct err *e);
int h_intervention_followup(struct hreq *r, struct err *e);
int h_interventions(struct hreq *r, struct err *e);
int h_interventions_export(struct hreq *r, struct err *e);
int h_child_placements(struct hreq *r, struct err *e);
int h_placement_create(struct hreq *r, struct err *e);
int h_placement_update(struct hreq *r, struct err *e);
int h_placement_review(struct hreq *r, struct err *e);
int h_placements(struct hreq *r, struct err *e);

#endif
