/* config-linux.md "Sysctl" (OCI23xx) and the namespace rules runc and crun
 * apply to linux.sysctl (OCI53xx). /proc/sys is only partly namespaced:
 * both runtimes refuse to write a key the container does not own. */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "lx.h"

void
lx_sysctl_normalize(const char *key, size_t len, struct oc_buf *out)
{
	size_t i, first = len;

	for (i = 0; i < len; i++)
		if (key[i] == '.' || key[i] == '/') {
			first = i;
			break;
		}
	for (i = 0; i < len; i++) {
		char c = key[i];

		if (first < len && key[first] == '/')
			c = c == '/' ? '.' : c == '.' ? '/' : c;
		buf_addc(out, c);
	}
	if (out->s == NULL)
		buf_adds(out, "");
}

static int
has_prefix(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && memcmp(s, p, k) == 0;
}

enum lx_sysctl_class
lx_sysctl_classify(const char *key, size_t len)
{
	/* runc's validSysctlMap, crun's sysctlRequiringIPC. */
	static const char *const ipc[] = {
		"kernel.msgmax", "kernel.msgmnb", "kernel.msgmni",
		"kernel.sem", "kernel.shmall", "kernel.shmmax",
		"kernel.shmmni", "kernel.shm_rmid_forced",
	};
	enum lx_sysctl_class c = LX_SYSCTL_OTHER;
	struct oc_buf b = { 0 };
	size_t i;

	lx_sysctl_normalize(key, len, &b);
	for (i = 0; i < ARRAY_SIZE(ipc); i++)
		if (strlen(ipc[i]) == b.len && memcmp(ipc[i], b.s, b.len) == 0)
			c = LX_SYSCTL_IPC;
	if (has_prefix(b.s, b.len, "fs.mqueue."))
		c = LX_SYSCTL_IPC;
	else if (has_prefix(b.s, b.len, "net."))
		c = LX_SYSCTL_NET;
	else if (has_prefix(b.s, b.len, "user."))
		c = LX_SYSCTL_USER;
	else if (b.len == 17 && memcmp(b.s, "kernel.domainname", 17) == 0)
		c = LX_SYSCTL_DOMAINNAME;
	else if (b.len == 15 && memcmp(b.s, "kernel.hostname", 15) == 0)
		c = LX_SYSCTL_HOSTNAME;
	buf_free(&b);
	return c;
}

static const struct oc_node *
sysctl_map(const struct oc_check_ctx *ctx)
{
	return lx_get(ctx->doc, lx_linux(ctx), "sysctl", OC_OBJECT);
}

/* The key of a member, shown quoted. */
static const char *
key_show(const struct oc_doc *doc, const struct oc_node *v, struct oc_buf *b)
{
	size_t len;
	const char *s = doc_key_text(doc, v, &len);

	buf_addc(b, '"');
	buf_add_display(b, s, len, 80);
	buf_addc(b, '"');
	return b->s;
}

/* OCI2301: two spellings of one parameter. */
void
check_sysctl_duplicate(struct oc_check_ctx *ctx)
{
	const struct oc_node *m = sysctl_map(ctx);
	size_t i, n = m ? doc_count(m) : 0, first = 0;
	struct oc_buf *norm;
	struct lx_key *keys;

	if (n < 2)
		return;
	norm = xcalloc(n, sizeof(*norm));
	keys = xcalloc(n, sizeof(*keys));
	for (i = 0; i < n; i++) {
		const struct oc_node *v = doc_at(ctx->doc, m, i);
		size_t len;
		const char *s = doc_key_text(ctx->doc, v, &len);

		lx_sysctl_normalize(s, len, &norm[i]);
		keys[i] = (struct lx_key){ .s = norm[i].s, .len = norm[i].len,
		    .n = v, .idx = i };
	}
	lx_keys_sort(keys, n);
	for (i = 1; i < n; i++) {
		struct oc_buf a = { 0 }, b = { 0 };
		size_t la, lb;
		const char *sa, *sb;

		if (keys[i].len != keys[first].len ||
		    memcmp(keys[i].s, keys[first].s, keys[i].len) != 0) {
			first = i;
			continue;
		}
		sa = doc_key_text(ctx->doc, keys[i].n, &la);
		sb = doc_key_text(ctx->doc, keys[first].n, &lb);
		/* The same spelling twice is a duplicate key (OCI0002). */
		if (la == lb && memcmp(sa, sb, la) == 0)
			continue;
		check_report(ctx, OC_AT_KEY, keys[i].n,
		    "/linux/sysctl key %s names "
		    "the same parameter as %s: runc sets them in random order "
		    "and crun in file order, so which value wins depends on "
		    "the runtime", key_show(ctx->doc, keys[i].n, &a),
		    key_show(ctx->doc, keys[first].n, &b));
		buf_free(&a);
		buf_free(&b);
	}
	for (i = 0; i < n; i++)
		buf_free(&norm[i]);
	free(norm);
	free(keys);
}

