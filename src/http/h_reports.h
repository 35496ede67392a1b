/* h_reports.h: the handlers of h_reports.c (issue 5: mandatory reports, 强制报告), for the route
 * table. */
#ifndef SHOUHU_H_REPORTS_H
#define SHOUHU_H_REPORTS_H

#include "http/http.h"

int h_reports_meta(struct hreq *r, struct err *e);
int h_reports_summary(struct hreq *r, struct err *e);
int h_reports(struct hreq *r, struct err *e);
int h_report_create(struct hreq *r, struct err *e);
int h_report_get(struct hreq *r, struct err *e);
int h_report_event(struct hreq *r, struct err *e);
int h_report_note(struct hreq *r, struct err *e);
int h_report_link(struct hreq *r, struct err *e);
int h_child_reports(struct hreq *r, struct err *e);
int h_settings_reports_get(struct hreq *r, struct err *e);
int h_settings_reports_put(struct hreq *r, struct err *e);

#endif
