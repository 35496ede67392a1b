/* standing.c (store): stored due dates, risk grading and its history (store_standing.h). */
#include "store/store.h"
