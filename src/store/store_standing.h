/* store_standing.h: see migration 0004 (issue 4). Included at the end of store.h. */
#ifndef SHOUHU_STORE_STANDING_H
#define SHOUHU_STORE_STANDING_H

#endif
