/* --list-rules and --explain: the rule table rendered for people and tools. */
#include <string.h>

#include <yajl/yajl_gen.h>

#include "ocicheck/emit.h"
#include "ocicheck/profile.h"

static const char *
spec_url(const struct oc_rule *r, struct oc_buf *b)
{
	b->len = 0;
	if (r->spec_ref == NULL)
		return NULL;
	buf_printf(b, "https://github.com/opencontainers/runtime-spec/blob/"
	    "main/%s", r->spec_ref);
	return b->s;
}

static void
print_cb(void *ctx, const char *s, size_t len)
{
	fwrite(s, 1, len, ctx);
}

static void
gen_kv(yajl_gen g, const char *k, const char *v)
{
	yajl_gen_string(g, (const unsigned char *)k, strlen(k));
	if (v == NULL)
		yajl_gen_null(g);
	else
		yajl_gen_string(g, (const unsigned char *)v, strlen(v));
}

void
emit_gen_profiles(struct yajl_gen_t *g, const struct oc_rule *r)
{
	unsigned set = profile_set(r);
	int p;

	if (set == 0)
		return;
	yajl_gen_string(g, (const unsigned char *)"profiles", 8);
	yajl_gen_array_open(g);
	for (p = 0; p < OC_NPROFILES; p++) {
		if (!(set & (1u << p)))
			continue;
		yajl_gen_map_open(g);
		gen_kv(g, "profile", oc_profiles[p].name);
		gen_kv(g, "control", profile_control(r, p));
		yajl_gen_map_close(g);
	}
	yajl_gen_array_close(g);
}

/* The profiles and controls of r, for --explain. */
static void
print_profiles(FILE *out, const struct oc_rule *r, enum oc_format format)
{
	unsigned set = profile_set(r);
	int p;

	if (set == 0)
		return;
	if (format == OC_FORMAT_MARKDOWN)
		fputs("\n## Profiles\n\nOff unless a profile that holds it is "
		    "chosen (--profile, profile: in .ocicheck.yaml), which "
		    "makes it an error; --enable turns it on at its default "
		    "severity.\n\n| profile | control |\n|---|---|\n", out);
	else
		fputs("\nprofiles (--profile NAME turns it on as an error):\n",
		    out);
	for (p = 0; p < OC_NPROFILES; p++) {
		if (!(set & (1u << p)))
			continue;
		if (format == OC_FORMAT_MARKDOWN)
			fprintf(out, "| %s (%s) | %s |\n", oc_profiles[p].name,
			    oc_profiles[p].title, profile_control(r, p));
		else
			fprintf(out, "  %-15s %s\n", oc_profiles[p].name,
			    profile_control(r, p));
	}
}

static const char *const refuses_names[] = { "no", "yes", "partly" };

/* The runtimes' answers to the config r describes, for --explain. */
static void
gen_refusals(yajl_gen g, const struct oc_rule *r)
{
	size_t i;

	yajl_gen_string(g, (const unsigned char *)"runtimes", 8);
	yajl_gen_array_open(g);
	for (i = 0; i < oc_nrefusals; i++) {
		const struct oc_refusal *f = &oc_refusals[i];

		if (f->rule != catalog_index(r))
			continue;
		yajl_gen_map_open(g);
		gen_kv(g, "runtime", f->label);
		gen_kv(g, "refuses", refuses_names[f->refuses]);
		gen_kv(g, "since", f->since);
		gen_kv(g, "text", f->text);
		gen_kv(g, "source", f->source);
		gen_kv(g, "note", f->note);
		yajl_gen_map_close(g);
	}
	yajl_gen_array_close(g);
}

static int
has_refusals(const struct oc_rule *r)
{
	size_t i;

	for (i = 0; i < oc_nrefusals; i++)
		if (oc_refusals[i].rule == catalog_index(r))
			return 1;
	return 0;
}

/* A table cell: no '|' or newline breaks the row. */
static void
cell(FILE *out, const char *s)
{
	for (; s != NULL && *s; s++)
		if (*s == '|')
			fputs("\\|", out);
		else
			fputc(*s == '\n' ? ' ' : *s, out);
}

static void
print_refusals(FILE *out, const struct oc_rule *r, enum oc_format format)
{
	size_t i;

	if (!has_refusals(r))
		return;
	if (format == OC_FORMAT_MARKDOWN)
		fputs("\n## Runtimes\n\nWhat each runtime does with such a "
		    "config at create, read from its source. The severity "
		    "follows the runtimes the config is meant for (--runtime, "
		    "runtimes: in .ocicheck.yaml; all three by default): an "
		    "error when every one refuses, or the specification says "
		    "MUST; a warning when some do; nothing when none does.\n\n"
		    "| runtime | refuses | since | its words | source | note |\n"
		    "|---|---|---|---|---|---|\n", out);
	else
		fputs("\nruntimes (severity follows --runtime: error when every "
		    "target refuses or the spec says MUST, warning when some "
		    "do):\n", out);
	for (i = 0; i < oc_nrefusals; i++) {
		const struct oc_refusal *f = &oc_refusals[i];

		if (f->rule != catalog_index(r))
			continue;
		if (format == OC_FORMAT_MARKDOWN) {
			fprintf(out, "| %s | %s | ", f->label,
			    refuses_names[f->refuses]);
			cell(out, f->since);
			fputs(" | ", out);
			if (f->text != NULL) {
				fputs("`", out);
				cell(out, f->text);
				fputs("`", out);
			}
			fputs(" | ", out);
			cell(out, f->source);
			fputs(" | ", out);
			cell(out, f->note);
			fputs(" |\n", out);
		} else
			fprintf(out, "  %-11s %-6s%s%s%s%s%s%s\n", f->label,
			    refuses_names[f->refuses], f->text ? " \"" : "",
			    f->text ? f->text : "", f->text ? "\"" : "",
			    f->source ? " (" : "", f->source ? f->source : "",
			    f->source ? ")" : "");
	}
}

