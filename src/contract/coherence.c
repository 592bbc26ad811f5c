/*
 * What load.c's walk cannot see item by item: contract items that
 * contradict each other or name something the contract lacks. Each such
 * contract either demands what no config.json can give or checks less
 * than its author thinks, so it is an error in the contract, not a
 * finding.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ocicheck/contract.h"
#include "ocicheck/redact.h"
#include "ocicheck/suggest.h"
#include "ocicheck/validate.h"

#include "model.h"

static unsigned
line_of(const struct oc_validator *v, const struct oc_node *n)
{
	return (unsigned)doc_span(v->doc, n).start.line;
}

/* equals pins one value; oneOf or a pattern beside it either says
 * nothing more or rules that value out. */
static void
env_equals(struct oc_validator *v, const struct oc_env_req *e)
{
	int secret = e->secret || redact_name(e->name, strlen(e->name));
	const struct oc_node *one_of = doc_get(v->doc, e->node,
	    CONTRACT_KEY_OF(ENV_ITEM, env_req, one_of));
	struct oc_buf want = { 0 }, list = { 0 };
	size_t i;

	if (e->equals == NULL)
		return;
	redact_show(&want, e->equals, strlen(e->equals), secret);
	for (i = 0; i < e->n_one_of; i++) {
		if (strcmp(e->one_of[i], e->equals) == 0)
			break;
		buf_printf(&list, "%s%s", i ? ", " : "", e->one_of[i]);
	}
	if (one_of != NULL && i < e->n_one_of)
		val_err(v, one_of, 1, "env %s has both 'equals' and 'oneOf'; %s "
		    "is one of them, so drop 'oneOf'", e->name, want.s);
	else if (one_of != NULL)
		val_err(v, one_of, 1, "env %s has both 'equals' and 'oneOf', and "
		    "%s is not one of [%s]: no value can satisfy both; keep one "
		    "of them", e->name, want.s, secret || list.s == NULL ?
		    "..." : list.s);
	if (e->pattern != NULL && !pattern_search(e->pattern, e->equals,
	    strlen(e->equals)))
		val_err(v, doc_get(v->doc, e->node,
		    CONTRACT_KEY_OF(ENV_ITEM, env_req, equals)), 0, "env %s: "
		    "equals %s does not match its own pattern%s%s%s: no value "
		    "can satisfy both; fix one of them", e->name, want.s,
		    secret ? "" : " '", secret ? "" : e->pattern->text,
		    secret ? "" : "'");
	buf_free(&want);
	buf_free(&list);
}

/* A string and where it is in its list. */
struct named {
	const char *s;
	size_t i;
};

static int
cmp_named(const void *pa, const void *pb)
{
	const struct named *a = pa, *b = pb;
	int d = strcmp(a->s, b->s);

	return d != 0 ? d : (a->i > b->i) - (a->i < b->i);
}

/* The n strings at base (each a char * at off in items of size), sorted
 * with ties in list order: duplicates are found in n log n, as a
 * contract of 100 000 items must not take minutes. NULLs are left out;
 * *out gets the count. */
static struct named *
sorted_names(const void *base, size_t n, size_t size, size_t off,
    size_t *out)
{
	struct named *v = xcalloc(n + 1, sizeof(*v));
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		const char *item = (const char *)base + i * size;
		const char *s = *(char *const *)(const void *)(item + off);

		if (s != NULL)
			v[k++] = (struct named){ s, i };
	}
	qsort(v, k, sizeof(*v), cmp_named);
	*out = k;
	return v;
}

/* first[i]: the first item whose string is item i's (i itself if none
 * before it has it); SIZE_MAX for a NULL string. */
static size_t *
first_same(const void *base, size_t n, size_t size, size_t off)
{
	size_t *first = xcalloc(n + 1, sizeof(*first)), i, k;
	struct named *v = sorted_names(base, n, size, off, &k);

	for (i = 0; i < n; i++)
		first[i] = SIZE_MAX;
	for (i = 0; i < k; i++)
		first[v[i].i] = i > 0 && strcmp(v[i].s, v[i - 1].s) == 0 ?
		    first[v[i - 1].i] : v[i].i;
	free(v);
	return first;
}

