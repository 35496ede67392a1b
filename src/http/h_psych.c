/* h_psych.c: issue 5 (being written). */
#include "http/http.h"
