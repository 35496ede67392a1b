/* store_reports.h: issue 5 (being written). */
#ifndef SHOUHU_STORE_REPORTS_H
#define SHOUHU_STORE_REPORTS_H

#endif
