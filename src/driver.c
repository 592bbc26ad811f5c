/* See include/ocicheck/driver.h. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ocicheck/config.h"
#include "ocicheck/contract.h"
#include "ocicheck/derive.h"
#include "ocicheck/driver.h"
#include "ocicheck/input.h"
#include "ocicheck/output.h"
#include "ocicheck/progress.h"
#include "ocicheck/source.h"

/* One run from config to summary; what check and derive hold apart from
 * the shared part is freed by drv_free() too. */
struct drv {
	const struct oc_options *opts;
	oc_report_fn *report;
	struct oc_config *cfg;
	struct oc_settings set;
	struct oc_run run;
	struct oc_emit_info info;
	int stop;		/* the run ended before its reports */
	struct oc_inputs in;	/* check */
	struct oc_contract *c;		/* derive: the contract written */
	struct oc_buf text;	/* derive: the contract as written */
	char *hdr;
};

static int
fails(const struct oc_run *run, int fail_on)
{
	int s;

	for (s = fail_on; s <= OC_SEV_ERROR; s++)
		if (run->count[s] > 0)
			return 1;
	return 0;
}

/* Find and load the config file unless told not to. */
static int
load_config(struct drv *d)
{
	struct oc_error *err = NULL;
	char *path, *how;

	d->cfg = NULL;
	if (d->opts->no_config)
		return 0;
	if (config_find(d->opts->config_path, &path, &how, &err) < 0 ||
	    (path != NULL && config_load(path, &d->cfg, &err) < 0)) {
		d->report(err);
		free(path);
		free(how);
		return -1;
	}
	if (d->cfg != NULL)
		d->cfg->how = how;
	else
		free(how);
	free(path);
	return 0;
}

/* What every report of a run says about the run itself. */
static void
info_init(struct drv *d, int rc)
{
	d->info.opts = d->opts;
	d->info.exit_code = rc;
	d->info.fail_on = (enum oc_severity)d->set.fail_on;
	d->info.report_root = d->opts->report_root;
	d->info.sarif_category = d->opts->sarif_category;
	d->info.config_path = d->cfg != NULL ? d->cfg->path : NULL;
	d->info.runtimes = d->set.runtimes;
}

/* The contracts and the target of a check: an invalid contract stops
 * the run (exit 3, never 0 or 1), an unknown target too (exit 2). */
static int
check_setup(struct drv *d)
{
	struct oc_error *err = NULL;
	size_t i;

	d->run.opts.platform = d->set.platform;
	d->run.opts.version = d->set.spec_version;
	d->run.target = d->opts->target;
	d->run.config = d->cfg;
	d->run.inline_ok = d->set.inline_ok;
	d->run.min_severity = d->set.min_severity;
	for (i = 0; i < d->set.ncontracts; i++) {
		if (run_contract_for(&d->run, d->set.contracts[i],
		    d->set.contract_globs[i], &err) < 0) {
			d->report(err);
			return OC_EXIT_TROUBLE;
		}
	}
	if (d->opts->target != NULL && !run_has_target(&d->run,
	    d->opts->target)) {
		oc_error_set(&err, 0, "no contract has a target named '%s'",
		    d->opts->target);
		d->report(err);
		return OC_EXIT_USAGE;
	}
	return OC_EXIT_CLEAN;
}

/* An input the walk could not enter: unreadable, as a file would be. */
static void
check_unreadable(struct drv *d, struct oc_input *it)
{
	struct oc_file_result *f = run_add_file(&d->run, it->path);

	f->status = OC_FILE_UNREADABLE;
	f->error = oc_error_text(it->error);
	d->report(it->error);
	it->error = NULL;
}

/* ocicheck [PATH...] and contract lint: the inputs one at a time, so
 * that many inputs take the memory of the largest one (run_path frees
 * each document before the next is read). */
static int
check_body(struct drv *d)
{
	struct oc_error *err = NULL;
	struct progress prog;
	int rc;
	size_t i;

	if ((rc = check_setup(d)) != OC_EXIT_CLEAN) {
		d->stop = 1;
		return rc;
	}
	rc = input_expand(d->opts, &d->in, d->report, &err);
	if (rc < 0) {
		d->report(err);
		d->stop = 1;
		return OC_EXIT_USAGE;
	}
	rc = rc > 0 ? OC_EXIT_TROUBLE : OC_EXIT_CLEAN;
	progress_init(&prog, d->opts, d->in.n);
	for (i = 0; i < d->in.n; i++) {
		struct oc_input *it = &d->in.v[i];

		progress_update(&prog, &d->run, i, it->path);
		if (it->error == NULL && run_path(&d->run, it->path,
		    d->opts->stdin_name, &err) == 0)
			continue;
		progress_erase(&prog);
		rc = OC_EXIT_TROUBLE;
		if (it->error != NULL) {
			check_unreadable(d, it);
			continue;
		}
		d->report(err);
		err = NULL;
		if (input_hint_recursive(d->opts, it->path, &err) < 0)
			d->report(err);
		err = NULL;
	}
	progress_end(&prog);
	return rc;
}

