/*
 * SARIF 2.1.0 through yajl_gen, shaped for GitHub code scanning, which is
 * stricter than the schema (linter-ux.md section 3): every enabled rule in
 * tool.driver.rules, every result with an explicit level and a physical
 * location relative to %SRCROOT%, a line-independent fingerprint under our
 * own key, suppressed results only on request.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yajl/yajl_gen.h>

#include "ocicheck/emit.h"
#include "ocicheck/profile.h"

/* GitHub rejects longer shortDescription and fullDescription texts. */
#define DESC_MAX 1024

/* The generator and its first failure: yajl reports errors per call and
 * does not remember them. */
struct sgen {
	yajl_gen g;
	yajl_gen_status st;
};

/* Where artifact URIs are relative to, both absolute and lexically clean
 * ("/" or "/a/b"); NULL when the working directory is unknown. */
/* The artifactLocation of an input: uri, and whether it is relative to
 * %SRCROOT%. */
struct sartifact {
	char *uri;
	int based;
};

static void
print_cb(void *ctx, const char *s, size_t len)
{
	fwrite(s, 1, len, ctx);
}

static void
sg_note(struct sgen *s, yajl_gen_status st)
{
	if (st != yajl_gen_status_ok && s->st == yajl_gen_status_ok)
		s->st = st;
}

static void
sg_str(struct sgen *s, const char *str)
{
	struct oc_buf b = { 0 };

	str = emit_clean(str, &b);
	sg_note(s, yajl_gen_string(s->g, (const unsigned char *)str,
	    strlen(str)));
	buf_free(&b);
}

/* A string that is valid UTF-8 already and may hold line breaks. */
static void
sg_raw(struct sgen *s, const char *str)
{
	sg_note(s, yajl_gen_string(s->g, (const unsigned char *)str,
	    strlen(str)));
}

static void
sg_kv(struct sgen *s, const char *k, const char *v)
{
	sg_str(s, k);
	sg_str(s, v);
}

static void
sg_ki(struct sgen *s, const char *k, long long v)
{
	sg_str(s, k);
	sg_note(s, yajl_gen_integer(s->g, v));
}

static void
sg_map(struct sgen *s, const char *k)
{
	if (k != NULL)
		sg_str(s, k);
	sg_note(s, yajl_gen_map_open(s->g));
}

static void
sg_end_map(struct sgen *s)
{
	sg_note(s, yajl_gen_map_close(s->g));
}

static void
sg_array(struct sgen *s, const char *k)
{
	if (k != NULL)
		sg_str(s, k);
	sg_note(s, yajl_gen_array_open(s->g));
}

static void
sg_end_array(struct sgen *s)
{
	sg_note(s, yajl_gen_array_close(s->g));
}

/* k: {"text": v}, the shape of every SARIF message and description. */
static void
sg_text(struct sgen *s, const char *k, const char *v)
{
	sg_map(s, k);
	sg_kv(s, "text", v);
	sg_end_map(s);
}

/* Percent-encode for a URI path: unreserved characters, sub-delims, '@'
 * and '/' stay. ':' is encoded so a first segment never reads as a scheme;
 * bytes above 0x7f are encoded as they are, valid UTF-8 or not. */
static void
uri_add(struct oc_buf *b, const char *s)
{
	static const char keep[] = "-._~!$&'()*+,;=@/";
	const unsigned char *p = (const unsigned char *)s;

	buf_add(b, "", 0);
	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p) != NULL)
			buf_addc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

/* "file:///a/b/": the URI of a directory. */
static char *
dir_uri(const char *dir)
{
	struct oc_buf b = { 0 };

	buf_adds(&b, "file://");
	uri_add(&b, dir);
	if (strcmp(dir, "/") != 0)
		buf_addc(&b, '/');
	return buf_steal(&b);
}

/* Relative to the report root when the input is under it (GitHub wants
 * repository-relative URIs, never "./" or a leading "/"); otherwise an
 * absolute file URI, which GitHub maps through its checkout path. */
static void
artifact_init(struct sartifact *a, const struct oc_roots *r,
    const struct oc_emit_info *info, const char *path)
{
	struct oc_buf b = { 0 };
	const char *rel;
	char *abs;

	rel = emit_path_rel(r, info->opts, path, &abs);
	if (rel != NULL) {
		uri_add(&b, rel);
		a->based = 1;
	} else {
		buf_adds(&b, "file://");
		uri_add(&b, abs);
		a->based = 0;
	}
	a->uri = buf_steal(&b);
	free(abs);
}

