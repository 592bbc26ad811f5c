/* The positioned document model shared by JSON and YAML input.
 *
 * Nodes live in one array and refer to each other by index, which keeps a
 * node at 40 bytes (the memory budget is 4x the input). Every node records
 * the byte span of its value and, for an object member, of its key; line and
 * column come from those offsets through the source's line index. Strings
 * are (pointer, length) pairs, usually pointing straight into the source
 * text, so they are not NUL-terminated and may contain NUL bytes. Duplicate
 * keys are kept in document order; lookups see the last one, as runc does.
 */
#ifndef OCICHECK_DOC_H
#define OCICHECK_DOC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ocicheck/source.h"
#include "ocicheck/util.h"

#define OC_NONE UINT32_MAX

enum oc_kind {
	OC_NULL,
	OC_BOOL,
	OC_NUMBER,
	OC_STRING,
	OC_ARRAY,
	OC_OBJECT,
};

struct oc_node {
	uint32_t start, end;		/* value bytes [start, end) */
	uint32_t key_start, key_end;	/* member key, quotes included */
	uint32_t parent;		/* OC_NONE for a root */
	uint32_t key, key_len;		/* member name, OC_NONE if none */
	uint32_t a, b;			/* see doc.c: text or children */
	uint32_t info;			/* kind, flags, member index id */
};

struct oc_doc_frame;
struct oc_doc_htab;

struct oc_doc {
	const struct oc_source *src;	/* borrowed; must outlive the doc */
	struct oc_node *nodes;
	size_t nnodes, nodes_cap;
	uint32_t *kids;			/* children of each container, in a run */
	size_t nkids, kids_cap;
	char *pool;			/* decoded text that is not in src */
	size_t pool_len, pool_cap;
	uint32_t *roots;		/* one per document in a YAML stream */
	size_t nroots, roots_cap;
	uint32_t *slots;		/* member hash tables of large objects */
	size_t nslots, slots_cap;
	struct oc_doc_htab *htabs;
	size_t nhtabs, htabs_cap;
	/* building state */
	struct oc_doc_frame *stack;
	size_t depth, stack_cap;
	uint32_t *scratch;
	size_t nscratch, scratch_cap;
	uint32_t pend_key, pend_key_len, pend_key_start, pend_key_end;
	unsigned pend_key_flags;
	/* Pointers are relative to this node (an embedded spec), or to the
	 * root when it is OC_NONE. */
	uint32_t pointer_base;
};

/* Where a text handed to the builder lives. */
enum oc_text_where {
	OC_TEXT_SOURCE,		/* bytes of src->data: store the offset */
	OC_TEXT_COPY,		/* anywhere else: copy into the pool */
};

/* Called by doc_close() for each repeated key of the closed object. */
typedef void oc_dup_fn(void *ctx, const struct oc_doc *doc,
    const struct oc_node *first, const struct oc_node *again);

struct oc_doc *doc_new(const struct oc_source *src);
void doc_free(struct oc_doc *doc);

/* Building, in document order. A value added at depth 0 starts a new root. */
void doc_key(struct oc_doc *doc, size_t start, size_t end, const char *text,
    size_t len, enum oc_text_where where);
uint32_t doc_scalar(struct oc_doc *doc, enum oc_kind kind, size_t start,
    size_t end, const char *text, size_t len, enum oc_text_where where);
uint32_t doc_open(struct oc_doc *doc, enum oc_kind kind, size_t start);
void doc_close(struct oc_doc *doc, size_t end, oc_dup_fn *dup, void *ctx);
/* Copy the subtree at index n as the next value (YAML aliases); returns the
 * new root index. Positions stay those of the copied nodes. */
uint32_t doc_copy(struct oc_doc *doc, uint32_t n, size_t start, size_t end);
size_t doc_depth(const struct oc_doc *doc);
/* The innermost container still open, or NULL. */
const struct oc_node *doc_innermost(const struct oc_doc *doc);
/* The pointer the next value added would get (after doc_key() for a
 * member); lets a loader report on a value before it becomes a node. */
void doc_pointer_next(const struct oc_doc *doc, struct oc_buf *out);
/* Close whatever is still open (a truncated input) at offset end. */
void doc_abandon(struct oc_doc *doc, size_t end);

/* Reading. The small readers are inline: rules call them in every loop. */
const struct oc_node *doc_root(const struct oc_doc *doc, size_t i);

/* Node info bits (see doc.c): bits 0-2 the kind, then where text lives. */
#define OC_F_POOL 0x08u		/* value text in the pool */
#define OC_F_KEYPOOL 0x10u	/* key text in the pool */

/* Every reader below accepts a NULL node: a missing member is null, has
 * no children and no text. */
