/* Unit tests for src/doc.c: the positioned document model, built through
 * the builder API over texts whose offsets the tests choose. */
#include "ocicheck_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "ocicheck/doc.h"

#define MAX_DUPS 16

/* What the duplicate-key callback saw. */
struct dups {
	size_t n;
	const struct oc_node *first[MAX_DUPS];
	const struct oc_node *again[MAX_DUPS];
	const struct oc_doc *doc;
};

static void
record_dup(void *ctx, const struct oc_doc *doc, const struct oc_node *first,
    const struct oc_node *again)
{
	struct dups *d = ctx;

	assert_true(d->n < MAX_DUPS);
	d->doc = doc;
	d->first[d->n] = first;
	d->again[d->n] = again;
	d->n++;
}

/* Offset of the first occurrence of needle in s; it must be there. */
static size_t
off_of(const char *s, const char *needle)
{
	const char *p = strstr(s, needle);

	assert_non_null(p);
	return (size_t)(p - s);
}

/* A member "name" whose quoted key starts at offset q. */
static void
key_at(struct oc_doc *doc, size_t q, size_t len)
{
	doc_key(doc, q, q + len + 2, doc->src->data + q + 1, len,
	    OC_TEXT_SOURCE);
}

static uint32_t
num_at(struct oc_doc *doc, size_t start, size_t len)
{
	return doc_scalar(doc, OC_NUMBER, start, start + len,
	    doc->src->data + start, len, OC_TEXT_SOURCE);
}

/* A string whose opening quote is at q; text without the quotes. */
static uint32_t
str_at(struct oc_doc *doc, size_t q, size_t len)
{
	return doc_scalar(doc, OC_STRING, q, q + len + 2,
	    doc->src->data + q + 1, len, OC_TEXT_SOURCE);
}

static void
assert_text(const struct oc_doc *doc, const struct oc_node *n,
    const char *want)
{
	size_t len;
	const char *t;

	assert_non_null(n);
	t = doc_text(doc, n, &len);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(t, want, len);
}

static void
assert_key(const struct oc_doc *doc, const struct oc_node *n,
    const char *want)
{
	size_t len;
	const char *t = doc_key_text(doc, n, &len);

	assert_non_null(t);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(t, want, len);
}

static void
assert_pointer(const struct oc_doc *doc, const struct oc_node *n,
    const char *want)
{
	struct oc_buf b = { 0 };

	doc_pointer(doc, n, &b);
	assert_non_null(b.s);
	assert_string_equal(b.s, want);
	buf_free(&b);
}

static void
assert_pointer_next(const struct oc_doc *doc, const char *want)
{
	struct oc_buf b = { 0 };

	doc_pointer_next(doc, &b);
	assert_non_null(b.s);
	assert_string_equal(b.s, want);
	buf_free(&b);
}

static void
assert_span(struct oc_span sp, uint32_t l1, uint32_t c1, uint32_t l2,
    uint32_t c2)
{
	assert_int_equal(sp.start.line, l1);
	assert_int_equal(sp.start.col, c1);
	assert_int_equal(sp.end.line, l2);
	assert_int_equal(sp.end.col, c2);
}

static const char small_text[] = "{\"a\": 1, \"b\": {\"c\": \"x\"}}";

/* {"a": 1, "b": {"c": "x"}} */
static struct oc_doc *
build_small(struct oc_source *src)
{
	struct oc_doc *doc = doc_new(src);

	doc_open(doc, OC_OBJECT, 0);
	key_at(doc, 1, 1);
	num_at(doc, 6, 1);
	key_at(doc, 9, 1);
	doc_open(doc, OC_OBJECT, 14);
	key_at(doc, 15, 1);
	str_at(doc, 20, 1);
	doc_close(doc, 24, NULL, NULL);
	doc_close(doc, 25, NULL, NULL);
	assert_int_equal(doc_depth(doc), 0);
	return doc;
}

static void
test_doc_free_null(void **state)
{
	(void)state;
	doc_free(NULL);
}

