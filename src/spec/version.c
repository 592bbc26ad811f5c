/* config.md "Specification version". */
#include <string.h>

#include "ocicheck/check.h"
#include "ocicheck/spec.h"

/* A numeric identifier: 0, or digits without a leading zero. */
static size_t
numeric_id(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0 || (i > 1 && s[0] == '0'))
		return 0;
	return i;
}

/* Dot-separated [0-9A-Za-z-]+ identifiers; prerelease numerics may not
 * have leading zeros. Returns the length consumed or 0. */
static size_t
identifiers(const char *s, size_t n, int prerelease)
{
	size_t i = 0;

	for (;;) {
		size_t start = i;
		int digits = 1;

		while (i < n && (s[i] == '-' || (s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
			if (s[i] < '0' || s[i] > '9')
				digits = 0;
			i++;
		}
		if (i == start)
			return 0;
		if (prerelease && digits && i - start > 1 && s[start] == '0')
			return 0;
		if (i == n || s[i] != '.')
			return i;
		i++;
	}
}

int
semver_valid(const char *s, size_t n)
{
	size_t i = 0, k;
	int part;

	for (part = 0; part < 3; part++) {
		if ((k = numeric_id(s + i, n - i)) == 0)
			return 0;
		i += k;
		if (part < 2) {
			if (i >= n || s[i] != '.')
				return 0;
			i++;
		}
	}
	if (i < n && s[i] == '-') {
		if ((k = identifiers(s + i + 1, n - i - 1, 1)) == 0)
			return 0;
		i += k + 1;
	}
	if (i < n && s[i] == '+') {
		if ((k = identifiers(s + i + 1, n - i - 1, 0)) == 0)
			return 0;
		i += k + 1;
	}
	return i == n;
}

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
	size_t len;
	const char *s;

	(void)err;
	if (v == NULL)
		return 0;
	s = doc_text(ctx->doc, v, &len);
	if (doc_kind(v) == OC_STRING && semver_valid(s, len))
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
