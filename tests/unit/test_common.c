/* Unit tests for src/common: arena, bounded buffer, CST dates, configuration, crypto helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/config.h"
#include "common/crypto.h"
#include "common/fieldcrypt.h"
#include "common/timeutil.h"

static void arena_allocates_and_releases(void **state)
{
	struct arena a = ARENA_INIT;
	char *s = arena_printf(&a, "%s-%d", "x", 42);
	assert_string_equal(s, "x-42");
	char *big = arena_alloc(&a, 100000);   /* larger than a chunk */
	big[99999] = 1;
	assert_null(arena_strdup(&a, NULL));
	assert_true(a.total >= 100000);
	arena_release(&a);
	assert_null(a.head);
}

static void buf_enforces_its_maximum(void **state)
{
	struct buf b;
	buf_init(&b, 10);
	assert_int_equal(buf_puts(&b, "0123456789"), 0);
	assert_int_equal(buf_puts(&b, "x"), ST_TOO_LARGE);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "0123456789");
	buf_free(&b);
}

static void cst_dates(void **state)
{
	int64_t ms;
	char s[32];
	assert_int_equal(cst_parse_date("2026-11-22", &ms), 0);
	cst_format(ms, s);
	assert_string_equal(s, "2026-11-22T00:00:00+08:00");
	/* midnight in Shanghai is 16:00 the day before in UTC */
	assert_true(ms % DAY_MS == 16 * 3600 * 1000LL);
	assert_int_equal(cst_parse_date("2024-02-29", &ms), 0);   /* leap day */
	assert_int_equal(cst_parse_date("2026-02-29", &ms), -1);
	assert_int_equal(cst_parse_date("2026-13-01", &ms), -1);
	assert_int_equal(cst_parse_date("2026-1-01", &ms), -1);
	assert_int_equal(cst_parse_date("2026-01-01x", &ms), -1);
	cst_format(0, s);
	assert_string_equal(s, "1970-01-01T08:00:00+08:00");
}

static void clock_can_be_fixed(void **state)
{
	clock_set_ms(1234);
	assert_true(clock_now_ms() == 1234);
	clock_set_ms(0);
	assert_true(clock_now_ms() > 1700000000000LL);
}

static void config_reads_and_rejects(void **state)
{
	struct config c;
	struct err e = { 0 };
	config_defaults(&c);
	assert_int_equal(c.port, 8080);
	assert_int_equal(c.lock_failures, 5);
	char path[] = "/tmp/shouhu-test-conf-XXXXXX";
	int fd = mkstemp(path);
	dprintf(fd, "# comment\nport = 9090\ndatabase = sqlite:/tmp/x.db  # trailing\n");
	close(fd);
	assert_int_equal(config_load(&c, path, &e), 0);
	assert_int_equal(c.port, 9090);
	assert_string_equal(c.database, "sqlite:/tmp/x.db");
	assert_int_equal(config_set(&c, "session_idle_seconds=2", &e), 0);
	assert_int_equal(c.session_idle_seconds, 2);
	assert_true(c.set_mask & CFG_SET_IDLE);
	assert_int_equal(config_set(&c, "port=70000", &e), ST_INVALID);
	assert_int_equal(config_set(&c, "colour=blue", &e), ST_INVALID);
	assert_non_null(strstr(e.message, "colour"));
	unlink(path);
}

static void crypto_helpers(void **state)
{
	assert_int_equal(crypto_setup(), 0);
	char h[PW_HASH_MAX];
	assert_int_equal(password_hash("Abcdef1!", h), 0);
	assert_true(password_verify(h, "Abcdef1!"));
	assert_false(password_verify(h, "Abcdef1?"));
	assert_false(password_verify(password_dummy_hash(), "Abcdef1!"));
	char t1[TOKEN_LEN + 1], t2[TOKEN_LEN + 1];
	random_token(t1);
	random_token(t2);
	assert_int_equal(strlen(t1), TOKEN_LEN);
	assert_string_not_equal(t1, t2);
	char hex[65];
	sha256_hex("abc", 3, hex);   /* FIPS 180-2 test vector */
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_true(hex_equal("abc", "abc"));
	assert_false(hex_equal("abc", "abd"));
	assert_false(hex_equal("abc", "abcd"));
}

