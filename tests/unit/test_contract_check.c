/* Unit tests for contract checking (src/checks/contract/): a config and
 * a contract in memory through contract_check(), the target it picks and
 * why, and the findings of the env, mount, limits and uid rules. */
#include "ocicheck_test.h"

#include <stdlib.h>
#include <string.h>

#include "ocicheck/contract_check.h"
#include "ocicheck/json_load.h"
#include "ocicheck/source.h"

static const char contract_yaml[] =
	"apiVersion: ocicheck/v1\n"
	"kind: RuntimeContract\n"
	"metadata: {name: db}\n"
	"targets:\n"
	"  - name: db\n"
	"    match: {containerName: db}\n"
	"    process: {uid: 999}\n"
	"    env:\n"
	"      required:\n"
	"        - {name: DB_PORT, equals: '5432'}\n"
	"        - {name: DB_USER, nonEmpty: true, severity: warning}\n"
	"    mounts:\n"
	"      required:\n"
	"        - {destination: /data, type: pvc}\n"
	"    resources:\n"
	"      memory: {requireLimit: true}\n"
	"  - name: side\n"
	"    match: {containerName: side}\n";

/* A config of uid whose CRI annotations name container and type (none
 * when NULL), with a memory limit when limit is set; env and mounts are
 * the members of those arrays. */
static char *
config_json(const char *container, const char *type, int uid, int limit,
    const char *env, const char *mounts)
{
	struct oc_buf b = { 0 };

	buf_printf(&b, "{\"ociVersion\": \"1.2.0\",\n"
	    " \"process\": {\"user\": {\"uid\": %d, \"gid\": 0}, "
	    "\"args\": [\"db\"], \"cwd\": \"/\", \"env\": [%s]},\n"
	    " \"root\": {\"path\": \"rootfs\"},\n"
	    " \"linux\": {\"resources\": {\"memory\": {%s}}},\n"
	    " \"mounts\": [%s],\n"
	    " \"annotations\": {", uid, env,
	    limit ? "\"limit\": 1073741824" : "", mounts);
	if (container != NULL)
		buf_printf(&b, "\"io.kubernetes.cri.container-name\": \"%s\"",
		    container);
	if (type != NULL)
		buf_printf(&b, "%s\"io.kubernetes.cri.container-type\": \"%s\"",
		    container != NULL ? ", " : "", type);
	buf_adds(&b, "}}\n");
	return buf_steal(&b);
}

struct cc_run {
	struct oc_source *src;
	struct oc_doc *doc;
	struct oc_findings out;
	struct oc_contract *c;
	const struct oc_target *t;
	enum contract_check_why why;
};

static void
check(struct cc_run *r, const char *config, const char *force)
{
	struct oc_error *err = NULL;
	struct oc_check_ctx ctx;

	memset(r, 0, sizeof(*r));
	assert_int_equal(contract_load_source(source_from_mem("c.yaml",
	    contract_yaml, strlen(contract_yaml)), &r->c, &err), 0);
	r->src = source_from_mem("config.json", config, strlen(config));
	r->out.src = r->src;
	assert_int_equal(json_load(r->src, &r->out, &r->doc, &err), 0);
	assert_int_equal(r->out.n, 0);
	memset(&ctx, 0, sizeof(ctx));
	ctx.doc = r->doc;
	ctx.root = doc_root(r->doc, 0);
	ctx.out = &r->out;
	r->why = (enum contract_check_why)-1;
	r->t = contract_check(r->c, &ctx, force, &r->why);
}

static void
cc_free(struct cc_run *r)
{
	findings_clear(&r->out);
	doc_free(r->doc);
	source_free(r->src);
	contract_free(r->c);
}

static size_t
count(const struct cc_run *r, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < r->out.n; i++)
		n += strcmp(r->out.v[i].rule->id, id) == 0;
	return n;
}

/* The finding of id, which must be the only one of its rule. */
static const struct oc_finding *
only(const struct cc_run *r, const char *id)
{
	size_t i;

	assert_int_equal(count(r, id), 1);
	for (i = 0; i < r->out.n; i++)
		if (strcmp(r->out.v[i].rule->id, id) == 0)
			return &r->out.v[i];
	return NULL;
}

