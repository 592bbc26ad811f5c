#include <sys/mman.h>
#include <sys/random.h>

#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocicheck/util.h"

uint32_t oc_hash_basis = 2166136261u;

/* Hash tables only get slower with a fixed basis, so a failed getrandom
 * keeps it. */
__attribute__((constructor)) static void
hash_seed(void)
{
	uint32_t r;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) == (ssize_t)sizeof(r))
		oc_hash_basis ^= r;
}

static void
oom(void)
{
	/* The one exception to "only main prints": nothing can be reported
	 * once memory is gone, and exit 3 is the documented code. */
	fputs("ocicheck: out of memory\n", stderr);
	exit(3);
}

/* A large array asks for transparent huge pages, which a kernel with THP
 * set to "madvise" gives only on request: the document
 * of a 40 MiB config then costs a few thousand page faults instead of
 * forty thousand, and its rules miss the TLB less. Only whole 2 MiB
 * pages inside a block of 8 MiB or more are marked, so nothing outside
 * it changes and small runs make no system call. */
static void
advise_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t e = ((uintptr_t)p + n) & ~(huge - 1);

	/* Advice only: a kernel without THP says EINVAL, and that is fine. */
	if (n >= 4 * huge && e > a)
		(void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		oom();
	advise_huge(p, size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	advise_huge(p, n * size);
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (p == NULL)
		oom();
	advise_huge(p, size);
	return p;
}

void *
xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap;

	if (need <= n)
		return p;
	if (n < 8)
		n = 8;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			oom();
		n *= 2;
	}
	if (n > SIZE_MAX / size)
		oom();
	*cap = n;
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Format into small (most texts are short, so one pass usually does);
 * returns the full length, which is >= size when the text did not fit.
 * ap is left for a second pass. */
