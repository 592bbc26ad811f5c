/*
 * contract derive, the rendered *.kubeblocks.io objects against the CRD
 * schema of each KubeBlocks release the chart claims (DRV008). The API
 * server prunes a field its release's schema lacks when Helm applies the
 * chart (Helm leaves field validation at its default), and `kubectl apply
 * --validate=strict` refuses the object; a wrong type, an enum value the
 * schema does not list or a missing required field is refused either
 * way. The schemas are scripts/kb-schema.txt, compiled into kb_schema.inc
 * by scripts/gen-kb-schema: derive never reads CRDs at run time.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "derive_int.h"

enum kb_type {
	KB_T_ANY, KB_T_OBJECT, KB_T_ARRAY, KB_T_STRING, KB_T_INTEGER,
	KB_T_NUMBER, KB_T_BOOLEAN, KB_T_INTSTR,
};

#define KB_REQ 1u	/* the parent's required list names it */
#define KB_DFLT 2u	/* the CRD defaults it: never missing */
#define KB_KEEP 4u	/* x-kubernetes-preserve-unknown-fields */
#define KB_ANY 8u	/* additionalProperties: true */

/* One field of one schema, for the releases in rel: a field whose
 * attributes differ between releases has one entry per variant, next to
 * each other. The entries of an object's members, its items ("[]") or
 * its map values ("{}") are kids .. kids + nkids - 1, sorted by name;
 * every variant of a field has the same kids. */
struct kb_field {
	uint32_t name;		/* offsets into kb_pool, 0 for none */
	uint32_t rel;
	uint8_t type;
	uint8_t flags;
	uint32_t kids, nkids;
	uint32_t enumv;		/* "a\nb\n" */
	uint32_t format, pattern;	/* vendored, not judged */
};

struct kb_kind {
	const char *group, *version, *kind;
	uint32_t rel;
	uint32_t kids, nkids;
};

#include "kb_schema.inc"

#define KB_NAME(f) (kb_pool + (f)->name)
#define KB_STR(off) ((off) != 0 ? kb_pool + (off) : NULL)

size_t
derive_schema_nreleases(void)
{
	return KB_NRELEASES;
}

const char *
derive_schema_release(size_t i)
{
	return i < KB_NRELEASES ? kb_release_names[i] : NULL;
}

void
dv_releases_text(unsigned mask, struct oc_buf *b)
{
	size_t i, j, n = 0;

	for (i = 0; i < KB_NRELEASES; i = j) {
		if (!(mask & (1u << i))) {
			j = i + 1;
			continue;
		}
		for (j = i; j + 1 < KB_NRELEASES && (mask & (1u << (j + 1)));
		    j++)
			;
		buf_printf(b, "%s%s", n++ ? ", " : "", kb_release_names[i]);
		if (j > i && j + 1 == KB_NRELEASES && i > 0)
			buf_printf(b, " and later");
		else if (j > i)
			buf_printf(b, " to %s", kb_release_names[j]);
		j++;
	}
}

/* One object being judged. */
struct walk {
	struct derive *d;
	const struct dinput *in;
	const char *kind;
	struct oc_buf path;	/* ".spec.roles[]", for messages */
	unsigned *done;		/* (entry << 2 | what) reported already */
	size_t ndone;
};

/* Once per object, field and kind of finding: a field used in every
 * role of a definition is one fact. */
static int
once(struct walk *w, size_t entry, unsigned what)
{
	unsigned key = (unsigned)entry << 2 | what;
	size_t i;

	for (i = 0; i < w->ndone; i++)
		if (w->done[i] == key)
			return 0;
	w->done = xrealloc(w->done, (w->ndone + 1) * sizeof(*w->done));
	w->done[w->ndone++] = key;
	return 1;
}

/* "which ... claims", the clause saying why a release is judged;
 * allocated. */
static char *
claim_text(const struct derive *d)
{
	return d->platform_given ? xstrdup("which --platform names") :
	    d->claim != NULL ? xasprintf("which %s claims", d->claim) :
	    xstrdup("which derive judges when the chart claims none");
}

