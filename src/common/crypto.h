/* crypto.h: the project's only door to cryptography, all of it from libsodium (argon2id password
 * hashing, HMAC-SHA-256, SHA-256, random bytes). Nothing here is hand-written crypto. Keys live in
 * a key file outside the database, readable only by the server's user. */
#ifndef SHOUHU_CRYPTO_H
#define SHOUHU_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

#define PW_HASH_MAX 128   /* >= crypto_pwhash_STRBYTES */
#define TOKEN_LEN 43      /* base64url of 32 random bytes, no padding */

struct keys {
	uint8_t audit[32];   /* MAC key of the audit hash chain */
	uint8_t data[32];    /* reserved: field encryption of personal numbers */
	uint8_t index[32];   /* reserved: blind index of personal numbers */
};

int crypto_setup(void);                                  /* call once; -1 on failure */
void random_token(char out[TOKEN_LEN + 1]);
int password_hash(const char *pw, char out[PW_HASH_MAX]);   /* argon2id; 0 or -1 */
int password_verify(const char *hash, const char *pw);      /* 1 match, 0 not */
/* A hash of a fixed string, to spend the same time on an unknown user as on a known one. */
const char *password_dummy_hash(void);
void sha256_hex(const void *data, size_t len, char out[65]);
void hmac_sha256_hex(const uint8_t key[32], const void *data, size_t len, char out[65]);
int hex_equal(const char *a, const char *b);             /* constant time for equal lengths */
void secure_zero(void *p, size_t n);

/* Loads the key file, creating it with fresh random keys (mode 0600) when it does not exist. */
int keys_load_or_create(const char *path, struct keys *k, struct err *e);

#endif
