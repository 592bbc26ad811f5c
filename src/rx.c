/* The simple-pattern matcher; see rx.h for the shape it takes. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ocicheck/rx.h"
#include "ocicheck/util.h"

#define BIT(i) ((uint64_t)1 << (i))

static void
set_add(struct rx_atom *a, unsigned c)
{
	a->set[c >> 3] |= (uint8_t)(1u << (c & 7));
}

static int
set_has(const struct rx_atom *a, unsigned char c)
{
	return (a->set[c >> 3] >> (c & 7)) & 1;
}

/* A [:name:] class, in the C locale regcomp sees (ocicheck never calls
 * setlocale). 0 on success, -1 for a name regcomp would refuse. */
static int
add_class(struct rx_atom *a, const char *name, size_t len)
{
	static const struct {
		const char *name;
		int (*is)(int);
	} classes[] = {
		{ "alnum", isalnum }, { "alpha", isalpha },
		{ "blank", isblank }, { "cntrl", iscntrl },
		{ "digit", isdigit }, { "graph", isgraph },
		{ "lower", islower }, { "print", isprint },
		{ "punct", ispunct }, { "space", isspace },
		{ "upper", isupper }, { "xdigit", isxdigit },
	};
	size_t i;
	unsigned c;

	for (i = 0; i < ARRAY_SIZE(classes); i++) {
		if (strlen(classes[i].name) != len ||
		    memcmp(classes[i].name, name, len) != 0)
			continue;
		for (c = 1; c < 256; c++)
			if (classes[i].is((int)c))
				set_add(a, c);
		return 0;
	}
	return -1;
}

/* A bracket expression at t (just past '['); its length up to and
 * including ']', or 0 for anything regcomp might read otherwise. */
static size_t
parse_bracket(struct rx_atom *a, const char *t)
{
	struct rx_atom in = { { 0 }, RX_ONE };
	size_t i = 0;
	int negate = 0, after_range = 0;
	unsigned c;

	if (t[i] == '^') {
		negate = 1;
		i++;
	}
	if (t[i] == ']') {
		set_add(&in, ']');
		i++;
	}
	while (t[i] != ']') {
		unsigned char lo = (unsigned char)t[i], hi;

		if (lo == '\0')
			return 0;
		if (lo == '[' && t[i + 1] == ':') {
			const char *end = strstr(t + i + 2, ":]");

			if (end == NULL || add_class(&in, t + i + 2,
			    (size_t)(end - (t + i + 2))) < 0)
				return 0;
			i = (size_t)(end - t) + 2;
			after_range = 0;
			continue;
		}
		if (lo == '[' && (t[i + 1] == '.' || t[i + 1] == '='))
			return 0;
		if (t[i + 1] == '-' && t[i + 2] != ']' && t[i + 2] != '\0') {
			hi = (unsigned char)t[i + 2];
			/* "a-c-e", "a-[.x.]" and reversed ranges: leave the
			 * verdict to regcomp. */
			if ((after_range && lo == '-') || hi == '[' || hi < lo)
				return 0;
			for (c = lo; c <= hi; c++)
				set_add(&in, c);
			i += 3;
			after_range = 1;
			continue;
		}
		if (lo == '-' && after_range && t[i + 1] != ']')
			return 0;
		set_add(&in, lo);
		i++;
		after_range = 0;
	}
	for (c = 1; c < 256; c++)
		if (set_has(&in, (unsigned char)c) != negate)
			set_add(a, c);
	return i + 1;
}

/* A new atom; any earlier atom pointer may move. */
static struct rx_atom *
next_atom(struct rx_fast *f)
{
	struct rx_atom *a;

	if (f->natoms == RX_MAX_ATOMS)
		return NULL;
	f->atoms = xgrow(f->atoms, &f->cap, f->natoms + 1, sizeof(*f->atoms));
	a = &f->atoms[f->natoms++];
	memset(a, 0, sizeof(*a));
	return a;
}

int
rx_fast_compile(struct rx_fast *f, const char *t)
{
	struct rx_atom *a = NULL;
	size_t i = 0, n;
	unsigned c;

	memset(f, 0, sizeof(*f));
	if (t[0] == '^') {
		f->bol = 1;
		i++;
	}
	for (; t[i] != '\0'; i++) {
		char ch = t[i];

		switch (ch) {
		case '*': case '+': case '?':
			/* A leading or repeated repetition: regcomp's own
			 * reading. */
			if (a == NULL || a->rep != RX_ONE)
				goto other;
			if (ch == '+') {
				struct rx_atom one = *a;

				if ((a = next_atom(f)) == NULL)
					goto other;
				*a = one;
			}
			a->rep = ch == '?' ? RX_OPT : RX_STAR;
			continue;
		case '$':
			if (t[i + 1] != '\0')
				goto other;
			f->eol = 1;
			return 0;
		case '(': case ')': case '|': case '{': case '}': case '^':
			goto other;
		default:
			break;
		}
		if ((a = next_atom(f)) == NULL)
			goto other;
		if (ch == '.') {
			for (c = 1; c < 256; c++)
				set_add(a, c);
		} else if (ch == '[') {
			if ((n = parse_bracket(a, t + i + 1)) == 0)
				goto other;
			i += n;
		} else if (ch == '\\') {
			unsigned char e = (unsigned char)t[i + 1];

			/* Escaped letters and digits, '<', '>', '`' and '\''
			 * are GNU operators or backreferences. */
			if (e == '\0' || isalnum(e) || strchr("<>`'", e))
				goto other;
			set_add(a, e);
			i++;
		} else {
			set_add(a, (unsigned char)ch);
		}
	}
	return 0;
other:
	rx_fast_free(f);
	return -1;
}

/* Let every state whose atom may match nothing pass to the next. */
static uint64_t
closure(const struct rx_fast *f, uint64_t s)
{
	unsigned i;

	for (i = 0; i < f->natoms; i++)
		if ((s & BIT(i)) && f->atoms[i].rep != RX_ONE)
			s |= BIT(i + 1);
	return s;
}

int
rx_fast_search(const struct rx_fast *f, const char *s, size_t len)
{
	uint64_t accept = BIT(f->natoms), start = closure(f, 1), cur = start;
	size_t k;

	if (!f->eol && (cur & accept))
		return 1;
	for (k = 0; k < len && s[k] != '\0'; k++) {
		unsigned char c = (unsigned char)s[k];
		uint64_t live = cur & (accept - 1), next = 0;

		while (live != 0) {
			unsigned i = (unsigned)__builtin_ctzll(live);
			const struct rx_atom *a = &f->atoms[i];

			live &= live - 1;
			if (set_has(a, c))
				next |= a->rep == RX_STAR ? BIT(i) : BIT(i + 1);
		}
		cur = closure(f, next);
		if (!f->bol)
			cur |= start;
		else if (cur == 0)
			return 0;
		if (!f->eol && (cur & accept))
			return 1;
	}
	return (cur & accept) != 0;
}

void
rx_fast_free(struct rx_fast *f)
{
	if (f == NULL)
		return;
	free(f->atoms);
	memset(f, 0, sizeof(*f));
}
