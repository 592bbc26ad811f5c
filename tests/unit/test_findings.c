/* Unit tests for src/findings.c: adding findings with and without rule
 * settings, sorting, truncating and freeing. */
#include "ocicheck_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "ocicheck/findings.h"

static const char text[] = "{\n  \"a\": [1, \"x\"],\n  \"b/c\": true\n}\n";

struct fixture {
	struct oc_source *src;
	struct oc_findings f;
	struct oc_rule_setting *settings;
};

static int
setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));
	size_t i;

	fx->src = source_from_mem("config.json", text, sizeof(text) - 1);
	fx->f.src = fx->src;
	fx->settings = xcalloc(OC_NRULES, sizeof(*fx->settings));
	for (i = 0; i < OC_NRULES; i++) {
		fx->settings[i].enabled = 1;
		fx->settings[i].severity = (unsigned char)oc_rules[i].severity;
	}
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	findings_clear(&fx->f);
	source_free(fx->src);
	free(fx->settings);
	free(fx);
	return 0;
}

static struct oc_rule_setting *
setting(struct fixture *fx, const char *id)
{
	const struct oc_rule *r = catalog_find(id);

	assert_non_null(r);
	return &fx->settings[catalog_index(r)];
}

static struct oc_span
span_at(const struct fixture *fx, size_t start, size_t end)
{
	return source_span(fx->src, start, end);
}

/* A finding at line:col (no source needed for sorting). */
static void
add_at(struct oc_findings *f, uint32_t file, const char *id, uint32_t line,
    uint32_t col, const char *msg)
{
	struct oc_span sp;

	memset(&sp, 0, sizeof(sp));
	sp.start.line = sp.end.line = line;
	sp.start.col = sp.end.col = col;
	f->file = file;
	findings_add(f, catalog_index(catalog_find(id)), sp, "", "%s", msg);
}

static void
test_findings_add_without_settings(void **state)
{
	struct fixture *fx = *state;
	struct oc_finding *x;

	fx->f.file = 2;
	findings_add(&fx->f, OC_R_OCI1101, span_at(fx, 4, 7), "/process/cwd",
	    "cwd '%s' is %d", "rel", 7);
	assert_int_equal(fx->f.n, 1);
	x = &fx->f.v[0];
	assert_true(x->rule == catalog_find("OCI1101"));
	assert_string_equal(x->rule->id, "OCI1101");
	assert_int_equal(x->severity, OC_SEV_ERROR);
	assert_int_equal(x->file, 2);
	assert_int_equal(x->span.start.line, 2);
	assert_int_equal(x->span.start.col, 3);
	assert_int_equal(x->span.end.col, 6);
	assert_int_equal(x->span.end.offset, 7);
	assert_string_equal(x->pointer, "/process/cwd");
	assert_string_equal(x->message, "cwd 'rel' is 7");
}

static void
test_findings_add_copies_pointer(void **state)
{
	struct fixture *fx = *state;
	char ptr[] = "/a/0";

	findings_add(&fx->f, OC_R_OCI0001, span_at(fx, 0, 1), ptr, "m");
	ptr[1] = 'X';
	assert_string_equal(fx->f.v[0].pointer, "/a/0");
	findings_add(&fx->f, OC_R_OCI0001, span_at(fx, 0, 1), NULL, "n");
	assert_int_equal(fx->f.n, 2);
	assert_non_null(fx->f.v[1].pointer);
	assert_string_equal(fx->f.v[1].pointer, "");
}

static void
test_findings_settings_disable(void **state)
{
	struct fixture *fx = *state;

	setting(fx, "OCI0003")->enabled = 0;
	fx->f.settings = fx->settings;
	findings_add(&fx->f, OC_R_OCI0003, span_at(fx, 0, 1), "", "dropped");
	assert_int_equal(fx->f.n, 0);
	assert_null(fx->f.v);
	findings_add(&fx->f, OC_R_OCI0002, span_at(fx, 0, 1), "", "kept");
	assert_int_equal(fx->f.n, 1);
	assert_string_equal(fx->f.v[0].rule->id, "OCI0002");
	assert_int_equal(fx->f.v[0].severity, OC_SEV_ERROR);
	assert_string_equal(fx->f.v[0].message, "kept");
}

