/* Unit tests for contract derive on small rendered charts written here:
 * what the contract it writes says (accounts, env, mounts, backup
 * references, what a rendered Cluster or an overlay adds, the release
 * judged) and which DRV, ACC, ENV and MNT findings it raises, down to
 * hostile input. */
#include "ocicheck_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ocicheck/derive.h"
#include "ocicheck/source.h"

/* One run of derive: the contract as written (no header: it names the
 * inputs, whose paths vary) and the run's findings. */
struct drv {
	struct oc_run run;
	struct oc_contract *c;
	char *hdr;
	struct oc_buf text;
	struct oc_error *err;
	int rc;
	int fd[8];
	size_t nfd;
};

/* The text as a file derive opens by name, as it would a user's. */
static const char *
mem_file(struct drv *x, const char *text, char *path, size_t size)
{
	int fd = memfd_create("test", MFD_CLOEXEC);
	size_t len = strlen(text);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	assert_true(x->nfd < ARRAY_SIZE(x->fd));
	x->fd[x->nfd++] = fd;
	snprintf(path, size, "/proc/self/fd/%d", fd);
	return path;
}

/* Derive from the inputs (NULL-terminated) and an overlay (or NULL),
 * for platform p; chart is Chart.yaml's text or NULL. */
static void
run_derive(struct drv *x, enum oc_kb_platform p, const char *chart,
    const char *overlay, const char *const *yaml)
{
	char paths[8][32], chart_path[32], ov_path[32];
	const char *inputs[8], *ovs[1];
	struct oc_derive_opts o = { p, inputs, 0, ovs, 0, NULL };

	memset(x, 0, sizeof(*x));
	run_init(&x->run);
	for (; *yaml != NULL; yaml++) {
		inputs[o.ninputs] = mem_file(x, *yaml, paths[o.ninputs],
		    sizeof(paths[0]));
		o.ninputs++;
	}
	if (overlay != NULL) {
		ovs[0] = mem_file(x, overlay, ov_path, sizeof(ov_path));
		o.noverlays = 1;
	}
	if (chart != NULL)
		o.chart = mem_file(x, chart, chart_path, sizeof(chart_path));
	x->rc = derive_contract(&o, &x->run, &x->c, &x->hdr, &x->err);
	if (x->rc == 0)
		contract_write(&x->text, x->c, NULL);
}

static void
drv_free(struct drv *x)
{
	size_t i;

	for (i = 0; i < x->nfd; i++)
		close(x->fd[i]);
	contract_free(x->c);
	free(x->hdr);
	buf_free(&x->text);
	oc_error_free(x->err);
	run_free(&x->run);
}

/* Findings of rule id in the run. */
static size_t
count(const struct drv *x, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < x->run.findings.n; i++)
		n += strcmp(x->run.findings.v[i].rule->id, id) == 0;
	return n;
}

/* Does the written contract hold the line (or the start of one)? */
static int
has(const struct drv *x, const char *line)
{
	return x->text.s != NULL && strstr(x->text.s, line) != NULL;
}

#define assert_has(run, line) do { \
	if (!has((run), (line))) \
		fail_msg("contract lacks \"%s\":\n%s", (line), \
		    (run)->text.s ? (run)->text.s : "(none)"); \
} while (0)
#define assert_lacks(run, line) do { \
	if (has((run), (line))) \
		fail_msg("contract holds \"%s\"", (line)); \
} while (0)

static const char accounts_yaml[] =
	"apiVersion: apps.kubeblocks.io/v1\n"
	"kind: ComponentDefinition\n"
	"metadata: {name: db-1.0.0}\n"
	"spec:\n"
	"  systemAccounts:\n"
	"    - {name: admin, initAccount: true, passwordConfig: {length: 16}}\n"
	"    - {name: monitor}\n"
	"  vars:\n"
	"    - name: DB_USER\n"
	"      valueFrom: {credentialVarRef: {name: admin, username: Required}}\n"
	"    - name: DB_PASSWORD\n"
	"      valueFrom: {credentialVarRef: {name: admin, password: Required}}\n"
	"    - {name: DB_PORT, value: \"5432\"}\n"
	"  runtime:\n"
	"    containers:\n"
	"      - name: db\n"
	"        image: docker.io/acme/db:1.0\n"
	"        env:\n"
	"          - {name: DSN, value: \"db://$(DB_USER)@localhost:$(DB_PORT)\"}\n"
	"          - {name: MODE, value: primary}\n"
	"          - {name: LITERAL, value: \"cost $$(5)\"}\n"
	"          - {name: API_TOKEN, value: s3cr3t-value}\n";

