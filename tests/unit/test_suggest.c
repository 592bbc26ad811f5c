/* Unit tests for src/suggest.c: the nearest name and the allowed list
 * behind every "unknown ..." message. */
#include "ocicheck_test.h"

#include <stdlib.h>
#include <string.h>

#include "ocicheck/suggest.h"

static const char *const mount_keys[] = { "destination", "volume", "type",
	"access", "sizeMin", "severity" };

static char *
hint(const char *s, const char *const *names, size_t n)
{
	struct oc_buf b = { 0 };

	suggest_append(&b, s, strlen(s), names, n, "allowed");
	buf_add(&b, "", 0);
	return buf_steal(&b);
}

static void
test_nearest_typo(void **state)
{
	(void)state;
	assert_string_equal(suggest_nearest("destinaton", 10, mount_keys,
	    ARRAY_SIZE(mount_keys)), "destination");
	/* case is no distance: the loader's keys are camelCase */
	assert_string_equal(suggest_nearest("sizemin", 7, mount_keys,
	    ARRAY_SIZE(mount_keys)), "sizeMin");
}

static void
test_nearest_none_when_far(void **state)
{
	(void)state;
	assert_null(suggest_nearest("readOnly", 8, mount_keys,
	    ARRAY_SIZE(mount_keys)));
	assert_null(suggest_nearest("x", 1, NULL, 0));
}

static void
test_append_lists_all_of_a_few(void **state)
{
	char *s;

	(void)state;
	s = hint("readOnly", mount_keys, ARRAY_SIZE(mount_keys));
	assert_string_equal(s, " (allowed: destination, volume, type, "
	    "access, sizeMin, severity)");
	free(s);
	s = hint("acess", mount_keys, ARRAY_SIZE(mount_keys));
	assert_string_equal(s, "; did you mean 'access'? (allowed: "
	    "destination, volume, type, access, sizeMin, severity)");
	free(s);
}

static void
test_list_keeps_nearest_of_many(void **state)
{
	static const char *const many[] = { "aaaa", "format", "b1", "b2",
		"b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "forma",
		"zzzzzzzz" };
	struct oc_buf b = { 0 };

	(void)state;
	suggest_list(&b, "formt", 5, many, ARRAY_SIZE(many));
	/* the two near ones are kept though one sits last; of the twelve
	 * equally far, the first ten fill the list; zzzzzzzz is farthest */
	assert_non_null(strstr(b.s, "format"));
	assert_non_null(strstr(b.s, "forma,"));
	assert_null(strstr(b.s, "zzzzzzzz"));
	assert_non_null(strstr(b.s, ", ... (3 more)"));
	buf_free(&b);
}

static void
test_list_exactly_max_is_whole(void **state)
{
	static const char *const twelve[] = { "a", "b", "c", "d", "e", "f",
		"g", "h", "i", "j", "k", "l" };
	struct oc_buf b = { 0 };

	(void)state;
	suggest_list(&b, "q", 1, twelve, ARRAY_SIZE(twelve));
	assert_string_equal(b.s, "a, b, c, d, e, f, g, h, i, j, k, l");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nearest_typo),
		cmocka_unit_test(test_nearest_none_when_far),
		cmocka_unit_test(test_append_lists_all_of_a_few),
		cmocka_unit_test(test_list_keeps_nearest_of_many),
		cmocka_unit_test(test_list_exactly_max_is_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
