/*
 * contract derive, the other places a chart's scripts run: restore jobs
 * and lifecycle actions, each with the env KubeBlocks gives it
 * (ocicheck-kubeblocks(7)). A prepareData job runs before the component's
 * pods and gets no pod env and no DP_DB_*; a postReady job gets the
 * target pod's first container and DP_DB_* for the init (else the first)
 * account; an exec postReady runs in the database container itself; a
 * lifecycle action runs in kbagent, which gets the definition's vars and
 * the actions' exec.env but no container's own env.
 */
#include <stdlib.h>
#include <string.h>

#include "derive_int.h"

static int
has_accounts(struct dcmpd *const *defs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct dinput *in = defs[i]->o->in;

		if (dv_count(dv_get(in, dv_get(in, defs[i]->o->root, "spec"),
		    "systemAccounts")) == 0)
			return 0;
	}
	return n > 0;
}

/* The names every restore job states: the ActionSet's env and
 * parameters, the backup method's env (recorded in the Backup). */
static void
restore_names(struct dscope *s, const struct dinput *ain,
    const struct oc_node *aspec, const struct dinput *min,
    const struct oc_node *method)
{
	dv_scope_add_env(s, ain, dv_get(ain, aspec, "env"));
	dv_scope_add_env(s, min, dv_get(min, method, "env"));
	dv_scope_add_params(s, ain, dv_get(ain, aspec, "parametersSchema"));
	s->quiet |= dv_get(ain, aspec, "envFrom") != NULL;
}

static void
prepare_data(struct derive *d, const struct dobj *as,
    const struct dinput *min, const struct oc_node *method,
    const char *mname)
{
	const struct dinput *ain = as->in;
	const struct oc_node *aspec = dv_get(ain, as->root, "spec");
	const struct oc_node *pd = dv_get(ain, dv_get(ain, aspec, "restore"),
	    "prepareData");
	struct dscope s = { .d = d, .job = "restore-prepare" };

	if (pd == NULL)
		return;
	s.has_account = 1;
	s.account_why = "a prepareData job runs before the component's pods "
	    "exist and gets no DP_DB_* (BuildPrepareDataJobs)";
	s.why = "a prepareData job runs before the pods and starts from no pod "
	    "env, and nothing else provides it (not the platform, the ActionSet "
	    "or the method; the Restore's own env may, if the user sets it)";
	s.what = xasprintf("the prepareData job of ActionSet '%s' (backup "
	    "method '%s')", as->name, mname);
	s.key = s.label = xasprintf("ActionSet/%s restore", as->name);
	restore_names(&s, ain, aspec, min, method);
	dv_scope_scan_container(&s, ain, pd);
	free(s.label);
	dv_scope_free(&s);
}

/* A postReady exec runs in the target pod's container exec.container
 * (containers[0] when unset) through kubectl exec: that container's env. */
static void
post_ready_exec(struct derive *d, const struct dobj *as,
    const struct oc_node *ex, struct dcmpd *const *defs, size_t n,
    const char *mname)
{
	const struct dinput *ain = as->in;
	struct dscope s = { .d = d, .job = "restore-exec" };
	char *ctr = dv_name(ain, ex, "container");
	size_t i, k;

	s.why = "the container it runs in (kubectl exec) does not have it";
	s.what = xasprintf("a postReady exec of ActionSet '%s' (backup method "
	    "'%s')", as->name, mname);
	s.key = s.label = xasprintf("ActionSet/%s postReady", as->name);
	s.pods = xcalloc(n + 1, sizeof(*s.pods));
	for (i = 0; i < n; i++) {
		long t = defs[i]->main;

		for (k = 0; ctr != NULL && k < d->c->ntargets; k++)
			if (dv_target_of(&d->c->targets[k], defs[i]->o->name) &&
			    strcmp(d->c->targets[k].match_container, ctr) == 0)
				t = (long)k;
		if (t < 0)
			continue;
		s.pods[s.npods].def = defs[i]->o->name;
		s.pods[s.npods++].target = (size_t)t;
	}
	if (s.npods > 0)
		dv_scope_scan_container(&s, ain, ex);
	free(ctr);
	free(s.label);
	dv_scope_free(&s);
}

