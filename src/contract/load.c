/*
 * Loading a contract: YAML into the positioned tree, then a strict walk
 * that builds the model. Every problem becomes one "PATH:LINE:COL: ..."
 * line; all of them are collected so a contract author fixes them in one
 * round, and a contract with any problem is never used.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "ocicheck/check.h"
#include "ocicheck/validate.h"
#include "ocicheck/yaml_load.h"

/* val_object with the keys, name and aliases of contract object id. */
static int
cv_object(struct oc_validator *v, const struct oc_node *obj, int id)
{
	const struct contract_object *o = &contract_objects[id];

	return val_object_aliased(v, obj, o->what, o->keys, o->nfields,
	    o->aliases, o->naliases);
}

/* A quantity (bytes, or millicores when milli); -1 when absent. */
static int64_t
cv_qty(struct oc_validator *v, const struct oc_node *obj, const char *key, int milli,
    const char *what)
{
	const struct oc_node *n = doc_get(v->doc, obj, key);
	struct oc_buf shown = { 0 };
	int64_t q;
	size_t len;
	const char *s;
	int millibytes, rc;

	if (n == NULL)
		return -1;
	s = doc_text(v->doc, n, &len);
	/* Kubernetes takes "500m" of memory as half a byte rounded up;
	 * in a contract it is a typo for 500Mi. */
	millibytes = !milli && len > 0 && s[len - 1] == 'm';
	rc = doc_kind(n) == OC_STRING || doc_kind(n) == OC_NUMBER ?
	    quantity_parse(s, len, milli, &q) : -1;
	if (rc == 0 && !millibytes)
		return q;
	buf_add_display(&shown, s, len, 64);
	if (rc == 1 && !millibytes)
		val_err(v, n, 0, "'%s' in %s is '%s', which is not a whole "
		    "number of %s", key, what, shown.s,
		    milli ? "millicores" : "bytes");
	else if (millibytes)
		val_err(v, n, 0, "'%s' in %s is '%s', thousandths of a byte (m "
		    "is milli): write Mi or M for mebibytes or megabytes", key,
		    what, shown.s);
	else
		val_err(v, n, 0, "'%s' in %s is not a %s quantity such as %s "
		    "(got %s)", key, what, milli ? "cpu" : "Kubernetes",
		    milli ? "'500m' or '2'" : "'512Mi' or '1Gi'",
		    val_got(v, n, &shown));
	buf_free(&shown);
	return -1;
}

/* A *Millicores field: a number of millicores, "500" or "500m". */
static int64_t
cv_millicores(struct oc_validator *v, const struct oc_node *obj, const char *key,
    const char *what)
{
	const struct oc_node *n = doc_get(v->doc, obj, key);
	struct oc_buf shown = { 0 };
	size_t len;
	const char *s;
	int64_t q;

	if (n == NULL)
		return -1;
	s = doc_text(v->doc, n, &len);
	if ((doc_kind(n) == OC_STRING || doc_kind(n) == OC_NUMBER) && len > 0 &&
	    quantity_parse(s, len, s[len - 1] == 'm', &q) == 0 &&
	    (s[len - 1] == 'm' || strspn(s, "0123456789") == len))
		return q;
	val_err(v, n, 0, "'%s' in %s is a whole number of millicores such as "
	    "500 or '500m' (the kernel has no finer cpu share; got %s)", key,
	    what, val_got(v, n, &shown));
	buf_free(&shown);
	return -1;
}

static void
cv_pattern(struct oc_validator *v, const struct oc_node *n, struct oc_pattern **out)
{
	struct oc_error *err = NULL;
	struct oc_pattern *p;
	char *text;

	*out = NULL;
	if (n == NULL)
		return;
	text = val_strdup(v, n);
	p = xcalloc(1, sizeof(*p));
	if (pattern_compile(p, text, &err) < 0) {
		val_err(v, n, 0, "%s", err->msg);
		oc_error_free(err);
		pattern_free(p);
		free(p);
	} else {
		*out = p;
	}
	free(text);
}

