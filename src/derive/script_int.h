/* The shell scan of script.c in its parts: the lexer (script_lex.c)
 * cuts a script into words and operators, the walker (script_cmd.c)
 * reads them as commands and their words' expansions, script_rec.c
 * records what they read, and script.c runs the passes. */
#ifndef OCICHECK_SCRIPT_INT_H
#define OCICHECK_SCRIPT_INT_H

#include <stddef.h>

#include "ocicheck/derive.h"

enum sh_tok {
	SH_WORD,
	SH_SEP,			/* ; & or a newline: a command ends */
	SH_CASE_END,		/* ;; ;& ;;& */
	SH_PIPE,		/* | || && |& */
	SH_LPAREN,
	SH_RPAREN,
	SH_REDIR,		/* < > >> <<< ..., its target the next word */
	SH_HEREDOC,		/* << or <<- and the delimiter */
	SH_BODY,		/* a here-document's text */
	SH_ARITH,		/* (( ... )): start and end are the inside */
};

struct sh_token {
	enum sh_tok type;
	size_t start, end;	/* byte range in the script */
	int literal;		/* SH_BODY: the delimiter was quoted */
};

struct sh_tokens {
	struct sh_token *t;
	size_t n;
};

/* The tokens of s[start, end); the caller frees out->t. */
void sh_lex(const char *s, size_t start, size_t end, struct sh_tokens *out);

/* Each takes i at the opening character and returns the index after
 * the closing one, or end when there is none. */
size_t sh_skip_squote(const char *s, size_t i, size_t end);
size_t sh_skip_dquote(const char *s, size_t i, size_t end);
size_t sh_skip_ansi(const char *s, size_t i, size_t end);
size_t sh_skip_backtick(const char *s, size_t i, size_t end);
size_t sh_skip_group(const char *s, size_t i, size_t end, char open,
    char close);

/* The length of the shell name at s, 0 when none starts there. */
size_t sh_name_len(const char *s, size_t n);

/* Is s[a, b) exactly w? */
int sh_word_is(const char *s, size_t a, size_t b, const char *w);

/* The walk over a script (script_cmd.c) and what it records
 * (script_rec.c). */
enum sh_kind {
	SH_PLAIN,		/* the value is used */
	SH_CMP,			/* only compared with a literal */
	SH_TEST,		/* tested for emptiness or setness */
	SH_COPY,		/* copied whole into a variable (sh_copy) */
};

struct sh_read {
	char *name;
	size_t offset;		/* the first read */
	int plain, tested;	/* read as SH_PLAIN, as SH_TEST */
};

/* a=$X: what a guards, when tested, it guards for X. */
struct sh_copy {
	char *name, *to;
};

struct sh_func {
	char *name;
	size_t body;		/* offset of the body's opening token */
	int reached;
};

struct sh_call {
	char *name;
	size_t from;		/* index of the calling function, or NOFUNC */
};

#define SH_NOFUNC	((size_t)-1)
#define SH_MAXCASE	16
#define SH_MAXDEPTH	64

struct sh_scan {
	const char *s;
	int reading;		/* second pass: record reads and names */
	size_t in;		/* the function walked, or SH_NOFUNC */
	int depth;		/* of substitutions and bodies, bounded */
	int ncase;		/* case statements open */
	int pattern[SH_MAXCASE];	/* expecting a case pattern */
	struct sh_read *rd;
	size_t nrd;
	struct oc_script_var *mine;	/* names the script assigns */
	size_t nmine;
	struct oc_script_var *tested;	/* names tested, of any case */
	size_t ntested;
	struct sh_copy *copy;
	size_t ncopy;
	struct sh_func *fn;
	size_t nfn;
	struct sh_call *call;
	size_t ncall;
};

/* script_cmd.c: the commands of the tokens tk[a, b), and of s[start,
 * end) lexed on the way (a substitution's text). */
void sh_walk(struct sh_scan *sc, const struct sh_tokens *tk, size_t a,
    size_t b);
void sh_walk_range(struct sh_scan *sc, size_t start, size_t end);

/* script_rec.c: a read of the name at at, w long, first at offset, as
 * kind; an assignment of it; the name at at, w long, read at offset
 * only to be copied whole into the variable at to, tw long; a call of
 * the function at at. */
void sh_read(struct sh_scan *sc, size_t at, size_t w, size_t offset,
    enum sh_kind kind);
void sh_assign(struct sh_scan *sc, size_t at, size_t w);
void sh_copy(struct sh_scan *sc, size_t to, size_t tw, size_t at, size_t w,
    size_t offset);
void sh_call(struct sh_scan *sc, size_t at, size_t w);
/* The index of the len bytes of s among the n names of v, n when
 * absent; the count after adding them at offset unless present. */
size_t sh_var_find(const struct oc_script_var *v, size_t n, const char *s,
    size_t len);
size_t sh_var_add(struct oc_script_var **v, size_t n, const char *s,
    size_t len, size_t offset);

#endif
