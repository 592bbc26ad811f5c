/* The versioned JSON envelope of SPEC section 4, through yajl_gen. */
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_gen.h>

#include "ocicheck/contract.h"
#include "ocicheck/emit.h"

static void
print_cb(void *ctx, const char *s, size_t len)
{
	fwrite(s, 1, len, ctx);
}

static void
gen_str(yajl_gen g, const char *s)
{
	struct oc_buf b = { 0 };

	s = emit_clean(s, &b);
	yajl_gen_string(g, (const unsigned char *)s, strlen(s));
	buf_free(&b);
}

static void
gen_kv(yajl_gen g, const char *k, const char *v)
{
	gen_str(g, k);
	gen_str(g, v);
}

static void
gen_ki(yajl_gen g, const char *k, long long v)
{
	gen_str(g, k);
	yajl_gen_integer(g, v);
}

static void
gen_finding(yajl_gen g, const struct oc_run *run,
    const struct oc_emit_info *info, const struct oc_finding *f,
    const char *fp)
{
	struct oc_buf uri = { 0 };

	emit_help_uri(f->rule, &uri);
	yajl_gen_map_open(g);
	gen_kv(g, "path", emit_path(info, run, f->file));
	gen_ki(g, "line", f->span.start.line);
	gen_ki(g, "column", f->span.start.col);
	gen_ki(g, "endLine", f->span.end.line);
	gen_ki(g, "endColumn", f->span.end.col);
	gen_kv(g, "pointer", f->pointer);
	gen_kv(g, "ruleId", f->rule->id);
	gen_kv(g, "ruleName", f->rule->slug);
	gen_kv(g, "specLevel", level_name(f->rule->level));
	gen_kv(g, "severity", severity_name(f->severity));
	gen_kv(g, "message", f->message);
	gen_kv(g, "helpUri", uri.s);
	gen_kv(g, "fingerprint", fp);
	if (f->suppressed) {
		gen_str(g, "suppression");
		yajl_gen_map_open(g);
		gen_kv(g, "kind", f->suppressed == OC_SUPPRESS_CONFIG ? "config" :
		    "annotation");
		gen_kv(g, "reason", f->justification ? f->justification : "");
		yajl_gen_map_close(g);
	}
	yajl_gen_map_close(g);
	buf_free(&uri);
}

int
emit_json(FILE *out, const struct oc_run *run,
    const struct oc_emit_info *info, struct oc_error **err)
{
	yajl_gen g = yajl_gen_alloc(NULL);
	size_t i;
	char *fps;

	if (g == NULL)
		return oc_error_set(err, 0, "cannot allocate a JSON generator");
	yajl_gen_config(g, yajl_gen_beautify, 1);
	yajl_gen_config(g, yajl_gen_indent_string, "  ");
	yajl_gen_config(g, yajl_gen_print_callback, print_cb, out);
	yajl_gen_map_open(g);
	gen_ki(g, "schemaVersion", 1);

	gen_str(g, "tool");
	yajl_gen_map_open(g);
	gen_kv(g, "name", "ocicheck");
	gen_kv(g, "version", OCICHECK_VERSION);
	gen_str(g, "specVersions");
	yajl_gen_array_open(g);
	for (i = 0; i < OC_NVERSIONS; i++)
		gen_str(g, oc_spec_version_names[i]);
	yajl_gen_array_close(g);
	yajl_gen_map_close(g);

	gen_str(g, "invocation");
	yajl_gen_map_open(g);
	gen_kv(g, "failOn", severity_name(info->fail_on));
	gen_str(g, "config");
	if (info->config_path != NULL)
		gen_str(g, info->config_path);
	else
		yajl_gen_null(g);
	gen_str(g, "contracts");
	yajl_gen_array_open(g);
	for (i = 0; i < info->ncontracts; i++)
		gen_str(g, info->contracts[i]);
	yajl_gen_array_close(g);
	gen_str(g, "runtimes");
	yajl_gen_array_open(g);
	for (i = 0; i < OC_NRUNTIMES; i++)
		if (info->runtimes & (1u << i))
			gen_str(g, oc_runtime_names[i]);
	yajl_gen_array_close(g);
	if (info->report_root != NULL)
		gen_kv(g, "reportRoot", info->report_root);
	gen_ki(g, "exitCode", info->exit_code);
	yajl_gen_map_close(g);

	gen_str(g, "summary");
	yajl_gen_map_open(g);
	gen_ki(g, "files", (long long)run->nfiles);
	gen_ki(g, "findings", (long long)(run->findings.n - run->suppressed));
	gen_ki(g, "error", (long long)run->count[OC_SEV_ERROR]);
	gen_ki(g, "warning", (long long)run->count[OC_SEV_WARNING]);
	gen_ki(g, "info", (long long)run->count[OC_SEV_INFO]);
	gen_ki(g, "suppressed", (long long)run->suppressed);
	yajl_gen_map_close(g);

	gen_str(g, "files");
	yajl_gen_array_open(g);
	for (i = 0; i < run->nfiles; i++) {
		const struct oc_file_result *f = &run->files[i];

		yajl_gen_map_open(g);
		gen_kv(g, "path", emit_path(info, run, i));
		gen_kv(g, "status", f->status == OC_FILE_CHECKED ? "checked" :
		    "unreadable");
		if (f->error != NULL)
			gen_kv(g, "error", f->error);
		gen_kv(g, "kind", oc_file_kind_names[f->kind]);
		if (f->ntargets > 0) {
			size_t k;

			gen_str(g, "targets");
			yajl_gen_array_open(g);
			for (k = 0; k < f->ntargets; k++) {
				yajl_gen_map_open(g);
				gen_kv(g, "contract", f->targets[k].contract);
				gen_kv(g, "target", f->targets[k].target);
				gen_kv(g, "reason",
				    oc_target_why_names[f->targets[k].why]);
				yajl_gen_map_close(g);
			}
			yajl_gen_array_close(g);
		}
		yajl_gen_map_close(g);
	}
	yajl_gen_array_close(g);

	gen_str(g, "findings");
	yajl_gen_array_open(g);
	fps = emit_fingerprints(run, info);
	for (i = 0; i < run->findings.n; i++)
		if (!run->findings.v[i].suppressed || info->show_suppressed)
			gen_finding(g, run, info, &run->findings.v[i],
			    fps + 17 * i);
	free(fps);
	yajl_gen_array_close(g);
	yajl_gen_map_close(g);
	yajl_gen_free(g);
	return 0;
}
