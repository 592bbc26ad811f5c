/*
 * Checkstyle XML, which review tools (reviewdog, Jenkins' warnings-ng,
 * SonarQube imports) read: a file element per input, an error element per
 * finding with its line, column, severity (error, warning, info), message
 * and source (the rule). An unreadable input is an error without a line.
 */
#include "ocicheck/emit.h"
#include "emit_xml.h"

int
emit_checkstyle(FILE *out, const struct oc_run *run,
    const struct oc_emit_info *info, struct oc_error **err)
{
	struct oc_xml *x = xml_open(out);
	struct oc_buf src = { 0 };
	size_t i, k = 0;

	if (x == NULL)
		return oc_error_set(err, 0, "cannot allocate an XML writer");
	xml_start(x, "checkstyle");
	xml_attr(x, "version", "4.3");
	for (i = 0; i < run->nfiles; i++) {
		const struct oc_file_result *fr = &run->files[i];

		xml_start(x, "file");
		xml_attr(x, "name", emit_path(info, run, i));
		if (fr->status != OC_FILE_CHECKED) {
			xml_start(x, "error");
			xml_attr(x, "severity", "error");
			xml_attr(x, "message", fr->error != NULL ? fr->error :
			    "cannot read the input");
			xml_attr(x, "source", "ocicheck");
			xml_end(x);
		}
		/* findings are sorted by file */
		for (; k < run->findings.n && run->findings.v[k].file == i;
		    k++) {
			const struct oc_finding *f = &run->findings.v[k];

			if (f->suppressed != OC_SUPPRESS_NONE)
				continue;
			src.len = 0;
			buf_printf(&src, "ocicheck.%s", f->rule->id);
			xml_start(x, "error");
			xml_attr_num(x, "line", f->span.start.line);
			xml_attr_num(x, "column", f->span.start.col);
			xml_attr(x, "severity", severity_name(f->severity));
			xml_attr(x, "message", f->message);
			xml_attr(x, "source", src.s);
			xml_end(x);
		}
		xml_end(x);
	}
	xml_end(x);
	buf_free(&src);
	return xml_close(x, err);
}
