/*
 * The rule table. Rows use designated initializers and are grouped by
 * family, one include file per id block, ascending within each (a test
 * enforces it); the array has no sentinel.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ocicheck/rules.h"
#include "ocicheck/spec.h"
#include "ocicheck/spec_config.h"
#include "ocicheck/spec_linux.h"
#include "ocicheck/spec_security.h"

/* Spec versions a rule applies to, as shown in its documentation. */
#define V_ALL "1.0.0-1.3.0"

const struct oc_rule oc_rules[] = {
#include "rules/input.inc"
#include "rules/config.inc"
#include "rules/linux.inc"
#include "rules/windows.inc"
#include "rules/platforms.inc"
#include "rules/runtime.inc"
#include "rules/practice.inc"
#include "rules/contract.inc"
};

const size_t oc_nrules = ARRAY_SIZE(oc_rules);

const char *const oc_runtime_names[] = {
	[OC_RT_RUNC] = "runc",
	[OC_RT_CRUN] = "crun",
	[OC_RT_YOUKI] = "youki",
};

const struct oc_refusal oc_refusals[] = {
#include "rules/refusals.inc"
};

const size_t oc_nrefusals = ARRAY_SIZE(oc_refusals);

/* The first row of rule id: the rows are sorted by rule (gen-refusals),
 * the row that names none last; every run asks once per runtime rule. */
static size_t
refusals_first(const char *id)
{
	size_t lo = 0, hi = oc_nrefusals;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = oc_refusals[mid].rule;

		if (m != NULL && strcmp(m, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The targets that refuse r (*part: some refuse only part of it); -1
 * when the table has no row for r; 1 when the spec says MUST. */
static int
refused(const struct oc_rule *r, unsigned targets, unsigned *all,
    unsigned *part)
{
	size_t i;
	int rows = 0, must = 0;

	*all = *part = 0;
	for (i = refusals_first(r->id); i < oc_nrefusals &&
	    oc_refusals[i].rule != NULL &&
	    strcmp(oc_refusals[i].rule, r->id) == 0; i++) {
		const struct oc_refusal *f = &oc_refusals[i];

		rows = 1;
		if (f->runtime == OC_RT_SPEC && f->refuses)
			must = 1;
		if (f->runtime < 0 || !(targets & (1u << f->runtime)))
			continue;
		if (f->refuses == 1)
			*all |= 1u << f->runtime;
		else if (f->refuses == 2)
			*part |= 1u << f->runtime;
	}
	return rows ? must : -1;
}

int
rules_runtime_severity(const struct oc_rule *r, unsigned targets)
{
	unsigned all, part;
	int must = refused(r, targets, &all, &part);

	if (must < 0)
		return (int)r->severity;
	if (must || (targets != 0 && all == targets))
		return OC_SEV_ERROR;
	return all | part ? OC_SEV_WARNING : -1;
}

void
rules_refusers(const struct oc_rule *r, unsigned targets, struct oc_buf *b)
{
	unsigned all, part;
	int k, n = 0, total;

	buf_add(b, "", 0);
	refused(r, targets, &all, &part);
	all |= part;
	for (k = 0, total = 0; k < OC_NRUNTIMES; k++)
		total += (all >> k) & 1;
	for (k = 0; k < OC_NRUNTIMES; k++)
		if (all & (1u << k))
			buf_printf(b, "%s%s", n++ == 0 ? "" : n == total ?
			    " and " : ", ", oc_runtime_names[k]);
}

/* Positions of oc_rules sorted by id, built on first lookup. */
static size_t *by_id;

static int
cmp_rows(const void *a, const void *b)
{
	return strcmp(oc_rules[*(const size_t *)a].id,
	    oc_rules[*(const size_t *)b].id);
}

static int
cmp_key(const void *key, const void *elem)
{
	return strcasecmp(key, oc_rules[*(const size_t *)elem].id);
}

const struct oc_rule *
rules_find(const char *name)
{
	const size_t *i;
	size_t k;

	if (by_id == NULL) {
		by_id = xmalloc(oc_nrules * sizeof(*by_id));
		for (k = 0; k < oc_nrules; k++)
			by_id[k] = k;
		qsort(by_id, oc_nrules, sizeof(*by_id), cmp_rows);
	}
	i = bsearch(name, by_id, oc_nrules, sizeof(*by_id), cmp_key);
	if (i != NULL)
		return &oc_rules[*i];
	for (k = 0; k < oc_nrules; k++)
		if (strcmp(oc_rules[k].slug, name) == 0)
			return &oc_rules[k];
	return NULL;
}

size_t
rules_index(const struct oc_rule *rule)
{
	return (size_t)(rule - oc_rules);
}

static const char *const severity_names[] = {
	[OC_SEV_INFO] = "info",
	[OC_SEV_WARNING] = "warning",
	[OC_SEV_ERROR] = "error",
	[OC_SEV_NONE] = "none",
};

const char *
severity_name(enum oc_severity sev)
{
	return severity_names[sev];
}

int
severity_parse(const char *s)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(severity_names); i++)
		if (strcmp(s, severity_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
level_name(enum oc_level level)
{
	switch (level) {
	case OC_LEVEL_MUST: return "MUST";
	case OC_LEVEL_SHOULD: return "SHOULD";
	case OC_LEVEL_INPUT: return "INPUT";
	case OC_LEVEL_RUNTIME: return "RUNTIME";
	case OC_LEVEL_PRACTICE: return "PRACTICE";
	case OC_LEVEL_CONTRACT: return "CONTRACT";
	}
	return "?";
}
