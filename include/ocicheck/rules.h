/* The one table of rules: everything --list-rules, --explain, rules/ID.md,
 * the man page and SARIF say about a rule comes from a row here. */
#ifndef OCICHECK_RULES_H
#define OCICHECK_RULES_H

#include <stddef.h>

#include "ocicheck/error.h"

enum oc_severity {
	OC_SEV_INFO,
	OC_SEV_WARNING,
	OC_SEV_ERROR,
	OC_SEV_NONE,	/* only as a --fail-on level: never fail */
};

/* How the rule's source states the requirement. */
enum oc_level {
	OC_LEVEL_MUST,		/* RFC 2119 MUST / REQUIRED in the spec */
	OC_LEVEL_SHOULD,
	OC_LEVEL_INPUT,		/* RFC 8259 and what parsers disagree on */
	OC_LEVEL_RUNTIME,	/* a runtime refuses it beyond the spec text */
	OC_LEVEL_PRACTICE,	/* best practice, security */
	OC_LEVEL_CONTRACT,	/* demanded by a runtime contract */
};

struct oc_check_ctx;
typedef int oc_check_fn(struct oc_check_ctx *ctx, struct oc_error **err);

struct oc_rule {
	const char *id;		/* "OCI1101": stable, never reused */
	const char *slug;	/* "process-cwd-absolute" */
	enum oc_severity severity;	/* default */
	enum oc_level level;
	const char *spec_ref;	/* "config.md#process", or NULL */
	const char *versions;	/* spec versions it applies to, or NULL */
	const char *summary;	/* one line, lowercase, no period */
	const char *description;	/* why it matters, plain text */
	oc_check_fn *fn;	/* NULL: raised while loading the input or
				 * by the schema pass (schema.c) */
	int opt_in;		/* off unless enabled: noisy or opinionated */
};

extern const struct oc_rule oc_rules[];
extern const size_t oc_nrules;

/* Rule by id (case-insensitive) or slug, or NULL. */
const struct oc_rule *rules_find(const char *name);
size_t rules_index(const struct oc_rule *rule);

const char *severity_name(enum oc_severity sev);
/* "error", "warning", "info" or "none"; -1 when unknown. */
int severity_parse(const char *s);
const char *level_name(enum oc_level level);

#endif
