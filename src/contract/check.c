/*
 * A config.json against a contract's targets: env, mounts, cgroup limits
 * and uid, each finding placed where config.json shows the evidence and
 * naming the contract line that demanded it.
 */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/contract.h"
#include "ocicheck/redact.h"
#include "ocicheck/spec.h"

/* Mounts every Kubernetes runtime adds; they nest by design. */
static const char *const runtime_mounts[] = {
	"/proc", "/dev", "/dev/pts", "/dev/mqueue", "/dev/shm", "/sys",
	"/sys/fs/cgroup", "/etc/hosts", "/etc/hostname", "/etc/resolv.conf",
	"/dev/termination-log", "/var/run/secrets/kubernetes.io/serviceaccount",
	"/run/secrets/kubernetes.io/serviceaccount",
};

struct cc {
	const struct oc_contract *c;
	const struct oc_target *t;
	struct oc_check_ctx *ctx;
	const struct oc_doc *doc;
};

struct env_ent {
	const char *name, *value;
	size_t nlen, vlen;
	size_t index;
	const struct oc_node *node;
};

struct mount_ent {
	const struct oc_node *node;
	const char *dest;
	size_t dlen;
	enum oc_mount_type type;
	int ro;
	int64_t tmpfs_size;	/* from a size= option, -1 if none */
};

/* "contract.yaml:LINE" for the item n of the contract. */
static void
where(const struct cc *cc, const struct oc_node *n, struct oc_buf *b)
{
	buf_printf(b, "%s:%zu", cc->c->src->path,
	    source_line(cc->c->src, n->start));
}

/* The severity a finding gets: the item's, else the contract's default
 * for rules that default to error, else the rule table's. */
static int
severity(const struct cc *cc, const char *id, int item)
{
	const struct oc_rule *r = rules_find(id);

	if (item >= 0)
		return item;
	if (r != NULL && r->severity == OC_SEV_ERROR &&
	    cc->c->default_severity >= 0)
		return cc->c->default_severity;
	return -1;
}

static void
report(const struct cc *cc, const char *id, int item_sev,
    const struct oc_node *n, int key, const char *fmt, ...) OC_PRINTF(6, 7);

static void
report(const struct cc *cc, const char *id, int item_sev,
    const struct oc_node *n, int key, const char *fmt, ...)
{
	struct oc_buf ptr = { 0 };
	struct oc_span sp;
	va_list ap;

	if (n == NULL)
		n = cc->ctx->root;
	doc_pointer(cc->doc, n, &ptr);
	if (key && doc_key_text(cc->doc, n, &(size_t){ 0 }) != NULL)
		sp = doc_key_span(cc->doc, n);
	else if (key)
		sp = source_span(cc->doc->src, n->start, n->start + 1);
	else
		sp = doc_span(cc->doc, n);
	va_start(ap, fmt);
	findings_add_sevv(cc->ctx->out, id, severity(cc, id, item_sev), sp,
	    ptr.s, fmt, ap);
	va_end(ap);
	buf_free(&ptr);
}

/* ---- matching ---- */

static const char *
annotation(const struct oc_check_ctx *ctx, const char *const *keys,
    size_t n, size_t *len)
{
	const struct oc_node *a = doc_get(ctx->doc, ctx->root, "annotations");
	size_t i;

	for (i = 0; i < n; i++) {
		const char *s = spec_str(ctx->doc, doc_get(ctx->doc, a, keys[i]),
		    len);

		if (s != NULL)
			return s;
	}
	return NULL;
}

struct cri {
	const char *container, *sandbox, *image;
	size_t clen, slen, ilen;
	int pause;		/* the pod's sandbox (pause) container */
};

/*
 * CRI-O names a container k8s_<container>_<pod>_<namespace>_<uid>_<n>
 * (and its sandbox k8s_POD_<pod>_...); neither part may hold '_'. Field
 * i of such a name, or the whole value when it is not one.
 */
static const char *
k8s_name_field(const char *s, size_t *len, int field)
{
	const char *p, *end;
	int i;

	if (s == NULL || *len < 4 || memcmp(s, "k8s_", 4) != 0)
		return s;
	end = s + *len;
	for (p = s, i = 0; i < field; i++) {
		p = memchr(p, '_', (size_t)(end - p));
		if (p == NULL)
			return s;
		p++;
	}
	s = p;
	p = memchr(s, '_', (size_t)(end - s));
	*len = (size_t)((p != NULL ? p : end) - s);
	return s;
}

