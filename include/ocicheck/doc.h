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

/* Reading. */
const struct oc_node *doc_root(const struct oc_doc *doc, size_t i);
/* Every reader below accepts a NULL node: a missing member is null, has
 * no children and no text. */
enum oc_kind doc_kind(const struct oc_node *n);
const char *doc_kind_name(enum oc_kind kind);
/* Value text: a string's decoded bytes, a number's literal text, "true",
 * "false" or "null". */
const char *doc_text(const struct oc_doc *doc, const struct oc_node *n,
    size_t *len);
/* Member name, or NULL for a root or array element. */
const char *doc_key_text(const struct oc_doc *doc, const struct oc_node *n,
    size_t *len);
int doc_bool(const struct oc_node *n);
size_t doc_count(const struct oc_node *n);
const struct oc_node *doc_at(const struct oc_doc *doc,
    const struct oc_node *n, size_t i);
const struct oc_node *doc_parent(const struct oc_doc *doc,
    const struct oc_node *n);
/* Position of n among its parent's children. */
size_t doc_index(const struct oc_doc *doc, const struct oc_node *n);
/* Last member named key of object obj, or NULL. */
const struct oc_node *doc_get(const struct oc_doc *doc,
    const struct oc_node *obj, const char *key);
const struct oc_node *doc_getn(const struct oc_doc *doc,
    const struct oc_node *obj, const char *key, size_t len);
/* Does n hold exactly the text s? */
int doc_is(const struct oc_doc *doc, const struct oc_node *n, const char *s);
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

#endif
