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