/*
 * The severity of a fault that holds on the releases of holds: the rule's
 * (-1) when the releases judged are the chart's claim or --platform's, or
 * the fault holds on every release the table knows. Otherwise derive
 * judged its default release, which need not be the chart's (helm
 * template prints no Chart.yaml), and the finding is info: DRV004 says
 * which release that was and how to name the chart's.
 */
static int
release_sev(const struct walk *w, unsigned holds)
{
	const unsigned all = (1u << KB_NRELEASES) - 1;

	return w->d->platform_given || w->d->claim != NULL ||
	    (holds & all) == all ? -1 : OC_SEV_INFO;
}

static char *
mask_text(unsigned mask)
{
	struct oc_buf b = { 0 };

	dv_releases_text(mask, &b);
	return buf_steal(&b);
}

/* The run of entries [*a, *b) of kids named name (len bytes). */
static void
kids_find(uint32_t kids, uint32_t nkids, const char *name, size_t len,
    size_t *a, size_t *b)
{
	size_t lo = kids, hi = (size_t)kids + nkids;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(KB_NAME(&kb_fields[mid]), name, len);

		if (c == 0 && KB_NAME(&kb_fields[mid])[len] != '\0')
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*a = *b = lo;
	while (*b < (size_t)kids + nkids &&
	    strncmp(KB_NAME(&kb_fields[*b]), name, len) == 0 &&
	    KB_NAME(&kb_fields[*b])[len] == '\0')
		(*b)++;
}

static size_t
edit_distance(const char *s, size_t n, const char *t)
{
	size_t m = strlen(t), i, j, row[64], prev, cur;

	if (n >= 63 || m >= 63)
		return 99;
	for (j = 0; j <= m; j++)
		row[j] = j;
	for (i = 1; i <= n; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= m; j++) {
			int same = (s[i - 1] | 0x20) == (t[j - 1] | 0x20);

			cur = row[j];
			row[j] = prev + !same;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (cur + 1 < row[j])
				row[j] = cur + 1;
			prev = cur;
		}
	}
	return row[m];
}

/* The member of kids nearest to name, or NULL when none is near. */
static const char *
nearest(uint32_t kids, uint32_t nkids, const char *name, size_t len)
{
	const char *best = NULL;
	size_t i, dist, best_d = len / 3 + 1;

	if (best_d > 3)
		best_d = 3;
	for (i = kids; i < (size_t)kids + nkids; i++) {
		const char *k = KB_NAME(&kb_fields[i]);

		if (k[0] == '[' || k[0] == '{')
			continue;
		dist = edit_distance(name, len, k);
		if (dist <= best_d && (best == NULL || dist < best_d)) {
			best = k;
			best_d = dist;
		}
	}
	return best;
}

/* DRV002 judges these by what they cost (an account without a
 * password), which is more than their being pruned. */
static int
owned(const struct walk *w, const char *name, size_t len)
{
	static const char tail[] = ".spec.systemAccounts[]";
	size_t pl = w->path.len, tl = strlen(tail);

	return strcmp(w->kind, "ComponentDefinition") == 0 && pl == tl &&
	    memcmp(w->path.s, tail, tl) == 0 &&
	    ((len == 24 && memcmp(name, "passwordGenerationPolicy", 24) == 0) ||
	    (len == 14 && memcmp(name, "passwordConfig", 14) == 0));
}

