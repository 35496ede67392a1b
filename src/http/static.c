/* static.c: serves the built web application. Hashed assets under /assets/ are cached for a
 * year; index.html is revalidated every time and answers every client route (a path whose last
 * segment has no dot). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/http.h"

static const char *mime(const char *path)
{
	static const char *const types[][2] = {
		{ ".html", "text/html; charset=utf-8" }, { ".js", "text/javascript; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" }, { ".json", "application/json" },
		{ ".svg", "image/svg+xml" }, { ".png", "image/png" }, { ".ico", "image/x-icon" },
		{ ".woff2", "font/woff2" }, { ".woff", "font/woff" }, { ".ttf", "font/ttf" },
		{ ".webmanifest", "application/manifest+json" }, { ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

static struct MHD_Response *from_file(const char *full, const char **type)
{
	int fd = open(full, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return NULL;
	}
	*type = mime(full);
	return MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
}

struct MHD_Response *static_response(const char *web_root, const char *path, unsigned *status,
				     int *immutable)
{
	char full[1024];
	const char *type = NULL;
	struct MHD_Response *resp = NULL;
	*immutable = 0;
	/* no way out of web_root: no "..", no backslashes, nothing hidden */
	int safe = path[0] == '/' && !strstr(path, "..") && !strchr(path, '\\') && !strstr(path, "/.");
	if (safe && strcmp(path, "/") != 0) {
		snprintf(full, sizeof full, "%s%s", web_root, path);
		resp = from_file(full, &type);
		*immutable = resp && strncmp(path, "/assets/", 8) == 0;
	}
	const char *last = strrchr(path, '/');
	if (!resp && safe && !strchr(last ? last : path, '.')) {
		snprintf(full, sizeof full, "%s/index.html", web_root);
		resp = from_file(full, &type);
	}
	if (!resp) {
		static const char msg[] = "404 页面不存在\n";
		*status = 404;
		resp = MHD_create_response_from_buffer(sizeof msg - 1, (void *)msg, MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(resp, "Content-Type", "text/plain; charset=utf-8");
		return resp;
	}
	*status = 200;
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control",
				*immutable ? "public, max-age=31536000, immutable" : "no-cache");
	return resp;
}
