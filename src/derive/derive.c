/*
 * contract derive. The rendered chart states most of a component's runtime
 * contract (its accounts, vars, containers, volumes, backup methods); the
 * KubeBlocks platform adds the rest (vars go into every container, DP_DB_*
 * only with a target account, unknown backup volumes are dropped
 * silently). Both are turned into an ocicheck/v1 model here, and every
 * place where the chart contradicts itself is reported where it says so.
 * Mapping and pitfalls: shared/research/contract-domain.md section 8.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ocicheck/sha256.h"
#include "ocicheck/source.h"
#include "ocicheck/yaml_load.h"
#include "derive_int.h"

/* The namespace of a rendered object: helm template prints none for
 * most, and the release's namespace is the same for all of them. */
static int
same_namespace(const struct dobj *a, const struct dinput *in,
    const struct oc_node *root)
{
	char *x = dv_str(a->in, dv_get(a->in, a->root, "metadata"),
	    "namespace");
	char *y = dv_str(in, dv_get(in, root, "metadata"), "namespace");
	int same = (x == NULL || y == NULL) ? x == y : strcmp(x, y) == 0;

	free(x);
	free(y);
	return same;
}

static int
same_text(const struct dobj *a, const struct dinput *in,
    const struct oc_node *root)
{
	struct oc_span x = doc_span(a->in->doc, a->root);
	struct oc_span y = doc_span(in->doc, root);
	size_t n = x.end.offset - x.start.offset;

	return n == y.end.offset - y.start.offset && memcmp(a->in->src->data +
	    x.start.offset, in->src->data + y.start.offset, n) == 0;
}

/* DRV006: the same object twice. Applied, the later one replaces the
 * earlier; byte for byte the same (one chart rendered into two inputs)
 * it is one object and nothing to say. */
static void
object_again(struct derive *d, struct dobj *o, struct dinput *in,
    const struct oc_node *root)
{
	struct oc_pos p = doc_span(o->in->doc, o->root).start;
	struct oc_pos q = doc_span(in->doc, root).start;

	if (same_text(o, in, root))
		return;
	dv_report(d, o->in, OC_R_DRV006, dv_get(o->in, dv_get(o->in, o->root,
	    "metadata"), "name"), 0, "%s '%s' is rendered again at %s:%u: "
	    "applied, the later one replaces this one and whatever only this "
	    "one says is lost", o->kind, o->name, in->src->path, q.line);
	dv_report(d, in, OC_R_DRV006, dv_get(in, dv_get(in, root, "metadata"),
	    "name"), 0, "%s '%s' was rendered before, at %s:%u: applied, this "
	    "one replaces it (derive reads this one)", o->kind, o->name,
	    o->in->src->path, p.line);
	o->in = in;
	o->root = root;
}

/* One rendered object, kept when it is of a kind derive reads; the items
 * of a List (what `kubectl get -o yaml` and some charts print) too. */
static void
add_object(struct derive *d, struct dinput *in, const struct oc_node *root)
{
	static const char *const kinds[] = { "ComponentDefinition",
		"BackupPolicyTemplate", "ActionSet", "Cluster",
		"ComponentVersion" };
	const struct oc_node *kn = dv_get_kind(in, root, "kind", OC_STRING);
	const struct oc_node *items;
	struct dobj *o;
	char *name;
	size_t i, k;

	if (kn != NULL && doc_is(in->doc, kn, "List")) {
		items = dv_get_kind(in, root, "items", OC_ARRAY);
		for (i = 0; i < dv_count(items); i++)
			add_object(d, in, doc_at(in->doc, items, i));
		return;
	}
	for (k = 0; kn != NULL && k < ARRAY_SIZE(kinds); k++)
		if (doc_is(in->doc, kn, kinds[k]))
			break;
	if (kn == NULL || k == ARRAY_SIZE(kinds))
		return;		/* Services, ConfigMaps ... */
	if ((name = dv_name(in, dv_get(in, root, "metadata"), "name")) == NULL)
		return;
	if ((o = dv_find_obj(d, kinds[k], name)) != NULL &&
	    same_namespace(o, in, root)) {
		object_again(d, o, in, root);
		free(name);
		return;
	}
	d->obj = xrealloc(d->obj, (d->nobj + 1) * sizeof(*d->obj));
	d->obj[d->nobj++] = (struct dobj){ in, root, kinds[k], name };
}

/* DRV005 at both keys of each repeat, as far as a finding can point at
 * them: a hostile stream of repeats gets a bounded number of findings. */
