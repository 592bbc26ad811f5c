/* YAML input (contracts, .ocicheck.yaml, rendered charts): libyaml events
 * into the same positioned document model as JSON. */
#ifndef OCICHECK_YAML_LOAD_H
#define OCICHECK_YAML_LOAD_H

#include "ocicheck/doc.h"

/* Documented bounds on alias expansion: a billion-laughs document stops at
 * the first bound it crosses, after a few milliseconds. */
#define OC_YAML_MAX_ALIASES 10000
#define OC_YAML_MAX_ALIAS_NODES 100000

/* Load every document of the stream in src (one root each). A problem is
 * an error whose message starts with "PATH:LINE:COL: ". */
int yaml_load(const struct oc_source *src, struct oc_doc **out,
    struct oc_error **err);

#endif
