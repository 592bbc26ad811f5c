/*
 * The field table of fields.inc expanded into the rows the model's
 * passes walk, and the passes every one of them needs: reading and
 * writing a member by its row, the value sets, init, free and compare.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "ocicheck/validate.h"

#define REQ CF_REQ
#define IGN CF_IGN
#define ALL CF_ALL
#define UNSET_IGN CF_UNSET_IGN
#define DROP CF_DROP
#define MEMBER(s, m) offsetof(struct oc_##s, m), \
	sizeof(((struct oc_##s *)0)->m)

#define CONTRACT_OBJECT(id, path, what, open, flow) \
	static const struct contract_field fields_##id[] = {
#define CONTRACT_FIELD(s, key, kind, m, flags, merge, arg) \
	{ key, CK_##kind, flags, CM_##merge, arg, MEMBER(s, m), \
	  CONTRACT_NO_OFF, CONTRACT_NO_OFF, 0 },
#define CONTRACT_CONST(key, set) \
	{ key, CK_CONST, CF_REQ, CM_NONE, set, CONTRACT_NO_OFF, 0, \
	  CONTRACT_NO_OFF, CONTRACT_NO_OFF, 0 },
#define CONTRACT_LIST(s, key, kind, m, n, flags, merge) \
	{ key, CK_##kind, flags, CM_##merge, 0, MEMBER(s, m), \
	  offsetof(struct oc_##s, n), CONTRACT_NO_OFF, 0 },
#define CONTRACT_LIST_AT(s, key, kind, m, n, flags, merge, nodes) \
	{ key, CK_##kind, flags, CM_##merge, 0, MEMBER(s, m), \
	  offsetof(struct oc_##s, n), offsetof(struct oc_##s, nodes), 0 },
#define CONTRACT_CHILD(s, key, child, flags, merge) \
	{ key, CK_CHILD, flags, CM_##merge, CO_##child, CONTRACT_NO_OFF, 0, \
	  CONTRACT_NO_OFF, CONTRACT_NO_OFF, 0 },
#define CONTRACT_CHILD_AT(s, key, child, node, flags, merge) \
	{ key, CK_CHILD, flags, CM_##merge, CO_##child, CONTRACT_NO_OFF, 0, \
	  CONTRACT_NO_OFF, offsetof(struct oc_##s, node), 0 },
#define CONTRACT_ITEMS(s, key, child, item, m, n, flags, merge) \
	{ key, CK_ITEMS, flags, CM_##merge, CO_##child, MEMBER(s, m), \
	  offsetof(struct oc_##s, n), offsetof(struct oc_##item, node), \
	  sizeof(struct oc_##item) },
#define CONTRACT_KEY(key) \
	{ key, CK_KEY, 0, CM_NONE, 0, CONTRACT_NO_OFF, 0, CONTRACT_NO_OFF, \
	  CONTRACT_NO_OFF, 0 },
#define CONTRACT_ALIAS(key, meant)
#define CONTRACT_END };
#include "fields.inc"
#include "fields_undef.h"

#define CONTRACT_OBJECT(id, path, what, open, flow) \
	static const char *const keys_##id[] = {
#define CONTRACT_FIELD(s, key, kind, m, flags, merge, arg) key,
#define CONTRACT_CONST(key, set) key,
#define CONTRACT_LIST(s, key, kind, m, n, flags, merge) key,
#define CONTRACT_LIST_AT(s, key, kind, m, n, flags, merge, nodes) key,
#define CONTRACT_CHILD(s, key, child, flags, merge) key,
#define CONTRACT_CHILD_AT(s, key, child, node, flags, merge) key,
#define CONTRACT_ITEMS(s, key, child, item, m, n, flags, merge) key,
#define CONTRACT_KEY(key) key,
#define CONTRACT_ALIAS(key, meant)
#define CONTRACT_END };
#include "fields.inc"
#include "fields_undef.h"

/* After a first row that only keeps the array from being empty. */
#define CONTRACT_OBJECT(id, path, what, open, flow) \
	static const struct val_alias aliases_##id[] = { { NULL, NULL },