static void
test_findings_settings_severity_override(void **state)
{
	struct fixture *fx = *state;

	setting(fx, "OCI1002")->severity = OC_SEV_INFO;
	setting(fx, "OCI0005")->severity = OC_SEV_WARNING;
	fx->f.settings = fx->settings;
	findings_add(&fx->f, OC_R_OCI1002, span_at(fx, 0, 1), "", "a");
	findings_add(&fx->f, OC_R_OCI0005, span_at(fx, 0, 1), "", "b");
	findings_add(&fx->f, OC_R_OCI0001, span_at(fx, 0, 1), "", "c");
	assert_int_equal(fx->f.n, 3);
	assert_int_equal(fx->f.v[0].severity, OC_SEV_INFO);
	assert_int_equal(fx->f.v[1].severity, OC_SEV_WARNING);
	assert_int_equal(fx->f.v[2].severity, OC_SEV_ERROR);
	/* The rule keeps its default; only the finding changes. */
	assert_int_equal(fx->f.v[0].rule->severity, OC_SEV_ERROR);
	/* Without settings the default applies again. */
	fx->f.settings = NULL;
	findings_add(&fx->f, OC_R_OCI1002, span_at(fx, 0, 1), "", "d");
	assert_int_equal(fx->f.v[3].severity, OC_SEV_ERROR);
}

/* Builds {"a": [1, "x"], "b/c": true} over text with the builder. */
static struct oc_doc *
build(const struct fixture *fx)
{
	struct oc_doc *doc = doc_new(fx->src);
	const char *s = fx->src->data;

	doc_open(doc, OC_OBJECT, 0);
	doc_key(doc, 4, 7, s + 5, 1, OC_TEXT_SOURCE);
	doc_open(doc, OC_ARRAY, 9);
	doc_scalar(doc, OC_NUMBER, 10, 11, s + 10, 1, OC_TEXT_SOURCE);
	doc_scalar(doc, OC_STRING, 13, 16, s + 14, 1, OC_TEXT_SOURCE);
	doc_close(doc, 17, NULL, NULL);
	doc_key(doc, 21, 26, s + 22, 3, OC_TEXT_SOURCE);
	doc_scalar(doc, OC_BOOL, 28, 32, s + 28, 4, OC_TEXT_SOURCE);
	doc_close(doc, 34, NULL, NULL);
	return doc;
}