static void
test_doc_small_object_get(void **state)
{
	struct oc_source *src = source_from_mem("m", small_text,
	    sizeof(small_text) - 1);
	struct oc_doc *doc = build_small(src);
	const struct oc_node *root = doc_root(doc, 0), *a, *b, *c;

	(void)state;
	assert_non_null(root);
	assert_null(doc_root(doc, 1));
	assert_int_equal(doc_kind(root), OC_OBJECT);
	assert_int_equal(doc_count(root), 2);
	assert_int_equal(root->start, 0);
	assert_int_equal(root->end, 25);
	assert_null(doc_parent(doc, root));
	assert_null(doc_key_text(doc, root, &(size_t){ 1 }));

	a = doc_get(doc, root, "a");
	assert_true(a == doc_at(doc, root, 0));
	assert_int_equal(doc_kind(a), OC_NUMBER);
	assert_text(doc, a, "1");
	assert_key(doc, a, "a");
	assert_int_equal(a->start, 6);
	assert_int_equal(a->end, 7);
	assert_int_equal(a->key_start, 1);
	assert_int_equal(a->key_end, 4);
	assert_true(doc_parent(doc, a) == root);

	b = doc_get(doc, root, "b");
	assert_true(b == doc_at(doc, root, 1));
	assert_int_equal(doc_kind(b), OC_OBJECT);
	assert_int_equal(doc_count(b), 1);
	assert_int_equal(b->start, 14);
	assert_int_equal(b->end, 24);
	c = doc_get(doc, b, "c");
	assert_non_null(c);
	assert_true(doc_parent(doc, c) == b);
	assert_int_equal(doc_kind(c), OC_STRING);
	assert_text(doc, c, "x");
	assert_true(doc_is(doc, c, "x"));
	assert_false(doc_is(doc, c, "xy"));
	assert_true(doc_is(doc, a, "1"));
	assert_false(doc_is(doc, b, ""));

	assert_null(doc_get(doc, root, "missing"));
	assert_null(doc_get(doc, root, "c"));	/* not a member of root */
	assert_null(doc_get(doc, root, ""));
	assert_null(doc_get(doc, a, "a"));	/* not an object */
	assert_null(doc_get(doc, NULL, "a"));
	assert_true(doc_getn(doc, root, "ab", 1) == a);
	assert_null(doc_getn(doc, root, "ab", 2));
	assert_null(doc_at(doc, root, 2));
	assert_null(doc_at(doc, a, 0));
	assert_int_equal(doc_count(a), 0);
	doc_free(doc);
	source_free(src);
}

/* A flat object of n members "k0": 0, "k1": 1, ...; dup, when set, makes
 * member dup_at repeat the name of member 0. */
struct big {
	struct oc_source *src;
	struct oc_doc *doc;
	size_t n;
	size_t *key_off;	/* quote of each key */
};

static void
build_big(struct big *g, size_t n, size_t dup_at, struct dups *dups)
{
	struct oc_buf b = { 0 };
	size_t *val_off = xcalloc(n, sizeof(*val_off)), i;

	g->n = n;
	g->key_off = xcalloc(n, sizeof(*g->key_off));
	buf_adds(&b, "{\n");
	for (i = 0; i < n; i++) {
		buf_adds(&b, "  ");
		g->key_off[i] = b.len;
		buf_printf(&b, "\"k%zu\": ", i == dup_at ? (size_t)0 : i);
		val_off[i] = b.len;
		buf_printf(&b, "%zu%s\n", i, i + 1 < n ? "," : "");
	}
	buf_adds(&b, "}\n");
	g->src = source_from_mem("big", b.s, b.len);
	g->doc = doc_new(g->src);
	doc_open(g->doc, OC_OBJECT, 0);
	for (i = 0; i < n; i++) {
		size_t q = g->key_off[i];
		const char *k = b.s + q + 1;
		size_t klen = (size_t)(strchr(k, '"') - k);
		size_t vlen = strspn(b.s + val_off[i], "0123456789");

		key_at(g->doc, q, klen);
		num_at(g->doc, val_off[i], vlen);
	}
	doc_close(g->doc, b.len - 2, record_dup, dups);
	free(val_off);
	buf_free(&b);
}

static void
big_free(struct big *g)
{
	doc_free(g->doc);
	source_free(g->src);
	free(g->key_off);
}

static void
check_big_lookups(size_t n)
{
	struct dups d = { 0 };
	struct big g;
	const struct oc_node *root;
	char key[32];
	size_t i;

	build_big(&g, n, SIZE_MAX, &d);
	root = doc_root(g.doc, 0);
	assert_int_equal(doc_count(root), n);
	assert_int_equal(d.n, 0);
	for (i = 0; i < n; i++) {
		const struct oc_node *m;

		snprintf(key, sizeof(key), "k%zu", i);
		m = doc_get(g.doc, root, key);
		assert_non_null(m);
		assert_true(m == doc_at(g.doc, root, i));
		assert_int_equal(m->key_start, g.key_off[i]);
		snprintf(key, sizeof(key), "%zu", i);
		assert_text(g.doc, m, key);
	}
	snprintf(key, sizeof(key), "k%zu", n);
	assert_null(doc_get(g.doc, root, key));
	assert_null(doc_get(g.doc, root, "k"));
	assert_null(doc_get(g.doc, root, ""));
	assert_null(doc_get(g.doc, root, "K1"));
	assert_null(doc_getn(g.doc, root, "k1\0", 3));
	big_free(&g);
}

static void
test_doc_object_of_eight_members(void **state)
{
	(void)state;
	check_big_lookups(8);	/* the largest object that is scanned */
}

