/* Unit tests for what contract derive reads besides the rendered chart:
 * the KubeBlocks release lines a Helm version constraint admits. */
#include "ocicheck_test.h"

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

	assert_int_equal(kb_constraint_releases(s, &set), 0);
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
	assert_int_equal(kb_constraint_releases("", &set), -1);
	assert_int_equal(kb_constraint_releases("latest", &set), -1);
	assert_int_equal(kb_constraint_releases(">=", &set), -1);
	assert_int_equal(kb_constraint_releases(">=1.0.0 ||", &set), -1);
	assert_int_equal(kb_constraint_releases("1.0.0abc", &set), -1);
	assert_int_equal(kb_constraint_releases(">=1.a", &set), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comparisons),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_prereleases),
		cmocka_unit_test(test_not_constraints),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
