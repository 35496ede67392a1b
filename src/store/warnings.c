/* warnings.c (store): warnings (预警) and visit photos (store_warnings.h). */
#include "store/store.h"
