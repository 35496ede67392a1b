/* image_type.h: what an uploaded image is, told by its first bytes (magic numbers), never by
 * what the client claims. Used for the child's photo, visit photos and the signed copies of care
 * agreements. Pure: no I/O. */
#ifndef SHOUHU_IMAGE_TYPE_H
#define SHOUHU_IMAGE_TYPE_H

#include <stddef.h>

/* "image/jpeg" or "image/png", or NULL when data is neither. */
const char *image_type(const void *data, size_t len);
/* A scanned or photographed document (the signed copy of a care agreement): "image/jpeg",
 * "image/png" or "application/pdf" ("%PDF-"), or NULL. */
const char *document_type(const void *data, size_t len);

#endif
