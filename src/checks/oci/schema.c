/* The schema pass; see include/ocicheck/schema.h.
 *
 * One walk over the raw document, guided by the table scripts/gen-schema
 * merged from every release's schema. Walking the raw document (not a
 * decoded struct) is what lets required members, unknown and case-variant
 * members and exact integer ranges be seen at all. The walk recurses only
 * where the schema does, so its depth is the schema's (about ten), and it
 * allocates nothing unless it reports.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocicheck/schema.h"
#include "spec.h"

/* How many did-you-mean searches one document may run: each compares the
 * name with every member the object knows, so a hostile file with a
 * million unknown members must not pay for a million searches. */
#define SUGGEST_BUDGET 512

/* Lists remembered by report_legacy. */
#define LEGACY_SEEN 16

/* Slots of the member lookup memo (a power of two). */
#define MEMO_SLOTS 512

/* What holds a value, which decides what a null means. */
enum holder {
	HELD_ELEMENT,		/* array element, map value, the root */
	HELD_OPTIONAL,		/* optional member */
	HELD_REQUIRED,		/* required member */
};

struct walk {
	struct oc_check_ctx *ctx;
	const struct oc_doc *doc;
	char vnote[96];		/* "the config declares 1.0.2" */
	unsigned suggest_budget;
	/* Lists whose elements had a pre-1.0 shape reported, and which
	 * shape: one finding stands for every element (a 0.x seccomp
	 * profile gives each of its hundreds of rules a single name). A
	 * ring: an element may have several shapes (a 0.x mount's name and
	 * path), a config only a few such lists. */
	struct {
		const struct oc_node *list;
		const struct oc_schema_legacy *lg;
	} legacy_seen[LEGACY_SEEN];
	unsigned legacy_next;
	/* The /linux/devices list whose typed fileMode OCI2105 reported. */
	const struct oc_node *filemode_list;
	/* The member last found for a (schema node, position in the object)
	 * pair: the elements of an array of objects (mounts, devices,
	 * syscalls) repeat their names in the same order, so one compare
	 * usually replaces a binary search. */
	const struct oc_schema_member *memo[MEMO_SLOTS];
};

/* The message starts with the pointer; member names come from the input,
 * so they are escaped and cut like any value shown. */
static void
add_pointer(struct walk *w, struct oc_buf *msg, const struct oc_node *n)
{
	struct oc_buf ptr = { 0 };

	doc_pointer(w->doc, n, &ptr);
	if (ptr.len == 0)
		buf_adds(msg, "the config");
	else
		buf_add_display(msg, ptr.s, ptr.len, 160);
	buf_free(&ptr);
}

static void
report_va(struct walk *w, enum oc_rule_id id, enum oc_anchor at,
    const struct oc_node *n, const char *fmt, va_list ap)
{
	struct oc_buf msg = { 0 };
	char *rest = xvasprintf(fmt, ap);

	add_pointer(w, &msg, n);
	buf_addc(&msg, ' ');
	buf_adds(&msg, rest);
	check_report_as(w->ctx, id, -1, at, n, "%s", msg.s);
	free(rest);
	buf_free(&msg);
}

/* Report at n (at its value or member name); the message starts with n's
 * pointer. */
static void OC_PRINTF(5, 6)
report(struct walk *w, enum oc_rule_id id, enum oc_anchor at,
    const struct oc_node *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_va(w, id, at, n, fmt, ap);
	va_end(ap);
}

static const struct oc_schema_legacy *legacy_at(struct walk *w,
    const struct oc_schema_member *mem, const struct oc_node *obj,
    const struct oc_node *m);

/* OCI0023 at member m of obj (known as mem), in pre-1.0 shape lg: an
 * error, except where runtimes ignore the member and nothing is lost (the
 * platform object). When obj is an element of a list whose other elements
 * have the same shape, the first one's finding names how many do, and
 * the rest are not reported. */
static void
report_legacy(struct walk *w, const struct oc_schema_legacy *lg,
    const struct oc_schema_member *mem, const struct oc_node *obj,
    const struct oc_node *m)
{
	const struct oc_node *list = doc_parent(w->doc, obj);
	struct oc_buf msg = { 0 }, ptr = { 0 };
	size_t i, n, same = 0, klen;
	const char *key = doc_key_text(w->doc, m, &klen);

	if (list != NULL && doc_kind(list) == OC_ARRAY) {
		for (i = 0; i < LEGACY_SEEN; i++)
			if (w->legacy_seen[i].list == list &&
			    w->legacy_seen[i].lg == lg)
				return;
		n = doc_count(list);
		for (i = 0; i < n; i++) {
			const struct oc_node *e = doc_at(w->doc, list, i);
			const struct oc_node *em = doc_kind(e) == OC_OBJECT ?
			    doc_getn(w->doc, e, key, klen) : NULL;

			if (em != NULL && legacy_at(w, mem, e, em) == lg)
				same++;
		}
		w->legacy_seen[w->legacy_next].list = list;
		w->legacy_seen[w->legacy_next].lg = lg;
		w->legacy_next = (w->legacy_next + 1) % LEGACY_SEEN;
	}
	add_pointer(w, &msg, m);
	buf_addc(&msg, ' ');
	buf_adds(&msg, lg->msg);
	if (same > 1) {
		doc_pointer(w->doc, list, &ptr);
		buf_printf(&msg, " (the same in %zu of the %zu entries of ",
		    same, doc_count(list));
		buf_add_display(&msg, ptr.s, ptr.len, 160);
		buf_adds(&msg, ", reported here once)");
	}
	check_report_as(w->ctx, OC_R_OCI0023, lg->harmless ? OC_SEV_WARNING :
	    -1, OC_AT_KEY, m, "%s", msg.s);
	buf_free(&ptr);
	buf_free(&msg);
}

