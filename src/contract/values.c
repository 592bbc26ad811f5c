/* Contract values: Kubernetes quantities, KubeBlocks patterns, and the
 * volume kind behind a config.json mount. */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/contract.h"

static const struct {
	const char *suffix;
	int64_t factor;
} suffixes[] = {
	{ "Ki", 1LL << 10 }, { "Mi", 1LL << 20 }, { "Gi", 1LL << 30 },
	{ "Ti", 1LL << 40 }, { "Pi", 1LL << 50 }, { "Ei", 1LL << 60 },
	{ "k", 1000LL }, { "M", 1000000LL }, { "G", 1000000000LL },
	{ "T", 1000000000000LL }, { "P", 1000000000000000LL },
	{ "E", 1000000000000000000LL }, { "", 1 },
};

int
quantity_parse(const char *s, size_t len, int milli, int64_t *out)
{
	__int128 mant = 0, v, div = 1;
	size_t i = 0, digits = 0, k;
	int frac = 0, exp = 0, milli_suffix = 0, inexact;
	int64_t factor = 0;

	if (i < len && s[i] == '+')
		i++;
	for (; i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'); i++) {
		if (s[i] == '.') {
			if (frac)
				return -1;
			frac = 1;
			continue;
		}
		if (++digits > 30)
			return -1;
		mant = mant * 10 + (s[i] - '0');
		if (frac)
			div *= 10;
	}
	if (digits == 0)
		return -1;
	if (i < len && (s[i] == 'e' || s[i] == 'E') && i + 1 < len &&
	    s[i + 1] >= '0' && s[i + 1] <= '9') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			if ((exp = exp * 10 + (s[i] - '0')) > 30)
				return -1;
		/* the exponent is the suffix: "1e3Mi" is no quantity */
		if (i != len)
			return -1;
	}
	if (len - i == 1 && s[i] == 'm') {
		milli_suffix = 1;
		factor = 1;
	} else {
		for (k = 0; k < ARRAY_SIZE(suffixes); k++)
			if (strlen(suffixes[k].suffix) == len - i &&
			    memcmp(suffixes[k].suffix, s + i, len - i) == 0)
				factor = suffixes[k].factor;
	}
	if (factor == 0)
		return -1;
	v = mant * factor;
	while (exp-- > 0)
		v *= 10;
	if (milli && !milli_suffix)
		v *= 1000;
	else if (!milli && milli_suffix)
		div *= 1000;
	/* Round up, as Kubernetes does for fractional bytes, and say so. */
	inexact = v % div != 0;
	v = (v + div - 1) / div;
	if (v > INT64_MAX)
		return -1;
	*out = (int64_t)v;
	return inexact;
}

void
pattern_free(struct oc_pattern *p)
{
	if (p == NULL)
		return;
	if (p->regex)
		regfree(&p->re);
	rx_fast_free(&p->fast);
	free(p->text);
	p->ok = p->regex = 0;
	p->text = NULL;
}

/*
 * Bounds on what regcomp is handed. glibc takes minutes and gigabytes to
 * compile "a****..." or "(.{0,1000}){1000}"; Go's regexp, whose syntax
 * patterns are written in, refuses both: a repetition of a repetition,
 * and counts over 1000. What remains is bounded by the size of the
 * pattern with every counted repetition written out.
 */
#define RX_MAX_REPEAT 1000
#define RX_MAX_SIZE 100000

struct rx_level {
	size_t size;	/* atoms in this group, repetitions written out */
	size_t last;	/* of them, the last atom's (what a count repeats) */
};

struct rx {
	struct rx_level *v;	/* v[0] the whole pattern, then open groups */
	size_t depth, cap;
	int repeated;		/* the last token was a repetition */
};

static int
rx_fits(const struct rx_level *l, const char **why)
{
	if (l->size <= RX_MAX_SIZE)
		return 0;
	*why = "more than 100000 atoms once its counted repetitions are "
	    "written out";
	return -1;
}

static int
rx_atom(struct rx *x, size_t n, const char **why)
{
	struct rx_level *l = &x->v[x->depth];

	l->size += n;
	l->last = n;
	x->repeated = 0;
	return rx_fits(l, why);
}

static void
rx_open(struct rx *x)
{
	x->v = xgrow(x->v, &x->cap, x->depth + 2, sizeof(*x->v));
	x->depth++;
	memset(&x->v[x->depth], 0, sizeof(*x->v));
	x->repeated = 0;
}

