/*
 * contract derive, ComponentDefinitions: one target per runtime container
 * with the definition's vars first in its env (KubeBlocks prepends them to
 * every container), its mounts typed by the volume behind them, its uid
 * and resources; and the volumes no container mounts.
 */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/redact.h"
#include "ocicheck/check.h"
#include "derive_int.h"

static const char *
volume_type_of_pod(const struct dinput *in, const struct oc_node *v,
    int64_t *size)
{
	const struct oc_node *ed = dv_get(in, v, "emptyDir");

	*size = -1;
	if (ed != NULL) {
		*size = dv_qty(in, ed, "sizeLimit", 0);
		return dv_is(in, dv_get(in, ed, "medium"), "Memory") ? "tmpfs" :
		    "emptyDir";
	}
	if (dv_get(in, v, "configMap") != NULL)
		return "configMap";
	if (dv_get(in, v, "secret") != NULL)
		return "secret";
	if (dv_get(in, v, "projected") != NULL)
		return "projected";
	if (dv_get(in, v, "downwardAPI") != NULL)
		return "downwardAPI";
	if (dv_get(in, v, "hostPath") != NULL)
		return "hostPath";
	if (dv_get(in, v, "persistentVolumeClaim") != NULL ||
	    dv_get(in, v, "ephemeral") != NULL)
		return "pvc";
	return "any";
}

static void
vol_add(struct dcmpd *m, char *name, const char *type, int64_t size,
    const struct oc_node *node)
{
	enum oc_mount_type t = OC_MT_ANY;
	size_t i;

	for (i = 0; i <= OC_MT_PVC_OR_EMPTYDIR; i++)
		if (strcmp(mount_type_name((enum oc_mount_type)i), type) == 0)
			t = (enum oc_mount_type)i;
	for (i = 0; i < m->nvols; i++)
		if (strcmp(m->vols[i].name, name) == 0) {
			free(name);
			return;		/* the first source of a name wins */
		}
	m->vols = xrealloc(m->vols, (m->nvols + 1) * sizeof(*m->vols));
	m->vols[m->nvols++] = (struct dvol){ name, t, size, node, 0 };
}

/* DRV007: two pod volumes of one name. The pod is refused; what a mount
 * of that name is cannot be known, so it is "any". */
static void
volume_again(struct derive *d, const struct dcmpd *m, struct dvol *old,
    const struct oc_node *v)
{
	const struct dinput *in = m->o->in;
	const struct oc_node *a = dv_get(in, old->node, "name");
	const struct oc_node *b = dv_get(in, v, "name");

	if (old->type != OC_MT_ANY || old->size != -2)
		dv_report(d, in, OC_R_DRV007, a, 0, "ComponentDefinition '%s' "
		    "declares pod volume '%s' twice (again at line %u): the API "
		    "server refuses the pod", m->o->name, old->name,
		    doc_span(in->doc, b).start.line);
	dv_report(d, in, OC_R_DRV007, b, 0, "ComponentDefinition '%s' declares "
	    "pod volume '%s' again (first at line %u): the API server refuses "
	    "the pod", m->o->name, old->name, doc_span(in->doc, a).start.line);
	old->type = OC_MT_ANY;
	old->size = -2;		/* reported */
}

/* Every volume KubeBlocks gives the pods of a definition: spec.volumes
 * (persistent), configs, scripts and tls (each names a volume), and the
 * pod template's own runtime.volumes. */
