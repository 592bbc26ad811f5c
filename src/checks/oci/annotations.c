/* config.md "Annotations". */
#include <string.h>
#include <strings.h>

#include "ocicheck/check.h"
#include "spec.h"
#include "cfg.h"

/* Is s one of the NULL-less list? */
static int
in_list(const char *const *list, size_t count, const char *s, size_t n,
    int anycase)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strlen(list[i]) == n && (anycase ?
		    strncasecmp(list[i], s, n) : memcmp(list[i], s, n)) == 0)
			return 1;
	return 0;
}

int
cfg_goos(const char *s, size_t n)
{
	/* go/build/syslist.go knownOS */
	static const char *const os[] = {
		"aix", "android", "darwin", "dragonfly", "freebsd", "hurd",
		"illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd",
		"plan9", "solaris", "wasip1", "windows", "zos",
	};

	return in_list(os, ARRAY_SIZE(os), s, n, 0);
}

int
cfg_goarch(const char *s, size_t n)
{
	/* go/build/syslist.go knownArch */
	static const char *const arch[] = {
		"386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be",
		"loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32",
		"mips64p32le", "ppc", "ppc64", "ppc64le", "riscv", "riscv64",
		"s390", "s390x", "sparc", "sparc64", "wasm",
	};

	return in_list(arch, ARRAY_SIZE(arch), s, n, 0);
}

/* Exactly len digits at s; their value in *v. */
static int
digits(const char *s, size_t len, unsigned *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return 1;
}

int
cfg_rfc3339(const char *s, size_t n)
{
	static const unsigned mdays[] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};
	unsigned y, mo, d, h, mi, sec, oh, om;
	size_t i = 19;

	/* YYYY-MM-DDTHH:MM:SS */
	if (n < 20 || !digits(s, 4, &y) || s[4] != '-' ||
	    !digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d) ||
	    (s[10] != 'T' && s[10] != 't') || !digits(s + 11, 2, &h) ||
	    s[13] != ':' || !digits(s + 14, 2, &mi) || s[16] != ':' ||
	    !digits(s + 17, 2, &sec))
		return 0;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 ||
	    mi > 59 || sec > 60)
		return 0;
	if (mo == 2 && d == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	if (s[i] == '.') {
		size_t start = ++i;

		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == start)
			return 0;
	}
	if (i + 1 == n && (s[i] == 'Z' || s[i] == 'z'))
		return 1;
	return i + 6 == n && (s[i] == '+' || s[i] == '-') &&
	    digits(s + i + 1, 2, &oh) && s[i + 3] == ':' &&
	    digits(s + i + 4, 2, &om) && oh <= 23 && om <= 59;
}

int
cfg_signal_ok(const char *s, size_t n)
{
	static const char *const names[] = {
		"ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP",
		"ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF",
		"PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM",
		"TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2",
		"VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN", "RTMAX",
	};
	unsigned v;

	/* A number, as docker and podman accept it. */
	if (n > 0 && n <= 2 && digits(s, n, &v))
		return v >= 1 && v <= 64;
	/* Names are matched without case and with SIG optional (moby). */
	if (n >= 3 && strncasecmp(s, "SIG", 3) == 0) {
		s += 3;
		n -= 3;
	}
	if (n > 6 && strncasecmp(s, "RTMIN", 5) == 0 && s[5] == '+')
		return n <= 8 && digits(s + 6, n - 6, &v) && v >= 1 && v <= 30;
	if (n > 6 && strncasecmp(s, "RTMAX", 5) == 0 && s[5] == '-')
		return n <= 8 && digits(s + 6, n - 6, &v) && v >= 1 && v <= 30;
	return in_list(names, ARRAY_SIZE(names), s, n, 1);
}

static const struct oc_node *
annotations(const struct oc_check_ctx *ctx)
{
	const struct oc_node *a = doc_get(ctx->doc, ctx->root, "annotations");

	return a != NULL && doc_kind(a) == OC_OBJECT ? a : NULL;
}

void
check_annotation_key_empty(struct oc_check_ctx *ctx)
{
	const struct oc_node *a = annotations(ctx);
	size_t i, n = cfg_count(a), len;

	for (i = 0; a != NULL && i < n; i++) {
		const struct oc_node *m = doc_at(ctx->doc, a, i);

		if (doc_key_text(ctx->doc, m, &len) != NULL && len == 0)
			check_report(ctx, OC_AT_KEY, m,
			    "/annotations has an empty "
			    "key: keys MUST NOT be empty, and tools that look "
			    "annotations up by name cannot reach the value");
	}
}

#define OCI_NS "org.opencontainers"

/* Keys of the org.opencontainers namespace that an OCI specification
 * defines: the runtime-spec's table (1.2.0 on), the keys image-spec's
 * conversion.md has converters set (its table, and exposedPorts from
 * Config.ExposedPorts, which umoci writes) and the image-spec's
 * annotations, which podman copies from the image into the config. */
