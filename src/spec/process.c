/* config.md "Process". */
#include "ocicheck/check.h"
#include "ocicheck/spec.h"

int
path_is_absolute(const char *s, size_t n, int windows)
{
	if (!windows)
		return n > 0 && s[0] == '/';
	/* C:\dir, C:/dir, or a UNC / device path \\server\share, \\?\... */
	if (n >= 3 && ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z') &&
	    s[1] == ':' && (s[2] == '\\' || s[2] == '/'))
		return 1;
	return n >= 2 && s[0] == '\\' && s[1] == '\\';
}

int
check_process_cwd(struct oc_check_ctx *ctx, struct oc_error **err)
{
	const struct oc_node *p = doc_get(ctx->doc, ctx->root, "process");
	const struct oc_node *cwd = doc_get(ctx->doc, p, "cwd");
	struct oc_buf shown = { 0 };
	size_t len;
	const char *s;

	(void)err;
	if (cwd == NULL || doc_kind(cwd) != OC_STRING)
		return 0;
	s = doc_text(ctx->doc, cwd, &len);
	if (path_is_absolute(s, len, ctx->platform == OC_PLATFORM_WINDOWS))
		return 0;
	buf_add_display(&shown, s, len, 128);
	check_report(ctx, cwd, "/process/cwd must be an absolute path "
	    "(got \"%s\"): the runtime resolves it inside the container's "
	    "root", shown.s);
	buf_free(&shown);
	return 0;
}
