#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ocicheck/source.h"

/* Columns are counted in code points. Lines up to this long are counted
 * directly; a running count every OC_BLOCK bytes, built only when a longer
 * line is met, bounds the work per lookup even on a single 100 MB line. */
#define OC_BLOCK 4096

static int
is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* The line index is built on the first position lookup: most files have
 * no findings and never need it. It is a cache, hence the const cast.
 * Sixteen bytes at a time where SSE2 exists (every x86-64): a block
 * without a line feed costs a few instructions, and each line feed in one
 * is found by its bit. */
static void
index_lines(const struct oc_source *csrc)
{
	struct oc_source *src = (struct oc_source *)csrc;
	const unsigned char *p = (const unsigned char *)src->data;
	size_t cap = src->len / 32 + 32, n = 1, i = 0;
	uint32_t *lines;

	if (src->lines != NULL)
		return;
	lines = xmalloc(cap * sizeof(*lines));
	lines[0] = 0;
#ifdef __SSE2__
	{
		const __m128i nl = _mm_set1_epi8('\n');

		for (; i + 16 <= src->len; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(p + i));
			unsigned m = (unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(v, nl));

			if (m == 0)
				continue;
			if (n + 16 > cap)
				lines = xgrow(lines, &cap, n + 16,
				    sizeof(*lines));
			do {
				lines[n++] = (uint32_t)(i +
				    (size_t)__builtin_ctz(m) + 1);
				m &= m - 1;
			} while (m != 0);
		}
	}
#endif
	for (; i < src->len; i++) {
		if (p[i] != '\n')
			continue;
		if (n + 1 > cap)
			lines = xgrow(lines, &cap, n + 1, sizeof(*lines));
		lines[n++] = (uint32_t)(i + 1);
	}
	src->lines = lines;
	src->nlines = n;
}

static void
index_blocks(const struct oc_source *csrc)
{
	struct oc_source *src = (struct oc_source *)csrc;
	const unsigned char *p = (const unsigned char *)src->data;
	size_t nblocks = src->len / OC_BLOCK + 1, i, cps = 0;

	if (src->blocks != NULL)
		return;
	src->blocks = xmalloc(nblocks * sizeof(*src->blocks));
	for (i = 0; i < src->len; i++) {
		if (i % OC_BLOCK == 0)
			src->blocks[i / OC_BLOCK] = (uint32_t)cps;
		cps += !is_cont(p[i]);
	}
	if (src->len % OC_BLOCK == 0)
		src->blocks[src->len / OC_BLOCK] = (uint32_t)cps;
}

static size_t
count_cps(const unsigned char *p, size_t from, size_t to)
{
	size_t n = 0;

	for (; from < to; from++)
		n += !is_cont(p[from]);
	return n;
}

/* Code points in data[0, off), through the block counts. */
static size_t
cp_index(const struct oc_source *src, size_t off)
{
	return src->blocks[off / OC_BLOCK] + count_cps(
	    (const unsigned char *)src->data, off - off % OC_BLOCK, off);
}

