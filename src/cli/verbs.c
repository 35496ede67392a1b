/* verbs.c: the command-line verbs. They act as the system principal (whole country, audited as
 * "system"), which is why the administrator accounts can only be made here. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/verbs.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "http/server.h"

static struct ctx system_ctx(struct app *app, struct arena *a)
{
	return (struct ctx){ .app = app, .a = a, .who = app_system_principal(), .ip = "cli" };
}

/* The daily sweep, in the server: at start, then a few minutes after each midnight in China
 * Standard Time (when birthdays and "6 months away" turn over, and due days pass), and at once
 * when a use case asks (app->sweep_wake: the county's settings changed, an import saved files).
 * First the categories (children_sweep), whose changes mark the child for the second: the due
 * days, risk levels and warnings (standing_sweep). */
static pthread_mutex_t sweep_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sweep_cv = PTHREAD_COND_INITIALIZER;
static int sweep_stop, sweep_asked;

struct sweep_counts {
	int64_t derived, derived_changed, graded, graded_changed, escalated;
};

/* The mandatory reports' deadline check (reports_deadline_check): at start, with every sweep and
 * every report_check_minutes in between. */
static int report_check(struct app *app, int64_t *escalated, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct ctx c = system_ctx(app, &a);
	int st = reports_deadline_check(&c, escalated, e);
	arena_release(&a);
	return st;
}

static void run_report_check(struct app *app)
{
	struct err e = { 0 };
	int64_t n = 0;
	if (report_check(app, &n, &e) != ST_OK)
		log_error("report deadline check failed: %s", e.message);
	else if (n)
		log_info("report deadline check: %lld reports escalated", (long long)n);
}

static int sweep_all(struct app *app, struct sweep_counts *n, struct err *e)
{
	int st = report_check(app, &n->escalated, e);
	if (st)
		return st;
	struct arena a = ARENA_INIT;
	struct ctx c = system_ctx(app, &a);
	st = children_sweep(&c, &n->derived, &n->derived_changed, e);
	if (!st)
		st = standing_sweep(&c, &n->graded, &n->graded_changed, e);
	arena_release(&a);
	return st;
}

static void run_sweep(struct app *app)
{
	struct err e = { 0 };
	struct sweep_counts n = { 0 };
	int64_t started = clock_now_ms();
	if (sweep_all(app, &n, &e) == ST_OK)
		log_info("sweep: %lld children re-derived (%lld changed), %lld re-graded (%lld changed),"
			 " %lld reports escalated in %lld ms", (long long)n.derived,
			 (long long)n.derived_changed, (long long)n.graded, (long long)n.graded_changed,
			 (long long)n.escalated, (long long)(clock_now_ms() - started));
	else
		log_error("sweep failed: %s", e.message);
}

static void sweep_wake(struct app *app)
{
	(void)app;
	pthread_mutex_lock(&sweep_mu);
	sweep_asked = 1;
	pthread_cond_signal(&sweep_cv);
	pthread_mutex_unlock(&sweep_mu);
}

static int64_t real_now_ms(void)
{
	struct timespec real;
	clock_gettime(CLOCK_REALTIME, &real);
	return (int64_t)real.tv_sec * 1000 + real.tv_nsec / 1000000;
}

static void *sweeper(void *arg)
{
	struct app *app = arg;
	int64_t period = (int64_t)(app->cfg.report_check_minutes > 0 ? app->cfg.report_check_minutes
								      : 5) * 60 * 1000;
	run_sweep(app);   /* the report deadline check first, then the daily sweep */
	int64_t next_check = real_now_ms() + period;
	pthread_mutex_lock(&sweep_mu);
	while (!sweep_stop) {
		/* 00:05 CST tomorrow, as an instant of the real clock (the test clock may be shifted) */
		int64_t now = clock_now_ms();
		int64_t next = (now + CST_OFFSET_MS) / DAY_MS * DAY_MS + DAY_MS - CST_OFFSET_MS +
			       5 * 60 * 1000;
		int64_t midnight = real_now_ms() + (next - now);
		int64_t at = midnight < next_check ? midnight : next_check;
		struct timespec until = { .tv_sec = at / 1000, .tv_nsec = at % 1000 * 1000000 };
		int timed_out = 0;
		while (!sweep_stop && !sweep_asked && !timed_out)
			timed_out = pthread_cond_timedwait(&sweep_cv, &sweep_mu, &until) != 0;
		if (sweep_stop)
			break;
		int sweep = sweep_asked || real_now_ms() >= midnight;
		int check = !sweep && real_now_ms() >= next_check;   /* a sweep checks too */
		sweep_asked = 0;
		pthread_mutex_unlock(&sweep_mu);
		if (sweep)
			run_sweep(app);
		else if (check)
			run_report_check(app);
		if (sweep || check)
			next_check = real_now_ms() + period;
		pthread_mutex_lock(&sweep_mu);
	}
	pthread_mutex_unlock(&sweep_mu);
	return NULL;
}

