/*
 * The static systemAccount rules: a reference (a BackupPolicyTemplate's
 * target.account, a credentialVarRef) must name an account that every
 * ComponentDefinition its patterns match declares. KubeBlocks creates the
 * account secret only for declared accounts, so a miss is a pod stuck in
 * CreateContainerConfigError (kubeblocks#9318), found here before rollout.
 */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/contract.h"
#include "ocicheck/redact.h"

static void
lint_report(const struct oc_contract *c, const struct oc_reference *ref,
    struct oc_findings *f, enum oc_rule_id id, int sev,
    const struct oc_node *n, const char *fmt, ...)
	OC_PRINTF(7, 8);

static void
lint_report(const struct oc_contract *c, const struct oc_reference *ref,
    struct oc_findings *f, enum oc_rule_id id, int sev,
    const struct oc_node *n, const char *fmt, ...)
{
	const struct oc_doc *doc = ref->doc != NULL ? ref->doc : c->doc;
	const struct oc_rule *r = &oc_rules[id];
	struct oc_buf ptr = { 0 };
	va_list ap;

	if (sev < 0 && r != NULL && r->severity == OC_SEV_ERROR)
		sev = c->default_severity;
	doc_pointer(doc, n, &ptr);
	va_start(ap, fmt);
	findings_add_sevv(f, id, sev, doc_span(doc, n), ptr.s, fmt, ap);
	va_end(ap);
	buf_free(&ptr);
}

/* KubeBlocks matches a compDef pattern as an exact name, a prefix, or a
 * regular expression (pkg/controller/component CompDefMatched); it is a
 * regular expression only when regexp.QuoteMeta would change it, so a
 * plain name such as "mysql" never matches "apecloud-mysql-8.0". */
int
compdef_matches(const struct oc_pattern *p, const char *name)
{
	size_t n = strlen(p->text);

	if (strncmp(p->text, name, n) == 0)
		return 1;
	return strpbrk(p->text, "\\.+*?()|[]{}^$") != NULL &&
	    pattern_search(p, name, strlen(name));
}

static int
declares(const struct oc_account *a, const char *compdef)
{
	size_t i;

	if (a->ncompdefs == 0)
		return 1;	/* declared without a list: every compDef */
	for (i = 0; i < a->ncompdefs; i++)
		if (strcmp(a->compdefs[i], compdef) == 0)
			return 1;
	return 0;
}

static size_t
compdef_add(const char **v, size_t n, const char *d)
{
	size_t j;

	for (j = 0; j < n && strcmp(v[j], d) != 0; j++)
		;
	if (j == n)
		v[n++] = d;
	return n;
}

/* Every compDef the contract knows, each once, in first-seen order. */
static size_t
compdefs(const struct oc_contract *c, const char ***out)
{
	const char **v;
	size_t i, k, n = 0, cap = c->ncompdefs;

	for (i = 0; i < c->naccounts; i++)
		cap += c->accounts[i].ncompdefs;
	v = xcalloc(cap + 1, sizeof(*v));
	for (i = 0; i < c->ncompdefs; i++)
		n = compdef_add(v, n, c->compdefs[i]);
	for (i = 0; i < c->naccounts; i++)
		for (k = 0; k < c->accounts[i].ncompdefs; k++)
			n = compdef_add(v, n, c->accounts[i].compdefs[k]);
	*out = v;
	return n;
}

/* The variables that carry the password, for ACC002: the injects the
 * name marks secret (DP_DB_PASSWORD, not DP_DB_USER), else all. */
static void
password_vars(const struct oc_reference *r, struct oc_buf *b)
{
	size_t i, n = 0;
	int any = 0;

	for (i = 0; i < r->ninjects; i++)
		any |= redact_name(r->injects[i], strlen(r->injects[i]));
	for (i = 0; i < r->ninjects; i++)
		if (!any || redact_name(r->injects[i], strlen(r->injects[i])))
			buf_printf(b, "%s%s", n++ ? ", " : "", r->injects[i]);
	if (n == 0)
		buf_adds(b, "the password the consumer reads");
	buf_adds(b, " will be empty");
}

