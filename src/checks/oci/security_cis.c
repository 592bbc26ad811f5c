/*
 * CIS Docker Benchmark v1.6.0, the section 5 (Container Runtime)
 * controls a config shows that no Pod Security Standards rule already
 * judges (OCI9201-OCI9208). docker-bench-security's
 * tests/5_container_runtime.sh is how the benchmark's audits read.
 */
#include <string.h>

#include "ocicheck/check.h"
#include "spec.h"
#include "cfg.h"
#include "lx.h"
#include "sec.h"

void
check_cis_host_uts(struct oc_check_ctx *ctx)
{
	static const char *const types[] = { "uts" };
	static const char *const fields[] = { "what docker --uts host "
		"and a pod's hostNetwork: true make" };

	if (!sec_skip(ctx, 1))
		sec_report_host_ns(ctx, types, fields, 1);
}

/* The mounts the CIS mount rules read: none for a sandbox. */
static const struct cfg_mount *
binds(struct oc_check_ctx *ctx, size_t *n)
{
	if (sec_skip(ctx, 0))
		return *n = 0, NULL;
	return cfg_linux_mount_table(ctx, n);
}

static int
is_bind(const struct oc_check_ctx *ctx, const struct cfg_mount *m)
{
	return (m->opts & CFG_MOPT_ANY_BIND) || doc_is(ctx->doc, m->type,
	    "bind");
}

/* Sorted; the benchmark's list (5.6). */
static const char *const sensitive[] = { "/", "/boot", "/dev", "/etc",
	"/lib", "/proc", "/sys", "/usr" };

void
check_cis_sensitive_dir(struct oc_check_ctx *ctx)
{
	const struct cfg_mount *mt;
	size_t i, n = 0, len, cl;
	char clean[4096];

	mt = binds(ctx, &n);
	for (i = 0; mt != NULL && i < n; i++) {
		const char *s = doc_str(ctx->doc, mt[i].source, &len);

		if (s == NULL || len == 0 || s[0] != '/' || len >=
		    sizeof(clean) || !is_bind(ctx, &mt[i]))
			continue;
		cl = cfg_path_clean(s, len, 0, clean);
		if (cl == 0)
			clean[cl++] = '/';
		if (str_in_sorted(sensitive, ARRAY_SIZE(sensitive), clean, cl))
			check_report(ctx, OC_AT_VALUE, mt[i].source,
			    "the host directory "
			    "%.*s is bind-mounted%s", (int)cl, clean,
			    cfg_mount_option(ctx->doc, &mt[i], "ro") ?
			    " (read-only)" : ", read-write");
	}
}

/* Sorted: the API sockets of the engines and runtimes. */
static const char *const sockets[] = { "containerd.sock",
	"cri-dockerd.sock", "crio.sock", "docker.sock", "dockershim.sock",
	"podman.sock" };

void
check_cis_engine_socket(struct oc_check_ctx *ctx)
{
	const struct cfg_mount *mt;
	size_t i, n = 0, len;

	mt = binds(ctx, &n);
	for (i = 0; mt != NULL && i < n; i++) {
		const char *s = doc_str(ctx->doc, mt[i].source, &len), *b;

		if (s == NULL || !is_bind(ctx, &mt[i]))
			continue;
		while (len > 1 && s[len - 1] == '/')
			len--;
		b = memrchr(s, '/', len);
		b = b ? b + 1 : s;
		if (str_in_sorted(sockets, ARRAY_SIZE(sockets), b,
		    len - (size_t)(b - s))) {
			struct oc_buf shown = { 0 };

			check_report(ctx, OC_AT_VALUE, mt[i].source,
			    "the container engine's "
			    "socket %s is mounted: whoever runs in the "
			    "container controls the engine, and so the host",
			    lx_show(ctx->doc, mt[i].source, &shown));
			buf_free(&shown);
		}
	}
}

