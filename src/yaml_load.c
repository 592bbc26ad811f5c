/*
 * YAML input: libyaml's event API builds the same positioned tree as JSON.
 *
 * Plain scalars are typed by the YAML 1.2 core schema, so "yes" and "on"
 * stay strings as in every YAML 1.2 reader. Aliases are expanded by
 * copying the anchored subtree, so checks never meet a graph; the copies
 * are bounded so that a billion-laughs file costs milliseconds.
 *
 * libyaml marks count code points, not bytes: mark.index and mark.column
 * both advance by one per decoded character (checked against libyaml
 * 0.2.5 with multibyte scalars). Lines are counted at every YAML line break
 * (CR, CRLF, NEL, LS, PS), not only at '\n' as the source index does, so
 * mark.line is not a safe way in; mark.index is, once walked over the
 * bytes. Events come in document order, so one cursor walking forward
 * costs linear time over the whole stream.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "ocicheck/json_load.h"
#include "ocicheck/yaml_load.h"

#define YL_CORE "tag:yaml.org,2002:"
/* Longest scalar or tag quoted in a message. */
#define YL_SHOW 60

struct yl_anchor {
	char *name;
	uint32_t node;		/* OC_NONE for an anchor on a mapping key */
	uint32_t size;		/* nodes an alias to it creates */
	uint32_t height;	/* collection levels it adds */
	int open;		/* its collection has not ended yet */
	enum oc_kind kind;	/* scalars: their type and text, so that an */
	char *text;		/* alias can also stand as a key */
	size_t len;
};

struct yl_frame {
	uint32_t node;
	int is_map;
	int want_key;		/* the next event in this mapping is a key */
	int block;
	size_t start;
	size_t last_end;	/* end of the last child or key */
	uint32_t height;	/* tallest child */
	size_t anchor;		/* index in anchors, SIZE_MAX if none */
};

struct yl {
	const struct oc_source *src;
	struct oc_doc *doc;
	struct oc_error **err;
	/* code point -> byte cursor; code point 0 is at byte base, after a
	 * byte order mark */
	size_t base, cp, byte;
	/* code points before the first non-ASCII byte, where cp and byte
	 * move together (contracts are mostly all ASCII) */
	size_t ascii;
	/* anchors of the current document, hashed by name; a redefinition
	 * takes over the slot */
	struct yl_anchor *anchors;
	size_t nanchors, anchors_cap;
	uint32_t *slots;
	size_t nslots;
	/* bounds, over the whole stream */
	size_t aliases, alias_nodes;
	/* the first repeated key of the mapping being closed */
	int dup;
	size_t dup_first, dup_again;
	struct oc_buf dup_key;
	/* yaml_load_dups(): the repeats kept so far (NULL for yaml_load()),
	 * all repeats seen, and the offset past which none can be kept */
	struct oc_yaml_dups *dups;
	size_t dups_cap, dups_seen, dups_limit;
	/* last: each is set when its level opens, so the 14 KiB stay
	 * unwritten (and unfaulted) beyond the depth a document reaches */
	struct yl_frame frames[OC_MAX_DEPTH];
};

static int
yl_fail(struct yl *l, size_t off, const char *fmt, ...) OC_PRINTF(3, 4);

static int
yl_fail(struct yl *l, size_t off, const char *fmt, ...)
{
	struct oc_pos pos = source_pos(l->src, off);
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	oc_error_set(l->err, 0, "%s:%u:%u: %s", l->src->path, pos.line,
	    pos.col, msg);
	free(msg);
	return -1;
}

static int
is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Byte offset of a libyaml mark. Marks only cover text libyaml decoded,
 * which is valid UTF-8, so counting lead bytes counts its characters.
 * Marks never went back in fuzzing; should one, the cursor walks back. */
