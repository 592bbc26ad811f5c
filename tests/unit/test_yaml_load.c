#include "ocicheck_test.h"

#include <stdlib.h>
#include <time.h>

#include "ocicheck/error.h"
#include "ocicheck/json_load.h"
#include "ocicheck/source.h"
#include "ocicheck/yaml_load.h"

struct loaded {
	struct oc_source *src;
	struct oc_doc *doc;
	struct oc_yaml_dups *dups;	/* yaml_load_dups() only */
};

static void
load_okn(struct loaded *ld, const char *text, size_t len)
{
	struct oc_error *err = NULL;

	ld->src = source_from_mem("t.yaml", text, len);
	ld->doc = NULL;
	ld->dups = NULL;
	if (yaml_load(ld->src, &ld->doc, &err) != 0) {
		print_error("unexpected error: %s\n", err->msg);
		oc_error_free(err);
		source_free(ld->src);
		fail();
	}
	assert_null(err);
	assert_non_null(ld->doc);
}

static void
load_ok(struct loaded *ld, const char *text)
{
	load_okn(ld, text, strlen(text));
}

/* yaml_load_dups(), which must succeed. */
static void
load_dupsn(struct loaded *ld, const char *text, size_t len)
{
	struct oc_error *err = NULL;

	ld->src = source_from_mem("t.yaml", text, len);
	ld->doc = NULL;
	ld->dups = NULL;
	if (yaml_load_dups(ld->src, &ld->doc, &ld->dups, &err) != 0) {
		print_error("unexpected error: %s\n", err->msg);
		oc_error_free(err);
		source_free(ld->src);
		fail();
	}
	assert_null(err);
	assert_non_null(ld->doc);
	assert_non_null(ld->dups);
}

static void
load_dups(struct loaded *ld, const char *text)
{
	load_dupsn(ld, text, strlen(text));
}

static void
loaded_free(struct loaded *ld)
{
	yaml_dups_free(ld->dups);
	doc_free(ld->doc);
	source_free(ld->src);
}

/* The error message of a load that must fail; caller frees. */
static char *
load_errn(const char *text, size_t len)
{
	struct oc_source *src = source_from_mem("t.yaml", text, len);
	struct oc_doc *doc = (struct oc_doc *)&doc;	/* must stay untouched */
	struct oc_error *err = NULL;
	char *msg;

	assert_int_equal(yaml_load(src, &doc, &err), -1);
	assert_ptr_equal(doc, (struct oc_doc *)&doc);
	assert_non_null(err);
	msg = xstrdup(err->msg);
	oc_error_free(err);
	source_free(src);
	return msg;
}

static char *
load_err(const char *text)
{
	return load_errn(text, strlen(text));
}

static void
assert_msg(char *msg, const char *want)
{
	if (strcmp(msg, want) != 0)
		print_error("got  '%s'\nwant '%s'\n", msg, want);
	assert_string_equal(msg, want);
	free(msg);
}

static void
assert_text(const struct oc_doc *doc, const struct oc_node *n,
    enum oc_kind kind, const char *want)
{
	size_t len;
	const char *t;

	assert_non_null(n);
	assert_int_equal(doc_kind(n), kind);
	t = doc_text(doc, n, &len);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(t, want, len);
}

static void
assert_pos(struct oc_pos p, unsigned line, unsigned col)
{
	assert_int_equal(p.line, line);
	assert_int_equal(p.col, col);
}

static void
test_positions(void **state)
{
	struct loaded ld;
	const struct oc_node *root, *b, *c, *s;
	struct oc_span sp;

	(void)state;
	load_ok(&ld, "a: 1\n"
	    "b:\n"
	    "  c: \"x y\"\n"
	    "  # comment\n"
	    "\n"
	    "s: [p, q]\n");
	root = doc_root(ld.doc, 0);
	assert_int_equal(doc_kind(root), OC_OBJECT);
	sp = doc_span(ld.doc, root);
	assert_pos(sp.start, 1, 1);

	sp = doc_key_span(ld.doc, doc_get(ld.doc, root, "a"));
	assert_pos(sp.start, 1, 1);
	assert_pos(sp.end, 1, 2);
	sp = doc_span(ld.doc, doc_get(ld.doc, root, "a"));
	assert_pos(sp.start, 1, 4);
	assert_pos(sp.end, 1, 5);

	b = doc_get(ld.doc, root, "b");
	sp = doc_key_span(ld.doc, b);
	assert_pos(sp.start, 2, 1);
	sp = doc_span(ld.doc, b);
	assert_pos(sp.start, 3, 3);
	/* A block mapping ends with its last value, not at the comment or
	 * blank line before the next key. */
	assert_pos(sp.end, 3, 11);

	c = doc_get(ld.doc, b, "c");
	sp = doc_key_span(ld.doc, c);
	assert_pos(sp.start, 3, 3);
	assert_pos(sp.end, 3, 4);
	sp = doc_span(ld.doc, c);
	assert_pos(sp.start, 3, 6);
	assert_pos(sp.end, 3, 11);
	assert_text(ld.doc, c, OC_STRING, "x y");

	s = doc_get(ld.doc, root, "s");
	sp = doc_span(ld.doc, s);
	assert_pos(sp.start, 6, 4);
	assert_pos(sp.end, 6, 10);
	sp = doc_span(ld.doc, doc_at(ld.doc, s, 1));
	assert_pos(sp.start, 6, 8);
	assert_int_equal(sp.start.offset, strlen("a: 1\nb:\n  c: \"x y\"\n"
	    "  # comment\n\ns: [p, "));
	loaded_free(&ld);
}

