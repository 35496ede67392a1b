/* store_cases.h: issue 5 (being written). */
#ifndef SHOUHU_STORE_CASES_H
#define SHOUHU_STORE_CASES_H

#endif
