/* visit_settings.c: see standing.h / visits.h (issue 4). */
#include "app/app.h"
