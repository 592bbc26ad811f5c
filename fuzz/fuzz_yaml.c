/* The YAML loader on arbitrary bytes: libyaml events, core-schema typing,
 * bounded aliases and positioned errors. */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/yaml_load.h"

#include "fuzz.h"

/* "fuzz.yaml:LINE:COL: " with both numbers at least 1. */
static int
positioned(const char *msg)
{
	static const char name[] = "fuzz.yaml:";
	unsigned long line, col;
	char *end;

	if (strncmp(msg, name, sizeof(name) - 1) != 0)
		return 0;
	line = strtoul(msg + sizeof(name) - 1, &end, 10);
	if (*end != ':')
		return 0;
	col = strtoul(end + 1, &end, 10);
	return line >= 1 && col >= 1 && strncmp(end, ": ", 2) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oc_source *src = source_from_mem("fuzz.yaml",
	    (const char *)data, size);
	struct oc_error *err = NULL;
	struct oc_doc *doc = NULL;

	if (yaml_load(src, &doc, &err) < 0) {
		FUZZ_ASSERT(err != NULL && positioned(err->msg));
		oc_error_free(err);
	} else {
		FUZZ_ASSERT(doc_depth(doc) == 0);
		fuzz_walk(doc);
		doc_free(doc);
	}
	source_free(src);
	return 0;
}