static void key_file_round_trip(void **state)
{
	char dir[] = "/tmp/shouhu-keys-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/key", dir);
	struct keys k1, k2;
	struct err e = { 0 };
	assert_int_equal(keys_load_or_create(path, &k1, &e), 0);
	assert_int_equal(keys_load_or_create(path, &k2, &e), 0);
	assert_memory_equal(&k1, &k2, sizeof k1);
	FILE *f = fopen(path, "w");
	fputs("audit=zz\n", f);
	fclose(f);
	assert_int_not_equal(keys_load_or_create(path, &k2, &e), 0);
	unlink(path);
	rmdir(dir);
}

static void field_encryption_both_ciphers(void **state)
{
	struct keys k;
	memset(&k, 7, sizeof k);
	const char *algs[] = { "sm4", "xchacha20" };
	struct fieldcrypt fc[2];
	for (int i = 0; i < 2; i++)
		assert_int_equal(fieldcrypt_init(&fc[i], &k, algs[i]), 0);
	struct fieldcrypt unknown;
	assert_int_equal(fieldcrypt_init(&unknown, &k, "des"), -1);
	struct arena a = ARENA_INIT;
	for (int i = 0; i < 2; i++) {
		char *c1 = field_encrypt(&fc[i], &a, "child.id_number", "11010519491231002X");
		char *c2 = field_encrypt(&fc[i], &a, "child.id_number", "11010519491231002X");
		assert_non_null(c1);
		assert_string_not_equal(c1, c2);   /* a fresh nonce each time */
		assert_null(strstr(c1, "1101051949"));
		/* either setting reads both kinds of ciphertext */
		assert_string_equal(field_decrypt(&fc[1 - i], &a, "child.id_number", c1),
				    "11010519491231002X");
		/* another field's context, a flipped character or a truncation is refused */
		assert_null(field_decrypt(&fc[i], &a, "member.phone", c1));
		char *bad = arena_strdup(&a, c1);
		bad[10] = bad[10] == 'A' ? 'B' : 'A';
		assert_null(field_decrypt(&fc[i], &a, "child.id_number", bad));
		bad = arena_strndup(&a, c1, strlen(c1) - 4);
		assert_null(field_decrypt(&fc[i], &a, "child.id_number", bad));
	}
	/* other keys cannot read it */
	struct keys k2;
	memset(&k2, 8, sizeof k2);
	struct fieldcrypt other;
	fieldcrypt_init(&other, &k2, "sm4");
	char *c = field_encrypt(&fc[0], &a, "x", "13800001111");
	assert_null(field_decrypt(&other, &a, "x", c));
	assert_null(field_encrypt(&fc[0], &a, "x", ""));
	char i1[65], i2[65], i3[65];
	blind_index(&fc[0], "child.id_number", "11010519491231002X", i1);
	blind_index(&fc[1], "child.id_number", "11010519491231002X", i2);
	blind_index(&fc[0], "member.id_number", "11010519491231002X", i3);
	assert_string_equal(i1, i2);          /* the index does not depend on the cipher */
	assert_string_not_equal(i1, i3);      /* nor can it be matched across fields */
	fieldcrypt_wipe(&fc[0]);
	fieldcrypt_wipe(&fc[1]);
	fieldcrypt_wipe(&other);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_allocates_and_releases), cmocka_unit_test(buf_enforces_its_maximum),
		cmocka_unit_test(cst_dates), cmocka_unit_test(clock_can_be_fixed),
		cmocka_unit_test(config_reads_and_rejects), cmocka_unit_test(crypto_helpers),
		cmocka_unit_test(key_file_round_trip), cmocka_unit_test(field_encryption_both_ciphers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
