/* h_guard.c: issue 5 (being written). */
#include "http/http.h"
