/*
 * Typed readers over the document: a member path, a string, an exact
 * integer, a value shown in a message. Every stage that reads a config or
 * a contract uses them, so they sit with the model, not with the rules.
 */
#include <stdarg.h>
#include <stdint.h>

#include "ocicheck/doc.h"

const struct oc_node *
doc_path(const struct oc_doc *doc, const struct oc_node *obj, ...)
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
doc_str(const struct oc_doc *doc, const struct oc_node *n, size_t *len)
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
doc_u64(const struct oc_doc *doc, const struct oc_node *n, uint64_t *v)
{
	uint64_t u;
	int neg;

	if (int_value(doc, n, &neg, &u) < 0 || (neg && u != 0))
		return -1;
	*v = u;
	return 0;
}

int
doc_i64(const struct oc_doc *doc, const struct oc_node *n, int64_t *v)
{
	uint64_t u;
	int neg;

	if (int_value(doc, n, &neg, &u) < 0 ||
	    u > (uint64_t)INT64_MAX + (neg ? 1 : 0))
		return -1;
	*v = neg ? (int64_t)(0 - u) : (int64_t)u;
	return 0;
}

void
doc_show(const struct oc_doc *doc, const struct oc_node *n,
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