static void
sg_artifact(struct sgen *s, const struct sartifact *a)
{
	sg_map(s, "artifactLocation");
	sg_kv(s, "uri", a->uri);
	if (a->based)
		sg_kv(s, "uriBaseId", "%SRCROOT%");
	sg_end_map(s);
}

/* Cut a cleaned text to at most max bytes: after the last sentence in the
 * second half when there is one, else at a space, marked with "...". */
static const char *
text_cut(const char *s, size_t max, struct oc_buf *b)
{
	size_t n = strlen(s), j, k;

	if (n <= max)
		return s;
	j = max - 3;
	while (j > 0 && ((unsigned char)s[j] & 0xc0) == 0x80)
		j--;
	for (k = j; k > max / 2; k--)
		if (s[k - 1] == '.' && s[k] == ' ')
			break;
	b->len = 0;
	if (k > max / 2) {
		buf_add(b, s, k);
		return b->s;
	}
	for (k = j; k > max / 2 && s[k] != ' '; k--)
		;
	buf_add(b, s, k > max / 2 ? k : j);
	buf_adds(b, "...");
	return b->s;
}

static void
sg_text_cut(struct sgen *s, const char *k, const char *v)
{
	struct oc_buf cb = { 0 }, tb = { 0 };

	sg_text(s, k, text_cut(emit_clean(v, &cb), DESC_MAX, &tb));
	buf_free(&cb);
	buf_free(&tb);
}

/* Plain text in Markdown: escape what would turn into markup ("<name>"
 * would be an HTML tag, "_x_" emphasis). */
static void
md_add(struct oc_buf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|~#", *s) != NULL)
			buf_addc(b, '\\');
		buf_addc(b, *s);
	}
}

static const char *
sarif_level(enum oc_severity sev)
{
	switch (sev) {
	case OC_SEV_ERROR:
		return "error";
	case OC_SEV_WARNING:
		return "warning";
	case OC_SEV_INFO:
	case OC_SEV_NONE:
		break;
	}
	return "note";
}

/* The family tag: the id block of a spec rule, the area of a contract
 * rule (contract-v1.md section 4). */
static const char *
rule_family(const struct oc_rule *r)
{
	static const struct {
		const char *prefix;
		const char *family;
	} fam[] = {
		{ "OCI0", "input" }, { "OCI1", "config" },
		{ "OCI2", "linux" }, { "OCI3", "windows" },
		{ "OCI4", "platforms" }, { "OCI5", "runtime" },
		{ "OCI9", "practice" }, { "ACC", "accounts" },
		{ "ENV", "env" }, { "MNT", "mounts" },
		{ "PRC", "process" }, { "RES", "resources" },
		{ "TGT", "targets" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fam); i++)
		if (strncmp(r->id, fam[i].prefix, strlen(fam[i].prefix)) == 0)
			return fam[i].family;
	return NULL;
}

/* help.text and help.markdown from cleaned summary and description. */
static void
rule_help(const struct oc_rule *r, const char *summary, const char *desc,
    const char *uri, struct oc_buf *text, struct oc_buf *md)
{
	struct oc_buf spec = { 0 };

	if (r->spec_ref != NULL)
		buf_printf(&spec, "https://github.com/opencontainers/"
		    "runtime-spec/blob/main/%s", r->spec_ref);
	buf_printf(text, "%s\n\n%s\n\n", summary, desc);
	buf_adds(md, "**");
	md_add(md, summary);
	buf_adds(md, "**\n\n");
	md_add(md, desc);
	buf_adds(md, "\n\n");
	if (r->spec_ref != NULL) {
		buf_printf(text, "Specification: %s (%s%s%s)\n", spec.s,
		    level_name(r->level), r->versions ? ", runtime-spec " : "",
		    r->versions ? r->versions : "");
		buf_adds(md, "Specification: [");
		md_add(md, r->spec_ref);
		buf_printf(md, "](%s) (%s%s%s)\n\n", spec.s,
		    level_name(r->level), r->versions ? ", runtime-spec " : "",
		    r->versions ? r->versions : "");
	}
	buf_printf(text, "Documentation: %s\n", uri);
	buf_printf(md, "Documentation: [%s ", r->id);
	md_add(md, r->slug);
	buf_printf(md, "](%s)\n", uri);
	buf_free(&spec);
}

