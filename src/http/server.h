/* server.h: the HTTP server as the command line sees it. */
#ifndef SHOUHU_SERVER_H
#define SHOUHU_SERVER_H

#include <stdio.h>

#include "app/app.h"

struct server;
int server_start(struct app *app, struct server **out, struct err *e);
unsigned server_port(struct server *s);
void server_stop(struct server *s);   /* finishes requests in flight first */
void http_print_routes(FILE *f);      /* "METHOD /pattern" per line */

#endif
