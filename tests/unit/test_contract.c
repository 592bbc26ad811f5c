/* Unit tests for the contract modules derive builds on: the SHA-256 of
 * the header, the script and $(NAME) scanners, and the writer, whose
 * output must load back into the same contract. */
#include "ocicheck_test.h"

#include <stdlib.h>
#include <string.h>

#include "ocicheck/contract.h"
#include "ocicheck/derive.h"
#include "ocicheck/redact.h"
#include "ocicheck/sha256.h"
#include "ocicheck/source.h"

static void
test_sha256_vectors(void **state)
{
	char hex[65], *big;

	(void)state;
	sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	/* 56 bytes: the padding needs a second block. */
	sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    56, hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
	big = xmalloc(1000000);
	memset(big, 'a', 1000000);
	sha256_hex(big, 1000000, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
	free(big);
}

/* The names a scanner found, joined by spaces. */
static char *
names(struct oc_script_var *v, size_t n)
{
	struct oc_buf b = { 0 };
	size_t i;

	buf_add(&b, "", 0);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", v[i].name);
	script_vars_free(v, n);
	return buf_steal(&b);
}

static char *
scan(const char *s)
{
	struct oc_script_var *v;
	size_t n = script_vars(s, strlen(s), &v);

	return names(v, n);
}

static void
test_script_vars(void **state)
{
	char *got;

	(void)state;
	got = scan("echo $A_B ${C} \"$D\" $A_B $lower ${E:-x} ${F-x} ${G:+y}"
	    " ${#H} ${I%%.*} $1 $@ $HOME $$ \\$ESC");
	assert_string_equal(got, "A_B C D H I");
	free(got);
	/* Single quotes, comments and the script's own names. */
	got = scan("echo '$Q' \"'$R'\"\n# $COMMENT\nX=1; echo $X\n"
	    "export Y=2 Z; echo $Y $Z\nread -r W V; echo $W $V\n"
	    "for T in a; do echo $T; done\n: ${U:=1}; echo $U\n"
	    "L+=x; echo $L word#notcomment $AFTER");
	assert_string_equal(got, "R AFTER");
	free(got);
}

static void
test_script_offsets(void **state)
{
	struct oc_script_var *v;
	const char *s = "x=1\necho ${DP_DB_USER}";
	size_t n = script_vars(s, strlen(s), &v);

	(void)state;
	assert_int_equal(n, 1);
	assert_int_equal(v[0].offset, 9);
	script_vars_free(v, n);
}

static void
test_kube_refs(void **state)
{
	struct oc_script_var *v;
	const char *s = "a$(X)b$$(ESC)$(lower.case-1)$(9BAD)$(no space)"
	    "$(UNCLOSED";
	size_t n = kube_refs(s, strlen(s), &v);
	char *got = names(v, n);

	(void)state;
	assert_string_equal(got, "X lower.case-1");
	free(got);
}

/* KubeBlocks PrefixOrRegexMatched: a pattern is a regular expression
 * only when regexp.QuoteMeta would change it; otherwise it is an exact
 * name or a prefix, never a substring. */
static void
test_compdef_matches(void **state)
{
	static const struct {
		const char *pattern, *name;
		int match;
	} cases[] = {
		{ "mysql", "mysql", 1 },
		{ "mysql", "mysql-8.0-1.0.0", 1 },
		{ "mysql", "apecloud-mysql-8.0-1.0.0", 0 },
		{ "mysql-orc", "mysql-8.0-1.0.0", 0 },
		{ "^mysql-\\d+", "mysql-8.0-1.0.0", 1 },
		{ "^mysql-\\d+", "apecloud-mysql-8.0", 0 },
		{ "mysql-\\d+", "apecloud-mysql-8.0", 1 },
		{ "mysql-8.0", "apecloud-mysql-8.0-1.0.0", 1 },
	};
	struct oc_pattern p;
	struct oc_error *err = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(pattern_compile(&p, cases[i].pattern, &err), 0);
		if (compdef_matches(&p, cases[i].name) != cases[i].match)
			fail_msg("'%s' against '%s': expected %d",
			    cases[i].pattern, cases[i].name, cases[i].match);
		pattern_free(&p);
	}
}

