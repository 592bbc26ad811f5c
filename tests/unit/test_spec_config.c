/* Unit tests for the config.md, Windows and other-platform checks: the
 * parsers they share, and whole runs over generated configs that are too
 * large, or too ill-typed, for fixtures. */
#include "ocicheck_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "ocicheck/check.h"
#include "ocicheck/json_load.h"
#include "checks/oci/cfg.h"
#include "ocicheck/specver.h"

#define S(lit) (lit), sizeof(lit) - 1

static void
test_rfc3339(void **state)
{
	(void)state;
	assert_true(cfg_rfc3339(S("2024-05-01T12:00:00Z")));
	assert_true(cfg_rfc3339(S("2024-05-01t12:00:00z")));
	assert_true(cfg_rfc3339(S("2024-02-29T23:59:60.123456789+05:30")));
	assert_true(cfg_rfc3339(S("2000-02-29T00:00:00-00:00")));
	/* 2023 and 1900 are not leap years. */
	assert_false(cfg_rfc3339(S("2023-02-29T00:00:00Z")));
	assert_false(cfg_rfc3339(S("1900-02-29T00:00:00Z")));
	assert_false(cfg_rfc3339(S("2024-04-31T00:00:00Z")));
	assert_false(cfg_rfc3339(S("2024-13-01T00:00:00Z")));
	assert_false(cfg_rfc3339(S("2024-05-01T24:00:00Z")));
	assert_false(cfg_rfc3339(S("2024-05-01T12:00:00")));
	assert_false(cfg_rfc3339(S("2024-05-01 12:00:00Z")));
	assert_false(cfg_rfc3339(S("2024-05-01T12:00:00.Z")));
	assert_false(cfg_rfc3339(S("2024-05-01T12:00:00+0530")));
	assert_false(cfg_rfc3339(S("2024-05-01")));
	assert_false(cfg_rfc3339(S("")));
}

