/* config-linux.md odds and ends (OCI25xx and OCI55xx) and the helpers the
 * Linux checks share. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "lx.h"

const char *
lx_ptr(const struct oc_doc *doc, const struct oc_node *n, struct oc_buf *b)
{
	doc_pointer(doc, n, b);
	if (b->s == NULL)
		buf_adds(b, "");
	return b->s;
}

const char *
lx_show(const struct oc_doc *doc, const struct oc_node *n, struct oc_buf *b)
{
	doc_show(doc, n, b);
	if (b->s == NULL)
		buf_adds(b, "");
	return b->s;
}

int
lx_has_namespace(const struct oc_check_ctx *ctx, const char *type)
{
	return spec_namespace(ctx, type) != NULL;
}

static int
cmp_keys(const void *pa, const void *pb)
{
	const struct lx_key *a = pa, *b = pb;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->s, b->s, n);

	if (c != 0)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

void
lx_keys_sort(struct lx_key *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_keys);
}

struct lx_key *
lx_keys_collect(const struct oc_doc *doc, const struct oc_node *list,
    const char *member, size_t *n)
{
	size_t i, cnt = doc_count(list);
	struct lx_key *keys = xcalloc(cnt + 1, sizeof(*keys));

	*n = 0;
	for (i = 0; i < cnt; i++) {
		const struct oc_node *v = doc_at(doc, list, i);

		if (member != NULL)
			v = lx_get(doc, v, member, OC_STRING);
		if (v == NULL || doc_kind(v) != OC_STRING)
			continue;
		keys[*n].s = doc_text(doc, v, &keys[*n].len);
		keys[*n].n = v;
		keys[(*n)++].idx = i;
	}
	lx_keys_sort(keys, *n);
	return keys;
}

/* Lists of CPUs and memory nodes. */

struct lx_cursor {
	const char *s;
	size_t i, n;
};

/* A decimal id at the cursor (or "N", the last id, when allowed). 0 and
 * the value, 1 for "N", -1 with why set. */
static int
list_num(struct lx_cursor *c, int allow_last, uint64_t *v, const char **why)
{
	size_t start = c->i;

	if (allow_last && c->i < c->n && c->s[c->i] == 'N') {
		c->i++;
		return 1;
	}
	*v = 0;
	while (c->i < c->n && isdigit((unsigned char)c->s[c->i])) {
		*v = *v * 10 + (uint64_t)(c->s[c->i] - '0');
		if (*v > UINT32_MAX) {
			*why = "an id is larger than 4294967295";
			return -1;
		}
		c->i++;
	}
	if (c->i == start) {
		*why = "an element is not a number or a range N-M";
		return -1;
	}
	return 0;
}

static void
list_add(struct lx_list *out, uint64_t lo, uint64_t hi)
{
	uint64_t k = hi - lo + 1;

	out->count = out->count > UINT64_MAX - k ? UINT64_MAX :
	    out->count + k;
	if (hi > out->max)
		out->max = hi;
}

static int
list_fail(struct lx_list *out, size_t at, const char *why)
{
	out->at = at;
	out->why = why;
	return -1;
}

/* One runc element s[0..n): N or N-M, spaces already trimmed. */
static int
list_runc_element(const char *s, size_t n, size_t at, struct lx_list *out)
{
	struct lx_cursor c = { .s = s, .n = n };
	const char *why = NULL;
	uint64_t lo, hi;

	if (list_num(&c, 0, &lo, &why) < 0)
		return list_fail(out, at, why);
	hi = lo;
	if (c.i < n && s[c.i] == '-') {
		c.i++;
		if (list_num(&c, 0, &hi, &why) < 0)
			return list_fail(out, at, why);
	}
	if (c.i != n)
		return list_fail(out, at,
		    "an element is not a number or a range N-M");
	if (lo > hi)
		return list_fail(out, at, "a range starts after its end");
	list_add(out, lo, hi);
	return 0;
}

static int
list_runc(const char *s, size_t n, struct lx_list *out)
{
	size_t i = 0;

	while (i <= n) {
		const char *comma = memchr(s + i, ',', n - i);
		size_t end = comma ? (size_t)(comma - s) : n;
		size_t a = i, b = end;

		while (a < b && isspace((unsigned char)s[a]))
			a++;
		while (b > a && isspace((unsigned char)s[b - 1]))
			b--;
		if (a < b && list_runc_element(s + a, b - a, a, out) < 0)
			return -1;
		if (comma == NULL)
			break;
		i = end + 1;
	}
	return 0;
}

