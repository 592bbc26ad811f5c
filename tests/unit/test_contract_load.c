/* The contract loader: what it takes into the model, and each refusal
 * as the line the author reads ("PATH:LINE:COL: message"). */
#include "ocicheck_test.h"

#include <stdlib.h>
#include <string.h>

#include "ocicheck/contract.h"
#include "ocicheck/source.h"

#define HEAD "apiVersion: ocicheck/v1\nkind: RuntimeContract\n" \
	"metadata: {name: db}\n"

static struct oc_contract *
load_ok(const char *text)
{
	struct oc_contract *c = NULL;
	struct oc_error *err = NULL;

	if (contract_load_source(source_from_mem("c.yaml", text,
	    strlen(text)), &c, &err) < 0)
		fail_msg("does not load: %s", err->msg);
	return c;
}

/* The refusal of text, as the loader words it; the caller frees. */
static char *
refusal_n(const char *text, size_t len)
{
	struct oc_contract *c = NULL;
	struct oc_error *err = NULL;
	char *msg;

	assert_int_equal(contract_load_source(source_from_mem("c.yaml", text,
	    len), &c, &err), -1);
	assert_null(c);
	msg = xstrdup(err->msg);
	oc_error_free(err);
	return msg;
}

static char *
refusal(const char *text)
{
	return refusal_n(text, strlen(text));
}

/* Does the refusal of text hold line? */
static void
refused_with(const char *text, const char *line)
{
	char *msg = refusal(text);

	if (strstr(msg, line) == NULL)
		fail_msg("wanted '%s' in:\n%s", line, msg);
	free(msg);
}

static void
test_values_into_the_model(void **state)
{
	struct oc_contract *c = load_ok(HEAD
	    "defaults: {severity: warning}\n"
	    "targets:\n"
	    "  - name: main\n"
	    "    role: sidecar\n"
	    "    process: {uid: 999}\n"
	    "    env:\n"
	    "      required:\n"
	    "        - {name: A, minLength: 8, from: [x, y]}\n"
	    "        - {name: B, equals: '1', secret: true}\n"
	    "    mounts:\n"
	    "      required:\n"
	    "        - {destination: /data/, type: pvc, access: ro}\n"
	    "    resources:\n"
	    "      memory: {minLimit: 1Gi, maxLimit: 2G}\n"
	    "      cpu: {minMillicores: 500m, period: 100000}\n"
	    "      pids: {scope: pod}\n");
	const struct oc_target *t;

	(void)state;
	assert_int_equal(c->ntargets, 1);
	t = &c->targets[0];
	assert_string_equal(t->role, "sidecar");
	assert_true(t->has_uid);
	assert_int_equal(t->uid, 999);
	assert_int_equal(t->nenv, 2);
	assert_int_equal(t->env[0].min_length, 8);
	assert_string_equal(t->env[0].from, "x, y");
	assert_int_equal(t->env[1].min_length, -1);
	assert_true(t->env[1].secret);
	assert_string_equal(t->mounts[0].destination, "/data");
	assert_int_equal(t->mounts[0].type, OC_MT_PVC);
	assert_int_equal(t->mounts[0].access, OC_ACCESS_RO);
	assert_int_equal(t->mounts[0].size_min, -1);
	assert_int_equal(t->mem_min, 1024LL * 1024 * 1024);
	assert_int_equal(t->mem_max, 2000000000LL);
	assert_int_equal(t->cpu_min_milli, 500);
	assert_int_equal(t->cpu_max_milli, -1);
	assert_int_equal(t->cpu_period, 100000);
	assert_true(t->pids_pod_scope);
	/* stated in pids, so onMissing reads as its default */
	assert_int_equal(t->pids_on_missing, OC_SEV_WARNING);
	/* defaults: severity moves the unstated duplicateDestination */
	assert_int_equal(t->dup_dest, OC_SEV_WARNING);
	assert_int_equal(t->nested, OC_SEV_WARNING);
	assert_int_equal(t->unresolved, OC_ITEM_DEFAULT);
	contract_free(c);
}

/* What a contract leaves unsaid is the model's unset value. */
static void
test_unset_values(void **state)
{
	struct oc_contract *c = load_ok(HEAD "targets:\n  - name: main\n");
	const struct oc_target *t = &c->targets[0];

	(void)state;
	assert_int_equal(c->default_severity, OC_ITEM_DEFAULT);
	assert_int_equal(c->unverifiable, OC_SEV_INFO);
	assert_false(t->has_uid);
	assert_int_equal(t->dup_dest, OC_SEV_ERROR);
	assert_int_equal(t->pids_on_missing, OC_ITEM_IGNORE);
	assert_int_equal(t->mem_min, -1);
	assert_int_equal(t->pids_min, -1);
	assert_null(t->match_image);
	contract_free(c);
}