static int
rx_close(struct rx *x, const char **why)
{
	size_t n = 1;

	if (x->depth > 0)
		n = x->v[x->depth--].size;
	return rx_atom(x, n, why);
}

/* A repetition of the last atom, count times (1 for '*', '+', '?'). */
static int
rx_repeat(struct rx *x, int lazy, size_t count, const char **why)
{
	struct rx_level *l = &x->v[x->depth];

	if (x->repeated) {
		*why = lazy ? "a lazy quantifier" :
		    "a repetition of a repetition (such as '**')";
		return -1;
	}
	if (count > RX_MAX_REPEAT) {
		*why = "a repeat count over 1000";
		return -1;
	}
	if (count > 1) {
		l->size += l->last * (count - 1);
		l->last *= count;
	}
	x->repeated = 1;
	return rx_fits(l, why);
}

/* Length of a counted repetition {n}, {n,} or {n,m} at t, and its larger
 * count (n for {n,}) in *count; 0 when t is a literal '{'. */
static size_t
rx_braces(const char *t, size_t *count)
{
	size_t i = 1, n = 0, m = 0;
	int digits = 0, comma = 0, mdigits = 0;

	for (; t[i] >= '0' && t[i] <= '9'; i++, digits++)
		n = n < 100000 ? n * 10 + (size_t)(t[i] - '0') : n;
	if (t[i] == ',') {
		comma = 1;
		for (i++; t[i] >= '0' && t[i] <= '9'; i++, mdigits++)
			m = m < 100000 ? m * 10 + (size_t)(t[i] - '0') : m;
	}
	if (digits == 0 || t[i] != '}')
		return 0;
	*count = comma && mdigits ? (m > n ? m : n) : n;
	return i + 1;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The character a Go escape other than a class stands for: t[*i] is the
 * character after the backslash, and *i is left on the escape's last.
 * Go refuses escaped letters it does not know, which glibc would take
 * literally or as operators of its own. -1 with *why otherwise.
 */
static int
go_escape(const char *t, size_t *i, const char **why)
{
	static const char from[] = "aftnrv", to[] = "\a\f\t\n\r\v";
	char e = t[*i];
	const char *k;
	size_t j;
	int v = 0, h, digits = 0, braced;

	if (e != '\0' && (k = strchr(from, e)) != NULL)
		return (unsigned char)to[k - from];
	if (e == 'x') {
		j = *i + 1;
		braced = t[j] == '{';
		j += (size_t)braced;
		for (; digits < (braced ? 6 : 2) && (h = hexval(t[j])) >= 0;
		    j++, digits++)
			v = v * 16 + h;
		if (digits == 0 || (braced ? t[j] != '}' : digits != 2)) {
			*why = "a malformed \\x escape";
			return -1;
		}
		if (v == 0 || v > 0x7f) {
			*why = "a \\x escape of NUL or beyond ASCII";
			return -1;
		}
		*i = braced ? j : j - 1;
		return v;
	}
	if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z')) {
		*why = "an escape Go's regexp does not know";
		return -1;
	}
	return (unsigned char)e;
}

/*
 * Go matches runes, POSIX in the C locale bytes. Where the two differ
 * (a lone '.', a negated class, a repeated multi-byte literal) an atom
 * becomes a group that takes one whole UTF-8 sequence.
 */
#define RX_UTF8_SEQ "[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf][\x80-\xbf]|" \
	"[\xf0-\xf4][\x80-\xbf][\x80-\xbf][\x80-\xbf]"

/* Does an unbounded repetition follow, over which a byte-wise and a
 * rune-wise reading of valid UTF-8 agree? */
static int
starred(const char *t)
{
	return *t == '*' || *t == '+';
}

