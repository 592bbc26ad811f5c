/*
 * contract derive, Cluster objects rendered beside the chart (the
 * addons-cluster charts): the component that uses a definition gives its
 * pods their names, resources and claim-template volumes.
 */
#include <stdlib.h>
#include <string.h>

#include "derive_int.h"

/* A Cluster's resources go to containers[0] of the definitions its
 * components use, and override the chart's there. */
void
cluster_resources(struct derive *d)
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
			struct oc_error *err = NULL;
			struct oc_pattern p;
			char *cd = dv_str(in, cs, "componentDef");

			/* cluster_disables() reported a bad componentDef. */
			if (res == NULL || cd == NULL ||
			    pattern_compile(&p, cd, &err) < 0) {
				oc_error_free(err);
				if (res != NULL && cd != NULL)
					pattern_free(&p);
				free(cd);
				continue;
			}
			for (t = 0; t < d->c->ntargets; t++) {
				struct oc_target *tg = &d->c->targets[t];
				size_t n = strcspn(tg->name, "/");
				char *def = xstrndup(tg->name, n);

				if (tg->role != NULL &&
				    strcmp(tg->role, "main") == 0 &&
				    compdef_matches(&p, def))
					container_resources(in, res, tg);
				free(def);
			}
			pattern_free(&p);
			free(cd);
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
			char *cd = dv_str(in, cs, "componentDef"), *q, *pod;
			char *comp = dv_name(in, cs, "name");
			struct oc_pattern p;

			if (cd != NULL && comp != NULL &&
			    pattern_compile(&p, cd, &err) == 0) {
				if (compdef_matches(&p, def)) {
					pod = xasprintf("%s-%s", d->obj[i].name,
					    comp);
					q = regex_quote(pod);
					/* without the ^ and $ of a whole name */
					buf_printf(&b, "%s%.*s", n++ ? "|" : "",
					    (int)strlen(q) - 2, q + 1);
					free(q);
					free(pod);
				}
				pattern_free(&p);
			}
			oc_error_free(err);
			err = NULL;
			free(cd);
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
cluster_sandboxes(struct derive *d)
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
cluster_claim(struct derive *d, const char *def, const char *vol)
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
			char *cd = dv_str(in, cs, "componentDef");
			struct oc_error *err = NULL;
			struct oc_pattern p;
			int uses = 0, has = 0;

			if (cd != NULL && pattern_compile(&p, cd, &err) == 0) {
				uses = compdef_matches(&p, def);
				pattern_free(&p);
			}
			oc_error_free(err);
			free(cd);
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
