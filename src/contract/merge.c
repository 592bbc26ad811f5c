/*
 * Overlays: what a chart cannot say (the memory a database needs, the
 * /dev/shm size, env its image must get) written by hand and merged into
 * a derived contract. Where both say something the stricter holds: the
 * larger minimum, the smaller maximum, a required flag over none. Where
 * no value satisfies both (two different uids or `equals`) the overlay is
 * wrong or the chart changed under it, and derive stops and says where.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ocicheck/derive.h"
#include "ocicheck/source.h"

struct merge {
	const struct oc_contract *ov;
	struct oc_error **err;
	int failed;
};

static void
conflict(struct merge *m, const struct oc_node *n, const char *fmt, ...)
	OC_PRINTF(3, 4);

static void
conflict(struct merge *m, const struct oc_node *n, const char *fmt, ...)
{
	struct oc_span s = doc_span(m->ov->doc, n);
	va_list ap;
	char *msg;

	if (m->failed++)
		return;		/* the first conflict is enough to stop */
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	oc_error_set(m->err, 0, "overlay %s:%u:%u: %s", m->ov->src->path,
	    (unsigned)s.start.line, (unsigned)s.start.col, msg);
	free(msg);
}

static int
has_str(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

/* Move the strings of src that dst lacks to dst. */
static void
union_strs(char ***dst, size_t *nd, char **src, size_t ns)
{
	size_t i;

	for (i = 0; i < ns; i++) {
		if (has_str(*dst, *nd, src[i])) {
			free(src[i]);
			continue;
		}
		*dst = xrealloc(*dst, (*nd + 1) * sizeof(**dst));
		(*dst)[(*nd)++] = src[i];
	}
	free(src);
}

static int64_t
max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

/* The smaller of two maxima where -1 means "none". */
static int64_t
min_set(int64_t a, int64_t b)
{
	if (a < 0)
		return b;
	if (b < 0)
		return a;
	return a < b ? a : b;
}

static int
stricter(int a, int b)
{
	return a > b ? a : b;
}

static int
item_sev(int chart, int overlay)
{
	return overlay != OC_ITEM_DEFAULT ? overlay : chart;
}

static void
merge_env(struct merge *m, struct oc_target *t, struct oc_env_req *o)
{
	struct oc_env_req *e = NULL;
	size_t i, k, n;

	for (i = 0; i < t->nenv && e == NULL; i++)
		if (strcmp(t->env[i].name, o->name) == 0)
			e = &t->env[i];
	if (e == NULL) {
		t->env = xrealloc(t->env, (t->nenv + 1) * sizeof(*t->env));
		t->env[t->nenv++] = *o;
		memset(o, 0, sizeof(*o));
		return;
	}
	e->non_empty |= o->non_empty;
	e->secret |= o->secret;
	if (o->min_length > e->min_length)
		e->min_length = o->min_length;
	if (o->equals != NULL && e->equals != NULL &&
	    strcmp(o->equals, e->equals) != 0)
		conflict(m, o->node, "target '%s': env %s must equal %s, but "
		    "the chart sets %s", t->name, o->name, e->secret ||
		    o->secret ? "<redacted>" : o->equals, e->secret ||
		    o->secret ? "<redacted>" : e->equals);
	else if (o->equals != NULL) {
		free(e->equals);
		e->equals = o->equals;
		o->equals = NULL;
	}
	if (o->n_one_of > 0 && e->n_one_of > 0) {
		/* Both lists hold: only values in both are allowed. */
		for (i = 0, n = 0; i < e->n_one_of; i++) {
			if (has_str(o->one_of, o->n_one_of, e->one_of[i]))
				e->one_of[n++] = e->one_of[i];
			else
				free(e->one_of[i]);
		}
		e->n_one_of = n;
		if (n == 0)
			conflict(m, o->node, "target '%s': env %s: no value of "
			    "the overlay's oneOf is one the chart allows",
			    t->name, o->name);
	} else if (o->n_one_of > 0) {
		e->one_of = o->one_of;
		e->n_one_of = o->n_one_of;
		o->one_of = NULL;
		o->n_one_of = 0;
	}
	if (o->pattern != NULL) {
		pattern_free(e->pattern);
		free(e->pattern);
		e->pattern = o->pattern;
		o->pattern = NULL;
	}
	union_strs(&e->froms, &e->nfroms, o->froms, o->nfroms);
	o->froms = NULL;
	o->nfroms = 0;
	free(e->from);
	e->from = NULL;
	for (k = 0; k < e->nfroms; k++) {
		char *j = xasprintf("%s%s%s", e->from ? e->from : "",
		    k ? ", " : "", e->froms[k]);

		free(e->from);
		e->from = j;
	}
	union_strs(&e->declared_at, &e->ndeclared_at, o->declared_at,
	    o->ndeclared_at);
	o->declared_at = NULL;
	o->ndeclared_at = 0;
	e->severity = item_sev(e->severity, o->severity);
}

static void
merge_mount(struct merge *m, struct oc_target *t, struct oc_mount_req *o)
{
	struct oc_mount_req *r = NULL;
	size_t i;

	for (i = 0; i < t->nmounts && r == NULL; i++)
		if (strcmp(t->mounts[i].destination, o->destination) == 0)
			r = &t->mounts[i];
	if (r == NULL) {
		t->mounts = xrealloc(t->mounts, (t->nmounts + 1) *
		    sizeof(*t->mounts));
		t->mounts[t->nmounts++] = *o;
		memset(o, 0, sizeof(*o));
		return;
	}
	/* An overlay may say which of the two a claim-template volume is. */
	if (r->type == OC_MT_PVC_OR_EMPTYDIR && (o->type == OC_MT_PVC ||
	    o->type == OC_MT_EMPTYDIR))
		r->type = o->type;
	else if (o->type == OC_MT_PVC_OR_EMPTYDIR && (r->type == OC_MT_PVC ||
	    r->type == OC_MT_EMPTYDIR))
		;	/* the chart's is the narrower */
	else if (o->type != OC_MT_ANY && r->type != OC_MT_ANY &&
	    o->type != r->type)
		conflict(m, o->node, "target '%s': mount %s is %s in the "
		    "overlay but %s in the chart", t->name, o->destination,
		    mount_type_name(o->type), mount_type_name(r->type));
	else if (o->type != OC_MT_ANY)
		r->type = o->type;
	if (o->access != OC_ACCESS_ANY && r->access != OC_ACCESS_ANY &&
	    o->access != r->access)
		conflict(m, o->node, "target '%s': mount %s is %s in the "
		    "overlay but %s in the chart", t->name, o->destination,
		    o->access == OC_ACCESS_RO ? "ro" : "rw",
		    r->access == OC_ACCESS_RO ? "ro" : "rw");
	else if (o->access != OC_ACCESS_ANY)
		r->access = o->access;
	if (o->volume != NULL) {
		free(r->volume);
		r->volume = o->volume;
		o->volume = NULL;
	}
	r->size_min = max64(r->size_min, o->size_min);
	/* The merged requirement must be one the loader takes: a size only
	 * where the chart mounts something that has one. */
	if (o->size_min >= 0 && !mount_type_sized(r->type))
		conflict(m, o->node, "target '%s': mount %s has sizeMin in the "
		    "overlay, but the chart mounts %s there, which has no size "
		    "to check", t->name, o->destination,
		    mount_type_name(r->type));
	r->severity = item_sev(r->severity, o->severity);
}

static void
merge_resources(struct merge *m, struct oc_target *t,
    const struct oc_target *o)
{
	t->mem_require_limit |= o->mem_require_limit;
	t->mem_min = max64(t->mem_min, o->mem_min);
	t->mem_max = min_set(t->mem_max, o->mem_max);
	t->tmpfs_headroom = max64(t->tmpfs_headroom, o->tmpfs_headroom);
	if (t->mem_min >= 0 && t->mem_max >= 0 && t->mem_min > t->mem_max)
		conflict(m, o->memory_node ? o->memory_node : o->node,
		    "target '%s': memory minLimit is above maxLimit once the "
		    "overlay and the chart are merged", t->name);
	t->mem_severity = item_sev(t->mem_severity, o->mem_severity);
	t->cpu_require_quota |= o->cpu_require_quota;
	t->cpu_min_milli = max64(t->cpu_min_milli, o->cpu_min_milli);
	t->cpu_max_milli = min_set(t->cpu_max_milli, o->cpu_max_milli);
	if (o->cpu_period >= 0 && t->cpu_period >= 0 &&
	    o->cpu_period != t->cpu_period)
		conflict(m, o->cpu_node ? o->cpu_node : o->node, "target '%s': "
		    "cpu period %lld in the overlay, %lld in the chart",
		    t->name, (long long)o->cpu_period,
		    (long long)t->cpu_period);
	else if (o->cpu_period >= 0)
		t->cpu_period = o->cpu_period;
	t->cpu_severity = item_sev(t->cpu_severity, o->cpu_severity);
	t->pids_min = max64(t->pids_min, o->pids_min);
	t->pids_pod_scope |= o->pids_pod_scope;
	t->pids_on_missing = stricter(t->pids_on_missing, o->pids_on_missing);
	t->pids_severity = item_sev(t->pids_severity, o->pids_severity);
}

static void
merge_target(struct merge *m, struct oc_target *t, struct oc_target *o)
{
	size_t i;

	if (o->role != NULL) {
		free(t->role);
		t->role = o->role;
		o->role = NULL;
	}
	if (o->match_container != NULL) {
		free(t->match_container);
		t->match_container = o->match_container;
		o->match_container = NULL;
	}
#define TAKE_PATTERN(f) do {						\
	if (o->f != NULL) {						\
		pattern_free(t->f);					\
		free(t->f);						\
		t->f = o->f;						\
		o->f = NULL;						\
	}								\
} while (0)
	TAKE_PATTERN(match_sandbox);
	TAKE_PATTERN(match_image);
#undef TAKE_PATTERN
	if (o->has_uid && t->has_uid && o->uid != t->uid)
		conflict(m, o->uid_node, "target '%s': uid %lld in the overlay, "
		    "%lld in the chart", t->name, (long long)o->uid,
		    (long long)t->uid);
	else if (o->has_uid) {
		t->has_uid = 1;
		t->uid = o->uid;
	}
	t->uid_severity = item_sev(t->uid_severity, o->uid_severity);
	for (i = 0; i < o->nenv; i++)
		merge_env(m, t, &o->env[i]);
	union_strs(&t->forbidden, &t->nforbidden, o->forbidden,
	    o->nforbidden);
	o->forbidden = NULL;
	o->nforbidden = 0;
	/* A merged model is for writing out, not for checking: positions
	 * in the overlay do not survive it. */
	free(t->forbidden_nodes);
	t->forbidden_nodes = NULL;
	if (o->unresolved != OC_ITEM_DEFAULT)
		t->unresolved = o->unresolved;
	for (i = 0; i < o->nmounts; i++)
		merge_mount(m, t, &o->mounts[i]);
	t->dup_dest = stricter(t->dup_dest, o->dup_dest);
	t->nested = o->nested;
	if (o->nallow_nested > 0) {
		t->allow_nested = xrealloc(t->allow_nested,
		    (t->nallow_nested + o->nallow_nested) * sizeof(char *));
		memcpy(t->allow_nested + t->nallow_nested, o->allow_nested,
		    o->nallow_nested * sizeof(char *));
		t->nallow_nested += o->nallow_nested;
		free(o->allow_nested);
		o->allow_nested = NULL;
		o->nallow_nested = 0;
	}
	merge_resources(m, t, o);
}

