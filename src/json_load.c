/*
 * JSON input: yajl's event API builds the positioned tree.
 *
 * yajl is asked to accept comments and trailing data and not to validate
 * UTF-8, so that each of those becomes a finding at an exact position here
 * instead of a vague parse failure. Positions come from two facts: inside a
 * callback yajl_get_bytes_consumed() is just past the token that fired it,
 * and the bytes between two tokens (the "gap") hold only whitespace,
 * comments and at most one ',' or ':'. Scanning each gap once gives every
 * token's start and every comment, in linear time.
 *
 * Most gaps need no scan at all: yajl hands strings without escapes and
 * numbers over as pointers into the input, and brackets and literals have
 * a known length, so a token's start is known from its end. A gap is then
 * read only when it holds a byte that needs a finding (a comment start, a
 * form feed or a vertical tab), which one forward search per kind of byte
 * finds for the whole input.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "ocicheck/json_load.h"

enum last_tok {
	T_NONE,		/* nothing yet */
	T_OPEN_OBJ,
	T_OPEN_ARR,
	T_KEY,
	T_VALUE,
};

struct jl {
	const struct oc_source *src;
	const char *s;
	size_t len;
	struct oc_doc *doc;
	struct oc_findings *out;
	yajl_handle h;
	size_t prev_end;	/* just past the last token with an event */
	enum last_tok last;
	size_t last_start;	/* start of the last value token */
	int completing;		/* inside yajl_complete_parse() */
	int canceled;		/* a limit stopped the parse; finding added */
	int ascii;		/* no byte of the input is above 0x7f */
	/* The next form feed, vertical tab and comment start at or after
	 * prev_end (len when there is none): a gap before all three needs
	 * no scan. junk is the nearest of them. */
	size_t next_ff, next_vt, next_comment, junk;
};

static void
report(struct jl *j, enum oc_rule_id id, size_t start, size_t end,
    const char *fmt, ...) OC_PRINTF(5, 6);

/* A finding about the value or member the builder is at. */
static void
report(struct jl *j, enum oc_rule_id id, size_t start, size_t end,
    const char *fmt, ...)
{
	struct oc_buf ptr = { 0 };
	va_list ap;

	doc_pointer_next(j->doc, &ptr);
	va_start(ap, fmt);
	findings_add_sevv(j->out, id, -1, source_span(j->src, start, end),
	    ptr.s, fmt, ap);
	va_end(ap);
	buf_free(&ptr);
}

static size_t
skip_comment(struct jl *j, size_t i)
{
	const char *s = j->s;
	size_t start = i;
	const char *e;

	if (s[i + 1] == '/') {
		e = memchr(s + i, '\n', j->len - i);
		i = e ? (size_t)(e - s) : j->len;
	} else {
		for (i += 2; i + 1 < j->len && !(s[i] == '*' && s[i + 1] == '/');
		    i++)
			;
		i = i + 1 < j->len ? i + 2 : j->len;
	}
	report(j, OC_R_OCI0003, start, i,
	    "comment in JSON: yajl-based crun skips it but runc rejects the "
	    "file");
	return i;
}

/*
 * Scan the gap from i to the next token, reporting comments and non-JSON
 * whitespace. sep is the separator the grammar allows here (',' or ':', or
 * 0); *sep_at is set to its offset when it is seen, else to SIZE_MAX.
 */
static size_t
gap(struct jl *j, size_t i, char sep, size_t *sep_at)
{
	const char *s = j->s;

	*sep_at = SIZE_MAX;
	while (i < j->len) {
		switch (s[i]) {
		case ' ':
		case '\t':
		case '\n':
		case '\r':
			i++;
			continue;
		case '\f':
		case '\v':
			report(j, OC_R_OCI0001, i, i + 1,
			    "%s is not JSON whitespace: runc rejects the file",
			    s[i] == '\f' ? "form feed" : "vertical tab");
			i++;
			continue;
		case '/':
			if (i + 1 < j->len && (s[i + 1] == '/' ||
			    s[i + 1] == '*')) {
				i = skip_comment(j, i);
				continue;
			}
			return i;
		default:
			if (sep && s[i] == sep && *sep_at == SIZE_MAX) {
				*sep_at = i++;
				continue;
			}
			return i;
		}
	}
	return i;
}