static int
list_sep(char ch)
{
	return ch == ',' || isspace((unsigned char)ch);
}

/* The kernel's bitmap_parselist(): regions N[-M[:used/group]]. */
static int
list_kernel(const char *s, size_t n, struct lx_list *out)
{
	struct lx_cursor c = { .s = s, .n = n };

	for (;;) {
		uint64_t lo = 0, hi = 0, used, group;
		const char *why = NULL;
		int last_lo, last_hi;
		size_t at;

		while (c.i < n && list_sep(s[c.i]))
			c.i++;
		if (c.i == n)
			return 0;
		at = c.i;
		if ((last_lo = list_num(&c, 1, &lo, &why)) < 0)
			return list_fail(out, at, why);
		hi = lo;
		last_hi = last_lo;
		if (c.i < n && s[c.i] == '-') {
			c.i++;
			if ((last_hi = list_num(&c, 1, &hi, &why)) < 0)
				return list_fail(out, at, why);
		}
		if (c.i < n && s[c.i] == ':') {
			c.i++;
			if (list_num(&c, 0, &used, &why) < 0 || c.i == n ||
			    s[c.i] != '/')
				return list_fail(out, at, why ? why :
				    "a stride is not written :used/group");
			c.i++;
			if (list_num(&c, 0, &group, &why) < 0)
				return list_fail(out, at, why);
			if (group == 0)
				return list_fail(out, at,
				    "a stride has a group of 0");
			if (used > group)
				return list_fail(out, at,
				    "a stride uses more ids than its group");
		}
		if (c.i < n && !list_sep(s[c.i]))
			return list_fail(out, at,
			    "an element is not a number or a range N-M");
		/* "N" is the host's last id: unknown here. */
		if (last_lo || last_hi) {
			out->count = out->count == UINT64_MAX ? UINT64_MAX :
			    out->count + 1;
			continue;
		}
		if (lo > hi)
			return list_fail(out, at,
			    "a range starts after its end");
		list_add(out, lo, hi);
	}
}

int
lx_list_parse(const char *s, size_t n, enum lx_list_grammar g,
    struct lx_list *out)
{
	memset(out, 0, sizeof(*out));
	return g == LX_LIST_RUNC ? list_runc(s, n, out) :
	    list_kernel(s, n, out);
}

/* OCI2501, OCI2502: maskedPaths and readonlyPaths hold absolute paths. */
static void
paths_absolute(struct oc_check_ctx *ctx, const char *member)
{
	const struct oc_node *list = lx_get(ctx->doc, lx_linux(ctx), member,
	    OC_ARRAY);
	size_t i, n = list ? doc_count(list) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *p = doc_at(ctx->doc, list, i);
		struct oc_buf ptr = { 0 }, val = { 0 };
		size_t len;
		const char *s = doc_str(ctx->doc, p, &len);

		if (s == NULL || path_is_absolute(s, len, 0))
			continue;
		check_report(ctx, OC_AT_VALUE, p,
		    "%s must be an absolute path in the "
		    "container (got %s)", lx_ptr(ctx->doc, p, &ptr),
		    lx_show(ctx->doc, p, &val));
		buf_free(&ptr);
		buf_free(&val);
	}
}

void
check_masked_path_absolute(struct oc_check_ctx *ctx)
{
	paths_absolute(ctx, "maskedPaths");
}

void
check_readonly_path_absolute(struct oc_check_ctx *ctx)
{
	paths_absolute(ctx, "readonlyPaths");
}

/* OCI2503: the r* propagation values runc and crun accept beyond the
 * four of the spec (runtime-spec#923). */
void
check_rootfs_propagation(struct oc_check_ctx *ctx)
{
	static const char *const recursive[] = {
		"rprivate", "rshared", "rslave", "runbindable",
	};
	const struct oc_node *v = lx_get(ctx->doc, lx_linux(ctx),
	    "rootfsPropagation", OC_STRING);
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < ARRAY_SIZE(recursive); i++) {
		if (!doc_is(ctx->doc, v, recursive[i]))
			continue;
		check_report(ctx, OC_AT_VALUE, v,
		    "/linux/rootfsPropagation \"%s\" is not "
		    "one of the spec's values (shared, slave, private, "
		    "unbindable): runc and crun accept it, other runtimes "
		    "and validators may not; \"%s\" has the same effect on "
		    "the rootfs", recursive[i], recursive[i] + 1);
		break;
	}
}

