/* Unit tests for the config-linux.md and runtime checks: the CPU and node
 * list parsers, the sysctl classification, and whole-document runs for
 * the false positives ocicheck must not copy and for hostile shapes. */
#include "ocicheck_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "ocicheck/check.h"
#include "ocicheck/json_load.h"
#include "checks/oci/lx.h"

/* lx_list_parse() over a C string. */
static int
parse(const char *s, enum lx_list_grammar g, struct lx_list *l)
{
	return lx_list_parse(s, strlen(s), g, l);
}

static void
test_list_runc_accepts(void **state)
{
	struct lx_list l;

	(void)state;
	assert_int_equal(parse("0-3,7", LX_LIST_RUNC, &l), 0);
	assert_int_equal(l.count, 5);
	assert_int_equal(l.max, 7);
	/* Spaces around elements and empty elements, as runc allows. */
	assert_int_equal(parse(" 0-3 , 7 ,", LX_LIST_RUNC, &l), 0);
	assert_int_equal(l.count, 5);
	assert_int_equal(parse("\t5\t", LX_LIST_RUNC, &l), 0);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.max, 5);
	/* Nothing at all is valid syntax; callers decide about empty sets. */
	assert_int_equal(parse("", LX_LIST_RUNC, &l), 0);
	assert_int_equal(l.count, 0);
	assert_int_equal(parse(" , ,", LX_LIST_RUNC, &l), 0);
	assert_int_equal(l.count, 0);
	assert_int_equal(parse("0-4294967295", LX_LIST_RUNC, &l), 0);
	assert_true(l.count == (uint64_t)UINT32_MAX + 1);
	assert_true(l.max == UINT32_MAX);
	assert_int_equal(parse("007", LX_LIST_RUNC, &l), 0);
	assert_int_equal(l.max, 7);
	assert_int_equal(parse("3-3", LX_LIST_RUNC, &l), 0);
	assert_int_equal(l.count, 1);
}

static void
test_list_runc_refuses(void **state)
{
	static const char *const bad[] = {
		"3-1", "1--2", "-1", "1-", "a", "0-3,a", "0 -3", "0- 3",
		"4294967296", "1:2", "0-3:1/2", "N", "+1", "1.5", "0x10",
	};
	struct lx_list l;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (parse(bad[i], LX_LIST_RUNC, &l) != -1)
			fail_msg("runc grammar accepted \"%s\"", bad[i]);
		assert_non_null(l.why);
	}
	assert_int_equal(parse("0,3-1", LX_LIST_RUNC, &l), -1);
	assert_int_equal(l.at, 2);
	assert_string_equal(l.why, "a range starts after its end");
	assert_int_equal(parse("0, 1-x", LX_LIST_RUNC, &l), -1);
	assert_int_equal(l.at, 3);
}

static void
test_list_kernel(void **state)
{
	static const char *const good[] = {
		"", "0", "0-3,7", "0-3 7", ",,0,", " 0-3\n", "0-7:2/4",
		"0-1023:2/256", "N", "0-N", "1-N:1/2", "00-01",
	};
	static const char *const bad[] = {
		"3-1", "0-", "-1", "a", "0-7:5/4", "0-7:1/0", "0-7:2",
		"0-7:/4", "1-2-3", "0x1", "4294967296", "0;1",
	};
	struct lx_list l;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(good); i++)
		if (parse(good[i], LX_LIST_KERNEL, &l) != 0)
			fail_msg("kernel grammar refused \"%s\": %s", good[i],
			    l.why);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		if (parse(bad[i], LX_LIST_KERNEL, &l) != -1)
			fail_msg("kernel grammar accepted \"%s\"", bad[i]);
	assert_int_equal(parse("0-3 7", LX_LIST_KERNEL, &l), 0);
	assert_int_equal(l.count, 5);
	assert_int_equal(l.max, 7);
	assert_int_equal(parse("0-7:5/4", LX_LIST_KERNEL, &l), -1);
	assert_string_equal(l.why, "a stride uses more ids than its group");
}

