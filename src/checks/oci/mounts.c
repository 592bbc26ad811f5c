/* config.md "Mounts", "Linux mount options" and "POSIX-platform Mounts",
 * and the Windows rule that mounts do not nest. */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "spec.h"
#include "cfg.h"

const struct oc_node *
cfg_mounts(const struct oc_check_ctx *ctx)
{
	const struct oc_node *m = doc_get(ctx->doc, ctx->root, "mounts");

	return m != NULL && doc_kind(m) == OC_ARRAY ? m : NULL;
}

/* The options the rules ask about most, as bits. */
static unsigned
mount_opt_bit(const char *s, size_t n)
{
	static const struct {
		const char *name;
		unsigned bit;
	} known[] = {
		{ "bind", CFG_MOPT_BIND },
		{ "rbind", CFG_MOPT_RBIND },
		{ "idmap", CFG_MOPT_IDMAP },
		{ "ridmap", CFG_MOPT_RIDMAP },
		{ "tmpcopyup", CFG_MOPT_TMPCOPYUP },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(known); i++)
		if (strlen(known[i].name) == n &&
		    memcmp(known[i].name, s, n) == 0)
			return known[i].bit;
	return 0;
}

static void
mount_fill(const struct oc_doc *doc, const struct oc_node *m,
    struct cfg_mount *out)
{
	size_t i, n = doc_count(m), len, k;

	out->node = m;
	if (doc_kind(m) != OC_OBJECT)
		return;
	/* One walk over the members; a later repeat overrides, as in
	 * doc_get(). */
	for (i = 0; i < n; i++) {
		const struct oc_node *v = doc_at(doc, m, i);
		const char *key = doc_key_text(doc, v, &len);

#define IS(lit) (len == sizeof(lit) - 1 && memcmp(key, lit, len) == 0)
		if (IS("destination"))
			out->destination = v;
		else if (IS("type"))
			out->type = v;
		else if (IS("source"))
			out->source = v;
		else if (IS("options"))
			out->options = v;
		else if (IS("uidMappings"))
			out->uid_mappings = v;
		else if (IS("gidMappings"))
			out->gid_mappings = v;
#undef IS
	}
	if (doc_kind(out->options) != OC_ARRAY) {
		out->options = NULL;
		return;
	}
	for (k = 0; k < doc_count(out->options); k++) {
		const struct oc_node *o = doc_at(doc, out->options, k);
		const char *s = doc_kind(o) == OC_STRING ?
		    doc_text(doc, o, &len) : NULL;

		if (s != NULL)
			out->opts |= mount_opt_bit(s, len);
	}
}

struct mount_table {
	struct cfg_mount *v;
	size_t n;
};

static void
mount_table_free(void *p)
{
	struct mount_table *t = p;

	free(t->v);
	free(t);
}

const struct cfg_mount *
cfg_mount_table(struct oc_check_ctx *ctx, size_t *n)
{
	struct oc_check_share *sh = &ctx->share[OC_SHARE_MOUNTS];
	const struct oc_node *list;
	struct mount_table *t;
	size_t i;

	if (sh->p == NULL) {
		list = cfg_mounts(ctx);
		t = xcalloc(1, sizeof(*t));
		t->n = cfg_count(list);
		t->v = t->n > 0 ? xcalloc(t->n, sizeof(*t->v)) : NULL;
		for (i = 0; i < t->n; i++)
			mount_fill(ctx->doc, doc_at(ctx->doc, list, i),
			    &t->v[i]);
		sh->p = t;
		sh->free_fn = mount_table_free;
	}
	t = sh->p;
	*n = t->n;
	return t->v;
}

const struct cfg_mount *
cfg_linux_mount_table(struct oc_check_ctx *ctx, size_t *n)
{
	if (!cfg_linux_guest(ctx)) {
		*n = 0;
		return NULL;
	}
	return cfg_mount_table(ctx, n);
}