/* OCI2504: l3CacheSchema SHOULD start with L3: and have no newline. */
void
check_intelrdt_l3(struct oc_check_ctx *ctx)
{
	const struct oc_node *rdt = lx_get(ctx->doc, lx_linux(ctx),
	    "intelRdt", OC_OBJECT);
	const struct oc_node *v = lx_get(ctx->doc, rdt, "l3CacheSchema",
	    OC_STRING);
	struct oc_buf val = { 0 };
	size_t len;
	const char *s;

	if (v == NULL)
		return;
	s = doc_text(ctx->doc, v, &len);
	/* With CDP on, resctrl names the L3 lines L3CODE and L3DATA. */
	if (!(len >= 3 && memcmp(s, "L3:", 3) == 0) &&
	    !(len >= 7 && memcmp(s, "L3CODE:", 7) == 0) &&
	    !(len >= 7 && memcmp(s, "L3DATA:", 7) == 0))
		check_report(ctx, OC_AT_VALUE, v,
		    "/linux/intelRdt/l3CacheSchema %s "
		    "should start with \"L3:\": it is written to the "
		    "resctrl schemata file as an L3 cache line",
		    lx_show(ctx->doc, v, &val));
	else if (memchr(s, '\n', len) != NULL)
		check_report(ctx, OC_AT_VALUE, v,
		    "/linux/intelRdt/l3CacheSchema should "
		    "not contain a newline: put other resources in "
		    "memBwSchema or schemata");
	buf_free(&val);
}

/* OCI2505: schemata lines MUST NOT contain newlines. */
void
check_intelrdt_schemata(struct oc_check_ctx *ctx)
{
	const struct oc_node *rdt = lx_get(ctx->doc, lx_linux(ctx),
	    "intelRdt", OC_OBJECT);
	const struct oc_node *list = lx_get(ctx->doc, rdt, "schemata",
	    OC_ARRAY);
	size_t i, n = list ? doc_count(list) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *v = doc_at(ctx->doc, list, i);
		struct oc_buf ptr = { 0 };
		size_t len;
		const char *s = doc_str(ctx->doc, v, &len);

		if (s == NULL || memchr(s, '\n', len) == NULL)
			continue;
		check_report(ctx, OC_AT_VALUE, v,
		    "%s must not contain a newline: each "
		    "schemata line is its own array entry",
		    lx_ptr(ctx->doc, v, &ptr));
		buf_free(&ptr);
	}
}

/* OCI2506: no personality flag is supported yet. */
void
check_personality_flags(struct oc_check_ctx *ctx)
{
	const struct oc_node *p = lx_get(ctx->doc, lx_linux(ctx),
	    "personality", OC_OBJECT);
	const struct oc_node *f = lx_get(ctx->doc, p, "flags", OC_ARRAY);

	if (f != NULL && doc_count(f) > 0)
		check_report(ctx, OC_AT_VALUE, f,
		    "/linux/personality/flags lists %zu "
		    "flag%s, but the spec supports none: runc ignores them "
		    "with a warning", doc_count(f),
		    doc_count(f) == 1 ? "" : "s");
}

/* OCI2507: ioPriority.priority ranges from 0 to 7. */
void
check_io_priority(struct oc_check_ctx *ctx)
{
	const struct oc_node *io = doc_path(ctx->doc, ctx->root, "process",
	    "ioPriority", NULL);
	const struct oc_node *p = doc_get(ctx->doc, io, "priority");
	struct oc_buf val = { 0 };
	int64_t v;

	if (doc_i64(ctx->doc, p, &v) < 0 ||
	    (v >= 0 && v <= 7))
		return;
	check_report(ctx, OC_AT_VALUE, p,
	    "/process/ioPriority/priority is %s: it ranges "
	    "from 0 (highest) to 7 (lowest), and runc and the kernel "
	    "(ioprio_set) refuse anything else", lx_show(ctx->doc, p, &val));
	buf_free(&val);
}