/* passwordConfig is read from 1.1 on; 1.0 prunes it, and the account
 * gets an empty password there, which the reference needing one then
 * meets (ACC002). */
static void
test_accounts(void **state)
{
	const char *in[] = { accounts_yaml, NULL };
	struct drv x;

	(void)state;
	run_derive(&x, OC_KB_1_1, NULL, NULL, in);
	assert_int_equal(x.rc, 0);
	assert_has(&x, "    - {name: admin, compDefs: [db-1.0.0], "
	    "initAccount: true, password: generated}\n");
	assert_has(&x, "    - {name: monitor, compDefs: [db-1.0.0], "
	    "password: none}\n");
	assert_int_equal(count(&x, "DRV002"), 0);
	assert_int_equal(count(&x, "ACC002"), 0);
	drv_free(&x);

	run_derive(&x, OC_KB_1_0, NULL, NULL, in);
	assert_int_equal(x.rc, 0);
	assert_has(&x, "    - {name: admin, compDefs: [db-1.0.0], "
	    "initAccount: true, password: none}\n");
	assert_int_equal(count(&x, "DRV002"), 1);
	assert_int_equal(count(&x, "ACC002"), 1);
	drv_free(&x);
}

/* Vars come first in the container's env; literals are what Kubernetes
 * makes of them, a $(VAR) only says non-empty, a secret-looking name
 * never carries its value into the contract. */
static void
test_vars_env(void **state)
{
	const char *in[] = { accounts_yaml, NULL };
	struct drv x;

	(void)state;
	run_derive(&x, OC_KB_1_1, NULL, NULL, in);
	assert_int_equal(x.rc, 0);
	assert_int_equal(x.c->ntargets, 1);
	assert_has(&x, "  - name: db\n    role: main\n    match: "
	    "{containerName: db, image: '(^|/)acme/db([:@]|$)'}\n");
	assert_has(&x, "{name: DB_PORT, equals: '5432', from: [literal], "
	    "declaredAt: ");
	assert_has(&x, "{name: DB_PASSWORD, nonEmpty: true, secret: true, "
	    "from: [kb.var.credential], ");
	assert_has(&x, "{name: DSN, nonEmpty: true, from: [container.env], ");
	assert_has(&x, "{name: MODE, equals: primary, from: [container.env], ");
	assert_has(&x, "{name: LITERAL, equals: 'cost $(5)', ");
	assert_has(&x, "{name: API_TOKEN, nonEmpty: true, secret: true, ");
	assert_lacks(&x, "s3cr3t");
	assert_has(&x, "      from: {kind: ComponentDefinition, name: db-1.0.0, "
	    "path: 'spec.vars[name=DB_USER].valueFrom.credentialVarRef'}\n"
	    "      compDefPatterns: ['^db-1\\.0\\.0$']\n"
	    "      injects: [DB_USER]\n");
	drv_free(&x);
}

static const char kv_yaml[] =
	"apiVersion: apps.kubeblocks.io/v1\n"
	"kind: ComponentDefinition\n"
	"metadata: {name: kv-2.0.0}\n"
	"spec:\n"
	"  volumes: [{name: data}]\n"
	"  configs: [{name: conf, template: kv-conf, volumeName: config}]\n"
	"  systemAccounts: [{name: root, initAccount: true, "
	"passwordConfig: {length: 12}}]\n"
	"  runtime:\n"
	"    containers:\n"
	"      - name: kv\n"
	"        image: kv:2.0\n"
	"        volumeMounts:\n"
	"          - {name: data, mountPath: /data/}\n"
	"          - {name: config, mountPath: /etc/kv, readOnly: true}\n"
	"          - {name: shm, mountPath: /dev/shm}\n"
	"          - {name: cache, mountPath: /cache}\n"
	"          - {name: ghost, mountPath: /ghost}\n"
	"          - {name: rel, mountPath: relative}\n"
	"    volumes:\n"
	"      - {name: shm, emptyDir: {medium: Memory, sizeLimit: 64Mi}}\n"
	"      - {name: cache, emptyDir: {}}\n";

