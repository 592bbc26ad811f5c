/* config.md "Specification version". */
#include <string.h>

#include "ocicheck/check.h"
#include "spec.h"
#include "cfg.h"

void
check_version_missing(struct oc_check_ctx *ctx)
{
	if (doc_get(ctx->doc, ctx->root, "ociVersion") == NULL)
		check_report(ctx, OC_AT_VALUE, ctx->root,
		    "'ociVersion' is missing: the config must say which "
		    "runtime-spec version it follows");
}

void
check_version_semver(struct oc_check_ctx *ctx)
{
	const struct oc_node *v = doc_get(ctx->doc, ctx->root, "ociVersion");
	struct oc_buf shown = { 0 };
	struct oc_semver sv;
	size_t len;
	const char *s;

	if (v == NULL)
		return;
	s = doc_text(ctx->doc, v, &len);
	if (doc_kind(v) == OC_STRING && semver_parse(s, len, &sv) == 0)
		return;
	buf_add_display(&shown, s, len, 64);
	if (doc_kind(v) != OC_STRING)
		check_report(ctx, OC_AT_VALUE, v,
		    "/ociVersion must be a SemVer 2.0.0 "
		    "string such as \"1.2.0\" (got %s %s)",
		    doc_kind(v) == OC_ARRAY || doc_kind(v) == OC_OBJECT ?
		    "an" : "a", doc_kind_name(doc_kind(v)));
	else
		check_report(ctx, OC_AT_VALUE, v,
		    "/ociVersion \"%s\" is not a SemVer 2.0.0 "
		    "version such as \"1.2.0\"", shown.s);
	buf_free(&shown);
}

/* The ociVersion string and its parse; NULL when it is not SemVer (which
 * OCI1002 reports). */
static const struct oc_node *
version_node(struct oc_check_ctx *ctx, struct oc_semver *sv)
{
	const struct oc_node *v = doc_get(ctx->doc, ctx->root, "ociVersion");
	size_t len;
	const char *s = doc_str(ctx->doc, v, &len);

	if (s == NULL || semver_parse(s, len, sv) < 0)
		return NULL;
	return v;
}

void
check_version_newer(struct oc_check_ctx *ctx)
{
	const char *newest = oc_spec_version_names[OC_NVERSIONS - 1];
	const char *rules = oc_spec_version_names[ctx->version];
	const struct oc_node *v;
	struct oc_semver sv, top;
	struct oc_buf shown = { 0 };

	if ((v = version_node(ctx, &sv)) == NULL)
		return;
	semver_parse(newest, strlen(newest), &top);
	doc_show(ctx->doc, v, &shown);
	if (sv.major > 1)
		check_report(ctx, OC_AT_VALUE, v,
		    "/ociVersion %s is a new major version of "
		    "the runtime-spec, which ocicheck does not know (it knows "
		    "up to %s): checked against the %s rules, and a 1.x "
		    "runtime need not understand it", shown.s, newest, rules);
	else if (sv.major == 1 && (sv.minor > top.minor ||
	    (sv.minor == top.minor && sv.patch > top.patch)))
		check_report(ctx, OC_AT_VALUE, v,
		    "/ociVersion %s is newer than the "
		    "runtime-spec releases ocicheck knows (up to %s): checked "
		    "against the %s rules, so members added later are not "
		    "checked", shown.s, newest, rules);
	buf_free(&shown);
}

void
check_version_pre_1(struct oc_check_ctx *ctx)
{
	const struct oc_node *v;
	struct oc_semver sv;
	struct oc_buf shown = { 0 };

	/* SemVer orders 1.0.0-rc5 before 1.0.0: the release candidates
	 * are drafts too (rc1 to rc6 still had the platform object). */
	if ((v = version_node(ctx, &sv)) == NULL || (sv.major != 0 &&
	    !(sv.major == 1 && sv.minor == 0 && sv.patch == 0 &&
	    sv.prerelease)))
		return;
	doc_show(ctx->doc, v, &shown);
	check_report(ctx, OC_AT_VALUE, v,
	    "/ociVersion %s predates 1.0.0; pre-release "
	    "configs have other shapes (process.capabilities as a list, a "
	    "required platform object) that 1.x runtimes reject or misread: "
	    "checked against the %s rules", shown.s,
	    oc_spec_version_names[ctx->version]);
	buf_free(&shown);
}