static void
cmpd_volumes(struct derive *d, struct dcmpd *m)
{
	const struct dinput *in = m->o->in;
	const struct oc_node *spec = dv_get(in, m->o->root, "spec"), *l;
	static const char *const named[] = { "configs", "scripts" };
	int64_t size;
	size_t i, k;
	char *s;

	l = dv_get(in, spec, "volumes");
	for (i = 0; i < dv_count(l); i++)
		if ((s = dv_str(in, doc_at(in->doc, l, i), "name")) != NULL)
			vol_add(m, s, "pvc", -1, NULL);
	for (k = 0; k < ARRAY_SIZE(named); k++) {
		l = dv_get(in, spec, named[k]);
		for (i = 0; i < dv_count(l); i++)
			if ((s = dv_str(in, doc_at(in->doc, l, i),
			    "volumeName")) != NULL)
				vol_add(m, s, "configMap", -1, NULL);
	}
	if ((s = dv_str(in, dv_get(in, spec, "tls"), "volumeName")) != NULL)
		vol_add(m, s, "secret", -1, NULL);
	l = dv_get(in, dv_get(in, spec, "runtime"), "volumes");
	for (i = 0; i < dv_count(l); i++) {
		const struct oc_node *v = doc_at(in->doc, l, i);
		const char *type = volume_type_of_pod(in, v, &size);
		struct dvol *old;

		if ((s = dv_name(in, v, "name")) == NULL)
			continue;
		if ((old = dv_find_vol(m, s)) != NULL && old->node != NULL) {
			volume_again(d, m, old, v);
			free(s);
		} else
			vol_add(m, s, type, size, v);
	}
}

/* A credentialVarRef whose compDef cannot be evaluated gives no
 * reference: with no pattern it would match every definition. */
static int
compdef_ok(struct derive *d, const struct dinput *in, const struct oc_node *ref)
{
	char *cd = dv_name(in, ref, "compDef");
	struct oc_pattern p;
	int ok = 1;

	if (cd != NULL) {
		ok = dv_pattern(d, in, dv_get(in, ref, "compDef"), cd, &p) == 0;
		if (ok)
			pattern_free(&p);
	}
	free(cd);
	return ok;
}

/* A var of a definition: env for every container, and for a
 * credentialVarRef a reference to the account. */
static void
cmpd_var(struct derive *d, struct dcmpd *m, const struct oc_node *var,
    struct oc_target *env)
{
	static const char *const refs[] = { "credentialVarRef",
		"serviceVarRef", "hostNetworkVarRef", "componentVarRef",
		"clusterVarRef", "tlsVarRef", "serviceRefVarRef",
		"resourceVarRef", "secretKeyRef", "configMapKeyRef" };
	const struct dinput *in = m->o->in;
	const struct oc_node *vf = dv_get(in, var, "valueFrom"), *ref = NULL;
	/* An expression rewrites the value, maybe to "": no equals and no
	 * nonEmpty can be derived for it. */
	int expr = dv_get(in, var, "expression") != NULL;
	char *name = dv_name(in, var, "name"), *from;
	struct oc_env_req *e;
	struct oc_reference *r;
	size_t k;

	if (name == NULL)
		return;
	e = dv_env_slot(env, name);
	for (k = 0; vf != NULL && k < ARRAY_SIZE(refs); k++)
		if ((ref = dv_get(in, vf, refs[k])) != NULL)
			break;
	if (ref == NULL) {
		dv_env_origin(e, "literal", dv_where(in, var));
		if (dv_get(in, var, "value") != NULL && !expr)
			dv_env_literal(e, in, dv_get(in, var, "value"));
		else if (expr)
			e->secret = redact_name(name, strlen(name));
		free(name);
		return;
	}
	from = xasprintf("kb.var.%.*s", (int)(strlen(refs[k]) -
	    (k < 8 ? 6 : 0)), refs[k]);
	dv_env_origin(e, from, dv_where(in, var));
	free(from);
	e->non_empty = !expr && !dv_ref_optional(in, ref);
	e->secret = redact_name(name, strlen(name)) || k == 8 ||
	    (k == 0 && dv_get(in, ref, "password") != NULL);
	if (k == 0 && dv_get_kind(in, ref, "name", OC_STRING) != NULL &&
	    compdef_ok(d, in, ref)) {
		/* An empty compDef is unset: the component's own. */
		char *cd = dv_name(in, ref, "compDef");

		r = dv_ref_new(d, in, ref, dv_get(in, ref, "name"));
		r->from_kind = xstrdup("ComponentDefinition");
		r->from_name = xstrdup(m->o->name);
		r->from_path = xasprintf("spec.vars[name=%s].valueFrom."
		    "credentialVarRef", name);
		r->from = contract_reference_from(r);
		/* Without compDef the account is the component's own. */
		dv_ref_pattern(r, cd != NULL ? cd : dv_regex_quote(m->o->name));
		r->needs_password = dv_get(in, ref, "password") != NULL;
		r->optional = dv_ref_optional(in, ref);
		dv_strs_add(&r->injects, &r->ninjects, xstrdup(name));
	}
	free(name);
}