static void
cri_read(const struct oc_check_ctx *ctx, struct cri *c)
{
	/* containerd's own names; the kubelet's labels, which CRI-O puts
	 * in the spec; CRI-O's own, whose values are k8s_ names. */
	static const char *const container[] = {
		"io.kubernetes.cri.container-name",
		"io.kubernetes.container.name",
		"io.kubernetes.cri-o.ContainerName",
		"io.kubernetes.cri-o.Name",
	};
	static const char *const sandbox[] = {
		"io.kubernetes.cri.sandbox-name",
		"io.kubernetes.pod.name",
		"io.kubernetes.cri-o.SandboxName",
		"io.kubernetes.cri-o.Name",
	};
	static const char *const image[] = {
		"io.kubernetes.cri.image-name",
		"io.kubernetes.cri-o.ImageName",
	};
	static const char *const type[] = {
		"io.kubernetes.cri.container-type",
		"io.kubernetes.cri-o.ContainerType",
	};
	const char *t;
	size_t tlen;

	c->container = annotation(ctx, container, ARRAY_SIZE(container),
	    &c->clen);
	c->container = k8s_name_field(c->container, &c->clen, 1);
	c->sandbox = annotation(ctx, sandbox, ARRAY_SIZE(sandbox), &c->slen);
	c->sandbox = k8s_name_field(c->sandbox, &c->slen, 2);
	c->image = annotation(ctx, image, ARRAY_SIZE(image), &c->ilen);
	t = annotation(ctx, type, ARRAY_SIZE(type), &tlen);
	c->pause = t != NULL && tlen == 7 && memcmp(t, "sandbox", 7) == 0;
}