static void
gen_rule(yajl_gen g, const struct oc_rule *r)
{
	struct oc_buf b = { 0 }, u = { 0 };

	emit_help_uri(r, &u);
	yajl_gen_map_open(g);
	gen_kv(g, "id", r->id);
	gen_kv(g, "name", r->slug);
	gen_kv(g, "severity", severity_name(r->severity));
	gen_kv(g, "specLevel", level_name(r->level));
	gen_kv(g, "specRef", r->spec_ref);
	gen_kv(g, "specUrl", spec_url(r, &b));
	gen_kv(g, "versions", r->versions);
	gen_kv(g, "summary", r->summary);
	gen_kv(g, "description", r->description);
	gen_kv(g, "helpUri", u.s);
	if (has_refusals(r))
		gen_refusals(g, r);
	emit_gen_profiles(g, r);
	yajl_gen_map_close(g);
	buf_free(&b);
	buf_free(&u);
}

/* A generator printing indented JSON to out, or NULL. */
static yajl_gen
pretty_gen(FILE *out)
{
	yajl_gen g = yajl_gen_alloc(NULL);

	if (g != NULL) {
		yajl_gen_config(g, yajl_gen_beautify, 1);
		yajl_gen_config(g, yajl_gen_indent_string, "  ");
		yajl_gen_config(g, yajl_gen_print_callback, print_cb, out);
	}
	return g;
}

int
emit_rule_list(FILE *out, enum oc_format format)
{
	size_t i, wid = 0, wslug = 0;

	if (format == OC_FORMAT_JSON) {
		yajl_gen g = pretty_gen(out);

		if (g == NULL)
			return -1;
		yajl_gen_array_open(g);
		for (i = 0; i < OC_NRULES; i++)
			gen_rule(g, catalog_nth(i));
		yajl_gen_array_close(g);
		yajl_gen_free(g);
		return 0;
	}
	if (format == OC_FORMAT_MARKDOWN)
		fputs("| id | name | severity | level | summary |\n"
		    "|---|---|---|---|---|\n", out);
	/* columns as wide as the longest id and name, so none misaligns */
	for (i = 0; i < OC_NRULES; i++) {
		if (strlen(oc_rules[i].id) > wid)
			wid = strlen(oc_rules[i].id);
		if (strlen(oc_rules[i].slug) > wslug)
			wslug = strlen(oc_rules[i].slug);
	}
	for (i = 0; i < OC_NRULES; i++) {
		const struct oc_rule *r = catalog_nth(i);
		struct oc_buf pn = { 0 };

		profile_names(r, &pn);
		if (format == OC_FORMAT_MARKDOWN)
			fprintf(out, "| [%s](%s.md) | %s | %s | %s | %s%s%s%s |\n",
			    r->id, r->id, r->slug, severity_name(r->severity),
			    level_name(r->level), r->summary, *pn.s ? " (" : "",
			    pn.s, *pn.s ? ")" : "");
		else
			fprintf(out, "%-*s %-*s %-8s %s%s%s%s\n", (int)wid, r->id,
			    (int)wslug, r->slug, severity_name(r->severity),
			    r->summary, *pn.s ? " [" : "", pn.s,
			    *pn.s ? "]" : "");
		buf_free(&pn);
	}
	return 0;
}

int
emit_rule_explain(FILE *out, const struct oc_rule *r, enum oc_format format)
{
	struct oc_buf b = { 0 }, u = { 0 };
	const char *url = spec_url(r, &b);

	emit_help_uri(r, &u);
	if (format == OC_FORMAT_JSON) {
		yajl_gen g = pretty_gen(out);

		if (g == NULL)
			return -1;
		gen_rule(g, r);
		yajl_gen_free(g);
	} else if (format == OC_FORMAT_MARKDOWN) {
		fprintf(out, "# %s %s\n\n%s.\n\n"
		    "| | |\n|---|---|\n"
		    "| default severity | %s |\n| level | %s |\n",
		    r->id, r->slug, r->summary, severity_name(r->severity),
		    level_name(r->level));
		if (url != NULL)
			fprintf(out, "| specification | [%s](%s) |\n",
			    r->spec_ref, url);
		if (r->versions != NULL)
			fprintf(out, "| spec versions | %s |\n", r->versions);
		fprintf(out, "\n## Why\n\n%s\n", r->description);
		print_refusals(out, r, format);
		print_profiles(out, r, format);
	} else {
		fprintf(out, "%s %s (%s, %s)\n\n%s.\n\n%s\n", r->id, r->slug,
		    severity_name(r->severity), level_name(r->level),
		    r->summary, r->description);
		print_refusals(out, r, format);
		print_profiles(out, r, format);
		if (url != NULL)
			fprintf(out, "\nspecification: %s%s%s%s\n", url,
			    r->versions ? " (versions " : "",
			    r->versions ? r->versions : "",
			    r->versions ? ")" : "");
		fprintf(out, "documentation: %s\n", u.s);
	}
	buf_free(&b);
	buf_free(&u);
	return 0;
}
