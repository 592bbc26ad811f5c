/*
 * `ocicheck completion bash|zsh|fish`: the shell completions, written
 * from the option table (cli.c) and the value lists the parser checks
 * arguments against, so that a new option or rule completes without
 * touching this file. An option with a value list completes to its
 * values; else the argument name says: FILE and PATH files, DIR
 * directories, RULE(S) the rule ids; anything else (a target NAME, an ID)
 * is free text.
 */
#include <string.h>

#include "ocicheck/cli.h"
#include "ocicheck/completion.h"

enum arg_kind { ARG_NONE, ARG_TEXT, ARG_WORDS, ARG_FILE, ARG_DIR };

/* The words of every value list of o, in order. */
static void
words(struct oc_buf *b, const struct oc_optdef *o)
{
	const struct oc_values *vs;
	size_t i;

	for (vs = o->values; vs->n > 0; vs++)
		for (i = 0; i < vs->n; i++)
			buf_printf(b, "%s%s", b->len ? " " : "",
			    cli_value_name(vs, i));
}

/* What o's argument completes to; the words in b for ARG_WORDS. */
static enum arg_kind
arg_kind(const struct oc_optdef *o, struct oc_buf *b)
{
	size_t i;

	b->len = 0;
	buf_add(b, "", 0);
	if (o->arg == NULL)
		return ARG_NONE;
	if (o->values != NULL) {
		words(b, o);
		return ARG_WORDS;
	}
	if (strcmp(o->arg, "FILE") == 0 || strcmp(o->arg, "PATH") == 0)
		return ARG_FILE;
	if (strcmp(o->arg, "DIR") == 0)
		return ARG_DIR;
	if (strncmp(o->arg, "RULE", 4) != 0)
		return ARG_TEXT;
	for (i = 0; i < OC_NRULES; i++)
		buf_printf(b, "%s%s", i ? " " : "", oc_rules[i].id);
	return ARG_WORDS;
}

static int
has_short(const struct oc_optdef *o)
{
	return o->short_name > 0 && o->short_name < 256;
}

static void
bash(FILE *out)
{
	struct oc_buf b = { 0 };
	size_t i;

	fputs("# bash completion for ocicheck, written by `ocicheck "
	    "completion bash`\n_ocicheck() {\n"
	    "\tlocal cur=${COMP_WORDS[COMP_CWORD]} "
	    "prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	    "\tCOMPREPLY=()\n\tcase $prev in\n", out);
	for (i = 0; i < oc_noptdefs; i++) {
		const struct oc_optdef *o = &oc_optdefs[i];
		enum arg_kind k = arg_kind(o, &b);

		if (k == ARG_NONE)
			continue;
		if (has_short(o))
			fprintf(out, "\t-%c|", o->short_name);
		else
			fputc('\t', out);
		fprintf(out, "--%s)\n", o->name);
		if (k == ARG_WORDS)
			fprintf(out, "\t\tCOMPREPLY=($(compgen -W '%s' -- "
			    "\"$cur\"))\n", b.s);
		else if (k != ARG_TEXT)
			fprintf(out, "\t\tCOMPREPLY=($(compgen -%c -- "
			    "\"$cur\"))\n", k == ARG_DIR ? 'd' : 'f');
		fputs("\t\treturn ;;\n", out);
	}
	fputs("\tesac\n\tcase $COMP_CWORD:${COMP_WORDS[1]} in\n"
	    "\t2:contract) COMPREPLY=($(compgen -W 'lint derive' -- "
	    "\"$cur\")); return ;;\n"
	    "\t2:completion) COMPREPLY=($(compgen -W 'bash zsh fish' -- "
	    "\"$cur\")); return ;;\n\tesac\n"
	    "\tif [[ $cur == -* ]]; then\n\t\tCOMPREPLY=($(compgen -W '", out);
	for (i = 0; i < oc_noptdefs; i++) {
		if (has_short(&oc_optdefs[i]))
			fprintf(out, "-%c ", oc_optdefs[i].short_name);
		fprintf(out, "--%s%s", oc_optdefs[i].name,
		    i + 1 < oc_noptdefs ? " " : "");
	}
	fputs("' -- \"$cur\"))\n\t\treturn\n\tfi\n"
	    "\t[ \"$COMP_CWORD\" -eq 1 ] &&\n"
	    "\t\tCOMPREPLY=($(compgen -W 'contract completion' -- "
	    "\"$cur\"))\n"
	    "\tCOMPREPLY+=($(compgen -f -- \"$cur\"))\n}\n"
	    "complete -o filenames -F _ocicheck ocicheck\n", out);
	buf_free(&b);
}

/* s inside '...[s]' of a zsh _arguments spec, or '...' -d of fish. */
static void
quoted(FILE *out, const char *s, const char *special)
{
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", out);
		else if (strchr(special, *s) != NULL)
			fprintf(out, "\\%c", *s);
		else
			fputc(*s, out);
	}
}