int verb_sweep(struct app *app)
{
	struct err e = { 0 };
	struct sweep_counts n = { 0 };
	int64_t started = clock_now_ms();
	if (sweep_all(app, &n, &e)) {
		fprintf(stderr, "shouhu sweep: %s\n", e.message);
		return 1;
	}
	printf("sweep: %lld children re-derived, %lld changed category\n"
	       "sweep: %lld children re-graded (due days, risk, warnings), %lld changed\n"
	       "sweep: %lld mandatory reports escalated\n"
	       "sweep: %.2f s\n",
	       (long long)n.derived, (long long)n.derived_changed, (long long)n.graded,
	       (long long)n.graded_changed, (long long)n.escalated,
	       (double)(clock_now_ms() - started) / 1000.0);
	return 0;
}

int verb_serve(struct app *app)
{
	/* block the stop signals in every thread; this one waits for them */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct server *srv;
	struct err e = { 0 };
	app->sweep_wake = sweep_wake;   /* before any request can ask for it */
	if (server_start(app, &srv, &e)) {
		fprintf(stderr, "shouhu: %s\n", e.message);
		return 1;
	}
	pthread_t sweep_thread;
	int sweeping = pthread_create(&sweep_thread, NULL, sweeper, app) == 0;
	printf("shouhu listening on http%s://%s:%u (database: %s)\n",
	       app->cfg.tls_cert[0] ? "s" : "", app->cfg.listen, server_port(srv),
	       store_backend(app->store));
	fflush(stdout);
	int sig;
	sigwait(&set, &sig);
	log_info("signal %d: finishing requests in flight", sig);
	server_stop(srv);
	app->sweep_wake = NULL;
	if (sweeping) {
		pthread_mutex_lock(&sweep_mu);
		sweep_stop = 1;
		pthread_cond_signal(&sweep_cv);
		pthread_mutex_unlock(&sweep_mu);
		pthread_join(sweep_thread, NULL);
	}
	log_info("stopped");
	return 0;
}

int verb_demo(struct app *app)
{
	struct arena a = ARENA_INIT;
	struct ctx c = system_ctx(app, &a);
	struct err e = { 0 };
	int st = demo_load(&c, &e);
	arena_release(&a);
	/* every demo child graded: due days, risk levels, warnings */
	struct sweep_counts n = { 0 };
	if (!st)
		st = sweep_all(app, &n, &e);
	if (st) {
		fprintf(stderr, "shouhu demo: %s\n", e.message);
		return 1;
	}
	printf("demo county 秀山土家族苗族自治县 (500241) is ready.\n"
	       "demo logins (initial password %s, to be changed at first login):\n"
	       "  sysadmin 系统管理员 | secadmin 安全管理员 | auditor 审计管理员\n"
	       "  county 县级民政 | town 乡镇督导员 (隘口镇) | director 儿童主任 (平所村)\n"
	       "  school 学校 | police 部门用户 (公安) | education 部门用户 (教育)\n"
	       "  volunteer 社会组织/志愿者\n",
	       DEMO_PASSWORD);
	return 0;
}

/* A random initial password that meets the complexity rule. */
static void make_password(char out[32])
{
	char tok[TOKEN_LEN + 1];
	random_token(tok);
	snprintf(out, 32, "Sh%.12s#7", tok);
	secure_zero(tok, sizeof tok);
}

