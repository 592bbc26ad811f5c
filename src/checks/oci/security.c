/*
 * Kubernetes Pod Security Standards (OCI9001-OCI9105), judged on the
 * config the runtime gets: each control as config.json shows its field,
 * and nothing where the config cannot tell (the rule descriptions say
 * what that is). Control texts: k8s.io/pod-security-admission
 * policy/check_*.go at 8f84a87c.
 */
#include <string.h>

#include "ocicheck/check.h"
#include "spec.h"
#include "cfg.h"
#include "lx.h"
#include "sec.h"

int
sec_sandbox(const struct oc_check_ctx *ctx)
{
	const struct oc_node *a = doc_get(ctx->doc, ctx->root, "annotations");

	return doc_is(ctx->doc, doc_get(ctx->doc, a,
	    "io.kubernetes.cri.container-type"), "sandbox") ||
	    doc_is(ctx->doc, doc_get(ctx->doc, a,
	    "io.kubernetes.cri-o.ContainerType"), "sandbox");
}

int
sec_skip(const struct oc_check_ctx *ctx, int pod_level)
{
	return !pod_level && sec_sandbox(ctx);
}

/* process.capabilities.NAME when it is an array. */
static const struct oc_node *
caps_list(const struct oc_check_ctx *ctx, const char *name)
{
	return lx_get(ctx->doc, doc_path(ctx->doc, ctx->root, "process",
	    "capabilities", NULL), name, OC_ARRAY);
}

static const char *const cap_sets[] = { "bounding", "effective",
	"permitted", "inheritable", "ambient" };

/* Every capability in the bounding set, as a privileged container gets
 * them: a runtime grants only those of its own bounding set (podman in a
 * container without CAP_SYS_RESOURCE writes 40 of 41), so CAP_SYS_ADMIN
 * and at least 32 of the 38 of Linux 3.16 (0..37) will do. */
static int
caps_all(const struct oc_check_ctx *ctx)
{
	const struct oc_node *l = caps_list(ctx, "bounding");
	unsigned long long seen = 0;
	size_t i, len;

	for (i = 0; i < doc_count(l); i++) {
		const char *s = doc_str(ctx->doc, doc_at(ctx->doc, l, i), &len);
		int c = s ? cfg_capability(s, len) : -1;

		if (c >= 0)
			seen |= 1ull << c;
	}
	return (seen & (1ull << 21)) &&
	    __builtin_popcountll(seen & ((1ull << 38) - 1)) >= 32;
}

/* Some linux.resources.devices rule, not followed by a deny, allows
 * every device ("a" or no type, no major or minor). */
static int
devices_all(const struct oc_check_ctx *ctx)
{
	const struct oc_node *l = lx_get(ctx->doc, doc_path(ctx->doc,
	    ctx->root, "linux", "resources", NULL), "devices", OC_ARRAY);
	size_t i;
	int all = 0;

	for (i = 0; i < doc_count(l); i++) {
		const struct oc_node *d = doc_at(ctx->doc, l, i);
		const struct oc_node *t = lx_set(ctx->doc, d, "type");
		int64_t v = -1;

		if (!doc_bool(doc_get(ctx->doc, d, "allow"))) {
			all = 0;
			continue;
		}
		if (t != NULL && !doc_is(ctx->doc, t, "a"))
			continue;
		if ((lx_set(ctx->doc, d, "major") && (doc_i64(ctx->doc,
		    doc_get(ctx->doc, d, "major"), &v) < 0 || v >= 0)) ||
		    (lx_set(ctx->doc, d, "minor") && (doc_i64(ctx->doc,
		    doc_get(ctx->doc, d, "minor"), &v) < 0 || v >= 0)))
			continue;
		all = 1;
	}
	return all;
}

static int
list_empty(const struct oc_check_ctx *ctx, const char *name)
{
	return doc_count(lx_get(ctx->doc, lx_linux(ctx), name,
	    OC_ARRAY)) == 0;
}

int
sec_privileged(const struct oc_check_ctx *ctx)
{
	return caps_all(ctx) && list_empty(ctx, "maskedPaths") &&
	    list_empty(ctx, "readonlyPaths") && devices_all(ctx);
}

/* The pod opted into a user namespace (hostUsers: false): a user
 * namespace entry with uid mappings. */
