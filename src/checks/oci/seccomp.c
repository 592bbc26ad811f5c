/* config-linux.md "Seccomp" (OCI24xx) and what runc, crun and libseccomp
 * refuse in linux.seccomp (OCI54xx). */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "lx.h"

static const struct oc_node *
seccomp(const struct oc_check_ctx *ctx)
{
	return lx_get(ctx->doc, lx_linux(ctx), "seccomp", OC_OBJECT);
}

static const struct oc_node *
syscalls(const struct oc_check_ctx *ctx)
{
	return lx_get(ctx->doc, seccomp(ctx), "syscalls", OC_ARRAY);
}

/* Actions that carry an errno: libseccomp's SCMP_ACT_ERRNO(x) and
 * SCMP_ACT_TRACE(x). */
static int
errno_action(const struct oc_doc *doc, const struct oc_node *a)
{
	return doc_is(doc, a, "SCMP_ACT_ERRNO") ||
	    doc_is(doc, a, "SCMP_ACT_TRACE");
}

/* A non-empty listenerPath, the way runc reads it. */
static const struct oc_node *
listener(const struct oc_check_ctx *ctx)
{
	const struct oc_node *p = lx_get(ctx->doc, seccomp(ctx),
	    "listenerPath", OC_STRING);
	size_t len;

	return p != NULL && (doc_text(ctx->doc, p, &len), len > 0) ? p : NULL;
}

/* OCI2401 */
void
check_seccomp_errno_action(struct oc_check_ctx *ctx)
{
	const struct oc_node *sc = seccomp(ctx), *list = syscalls(ctx);
	const struct oc_node *def = lx_get(ctx->doc, sc, "defaultAction",
	    OC_STRING);
	const struct oc_node *ret = lx_set(ctx->doc, sc, "defaultErrnoRet");
	size_t i, n = list ? doc_count(list) : 0;
	struct oc_buf val = { 0 };

	if (sc == NULL)
		return;
	if (ret != NULL && def != NULL && !errno_action(ctx->doc, def))
		check_report(ctx, OC_AT_KEY, ret,
		    "/linux/seccomp/defaultErrnoRet is "
		    "set but defaultAction %s returns no errno: only "
		    "SCMP_ACT_ERRNO and SCMP_ACT_TRACE take one, and the "
		    "runtime must fail (crun does)",
		    lx_show(ctx->doc, def, &val));
	buf_free(&val);
	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);
		const struct oc_node *a = lx_get(ctx->doc, e, "action",
		    OC_STRING);
		const struct oc_node *r = lx_set(ctx->doc, e, "errnoRet");

		if (r == NULL || a == NULL || errno_action(ctx->doc, a))
			continue;
		check_report(ctx, OC_AT_KEY, r,
		    "/linux/seccomp/syscalls/%zu/errnoRet "
		    "is set but action %s returns no errno: only "
		    "SCMP_ACT_ERRNO and SCMP_ACT_TRACE take one, and the "
		    "runtime must fail (crun does)", i,
		    lx_show(ctx->doc, a, &val));
		buf_free(&val);
	}
}

/* OCI2402 */
void
check_seccomp_metadata_without_path(struct oc_check_ctx *ctx)
{
	const struct oc_node *md = lx_set(ctx->doc, seccomp(ctx),
	    "listenerMetadata");

	if (md == NULL || listener(ctx) != NULL)
		return;
	check_report(ctx, OC_AT_KEY, md,
	    "/linux/seccomp/listenerMetadata must not "
	    "be set without a listenerPath: the metadata is only ever sent "
	    "to the seccomp agent listening there");
}

/* OCI2403 */
void
check_seccomp_listener_relative(struct oc_check_ctx *ctx)
{
	const struct oc_node *p = listener(ctx);
	struct oc_buf val = { 0 };
	size_t len;
	const char *s;

	if (p == NULL)
		return;
	s = doc_text(ctx->doc, p, &len);
	if (path_is_absolute(s, len, 0))
		return;
	check_report(ctx, OC_AT_VALUE, p,
	    "/linux/seccomp/listenerPath %s is relative: "
	    "the runtime connects to it from whatever directory it runs in; "
	    "give the socket's absolute path", lx_show(ctx->doc, p, &val));
	buf_free(&val);
}