/* The first '/' at or after from that starts a comment, else len. */
static size_t
find_comment(const struct jl *j, size_t from)
{
	const char *p;

	while (from + 1 < j->len &&
	    (p = memchr(j->s + from, '/', j->len - 1 - from)) != NULL) {
		if (p[1] == '/' || p[1] == '*')
			return (size_t)(p - j->s);
		from = (size_t)(p - j->s) + 1;
	}
	return j->len;
}

static size_t
find_byte(const struct jl *j, size_t from, char c)
{
	const char *p = from < j->len ? memchr(j->s + from, c, j->len - from) :
	    NULL;

	return p ? (size_t)(p - j->s) : j->len;
}

static void
junk_update(struct jl *j, size_t from)
{
	if (j->next_ff < from)
		j->next_ff = find_byte(j, from, '\f');
	if (j->next_vt < from)
		j->next_vt = find_byte(j, from, '\v');
	if (j->next_comment < from)
		j->next_comment = find_comment(j, from);
	j->junk = j->next_ff < j->next_vt ? j->next_ff : j->next_vt;
	if (j->next_comment < j->junk)
		j->junk = j->next_comment;
}

/* Can the gap [from, to) hold only whitespace and separators? Gaps come
 * in input order, so each search resumes past the last byte it found. */
static inline int
gap_plain(struct jl *j, size_t from, size_t to)
{
	if (j->junk < from)
		junk_update(j, from);
	return j->junk >= to;
}

/* No byte above 0x7f: then no string can hold invalid UTF-8. Eight bytes
 * at a time, as this reads the whole input. */
static int
all_ascii(const char *s, size_t n)
{
	uint64_t acc = 0, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		acc |= w;
	}
	for (; i < n; i++)
		acc |= (unsigned char)s[i];
	return (acc & 0x8080808080808080ull) == 0;
}

static char
expected_sep(const struct jl *j)
{
	if (j->last == T_KEY)
		return ':';
	if (j->last == T_VALUE && doc_depth(j->doc) > 0)
		return ',';
	return 0;
}

/* Start of the token whose event is firing; its end is bytes_consumed. */
static size_t
token_start(struct jl *j)
{
	size_t sep_at;

	return gap(j, j->prev_end, expected_sep(j), &sep_at);
}

/* The same when the token is known to start at start (SIZE_MAX: unknown):
 * the gap before it is scanned only when it may need a finding. */
static size_t
token_start_at(struct jl *j, size_t start)
{
	if (start != SIZE_MAX && start >= j->prev_end &&
	    gap_plain(j, j->prev_end, start))
		return start;
	return token_start(j);
}

/* Where a token that ends at bytes_consumed starts, when it is the text
 * lit there; SIZE_MAX when that is not so (the caller then scans). */
static size_t
token_ending(struct jl *j, const char *lit, size_t n)
{
	size_t end = yajl_get_bytes_consumed(j->h);

	if (j->completing || end > j->len || end < n ||
	    memcmp(j->s + end - n, lit, n) != 0)
		return SIZE_MAX;
	return end - n;
}

/* The same for a bracket, the commonest token. */
static size_t
bracket_at(struct jl *j, char c)
{
	size_t end = yajl_get_bytes_consumed(j->h);

	if (j->completing || end > j->len || end == 0 || j->s[end - 1] != c)
		return SIZE_MAX;
	return end - 1;
}

/* Where the text yajl passed a callback starts in the input, when it
 * points into it and is n bytes followed by the token's end; SIZE_MAX
 * when it does not (an escaped string is decoded into yajl's buffer). */
static size_t
token_in_input(struct jl *j, const void *val, size_t n, size_t quote)
{
	uintptr_t v = (uintptr_t)val, s = (uintptr_t)j->s;
	size_t off;

	if (j->completing || v < s + quote || v - s > j->len ||
	    n + quote > j->len - (v - s))
		return SIZE_MAX;
	off = (size_t)(v - s);
	if (off + n + quote != yajl_get_bytes_consumed(j->h) ||
	    (quote && (j->s[off - 1] != '"' || j->s[off + n] != '"')))
		return SIZE_MAX;
	return off - quote;
}