static void
test_findings_add_node(void **state)
{
	struct fixture *fx = *state;
	struct oc_doc *doc = build(fx);
	const struct oc_node *root = doc_root(doc, 0), *bc, *x;

	bc = doc_get(doc, root, "b/c");
	x = doc_at(doc, doc_get(doc, root, "a"), 1);
	assert_non_null(bc);
	assert_non_null(x);
	findings_add_node(&fx->f, OC_R_OCI1101, -1, doc, bc, OC_AT_VALUE, "value %d", 1);
	findings_add_node(&fx->f, OC_R_OCI1101, -1, doc, bc, OC_AT_KEY, "key %s", "b/c");
	findings_add_node(&fx->f, OC_R_OCI0006, -1, doc, x, OC_AT_KEY, "element");
	findings_add_node(&fx->f, OC_R_OCI0008, -1, doc, root, OC_AT_VALUE,
	    "root");
	/* Something missing: at the member name, else the opening byte. */
	findings_add_node(&fx->f, OC_R_OCI1101, -1, doc, bc, OC_AT_OPEN, "o");
	findings_add_node(&fx->f, OC_R_OCI1101, OC_SEV_INFO, doc, root,
	    OC_AT_OPEN, "p");
	assert_int_equal(fx->f.n, 6);
	assert_int_equal(fx->f.v[4].span.start.col, 3);
	assert_int_equal(fx->f.v[4].span.end.col, 8);
	assert_int_equal(fx->f.v[5].span.start.line, 1);
	assert_int_equal(fx->f.v[5].span.start.col, 1);
	assert_int_equal(fx->f.v[5].span.end.line, 1);
	assert_int_equal(fx->f.v[5].span.end.col, 2);
	assert_int_equal(fx->f.v[5].severity, OC_SEV_INFO);
	/* The value "true" at 3:10. */
	assert_string_equal(fx->f.v[0].pointer, "/b~1c");
	assert_int_equal(fx->f.v[0].span.start.line, 3);
	assert_int_equal(fx->f.v[0].span.start.col, 10);
	assert_int_equal(fx->f.v[0].span.end.col, 14);
	assert_string_equal(fx->f.v[0].message, "value 1");
	/* The key "b/c" at 3:3. */
	assert_string_equal(fx->f.v[1].pointer, "/b~1c");
	assert_int_equal(fx->f.v[1].span.start.line, 3);
	assert_int_equal(fx->f.v[1].span.start.col, 3);
	assert_int_equal(fx->f.v[1].span.end.col, 8);
	assert_string_equal(fx->f.v[1].message, "key b/c");
	/* An array element has no key: its value span is used. */
	assert_string_equal(fx->f.v[2].pointer, "/a/1");
	assert_int_equal(fx->f.v[2].span.start.line, 2);
	assert_int_equal(fx->f.v[2].span.start.col, 12);
	assert_int_equal(fx->f.v[2].span.end.col, 15);
	assert_string_equal(fx->f.v[3].pointer, "");
	assert_int_equal(fx->f.v[3].span.start.line, 1);
	assert_int_equal(fx->f.v[3].span.end.line, 4);
	assert_int_equal(fx->f.v[3].span.end.col, 2);
	doc_free(doc);
}

static void
test_findings_add_node_respects_settings(void **state)
{
	struct fixture *fx = *state;
	struct oc_doc *doc = build(fx);

	setting(fx, "OCI1101")->enabled = 0;
	fx->f.settings = fx->settings;
	findings_add_node(&fx->f, OC_R_OCI1101, -1, doc, doc_root(doc, 0),
	    OC_AT_VALUE, "x");
	assert_int_equal(fx->f.n, 0);
	doc_free(doc);
}

static void
test_findings_grow(void **state)
{
	struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < 100; i++)
		findings_add(&fx->f, OC_R_OCI0001, span_at(fx, i % 30, i % 30),
		    "", "#%zu", i);
	assert_int_equal(fx->f.n, 100);
	assert_true(fx->f.cap >= 100);
	assert_string_equal(fx->f.v[0].message, "#0");
	assert_string_equal(fx->f.v[99].message, "#99");
}

/* Past OC_MAX_FINDINGS an input's findings are counted, not kept, and end
 * as one OCI0010 finding at the first dropped one; the next input starts
 * afresh. */
static void
test_findings_limit_per_input(void **state)
{
	struct fixture *fx = *state;
	const struct oc_finding *last;
	size_t i;

	for (i = 0; i < OC_MAX_FINDINGS + 3; i++)
		findings_add(&fx->f, OC_R_OCI0002, span_at(fx, i % 30, i % 30),
		    "/a", "#%zu", i);
	assert_int_equal(fx->f.n, OC_MAX_FINDINGS);
	assert_int_equal(fx->f.dropped, 3);
	findings_end_file(&fx->f);
	assert_int_equal(fx->f.n, OC_MAX_FINDINGS + 1);
	last = &fx->f.v[fx->f.n - 1];
	assert_string_equal(last->rule->id, "OCI0010");
	assert_string_equal(last->message, "3 more findings in this input are "
	    "not reported: ocicheck keeps at most 100000 per input");
	assert_int_equal(last->span.start.offset, OC_MAX_FINDINGS % 30);
	assert_int_equal(fx->f.dropped, 0);
	add_at(&fx->f, 1, "OCI0001", 1, 1, "next input");
	assert_int_equal(fx->f.n, OC_MAX_FINDINGS + 2);
	/* an input under the limit ends without a note */
	findings_end_file(&fx->f);
	assert_int_equal(fx->f.n, OC_MAX_FINDINGS + 2);
}