/* "a, b, c" from a list, for messages; NULL when empty. */
static char *
joined(char **s, size_t n)
{
	struct oc_buf b = { 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			buf_adds(&b, ", ");
		buf_adds(&b, s[i]);
	}
	return b.s;
}


/* A string of value set id, or a message at its key naming the set. */
static int
cv_enum(struct oc_validator *v, const struct oc_node *obj,
    const struct contract_field *f, const char *s, int *value)
{
	const struct contract_enum *e = &contract_enums[f->arg];

	if (contract_enum_parse(f->arg, s, value) == 0)
		return 0;
	val_err(v, doc_get(v->doc, obj, f->key), 0, "%s '%s' is not %s",
	    e->what, s, e->list);
	return -1;
}

static void
load_patterns(struct oc_validator *v, const struct oc_node *obj,
    const struct contract_field *f, void *base, const char *what)
{
	const struct oc_node *pl = val_get(v, obj, f->key, OC_ARRAY, 0, what);
	struct oc_pattern **out = contract_at(base, f->off);
	size_t *n = contract_count(base, f), k;

	if (pl == NULL)
		return;
	*out = xcalloc(doc_count(pl), sizeof(**out));
	for (k = 0; k < doc_count(pl); k++) {
		const struct oc_node *pn = doc_at(v->doc, pl, k);
		struct oc_error *err = NULL;
		char *text;

		if (doc_kind(pn) != OC_STRING) {
			val_err(v, pn, 0, "%s entries must be strings", f->key);
			continue;
		}
		text = val_strdup(v, pn);
		if (pattern_compile(&(*out)[*n], text, &err) < 0) {
			val_err(v, pn, 0, "%s", err->msg);
			oc_error_free(err);
			pattern_free(&(*out)[*n]);
		} else {
			(*n)++;
		}
		free(text);
	}
}

static char *
normalize_path(const char *s)
{
	size_t n = strlen(s);

	while (n > 1 && s[n - 1] == '/')
		n--;
	return xstrndup(s, n);
}

static void
load_pairs(struct oc_validator *v, const struct oc_node *obj,
    const struct contract_field *f, void *base, const char *what)
{
	const struct oc_node *l = val_get(v, obj, f->key, OC_ARRAY, 0, what);
	char ***out = contract_at(base, f->off);
	size_t *n = contract_count(base, f), i, k;

	for (i = 0; l != NULL && i < doc_count(l); i++) {
		const struct oc_node *pair = doc_at(v->doc, l, i);

		if (doc_kind(pair) != OC_ARRAY || doc_count(pair) != 2 ||
		    doc_kind(doc_at(v->doc, pair, 0)) != OC_STRING ||
		    doc_kind(doc_at(v->doc, pair, 1)) != OC_STRING) {
			val_err(v, pair, 0, "%s entries are [outer, inner] "
			    "pairs of paths", f->key);
			continue;
		}
		*out = xrealloc(*out, (*n + 2) * sizeof(char *));
		for (k = 0; k < 2; k++) {
			char *p = val_strdup(v, doc_at(v->doc, pair, k));

			if (p[0] != '/')
				val_err(v, doc_at(v->doc, pair, k), 0, "%s path "
				    "'%s' must be an absolute path", f->key, p);
			(*out)[(*n)++] = normalize_path(p);
			free(p);
		}
	}
}

static int load_object(struct oc_validator *v, const struct oc_node *obj,
    int id, void *base);

/* Does an item lack a required string (and so say nothing usable)? */
static int
incomplete(int id, const void *base)
{
	const struct contract_object *o = &contract_objects[id];
	size_t i;

	for (i = 0; i < o->nfields; i++)
		if (o->fields[i].kind == CK_STR &&
		    (o->fields[i].flags & CF_REQ) &&
		    *(char *const *)contract_at(base, o->fields[i].off) == NULL)
			return 1;
	return 0;
}

