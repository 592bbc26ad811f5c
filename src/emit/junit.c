/*
 * JUnit XML, as Jenkins and GitLab read test reports: one testcase per
 * input, named by its path; a failure for each finding at or above
 * --fail-on, so that the report fails exactly when the exit code does;
 * the findings below it in the testcase's system-out; an unreadable input
 * an error. No time or timestamp: the same run writes the same bytes.
 * tests/schemas/junit-10.xsd is the schema the tests hold it to.
 */
#include <string.h>

#include "ocicheck/emit.h"
#include "emit_xml.h"

static int
fails(const struct oc_finding *f, const struct oc_emit_info *info)
{
	return f->suppressed == OC_SUPPRESS_NONE &&
	    info->fail_on != OC_SEV_NONE && f->severity >= info->fail_on;
}

/* "config.json:3:5: error OCI0101 slug: message" */
static void
finding_line(struct oc_buf *b, const char *path, const struct oc_finding *f)
{
	b->len = 0;
	buf_printf(b, "%s:%u:%u: %s %s %s: %s", path,
	    (unsigned)f->span.start.line, (unsigned)f->span.start.col,
	    severity_name(f->severity), f->rule->id, f->rule->slug,
	    f->message);
}

/* The findings of file i, from *next on (they are sorted by file). */
static void
testcase(struct oc_xml *x, const struct oc_run *run,
    const struct oc_emit_info *info, size_t i, size_t *next)
{
	const struct oc_file_result *fr = &run->files[i];
	const char *path = emit_path(info, run, i);
	struct oc_buf line = { 0 }, msg = { 0 }, uri = { 0 };
	size_t k, end, below = 0;

	for (end = *next; end < run->findings.n &&
	    run->findings.v[end].file == i; end++)
		;
	xml_start(x, "testcase");
	xml_attr(x, "name", path);
	xml_attr(x, "classname", "ocicheck");
	if (fr->status != OC_FILE_CHECKED) {
		xml_start(x, "error");
		xml_attr(x, "type", "unreadable");
		xml_attr(x, "message", fr->error != NULL ? fr->error :
		    "cannot read the input");
		xml_end(x);
	}
	for (k = *next; k < end; k++) {
		const struct oc_finding *f = &run->findings.v[k];

		if (!fails(f, info)) {
			below += f->suppressed == OC_SUPPRESS_NONE;
			continue;
		}
		msg.len = 0;
		buf_printf(&msg, "%s %s: %s", f->rule->id, f->rule->slug,
		    f->message);
		uri.len = 0;
		emit_help_uri(f->rule, &uri);
		finding_line(&line, path, f);
		xml_start(x, "failure");
		xml_attr(x, "type", f->rule->id);
		xml_attr(x, "message", msg.s);
		xml_line(x, line.s);
		xml_text(x, uri.s);
		xml_end(x);
	}
	if (below > 0) {
		xml_start(x, "system-out");
		for (k = *next; k < end; k++) {
			const struct oc_finding *f = &run->findings.v[k];

			if (f->suppressed != OC_SUPPRESS_NONE || fails(f, info))
				continue;
			finding_line(&line, path, f);
			xml_line(x, line.s);
		}
		xml_end(x);
	}
	xml_end(x);
	*next = end;
	buf_free(&line);
	buf_free(&msg);
	buf_free(&uri);
}

int
emit_junit(FILE *out, const struct oc_run *run,
    const struct oc_emit_info *info, struct oc_error **err)
{
	struct oc_xml *x = xml_open(out);
	size_t i, next = 0, failures = 0, errors = 0;

	if (x == NULL)
		return oc_error_set(err, 0, "cannot allocate an XML writer");
	for (i = 0; i < run->findings.n; i++)
		failures += fails(&run->findings.v[i], info);
	for (i = 0; i < run->nfiles; i++)
		errors += run->files[i].status != OC_FILE_CHECKED;
	xml_start(x, "testsuites");
	xml_attr(x, "name", "ocicheck");
	xml_attr_num(x, "tests", run->nfiles);
	xml_attr_num(x, "failures", failures);
	xml_attr_num(x, "errors", errors);
	xml_start(x, "testsuite");
	xml_attr(x, "name", "ocicheck");
	xml_attr_num(x, "tests", run->nfiles);
	xml_attr_num(x, "failures", failures);
	xml_attr_num(x, "errors", errors);
	xml_attr_num(x, "skipped", 0);
	for (i = 0; i < run->nfiles; i++)
		testcase(x, run, info, i, &next);
	xml_end(x);
	xml_end(x);
	return xml_close(x, err);
}