static void
test_unknown_keys(void **state)
{
	(void)state;
	refused_with(HEAD "targets:\n  - nmae: main\n",
	    "c.yaml:5:5: unknown key 'nmae' in a target; did you mean "
	    "'name'? (allowed: name, role, match, process, env, mounts, "
	    "resources)");
	refused_with(HEAD "targets:\n  - nmae: main\n",
	    "c.yaml:5:5: a target lacks required key 'name'");
	/* another tool's spelling is told its meaning here */
	refused_with(HEAD "targets:\n  - name: m\n    mounts:\n"
	    "      required: [{destination: /d, readOnly: true}]\n",
	    "c.yaml:7:36: unknown key 'readOnly' in a mount requirement; "
	    "did you mean 'access: ro / rw'?");
	refused_with(HEAD "targets:\n  - name: m\n    resources:\n"
	    "      cpu: {limit: 2}\n", "unknown key 'limit' in resources.cpu; "
	    "did you mean 'minMillicores'?");
	/* metadata is open: its other keys pass */
	contract_free(load_ok("apiVersion: ocicheck/v1\nkind: RuntimeContract\n"
	    "metadata: {name: db, owner: me, chart: x}\n"));
}

static void
test_type_errors(void **state)
{
	(void)state;
	refused_with(HEAD "targets:\n  - name: m\n    process: {uid: abc}\n",
	    "c.yaml:6:20: 'uid' in process must be a non-negative integer "
	    "(got 'abc', a string: unquote it)");
	refused_with(HEAD "targets: {a: 1}\n", "c.yaml:4:10: ");
	refused_with(HEAD "targets:\n  - name: m\n    env:\n      required:\n"
	    "        - {name: A, severity: loud}\n", "c.yaml:8:31: 'severity' "
	    "in an env requirement must be error, warning, info (got 'loud')");
	refused_with(HEAD "targets:\n  - name: m\n    resources:\n"
	    "      memory: {minLimit: 500m}\n", "c.yaml:7:26: 'minLimit' in "
	    "resources.memory is '500m', thousandths of a byte");
	/* a severity in process is read with or without a uid */
	refused_with(HEAD "targets:\n  - name: m\n    process: {severity: x}\n",
	    "c.yaml:6:25: 'severity' in process must be error");
}

static void
test_values_refused(void **state)
{
	(void)state;
	refused_with("apiVersion: ocicheck/v2\nkind: RuntimeContract\n"
	    "metadata: {name: db}\n", "c.yaml:1:13: apiVersion "
	    "'ocicheck/v2' is not 'ocicheck/v1'");
	refused_with(HEAD "targets:\n  - name: m\n    role: boss\n",
	    "c.yaml:6:11: target role 'boss' is not main, sidecar, init, "
	    "backup-job, restore-job or action");
	refused_with(HEAD "targets:\n  - name: m\n    mounts:\n"
	    "      required: [{destination: d, type: nfs}]\n",
	    "c.yaml:7:32: mount destination 'd' must be an absolute path");
	refused_with(HEAD "targets:\n  - name: m\n    mounts:\n"
	    "      required: [{destination: /d, type: nfs}]\n",
	    "mount type 'nfs' is not one of any, pvc, emptyDir");
	refused_with(HEAD "targets:\n  - name: m\n    mounts:\n"
	    "      required: [{destination: /d, type: pvc, sizeMin: 1Gi}]\n",
	    "'sizeMin' applies to tmpfs, emptyDir, pvcOrEmptyDir or any "
	    "mounts, not pvc");
	refused_with(HEAD "targets:\n  - name: m\n    resources:\n"
	    "      cpu: {period: 10}\n", "c.yaml:7:21: cpu period 10 is "
	    "outside the kernel's 1000..1000000 microseconds");
	refused_with(HEAD "targets:\n  - name: m\n    process: {uid: "
	    "4294967296}\n", "beyond the largest uid 4294967295");
	refused_with(HEAD "systemAccounts:\n  declared: [{name: a, password: "
	    "x}]\n", "account password 'x' is not generated, provided or "
	    "none");
	refused_with(HEAD "targets:\n  - name: m\n  - name: m\n",
	    "c.yaml:6:5: target name 'm' is used twice (first at line 5)");
}

/* Items that contradict each other (coherence.c), each told where the
 * first one is. */
