/* h_psych.h: the handlers of psychological care (h_psych.c, issue 5), for the route table. */
#ifndef SHOUHU_H_PSYCH_H
#define SHOUHU_H_PSYCH_H

#include "http/http.h"

int h_psych_screenings(struct hreq *r, struct err *e);
int h_psych_screening_create(struct hreq *r, struct err *e);
int h_child_psych_referrals(struct hreq *r, struct err *e);
int h_psych_referrals(struct hreq *r, struct err *e);
int h_psych_referral_get(struct hreq *r, struct err *e);
int h_psych_referral_event(struct hreq *r, struct err *e);
int h_psych_followup_create(struct hreq *r, struct err *e);

#endif
