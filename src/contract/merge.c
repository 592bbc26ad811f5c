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

#include "model.h"

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

/* env: equals and oneOf, which can leave no value both allow. */
static void
own_env(struct merge *m, struct oc_target *t, struct oc_env_req *e,
    struct oc_env_req *o)
{
	size_t i, n;

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
	free(e->from);
	e->from = NULL;
	for (i = 0; i < e->nfroms; i++) {
		char *j = xasprintf("%s%s%s", e->from ? e->from : "",
		    i ? ", " : "", e->froms[i]);

		free(e->from);
		e->from = j;
	}
}

/* A mount's type and access, where chart and overlay may disagree. */
static void
own_mount(struct merge *m, struct oc_target *t, struct oc_mount_req *r,
    const struct oc_mount_req *o)
{
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
	/* The merged requirement must be one the loader takes: a size only
	 * where the chart mounts something that has one. */
	if (o->size_min >= 0 && !mount_type_sized(r->type))
		conflict(m, o->node, "target '%s': mount %s has sizeMin in the "
		    "overlay, but the chart mounts %s there, which has no size "
		    "to check", t->name, o->destination,
		    mount_type_name(r->type));
}

/* The values marked OWN in fields.inc, once the rest of object id is
 * merged: those where no value satisfies both stop the derive. */
static void
merge_own(struct merge *m, int id, void *dst, void *ovl, struct oc_target *t)
{
	const struct oc_target *o = ovl;

	switch (id) {
	case CO_PROCESS:
		if (o->has_uid && t->has_uid && o->uid != t->uid)
			conflict(m, o->uid_node, "target '%s': uid %lld in the "
			    "overlay, %lld in the chart", t->name,
			    (long long)o->uid, (long long)t->uid);
		else if (o->has_uid) {
			t->has_uid = 1;
			t->uid = o->uid;
		}
		break;
	case CO_ENV_ITEM:
		own_env(m, t, dst, ovl);
		break;
	case CO_MOUNT_ITEM:
		own_mount(m, t, dst, ovl);
		break;
	case CO_MEMORY:
		if (t->mem_min >= 0 && t->mem_max >= 0 && t->mem_min > t->mem_max)
			conflict(m, o->memory_node ? o->memory_node : o->node,
			    "target '%s': memory minLimit is above maxLimit "
			    "once the overlay and the chart are merged", t->name);
		break;
	case CO_CPU:
		if (o->cpu_period >= 0 && t->cpu_period >= 0 &&
		    o->cpu_period != t->cpu_period)
			conflict(m, o->cpu_node ? o->cpu_node : o->node,
			    "target '%s': cpu period %lld in the overlay, %lld "
			    "in the chart", t->name, (long long)o->cpu_period,
			    (long long)t->cpu_period);
		else if (o->cpu_period >= 0)
			t->cpu_period = o->cpu_period;
		break;
	}
}

/* Move n items of size from src to the end of the array at *dst. */
static void
append(void *dst, size_t *nd, void *src, size_t *ns, size_t size)
{
	char **d = dst, **s = src;

	if (*ns == 0)
		return;
	*d = xrealloc(*d, (*nd + *ns) * size);
	memcpy(*d + *nd * size, *s, *ns * size);
	*nd += *ns;
	*ns = 0;
}

static void merge_object(struct merge *m, int id, void *dst, void *ovl,
    struct oc_target *t);

/* Items that name the same thing (their first key) merge, the others
 * are moved over. */
static void
merge_by_key(struct merge *m, const struct contract_field *f, void *dst,
    void *ovl, struct oc_target *t)
{
	const struct contract_field *key = &contract_objects[f->arg].fields[0];
	char **d = contract_at(dst, f->off), **s = contract_at(ovl, f->off);
	size_t *nd = contract_count(dst, f), ns = *contract_count(ovl, f);
	size_t i, k;

	for (i = 0; i < ns; i++) {
		char *o = *s + i * f->item_size, *hit = NULL;
		size_t one = 1;

		for (k = 0; k < *nd && hit == NULL; k++)
			if (strcmp(*(char **)(*d + k * f->item_size + key->off),
			    *(char **)(o + key->off)) == 0)
				hit = *d + k * f->item_size;
		if (hit != NULL) {
			merge_object(m, f->arg, hit, o, f->arg == CO_TARGET ?
			    (struct oc_target *)(void *)hit : t);
			continue;
		}
		append(d, nd, &o, &one, f->item_size);
		memset(o, 0, f->item_size);
	}
}

