/* config.md "Specification version". */
#include "ocicheck/check.h"
#include "ocicheck/spec.h"

int
check_version_missing(struct oc_check_ctx *ctx, struct oc_error **err)
{
	(void)err;
	if (doc_get(ctx->doc, ctx->root, "ociVersion") == NULL)
		check_report(ctx, ctx->root,
		    "'ociVersion' is missing: the config must say which "
		    "runtime-spec version it follows");
	return 0;
}

int
check_version_semver(struct oc_check_ctx *ctx, struct oc_error **err)
{
	const struct oc_node *v = doc_get(ctx->doc, ctx->root, "ociVersion");
	struct oc_buf shown = { 0 };
	struct oc_semver sv;
	size_t len;
	const char *s;

	(void)err;
	if (v == NULL)
		return 0;
	s = doc_text(ctx->doc, v, &len);
	if (doc_kind(v) == OC_STRING && semver_parse(s, len, &sv) == 0)
		return 0;
	buf_add_display(&shown, s, len, 64);
	if (doc_kind(v) != OC_STRING)
		check_report(ctx, v, "/ociVersion must be a SemVer 2.0.0 string "
		    "such as \"1.2.0\" (got %s %s)",
		    doc_kind(v) == OC_ARRAY || doc_kind(v) == OC_OBJECT ?
		    "an" : "a", doc_kind_name(doc_kind(v)));
	else
		check_report(ctx, v, "/ociVersion \"%s\" is not a SemVer 2.0.0 "
		    "version such as \"1.2.0\"", shown.s);
	buf_free(&shown);
	return 0;
}