static void
test_doc_large_object_get(void **state)
{
	(void)state;
	check_big_lookups(9);	/* the smallest hashed object */
	check_big_lookups(20);
	check_big_lookups(1000);
}

static void
test_doc_duplicate_key_small_object(void **state)
{
	static const char text[] = "{\"a\": 1, \"b\": 2, \"a\": 3}";
	struct oc_source *src = source_from_mem("m", text, sizeof(text) - 1);
	struct oc_doc *doc = doc_new(src);
	struct dups d = { 0 };
	const struct oc_node *root, *a;

	(void)state;
	doc_open(doc, OC_OBJECT, 0);
	key_at(doc, 1, 1);
	num_at(doc, 6, 1);
	key_at(doc, 9, 1);
	num_at(doc, 14, 1);
	key_at(doc, 17, 1);
	num_at(doc, 22, 1);
	doc_close(doc, 24, record_dup, &d);
	root = doc_root(doc, 0);
	assert_int_equal(doc_count(root), 3);
	assert_int_equal(d.n, 1);
	assert_true(d.doc == doc);
	assert_true(d.first[0] == doc_at(doc, root, 0));
	assert_true(d.again[0] == doc_at(doc, root, 2));
	a = doc_get(doc, root, "a");
	assert_true(a == doc_at(doc, root, 2));
	assert_text(doc, a, "3");
	assert_int_equal(a->key_start, 17);
	assert_text(doc, doc_get(doc, root, "b"), "2");
	doc_free(doc);
	source_free(src);
}

/* Three members of the same name: every repeat is reported against the
 * first occurrence. */
static void
test_doc_triple_key_small_object(void **state)
{
	static const char text[] = "{\"a\": 1, \"a\": 2, \"a\": 3}";
	struct oc_source *src = source_from_mem("m", text, sizeof(text) - 1);
	struct oc_doc *doc = doc_new(src);
	struct dups d = { 0 };
	const struct oc_node *root;

	(void)state;
	doc_open(doc, OC_OBJECT, 0);
	key_at(doc, 1, 1);
	num_at(doc, 6, 1);
	key_at(doc, 9, 1);
	num_at(doc, 14, 1);
	key_at(doc, 17, 1);
	num_at(doc, 22, 1);
	doc_close(doc, 24, record_dup, &d);
	root = doc_root(doc, 0);
	assert_int_equal(d.n, 2);
	assert_true(d.first[0] == doc_at(doc, root, 0));
	assert_true(d.again[0] == doc_at(doc, root, 1));
	assert_true(d.first[1] == doc_at(doc, root, 0));
	assert_true(d.again[1] == doc_at(doc, root, 2));
	assert_text(doc, doc_get(doc, root, "a"), "3");
	doc_free(doc);
	source_free(src);
}

static void
test_doc_duplicate_key_large_object(void **state)
{
	struct dups d = { 0 };
	struct big g;
	const struct oc_node *root, *m;

	(void)state;
	build_big(&g, 12, 7, &d);	/* member 7 is named "k0" too */
	root = doc_root(g.doc, 0);
	assert_int_equal(doc_count(root), 12);
	assert_int_equal(d.n, 1);
	assert_true(d.doc == g.doc);
	assert_true(d.first[0] == doc_at(g.doc, root, 0));
	assert_true(d.again[0] == doc_at(g.doc, root, 7));
	m = doc_get(g.doc, root, "k0");
	assert_true(m == doc_at(g.doc, root, 7));	/* the last one */
	assert_text(g.doc, m, "7");
	assert_null(doc_get(g.doc, root, "k7"));
	assert_text(g.doc, doc_get(g.doc, root, "k8"), "8");
	big_free(&g);
}

/* Owned by a test, freed by teardown even when an assertion fails. */
struct owned {
	struct oc_buf text;
	struct oc_source *src;
	struct oc_doc *doc;
};

static int
setup_owned(void **state)
{
	*state = xcalloc(1, sizeof(struct owned));
	return 0;
}

static int
teardown_owned(void **state)
{
	struct owned *o = *state;

	doc_free(o->doc);
	source_free(o->src);
	buf_free(&o->text);
	free(o);
	return 0;
}

/* The same as test_doc_triple_key_small_object on a hashed object: the
 * callback's first argument must be the first occurrence there too. */
