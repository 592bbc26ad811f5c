/* Check functions for config.md (OCI1xxx), Windows (OCI3xxx) and the other
 * platforms (OCI4xxx), named in the rule table, and the small parsers they
 * share (exported for the unit tests). */
#ifndef OCICHECK_CHECKS_OCI_CFG_H
#define OCICHECK_CHECKS_OCI_CFG_H

#include <stddef.h>

#include "spec.h"

/* doc_count() that takes an absent node. */
static inline size_t
cfg_count(const struct oc_node *n)
{
	return n != NULL ? doc_count(n) : 0;
}

/* Platform questions: is it a Windows config; are the container's own
 * paths Windows ones; do the Linux rules apply? A config with both
 * "windows" and "linux" is a Linux container on Windows (LCOW): its
 * process, paths and mounts are Linux ones, and it always runs in a
 * Hyper-V utility VM. */
int cfg_windows(const struct oc_check_ctx *ctx);
int cfg_windows_guest(const struct oc_check_ctx *ctx);
int cfg_linux_guest(const struct oc_check_ctx *ctx);
/* A member of obj whose name matches key in any case, as Go's decoder
 * (runc, hcsshim) matches it; the last one when repeated. */
const struct oc_node *cfg_get_anycase(const struct oc_doc *doc,
    const struct oc_node *obj, const char *key);
/* The hook kinds of config.md, in lifecycle order. */
#define CFG_NHOOK_KINDS 6
extern const char *const cfg_hook_kinds[CFG_NHOOK_KINDS];
/* The mounts list, or NULL when absent or not a list. */
const struct oc_node *cfg_mounts(const struct oc_check_ctx *ctx);

/* One element of /mounts with its members looked up once: a large config
 * has hundreds of thousands of mounts and some twenty rules walk them, so
 * each rule reading the members again would cross the whole document
 * twenty times. A member is the last of its name, as doc_get() finds it;
 * NULL when absent or when the element is not an object. */
struct cfg_mount {
	const struct oc_node *node;		/* the element itself */
	const struct oc_node *destination, *type, *source;
	const struct oc_node *options;		/* only when an array */
	const struct oc_node *uid_mappings, *gid_mappings;	/* any kind */
	unsigned opts;				/* CFG_MOPT_* in options */
};

#define CFG_MOPT_BIND		0x01u
#define CFG_MOPT_RBIND		0x02u
#define CFG_MOPT_IDMAP		0x04u
#define CFG_MOPT_RIDMAP		0x08u
#define CFG_MOPT_TMPCOPYUP	0x10u
/* A bind mount: the option bind or rbind, as runc and crun read it. */
#define CFG_MOPT_ANY_BIND	(CFG_MOPT_BIND | CFG_MOPT_RBIND)

/* The elements of /mounts, in order (*n of them; NULL and 0 when there is
 * no list), built by the first rule that asks and kept until check_doc()
 * ends. */
const struct cfg_mount *cfg_mount_table(struct oc_check_ctx *ctx, size_t *n);
/* The same when the Linux rules apply (cfg_linux_guest), else none. */
const struct cfg_mount *cfg_linux_mount_table(struct oc_check_ctx *ctx,
    size_t *n);
/* The first element of m's options that is exactly opt, or NULL. */
const struct oc_node *cfg_mount_option(const struct oc_doc *doc,
    const struct cfg_mount *m, const char *opt);

/* Parsers. All take (text, length): document strings are not terminated. */
/* RFC 3339 section 5.6 date-time, with real calendar ranges. */
int cfg_rfc3339(const char *s, size_t n);
/* A GUID, 8-4-4-4-12 hex digits; braces around it when braces is set. */
int cfg_guid(const char *s, size_t n, int braces);
/* A volume GUID path: \\?\Volume{GUID}\ (the last backslash optional). */
int cfg_volume_guid_path(const char *s, size_t n);
/* Capability number of "CAP_..." (0..40), or -1 when unknown. */
int cfg_capability(const char *s, size_t n);
/* Is the rlimit type known on the platform (Linux or Solaris)? */
int cfg_rlimit_known(int solaris, const char *s, size_t n);
/* A stop signal as image-spec, docker and podman accept it. */
int cfg_signal_ok(const char *s, size_t n);
/* Go's GOOS and GOARCH lists. */
int cfg_goos(const char *s, size_t n);
int cfg_goarch(const char *s, size_t n);

/* What is wrong with an environment entry "NAME=value". */
enum cfg_env_problem {
	CFG_ENV_OK,
	CFG_ENV_NO_EQUALS,	/* no '=' at all */
	CFG_ENV_EMPTY_NAME,	/* "=value" */
	CFG_ENV_LEADING_DIGIT,	/* a shell cannot name it */
	CFG_ENV_BAD_CHAR,	/* a byte other than [A-Za-z0-9_] */
};
/* *name_len is the length of the name; *bad the offset of the first byte
 * that makes it non-portable. */
enum cfg_env_problem cfg_env_entry(const char *s, size_t n,
    size_t *name_len, size_t *bad);

/* Lexical clean of a mount destination into out: POSIX paths become
 * absolute ("tmp" is "/tmp"), "." and ".." resolved, "/" is the empty
 * string; Windows paths are lower-cased with '\' separators. Returns the
 * length written (at most 2 * n + 1 bytes). */
size_t cfg_path_clean(const char *s, size_t n, int windows, char *out);


#endif