static int
is_number_char(char c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ||
	    c == 'e' || c == 'E';
}

static size_t
token_end(struct jl *j, size_t start)
{
	size_t end = yajl_get_bytes_consumed(j->h);

	/* A number ending the input fires from yajl_complete_parse(), where
	 * the count is no longer an offset: measure the literal instead. */
	if (j->completing || end <= start || end > j->len) {
		end = start;
		while (end < j->len && is_number_char(j->s[end]))
			end++;
	}
	return end;
}

/* val with every invalid sequence replaced by U+FFFD, as Go decodes it. */
static char *
sanitize(const char *val, size_t n, size_t *out_len)
{
	const unsigned char *p = (const unsigned char *)val;
	struct oc_buf b = { 0 };
	size_t i = 0, k;

	while (i < n) {
		k = p[i] < 0x80 ? 1 : utf8_valid_len(p + i, n - i);
		if (k == 0) {
			buf_add(&b, "\xef\xbf\xbd", 3);
			i++;
		} else {
			buf_add(&b, val + i, k);
			i += k;
		}
	}
	*out_len = b.len;
	return buf_steal(&b);
}

static unsigned
hex4(const char *s)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = s[i];

		v = v * 16 + (unsigned)(isdigit((unsigned char)c) ? c - '0' :
		    tolower((unsigned char)c) - 'a' + 10);
	}
	return v;
}

/* Report \u0000 and unpaired UTF-16 surrogates in the raw string body. */
static void
check_escapes(struct jl *j, size_t body, size_t n)
{
	const char *r = j->s + body;
	size_t i = 0;

	while (i < n) {
		unsigned cp;

		if (r[i] != '\\') {
			i++;
			continue;
		}
		if (i + 1 >= n || r[i + 1] != 'u' || i + 6 > n) {
			i += 2;
			continue;
		}
		cp = hex4(r + i + 2);
		if (cp == 0) {
			report(j, OC_R_OCI0007, body + i, body + i + 6,
			    "\\u0000 in a string: yajl-based crun truncates the "
			    "string there, runc keeps it and later rejects it");
		} else if (cp >= 0xd800 && cp <= 0xdbff) {
			if (i + 12 <= n && r[i + 6] == '\\' && r[i + 7] == 'u' &&
			    hex4(r + i + 8) >= 0xdc00 &&
			    hex4(r + i + 8) <= 0xdfff) {
				i += 12;
				continue;
			}
			report(j, OC_R_OCI0006, body + i, body + i + 6,
			    "unpaired UTF-16 surrogate \\u%04x is not valid "
			    "Unicode: yajl turns it into '?', Go into U+FFFD",
			    cp);
		} else if (cp >= 0xdc00 && cp <= 0xdfff) {
			report(j, OC_R_OCI0006, body + i, body + i + 6,
			    "unpaired UTF-16 surrogate \\u%04x is not valid "
			    "Unicode: yajl turns it into '?', Go into U+FFFD",
			    cp);
		}
		i += 6;
	}
}

/* What one pass over a string token's raw body found. */
struct str_scan {
	int esc;	/* has a backslash: the decoded text differs */
	size_t bad;	/* first invalid UTF-8 byte, SIZE_MAX if none */
};

static struct str_scan
string_scan(const struct jl *j, size_t start, size_t end)
{
	struct str_scan sc = { 0, SIZE_MAX };
	const unsigned char *p = (const unsigned char *)j->s + start + 1;
	size_t i = 0, n = end - start - 2, k;

	while (i < n) {
		if (p[i] < 0x80) {
			sc.esc |= p[i] == '\\';
			i++;
			continue;
		}
		k = utf8_valid_len(p + i, n - i);
		if (k == 0) {
			if (sc.bad == SIZE_MAX)
				sc.bad = i;
			i++;
			continue;
		}
		i += k;
	}
	return sc;
}