#define CONTRACT_FIELD(s, key, kind, m, flags, merge, arg)
#define CONTRACT_CONST(key, set)
#define CONTRACT_LIST(s, key, kind, m, n, flags, merge)
#define CONTRACT_LIST_AT(s, key, kind, m, n, flags, merge, nodes)
#define CONTRACT_CHILD(s, key, child, flags, merge)
#define CONTRACT_CHILD_AT(s, key, child, node, flags, merge)
#define CONTRACT_ITEMS(s, key, child, item, m, n, flags, merge)
#define CONTRACT_KEY(key)
#define CONTRACT_ALIAS(key, meant) { key, meant },
#define CONTRACT_END };
#include "fields.inc"
#include "fields_undef.h"

#define CONTRACT_OBJECT(id, path, what, open, flow) \
	[CO_##id] = { path, what, open, flow, fields_##id, \
	    ARRAY_SIZE(fields_##id), keys_##id, aliases_##id + 1, \
	    ARRAY_SIZE(aliases_##id) - 1 },
#define CONTRACT_FIELD(s, key, kind, m, flags, merge, arg)
#define CONTRACT_CONST(key, set)
#define CONTRACT_LIST(s, key, kind, m, n, flags, merge)
#define CONTRACT_LIST_AT(s, key, kind, m, n, flags, merge, nodes)
#define CONTRACT_CHILD(s, key, child, flags, merge)
#define CONTRACT_CHILD_AT(s, key, child, node, flags, merge)
#define CONTRACT_ITEMS(s, key, child, item, m, n, flags, merge)
#define CONTRACT_KEY(key)
#define CONTRACT_ALIAS(key, meant)
#define CONTRACT_END
const struct contract_object contract_objects[CO_COUNT] = {
#include "fields.inc"
};
#include "fields_undef.h"

static const char *const api_names[] = { "ocicheck/v1" };
static const char *const kind_names[] = { "RuntimeContract" };
static const char *const password_names[] = { [OC_PW_GENERATED] =
	"generated", [OC_PW_PROVIDED] = "provided", [OC_PW_NONE] = "none" };
static const char *const role_names[] = { "main", "sidecar", "init",
	"backup-job", "restore-job", "action" };
static const char *const access_names[] = { [OC_ACCESS_ANY] = "any",
	[OC_ACCESS_RW] = "rw", [OC_ACCESS_RO] = "ro" };
static const char *const scope_names[] = { "container", "pod" };
/* The types a contract may name; derive's others (bind, subPath) are
 * what it saw, never what it requires. */
static const int mount_types[] = { OC_MT_ANY, OC_MT_PVC, OC_MT_EMPTYDIR,
	OC_MT_TMPFS, OC_MT_CONFIGMAP, OC_MT_SECRET, OC_MT_PROJECTED,
	OC_MT_DOWNWARDAPI, OC_MT_HOSTPATH, OC_MT_SANDBOX_SHM,
	OC_MT_PVC_OR_EMPTYDIR };

static const char *
mount_type_word(int t)
{
	return mount_type_name((enum oc_mount_type)t);
}

#define NAMES(a) a, NULL, ARRAY_SIZE(a), NULL
const struct contract_enum contract_enums[] = {
	[E_NONE] = { NULL, NULL, NULL, NULL, 0, NULL },
	[E_API] = { "apiVersion", "'ocicheck/v1'", NAMES(api_names) },
	[E_KIND] = { "kind", "'RuntimeContract'", NAMES(kind_names) },
	[E_PASSWORD] = { "account password", "generated, provided or none",
	    NAMES(password_names) },
	[E_ROLE] = { "target role", "main, sidecar, init, backup-job, "
	    "restore-job or action", NAMES(role_names) },
	[E_MOUNT_TYPE] = { "mount type", "one of any, pvc, emptyDir, tmpfs, "
	    "configMap, secret, projected, downwardAPI, hostPath, "
	    "sandbox-shm, pvcOrEmptyDir", NULL, mount_types,
	    ARRAY_SIZE(mount_types), mount_type_word },
	[E_ACCESS] = { "mount access", "rw, ro or any", NAMES(access_names) },
	[E_SCOPE] = { "pids scope", "container or pod", NAMES(scope_names) },
};
#undef NAMES

static const char *
enum_name_at(const struct contract_enum *e, size_t i)
{
	return e->names ? e->names[i] : e->name(e->values[i]);
}

int
contract_enum_parse(int id, const char *s, int *value)
{
	const struct contract_enum *e = &contract_enums[id];
	size_t i;

	for (i = 0; i < e->n; i++)
		if (strcmp(s, enum_name_at(e, i)) == 0) {
			*value = e->values ? e->values[i] : (int)i;
			return 0;
		}
	return -1;
}

const char *
contract_enum_name(int id, int value)
{
	const struct contract_enum *e = &contract_enums[id];
	size_t i;

	for (i = 0; i < e->n; i++)
		if ((e->values ? e->values[i] : (int)i) == value)
			return enum_name_at(e, i);
	return NULL;
}

int64_t
contract_get_int(const void *base, const struct contract_field *f)
{
	const void *p = contract_at(base, f->off);

	if (f->size == sizeof(int64_t))
		return *(const int64_t *)p;
	return *(const int *)p;
}

void
contract_set_int(void *base, const struct contract_field *f, int64_t v)
{
	void *p = contract_at(base, f->off);

	if (f->size == sizeof(int64_t))
		*(int64_t *)p = v;
	else
		*(int *)p = (int)v;
}

size_t *
contract_count(const void *base, const struct contract_field *f)
{
	return contract_at(base, f->count);
}

int64_t
contract_field_unset(const struct contract_field *f)
{
	switch (f->kind) {
	case CK_INT:
	case CK_QTY:
	case CK_MILLI:
		return -1;
	case CK_SEV:
		return f->flags & CF_UNSET_IGN ? OC_ITEM_IGNORE : f->arg;
	default:
		return 0;
	}
}

int
contract_field_set(const void *base, const struct contract_field *f)
{
	const struct contract_object *o;
	size_t i;

	switch (f->kind) {
	case CK_CONST:
	case CK_KEY:
		return 0;
	case CK_STR:
	case CK_PATTERN:
		return *(void *const *)contract_at(base, f->off) != NULL;
	case CK_STRS:
	case CK_PATTERNS:
	case CK_PAIRS:
	case CK_ITEMS:
		return *contract_count(base, f) > 0;
	case CK_CHILD:
		o = &contract_objects[f->arg];
		for (i = 0; i < o->nfields; i++)
			if (contract_field_set(base, &o->fields[i]))
				return 1;
		return 0;
	default:
		return contract_get_int(base, f) != contract_field_unset(f);
	}
}

const char *
contract_key_of(int id, size_t off)
{
	const struct contract_object *o = &contract_objects[id];
	size_t i;

	for (i = 0; i < o->nfields; i++)
		if (o->fields[i].off == off)
			return o->fields[i].key;
	abort();	/* a member fields.inc does not have */
}

void
contract_object_init(int id, void *base)
{
	const struct contract_object *o = &contract_objects[id];
	size_t i;

	for (i = 0; i < o->nfields; i++) {
		const struct contract_field *f = &o->fields[i];

		if (f->kind == CK_CHILD)
			contract_object_init(f->arg, base);
		else if (f->kind == CK_INT || f->kind == CK_QTY ||
		    f->kind == CK_MILLI || f->kind == CK_SEV)
			contract_set_int(base, f, contract_field_unset(f));
	}
}

/* What a struct keeps beside its fields: the joined texts for messages. */
static void
free_derived(int id, void *base)
{
	if (id == CO_ENV_ITEM)
		free(((struct oc_env_req *)base)->from);
	else if (id == CO_REFERENCE)
		free(((struct oc_reference *)base)->from);
}

static void
free_field(const struct contract_field *f, void *base)
{
	void **p = f->off != CONTRACT_NO_OFF ? contract_at(base, f->off) : NULL;
	size_t i, n;

	switch (f->kind) {
	case CK_STR:
		free(*p);
		break;
	case CK_PATTERN:
		pattern_free(*p);
		free(*p);
		break;
	case CK_STRS:
	case CK_PAIRS:
		val_strs_free(*p, *contract_count(base, f));
		if (f->node != CONTRACT_NO_OFF)
			free(*(void **)contract_at(base, f->node));
		break;
	case CK_PATTERNS:
		for (i = 0; i < *contract_count(base, f); i++)
			pattern_free((struct oc_pattern *)*p + i);
		free(*p);
		break;
	case CK_CHILD:
		contract_object_free(f->arg, base);
		break;
	case CK_ITEMS:
		n = *contract_count(base, f);
		for (i = 0; i < n; i++)
			contract_object_free(f->arg, (char *)*p +
			    i * f->item_size);
		free(*p);
		break;
	default:
		break;
	}
}

void
contract_object_free(int id, void *base)
{
	const struct contract_object *o = &contract_objects[id];
	size_t i;

	for (i = 0; i < o->nfields; i++)
		free_field(&o->fields[i], base);
	free_derived(id, base);
}

void
contract_env_req_free(struct oc_env_req *e)
{
	contract_object_free(CO_ENV_ITEM, e);
}

void
contract_target_init(struct oc_target *t)
{
	memset(t, 0, sizeof(*t));
	contract_object_init(CO_TARGET, t);
}

void
contract_free(struct oc_contract *c)
{
	if (c == NULL)
		return;
	contract_object_free(CO_ROOT, c);
	doc_free(c->doc);
	source_free(c->src);
	free(c);
}

static int
str_eq(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

static int
strs_eq(char *const *a, char *const *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!str_eq(a[i], b[i]))
			return 0;
	return 1;
}

static int object_eq(int id, const void *a, const void *b);

static int
field_eq(const struct contract_field *f, const void *a, const void *b)
{
	const void *pa = f->off != CONTRACT_NO_OFF ? contract_at(a, f->off) :
	    NULL, *pb = f->off != CONTRACT_NO_OFF ? contract_at(b, f->off) : NULL;
	const struct oc_pattern *x, *y;
	size_t i, n = f->count != CONTRACT_NO_OFF ? *contract_count(a, f) : 0;

	if (f->count != CONTRACT_NO_OFF && n != *contract_count(b, f))
		return 0;
	switch (f->kind) {
	case CK_CONST:
	case CK_KEY:
		return 1;
	case CK_STR:
		return str_eq(*(char *const *)pa, *(char *const *)pb);
	case CK_STRS:
	case CK_PAIRS:
		return strs_eq(*(char **const *)pa, *(char **const *)pb, n);
	case CK_PATTERN:
		x = *(struct oc_pattern *const *)pa;
		y = *(struct oc_pattern *const *)pb;
		return x == NULL || y == NULL ? x == y : str_eq(x->text, y->text);
	case CK_PATTERNS:
		x = *(struct oc_pattern *const *)pa;
		y = *(struct oc_pattern *const *)pb;
		for (i = 0; i < n; i++)
			if (!str_eq(x[i].text, y[i].text))
				return 0;
		return 1;
	case CK_CHILD:
		return object_eq(f->arg, a, b);
	case CK_ITEMS:
		for (i = 0; i < n; i++)
			if (!object_eq(f->arg, *(char *const *)pa + i * f->item_size,
			    *(char *const *)pb + i * f->item_size))
				return 0;
		return 1;
	default:
		return contract_get_int(a, f) == contract_get_int(b, f);
	}
}

static int
object_eq(int id, const void *a, const void *b)
{
	const struct contract_object *o = &contract_objects[id];
	size_t i;

	for (i = 0; i < o->nfields; i++)
		if (!field_eq(&o->fields[i], a, b))
			return 0;
	return 1;
}

int
contract_equal(const struct oc_contract *a, const struct oc_contract *b)
{
	return object_eq(CO_ROOT, a, b);
}
