#include <stdlib.h>
#include <string.h>

#include "ocicheck/doc.h"

/*
 * Node payload (a, b):
 *   OC_STRING, OC_NUMBER: text offset and length, in src->data or, with
 *                         OC_F_POOL, in the pool
 *   OC_BOOL:              a is 0 or 1
 *   OC_ARRAY, OC_OBJECT:  first child in kids[], child count
 * info: bits 0-2 kind, bit 3 text in pool, bit 4 key in pool, bits 8-31
 * the object's member hash table id + 1 (0: small object, scanned).
 */
#define OC_HTAB_SHIFT 8
/* Objects up to this size are scanned: cheaper than hashing. */
#define OC_SMALL_OBJECT 8

struct oc_doc_frame {
	uint32_t node;
	size_t scratch_base;
};

struct oc_doc_htab {
	uint32_t off;	/* first slot in doc->slots */
	uint32_t mask;	/* slot count - 1 */
};

struct oc_doc *
doc_new(const struct oc_source *src)
{
	struct oc_doc *doc = xcalloc(1, sizeof(*doc));

	doc->src = src;
	/* Room for the nodes of a typical config (one per 16 to 30 bytes)
	 * up front, so that building does not copy the array several times;
	 * pages not written to cost no memory. */
	doc->nodes_cap = src != NULL && src->len / 16 > 64 ? src->len / 16 : 64;
	doc->nodes = xmalloc(doc->nodes_cap * sizeof(*doc->nodes));
	/* every node but a root is some container's child */
	doc->kids_cap = doc->nodes_cap;
	doc->kids = xmalloc(doc->kids_cap * sizeof(*doc->kids));
	doc->scratch_cap = 256;
	doc->scratch = xmalloc(doc->scratch_cap * sizeof(*doc->scratch));
	doc->pend_key = OC_NONE;
	doc->pointer_base = OC_NONE;
	return doc;
}

void
doc_free(struct oc_doc *doc)
{
	if (doc == NULL)
		return;
	free(doc->nodes);
	free(doc->kids);
	free(doc->pool);
	free(doc->roots);
	free(doc->slots);
	free(doc->htabs);
	free(doc->stack);
	free(doc->scratch);
	free(doc);
}

static uint32_t
pool_add(struct oc_doc *doc, const char *text, size_t len)
{
	uint32_t off = (uint32_t)doc->pool_len;

	doc->pool = xgrow(doc->pool, &doc->pool_cap, doc->pool_len + len + 1, 1);
	if (len)
		memcpy(doc->pool + off, text, len);
	doc->pool[off + len] = '\0';
	doc->pool_len += len + 1;
	return off;
}

static uint32_t
text_store(struct oc_doc *doc, const char *text, size_t len,
    enum oc_text_where where, unsigned *flag, unsigned bit)
{
	if (where == OC_TEXT_SOURCE)
		return (uint32_t)(text - doc->src->data);
	*flag |= bit;
	return pool_add(doc, text, len);
}

void
doc_key(struct oc_doc *doc, size_t start, size_t end, const char *text,
    size_t len, enum oc_text_where where)
{
	doc->pend_key_flags = 0;
	doc->pend_key = text_store(doc, text, len, where, &doc->pend_key_flags,
	    OC_F_KEYPOOL);
	doc->pend_key_len = (uint32_t)len;
	doc->pend_key_start = (uint32_t)start;
	doc->pend_key_end = (uint32_t)end;
}

static uint32_t
node_new(struct oc_doc *doc, enum oc_kind kind, size_t start, size_t end)
{
	struct oc_node *n;
	uint32_t i = (uint32_t)doc->nnodes;

	if (doc->nnodes == doc->nodes_cap)
		doc->nodes = xgrow(doc->nodes, &doc->nodes_cap,
		    doc->nnodes + 1, sizeof(*doc->nodes));
	n = &doc->nodes[doc->nnodes++];
	*n = (struct oc_node){
		.start = (uint32_t)start,
		.end = (uint32_t)end,
		.info = kind,
		.key = OC_NONE,
		.parent = OC_NONE,
	};
	if (doc->depth == 0) {
		doc->roots = xgrow(doc->roots, &doc->roots_cap,
		    doc->nroots + 1, sizeof(*doc->roots));
		doc->roots[doc->nroots++] = i;
		return i;
	}
	n->parent = doc->stack[doc->depth - 1].node;
	if (doc->pend_key != OC_NONE &&
	    doc->nodes[n->parent].info % 8 == OC_OBJECT) {
		n->key = doc->pend_key;
		n->key_len = doc->pend_key_len;
		n->key_start = doc->pend_key_start;
		n->key_end = doc->pend_key_end;
		n->info |= doc->pend_key_flags;
		doc->pend_key = OC_NONE;
	}
	if (doc->nscratch == doc->scratch_cap)
		doc->scratch = xgrow(doc->scratch, &doc->scratch_cap,
		    doc->nscratch + 1, sizeof(*doc->scratch));
	doc->scratch[doc->nscratch++] = i;
	return i;
}

