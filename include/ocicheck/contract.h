/* Runtime contracts (ocicheck/v1): what a chart promises its containers.
 * Loaded from YAML into a checked model that keeps every item's node, so
 * findings can name the contract line that demanded something. */
#ifndef OCICHECK_CONTRACT_H
#define OCICHECK_CONTRACT_H

#include <regex.h>
#include <stdint.h>

#include "ocicheck/check.h"
#include "ocicheck/doc.h"
#include "ocicheck/findings.h"
#include "ocicheck/rx.h"

/* A severity an item may set; OC_ITEM_DEFAULT defers to the contract's
 * defaults and then to the rule table. */
#define OC_ITEM_DEFAULT (-1)
/* unresolvedRefs / nested / duplicateDestination may also be "ignore". */
#define OC_ITEM_IGNORE (-2)

/* A compiled pattern and the text it came from: simple ones in fast,
 * the rest in re (regex set). */
struct oc_pattern {
	char *text;
	struct rx_fast fast;
	regex_t re;
	int ok, regex;
};

enum oc_mount_type {
	OC_MT_ANY,
	OC_MT_PVC,
	OC_MT_EMPTYDIR,
	OC_MT_TMPFS,
	OC_MT_CONFIGMAP,
	OC_MT_SECRET,
	OC_MT_PROJECTED,
	OC_MT_DOWNWARDAPI,
	OC_MT_HOSTPATH,
	OC_MT_SANDBOX_SHM,
	OC_MT_BIND,		/* a bind mount of an unknown host path */
	OC_MT_OTHER,		/* some other filesystem type */
	OC_MT_SUBPATH,		/* a subPath of some volume: kind unknown */
	/* A contract's "a claim-template PVC, or the emptyDir KubeBlocks
	 * puts in its place": what derive knows of a mounted name no
	 * volume of the definition provides, without the Cluster. */
	OC_MT_PVC_OR_EMPTYDIR,
};

enum oc_access {
	OC_ACCESS_ANY,
	OC_ACCESS_RW,
	OC_ACCESS_RO,
};

struct oc_env_req {
	const struct oc_node *node;
	char *name;
	int non_empty;
	long min_length;	/* -1: none */
	char *equals;		/* NULL: none */
	char **one_of;
	size_t n_one_of;
	struct oc_pattern *pattern;
	int secret;
	char *from;		/* "a, b" from the from: list, or NULL */
	char **froms, **declared_at;	/* the lists themselves */
	size_t nfroms, ndeclared_at;
	int severity;
};

struct oc_mount_req {
	const struct oc_node *node;
	char *destination;	/* normalized: no trailing '/' */
	char *volume;
	enum oc_mount_type type;
	enum oc_access access;
	int64_t size_min;	/* bytes, -1: none */
	int severity;
};

struct oc_target {
	const struct oc_node *node;
	char *name;
	char *role;
	char *match_container;
	struct oc_pattern *match_sandbox;
	struct oc_pattern *match_image;
	int has_uid;
	int64_t uid;
	const struct oc_node *uid_node;
	int uid_severity;
	struct oc_env_req *env;
	size_t nenv;
	char **forbidden;
	const struct oc_node **forbidden_nodes;
	size_t nforbidden;
	int unresolved;		/* severity, or OC_ITEM_IGNORE */
	const struct oc_node *unresolved_node;
	struct oc_mount_req *mounts;
	size_t nmounts;
	int dup_dest, nested;	/* severities, or OC_ITEM_IGNORE */
	char **allow_nested;	/* pairs: outer, inner */
	size_t nallow_nested;
	const struct oc_node *mount_rules_node;
	/* resources; -1 means "not stated" */
	const struct oc_node *memory_node, *cpu_node, *pids_node;
	int mem_require_limit;
	int64_t mem_min, mem_max, tmpfs_headroom;
	int mem_severity;
	int cpu_require_quota;
	int64_t cpu_min_milli, cpu_max_milli, cpu_period;
	int cpu_severity;
	int64_t pids_min;
	int pids_pod_scope;
	int pids_on_missing;	/* severity, or OC_ITEM_IGNORE */
	int pids_severity;
};

enum oc_password {
	OC_PW_GENERATED,
	OC_PW_PROVIDED,
	OC_PW_NONE,
};

struct oc_account {
	const struct oc_node *node;
	char *name;
	char **compdefs;
	size_t ncompdefs;
	enum oc_password password;
	int disabled;
	int init_account, shared;
};

struct oc_reference {
	const struct oc_node *node;
	const struct oc_node *account_node;
	char *account;
	char *from;		/* "Kind/name: path", or NULL */
	char *from_kind, *from_name, *from_path;
	struct oc_pattern *patterns;
	size_t npatterns;
	int needs_password;
	int optional;
	int severity;
	char **injects, **consumers;
	size_t ninjects, nconsumers;
	/* The document node and account_node are in, when it is not the
	 * contract's own (a contract derived from rendered charts). */
	const struct oc_doc *doc;
};

