/* config-linux.md "Namespaces", "User namespace mappings" and "Offset for
 * Time Namespace" (OCI20xx), and what runc, crun and the kernel refuse
 * about them (OCI50xx). */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "lx.h"

static const struct oc_node *
ns_list(const struct oc_check_ctx *ctx)
{
	return lx_get(ctx->doc, lx_linux(ctx), "namespaces", OC_ARRAY);
}

/* The first entry of a type, or NULL. */
static const struct oc_node *
ns_entry(const struct oc_check_ctx *ctx, const char *type)
{
	const struct oc_node *list = ns_list(ctx);
	size_t i, n = list ? doc_count(list) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);

		if (doc_is(ctx->doc, lx_get(ctx->doc, e, "type", OC_STRING),
		    type))
			return e;
	}
	return NULL;
}

/* A joined namespace: runc, like Go, takes an empty path for none. */
static int
ns_joined(const struct oc_check_ctx *ctx, const struct oc_node *e)
{
	const struct oc_node *p = doc_get(ctx->doc, e, "path");
	size_t len;

	return p != NULL && (doc_str(ctx->doc, p, &len) == NULL || len > 0);
}

/* OCI2001 */
void
check_ns_path_absolute(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = ns_list(ctx);
	size_t i, n = list ? doc_count(list) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *p = lx_get(ctx->doc,
		    doc_at(ctx->doc, list, i), "path", OC_STRING);
		struct oc_buf ptr = { 0 }, val = { 0 };
		size_t len;
		const char *s;

		if (p == NULL)
			continue;
		s = doc_text(ctx->doc, p, &len);
		if (path_is_absolute(s, len, 0))
			continue;
		if (len == 0)
			check_report(ctx, OC_AT_VALUE, p,
			    "%s must be an absolute path in "
			    "the runtime's mount namespace (got \"\"): runc "
			    "takes it as no path and creates a new namespace, "
			    "crun fails to open it", lx_ptr(ctx->doc, p, &ptr));
		else
			check_report(ctx, OC_AT_VALUE, p,
			    "%s must be an absolute path in "
			    "the runtime's mount namespace (got %s)",
			    lx_ptr(ctx->doc, p, &ptr),
			    lx_show(ctx->doc, p, &val));
		buf_free(&ptr);
		buf_free(&val);
	}
}

/* OCI2002 */
void
check_ns_duplicate(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = ns_list(ctx);
	size_t i, n = list ? doc_count(list) : 0, nk = 0, first = 0;
	struct lx_key *keys;

	if (n < 2)
		return;
	keys = lx_keys_collect(ctx->doc, list, "type", &nk);
	for (i = 1; i < nk; i++) {
		struct oc_buf val = { 0 };

		if (keys[i].len != keys[first].len ||
		    memcmp(keys[i].s, keys[first].s, keys[i].len) != 0) {
			first = i;
			continue;
		}
		check_report(ctx, OC_AT_VALUE, keys[i].n,
		    "/linux/namespaces/%zu repeats "
		    "namespace type %s of /linux/namespaces/%zu: the runtime "
		    "must refuse duplicated types (runc and crun do)",
		    keys[i].idx, lx_show(ctx->doc, keys[i].n, &val),
		    keys[first].idx);
		buf_free(&val);
	}
	free(keys);
}