static int
oci_key_defined(const char *s, size_t n)
{
	static const char *const image[] = {
		/* runtime-spec config.md */
		"os", "os.version", "os.features", "architecture", "variant",
		"author", "created", "stopSignal",
		/* image-spec conversion.md "Config.ExposedPorts" */
		"exposedPorts",
		/* image-spec annotations.md */
		"authors", "url", "documentation", "source", "version",
		"revision", "vendor", "licenses", "ref.name", "title",
		"description", "base.digest", "base.name",
	};
	static const char *const artifact[] = { "created", "description" };
	static const char ip[] = OCI_NS ".image.", ap[] = OCI_NS ".artifact.";

	if (n > sizeof(ip) - 1 && memcmp(s, ip, sizeof(ip) - 1) == 0)
		return in_list(image, ARRAY_SIZE(image), s + sizeof(ip) - 1,
		    n - (sizeof(ip) - 1), 0);
	if (n > sizeof(ap) - 1 && memcmp(s, ap, sizeof(ap) - 1) == 0)
		return in_list(artifact, ARRAY_SIZE(artifact),
		    s + sizeof(ap) - 1, n - (sizeof(ap) - 1), 0);
	return 0;
}

void
check_annotation_reserved(struct oc_check_ctx *ctx)
{
	const struct oc_node *a = annotations(ctx);
	size_t i, n = cfg_count(a), len, ns = sizeof(OCI_NS) - 1;
	struct oc_buf shown = { 0 };

	for (i = 0; a != NULL && i < n; i++) {
		const struct oc_node *m = doc_at(ctx->doc, a, i);
		const char *k = doc_key_text(ctx->doc, m, &len);

		if (k == NULL || len < ns || memcmp(k, OCI_NS, ns) != 0 ||
		    (len > ns && k[ns] != '.') || oci_key_defined(k, len))
			continue;
		shown.len = 0;
		buf_add_display(&shown, k, len, 80);
		check_report(ctx, OC_AT_KEY, m,
		    "/annotations key \"%s\" is in the "
		    "reserved org.opencontainers namespace, but no OCI "
		    "specification defines it: keys there MUST be as the "
		    "specifications describe; use your own reverse-domain "
		    "prefix", shown.s);
	}
	buf_free(&shown);
}

void
check_annotation_namespaced(struct oc_check_ctx *ctx)
{
	const struct oc_node *a = annotations(ctx);
	size_t i, n = cfg_count(a), len, prefix;
	struct oc_buf shown = { 0 };

	for (i = 0; a != NULL && i < n; i++) {
		const struct oc_node *m = doc_at(ctx->doc, a, i);
		const char *k = doc_key_text(ctx->doc, m, &len);
		const char *slash;

		if (k == NULL || len == 0)
			continue;
		/* "kubernetes.io/name" (a DNS prefix) is namespaced too. */
		slash = memchr(k, '/', len);
		prefix = slash != NULL ? (size_t)(slash - k) : len;
		if (memchr(k, '.', prefix) != NULL)
			continue;
		shown.len = 0;
		buf_add_display(&shown, k, len, 80);
		check_report(ctx, OC_AT_KEY, m,
		    "/annotations key \"%s\" has no "
		    "domain: keys SHOULD use reverse domain notation, e.g. "
		    "\"com.example.%s\", so that tools do not collide",
		    shown.s, shown.s);
	}
	buf_free(&shown);
}

void
check_annotation_image_value(struct oc_check_ctx *ctx)
{
	static const struct {
		const char *key;
		int (*ok)(const char *, size_t);
		const char *want;
	} checks[] = {
		{ OCI_NS ".image.os", cfg_goos,
		    "a Go GOOS value such as \"linux\" or \"windows\"" },
		{ OCI_NS ".image.architecture", cfg_goarch,
		    "a Go GOARCH value such as \"amd64\" or \"arm64\"" },
		{ OCI_NS ".image.created", cfg_rfc3339,
		    "an RFC 3339 date-time such as \"2024-05-01T12:00:00Z\"" },
		{ OCI_NS ".image.stopSignal", cfg_signal_ok,
		    "a signal name such as \"SIGTERM\" or \"SIGRTMIN+3\"" },
	};
	const struct oc_node *a = annotations(ctx);
	struct oc_buf shown = { 0 };
	size_t i, len;

	for (i = 0; a != NULL && i < ARRAY_SIZE(checks); i++) {
		const struct oc_node *v = doc_get(ctx->doc, a, checks[i].key);
		const char *s = doc_str(ctx->doc, v, &len);

		if (s == NULL || checks[i].ok(s, len))
			continue;
		shown.len = 0;
		doc_show(ctx->doc, v, &shown);
		check_report(ctx, OC_AT_VALUE, v,
		    "/annotations/%s %s is not %s: the value "
		    "MUST be valid for the image-spec property it mirrors, or "
		    "tools reading it misjudge the image", checks[i].key,
		    shown.s, checks[i].want);
	}
	buf_free(&shown);
}