static void
merge_take(const struct contract_field *f, void *dst, void *ovl)
{
	void **d = contract_at(dst, f->off), **o = contract_at(ovl, f->off);
	int64_t v;

	if (f->kind == CK_STR || f->kind == CK_PATTERN) {
		if (*o == NULL)
			return;
		if (f->kind == CK_PATTERN)
			pattern_free(*d);
		free(*d);
		*d = *o;
		*o = NULL;
		return;
	}
	v = contract_get_int(ovl, f);
	if (v != (f->kind == CK_SEV ? f->arg : contract_field_unset(f)))
		contract_set_int(dst, f, v);
}

static void
merge_field(struct merge *m, const struct contract_field *f, void *dst,
    void *ovl, struct oc_target *t)
{
	int64_t a, b;

	switch (f->merge) {
	case CM_TAKE:
		if (f->kind == CK_CHILD)
			merge_object(m, f->arg, dst, ovl, t);
		else
			merge_take(f, dst, ovl);
		return;
	case CM_UNION:
		union_strs(contract_at(dst, f->off), contract_count(dst, f),
		    *(char ***)contract_at(ovl, f->off), *contract_count(ovl, f));
		*(char ***)contract_at(ovl, f->off) = NULL;
		*contract_count(ovl, f) = 0;
		/* A merged model is for writing out, not for checking:
		 * positions in the overlay do not survive it. */
		if (f->node != CONTRACT_NO_OFF) {
			free(*(void **)contract_at(dst, f->node));
			*(void **)contract_at(dst, f->node) = NULL;
		}
		return;
	case CM_APPEND:
		append(contract_at(dst, f->off), contract_count(dst, f),
		    contract_at(ovl, f->off), contract_count(ovl, f),
		    f->kind == CK_ITEMS ? f->item_size : sizeof(char *));
		return;
	case CM_BY_KEY:
		merge_by_key(m, f, dst, ovl, t);
		return;
	case CM_OR:
	case CM_MAX:
	case CM_MIN:
	case CM_STRICTER:
		a = contract_get_int(dst, f);
		b = contract_get_int(ovl, f);
		contract_set_int(dst, f, f->merge == CM_OR ? (a || b) :
		    f->merge == CM_MIN ? min_set(a, b) : max64(a, b));
		return;
	default:
		return;		/* KEY, NONE; OWN in merge_own() */
	}
}

static void
merge_object(struct merge *m, int id, void *dst, void *ovl,
    struct oc_target *t)
{
	const struct contract_object *o = &contract_objects[id];
	size_t i;

	for (i = 0; i < o->nfields; i++)
		merge_field(m, &o->fields[i], dst, ovl, t);
	merge_own(m, id, dst, ovl, t);
}

/* Each part loaded on its own, but only the whole can show what the two
 * parts contradict together (an overlay's consumer that names no target,
 * an account both declare): the merged contract must itself load. */
static int
merged_coherent(const struct oc_contract *c, const struct oc_contract *ov,
    struct oc_error **err)
{
	struct oc_contract *back = NULL;
	struct oc_buf text = { 0 };
	char *name = xasprintf("<contract merged with %s>", ov->src->path);
	int rc;

	contract_write(&text, c, NULL);
	rc = contract_load_source(source_from_mem(name, text.s, text.len),
	    &back, err);
	contract_free(back);
	buf_free(&text);
	free(name);
	return rc;
}

int
contract_merge(struct oc_contract *c, struct oc_contract *ov,
    struct oc_error **err)
{
	struct merge m = { ov, err, 0 };

	merge_object(&m, CO_ROOT, c, ov, NULL);
	return m.failed ? -1 : merged_coherent(c, ov, err);
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