static void
report_dups(struct derive *d, const struct dinput *in,
    const struct oc_yaml_dups *dups)
{
	size_t i, shown = dups->n < 100 ? dups->n : 100;

	for (i = 0; i < shown; i++) {
		const struct oc_yaml_dup *u = &dups->v[i];
		const struct oc_node *a = dv_member_at(in, u->first);
		const struct oc_node *b = dv_member_at(in, u->again);
		struct oc_pos p = source_pos(in->src, u->first);
		struct oc_pos q = source_pos(in->src, u->again);

		if (a == NULL || b == NULL)
			continue;
		dv_report(d, in, OC_R_DRV005, a, 1, "key '%s' is repeated at "
		    "%u:%u: Helm and the API server keep the last value, so this "
		    "one is dropped", u->key, q.line, q.col);
		dv_report(d, in, OC_R_DRV005, b, 1, "key '%s' repeats the one at "
		    "%u:%u: Helm and the API server keep this value and drop "
		    "that one", u->key, p.line, p.col);
	}
	if (dups->n + dups->more > shown)
		dv_report(d, in, OC_R_DRV005, doc_root(in->doc, 0), 0, "%zu more "
		    "repeated keys not reported one by one", dups->n +
		    dups->more - shown);
}

static int
load_inputs(struct derive *d, struct oc_error **err)
{
	size_t i, r;
	int rc = 0;

	d->in = xcalloc(d->opts->ninputs, sizeof(*d->in));
	for (i = 0; i < d->opts->ninputs; i++) {
		struct dinput *in = &d->in[d->nin];
		struct oc_yaml_dups *dups;
		struct oc_file_result *f;

		f = run_add_file(d->run, strcmp(d->opts->inputs[i], "-") == 0 ?
		    "<stdin>" : d->opts->inputs[i]);
		f->kind = OC_KIND_MANIFEST;
		in->file = (uint32_t)(d->run->nfiles - 1);
		if (source_read_file(d->opts->inputs[i], OC_MAX_INPUT, &in->src,
		    err) < 0 || (in->src->too_large && oc_error_set(err, 0,
		    "'%s' is larger than %zu bytes", d->opts->inputs[i],
		    (size_t)OC_MAX_INPUT) < 0) || yaml_load_dups(in->src,
		    &in->doc, &dups, err) < 0) {
			f->status = OC_FILE_UNREADABLE;
			f->error = xstrdup((*err)->msg);
			source_free(in->src);
			memset(in, 0, sizeof(*in));
			return -1;
		}
		f->status = OC_FILE_CHECKED;
		d->nin++;
		report_dups(d, in, dups);
		yaml_dups_free(dups);
		for (r = 0; r < in->doc->nroots; r++)
			add_object(d, in, doc_root(in->doc, r));
	}
	return rc;
}

/* ---- systemAccounts ---- */

struct dacct {
	char *name;
	const char *compdef;
	const struct oc_node *node;
	enum oc_password password;
	int init, disabled;
};

/* The password fields each release line reads (ocicheck-kubeblocks(7),
 * systemAccounts): 1.0 only passwordGenerationPolicy, whose absence is
 * an empty password; 1.1 passwordConfig, else the old field, else none;
 * 1.2.0-alpha.3 only passwordConfig (kubeblocks#10537, addons#3485). The
 * CRD prunes a field its release does not know. */
static int
reads_password(int release, int pc, int pgp)
{
	return release == OC_KB_1_0 ? pgp : release == OC_KB_1_1 ? pc || pgp :
	    pc;
}

/* Accounts of one definition that lose their password field on a
 * release the chart claims: one DRV002 per definition and field. */
struct dpruned {
	const struct oc_node *at[2];	/* the first account, per field */
	struct oc_buf names[2];
	size_t n[2];
	unsigned on[2];			/* the releases that prune it */
};

