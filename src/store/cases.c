/* store/cases.c: issue 5 (being written). */
#include "store/store.h"