static void
test_doc_triple_key_large_object(void **state)
{
	struct owned *o = *state;
	struct oc_buf *b = &o->text;
	struct dups d = { 0 };
	const struct oc_node *root;
	size_t i, q[10];

	/* {"a":0,"x1":1,...,"a":5,...,"a":9} with 10 members */
	buf_addc(b, '{');
	for (i = 0; i < 10; i++) {
		q[i] = b->len;
		if (i == 0 || i == 5 || i == 9)
			buf_printf(b, "\"a\":%zu,", i);
		else
			buf_printf(b, "\"x%zu\":%zu,", i, i);
	}
	b->s[b->len - 1] = '}';
	o->src = source_from_mem("m", b->s, b->len);
	o->doc = doc_new(o->src);
	doc_open(o->doc, OC_OBJECT, 0);
	for (i = 0; i < 10; i++) {
		size_t klen = i == 0 || i == 5 || i == 9 ? 1 : 2;

		key_at(o->doc, q[i], klen);
		num_at(o->doc, q[i] + klen + 3, 1);
	}
	doc_close(o->doc, b->len, record_dup, &d);
	root = doc_root(o->doc, 0);
	assert_int_equal(doc_count(root), 10);
	assert_text(o->doc, doc_get(o->doc, root, "a"), "9");
	assert_true(doc_get(o->doc, root, "a") == doc_at(o->doc, root, 9));
	assert_int_equal(d.n, 2);
	assert_true(d.again[0] == doc_at(o->doc, root, 5));
	assert_true(d.again[1] == doc_at(o->doc, root, 9));
	assert_true(d.first[0] == doc_at(o->doc, root, 0));
	/* Not the previous occurrence (member 5). */
	assert_true(d.first[1] == doc_at(o->doc, root, 0));
}

static void
test_doc_index_small_array(void **state)
{
	/* [1, [2, 3], 4] */
	static const char text[] = "[1, [2, 3], 4]";
	struct oc_source *src = source_from_mem("m", text, sizeof(text) - 1);
	struct oc_doc *doc = doc_new(src);
	const struct oc_node *root, *inner;

	(void)state;
	doc_open(doc, OC_ARRAY, 0);
	num_at(doc, 1, 1);
	doc_open(doc, OC_ARRAY, 4);
	num_at(doc, 5, 1);
	num_at(doc, 8, 1);
	doc_close(doc, 10, NULL, NULL);
	num_at(doc, 12, 1);
	doc_close(doc, 14, NULL, NULL);
	root = doc_root(doc, 0);
	assert_int_equal(doc_kind(root), OC_ARRAY);
	assert_int_equal(doc_count(root), 3);
	assert_int_equal(doc_index(doc, root), 0);
	assert_int_equal(doc_index(doc, doc_at(doc, root, 0)), 0);
	assert_int_equal(doc_index(doc, doc_at(doc, root, 1)), 1);
	assert_int_equal(doc_index(doc, doc_at(doc, root, 2)), 2);
	inner = doc_at(doc, root, 1);
	assert_int_equal(doc_count(inner), 2);
	assert_int_equal(doc_index(doc, doc_at(doc, inner, 1)), 1);
	assert_text(doc, doc_at(doc, inner, 1), "3");
	assert_text(doc, doc_at(doc, root, 2), "4");
	assert_null(doc_key_text(doc, doc_at(doc, root, 0), &(size_t){ 0 }));
	assert_pointer(doc, doc_at(doc, inner, 0), "/1/0");
	assert_pointer(doc, doc_at(doc, root, 2), "/2");
	doc_free(doc);
	source_free(src);
}

/* 3000 elements, every third one a nested array, so the element node
 * indexes are not consecutive. */
static void
test_doc_index_large_array(void **state)
{
	struct oc_source *src = source_from_mem("m", "[]", 2);
	struct oc_doc *doc = doc_new(src);
	const struct oc_node *root;
	struct oc_buf b = { 0 };
	size_t i;

	(void)state;
	doc_open(doc, OC_ARRAY, 0);
	for (i = 0; i < 3000; i++) {
		if (i % 3 == 0) {
			doc_open(doc, OC_ARRAY, 1);
			doc_scalar(doc, OC_NULL, 1, 1, "null", 4,
			    OC_TEXT_COPY);
			doc_scalar(doc, OC_NULL, 1, 1, "null", 4,
			    OC_TEXT_COPY);
			doc_close(doc, 1, NULL, NULL);
		} else {
			doc_scalar(doc, OC_BOOL, 1, 1, "true", 4,
			    OC_TEXT_COPY);
		}
	}
	doc_close(doc, 2, NULL, NULL);
	root = doc_root(doc, 0);
	assert_int_equal(doc_count(root), 3000);
	for (i = 0; i < 3000; i++) {
		const struct oc_node *e = doc_at(doc, root, i);

		assert_int_equal(doc_index(doc, e), i);
		assert_int_equal(doc_kind(e), i % 3 == 0 ? OC_ARRAY : OC_BOOL);
	}
	assert_int_equal(doc_index(doc, doc_at(doc, doc_at(doc, root, 2997),
	    1)), 1);
	doc_pointer(doc, doc_at(doc, doc_at(doc, root, 2997), 1), &b);
	assert_string_equal(b.s, "/2997/1");
	buf_free(&b);
	doc_free(doc);
	source_free(src);
}

