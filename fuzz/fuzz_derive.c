/*
 * contract derive: the input is a rendered chart, and optionally 0xff and
 * an overlay (0xff never occurs in UTF-8, so seeds split where they were
 * joined).
 */
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *overlay = memchr(data, 0xff, size);
	size_t rlen = overlay != NULL ? (size_t)(overlay - data) : size;

	if (overlay != NULL)
		overlay++;
	fuzz_derive((const char *)data, rlen, (const char *)overlay,
	    overlay != NULL ? size - rlen - 1 : 0);
	return 0;
}
