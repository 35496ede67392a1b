/* reports.h: issue 5 (being written). */
#ifndef SHOUHU_APP_REPORTS_H
#define SHOUHU_APP_REPORTS_H

#endif
