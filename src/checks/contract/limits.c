/* Contract mount and cgroup rules (MNT001-MNT005, RES001-RES009). */
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "ocicheck/check.h"

/* Mounts every Kubernetes runtime adds; they nest by design. */
static const char *const runtime_mounts[] = {
	"/proc", "/dev", "/dev/pts", "/dev/mqueue", "/dev/shm", "/sys",
	"/sys/fs/cgroup", "/etc/hosts", "/etc/hostname", "/etc/resolv.conf",
	"/dev/termination-log", "/var/run/secrets/kubernetes.io/serviceaccount",
	"/run/secrets/kubernetes.io/serviceaccount",
};

/* ---- mounts ---- */

/* A mount of the config, as the rules compare it. */
struct mount_ent {
	const struct oc_node *node;
	const char *dest;
	size_t dlen;
	enum oc_mount_type type;
	int ro;
	int64_t tmpfs_size;	/* from a size= option, -1 if none */
	const struct oc_shm_runtime *shm;	/* OC_MT_SANDBOX_SHM: whose */
};

static int
has_option(const struct oc_doc *doc, const struct oc_node *opts,
    const char *want, const char **val, size_t *vlen)
{
	size_t i, wl = strlen(want), len;

	for (i = 0; i < doc_count(opts); i++) {
		const char *s = doc_str(doc, doc_at(doc, opts, i), &len);

		if (s == NULL)
			continue;
		if (val == NULL && len == wl && memcmp(s, want, wl) == 0)
			return 1;
		if (val != NULL && len > wl && memcmp(s, want, wl) == 0) {
			*val = s + wl;
			*vlen = len - wl;
			return 1;
		}
	}
	return 0;
}

/* A size as the kernel's memparse() reads it, for tmpfs's size= and
 * cgroup v2 memory.max: an integer (0x hex and 0 octal too) and an
 * optional K, M, G, T, P or E, all powers of 1024. Nothing may follow,
 * so "1Gi" and "1.5G" are EINVAL; -1 for those and for overflow. */
