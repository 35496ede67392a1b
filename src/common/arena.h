/* arena.h: a bump allocator. Each HTTP request owns one; everything allocated from it is
 * released at once when the response completes (arena_release). Allocation never fails
 * silently: out of memory aborts, as there is no useful recovery in a request. */
#ifndef SHOUHU_ARENA_H
#define SHOUHU_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t total;   /* bytes handed out, for limits and benchmarks */
};

#define ARENA_INIT { 0 }

void *arena_alloc(struct arena *a, size_t n);            /* zeroed, aligned to 16 */
char *arena_strdup(struct arena *a, const char *s);      /* NULL stays NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);
void arena_release(struct arena *a);                     /* frees all; arena is reusable */

#endif
