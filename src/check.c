#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "ocicheck/config.h"
#include "ocicheck/contract.h"
#include "ocicheck/contract_check.h"
#include "ocicheck/emit.h"
#include "ocicheck/json_load.h"
#include "ocicheck/schema.h"
#include "ocicheck/suppress.h"
#include "ocicheck/yaml_load.h"

/* Does root have a linux object with Linux content (a member at all)? */
static int
linux_content(const struct oc_doc *doc, const struct oc_node *root)
{
	const struct oc_node *l = doc_get(doc, root, "linux");

	return l != NULL && doc_kind(l) == OC_OBJECT && doc_count(l) > 0;
}

/*
 * The platform a config targets, judged by its platform objects. The
 * pre-1.0 platform object's os says it outright where it names one
 * (libocispec's tests/data/config.json has "os": "linux" and a solaris
 * object next to its linux one). A linux object with content next to a
 * solaris, freebsd or zos object is a Linux config carrying another
 * platform's example. A windows object with a linux one stays Windows:
 * that is LCOW, whose Linux guest the config-linux.md rules check
 * (OC_ON_LINUX_GUEST), while root and the windows object are judged as
 * hcsshim takes them.
 */
static enum oc_platform
detect_platform(const struct oc_doc *doc, const struct oc_node *root)
{
	static const struct {
		const char *key;
		enum oc_platform platform;
	} marks[] = {
		{ "windows", OC_PLATFORM_WINDOWS },
		{ "solaris", OC_PLATFORM_SOLARIS },
		{ "freebsd", OC_PLATFORM_FREEBSD },
		{ "zos", OC_PLATFORM_ZOS },
	};
	const struct oc_node *os = doc_get(doc, doc_get(doc, root,
	    "platform"), "os");
	size_t i, len;
	const char *s;

	if (os != NULL && doc_kind(os) == OC_STRING) {
		s = doc_text(doc, os, &len);
		for (i = 0; i < OC_NPLATFORMS; i++)
			if (strlen(oc_platform_names[i]) == len &&
			    memcmp(oc_platform_names[i], s, len) == 0)
				return (enum oc_platform)i;
	}
	for (i = 0; i < ARRAY_SIZE(marks); i++) {
		if (doc_get(doc, root, marks[i].key) == NULL)
			continue;
		if (marks[i].platform != OC_PLATFORM_WINDOWS &&
		    linux_content(doc, root))
			return OC_PLATFORM_LINUX;
		return marks[i].platform;
	}
	if (doc_get(doc, root, "vm") != NULL &&
	    doc_get(doc, root, "linux") == NULL)
		return OC_PLATFORM_VM;
	return OC_PLATFORM_LINUX;
}

const struct oc_node *
check_envelope(const struct oc_doc *doc)
{
	const struct oc_node *root = doc_root(doc, 0), *spec;

	if (root == NULL || doc_kind(root) != OC_OBJECT ||
	    doc_get(doc, root, "ociVersion") != NULL)
		return NULL;
	spec = doc_get(doc, doc_get(doc, root, "info"), "runtimeSpec");
	if (spec != NULL && doc_kind(spec) == OC_OBJECT)
		return spec;
	spec = doc_get(doc, root, "Spec");
	if (spec != NULL && doc_kind(spec) == OC_OBJECT &&
	    (doc_get(doc, root, "ID") != NULL ||
	    doc_get(doc, root, "Runtime") != NULL))
		return spec;
	return NULL;
}

