/*
 * What the shell scan records as it walks a script (script_cmd.c): the
 * names read, and how; the names assigned, tested, copied; the functions
 * called. Only upper-case names outside bash's own count as reads.
 */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
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
	return str_in_sorted(ambient, ARRAY_SIZE(ambient), s, n);
}

size_t
sh_var_find(const struct oc_script_var *v, size_t n, const char *s,
    size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(v[i].name) == len && memcmp(v[i].name, s, len) == 0)
			return i;
	return n;
}

size_t
sh_var_add(struct oc_script_var **v, size_t n, const char *s,
    size_t len, size_t offset)
{
	if (sh_var_find(*v, n, s, len) < n)
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
		sc->ntested = sh_var_add(&sc->tested, sc->ntested, name, w, at);
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
		sc->nmine = sh_var_add(&sc->mine, sc->nmine, sc->s + at, w, at);
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
