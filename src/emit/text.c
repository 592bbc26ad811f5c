/* PATH:LINE:COL: SEVERITY: MESSAGE [RULE-ID], one finding per line. */
#include "ocicheck/emit.h"

static const char *const sev_color[] = {
	[OC_SEV_INFO] = "\033[1;36m",
	[OC_SEV_WARNING] = "\033[1;33m",
	[OC_SEV_ERROR] = "\033[1;31m",
};

int
emit_text(FILE *out, const struct oc_run *run,
    const struct oc_emit_info *info, struct oc_error **err)
{
	struct oc_buf pb = { 0 }, mb = { 0 };
	const char *path = NULL;
	size_t i, file = SIZE_MAX;

	(void)err;
	for (i = 0; i < run->findings.n; i++) {
		const struct oc_finding *f = &run->findings.v[i];
		struct oc_buf text = { 0 };
		const char *msg;

		if (f->suppressed && !info->show_suppressed)
			continue;
		/* sorted findings come file by file: clean a path once */
		if (f->file != file) {
			file = f->file;
			pb.len = 0;
			path = emit_clean(emit_path(info, run, f->file), &pb);
		}
		buf_adds(&text, f->message);
		if (f->suppressed)
			buf_printf(&text, " (suppressed: %s)",
			    f->justification ? f->justification : "");
		msg = emit_clean(text.s, &mb);
		if (info->color)
			fprintf(out, "\033[1m%s:%u:%u:\033[0m %s%s:\033[0m %s "
			    "\033[2m[%s]\033[0m\n", path,
			    (unsigned)f->span.start.line,
			    (unsigned)f->span.start.col,
			    sev_color[f->severity], severity_name(f->severity),
			    msg, f->rule->id);
		else
			fprintf(out, "%s:%u:%u: %s: %s [%s]\n", path,
			    (unsigned)f->span.start.line,
			    (unsigned)f->span.start.col,
			    severity_name(f->severity), msg, f->rule->id);
		buf_free(&text);
	}
	buf_free(&pb);
	buf_free(&mb);
	return 0;
}
