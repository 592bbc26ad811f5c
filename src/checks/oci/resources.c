/* config-linux.md "Control groups" (OCI22xx) and what runc, crun and the
 * kernel refuse in linux.resources and cgroupsPath (OCI52xx). */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "lx.h"

static const struct oc_node *
res_get(const struct oc_check_ctx *ctx, const char *member, enum oc_kind k)
{
	return lx_get(ctx->doc, lx_get(ctx->doc, lx_linux(ctx), "resources",
	    OC_OBJECT), member, k);
}

/* OCI2201: memory values are bytes, or -1 for unlimited. */
void
check_memory_below_unlimited(struct oc_check_ctx *ctx)
{
	static const char *const fields[] = {
		"limit", "reservation", "swap", "kernel", "kernelTCP",
	};
	const struct oc_node *mem = res_get(ctx, "memory", OC_OBJECT);
	size_t i;

	if (mem == NULL)
		return;
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		const struct oc_node *v = doc_get(ctx->doc, mem, fields[i]);
		int64_t x;

		if (doc_i64(ctx->doc, v, &x) < 0 || x >= -1)
			continue;
		check_report(ctx, OC_AT_VALUE, v,
		    "/linux/resources/memory/%s is %lld: "
		    "memory values are a number of bytes, or -1 for "
		    "unlimited; the kernel rejects other negative values "
		    "(runc fails)", fields[i], (long long)x);
	}
}

/* OCI2202 */
void
check_memory_swappiness(struct oc_check_ctx *ctx)
{
	const struct oc_node *v = doc_get(ctx->doc,
	    res_get(ctx, "memory", OC_OBJECT), "swappiness");
	uint64_t x;

	/* 2^64-1 is how a Go -1 ("unset" to Docker and runc) often lands. */
	if (doc_u64(ctx->doc, v, &x) < 0 || x <= 100 ||
	    x == UINT64_MAX)
		return;
	check_report(ctx, OC_AT_VALUE, v,
	    "/linux/resources/memory/swappiness is %llu: "
	    "the values are from 0 to 100, and runc refuses others (cgroup "
	    "v1)", (unsigned long long)x);
}

/* OCI2203 */
void
check_memory_kernel(struct oc_check_ctx *ctx)
{
	static const char *const fields[] = { "kernel", "kernelTCP" };
	const struct oc_node *mem = res_get(ctx, "memory", OC_OBJECT);
	size_t i;

	if (mem == NULL)
		return;
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		const struct oc_node *v = lx_set(ctx->doc, mem, fields[i]);

		if (v == NULL)
			continue;
		check_report(ctx, OC_AT_KEY, v,
		    "/linux/resources/memory/%s is not "
		    "recommended: runc ignores kernel memory limits with a "
		    "warning, and crun refuses them on cgroup v2, which has "
		    "no such limit", fields[i]);
	}
}

/*
 * OCI2213: cgroup v2 has no per-cgroup swappiness and no OOM-killer
 * switch, and crun refuses both there (src/libcrun/cgroup-resources.c at
 * ba38286f, write_memory_resources): line 957, disable_oom_killer, "cannot
 * disable OOM killer with cgroupv2"; line 978, swappiness_present,
 * "cannot set memory swappiness with cgroupv2" (before 0.21, commit
 * 11829755, only for values 1 to 100).
 */
void
check_memory_cgroup_v1(struct oc_check_ctx *ctx)
{
	const struct oc_node *mem = res_get(ctx, "memory", OC_OBJECT);
	const struct oc_node *sw, *oom;

	if (mem == NULL)
		return;
	sw = lx_set(ctx->doc, mem, "swappiness");
	if (sw != NULL && doc_kind(sw) == OC_NUMBER)
		check_report(ctx, OC_AT_KEY, sw,
		    "/linux/resources/memory/swappiness "
		    "is set, but cgroup v2 has no per-cgroup swappiness: crun "
		    "refuses the config there (\"cannot set memory swappiness "
		    "with cgroupv2\"); it applies on cgroup v1 only");
	oom = doc_get(ctx->doc, mem, "disableOOMKiller");
	if (oom != NULL && doc_kind(oom) == OC_BOOL && doc_bool(oom))
		check_report(ctx, OC_AT_KEY, oom, "/linux/resources/memory/"
		    "disableOOMKiller is true, but cgroup v2 cannot disable "
		    "the OOM killer: crun refuses the config there (\"cannot "
		    "disable OOM killer with cgroupv2\"); it applies on "
		    "cgroup v1 only");
}

