/*
 * A config.json against a contract's targets: env, mounts, cgroup limits
 * and uid, each finding placed where config.json shows the evidence and
 * naming the contract line that demanded it. This file matches a config
 * to its target and runs the target's checks (env.c, limits.c), which
 * report through report.c.
 */
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "ocicheck/check.h"

static const char *
annotation(const struct oc_check_ctx *ctx, const char *const *keys,
    size_t n, size_t *len)
{
	const struct oc_node *a = doc_get(ctx->doc, ctx->root, "annotations");
	size_t i;

	for (i = 0; i < n; i++) {
		const char *s = doc_str(ctx->doc, doc_get(ctx->doc, a, keys[i]),
		    len);

		if (s != NULL)
			return s;
	}
	return NULL;
}

struct cri {
	const char *container, *sandbox, *image;
	size_t clen, slen, ilen;
	int pause;		/* the pod's sandbox (pause) container */
};

/*
 * CRI-O names a container k8s_<container>_<pod>_<namespace>_<uid>_<n>
 * (and its sandbox k8s_POD_<pod>_...); neither part may hold '_'. Field
 * i of such a name, or the whole value when it is not one.
 */
static const char *
k8s_name_field(const char *s, size_t *len, int field)
{
	const char *p, *end;
	int i;

	if (s == NULL || *len < 4 || memcmp(s, "k8s_", 4) != 0)
		return s;
	end = s + *len;
	for (p = s, i = 0; i < field; i++) {
		p = memchr(p, '_', (size_t)(end - p));
		if (p == NULL)
			return s;
		p++;
	}
	s = p;
	p = memchr(s, '_', (size_t)(end - s));
	*len = (size_t)((p != NULL ? p : end) - s);
	return s;
}

static void
cri_read(const struct oc_check_ctx *ctx, struct cri *c)
{
	/* containerd's own names; the kubelet's labels, which CRI-O puts
	 * in the spec; CRI-O's own, whose values are k8s_ names. */
	static const char *const container[] = {
		"io.kubernetes.cri.container-name",
		"io.kubernetes.container.name",
		"io.kubernetes.cri-o.ContainerName",
		"io.kubernetes.cri-o.Name",
	};
	static const char *const sandbox[] = {
		"io.kubernetes.cri.sandbox-name",
		"io.kubernetes.pod.name",
		"io.kubernetes.cri-o.SandboxName",
		"io.kubernetes.cri-o.Name",
	};
	static const char *const image[] = {
		"io.kubernetes.cri.image-name",
		"io.kubernetes.cri-o.ImageName",
	};
	static const char *const type[] = {
		"io.kubernetes.cri.container-type",
		"io.kubernetes.cri-o.ContainerType",
	};
	const char *t;
	size_t tlen;

	c->container = annotation(ctx, container, ARRAY_SIZE(container),
	    &c->clen);
	c->container = k8s_name_field(c->container, &c->clen, 1);
	c->sandbox = annotation(ctx, sandbox, ARRAY_SIZE(sandbox), &c->slen);
	c->sandbox = k8s_name_field(c->sandbox, &c->slen, 2);
	c->image = annotation(ctx, image, ARRAY_SIZE(image), &c->ilen);
	t = annotation(ctx, type, ARRAY_SIZE(type), &tlen);
	c->pause = t != NULL && tlen == 7 && memcmp(t, "sandbox", 7) == 0;
}

static int
target_matches(const struct oc_contract *k, const struct oc_target *t,
    const struct cri *cri)
{
	int has_cri = cri->container || cri->sandbox || cri->image;
	int has_match = t->match_container || t->match_sandbox ||
	    t->match_image;

	/* A target with a match is for the configs it names: a config that
	 * names nothing (a hand-written bundle) takes it only by --target. */
	if (!has_match)
		return k->ntargets == 1;
	if (!has_cri)
		return 0;
	if (t->match_container != NULL && (cri->container == NULL ||
	    strlen(t->match_container) != cri->clen ||
	    memcmp(t->match_container, cri->container, cri->clen) != 0))
		return 0;
	if (t->match_sandbox != NULL && (cri->sandbox == NULL ||
	    !pattern_search(t->match_sandbox, cri->sandbox, cri->slen)))
		return 0;
	if (t->match_image != NULL && (cri->image == NULL ||
	    !pattern_search(t->match_image, cri->image, cri->ilen)))
		return 0;
	return 1;
}

