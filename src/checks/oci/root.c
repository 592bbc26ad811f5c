/* config.md "Root". The Windows-only requirements are in windows.c. */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "spec.h"
#include "cfg.h"

void
check_root_missing(struct oc_check_ctx *ctx)
{
	const struct oc_node *win = doc_get(ctx->doc, ctx->root, "windows");

	if (doc_get(ctx->doc, ctx->root, "root") != NULL)
		return;
	if (cfg_windows(ctx)) {
		/* Hyper-V containers MUST NOT set it; LCOW always is one. */
		if (cfg_get_anycase(ctx->doc, win, "hyperv") != NULL ||
		    doc_get(ctx->doc, ctx->root, "linux") != NULL)
			return;
		check_report(ctx, OC_AT_OPEN, ctx->root, "'root' is missing: a "
		    "Windows Server container (one without /windows/hyperv) "
		    "requires it, since it names the volume the container "
		    "runs on");
		return;
	}
	if (ctx->platform == OC_PLATFORM_LINUX)
		check_report(ctx, OC_AT_OPEN, ctx->root,
		    "'root' is missing: it is "
		    "required on linux; runc and crun refuse to create the "
		    "container without it");
	else
		/* runc and crun do not run these: a VM runtime (Kata) or
		 * the platform's own runtime does. */
		check_report(ctx, OC_AT_OPEN, ctx->root,
		    "'root' is missing: it "
		    "is required on %s; without it the runtime has no root "
		    "filesystem for the container%s",
		    oc_platform_names[ctx->platform],
		    ctx->platform == OC_PLATFORM_VM ? " inside the virtual "
		    "machine" : "");
}

/* The last component of a POSIX path, trailing slashes ignored. */
static const char *
base_name(const char *s, size_t n, size_t *len)
{
	size_t end = n, start;

	while (end > 0 && s[end - 1] == '/')
		end--;
	start = end;
	while (start > 0 && s[start - 1] != '/')
		start--;
	*len = end - start;
	return s + start;
}

void
check_root_path_rootfs(struct oc_check_ctx *ctx)
{
	const struct oc_node *p = doc_path(ctx->doc, ctx->root, "root",
	    "path", NULL);
	struct oc_buf shown = { 0 };
	size_t len, blen;
	const char *s = doc_str(ctx->doc, p, &len), *b;

	/* An absolute path is a place on the host, which container engines
	 * name as they like (overlay's .../merged); the convention is for
	 * the bundle's own directory. */
	if (s == NULL || cfg_windows_guest(ctx) || (len > 0 && s[0] == '/'))
		return;
	b = base_name(s, len, &blen);
	/* "" and "/" are OCI1007's; "." and ".." name no directory. */
	if (blen == 0 || (blen == 6 && memcmp(b, "rootfs", 6) == 0) ||
	    (blen == 1 && b[0] == '.') ||
	    (blen == 2 && b[0] == '.' && b[1] == '.'))
		return;
	buf_add_display(&shown, b, blen, 80);
	check_report(ctx, OC_AT_VALUE, p,
	    "/root/path ends in \"%s\", not in the "
	    "conventional \"rootfs\": the spec says the root filesystem "
	    "SHOULD be named rootfs, which bundle tools expect", shown.s);
	buf_free(&shown);
}

void
check_root_path_degenerate(struct oc_check_ctx *ctx)
{
	const struct oc_node *p = doc_path(ctx->doc, ctx->root, "root",
	    "path", NULL);
	size_t len, clean;
	const char *s = doc_str(ctx->doc, p, &len);
	char *buf;

	if (s == NULL || cfg_windows_guest(ctx))
		return;
	buf = xmalloc(2 * len + 2);
	clean = cfg_path_clean(s, len, 0, buf);
	free(buf);
	if (clean != 0)
		return;
	if (len > 0 && s[0] == '/')
		check_report(ctx, OC_AT_VALUE, p,
		    "/root/path names the host's root "
		    "directory: the container would run on the whole host "
		    "filesystem, and its mounts would land on the host's "
		    "/proc, /dev and /sys");
	else
		check_report(ctx, OC_AT_VALUE, p,
		    "/root/path names the bundle directory "
		    "itself: runc joins it to the bundle path and runs the "
		    "container on the bundle, config.json included");
}
