/*
 * The one reporter of the rules: a finding at a node of the config being
 * checked, anchored at its value, its member name or its opening bracket
 * (enum oc_anchor), for the rule being run or another one a pass raises.
 * Apart from the runner (check.c), which calls the rules: a rule calls
 * this file only, so no rule depends on what runs it.
 */
#include "ocicheck/check.h"

void
check_report(struct oc_check_ctx *ctx, enum oc_anchor at,
    const struct oc_node *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	findings_add_nodev(ctx->out, catalog_index(ctx->rule), -1, ctx->doc, n,
	    at, fmt, ap);
	va_end(ap);
}

void
check_report_as(struct oc_check_ctx *ctx, enum oc_rule_id id, int severity,
    enum oc_anchor at, const struct oc_node *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	findings_add_nodev(ctx->out, id, severity, ctx->doc, n, at, fmt, ap);
	va_end(ap);
}
