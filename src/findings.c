#include <stdlib.h>
#include <string.h>

#include "ocicheck/findings.h"

void
findings_add_sevv(struct oc_findings *f, enum oc_rule_id id, int severity,
    struct oc_span span, const char *pointer, const char *fmt, va_list ap)
{
	const struct oc_rule *r = &oc_rules[id];
	struct oc_finding *x;
	enum oc_severity sev;

	sev = severity >= 0 && severity <= OC_SEV_ERROR ?
	    (enum oc_severity)severity : r->severity;
	if (f->settings != NULL) {
		const struct oc_rule_setting *s = &f->settings[id];

		if (!s->enabled)
			return;
		/* A severity set for the rule by the user beats the item's. */
		if (s->severity != r->severity)
			sev = (enum oc_severity)s->severity;
	}
	if (f->kept >= OC_MAX_FINDINGS) {
		if (f->dropped++ == 0) {
			f->dropped_file = f->file;
			f->dropped_at = span;
		}
		return;
	}
	f->kept++;
	f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof(*f->v));
	x = &f->v[f->n++];
	x->rule = r;
	x->severity = sev;
	x->file = f->file;
	x->span = span;
	x->pointer = xstrdup(pointer ? pointer : "");
	x->message = xvasprintf(fmt, ap);
	x->suppressed = OC_SUPPRESS_NONE;
	x->justification = NULL;
}

void
findings_add(struct oc_findings *f, enum oc_rule_id id, struct oc_span span,
    const char *pointer, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	findings_add_sevv(f, id, -1, span, pointer, fmt, ap);
	va_end(ap);
}

static struct oc_span
anchor_span(const struct oc_doc *doc, const struct oc_node *n,
    enum oc_anchor at)
{
	switch (at) {
	case OC_AT_VALUE:
		break;
	case OC_AT_KEY:
		return doc_key_span(doc, n);
	case OC_AT_OPEN:
		if (doc_key_text(doc, n, &(size_t){ 0 }) != NULL)
			return doc_key_span(doc, n);
		return source_span(doc->src, n->start, n->start + 1);
	}
	return doc_span(doc, n);
}

void
findings_add_nodev(struct oc_findings *f, enum oc_rule_id id, int severity,
    const struct oc_doc *doc, const struct oc_node *n, enum oc_anchor at,
    const char *fmt, va_list ap)
{
	struct oc_buf ptr = { 0 };

	/* Past the limit a finding is only counted: its pointer and position
	 * would cost most of the time on a hostile input. */
	if (f->dropped > 0) {
		findings_add_sevv(f, id, severity, f->dropped_at, "", fmt, ap);
		return;
	}
	doc_pointer(doc, n, &ptr);
	findings_add_sevv(f, id, severity, anchor_span(doc, n, at), ptr.s,
	    fmt, ap);
	buf_free(&ptr);
}

void
findings_add_node(struct oc_findings *f, enum oc_rule_id id, int severity,
    const struct oc_doc *doc, const struct oc_node *n, enum oc_anchor at,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	findings_add_nodev(f, id, severity, doc, n, at, fmt, ap);
	va_end(ap);
}

void
findings_begin_file(struct oc_findings *f, uint32_t file,
    const struct oc_source *src)
{
	f->file = file;
	f->src = src;
	f->kept = f->dropped = 0;
}

void
findings_switch_file(struct oc_findings *f, uint32_t file,
    const struct oc_source *src)
{
	f->file = file;
	f->src = src;
}

void
findings_end_file(struct oc_findings *f)
{
	size_t dropped = f->dropped;

	/* the OCI0010 itself is kept whatever the count */
	f->kept = f->dropped = 0;
	if (dropped > 0) {
		f->file = f->dropped_file;
		findings_add(f, OC_R_OCI0010, f->dropped_at, "", "%zu more "
		    "finding%s in this input %s not reported: ocicheck keeps "
		    "at most %d per input", dropped, dropped == 1 ? "" : "s",
		    dropped == 1 ? "is" : "are", OC_MAX_FINDINGS);
	}
	f->kept = 0;
	f->src = NULL;
}

static int
cmp(const void *pa, const void *pb)
{
	const struct oc_finding *a = pa, *b = pb;
	int c;

	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	if (a->span.start.line != b->span.start.line)
		return a->span.start.line < b->span.start.line ? -1 : 1;
	if (a->span.start.col != b->span.start.col)
		return a->span.start.col < b->span.start.col ? -1 : 1;
	if ((c = strcmp(a->rule->id, b->rule->id)) != 0)
		return c;
	return strcmp(a->message, b->message);
}

void
findings_sort(struct oc_findings *f)
{
	if (f->n > 1)
		qsort(f->v, f->n, sizeof(*f->v), cmp);
}

void
findings_truncate(struct oc_findings *f, size_t n)
{
	while (f->n > n) {
		f->n--;
		if (f->kept > 0)
			f->kept--;
		free(f->v[f->n].pointer);
		free(f->v[f->n].message);
		free(f->v[f->n].justification);
	}
}

void
findings_clear(struct oc_findings *f)
{
	if (f == NULL)
		return;
	findings_truncate(f, 0);
	free(f->v);
	f->v = NULL;
	f->cap = 0;
	f->kept = f->dropped = 0;
}