/* Report what is wrong with a string token [start, end). */
static void
string_check(struct jl *j, size_t start, size_t end, size_t vlen,
    const struct str_scan *sc)
{
	size_t body = start + 1, n = end - start - 2;

	if (vlen > OC_MAX_STRING)
		report(j, OC_R_OCI0011, start, end,
		    "string of %zu bytes exceeds the %zu-byte limit; Linux "
		    "refuses arguments and env entries over 128 KiB", vlen,
		    OC_MAX_STRING);
	if (sc->esc)
		check_escapes(j, body, n);
	if (sc->bad != SIZE_MAX)
		report(j, OC_R_OCI0006, body + sc->bad, body + sc->bad + 1,
		    "invalid UTF-8 byte 0x%02x in string: runtime-tools "
		    "replaces it with U+FFFD, yajl-based parsers reject the file",
		    (unsigned char)j->s[body + sc->bad]);
}

/*
 * Where a string's decoded text lives: the raw body when it has no escapes
 * (most strings cost no copy), yajl's decoding otherwise, with invalid
 * UTF-8 replaced. *tmp receives an allocation to free once stored.
 */
static const char *
string_text(struct jl *j, size_t start, size_t end, const unsigned char *val,
    size_t vlen, const struct str_scan *sc, size_t *tlen,
    enum oc_text_where *where, char **tmp)
{
	*tmp = NULL;
	if (sc->bad != SIZE_MAX) {
		*where = OC_TEXT_COPY;
		*tmp = sanitize((const char *)val, vlen, tlen);
		return *tmp;
	}
	if (!sc->esc) {
		*where = OC_TEXT_SOURCE;
		*tlen = end - start - 2;
		return j->s + start + 1;
	}
	*where = OC_TEXT_COPY;
	*tlen = vlen;
	return (const char *)val;
}

/* Past the value limit the parse stops, as at the depth limit. */
static int
too_many(struct jl *j, size_t start)
{
	if (j->doc->nnodes < OC_MAX_VALUES)
		return 0;
	report(j, OC_R_OCI0010, start, start + 1,
	    "more than %zu values: ocicheck stops reading here (runtime "
	    "configs hold a few thousand)", OC_MAX_VALUES);
	j->canceled = 1;
	return 1;
}

static int
on_scalar(struct jl *j, enum oc_kind kind, size_t known)
{
	size_t start = token_start_at(j, known), end = token_end(j, start);

	if (too_many(j, start))
		return 0;
	doc_scalar(j->doc, kind, start, end, j->s + start, end - start,
	    OC_TEXT_SOURCE);
	j->prev_end = end;
	j->last = T_VALUE;
	j->last_start = start;
	return 1;
}

static int
on_null(void *ctx)
{
	return on_scalar(ctx, OC_NULL, token_ending(ctx, "null", 4));
}

static int
on_bool(void *ctx, int v)
{
	return on_scalar(ctx, OC_BOOL, v ? token_ending(ctx, "true", 4) :
	    token_ending(ctx, "false", 5));
}

static int
on_number(void *ctx, const char *s, size_t n)
{
	struct jl *j = ctx;
	uintptr_t v = (uintptr_t)s, b = (uintptr_t)j->s;
	size_t off = (size_t)(v - b);

	/* In place (yajl buffers only a number that ends the input) and
	 * after a plain gap: no scan, no measuring. */
	if (!j->completing && v >= b && off <= j->len && n <= j->len - off &&
	    off >= j->prev_end && gap_plain(j, j->prev_end, off)) {
		if (too_many(j, off))
			return 0;
		doc_scalar(j->doc, OC_NUMBER, off, off + n, s, n,
		    OC_TEXT_SOURCE);
		j->prev_end = off + n;
		j->last = T_VALUE;
		j->last_start = off;
		return 1;
	}
	return on_scalar(ctx, OC_NUMBER, token_in_input(ctx, s, n, 0));
}

/* Start, end and scan of a string token whose decoded text is val. */
static void
string_token(struct jl *j, const unsigned char *val, size_t vlen,
    size_t *start, size_t *end, struct str_scan *sc)
{
	size_t at = token_in_input(j, val, vlen, 1);

	*start = token_start_at(j, at);
	*end = token_end(j, *start);
	if (at != SIZE_MAX && at == *start && j->ascii) {
		/* yajl passes a string without escapes in place */
		sc->esc = 0;
		sc->bad = SIZE_MAX;
		return;
	}
	*sc = string_scan(j, *start, *end);
}

