/*
 * Pod Security Standards, the Restricted controls beyond Baseline
 * (OCI9101-OCI9105).
 */
#include <string.h>

#include "ocicheck/check.h"
#include "spec.h"
#include "cfg.h"
#include "lx.h"
#include "sec.h"

/* kubernetes.io~TYPE directories of volume plugins that only an inline
 * pod volume makes: a persistentVolumeClaim (or an ephemeral volume) is
 * mounted under its PersistentVolume's plugin (nfs, iscsi, rbd, csi,
 * ...), which Restricted allows, so those directories cannot tell. */
static const char *const inline_only[] = { "kubernetes.io~git-repo" };

void
check_sec_volume_types(struct oc_check_ctx *ctx)
{
	const struct cfg_mount *mt;
	size_t i, k, n, len;

	if (sec_skip(ctx, 0) || (mt = cfg_linux_mount_table(ctx, &n)) == NULL)
		return;
	for (i = 0; i < n; i++) {
		const char *s = doc_str(ctx->doc, mt[i].source, &len);

		for (k = 0; s != NULL && k < ARRAY_SIZE(inline_only); k++)
			if (memmem(s, len, inline_only[k],
			    strlen(inline_only[k])) != NULL)
				check_report(ctx, OC_AT_VALUE, mt[i].source,
				    "the source is a "
				    "gitRepo volume (%s), a type Restricted "
				    "forbids: the pod's volumes[].gitRepo",
				    inline_only[k]);
	}
}

void
check_sec_privilege_escalation(struct oc_check_ctx *ctx)
{
	const struct oc_node *p = lx_get(ctx->doc, ctx->root, "process",
	    OC_OBJECT), *nnp;

	if (sec_skip(ctx, 0) || p == NULL)
		return;
	nnp = doc_get(ctx->doc, p, "noNewPrivileges");
	if (doc_bool(nnp))
		return;
	if (nnp != NULL)
		check_report(ctx, OC_AT_VALUE, nnp,
		    "noNewPrivileges is not true: the pod "
		    "leaves securityContext.allowPrivilegeEscalation unset or "
		    "true (Restricted requires false)");
	else
		check_report(ctx, OC_AT_OPEN, p, "no noNewPrivileges: the pod "
		    "leaves securityContext.allowPrivilegeEscalation unset or "
		    "true (Restricted requires false)");
}

void
check_sec_run_as_root(struct oc_check_ctx *ctx)
{
	const struct oc_node *u = doc_path(ctx->doc, ctx->root, "process",
	    "user", "uid", NULL);
	uint64_t uid;

	if (sec_skip(ctx, 0) || doc_u64(ctx->doc, u, &uid) < 0 || uid != 0)
		return;
	/* hostUsers: false relaxes both controls (policy v1.35) */
	if (spec_namespace_new(ctx, "user") && doc_count(lx_get(ctx->doc,
	    lx_linux(ctx), "uidMappings", OC_ARRAY)) > 0)
		return;
	check_report(ctx, OC_AT_VALUE, u,
	    "the process runs as uid 0: Restricted requires "
	    "runAsNonRoot: true and a runAsUser other than 0 (a uid other "
	    "than 0 does not show that runAsNonRoot is set)");
}

void
check_sec_seccomp(struct oc_check_ctx *ctx)
{
	const struct oc_node *l = lx_linux(ctx);

	if (sec_skip(ctx, 0) || l == NULL ||
	    lx_set(ctx->doc, l, "seccomp") != NULL)
		return;
	check_report(ctx, OC_AT_OPEN, l,
	    "no seccomp filter: the container runs "
	    "unconfined, as seccompProfile.type Unconfined or unset makes "
	    "(Restricted requires RuntimeDefault or Localhost)");
}

void
check_sec_caps_drop_all(struct oc_check_ctx *ctx)
{
	static const char *const sets[] = { "bounding", "effective",
		"permitted", "inheritable", "ambient" };
	const struct oc_node *c = doc_path(ctx->doc, ctx->root, "process",
	    "capabilities", NULL);
	size_t k, i, len;

	if (sec_skip(ctx, 0) || c == NULL)
		return;
	for (k = 0; k < ARRAY_SIZE(sets); k++) {
		const struct oc_node *l = lx_get(ctx->doc, c, sets[k],
		    OC_ARRAY);
		size_t count = 0;
		const struct oc_node *first = NULL;

		for (i = 0; i < doc_count(l); i++) {
			const char *s = doc_str(ctx->doc, doc_at(ctx->doc, l,
			    i), &len);

			if (s != NULL && !(len == 20 &&
			    memcmp(s, "CAP_NET_BIND_SERVICE", 20) == 0)) {
				if (first == NULL)
					first = doc_at(ctx->doc, l, i);
				count++;
			}
		}
		if (first == NULL)
			continue;
		check_report(ctx, OC_AT_VALUE, first,
		    "capabilities.%s holds %zu "
		    "capabilit%s other than CAP_NET_BIND_SERVICE: the pod does "
		    "not drop ALL in securityContext.capabilities.drop",
		    sets[k], count, count == 1 ? "y" : "ies");
		return;
	}
}
