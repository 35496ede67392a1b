/* store_guard.h: issue 5 (being written). */
#ifndef SHOUHU_STORE_GUARD_H
#define SHOUHU_STORE_GUARD_H

#endif
