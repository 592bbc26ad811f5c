/* Small readers shared by the spec checks. */
#include <errno.h>
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

/* Digits of an integer literal: sign, and -1 when the text has a fraction
 * or exponent or does not fit 20 digits. */
static int
int_digits(const struct oc_doc *doc, const struct oc_node *n, int *neg,
    char *buf, size_t size)
{
	size_t len, i = 0;
	const char *s;

	if (n == NULL || doc_kind(n) != OC_NUMBER)
		return -1;
	s = doc_text(doc, n, &len);
	*neg = len > 0 && s[0] == '-';
	if (*neg)
		i++;
	if (len - i == 0 || len - i >= size)
		return -1;
	memcpy(buf, s + i, len - i);
	buf[len - i] = '\0';
	return strspn(buf, "0123456789") == len - i ? 0 : -1;
}

int
spec_u64(const struct oc_doc *doc, const struct oc_node *n, uint64_t *v)
{
	char buf[32];
	int neg;

	if (int_digits(doc, n, &neg, buf, sizeof(buf)) < 0)
		return -1;
	errno = 0;
	*v = strtoull(buf, NULL, 10);
	if (errno == ERANGE || (neg && *v != 0))
		return -1;
	return 0;
}

int
spec_i64(const struct oc_doc *doc, const struct oc_node *n, int64_t *v)
{
	char buf[32];
	uint64_t u;
	int neg;

	if (int_digits(doc, n, &neg, buf, sizeof(buf)) < 0)
		return -1;
	errno = 0;
	u = strtoull(buf, NULL, 10);
	if (errno == ERANGE || u > (uint64_t)INT64_MAX + (neg ? 1 : 0))
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
