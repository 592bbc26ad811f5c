/* --print-config: the effective settings, each with where it came from;
 * rule choices as they were written (OCI5* stays one line). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocicheck/config.h"
#include "ocicheck/profile.h"

static const char *
origin(enum oc_origin o, const struct oc_config *cfg)
{
	return o == OC_FROM_CLI ? "command line" : o == OC_FROM_CONFIG ?
	    cfg->path : "default";
}

static void
print_choices(FILE *out, const struct oc_config *cfg, const char *key,
    const struct oc_rule_choice *c, size_t n, char **cli, size_t ncli)
{
	size_t i;

	if (n == 0 && ncli == 0)
		return;
	fprintf(out, "  %s:\n", key);
	for (i = 0; i < n; i++) {
		fprintf(out, "    - %s", c[i].selector);
		if (c[i].severity >= 0 && strcmp(key, "severity") == 0)
			fprintf(out, "=%s", severity_name(c[i].severity));
		fprintf(out, "  # %s:%zu\n", cfg->path,
		    source_line(cfg->src, c[i].node->start));
	}
	for (i = 0; i < ncli; i++)
		fprintf(out, "    - %s  # --%s\n", cli[i], key);
}

/* Does a choice of the file or the command line pick rule r? Those not
 * picked by any differ from the table by the runtimes: setting. */
static int
chosen(const struct oc_config *cfg, const struct oc_options *opts,
    const struct oc_rule *r)
{
	const struct oc_rule_choice *lists[3] = { NULL, NULL, NULL };
	size_t ns[3] = { 0, 0, 0 }, i, k;
	char **cli[3] = { opts->enable, opts->disable, opts->severity };
	size_t ncli[3] = { opts->nenable, opts->ndisable, opts->nseverity };

	if (cfg != NULL) {
		lists[0] = cfg->enable, ns[0] = cfg->nenable;
		lists[1] = cfg->disable, ns[1] = cfg->ndisable;
		lists[2] = cfg->severity, ns[2] = cfg->nseverity;
	}
	for (k = 0; k < 3; k++)
		for (i = 0; i < ns[k]; i++)
			if (selector_matches(lists[k][i].selector, r))
				return 1;
	/* a command-line list is comma-separated, "RULE=LEVEL" for
	 * --severity */
	for (k = 0; k < 3; k++)
		for (i = 0; i < ncli[k]; i++) {
			char *copy = xstrdup(cli[k][i]), *tok, *save = NULL;
			int hit = 0;

			for (tok = strtok_r(copy, ",", &save); tok && !hit;
			    tok = strtok_r(NULL, ",", &save)) {
				tok[strcspn(tok, "=")] = '\0';
				hit = selector_matches(tok + strspn(tok, " "),
				    r);
			}
			free(copy);
			if (hit)
				return 1;
		}
	return 0;
}

void
config_print(FILE *out, const struct oc_config *cfg,
    const struct oc_options *opts, const struct oc_settings *set,
    const struct oc_rule_setting *rules)
{
	static const struct oc_rule_choice none[1];
	size_t i, n;

	fprintf(out, "# config file: %s%s%s%s\n", cfg ? cfg->path : "none",
	    cfg && cfg->how ? " (" : "", cfg && cfg->how ? cfg->how : "",
	    cfg && cfg->how ? ")" : "");
	fprintf(out, "fail-on: %s  # %s\n", severity_name(set->fail_on),
	    origin(set->fail_on_from, cfg));
	fprintf(out, "min-severity: %s  # %s\n",
	    severity_name(set->min_severity),
	    origin(set->min_severity_from, cfg));
	fprintf(out, "platform: %s  # %s\n", set->platform >= 0 ?
	    oc_platform_names[set->platform] : "from each config",
	    origin(set->platform_from, cfg));
	fprintf(out, "spec-version: %s  # %s\n", set->spec_version >= 0 ?
	    oc_spec_version_names[set->spec_version] : "from each ociVersion",
	    origin(set->spec_version_from, cfg));
	fputs("runtimes: [", out);
	for (i = 0, n = 0; i < OC_NRUNTIMES; i++)
		if (set->runtimes & (1u << i))
			fprintf(out, "%s%s", n++ ? ", " : "", oc_runtime_names[i]);
	fprintf(out, "]  # %s\n", origin(set->runtimes_from, cfg));
	/* only when chosen, so the output without profiles is as before */
	for (i = 0, n = 0; i < OC_NPROFILES; i++)
		if (set->profiles & (1u << i))
			fprintf(out, "%s%s", n++ ? ", " : "profile: [",
			    oc_profiles[i].name);
	if (n > 0)
		fprintf(out, "]  # %s\n", origin(set->profiles_from, cfg));
	fprintf(out, "inline-suppressions: %s  # %s\n",
	    set->inline_ok ? "true" : "false", origin(set->inline_ok_from, cfg));
	fputs("contracts:\n", out);
	for (i = 0; i < set->ncontracts; i++)
		if (set->contract_globs[i] != NULL)
			fprintf(out, "  - {path: %s, file: %s}\n",
			    set->contract_globs[i], set->contracts[i]);
		else
			fprintf(out, "  - %s\n", set->contracts[i]);
	fputs("rules:  # as written, in the order applied (disable wins)\n",
	    out);
	print_choices(out, cfg, "enable", cfg ? cfg->enable : none,
	    cfg ? cfg->nenable : 0, opts->enable, opts->nenable);
	print_choices(out, cfg, "disable", cfg ? cfg->disable : none,
	    cfg ? cfg->ndisable : 0, opts->disable, opts->ndisable);
	print_choices(out, cfg, "severity", cfg ? cfg->severity : none,
	    cfg ? cfg->nseverity : 0, opts->severity, opts->nseverity);
	for (i = 0; i < OC_NRULES; i++) {
		const struct oc_rule *r = catalog_nth(i);
		const struct oc_rule_setting *s = &rules[catalog_index(r)];
		unsigned held = profile_set(r) & set->profiles;
		size_t p;

		if ((s->enabled != r->opt_in && s->severity == r->severity) ||
		    chosen(cfg, opts, r))
			continue;
		fprintf(out, "  %s: {enabled: %s, severity: %s}  # ", r->id,
		    s->enabled ? "true" : "false",
		    severity_name(s->severity));
		/* a rule a chosen profile holds was set by the profile */
		if (held == 0) {
			fprintf(out, "runtimes: (%s)\n",
			    origin(set->runtimes_from, cfg));
			continue;
		}
		fputs("profile", out);
		for (p = 0; p < OC_NPROFILES; p++)
			if (held & (1u << p))
				fprintf(out, " %s", oc_profiles[p].name);
		fprintf(out, " (%s)\n", origin(set->profiles_from, cfg));
	}
	fprintf(out, "ignore: %zu entries\n", cfg ? cfg->nignores : 0);
}