/* Report something missing from obj (OCI0101). */
static void OC_PRINTF(3, 4)
report_missing(struct walk *w, const struct oc_node *obj, const char *fmt,
    ...)
{
	struct oc_buf msg = { 0 };
	va_list ap;
	char *rest;

	va_start(ap, fmt);
	rest = xvasprintf(fmt, ap);
	va_end(ap);
	add_pointer(w, &msg, obj);
	buf_addc(&msg, ' ');
	buf_adds(&msg, rest);
	check_report_as(w->ctx, OC_R_OCI0101, -1, OC_AT_OPEN, obj, "%s", msg.s);
	free(rest);
	buf_free(&msg);
}

/* Integers. */

int
schema_int_parse(const char *s, size_t n, struct oc_schema_int *out)
{
	size_t i = 0;

	memset(out, 0, sizeof(*out));
	if (i < n && s[i] == '-') {
		out->neg = 1;
		i++;
	}
	if (i == n)
		return -1;
	for (; i < n; i++) {
		unsigned d;

		if (s[i] < '0' || s[i] > '9')
			return -1;	/* '.', 'e', 'E': not an integer */
		d = (unsigned)(s[i] - '0');
		if (out->mag > (UINT64_MAX - d) / 10)
			out->overflow = 1;
		else if (!out->overflow)
			out->mag = out->mag * 10 + d;
	}
	return 0;
}

int
schema_int_in_range(const struct oc_schema_int *v, int64_t min,
    uint64_t max)
{
	if (v->overflow)
		return 0;
	if (v->neg && v->mag != 0) {
		/* -mag >= min, for min < 0; no negative fits min >= 0. */
		if (min >= 0)
			return 0;
		return v->mag <= (uint64_t)0 - (uint64_t)min;
	}
	if (min > 0 && v->mag < (uint64_t)min)
		return 0;
	return v->mag <= max;
}

/* Patterns. Each matcher is exactly its ECMA-262 pattern, where $ matches
 * only at the very end of the string. */

static int
all_in(const char *s, size_t n, const char *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || strchr(set, s[i]) == NULL)
			return 0;
	return 1;
}

#define DIGITS "0123456789"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

int
schema_pattern_match(int p, const char *s, size_t n)
{
	switch (p) {
	case OC_PAT_PAGE_SIZE:		/* ^[1-9][0-9]*[KMG]B$ */
		return n >= 3 && s[0] >= '1' && s[0] <= '9' &&
		    all_in(s + 1, n - 3, DIGITS) &&
		    (s[n - 2] == 'K' || s[n - 2] == 'M' || s[n - 2] == 'G') &&
		    s[n - 1] == 'B';
	case OC_PAT_RLIMIT:		/* ^RLIMIT_[A-Z]+$ */
		return n > 7 && memcmp(s, "RLIMIT_", 7) == 0 &&
		    all_in(s + 7, n - 7, UPPER);
	case OC_PAT_MEMBW:		/* ^MB:[^\n]*$ */
		return n >= 3 && memcmp(s, "MB:", 3) == 0 &&
		    memchr(s + 3, '\n', n - 3) == NULL;
	case OC_PAT_CPU_LIST:		/* ^[0-9, -]*$ */
		return all_in(s, n, DIGITS ", -");
	case OC_PAT_DEVICE_TYPE:	/* ^[cbup]$ */
		return n == 1 && s[0] != '\0' && strchr("cbup", s[0]) != NULL;
	default:
		return 1;
	}
}

static const char *const pattern_text[OC_NPATTERNS] = {
	[OC_PAT_PAGE_SIZE] = "^[1-9][0-9]*[KMG]B$",
	[OC_PAT_RLIMIT] = "^RLIMIT_[A-Z]+$",
	[OC_PAT_MEMBW] = "^MB:[^\\n]*$",
	[OC_PAT_CPU_LIST] = "^[0-9, -]*$",
	[OC_PAT_DEVICE_TYPE] = "^[cbup]$",
};

/* What each pattern means and why it matters, for the message. */
static const char *const pattern_hint[OC_NPATTERNS] = {
	[OC_PAT_PAGE_SIZE] = "a size with an upper-case unit such as 2MB or "
	    "1GB, from which runtimes build the hugetlb cgroup file names",
	[OC_PAT_RLIMIT] = "an upper-case RLIMIT_ name such as RLIMIT_NOFILE; "
	    "runc and crun refuse other names",
	[OC_PAT_MEMBW] = "one line starting with MB:, such as MB:0=70, which "
	    "runtimes write to the resctrl schemata file",
	[OC_PAT_CPU_LIST] = "a CPU list of digits, commas, dashes and "
	    "spaces such as 0-3,7",
	[OC_PAT_DEVICE_TYPE] = "one of c, b, u or p; runtimes refuse other "
	    "device types",
};

/* Names. */

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* memcmp order; names are short and differ early, so a plain loop beats
 * a call. */
static int
name_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i, n = an < bn ? an : bn;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
	return an < bn ? -1 : an > bn;
}

