/* Emitters: render a finished run. They write, they never decide. */
#ifndef OCICHECK_EMIT_H
#define OCICHECK_EMIT_H

#include <stdio.h>

#include "ocicheck/check.h"
#include "ocicheck/cli.h"

/* The working directory and the report root, absolute and cleaned; NULL
 * when the working directory cannot be known. */
struct oc_roots {
	char *cwd;
	char *root;
};

struct oc_emit_info {
	const struct oc_options *opts;
	int exit_code;
	enum oc_severity fail_on;
	int color;		/* text only */
	int show_suppressed;	/* include suppressed findings, marked */
	const char *report_root;	/* --report-root, NULL: as given */
	const char *sarif_category;	/* automationDetails.id */
	const char *config_path;	/* the .ocicheck.yaml used, or NULL */
	unsigned runtimes;	/* the target runtimes, a set */
	const char *const *contracts;	/* contract paths, in order */
	size_t ncontracts;
	/* Set by emit_paths_init when report_root is set. */
	struct oc_roots roots;
	char **paths;
	size_t npaths;
};

typedef int oc_emit_fn(FILE *out, const struct oc_run *run,
    const struct oc_emit_info *info, struct oc_error **err);

oc_emit_fn emit_text;
oc_emit_fn emit_json;
oc_emit_fn emit_sarif;
oc_emit_fn emit_github;
oc_emit_fn emit_junit;
oc_emit_fn emit_gitlab;
oc_emit_fn emit_checkstyle;

/* The emitter for a format. */
oc_emit_fn *emit_for(enum oc_format format);
/* "ocicheck: 2 files, 1 error, 0 warnings, 0 info" */
void emit_summary(FILE *out, const struct oc_run *run);
/* Stable ids of the run's findings that ignore their lines: rule, path,
 * pointer, and the order among findings that share all three. Finding i's
 * is the 16 hex digits at 17 * i (NUL-terminated); the caller frees. */
char *emit_fingerprints(const struct oc_run *run,
    const struct oc_emit_info *info);
/* s made printable and valid UTF-8 for a report; returns s or b->s. */
const char *emit_clean(const char *s, struct oc_buf *b);
/* --list-rules in text, json or markdown. */
int emit_rule_list(FILE *out, enum oc_format format);
/* --explain: one rule in full. */
int emit_rule_explain(FILE *out, const struct oc_rule *r,
    enum oc_format format);
/* Paths. emit_path_clean resolves ".", ".." and doubled slashes without
 * touching the file system (relative paths are taken from "/");
 * emit_path_join cleans a joined to the absolute directory dir. Both
 * return allocated strings. */
char *emit_path_clean(const char *p);
char *emit_path_join(const char *dir, const char *a);
void emit_roots_init(struct oc_roots *r, const char *report_root);
void emit_roots_free(struct oc_roots *r);
/* path relative to r->root, or NULL when it is not under it; *abs gets
 * the absolute path (caller frees; the result may point into it). */
const char *emit_path_rel(const struct oc_roots *r,
    const struct oc_options *o, const char *path, char **abs);
/* Report paths relative to --report-root (absolute outside it); without
 * one, emit_path returns the path as the user gave it. */
void emit_paths_init(struct oc_emit_info *info, const struct oc_run *run);
void emit_paths_free(struct oc_emit_info *info);
const char *emit_path(const struct oc_emit_info *info,
    const struct oc_run *run, size_t file);
/* p without its leading "./" (GitHub and GitLab match paths against the
 * repository's, where "./a" would miss "a"). */
const char *emit_path_trim(const char *p);
/* The documentation URL of a rule. */
void emit_help_uri(const struct oc_rule *r, struct oc_buf *b);
/* "profiles": [{"profile": NAME, "control": TEXT}, ...] of a rule some
 * security profile holds (nothing for the others), in JSON output. */
struct yajl_gen_t;
void emit_gen_profiles(struct yajl_gen_t *g, const struct oc_rule *r);

#endif