/* The names of the profiles that hold r, as tags: code scanning filters
 * results and rules by them. */
static void
sg_profile_tags(struct sgen *s, const struct oc_rule *r)
{
	unsigned set = profile_set(r);
	int p;

	for (p = 0; p < OC_NPROFILES; p++)
		if (set & (1u << p))
			sg_str(s, oc_profiles[p].name);
}

static void
sg_rule(struct sgen *s, const struct oc_rule *r, enum oc_severity sev)
{
	struct oc_buf uri = { 0 }, text = { 0 }, md = { 0 }, cb = { 0 };
	struct oc_buf sb = { 0 };
	const char *summary = r->summary && *r->summary ? r->summary : r->id;
	const char *desc = r->description && *r->description ?
	    r->description : summary;
	const char *family = rule_family(r);

	emit_help_uri(r, &uri);
	sg_map(s, NULL);
	sg_kv(s, "id", r->id);
	sg_kv(s, "name", r->slug);
	sg_text_cut(s, "shortDescription", summary);
	sg_text_cut(s, "fullDescription", desc);
	/* GitHub shows help, never helpUri: both forms carry the link. */
	rule_help(r, emit_clean(summary, &sb), emit_clean(desc, &cb), uri.s,
	    &text, &md);
	sg_map(s, "help");
	sg_str(s, "text");
	sg_raw(s, text.s);
	sg_str(s, "markdown");
	sg_raw(s, md.s);
	sg_end_map(s);
	sg_kv(s, "helpUri", uri.s);
	sg_map(s, "defaultConfiguration");
	sg_kv(s, "level", sarif_level(sev));
	sg_end_map(s);
	sg_map(s, "properties");
	sg_array(s, "tags");
	if (r->level == OC_LEVEL_CONTRACT) {
		sg_str(s, "contract");
	} else {
		sg_str(s, "oci-spec");
		sg_str(s, level_name(r->level));
	}
	if (family != NULL)
		sg_str(s, family);
	sg_profile_tags(s, r);
	sg_end_array(s);
	sg_kv(s, "precision", "very-high");
	sg_end_map(s);
	sg_end_map(s);
	buf_free(&uri);
	buf_free(&text);
	buf_free(&md);
	buf_free(&cb);
	buf_free(&sb);
}

/* A pointer's last token that is an array index names an element. The
 * pointer alone cannot tell "/annotations/1" (a member) apart; members
 * named by digits are rare enough. */
static const char *
pointer_kind(const char *ptr)
{
	const char *t = strrchr(ptr, '/');

	if (t == NULL || t[1] == '\0')
		return "member";
	for (t++; *t; t++)
		if (*t < '0' || *t > '9')
			return "member";
	return "element";
}

static long long
clamp1(uint32_t v)
{
	return v > 0 ? (long long)v : 1;
}

static void
sg_region(struct sgen *s, const struct oc_span *sp)
{
	long long sl = clamp1(sp->start.line), sc = clamp1(sp->start.col);
	long long el = clamp1(sp->end.line), ec = clamp1(sp->end.col);

	/* Never an end before the start, whatever a span says. */
	if (el < sl || (el == sl && ec < sc)) {
		el = sl;
		ec = sc;
	}
	sg_map(s, "region");
	sg_ki(s, "startLine", sl);
	sg_ki(s, "startColumn", sc);
	sg_ki(s, "endLine", el);
	sg_ki(s, "endColumn", ec);
	sg_end_map(s);
}