/* OCI2508: execCPUAffinity lists are "0-3,7": runc's grammar. */
void
check_exec_cpu_affinity(struct oc_check_ctx *ctx)
{
	static const char *const which[] = { "initial", "final" };
	const struct oc_node *aff = doc_path(ctx->doc, ctx->root, "process",
	    "execCPUAffinity", NULL);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(which); i++) {
		const struct oc_node *v = lx_get(ctx->doc, aff, which[i],
		    OC_STRING);
		struct oc_buf val = { 0 };
		struct lx_list l;
		size_t len;
		const char *s;

		if (v == NULL)
			continue;
		s = doc_text(ctx->doc, v, &len);
		if (lx_list_parse(s, len, LX_LIST_RUNC, &l) < 0)
			check_report(ctx, OC_AT_VALUE, v,
			    "/process/execCPUAffinity/%s %s "
			    "is not a CPU list such as \"0-3,7\" (%s at "
			    "offset %zu): runc refuses it", which[i],
			    lx_show(ctx->doc, v, &val), l.why, l.at);
		else if (l.count == 0 && len > 0)
			check_report(ctx, OC_AT_VALUE, v,
			    "/process/execCPUAffinity/%s %s "
			    "names no CPU: runc refuses it (\"no CPUs "
			    "found\"); leave it out to keep the inherited "
			    "affinity", which[i], lx_show(ctx->doc, v, &val));
		buf_free(&val);
	}
}

/* OCI5501: moving network devices needs a network namespace. */
void
check_netdev_namespace(struct oc_check_ctx *ctx)
{
	const struct oc_node *nd = lx_get(ctx->doc, lx_linux(ctx),
	    "netDevices", OC_OBJECT);

	if (nd == NULL || doc_count(nd) == 0 ||
	    lx_has_namespace(ctx, "network"))
		return;
	check_report(ctx, OC_AT_KEY, nd,
	    "/linux/netDevices moves host interfaces "
	    "into the container, but there is no network namespace: runc and "
	    "youki refuse it (\"unable to move network devices without a NET "
	    "namespace\"), crun renames the host's interface in place");
}

/* The kernel's dev_valid_name(). */
static const char *
netdev_name_problem(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return "is empty";
	if (n >= 16)
		return "is longer than 15 bytes (IFNAMSIZ)";
	if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
		return "is \".\" or \"..\"";
	for (i = 0; i < n; i++)
		if (s[i] == '/' || s[i] == ':' || s[i] == '\0' ||
		    isspace((unsigned char)s[i]))
			return "contains '/', ':', a NUL or white space";
	return NULL;
}

/* OCI5502: interface names the kernel accepts, unique in the container. */
void
check_netdev_name(struct oc_check_ctx *ctx)
{
	const struct oc_node *nd = lx_get(ctx->doc, lx_linux(ctx),
	    "netDevices", OC_OBJECT);
	size_t i, n = nd ? doc_count(nd) : 0, nk = 0, first = 0;
	struct oc_buf ptr = { 0 };
	struct lx_key *keys;

	if (n == 0)
		return;
	keys = xcalloc(n, sizeof(*keys));
	for (i = 0; i < n; i++) {
		const struct oc_node *dev = doc_at(ctx->doc, nd, i);
		const struct oc_node *name = lx_get(ctx->doc, dev, "name",
		    OC_STRING);
		struct oc_buf val = { 0 };
		const char *s, *why;
		size_t len;

		s = doc_key_text(ctx->doc, dev, &len);
		if ((why = netdev_name_problem(s, len)) != NULL) {
			buf_adds(&val, "\"");
			buf_add_display(&val, s, len, 80);
			buf_adds(&val, "\"");
			check_report(ctx, OC_AT_KEY, dev,
			    "host interface name %s %s: "
			    "no such interface can exist, so runc, crun and "
			    "youki fail to move it", val.s, why);
			buf_free(&val);
		}
		if (name != NULL) {
			s = doc_text(ctx->doc, name, &len);
			if ((why = netdev_name_problem(s, len)) != NULL)
				check_report(ctx, OC_AT_VALUE, name,
				    "%s %s %s: runc and "
				    "youki refuse it (\"invalid network device "
				    "name\") or the kernel rejects the rename, "
				    "as it does for crun",
				    lx_ptr(ctx->doc, name, &ptr), lx_show(
				    ctx->doc, name, &val), why);
		}
		buf_free(&ptr);
		buf_free(&val);
		keys[nk++] = (struct lx_key){ .s = s, .len = len,
		    .n = name ? name : dev, .idx = i };
	}
	lx_keys_sort(keys, nk);
	for (i = 1; i < nk; i++) {
		const struct lx_key *k = &keys[i], *f = &keys[first];
		struct oc_buf val = { 0 }, fp = { 0 };

		if (k->len != f->len || memcmp(k->s, f->s, k->len) != 0) {
			first = i;
			continue;
		}
		buf_adds(&val, "\"");
		buf_add_display(&val, k->s, k->len, 80);
		buf_adds(&val, "\"");
		lx_ptr(ctx->doc, doc_at(ctx->doc, nd, f->idx), &fp);
		if (k->n == doc_at(ctx->doc, nd, k->idx))
			check_report(ctx, OC_AT_KEY, k->n,
			    "interface %s keeps its "
			    "name %s in the container, which %s also gets: the "
			    "second rename fails (EEXIST) in runc, crun and "
			    "youki",
			    lx_ptr(ctx->doc, k->n, &ptr), val.s, fp.s);
		else
			check_report(ctx, OC_AT_VALUE, k->n,
			    "%s %s is also the container "
			    "name of %s: the second rename fails (EEXIST) in "
			    "runc, crun and youki",
			    lx_ptr(ctx->doc, k->n, &ptr), val.s, fp.s);
		buf_free(&ptr);
		buf_free(&val);
		buf_free(&fp);
	}
	free(keys);
}