/* A producer that reports on several inputs in turn (derive) counts them
 * together; the note of the findings over the limit is in the input of
 * the first one dropped, whichever input is current at the end. */
static void
test_findings_limit_across_switched_inputs(void **state)
{
	struct fixture *fx = *state;
	const struct oc_finding *last;
	size_t i;

	findings_begin_file(&fx->f, 0, fx->src);
	for (i = 0; i < OC_MAX_FINDINGS; i++)
		findings_add(&fx->f, OC_R_OCI0002, span_at(fx, 0, 1), "", "#%zu", i);
	findings_switch_file(&fx->f, 1, fx->src);
	findings_add(&fx->f, OC_R_OCI0002, span_at(fx, 2, 3), "", "over");
	findings_switch_file(&fx->f, 2, fx->src);
	findings_add(&fx->f, OC_R_OCI0002, span_at(fx, 4, 5), "", "over");
	assert_int_equal(fx->f.n, OC_MAX_FINDINGS);
	findings_end_file(&fx->f);
	assert_int_equal(fx->f.n, OC_MAX_FINDINGS + 1);
	last = &fx->f.v[fx->f.n - 1];
	assert_string_equal(last->rule->id, "OCI0010");
	assert_int_equal(last->file, 1);
	assert_int_equal(last->span.start.offset, 2);
	assert_string_equal(last->message, "2 more findings in this input are "
	    "not reported: ocicheck keeps at most 100000 per input");
	/* the next input starts afresh */
	findings_begin_file(&fx->f, 3, fx->src);
	assert_int_equal(fx->f.file, 3);
	assert_int_equal(fx->f.kept, 0);
	assert_int_equal(fx->f.dropped, 0);
}

static void
test_findings_sort_order(void **state)
{
	struct fixture *fx = *state;
	static const char *const want[] = {
		"f0 1:1 OCI0001", "f0 1:5 OCI0003", "f0 2:1 OCI0001 a",
		"f0 2:1 OCI0001 b", "f0 2:1 OCI0002", "f0 2:2 OCI0001",
		"f0 10:1 OCI0001", "f1 1:1 OCI0005", "f1 3:3 OCI0004",
	};
	size_t i;

	/* Added in scrambled order. */
	add_at(&fx->f, 1, "OCI0004", 3, 3, "f1 3:3 OCI0004");
	add_at(&fx->f, 0, "OCI0001", 10, 1, "f0 10:1 OCI0001");
	add_at(&fx->f, 0, "OCI0002", 2, 1, "f0 2:1 OCI0002");
	add_at(&fx->f, 0, "OCI0001", 2, 2, "f0 2:2 OCI0001");
	add_at(&fx->f, 1, "OCI0005", 1, 1, "f1 1:1 OCI0005");
	add_at(&fx->f, 0, "OCI0001", 2, 1, "f0 2:1 OCI0001 b");
	add_at(&fx->f, 0, "OCI0003", 1, 5, "f0 1:5 OCI0003");
	add_at(&fx->f, 0, "OCI0001", 2, 1, "f0 2:1 OCI0001 a");
	add_at(&fx->f, 0, "OCI0001", 1, 1, "f0 1:1 OCI0001");
	assert_int_equal(fx->f.n, ARRAY_SIZE(want));
	findings_sort(&fx->f);
	for (i = 0; i < ARRAY_SIZE(want); i++)
		assert_string_equal(fx->f.v[i].message, want[i]);
	assert_int_equal(fx->f.v[7].file, 1);
	/* Sorting again changes nothing. */
	findings_sort(&fx->f);
	for (i = 0; i < ARRAY_SIZE(want); i++)
		assert_string_equal(fx->f.v[i].message, want[i]);
}

