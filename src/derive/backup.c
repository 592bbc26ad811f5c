/*
 * contract derive, BackupPolicyTemplates: account references evaluated
 * against every definition the template's compDefs match, and one
 * backup-job target per method whose env is what the DataProtection
 * controller really injects (DP_DB_USER and DP_DB_PASSWORD only when an
 * account is set), the ActionSet's and the method's env. What the script
 * reads beyond that is ENV010; a targetVolumes name the definition lacks
 * (silently dropped by the controller) is MNT007.
 */
#include <stdlib.h>
#include <string.h>

#include "derive_int.h"

/* Of those, what every backup job gets whatever its target: the contract
 * requires them; the rest only when the script reads them. */
static const char *const dp_always[] = {
	"DP_BACKUP_BASE_PATH", "DP_BACKUP_INFO_FILE", "DP_BACKUP_NAME",
	"DP_DB_HOST", "DP_TARGET_POD_NAME",
};

struct bpt {
	struct derive *d;
	struct dobj *o;
	const struct dinput *in;
	struct oc_pattern *pats;
	size_t npats;
	int unchecked;		/* compDefs given, none could be evaluated */
	struct dcmpd **matched;
	size_t nmatched;
};

/* A target's account, NULL when unset: KubeBlocks adds a credential
 * only for a non-empty one (buildBackupMethods). */
static const struct oc_node *
target_account(const struct dinput *in, const struct oc_node *target)
{
	const struct oc_node *acct = dv_get_kind(in, target, "account",
	    OC_STRING);
	size_t len = 0;

	if (acct == NULL || doc_text(in->doc, acct, &len) == NULL || len == 0)
		return NULL;
	return acct;
}

static void
bpt_reference(struct bpt *b, const struct oc_node *target, const char *path,
    const char *consumer)
{
	const struct oc_node *acct = target_account(b->in, target);
	struct oc_reference *r;
	size_t i;

	if (acct == NULL || b->unchecked)
		return;
	r = dv_ref_new(b->d, b->in, target, acct);
	r->from_kind = xstrdup("BackupPolicyTemplate");
	r->from_name = xstrdup(b->o->name);
	r->from_path = xstrdup(path);
	r->from = contract_reference_from(r);
	for (i = 0; i < b->npats; i++)
		dv_ref_pattern(r, xstrdup(b->pats[i].text));
	r->needs_password = 1;
	dv_strs_add(&r->injects, &r->ninjects, xstrdup("DP_DB_USER"));
	dv_strs_add(&r->injects, &r->ninjects, xstrdup("DP_DB_PASSWORD"));
	if (consumer != NULL)
		dv_strs_add(&r->consumers, &r->nconsumers, xstrdup(consumer));
}

/* MNT007: the controller keeps only the targetVolumes that name a volume
 * of the target pod and drops the others without a word. The pod's
 * volumes: the definition's, the names its containers mount (a claim
 * template or the emptyDir placeholder) and the rendered Cluster's claim
 * templates. */
static void
check_volume_name(struct bpt *b, const struct oc_node *name_node,
    const char *method)
{
	struct oc_buf missing = { 0 };
	char *name = dv_scalar(b->in, name_node);
	size_t i, n = 0;

	if (name == NULL)
		return;
	for (i = 0; i < b->nmatched; i++)
		/* A claim template is a pod volume even where no container
		 * mounts it. */
		if (dv_find_vol(b->matched[i], name) == NULL &&
		    dv_cluster_claim(b->d, b->matched[i]->o->name, name) !=
		    DCLAIM_PVC)
			buf_printf(&missing, "%s'%s'", n++ ? ", " : "",
			    b->matched[i]->o->name);
	if (n > 0)
		dv_report(b->d, b->in, OC_R_MNT007, name_node, 0, "targetVolumes "
		    "of backup method '%s' name volume '%s', which %s %s %s "
		    "not have: the DataProtection controller drops it silently "
		    "and the backup reads an empty directory", method, name,
		    n == 1 ? "ComponentDefinition" : "ComponentDefinitions",
		    missing.s, n == 1 ? "does" : "do");
	buf_free(&missing);
	free(name);
}

static int
listed(const struct dinput *in, const struct oc_node *l, const char *name)
{
	size_t i;

	for (i = 0; i < dv_count(l); i++)
		if (dv_is(in, doc_at(in->doc, l, i), name))
			return 1;
	return 0;
}