/* The namespace type a /proc/<pid>/ns/<name> link is of. */
static const char *
ns_link_type(const char *name, size_t n)
{
	static const struct {
		const char *link, *type;
	} links[] = {
		{ "mnt", "mount" }, { "net", "network" }, { "pid", "pid" },
		{ "pid_for_children", "pid" }, { "ipc", "ipc" },
		{ "uts", "uts" }, { "user", "user" }, { "cgroup", "cgroup" },
		{ "time", "time" }, { "time_for_children", "time" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(links); i++)
		if (strlen(links[i].link) == n &&
		    memcmp(links[i].link, name, n) == 0)
			return links[i].type;
	return NULL;
}

/* The <name> of /proc/<x>/ns/<name> or /proc/<x>/task/<y>/ns/<name>. */
static const char *
ns_proc_link(const char *s, size_t n, size_t *len)
{
	const char *part[5], *end = s + n, *p;
	size_t plen[5], k = 0;

	if (n < 6 || memcmp(s, "/proc/", 6) != 0)
		return NULL;
	for (p = s + 6; k < 5; k++) {
		const char *slash = memchr(p, '/', (size_t)(end - p));

		part[k] = p;
		plen[k] = slash ? (size_t)(slash - p) : (size_t)(end - p);
		if (plen[k] == 0)
			return NULL;
		if (slash == NULL)
			break;
		p = slash + 1;
	}
	if (k == 2 && plen[1] == 2 && memcmp(part[1], "ns", 2) == 0) {
		*len = plen[2];
		return part[2];
	}
	if (k == 4 && plen[1] == 4 && memcmp(part[1], "task", 4) == 0 &&
	    plen[3] == 2 && memcmp(part[3], "ns", 2) == 0) {
		*len = plen[4];
		return part[4];
	}
	return NULL;
}

/* OCI2003 */
void
check_ns_path_type(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = ns_list(ctx);
	size_t i, n = list ? doc_count(list) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);
		const struct oc_node *t = lx_get(ctx->doc, e, "type",
		    OC_STRING);
		const struct oc_node *p = lx_get(ctx->doc, e, "path",
		    OC_STRING);
		struct oc_buf ptr = { 0 }, val = { 0 }, tv = { 0 };
		const char *s, *name, *type;
		size_t len, nlen;

		if (t == NULL || p == NULL)
			continue;
		s = doc_text(ctx->doc, p, &len);
		if ((name = ns_proc_link(s, len, &nlen)) == NULL ||
		    (type = ns_link_type(name, nlen)) == NULL ||
		    doc_is(ctx->doc, t, type))
			continue;
		check_report(ctx, OC_AT_VALUE, p,
		    "%s %s is a %s namespace, but the "
		    "entry's type is %s: the runtime must refuse to join it",
		    lx_ptr(ctx->doc, p, &ptr), lx_show(ctx->doc, p, &val),
		    type, lx_show(ctx->doc, t, &tv));
		buf_free(&tv);
		buf_free(&ptr);
		buf_free(&val);
	}
}

/* OCI5003: hostname and domainname need a UTS namespace. */
void
check_uts_namespace(struct oc_check_ctx *ctx)
{
	static const char *const fields[] = { "hostname", "domainname" };
	size_t i, len;

	if (lx_has_namespace(ctx, "uts"))
		return;
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		const struct oc_node *v = lx_get(ctx->doc, ctx->root,
		    fields[i], OC_STRING);

		if (v == NULL || (doc_text(ctx->doc, v, &len), len == 0))
			continue;
		check_report(ctx, OC_AT_VALUE, v,
		    "/%s is set but there is no uts "
		    "namespace: runc and youki refuse to change the host's "
		    "%s (\"unable to set %s without a private UTS "
		    "namespace\"), crun too (\"%s requires the UTS "
		    "namespace\")", fields[i], fields[i], fields[i],
		    fields[i]);
	}
}

/* OCI5004: runc masks and remounts paths only in its own mount ns. */
void
check_mount_ns_for_paths(struct oc_check_ctx *ctx)
{
	static const char *const fields[] = { "maskedPaths", "readonlyPaths" };
	size_t i;

	if (lx_has_namespace(ctx, "mount"))
		return;
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		const struct oc_node *v = lx_get(ctx->doc, lx_linux(ctx),
		    fields[i], OC_ARRAY);

		if (v == NULL || doc_count(v) == 0)
			continue;
		check_report(ctx, OC_AT_KEY, v,
		    "/linux/%s is set but there is no "
		    "mount namespace: runc and youki refuse it (\"unable to "
		    "restrict sys entries without a private MNT "
		    "namespace\"), crun would apply it to the mount "
		    "namespace it runs in", fields[i]);
	}
}

static const struct oc_node *
idmap(const struct oc_check_ctx *ctx, const char *which)
{
	const struct oc_node *v = lx_get(ctx->doc, lx_linux(ctx), which,
	    OC_ARRAY);

	return v != NULL && doc_count(v) > 0 ? v : NULL;
}

/* OCI5005 */
void
check_idmap_without_userns(struct oc_check_ctx *ctx)
{
	static const char *const fields[] = { "uidMappings", "gidMappings" };
	size_t i;

	if (lx_has_namespace(ctx, "user"))
		return;
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		const struct oc_node *v = idmap(ctx, fields[i]);

		if (v != NULL)
			check_report(ctx, OC_AT_KEY, v,
			    "/linux/%s is set but there "
			    "is no user namespace to apply it to: youki "
			    "refuses it (\"user namespace mappings "
			    "specified, but user namespace isn't enabled in "
			    "the config\"), runc and crun drop the mappings "
			    "silently and run the container unmapped",
			    fields[i]);
	}
}