uint32_t
doc_scalar(struct oc_doc *doc, enum oc_kind kind, size_t start, size_t end,
    const char *text, size_t len, enum oc_text_where where)
{
	uint32_t i = node_new(doc, kind, start, end);
	struct oc_node *n = &doc->nodes[i];
	unsigned flags = 0;

	if (kind == OC_BOOL) {
		n->a = len == 4 || (len && (text[0] == 't' || text[0] == 'T'));
	} else if (kind == OC_STRING || kind == OC_NUMBER) {
		n->a = text_store(doc, text, len, where, &flags, OC_F_POOL);
		n = &doc->nodes[i];
		n->b = (uint32_t)len;
		n->info |= flags;
	}
	return i;
}

uint32_t
doc_open(struct oc_doc *doc, enum oc_kind kind, size_t start)
{
	uint32_t i = node_new(doc, kind, start, start);

	doc->stack = xgrow(doc->stack, &doc->stack_cap, doc->depth + 1,
	    sizeof(*doc->stack));
	doc->stack[doc->depth].node = i;
	doc->stack[doc->depth].scratch_base = doc->nscratch;
	doc->depth++;
	return i;
}

/* Is n's member name exactly key? Lengths first: most names differ. */
static inline int
key_eq(const struct oc_doc *doc, const struct oc_node *n, const char *key,
    size_t len)
{
	const char *k;

	if (n->key_len != len || n->key == OC_NONE)
		return 0;
	if (len == 0)
		return 1;
	k = (n->info & OC_F_KEYPOOL ? doc->pool : doc->src->data) + n->key;
	return k[0] == key[0] && memcmp(k, key, len) == 0;
}

/* Index a large object; report repeated keys to dup. */
static void
htab_build(struct oc_doc *doc, uint32_t obj, oc_dup_fn *dup, void *ctx)
{
	struct oc_node *o = &doc->nodes[obj];
	size_t size = 16, i, cnt = o->b;
	struct oc_doc_htab *t;
	uint32_t off, *first = NULL;

	while (size < cnt * 2)
		size *= 2;
	off = (uint32_t)doc->nslots;
	doc->slots = xgrow(doc->slots, &doc->slots_cap, doc->nslots + size,
	    sizeof(*doc->slots));
	memset(doc->slots + off, 0xff, size * sizeof(*doc->slots));
	doc->nslots += size;
	doc->htabs = xgrow(doc->htabs, &doc->htabs_cap, doc->nhtabs + 1,
	    sizeof(*doc->htabs));
	t = &doc->htabs[doc->nhtabs++];
	t->off = off;
	t->mask = (uint32_t)(size - 1);
	o->info |= (uint32_t)doc->nhtabs << OC_HTAB_SHIFT;
	for (i = 0; i < cnt; i++) {
		uint32_t kid = doc->kids[o->a + i], *slot;
		const struct oc_node *k = &doc->nodes[kid];
		size_t klen;
		const char *key = doc_key_text(doc, k, &klen);
		uint32_t h = text_hash(key, klen);

		for (;;) {
			slot = &doc->slots[off + (h & t->mask)];
			if (*slot == OC_NONE || key_eq(doc,
			    &doc->nodes[*slot], key, klen))
				break;
			h++;
		}
		if (*slot == OC_NONE) {
			if (first != NULL)
				first[slot - doc->slots - off] = kid;
		} else if (dup != NULL) {
			/* The slot keeps the latest occurrence (lookups want
			 * the last); the report names the first, remembered
			 * per slot once a repeat shows up. */
			if (first == NULL) {
				size_t j;

				first = xmalloc(size * sizeof(*first));
				memset(first, 0xff, size * sizeof(*first));
				for (j = 0; j < i; j++) {
					uint32_t kj = doc->kids[o->a + j];
					size_t jl;
					const char *jk = doc_key_text(doc,
					    &doc->nodes[kj], &jl);
					uint32_t hj = text_hash(jk, jl);

					while (first[hj & t->mask] != OC_NONE &&
					    !key_eq(doc, &doc->nodes[first[hj &
					    t->mask]], jk, jl))
						hj++;
					if (first[hj & t->mask] == OC_NONE)
						first[hj & t->mask] = kj;
				}
			}
			dup(ctx, doc, &doc->nodes[first[slot - doc->slots - off]],
			    k);
		}
		*slot = kid;
	}
	free(first);
}