/* libyaml marks count code points; offsets must still be bytes. */
static void
test_multibyte_column(void **state)
{
	struct loaded ld;
	const char *text = "k\xc3\xa9: \"h\xc3\xa9llo\xe2\x82\xac\" # x\n"
	    "\xf0\x9f\x98\x80: [a, \xf0\x9f\x98\x80" "b, c]\n";
	const struct oc_node *root, *v, *seq;
	struct oc_span sp;

	(void)state;
	load_ok(&ld, text);
	root = doc_root(ld.doc, 0);
	v = doc_get(ld.doc, root, "k\xc3\xa9");
	assert_text(ld.doc, v, OC_STRING, "h\xc3\xa9llo\xe2\x82\xac");
	sp = doc_key_span(ld.doc, v);
	assert_int_equal(sp.start.offset, 0);
	assert_int_equal(sp.end.offset, 3);
	assert_pos(sp.end, 1, 3);
	sp = doc_span(ld.doc, v);
	assert_int_equal(sp.start.offset, 5);
	assert_int_equal(sp.end.offset, 16);
	assert_pos(sp.start, 1, 5);
	assert_pos(sp.end, 1, 13);

	seq = doc_get(ld.doc, root, "\xf0\x9f\x98\x80");
	assert_non_null(seq);
	sp = doc_key_span(ld.doc, seq);
	assert_int_equal(sp.start.offset, 21);
	assert_int_equal(sp.end.offset, 25);
	sp = doc_span(ld.doc, doc_at(ld.doc, seq, 1));
	assert_text(ld.doc, doc_at(ld.doc, seq, 1), OC_STRING,
	    "\xf0\x9f\x98\x80" "b");
	assert_int_equal(sp.start.offset, 31);
	assert_int_equal(sp.end.offset, 36);
	assert_pos(sp.start, 2, 8);
	sp = doc_span(ld.doc, doc_at(ld.doc, seq, 2));
	assert_int_equal(sp.start.offset, 38);
	assert_pos(sp.start, 2, 12);
	loaded_free(&ld);
}

/* An all-ASCII start is mapped without counting; the first multi-byte
 * character after it, and every mark past it, still count right. */
static void
test_ascii_prefix_then_multibyte(void **state)
{
	struct loaded ld;
	const char *text = "a: 1\nb: x\xc3\xa9y\nc: [p, q]\n";
	const struct oc_node *root, *c;
	struct oc_span sp;

	(void)state;
	load_ok(&ld, text);
	root = doc_root(ld.doc, 0);
	sp = doc_span(ld.doc, doc_get(ld.doc, root, "b"));
	assert_int_equal(sp.start.offset, 8);
	assert_int_equal(sp.end.offset, 12);
	assert_pos(sp.end, 2, 7);
	c = doc_get(ld.doc, root, "c");
	sp = doc_key_span(ld.doc, c);
	assert_int_equal(sp.start.offset, 13);
	assert_pos(sp.start, 3, 1);
	sp = doc_span(ld.doc, doc_at(ld.doc, c, 1));
	assert_int_equal(sp.start.offset, 20);
	assert_pos(sp.start, 3, 8);
	loaded_free(&ld);
}

/* Line breaks other than '\n' and a byte order mark must not shift
 * offsets. */
static void
test_bom_and_line_breaks(void **state)
{
	struct loaded ld;
	const char *text = "\xef\xbb\xbf" "a: 1\r\nb: x\ry: 2\n";
	const struct oc_node *root, *b;
	struct oc_span sp;

	(void)state;
	load_ok(&ld, text);
	root = doc_root(ld.doc, 0);
	sp = doc_key_span(ld.doc, doc_get(ld.doc, root, "a"));
	assert_int_equal(sp.start.offset, 3);
	b = doc_get(ld.doc, root, "b");
	sp = doc_key_span(ld.doc, b);
	assert_int_equal(sp.start.offset, 9);
	/* libyaml counts a lone CR as a line break, the source index does
	 * not: the offset is what must agree. */
	sp = doc_key_span(ld.doc, doc_get(ld.doc, root, "y"));
	assert_int_equal(sp.start.offset, 14);
	assert_text(ld.doc, b, OC_STRING, "x");
	loaded_free(&ld);
}

