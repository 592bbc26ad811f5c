/* Contract env rules over a config's process.env (ENV001-ENV007). */
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "ocicheck/redact.h"
#include "ocicheck/check.h"

struct env_ent {
	const char *name, *value;
	size_t nlen, vlen;
	size_t index;
	const struct oc_node *node;
};

/* ---- env ---- */

static int
cmp_env(const void *pa, const void *pb)
{
	const struct env_ent *a = pa, *b = pb;
	size_t n = a->nlen < b->nlen ? a->nlen : b->nlen;
	int c = memcmp(a->name, b->name, n);

	if (c != 0)
		return c;
	if (a->nlen != b->nlen)
		return a->nlen < b->nlen ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Parse /process/env into entries sorted by name, then position. */
static size_t
env_read(const struct cc *cc, struct env_ent **out,
    const struct oc_node **list)
{
	const struct oc_node *env = doc_path(cc->doc, cc->ctx->root, "process",
	    "env", NULL);
	struct env_ent *v;
	size_t i, n = 0;

	*list = env;
	*out = NULL;
	if (env == NULL || doc_kind(env) != OC_ARRAY)
		return 0;
	v = xcalloc(doc_count(env) + 1, sizeof(*v));
	for (i = 0; i < doc_count(env); i++) {
		const struct oc_node *e = doc_at(cc->doc, env, i);
		size_t len;
		const char *s = doc_str(cc->doc, e, &len), *eq;

		if (s == NULL || (eq = memchr(s, '=', len)) == NULL)
			continue;
		v[n].name = s;
		v[n].nlen = (size_t)(eq - s);
		v[n].value = eq + 1;
		v[n].vlen = len - v[n].nlen - 1;
		v[n].index = i;
		v[n].node = e;
		n++;
	}
	qsort(v, n, sizeof(*v), cmp_env);
	*out = v;
	return n;
}

/* The last definition of name (the one the runtime uses), or NULL. */
static const struct env_ent *
env_find(const struct env_ent *v, size_t n, const char *name)
{
	struct env_ent key = { .name = name, .nlen = strlen(name),
		.index = SIZE_MAX };
	size_t lo = 0, hi = n;

	/* The first entry ordered after (name, SIZE_MAX); its predecessor
	 * is the last definition of name if there is one. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_env(&v[mid], &key) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || v[lo - 1].nlen != key.nlen ||
	    memcmp(v[lo - 1].name, name, key.nlen) != 0)
		return NULL;
	return &v[lo - 1];
}

static void
show_from(const struct oc_env_req *e, struct oc_buf *b)
{
	/* What the platform does with a source, for the on-call reader. */
	static const struct {
		const char *from, *hint;
	} hints[] = {
		{ "dp.target-account", "KubeBlocks injects it only when the "
		  "BackupPolicyTemplate sets target.account" },
		{ "kb.var.credential", "KubeBlocks fills it from the secret of "
		  "a systemAccount the ComponentDefinition declares" },
		{ "dp.injected", "KubeBlocks data protection sets it for every "
		  "backup and restore job" },
	};
	size_t i;

	buf_add(b, "", 0);
	if (e->from != NULL) {
		buf_printf(b, " (it should come from %s", e->from);
		for (i = 0; i < ARRAY_SIZE(hints); i++)
			if (strstr(e->from, hints[i].from) != NULL) {
				buf_printf(b, "; %s", hints[i].hint);
				break;
			}
	}
	for (i = 0; i < e->ndeclared_at; i++)
		buf_printf(b, "%s%s", i ? ", " : e->from ? "; declared at " :
		    " (declared at ", e->declared_at[i]);
	if (b->len > 0)
		buf_addc(b, ')');
}

/* Where an item came from, for a message: " (contract.yaml:LINE)" and
 * its from:, formatted only once a finding needs them. */
struct item_at {
	struct oc_buf at, from;
};

static void
item_at(const struct cc *cc, const struct oc_env_req *e, struct item_at *w)
{
	cc_where(cc, e->node, &w->at);
	show_from(e, &w->from);
}

static void
env_value_rules(const struct cc *cc, const struct oc_env_req *e,
    const struct env_ent *x, int secret)
{
	struct oc_buf val = { 0 }, want = { 0 };
	struct item_at w = { { 0 }, { 0 } };
	size_t i = 0;
	int short_ = e->min_length >= 0 && x->vlen < (size_t)e->min_length &&
	    x->vlen;
	int unequal = e->equals != NULL && (strlen(e->equals) != x->vlen ||
	    memcmp(e->equals, x->value, x->vlen) != 0);
	int unlisted, unmatched;

	for (; i < e->n_one_of; i++)
		if (strlen(e->one_of[i]) == x->vlen &&
		    memcmp(e->one_of[i], x->value, x->vlen) == 0)
			break;
	unlisted = e->n_one_of > 0 && i == e->n_one_of;
	unmatched = e->pattern != NULL && !pattern_search(e->pattern, x->value,
	    x->vlen);
	if (!short_ && !unequal && !unlisted && !unmatched)
		return;
	item_at(cc, e, &w);
	redact_show(&val, x->value, x->vlen, secret);
	if (short_)
		cc_report(cc, OC_R_ENV007, e->severity, x->node, 0,
		    "env %s is %zu bytes long, shorter than the %ld that %s "
		    "requires%s", e->name, x->vlen, e->min_length, w.at.s,
		    w.from.s);
	if (unequal) {
		redact_show(&want, e->equals, strlen(e->equals), secret);
		cc_report(cc, OC_R_ENV004, e->severity, x->node, 0,
		    "env %s is %s but %s requires %s%s", e->name, val.s, w.at.s,
		    want.s, w.from.s);
	}
	if (unlisted)
		cc_report(cc, OC_R_ENV004, e->severity, x->node, 0,
		    "env %s is %s, not one of the %zu values %s allows%s",
		    e->name, val.s, e->n_one_of, w.at.s, w.from.s);
	if (unmatched)
		cc_report(cc, OC_R_ENV004, e->severity, x->node, 0,
		    "env %s is %s, which does not match %s%s%s from %s%s",
		    e->name, val.s, secret ? "the pattern" : "'",
		    secret ? "" : e->pattern->text, secret ? "" : "'", w.at.s,
		    w.from.s);
	buf_free(&val);
	buf_free(&want);
	buf_free(&w.at);
	buf_free(&w.from);
}

static void
check_required_env(const struct cc *cc, const struct env_ent *v, size_t n,
    const struct oc_node *list)
{
	const struct oc_node *proc = doc_get(cc->doc, cc->ctx->root, "process");
	size_t i;

	for (i = 0; i < cc->t->nenv; i++) {
		const struct oc_env_req *e = &cc->t->env[i];
		const struct env_ent *x = env_find(v, n, e->name);
		int secret = e->secret || redact_name(e->name, strlen(e->name));
		struct item_at w = { { 0 }, { 0 } };

		if (x != NULL && (x->vlen > 0 ||
		    (!e->non_empty && e->min_length <= 0))) {
			env_value_rules(cc, e, x, secret);
			continue;
		}
		item_at(cc, e, &w);
		if (x == NULL)
			cc_report(cc, OC_R_ENV001, e->severity, list ? list : proc, 1,
			    "env %s is missing but %s requires it%s: the "
			    "process starts without it", e->name, w.at.s,
			    w.from.s);
		else
			cc_report(cc, OC_R_ENV002, e->severity, x->node, 0,
			    "env %s is empty but %s requires a value%s", e->name,
			    w.at.s, w.from.s);
		buf_free(&w.at);
		buf_free(&w.from);
	}
}

static int
env_required(const struct oc_target *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nenv; i++)
		if (strcmp(t->env[i].name, name) == 0)
			return 1;
	return 0;
}

