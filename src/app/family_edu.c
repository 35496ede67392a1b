/* family_edu.c: issue 5 (being written). */
#include "app/app.h"