static size_t
mark_offset(struct yl *l, const yaml_mark_t *m)
{
	const unsigned char *p = (const unsigned char *)l->src->data;
	size_t len = l->src->len;

	if (m->index <= l->ascii) {
		l->cp = m->index;
		l->byte = l->base + m->index;
		return l->byte;
	}
	while (l->cp < m->index && l->byte < len) {
		l->byte++;
		while (l->byte < len && is_cont(p[l->byte]))
			l->byte++;
		l->cp++;
	}
	while (l->cp > m->index) {
		l->byte--;
		while (is_cont(p[l->byte]))
			l->byte--;
		l->cp--;
	}
	return l->byte;
}

static void
anchor_slot_set(struct yl *l, uint32_t i)
{
	size_t mask = l->nslots - 1, h = text_hash(l->anchors[i].name,
	    strlen(l->anchors[i].name));

	for (;; h++) {
		uint32_t *s = &l->slots[h & mask];

		if (*s == OC_NONE ||
		    strcmp(l->anchors[*s].name, l->anchors[i].name) == 0) {
			*s = i;
			return;
		}
	}
}

static struct yl_anchor *
anchor_find(struct yl *l, const char *name)
{
	size_t mask = l->nslots - 1, h = text_hash(name, strlen(name));

	if (l->nslots == 0)
		return NULL;
	for (;; h++) {
		uint32_t s = l->slots[h & mask];

		if (s == OC_NONE)
			return NULL;
		if (strcmp(l->anchors[s].name, name) == 0)
			return &l->anchors[s];
	}
}

static size_t
anchor_add(struct yl *l, const char *name, uint32_t node)
{
	size_t i = l->nanchors, k;
	struct yl_anchor *a;

	l->anchors = xgrow(l->anchors, &l->anchors_cap, l->nanchors + 1,
	    sizeof(*l->anchors));
	a = &l->anchors[l->nanchors++];
	memset(a, 0, sizeof(*a));
	a->name = xstrdup(name);
	a->node = node;
	a->size = 1;
	if (l->nanchors * 2 > l->nslots) {
		/* Replaying every definition in order leaves each slot on the
		 * latest one, as a redefinition would. */
		free(l->slots);
		l->nslots = l->nslots ? l->nslots * 2 : 16;
		l->slots = xmalloc(l->nslots * sizeof(*l->slots));
		memset(l->slots, 0xff, l->nslots * sizeof(*l->slots));
		for (k = 0; k < l->nanchors; k++)
			anchor_slot_set(l, (uint32_t)k);
	} else {
		anchor_slot_set(l, (uint32_t)i);
	}
	return i;
}

/* Anchors are scoped to one document. */
static void
anchors_reset(struct yl *l)
{
	size_t i;

	for (i = 0; i < l->nanchors; i++) {
		free(l->anchors[i].name);
		free(l->anchors[i].text);
	}
	l->nanchors = 0;
	if (l->nslots)
		memset(l->slots, 0xff, l->nslots * sizeof(*l->slots));
}

static int
is_digits(const char *s, size_t len, const char *set)
{
	size_t i;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] == '\0' || strchr(set, s[i]) == NULL)
			return 0;
	return 1;
}

/* Every scalar is tested against these short words: the first byte
 * and the length rule nearly all of them out without a strlen. */
static int
text_in(const char *s, size_t len, const char *const *words)
{
	if (len > 5)
		return 0;
	for (; *words != NULL; words++)
		if ((len == 0 ? **words == '\0' : **words == s[0]) &&
		    strlen(*words) == len && memcmp(s, *words, len) == 0)
			return 1;
	return 0;
}

static int
is_null(const char *s, size_t len)
{
	static const char *const w[] = { "", "~", "null", "Null", "NULL",
	    NULL };

	return text_in(s, len, w);
}

static int
is_bool(const char *s, size_t len)
{
	static const char *const w[] = { "true", "True", "TRUE", "false",
	    "False", "FALSE", NULL };

	return text_in(s, len, w);
}

#define DEC "0123456789"

