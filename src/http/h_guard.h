/* h_guard.h: the handlers of h_guard.c (issue 5: guardianship assessment, entrusted care,
 * family-education guidance), for the route table. */
#ifndef SHOUHU_H_GUARD_H
#define SHOUHU_H_GUARD_H

#include "http/http.h"

int h_guard_instrument(struct hreq *r, struct err *e);
int h_assessment_create(struct hreq *r, struct err *e);
int h_child_assessments(struct hreq *r, struct err *e);
int h_assessment_get(struct hreq *r, struct err *e);
int h_settings_guard_get(struct hreq *r, struct err *e);
int h_settings_guard_put(struct hreq *r, struct err *e);
int h_agreement_create(struct hreq *r, struct err *e);
int h_child_agreements(struct hreq *r, struct err *e);
int h_agreement_get(struct hreq *r, struct err *e);
int h_agreement_update(struct hreq *r, struct err *e);
int h_agreement_copy_put(struct hreq *r, struct err *e);
int h_agreement_copy_get(struct hreq *r, struct err *e);
int h_family_edu_create(struct hreq *r, struct err *e);
int h_child_family_edu(struct hreq *r, struct err *e);
int h_family_edu_coverage(struct hreq *r, struct err *e);

#endif