/* OCI5503: runc refuses a closID that is not a plain directory name. */
void
check_intelrdt_closid(struct oc_check_ctx *ctx)
{
	const struct oc_node *rdt = lx_get(ctx->doc, lx_linux(ctx),
	    "intelRdt", OC_OBJECT);
	const struct oc_node *v = lx_get(ctx->doc, rdt, "closID", OC_STRING);
	struct oc_buf val = { 0 };
	size_t len;
	const char *s;

	if (v == NULL)
		return;
	s = doc_text(ctx->doc, v, &len);
	if ((len == 1 && s[0] == '.') || (len == 2 && !memcmp(s, "..", 2)) ||
	    (memchr(s, '/', len) != NULL && !(len == 1 && s[0] == '/')))
		check_report(ctx, OC_AT_VALUE, v,
		    "/linux/intelRdt/closID %s is not a "
		    "resctrl group name: runc (\"invalid intelRdt.ClosID\") "
		    "and youki (\"invalid intelRdt.closID\") refuse \".\", "
		    "\"..\" and names with '/', crun does not check",
		    lx_show(ctx->doc, v, &val));
	buf_free(&val);
}

/* OCI5504: what set_mempolicy(2) accepts for each mode. */
void
check_mempolicy_nodes(struct oc_check_ctx *ctx)
{
	static const char *const need[] = {
		"MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_WEIGHTED_INTERLEAVE",
		"MPOL_PREFERRED_MANY",
	};
	const struct oc_node *mp = lx_get(ctx->doc, lx_linux(ctx),
	    "memoryPolicy", OC_OBJECT);
	const struct oc_node *mode = lx_get(ctx->doc, mp, "mode", OC_STRING);
	const struct oc_node *nodes = lx_get(ctx->doc, mp, "nodes",
	    OC_STRING);
	const struct oc_node *flags = lx_get(ctx->doc, mp, "flags", OC_ARRAY);
	const struct oc_node *stat = NULL, *rel = NULL, *bal = NULL;
	struct oc_buf val = { 0 }, m = { 0 };
	struct lx_list l = { 0 };
	int needs = 0, none;
	size_t i, len = 0;
	const char *s = NULL;

	if (mp == NULL)
		return;
	if (nodes != NULL) {
		s = doc_text(ctx->doc, nodes, &len);
		if (lx_list_parse(s, len, LX_LIST_RUNC, &l) < 0) {
			check_report(ctx, OC_AT_VALUE, nodes,
			    "/linux/memoryPolicy/nodes "
			    "%s is not a node list such as \"0-3,7\" (%s at "
			    "offset %zu): runc, crun and youki refuse it",
			    lx_show(ctx->doc, nodes, &val), l.why, l.at);
			buf_free(&val);
			return;
		}
	}
	none = l.count == 0;
	for (i = 0; mode != NULL && i < ARRAY_SIZE(need); i++)
		needs |= doc_is(ctx->doc, mode, need[i]);
	if (mode != NULL)
		lx_show(ctx->doc, mode, &m);
	if (needs && none)
		check_report(ctx, OC_AT_OPEN, mp, "/linux/memoryPolicy mode %s "
		    "needs at least one node in 'nodes': the kernel "
		    "(set_mempolicy) rejects an empty node mask, and runc "
		    "refuses it (\"memory policy mode requires at least one "
		    "node but got 0\"), so runc, crun and youki fail", m.s);
	else if (!none && (doc_is(ctx->doc, mode, "MPOL_DEFAULT") ||
	    doc_is(ctx->doc, mode, "MPOL_LOCAL")))
		check_report(ctx, OC_AT_VALUE, nodes,
		    "/linux/memoryPolicy/nodes must be "
		    "empty with mode %s: the kernel (set_mempolicy) rejects "
		    "a node mask for it, and runc refuses it (\"memory policy "
		    "mode requires 0 nodes\"), so runc, crun and youki fail",
		    m.s);
	for (i = 0; flags != NULL && i < doc_count(flags); i++) {
		const struct oc_node *f = doc_at(ctx->doc, flags, i);

		if (doc_is(ctx->doc, f, "MPOL_F_STATIC_NODES"))
			stat = f;
		else if (doc_is(ctx->doc, f, "MPOL_F_RELATIVE_NODES"))
			rel = f;
		else if (doc_is(ctx->doc, f, "MPOL_F_NUMA_BALANCING"))
			bal = f;
	}
	if (stat != NULL && rel != NULL)
		check_report(ctx, OC_AT_VALUE, doc_index(ctx->doc, stat) >
		    doc_index(ctx->doc, rel) ? stat : rel,
		    "/linux/memoryPolicy/flags has both "
		    "MPOL_F_STATIC_NODES and MPOL_F_RELATIVE_NODES: the "
		    "kernel (set_mempolicy) rejects the pair and youki refuses "
		    "it (\"Mutually exclusive flags\"), so runc, crun and "
		    "youki fail");
	if (bal != NULL && mode != NULL &&
	    !doc_is(ctx->doc, mode, "MPOL_BIND") &&
	    !doc_is(ctx->doc, mode, "MPOL_PREFERRED_MANY"))
		check_report(ctx, OC_AT_VALUE, bal,
		    "/linux/memoryPolicy/flags has "
		    "MPOL_F_NUMA_BALANCING with mode %s: the kernel "
		    "(set_mempolicy) accepts it only with MPOL_BIND and "
		    "MPOL_PREFERRED_MANY, so runc, crun and youki fail", m.s);
	buf_free(&m);
}