static const char kv_backup_yaml[] =
	"apiVersion: dataprotection.kubeblocks.io/v1alpha1\n"
	"kind: BackupPolicyTemplate\n"
	"metadata: {name: kv-bpt}\n"
	"spec:\n"
	"  compDefs: ['^kv-\\d+']\n"
	"  target: {role: primary, account: root}\n"
	"  backupMethods:\n"
	"    - name: dump\n"
	"      actionSetName: kv-dump\n"
	"      targetVolumes:\n"
	"        volumeMounts: [{name: data, mountPath: /data}]\n"
	"    - {name: snap, actionSetName: kv-missing}\n"
	"---\n"
	"apiVersion: dataprotection.kubeblocks.io/v1alpha1\n"
	"kind: ActionSet\n"
	"metadata: {name: kv-dump}\n"
	"spec:\n"
	"  backupType: Full\n"
	"  backup:\n"
	"    backupData:\n"
	"      image: docker.io/acme/kv-tools:1\n"
	"      runOnTargetPodNode: true\n"
	"      command: [sh, -c, 'kv-dump -u \"$DP_DB_USER\" "
	"-p \"$DP_DB_PASSWORD\" > \"$DP_BACKUP_NAME\"; echo \"$KV_HOME\"']\n";

static const char kv_cluster_yaml[] =
	"apiVersion: apps.kubeblocks.io/v1\n"
	"kind: Cluster\n"
	"metadata: {name: kvc}\n"
	"spec:\n"
	"  terminationPolicy: Delete\n"
	"  componentSpecs:\n"
	"    - name: store\n"
	"      componentDef: kv-2\n"
	"      resources:\n"
	"        limits: {memory: 1Gi, cpu: \"2\"}\n"
	"        requests: {memory: 512Mi, cpu: 250m}\n"
	"      volumeClaimTemplates:\n"
	"        - {name: ghost, spec: {resources: {requests: "
	"{storage: 1Gi}}}}\n";

/* Each mount typed by the volume behind it; a trailing '/' dropped, a
 * relative mountPath (which the API server refuses) not required; a
 * name no volume declares may be a claim template or an emptyDir
 * (MNT008). */
static void
test_volumes_mounts(void **state)
{
	const char *in[] = { kv_yaml, NULL };
	struct drv x;

	(void)state;
	run_derive(&x, OC_KB_1_1, NULL, NULL, in);
	assert_int_equal(x.rc, 0);
	assert_has(&x, "    mounts:\n      required:\n"
	    "        - {destination: /cache, volume: cache, type: emptyDir, "
	    "access: rw}\n"
	    "        - {destination: /data, volume: data, type: pvc, "
	    "access: rw}\n"
	    "        - {destination: /dev/shm, volume: shm, type: tmpfs, "
	    "access: rw, sizeMin: 64Mi}\n"
	    "        - {destination: /etc/kv, volume: config, type: configMap, "
	    "access: ro}\n"
	    "        - {destination: /ghost, volume: ghost, type: "
	    "pvcOrEmptyDir, access: rw}\n");
	assert_lacks(&x, "relative");
	assert_int_equal(count(&x, "MNT008"), 1);
	drv_free(&x);
}

/* The policy's target account is a reference that injects DP_DB_*; a
 * method becomes a backup-job target with the platform's env and its
 * target volumes; a missing ActionSet is DRV001, a name the script reads
 * that nothing provides ENV010. */
static void
test_backup_references(void **state)
{
	const char *in[] = { kv_yaml, kv_backup_yaml, NULL };
	struct drv x;

	(void)state;
	run_derive(&x, OC_KB_1_1, NULL, NULL, in);
	assert_int_equal(x.rc, 0);
	assert_int_equal(x.c->ntargets, 2);
	assert_has(&x, "    - account: root\n"
	    "      from: {kind: BackupPolicyTemplate, name: kv-bpt, "
	    "path: spec.target.account}\n"
	    "      compDefPatterns: ['^kv-\\d+']\n"
	    "      needsPassword: true\n"
	    "      injects: [DP_DB_USER, DP_DB_PASSWORD]\n");
	assert_has(&x, "  - name: backup/dump\n    role: backup-job\n"
	    "    match: {containerName: backupdata, sandboxName: "
	    "'^dp-backup-', image: '(^|/)acme/kv-tools([:@]|$)'}\n");
	assert_has(&x, "{name: DP_DB_PASSWORD, nonEmpty: true, secret: true, "
	    "from: [dp.target-account]}\n");
	assert_has(&x, "        - {destination: /data, volume: data, "
	    "type: pvc}\n");
	assert_lacks(&x, "kv-missing");
	assert_int_equal(count(&x, "DRV001"), 1);
	assert_int_equal(count(&x, "ENV010"), 1);
	drv_free(&x);
}