/* strcmp of a string and the len bytes at s. */
static int
cmp_len(const char *a, const char *s, size_t len)
{
	size_t n = strlen(a);
	int d = memcmp(a, s, n < len ? n : len);

	return d != 0 ? d : (n > len) - (n < len);
}

/* The list index of the first of the k sorted names that is the len
 * bytes at s, or SIZE_MAX. */
static size_t
find_first(const struct named *v, size_t k, const char *s, size_t len)
{
	size_t lo = 0, hi = k;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_len(v[mid].s, s, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k && cmp_len(v[lo].s, s, len) == 0 ? v[lo].i : SIZE_MAX;
}

static void
env_names(struct oc_validator *v, const struct oc_target *t)
{
	size_t *first = first_same(t->env, t->nenv, sizeof(*t->env),
	    offsetof(struct oc_env_req, name));
	size_t *ffirst = first_same(t->forbidden, t->nforbidden,
	    sizeof(char *), 0);
	struct named *req;
	size_t i, j, k;

	for (i = 0; i < t->nenv; i++) {
		env_equals(v, &t->env[i]);
		if ((j = first[i]) != i && j != SIZE_MAX)
			val_err(v, doc_get(v->doc, t->env[i].node,
			    CONTRACT_KEY_OF(ENV_ITEM, env_req, name)), 0,
			    "env %s is required twice in target '%s' (first at "
			    "line %u); merge the two items", t->env[i].name,
			    t->name, line_of(v, t->env[j].node));
	}
	req = sorted_names(t->env, t->nenv, sizeof(*t->env),
	    offsetof(struct oc_env_req, name), &k);
	for (i = 0; i < t->nforbidden; i++) {
		if ((j = find_first(req, k, t->forbidden[i],
		    strlen(t->forbidden[i]))) != SIZE_MAX)
			val_err(v, t->forbidden_nodes[i], 0, "env %s is both "
			    "required (line %u) and forbidden in target '%s': "
			    "no config.json can pass; drop one",
			    t->forbidden[i], line_of(v, t->env[j].node),
			    t->name);
		if (ffirst[i] != i && ffirst[i] != SIZE_MAX)
			val_err(v, t->forbidden_nodes[i], 0, "env %s is forbidden "
			    "twice in target '%s'; drop one", t->forbidden[i],
			    t->name);
	}
	free(req);
	free(first);
	free(ffirst);
}

/* Destinations are stored without trailing slashes, so "/a" and "/a/"
 * compare equal here, as the kernel sees them. */
static void
mount_destinations(struct oc_validator *v, const struct oc_target *t)
{
	size_t *first = first_same(t->mounts, t->nmounts, sizeof(*t->mounts),
	    offsetof(struct oc_mount_req, destination));
	size_t i, j, alen, blen;

	for (i = 0; i < t->nmounts; i++) {
		const struct oc_node *a, *b;
		const char *as, *bs;

		if ((j = first[i]) == i || j == SIZE_MAX)
			continue;
		a = doc_get(v->doc, t->mounts[i].node, CONTRACT_KEY_OF(
		    MOUNT_ITEM, mount_req, destination));
		b = doc_get(v->doc, t->mounts[j].node, CONTRACT_KEY_OF(
		    MOUNT_ITEM, mount_req, destination));
		as = doc_text(v->doc, a, &alen);
		bs = doc_text(v->doc, b, &blen);
		val_err(v, a, 0, "mount destination '%.*s' is required twice in "
		    "target '%s' (first at line %u%s); merge the two items",
		    (int)alen, as, t->name, line_of(v, t->mounts[j].node),
		    alen != blen || memcmp(as, bs, alen) != 0 ?
		    "; a trailing / names the same path" : "");
	}
	free(first);
}

/* The compDef that accounts a and b are both declared for, or NULL
 * when they are for different ones; an empty list means every one. */
static const char *
account_overlap(const struct oc_account *a, const struct oc_account *b)
{
	size_t i, k;

	if (a->ncompdefs == 0)
		return b->ncompdefs ? b->compdefs[0] : "";
	if (b->ncompdefs == 0)
		return a->compdefs[0];
	for (i = 0; i < b->ncompdefs; i++)
		for (k = 0; k < a->ncompdefs; k++)
			if (strcmp(b->compdefs[i], a->compdefs[k]) == 0)
				return b->compdefs[i];
	return NULL;
}

static void
accounts(struct oc_validator *v, const struct oc_contract *c)
{
	size_t k, p, q, g = 0;
	struct named *byname = sorted_names(c->accounts, c->naccounts,
	    sizeof(*c->accounts), offsetof(struct oc_account, name), &k);

	for (p = 0; p < k; p++) {
		const struct oc_account *b = &c->accounts[byname[p].i];
		const struct oc_account *a = NULL;
		const char *d = NULL;

		if (p > 0 && strcmp(byname[p].s, byname[p - 1].s) != 0)
			g = p;	/* the first declaration of this name */
		for (q = g; q < p && d == NULL; q++) {
			a = &c->accounts[byname[q].i];
			d = account_overlap(a, b);
		}
		if (d == NULL)
			continue;
		val_err(v, b->node, 0, "account '%s' is declared twice%s%s%s "
		    "(first at line %u%s); merge the two declarations", b->name,
		    *d ? " for compDef '" : ", both for every compDef", d,
		    *d ? "'" : "", line_of(v, a->node), !*d ? "" :
		    a->ncompdefs == 0 ? ", which has no compDefs and so covers "
		    "every compDef" : b->ncompdefs == 0 ? "; this one has no "
		    "compDefs and so covers every compDef" : "");
	}
	free(byname);
}

/* A consumer that names no target is a reference whose injected env is
 * never checked anywhere. */
static void
consumers(struct oc_validator *v, const struct oc_contract *c)
{
	const char **names = xcalloc(c->ntargets + 1, sizeof(*names));
	struct named *sorted;
	size_t i, k, len, nnames = 0, nsorted;

	for (i = 0; i < c->ntargets; i++)
		if (c->targets[i].name != NULL)
			names[nnames++] = c->targets[i].name;
	sorted = sorted_names(c->targets, c->ntargets, sizeof(*c->targets),
	    offsetof(struct oc_target, name), &nsorted);
	for (i = 0; i < c->nrefs; i++) {
		const struct oc_node *l = doc_get(v->doc, c->refs[i].node,
		    CONTRACT_KEY_OF(REFERENCE, reference, consumers));

		for (k = 0; doc_kind(l) == OC_ARRAY && k < doc_count(l); k++) {
			const struct oc_node *n = doc_at(v->doc, l, k);
			const char *s = doc_text(v->doc, n, &len);
			struct oc_buf hint = { 0 };

			if (doc_kind(n) != OC_STRING || find_first(sorted,
			    nsorted, s, len) != SIZE_MAX)
				continue;
			suggest_append(&hint, s, len, names, nnames,
			    "its targets");
			val_err(v, n, 0, "consumer '%.*s' is not a target of this "
			    "contract%s", (int)len, s, nnames ? hint.s :
			    ": add the target or drop the consumer");
			buf_free(&hint);
		}
	}
	free(sorted);
	free(names);
}

void
contract_coherence_check(struct oc_validator *v,
    const struct oc_contract *c, int overlay)
{
	size_t *first = first_same(c->targets, c->ntargets,
	    sizeof(*c->targets), offsetof(struct oc_target, name));
	size_t i, j;

	for (i = 0; i < c->ntargets; i++) {
		const struct oc_target *t = &c->targets[i];

		if (t->name == NULL)
			continue;	/* already an error */
		env_names(v, t);
		mount_destinations(v, t);
		if ((j = first[i]) != i)
			val_err(v, t->node, 0, "target name '%s' is used twice "
			    "(first at line %u); rename one", t->name,
			    line_of(v, c->targets[j].node));
	}
	free(first);
	accounts(v, c);
	if (!overlay)
		consumers(v, c);
}