/* OCI2204: a positive quota MUST be no smaller than burst. */
void
check_cpu_burst(struct oc_check_ctx *ctx)
{
	const struct oc_node *cpu = res_get(ctx, "cpu", OC_OBJECT);
	const struct oc_node *b = doc_get(ctx->doc, cpu, "burst");
	int64_t quota;
	uint64_t burst;

	if (doc_u64(ctx->doc, b, &burst) < 0 ||
	    doc_i64(ctx->doc, doc_get(ctx->doc, cpu, "quota"), &quota) < 0 ||
	    quota <= 0 || burst <= (uint64_t)quota)
		return;
	check_report(ctx, OC_AT_VALUE, b,
	    "/linux/resources/cpu/burst (%llu) is larger "
	    "than quota (%lld): burst must not exceed a positive quota, and "
	    "the kernel rejects it (runc and crun fail)",
	    (unsigned long long)burst, (long long)quota);
}

/* OCI2205 */
void
check_blkio_weight_device(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = lx_get(ctx->doc,
	    res_get(ctx, "blockIO", OC_OBJECT), "weightDevice", OC_ARRAY);
	size_t i, n = list ? doc_count(list) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);

		if (doc_kind(e) != OC_OBJECT ||
		    lx_set(ctx->doc, e, "weight") != NULL ||
		    lx_set(ctx->doc, e, "leafWeight") != NULL)
			continue;
		check_report(ctx, OC_AT_OPEN, e, "/linux/resources/blockIO/"
		    "weightDevice/%zu has neither 'weight' nor 'leafWeight': "
		    "an entry must set at least one", i);
	}
}

/* OCI2206 */
void
check_rdma_limit(struct oc_check_ctx *ctx)
{
	const struct oc_node *rdma = res_get(ctx, "rdma", OC_OBJECT);
	size_t i, n = rdma ? doc_count(rdma) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, rdma, i);
		struct oc_buf ptr = { 0 };

		if (doc_kind(e) != OC_OBJECT ||
		    lx_set(ctx->doc, e, "hcaHandles") != NULL ||
		    lx_set(ctx->doc, e, "hcaObjects") != NULL)
			continue;
		check_report(ctx, OC_AT_OPEN, e, "%s has neither 'hcaHandles' "
		    "nor 'hcaObjects': an entry must set at least one",
		    lx_ptr(ctx->doc, e, &ptr));
		buf_free(&ptr);
	}
}

/* OCI2207 */
void
check_cgroup_device_type(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = res_get(ctx, "devices", OC_ARRAY);
	size_t i, n = list ? doc_count(list) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *t = lx_get(ctx->doc,
		    doc_at(ctx->doc, list, i), "type", OC_STRING);
		struct oc_buf val = { 0 };
		size_t len;
		const char *s;

		if (t == NULL)
			continue;
		s = doc_text(ctx->doc, t, &len);
		/* "" is unset to runc (Go's zero value): all devices. */
		if (len == 0 || (len == 1 && (s[0] == 'a' || s[0] == 'b' ||
		    s[0] == 'c')))
			continue;
		check_report(ctx, OC_AT_VALUE, t,
		    "/linux/resources/devices/%zu/type %s is "
		    "not a (all), c (char) or b (block): runc refuses it "
		    "(\"invalid cgroup device type\")", i,
		    lx_show(ctx->doc, t, &val));
		buf_free(&val);
	}
}

/* OCI2208: every entry is checked; one bad access hides no other. */
void
check_cgroup_device_access(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = res_get(ctx, "devices", OC_ARRAY);
	size_t i, n = list ? doc_count(list) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *a = lx_get(ctx->doc,
		    doc_at(ctx->doc, list, i), "access", OC_STRING);
		struct oc_buf val = { 0 }, bad = { 0 };
		size_t len, k;
		const char *s;

		if (a == NULL)
			continue;
		s = doc_text(ctx->doc, a, &len);
		for (k = 0; k < len; k++)
			if (s[k] != 'r' && s[k] != 'w' && s[k] != 'm')
				break;
		if (k == len)
			continue;
		buf_add_display(&bad, s + k, 1, 8);
		check_report(ctx, OC_AT_VALUE, a,
		    "/linux/resources/devices/%zu/access %s "
		    "has '%s': access combines r (read), w (write) and m "
		    "(mknod) only", i, lx_show(ctx->doc, a, &val), bad.s);
		buf_free(&val);
		buf_free(&bad);
	}
}