/* A rendered Cluster names the pods, sets the main container's
 * resources and, by its claim template, settles what the undeclared
 * volume is. */
static void
test_cluster(void **state)
{
	const char *in[] = { kv_yaml, kv_cluster_yaml, NULL };
	struct drv x;

	(void)state;
	run_derive(&x, OC_KB_1_1, NULL, NULL, in);
	assert_int_equal(x.rc, 0);
	assert_has(&x, "    match: {containerName: kv, sandboxName: "
	    "'^kvc-store-[0-9]+$', image: '(^|/)kv([:@]|$)'}\n");
	assert_has(&x, "{destination: /ghost, volume: ghost, type: pvc, "
	    "access: rw}\n");
	assert_has(&x, "    resources:\n"
	    "      memory: {requireLimit: true, minLimit: 512Mi}\n"
	    "      cpu: {requireQuota: true, minMillicores: 250m}\n");
	assert_int_equal(count(&x, "MNT008"), 0);
	assert_int_equal(count(&x, "DRV008"), 0);
	drv_free(&x);
}

/* An overlay adds what the chart cannot say; one that contradicts the
 * chart's literal is an error, not a silent choice. */
static void
test_overlay(void **state)
{
	static const char adds[] =
		"apiVersion: ocicheck/v1\n"
		"kind: RuntimeContract\n"
		"metadata: {name: db-extra}\n"
		"targets:\n"
		"  - name: db\n"
		"    env:\n"
		"      required:\n"
		"        - {name: TZ, equals: UTC, from: [image]}\n";
	static const char clashes[] =
		"apiVersion: ocicheck/v1\n"
		"kind: RuntimeContract\n"
		"metadata: {name: db-extra}\n"
		"targets:\n"
		"  - name: db\n"
		"    env:\n"
		"      required:\n"
		"        - {name: MODE, equals: replica}\n";
	const char *in[] = { accounts_yaml, NULL };
	struct drv x;

	(void)state;
	run_derive(&x, OC_KB_1_1, NULL, adds, in);
	assert_int_equal(x.rc, 0);
	assert_has(&x, "        - {name: TZ, equals: UTC, from: [image]}\n");
	assert_has(&x, "{name: MODE, equals: primary, ");
	drv_free(&x);

	run_derive(&x, OC_KB_1_1, NULL, clashes, in);
	assert_int_equal(x.rc, -1);
	assert_non_null(x.err);
	assert_non_null(strstr(x.err->msg, "MODE"));
	drv_free(&x);
}

/* The release judged: --platform, else the chart's claim (Chart.yaml's
 * annotation, or a definition's), else 1.1 with DRV004. */
static void
test_platform(void **state)
{
	static const char chart10[] =
		"apiVersion: v2\nname: db\nversion: 1.0.0\n"
		"annotations:\n"
		"  addon.kubeblocks.io/kubeblocks-version: \"~1.0\"\n";
	const char *in[] = { accounts_yaml, NULL };
	char *claimed = xstrdup(accounts_yaml), *p;
	const char *in_claimed[] = { NULL, NULL };
	struct oc_buf b = { 0 };
	struct drv x;

	(void)state;
	p = strstr(claimed, "metadata: {name: db-1.0.0}\n");
	assert_non_null(p);
	*p = '\0';
	buf_printf(&b, "%smetadata:\n  name: db-1.0.0\n  annotations:\n"
	    "    addon.kubeblocks.io/kubeblocks-version: '>=1.2.0-0'\n%s",
	    claimed, p + strlen("metadata: {name: db-1.0.0}\n"));
	in_claimed[0] = b.s;

	run_derive(&x, OC_KB_AUTO, NULL, NULL, in);
	assert_int_equal(x.rc, 0);
	assert_non_null(strstr(x.hdr, "--platform kubeblocks-1.1 "
	    "(the default)\n"));
	assert_int_equal(count(&x, "DRV004"), 1);
	drv_free(&x);

	run_derive(&x, OC_KB_1_2, NULL, NULL, in);
	assert_non_null(strstr(x.hdr, "--platform kubeblocks-1.2\n"));
	assert_int_equal(count(&x, "DRV004"), 0);
	drv_free(&x);

	run_derive(&x, OC_KB_AUTO, NULL, NULL, in_claimed);
	assert_int_equal(x.rc, 0);
	assert_non_null(strstr(x.hdr, "--platform kubeblocks-1.2 (the newest "
	    "of 1.2, which the chart claims by "
	    "addon.kubeblocks.io/kubeblocks-version >=1.2.0-0)\n"));
	assert_int_equal(count(&x, "DRV004"), 0);
	drv_free(&x);

	/* Chart.yaml claims 1.0 only: passwordConfig is pruned there. */
	run_derive(&x, OC_KB_AUTO, chart10, NULL, in);
	assert_int_equal(x.rc, 0);
	assert_non_null(strstr(x.hdr, "--platform kubeblocks-1.0 (the newest "
	    "of 1.0, "));
	assert_non_null(strstr(x.hdr, "\nchart: "));
	assert_int_equal(count(&x, "DRV002"), 1);
	drv_free(&x);
	free(claimed);
	buf_free(&b);
}