static void
sg_result(struct sgen *s, const struct oc_finding *f, size_t rule_index,
    const struct sartifact *a, const char *fp)
{
	sg_map(s, NULL);
	sg_kv(s, "ruleId", f->rule->id);
	sg_ki(s, "ruleIndex", (long long)rule_index);
	sg_kv(s, "level", sarif_level(f->severity));
	sg_text(s, "message", f->message[0] ? f->message : f->rule->summary);
	sg_array(s, "locations");
	sg_map(s, NULL);
	sg_map(s, "physicalLocation");
	sg_artifact(s, a);
	sg_region(s, &f->span);
	sg_end_map(s);
	if (f->pointer[0] != '\0') {
		sg_array(s, "logicalLocations");
		sg_map(s, NULL);
		sg_kv(s, "fullyQualifiedName", f->pointer);
		sg_kv(s, "kind", pointer_kind(f->pointer));
		sg_end_map(s);
		sg_end_array(s);
	}
	sg_end_map(s);
	sg_end_array(s);
	/* Our own key: a made-up primaryLocationLineHash would make GitHub
	 * re-open alerts; upload-sarif computes that one itself. */
	sg_map(s, "partialFingerprints");
	sg_kv(s, "ocicheck/v1", fp);
	sg_end_map(s);
	if (f->suppressed != OC_SUPPRESS_NONE) {
		sg_array(s, "suppressions");
		sg_map(s, NULL);
		sg_kv(s, "kind", f->suppressed == OC_SUPPRESS_INLINE ?
		    "inSource" : "external");
		sg_kv(s, "status", "accepted");
		if (f->justification != NULL && f->justification[0] != '\0')
			sg_kv(s, "justification", f->justification);
		sg_end_map(s);
		sg_end_array(s);
	}
	if (profile_set(f->rule) != 0) {
		int p;

		sg_map(s, "properties");
		sg_array(s, "tags");
		sg_profile_tags(s, f->rule);
		sg_end_array(s);
		sg_array(s, "controls");
		for (p = 0; p < OC_NPROFILES; p++) {
			const char *c = profile_control(f->rule, p);
			struct oc_buf b = { 0 };

			if (c == NULL)
				continue;
			buf_printf(&b, "%s: %s", oc_profiles[p].name, c);
			sg_str(s, b.s);
			buf_free(&b);
		}
		sg_end_array(s);
		sg_end_map(s);
	}
	sg_end_map(s);
}

static void
sg_invocation(struct sgen *s, const struct oc_run *run,
    const struct oc_emit_info *info, const struct oc_roots *r,
    const struct sartifact *arts)
{
	size_t i, bad = 0;
	char *uri;

	for (i = 0; i < run->nfiles; i++)
		bad += run->files[i].status != OC_FILE_CHECKED;
	sg_array(s, "invocations");
	sg_map(s, NULL);
	/* Exit 3: an input could not be read, or something else kept the
	 * run from finishing; findings (exit 1) are a successful run. */
	sg_str(s, "executionSuccessful");
	sg_note(s, yajl_gen_bool(s->g, info->exit_code != 3 && bad == 0));
	sg_ki(s, "exitCode", info->exit_code);
	if (r->cwd != NULL) {
		uri = dir_uri(r->cwd);
		sg_map(s, "workingDirectory");
		sg_kv(s, "uri", uri);
		sg_end_map(s);
		free(uri);
	}
	if (bad > 0) {
		sg_array(s, "toolExecutionNotifications");
		for (i = 0; i < run->nfiles; i++) {
			const struct oc_file_result *f = &run->files[i];

			if (f->status == OC_FILE_CHECKED)
				continue;
			sg_map(s, NULL);
			sg_kv(s, "level", "error");
			sg_text(s, "message", f->error != NULL && f->error[0] ?
			    f->error : "cannot read the input");
			sg_array(s, "locations");
			sg_map(s, NULL);
			sg_map(s, "physicalLocation");
			sg_artifact(s, &arts[i]);
			sg_end_map(s);
			sg_end_map(s);
			sg_end_array(s);
			sg_end_map(s);
		}
		sg_end_array(s);
	}
	sg_end_map(s);
	sg_end_array(s);
}

static int
shown(const struct oc_finding *f, const struct oc_emit_info *info)
{
	return f->suppressed == OC_SUPPRESS_NONE || info->show_suppressed;
}

/* rules[] holds every enabled rule, in table order, so the list is the
 * same from run to run as GitHub advises; a rule with a finding is in it
 * even if disabled, so that every ruleIndex resolves. */