/* Report the later of entries whose member key repeats. */
static void
dup_member(struct oc_check_ctx *ctx, const struct oc_node *list,
    const char *key, const char *what)
{
	size_t i, n = list ? doc_count(list) : 0, nk = 0, first = 0;
	struct lx_key *keys;

	if (n < 2)
		return;
	keys = lx_keys_collect(ctx->doc, list, key, &nk);
	for (i = 1; i < nk; i++) {
		struct oc_buf ptr = { 0 }, val = { 0 }, fp = { 0 };

		if (keys[i].len != keys[first].len ||
		    memcmp(keys[i].s, keys[first].s, keys[i].len) != 0) {
			first = i;
			continue;
		}
		check_report(ctx, OC_AT_VALUE, keys[i].n,
		    "%s %s repeats %s: %s",
		    lx_ptr(ctx->doc, keys[i].n, &ptr),
		    lx_show(ctx->doc, keys[i].n, &val),
		    lx_ptr(ctx->doc, keys[first].n, &fp), what);
		buf_free(&ptr);
		buf_free(&val);
		buf_free(&fp);
	}
	free(keys);
}

/* OCI2209 */
void
check_hugepage_duplicate(struct oc_check_ctx *ctx)
{
	dup_member(ctx, res_get(ctx, "hugepageLimits", OC_ARRAY),
	    "pageSize", "runc and crun write both limits in turn, "
	    "so only the last one applies");
}

/* OCI2210 */
void
check_net_priority_duplicate(struct oc_check_ctx *ctx)
{
	dup_member(ctx, lx_get(ctx->doc, res_get(ctx, "network",
	    OC_OBJECT), "priorities", OC_ARRAY), "name", "runc and "
	    "crun write both priorities in turn, so only the last "
	    "one applies");
}

/* limit and swap as present in memory: 1 when present and an integer. */
static int
mem_value(const struct oc_check_ctx *ctx, const char *key,
    const struct oc_node **n, int64_t *v)
{
	*n = lx_set(ctx->doc, res_get(ctx, "memory", OC_OBJECT), key);
	return doc_i64(ctx->doc, *n, v) == 0;
}

/* OCI5201 */
void
check_memory_swap_without_limit(struct oc_check_ctx *ctx)
{
	const struct oc_node *ln, *sn;
	int64_t limit = 0, swap;
	int has_limit;

	if (!mem_value(ctx, "swap", &sn, &swap) || swap <= 0)
		return;
	has_limit = mem_value(ctx, "limit", &ln, &limit);
	if (ln != NULL && !has_limit)
		return;
	if (ln == NULL)
		check_report(ctx, OC_AT_VALUE, sn,
		    "/linux/resources/memory/swap is set "
		    "without a memory limit: swap is memory+swap, and on "
		    "cgroup v2 runc and youki refuse it (\"unable to set "
		    "swap limit without memory limit\"), crun too (\"cannot "
		    "set swap limit without the memory limit\")");
	else if (limit == 0)
		check_report(ctx, OC_AT_VALUE, sn,
		    "/linux/resources/memory/swap is set "
		    "with a memory limit of 0: runc takes 0 as no limit and "
		    "refuses the swap value on cgroup v2 (\"unable to set "
		    "swap limit without memory limit\")");
}

/* OCI5202 */
void
check_memory_swap_below_limit(struct oc_check_ctx *ctx)
{
	const struct oc_node *ln, *sn;
	int64_t limit, swap;

	if (!mem_value(ctx, "swap", &sn, &swap) ||
	    !mem_value(ctx, "limit", &ln, &limit) || swap <= 0 ||
	    limit <= 0 || swap >= limit)
		return;
	check_report(ctx, OC_AT_VALUE, sn,
	    "/linux/resources/memory/swap (%lld) is "
	    "smaller than limit (%lld): swap is the memory+swap limit, and "
	    "on cgroup v2 runc (\"memory+swap limit should be >= memory "
	    "limit\"), crun (\"cannot set memory+swap limit less than the "
	    "memory limit\") and youki refuse it; the kernel rejects it on "
	    "v1", (long long)swap, (long long)limit);
}