static void
test_sysctl_normalize(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "net.ipv4.ip_forward", "net.ipv4.ip_forward" },
		{ "net/ipv4/ip_forward", "net.ipv4.ip_forward" },
		/* A dotted interface name keeps its dot as a '/'. */
		{ "net/ipv4/conf/eth0.100/rp_filter",
		    "net.ipv4.conf.eth0/100.rp_filter" },
		{ "net.ipv4.conf.eth0/100.rp_filter",
		    "net.ipv4.conf.eth0/100.rp_filter" },
		{ "kernel", "kernel" },
		{ "", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct oc_buf b = { 0 };

		lx_sysctl_normalize(cases[i].in, strlen(cases[i].in), &b);
		assert_string_equal(b.s, cases[i].out);
		buf_free(&b);
	}
}

static void
test_sysctl_classify(void **state)
{
	static const struct {
		const char *key;
		enum lx_sysctl_class c;
	} cases[] = {
		{ "kernel.msgmax", LX_SYSCTL_IPC },
		{ "kernel.msgmnb", LX_SYSCTL_IPC },
		{ "kernel.msgmni", LX_SYSCTL_IPC },
		{ "kernel.sem", LX_SYSCTL_IPC },
		{ "kernel.shmall", LX_SYSCTL_IPC },
		{ "kernel.shmmax", LX_SYSCTL_IPC },
		{ "kernel/shmmni", LX_SYSCTL_IPC },
		{ "kernel.shm_rmid_forced", LX_SYSCTL_IPC },
		{ "fs.mqueue.msg_max", LX_SYSCTL_IPC },
		{ "fs/mqueue/queues_max", LX_SYSCTL_IPC },
		{ "net.core.somaxconn", LX_SYSCTL_NET },
		{ "net/ipv4/conf/eth0.100/rp_filter", LX_SYSCTL_NET },
		{ "kernel.domainname", LX_SYSCTL_DOMAINNAME },
		{ "kernel/domainname", LX_SYSCTL_DOMAINNAME },
		{ "kernel.hostname", LX_SYSCTL_HOSTNAME },
		{ "user.max_user_namespaces", LX_SYSCTL_USER },
		{ "user/max_net_namespaces", LX_SYSCTL_USER },
		{ "vm.swappiness", LX_SYSCTL_OTHER },
		{ "kernel.pid_max", LX_SYSCTL_OTHER },
		{ "kernel.shmmaxx", LX_SYSCTL_OTHER },
		{ "kernel.sem.", LX_SYSCTL_OTHER },
		{ "fs.mqueue", LX_SYSCTL_OTHER },
		{ "fs.file-max", LX_SYSCTL_OTHER },
		{ "net", LX_SYSCTL_OTHER },
		{ "netfilter.x", LX_SYSCTL_OTHER },
		{ "Net.core.somaxconn", LX_SYSCTL_OTHER },
		{ "/net/core/somaxconn", LX_SYSCTL_OTHER },
		{ "", LX_SYSCTL_OTHER },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (lx_sysctl_classify(cases[i].key, strlen(cases[i].key)) !=
		    cases[i].c)
			fail_msg("\"%s\" misclassified", cases[i].key);
}

/* A whole run of every rule over one document. */
struct run {
	struct oc_source *src;
	struct oc_findings f;
	struct oc_doc *doc;
};

static void
run_text(struct run *r, const char *text, int platform)
{
	struct oc_check_opts opts = { .platform = platform, .version = -1 };
	struct oc_error *err = NULL;

	memset(r, 0, sizeof(*r));
	r->src = source_from_mem("config.json", text, strlen(text));
	r->f.src = r->src;
	assert_int_equal(json_load(r->src, &r->f, &r->doc, &err), 0);
	assert_non_null(r->doc);
	assert_int_equal(check_doc(r->doc, &r->f, &opts, NULL, &err), 0);
	assert_null(err);
}

static void
run_done(struct run *r)
{
	findings_clear(&r->f);
	doc_free(r->doc);
	source_free(r->src);
}

/* Findings of one rule, or of a rule family ("OCI2", "OCI5"). */
static size_t
count(const struct run *r, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < r->f.n; i++)
		n += strncmp(r->f.v[i].rule->id, id, strlen(id)) == 0;
	return n;
}

#define BASE_HEAD "{\"ociVersion\": \"1.3.0\", \"process\": {\"user\": " \
	"{\"uid\": 0, \"gid\": 0}, \"args\": [\"sh\"], \"cwd\": \"/\"}, " \
	"\"root\": {\"path\": \"rootfs\"}, \"mounts\": [], "

