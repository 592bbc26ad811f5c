/*
 * The shell scan's walker: the lexer's tokens read as bash commands.
 * It knows the commands that give a variable its value (read, mapfile,
 * declare, for...), the tests that only look at a value ([ -z "$X" ],
 * case "$X" in), the assignments that only copy one (a="$X"), and
 * function definitions, whose bodies count only when something calls
 * them. The expansions in a word come first: a command substitution in
 * one is walked as commands again, the one recursion of the scan, kept
 * inside this file.
 */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/util.h"
#include "script_int.h"

#define MAXARGS	64

/* ---- the expansions in a word ---- */

/* The expansions in the word s[a, b), a here-document's body (heredoc)
 * or an arithmetic expression, recorded as kind; ${X:-$Y} nests. */
static void sh_scan_word(struct sh_scan *sc, size_t a, size_t b,
    enum sh_kind kind, int heredoc);
static void sh_scan_arith(struct sh_scan *sc, size_t a, size_t b);

/* ${NAME...} at i: which operator follows the name decides whether the
 * value is needed. Returns the index after the closing brace. */
static size_t
brace(struct sh_scan *sc, size_t i, size_t end, enum sh_kind kind)
{
	const char *s = sc->s;
	size_t j = sh_skip_group(s, i + 1, end, '{', '}'), in, k = i + 2, w;
	char op, next;

	in = j > k && s[j - 1] == '}' ? j - 1 : j;
	if (k < in && s[k] == '!')	/* ${!ref}: a name held in ref */
		k = in;
	else if (k + 1 < in && s[k] == '#')
		k++;
	w = sh_name_len(s + k, in - k);
	op = k + w < in ? s[k + w] : '}';
	next = k + w + 1 < in ? s[k + w + 1] : '}';
	if (op == ':' && strchr("-+=?", next) != NULL)
		op = next;
	if (w == 0)
		;
	else if (op == '?')	/* ${X:?msg}: the script fails without X */
		sh_read(sc, k, w, i, SH_PLAIN);
	else if (op == '-' || op == '+' || op == '=') {
		if (kind == SH_TEST)
			sh_read(sc, k, w, i, SH_TEST);
		if (op == '=')
			sh_assign(sc, k, w);
	} else
		sh_read(sc, k, w, i, kind);
	if (k + w < in)
		sh_scan_word(sc, k + w, in, kind, 0);
	return j;
}

/* The expansion at the $ at i; returns where scanning goes on. */
static size_t
dollar(struct sh_scan *sc, size_t i, size_t end, enum sh_kind kind)
{
	const char *s = sc->s;
	size_t j, w;

	if (i + 1 >= end)
		return end;
	switch (s[i + 1]) {
	case '(':
		j = sh_skip_group(s, i + 1, end, '(', ')');
		if (i + 2 < end && s[i + 2] == '(' && j >= i + 6)
			sh_scan_arith(sc, i + 3, j - 2);
		else
			sh_walk_range(sc, i + 2, s[j - 1] == ')' ? j - 1 : j);
		return j;
	case '{':
		return brace(sc, i, end, kind);
	case '\'':
		return sh_skip_ansi(s, i + 1, end);
	}
	if (strchr("0123456789?$#@*!-", s[i + 1]) != NULL)
		return i + 2;	/* the shell's own parameters */
	w = sh_name_len(s + i + 1, end - i - 1);
	sh_read(sc, i + 1, w, i, kind);
	return i + 1 + w;
}

/* Bash quotes nothing in an unquoted here-document's body (heredoc): a
 * quote there is text, $ and ` still expand. */
static void
sh_scan_word(struct sh_scan *sc, size_t a, size_t b, enum sh_kind kind,
    int heredoc)
{
	const char *s = sc->s;
	size_t i = a, j;
	int dq = 0;

	while (i < b) {
		char c = s[i];

		if (c == '\\')
			i += 2;
		else if (c == '\'' && !dq && !heredoc)
			i = sh_skip_squote(s, i, b);
		else if (c == '"' && !heredoc) {
			dq = !dq;
			i++;
		} else if (c == '`') {
			j = sh_skip_backtick(s, i, b);
			sh_walk_range(sc, i + 1, s[j - 1] == '`' ? j - 1 : j);
			i = j;
		} else if (c == '$')
			i = dollar(sc, i, b, kind);
		else if ((c == '<' || c == '>') && i == a && i + 1 < b &&
		    s[i + 1] == '(' && !heredoc) {
			j = sh_skip_group(s, i + 1, b, '(', ')');
			sh_walk_range(sc, i + 2, s[j - 1] == ')' ? j - 1 : j);
			i = j;
		} else
			i++;
	}
}