static void
method_volumes(struct bpt *b, const struct oc_node *tv, const char *method)
{
	const struct oc_node *l = dv_get(b->in, tv, "volumes");
	size_t i;

	for (i = 0; i < dv_count(l); i++)
		check_volume_name(b, doc_at(b->in->doc, l, i), method);
	l = dv_get(b->in, tv, "volumeMounts");
	for (i = 0; i < dv_count(l); i++) {
		const struct oc_node *n = dv_get(b->in, doc_at(b->in->doc, l, i),
		    "name");
		char *name = dv_scalar(b->in, n);

		/* A mount of a listed volume: reported at the list. */
		if (name == NULL || !listed(b->in, dv_get(b->in, tv, "volumes"),
		    name))
			check_volume_name(b, n, method);
		free(name);
	}
}

/* Backup-job mounts: the target volumes, when the job runs on the
 * target's node (otherwise it mounts none of them). */
static void
job_mounts(struct bpt *b, const struct oc_node *tv, struct oc_target *t)
{
	const struct oc_node *l = dv_get(b->in, tv, "volumeMounts");
	size_t i, k;

	for (i = 0; i < dv_count(l); i++) {
		struct oc_mount_req *m = dv_mount_add(b->in,
		    doc_at(b->in->doc, l, i), t);
		struct dvol *v = NULL;

		for (k = 0; m != NULL && m->volume != NULL && k < b->nmatched &&
		    v == NULL; k++)
			v = dv_find_vol(b->matched[k], m->volume);
		if (v != NULL)
			m->type = v->type;
	}
}

/* The value a job gets for name when no versionMapping entry matches:
 * the controller then sets nothing and the ActionSet's env stays. 1 with
 * *value NULL when that is no literal, 0 when the ActionSet has none. */
static int
fallback_value(const struct oc_target *t, const char *name, char **value)
{
	size_t i;

	*value = NULL;
	for (i = 0; i < t->nenv; i++)
		if (strcmp(t->env[i].name, name) == 0 && t->env[i].from != NULL &&
		    strcmp(t->env[i].from, "actionset.env") == 0) {
			if (t->env[i].equals != NULL)
				*value = xstrdup(t->env[i].equals);
			return 1;
		}
	return 0;
}

static void
version_mapping(const struct dinput *in, const struct oc_node *it,
    const struct oc_node *vm, struct oc_target *t, const char *name)
{
	struct oc_env_req *e;
	char *dflt;
	int has_dflt = fallback_value(t, name, &dflt);
	size_t k;

	e = dv_env_slot(t, name);
	dv_env_origin(e, "bpt.versionMapping", dv_where(in, it));
	for (k = 0; k < dv_count(vm); k++) {
		char *v = dv_str(in, doc_at(in->doc, vm, k), "mappedValue");

		if (v != NULL)
			dv_strs_add(&e->one_of, &e->n_one_of, v);
	}
	e->non_empty = e->n_one_of > 0;
	if (!has_dflt)
		return;
	dv_strs_add(&e->froms, &e->nfroms, xstrdup("actionset.env"));
	if (dflt != NULL && dflt[0] == '\0')
		e->non_empty = 0;
	for (k = 0; dflt != NULL && k < e->n_one_of; k++)
		if (strcmp(e->one_of[k], dflt) == 0)
			break;
	if (dflt != NULL && k == e->n_one_of)
		dv_strs_add(&e->one_of, &e->n_one_of, dflt);
	else
		free(dflt);
	/* A default known only at run time: any value may be the one. */
	if (dflt == NULL) {
		for (k = 0; k < e->n_one_of; k++)
			free(e->one_of[k]);
		free(e->one_of);
		e->one_of = NULL;
		e->n_one_of = 0;
	}
}

/* env of an ActionSet or a method: literal values, and a method's
 * versionMapping as the set of values it can take. */
static void
job_env(const struct dinput *in, const struct oc_node *l, const char *from,
    struct oc_target *t)
{
	size_t i;