static int64_t
kernel_memparse(const char *s, size_t n)
{
	static const char units[] = "kmgtpe";
	unsigned base = 10, d;
	uint64_t v = 0;
	size_t i = 0, digits;
	const char *u;

	if (n > 2 && s[0] == '0' && (s[1] | 0x20) == 'x') {
		base = 16;
		i = 2;
	} else if (n > 1 && s[0] == '0') {
		base = 8;
	}
	for (digits = 0; i < n; i++, digits++) {
		char c = (char)(s[i] | 0x20);

		if (s[i] >= '0' && s[i] <= '9')
			d = (unsigned)(s[i] - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else
			break;
		if (d >= base || v > ((uint64_t)INT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	if (digits == 0)
		return -1;
	if (i + 1 == n && (u = memchr(units, s[i] | 0x20, 6)) != NULL) {
		int shift = 10 * (int)(u - units + 1);

		if (v > ((uint64_t)INT64_MAX >> shift))
			return -1;
		v <<= shift;
	} else if (i != n) {
		return -1;
	}
	return (int64_t)v;
}

static size_t
mounts_read(const struct cc *cc, struct mount_ent **out)
{
	const struct oc_node *ms = doc_get(cc->doc, cc->ctx->root, "mounts");
	struct mount_ent *v;
	size_t i, n = 0;

	*out = NULL;
	if (ms == NULL || doc_kind(ms) != OC_ARRAY)
		return 0;
	v = xcalloc(doc_count(ms) + 1, sizeof(*v));
	for (i = 0; i < doc_count(ms); i++) {
		const struct oc_node *m = doc_at(cc->doc, ms, i), *opts;
		size_t slen = 0, tlen = 0, vlen;
		const char *src, *type, *sz;

		v[n].dest = doc_str(cc->doc, doc_get(cc->doc, m, "destination"),
		    &v[n].dlen);
		if (v[n].dest == NULL)
			continue;
		while (v[n].dlen > 1 && v[n].dest[v[n].dlen - 1] == '/')
			v[n].dlen--;
		src = doc_str(cc->doc, doc_get(cc->doc, m, "source"), &slen);
		type = doc_str(cc->doc, doc_get(cc->doc, m, "type"), &tlen);
		opts = doc_get(cc->doc, m, "options");
		if (opts != NULL && doc_kind(opts) != OC_ARRAY)
			opts = NULL;
		v[n].node = m;
		v[n].ro = opts && has_option(cc->doc, opts, "ro", NULL, NULL);
		v[n].type = mount_type_of(src ? src : "", slen, type ? type : "",
		    tlen, opts && (has_option(cc->doc, opts, "bind", NULL, NULL) ||
		    has_option(cc->doc, opts, "rbind", NULL, NULL)));
		if (v[n].type == OC_MT_SANDBOX_SHM)
			v[n].shm = sandbox_shm_runtime(src, slen);
		v[n].tmpfs_size = -1;
		if (opts && has_option(cc->doc, opts, "size=", &sz, &vlen))
			v[n].tmpfs_size = kernel_memparse(sz, vlen);
		n++;
	}
	*out = v;
	return n;
}

static int
dest_eq(const struct mount_ent *m, const char *d)
{
	return strlen(d) == m->dlen && memcmp(m->dest, d, m->dlen) == 0;
}

static void
human_bytes(int64_t v, struct oc_buf *b)
{
	static const char *const units[] = { "Ei", "Pi", "Ti", "Gi", "Mi",
		"Ki" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(units); i++) {
		int64_t u = (int64_t)1 << (10 * (6 - i));

		if (v >= u && v % u == 0) {
			buf_printf(b, "%lld%s", (long long)(v / u), units[i]);
			return;
		}
	}
	buf_printf(b, "%lld bytes", (long long)v);
}

/* Does a mount of type have satisfy a requirement of type want? A bind
 * of a host path outside the kubelet's directories may be a local
 * persistent volume. */
static int
type_satisfies(enum oc_mount_type want, enum oc_mount_type have)
{
	if (want == OC_MT_ANY || want == have)
		return 1;
	if (want == OC_MT_PVC)
		return have == OC_MT_BIND;
	if (want == OC_MT_PVC_OR_EMPTYDIR)
		return have == OC_MT_PVC || have == OC_MT_EMPTYDIR ||
		    have == OC_MT_BIND;
	return 0;
}

static const char *
lost_what(enum oc_mount_type t)
{
	switch (t) {
	case OC_MT_PVC:
	case OC_MT_PVC_OR_EMPTYDIR:
		return "data is written to the container's writable layer and "
		    "lost when it is recreated";
	case OC_MT_CONFIGMAP:
	case OC_MT_SECRET:
	case OC_MT_PROJECTED:
	case OC_MT_DOWNWARDAPI:
		return "the files the process expects there are absent";
	case OC_MT_TMPFS:
	case OC_MT_SANDBOX_SHM:
		return "the process gets the runtime's default instead";
	default:
		return "the process does not find the volume it expects";
	}
}

/*
 * The runtime's sandbox /dev/shm where the contract wants the pod's own
 * volume. The kubelet would have bound that volume from its emptyDir
 * directory, and the runtime binds its sandbox shm only when the pod spec
 * mounts nothing at /dev/shm: so this is certainly not the volume, and
 * its size is the runtime's, not the emptyDir's sizeLimit.
 */
static void
report_sandbox_shm(const struct cc *cc, const struct oc_mount_req *r,
    const struct mount_ent *m, const char *at)
{
	const struct oc_shm_runtime *rt = m->shm;
	struct oc_buf size = { 0 }, have = { 0 }, want = { 0 };

	if (r->size_min > rt->default_size) {
		human_bytes(rt->default_size, &have);
		human_bytes(r->size_min, &want);
		buf_printf(&size, ", so the container gets %s's default of %s",
		    rt->name, have.s);
		if (rt->override != NULL)
			buf_printf(&size, " (unless the pod sets the %s "
			    "annotation)", rt->override);
		buf_printf(&size, " where it needs %s", want.s);
	}
	cc_report(cc, OC_R_MNT003, r->severity, m->node, 0,
	    "mount %s is %s's sandbox /dev/shm (judged from its source), not "
	    "the pod's %s (%s requires %s): the pod spec mounts no %s%s there%s",
	    r->destination, rt->name, r->type == OC_MT_TMPFS ?
	    "memory-backed volume" : "emptyDir", at, mount_type_name(r->type),
	    r->volume ? "volume " : r->type == OC_MT_TMPFS ?
	    "emptyDir with medium: Memory" : "emptyDir",
	    r->volume ? r->volume : "", size.s ? size.s : "");
	buf_free(&size);
	buf_free(&have);
	buf_free(&want);
}

/* Names the volume and type the contract asks for: the author looks for them in the pod spec. */
static void
report_missing_mount(const struct cc *cc, const struct oc_mount_req *r,
    const struct oc_node *ms, const char *at)
{
	struct oc_buf what = { 0 };

	if (r->volume != NULL)
		buf_printf(&what, "volume %s", r->volume);
	if (r->type != OC_MT_ANY)
		buf_printf(&what, "%stype %s", what.len ? ", " : "",
		    mount_type_name(r->type));
	cc_report(cc, OC_R_MNT001, r->severity, ms, 1,
	    "mount %s%s%s%s is missing but %s requires it: %s",
	    r->destination, what.len ? " (" : "", what.len ? what.s : "",
	    what.len ? ")" : "", at, lost_what(r->type));
	buf_free(&what);
}

static void
check_required_mounts(const struct cc *cc, const struct mount_ent *v,
    size_t n)
{
	const struct oc_node *ms = doc_get(cc->doc, cc->ctx->root, "mounts");
	size_t i, k;

	for (i = 0; i < cc->t->nmounts; i++) {
		const struct oc_mount_req *r = &cc->t->mounts[i];
		const struct mount_ent *m = NULL;
		struct oc_buf at = { 0 };

		/* the last mount at a destination is the one in effect */
		for (k = n; k-- > 0;)
			if (dest_eq(&v[k], r->destination)) {
				m = &v[k];
				break;
			}
		cc_where(cc, r->node, &at);
		if (m == NULL) {
			report_missing_mount(cc, r, ms, at.s);
			buf_free(&at);
			continue;
		}
		if (r->access == OC_ACCESS_RW && m->ro)
			cc_report(cc, OC_R_MNT002, r->severity, m->node, 0,
			    "mount %s is read-only but %s requires rw: writes "
			    "fail with EROFS (read-only file system)",
			    r->destination, at.s);
		else if (r->access == OC_ACCESS_RO && !m->ro)
			cc_report(cc, OC_R_MNT002, r->severity, m->node, 0,
			    "mount %s is writable but %s requires ro",
			    r->destination, at.s);
		if ((r->type == OC_MT_TMPFS || r->type == OC_MT_EMPTYDIR) &&
		    m->type == OC_MT_SANDBOX_SHM)
			report_sandbox_shm(cc, r, m, at.s);
		else if (r->type == OC_MT_TMPFS && m->type == OC_MT_EMPTYDIR)
			cc_report(cc, OC_R_MNT005, cc->c->unverifiable, m->node, 0,
			    "mount %s is backed by %s: whether it is memory-backed%s "
			    "cannot be seen in config.json (%s requires tmpfs)",
			    r->destination, mount_type_name(m->type),
			    r->size_min >= 0 ? " and large enough" : "", at.s);
		else if (r->type != OC_MT_ANY && m->type == OC_MT_SUBPATH)
			cc_report(cc, OC_R_MNT005, cc->c->unverifiable, m->node, 0,
			    "mount %s is a subPath (its source is under the "
			    "kubelet's volume-subpaths): the kind of volume behind "
			    "it cannot be seen in config.json (%s requires %s)",
			    r->destination, at.s, mount_type_name(r->type));
		else if (!type_satisfies(r->type, m->type))
			cc_report(cc, OC_R_MNT003, r->severity, m->node, 0,
			    "mount %s is backed by %s (judged from its source "
			    "and type) but %s requires %s", r->destination,
			    mount_type_name(m->type), at.s,
			    mount_type_name(r->type));
		else if (r->type == OC_MT_TMPFS && r->size_min >= 0 &&
		    m->tmpfs_size < 0)
			cc_report(cc, OC_R_MNT005, cc->c->unverifiable, m->node, 0,
			    "mount %s has no size= option: its size is the "
			    "kernel default (half of RAM), which config.json does "
			    "not show (%s requires at least %lld bytes)",
			    r->destination, at.s, (long long)r->size_min);
		else if (r->type == OC_MT_TMPFS && r->size_min >= 0 &&
		    m->tmpfs_size < r->size_min) {
			struct oc_buf have = { 0 }, want = { 0 };

			human_bytes(m->tmpfs_size, &have);
			human_bytes(r->size_min, &want);
			cc_report(cc, OC_R_MNT003, r->severity, m->node, 0,
			    "tmpfs %s holds %s but %s requires at least %s: it "
			    "fills up and writes fail with ENOSPC", r->destination,
			    have.s, at.s, want.s);
			buf_free(&have);
			buf_free(&want);
		}
		buf_free(&at);
	}
}

static int
is_runtime_mount(const struct mount_ent *m)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(runtime_mounts); i++)
		if (dest_eq(m, runtime_mounts[i]))
			return 1;
	return 0;
}

static int
nest_allowed(const struct oc_target *t, const struct mount_ent *outer,
    const struct mount_ent *inner)
{
	size_t i;

	for (i = 0; i + 1 < t->nallow_nested; i += 2)
		if (dest_eq(outer, t->allow_nested[i]) &&
		    dest_eq(inner, t->allow_nested[i + 1]))
			return 1;
	return 0;
}

static int
cmp_dest(const void *pa, const void *pb)
{
	const struct mount_ent *a = *(const struct mount_ent *const *)pa;
	const struct mount_ent *b = *(const struct mount_ent *const *)pb;
	size_t n = a->dlen < b->dlen ? a->dlen : b->dlen;
	int c = memcmp(a->dest, b->dest, n);

	if (c != 0)
		return c;
	if (a->dlen != b->dlen)
		return a->dlen < b->dlen ? -1 : 1;
	return a->node < b->node ? -1 : a->node > b->node;
}

static int
is_under(const struct mount_ent *outer, const struct mount_ent *inner)
{
	return inner->dlen > outer->dlen &&
	    memcmp(inner->dest, outer->dest, outer->dlen) == 0 &&
	    (inner->dest[outer->dlen] == '/' || outer->dlen == 1);
}

/* Duplicates and nesting in one sorted pass: a stack of the open
 * ancestors keeps it linear for any number of mounts. */
static void
check_mount_layout(const struct cc *cc, struct mount_ent *v, size_t n)
{
	const struct oc_target *t = cc->t;
	struct mount_ent **s = xcalloc(n + 1, sizeof(*s));
	struct mount_ent **stack = xcalloc(n + 1, sizeof(*stack));
	struct oc_buf at = { 0 };
	size_t i, depth = 0;

	cc_where(cc, t->mount_rules_node ? t->mount_rules_node : t->node, &at);
	for (i = 0; i < n; i++)
		s[i] = &v[i];
	qsort(s, n, sizeof(*s), cmp_dest);
	for (i = 0; i < n; i++) {
		struct mount_ent *m = s[i];

		if (i > 0 && s[i - 1]->dlen == m->dlen &&
		    memcmp(s[i - 1]->dest, m->dest, m->dlen) == 0) {
			if (t->dup_dest != OC_ITEM_IGNORE)
				cc_report(cc, OC_R_MNT004, t->dup_dest, m->node, 0,
				    "destination %.*s is mounted twice (also "
				    "/mounts/%zu): the later mount hides the "
				    "earlier (%s)", (int)m->dlen, m->dest,
				    doc_index(cc->doc, s[i - 1]->node), at.s);
			continue;
		}
		while (depth > 0 && !is_under(stack[depth - 1], m))
			depth--;
		if (depth > 0 && t->nested != OC_ITEM_IGNORE &&
		    !is_runtime_mount(stack[depth - 1]) &&
		    !nest_allowed(t, stack[depth - 1], m))
			cc_report(cc, OC_R_MNT004, t->nested, m->node, 0,
			    "mount %.*s is nested inside mount %.*s (/mounts/%zu)"
			    "%s; list it in allowNested at %s if intended",
			    (int)m->dlen, m->dest, (int)stack[depth - 1]->dlen,
			    stack[depth - 1]->dest,
			    doc_index(cc->doc, stack[depth - 1]->node),
			    m->node < stack[depth - 1]->node ?
			    ": mounted first, it is hidden by the outer mount" :
			    "", at.s);
		stack[depth++] = m;
	}
	buf_free(&at);
	free(stack);
	free(s);
}

/* ---- resources ---- */

/* The memory limit in bytes: 0 when unlimited, -1 when unreadable. */
static int64_t
memory_limit(const struct cc *cc, const struct oc_node **node)
{
	const struct oc_node *res = doc_path(cc->doc, cc->ctx->root, "linux",
	    "resources", NULL);
	const struct oc_node *lim = doc_path(cc->doc, res, "memory", "limit",
	    NULL);
	const struct oc_node *max = doc_path(cc->doc, res, "unified",
	    "memory.max", NULL);
	int64_t v;
	size_t len;
	const char *s;

	*node = res;
	if (lim != NULL && doc_i64(cc->doc, lim, &v) == 0) {
		*node = lim;
		return v > 0 ? v : 0;
	}
	if ((s = doc_str(cc->doc, max, &len)) != NULL) {
		*node = max;
		if (len == 3 && memcmp(s, "max", 3) == 0)
			return 0;
		/* runc and crun write it as is; the kernel parses it */
		v = kernel_memparse(s, len);
		return v > 0 ? v : v == 0 ? 0 : -1;
	}
	return 0;
}

static void
check_memory(const struct cc *cc, const struct mount_ent *v, size_t n)
{
	const struct oc_target *t = cc->t;
	const struct oc_node *node;
	int64_t lim = memory_limit(cc, &node), tmpfs = 0;
	struct oc_buf at = { 0 }, a = { 0 }, b = { 0 };
	size_t i, k;

	if (t->memory_node == NULL)
		return;
	cc_where(cc, t->memory_node, &at);
	if (lim < 0) {
		size_t len;
		const char *s = doc_str(cc->doc, node, &len);

		if (s != NULL)
			buf_add_display(&a, s, len, 64);
		cc_report(cc, OC_R_RES001, t->mem_severity, node, 0,
		    "memory.max '%s' is not a limit the kernel reads (an "
		    "integer with an optional K, M, G, T, P or E, powers of "
		    "1024; no Gi, no fractions): writing it fails with EINVAL "
		    "and the container does not start (%s)", a.s ? a.s : "",
		    at.s);
		buf_free(&at);
		buf_free(&a);
		return;
	}
	if (lim == 0) {
		/* minLimit alone bounds a limit if there is one: sidecars
		 * run unlimited by design (kubeblocks#9418), as with cpu */
		if (t->mem_require_limit)
			cc_report(cc, OC_R_RES001, t->mem_severity, node, node ==
			    cc->ctx->root || doc_kind(node) == OC_OBJECT,
			    "no memory limit but %s requires one: the container "
			    "can take the node's memory until the kernel OOM "
			    "killer picks a victim", at.s);
		else if (t->mem_max >= 0) {
			human_bytes(t->mem_max, &b);
			cc_report(cc, OC_R_RES006, t->mem_severity, node, node ==
			    cc->ctx->root || doc_kind(node) == OC_OBJECT,
			    "no memory limit, so the container may use more than "
			    "the %s maximum of %s", b.s, at.s);
		}
		buf_free(&at);
		buf_free(&b);
		return;
	}
	human_bytes(lim, &a);
	if (t->mem_min >= 0 && lim < t->mem_min) {
		human_bytes(t->mem_min, &b);
		cc_report(cc, OC_R_RES002, t->mem_severity, node, 0,
		    "memory limit %s is below the %s the workload needs (%s): "
		    "expect OOM kill (exit 137)", a.s, b.s, at.s);
	}
	if (t->mem_max >= 0 && lim > t->mem_max) {
		b.len = 0;
		human_bytes(t->mem_max, &b);
		cc_report(cc, OC_R_RES006, t->mem_severity, node, 0,
		    "memory limit %s is above the %s maximum of %s", a.s, b.s,
		    at.s);
	}
	if (t->tmpfs_headroom >= 0) {
		/* memory-backed mounts count against the cgroup: their size
		 * if config.json shows it, else what the contract requires */
		for (i = 0; i < n; i++) {
			int64_t sz = v[i].tmpfs_size;

			/* the runtime's own /dev tmpfs holds device nodes */
			if ((v[i].type != OC_MT_TMPFS &&
			    v[i].type != OC_MT_EMPTYDIR) || (is_runtime_mount(&v[i])
			    && !dest_eq(&v[i], "/dev/shm")))
				continue;
			for (k = 0; sz < 0 && k < t->nmounts; k++)
				if (t->mounts[k].type == OC_MT_TMPFS &&
				    dest_eq(&v[i], t->mounts[k].destination))
					sz = t->mounts[k].size_min;
			if (sz > 0)
				tmpfs += sz;
		}
		if (lim - tmpfs < t->tmpfs_headroom) {
			b.len = 0;
			human_bytes(tmpfs, &b);
			cc_report(cc, OC_R_RES003, t->mem_severity, node, 0,
			    "memory limit %s minus %s of memory-backed tmpfs "
			    "leaves less than the headroom %s requires: a full "
			    "tmpfs starves the process (OOM kill, exit 137)",
			    a.s, b.s, at.s);
		}
	}
	buf_free(&at);
	buf_free(&a);
	buf_free(&b);
}

static void
check_cpu(const struct cc *cc)
{
	const struct oc_target *t = cc->t;
	const struct oc_node *cpu = doc_path(cc->doc, cc->ctx->root, "linux",
	    "resources", "cpu", NULL);
	const struct oc_node *qn = doc_get(cc->doc, cpu, "quota");
	const struct oc_node *pn = doc_get(cc->doc, cpu, "period");
	int64_t quota = -1;
	uint64_t period = 100000;
	struct oc_buf at = { 0 };

	if (t->cpu_node == NULL)
		return;
	cc_where(cc, t->cpu_node, &at);
	if (qn != NULL && doc_i64(cc->doc, qn, &quota) < 0)
		quota = -1;
	if (pn != NULL && doc_u64(cc->doc, pn, &period) < 0)
		period = 0;
	if (t->cpu_period >= 0 && pn != NULL && period != (uint64_t)t->cpu_period)
		cc_report(cc, OC_R_RES007, t->cpu_severity, pn, 0,
		    "cpu period is %llu but %s requires %lld",
		    (unsigned long long)period, at.s, (long long)t->cpu_period);
	if (quota <= 0) {
		if (t->cpu_require_quota)
			cc_report(cc, OC_R_RES004, t->cpu_severity,
			    cpu ? cpu : doc_path(cc->doc, cc->ctx->root, "linux",
			    NULL), 1, "no cpu quota but %s requires one", at.s);
	} else if (period > 0) {
		int64_t milli = (int64_t)((uint64_t)quota * 1000 / period);

		if (t->cpu_min_milli >= 0 && milli < t->cpu_min_milli)
			cc_report(cc, OC_R_RES005, t->cpu_severity, qn, 0,
			    "cpu limit %lldm (quota %lld / period %llu) is below "
			    "the %lldm %s requires: the process is throttled",
			    (long long)milli, (long long)quota,
			    (unsigned long long)period,
			    (long long)t->cpu_min_milli, at.s);
		if (t->cpu_max_milli >= 0 && milli > t->cpu_max_milli)
			cc_report(cc, OC_R_RES006, t->cpu_severity, qn, 0,
			    "cpu limit %lldm is above the %lldm maximum of %s",
			    (long long)milli, (long long)t->cpu_max_milli, at.s);
	}
	buf_free(&at);
}

static void
check_pids(const struct cc *cc)
{
	const struct oc_target *t = cc->t;
	const struct oc_node *pl = doc_path(cc->doc, cc->ctx->root, "linux",
	    "resources", "pids", "limit", NULL);
	struct oc_buf at = { 0 };
	int64_t v;

	if (t->pids_node == NULL)
		return;
	cc_where(cc, t->pids_node, &at);
	if (pl == NULL || doc_i64(cc->doc, pl, &v) < 0 || v <= 0) {
		if (t->pids_on_missing != OC_ITEM_IGNORE)
			cc_report(cc, OC_R_RES008, t->pids_on_missing,
			    doc_path(cc->doc, cc->ctx->root, "linux", NULL), 1,
			    "no pids limit in config.json%s (%s)",
			    t->pids_pod_scope ? ": a pod-level limit, if any, is "
			    "not visible here" : ": a fork bomb can exhaust the "
			    "node's process table", at.s);
	} else if (t->pids_min >= 0 && v < t->pids_min) {
		cc_report(cc, OC_R_RES009, t->pids_severity, pl, 0,
		    "pids limit %lld is below the %lld %s requires: fork and "
		    "thread creation fail with EAGAIN", (long long)v,
		    (long long)t->pids_min, at.s);
	}
	buf_free(&at);
}

void
cc_check_limits(const struct cc *cc)
{
	struct mount_ent *mounts;
	size_t n = mounts_read(cc, &mounts);

	check_required_mounts(cc, mounts, n);
	check_mount_layout(cc, mounts, n);
	check_memory(cc, mounts, n);
	check_cpu(cc);
	check_pids(cc);
	free(mounts);
}