static int
is_int(const char *s, size_t len)
{
	if (len > 2 && s[0] == '0' && s[1] == 'o')
		return is_digits(s + 2, len - 2, "01234567");
	if (len > 2 && s[0] == '0' && s[1] == 'x')
		return is_digits(s + 2, len - 2, DEC "abcdefABCDEF");
	if (len && (s[0] == '-' || s[0] == '+'))
		s++, len--;
	return is_digits(s, len, DEC);
}

static size_t
span_of(const char *s, size_t len, const char *set)
{
	size_t i = 0;

	while (i < len && s[i] != '\0' && strchr(set, s[i]) != NULL)
		i++;
	return i;
}

/* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?,
 * [-+]? \.(inf|Inf|INF), \.(nan|NaN|NAN) */
static int
is_float(const char *s, size_t len)
{
	static const char *const inf[] = { ".inf", ".Inf", ".INF", NULL };
	static const char *const nan[] = { ".nan", ".NaN", ".NAN", NULL };
	size_t i = 0, n;

	if (text_in(s, len, nan))
		return 1;
	if (len && (s[0] == '-' || s[0] == '+'))
		i++;
	if (text_in(s + i, len - i, inf))
		return 1;
	n = span_of(s + i, len - i, DEC);
	i += n;
	if (i < len && s[i] == '.') {
		size_t frac = span_of(s + i + 1, len - i - 1, DEC);

		if (n == 0 && frac == 0)
			return 0;
		i += 1 + frac;
	} else if (n == 0) {
		return 0;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		n = span_of(s + i, len - i, DEC);
		if (n == 0)
			return 0;
		i += n;
	}
	return i == len;
}

/* The core schema's reading of a plain, untagged scalar. */
static enum oc_kind
plain_kind(const char *s, size_t len)
{
	if (is_null(s, len))
		return OC_NULL;
	if (is_bool(s, len))
		return OC_BOOL;
	if (is_int(s, len) || is_float(s, len))
		return OC_NUMBER;
	return OC_STRING;
}

/* "!!int" for a core schema tag, else the tag as written out by libyaml. */
static char *
tag_show(const char *tag)
{
	struct oc_buf b = { 0 };
	size_t n = strlen(YL_CORE);

	buf_add(&b, "", 0);
	if (strncmp(tag, YL_CORE, n) == 0) {
		buf_adds(&b, "!!");
		tag += n;
	}
	buf_add_display(&b, tag, strlen(tag), YL_SHOW);
	return buf_steal(&b);
}

static int
tag_fail(struct yl *l, size_t off, const char *tag, const char *fmt)
{
	char *t = tag_show(tag);

	yl_fail(l, off, fmt, t);
	free(t);
	return -1;
}

/* The core schema name of tag, NULL for any other tag. */
static const char *
tag_core(const char *tag)
{
	static const char *const known[] = { "str", "int", "float", "bool",
	    "null", "map", "seq", NULL };
	const char *const *k;
	size_t n = strlen(YL_CORE);

	if (strncmp(tag, YL_CORE, n) != 0)
		return NULL;
	for (k = known; *k != NULL; k++)
		if (strcmp(tag + n, *k) == 0)
			return *k;
	return NULL;
}

static int
scalar_kind(struct yl *l, const yaml_event_t *ev, size_t start,
    enum oc_kind *kind)
{
	const char *tag = (const char *)ev->data.scalar.tag;
	const char *s = (const char *)ev->data.scalar.value, *name;
	size_t len = ev->data.scalar.length;
	int ok;
	struct oc_buf b = { 0 };
	char *t;

