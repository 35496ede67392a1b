/* crypto.c: libsodium wrappers and the key file (see crypto.h). */
#include "common/crypto.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/log.h"

int crypto_setup(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void random_token(char out[TOKEN_LEN + 1])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

int password_hash(const char *pw, char out[PW_HASH_MAX])
{
	return crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ? 0 : -1;
}

int password_verify(const char *hash, const char *pw)
{
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

static char dummy[PW_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	char pw[TOKEN_LEN + 1];
	random_token(pw);
	if (password_hash(pw, dummy) != 0)
		log_error("cannot compute the dummy password hash");
}

const char *password_dummy_hash(void)
{
	pthread_once(&dummy_once, make_dummy);
	return dummy;
}

void sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof h);
}

void hmac_sha256_hex(const uint8_t key[32], const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, key, 32);
	crypto_auth_hmacsha256_update(&st, data, len);
	crypto_auth_hmacsha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof h);
}

int hex_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

void secure_zero(void *p, size_t n)
{
	sodium_memzero(p, n);
}

static int read_key(const char *line, const char *name, uint8_t out[32])
{
	size_t n = strlen(name);
	if (strncmp(line, name, n) != 0 || line[n] != '=')
		return 0;
	size_t got = 0;
	if (sodium_hex2bin(out, 32, line + n + 1, 64, NULL, &got, NULL) != 0 || got != 32)
		return -1;
	return 1;
}

int keys_load_or_create(const char *path, struct keys *k, struct err *e)
{
	FILE *f = fopen(path, "r");
	if (!f && errno == ENOENT) {
		randombytes_buf(k, sizeof *k);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd < 0)
			return err_set(e, ST_INTERNAL, NULL, "cannot create key file %s: %s", path,
				       strerror(errno));
		char hex[3][65];
		sodium_bin2hex(hex[0], 65, k->audit, 32);
		sodium_bin2hex(hex[1], 65, k->data, 32);
		sodium_bin2hex(hex[2], 65, k->index, 32);
		dprintf(fd, "# shouhu keys: keep secret, keep a backup; losing them loses the data\n"
			    "audit=%s\ndata=%s\nindex=%s\n", hex[0], hex[1], hex[2]);
		secure_zero(hex, sizeof hex);
		if (close(fd) != 0)
			return err_set(e, ST_INTERNAL, NULL, "cannot write key file %s", path);
		log_info("created key file %s", path);
		return ST_OK;
	}
	if (!f)
		return err_set(e, ST_INTERNAL, NULL, "cannot open key file %s: %s", path, strerror(errno));
	struct stat sb;
	if (fstat(fileno(f), &sb) == 0 && (sb.st_mode & 077))
		log_warn("key file %s is readable by others; chmod 600 it", path);
	char line[256];
	int found = 0, bad = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		int r;
		if ((r = read_key(line, "audit", k->audit)) || (r = read_key(line, "data", k->data)) ||
		    (r = read_key(line, "index", k->index))) {
			if (r < 0)
				bad = 1;
			else
				found++;
		}
	}
	fclose(f);
	secure_zero(line, sizeof line);
	if (bad || found != 3)
		return err_set(e, ST_INTERNAL, NULL, "key file %s is damaged", path);
	return ST_OK;
}
