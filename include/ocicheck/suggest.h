/* Help for a name that is not one of a known set (a key, an option, a
 * rule): the nearest known name and the list of all of them, so an
 * unknown-name message teaches what is allowed instead of only refusing. */
#ifndef OCICHECK_SUGGEST_H
#define OCICHECK_SUGGEST_H

#include <stddef.h>

#include "ocicheck/error.h"
#include "ocicheck/util.h"

/* Up to this many names are all listed; past it, the nearest this many. */
#define SUGGEST_LIST_MAX 12

/* The name of names[0..n) nearest to s[0..len) (ignoring ASCII case) when
 * it is near enough to be a likely typo, or the only one s begins ("warn"
 * for "warning"), else NULL. */
const char *suggest_nearest(const char *s, size_t len,
    const char *const *names, size_t n);
/* Append "a, b, c" to b: all of names when there are at most
 * SUGGEST_LIST_MAX, else the SUGGEST_LIST_MAX nearest to s (in the order
 * of names) and ", ... (N more)". */
void suggest_list(struct oc_buf *b, const char *s, size_t len,
    const char *const *names, size_t n);
/* Append the whole hint for an unknown s: "; did you mean 'x'?" when one
 * is near, then " (LABEL: a, b, c)" (label such as "allowed"). */
void suggest_append(struct oc_buf *b, const char *s, size_t len,
    const char *const *names, size_t n, const char *label);
/* Append "a, b or c": the valid values of an option, all of them. */
void suggest_choices(struct oc_buf *b, const char *const *names, size_t n);

#endif