static void
lint_reference(const struct oc_contract *c, const struct oc_reference *r,
    const char **defs, size_t ndefs, struct oc_findings *f)
{
	const struct oc_node *at = r->account_node ? r->account_node : r->node;
	struct oc_buf from = { 0 }, pats = { 0 }, none = { 0 };
	size_t i, k, matched = 0, nnone = 0;
	int declared_somewhere = 0;

	/* An optional reference may legitimately go unused: warn only. */
	int sev = r->severity >= 0 ? r->severity : r->optional ?
	    OC_SEV_WARNING : -1;

	if (r->from != NULL)
		buf_printf(&from, " (%s)", r->from);
	else
		buf_add(&from, "", 0);
	for (k = 0; k < r->npatterns; k++)
		buf_printf(&pats, "%s'%s'", k ? ", " : "", r->patterns[k].text);
	for (i = 0; i < ndefs; i++) {
		const struct oc_account *acct = NULL;

		for (k = 0; k < r->npatterns; k++)
			if (compdef_matches(&r->patterns[k], defs[i]))
				break;
		if (r->npatterns > 0 && k == r->npatterns)
			continue;
		matched++;
		for (k = 0; k < c->naccounts && acct == NULL; k++)
			if (strcmp(c->accounts[k].name, r->account) == 0 &&
			    declares(&c->accounts[k], defs[i]))
				acct = &c->accounts[k];
		if (acct == NULL) {
			lint_report(c, r, f, OC_R_ACC001, sev, at,
			    "account '%s'%s is not declared by compDef '%s', "
			    "which the reference's patterns match: no secret for "
			    "it is generated and the pod fails with "
			    "CreateContainerConfigError (kubeblocks#9318)",
			    r->account, from.s, defs[i]);
			continue;
		}
		declared_somewhere = 1;
		if (acct->disabled)
			lint_report(c, r, f, OC_R_ACC004, sev, at,
			    "account '%s'%s is disabled for compDef '%s': no "
			    "secret is generated for it", r->account, from.s,
			    defs[i]);
		else if (acct->password == OC_PW_NONE && r->needs_password)
			buf_printf(&none, "%s'%s'", nnone++ ? ", " : "",
			    defs[i]);
	}
	/* One finding per reference, naming the definitions: the same
	 * words at the same place once per definition say nothing more. */
	if (nnone > 0) {
		struct oc_buf vars = { 0 };

		password_vars(r, &vars);
		lint_report(c, r, f, OC_R_ACC002, sev, at, "account '%s'%s has no "
		    "password (password: none) in compDef%s %s but the reference "
		    "needs one: %s", r->account, from.s, nnone > 1 ? "s" : "",
		    none.s, vars.s);
		buf_free(&vars);
	}
	buf_free(&none);
	if (r->npatterns > 0 && matched == 0)
		lint_report(c, r, f, OC_R_ACC003, r->severity, r->node,
		    "compDefPatterns %s of the reference to account '%s'%s match "
		    "no compDef this contract declares, so the reference cannot "
		    "be checked", pats.s, r->account, from.s);
	else if (ndefs == 0 && !declared_somewhere) {
		for (k = 0; k < c->naccounts; k++)
			if (strcmp(c->accounts[k].name, r->account) == 0)
				break;
		if (k == c->naccounts)
			lint_report(c, r, f, OC_R_ACC001, sev, at,
			    "account '%s'%s is referenced but no declared "
			    "account has that name: no secret for it is "
			    "generated and the pod fails with "
			    "CreateContainerConfigError", r->account, from.s);
	}
	buf_free(&from);
	buf_free(&pats);
}

void
contract_lint_doc(const struct oc_contract *c, const struct oc_doc *doc,
    struct oc_findings *f)
{
	const char **defs;
	size_t i, n = compdefs(c, &defs);

	for (i = 0; i < c->nrefs; i++)
		if (c->refs[i].account != NULL && c->refs[i].doc == doc)
			lint_reference(c, &c->refs[i], defs, n, f);
	free(defs);
}

void
contract_lint(const struct oc_contract *c, struct oc_findings *f)
{
	contract_lint_doc(c, NULL, f);
}
