/* fieldcrypt.h: authenticated encryption of personal numbers at rest (ID and phone numbers,
 * R14, 个人信息保护法 Art. 51), and their blind index for exact lookup. Two ciphers, both from
 * libraries, chosen by the `field_cipher` setting; every ciphertext names its cipher, so both can
 * be read whatever the setting is now:
 *   sm4       SM4-CTR (GB/T 32907) with HMAC-SM3 (GB/T 32905) over nonce, ciphertext and
 *             context, encrypt-then-MAC — from OpenSSL's libcrypto. Debian 12's OpenSSL 3.0 has
 *             no SM4-GCM, so the AEAD is this standard composition of two library primitives.
 *   xchacha20 XChaCha20-Poly1305 (IETF) from libsodium.
 * Subkeys come from the key file's data key through libsodium's KDF. The context (e.g.
 * "child.id_number") is authenticated, so a ciphertext cannot be moved to another field. */
#ifndef SHOUHU_FIELDCRYPT_H
#define SHOUHU_FIELDCRYPT_H

#include <stdint.h>

#include "common/arena.h"
#include "common/crypto.h"

enum field_cipher { FC_SM4 = 1, FC_XCHACHA20 = 2 };

struct evp_cipher_st;
struct evp_mac_st;

struct fieldcrypt {
	enum field_cipher alg;
	uint8_t sm4_key[16], mac_key[32], xchacha_key[32], index_key[32];
	struct evp_cipher_st *sm4;   /* fetched once: fetching per call costs more than the work */
	struct evp_mac_st *hmac;
};

/* alg_name "sm4" or "xchacha20"; -1 when unknown. */
int fieldcrypt_init(struct fieldcrypt *fc, const struct keys *k, const char *alg_name);
void fieldcrypt_wipe(struct fieldcrypt *fc);
/* Returns base64url text, or NULL on failure (logged). plain NULL or "" gives NULL. */
char *field_encrypt(const struct fieldcrypt *fc, struct arena *a, const char *context,
		    const char *plain);
/* Returns the plain text, or NULL when the ciphertext is damaged or was made for another
 * context or with other keys. */
char *field_decrypt(const struct fieldcrypt *fc, struct arena *a, const char *context,
		    const char *cipher);
/* HMAC-SHA-256 of context and value with the index key, as hex: equal values give equal
 * indexes, and without the key the index tells nothing. */
void blind_index(const struct fieldcrypt *fc, const char *context, const char *value,
		 char out[65]);

#endif
