/* What runc, crun, youki or the kernel refuse at create beyond the spec text
 * (OCI50xx, OCI55xx): required blocks, scheduling, OOM score, affinity. */
#include <string.h>

#include "ocicheck/check.h"
#include "lx.h"

/* OCI5001 */
void
check_linux_missing(struct oc_check_ctx *ctx)
{
	if (lx_set(ctx->doc, ctx->root, "linux") != NULL)
		return;
	check_report(ctx, OC_AT_OPEN, ctx->root, "the config has no 'linux' "
	    "object: crun refuses it (\"no `linux` block specified\"), youki "
	    "too (\"missing linux in spec\"); even an empty one will do");
}

/* OCI5002 */
void
check_process_missing(struct oc_check_ctx *ctx)
{
	if (lx_set(ctx->doc, ctx->root, "process") != NULL)
		return;
	check_report(ctx, OC_AT_OPEN, ctx->root, "the config has no 'process' "
	    "object: runc refuses to create or run the container (\"process "
	    "property must not be empty\"), youki too (\"missing process in "
	    "spec\")");
}

static const struct oc_node *
scheduler(const struct oc_check_ctx *ctx)
{
	return lx_get(ctx->doc, lx_get(ctx->doc, ctx->root, "process",
	    OC_OBJECT), "scheduler", OC_OBJECT);
}

/* OCI5505 */
void
check_sched_nice(struct oc_check_ctx *ctx)
{
	const struct oc_node *s = scheduler(ctx);
	const struct oc_node *pol = lx_get(ctx->doc, s, "policy", OC_STRING);
	const struct oc_node *v = doc_get(ctx->doc, s, "nice");
	const char *name;
	int64_t x;

	/* runc and youki check nice under these two policies only. */
	if (doc_is(ctx->doc, pol, "SCHED_OTHER"))
		name = "SCHED_OTHER";
	else if (doc_is(ctx->doc, pol, "SCHED_BATCH"))
		name = "SCHED_BATCH";
	else
		return;
	if (doc_i64(ctx->doc, v, &x) < 0 ||
	    (x >= -20 && x <= 19))
		return;
	check_report(ctx, OC_AT_VALUE, v,
	    "/process/scheduler/nice is %lld with policy "
	    "%s: nice values range from -20 to 19, and runc refuses others "
	    "(\"invalid scheduler.nice: %lld when scheduler.policy is %s\"), "
	    "youki too; crun passes it on and the kernel clamps it",
	    (long long)x, name, (long long)x, name);
}

static int
is_rt(const struct oc_doc *doc, const struct oc_node *policy)
{
	return doc_is(doc, policy, "SCHED_FIFO") ||
	    doc_is(doc, policy, "SCHED_RR");
}

/* With SCHED_FLAG_KEEP_POLICY or _KEEP_PARAMS the kernel does not take
 * the policy or the parameters from the config. */
static int
keeps(const struct oc_check_ctx *ctx, const struct oc_node *s)
{
	const struct oc_node *f = lx_get(ctx->doc, s, "flags", OC_ARRAY);
	size_t i, n = f ? doc_count(f) : 0;

	for (i = 0; i < n; i++) {
		const struct oc_node *v = doc_at(ctx->doc, f, i);

		if (doc_is(ctx->doc, v, "SCHED_FLAG_KEEP_POLICY") ||
		    doc_is(ctx->doc, v, "SCHED_FLAG_KEEP_PARAMS"))
			return 1;
	}
	return 0;
}

/* OCI5506 */
void
check_sched_priority(struct oc_check_ctx *ctx)
{
	const struct oc_node *s = scheduler(ctx);
	const struct oc_node *pol = lx_get(ctx->doc, s, "policy", OC_STRING);
	const struct oc_node *pri = doc_get(ctx->doc, s, "priority");
	struct oc_buf val = { 0 };
	int64_t p = 0;

	if (pol == NULL ||
	    (pri != NULL && doc_i64(ctx->doc, pri, &p) < 0))
		return;
	lx_show(ctx->doc, pol, &val);
	if (!is_rt(ctx->doc, pol) && p != 0)
		check_report(ctx, OC_AT_VALUE, pri,
		    "/process/scheduler/priority is %lld "
		    "with policy %s: only SCHED_FIFO and SCHED_RR take a "
		    "static priority: runc and youki refuse it "
		    "(\"scheduler.priority can only be specified for "
		    "SchedFIFO or SchedRR policy\"), and the kernel rejects "
		    "it under crun", (long long)p, val.s);
	else if (is_rt(ctx->doc, pol) && !keeps(ctx, s) &&
	    (p < 1 || p > 99)) {
		if (pri != NULL)
			check_report(ctx, OC_AT_VALUE, pri,
			    "/process/scheduler/priority is "
			    "%lld: policy %s needs a priority from 1 to 99, "
			    "and the kernel (sched_setattr) rejects others, "
			    "so runc, crun and youki fail", (long long)p,
			    val.s);
		else
			check_report(ctx, OC_AT_OPEN, s,
			    "/process/scheduler has "
			    "policy %s but no priority: it needs one from 1 "
			    "to 99, and the kernel (sched_setattr) rejects 0, "
			    "so runc, crun and youki fail", val.s);
	}
	buf_free(&val);
}

