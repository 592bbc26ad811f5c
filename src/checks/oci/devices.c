/* config-linux.md "Devices" (OCI21xx). Minor 0 is a real device number
 * (/dev/tty is 5:0, /dev/sda 8:0): nothing here treats 0 as missing. */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "lx.h"

static const struct oc_node *
dev_list(const struct oc_check_ctx *ctx)
{
	return lx_get(ctx->doc, lx_linux(ctx), "devices", OC_ARRAY);
}

/* The device type with u read as c (both are character devices), or 0. */
static char
dev_type(const struct oc_doc *doc, const struct oc_node *e)
{
	const struct oc_node *t = lx_get(doc, e, "type", OC_STRING);
	size_t len;
	const char *s;

	if (t == NULL)
		return 0;
	s = doc_text(doc, t, &len);
	if (len != 1 || strchr("cbup", s[0]) == NULL || s[0] == '\0')
		return 0;
	return s[0] == 'u' ? 'c' : s[0];
}

/* OCI2101 */
void
check_device_path_absolute(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = dev_list(ctx);
	size_t i, n = list ? doc_count(list) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *p = lx_get(ctx->doc,
		    doc_at(ctx->doc, list, i), "path", OC_STRING);
		struct oc_buf ptr = { 0 }, val = { 0 };
		size_t len;
		const char *s;

		if (p == NULL)
			continue;
		s = doc_text(ctx->doc, p, &len);
		if (path_is_absolute(s, len, 0))
			continue;
		check_report(ctx, OC_AT_VALUE, p,
		    "%s must be the full path of the device "
		    "in the container (got %s)", lx_ptr(ctx->doc, p, &ptr),
		    lx_show(ctx->doc, p, &val));
		buf_free(&ptr);
		buf_free(&val);
	}
}

/* major and minor as integers; -1 when either is absent or not one. */
static int
dev_numbers(const struct oc_doc *doc, const struct oc_node *e, int64_t *ma,
    int64_t *mi)
{
	if (doc_i64(doc, doc_get(doc, e, "major"), ma) < 0 ||
	    doc_i64(doc, doc_get(doc, e, "minor"), mi) < 0)
		return -1;
	return 0;
}

/* Do two entries ask for the same device node? */
static int
dev_same(const struct oc_doc *doc, const struct oc_node *a,
    const struct oc_node *b)
{
	int64_t ama, ami, bma, bmi;
	char ta = dev_type(doc, a), tb = dev_type(doc, b);

	if (ta == 0 || ta != tb)
		return 0;
	if (ta == 'p')
		return 1;
	return dev_numbers(doc, a, &ama, &ami) == 0 &&
	    dev_numbers(doc, b, &bma, &bmi) == 0 && ama == bma && ami == bmi;
}

/* OCI2102: a second, different device at a path already in use. */
void
check_device_path_duplicate(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = dev_list(ctx);
	size_t i, n = list ? doc_count(list) : 0, nk = 0, first = 0;
	struct lx_key *keys;

	if (n < 2)
		return;
	keys = lx_keys_collect(ctx->doc, list, "path", &nk);
	for (i = 1; i < nk; i++) {
		struct oc_buf val = { 0 };

		if (keys[i].len != keys[first].len ||
		    memcmp(keys[i].s, keys[first].s, keys[i].len) != 0) {
			first = i;
			continue;
		}
		if (dev_same(ctx->doc, doc_at(ctx->doc, list, keys[i].idx),
		    doc_at(ctx->doc, list, keys[first].idx)))
			continue;
		check_report(ctx, OC_AT_VALUE, keys[i].n,
		    "/linux/devices/%zu asks for a "
		    "different device at %s than /linux/devices/%zu: the "
		    "runtime must fail when a file at the path does not match "
		    "the device", keys[i].idx, lx_show(ctx->doc, keys[i].n,
		    &val), keys[first].idx);
		buf_free(&val);
	}
	free(keys);
}

/* A device's type (u read as c) and numbers. */
struct devnum {
	char type;
	int64_t major, minor;
	size_t idx;
};

static int
cmp_devnum(const void *pa, const void *pb)
{
	const struct devnum *a = pa, *b = pb;

	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if (a->minor != b->minor)
		return a->minor < b->minor ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* OCI2103 */
void
check_device_number_duplicate(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = dev_list(ctx);
	size_t i, n = list ? doc_count(list) : 0, nd = 0, first = 0;
	struct devnum *v;

	if (n < 2)
		return;
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);
		struct devnum d = { .type = dev_type(ctx->doc, e), .idx = i };

		if (d.type == 0 || d.type == 'p' ||
		    dev_numbers(ctx->doc, e, &d.major, &d.minor) < 0)
			continue;
		v[nd++] = d;
	}
	qsort(v, nd, sizeof(*v), cmp_devnum);
	for (i = 1; i < nd; i++) {
		const struct oc_node *e, *at;

		if (v[i].type != v[first].type ||
		    v[i].major != v[first].major ||
		    v[i].minor != v[first].minor) {
			first = i;
			continue;
		}
		e = doc_at(ctx->doc, list, v[i].idx);
		at = doc_get(ctx->doc, e, "path");
		check_report(ctx, OC_AT_VALUE, at ? at : e,
		    "/linux/devices/%zu is the same "
		    "device (%c %lld:%lld) as /linux/devices/%zu: the same "
		    "type, major and minor should not be used for several "
		    "devices", v[i].idx, v[i].type, (long long)v[i].major,
		    (long long)v[i].minor, v[first].idx);
	}
	free(v);
}


/* OCI2104 */
void
check_device_fifo_numbers(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = dev_list(ctx);
	size_t i, k, n = list ? doc_count(list) : 0;
	static const char *const keys[] = { "major", "minor" };

	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);

		if (dev_type(ctx->doc, e) != 'p')
			continue;
		for (k = 0; k < ARRAY_SIZE(keys); k++) {
			const struct oc_node *v = doc_get(ctx->doc, e, keys[k]);
			int64_t x;

			if (doc_i64(ctx->doc, v, &x) < 0 || x == 0)
				continue;
			check_report(ctx, OC_AT_VALUE, v,
			    "/linux/devices/%zu/%s is %lld "
			    "but the device is a FIFO (type p), which has no "
			    "device number: mknod(2) ignores it, and "
			    "runtime-tools refuses a FIFO with one; leave "
			    "major and minor out", i, keys[k], (long long)x);
		}
	}
}
