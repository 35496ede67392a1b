/* verbs.h: the command-line verbs of `shouhu` (see main.c for the usage text). */
#ifndef SHOUHU_VERBS_H
#define SHOUHU_VERBS_H

#include "app/app.h"

int verb_serve(struct app *app);
int verb_demo(struct app *app);
int verb_user(struct app *app, int argc, char **argv);
int verb_region_import(struct app *app, int argc, char **argv);
int verb_audit_verify(struct app *app);
int verb_routes(void);
int verb_sweep(struct app *app);

#endif
