/* What runc, crun and youki refuse in /mounts at create (OCI51xx) and
 * the required mounts block of crun and youki (OCI5010). */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "cfg.h"
#include "lx.h"

/* The options runc's parseMountOptions knows (flags, propagation,
 * recursive attributes, idmap and its tmpcopyup extension); every other
 * option becomes filesystem data. Sorted. */
static int
runc_flag_option(const char *s, size_t n)
{
	static const char *const known[] = {
		"async", "atime", "bind", "defaults", "dev", "diratime",
		"dirsync", "exec", "idmap", "iversion", "lazytime", "loud",
		"mand", "noatime", "nodev", "nodiratime", "noexec",
		"noiversion", "nolazytime", "nomand", "norelatime",
		"nostrictatime", "nosuid", "nosymfollow", "private", "ratime",
		"rbind", "rdev", "rdiratime", "relatime", "remount", "rexec",
		"ridmap", "rnoatime", "rnodev", "rnodiratime", "rnoexec",
		"rnorelatime", "rnostrictatime", "rnosuid", "rnosymfollow",
		"ro", "rprivate", "rrelatime", "rro", "rrw", "rshared",
		"rslave", "rstrictatime", "rsuid", "rsymfollow", "runbindable",
		"rw", "shared", "silent", "slave", "strictatime", "suid",
		"sync", "tmpcopyup", "unbindable",
	};

	return str_in_sorted(known, ARRAY_SIZE(known), s, n);
}

/* OCI5101 */
void
check_mount_bind_data(struct oc_check_ctx *ctx)
{
	struct oc_buf shown = { 0 };
	size_t i, k, n, len;
	const struct cfg_mount *mt = cfg_linux_mount_table(ctx, &n);

	for (i = 0; i < n; i++) {
		const struct oc_node *o = mt[i].options;

		if (!(mt[i].opts & CFG_MOPT_ANY_BIND))
			continue;
		for (k = 0; k < doc_count(o); k++) {
			const struct oc_node *v = doc_at(ctx->doc, o, k);
			const char *s = doc_str(ctx->doc, v, &len);

			if (s == NULL || len == 0 || runc_flag_option(s, len))
				continue;
			shown.len = 0;
			check_report(ctx, OC_AT_VALUE, v,
			    "/mounts/%zu/options/%zu %s is "
			    "not a mount flag, so it is filesystem data, and "
			    "the mount is a bind mount: runc refuses it (\"bind "
			    "mounts cannot have any filesystem-specific options "
			    "applied\"), crun and youki accept it and the "
			    "kernel would ignore it", i, k,
			    lx_show(ctx->doc, v, &shown));
		}
	}
	buf_free(&shown);
}

/* OCI5107: "defaults" has no flag, so runc takes it for data: its own
 * validator refuses data on a bind mount, the kernel on a tmpfs and the
 * other filesystems that parse their options. */
void
check_mount_bind_defaults(struct oc_check_ctx *ctx)
{
	size_t i, k, n;
	const struct cfg_mount *mt = cfg_linux_mount_table(ctx, &n);

	for (i = 0; i < n; i++) {
		const struct oc_node *o = mt[i].options;
		int bind = (mt[i].opts & CFG_MOPT_ANY_BIND) != 0;

		for (k = 0; k < doc_count(o); k++) {
			if (!doc_is(ctx->doc, doc_at(ctx->doc, o, k),
			    "defaults"))
				continue;
			check_report(ctx, OC_AT_VALUE, doc_at(ctx->doc, o, k),
			    "/mounts/%zu/"
			    "options/%zu \"defaults\" sets no flag, so runc "
			    "takes it for filesystem data and %s; crun and youki "
			    "drop it, and it changes nothing: drop it", i, k,
			    bind ? "refuses the bind mount (\"bind mounts "
			    "cannot have any filesystem-specific options "
			    "applied\")" : "passes it to the kernel, which "
			    "refuses it for tmpfs and the other filesystems "
			    "that check their options (\"data: defaults: "
			    "invalid argument\")");
		}
	}
}

/* OCI5102 */
void
check_mount_idmap_not_bind(struct oc_check_ctx *ctx)
{
	size_t i, n;
	const struct cfg_mount *mt = cfg_linux_mount_table(ctx, &n);

	for (i = 0; i < n; i++) {
		const struct cfg_mount *m = &mt[i];
		const struct oc_node *at = NULL;

		if (doc_kind(m->node) != OC_OBJECT ||
		    (m->opts & CFG_MOPT_ANY_BIND))
			continue;
		if (m->opts & CFG_MOPT_IDMAP)
			at = cfg_mount_option(ctx->doc, m, "idmap");
		else if (m->opts & CFG_MOPT_RIDMAP)
			at = cfg_mount_option(ctx->doc, m, "ridmap");
		if (at != NULL) {
			check_report(ctx, OC_AT_VALUE, at,
			    "/mounts/%zu is id-mapped but not "
			    "a bind mount (no \"bind\" or \"rbind\" option): "
			    "runc refuses it (\"id-mapped mounts are only "
			    "supported for bind-mounts\"), youki too "
			    "(\"idmapped mount requires bind mount\")", i);
			continue;
		}
		at = doc_kind(m->uid_mappings) == OC_ARRAY ? m->uid_mappings :
		    doc_kind(m->gid_mappings) == OC_ARRAY ? m->gid_mappings :
		    NULL;
		if (doc_count(at) > 0)
			check_report(ctx, OC_AT_KEY, at,
			    "/mounts/%zu has id mappings "
			    "but is not a bind mount (no \"bind\" or \"rbind\" "
			    "option): runc refuses it (\"id-mapped mounts are "
			    "only supported for bind-mounts\"), youki too "
			    "(\"idmapped mount requires bind mount\")", i);
	}
}