/* $(NAME) in a container's env values, command and args: Kubernetes
 * expands it from the vars and the env entries before it, and leaves it
 * literal when nothing defines it. */
static void
check_kube_refs(struct derive *d, const struct dinput *in,
    const struct oc_target *t, size_t known, const struct oc_node *n,
    int shell, const char *what)
{
	struct oc_script_var *v;
	const char *s;
	size_t len, i, nv;

	if (n == NULL || doc_kind(n) != OC_STRING)
		return;
	s = doc_text(in->doc, n, &len);
	nv = kube_refs(s, len, &v);
	for (i = 0; i < nv; i++) {
		const struct oc_target part = { .env = t->env, .nenv = known };
		size_t k = strlen(v[i].name);

		/* In a shell command, $(lower) is command substitution. */
		if (shell && strspn(v[i].name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789_") != k)
			continue;
		if (dv_has_env(&part, v[i].name, k))
			continue;
		dv_report(d, in, OC_R_ENV010, n, 0, "%s of container '%s' uses "
		    "$(%s), which no var or earlier env entry defines: "
		    "Kubernetes leaves it literal", what, t->match_container,
		    v[i].name);
	}
	script_vars_free(v, nv);
}

/* Does a value take $(NAME) from an env entry that is secret? */
static int
refs_secret(const struct dinput *in, const struct oc_target *t,
    const struct oc_node *n)
{
	struct oc_script_var *v;
	const char *s;
	size_t len, i, k, nv;
	int secret = 0;

	if (n == NULL || doc_kind(n) != OC_STRING)
		return 0;
	s = doc_text(in->doc, n, &len);
	nv = kube_refs(s, len, &v);
	for (i = 0; i < nv; i++)
		for (k = 0; k < t->nenv; k++)
			if (t->env[k].secret &&
			    strcmp(t->env[k].name, v[i].name) == 0)
				secret = 1;
	script_vars_free(v, nv);
	return secret;
}

static void
container_env(struct derive *d, const struct dinput *in,
    const struct oc_node *ctr, struct oc_target *t)
{
	const struct oc_node *l = dv_get(in, ctr, "env"), *args;
	size_t i, k;

	for (i = 0; i < dv_count(l); i++) {
		const struct oc_node *it = doc_at(in->doc, l, i);
		const struct oc_node *vf = dv_get(in, it, "valueFrom"), *ref;
		char *name = dv_name(in, it, "name");
		size_t before = t->nenv;
		struct oc_env_req *e;
		int secret;

		if (name == NULL)
			continue;
		check_kube_refs(d, in, t, before, dv_get(in, it, "value"), 0,
		    "env value");
		secret = refs_secret(in, t, dv_get(in, it, "value"));
		e = dv_env_slot(t, name);
		if (vf == NULL) {
			dv_env_origin(e, "container.env", dv_where(in, it));
			dv_env_literal(e, in, dv_get(in, it, "value"));
			/* A value built from a secret is one. */
			e->secret |= secret;
			if (e->secret && e->equals != NULL) {
				free(e->equals);
				e->equals = NULL;
				e->non_empty = 1;
			}
		} else if ((ref = dv_get(in, vf, "secretKeyRef")) != NULL ||
		    (ref = dv_get(in, vf, "configMapKeyRef")) != NULL) {
			dv_env_origin(e, dv_get(in, vf, "secretKeyRef") ?
			    "container.env.secretKeyRef" :
			    "container.env.configMapKeyRef", dv_where(in, it));
			e->non_empty = !dv_true(in, ref, "optional");
			e->secret = dv_get(in, vf, "secretKeyRef") != NULL ||
			    redact_name(name, strlen(name));
		} else {
			dv_env_origin(e, dv_get(in, vf, "fieldRef") ?
			    "container.env.fieldRef" :
			    "container.env.resourceFieldRef", dv_where(in, it));
			e->non_empty = 1;
		}
		free(name);
	}
	for (k = 0; k < 2; k++) {
		args = dv_get(in, ctr, k ? "args" : "command");
		for (i = 0; i < dv_count(args); i++)
			check_kube_refs(d, in, t, t->nenv, doc_at(in->doc, args,
			    i), 1, k ? "args" : "command");
	}
}

/* A mounted name that no volume of the definition provides: KubeBlocks
 * makes it the PVC of the Cluster's claim template of that name, else an
 * emptyDir placeholder. It becomes a volume of the definition, so that
 * the other containers that mount it and the backup methods that name it
 * find it (MNT007). MNT008 once per definition and name when the
 * rendered input cannot tell which of the two the pods get. */
static struct dvol *
undeclared_volume(struct derive *d, const struct dinput *in, struct dcmpd *m,
    const struct oc_node *vm, const struct oc_mount_req *r,
    const struct oc_target *t)
{
	enum dclaim c = dv_cluster_claim(d, m->o->name, r->volume);

	vol_add(m, xstrdup(r->volume), c == DCLAIM_PVC ? "pvc" :
	    c == DCLAIM_NONE ? "emptyDir" : "pvcOrEmptyDir", -1, NULL);
	if (c == DCLAIM_NONE)
		dv_report(d, in, OC_R_MNT008, dv_get(in, vm, "name"), 0,
		    "container '%s' mounts volume '%s' at %s, which "
		    "ComponentDefinition '%s' does not declare and the rendered "
		    "Cluster gives no claim template: KubeBlocks puts an emptyDir "
		    "there, whose data goes with the pod", t->match_container,
		    r->volume, r->destination, m->o->name);
	else if (c == DCLAIM_UNKNOWN)
		dv_report(d, in, OC_R_MNT008, dv_get(in, vm, "name"), 0,
		    "container '%s' mounts volume '%s' at %s, which "
		    "ComponentDefinition '%s' does not declare: the pod gets the "
		    "PVC of a Cluster's claim template of that name, else an "
		    "emptyDir KubeBlocks adds; the contract accepts either "
		    "(render the Cluster too to tell)", t->match_container,
		    r->volume, r->destination, m->o->name);
	return dv_find_vol(m, r->volume);
}

/* The mountPath of a volumeMount as the API server compares it: the
 * path without trailing slashes; NULL when there is none. */
static char *
mount_path(const struct dinput *in, const struct oc_node *vm)
{
	char *p = dv_str(in, vm, "mountPath");
	size_t k;

	for (k = p != NULL ? strlen(p) : 0; k > 1 && p[k - 1] == '/'; k--)
		p[k - 1] = '\0';
	return p;
}

/* DRV007: two volumeMounts of one container at one path. The API server
 * compares mountPaths as written (ValidateVolumeMounts: "must be
 * unique"); two that differ only in a trailing slash pass it and land on
 * one directory, the later shadowing the earlier. Either way neither
 * becomes a requirement: dup[i] is set for both. */
static void
report_paths(struct derive *d, const struct dinput *in, const char *ctr,
    const struct oc_node *a, const struct oc_node *b, const char *path,
    int exact)
{
	const char *why = exact ? "the API server refuses the pod (mountPath "
	    "must be unique)" : "the API server takes them as two paths, but "
	    "both land on one directory and the later shadows the earlier";

	dv_report(d, in, OC_R_DRV007, a, 0, "container '%s' mounts two volumes at "
	    "%s (again at line %u): %s", ctr, path,
	    doc_span(in->doc, b).start.line, why);
	dv_report(d, in, OC_R_DRV007, b, 0, "container '%s' mounts a second volume "
	    "at %s (first at line %u): %s", ctr, path,
	    doc_span(in->doc, a).start.line, why);
}

static void
repeated_paths(struct derive *d, const struct dinput *in,
    const struct oc_node *l, const char *ctr, char *dup)
{
	size_t i, k, n = dv_count(l);

	for (i = 0; i < n; i++) {
		const struct oc_node *a = dv_get(in, doc_at(in->doc, l, i),
		    "mountPath");
		char *p = mount_path(in, doc_at(in->doc, l, i));

		for (k = i + 1; p != NULL && !dup[i] && k < n; k++) {
			const struct oc_node *b = dv_get(in, doc_at(in->doc, l,
			    k), "mountPath");
			char *q = mount_path(in, doc_at(in->doc, l, k));
			char *x = dv_scalar(in, a), *y = dv_scalar(in, b);

			if (q != NULL && strcmp(p, q) == 0 && !dup[k]) {
				report_paths(d, in, ctr, a, b, p, x != NULL &&
				    y != NULL && strcmp(x, y) == 0);
				dup[i] = dup[k] = 1;
			}
			free(x);
			free(y);
			free(q);
		}
		free(p);
	}
}

static void
container_mounts(struct derive *d, const struct dinput *in, struct dcmpd *m,
    const struct oc_node *ctr, struct oc_target *t)
{
	const struct oc_node *l = dv_get(in, ctr, "volumeMounts"), *vm;
	struct oc_mount_req *r;
	struct dvol *dv;
	char *dup = xcalloc(dv_count(l) + 1, 1);
	size_t i;

	repeated_paths(d, in, l, t->match_container, dup);
	for (i = 0; i < dv_count(l); i++) {
		vm = doc_at(in->doc, l, i);
		if (dup[i]) {
			char *name = dv_str(in, vm, "name");

			/* mounted, if refused: not MNT006 as well */
			if (name != NULL && (dv = dv_find_vol(m, name)) != NULL)
				dv->mounted = 1;
			free(name);
			continue;
		}
		if ((r = dv_mount_add(in, vm, t)) == NULL || r->volume == NULL)
			continue;
		if ((dv = dv_find_vol(m, r->volume)) == NULL)
			dv = undeclared_volume(d, in, m, vm, r, t);
		dv->mounted = 1;
		r->type = dv->type;
		if (dv->type == OC_MT_TMPFS)
			r->size_min = dv->size;
		/* Kubernetes mounts configMap, secret, projected and
		 * downwardAPI volumes read-only whatever readOnly says; the
		 * others are writable unless it is set. */
		if (r->access == OC_ACCESS_ANY && (dv->type == OC_MT_PVC ||
		    dv->type == OC_MT_EMPTYDIR || dv->type == OC_MT_TMPFS ||
		    dv->type == OC_MT_HOSTPATH ||
		    dv->type == OC_MT_PVC_OR_EMPTYDIR))
			r->access = OC_ACCESS_RW;
	}
	free(dup);
}

static int64_t
run_as_user(const struct dinput *in, const struct oc_node *sc)
{
	const struct oc_node *n = dv_get_kind(in, sc, "runAsUser", OC_NUMBER);
	int64_t v;

	return n != NULL && doc_i64(in->doc, n, &v) == 0 && v >= 0 ? v : -1;
}

static void
cmpd_container(struct derive *d, struct dcmpd *m, const struct oc_node *ctr,
    const char *role, const struct oc_target *vars)
{
	const struct dinput *in = m->o->in;
	const struct oc_node *rt = dv_get(in, dv_get(in, m->o->root, "spec"),
	    "runtime");
	char *name = dv_name(in, ctr, "name"), *image = NULL, **imgs;
	struct oc_target *t;
	int64_t uid;
	size_t i, nimg;

	if (name == NULL)
		return;
	t = dv_target_new(d, xasprintf("%s/%s", m->o->name, name), role,
	    in, dv_get(in, ctr, "name"));
	t->match_container = name;
	/* A container a ComponentVersion release names runs that image,
	 * whatever the definition says. */
	if ((nimg = dv_cmpd_images(d, m, name, &imgs)) > 0)
		dv_match_images(t, imgs, nimg, 1);
	else if ((image = dv_str(in, ctr, "image")) != NULL)
		dv_match_image(t, image);
	free(image);
	for (i = 0; i < nimg; i++)
		free(imgs[i]);
	free(imgs);
	uid = run_as_user(in, dv_get(in, ctr, "securityContext"));
	if (uid < 0)
		uid = run_as_user(in, dv_get(in, rt, "securityContext"));
	t->has_uid = uid >= 0;
	t->uid = uid;
	/* Vars come first in every container's env. */
	for (i = 0; i < vars->nenv; i++) {
		struct oc_env_req *e = dv_env_slot(t, vars->env[i].name);
		const struct oc_env_req *v = &vars->env[i];
		size_t k;

		e->non_empty = v->non_empty;
		e->secret = v->secret;
		e->equals = v->equals ? xstrdup(v->equals) : NULL;
		e->from = v->from ? xstrdup(v->from) : NULL;
		for (k = 0; k < v->nfroms; k++)
			dv_strs_add(&e->froms, &e->nfroms,
			    xstrdup(v->froms[k]));
		for (k = 0; k < v->ndeclared_at; k++)
			dv_strs_add(&e->declared_at, &e->ndeclared_at,
			    xstrdup(v->declared_at[k]));
	}
	container_env(d, in, ctr, t);
	container_mounts(d, in, m, ctr, t);
	dv_container_resources(in, dv_get(in, ctr, "resources"), t);
}

void
dv_cmpd_derive(struct derive *d, struct dcmpd *m)
{
	const struct dinput *in = m->o->in;
	const struct oc_node *spec = dv_get(in, m->o->root, "spec");
	const struct oc_node *rt = dv_get(in, spec, "runtime"), *l;
	struct oc_target vars;
	size_t i;

	contract_target_init(&vars);
	cmpd_volumes(d, m);
	l = dv_get(in, spec, "vars");
	for (i = 0; i < dv_count(l); i++)
		cmpd_var(d, m, doc_at(in->doc, l, i), &vars);
	l = dv_get(in, rt, "initContainers");
	for (i = 0; i < dv_count(l); i++)
		cmpd_container(d, m, doc_at(in->doc, l, i), "init", &vars);
	l = dv_get(in, rt, "containers");
	m->main = -1;
	for (i = 0; i < dv_count(l); i++) {
		size_t before = d->c->ntargets;

		cmpd_container(d, m, doc_at(in->doc, l, i), i ? "sidecar" :
		    "main", &vars);
		/* Backup and restore jobs start from this one's env. */
		if (i == 0 && d->c->ntargets > before) {
			m->main = (long)before;
			m->main_envfrom = dv_get(in, doc_at(in->doc, l, 0),
			    "envFrom") != NULL;
		}
	}
	dv_cmpd_actions(d, m, &vars);
	for (i = 0; i < vars.nenv; i++)
		contract_env_req_free(&vars.env[i]);
	free(vars.env);
	for (i = 0; i < m->nvols; i++) {
		const struct dvol *v = &m->vols[i];

		if (v->node == NULL || v->mounted)
			continue;
		dv_report(d, in, OC_R_MNT006, dv_get(in, v->node, "name"), 0,
		    "volume '%s' of ComponentDefinition '%s' is %s no "
		    "container mounts: %s", v->name, m->o->name,
		    v->type == OC_MT_TMPFS ? "a memory-backed emptyDir" :
		    "a pod volume", v->type == OC_MT_TMPFS ? "the /dev/shm or "
		    "scratch space it was meant to provide is not there and "
		    "the container falls back to the runtime's 64M default" :
		    "whatever was meant to be there is missing");
	}
}
