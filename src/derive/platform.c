/*
 * contract derive, the KubeBlocks releases a chart is judged for. A chart
 * states them in its Chart.yaml annotation
 * addon.kubeblocks.io/kubeblocks-version, a Helm constraint, which
 * `helm template` does not print: --chart reads it. What a pod or job
 * gets from the platform differs per release line (man
 * ocicheck-kubeblocks(7)), so a name is provided only when every release
 * the chart claims provides it.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocicheck/source.h"
#include "ocicheck/yaml_load.h"
#include "derive_int.h"

const char *const oc_kb_platform_names[] = {
	[OC_KB_AUTO] = NULL,
	[OC_KB_1_0] = "kubeblocks-1.0",
	[OC_KB_1_1] = "kubeblocks-1.1",
	[OC_KB_1_2] = "kubeblocks-1.2",
};

static const char annotation[] = "addon.kubeblocks.io/kubeblocks-version";

/* ---- Helm (Masterminds semver) constraints ---- */

struct kver {
	long v[3];
	int n;			/* parts given before a wildcard or the end */
	int pre;		/* a pre-release tag */
};

enum kop { K_EQ, K_NE, K_GT, K_GE, K_LT, K_LE, K_TILDE, K_CARET };

struct kcmp {
	enum kop op;
	struct kver v;
};

static int
kver_cmp(const struct kver *a, const struct kver *b)
{
	int i;

	for (i = 0; i < 3; i++)
		if (a->v[i] != b->v[i])
			return a->v[i] < b->v[i] ? -1 : 1;
	return a->pre == b->pre ? 0 : a->pre ? -1 : 1;
}

/* The version made of the first n parts with the last one plus one: the
 * end of the range a partial version names (1.2 -> 1.3.0). */
static struct kver
kver_next(const struct kver *c, int n)
{
	struct kver r = { { 0, 0, 0 }, 3, 0 };
	int i;

	for (i = 0; i < n && i < 3; i++)
		r.v[i] = c->v[i];
	if (n > 0)
		r.v[n - 1]++;
	else
		r.v[0] = LONG_MAX;
	return r;
}

static const char *
kver_parse(const char *p, struct kver *out)
{
	struct kver v = { { 0, 0, 0 }, 0, 0 };
	char *end;

	if (*p == 'v' || *p == 'V')
		p++;
	while (v.n < 3) {
		if (*p == 'x' || *p == 'X' || *p == '*') {
			p++;
			while (*p == '.' || *p == 'x' || *p == 'X' || *p == '*')
				p++;
			break;
		}
		if (!isdigit((unsigned char)*p))
			return NULL;
		v.v[v.n++] = strtol(p, &end, 10);
		p = end;
		if (*p != '.')
			break;
		p++;
	}
	if (*p == '-') {
		v.pre = 1;
		p += strcspn(p, " \t,|+");
	}
	if (*p == '+')
		p += strcspn(p, " \t,|");
	*out = v;
	return p;
}

static int
sat(const struct kcmp *c, const struct kver *x)
{
	struct kver lo = c->v, hi;

	lo.n = 3;
	switch (c->op) {
	case K_EQ:
	case K_NE: {
		int eq = 1, i;

		for (i = 0; i < c->v.n; i++)
			eq &= x->v[i] == c->v.v[i];
		if (c->v.n == 3)
			eq &= x->pre == c->v.pre;
		return c->op == K_EQ ? eq : !eq;
	}
	case K_GT:
		if (c->v.n < 3) {
			hi = kver_next(&c->v, c->v.n);
			return kver_cmp(x, &hi) >= 0;
		}
		return kver_cmp(x, &lo) > 0;
	case K_GE:
		return kver_cmp(x, &lo) >= 0;
	case K_LT:
		return kver_cmp(x, &lo) < 0;
	case K_LE:
		if (c->v.n < 3) {
			hi = kver_next(&c->v, c->v.n);
			return kver_cmp(x, &hi) < 0;
		}
		return kver_cmp(x, &lo) <= 0;
	case K_TILDE:
		hi = kver_next(&c->v, c->v.n >= 2 ? 2 : 1);
		return kver_cmp(x, &lo) >= 0 && kver_cmp(x, &hi) < 0;
	case K_CARET:
		hi = kver_next(&c->v, c->v.v[0] > 0 || c->v.n == 1 ? 1 :
		    c->v.v[1] > 0 || c->v.n == 2 ? 2 : 3);
		return kver_cmp(x, &lo) >= 0 && kver_cmp(x, &hi) < 0;
	}
	return 0;
}

