/*
 * What a container's script and strings read from the environment. Two
 * scanners: Kubernetes' own $(NAME) expansion, which is exact, and a shell
 * heuristic for backup and lifecycle scripts. The heuristic errs towards
 * silence: it counts only upper-case names outside bash's own, skips
 * single-quoted text, comments and quoted here-documents, reads only the
 * functions something calls, and drops every name the script assigns or
 * defaults, so a finding it produces is worth reading. A name the script
 * tests for emptiness, or only compares, is returned marked guarded; so
 * is one only copied whole into variables it tests (a="$X"; [ -z "$a" ]).
 * The lexer is script_lex.c, the commands script_cmd.c; here are the
 * expansions and what they record.
 */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/derive.h"
#include "ocicheck/spec.h"
#include "script_int.h"

/* Set by bash itself (the manual's "Shell Variables", bash 5.2) or by
 * any process environment (TERM, TZ, USER, LOGNAME): never a contract's
 * business. Sorted. */
static const char *const ambient[] = {
	"BASH", "BASHOPTS", "BASHPID", "BASH_ALIASES", "BASH_ARGC",
	"BASH_ARGV", "BASH_ARGV0", "BASH_CMDS", "BASH_COMMAND", "BASH_COMPAT",
	"BASH_ENV", "BASH_EXECUTION_STRING", "BASH_LINENO",
	"BASH_LOADABLES_PATH", "BASH_REMATCH", "BASH_SOURCE", "BASH_SUBSHELL",
	"BASH_VERSINFO", "BASH_VERSION", "BASH_XTRACEFD", "CDPATH",
	"CHILD_MAX", "COLUMNS", "COMPREPLY", "COMP_CWORD", "COMP_KEY",
	"COMP_LINE", "COMP_POINT", "COMP_TYPE", "COMP_WORDBREAKS",
	"COMP_WORDS", "COPROC", "DIRSTACK", "EMACS", "ENV", "EPOCHREALTIME",
	"EPOCHSECONDS", "EUID", "EXECIGNORE", "FCEDIT", "FIGNORE", "FUNCNAME",
	"FUNCNEST", "GLOBIGNORE", "GROUPS", "HISTCMD", "HISTCONTROL",
	"HISTFILE", "HISTFILESIZE", "HISTIGNORE", "HISTSIZE",
	"HISTTIMEFORMAT", "HOME", "HOSTFILE", "HOSTNAME", "HOSTTYPE", "IFS",
	"IGNOREEOF", "INPUTRC", "INSIDE_EMACS", "LANG", "LC_ALL",
	"LC_COLLATE", "LC_CTYPE", "LC_MESSAGES", "LC_NUMERIC", "LC_TIME",
	"LINENO", "LINES", "LOGNAME", "MACHTYPE", "MAIL", "MAILCHECK",
	"MAILPATH", "MAPFILE", "OLDPWD", "OPTARG", "OPTERR", "OPTIND",
	"OSTYPE", "PATH", "PIPESTATUS", "POSIXLY_CORRECT", "PPID",
	"PROMPT_COMMAND", "PROMPT_DIRTRIM", "PS0", "PS1", "PS2", "PS3", "PS4",
	"PWD", "RANDOM", "READLINE_ARGUMENT", "READLINE_LINE",
	"READLINE_MARK", "READLINE_POINT", "REPLY", "SECONDS", "SHELL",
	"SHELLOPTS", "SHLVL", "SRANDOM", "TERM", "TIMEFORMAT", "TMOUT",
	"TMPDIR", "TZ", "UID", "USER",
};

static int
is_upper_name(const char *s, size_t n)
{
	size_t i, letters = 0;

	if (n == 0 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			letters++;
		else if (s[i] != '_' && !(s[i] >= '0' && s[i] <= '9'))
			return 0;
	}
	return letters > 0;
}

static int
is_ambient(const char *s, size_t n)
{
	return spec_in_sorted(ambient, ARRAY_SIZE(ambient), s, n);
}

static size_t
find(const struct oc_script_var *v, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(v[i].name) == len && memcmp(v[i].name, s, len) == 0)
			return i;
	return n;
}

static size_t
add(struct oc_script_var **v, size_t n, const char *s, size_t len,
    size_t offset)
{
	if (find(*v, n, s, len) < n)
		return n;
	*v = xrealloc(*v, (n + 1) * sizeof(**v));
	(*v)[n].name = xstrndup(s, len);
	(*v)[n].offset = offset;
	(*v)[n].guarded = 0;
	return n + 1;
}