/* The destination of mount m cleaned as runc reads it ("" is "/"), in
 * *out (free it); NULL when it is not a string. */
static const struct oc_node *
clean_dest(const struct oc_doc *doc, const struct cfg_mount *m, char **out,
    size_t *olen)
{
	const struct oc_node *d = m->destination;
	size_t len;
	const char *s = doc_str(doc, d, &len);

	if (s == NULL)
		return NULL;
	*out = xmalloc(2 * len + 2);
	*olen = cfg_path_clean(s, len, 0, *out);
	(*out)[*olen] = '\0';
	return d;
}

/* OCI5103 and OCI5104: one pass, as both are about a destination that is
 * the container's root. */
static void
dest_root(struct oc_check_ctx *ctx, int empty)
{
	struct oc_buf shown = { 0 };
	size_t i, n, len, clen;
	const struct cfg_mount *mt = cfg_linux_mount_table(ctx, &n);

	for (i = 0; i < n; i++) {
		char *p = NULL;
		const struct oc_node *d = clean_dest(ctx->doc, &mt[i], &p,
		    &clen);

		if (d == NULL)
			continue;
		free(p);
		doc_text(ctx->doc, d, &len);
		if (empty && len == 0)
			check_report(ctx, OC_AT_VALUE, d,
			    "/mounts/%zu/destination is "
			    "empty: runtime-tools refuses it (\"should not be "
			    "empty\"), runc reads it as \"/\" and, from "
			    "1.2.8, refuses a mount on top of the rootfs "
			    "(\"mountpoint ... is on the top of rootfs\")", i);
		else if (!empty && len > 0 && clen == 0)
			check_report(ctx, OC_AT_VALUE, d,
			    "/mounts/%zu/destination %s is "
			    "the container's root: runc 1.2.8 and later refuse "
			    "it (\"mountpoint ... is on the top of rootfs\"); "
			    "the rootfs comes from /root/path", i,
			    lx_show(ctx->doc, d, &shown));
	}
	buf_free(&shown);
}

/* OCI5103 */
void
check_mount_on_rootfs(struct oc_check_ctx *ctx)
{
	dest_root(ctx, 0);
}

/* OCI5104 */
void
check_mount_dest_empty(struct oc_check_ctx *ctx)
{
	dest_root(ctx, 1);
}

/* runc's checkProcMount allow list: files lxcfs emulates. Sorted. */
static int
proc_allowed(const char *p, size_t n)
{
	static const char *const ok[] = {
		"/proc/cpuinfo", "/proc/diskstats", "/proc/loadavg",
		"/proc/meminfo", "/proc/slabinfo", "/proc/stat",
		"/proc/swaps", "/proc/sys/crypto/fips_enabled",
		"/proc/sys/kernel/ns_last_pid", "/proc/uptime",
	};

	return str_in_sorted(ok, ARRAY_SIZE(ok), p, n);
}

/* Where a cleaned destination is, for runc's checkProcMount: on /proc
 * itself, or inside it off the allow list (OCI5105, OCI5108, OCI5109). */
enum proc_place { NOT_PROC, AT_PROC, IN_PROC };

static enum proc_place
proc_place(const char *p, size_t len)
{
	if (len == 5 && memcmp(p, "/proc", 5) == 0)
		return AT_PROC;
	if (len > 6 && memcmp(p, "/proc/", 6) == 0 && !proc_allowed(p, len))
		return IN_PROC;
	return NOT_PROC;
}

/* OCI5105 */
void
check_mount_proc(struct oc_check_ctx *ctx)
{
	struct oc_buf shown = { 0 };
	size_t i, n, len;
	const struct cfg_mount *mt = cfg_linux_mount_table(ctx, &n);

	for (i = 0; i < n; i++) {
		const struct oc_node *t = mt[i].type;
		char *p = NULL;
		const struct oc_node *d = clean_dest(ctx->doc, &mt[i], &p, &len);

		/* proc and sysfs are OCI5108's and OCI5109's. */
		if (d == NULL || doc_is(ctx->doc, t, "proc") ||
		    doc_is(ctx->doc, t, "sysfs")) {
			free(p);
			continue;
		}
		shown.len = 0;
		if (proc_place(p, len) == AT_PROC) {
			/* A bind of a procfs is allowed: only the host knows
			 * what its source is. */
			if (!(mt[i].opts & CFG_MOPT_ANY_BIND))
				check_report(ctx, OC_AT_VALUE, d,
				    "/mounts/%zu/destination "
				    "%s is /proc but the mount is not of type "
				    "proc: runc refuses it (\"cannot be mounted "
				    "because it is not of type proc\")", i,
				    lx_show(ctx->doc, d, &shown));
		} else if (proc_place(p, len) == IN_PROC) {
			check_report(ctx, OC_AT_VALUE, d,
			    "/mounts/%zu/destination %s is "
			    "inside /proc: runc refuses it (\"cannot be "
			    "mounted because it is inside /proc\") except for "
			    "the files lxcfs emulates, such as /proc/meminfo "
			    "and /proc/cpuinfo", i,
			    lx_show(ctx->doc, d, &shown));
		}
		free(p);
	}
	buf_free(&shown);
}

