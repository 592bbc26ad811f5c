/* The JSON loader on arbitrary bytes: the strict yajl walk, the
 * positioned tree and the strictness findings. */
#include <stdlib.h>

#include "ocicheck/json_load.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oc_source *src = source_from_mem("fuzz.json",
	    (const char *)data, size);
	struct oc_findings f = { 0 };
	struct oc_error *err = NULL;
	struct oc_doc *doc;

	findings_begin_file(&f, 0, src);
	FUZZ_ASSERT(json_load(src, &f, &doc, &err) == 0);
	fuzz_check_findings(&f, 0);
	if (doc == NULL) {
		/* input that does not parse is one finding saying why */
		FUZZ_ASSERT(f.n == 1);
	} else {
		FUZZ_ASSERT(doc->nroots == 1 && doc_depth(doc) == 0);
		fuzz_walk(doc);
	}
	findings_clear(&f);
	doc_free(doc);
	source_free(src);
	return 0;
}