const struct oc_node *
cfg_mount_option(const struct oc_doc *doc, const struct cfg_mount *m,
    const char *opt)
{
	size_t i, n = doc_count(m->options);

	for (i = 0; i < n; i++)
		if (doc_is(doc, doc_at(doc, m->options, i), opt))
			return doc_at(doc, m->options, i);
	return NULL;
}

size_t
cfg_path_clean(const char *s, size_t n, int windows, char *out)
{
	size_t i = 0, o = 0, start, len;

	if (windows) {
		for (i = 0; i < n; i++) {
			char c = s[i] == '/' ? '\\' : s[i];

			out[o++] = c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
		}
		while (o > 0 && out[o - 1] == '\\')
			o--;
		return o;
	}
	/* Go's filepath.Clean on "/" + s, which is how runc reads it. */
	while (i < n) {
		while (i < n && s[i] == '/')
			i++;
		start = i;
		while (i < n && s[i] != '/')
			i++;
		len = i - start;
		if (len == 0 || (len == 1 && s[start] == '.'))
			continue;
		if (len == 2 && s[start] == '.' && s[start + 1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			continue;
		}
		out[o++] = '/';
		memcpy(out + o, s + start, len);
		o += len;
	}
	return o;
}

void
check_mount_dest_absolute(struct oc_check_ctx *ctx)
{
	int win = cfg_windows_guest(ctx), lin = cfg_linux_guest(ctx);
	struct oc_buf shown = { 0 };
	size_t i, n, len;
	const struct cfg_mount *mt;

	/* Linux relaxed the MUST to a SHOULD in 1.2.0: that is OCI1202. */
	if (lin && ctx->version >= OC_V1_2_0)
		return;
	mt = cfg_mount_table(ctx, &n);
	for (i = 0; i < n; i++) {
		const struct oc_node *d = mt[i].destination;
		const char *s = doc_str(ctx->doc, d, &len);

		if (s == NULL || path_is_absolute(s, len, win))
			continue;
		shown.len = 0;
		doc_show(ctx->doc, d, &shown);
		if (win)
			check_report(ctx, OC_AT_VALUE, d,
			    "/mounts/%zu/destination must be "
			    "an absolute path such as \"C:\\\\data\" (got %s): "
			    "a Windows runtime has no directory to resolve it "
			    "against", i, shown.s);
		else if (lin)
			check_report(ctx, OC_AT_VALUE, d,
			    "/mounts/%zu/destination must "
			    "be an absolute path in runtime-spec %s (got %s); "
			    "1.2.0 made relative paths a deprecated SHOULD: "
			    "runc reads them relative to \"/\" with a warning, "
			    "crun refuses some", i,
			    oc_spec_version_names[ctx->version], shown.s);
		else
			check_report(ctx, OC_AT_VALUE, d,
			    "/mounts/%zu/destination must "
			    "be an absolute path on %s (got %s): the runtime "
			    "has no directory to resolve it against", i,
			    oc_platform_names[ctx->platform], shown.s);
	}
	buf_free(&shown);
}

void
check_mount_dest_relative(struct oc_check_ctx *ctx)
{
	struct oc_buf shown = { 0 };
	size_t i, n, len;
	const struct cfg_mount *mt;

	mt = cfg_linux_mount_table(ctx, &n);
	for (i = 0; i < n; i++) {
		const struct oc_node *d = mt[i].destination;
		const char *s = doc_str(ctx->doc, d, &len);

		/* "" is no path at all: OCI5104. */
		if (s == NULL || len == 0 || path_is_absolute(s, len, 0))
			continue;
		shown.len = 0;
		doc_show(ctx->doc, d, &shown);
		check_report(ctx, OC_AT_VALUE, d,
		    "/mounts/%zu/destination %s is relative: "
		    "deprecated since runtime-spec 1.2.0; runc reads it "
		    "relative to \"/\" and warns, crun refuses it for some "
		    "mount types; write it with a leading '/'", i, shown.s);
	}
	buf_free(&shown);
}

/* The mount tree. Destinations are cleaned, then sorted component by
 * component (the separator sorts first), so that every mount directly
 * follows its ancestors' subtrees: a stack of ancestors finds nesting in
 * O(n log n), whatever the input. */

struct dest {
	const char *p;		/* cleaned path */
	size_t len;
	size_t off;		/* into the pool, while it still grows */
	size_t index;		/* in /mounts */
	const struct oc_node *node;
};

static char tree_sep;

/* Byte order with the separator first; the first byte that differs
 * decides, so equal runs are skipped eight bytes at a time (mounts share
 * long prefixes such as /var/lib/kubelet/pods/). */
static int
cmp_dest(const void *pa, const void *pb)
{
	const struct dest *a = *(const struct dest *const *)pa;
	const struct dest *b = *(const struct dest *const *)pb;
	size_t i = 0, n = a->len < b->len ? a->len : b->len;

	for (; i + 8 <= n; i += 8) {
		uint64_t x, y;

		memcpy(&x, a->p + i, 8);
		memcpy(&y, b->p + i, 8);
		if (x != y)
			break;
	}
	while (i < n && a->p[i] == b->p[i])
		i++;
	if (i < n) {
		int ca = a->p[i] == tree_sep ? 0 : (unsigned char)a->p[i] + 1;
		int cb = b->p[i] == tree_sep ? 0 : (unsigned char)b->p[i] + 1;

		return ca - cb;
	}
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Is a an ancestor of b, or the same path? */
static int
covers(const struct dest *a, const struct dest *b, char sep)
{
	return a->len <= b->len && memcmp(a->p, b->p, a->len) == 0 &&
	    (a->len == b->len || b->p[a->len] == sep);
}

/* One path of the stack: its first entry, and the latest mount index
 * among it (cum: and among its ancestors). */
struct level {
	size_t first;
	long below, cum;
};

enum tree_mode { TREE_SHADOW, TREE_DUPLICATE, TREE_NESTED };

/* Do two option lists hold the same strings in the same order? */
static int
same_options(const struct oc_doc *doc, const struct cfg_mount *a,
    const struct cfg_mount *b)
{
	const struct oc_node *oa = a->options, *ob = b->options;
	size_t i, n = cfg_count(oa), la, lb;

	if (n != cfg_count(ob))
		return 0;
	for (i = 0; i < n; i++) {
		const char *sa = doc_str(doc, doc_at(doc, oa, i), &la);
		const char *sb = doc_str(doc, doc_at(doc, ob, i), &lb);

		if (sa == NULL || sb == NULL || la != lb || memcmp(sa, sb, la))
			return 0;
	}
	return 1;
}

/* Is the covered mount e redundant under the recursive bind cover, which
 * shows the same host directory at e's destination with the same
 * options? rancher-os binds /var/lib/rancher/conf, then all of
 * /var/lib/rancher: the container sees the same files either way. */
static int
redundant(const struct oc_check_ctx *ctx, const struct cfg_mount *mt,
    const struct dest *e, const struct dest *cover)
{
	const struct cfg_mount *me = &mt[e->index], *mc = &mt[cover->index];
	size_t le, lc, ce, cc;
	const char *se = doc_str(ctx->doc, me->source, &le);
	const char *sc = doc_str(ctx->doc, mc->source, &lc);
	char *be, *bc;
	int same;

	/* Options first: their counts differ in O(1), which keeps one
	 * cover with a huge option list from costing O(n) per mount. */
	if (se == NULL || sc == NULL || !(mc->opts & CFG_MOPT_RBIND) ||
	    !same_options(ctx->doc, me, mc))
		return 0;
	be = xmalloc(le + 2);
	bc = xmalloc(lc + 2);
	ce = cfg_path_clean(se, le, 0, be);
	cc = cfg_path_clean(sc, lc, 0, bc);
	/* source(e) == source(cover) + (dest(e) - dest(cover)) */
	same = ce == cc + (e->len - cover->len) && memcmp(be, bc, cc) == 0 &&
	    memcmp(be + cc, e->p + cover->len, e->len - cover->len) == 0;
	free(be);
	free(bc);
	return same;
}

static void
tree_report(struct oc_check_ctx *ctx, enum tree_mode mode,
    const struct dest *e, const struct dest *other, int same)
{
	struct oc_buf a = { 0 }, b = { 0 };

	doc_show(ctx->doc, e->node, &a);
	doc_show(ctx->doc, other->node, &b);
	if (mode == TREE_SHADOW)
		check_report(ctx, OC_AT_VALUE, e->node,
		    "/mounts/%zu/destination %s will "
		    "be covered by /mounts/%zu (%s), mounted later: runtimes "
		    "mount in the listed order, so this mount is hidden",
		    e->index, a.s, other->index, b.s);
	else if (mode == TREE_DUPLICATE)
		check_report(ctx, OC_AT_VALUE, e->node,
		    "/mounts/%zu/destination %s is "
		    "also the destination of /mounts/%zu: the later mount "
		    "hides the earlier one", e->index, a.s, other->index);
	else
		check_report(ctx, OC_AT_VALUE, e->node,
		    "/mounts/%zu/destination %s is %s "
		    "/mounts/%zu (%s): Windows mounts MUST NOT nest",
		    e->index, a.s, same ? "the same as" : "nested in",
		    other->index, b.s);
	buf_free(&a);
	buf_free(&b);
}

/* The destinations of /mounts, cleaned and sorted. */
struct tree {
	struct dest *v;		/* in /mounts order */
	struct dest **s;	/* sorted */
	struct dest **byindex;	/* by /mounts index; NULL when not in v */
	struct level *st;	/* mount_tree's stack, written before read */
	size_t k;
	struct oc_buf pool;
	int win;
};

static void
tree_free(void *p)
{
	struct tree *t = p;

	free(t->v);
	free(t->s);
	free(t->byindex);
	free(t->st);
	buf_free(&t->pool);
	free(t);
}

static struct tree *
tree_build(const struct oc_check_ctx *ctx, const struct cfg_mount *mt,
    size_t n, int win)
{
	struct tree *t = xcalloc(1, sizeof(*t));
	size_t i, len;

	t->win = win;
	t->v = xcalloc(n, sizeof(*t->v));
	t->s = xcalloc(n, sizeof(*t->s));
	for (i = 0; i < n; i++) {
		const struct oc_node *d = mt[i].destination;
		const char *s = doc_str(ctx->doc, d, &len);
		size_t off = t->pool.len;

		/* A relative Windows path is OCI1201's, and nests nowhere. */
		if (s == NULL || (win && !path_is_absolute(s, len, 1)))
			continue;
		/* Room for the clean, which adds at most one byte. */
		buf_add(&t->pool, s, len);
		buf_addc(&t->pool, '\0');
		t->pool.len = off + cfg_path_clean(s, len, win,
		    t->pool.s + off);
		t->v[t->k++] = (struct dest){ NULL, t->pool.len - off, off, i,
		    d };
	}
	t->byindex = xcalloc(n, sizeof(*t->byindex));
	t->st = xmalloc(n * sizeof(*t->st));
	for (i = 0; i < t->k; i++) {
		t->v[i].p = t->pool.s + t->v[i].off;
		t->s[i] = &t->v[i];
		t->byindex[t->v[i].index] = &t->v[i];
	}
	tree_sep = win ? '\\' : '/';
	/* pointers, not the records, move while sorting */
	qsort(t->s, t->k, sizeof(*t->s), cmp_dest);
	return t;
}

static void
mount_tree(struct oc_check_ctx *ctx, enum tree_mode mode)
{
	int win = mode == TREE_NESTED;
	struct oc_check_share *sh = &ctx->share[OC_SHARE_MOUNT_TREE];
	size_t i, top = 0, n;
	const struct cfg_mount *mt = cfg_mount_table(ctx, &n);
	struct dest **byindex, **v;
	struct level *st;
	struct tree *t;

	if (n == 0)
		return;
	/* OCI1203 and OCI1204 walk the same tree: build it once. */
	t = sh->p != NULL && ((struct tree *)sh->p)->win == win ?
	    sh->p : tree_build(ctx, mt, n, win);
	if (sh->p == NULL) {
		sh->p = t;
		sh->free_fn = tree_free;
	}
	tree_sep = win ? '\\' : '/';
	v = t->s;
	byindex = t->byindex;
	st = t->st;
	for (i = 0; i < t->k; i++) {
		const struct dest *e = v[i];
		long anc;

		while (top > 0 && !covers(v[st[top - 1].first], e, tree_sep))
			top--;
		if (top > 0 && v[st[top - 1].first]->len == e->len) {
			struct level *g = &st[top - 1];

			if (mode != TREE_SHADOW)
				tree_report(ctx, mode, e, v[g->first], 1);
			anc = g->below;
			g->cum = anc > (long)e->index ? anc : (long)e->index;
		} else {
			if (mode == TREE_NESTED && top > 0)
				tree_report(ctx, mode, e, v[st[top - 1].first],
				    0);
			anc = top > 0 ? st[top - 1].cum : -1;
			st[top++] = (struct level){ i, anc,
			    anc > (long)e->index ? anc : (long)e->index };
		}
		if (mode == TREE_SHADOW && anc > (long)e->index &&
		    !redundant(ctx, mt, e, byindex[anc]))
			tree_report(ctx, mode, e, byindex[anc], 0);
	}
	if (sh->p != t)
		tree_free(t);
}

void
check_mount_shadowed(struct oc_check_ctx *ctx)
{
	if (!cfg_windows_guest(ctx))
		mount_tree(ctx, TREE_SHADOW);
}

void
check_mount_duplicate(struct oc_check_ctx *ctx)
{
	if (!cfg_windows_guest(ctx))
		mount_tree(ctx, TREE_DUPLICATE);
}

void
check_windows_mount_nested(struct oc_check_ctx *ctx)
{
	if (cfg_windows_guest(ctx))
		mount_tree(ctx, TREE_NESTED);
}

void
check_mount_type_missing(struct oc_check_ctx *ctx)
{
	struct oc_buf shown = { 0 };
	size_t i, n, len;
	const struct cfg_mount *mt = cfg_linux_mount_table(ctx, &n);

	for (i = 0; i < n; i++) {
		const struct oc_node *m = mt[i].node, *t = mt[i].type;
		const char *s = doc_str(ctx->doc, t, &len);

		if (doc_kind(m) != OC_OBJECT || (t != NULL && s == NULL) ||
		    (s != NULL && len > 0 && !doc_is(ctx->doc, t, "none")) ||
		    (mt[i].opts & CFG_MOPT_ANY_BIND))
			continue;
		/* crun: "invalid mount type for `%s`" when type is NULL and
		 * the flags have no MS_BIND (src/libcrun/linux.c:2788 at
		 * ba38286f). The spec makes type OPTIONAL and systemd-nspawn
		 * binds such a mount, so a missing type is a warning (the
		 * row's severity); a type naming no filesystem is refused by
		 * runc and crun alike and stays an error. */
		if (t == NULL) {
			check_report(ctx, OC_AT_OPEN, m, "/mounts/%zu has no "
			    "type and is not a bind mount (no \"bind\" or "
			    "\"rbind\" option): type is OPTIONAL and "
			    "systemd-nspawn takes the mount as a bind, but crun "
			    "refuses it (\"invalid mount type for `...`\"), "
			    "the kernel rejects it under runc and gVisor skips "
			    "it", i);
			continue;
		}
		shown.len = 0;
		doc_show(ctx->doc, t, &shown);
		check_report_as(ctx, catalog_index(ctx->rule), OC_SEV_ERROR,
		    OC_AT_VALUE, t,
		    "/mounts/%zu/type %s names no filesystem, and the mount is "
		    "not a bind mount (no \"bind\" or \"rbind\" option): "
		    "mount(2) fails with ENODEV under runc and crun", i,
		    shown.s);
	}
	buf_free(&shown);
}

void
check_mount_idmap_pair(struct oc_check_ctx *ctx)
{
	size_t i, n;
	const struct cfg_mount *mt;

	if (cfg_windows_guest(ctx))
		return;
	mt = cfg_mount_table(ctx, &n);
	for (i = 0; i < n; i++) {
		const struct oc_node *u = mt[i].uid_mappings;
		const struct oc_node *g = mt[i].gid_mappings;

		if ((u == NULL) == (g == NULL))
			continue;
		check_report(ctx, OC_AT_KEY, u != NULL ? u : g,
		    "/mounts/%zu has %s "
		    "but no %s: the two MUST be given together, and runc "
		    "refuses an id-mapped mount with only one", i,
		    u != NULL ? "uidMappings" : "gidMappings",
		    u != NULL ? "gidMappings" : "uidMappings");
	}
}

/* Does linux.namespaces have a user entry, new or joined? */
static int
has_user_namespace(const struct oc_check_ctx *ctx)
{
	const struct oc_node *list = doc_path(ctx->doc, ctx->root, "linux",
	    "namespaces", NULL);
	size_t i, n = cfg_count(list);

	for (i = 0; i < n; i++)
		if (doc_is(ctx->doc, doc_get(ctx->doc,
		    doc_at(ctx->doc, list, i), "type"), "user"))
			return 1;
	return 0;
}

void
check_mount_idmap_no_mapping(struct oc_check_ctx *ctx)
{
	static const char *const opts[] = { "idmap", "ridmap" };
	size_t i, k, n;
	const struct cfg_mount *mt = cfg_linux_mount_table(ctx, &n);

	if (n == 0 || has_user_namespace(ctx))
		return;
	for (i = 0; i < n; i++) {
		if (mt[i].uid_mappings != NULL || mt[i].gid_mappings != NULL ||
		    !(mt[i].opts & (CFG_MOPT_IDMAP | CFG_MOPT_RIDMAP)))
			continue;
		for (k = 0; k < ARRAY_SIZE(opts); k++) {
			const struct oc_node *o = cfg_mount_option(ctx->doc,
			    &mt[i], opts[k]);

			if (o == NULL)
				continue;
			check_report(ctx, OC_AT_VALUE, o,
			    "/mounts/%zu/options/%zu \"%s\" "
			    "needs uidMappings and gidMappings on the mount or "
			    "a user namespace in /linux/namespaces: without "
			    "either the runtime MUST fail to create the "
			    "container", i, doc_index(ctx->doc, o), opts[k]);
		}
	}
}

void
check_mount_idmap_no_option(struct oc_check_ctx *ctx)
{
	size_t i, n;
	const struct cfg_mount *mt = cfg_linux_mount_table(ctx, &n);

	for (i = 0; i < n; i++) {
		const struct oc_node *u = mt[i].uid_mappings;

		if (doc_kind(u) != OC_ARRAY)
			u = mt[i].gid_mappings;
		if (doc_kind(u) != OC_ARRAY ||
		    (mt[i].opts & (CFG_MOPT_IDMAP | CFG_MOPT_RIDMAP)))
			continue;
		check_report(ctx, OC_AT_KEY, u,
		    "/mounts/%zu has id mappings but "
		    "neither an \"idmap\" nor an \"ridmap\" option: the option "
		    "SHOULD be there, so that a runtime that does not know the "
		    "mappings fails instead of mounting without them", i);
	}
}