/*
 * The common string: passed in place (no escapes), in an input without
 * bytes above 0x7f, within the size limit, after a gap that needs no
 * scan. Then nothing about it can need a finding and its position is
 * known; *start is set. Anything else takes the general path.
 */
static int
plain_string(struct jl *j, const unsigned char *val, size_t vlen,
    size_t *start)
{
	uintptr_t v = (uintptr_t)val, s = (uintptr_t)j->s;
	size_t off;

	if (!j->ascii || j->completing || vlen > OC_MAX_STRING || v <= s ||
	    v - s > j->len || vlen + 1 > j->len - (v - s))
		return 0;
	off = (size_t)(v - s);
	/* yajl passes only a token's body in place, so the quotes around
	 * it are the token's own */
	if (j->s[off - 1] != '"' || j->s[off + vlen] != '"' ||
	    off - 1 < j->prev_end || !gap_plain(j, j->prev_end, off - 1))
		return 0;
	*start = off - 1;
	return 1;
}

static int
on_string(void *ctx, const unsigned char *val, size_t vlen)
{
	struct jl *j = ctx;
	size_t start, end, tlen;
	enum oc_text_where where;
	char *tmp;
	struct str_scan sc;
	const char *t;

	if (plain_string(j, val, vlen, &start)) {
		if (too_many(j, start))
			return 0;
		end = start + vlen + 2;
		doc_scalar(j->doc, OC_STRING, start, end, (const char *)val,
		    vlen, OC_TEXT_SOURCE);
		j->prev_end = end;
		j->last = T_VALUE;
		j->last_start = start;
		return 1;
	}
	string_token(j, val, vlen, &start, &end, &sc);
	if (too_many(j, start))
		return 0;
	string_check(j, start, end, vlen, &sc);
	t = string_text(j, start, end, val, vlen, &sc, &tlen, &where, &tmp);
	doc_scalar(j->doc, OC_STRING, start, end, t, tlen, where);
	free(tmp);
	j->prev_end = end;
	j->last = T_VALUE;
	j->last_start = start;
	return 1;
}

static int
on_key(void *ctx, const unsigned char *val, size_t vlen)
{
	struct jl *j = ctx;
	size_t start, end, tlen;
	enum oc_text_where where;
	struct str_scan sc;
	char *tmp;
	const char *t;

	if (plain_string(j, val, vlen, &start)) {
		end = start + vlen + 2;
		doc_key(j->doc, start, end, (const char *)val, vlen,
		    OC_TEXT_SOURCE);
		j->prev_end = end;
		j->last = T_KEY;
		return 1;
	}
	string_token(j, val, vlen, &start, &end, &sc);
	/* Set the key first so findings about it carry its pointer. */
	t = string_text(j, start, end, val, vlen, &sc, &tlen, &where, &tmp);
	doc_key(j->doc, start, end, t, tlen, where);
	free(tmp);
	string_check(j, start, end, vlen, &sc);
	j->prev_end = end;
	j->last = T_KEY;
	return 1;
}

static int
on_open(struct jl *j, enum oc_kind kind)
{
	size_t start = token_start_at(j, bracket_at(j,
	    kind == OC_OBJECT ? '{' : '['));

	if (too_many(j, start))
		return 0;
	if (doc_depth(j->doc) >= OC_MAX_DEPTH) {
		report(j, OC_R_OCI0009, start, start + 1,
		    "nesting deeper than %d levels: ocicheck stops reading "
		    "here (runtime configs nest about 8 deep)", OC_MAX_DEPTH);
		j->canceled = 1;
		return 0;
	}
	doc_open(j->doc, kind, start);
	j->prev_end = start + 1;
	j->last = kind == OC_OBJECT ? T_OPEN_OBJ : T_OPEN_ARR;
	return 1;
}

