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
severity(const struct cc *cc, enum oc_rule_id id, int item)
{
	if (item >= 0)
		return item;
	if (oc_rules[id].severity == OC_SEV_ERROR &&
	    cc->c->default_severity >= 0)
		return cc->c->default_severity;
	return -1;
}

void
cc_report(const struct cc *cc, enum oc_rule_id id, int item_sev,
    const struct oc_node *n, int key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	findings_add_nodev(cc->ctx->out, id, severity(cc, id, item_sev),
	    cc->doc, n != NULL ? n : cc->ctx->root, key ? OC_AT_OPEN :
	    OC_AT_VALUE, fmt, ap);
	va_end(ap);
}
