/* The overlay merge, rule by rule of fields.inc: what a hand-written
 * overlay adds to a derived contract, and where the two cannot both
 * hold, the overlay position derive stops at. */
#include "ocicheck_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ocicheck/contract.h"
#include "ocicheck/derive.h"
#include "ocicheck/source.h"

#define HEAD "apiVersion: ocicheck/v1\nkind: RuntimeContract\n" \
	"metadata: {name: db}\n"

static struct oc_contract *
chart(const char *text)
{
	struct oc_contract *c = NULL;
	struct oc_error *err = NULL;

	if (contract_load_source(source_from_mem("chart.yaml", text,
	    strlen(text)), &c, &err) < 0)
		fail_msg("chart does not load: %s", err->msg);
	return c;
}

/* Merge the overlay text into c: 0, or -1 with the message in *msg. */
static int
merge(struct oc_contract *c, const char *text, char **msg)
{
	char path[] = "/tmp/ocicheck-overlay-XXXXXX";
	struct oc_contract *ov = NULL;
	struct oc_error *err = NULL;
	int fd = mkstemp(path), rc;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	if (contract_load_overlay(path, &ov, &err) < 0)
		fail_msg("overlay does not load: %s", err->msg);
	rc = contract_merge(c, ov, &err);
	*msg = NULL;
	if (rc < 0) {
		/* the temporary path aside */
		const char *s = strstr(err->msg, path);

		*msg = s ? xasprintf("%.*sOVERLAY%s", (int)(s - err->msg),
		    err->msg, s + strlen(path)) : xstrdup(err->msg);
		oc_error_free(err);
	}
	contract_free(ov);
	unlink(path);
	return rc;
}

static void
merge_ok(struct oc_contract *c, const char *text)
{
	char *msg;

	if (merge(c, text, &msg) < 0)
		fail_msg("merge fails: %s", msg);
}

static void
merge_fails(struct oc_contract *c, const char *text, const char *want)
{
	char *msg;

	assert_int_equal(merge(c, text, &msg), -1);
	if (strstr(msg, want) == NULL)
		fail_msg("wanted '%s' in:\n%s", want, msg);
	free(msg);
}

static const char base[] = "apiVersion: ocicheck/v1\n"
    "kind: RuntimeContract\n"
    "metadata: {name: db, component: {compDefs: [a]}}\n"
    "targets:\n"
    "  - name: main\n"
    "    role: main\n"
    "    process: {uid: 999}\n"
    "    env:\n"
    "      required:\n"
    "        - {name: A, minLength: 4, from: [chart], oneOf: [x, y, z]}\n"
    "      forbidden: [F1, F2]\n"
    "    mounts:\n"
    "      required:\n"
    "        - {destination: /data, type: pvcOrEmptyDir}\n"
    "        - {destination: /conf, type: configMap, access: ro}\n"
    "      rules: {allowNested: [[/a, /a/b]]}\n"
    "    resources:\n"
    "      memory: {minLimit: 1Gi, maxLimit: 4Gi}\n"
    "      cpu: {period: 100000}\n"
    "      pids: {minLimit: 64, onMissing: warning}\n"
    "systemAccounts:\n"
    "  declared: [{name: root, compDefs: [a]}]\n";

static void
test_field_rules(void **state)
{
	struct oc_contract *c = chart(base);
	const struct oc_target *t;

	(void)state;
	merge_ok(c, "apiVersion: ocicheck/v1\nkind: RuntimeContract\n"
	    "metadata: {name: o, component: {compDefs: [a, b]}}\n"
	    "defaults: {unverifiable: error}\n"
	    "targets:\n"
	    "  - name: main\n"
	    "    env:\n"
	    "      required:\n"
	    "        - {name: A, minLength: 8, secret: true, from: [ov],"
	    " oneOf: [y, z, w], severity: warning}\n"
	    "        - {name: B, nonEmpty: true}\n"
	    "      forbidden: [F2, F3]\n"
	    "    mounts:\n"
	    "      required:\n"
	    "        - {destination: /data, type: emptyDir, sizeMin: 1Gi}\n"
	    "      rules: {allowNested: [[/c, /c/d]], duplicateDestination:"
	    " warning}\n"
	    "    resources:\n"
	    "      memory: {requireLimit: true, minLimit: 2Gi, maxLimit: 3Gi}\n"
	    "      pids: {minLimit: 32, onMissing: error}\n"
	    "  - name: exporter\n");
	/* the chart's name stays; compDefs are a union */
	assert_string_equal(c->name, "db");
	assert_int_equal(c->ncompdefs, 2);
	assert_int_equal(c->unverifiable, OC_SEV_ERROR);
	assert_int_equal(c->ntargets, 2);
	assert_string_equal(c->targets[1].name, "exporter");
	t = &c->targets[0];
	assert_string_equal(t->role, "main");		/* not restated */
	assert_int_equal(t->uid, 999);
	assert_int_equal(t->nenv, 2);
	assert_int_equal(t->env[0].min_length, 8);	/* max */
	assert_true(t->env[0].secret);			/* or */
	assert_string_equal(t->env[0].from, "chart, ov");	/* union */
	assert_int_equal(t->env[0].n_one_of, 2);	/* both lists hold */
	assert_string_equal(t->env[0].one_of[0], "y");
	assert_string_equal(t->env[0].one_of[1], "z");
	assert_int_equal(t->env[0].severity, OC_SEV_WARNING);	/* stated */
	assert_string_equal(t->env[1].name, "B");	/* a new one */
	assert_int_equal(t->nforbidden, 3);
	assert_string_equal(t->forbidden[2], "F3");
	assert_int_equal(t->mounts[0].type, OC_MT_EMPTYDIR);	/* narrowed */
	assert_int_equal(t->mounts[0].size_min, 1024LL * 1024 * 1024);
	assert_int_equal(t->mounts[1].access, OC_ACCESS_RO);
	assert_int_equal(t->nallow_nested, 4);		/* appended */
	assert_string_equal(t->allow_nested[2], "/c");
	assert_int_equal(t->dup_dest, OC_SEV_ERROR);	/* the stricter */
	assert_true(t->mem_require_limit);
	assert_int_equal(t->mem_min, 2LL << 30);	/* the larger minimum */
	assert_int_equal(t->mem_max, 3LL << 30);	/* the smaller maximum */
	assert_int_equal(t->pids_min, 64);
	assert_int_equal(t->pids_on_missing, OC_SEV_ERROR);
	assert_int_equal(t->cpu_period, 100000);	/* not restated */
	assert_int_equal(c->naccounts, 1);
	contract_free(c);
}