/* Move a whole array of items from the overlay to the end of c's. */
static void *
append(void *dst, size_t *nd, void *src, size_t *ns, size_t size)
{
	if (*ns == 0)
		return dst;
	dst = xrealloc(dst, (*nd + *ns) * size);
	memcpy((char *)dst + *nd * size, src, *ns * size);
	*nd += *ns;
	*ns = 0;
	return dst;
}

int
contract_merge(struct oc_contract *c, struct oc_contract *ov,
    struct oc_error **err)
{
	struct merge m = { ov, err, 0 };
	size_t i, k;

	if (ov->default_severity != OC_ITEM_DEFAULT)
		c->default_severity = ov->default_severity;
	if (ov->unverifiable != OC_SEV_INFO)
		c->unverifiable = ov->unverifiable;
	c->accounts = append(c->accounts, &c->naccounts, ov->accounts,
	    &ov->naccounts, sizeof(*c->accounts));
	c->refs = append(c->refs, &c->nrefs, ov->refs, &ov->nrefs,
	    sizeof(*c->refs));
	union_strs(&c->compdefs, &c->ncompdefs, ov->compdefs, ov->ncompdefs);
	ov->compdefs = NULL;
	ov->ncompdefs = 0;
	for (i = 0; i < ov->ntargets; i++) {
		struct oc_target *o = &ov->targets[i];

		for (k = 0; k < c->ntargets; k++)
			if (strcmp(c->targets[k].name, o->name) == 0)
				break;
		if (k < c->ntargets) {
			merge_target(&m, &c->targets[k], o);
			continue;
		}
		c->targets = xrealloc(c->targets, (c->ntargets + 1) *
		    sizeof(*c->targets));
		c->targets[c->ntargets++] = *o;
		memset(o, 0, sizeof(*o));
	}
	return m.failed ? -1 : 0;
}

