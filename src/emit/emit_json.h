/* The JSON reports' yajl_gen helpers (the envelope and GitLab's list):
 * strings are made printable UTF-8 first (emit_clean). */
#ifndef OCICHECK_EMIT_JSON_H
#define OCICHECK_EMIT_JSON_H

#include <stdio.h>

#include <yajl/yajl_gen.h>

/* A generator indenting by two spaces onto out; NULL if out of memory. */
yajl_gen json_gen_open(FILE *out);
void json_str(yajl_gen g, const char *s);
void json_kv(yajl_gen g, const char *k, const char *v);
void json_ki(yajl_gen g, const char *k, long long v);

#endif
