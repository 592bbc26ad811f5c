/* org.systemd.property.* annotations, which runc's systemd cgroup driver
 * turns into properties of the container's unit (OCI5011). */
#include <string.h>

#include "ocicheck/check.h"
#include "lx.h"

#define PREFIX "org.systemd.property."
#define MAX_DEPTH 32

/* A cursor over a GVariant text value, as godbus's ParseVariant reads it
 * (the same grammar as GLib's g_variant_parse). */
struct gv {
	const char *s;
	size_t n, i;
	int depth;
};

static void
gv_space(struct gv *g)
{
	while (g->i < g->n && strchr(" \t\n\r", g->s[g->i]) != NULL)
		g->i++;
}

static int
gv_word(struct gv *g, const char *w)
{
	size_t len = strlen(w), e = g->i + len;

	if (e > g->n || memcmp(g->s + g->i, w, len) != 0 ||
	    (e < g->n && ((g->s[e] >= 'a' && g->s[e] <= 'z') ||
	    (g->s[e] >= '0' && g->s[e] <= '9'))))
		return 0;
	g->i = e;
	return 1;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A number; its kind is 'i' (integer) or 'd'. */
static int
gv_number(struct gv *g, char *kind)
{
	size_t start;
	int digits = 0, hex = 0;

	if (g->i < g->n && (g->s[g->i] == '-' || g->s[g->i] == '+'))
		g->i++;
	if (gv_word(g, "inf") || gv_word(g, "nan")) {
		*kind = 'd';
		return 1;
	}
	if (g->i + 1 < g->n && g->s[g->i] == '0' &&
	    (g->s[g->i + 1] == 'x' || g->s[g->i + 1] == 'X')) {
		g->i += 2;
		hex = 1;
	}
	*kind = 'i';
	for (start = g->i; g->i < g->n; g->i++) {
		char c = g->s[g->i];

		if (is_digit(c) || (hex && strchr("abcdefABCDEF", c)))
			digits++;
		else if (!hex && (c == '.' || c == 'e' || c == 'E'))
			*kind = 'd';
		else if (!hex && (c == '-' || c == '+') && g->i > start &&
		    (g->s[g->i - 1] == 'e' || g->s[g->i - 1] == 'E'))
			continue;
		else
			break;
	}
	return digits > 0;
}

static int
gv_string(struct gv *g)
{
	char q = g->s[g->i++];

	while (g->i < g->n && g->s[g->i] != q)
		g->i += g->s[g->i] == '\\' ? 2 : 1;
	if (g->i >= g->n)
		return 0;
	g->i++;
	return 1;
}

static int gv_value(struct gv *g, char *kind);

/* A list of values up to close; dict entries "k: v" when dict. */
static int
gv_list(struct gv *g, char close, int dict)
{
	char k;

	g->i++;
	gv_space(g);
	if (g->i < g->n && g->s[g->i] == close) {
		g->i++;
		return 1;
	}
	for (;;) {
		if (!gv_value(g, &k))
			return 0;
		gv_space(g);
		if (dict) {
			if (g->i >= g->n || g->s[g->i] != ':')
				return 0;
			g->i++;
			if (!gv_value(g, &k))
				return 0;
			gv_space(g);
		}
		if (g->i < g->n && g->s[g->i] == close) {
			g->i++;
			return 1;
		}
		if (g->i >= g->n || g->s[g->i] != ',')
			return 0;
		g->i++;
	}
}

/* Type keywords and the kind of value they make. */
static const struct {
	const char *word;
	char kind;
} gv_types[] = {
	{ "boolean", 'b' }, { "byte", 'i' }, { "int16", 'i' },
	{ "uint16", 'i' }, { "int32", 'i' }, { "uint32", 'i' },
	{ "handle", 'h' }, { "int64", 'i' }, { "uint64", 'i' },
	{ "double", 'd' }, { "string", 's' }, { "objectpath", 's' },
	{ "signature", 's' },
};

/* @TYPE value: the type's first letter says what it is. */
static int
gv_annotated(struct gv *g, char *kind)
{
	size_t st = ++g->i;
	char c;
	int ok;

	while (g->i < g->n && strchr(" \t\n\r", g->s[g->i]) == NULL)
		g->i++;
	if (g->i == st)
		return 0;
	c = g->s[st];
	ok = gv_value(g, kind);
	*kind = strchr("ynqiuxt", c) ? 'i' : c == 'd' ? 'd' : c;
	return ok;
}

/* A type keyword and its value: uint64 10, objectpath '/a'. */
static int
gv_keyword(struct gv *g, char *kind)
{
	size_t t;
	int ok;

	for (t = 0; t < ARRAY_SIZE(gv_types); t++)
		if (gv_word(g, gv_types[t].word))
			break;
	if (t == ARRAY_SIZE(gv_types))
		return 0;
	ok = gv_value(g, kind);
	*kind = gv_types[t].kind;
	return ok;
}

static int
gv_value(struct gv *g, char *kind)
{
	char c;
	int ok;

	gv_space(g);
	if (g->i >= g->n || ++g->depth > MAX_DEPTH)
		return 0;
	c = g->s[g->i];
	*kind = c;
	if (c == '@') {
		ok = gv_annotated(g, kind);
	} else if (c == '\'' || c == '"') {
		ok = gv_string(g);
		*kind = 's';
	} else if (c == 'b' && g->i + 1 < g->n &&
	    (g->s[g->i + 1] == '\'' || g->s[g->i + 1] == '"')) {
		g->i++;
		ok = gv_string(g);
		*kind = 'a';
	} else if (c == '[' || c == '(' || c == '{') {
		ok = gv_list(g, c == '[' ? ']' : c == '(' ? ')' : '}',
		    c == '{');
		*kind = c == '[' || c == '{' ? 'a' : 'r';
	} else if (c == '<') {
		ok = gv_list(g, '>', 0);
		*kind = 'v';
	} else if (gv_word(g, "true") || gv_word(g, "false")) {
		ok = 1;
		*kind = 'b';
	} else if (gv_word(g, "nothing")) {
		ok = 1;
		*kind = 'm';
	} else if (gv_word(g, "just")) {
		ok = gv_value(g, kind);
		*kind = 'm';
	} else if (is_digit(c) || c == '-' || c == '+' || c == '.' ||
	    (g->n - g->i >= 3 && (memcmp(g->s + g->i, "inf", 3) == 0 ||
	    memcmp(g->s + g->i, "nan", 3) == 0))) {
		ok = gv_number(g, kind);
	} else {
		ok = gv_keyword(g, kind);
	}
	g->depth--;
	return ok;
}

/* Does s parse as one GVariant value? Its kind in *kind. */
static int
gvariant_ok(const char *s, size_t n, char *kind)
{
	struct gv g = { s, n, 0, 0 };

	if (!gv_value(&g, kind))
		return 0;
	gv_space(&g);
	return g.i == n;
}

/* runc renames xxxSec (a lower-case letter before "Sec") to xxxUSec and
 * needs a number to multiply. */
static int
is_sec(const char *name, size_t n)
{
	return n > 3 && memcmp(name + n - 3, "Sec", 3) == 0 &&
	    name[n - 4] >= 'a' && name[n - 4] <= 'z';
}

static void
check_one(struct oc_check_ctx *ctx, const struct oc_node *v)
{
	size_t klen, vlen, i, nlen;
	const char *key = doc_key_text(ctx->doc, v, &klen), *name, *s;
	struct oc_buf shown = { 0 };
	char kind = 0;

	name = key + strlen(PREFIX);
	nlen = klen - strlen(PREFIX);
	for (i = 0; i < nlen; i++)
		if (!((name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= 'a' && name[i] <= 'z')))
			break;
	if (nlen < 3) {
		check_report(ctx, OC_AT_KEY, v,
		    "annotation %.*s names no systemd "
		    "property: with the systemd cgroup driver runc refuses it "
		    "(\"name incorrect\": too short), crun too (\"invalid "
		    "systemd property name\")", (int)klen, key);
		return;
	}
	if (i < nlen) {
		check_report(ctx, OC_AT_KEY, v,
		    "annotation %.*s names no systemd "
		    "property: runc with the systemd cgroup driver refuses it "
		    "(\"name incorrect\": contains non-alphabetic "
		    "character)", (int)klen, key);
		return;
	}
	s = doc_str(ctx->doc, v, &vlen);
	if (s == NULL)
		return;
	if (!gvariant_ok(s, vlen, &kind))
		check_report(ctx, OC_AT_VALUE, v,
		    "annotation %.*s has the value %s, which "
		    "is not a GVariant value (write strings quoted, e.g. "
		    "\"'text'\"): runc with the systemd cgroup driver refuses "
		    "it (\"value parse error\")", (int)klen, key,
		    lx_show(ctx->doc, v, &shown));
	else if (is_sec(name, nlen) && kind != 'i' && kind != 'd')
		check_report(ctx, OC_AT_VALUE, v,
		    "annotation %.*s has the value %s, but "
		    "runc turns %.*s into %.*sUSec and needs a number of "
		    "seconds such as \"10\" (crun takes whole numbers "
		    "only): with the systemd cgroup driver it refuses it "
		    "(\"value parse error\")",
		    (int)klen, key, lx_show(ctx->doc, v, &shown), (int)nlen,
		    name, (int)(nlen - 3), name);
	buf_free(&shown);
}

/* OCI5011 */
void
check_systemd_property(struct oc_check_ctx *ctx)
{
	const struct oc_node *a = lx_get(ctx->doc, ctx->root, "annotations",
	    OC_OBJECT);
	size_t i, klen;

	for (i = 0; i < doc_count(a); i++) {
		const struct oc_node *v = doc_at(ctx->doc, a, i);
		const char *key = doc_key_text(ctx->doc, v, &klen);

		if (key != NULL && klen >= strlen(PREFIX) &&
		    memcmp(key, PREFIX, strlen(PREFIX)) == 0)
			check_one(ctx, v);
	}
}
