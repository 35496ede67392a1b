/* session_cache.h: recently resolved sessions kept in memory, so that an authenticated request
 * does not read two tables first. An entry is trusted for at most SESSION_CACHE_TTL_MS; every
 * change this process makes to an account or session (logout, password, role, status) drops the
 * account's entries at once, so the TTL only bounds how long a change made by another process
 * (the command line, another server on the same PostgreSQL) can take to be seen. */
#ifndef SHOUHU_SESSION_CACHE_H
#define SHOUHU_SESSION_CACHE_H

#include <stdint.h>

#include "app/app.h"

#define SESSION_CACHE_TTL_MS 5000

struct session_cache;

struct session_cache *session_cache_new(void);
void session_cache_free(struct session_cache *sc);
/* Copies a fresh entry's principal into the arena. Returns 1 when found and fresh. *last_seen is
 * the session's last activity as known here. */
int session_cache_get(struct session_cache *sc, const char *token_hash, int64_t now,
		      struct arena *a, struct principal *out, int64_t *created, int64_t *last_seen,
		      int64_t *stored_last_seen);
void session_cache_put(struct session_cache *sc, const char *token_hash, int64_t now,
		       const struct principal *p, int64_t created, int64_t last_seen);
/* Records activity; *stored_last_seen is updated when the caller wrote it to the database. */
void session_cache_touch(struct session_cache *sc, const char *token_hash, int64_t now,
			 int stored);
void session_cache_drop(struct session_cache *sc, const char *token_hash);
void session_cache_drop_user(struct session_cache *sc, int64_t user_id);

#endif