void
script_vars_free(struct oc_script_var *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

void
sh_read(struct sh_scan *sc, size_t at, size_t w, size_t offset,
    enum sh_kind kind)
{
	const char *name = sc->s + at;
	size_t i;

	if (!sc->reading || w == 0)
		return;
	/* Any name: a lower-case copy's test guards what it copies. */
	if (kind == SH_TEST)
		sc->ntested = add(&sc->tested, sc->ntested, name, w, at);
	if (!is_upper_name(name, w) || is_ambient(name, w))
		return;
	for (i = 0; i < sc->nrd; i++)
		if (strlen(sc->rd[i].name) == w &&
		    memcmp(sc->rd[i].name, name, w) == 0)
			break;
	if (i == sc->nrd) {
		sc->rd = xrealloc(sc->rd, (i + 1) * sizeof(*sc->rd));
		sc->rd[i].name = xstrndup(name, w);
		sc->rd[i].offset = offset;
		sc->rd[i].plain = sc->rd[i].tested = 0;
		sc->nrd++;
	}
	sc->rd[i].plain |= kind == SH_PLAIN;
	sc->rd[i].tested |= kind == SH_TEST;
}

void
sh_assign(struct sh_scan *sc, size_t at, size_t w)
{
	if (sc->reading && w > 0)
		sc->nmine = add(&sc->mine, sc->nmine, sc->s + at, w, at);
}

void
sh_copy(struct sh_scan *sc, size_t to, size_t tw, size_t at, size_t w,
    size_t offset)
{
	struct sh_copy *c;

	sh_read(sc, at, w, offset, SH_COPY);
	if (!sc->reading || tw == 0 || w == 0)
		return;
	sc->copy = xrealloc(sc->copy, (sc->ncopy + 1) * sizeof(*sc->copy));
	c = &sc->copy[sc->ncopy++];
	c->name = xstrndup(sc->s + at, w);
	c->to = xstrndup(sc->s + to, tw);
}

void
sh_call(struct sh_scan *sc, size_t at, size_t w)
{
	if (sc->reading || w == 0)
		return;
	sc->call = xrealloc(sc->call, (sc->ncall + 1) * sizeof(*sc->call));
	sc->call[sc->ncall].name = xstrndup(sc->s + at, w);
	sc->call[sc->ncall++].from = sc->in;
}

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
void
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

void
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

/* The functions reached from the top level, through the calls the
 * first pass found. */
static void
reach(struct sh_scan *sc)
{
	size_t *queue = xcalloc(sc->nfn + 1, sizeof(*queue));
	size_t nq = 0, head = 0, from = SH_NOFUNC, i, k;

	for (;;) {
		for (i = 0; i < sc->ncall; i++) {
			if (sc->call[i].from != from)
				continue;
			for (k = 0; k < sc->nfn; k++)
				if (!sc->fn[k].reached &&
				    strcmp(sc->fn[k].name, sc->call[i].name) == 0) {
					sc->fn[k].reached = 1;
					queue[nq++] = k;
				}
		}
		if (head == nq)
			break;
		from = queue[head++];
	}
	free(queue);
}

/* Is every variable that name is copied into tested somewhere? */
static int
copies_tested(const struct sh_scan *sc, const char *name)
{
	size_t i;
	const char *to;

	for (i = 0; i < sc->ncopy; i++) {
		if (strcmp(sc->copy[i].name, name) != 0)
			continue;
		to = sc->copy[i].to;
		if (find(sc->tested, sc->ntested, to, strlen(to)) ==
		    sc->ntested)
			return 0;
	}
	return 1;
}

static void
scan_free(struct sh_scan *sc)
{
	size_t i;

	for (i = 0; i < sc->nrd; i++)
		free(sc->rd[i].name);
	for (i = 0; i < sc->nfn; i++)
		free(sc->fn[i].name);
	for (i = 0; i < sc->ncall; i++)
		free(sc->call[i].name);
	for (i = 0; i < sc->ncopy; i++) {
		free(sc->copy[i].name);
		free(sc->copy[i].to);
	}
	free(sc->rd);
	free(sc->fn);
	free(sc->call);
	free(sc->copy);
	script_vars_free(sc->mine, sc->nmine);
	script_vars_free(sc->tested, sc->ntested);
}

/* Two passes: the first finds the functions and who calls them, the
 * second reads the top level and the functions reached. */
size_t
script_vars(const char *s, size_t len, struct oc_script_var **out)
{
	struct sh_scan sc = { .s = s, .in = SH_NOFUNC };
	struct sh_tokens tk;
	size_t i, n = 0;

	*out = NULL;
	sh_lex(s, 0, len, &tk);
	sh_walk(&sc, &tk, 0, tk.n);
	reach(&sc);
	sc.reading = 1;
	sc.ncase = 0;
	sh_walk(&sc, &tk, 0, tk.n);
	for (i = 0; i < sc.nrd; i++) {
		const char *name = sc.rd[i].name;

		if (find(sc.mine, sc.nmine, name, strlen(name)) < sc.nmine)
			continue;
		n = add(out, n, name, strlen(name), sc.rd[i].offset);
		(*out)[n - 1].guarded = sc.rd[i].tested ||
		    (!sc.rd[i].plain && copies_tested(&sc, name));
	}
	free(tk.t);
	scan_free(&sc);
	return n;
}

size_t
kube_refs(const char *s, size_t len, struct oc_script_var **out)
{
	size_t i, k, n = 0;

	*out = NULL;
	for (i = 0; i + 1 < len; i++) {
		if (s[i] != '$')
			continue;
		if (s[i + 1] == '$') {	/* $$ is a literal $ */
			i++;
			continue;
		}
		if (s[i + 1] != '(')
			continue;
		for (k = i + 2; k < len && (strchr("-._", s[k]) != NULL ||
		    (s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z') ||
		    (s[k] >= '0' && s[k] <= '9')); k++)
			;
		if (k < len && s[k] == ')' && k > i + 2 &&
		    !(s[i + 2] >= '0' && s[i + 2] <= '9'))
			n = add(out, n, s + i + 2, k - i - 2, i);
	}
	return n;
}

/* The value Kubernetes makes of s when nothing in it is a reference
 * (k8s.io/kubernetes third_party/forked/golang/expansion): $$ is one $,
 * any other $ stays; NULL when s holds a $(...), whose value is known
 * only at run time. */
char *
kube_unescape(const char *s, size_t len)
{
	struct oc_buf b = { 0 };
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '$' && i + 1 < len && s[i + 1] == '(' &&
		    memchr(s + i + 2, ')', len - i - 2) != NULL) {
			buf_free(&b);
			return NULL;
		}
		buf_addc(&b, s[i]);
		if (s[i] == '$' && i + 1 < len)
			i += s[i + 1] == '$';
	}
	return buf_steal(&b);
}
