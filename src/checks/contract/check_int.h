/* Internals of the contract check (src/checks/contract/): the state of
 * one config against one target and the report helpers (report.c),
 * which env.c and limits.c call and check.c drives; nothing here calls
 * check.c back. */
#ifndef OCICHECK_CHECK_INT_H
#define OCICHECK_CHECK_INT_H

#include "ocicheck/contract.h"
#include "ocicheck/contract_check.h"

struct cc {
	const struct oc_contract *c;
	const struct oc_target *t;
	struct oc_check_ctx *ctx;
	const struct oc_doc *doc;
};

/* report.c: "contract.yaml:LINE" for the item n of the contract,
 * appended to b. */
void cc_where(const struct cc *cc, const struct oc_node *n, struct oc_buf *b);
/* A finding of rule id at n (the config's root when n is NULL): with key
 * set, at its member name or else its opening bracket (OC_AT_OPEN); at
 * the item's severity or the contract's default. */
void cc_report(const struct cc *cc, enum oc_rule_id id, int item_sev,
    const struct oc_node *n, int key, const char *fmt, ...) OC_PRINTF(6, 7);

/* env.c: required, injected, forbidden and unresolved env. */
void cc_check_env(const struct cc *cc);
/* limits.c: the config's mounts, then the mount and cgroup rules over
 * them. */
void cc_check_limits(const struct cc *cc);

#endif