static void
test_scalar_typing(void **state)
{
	static const struct {
		const char *yaml;
		enum oc_kind kind;
		const char *text;
	} cases[] = {
		{ "~", OC_NULL, "null" },
		{ "null", OC_NULL, "null" },
		{ "Null", OC_NULL, "null" },
		{ "NULL", OC_NULL, "null" },
		{ "", OC_NULL, "null" },
		{ "nULL", OC_STRING, "nULL" },
		{ "true", OC_BOOL, "true" },
		{ "True", OC_BOOL, "true" },
		{ "TRUE", OC_BOOL, "true" },
		{ "false", OC_BOOL, "false" },
		{ "False", OC_BOOL, "false" },
		{ "FALSE", OC_BOOL, "false" },
		{ "yes", OC_STRING, "yes" },
		{ "on", OC_STRING, "on" },
		{ "tRUE", OC_STRING, "tRUE" },
		{ "0", OC_NUMBER, "0" },
		{ "-12", OC_NUMBER, "-12" },
		{ "+7", OC_NUMBER, "+7" },
		{ "0755", OC_NUMBER, "0755" },
		{ "0o17", OC_NUMBER, "0o17" },
		{ "0o18", OC_STRING, "0o18" },
		{ "0x1F", OC_NUMBER, "0x1F" },
		{ "0xg", OC_STRING, "0xg" },
		{ "-0x1F", OC_STRING, "-0x1F" },
		{ "1.5", OC_NUMBER, "1.5" },
		{ "-.5", OC_NUMBER, "-.5" },
		{ "1.", OC_NUMBER, "1." },
		{ "1e3", OC_NUMBER, "1e3" },
		{ "2.5E-3", OC_NUMBER, "2.5E-3" },
		{ ".inf", OC_NUMBER, ".inf" },
		{ "-.Inf", OC_NUMBER, "-.Inf" },
		{ "+.INF", OC_NUMBER, "+.INF" },
		{ ".nan", OC_NUMBER, ".nan" },
		{ ".NaN", OC_NUMBER, ".NaN" },
		{ "-.nan", OC_STRING, "-.nan" },
		{ ".", OC_STRING, "." },
		{ "1e", OC_STRING, "1e" },
		{ "e3", OC_STRING, "e3" },
		{ "1_000", OC_STRING, "1_000" },
		{ "\"1\"", OC_STRING, "1" },
		{ "'true'", OC_STRING, "true" },
		{ "\"null\"", OC_STRING, "null" },
		{ "''", OC_STRING, "" },
		{ "! 12", OC_STRING, "12" },
		{ "!!int \"12\"", OC_NUMBER, "12" },
		{ "!!float 3", OC_NUMBER, "3" },
		{ "!!bool 'false'", OC_BOOL, "false" },
		{ "!!null ''", OC_NULL, "null" },
		{ "|\n  12\n", OC_STRING, "12\n" },
		{ ">-\n  a\n  b\n", OC_STRING, "a b" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct loaded ld;
		char *text = xasprintf("v: %s", cases[i].yaml);

		load_ok(&ld, text);
		assert_text(ld.doc, doc_get(ld.doc, doc_root(ld.doc, 0), "v"),
		    cases[i].kind, cases[i].text);
		loaded_free(&ld);
		free(text);
	}
}

static void
test_nested(void **state)
{
	struct loaded ld;
	const struct oc_node *root, *proc, *args, *mounts, *m;

	(void)state;
	load_ok(&ld, "ociVersion: 1.0.2\n"
	    "process:\n"
	    "  terminal: false\n"
	    "  args:\n"
	    "  - sh\n"
	    "  - -c\n"
	    "mounts:\n"
	    "  - {destination: /proc, type: proc}\n"
	    "  - destination: /dev\n"
	    "    options: [nosuid, 'strictatime']\n");
	root = doc_root(ld.doc, 0);
	assert_null(doc_root(ld.doc, 1));
	assert_int_equal(doc_count(root), 3);
	assert_text(ld.doc, doc_get(ld.doc, root, "ociVersion"), OC_STRING,
	    "1.0.2");
	proc = doc_get(ld.doc, root, "process");
	assert_int_equal(doc_kind(proc), OC_OBJECT);
	assert_int_equal(doc_kind(doc_get(ld.doc, proc, "terminal")),
	    OC_BOOL);
	assert_false(doc_bool(doc_get(ld.doc, proc, "terminal")));
	args = doc_get(ld.doc, proc, "args");
	assert_int_equal(doc_kind(args), OC_ARRAY);
	assert_int_equal(doc_count(args), 2);
	assert_text(ld.doc, doc_at(ld.doc, args, 1), OC_STRING, "-c");
	assert_ptr_equal(doc_parent(ld.doc, args), proc);
	mounts = doc_get(ld.doc, root, "mounts");
	assert_int_equal(doc_count(mounts), 2);
	m = doc_at(ld.doc, mounts, 0);
	assert_int_equal(doc_kind(m), OC_OBJECT);
	assert_text(ld.doc, doc_get(ld.doc, m, "type"), OC_STRING, "proc");
	m = doc_at(ld.doc, mounts, 1);
	assert_text(ld.doc, doc_at(ld.doc, doc_get(ld.doc, m, "options"), 1),
	    OC_STRING, "strictatime");
	assert_null(doc_get(ld.doc, m, "type"));
	loaded_free(&ld);
}

static void
test_multi_document(void **state)
{
	struct loaded ld;
	const struct oc_node *r;

	(void)state;
	load_ok(&ld, "a: 1\n---\n- x\n--- 7\n...\n---\n");
	r = doc_root(ld.doc, 0);
	assert_int_equal(doc_kind(r), OC_OBJECT);
	assert_text(ld.doc, doc_get(ld.doc, r, "a"), OC_NUMBER, "1");
	r = doc_root(ld.doc, 1);
	assert_int_equal(doc_kind(r), OC_ARRAY);
	assert_text(ld.doc, doc_at(ld.doc, r, 0), OC_STRING, "x");
	assert_pos(doc_span(ld.doc, r).start, 3, 1);
	assert_text(ld.doc, doc_root(ld.doc, 2), OC_NUMBER, "7");
	/* "---" alone is an empty document: a null root. */
	assert_int_equal(doc_kind(doc_root(ld.doc, 3)), OC_NULL);
	assert_null(doc_root(ld.doc, 4));
	loaded_free(&ld);
}

static void
test_empty_stream(void **state)
{
	static const char *const inputs[] = { "", "# only a comment\n",
	    "\n  \n", " # indented comment\n\n" };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(inputs); i++) {
		struct loaded ld;

		load_ok(&ld, inputs[i]);
		assert_null(doc_root(ld.doc, 0));
		loaded_free(&ld);
	}
}

