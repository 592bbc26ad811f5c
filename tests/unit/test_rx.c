/* Unit tests for src/rx.c: the simple-pattern matcher must agree with
 * regcomp(REG_EXTENDED) on every pattern it takes, and take the shapes
 * contracts hold. Also the Go-to-POSIX translation in front of both. */
#include "ocicheck_test.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>

#include "ocicheck/contract.h"
#include "ocicheck/error.h"
#include "ocicheck/rx.h"

/* regexec's verdict on an unanchored search, the reference. */
static int
posix_search(const char *ere, const char *s)
{
	regex_t re;
	int rc;

	if (regcomp(&re, ere, REG_EXTENDED | REG_NOSUB) != 0)
		return -1;
	rc = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return rc;
}

static void
assert_agrees(const char *ere, const char *s)
{
	struct rx_fast f;
	int want = posix_search(ere, s), got;

	assert_int_equal(rx_fast_compile(&f, ere), 0);
	got = rx_fast_search(&f, s, strlen(s));
	rx_fast_free(&f);
	if (got != want)
		fail_msg("/%s/ on \"%s\": fast %d, regexec %d", ere, s, got,
		    want);
}

static void
test_contract_shapes(void **state)
{
	static const char *const pats[] = {
		"^pg-", "^[a-z0-9-]+$", "^postgresql-[0-9]+", "^mysql-orc-",
		"", "^$", "a", "ab*c", "^a?b+$", ".*", "x.y", "[^a-c]+$",
		"[]a]", "[^]a]", "[a-]", "[-a]", "^[[:digit:]]+$",
		"[[:space:][:upper:]]", "\\.", "a\\*b", "\\$$", "\\^x",
		"^[A-Za-z0-9_]*$", "b?", "^b?$",
	};
	static const char *const subjects[] = {
		"", "a", "b", "pg-main", "xpg-", "postgresql-16-1.0.0",
		"postgresql-", "mysql-orc-8.0", "abc", "abbbc", "ac", "aabx",
		"x.y", "xzy", "ddd", "]", "a-", "12345", "12a45", " A",
		"a*b", "$", "^x", "ab", "bb", "a\nb", "\xc3\xa9", "-",
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(pats) / sizeof(*pats); i++)
		for (j = 0; j < sizeof(subjects) / sizeof(*subjects); j++)
			assert_agrees(pats[i], subjects[j]);
}

/* Random patterns over a small alphabet, random subjects: wherever the
 * fast matcher takes the pattern, it answers as regexec does. */
static void
test_random_agreement(void **state)
{
	static const char *const pieces[] = {
		"a", "b", "c", ".", "[ab]", "[^a]", "[a-c]", "\\.", "-",
		"*", "+", "?", "[[:alpha:]]", "[]b]", "[-a]", "[^-.]",
		"[a-c.-]",
	};
	static const char alpha[] = "abc.-";
	unsigned seed = 12345, taken = 0;
	char ere[64], s[16];
	int n, k, m;
	struct rx_fast f;

	(void)state;
	for (n = 0; n < 20000; n++) {
		size_t len = 0;

		seed = seed * 1103515245u + 12345u;
		ere[0] = '\0';
		if ((seed >> 16) & 1)
			strcat(ere, "^");
		for (k = (int)((seed >> 8) % 6); k >= 0; k--) {
			seed = seed * 1103515245u + 12345u;
			strcat(ere, pieces[(seed >> 16) % (sizeof(pieces) /
			    sizeof(*pieces))]);
		}
		if ((seed >> 20) & 1)
			strcat(ere, "$");
		if (rx_fast_compile(&f, ere) < 0)
			continue;
		rx_fast_free(&f);
		taken++;
		for (m = 0; m < 8; m++) {
			seed = seed * 1103515245u + 12345u;
			len = (seed >> 16) % 8;
			for (k = 0; k < (int)len; k++) {
				seed = seed * 1103515245u + 12345u;
				s[k] = alpha[(seed >> 16) % (sizeof(alpha) - 1)];
			}
			s[len] = '\0';
			assert_agrees(ere, s);
		}
	}
	/* The generator must exercise the fast path, not only refusals. */
	assert_true(taken > 5000);
}

static void
test_other_shapes_refused(void **state)
{
	static const char *const pats[] = {
		"(a)", "a|b", "a{2}", "a**", "*a", "a^b", "a$b", "\\w",
		"\\<a", "\\1", "[[.a.]]", "[[=a=]]", "[z-a]", "[a-c-e]",
		"[[:nope:]]", "[abc", "a\\",
	};
	struct rx_fast f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(pats) / sizeof(*pats); i++) {
		if (rx_fast_compile(&f, pats[i]) == 0)
			fail_msg("/%s/ taken by the fast matcher", pats[i]);
		rx_fast_free(&f);
	}
	rx_fast_free(NULL);
}

