/* config-windows.md, and the Windows parts of config.md. Mount nesting is
 * in mounts.c, next to the other mount-tree checks. */
#include <string.h>
#include <strings.h>

#include "ocicheck/check.h"
#include "spec.h"
#include "cfg.h"

int
cfg_windows(const struct oc_check_ctx *ctx)
{
	return ctx->platform == OC_PLATFORM_WINDOWS;
}

int
cfg_windows_guest(const struct oc_check_ctx *ctx)
{
	return cfg_windows(ctx) &&
	    doc_get(ctx->doc, ctx->root, "linux") == NULL;
}

int
cfg_linux_guest(const struct oc_check_ctx *ctx)
{
	return ctx->platform == OC_PLATFORM_LINUX ||
	    (cfg_windows(ctx) && doc_get(ctx->doc, ctx->root, "linux") != NULL);
}

const struct oc_node *
cfg_get_anycase(const struct oc_doc *doc, const struct oc_node *obj,
    const char *key)
{
	size_t i, klen = strlen(key), len;

	if (obj == NULL || doc_kind(obj) != OC_OBJECT)
		return NULL;
	for (i = cfg_count(obj); i-- > 0;) {
		const struct oc_node *m = doc_at(doc, obj, i);
		const char *name = doc_key_text(doc, m, &len);

		if (name != NULL && len == klen &&
		    strncasecmp(name, key, klen) == 0)
			return m;
	}
	return NULL;
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') ||
	    ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

int
cfg_guid(const char *s, size_t n, int braces)
{
	static const size_t group[] = { 8, 4, 4, 4, 12 };
	size_t i, k, at = 0;

	if (braces) {
		if (n < 2 || s[0] != '{' || s[n - 1] != '}')
			return 0;
		s++;
		n -= 2;
	}
	if (n != 36)
		return 0;
	for (i = 0; i < ARRAY_SIZE(group); i++) {
		if (i > 0 && s[at++] != '-')
			return 0;
		for (k = 0; k < group[i]; k++)
			if (!is_hex(s[at++]))
				return 0;
	}
	return 1;
}

int
cfg_volume_guid_path(const char *s, size_t n)
{
	static const char prefix[] = "\\\\?\\Volume";
	size_t p = sizeof(prefix) - 1;

	if (n < p + 38 || memcmp(s, prefix, 4) != 0 ||
	    strncasecmp(s + 4, prefix + 4, p - 4) != 0)
		return 0;
	if (n == p + 39 && s[n - 1] == '\\')
		n--;
	return n == p + 38 && cfg_guid(s + p, 38, 1);
}

void
check_windows_root_hyperv(struct oc_check_ctx *ctx)
{
	const struct oc_node *root = doc_get(ctx->doc, ctx->root, "root");
	const struct oc_node *hv = cfg_get_anycase(ctx->doc,
	    doc_get(ctx->doc, ctx->root, "windows"), "hyperv");
	struct oc_buf where = { 0 };

	if (root == NULL || hv == NULL)
		return;
	doc_pointer(ctx->doc, hv, &where);
	check_report(ctx, OC_AT_KEY, root,
	    "/root must not be set for a Hyper-V "
	    "container (%s is set): its root filesystem comes from the "
	    "utility VM and the layer folders", where.s);
	buf_free(&where);
}

void
check_windows_root_guid(struct oc_check_ctx *ctx)
{
	const struct oc_node *p = doc_path(ctx->doc, ctx->root, "root",
	    "path", NULL);
	struct oc_buf shown = { 0 };
	size_t len;
	const char *s = doc_str(ctx->doc, p, &len);

	if (s == NULL || !cfg_windows_guest(ctx) ||
	    cfg_volume_guid_path(s, len))
		return;
	doc_show(ctx->doc, p, &shown);
	check_report(ctx, OC_AT_VALUE, p,
	    "/root/path must be a volume GUID path such as "
	    "\"\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\\" (got "
	    "%s): a Windows container runs on the mounted volume of its "
	    "scratch layer, named by GUID", shown.s);
	buf_free(&shown);
}

void
check_windows_root_readonly(struct oc_check_ctx *ctx)
{
	const struct oc_node *ro = doc_path(ctx->doc, ctx->root, "root",
	    "readonly", NULL);

	if (ro == NULL || doc_kind(ro) != OC_BOOL || !doc_bool(ro) ||
	    !cfg_windows_guest(ctx))
		return;
	check_report(ctx, OC_AT_VALUE, ro,
	    "/root/readonly must be omitted or false on "
	    "Windows: the root volume is the container's writable scratch "
	    "layer; use the \"ro\" option on mounts instead");
}

void
check_windows_device_guid(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = doc_path(ctx->doc, ctx->root, "windows",
	    "devices", NULL);
	struct oc_buf shown = { 0 };
	size_t i, n, len;

	if (list == NULL || doc_kind(list) != OC_ARRAY)
		return;
	n = cfg_count(list);
	for (i = 0; i < n; i++) {
		const struct oc_node *d = doc_at(ctx->doc, list, i);
		const struct oc_node *id = doc_get(ctx->doc, d, "id");
		const char *s = doc_str(ctx->doc, id, &len);

		if (s == NULL || !doc_is(ctx->doc,
		    doc_get(ctx->doc, d, "idType"), "class") ||
		    cfg_guid(s, len, 0) || cfg_guid(s, len, 1))
			continue;
		shown.len = 0;
		doc_show(ctx->doc, id, &shown);
		check_report(ctx, OC_AT_VALUE, id,
		    "/windows/devices/%zu/id must be a "
		    "device interface class GUID such as "
		    "\"24E552D7-6523-47F7-A647-D3465BF1F5CA\" when idType is "
		    "\"class\" (got %s): the runtime cannot make the device "
		    "available", i, shown.s);
	}
	buf_free(&shown);
}

void
check_windows_cpu_exclusive(struct oc_check_ctx *ctx)
{
	static const char *const names[] = { "count", "shares", "maximum" };
	const struct oc_node *cpu = doc_path(ctx->doc, ctx->root, "windows",
	    "resources", "cpu", NULL);
	const char *set[ARRAY_SIZE(names)];
	size_t i, nset = 0;

	if (cpu == NULL || doc_kind(cpu) != OC_OBJECT)
		return;
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		uint64_t v;

		/* hcsshim counts a value as set when it is above zero. */
		if (doc_u64(ctx->doc, doc_get(ctx->doc, cpu, names[i]),
		    &v) == 0 && v > 0)
			set[nset++] = names[i];
	}
	if (nset < 2)
		return;
	check_report(ctx, OC_AT_KEY, cpu,
	    "/windows/resources/cpu sets %s%s%s and "
	    "%s: hcsshim refuses to create the container, as count, shares "
	    "and maximum are mutually exclusive in the Host Compute Service",
	    set[0], nset > 2 ? ", " : "", nset > 2 ? set[1] : "",
	    set[nset - 1]);
}

/* OCI3007 */
void
check_windows_object_missing(struct oc_check_ctx *ctx)
{
	const struct oc_node *os = doc_get(ctx->doc, doc_get(ctx->doc,
	    ctx->root, "annotations"), "org.opencontainers.image.os");

	if (doc_get(ctx->doc, ctx->root, "windows") != NULL)
		return;
	if (cfg_windows(ctx))
		check_report(ctx, OC_AT_OPEN, ctx->root, "the config targets "
		    "Windows but has no 'windows' object: it MUST be set on "
		    "Windows, and hcsshim needs its layerFolders to build the "
		    "container");
	else if (doc_is(ctx->doc, os, "windows"))
		check_report(ctx, OC_AT_VALUE, os, "the image is a Windows one "
		    "(org.opencontainers.image.os \"windows\") but the config "
		    "has no 'windows' object: it MUST be set on Windows, and "
		    "it is what makes a runtime treat the config as one");
}