static void
load_items(struct oc_validator *v, const struct oc_node *obj,
    const struct contract_field *f, void *base, const char *what)
{
	const struct oc_node *l = val_get(v, obj, f->key, OC_ARRAY,
	    (f->flags & CF_REQ) != 0, what);
	char **arr = contract_at(base, f->off);
	size_t *n = contract_count(base, f), i;

	if (l == NULL)
		return;
	*arr = xcalloc(doc_count(l), f->item_size);
	for (i = 0; i < doc_count(l); i++) {
		const struct oc_node *it = doc_at(v->doc, l, i);
		char *item = *arr + *n * f->item_size;

		contract_object_init(f->arg, item);
		*(const struct oc_node **)(item + f->node) = it;
		if (load_object(v, it, f->arg, item) < 0 ||
		    ((f->flags & CF_DROP) && incomplete(f->arg, item))) {
			contract_object_free(f->arg, item);
			memset(item, 0, f->item_size);
			continue;
		}
		(*n)++;
	}
}

static void
load_field(struct oc_validator *v, const struct oc_node *obj, int id,
    const struct contract_field *f, void *base)
{
	const char *what = contract_objects[id].what;
	const struct oc_node *n;
	int req = (f->flags & CF_REQ) != 0, value = 0;
	char *s;

	switch (f->kind) {
	case CK_CONST:
	case CK_ENUM:
		if ((s = val_str(v, obj, f->key, req, what)) != NULL &&
		    cv_enum(v, obj, f, s, &value) == 0 && f->kind == CK_ENUM)
			contract_set_int(base, f, value);
		free(s);
		break;
	case CK_STR:
		s = val_str(v, obj, f->key, req, what);
		if (s != NULL && f->arg != E_NONE)
			cv_enum(v, obj, f, s, &value);
		*(char **)contract_at(base, f->off) = s;
		break;
	case CK_BOOL:
		contract_set_int(base, f, val_bool(v, obj, f->key, what));
		break;
	case CK_INT:
		contract_set_int(base, f, val_int(v, obj, f->key, what));
		break;
	case CK_QTY:
		contract_set_int(base, f, cv_qty(v, obj, f->key, 0, what));
		break;
	case CK_MILLI:
		contract_set_int(base, f, cv_millicores(v, obj, f->key, what));
		break;
	case CK_SEV:
		contract_set_int(base, f, val_sev(v, obj, f->key,
		    (f->flags & CF_IGN) != 0, f->arg, what));
		break;
	case CK_STRS:
		*contract_count(base, f) = val_strs(v, obj, f->key,
		    contract_at(base, f->off), f->node == CONTRACT_NO_OFF ? NULL :
		    contract_at(base, f->node), what);
		break;
	case CK_PATTERN:
		cv_pattern(v, val_get(v, obj, f->key, OC_STRING, 0, what),
		    contract_at(base, f->off));
		break;
	case CK_PATTERNS:
		load_patterns(v, obj, f, base, what);
		break;
	case CK_PAIRS:
		load_pairs(v, obj, f, base, what);
		break;
	case CK_CHILD:
		n = val_get(v, obj, f->key, OC_OBJECT, req, what);
		if (n != NULL && load_object(v, n, f->arg, base) == 0 &&
		    f->node != CONTRACT_NO_OFF)
			*(const struct oc_node **)contract_at(base, f->node) = n;
		break;
	case CK_ITEMS:
		load_items(v, obj, f, base, what);
		break;
	case CK_KEY:
		break;
	}
}

/* metadata.component names the compDefs the contract covers; the
 * account rules need them to see a compDef that declares no account. */
static void
check_component(struct oc_validator *v, const struct oc_node *comp,
    struct oc_contract *c)
{
	const struct oc_node *one;

	one = val_get(v, comp, "compDef", OC_STRING, 0,
	    contract_objects[CO_COMPONENT].what);
	if (one == NULL)
		return;
	c->compdefs = xrealloc(c->compdefs, (c->ncompdefs + 1) *
	    sizeof(*c->compdefs));
	c->compdefs[c->ncompdefs++] = val_strdup(v, one);
}

