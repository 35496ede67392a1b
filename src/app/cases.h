/* cases.h: issue 5 (being written). */
#ifndef SHOUHU_APP_CASES_H
#define SHOUHU_APP_CASES_H

#endif
