/*
 * GitHub Actions workflow commands, one per finding:
 *   ::error file=P,line=L,col=C,endLine=EL,endColumn=EC,title=ID slug::MSG
 * The runner turns them into annotations on the run and the pull request,
 * which works in every repository (code scanning needs GitHub Code
 * Security on private ones).
 */
#include <string.h>

#include "ocicheck/emit.h"

static const char *const command[] = {
	[OC_SEV_INFO] = "notice",
	[OC_SEV_WARNING] = "warning",
	[OC_SEV_ERROR] = "error",
};

/* The runner's escaping (actions/toolkit command.ts): '%', CR and LF in
 * the message, and ':' and ',' as well in a property value, where they
 * would end the value. Everything else is made printable. */
static const char *
github_escape(const char *s, int property, struct oc_buf *b)
{
	const char *special = property ? "%\r\n:," : "%\r\n";
	size_t n;

	b->len = 0;
	buf_add(b, "", 0);
	while (*s) {
		n = strcspn(s, special);
		if (n > 0)
			buf_add_display(b, s, n, SIZE_MAX);
		s += n;
		if (*s) {
			buf_printf(b, "%%%02X", (unsigned char)*s);
			s++;
		}
	}
	return b->s;
}

int
emit_github(FILE *out, const struct oc_run *run,
    const struct oc_emit_info *info, struct oc_error **err)
{
	struct oc_buf pb = { 0 }, tb = { 0 }, mb = { 0 }, t = { 0 };
	size_t i;

	(void)err;
	/* An input that could not be read has no line to point at, and its
	 * file may not exist: a plain error annotation. */
	for (i = 0; i < run->nfiles; i++) {
		const struct oc_file_result *f = &run->files[i];

		if (f->status == OC_FILE_CHECKED)
			continue;
		fprintf(out, "::error title=ocicheck::%s\n",
		    github_escape(f->error != NULL ? f->error :
		    "cannot read the input", 0, &mb));
	}
	for (i = 0; i < run->findings.n; i++) {
		const struct oc_finding *f = &run->findings.v[i];

		if (f->suppressed != OC_SUPPRESS_NONE)
			continue;
		t.len = 0;
		buf_printf(&t, "%s %s", f->rule->id, f->rule->slug);
		fprintf(out, "::%s file=%s,line=%u,col=%u,endLine=%u,"
		    "endColumn=%u,title=%s::%s\n", command[f->severity],
		    github_escape(emit_path_trim(emit_path(info, run, f->file)), 1,
		    &pb),
		    (unsigned)f->span.start.line, (unsigned)f->span.start.col,
		    (unsigned)f->span.end.line, (unsigned)f->span.end.col,
		    github_escape(t.s, 1, &tb),
		    github_escape(f->message, 0, &mb));
	}
	buf_free(&pb);
	buf_free(&tb);
	buf_free(&mb);
	buf_free(&t);
	return 0;
}