static void
on_dup(void *ctx, const struct oc_doc *doc, const struct oc_node *first,
    const struct oc_node *again)
{
	struct jl *j = ctx;
	struct oc_span fs = doc_key_span(doc, first);
	struct oc_buf name = { 0 };
	size_t len;
	const char *key = doc_key_text(doc, again, &len);

	buf_add_display(&name, key, len, 64);
	findings_add_node(j->out, OC_R_OCI0002, -1, doc, again, OC_AT_KEY,
	    "duplicate member '%s' (first at %u:%u): runc and json-c use the "
	    "last value, yajl-based crun the first", name.s,
	    (unsigned)fs.start.line, (unsigned)fs.start.col);
	buf_free(&name);
}

static int
on_close(struct jl *j, char c)
{
	size_t start = token_start_at(j, bracket_at(j, c));

	doc_close(j->doc, start + 1, on_dup, j);
	j->prev_end = start + 1;
	j->last = T_VALUE;
	return 1;
}

static int
on_start_map(void *ctx)
{
	return on_open(ctx, OC_OBJECT);
}

static int
on_start_array(void *ctx)
{
	return on_open(ctx, OC_ARRAY);
}

static int
on_end_map(void *ctx)
{
	return on_close(ctx, '}');
}

static int
on_end_array(void *ctx)
{
	return on_close(ctx, ']');
}

static const yajl_callbacks callbacks = {
	.yajl_null = on_null,
	.yajl_boolean = on_bool,
	.yajl_number = on_number,
	.yajl_string = on_string,
	.yajl_start_map = on_start_map,
	.yajl_map_key = on_key,
	.yajl_end_map = on_end_map,
	.yajl_start_array = on_start_array,
	.yajl_end_array = on_end_array,
};

/* How a human would name what sits at off. */
static void
describe(const struct jl *j, size_t off, struct oc_buf *b)
{
	unsigned char c;
	size_t n;

	if (off >= j->len) {
		buf_adds(b, "end of input");
		return;
	}
	c = (unsigned char)j->s[off];
	if (c == '"') {
		buf_adds(b, "a string");
	} else if (isalpha(c)) {
		for (n = 0; off + n < j->len && n < 16 &&
		    isalnum((unsigned char)j->s[off + n]); n++)
			;
		buf_printf(b, "'%.*s'", (int)n, j->s + off);
	} else if (c == '-' || isdigit(c)) {
		buf_adds(b, "a number");
	} else if (c == 0) {
		buf_adds(b, "a NUL byte");
	} else if (c < 0x20 || c == 0x7f) {
		buf_printf(b, "control character U+%04X", c);
	} else if (c == '\'') {
		buf_adds(b, "a single quote (JSON strings use double quotes)");
	} else if (c >= 0x80) {
		n = utf8_valid_len((const unsigned char *)j->s + off,
		    j->len - off);
		buf_printf(b, "'%.*s'", (int)n, j->s + off);
	} else {
		buf_printf(b, "'%c'", c);
	}
}

static const char *
expectation(const struct jl *j, int sep_seen)
{
	const struct oc_node *open = doc_innermost(j->doc);
	int in_obj = open != NULL && doc_kind(open) == OC_OBJECT;

	switch (j->last) {
	case T_NONE:
		return "a JSON object '{'";
	case T_OPEN_OBJ:
		return "a member name (a quoted string) or '}'";
	case T_OPEN_ARR:
		return "a value or ']'";
	case T_KEY:
		return sep_seen ? "a value" : "':' after the member name";
	case T_VALUE:
		break;
	}
	if (in_obj)
		return sep_seen ? "a member name (a quoted string)" :
		    "',' or '}'";
	return sep_seen ? "a value" : "',' or ']'";
}

