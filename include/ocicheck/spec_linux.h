/* Check functions for config-linux.md (OCI2xxx) and for what runc and crun
 * refuse at create (OCI5xxx), named in the rule table. */
#ifndef OCICHECK_SPEC_LINUX_H
#define OCICHECK_SPEC_LINUX_H

#include <stdint.h>

#include "ocicheck/spec.h"

/* Helpers shared by src/checks/oci/{namespaces,devices,resources,sysctl,seccomp,
 * linux,runtime}.c. Every rule there applies to Linux configs only (the
 * OCI2xxx ones to LCOW guests too, lx_spec_skip). */
static inline int
lx_skip(const struct oc_check_ctx *ctx)
{
	return ctx->platform != OC_PLATFORM_LINUX;
}

/* The config-linux.md rules (OCI2xxx) apply to a Linux config and to the
 * Linux guest of a Windows one: hcsshim writes an LCOW config with both a
 * windows object (layerFolders, hyperv) and a linux one, which the GCS in
 * the utility VM hands to runc there. The refusals of runc, crun and youki
 * (OCI5xxx, lx_skip) stay with Linux configs: hcsshim adds the root and
 * its own mounts to the spec before runc sees it. */
static inline int
lx_spec_skip(const struct oc_check_ctx *ctx)
{
	return ctx->platform != OC_PLATFORM_LINUX &&
	    !(ctx->platform == OC_PLATFORM_WINDOWS &&
	    doc_get(ctx->doc, ctx->root, "linux") != NULL);
}

/* obj's member key when it is of kind kind, else NULL. Inline, as the
 * getters below: rules call them per element of long lists, and a
 * literal key's length is then known when built. */
static inline const struct oc_node *
lx_get(const struct oc_doc *doc, const struct oc_node *obj, const char *key,
    enum oc_kind kind)
{
	const struct oc_node *n = doc_get(doc, obj, key);

	return n != NULL && doc_kind(n) == kind ? n : NULL;
}

/* The "linux" object, or NULL when absent or not an object. */
static inline const struct oc_node *
lx_linux(const struct oc_check_ctx *ctx)
{
	return lx_get(ctx->doc, ctx->root, "linux", OC_OBJECT);
}

/* obj's member key unless it is absent or null (Go reads null as unset). */
static inline const struct oc_node *
lx_set(const struct oc_doc *doc, const struct oc_node *obj, const char *key)
{
	const struct oc_node *n = doc_get(doc, obj, key);

	return n != NULL && doc_kind(n) != OC_NULL ? n : NULL;
}
/* n's JSON pointer, kept in b (free it). */
const char *lx_ptr(const struct oc_doc *doc, const struct oc_node *n,
    struct oc_buf *b);
/* n shown for a message (see spec_show), kept in b (free it). */
const char *lx_show(const struct oc_doc *doc, const struct oc_node *n,
    struct oc_buf *b);
/* Does the config list a namespace of that type, new or joined? */
int lx_has_namespace(const struct oc_check_ctx *ctx, const char *type);

/* A string and where it came from, for duplicate detection by sorting. */
struct lx_key {
	const char *s;
	size_t len;
	const struct oc_node *n;
	size_t idx;		/* document order */
};
/* Sort by text, then by document order: a run of equal texts starts with
 * the first occurrence. */
void lx_keys_sort(struct lx_key *v, size_t n);
/* The string member (or, with member NULL, the string element itself) of
 * each element of list, sorted by lx_keys_sort; *n is set to the count.
 * The caller frees the array. */
struct lx_key *lx_keys_collect(const struct oc_doc *doc,
    const struct oc_node *list, const char *member, size_t *n);

/*
 * Lists of CPUs or memory nodes ("0-3,7").
 *
 * LX_LIST_RUNC is the grammar of runc's parsers (toCPUSet, RangeToBits):
 * comma-separated elements, spaces allowed around an element, empty
 * elements skipped, each element N or N-M in decimal (at most 2^32-1).
 * LX_LIST_KERNEL is the kernel's bitmap_parselist(), which cpuset.cpus and
 * cpuset.mems go through: spaces separate like commas, the last id may be
 * written N, and a range may carry a stride ":used/group".
 */
enum lx_list_grammar {
	LX_LIST_RUNC,
	LX_LIST_KERNEL,
};

struct lx_list {
	uint64_t count;		/* ids in the set (a stride is not expanded) */
	uint64_t max;		/* highest id named; 0 when count is 0 */
	const char *why;	/* on error: what is wrong */
	size_t at;		/* on error: offset of the bad element */
};

int lx_list_parse(const char *s, size_t n, enum lx_list_grammar g,
    struct lx_list *out);

/* How runc and crun treat a linux.sysctl key. */
enum lx_sysctl_class {
	LX_SYSCTL_IPC,		/* System V IPC, fs.mqueue.*: ipc namespace */
	LX_SYSCTL_NET,		/* net.*: network namespace */
	LX_SYSCTL_DOMAINNAME,	/* kernel.domainname: uts namespace */
	LX_SYSCTL_HOSTNAME,	/* kernel.hostname: refused by both */
	LX_SYSCTL_USER,		/* user.*: runc with a user ns, never crun */
	LX_SYSCTL_OTHER,	/* not namespaced: refused by both */
};