static const char rich[] =
    "apiVersion: ocicheck/v1\n"
    "kind: RuntimeContract\n"
    "metadata:\n"
    "  name: 'yes'\n"
    "  component: {compDefs: [a-1, b-2]}\n"
    "defaults: {severity: warning, unverifiable: error}\n"
    "systemAccounts:\n"
    "  declared:\n"
    "    - {name: root, compDefs: [a-1], initAccount: true, password: none,"
    " shared: true}\n"
    "  references:\n"
    "    - account: root\n"
    "      from: {kind: K, name: n, path: 'a: b'}\n"
    "      compDefPatterns: ['^a-\\d+$']\n"
    "      needsPassword: true\n"
    "      injects: [U, P]\n"
    "      consumers: [t]\n"
    "      optional: true\n"
    "      severity: info\n"
    "targets:\n"
    "  - name: t\n"
    "    role: main\n"
    "    match: {containerName: c, sandboxName: '^s-', image: 'i:1'}\n"
    "    process: {uid: 0}\n"
    "    env:\n"
    "      required:\n"
    "        - {name: A, nonEmpty: true, minLength: 3, equals: '0x1',"
    " from: [x, y], declaredAt: ['f:1'], severity: warning}\n"
    "        - {name: B, oneOf: ['true', \"tab\\there\"], pattern: '^[a-z]+$',"
    " secret: true}\n"
    "      forbidden: [C, D]\n"
    "      unresolvedRefs: ignore\n"
    "    mounts:\n"
    "      required:\n"
    "        - {destination: /d, volume: v, type: tmpfs, access: ro,"
    " sizeMin: 1536Mi}\n"
    "      rules: {duplicateDestination: warning, nested: ignore,"
    " allowNested: [[/d, /d/e]]}\n"
    "    resources:\n"
    "      memory: {requireLimit: true, minLimit: 1Gi, maxLimit: 100000000001,"
    " tmpfsHeadroom: 256Mi}\n"
    "      cpu: {requireQuota: true, minMillicores: 500m,"
    " maxMillicores: 2000m, period: 100000}\n"
    "      pids: {minLimit: 64, scope: pod, onMissing: error}\n";

static char *
write_back(const char *text, size_t len)
{
	struct oc_contract *c = NULL;
	struct oc_error *err = NULL;
	struct oc_buf b = { 0 };

	if (contract_load_source(source_from_mem("c.yaml", text, len), &c,
	    &err) < 0)
		fail_msg("does not load: %s", err->msg);
	contract_write(&b, c, NULL);
	contract_free(c);
	return buf_steal(&b);
}

/* Everything the loader reads survives a write and a load: writing the
 * reloaded contract gives the same text. */
static void
test_write_round_trip(void **state)
{
	char *once, *twice;

	(void)state;
	once = write_back(rich, strlen(rich));
	twice = write_back(once, strlen(once));
	assert_string_equal(once, twice);
	assert_non_null(strstr(once, "  name: 'yes'\n"));
	assert_non_null(strstr(once, "sizeMin: 1536Mi"));
	assert_non_null(strstr(once, "maxLimit: 100000000001,"));
	assert_non_null(strstr(once, "oneOf: ['true', \"tab\\there\"]"));
	assert_non_null(strstr(once, "equals: '0x1'"));
	assert_non_null(strstr(once, "allowNested: [[/d, /d/e]]"));
	free(once);
	free(twice);
}

static void
test_write_header(void **state)
{
	struct oc_contract c = { .name = (char *)"db",
		.default_severity = OC_ITEM_DEFAULT,
		.unverifiable = OC_SEV_INFO };
	struct oc_buf b = { 0 };

	(void)state;
	contract_write(&b, &c, "one\n\ntwo");
	assert_string_equal(b.s, "# one\n#\n# two\napiVersion: ocicheck/v1\n"
	    "kind: RuntimeContract\nmetadata:\n  name: db\n");
	buf_free(&b);
}

static int
secret_name(const char *s)
{
	return redact_name(s, strlen(s));
}

static void
test_redact_names(void **state)
{
	static const char *const hidden[] = { "DB_PASSWORD", "PGPASS",
		"DB_PW", "DB_PWD", "ENCRYPTION_KEYS", "MASTER_KEYS", "DB_CREDS",
		"JWT", "BEARER", "GITHUB_PAT", "ACCESSKEYID", "accessKeyId",
		"githubPat", "AWS_SECRET_ACCESS_KEY", "BASIC_AUTH", "TLS_KEY",
		"MINIO_ROOT_PASSWORD", "API_TOKEN", "SSH_PRIVATE", "AUTHKEY" };
	static const char *const shown[] = { "PATH", "PWD", "OLDPWD",
		"KEYCLOAK_URL", "MONKEY", "PATCH_LEVEL", "AUTHOR", "BYPASS_CACHE",
		"PGDATA", "HOSTNAME", "KEYSPACE", "COMPASS_URL" };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(hidden); i++)
		if (!secret_name(hidden[i]))
			fail_msg("%s is shown", hidden[i]);
	for (i = 0; i < ARRAY_SIZE(shown); i++)
		if (secret_name(shown[i]))
			fail_msg("%s is hidden", shown[i]);
}

static char *
masked(const char *s)
{
	struct oc_buf b = { 0 };

	redact_url(&b, s, strlen(s));
	return buf_steal(&b);
}

