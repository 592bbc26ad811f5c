/* config.md "POSIX-platform Hooks". Hook environments are checked with the
 * process environment in process.c. */
#include "ocicheck/check.h"
#include "spec.h"
#include "cfg.h"

const char *const cfg_hook_kinds[CFG_NHOOK_KINDS] = {
	"prestart", "createRuntime", "createContainer", "startContainer",
	"poststart", "poststop",
};

void
check_hook_path_absolute(struct oc_check_ctx *ctx)
{
	const struct oc_node *hooks = doc_get(ctx->doc, ctx->root, "hooks");
	struct oc_buf ptr = { 0 }, shown = { 0 };
	size_t k, i, n, len;

	/* Hooks are POSIX-only; Windows runtimes do not run them. */
	if (hooks == NULL || doc_kind(hooks) != OC_OBJECT ||
	    cfg_windows_guest(ctx))
		return;
	for (k = 0; k < CFG_NHOOK_KINDS; k++) {
		const struct oc_node *list = doc_get(ctx->doc, hooks,
		    cfg_hook_kinds[k]);

		if (list == NULL || doc_kind(list) != OC_ARRAY)
			continue;
		n = cfg_count(list);
		for (i = 0; i < n; i++) {
			const struct oc_node *p = doc_get(ctx->doc,
			    doc_at(ctx->doc, list, i), "path");
			const char *s = doc_str(ctx->doc, p, &len);

			if (s == NULL || path_is_absolute(s, len, 0))
				continue;
			ptr.len = shown.len = 0;
			doc_pointer(ctx->doc, p, &ptr);
			doc_show(ctx->doc, p, &shown);
			check_report(ctx, OC_AT_VALUE, p,
			    "%s must be an absolute path (got "
			    "%s): a relative one resolves against the "
			    "runtime's working directory, which nothing "
			    "defines", ptr.s, shown.s);
		}
	}
	buf_free(&ptr);
	buf_free(&shown);
}

void
check_hook_prestart(struct oc_check_ctx *ctx)
{
	const struct oc_node *pre = doc_path(ctx->doc, ctx->root, "hooks",
	    "prestart", NULL);

	if (pre == NULL || doc_kind(pre) != OC_ARRAY || cfg_count(pre) == 0 ||
	    cfg_windows_guest(ctx))
		return;
	check_report(ctx, OC_AT_KEY, pre, "/hooks/prestart is deprecated since "
	    "runtime-spec 1.0.2: runc and crun still run it, but "
	    "createRuntime hooks run at the same point of create, in the "
	    "same runtime namespace");
}
