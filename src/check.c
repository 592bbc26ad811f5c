#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "ocicheck/json_load.h"
#include "ocicheck/schema.h"

void
check_report(struct oc_check_ctx *ctx, const struct oc_node *n,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	findings_add_nodev(ctx->out, ctx->rule->id, ctx->doc, n, 0, fmt, ap);
	va_end(ap);
}

void
check_report_key(struct oc_check_ctx *ctx, const struct oc_node *n,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	findings_add_nodev(ctx->out, ctx->rule->id, ctx->doc, n, 1, fmt, ap);
	va_end(ap);
}

void
check_report_as(struct oc_check_ctx *ctx, const char *id,
    const struct oc_node *n, int key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	findings_add_nodev(ctx->out, id, ctx->doc, n, key, fmt, ap);
	va_end(ap);
}

void
check_report_missing(struct oc_check_ctx *ctx, const struct oc_node *obj,
    const char *fmt, ...)
{
	struct oc_buf ptr = { 0 };
	struct oc_span sp;
	va_list ap;

	doc_pointer(ctx->doc, obj, &ptr);
	if (doc_key_text(ctx->doc, obj, &(size_t){ 0 }) != NULL)
		sp = doc_key_span(ctx->doc, obj);
	else
		sp = source_span(ctx->doc->src, obj->start, obj->start + 1);
	va_start(ap, fmt);
	findings_addv(ctx->out, ctx->rule->id, sp, ptr.s, fmt, ap);
	va_end(ap);
	buf_free(&ptr);
}

/* The platform a config targets, judged by its platform objects. */
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
	size_t i;

	for (i = 0; i < ARRAY_SIZE(marks); i++)
		if (doc_get(doc, root, marks[i].key) != NULL)
			return marks[i].platform;
	if (doc_get(doc, root, "vm") != NULL &&
	    doc_get(doc, root, "linux") == NULL)
		return OC_PLATFORM_VM;
	return OC_PLATFORM_LINUX;
}

void
check_context(struct oc_check_ctx *ctx, const struct oc_doc *doc,
    const struct oc_check_opts *opts)
{
	const struct oc_node *v;
	struct oc_semver sv;
	size_t len;
	const char *s;
	int sel = -1;

	ctx->doc = doc;
	ctx->root = doc_root(doc, 0);
	ctx->platform = opts && opts->platform >= 0 ?
	    (enum oc_platform)opts->platform : detect_platform(doc, ctx->root);
	ctx->version_declared = 0;
	v = doc_get(doc, ctx->root, "ociVersion");
	if (v != NULL && doc_kind(v) == OC_STRING) {
		s = doc_text(doc, v, &len);
		if (semver_parse(s, len, &sv) == 0 && sv.major == 1) {
			sel = specver_select(&sv);
			ctx->version_declared = 1;
		}
	}
	if (opts && opts->version >= 0)
		sel = opts->version;
	/* Without a usable ociVersion the newest rules apply. */
	ctx->version = sel >= 0 ? (enum oc_spec_version)sel : OC_V1_3_0;
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
	for (i = 0; i < oc_nrules; i++) {
		if (oc_rules[i].fn == NULL ||
		    (settings != NULL && !settings[i].enabled))
			continue;
		ctx.rule = &oc_rules[i];
		if (oc_rules[i].fn(&ctx, err) < 0)
			return oc_error_prefix(err, "rule %s: ",
			    oc_rules[i].id);
	}
	return 0;
}

void
run_init(struct oc_run *run)
{
	size_t i;

	memset(run, 0, sizeof(*run));
	run->settings = xcalloc(oc_nrules, sizeof(*run->settings));
	for (i = 0; i < oc_nrules; i++) {
		run->settings[i].enabled = !oc_rules[i].opt_in;
		run->settings[i].severity = (unsigned char)oc_rules[i].severity;
	}
	run->findings.settings = run->settings;
	run->opts.platform = -1;
	run->opts.version = -1;
}

void
run_free(struct oc_run *run)
{
	size_t i;

	if (run == NULL)
		return;
	for (i = 0; i < run->nfiles; i++) {
		free(run->files[i].path);
		free(run->files[i].error);
	}
	free(run->files);
	findings_clear(&run->findings);
	free(run->settings);
	memset(run, 0, sizeof(*run));
}

static struct oc_file_result *
file_add(struct oc_run *run, const char *path)
{
	struct oc_file_result *f;

	run->files = xgrow(run->files, &run->files_cap, run->nfiles + 1,
	    sizeof(*run->files));
	f = &run->files[run->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	return f;
}

int
run_path(struct oc_run *run, const char *path, const char *stdin_name,
    struct oc_error **err)
{
	struct oc_source *src = NULL;
	struct oc_doc *doc = NULL;
	struct oc_file_result *f;
	int rc;

	if (source_read(path, stdin_name, OC_MAX_INPUT, &src, err) < 0) {
		f = file_add(run, strcmp(path, "-") == 0 && stdin_name ?
		    stdin_name : path);
		f->status = OC_FILE_UNREADABLE;
		f->error = oc_error_text(*err);
		return -1;
	}
	f = file_add(run, src->path);
	f->status = OC_FILE_CHECKED;
	run->findings.src = src;
	run->findings.file = (uint32_t)(run->nfiles - 1);
	rc = json_load(src, &run->findings, &doc, err);
	if (rc == 0 && doc != NULL)
		rc = check_doc(doc, &run->findings, &run->opts, run->settings,
		    err);
	/* Findings hold no references into the document: both go now, so
	 * a run over many files holds one file at a time. */
	run->findings.src = NULL;
	doc_free(doc);
	source_free(src);
	return rc;
}

void
run_finish(struct oc_run *run)
{
	size_t i;

	findings_sort(&run->findings);
	memset(run->count, 0, sizeof(run->count));
	for (i = 0; i < run->findings.n; i++)
		run->count[run->findings.v[i].severity]++;
}
