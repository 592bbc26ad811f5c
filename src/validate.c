/* See include/ocicheck/validate.h. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ocicheck/contract.h"
#include "ocicheck/check.h"
#include "ocicheck/suggest.h"
#include "ocicheck/validate.h"

/* Errors past this many are counted, not listed. */
#define VAL_MAX_LISTED 20

void
val_err(struct oc_validator *v, const struct oc_node *n, int key,
    const char *fmt, ...)
{
	struct oc_span sp = key ? doc_key_span(v->doc, n) : doc_span(v->doc, n);
	struct val_msg *m;
	va_list ap;

	v->errs = xgrow(v->errs, &v->errs_cap, v->nerrs + 1, sizeof(*v->errs));
	m = &v->errs[v->nerrs++];
	m->line = sp.start.line;
	m->col = sp.start.col;
	va_start(ap, fmt);
	m->text = xvasprintf(fmt, ap);
	va_end(ap);
}

static int
cmp_msg(const void *pa, const void *pb)
{
	const struct val_msg *a = pa, *b = pb;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

/* All problems in file order, the first VAL_MAX_LISTED of them listed. */
char *
val_report(struct oc_validator *v)
{
	struct oc_buf b = { 0 };
	size_t i;

	qsort(v->errs, v->nerrs, sizeof(*v->errs), cmp_msg);
	for (i = 0; i < v->nerrs; i++) {
		if (i < VAL_MAX_LISTED)
			buf_printf(&b, "%s%s:%u:%u: %s", i ? "\n" : "",
			    v->src->path, (unsigned)v->errs[i].line,
			    (unsigned)v->errs[i].col, v->errs[i].text);
		free(v->errs[i].text);
	}
	if (v->nerrs > VAL_MAX_LISTED)
		buf_printf(&b, "\n... and %zu more", v->nerrs - VAL_MAX_LISTED);
	free(v->errs);
	return buf_steal(&b);
}

char *
val_strdup(const struct oc_validator *v, const struct oc_node *n)
{
	return doc_strdup(v->doc, n);
}

const char *
val_got(const struct oc_validator *v, const struct oc_node *n,
    struct oc_buf *b)
{
	size_t len;
	const char *s;

	b->len = 0;
	switch (doc_kind(n)) {
	case OC_ARRAY:
		return "a sequence";
	case OC_OBJECT:
		return "a mapping";
	case OC_NULL:
		return "null";
	default:
		break;
	}
	s = doc_text(v->doc, n, &len);
	buf_addc(b, '\'');
	buf_add_display(b, s, len, 64);
	buf_addc(b, '\'');
	return b->s;
}

int
val_object(struct oc_validator *v, const struct oc_node *obj,
    const char *what, const char *const *allowed, size_t nallowed)
{
	return val_object_aliased(v, obj, what, allowed, nallowed, NULL, 0);
}

static const char *
alias_of(const struct val_alias *aliases, size_t n, const char *key,
    size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(aliases[i].key) == len &&
		    strncasecmp(aliases[i].key, key, len) == 0)
			return aliases[i].meant;
	return NULL;
}

/* obj must be a mapping whose keys are all in allowed. */
int
val_object_aliased(struct oc_validator *v, const struct oc_node *obj,
    const char *what, const char *const *allowed, size_t nallowed,
    const struct val_alias *aliases, size_t naliases)
{
	size_t i, k;
	const char *meant;

	if (doc_kind(obj) != OC_OBJECT) {
		struct oc_buf b = { 0 };

		val_err(v, obj, 0, "%s must be a mapping (got %s)", what,
		    val_got(v, obj, &b));
		buf_free(&b);
		return -1;
	}
	for (i = 0; i < doc_count(obj); i++) {
		const struct oc_node *m = doc_at(v->doc, obj, i);
		size_t len;
		const char *key = doc_key_text(v->doc, m, &len);
		struct oc_buf shown = { 0 }, hint = { 0 };

		for (k = 0; k < nallowed; k++)
			if (strlen(allowed[k]) == len &&
			    memcmp(allowed[k], key, len) == 0)
				break;
		if (k < nallowed)
			continue;
		buf_add_display(&shown, key, len, 64);
		if ((meant = alias_of(aliases, naliases, key, len)) != NULL) {
			buf_printf(&hint, "; did you mean '%s'? (allowed: ",
			    meant);
			suggest_list(&hint, key, len, allowed, nallowed);
			buf_addc(&hint, ')');
		} else {
			suggest_append(&hint, key, len, allowed, nallowed,
			    "allowed");
		}
		val_err(v, m, 1, "unknown key '%s' in %s%s", shown.s, what,
		    hint.s ? hint.s : "");
		buf_free(&shown);
		buf_free(&hint);
	}
	return 0;
}

/* A plain 5 or true is a number or boolean in YAML's core schema; say
 * how to write the string that was probably meant. */
static void OC_PRINTF(3, 4)
val_not_string(struct oc_validator *v, const struct oc_node *n,
    const char *fmt, ...)
{
	struct oc_buf shown = { 0 };
	const char *s;
	size_t len;
	va_list ap;
	char *what;

	va_start(ap, fmt);
	what = xvasprintf(fmt, ap);
	va_end(ap);
	s = doc_text(v->doc, n, &len);
	buf_add_display(&shown, s, len, 64);
	val_err(v, n, 0, "%s (got %s); quote it: '%s'", what,
	    doc_kind_name(doc_kind(n)), shown.s);
	buf_free(&shown);
	free(what);
}

