/* Internals of the contract check, shared by src/contract/check*.c: the
 * state of one config against one target, and the finding helpers. */
#ifndef OCICHECK_CONTRACT_CHECK_H
#define OCICHECK_CONTRACT_CHECK_H

#include "ocicheck/contract.h"

struct cc {
	const struct oc_contract *c;
	const struct oc_target *t;
	struct oc_check_ctx *ctx;
	const struct oc_doc *doc;
};

struct mount_ent {
	const struct oc_node *node;
	const char *dest;
	size_t dlen;
	enum oc_mount_type type;
	int ro;
	int64_t tmpfs_size;	/* from a size= option, -1 if none */
	const struct oc_shm_runtime *shm;	/* OC_MT_SANDBOX_SHM: whose */
};

/* "contract.yaml:LINE" for the item n of the contract, appended to b. */
void cc_where(const struct cc *cc, const struct oc_node *n, struct oc_buf *b);
/* A finding of rule id at n (its key when key is set; the config's root
 * when n is NULL), at the item's severity or the contract's default. */
void cc_report(const struct cc *cc, enum oc_rule_id id, int item_sev,
    const struct oc_node *n, int key, const char *fmt, ...) OC_PRINTF(6, 7);

/* src/checks/contract/env.c: required, injected, forbidden and unresolved env. */
void check_env(const struct cc *cc);
/* src/checks/contract/limits.c: the config's mounts (owned by the caller, free()),
 * then the mount and cgroup rules over them. */
size_t mounts_read(const struct cc *cc, struct mount_ent **out);
void check_required_mounts(const struct cc *cc, const struct mount_ent *v,
    size_t n);
void check_mount_layout(const struct cc *cc, struct mount_ent *v, size_t n);
void check_memory(const struct cc *cc, const struct mount_ent *v, size_t n);
void check_cpu(const struct cc *cc);
void check_pids(const struct cc *cc);

#endif
