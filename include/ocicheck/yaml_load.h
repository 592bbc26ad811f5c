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
 * nesting deeper than OC_MAX_DEPTH are errors. */
int yaml_load(const struct oc_source *src, struct oc_doc **out,
    struct oc_error **err);

#endif
