/* The catalog of rules: everything --list-rules, --explain, rules/ID.md,
 * the man page and SARIF say about a rule comes from its row in the list
 * src/catalog.def, and so do the rule ids (enum oc_rule_id) findings are
 * reported by and the prototypes of the check functions. */
#ifndef OCICHECK_CATALOG_H
#define OCICHECK_CATALOG_H

#include <stddef.h>

#include "ocicheck/error.h"
#include "ocicheck/specver.h"

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

/* Every rule: OC_R_OCI1101, OC_R_ENV007, ..., in the list's order. */
enum oc_rule_id {
#define RULE(id, fn, ...) OC_R_##id,
#define RAISED(id, ...) OC_R_##id,
#include "catalog.def"
#undef RULE
#undef RAISED
	OC_NRULES
};

/* The configs a rule applies to, by the platform check_context() judged
 * (the runner skips the others). */
enum oc_rule_platforms {
	OC_ON_ANY,
	/* A Linux config: what runc, crun and youki refuse (OCI5xxx) and the
	 * security controls. An LCOW config is not one: hcsshim adds the
	 * root and its own mounts to the spec before runc sees it. */
	OC_ON_LINUX,
	/* A Linux config or the Linux guest of a Windows one: the
	 * config-linux.md rules (OCI2xxx). hcsshim writes an LCOW config
	 * with both a windows object (layerFolders, hyperv) and a linux one,
	 * which the GCS in the utility VM hands to runc there. */
	OC_ON_LINUX_GUEST,
	OC_ON_WINDOWS,
};

/* A check reads the config, reports and returns: it cannot fail. */
struct oc_check_ctx;
typedef void oc_check_fn(struct oc_check_ctx *ctx);

/* The check functions the rows name. */
#define RULE(id, fn, ...) oc_check_fn fn;
#define RAISED(id, ...)
#include "catalog.def"
#undef RULE
#undef RAISED

struct oc_rule {
	const char *id;		/* OCI1101: stable, never reused */
	const char *slug;	/* "process-cwd-absolute" */
	enum oc_severity severity;	/* default */
	enum oc_level level;
	const char *spec_ref;	/* "config.md#process", or NULL */
	const char *versions;	/* spec versions it applies to, or NULL */
	const char *summary;	/* one line, lowercase, no period */
	const char *description;	/* why it matters, plain text */
	/* Written as RULE(ID, FN, ...): the runner calls FN for every
	 * config (src/check.c holds the functions, so the rows are data and
	 * the catalog does not depend on the checks that report through
	 * it); 0 for a rule raised while loading or by a pass. */
	int checked;
	int opt_in;		/* off unless enabled: noisy or opinionated */
	/* The configs the runner calls the check for: of these platforms, and of
	 * this release or a later one. */
	enum oc_rule_platforms platforms;
	enum oc_spec_version since;
};

/* The rows, by enum oc_rule_id. */
extern const struct oc_rule oc_rules[OC_NRULES];
/* The rule at position i (< OC_NRULES) of the catalog order, the order of
 * every listing: the OCI ids ascending, then the other families'. */
const struct oc_rule *catalog_nth(size_t i);

/* The runtimes a config can be meant for (--runtime, runtimes:), as a set
 * of (1 << enum oc_runtime); without a choice, all of them. */
enum oc_runtime { OC_RT_RUNC, OC_RT_CRUN, OC_RT_YOUKI, OC_NRUNTIMES };
#define OC_RT_ALL ((1u << OC_NRUNTIMES) - 1)
extern const char *const oc_runtime_names[];	/* by enum */

/* What a runtime does with the config a runtime rule (OCI5xxx) describes,
 * read from its source (scripts/runtime-refusals.tsv, generated into
 * src/refusals.inc). runtime is an enum oc_runtime for the release
 * that decides severity, OC_RT_SPEC for a MUST of the specification, or
 * OC_RT_OTHER for a row about another release (Debian's runc 1.1.5),
 * shown but not counted. */
#define OC_RT_SPEC (-1)
#define OC_RT_OTHER (-2)
struct oc_refusal {
	enum oc_rule_id rule;	/* OC_NRULES in the last row */
	int runtime;
	const char *label;	/* "runc", "runc 1.1.5", "crun", "spec" */
	int refuses;		/* 0 no, 1 yes, 2 partly */
	const char *since, *text, *source, *note;
};
extern const struct oc_refusal oc_refusals[];
extern const size_t oc_nrefusals;

/* The severity a runtime rule has for a set of target runtimes: error
 * when the spec says MUST or every target refuses, warning when some do
 * (or some refuse part of it), -1 when none does. The table severity for
 * a rule without refusal rows. */
int catalog_runtime_severity(const struct oc_rule *r, unsigned targets);
/* "runc and youki": the targets that refuse r, into b ("" when none). */
void catalog_refusers(const struct oc_rule *r, unsigned targets,
    struct oc_buf *b);

/* Rule by id (case-insensitive) or slug, or NULL: for names the user
 * writes (--enable, --explain, ignore:, annotations); code names a rule by
 * its enum. */
const struct oc_rule *catalog_find(const char *name);
/* The enum of a row of oc_rules. */
enum oc_rule_id catalog_index(const struct oc_rule *rule);

const char *severity_name(enum oc_severity sev);
/* "error", "warning", "info" or "none"; -1 when unknown. */
int severity_parse(const char *s);
const char *level_name(enum oc_level level);

/* The rule id or name nearest to word, or NULL. */
const char *catalog_nearest(const char *word);
/* "unknown rule 'NAME'; did you mean 'X'? (see ocicheck --list-rules)",
 * returned as -1 with err. */
int catalog_unknown(const char *name, struct oc_error **err);

#endif
