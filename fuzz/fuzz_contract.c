/*
 * A config checked against a contract, and optionally an .ocicheck.yaml:
 * the input is config.json, 0xff, the contract, and then optionally 0xff
 * and the settings file. 0xff never occurs in UTF-8, so seeds made from
 * real files split where they were joined.
 */
#include <string.h>

#include "fuzz.h"

#define FUZZ_SEP 0xff

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *end = data + size, *contract, *settings = NULL;
	size_t clen, nlen, slen = 0;

	contract = memchr(data, FUZZ_SEP, size);
	if (contract == NULL)
		return 0;
	clen = (size_t)(contract - data);
	contract++;
	nlen = (size_t)(end - contract);
	settings = memchr(contract, FUZZ_SEP, nlen);
	if (settings != NULL) {
		nlen = (size_t)(settings - contract);
		settings++;
		slen = (size_t)(end - settings);
	}
	fuzz_pipeline((const char *)data, clen, (const char *)contract, nlen,
	    (const char *)settings, slen);
	return 0;
}
