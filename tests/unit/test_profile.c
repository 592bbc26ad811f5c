/* The security profiles: which rules they hold, and how --profile,
 * --enable and --disable combine. */
#include "ocicheck_test.h"

#include <stdlib.h>
#include <string.h>

#include "ocicheck/cli.h"
#include "ocicheck/config.h"
#include "ocicheck/profile.h"

static void
test_every_security_rule_has_a_profile(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < OC_NRULES; i++) {
		const struct oc_rule *r = &oc_rules[i];
		unsigned set = profile_set(r);

		if (strncmp(r->id, "OCI9", 4) != 0) {
			assert_int_equal(set, 0);
			continue;
		}
		/* off by default, in some profile, and Restricted holds all
		 * of Baseline */
		if (!r->opt_in || set == 0 ||
		    ((set & (1u << OC_PROFILE_PSS_BASELINE)) &&
		    !(set & (1u << OC_PROFILE_PSS_RESTRICTED)))) {
			fprintf(stderr, "ERROR: %s: profiles %#x, opt_in %d\n",
			    r->id, set, r->opt_in);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	assert_int_equal(profile_find("cis"), OC_PROFILE_CIS);
	assert_int_equal(profile_find("pss"), -1);
	assert_string_equal(profile_control(catalog_find("OCI9104"),
	    OC_PROFILE_PSS_RESTRICTED), "Seccomp");
	assert_null(profile_control(catalog_find("OCI9104"),
	    OC_PROFILE_PSS_BASELINE));
}

static struct oc_rule_setting *
resolve(struct oc_options *o)
{
	struct oc_rule_setting *rules = calloc(OC_NRULES, sizeof(*rules));
	struct oc_settings set;
	struct oc_error *err = NULL;
	size_t i;

	for (i = 0; i < OC_NRULES; i++) {
		rules[i].enabled = !oc_rules[i].opt_in;
		rules[i].severity = (unsigned char)oc_rules[i].severity;
	}
	assert_int_equal(config_resolve(NULL, o, &set, rules, &err), 0);
	config_settings_free(&set);
	return rules;
}

static const struct oc_rule_setting *
at(const struct oc_rule_setting *rules, const char *id)
{
	return &rules[catalog_index(catalog_find(id))];
}

static void
test_profiles_enable_as_errors(void **state)
{
	static char *dis[] = { "OCI9105" }, *en[] = { "OCI9*" };
	struct oc_options o = { 0 };
	struct oc_rule_setting *r;

	(void)state;
	o.min_severity = -1;
	o.platform = o.spec_version = -1;
	r = resolve(&o);
	assert_false(at(r, "OCI9001")->enabled);
	free(r);

	o.profiles = 1u << OC_PROFILE_PSS_BASELINE;
	r = resolve(&o);
	assert_true(at(r, "OCI9001")->enabled);
	assert_int_equal(at(r, "OCI9001")->severity, OC_SEV_ERROR);
	assert_false(at(r, "OCI9104")->enabled);	/* Restricted only */
	assert_false(at(r, "OCI9205")->enabled);	/* CIS only */
	free(r);

	o.profiles = 1u << OC_PROFILE_PSS_RESTRICTED;
	o.disable = dis;
	o.ndisable = 1;
	r = resolve(&o);
	assert_true(at(r, "OCI9001")->enabled);
	assert_true(at(r, "OCI9104")->enabled);
	assert_false(at(r, "OCI9105")->enabled);	/* --disable wins */
	free(r);

	o.profiles = 0;
	o.ndisable = 0;
	o.enable = en;
	o.nenable = 1;
	r = resolve(&o);
	assert_true(at(r, "OCI9207")->enabled);
	assert_int_equal(at(r, "OCI9207")->severity, OC_SEV_WARNING);
	free(r);
}

static void
test_cli_profile(void **state)
{
	static char *ok[] = { "ocicheck", "--profile", "cis", "--profile",
		"pss-baseline", NULL };
	static char *bad[] = { "ocicheck", "--profile", "pss", NULL };
	struct oc_options o;
	struct oc_error *err = NULL;
	char *text;

	(void)state;
	assert_int_equal(cli_parse(5, ok, &o, &err), 0);
	assert_int_equal(o.profiles, (1u << OC_PROFILE_CIS) |
	    (1u << OC_PROFILE_PSS_BASELINE));
	cli_free(&o);
	assert_int_equal(cli_parse(3, bad, &o, &err), -1);
	text = oc_error_text(err);
	assert_non_null(strstr(text, "invalid value 'pss' for --profile"));
	free(text);
	oc_error_free(err);
	cli_free(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_security_rule_has_a_profile),
		cmocka_unit_test(test_profiles_enable_as_errors),
		cmocka_unit_test(test_cli_profile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