static void
test_alias(void **state)
{
	struct loaded ld;
	const struct oc_node *root, *base, *copy, *k;
	struct oc_span sp;

	(void)state;
	load_ok(&ld, "base: &b\n"
	    "  x: 1\n"
	    "  l: [a, {y: z}]\n"
	    "copy: *b\n"
	    "name: &n bob\n"
	    "again: *n\n"
	    "*n : keyed\n"
	    "<<: *b\n");
	root = doc_root(ld.doc, 0);
	base = doc_get(ld.doc, root, "base");
	copy = doc_get(ld.doc, root, "copy");
	assert_int_equal(doc_kind(copy), OC_OBJECT);
	assert_ptr_not_equal(base, copy);
	assert_int_equal(doc_count(copy), 2);
	assert_text(ld.doc, doc_get(ld.doc, copy, "x"), OC_NUMBER, "1");
	k = doc_get(ld.doc, copy, "l");
	assert_text(ld.doc, doc_at(ld.doc, k, 0), OC_STRING, "a");
	assert_text(ld.doc, doc_get(ld.doc, doc_at(ld.doc, k, 1), "y"),
	    OC_STRING, "z");
	assert_ptr_equal(doc_parent(ld.doc, k), copy);
	/* The copy sits at the alias; its insides keep the anchor's. */
	sp = doc_span(ld.doc, copy);
	assert_pos(sp.start, 4, 7);
	assert_pos(sp.end, 4, 9);
	assert_pos(doc_key_span(ld.doc, doc_get(ld.doc, copy, "x")).start,
	    2, 3);
	assert_text(ld.doc, doc_get(ld.doc, root, "again"), OC_STRING, "bob");
	/* An alias to a scalar also works as a key. */
	k = doc_get(ld.doc, root, "bob");
	assert_text(ld.doc, k, OC_STRING, "keyed");
	assert_pos(doc_key_span(ld.doc, k).start, 7, 1);
	/* Merge keys are not expanded. */
	k = doc_get(ld.doc, root, "<<");
	assert_int_equal(doc_kind(k), OC_OBJECT);
	assert_null(doc_get(ld.doc, root, "x"));
	loaded_free(&ld);
}

static void
test_alias_errors(void **state)
{
	(void)state;
	assert_msg(load_err("a: 1\nb: *nope\n"),
	    "t.yaml:2:4: alias to undefined anchor 'nope'");
	/* Anchors do not cross documents. */
	assert_msg(load_err("a: &x 1\n---\nb: *x\n"),
	    "t.yaml:3:4: alias to undefined anchor 'x'");
	assert_msg(load_err("a: &r\n  b: *r\n"),
	    "t.yaml:2:6: alias to anchor 'r' inside its own node "
	    "(recursive)");
	assert_msg(load_err("&s [1, [*s]]\n"),
	    "t.yaml:1:9: alias to anchor 's' inside its own node "
	    "(recursive)");
	assert_msg(load_err("a: &m {x: 1}\n*m : 2\n"),
	    "t.yaml:2:1: a mapping key must be a scalar");
}

static void
test_billion_laughs(void **state)
{
	struct oc_buf b = { 0 };
	char *msg;
	clock_t t0 = clock();
	int i, j;

	(void)state;
	buf_adds(&b, "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (i = 1; i < 9; i++) {
		buf_printf(&b, "%c: &%c [", 'a' + i, 'a' + i);
		for (j = 0; j < 9; j++)
			buf_printf(&b, "%s*%c", j ? ", " : "", 'a' + i - 1);
		buf_adds(&b, "]\n");
	}
	msg = load_errn(b.s, b.len);
	assert_non_null(strstr(msg, "alias expansion exceeds 100000 nodes "
	    "(billion-laughs guard)"));
	/* e's level has made 74718 nodes; f's first alias would make
	 * 66430 more. */
	assert_msg(msg, "t.yaml:6:8: alias expansion exceeds 100000 nodes "
	    "(billion-laughs guard)");
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
	buf_free(&b);
}

