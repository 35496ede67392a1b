/* buf.h: a growable byte buffer with a mandatory maximum size (after curl's dynbuf): appending
 * past the maximum fails with ST_TOO_LARGE, which gives every reader of untrusted input a limit. */
#ifndef SHOUHU_BUF_H
#define SHOUHU_BUF_H

#include <stddef.h>

struct buf {
	char *data;     /* always NUL-terminated when not NULL */
	size_t len, cap, max;
};

void buf_init(struct buf *b, size_t max);
int buf_append(struct buf *b, const void *p, size_t n);     /* ST_OK or ST_TOO_LARGE */
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);                              /* len = 0, keeps memory */
void buf_free(struct buf *b);

#endif
