/* fieldcrypt.c: see fieldcrypt.h. Layout of a ciphertext before base64url:
 *   sm4:       0x01 | nonce(16) | ciphertext | HMAC-SM3(0x01 | nonce | ciphertext | context)(32)
 *   xchacha20: 0x02 | nonce(24) | ciphertext+tag(16), context as associated data */
#include "common/fieldcrypt.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <string.h>

#include "common/log.h"

#define SM4_NONCE 16
#define SM3_TAG 32

int fieldcrypt_init(struct fieldcrypt *fc, const struct keys *k, const char *alg_name)
{
	memset(fc, 0, sizeof *fc);
	if (!alg_name || strcmp(alg_name, "sm4") == 0)
		fc->alg = FC_SM4;
	else if (strcmp(alg_name, "xchacha20") == 0)
		fc->alg = FC_XCHACHA20;
	else
		return -1;
	static const char ctx[crypto_kdf_CONTEXTBYTES] = { 's', 'h', 'o', 'u', 'h', 'u', 'F', 'C' };
	if (crypto_kdf_derive_from_key(fc->sm4_key, sizeof fc->sm4_key, 1, ctx, k->data) ||
	    crypto_kdf_derive_from_key(fc->mac_key, sizeof fc->mac_key, 2, ctx, k->data) ||
	    crypto_kdf_derive_from_key(fc->xchacha_key, sizeof fc->xchacha_key, 3, ctx, k->data))
		return -1;
	memcpy(fc->index_key, k->index, sizeof fc->index_key);
	fc->sm4 = EVP_CIPHER_fetch(NULL, "SM4-CTR", NULL);
	fc->hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	return fc->sm4 && fc->hmac ? 0 : -1;
}

void fieldcrypt_wipe(struct fieldcrypt *fc)
{
	EVP_CIPHER_free(fc->sm4);
	EVP_MAC_free(fc->hmac);
	sodium_memzero(fc, sizeof *fc);
}

static int sm4_ctr(const struct fieldcrypt *fc, const uint8_t iv[16], const uint8_t *in, int len,
		   uint8_t *out)
{
	EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
	int n = 0, fin = 0, ok = x && EVP_EncryptInit_ex2(x, fc->sm4, fc->sm4_key, iv, NULL) &&
				 EVP_EncryptUpdate(x, out, &n, in, len) &&
				 EVP_EncryptFinal_ex(x, out + n, &fin);
	EVP_CIPHER_CTX_free(x);
	return ok && n + fin == len ? 0 : -1;
}

static int hmac_sm3(const struct fieldcrypt *fc, const uint8_t *msg, size_t len,
		    const char *context, uint8_t out[SM3_TAG])
{
	EVP_MAC_CTX *m = EVP_MAC_CTX_new(fc->hmac);
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SM3", 0),
		OSSL_PARAM_construct_end(),
	};
	size_t outl = 0;
	int ok = m && EVP_MAC_init(m, fc->mac_key, 32, params) && EVP_MAC_update(m, msg, len) &&
		 EVP_MAC_update(m, (const uint8_t *)context, strlen(context)) &&
		 EVP_MAC_final(m, out, &outl, SM3_TAG);
	EVP_MAC_CTX_free(m);
	return ok && outl == SM3_TAG ? 0 : -1;
}

static char *to_b64(struct arena *a, const uint8_t *bin, size_t len)
{
	size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *s = arena_alloc(a, n);
	return sodium_bin2base64(s, n, bin, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

char *field_encrypt(const struct fieldcrypt *fc, struct arena *a, const char *context,
		    const char *plain)
{
	if (!plain || !*plain)
		return NULL;
	size_t pl = strlen(plain);
	if (pl > 4096)
		return NULL;
	uint8_t buf[1 + 24 + 4096 + 32];
	size_t len;
	buf[0] = (uint8_t)fc->alg;
	if (fc->alg == FC_SM4) {
		randombytes_buf(buf + 1, SM4_NONCE);
		if (sm4_ctr(fc, buf + 1, (const uint8_t *)plain, (int)pl, buf + 1 + SM4_NONCE) ||
		    hmac_sm3(fc, buf, 1 + SM4_NONCE + pl, context, buf + 1 + SM4_NONCE + pl)) {
			log_error("SM4 field encryption failed");
			return NULL;
		}
		len = 1 + SM4_NONCE + pl + SM3_TAG;
	} else {
		uint8_t *nonce = buf + 1;
		randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
		unsigned long long cl;
		crypto_aead_xchacha20poly1305_ietf_encrypt(
			nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &cl, (const uint8_t *)plain,
			pl, (const uint8_t *)context, strlen(context), NULL, nonce, fc->xchacha_key);
		len = 1 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + (size_t)cl;
	}
	char *out = to_b64(a, buf, len);
	sodium_memzero(buf, sizeof buf);
	return out;
}

char *field_decrypt(const struct fieldcrypt *fc, struct arena *a, const char *context,
		    const char *cipher)
{
	if (!cipher || !*cipher)
		return NULL;
	uint8_t buf[1 + 24 + 4096 + 32];
	size_t len = 0;
	if (sodium_base642bin(buf, sizeof buf, cipher, strlen(cipher), NULL, &len, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || len < 1)
		return NULL;
	char *plain = NULL;
	if (buf[0] == FC_SM4 && len >= 1 + SM4_NONCE + SM3_TAG) {
		size_t cl = len - 1 - SM4_NONCE - SM3_TAG;
		uint8_t tag[SM3_TAG];
		if (hmac_sm3(fc, buf, 1 + SM4_NONCE + cl, context, tag) == 0 &&
		    sodium_memcmp(tag, buf + len - SM3_TAG, SM3_TAG) == 0) {
			plain = arena_alloc(a, cl + 1);
			if (sm4_ctr(fc, buf + 1, buf + 1 + SM4_NONCE, (int)cl, (uint8_t *)plain))
				plain = NULL;
		}
	} else if (buf[0] == FC_XCHACHA20 &&
		   len >= 1 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES +
				  crypto_aead_xchacha20poly1305_ietf_ABYTES) {
		const uint8_t *nonce = buf + 1;
		const uint8_t *c = nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
		size_t cl = len - 1 - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
		unsigned long long pl;
		plain = arena_alloc(a, cl + 1);
		if (crypto_aead_xchacha20poly1305_ietf_decrypt((uint8_t *)plain, &pl, NULL, c, cl,
							       (const uint8_t *)context,
							       strlen(context), nonce,
							       fc->xchacha_key) != 0)
			plain = NULL;
	}
	sodium_memzero(buf, sizeof buf);
	return plain;
}

void blind_index(const struct fieldcrypt *fc, const char *context, const char *value,
		 char out[65])
{
	crypto_auth_hmacsha256_state st;
	unsigned char h[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_init(&st, fc->index_key, sizeof fc->index_key);
	crypto_auth_hmacsha256_update(&st, (const uint8_t *)context, strlen(context) + 1);
	crypto_auth_hmacsha256_update(&st, (const uint8_t *)value, strlen(value));
	crypto_auth_hmacsha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof h);
}