static void
test_alias_count_bound(void **state)
{
	struct oc_buf b = { 0 };
	struct loaded ld;
	int i;

	(void)state;
	buf_adds(&b, "a: &x 1\nl: [");
	for (i = 0; i < OC_YAML_MAX_ALIASES; i++)
		buf_adds(&b, "*x,");
	buf_adds(&b, "]\n");
	load_okn(&ld, b.s, b.len);
	assert_int_equal(doc_count(doc_get(ld.doc, doc_root(ld.doc, 0), "l")),
	    OC_YAML_MAX_ALIASES);
	loaded_free(&ld);
	b.len -= 2;
	buf_adds(&b, "*x]\n");
	assert_msg(load_errn(b.s, b.len),
	    "t.yaml:2:30005: alias expansion exceeds 10000 aliases "
	    "(billion-laughs guard)");
	buf_free(&b);
}

static void
test_deep_flow(void **state)
{
	size_t n = 200000;
	char *text = xmalloc(n);
	clock_t t0 = clock();

	(void)state;
	memset(text, '[', n);
	assert_msg(load_errn(text, n),
	    "t.yaml:1:257: nesting deeper than 256 levels");
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
	free(text);
}

static void
test_depth_limit(void **state)
{
	struct oc_buf b = { 0 };
	struct loaded ld;
	int i;

	(void)state;
	for (i = 0; i < OC_MAX_DEPTH; i++)
		buf_addc(&b, '[');
	for (i = 0; i < OC_MAX_DEPTH; i++)
		buf_addc(&b, ']');
	load_okn(&ld, b.s, b.len);
	loaded_free(&ld);
	buf_free(&b);
	/* Aliases cannot stack anchored depth past the limit: the mapping,
	 * 55 brackets and 200 anchored levels make 256, one more is too
	 * many. */
	for (i = 55; i <= 56; i++) {
		char *want;
		int k;

		buf_adds(&b, "a: &d ");
		for (k = 0; k < 200; k++)
			buf_addc(&b, '[');
		for (k = 0; k < 200; k++)
			buf_addc(&b, ']');
		buf_adds(&b, "\nb: ");
		for (k = 0; k < i; k++)
			buf_addc(&b, '[');
		buf_adds(&b, "*d");
		for (k = 0; k < i; k++)
			buf_addc(&b, ']');
		if (i == 55) {
			load_okn(&ld, b.s, b.len);
			loaded_free(&ld);
		} else {
			want = xasprintf("t.yaml:2:%d: nesting deeper than 256 "
			    "levels", 4 + i);
			assert_msg(load_errn(b.s, b.len), want);
			free(want);
		}
		b.len = 0;
	}
	buf_free(&b);
}

static void
test_tags(void **state)
{
	struct loaded ld;
	const struct oc_node *root;

	(void)state;
	load_ok(&ld, "--- !!map\n"
	    "a: !!str 123\n"
	    "b: !!str true\n"
	    "c: !!str\n"
	    "d: !!seq [1]\n"
	    "e: ! [x]\n"
	    "!!str 5: five\n");
	root = doc_root(ld.doc, 0);
	assert_text(ld.doc, doc_get(ld.doc, root, "a"), OC_STRING, "123");
	assert_text(ld.doc, doc_get(ld.doc, root, "b"), OC_STRING, "true");
	assert_text(ld.doc, doc_get(ld.doc, root, "c"), OC_STRING, "");
	assert_int_equal(doc_kind(doc_get(ld.doc, root, "d")), OC_ARRAY);
	assert_int_equal(doc_kind(doc_get(ld.doc, root, "e")), OC_ARRAY);
	assert_text(ld.doc, doc_get(ld.doc, root, "5"), OC_STRING, "five");
	loaded_free(&ld);

	assert_msg(load_err("a: 1\nb: !foo x\n"),
	    "t.yaml:2:4: unsupported tag '!foo'");
	assert_msg(load_err("b: !!binary aGk=\n"),
	    "t.yaml:1:4: unsupported tag '!!binary'");
	assert_msg(load_err("!<tag:example.com,2000:x> {}\n"),
	    "t.yaml:1:1: unsupported tag 'tag:example.com,2000:x'");
	assert_msg(load_err("b: !!int 1.5\n"),
	    "t.yaml:1:4: '1.5' does not match tag '!!int'");
	assert_msg(load_err("b: !!bool yes\n"),
	    "t.yaml:1:4: 'yes' does not match tag '!!bool'");
	assert_msg(load_err("b: !!seq {}\n"),
	    "t.yaml:1:4: tag '!!seq' cannot apply to a mapping");
	assert_msg(load_err("b: !!map x\n"),
	    "t.yaml:1:4: tag '!!map' cannot apply to a scalar");
}

static void
test_duplicate_key(void **state)
{
	struct oc_buf b = { 0 };
	int i;

	(void)state;
	assert_msg(load_err("x: 1\ny:\n  p: 1\n  q: 2\n  p: 3\n"),
	    "t.yaml:5:3: duplicate key 'p' (first at 3:3)");
	assert_msg(load_err("{a: 1, \"a\": 2}"),
	    "t.yaml:1:8: duplicate key 'a' (first at 1:2)");
	/* Large mappings go through the member hash table. */
	for (i = 0; i < 20; i++)
		buf_printf(&b, "k%d: %d\n", i, i);
	buf_adds(&b, "k7: again\n");
	assert_msg(load_errn(b.s, b.len),
	    "t.yaml:21:1: duplicate key 'k7' (first at 8:1)");
	buf_free(&b);
}