/* OCI5203 */
void
check_cpu_rt_runtime(struct oc_check_ctx *ctx)
{
	const struct oc_node *cpu = res_get(ctx, "cpu", OC_OBJECT);
	const struct oc_node *rt = doc_get(ctx->doc, cpu, "realtimeRuntime");
	int64_t runtime;
	uint64_t period;

	if (doc_i64(ctx->doc, rt, &runtime) < 0 ||
	    doc_u64(ctx->doc, doc_get(ctx->doc, cpu, "realtimePeriod"),
	    &period) < 0 || period == 0 || runtime < 0 ||
	    (uint64_t)runtime <= period)
		return;
	check_report(ctx, OC_AT_VALUE, rt,
	    "/linux/resources/cpu/realtimeRuntime (%lld) "
	    "is larger than realtimePeriod (%llu): the kernel rejects it "
	    "(cpu.rt_runtime_us, cgroup v1), so runc, crun and youki fail",
	    (long long)runtime, (unsigned long long)period);
}

static void
blkio_weight(struct oc_check_ctx *ctx, const struct oc_node *obj,
    const char *key)
{
	const struct oc_node *v = doc_get(ctx->doc, obj, key);
	struct oc_buf ptr = { 0 };
	uint64_t w;

	/* 0 is "not set" to the runtimes; BFQ takes 1 to 1000, CFQ and the
	 * io.weight fallback of runc and crun 10 to 1000. */
	if (doc_u64(ctx->doc, v, &w) < 0 || w == 0 || (w >= 10 && w <= 1000))
		return;
	if (w > 1000)
		check_report(ctx, OC_AT_VALUE, v,
		    "%s is %llu: blkio weights go up to "
		    "1000, and the kernel rejects more (io.bfq.weight, "
		    "blkio.weight, and io.weight after the conversion), so "
		    "runc, crun and youki fail", lx_ptr(ctx->doc, v, &ptr),
		    (unsigned long long)w);
	else
		check_report(ctx, OC_AT_VALUE, v,
		    "%s is %llu: the BFQ scheduler takes it "
		    "(1 to 1000), but where BFQ is absent runc and crun fail: "
		    "CFQ's blkio.weight takes 10 to 1000 and their io.weight "
		    "conversion wraps around below 10 (youki raises it to 1)",
		    lx_ptr(ctx->doc, v, &ptr), (unsigned long long)w);
	buf_free(&ptr);
}

/* OCI5204 */
void
check_blkio_weight_range(struct oc_check_ctx *ctx)
{
	const struct oc_node *bio = res_get(ctx, "blockIO", OC_OBJECT);
	const struct oc_node *list = lx_get(ctx->doc, bio, "weightDevice",
	    OC_ARRAY);
	size_t i, n = list ? doc_count(list) : 0;

	if (bio == NULL)
		return;
	blkio_weight(ctx, bio, "weight");
	blkio_weight(ctx, bio, "leafWeight");
	for (i = 0; i < n; i++) {
		blkio_weight(ctx, doc_at(ctx->doc, list, i), "weight");
		blkio_weight(ctx, doc_at(ctx->doc, list, i), "leafWeight");
	}
}

/* OCI5205 */
void
check_cgroup_device_access_empty(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = res_get(ctx, "devices", OC_ARRAY);
	size_t i, n = list ? doc_count(list) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);
		const struct oc_node *a = lx_set(ctx->doc, e, "access");
		size_t len;

		if (doc_kind(e) != OC_OBJECT)
			continue;
		if (a == NULL)
			check_report(ctx, OC_AT_OPEN, e,
			    "/linux/resources/devices/"
			    "%zu has no 'access': runc refuses the rule "
			    "(\"device access at %zu field cannot be empty\"), "
			    "crun and youki do not; write \"rwm\" for all "
			    "access", i, i);
		else if (doc_str(ctx->doc, a, &len) != NULL && len == 0)
			check_report(ctx, OC_AT_VALUE, a,
			    "/linux/resources/devices/%zu/"
			    "access is empty: runc refuses the rule (\"device "
			    "access at %zu field cannot be empty\"), crun and "
			    "youki do not; write \"rwm\" for all access", i,
			    i);
	}
}

