/*
 * contract derive, the model under construction: the look-ups and
 * builders every pass shares (objects and volumes by name, a new target,
 * an env slot, a reference, a mount requirement), kept apart from the
 * passes so that each pass calls down to them and derive.c, the driver,
 * is called by nobody.
 */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/redact.h"
#include "derive_int.h"

struct dobj *
dv_find_obj(struct derive *d, const char *kind, const char *name)
{
	size_t i;

	for (i = 0; i < d->nobj; i++)
		if (strcmp(d->obj[i].kind, kind) == 0 &&
		    strcmp(d->obj[i].name, name) == 0)
			return &d->obj[i];
	return NULL;
}

struct dvol *
dv_find_vol(const struct dcmpd *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nvols; i++)
		if (strcmp(m->vols[i].name, name) == 0)
			return &m->vols[i];
	return NULL;
}

struct oc_target *
dv_target_new(struct derive *d, char *name, const char *role,
    const struct dinput *in, const struct oc_node *at)
{
	struct oc_contract *c = d->c;
	struct oc_target *t;

	int backup = strcmp(role, "backup-job") == 0;
	size_t n = strcspn(name, "/");

	d->sites = xrealloc(d->sites, (c->ntargets + 1) * sizeof(*d->sites));
	d->sites[c->ntargets] = (struct dsite){ in, at, backup ?
	    xstrdup(name[n] ? name + n + 1 : name) : xstrndup(name, n),
	    backup };
	d->nsites = c->ntargets + 1;
	c->targets = xrealloc(c->targets, (c->ntargets + 1) *
	    sizeof(*c->targets));
	t = &c->targets[c->ntargets++];
	contract_target_init(t);
	t->name = name;
	t->role = xstrdup(role);
	return t;
}

/* The env requirement for name in t, replacing an earlier one: a later
 * entry of the same name wins in Kubernetes. */
struct oc_env_req *
dv_env_slot(struct oc_target *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nenv; i++)
		if (strcmp(t->env[i].name, name) == 0) {
			contract_env_req_free(&t->env[i]);
			memset(&t->env[i], 0, sizeof(t->env[i]));
			t->env[i].name = xstrdup(name);
			t->env[i].min_length = -1;
			t->env[i].severity = OC_ITEM_DEFAULT;
			return &t->env[i];
		}
	t->env = xrealloc(t->env, (t->nenv + 1) * sizeof(*t->env));
	memset(&t->env[t->nenv], 0, sizeof(t->env[t->nenv]));
	t->env[t->nenv].name = xstrdup(name);
	t->env[t->nenv].min_length = -1;
	t->env[t->nenv].severity = OC_ITEM_DEFAULT;
	return &t->env[t->nenv++];
}

int
dv_has_env(const struct oc_target *t, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < t->nenv; i++)
		if (strlen(t->env[i].name) == len &&
		    memcmp(t->env[i].name, name, len) == 0)
			return 1;
	return 0;
}

void
dv_strs_add(char ***v, size_t *n, char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = s;
}

int
dv_strs_has(char *const *v, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(v[i]) == len && memcmp(v[i], s, len) == 0)
			return 1;
	return 0;
}

void
dv_strs_add_new(char ***v, size_t *n, char *s)
{
	if (dv_strs_has(*v, *n, s, strlen(s)))
		free(s);
	else
		dv_strs_add(v, n, s);
}

/* from: and declaredAt: of an env requirement. */
void
dv_env_origin(struct oc_env_req *e, const char *from, char *at)
{
	dv_strs_add(&e->froms, &e->nfroms, xstrdup(from));
	e->from = xstrdup(from);
	if (at != NULL)
		dv_strs_add(&e->declared_at, &e->ndeclared_at, at);
}

/* A literal value: equals what Kubernetes makes of it ($$(X) is the
 * text $(X), which the check then does not take for an unresolved
 * reference), unless it holds a $(VAR) (resolved at run time) or the
 * name says secret (the contract must not carry it). */
void
dv_env_literal(struct oc_env_req *e, const struct dinput *in,
    const struct oc_node *v)
{
	char *s = dv_scalar(in, v), *value;

	if (s == NULL)
		return;
	e->secret = redact_name(e->name, strlen(e->name));
	value = kube_unescape(s, strlen(s));
	if (value != NULL && !e->secret)
		e->equals = value;
	else
		free(value);
	e->non_empty = e->equals == NULL && s[0] != '\0';
	free(s);
}

/* Optional: an `optional: true` in the ref, or any selector "Optional". */
int
dv_ref_optional(const struct dinput *in, const struct oc_node *ref)
{
	size_t i;

	if (dv_true(in, ref, "optional"))
		return 1;
	for (i = 0; ref != NULL && doc_kind(ref) == OC_OBJECT &&
	    i < doc_count(ref); i++)
		if (dv_is(in, doc_at(in->doc, ref, i), "Optional"))
			return 1;
	return 0;
}