static void
test_coherence(void **state)
{
	char *msg;

	(void)state;
	msg = refusal(HEAD "targets:\n"
	    "  - name: m\n"
	    "    env:\n"
	    "      required: [{name: A}, {name: B}, {name: A}, {name: A}]\n"
	    "      forbidden: [B, C, C]\n"
	    "    mounts:\n"
	    "      required: [{destination: /d}, {destination: /d/}]\n"
	    "  - name: n\n"
	    "  - name: m\n"
	    "systemAccounts:\n"
	    "  references: [{account: x, consumers: [m, nn]}]\n");
	assert_string_equal(msg, "invalid contract 'c.yaml':\n"
	    "c.yaml:7:47: env A is required twice in target 'm' (first at "
	    "line 7); merge the two items\n"
	    "c.yaml:7:58: env A is required twice in target 'm' (first at "
	    "line 7); merge the two items\n"
	    "c.yaml:8:19: env B is both required (line 7) and forbidden in "
	    "target 'm': no config.json can pass; drop one\n"
	    "c.yaml:8:25: env C is forbidden twice in target 'm'; drop one\n"
	    "c.yaml:10:51: mount destination '/d/' is required twice in target "
	    "'m' (first at line 10; a trailing / names the same path); merge "
	    "the two items\n"
	    "c.yaml:12:5: target name 'm' is used twice (first at line 5); "
	    "rename one\n"
	    "c.yaml:14:44: consumer 'nn' is not a target of this contract; did "
	    "you mean 'n'? (its targets: m, n, m)");
	free(msg);
	msg = refusal(HEAD "systemAccounts:\n  declared:\n"
	    "    - {name: root, compDefs: [a]}\n"
	    "    - {name: admin}\n"
	    "    - {name: root, compDefs: [b]}\n"
	    "    - {name: root, compDefs: [b, a]}\n");
	assert_string_equal(msg, "invalid contract 'c.yaml':\n"
	    "c.yaml:9:7: account 'root' is declared twice for compDef 'a' "
	    "(first at line 6); merge the two declarations");
	free(msg);
}

/* Every problem is listed, in file order, in one refusal. */
static void
test_all_problems_at_once(void **state)
{
	char *msg;

	(void)state;
	msg = refusal(HEAD "targets:\n  - name: m\n    role: boss\n"
	    "    process: {uid: x}\n");
	assert_string_equal(msg, "invalid contract 'c.yaml':\n"
	    "c.yaml:6:11: target role 'boss' is not main, sidecar, init, "
	    "backup-job, restore-job or action\n"
	    "c.yaml:7:20: 'uid' in process must be a non-negative integer "
	    "(got 'x', a string: unquote it)");
	free(msg);
}

static void
test_hostile_input(void **state)
{
	static const char nul[] = HEAD "targets:\n  - name: \"a\0b\"\n";
	struct oc_buf b = { 0 };
	struct oc_contract *c;
	char *msg;
	size_t i;

	(void)state;
	msg = refusal_n(nul, sizeof(nul) - 1);
	assert_non_null(strstr(msg, "control characters are not allowed"));
	free(msg);
	refused_with(HEAD "targets:\n  - name: \"a\xff\"\n",
	    "invalid leading UTF-8 octet");
	buf_adds(&b, HEAD "targets: ");
	for (i = 0; i < 5000; i++)
		buf_addc(&b, '[');
	for (i = 0; i < 5000; i++)
		buf_addc(&b, ']');
	refused_with(b.s, "nesting deeper than 256 levels");
	/* a huge list is read whole, and items keep their own values */
	b.len = 0;
	buf_adds(&b, HEAD "targets:\n  - name: m\n    env:\n      required:\n");
	for (i = 0; i < 5000; i++)
		buf_printf(&b, "        - {name: V%zu}\n", i);
	c = load_ok(b.s);
	assert_int_equal(c->targets[0].nenv, 5000);
	assert_string_equal(c->targets[0].env[4999].name, "V4999");
	contract_free(c);
	/* past the listed errors, the rest are counted */
	b.len = 0;
	buf_adds(&b, HEAD "targets:\n  - name: m\n    env:\n      required:\n");
	for (i = 0; i < 50; i++)
		buf_adds(&b, "        - {nonEmpty: true}\n");
	refused_with(b.s, "... and 30 more");
	buf_free(&b);
	refused_with("", "the file is empty");
	refused_with(HEAD "---\n" HEAD, "a contract is one YAML document");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_into_the_model),
		cmocka_unit_test(test_unset_values),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_type_errors),
		cmocka_unit_test(test_values_refused),
		cmocka_unit_test(test_coherence),
		cmocka_unit_test(test_all_problems_at_once),
		cmocka_unit_test(test_hostile_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