const struct oc_schema_member *
schema_member_find(const struct oc_schema_node *node, const char *name,
    size_t len)
{
	const struct oc_schema_member *m = &oc_schema_members[node->members];
	size_t lo = 0, hi = node->nmembers;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = name_cmp(name, len, m[mid].name, m[mid].len);

		if (c == 0)
			return &m[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const struct oc_schema_enum *
enum_find(const struct oc_schema_node *node, const char *s, size_t len)
{
	const struct oc_schema_enum *e = &oc_schema_enums[node->enums];
	size_t lo = 0, hi = node->nenums;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = name_cmp(s, len, e[mid].value, e[mid].len);

		if (c == 0)
			return &e[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static int
same_but_case(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lower(a[i]) != lower(b[i]))
			return 0;
	return 1;
}

/* A member of node in the releases of vmask that matches name only when
 * case is ignored: Go's encoding/json would decode into it. */
static const struct oc_schema_member *
case_variant(const struct oc_schema_node *node, const char *name,
    size_t len, unsigned vmask)
{
	const struct oc_schema_member *m = &oc_schema_members[node->members];
	size_t i;

	for (i = 0; i < node->nmembers; i++)
		if ((m[i].vmask & vmask) && m[i].len == len &&
		    memcmp(m[i].name, name, len) != 0 &&
		    same_but_case(m[i].name, name, len))
			return &m[i];
	return NULL;
}

/* The known member (of any release) closest to name, if close enough. */
static const struct oc_schema_member *
suggest_member(struct walk *w, const struct oc_schema_node *node,
    const char *name, size_t len)
{
	const struct oc_schema_member *m = &oc_schema_members[node->members];
	const struct oc_schema_member *best = NULL;
	size_t i, d, limit = text_distance_limit(len), bestd = SIZE_MAX;

	if (w->suggest_budget == 0)
		return NULL;
	w->suggest_budget--;
	for (i = 0; i < node->nmembers; i++) {
		if (m[i].vmask == 0)
			continue;
		d = text_distance(name, len, m[i].name, m[i].len);
		if (d <= limit && d < bestd) {
			best = &m[i];
			bestd = d;
		}
	}
	return best;
}

static const struct oc_schema_enum *
suggest_enum(struct walk *w, const struct oc_schema_node *node,
    const char *s, size_t len, unsigned vbit)
{
	const struct oc_schema_enum *e = &oc_schema_enums[node->enums];
	const struct oc_schema_enum *best = NULL;
	size_t i, d, limit = text_distance_limit(len), bestd = SIZE_MAX;

	if (w->suggest_budget == 0)
		return NULL;
	w->suggest_budget--;
	for (i = 0; i < node->nenums; i++) {
		if (!(e[i].vmask & vbit))
			continue;
		d = text_distance(s, len, e[i].value, e[i].len);
		if (d <= limit && d < bestd) {
			best = &e[i];
			bestd = d;
		}
	}
	return best;
}

/* Releases. */

static int
lowest(unsigned vmask)
{
	return __builtin_ctz(vmask);
}

static int
highest(unsigned vmask)
{
	return 31 - __builtin_clz(vmask);
}

/* "was added in 1.2.0", "was removed in 1.0.1", "exists only in 1.1.0
 * to 1.2.1", "exists only in 1.0.0, 1.3.0". */
static void
add_releases(struct oc_buf *b, unsigned vmask)
{
	int lo = lowest(vmask), hi = highest(vmask), v;
	unsigned span = (OC_VBIT(hi + 1) - 1) & ~(OC_VBIT(lo) - 1);

	if (vmask == span && hi == OC_NVERSIONS - 1) {
		buf_printf(b, "was added in %s", oc_spec_version_names[lo]);
	} else if (vmask == span && lo == 0) {
		buf_printf(b, "was removed in %s",
		    oc_spec_version_names[hi + 1]);
	} else if (vmask == span) {
		buf_printf(b, "exists only in %s", oc_spec_version_names[lo]);
		if (hi > lo)
			buf_printf(b, " to %s", oc_spec_version_names[hi]);
	} else {
		buf_adds(b, "exists only in ");
		for (v = lo; v <= hi; v++)
			if (vmask & OC_VBIT(v))
				buf_printf(b, "%s%s", v > lo ? ", " : "",
				    oc_spec_version_names[v]);
	}
}

/* Is something of vmask, absent from release v, the config's own because
 * ociVersion is the development line after v and the next release has
 * it (specver_dev_line)? */
static int
dev_line_has(const struct walk *w, unsigned vmask, unsigned v)
{
	return w->ctx->version_dev && v == (unsigned)w->ctx->version &&
	    v + 1 < OC_NVERSIONS && (vmask & OC_VBIT(v + 1));
}

/* The release nearest to v among vmask: the oldest newer one, else the
 * newest older one. A member of another release is checked as that
 * release defines it. */
static unsigned
nearest(unsigned vmask, unsigned v)
{
	unsigned newer = vmask & ~(OC_VBIT(v + 1) - 1);

	return newer ? (unsigned)lowest(newer) : (unsigned)highest(vmask);
}

static void
version_note(struct walk *w)
{
	const struct oc_node *ov = doc_get(w->doc, w->ctx->root, "ociVersion");
	struct oc_buf b = { 0 };
	struct oc_semver sv;
	size_t len;
	const char *s = doc_str(w->doc, ov, &len);

	if (s != NULL && semver_parse(s, len, &sv) == 0 && sv.major == 1 &&
	    specver_select(&sv) == (int)w->ctx->version) {
		buf_adds(&b, "the config declares ");
		buf_add_display(&b, s, len, 40);
	} else {
		buf_printf(&b, "checked against %s",
		    oc_spec_version_names[w->ctx->version]);
	}
	snprintf(w->vnote, sizeof(w->vnote), "%s", b.s);
	buf_free(&b);
}

/* Types. */

static const struct oc_schema_type *
node_type(const struct oc_schema_node *node, unsigned vbit)
{
	size_t i;

	for (i = 0; i < node->ntypes; i++)
		if (oc_schema_types[node->types + i].vmask & vbit)
			return &oc_schema_types[node->types + i];
	return NULL;
}

/* The range of an integer node in release v. Where v's schema gives a
 * bare "integer" and a later release names the type (blockIO weight
 * became a uint16 in 1.0.2), the named range applies: it is what runtimes
 * decode the value into whatever ociVersion says. */
static const struct oc_schema_range *
node_range(const struct oc_schema_node *node, const struct oc_schema_type *t,
    unsigned v)
{
	const struct oc_schema_type *best = NULL;
	unsigned bestv = 0;
	size_t i;

	if (!oc_schema_ranges[t->range].implicit)
		return &oc_schema_ranges[t->range];
	for (i = 0; i < node->ntypes; i++) {
		const struct oc_schema_type *o =
		    &oc_schema_types[node->types + i];
		unsigned ov;

		if (!(o->jtypes & OC_JT_INTEGER) ||
		    oc_schema_ranges[o->range].implicit)
			continue;
		ov = nearest(o->vmask, v);
		if (best == NULL || (ov > v ? ov - v : v - ov) <
		    (bestv > v ? bestv - v : v - bestv)) {
			best = o;
			bestv = ov;
		}
	}
	return &oc_schema_ranges[(best ? best : t)->range];
}

/* "a string", "an integer or a string". */
static void
add_types(struct oc_buf *b, unsigned jt)
{
	static const struct {
		unsigned bits;
		const char *name;
	} names[] = {
		{ OC_JT_STRING, "a string" },
		{ OC_JT_NUMBER, "a number" },
		{ OC_JT_INTEGER, "an integer" },
		{ OC_JT_BOOLEAN, "a boolean" },
		{ OC_JT_ARRAY, "an array" },
		{ OC_JT_OBJECT, "an object" },
		{ OC_JT_NULL, "null" },
	};
	const char *pick[ARRAY_SIZE(names)];
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if ((jt & names[i].bits) != names[i].bits)
			continue;
		pick[n++] = names[i].name;
		jt &= ~names[i].bits;
	}
	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
		    pick[i]);
}

static const char *
kind_phrase(enum oc_kind k)
{
	switch (k) {
	case OC_NULL: return "null";
	case OC_BOOL: return "a boolean";
	case OC_NUMBER: return "a number";
	case OC_STRING: return "a string";
	case OC_ARRAY: return "an array";
	case OC_OBJECT: return "an object";
	}
	return "?";
}

/* What runc's Go decoder puts in place of a missing member. */
static const char *
zero_value(const struct oc_schema_type *t)
{
	if (t == NULL)
		return "its zero value";
	switch (t->jtypes) {
	case OC_JT_INTEGER:
	case OC_JT_NUMBER: return "0";
	case OC_JT_STRING: return "an empty string";
	case OC_JT_BOOLEAN: return "false";
	case OC_JT_ARRAY: return "an empty list";
	case OC_JT_OBJECT: return "an empty object";
	}
	return "its zero value";
}

static void walk_value(struct walk *w, uint16_t ni, const struct oc_node *n,
    unsigned v, enum holder held);
static void wrong_type(struct walk *w, const struct oc_schema_type *t,
    const struct oc_node *n, unsigned v, unsigned have, enum holder held);
static int required_here(struct walk *w, const struct oc_schema_member *mem,
    const struct oc_node *obj, unsigned vbit);

/* int8 ... uint64: a type runc and crun decode the value into. */
static int
is_c_type(const char *name)
{
	static const char *const names[] = {
		"int8", "int16", "int32", "int64",
		"uint8", "uint16", "uint32", "uint64",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

/* File-type bits (S_IFCHR, S_IFBLK, S_IFIFO) in a device's fileMode. */
static const struct {
	uint64_t bits;
	const char *types;	/* device types they fit */
	const char *name;
} file_types[] = {
	{ 0020000, "cu", "a character device (S_IFCHR)" },
	{ 0060000, "b", "a block device (S_IFBLK)" },
	{ 0010000, "p", "a FIFO (S_IFIFO)" },
};

/* The file type whose bits are the part of a mode above 07777, when the
 * rest is plain permissions. */
static int
file_type_of(const struct oc_schema_int *iv)
{
	size_t i;

	if (iv->neg || iv->overflow || (iv->mag & 07777) > 0777)
		return -1;
	for (i = 0; i < ARRAY_SIZE(file_types); i++)
		if ((iv->mag & ~(uint64_t)07777) == file_types[i].bits)
			return (int)i;
	return -1;
}

/* Docker writes a device's fileMode with its file-type bits (8576 is
 * S_IFCHR | 0600). The schema's range refuses that, but runc and crun OR
 * the type bits in for mknod(2) anyway, so a value whose extra bits are
 * the file type the device's own type names works: no finding. */
static int
filemode_typed(struct walk *w, const struct oc_node *n,
    const struct oc_schema_int *iv)
{
	const struct oc_node *type;
	int ft = file_type_of(iv);
	size_t len;
	const char *s;

	if (ft < 0)
		return 0;
	type = doc_get(w->doc, doc_parent(w->doc, n), "type");
	s = doc_str(w->doc, type, &len);
	return s != NULL && len == 1 && s[0] != '\0' &&
	    strchr(file_types[ft].types, s[0]) != NULL;
}

/* Is n a member named key? */
static int
key_is(struct walk *w, const struct oc_node *n, const char *key)
{
	size_t len;
	const char *k = doc_key_text(w->doc, n, &len);

	return k != NULL && len == strlen(key) && memcmp(k, key, len) == 0;
}

/* Is n a member of an element of /linux/devices? */
static int
in_linux_devices(struct walk *w, const struct oc_node *n)
{
	const struct oc_node *list = doc_parent(w->doc, doc_parent(w->doc, n));
	const struct oc_node *lx = doc_parent(w->doc, list);

	return list != NULL && lx != NULL &&
	    doc_parent(w->doc, lx) == w->ctx->root &&
	    key_is(w, list, "devices") && key_is(w, lx, "linux");
}

/* OCI2105: a Linux device's fileMode with the file-type bits of its own
 * type (dockerd and rancher-os write 8624, S_IFCHR | 0660). The schema of
 * every release refuses it, so validators fail the file, but runc and crun
 * OR the type bits of type into the mode for mknod(2) (crun
 * src/libcrun/linux.c, libcrun_create_dev: "device->file_mode | type"),
 * so only the permission bits take effect. */
static void
report_filemode_typed(struct walk *w, const struct oc_node *n,
    const struct oc_schema_range *r, const struct oc_schema_int *iv)
{
	const struct oc_node *list = doc_parent(w->doc, doc_parent(w->doc, n));
	struct oc_buf more = { 0 }, ptr = { 0 };
	int ft = file_type_of(iv);
	size_t i, cnt = doc_count(list), same = 0, len;

	/* dockerd writes every device so: one finding for the list. */
	if (!in_linux_devices(w, n) || w->filemode_list == list)
		return;
	w->filemode_list = list;
	for (i = 0; i < cnt; i++) {
		const struct oc_node *fm = doc_get(w->doc,
		    doc_at(w->doc, list, i), "fileMode");
		struct oc_schema_int e;
		const char *s;

		if (fm == NULL || doc_kind(fm) != OC_NUMBER)
			continue;
		s = doc_text(w->doc, fm, &len);
		if (schema_int_parse(s, len, &e) == 0 &&
		    !schema_int_in_range(&e, r->min, r->max) &&
		    filemode_typed(w, fm, &e))
			same++;
	}
	if (same > 1) {
		doc_pointer(w->doc, list, &ptr);
		buf_printf(&more, " (the same in %zu of the %zu entries of ",
		    same, cnt);
		buf_add_display(&more, ptr.s, ptr.len, 160);
		buf_adds(&more, ", reported here once)");
	}
	report(w, OC_R_OCI2105, OC_AT_VALUE, n,
	    "is %llu, that is 0%llo: it carries the "
	    "file-type bits of %s, which the schema refuses (FileMode is %lld "
	    "to %llu), so a schema validator fails the file; runc and crun "
	    "keep only the permission bits 0%llo and take the file type from "
	    "type: write %llu%s", (unsigned long long)iv->mag,
	    (unsigned long long)iv->mag, file_types[ft].name,
	    (long long)r->min, (unsigned long long)r->max,
	    (unsigned long long)(iv->mag & 0777),
	    (unsigned long long)(iv->mag & 0777), more.len ? more.s : "");
	buf_free(&ptr);
	buf_free(&more);
}

static void
check_range(struct walk *w, const struct oc_node *n,
    const struct oc_schema_range *r, const struct oc_schema_int *iv)
{
	struct oc_buf b = { 0 }, shown = { 0 };
	int uns;

	if (!iv->neg && schema_int_in_range(iv, r->min, r->max))
		return;		/* the common case, without name lookups */
	uns = strncmp(r->name, "uint", 4) == 0;
	/* Go's ParseUint refuses "-0" although it is in range. */
	if (schema_int_in_range(iv, r->min, r->max) && !(uns && iv->neg))
		return;
	if (strcmp(r->name, "FileMode") == 0 && filemode_typed(w, n, iv)) {
		report_filemode_typed(w, n, r, iv);
		return;
	}
	doc_show(w->doc, n, &shown);
	if (r->implicit) {
		buf_printf(&b, "does not fit in a 64-bit integer (got %s): "
		    "runc decodes it into a Go int and refuses the config",
		    shown.s);
	} else if (is_c_type(r->name)) {
		buf_printf(&b, "must be %s %s (%lld to %llu), got %s: ",
		    r->name[0] == 'i' ? "an" : "a", r->name,
		    (long long)r->min, (unsigned long long)r->max,
		    shown.s);
		if (uns && iv->neg && iv->mag == 0)
			buf_adds(&b, "runc refuses the config (Go's decoder "
			    "does not take -0 for an unsigned number)");
		else if (uns && iv->neg && !iv->overflow &&
		    strcmp(r->name, "uint64") == 0)
			buf_printf(&b, "runc refuses the config (Go cannot "
			    "store a negative number in a uint64) while "
			    "crun's libocispec silently reads it as %llu",
			    (unsigned long long)(0 - iv->mag));
		else if (uns && iv->neg)
			buf_printf(&b, "runc refuses the config (Go cannot "
			    "store a negative number in a %s) and so does "
			    "crun's libocispec", r->name);
		else
			buf_printf(&b, "runc refuses the config (the value "
			    "overflows Go's %s)", r->name);
	} else if (r->max >= (uint64_t)INT64_MAX) {
		buf_printf(&b, "must be at least %lld, got %s",
		    (long long)r->min, shown.s);
	} else {
		buf_printf(&b, "must be %lld to %llu (%s), got %s",
		    (long long)r->min, (unsigned long long)r->max, r->name,
		    shown.s);
		if (strcmp(r->name, "FileMode") == 0 &&
		    file_type_of(iv) >= 0) {
			buf_printf(&b, ": it carries the file-type bits of "
			    "%s, which do not match the device's type, and "
			    "runtimes pass them to mknod(2)",
			    file_types[file_type_of(iv)].name);
		} else if (strcmp(r->name, "FileMode") == 0 && !iv->neg &&
		    !iv->overflow) {
			size_t len, i;
			const char *s = doc_text(w->doc, n, &len);
			uint64_t oct = 0;

			for (i = 0; i < len && s[i] >= '0' && s[i] <= '7' &&
			    oct <= 0777; i++)
				oct = oct * 8 + (uint64_t)(s[i] - '0');
			buf_printf(&b, ": the mode is decimal, so this is "
			    "mode 0%llo", (unsigned long long)iv->mag);
			if (i == len && oct <= 0777)
				buf_printf(&b, "; for 0%.*s write %llu",
				    (int)len, s, (unsigned long long)oct);
		}
	}
	report(w, OC_R_OCI0104, OC_AT_VALUE, n, "%s", b.s);
	buf_free(&shown);
	buf_free(&b);
}

static void
check_enum(struct walk *w, const struct oc_schema_node *node,
    const struct oc_node *n, unsigned vbit)
{
	const struct oc_schema_enum *e, *all = &oc_schema_enums[node->enums];
	struct oc_buf b = { 0 }, shown = { 0 };
	size_t len, i, nvalid = 0;
	const char *s = doc_text(w->doc, n, &len);

	e = enum_find(node, s, len);
	if (e != NULL && (e->vmask & vbit || e->vmask == 0 ||
	    dev_line_has(w, e->vmask, (unsigned)lowest(vbit))))
		return;
	/* Without an enum in this release, a value counts when some release
	 * lists it, unless it came after the enum itself (a runtime of this
	 * release predates it too). */
	if (e != NULL && !(node->enum_vmask & vbit) &&
	    lowest(e->vmask) == lowest(node->enum_vmask))
		return;
	doc_show(w->doc, n, &shown);
	if (e != NULL) {
		buf_printf(&b, "%s ", shown.s);
		add_releases(&b, e->vmask);
		report(w, OC_R_OCI0022, OC_AT_VALUE, n,
		    "%s; %s: a runtime that implements "
		    "only that release may refuse it", b.s, w->vnote);
		goto out;
	}
	if (!(node->enum_vmask & vbit))
		vbit = OC_VBIT(nearest(node->enum_vmask,
		    (unsigned)lowest(vbit)));
	for (i = 0; i < node->nenums; i++)
		nvalid += (all[i].vmask & vbit) != 0;
	if (nvalid <= 8) {
		int first = 1;

		buf_adds(&b, "must be one of ");
		for (i = 0; i < node->nenums; i++) {
			if (!(all[i].vmask & vbit))
				continue;
			buf_printf(&b, "%s%s", first ? "" : ", ",
			    all[i].value);
			first = 0;
		}
	} else {
		buf_adds(&b, "is not a value the spec defines");
	}
	buf_printf(&b, " (got %s", shown.s);
	e = suggest_enum(w, node, s, len, vbit);
	if (e != NULL)
		buf_printf(&b, "; did you mean %s?", e->value);
	buf_adds(&b, "): runtimes refuse unknown values or ignore the "
	    "setting");
	report(w, OC_R_OCI0102, OC_AT_VALUE, n, "%s", b.s);
out:
	buf_free(&shown);
	buf_free(&b);
}

static void
check_string(struct walk *w, const struct oc_schema_node *node,
    const struct oc_node *n, unsigned vbit)
{
	struct oc_buf shown = { 0 };
	size_t len;
	const char *s;

	if (node->enum_vmask != 0)
		check_enum(w, node, n, vbit);
	/* A pattern a later release wrote down applies to earlier ones too:
	 * runtimes parse the value the same way whatever ociVersion says. */
	if (node->pattern == OC_PAT_NONE)
		return;
	s = doc_text(w->doc, n, &len);
	if (schema_pattern_match(node->pattern, s, len))
		return;
	doc_show(w->doc, n, &shown);
	report(w, OC_R_OCI0103, OC_AT_VALUE, n, "must match %s (got %s): %s",
	    pattern_text[node->pattern], shown.s,
	    pattern_hint[node->pattern]);
	buf_free(&shown);
}

static void
check_array(struct walk *w, const struct oc_schema_node *node,
    const struct oc_node *n, unsigned v)
{
	const struct oc_schema_node *in;
	const struct oc_schema_type *t;
	size_t i, cnt = doc_count(n);
	int plain;

	/* Like patterns, a minimum of a later release applies to all. */
	if (node->min_items_vmask != 0 && cnt < node->min_items)
		report(w, OC_R_OCI0105, OC_AT_VALUE, n, "must have at least %u "
		    "entr%s (got %zu): an empty list here is refused by "
		    "runtimes or silently does nothing", node->min_items,
		    node->min_items == 1 ? "y" : "ies", cnt);
	if (node->items == 0 || !(node->items_vmask & OC_VBIT(v)))
		return;
	if (node->items_tuple && cnt > 1)
		cnt = 1;
	in = &oc_schema_nodes[node->items];
	t = node_type(in, OC_VBIT(v));
	if (t == NULL)
		return;		/* anything goes */
	/* A string where any string will do needs no walk: the common
	 * lists (args, env, capabilities, options) cost a compare each. */
	plain = (t->jtypes & OC_JT_STRING) && in->enum_vmask == 0 &&
	    in->pattern == OC_PAT_NONE;
	for (i = 0; i < cnt; i++) {
		const struct oc_node *e = doc_at(w->doc, n, i);

		if (!plain || doc_kind(e) != OC_STRING)
			walk_value(w, node->items, e, v, HELD_ELEMENT);
	}
}

/* Is a member of obj named name present? */
static int
has_member(struct walk *w, const struct oc_node *obj, const char *name)
{
	return doc_get(w->doc, obj, name) != NULL;
}

/* The JSON type bits of a value: a number is OC_JT_INTEGER when its text
 * is an integer literal, OC_JT_FRACTION otherwise. */
static unsigned
value_jtype(const struct oc_doc *doc, const struct oc_node *n,
    struct oc_schema_int *iv)
{
	size_t len;
	const char *s;

	switch (doc_kind(n)) {
	case OC_NULL: return OC_JT_NULL;
	case OC_BOOL: return OC_JT_BOOLEAN;
	case OC_STRING: return OC_JT_STRING;
	case OC_ARRAY: return OC_JT_ARRAY;
	case OC_OBJECT: return OC_JT_OBJECT;
	case OC_NUMBER:
		s = doc_text(doc, n, &len);
		return schema_int_parse(s, len, iv) == 0 ? OC_JT_INTEGER :
		    OC_JT_FRACTION;
	}
	return 0;
}

/* The pre-1.0 shape that member m of obj (known as mem) is, or NULL. */
static const struct oc_schema_legacy *
legacy_at(struct walk *w, const struct oc_schema_member *mem,
    const struct oc_node *obj, const struct oc_node *m)
{
	const struct oc_schema_legacy *lg;
	struct oc_schema_int iv;

	if (mem == NULL || mem->legacy == 0)
		return NULL;
	lg = &oc_schema_legacy[mem->legacy - 1];
	if (!(lg->kinds & value_jtype(w->doc, m, &iv)))
		return NULL;
	if (lg->replaces != NULL && has_member(w, obj, lg->replaces))
		return NULL;
	return lg;
}

/* OCI0021 at m, spelt like member cv but for case. */
static void
report_case_variant(struct walk *w, const struct oc_schema_member *cv,
    const struct oc_node *m, unsigned vbit)
{
	const struct oc_node *obj = doc_parent(w->doc, m);
	/* What crun sees: no such member, which matters when the spec
	 * requires it and the exact spelling is absent. */
	int lost = required_here(w, cv, obj, vbit) &&
	    doc_getn(w->doc, obj, cv->name, cv->len) == NULL;

	report(w, OC_R_OCI0021, OC_AT_KEY, m,
	    "matches the member %s only when case is "
	    "ignored: runc's Go decoder reads it as %s, crun ignores it%s%s%s",
	    cv->name, cv->name, lost ? ", so to crun the required member " :
	    "", lost ? cv->name : "", lost ? " is missing" : "");
}

static void
report_unknown(struct walk *w, const struct oc_schema_node *node,
    const struct oc_node *m, const char *key, size_t klen, unsigned vbit)
{
	const struct oc_schema_member *cv, *sug;

	cv = case_variant(node, key, klen, OC_VALL);
	if (cv != NULL) {
		report_case_variant(w, cv, m, vbit);
		return;
	}
	sug = suggest_member(w, node, key, klen);
	if (sug != NULL)
		report(w, OC_R_OCI0020, OC_AT_KEY, m,
		    "is not a member any runtime-spec "
		    "release defines (did you mean %s?): runtimes ignore "
		    "unknown members, so it has no effect", sug->name);
	else
		report(w, OC_R_OCI0020, OC_AT_KEY, m,
		    "is not a member any runtime-spec "
		    "release defines: runtimes ignore unknown members, so it "
		    "has no effect");
}

/* How member m of obj holds its value. That only matters for a null,
 * so the requirement (which may look at obj's other members) is looked
 * up for a null alone. */
/* schema_member_find through the memo; pos is the member's position in
 * the object. */
static const struct oc_schema_member *
member_lookup(struct walk *w, const struct oc_schema_node *node,
    const char *key, size_t klen, size_t pos)
{
	size_t slot = ((size_t)(node - oc_schema_nodes) * 8 + pos) %
	    MEMO_SLOTS;
	const struct oc_schema_member *m = w->memo[slot];

	if (m != NULL && m->len == klen &&
	    (size_t)(m - oc_schema_members) - node->members < node->nmembers &&
	    memcmp(m->name, key, klen) == 0)
		return m;
	m = schema_member_find(node, key, klen);
	if (m != NULL)
		w->memo[slot] = m;
	return m;
}

static enum holder
holder_of(struct walk *w, const struct oc_schema_member *mem,
    const struct oc_node *obj, const struct oc_node *m, unsigned vbit)
{
	if (doc_kind(m) != OC_NULL)
		return HELD_OPTIONAL;
	return required_here(w, mem, obj, vbit) ? HELD_REQUIRED :
	    HELD_OPTIONAL;
}

/* Walk member m of obj; returns the schema member whose name it has
 * exactly, or NULL. */
static const struct oc_schema_member *
walk_member(struct walk *w, const struct oc_schema_node *node,
    const struct oc_node *obj, const struct oc_node *m, size_t pos,
    unsigned v)
{
	const struct oc_schema_member *mem, *cv;
	const struct oc_schema_legacy *lg;
	struct oc_buf b = { 0 };
	unsigned vbit = OC_VBIT(v);
	size_t klen;
	const char *key = doc_key_text(w->doc, m, &klen);

	mem = member_lookup(w, node, key, klen, pos);
	lg = legacy_at(w, mem, obj, m);
	if (lg != NULL) {
		report_legacy(w, lg, mem, obj, m);
		return mem;
	}
	if (mem != NULL && (mem->vmask & vbit)) {
		if (!mem->owned)
			walk_value(w, mem->node, m, v,
			    holder_of(w, mem, obj, m, vbit));
		return mem;
	}
	if (node->map != 0 && (node->map_vmask & vbit)) {
		if (!node->map_nonempty || klen > 0)
			walk_value(w, node->map, m, v, HELD_ELEMENT);
		return mem;
	}
	if (mem == NULL || mem->vmask == 0) {
		report_unknown(w, node, m, key, klen, vbit);
		return mem;
	}
	/* A member of other releases that a release renamed by case alone
	 * (1.0.0's throttleReadIopsDevice, throttleReadIOPSDevice since
	 * 1.0.1). The newer spelling is what every runtime reads, whatever
	 * ociVersion says; the older one only Go's decoder matches. */
	cv = case_variant(node, key, klen, vbit);
	if (cv != NULL && lowest(mem->vmask) > highest(cv->vmask)) {
		walk_value(w, cv->node, m, v, holder_of(w, cv, obj, m, vbit));
		return mem;
	}
	if (cv != NULL) {
		report_case_variant(w, cv, m, vbit);
		return mem;
	}
	if (dev_line_has(w, mem->vmask, v)) {
		v++;
		walk_value(w, mem->node, m, v,
		    holder_of(w, mem, obj, m, OC_VBIT(v)));
		return mem;
	}
	add_releases(&b, mem->vmask);
	report(w, OC_R_OCI0022, OC_AT_KEY, m,
	    "%s; %s: runtimes that implement only "
	    "that release ignore it", b.s, w->vnote);
	buf_free(&b);
	v = nearest(mem->vmask, v);
	walk_value(w, mem->node, m, v, holder_of(w, mem, obj, m, OC_VBIT(v)));
	return mem;
}

/* Is a required member absent only because it is spelt differently (a
 * case variant, already reported) or given in its pre-1.0 shape? */
static int
missing_explained(struct walk *w, const struct oc_schema_node *node,
    const struct oc_node *obj, const struct oc_schema_member *req)
{
	size_t i, n = doc_count(obj), klen;

	for (i = 0; i < n; i++) {
		const struct oc_node *m = doc_at(w->doc, obj, i);
		const char *key = doc_key_text(w->doc, m, &klen);
		const struct oc_schema_member *mem;

		if (klen == req->len && same_but_case(key, req->name, klen))
			return 1;
		mem = schema_member_find(node, key, klen);
		if (mem != NULL && mem->legacy != 0 &&
		    oc_schema_legacy[mem->legacy - 1].replaces != NULL &&
		    strcmp(oc_schema_legacy[mem->legacy - 1].replaces,
		    req->name) == 0)
			return 1;
	}
	return 0;
}

/* Does a requirement of node hold for obj? */
static int
required_here(struct walk *w, const struct oc_schema_member *mem,
    const struct oc_node *obj, unsigned vbit)
{
	size_t len;
	const char *s;

	if (!(mem->required & vbit) || mem->owned)
		return 0;
	switch (mem->cond) {
	case OC_REQ_POSIX:
		return w->ctx->platform != OC_PLATFORM_WINDOWS;
	case OC_REQ_UNLESS_FIFO:
		s = doc_str(w->doc, doc_get(w->doc, obj, "type"), &len);
		return !(s != NULL && len == 1 && s[0] == 'p');
	default:
		return 1;
	}
}

/* The releases a node exists in. */
static unsigned
node_vmask(const struct oc_schema_node *node)
{
	unsigned m = 0;
	size_t i;

	for (i = 0; i < node->ntypes; i++)
		m |= oc_schema_types[node->types + i].vmask;
	return m;
}

static void
check_object(struct walk *w, const struct oc_schema_node *node,
    const struct oc_node *n, unsigned v)
{
	const struct oc_schema_member *mem = &oc_schema_members[node->members];
	unsigned vbit = OC_VBIT(v), exist;
	size_t i, cnt = doc_count(n);
	uint64_t seen = 0;	/* members present, for the first 64 */

	if (node->free_vmask & vbit)
		return;
	for (i = 0; i < cnt; i++) {
		const struct oc_schema_member *f = walk_member(w, node, n,
		    doc_at(w->doc, n, i), i, v);

		if (f != NULL && f - mem < 64)
			seen |= (uint64_t)1 << (f - mem);
	}
	for (i = 0; i < node->nmembers; i++) {
		const struct oc_schema_type *t;
		char who[32];

		if (!(mem[i].required & vbit) || mem[i].owned)
			continue;	/* never required: the usual case */
		if (i < 64 ? (seen >> i & 1) != 0 :
		    doc_getn(w->doc, n, mem[i].name, mem[i].len) != NULL)
			continue;
		if (!required_here(w, &mem[i], n, vbit) ||
		    missing_explained(w, node, n, &mem[i]))
			continue;
		exist = node_vmask(node);
		if ((mem[i].required & exist) == exist)
			snprintf(who, sizeof(who), "the spec");
		else
			snprintf(who, sizeof(who), "release %s",
			    oc_spec_version_names[v]);
		if (mem[i].note != 0) {
			report_missing(w, n, "is missing %s, which %s "
			    "requires: %s", mem[i].name, who,
			    oc_schema_notes[mem[i].note - 1]);
			continue;
		}
		t = node_type(&oc_schema_nodes[mem[i].node], vbit);
		report_missing(w, n, "is missing %s, which %s requires: "
		    "runc's Go decoder reads a missing member as %s",
		    mem[i].name, who, zero_value(t));
	}
}

static void
walk_value(struct walk *w, uint16_t ni, const struct oc_node *n, unsigned v,
    enum holder held)
{
	const struct oc_schema_node *node = &oc_schema_nodes[ni];
	const struct oc_schema_type *t = node_type(node, OC_VBIT(v));
	struct oc_schema_int iv;
	unsigned have;

	if (t == NULL)
		return;		/* anything goes */
	have = value_jtype(w->doc, n, &iv);
	if (!(have & t->jtypes)) {
		wrong_type(w, t, n, v, have, held);
		return;
	}
	switch (doc_kind(n)) {
	case OC_STRING:
		check_string(w, node, n, OC_VBIT(v));
		break;
	case OC_NUMBER:
		/* Ranges bound integer fields; a "number" has none. */
		if (have == OC_JT_INTEGER && !(t->jtypes & OC_JT_FRACTION))
			check_range(w, n, node_range(node, t, v), &iv);
		break;
	case OC_ARRAY:
		check_array(w, node, n, v);
		break;
	case OC_OBJECT:
		check_object(w, node, n, v);
		break;
	default:
		break;
	}
}

/* Report a value of a type the schema of release v does not allow (t). */
static void
wrong_type(struct walk *w, const struct oc_schema_type *t,
    const struct oc_node *n, unsigned v, unsigned have, enum holder held)
{
	struct oc_buf b = { 0 };

	if (have == OC_JT_NULL && held == HELD_OPTIONAL)
		return;	/* every runtime reads null as absent */
	if (have == OC_JT_NULL && held == HELD_REQUIRED) {
		report(w, OC_R_OCI0101, OC_AT_VALUE, n,
		    "is null, which runtimes read as "
		    "missing, but release %s requires it",
		    oc_spec_version_names[v]);
		return;
	}
	add_types(&b, t->jtypes);
	if (have == OC_JT_NULL) {
		report(w, OC_R_OCI0100, OC_AT_VALUE, n,
		    "must be %s (got null): runc's Go "
		    "decoder turns it into %s", b.s, zero_value(t));
	} else if (have == OC_JT_FRACTION && (t->jtypes & OC_JT_INTEGER)) {
		struct oc_buf shown = { 0 };

		doc_show(w->doc, n, &shown);
		report(w, OC_R_OCI0100, OC_AT_VALUE, n,
		    "must be %s (got %s, which has a "
		    "fraction or an exponent): runc's Go decoder and crun's "
		    "libocispec refuse it in an integer field", b.s, shown.s);
		buf_free(&shown);
	} else {
		report(w, OC_R_OCI0100, OC_AT_VALUE, n,
		    "must be %s (got %s): runc cannot "
		    "decode it and refuses the config", b.s,
		    kind_phrase(doc_kind(n)));
	}
	buf_free(&b);
}

int
schema_check(struct oc_check_ctx *ctx, struct oc_error **err)
{
	struct walk w = {
		.ctx = ctx,
		.doc = ctx->doc,
		.suggest_budget = SUGGEST_BUDGET,
	};

	(void)err;
	if (ctx->root == NULL || doc_kind(ctx->root) != OC_OBJECT)
		return 0;
	version_note(&w);
	walk_value(&w, oc_schema_root, ctx->root, ctx->version, HELD_ELEMENT);
	return 0;
}
