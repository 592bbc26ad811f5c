/* The rule list against itself, the sources, the fixtures and rules/. */
#include "ocicheck_test.h"

#include <ctype.h>
#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "ocicheck/catalog.h"
#include "ocicheck/util.h"

static const char *
srcdir(void)
{
	const char *d = getenv("OCICHECK_SOURCE_DIR");

	return d ? d : ".";
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct oc_buf b = { 0 };
	char chunk[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_steal(&b);
}

/* The catalog order every listing shows: the OCI family first, then the
 * others (ACC, ENV, ...), each strictly ascending, so every id appears
 * once; and each row once, at the place of its enum. */
static void
test_catalog_order_ids_once(void **state)
{
	unsigned char seen[OC_NRULES] = { 0 };
	regex_t re;
	size_t i;

	(void)state;
	assert_int_equal(regcomp(&re, "^(OCI[0-9]{4}|[A-Z]{3}[0-9]{3})$",
	    REG_EXTENDED | REG_NOSUB), 0);
	assert_string_equal(catalog_nth(0)->id, "OCI0001");
	assert_string_equal(catalog_nth(OC_NRULES - 1)->id, "TGT003");
	for (i = 0; i < OC_NRULES; i++) {
		const struct oc_rule *r = catalog_nth(i), *p;
		enum oc_rule_id k = catalog_index(r);

		assert_int_equal(regexec(&re, r->id, 0, NULL, 0), 0);
		assert_true(k < OC_NRULES);
		assert_false(seen[k]);
		seen[k] = 1;
		assert_ptr_equal(catalog_find(r->id), r);
		if (i == 0)
			continue;
		p = catalog_nth(i - 1);
		if ((strncmp(p->id, "OCI", 3) == 0) ==
		    (strncmp(r->id, "OCI", 3) == 0))
			assert_true(strcmp(p->id, r->id) < 0);
		else
			assert_true(strncmp(p->id, "OCI", 3) == 0);
	}
	assert_string_equal(oc_rules[OC_R_OCI1101].id, "OCI1101");
	assert_string_equal(oc_rules[OC_R_ENV007].id, "ENV007");
	regfree(&re);
}

static void
test_slugs_unique_kebab(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < OC_NRULES; i++) {
		const char *s = oc_rules[i].slug;

		assert_true(islower((unsigned char)s[0]));
		for (; *s; s++)
			assert_true(islower((unsigned char)*s) ||
			    isdigit((unsigned char)*s) || *s == '-');
		for (j = i + 1; j < OC_NRULES; j++)
			assert_string_not_equal(oc_rules[i].slug,
			    oc_rules[j].slug);
	}
}

static void
test_texts_follow_style(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < OC_NRULES; i++) {
		const struct oc_rule *r = &oc_rules[i];
		size_t n = strlen(r->summary);

		assert_true(n > 10);
		/* lowercase, but proper names keep their capital */
		if (strncmp(r->summary, "Windows", 7) != 0 &&
		    strncmp(r->summary, "Linux", 5) != 0 &&
		    strncmp(r->summary, "Solaris", 7) != 0)
			assert_false(isupper((unsigned char)r->summary[0]) &&
			    islower((unsigned char)r->summary[1]));
		assert_true(r->summary[n - 1] != '.');
		assert_true(strlen(r->description) > 40);
		assert_true(r->severity <= OC_SEV_ERROR);
	}
}

/* The flags the runner enforces are a check function's, and a first
 * release is the one the documentation names first. */
static void
test_flags_agree_with_rows(void **state)
{
	size_t i, since = 0;

	(void)state;
	for (i = 0; i < OC_NRULES; i++) {
		const struct oc_rule *r = &oc_rules[i];
		const char *v = oc_spec_version_names[r->since];

		if (!r->checked) {
			assert_int_equal(r->platforms, OC_ON_ANY);
			assert_int_equal(r->since, OC_V1_0_0);
		}
		if (r->since == OC_V1_0_0)
			continue;
		since++;
		assert_non_null(r->versions);
		if (strncmp(r->versions, v, strlen(v)) != 0)
			fail_msg("%s applies since %s but its versions are %s",
			    r->id, v, r->versions);
	}
	assert_true(since >= 2);
	assert_int_equal(oc_rules[OC_R_OCI5001].platforms, OC_ON_LINUX);
	assert_int_equal(oc_rules[OC_R_OCI2001].platforms, OC_ON_LINUX_GUEST);
}

static void
test_find_by_id_and_slug(void **state)
{
	(void)state;
	assert_ptr_equal(catalog_find("OCI1101"), catalog_find("oci1101"));
	assert_ptr_equal(catalog_find("process-cwd-absolute"),
	    catalog_find("OCI1101"));
	assert_null(catalog_find("OCI9999"));
	assert_null(catalog_find(""));
	assert_int_equal(catalog_index(catalog_find("OCI0001")), OC_R_OCI0001);
}

/* No "XXX1234"-style string literal in src/ outside the rows (*.def):
 * code names a rule by its enum, which the compiler checks. */