static void
check_uid(const struct cc *cc)
{
	const struct oc_node *user = doc_path(cc->doc, cc->ctx->root,
	    "process", "user", NULL);
	const struct oc_node *uid = doc_get(cc->doc, user, "uid");
	struct oc_buf at = { 0 };
	int64_t v;

	if (!cc->t->has_uid)
		return;
	cc_where(cc, cc->t->uid_node, &at);
	if (uid == NULL || doc_i64(cc->doc, uid, &v) < 0)
		cc_report(cc, OC_R_PRC001, cc->t->uid_severity, user, 1,
		    "process uid is not set but %s requires uid %lld", at.s,
		    (long long)cc->t->uid);
	else if (v != cc->t->uid)
		cc_report(cc, OC_R_PRC001, cc->t->uid_severity, uid, 0,
		    "process runs as uid %lld but %s requires uid %lld: files "
		    "the image prepared for that user are not writable",
		    (long long)v, at.s, (long long)cc->t->uid);
	buf_free(&at);
}

static void
check_target(struct cc *cc)
{
	cc_check_env(cc);
	cc_check_limits(cc);
	check_uid(cc);
}

/* How much of a config's identity a target's match pins down. */
static int
specificity(const struct oc_target *t)
{
	return (t->match_container != NULL) + (t->match_sandbox != NULL) +
	    (t->match_image != NULL);
}

/* Errors, then all findings, t would raise on the config: the fit of a
 * target among others that match it equally well. */
static size_t
misfit(struct cc *cc, const struct oc_target *t)
{
	struct oc_findings *out = cc->ctx->out, scratch = { 0 };
	size_t i, errors = 0;

	scratch.settings = out->settings;
	findings_begin_file(&scratch, out->file, out->src);
	cc->ctx->out = &scratch;
	cc->t = t;
	check_target(cc);
	cc->ctx->out = out;
	for (i = 0; i < scratch.n; i++)
		errors += scratch.v[i].severity == OC_SEV_ERROR;
	i = scratch.n;
	findings_clear(&scratch);
	return errors * (OC_MAX_FINDINGS + 1) + i;
}

/* The target a config is checked against. Several targets can match one
 * config: a broad one and a narrower one (the narrower wins), or targets
 * nothing in config.json tells apart, such as two definitions with the
 * same container and image (then the config is one of them, so it is
 * judged by the one it keeps best; derive warns about these, TGT002). */
static const struct oc_target *
pick_target(struct cc *cc, const struct cri *cri)
{
	const struct oc_contract *c = cc->c;
	const struct oc_target *best = NULL;
	size_t i, fit = 0, f;
	int spec = -1, ties = 0;

	for (i = 0; i < c->ntargets; i++) {
		const struct oc_target *t = &c->targets[i];

		if (!target_matches(c, t, cri))
			continue;
		if (specificity(t) > spec) {
			spec = specificity(t);
			best = t;
			ties = 0;
		} else if (specificity(t) == spec)
			ties++;
	}
	if (ties == 0)
		return best;
	best = NULL;
	for (i = 0; i < c->ntargets; i++) {
		const struct oc_target *t = &c->targets[i];

		if (!target_matches(c, t, cri) || specificity(t) != spec)
			continue;
		if ((f = misfit(cc, t)) < fit || best == NULL) {
			best = t;
			fit = f;
		}
	}
	return best;
}

const char *const contract_check_why_names[] = { "none", "--target",
	"annotations", "only-target" };

static void
add_seen(struct oc_buf *b, const char *what, const char *s, size_t n)
{
	buf_printf(b, "%s%s '", b->len ? ", " : "", what);
	buf_add_display(b, s, n, 128);
	buf_addc(b, '\'');
}

/* TGT003: which target the config was checked against, and why. */
static void
report_choice(const struct cc *cc, const struct cri *cri,
    enum contract_check_why why)
{
	const struct oc_target *t = cc->t;
	struct oc_buf seen = { 0 };
	const char *how;