/* OCI5507 */
void
check_sched_deadline(struct oc_check_ctx *ctx)
{
	static const char *const fields[] = { "runtime", "deadline", "period" };
	const struct oc_node *s = scheduler(ctx);
	const struct oc_node *pol = lx_get(ctx->doc, s, "policy", OC_STRING);
	const struct oc_node *rn = doc_get(ctx->doc, s, "runtime");
	const struct oc_node *dn = doc_get(ctx->doc, s, "deadline");
	const struct oc_node *pn, *at = NULL;
	uint64_t v[3] = { 0, 0, 0 };
	struct oc_buf val = { 0 };
	const char *why = NULL;
	size_t i;

	if (pol == NULL)
		return;
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		const struct oc_node *x = doc_get(ctx->doc, s, fields[i]);

		if (x != NULL && doc_u64(ctx->doc, x, &v[i]) < 0)
			return;
	}
	if (!doc_is(ctx->doc, pol, "SCHED_DEADLINE")) {
		for (i = 0; i < ARRAY_SIZE(fields); i++) {
			if (v[i] == 0)
				continue;
			check_report(ctx, OC_AT_VALUE, doc_get(ctx->doc, s,
			    fields[i]),
			    "/process/scheduler/%s is set with policy %s: "
			    "runtime, deadline and period belong to "
			    "SCHED_DEADLINE: runc and youki refuse them "
			    "otherwise (\"scheduler runtime/deadline/period "
			    "can only be specified for SchedDeadline "
			    "policy\"), crun passes them on",
			    fields[i], lx_show(ctx->doc, pol, &val));
			buf_free(&val);
		}
		return;
	}
	if (keeps(ctx, s))
		return;
	/* The kernel's __checkparam_dl(); the period bounds are sysctls. */
	pn = doc_get(ctx->doc, s, "period");
	if (v[1] == 0) {
		why = "deadline must be set and not 0";
		at = dn;
	} else if (v[0] < 1024) {
		why = "runtime must be at least 1024 ns";
		at = rn;
	} else if (v[1] < v[0]) {
		why = "runtime must not exceed deadline";
		at = rn;
	} else if (v[2] != 0 && v[2] < v[1]) {
		why = "deadline must not exceed period";
		at = dn;
	} else if ((v[1] | v[2]) >> 63) {
		why = "deadline and period must be below 2^63 ns";
		at = v[1] >> 63 ? dn : pn;
	}
	if (why == NULL)
		return;
	if (at == NULL)
		check_report(ctx, OC_AT_OPEN, s, "/process/scheduler with "
		    "SCHED_DEADLINE: %s; the kernel (sched_setattr) rejects "
		    "these parameters, so runc, crun and youki fail", why);
	else
		check_report(ctx, OC_AT_VALUE, at, "/process/scheduler with "
		    "SCHED_DEADLINE: %s; the kernel (sched_setattr) rejects "
		    "these parameters, so runc, crun and youki fail", why);
}

/* OCI5508 */
void
check_sched_iso(struct oc_check_ctx *ctx)
{
	const struct oc_node *pol = lx_get(ctx->doc, scheduler(ctx), "policy",
	    OC_STRING);

	if (!doc_is(ctx->doc, pol, "SCHED_ISO"))
		return;
	check_report(ctx, OC_AT_VALUE, pol,
	    "/process/scheduler/policy SCHED_ISO exists "
	    "only in out-of-tree kernels: mainline Linux rejects it "
	    "(sched_setattr returns EINVAL), so runc, crun and youki fail");
}

/* OCI5509 */
void
check_oom_score_adj(struct oc_check_ctx *ctx)
{
	const struct oc_node *v = doc_path(ctx->doc, ctx->root, "process",
	    "oomScoreAdj", NULL);
	int64_t x;

	if (doc_i64(ctx->doc, v, &x) < 0 ||
	    (x >= -1000 && x <= 1000))
		return;
	check_report(ctx, OC_AT_VALUE, v,
	    "/process/oomScoreAdj is %lld: the kernel "
	    "accepts -1000 to 1000 in oom_score_adj, so runc, crun and youki "
	    "fail to write it", (long long)x);
}

/* OCI5510: the CPU set of runc 1.3.0 to 1.5.1 holds CPUs 0 to 1023 (runc
 * main, in no release yet, takes up to 65536). */
void
check_exec_cpu_affinity_max(struct oc_check_ctx *ctx)
{
	static const char *const which[] = { "initial", "final" };
	const struct oc_node *aff = doc_path(ctx->doc, ctx->root, "process",
	    "execCPUAffinity", NULL);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(which); i++) {
		const struct oc_node *v = lx_get(ctx->doc, aff, which[i],
		    OC_STRING);
		struct lx_list l;
		size_t len;
		const char *s;

		if (v == NULL)
			continue;
		s = doc_text(ctx->doc, v, &len);
		if (lx_list_parse(s, len, LX_LIST_RUNC, &l) < 0 ||
		    l.count == 0 || l.max < 1024)
			continue;
		check_report(ctx, OC_AT_VALUE, v,
		    "/process/execCPUAffinity/%s names CPU "
		    "%llu: runc 1.3.0 to 1.5.1 support CPUs 0 to 1023 only "
		    "(\"values larger than 1023 are not supported\"), crun and "
		    "youki have no such limit", which[i],
		    (unsigned long long)l.max);
	}
}
