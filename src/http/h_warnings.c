/* h_warnings.c: handlers of issue 4 (see docs/API.md). */
#include "http/http.h"
