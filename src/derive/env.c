/*
 * contract derive, what a job's or an action's scripts read from an env
 * the chart never shows whole. KubeBlocks builds that env from the
 * target pod's first container, its own names (kb_env.inc, per release
 * line and job kind) and what the ActionSet, the method or the actions
 * state; ocicheck-kubeblocks(7) says which job gets what. A name read
 * that nothing there provides is ENV010: a warning for a plain read, info
 * for one the script only tests or compares (an empty value takes the
 * other branch). Which names a script reads is a heuristic (script.c).
 */
#include <stdlib.h>
#include <string.h>

#include "derive_int.h"

struct kb_env_row {
	const char *name, *job, *cond;
	enum oc_kb_platform since, until;	/* until OC_KB_AUTO: still */
};

static const struct kb_env_row kb_env[] = {
#include "kb_env.inc"
};

/* A row that holds for the job: its kind, and its condition where the
 * scope says whether it holds (account, incremental, continuous); the
 * other conditions depend on the cluster (a repo mode, a label), so a
 * name under them is provided but may be empty. */
static int
row_applies(const struct kb_env_row *r, const struct dscope *s)
{
	if (strncmp(r->job, "action-", 7) == 0)
		return s->action != NULL && (strcmp(r->job + 7, "all") == 0 ||
		    strcmp(r->job + 7, s->action) == 0);
	if (s->action != NULL || strcmp(r->job, s->job) != 0)
		return 0;
	if (strcmp(r->cond, "account") == 0)
		return s->account;
	if (strcmp(r->cond, "incremental") == 0)
		return s->incremental;
	return 1;
}

/* The release lines of d->releases where the platform sets name for the
 * scope: all of them, some (*lines the others), or none. */
static unsigned
kb_lines(const struct dscope *s, const char *name, size_t len)
{
	unsigned set = 0;
	size_t i;
	int k;

	for (i = 0; i < ARRAY_SIZE(kb_env); i++) {
		const struct kb_env_row *r = &kb_env[i];

		if (strlen(r->name) != len || memcmp(r->name, name, len) != 0 ||
		    !row_applies(r, s))
			continue;
		for (k = r->since; k <= OC_KB_1_2 && (r->until == OC_KB_AUTO ||
		    k < (int)r->until); k++)
			set |= 1u << k;
	}
	return set & s->d->releases;
}

void
dv_scope_add(struct dscope *s, const char *name)
{
	dv_strs_add_new(&s->own, &s->nown, xstrdup(name));
}

/* The names an openAPIV3Schema's properties give a job (ActionSet
 * parametersSchema: each parameter is an env var of that name). */
void
dv_scope_add_params(struct dscope *s, const struct dinput *in,
    const struct oc_node *schema)
{
	const struct oc_node *p = dv_get_kind(in, dv_get(in, schema,
	    "openAPIV3Schema"), "properties", OC_OBJECT);
	size_t i, len;

	for (i = 0; p != NULL && i < doc_count(p); i++) {
		const char *k = doc_key_text(in->doc, doc_at(in->doc, p, i), &len);
		char *name = xstrndup(k, len);

		dv_scope_add(s, name);
		free(name);
	}
}

/* The names of an env list, as the chart states them. */
void
dv_scope_add_env(struct dscope *s, const struct dinput *in,
    const struct oc_node *l)
{
	size_t i;

	for (i = 0; i < dv_count(l); i++) {
		char *name = dv_name(in, doc_at(in->doc, l, i), "name");

		if (name != NULL)
			dv_scope_add(s, name);
		free(name);
	}
}

void
dv_scope_free(struct dscope *s)
{
	size_t i;

	for (i = 0; i < s->nown; i++)
		free(s->own[i]);
	free(s->own);
	free(s->pods);
	free(s->what);
}

/* Methods sharing an ActionSet share its script: a variable it lacks is
 * one finding, at the script, not one per method. */
static int
first_report(struct derive *d, const char *key, const char *name)
{
	char *k = xasprintf("%s %s", key, name);
	size_t i;

	for (i = 0; i < d->nenv010; i++)
		if (strcmp(d->env010[i], k) == 0) {
			free(k);
			return 0;
		}
	dv_strs_add(&d->env010, &d->nenv010, k);
	return 1;
}

/* Of the target pods, the definitions whose first container lacks name
 * (in "'a', 'b'" form, NULL when none does); *all when every one does. */