static void
report_unknown(struct walk *w, const struct oc_node *m, const char *name,
    size_t len, uint32_t kids, uint32_t nkids, unsigned lack, unsigned have,
    size_t entry)
{
	const char *near;
	char *l, *h, *c;

	if (owned(w, name, len) || (have != 0 && !once(w, entry, 0)))
		return;
	l = mask_text(lack);
	if (have == 0) {
		near = nearest(kids, nkids, name, len);
		dv_report(w->d, w->in, OC_R_DRV008, m, 1, "%s has no field "
		    "'%.*s' at %s in any KubeBlocks release derive knows (%s "
		    "judged): the API server drops it and `kubectl apply "
		    "--validate=strict` refuses the object%s%s%s", w->kind,
		    (int)len, name, w->path.len ? w->path.s : "the top", l,
		    near ? "; did you mean '" : "", near ? near : "",
		    near ? "'?" : "");
		free(l);
		return;
	}
	h = mask_text(have);
	c = claim_text(w->d);
	dv_report_sev(w->d, w->in, OC_R_DRV008, release_sev(w, ~have), m, 1,
	    "'%.*s' (%s in %s) is in the "
	    "CRD schema of KubeBlocks %s, not of %s, %s: there "
	    "the API server drops it (Helm's default field validation) and "
	    "`kubectl apply --validate=strict` refuses the object", (int)len,
	    name, w->path.len ? w->path.s : ".", w->kind, h, l, c);
	free(l);
	free(h);
	free(c);
}

static int
integral(const struct dinput *in, const struct oc_node *n)
{
	char *s = dv_scalar(in, n), *end;
	double v = strtod(s, &end);
	int ok = end != s && *end == '\0' && isfinite(v) && v == floor(v);

	free(s);
	return ok;
}

/* YAML 1.1 booleans: Helm's YAML reader takes a plain yes or off as a
 * boolean, which the loader here keeps as a string. */
