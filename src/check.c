#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "ocicheck/config.h"
#include "ocicheck/contract.h"
#include "ocicheck/emit.h"
#include "ocicheck/json_load.h"
#include "ocicheck/schema.h"
#include "ocicheck/spec.h"
#include "ocicheck/suggest.h"
#include "ocicheck/yaml_load.h"

void
check_report(struct oc_check_ctx *ctx, enum oc_anchor at,
    const struct oc_node *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	findings_add_nodev(ctx->out, catalog_index(ctx->rule), -1, ctx->doc, n,
	    at, fmt, ap);
	va_end(ap);
}

void
check_report_as(struct oc_check_ctx *ctx, enum oc_rule_id id, int severity,
    enum oc_anchor at, const struct oc_node *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	findings_add_nodev(ctx->out, id, severity, ctx->doc, n, at, fmt, ap);
	va_end(ap);
}

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

		if (r->fn == NULL ||
		    (settings != NULL && !settings[catalog_index(r)].enabled) ||
		    !rule_applies(r, &ctx))
			continue;
		ctx.rule = r;
		r->fn(&ctx);
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

/* The rule and the reason of a suppression annotation, or NULL after an
 * OCI0032 finding: a typo in the rule or a missing reason must not
 * silently suppress nothing, or something without saying why. */
static const struct oc_rule *
annotation_rule(struct oc_run *run, const struct oc_doc *doc,
    const struct oc_node *a, const char *id, size_t idlen, size_t rlen)
{
	const struct oc_rule *r;
	size_t klen;
	const char *key = doc_key_text(doc, a, &klen), *near;
	struct oc_buf shown = { 0 }, name = { 0 };
	char *s = xstrndup(id, idlen);

	r = catalog_find(s);
	buf_add_display(&shown, key, klen, 128);
	buf_add_display(&name, id, idlen, 64);
	if (r == NULL) {
		near = idlen > 0 ? suggest_rule(s) : NULL;
		findings_add_node(&run->findings, OC_R_OCI0032, -1, doc, a,
		    OC_AT_KEY,
		    "suppression annotation '%s': '%s' names no rule, so it "
		    "suppresses nothing%s%s%s", shown.s, name.s, near ?
		    "; did you mean '" : " (see ocicheck --list-rules)",
		    near ? near : "", near ? "'?" : "");
	} else if (rlen == 0)
		findings_add_node(&run->findings, OC_R_OCI0032, -1, doc, a,
		    OC_AT_KEY,
		    "suppression annotation '%s' gives no reason, so it "
		    "suppresses nothing: write \"[<pointer>: ]<reason>\"",
		    shown.s);
	buf_free(&shown);
	buf_free(&name);
	free(s);
	return r != NULL && rlen > 0 ? r : NULL;
}

/* Is the word s[0..n) "want" or a misspelling of it? */
static int
near_word(const char *s, size_t n, const char *want)
{
	size_t wl = strlen(want);

	return n + 2 >= wl && n <= wl + 2 && text_distance(s, n, want, wl) <=
	    (wl > 6 ? 2 : 1);
}

/*
 * A key that looks like a suppression but is not one: "ocicheck.ignore.X"
 * without the domain, "com.example.ocichek.ignore.X", ".ocicheck.ignores.X",
 * "ocicheck-ignore/X". Such a key suppresses nothing, so it is an OCI0032
 * naming the key it should be. The words are separated by any of ./-_
 * and must both be near ("ocicheck", "ignore"), so that no real key of a
 * config is taken for one.
 */
static void
lookalike(struct oc_run *run, const struct oc_doc *doc,
    const struct oc_node *a, const char *key, size_t klen)
{
	static const char seps[] = "./-_";
	size_t i = 0, w1, l1, w2, l2;
	struct oc_buf shown = { 0 }, want = { 0 };

	for (;;) {
		w1 = i;
		while (i < klen && strchr(seps, key[i]) == NULL)
			i++;
		l1 = i - w1;
		if (i >= klen)
			return;
		w2 = ++i;
		while (i < klen && strchr(seps, key[i]) == NULL)
			i++;
		l2 = i - w2;
		if (near_word(key + w1, l1, "ocicheck") &&
		    (near_word(key + w2, l2, "ignore") ||
		    near_word(key + w2, l2, "ignores")) && i < klen)
			break;
		i = w2;
	}
	buf_add_display(&shown, key, klen, 128);
	if (w1 > 1)
		buf_add_display(&want, key, w1 - 1, 64);
	else
		buf_adds(&want, "com.example");
	buf_adds(&want, ".ocicheck.ignore.");
	buf_add_display(&want, key + i + 1, klen - i - 1, 64);
	findings_add_node(&run->findings, OC_R_OCI0032, -1, doc, a, OC_AT_KEY,
	    "annotation '%s' looks like a suppression but is not one, so it "
	    "suppresses nothing: write '%s'%s", shown.s, want.s, w1 > 1 ? "" :
	    " (a domain of yours before .ocicheck.ignore.)");
	buf_free(&shown);
	buf_free(&want);
}