static int
user_namespace(const struct oc_check_ctx *ctx)
{
	return spec_namespace_new(ctx, "user") && doc_count(lx_get(ctx->doc,
	    lx_linux(ctx), "uidMappings", OC_ARRAY)) > 0;
}

/* A namespace the config shares with the host: no entry of the type, or
 * one that joins /proc/1/ns/... (the host's init). */
static const char *
host_namespace(const struct oc_check_ctx *ctx, const char *type)
{
	const struct oc_node *ns = spec_namespace(ctx, type), *p;
	size_t len;
	const char *s;

	if (ns == NULL)
		return "no";
	p = lx_set(ctx->doc, ns, "path");
	s = doc_str(ctx->doc, p, &len);
	if (s != NULL && len >= 11 && memcmp(s, "/proc/1/ns/", 11) == 0)
		return "a host";
	return NULL;
}

void
sec_report_host_ns(struct oc_check_ctx *ctx, const char *const *types,
    const char *const *fields, size_t n)
{
	const struct oc_node *l = lx_linux(ctx), *ns;
	size_t i;

	for (i = 0; i < n; i++) {
		const char *how = host_namespace(ctx, types[i]);

		if (how == NULL)
			continue;
		ns = spec_namespace(ctx, types[i]);
		if (ns != NULL)
			check_report(ctx, OC_AT_VALUE, ns,
			    "the %s namespace is the host's "
			    "(joined at /proc/1/ns): %s",
			    types[i], fields[i]);
		else if (l != NULL && lx_get(ctx->doc, l, "namespaces",
		    OC_ARRAY) != NULL)
			check_report(ctx, OC_AT_OPEN, lx_get(ctx->doc, l,
			    "namespaces", OC_ARRAY), "linux.namespaces has no "
			    "%s namespace, so the container shares the host's: "
			    "%s", types[i], fields[i]);
		else
			check_report(ctx, OC_AT_OPEN, l ? l : ctx->root, "no "
			    "linux.namespaces list, so the container shares "
			    "the host's %s namespace: %s",
			    types[i], fields[i]);
	}
}

void
check_sec_host_namespaces(struct oc_check_ctx *ctx)
{
	static const char *const types[] = { "network", "pid", "ipc" };
	static const char *const fields[] = {
		"what a pod's hostNetwork: true makes",
		"what a pod's hostPID: true makes",
		"what a pod's hostIPC: true makes" };

	if (!sec_skip(ctx, 1))
		sec_report_host_ns(ctx, types, fields, ARRAY_SIZE(types));
}

void
check_sec_privileged(struct oc_check_ctx *ctx)
{
	if (sec_skip(ctx, 1) || !sec_privileged(ctx))
		return;
	check_report(ctx, OC_AT_VALUE, caps_list(ctx, "bounding"),
	    "the container is "
	    "privileged in effect: every capability, no maskedPaths or "
	    "readonlyPaths and every device allowed, which is what "
	    "securityContext.privileged: true makes");
}

/* Baseline's allowed list, and NET_RAW, which containerd's default set
 * holds (see OCI9003's text): a
 * config with it may come from a pod that added nothing. Sorted. */
static const char *const baseline_caps[] = {
	"CAP_AUDIT_WRITE", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER",
	"CAP_FSETID", "CAP_KILL", "CAP_MKNOD", "CAP_NET_BIND_SERVICE",
	"CAP_NET_RAW", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP",
	"CAP_SETUID", "CAP_SYS_CHROOT",
};

/* Report the first element of any capability set outside allowed (n
 * names), naming all such capabilities of that set. */
static void
caps_beyond(struct oc_check_ctx *ctx, const char *const *allowed,
    size_t nallowed, const char *why)
{
	size_t k, i, len;

	for (k = 0; k < ARRAY_SIZE(cap_sets); k++) {
		const struct oc_node *l = caps_list(ctx, cap_sets[k]), *first;
		struct oc_buf names = { 0 };
		int count = 0;

		first = NULL;
		for (i = 0; i < doc_count(l); i++) {
			const struct oc_node *c = doc_at(ctx->doc, l, i);
			const char *s = doc_str(ctx->doc, c, &len);

			if (s == NULL || str_in_sorted(allowed, nallowed, s,
			    len))
				continue;
			if (first == NULL)
				first = c;
			if (count++ < 8)
				buf_printf(&names, "%s%.*s", count > 1 ? ", " :
				    "", (int)len, s);
		}
		if (first != NULL)
			check_report(ctx, OC_AT_VALUE, first,
			    "capabilities.%s holds %s%s "
			    "%s", cap_sets[k], names.s, count > 8 ? ", ..." :
			    "", why);
		buf_free(&names);
		if (first != NULL)
			return;
	}
}

