#include <string.h>
#include <strings.h>

#include "ocicheck/rules.h"
#include "ocicheck/suggest.h"

const char *
suggest_nearest(const char *word, const char *const *names, size_t n)
{
	size_t i, d, len = strlen(word), best = SIZE_MAX, nprefix = 0;
	const char *hit = NULL, *prefix = NULL;

	for (i = 0; i < n; i++) {
		if (len >= 2 && strncasecmp(word, names[i], len) == 0) {
			prefix = names[i];
			nprefix++;
		}
		d = text_distance(word, len, names[i], strlen(names[i]));
		if (d < best) {
			best = d;
			hit = names[i];
		}
	}
	if (best <= text_distance_limit(len))
		return hit;
	return nprefix == 1 ? prefix : NULL;
}

const char *
suggest_rule(const char *word)
{
	size_t i, d, len = strlen(word), best = SIZE_MAX;
	const char *hit = NULL;

	for (i = 0; i < oc_nrules; i++) {
		const char *cand[2] = { oc_rules[i].id, oc_rules[i].slug };
		size_t k;

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
suggest_rule_error(const char *name, struct oc_error **err)
{
	/* a pattern such as OCI9* is near no single rule */
	const char *near = strchr(name, '*') ? NULL : suggest_rule(name);

	if (near != NULL)
		return oc_error_set(err, 0, "unknown rule '%s'; did you mean "
		    "'%s'? (see ocicheck --list-rules)", name, near);
	return oc_error_set(err, 0, "unknown rule '%s' (see ocicheck "
	    "--list-rules)", name);
}

void
suggest_list(struct oc_buf *b, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
		    names[i]);
}