/* A config that keeps the contract: the target its annotation names,
 * and nothing to report but the choice. */
static void
test_kept(void **state)
{
	char *cfg = config_json("db", NULL, 999, 1,
	    "\"DB_PORT=5432\", \"DB_USER=app\"", "{\"destination\": \"/data\", \"type\": \"bind\", \"source\": "
	    "\"/var/lib/kubelet/pods/1/volumes/kubernetes.io~csi/pvc-1/mount\","
	    " \"options\": [\"rbind\"]}");
	struct cc_run r;

	(void)state;
	check(&r, cfg, NULL);
	assert_non_null(r.t);
	assert_string_equal(r.t->name, "db");
	assert_int_equal(r.why, CONTRACT_CHECK_MATCHED);
	assert_string_equal(contract_check_why_names[r.why], "annotations");
	assert_int_equal(r.out.n, 1);
	assert_non_null(strstr(only(&r, "TGT003")->message,
	    "its match fits the CRI annotations (container 'db')"));
	cc_free(&r);
	free(cfg);
}

/* Each rule of the target at the config's evidence: a wrong value, a
 * missing name, a missing mount, the wrong uid, a missing limit. */
static void
test_broken(void **state)
{
	char *cfg = config_json("db", NULL, 0, 0, "\"DB_PORT=5433\"", "");
	struct cc_run r;

	(void)state;
	check(&r, cfg, NULL);
	assert_non_null(r.t);
	assert_non_null(strstr(only(&r, "ENV004")->message,
	    "env DB_PORT is \"5433\" but c.yaml:10 requires \"5432\""));
	assert_non_null(strstr(only(&r, "ENV001")->message,
	    "env DB_USER is missing but c.yaml:11 requires it"));
	/* the item's severity, not the rule's */
	assert_int_equal(only(&r, "ENV001")->severity, OC_SEV_WARNING);
	assert_non_null(strstr(only(&r, "MNT001")->message,
	    "mount /data (type pvc) is missing but c.yaml:14 requires it"));
	assert_non_null(strstr(only(&r, "PRC001")->message,
	    "process runs as uid 0 but c.yaml:7 requires uid 999"));
	assert_int_equal(only(&r, "PRC001")->severity, OC_SEV_ERROR);
	assert_non_null(only(&r, "RES001"));
	assert_non_null(only(&r, "TGT003"));
	assert_int_equal(r.out.n, 6);
	cc_free(&r);
	free(cfg);
}

/* No target for the container named: TGT001 lists them; --target
 * overrides the annotations; a pause container is no target's. */
static void
test_choice(void **state)
{
	char *other = config_json("other", NULL, 999, 1, "", "");
	char *pause = config_json("db", "sandbox", 999, 1, "", "");
	char *bare = config_json(NULL, NULL, 999, 1, "", "");
	struct cc_run r;

	(void)state;
	check(&r, other, NULL);
	assert_null(r.t);
	assert_int_equal(r.why, CONTRACT_CHECK_NONE);
	assert_non_null(strstr(only(&r, "TGT001")->message,
	    "targets: db, side"));
	assert_int_equal(r.out.n, 1);
	cc_free(&r);

	check(&r, other, "side");
	assert_non_null(r.t);
	assert_string_equal(r.t->name, "side");
	assert_int_equal(r.why, CONTRACT_CHECK_FORCED);
	assert_non_null(strstr(only(&r, "TGT003")->message,
	    "named by --target"));
	cc_free(&r);

	check(&r, pause, NULL);
	assert_null(r.t);
	assert_int_equal(r.out.n, 0);
	cc_free(&r);

	/* nothing to match by: not checked, a warning, not an error */
	check(&r, bare, NULL);
	assert_null(r.t);
	assert_int_equal(only(&r, "TGT001")->severity, OC_SEV_WARNING);
	assert_non_null(strstr(only(&r, "TGT001")->message,
	    "the config has no CRI annotations"));
	cc_free(&r);
	free(bare);
	free(other);
	free(pause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_choice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