/* Entry i of ld->dups: its key and where both occurrences start. */
static void
assert_dup(const struct loaded *ld, size_t i, const char *key,
    unsigned fline, unsigned fcol, unsigned aline, unsigned acol)
{
	const struct oc_yaml_dup *d;

	assert_true(i < ld->dups->n);
	d = &ld->dups->v[i];
	assert_string_equal(d->key, key);
	assert_pos(source_pos(ld->src, d->first), fline, fcol);
	assert_pos(source_pos(ld->src, d->again), aline, acol);
}

static void
test_dups_collected(void **state)
{
	struct loaded ld;
	const struct oc_node *root, *b, *c;

	(void)state;
	/* The inner mappings close, and so report, before the root does:
	 * the list must still come in document order. */
	load_dups(&ld, "a: 1\n"
	    "a: 2\n"
	    "b:\n"
	    "  x: 1\n"
	    "  y: 2\n"
	    "  x: 3\n"
	    "c: {p: 1, p: 2, 'p': 3}\n"
	    "b: last\n");
	assert_int_equal(ld.dups->n, 5);
	assert_int_equal(ld.dups->more, 0);
	assert_dup(&ld, 0, "a", 1, 1, 2, 1);
	assert_dup(&ld, 1, "x", 4, 3, 6, 3);
	assert_dup(&ld, 2, "p", 7, 5, 7, 11);
	/* A third occurrence names the first, not the second. */
	assert_dup(&ld, 3, "p", 7, 5, 7, 17);
	assert_dup(&ld, 4, "b", 3, 1, 8, 1);
	/* The last value wins; iteration sees every member. */
	root = doc_root(ld.doc, 0);
	assert_text(ld.doc, doc_get(ld.doc, root, "a"), OC_NUMBER, "2");
	assert_text(ld.doc, doc_get(ld.doc, root, "b"), OC_STRING, "last");
	assert_int_equal(doc_count(root), 5);
	assert_text(ld.doc, doc_at(ld.doc, root, 0), OC_NUMBER, "1");
	b = doc_at(ld.doc, root, 2);
	assert_int_equal(doc_kind(b), OC_OBJECT);
	assert_text(ld.doc, doc_get(ld.doc, b, "x"), OC_NUMBER, "3");
	assert_int_equal(doc_count(b), 3);
	c = doc_get(ld.doc, root, "c");
	assert_text(ld.doc, doc_getn(ld.doc, c, "p", 1), OC_NUMBER, "3");
	assert_int_equal(doc_count(c), 3);
	loaded_free(&ld);

	/* No repeats: an empty list, not NULL. */
	load_dups(&ld, "a: 1\nb: {a: 2}\n");
	assert_int_equal(ld.dups->n, 0);
	assert_int_equal(ld.dups->more, 0);
	loaded_free(&ld);

	/* Every document of a stream. */
	load_dups(&ld, "a: 1\na: 2\n---\n- {k: 1, k: 2}\n");
	assert_int_equal(ld.dups->n, 2);
	assert_dup(&ld, 0, "a", 1, 1, 2, 1);
	assert_dup(&ld, 1, "k", 4, 4, 4, 10);
	assert_text(ld.doc, doc_get(ld.doc, doc_at(ld.doc,
	    doc_root(ld.doc, 1), 0), "k"), OC_NUMBER, "2");
	loaded_free(&ld);
}

/* Above OC_SMALL_OBJECT (8) members, lookups go through doc.c's member
 * hash table. */
static void
test_dups_big_object(void **state)
{
	struct oc_buf b = { 0 };
	struct loaded ld;
	const struct oc_node *root, *copy;
	int i;

	(void)state;
	for (i = 0; i < 20; i++)
		buf_printf(&b, "k%d: %d\n", i, i);
	buf_adds(&b, "k7: again\n"
	    "k0: zero\n"
	    "k7: third\n");
	load_dupsn(&ld, b.s, b.len);
	assert_int_equal(ld.dups->n, 3);
	assert_dup(&ld, 0, "k7", 8, 1, 21, 1);
	assert_dup(&ld, 1, "k0", 1, 1, 22, 1);
	assert_dup(&ld, 2, "k7", 8, 1, 23, 1);
	root = doc_root(ld.doc, 0);
	assert_int_equal(doc_count(root), 23);
	assert_text(ld.doc, doc_get(ld.doc, root, "k7"), OC_STRING, "third");
	assert_text(ld.doc, doc_getn(ld.doc, root, "k0", 2), OC_STRING,
	    "zero");
	assert_text(ld.doc, doc_get(ld.doc, root, "k8"), OC_NUMBER, "8");
	assert_text(ld.doc, doc_at(ld.doc, root, 7), OC_NUMBER, "7");
	assert_text(ld.doc, doc_at(ld.doc, root, 0), OC_NUMBER, "0");
	loaded_free(&ld);

	/* The same mapping nested, anchored and copied by an alias: the
	 * copy's table too must keep the last, and the repeats are listed
	 * once, at the anchored text. */
	b.len = 0;
	buf_adds(&b, "big: &b\n");
	for (i = 0; i < 20; i++)
		buf_printf(&b, "  k%d: %d\n", i, i);
	buf_adds(&b, "  k7: again\n"
	    "copy: *b\n"
	    "more: *b\n");
	load_dupsn(&ld, b.s, b.len);
	assert_int_equal(ld.dups->n, 1);
	assert_dup(&ld, 0, "k7", 9, 3, 22, 3);
	root = doc_root(ld.doc, 0);
	copy = doc_get(ld.doc, root, "copy");
	assert_int_equal(doc_count(copy), 21);
	assert_text(ld.doc, doc_get(ld.doc, copy, "k7"), OC_STRING, "again");
	assert_text(ld.doc, doc_get(ld.doc, doc_get(ld.doc, root, "more"),
	    "k7"), OC_STRING, "again");
	loaded_free(&ld);
	buf_free(&b);
}