static const char *flag(int argc, char **argv, const char *name)
{
	for (int i = 0; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

int verb_user(struct app *app, int argc, char **argv)
{
	if (argc < 2 || (strcmp(argv[0], "add") && strcmp(argv[0], "password"))) {
		fputs("usage: shouhu user add NAME --role ROLE --region CODE [--org ORG] [--display NAME]\n"
		      "       shouhu user password NAME\n", stderr);
		return 2;
	}
	char generated[32];
	const char *pw = getenv("SHOUHU_PASSWORD");
	if (!pw || !*pw) {
		make_password(generated);
		pw = generated;
	}
	struct arena a = ARENA_INIT;
	struct ctx c = system_ctx(app, &a);
	struct err e = { 0 };
	int st;
	if (strcmp(argv[0], "add") == 0) {
		const char *role = flag(argc, argv, "--role"), *region = flag(argc, argv, "--region");
		const char *display = flag(argc, argv, "--display");
		if (!role || !region) {
			arena_release(&a);
			fputs("shouhu user add: --role and --region are required\n", stderr);
			return 2;
		}
		st = users_add_cli(&c, argv[1], display ? display : argv[1], role, region,
				   flag(argc, argv, "--org"), pw, 1, &e);
	} else {
		struct user_row u;
		struct db *db = store_acquire(app->store);
		st = st_user_by_username(db, &a, argv[1], &u);
		store_release(app->store, db);
		char hash[PW_HASH_MAX];
		if (st)
			err_set(&e, st, NULL, "no account %s", argv[1]);
		else if (password_hash(pw, hash) != 0)
			st = err_set(&e, ST_INTERNAL, NULL, "password hashing failed");
		if (!st) {
			db = app_begin(&c, 1, &e);
			struct action act = { .name = "user.password_reset", .object_type = "user",
					      .region_code = u.region_code, .detail = "command line" };
			snprintf(act.object_id, sizeof act.object_id, "%lld", (long long)u.id);
			st = db ? st_user_set_password(db, u.id, hash, 1, clock_now_ms()) : ST_DB;
			if (!st)
				st = st_throttle_clear(db, u.username);
			if (db)
				st = app_finish(&c, db, st, &act, &e);
		}
		secure_zero(hash, sizeof hash);
	}
	arena_release(&a);
	if (st) {
		fprintf(stderr, "shouhu user: %s\n", e.message);
		return 1;
	}
	if (pw == generated)   /* shown once, to the operator at the terminal, never logged */
		printf("initial password for %s: %s (must be changed at first login)\n", argv[1], pw);
	else
		printf("password for %s set (must be changed at first login)\n", argv[1]);
	secure_zero(generated, sizeof generated);
	return 0;
}

int verb_region_import(struct app *app, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[0], "import") != 0) {
		fputs("usage: shouhu region import CODE\n", stderr);
		return 2;
	}
	struct arena a = ARENA_INIT;
	struct ctx c = system_ctx(app, &a);
	struct err e = { 0 };
	int64_t n = 0;
	int st = regions_import(&c, argv[1], app->cfg.division_dir, &n, &e);
	arena_release(&a);
	if (st) {
		fprintf(stderr, "shouhu region import: %s\n", e.message);
		return 1;
	}
	printf("imported %lld regions under %s\n", (long long)n, argv[1]);
	return 0;
}

int verb_audit_verify(struct app *app)
{
	struct arena a = ARENA_INIT;
	struct ctx c = system_ctx(app, &a);
	struct err e = { 0 };
	int64_t checked;
	struct verify_problem *p;
	int n;
	int st = audit_verify(&c, &checked, &p, &n, &e);
	if (st) {
		fprintf(stderr, "shouhu audit verify: %s\n", e.message);
		arena_release(&a);
		return 2;
	}
	for (int i = 0; i < n; i++)
		printf("audit row %lld: %s\n", (long long)p[i].seq, p[i].problem);
	printf("%lld rows checked, %d problem%s\n", (long long)checked, n, n == 1 ? "" : "s");
	arena_release(&a);
	return n ? 1 : 0;
}

int verb_routes(void)
{
	http_print_routes(stdout);
	return 0;
}
