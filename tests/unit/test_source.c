/* Unit tests for src/source.c: the line and column index, offsets and
 * reading files, bundle directories and standard input. */
#include "ocicheck_test.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ocicheck/source.h"

#define MEM(lit) source_from_mem("mem", (lit), sizeof(lit) - 1)

struct tmpdir {
	char dir[64];
};

static void
assert_pos(const struct oc_source *src, size_t off, uint32_t want_off,
    uint32_t line, uint32_t col)
{
	struct oc_pos p = source_pos(src, off);

	assert_int_equal(p.offset, want_off);
	assert_int_equal(p.line, line);
	assert_int_equal(p.col, col);
}

/* Column by the definition: code points from the line start, plus one. */
static uint32_t
naive_col(const char *s, size_t off)
{
	size_t i = off, n = 0;

	while (i > 0 && s[i - 1] != '\n')
		i--;
	for (; i < off; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return (uint32_t)(n + 1);
}

static uint32_t
naive_line(const char *s, size_t off)
{
	size_t i;
	uint32_t n = 1;

	for (i = 0; i < off; i++)
		n += s[i] == '\n';
	return n;
}

static char *
path_in(const struct tmpdir *t, const char *name)
{
	return xasprintf("%s/%s", t->dir, name);
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static int
setup_tmpdir(void **state)
{
	struct tmpdir *t = xcalloc(1, sizeof(*t));

	snprintf(t->dir, sizeof(t->dir), "/tmp/ocicheck-test-source.XXXXXX");
	if (mkdtemp(t->dir) == NULL) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int
teardown_tmpdir(void **state)
{
	struct tmpdir *t = *state;
	static const char *const names[] = {
		"config.json", "bundle/config.json", "bundle", "empty-dir",
		"big.json", "exact.json", "empty.json", "nul.json",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		char *p = path_in(t, names[i]);

		if (unlink(p) != 0)
			rmdir(p);
		free(p);
	}
	rmdir(t->dir);
	free(t);
	return 0;
}

static void
test_source_from_mem_copies_and_terminates(void **state)
{
	char text[] = "a\0b";
	struct oc_source *src;

	(void)state;
	src = source_from_mem("name.json", text, 3);
	text[0] = 'X';	/* the source holds its own copy */
	assert_string_equal(src->path, "name.json");
	assert_int_equal(src->len, 3);
	assert_memory_equal(src->data, "a\0b\0", 4);
	assert_int_equal(src->too_large, 0);
	source_free(src);
	source_free(NULL);
}

static void
test_source_line_index(void **state)
{
	struct oc_source *src = MEM("ab\ncd\n\nef");

	(void)state;
	assert_int_equal(source_line(src, src->len), 4);
	assert_int_equal(src->lines[0], 0);
	assert_int_equal(src->lines[1], 3);
	assert_int_equal(src->lines[2], 6);
	assert_int_equal(src->lines[3], 7);
	source_free(src);
}

static void
test_source_line_index_trailing_newline(void **state)
{
	struct oc_source *src = MEM("{}\n");

	(void)state;
	assert_int_equal(source_line(src, src->len), 2);
	assert_int_equal(src->lines[1], 3);
	assert_pos(src, 3, 3, 2, 1);
	source_free(src);
}

static void
test_source_line_index_many_lines(void **state)
{
	struct oc_buf b = { 0 };
	struct oc_source *src;
	size_t i;

	(void)state;
	for (i = 0; i < 1000; i++)
		buf_adds(&b, "xy\n");
	src = source_from_mem("mem", b.s, b.len);
	assert_int_equal(source_line(src, src->len), 1001);
	assert_int_equal(src->lines[500], 1500);
	assert_pos(src, 1501, 1501, 501, 2);
	assert_pos(src, 2999, 2999, 1000, 3);
	assert_pos(src, 3000, 3000, 1001, 1);
	source_free(src);
	buf_free(&b);
}

static void
test_source_empty(void **state)
{
	struct oc_source *src = source_from_mem("mem", "", 0);

	(void)state;
	assert_int_equal(source_line(src, src->len), 1);
	assert_int_equal(src->len, 0);
	assert_string_equal(src->data, "");
	assert_pos(src, 0, 0, 1, 1);
	assert_pos(src, 5, 0, 1, 1);
	source_free(src);
}

static void
test_source_pos_first_middle_last_line(void **state)
{
	struct oc_source *src = MEM("ab\ncd\n\nef");

	(void)state;
	assert_pos(src, 0, 0, 1, 1);
	assert_pos(src, 1, 1, 1, 2);
	assert_pos(src, 2, 2, 1, 3);	/* the '\n' ends its own line */
	assert_pos(src, 3, 3, 2, 1);
	assert_pos(src, 4, 4, 2, 2);
	assert_pos(src, 6, 6, 3, 1);	/* the empty line */
	assert_pos(src, 7, 7, 4, 1);
	assert_pos(src, 8, 8, 4, 2);
	source_free(src);
}

static void
test_source_pos_end_and_past_end(void **state)
{
	struct oc_source *src = MEM("ab\ncd\n\nef");

	(void)state;
	assert_pos(src, 9, 9, 4, 3);	/* just past the last byte */
	assert_pos(src, 10, 9, 4, 3);	/* clamped */
	assert_pos(src, 1000000, 9, 4, 3);
	assert_pos(src, SIZE_MAX, 9, 4, 3);
	source_free(src);
}

static void
test_source_pos_multibyte_columns(void **state)
{
	/* é (2 bytes) at 0, € (3) at 2, 😀 (4) at 5, x at 9. */
	struct oc_source *src = MEM("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80x");

	(void)state;
	assert_pos(src, 0, 0, 1, 1);
	assert_pos(src, 2, 2, 1, 2);
	assert_pos(src, 5, 5, 1, 3);
	assert_pos(src, 9, 9, 1, 4);
	assert_pos(src, 10, 10, 1, 5);
	source_free(src);
}

static void
test_source_pos_multibyte_on_later_line(void **state)
{
	/* Code points on earlier lines do not count. */
	struct oc_source *src =
	    MEM("\xf0\x9f\x98\x80\xf0\x9f\x98\x80\n\xc3\xa9\xe2\x82\xac:x\n");

	(void)state;
	assert_int_equal(source_line(src, src->len), 3);
	assert_pos(src, 9, 9, 2, 1);
	assert_pos(src, 11, 11, 2, 2);
	assert_pos(src, 14, 14, 2, 3);
	assert_pos(src, 15, 15, 2, 4);
	assert_pos(src, 16, 16, 2, 5);
	assert_pos(src, 17, 17, 3, 1);
	source_free(src);
}

static void
test_source_pos_crlf(void **state)
{
	struct oc_source *src = MEM("{\r\n  \"a\": 1\r\n}\r\n");

	(void)state;
	assert_int_equal(source_line(src, src->len), 4);
	assert_int_equal(src->lines[1], 3);
	assert_int_equal(src->lines[2], 13);
	assert_int_equal(src->lines[3], 16);
	assert_pos(src, 1, 1, 1, 2);	/* the '\r' is a column */
	assert_pos(src, 5, 5, 2, 3);	/* the '"' */
	assert_pos(src, 10, 10, 2, 8);	/* the '1' */
	assert_pos(src, 13, 13, 3, 1);
	assert_pos(src, 16, 16, 4, 1);
	source_free(src);
}

/* One line longer than three 4 KiB blocks, with 2-, 3- and 4-byte
 * characters on both sides of every block boundary. */
static void
test_source_pos_long_line_blocks(void **state)
{
	static const char *const pieces[] = {
		"a", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "bc",
		"\xf0\x9f\x98\x80\xf0\x9f\x98\x80", "\xe2\x82\xac",
	};
	struct oc_buf b = { 0 };
	struct oc_source *src;
	size_t i, off, bad = SIZE_MAX;

	(void)state;
	buf_adds(&b, "{\n   ");	/* the line does not start on a block */
	for (i = 0; b.len < 3 * 4096 + 1000; i++)
		buf_adds(&b, pieces[i % ARRAY_SIZE(pieces)]);
	buf_adds(&b, "\nend");
	src = source_from_mem("mem", b.s, b.len);
	assert_int_equal(source_line(src, src->len), 3);
	for (off = 0; off <= b.len && bad == SIZE_MAX; off++) {
		struct oc_pos p = source_pos(src, off);

		if (p.line != naive_line(b.s, off) ||
		    p.col != naive_col(b.s, off))
			bad = off;
	}
	/* On failure this names the first offset that disagrees. */
	assert_int_equal(bad, SIZE_MAX);
	/* Spot checks against the naive count at the block boundaries. */
	for (off = 4096; off < b.len; off += 4096) {
		assert_pos(src, off - 1, (uint32_t)(off - 1), 2,
		    naive_col(b.s, off - 1));
		assert_pos(src, off, (uint32_t)off, 2, naive_col(b.s, off));
		assert_pos(src, off + 1, (uint32_t)(off + 1), 2,
		    naive_col(b.s, off + 1));
	}
	assert_pos(src, b.len, (uint32_t)b.len, 3, 4);
	source_free(src);
	buf_free(&b);
}

/* Input whose length is an exact multiple of the block size. */
static void
test_source_pos_block_multiple_length(void **state)
{
	struct oc_buf b = { 0 };
	struct oc_source *src;
	size_t n;

	(void)state;
	while (b.len < 2 * 4096 - 1)
		buf_adds(&b, b.len % 7 == 0 ? "\xc3\xa9" : "z");
	if (b.len == 2 * 4096 - 1)
		buf_addc(&b, 'z');
	assert_int_equal(b.len, 2 * 4096);
	src = source_from_mem("mem", b.s, b.len);
	n = naive_col(b.s, b.len);
	assert_pos(src, b.len, 2 * 4096, 1, (uint32_t)n);
	assert_pos(src, 4096, 4096, 1, naive_col(b.s, 4096));
	source_free(src);
	buf_free(&b);
}

static void
test_source_span_orders_ends(void **state)
{
	struct oc_source *src = MEM("ab\ncd");
	struct oc_span sp;

	(void)state;
	sp = source_span(src, 1, 4);
	assert_int_equal(sp.start.line, 1);
	assert_int_equal(sp.start.col, 2);
	assert_int_equal(sp.end.line, 2);
	assert_int_equal(sp.end.col, 2);
	sp = source_span(src, 4, 1);	/* end before start: empty span */
	assert_int_equal(sp.start.offset, 4);
	assert_int_equal(sp.end.offset, 4);
	source_free(src);
}

static void
test_source_offset_basic(void **state)
{
	struct oc_source *src = MEM("ab\n\xc3\xa9\xf0\x9f\x98\x80z\n\nq");

	(void)state;
	assert_int_equal(source_offset(src, 1, 1), 0);
	assert_int_equal(source_offset(src, 1, 2), 1);
	assert_int_equal(source_offset(src, 2, 1), 3);
	assert_int_equal(source_offset(src, 2, 2), 5);
	assert_int_equal(source_offset(src, 2, 3), 9);
	assert_int_equal(source_offset(src, 4, 1), 12);
	/* Column past the line end stops at its '\n'. */
	assert_int_equal(source_offset(src, 1, 50), 2);
	assert_int_equal(source_offset(src, 3, 2), 11);
	assert_int_equal(source_offset(src, 4, 50), 13);
	/* Line past the end: the input length; line 0 counts as line 1. */
	assert_int_equal(source_offset(src, 5, 1), 13);
	assert_int_equal(source_offset(src, 0, 2), 1);
	assert_int_equal(source_offset(src, 2, 0), 3);
	source_free(src);
}

static void
test_source_offset_round_trip(void **state)
{
	static const char text[] = "{\r\n  \"\xc3\xa9\": \"\xe2\x82\xac\","
	    "\n\t\"\xf0\x9f\x98\x80\": [1, 2]\n}\n";
	struct oc_source *src = MEM(text);
	size_t off;

	(void)state;
	for (off = 0; off <= sizeof(text) - 1; off++) {
		struct oc_pos p;

		if (((unsigned char)text[off] & 0xc0) == 0x80)
			continue;	/* not the start of a character */
		p = source_pos(src, off);
		assert_int_equal(source_offset(src, p.line, p.col), off);
		p = source_pos(src, source_offset(src, p.line, p.col));
		assert_int_equal(p.offset, off);
	}
	source_free(src);
}

static void
test_source_read_file(void **state)
{
	struct tmpdir *t = *state;
	char *path = path_in(t, "config.json");
	struct oc_source *src = NULL;
	struct oc_error *err = NULL;

	write_file(path, "{\n  \"a\": 1\n}\n", 13);
	assert_int_equal(source_read(path, NULL, OC_MAX_INPUT, &src, &err), 0);
	assert_null(err);
	assert_non_null(src);
	assert_string_equal(src->path, path);
	assert_int_equal(src->len, 13);
	assert_memory_equal(src->data, "{\n  \"a\": 1\n}\n", 14);
	assert_int_equal(src->too_large, 0);
	assert_int_equal(source_line(src, src->len), 4);
	assert_pos(src, 4, 4, 2, 3);	/* the opening quote */
	source_free(src);
	free(path);
}

static void
test_source_read_empty_file(void **state)
{
	struct tmpdir *t = *state;
	char *path = path_in(t, "empty.json");
	struct oc_source *src = NULL;
	struct oc_error *err = NULL;

	write_file(path, "", 0);
	assert_int_equal(source_read(path, NULL, OC_MAX_INPUT, &src, &err), 0);
	assert_non_null(src);
	assert_int_equal(src->len, 0);
	assert_string_equal(src->data, "");
	assert_int_equal(source_line(src, src->len), 1);
	source_free(src);
	free(path);
}

static void
test_source_read_keeps_nul_bytes(void **state)
{
	struct tmpdir *t = *state;
	char *path = path_in(t, "nul.json");
	struct oc_source *src = NULL;
	struct oc_error *err = NULL;

	write_file(path, "{\0}\n", 4);
	assert_int_equal(source_read(path, NULL, OC_MAX_INPUT, &src, &err), 0);
	assert_int_equal(src->len, 4);
	assert_memory_equal(src->data, "{\0}\n", 5);
	source_free(src);
	free(path);
}

static void
test_source_read_bundle_directory(void **state)
{
	struct tmpdir *t = *state;
	char *dir = path_in(t, "bundle");
	char *file = path_in(t, "bundle/config.json");
	char *slash = xasprintf("%s/", dir);
	struct oc_source *src = NULL;
	struct oc_error *err = NULL;

	assert_int_equal(mkdir(dir, 0700), 0);
	write_file(file, "{}", 2);
	assert_int_equal(source_read(dir, NULL, OC_MAX_INPUT, &src, &err), 0);
	assert_null(err);
	assert_string_equal(src->path, file);
	assert_int_equal(src->len, 2);
	assert_string_equal(src->data, "{}");
	source_free(src);
	src = NULL;
	/* A trailing slash does not double. */
	assert_int_equal(source_read(slash, NULL, OC_MAX_INPUT, &src, &err), 0);
	assert_string_equal(src->path, file);
	source_free(src);
	free(slash);
	free(file);
	free(dir);
}

static void
test_source_read_directory_without_config(void **state)
{
	struct tmpdir *t = *state;
	char *dir = path_in(t, "empty-dir");
	struct oc_source *src = NULL;
	struct oc_error *err = NULL;
	char *want;

	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(source_read(dir, NULL, OC_MAX_INPUT, &src, &err), -1);
	assert_null(src);
	assert_non_null(err);
	want = xasprintf("'%s' is a directory without config.json", dir);
	assert_string_equal(err->msg, want);
	assert_int_equal(err->errnum, 0);
	assert_non_null(strstr(err->msg, "config.json"));
	free(want);
	oc_error_free(err);
	free(dir);
}

static void
test_source_read_missing_file(void **state)
{
	struct tmpdir *t = *state;
	char *path = path_in(t, "does-not-exist.json");
	struct oc_source *src = NULL;
	struct oc_error *err = NULL;
	char *want, *text;

	assert_int_equal(source_read(path, NULL, OC_MAX_INPUT, &src, &err), -1);
	assert_null(src);
	assert_non_null(err);
	assert_int_equal(err->errnum, ENOENT);
	want = xasprintf("cannot open '%s'", path);
	assert_string_equal(err->msg, want);
	text = oc_error_text(err);
	assert_non_null(strstr(text, strerror(ENOENT)));
	free(text);
	free(want);
	oc_error_free(err);
	free(path);
}

static void
test_source_read_too_large(void **state)
{
	struct tmpdir *t = *state;
	char *path = path_in(t, "big.json");
	struct oc_source *src = NULL;
	struct oc_error *err = NULL;
	char data[100];

	memset(data, ' ', sizeof(data));
	write_file(path, data, sizeof(data));
	assert_int_equal(source_read(path, NULL, 10, &src, &err), 0);
	assert_null(err);
	assert_non_null(src);
	assert_int_equal(src->too_large, 100);
	assert_int_equal(src->len, 0);
	assert_non_null(src->data);
	assert_string_equal(src->data, "");
	assert_pos(src, 0, 0, 1, 1);
	source_free(src);
	free(path);
}

static void
test_source_read_exactly_max(void **state)
{
	struct tmpdir *t = *state;
	char *path = path_in(t, "exact.json");
	struct oc_source *src = NULL;
	struct oc_error *err = NULL;

	write_file(path, "0123456789", 10);
	assert_int_equal(source_read(path, NULL, 10, &src, &err), 0);
	assert_int_equal(src->too_large, 0);
	assert_int_equal(src->len, 10);
	assert_string_equal(src->data, "0123456789");
	source_free(src);
	src = NULL;
	assert_int_equal(source_read(path, NULL, 9, &src, &err), 0);
	assert_int_equal(src->too_large, 10);
	assert_int_equal(src->len, 0);
	source_free(src);
	free(path);
}

/* Feed data to source_read("-") through a pipe on standard input. */
static int
read_stdin(const char *data, size_t len, const char *name, size_t max,
    struct oc_source **src, struct oc_error **err)
{
	int fds[2], saved, rc;

	saved = dup(STDIN_FILENO);
	assert_true(saved >= 0);
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], data, len), (ssize_t)len);
	close(fds[1]);
	assert_int_equal(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
	close(fds[0]);
	rc = source_read("-", name, max, src, err);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
	return rc;
}

static void
test_source_read_stdin(void **state)
{
	struct oc_source *src = NULL;
	struct oc_error *err = NULL;

	(void)state;
	assert_int_equal(read_stdin("{\n}", 3, "piped.json", OC_MAX_INPUT,
	    &src, &err), 0);
	assert_string_equal(src->path, "piped.json");
	assert_int_equal(src->len, 3);
	assert_string_equal(src->data, "{\n}");
	assert_int_equal(source_line(src, src->len), 2);
	source_free(src);
	src = NULL;
	assert_int_equal(read_stdin("{}", 2, NULL, OC_MAX_INPUT, &src, &err),
	    0);
	assert_string_equal(src->path, "<stdin>");
	source_free(src);
	assert_null(err);
}

static void
test_source_read_stdin_too_large(void **state)
{
	struct oc_source *src = NULL;
	struct oc_error *err = NULL;
	char data[100];

	(void)state;
	memset(data, '[', sizeof(data));
	assert_int_equal(read_stdin(data, sizeof(data), "s", 10, &src, &err),
	    0);
	/* a stream is read one byte past the limit, no further: it may be
	 * endless */
	assert_int_equal(src->too_large, 11);
	assert_int_equal(src->len, 0);
	assert_string_equal(src->data, "");
	source_free(src);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_source_from_mem_copies_and_terminates),
		cmocka_unit_test(test_source_line_index),
		cmocka_unit_test(test_source_line_index_trailing_newline),
		cmocka_unit_test(test_source_line_index_many_lines),
		cmocka_unit_test(test_source_empty),
		cmocka_unit_test(test_source_pos_first_middle_last_line),
		cmocka_unit_test(test_source_pos_end_and_past_end),
		cmocka_unit_test(test_source_pos_multibyte_columns),
		cmocka_unit_test(test_source_pos_multibyte_on_later_line),
		cmocka_unit_test(test_source_pos_crlf),
		cmocka_unit_test(test_source_pos_long_line_blocks),
		cmocka_unit_test(test_source_pos_block_multiple_length),
		cmocka_unit_test(test_source_span_orders_ends),
		cmocka_unit_test(test_source_offset_basic),
		cmocka_unit_test(test_source_offset_round_trip),
		cmocka_unit_test_setup_teardown(test_source_read_file,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_source_read_empty_file,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(
		    test_source_read_keeps_nul_bytes,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(
		    test_source_read_bundle_directory,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(
		    test_source_read_directory_without_config,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_source_read_missing_file,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_source_read_too_large,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_source_read_exactly_max,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test(test_source_read_stdin),
		cmocka_unit_test(test_source_read_stdin_too_large),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