static int
is_consumer(const struct oc_reference *r, const char *target)
{
	size_t i;

	for (i = 0; i < r->nconsumers; i++)
		if (strcmp(r->consumers[i], target) == 0)
			return 1;
	return 0;
}

/* The env a reference injects (DP_DB_USER, DP_DB_PASSWORD) must reach
 * the targets it names as consumers; KubeBlocks sets none of it when
 * the BackupPolicyTemplate lacks target.account. */
static void
check_injected_env(const struct cc *cc, const struct env_ent *v, size_t n,
    const struct oc_node *list)
{
	const struct oc_node *proc = doc_get(cc->doc, cc->ctx->root, "process");
	size_t i, k;

	for (i = 0; i < cc->c->nrefs; i++) {
		const struct oc_reference *r = &cc->c->refs[i];
		struct oc_buf at = { 0 };

		if (r->doc != NULL || !is_consumer(r, cc->t->name))
			continue;
		cc_where(cc, r->node, &at);
		for (k = 0; k < r->ninjects; k++) {
			const struct env_ent *x = env_find(v, n, r->injects[k]);

			if (env_required(cc->t, r->injects[k]))
				continue;	/* the target's own item says it */
			if (x == NULL)
				cc_report(cc, OC_R_ENV001, r->severity, list ? list : proc,
				    1, "env %s is missing but the reference to "
				    "account '%s' (%s%s%s) injects it into target "
				    "'%s': the job runs without credentials",
				    r->injects[k], r->account, at.s,
				    r->from ? "; from " : "", r->from ? r->from : "",
				    cc->t->name);
			else if (x->vlen == 0)
				cc_report(cc, OC_R_ENV002, r->severity, x->node, 0,
				    "env %s is empty but the reference to account "
				    "'%s' (%s%s%s) injects a value", r->injects[k],
				    r->account, at.s, r->from ? "; from " : "",
				    r->from ? r->from : "");
		}
		buf_free(&at);
	}
}