void
check_sec_capabilities(struct oc_check_ctx *ctx)
{
	if (sec_skip(ctx, 0) || sec_privileged(ctx))
		return;
	caps_beyond(ctx, baseline_caps, ARRAY_SIZE(baseline_caps),
	    "beyond Baseline's allowed list and the default sets of "
	    "containerd and CRI-O: the pod adds them in "
	    "securityContext.capabilities.add (the config shows the "
	    "runtime's defaults plus what was added)");
}

static int
has(const char *s, size_t n, const char *what)
{
	return memmem(s, n, what, strlen(what)) != NULL;
}

/* Where the kubelet keeps a pod's volumes and files:
 * <root>/pods/<uid>/{volumes,volume-subpaths,containers,etc-hosts}, root
 * /var/lib/kubelet or any other directory named kubelet. */
static const char *
kubelet_pod_path(const char *s, size_t n, size_t *rest)
{
	const char *p = memmem(s, n, "kubelet/pods/", 13), *e;

	if (p == NULL)
		return NULL;
	p += 13;
	e = memchr(p, '/', n - (size_t)(p - s));
	if (e == NULL)
		return NULL;
	*rest = n - (size_t)(e + 1 - s);
	return e + 1;
}

int
sec_provided_source(const char *s, size_t n)
{
	size_t rest;
	const char *r = kubelet_pod_path(s, n, &rest);

	if (r != NULL)
		return (rest >= 8 && memcmp(r, "volumes/", 8) == 0) ||
		    (rest >= 16 && memcmp(r, "volume-subpaths/", 16) == 0) ||
		    (rest >= 11 && memcmp(r, "containers/", 11) == 0) ||
		    (rest == 9 && memcmp(r, "etc-hosts", 9) == 0);
	/* containerd's sandbox files and image volumes; CRI-O's and
	 * podman's userdata (<storage>/<driver>-containers/<id>/userdata,
	 * under any storage root); docker's containers/<id>; engine-managed
	 * named volumes (<root>/volumes/<name>/_data) */
	return has(s, n, "io.containerd.grpc.v1.cri/sandboxes/") ||
	    has(s, n, "io.containerd.grpc.v1.cri/containers/") ||
	    (has(s, n, "-containers/") && has(s, n, "/userdata/")) ||
	    (has(s, n, "/volumes/") && has(s, n, "/_data")) ||
	    has(s, n, "/docker/containers/") ||
	    /* the init the engine injects (podman and docker --init) */
	    (n >= 10 && memcmp(s + n - 10, "/catatonit", 10) == 0) ||
	    (n >= 12 && memcmp(s + n - 12, "/docker-init", 12) == 0);
}

void
check_sec_host_path(struct oc_check_ctx *ctx)
{
	const struct cfg_mount *mt;
	size_t i, n, len;

	if (sec_skip(ctx, 1) || (mt = cfg_linux_mount_table(ctx, &n)) == NULL)
		return;
	for (i = 0; i < n; i++) {
		const char *s = doc_str(ctx->doc, mt[i].source, &len);
		struct oc_buf b = { 0 };

		if (s == NULL || len == 0 || s[0] != '/' ||
		    (!(mt[i].opts & CFG_MOPT_ANY_BIND) &&
		    !doc_is(ctx->doc, mt[i].type, "bind")) ||
		    sec_provided_source(s, len))
			continue;
		/* with the host's IPC namespace (OCI9001) the runtime binds
		 * the host's /dev/shm itself: no volume of the pod */
		if (len == 8 && memcmp(s, "/dev/shm", 8) == 0 &&
		    host_namespace(ctx, "ipc") != NULL)
			continue;
		check_report(ctx, OC_AT_VALUE, mt[i].source,
		    "bind mount of the host path "
		    "%s, outside the kubelet's pod volume directories and "
		    "the files the runtime provides: a hostPath volume",
		    lx_show(ctx->doc, mt[i].source, &b));
		buf_free(&b);
	}
}

