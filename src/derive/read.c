/* Reading rendered chart YAML for contract derive: tolerant readers (a
 * chart may put anything anywhere) and findings positioned in it. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ocicheck/source.h"
#include "derive_int.h"

/* Has derive reported this finding before? Two paths through the model
 * can reach one fact (a definition matched by two policies, a script
 * shared by two methods): the user sees it once. */
static int
seen_before(struct derive *d, const char *key)
{
	size_t i, mask, len = strlen(key);
	char **old;

	if (d->nseen * 2 >= d->seen_cap) {
		old = d->seen;
		mask = d->seen_cap;
		d->seen_cap = d->seen_cap ? d->seen_cap * 2 : 64;
		d->seen = xcalloc(d->seen_cap, sizeof(*d->seen));
		for (i = 0; i < mask; i++) {
			size_t h;

			if (old[i] == NULL)
				continue;
			h = text_hash(old[i], strlen(old[i]));
			while (d->seen[h & (d->seen_cap - 1)] != NULL)
				h++;
			d->seen[h & (d->seen_cap - 1)] = old[i];
		}
		free(old);
	}
	mask = d->seen_cap - 1;
	for (i = text_hash(key, len);; i++) {
		if (d->seen[i & mask] == NULL) {
			d->seen[i & mask] = xstrdup(key);
			d->nseen++;
			return 0;
		}
		if (strcmp(d->seen[i & mask], key) == 0)
			return 1;
	}
}

static void OC_PRINTF(6, 7)
add_sev(struct oc_findings *f, enum oc_rule_id id, int sev,
    struct oc_span span, const char *ptr, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	findings_add_sevv(f, id, sev, span, ptr, fmt, ap);
	va_end(ap);
}

static void
report_span(struct derive *d, const struct dinput *in, enum oc_rule_id id,
    int sev, const struct oc_node *n, struct oc_span span, const char *fmt,
    va_list ap)
{
	struct oc_findings *f = &d->run->findings;
	struct oc_buf ptr = { 0 };
	char *msg = xvasprintf(fmt, ap), *key;

	key = xasprintf("%u %zu %zu %s %s", (unsigned)in->file,
	    (size_t)span.start.offset, (size_t)span.end.offset, oc_rules[id].id,
	    msg);
	/* The set stays bounded: past the run's findings limit they are only
	 * counted anyway. */
	if (d->nseen >= OC_MAX_FINDINGS || !seen_before(d, key)) {
		findings_switch_file(f, in->file, in->src);
		doc_pointer(in->doc, n, &ptr);
		add_sev(f, id, sev, span, ptr.s, "%s", msg);
		buf_free(&ptr);
		findings_switch_file(f, in->file, NULL);
	}
	free(key);
	free(msg);
}

/* n's span, or its key's when key is set and n is a member. */
static struct oc_span
node_span(const struct dinput *in, const struct oc_node *n, int key)
{
	return key && doc_parent(in->doc, n) != NULL &&
	    doc_kind(doc_parent(in->doc, n)) == OC_OBJECT ?
	    doc_key_span(in->doc, n) : doc_span(in->doc, n);
}

void
dv_report(struct derive *d, const struct dinput *in, enum oc_rule_id id,
    const struct oc_node *n, int key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_span(d, in, id, -1, n, node_span(in, n, key), fmt, ap);
	va_end(ap);
}

void
dv_report_sev(struct derive *d, const struct dinput *in, enum oc_rule_id id,
    int sev, const struct oc_node *n, int key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_span(d, in, id, sev, n, node_span(in, n, key), fmt, ap);
	va_end(ap);
}

/* The span of the first place token appears in the raw text of scalar
 * n: in a block script that is the line that uses it. n's own when it
 * cannot be found (escapes in a quoted scalar). */
static struct oc_span
token_span(const struct dinput *in, const struct oc_node *n, const char *token)
{
	struct oc_span span = doc_span(in->doc, n);
	const char *hit = NULL;
	size_t len = strlen(token);

	if (span.end.offset > span.start.offset && span.end.offset <=
	    in->src->len)
		hit = memmem(in->src->data + span.start.offset,
		    span.end.offset - span.start.offset, token, len);
	if (hit != NULL)
		span = source_span(in->src, (size_t)(hit - in->src->data),
		    (size_t)(hit - in->src->data) + len);
	return span;
}

void
dv_report_token(struct derive *d, const struct dinput *in, enum oc_rule_id id,
    const struct oc_node *n, const char *token, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_span(d, in, id, -1, n, token_span(in, n, token), fmt, ap);
	va_end(ap);
}

void
dv_report_token_sev(struct derive *d, const struct dinput *in, enum oc_rule_id id,
    int sev, const struct oc_node *n, const char *token, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_span(d, in, id, sev, n, token_span(in, n, token), fmt, ap);
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

/* The member whose key starts at byte offset off: for positions the
 * loader gives as offsets. Document order makes most searches short; an
 * aliased copy never has its own key position, so the first hit is the
 * written one. */
const struct oc_node *
dv_member_at(const struct dinput *in, size_t off)
{
	size_t i;

	for (i = 0; i < in->doc->nnodes; i++) {
		const struct oc_node *n = &in->doc->nodes[i];

		if (n->key != OC_NONE && n->key_start == off)
			return n;
	}
	return NULL;
}