/* The input ended early: name what is left open. */
static void
eof_error(struct jl *j, size_t tok)
{
	struct oc_pos p;

	if (tok < j->len && j->s[tok] == '"') {
		report(j, OC_R_OCI0001, tok, j->len,
		    "unexpected end of input: the string starting here is not "
		    "terminated");
	} else if (tok < j->len) {
		report(j, OC_R_OCI0001, tok, j->len,
		    "unexpected end of input inside this token");
	} else if (doc_innermost(j->doc) != NULL) {
		const struct oc_node *open = doc_innermost(j->doc);

		p = source_pos(j->src, open->start);
		report(j, OC_R_OCI0001, j->len, j->len,
		    "unexpected end of input: expected '%c' to close the %s "
		    "opened at %u:%u", doc_kind(open) == OC_OBJECT ? '}' : ']',
		    doc_kind_name(doc_kind(open)), (unsigned)p.line,
		    (unsigned)p.col);
	} else {
		report(j, OC_R_OCI0001, j->len, j->len,
		    "empty input: expected a JSON object '{'");
	}
}

static void
lexical_error(struct jl *j, const char *e, size_t tok, size_t at,
    int sep_seen)
{
	size_t n;

	if (strstr(e, "invalid character inside string")) {
		unsigned char c = (unsigned char)j->s[at];

		report(j, OC_R_OCI0001, at, at + 1,
		    "%s inside a string must be escaped",
		    c == 0 ? "a NUL byte" : c == '\t' ? "a tab" :
		    c == '\n' ? "a line break" : "a control character");
	} else if (strstr(e, "non-hex")) {
		report(j, OC_R_OCI0001, at, at + 1,
		    "invalid \\u escape: four hexadecimal digits expected");
	} else if (strstr(e, "occurs before a character")) {
		report(j, OC_R_OCI0001, at - 1, at + 1,
		    "invalid escape '\\%c' in string (valid: \\\" \\\\ \\/ \\b "
		    "\\f \\n \\r \\t \\uXXXX)", j->s[at]);
	} else if (strstr(e, "malformed number")) {
		const char *why = strstr(e, "malformed number, ");

		for (n = tok; n < j->len && is_number_char(j->s[n]); n++)
			;
		why = why ? why + strlen("malformed number, ") : "";
		report(j, OC_R_OCI0001, tok, n, "malformed number '%.*s': %.*s",
		    (int)(n - tok), j->s + tok,
		    (int)strcspn(why, ".\n"), why);
	} else if (strstr(e, "invalid string in json text")) {
		for (n = tok; n < j->len && isalnum((unsigned char)j->s[n]) &&
		    n - tok < 16; n++)
			;
		report(j, OC_R_OCI0001, tok, n,
		    "invalid literal '%.*s': expected true, false or null",
		    (int)(n - tok), j->s + tok);
	} else {
		struct oc_buf what = { 0 };
		const unsigned char *p = (const unsigned char *)j->s + tok;

		if (tok == 0 && j->len >= 3 && p[0] == 0xef && p[1] == 0xbb &&
		    p[2] == 0xbf) {
			report(j, OC_R_OCI0001, 0, 3, "byte order mark at the start "
			    "of the file: JSON must not begin with one, runc "
			    "rejects it");
			return;
		}
		if (tok < j->len && p[0] >= 0x80 &&
		    utf8_valid_len(p, j->len - tok) == 0) {
			report(j, OC_R_OCI0006, tok, tok + 1,
			    "invalid UTF-8 byte 0x%02x", p[0]);
			return;
		}
		describe(j, tok, &what);
		report(j, OC_R_OCI0001, tok, tok + 1, "expected %s but found %s",
		    expectation(j, sep_seen), what.s);
		buf_free(&what);
	}
}

static void
parse_error(struct jl *j, const char *e)
{
	size_t sep_at, tok, at = yajl_get_bytes_consumed(j->h);
	struct oc_buf what = { 0 };
	char c;

	tok = gap(j, j->prev_end, expected_sep(j), &sep_at);
	if (strstr(e, "premature EOF") || (tok >= j->len &&
	    !strstr(e, "lexical error"))) {
		eof_error(j, tok);
		return;
	}
	if (strstr(e, "lexical error")) {
		lexical_error(j, e, tok, at < j->len ? at : j->len - 1,
		    sep_at != SIZE_MAX);
		return;
	}
	c = j->s[tok];
	if (sep_at != SIZE_MAX && j->last == T_VALUE && (c == '}' || c == ']')) {
		report(j, OC_R_OCI0004, sep_at, sep_at + 1,
		    "trailing comma before '%c': runc and yajl-based crun "
		    "reject the file, json-c accepts it", c);
		return;
	}
	if (j->last == T_VALUE && sep_at == SIZE_MAX && isdigit((unsigned char)c) &&
	    (j->s[j->last_start] == '0' || (j->s[j->last_start] == '-' &&
	    j->s[j->last_start + 1] == '0')) && j->prev_end == tok) {
		report(j, OC_R_OCI0001, j->last_start, tok + 1,
		    "numbers must not have leading zeros");
		return;
	}
	describe(j, tok, &what);
	report(j, OC_R_OCI0001, tok, tok + 1, "expected %s but found %s",
	    expectation(j, sep_at != SIZE_MAX), what.s);
	buf_free(&what);
}

