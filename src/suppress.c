/*
 * Suppression. An ignore: entry and an inline annotation say the same
 * thing (this rule, in these inputs, under this pointer, for this reason),
 * so both are a struct oc_matcher and one matcher decides.
 */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "ocicheck/suggest.h"
#include "ocicheck/suppress.h"

/* Is pointer p the node at prefix[0..n) or under it? "/a" takes "/a" and
 * "/a/b", never "/ab". */
static int
pointer_under(const char *p, const char *prefix, size_t n)
{
	return n == 0 || (strncmp(p, prefix, n) == 0 &&
	    (p[n] == '\0' || p[n] == '/'));
}

int
suppress_match(const struct oc_matcher *m, const struct oc_finding *f,
    const char *path)
{
	return !m->off && m->rule == f->rule &&
	    (m->glob == NULL || (path != NULL &&
	    path_glob_match(m->glob, path))) &&
	    pointer_under(f->pointer, m->pointer, m->plen);
}

void
suppress_apply(struct oc_finding *v, size_t from, size_t to,
    struct oc_matcher *m, size_t nm, const char *path)
{
	size_t i, k;

	/* indices, not v + from: v is NULL while there are no findings */
	for (i = from; i < to; i++) {
		if (v[i].suppressed)
			continue;
		for (k = 0; k < nm; k++) {
			if (!suppress_match(&m[k], &v[i], path))
				continue;
			v[i].suppressed = m[k].kind;
			v[i].justification = xstrndup(m[k].why, m[k].wlen);
			m[k].used++;
			break;
		}
	}
}

/* The rule and the reason of a suppression annotation, or NULL after an
 * OCI0032 finding: a typo in the rule or a missing reason must not
 * silently suppress nothing, or something without saying why. */
static const struct oc_rule *
annotation_rule(struct oc_findings *out, const struct oc_doc *doc,
    const struct oc_node *a, const char *id, size_t idlen, size_t rlen)
{
	const struct oc_rule *r;
	size_t klen;
	const char *key = doc_key_text(doc, a, &klen), *near;
	struct oc_buf shown = { 0 }, name = { 0 };
	char *s = xstrndup(id, idlen);

	r = catalog_find(s);
	buf_add_display(&shown, key, klen, 128);
	buf_add_display(&name, id, idlen, 64);
	if (r == NULL) {
		near = idlen > 0 ? catalog_nearest(s) : NULL;
		findings_add_node(out, OC_R_OCI0032, -1, doc, a, OC_AT_KEY,
		    "suppression annotation '%s': '%s' names no rule, so it "
		    "suppresses nothing%s%s%s", shown.s, name.s, near ?
		    "; did you mean '" : " (see ocicheck --list-rules)",
		    near ? near : "", near ? "'?" : "");
	} else if (rlen == 0)
		findings_add_node(out, OC_R_OCI0032, -1, doc, a, OC_AT_KEY,
		    "suppression annotation '%s' gives no reason, so it "
		    "suppresses nothing: write \"[<pointer>: ]<reason>\"",
		    shown.s);
	buf_free(&shown);
	buf_free(&name);
	free(s);
	return r != NULL && rlen > 0 ? r : NULL;
}

/* Is the word s[0..n) "want" or a misspelling of it? */
static int
near_word(const char *s, size_t n, const char *want)
{
	size_t wl = strlen(want);

	return n + 2 >= wl && n <= wl + 2 && text_distance(s, n, want, wl) <=
	    (wl > 6 ? 2 : 1);
}

/*
 * A key that looks like a suppression but is not one: "ocicheck.ignore.X"
 * without the domain, "com.example.ocichek.ignore.X", ".ocicheck.ignores.X",
 * "ocicheck-ignore/X". Such a key suppresses nothing, so it is an OCI0032
 * naming the key it should be. The words are separated by any of ./-_
 * and must both be near ("ocicheck", "ignore"), so that no real key of a
 * config is taken for one.
 */
