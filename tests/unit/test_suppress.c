/* Unit tests for src/suppress.c: the one matcher (rule, path glob, pointer
 * prefix), the pass that applies matchers in order, and the matchers read
 * from ocicheck.ignore annotations. */
#include "ocicheck_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "ocicheck/json_load.h"
#include "ocicheck/suppress.h"

static struct oc_finding
finding(const char *id, const char *pointer)
{
	struct oc_finding f;

	memset(&f, 0, sizeof(f));
	f.rule = catalog_find(id);
	assert_non_null(f.rule);
	f.pointer = (char *)pointer;
	return f;
}

static struct oc_matcher
matcher(const char *id, const char *pointer, const char *why)
{
	struct oc_matcher m;

	memset(&m, 0, sizeof(m));
	m.rule = catalog_find(id);
	assert_non_null(m.rule);
	m.pointer = pointer;
	m.plen = pointer ? strlen(pointer) : 0;
	m.why = why;
	m.wlen = strlen(why);
	m.kind = OC_SUPPRESS_CONFIG;
	return m;
}

static void
test_match_pointer_prefix(void **state)
{
	struct oc_matcher m = matcher("OCI1101", "/process/args", "r");
	struct oc_finding f;

	(void)state;
	f = finding("OCI1101", "/process/args");
	assert_true(suppress_match(&m, &f, NULL));
	f = finding("OCI1101", "/process/args/0");
	assert_true(suppress_match(&m, &f, NULL));
	/* a sibling whose name starts the same is not under it */
	f = finding("OCI1101", "/process/argsX");
	assert_false(suppress_match(&m, &f, NULL));
	f = finding("OCI1101", "/process");
	assert_false(suppress_match(&m, &f, NULL));
	f = finding("OCI1101", "");
	assert_false(suppress_match(&m, &f, NULL));
	/* no pointer: the whole document */
	m = matcher("OCI1101", NULL, "r");
	assert_true(suppress_match(&m, &f, NULL));
	m = matcher("OCI1101", "", "r");
	f = finding("OCI1101", "/a/b");
	assert_true(suppress_match(&m, &f, NULL));
}

static void
test_match_pointer_is_length_bounded(void **state)
{
	/* an annotation's pointer is its value up to ": " */
	struct oc_matcher m = matcher("OCI1101", "/a: why", "why");
	struct oc_finding f = finding("OCI1101", "/a/b");

	(void)state;
	m.plen = 2;
	assert_true(suppress_match(&m, &f, NULL));
	f = finding("OCI1101", "/ab");
	assert_false(suppress_match(&m, &f, NULL));
}

static void
test_match_rule_glob_off(void **state)
{
	struct oc_matcher m = matcher("OCI1101", NULL, "r");
	struct oc_finding f = finding("OCI1102", "");

	(void)state;
	assert_false(suppress_match(&m, &f, "/x/config.json"));
	f = finding("OCI1101", "");
	m.glob = "/x/*/config.json";
	assert_true(suppress_match(&m, &f, "/x/a/config.json"));
	assert_false(suppress_match(&m, &f, "/y/a/config.json"));
	/* a glob with no path to match takes nothing */
	assert_false(suppress_match(&m, &f, NULL));
	m.glob = NULL;
	m.off = 1;
	assert_false(suppress_match(&m, &f, "/x/a/config.json"));
}

static void
test_apply_first_match_wins(void **state)
{
	struct oc_matcher m[3];
	struct oc_finding v[4];
	size_t i;

	(void)state;
	m[0] = matcher("OCI1101", "/a", "first");
	m[1] = matcher("OCI1101", NULL, "second");
	m[2] = matcher("OCI1102", NULL, "third");
	v[0] = finding("OCI1101", "/a/0");
	v[1] = finding("OCI1101", "/b");
	v[2] = finding("OCI1103", "/a");
	v[3] = finding("OCI1102", "/c");
	/* already suppressed by an annotation: kept as it is */
	v[3].suppressed = OC_SUPPRESS_INLINE;
	suppress_apply(v, 0, 4, m, 3, NULL);
	assert_int_equal(v[0].suppressed, OC_SUPPRESS_CONFIG);
	assert_string_equal(v[0].justification, "first");
	assert_int_equal(v[1].suppressed, OC_SUPPRESS_CONFIG);
	assert_string_equal(v[1].justification, "second");
	assert_int_equal(v[2].suppressed, OC_SUPPRESS_NONE);
	assert_null(v[2].justification);
	assert_int_equal(v[3].suppressed, OC_SUPPRESS_INLINE);
	assert_null(v[3].justification);
	assert_int_equal(m[0].used, 1);
	assert_int_equal(m[1].used, 1);
	assert_int_equal(m[2].used, 0);
	for (i = 0; i < 4; i++)
		free(v[i].justification);
}