struct oc_contract {
	struct oc_source *src;
	struct oc_doc *doc;
	char *name;
	int default_severity;	/* OC_ITEM_DEFAULT: the rule table's */
	int unverifiable;	/* severity of MNT005-style findings */
	struct oc_account *accounts;
	size_t naccounts;
	struct oc_reference *refs;
	size_t nrefs;
	struct oc_target *targets;
	size_t ntargets;
	/* compDefs known besides those named by accounts: metadata.component
	 * compDef and compDefs. A compDef that declares no account is one. */
	char **compdefs;
	size_t ncompdefs;
};

/* Load and validate the contract at path. Every problem is a line
 * "PATH:LINE:COL: message" in err; an invalid contract never loads. */
int contract_load(const char *path, struct oc_contract **out,
    struct oc_error **err);
/* The same for a source already read; src is taken over, even on
 * failure. */
int contract_load_source(struct oc_source *src, struct oc_contract **out,
    struct oc_error **err);
/* An overlay for contract derive: a part of the contract, so it may name
 * targets (as consumers) that only the derived part has. */
int contract_load_overlay(const char *path, struct oc_contract **out,
    struct oc_error **err);
void contract_free(struct oc_contract *c);
void contract_env_req_free(struct oc_env_req *e);
/* A target that requires nothing: every limit unstated. */
void contract_target_init(struct oc_target *t);
/* The contract as ocicheck/v1 YAML, after header (lines written as "#"
 * comments; NULL for none). */
void contract_write(struct oc_buf *b, const struct oc_contract *c,
    const char *header);
/* Do two models state the same contract, field by field of the table
 * (nodes and positions aside)? */
int contract_equal(const struct oc_contract *a, const struct oc_contract *b);
/* "Kind/name: path" of a reference's from: parts, for messages. */
char *contract_reference_from(const struct oc_reference *r);

/* The static systemAccount rules (ACC001-ACC004), positioned in the
 * contract file; f->src must be the contract's source. */
void contract_lint(const struct oc_contract *c, struct oc_findings *f);
/* The same for the references whose nodes are in doc only (NULL: the
 * contract's own), for a contract whose references span files. */
void contract_lint_doc(const struct oc_contract *c, const struct oc_doc *doc,
    struct oc_findings *f);

/* Kubernetes quantities: "512Mi", "1Gi", "1.5G", "100000", and for cpu
 * "500m" or "0.5". Bytes, or millicores when milli is set. 0 if exact, 1
 * if rounded up to a whole unit as Kubernetes does ("0.5", "1.5m" of
 * cpu), -1 if bad. */
int quantity_parse(const char *s, size_t len, int milli, int64_t *out);
/* Compile a KubeBlocks (Go RE2 subset) pattern: \d, \w, \s and (?: are
 * translated for POSIX, other Perl-only syntax is refused. On failure p
 * holds nothing (pattern_free is then optional). */
int pattern_compile(struct oc_pattern *p, const char *text,
    struct oc_error **err);
void pattern_free(struct oc_pattern *p);
/* Does a compDef pattern match a definition's name? KubeBlocks takes it
 * as an exact name, a prefix or a regular expression. */
int compdef_matches(const struct oc_pattern *p, const char *name);
/* Unanchored search, as Go's regexp.MatchString. */
int pattern_search(const struct oc_pattern *p, const char *s, size_t len);
/* The type of volume a config.json mount is, judged from its source path
 * and type (the kubelet's volume directory names). */
enum oc_mount_type mount_type_of(const char *source, size_t slen,
    const char *type, size_t tlen, int bind);

/* A container runtime that bind-mounts its pod sandbox's own tmpfs at
 * /dev/shm when the pod spec mounts no volume there. */
struct oc_shm_runtime {
	const char *name;
	int64_t default_size;	/* bytes */
	const char *override;	/* how a pod asks for another size, or NULL */
};
/* The runtime whose sandbox shm a mount source is, or NULL: a source
 * mount_type_of() calls OC_MT_SANDBOX_SHM always has one. */
const struct oc_shm_runtime *sandbox_shm_runtime(const char *source,
    size_t slen);
const char *mount_type_name(enum oc_mount_type t);
/* The JSON Schema of this format, as share/contract-v1.schema.json. */
const char *contract_schema_text(void);
/* Can a requirement of type t carry a sizeMin? Only a memory-backed
 * mount has a size to check (a claim-template volume may be the emptyDir
 * KubeBlocks adds). The loader and the overlay merge both ask. */
int mount_type_sized(enum oc_mount_type t);

#endif
