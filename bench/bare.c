/* bench/bare.c: the reference server of bench/run.sh. A libmicrohttpd daemon started exactly like
 * src/http/server.c starts ours (same flags, one polling thread per core, same timeout, connection
 * limit and completion callback, 127.0.0.1) whose handler does nothing but queue one response
 * built at start-up: the body read from BODY_FILE and, optionally, the header lines of
 * HEADERS_FILE. With the body and headers of a real `GET /api/v1/me` answer it sends the same
 * bytes as shouhu, so the ratio of the two throughputs is what our own work costs.
 *
 *   bench_bare [-t THREADS] [-H HEADERS_FILE] BODY_FILE
 *
 * THREADS defaults to the number of online processors, as in server_start(). HEADERS_FILE holds
 * "Name: value" lines (CR and blank lines ignored); without it the answer carries
 * "Content-Type: application/json; charset=utf-8". Prints
 * "bench_bare listening on http://127.0.0.1:PORT" and serves until SIGINT or SIGTERM. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0, got;
	char *data = malloc(cap);
	while (data && (got = fread(data + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *bigger = realloc(data, cap *= 2);
			if (!bigger)
				free(data);
			data = bigger;
		}
	}
	fclose(f);
	if (data)
		*len = n;
	return data;
}

/* Adds each "Name: value" line of TEXT (modified in place) to RESP; returns how many. */
static int add_headers(struct MHD_Response *resp, char *text)
{
	int count = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		line[strcspn(line, "\r")] = '\0';
		char *colon = strchr(line, ':');
		if (!colon || colon == line)
			continue;
		*colon = '\0';
		char *value = colon + 1;
		while (*value == ' ' || *value == '\t')
			value++;
		if (MHD_add_response_header(resp, line, value) != MHD_YES) {
			fprintf(stderr, "bench_bare: cannot add header %s\n", line);
			exit(1);
		}
		count++;
	}
	return count;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	static int seen;
	(void)url, (void)method, (void)version, (void)upload;
	/* As in server.c: the first call only marks the request; answering then would make
	 * libmicrohttpd close the connection instead of keeping it alive. */
	if (!*con_cls) {
		*con_cls = &seen;
		return MHD_YES;
	}
	if (*upload_size) {   /* a request body is read and dropped */
		*upload_size = 0;
		return MHD_YES;
	}
	return MHD_queue_response(conn, MHD_HTTP_OK, cls);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)conn, (void)toe;
	*con_cls = NULL;
}

int main(int argc, char **argv)
{
	unsigned threads = (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	const char *headers_file = NULL;
	int opt;
	while ((opt = getopt(argc, argv, "t:H:")) != -1) {
		if (opt == 't' && atoi(optarg) > 0)
			threads = (unsigned)atoi(optarg);
		else if (opt == 'H')
			headers_file = optarg;
		else
			goto usage;
	}
	if (optind != argc - 1)
		goto usage;

	size_t body_len = 0, hdr_len = 0;
	char *body = slurp(argv[optind], &body_len);
	if (!body) {
		perror(argv[optind]);
		return 1;
	}
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(body_len, body, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return 1;
	int nhdr = 0;
	if (headers_file) {
		char *text = slurp(headers_file, &hdr_len);
		if (!text) {
			perror(headers_file);
			return 1;
		}
		char *z = realloc(text, hdr_len + 1);
		if (!z)
			return 1;
		z[hdr_len] = '\0';
		nhdr = add_headers(resp, z);
		free(z);
	}
	if (nhdr == 0)
		MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");

	/* Signals are blocked before the daemon's threads exist, so only sigwait() sees them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);

	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = 0 };
	inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
	struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC, 0, NULL,
						NULL, on_request, resp,
						MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
						MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
						MHD_OPTION_THREAD_POOL_SIZE, threads,
						MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
						MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096,
						MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "bench_bare: cannot start the daemon\n");
		return 1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("bench_bare listening on http://127.0.0.1:%u (%u threads, %zu-byte body, %d headers)\n",
	       info ? info->port : 0, threads, body_len, nhdr);
	fflush(stdout);

	int sig;
	sigwait(&stop, &sig);
	MHD_stop_daemon(d);
	MHD_destroy_response(resp);
	free(body);
	return 0;

usage:
	fprintf(stderr, "usage: bench_bare [-t THREADS] [-H HEADERS_FILE] BODY_FILE\n");
	return 2;
}