const struct oc_node *
val_get(struct oc_validator *v, const struct oc_node *obj, const char *key,
    enum oc_kind kind, int required, const char *what)
{
	const struct oc_node *n = doc_get(v->doc, obj, key);

	if (n == NULL) {
		if (required)
			val_err(v, obj, doc_key_text(v->doc, obj, &(size_t){ 0 })
			    != NULL, "%s lacks required key '%s'", what, key);
		return NULL;
	}
	if (kind == OC_STRING && v->lax_scalars && (doc_kind(n) == OC_NUMBER ||
	    doc_kind(n) == OC_BOOL))
		return n;
	if (kind == OC_STRING && (doc_kind(n) == OC_NUMBER ||
	    doc_kind(n) == OC_BOOL)) {
		val_not_string(v, n, "'%s' in %s must be a string", key, what);
		return NULL;
	}
	if (doc_kind(n) != kind) {
		struct oc_buf b = { 0 };

		val_err(v, n, 0, "'%s' in %s must be a %s (got %s)", key, what,
		    kind == OC_OBJECT ? "mapping" : kind == OC_ARRAY ?
		    "list" : doc_kind_name(kind), val_got(v, n, &b));
		buf_free(&b);
		return NULL;
	}
	return n;
}

char *
val_str(struct oc_validator *v, const struct oc_node *obj, const char *key, int required,
    const char *what)
{
	const struct oc_node *n = val_get(v, obj, key, OC_STRING, required,
	    what);

	return n ? val_strdup(v, n) : NULL;
}

int
val_bool(struct oc_validator *v, const struct oc_node *obj, const char *key,
    const char *what)
{
	const struct oc_node *n = val_get(v, obj, key, OC_BOOL, 0, what);

	return n ? doc_bool(n) : 0;
}

int64_t
val_int(struct oc_validator *v, const struct oc_node *obj, const char *key,
    const char *what)
{
	const struct oc_node *n = doc_get(v->doc, obj, key);
	struct oc_buf b = { 0 };
	int64_t i;

	if (n == NULL)
		return -1;
	if (doc_kind(n) == OC_NUMBER && doc_i64(v->doc, n, &i) == 0 && i >= 0)
		return i;
	/* "26" quoted is a string to YAML: say so, not just "wrong" */
	val_err(v, n, 0, "'%s' in %s must be a non-negative integer (got %s%s)",
	    key, what, val_got(v, n, &b), doc_kind(n) == OC_STRING ?
	    ", a string: unquote it" : "");
	buf_free(&b);
	return -1;
}

/* A severity: error, warning (or warn), info, and ignore when allowed. */
int
val_sev(struct oc_validator *v, const struct oc_node *obj, const char *key,
    int allow_ignore, int dflt, const char *what)
{
	const struct oc_node *n = doc_get(v->doc, obj, key);
	struct oc_buf shown = { 0 };

	if (n == NULL)
		return dflt;
	if (doc_kind(n) == OC_STRING) {
		if (doc_is(v->doc, n, "error"))
			return OC_SEV_ERROR;
		if (doc_is(v->doc, n, "warning") || doc_is(v->doc, n, "warn"))
			return OC_SEV_WARNING;
		if (doc_is(v->doc, n, "info"))
			return OC_SEV_INFO;
		if (allow_ignore && doc_is(v->doc, n, "ignore"))
			return OC_ITEM_IGNORE;
	}
	val_err(v, n, 0, "'%s' in %s must be error, warning, info%s (got %s)",
	    key, what, allow_ignore ? " or ignore" : "", val_got(v, n, &shown));
	buf_free(&shown);
	return dflt;
}

/* A list of strings; returns the count, *out an allocated array. */
size_t
val_strs(struct oc_validator *v, const struct oc_node *obj, const char *key,
    char ***out, const struct oc_node ***nodes, const char *what)
{
	const struct oc_node *l = val_get(v, obj, key, OC_ARRAY, 0, what);
	size_t i, n = 0;

	*out = NULL;
	if (nodes != NULL)
		*nodes = NULL;
	if (l == NULL)
		return 0;
	*out = xcalloc(doc_count(l), sizeof(**out));
	if (nodes != NULL)
		*nodes = xcalloc(doc_count(l), sizeof(**nodes));
	for (i = 0; i < doc_count(l); i++) {
		const struct oc_node *e = doc_at(v->doc, l, i);

		if (!v->lax_scalars && (doc_kind(e) == OC_NUMBER ||
		    doc_kind(e) == OC_BOOL)) {
			val_not_string(v, e, "entries of '%s' in %s must be "
			    "strings", key, what);
			continue;
		}
		if (doc_kind(e) != OC_STRING && doc_kind(e) != OC_NUMBER) {
			val_err(v, e, 0, "entries of '%s' in %s must be strings",
			    key, what);
			continue;
		}
		if (nodes != NULL)
			(*nodes)[n] = e;
		(*out)[n++] = val_strdup(v, e);
	}
	return n;
}

void
val_strs_free(char **s, size_t n)
{
	size_t i;

	for (i = 0; s != NULL && i < n; i++)
		free(s[i]);
	free(s);
}