/* OCI5006 */
void
check_userns_without_idmap(struct oc_check_ctx *ctx)
{
	const struct oc_node *e = ns_entry(ctx, "user");

	if (e == NULL || ns_joined(ctx, e) ||
	    idmap(ctx, "uidMappings") != NULL ||
	    idmap(ctx, "gidMappings") != NULL)
		return;
	check_report(ctx, OC_AT_VALUE, e,
	    "/linux/namespaces/%zu creates a user "
	    "namespace without uidMappings or gidMappings: runc refuses it "
	    "(\"user namespaces enabled, but no uid mappings found\"), "
	    "youki too (\"new user namespace requires valid gid "
	    "mappings\"); crun maps only the calling user",
	    doc_index(ctx->doc, e));
}

/* OCI5012: runc and youki need both maps; crun fills the missing one
 * in with the calling user's ID. */
void
check_userns_one_idmap(struct oc_check_ctx *ctx)
{
	const struct oc_node *e = ns_entry(ctx, "user");
	const struct oc_node *uid = idmap(ctx, "uidMappings");
	const struct oc_node *gid = idmap(ctx, "gidMappings");
	const char *has, *lacks;

	if (e == NULL || ns_joined(ctx, e) ||
	    (uid == NULL) == (gid == NULL))
		return;
	has = uid != NULL ? "uid" : "gid";
	lacks = uid != NULL ? "gid" : "uid";
	check_report(ctx, OC_AT_VALUE, e,
	    "/linux/namespaces/%zu creates a user "
	    "namespace with %sMappings but no %sMappings: runc refuses it "
	    "(\"user namespaces enabled, but no %s mappings found\"), youki "
	    "too (\"new user namespace requires valid %s mappings\"); crun "
	    "maps the calling user's %s", doc_index(ctx->doc, e), has, lacks,
	    lacks, lacks, lacks);
}

/* OCI5007 */
void
check_userns_path_idmap(struct oc_check_ctx *ctx)
{
	const struct oc_node *e = ns_entry(ctx, "user");
	const struct oc_node *m = idmap(ctx, "uidMappings");

	if (m == NULL)
		m = idmap(ctx, "gidMappings");
	if (e == NULL || m == NULL || !ns_joined(ctx, e))
		return;
	check_report(ctx, OC_AT_KEY, m,
	    "/linux/%s is set but /linux/namespaces/%zu "
	    "joins an existing user namespace, whose mappings are fixed: "
	    "runc refuses to start unless they equal the joined ones (\"both "
	    "namespace path and non-matching mapping specified\"), crun and "
	    "youki ignore them",
	    idmap(ctx, "uidMappings") == m ? "uidMappings" : "gidMappings",
	    doc_index(ctx->doc, e));
}

/* One mapping's ranges, for the overlap sort. */
struct idrange {
	uint64_t lo, hi;	/* [lo, hi) */
	size_t idx;
};