/* In arithmetic a bare name is a variable: assigned when an assignment
 * operator follows it or ++/-- stands before or after it. */
static int
arith_assigns(const char *s, size_t a, size_t i, size_t e, size_t b)
{
	size_t p = i;

	while (p > a && s[p - 1] == ' ')
		p--;
	if (p >= a + 2 && (memcmp(s + p - 2, "++", 2) == 0 ||
	    memcmp(s + p - 2, "--", 2) == 0))
		return 1;
	while (e < b && s[e] == ' ')
		e++;
	if (e + 1 < b && (memcmp(s + e, "++", 2) == 0 ||
	    memcmp(s + e, "--", 2) == 0))
		return 1;
	if (e < b && s[e] == '=')
		return e + 1 >= b || s[e + 1] != '=';
	if (e + 1 < b && strchr("+-*/%&|^", s[e]) != NULL && s[e + 1] == '=')
		return 1;
	return e + 2 < b && (memcmp(s + e, "<<=", 3) == 0 ||
	    memcmp(s + e, ">>=", 3) == 0);
}

static void
sh_scan_arith(struct sh_scan *sc, size_t a, size_t b)
{
	const char *s = sc->s;
	size_t i = a, w;

	while (i < b) {
		if (s[i] == '$') {
			i = dollar(sc, i, b, SH_PLAIN);
			continue;
		}
		if (s[i] >= '0' && s[i] <= '9') {	/* 10, 0x1f, 2#101 */
			while (i < b && (sh_name_len(s + i, 1) > 0 ||
			    (s[i] >= '0' && s[i] <= '9') || s[i] == '#'))
				i++;
			continue;
		}
		w = sh_name_len(s + i, b - i);
		if (w == 0) {
			i++;
			continue;
		}
		if (arith_assigns(s, a, i, i + w, b))
			sh_assign(sc, i, w);
		else
			sh_read(sc, i, w, i, SH_PLAIN);
		i += w;
	}
}

/* ---- commands ---- */

static const char *
text(const struct sh_scan *sc, const struct sh_token *t, size_t *len)
{
	*len = t->end - t->start;
	return sc->s + t->start;
}

static int
is(const struct sh_scan *sc, const struct sh_token *t, const char *w)
{
	return t->type == SH_WORD && sh_word_is(sc->s, t->start, t->end, w);
}

static int
is_any(const struct sh_scan *sc, const struct sh_token *t,
    const char *const *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (is(sc, t, w[i]))
			return 1;
	return 0;
}

/* The name at the start of a word and how it ends: NAME=, NAME+= and
 * NAME[...]= assign. */
static size_t
assignment(const struct sh_scan *sc, const struct sh_token *t)
{
	const char *s = sc->s + t->start;
	size_t n = t->end - t->start, w = sh_name_len(s, n), k = w;

	if (w == 0)
		return 0;
	if (k < n && s[k] == '[') {
		const char *e = memchr(s + k, ']', n - k);

		if (e == NULL)
			return 0;
		k = (size_t)(e - s) + 1;
	}
	if (k < n && s[k] == '+')
		k++;
	return k < n && s[k] == '=' ? w : 0;
}

/* A word with nothing to expand or unquote, such as a function name. */
static int
unquoted(const struct sh_scan *sc, const struct sh_token *t)
{
	size_t i;

	for (i = t->start; i < t->end; i++)
		if (strchr("'\"$`\\{}[]*?", sc->s[i]) != NULL)
			return 0;
	return 1;
}

static int
is_terminator(const struct sh_token *t)
{
	return t->type == SH_SEP || t->type == SH_CASE_END ||
	    t->type == SH_PIPE || t->type == SH_LPAREN ||
	    t->type == SH_RPAREN || t->type == SH_ARITH || t->type == SH_BODY;
}

/* NAME=$X, NAME="$X", NAME=${X} or NAME="${X}": the value is all of
 * X, which *from names, *w long, from the $ at *at. Not NAME+=, NAME[i]=
 * nor a value with anything else in it. */
