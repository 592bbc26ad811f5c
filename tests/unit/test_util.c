/* Unit tests for src/util.c: allocation growth, the byte buffer, the
 * display escaping and UTF-8 validation. */
#include "ocicheck_test.h"

#include <stdlib.h>

#include "ocicheck/util.h"

/* utf8_valid_len over a string literal, its length without the NUL. */
#define UTF8_LEN(lit) \
	utf8_valid_len((const unsigned char *)(lit), sizeof(lit) - 1)

/* Run buf_add_display over n bytes and return the owned result. */
static char *
display(const char *s, size_t n, size_t max)
{
	struct oc_buf b = { 0 };

	buf_add_display(&b, s, n, max);
	return buf_steal(&b);
}

static void
assert_display(const char *s, size_t n, size_t max, const char *want)
{
	char *got = display(s, n, max);

	assert_string_equal(got, want);
	free(got);
}

static void
test_xgrow_starts_at_eight(void **state)
{
	size_t cap = 0;
	int *p;

	(void)state;
	p = xgrow(NULL, &cap, 1, sizeof(*p));
	assert_non_null(p);
	assert_int_equal(cap, 8);
	p[7] = 7;	/* all eight elements are usable */
	free(p);
}

static void
test_xgrow_doubles_until_enough(void **state)
{
	size_t cap = 0;
	char *p;

	(void)state;
	p = xgrow(NULL, &cap, 9, 1);
	assert_int_equal(cap, 16);
	p = xgrow(p, &cap, 17, 1);
	assert_int_equal(cap, 32);
	p = xgrow(p, &cap, 100, 1);
	assert_int_equal(cap, 128);
	memset(p, 'x', 128);
	free(p);
}

static void
test_xgrow_keeps_pointer_when_room(void **state)
{
	size_t cap = 0;
	char *p, *q;

	(void)state;
	p = xgrow(NULL, &cap, 16, 1);
	assert_int_equal(cap, 16);
	q = xgrow(p, &cap, 16, 1);
	assert_true(p == q);
	assert_int_equal(cap, 16);
	q = xgrow(p, &cap, 0, 1);
	assert_true(p == q);
	assert_int_equal(cap, 16);
	free(p);
}

static void
test_xgrow_preserves_contents(void **state)
{
	size_t cap = 0, i;
	uint32_t *p;

	(void)state;
	p = xgrow(NULL, &cap, 8, sizeof(*p));
	for (i = 0; i < 8; i++)
		p[i] = (uint32_t)(i * 3 + 1);
	p = xgrow(p, &cap, 1000, sizeof(*p));
	assert_int_equal(cap, 1024);
	for (i = 0; i < 8; i++)
		assert_int_equal(p[i], i * 3 + 1);
	free(p);
}

static void
test_xstrndup_and_xasprintf(void **state)
{
	char *s;

	(void)state;
	s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
	s = xstrndup("a\0b", 3);
	assert_memory_equal(s, "a\0b\0", 4);
	free(s);
	s = xasprintf("%s-%d-%zu", "x", -4, (size_t)17);
	assert_string_equal(s, "x--4-17");
	free(s);
}

static void
test_buf_add_appends_and_terminates(void **state)
{
	struct oc_buf b = { 0 };

	(void)state;
	buf_add(&b, "hello", 5);
	assert_int_equal(b.len, 5);
	assert_string_equal(b.s, "hello");
	buf_add(&b, ", world!!", 7);
	assert_int_equal(b.len, 12);
	assert_string_equal(b.s, "hello, world");
	buf_addc(&b, '!');
	buf_adds(&b, "?");
	assert_int_equal(b.len, 14);
	assert_string_equal(b.s, "hello, world!?");
	assert_true(b.cap > b.len);
	buf_free(&b);
	assert_null(b.s);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
}

static void
test_buf_add_empty_gives_empty_string(void **state)
{
	struct oc_buf b = { 0 };

	(void)state;
	buf_add(&b, "", 0);
	assert_non_null(b.s);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.s, "");
	buf_free(&b);
}

static void
test_buf_add_keeps_nul_bytes(void **state)
{
	struct oc_buf b = { 0 };

	(void)state;
	buf_add(&b, "a\0b", 3);
	buf_addc(&b, '\0');
	assert_int_equal(b.len, 4);
	assert_memory_equal(b.s, "a\0b\0\0", 5);
	buf_free(&b);
}

static void
test_buf_add_grows_large(void **state)
{
	struct oc_buf b = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < 10000; i++)
		buf_addc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, 10000);
	assert_int_equal(b.s[0], 'a');
	assert_int_equal(b.s[9999], 'a' + 9999 % 26);
	assert_int_equal(b.s[10000], '\0');
	buf_free(&b);
}

