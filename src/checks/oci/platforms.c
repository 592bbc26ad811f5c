/* config-vm.md, config-zos.md and config-freebsd.md. */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "spec.h"
#include "cfg.h"
#include "lx.h"

void
check_vm_path_absolute(struct oc_check_ctx *ctx)
{
	static const struct {
		const char *object, *member;
	} paths[] = {
		{ "hypervisor", "path" },
		{ "kernel", "path" },
		{ "kernel", "initrd" },
		{ "image", "path" },
	};
	const struct oc_node *vm = doc_get(ctx->doc, ctx->root, "vm");
	struct oc_buf shown = { 0 };
	size_t i, len;

	for (i = 0; vm != NULL && i < ARRAY_SIZE(paths); i++) {
		const struct oc_node *p = doc_path(ctx->doc, vm,
		    paths[i].object, paths[i].member, NULL);
		const char *s = doc_str(ctx->doc, p, &len);

		if (s == NULL || path_is_absolute(s, len, cfg_windows(ctx)))
			continue;
		shown.len = 0;
		doc_show(ctx->doc, p, &shown);
		check_report(ctx, OC_AT_VALUE, p,
		    "/vm/%s/%s must be an absolute path in "
		    "the runtime's mount namespace (got %s): the runtime "
		    "starts the virtual machine from the host, where a "
		    "relative path depends on its working directory",
		    paths[i].object, paths[i].member, shown.s);
	}
	buf_free(&shown);
}

static const struct oc_node *
zos_namespaces(const struct oc_check_ctx *ctx)
{
	const struct oc_node *l = doc_path(ctx->doc, ctx->root, "zos",
	    "namespaces", NULL);

	return l != NULL && doc_kind(l) == OC_ARRAY ? l : NULL;
}

void
check_zos_namespace_path(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = zos_namespaces(ctx);
	struct oc_buf shown = { 0 };
	size_t i, n = cfg_count(list), len;

	for (i = 0; list != NULL && i < n; i++) {
		const struct oc_node *p = doc_get(ctx->doc,
		    doc_at(ctx->doc, list, i), "path");
		const char *s = doc_str(ctx->doc, p, &len);

		if (s == NULL || path_is_absolute(s, len, 0))
			continue;
		shown.len = 0;
		doc_show(ctx->doc, p, &shown);
		check_report(ctx, OC_AT_VALUE, p,
		    "/zos/namespaces/%zu/path must be an "
		    "absolute path in the runtime's mount namespace (got %s): "
		    "the runtime joins the namespace that file names", i,
		    shown.s);
	}
	buf_free(&shown);
}

void
check_zos_namespace_duplicate(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = zos_namespaces(ctx);
	size_t i, k, first = 0;
	struct oc_buf shown = { 0 };
	struct lx_key *v;

	if (list == NULL || doc_count(list) < 2)
		return;
	v = lx_keys_collect(ctx->doc, list, "type", &k);
	for (i = 1; i < k; i++) {
		if (v[i].len != v[first].len ||
		    memcmp(v[i].s, v[first].s, v[i].len) != 0) {
			first = i;
			continue;
		}
		shown.len = 0;
		doc_show(ctx->doc, v[i].n, &shown);
		check_report(ctx, OC_AT_VALUE, v[i].n,
		    "/zos/namespaces/%zu/type %s "
		    "repeats /zos/namespaces/%zu: the runtime MUST refuse a "
		    "namespace type given twice", v[i].idx, shown.s,
		    v[first].idx);
	}
	free(v);
	buf_free(&shown);
}

void
check_freebsd_device_path(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = doc_path(ctx->doc, ctx->root, "freebsd",
	    "devices", NULL);
	struct oc_buf shown = { 0 };
	size_t i, n = cfg_count(list), len;

	if (list == NULL || doc_kind(list) != OC_ARRAY)
		return;
	for (i = 0; i < n; i++) {
		const struct oc_node *p = doc_get(ctx->doc,
		    doc_at(ctx->doc, list, i), "path");
		const char *s = doc_str(ctx->doc, p, &len);

		if (s == NULL || len == 0 || s[0] != '/')
			continue;
		shown.len = 0;
		doc_show(ctx->doc, p, &shown);
		check_report(ctx, OC_AT_VALUE, p,
		    "/freebsd/devices/%zu/path %s is "
		    "absolute, but FreeBSD device paths are relative to /dev "
		    "(\"pf\" for /dev/pf): the devfs rule will match no "
		    "device", i, shown.s);
	}
	buf_free(&shown);
}
