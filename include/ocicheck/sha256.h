/* SHA-256 (FIPS 180-4), for the input digests a derived contract records:
 * users compare them with sha256sum, so nothing weaker will do. */
#ifndef OCICHECK_SHA256_H
#define OCICHECK_SHA256_H

#include <stddef.h>

/* The digest of len bytes at data as 64 lowercase hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