void
doc_close(struct oc_doc *doc, size_t end, oc_dup_fn *dup, void *ctx)
{
	struct oc_doc_frame *f = &doc->stack[--doc->depth];
	struct oc_node *n = &doc->nodes[f->node];
	size_t cnt = doc->nscratch - f->scratch_base, i, j;

	n->end = (uint32_t)end;
	n->a = (uint32_t)doc->nkids;
	n->b = (uint32_t)cnt;
	if (cnt > 0) {
		doc->kids = xgrow(doc->kids, &doc->kids_cap, doc->nkids + cnt,
		    sizeof(*doc->kids));
		memcpy(doc->kids + doc->nkids, doc->scratch + f->scratch_base,
		    cnt * sizeof(*doc->kids));
		doc->nkids += cnt;
	}
	doc->nscratch = f->scratch_base;
	doc->pend_key = OC_NONE;
	if (n->info % 8 != OC_OBJECT)
		return;
	if (cnt > OC_SMALL_OBJECT) {
		htab_build(doc, f->node, dup, ctx);
		return;
	}
	for (i = 1; i < cnt && dup != NULL; i++) {
		const struct oc_node *k = &doc->nodes[doc->kids[n->a + i]];
		size_t klen;
		const char *key = doc_key_text(doc, k, &klen);

		for (j = 0; j < i; j++) {
			const struct oc_node *o =
			    &doc->nodes[doc->kids[n->a + j]];

			if (key_eq(doc, o, key, klen)) {
				dup(ctx, doc, o, k);
				break;
			}
		}
	}
}

void
doc_abandon(struct oc_doc *doc, size_t end)
{
	while (doc->depth > 0)
		doc_close(doc, end, NULL, NULL);
}

size_t
doc_depth(const struct oc_doc *doc)
{
	return doc->depth;
}

const struct oc_node *
doc_innermost(const struct oc_doc *doc)
{
	if (doc->depth == 0)
		return NULL;
	return &doc->nodes[doc->stack[doc->depth - 1].node];
}

static uint32_t
copy_rec(struct oc_doc *doc, uint32_t src, size_t start, size_t end)
{
	struct oc_node n = doc->nodes[src];
	uint32_t i;
	size_t k;

	if (n.info % 8 != OC_ARRAY && n.info % 8 != OC_OBJECT) {
		i = node_new(doc, n.info % 8, start, end);
		doc->nodes[i].a = n.a;
		doc->nodes[i].b = n.b;
		doc->nodes[i].info |= n.info & OC_F_POOL;
		return i;
	}
	i = doc_open(doc, n.info % 8, start);
	for (k = 0; k < n.b; k++) {
		/* Re-read: doc_open/node_new may move doc->nodes. */
		const struct oc_node *kid =
		    &doc->nodes[doc->kids[doc->nodes[src].a + k]];
		uint32_t kid_i = doc->kids[doc->nodes[src].a + k];

		if (kid->key != OC_NONE) {
			doc->pend_key = kid->key;
			doc->pend_key_len = kid->key_len;
			doc->pend_key_start = kid->key_start;
			doc->pend_key_end = kid->key_end;
			doc->pend_key_flags = kid->info & OC_F_KEYPOOL;
		}
		copy_rec(doc, kid_i, doc->nodes[kid_i].start,
		    doc->nodes[kid_i].end);
	}
	doc_close(doc, end, NULL, NULL);
	return i;
}

uint32_t
doc_copy(struct oc_doc *doc, uint32_t n, size_t start, size_t end)
{
	return copy_rec(doc, n, start, end);
}

const struct oc_node *
doc_root(const struct oc_doc *doc, size_t i)
{
	return i < doc->nroots ? &doc->nodes[doc->roots[i]] : NULL;
}