	if (tag == NULL) {
		*kind = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ?
		    plain_kind(s, len) : OC_STRING;
		return 0;
	}
	/* The non-specific tag "!": a string whatever it looks like. */
	if (strcmp(tag, "!") == 0) {
		*kind = OC_STRING;
		return 0;
	}
	name = tag_core(tag);
	if (name == NULL)
		return tag_fail(l, start, tag, "unsupported tag '%s'");
	if (strcmp(name, "str") == 0) {
		*kind = OC_STRING;
		return 0;
	}
	if (strcmp(name, "map") == 0 || strcmp(name, "seq") == 0)
		return tag_fail(l, start, tag,
		    "tag '%s' cannot apply to a scalar");
	if (strcmp(name, "null") == 0) {
		*kind = OC_NULL;
		ok = is_null(s, len);
	} else if (strcmp(name, "bool") == 0) {
		*kind = OC_BOOL;
		ok = is_bool(s, len);
	} else {
		*kind = OC_NUMBER;
		ok = is_int(s, len) ||
		    (strcmp(name, "float") == 0 && is_float(s, len));
	}
	if (ok)
		return 0;
	buf_add(&b, "", 0);
	buf_add_display(&b, s, len, YL_SHOW);
	t = tag_show(tag);
	yl_fail(l, start, "'%s' does not match tag '%s'", b.s, t);
	free(t);
	buf_free(&b);
	return -1;
}

static int
collection_tag(struct yl *l, const char *tag, size_t start, int is_map)
{
	const char *name;

	if (tag == NULL || strcmp(tag, "!") == 0)
		return 0;
	name = tag_core(tag);
	if (name == NULL)
		return tag_fail(l, start, tag, "unsupported tag '%s'");
	if (strcmp(name, is_map ? "map" : "seq") == 0)
		return 0;
	return tag_fail(l, start, tag, is_map ?
	    "tag '%s' cannot apply to a mapping" :
	    "tag '%s' cannot apply to a sequence");
}

static struct yl_frame *
innermost(struct yl *l)
{
	size_t d = doc_depth(l->doc);

	return d ? &l->frames[d - 1] : NULL;
}

/* Is the next value a mapping key? (At depth 0 it starts a document.) */
static int
in_key(struct yl *l)
{
	struct yl_frame *f = innermost(l);

	return f != NULL && f->is_map && f->want_key;
}

/* A key or value was placed: a mapping expects the other one next. */
static void
placed(struct yl *l)
{
	struct yl_frame *f = innermost(l);

	if (f != NULL && f->is_map)
		f->want_key = !f->want_key;
}

static void
child_end(struct yl *l, size_t end, uint32_t height)
{
	struct yl_frame *f = innermost(l);

	if (f == NULL)
		return;
	if (end > f->last_end)
		f->last_end = end;
	if (height > f->height)
		f->height = height;
}

/* The value limit of json_load.h, for adding n more nodes. */
static int
too_many(struct yl *l, size_t off, size_t n)
{
	if (n <= OC_MAX_VALUES - l->doc->nnodes)
		return 0;
	return yl_fail(l, off, "more than %zu values", OC_MAX_VALUES);
}

static int
on_scalar(struct yl *l, const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	const char *anchor = (const char *)ev->data.scalar.anchor;
	size_t len = ev->data.scalar.length;
	size_t start = mark_offset(l, &ev->start_mark);
	size_t end = mark_offset(l, &ev->end_mark);
	uint32_t node = OC_NONE;
	enum oc_kind kind;
	struct yl_anchor *a;

	if (scalar_kind(l, ev, start, &kind) < 0 || too_many(l, start, 1))
		return -1;
	if (in_key(l))
		doc_key(l->doc, start, end, s, len, OC_TEXT_COPY);
	else
		node = doc_scalar(l->doc, kind, start, end, s, len,
		    OC_TEXT_COPY);
	if (anchor != NULL) {
		size_t i = anchor_add(l, anchor, node);

		a = &l->anchors[i];
		a->kind = kind;
		a->text = xmalloc(len + 1);
		memcpy(a->text, s, len);
		a->text[len] = '\0';
		a->len = len;
	}
	placed(l);
	child_end(l, end, 0);
	return 0;
}