static size_t
line_of(const struct oc_source *src, size_t off)
{
	size_t lo = 0, hi = src->nlines;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t
source_line(const struct oc_source *src, size_t offset)
{
	index_lines(src);
	return line_of(src, offset > src->len ? src->len : offset) + 1;
}

struct oc_pos
source_pos(const struct oc_source *src, size_t offset)
{
	struct oc_pos pos;
	size_t l, start;

	if (offset > src->len)
		offset = src->len;
	index_lines(src);
	l = line_of(src, offset);
	start = src->lines[l];
	pos.offset = (uint32_t)offset;
	pos.line = (uint32_t)(l + 1);
	if (offset - start <= 2 * OC_BLOCK) {
		pos.col = (uint32_t)(count_cps((const unsigned char *)src->data,
		    start, offset) + 1);
	} else {
		index_blocks(src);
		pos.col = (uint32_t)(cp_index(src, offset) -
		    cp_index(src, start) + 1);
	}
	return pos;
}

struct oc_span
source_span(const struct oc_source *src, size_t start, size_t end)
{
	struct oc_span sp;

	sp.start = source_pos(src, start);
	sp.end = source_pos(src, end < start ? start : end);
	return sp;
}

size_t
source_offset(const struct oc_source *src, size_t line, size_t col)
{
	const unsigned char *p = (const unsigned char *)src->data;
	size_t off, n;

	index_lines(src);
	if (line < 1)
		line = 1;
	if (line > src->nlines)
		return src->len;
	off = src->lines[line - 1];
	for (n = 1; n < col && off < src->len && p[off] != '\n'; n++) {
		off++;
		while (off < src->len && is_cont(p[off]))
			off++;
	}
	return off;
}

static struct oc_source *
source_new(const char *path)
{
	struct oc_source *src = xcalloc(1, sizeof(*src));

	src->path = xstrdup(path);
	return src;
}

struct oc_source *
source_from_mem(const char *path, const char *data, size_t len)
{
	struct oc_source *src = source_new(path);

	src->data = xmalloc(len + 1);
	memcpy(src->data, data, len);
	src->data[len] = '\0';
	src->len = len;
	return src;
}

/* Read at most max bytes; one more tells that the input is over the limit
 * without reading all of an endless device such as /dev/zero. */
static int
read_fd(int fd, const struct stat *known, struct oc_source *src, size_t max,
    struct oc_error **err)
{
	struct stat st;
	size_t cap = 0, want;
	ssize_t n;

	int regular = (known ? (st = *known, 1) : fstat(fd, &st) == 0) &&
	    S_ISREG(st.st_mode);

	if (regular && (size_t)st.st_size > max) {
		src->too_large = (size_t)st.st_size;
		src->data = xstrdup("");
		return 0;
	}
	want = regular ? (size_t)st.st_size + 1 : 65536;
	src->data = xgrow(NULL, &cap, want, 1);
	for (;;) {
		if (src->len == cap)
			src->data = xgrow(src->data, &cap, cap + 1, 1);
		/* never more than max + 1 bytes: the buffer doubles, and an
		 * endless stream would otherwise fill twice the limit */
		want = cap - src->len;
		if (want > max + 1 - src->len)
			want = max + 1 - src->len;
		n = read(fd, src->data + src->len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return oc_error_set(err, errno, "cannot read '%s'",
			    src->path);
		if (n == 0)
			break;
		src->len += (size_t)n;
		if (src->len > max) {
			src->too_large = src->len;
			src->len = 0;
			break;
		}
	}
	src->data = xrealloc(src->data, src->len + 1);
	src->data[src->len] = '\0';
	return 0;
}

static int
read_path(const char *path, const char *stdin_name, int bundle, size_t max,
    struct oc_source **out, struct oc_error **err)
{
	struct oc_source *src;
	struct stat st;
	char *file = NULL;
	int fd, rc;

	if (strcmp(path, "-") == 0) {
		src = source_new(stdin_name ? stdin_name : "<stdin>");
		if (read_fd(STDIN_FILENO, NULL, src, max, err) < 0) {
			source_free(src);
			return -1;
		}
		*out = src;
		return 0;
	}
	/* Open first: one fstat then tells a file (the usual case) from a
	 * directory, where a stat before the open would cost a call more. */
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode))
		goto opened;
	if (fd >= 0)
		close(fd);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		size_t n = strlen(path);

		if (!bundle)
			return oc_error_set(err, 0, "'%s' is a directory",
			    path);

		file = xasprintf("%s%sconfig.json", path,
		    n && path[n - 1] == '/' ? "" : "/");
		if (access(file, F_OK) != 0) {
			rc = oc_error_set(err, 0,
			    "'%s' is a directory without config.json", path);
			free(file);
			return rc;
		}
		path = file;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = oc_error_set(err, errno, "cannot open '%s'", path);
		free(file);
		return rc;
	}
	if (fstat(fd, &st) != 0)
		st.st_mode = 0;
opened:
	src = source_new(path);
	free(file);
	rc = read_fd(fd, &st, src, max, err);
	close(fd);
	if (rc < 0) {
		source_free(src);
		return -1;
	}
	*out = src;
	return 0;
}

int
source_read(const char *path, const char *stdin_name, size_t max,
    struct oc_source **out, struct oc_error **err)
{
	return read_path(path, stdin_name, 1, max, out, err);
}

int
source_read_file(const char *path, size_t max, struct oc_source **out,
    struct oc_error **err)
{
	return read_path(path, NULL, 0, max, out, err);
}

void
source_free(struct oc_source *src)
{
	if (src == NULL)
		return;
	free(src->path);
	free(src->data);
	free(src->lines);
	free(src->blocks);
	free(src);
}