static char *
pods_lacking(const struct dscope *s, const char *name, size_t len, int *all)
{
	struct oc_buf b = { 0 };
	size_t i, n = 0;

	for (i = 0; i < s->npods; i++)
		if (!dv_has_env(&s->d->c->targets[s->pods[i].target], name,
		    len))
			buf_printf(&b, "%s'%s'", n++ ? ", " : "",
			    s->pods[i].def);
	*all = s->npods > 0 && n == s->npods;
	return n > 0 ? buf_steal(&b) : NULL;
}

static void
lines_text(unsigned set, struct oc_buf *b)
{
	int k, n = 0;

	for (k = OC_KB_1_0; k <= OC_KB_1_2; k++)
		if (set & (1u << k))
			buf_printf(b, "%s%s", n++ ? " and " : "",
			    oc_kb_platform_names[k] + strlen("kubeblocks-"));
}

/* ENV010 for a name nothing provides in the scope, in the words that say
 * why: the account, a release line, the definitions whose pods lack it,
 * or none of the sources. */
static void
unprovided(struct dscope *s, const struct dinput *in, const struct oc_node *n,
    enum job_use use, const char *tok, const char *name, int guarded)
{
	static const char *const what[] = { "the image", "the command",
		"an argument", "the script" };
	struct oc_buf why = { 0 }, lines = { 0 };
	unsigned some = 0;
	char *lack, *ctrs;
	int all = 0, sev = guarded ? OC_SEV_INFO : -1;
	size_t len = strlen(name);

	lack = pods_lacking(s, name, len, &all);
	if (strncmp(name, "DP_DB_", 6) == 0 && (strcmp(name + 6, "USER") == 0 ||
	    strcmp(name + 6, "PASSWORD") == 0) && !s->account && s->has_account)
		buf_adds(&why, s->account_why);
	else if ((some = kb_lines(s, name, len)) != 0) {
		lines_text(s->d->releases & ~some, &lines);
		buf_printf(&why, "KubeBlocks %s %s not set it for this %s "
		    "(the chart is judged for %s)", lines.s,
		    strchr(lines.s, ' ') != NULL ? "do" : "does",
		    s->action != NULL ? "action" : "job", s->d->releases_text);
	} else if (s->cmpd != NULL && (ctrs = dv_containers_with(s->d, s->cmpd,
	    name)) != NULL) {
		buf_printf(&why, "container %s of the definition has it, but "
		    "kbagent, which runs lifecycle actions, gets no container's "
		    "env (only the vars, the actions' exec.env and its own "
		    "KB_AGENT_* names)", ctrs);
		free(ctrs);
	} else if (lack != NULL && !all)
		buf_printf(&why, "the first container of the target pods of "
		    "%s, whose env the job starts from, does not have it", lack);
	else
		buf_adds(&why, s->why);
	if (use == USE_IMAGE)
		dv_report_token_sev(s->d, in, OC_R_ENV010, sev, n, tok, "the image "
		    "of %s uses $(%s): %s, so the controller leaves it literal "
		    "and the image cannot be pulled", s->what, name, why.s);
	else if (use == USE_COMMAND || use == USE_ARGS)
		dv_report_token_sev(s->d, in, OC_R_ENV010, sev, n, tok, "%s of %s "
		    "uses $(%s): %s, and Kubernetes leaves it literal",
		    what[use], s->what, name, why.s);
	else
		dv_report_token_sev(s->d, in, OC_R_ENV010, sev, n, tok, "%s of %s "
		    "reads %s%s: %s, so %s (heuristic scan; declare it in an "
		    "overlay if the image provides it)", what[use], s->what, name,
		    guarded ? " only in a test or a comparison" : "", why.s,
		    guarded ? "that test always sees it empty" :
		    "the process sees it empty");
	buf_free(&why);
	buf_free(&lines);
	free(lack);
}

/* Do the target pods' first containers all have name? */
static int
pods_provide(const struct dscope *s, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < s->npods; i++)
		if (!dv_has_env(&s->d->c->targets[s->pods[i].target], name,
		    len))
			return 0;
	return s->npods > 0;
}

/* What the env requirement of a read name says it comes from. */
static const char *
origin(struct dscope *s, const char *name, size_t len)
{
	if (dv_strs_has(s->own, s->nown, name, len))
		return NULL;	/* the job states it: no requirement */
	if (kb_lines(s, name, len) == s->d->releases)
		return strncmp(name, "DP_DB_", 6) == 0 ? "dp.target-account" :
		    "dp.injected";
	return pods_provide(s, name, len) ? "dp.target-pod-env" : NULL;
}

