/* Running the rule table over one input, and the results of a whole run. */
#ifndef OCICHECK_CHECK_H
#define OCICHECK_CHECK_H

#include "ocicheck/doc.h"
#include "ocicheck/findings.h"
#include "ocicheck/catalog.h"
#include "ocicheck/specver.h"

/* Choices the user can force; -1 means "from the document". */
struct oc_check_opts {
	int platform;			/* enum oc_platform */
	int version;			/* enum oc_spec_version */
};

/* Work several rules of one document share: the first rule that needs it
 * builds it, check_doc frees it after the last rule (slot p, freed with
 * free_fn). */
enum oc_check_share_id {
	OC_SHARE_MOUNTS,		/* src/checks/oci/mounts.c */
	OC_SHARE_MOUNT_TREE,		/* src/checks/oci/mounts.c */
	OC_SHARE_N,
};

struct oc_check_share {
	void *p;
	void (*free_fn)(void *);
};

/* What a check function sees. Checks read, report and return. */
struct oc_check_ctx {
	const struct oc_doc *doc;
	const struct oc_node *root;	/* the config object */
	const struct oc_rule *rule;	/* the rule being run */
	enum oc_platform platform;
	enum oc_spec_version version;	/* the rules' version for this file */
	int version_declared;		/* ociVersion named a 1.x release */
	/* ociVersion is X.Y.Z-dev or X.Y.Z+dev, the development line after
	 * release X.Y.Z (version): members and values of the next release
	 * are the config's own, not another release's (OCI0022). */
	int version_dev;
	struct oc_findings *out;
	struct oc_check_share share[OC_SHARE_N];
};

/* Report a finding of the rule being run about node n, at n's value, its
 * member name or, for something missing from n, its opening bracket
 * (enum oc_anchor). */
void check_report(struct oc_check_ctx *ctx, enum oc_anchor at,
    const struct oc_node *n, const char *fmt, ...) OC_PRINTF(4, 5);
/* The same for rule id (a pass that raises several rules) at severity, an
 * enum oc_severity or -1 for the rule's. */
void check_report_as(struct oc_check_ctx *ctx, enum oc_rule_id id,
    int severity, enum oc_anchor at, const struct oc_node *n,
    const char *fmt, ...) OC_PRINTF(6, 7);
/* The spec inside a `crictl inspect` (/info/runtimeSpec) or `ctr
 * containers info` (/Spec) dump, or NULL for a plain config. */
const struct oc_node *check_envelope(const struct oc_doc *doc);
/* Fill in root, platform and version for doc under opts. */
void check_context(struct oc_check_ctx *ctx, const struct oc_doc *doc,
    const struct oc_check_opts *opts);

enum oc_file_status {
	OC_FILE_CHECKED,
	OC_FILE_UNREADABLE,
};

/* What an input of the run is, for the summary's counts. */
enum oc_file_kind {
	OC_KIND_CONFIG,		/* an OCI config.json */
	OC_KIND_CONTRACT,
	OC_KIND_SETTINGS,	/* .ocicheck.yaml */
	OC_KIND_MANIFEST,	/* contract derive's rendered chart */
	OC_NKINDS,
};
extern const char *const oc_file_kind_names[];	/* JSON report: kind */

/* The target of one contract a config was checked against. */
struct oc_file_target {
	const char *contract;	/* the contract's path, borrowed */
	char *target;
	int why;		/* enum contract_check_why */
};

struct oc_file_result {
	char *path;
	enum oc_file_status status;
	enum oc_file_kind kind;
	char *error;		/* why it is unreadable, or NULL */
	struct oc_file_target *targets;
	size_t ntargets;
};

struct oc_contract;
struct oc_config;

/* The results of a run over many inputs. */
struct oc_run {
	struct oc_file_result *files;
	size_t nfiles, files_cap;
	struct oc_findings findings;
	struct oc_rule_setting *settings;	/* OC_NRULES entries */
	struct oc_check_opts opts;
	struct oc_contract **contracts;	/* owned */
	char **contract_globs;	/* per contract: the inputs it is for
				 * (absolute globs), NULL: every one */
	size_t ncontracts;
	const char *target;		/* --target, or NULL */
	struct oc_config *config;	/* its ignore: matchers count their
				 * use; borrowed */
	int inline_ok;			/* honour ocicheck.ignore annotations */
	int min_severity;		/* drop findings below it */
	size_t count[3];		/* unsuppressed findings by severity */
	size_t suppressed;		/* findings an ignore or annotation hid */
};

void run_init(struct oc_run *run);
/* A new input of the run, its status still to be set. */
struct oc_file_result *run_add_file(struct oc_run *run, const char *path);
void run_free(struct oc_run *run);
/* Read, parse and check one PATH ("-" is stdin, named stdin_name). A file
 * that cannot be read is recorded as unreadable and returns -1 with err. */
int run_path(struct oc_run *run, const char *path, const char *stdin_name,
    struct oc_error **err);
/* Load a contract, lint it (its findings point into it) and keep it to
 * check every config that follows. An invalid contract returns -1. */
int run_contract(struct oc_run *run, const char *path, struct oc_error **err);
/* The same for a contract that applies only to inputs whose absolute,
 * cleaned path matches glob (NULL: every input). */
int run_contract_for(struct oc_run *run, const char *path, const char *glob,
    struct oc_error **err);
/* Does a loaded contract have a target of that name? */
int run_has_target(const struct oc_run *run, const char *name);
/* Sort findings and count them by severity; call once all files are in. */
void run_finish(struct oc_run *run);
/* Run every enabled rule with a check function over a loaded document. */
int check_doc(const struct oc_doc *doc, struct oc_findings *out,
    const struct oc_check_opts *opts, const struct oc_rule_setting *settings,
    struct oc_error **err);

#endif