/* Rule ids compare as strings: OCI0010 after OCI0002, OCI1001 last. */
static void
test_findings_sort_rule_ids(void **state)
{
	struct fixture *fx = *state;

	add_at(&fx->f, 0, "OCI1001", 1, 1, "c");
	add_at(&fx->f, 0, "OCI0010", 1, 1, "b");
	add_at(&fx->f, 0, "OCI0002", 1, 1, "a");
	findings_sort(&fx->f);
	assert_string_equal(fx->f.v[0].rule->id, "OCI0002");
	assert_string_equal(fx->f.v[1].rule->id, "OCI0010");
	assert_string_equal(fx->f.v[2].rule->id, "OCI1001");
}

static void
test_findings_sort_empty_and_single(void **state)
{
	struct fixture *fx = *state;

	findings_sort(&fx->f);
	assert_int_equal(fx->f.n, 0);
	add_at(&fx->f, 0, "OCI0001", 1, 1, "only");
	findings_sort(&fx->f);
	assert_int_equal(fx->f.n, 1);
	assert_string_equal(fx->f.v[0].message, "only");
}

static void
test_findings_truncate(void **state)
{
	struct fixture *fx = *state;
	struct oc_finding *v;

	add_at(&fx->f, 0, "OCI0001", 1, 1, "one");
	add_at(&fx->f, 0, "OCI0002", 1, 2, "two");
	add_at(&fx->f, 0, "OCI0003", 1, 3, "three");
	v = fx->f.v;
	findings_truncate(&fx->f, 5);	/* more than there are: no change */
	assert_int_equal(fx->f.n, 3);
	findings_truncate(&fx->f, 1);
	assert_int_equal(fx->f.n, 1);
	assert_true(fx->f.v == v);	/* the array is kept */
	assert_string_equal(fx->f.v[0].message, "one");
	add_at(&fx->f, 0, "OCI0004", 1, 4, "four");
	assert_int_equal(fx->f.n, 2);
	assert_string_equal(fx->f.v[1].message, "four");
	findings_truncate(&fx->f, 0);
	assert_int_equal(fx->f.n, 0);
}

static void
test_findings_clear(void **state)
{
	struct fixture *fx = *state;

	add_at(&fx->f, 0, "OCI0001", 1, 1, "one");
	add_at(&fx->f, 0, "OCI0002", 1, 2, "two");
	findings_clear(&fx->f);
	assert_int_equal(fx->f.n, 0);
	assert_int_equal(fx->f.cap, 0);
	assert_null(fx->f.v);
	/* Context survives and the list is usable again. */
	assert_true(fx->f.src == fx->src);
	add_at(&fx->f, 0, "OCI0003", 1, 1, "again");
	assert_int_equal(fx->f.n, 1);
	assert_string_equal(fx->f.v[0].rule->id, "OCI0003");
	findings_clear(&fx->f);
	findings_clear(&fx->f);
	findings_clear(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_findings_add_without_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_findings_add_copies_pointer,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_findings_settings_disable,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_findings_settings_severity_override, setup, teardown),
		cmocka_unit_test_setup_teardown(test_findings_add_node,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_findings_add_node_respects_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_findings_grow,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_findings_limit_per_input,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_findings_limit_across_switched_inputs,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_findings_sort_order,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_findings_sort_rule_ids,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_findings_sort_empty_and_single, setup, teardown),
		cmocka_unit_test_setup_teardown(test_findings_truncate,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_findings_clear,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
