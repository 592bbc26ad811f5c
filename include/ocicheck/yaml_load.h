/* YAML input (contracts, .ocicheck.yaml, rendered charts): libyaml events
 * into the same positioned document model as JSON. */
#ifndef OCICHECK_YAML_LOAD_H
#define OCICHECK_YAML_LOAD_H

#include "ocicheck/doc.h"

/* Documented bounds on alias expansion: a billion-laughs document stops at
 * the first bound it crosses, after a few milliseconds. */
#define OC_YAML_MAX_ALIASES 10000
#define OC_YAML_MAX_ALIAS_NODES 100000

/* Load every document of the stream in src (one root each, doc_root(doc,
 * i); no document, no root; an empty document is a null root). A problem
 * is an error whose message starts with "PATH:LINE:COL: "; on error *out
 * is left alone.
 *
 * Plain untagged scalars are typed by the YAML 1.2 core schema (null, bool,
 * int incl. 0o and 0x, float incl. .inf and .nan); a number keeps its raw
 * text, so "0x1F" or ".inf" reach checks as written. Quoted and block
 * scalars are strings. Tags: none, "!", and the core !!str, !!int, !!float,
 * !!bool, !!null, !!map, !!seq; any other is an error. Aliases are copies of
 * the anchored node, bounded over the whole stream by the two limits above;
 * an alias inside its own anchored node is an error. Merge keys are not
 * expanded: "<<" arrives as an ordinary key named "<<". Duplicate keys and
 * nesting deeper than OC_MAX_DEPTH are errors (for repeated keys as data,
 * see yaml_load_dups()). */
int yaml_load(const struct oc_source *src, struct oc_doc **out,
    struct oc_error **err);

/* Repeats kept by yaml_load_dups(); a hostile mapping can repeat a key a
 * million times within the input limit, so the rest are only counted. */
#define OC_YAML_MAX_DUPS 10000

/* A repeated mapping key: byte offsets into src (source_pos() gives line
 * and column) of the key's first occurrence in its mapping and of this
 * repeat. A third occurrence is another entry with the same first. */
struct oc_yaml_dup {
	size_t first, again;
	char *key;		/* as quoted in messages: escaped, shortened */
};

struct oc_yaml_dups {
	struct oc_yaml_dup *v;	/* by again, ascending (document order) */
	size_t n;		/* at most OC_YAML_MAX_DUPS */
	size_t more;		/* repeats found after the n kept */
};

/* yaml_load() for input other tools read with "the last value wins" (Helm
 * and the Kubernetes API server on rendered charts): a repeated key is
 * data, not an error. Every repeat of every mapping, nested ones
 * included, goes to *dups; a repeat inside anchored content is listed once,
 * where it is written, not again for each alias that copies it. All else
 * is yaml_load(), errors included.
 *
 * doc_get() and doc_getn() return the last member of a repeated name, in
 * small and hashed objects alike; doc_at() and doc_count() still see every
 * member, in document order.
 *
 * On success *dups is a new list, empty when no key repeats, freed with
 * yaml_dups_free(); on error *out and *dups are left alone. */
int yaml_load_dups(const struct oc_source *src, struct oc_doc **out,
    struct oc_yaml_dups **dups, struct oc_error **err);
/* Accepts NULL. */
void yaml_dups_free(struct oc_yaml_dups *dups);

#endif