/* Mark the findings [from, end) of rule r (under the pointer
 * val[0..plen) when plen > 0) suppressed with the reason. */
static void
suppress_rule(struct oc_run *run, size_t from, size_t end,
    const struct oc_rule *r, const char *val, size_t plen,
    const char *why, size_t wlen)
{
	size_t k;

	for (k = from; k < end; k++) {
		struct oc_finding *f = &run->findings.v[k];
		size_t fl = strlen(f->pointer);

		if (f->rule != r || f->suppressed || (plen > 0 &&
		    (fl < plen || memcmp(f->pointer, val, plen) != 0 ||
		    (fl > plen && f->pointer[plen] != '/'))))
			continue;
		f->suppressed = OC_SUPPRESS_INLINE;
		f->justification = xstrndup(why, wlen);
	}
}

/* Annotations "<domain>.ocicheck.ignore.<RULE>[,<RULE>...]":
 * "[<pointer>: ]<reason>" suppress those rules' findings in this file
 * (under the pointer). */
static void
suppress_inline(struct oc_run *run, const struct oc_doc *doc,
    const struct oc_node *root, size_t from)
{
	static const char mark[] = ".ocicheck.ignore.";
	const struct oc_node *ann = doc_get(doc, root, "annotations");
	/* OCI0032 findings, added as we go, are not for annotations to hide */
	size_t i, end = run->findings.n;

	if (ann == NULL || doc_kind(ann) != OC_OBJECT)
		return;
	for (i = 0; i < doc_count(ann); i++) {
		const struct oc_node *a = doc_at(doc, ann, i);
		size_t klen, vlen, plen = 0, wlen, ilen;
		const char *key = doc_key_text(doc, a, &klen), *val, *sep, *hit;
		const char *id, *why, *comma;
		const struct oc_rule *r;

		hit = memmem(key, klen, mark, sizeof(mark) - 1);
		val = spec_str(doc, a, &vlen);
		if (val == NULL)
			continue;
		if (hit == NULL || hit == key) {
			lookalike(run, doc, a, key, klen);
			continue;
		}
		sep = vlen > 0 && val[0] == '/' ? memmem(val, vlen, ": ", 2) :
		    NULL;
		if (sep != NULL)
			plen = (size_t)(sep - val);
		why = sep ? sep + 2 : val;
		wlen = vlen - (size_t)(why - val);
		while (wlen > 0 && (*why == ' ' || *why == '\t'))
			why++, wlen--;
		id = hit + sizeof(mark) - 1;
		ilen = klen - (size_t)(id - key);
		/* a comma list names several rules */
		for (;;) {
			comma = memchr(id, ',', ilen);
			r = annotation_rule(run, doc, a, id, comma ?
			    (size_t)(comma - id) : ilen, wlen);
			if (r != NULL)
				suppress_rule(run, from, end, r, val, plen,
				    sep ? sep + 2 : val, sep ? vlen - plen - 2 :
				    vlen);
			if (comma == NULL || (r == NULL && wlen == 0))
				break;
			ilen -= (size_t)(comma + 1 - id);
			id = comma + 1;
		}
	}
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
	enum oc_target_why why;
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

int
run_path(struct oc_run *run, const char *path, const char *stdin_name,
    struct oc_error **err)
{
	struct oc_source *src = NULL;
	struct oc_doc *doc = NULL;
	struct oc_file_result *f;
	size_t first;
	int rc;

	if (source_read(path, stdin_name, OC_MAX_INPUT, &src, err) < 0) {
		f = run_add_file(run, strcmp(path, "-") == 0 && stdin_name ?
		    stdin_name : path);
		f->status = OC_FILE_UNREADABLE;
		f->error = oc_error_text(*err);
		return -1;
	}
	f = run_add_file(run, src->path);
	f->status = OC_FILE_CHECKED;
	run->findings.src = src;
	run->findings.file = (uint32_t)(run->nfiles - 1);
	first = run->findings.n;
	rc = json_load(src, &run->findings, &doc, err);
	if (rc == 0 && doc != NULL)
		doc_set_pointer_base(doc, check_envelope(doc));
	if (rc == 0 && doc != NULL)
		rc = check_doc(doc, &run->findings, &run->opts, run->settings,
		    err);
	if (rc == 0 && doc != NULL && doc_kind(doc_root(doc, 0)) == OC_OBJECT) {
		struct oc_check_ctx ctx = { 0 };

		check_context(&ctx, doc, &run->opts);
		ctx.out = &run->findings;
		check_contracts(run, f, &ctx);
		if (run->inline_ok)
			suppress_inline(run, doc, ctx.root, first);
	}
	findings_end_file(&run->findings);
	config_suppress(run->config, run, first);
	/* Findings hold no references into the document: both go now, so
	 * a run over many files holds one file at a time. */
	run->findings.src = NULL;
	doc_free(doc);
	source_free(src);
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
	run->findings.src = c->src;
	run->findings.file = (uint32_t)(run->nfiles - 1);
	contract_lint(c, &run->findings);
	findings_end_file(&run->findings);
	run->findings.src = NULL;
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

void
run_finish(struct oc_run *run)
{
	size_t i, k;

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