static void
zsh(FILE *out)
{
	struct oc_buf b = { 0 };
	size_t i;

	fputs("#compdef ocicheck\n# zsh completion for ocicheck, written by "
	    "`ocicheck completion zsh`\n_ocicheck() {\n"
	    "\t_arguments -s \\\n", out);
	for (i = 0; i < oc_noptdefs; i++) {
		const struct oc_optdef *o = &oc_optdefs[i];
		enum arg_kind k = arg_kind(o, &b);

		if (has_short(o))
			fprintf(out, "\t\t'(-%c --%s)'{-%c,--%s}'", o->short_name,
			    o->name, o->short_name, o->name);
		else
			fprintf(out, "\t\t'--%s", o->name);
		fputc('[', out);
		quoted(out, o->help, "[]\\");
		fputc(']', out);
		if (k != ARG_NONE) {
			fprintf(out, ":%s:", o->arg);
			if (k == ARG_WORDS)
				fprintf(out, "(%s)", b.s);
			else if (k == ARG_FILE)
				fputs("_files", out);
			else if (k == ARG_DIR)
				fputs("_files -/", out);
			else
				fputs(" ", out);
		}
		fputs("' \\\n", out);
	}
	fputs("\t\t'*:file:_files'\n}\n_ocicheck \"$@\"\n", out);
	buf_free(&b);
}

static void
fish(FILE *out)
{
	struct oc_buf b = { 0 };
	size_t i;

	fputs("# fish completion for ocicheck, written by `ocicheck "
	    "completion fish`\n"
	    "complete -c ocicheck -n __fish_use_subcommand -a 'contract "
	    "completion'\n"
	    "complete -c ocicheck -n '__fish_seen_subcommand_from contract' "
	    "-x -a 'lint derive'\n"
	    "complete -c ocicheck -n '__fish_seen_subcommand_from completion' "
	    "-x -a 'bash zsh fish'\n", out);
	for (i = 0; i < oc_noptdefs; i++) {
		const struct oc_optdef *o = &oc_optdefs[i];
		enum arg_kind k = arg_kind(o, &b);

		fputs("complete -c ocicheck", out);
		if (has_short(o))
			fprintf(out, " -s %c", o->short_name);
		fprintf(out, " -l %s", o->name);
		if (k == ARG_WORDS)
			fprintf(out, " -x -a '%s'", b.s);
		else if (k == ARG_FILE)
			fputs(" -r -F", out);
		else if (k == ARG_DIR)
			fputs(" -x -a '(__fish_complete_directories)'", out);
		else if (k == ARG_TEXT)
			fputs(" -x", out);
		fputs(" -d '", out);
		/* fish: \' and \\ inside single quotes */
		for (const char *s = o->help; *s; s++) {
			if (*s == '\'' || *s == '\\')
				fputc('\\', out);
			fputc(*s, out);
		}
		fputs("'\n", out);
	}
	buf_free(&b);
}

int
completion_write(FILE *out, const char *shell, struct oc_error **err)
{
	if (shell != NULL && strcmp(shell, "bash") == 0)
		bash(out);
	else if (shell != NULL && strcmp(shell, "zsh") == 0)
		zsh(out);
	else if (shell != NULL && strcmp(shell, "fish") == 0)
		fish(out);
	else
		return oc_error_set(err, 0, "completion needs a shell: bash, "
		    "zsh or fish");
	return 0;
}
