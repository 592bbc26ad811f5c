/*
 * The contract model's field table (fields.inc) as data: what only the
 * model's files (load.c, write.c, merge.c, coherence.c, lint.c) share.
 * Each of them walks these rows; none calls another.
 */
#ifndef OCICHECK_CONTRACT_MODEL_H
#define OCICHECK_CONTRACT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "ocicheck/contract.h"
#include "ocicheck/validate.h"

enum contract_kind {
	CK_CONST,	/* a fixed string, not kept */
	CK_STR,		/* char *, NULL when absent */
	CK_BOOL,	/* int, 0 when absent */
	CK_INT,		/* a non-negative integer, -1 when absent */
	CK_QTY,		/* bytes, -1 when absent */
	CK_MILLI,	/* millicores, -1 when absent */
	CK_SEV,		/* an item severity */
	CK_ENUM,	/* one name of a set, kept as its value */
	CK_STRS,	/* char ** and a count */
	CK_PATTERN,	/* struct oc_pattern *, NULL when absent */
	CK_PATTERNS,	/* struct oc_pattern [] and a count */
	CK_PAIRS,	/* [outer, inner] pairs flattened into char ** */
	CK_CHILD,	/* a mapping whose values live in the same struct */
	CK_ITEMS,	/* a list of mappings, one struct each */
	CK_KEY,		/* allowed, read by the object's own code */
};

enum contract_merge_rule {
	CM_NONE, CM_KEY, CM_TAKE, CM_OR, CM_MAX, CM_MIN, CM_STRICTER,
	CM_UNION, CM_APPEND, CM_BY_KEY, CM_OWN,
};

#define CF_REQ		0x01u
#define CF_IGN		0x02u
#define CF_ALL		0x04u
#define CF_UNSET_IGN	0x08u
#define CF_DROP		0x10u

#define CONTRACT_NO_OFF ((size_t)-1)

#define CONTRACT_OBJECT(id, path, what, open, flow) CO_##id,
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
enum contract_object_id {
#include "fields.inc"
	CO_COUNT
};
#include "fields_undef.h"

/* The value sets of ENUM, CONST and STR fields. */
enum contract_enum_id {
	E_NONE, E_API, E_KIND, E_PASSWORD, E_ROLE, E_MOUNT_TYPE, E_ACCESS,
	E_SCOPE,
};

struct contract_enum {
	const char *what;	/* "mount type": its name in messages */
	const char *list;	/* the names, as messages list them */
	const char *const *names;	/* NULL: by name() */
	const int *values;	/* by name; NULL: the index */
	size_t n;
	const char *(*name)(int value);
};

struct contract_field {
	const char *key;
	enum contract_kind kind;
	unsigned flags;
	enum contract_merge_rule merge;
	int arg;		/* SEV: the default; ENUM, STR, CONST: the
				 * set; CHILD, ITEMS: the object */
	size_t off, size;	/* the member, CONTRACT_NO_OFF for none */
	size_t count;		/* lists: the count member */
	size_t node;		/* the node member of a CHILD_AT or the
				 * nodes of a LIST_AT; ITEMS: the item's */
	size_t item_size;	/* ITEMS */
};

struct contract_object {
	const char *path, *what;
	int open, flow;
	const struct contract_field *fields;
	size_t nfields;
	const char *const *keys;	/* the fields' keys, for val_object */
	const struct val_alias *aliases;
	size_t naliases;
};

extern const struct contract_object contract_objects[CO_COUNT];
extern const struct contract_enum contract_enums[];

/* Where a field's member is in the struct at base. */
static inline void *
contract_at(const void *base, size_t off)
{
	return (char *)(uintptr_t)base + off;
}

/* The integer member of f (int, long, int64_t or an enum) as int64_t. */
int64_t contract_get_int(const void *base, const struct contract_field *f);
void contract_set_int(void *base, const struct contract_field *f,
    int64_t v);
/* A list field's count. */
size_t *contract_count(const void *base, const struct contract_field *f);
/* The value of set id named s, 0 if s names one, else -1. */
int contract_enum_parse(int id, const char *s, int *value);
/* The name of value in set id, NULL if it has none there. */
const char *contract_enum_name(int id, int value);
/* The model value of an absent key of f. */
int64_t contract_field_unset(const struct contract_field *f);
/* Has the struct at base a value for f (or, for a CHILD, any of its
 * fields) other than the model's unset one? */
int contract_field_set(const void *base, const struct contract_field *f);

/* The key of the field of object id kept at member offset off: so code
 * that names a key (a check's position) takes it from the table. */
const char *contract_key_of(int id, size_t off);
#define CONTRACT_KEY_OF(id, s, m) \
	contract_key_of(CO_##id, offsetof(struct oc_##s, m))

/* Every field of object id in base at its unset value (base zeroed). */
void contract_object_init(int id, void *base);
/* What the fields of object id own in base. */
void contract_object_free(int id, void *base);

struct oc_validator;
/* coherence.c, after loading: items that contradict each other
 * (duplicates, equals against oneOf) or name what the contract lacks, as
 * problems in v. */
void contract_coherence_check(struct oc_validator *v,
    const struct oc_contract *c, int overlay);

#endif
