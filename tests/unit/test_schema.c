/* Unit tests for src/checks/oci/schema.c: the walker's helpers (exact integer
 * ranges from the raw text, did-you-mean distance, pattern matchers), then
 * schema_check() over small documents checked as different releases. */
#include "ocicheck_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "ocicheck/json_load.h"
#include "ocicheck/schema.h"

/* Integers. */

/* Is the literal text within [min, max]? -1: not an integer literal. */
static int
fits(const char *text, int64_t min, uint64_t max)
{
	struct oc_schema_int v;

	if (schema_int_parse(text, strlen(text), &v) < 0)
		return -1;
	return schema_int_in_range(&v, min, max);
}

/* Each C integer type of the spec at its boundaries, as text. */
static void
test_schema_int_boundaries(void **state)
{
	static const struct {
		const char *type;
		int64_t min;
		uint64_t max;
		const char *below, *lo, *hi, *above;
	} t[] = {
		{ "int8", -128, 127, "-129", "-128", "127", "128" },
		{ "int16", -32768, 32767, "-32769", "-32768", "32767",
		    "32768" },
		{ "int32", INT32_MIN, INT32_MAX, "-2147483649",
		    "-2147483648", "2147483647", "2147483648" },
		{ "int64", INT64_MIN, INT64_MAX, "-9223372036854775809",
		    "-9223372036854775808", "9223372036854775807",
		    "9223372036854775808" },
		{ "uint8", 0, 255, "-1", "0", "255", "256" },
		{ "uint16", 0, 65535, "-1", "0", "65535", "65536" },
		{ "uint32", 0, UINT32_MAX, "-1", "0", "4294967295",
		    "4294967296" },
		{ "uint64", 0, UINT64_MAX, "-1", "0", "18446744073709551615",
		    "18446744073709551616" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		assert_int_equal(fits(t[i].below, t[i].min, t[i].max), 0);
		assert_int_equal(fits(t[i].lo, t[i].min, t[i].max), 1);
		assert_int_equal(fits(t[i].hi, t[i].min, t[i].max), 1);
		assert_int_equal(fits(t[i].above, t[i].min, t[i].max), 0);
	}
}

static void
test_schema_int_named_ranges(void **state)
{
	(void)state;
	/* FileMode 0..511 and a hook timeout of at least 1. */
	assert_int_equal(fits("511", 0, 511), 1);
	assert_int_equal(fits("512", 0, 511), 0);
	assert_int_equal(fits("0", 1, INT64_MAX), 0);
	assert_int_equal(fits("1", 1, INT64_MAX), 1);
	assert_int_equal(fits("-5", 1, INT64_MAX), 0);
	/* Far beyond 64 bits, with many digits. */
	assert_int_equal(fits("-99999999999999999999999", INT64_MIN,
	    INT64_MAX), 0);
	assert_int_equal(fits("99999999999999999999999", 0, UINT64_MAX), 0);
}

static void
test_schema_int_parse_text(void **state)
{
	struct oc_schema_int v;

	(void)state;
	assert_int_equal(schema_int_parse("1e3", 3, &v), -1);
	assert_int_equal(schema_int_parse("1E3", 3, &v), -1);
	assert_int_equal(schema_int_parse("1.5", 3, &v), -1);
	assert_int_equal(schema_int_parse("1.0", 3, &v), -1);
	assert_int_equal(schema_int_parse("-", 1, &v), -1);
	assert_int_equal(schema_int_parse("", 0, &v), -1);
	assert_int_equal(schema_int_parse("-0", 2, &v), 0);
	assert_true(v.neg);
	assert_int_equal(v.mag, 0);
	assert_int_equal(schema_int_parse("18446744073709551615", 20, &v), 0);
	assert_false(v.overflow);
	assert_true(v.mag == UINT64_MAX);
	assert_int_equal(schema_int_parse("18446744073709551616", 20, &v), 0);
	assert_true(v.overflow);
	/* The text is not NUL-terminated: only n bytes count. */
	assert_int_equal(schema_int_parse("12345", 2, &v), 0);
	assert_int_equal(v.mag, 12);
}

/* Names. */

#define DIST(a, b) text_distance((a), strlen(a), (b), strlen(b))

static void
test_text_distance(void **state)
{
	(void)state;
	assert_int_equal(DIST("rootPropagation", "rootfsPropagation"), 2);
	/* A transposition counts once. */
	assert_int_equal(DIST("mounst", "mounts"), 1);
	assert_int_equal(DIST("CWD", "cwd"), 0);	/* case ignored */
	assert_int_equal(DIST("", "abc"), 3);
	assert_int_equal(DIST("abc", ""), 3);
	assert_int_equal(DIST("kitten", "sitting"), 3);
	assert_int_equal(DIST("ab", "ba"), 1);
	assert_int_equal(DIST("netwrok", "network"), 1);
	assert_true(DIST("a", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxx") == SIZE_MAX);
}

static void
test_text_distance_limit(void **state)
{
	(void)state;
	assert_int_equal(text_distance_limit(3), 1);
	assert_int_equal(text_distance_limit(4), 1);
	assert_int_equal(text_distance_limit(6), 2);
	assert_int_equal(text_distance_limit(8), 2);
	assert_int_equal(text_distance_limit(15), 3);
}

/* Patterns. */

#define MATCH(p, lit) schema_pattern_match((p), (lit), sizeof(lit) - 1)

static void
test_schema_pattern_page_size(void **state)
{
	(void)state;
	assert_true(MATCH(OC_PAT_PAGE_SIZE, "2MB"));
	assert_true(MATCH(OC_PAT_PAGE_SIZE, "64KB"));
	assert_true(MATCH(OC_PAT_PAGE_SIZE, "1GB"));
	assert_true(MATCH(OC_PAT_PAGE_SIZE, "1024KB"));
	assert_false(MATCH(OC_PAT_PAGE_SIZE, "64kB"));
	assert_false(MATCH(OC_PAT_PAGE_SIZE, "0MB"));
	assert_false(MATCH(OC_PAT_PAGE_SIZE, "MB"));
	assert_false(MATCH(OC_PAT_PAGE_SIZE, "2TB"));
	assert_false(MATCH(OC_PAT_PAGE_SIZE, "2MB\n"));
	assert_false(MATCH(OC_PAT_PAGE_SIZE, "2 MB"));
	assert_false(MATCH(OC_PAT_PAGE_SIZE, "2M"));
	assert_false(MATCH(OC_PAT_PAGE_SIZE, ""));
}

static void
test_schema_pattern_rlimit(void **state)
{
	(void)state;
	assert_true(MATCH(OC_PAT_RLIMIT, "RLIMIT_NOFILE"));
	assert_true(MATCH(OC_PAT_RLIMIT, "RLIMIT_A"));
	assert_false(MATCH(OC_PAT_RLIMIT, "RLIMIT_"));
	assert_false(MATCH(OC_PAT_RLIMIT, "RLIMIT_nofile"));
	assert_false(MATCH(OC_PAT_RLIMIT, "rlimit_NOFILE"));
	assert_false(MATCH(OC_PAT_RLIMIT, "RLIMIT_NO_FILE"));
	assert_false(MATCH(OC_PAT_RLIMIT, "RLIMIT_NOFILE\0"));
}

static void
test_schema_pattern_membw(void **state)
{
	(void)state;
	assert_true(MATCH(OC_PAT_MEMBW, "MB:0=70;1=20"));
	assert_true(MATCH(OC_PAT_MEMBW, "MB:"));
	assert_true(MATCH(OC_PAT_MEMBW, "MB:0=70\r"));
	assert_false(MATCH(OC_PAT_MEMBW, "MB:0=70\n"));
	assert_false(MATCH(OC_PAT_MEMBW, "mb:0=70"));
	assert_false(MATCH(OC_PAT_MEMBW, "L3:0=ff"));
	assert_false(MATCH(OC_PAT_MEMBW, "MB"));
}

static void
test_schema_pattern_cpu_list_and_device(void **state)
{
	(void)state;
	assert_true(MATCH(OC_PAT_CPU_LIST, "0-3,7"));
	assert_true(MATCH(OC_PAT_CPU_LIST, "0, 2 - 4"));
	assert_true(MATCH(OC_PAT_CPU_LIST, ""));
	assert_false(MATCH(OC_PAT_CPU_LIST, "0-3;7"));
	assert_false(MATCH(OC_PAT_CPU_LIST, "0\0"));
	assert_true(MATCH(OC_PAT_DEVICE_TYPE, "c"));
	assert_true(MATCH(OC_PAT_DEVICE_TYPE, "b"));
	assert_true(MATCH(OC_PAT_DEVICE_TYPE, "u"));
	assert_true(MATCH(OC_PAT_DEVICE_TYPE, "p"));
	assert_false(MATCH(OC_PAT_DEVICE_TYPE, "cb"));
	assert_false(MATCH(OC_PAT_DEVICE_TYPE, "C"));
	assert_false(MATCH(OC_PAT_DEVICE_TYPE, ""));
	assert_false(MATCH(OC_PAT_DEVICE_TYPE, "\0"));
}

/* The generated table. */

static void
test_schema_table_sorted(void **state)
{
	size_t i, j;

	(void)state;
	/* Binary search needs every node's members in byte order. */
	for (i = 0; i < oc_schema_nnodes; i++) {
		const struct oc_schema_node *n = &oc_schema_nodes[i];

		for (j = 1; j < n->nmembers; j++) {
			const struct oc_schema_member *a =
			    &oc_schema_members[n->members + j - 1];
			const struct oc_schema_member *b = a + 1;
			size_t len = a->len < b->len ? a->len : b->len;
			int c = memcmp(a->name, b->name, len);

			assert_true(c < 0 || (c == 0 && a->len < b->len));
			assert_int_equal(strlen(b->name), b->len);
		}
	}
	assert_true(oc_schema_root < oc_schema_nnodes);
}

static void
test_schema_member_find(void **state)
{
	const struct oc_schema_node *root = &oc_schema_nodes[oc_schema_root];
	const struct oc_schema_member *m;

	(void)state;
	m = schema_member_find(root, "process", 7);
	assert_non_null(m);
	assert_int_equal(m->vmask, OC_VALL);
	assert_null(schema_member_find(root, "Process", 7));
	assert_null(schema_member_find(root, "proces", 6));
	assert_null(schema_member_find(root, "", 0));
	/* A member of one release only. */
	m = schema_member_find(root, "freebsd", 7);
	assert_non_null(m);
	assert_int_equal(m->vmask, OC_VBIT(OC_V1_3_0));
	/* A pre-1.0 shape is known, in no release. */
	m = schema_member_find(root, "platform", 8);
	assert_non_null(m);
	assert_int_equal(m->vmask, 0);
	assert_int_not_equal(m->legacy, 0);
}

/* schema_check() over documents. */

struct run {
	struct oc_source *src;
	struct oc_findings f;
	struct oc_doc *doc;
};

static int
setup(void **state)
{
	*state = xcalloc(1, sizeof(struct run));
	return 0;
}

static int
teardown(void **state)
{
	struct run *r = *state;

	findings_clear(&r->f);
	doc_free(r->doc);
	source_free(r->src);
	free(r);
	return 0;
}

/* Load text and run the schema pass as release version (-1: from the
 * document) and platform (-1: detected). */
static void
check_as(struct run *r, const char *text, int version, int platform)
{
	struct oc_check_opts opts = { .platform = platform,
	    .version = version };
	struct oc_check_ctx ctx = { 0 };
	struct oc_error *err = NULL;

	findings_clear(&r->f);
	doc_free(r->doc);
	source_free(r->src);
	memset(r, 0, sizeof(*r));
	r->src = source_from_mem("config.json", text, strlen(text));
	r->f.src = r->src;
	assert_int_equal(json_load(r->src, &r->f, &r->doc, &err), 0);
	assert_non_null(r->doc);
	assert_int_equal(r->f.n, 0);
	check_context(&ctx, r->doc, &opts);
	ctx.out = &r->f;
	assert_int_equal(schema_check(&ctx, &err), 0);
	assert_null(err);
}

/* Finding i has rule id, pointer and a message containing part. */
static void
expect(const struct run *r, size_t i, const char *id, const char *pointer,
    const char *part)
{
	assert_true(i < r->f.n);
	assert_string_equal(r->f.v[i].rule->id, id);
	assert_string_equal(r->f.v[i].pointer, pointer);
	if (strstr(r->f.v[i].message, part) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", r->f.v[i].message,
		    part);
}

static void
test_schema_check_member_added_later(void **state)
{
	struct run *r = *state;
	static const char doc[] =
	    "{\"ociVersion\": \"1.0.2\", \"linux\": {\"intelRdt\": "
	    "{\"schemata\": [\"L3:0=f\"]}}}";

	check_as(r, doc, -1, -1);
	assert_int_equal(r->f.n, 1);
	expect(r, 0, "OCI0022", "/linux/intelRdt/schemata",
	    "was added in 1.3.0; the config declares 1.0.2");
	check_as(r, doc, OC_V1_3_0, -1);
	assert_int_equal(r->f.n, 0);
	/* Forced by --spec-version, the message says so. */
	check_as(r, doc, OC_V1_2_0, -1);
	assert_int_equal(r->f.n, 1);
	expect(r, 0, "OCI0022", "/linux/intelRdt/schemata",
	    "checked against 1.2.0");
}

static void
test_schema_check_member_of_later_release_checked(void **state)
{
	struct run *r = *state;

	/* netDevices came in 1.3.0: reported, then checked as 1.3.0 has it. */
	check_as(r, "{\"ociVersion\": \"1.0.0\", \"linux\": {\"netDevices\": "
	    "{\"eth0\": {\"name\": 23}}}}", -1, -1);
	assert_int_equal(r->f.n, 2);
	expect(r, 0, "OCI0022", "/linux/netDevices", "was added in 1.3.0");
	expect(r, 1, "OCI0100", "/linux/netDevices/eth0/name",
	    "must be a string (got a number)");
}

static void
test_schema_check_required_by_release(void **state)
{
	struct run *r = *state;
	static const char doc[] =
	    "{\"ociVersion\": \"1.0.0\", \"process\": {\"cwd\": \"/\"}}";

	/* args was required until 1.0.2 made it optional for Windows. */
	check_as(r, doc, OC_V1_0_0, -1);
	assert_int_equal(r->f.n, 1);
	expect(r, 0, "OCI0101", "/process",
	    "is missing args, which release 1.0.0 requires");
	check_as(r, doc, OC_V1_2_0, -1);
	assert_int_equal(r->f.n, 0);
}

static void
test_schema_check_file_mode_by_release(void **state)
{
	struct run *r = *state;
	static const char doc[] =
	    "{\"ociVersion\": \"1.2.0\", \"linux\": {\"devices\": [{\"path\": "
	    "\"/dev/x\", \"type\": \"c\", \"major\": 1, \"minor\": 0, "
	    "\"fileMode\": 512}]}}";

	/* 1.3.0 fixed the off-by-one maximum of FileMode. */
	check_as(r, doc, OC_V1_2_0, -1);
	assert_int_equal(r->f.n, 0);
	check_as(r, doc, OC_V1_3_0, -1);
	assert_int_equal(r->f.n, 1);
	expect(r, 0, "OCI0104", "/linux/devices/0/fileMode",
	    "must be 0 to 511 (FileMode), got 512");
}

static void
test_schema_check_enum_value_added_later(void **state)
{
	struct run *r = *state;
	static const char doc[] =
	    "{\"ociVersion\": \"1.0.0\", \"linux\": {\"seccomp\": "
	    "{\"defaultAction\": \"SCMP_ACT_KILL_PROCESS\"}}}";

	/* 1.0.0 had no enum, but the value came after the enum did. */
	check_as(r, doc, OC_V1_0_0, -1);
	assert_int_equal(r->f.n, 1);
	expect(r, 0, "OCI0022", "/linux/seccomp/defaultAction",
	    "was added in 1.1.0");
	check_as(r, doc, OC_V1_1_0, -1);
	assert_int_equal(r->f.n, 0);
}

static void
test_schema_check_unknown_and_case(void **state)
{
	struct run *r = *state;

	check_as(r, "{\"ociVersion\": \"1.2.0\", \"linux\": "
	    "{\"rootPropagation\": \"private\"}, \"Hostname\": \"x\"}",
	    -1, -1);
	assert_int_equal(r->f.n, 2);
	findings_sort(&r->f);
	expect(r, 0, "OCI0020", "/linux/rootPropagation",
	    "did you mean rootfsPropagation?");
	expect(r, 1, "OCI0021", "/Hostname", "matches the member hostname");
	/* Free-form maps take any key. */
	check_as(r, "{\"ociVersion\": \"1.2.0\", \"annotations\": "
	    "{\"rootPropagation\": \"x\"}, \"linux\": {\"sysctl\": "
	    "{\"Process\": \"1\"}}}", -1, -1);
	assert_int_equal(r->f.n, 0);
}

static void
test_schema_check_renamed_by_case(void **state)
{
	struct run *r = *state;
	static const char old[] =
	    "{\"ociVersion\": \"1.0.0\", \"linux\": {\"resources\": "
	    "{\"blockIO\": {\"throttleReadIopsDevice\": []}}}}";
	static const char cur[] =
	    "{\"ociVersion\": \"1.0.0\", \"linux\": {\"resources\": "
	    "{\"blockIO\": {\"throttleReadIOPSDevice\": []}}}}";

	check_as(r, old, OC_V1_0_0, -1);
	assert_int_equal(r->f.n, 0);
	check_as(r, old, OC_V1_2_0, -1);
	assert_int_equal(r->f.n, 1);
	expect(r, 0, "OCI0021",
	    "/linux/resources/blockIO/throttleReadIopsDevice",
	    "throttleReadIOPSDevice");
	/* The corrected spelling is right even for a 1.0.0 config. */
	check_as(r, cur, OC_V1_0_0, -1);
	assert_int_equal(r->f.n, 0);
}

static void
test_schema_check_wrong_container_once(void **state)
{
	struct run *r = *state;

	check_as(r, "{\"ociVersion\": \"1.2.0\", \"mounts\": {\"a\": "
	    "{\"b\": [1, 2, {\"c\": 3}]}}, \"process\": {\"cwd\": \"/\", "
	    "\"user\": []}}", -1, -1);
	assert_int_equal(r->f.n, 2);
	expect(r, 0, "OCI0100", "/mounts", "must be an array (got an "
	    "object)");
	expect(r, 1, "OCI0100", "/process/user", "must be an object");
}

static void
test_schema_check_integers(void **state)
{
	struct run *r = *state;

	check_as(r, "{\"ociVersion\": \"1.2.0\", \"process\": {\"cwd\": "
	    "\"/\", \"user\": {\"uid\": 0, \"gid\": 0}, \"rlimits\": "
	    "[{\"type\": \"RLIMIT_NOFILE\", \"soft\": -1, \"hard\": 1e3}]}}",
	    -1, -1);
	assert_int_equal(r->f.n, 2);
	expect(r, 0, "OCI0104", "/process/rlimits/0/soft",
	    "reads it as 18446744073709551615");
	expect(r, 1, "OCI0100", "/process/rlimits/0/hard",
	    "must be an integer (got 1e3");
}

static void
test_schema_check_prose_required(void **state)
{
	struct run *r = *state;
	static const char posix[] =
	    "{\"ociVersion\": \"1.2.0\", \"process\": {\"cwd\": \"/\", "
	    "\"user\": {}}, \"linux\": {\"devices\": [{\"path\": \"/dev/p\", "
	    "\"type\": \"p\"}, {\"path\": \"/dev/c\", \"type\": \"c\", "
	    "\"major\": 1}]}}";

	check_as(r, posix, -1, OC_PLATFORM_LINUX);
	assert_int_equal(r->f.n, 3);
	findings_sort(&r->f);
	expect(r, 0, "OCI0101", "/process/user", "is missing gid");
	expect(r, 1, "OCI0101", "/process/user", "is missing uid");
	expect(r, 2, "OCI0101", "/linux/devices/1", "is missing minor");
	/* On Windows a user is a username. */
	check_as(r, "{\"ociVersion\": \"1.2.0\", \"process\": {\"cwd\": "
	    "\"C:\\\\\", \"user\": {\"username\": \"u\"}}}", -1,
	    OC_PLATFORM_WINDOWS);
	assert_int_equal(r->f.n, 0);
}

static void
test_schema_check_nulls(void **state)
{
	struct run *r = *state;

	check_as(r, "{\"ociVersion\": \"1.2.0\", \"hostname\": null, "
	    "\"process\": {\"cwd\": null, \"args\": [null]}}", -1, -1);
	assert_int_equal(r->f.n, 2);
	expect(r, 0, "OCI0101", "/process/cwd", "is null");
	expect(r, 1, "OCI0100", "/process/args/0", "got null");
}

static void
test_schema_check_legacy(void **state)
{
	struct run *r = *state;

	check_as(r, "{\"ociVersion\": \"1.0.0\", \"linux\": {\"seccomp\": "
	    "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": "
	    "[{\"name\": \"read\", \"action\": \"SCMP_ACT_ERRNO\"}]}}, "
	    "\"process\": {\"cwd\": \"/\", \"args\": [\"sh\"], "
	    "\"capabilities\": [\"CAP_KILL\"]}}", -1, -1);
	assert_int_equal(r->f.n, 2);
	findings_sort(&r->f);
	expect(r, 0, "OCI0023", "/linux/seccomp/syscalls/0/name",
	    "pre-1.0 drafts");
	expect(r, 1, "OCI0023", "/process/capabilities",
	    "specs.LinuxCapabilities");
}

static void
test_schema_check_many_unknown_members(void **state)
{
	struct run *r = *state;
	struct oc_buf b = { 0 };
	size_t i;

	/* More unknown members than the suggestion budget: each is still
	 * reported, the late ones without a suggestion. */
	buf_adds(&b, "{\"ociVersion\": \"1.2.0\"");
	for (i = 0; i < 2000; i++)
		buf_printf(&b, ", \"mounst%zu\": 1", i);
	buf_adds(&b, ", \"mounst\": 1}");
	check_as(r, b.s, -1, -1);
	assert_int_equal(r->f.n, 2001);
	assert_null(strstr(r->f.v[2000].message, "did you mean"));
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_int_boundaries),
		cmocka_unit_test(test_schema_int_named_ranges),
		cmocka_unit_test(test_schema_int_parse_text),
		cmocka_unit_test(test_text_distance),
		cmocka_unit_test(test_text_distance_limit),
		cmocka_unit_test(test_schema_pattern_page_size),
		cmocka_unit_test(test_schema_pattern_rlimit),
		cmocka_unit_test(test_schema_pattern_membw),
		cmocka_unit_test(test_schema_pattern_cpu_list_and_device),
		cmocka_unit_test(test_schema_table_sorted),
		cmocka_unit_test(test_schema_member_find),
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_schema_check_member_added_later),
		T(test_schema_check_member_of_later_release_checked),
		T(test_schema_check_required_by_release),
		T(test_schema_check_file_mode_by_release),
		T(test_schema_check_enum_value_added_later),
		T(test_schema_check_unknown_and_case),
		T(test_schema_check_renamed_by_case),
		T(test_schema_check_wrong_container_once),
		T(test_schema_check_integers),
		T(test_schema_check_prose_required),
		T(test_schema_check_nulls),
		T(test_schema_check_legacy),
		T(test_schema_check_many_unknown_members),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
