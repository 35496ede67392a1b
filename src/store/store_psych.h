/* store_psych.h: issue 5 (being written). */
#ifndef SHOUHU_STORE_PSYCH_H
#define SHOUHU_STORE_PSYCH_H

#endif