static size_t *
rule_indexes(const struct oc_run *run, const struct oc_emit_info *info)
{
	size_t *ix = xcalloc(OC_NRULES, sizeof(*ix)), i, n = 0;
	unsigned char *want = xcalloc(OC_NRULES, 1);

	for (i = 0; i < OC_NRULES; i++)
		want[i] = run->settings != NULL ? run->settings[i].enabled :
		    !oc_rules[i].opt_in;
	for (i = 0; i < run->findings.n; i++)
		if (shown(&run->findings.v[i], info))
			want[catalog_index(run->findings.v[i].rule)] = 1;
	/* numbered in catalog order, the order of rules[] */
	for (i = 0; i < OC_NRULES; i++) {
		size_t k = catalog_index(catalog_nth(i));

		ix[k] = want[k] ? n++ : SIZE_MAX;
	}
	free(want);
	return ix;
}

static enum oc_severity
rule_severity(const struct oc_run *run, size_t i)
{
	return run->settings != NULL ?
	    (enum oc_severity)run->settings[i].severity : oc_rules[i].severity;
}

static void
sg_run(struct sgen *s, const struct oc_run *run,
    const struct oc_emit_info *info, const struct oc_roots *r,
    const struct sartifact *arts)
{
	size_t *ix = rule_indexes(run, info), i;
	char *fps, *uri;

	sg_map(s, NULL);
	sg_map(s, "tool");
	sg_map(s, "driver");
	sg_kv(s, "name", "ocicheck");
	sg_kv(s, "semanticVersion", OCICHECK_VERSION);
	sg_kv(s, "informationUri", "https://github.com/ocicheck/ocicheck");
	sg_array(s, "rules");
	for (i = 0; i < OC_NRULES; i++) {
		const struct oc_rule *rule = catalog_nth(i);
		size_t k = catalog_index(rule);

		if (ix[k] != SIZE_MAX)
			sg_rule(s, rule, rule_severity(run, k));
	}
	sg_end_array(s);
	sg_end_map(s);
	sg_end_map(s);

	sg_kv(s, "columnKind", "unicodeCodePoints");
	if (r->root != NULL) {
		uri = dir_uri(r->root);
		sg_map(s, "originalUriBaseIds");
		sg_map(s, "%SRCROOT%");
		sg_kv(s, "uri", uri);
		sg_end_map(s);
		sg_end_map(s);
		free(uri);
	}
	sg_invocation(s, run, info, r, arts);
	if (info->sarif_category != NULL) {
		sg_map(s, "automationDetails");
		sg_kv(s, "id", info->sarif_category);
		sg_end_map(s);
	}

	sg_array(s, "results");
	fps = emit_fingerprints(run, info);
	for (i = 0; i < run->findings.n; i++) {
		const struct oc_finding *f = &run->findings.v[i];

		if (shown(f, info))
			sg_result(s, f, ix[catalog_index(f->rule)],
			    &arts[f->file], fps + 17 * i);
	}
	free(fps);
	sg_end_array(s);
	sg_end_map(s);
	free(ix);
}

int
emit_sarif(FILE *out, const struct oc_run *run,
    const struct oc_emit_info *info, struct oc_error **err)
{
	struct sgen s = { .st = yajl_gen_status_ok };
	struct sartifact *arts;
	struct oc_roots r;
	size_t i;

	if ((s.g = yajl_gen_alloc(NULL)) == NULL)
		return oc_error_set(err, 0, "cannot allocate a JSON generator");
	yajl_gen_config(s.g, yajl_gen_beautify, 1);
	yajl_gen_config(s.g, yajl_gen_indent_string, "  ");
	yajl_gen_config(s.g, yajl_gen_print_callback, print_cb, out);
	emit_roots_init(&r, info->report_root);
	arts = xcalloc(run->nfiles ? run->nfiles : 1, sizeof(*arts));
	for (i = 0; i < run->nfiles; i++)
		artifact_init(&arts[i], &r, info, run->files[i].path);

	sg_map(&s, NULL);
	sg_kv(&s, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	sg_kv(&s, "version", "2.1.0");
	sg_array(&s, "runs");
	sg_run(&s, run, info, &r, arts);
	sg_end_array(&s);
	sg_end_map(&s);

	for (i = 0; i < run->nfiles; i++)
		free(arts[i].uri);
	free(arts);
	emit_roots_free(&r);
	yajl_gen_free(s.g);
	if (s.st != yajl_gen_status_ok)
		return oc_error_set(err, 0, "cannot generate SARIF (yajl "
		    "status %d)", (int)s.st);
	return 0;
}
