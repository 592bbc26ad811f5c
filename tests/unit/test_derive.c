/* Unit tests for what contract derive reads besides the rendered chart:
 * the KubeBlocks release lines a Helm version constraint admits. */
#include "ocicheck_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocicheck/derive.h"

#define R10 (1u << OC_KB_1_0)
#define R11 (1u << OC_KB_1_1)
#define R12 (1u << OC_KB_1_2)

static unsigned
admits(const char *s)
{
	unsigned set = 0xdead;

	assert_int_equal(derive_constraint_releases(s, &set), 0);
	return set;
}

static void
test_comparisons(void **state)
{
	(void)state;
	assert_int_equal(admits(">=1.0.0"), R10 | R11 | R12);
	assert_int_equal(admits(">=1.2.0"), R12);
	assert_int_equal(admits(">1.0.2"), R10 | R11 | R12);	/* 1.0.3 */
	assert_int_equal(admits(">1.0"), R11 | R12);
	assert_int_equal(admits("<1.2.0"), R10 | R11);
	assert_int_equal(admits("<=1.1"), R10 | R11);
	assert_int_equal(admits("=1.1.0"), R11);
	assert_int_equal(admits("1.1"), R11);
	assert_int_equal(admits("!=1.1.0"), R10 | R11 | R12);
	assert_int_equal(admits(">= 1.0.0, < 1.2.0"), R10 | R11);
	assert_int_equal(admits(">=1.0.0 <1.1.0"), R10);
	assert_int_equal(admits("v1.0.2"), R10);
	assert_int_equal(admits(">=2.0.0"), 0);
}

static void
test_ranges(void **state)
{
	(void)state;
	assert_int_equal(admits("~1.1"), R11);
	assert_int_equal(admits("~1.1.3"), R11);
	assert_int_equal(admits("~1"), R10 | R11 | R12);
	assert_int_equal(admits("^1.0"), R10 | R11 | R12);
	assert_int_equal(admits("^0.9"), 0);
	assert_int_equal(admits("1.0.x"), R10);
	assert_int_equal(admits("1.x"), R10 | R11 | R12);
	assert_int_equal(admits("*"), R10 | R11 | R12);
	assert_int_equal(admits("1.0 - 1.1"), R10 | R11);
	assert_int_equal(admits("1.0.0 || >=1.2.0"), R10 | R12);
}

/* Pre-releases satisfy only a constraint that names one, as in Helm:
 * ">=1.2.0" is not met by 1.2.0-alpha.3, ">=1.2.0-0" is. */
static void
test_prereleases(void **state)
{
	(void)state;
	assert_int_equal(admits("<1.2.0"), R10 | R11);
	assert_int_equal(admits(">=1.2.0-0"), R12);
	assert_int_equal(admits(">=1.1.0-beta.8 <1.2.0"), R11);
	assert_int_equal(admits("1.2.0-alpha.3"), R12);
}

static void
test_not_constraints(void **state)
{
	unsigned set;

	(void)state;
	assert_int_equal(derive_constraint_releases("", &set), -1);
	assert_int_equal(derive_constraint_releases("latest", &set), -1);
	assert_int_equal(derive_constraint_releases(">=", &set), -1);
	assert_int_equal(derive_constraint_releases(">=1.0.0 ||", &set), -1);
	assert_int_equal(derive_constraint_releases("1.0.0abc", &set), -1);
	assert_int_equal(derive_constraint_releases(">=1.a", &set), -1);
}

/* The set of the schema releases named, by name, so that adding a
 * release to scripts/kb-schema.txt keeps the test meaningful. */
static unsigned
named(const char *names)
{
	unsigned set = 0;
	size_t i;
	char buf[256], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", names);
	for (tok = strtok_r(buf, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		for (i = 0; i < derive_schema_nreleases(); i++)
			if (strcmp(derive_schema_release(i), tok) == 0)
				break;
		assert_true(i < derive_schema_nreleases());
		set |= 1u << i;
	}
	return set;
}

static void
schema_is(const char *s, const char *names)
{
	unsigned set;

	assert_int_equal(derive_constraint_schema(s, &set), 0);
	assert_int_equal(set, named(names));
}

static void
test_schema_releases(void **state)
{
	(void)state;
	schema_is(">=1.0.0", "1.0.0 1.0.1 1.0.2 1.0.3-beta.11 1.1.0-beta.9 "
	    "1.2.0-alpha.3");
	/* 1.0.3-beta.11 stands for the 1.0.3 and later to come. */
	schema_is(">1.0.2", "1.0.3-beta.11 1.1.0-beta.9 1.2.0-alpha.3");
	schema_is("~1.0.1", "1.0.1 1.0.2 1.0.3-beta.11");
	schema_is("~1.1", "1.1.0-beta.9");
	schema_is("^1.0", "1.0.0 1.0.1 1.0.2 1.0.3-beta.11 1.1.0-beta.9 "
	    "1.2.0-alpha.3");
	schema_is(">=1.2.0-alpha.0", "1.2.0-alpha.3");
	schema_is(">=1.2.0", "1.2.0-alpha.3");
	schema_is("1.0.0 || 1.2.x", "1.0.0 1.2.0-alpha.3");
	schema_is(">=1.0 <1.0.2", "1.0.0 1.0.1");
	schema_is(">=2.0", "");
	assert_int_equal(derive_constraint_schema(">=1.a", &(unsigned){ 0 }),
	    -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comparisons),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_prereleases),
		cmocka_unit_test(test_not_constraints),
		cmocka_unit_test(test_schema_releases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