const char *
doc_kind_name(enum oc_kind kind)
{
	switch (kind) {
	case OC_NULL: return "null";
	case OC_BOOL: return "boolean";
	case OC_NUMBER: return "number";
	case OC_STRING: return "string";
	case OC_ARRAY: return "array";
	case OC_OBJECT: return "object";
	}
	return "?";
}

size_t
doc_index(const struct oc_doc *doc, const struct oc_node *n)
{
	const struct oc_node *p = doc_parent(doc, n);
	uint32_t self = (uint32_t)(n - doc->nodes);
	size_t lo = 0, hi;

	if (p == NULL)
		return 0;
	/* Children are created in document order, so each run of kids[] is
	 * sorted by node index. */
	hi = p->b;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (doc->kids[p->a + mid] < self)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct oc_node *
doc_getn(const struct oc_doc *doc, const struct oc_node *obj,
    const char *key, size_t len)
{
	uint32_t t, h;
	size_t i;

	if (obj == NULL || doc_kind(obj) != OC_OBJECT)
		return NULL;
	t = obj->info >> OC_HTAB_SHIFT;
	if (t == 0) {
		for (i = obj->b; i-- > 0;) {
			const struct oc_node *k = &doc->nodes[doc->kids[obj->a + i]];

			if (key_eq(doc, k, key, len))
				return k;
		}
		return NULL;
	}
	const struct oc_doc_htab *tab = &doc->htabs[t - 1];

	for (h = text_hash(key, len);; h++) {
		uint32_t s = doc->slots[tab->off + (h & tab->mask)];

		if (s == OC_NONE)
			return NULL;
		if (key_eq(doc, &doc->nodes[s], key, len))
			return &doc->nodes[s];
	}
}

char *
doc_strdup(const struct oc_doc *doc, const struct oc_node *n)
{
	size_t len;
	const char *t = doc_text(doc, n, &len);

	return xstrndup(t, len);
}

void
doc_pointer_token(struct oc_buf *out, const char *s, size_t len)
{
	size_t i, from = 0;

	buf_addc(out, '/');
	for (i = 0; i < len; i++) {
		if (s[i] != '~' && s[i] != '/')
			continue;
		buf_add(out, s + from, i - from);
		buf_adds(out, s[i] == '~' ? "~0" : "~1");
		from = i + 1;
	}
	buf_add(out, s + from, len - from);
}

static void
pointer_rec(const struct oc_doc *doc, const struct oc_node *n,
    struct oc_buf *out)
{
	const struct oc_node *p = doc_parent(doc, n);
	size_t len;
	const char *key;

	if (p == NULL || (uint32_t)(n - doc->nodes) == doc->pointer_base)
		return;
	pointer_rec(doc, p, out);
	key = doc_key_text(doc, n, &len);
	if (key != NULL)
		doc_pointer_token(out, key, len);
	else
		buf_printf(out, "/%zu", doc_index(doc, n));
}

void
doc_pointer(const struct oc_doc *doc, const struct oc_node *n,
    struct oc_buf *out)
{
	/* Depth is bounded by the loaders' nesting limit. */
	buf_add(out, "", 0);
	pointer_rec(doc, n, out);
}

void
doc_set_pointer_base(struct oc_doc *doc, const struct oc_node *n)
{
	doc->pointer_base = n ? (uint32_t)(n - doc->nodes) : OC_NONE;
}

void
doc_pointer_next(const struct oc_doc *doc, struct oc_buf *out)
{
	const struct oc_doc_frame *f;

	buf_add(out, "", 0);
	if (doc->depth == 0)
		return;
	f = &doc->stack[doc->depth - 1];
	pointer_rec(doc, &doc->nodes[f->node], out);
	if (doc_kind(&doc->nodes[f->node]) == OC_OBJECT) {
		if (doc->pend_key != OC_NONE)
			doc_pointer_token(out, (doc->pend_key_flags ?
			    doc->pool : doc->src->data) + doc->pend_key,
			    doc->pend_key_len);
	} else {
		buf_printf(out, "/%zu", doc->nscratch - f->scratch_base);
	}
}

struct oc_span
doc_span(const struct oc_doc *doc, const struct oc_node *n)
{
	return source_span(doc->src, n->start, n->end);
}

struct oc_span
doc_key_span(const struct oc_doc *doc, const struct oc_node *n)
{
	if (n->key == OC_NONE)
		return doc_span(doc, n);
	return source_span(doc->src, n->key_start, n->key_end);
}