static void
test_dups_alias(void **state)
{
	struct loaded ld;
	const struct oc_node *root, *m;

	(void)state;
	load_dups(&ld, "base: &b {x: 1, x: 2}\n"
	    "copy: *b\n"
	    "list: [*b, *b]\n"
	    "name: &n k\n"
	    "m:\n"
	    "  k: 1\n"
	    "  *n : 2\n");
	/* The copies repeat x too, but were written once. An alias used
	 * as a key is a repeat where the alias stands. */
	assert_int_equal(ld.dups->n, 2);
	assert_dup(&ld, 0, "x", 1, 11, 1, 17);
	assert_dup(&ld, 1, "k", 6, 3, 7, 3);
	root = doc_root(ld.doc, 0);
	assert_text(ld.doc, doc_get(ld.doc, doc_get(ld.doc, root, "copy"),
	    "x"), OC_NUMBER, "2");
	m = doc_get(ld.doc, root, "m");
	assert_text(ld.doc, doc_get(ld.doc, m, "k"), OC_NUMBER, "2");
	loaded_free(&ld);
}

/* yaml_load() still fails at the first repeat, and its message names
 * what yaml_load_dups() lists first; yaml_load_dups() fails on the
 * other errors as yaml_load() does. */
static void
test_dups_match_yaml_load(void **state)
{
	static const char *const inputs[] = {
		"x: 1\ny:\n  p: 1\n  q: 2\n  p: 3\n",
		"{a: 1, \"a\": 2}",
		"\"t\\tab\": 1\n\"t\\tab\": 2\n",
		"? \"\\u00e9\\nx\"\n: 1\n\"\\u00e9\\nx\": 2\n",
	};
	struct oc_source *src;
	struct oc_doc *doc;
	struct oc_yaml_dups *dups;
	struct oc_error *err = NULL;
	struct loaded ld;
	struct oc_pos f, a;
	char *want;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(inputs); i++) {
		load_dups(&ld, inputs[i]);
		assert_int_equal(ld.dups->n, 1);
		f = source_pos(ld.src, ld.dups->v[0].first);
		a = source_pos(ld.src, ld.dups->v[0].again);
		want = xasprintf("t.yaml:%u:%u: duplicate key '%s' (first at "
		    "%u:%u)", a.line, a.col, ld.dups->v[0].key, f.line, f.col);
		assert_msg(load_err(inputs[i]), want);
		free(want);
		loaded_free(&ld);
	}

	src = source_from_mem("t.yaml", "a: 1\na: 2\nb: *nope\n", 19);
	doc = (struct oc_doc *)&doc;
	dups = (struct oc_yaml_dups *)&dups;
	assert_int_equal(yaml_load_dups(src, &doc, &dups, &err), -1);
	assert_ptr_equal(doc, (struct oc_doc *)&doc);
	assert_ptr_equal(dups, (struct oc_yaml_dups *)&dups);
	assert_string_equal(err->msg,
	    "t.yaml:3:4: alias to undefined anchor 'nope'");
	oc_error_free(err);
	source_free(src);
}

