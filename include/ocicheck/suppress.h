/* Suppression: which findings an ignore: entry of .ocicheck.yaml or an
 * ocicheck.ignore annotation of the config itself hides, and why. Both are
 * matchers, applied by one pass after the rules of an input. */
#ifndef OCICHECK_SUPPRESS_H
#define OCICHECK_SUPPRESS_H

#include <stddef.h>

#include "ocicheck/doc.h"
#include "ocicheck/findings.h"

/* One suppression. Its strings are borrowed: from the config entry, or
 * from the annotation's text in the input's source. */
struct oc_matcher {
	const struct oc_rule *rule;
	const char *glob;	/* absolute, cleaned glob on the input's path;
				 * NULL: the input it came from, or any */
	const char *pointer;	/* JSON pointer prefix of plen bytes: the
				 * node and what is under it; 0: the whole */
	size_t plen;
	const char *why;	/* the justification, of wlen bytes */
	size_t wlen;
	enum oc_suppression kind;
	int off;		/* an expired entry: reported, never applied */
	size_t used;		/* findings it suppressed */
};

/* Does m take finding f of the input at path (absolute and cleaned as the
 * globs are, or NULL when no glob is to be matched)? */
int suppress_match(const struct oc_matcher *m, const struct oc_finding *f,
    const char *path);
/* Mark each finding of v[from..to) not yet suppressed with the first
 * matcher of m[0..nm) that takes it, counting its use. */
void suppress_apply(struct oc_finding *v, size_t from, size_t to,
    struct oc_matcher *m, size_t nm, const char *path);
/* The matchers of the "<domain>.ocicheck.ignore.<RULE>[,<RULE>...]":
 * "[<pointer>: ]<reason>" annotations of the config object root, into
 * *m (caller frees the array; its strings point into doc's source).
 * An annotation that names no rule, gives no reason or only looks like a
 * suppression is an OCI0032 finding in out. Returns the count. */
size_t suppress_annotations(const struct oc_doc *doc,
    const struct oc_node *root, struct oc_findings *out,
    struct oc_matcher **m);

#endif
