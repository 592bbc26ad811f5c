/*
 * What a container's script and strings read from the environment. Two
 * scanners: Kubernetes' own $(NAME) expansion, which is exact, and a shell
 * heuristic for backup scripts. The heuristic errs towards silence: it
 * counts only upper-case names, skips single-quoted text and comments,
 * and drops every name the script assigns, defaults or reads itself, so
 * a finding it produces is worth reading.
 */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/derive.h"

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
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ambient); i++)
		if (strlen(ambient[i]) == n && memcmp(ambient[i], s, n) == 0)
			return 1;
	return 0;
}

static size_t
name_len(const char *s, size_t n)
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

static int
word_start(const char *s, size_t i)
{
	return i == 0 || strchr(" \t\n;&|(`{", s[i - 1]) != NULL;
}

static int
word_is(const char *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);

	return word_start(s, i) && i + n < len && memcmp(s + i, w, n) == 0 &&
	    (s[i + n] == ' ' || s[i + n] == '\t');
}

/* Names the script gives a value itself: NAME=, NAME+=, export/local/
 * readonly/declare NAME, read NAME..., for NAME in, ${NAME:=x}. */
static size_t
assigned(const char *s, size_t len, struct oc_script_var **v)
{
	static const char *const binders[] = { "export", "local", "readonly",
		"declare", "typeset", "read", "for", "unset" };
	size_t i, k, n = 0, w;

	for (i = 0; i < len; i++) {
		if (s[i] == '$' && i + 1 < len && s[i + 1] == '{') {
			w = name_len(s + i + 2, len - i - 2);
			if (w > 0 && i + 2 + w + 1 < len &&
			    (s[i + 2 + w] == '=' || (s[i + 2 + w] == ':' &&
			    s[i + 3 + w] == '=')))
				n = add(v, n, s + i + 2, w, i);
			continue;
		}
		if (!word_start(s, i))
			continue;
		w = name_len(s + i, len - i);
		if (w > 0 && i + w < len && (s[i + w] == '=' ||
		    (s[i + w] == '+' && i + w + 1 < len && s[i + w + 1] == '='))) {
			n = add(v, n, s + i, w, i);
			continue;
		}
		for (k = 0; k < ARRAY_SIZE(binders); k++)
			if (word_is(s, len, i, binders[k]))
				break;
		if (k == ARRAY_SIZE(binders))
			continue;
		/* The words after the binder, up to the end of the command. */
		i += strlen(binders[k]);
		while (i < len && strchr(";|&\n", s[i]) == NULL) {
			while (i < len && (s[i] == ' ' || s[i] == '\t'))
				i++;
			if (i < len && s[i] == '-') {
				while (i < len && !strchr(" \t;|&\n", s[i]))
					i++;
				continue;
			}
			w = name_len(s + i, len - i);
			if (w == 0)
				break;
			n = add(v, n, s + i, w, i);
			i += w;
			if (strcmp(binders[k], "for") == 0)
				break;	/* for NAME in WORDS: only NAME */
			while (i < len && !strchr(" \t;|&\n", s[i]))
				i++;
		}
	}
	return n;
}

size_t
script_vars(const char *s, size_t len, struct oc_script_var **out)
{
	struct oc_script_var *mine = NULL;
	size_t nmine = assigned(s, len, &mine), i, k, n = 0, w, start;
	int squote = 0, dquote = 0;

	*out = NULL;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\\' && !squote) {
			i++;
			continue;
		}
		if (c == '\'' && !dquote) {
			squote = !squote;
			continue;
		}
		if (squote)
			continue;
		if (c == '"') {
			dquote = !dquote;
			continue;
		}
		if (c == '#' && !dquote && word_start(s, i)) {
			while (i < len && s[i] != '\n')
				i++;
			continue;
		}
		if (c != '$' || i + 1 >= len)
			continue;
		start = i;
		if (s[i + 1] == '{') {
			k = i + 2 + (i + 2 < len && s[i + 2] == '#');
			w = name_len(s + k, len - k);
			/* ${NAME-x} ${NAME:-x} ${NAME:+x} need no value */
			if (w == 0 || (k + w < len && (s[k + w] == '-' ||
			    s[k + w] == '+' || s[k + w] == '=' ||
			    (s[k + w] == ':' && k + w + 1 < len &&
			    strchr("-+=", s[k + w + 1]) != NULL))))
				continue;
		} else {
			k = i + 1;
			w = name_len(s + k, len - k);
			if (w == 0)
				continue;
		}
		i = k + w - 1;
		if (is_upper_name(s + k, w) && !is_ambient(s + k, w) &&
		    find(mine, nmine, s + k, w) == nmine)
			n = add(out, n, s + k, w, start);
	}
	script_vars_free(mine, nmine);
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