static int
cmp_ranges(const void *pa, const void *pb)
{
	const struct idrange *a = pa, *b = pb;

	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Report the entries of v that overlap an earlier-starting one. */
static void
idmap_overlaps(struct oc_check_ctx *ctx, const struct oc_node *list,
    struct idrange *v, size_t n, const char *side, const char *which)
{
	size_t i, far = 0;

	qsort(v, n, sizeof(*v), cmp_ranges);
	for (i = 1; i < n; i++) {
		if (v[far].hi < v[i - 1].hi)
			far = i - 1;
		if (v[i].lo >= v[far].hi)
			continue;
		check_report(ctx, OC_AT_VALUE, doc_at(ctx->doc, list, v[i].idx),
		    "/linux/%s/%zu overlaps /linux/%s/%zu in %s IDs: the "
		    "kernel rejects overlapping ranges, so runc, crun and "
		    "youki fail to write the map", which, v[i].idx, which,
		    v[far].idx, side);
	}
}

static void
idmap_check(struct oc_check_ctx *ctx, const char *which)
{
	const struct oc_node *list = idmap(ctx, which);
	size_t i, n = list ? doc_count(list) : 0, nr = 0;
	struct idrange *in, *out;

	if (list == NULL)
		return;
	/* UID_GID_MAP_MAX_EXTENTS since Linux 4.15; 5 before. */
	if (n > 340)
		check_report(ctx, OC_AT_KEY, list,
		    "/linux/%s has %zu entries: the "
		    "kernel accepts at most 340, so runc, crun and youki fail "
		    "to write the map", which, n);
	in = xcalloc(n, sizeof(*in));
	out = xcalloc(n, sizeof(*out));
	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);
		const struct oc_node *size = doc_get(ctx->doc, e, "size");
		uint64_t c, h, s;

		if (doc_u64(ctx->doc, doc_get(ctx->doc, e, "containerID"),
		    &c) < 0 || doc_u64(ctx->doc, doc_get(ctx->doc, e,
		    "hostID"), &h) < 0 || doc_u64(ctx->doc, size, &s) < 0)
			continue;
		if (s == 0) {
			check_report(ctx, OC_AT_VALUE, size,
			    "/linux/%s/%zu/size is 0: the "
			    "kernel rejects an empty range, so runc, crun and "
			    "youki fail to write the map", which, i);
			continue;
		}
		if (c + s > UINT32_MAX || h + s > UINT32_MAX) {
			check_report(ctx, OC_AT_VALUE, size,
			    "/linux/%s/%zu runs past ID "
			    "4294967294: the kernel rejects the range, so "
			    "runc, crun and youki fail to write the map",
			    which, i);
			continue;
		}
		in[nr] = (struct idrange){ .lo = c, .hi = c + s, .idx = i };
		out[nr++] = (struct idrange){ .lo = h, .hi = h + s, .idx = i };
	}
	idmap_overlaps(ctx, list, in, nr, "container", which);
	idmap_overlaps(ctx, list, out, nr, "host", which);
	free(in);
	free(out);
}

/* OCI5008 */
void
check_idmap_ranges(struct oc_check_ctx *ctx)
{
	idmap_check(ctx, "uidMappings");
	idmap_check(ctx, "gidMappings");
}

/* OCI5009 */
void
check_time_offsets_ns(struct oc_check_ctx *ctx)
{
	const struct oc_node *to = lx_get(ctx->doc, lx_linux(ctx),
	    "timeOffsets", OC_OBJECT);
	const struct oc_node *e = ns_entry(ctx, "time");

	if (to == NULL || doc_count(to) == 0)
		return;
	if (e == NULL)
		check_report(ctx, OC_AT_KEY, to,
		    "/linux/timeOffsets is set but there "
		    "is no time namespace: runc and youki refuse it (\"time "
		    "namespace offsets specified, but time namespace isn't "
		    "enabled in the config\"), and the kernel refuses crun's "
		    "write of /proc/self/timens_offsets");
	else if (ns_joined(ctx, e))
		check_report(ctx, OC_AT_KEY, to,
		    "/linux/timeOffsets is set but "
		    "/linux/namespaces/%zu joins an existing time namespace, "
		    "whose offsets are fixed: runc and youki refuse the pair "
		    "(\"both namespace path and time offsets specified\"), "
		    "and the kernel refuses crun's write of "
		    "/proc/self/timens_offsets", doc_index(ctx->doc, e));
}

/* OCI5013: runc and youki ask only whether timeOffsets is there. */
void
check_time_offsets_empty(struct oc_check_ctx *ctx)
{
	const struct oc_node *to = lx_get(ctx->doc, lx_linux(ctx),
	    "timeOffsets", OC_OBJECT);
	const struct oc_node *e = ns_entry(ctx, "time");

	if (to == NULL || doc_count(to) != 0)
		return;
	if (e == NULL)
		check_report(ctx, OC_AT_KEY, to,
		    "/linux/timeOffsets is an empty "
		    "object and there is no time namespace: runc and youki "
		    "refuse it all the same (\"time namespace offsets "
		    "specified, but time namespace isn't enabled in the "
		    "config\"), crun accepts it; leave timeOffsets out");
	else if (ns_joined(ctx, e))
		check_report(ctx, OC_AT_KEY, to,
		    "/linux/timeOffsets is an empty "
		    "object and /linux/namespaces/%zu joins a time namespace: "
		    "runc and youki refuse it all the same (\"both namespace "
		    "path and time offsets specified\"), crun accepts it; "
		    "leave timeOffsets out", doc_index(ctx->doc, e));
}