/* OCI5301 */
void
check_sysctl_not_namespaced(struct oc_check_ctx *ctx)
{
	const struct oc_node *m = sysctl_map(ctx);
	size_t i, n = m ? doc_count(m) : 0;
	int userns = lx_has_namespace(ctx, "user");

	for (i = 0; i < n; i++) {
		const struct oc_node *v = doc_at(ctx->doc, m, i);
		struct oc_buf k = { 0 };
		size_t len;
		const char *s = doc_key_text(ctx->doc, v, &len);

		switch (lx_sysctl_classify(s, len)) {
		case LX_SYSCTL_OTHER:
			check_report(ctx, OC_AT_KEY, v,
			    "/linux/sysctl key %s is not "
			    "namespaced: setting it would change the host, so "
			    "runc and youki refuse it (\"is not in a separate "
			    "kernel namespace\"), crun too (\"is not "
			    "namespaced\")", key_show(ctx->doc, v, &k));
			break;
		case LX_SYSCTL_USER:
			if (userns)
				check_report(ctx, OC_AT_KEY, v,
				    "/linux/sysctl key %s "
				    "is a user namespace limit: crun refuses "
				    "it (\"is not namespaced\"), runc and "
				    "youki accept it with a user namespace",
				    key_show(ctx->doc, v, &k));
			else
				check_report(ctx, OC_AT_KEY, v,
				    "/linux/sysctl key %s "
				    "is a user namespace limit, but there is "
				    "no user namespace: runc, crun and youki "
				    "refuse it", key_show(ctx->doc, v, &k));
			break;
		default:
			break;
		}
		buf_free(&k);
	}
}

/* OCI5302: a joined namespace is the container's own too (a netns by
 * path is fine; runc only refuses the host's, which needs the host). */
void
check_sysctl_namespace(struct oc_check_ctx *ctx)
{
	const struct oc_node *m = sysctl_map(ctx);
	size_t i, n = m ? doc_count(m) : 0;
	int ipc, net, uts;

	if (n == 0)
		return;
	ipc = lx_has_namespace(ctx, "ipc");
	net = lx_has_namespace(ctx, "network");
	uts = lx_has_namespace(ctx, "uts");
	for (i = 0; i < n; i++) {
		const struct oc_node *v = doc_at(ctx->doc, m, i);
		struct oc_buf k = { 0 };
		const char *ns;
		size_t len;
		const char *s = doc_key_text(ctx->doc, v, &len);

		switch (lx_sysctl_classify(s, len)) {
		case LX_SYSCTL_IPC:
			if (ipc)
				continue;
			ns = "ipc";
			break;
		case LX_SYSCTL_NET:
			if (net)
				continue;
			ns = "network";
			break;
		case LX_SYSCTL_DOMAINNAME:
			if (uts)
				continue;
			ns = "uts";
			break;
		default:
			continue;
		}
		check_report(ctx, OC_AT_KEY, v,
		    "/linux/sysctl key %s belongs to the "
		    "%s namespace, but the config has none: runc, crun (\"the "
		    "sysctl ... requires a new ... namespace\") and youki "
		    "refuse to change the host's value", key_show(ctx->doc, v,
		    &k), ns);
		buf_free(&k);
	}
}

/* OCI5303: kernel.hostname, and a kernel.domainname that contradicts the
 * domainname field. */
/* kernel.hostname, worded for what the config has: a hostname field it
 * contradicts, a uts namespace, or neither (then it would be the host's
 * name). */
static void
hostname_sysctl(struct oc_check_ctx *ctx, const struct oc_node *v,
    struct oc_buf *k)
{
	const char *key = key_show(ctx->doc, v, k);

	if (lx_get(ctx->doc, ctx->root, "hostname", OC_STRING) != NULL)
		check_report(ctx, OC_AT_KEY, v,
		    "/linux/sysctl key %s conflicts "
		    "with the hostname field: runc, crun and youki refuse it; "
		    "set only /hostname", key);
	else if (lx_has_namespace(ctx, "uts"))
		check_report(ctx, OC_AT_KEY, v, "/linux/sysctl key %s sets the "
		    "hostname, which is the hostname field's job: runc, crun "
		    "and youki refuse it; set /hostname instead", key);
	else
		check_report(ctx, OC_AT_KEY, v,
		    "/linux/sysctl key %s would set the "
		    "host's name, as there is no uts namespace: runc, crun and "
		    "youki refuse it; add a uts namespace and set /hostname "
		    "instead", key);
}

void
check_sysctl_uts_field(struct oc_check_ctx *ctx)
{
	const struct oc_node *m = sysctl_map(ctx);
	const struct oc_node *dn = lx_get(ctx->doc, ctx->root, "domainname",
	    OC_STRING);
	size_t i, n = m ? doc_count(m) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *v = doc_at(ctx->doc, m, i);
		struct oc_buf k = { 0 };
		size_t len, dlen, vlen;
		const char *s = doc_key_text(ctx->doc, v, &len), *d, *val;

		switch (lx_sysctl_classify(s, len)) {
		case LX_SYSCTL_HOSTNAME:
			hostname_sysctl(ctx, v, &k);
			break;
		case LX_SYSCTL_DOMAINNAME:
			if (dn == NULL || doc_kind(v) != OC_STRING)
				break;
			d = doc_text(ctx->doc, dn, &dlen);
			val = doc_text(ctx->doc, v, &vlen);
			if (dlen == 0 || (dlen == vlen &&
			    memcmp(d, val, vlen) == 0))
				break;
			check_report(ctx, OC_AT_VALUE, v,
			    "/linux/sysctl key %s sets "
			    "another domain name than /domainname: crun "
			    "refuses the conflict (\"conflicts with OCI field "
			    "`domainname`\"), runc and youki apply one after "
			    "the other", key_show(ctx->doc, v, &k));
			break;
		default:
			break;
		}
		buf_free(&k);
	}
}
