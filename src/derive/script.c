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
 * The lexer is script_lex.c, the commands and the expansions in their
 * words script_cmd.c, what they record script_rec.c; here are the two
 * passes and the Kubernetes scanner.
 */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/derive.h"
#include "ocicheck/check.h"
#include "script_int.h"

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
		if (sh_var_find(sc->tested, sc->ntested, to, strlen(to)) ==
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

		if (sh_var_find(sc.mine, sc.nmine, name, strlen(name)) < sc.nmine)
			continue;
		n = sh_var_add(out, n, name, strlen(name), sc.rd[i].offset);
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
			n = sh_var_add(out, n, s + i + 2, k - i - 2, i);
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
