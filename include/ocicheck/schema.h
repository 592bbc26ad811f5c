/* The schema pass: the runtime-spec JSON schemas of every release, compiled
 * into tables, applied to the raw document. */
#ifndef OCICHECK_SCHEMA_H
#define OCICHECK_SCHEMA_H

#include "ocicheck/check.h"

/* Check types, required members, enums, patterns, integer ranges and
 * array sizes of ctx->doc for ctx->version and ctx->platform. */
int schema_check(struct oc_check_ctx *ctx, struct oc_error **err);

#endif