static void
test_guid_and_volume_path(void **state)
{
	(void)state;
	assert_true(cfg_guid(S("24E552D7-6523-47F7-A647-D3465BF1F5CA"), 0));
	assert_true(cfg_guid(S("{5175d334-c371-4806-b3ba-71fd53c9258d}"), 1));
	assert_false(cfg_guid(S("{5175d334-c371-4806-b3ba-71fd53c9258d}"), 0));
	assert_false(cfg_guid(S("24E552D7-6523-47F7-A647-D3465BF1F5C"), 0));
	assert_false(cfg_guid(S("24E552D7-6523-47F7-A647_D3465BF1F5CA"), 0));
	assert_false(cfg_guid(S("G4E552D7-6523-47F7-A647-D3465BF1F5CA"), 0));
	assert_true(cfg_volume_guid_path(
	    S("\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\")));
	assert_true(cfg_volume_guid_path(
	    S("\\\\?\\volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}")));
	assert_false(cfg_volume_guid_path(
	    S("\\\\.\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\")));
	assert_false(cfg_volume_guid_path(
	    S("\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\x")));
	assert_false(cfg_volume_guid_path(S("C:\\rootfs")));
	assert_false(cfg_volume_guid_path(S("")));
}

static void
test_capabilities(void **state)
{
	(void)state;
	assert_int_equal(cfg_capability(S("CAP_CHOWN")), 0);
	assert_int_equal(cfg_capability(S("CAP_SYS_ADMIN")), 21);
	assert_int_equal(cfg_capability(S("CAP_AUDIT_READ")), 37);
	assert_int_equal(cfg_capability(S("CAP_CHECKPOINT_RESTORE")), 40);
	assert_int_equal(cfg_capability(S("cap_chown")), -1);
	assert_int_equal(cfg_capability(S("CHOWN")), -1);
	assert_int_equal(cfg_capability(S("CAP_")), -1);
	assert_int_equal(cfg_capability(S("CAP_SYS_ADMI")), -1);
	assert_int_equal(cfg_capability(S("CAP_CHOWN ")), -1);
}

static void
test_rlimits(void **state)
{
	(void)state;
	assert_true(cfg_rlimit_known(0, S("RLIMIT_NOFILE")));
	assert_true(cfg_rlimit_known(0, S("RLIMIT_LOCKS")));
	assert_true(cfg_rlimit_known(0, S("RLIMIT_RTTIME")));
	assert_false(cfg_rlimit_known(0, S("RLIMIT_VMEM")));
	assert_false(cfg_rlimit_known(0, S("RLIMIT_NOFILES")));
	assert_false(cfg_rlimit_known(0, S("RLIMIT_")));
	assert_true(cfg_rlimit_known(1, S("RLIMIT_VMEM")));
	assert_true(cfg_rlimit_known(1, S("RLIMIT_CORE")));
	assert_false(cfg_rlimit_known(1, S("RLIMIT_MEMLOCK")));
}

static void
test_signals_and_platforms(void **state)
{
	(void)state;
	assert_true(cfg_signal_ok(S("SIGTERM")));
	assert_true(cfg_signal_ok(S("sigterm")));
	assert_true(cfg_signal_ok(S("TERM")));
	assert_true(cfg_signal_ok(S("SIGRTMIN+3")));
	assert_true(cfg_signal_ok(S("SIGRTMAX-14")));
	assert_true(cfg_signal_ok(S("9")));
	assert_false(cfg_signal_ok(S("0")));
	assert_false(cfg_signal_ok(S("65")));
	assert_false(cfg_signal_ok(S("SIGRTMIN+")));
	assert_false(cfg_signal_ok(S("SIGRTMIN+31")));
	assert_false(cfg_signal_ok(S("SIGSTOPP")));
	assert_false(cfg_signal_ok(S("")));
	assert_true(cfg_goos(S("linux")));
	assert_true(cfg_goos(S("wasip1")));
	assert_false(cfg_goos(S("Linux")));
	assert_true(cfg_goarch(S("arm64")));
	assert_true(cfg_goarch(S("386")));
	assert_false(cfg_goarch(S("x86_64")));
}

static void
test_env_entries(void **state)
{
	size_t name, bad;

	(void)state;
	assert_int_equal(cfg_env_entry(S("PATH=/bin"), &name, &bad),
	    CFG_ENV_OK);
	assert_int_equal(name, 4);
	assert_int_equal(cfg_env_entry(S("A=b=c"), &name, &bad), CFG_ENV_OK);
	assert_int_equal(name, 1);
	assert_int_equal(cfg_env_entry(S("EMPTY="), &name, &bad), CFG_ENV_OK);
	assert_int_equal(cfg_env_entry(S("NOEQ"), &name, &bad),
	    CFG_ENV_NO_EQUALS);
	assert_int_equal(name, 4);
	assert_int_equal(cfg_env_entry(S("=x"), &name, &bad),
	    CFG_ENV_EMPTY_NAME);
	assert_int_equal(cfg_env_entry(S("1A=x"), &name, &bad),
	    CFG_ENV_LEADING_DIGIT);
	assert_int_equal(cfg_env_entry(S("A-B=x"), &name, &bad),
	    CFG_ENV_BAD_CHAR);
	assert_int_equal(bad, 1);
	assert_int_equal(cfg_env_entry(S("\xc3\xa9t\xc3\xa9=1"), &name, &bad),
	    CFG_ENV_BAD_CHAR);
	assert_int_equal(bad, 0);
}

static void
assert_clean(const char *in, int windows, const char *want)
{
	size_t n = strlen(in), len;
	char *out = malloc(2 * n + 2);

	len = cfg_path_clean(in, n, windows, out);
	assert_true(len <= n + 1);
	out[len] = '\0';
	assert_string_equal(out, want);
	free(out);
}

static void
test_path_clean(void **state)
{
	(void)state;
	assert_clean("/", 0, "");
	assert_clean("", 0, "");
	assert_clean(".", 0, "");
	assert_clean("tmp", 0, "/tmp");
	assert_clean("/data//sub/", 0, "/data/sub");
	assert_clean("/x/../data/./sub", 0, "/data/sub");
	assert_clean("/../../etc", 0, "/etc");
	assert_clean("a/b/../../..", 0, "");
	assert_clean("C:\\Data\\", 1, "c:\\data");
	assert_clean("c:/data/Logs/", 1, "c:\\data\\logs");
	assert_true(path_is_absolute(S("/x"), 0));
	assert_false(path_is_absolute(S("C:\\x"), 0));
	assert_true(path_is_absolute(S("C:\\x"), 1));
	assert_true(path_is_absolute(S("\\\\.\\pipe\\docker_engine"), 1));
	assert_false(path_is_absolute(S("/x"), 1));
}

/* Whole runs: every check over a generated document. */
struct run {
	struct oc_source *src;
	struct oc_findings f;
	struct oc_doc *doc;
};

static void
run_text(struct run *r, const char *text, size_t len)
{
	struct oc_error *err = NULL;

	memset(r, 0, sizeof(*r));
	r->src = source_from_mem("config.json", text, len);
	r->f.src = r->src;
	assert_int_equal(json_load(r->src, &r->f, &r->doc, &err), 0);
	assert_non_null(r->doc);
	assert_int_equal(check_doc(r->doc, &r->f, NULL, NULL, &err), 0);
	assert_null(err);
}

static size_t
count_rule(const struct run *r, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < r->f.n; i++)
		n += strcmp(r->f.v[i].rule->id, id) == 0;
	return n;
}

static void
run_done(struct run *r)
{
	findings_clear(&r->f);
	doc_free(r->doc);
	source_free(r->src);
}

#define BASE_HEAD "{\"ociVersion\":\"1.2.0\",\"root\":{\"path\":\"rootfs\"}," \
	"\"process\":{\"user\":{\"uid\":0,\"gid\":0},\"args\":[\"sh\"]," \
	"\"cwd\":\"/\""

/* The mount rules read members from a table built once per file: it
 * must see what doc_get() sees, the last of a repeated member, and
 * options only when they are a list. */
static void
test_mount_table_reads_like_doc_get(void **state)
{
	static const char text[] = BASE_HEAD "},\"mounts\":["
	    "{\"destination\":\"/a\",\"options\":[\"bind\"],"
	    "\"options\":[\"ro\"]},"
	    "{\"destination\":\"/b\",\"options\":\"bind\"},"
	    "\"not a mount\","
	    "{\"destination\":\"/e\",\"type\":\"tmpfs\",\"type\":\"bind\","
	    "\"options\":[\"rbind\",\"tmpcopyup\"]}]}";
	struct run r;

	(void)state;
	run_text(&r, text, sizeof(text) - 1);
	/* /a's last options and /b's string are no bind option */
	assert_int_equal(count_rule(&r, "OCI1205"), 2);
	/* /e's type is its last, "bind" */
	assert_int_equal(count_rule(&r, "OCI5106"), 1);
	run_done(&r);
}

/* 20000 mounts under /d, then /d itself: every one is shadowed, and the
 * pass stays O(n log n). The same for 20000 duplicated env names. */
static void
test_many_mounts_and_env(void **state)
{
	struct oc_buf b = { 0 };
	struct run r;
	size_t i, n = 20000;

	(void)state;
	buf_adds(&b, BASE_HEAD ",\"env\":[");
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s\"V%zu=1\",\"V%zu=2\"", i ? "," : "", i, i);
	buf_adds(&b, "]},\"mounts\":[");
	for (i = 0; i < n; i++)
		buf_printf(&b, "{\"destination\":\"/d/%zu/x\",\"type\":"
		    "\"tmpfs\",\"source\":\"tmpfs\"},", n - i);
	buf_adds(&b, "{\"destination\":\"/d\",\"type\":\"tmpfs\","
	    "\"source\":\"tmpfs\"},{\"destination\":\"/d/\",\"type\":"
	    "\"tmpfs\",\"source\":\"tmpfs\"}]}");
	run_text(&r, b.s, b.len);
	assert_int_equal(count_rule(&r, "OCI1203"), n);
	assert_int_equal(count_rule(&r, "OCI1204"), 1);
	assert_int_equal(count_rule(&r, "OCI1106"), n);
	assert_int_equal(count_rule(&r, "OCI1105"), 0);
	run_done(&r);
	buf_free(&b);
}

/* Members of the wrong type everywhere: no crash, and nothing from these
 * checks (types are the schema pass's findings). */
static void
test_wrong_types(void **state)
{
	static const char text[] =
	    "{\"ociVersion\":\"1.2.0\",\"root\":[],"
	    "\"process\":{\"args\":{},\"env\":[1,null,{}],\"cwd\":7,"
	    "\"rlimits\":[5,{\"type\":1,\"soft\":\"x\",\"hard\":-1}],"
	    "\"capabilities\":{\"bounding\":\"CAP_X\",\"ambient\":[1],"
	    "\"effective\":[[]]},\"consoleSize\":1,\"user\":{\"uid\":\"0\"}},"
	    "\"mounts\":[1,\"x\",{\"destination\":5,\"type\":[],"
	    "\"options\":\"bind\",\"uidMappings\":3,\"gidMappings\":4}],"
	    "\"hooks\":{\"prestart\":3,\"poststop\":[1,{\"path\":[]}]},"
	    "\"annotations\":[\"a\"],\"linux\":{\"namespaces\":5},"
	    "\"windows\":{\"devices\":{},\"resources\":{\"cpu\":[]}},"
	    "\"vm\":{\"kernel\":\"x\"},\"zos\":{\"namespaces\":{}},"
	    "\"freebsd\":{\"devices\":[1]}}";
	static const char *const ids[] = {
		"OCI1005", "OCI1006", "OCI1007", "OCI1101", "OCI1102",
		"OCI1103",
		"OCI1104", "OCI1105", "OCI1106", "OCI1107", "OCI1108",
		"OCI1109", "OCI1110", "OCI1111", "OCI1112", "OCI1201",
		"OCI1202", "OCI1203", "OCI1204", "OCI1205", "OCI1206",
		"OCI1207",
		"OCI1208", "OCI1301", "OCI1302", "OCI1401", "OCI1402",
		"OCI3001", "OCI3002", "OCI3003", "OCI3004", "OCI3005",
		"OCI3006", "OCI4001", "OCI4002", "OCI4003", "OCI4004",
	};
	struct run r;
	size_t i;

	(void)state;
	run_text(&r, S(text));
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		if (count_rule(&r, ids[i]) != 0)
			fail_msg("%s fired on an ill-typed config", ids[i]);
	run_done(&r);
}

/* A Linux container on Windows (LCOW) is Linux inside: Linux paths, no
 * root, Linux capabilities. */
static void
test_lcow(void **state)
{
	static const char text[] =
	    "{\"ociVersion\":\"1.0.1\",\"process\":{\"user\":{\"uid\":0,"
	    "\"gid\":0},\"args\":[\"/bin/sh\"],\"cwd\":\"/\","
	    "\"capabilities\":{\"bounding\":[\"CAP_FOO\"]}},"
	    "\"mounts\":[{\"destination\":\"/proc\",\"type\":\"proc\","
	    "\"source\":\"proc\"}],\"linux\":{},"
	    "\"windows\":{\"HyperV\":{},\"layerFolders\":[\"C:\\\\l\"]}}";
	struct run r;

	(void)state;
	run_text(&r, S(text));
	assert_int_equal(count_rule(&r, "OCI1101"), 0);
	assert_int_equal(count_rule(&r, "OCI1005"), 0);
	assert_int_equal(count_rule(&r, "OCI1201"), 0);
	assert_int_equal(count_rule(&r, "OCI3004"), 0);
	assert_int_equal(count_rule(&r, "OCI1110"), 1);
	run_done(&r);
}

static void
test_in_sorted(void **state)
{
	static const char *const list[] = { "bind", "rbind", "rbinds", "ro",
		"rw", "\xc3\xa9" };
	static const struct {
		const char *s;
		size_t n;
		int want;
	} cases[] = {
		{ "bind", 4, 1 }, { "rbind", 5, 1 }, { "rbinds", 6, 1 },
		{ "rw", 2, 1 },
		{ "rbin", 4, 0 },		/* a prefix of an entry */
		{ "rbindsx", 7, 0 },		/* an entry is its prefix */
		{ "bind\0x", 6, 0 },		/* a NUL inside the text */
		{ "bind\0", 5, 0 },
		{ "r", 1, 0 }, { "", 0, 0 }, { "a", 1, 0 }, { "zz", 2, 0 },
		{ "rbindX", 5, 1 },		/* only n bytes count */
		{ "\xc3\xa9", 2, 1 },		/* bytes compare unsigned */
		{ "\xff", 1, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (str_in_sorted(list, ARRAY_SIZE(list), cases[i].s,
		    cases[i].n) != cases[i].want)
			fail_msg("case %zu: want %d", i, cases[i].want);
}

/* X.Y.Z-dev and X.Y.Z+dev are the line after X.Y.Z; a -dev after a
 * prerelease (1.1.0-rc.1-dev) still leads to X.Y.Z. */
static void
test_specver_dev_line(void **state)
{
	(void)state;
	assert_true(specver_dev_line(S("1.0.2-dev")));
	assert_true(specver_dev_line(S("1.3.0+dev")));
	assert_false(specver_dev_line(S("1.0.2")));
	assert_false(specver_dev_line(S("1.1.0-rc.1-dev")));
	assert_false(specver_dev_line(S("1.1.0-rc.3+dev")));
	assert_false(specver_dev_line(S("1.0.0-rc6-dev")));
	assert_false(specver_dev_line(S("1.0.2-devel")));
	assert_false(specver_dev_line(S("-dev")));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc3339),
		cmocka_unit_test(test_specver_dev_line),
		cmocka_unit_test(test_in_sorted),
		cmocka_unit_test(test_guid_and_volume_path),
		cmocka_unit_test(test_capabilities),
		cmocka_unit_test(test_rlimits),
		cmocka_unit_test(test_signals_and_platforms),
		cmocka_unit_test(test_env_entries),
		cmocka_unit_test(test_path_clean),
		cmocka_unit_test(test_mount_table_reads_like_doc_get),
		cmocka_unit_test(test_many_mounts_and_env),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_lcow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