static int
provided(struct dscope *s, const char *name, size_t len)
{
	return (s->t != NULL && dv_has_env(s->t, name, len)) ||
	    dv_strs_has(s->own, s->nown, name, len) ||
	    kb_lines(s, name, len) == s->d->releases ||
	    pods_provide(s, name, len);
}

static size_t
job_refs(enum job_use use, const char *s, size_t len,
    struct oc_script_var **v)
{
	size_t n, i, k;

	if (use == USE_SCRIPT)
		return script_vars(s, len, v);
	n = kube_refs(s, len, v);
	if (use == USE_IMAGE)
		return n;
	/* In a shell command, $(lower) is command substitution. */
	for (i = k = 0; i < n; i++)
		if (strspn((*v)[i].name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
		    == strlen((*v)[i].name))
			(*v)[k++] = (*v)[i];
		else
			free((*v)[i].name);
	return k;
}

/* What a string of the job reads: required in the scope's target when
 * the platform or the pod provides it (read plainly), ENV010 when
 * nothing does. */
void
dv_scope_scan(struct dscope *s, const struct dinput *in,
    const struct oc_node *n, enum job_use use)
{
	struct oc_script_var *v;
	struct oc_buf tok = { 0 };
	const char *text, *from;
	size_t len, i, nv;

	if (n == NULL || doc_kind(n) != OC_STRING || s->quiet)
		return;
	text = doc_text(in->doc, n, &len);
	nv = job_refs(use, text, len, &v);
	for (i = 0; i < nv; i++) {
		const char *name = v[i].name;
		size_t k = strlen(name);
		struct oc_env_req *e;

		tok.len = 0;
		buf_printf(&tok, "%.*s", (int)(k + 1 + (text[v[i].offset + 1] ==
		    '{' || text[v[i].offset + 1] == '(')), text + v[i].offset);
		if (!provided(s, name, k)) {
			if (first_report(s->d, s->key, name))
				unprovided(s, in, n, use, tok.s, name,
				    v[i].guarded);
			continue;
		}
		if (s->t == NULL || v[i].guarded || dv_has_env(s->t, name, k) ||
		    (from = origin(s, name, k)) == NULL)
			continue;
		e = dv_env_slot(s->t, name);
		dv_env_origin(e, from, xasprintf("%s%s:%s", use == USE_SCRIPT ||
		    use == USE_IMAGE ? "heuristic:" : "", s->key,
		    use == USE_IMAGE ? "image" : use == USE_ARGS ? "args" :
		    "command"));
		e->non_empty = 1;
	}
	buf_free(&tok);
	script_vars_free(v, nv);
}

/* An item of command or args: Kubernetes expands its $(NAME), then a
 * shell may run it as a script. */
void
dv_scope_scan_item(struct dscope *s, const struct dinput *in,
    const struct oc_node *n, enum job_use use)
{
	dv_scope_scan(s, in, n, use);
	dv_scope_scan(s, in, n, USE_SCRIPT);
}

/* The image, command and args of a job or action container. */
void
dv_scope_scan_container(struct dscope *s, const struct dinput *in,
    const struct oc_node *c)
{
	const struct oc_node *l;
	size_t i;

	dv_scope_scan(s, in, dv_get(in, c, "image"), USE_IMAGE);
	l = dv_get(in, c, "command");
	for (i = 0; i < dv_count(l); i++)
		dv_scope_scan_item(s, in, doc_at(in->doc, l, i), USE_COMMAND);
	l = dv_get(in, c, "args");
	for (i = 0; i < dv_count(l); i++)
		dv_scope_scan_item(s, in, doc_at(in->doc, l, i), USE_ARGS);
}

/* The first containers of the pods a job targets: the main targets of
 * the definitions. A definition whose first container takes env from
 * elsewhere (its own envFrom) hides names: the scan stays quiet. */
void
dv_scope_pods(struct dscope *s, struct dcmpd *const *defs, size_t n)
{
	size_t i;

	s->pods = xcalloc(n + 1, sizeof(*s->pods));
	for (i = 0; i < n; i++) {
		if (defs[i]->main < 0)
			continue;
		if (defs[i]->main_envfrom)
			s->quiet = 1;
		s->pods[s->npods].def = defs[i]->o->name;
		s->pods[s->npods++].target = (size_t)defs[i]->main;
	}
}