static void
check_root(struct oc_validator *v, struct oc_contract *c)
{
	size_t i;

	for (i = 0; i < c->ntargets; i++) {
		struct oc_target *t = &c->targets[i];

		/* duplicateDestination defaults to error, so defaults:
		 * severity moves it unless it is stated */
		if (c->default_severity >= 0 && t->dup_dest == OC_SEV_ERROR &&
		    doc_get(v->doc, t->mount_rules_node,
		    CONTRACT_KEY_OF(MOUNT_RULES, target, dup_dest)) == NULL)
			t->dup_dest = c->default_severity;
	}
}

static void
check_process(struct oc_validator *v, const struct oc_node *n,
    struct oc_target *t)
{
	t->uid_node = doc_get(v->doc, n, CONTRACT_KEY_OF(PROCESS, target, uid));
	if (t->uid > UINT32_MAX) {
		val_err(v, t->uid_node, 0, "'uid' in process is %lld, beyond "
		    "the largest uid 4294967295", (long long)t->uid);
		t->uid = -1;
	}
	t->has_uid = t->uid >= 0;
}

static void
check_env_item(struct oc_validator *v, const struct oc_node *it,
    struct oc_env_req *e)
{
	if (e->name != NULL && (e->name[0] == '\0' ||
	    strchr(e->name, '=') != NULL))
		val_err(v, doc_get(v->doc, it,
		    CONTRACT_KEY_OF(ENV_ITEM, env_req, name)), 0, "env name '%s' "
		    "must be non-empty and contain no '='", e->name);
	e->from = joined(e->froms, e->nfroms);
}

static void
check_mount_item(struct oc_validator *v, const struct oc_node *it,
    struct oc_mount_req *m)
{
	char *s = m->destination;

	if (s != NULL && s[0] != '/')
		val_err(v, doc_get(v->doc, it, CONTRACT_KEY_OF(MOUNT_ITEM,
		    mount_req, destination)), 0,
		    "mount destination '%s' must be an absolute path", s);
	m->destination = s ? normalize_path(s) : NULL;
	free(s);
	if (m->size_min >= 0 && !mount_type_sized(m->type))
		val_err(v, doc_get(v->doc, it, CONTRACT_KEY_OF(MOUNT_ITEM,
		    mount_req, size_min)), 1, "'sizeMin' "
		    "applies to tmpfs, emptyDir, pvcOrEmptyDir or any "
		    "mounts, not %s: drop it or change the type",
		    mount_type_name(m->type));
}

static void
check_cpu(struct oc_validator *v, const struct oc_node *n, struct oc_target *t)
{
	if (t->cpu_period >= 0 && (t->cpu_period < 1000 ||
	    t->cpu_period > 1000000)) {
		val_err(v, doc_get(v->doc, n, CONTRACT_KEY_OF(CPU, target,
		    cpu_period)), 0, "cpu period %lld "
		    "is outside the kernel's 1000..1000000 microseconds (the "
		    "default is 100000)", (long long)t->cpu_period);
		t->cpu_period = -1;
	}
}

