#include <stdlib.h>
#include <string.h>

#include "ocicheck/check.h"
#include "ocicheck/json_load.h"

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

int
check_doc(const struct oc_doc *doc, struct oc_findings *out,
    const struct oc_rule_setting *settings, struct oc_error **err)
{
	struct oc_check_ctx ctx = { 0 };
	size_t i;

	ctx.doc = doc;
	ctx.root = doc_root(doc, 0);
	ctx.out = out;
	ctx.windows = doc_get(doc, ctx.root, "windows") != NULL;
	if (ctx.root == NULL || doc_kind(ctx.root) != OC_OBJECT)
		return 0;
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
		run->settings[i].enabled = 1;
		run->settings[i].severity = (unsigned char)oc_rules[i].severity;
	}
	run->findings.settings = run->settings;
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
		rc = check_doc(doc, &run->findings, run->settings, err);
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