/* OCI2404 */
void
check_seccomp_arch_duplicate(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = lx_get(ctx->doc, seccomp(ctx),
	    "architectures", OC_ARRAY);
	size_t i, n = list ? doc_count(list) : 0, nk = 0, first = 0;
	struct lx_key *keys;

	if (n < 2)
		return;
	keys = lx_keys_collect(ctx->doc, list, NULL, &nk);
	for (i = 1; i < nk; i++) {
		struct oc_buf val = { 0 };

		if (keys[i].len != keys[first].len ||
		    memcmp(keys[i].s, keys[first].s, keys[i].len) != 0) {
			first = i;
			continue;
		}
		check_report(ctx, OC_AT_VALUE, keys[i].n,
		    "/linux/seccomp/architectures/%zu "
		    "repeats %s of /linux/seccomp/architectures/%zu: the "
		    "second one has no effect", keys[i].idx,
		    lx_show(ctx->doc, keys[i].n, &val), keys[first].idx);
		buf_free(&val);
	}
	free(keys);
}

/* Call fn for each string in syscalls[].names[] with its rule and name
 * index. */
static void
each_name(struct oc_check_ctx *ctx, void (*fn)(struct oc_check_ctx *,
    const struct oc_node *, size_t, size_t, const char *, size_t))
{
	const struct oc_node *list = syscalls(ctx);
	size_t i, j, n = list ? doc_count(list) : 0, len;

	for (i = 0; i < n; i++) {
		const struct oc_node *names = lx_get(ctx->doc,
		    doc_at(ctx->doc, list, i), "names", OC_ARRAY);

		for (j = 0; names != NULL && j < doc_count(names); j++) {
			const struct oc_node *v = doc_at(ctx->doc, names, j);
			const char *s = doc_str(ctx->doc, v, &len);

			if (s != NULL)
				fn(ctx, v, i, j, s, len);
		}
	}
}

static void
name_empty(struct oc_check_ctx *ctx, const struct oc_node *v, size_t i,
    size_t j, const char *s, size_t len)
{
	(void)s;
	if (len == 0)
		check_report(ctx, OC_AT_VALUE, v,
		    "/linux/seccomp/syscalls/%zu/names/%zu "
		    "is empty: no system call has that name, so runc silently "
		    "skips it and crun warns", i, j);
}

/* OCI2405 */
void
check_seccomp_name_empty(struct oc_check_ctx *ctx)
{
	each_name(ctx, name_empty);
}

/* The errno an ERRNO or TRACE action returns: EPERM unless set. */
static int64_t
errno_of(const struct oc_doc *doc, const struct oc_node *ret)
{
	int64_t v;

	if (ret == NULL)
		return 1;
	return doc_i64(doc, ret, &v) == 0 ? v : -1;
}

/* OCI2406 */
void
check_seccomp_rule_default(struct oc_check_ctx *ctx)
{
	const struct oc_node *sc = seccomp(ctx), *list = syscalls(ctx);
	const struct oc_node *def = lx_get(ctx->doc, sc, "defaultAction",
	    OC_STRING);
	int64_t def_errno = errno_of(ctx->doc, lx_set(ctx->doc, sc,
	    "defaultErrnoRet"));
	size_t i, n = list ? doc_count(list) : 0, dlen, alen;
	const char *d;

	if (def == NULL)
		return;
	d = doc_text(ctx->doc, def, &dlen);
	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);
		const struct oc_node *a = lx_get(ctx->doc, e, "action",
		    OC_STRING);
		struct oc_buf val = { 0 };
		const char *s;

		if (a == NULL)
			continue;
		s = doc_text(ctx->doc, a, &alen);
		if (alen != dlen || memcmp(s, d, dlen) != 0)
			continue;
		if (errno_action(ctx->doc, a) && (def_errno < 0 ||
		    errno_of(ctx->doc, lx_set(ctx->doc, e, "errnoRet")) !=
		    def_errno))
			continue;
		check_report(ctx, OC_AT_VALUE, a,
		    "/linux/seccomp/syscalls/%zu has the "
		    "default action %s: the rule changes nothing, and runc "
		    "and crun skip it", i, lx_show(ctx->doc, a, &val));
		buf_free(&val);
	}
}

/* OCI5401 */
void
check_seccomp_notify_default(struct oc_check_ctx *ctx)
{
	const struct oc_node *def = lx_get(ctx->doc, seccomp(ctx),
	    "defaultAction", OC_STRING);

	if (!doc_is(ctx->doc, def, "SCMP_ACT_NOTIFY"))
		return;
	check_report(ctx, OC_AT_VALUE, def, "/linux/seccomp/defaultAction is "
	    "SCMP_ACT_NOTIFY: runc and youki refuse it (\"SCMP_ACT_NOTIFY "
	    "cannot be used as default action\"), since every system call, "
	    "those of the runtime and the agent included, would wait for "
	    "the agent; crun accepts it");
}

