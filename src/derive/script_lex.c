/*
 * The shell scan's lexer: a script cut into words and operators as bash
 * cuts it, enough to find commands. Quotes, substitutions and ${...}
 * stay inside their word; here-document bodies become tokens of their
 * own, read after the line that opens them.
 */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/util.h"
#include "script_int.h"

#define MAXPENDING	8

/* A here-document waiting for the end of its line. */
struct pending {
	char *delim;
	int strip;		/* <<-: leading tabs do not count */
	int literal;
};

size_t
sh_name_len(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || !((s[0] >= 'A' && s[0] <= 'Z') ||
	    (s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
		return 0;
	while (i < n && ((s[i] >= 'A' && s[i] <= 'Z') ||
	    (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
	    s[i] == '_'))
		i++;
	return i;
}

int
sh_word_is(const char *s, size_t a, size_t b, const char *w)
{
	return strlen(w) == b - a && memcmp(s + a, w, b - a) == 0;
}

size_t
sh_skip_squote(const char *s, size_t i, size_t end)
{
	const char *q = memchr(s + i + 1, '\'', end - i - 1);

	return q == NULL ? end : (size_t)(q - s) + 1;
}

size_t
sh_skip_ansi(const char *s, size_t i, size_t end)
{
	for (i++; i < end; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '\'')
			return i + 1;
	}
	return end;
}

size_t
sh_skip_backtick(const char *s, size_t i, size_t end)
{
	for (i++; i < end; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '`')
			return i + 1;
	}
	return end;
}

size_t
sh_skip_dquote(const char *s, size_t i, size_t end)
{
	for (i++; i < end;) {
		if (s[i] == '\\')
			i += 2;
		else if (s[i] == '"')
			return i + 1;
		else if (s[i] == '`')
			i = sh_skip_backtick(s, i, end);
		else if (s[i] == '$' && i + 1 < end && s[i + 1] == '(')
			i = sh_skip_group(s, i + 1, end, '(', ')');
		else if (s[i] == '$' && i + 1 < end && s[i + 1] == '{')
			i = sh_skip_group(s, i + 1, end, '{', '}');
		else
			i++;
	}
	return end;
}

/* Inside $( ), a comment may hold a lone quote. */
static int
at_word_start(const char *s, size_t i, size_t start)
{
	return i == start || strchr(" \t\n;&|(", s[i - 1]) != NULL;
}

size_t
sh_skip_group(const char *s, size_t i, size_t end, char open, char close)
{
	size_t start = i;
	int depth = 0;

	while (i < end) {
		char c = s[i];

		if (c == '\\')
			i += 2;
		else if (c == '\'')
			i = i > 0 && s[i - 1] == '$' ? sh_skip_ansi(s, i, end) :
			    sh_skip_squote(s, i, end);
		else if (c == '"')
			i = sh_skip_dquote(s, i, end);
		else if (c == '`')
			i = sh_skip_backtick(s, i, end);
		else if (c == '#' && open == '(' && at_word_start(s, i, start))
			while (i < end && s[i] != '\n')
				i++;
		else {
			if (c == open)
				depth++;
			else if (c == close && --depth == 0)
				return i + 1;
			i++;
		}
	}
	return end;
}

/* The end of the word at i. */
static size_t
lex_word(const char *s, size_t i, size_t end)
{
	size_t start = i;

	while (i < end) {
		char c = s[i];

		if (c == '(' && i > start && s[i - 1] == '=')	/* a=(x y) */
			i = sh_skip_group(s, i, end, '(', ')');
		else if ((c == '<' || c == '>') && i == start && i + 1 < end &&
		    s[i + 1] == '(')	/* <(list) */
			i = sh_skip_group(s, i + 1, end, '(', ')');
		else if (strchr(" \t\n;&|()<>", c) != NULL)
			break;
		else if (c == '\\')
			i += 2;
		else if (c == '\'')
			i = sh_skip_squote(s, i, end);
		else if (c == '"')
			i = sh_skip_dquote(s, i, end);
		else if (c == '`')
			i = sh_skip_backtick(s, i, end);
		else if (c == '$' && i + 1 < end && s[i + 1] == '\'')
			i = sh_skip_ansi(s, i + 1, end);
		else if (c == '$' && i + 1 < end && s[i + 1] == '(')
			i = sh_skip_group(s, i + 1, end, '(', ')');
		else if (c == '$' && i + 1 < end && s[i + 1] == '{')
			i = sh_skip_group(s, i + 1, end, '{', '}');
		else
			i++;
	}
	return i < end ? i : end;
}

static void
push(struct sh_tokens *tk, enum sh_tok type, size_t start, size_t end)
{
	tk->t = xrealloc(tk->t, (tk->n + 1) * sizeof(*tk->t));
	tk->t[tk->n].type = type;
	tk->t[tk->n].start = start;
	tk->t[tk->n].end = end;
	tk->t[tk->n].literal = 0;
	tk->n++;
}

/* Bash ends a here-document at a line that is its delimiter unquoted;
 * any quoting in the delimiter leaves the body unexpanded. */
static size_t
heredoc_op(const char *s, size_t i, size_t end, struct pending *p,
    size_t *np, struct sh_tokens *tk)
{
	size_t op = i, k, e;
	struct oc_buf b = { 0 };
	int strip = i + 2 < end && s[i + 2] == '-', literal = 0;

	i += 2 + strip;
	while (i < end && (s[i] == ' ' || s[i] == '\t'))
		i++;
	e = lex_word(s, i, end);
	buf_add(&b, "", 0);
	for (k = i; k < e; k++) {
		if (strchr("'\"\\", s[k]) != NULL) {
			literal = 1;
			if (s[k] != '\\' || ++k >= e)
				continue;
		}
		buf_addc(&b, s[k]);
	}
	push(tk, SH_HEREDOC, op, e);
	if (*np < MAXPENDING && e > i) {
		p[*np].delim = buf_steal(&b);
		p[*np].strip = strip;
		p[(*np)++].literal = literal;
	} else
		buf_free(&b);
	return e;
}

/* The bodies of the here-documents opened on the line that ends at i. */
static size_t
heredoc_bodies(const char *s, size_t i, size_t end, struct pending *p,
    size_t np, struct sh_tokens *tk)
{
	size_t k, body, line, e = end, t;

	for (k = 0; k < np; k++) {
		body = i;
		for (line = i; line < end; line = e + 1) {
			const char *nl = memchr(s + line, '\n', end - line);

			e = nl == NULL ? end : (size_t)(nl - s);
			t = line;
			while (p[k].strip && t < e && s[t] == '\t')
				t++;
			if (sh_word_is(s, t, e, p[k].delim))
				break;
		}
		push(tk, SH_BODY, body, line < end ? line : end);
		tk->t[tk->n - 1].literal = p[k].literal;
		i = line < end ? (e < end ? e + 1 : end) : end;
		free(p[k].delim);
	}
	return i;
}

/* The operator at i: its type and length, 0 when i starts a word. */
static size_t
lex_op(const char *s, size_t i, size_t end, enum sh_tok *type)
{
	static const struct {
		const char *op;
		enum sh_tok type;
	} ops[] = {	/* longest first */
		{ ";;&", SH_CASE_END }, { "&>>", SH_REDIR },
		{ "<<<", SH_REDIR }, { ";;", SH_CASE_END },
		{ ";&", SH_CASE_END }, { "&&", SH_PIPE }, { "||", SH_PIPE },
		{ "|&", SH_PIPE }, { "&>", SH_REDIR }, { ">>", SH_REDIR },
		{ ">|", SH_REDIR }, { "<>", SH_REDIR }, { "<&", SH_REDIR },
		{ ">&", SH_REDIR }, { ";", SH_SEP }, { "&", SH_SEP },
		{ "\n", SH_SEP }, { "|", SH_PIPE }, { "(", SH_LPAREN },
		{ ")", SH_RPAREN }, { "<", SH_REDIR }, { ">", SH_REDIR },
	};
	size_t k, n;

	if ((s[i] == '<' || s[i] == '>') && i + 1 < end && s[i + 1] == '(')
		return 0;	/* <(list): a word */
	for (k = 0; k < ARRAY_SIZE(ops); k++) {
		n = strlen(ops[k].op);
		if (n <= end - i && memcmp(s + i, ops[k].op, n) == 0) {
			*type = ops[k].type;
			return n;
		}
	}
	return 0;
}

void
sh_lex(const char *s, size_t start, size_t end, struct sh_tokens *tk)
{
	struct pending p[MAXPENDING];
	size_t i = start, np = 0, n, e;
	enum sh_tok type;

	tk->t = NULL;
	tk->n = 0;
	while (i < end) {
		if (s[i] == ' ' || s[i] == '\t') {
			i++;
		} else if (s[i] == '\\' && i + 1 < end && s[i + 1] == '\n') {
			i += 2;
		} else if (s[i] == '#') {
			while (i < end && s[i] != '\n')
				i++;
		} else if (s[i] == '<' && i + 1 < end && s[i + 1] == '<' &&
		    (i + 2 >= end || s[i + 2] != '<')) {
			i = heredoc_op(s, i, end, p, &np, tk);
		} else if (s[i] == '(' && i + 1 < end && s[i + 1] == '(') {
			e = sh_skip_group(s, i, end, '(', ')');
			push(tk, SH_ARITH, i + 2, e >= i + 4 ? e - 2 : e);
			i = e;
		} else if ((n = lex_op(s, i, end, &type)) > 0) {
			push(tk, type, i, i + n);
			i += n;
			if (s[i - 1] == '\n' && np > 0) {
				i = heredoc_bodies(s, i, end, p, np, tk);
				np = 0;
			}
		} else {
			e = lex_word(s, i, end);
			if (e == i)
				e = i + 1;
			push(tk, SH_WORD, i, e);
			i = e;
		}
	}
	while (np > 0)
		free(p[--np].delim);
}