static void
test_doc_pointer_escaping(void **state)
{
	/* {"x": [0, {"a/b~c": true}], "": 1, "~1": 2} */
	static const char text[] =
	    "{\"x\": [0, {\"a/b~c\": true}], \"\": 1, \"~1\": 2}";
	struct oc_source *src = source_from_mem("m", text, sizeof(text) - 1);
	struct oc_doc *doc = doc_new(src);
	const struct oc_node *root, *x, *obj, *t;
	size_t q = off_of(text, "\"a/b~c\"");

	(void)state;
	doc_open(doc, OC_OBJECT, 0);
	key_at(doc, 1, 1);
	doc_open(doc, OC_ARRAY, 6);
	num_at(doc, 7, 1);
	doc_open(doc, OC_OBJECT, 10);
	key_at(doc, q, 5);
	doc_scalar(doc, OC_BOOL, q + 9, q + 13, text + q + 9, 4,
	    OC_TEXT_SOURCE);
	doc_close(doc, q + 14, NULL, NULL);
	doc_close(doc, q + 15, NULL, NULL);
	key_at(doc, off_of(text, "\"\""), 0);
	num_at(doc, off_of(text, "\"\"") + 4, 1);
	key_at(doc, off_of(text, "\"~1\""), 2);
	num_at(doc, off_of(text, "\"~1\"") + 6, 1);
	doc_close(doc, sizeof(text) - 1, NULL, NULL);

	root = doc_root(doc, 0);
	x = doc_get(doc, root, "x");
	obj = doc_at(doc, x, 1);
	t = doc_get(doc, obj, "a/b~c");
	assert_non_null(t);
	assert_int_equal(doc_kind(t), OC_BOOL);
	assert_true(doc_bool(t));
	assert_pointer(doc, root, "");
	assert_pointer(doc, x, "/x");
	assert_pointer(doc, doc_at(doc, x, 0), "/x/0");
	assert_pointer(doc, obj, "/x/1");
	assert_pointer(doc, t, "/x/1/a~1b~0c");
	assert_pointer(doc, doc_get(doc, root, ""), "/");
	assert_pointer(doc, doc_get(doc, root, "~1"), "/~01");
	doc_free(doc);
	source_free(src);
}

static void
test_doc_pointer_appends(void **state)
{
	struct oc_source *src = source_from_mem("m", small_text,
	    sizeof(small_text) - 1);
	struct oc_doc *doc = build_small(src);
	const struct oc_node *c;
	struct oc_buf b = { 0 };

	(void)state;
	c = doc_get(doc, doc_get(doc, doc_root(doc, 0), "b"), "c");
	buf_adds(&b, "at ");
	doc_pointer(doc, c, &b);
	assert_string_equal(b.s, "at /b/c");
	buf_free(&b);
	doc_pointer_token(&b, "p/q~", 4);
	doc_pointer_token(&b, "", 0);
	assert_string_equal(b.s, "/p~1q~0/");
	buf_free(&b);
	doc_free(doc);
	source_free(src);
}

/* Keys and strings handed over as decoded copies live in the pool. */
static void
test_doc_pool_text(void **state)
{
	static const char text[] = "{\"a\\/b\": \"\\u00e9\"}";
	struct oc_source *src = source_from_mem("m", text, sizeof(text) - 1);
	struct oc_doc *doc = doc_new(src);
	const struct oc_node *root, *v;
	char *dup;

	(void)state;
	doc_open(doc, OC_OBJECT, 0);
	doc_key(doc, 1, 7, "a/b", 3, OC_TEXT_COPY);
	assert_pointer_next(doc, "/a~1b");
	doc_scalar(doc, OC_STRING, 9, 17, "\xc3\xa9", 2, OC_TEXT_COPY);
	doc_close(doc, 18, NULL, NULL);
	root = doc_root(doc, 0);
	v = doc_get(doc, root, "a/b");
	assert_non_null(v);
	assert_key(doc, v, "a/b");
	assert_text(doc, v, "\xc3\xa9");
	assert_pointer(doc, v, "/a~1b");
	assert_null(doc_get(doc, root, "a\\/b"));
	dup = doc_strdup(doc, v);
	assert_string_equal(dup, "\xc3\xa9");
	free(dup);
	doc_free(doc);
	source_free(src);
}