static void
test_false_positives_avoided(void **state)
{
	static const char *const docs[] = {
		/* minor 0 is a device number (runtime-tools rejects it) */
		(BASE_HEAD "\"linux\": {\"namespaces\": [{\"type\": "
		"\"mount\"}], \"devices\": [{\"path\": \"/dev/tty\", "
		"\"type\": \"c\", \"major\": 5, \"minor\": 0}, {\"path\": \"/dev/sda\", "
		"\"type\": \"b\", \"major\": 8, \"minor\": 0}]}}"),
		/* net.* with a network namespace joined by path */
		(BASE_HEAD "\"linux\": {\"namespaces\": [{\"type\": "
		"\"network\", \"path\": \"/var/run/netns/a\"}], \"sysctl\": "
		"{\"net.ipv4.ip_forward\": \"1\"}}}"),
		/* limit -1 (unlimited) with a swap value */
		(BASE_HEAD "\"linux\": {\"resources\": {\"memory\": "
		"{\"limit\": -1, \"swap\": 1073741824}}}}"),
		/* hostname in a joined uts namespace */
		(BASE_HEAD "\"hostname\": \"a\", \"linux\": {\"namespaces\": "
		"[{\"type\": \"uts\", \"path\": \"/proc/1/ns/uts\"}]}}"),
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(docs); i++) {
		struct run r;

		run_text(&r, docs[i], -1);
		if (count(&r, "OCI2") + count(&r, "OCI5") != 0)
			fail_msg("document %zu: %s", i, r.f.v[0].message);
		run_done(&r);
	}
}

static void
test_every_bad_access_reported(void **state)
{
	struct run r;

	(void)state;
	run_text(&r, BASE_HEAD "\"linux\": {\"resources\": {\"devices\": ["
	    "{\"allow\": false, \"access\": \"rwx\"}, {\"allow\": true, "
	    "\"access\": \"q\"}, {\"allow\": true, \"access\": \"rw\"}, "
	    "{\"allow\": true, \"type\": \"z\", \"access\": \"Z\"}]}}}", -1);
	assert_int_equal(count(&r, "OCI2208"), 3);
	assert_int_equal(count(&r, "OCI2207"), 1);
	run_done(&r);
}

static void
test_only_linux(void **state)
{
	struct run r;

	(void)state;
	/* The same shapes under --platform solaris raise nothing here. */
	run_text(&r, "{\"ociVersion\": \"1.3.0\", \"hostname\": \"a\", "
	    "\"linux\": {\"sysctl\": {\"vm.swappiness\": \"1\"}, "
	    "\"maskedPaths\": [\"x\"]}}", OC_PLATFORM_SOLARIS);
	assert_int_equal(count(&r, "OCI2") + count(&r, "OCI5"), 0);
	run_done(&r);
	/* Under --platform windows the linux object is an LCOW guest: the
	 * config-linux.md rules check it, the runtime refusals do not (the
	 * GCS completes the spec before runc sees it). */
	run_text(&r, "{\"ociVersion\": \"1.3.0\", \"hostname\": \"a\", "
	    "\"linux\": {\"sysctl\": {\"vm.swappiness\": \"1\"}, "
	    "\"maskedPaths\": [\"x\"]}}", OC_PLATFORM_WINDOWS);
	assert_int_equal(count(&r, "OCI5"), 0);
	assert_int_equal(count(&r, "OCI2501"), 1);
	run_done(&r);
	run_text(&r, "{\"ociVersion\": \"1.3.0\", \"hostname\": \"a\", "
	    "\"linux\": {\"sysctl\": {\"vm.swappiness\": \"1\"}, "
	    "\"maskedPaths\": [\"x\"]}}", OC_PLATFORM_LINUX);
	assert_int_equal(count(&r, "OCI5301"), 1);
	assert_int_equal(count(&r, "OCI2501"), 1);
	assert_int_equal(count(&r, "OCI5003"), 1);
	run_done(&r);
}

/* Wrong kinds everywhere: nothing crashes, nothing is reported by the
 * Linux rules about shapes the schema pass owns. */