static int
check_reports(struct drv *d, int rc)
{
	struct oc_stage stage;

	d->info.show_suppressed = d->opts->show_suppressed;
	d->info.contracts = d->set.contracts;
	d->info.ncontracts = d->set.ncontracts;
	output_stage(&stage, d->opts->outputs, d->opts->noutputs);
	rc = output_render_all(&stage, &d->run, &d->info, rc, d->report);
	rc = output_rename_all(&stage, rc, d->report);
	output_discard(&stage);
	d->info.exit_code = rc;
	return rc;
}

static int
derive_to_stdout(const struct oc_options *opts)
{
	const char *out = opts->outputs[0].path;

	return out == NULL || strcmp(out, "-") == 0;
}

/* ocicheck contract derive: the contract to -o (or stdout); its
 * findings are the run's. */
static int
derive_body(struct drv *d)
{
	const struct oc_options *opts = d->opts;
	struct oc_derive_opts dv = { (enum oc_kb_platform)opts->kb_platform,
		(const char *const *)opts->paths, opts->npaths,
		(const char *const *)opts->overlays, opts->noverlays,
		opts->chart };
	const char *out = opts->outputs[0].path;
	struct oc_error *err = NULL;
	struct oc_writer w = { 0 };

	if (derive_contract(&dv, &d->run, &d->c, &d->hdr, &err) < 0) {
		d->report(err);
		return OC_EXIT_TROUBLE;
	}
	/* Writer and loader share fields.inc, so what is written loads
	 * back (tests/unit/test_contract_write.c holds them to it). */
	contract_write(&d->text, d->c, d->hdr);
	w.text = &d->text;
	return output_write(out, &w, d->report) < 0 ? OC_EXIT_TROUBLE :
	    OC_EXIT_CLEAN;
}

/* The findings of a derive go to stdout when the contract went to a
 * file, to stderr when it went to stdout. */
static int
derive_reports(struct drv *d, int rc)
{
	struct oc_writer w = { &d->run, &d->info, d->opts->format, NULL };
	int to_stdout = derive_to_stdout(d->opts);

	d->info.color = d->opts->format == OC_FORMAT_TEXT &&
	    cli_use_color(d->opts, to_stdout ? STDERR_FILENO : STDOUT_FILENO);
	if (to_stdout ? output_write_stream(stderr, &w, d->report) < 0 :
	    output_write(NULL, &w, d->report) < 0)
		rc = OC_EXIT_TROUBLE;
	return rc;
}

static void
drv_free(struct drv *d)
{
	input_free(&d->in);
	contract_free(d->c);
	free(d->hdr);
	buf_free(&d->text);
	config_settings_free(&d->set);
	run_free(&d->run);
	config_free(d->cfg);
}

/* Config, settings, the run, its exit code, reports and summary: once
 * for check and derive. */
static int
drv_run(const struct oc_options *opts, oc_report_fn *report)
{
	struct drv d = { .opts = opts, .report = report };
	int derive = opts->mode == OC_MODE_CONTRACT_DERIVE, rc;
	struct oc_error *err = NULL;

	if (load_config(&d) < 0)
		return OC_EXIT_TROUBLE;
	run_init(&d.run);
	if (config_resolve(d.cfg, opts, &d.set, d.run.settings, &err) < 0) {
		report(err);
		rc = OC_EXIT_USAGE;
		goto out;
	}
	if (opts->mode == OC_MODE_PRINT_CONFIG) {
		config_print(stdout, d.cfg, opts, &d.set, d.run.settings);
		rc = output_stdout_ok(report) ? OC_EXIT_CLEAN : OC_EXIT_TROUBLE;
		goto out;
	}
	rc = derive ? derive_body(&d) : check_body(&d);
	if (d.stop)
		goto out;
	run_finish(&d.run);
	if (rc == OC_EXIT_CLEAN && fails(&d.run, d.set.fail_on))
		rc = OC_EXIT_FINDINGS;
	info_init(&d, rc);
	emit_paths_init(&d.info, &d.run);
	rc = derive ? derive_reports(&d, rc) : check_reports(&d, rc);
	emit_paths_free(&d.info);
	if (!opts->quiet)
		emit_summary(stderr, &d.run);
out:
	drv_free(&d);
	return rc;
}

int
driver_run(const struct oc_options *opts, oc_report_fn *report)
{
	switch (opts->mode) {
	case OC_MODE_HELP:
		cli_usage(stdout);
		break;
	case OC_MODE_LIST_RULES:
		emit_rule_list(stdout, opts->format);
		break;
	case OC_MODE_EXPLAIN:
		emit_rule_explain(stdout, catalog_find(opts->explain),
		    opts->format);
		break;
	case OC_MODE_CONTRACT_SCHEMA:
		fputs(contract_schema_text(), stdout);
		break;
	default:
		return drv_run(opts, report);
	}
	return output_stdout_ok(report) ? OC_EXIT_CLEAN : OC_EXIT_TROUBLE;
}
