/* The namespace look-ups the OCI rules share (util.c). */
#ifndef OCICHECK_OCI_SPEC_H
#define OCICHECK_OCI_SPEC_H

#include "ocicheck/check.h"

/* The linux.namespaces entry of a type, or NULL. */
const struct oc_node *spec_namespace(const struct oc_check_ctx *ctx,
    const char *type);
/* Is there an entry of that type without a path (a new namespace)? */
int spec_namespace_new(const struct oc_check_ctx *ctx, const char *type);

#endif