static const char *
kop_parse(const char *p, enum kop *op)
{
	static const struct {
		const char *s;
		enum kop op;
	} ops[] = { { ">=", K_GE }, { "=>", K_GE }, { "<=", K_LE },
		{ "=<", K_LE }, { "!=", K_NE }, { "==", K_EQ }, { "~>", K_TILDE },
		{ ">", K_GT }, { "<", K_LT }, { "=", K_EQ }, { "~", K_TILDE },
		{ "^", K_CARET } };
	size_t i;

	*op = K_EQ;
	for (i = 0; i < ARRAY_SIZE(ops); i++)
		if (strncmp(p, ops[i].s, strlen(ops[i].s)) == 0) {
			*op = ops[i].op;
			p += strlen(ops[i].s);
			break;
		}
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* One AND group: the comparators up to "||" or the end. -1 if bad. */
static int
group_parse(const char **pp, struct kcmp *v, size_t max, size_t *n)
{
	const char *p = *pp;

	*n = 0;
	for (;;) {
		struct kcmp c;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0' || (p[0] == '|' && p[1] == '|'))
			break;
		if (*n + 2 > max)
			return -1;
		p = kop_parse(p, &c.op);
		if ((p = kver_parse(p, &c.v)) == NULL)
			return -1;
		/* A hyphen range, "1.0 - 1.2": from the first to the second. */
		if (c.op == K_EQ && strncmp(p, " - ", 3) == 0) {
			struct kcmp e = { K_LE, { { 0, 0, 0 }, 0, 0 } };

			if ((p = kver_parse(p + 3, &e.v)) == NULL)
				return -1;
			c.op = K_GE;
			v[(*n)++] = c;
			v[(*n)++] = e;
			continue;
		}
		if (*p != '\0' && *p != ' ' && *p != '\t' && *p != ',' &&
		    *p != '|')
			return -1;
		v[(*n)++] = c;
	}
	*pp = p;
	return *n > 0 ? 0 : -1;
}

/* Does the group admit 1.line.p, for a p in [lo, hi], final or a
 * pre-release of it? A pre-release satisfies only a group that names one
 * of its own line, as in Helm: ">=1.2.0" is not met by 1.2.0-alpha.3. */
static int
group_admits(const struct kcmp *v, size_t n, long line, long lo, long hi)
{
	size_t i;
	long p;
	int pre, pre_ok = 0, ok;

	for (i = 0; i < n; i++)
		pre_ok |= v[i].v.pre && v[i].v.v[0] == 1 && v[i].v.v[1] == line;
	for (p = lo; p <= hi; p++)
		for (pre = 1; pre >= 0; pre--) {
			struct kver x = { { 1, line, p }, 3, pre };

			if (x.pre && !pre_ok)
				continue;
			for (i = 0, ok = 1; i < n && ok; i++)
				ok = sat(&v[i], &x);
			if (ok)
				return 1;
		}
	return 0;
}

/* The patches of its line a schema release stands for: the newest
 * release of a line stands for the rest of it (1.0.2 for 1.0.3 and
 * later, 1.1.0-beta.9 for all of 1.1, whose final releases are to come,
 * 1.0.3-beta.11 for 1.0.3 and later);
 * an older one for itself. */
static void
schema_span(size_t r, long *line, long *lo, long *hi)
{
	struct kver v, next;
	const char *name = derive_schema_release(r);

	kver_parse(name, &v);
	*line = v.v[1];
	*lo = *hi = v.v[2];
	if (r + 1 < derive_schema_nreleases()) {
		kver_parse(derive_schema_release(r + 1), &next);
		if (next.v[0] == v.v[0] && next.v[1] == v.v[1])
			return;
	}
	*lo = v.v[2];
	*hi = 99;
}

static int
constraint_walk(const char *s, unsigned *lines, unsigned *schema)
{
	struct kcmp v[32];
	const char *p = s;
	long line, lo, hi;
	size_t n, r;
	int k;

	*lines = *schema = 0;
	for (;;) {
		if (group_parse(&p, v, ARRAY_SIZE(v), &n) < 0)
			return -1;
		for (k = OC_KB_1_0; k <= OC_KB_1_2; k++)
			if (group_admits(v, n, k - OC_KB_1_0, 0, 99))
				*lines |= 1u << k;
		for (r = 0; r < derive_schema_nreleases(); r++) {
			schema_span(r, &line, &lo, &hi);
			if (group_admits(v, n, line, lo, hi))
				*schema |= 1u << r;
		}
		if (*p == '\0')
			return 0;
		p += 2;		/* "||" */
	}
}

/* The schema releases of the release lines of set. */
static unsigned
schema_of_lines(unsigned set)
{
	unsigned out = 0;
	long line, lo, hi;
	size_t r;

	for (r = 0; r < derive_schema_nreleases(); r++) {
		schema_span(r, &line, &lo, &hi);
		if (line >= 0 && line <= OC_KB_1_2 - OC_KB_1_0 &&
		    (set & (1u << (OC_KB_1_0 + line))))
			out |= 1u << r;
	}
	return out;
}

int
derive_constraint_releases(const char *s, unsigned *set)
{
	unsigned schema;

	return constraint_walk(s, set, &schema);
}

int
derive_constraint_schema(const char *s, unsigned *set)
{
	unsigned lines;

	return constraint_walk(s, &lines, set);
}

/* ---- the chart ---- */

/* "1.0.0, 1.0.1, 1.0.2, 1.1.0-beta.9, 1.2.0-alpha.3" */
static const char *
known_releases(void)
{
	static char text[256];
	size_t i, len = 0;

	if (text[0] != '\0')
		return text;
	for (i = 0; i < derive_schema_nreleases() &&
	    len < sizeof(text) - 40; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s",
		    i ? ", " : "", derive_schema_release(i));
	return text;
}

static void
releases_text(unsigned set, struct oc_buf *b)
{
	int k, n = 0;

	for (k = OC_KB_1_0; k <= OC_KB_1_2; k++)
		if (set & (1u << k))
			buf_printf(b, "%s%s", n++ ? ", " : "",
			    oc_kb_platform_names[k] + strlen("kubeblocks-"));
}

/* Chart.yaml, or the one in a directory: read as an input of the run,
 * so that findings about its annotation point there. NULL with err when
 * it cannot be read. */
static struct dinput *
chart_load(struct derive *d, const char *path, struct oc_error **err)
{
	struct dinput *in = xcalloc(1, sizeof(*in));
	struct oc_yaml_dups *dups = NULL;
	struct oc_file_result *f;
	struct stat st;
	char *file = stat(path, &st) == 0 && S_ISDIR(st.st_mode) ?
	    xasprintf("%s/Chart.yaml", path) : xstrdup(path);

	f = run_add_file(d->run, file);
	in->file = (uint32_t)(d->run->nfiles - 1);
	if (source_read_file(file, OC_MAX_INPUT, &in->src, err) < 0 ||
	    yaml_load_dups(in->src, &in->doc, &dups, err) < 0) {
		f->status = OC_FILE_UNREADABLE;
		f->error = xstrdup((*err)->msg);
		oc_error_prefix(err, "--chart: ");
		source_free(in->src);
		free(in);
		free(file);
		return NULL;
	}
	yaml_dups_free(dups);
	f->status = OC_FILE_CHECKED;
	free(file);
	return in;
}

/* The annotation of a Chart.yaml, or of any rendered object (some
 * charts put it on their definitions too). */
static const struct oc_node *
find_claim(struct derive *d, const struct dinput **where)
{
	const struct oc_node *n;
	size_t i;

	if (d->chart != NULL) {
		*where = d->chart;
		return dv_get_kind(d->chart, dv_get(d->chart,
		    doc_root(d->chart->doc, 0), "annotations"), annotation,
		    OC_STRING);
	}
	for (i = 0; i < d->nobj; i++) {
		*where = d->obj[i].in;
		n = dv_get_kind(*where, dv_get(*where, dv_get(*where,
		    d->obj[i].root, "metadata"), "annotations"), annotation,
		    OC_STRING);
		if (n != NULL)
			return n;
	}
	return NULL;
}

static const struct oc_node *
first_definition(const struct derive *d)
{
	const struct dinput *in = d->cmpd[0].o->in;

	return dv_get(in, dv_get(in, d->cmpd[0].o->root, "metadata"), "name");
}

/* DRV004: the chart's claim could not be used, or there is none; the
 * default line 1.1 is judged, with the CRDs of judged. A claim that no
 * release satisfies is a warning: the chart is for releases derive does
 * not know, or it says something no KubeBlocks installs. */
static void
claim_unread(struct derive *d, const struct dinput *in,
    const struct oc_node *n, const char *text, const char *judged)
{
	unsigned set;

	if (text != NULL && derive_constraint_releases(text, &set) == 0)
		dv_report_token_sev(d, in, OC_R_DRV004, OC_SEV_WARNING, n, text,
		    "the chart claims KubeBlocks '%s', which no release derive "
		    "knows satisfies (%s): judged for kubeblocks-1.1, the CRDs "
		    "of %s; give --platform", text, known_releases(), judged);
	else if (text != NULL)
		dv_report(d, in, OC_R_DRV004, n, 0, "the chart claims KubeBlocks "
		    "'%s', which is not a version constraint Helm reads: judged "
		    "for kubeblocks-1.1, the CRDs of %s; give --platform", text,
		    judged);
	else if (d->chart != NULL)
		dv_report(d, d->chart, OC_R_DRV004, doc_root(d->chart->doc, 0), 0,
		    "Chart.yaml has no %s annotation: judged for kubeblocks-1.1, "
		    "the default, the CRDs of %s; give --platform", annotation,
		    judged);
	else
		dv_report(d, d->cmpd[0].o->in, OC_R_DRV004, first_definition(d), 0,
		    "the rendered chart does not say which KubeBlocks release it "
		    "is for (helm template does not print Chart.yaml): judged "
		    "for kubeblocks-1.1, the default, the CRDs of %s; give "
		    "--chart or --platform", judged);
}

/* The releases judged, and DRV004 when they were not given. */
static void
claim_releases(struct derive *d)
{
	const struct dinput *in = NULL;
	const struct oc_node *n = find_claim(d, &in);
	struct oc_buf b = { 0 };
	char *text = n != NULL ? dv_scalar(in, n) : NULL;
	unsigned set = 0, schema = 0;

	d->releases = 1u << OC_KB_1_1;
	if (text != NULL && constraint_walk(text, &set, &schema) == 0 &&
	    set != 0) {
		d->releases = set;
		d->schema = schema != 0 ? schema : schema_of_lines(set);
		d->claim = xasprintf("%s %s", annotation, text);
	} else {
		d->schema = schema_of_lines(d->releases);
		dv_releases_text(d->schema, &b);
		claim_unread(d, in, n, text, b.s);
		b.len = 0;
	}
	releases_text(d->releases, &b);
	free(d->releases_text);
	d->releases_text = buf_steal(&b);
	free(text);
}

int
derive_platform(struct derive *d, struct oc_error **err)
{
	int k;

	if (d->opts->chart != NULL &&
	    (d->chart = chart_load(d, d->opts->chart, err)) == NULL)
		return -1;
	d->platform_given = d->opts->platform != OC_KB_AUTO;
	if (d->platform_given) {
		d->releases = 1u << d->opts->platform;
		d->releases_text = xstrdup(oc_kb_platform_names[
		    d->opts->platform] + strlen("kubeblocks-"));
		d->schema = schema_of_lines(d->releases);
	} else
		claim_releases(d);
	/* One release for what the contract states of the accounts: the
	 * newest, where a missing password setting is worst. */
	for (k = OC_KB_1_2; k > OC_KB_1_0 && !(d->releases & (1u << k)); k--)
		;
	d->platform = (enum oc_kb_platform)k;
	return 0;
}

void
derive_platform_free(struct derive *d)
{
	if (d->chart != NULL) {
		doc_free(d->chart->doc);
		source_free(d->chart->src);
		free(d->chart);
	}
	free(d->claim);
	free(d->releases_text);
}