/* What one object's values must satisfy together, once they are read. */
static void
check_object(struct oc_validator *v, const struct oc_node *n, int id,
    void *base)
{
	struct oc_contract *c = base;
	struct oc_target *t = base;
	struct oc_reference *r = base;

	switch (id) {
	case CO_ROOT:
		check_root(v, base);
		break;
	case CO_METADATA:
		if (c->name != NULL && c->name[0] == '\0')
			val_err(v, doc_get(v->doc, n, CONTRACT_KEY_OF(METADATA,
			    contract, name)), 0, "metadata.name must not be empty");
		break;
	case CO_COMPONENT:
		check_component(v, n, base);
		break;
	case CO_REFERENCE:
		r->account_node = doc_get(v->doc, n,
		    CONTRACT_KEY_OF(REFERENCE, reference, account));
		break;
	case CO_FROM:
		r->from = contract_reference_from(r);
		break;
	case CO_ENV:
		t->unresolved_node = doc_get(v->doc, n,
		    CONTRACT_KEY_OF(ENV, target, unresolved));
		break;
	case CO_PROCESS:
		check_process(v, n, t);
		break;
	case CO_ENV_ITEM:
		check_env_item(v, n, base);
		break;
	case CO_MOUNT_ITEM:
		check_mount_item(v, n, base);
		break;
	case CO_MEMORY:
		if (t->mem_min >= 0 && t->mem_max >= 0 && t->mem_min > t->mem_max)
			val_err(v, n, 1, "minLimit is above maxLimit");
		break;
	case CO_CPU:
		check_cpu(v, n, t);
		break;
	}
}

/* Read object id at obj into base, field by field of the table; -1 when
 * obj is not a mapping. */
static int
load_object(struct oc_validator *v, const struct oc_node *obj, int id,
    void *base)
{
	const struct contract_object *o = &contract_objects[id];
	size_t i;

	if (!o->open && cv_object(v, obj, id) < 0)
		return -1;
	for (i = 0; i < o->nfields; i++)
		load_field(v, obj, id, &o->fields[i], base);
	check_object(v, obj, id, base);
	return 0;
}

char *
contract_reference_from(const struct oc_reference *r)
{
	return xasprintf("%s%s%s%s%s", r->from_kind ? r->from_kind : "",
	    r->from_name ? "/" : "", r->from_name ? r->from_name : "",
	    r->from_path ? ": " : "", r->from_path ? r->from_path : "");
}

static int load_source(struct oc_source *src, int overlay,
    struct oc_contract **out, struct oc_error **err);

static int
load_path(const char *path, int overlay, struct oc_contract **out,
    struct oc_error **err)
{
	struct oc_source *src;

	if (source_read_file(path, OC_MAX_INPUT, &src, err) < 0)
		return oc_error_prefix(err, "contract: ");
	return load_source(src, overlay, out, err);
}

int
contract_load(const char *path, struct oc_contract **out,
    struct oc_error **err)
{
	return load_path(path, 0, out, err);
}

int
contract_load_overlay(const char *path, struct oc_contract **out,
    struct oc_error **err)
{
	return load_path(path, 1, out, err);
}

int
contract_load_source(struct oc_source *src, struct oc_contract **out,
    struct oc_error **err)
{
	return load_source(src, 0, out, err);
}

static int
load_source(struct oc_source *src, int overlay, struct oc_contract **out,
    struct oc_error **err)
{
	struct oc_contract *c = xcalloc(1, sizeof(*c));
	struct oc_validator v = { 0 };
	const char *path = src->path;
	int rc;

	c->src = src;
	if (c->src->too_large) {
		rc = oc_error_set(err, 0, "contract '%s' is larger than %zu "
		    "bytes", path, (size_t)OC_MAX_INPUT);
		contract_free(c);
		return rc;
	}
	if (yaml_load(c->src, &c->doc, err) < 0) {
		contract_free(c);
		return oc_error_prefix(err, "invalid contract: ");
	}
	if (c->doc->nroots != 1) {
		rc = oc_error_set(err, 0, "invalid contract: %s: %s", path,
		    c->doc->nroots ? "a contract is one YAML document, this "
		    "file has several" : "the file is empty");
		contract_free(c);
		return rc;
	}
	v.src = c->src;
	v.doc = c->doc;
	contract_object_init(CO_ROOT, c);
	load_object(&v, doc_root(c->doc, 0), CO_ROOT, c);
	contract_coherence_check(&v, c, overlay);
	if (v.nerrs > 0) {
		char *list = val_report(&v);

		rc = oc_error_set(err, 0, "invalid contract '%s':\n%s", path,
		    list);
		free(list);
		contract_free(c);
		return rc;
	}
	*out = c;
	return 0;
}