static void
scan_ids(const char *dir, regex_t *re, size_t *bad)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		char *path, *text, *p;
		struct stat st;
		regmatch_t m[2];

		if (e->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		assert_int_equal(stat(path, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			scan_ids(path, re, bad);
			free(path);
			continue;
		}
		if (strlen(path) > 4 &&
		    strcmp(path + strlen(path) - 4, ".def") == 0) {
			free(path);
			continue;
		}
		text = slurp(path);
		assert_non_null(text);
		for (p = text; regexec(re, p, 2, m, 0) == 0; p += m[0].rm_eo) {
			char id[16];
			size_t n = (size_t)(m[1].rm_eo - m[1].rm_so);

			assert_true(n < sizeof(id));
			memcpy(id, p + m[1].rm_so, n);
			id[n] = '\0';
			fprintf(stderr, "ERROR: %s names rule %s by a string\n",
			    path, id);
			(*bad)++;
		}
		free(text);
		free(path);
	}
	closedir(d);
}

static void
test_no_ids_as_strings(void **state)
{
	regex_t re;
	char *dir = xasprintf("%s/src", srcdir());
	size_t bad = 0;

	(void)state;
	assert_int_equal(regcomp(&re, "\"(OCI[0-9]{4}|[A-Z]{3}[0-9]{3})\"",
	    REG_EXTENDED), 0);
	scan_ids(dir, &re, &bad);
	assert_int_equal(bad, 0);
	regfree(&re);
	free(dir);
}

/* The shell scripts of tests/, one after another: the case scripts,
 * where a rule's input too big for the repository is made. */
static char *
slurp_scripts(void)
{
	char *dir = xasprintf("%s/tests", srcdir());
	struct oc_buf all = { 0 };
	struct dirent *e;
	DIR *d = opendir(dir);

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		char *path, *text;

		if (n < 3 || strcmp(e->d_name + n - 3, ".sh") != 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		text = slurp(path);
		assert_non_null(text);
		buf_adds(&all, text);
		free(text);
		free(path);
	}
	closedir(d);
	free(dir);
	return all.s;
}

/* Each rule has testdata/ID/fail-*.json and pass-*.json; a failing input
 * too big for the repository is generated by a case of a tests/ shell
 * script named case_<id>_... instead. */
static void
test_every_rule_has_fixtures(void **state)
{
	char *cli = slurp_scripts();
	size_t i;

	(void)state;
	assert_non_null(cli);
	for (i = 0; i < OC_NRULES; i++) {
		char *dir = xasprintf("%s/testdata/%s", srcdir(),
		    oc_rules[i].id);
		DIR *d = opendir(dir);
		struct dirent *e;
		int pass = 0, failing = 0;
		char lower[16], *pat;
		size_t k;

		if (d != NULL) {
			while ((e = readdir(d)) != NULL) {
				size_t n = strlen(e->d_name);

				if (n < 5 || (strcmp(e->d_name + n - 5, ".json") &&
				    strcmp(e->d_name + n - 5, ".yaml")) ||
				    strstr(e->d_name, ".expected.") ||
				    strstr(e->d_name, ".contract."))
					continue;
				pass += strncmp(e->d_name, "pass-", 5) == 0;
				failing += strncmp(e->d_name, "fail-", 5) == 0;
			}
			closedir(d);
		}
		for (k = 0; oc_rules[i].id[k] && k + 1 < sizeof(lower); k++)
			lower[k] = (char)tolower((unsigned char)oc_rules[i].id[k]);
		lower[k] = '\0';
		pat = xasprintf("\ncase_%s_", lower);
		if (strstr(cli, pat) != NULL)
			failing++;
		if (!pass || !failing)
			fail_msg("%s lacks a %s fixture", oc_rules[i].id,
			    pass ? "failing" : "passing");
		free(pat);
		free(dir);
	}
	free(cli);
}

/* A runtime rule's table severity is what the runtimes' refusals make
 * of it for the default targets (all three), so that --list-rules and the
 * docs show what a run reports; and the refusal rows name rules of the
 * table, each runtime once. */
static void
test_runtime_severities(void **state)
{
	size_t i, k;
	int bad = 0;

	(void)state;
	for (i = 0; i < OC_NRULES; i++) {
		const struct oc_rule *r = &oc_rules[i];
		int sev = catalog_runtime_severity(r, OC_RT_ALL);

		if (r->level != OC_LEVEL_RUNTIME || sev < 0 ||
		    sev == (int)r->severity)
			continue;
		fprintf(stderr, "ERROR: %s is %s in the table but %s by its "
		    "refusals\n", r->id, severity_name(r->severity),
		    severity_name((enum oc_severity)sev));
		bad++;
	}
	for (i = 0; i < oc_nrefusals; i++) {
		const struct oc_refusal *f = &oc_refusals[i];

		/* a refusal of an unknown rule does not compile */
		if (f->rule == OC_NRULES)
			continue;
		for (k = i + 1; k < oc_nrefusals; k++)
			if (oc_refusals[k].rule == f->rule &&
			    strcmp(oc_refusals[k].label, f->label) == 0) {
				fprintf(stderr, "ERROR: %s: two rows for %s\n",
				    oc_rules[f->rule].id, f->label);
				bad++;
			}
	}
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalog_order_ids_once),
		cmocka_unit_test(test_slugs_unique_kebab),
		cmocka_unit_test(test_texts_follow_style),
		cmocka_unit_test(test_flags_agree_with_rows),
		cmocka_unit_test(test_find_by_id_and_slug),
		cmocka_unit_test(test_no_ids_as_strings),
		cmocka_unit_test(test_every_rule_has_fixtures),
		cmocka_unit_test(test_runtime_severities),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
