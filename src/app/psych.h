/* psych.h: issue 5 (being written). */
#ifndef SHOUHU_APP_PSYCH_H
#define SHOUHU_APP_PSYCH_H

#endif