static inline enum oc_kind
doc_kind(const struct oc_node *n)
{
	/* A missing member reads as null, so a lookup chain cannot crash. */
	return n == NULL ? OC_NULL : (enum oc_kind)(n->info % 8);
}

const char *doc_kind_name(enum oc_kind kind);

/* Value text: a string's decoded bytes, a number's literal text, "true",
 * "false" or "null". */
static inline const char *
doc_text(const struct oc_doc *doc, const struct oc_node *n, size_t *len)
{
	switch (doc_kind(n)) {
	case OC_STRING:
	case OC_NUMBER:
		*len = n->b;
		return (n->info & OC_F_POOL ? doc->pool : doc->src->data) + n->a;
	case OC_BOOL:
		*len = n->a ? 4 : 5;
		return n->a ? "true" : "false";
	case OC_NULL:
		*len = 4;
		return "null";
	default:
		*len = 0;
		return "";
	}
}

/* Member name, or NULL for a root or array element. */
static inline const char *
doc_key_text(const struct oc_doc *doc, const struct oc_node *n, size_t *len)
{
	if (n == NULL || n->key == OC_NONE) {
		*len = 0;
		return NULL;
	}
	*len = n->key_len;
	return (n->info & OC_F_KEYPOOL ? doc->pool : doc->src->data) + n->key;
}

static inline int
doc_bool(const struct oc_node *n)
{
	return doc_kind(n) == OC_BOOL && n->a;
}

static inline size_t
doc_count(const struct oc_node *n)
{
	enum oc_kind k = doc_kind(n);

	return k == OC_ARRAY || k == OC_OBJECT ? n->b : 0;
}

static inline const struct oc_node *
doc_at(const struct oc_doc *doc, const struct oc_node *n, size_t i)
{
	if (i >= doc_count(n))
		return NULL;
	return &doc->nodes[doc->kids[n->a + i]];
}

static inline const struct oc_node *
doc_parent(const struct oc_doc *doc, const struct oc_node *n)
{
	return n == NULL || n->parent == OC_NONE ? NULL : &doc->nodes[n->parent];
}

/* Position of n among its parent's children. */
size_t doc_index(const struct oc_doc *doc, const struct oc_node *n);
/* Last member named key of object obj, or NULL. */
const struct oc_node *doc_getn(const struct oc_doc *doc,
    const struct oc_node *obj, const char *key, size_t len);

static inline const struct oc_node *
doc_get(const struct oc_doc *doc, const struct oc_node *obj, const char *key)
{
	/* inline so that the length of a literal key is known when built */
	return doc_getn(doc, obj, key, strlen(key));
}

/* Does n hold exactly the text s? */
static inline int
doc_is(const struct oc_doc *doc, const struct oc_node *n, const char *s)
{
	size_t len, sl = strlen(s);
	const char *t;

	if (doc_kind(n) != OC_STRING && doc_kind(n) != OC_NUMBER)
		return 0;
	t = doc_text(doc, n, &len);
	return len == sl && memcmp(t, s, len) == 0;
}

/* A NUL-terminated copy of the text; caller frees. */
char *doc_strdup(const struct oc_doc *doc, const struct oc_node *n);

/* Make pointers relative to n (the spec inside a crictl or ctr dump). */
void doc_set_pointer_base(struct oc_doc *doc, const struct oc_node *n);
/* RFC 6901 pointer from n's root (or the pointer base) to n, appended to
 * out. */
void doc_pointer(const struct oc_doc *doc, const struct oc_node *n,
    struct oc_buf *out);
/* Append one escaped reference token ("/a~1b") to a pointer. */
void doc_pointer_token(struct oc_buf *out, const char *s, size_t len);
struct oc_span doc_span(const struct oc_doc *doc, const struct oc_node *n);
/* The key's span for a member; the value's span otherwise. */
struct oc_span doc_key_span(const struct oc_doc *doc,
    const struct oc_node *n);

/* The typed readers of doc_read.c. Follow members from obj:
 * doc_path(doc, root, "linux", "sysctl", NULL); NULL when a step is
 * missing. */
const struct oc_node *doc_path(const struct oc_doc *doc,
    const struct oc_node *obj, ...) __attribute__((sentinel));
/* A string node's text, or NULL when n is absent or not a string. */
const char *doc_str(const struct oc_doc *doc, const struct oc_node *n,
    size_t *len);
/* The exact value of an integer literal; -1 when n is not a number, has a
 * fraction or exponent, or does not fit (a negative uint64 does not). */
int doc_u64(const struct oc_doc *doc, const struct oc_node *n, uint64_t *v);
int doc_i64(const struct oc_doc *doc, const struct oc_node *n, int64_t *v);
/* n's value for a message: quoted, printable, at most 80 bytes. */
void doc_show(const struct oc_doc *doc, const struct oc_node *n,
    struct oc_buf *b);

#endif
