/* image_type.c: see image_type.h. */
#include "domain/image_type.h"

#include <string.h>

const char *image_type(const void *data, size_t len)
{
	const unsigned char *b = data;
	if (!b)
		return NULL;
	if (len > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
		return "image/jpeg";
	if (len > 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	return NULL;
}

const char *document_type(const void *data, size_t len)
{
	const char *t = image_type(data, len);
	if (t)
		return t;
	if (data && len > 5 && memcmp(data, "%PDF-", 5) == 0)
		return "application/pdf";
	return NULL;
}