static int
copy_of(const struct sh_scan *sc, const struct sh_token *t, size_t *at,
    size_t *from, size_t *w)
{
	const char *s = sc->s;
	size_t k = assignment(sc, t), a, e = t->end;

	if (k == 0 || s[t->start + k] != '=')
		return 0;
	a = t->start + k + 1;
	if (e - a >= 2 && s[a] == '"' && s[e - 1] == '"') {
		a++;
		e--;
	}
	if (e - a < 2 || s[a] != '$')
		return 0;
	*at = a++;
	if (s[a] == '{') {
		if (e - a < 3 || s[e - 1] != '}')
			return 0;
		a++;
		e--;
	}
	*from = a;
	*w = sh_name_len(s + a, e - a);
	return *w > 0 && *w == e - a;
}

/* Does the command at tk[i] name one after its assignments? A=$X cmd
 * gives cmd the value, A=$X alone keeps it in the shell. */
static int
names_command(const struct sh_scan *sc, const struct sh_tokens *tk, size_t i,
    size_t b)
{
	for (; i < b && !is_terminator(&tk->t[i]); i++) {
		const struct sh_token *t = &tk->t[i];

		if (t->type == SH_REDIR && i + 1 < b &&
		    tk->t[i + 1].type == SH_WORD)
			i++;
		else if (t->type == SH_WORD && assignment(sc, t) == 0)
			return 1;
	}
	return 0;
}

/* The names a binder's arguments assign: all but options, or for read
 * and mapfile the names after the options that take them. */
static void
bind_names(struct sh_scan *sc, const struct sh_token *const *arg, size_t n,
    const char *optargs, const char *nameopt, int all)
{
	size_t i, k, len;
	const char *w;

	for (i = 0; i < n; i++) {
		w = text(sc, arg[i], &len);
		if (len > 1 && (w[0] == '-' || w[0] == '+')) {
			for (k = 1; k < len; k++)
				if (strchr(optargs, w[k]) != NULL)
					break;
			if (k + 1 == len && i + 1 < n) {
				if (strchr(nameopt, w[k]) != NULL)
					sh_assign(sc, arg[i + 1]->start, sh_name_len(
					    sc->s + arg[i + 1]->start,
					    arg[i + 1]->end - arg[i + 1]->start));
				i++;
			}
			continue;
		}
		sh_assign(sc, arg[i]->start, sh_name_len(w, len));
		if (!all)
			return;
	}
}

static void
bind(struct sh_scan *sc, const struct sh_token *cmd,
    const struct sh_token *const *arg, size_t n)
{
	static const char *const decl[] = { "export", "local", "readonly",
		"declare", "typeset", "unset" };
	size_t i, len;
	const char *w;

	if (is_any(sc, cmd, decl, ARRAY_SIZE(decl)))
		bind_names(sc, arg, n, "", "", 1);
	else if (is(sc, cmd, "read"))
		bind_names(sc, arg, n, "adinNptu", "a", 1);
	else if (is(sc, cmd, "mapfile") || is(sc, cmd, "readarray"))
		bind_names(sc, arg, n, "dnOsuCc", "", 0);
	else if (is(sc, cmd, "getopts") && n >= 2)
		sh_assign(sc, arg[1]->start, sh_name_len(sc->s + arg[1]->start,
		    arg[1]->end - arg[1]->start));
	else if (is(sc, cmd, "printf"))
		bind_names(sc, arg, n > 2 ? 2 : n, "v", "v", 0);
	else if (is(sc, cmd, "let"))
		for (i = 0; i < n; i++)
			sh_scan_arith(sc, arg[i]->start, arg[i]->end);
	else if (is(sc, cmd, "trap") && n > 0) {
		/* trap 'cleanup; exit' EXIT calls cleanup */
		w = text(sc, arg[0], &len);
		for (i = 0; i < len; i++)
			if (sh_name_len(w + i, len - i) > 0 &&
			    (i == 0 || sh_name_len(w + i - 1, 1) == 0)) {
				sh_call(sc, arg[0]->start + i,
				    sh_name_len(w + i, len - i));
				i += sh_name_len(w + i, len - i);
			}
	}
}

/* A command that is no keyword: its assignments, its name (a call if
 * a function has it), its arguments and redirections. */