char *
dv_regex_quote(const char *s)
{
	struct oc_buf b = { 0 };

	buf_addc(&b, '^');
	for (; *s; s++) {
		if (strchr(".^$*+?()[]{}|\\", *s) != NULL)
			buf_addc(&b, '\\');
		buf_addc(&b, *s);
	}
	buf_addc(&b, '$');
	return buf_steal(&b);
}

int
dv_pattern(struct derive *d, const struct dinput *in, const struct oc_node *n,
    const char *text, struct oc_pattern *p)
{
	struct oc_error *err = NULL;

	if (pattern_compile(p, text, &err) == 0)
		return 0;
	dv_report(d, in, OC_R_DRV003, n, 0, "compDef %s: it matches no definition "
	    "here, so what depends on it is not checked", err->msg);
	oc_error_free(err);
	pattern_free(p);
	return -1;
}

void
dv_ref_pattern(struct oc_reference *r, char *text)
{
	struct oc_error *err = NULL;

	r->patterns = xrealloc(r->patterns, (r->npatterns + 1) *
	    sizeof(*r->patterns));
	if (pattern_compile(&r->patterns[r->npatterns], text, &err) == 0)
		r->npatterns++;
	else
		pattern_free(&r->patterns[r->npatterns]);
	oc_error_free(err);
	free(text);
}

struct oc_reference *
dv_ref_new(struct derive *d, const struct dinput *in,
    const struct oc_node *node, const struct oc_node *account)
{
	struct oc_contract *c = d->c;
	struct oc_reference *r;

	c->refs = xrealloc(c->refs, (c->nrefs + 1) * sizeof(*c->refs));
	r = &c->refs[c->nrefs++];
	memset(r, 0, sizeof(*r));
	r->node = node;
	r->account_node = account;
	r->account = dv_scalar(in, account);
	r->doc = in->doc;
	r->severity = OC_ITEM_DEFAULT;
	return r;
}

struct oc_mount_req *
dv_mount_add(const struct dinput *in, const struct oc_node *vm,
    struct oc_target *t)
{
	char *dest = dv_str(in, vm, "mountPath");
	struct oc_mount_req *r;
	size_t k;

	if (dest == NULL || dest[0] != '/') {
		free(dest);
		return NULL;
	}
	for (k = strlen(dest); k > 1 && dest[k - 1] == '/'; k--)
		dest[k - 1] = '\0';
	/* The API server refuses a container whose mountPaths repeat; keep
	 * the first, so that the contract requires each path once. */
	for (k = 0; k < t->nmounts; k++)
		if (strcmp(t->mounts[k].destination, dest) == 0) {
			free(dest);
			return NULL;
		}
	t->mounts = xrealloc(t->mounts, (t->nmounts + 1) * sizeof(*t->mounts));
	r = &t->mounts[t->nmounts++];
	memset(r, 0, sizeof(*r));
	r->destination = dest;
	r->volume = dv_str(in, vm, "name");
	r->access = dv_true(in, vm, "readOnly") ? OC_ACCESS_RO : OC_ACCESS_ANY;
	r->size_min = -1;
	r->severity = OC_ITEM_DEFAULT;
	return r;
}

void
dv_container_resources(const struct dinput *in, const struct oc_node *res,
    struct oc_target *t)
{
	const struct oc_node *lim = dv_get(in, res, "limits");
	const struct oc_node *req = dv_get(in, res, "requests");

	if (dv_qty(in, lim, "memory", 0) >= 0)
		t->mem_require_limit = 1;
	if (dv_qty(in, req, "memory", 0) >= 0)
		t->mem_min = dv_qty(in, req, "memory", 0);
	if (dv_qty(in, lim, "cpu", 1) >= 0)
		t->cpu_require_quota = 1;
	if (dv_qty(in, req, "cpu", 1) >= 0)
		t->cpu_min_milli = dv_qty(in, req, "cpu", 1);
}

/* Is t one of definition def's targets? They are named
 * definition/container until short_names(), after derive's passes. */
int
dv_target_of(const struct oc_target *t, const char *def)
{
	size_t len = strlen(def);

	return strncmp(t->name, def, len) == 0 && t->name[len] == '/';
}

/* The containers of the definition that have a name in their own env:
 * for a message that says where the script's author saw it. */
char *
dv_containers_with(struct derive *d, const struct dcmpd *m, const char *name)
{
	struct oc_buf b = { 0 };
	size_t i, n = 0;

	for (i = 0; i < d->c->ntargets; i++) {
		const struct oc_target *t = &d->c->targets[i];

		if (dv_target_of(t, m->o->name) &&
		    dv_has_env(t, name, strlen(name)))
			buf_printf(&b, "%s'%s'", n++ ? ", " : "",
			    t->match_container);
	}
	return n > 0 ? buf_steal(&b) : NULL;
}