static void
test_doc_pointer_next(void **state)
{
	/* {"a/b": [10, 20], "c~": {}} */
	static const char text[] = "{\"a/b\": [10, 20], \"c~\": {}}";
	struct oc_source *src = source_from_mem("m", text, sizeof(text) - 1);
	struct oc_doc *doc = doc_new(src);

	(void)state;
	assert_pointer_next(doc, "");	/* nothing open: a root */
	assert_null(doc_innermost(doc));
	doc_open(doc, OC_OBJECT, 0);
	assert_pointer_next(doc, "");	/* no key yet */
	key_at(doc, 1, 3);
	assert_pointer_next(doc, "/a~1b");
	doc_open(doc, OC_ARRAY, 8);
	assert_true(doc_innermost(doc) == &doc->nodes[1]);
	assert_pointer_next(doc, "/a~1b/0");
	num_at(doc, 9, 2);
	assert_pointer_next(doc, "/a~1b/1");
	num_at(doc, 13, 2);
	assert_pointer_next(doc, "/a~1b/2");
	doc_close(doc, 16, NULL, NULL);
	assert_pointer_next(doc, "");	/* the key was used up */
	key_at(doc, 18, 2);
	assert_pointer_next(doc, "/c~0");
	doc_open(doc, OC_OBJECT, 24);
	assert_int_equal(doc_depth(doc), 2);
	assert_pointer_next(doc, "/c~0");
	doc_close(doc, 26, NULL, NULL);
	doc_close(doc, 27, NULL, NULL);
	assert_int_equal(doc_depth(doc), 0);
	assert_pointer_next(doc, "");
	assert_int_equal(doc_count(doc_root(doc, 0)), 2);
	doc_free(doc);
	source_free(src);
}

/* A: {"x": [1, "s"]} copied as the value of b (a YAML alias). */
static void
test_doc_copy_subtree(void **state)
{
	static const char text[] = "{\"a\": {\"x\": [1, \"s\"]}, \"b\": *A}";
	struct oc_source *src = source_from_mem("m", text, sizeof(text) - 1);
	struct oc_doc *doc = doc_new(src);
	const struct oc_node *root, *a, *b, *bx, *ax;
	uint32_t anchor, copy;
	size_t alias = off_of(text, "*A");

	(void)state;
	doc_open(doc, OC_OBJECT, 0);
	key_at(doc, 1, 1);
	anchor = doc_open(doc, OC_OBJECT, 6);
	key_at(doc, 7, 1);
	doc_open(doc, OC_ARRAY, 12);
	num_at(doc, 13, 1);
	str_at(doc, 16, 1);
	doc_close(doc, 20, NULL, NULL);
	doc_close(doc, 21, NULL, NULL);
	key_at(doc, 23, 1);
	copy = doc_copy(doc, anchor, alias, alias + 2);
	doc_close(doc, sizeof(text) - 1, NULL, NULL);

	root = doc_root(doc, 0);
	assert_int_equal(doc_count(root), 2);
	a = doc_get(doc, root, "a");
	b = doc_get(doc, root, "b");
	assert_true(a == &doc->nodes[anchor]);
	assert_true(b == &doc->nodes[copy]);
	assert_true(a != b);
	assert_int_equal(doc_kind(b), OC_OBJECT);
	assert_key(doc, b, "b");
	assert_int_equal(b->start, alias);
	assert_int_equal(b->end, alias + 2);
	assert_int_equal(b->key_start, 23);
	assert_int_equal(doc_count(b), 1);
	ax = doc_get(doc, a, "x");
	bx = doc_get(doc, b, "x");
	assert_non_null(bx);
	assert_true(ax != bx);
	assert_true(doc_parent(doc, bx) == b);
	assert_key(doc, bx, "x");
	assert_int_equal(doc_kind(bx), OC_ARRAY);
	assert_int_equal(doc_count(bx), 2);
	/* Inner nodes keep the positions of the copied nodes. */
	assert_int_equal(bx->start, ax->start);
	assert_int_equal(bx->end, ax->end);
	assert_int_equal(bx->key_start, ax->key_start);
	assert_text(doc, doc_at(doc, bx, 0), "1");
	assert_text(doc, doc_at(doc, bx, 1), "s");
	assert_true(doc_at(doc, bx, 1) != doc_at(doc, ax, 1));
	assert_pointer(doc, b, "/b");
	assert_pointer(doc, doc_at(doc, bx, 1), "/b/x/1");
	assert_pointer(doc, doc_at(doc, ax, 1), "/a/x/1");
	doc_free(doc);
	source_free(src);
}

/* Copying a hashed object gives a copy whose lookups work. */
static void
test_doc_copy_large_object(void **state)
{
	struct dups d = { 0 };
	struct big g;
	const struct oc_node *orig, *copy;
	uint32_t c;
	size_t i;
	char key[16], want[16];

	(void)state;
	build_big(&g, 30, SIZE_MAX, &d);
	orig = doc_root(g.doc, 0);
	c = doc_copy(g.doc, (uint32_t)(orig - g.doc->nodes), 0, 1);
	assert_int_equal(g.doc->nroots, 2);
	orig = doc_root(g.doc, 0);
	copy = doc_root(g.doc, 1);
	assert_true(copy == &g.doc->nodes[c]);
	assert_int_equal(doc_count(copy), 30);
	for (i = 0; i < 30; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		assert_true(doc_get(g.doc, copy, key) ==
		    doc_at(g.doc, copy, i));
		assert_true(doc_get(g.doc, copy, key) !=
		    doc_get(g.doc, orig, key));
		snprintf(want, sizeof(want), "/k%zu", i);
		assert_pointer(g.doc, doc_get(g.doc, copy, key), want);
	}
	assert_null(doc_get(g.doc, copy, "k30"));
	big_free(&g);
}