static size_t
simple(struct sh_scan *sc, const struct sh_tokens *tk, size_t i, size_t b)
{
	static const char *const keep[] = { "export", "local", "readonly",
		"declare", "typeset" };
	const struct sh_token *arg[MAXARGS], *cmd = NULL;
	size_t n = 0, w, at, from, fw;
	int named = names_command(sc, tk, i, b);

	for (; i < b && !is_terminator(&tk->t[i]); i++) {
		const struct sh_token *t = &tk->t[i];

		if (t->type == SH_REDIR && i + 1 < b &&
		    tk->t[i + 1].type == SH_WORD) {
			i++;
			sh_scan_word(sc, tk->t[i].start, tk->t[i].end,
			    SH_PLAIN, 0);
			continue;
		}
		if (t->type != SH_WORD)
			continue;
		if ((cmd == NULL ? !named : is_any(sc, cmd, keep,
		    ARRAY_SIZE(keep))) && copy_of(sc, t, &at, &from, &fw))
			sh_copy(sc, t->start, assignment(sc, t), from, fw, at);
		else
			sh_scan_word(sc, t->start, t->end, SH_PLAIN, 0);
		if (cmd == NULL && (w = assignment(sc, t)) > 0)
			sh_assign(sc, t->start, w);
		else if (cmd == NULL) {
			cmd = t;
			if (unquoted(sc, t))
				sh_call(sc, t->start, t->end - t->start);
		} else if (n < MAXARGS)
			arg[n++] = t;
	}
	if (cmd != NULL)
		bind(sc, cmd, arg, n);
	return i;
}

/* The literal text of a word, quotes and expansions removed: "x$X" and
 * "x" are equal when X is empty. Returns whether the word expands. */
static int
literal(const struct sh_scan *sc, const struct sh_token *t, struct oc_buf *b)
{
	const char *s = sc->s;
	size_t i = t->start, j;
	int expands = 0;

	buf_add(b, "", 0);
	while (i < t->end) {
		if (s[i] == '$' && i + 1 < t->end && (s[i + 1] == '{' ||
		    s[i + 1] == '(')) {
			i = sh_skip_group(s, i + 1, t->end, s[i + 1],
			    s[i + 1] == '{' ? '}' : ')');
			expands = 1;
		} else if (s[i] == '$' && i + 1 < t->end &&
		    (j = sh_name_len(s + i + 1, t->end - i - 1)) > 0) {
			i += 1 + j;
			expands = 1;
		} else if (s[i] == '`') {
			i = sh_skip_backtick(s, i, t->end);
			expands = 1;
		} else if (s[i] == '\\' && i + 1 < t->end) {
			buf_addc(b, s[i + 1]);
			i += 2;
		} else {
			if (s[i] != '"' && s[i] != '\'')
				buf_addc(b, s[i]);
			i++;
		}
	}
	return expands;
}

/* X OP Y: an emptiness test when one side expands and is the other's
 * text with the expansion empty ("x$X" = "x"), a comparison when only
 * one side expands, a use of both values otherwise. */
static void
compare(struct sh_scan *sc, const struct sh_token *x, const struct sh_token *y)
{
	struct oc_buf lx = { 0 }, ly = { 0 };
	int ex = literal(sc, x, &lx), ey = literal(sc, y, &ly);
	enum sh_kind kind = strcmp(lx.s, ly.s) == 0 ? SH_TEST : SH_CMP;

	if (ex && ey)
		kind = SH_PLAIN;
	sh_scan_word(sc, x->start, x->end, ex ? kind : SH_PLAIN, 0);
	sh_scan_word(sc, y->start, y->end, ey ? kind : SH_PLAIN, 0);
	buf_free(&lx);
	buf_free(&ly);
}

/* One primary of a test: W, -z W, -v NAME, W1 = W2 ... */
static void
primary(struct sh_scan *sc, const struct sh_token *const *w, size_t n)
{
	static const char *const cmp[] = { "=", "==", "!=", "<", ">", "=~",
		"-eq", "-ne", "-lt", "-le", "-gt", "-ge" };
	size_t i, k;

	if (n == 1)
		sh_scan_word(sc, w[0]->start, w[0]->end, SH_TEST, 0);
	else if (n == 2 && (is(sc, w[0], "-z") || is(sc, w[0], "-n")))
		sh_scan_word(sc, w[1]->start, w[1]->end, SH_TEST, 0);
	else if (n == 2 && is(sc, w[0], "-v")) {
		k = w[1]->start + (sc->s[w[1]->start] == '"' ||
		    sc->s[w[1]->start] == '\'');
		sh_read(sc, k, sh_name_len(sc->s + k, w[1]->end - k), k,
		    SH_TEST);
	} else if (n == 3 && (w[1]->type == SH_REDIR ||
	    is_any(sc, w[1], cmp, ARRAY_SIZE(cmp))))
		compare(sc, w[0], w[2]);
	else
		for (i = 0; i < n; i++)
			sh_scan_word(sc, w[i]->start, w[i]->end, SH_PLAIN, 0);
}

