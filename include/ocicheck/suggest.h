/* "Did you mean": the nearest of a set of names, and the set itself, for
 * messages that teach the valid words instead of only refusing one. */
#ifndef OCICHECK_SUGGEST_H
#define OCICHECK_SUGGEST_H

#include <stddef.h>

#include "ocicheck/error.h"
#include "ocicheck/util.h"

/* The name among names[0..n) nearest to word (ignoring case) when it is
 * near enough to be a likely typo, or the only one word begins ("warn"
 * for "warning"), else NULL. */
const char *suggest_nearest(const char *word, const char *const *names,
    size_t n);
/* The nearest rule id or name, or NULL. */
const char *suggest_rule(const char *word);
/* "unknown rule 'NAME'; did you mean 'X'? (see ocicheck --list-rules)",
 * returned as -1 with err. */
int suggest_rule_error(const char *name, struct oc_error **err);
/* Append "a, b or c" to b. */
void suggest_list(struct oc_buf *b, const char *const *names, size_t n);

#endif