void
check_cis_shared_propagation(struct oc_check_ctx *ctx)
{
	const struct oc_node *p = lx_get(ctx->doc, lx_linux(ctx),
	    "rootfsPropagation", OC_STRING);
	const struct cfg_mount *mt;
	size_t i, n = 0;

	if (sec_skip(ctx, 0))
		return;
	if (doc_is(ctx->doc, p, "shared") || doc_is(ctx->doc, p, "rshared"))
		check_report(ctx, OC_AT_VALUE, p,
		    "rootfsPropagation is shared: mounts "
		    "made in the container reach the host and back");
	mt = binds(ctx, &n);
	for (i = 0; mt != NULL && i < n; i++) {
		const struct oc_node *o = cfg_mount_option(ctx->doc, &mt[i],
		    "rshared");

		if (o == NULL)
			o = cfg_mount_option(ctx->doc, &mt[i], "shared");
		if (o != NULL)
			check_report(ctx, OC_AT_VALUE, o,
			    "the mount's propagation is "
			    "shared: mounts made under it reach the host "
			    "(in a pod, mountPropagation: Bidirectional)");
	}
}

/* linux.resources.KIND.limit as a positive number, else report. */
static void
limit_missing(struct oc_check_ctx *ctx, const char *kind, const char *what)
{
	const struct oc_node *r = lx_get(ctx->doc, lx_linux(ctx),
	    "resources", OC_OBJECT), *o, *l;
	int64_t v;

	if (sec_skip(ctx, 0) || lx_linux(ctx) == NULL)
		return;
	o = lx_get(ctx->doc, r, kind, OC_OBJECT);
	l = lx_set(ctx->doc, o, "limit");
	if (l != NULL && doc_i64(ctx->doc, l, &v) == 0 && v > 0)
		return;
	if (l != NULL)
		check_report(ctx, OC_AT_VALUE, l, "the %s limit is unlimited",
		    what);
	else
		check_report(ctx, OC_AT_OPEN, o ? o : r ? r : lx_linux(ctx),
		    "no %s limit (linux.resources.%s.limit)", what, kind);
}

void
check_cis_memory_limit(struct oc_check_ctx *ctx)
{
	limit_missing(ctx, "memory", "memory");
}

void
check_cis_pids_limit(struct oc_check_ctx *ctx)
{
	limit_missing(ctx, "pids", "pids");
}

void
check_cis_writable_root(struct oc_check_ctx *ctx)
{
	const struct oc_node *r = lx_get(ctx->doc, ctx->root, "root",
	    OC_OBJECT), *ro;

	if (sec_skip(ctx, 0) || r == NULL)
		return;
	ro = doc_get(ctx->doc, r, "readonly");
	if (doc_bool(ro))
		return;
	if (ro != NULL)
		check_report(ctx, OC_AT_VALUE, ro,
		    "the root filesystem is writable");
	else
		check_report(ctx, OC_AT_OPEN, r,
		    "the root filesystem is writable "
		    "(no root.readonly)");
}

/* The nodes every runtime creates in /dev itself (runtime-spec
 * config-linux.md "Default Devices"), sorted. */
static const char *const default_devices[] = { "/dev/console",
	"/dev/full", "/dev/null", "/dev/ptmx", "/dev/random", "/dev/tty",
	"/dev/urandom", "/dev/zero" };

void
check_cis_host_devices(struct oc_check_ctx *ctx)
{
	const struct oc_node *l = lx_get(ctx->doc, lx_linux(ctx), "devices",
	    OC_ARRAY);
	size_t i, len, count = 0;
	const struct oc_node *first = NULL;
	struct oc_buf b = { 0 };

	if (sec_skip(ctx, 0))
		return;
	for (i = 0; i < doc_count(l); i++) {
		const struct oc_node *d = doc_at(ctx->doc, l, i);
		const char *s = doc_str(ctx->doc, doc_get(ctx->doc, d, "path"),
		    &len);

		if (s == NULL || str_in_sorted(default_devices,
		    ARRAY_SIZE(default_devices), s, len))
			continue;
		if (first == NULL) {
			first = d;
			buf_add_display(&b, s, len, 64);
		}
		count++;
	}
	if (first != NULL)
		check_report(ctx, OC_AT_VALUE, first,
		    "%zu host device%s (%s%s) passed "
		    "into the container beyond the default ones", count,
		    count > 1 ? "s" : "", b.s, count > 1 ? ", ..." : "");
	buf_free(&b);
}