static void
test_take_and_append(void **state)
{
	struct oc_contract *c = chart(base);
	const struct oc_target *t;

	(void)state;
	merge_ok(c, HEAD "targets:\n  - name: main\n    role: sidecar\n"
	    "    match: {image: '^db:'}\n"
	    "    resources: {memory: {maxLimit: 8Gi}}\n"
	    "systemAccounts:\n  declared: [{name: admin, compDefs: [a]}]\n"
	    "  references:\n    - {account: admin, consumers: [main]}\n");
	t = &c->targets[0];
	assert_string_equal(t->role, "sidecar");
	assert_string_equal(t->match_image->text, "^db:");
	assert_int_equal(t->mem_max, 4LL << 30);	/* chart's is smaller */
	assert_int_equal(c->naccounts, 2);
	assert_string_equal(c->accounts[1].name, "admin");
	assert_int_equal(c->nrefs, 1);
	contract_free(c);
}

static void
test_conflicts(void **state)
{
	struct oc_contract *c;

	(void)state;
	c = chart(base);
	merge_fails(c, HEAD "targets:\n  - name: main\n    process: {uid: 0}\n",
	    "overlay OVERLAY:6:20: target 'main': uid 0 in the overlay, 999 "
	    "in the chart");
	contract_free(c);
	c = chart(base);
	merge_fails(c, HEAD "targets:\n  - name: main\n    env:\n"
	    "      required: [{name: A, oneOf: [q]}]\n",
	    "target 'main': env A: no value of the overlay's oneOf is one the "
	    "chart allows");
	contract_free(c);
	c = chart(HEAD "targets:\n  - name: main\n    env:\n"
	    "      required: [{name: PW, equals: hunter2}]\n");
	merge_fails(c, HEAD "targets:\n  - name: main\n    env:\n"
	    "      required: [{name: PW, equals: other, secret: true}]\n",
	    "env PW must equal <redacted>, but the chart sets <redacted>");
	contract_free(c);
	c = chart(base);
	merge_fails(c, HEAD "targets:\n  - name: main\n    mounts:\n"
	    "      required: [{destination: /conf, type: secret}]\n",
	    "mount /conf is secret in the overlay but configMap in the chart");
	contract_free(c);
	c = chart(base);
	merge_fails(c, HEAD "targets:\n  - name: main\n    mounts:\n"
	    "      required: [{destination: /conf, access: rw}]\n",
	    "mount /conf is rw in the overlay but ro in the chart");
	contract_free(c);
	c = chart(base);
	merge_fails(c, HEAD "targets:\n  - name: main\n    mounts:\n"
	    "      required: [{destination: /conf, sizeMin: 1Mi}]\n",
	    "mount /conf has sizeMin in the overlay, but the chart mounts "
	    "configMap there");
	contract_free(c);
	c = chart(base);
	merge_fails(c, HEAD "targets:\n  - name: main\n    resources:\n"
	    "      memory: {maxLimit: 512Mi}\n",
	    "overlay OVERLAY:7:15: target 'main': memory minLimit is above "
	    "maxLimit once the overlay and the chart are merged");
	contract_free(c);
	c = chart(base);
	merge_fails(c, HEAD "targets:\n  - name: main\n    resources:\n"
	    "      cpu: {period: 50000}\n", "target 'main': cpu period 50000 in "
	    "the overlay, 100000 in the chart");
	contract_free(c);
}

/* Only the merged whole shows what the parts contradict together. */
static void
test_merged_whole_must_load(void **state)
{
	struct oc_contract *c = chart(base);

	(void)state;
	merge_fails(c, HEAD "systemAccounts:\n  references:\n"
	    "    - {account: root, consumers: [mian]}\n",
	    "consumer 'mian' is not a target of this contract; did you mean "
	    "'main'?");
	contract_free(c);
}

static void
test_sort(void **state)
{
	struct oc_contract *c = chart(HEAD "targets:\n  - name: b\n"
	    "    env: {required: [{name: Z}, {name: A}], forbidden: [Y, X]}\n"
	    "  - name: a\n");

	(void)state;
	contract_sort(c);
	assert_string_equal(c->targets[0].name, "a");
	assert_string_equal(c->targets[1].env[0].name, "A");
	assert_string_equal(c->targets[1].forbidden[0], "X");
	assert_null(c->targets[1].forbidden_nodes);
	contract_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_rules),
		cmocka_unit_test(test_take_and_append),
		cmocka_unit_test(test_conflicts),
		cmocka_unit_test(test_merged_whole_must_load),
		cmocka_unit_test(test_sort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