static void
test_doc_scalars(void **state)
{
	static const char text[] = "[true, false, null, -1.5e3, \"\"]";
	struct oc_source *src = source_from_mem("m", text, sizeof(text) - 1);
	struct oc_doc *doc = doc_new(src);
	const struct oc_node *r;

	(void)state;
	doc_open(doc, OC_ARRAY, 0);
	doc_scalar(doc, OC_BOOL, 1, 5, text + 1, 4, OC_TEXT_SOURCE);
	doc_scalar(doc, OC_BOOL, 7, 12, text + 7, 5, OC_TEXT_SOURCE);
	doc_scalar(doc, OC_NULL, 14, 18, text + 14, 4, OC_TEXT_SOURCE);
	num_at(doc, 20, 6);
	str_at(doc, 28, 0);
	doc_close(doc, 31, NULL, NULL);
	r = doc_root(doc, 0);
	assert_int_equal(doc_count(r), 5);
	assert_true(doc_bool(doc_at(doc, r, 0)));
	assert_false(doc_bool(doc_at(doc, r, 1)));
	assert_false(doc_bool(doc_at(doc, r, 2)));
	assert_text(doc, doc_at(doc, r, 0), "true");
	assert_text(doc, doc_at(doc, r, 1), "false");
	assert_text(doc, doc_at(doc, r, 2), "null");
	assert_text(doc, doc_at(doc, r, 3), "-1.5e3");
	assert_text(doc, doc_at(doc, r, 4), "");
	assert_text(doc, r, "");
	assert_int_equal(doc_kind(doc_at(doc, r, 2)), OC_NULL);
	assert_string_equal(doc_kind_name(OC_NULL), "null");
	assert_string_equal(doc_kind_name(OC_BOOL), "boolean");
	assert_string_equal(doc_kind_name(OC_NUMBER), "number");
	assert_string_equal(doc_kind_name(OC_STRING), "string");
	assert_string_equal(doc_kind_name(OC_ARRAY), "array");
	assert_string_equal(doc_kind_name(OC_OBJECT), "object");
	assert_false(doc_is(doc, doc_at(doc, r, 0), "true"));	/* not text */
	assert_true(doc_is(doc, doc_at(doc, r, 4), ""));
	assert_false(doc_is(doc, NULL, ""));
	doc_free(doc);
	source_free(src);
}

static void
test_doc_several_roots(void **state)
{
	static const char text[] = "1\n---\n[2]\n";
	struct oc_source *src = source_from_mem("m", text, sizeof(text) - 1);
	struct oc_doc *doc = doc_new(src);

	(void)state;
	num_at(doc, 0, 1);
	doc_open(doc, OC_ARRAY, 6);
	num_at(doc, 7, 1);
	doc_close(doc, 9, NULL, NULL);
	assert_int_equal(doc->nroots, 2);
	assert_text(doc, doc_root(doc, 0), "1");
	assert_int_equal(doc_kind(doc_root(doc, 1)), OC_ARRAY);
	assert_null(doc_root(doc, 2));
	assert_pointer(doc, doc_root(doc, 1), "");
	assert_pointer(doc, doc_at(doc, doc_root(doc, 1), 0), "/0");
	doc_free(doc);
	source_free(src);
}

static void
test_doc_span_and_key_span(void **state)
{
	/* Line 2 has an é before the key; line 3 a 4-byte emoji. */
	static const char text[] =
	    "{\n \xc3\xa9 \"k\": \"v\",\n \xf0\x9f\x98\x80 \"n\": [1,\n 2]\n}";
	struct oc_source *src = source_from_mem("m", text, sizeof(text) - 1);
	struct oc_doc *doc = doc_new(src);
	const struct oc_node *root, *k, *n;
	size_t kq = off_of(text, "\"k\""), vq = off_of(text, "\"v\"");
	size_t nq = off_of(text, "\"n\""), arr = off_of(text, "[1");

	(void)state;
	doc_open(doc, OC_OBJECT, 0);
	key_at(doc, kq, 1);
	str_at(doc, vq, 1);
	key_at(doc, nq, 1);
	doc_open(doc, OC_ARRAY, arr);
	num_at(doc, arr + 1, 1);
	num_at(doc, off_of(text, "2]"), 1);
	doc_close(doc, off_of(text, "2]") + 2, NULL, NULL);
	doc_close(doc, sizeof(text) - 1, NULL, NULL);
	root = doc_root(doc, 0);
	k = doc_get(doc, root, "k");
	n = doc_get(doc, root, "n");
	assert_span(doc_span(doc, root), 1, 1, 5, 2);
	assert_span(doc_key_span(doc, root), 1, 1, 5, 2);	/* no key */
	assert_span(doc_key_span(doc, k), 2, 4, 2, 7);
	assert_span(doc_span(doc, k), 2, 9, 2, 12);
	assert_span(doc_key_span(doc, n), 3, 4, 3, 7);
	assert_span(doc_span(doc, n), 3, 9, 4, 4);
	assert_span(doc_span(doc, doc_at(doc, n, 1)), 4, 2, 4, 3);
	assert_span(doc_key_span(doc, doc_at(doc, n, 1)), 4, 2, 4, 3);
	assert_int_equal(doc_span(doc, k).start.offset, vq);
	doc_free(doc);
	source_free(src);
}