static int
on_alias(struct yl *l, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	size_t start = mark_offset(l, &ev->start_mark);
	size_t end = mark_offset(l, &ev->end_mark);
	struct yl_anchor *a = anchor_find(l, name);
	int key = in_key(l);

	if (a == NULL)
		return yl_fail(l, start, "alias to undefined anchor '%s'",
		    name);
	if (a->open)
		return yl_fail(l, start,
		    "alias to anchor '%s' inside its own node (recursive)",
		    name);
	if (key && a->text == NULL)
		return yl_fail(l, start, "a mapping key must be a scalar");
	/* Both bounds are checked before any copying, so a refused alias
	 * costs nothing. */
	if (++l->aliases > OC_YAML_MAX_ALIASES)
		return yl_fail(l, start, "alias expansion exceeds %d aliases "
		    "(billion-laughs guard)", OC_YAML_MAX_ALIASES);
	if (!key && a->size > OC_YAML_MAX_ALIAS_NODES - l->alias_nodes)
		return yl_fail(l, start, "alias expansion exceeds %d nodes "
		    "(billion-laughs guard)", OC_YAML_MAX_ALIAS_NODES);
	if (doc_depth(l->doc) + a->height > OC_MAX_DEPTH)
		return yl_fail(l, start, "nesting deeper than %d levels",
		    OC_MAX_DEPTH);
	if (too_many(l, start, key ? 0 : a->size))
		return -1;
	if (key) {
		doc_key(l->doc, start, end, a->text, a->len, OC_TEXT_COPY);
	} else {
		if (a->node == OC_NONE)
			doc_scalar(l->doc, a->kind, start, end, a->text,
			    a->len, OC_TEXT_COPY);
		else
			doc_copy(l->doc, a->node, start, end);
		l->alias_nodes += a->size;
	}
	placed(l);
	child_end(l, end, a->height);
	return 0;
}

static int
on_open(struct yl *l, const yaml_event_t *ev, int is_map)
{
	const char *tag, *anchor;
	size_t start = mark_offset(l, &ev->start_mark);
	size_t d = doc_depth(l->doc);
	struct yl_frame *f;
	int block;

	if (is_map) {
		tag = (const char *)ev->data.mapping_start.tag;
		anchor = (const char *)ev->data.mapping_start.anchor;
		block = ev->data.mapping_start.style ==
		    YAML_BLOCK_MAPPING_STYLE;
	} else {
		tag = (const char *)ev->data.sequence_start.tag;
		anchor = (const char *)ev->data.sequence_start.anchor;
		block = ev->data.sequence_start.style ==
		    YAML_BLOCK_SEQUENCE_STYLE;
	}
	if (in_key(l))
		return yl_fail(l, start, "a mapping key must be a scalar");
	if (collection_tag(l, tag, start, is_map) < 0)
		return -1;
	if (d >= OC_MAX_DEPTH)
		return yl_fail(l, start, "nesting deeper than %d levels",
		    OC_MAX_DEPTH);
	if (too_many(l, start, 1))
		return -1;
	placed(l);
	f = &l->frames[d];
	memset(f, 0, sizeof(*f));
	f->node = doc_open(l->doc, is_map ? OC_OBJECT : OC_ARRAY, start);
	f->is_map = is_map;
	f->want_key = 1;
	f->block = block;
	f->start = start;
	f->last_end = start;
	f->anchor = SIZE_MAX;
	if (anchor != NULL) {
		f->anchor = anchor_add(l, anchor, f->node);
		l->anchors[f->anchor].open = 1;
	}
	return 0;
}

static int
dup_cmp(const void *a, const void *b)
{
	const struct oc_yaml_dup *x = a, *y = b;

	if (x->again != y->again)
		return x->again < y->again ? -1 : 1;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return 0;
}

/* Sort and keep the earliest OC_YAML_MAX_DUPS. */
static void
dups_trim(struct yl *l)
{
	struct oc_yaml_dups *d = l->dups;
	size_t i;

	/* qsort's base must not be NULL, even for no elements */
	if (d->n <= 1)
		return;
	qsort(d->v, d->n, sizeof(*d->v), dup_cmp);
	if (d->n <= OC_YAML_MAX_DUPS)
		return;
	for (i = OC_YAML_MAX_DUPS; i < d->n; i++)
		free(d->v[i].key);
	d->n = OC_YAML_MAX_DUPS;
	l->dups_limit = d->v[d->n - 1].again;
}

