/*
 * The catalog: the rows of src/catalog.def as an array by enum
 * oc_rule_id, the catalog order the listings show, lookups by the names
 * users write, and what the runtimes refuse (src/refusals.inc).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ocicheck/catalog.h"
#include "ocicheck/util.h"

/* Spec versions a rule applies to, as shown in its documentation. */
#define V_ALL "1.0.0-1.3.0"

const struct oc_rule oc_rules[OC_NRULES] = {
#define RULE(ID, FN, ...) [OC_R_##ID] = { .id = #ID, .checked = 1, \
	__VA_ARGS__ },
#define RAISED(ID, ...) [OC_R_##ID] = { .id = #ID, __VA_ARGS__ },
#include "catalog.def"
#undef RULE
#undef RAISED
};

/* Catalog order: the OCI family first, then the others, each by id. */
static int
cmp_catalog(const void *pa, const void *pb)
{
	const struct oc_rule *a = *(const struct oc_rule *const *)pa;
	const struct oc_rule *b = *(const struct oc_rule *const *)pb;
	int oa = strncmp(a->id, "OCI", 3) == 0;
	int ob = strncmp(b->id, "OCI", 3) == 0;

	if (oa != ob)
		return oa ? -1 : 1;
	return strcmp(a->id, b->id);
}

const struct oc_rule *
catalog_nth(size_t i)
{
	/* Built on first use: the list is in the order of its includes,
	 * which follow the code, not the ids. */
	static const struct oc_rule *order[OC_NRULES];
	size_t k;

	if (order[0] == NULL) {
		for (k = 0; k < OC_NRULES; k++)
			order[k] = &oc_rules[k];
		qsort(order, OC_NRULES, sizeof(*order), cmp_catalog);
	}
	return order[i];
}

const char *const oc_runtime_names[] = {
	[OC_RT_RUNC] = "runc",
	[OC_RT_CRUN] = "crun",
	[OC_RT_YOUKI] = "youki",
};

const struct oc_refusal oc_refusals[] = {
#include "refusals.inc"
};

const size_t oc_nrefusals = ARRAY_SIZE(oc_refusals);

/* The targets that refuse r (*part: some refuse only part of it); -1
 * when the table has no row for r; 1 when the spec says MUST. */
static int
refused(const struct oc_rule *r, unsigned targets, unsigned *all,
    unsigned *part)
{
	size_t i;
	int rows = 0, must = 0;

	*all = *part = 0;
	/* Some 200 rows, read once per runtime rule of a run. */
	for (i = 0; i < oc_nrefusals; i++) {
		const struct oc_refusal *f = &oc_refusals[i];

		if (f->rule != catalog_index(r))
			continue;
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
catalog_runtime_severity(const struct oc_rule *r, unsigned targets)
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
catalog_refusers(const struct oc_rule *r, unsigned targets, struct oc_buf *b)
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
static size_t by_id[OC_NRULES];
static int by_id_built;

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
catalog_find(const char *name)
{
	const size_t *i;
	size_t k;

	if (!by_id_built) {
		by_id_built = 1;
		for (k = 0; k < OC_NRULES; k++)
			by_id[k] = k;
		qsort(by_id, OC_NRULES, sizeof(*by_id), cmp_rows);
	}
	i = bsearch(name, by_id, OC_NRULES, sizeof(*by_id), cmp_key);
	if (i != NULL)
		return &oc_rules[*i];
	for (k = 0; k < OC_NRULES; k++)
		if (strcmp(oc_rules[k].slug, name) == 0)
			return &oc_rules[k];
	return NULL;
}

enum oc_rule_id
catalog_index(const struct oc_rule *rule)
{
	return (enum oc_rule_id)(rule - oc_rules);
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

const char *
catalog_nearest(const char *word)
{
	size_t i, k, d, len = strlen(word), best = SIZE_MAX;
	const char *hit = NULL;

	for (i = 0; i < OC_NRULES; i++) {
		const struct oc_rule *r = catalog_nth(i);
		const char *cand[2] = { r->id, r->slug };

		for (k = 0; k < 2; k++) {
			d = text_distance(word, len, cand[k], strlen(cand[k]));
			if (d < best) {
				best = d;
				hit = cand[k];
			}
		}
	}
	return best <= text_distance_limit(len) ? hit : NULL;
}

int
catalog_unknown(const char *name, struct oc_error **err)
{
	/* a pattern such as OCI9* is near no single rule */
	const char *near = strchr(name, '*') ? NULL : catalog_nearest(name);

	if (near != NULL)
		return oc_error_set(err, 0, "unknown rule '%s'; did you mean "
		    "'%s'? (see ocicheck --list-rules)", name, near);
	return oc_error_set(err, 0, "unknown rule '%s' (see ocicheck "
	    "--list-rules)", name);
}