static void
test_long_chain_is_linear(void **state)
{
	/* A backtracking matcher takes ages on this; the NFA does not. */
	char ere[128] = "", *s = malloc(100001);
	struct rx_fast f;
	int i;

	(void)state;
	for (i = 0; i < 30; i++)
		strcat(ere, "a*");
	strcat(ere, "b$");
	memset(s, 'a', 100000);
	s[100000] = '\0';
	assert_int_equal(rx_fast_compile(&f, ere), 0);
	assert_false(rx_fast_search(&f, s, 100000));
	s[99999] = 'b';
	assert_true(rx_fast_search(&f, s, 100000));
	rx_fast_free(&f);
	free(s);
}

/* The subject ends at its first NUL, as the C string regexec sees. */
static void
test_stops_at_nul(void **state)
{
	struct rx_fast f;

	(void)state;
	assert_int_equal(rx_fast_compile(&f, "b"), 0);
	assert_false(rx_fast_search(&f, "a\0b", 3));
	rx_fast_free(&f);
}

static int
go_search(const char *go, const char *s)
{
	struct oc_pattern p;
	struct oc_error *err = NULL;
	int rc;

	if (pattern_compile(&p, go, &err) < 0) {
		oc_error_free(err);
		pattern_free(&p);
		return -1;
	}
	rc = pattern_search(&p, s, strlen(s));
	pattern_free(&p);
	return rc;
}

static void
test_go_escapes(void **state)
{
	(void)state;
	assert_int_equal(go_search("^\\d+$", "123"), 1);
	assert_int_equal(go_search("^\\w+-\\d$", "mysql-8"), 1);
	assert_int_equal(go_search("a\\<b", "a<b"), 1);
	assert_int_equal(go_search("a\\>b", "ab"), 0);
	assert_int_equal(go_search("\\r", "r"), 0);
	assert_int_equal(go_search("\\r", "\r"), 1);
	assert_int_equal(go_search("[\\n]", "n"), 0);
	assert_int_equal(go_search("[\\n]", "\n"), 1);
	assert_int_equal(go_search("^\\x41\\x{2e}$", "A."), 1);
	assert_int_equal(go_search("^\\x41\\x{2e}$", "Ax"), 0);
	assert_int_equal(go_search("\\x2a", "*"), 1);
	assert_int_equal(go_search("\\y", "y"), -1);
	assert_int_equal(go_search("\\x4", "x"), -1);
	assert_int_equal(go_search("\\xff", "x"), -1);
	assert_int_equal(go_search("[\\x5d]", "]"), -1);
	/* Runes, not bytes, as Go reads them. */
	assert_int_equal(go_search("^\xc3\xa9+$", "\xc3\xa9\xc3\xa9"), 1);
	assert_int_equal(go_search("^.$", "\xc3\xa9"), 1);
	assert_int_equal(go_search("^..$", "\xc3\xa9"), 0);
	assert_int_equal(go_search("^[^a]$", "\xe2\x82\xac"), 1);
	assert_int_equal(go_search("^[^a]$", "a"), 0);
	assert_int_equal(go_search("^[^a]*$", "\xc3\xa9" "b"), 1);
	assert_int_equal(go_search("^\\D$", "\xc3\xa9"), 1);
	assert_int_equal(go_search("^\\D$", "5"), 0);
	assert_int_equal(go_search("^\\W\\S$", "\xe2\x82\xac" "x"), 1);
	assert_int_equal(go_search("^\\D+$", "\xc3\xa9" "a"), 1);
	assert_int_equal(go_search("a.b", "a\nb"), 0);
	assert_int_equal(go_search("a.*b", "a\nb"), 0);
	assert_int_equal(go_search("a.*b", "a\xc3\xa9" "b"), 1);
	assert_int_equal(go_search("[\xc3\xa9]", "x"), -1);
	assert_int_equal(go_search("^[[:alpha:]\\d]+$", "ab12"), 1);
	assert_int_equal(go_search("^[[:alpha:]\\d]+$", "ab-12"), 0);
	/* Groups and alternation still go to regcomp. */
	assert_int_equal(go_search("^(?:pg|mysql)-\\d+$", "mysql-8"), 1);
	assert_int_equal(go_search("^(pg|mysql)-\\d+$", "redis-8"), 0);
}

/* A failed compile keeps nothing: derive drops such patterns without
 * freeing them (a leak fuzz_derive found). */
static void
test_failed_compile_holds_nothing(void **state)
{
	struct oc_pattern p;
	struct oc_error *err = NULL;

	(void)state;
	assert_int_equal(pattern_compile(&p, "kvstore-7[", &err), -1);
	assert_null(p.text);
	assert_false(p.ok);
	oc_error_free(err);
	err = NULL;
	assert_int_equal(pattern_compile(&p, "(?i)x", &err), -1);
	assert_null(p.text);
	oc_error_free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contract_shapes),
		cmocka_unit_test(test_random_agreement),
		cmocka_unit_test(test_other_shapes_refused),
		cmocka_unit_test(test_long_chain_is_linear),
		cmocka_unit_test(test_stops_at_nul),
		cmocka_unit_test(test_go_escapes),
		cmocka_unit_test(test_failed_compile_holds_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