/* $(NAME) that Kubernetes left literal; $$(NAME) is an escaped literal. */
static int
unresolved_ref(const char *s, size_t n, size_t *at, size_t *len)
{
	size_t i, k;

	for (i = 0; i + 3 < n; i++) {
		if (s[i] == '$' && s[i + 1] == '$') {
			i++;
			continue;
		}
		if (s[i] != '$' || s[i + 1] != '(')
			continue;
		for (k = i + 2; k < n && (s[k] == '_' ||
		    (s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z') ||
		    (k > i + 2 && s[k] >= '0' && s[k] <= '9')); k++)
			;
		if (k > i + 2 && k < n && s[k] == ')') {
			*at = i;
			*len = k + 1 - i;
			return 1;
		}
	}
	return 0;
}

/* Does the contract expect this very value? Then a $(NAME) in it is
 * text the chart wrote as $$(NAME), which Kubernetes unescapes. */
static int
value_expected(const struct oc_target *t, const struct env_ent *x)
{
	size_t i, k;

	for (i = 0; i < t->nenv; i++) {
		const struct oc_env_req *e = &t->env[i];

		if (strlen(e->name) != x->nlen ||
		    memcmp(e->name, x->name, x->nlen) != 0)
			continue;
		if (e->equals != NULL && strlen(e->equals) == x->vlen &&
		    memcmp(e->equals, x->value, x->vlen) == 0)
			return 1;
		for (k = 0; k < e->n_one_of; k++)
			if (strlen(e->one_of[k]) == x->vlen &&
			    memcmp(e->one_of[k], x->value, x->vlen) == 0)
				return 1;
	}
	return 0;
}

void
cc_check_env(const struct cc *cc)
{
	const struct oc_target *t = cc->t;
	const struct oc_node *list;
	struct env_ent *v;
	size_t n = env_read(cc, &v, &list), i;
	struct oc_buf tat = { 0 }, uat = { 0 };

	check_required_env(cc, v, n, list);
	check_injected_env(cc, v, n, list);
	for (i = 0; i < t->nforbidden; i++) {
		const struct env_ent *x = env_find(v, n, t->forbidden[i]);
		struct oc_buf at = { 0 };

		if (x == NULL)
			continue;
		cc_where(cc, t->forbidden_nodes[i], &at);
		cc_report(cc, OC_R_ENV006, OC_ITEM_DEFAULT, x->node, 0,
		    "env %s is set but %s forbids it", t->forbidden[i], at.s);
		buf_free(&at);
	}
	for (i = 0; i + 1 < n; i++) {
		if (v[i].nlen != v[i + 1].nlen ||
		    memcmp(v[i].name, v[i + 1].name, v[i].nlen) != 0)
			continue;
		if (tat.len == 0)
			cc_where(cc, t->node, &tat);
		cc_report(cc, OC_R_ENV005, OC_ITEM_DEFAULT, v[i + 1].node, 0,
		    "env %.*s is defined more than once (also /process/env/%zu); "
		    "the runtime uses the last one (target at %s)", (int)v[i].nlen,
		    v[i].name, v[i].index, tat.s);
	}
	for (i = 0; t->unresolved != OC_ITEM_IGNORE && i < n; i++) {
		size_t at, len;

		if (!unresolved_ref(v[i].value, v[i].vlen, &at, &len) ||
		    value_expected(t, &v[i]))
			continue;
		if (uat.len == 0)
			cc_where(cc, t->unresolved_node ? t->unresolved_node :
			    t->node, &uat);
		cc_report(cc, OC_R_ENV003, t->unresolved, v[i].node, 0,
		    "env %.*s holds the literal %.*s: Kubernetes leaves a "
		    "reference to an undefined variable unexpanded, so the "
		    "process sees the text, not a value (%s)", (int)v[i].nlen,
		    v[i].name, (int)len, v[i].value + at, uat.s);
	}
	buf_free(&tat);
	buf_free(&uat);
	free(v);
}

