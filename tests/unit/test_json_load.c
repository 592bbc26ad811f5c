/* Unit tests for src/json_load.c: positions, string decoding, numbers and
 * every strictness finding the JSON loader raises. */
#include "ocicheck_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ocicheck/json_load.h"

/* One json_load() run and everything it produced. */
struct run {
	struct oc_source *src;
	struct oc_findings f;
	struct oc_doc *doc;
};

static void
run_free(struct run *r)
{
	findings_clear(&r->f);
	doc_free(r->doc);
	source_free(r->src);
	memset(r, 0, sizeof(*r));
}

static void
load_n(struct run *r, const char *text, size_t len)
{
	struct oc_error *err = NULL;

	memset(r, 0, sizeof(*r));
	r->src = source_from_mem("config.json", text, len);
	r->f.src = r->src;
	r->doc = (struct oc_doc *)&r->f;	/* must be overwritten */
	assert_int_equal(json_load(r->src, &r->f, &r->doc, &err), 0);
	assert_null(err);
}

/* Every test gets a zeroed run; teardown frees it even after a failed
 * assertion. */
static int
setup(void **state)
{
	*state = xcalloc(1, sizeof(struct run));
	return 0;
}

static int
teardown(void **state)
{
	run_free(*state);
	free(*state);
	return 0;
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

/* Text given as a literal, so it may hold NUL bytes. */
#define LOAD(r, lit) load_n((r), (lit), sizeof(lit) - 1)

static const struct oc_node *
root_of(const struct run *r)
{
	assert_non_null(r->doc);
	return doc_root(r->doc, 0);
}

/* Finding i: rule, start and end line:col, pointer, a message part. */
static void
assert_finding(const struct run *r, size_t i, const char *id, uint32_t l1,
    uint32_t c1, uint32_t l2, uint32_t c2, const char *pointer,
    const char *part)
{
	const struct oc_finding *x;

	assert_true(i < r->f.n);
	x = &r->f.v[i];
	assert_string_equal(x->rule->id, id);
	assert_int_equal(x->span.start.line, l1);
	assert_int_equal(x->span.start.col, c1);
	assert_int_equal(x->span.end.line, l2);
	assert_int_equal(x->span.end.col, c2);
	assert_string_equal(x->pointer, pointer);
	if (strstr(x->message, part) == NULL) {
		/* Shows both strings on failure. */
		assert_string_equal(x->message, part);
	}
	assert_int_equal(x->file, 0);
	assert_int_equal(x->severity, x->rule->severity);
}

/* The one finding of a run. */
static void
assert_only(const struct run *r, const char *id, uint32_t l1, uint32_t c1,
    uint32_t l2, uint32_t c2, const char *pointer, const char *part)
{
	assert_int_equal(r->f.n, 1);
	assert_finding(r, 0, id, l1, c1, l2, c2, pointer, part);
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

static void
assert_text(const struct oc_doc *doc, const struct oc_node *n,
    const char *want, size_t want_len)
{
	size_t len;
	const char *t;

	assert_non_null(n);
	t = doc_text(doc, n, &len);
	assert_int_equal(len, want_len);
	assert_memory_equal(t, want, len);
}

#define ASSERT_TEXT(doc, n, lit) \
	assert_text((doc), (n), (lit), sizeof(lit) - 1)

static void
test_json_load_positions_across_lines(void **state)
{
	struct run *r = *state;
	const struct oc_node *root, *a, *b, *e;

	LOAD(r, "{\n  \"a\": \"x\",\n  \"b\": [\n    1,\n    true\n  ]\n}\n");
	assert_int_equal(r->f.n, 0);
	root = root_of(r);
	assert_int_equal(doc_kind(root), OC_OBJECT);
	assert_int_equal(doc_count(root), 2);
	assert_span(doc_span(r->doc, root), 1, 1, 7, 2);
	a = doc_get(r->doc, root, "a");
	assert_span(doc_key_span(r->doc, a), 2, 3, 2, 6);
	assert_span(doc_span(r->doc, a), 2, 8, 2, 11);
	assert_int_equal(a->start, 9);
	assert_int_equal(a->end, 12);
	b = doc_get(r->doc, root, "b");
	assert_int_equal(doc_kind(b), OC_ARRAY);
	assert_span(doc_key_span(r->doc, b), 3, 3, 3, 6);
	assert_span(doc_span(r->doc, b), 3, 8, 6, 4);
	e = doc_at(r->doc, b, 0);
	assert_span(doc_span(r->doc, e), 4, 5, 4, 6);
	ASSERT_TEXT(r->doc, e, "1");
	e = doc_at(r->doc, b, 1);
	assert_int_equal(doc_kind(e), OC_BOOL);
	assert_true(doc_bool(e));
	assert_span(doc_span(r->doc, e), 5, 5, 5, 9);
	run_free(r);
}

static void
test_json_load_empty_object(void **state)
{
	struct run *r = *state;

	LOAD(r, "{}");
	assert_int_equal(r->f.n, 0);
	assert_int_equal(doc_kind(root_of(r)), OC_OBJECT);
	assert_int_equal(doc_count(root_of(r)), 0);
	assert_span(doc_span(r->doc, root_of(r)), 1, 1, 1, 3);
	assert_null(doc_root(r->doc, 1));
	run_free(r);
}

static void
test_json_load_positions_crlf_and_tabs(void **state)
{
	struct run *r = *state;
	const struct oc_node *v;

	LOAD(r, "{\r\n\t\"k\" :\t12345 ,\r\n\t\"n\":null}");
	assert_int_equal(r->f.n, 0);
	v = doc_get(r->doc, root_of(r), "k");
	assert_span(doc_key_span(r->doc, v), 2, 2, 2, 5);
	assert_span(doc_span(r->doc, v), 2, 8, 2, 13);
	ASSERT_TEXT(r->doc, v, "12345");
	v = doc_get(r->doc, root_of(r), "n");
	assert_int_equal(doc_kind(v), OC_NULL);
	assert_span(doc_span(r->doc, v), 3, 6, 3, 10);
	run_free(r);
}

static void
test_json_load_multibyte_columns(void **state)
{
	struct run *r = *state;
	const struct oc_node *root, *v;

	/* {"é": "a", "😀": "b", "€": 7} */
	LOAD(r, "{\"\xc3\xa9\": \"a\", \"\xf0\x9f\x98\x80\": \"b\", "
	    "\"\xe2\x82\xac\": 7}");
	assert_int_equal(r->f.n, 0);
	root = root_of(r);
	v = doc_get(r->doc, root, "\xc3\xa9");
	assert_span(doc_key_span(r->doc, v), 1, 2, 1, 5);
	assert_span(doc_span(r->doc, v), 1, 7, 1, 10);
	v = doc_get(r->doc, root, "\xf0\x9f\x98\x80");
	assert_span(doc_key_span(r->doc, v), 1, 12, 1, 15);
	assert_span(doc_span(r->doc, v), 1, 17, 1, 20);
	ASSERT_TEXT(r->doc, v, "b");
	v = doc_get(r->doc, root, "\xe2\x82\xac");
	assert_span(doc_key_span(r->doc, v), 1, 22, 1, 25);
	assert_span(doc_span(r->doc, v), 1, 27, 1, 28);
	run_free(r);
}

static void
test_json_load_multibyte_on_earlier_line(void **state)
{
	struct run *r = *state;
	const struct oc_node *v;

	LOAD(r, "{\"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\": 1,\n"
	    " \"x\": \"\xc3\xa9\xc3\xa9\", \"y\": 2}");
	assert_int_equal(r->f.n, 0);
	v = doc_get(r->doc, root_of(r), "x");
	assert_span(doc_key_span(r->doc, v), 2, 2, 2, 5);
	assert_span(doc_span(r->doc, v), 2, 7, 2, 11);
	v = doc_get(r->doc, root_of(r), "y");
	assert_span(doc_span(r->doc, v), 2, 18, 2, 19);
	run_free(r);
}

static void
test_json_load_escaped_strings_decode(void **state)
{
	struct run *r = *state;
	const struct oc_node *root;

	LOAD(r, "{\"nl\": \"a\\nb\", \"q\": \"say \\\"hi\\\"\", "
	    "\"e\": \"caf\\u00e9\", \"s\": \"\\ud83d\\ude00!\", "
	    "\"all\": \"\\/\\\\\\b\\f\\r\\t\", \"a\\/b\": 1}");
	assert_int_equal(r->f.n, 0);
	root = root_of(r);
	ASSERT_TEXT(r->doc, doc_get(r->doc, root, "nl"), "a\nb");
	ASSERT_TEXT(r->doc, doc_get(r->doc, root, "q"), "say \"hi\"");
	ASSERT_TEXT(r->doc, doc_get(r->doc, root, "e"), "caf\xc3\xa9");
	ASSERT_TEXT(r->doc, doc_get(r->doc, root, "s"), "\xf0\x9f\x98\x80!");
	ASSERT_TEXT(r->doc, doc_get(r->doc, root, "all"), "/\\\b\f\r\t");
	/* An escaped key is decoded too, and the pointer escapes it. */
	assert_non_null(doc_get(r->doc, root, "a/b"));
	assert_null(doc_get(r->doc, root, "a\\/b"));
	run_free(r);
}

static void
test_json_load_unescaped_strings_exact(void **state)
{
	static const char text[] =
	    "{\"k\": \"plain caf\xc3\xa9 \xf0\x9f\x98\x80 / ~\", \"e\": \"\"}";
	struct run *r = *state;
	const struct oc_node *v;
	const char *t;
	size_t len;

	LOAD(r, text);
	assert_int_equal(r->f.n, 0);
	v = doc_get(r->doc, root_of(r), "k");
	t = doc_text(r->doc, v, &len);
	/* Unescaped text is the source bytes themselves, no copy. */
	assert_true(t == r->src->data + 7);
	assert_int_equal(len, 20);
	assert_memory_equal(t, "plain caf\xc3\xa9 \xf0\x9f\x98\x80 / ~", 20);
	v = doc_get(r->doc, root_of(r), "e");
	ASSERT_TEXT(r->doc, v, "");
	assert_span(doc_span(r->doc, v), 1, 32, 1, 34);
	run_free(r);
}

static void
test_json_load_numbers_keep_raw_text(void **state)
{
	struct run *r = *state;
	const struct oc_node *root;

	LOAD(r, "{\"big\": 1e400, \"neg0\": -0, \"u\": 18446744073709551616, "
	    "\"f\": -1.50E-3, \"z\": 0}");
	assert_int_equal(r->f.n, 0);
	root = root_of(r);
	ASSERT_TEXT(r->doc, doc_get(r->doc, root, "big"), "1e400");
	ASSERT_TEXT(r->doc, doc_get(r->doc, root, "neg0"), "-0");
	ASSERT_TEXT(r->doc, doc_get(r->doc, root, "u"),
	    "18446744073709551616");
	ASSERT_TEXT(r->doc, doc_get(r->doc, root, "f"), "-1.50E-3");
	ASSERT_TEXT(r->doc, doc_get(r->doc, root, "z"), "0");
	assert_int_equal(doc_kind(doc_get(r->doc, root, "big")), OC_NUMBER);
	assert_span(doc_span(r->doc, doc_get(r->doc, root, "u")), 1, 33, 1, 53);
	run_free(r);
}

static void
test_json_load_duplicate_key(void **state)
{
	struct run *r = *state;
	const struct oc_node *root, *a;

	LOAD(r, "{\"a\":1,\"a\":2}");
	root = root_of(r);
	assert_int_equal(doc_count(root), 2);
	a = doc_get(r->doc, root, "a");
	assert_true(a == doc_at(r->doc, root, 1));
	ASSERT_TEXT(r->doc, a, "2");
	ASSERT_TEXT(r->doc, doc_at(r->doc, root, 0), "1");
	assert_only(r, "OCI0002", 1, 8, 1, 11, "/a", "(first at 1:2)");
	assert_non_null(strstr(r->f.v[0].message, "duplicate member 'a'"));
	run_free(r);
}

static void
test_json_load_duplicate_key_nested_multiline(void **state)
{
	struct run *r = *state;

	LOAD(r, "{\"x\": {\n  \"k\": 1,\n  \"k\": 2\n}}");
	assert_only(r, "OCI0002", 3, 3, 3, 6, "/x/k", "(first at 2:3)");
	ASSERT_TEXT(r->doc, doc_get(r->doc, doc_get(r->doc, root_of(r), "x"),
	    "k"), "2");
	run_free(r);
}

static void
test_json_load_triple_key_small_object(void **state)
{
	struct run *r = *state;

	LOAD(r, "{\"a\":1,\"a\":2,\"a\":3}");
	assert_int_equal(r->f.n, 2);
	assert_finding(r, 0, "OCI0002", 1, 8, 1, 11, "/a", "(first at 1:2)");
	assert_finding(r, 1, "OCI0002", 1, 14, 1, 17, "/a", "(first at 1:2)");
	ASSERT_TEXT(r->doc, doc_get(r->doc, root_of(r), "a"), "3");
	run_free(r);
}

/* More than 8 members: the hashed path must report the same thing. */
static void
test_json_load_triple_key_large_object(void **state)
{
	struct run *r = *state;

	/* "a" at columns 2, 26 and 44 */
	LOAD(r, "{\"a\":0,\"b\":1,\"c\":2,\"d\":3,\"a\":4,\"e\":5,"
	    "\"f\":6,\"a\":7,\"g\":8}");
	assert_int_equal(doc_count(root_of(r)), 9);
	ASSERT_TEXT(r->doc, doc_get(r->doc, root_of(r), "a"), "7");
	assert_int_equal(r->f.n, 2);
	assert_finding(r, 0, "OCI0002", 1, 26, 1, 29, "/a", "(first at 1:2)");
	assert_finding(r, 1, "OCI0002", 1, 44, 1, 47, "/a", "(first at 1:2)");
	run_free(r);
}

static void
test_json_load_syntax_error_missing_comma(void **state)
{
	struct run *r = *state;

	LOAD(r, "{\"a\":1 \"b\":2}");
	assert_null(r->doc);
	assert_only(r, "OCI0001", 1, 8, 1, 9, "", "expected ',' or '}'");
	assert_non_null(strstr(r->f.v[0].message, "found a string"));
	run_free(r);
}

/* The acceptance case: a doubled comma inside process. */
static void
test_json_load_syntax_error_acceptance(void **state)
{
	struct run *r = *state;

	LOAD(r, "{\n  \"ociVersion\": \"1.0.2\",\n"
	    "  \"process\": {\"cwd\": \"/\",,}\n}\n");
	assert_null(r->doc);
	assert_int_equal(r->f.n, 1);
	assert_string_equal(r->f.v[0].rule->id, "OCI0001");
	assert_int_equal(r->f.v[0].span.start.line, 3);
	assert_int_equal(r->f.v[0].span.start.col, 26);
	assert_int_equal(r->f.v[0].span.start.offset, 52);
	assert_finding(r, 0, "OCI0001", 3, 26, 3, 27, "/process",
	    "but found ','");
	run_free(r);
}

static void
test_json_load_syntax_error_details(void **state)
{
	struct run *r = *state;

	LOAD(r, "{\"a\" 1}");
	assert_only(r, "OCI0001", 1, 6, 1, 7, "/a",
	    "expected ':' after the member name but found a number");
	run_free(r);
	LOAD(r, "{\"a\":\"x\ty\"}");
	assert_only(r, "OCI0001", 1, 8, 1, 9, "/a",
	    "a tab inside a string must be escaped");
	run_free(r);
	LOAD(r, "{\"a\":\"\\q\"}");
	assert_only(r, "OCI0001", 1, 7, 1, 9, "/a", "invalid escape '\\q'");
	run_free(r);
	LOAD(r, "{\"a\":01}");
	assert_only(r, "OCI0001", 1, 6, 1, 8, "", "leading zeros");
	run_free(r);
	LOAD(r, "{\"a\":tru}");
	assert_only(r, "OCI0001", 1, 6, 1, 9, "/a", "invalid literal 'tru'");
	run_free(r);
	LOAD(r, "{\"a\":1.}");
	assert_only(r, "OCI0001", 1, 6, 1, 8, "/a", "malformed number '1.'");
	run_free(r);
	LOAD(r, "{\"a\":\"\\u12g4\"}");
	assert_only(r, "OCI0001", 1, 11, 1, 12, "/a", "invalid \\u escape");
	run_free(r);
	LOAD(r, "{\"a\":1}\f");
	assert_only(r, "OCI0001", 1, 8, 1, 9, "", "form feed");
	run_free(r);
	LOAD(r, "{\f\"a\":1}");
	assert_only(r, "OCI0001", 1, 2, 1, 3, "", "form feed");
	assert_non_null(r->doc);
	run_free(r);
}

static void
test_json_load_comments(void **state)
{
	struct run *r = *state;
	const struct oc_node *root;

	LOAD(r, "{\"a\":1, // line\n \"b\": /* block */ 2}");
	assert_non_null(r->doc);
	assert_int_equal(r->f.n, 2);
	assert_finding(r, 0, "OCI0003", 1, 9, 1, 16, "", "comment in JSON");
	assert_finding(r, 1, "OCI0003", 2, 7, 2, 18, "/b", "comment in JSON");
	root = root_of(r);
	assert_int_equal(doc_count(root), 2);
	ASSERT_TEXT(r->doc, doc_get(r->doc, root, "b"), "2");
	assert_span(doc_span(r->doc, doc_get(r->doc, root, "b")), 2, 19, 2, 20);
	run_free(r);
}

static void
test_json_load_comment_after_value(void **state)
{
	struct run *r = *state;

	LOAD(r, "/* head */{\"a\":\"x\"} // tail\n/* end\n */");
	assert_non_null(r->doc);
	assert_int_equal(r->f.n, 3);
	assert_finding(r, 0, "OCI0003", 1, 1, 1, 11, "", "comment");
	assert_finding(r, 1, "OCI0003", 1, 21, 1, 28, "", "comment");
	assert_finding(r, 2, "OCI0003", 2, 1, 3, 4, "", "comment");
	assert_span(doc_span(r->doc, root_of(r)), 1, 11, 1, 20);
	run_free(r);
}

static void
test_json_load_syntax_error_after_comment(void **state)
{
	struct run *r = *state;

	LOAD(r, "{// c\n \"a\" 1}");
	assert_null(r->doc);
	assert_only(r, "OCI0001", 2, 6, 2, 7, "/a", "expected ':'");
	run_free(r);
	/* A duplicate key found before the error is dropped as well. */
	LOAD(r, "{\"x\":{\"a\":1,\"a\":2}, 1}");
	assert_only(r, "OCI0001", 1, 21, 1, 22, "",
	    "expected a member name");
	run_free(r);
}

static void
test_json_load_trailing_comma(void **state)
{
	struct run *r = *state;

	LOAD(r, "{\"a\":1,}");
	assert_null(r->doc);
	assert_only(r, "OCI0004", 1, 7, 1, 8, "", "trailing comma before '}'");
	run_free(r);
	LOAD(r, "{\"a\":[1,2,\n]}");
	assert_null(r->doc);
	assert_only(r, "OCI0004", 1, 10, 1, 11, "/a/2",
	    "trailing comma before ']'");
	run_free(r);
}

static void
test_json_load_trailing_data(void **state)
{
	struct run *r = *state;

	LOAD(r, "{\"a\":1} x");
	assert_non_null(r->doc);
	ASSERT_TEXT(r->doc, doc_get(r->doc, root_of(r), "a"), "1");
	assert_only(r, "OCI0005", 1, 9, 1, 10, "", "data after the top-level");
	run_free(r);
	LOAD(r, "{}\n{}\n");
	assert_non_null(r->doc);
	assert_only(r, "OCI0005", 2, 1, 3, 1, "", "data after the top-level");
	run_free(r);
	/* Whitespace after the value is fine. */
	LOAD(r, "{} \r\n\t\n");
	assert_int_equal(r->f.n, 0);
	assert_non_null(r->doc);
	run_free(r);
}

static void
test_json_load_invalid_utf8_in_string(void **state)
{
	struct run *r = *state;
	const struct oc_node *v;

	LOAD(r, "{\"a\":\"x\xffy\"}");
	assert_non_null(r->doc);
	assert_only(r, "OCI0006", 1, 8, 1, 9, "/a", "invalid UTF-8 byte 0xff");
	v = doc_get(r->doc, root_of(r), "a");
	ASSERT_TEXT(r->doc, v, "x\xef\xbf\xbdy");
	assert_span(doc_span(r->doc, v), 1, 6, 1, 11);
	run_free(r);
	/* A truncated sequence before the quote; escapes elsewhere. */
	LOAD(r, "{\"a\":\"\\n\xc3\"}");
	assert_only(r, "OCI0006", 1, 9, 1, 10, "/a", "0xc3");
	ASSERT_TEXT(r->doc, doc_get(r->doc, root_of(r), "a"), "\n\xef\xbf\xbd");
	run_free(r);
	/* A surrogate encoded in UTF-8. */
	LOAD(r, "{\"a\":\"\xed\xa0\x80\"}");
	assert_finding(r, 0, "OCI0006", 1, 7, 1, 8, "/a", "0xed");
	assert_int_equal(r->f.n, 1);
	ASSERT_TEXT(r->doc, doc_get(r->doc, root_of(r), "a"),
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	run_free(r);
}

static void
test_json_load_invalid_utf8_in_key(void **state)
{
	struct run *r = *state;
	const struct oc_node *v;

	LOAD(r, "{\"k\xff\": 1}");
	assert_non_null(r->doc);
	assert_int_equal(r->f.n, 1);
	assert_string_equal(r->f.v[0].rule->id, "OCI0006");
	assert_int_equal(r->f.v[0].span.start.col, 4);
	v = doc_at(r->doc, root_of(r), 0);
	assert_non_null(doc_get(r->doc, root_of(r), "k\xef\xbf\xbd"));
	ASSERT_TEXT(r->doc, v, "1");
	run_free(r);
}

static void
test_json_load_invalid_utf8_outside_string(void **state)
{
	struct run *r = *state;

	LOAD(r, "\xff{}");
	assert_null(r->doc);
	assert_only(r, "OCI0006", 1, 1, 1, 2, "", "invalid UTF-8 byte 0xff");
	run_free(r);
	LOAD(r, "{\n\"a\": \xfe}");
	assert_null(r->doc);
	assert_only(r, "OCI0006", 2, 6, 2, 7, "/a", "0xfe");
	run_free(r);
	/* Valid UTF-8 where a value belongs is a syntax error instead. */
	LOAD(r, "{\"a\": \xc3\xa9}");
	assert_null(r->doc);
	assert_only(r, "OCI0001", 1, 7, 1, 8, "/a", "found '\xc3\xa9'");
	run_free(r);
	LOAD(r, "{\"a\":\xff}");
	assert_null(r->doc);
	assert_only(r, "OCI0006", 1, 6, 1, 7, "/a", "0xff");
	run_free(r);
}

static void
test_json_load_unpaired_surrogate(void **state)
{
	struct run *r = *state;

	LOAD(r, "{\"a\":\"\\ud800\"}");
	assert_non_null(r->doc);
	assert_only(r, "OCI0006", 1, 7, 1, 13, "/a", "\\ud800");
	run_free(r);
	LOAD(r, "{\"a\":\"x\\udc00\"}");
	assert_only(r, "OCI0006", 1, 8, 1, 14, "/a", "\\udc00");
	run_free(r);
	/* High surrogate followed by text, then a reversed pair. */
	LOAD(r, "{\"a\":\"\\ud83dx\", \"b\":\"\\ude00\\ud83d\"}");
	assert_int_equal(r->f.n, 3);
	assert_finding(r, 0, "OCI0006", 1, 7, 1, 13, "/a", "\\ud83d");
	assert_finding(r, 1, "OCI0006", 1, 22, 1, 28, "/b", "\\ude00");
	assert_finding(r, 2, "OCI0006", 1, 28, 1, 34, "/b", "\\ud83d");
	run_free(r);
	/* A proper pair is fine, upper-case hex too. */
	LOAD(r, "{\"a\":\"\\uD83D\\uDE00\"}");
	assert_int_equal(r->f.n, 0);
	ASSERT_TEXT(r->doc, doc_get(r->doc, root_of(r), "a"),
	    "\xf0\x9f\x98\x80");
	run_free(r);
}

static void
test_json_load_escaped_nul(void **state)
{
	struct run *r = *state;
	const struct oc_node *v;

	LOAD(r, "{\"a\":\"x\\u0000y\"}");
	assert_non_null(r->doc);
	assert_only(r, "OCI0007", 1, 8, 1, 14, "/a", "\\u0000 in a string");
	v = doc_get(r->doc, root_of(r), "a");
	ASSERT_TEXT(r->doc, v, "x\0y");
	run_free(r);
	LOAD(r, "[\"\\u0000\"]");
	assert_finding(r, 0, "OCI0007", 1, 3, 1, 9, "/0", "\\u0000");
	assert_int_equal(r->f.n, 2);	/* and OCI0008 */
	ASSERT_TEXT(r->doc, doc_at(r->doc, root_of(r), 0), "\0");
	run_free(r);
}

static void
test_json_load_top_level_not_object(void **state)
{
	struct run *r = *state;

	LOAD(r, "[1]");
	assert_non_null(r->doc);
	assert_int_equal(doc_kind(root_of(r)), OC_ARRAY);
	assert_only(r, "OCI0008", 1, 1, 1, 4, "", "is an array");
	run_free(r);
	LOAD(r, " \"s\"\n");
	assert_int_equal(doc_kind(root_of(r)), OC_STRING);
	assert_only(r, "OCI0008", 1, 2, 1, 5, "", "is a string");
	run_free(r);
	LOAD(r, "42");
	assert_int_equal(doc_kind(root_of(r)), OC_NUMBER);
	ASSERT_TEXT(r->doc, root_of(r), "42");
	assert_only(r, "OCI0008", 1, 1, 1, 3, "", "is a number");
	run_free(r);
	LOAD(r, "-1.5e3 ");
	ASSERT_TEXT(r->doc, root_of(r), "-1.5e3");
	assert_only(r, "OCI0008", 1, 1, 1, 7, "", "is a number");
	run_free(r);
	LOAD(r, "null");
	assert_only(r, "OCI0008", 1, 1, 1, 5, "", "is a null");
	run_free(r);
}

/* A finding on an escaped member name carries the pointer of the decoded
 * name, the same one later findings on that member get. */
static void
test_json_load_key_finding_pointer_is_decoded(void **state)
{
	struct run *r = *state;
	struct oc_buf b = { 0 };
	const struct oc_node *m;
	char want[16];

	LOAD(r, "{\"a\\/b\\u0000\": 1}");
	assert_non_null(r->doc);
	m = doc_getn(r->doc, root_of(r), "a/b\0", 4);
	assert_non_null(m);
	doc_pointer(r->doc, m, &b);
	snprintf(want, sizeof(want), "%s", b.s);
	buf_free(&b);
	assert_string_equal(want, "/a~1b");	/* cut at the NUL */
	assert_only(r, "OCI0007", 1, 7, 1, 13, want, "\\u0000");
	run_free(r);
}

/* n opening brackets then n closing ones. */
static char *
nested(size_t n, char open, char close)
{
	char *s = xmalloc(2 * n + 1);

	memset(s, open, n);
	memset(s + n, close, n);
	s[2 * n] = '\0';
	return s;
}

static void
test_json_load_nesting_256_accepted(void **state)
{
	struct run *r = *state;
	char *s = nested(256, '[', ']');
	const struct oc_node *n;
	size_t depth = 0;

	load_n(r, s, 512);
	assert_non_null(r->doc);
	assert_only(r, "OCI0008", 1, 1, 1, 513, "", "is an array");
	for (n = root_of(r); doc_count(n) == 1; n = doc_at(r->doc, n, 0))
		depth++;
	assert_int_equal(depth, 255);
	run_free(r);
	free(s);
}

static void
test_json_load_nesting_257_refused(void **state)
{
	struct run *r = *state;
	char *s = nested(257, '[', ']');

	load_n(r, s, 514);
	assert_null(r->doc);
	assert_int_equal(r->f.n, 1);
	assert_finding(r, 0, "OCI0009", 1, 257, 1, 258, r->f.v[0].pointer,
	    "nesting deeper than 256 levels");
	assert_int_equal(r->f.v[0].span.start.offset, 256);
	/* The pointer the 257th array would have had. */
	assert_int_equal(strlen(r->f.v[0].pointer), 256 * 2);
	assert_int_equal(strncmp(r->f.v[0].pointer, "/0/0/0/", 7), 0);
	run_free(r);
	free(s);
}

static void
test_json_load_nesting_257_objects(void **state)
{
	struct oc_buf b = { 0 };
	struct run *r = *state;
	size_t i;

	for (i = 0; i < 257; i++)
		buf_adds(&b, "{\"a\":");
	buf_adds(&b, "1");
	for (i = 0; i < 257; i++)
		buf_addc(&b, '}');
	load_n(r, b.s, b.len);
	assert_null(r->doc);
	assert_int_equal(r->f.n, 1);
	assert_string_equal(r->f.v[0].rule->id, "OCI0009");
	assert_int_equal(r->f.v[0].span.start.offset, 256 * 5);
	assert_int_equal(strncmp(r->f.v[0].pointer, "/a/a/a/", 7), 0);
	assert_int_equal(strlen(r->f.v[0].pointer), 256 * 2);
	run_free(r);
	buf_free(&b);
}

static void
test_json_load_million_brackets(void **state)
{
	size_t n = 1000000;
	char *s = xmalloc(n);
	struct run *r = *state;
	clock_t t0;

	memset(s, '[', n);
	t0 = clock();
	load_n(r, s, n);
	/* It stops at the limit instead of reading the rest. */
	assert_true(clock() - t0 < 2 * CLOCKS_PER_SEC);
	assert_null(r->doc);
	assert_int_equal(r->f.n, 1);
	assert_finding(r, 0, "OCI0009", 1, 257, 1, 258, r->f.v[0].pointer,
	    "256 levels");
	run_free(r);
	free(s);
}

static void
test_json_load_too_large(void **state)
{
	struct run *r = *state;
	struct oc_error *err = NULL;

	memset(r, 0, sizeof(*r));
	r->src = source_from_mem("big.json", "", 0);
	r->src->too_large = (size_t)200 << 20;
	r->f.src = r->src;
	assert_int_equal(json_load(r->src, &r->f, &r->doc, &err), 0);
	assert_null(err);
	assert_null(r->doc);
	assert_only(r, "OCI0010", 1, 1, 1, 1, "", "209715200 bytes");
	assert_non_null(strstr(r->f.v[0].message, "134217728"));
	run_free(r);
}

static void
test_json_load_string_too_long(void **state)
{
	size_t n = OC_MAX_STRING + 1;
	char *s = xmalloc(n + 16);
	const struct oc_node *v;
	struct run *r = *state;
	const char *t;
	size_t len;

	memcpy(s, "{\"a\": \"", 7);
	memset(s + 7, 'x', n);
	memcpy(s + 7 + n, "\"}", 2);
	load_n(r, s, n + 9);
	assert_non_null(r->doc);	/* not fatal */
	assert_only(r, "OCI0011", 1, 7, 1, (uint32_t)(7 + n + 2), "/a",
	    "1048577 bytes");
	v = doc_get(r->doc, root_of(r), "a");
	t = doc_text(r->doc, v, &len);
	assert_int_equal(len, n);
	assert_int_equal(t[0], 'x');
	assert_int_equal(t[n - 1], 'x');
	run_free(r);
	/* Exactly the limit is fine. */
	memset(s + 7, 'x', n - 1);
	memcpy(s + 7 + n - 1, "\"}", 2);
	load_n(r, s, n + 8);
	assert_int_equal(r->f.n, 0);
	run_free(r);
	free(s);
}

static void
test_json_load_empty_input(void **state)
{
	struct run *r = *state;

	LOAD(r, "");
	assert_null(r->doc);
	assert_only(r, "OCI0001", 1, 1, 1, 1, "", "empty input");
	run_free(r);
	LOAD(r, "  \n\t ");
	assert_null(r->doc);
	assert_only(r, "OCI0001", 2, 3, 2, 3, "", "empty input");
	run_free(r);
}

static void
test_json_load_raw_nul(void **state)
{
	struct run *r = *state;

	LOAD(r, "{\"a\":\"x\0y\"}");
	assert_null(r->doc);
	assert_only(r, "OCI0001", 1, 8, 1, 9, "/a",
	    "a NUL byte inside a string must be escaped");
	run_free(r);
	LOAD(r, "{\"a\":\0 1}");
	assert_null(r->doc);
	assert_only(r, "OCI0001", 1, 6, 1, 7, "/a", "found a NUL byte");
	run_free(r);
	LOAD(r, "\0{}");
	assert_null(r->doc);
	assert_only(r, "OCI0001", 1, 1, 1, 2, "", "found a NUL byte");
	run_free(r);
}

static void
test_json_load_bom(void **state)
{
	struct run *r = *state;

	LOAD(r, "\xef\xbb\xbf{}");
	assert_null(r->doc);
	assert_only(r, "OCI0001", 1, 1, 1, 2, "", "byte order mark");
	assert_int_equal(r->f.v[0].span.end.offset, 3);
	run_free(r);
}

static void
test_json_load_unterminated_string(void **state)
{
	struct run *r = *state;

	LOAD(r, "{\"a\":\"abc");
	assert_null(r->doc);
	assert_only(r, "OCI0001", 1, 6, 1, 10, "/a",
	    "the string starting here is not terminated");
	run_free(r);
}

static void
test_json_load_truncated_object(void **state)
{
	struct run *r = *state;

	LOAD(r, "{\n \"a\": {\"b\": 1,\n");
	assert_null(r->doc);
	assert_only(r, "OCI0001", 3, 1, 3, 1, "/a",
	    "expected '}' to close the object opened at 2:7");
	run_free(r);
	LOAD(r, "{\"a\": [1, 2");
	assert_only(r, "OCI0001", 1, 12, 1, 12, "/a/2",
	    "unexpected end of input");
	run_free(r);
	LOAD(r, "{\"a\": [");
	assert_only(r, "OCI0001", 1, 8, 1, 8, "/a/0",
	    "expected ']' to close the array opened at 1:7");
	run_free(r);
}

/* Findings already in the list are kept when a syntax error comes. */
static void
test_json_load_keeps_earlier_findings(void **state)
{
	struct run *r = *state;
	struct oc_error *err = NULL;

	memset(r, 0, sizeof(*r));
	r->src = source_from_mem("c.json", "{// x\n,}", 8);
	r->f.src = r->src;
	r->f.file = 3;
	findings_add(&r->f, OC_R_OCI1001, source_span(r->src, 0, 0), "",
	    "earlier");
	assert_int_equal(json_load(r->src, &r->f, &r->doc, &err), 0);
	assert_null(r->doc);
	assert_int_equal(r->f.n, 2);
	assert_string_equal(r->f.v[0].rule->id, "OCI1001");
	assert_string_equal(r->f.v[0].message, "earlier");
	assert_string_equal(r->f.v[1].rule->id, "OCI0001");
	assert_int_equal(r->f.v[1].file, 3);
	assert_int_equal(r->f.v[1].span.start.line, 2);
	assert_int_equal(r->f.v[1].span.start.col, 1);
	run_free(r);
}

/* Disabled rules are not reported by the loader either. */
static void
test_json_load_respects_settings(void **state)
{
	struct oc_rule_setting *set = xcalloc(OC_NRULES, sizeof(*set));
	struct run *r = *state;
	struct oc_error *err = NULL;
	size_t i;

	for (i = 0; i < OC_NRULES; i++) {
		set[i].enabled = 1;
		set[i].severity = (unsigned char)oc_rules[i].severity;
	}
	set[catalog_index(catalog_find("OCI0003"))].enabled = 0;
	set[catalog_index(catalog_find("OCI0002"))].severity = OC_SEV_INFO;
	memset(r, 0, sizeof(*r));
	r->src = source_from_mem("c.json", "{\"a\":1, /**/ \"a\":2}", 19);
	r->f.src = r->src;
	r->f.settings = set;
	assert_int_equal(json_load(r->src, &r->f, &r->doc, &err), 0);
	assert_non_null(r->doc);
	assert_int_equal(r->f.n, 1);
	assert_string_equal(r->f.v[0].rule->id, "OCI0002");
	assert_int_equal(r->f.v[0].severity, OC_SEV_INFO);
	run_free(r);
	free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_json_load_positions_across_lines),
		T(test_json_load_empty_object),
		T(test_json_load_positions_crlf_and_tabs),
		T(test_json_load_multibyte_columns),
		T(test_json_load_multibyte_on_earlier_line),
		T(test_json_load_escaped_strings_decode),
		T(test_json_load_unescaped_strings_exact),
		T(test_json_load_numbers_keep_raw_text),
		T(test_json_load_duplicate_key),
		T(test_json_load_duplicate_key_nested_multiline),
		T(test_json_load_triple_key_small_object),
		T(test_json_load_triple_key_large_object),
		T(test_json_load_syntax_error_missing_comma),
		T(test_json_load_syntax_error_acceptance),
		T(test_json_load_syntax_error_details),
		T(test_json_load_comments),
		T(test_json_load_comment_after_value),
		T(test_json_load_syntax_error_after_comment),
		T(test_json_load_trailing_comma),
		T(test_json_load_trailing_data),
		T(test_json_load_invalid_utf8_in_string),
		T(test_json_load_invalid_utf8_in_key),
		T(test_json_load_invalid_utf8_outside_string),
		T(test_json_load_unpaired_surrogate),
		T(test_json_load_escaped_nul),
		T(test_json_load_key_finding_pointer_is_decoded),
		T(test_json_load_top_level_not_object),
		T(test_json_load_nesting_256_accepted),
		T(test_json_load_nesting_257_refused),
		T(test_json_load_nesting_257_objects),
		T(test_json_load_million_brackets),
		T(test_json_load_too_large),
		T(test_json_load_string_too_long),
		T(test_json_load_empty_input),
		T(test_json_load_raw_nul),
		T(test_json_load_bom),
		T(test_json_load_unterminated_string),
		T(test_json_load_truncated_object),
		T(test_json_load_keeps_earlier_findings),
		T(test_json_load_respects_settings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