static size_t
utf8_seq_len(const unsigned char *t)
{
	size_t n = *t >= 0xf0 ? 4 : *t >= 0xe0 ? 3 : *t >= 0xc0 ? 2 : 0, i;

	for (i = 1; i < n; i++)
		if ((t[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* The set a class escape (\d, \w, \s and their upper-case negations)
 * stands for, as the inside of a POSIX bracket, or NULL. */
static const char *
class_escape(char e)
{
	switch (e) {
	case 'd': case 'D': return "0-9";
	case 'w': case 'W': return "A-Za-z0-9_";
	case 's': case 'S': return "[:space:]";
	default: return NULL;
	}
}

/* A bracket of the set in, negated or not, followed by t. A negated one
 * takes one rune, not one byte, unless a repetition follows. */
static void
add_class(struct oc_buf *b, const char *in, int negate, const char *t)
{
	if (negate && !starred(t)) {
		buf_adds(b, "([^");
		buf_adds(b, in);
		buf_adds(b, "\x80-\xff]|" RX_UTF8_SEQ ")");
	} else {
		buf_adds(b, negate ? "[^" : "[");
		buf_adds(b, in);
		buf_addc(b, ']');
	}
}

/* Escapes that are syntax in Go but that POSIX cannot say. */
static int
refused_escape(char e, const char **why)
{
	if (strchr("bBAzpPQE", e) != NULL) {
		*why = "a Perl escape POSIX regex lacks";
		return -1;
	}
	if (e >= '0' && e <= '9') {
		/* POSIX would read a backreference */
		*why = "an octal escape or backreference";
		return -1;
	}
	return 0;
}

/* The bracket expression at t[*i] ('['), into b; *i is left on its
 * ']'. A negated one takes one rune, not one byte, unless repeated. */
static int
translate_bracket(const char *t, size_t *i, struct oc_buf *b,
    const char **why)
{
	struct oc_buf in = { 0 };
	size_t j = *i + 1;
	int negate = 0, lit, rc = -1;
	const char *cls, *end;

	if (t[j] == '^') {
		negate = 1;
		j++;
	}
	if (t[j] == ']')
		buf_addc(&in, t[j++]);
	for (; t[j] != ']'; j++) {
		if (t[j] == '\0') {
			*why = "an unterminated [";
			goto out;
		}
		if ((unsigned char)t[j] >= 0x80) {
			*why = "a non-ASCII character inside [...], which POSIX "
			    "would match byte by byte";
			goto out;
		}
		if (t[j] == '[' && t[j + 1] == ':' &&
		    (end = strstr(t + j + 2, ":]")) != NULL) {
			buf_add(&in, t + j, (size_t)(end + 2 - (t + j)));
			j = (size_t)(end + 1 - t);
			continue;
		}
		if (t[j] != '\\' || t[j + 1] == '\0') {
			buf_addc(&in, t[j]);
			continue;
		}
		j++;
		if (refused_escape(t[j], why) < 0)
			goto out;
		if (strchr("DWS", t[j]) != NULL) {
			*why = "a negated class escape inside [...]";
			goto out;
		}
		if ((cls = class_escape(t[j])) != NULL) {
			buf_adds(&in, cls);
			continue;
		}
		/* A bracket takes its characters literally. */
		if ((lit = go_escape(t, &j, why)) < 0)
			goto out;
		if (strchr("]-^\\", lit) != NULL) {
			*why = "an escaped ']', '-', '^' or '\\' inside [...]";
			goto out;
		}
		buf_addc(&in, (char)lit);
	}
	buf_add(&in, "", 0);
	add_class(b, in.s, negate, t + j + 1);
	*i = j;
	rc = 0;
out:
	buf_free(&in);
	return rc;
}

/* Translate Go RE2 syntax to POSIX ERE; -1 on syntax POSIX cannot say. */
static int
translate(const char *t, struct oc_buf *b, const char **why)
{
	struct rx x = { 0 };
	int rc = -1, lit;
	size_t i, n, count;
	const char *cls;

	x.v = xgrow(NULL, &x.cap, 1, sizeof(*x.v));
	memset(x.v, 0, sizeof(*x.v));
	for (i = 0; t[i]; i++) {
		char c = t[i];

		if (c == '\\' && t[i + 1]) {
			if (rx_atom(&x, 1, why) < 0 ||
			    refused_escape(t[++i], why) < 0)
				goto out;
			if ((cls = class_escape(t[i])) != NULL)
				add_class(b, cls, strchr("DWS", t[i]) != NULL,
				    t + i + 1);
			else if ((lit = go_escape(t, &i, why)) < 0)
				goto out;
			else if (strchr(".[]()*+?{}|^$\\", lit) != NULL) {
				buf_addc(b, '\\');
				buf_addc(b, (char)lit);
			} else {
				/* Unescaped, so that glibc does not read "\<" or
				 * "\'" as its word and buffer anchors. */
				buf_addc(b, (char)lit);
			}
			continue;
		}
		if ((unsigned char)c >= 0x80) {
			if ((n = utf8_seq_len((const unsigned char *)t + i)) ==
			    0) {
				*why = "invalid UTF-8";
				goto out;
			}
			if (rx_atom(&x, 1, why) < 0)
				goto out;
			/* A repetition must repeat the whole character. */
			if (strchr("*+?{", t[i + n]) != NULL && t[i + n]) {
				buf_addc(b, '(');
				buf_add(b, t + i, n);
				buf_addc(b, ')');
			} else {
				buf_add(b, t + i, n);
			}
			i += n - 1;
			continue;
		}
		if (c == '[') {
			if (rx_atom(&x, 1, why) < 0 ||
			    translate_bracket(t, &i, b, why) < 0)
				goto out;
			continue;
		}
		if (c == '.') {
			/* Go's '.' is any rune but a newline. */
			if (rx_atom(&x, 1, why) < 0)
				goto out;
			buf_adds(b, starred(t + i + 1) ? "[^\n]" :
			    "([\x01-\x09\x0b-\x7f]|" RX_UTF8_SEQ ")");
			continue;
		}
		if (c == '(' && t[i + 1] == '?') {
			if (t[i + 2] == ':') {
				rx_open(&x);
				buf_addc(b, '(');
				i += 2;
				continue;
			}
			*why = "a (?...) group other than (?:";
			goto out;
		}
		if (c == '*' || c == '+' || c == '?') {
			if (rx_repeat(&x, c == '?', 1, why) < 0)
				goto out;
		} else if (c == '{' && (n = rx_braces(t + i, &count)) > 0) {
			if (rx_repeat(&x, 0, count, why) < 0)
				goto out;
			buf_add(b, t + i, n);
			i += n - 1;
			continue;
		} else if (c == '(') {
			rx_open(&x);
		} else if (c == ')') {
			if (rx_close(&x, why) < 0)
				goto out;
		} else if (c == '|') {
			x.v[x.depth].last = 0;
			x.repeated = 0;
		} else if (rx_atom(&x, 1, why) < 0) {
			goto out;
		}
		buf_addc(b, c);
	}
	rc = 0;
out:
	free(x.v);
	return rc;
}

int
pattern_compile(struct oc_pattern *p, const char *text, struct oc_error **err)
{
	struct oc_buf b = { 0 }, ere = { 0 }, shown = { 0 };
	const char *why = NULL;
	char msg[128];
	int rc;

	memset(p, 0, sizeof(*p));
	p->text = xstrdup(text);
	/* Searching for P is matching ^.*(P) once: glibc then makes one
	 * pass, where a search retries at every offset, quadratic in the
	 * subject ("a.*x" takes 15 s over 100 KB of "a"). */
	buf_add(&ere, "", 0);
	buf_add(&shown, "", 0);
	buf_add_display(&shown, text, strlen(text), 64);
	if (translate(text, &ere, &why) < 0) {
		rc = oc_error_set(err, 0, "pattern '%s' uses %s", shown.s, why);
		goto out;
	}
	if ((rc = rx_fast_compile(&p->fast, ere.s)) == 0) {
		p->ok = 1;
		goto out;
	}
	buf_adds(&b, "^.*(");
	buf_add(&b, ere.s, ere.len);
	buf_addc(&b, ')');
	if ((rc = regcomp(&p->re, b.s, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(rc, &p->re, msg, sizeof(msg));
		rc = oc_error_set(err, 0, "pattern '%s' does not compile: %s",
		    shown.s, msg);
		goto out;
	}
	p->ok = p->regex = 1;
out:
	/* A pattern that failed holds nothing: callers need not free it. */
	if (rc < 0)
		pattern_free(p);
	buf_free(&b);
	buf_free(&ere);
	buf_free(&shown);
	return rc;
}

int
pattern_search(const struct oc_pattern *p, const char *s, size_t len)
{
	char *z;
	int rc;

	if (p == NULL || !p->ok)
		return 0;
	if (!p->regex)
		return rx_fast_search(&p->fast, s, len);
	z = xstrndup(s, len);
	rc = regexec(&p->re, z, 0, NULL, 0) == 0;
	free(z);
	return rc;
}

static int
contains(const char *s, size_t n, const char *w)
{
	return memmem(s, n, w, strlen(w)) != NULL;
}

/*
 * The sandbox shm is a tmpfs the runtime mounts itself, mode=1777 and a
 * fixed size, and binds into every container of the pod at /dev/shm:
 * - containerd (CRI plugin): <state>/io.containerd.grpc.v1.cri/sandboxes/
 *   <id>/shm, defaultShmSize = 1024 * 1024 * 64 in
 *   internal/cri/server/podsandbox/helpers_linux.go (2.x;
 *   pkg/cri/server/helpers_linux.go in 1.7), mounted by
 *   sandbox_run_linux.go beside it; no setting changes it.
 * - CRI-O: <storage run dir>/overlay-containers/<id>/userdata/shm,
 *   DefaultShmSize = 64 * 1024 * 1024 in internal/lib/sandbox/sandbox.go,
 *   which server/sandbox_run_linux.go replaces with the pod annotation
 *   shm-size.crio.io (io.kubernetes.cri-o.ShmSize) where the runtime
 *   allows it.
 */
const struct oc_shm_runtime *
sandbox_shm_runtime(const char *source, size_t slen)
{
	static const struct oc_shm_runtime containerd = {
		"containerd", 64LL << 20, NULL
	};
	static const struct oc_shm_runtime crio = {
		"CRI-O", 64LL << 20, "shm-size.crio.io"
	};

	if (slen < 4 || memcmp(source + slen - 4, "/shm", 4) != 0)
		return NULL;
	if (contains(source, slen, "/sandboxes/"))
		return &containerd;
	if (contains(source, slen, "/userdata/"))
		return &crio;
	return NULL;
}

enum oc_mount_type
mount_type_of(const char *source, size_t slen, const char *type, size_t tlen,
    int bind)
{
	static const struct {
		const char *dir;
		enum oc_mount_type type;
	} kubelet[] = {
		{ "kubernetes.io~empty-dir/", OC_MT_EMPTYDIR },
		{ "kubernetes.io~configmap/", OC_MT_CONFIGMAP },
		{ "kubernetes.io~secret/", OC_MT_SECRET },
		{ "kubernetes.io~projected/", OC_MT_PROJECTED },
		{ "kubernetes.io~downward-api/", OC_MT_DOWNWARDAPI },
	};
	size_t i;

	/* The kubelet bind-mounts a subPath from its own directory,
	 * whatever volume it is part of. */
	if (contains(source, slen, "/volume-subpaths/"))
		return OC_MT_SUBPATH;
	for (i = 0; i < ARRAY_SIZE(kubelet); i++)
		if (contains(source, slen, kubelet[i].dir))
			return kubelet[i].type;
	/* Any other volume plugin (csi, nfs, local-volume ...) or a CSI
	 * volume directory is a persistent volume. */
	if (contains(source, slen, "/volumes/kubernetes.io~") ||
	    contains(source, slen, "/volumes/"))
		return OC_MT_PVC;
	if (sandbox_shm_runtime(source, slen) != NULL)
		return OC_MT_SANDBOX_SHM;
	if (tlen == 5 && memcmp(type, "tmpfs", 5) == 0)
		return OC_MT_TMPFS;
	if (bind)
		return contains(source, slen, "/kubelet/") ? OC_MT_BIND :
		    OC_MT_HOSTPATH;
	return OC_MT_OTHER;
}

int
mount_type_sized(enum oc_mount_type t)
{
	return t == OC_MT_TMPFS || t == OC_MT_EMPTYDIR || t == OC_MT_ANY ||
	    t == OC_MT_PVC_OR_EMPTYDIR;
}

const char *
mount_type_name(enum oc_mount_type t)
{
	static const char *const names[] = {
		[OC_MT_ANY] = "any",
		[OC_MT_PVC] = "pvc",
		[OC_MT_EMPTYDIR] = "emptyDir",
		[OC_MT_TMPFS] = "tmpfs",
		[OC_MT_CONFIGMAP] = "configMap",
		[OC_MT_SECRET] = "secret",
		[OC_MT_PROJECTED] = "projected",
		[OC_MT_DOWNWARDAPI] = "downwardAPI",
		[OC_MT_HOSTPATH] = "hostPath",
		[OC_MT_SANDBOX_SHM] = "sandbox-shm",
		[OC_MT_BIND] = "bind",
		[OC_MT_OTHER] = "other",
		[OC_MT_SUBPATH] = "a subPath",
		[OC_MT_PVC_OR_EMPTYDIR] = "pvcOrEmptyDir",
	};

	return names[t];
}
