/*
 * The report helpers of the contract check: a finding placed in the
 * config, at the severity the contract item asks for, and the contract
 * line that demanded it for the message.
 */
#include "check_int.h"

void
cc_where(const struct cc *cc, const struct oc_node *n, struct oc_buf *b)
{
	buf_printf(b, "%s:%zu", cc->c->src->path,
	    source_line(cc->c->src, n->start));
}

/* The severity a finding gets: the item's, else the contract's default
 * for rules that default to error, else the rule table's. */
static int
severity(const struct cc *cc, const char *id, int item)
{
	const struct oc_rule *r = rules_find(id);

	if (item >= 0)
		return item;
	if (r != NULL && r->severity == OC_SEV_ERROR &&
	    cc->c->default_severity >= 0)
		return cc->c->default_severity;
	return -1;
}

void
cc_report(const struct cc *cc, const char *id, int item_sev,
    const struct oc_node *n, int key, const char *fmt, ...)
{
	struct oc_buf ptr = { 0 };
	struct oc_span sp;
	va_list ap;

	if (n == NULL)
		n = cc->ctx->root;
	doc_pointer(cc->doc, n, &ptr);
	if (key && doc_key_text(cc->doc, n, &(size_t){ 0 }) != NULL)
		sp = doc_key_span(cc->doc, n);
	else if (key)
		sp = source_span(cc->doc->src, n->start, n->start + 1);
	else
		sp = doc_span(cc->doc, n);
	va_start(ap, fmt);
	findings_add_sevv(cc->ctx->out, id, severity(cc, id, item_sev), sp,
	    ptr.s, fmt, ap);
	va_end(ap);
	buf_free(&ptr);
}