static enum oc_password
account_password(struct derive *d, const struct dinput *in,
    const struct oc_node *a, const char *name, struct dpruned *pr)
{
	const struct oc_node *f[2] = { dv_get(in, a,
	    "passwordGenerationPolicy"), dv_get(in, a, "passwordConfig") };
	unsigned none = 0;
	int k, w = f[0] != NULL ? 0 : f[1] != NULL ? 1 : -1;

	if (dv_get(in, a, "secretRef") != NULL)
		return OC_PW_PROVIDED;
	for (k = OC_KB_1_0; k <= OC_KB_1_2; k++)
		if ((d->releases & (1u << k)) &&
		    !reads_password(k, f[1] != NULL, f[0] != NULL))
			none |= 1u << k;
	/* A field written but pruned where the password is lost. */
	if (none != 0 && w >= 0) {
		if (pr->n[w]++ == 0)
			pr->at[w] = f[w];
		buf_printf(&pr->names[w], "%s'%s'", pr->n[w] > 1 ? ", " : "",
		    name);
		pr->on[w] |= none;
	}
	return none ? OC_PW_NONE : OC_PW_GENERATED;
}

static void
report_pruned(struct derive *d, const struct dinput *in, const char *compdef,
    struct dpruned *pr)
{
	static const char *const field[] = { "passwordGenerationPolicy",
		"passwordConfig" };
	struct oc_buf rel = { 0 };
	int w, k, n;

	for (w = 0; w < 2; w++) {
		if (pr->n[w] == 0) {
			buf_free(&pr->names[w]);
			continue;
		}
		rel.len = 0;
		for (k = OC_KB_1_0, n = 0; k <= OC_KB_1_2; k++)
			if (pr->on[w] & (1u << k))
				buf_printf(&rel, "%s%s", n++ ? " and " : "",
				    oc_kb_platform_names[k] + strlen("kubeblocks-"));
		dv_report(d, in, OC_R_DRV002, pr->at[w], 1, "account%s %s of '%s' "
		    "set%s only %s, which KubeBlocks %s prunes from the CRD "
		    "(%s): %s an empty password there; %s",
		    pr->n[w] > 1 ? "s" : "", pr->names[w].s, compdef,
		    pr->n[w] > 1 ? "" : "s", field[w], rel.s, d->platform_given ?
		    "--platform" : d->claim != NULL ? d->claim : "the default "
		    "release", pr->n[w] > 1 ? "they get" : "it gets", w == 0 ?
		    "set passwordConfig, which 1.1 and later read first" :
		    "set passwordGenerationPolicy too, which 1.0 reads");
		buf_free(&pr->names[w]);
	}
	buf_free(&rel);
}

static void
cmpd_accounts(struct derive *d, const struct dcmpd *m, struct dacct **v,
    size_t *n)
{
	const struct dinput *in = m->o->in;
	const struct oc_node *l = dv_get(in, dv_get(in, m->o->root, "spec"),
	    "systemAccounts");
	struct dpruned pr;
	size_t i, k, first = *n;

	memset(&pr, 0, sizeof(pr));
	for (i = 0; i < dv_count(l); i++) {
		const struct oc_node *a = doc_at(in->doc, l, i);
		char *name = dv_name(in, a, "name");

		if (name == NULL)
			continue;
		/* systemAccounts is a list map keyed by name: the API server
		 * refuses a definition naming one twice. Keep the first, so
		 * that one definition declares one account of a name. */
		for (k = first; k < *n && strcmp((*v)[k].name, name) != 0; k++)
			;
		if (k < *n) {
			free(name);
			continue;
		}
		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[(*n)++] = (struct dacct){ name, m->o->name, a,
			account_password(d, in, a, name, &pr),
			dv_true(in, a, "initAccount"), 0 };
	}
	report_pruned(d, in, m->o->name, &pr);
}

/* A Cluster may disable accounts of the definitions its components use. */
static void
cluster_disables(struct derive *d, struct dacct *v, size_t n)
{
	size_t i, c, k, a;

	for (i = 0; i < d->nobj; i++) {
		const struct dinput *in = d->obj[i].in;
		const struct oc_node *l;

		if (strcmp(d->obj[i].kind, "Cluster") != 0)
			continue;
		l = dv_get(in, dv_get(in, d->obj[i].root, "spec"), "componentSpecs");
		for (c = 0; c < dv_count(l); c++) {
			const struct oc_node *cs = doc_at(in->doc, l, c);
			const struct oc_node *sa = dv_get(in, cs, "systemAccounts");
			struct oc_pattern p;
			char *cd = dv_str(in, cs, "componentDef");

			if (cd == NULL || dv_pattern(d, in, dv_get(in, cs,
			    "componentDef"), cd, &p) < 0) {
				free(cd);
				continue;
			}
			for (k = 0; k < dv_count(sa); k++) {
				const struct oc_node *it = doc_at(in->doc, sa, k);

				if (!dv_true(in, it, "disabled"))
					continue;
				for (a = 0; a < n; a++)
					if (dv_is(in, dv_get(in, it, "name"), v[a].name) &&
					    compdef_matches(&p, v[a].compdef))
						v[a].disabled = 1;
			}
			pattern_free(&p);
			free(cd);
		}
	}
}

