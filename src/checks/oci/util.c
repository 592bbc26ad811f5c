/* Small readers shared by the spec checks. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ocicheck/spec.h"

const struct oc_node *
spec_path(const struct oc_doc *doc, const struct oc_node *obj, ...)
{
	const char *key;
	va_list ap;

	va_start(ap, obj);
	while (obj != NULL && (key = va_arg(ap, const char *)) != NULL)
		obj = doc_get(doc, obj, key);
	va_end(ap);
	return obj;
}

const char *
spec_str(const struct oc_doc *doc, const struct oc_node *n, size_t *len)
{
	if (n == NULL || doc_kind(n) != OC_STRING)
		return NULL;
	return doc_text(doc, n, len);
}

/* The magnitude of an integer literal and its sign; -1 when the text has
 * a fraction or exponent, has no digits or 32 or more of them, or does
 * not fit 64 bits. */
static int
int_value(const struct oc_doc *doc, const struct oc_node *n, int *neg,
    uint64_t *v)
{
	size_t len, i = 0;
	const char *s;
	uint64_t u = 0;

	if (n == NULL || doc_kind(n) != OC_NUMBER)
		return -1;
	s = doc_text(doc, n, &len);
	*neg = len > 0 && s[0] == '-';
	if (*neg)
		i++;
	if (len - i == 0 || len - i >= 32)
		return -1;
	for (; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';

		if (d > 9 || u > (UINT64_MAX - d) / 10)
			return -1;
		u = u * 10 + d;
	}
	*v = u;
	return 0;
}

int
spec_u64(const struct oc_doc *doc, const struct oc_node *n, uint64_t *v)
{
	uint64_t u;
	int neg;

	if (int_value(doc, n, &neg, &u) < 0 || (neg && u != 0))
		return -1;
	*v = u;
	return 0;
}

int
spec_i64(const struct oc_doc *doc, const struct oc_node *n, int64_t *v)
{
	uint64_t u;
	int neg;

	if (int_value(doc, n, &neg, &u) < 0 ||
	    u > (uint64_t)INT64_MAX + (neg ? 1 : 0))
		return -1;
	*v = neg ? (int64_t)(0 - u) : (int64_t)u;
	return 0;
}

const struct oc_node *
spec_namespace(const struct oc_check_ctx *ctx, const char *type)
{
	const struct oc_node *list = spec_path(ctx->doc, ctx->root, "linux",
	    "namespaces", NULL);
	size_t i, n = doc_count(list);

	if (list == NULL || doc_kind(list) != OC_ARRAY)
		return NULL;
	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);

		if (doc_is(ctx->doc, doc_get(ctx->doc, e, "type"), type))
			return e;
	}
	return NULL;
}

int
spec_namespace_new(const struct oc_check_ctx *ctx, const char *type)
{
	const struct oc_node *e = spec_namespace(ctx, type);

	return e != NULL && doc_get(ctx->doc, e, "path") == NULL;
}

void
spec_show(const struct oc_doc *doc, const struct oc_node *n,
    struct oc_buf *b)
{
	size_t len;
	const char *s;

	if (doc_kind(n) == OC_ARRAY || doc_kind(n) == OC_OBJECT) {
		buf_adds(b, doc_kind(n) == OC_ARRAY ? "an array" : "an object");
		return;
	}
	s = doc_text(doc, n, &len);
	if (doc_kind(n) == OC_STRING)
		buf_addc(b, '"');
	buf_add_display(b, s, len, 80);
	if (doc_kind(n) == OC_STRING)
		buf_addc(b, '"');
}

int
spec_in_sorted(const char *const *list, size_t count, const char *s, size_t n)
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