	for (i = 0; i < dv_count(l); i++) {
		const struct oc_node *it = doc_at(in->doc, l, i);
		const struct oc_node *vm = dv_get(in, dv_get(in, it,
		    "valueFrom"), "versionMapping");
		char *name = dv_name(in, it, "name");
		struct oc_env_req *e;

		if (name == NULL)
			continue;
		if (vm != NULL) {
			version_mapping(in, it, vm, t, name);
			free(name);
			continue;
		}
		e = dv_env_slot(t, name);
		free(name);
		dv_env_origin(e, from, dv_where(in, it));
		dv_env_literal(e, in, dv_get(in, it, "value"));
	}
}

/* What the job's scripts read: the backupData container's, and those of
 * the job-type pre- and post-backup actions, which get the same env
 * (BuildJobActionPodSpec). */
static void
backup_scripts(struct bpt *b, const struct oc_node *method, const char *mname,
    struct dobj *as, int account, struct oc_target *t)
{
	const struct dinput *ain = as->in;
	const struct oc_node *aspec = dv_get(ain, as->root, "spec");
	const struct oc_node *bk = dv_get(ain, aspec, "backup"), *l;
	const struct oc_node *type = dv_get(ain, aspec, "backupType");
	static const char *const hooks[] = { "preBackup", "postBackup" };
	struct dscope s = { .d = b->d, .t = t };
	size_t i, k;

	s.job = dv_is(ain, type, "Continuous") ? "backup-continuous" : "backup";
	s.incremental = dv_is(ain, type, "Incremental");
	s.account = account;
	s.has_account = 1;
	s.account_why = "the DataProtection controller sets it only when the "
	    "backup's target (the method's own, else the policy's) names an "
	    "account";
	s.why = "nothing provides it (not the platform, the target pod's first "
	    "container, the ActionSet or the method)";
	s.what = xasprintf("ActionSet '%s' (backup method '%s')", as->name,
	    mname);
	s.key = s.label = xasprintf("ActionSet/%s", as->name);
	dv_scope_pods(&s, b->matched, b->nmatched);
	dv_scope_add_env(&s, ain, dv_get(ain, aspec, "env"));
	dv_scope_add_env(&s, b->in, dv_get(b->in, method, "env"));
	dv_scope_add_params(&s, ain, dv_get(ain, aspec, "parametersSchema"));
	/* envFrom brings names derive cannot see: the heuristic would only
	 * guess, so it stays quiet. */
	s.quiet |= dv_get(ain, aspec, "envFrom") != NULL;
	dv_scope_scan_container(&s, ain, dv_get(ain, bk, "backupData"));
	s.t = NULL;
	for (k = 0; k < ARRAY_SIZE(hooks); k++) {
		l = dv_get(ain, bk, hooks[k]);
		for (i = 0; i < dv_count(l); i++)
			dv_scope_scan_container(&s, ain, dv_get(ain,
			    doc_at(ain->doc, l, i), "job"));
	}
	free(s.label);
	dv_scope_free(&s);
}

static void
backup_job(struct bpt *b, const struct oc_node *method, const char *mname,
    struct dobj *as, int account)
{
	const struct dinput *ain = as->in;
	const struct oc_node *aspec = dv_get(ain, as->root, "spec");
	const struct oc_node *bd = dv_get(ain, dv_get(ain, aspec, "backup"),
	    "backupData");
	struct oc_target *t;
	struct oc_error *err = NULL;
	char *image;
	size_t i;

	t = dv_target_new(b->d, xasprintf("backup/%s", mname),
	    "backup-job", b->in, dv_get(b->in, method, "name"));
	/* Policies of one chart may name their methods alike. */
	free(b->d->sites[b->d->nsites - 1].owner);
	b->d->sites[b->d->nsites - 1].owner = xasprintf("%s: %s", b->o->name,
	    mname);
	t->match_container = xstrdup("backupdata");
	t->match_sandbox = xcalloc(1, sizeof(*t->match_sandbox));
	if (pattern_compile(t->match_sandbox, "^dp-backup-", &err) < 0) {
		pattern_free(t->match_sandbox);
		free(t->match_sandbox);
		t->match_sandbox = NULL;
	}
	oc_error_free(err);
	if ((image = dv_str(ain, bd, "image")) != NULL)
		dv_match_image(t, image);
	free(image);
	for (i = 0; i < ARRAY_SIZE(dp_always); i++) {
		struct oc_env_req *e = dv_env_slot(t, dp_always[i]);

		dv_env_origin(e, "dp.injected", NULL);
		e->non_empty = 1;
	}
	if (account) {
		struct oc_env_req *e = dv_env_slot(t, "DP_DB_USER");

		dv_env_origin(e, "dp.target-account", NULL);
		e->non_empty = 1;
		e = dv_env_slot(t, "DP_DB_PASSWORD");
		dv_env_origin(e, "dp.target-account", NULL);
		e->non_empty = e->secret = 1;
	}
	job_env(ain, dv_get(ain, aspec, "env"), "actionset.env", t);
	job_env(b->in, dv_get(b->in, method, "env"), "bpt.method.env", t);
	backup_scripts(b, method, mname, as, account, t);
	if (dv_true(ain, bd, "runOnTargetPodNode"))
		job_mounts(b, dv_get(b->in, method, "targetVolumes"), t);
	dv_container_resources(b->in, dv_get(b->in, dv_get(b->in, method,
	    "runtimeSettings"), "resources"), t);
}