/* OCI5206 */
void
check_unified_key(struct oc_check_ctx *ctx)
{
	const struct oc_node *u = res_get(ctx, "unified", OC_OBJECT);
	size_t i, n = u ? doc_count(u) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *v = doc_at(ctx->doc, u, i);
		struct oc_buf key = { 0 };
		size_t len;
		const char *s = doc_key_text(ctx->doc, v, &len);
		const char *dot = memchr(s, '.', len);

		buf_add_display(&key, s, len, 80);
		if (memchr(s, '/', len) != NULL)
			check_report(ctx, OC_AT_KEY, v,
			    "/linux/resources/unified key "
			    "\"%s\" has a '/': keys are file names in the "
			    "container's cgroup, and runc refuses it (\"must "
			    "be a file name (no slashes)\")", key.s);
		else if (dot == NULL || dot == s || dot == s + len - 1)
			check_report(ctx, OC_AT_KEY, v,
			    "/linux/resources/unified key "
			    "\"%s\" is not of the form <controller>.<file>: "
			    "crun refuses it (\"the specified key has not the "
			    "form CONTROLLER.VALUE\"), runc and youki fail to "
			    "write a cgroup file of that name", key.s);
		buf_free(&key);
	}
}

/* OCI5207: cpuset.cpus and cpuset.mems take the kernel's list syntax. */
void
check_cpuset_list(struct oc_check_ctx *ctx)
{
	static const char *const fields[] = { "cpus", "mems" };
	const struct oc_node *cpu = res_get(ctx, "cpu", OC_OBJECT);
	size_t i;

	if (cpu == NULL)
		return;
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		const struct oc_node *v = lx_get(ctx->doc, cpu, fields[i],
		    OC_STRING);
		struct oc_buf val = { 0 };
		struct lx_list l;
		size_t len;
		const char *s;

		if (v == NULL)
			continue;
		s = doc_text(ctx->doc, v, &len);
		if (lx_list_parse(s, len, LX_LIST_KERNEL, &l) == 0)
			continue;
		check_report(ctx, OC_AT_VALUE, v,
		    "/linux/resources/cpu/%s %s is not a "
		    "list such as \"0-3,7\" (%s at offset %zu): the kernel "
		    "rejects it (cpuset.%s), so runc, crun and youki fail",
		    fields[i], lx_show(ctx->doc, v, &val), l.why, l.at,
		    fields[i]);
		buf_free(&val);
	}
}

/* OCI5208 */
void
check_cgroups_path_dotdot(struct oc_check_ctx *ctx)
{
	const struct oc_node *v = lx_get(ctx->doc, lx_linux(ctx),
	    "cgroupsPath", OC_STRING);
	struct oc_buf val = { 0 };
	size_t len, i, start = 0;
	const char *s;

	if (v == NULL)
		return;
	s = doc_text(ctx->doc, v, &len);
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '/')
			continue;
		if (i - start == 2 && s[start] == '.' && s[start + 1] == '.') {
			check_report(ctx, OC_AT_VALUE, v,
			    "/linux/cgroupsPath %s has a "
			    "\"..\" component: no runtime refuses it, but runc "
			    "cleans it away and crun and youki pass it on, so "
			    "the cgroup is not where the path seems to say",
			    lx_show(ctx->doc, v, &val));
			break;
		}
		start = i + 1;
	}
	buf_free(&val);
}

/* OCI2211 */
void
check_memory_limit_below_reservation(struct oc_check_ctx *ctx)
{
	const struct oc_node *ln, *rn;
	int64_t limit, resv;

	/* -1 is unlimited and 0 unset: only two real sizes compare. */
	if (!mem_value(ctx, "limit", &ln, &limit) ||
	    !mem_value(ctx, "reservation", &rn, &resv) || limit <= 0 ||
	    resv <= 0 || resv <= limit)
		return;
	check_report(ctx, OC_AT_VALUE, rn,
	    "/linux/resources/memory/reservation (%lld) "
	    "is above limit (%lld): the container can never use the memory "
	    "it reserves, so the reservation (memory.low, or the v1 soft "
	    "limit) is meaningless; runtime-tools refuses it",
	    (long long)resv, (long long)limit);
}

/* OCI2212 */
void
check_net_priority_name_empty(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = lx_get(ctx->doc, res_get(ctx, "network",
	    OC_OBJECT), "priorities", OC_ARRAY);
	size_t i, n = list ? doc_count(list) : 0, len;

	for (i = 0; i < n; i++) {
		const struct oc_node *v = doc_get(ctx->doc,
		    doc_at(ctx->doc, list, i), "name");

		if (doc_str(ctx->doc, v, &len) == NULL || len > 0)
			continue;
		check_report(ctx, OC_AT_VALUE, v,
		    "/linux/resources/network/priorities/%zu/"
		    "name is empty: it must name an interface; the kernel "
		    "rejects the net_prio.ifpriomap write, and runtime-tools "
		    "refuses it", i);
	}
}