/* The action of the first rule whose action is act, or NULL. */
static const struct oc_node *
first_action(const struct oc_check_ctx *ctx, const char *act, size_t *count)
{
	const struct oc_node *list = syscalls(ctx), *found = NULL;
	size_t i, n = list ? doc_count(list) : 0;

	*count = 0;
	for (i = 0; i < n; i++) {
		const struct oc_node *a = lx_get(ctx->doc,
		    doc_at(ctx->doc, list, i), "action", OC_STRING);

		if (!doc_is(ctx->doc, a, act))
			continue;
		if (found == NULL)
			found = a;
		(*count)++;
	}
	return found;
}

/* OCI5402 */
void
check_seccomp_notify_listener(struct oc_check_ctx *ctx)
{
	const struct oc_node *a;
	struct oc_buf ptr = { 0 };
	size_t count;

	if (listener(ctx) != NULL ||
	    (a = first_action(ctx, "SCMP_ACT_NOTIFY", &count)) == NULL)
		return;
	check_report(ctx, OC_AT_VALUE, a,
	    "%s is SCMP_ACT_NOTIFY (%zu rule%s) but "
	    "/linux/seccomp has no listenerPath: runc refuses it (\"seccomp "
	    "listenerPath is not set\"), youki too (\"notify will require "
	    "seccomp listener path to be set\"), as no agent would receive "
	    "the notifications", lx_ptr(ctx->doc, a, &ptr), count,
	    count == 1 ? "" : "s");
	buf_free(&ptr);
}

/* OCI5403 */
void
check_seccomp_notify_write(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = syscalls(ctx);
	size_t i, j, n = list ? doc_count(list) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);
		const struct oc_node *names = lx_get(ctx->doc, e, "names",
		    OC_ARRAY);

		if (!doc_is(ctx->doc, lx_get(ctx->doc, e, "action", OC_STRING),
		    "SCMP_ACT_NOTIFY"))
			continue;
		for (j = 0; names != NULL && j < doc_count(names); j++) {
			const struct oc_node *v = doc_at(ctx->doc, names, j);

			if (doc_kind(v) != OC_STRING || !doc_is(ctx->doc, v,
			    "write"))
				continue;
			check_report(ctx, OC_AT_VALUE, v,
			    "/linux/seccomp/syscalls/%zu "
			    "sends write to the seccomp agent: runc and youki "
			    "refuse it (\"SCMP_ACT_NOTIFY cannot be used for "
			    "the write syscall\"), as the init needs write to "
			    "hand the notify descriptor over", i);
		}
	}
}

/* OCI5404 */
void
check_seccomp_arg_index(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = syscalls(ctx);
	size_t i, j, n = list ? doc_count(list) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *args = lx_get(ctx->doc,
		    doc_at(ctx->doc, list, i), "args", OC_ARRAY);

		for (j = 0; args != NULL && j < doc_count(args); j++) {
			const struct oc_node *x = doc_get(ctx->doc,
			    doc_at(ctx->doc, args, j), "index");
			uint64_t v;

			if (doc_u64(ctx->doc, x, &v) < 0 || v < 6)
				continue;
			check_report(ctx, OC_AT_VALUE, x,
			    "/linux/seccomp/syscalls/%zu/args/"
			    "%zu/index is %llu: system calls have at most 6 "
			    "arguments (0 to 5), and runc, crun (\"invalid "
			    "seccomp index\") and youki (\"failed to add rule "
			    "to seccomp\") refuse higher indexes", i, j,
			    (unsigned long long)v);
		}
	}
}

static void
name_unknown(struct oc_check_ctx *ctx, const struct oc_node *v, size_t i,
    size_t j, const char *s, size_t len)
{
	struct oc_buf shown = { 0 };

	/* An empty name is OCI2405's. */
	if (len == 0 || lx_syscall_known(s, len))
		return;
	check_report(ctx, OC_AT_VALUE, v,
	    "/linux/seccomp/syscalls/%zu/names/%zu %s is "
	    "not a Linux system call on any architecture: crun warns and "
	    "skips it (\"unknown seccomp syscall ... ignored\"; an error "
	    "with the run.oci.seccomp_fail_unknown_syscall annotation), "
	    "youki warns and skips it, runc skips it silently, so the rule "
	    "filters nothing", i, j,
	    lx_show(ctx->doc, v, &shown));
	buf_free(&shown);
}

/* OCI5405 */
void
check_seccomp_syscall_unknown(struct oc_check_ctx *ctx)
{
	each_name(ctx, name_unknown);
}
