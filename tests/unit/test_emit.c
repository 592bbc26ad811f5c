/* Unit tests for src/emit/sarif.c and src/emit/github.c over runs built
 * by hand: the SARIF is parsed back with yajl_tree and checked against
 * what GitHub code scanning needs; the workflow commands are compared as
 * text. */
#include "ocicheck_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <yajl/yajl_tree.h>

#include "ocicheck/check.h"
#include "ocicheck/emit.h"

struct fixture {
	struct oc_run run;
	struct oc_options opts;
	struct oc_emit_info info;
	char *out;		/* the last emitter output */
	yajl_val tree;		/* and its parse, for SARIF */
};

static int
setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));

	run_init(&fx->run);
	fx->opts.fail_on = OC_SEV_ERROR;
	fx->info.opts = &fx->opts;
	fx->info.exit_code = 1;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	run_free(&fx->run);
	free(fx->out);
	yajl_tree_free(fx->tree);
	free(fx);
	return 0;
}

static void
add_file(struct fixture *fx, const char *path, int unreadable)
{
	struct oc_run *run = &fx->run;
	struct oc_file_result *f;

	run->files = xgrow(run->files, &run->files_cap, run->nfiles + 1,
	    sizeof(*run->files));
	f = &run->files[run->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->status = unreadable ? OC_FILE_UNREADABLE : OC_FILE_CHECKED;
	f->error = unreadable ? xstrdup("cannot open 'gone.json': No such "
	    "file or directory") : NULL;
}

static struct oc_span
span(uint32_t line, uint32_t col, uint32_t eline, uint32_t ecol)
{
	struct oc_span s = { { 0, line, col }, { 0, eline, ecol } };

	return s;
}

/* A finding in the last file added. */
static struct oc_finding *
add(struct fixture *fx, const char *id, uint32_t line, const char *ptr,
    const char *msg)
{
	fx->run.findings.file = (uint32_t)(fx->run.nfiles - 1);
	findings_add(&fx->run.findings, catalog_index(catalog_find(id)),
	    span(line, 3, line, 9), ptr, "%s", msg);
	return &fx->run.findings.v[fx->run.findings.n - 1];
}

/* The first rule of the table with that default severity. */
static const char *
rule_with(enum oc_severity sev)
{
	size_t i;

	for (i = 0; i < OC_NRULES; i++)
		if (oc_rules[i].severity == sev)
			return oc_rules[i].id;
	fail_msg("no rule with severity %s", severity_name(sev));
	return NULL;
}

static void
emit(struct fixture *fx, oc_emit_fn *fn)
{
	struct oc_error *err = NULL;
	char errbuf[256];
	size_t len;
	FILE *f;

	free(fx->out);
	yajl_tree_free(fx->tree);
	fx->tree = NULL;
	f = open_memstream(&fx->out, &len);
	assert_non_null(f);
	assert_int_equal(fn(f, &fx->run, &fx->info, &err), 0);
	assert_null(err);
	assert_int_equal(fclose(f), 0);
	if (fn == emit_sarif) {
		fx->tree = yajl_tree_parse(fx->out, errbuf, sizeof(errbuf));
		if (fx->tree == NULL)
			fail_msg("SARIF does not parse: %s", errbuf);
	}
}

static yajl_val
get(yajl_val v, const char *k1, const char *k2, const char *k3)
{
	const char *path[] = { k1, k2, k3, NULL };

	return yajl_tree_get(v, path, yajl_t_any);
}

static const char *
str(yajl_val v, const char *k1, const char *k2, const char *k3)
{
	yajl_val s = get(v, k1, k2, k3);

	return YAJL_IS_STRING(s) ? YAJL_GET_STRING(s) : NULL;
}

static yajl_val
run0(struct fixture *fx)
{
	yajl_val runs = get(fx->tree, "runs", NULL, NULL);

	assert_true(YAJL_IS_ARRAY(runs));
	assert_int_equal(YAJL_GET_ARRAY(runs)->len, 1);
	return YAJL_GET_ARRAY(runs)->values[0];
}

static yajl_val
results(struct fixture *fx)
{
	yajl_val r = get(run0(fx), "results", NULL, NULL);

	assert_true(YAJL_IS_ARRAY(r));
	return r;
}

static yajl_val
result(struct fixture *fx, size_t i)
{
	yajl_val r = results(fx);

	assert_true(i < YAJL_GET_ARRAY(r)->len);
	return YAJL_GET_ARRAY(r)->values[i];
}

static yajl_val
rules(struct fixture *fx)
{
	yajl_val r = get(run0(fx), "tool", "driver", "rules");

	assert_true(YAJL_IS_ARRAY(r));
	return r;
}

/* locations[0].physicalLocation.artifactLocation of a result. */
static yajl_val
artifact(yajl_val res)
{
	yajl_val locs = get(res, "locations", NULL, NULL);

	assert_true(YAJL_IS_ARRAY(locs));
	assert_int_equal(YAJL_GET_ARRAY(locs)->len, 1);
	return get(YAJL_GET_ARRAY(locs)->values[0], "physicalLocation",
	    "artifactLocation", NULL);
}

static long long
integer(yajl_val v, const char *k1, const char *k2, const char *k3)
{
	yajl_val n = get(v, k1, k2, k3);

	assert_true(YAJL_IS_INTEGER(n));
	return YAJL_GET_INTEGER(n);
}

static void
test_sarif_envelope(void **state)
{
	struct fixture *fx = *state;
	yajl_val r, inv;
	char *cwd, *want;

	add_file(fx, "config.json", 0);
	add(fx, "OCI1101", 4, "/process/cwd", "x");
	run_finish(&fx->run);
	emit(fx, emit_sarif);
	assert_string_equal(str(fx->tree, "version", NULL, NULL), "2.1.0");
	assert_non_null(str(fx->tree, "$schema", NULL, NULL));
	r = run0(fx);
	assert_string_equal(str(r, "tool", "driver", "name"), "ocicheck");
	assert_string_equal(str(r, "tool", "driver", "semanticVersion"),
	    OCICHECK_VERSION);
	assert_string_equal(str(r, "columnKind", NULL, NULL),
	    "unicodeCodePoints");
	/* %SRCROOT% is the working directory, as an absolute file URI that
	 * ends in "/". */
	cwd = getcwd(NULL, 0);
	assert_non_null(cwd);
	want = xasprintf("file://%s/", strcmp(cwd, "/") ? cwd : "");
	if (strchr(cwd, ' ') == NULL && strchr(cwd, '%') == NULL)
		assert_string_equal(str(r, "originalUriBaseIds", "%SRCROOT%",
		    "uri"), want);
	free(want);
	free(cwd);
	inv = YAJL_GET_ARRAY(get(r, "invocations", NULL, NULL))->values[0];
	assert_true(YAJL_IS_TRUE(get(inv, "executionSuccessful", NULL,
	    NULL)));
	assert_int_equal(integer(inv, "exitCode", NULL, NULL), 1);
	assert_null(get(inv, "toolExecutionNotifications", NULL, NULL));
}

/* rules[] is every enabled rule; ruleIndex points at the result's rule. */
static void
test_sarif_rules_and_index(void **state)
{
	struct fixture *fx = *state;
	const char *ids[3], *id;
	const struct oc_rule *off = &oc_rules[0];
	yajl_val rs, res, rule;
	size_t i, enabled = 0;
	long long ix;

	ids[0] = "OCI1101";
	ids[1] = rule_with(OC_SEV_WARNING);
	ids[2] = rule_with(OC_SEV_INFO);
	if (strcmp(off->id, ids[1]) == 0 || strcmp(off->id, ids[2]) == 0)
		off = &oc_rules[1];
	fx->run.settings[catalog_index(off)].enabled = 0;
	for (i = 0; i < OC_NRULES; i++)
		enabled += fx->run.settings[i].enabled;
	add_file(fx, "config.json", 0);
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		add(fx, ids[i], (uint32_t)(10 - i), "/a", "m");
	run_finish(&fx->run);
	emit(fx, emit_sarif);
	rs = rules(fx);
	assert_int_equal(YAJL_GET_ARRAY(rs)->len, enabled);
	for (i = 0; i < YAJL_GET_ARRAY(rs)->len; i++) {
		const char *full, *help, *md;
		struct oc_buf uri = { 0 };

		rule = YAJL_GET_ARRAY(rs)->values[i];
		id = str(rule, "id", NULL, NULL);
		assert_non_null(id);
		assert_string_not_equal(id, off->id);
		assert_non_null(catalog_find(id));
		assert_string_equal(str(rule, "name", NULL, NULL),
		    catalog_find(id)->slug);
		assert_non_null(str(rule, "shortDescription", "text", NULL));
		full = str(rule, "fullDescription", "text", NULL);
		assert_non_null(full);
		assert_true(strlen(full) > 0 && strlen(full) <= 1024);
		/* GitHub shows help, not helpUri: the link must be in it. */
		emit_help_uri(catalog_find(id), &uri);
		assert_string_equal(str(rule, "helpUri", NULL, NULL), uri.s);
		help = str(rule, "help", "text", NULL);
		md = str(rule, "help", "markdown", NULL);
		assert_non_null(help);
		assert_non_null(md);
		assert_non_null(strstr(help, uri.s));
		assert_non_null(strstr(md, uri.s));
		buf_free(&uri);
		assert_string_equal(str(rule, "properties", "precision", NULL),
		    "very-high");
		assert_true(YAJL_IS_ARRAY(get(rule, "properties", "tags",
		    NULL)));
	}
	assert_int_equal(YAJL_GET_ARRAY(results(fx))->len, 3);
	for (i = 0; i < 3; i++) {
		res = result(fx, i);
		ix = integer(res, "ruleIndex", NULL, NULL);
		assert_true(ix >= 0 && (size_t)ix < YAJL_GET_ARRAY(rs)->len);
		rule = YAJL_GET_ARRAY(rs)->values[ix];
		assert_string_equal(str(rule, "id", NULL, NULL),
		    str(res, "ruleId", NULL, NULL));
	}
}

/* error, warning, info -> error, warning, note, in results and in the
 * rules' defaultConfiguration (which follows the run's settings). */
static void
test_sarif_levels(void **state)
{
	struct fixture *fx = *state;
	const char *warn = rule_with(OC_SEV_WARNING);
	const char *info = rule_with(OC_SEV_INFO);
	const char *want[3], *id;
	yajl_val rs, res;
	size_t i;

	fx->run.settings[catalog_index(catalog_find(warn))].severity = OC_SEV_INFO;
	add_file(fx, "config.json", 0);
	add(fx, "OCI1101", 1, "/a", "m");
	add(fx, warn, 2, "/a", "m");
	add(fx, info, 3, "/a", "m");
	run_finish(&fx->run);
	emit(fx, emit_sarif);
	want[0] = "error";
	want[1] = "note";	/* the run made it info */
	want[2] = "note";
	for (i = 0; i < 3; i++)
		assert_string_equal(str(result(fx, i), "level", NULL, NULL),
		    want[i]);
	rs = rules(fx);
	for (i = 0; i < YAJL_GET_ARRAY(rs)->len; i++) {
		res = YAJL_GET_ARRAY(rs)->values[i];
		id = str(res, "id", NULL, NULL);
		if (strcmp(id, "OCI1101") == 0)
			assert_string_equal(str(res, "defaultConfiguration",
			    "level", NULL), "error");
		else if (strcmp(id, warn) == 0 || strcmp(id, info) == 0)
			assert_string_equal(str(res, "defaultConfiguration",
			    "level", NULL), "note");
	}
}

static void
assert_uri(yajl_val res, const char *uri, int based)
{
	yajl_val a = artifact(res);

	assert_string_equal(str(a, "uri", NULL, NULL), uri);
	if (based)
		assert_string_equal(str(a, "uriBaseId", NULL, NULL),
		    "%SRCROOT%");
	else
		assert_null(get(a, "uriBaseId", NULL, NULL));
}

/* Repository-relative, no "./", percent-encoded; absolute only outside
 * the report root. */
static void
test_sarif_uris(void **state)
{
	struct fixture *fx = *state;
	char *cwd = getcwd(NULL, 0), *abs;

	assert_non_null(cwd);
	add_file(fx, "./bundles//web/./config.json", 0);
	add(fx, "OCI1101", 1, "/a", "m");
	add_file(fx, "a b/x:y%#?[é].json", 0);
	add(fx, "OCI1101", 1, "/a", "m");
	abs = xasprintf("%s/sub/../abs.json", cwd);
	add_file(fx, abs, 0);
	add(fx, "OCI1101", 1, "/a", "m");
	free(abs);
	add_file(fx, "/elsewhere/c.json", 0);
	add(fx, "OCI1101", 1, "/a", "m");
	add_file(fx, "<stdin>", 0);
	add(fx, "OCI1101", 1, "/a", "m");
	run_finish(&fx->run);
	fx->info.report_root = "/";
	emit(fx, emit_sarif);
	assert_uri(result(fx, 3), "elsewhere/c.json", 1);
	assert_string_equal(str(run0(fx), "originalUriBaseIds", "%SRCROOT%",
	    "uri"), "file:///");

	fx->info.report_root = NULL;
	emit(fx, emit_sarif);
	assert_uri(result(fx, 0), "bundles/web/config.json", 1);
	assert_uri(result(fx, 1), "a%20b/x%3Ay%25%23%3F%5B%C3%A9%5D.json", 1);
	assert_uri(result(fx, 2), "abs.json", 1);
	if (strcmp(cwd, "/") != 0 && strncmp(cwd, "/elsewhere/", 11) != 0)
		assert_uri(result(fx, 3), "file:///elsewhere/c.json", 0);
	assert_uri(result(fx, 4), "%3Cstdin%3E", 1);

	/* A root elsewhere: relative inputs leave it. */
	fx->info.report_root = "/nonexistent-root";
	emit(fx, emit_sarif);
	assert_string_equal(str(run0(fx), "originalUriBaseIds", "%SRCROOT%",
	    "uri"), "file:///nonexistent-root/");
	assert_int_equal(strncmp(str(artifact(result(fx, 0)), "uri", NULL,
	    NULL), "file:///", 8), 0);
	/* Standard input keeps the name it was given. */
	assert_uri(result(fx, 4), "%3Cstdin%3E", 1);
	free(cwd);
}

static void
test_sarif_stdin_filename(void **state)
{
	struct fixture *fx = *state;
	char *paths[] = { (char *)"-" };

	fx->opts.stdin_name = "./deploy/config.json";
	fx->opts.paths = paths;
	fx->opts.npaths = 1;
	add_file(fx, "./deploy/config.json", 0);
	add(fx, "OCI1101", 1, "/a", "m");
	run_finish(&fx->run);
	fx->info.report_root = "/nonexistent-root";
	emit(fx, emit_sarif);
	assert_uri(result(fx, 0), "deploy/config.json", 1);
}

static const char *
fingerprint(yajl_val res)
{
	const char *fp = str(res, "partialFingerprints", "ocicheck/v1", NULL);

	assert_non_null(fp);
	assert_int_equal(strlen(fp), 16);
	assert_null(get(res, "partialFingerprints", "primaryLocationLineHash",
	    NULL));
	return fp;
}

static void
test_sarif_fingerprints(void **state)
{
	struct fixture *fx = *state;
	yajl_val logical;
	char *fps[4];
	size_t i;

	add_file(fx, "config.json", 0);
	add(fx, "OCI1101", 3, "/process/cwd", "m");
	add(fx, "OCI1101", 30, "/process/cwd", "m");
	add(fx, "OCI1101", 40, "/mounts/2", "m");
	add(fx, "OCI1101", 50, "", "m");
	run_finish(&fx->run);
	emit(fx, emit_sarif);
	/* one rule at one pointer twice: two alerts, not one */
	assert_string_not_equal(fingerprint(result(fx, 0)),
	    fingerprint(result(fx, 1)));
	assert_string_not_equal(fingerprint(result(fx, 0)),
	    fingerprint(result(fx, 2)));
	/* and none depends on the line */
	for (i = 0; i < 4; i++)
		fps[i] = xstrdup(fingerprint(result(fx, i)));
	for (i = 0; i < 4; i++)
		fx->run.findings.v[i].span.start.line += 7;
	emit(fx, emit_sarif);
	for (i = 0; i < 4; i++) {
		assert_string_equal(fingerprint(result(fx, i)), fps[i]);
		free(fps[i]);
	}
	for (i = 0; i < 4; i++)
		fx->run.findings.v[i].span.start.line -= 7;
	emit(fx, emit_sarif);
	assert_int_equal(integer(YAJL_GET_ARRAY(get(result(fx, 1), "locations",
	    NULL, NULL))->values[0], "physicalLocation", "region",
	    "startLine"), 30);
	logical = get(YAJL_GET_ARRAY(get(result(fx, 0), "locations", NULL,
	    NULL))->values[0], "logicalLocations", NULL, NULL);
	assert_true(YAJL_IS_ARRAY(logical));
	assert_string_equal(str(YAJL_GET_ARRAY(logical)->values[0],
	    "fullyQualifiedName", NULL, NULL), "/process/cwd");
	assert_string_equal(str(YAJL_GET_ARRAY(logical)->values[0], "kind",
	    NULL, NULL), "member");
	logical = get(YAJL_GET_ARRAY(get(result(fx, 2), "locations", NULL,
	    NULL))->values[0], "logicalLocations", NULL, NULL);
	assert_string_equal(str(YAJL_GET_ARRAY(logical)->values[0], "kind",
	    NULL, NULL), "element");
	/* The whole document has no logical name worth giving. */
	assert_null(get(YAJL_GET_ARRAY(get(result(fx, 3), "locations", NULL,
	    NULL))->values[0], "logicalLocations", NULL, NULL));
}

static void
test_sarif_suppressed(void **state)
{
	struct fixture *fx = *state;
	struct oc_finding *f;
	yajl_val sup;

	add_file(fx, "config.json", 0);
	add(fx, "OCI1101", 1, "/a", "shown");
	f = add(fx, "OCI1101", 2, "/b", "by config");
	f->suppressed = OC_SUPPRESS_CONFIG;
	f->justification = xstrdup("debug bundle");
	f = add(fx, "OCI1101", 3, "/c", "by annotation");
	f->suppressed = OC_SUPPRESS_INLINE;
	f->justification = xstrdup("known");
	run_finish(&fx->run);
	emit(fx, emit_sarif);
	assert_int_equal(YAJL_GET_ARRAY(results(fx))->len, 1);
	assert_string_equal(str(result(fx, 0), "message", "text", NULL),
	    "shown");
	assert_null(get(result(fx, 0), "suppressions", NULL, NULL));

	fx->info.show_suppressed = 1;
	emit(fx, emit_sarif);
	assert_int_equal(YAJL_GET_ARRAY(results(fx))->len, 3);
	sup = get(result(fx, 1), "suppressions", NULL, NULL);
	assert_true(YAJL_IS_ARRAY(sup));
	assert_string_equal(str(YAJL_GET_ARRAY(sup)->values[0], "kind", NULL,
	    NULL), "external");
	assert_string_equal(str(YAJL_GET_ARRAY(sup)->values[0],
	    "justification", NULL, NULL), "debug bundle");
	sup = get(result(fx, 2), "suppressions", NULL, NULL);
	assert_string_equal(str(YAJL_GET_ARRAY(sup)->values[0], "kind", NULL,
	    NULL), "inSource");
}

/* An unreadable input: a notification, and exit 3 is not a success. */
static void
test_sarif_unreadable(void **state)
{
	struct fixture *fx = *state;
	yajl_val inv, notes;

	add_file(fx, "gone.json", 1);
	run_finish(&fx->run);
	fx->info.exit_code = 3;
	emit(fx, emit_sarif);
	inv = YAJL_GET_ARRAY(get(run0(fx), "invocations", NULL,
	    NULL))->values[0];
	assert_true(YAJL_IS_FALSE(get(inv, "executionSuccessful", NULL,
	    NULL)));
	assert_int_equal(integer(inv, "exitCode", NULL, NULL), 3);
	notes = get(inv, "toolExecutionNotifications", NULL, NULL);
	assert_true(YAJL_IS_ARRAY(notes));
	assert_int_equal(YAJL_GET_ARRAY(notes)->len, 1);
	assert_non_null(strstr(str(YAJL_GET_ARRAY(notes)->values[0],
	    "message", "text", NULL), "No such file"));
	assert_int_equal(YAJL_GET_ARRAY(results(fx))->len, 0);
}

/* Invalid UTF-8 and control bytes in a path or message still make valid
 * JSON (yajl_tree_parse validates UTF-8). */
static void
test_sarif_invalid_utf8(void **state)
{
	struct fixture *fx = *state;
	const char *msg;

	add_file(fx, "bad\xff\x01name.json", 0);
	add(fx, "OCI1101", 1, "/a\xc3", "m\xfe\xff\x1b[31m");
	run_finish(&fx->run);
	emit(fx, emit_sarif);
	msg = str(result(fx, 0), "message", "text", NULL);
	assert_non_null(msg);
	assert_null(strchr(msg, '\x1b'));
	assert_string_equal(str(artifact(result(fx, 0)), "uri", NULL, NULL),
	    "bad%FF%01name.json");
}

static void
test_github_lines(void **state)
{
	struct fixture *fx = *state;
	struct oc_finding *f;
	const char *warn = rule_with(OC_SEV_WARNING);
	const char *info = rule_with(OC_SEV_INFO);
	struct oc_buf want = { 0 };

	add_file(fx, "././/b/config.json", 0);
	add(fx, "OCI1101", 1, "/a", "e");
	add(fx, warn, 2, "/a", "w");
	add(fx, info, 3, "/a", "i");
	f = add(fx, "OCI1101", 4, "/a", "hidden");
	f->suppressed = OC_SUPPRESS_CONFIG;
	run_finish(&fx->run);
	fx->info.show_suppressed = 1;	/* annotations never show them */
	emit(fx, emit_github);
	buf_printf(&want, "::error file=b/config.json,line=1,col=3,endLine=1,"
	    "endColumn=9,title=OCI1101 %s::e\n", catalog_find("OCI1101")->slug);
	buf_printf(&want, "::warning file=b/config.json,line=2,col=3,"
	    "endLine=2,endColumn=9,title=%s %s::w\n", warn,
	    catalog_find(warn)->slug);
	buf_printf(&want, "::notice file=b/config.json,line=3,col=3,"
	    "endLine=3,endColumn=9,title=%s %s::i\n", info,
	    catalog_find(info)->slug);
	assert_string_equal(fx->out, want.s);
	buf_free(&want);
}

/* %, CR and LF everywhere; ':' and ',' also in property values. */
static void
test_github_escaping(void **state)
{
	struct fixture *fx = *state;
	struct oc_buf want = { 0 };

	add_file(fx, "a:b,c%d\r\n.json", 0);
	add(fx, "OCI1101", 1, "/a", "100% a:b, c\r\nd\x01");
	add_file(fx, "gone.json", 1);
	run_finish(&fx->run);
	emit(fx, emit_github);
	buf_printf(&want, "::error title=ocicheck::cannot open 'gone.json': "
	    "No such file or directory\n");
	buf_printf(&want, "::error file=a%%3Ab%%2Cc%%25d%%0D%%0A.json,line=1,"
	    "col=3,endLine=1,endColumn=9,title=OCI1101 %s::100%%25 a:b, "
	    "c%%0D%%0Ad\\u0001\n", catalog_find("OCI1101")->slug);
	assert_string_equal(fx->out, want.s);
	buf_free(&want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sarif_envelope, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sarif_rules_and_index,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_sarif_levels, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sarif_uris, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sarif_stdin_filename,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_sarif_fingerprints, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sarif_suppressed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sarif_unreadable, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sarif_invalid_utf8,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_github_lines, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_github_escaping, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