	if (why == CONTRACT_CHECK_MATCHED) {
		if (t->match_container != NULL)
			add_seen(&seen, "container", cri->container, cri->clen);
		if (t->match_sandbox != NULL)
			add_seen(&seen, "sandbox", cri->sandbox, cri->slen);
		if (t->match_image != NULL)
			add_seen(&seen, "image", cri->image, cri->ilen);
	}
	how = why == CONTRACT_CHECK_FORCED ? "named by --target" :
	    why == CONTRACT_CHECK_ONLY ? "the contract's only target, which "
	    "has no match: and so applies to every config" : "its match fits "
	    "the CRI annotations (";
	cc_report(cc, OC_R_TGT003, OC_ITEM_DEFAULT, doc_get(cc->doc,
	    cc->ctx->root, "annotations"), 1, "checked against target '%s' of "
	    "contract '%s' (%s): %s%s%s", t->name, cc->c->name,
	    cc->c->src->path, how, seen.len ? seen.s : "",
	    why == CONTRACT_CHECK_MATCHED ? ")" : "");
	buf_free(&seen);
}

/* TGT001: no target takes the config, and what to do about it. A config
 * without CRI annotations is not one a target's match names: it was not
 * checked, which is a warning, where a config that names a container no
 * target is for is an error. */
static void
report_none(const struct cc *cc, const struct cri *cri)
{
	const struct oc_contract *c = cc->c;
	struct oc_buf names = { 0 }, seen = { 0 };
	int has_cri = cri->container || cri->sandbox || cri->image;
	size_t i;

	for (i = 0; i < c->ntargets; i++)
		buf_printf(&names, "%s%s", i ? ", " : "", c->targets[i].name);
	if (has_cri) {
		add_seen(&seen, "container", cri->container ? cri->container :
		    "?", cri->container ? cri->clen : 1);
		add_seen(&seen, "sandbox", cri->sandbox ? cri->sandbox : "?",
		    cri->sandbox ? cri->slen : 1);
		add_seen(&seen, "image", cri->image ? cri->image : "?",
		    cri->image ? cri->ilen : 1);
		cc_report(cc, OC_R_TGT001, OC_ITEM_DEFAULT, doc_get(cc->doc,
		    cc->ctx->root, "annotations"), 1, "no target of contract "
		    "'%s' (%s) matches this config (%s); targets: %s (use "
		    "--target NAME to choose one)", c->name, c->src->path,
		    seen.s, names.s);
	} else
		cc_report(cc, OC_R_TGT001, OC_SEV_WARNING, NULL, 1, "not checked "
		    "against contract '%s' (%s): the config has no CRI "
		    "annotations and every target has a match (targets: %s); "
		    "use --target NAME, or tie the contract to the paths of "
		    "its bundles in .ocicheck.yaml (contracts: - {path: GLOB, "
		    "file: CONTRACT})", c->name, c->src->path, names.s);
	buf_free(&names);
	buf_free(&seen);
}

const struct oc_target *
contract_check(const struct oc_contract *c, struct oc_check_ctx *ctx,
    const char *force_target, enum contract_check_why *why)
{
	struct cc cc = { .c = c, .ctx = ctx, .doc = ctx->doc };
	struct cri cri;
	size_t i;

	*why = CONTRACT_CHECK_NONE;
	if (c->ntargets == 0 || ctx->root == NULL)
		return NULL;
	cri_read(ctx, &cri);
	/* A pod's pause container runs no workload: no target is meant
	 * for it, and a run over a node's bundles meets one per pod. */
	if (cri.pause)
		return NULL;
	/* --target picks among the contracts that have it; another
	 * contract given beside it still matches by annotations. */
	for (i = 0; force_target != NULL && i < c->ntargets; i++)
		if (strcmp(c->targets[i].name, force_target) == 0) {
			cc.t = &c->targets[i];
			*why = CONTRACT_CHECK_FORCED;
		}
	if (cc.t == NULL && (cc.t = pick_target(&cc, &cri)) != NULL)
		*why = cc.t->match_container || cc.t->match_sandbox ||
		    cc.t->match_image ? CONTRACT_CHECK_MATCHED :
		    CONTRACT_CHECK_ONLY;
	if (cc.t == NULL) {
		report_none(&cc, &cri);
		return NULL;
	}
	report_choice(&cc, &cri, *why);
	check_target(&cc);
	return cc.t;
}
