/* .ocicheck.yaml: discovery, strict loading, and the effective settings of
 * a run with where each one came from. */
#ifndef OCICHECK_CONFIG_H
#define OCICHECK_CONFIG_H

#include <stddef.h>

#include <stdio.h>

#include "ocicheck/cli.h"
#include "ocicheck/doc.h"
#include "ocicheck/findings.h"
#include "ocicheck/suppress.h"

/* Where a setting's value came from, for --print-config. */
enum oc_origin {
	OC_FROM_DEFAULT,
	OC_FROM_CONFIG,
	OC_FROM_CLI,
};

/* One ignore: entry as written; its matcher (rule, use count, off when
 * expired) is the config's matchers[] at the same index. */
struct oc_ignore {
	const struct oc_node *node;
	char *path;		/* glob on the input's path relative to the
				 * config file's directory, NULL: any */
	char *glob;		/* path made absolute, the directory escaped */
	char *pointer;		/* JSON pointer prefix, NULL: any */
	char *reason;
	char *expires;		/* YYYY-MM-DD, NULL: never */
};

struct oc_rule_choice {
	const struct oc_node *node;
	char *selector;		/* id, slug or prefix* */
	int severity;		/* for severity: entries */
};

struct oc_config {
	char *path;		/* NULL when no file is used */
	char *how;		/* how it was found, for --print-config */
	/* The working directory and the file's directory, absolute and
	 * cleaned, for ignore: paths; NULL when getcwd fails. */
	char *cwd, *dir;
	struct oc_source *src;
	struct oc_doc *doc;
	/* -1 or NULL: not set in the file */
	int fail_on, min_severity, platform, spec_version, inline_ok;
	unsigned runtimes;	/* runtimes:, a set; 0: not set */
	unsigned profiles;	/* profile:, a set; 0: not set */
	char **contracts;	/* resolved against the file's directory */
	char **contract_globs;	/* per contract: an absolute path glob of
				 * the inputs it is for, NULL: every one */
	size_t ncontracts;
	struct oc_rule_choice *enable, *disable, *severity;
	size_t nenable, ndisable, nseverity;
	struct oc_ignore *ignores;
	struct oc_matcher *matchers;	/* one per ignore, borrowing from it */
	size_t nignores;
};

/* Find the config file: -c FILE, else $OCICHECK_CONFIG, else the first
 * .ocicheck.yaml or .ocicheck.yml walking up from the working directory,
 * stopping at the directory that holds .git (no home-directory fallback).
 * *path is NULL when there is none. */
int config_find(const char *explicit_path, char **path, char **how,
    struct oc_error **err);
/* Load and validate a config file; every problem is an error line
 * "PATH:LINE:COL: ..." (exit 3). */
int config_load(const char *path, struct oc_config **out,
    struct oc_error **err);
void config_free(struct oc_config *cfg);

/* Settings of a run: the command line over the file over the defaults. */
struct oc_settings {
	int fail_on, min_severity, platform, spec_version, inline_ok;
	unsigned runtimes;	/* the targets, a set of enum oc_runtime */
	unsigned profiles;	/* the security profiles, a set */
	enum oc_origin fail_on_from, min_severity_from, platform_from,
	    spec_version_from, inline_ok_from, runtimes_from, profiles_from;
	const char **contracts;	/* borrowed */
	const char **contract_globs;	/* per contract, borrowed; NULL: all */
	size_t ncontracts;
};

/* Merge cfg (may be NULL) and opts into settings and per-rule settings.
 * An unknown rule selector returns -1 with err (a usage error, exit 2). */
int config_resolve(const struct oc_config *cfg, const struct oc_options *opts,
    struct oc_settings *set, struct oc_rule_setting *rules,
    struct oc_error **err);
void config_settings_free(struct oc_settings *set);
/* --print-config */
void config_print(FILE *out, const struct oc_config *cfg,
    const struct oc_options *opts, const struct oc_settings *set,
    const struct oc_rule_setting *rules);

/* Does a rule selector (id, slug, or a prefix ending in '*') pick rule r? */
int selector_matches(const char *sel, const struct oc_rule *r);

#endif