/* [ ... ], test ... and [[ ... ]] (closer "]]", where && || ( ) join
 * primaries instead of ending the command). */
static size_t
test(struct sh_scan *sc, const struct sh_tokens *tk, size_t i, size_t b,
    const char *closer)
{
	static const char *const join[] = { "!", "-a", "-o", "(", ")", "\\(",
		"\\)" };
	const struct sh_token *w[MAXARGS];
	int dbl = closer != NULL && strcmp(closer, "]]") == 0;
	size_t n = 0;

	for (; i <= b; i++) {
		const struct sh_token *t = i < b ? &tk->t[i] : NULL;
		int end = t == NULL || (closer != NULL && is(sc, t, closer)) ||
		    t->type == SH_SEP || t->type == SH_CASE_END ||
		    (!dbl && is_terminator(t));

		if (end || is_any(sc, t, join, ARRAY_SIZE(join)) ||
		    t->type == SH_PIPE || t->type == SH_LPAREN ||
		    t->type == SH_RPAREN) {
			primary(sc, w, n);
			n = 0;
		} else if (n < MAXARGS && (t->type == SH_WORD ||
		    t->type == SH_REDIR))
			w[n++] = t;
		if (end)
			return i < b && closer != NULL && is(sc, t, closer) ?
			    i + 1 : i;
	}
	return b;
}

/* case WORD in: the word is only compared with the patterns. */
static size_t
case_cmd(struct sh_scan *sc, const struct sh_tokens *tk, size_t i, size_t b)
{
	if (i + 1 < b && tk->t[i + 1].type == SH_WORD)
		sh_scan_word(sc, tk->t[i + 1].start, tk->t[i + 1].end, SH_CMP,
		    0);
	if (i + 2 >= b || !is(sc, &tk->t[i + 2], "in"))
		return i + 1;
	if (sc->ncase < SH_MAXCASE)
		sc->pattern[sc->ncase] = 1;
	sc->ncase++;
	return i + 3;
}

/* Where a case pattern ends: pattern words are compared, not used. */
static size_t
case_pattern(struct sh_scan *sc, const struct sh_tokens *tk, size_t i)
{
	const struct sh_token *t = &tk->t[i];

	if (is(sc, t, "esac"))
		sc->ncase--;
	else if (t->type == SH_RPAREN)
		sc->pattern[sc->ncase - 1] = 0;
	else if (t->type == SH_WORD)
		sh_scan_word(sc, t->start, t->end, SH_CMP, 0);
	return i + 1;
}

/* for NAME in WORDS, select NAME in WORDS, for ((...)). */
static size_t
for_cmd(struct sh_scan *sc, const struct sh_tokens *tk, size_t i, size_t b)
{
	const struct sh_token *t;

	if (++i < b && tk->t[i].type == SH_ARITH) {
		sh_scan_arith(sc, tk->t[i].start, tk->t[i].end);
		return i + 1;
	}
	if (i < b && tk->t[i].type == SH_WORD)
		sh_assign(sc, tk->t[i].start, sh_name_len(sc->s + tk->t[i].start,
		    tk->t[i].end - tk->t[i].start));
	for (i++; i < b && !is_terminator(t = &tk->t[i]); i++)
		if (t->type == SH_WORD)
			sh_scan_word(sc, t->start, t->end, SH_PLAIN, 0);
	return i;
}

/* The token that closes the body opened at i, { } or ( ). */
static size_t
body_end(const struct sh_scan *sc, const struct sh_tokens *tk, size_t i,
    size_t b)
{
	int brace = tk->t[i].type == SH_WORD, depth = 0;

	for (; i < b; i++) {
		const struct sh_token *t = &tk->t[i];

		if (brace ? is(sc, t, "{") : t->type == SH_LPAREN)
			depth++;
		else if ((brace ? is(sc, t, "}") : t->type == SH_RPAREN) &&
		    --depth == 0)
			return i;
	}
	return b;
}

/* A function definition, name at tk[i] and body after k: the first
 * pass registers it and walks the body for its calls, the second walks
 * the body only when the function is reached. */