static void
lookalike(struct oc_findings *out, const struct oc_doc *doc,
    const struct oc_node *a, const char *key, size_t klen)
{
	static const char seps[] = "./-_";
	size_t i = 0, w1, l1, w2, l2;
	struct oc_buf shown = { 0 }, want = { 0 };

	for (;;) {
		w1 = i;
		while (i < klen && strchr(seps, key[i]) == NULL)
			i++;
		l1 = i - w1;
		if (i >= klen)
			return;
		w2 = ++i;
		while (i < klen && strchr(seps, key[i]) == NULL)
			i++;
		l2 = i - w2;
		if (near_word(key + w1, l1, "ocicheck") &&
		    (near_word(key + w2, l2, "ignore") ||
		    near_word(key + w2, l2, "ignores")) && i < klen)
			break;
		i = w2;
	}
	buf_add_display(&shown, key, klen, 128);
	if (w1 > 1)
		buf_add_display(&want, key, w1 - 1, 64);
	else
		buf_adds(&want, "com.example");
	buf_adds(&want, ".ocicheck.ignore.");
	buf_add_display(&want, key + i + 1, klen - i - 1, 64);
	findings_add_node(out, OC_R_OCI0032, -1, doc, a, OC_AT_KEY,
	    "annotation '%s' looks like a suppression but is not one, so it "
	    "suppresses nothing: write '%s'%s", shown.s, want.s, w1 > 1 ? "" :
	    " (a domain of yours before .ocicheck.ignore.)");
	buf_free(&shown);
	buf_free(&want);
}

/* One matcher per rule the annotation a (key[0..klen), value
 * val[0..vlen)) names after the mark at id. */
static void
annotation(const struct oc_doc *doc, const struct oc_node *a,
    const char *key, size_t klen, const char *id, const char *val,
    size_t vlen, struct oc_findings *out, struct oc_matcher **m, size_t *n)
{
	const char *sep, *why, *comma;
	size_t plen = 0, wlen, ilen = klen - (size_t)(id - key);
	const struct oc_rule *r;

	sep = vlen > 0 && val[0] == '/' ? memmem(val, vlen, ": ", 2) : NULL;
	if (sep != NULL)
		plen = (size_t)(sep - val);
	why = sep ? sep + 2 : val;
	wlen = vlen - (size_t)(why - val);
	/* blank is no reason; the justification is kept as written */
	while (wlen > 0 && (*why == ' ' || *why == '\t'))
		why++, wlen--;
	/* a comma list names several rules */
	for (;;) {
		comma = memchr(id, ',', ilen);
		r = annotation_rule(out, doc, a, id, comma ?
		    (size_t)(comma - id) : ilen, wlen);
		if (r != NULL) {
			*m = xrealloc(*m, (*n + 1) * sizeof(**m));
			(*m)[*n] = (struct oc_matcher){ .rule = r,
			    .pointer = val, .plen = plen,
			    .why = sep ? sep + 2 : val,
			    .wlen = sep ? vlen - plen - 2 : vlen,
			    .kind = OC_SUPPRESS_INLINE };
			(*n)++;
		}
		if (comma == NULL || (r == NULL && wlen == 0))
			break;
		ilen -= (size_t)(comma + 1 - id);
		id = comma + 1;
	}
}

size_t
suppress_annotations(const struct oc_doc *doc, const struct oc_node *root,
    struct oc_findings *out, struct oc_matcher **m)
{
	static const char mark[] = ".ocicheck.ignore.";
	const struct oc_node *ann = doc_get(doc, root, "annotations");
	size_t i, n = 0;

	*m = NULL;
	if (ann == NULL || doc_kind(ann) != OC_OBJECT)
		return 0;
	for (i = 0; i < doc_count(ann); i++) {
		const struct oc_node *a = doc_at(doc, ann, i);
		size_t klen, vlen;
		const char *key = doc_key_text(doc, a, &klen), *val, *hit;

		hit = memmem(key, klen, mark, sizeof(mark) - 1);
		val = doc_str(doc, a, &vlen);
		if (val == NULL)
			continue;
		if (hit == NULL || hit == key)
			lookalike(out, doc, a, key, klen);
		else
			annotation(doc, a, key, klen, hit + sizeof(mark) - 1,
			    val, vlen, out, m, &n);
	}
	return n;
}