static int
account_is(const struct oc_account *a, const struct dacct *r)
{
	return strcmp(a->name, r->name) == 0 && a->password == r->password &&
	    a->init_account == r->init && a->disabled == r->disabled;
}

/* One declared entry per account and kind of declaration, listing the
 * definitions that declare it so. */
static void
derive_accounts(struct derive *d)
{
	struct dacct *v = NULL;
	size_t n = 0, i, k;

	for (i = 0; i < d->ncmpd; i++)
		cmpd_accounts(d, &d->cmpd[i], &v, &n);
	cluster_disables(d, v, n);
	for (i = 0; i < n; i++) {
		struct oc_account *a = NULL;

		for (k = 0; k < d->c->naccounts && a == NULL; k++)
			if (account_is(&d->c->accounts[k], &v[i]))
				a = &d->c->accounts[k];
		if (a == NULL) {
			d->c->accounts = xrealloc(d->c->accounts,
			    (d->c->naccounts + 1) * sizeof(*d->c->accounts));
			a = &d->c->accounts[d->c->naccounts++];
			memset(a, 0, sizeof(*a));
			a->node = v[i].node;
			a->name = xstrdup(v[i].name);
			a->password = v[i].password;
			a->init_account = v[i].init;
			a->disabled = v[i].disabled;
		}
		dv_strs_add(&a->compdefs, &a->ncompdefs, xstrdup(v[i].compdef));
	}
	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/* ---- the whole derivation ---- */

/* Targets are named definition/container; where a container name is
 * unique in the contract the definition is dropped, for readable names
 * that overlays can use. */
static void
short_names(struct oc_contract *c)
{
	size_t i, k, same;

	for (i = 0; i < c->ntargets; i++) {
		struct oc_target *t = &c->targets[i];

		if (strcmp(t->role, "backup-job") == 0)
			continue;
		for (k = 0, same = 0; k < c->ntargets; k++)
			same += strcmp(c->targets[k].role, "backup-job") != 0 &&
			    strcmp(c->targets[k].match_container,
			    t->match_container) == 0;
		if (same == 1) {
			free(t->name);
			t->name = xstrdup(t->match_container);
		}
	}
}

/* Two backup policies with a method of the same name, or a chart that
 * repeats a container: later targets get "-2", "-3" ... so that every
 * name is unique, as a contract needs. */
static void
unique_names(struct oc_contract *c)
{
	size_t i, k, n;
	char *base;

	for (i = 1; i < c->ntargets; i++) {
		base = xstrdup(c->targets[i].name);
		for (n = 2;; n++) {
			for (k = 0; k < i; k++)
				if (strcmp(c->targets[k].name,
				    c->targets[i].name) == 0)
					break;
			if (k == i)
				break;
			free(c->targets[i].name);
			c->targets[i].name = xasprintf("%s-%zu", base, n);
		}
		free(base);
	}
}

static int
same_pattern(const struct oc_pattern *a, const struct oc_pattern *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a->text, b->text) == 0;
}

static int
same_configs(const struct oc_target *t, const struct oc_target *u)
{
	return strcmp(t->match_container, u->match_container) == 0 &&
	    same_pattern(t->match_sandbox, u->match_sandbox) &&
	    same_pattern(t->match_image, u->match_image);
}

/* Targets that match the same configs, by the definitions (or backup
 * methods) they belong to: one finding per set of owners, naming the
 * containers they share. */
struct tgroup {
	size_t first;		/* target index, where it is reported */
	char **owners, **containers;
	size_t nowners, ncontainers;
};

static int
same_owners(const struct tgroup *g, char *const *owners, size_t n)
{
	size_t i;

	if (g->nowners != n)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(g->owners[i], owners[i]) != 0)
			return 0;
	return 1;
}