static void
bpt_method(struct bpt *b, const struct oc_node *method, int top_account)
{
	const struct dinput *in = b->in;
	const struct oc_node *target = dv_get_kind(in, method, "target",
	    OC_OBJECT), *asn;
	char *name = dv_name(in, method, "name"), *path, *consumer;
	struct dobj *as = NULL;
	char *asname;

	if (name == NULL)
		return;
	path = xasprintf("spec.backupMethods[name=%s].target.account", name);
	consumer = xasprintf("backup/%s", name);
	asn = dv_get_kind(in, method, "actionSetName", OC_STRING);
	asname = asn != NULL ? dv_name(in, method, "actionSetName") : NULL;
	if (asname != NULL)
		as = dv_find_obj(b->d, "ActionSet", asname);
	/* Only backup_job writes the consumer's target; naming one that
	 * is not there makes the derived contract invalid. */
	bpt_reference(b, target, path, as != NULL ? consumer : NULL);
	method_volumes(b, dv_get(in, method, "targetVolumes"), name);
	if (asname != NULL && as == NULL)
		dv_report(b->d, in, OC_R_DRV001, asn, 0, "backup method '%s' uses "
		    "ActionSet '%s', which is not in the rendered input: "
		    "backups with it fail to start, or the ActionSet comes "
		    "from another chart (render that one too)", name, asname);
	/* A method's own target replaces the policy's, account and all. */
	if (as != NULL) {
		backup_job(b, method, name, as, target != NULL ?
		    target_account(in, target) != NULL : top_account);
		dv_restore_derive(b->d, as, in, method, b->matched, b->nmatched,
		    name);
	}
	free(asname);
	free(path);
	free(consumer);
	free(name);
}

void
dv_bpt_derive(struct derive *d, struct dobj *o)
{
	struct bpt b = { .d = d, .o = o, .in = o->in };
	const struct oc_node *spec = dv_get(o->in, o->root, "spec");
	const struct oc_node *l = dv_get(o->in, spec, "compDefs"), *top;
	size_t i, k;

	b.pats = xcalloc(dv_count(l) + 1, sizeof(*b.pats));
	for (i = 0; i < dv_count(l); i++) {
		const struct oc_node *n = doc_at(o->in->doc, l, i);
		char *s = dv_scalar(o->in, n);

		if (s != NULL && dv_pattern(d, o->in, n, s, &b.pats[b.npats]) == 0)
			b.npats++;
		free(s);
	}
	b.unchecked = dv_count(l) > 0 && b.npats == 0;
	b.matched = xcalloc(d->ncmpd + 1, sizeof(*b.matched));
	for (i = 0; i < d->ncmpd; i++)
		for (k = 0; k < b.npats; k++)
			if (compdef_matches(&b.pats[k], d->cmpd[i].o->name)) {
				b.matched[b.nmatched++] = &d->cmpd[i];
				break;
			}
	top = dv_get(o->in, spec, "target");
	l = dv_get(o->in, spec, "backupMethods");
	bpt_reference(&b, top, "spec.target.account", NULL);
	for (i = 0; i < dv_count(l); i++)
		bpt_method(&b, doc_at(o->in->doc, l, i),
		    target_account(o->in, top) != NULL);
	for (i = 0; i < b.npats; i++)
		pattern_free(&b.pats[i]);
	free(b.pats);
	free(b.matched);
}