/* The dotted form of a key, as runc compares it: when the first separator
 * is '/', every '/' becomes '.' and every '.' becomes '/'. */
void lx_sysctl_normalize(const char *key, size_t len, struct oc_buf *out);
enum lx_sysctl_class lx_sysctl_classify(const char *key, size_t len);

/* namespaces.c */
oc_check_fn check_ns_path_absolute;
oc_check_fn check_ns_duplicate;
oc_check_fn check_ns_path_type;
oc_check_fn check_uts_namespace;
oc_check_fn check_mount_ns_for_paths;
oc_check_fn check_idmap_without_userns;
oc_check_fn check_userns_without_idmap;
oc_check_fn check_userns_one_idmap;
oc_check_fn check_userns_path_idmap;
oc_check_fn check_idmap_ranges;
oc_check_fn check_time_offsets_ns;
oc_check_fn check_time_offsets_empty;

/* devices.c */
oc_check_fn check_device_path_absolute;
oc_check_fn check_device_path_duplicate;
oc_check_fn check_device_number_duplicate;
oc_check_fn check_device_fifo_numbers;

/* resources.c */
oc_check_fn check_memory_below_unlimited;
oc_check_fn check_memory_swappiness;
oc_check_fn check_memory_kernel;
oc_check_fn check_cpu_burst;
oc_check_fn check_blkio_weight_device;
oc_check_fn check_rdma_limit;
oc_check_fn check_cgroup_device_type;
oc_check_fn check_cgroup_device_access;
oc_check_fn check_hugepage_duplicate;
oc_check_fn check_net_priority_duplicate;
oc_check_fn check_memory_swap_without_limit;
oc_check_fn check_memory_swap_below_limit;
oc_check_fn check_cpu_rt_runtime;
oc_check_fn check_blkio_weight_range;
oc_check_fn check_cgroup_device_access_empty;
oc_check_fn check_unified_key;
oc_check_fn check_cpuset_list;
oc_check_fn check_cgroups_path_dotdot;
oc_check_fn check_memory_limit_below_reservation;
oc_check_fn check_net_priority_name_empty;
oc_check_fn check_memory_cgroup_v1;

/* sysctl.c */
oc_check_fn check_sysctl_duplicate;
oc_check_fn check_sysctl_not_namespaced;
oc_check_fn check_sysctl_namespace;
oc_check_fn check_sysctl_uts_field;

/* seccomp.c */
oc_check_fn check_seccomp_errno_action;
oc_check_fn check_seccomp_metadata_without_path;
oc_check_fn check_seccomp_listener_relative;
oc_check_fn check_seccomp_arch_duplicate;
oc_check_fn check_seccomp_name_empty;
oc_check_fn check_seccomp_rule_default;
oc_check_fn check_seccomp_notify_default;
oc_check_fn check_seccomp_notify_listener;
oc_check_fn check_seccomp_notify_write;
oc_check_fn check_seccomp_arg_index;
oc_check_fn check_seccomp_syscall_unknown;
/* syscalls.c, generated by scripts/gen-syscalls */
int lx_syscall_known(const char *s, size_t n);

/* linux.c */
oc_check_fn check_masked_path_absolute;
oc_check_fn check_readonly_path_absolute;
oc_check_fn check_rootfs_propagation;
oc_check_fn check_intelrdt_l3;
oc_check_fn check_intelrdt_schemata;
oc_check_fn check_personality_flags;
oc_check_fn check_io_priority;
oc_check_fn check_exec_cpu_affinity;
oc_check_fn check_netdev_namespace;
oc_check_fn check_netdev_name;
oc_check_fn check_intelrdt_closid;
oc_check_fn check_mempolicy_nodes;
oc_check_fn check_mount_label;

/* runtime.c */
oc_check_fn check_linux_missing;
oc_check_fn check_process_missing;
oc_check_fn check_sched_nice;
oc_check_fn check_sched_priority;
oc_check_fn check_sched_deadline;
oc_check_fn check_sched_iso;
oc_check_fn check_oom_score_adj;
oc_check_fn check_exec_cpu_affinity_max;

/* mounts_runtime.c */
oc_check_fn check_mounts_missing;
oc_check_fn check_mount_bind_data;
oc_check_fn check_mount_bind_defaults;
oc_check_fn check_mount_idmap_not_bind;
oc_check_fn check_mount_on_rootfs;
oc_check_fn check_mount_dest_empty;
oc_check_fn check_mount_proc;
oc_check_fn check_mount_sysfs_on_proc;
oc_check_fn check_mount_proc_under_proc;
oc_check_fn check_mount_tmpcopyup;

/* systemd.c */
oc_check_fn check_systemd_property;

#endif