static void
post_ready(struct derive *d, const struct dobj *as,
    const struct dinput *min, const struct oc_node *method,
    struct dcmpd *const *defs, size_t n, const char *mname)
{
	const struct dinput *ain = as->in;
	const struct oc_node *aspec = dv_get(ain, as->root, "spec");
	const struct oc_node *l = dv_get(ain, dv_get(ain, aspec, "restore"),
	    "postReady");
	struct dscope s = { .d = d, .job = "restore-postready" };
	size_t i;

	s.account = has_accounts(defs, n);
	s.has_account = 1;
	s.account_why = "a postReady job gets it only for the definition's "
	    "init (else first) account, and these definitions declare none";
	s.why = "nothing provides it (not the platform, the target pod's first "
	    "container, the ActionSet or the method)";
	s.what = xasprintf("a postReady job of ActionSet '%s' (backup method "
	    "'%s')", as->name, mname);
	s.key = s.label = xasprintf("ActionSet/%s postReady", as->name);
	dv_scope_pods(&s, defs, n);
	restore_names(&s, ain, aspec, min, method);
	for (i = 0; i < dv_count(l); i++) {
		const struct oc_node *it = doc_at(ain->doc, l, i);

		dv_scope_scan_container(&s, ain, dv_get(ain, it, "job"));
		if (dv_get(ain, it, "exec") != NULL)
			post_ready_exec(d, as, dv_get(ain, it, "exec"), defs, n,
			    mname);
	}
	free(s.label);
	dv_scope_free(&s);
}

void
dv_restore_derive(struct derive *d, const struct dobj *as,
    const struct dinput *min, const struct oc_node *method,
    struct dcmpd *const *defs, size_t n, const char *mname)
{
	prepare_data(d, as, min, method, mname);
	post_ready(d, as, min, method, defs, n, mname);
}

/* ---- lifecycle actions ---- */

/* kbagent merges the exec.env of every action into its own env, so one
 * action's env is every action's (mergedActionEnv4KBAgent); the probes'
 * availableProbe is left out. */
static void
actions_env(struct dscope *s, const struct dinput *in, const struct oc_node *la)
{
	size_t i, len;

	for (i = 0; la != NULL && doc_kind(la) == OC_OBJECT &&
	    i < doc_count(la); i++) {
		const struct oc_node *a = doc_at(in->doc, la, i);
		const char *k = doc_key_text(in->doc, a, &len);

		if (len == 14 && memcmp(k, "availableProbe", 14) == 0)
			continue;
		dv_scope_add_env(s, in, dv_get(in, dv_get(in, a, "exec"),
		    "env"));
	}
}

static void
action_scan(struct derive *d, struct dcmpd *m, const struct oc_target *vars,
    const struct oc_node *la, const struct oc_node *a, const char *name)
{
	const struct dinput *in = m->o->in;
	const struct oc_node *ex = dv_get(in, a, "exec");
	struct dscope s = { .d = d, .job = "action", .action = name };
	size_t i;

	if (ex == NULL)
		return;
	s.why = "kbagent, which runs lifecycle actions, gets the definition's "
	    "vars, the actions' exec.env and its own KB_AGENT_* names, and no "
	    "container's env";
	s.what = xasprintf("lifecycle action '%s' of '%s'", name, m->o->name);
	s.key = s.label = xasprintf("ComponentDefinition/%s %s", m->o->name,
	    name);
	for (i = 0; i < vars->nenv; i++)
		dv_scope_add(&s, vars->env[i].name);
	actions_env(&s, in, la);
	s.cmpd = m;
	dv_scope_scan_container(&s, in, ex);
	free(s.label);
	dv_scope_free(&s);
}

void
dv_cmpd_actions(struct derive *d, struct dcmpd *m, const struct oc_target *vars)
{
	const struct dinput *in = m->o->in;
	const struct oc_node *la = dv_get_kind(in, dv_get(in, m->o->root,
	    "spec"), "lifecycleActions", OC_OBJECT);
	size_t i, len;

	for (i = 0; la != NULL && i < doc_count(la); i++) {
		const struct oc_node *a = doc_at(in->doc, la, i);
		const char *k = doc_key_text(in->doc, a, &len);
		char *name = xstrndup(k, len);

		action_scan(d, m, vars, la, a, name);
		free(name);
	}
}