/* "{}" as the first container: nothing was ever added, so the child and
 * scratch arrays are still unallocated when it closes. Run under
 * -fsanitize=undefined to see the pointer arithmetic on NULL. */
static void
test_doc_empty_first_containers(void **state)
{
	static const char text[] = "{}\n[]";
	struct oc_source *src = source_from_mem("m", text, sizeof(text) - 1);
	struct oc_doc *doc = doc_new(src);
	const struct oc_node *obj, *arr;

	(void)state;
	doc_open(doc, OC_OBJECT, 0);
	doc_close(doc, 2, record_dup, NULL);
	doc_open(doc, OC_ARRAY, 3);
	doc_close(doc, 5, NULL, NULL);
	obj = doc_root(doc, 0);
	arr = doc_root(doc, 1);
	assert_int_equal(doc_kind(obj), OC_OBJECT);
	assert_int_equal(doc_count(obj), 0);
	assert_null(doc_at(doc, obj, 0));
	assert_null(doc_get(doc, obj, ""));
	assert_int_equal(doc_kind(arr), OC_ARRAY);
	assert_int_equal(doc_count(arr), 0);
	assert_span(doc_span(doc, arr), 2, 1, 2, 3);
	assert_pointer(doc, arr, "");
	doc_free(doc);
	source_free(src);
}

/* A truncated input: {"a": [1 */
static void
test_doc_abandon_closes_everything(void **state)
{
	static const char text[] = "{\"a\": [1";
	struct oc_source *src = source_from_mem("m", text, sizeof(text) - 1);
	struct oc_doc *doc = doc_new(src);
	const struct oc_node *root, *a;

	(void)state;
	doc_open(doc, OC_OBJECT, 0);
	key_at(doc, 1, 1);
	doc_open(doc, OC_ARRAY, 6);
	num_at(doc, 7, 1);
	assert_int_equal(doc_depth(doc), 2);
	assert_int_equal(doc_kind(doc_innermost(doc)), OC_ARRAY);
	doc_abandon(doc, 8);
	assert_int_equal(doc_depth(doc), 0);
	assert_null(doc_innermost(doc));
	root = doc_root(doc, 0);
	assert_int_equal(root->end, 8);
	assert_int_equal(doc_count(root), 1);
	a = doc_get(doc, root, "a");
	assert_non_null(a);
	assert_int_equal(a->start, 6);
	assert_int_equal(a->end, 8);
	assert_int_equal(doc_count(a), 1);
	assert_text(doc, doc_at(doc, a, 0), "1");
	doc_abandon(doc, 8);	/* nothing open: no effect */
	assert_int_equal(doc_count(root), 1);
	doc_free(doc);
	source_free(src);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc_free_null),
		cmocka_unit_test(test_doc_small_object_get),
		cmocka_unit_test(test_doc_object_of_eight_members),
		cmocka_unit_test(test_doc_large_object_get),
		cmocka_unit_test(test_doc_duplicate_key_small_object),
		cmocka_unit_test(test_doc_triple_key_small_object),
		cmocka_unit_test(test_doc_duplicate_key_large_object),
		cmocka_unit_test_setup_teardown(
		    test_doc_triple_key_large_object,
		    setup_owned, teardown_owned),
		cmocka_unit_test(test_doc_index_small_array),
		cmocka_unit_test(test_doc_index_large_array),
		cmocka_unit_test(test_doc_pointer_escaping),
		cmocka_unit_test(test_doc_pointer_appends),
		cmocka_unit_test(test_doc_pool_text),
		cmocka_unit_test(test_doc_pointer_next),
		cmocka_unit_test(test_doc_copy_subtree),
		cmocka_unit_test(test_doc_copy_large_object),
		cmocka_unit_test(test_doc_scalars),
		cmocka_unit_test(test_doc_several_roots),
		cmocka_unit_test(test_doc_span_and_key_span),
		cmocka_unit_test(test_doc_empty_first_containers),
		cmocka_unit_test(test_doc_abandon_closes_everything),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
