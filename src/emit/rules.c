/* --list-rules and --explain: the rule table rendered for people and tools. */
#include <string.h>

#include <yajl/yajl_gen.h>

#include "ocicheck/emit.h"

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
	yajl_gen_map_close(g);
	buf_free(&b);
	buf_free(&u);
}

int
emit_rule_list(FILE *out, enum oc_format format)
{
	size_t i;

	if (format == OC_FORMAT_JSON) {
		yajl_gen g = yajl_gen_alloc(NULL);

		if (g == NULL)
			return -1;
		yajl_gen_config(g, yajl_gen_beautify, 1);
		yajl_gen_config(g, yajl_gen_indent_string, "  ");
		yajl_gen_config(g, yajl_gen_print_callback, print_cb, out);
		yajl_gen_array_open(g);
		for (i = 0; i < oc_nrules; i++)
			gen_rule(g, &oc_rules[i]);
		yajl_gen_array_close(g);
		yajl_gen_free(g);
		return 0;
	}
	if (format == OC_FORMAT_MARKDOWN)
		fputs("| id | name | severity | level | summary |\n"
		    "|---|---|---|---|---|\n", out);
	for (i = 0; i < oc_nrules; i++) {
		const struct oc_rule *r = &oc_rules[i];

		if (format == OC_FORMAT_MARKDOWN)
			fprintf(out, "| [%s](%s.md) | %s | %s | %s | %s |\n",
			    r->id, r->id, r->slug, severity_name(r->severity),
			    level_name(r->level), r->summary);
		else
			fprintf(out, "%-8s %-24s %-8s %s\n", r->id, r->slug,
			    severity_name(r->severity), r->summary);
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
		yajl_gen g = yajl_gen_alloc(NULL);

		if (g == NULL)
			return -1;
		yajl_gen_config(g, yajl_gen_beautify, 1);
		yajl_gen_config(g, yajl_gen_indent_string, "  ");
		yajl_gen_config(g, yajl_gen_print_callback, print_cb, out);
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
	} else {
		fprintf(out, "%s %s (%s, %s)\n\n%s.\n\n%s\n", r->id, r->slug,
		    severity_name(r->severity), level_name(r->level),
		    r->summary, r->description);
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
