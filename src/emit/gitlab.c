/*
 * GitLab Code Quality (artifacts:reports:codequality): a JSON array with
 * an object per finding, the subset of the Code Climate issue GitLab
 * reads: description, check_name, fingerprint, severity and
 * location.path/lines.begin. GitLab tells new findings from fixed ones by
 * fingerprint, so it is the envelope's, which ignores line moves.
 * Severities: error major, warning minor, info info; an unreadable input
 * is a critical "ocicheck" issue at line 1 (GitLab needs a line).
 */
#include <stdlib.h>

#include "ocicheck/emit.h"
#include "emit_json.h"

static const char *const severity[] = {
	[OC_SEV_INFO] = "info",
	[OC_SEV_WARNING] = "minor",
	[OC_SEV_ERROR] = "major",
};

static void
issue(yajl_gen g, const char *description, const char *check,
    const char *fp, const char *sev, const char *path, long long line)
{
	yajl_gen_map_open(g);
	json_kv(g, "type", "issue");
	json_kv(g, "description", description);
	json_kv(g, "check_name", check);
	json_kv(g, "fingerprint", fp);
	json_kv(g, "severity", sev);
	json_str(g, "location");
	yajl_gen_map_open(g);
	json_kv(g, "path", emit_path_trim(path));
	json_str(g, "lines");
	yajl_gen_map_open(g);
	json_ki(g, "begin", line);
	yajl_gen_map_close(g);
	yajl_gen_map_close(g);
	yajl_gen_map_close(g);
}

int
emit_gitlab(FILE *out, const struct oc_run *run,
    const struct oc_emit_info *info, struct oc_error **err)
{
	yajl_gen g = json_gen_open(out);
	struct oc_buf d = { 0 }, fp = { 0 };
	size_t i;
	char *fps;

	if (g == NULL)
		return oc_error_set(err, 0, "cannot allocate a JSON generator");
	yajl_gen_array_open(g);
	for (i = 0; i < run->nfiles; i++) {
		const struct oc_file_result *f = &run->files[i];
		const char *path = emit_path(info, run, i);

		if (f->status == OC_FILE_CHECKED)
			continue;
		fp.len = 0;
		buf_printf(&fp, "unreadable:%s", path);
		issue(g, f->error != NULL ? f->error : "cannot read the input",
		    "ocicheck", fp.s, "critical", path, 1);
	}
	fps = emit_fingerprints(run, info);
	for (i = 0; i < run->findings.n; i++) {
		const struct oc_finding *f = &run->findings.v[i];

		if (f->suppressed != OC_SUPPRESS_NONE)
			continue;
		d.len = 0;
		buf_printf(&d, "%s %s: %s", f->rule->id, f->rule->slug,
		    f->message);
		issue(g, d.s, f->rule->id, fps + 17 * i,
		    severity[f->severity], emit_path(info, run, f->file),
		    f->span.start.line);
	}
	free(fps);
	yajl_gen_array_close(g);
	yajl_gen_free(g);
	buf_free(&d);
	buf_free(&fp);
	return 0;
}