static size_t
function(struct sh_scan *sc, const struct sh_tokens *tk, size_t i, size_t k,
    size_t b)
{
	const struct sh_token *name = &tk->t[i];
	size_t open, close, f, in = sc->in;

	for (open = k; open < b && tk->t[open].type == SH_SEP &&
	    sc->s[tk->t[open].start] == '\n'; open++)
		;
	if (open >= b || !(is(sc, &tk->t[open], "{") ||
	    tk->t[open].type == SH_LPAREN))
		return k;
	close = body_end(sc, tk, open, b);
	for (f = 0; f < sc->nfn; f++)
		if (sc->fn[f].body == tk->t[open].start)
			break;
	if (!sc->reading && f == sc->nfn) {
		sc->fn = xrealloc(sc->fn, (f + 1) * sizeof(*sc->fn));
		sc->fn[f].name = xstrndup(sc->s + name->start,
		    name->end - name->start);
		sc->fn[f].body = tk->t[open].start;
		sc->fn[f].reached = 0;
		sc->nfn++;
	}
	if (f < sc->nfn && (!sc->reading || sc->fn[f].reached) &&
	    sc->depth < SH_MAXDEPTH) {
		sc->in = f;
		sc->depth++;
		sh_walk(sc, tk, open + 1, close);
		sc->depth--;
		sc->in = in;
	}
	return close < b ? close + 1 : b;
}

/* The command at tk[i], after any keywords that lead it. */
static size_t
command(struct sh_scan *sc, const struct sh_tokens *tk, size_t i, size_t b)
{
	static const char *const keyword[] = { "!", "{", "}", "if", "then",
		"else", "elif", "fi", "do", "done", "while", "until", "time",
		"esac" };
	const struct sh_token *t;

	for (; i < b && is_any(sc, t = &tk->t[i], keyword,
	    ARRAY_SIZE(keyword)); i++)
		if (is(sc, t, "esac") && sc->ncase > 0)
			sc->ncase--;
	if (i < b && t->type == SH_REDIR)
		return simple(sc, tk, i, b);
	if (i >= b || t->type != SH_WORD)
		return i;
	if (is(sc, t, "function") && i + 1 < b &&
	    tk->t[i + 1].type == SH_WORD)
		return function(sc, tk, i + 1, i + 2 + (i + 3 < b &&
		    tk->t[i + 2].type == SH_LPAREN &&
		    tk->t[i + 3].type == SH_RPAREN ? 2 : 0), b);
	if (i + 2 < b && tk->t[i + 1].type == SH_LPAREN &&
	    tk->t[i + 2].type == SH_RPAREN && unquoted(sc, t))
		return function(sc, tk, i, i + 3, b);
	if (is(sc, t, "[[") || is(sc, t, "["))
		return test(sc, tk, i + 1, b, is(sc, t, "[") ? "]" : "]]");
	if (is(sc, t, "test"))
		return test(sc, tk, i + 1, b, NULL);
	if (is(sc, t, "case"))
		return case_cmd(sc, tk, i, b);
	if (is(sc, t, "for") || is(sc, t, "select"))
		return for_cmd(sc, tk, i, b);
	return simple(sc, tk, i, b);
}

void
sh_walk(struct sh_scan *sc, const struct sh_tokens *tk, size_t a, size_t b)
{
	size_t i = a, next;

	while (i < b) {
		const struct sh_token *t = &tk->t[i];

		if (sc->ncase > 0 && sc->ncase <= SH_MAXCASE &&
		    sc->pattern[sc->ncase - 1])
			next = case_pattern(sc, tk, i);
		else if (t->type == SH_WORD || t->type == SH_REDIR)
			next = command(sc, tk, i, b);
		else {
			if (t->type == SH_CASE_END && sc->ncase > 0 &&
			    sc->ncase <= SH_MAXCASE)
				sc->pattern[sc->ncase - 1] = 1;
			else if (t->type == SH_ARITH)
				sh_scan_arith(sc, t->start, t->end);
			else if (t->type == SH_BODY && !t->literal)
				sh_scan_word(sc, t->start, t->end, SH_PLAIN, 1);
			next = i + 1;
		}
		i = next > i ? next : i + 1;
	}
}

void
sh_walk_range(struct sh_scan *sc, size_t start, size_t end)
{
	struct sh_tokens tk;
	int ncase = sc->ncase, pattern[SH_MAXCASE];

	if (sc->depth >= SH_MAXDEPTH || start >= end)
		return;
	/* A substitution is a script of its own, even in a case pattern. */
	memcpy(pattern, sc->pattern, sizeof(pattern));
	sc->ncase = 0;
	sc->depth++;
	sh_lex(sc->s, start, end, &tk);
	sh_walk(sc, &tk, 0, tk.n);
	free(tk.t);
	sc->depth--;
	sc->ncase = ncase;
	memcpy(sc->pattern, pattern, sizeof(pattern));
}
