/* Strict RFC 8259 loading with libyajl's event API into the positioned
 * document model. Everything a runtime would read differently is a finding
 * at its exact position. */
#ifndef OCICHECK_JSON_LOAD_H
#define OCICHECK_JSON_LOAD_H

#include "ocicheck/doc.h"
#include "ocicheck/findings.h"

/* Documented limits. Configs nest about 8 deep; 256 leaves ample room
 * while keeping every recursive walk shallow. Linux refuses any single
 * argument or env string over 128 KiB (MAX_ARG_STRLEN), so 1 MiB strings
 * are never legitimate. */
#define OC_MAX_DEPTH 256
#define OC_MAX_STRING ((size_t)1 << 20)
/* Values (scalars, objects, arrays) in one document: each costs about 50
 * bytes, so a dense 128 MiB array ("[0,0,...]") would need 3 GiB. 4 Mi
 * keeps a whole run far below 1 GiB and is a thousand times what the
 * largest real config holds. */
#define OC_MAX_VALUES ((size_t)4 << 20)

/* Parse src. On success *out is the document (or NULL when the input could
 * not be parsed, in which case one finding says why) and findings holds
 * every strictness finding. Returns -1 only when it cannot run. */
int json_load(const struct oc_source *src, struct oc_findings *findings,
    struct oc_doc **out, struct oc_error **err);

#endif