/* The list stops at OC_YAML_MAX_DUPS; the rest are counted. */
static void
test_dups_cap(void **state)
{
	struct oc_buf b = { 0 };
	struct loaded ld;
	size_t i, outer = OC_YAML_MAX_DUPS + 5, inner = OC_YAML_MAX_DUPS;

	(void)state;
	/* The nested mapping comes last but closes first, so its repeats
	 * arrive before the root's: the kept ones must still be the
	 * earliest in the text, the root's. */
	buf_adds(&b, "a: 0\n");
	for (i = 0; i < outer; i++)
		buf_printf(&b, "a: %zu\n", i + 1);
	buf_adds(&b, "n:\n  b: 0\n");
	for (i = 0; i < inner; i++)
		buf_adds(&b, "  b: 1\n");
	load_dupsn(&ld, b.s, b.len);
	assert_int_equal(ld.dups->n, OC_YAML_MAX_DUPS);
	assert_int_equal(ld.dups->more, outer + inner - OC_YAML_MAX_DUPS);
	for (i = 0; i < ld.dups->n; i++)
		assert_dup(&ld, i, "a", 1, 1, (unsigned)i + 2, 1);
	assert_text(ld.doc, doc_get(ld.doc, doc_root(ld.doc, 0), "a"),
	    OC_NUMBER, "10005");
	loaded_free(&ld);

	/* Exactly the cap: nothing counted beyond. */
	b.len = 0;
	for (i = 0; i <= OC_YAML_MAX_DUPS; i++)
		buf_adds(&b, "- {k: 1, k: 2}\n");
	load_dupsn(&ld, b.s, b.len);
	assert_int_equal(ld.dups->n, OC_YAML_MAX_DUPS);
	assert_int_equal(ld.dups->more, 1);
	assert_dup(&ld, OC_YAML_MAX_DUPS - 1, "k", OC_YAML_MAX_DUPS, 4,
	    OC_YAML_MAX_DUPS, 10);
	loaded_free(&ld);

	/* A hostile stream: a quarter of a million repeats of one key keep
	 * the list at the cap. */
	b.len = 0;
	for (i = 0; i < 250000; i++)
		buf_adds(&b, "k: v\n");
	load_dupsn(&ld, b.s, b.len);
	assert_int_equal(ld.dups->n, OC_YAML_MAX_DUPS);
	assert_int_equal(ld.dups->more, 250000 - 1 - OC_YAML_MAX_DUPS);
	assert_dup(&ld, OC_YAML_MAX_DUPS - 1, "k", 1, 1,
	    OC_YAML_MAX_DUPS + 1, 1);
	loaded_free(&ld);
	buf_free(&b);
}

static void
test_dups_free_null(void **state)
{
	(void)state;
	yaml_dups_free(NULL);
}

static void
test_libyaml_errors(void **state)
{
	char *msg;

	(void)state;
	/* A tab where indentation is expected. */
	assert_msg(load_err("a:\n\tb: 1\n"),
	    "t.yaml:2:1: found character that cannot start any token "
	    "while scanning for the next token (a tab: YAML indents with "
	    "spaces only)");
	msg = load_err("a: [1, 2\nb: 3\n");
	assert_int_equal(strncmp(msg, "t.yaml:", 7), 0);
	free(msg);
	assert_msg(load_err("a: 1\n b: 2\n"),
	    "t.yaml:2:3: mapping values are not allowed in this context");
}

static void
test_bad_bytes(void **state)
{
	(void)state;
	assert_msg(load_errn("a: 1\nb: x\xff\n", 11),
	    "t.yaml:2:5: invalid leading UTF-8 octet (byte 0xff)");
	assert_msg(load_errn("a: \xc3\x28\n", 6),
	    "t.yaml:1:5: invalid trailing UTF-8 octet (byte 0x28)");
	assert_msg(load_errn("a: b\nc: d\0e\n", 11),
	    "t.yaml:2:5: control characters are not allowed (U+0000)");
	/* UTF-16 is not guessed from its byte order mark. */
	assert_msg(load_errn("\xff\xfe" "a\0:\0 \0" "1\0", 10),
	    "t.yaml:1:1: invalid leading UTF-8 octet (byte 0xff)");
}

static void
test_non_scalar_key(void **state)
{
	(void)state;
	assert_msg(load_err("a: 1\n? [x, y]\n: 2\n"),
	    "t.yaml:2:3: a mapping key must be a scalar");
	assert_msg(load_err("{a: 1}: 2\n"),
	    "t.yaml:1:1: a mapping key must be a scalar");
}

static void
test_oversize(void **state)
{
	struct oc_source *src = source_from_mem("big.yaml", "", 0);
	struct oc_doc *doc = NULL;
	struct oc_error *err = NULL;
	char *want;

	(void)state;
	src->too_large = OC_MAX_INPUT + 1;
	assert_int_equal(yaml_load(src, &doc, &err), -1);
	assert_null(doc);
	want = xasprintf("big.yaml: input of %zu bytes exceeds the %zu-byte "
	    "limit", OC_MAX_INPUT + 1, OC_MAX_INPUT);
	assert_string_equal(err->msg, want);
	free(want);
	oc_error_free(err);
	source_free(src);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_multibyte_column),
		cmocka_unit_test(test_ascii_prefix_then_multibyte),
		cmocka_unit_test(test_bom_and_line_breaks),
		cmocka_unit_test(test_scalar_typing),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_multi_document),
		cmocka_unit_test(test_empty_stream),
		cmocka_unit_test(test_alias),
		cmocka_unit_test(test_alias_errors),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_alias_count_bound),
		cmocka_unit_test(test_deep_flow),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_dups_collected),
		cmocka_unit_test(test_dups_big_object),
		cmocka_unit_test(test_dups_alias),
		cmocka_unit_test(test_dups_match_yaml_load),
		cmocka_unit_test(test_dups_cap),
		cmocka_unit_test(test_dups_free_null),
		cmocka_unit_test(test_libyaml_errors),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_non_scalar_key),
		cmocka_unit_test(test_oversize),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