static void
group_report(struct derive *d, const struct tgroup *g)
{
	struct oc_buf o = { 0 }, c = { 0 };
	size_t i;

	for (i = 0; i < g->nowners; i++)
		buf_printf(&o, "%s'%s'", i == 0 ? "" : i + 1 == g->nowners ?
		    " and " : ", ", g->owners[i]);
	for (i = 0; i < g->ncontainers; i++)
		buf_printf(&c, "%s'%s'", i ? ", " : "", g->containers[i]);
	dv_report(d, d->sites[g->first].in, OC_R_TGT002, d->sites[g->first].node,
	    0, "%s %s run the same container%s (%s) with the same images: "
	    "CRI annotations carry only container, pod and image names, so "
	    "nothing in config.json tells their targets apart and a config of "
	    "any of them is checked against the one it keeps best; render the "
	    "Cluster too (its component names tell the pods apart), give one "
	    "a narrower match in an overlay, or check with --target",
	    d->sites[g->first].backup ? "backup methods (policy: method)" :
	    "definitions", o.s,
	    g->ncontainers > 1 ? "s" : "", c.s);
	buf_free(&o);
	buf_free(&c);
}

/* TGT002: CRI annotations carry the container, pod and image names and
 * nothing of the pod's labels (containerd passes no labels and only
 * allow-listed pod annotations; CRI-O only the kubelet's own), and the
 * pod name depends on the Cluster, not the chart. Targets the chart
 * gives the same container and image cannot be told apart in a config:
 * say so (info: the chart is not wrong, the config cannot tell), since
 * the check then judges such a config by the one of them it keeps best. */
static void
same_match(struct derive *d)
{
	const struct oc_contract *c = d->c;
	struct tgroup *g = NULL;
	size_t i, k, ng = 0, n;
	char **owners;
	int *done = xcalloc(c->ntargets + 1, sizeof(*done));

	for (i = 0; i < c->ntargets; i++) {
		if (done[i])
			continue;
		owners = NULL;
		n = 0;
		for (k = i; k < c->ntargets; k++)
			if (!done[k] && same_configs(&c->targets[i],
			    &c->targets[k])) {
				done[k] = 1;
				dv_strs_add(&owners, &n, d->sites[k].owner);
			}
		for (k = 0; n > 1 && k < ng && !same_owners(&g[k], owners, n);
		    k++)
			;
		if (n > 1 && k == ng) {
			g = xrealloc(g, (ng + 1) * sizeof(*g));
			g[ng++] = (struct tgroup){ i, owners, NULL, n, 0 };
			owners = NULL;
		}
		if (n > 1)
			dv_strs_add(&g[k].containers, &g[k].ncontainers,
			    c->targets[i].match_container);
		free(owners);
	}
	for (k = 0; k < ng; k++) {
		group_report(d, &g[k]);
		free(g[k].owners);
		free(g[k].containers);
	}
	free(g);
	free(done);
}

static char *
header(struct derive *d, const struct oc_source *const *overlays,
    size_t noverlays)
{
	struct oc_buf b = { 0 };
	char digest[65];
	size_t i;

	buf_printf(&b, "Derived by ocicheck %s: contract derive --platform %s",
	    OCICHECK_VERSION, oc_kb_platform_names[d->platform]);
	if (d->claim != NULL)
		buf_printf(&b, " (the newest of %s, which the chart claims by "
		    "%s)", d->releases_text, d->claim);
	else if (!d->platform_given)
		buf_adds(&b, " (the default)");
	buf_adds(&b, "\nDo not edit: change the chart or an overlay and derive "
	    "again.\n");
	if (d->chart != NULL) {
		sha256_hex(d->chart->src->data, d->chart->src->len, digest);
		buf_printf(&b, "chart: %s sha256:%s\n", d->chart->src->path,
		    digest);
	}
	for (i = 0; i < d->nin; i++) {
		sha256_hex(d->in[i].src->data, d->in[i].src->len, digest);
		buf_printf(&b, "input: %s sha256:%s\n", d->in[i].src->path,
		    digest);
	}
	for (i = 0; i < noverlays; i++) {
		sha256_hex(overlays[i]->data, overlays[i]->len, digest);
		buf_printf(&b, "overlay: %s sha256:%s\n", overlays[i]->path,
		    digest);
	}
	return buf_steal(&b);
}

static void
derive_free(struct derive *d)
{
	size_t i, k;

	for (i = 0; i < d->ncmpd; i++) {
		for (k = 0; k < d->cmpd[i].nvols; k++)
			free(d->cmpd[i].vols[k].name);
		free(d->cmpd[i].vols);
	}
	free(d->cmpd);
	for (i = 0; i < d->nsites; i++)
		free(d->sites[i].owner);
	free(d->sites);
	for (i = 0; i < d->seen_cap; i++)
		free(d->seen[i]);
	free(d->seen);
	for (i = 0; i < d->nenv010; i++)
		free(d->env010[i]);
	free(d->env010);
	for (i = 0; i < d->nobj; i++)
		free(d->obj[i].name);
	free(d->obj);
	for (i = 0; i < d->nin; i++) {
		doc_free(d->in[i].doc);
		source_free(d->in[i].src);
	}
	free(d->in);
	derive_platform_free(d);
}

