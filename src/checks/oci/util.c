/* The namespace look-ups the OCI rules share. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "spec.h"

const struct oc_node *
spec_namespace(const struct oc_check_ctx *ctx, const char *type)
{
	const struct oc_node *list = doc_path(ctx->doc, ctx->root, "linux",
	    "namespaces", NULL);
	size_t i, n = doc_count(list);

	if (list == NULL || doc_kind(list) != OC_ARRAY)
		return NULL;
	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);

		if (doc_is(ctx->doc, doc_get(ctx->doc, e, "type"), type))
			return e;
	}
	return NULL;
}

int
spec_namespace_new(const struct oc_check_ctx *ctx, const char *type)
{
	const struct oc_node *e = spec_namespace(ctx, type);

	return e != NULL && doc_get(ctx->doc, e, "path") == NULL;
}