static void
test_wrong_kinds(void **state)
{
	static const char *const docs[] = {
		("{\"linux\": []}"),
		("{\"linux\": null, \"process\": 5}"),
		("{\"linux\": {\"namespaces\": {}, \"devices\": \"x\", "
		"\"resources\": [], \"sysctl\": [], \"seccomp\": 1, "
		"\"uidMappings\": {}, \"netDevices\": [], \"intelRdt\": [], "
		"\"memoryPolicy\": \"x\", \"personality\": 1, "
		"\"timeOffsets\": [], \"maskedPaths\": {}}}"),
		("{\"linux\": {\"namespaces\": [1, null, [], {\"type\": 5}, "
		"{\"type\": \"pid\", \"path\": 7}], \"devices\": [1, {}, "
		"{\"type\": 1, \"path\": []}], \"uidMappings\": [1, {}, "
		"{\"containerID\": \"0\", \"hostID\": -1, \"size\": 1.5}]}}"),
		("{\"linux\": {\"resources\": {\"memory\": [], \"cpu\": 1, "
		"\"devices\": [1, {\"access\": 1, \"type\": []}], "
		"\"blockIO\": {\"weightDevice\": {}}, \"rdma\": [], "
		"\"unified\": [], \"hugepageLimits\": {}, \"network\": []}}}"),
		("{\"linux\": {\"resources\": {\"memory\": {\"limit\": \"1\", "
		"\"swap\": 1e3, \"swappiness\": -1, \"kernel\": {}}, \"cpu\": "
		"{\"quota\": 1.0, \"burst\": \"x\", \"cpus\": 5, \"mems\": []},"
		" \"blockIO\": {\"weight\": -5, \"weightDevice\": [1, {}]}}}}"),
		("{\"linux\": {\"seccomp\": {\"defaultAction\": 1, "
		"\"defaultErrnoRet\": \"x\", \"syscalls\": [1, {\"names\": 1,"
		" \"action\": []}, {\"names\": [1, null], \"args\": [1, {}, "
		"{\"index\": \"6\"}]}], \"architectures\": {}}}}"),
		("{\"process\": {\"scheduler\": [], \"ioPriority\": 1, "
		"\"execCPUAffinity\": {\"initial\": 1}, \"oomScoreAdj\": "
		"\"5\"}, \"linux\": {\"netDevices\": {\"\": 1, \"a\": "
		"{\"name\": 5}}, \"memoryPolicy\": {\"mode\": 1, \"nodes\": 2, "
		"\"flags\": {}}, \"intelRdt\": {\"closID\": 1, "
		"\"schemata\": {}}, \"sysctl\": {\"\": 1, \"net.a\": {}}}}"),
		("{\"process\": {\"scheduler\": {\"policy\": 1, \"priority\": "
		"\"1\", \"runtime\": -1, \"flags\": 1}}}"),
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(docs); i++) {
		struct run r;

		run_text(&r, docs[i], -1);
		run_done(&r);
	}
}

/* A long uid map with one overlap: found by sorting, reported once. */
static void
test_idmap_overlap_large(void **state)
{
	struct oc_buf b = { 0 };
	struct run r;
	size_t i;

	(void)state;
	buf_adds(&b, BASE_HEAD "\"linux\": {\"namespaces\": [{\"type\": "
	    "\"user\"}], \"gidMappings\": [{\"containerID\": 0, \"hostID\": "
	    "1000, \"size\": 1}], \"uidMappings\": [");
	for (i = 0; i < 300; i++)
		buf_printf(&b, "%s{\"containerID\": %zu, \"hostID\": %zu, "
		    "\"size\": 10}", i ? ", " : "", i * 10, 100000 + i * 10);
	/* overlaps entry 7 in the container and entry 299 on the host */
	buf_adds(&b, ", {\"containerID\": 75, \"hostID\": 102995, "
	    "\"size\": 2}]}}");
	run_text(&r, b.s, -1);
	assert_int_equal(count(&r, "OCI5008"), 2);
	run_done(&r);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_runc_accepts),
		cmocka_unit_test(test_list_runc_refuses),
		cmocka_unit_test(test_list_kernel),
		cmocka_unit_test(test_sysctl_normalize),
		cmocka_unit_test(test_sysctl_classify),
		cmocka_unit_test(test_false_positives_avoided),
		cmocka_unit_test(test_every_bad_access_reported),
		cmocka_unit_test(test_only_linux),
		cmocka_unit_test(test_wrong_kinds),
		cmocka_unit_test(test_idmap_overlap_large),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
