/* session_cache.c: a fixed-size, lock-striped hash table of resolved sessions (see the header). */
#include "app/session_cache.h"

#include <stdlib.h>
#include <string.h>

#define BUCKETS 4096
#define STRIPES 64
#define NAME_MAX_BYTES 200

struct entry {
	struct entry *next;
	char token_hash[65];
	int64_t cached_at, created, last_seen, stored_last_seen;
	struct principal p;
	/* owned copies of the principal's strings */
	char username[NAME_MAX_BYTES], display_name[NAME_MAX_BYTES], region_name[NAME_MAX_BYTES],
		org_name[NAME_MAX_BYTES], csrf[64];
	int has_org_name;
};

struct session_cache {
	pthread_mutex_t mu[STRIPES];
	struct entry *b[BUCKETS];
};

static unsigned bucket_of(const char *hex)
{
	/* the key is already a SHA-256: its first hex digits are uniform */
	return (unsigned)strtoul((char[6]){ hex[0], hex[1], hex[2], hex[3], hex[4], 0 }, NULL, 16) % BUCKETS;
}

struct session_cache *session_cache_new(void)
{
	struct session_cache *sc = calloc(1, sizeof *sc);
	if (!sc)
		return NULL;
	for (int i = 0; i < STRIPES; i++)
		pthread_mutex_init(&sc->mu[i], NULL);
	return sc;
}

void session_cache_free(struct session_cache *sc)
{
	if (!sc)
		return;
	for (int i = 0; i < BUCKETS; i++) {
		struct entry *e = sc->b[i];
		while (e) {
			struct entry *n = e->next;
			memset(e, 0, sizeof *e);
			free(e);
			e = n;
		}
	}
	for (int i = 0; i < STRIPES; i++)
		pthread_mutex_destroy(&sc->mu[i]);
	free(sc);
}

static struct entry **find(struct session_cache *sc, unsigned b, const char *token_hash)
{
	struct entry **pe = &sc->b[b];
	while (*pe && strcmp((*pe)->token_hash, token_hash) != 0)
		pe = &(*pe)->next;
	return pe;
}

static void copy(char *dst, size_t n, const char *src)
{
	size_t len = src ? strlen(src) : 0;
	if (len >= n)
		len = n - 1;
	memcpy(dst, src ? src : "", len);
	dst[len] = '\0';
}

int session_cache_get(struct session_cache *sc, const char *token_hash, int64_t now,
		      struct arena *a, struct principal *out, int64_t *created, int64_t *last_seen,
		      int64_t *stored_last_seen)
{
	unsigned b = bucket_of(token_hash);
	int found = 0;
	pthread_mutex_lock(&sc->mu[b % STRIPES]);
	struct entry **pe = find(sc, b, token_hash), *e = *pe;
	if (e && now - e->cached_at < SESSION_CACHE_TTL_MS && now >= e->cached_at) {
		*out = e->p;
		out->username = arena_strdup(a, e->username);
		out->display_name = arena_strdup(a, e->display_name);
		out->region_name = arena_strdup(a, e->region_name);
		out->org_name = e->has_org_name ? arena_strdup(a, e->org_name) : NULL;
		out->csrf = arena_strdup(a, e->csrf);
		*created = e->created;
		*last_seen = e->last_seen;
		*stored_last_seen = e->stored_last_seen;
		found = 1;
	} else if (e) {
		*pe = e->next;
		free(e);
	}
	pthread_mutex_unlock(&sc->mu[b % STRIPES]);
	return found;
}

void session_cache_put(struct session_cache *sc, const char *token_hash, int64_t now,
		       const struct principal *p, int64_t created, int64_t last_seen)
{
	struct entry *n = calloc(1, sizeof *n);
	if (!n)
		return;
	copy(n->token_hash, sizeof n->token_hash, token_hash);
	n->cached_at = now;
	n->created = created;
	n->last_seen = n->stored_last_seen = last_seen;
	n->p = *p;
	copy(n->username, sizeof n->username, p->username);
	copy(n->display_name, sizeof n->display_name, p->display_name);
	copy(n->region_name, sizeof n->region_name, p->region_name);
	copy(n->org_name, sizeof n->org_name, p->org_name);
	n->has_org_name = p->org_name != NULL;
	copy(n->csrf, sizeof n->csrf, p->csrf);
	n->p.username = n->p.display_name = n->p.region_name = n->p.org_name = n->p.csrf = NULL;
	unsigned b = bucket_of(token_hash);
	pthread_mutex_lock(&sc->mu[b % STRIPES]);
	/* the same token, and any stale entry of this bucket, go: memory stays bounded by the
	 * sessions active within the TTL */
	for (struct entry **pe = &sc->b[b]; *pe;) {
		struct entry *e = *pe;
		if (strcmp(e->token_hash, token_hash) == 0 || now - e->cached_at >= SESSION_CACHE_TTL_MS) {
			*pe = e->next;
			free(e);
		} else {
			pe = &e->next;
		}
	}
	n->next = sc->b[b];
	sc->b[b] = n;
	pthread_mutex_unlock(&sc->mu[b % STRIPES]);
}

void session_cache_touch(struct session_cache *sc, const char *token_hash, int64_t now, int stored)
{
	unsigned b = bucket_of(token_hash);
	pthread_mutex_lock(&sc->mu[b % STRIPES]);
	struct entry *e = *find(sc, b, token_hash);
	if (e) {
		if (now > e->last_seen)
			e->last_seen = now;
		if (stored)
			e->stored_last_seen = now;
	}
	pthread_mutex_unlock(&sc->mu[b % STRIPES]);
}

void session_cache_drop(struct session_cache *sc, const char *token_hash)
{
	unsigned b = bucket_of(token_hash);
	pthread_mutex_lock(&sc->mu[b % STRIPES]);
	struct entry **pe = find(sc, b, token_hash);
	if (*pe) {
		struct entry *old = *pe;
		*pe = old->next;
		free(old);
	}
	pthread_mutex_unlock(&sc->mu[b % STRIPES]);
}

void session_cache_drop_user(struct session_cache *sc, int64_t user_id)
{
	for (int s = 0; s < STRIPES; s++) {
		pthread_mutex_lock(&sc->mu[s]);
		for (int b = s; b < BUCKETS; b += STRIPES) {
			struct entry **pe = &sc->b[b];
			while (*pe) {
				if ((*pe)->p.user_id == user_id) {
					struct entry *old = *pe;
					*pe = old->next;
					free(old);
				} else {
					pe = &(*pe)->next;
				}
			}
		}
		pthread_mutex_unlock(&sc->mu[s]);
	}
}