void
check_context(struct oc_check_ctx *ctx, const struct oc_doc *doc,
    const struct oc_check_opts *opts)
{
	const struct oc_node *inner;

	const struct oc_node *v;
	struct oc_semver sv;
	size_t len;
	const char *s;
	int sel = -1;

	ctx->doc = doc;
	ctx->root = doc_root(doc, 0);
	if ((inner = check_envelope(doc)) != NULL)
		ctx->root = inner;
	ctx->platform = opts && opts->platform >= 0 ?
	    (enum oc_platform)opts->platform : detect_platform(doc, ctx->root);
	ctx->version_declared = 0;
	ctx->version_dev = 0;
	v = doc_get(doc, ctx->root, "ociVersion");
	if (v != NULL && doc_kind(v) == OC_STRING) {
		s = doc_text(doc, v, &len);
		if (semver_parse(s, len, &sv) == 0 && sv.major == 1) {
			sel = specver_select(&sv);
			ctx->version_declared = 1;
			ctx->version_dev = specver_dev_line(s, len);
		}
	}
	if (opts && opts->version >= 0) {
		sel = opts->version;
		ctx->version_dev = 0;
	}
	/* Without a usable ociVersion the newest rules apply. */
	ctx->version = sel >= 0 ? (enum oc_spec_version)sel : OC_V1_3_0;
}

/* Do rule r's flags let it judge the config of ctx: its platforms, and a
 * release since the rule's first? */
static int
rule_applies(const struct oc_rule *r, const struct oc_check_ctx *ctx)
{
	if (ctx->version < r->since)
		return 0;
	switch (r->platforms) {
	case OC_ON_ANY:
		return 1;
	case OC_ON_LINUX:
		return ctx->platform == OC_PLATFORM_LINUX;
	case OC_ON_LINUX_GUEST:
		return ctx->platform == OC_PLATFORM_LINUX ||
		    (ctx->platform == OC_PLATFORM_WINDOWS &&
		    doc_get(ctx->doc, ctx->root, "linux") != NULL);
	case OC_ON_WINDOWS:
		return ctx->platform == OC_PLATFORM_WINDOWS;
	}
	return 1;
}

/* The check function of each rule (NULL for a raised one), from the same
 * list as the rows. */
static oc_check_fn *const check_fns[OC_NRULES] = {
#define RULE(ID, FN, ...) [OC_R_##ID] = FN,
#define RAISED(ID, ...)
#include "catalog.def"
#undef RULE
#undef RAISED
};

int
check_doc(const struct oc_doc *doc, struct oc_findings *out,
    const struct oc_check_opts *opts, const struct oc_rule_setting *settings,
    struct oc_error **err)
{
	struct oc_check_ctx ctx = { 0 };
	size_t i;

	check_context(&ctx, doc, opts);
	ctx.out = out;
	if (ctx.root == NULL || doc_kind(ctx.root) != OC_OBJECT)
		return 0;
	/* The schema pass raises the OCI00xx/OCI01xx structure rules. */
	if (schema_check(&ctx, err) < 0)
		return oc_error_prefix(err, "schema: ");
	/* In catalog order, so that which findings a hostile input keeps
	 * under OC_MAX_FINDINGS does not depend on where rows are written. */
	for (i = 0; i < OC_NRULES; i++) {
		const struct oc_rule *r = catalog_nth(i);
		oc_check_fn *fn = check_fns[catalog_index(r)];

		if (fn == NULL ||
		    (settings != NULL && !settings[catalog_index(r)].enabled) ||
		    !rule_applies(r, &ctx))
			continue;
		ctx.rule = r;
		fn(&ctx);
	}
	for (i = 0; i < OC_SHARE_N; i++)
		if (ctx.share[i].p != NULL)
			ctx.share[i].free_fn(ctx.share[i].p);
	return 0;
}

const char *const oc_file_kind_names[] = { "config", "contract",
	"config-file", "manifest" };

void
run_init(struct oc_run *run)
{
	size_t i;

	memset(run, 0, sizeof(*run));
	run->settings = xcalloc(OC_NRULES, sizeof(*run->settings));
	for (i = 0; i < OC_NRULES; i++) {
		run->settings[i].enabled = !oc_rules[i].opt_in;
		run->settings[i].severity = (unsigned char)oc_rules[i].severity;
	}
	run->findings.settings = run->settings;
	run->opts.platform = -1;
	run->opts.version = -1;
	run->inline_ok = 1;
}

