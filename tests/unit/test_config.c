/* Unit tests for src/config.c: finding .ocicheck.yaml, loading every key,
 * the positioned errors of wrong types, unknown keys and bad values, the
 * settings and matchers a loaded file gives, and hostile YAML. Each test
 * runs in a fresh temporary directory. */
#include "ocicheck_test.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ocicheck/config.h"
#include "ocicheck/profile.h"

struct fixture {
	char old[PATH_MAX];
	char dir[64];
	char *cwd;		/* dir as getcwd names it */
	struct oc_config *cfg;
	struct oc_error *err;
};

static int
setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));

	assert_non_null(getcwd(fx->old, sizeof(fx->old)));
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/ocicheck-config-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	assert_int_equal(chdir(fx->dir), 0);
	fx->cwd = getcwd(NULL, 0);
	assert_non_null(fx->cwd);
	/* the walk up stops here, whatever /tmp holds */
	assert_int_equal(mkdir(".git", 0700), 0);
	unsetenv("OCICHECK_CONFIG");
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	char *cmd = xasprintf("rm -rf '%s'", fx->dir);

	config_free(fx->cfg);
	oc_error_free(fx->err);
	assert_int_equal(chdir(fx->old), 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(fx->cwd);
	free(fx);
	unsetenv("OCICHECK_CONFIG");
	return 0;
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

/* Load text as .ocicheck.yaml: 0 with fx->cfg, or -1 with fx->err. */
static int
load(struct fixture *fx, const char *text)
{
	put(".ocicheck.yaml", text);
	return config_load(".ocicheck.yaml", &fx->cfg, &fx->err);
}

/* It failed, and its error holds want (a "PATH:LINE:COL: ..." line). */
static void
fails_with(struct fixture *fx, const char *text, const char *want)
{
	assert_int_equal(load(fx, text), -1);
	assert_null(fx->cfg);
	assert_non_null(fx->err);
	if (strstr(fx->err->msg, want) == NULL)
		fail_msg("'%s' not in:\n%s", want, fx->err->msg);
	oc_error_free(fx->err);
	fx->err = NULL;
}

static void
test_find_explicit_and_env(void **state)
{
	struct fixture *fx = *state;
	char *path, *how;

	(void)fx;
	assert_int_equal(config_find("none.yaml", &path, &how, &fx->err), -1);
	assert_string_equal(fx->err->msg, "cannot open config file "
	    "'none.yaml'");
	oc_error_free(fx->err);
	fx->err = NULL;
	put("a.yaml", "{}\n");
	put("b.yaml", "{}\n");
	setenv("OCICHECK_CONFIG", "b.yaml", 1);
	assert_int_equal(config_find("a.yaml", &path, &how, &fx->err), 0);
	assert_string_equal(path, "a.yaml");
	assert_string_equal(how, "--config");
	free(path);
	free(how);
	assert_int_equal(config_find(NULL, &path, &how, &fx->err), 0);
	assert_string_equal(path, "b.yaml");
	assert_string_equal(how, "OCICHECK_CONFIG");
	free(path);
	free(how);
	setenv("OCICHECK_CONFIG", "gone.yaml", 1);
	assert_int_equal(config_find(NULL, &path, &how, &fx->err), -1);
	assert_string_equal(fx->err->msg, "cannot open config file "
	    "'gone.yaml' (from OCICHECK_CONFIG)");
	assert_null(path);
}

static void
test_find_walks_up_to_the_repository_root(void **state)
{
	struct fixture *fx = *state;
	char *path, *how;

	assert_int_equal(mkdir("a", 0700), 0);
	assert_int_equal(mkdir("a/b", 0700), 0);
	assert_int_equal(chdir("a/b"), 0);
	/* nothing up to the directory that holds .git */
	assert_int_equal(config_find(NULL, &path, &how, &fx->err), 0);
	assert_null(path);
	assert_null(how);
	put("../../.ocicheck.yml", "{}\n");
	assert_int_equal(config_find(NULL, &path, &how, &fx->err), 0);
	assert_string_equal(path, "../../.ocicheck.yml");
	assert_string_equal(how, "found walking up from the working "
	    "directory");
	free(path);
	free(how);
	/* .yaml before .yml, the nearest directory first */
	put("../../.ocicheck.yaml", "{}\n");
	put("../.ocicheck.yml", "{}\n");
	assert_int_equal(config_find(NULL, &path, &how, &fx->err), 0);
	assert_string_equal(path, "../.ocicheck.yml");
	free(path);
	free(how);
	assert_int_equal(unlink("../.ocicheck.yml"), 0);
	assert_int_equal(config_find(NULL, &path, &how, &fx->err), 0);
	assert_string_equal(path, "../../.ocicheck.yaml");
	free(path);
	free(how);
	/* a repository below does not see the file above its root */
	assert_int_equal(mkdir(".git", 0700), 0);
	assert_int_equal(config_find(NULL, &path, &how, &fx->err), 0);
	assert_null(path);
}

static void
test_every_key(void **state)
{
	struct fixture *fx = *state;
	struct oc_config *c;
	char *want;

	assert_int_equal(load(fx, "version: 1\n"
	    "fail-on: warning\n"
	    "min-severity: warning\n"
	    "platform: windows\n"
	    "spec-version: 1.2.0\n"
	    "contracts: [c.yaml, {path: 'x/*', file: sub/d.yaml}]\n"
	    "rules:\n"
	    "  enable: [OCI11*]\n"
	    "  disable: [process-cwd-absolute]\n"
	    "  severity: {OCI1102: info}\n"
	    "ignore:\n"
	    "  - {rule: OCI1104, path: x/config.json, pointer: /process/env,\n"
	    "     reason: legacy, expires: 2999-12-31}\n"
	    "inline-suppressions: false\n"
	    "runtimes: [crun, youki]\n"
	    "profile: [cis, pss-baseline]\n"), 0);
	c = fx->cfg;
	assert_int_equal(c->fail_on, OC_SEV_WARNING);
	assert_int_equal(c->min_severity, OC_SEV_WARNING);
	assert_int_equal(c->platform, OC_PLATFORM_WINDOWS);
	assert_int_equal(c->spec_version, OC_V1_2_0);
	assert_int_equal(c->inline_ok, 0);
	assert_int_equal(c->runtimes, (1u << OC_RT_CRUN) | (1u << OC_RT_YOUKI));
	assert_int_equal(c->profiles, (1u << OC_PROFILE_CIS) |
	    (1u << OC_PROFILE_PSS_BASELINE));
	assert_int_equal(c->ncontracts, 2);
	assert_string_equal(c->contracts[0], "c.yaml");
	assert_null(c->contract_globs[0]);
	assert_string_equal(c->contracts[1], "sub/d.yaml");
	want = xasprintf("%s/x/*", fx->cwd);
	assert_string_equal(c->contract_globs[1], want);
	free(want);
	assert_int_equal(c->nenable, 1);
	assert_string_equal(c->enable[0].selector, "OCI11*");
	assert_int_equal(c->ndisable, 1);
	assert_string_equal(c->disable[0].selector, "process-cwd-absolute");
	assert_int_equal(c->nseverity, 1);
	assert_string_equal(c->severity[0].selector, "OCI1102");
	assert_int_equal(c->severity[0].severity, OC_SEV_INFO);
	assert_int_equal(c->nignores, 1);
	assert_string_equal(c->ignores[0].path, "x/config.json");
	assert_string_equal(c->ignores[0].expires, "2999-12-31");
	assert_string_equal(c->cwd, fx->cwd);
	assert_string_equal(c->dir, fx->cwd);
}

/* A key absent is -1 or 0: the command line or the default decides. */
static void
test_empty_file_sets_nothing(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(load(fx, ""), 0);
	assert_int_equal(fx->cfg->fail_on, -1);
	assert_int_equal(fx->cfg->min_severity, -1);
	assert_int_equal(fx->cfg->platform, -1);
	assert_int_equal(fx->cfg->spec_version, -1);
	assert_int_equal(fx->cfg->inline_ok, -1);
	assert_int_equal(fx->cfg->runtimes, 0);
	assert_int_equal(fx->cfg->profiles, 0);
	assert_int_equal(fx->cfg->nignores, 0);
	assert_int_equal(fx->cfg->ncontracts, 0);
}

static void
test_type_errors_positioned(void **state)
{
	struct fixture *fx = *state;

	fails_with(fx, "fail-on: [x]\n", "invalid config file "
	    "'.ocicheck.yaml':\n.ocicheck.yaml:1:10: 'fail-on' must be error, "
	    "warning, info or none (got a sequence)");
	fails_with(fx, "a: 1\nmin-severity: {a: 1}\n", ".ocicheck.yaml:2:15: "
	    "'min-severity' must be error, warning, info (got a mapping)");
	fails_with(fx, "platform: [x]\n", ".ocicheck.yaml:1:11: 'platform' in "
	    "the config must be a string (got a sequence)");
	fails_with(fx, "rules: [OCI1101]\n", ".ocicheck.yaml:1:8: 'rules' ");
	fails_with(fx, "ignore: {rule: OCI1101}\n", ".ocicheck.yaml:1:9: "
	    "'ignore' ");
	fails_with(fx, "contracts: [[a]]\n", ".ocicheck.yaml:1:13: a contracts "
	    "entry is a file or {path: GLOB, file: CONTRACT}");
	fails_with(fx, "inline-suppressions: maybe\n", ".ocicheck.yaml:1:22: ");
	fails_with(fx, "- a\n- b\n", ".ocicheck.yaml:1:1: the config must be "
	    "a mapping (got a sequence)");
}

static void
test_unknown_keys_suggest(void **state)
{
	struct fixture *fx = *state;

	fails_with(fx, "fail_on: none\n", ".ocicheck.yaml:1:1: unknown key "
	    "'fail_on' in the config; did you mean 'fail-on'?");
	fails_with(fx, "rules: {disable: [OCI1101], enabel: [x]}\n",
	    ".ocicheck.yaml:1:29: unknown key 'enabel' in rules; did you mean "
	    "'enable'? (allowed: enable, disable, severity)");
	fails_with(fx, "ignore:\n  - {rule: OCI1101, reson: x}\n",
	    ".ocicheck.yaml:2:21: unknown key 'reson' in an ignore entry; did "
	    "you mean 'reason'?");
	fails_with(fx, "contracts: [{path: x, fiel: c.yaml}]\n",
	    "unknown key 'fiel' in a contracts entry; did you mean 'file'?");
}

static void
test_bad_values(void **state)
{
	struct fixture *fx = *state;

	fails_with(fx, "version: 2\n", "1:10: config version must be 1");
	fails_with(fx, "fail-on: fatal\n", "1:10: 'fail-on' must be error, "
	    "warning, info or none (got 'fatal')");
	fails_with(fx, "min-severity: none\n", "1:15: 'min-severity' must be "
	    "error, warning, info (got 'none')");
	fails_with(fx, "platform: beos\n", "1:11: platform 'beos' is not linux");
	fails_with(fx, "spec-version: 0.9.0\n", "1:15: spec-version '0.9.0' is "
	    "not a release");
	fails_with(fx, "runtimes: [runc, docker]\n", "1:18: runtime must be "
	    "runc, crun or youki");
	fails_with(fx, "runtimes: []\n", "1:11: runtimes: name at least one");
	fails_with(fx, "profile: nsa\n", "1:10: profile must be pss-baseline");
	fails_with(fx, "profile: []\n", "1:10: profile: name at least one");
	fails_with(fx, "rules: {disable: [OCI9999]}\n", "1:19: 'OCI9999' names "
	    "no rule");
	fails_with(fx, "rules: {severity: {OCI1101: none}}\n", "1:29: severity "
	    "of 'OCI1101' must be error, warning or info");
	fails_with(fx, "rules: {severity: {OCI11*: loud}}\n", "1:28: severity "
	    "of 'OCI11*' must be error");
}

static void
test_bad_ignore_entries(void **state)
{
	struct fixture *fx = *state;

	fails_with(fx, "ignore: [{reason: r}]\n", "1:10: ");
	fails_with(fx, "ignore: [{rule: OCI1101}]\n", "1:10: ");
	fails_with(fx, "ignore: [{rule: OCI99999, reason: r}]\n", "1:17: unknown "
	    "rule 'OCI99999'");
	fails_with(fx, "ignore: [{rule: OCI1101, reason: ''}]\n", "1:34: the "
	    "reason of an ignore entry must not be empty");
	fails_with(fx, "ignore: [{rule: OCI1101, reason: r, pointer: process}]\n",
	    "1:46: pointer 'process' must be a JSON pointer starting with '/'");
	fails_with(fx, "ignore: [{rule: OCI1101, reason: r, expires: soon}]\n",
	    "1:46: expires 'soon' is not a date like 2026-12-31");
	fails_with(fx, "ignore: [{rule: OCI1101, reason: r, expires: "
	    "2026-13-01}]\n", "expires '2026-13-01' is not a date");
}

/* Every problem is listed, in file order, not only the first. */
static void
test_all_errors_listed(void **state)
{
	struct fixture *fx = *state;
	const char *a, *b;

	assert_int_equal(load(fx, "platform: beos\nfail-on: x\n"), -1);
	a = strstr(fx->err->msg, ".ocicheck.yaml:1:11:");
	b = strstr(fx->err->msg, ".ocicheck.yaml:2:10:");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(a < b);
}

static struct oc_rule_setting *
rule_defaults(void)
{
	struct oc_rule_setting *r = xcalloc(OC_NRULES, sizeof(*r));
	size_t i;

	for (i = 0; i < OC_NRULES; i++) {
		r[i].enabled = !oc_rules[i].opt_in;
		r[i].severity = (unsigned char)oc_rules[i].severity;
	}
	return r;
}

static const struct oc_rule_setting *
at(const struct oc_rule_setting *rules, const char *id)
{
	return &rules[catalog_index(catalog_find(id))];
}

static void
test_settings_file_then_command_line(void **state)
{
	struct fixture *fx = *state;
	static char *dis[] = { "OCI1103" }, *sev[] = { "OCI1104=warning" };
	static char *con[] = { "cli.yaml" };
	struct oc_rule_setting *rules = rule_defaults();
	struct oc_options o = { 0 };
	struct oc_settings set;

	assert_int_equal(load(fx, "fail-on: info\nmin-severity: warning\n"
	    "platform: solaris\ncontracts: [c.yaml]\n"
	    "rules: {enable: [OCI1101, OCI1103], disable: [OCI1101],\n"
	    "        severity: {OCI1102: warning, OCI1104: info}}\n"), 0);
	o.min_severity = o.platform = o.spec_version = -1;
	o.fail_on = OC_SEV_NONE;
	o.fail_on_set = 1;
	o.disable = dis;
	o.ndisable = 1;
	o.severity = sev;
	o.nseverity = 1;
	o.contracts = con;
	o.ncontracts = 1;
	o.no_inline = 1;
	assert_int_equal(config_resolve(fx->cfg, &o, &set, rules, &fx->err), 0);
	assert_int_equal(set.fail_on, OC_SEV_NONE);
	assert_int_equal(set.fail_on_from, OC_FROM_CLI);
	assert_int_equal(set.min_severity, OC_SEV_WARNING);
	assert_int_equal(set.min_severity_from, OC_FROM_CONFIG);
	assert_int_equal(set.platform, OC_PLATFORM_SOLARIS);
	assert_int_equal(set.platform_from, OC_FROM_CONFIG);
	assert_int_equal(set.spec_version, -1);
	assert_int_equal(set.spec_version_from, OC_FROM_DEFAULT);
	assert_int_equal(set.inline_ok, 0);
	assert_int_equal(set.inline_ok_from, OC_FROM_CLI);
	assert_int_equal(set.runtimes, OC_RT_ALL);
	assert_int_equal(set.runtimes_from, OC_FROM_DEFAULT);
	/* the file's contracts, then the command line's */
	assert_int_equal(set.ncontracts, 2);
	assert_string_equal(set.contracts[0], "c.yaml");
	assert_string_equal(set.contracts[1], "cli.yaml");
	/* within the file disable wins; the command line has the last word */
	assert_false(at(rules, "OCI1101")->enabled);
	assert_false(at(rules, "OCI1103")->enabled);
	assert_int_equal(at(rules, "OCI1102")->severity, OC_SEV_WARNING);
	assert_int_equal(at(rules, "OCI1104")->severity, OC_SEV_WARNING);
	config_settings_free(&set);
	free(rules);
}

static void
test_settings_runtimes_and_profiles(void **state)
{
	struct fixture *fx = *state;
	struct oc_rule_setting *rules = rule_defaults();
	struct oc_options o = { 0 };
	struct oc_settings set;
	size_t i, on = 0;

	assert_int_equal(load(fx, "runtimes: [crun]\nprofile: cis\n"), 0);
	o.min_severity = o.platform = o.spec_version = -1;
	assert_int_equal(config_resolve(fx->cfg, &o, &set, rules, &fx->err), 0);
	assert_int_equal(set.runtimes, 1u << OC_RT_CRUN);
	assert_int_equal(set.runtimes_from, OC_FROM_CONFIG);
	assert_int_equal(set.profiles, 1u << OC_PROFILE_CIS);
	assert_int_equal(set.profiles_from, OC_FROM_CONFIG);
	/* the profile turned its opt-in rules on */
	for (i = 0; i < OC_NRULES; i++)
		on += oc_rules[i].opt_in && rules[i].enabled &&
		    (profile_set(&oc_rules[i]) & (1u << OC_PROFILE_CIS));
	assert_true(on > 0);
	config_settings_free(&set);
	free(rules);
}

static void
test_settings_unknown_selector(void **state)
{
	struct fixture *fx = *state;
	static char *en[] = { "OCI1101,OCI9998" }, *sev[] = { "OCI1101" };
	struct oc_rule_setting *rules = rule_defaults();
	struct oc_options o = { 0 };
	struct oc_settings set;

	o.min_severity = o.platform = o.spec_version = -1;
	o.enable = en;
	o.nenable = 1;
	assert_int_equal(config_resolve(NULL, &o, &set, rules, &fx->err), -1);
	assert_non_null(strstr(fx->err->msg, "OCI9998"));
	config_settings_free(&set);
	oc_error_free(fx->err);
	fx->err = NULL;
	o.nenable = 0;
	o.severity = sev;
	o.nseverity = 1;
	assert_int_equal(config_resolve(NULL, &o, &set, rules, &fx->err), -1);
	assert_string_equal(fx->err->msg, "--severity takes "
	    "RULE=error|warning|info (got 'OCI1101')");
	config_settings_free(&set);
	free(rules);
}

static void
test_ignore_entries_to_matchers(void **state)
{
	struct fixture *fx = *state;
	const struct oc_matcher *m;
	struct oc_finding f;
	char *glob, *in, *out;

	assert_int_equal(mkdir("sub", 0700), 0);
	put("sub/.ocicheck.yaml", "ignore:\n"
	    "  - {rule: OCI1101, path: 'b/*.json', pointer: /process,"
	    " reason: built so}\n"
	    "  - {rule: OCI1102, path: ../x/config.json, reason: old,"
	    " expires: 2000-01-01}\n"
	    "  - {rule: OCI1103, reason: everywhere, expires: 2999-01-01}\n");
	assert_int_equal(config_load("sub/.ocicheck.yaml", &fx->cfg, &fx->err),
	    0);
	assert_int_equal(fx->cfg->nignores, 3);
	m = fx->cfg->matchers;
	/* relative to the config file's directory, made absolute */
	glob = xasprintf("%s/sub/b/*.json", fx->cwd);
	assert_string_equal(m[0].glob, glob);
	assert_ptr_equal(m[0].rule, catalog_find("OCI1101"));
	assert_int_equal(m[0].plen, strlen("/process"));
	assert_memory_equal(m[0].pointer, "/process", m[0].plen);
	assert_int_equal(m[0].wlen, strlen("built so"));
	assert_memory_equal(m[0].why, "built so", m[0].wlen);
	assert_int_equal(m[0].kind, OC_SUPPRESS_CONFIG);
	assert_false(m[0].off);
	free(glob);
	glob = xasprintf("%s/x/config.json", fx->cwd);
	assert_string_equal(m[1].glob, glob);
	free(glob);
	assert_true(m[1].off);
	assert_null(m[2].glob);
	assert_int_equal(m[2].plen, 0);
	assert_false(m[2].off);
	/* the matcher decides on the input's absolute path */
	memset(&f, 0, sizeof(f));
	f.rule = catalog_find("OCI1101");
	f.pointer = "/process/cwd";
	in = xasprintf("%s/sub/b/config.json", fx->cwd);
	out = xasprintf("%s/b/config.json", fx->cwd);
	assert_true(suppress_match(&m[0], &f, in));
	assert_false(suppress_match(&m[0], &f, out));
	f.pointer = "/root";
	assert_false(suppress_match(&m[0], &f, in));
	free(in);
	free(out);
}

/* A directory's glob characters are the directory's, not a pattern. */
static void
test_ignore_glob_escapes_directory(void **state)
{
	struct fixture *fx = *state;
	char *in;

	assert_int_equal(mkdir("[a]", 0700), 0);
	put("[a]/c.yaml", "ignore: [{rule: OCI1101, path: x.json, reason: r}]\n");
	assert_int_equal(config_load("[a]/c.yaml", &fx->cfg, &fx->err), 0);
	in = xasprintf("%s/[a]/x.json", fx->cwd);
	assert_true(path_glob_match(fx->cfg->matchers[0].glob, in));
	free(in);
	in = xasprintf("%s/a/x.json", fx->cwd);
	assert_false(path_glob_match(fx->cfg->matchers[0].glob, in));
	free(in);
}

static void
test_hostile_yaml(void **state)
{
	struct fixture *fx = *state;
	struct oc_buf b = { 0 };
	size_t i;

	fails_with(fx, "a: 1\n---\nb: 2\n", ".ocicheck.yaml:3:1: a config "
	    "file is one YAML document");
	fails_with(fx, "fail-on: [\n", "invalid config file: ");
	fails_with(fx, "fail-on: error\nfail-on: none\n", "invalid config file");
	fails_with(fx, "\x01\x02\n", "invalid config file");
	/* aliases that would multiply: refused or bounded, never blown up */
	buf_adds(&b, "a: &a [x, x, x, x, x, x, x, x, x, x]\n");
	for (i = 0; i < 9; i++)
		buf_printf(&b, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, "
		    "*%c, *%c, *%c]\n", (char)('b' + i), (char)('b' + i),
		    (char)('a' + i), (char)('a' + i), (char)('a' + i),
		    (char)('a' + i), (char)('a' + i), (char)('a' + i),
		    (char)('a' + i), (char)('a' + i), (char)('a' + i),
		    (char)('a' + i));
	fails_with(fx, b.s, "invalid config file: .ocicheck.yaml:5:36: alias "
	    "expansion exceeds 100000 nodes");
	buf_free(&b);
	for (i = 0; i < 100000; i++)
		buf_addc(&b, '[');
	fails_with(fx, b.s, "invalid config file: .ocicheck.yaml:1:257: "
	    "nesting deeper than 256 levels");
	buf_free(&b);
	/* a NUL byte in a value */
	{
		FILE *f = fopen(".ocicheck.yaml", "w");

		assert_non_null(f);
		assert_int_equal(fwrite("platform: \"li\\0nux\"\n", 1, 20, f), 20);
		assert_int_equal(fclose(f), 0);
		oc_error_free(fx->err);
		fx->err = NULL;
		assert_int_equal(config_load(".ocicheck.yaml", &fx->cfg,
		    &fx->err), -1);
		assert_non_null(strstr(fx->err->msg, "1:11: platform"));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_find_explicit_and_env),
		T(test_find_walks_up_to_the_repository_root),
		T(test_every_key),
		T(test_empty_file_sets_nothing),
		T(test_type_errors_positioned),
		T(test_unknown_keys_suggest),
		T(test_bad_values),
		T(test_bad_ignore_entries),
		T(test_all_errors_listed),
		T(test_settings_file_then_command_line),
		T(test_settings_runtimes_and_profiles),
		T(test_settings_unknown_selector),
		T(test_ignore_entries_to_matchers),
		T(test_ignore_glob_escapes_directory),
		T(test_hostile_yaml),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