/* An SELinux context, user:role:type with an optional MLS level
 * (s0, s0:c1,c2, s0-s0:c0.c1023). */
static int
selinux_context(const char *s, size_t n)
{
	size_t i, field = 0, flen = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ':' && field < 3) {
			if (flen == 0)
				return 0;
			field++;
			flen = 0;
			continue;
		}
		if (!isalnum(c) && c != '_' && c != '.' && c != '-' &&
		    (field < 3 || (c != ':' && c != ',')))
			return 0;
		flen++;
	}
	return field >= 2 && flen > 0;
}

/* OCI2509 */
void
check_mount_label(struct oc_check_ctx *ctx)
{
	const struct oc_node *v = lx_get(ctx->doc, lx_linux(ctx),
	    "mountLabel", OC_STRING);
	struct oc_buf shown = { 0 };
	size_t len;
	const char *s = doc_str(ctx->doc, v, &len);

	/* "" means no label, as runc and crun read it. */
	if (s == NULL || len == 0 || selinux_context(s, len))
		return;
	check_report(ctx, OC_AT_VALUE, v,
	    "/linux/mountLabel %s is not an SELinux context "
	    "(user:role:type, optionally :level, such as "
	    "\"system_u:object_r:container_file_t:s0:c1,c2\"): on an SELinux "
	    "host the runtime's context= mount option fails (EINVAL)",
	    lx_show(ctx->doc, v, &shown));
	buf_free(&shown);
}