/* Input that is not a chart: an error naming what derive reads, never a
 * crash or a contract of nothing. */
static void
test_hostile_documents(void **state)
{
	static const char *const docs[] = {
		"a scalar document\n",
		"- [1, 2]\n- x\n",
		"kind: ComponentDefinition\n",
		"apiVersion: apps.kubeblocks.io/v1\nkind: ComponentDefinition\n"
		"metadata: {name: odd-1}\nspec: 5\n",
		"apiVersion: apps.kubeblocks.io/v1\nkind: ComponentDefinition\n"
		"metadata: {name: odd-1}\nspec:\n  runtime: {containers: nope}\n"
		"  vars: {a: b}\n  volumes: 7\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(docs); i++) {
		const char *in[] = { docs[i], NULL };
		struct drv x;

		run_derive(&x, OC_KB_1_1, NULL, NULL, in);
		if (x.rc == 0)
			assert_int_equal(x.c->ntargets, 0);
		else
			assert_non_null(x.err);
		if (i < 3)
			assert_int_equal(x.rc, -1);
		drv_free(&x);
	}
}

/* Nesting past the loader's limit makes the input unreadable, which is
 * an error of derive, not a stack overflow. */
static void
test_hostile_depth(void **state)
{
	struct oc_buf b = { 0 };
	const char *in[] = { NULL, NULL };
	struct drv x;
	int i;

	(void)state;
	buf_adds(&b, "apiVersion: apps.kubeblocks.io/v1\n"
	    "kind: ComponentDefinition\nmetadata: {name: deep-1}\nspec: ");
	for (i = 0; i < 100000; i++)
		buf_addc(&b, '[');
	for (i = 0; i < 100000; i++)
		buf_addc(&b, ']');
	buf_addc(&b, '\n');
	in[0] = b.s;
	run_derive(&x, OC_KB_1_1, NULL, NULL, in);
	assert_int_equal(x.rc, -1);
	assert_non_null(x.err);
	drv_free(&x);
	buf_free(&b);
}

/* A long list is taken whole: every entry a requirement, in order. */
static void
test_hostile_list(void **state)
{
	enum { N = 3000 };
	struct oc_buf b = { 0 };
	const char *in[] = { NULL, NULL };
	struct drv x;
	int i;

	(void)state;
	buf_adds(&b, "apiVersion: apps.kubeblocks.io/v1\n"
	    "kind: ComponentDefinition\nmetadata: {name: big-1}\n"
	    "spec:\n  runtime:\n    containers:\n      - name: c\n"
	    "        env:\n");
	for (i = 0; i < N; i++)
		buf_printf(&b, "          - {name: V%d, value: x}\n", i);
	/* a repeated name is one requirement: the later entry wins */
	buf_adds(&b, "          - {name: V7, value: y}\n");
	in[0] = b.s;
	run_derive(&x, OC_KB_1_1, NULL, NULL, in);
	assert_int_equal(x.rc, 0);
	assert_int_equal(x.c->ntargets, 1);
	assert_int_equal(x.c->targets[0].nenv, N);
	assert_has(&x, "{name: V2999, equals: x, ");
	assert_has(&x, "{name: V7, equals: 'y', ");
	drv_free(&x);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accounts),
		cmocka_unit_test(test_vars_env),
		cmocka_unit_test(test_volumes_mounts),
		cmocka_unit_test(test_backup_references),
		cmocka_unit_test(test_cluster),
		cmocka_unit_test(test_overlay),
		cmocka_unit_test(test_platform),
		cmocka_unit_test(test_hostile_documents),
		cmocka_unit_test(test_hostile_depth),
		cmocka_unit_test(test_hostile_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