/* After the top-level value: only whitespace and comments may follow. */
static void
check_trailing(struct jl *j, size_t from)
{
	size_t sep_at, tok = gap(j, from, 0, &sep_at);

	if (tok < j->len)
		findings_add(j->out, OC_R_OCI0005, source_span(j->src, tok, j->len),
		    "", "data after the top-level value: runc reads the first "
		    "value and ignores the rest, yajl-based crun rejects the "
		    "file");
}

int
json_load(const struct oc_source *src, struct oc_findings *findings,
    struct oc_doc **out, struct oc_error **err)
{
	struct jl j = { 0 };
	size_t first = findings->n, consumed = 0;
	yajl_status st;
	const struct oc_node *root;

	*out = NULL;
	if (src->too_large) {
		findings_add(findings, OC_R_OCI0010, source_span(src, 0, 0), "",
		    "input of %zu bytes exceeds the %zu-byte limit; not read",
		    src->too_large, (size_t)OC_MAX_INPUT);
		return 0;
	}
	j.src = src;
	j.s = src->data;
	j.len = src->len;
	j.out = findings;
	j.ascii = all_ascii(j.s, j.len);
	j.next_ff = find_byte(&j, 0, '\f');
	j.next_vt = find_byte(&j, 0, '\v');
	j.next_comment = find_comment(&j, 0);
	junk_update(&j, 0);
	j.doc = doc_new(src);
	j.h = yajl_alloc(&callbacks, NULL, &j);
	if (j.h == NULL) {
		doc_free(j.doc);
		return oc_error_set(err, 0, "cannot allocate a JSON parser");
	}
	yajl_config(j.h, yajl_allow_comments, 1);
	yajl_config(j.h, yajl_dont_validate_strings, 1);
	yajl_config(j.h, yajl_allow_trailing_garbage, 1);
	st = yajl_parse(j.h, (const unsigned char *)j.s, j.len);
	if (st == yajl_status_ok) {
		consumed = yajl_get_bytes_consumed(j.h);
		j.completing = 1;
		st = yajl_complete_parse(j.h);
	}
	if (st != yajl_status_ok) {
		if (!j.canceled) {
			unsigned char *e = yajl_get_error(j.h, 0, NULL, 0);

			parse_error(&j, e ? (const char *)e : "");
			yajl_free_error(j.h, e);
		}
		/* One clean finding: whatever came before it would be
		 * reported again once the syntax is fixed. */
		if (findings->n > first + 1) {
			struct oc_finding keep = findings->v[findings->n - 1];

			findings->v[findings->n - 1].pointer = NULL;
			findings->v[findings->n - 1].message = NULL;
			findings_truncate(findings, first);
			findings->v[findings->n++] = keep;
		}
		yajl_free(j.h);
		doc_free(j.doc);
		return 0;
	}
	yajl_free(j.h);
	check_trailing(&j, consumed);
	root = doc_root(j.doc, 0);
	if (doc_kind(root) != OC_OBJECT) {
		findings_add(findings, OC_R_OCI0008, doc_span(j.doc, root), "",
		    "top-level value is %s %s: a runtime config is a JSON object",
		    doc_kind(root) == OC_ARRAY || doc_kind(root) == OC_OBJECT ?
		    "an" : "a", doc_kind_name(doc_kind(root)));
	}
	*out = j.doc;
	return 0;
}