/* Lint the references of each input, positioned there. */
static void
lint_inputs(struct derive *d)
{
	struct oc_findings *f = &d->run->findings;
	size_t i;

	for (i = 0; i < d->nin; i++) {
		findings_switch_file(f, d->in[i].file, d->in[i].src);
		contract_lint_doc(d->c, d->in[i].doc, f);
		findings_switch_file(f, d->in[i].file, NULL);
	}
}

static int
merge_overlays(struct derive *d, struct oc_contract **ov, size_t n,
    struct oc_error **err)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (contract_merge(d->c, ov[i], err) < 0)
			return -1;
	return 0;
}

int
derive_contract(const struct oc_derive_opts *o, struct oc_run *run,
    struct oc_contract **out, char **hdr, struct oc_error **err)
{
	struct derive d = { .opts = o, .run = run };
	struct oc_contract **ov;
	const struct oc_source **ovsrc;
	size_t i, nov = 0;
	int rc = -1;

	*out = NULL;
	*hdr = NULL;
	d.c = xcalloc(1, sizeof(*d.c));
	d.c->default_severity = OC_ITEM_DEFAULT;
	d.c->unverifiable = OC_SEV_INFO;
	ov = xcalloc(o->noverlays + 1, sizeof(*ov));
	ovsrc = xcalloc(o->noverlays + 1, sizeof(*ovsrc));
	/* Overlays first: a broken one stops the run before any output. */
	for (; nov < o->noverlays; nov++) {
		if (contract_load_overlay(o->overlays[nov], &ov[nov],
		    err) < 0) {
			oc_error_prefix(err, "overlay: ");
			goto out;
		}
		ovsrc[nov] = ov[nov]->src;
	}
	if (load_inputs(&d, err) < 0)
		goto out;
	for (i = 0; i < d.nobj; i++)
		if (strcmp(d.obj[i].kind, "ComponentDefinition") == 0) {
			d.cmpd = xrealloc(d.cmpd, (d.ncmpd + 1) *
			    sizeof(*d.cmpd));
			d.cmpd[d.ncmpd++] = (struct dcmpd){ &d.obj[i], NULL, 0, -1, 0 };
			dv_strs_add(&d.c->compdefs, &d.c->ncompdefs,
			    xstrdup(d.obj[i].name));
		}
	if (d.ncmpd == 0) {
		oc_error_set(err, 0, "no ComponentDefinition in the input: "
		    "derive reads the output of `helm template` for an addon "
		    "chart");
		goto out;
	}
	if (derive_platform(&d, err) < 0)
		goto out;
	d.c->name = dv_str(d.cmpd[0].o->in, dv_get(d.cmpd[0].o->in,
	    d.cmpd[0].o->root, "spec"), "serviceKind");
	if (d.c->name == NULL || d.c->name[0] == '\0') {
		free(d.c->name);
		d.c->name = xstrdup(d.cmpd[0].o->name);
	}
	derive_schema(&d);
	derive_accounts(&d);
	for (i = 0; i < d.ncmpd; i++)
		dv_cmpd_derive(&d, &d.cmpd[i]);
	for (i = 0; i < d.nobj; i++)
		if (strcmp(d.obj[i].kind, "BackupPolicyTemplate") == 0)
			dv_bpt_derive(&d, &d.obj[i]);
	dv_cluster_resources(&d);
	dv_cluster_sandboxes(&d);
	short_names(d.c);
	unique_names(d.c);
	same_match(&d);
	lint_inputs(&d);
	if (merge_overlays(&d, ov, nov, err) < 0)
		goto out;
	contract_sort(d.c);
	*hdr = header(&d, ovsrc, nov);
	*out = d.c;
	d.c = NULL;
	rc = 0;
out:
	/* the inputs, counted together, get the note of what was over the
	 * findings limit (none was reported before) */
	findings_end_file(&run->findings);
	for (i = 0; i < nov; i++)
		contract_free(ov[i]);
	free(ov);
	free(ovsrc);
	contract_free(d.c);
	derive_free(&d);
	return rc;
}
