/* Strict validation of a positioned YAML (or JSON) document against what
 * a file format allows: every problem becomes one "PATH:LINE:COL: ..."
 * line, all of them collected so an author fixes them in one round. Used
 * for contracts and for .ocicheck.yaml. */
#ifndef OCICHECK_VALIDATE_H
#define OCICHECK_VALIDATE_H

#include <stdint.h>

#include "ocicheck/doc.h"

struct val_msg {
	uint32_t line, col;
	char *text;
};

struct oc_validator {
	const struct oc_source *src;
	const struct oc_doc *doc;
	struct val_msg *errs;
	size_t nerrs, errs_cap;
	/* A number or boolean scalar may stand for a string. A contract
	 * compares strings, so 5 there is a mistake; .ocicheck.yaml
	 * reads "spec-version: 1.2" as meant. */
	int lax_scalars;
};

/* Record a problem at n (at its key when key is set). */
void val_err(struct oc_validator *v, const struct oc_node *n, int key,
    const char *fmt, ...) OC_PRINTF(4, 5);
/* The problems in file order, one per line; frees them. */
char *val_report(struct oc_validator *v);
char *val_strdup(const struct oc_validator *v, const struct oc_node *n);
/* What a wrong value is, for "(got ...)": 'text' for a scalar, "a
 * sequence" or "a mapping" for a container (whose text would be empty). */
const char *val_got(const struct oc_validator *v, const struct oc_node *n,
    struct oc_buf *b);
/* obj must be a mapping whose keys are all in allowed (an unknown one is
 * told the nearest and the keys allowed there); -1 when it is not a
 * mapping. */
int val_object(struct oc_validator *v, const struct oc_node *obj,
    const char *what, const char *const *allowed, size_t nallowed);
/* A key another tool spells differently, and what it is here (such as
 * {"readOnly", "access: ro"}): a guess no spelling distance would make. */
struct val_alias {
	const char *key, *meant;
};
/* val_object, where an unknown key that is an alias gets its meaning as
 * the did-you-mean. */
int val_object_aliased(struct oc_validator *v, const struct oc_node *obj,
    const char *what, const char *const *allowed, size_t nallowed,
    const struct val_alias *aliases, size_t naliases);
/* Member key of obj if it has kind (with lax_scalars, any scalar stands
 * for a string). */
const struct oc_node *val_get(struct oc_validator *v,
    const struct oc_node *obj, const char *key, enum oc_kind kind,
    int required, const char *what);
char *val_str(struct oc_validator *v, const struct oc_node *obj,
    const char *key, int required, const char *what);
int val_bool(struct oc_validator *v, const struct oc_node *obj,
    const char *key, const char *what);
/* A non-negative integer, -1 when absent or bad. */
int64_t val_int(struct oc_validator *v, const struct oc_node *obj,
    const char *key, const char *what);
/* error, warning (or warn), info, and ignore when allowed; dflt when
 * absent. */
int val_sev(struct oc_validator *v, const struct oc_node *obj,
    const char *key, int allow_ignore, int dflt, const char *what);
/* A list of strings: the count, *out allocated (and *nodes if asked). */
size_t val_strs(struct oc_validator *v, const struct oc_node *obj,
    const char *key, char ***out, const struct oc_node ***nodes,
    const char *what);
void val_strs_free(char **s, size_t n);

#endif
