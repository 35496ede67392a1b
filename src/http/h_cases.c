/* h_cases.c: issue 5 (being written). */
#include "http/http.h"