static void
test_buf_printf_formats_and_appends(void **state)
{
	struct oc_buf b = { 0 };
	char big[300];

	(void)state;
	buf_adds(&b, "n=");
	buf_printf(&b, "%d:%s:%04x", 42, "x", 0xbeefu);
	assert_string_equal(b.s, "n=42:x:beef");
	assert_int_equal(b.len, 11);
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_printf(&b, "[%s]", big);
	assert_int_equal(b.len, 11 + 2 + 299);
	assert_int_equal(b.s[12], 'z');
	assert_int_equal(b.s[b.len - 1], ']');
	buf_free(&b);
}

static void
test_buf_steal_hands_over(void **state)
{
	struct oc_buf b = { 0 };
	char *s;

	(void)state;
	s = buf_steal(&b);	/* never used: still a string */
	assert_string_equal(s, "");
	free(s);
	buf_adds(&b, "abc");
	s = buf_steal(&b);
	assert_string_equal(s, "abc");
	assert_null(b.s);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	free(s);
	buf_free(NULL);
}

static void
test_buf_add_display_plain_text(void **state)
{
	(void)state;
	assert_display("abc", 3, 64, "abc");
	assert_display("", 0, 64, "");
	/* Valid UTF-8 is kept as is. */
	assert_display("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14, 64,
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
}

static void
test_buf_add_display_control_characters(void **state)
{
	(void)state;
	assert_display("a\nb\tc\rd", 7, 64, "a\\nb\\tc\\rd");
	assert_display("\x01\x1f\x7f", 3, 64, "\\u0001\\u001f\\u007f");
	assert_display("a\0b", 3, 64, "a\\u0000b");
	assert_display("\x1b[0m", 4, 64, "\\u001b[0m");
}

static void
test_buf_add_display_invalid_utf8(void **state)
{
	(void)state;
	assert_display("\xff", 1, 64, "\\xff");
	assert_display("a\x80z", 3, 64, "a\\x80z");
	/* Truncated sequence at the end. */
	assert_display("x\xc3", 2, 64, "x\\xc3");
	assert_display("\xe2\x82", 2, 64, "\\xe2\\x82");
	/* Overlong and surrogate: every byte escaped on its own. */
	assert_display("\xc0\x80", 2, 64, "\\xc0\\x80");
	assert_display("\xed\xa0\x80", 3, 64, "\\xed\\xa0\\x80");
	/* A bad lead byte does not swallow the valid text after it. */
	assert_display("\xc3\xc3\xa9", 3, 64, "\\xc3\xc3\xa9");
}

static void
test_buf_add_display_cut_at_max(void **state)
{
	(void)state;
	assert_display("abcdef", 6, 3, "abc...");
	assert_display("abc", 3, 3, "abc");	/* exactly max: no cut */
	assert_display("abcd", 4, 3, "abc...");
	assert_display("abc", 3, 0, "...");
	/* The limit counts input bytes, escapes do not use it up. */
	assert_display("\n\n\nx", 4, 3, "\\n\\n\\n...");
	/* A character that starts before max is kept whole. */
	assert_display("a\xc3\xa9z", 4, 2, "a\xc3\xa9...");
}

static void
test_buf_add_display_appends(void **state)
{
	struct oc_buf b = { 0 };

	(void)state;
	buf_adds(&b, "name '");
	buf_add_display(&b, "a\tb", 3, 64);
	buf_addc(&b, '\'');
	assert_string_equal(b.s, "name 'a\\tb'");
	buf_free(&b);
}

static void
test_utf8_valid_len_ascii(void **state)
{
	(void)state;
	assert_int_equal(UTF8_LEN("A"), 1);
	assert_int_equal(UTF8_LEN("\x7f"), 1);
	assert_int_equal(utf8_valid_len((const unsigned char *)"\0", 1), 1);
}

static void
test_utf8_valid_len_two_bytes(void **state)
{
	(void)state;
	assert_int_equal(UTF8_LEN("\xc3\xa9"), 2);	/* U+00E9 */
	assert_int_equal(UTF8_LEN("\xc2\x80"), 2);	/* U+0080, lowest */
	assert_int_equal(UTF8_LEN("\xdf\xbf"), 2);	/* U+07FF, highest */
}

static void
test_utf8_valid_len_three_bytes(void **state)
{
	(void)state;
	assert_int_equal(UTF8_LEN("\xe2\x82\xac"), 3);	/* U+20AC */
	assert_int_equal(UTF8_LEN("\xe0\xa0\x80"), 3);	/* U+0800, lowest */
	assert_int_equal(UTF8_LEN("\xed\x9f\xbf"), 3);	/* U+D7FF */
	assert_int_equal(UTF8_LEN("\xee\x80\x80"), 3);	/* U+E000 */
	assert_int_equal(UTF8_LEN("\xef\xbf\xbf"), 3);	/* U+FFFF */
}

static void
test_utf8_valid_len_four_bytes(void **state)
{
	(void)state;
	assert_int_equal(UTF8_LEN("\xf0\x9f\x98\x80"), 4);	/* U+1F600 */
	assert_int_equal(UTF8_LEN("\xf0\x90\x80\x80"), 4);	/* U+10000 */
	assert_int_equal(UTF8_LEN("\xf4\x8f\xbf\xbf"), 4);	/* U+10FFFF */
}

static void
test_utf8_valid_len_only_looks_at_one_sequence(void **state)
{
	(void)state;
	assert_int_equal(UTF8_LEN("\xc3\xa9\xff"), 2);
	assert_int_equal(UTF8_LEN("a\xff"), 1);
	assert_int_equal(UTF8_LEN("\xe2\x82\xac\xe2"), 3);
}

static void
test_utf8_valid_len_overlong(void **state)
{
	(void)state;
	assert_int_equal(UTF8_LEN("\xc0\x80"), 0);
	assert_int_equal(UTF8_LEN("\xc1\xbf"), 0);
	assert_int_equal(UTF8_LEN("\xe0\x80\x80"), 0);
	assert_int_equal(UTF8_LEN("\xe0\x9f\xbf"), 0);
	assert_int_equal(UTF8_LEN("\xf0\x80\x80\x80"), 0);
	assert_int_equal(UTF8_LEN("\xf0\x8f\xbf\xbf"), 0);
}

static void
test_utf8_valid_len_surrogates(void **state)
{
	(void)state;
	assert_int_equal(UTF8_LEN("\xed\xa0\x80"), 0);	/* U+D800 */
	assert_int_equal(UTF8_LEN("\xed\xb0\x80"), 0);	/* U+DC00 */
	assert_int_equal(UTF8_LEN("\xed\xbf\xbf"), 0);	/* U+DFFF */
}

static void
test_utf8_valid_len_beyond_unicode(void **state)
{
	(void)state;
	assert_int_equal(UTF8_LEN("\xf4\x90\x80\x80"), 0);	/* U+110000 */
	assert_int_equal(UTF8_LEN("\xf5\x80\x80\x80"), 0);
	assert_int_equal(UTF8_LEN("\xf8\x88\x80\x80\x80"), 0);
	assert_int_equal(UTF8_LEN("\xfe"), 0);
	assert_int_equal(UTF8_LEN("\xff"), 0);
}

static void
test_utf8_valid_len_bad_continuation(void **state)
{
	(void)state;
	assert_int_equal(UTF8_LEN("\x80"), 0);		/* lone continuation */
	assert_int_equal(UTF8_LEN("\xbf"), 0);
	assert_int_equal(UTF8_LEN("\xc3\x41"), 0);
	assert_int_equal(UTF8_LEN("\xc3\xc3"), 0);
	assert_int_equal(UTF8_LEN("\xe2\x28\xa1"), 0);
	assert_int_equal(UTF8_LEN("\xe2\x82\x28"), 0);
	assert_int_equal(UTF8_LEN("\xf0\x9f\x28\x80"), 0);
	assert_int_equal(UTF8_LEN("\xf0\x9f\x98\x28"), 0);
}

static void
test_utf8_valid_len_truncated(void **state)
{
	static const unsigned char s4[] = { 0xf0, 0x9f, 0x98, 0x80 };
	static const unsigned char s3[] = { 0xe2, 0x82, 0xac };
	static const unsigned char s2[] = { 0xc3, 0xa9 };

	(void)state;
	/* n says where the input ends, even when more bytes follow. */
	assert_int_equal(utf8_valid_len(s2, 1), 0);
	assert_int_equal(utf8_valid_len(s3, 1), 0);
	assert_int_equal(utf8_valid_len(s3, 2), 0);
	assert_int_equal(utf8_valid_len(s4, 1), 0);
	assert_int_equal(utf8_valid_len(s4, 2), 0);
	assert_int_equal(utf8_valid_len(s4, 3), 0);
	assert_int_equal(utf8_valid_len(s4, 4), 4);
	assert_int_equal(UTF8_LEN("\xc3"), 0);
	assert_int_equal(UTF8_LEN("\xe2\x82"), 0);
	assert_int_equal(UTF8_LEN("\xf0\x9f\x98"), 0);
}

static void
test_array_size(void **state)
{
	static const int a[7];
	static const char s[] = "abc";

	(void)state;
	assert_int_equal(ARRAY_SIZE(a), 7);
	assert_int_equal(ARRAY_SIZE(s), 4);
}

static void
test_steal_ptr_clears_source(void **state)
{
	char *p = xstrdup("x"), *q;

	(void)state;
	q = steal_ptr(&p);
	assert_null(p);
	assert_string_equal(q, "x");
	free(q);
}

static void
test_path_glob_match(void **state)
{
	static const struct {
		const char *pat, *path;
		int want;
	} cases[] = {
		{ "bundles/*/config.json", "bundles/web/config.json", 1 },
		/* '*' stays within a directory */
		{ "bundles/*/config.json", "bundles/web/x/config.json", 0 },
		{ "*.json", "a/b.json", 0 },
		{ "bundles/**/config.json", "bundles/config.json", 1 },
		{ "bundles/**/config.json", "bundles/a/b/c/config.json", 1 },
		{ "bundles/**/config.json", "other/a/config.json", 0 },
		{ "**/config.json", "config.json", 1 },
		{ "**/config.json", "a/b/config.json", 1 },
		{ "**/config.json", "a/b/config.jsonx", 0 },
		{ "b*/**/c?nfig.json", "bx/y/config.json", 1 },
		{ "b*/**/config.json", "a/bx/config.json", 0 },
		{ "a/**", "a/b", 1 },
		{ "a/**", "a/b/c", 1 },
		{ "a/**", "a", 0 },
		{ "a/**", "ab/c", 0 },
		{ "**", "x/y", 1 },
		{ "a/**/b/**/c", "a/x/b/y/z/c", 1 },
		/* "**" inside a segment is just '*' */
		{ "a**/c", "ab/x/c", 0 },
		{ "a**/c", "abx/c", 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (path_glob_match(cases[i].pat, cases[i].path) !=
		    cases[i].want)
			fail_msg("'%s' ~ '%s' should be %d", cases[i].pat,
			    cases[i].path, cases[i].want);
}

/* Plain FNV-1a-32 maps each pair to one value; with the drawn basis a
 * crafted set of keys no longer lands in one probe run. */
static void
test_text_hash_basis_breaks_known_collisions(void **state)
{
	(void)state;
	assert_int_not_equal(oc_hash_basis, 2166136261u);
	assert_true(text_hash("costarring", 10) != text_hash("liquid", 6) ||
	    text_hash("declinate", 9) != text_hash("macallums", 9));
	assert_int_equal(text_hash("costarring", 10),
	    text_hash("costarring", 10));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xgrow_starts_at_eight),
		cmocka_unit_test(test_text_hash_basis_breaks_known_collisions),
		cmocka_unit_test(test_xgrow_doubles_until_enough),
		cmocka_unit_test(test_xgrow_keeps_pointer_when_room),
		cmocka_unit_test(test_xgrow_preserves_contents),
		cmocka_unit_test(test_xstrndup_and_xasprintf),
		cmocka_unit_test(test_buf_add_appends_and_terminates),
		cmocka_unit_test(test_buf_add_empty_gives_empty_string),
		cmocka_unit_test(test_buf_add_keeps_nul_bytes),
		cmocka_unit_test(test_buf_add_grows_large),
		cmocka_unit_test(test_buf_printf_formats_and_appends),
		cmocka_unit_test(test_buf_steal_hands_over),
		cmocka_unit_test(test_buf_add_display_plain_text),
		cmocka_unit_test(test_buf_add_display_control_characters),
		cmocka_unit_test(test_buf_add_display_invalid_utf8),
		cmocka_unit_test(test_buf_add_display_cut_at_max),
		cmocka_unit_test(test_buf_add_display_appends),
		cmocka_unit_test(test_utf8_valid_len_ascii),
		cmocka_unit_test(test_utf8_valid_len_two_bytes),
		cmocka_unit_test(test_utf8_valid_len_three_bytes),
		cmocka_unit_test(test_utf8_valid_len_four_bytes),
		cmocka_unit_test(
		    test_utf8_valid_len_only_looks_at_one_sequence),
		cmocka_unit_test(test_utf8_valid_len_overlong),
		cmocka_unit_test(test_utf8_valid_len_surrogates),
		cmocka_unit_test(test_utf8_valid_len_beyond_unicode),
		cmocka_unit_test(test_utf8_valid_len_bad_continuation),
		cmocka_unit_test(test_utf8_valid_len_truncated),
		cmocka_unit_test(test_array_size),
		cmocka_unit_test(test_steal_ptr_clears_source),
		cmocka_unit_test(test_path_glob_match),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