static int
target_matches(const struct oc_contract *k, const struct oc_target *t,
    const struct cri *cri)
{
	int has_cri = cri->container || cri->sandbox || cri->image;
	int has_match = t->match_container || t->match_sandbox ||
	    t->match_image;

	if (!has_match || !has_cri)
		return k->ntargets == 1;
	if (t->match_container != NULL && (cri->container == NULL ||
	    strlen(t->match_container) != cri->clen ||
	    memcmp(t->match_container, cri->container, cri->clen) != 0))
		return 0;
	if (t->match_sandbox != NULL && (cri->sandbox == NULL ||
	    !pattern_search(t->match_sandbox, cri->sandbox, cri->slen)))
		return 0;
	if (t->match_image != NULL && (cri->image == NULL ||
	    !pattern_search(t->match_image, cri->image, cri->ilen)))
		return 0;
	return 1;
}

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
	const struct oc_node *env = spec_path(cc->doc, cc->ctx->root, "process",
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
		const char *s = spec_str(cc->doc, e, &len), *eq;

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

static void
env_value_rules(const struct cc *cc, const struct oc_env_req *e,
    const struct env_ent *x, int secret, const char *at, const char *from)
{
	struct oc_buf val = { 0 }, want = { 0 };
	size_t i;

	redact_show(&val, x->value, x->vlen, secret);
	if (e->min_length >= 0 && x->vlen < (size_t)e->min_length && x->vlen)
		report(cc, "ENV007", e->severity, x->node, 0,
		    "env %s is %zu bytes long, shorter than the %ld that %s "
		    "requires%s", e->name, x->vlen, e->min_length, at, from);
	if (e->equals != NULL && (strlen(e->equals) != x->vlen ||
	    memcmp(e->equals, x->value, x->vlen) != 0)) {
		redact_show(&want, e->equals, strlen(e->equals), secret);
		report(cc, "ENV004", e->severity, x->node, 0,
		    "env %s is %s but %s requires %s%s", e->name, val.s, at,
		    want.s, from);
	}
	if (e->n_one_of > 0) {
		for (i = 0; i < e->n_one_of; i++)
			if (strlen(e->one_of[i]) == x->vlen &&
			    memcmp(e->one_of[i], x->value, x->vlen) == 0)
				break;
		if (i == e->n_one_of)
			report(cc, "ENV004", e->severity, x->node, 0,
			    "env %s is %s, not one of the %zu values %s allows%s",
			    e->name, val.s, e->n_one_of, at, from);
	}
	if (e->pattern != NULL && !pattern_search(e->pattern, x->value,
	    x->vlen))
		report(cc, "ENV004", e->severity, x->node, 0,
		    "env %s is %s, which does not match %s%s%s from %s%s",
		    e->name, val.s, secret ? "the pattern" : "'",
		    secret ? "" : e->pattern->text, secret ? "" : "'", at, from);
	buf_free(&val);
	buf_free(&want);
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
		struct oc_buf at = { 0 }, from = { 0 };

		where(cc, e->node, &at);
		show_from(e, &from);
		if (x == NULL)
			report(cc, "ENV001", e->severity, list ? list : proc, 1,
			    "env %s is missing but %s requires it%s: the "
			    "process starts without it", e->name, at.s, from.s);
		else if (x->vlen == 0 && (e->non_empty || e->min_length > 0))
			report(cc, "ENV002", e->severity, x->node, 0,
			    "env %s is empty but %s requires a value%s", e->name,
			    at.s, from.s);
		else
			env_value_rules(cc, e, x, secret, at.s, from.s);
		buf_free(&at);
		buf_free(&from);
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
		where(cc, r->node, &at);
		for (k = 0; k < r->ninjects; k++) {
			const struct env_ent *x = env_find(v, n, r->injects[k]);

			if (env_required(cc->t, r->injects[k]))
				continue;	/* the target's own item says it */
			if (x == NULL)
				report(cc, "ENV001", r->severity, list ? list : proc,
				    1, "env %s is missing but the reference to "
				    "account '%s' (%s%s%s) injects it into target "
				    "'%s': the job runs without credentials",
				    r->injects[k], r->account, at.s,
				    r->from ? "; from " : "", r->from ? r->from : "",
				    cc->t->name);
			else if (x->vlen == 0)
				report(cc, "ENV002", r->severity, x->node, 0,
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

static void
check_env(const struct cc *cc)
{
	const struct oc_target *t = cc->t;
	const struct oc_node *list;
	struct env_ent *v;
	size_t n = env_read(cc, &v, &list), i;
	struct oc_buf tat = { 0 }, uat = { 0 };

	where(cc, t->node, &tat);
	where(cc, t->unresolved_node ? t->unresolved_node : t->node, &uat);
	check_required_env(cc, v, n, list);
	check_injected_env(cc, v, n, list);
	for (i = 0; i < t->nforbidden; i++) {
		const struct env_ent *x = env_find(v, n, t->forbidden[i]);
		struct oc_buf at = { 0 };

		if (x == NULL)
			continue;
		where(cc, t->forbidden_nodes[i], &at);
		report(cc, "ENV006", OC_ITEM_DEFAULT, x->node, 0,
		    "env %s is set but %s forbids it", t->forbidden[i], at.s);
		buf_free(&at);
	}
	for (i = 0; i + 1 < n; i++) {
		if (v[i].nlen != v[i + 1].nlen ||
		    memcmp(v[i].name, v[i + 1].name, v[i].nlen) != 0)
			continue;
		report(cc, "ENV005", OC_ITEM_DEFAULT, v[i + 1].node, 0,
		    "env %.*s is defined more than once (also /process/env/%zu); "
		    "the runtime uses the last one (target at %s)", (int)v[i].nlen,
		    v[i].name, v[i].index, tat.s);
	}
	for (i = 0; t->unresolved != OC_ITEM_IGNORE && i < n; i++) {
		size_t at, len;

		if (!unresolved_ref(v[i].value, v[i].vlen, &at, &len) ||
		    value_expected(t, &v[i]))
			continue;
		report(cc, "ENV003", t->unresolved, v[i].node, 0,
		    "env %.*s holds the literal %.*s: Kubernetes leaves a "
		    "reference to an undefined variable unexpanded, so the "
		    "process sees the text, not a value (%s)", (int)v[i].nlen,
		    v[i].name, (int)len, v[i].value + at, uat.s);
	}
	buf_free(&tat);
	buf_free(&uat);
	free(v);
}

/* ---- mounts ---- */

static int
has_option(const struct oc_doc *doc, const struct oc_node *opts,
    const char *want, const char **val, size_t *vlen)
{
	size_t i, wl = strlen(want), len;

	for (i = 0; i < doc_count(opts); i++) {
		const char *s = spec_str(doc, doc_at(doc, opts, i), &len);

		if (s == NULL)
			continue;
		if (val == NULL && len == wl && memcmp(s, want, wl) == 0)
			return 1;
		if (val != NULL && len > wl && memcmp(s, want, wl) == 0) {
			*val = s + wl;
			*vlen = len - wl;
			return 1;
		}
	}
	return 0;
}

/* A size as the kernel's memparse() reads it, for tmpfs's size= and
 * cgroup v2 memory.max: an integer (0x hex and 0 octal too) and an
 * optional K, M, G, T, P or E, all powers of 1024. Nothing may follow,
 * so "1Gi" and "1.5G" are EINVAL; -1 for those and for overflow. */
static int64_t
kernel_memparse(const char *s, size_t n)
{
	static const char units[] = "kmgtpe";
	unsigned base = 10, d;
	uint64_t v = 0;
	size_t i = 0, digits;
	const char *u;

	if (n > 2 && s[0] == '0' && (s[1] | 0x20) == 'x') {
		base = 16;
		i = 2;
	} else if (n > 1 && s[0] == '0') {
		base = 8;
	}
	for (digits = 0; i < n; i++, digits++) {
		char c = (char)(s[i] | 0x20);

		if (s[i] >= '0' && s[i] <= '9')
			d = (unsigned)(s[i] - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else
			break;
		if (d >= base || v > ((uint64_t)INT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	if (digits == 0)
		return -1;
	if (i + 1 == n && (u = memchr(units, s[i] | 0x20, 6)) != NULL) {
		int shift = 10 * (int)(u - units + 1);

		if (v > ((uint64_t)INT64_MAX >> shift))
			return -1;
		v <<= shift;
	} else if (i != n) {
		return -1;
	}
	return (int64_t)v;
}

static size_t
mounts_read(const struct cc *cc, struct mount_ent **out)
{
	const struct oc_node *ms = doc_get(cc->doc, cc->ctx->root, "mounts");
	struct mount_ent *v;
	size_t i, n = 0;

	*out = NULL;
	if (ms == NULL || doc_kind(ms) != OC_ARRAY)
		return 0;
	v = xcalloc(doc_count(ms) + 1, sizeof(*v));
	for (i = 0; i < doc_count(ms); i++) {
		const struct oc_node *m = doc_at(cc->doc, ms, i), *opts;
		size_t slen = 0, tlen = 0, vlen;
		const char *src, *type, *sz;

		v[n].dest = spec_str(cc->doc, doc_get(cc->doc, m, "destination"),
		    &v[n].dlen);
		if (v[n].dest == NULL)
			continue;
		while (v[n].dlen > 1 && v[n].dest[v[n].dlen - 1] == '/')
			v[n].dlen--;
		src = spec_str(cc->doc, doc_get(cc->doc, m, "source"), &slen);
		type = spec_str(cc->doc, doc_get(cc->doc, m, "type"), &tlen);
		opts = doc_get(cc->doc, m, "options");
		if (opts != NULL && doc_kind(opts) != OC_ARRAY)
			opts = NULL;
		v[n].node = m;
		v[n].ro = opts && has_option(cc->doc, opts, "ro", NULL, NULL);
		v[n].type = mount_type_of(src ? src : "", slen, type ? type : "",
		    tlen, opts && (has_option(cc->doc, opts, "bind", NULL, NULL) ||
		    has_option(cc->doc, opts, "rbind", NULL, NULL)));
		v[n].tmpfs_size = -1;
		if (opts && has_option(cc->doc, opts, "size=", &sz, &vlen))
			v[n].tmpfs_size = kernel_memparse(sz, vlen);
		n++;
	}
	*out = v;
	return n;
}

static int
dest_eq(const struct mount_ent *m, const char *d)
{
	return strlen(d) == m->dlen && memcmp(m->dest, d, m->dlen) == 0;
}

static void
human_bytes(int64_t v, struct oc_buf *b)
{
	static const char *const units[] = { "Ei", "Pi", "Ti", "Gi", "Mi",
		"Ki" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(units); i++) {
		int64_t u = (int64_t)1 << (10 * (6 - i));

		if (v >= u && v % u == 0) {
			buf_printf(b, "%lld%s", (long long)(v / u), units[i]);
			return;
		}
	}
	buf_printf(b, "%lld bytes", (long long)v);
}

static const char *
lost_what(enum oc_mount_type t)
{
	switch (t) {
	case OC_MT_PVC:
		return "data is written to the container's writable layer and "
		    "lost when it is recreated";
	case OC_MT_CONFIGMAP:
	case OC_MT_SECRET:
	case OC_MT_PROJECTED:
	case OC_MT_DOWNWARDAPI:
		return "the files the process expects there are absent";
	case OC_MT_TMPFS:
	case OC_MT_SANDBOX_SHM:
		return "the process gets the runtime's default instead";
	default:
		return "the process does not find the volume it expects";
	}
}

static void
check_required_mounts(const struct cc *cc, const struct mount_ent *v,
    size_t n)
{
	const struct oc_node *ms = doc_get(cc->doc, cc->ctx->root, "mounts");
	size_t i, k;

	for (i = 0; i < cc->t->nmounts; i++) {
		const struct oc_mount_req *r = &cc->t->mounts[i];
		const struct mount_ent *m = NULL;
		struct oc_buf at = { 0 };

		/* the last mount at a destination is the one in effect */
		for (k = n; k-- > 0;)
			if (dest_eq(&v[k], r->destination)) {
				m = &v[k];
				break;
			}
		where(cc, r->node, &at);
		if (m == NULL) {
			report(cc, "MNT001", r->severity, ms, 1,
			    "mount %s%s%s%s%s is missing but %s requires it: %s",
			    r->destination, r->volume ? " (volume " : "",
			    r->volume ? r->volume : "", r->volume ? ")" : "",
			    r->type != OC_MT_ANY ? "" : "", at.s,
			    lost_what(r->type));
			buf_free(&at);
			continue;
		}
		if (r->access == OC_ACCESS_RW && m->ro)
			report(cc, "MNT002", r->severity, m->node, 0,
			    "mount %s is read-only but %s requires rw: writes "
			    "fail with EROFS (read-only file system)",
			    r->destination, at.s);
		else if (r->access == OC_ACCESS_RO && !m->ro)
			report(cc, "MNT002", r->severity, m->node, 0,
			    "mount %s is writable but %s requires ro",
			    r->destination, at.s);
		if (r->type == OC_MT_TMPFS && (m->type == OC_MT_EMPTYDIR ||
		    m->type == OC_MT_SANDBOX_SHM))
			report(cc, "MNT005", cc->c->unverifiable, m->node, 0,
			    "mount %s is backed by %s: whether it is memory-backed%s "
			    "cannot be seen in config.json (%s requires tmpfs)",
			    r->destination, mount_type_name(m->type),
			    r->size_min >= 0 ? " and large enough" : "", at.s);
		else if (r->type != OC_MT_ANY && m->type == OC_MT_SUBPATH)
			report(cc, "MNT005", cc->c->unverifiable, m->node, 0,
			    "mount %s is a subPath (its source is under the "
			    "kubelet's volume-subpaths): the kind of volume behind "
			    "it cannot be seen in config.json (%s requires %s)",
			    r->destination, at.s, mount_type_name(r->type));
		else if (r->type != OC_MT_ANY && r->type != m->type &&
		    !(r->type == OC_MT_PVC && m->type == OC_MT_BIND))
			report(cc, "MNT003", r->severity, m->node, 0,
			    "mount %s is backed by %s (judged from its source "
			    "and type) but %s requires %s", r->destination,
			    mount_type_name(m->type), at.s,
			    mount_type_name(r->type));
		else if (r->type == OC_MT_TMPFS && r->size_min >= 0 &&
		    m->tmpfs_size < 0)
			report(cc, "MNT005", cc->c->unverifiable, m->node, 0,
			    "mount %s has no size= option: its size is the "
			    "kernel default (half of RAM), which config.json does "
			    "not show (%s requires at least %lld bytes)",
			    r->destination, at.s, (long long)r->size_min);
		else if (r->type == OC_MT_TMPFS && r->size_min >= 0 &&
		    m->tmpfs_size < r->size_min) {
			struct oc_buf have = { 0 }, want = { 0 };

			human_bytes(m->tmpfs_size, &have);
			human_bytes(r->size_min, &want);
			report(cc, "MNT003", r->severity, m->node, 0,
			    "tmpfs %s holds %s but %s requires at least %s: it "
			    "fills up and writes fail with ENOSPC", r->destination,
			    have.s, at.s, want.s);
			buf_free(&have);
			buf_free(&want);
		}
		buf_free(&at);
	}
}

static int
is_runtime_mount(const struct mount_ent *m)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(runtime_mounts); i++)
		if (dest_eq(m, runtime_mounts[i]))
			return 1;
	return 0;
}

static int
nest_allowed(const struct oc_target *t, const struct mount_ent *outer,
    const struct mount_ent *inner)
{
	size_t i;

	for (i = 0; i + 1 < t->nallow_nested; i += 2)
		if (dest_eq(outer, t->allow_nested[i]) &&
		    dest_eq(inner, t->allow_nested[i + 1]))
			return 1;
	return 0;
}

static int
cmp_dest(const void *pa, const void *pb)
{
	const struct mount_ent *a = *(const struct mount_ent *const *)pa;
	const struct mount_ent *b = *(const struct mount_ent *const *)pb;
	size_t n = a->dlen < b->dlen ? a->dlen : b->dlen;
	int c = memcmp(a->dest, b->dest, n);

	if (c != 0)
		return c;
	if (a->dlen != b->dlen)
		return a->dlen < b->dlen ? -1 : 1;
	return a->node < b->node ? -1 : a->node > b->node;
}

static int
is_under(const struct mount_ent *outer, const struct mount_ent *inner)
{
	return inner->dlen > outer->dlen &&
	    memcmp(inner->dest, outer->dest, outer->dlen) == 0 &&
	    (inner->dest[outer->dlen] == '/' || outer->dlen == 1);
}

/* Duplicates and nesting in one sorted pass: a stack of the open
 * ancestors keeps it linear for any number of mounts. */
static void
check_mount_layout(const struct cc *cc, struct mount_ent *v, size_t n)
{
	const struct oc_target *t = cc->t;
	struct mount_ent **s = xcalloc(n + 1, sizeof(*s));
	struct mount_ent **stack = xcalloc(n + 1, sizeof(*stack));
	struct oc_buf at = { 0 };
	size_t i, depth = 0;

	where(cc, t->mount_rules_node ? t->mount_rules_node : t->node, &at);
	for (i = 0; i < n; i++)
		s[i] = &v[i];
	qsort(s, n, sizeof(*s), cmp_dest);
	for (i = 0; i < n; i++) {
		struct mount_ent *m = s[i];

		if (i > 0 && s[i - 1]->dlen == m->dlen &&
		    memcmp(s[i - 1]->dest, m->dest, m->dlen) == 0) {
			if (t->dup_dest != OC_ITEM_IGNORE)
				report(cc, "MNT004", t->dup_dest, m->node, 0,
				    "destination %.*s is mounted twice (also "
				    "/mounts/%zu): the later mount hides the "
				    "earlier (%s)", (int)m->dlen, m->dest,
				    doc_index(cc->doc, s[i - 1]->node), at.s);
			continue;
		}
		while (depth > 0 && !is_under(stack[depth - 1], m))
			depth--;
		if (depth > 0 && t->nested != OC_ITEM_IGNORE &&
		    !is_runtime_mount(stack[depth - 1]) &&
		    !nest_allowed(t, stack[depth - 1], m))
			report(cc, "MNT004", t->nested, m->node, 0,
			    "mount %.*s is nested inside mount %.*s (/mounts/%zu)"
			    "%s; list it in allowNested at %s if intended",
			    (int)m->dlen, m->dest, (int)stack[depth - 1]->dlen,
			    stack[depth - 1]->dest,
			    doc_index(cc->doc, stack[depth - 1]->node),
			    m->node < stack[depth - 1]->node ?
			    ": mounted first, it is hidden by the outer mount" :
			    "", at.s);
		stack[depth++] = m;
	}
	buf_free(&at);
	free(stack);
	free(s);
}

/* ---- resources ---- */

/* The memory limit in bytes: 0 when unlimited, -1 when unreadable. */
static int64_t
memory_limit(const struct cc *cc, const struct oc_node **node)
{
	const struct oc_node *res = spec_path(cc->doc, cc->ctx->root, "linux",
	    "resources", NULL);
	const struct oc_node *lim = spec_path(cc->doc, res, "memory", "limit",
	    NULL);
	const struct oc_node *max = spec_path(cc->doc, res, "unified",
	    "memory.max", NULL);
	int64_t v;
	size_t len;
	const char *s;

	*node = res;
	if (lim != NULL && spec_i64(cc->doc, lim, &v) == 0) {
		*node = lim;
		return v > 0 ? v : 0;
	}
	if ((s = spec_str(cc->doc, max, &len)) != NULL) {
		*node = max;
		if (len == 3 && memcmp(s, "max", 3) == 0)
			return 0;
		/* runc and crun write it as is; the kernel parses it */
		v = kernel_memparse(s, len);
		return v > 0 ? v : v == 0 ? 0 : -1;
	}
	return 0;
}

static void
check_memory(const struct cc *cc, const struct mount_ent *v, size_t n)
{
	const struct oc_target *t = cc->t;
	const struct oc_node *node;
	int64_t lim = memory_limit(cc, &node), tmpfs = 0;
	struct oc_buf at = { 0 }, a = { 0 }, b = { 0 };
	size_t i, k;

	if (t->memory_node == NULL)
		return;
	where(cc, t->memory_node, &at);
	if (lim < 0) {
		size_t len;
		const char *s = spec_str(cc->doc, node, &len);

		if (s != NULL)
			buf_add_display(&a, s, len, 64);
		report(cc, "RES001", t->mem_severity, node, 0,
		    "memory.max '%s' is not a limit the kernel reads (an "
		    "integer with an optional K, M, G, T, P or E, powers of "
		    "1024; no Gi, no fractions): writing it fails with EINVAL "
		    "and the container does not start (%s)", a.s ? a.s : "",
		    at.s);
		buf_free(&at);
		buf_free(&a);
		return;
	}
	if (lim == 0) {
		/* minLimit alone bounds a limit if there is one: sidecars
		 * run unlimited by design (kubeblocks#9418), as with cpu */
		if (t->mem_require_limit)
			report(cc, "RES001", t->mem_severity, node, node ==
			    cc->ctx->root || doc_kind(node) == OC_OBJECT,
			    "no memory limit but %s requires one: the container "
			    "can take the node's memory until the kernel OOM "
			    "killer picks a victim", at.s);
		else if (t->mem_max >= 0) {
			human_bytes(t->mem_max, &b);
			report(cc, "RES006", t->mem_severity, node, node ==
			    cc->ctx->root || doc_kind(node) == OC_OBJECT,
			    "no memory limit, so the container may use more than "
			    "the %s maximum of %s", b.s, at.s);
		}
		buf_free(&at);
		buf_free(&b);
		return;
	}
	human_bytes(lim, &a);
	if (t->mem_min >= 0 && lim < t->mem_min) {
		human_bytes(t->mem_min, &b);
		report(cc, "RES002", t->mem_severity, node, 0,
		    "memory limit %s is below the %s the workload needs (%s): "
		    "expect OOM kill (exit 137)", a.s, b.s, at.s);
	}
	if (t->mem_max >= 0 && lim > t->mem_max) {
		b.len = 0;
		human_bytes(t->mem_max, &b);
		report(cc, "RES006", t->mem_severity, node, 0,
		    "memory limit %s is above the %s maximum of %s", a.s, b.s,
		    at.s);
	}
	if (t->tmpfs_headroom >= 0) {
		/* memory-backed mounts count against the cgroup: their size
		 * if config.json shows it, else what the contract requires */
		for (i = 0; i < n; i++) {
			int64_t sz = v[i].tmpfs_size;

			/* the runtime's own /dev tmpfs holds device nodes */
			if ((v[i].type != OC_MT_TMPFS &&
			    v[i].type != OC_MT_EMPTYDIR) || (is_runtime_mount(&v[i])
			    && !dest_eq(&v[i], "/dev/shm")))
				continue;
			for (k = 0; sz < 0 && k < t->nmounts; k++)
				if (t->mounts[k].type == OC_MT_TMPFS &&
				    dest_eq(&v[i], t->mounts[k].destination))
					sz = t->mounts[k].size_min;
			if (sz > 0)
				tmpfs += sz;
		}
		if (lim - tmpfs < t->tmpfs_headroom) {
			b.len = 0;
			human_bytes(tmpfs, &b);
			report(cc, "RES003", t->mem_severity, node, 0,
			    "memory limit %s minus %s of memory-backed tmpfs "
			    "leaves less than the headroom %s requires: a full "
			    "tmpfs starves the process (OOM kill, exit 137)",
			    a.s, b.s, at.s);
		}
	}
	buf_free(&at);
	buf_free(&a);
	buf_free(&b);
}

static void
check_cpu(const struct cc *cc)
{
	const struct oc_target *t = cc->t;
	const struct oc_node *cpu = spec_path(cc->doc, cc->ctx->root, "linux",
	    "resources", "cpu", NULL);
	const struct oc_node *qn = doc_get(cc->doc, cpu, "quota");
	const struct oc_node *pn = doc_get(cc->doc, cpu, "period");
	int64_t quota = -1;
	uint64_t period = 100000;
	struct oc_buf at = { 0 };

	if (t->cpu_node == NULL)
		return;
	where(cc, t->cpu_node, &at);
	if (qn != NULL && spec_i64(cc->doc, qn, &quota) < 0)
		quota = -1;
	if (pn != NULL && spec_u64(cc->doc, pn, &period) < 0)
		period = 0;
	if (t->cpu_period >= 0 && pn != NULL && period != (uint64_t)t->cpu_period)
		report(cc, "RES007", t->cpu_severity, pn, 0,
		    "cpu period is %llu but %s requires %lld",
		    (unsigned long long)period, at.s, (long long)t->cpu_period);
	if (quota <= 0) {
		if (t->cpu_require_quota)
			report(cc, "RES004", t->cpu_severity,
			    cpu ? cpu : spec_path(cc->doc, cc->ctx->root, "linux",
			    NULL), 1, "no cpu quota but %s requires one", at.s);
	} else if (period > 0) {
		int64_t milli = (int64_t)((uint64_t)quota * 1000 / period);

		if (t->cpu_min_milli >= 0 && milli < t->cpu_min_milli)
			report(cc, "RES005", t->cpu_severity, qn, 0,
			    "cpu limit %lldm (quota %lld / period %llu) is below "
			    "the %lldm %s requires: the process is throttled",
			    (long long)milli, (long long)quota,
			    (unsigned long long)period,
			    (long long)t->cpu_min_milli, at.s);
		if (t->cpu_max_milli >= 0 && milli > t->cpu_max_milli)
			report(cc, "RES006", t->cpu_severity, qn, 0,
			    "cpu limit %lldm is above the %lldm maximum of %s",
			    (long long)milli, (long long)t->cpu_max_milli, at.s);
	}
	buf_free(&at);
}

static void
check_pids(const struct cc *cc)
{
	const struct oc_target *t = cc->t;
	const struct oc_node *pl = spec_path(cc->doc, cc->ctx->root, "linux",
	    "resources", "pids", "limit", NULL);
	struct oc_buf at = { 0 };
	int64_t v;

	if (t->pids_node == NULL)
		return;
	where(cc, t->pids_node, &at);
	if (pl == NULL || spec_i64(cc->doc, pl, &v) < 0 || v <= 0) {
		if (t->pids_on_missing != OC_ITEM_IGNORE)
			report(cc, "RES008", t->pids_on_missing,
			    spec_path(cc->doc, cc->ctx->root, "linux", NULL), 1,
			    "no pids limit in config.json%s (%s)",
			    t->pids_pod_scope ? ": a pod-level limit, if any, is "
			    "not visible here" : ": a fork bomb can exhaust the "
			    "node's process table", at.s);
	} else if (t->pids_min >= 0 && v < t->pids_min) {
		report(cc, "RES009", t->pids_severity, pl, 0,
		    "pids limit %lld is below the %lld %s requires: fork and "
		    "thread creation fail with EAGAIN", (long long)v,
		    (long long)t->pids_min, at.s);
	}
	buf_free(&at);
}

static void
check_uid(const struct cc *cc)
{
	const struct oc_node *user = spec_path(cc->doc, cc->ctx->root,
	    "process", "user", NULL);
	const struct oc_node *uid = doc_get(cc->doc, user, "uid");
	struct oc_buf at = { 0 };
	int64_t v;

	if (!cc->t->has_uid)
		return;
	where(cc, cc->t->uid_node, &at);
	if (uid == NULL || spec_i64(cc->doc, uid, &v) < 0)
		report(cc, "PRC001", cc->t->uid_severity, user, 1,
		    "process uid is not set but %s requires uid %lld", at.s,
		    (long long)cc->t->uid);
	else if (v != cc->t->uid)
		report(cc, "PRC001", cc->t->uid_severity, uid, 0,
		    "process runs as uid %lld but %s requires uid %lld: files "
		    "the image prepared for that user are not writable",
		    (long long)v, at.s, (long long)cc->t->uid);
	buf_free(&at);
}

static void
check_target(struct cc *cc)
{
	struct mount_ent *mounts;
	size_t n;

	check_env(cc);
	n = mounts_read(cc, &mounts);
	check_required_mounts(cc, mounts, n);
	check_mount_layout(cc, mounts, n);
	check_memory(cc, mounts, n);
	check_cpu(cc);
	check_pids(cc);
	check_uid(cc);
	free(mounts);
}

/* How much of a config's identity a target's match pins down. */
static int
specificity(const struct oc_target *t)
{
	return (t->match_container != NULL) + (t->match_sandbox != NULL) +
	    (t->match_image != NULL);
}

/* Errors, then all findings, t would raise on the config: the fit of a
 * target among others that match it equally well. */
static size_t
misfit(struct cc *cc, const struct oc_target *t)
{
	struct oc_findings *out = cc->ctx->out, scratch = { 0 };
	size_t i, errors = 0;

	scratch.src = out->src;
	scratch.file = out->file;
	scratch.settings = out->settings;
	cc->ctx->out = &scratch;
	cc->t = t;
	check_target(cc);
	cc->ctx->out = out;
	for (i = 0; i < scratch.n; i++)
		errors += scratch.v[i].severity == OC_SEV_ERROR;
	i = scratch.n;
	findings_clear(&scratch);
	return errors * (OC_MAX_FINDINGS + 1) + i;
}

/* The target a config is checked against. Several targets can match one
 * config: a broad one and a narrower one (the narrower wins), or targets
 * nothing in config.json tells apart, such as two definitions with the
 * same container and image (then the config is one of them, so it is
 * judged by the one it keeps best; derive warns about these, TGT002). */
static const struct oc_target *
pick_target(struct cc *cc, const struct cri *cri)
{
	const struct oc_contract *c = cc->c;
	const struct oc_target *best = NULL;
	size_t i, fit = 0, f;
	int spec = -1, ties = 0;

	for (i = 0; i < c->ntargets; i++) {
		const struct oc_target *t = &c->targets[i];

		if (!target_matches(c, t, cri))
			continue;
		if (specificity(t) > spec) {
			spec = specificity(t);
			best = t;
			ties = 0;
		} else if (specificity(t) == spec)
			ties++;
	}
	if (ties == 0)
		return best;
	best = NULL;
	for (i = 0; i < c->ntargets; i++) {
		const struct oc_target *t = &c->targets[i];

		if (!target_matches(c, t, cri) || specificity(t) != spec)
			continue;
		if ((f = misfit(cc, t)) < fit || best == NULL) {
			best = t;
			fit = f;
		}
	}
	return best;
}

void
contract_check(const struct oc_contract *c, struct oc_check_ctx *ctx,
    const char *force_target)
{
	struct cc cc = { .c = c, .ctx = ctx, .doc = ctx->doc };
	struct oc_buf names = { 0 }, seen = { 0 };
	struct cri cri;
	size_t i;

	if (c->ntargets == 0 || ctx->root == NULL)
		return;
	/* --target picks among the contracts that have it; another
	 * contract given beside it still matches by annotations. */
	for (i = 0; force_target != NULL && i < c->ntargets; i++)
		if (strcmp(c->targets[i].name, force_target) == 0)
			break;
	if (force_target != NULL && i == c->ntargets)
		force_target = NULL;
	cri_read(ctx, &cri);
	/* A pod's pause container runs no workload: no target is meant
	 * for it, and a run over a node's bundles meets one per pod. */
	if (cri.pause)
		return;
	cc.t = NULL;
	for (i = 0; force_target != NULL && i < c->ntargets; i++)
		if (strcmp(c->targets[i].name, force_target) == 0)
			cc.t = &c->targets[i];
	if (force_target == NULL)
		cc.t = pick_target(&cc, &cri);
	if (cc.t != NULL) {
		check_target(&cc);
		return;
	}
	for (i = 0; i < c->ntargets; i++)
		buf_printf(&names, "%s%s", i ? ", " : "", c->targets[i].name);
	if (cri.container || cri.sandbox || cri.image)
		buf_printf(&seen, "container '%.*s' in sandbox '%.*s' (image "
		    "'%.*s')", (int)(cri.container ? cri.clen : 1),
		    cri.container ? cri.container : "?",
		    (int)(cri.sandbox ? cri.slen : 1),
		    cri.sandbox ? cri.sandbox : "?",
		    (int)(cri.image ? cri.ilen : 1), cri.image ? cri.image : "?");
	else
		buf_adds(&seen, "a config without CRI annotations");
	cc.t = NULL;
	report(&cc, "TGT001", OC_ITEM_DEFAULT,
	    doc_get(ctx->doc, ctx->root, "annotations"), 1,
	    "no target of contract '%s' (%s) matches %s; targets: %s (use "
	    "--target NAME to choose one)", c->name, c->src->path, seen.s,
	    names.s);
	buf_free(&names);
	buf_free(&seen);
}