static size_t OC_PRINTF(3, 0)
format_small(char *small, size_t size, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(small, size, fmt, cp);
	va_end(cp);
	if (n < 0)
		oom();
	return (size_t)n;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	struct oc_buf b = { 0 };
	char small[256];
	size_t n = format_small(small, sizeof(small), fmt, ap);

	if (n < sizeof(small)) {
		b.s = xmalloc(n + 1);
		memcpy(b.s, small, n + 1);
		return b.s;
	}
	b.s = xgrow(b.s, &b.cap, n + 1, 1);
	vsnprintf(b.s, n + 1, fmt, ap);
	return b.s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

/* Buffers hold pointers, shown values and messages of a hundred bytes or
 * so: start them at 128 bytes instead of growing from 8. */
#define BUF_MIN 128

void
buf_add(struct oc_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
		b->s = xgrow(b->s, &b->cap, b->len + n + 1 > BUF_MIN ?
		    b->len + n + 1 : BUF_MIN, 1);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_adds(struct oc_buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct oc_buf *b, char c)
{
	if (b->len + 2 > b->cap)
		b->s = xgrow(b->s, &b->cap, b->len + 2 > BUF_MIN ?
		    b->len + 2 : BUF_MIN, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void
buf_printf(struct oc_buf *b, const char *fmt, ...)
{
	char small[256], *s;
	va_list ap;

	/* On the stack first: an argument may point into b itself. */
	va_start(ap, fmt);
	if (format_small(small, sizeof(small), fmt, ap) < sizeof(small)) {
		buf_adds(b, small);
	} else {
		s = xvasprintf(fmt, ap);
		buf_adds(b, s);
		free(s);
	}
	va_end(ap);
}

void
buf_add_display(struct oc_buf *b, const char *s, size_t n, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	buf_add(b, "", 0);
	while (i < n) {
		if (i >= max) {
			buf_adds(b, "...");
			return;
		}
		if (p[i] < 0x20 || p[i] == 0x7f) {
			switch (p[i]) {
			case '\n': buf_adds(b, "\\n"); break;
			case '\t': buf_adds(b, "\\t"); break;
			case '\r': buf_adds(b, "\\r"); break;
			default: buf_printf(b, "\\u%04x", p[i]); break;
			}
			i++;
			continue;
		}
		k = utf8_valid_len(p + i, n - i);
		if (k == 0) {
			buf_printf(b, "\\x%02x", p[i]);
			i++;
			continue;
		}
		buf_add(b, s + i, k);
		i += k;
	}
}

char *
buf_steal(struct oc_buf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct oc_buf *b)
{
	if (b == NULL)
		return;
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

size_t
utf8_valid_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return n >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && s[1] < 0xa0)
			return 0;	/* overlong */
		if (c == 0xed && s[1] >= 0xa0)
			return 0;	/* UTF-16 surrogate */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && s[1] < 0x90)
			return 0;	/* overlong */
		if (c == 0xf4 && s[1] >= 0x90)
			return 0;	/* beyond U+10FFFF */
		return 4;
	}
	return 0;
}

#define DIST_MAX 64

static int
fold(char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

size_t
text_distance(const char *a, size_t an, const char *b, size_t bn)
{
	/* three rolling rows: two back for the swap of neighbours */
	size_t row[3][DIST_MAX + 1], i, j;

	if (an > DIST_MAX || bn > DIST_MAX)
		return SIZE_MAX;
	for (j = 0; j <= bn; j++)
		row[0][j] = j;
	for (i = 1; i <= an; i++) {
		size_t *cur = row[i % 3], *up = row[(i - 1) % 3];
		size_t *up2 = row[(i + 1) % 3];

		cur[0] = i;
		for (j = 1; j <= bn; j++) {
			size_t d = up[j - 1] + (fold(a[i - 1]) != fold(b[j - 1]));

			if (up[j] + 1 < d)
				d = up[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
			    fold(a[i - 2]) == fold(b[j - 1]) && up2[j - 2] + 1 < d)
				d = up2[j - 2] + 1;
			cur[j] = d;
		}
	}
	return row[an % 3][bn];
}

size_t
text_distance_limit(size_t n)
{
	return n <= 4 ? 1 : n <= 8 ? 2 : 3;
}

/* The first segment of pat that is exactly "**", or NULL. */
static const char *
globstar(const char *pat)
{
	const char *p = pat;

	for (;;) {
		if (p[0] == '*' && p[1] == '*' && (p[2] == '/' || p[2] == '\0'))
			return p;
		if ((p = strchr(p, '/')) == NULL)
			return NULL;
		p++;
	}
}

int
path_glob_match(const char *pat, const char *path)
{
	const char *star = globstar(pat), *p, *rest;
	size_t segs = 0;
	char *hp, *hs;
	int ok;

	if (star == NULL)
		return fnmatch(pat, path, FNM_PATHNAME) == 0;
	/* the segments before "**" match as many of the path's */
	for (p = pat; p < star; p++)
		segs += *p == '/';
	for (p = path; segs > 0 && p != NULL; segs--)
		if ((p = strchr(p, '/')) != NULL)
			p++;
	if (p == NULL)
		return 0;
	if (star > pat) {
		hp = xstrndup(pat, (size_t)(star - pat - 1));
		hs = xstrndup(path, (size_t)(p - path - 1));
		ok = fnmatch(hp, hs, FNM_PATHNAME) == 0;
		free(hp);
		free(hs);
		if (!ok)
			return 0;
	}
	if (star[2] == '\0')
		return *p != '\0';
	/* and the rest matches the path after zero or more directories */
	for (rest = star + 3;; p++) {
		if (path_glob_match(rest, p))
			return 1;
		if ((p = strchr(p, '/')) == NULL)
			return 0;
	}
}

int
str_in_sorted(const char *const *list, size_t count, const char *s, size_t n)
{
	size_t lo = 0, hi = count;

	/* One pass over both texts per probe, instead of strlen() and
	 * memcmp(): the seccomp rules look up hundreds of names a file. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, i = 0;
		const unsigned char *e = (const unsigned char *)list[mid];
		int c;

		while (i < n && e[i] != '\0' && e[i] == (unsigned char)s[i])
			i++;
		if (i == n)
			c = e[i] != '\0';		/* equal, or e is longer */
		else if (e[i] == '\0')
			c = -1;			/* e is a prefix of s */
		else
			c = e[i] < (unsigned char)s[i] ? -1 : 1;
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int
path_is_absolute(const char *s, size_t n, int windows)
{
	if (!windows)
		return n > 0 && s[0] == '/';
	/* C:\dir, C:/dir, or a UNC / device path \\server\share, \\?\... */
	if (n >= 3 && ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z') &&
	    s[1] == ':' && (s[2] == '\\' || s[2] == '/'))
		return 1;
	return n >= 2 && s[0] == '\\' && s[1] == '\\';
}
