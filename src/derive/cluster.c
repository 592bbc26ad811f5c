/*
 * contract derive, Cluster objects rendered beside the chart (the
 * addons-cluster charts): the component that uses a definition gives its
 * pods their names, resources and claim-template volumes.
 */
#include <stdlib.h>
#include <string.h>

#include "derive_int.h"

/* Does component spec cs of a Cluster use definition def? KubeBlocks
 * takes its componentDef as a name, prefix or pattern; one that does not
 * compile (cluster_disables() reported it) uses none. */
static int
component_uses(const struct dinput *in, const struct oc_node *cs,
    const char *def)
{
	char *cd = dv_str(in, cs, "componentDef");
	struct oc_error *err = NULL;
	struct oc_pattern p;
	int uses = 0;

	if (cd != NULL && pattern_compile(&p, cd, &err) == 0) {
		uses = compdef_matches(&p, def);
		pattern_free(&p);
	}
	oc_error_free(err);
	free(cd);
	return uses;
}

/* A Cluster's resources go to containers[0] of the definitions its
 * components use, and override the chart's there. */
void
dv_cluster_resources(struct derive *d)
{
	size_t i, c, t;

	for (i = 0; i < d->nobj; i++) {
		const struct dinput *in = d->obj[i].in;
		const struct oc_node *l;

		if (strcmp(d->obj[i].kind, "Cluster") != 0)
			continue;
		l = dv_get(in, dv_get(in, d->obj[i].root, "spec"),
		    "componentSpecs");
		for (c = 0; c < dv_count(l); c++) {
			const struct oc_node *cs = doc_at(in->doc, l, c);
			const struct oc_node *res = dv_get(in, cs, "resources");

			for (t = 0; res != NULL && t < d->c->ntargets; t++) {
				struct oc_target *tg = &d->c->targets[t];
				char *def = xstrndup(tg->name, strcspn(tg->name,
				    "/"));

				if (tg->role != NULL &&
				    strcmp(tg->role, "main") == 0 &&
				    component_uses(in, cs, def))
					dv_container_resources(in, res, tg);
				free(def);
			}
		}
	}
}

/* The pods of a Cluster's component are <cluster>-<component>-<ordinal>:
 * with the Cluster rendered, the sandbox name tells apart the targets of
 * definitions that run the same container and image (TGT002). Each
 * target gets the names of every component whose componentDef matches
 * its definition. */
static void
target_sandbox(struct derive *d, struct oc_target *tg, const char *def)
{
	struct oc_buf b = { 0 };
	struct oc_error *err = NULL;
	size_t i, c, n = 0;

	for (i = 0; i < d->nobj; i++) {
		const struct dinput *in = d->obj[i].in;
		const struct oc_node *l = dv_get(in, dv_get(in, d->obj[i].root,
		    "spec"), "componentSpecs");

		for (c = 0; strcmp(d->obj[i].kind, "Cluster") == 0 &&
		    c < dv_count(l); c++) {
			const struct oc_node *cs = doc_at(in->doc, l, c);
			char *comp = dv_name(in, cs, "name"), *q, *pod;

			if (comp != NULL && component_uses(in, cs, def)) {
				pod = xasprintf("%s-%s", d->obj[i].name, comp);
				q = dv_regex_quote(pod);
				/* without the ^ and $ of a whole name */
				buf_printf(&b, "%s%.*s", n++ ? "|" : "",
				    (int)strlen(q) - 2, q + 1);
				free(q);
				free(pod);
			}
			free(comp);
		}
	}
	if (n > 0) {
		char *re = xasprintf(n > 1 ? "^(%s)-[0-9]+$" : "^%s-[0-9]+$",
		    b.s);

		tg->match_sandbox = xcalloc(1, sizeof(*tg->match_sandbox));
		if (pattern_compile(tg->match_sandbox, re, &err) < 0) {
			pattern_free(tg->match_sandbox);
			free(tg->match_sandbox);
			tg->match_sandbox = NULL;
		}
		oc_error_free(err);
		free(re);
	}
	buf_free(&b);
}

void
dv_cluster_sandboxes(struct derive *d)
{
	size_t t;

	for (t = 0; t < d->c->ntargets; t++) {
		struct oc_target *tg = &d->c->targets[t];
		char *def;

		/* Backup jobs run in dp-backup-* pods, not the component's. */
		if (tg->match_sandbox != NULL || tg->role == NULL ||
		    strcmp(tg->role, "backup-job") == 0)
			continue;
		def = xstrndup(tg->name, strcspn(tg->name, "/"));
		target_sandbox(d, tg, def);
		free(def);
	}
}

/* The claim templates of the Clusters' components that use definition
 * def, for volume vol: KubeBlocks gives the pod a PVC per template and an
 * emptyDir placeholder for any other mounted name that no pod volume
 * provides (synthesize_component.go, buildVolumeMounts;
 * ocicheck-kubeblocks(7)). */
enum dclaim
dv_cluster_claim(struct derive *d, const char *def, const char *vol)
{
	size_t i, c, k, with = 0, without = 0;

	for (i = 0; i < d->nobj; i++) {
		const struct dinput *in = d->obj[i].in;
		const struct oc_node *l = dv_get(in, dv_get(in, d->obj[i].root,
		    "spec"), "componentSpecs");

		for (c = 0; strcmp(d->obj[i].kind, "Cluster") == 0 &&
		    c < dv_count(l); c++) {
			const struct oc_node *cs = doc_at(in->doc, l, c);
			const struct oc_node *vct = dv_get(in, cs,
			    "volumeClaimTemplates");
			int uses = component_uses(in, cs, def), has = 0;

			for (k = 0; uses && k < dv_count(vct); k++)
				has |= dv_is(in, dv_get(in, doc_at(in->doc, vct,
				    k), "name"), vol);
			with += uses && has;
			without += uses && !has;
		}
	}
	if (with + without == 0)
		return DCLAIM_UNKNOWN;
	return without == 0 ? DCLAIM_PVC : with == 0 ? DCLAIM_NONE :
	    DCLAIM_UNKNOWN;
}
