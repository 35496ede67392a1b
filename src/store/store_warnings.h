/* store_warnings.h: see migration 0004 (issue 4). Included at the end of store.h. */
#ifndef SHOUHU_STORE_WARNINGS_H
#define SHOUHU_STORE_WARNINGS_H

#endif
