/*
 * contract derive, ComponentVersions: which images a definition's
 * containers really run. KubeBlocks takes the image of a container from
 * the releases of every ComponentVersion whose compatibilityRules match
 * the definition, and ignores the definition's own image for a container
 * a release names (pkg/controller/component/component_version.go,
 * checkNMergeImages; man ocicheck-kubeblocks(7)). Most charts leave the
 * definition's image empty, so without this the targets of one chart
 * could not be told apart.
 */
#include <stdlib.h>
#include <string.h>

#include "derive_int.h"

/* Does a compatibilityRule's compDefs list match the definition? */
static int
rule_matches(struct derive *d, const struct dinput *in,
    const struct oc_node *rule, const char *def)
{
	const struct oc_node *l = dv_get(in, rule, "compDefs");
	size_t i;
	int hit = 0;

	for (i = 0; i < dv_count(l) && !hit; i++) {
		const struct oc_node *n = doc_at(in->doc, l, i);
		char *s = dv_scalar(in, n);
		struct oc_pattern p;

		if (s != NULL && dv_pattern(d, in, n, s, &p) == 0) {
			hit = compdef_matches(&p, def);
			pattern_free(&p);
		}
		free(s);
	}
	return hit;
}

/* The release names a definition may run: those its matching rules
 * list, and any release of the definition's own serviceVersion. */
static void
release_names(struct derive *d, const struct dobj *cv, const char *def,
    const char *svc, char ***names, size_t *n)
{
	const struct dinput *in = cv->in;
	const struct oc_node *spec = dv_get(in, cv->root, "spec");
	const struct oc_node *rules = dv_get(in, spec, "compatibilityRules");
	const struct oc_node *rel = dv_get(in, spec, "releases");
	size_t i, k;
	int compatible = 0;
	char *s;

	for (i = 0; i < dv_count(rules); i++) {
		const struct oc_node *r = doc_at(in->doc, rules, i);
		const struct oc_node *l = dv_get(in, r, "releases");

		if (!rule_matches(d, in, r, def))
			continue;
		compatible = 1;
		for (k = 0; k < dv_count(l); k++)
			if ((s = dv_scalar(in, doc_at(in->doc, l, k))) != NULL)
				dv_strs_add_new(names, n, s);
	}
	for (i = 0; compatible && svc != NULL && i < dv_count(rel); i++) {
		const struct oc_node *r = doc_at(in->doc, rel, i);
		char *sv = dv_str(in, r, "serviceVersion");

		if (sv != NULL && strcmp(sv, svc) == 0 &&
		    (s = dv_name(in, r, "name")) != NULL)
			dv_strs_add_new(names, n, s);
		free(sv);
	}
}

/* The images the named releases of cv give key (a container name, or a
 * lifecycle action's name). */
static void
release_images(const struct dobj *cv, char *const *names, size_t nnames,
    const char *key, char ***out, size_t *n)
{
	const struct dinput *in = cv->in;
	const struct oc_node *rel = dv_get(in, dv_get(in, cv->root, "spec"),
	    "releases");
	size_t i;
	char *name, *img;

	for (i = 0; i < dv_count(rel); i++) {
		const struct oc_node *r = doc_at(in->doc, rel, i);

		if ((name = dv_name(in, r, "name")) == NULL)
			continue;
		if (dv_strs_has(names, nnames, name, strlen(name)) &&
		    (img = dv_name(in, dv_get(in, r, "images"), key)) != NULL)
			dv_strs_add_new(out, n, img);
		free(name);
	}
}

size_t
dv_cmpd_images(struct derive *d, const struct dcmpd *m, const char *key,
    char ***out)
{
	const struct dinput *in = m->o->in;
	char *svc = dv_str(in, dv_get(in, m->o->root, "spec"),
	    "serviceVersion"), **names;
	size_t i, k, n = 0, nnames;

	*out = NULL;
	for (i = 0; i < d->nobj; i++) {
		if (strcmp(d->obj[i].kind, "ComponentVersion") != 0)
			continue;
		names = NULL;
		nnames = 0;
		release_names(d, &d->obj[i], m->o->name, svc, &names, &nnames);
		release_images(&d->obj[i], names, nnames, key, out, &n);
		for (k = 0; k < nnames; k++)
			free(names[k]);
		free(names);
	}
	free(svc);
	return n;
}

/* One image as a pattern part: the repository without its registry
 * (KubeBlocks rewrites registries, mirrors do too), and the tag only
 * when keep_tag (a ComponentVersion names the exact releases). A
 * templated part ($(IMAGE_TAG)) ends the part there, open. Nothing when
 * the image is all template. */
static void
image_part(struct oc_buf *b, const char *image, int keep_tag)
{
	const char *p = image, *end, *slash = strchr(image, '/'), *colon;
	int open = 0, tag = 0;

	if (slash != NULL && (memchr(image, '.', (size_t)(slash - image)) ||
	    memchr(image, ':', (size_t)(slash - image)) ||
	    strncmp(image, "localhost/", 10) == 0))
		p = slash + 1;
	end = p + strcspn(p, "@");
	colon = memrchr(p, ':', (size_t)(end - p));
	if (colon != NULL && memchr(colon, '/', (size_t)(end - colon)) == NULL) {
		tag = keep_tag;
		if (!keep_tag)
			end = colon;
	}
	if ((colon = strstr(p, "$(")) != NULL && colon < end) {
		end = colon;
		open = 1;
	}
	if (end == p)
		return;
	for (; p < end; p++) {
		if (strchr(".^$*+?()[]{}|\\", *p) != NULL)
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
	if (!open)
		buf_adds(b, tag ? "(@|$)" : "([:@]|$)");
}

/* The image match of t: any of the images, each as image_part(). */
void
dv_match_images(struct oc_target *t, char *const *images, size_t n,
    int keep_tag)
{
	struct oc_buf b = { 0 }, part = { 0 };
	struct oc_error *err = NULL;
	char **parts = NULL;
	size_t i, nparts = 0;

	for (i = 0; i < n; i++) {
		part.len = 0;
		image_part(&part, images[i], keep_tag);
		if (part.len > 0)
			dv_strs_add_new(&parts, &nparts, xstrdup(part.s));
	}
	if (nparts > 0) {
		buf_adds(&b, nparts > 1 ? "(^|/)(" : "(^|/)");
		for (i = 0; i < nparts; i++)
			buf_printf(&b, "%s%s", i ? "|" : "", parts[i]);
		if (nparts > 1)
			buf_addc(&b, ')');
		t->match_image = xcalloc(1, sizeof(*t->match_image));
		if (pattern_compile(t->match_image, b.s, &err) < 0) {
			pattern_free(t->match_image);
			free(t->match_image);
			t->match_image = NULL;
		}
	}
	for (i = 0; i < nparts; i++)
		free(parts[i]);
	free(parts);
	oc_error_free(err);
	buf_free(&part);
	buf_free(&b);
}

void
dv_match_image(struct oc_target *t, const char *image)
{
	char *v = (char *)image;

	dv_match_images(t, &v, 1, 0);
}
