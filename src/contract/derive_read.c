/* Reading rendered chart YAML for contract derive: tolerant readers (a
 * chart may put anything anywhere) and findings positioned in it. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ocicheck/source.h"
#include "derive_int.h"

static void
report_span(struct derive *d, const struct dinput *in, const char *id,
    const struct oc_node *n, struct oc_span span, const char *fmt,
    va_list ap)
{
	struct oc_findings *f = &d->run->findings;
	struct oc_buf ptr = { 0 };

	f->src = in->src;
	f->file = in->file;
	doc_pointer(in->doc, n, &ptr);
	findings_addv(f, id, span, ptr.s, fmt, ap);
	buf_free(&ptr);
	f->src = NULL;
}

void
dv_report(struct derive *d, const struct dinput *in, const char *id,
    const struct oc_node *n, int key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_span(d, in, id, n, key && doc_parent(in->doc, n) != NULL &&
	    doc_kind(doc_parent(in->doc, n)) == OC_OBJECT ?
	    doc_key_span(in->doc, n) : doc_span(in->doc, n), fmt, ap);
	va_end(ap);
}

/* At the first place token appears in the raw text of scalar n: in a
 * block script that is the line that uses it. At n when it cannot be
 * found (escapes in a quoted scalar). */
void
dv_report_token(struct derive *d, const struct dinput *in, const char *id,
    const struct oc_node *n, const char *token, const char *fmt, ...)
{
	struct oc_span span = doc_span(in->doc, n);
	const char *hit = NULL;
	size_t len = strlen(token);
	va_list ap;

	if (span.end.offset > span.start.offset && span.end.offset <=
	    in->src->len)
		hit = memmem(in->src->data + span.start.offset,
		    span.end.offset - span.start.offset, token, len);
	if (hit != NULL)
		span = source_span(in->src, (size_t)(hit - in->src->data),
		    (size_t)(hit - in->src->data) + len);
	va_start(ap, fmt);
	report_span(d, in, id, n, span, fmt, ap);
	va_end(ap);
}

/* "file:line" of a node, for declaredAt. */
char *
dv_where(const struct dinput *in, const struct oc_node *n)
{
	struct oc_span s = doc_span(in->doc, n);

	return xasprintf("%s:%u", in->src->path, (unsigned)s.start.line);
}

/* ---- reading the rendered objects ---- */

const struct oc_node *
dv_get(const struct dinput *in, const struct oc_node *obj, const char *key)
{
	if (obj == NULL || doc_kind(obj) != OC_OBJECT)
		return NULL;
	return doc_get(in->doc, obj, key);
}

const struct oc_node *
dv_get_kind(const struct dinput *in, const struct oc_node *obj, const char *key,
    enum oc_kind kind)
{
	const struct oc_node *n = dv_get(in, obj, key);

	return n != NULL && doc_kind(n) == kind ? n : NULL;
}

/* A scalar as a new string (numbers and booleans as written). */
char *
dv_scalar(const struct dinput *in, const struct oc_node *n)
{
	if (n == NULL || doc_kind(n) == OC_OBJECT || doc_kind(n) == OC_ARRAY ||
	    doc_kind(n) == OC_NULL)
		return NULL;
	return doc_strdup(in->doc, n);
}

char *
dv_str(const struct dinput *in, const struct oc_node *obj, const char *key)
{
	return dv_scalar(in, dv_get(in, obj, key));
}

char *
dv_name(const struct dinput *in, const struct oc_node *obj, const char *key)
{
	char *s = dv_str(in, obj, key);

	if (s != NULL && (s[0] == '\0' || strchr(s, '=') != NULL)) {
		free(s);
		return NULL;
	}
	return s;
}

int
dv_true(const struct dinput *in, const struct oc_node *obj, const char *key)
{
	const struct oc_node *n = dv_get(in, obj, key);

	return n != NULL && doc_kind(n) == OC_BOOL && doc_bool(n);
}

size_t
dv_count(const struct oc_node *list)
{
	return list != NULL && doc_kind(list) == OC_ARRAY ? doc_count(list) : 0;
}

int
dv_is(const struct dinput *in, const struct oc_node *n, const char *s)
{
	return n != NULL && doc_kind(n) == OC_STRING && doc_is(in->doc, n, s);
}

/* A Kubernetes quantity member as bytes (or millicores), -1 if absent or
 * not a quantity. */
int64_t
dv_qty(const struct dinput *in, const struct oc_node *obj, const char *key,
    int milli)
{
	const struct oc_node *n = dv_get(in, obj, key);
	const char *s;
	size_t len;
	int64_t q;

	if (n == NULL || (doc_kind(n) != OC_STRING && doc_kind(n) != OC_NUMBER))
		return -1;
	s = doc_text(in->doc, n, &len);
	/* a chart's quantity is whatever the API server accepts */
	return quantity_parse(s, len, milli, &q) >= 0 ? q : -1;
}