static int
cmp_target(const void *a, const void *b)
{
	return strcmp(((const struct oc_target *)a)->name,
	    ((const struct oc_target *)b)->name);
}

static int
cmp_env(const void *a, const void *b)
{
	return strcmp(((const struct oc_env_req *)a)->name,
	    ((const struct oc_env_req *)b)->name);
}

static int
cmp_mount(const void *a, const void *b)
{
	return strcmp(((const struct oc_mount_req *)a)->destination,
	    ((const struct oc_mount_req *)b)->destination);
}

static int
cmp_account(const void *a, const void *b)
{
	const struct oc_account *x = a, *y = b;
	int d = strcmp(x->name, y->name);

	if (d != 0 || x->ncompdefs == 0 || y->ncompdefs == 0)
		return d;
	return strcmp(x->compdefs[0], y->compdefs[0]);
}

static int
cmp_ref(const void *a, const void *b)
{
	const struct oc_reference *x = a, *y = b;
	int d = strcmp(x->account ? x->account : "",
	    y->account ? y->account : "");

	return d != 0 ? d : strcmp(x->from ? x->from : "",
	    y->from ? y->from : "");
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
contract_sort(struct oc_contract *c)
{
	size_t i;

	if (c->ntargets > 1)
		qsort(c->targets, c->ntargets, sizeof(*c->targets), cmp_target);
	for (i = 0; i < c->ntargets; i++) {
		struct oc_target *t = &c->targets[i];

		if (t->nenv > 1)
			qsort(t->env, t->nenv, sizeof(*t->env), cmp_env);
		if (t->nmounts > 1)
			qsort(t->mounts, t->nmounts, sizeof(*t->mounts),
			    cmp_mount);
		free(t->forbidden_nodes);
		t->forbidden_nodes = NULL;
		if (t->nforbidden > 1)
			qsort(t->forbidden, t->nforbidden, sizeof(char *),
			    cmp_str);
	}
	if (c->naccounts > 1)
		qsort(c->accounts, c->naccounts, sizeof(*c->accounts),
		    cmp_account);
	if (c->nrefs > 1)
		qsort(c->refs, c->nrefs, sizeof(*c->refs), cmp_ref);
	if (c->ncompdefs > 1)
		qsort(c->compdefs, c->ncompdefs, sizeof(char *), cmp_str);
}