/* Mappings report their repeats as they close, inner ones first, so the
 * repeats do not come in document order. Up to twice the cap are gathered
 * before the earliest cap are kept; from then on a repeat after the last
 * kept one cannot make the cut and is only counted, without a copy of its
 * key, so a million repeats cost a counter each. */
static void
dup_keep(struct yl *l, const struct oc_doc *doc, const struct oc_node *first,
    const struct oc_node *again)
{
	struct oc_yaml_dups *d = l->dups;
	struct oc_yaml_dup *e;
	struct oc_buf b = { 0 };
	const char *key;
	size_t len;

	l->dups_seen++;
	if (again->key_start > l->dups_limit)
		return;
	if (d->n == 2 * OC_YAML_MAX_DUPS) {
		dups_trim(l);
		if (again->key_start > l->dups_limit)
			return;
	}
	d->v = xgrow(d->v, &l->dups_cap, d->n + 1, sizeof(*d->v));
	e = &d->v[d->n++];
	e->first = first->key_start;
	e->again = again->key_start;
	key = doc_key_text(doc, again, &len);
	buf_add(&b, "", 0);
	buf_add_display(&b, key, len, YL_SHOW);
	e->key = buf_steal(&b);
}

static void
on_dup(void *ctx, const struct oc_doc *doc, const struct oc_node *first,
    const struct oc_node *again)
{
	struct yl *l = ctx;
	const char *key;
	size_t len;

	if (l->dups != NULL) {
		dup_keep(l, doc, first, again);
		return;
	}
	if (l->dup)
		return;
	l->dup = 1;
	l->dup_first = first->key_start;
	l->dup_again = again->key_start;
	key = doc_key_text(doc, again, &len);
	buf_add(&l->dup_key, "", 0);
	buf_add_display(&l->dup_key, key, len, YL_SHOW);
}

static int
on_close(struct yl *l, const yaml_event_t *ev)
{
	struct yl_frame *f = innermost(l);
	size_t end = mark_offset(l, &ev->end_mark);
	uint32_t height = f->height + 1;
	struct oc_pos first;

	/* A block collection's end event sits at the next token, after any
	 * blank lines and comments; its last child ends it better. */
	if (f->block && f->last_end > f->start)
		end = f->last_end;
	l->dup = 0;
	doc_close(l->doc, end, f->is_map ? on_dup : NULL, l);
	if (l->dup) {
		first = source_pos(l->src, l->dup_first);
		return yl_fail(l, l->dup_again,
		    "duplicate key '%s' (first at %u:%u)", l->dup_key.s,
		    first.line, first.col);
	}
	if (f->anchor != SIZE_MAX) {
		struct yl_anchor *a = &l->anchors[f->anchor];

		/* The subtree is every node made since the open, copies
		 * included: nodes are appended in document order. */
		a->open = 0;
		a->size = (uint32_t)(l->doc->nnodes - f->node);
		a->height = height;
	}
	child_end(l, end, height);
	return 0;
}

static int
on_event(struct yl *l, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		anchors_reset(l);
		return 0;
	case YAML_SCALAR_EVENT:
		return on_scalar(l, ev);
	case YAML_ALIAS_EVENT:
		return on_alias(l, ev);
	case YAML_SEQUENCE_START_EVENT:
		return on_open(l, ev, 0);
	case YAML_MAPPING_START_EVENT:
		return on_open(l, ev, 1);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return on_close(l, ev);
	default:
		return 0;
	}
}

