/* The versioned JSON envelope of SPEC section 4, through yajl_gen. */
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_gen.h>

#include "ocicheck/contract.h"
#include "ocicheck/contract_check.h"
#include "ocicheck/emit.h"
#include "emit_json.h"

static void
print_cb(void *ctx, const char *s, size_t len)
{
	fwrite(s, 1, len, ctx);
}

yajl_gen
json_gen_open(FILE *out)
{
	yajl_gen g = yajl_gen_alloc(NULL);

	if (g == NULL)
		return NULL;
	yajl_gen_config(g, yajl_gen_beautify, 1);
	yajl_gen_config(g, yajl_gen_indent_string, "  ");
	yajl_gen_config(g, yajl_gen_print_callback, print_cb, out);
	return g;
}

void
json_str(yajl_gen g, const char *s)
{
	struct oc_buf b = { 0 };

	s = emit_clean(s, &b);
	yajl_gen_string(g, (const unsigned char *)s, strlen(s));
	buf_free(&b);
}

void
json_kv(yajl_gen g, const char *k, const char *v)
{
	json_str(g, k);
	json_str(g, v);
}

void
json_ki(yajl_gen g, const char *k, long long v)
{
	json_str(g, k);
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
	json_kv(g, "path", emit_path(info, run, f->file));
	json_ki(g, "line", f->span.start.line);
	json_ki(g, "column", f->span.start.col);
	json_ki(g, "endLine", f->span.end.line);
	json_ki(g, "endColumn", f->span.end.col);
	json_kv(g, "pointer", f->pointer);
	json_kv(g, "ruleId", f->rule->id);
	json_kv(g, "ruleName", f->rule->slug);
	json_kv(g, "specLevel", level_name(f->rule->level));
	json_kv(g, "severity", severity_name(f->severity));
	json_kv(g, "message", f->message);
	json_kv(g, "helpUri", uri.s);
	json_kv(g, "fingerprint", fp);
	emit_gen_profiles(g, f->rule);
	if (f->suppressed) {
		json_str(g, "suppression");
		yajl_gen_map_open(g);
		json_kv(g, "kind", f->suppressed == OC_SUPPRESS_CONFIG ? "config" :
		    "annotation");
		json_kv(g, "reason", f->justification ? f->justification : "");
		yajl_gen_map_close(g);
	}
	yajl_gen_map_close(g);
	buf_free(&uri);
}

int
emit_json(FILE *out, const struct oc_run *run,
    const struct oc_emit_info *info, struct oc_error **err)
{
	yajl_gen g = json_gen_open(out);
	size_t i;
	char *fps;

	if (g == NULL)
		return oc_error_set(err, 0, "cannot allocate a JSON generator");
	yajl_gen_map_open(g);
	json_ki(g, "schemaVersion", 1);

	json_str(g, "tool");
	yajl_gen_map_open(g);
	json_kv(g, "name", "ocicheck");
	json_kv(g, "version", OCICHECK_VERSION);
	json_str(g, "specVersions");
	yajl_gen_array_open(g);
	for (i = 0; i < OC_NVERSIONS; i++)
		json_str(g, oc_spec_version_names[i]);
	yajl_gen_array_close(g);
	yajl_gen_map_close(g);

	json_str(g, "invocation");
	yajl_gen_map_open(g);
	json_kv(g, "failOn", severity_name(info->fail_on));
	json_str(g, "config");
	if (info->config_path != NULL)
		json_str(g, info->config_path);
	else
		yajl_gen_null(g);
	json_str(g, "contracts");
	yajl_gen_array_open(g);
	for (i = 0; i < info->ncontracts; i++)
		json_str(g, info->contracts[i]);
	yajl_gen_array_close(g);
	json_str(g, "runtimes");
	yajl_gen_array_open(g);
	for (i = 0; i < OC_NRUNTIMES; i++)
		if (info->runtimes & (1u << i))
			json_str(g, oc_runtime_names[i]);
	yajl_gen_array_close(g);
	if (info->report_root != NULL)
		json_kv(g, "reportRoot", info->report_root);
	json_ki(g, "exitCode", info->exit_code);
	yajl_gen_map_close(g);

	json_str(g, "summary");
	yajl_gen_map_open(g);
	json_ki(g, "files", (long long)run->nfiles);
	json_ki(g, "findings", (long long)(run->findings.n - run->suppressed));
	json_ki(g, "error", (long long)run->count[OC_SEV_ERROR]);
	json_ki(g, "warning", (long long)run->count[OC_SEV_WARNING]);
	json_ki(g, "info", (long long)run->count[OC_SEV_INFO]);
	json_ki(g, "suppressed", (long long)run->suppressed);
	yajl_gen_map_close(g);

	json_str(g, "files");
	yajl_gen_array_open(g);
	for (i = 0; i < run->nfiles; i++) {
		const struct oc_file_result *f = &run->files[i];

		yajl_gen_map_open(g);
		json_kv(g, "path", emit_path(info, run, i));
		json_kv(g, "status", f->status == OC_FILE_CHECKED ? "checked" :
		    "unreadable");
		if (f->error != NULL)
			json_kv(g, "error", f->error);
		json_kv(g, "kind", oc_file_kind_names[f->kind]);
		if (f->ntargets > 0) {
			size_t k;

			json_str(g, "targets");
			yajl_gen_array_open(g);
			for (k = 0; k < f->ntargets; k++) {
				yajl_gen_map_open(g);
				json_kv(g, "contract", f->targets[k].contract);
				json_kv(g, "target", f->targets[k].target);
				json_kv(g, "reason",
				    contract_check_why_names[f->targets[k].why]);
				yajl_gen_map_close(g);
			}
			yajl_gen_array_close(g);
		}
		yajl_gen_map_close(g);
	}
	yajl_gen_array_close(g);

	json_str(g, "findings");
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