/* A config.json loaded, its annotations read into matchers. */
struct ann {
	struct oc_source *src;
	struct oc_findings f;
	struct oc_doc *doc;
	struct oc_matcher *m;
	size_t n;
};

static void
ann_load(struct ann *a, const char *text)
{
	struct oc_error *err = NULL;

	memset(a, 0, sizeof(*a));
	a->src = source_from_mem("config.json", text, strlen(text));
	findings_begin_file(&a->f, 0, a->src);
	assert_int_equal(json_load(a->src, &a->f, &a->doc, &err), 0);
	assert_int_equal(a->f.n, 0);
	a->n = suppress_annotations(a->doc, doc_root(a->doc, 0), &a->f, &a->m);
}

static void
ann_free(struct ann *a)
{
	free(a->m);
	findings_clear(&a->f);
	doc_free(a->doc);
	source_free(a->src);
}

static int
wlen_is(const struct oc_matcher *m, const char *s)
{
	return m->wlen == strlen(s) && memcmp(m->why, s, m->wlen) == 0;
}

static void
test_annotations_to_matchers(void **state)
{
	struct ann a;

	(void)state;
	ann_load(&a, "{\"annotations\": {"
	    "\"org.example.ocicheck.ignore.OCI1101\": \"/process/args: built "
	    "that way\", "
	    "\"org.example.ocicheck.ignore.OCI1102,OCI1103\": \"whole file\", "
	    "\"org.example.unrelated\": \"x\", "
	    "\"org.example.ocicheck.ignore.OCI1104\": 5}}");
	assert_int_equal(a.f.n, 0);
	assert_int_equal(a.n, 3);
	assert_ptr_equal(a.m[0].rule, catalog_find("OCI1101"));
	assert_int_equal(a.m[0].plen, strlen("/process/args"));
	assert_memory_equal(a.m[0].pointer, "/process/args", a.m[0].plen);
	assert_true(wlen_is(&a.m[0], "built that way"));
	assert_int_equal(a.m[0].kind, OC_SUPPRESS_INLINE);
	assert_null(a.m[0].glob);
	assert_ptr_equal(a.m[1].rule, catalog_find("OCI1102"));
	assert_ptr_equal(a.m[2].rule, catalog_find("OCI1103"));
	assert_int_equal(a.m[1].plen, 0);
	assert_true(wlen_is(&a.m[2], "whole file"));
	ann_free(&a);
}

static void
test_annotations_raise_oci0032(void **state)
{
	struct ann a;
	size_t i;

	(void)state;
	ann_load(&a, "{\"annotations\": {"
	    "\"a.ocicheck.ignore.OCI9999\": \"typo\", "
	    "\"b.ocicheck.ignore.OCI1101\": \"  \", "
	    "\"c.ocicheck.ignore.OCI1101,OCI1102\": \"\", "
	    "\"ocicheck.ignore.OCI1101\": \"no domain\", "
	    "\"com.example.ocichek.ignore.OCI1101\": \"misspelt\"}}");
	assert_int_equal(a.n, 0);
	/* the empty reason of a comma list is said once */
	assert_int_equal(a.f.n, 5);
	for (i = 0; i < a.f.n; i++)
		assert_string_equal(a.f.v[i].rule->id, "OCI0032");
	assert_non_null(strstr(a.f.v[0].message, "'OCI9999' names no rule"));
	assert_non_null(strstr(a.f.v[1].message, "gives no reason"));
	assert_non_null(strstr(a.f.v[2].message, "gives no reason"));
	assert_non_null(strstr(a.f.v[3].message, "looks like a suppression"));
	assert_non_null(strstr(a.f.v[4].message,
	    "write 'com.example.ocicheck.ignore.OCI1101'"));
	/* at the annotation's key */
	assert_string_equal(a.f.v[0].pointer,
	    "/annotations/a.ocicheck.ignore.OCI9999");
	ann_free(&a);
}

static void
test_annotations_none(void **state)
{
	struct ann a;

	(void)state;
	ann_load(&a, "{\"annotations\": [\"org.example.ocicheck.ignore."
	    "OCI1101\"]}");
	assert_int_equal(a.n, 0);
	assert_null(a.m);
	assert_int_equal(a.f.n, 0);
	ann_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_pointer_prefix),
		cmocka_unit_test(test_match_pointer_is_length_bounded),
		cmocka_unit_test(test_match_rule_glob_off),
		cmocka_unit_test(test_apply_first_match_wins),
		cmocka_unit_test(test_annotations_to_matchers),
		cmocka_unit_test(test_annotations_raise_oci0032),
		cmocka_unit_test(test_annotations_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