static int
parse_fail(struct yl *l, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "syntax error";
	const char *ctx = p->context;
	size_t off;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return oc_error_set(l->err, 0, "%s: libyaml ran out of memory",
		    l->src->path);
	case YAML_READER_ERROR:
		/* The reader decodes ahead of the scanner and reports a raw
		 * byte offset, not a mark. */
		off = l->base + p->problem_offset;
		if (p->problem_value == -1)
			return yl_fail(l, off, "%s", problem);
		if (strstr(problem, "octet") != NULL)
			return yl_fail(l, off, "%s (byte 0x%02x)", problem,
			    (unsigned)p->problem_value & 0xffu);
		return yl_fail(l, off, "%s (U+%04X)", problem,
		    (unsigned)p->problem_value);
	default:
		off = mark_offset(l, &p->problem_mark);
		return yl_fail(l, off, "%s%s%s%s", problem, ctx ? " " : "",
		    ctx ? ctx : "", off < l->src->len &&
		    l->src->data[off] == '\t' ? " (a tab: YAML indents with "
		    "spaces only)" : "");
	}
}

static void
yl_free(struct yl *l)
{
	anchors_reset(l);
	free(l->anchors);
	free(l->slots);
	buf_free(&l->dup_key);
	yaml_dups_free(l->dups);
}

void
yaml_dups_free(struct oc_yaml_dups *dups)
{
	size_t i;

	if (dups == NULL)
		return;
	for (i = 0; i < dups->n; i++)
		free(dups->v[i].key);
	free(dups->v);
	free(dups);
}

/* Both entry points: with dups NULL a repeated key is an error. */
static int
yl_load(const struct oc_source *src, struct oc_doc **out,
    struct oc_yaml_dups **dups, struct oc_error **err)
{
	struct yl *l;
	yaml_parser_t parser;
	yaml_event_t ev;
	int rc = 0, done = 0;

	if (src->too_large)
		return oc_error_set(err, 0,
		    "%s: input of %zu bytes exceeds the %zu-byte limit",
		    src->path, src->too_large, (size_t)OC_MAX_INPUT);
	if (!yaml_parser_initialize(&parser))
		return oc_error_set(err, 0, "%s: libyaml ran out of memory",
		    src->path);
	l = xmalloc(sizeof(*l));
	memset(l, 0, offsetof(struct yl, frames));
	l->src = src;
	l->err = err;
	l->doc = doc_new(src);
	if (dups != NULL) {
		l->dups = xcalloc(1, sizeof(*l->dups));
		l->dups_limit = SIZE_MAX;
	}
	/* The encoding is not guessed, so UTF-16 is refused as invalid UTF-8
	 * instead of decoded into marks that no byte offset matches. Without
	 * the guess libyaml's scanner would consume a UTF-8 byte order mark
	 * as column 1 and shift every indentation; skip it here instead. */
	if (src->len >= 3 && memcmp(src->data, "\xef\xbb\xbf", 3) == 0)
		l->base = 3;
	l->byte = l->base;
	while (l->base + l->ascii < src->len &&
	    (unsigned char)src->data[l->base + l->ascii] < 0x80)
		l->ascii++;
	yaml_parser_set_input_string(&parser,
	    (const unsigned char *)src->data + l->base, src->len - l->base);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			rc = parse_fail(l, &parser);
			break;
		}
		rc = on_event(l, &ev);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (rc < 0)
			break;
	}
	yaml_parser_delete(&parser);
	if (rc == 0 && dups != NULL) {
		dups_trim(l);
		l->dups->more = l->dups_seen - l->dups->n;
		*dups = steal_ptr(&l->dups);
	}
	yl_free(l);
	if (rc < 0)
		doc_free(l->doc);
	else
		*out = l->doc;
	free(l);
	return rc;
}

int
yaml_load(const struct oc_source *src, struct oc_doc **out,
    struct oc_error **err)
{
	return yl_load(src, out, NULL, err);
}

int
yaml_load_dups(const struct oc_source *src, struct oc_doc **out,
    struct oc_yaml_dups **dups, struct oc_error **err)
{
	return yl_load(src, out, dups, err);
}