void
run_free(struct oc_run *run)
{
	size_t i;

	if (run == NULL)
		return;
	for (i = 0; i < run->nfiles; i++) {
		size_t k;

		for (k = 0; k < run->files[i].ntargets; k++)
			free(run->files[i].targets[k].target);
		free(run->files[i].targets);
		free(run->files[i].path);
		free(run->files[i].error);
	}
	free(run->files);
	findings_clear(&run->findings);
	free(run->settings);
	for (i = 0; i < run->ncontracts; i++) {
		contract_free(run->contracts[i]);
		free(run->contract_globs[i]);
	}
	free(run->contracts);
	free(run->contract_globs);
	memset(run, 0, sizeof(*run));
}

struct oc_file_result *
run_add_file(struct oc_run *run, const char *path)
{
	struct oc_file_result *f;

	run->files = xgrow(run->files, &run->files_cap, run->nfiles + 1,
	    sizeof(*run->files));
	f = &run->files[run->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	return f;
}

/* Is contract i for the input at path? Ties made in .ocicheck.yaml
 * (contracts: - {path: GLOB, file: CONTRACT}) hold for the paths under
 * the glob, which is absolute and cleaned, as ignore: paths are. */
static int
contract_applies(const struct oc_run *run, size_t i, const char *path)
{
	const char *cwd = run->config != NULL ? run->config->cwd : NULL;
	char *abs;
	int hit;

	if (run->contract_globs[i] == NULL)
		return 1;
	abs = cwd != NULL ? emit_path_join(cwd, path) : emit_path_clean(path);
	hit = path_glob_match(run->contract_globs[i], abs);
	free(abs);
	return hit;
}

/* Every contract for the input f, the chosen targets kept in f. */
static void
check_contracts(struct oc_run *run, struct oc_file_result *f,
    struct oc_check_ctx *ctx)
{
	const struct oc_target *t;
	enum contract_check_why why;
	size_t i;

	for (i = 0; i < run->ncontracts; i++) {
		if (!contract_applies(run, i, f->path))
			continue;
		t = contract_check(run->contracts[i], ctx, run->target, &why);
		if (t == NULL)
			continue;
		f->targets = xrealloc(f->targets, (f->ntargets + 1) *
		    sizeof(*f->targets));
		f->targets[f->ntargets].contract = run->contracts[i]->src->path;
		f->targets[f->ntargets].target = xstrdup(t->name);
		f->targets[f->ntargets++].why = why;
	}
}

/* One input on its way through the passes. */
struct run_input {
	struct oc_run *run;
	const char *path, *stdin_name;
	size_t file;			/* its index in run->files */
	struct oc_source *src;
	struct oc_doc *doc;		/* NULL: not parsed */
	struct oc_check_ctx ctx;	/* root, platform and version */
	size_t first;			/* its first finding */
	int ok;				/* no pass has failed */
};

static int
pass_load(struct run_input *in, struct oc_error **err)
{
	struct oc_run *run = in->run;
	struct oc_file_result *f;

	if (source_read(in->path, in->stdin_name, OC_MAX_INPUT, &in->src,
	    err) < 0) {
		f = run_add_file(run, strcmp(in->path, "-") == 0 &&
		    in->stdin_name ? in->stdin_name : in->path);
		f->status = OC_FILE_UNREADABLE;
		f->error = oc_error_text(*err);
		return -1;
	}
	f = run_add_file(run, in->src->path);
	f->status = OC_FILE_CHECKED;
	in->file = run->nfiles - 1;
	in->first = run->findings.n;
	findings_begin_file(&run->findings, (uint32_t)in->file, in->src);
	return json_load(in->src, &run->findings, &in->doc, err);
}

/* Pointers into a crictl or ctr dump are the spec's own. */
static int
pass_envelope(struct run_input *in, struct oc_error **err)
{
	(void)err;
	if (in->doc == NULL)
		return 0;
	doc_set_pointer_base(in->doc, check_envelope(in->doc));
	check_context(&in->ctx, in->doc, &in->run->opts);
	in->ctx.out = &in->run->findings;
	return 0;
}

static int
pass_rules(struct run_input *in, struct oc_error **err)
{
	if (in->doc == NULL)
		return 0;
	return check_doc(in->doc, &in->run->findings, &in->run->opts,
	    in->run->settings, err);
}

static int
pass_contracts(struct run_input *in, struct oc_error **err)
{
	(void)err;
	if (in->doc != NULL && doc_kind(doc_root(in->doc, 0)) == OC_OBJECT)
		check_contracts(in->run, &in->run->files[in->file], &in->ctx);
	return 0;
}

/* Annotations first, then the config's ignore: entries. A suppression
 * pass's own findings (OCI0032 of a bad annotation, OCI0010 of a full
 * input) are not for annotations to hide; an ignore: entry may. */
static int
pass_suppress(struct run_input *in, struct oc_error **err)
{
	struct oc_run *run = in->run;
	const struct oc_config *cfg = run->config;
	struct oc_matcher *inl = NULL;
	size_t ninl = 0, end = run->findings.n;
	const char *path;
	char *abs;

	(void)err;
	if (in->src == NULL)
		return 0;	/* unreadable: it has no findings */
	if (in->ok && run->inline_ok && in->doc != NULL &&
	    doc_kind(doc_root(in->doc, 0)) == OC_OBJECT)
		ninl = suppress_annotations(in->doc, in->ctx.root,
		    &run->findings, &inl);
	findings_end_file(&run->findings);
	suppress_apply(run->findings.v, in->first, end, inl, ninl, NULL);
	free(inl);
	if (cfg == NULL || cfg->nignores == 0)
		return 0;
	/* as the globs: absolute and cleaned */
	path = run->files[in->file].path;
	abs = cfg->dir != NULL ? emit_path_join(cfg->cwd, path) : NULL;
	suppress_apply(run->findings.v, in->first, run->findings.n,
	    cfg->matchers, cfg->nignores, abs ? abs : path);
	free(abs);
	return 0;
}

/* What happens to a config input, in order. A failed pass stops the ones
 * after it but those marked to run anyway: the findings of a config that
 * failed half way are still suppressed and counted. */
static const struct run_pass {
	int (*fn)(struct run_input *in, struct oc_error **err);
	int after_error;
} run_passes[] = {
	{ pass_load, 0 },
	{ pass_envelope, 0 },
	{ pass_rules, 0 },
	{ pass_contracts, 0 },
	{ pass_suppress, 1 },
};

int
run_path(struct oc_run *run, const char *path, const char *stdin_name,
    struct oc_error **err)
{
	struct run_input in = { .run = run, .path = path,
		.stdin_name = stdin_name, .ok = 1 };
	size_t i;
	int rc = 0;

	for (i = 0; i < ARRAY_SIZE(run_passes); i++) {
		if (!in.ok && !run_passes[i].after_error)
			continue;
		/* the first failure's error is the one reported */
		if (run_passes[i].fn(&in, err) < 0 && in.ok) {
			in.ok = 0;
			rc = -1;
		}
	}
	/* Findings hold no references into the document: both go now, so
	 * a run over many files holds one file at a time. */
	doc_free(in.doc);
	source_free(in.src);
	return rc;
}

/* A contract that failed to load because it is an OCI config (an object
 * with ociVersion and no apiVersion): say so and what to run instead,
 * rather than list every key a contract lacks. */
static int
oci_not_contract(const char *path, struct oc_error **err)
{
	struct oc_error *e = NULL;
	struct oc_source *src = NULL;
	struct oc_doc *doc = NULL;
	const struct oc_node *root;
	int oci = 0;

	if (source_read_file(path, OC_MAX_INPUT, &src, &e) == 0 &&
	    !src->too_large && yaml_load(src, &doc, &e) == 0 &&
	    doc->nroots == 1) {
		root = doc_root(doc, 0);
		oci = doc_kind(root) == OC_OBJECT &&
		    doc_get(doc, root, "ociVersion") != NULL &&
		    doc_get(doc, root, "apiVersion") == NULL;
	}
	oc_error_free(e);
	doc_free(doc);
	source_free(src);
	if (!oci)
		return -1;
	oc_error_free(*err);
	*err = NULL;
	return oc_error_set(err, 0, "'%s' is an OCI runtime config "
	    "(config.json), not a contract: check it with 'ocicheck %s', "
	    "against a contract with 'ocicheck --contract CONTRACT %s'", path,
	    path, path);
}

int
run_contract(struct oc_run *run, const char *path, struct oc_error **err)
{
	return run_contract_for(run, path, NULL, err);
}

int
run_contract_for(struct oc_run *run, const char *path, const char *glob,
    struct oc_error **err)
{
	struct oc_contract *c;
	struct oc_file_result *f;

	if (contract_load(path, &c, err) < 0)
		return oci_not_contract(path, err);
	run->contracts = xrealloc(run->contracts,
	    (run->ncontracts + 1) * sizeof(*run->contracts));
	run->contract_globs = xrealloc(run->contract_globs,
	    (run->ncontracts + 1) * sizeof(*run->contract_globs));
	run->contract_globs[run->ncontracts] = glob ? xstrdup(glob) : NULL;
	run->contracts[run->ncontracts++] = c;
	f = run_add_file(run, c->src->path);
	f->status = OC_FILE_CHECKED;
	f->kind = OC_KIND_CONTRACT;
	findings_begin_file(&run->findings, (uint32_t)(run->nfiles - 1),
	    c->src);
	contract_lint(c, &run->findings);
	findings_end_file(&run->findings);
	return 0;
}

int
run_has_target(const struct oc_run *run, const char *name)
{
	size_t i, k;

	for (i = 0; i < run->ncontracts; i++)
		for (k = 0; k < run->contracts[i]->ntargets; k++)
			if (strcmp(run->contracts[i]->targets[k].name, name) == 0)
				return 1;
	return 0;
}

/* Expired and unused ignore: entries, as findings positioned in the
 * config file, which then joins the run's files. */
static void
report_ignores(struct oc_run *run)
{
	const struct oc_config *cfg = run->config;
	struct oc_file_result *f;
	size_t i, reported = 0;

	for (i = 0; cfg != NULL && i < cfg->nignores; i++) {
		const struct oc_matcher *m = &cfg->matchers[i];
		const struct oc_node *node = cfg->ignores[i].node;
		const char *id = m->rule ? m->rule->id : "?";
		struct oc_buf ptr = { 0 };

		if (!m->off && m->used > 0)
			continue;
		if (reported++ == 0) {
			f = run_add_file(run, cfg->path);
			f->status = OC_FILE_CHECKED;
			f->kind = OC_KIND_SETTINGS;
			findings_begin_file(&run->findings,
			    (uint32_t)(run->nfiles - 1), cfg->src);
		}
		doc_pointer(cfg->doc, node, &ptr);
		if (m->off)
			findings_add(&run->findings, OC_R_OCI0031,
			    doc_span(cfg->doc, node), ptr.s, "ignore entry "
			    "for %s expired on %s and no longer suppresses: "
			    "fix the finding or renew the entry with a reason",
			    id, cfg->ignores[i].expires);
		else
			findings_add(&run->findings, OC_R_OCI0030,
			    doc_span(cfg->doc, node), ptr.s, "ignore entry "
			    "for %s suppressed nothing in this run: remove it "
			    "if the finding is gone", id);
		buf_free(&ptr);
	}
	if (reported > 0)
		findings_end_file(&run->findings);
}

void
run_finish(struct oc_run *run)
{
	size_t i, k;

	report_ignores(run);

	/* --min-severity filters what is reported at all */
	for (i = k = 0; i < run->findings.n; i++) {
		struct oc_finding *f = &run->findings.v[i];

		if ((int)f->severity < run->min_severity) {
			free(f->pointer);
			free(f->message);
			free(f->justification);
			continue;
		}
		run->findings.v[k++] = *f;
	}
	run->findings.n = k;
	findings_sort(&run->findings);
	memset(run->count, 0, sizeof(run->count));
	run->suppressed = 0;
	for (i = 0; i < run->findings.n; i++) {
		if (run->findings.v[i].suppressed)
			run->suppressed++;
		else
			run->count[run->findings.v[i].severity]++;
	}
}