static int
yaml11_bool(const struct dinput *in, const struct oc_node *n)
{
	static const char *const words[] = { "y", "Y", "yes", "Yes", "YES",
		"n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
		"OFF" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (doc_is(in->doc, n, words[i]))
			return 1;
	return 0;
}

static int
type_ok(const struct dinput *in, unsigned t, const struct oc_node *n)
{
	enum oc_kind k = doc_kind(n);

	switch (t) {
	case KB_T_OBJECT:
		return k == OC_OBJECT;
	case KB_T_ARRAY:
		return k == OC_ARRAY;
	case KB_T_STRING:
		return k == OC_STRING;
	case KB_T_INTEGER:
		return k == OC_NUMBER && integral(in, n);
	case KB_T_NUMBER:
		return k == OC_NUMBER;
	case KB_T_BOOLEAN:
		return k == OC_BOOL || (k == OC_STRING && yaml11_bool(in, n));
	case KB_T_INTSTR:
		return k == OC_STRING || (k == OC_NUMBER && integral(in, n));
	}
	return 1;
}

static int
in_enum(const struct dinput *in, const char *e, const struct oc_node *n)
{
	size_t len;
	const char *s = doc_text(in->doc, n, &len), *nl;

	for (; (nl = strchr(e, '\n')) != NULL; e = nl + 1)
		if ((size_t)(nl - e) == len && memcmp(e, s, len) == 0)
			return 1;
	return 0;
}

static const char *const type_names[] = { "anything", "an object",
	"a list", "a string", "an integer", "a number", "a boolean",
	"an integer or a string" };

static void
report_value(struct walk *w, const struct kb_field *f,
    const struct oc_node *n, unsigned bad, unsigned holds, int is_enum)
{
	int sev = release_sev(w, holds);
	char *r;

	if (!once(w, (size_t)(f - kb_fields), is_enum ? 1 : 2))
		return;
	r = mask_text(bad);
	if (is_enum) {
		struct oc_buf e = { 0 };
		const char *p, *nl;
		size_t len;
		const char *v = doc_text(w->in->doc, n, &len);

		for (p = KB_STR(f->enumv); (nl = strchr(p, '\n')) != NULL; p = nl + 1)
			buf_printf(&e, "%s%.*s", e.len ? ", " : "", (int)(nl - p),
			    p);
		dv_report_sev(w->d, w->in, OC_R_DRV008, sev, n, 0,
		    "%s (in %s) is '%.*s', "
		    "which the CRD schema of KubeBlocks %s does not allow (one "
		    "of %s): the API server refuses the object", w->path.s,
		    w->kind, (int)(len > 64 ? 64 : len), v, r, e.s);
		buf_free(&e);
	} else
		dv_report_sev(w->d, w->in, OC_R_DRV008, sev, n, 0,
		    "%s (in %s) is %s %s, "
		    "but the CRD schema of KubeBlocks %s wants %s: the API "
		    "server refuses the object", w->path.s, w->kind,
		    doc_kind(n) == OC_OBJECT || doc_kind(n) == OC_ARRAY ? "an" :
		    "a", doc_kind_name(doc_kind(n)), r, type_names[f->type]);
	free(r);
}

static void walk_members(struct walk *w, uint32_t kids, uint32_t nkids,
    const struct oc_node *obj, unsigned rel);

/* A value against the variants v[0 .. nv-1] of its field, for rel. */
static void
walk_value(struct walk *w, const struct kb_field *v, size_t nv,
    const struct oc_node *n, unsigned rel)
{
	unsigned bad = 0, badenum = 0, open = 0, on;
	unsigned badall = 0, badenumall = 0;	/* on every release */
	size_t i, a, b, mark = w->path.len;
	const struct kb_field *fb = NULL, *fe = NULL;

	if (doc_kind(n) == OC_NULL)
		return;		/* pruned before validation */
	for (i = 0; i < nv; i++) {
		if (!(on = v[i].rel & rel))
			continue;
		if (v[i].flags & (KB_KEEP | KB_ANY) || v[i].type == KB_T_ANY)
			open |= on;
		if (!type_ok(w->in, v[i].type, n)) {
			bad |= on;
			badall |= v[i].rel;
			fb = &v[i];
		} else if (v[i].enumv != 0 && doc_kind(n) == OC_STRING &&
		    !in_enum(w->in, KB_STR(v[i].enumv), n)) {
			badenum |= on;
			badenumall |= v[i].rel;
			fe = &v[i];
		}
	}
	if (fb != NULL)
		report_value(w, fb, n, bad, badall, 0);
	if (fe != NULL)
		report_value(w, fe, n, badenum, badenumall, 1);
	rel &= ~bad & ~open;
	if (rel == 0 || v[0].nkids == 0)
		return;
	if (doc_kind(n) == OC_ARRAY || doc_kind(n) == OC_OBJECT)
		kids_find(v[0].kids, v[0].nkids, doc_kind(n) == OC_ARRAY ?
		    "[]" : "{}", 2, &a, &b);
	else
		return;
	if (doc_kind(n) == OC_OBJECT && a == b) {
		walk_members(w, v[0].kids, v[0].nkids, n, rel);
		return;
	}
	buf_printf(&w->path, "%s", doc_kind(n) == OC_ARRAY ? "[]" : "{}");
	for (i = 0; a < b && i < doc_count(n); i++)
		walk_value(w, &kb_fields[a], b - a, doc_at(w->in->doc, n, i),
		    rel);
	w->path.len = mark;
	w->path.s[mark] = '\0';
}

/* Required members obj lacks on a release of rel (a defaulted one is
 * filled in by the API server). */
static void
walk_required(struct walk *w, uint32_t kids, uint32_t nkids,
    const struct oc_node *obj, unsigned rel)
{
	size_t i;

	for (i = kids; i < (size_t)kids + nkids; i++) {
		const struct kb_field *f = &kb_fields[i];
		unsigned miss = f->rel & rel;
		char *r;

		if (!(f->flags & KB_REQ) || (f->flags & KB_DFLT) || miss == 0 ||
		    doc_get(w->in->doc, obj, KB_NAME(f)) != NULL ||
		    !once(w, i, 3))
			continue;
		r = mask_text(miss);
		dv_report_sev(w->d, w->in, OC_R_DRV008, release_sev(w, f->rel),
		    obj, 1, "%s (in %s) lacks "
		    "'%s', which the CRD schema of KubeBlocks %s requires: the "
		    "API server refuses the object", w->path.len ? w->path.s :
		    "the object", w->kind, KB_NAME(f), r);
		free(r);
	}
}

static void
walk_members(struct walk *w, uint32_t kids, uint32_t nkids,
    const struct oc_node *obj, unsigned rel)
{
	size_t i, j, a, b, len, mark = w->path.len;

	for (i = 0; i < doc_count(obj); i++) {
		const struct oc_node *m = doc_at(w->in->doc, obj, i);
		const char *key = doc_key_text(w->in->doc, m, &len);
		unsigned have = 0;

		if (key == NULL)
			continue;
		if (len > 0 && (key[0] == '[' || key[0] == '{'))
			a = b = kids;	/* not a member name */
		else
			kids_find(kids, nkids, key, len, &a, &b);
		for (j = a; j < b; j++)
			have |= kb_fields[j].rel;
		if (rel & ~have)
			report_unknown(w, m, key, len, kids, nkids, rel & ~have,
			    have, a);
		if (!(rel & have))
			continue;
		buf_printf(&w->path, ".%.*s", (int)len, key);
		walk_value(w, &kb_fields[a], b - a, m, rel & have);
		w->path.len = mark;
		w->path.s[mark] = '\0';
	}
	walk_required(w, kids, nkids, obj, rel);
}

/* The kind rows of group/version/kind (NULL when the group is none of
 * the table's: another project's CRD); *served the releases serving it,
 * *other those serving the kind in another version. */
static const struct kb_kind *
kind_find(const char *group, size_t glen, const char *version,
    const char *kind, unsigned *served, unsigned *other, int *known_group)
{
	const struct kb_kind *hit = NULL;
	size_t i;

	*served = *other = 0;
	*known_group = 0;
	for (i = 0; i < ARRAY_SIZE(kb_kinds); i++) {
		const struct kb_kind *k = &kb_kinds[i];

		if (strlen(k->group) != glen || memcmp(k->group, group, glen))
			continue;
		*known_group = 1;
		if (strcmp(k->kind, kind) != 0)
			continue;
		if (strcmp(k->version, version) == 0) {
			hit = k;
			*served |= k->rel;
		} else
			*other |= k->rel;
	}
	return hit;
}

static void
walk_object(struct derive *d, const struct dinput *in,
    const struct oc_node *root)
{
	char *api = dv_str(in, root, "apiVersion"), *kind = dv_str(in, root,
	    "kind"), *slash, *r;
	const struct oc_node *kn = dv_get(in, root, "kind");
	const struct kb_kind *k;
	struct walk w = { d, in, NULL, { 0 }, NULL, 0 };
	unsigned served, other, rel = d->schema;
	size_t glen;
	int known;

	if (api == NULL || kind == NULL || (slash = strchr(api, '/')) == NULL)
		goto out;
	glen = (size_t)(slash - api);
	if (glen < 14 || memcmp(slash - 14, ".kubeblocks.io", 14) != 0)
		goto out;
	k = kind_find(api, glen, slash + 1, kind, &served, &other, &known);
	if (!known)
		goto out;
	if (rel & ~served) {
		char *c = claim_text(d);

		r = mask_text(rel & ~served);
		dv_report(d, in, OC_R_DRV008, kn, 0, "KubeBlocks %s serves no %s "
		    "in %s%s, %s: the API server refuses the object (no matches "
		    "for kind)", r, kind, api, other & rel & ~served ?
		    " (other versions of it only)" : "", c);
		free(r);
		free(c);
	}
	if (k == NULL || (rel &= served) == 0)
		goto out;
	w.kind = k->kind;
	buf_printf(&w.path, "%s", "");
	walk_members(&w, k->kids, k->nkids, root, rel);
out:
	buf_free(&w.path);
	free(w.done);
	free(api);
	free(kind);
}

static void
walk_root(struct derive *d, const struct dinput *in,
    const struct oc_node *root)
{
	const struct oc_node *items;
	size_t i;

	if (dv_is(in, dv_get(in, root, "kind"), "List")) {
		items = dv_get_kind(in, root, "items", OC_ARRAY);
		for (i = 0; i < dv_count(items); i++)
			walk_object(d, in, doc_at(in->doc, items, i));
		return;
	}
	walk_object(d, in, root);
}

void
derive_schema(struct derive *d)
{
	size_t i, r;

	for (i = 0; i < d->nin; i++)
		for (r = 0; r < d->in[i].doc->nroots; r++)
			walk_root(d, &d->in[i], doc_root(d->in[i].doc, r));
}
