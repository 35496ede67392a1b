/* guard.h: issue 5 (being written). */
#ifndef SHOUHU_APP_GUARD_H
#define SHOUHU_APP_GUARD_H

#endif
