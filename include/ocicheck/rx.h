/* A matcher for the regular expressions contracts mostly hold: a chain
 * of single-character atoms, each at most once repeated ('*', '+', '?'),
 * optionally anchored at either end ("^pg-", "^[a-z0-9-]+$",
 * "^postgresql-\d+"). It runs as a bit-parallel NFA: linear in the
 * subject, no allocation per search, and none of the DFA building that
 * makes glibc's regexec costly for a pattern used a few times. Anything
 * else (groups, alternation, counts, GNU escapes) is left to regcomp. */
#ifndef OCICHECK_RX_H
#define OCICHECK_RX_H

#include <stddef.h>
#include <stdint.h>

/* The accept state is bit natoms of a 64-bit state set. */
#define RX_MAX_ATOMS 63

struct rx_atom {
	uint8_t set[32];	/* the bytes it matches, one bit each */
	uint8_t rep;		/* RX_ONE, RX_OPT or RX_STAR */
};

enum { RX_ONE, RX_OPT, RX_STAR };

struct rx_fast {
	struct rx_atom *atoms;	/* owned */
	unsigned natoms;
	size_t cap;
	int bol, eol;		/* anchored by a leading ^, a trailing $ */
};

/*
 * Compile POSIX ERE text into *f if it is of the simple shape above;
 * matching must then agree with regcomp(REG_EXTENDED) in the C locale.
 * 0 on success, -1 when the pattern is of another shape (f is then
 * empty and rx_fast_free is still safe).
 */
int rx_fast_compile(struct rx_fast *f, const char *ere);
/* Unanchored search, as regexec: does some part of s[0..len) (up to its
 * first NUL, like a C string) match? */
int rx_fast_search(const struct rx_fast *f, const char *s, size_t len);
void rx_fast_free(struct rx_fast *f);

#endif