static void
test_redact_url(void **state)
{
	static const char *const cases[][2] = {
		{ "postgres://u:SECRET@h/db",
		  "postgres://u:<redacted len=6>@h/db" },
		{ "mongodb://root:p%40ss@a:27017,b:27017/admin?ssl=true",
		  "mongodb://root:<redacted len=6>@a:27017,b:27017/admin?ssl=true" },
		/* unescaped '@' and '/' in the password: still hidden */
		{ "mysql://u:a@b/c@h:3306/db", "mysql://u:<redacted len=5>@h:3306/db" },
		{ "x=http://a:1@h y=https://b:22@k",
		  "x=http://a:<redacted len=1>@h y=https://b:<redacted len=2>@k" },
		{ "http://h:8080/path", "http://h:8080/path" },
		{ "redis://h:6379", "redis://h:6379" },
		{ "://u:p@h", "://u:p@h" },
		{ "plain", "plain" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *got = masked(cases[i][0]);

		assert_string_equal(got, cases[i][1]);
		free(got);
	}
}

/* Whose sandbox shm a bind source is, as mount_type_of() judges it: the
 * paths containerd and CRI-O write, and the look-alikes that are not. */
static void
test_sandbox_shm_runtime(void **state)
{
	static const struct {
		const char *source, *runtime;
		enum oc_mount_type type;
	} cases[] = {
		{ "/run/containerd/io.containerd.grpc.v1.cri/sandboxes/"
		  "3f9c2b7e5d1a4c8e9b0f6a2d4e7c1b5a8f3e6d9c2b1a0f4e7d6c5b8a9e2f1d3c"
		  "/shm", "containerd", OC_MT_SANDBOX_SHM },
		{ "/var/run/containerd/io.containerd.grpc.v1.cri/sandboxes/4f2a/"
		  "shm", "containerd", OC_MT_SANDBOX_SHM },
		{ "/var/run/containers/storage/overlay-containers/"
		  "8d2e5f1a9c4b7e3d6a0f2c5b8e1d4a7c9f3b6e2d5a8c1f4b7e0d3a6c9f2b5e8d"
		  "/userdata/shm", "CRI-O", OC_MT_SANDBOX_SHM },
		/* the pod's own volume, even one named shm */
		{ "/var/lib/kubelet/pods/0b6f4c1e-5a2d-4e8b-9c3f-7d1a2b4c6e8f/"
		  "volumes/kubernetes.io~empty-dir/dshm", NULL, OC_MT_EMPTYDIR },
		{ "/var/lib/kubelet/pods/0b6f4c1e/volumes/kubernetes.io~empty-dir/"
		  "shm", NULL, OC_MT_EMPTYDIR },
		/* a hostIPC pod gets the host's /dev/shm */
		{ "/dev/shm", NULL, OC_MT_HOSTPATH },
		{ "/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/4f2a/"
		  "hostname", NULL, OC_MT_HOSTPATH },
		{ "/var/run/containers/storage/overlay-containers/8d2e/userdata/"
		  "resolv.conf", NULL, OC_MT_HOSTPATH },
		{ "/run/containerd/io.containerd.grpc.v1.cri/sandboxes/4f2a/"
		  "shmx", NULL, OC_MT_HOSTPATH },
		{ "/shm", NULL, OC_MT_HOSTPATH },
		{ "", NULL, OC_MT_HOSTPATH },
	};
	const struct oc_shm_runtime *rt;
	size_t i, n;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		n = strlen(cases[i].source);
		rt = sandbox_shm_runtime(cases[i].source, n);
		if (cases[i].runtime == NULL) {
			assert_null(rt);
		} else {
			assert_non_null(rt);
			assert_string_equal(rt->name, cases[i].runtime);
			/* both runtimes' default, see values.c */
			assert_int_equal(rt->default_size, 64LL << 20);
		}
		assert_int_equal(mount_type_of(cases[i].source, n, "bind", 4, 1),
		    cases[i].type);
	}
	/* only CRI-O lets the pod ask for another size */
	rt = sandbox_shm_runtime(cases[2].source, strlen(cases[2].source));
	assert_string_equal(rt->override, "shm-size.crio.io");
	rt = sandbox_shm_runtime(cases[0].source, strlen(cases[0].source));
	assert_null(rt->override);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_script_vars),
		cmocka_unit_test(test_script_offsets),
		cmocka_unit_test(test_kube_refs),
		cmocka_unit_test(test_compdef_matches),
		cmocka_unit_test(test_write_round_trip),
		cmocka_unit_test(test_write_header),
		cmocka_unit_test(test_redact_names),
		cmocka_unit_test(test_redact_url),
		cmocka_unit_test(test_sandbox_shm_runtime),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
