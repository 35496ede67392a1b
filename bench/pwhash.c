/* bench/pwhash.c: what one login costs. Times password_hash() (setting a password) and
 * password_verify() (a login) from src/common/crypto.c — argon2id with libsodium's INTERACTIVE
 * limits — N times each after one untimed warm-up pair, and prints mean, p95 (nearest rank),
 * min and max in milliseconds:
 *
 *   bench_pwhash [N]        N defaults to 20
 *   password_hash   n=20 mean_ms=... p95_ms=... min_ms=... max_ms=...
 *   password_verify n=20 mean_ms=... p95_ms=... min_ms=... max_ms=...
 *
 * Run it under /usr/bin/time -v for the peak RSS (argon2id INTERACTIVE fills 64 MiB). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "common/crypto.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *name, double *ms, int n)
{
	double sum = 0;
	for (int i = 0; i < n; i++)
		sum += ms[i];
	qsort(ms, (size_t)n, sizeof *ms, cmp_double);
	int rank = (95 * n + 99) / 100;   /* nearest rank: ceil(0.95 n) */
	printf("%-15s n=%d mean_ms=%.2f p95_ms=%.2f min_ms=%.2f max_ms=%.2f\n", name, n, sum / n,
	       ms[rank - 1], ms[0], ms[n - 1]);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 20;
	if (n < 1 || n > 100000) {
		fprintf(stderr, "usage: bench_pwhash [N]\n");
		return 2;
	}
	if (crypto_setup() != 0) {
		fprintf(stderr, "bench_pwhash: crypto_setup failed\n");
		return 1;
	}
	const char *pw = "Bench#2026-shouhu";
	char hash[PW_HASH_MAX];
	double *th = calloc((size_t)n, sizeof *th), *tv = calloc((size_t)n, sizeof *tv);
	if (!th || !tv)
		return 1;
	if (password_hash(pw, hash) != 0 || password_verify(hash, pw) != 1) {   /* warm-up */
		fprintf(stderr, "bench_pwhash: password_hash/verify failed\n");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();
		int bad = password_hash(pw, hash) != 0;
		double t1 = now_ms();
		bad |= password_verify(hash, pw) != 1;
		double t2 = now_ms();
		if (bad) {
			fprintf(stderr, "bench_pwhash: password_hash/verify failed\n");
			return 1;
		}
		th[i] = t1 - t0;
		tv[i] = t2 - t1;
	}
	report("password_hash", th, n);
	report("password_verify", tv, n);
	free(th);
	free(tv);
	return 0;
}
