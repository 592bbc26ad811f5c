/* Check functions for the runtime-spec rules, named in the rule table. */
#ifndef OCICHECK_SPEC_H
#define OCICHECK_SPEC_H

#include <stddef.h>
#include <stdint.h>

#include "ocicheck/check.h"

/* Follow members from obj: spec_path(doc, root, "linux", "sysctl", NULL).
 * NULL when any step is missing. */
const struct oc_node *spec_path(const struct oc_doc *doc,
    const struct oc_node *obj, ...) __attribute__((sentinel));
/* A string node's text, or NULL when n is absent or not a string. */
const char *spec_str(const struct oc_doc *doc, const struct oc_node *n,
    size_t *len);
/* The exact value of an integer literal; -1 when n is not a number, has a
 * fraction or exponent, or does not fit (a negative uint64 does not). */
int spec_u64(const struct oc_doc *doc, const struct oc_node *n, uint64_t *v);
int spec_i64(const struct oc_doc *doc, const struct oc_node *n, int64_t *v);
/* The linux.namespaces entry of a type, or NULL. */
const struct oc_node *spec_namespace(const struct oc_check_ctx *ctx,
    const char *type);
/* Is there an entry of that type without a path (a new namespace)? */
int spec_namespace_new(const struct oc_check_ctx *ctx, const char *type);
/* n's value for a message: quoted, printable, at most 80 bytes. */
void spec_show(const struct oc_doc *doc, const struct oc_node *n,
    struct oc_buf *b);

/* Is s (length n) one of list, sorted by strcmp()? A binary search. */
int spec_in_sorted(const char *const *list, size_t count, const char *s,
    size_t n);

/* Absolute for the platform: "/..." or, on Windows, "C:\..." or "\\...". */
int path_is_absolute(const char *s, size_t n, int windows);


#endif