/* The mounts of type t (proc or sysfs) on /proc (at_proc) or under it,
 * as runc 1.2.0 and later and youki check them: OCI5108, OCI5109. */
static void
proc_sysfs(struct oc_check_ctx *ctx, int at_proc)
{
	struct oc_buf shown = { 0 };
	size_t i, n, len;
	const struct cfg_mount *mt = cfg_linux_mount_table(ctx, &n);

	for (i = 0; i < n; i++) {
		const struct oc_node *t = mt[i].type;
		int sysfs = doc_is(ctx->doc, t, "sysfs");
		char *p = NULL;
		const struct oc_node *d;

		if (!sysfs && !doc_is(ctx->doc, t, "proc"))
			continue;
		if ((d = clean_dest(ctx->doc, &mt[i], &p, &len)) == NULL)
			continue;
		shown.len = 0;
		if (at_proc && sysfs && proc_place(p, len) == AT_PROC)
			check_report(ctx, OC_AT_VALUE, d,
			    "/mounts/%zu mounts sysfs on "
			    "/proc: runc refuses it (\"... cannot be mounted "
			    "because it is not of type proc\"), youki too "
			    "(\"... cannot be mounted because it is not type "
			    "proc\")", i);
		else if (!at_proc && len > 6 && proc_allowed(p, len))
			check_report(ctx, OC_AT_VALUE, d,
			    "/mounts/%zu/destination %s is a "
			    "file of runc's /proc allow list, but a %s mount "
			    "goes on a directory only: runc refuses it "
			    "(\"filesystem %%q must be mounted on ordinary "
			    "directory\"), and the kernel puts no filesystem's "
			    "root on a file (ENOTDIR)", i,
			    lx_show(ctx->doc, d, &shown), sysfs ? "sysfs" :
			    "proc");
		else if (!at_proc && proc_place(p, len) == IN_PROC)
			check_report(ctx, OC_AT_VALUE, d,
			    "/mounts/%zu/destination %s is "
			    "inside /proc: runc refuses a %s mount there "
			    "(\"... cannot be mounted because it is inside "
			    "/proc\"), "
			    "youki too (\"... is not a valid mount under "
			    "/proc\"), except on the files lxcfs emulates", i,
			    lx_show(ctx->doc, d, &shown), sysfs ? "sysfs" :
			    "proc");
		free(p);
	}
	buf_free(&shown);
}

/* OCI5108 */
void
check_mount_sysfs_on_proc(struct oc_check_ctx *ctx)
{
	proc_sysfs(ctx, 1);
}

/* OCI5109 */
void
check_mount_proc_under_proc(struct oc_check_ctx *ctx)
{
	proc_sysfs(ctx, 0);
}

/* OCI5106 */
void
check_mount_tmpcopyup(struct oc_check_ctx *ctx)
{
	struct oc_buf shown = { 0 };
	size_t i, k, n;
	const struct cfg_mount *mt = cfg_linux_mount_table(ctx, &n);

	for (i = 0; i < n; i++) {
		const struct oc_node *t = mt[i].type, *o = mt[i].options;

		if (!(mt[i].opts & CFG_MOPT_TMPCOPYUP) ||
		    doc_is(ctx->doc, t, "tmpfs"))
			continue;
		for (k = 0; k < doc_count(o); k++) {
			const struct oc_node *v = doc_at(ctx->doc, o, k);

			if (!doc_is(ctx->doc, v, "tmpcopyup"))
				continue;
			shown.len = 0;
			if (t != NULL)
				lx_show(ctx->doc, t, &shown);
			check_report(ctx, OC_AT_VALUE, v,
			    "/mounts/%zu/options/%zu "
			    "\"tmpcopyup\" on a mount of type %s: crun refuses "
			    "it (\"tmpcopyup can be used only with tmpfs\"), "
			    "runc and youki do not", i, k,
			    t != NULL ? shown.s : "(none)");
			break;
		}
	}
	buf_free(&shown);
}

/* OCI5010 */
void
check_mounts_missing(struct oc_check_ctx *ctx)
{
	if (lx_set(ctx->doc, ctx->root, "mounts") != NULL)
		return;
	check_report(ctx, OC_AT_OPEN, ctx->root, "the config has no 'mounts' "
	    "list: crun refuses it (\"no `mounts` block specified\"), and "
	    "youki does with a new user namespace (\"no mount in spec\"); "
	    "even an empty one will do");
}