void
check_sec_proc_mount(struct oc_check_ctx *ctx)
{
	const struct oc_node *l = lx_linux(ctx);

	if (sec_skip(ctx, 0) || l == NULL || sec_privileged(ctx) ||
	    user_namespace(ctx) || !list_empty(ctx, "maskedPaths") ||
	    !list_empty(ctx, "readonlyPaths"))
		return;
	check_report(ctx, OC_AT_OPEN, l, "no maskedPaths and no readonlyPaths: "
	    "/proc is unmasked, which is what securityContext.procMount: "
	    "Unmasked makes (Baseline allows only Default)");
}

void
check_sec_apparmor(struct oc_check_ctx *ctx)
{
	const struct oc_node *a = doc_path(ctx->doc, ctx->root, "process",
	    "apparmorProfile", NULL);

	if (sec_skip(ctx, 0) || !doc_is(ctx->doc, a, "unconfined"))
		return;
	check_report(ctx, OC_AT_VALUE, a,
	    "apparmorProfile is \"unconfined\": the pod "
	    "sets securityContext.appArmorProfile.type: Unconfined (Baseline "
	    "allows RuntimeDefault, Localhost or none)");
}

/* Sorted. container_engine_t from policy v1.31. */
static const char *const selinux_types[] = { "container_engine_t",
	"container_init_t", "container_kvm_t", "container_t" };

void
check_sec_selinux(struct oc_check_ctx *ctx)
{
	const struct oc_node *l = doc_path(ctx->doc, ctx->root, "process",
	    "selinuxLabel", NULL);
	struct oc_buf shown = { 0 };
	const char *s, *t, *e;
	size_t len;

	if (sec_skip(ctx, 1) || (s = doc_str(ctx->doc, l, &len)) == NULL ||
	    len == 0)
		return;
	/* user:role:type[:level] */
	if ((t = memchr(s, ':', len)) == NULL ||
	    (t = memchr(t + 1, ':', len - (size_t)(t + 1 - s))) == NULL)
		return;
	t++;
	e = memchr(t, ':', len - (size_t)(t - s));
	if (e == NULL)
		e = s + len;
	if (str_in_sorted(selinux_types, ARRAY_SIZE(selinux_types), t,
	    (size_t)(e - t)))
		return;
	buf_add_display(&shown, t, (size_t)(e - t), 80);
	check_report(ctx, OC_AT_VALUE, l, "SELinux type %s is not container_t, "
	    "container_init_t, container_kvm_t or container_engine_t: the "
	    "pod sets seLinuxOptions.type", shown.s);
	buf_free(&shown);
}

/* The safe set of policy v1.37, sorted. */
static const char *const safe_sysctls[] = {
	"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
	"net.ipv4.ip_local_reserved_ports", "net.ipv4.ip_unprivileged_port_start",
	"net.ipv4.ping_group_range", "net.ipv4.tcp_fin_timeout",
	"net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
	"net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_notsent_lowat",
	"net.ipv4.tcp_rmem", "net.ipv4.tcp_slow_start_after_idle",
	"net.ipv4.tcp_syncookies", "net.ipv4.tcp_wmem",
};

void
check_sec_sysctls(struct oc_check_ctx *ctx)
{
	const struct oc_node *l = lx_get(ctx->doc, lx_linux(ctx), "sysctl",
	    OC_OBJECT);
	size_t i, len;

	if (sec_skip(ctx, 1))
		return;
	for (i = 0; i < doc_count(l); i++) {
		const struct oc_node *v = doc_at(ctx->doc, l, i);
		const char *k = doc_key_text(ctx->doc, v, &len);
		struct oc_buf b = { 0 };

		lx_sysctl_normalize(k, len, &b);
		if (b.s != NULL && !str_in_sorted(safe_sysctls,
		    ARRAY_SIZE(safe_sysctls), b.s, b.len)) {
			struct oc_buf shown = { 0 };

			buf_add_display(&shown, b.s, b.len, 80);
			check_report(ctx, OC_AT_KEY, v,
			    "sysctl %s is not in the "
			    "standard's safe set: the pod sets it in "
			    "securityContext.sysctls", shown.s);
			buf_free(&shown);
		}
		buf_free(&b);
	}
}
