/* Small helpers shared by every module: checked allocation, a growable
 * byte buffer, UTF-8 decoding. */
#ifndef OCICHECK_UTIL_H
#define OCICHECK_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Compile-time array length; refuses pointers (GNU C). */
#define OC_SAME_TYPE(a, b) __builtin_types_compatible_p(__typeof__(a), __typeof__(b))
#define OC_MUST_BE_ARRAY(a) (sizeof(char[1 - 2 * OC_SAME_TYPE((a), &(a)[0])]) - 1)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]) + OC_MUST_BE_ARRAY(a))

/* Hand over ownership in one visible expression: returns *pp, sets it NULL. */
#define steal_ptr(pp) \
	({ __typeof__(*(pp)) steal_tmp_ = *(pp); *(pp) = NULL; steal_tmp_; })

#define OC_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Out of memory is not recoverable: these print one line and exit 3. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Grow *p to hold at least need elements of size; *cap is updated. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) OC_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) OC_PRINTF(1, 0);

/* A growable, always NUL-terminated byte buffer. */
struct oc_buf {
	char *s;
	size_t len;
	size_t cap;
};

void buf_add(struct oc_buf *b, const char *s, size_t n);
void buf_adds(struct oc_buf *b, const char *s);
void buf_addc(struct oc_buf *b, char c);
void buf_printf(struct oc_buf *b, const char *fmt, ...) OC_PRINTF(2, 3);
/* Append s for a human: control bytes and invalid UTF-8 become \xHH or
 * \uHHHH escapes and the text is cut after max bytes with "...". */
void buf_add_display(struct oc_buf *b, const char *s, size_t n, size_t max);
char *buf_steal(struct oc_buf *b);
void buf_free(struct oc_buf *b);

/* FNV-1a of n bytes, for the member, anchor and duplicate tables. Its
 * basis is drawn once per process: FNV collisions are easy to make, and
 * a config of a million colliding keys would otherwise turn every probe
 * of those tables into a walk of all of them. */
extern uint32_t oc_hash_basis;

static inline uint32_t
text_hash(const char *s, size_t n)
{
	uint32_t h = oc_hash_basis;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Edit distance between two names, ignoring ASCII case: insertions,
 * deletions, substitutions and swaps of neighbours each cost 1. SIZE_MAX
 * when either is longer than 64 bytes (no name worth suggesting is). */
size_t text_distance(const char *a, size_t an, const char *b, size_t bn);
/* How far a did-you-mean suggestion may be from a name of n bytes. */
size_t text_distance_limit(size_t n);

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when the bytes at s
 * are not valid UTF-8 (overlong, surrogate, truncated, > U+10FFFF). */
/* Does path match the glob pat? As fnmatch with FNM_PATHNAME ('*', '?'
 * and '[...]' never match '/'), where a whole "**" segment matches any
 * number of directories: a trailing one anything beneath, a leading one
 * the rest at any depth, a middle one zero or more directories between. */
int path_glob_match(const char *pat, const char *path);
size_t utf8_valid_len(const unsigned char *s, size_t n);

/* Is s (length n) one of list, sorted by strcmp()? A binary search. */
int str_in_sorted(const char *const *list, size_t count, const char *s,
    size_t n);
/* Absolute for the platform: "/..." or, on Windows, "C:\..." or "\\...". */
int path_is_absolute(const char *s, size_t n, int windows);

#endif
