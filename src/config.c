/*
 * .ocicheck.yaml. One file is used, never merged: the command line's -c,
 * else $OCICHECK_CONFIG, else the first one found walking up from the
 * working directory to the repository root. There is no home-directory
 * fallback, so CI and laptops behave the same. Unknown keys are errors:
 * a silently ignored key is how "the config seems ignored" reports start.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ocicheck/config.h"
#include "ocicheck/profile.h"
#include "ocicheck/contract.h"
#include "ocicheck/emit.h"
#include "ocicheck/suggest.h"
#include "ocicheck/validate.h"
#include "ocicheck/yaml_load.h"

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

int
config_find(const char *explicit_path, char **path, char **how,
    struct oc_error **err)
{
	static const char *const names[] = { ".ocicheck.yaml",
		".ocicheck.yml" };
	const char *env = getenv("OCICHECK_CONFIG");
	char dir[PATH_MAX];
	size_t i, up;

	*path = NULL;
	*how = NULL;
	if (explicit_path != NULL || (env != NULL && env[0] != '\0')) {
		const char *p = explicit_path ? explicit_path : env;

		if (!exists(p))
			return oc_error_set(err, errno, "cannot open config "
			    "file '%s'%s", p, explicit_path ? "" :
			    " (from OCICHECK_CONFIG)");
		*path = xstrdup(p);
		*how = xstrdup(explicit_path ? "--config" : "OCICHECK_CONFIG");
		return 0;
	}
	if (getcwd(dir, sizeof(dir)) == NULL)
		return 0;
	for (up = 0;; up++) {
		char *slash, *git;

		for (i = 0; i < ARRAY_SIZE(names); i++) {
			char *p = xasprintf("%s/%s", strcmp(dir, "/") ? dir : "",
			    names[i]);

			if (exists(p)) {
				/* named relative to the working directory */
				struct oc_buf rel = { 0 };
				size_t k;

				for (k = 0; k < up; k++)
					buf_adds(&rel, "../");
				buf_adds(&rel, names[i]);
				free(p);
				*path = buf_steal(&rel);
				*how = xstrdup("found walking up from the "
				    "working directory");
				return 0;
			}
			free(p);
		}
		git = xasprintf("%s/.git", dir);
		i = exists(git);
		free(git);
		if (i || strcmp(dir, "/") == 0)
			return 0;	/* the repository root ends the walk */
		slash = strrchr(dir, '/');
		if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
	}
}

static int
level_parse(struct oc_validator *v, const struct oc_node *obj,
    const char *key, int allow_none)
{
	const struct oc_node *n = doc_get(v->doc, obj, key);
	struct oc_buf got = { 0 };
	char *s;
	int lvl;

	if (n == NULL)
		return -1;
	s = val_strdup(v, n);
	lvl = doc_kind(n) == OC_STRING ? severity_parse(s) : -1;
	if (lvl < 0 || (!allow_none && lvl == OC_SEV_NONE))
		val_err(v, n, 0, "'%s' must be error, warning, info%s (got "
		    "%s)", key, allow_none ? " or none" : "",
		    val_got(v, n, &got));
	buf_free(&got);
	free(s);
	return lvl < 0 ? -1 : lvl;
}

/* Rule selectors must name rules: a typo must not pass silently. */
static void
check_selector(struct oc_validator *v, const struct oc_node *n,
    const char *sel)
{
	size_t i;

	for (i = 0; i < OC_NRULES; i++)
		if (selector_matches(sel, &oc_rules[i]))
			return;
	val_err(v, n, 0, "'%s' names no rule (see ocicheck --list-rules)", sel);
}

static void
load_choices(struct oc_validator *v, const struct oc_node *rules,
    const char *key, struct oc_rule_choice **out, size_t *n)
{
	const struct oc_node **nodes;
	char **sels;
	size_t i, k = val_strs(v, rules, key, &sels, &nodes, "rules");

	*out = xcalloc(k + 1, sizeof(**out));
	for (i = 0; i < k; i++) {
		(*out)[i].node = nodes[i];
		(*out)[i].selector = sels[i];
		check_selector(v, nodes[i], sels[i]);
	}
	*n = k;
	free(sels);
	free(nodes);
}

static void
load_rules(struct oc_validator *v, const struct oc_node *rules,
    struct oc_config *cfg)
{
	static const char *const keys[] = { "enable", "disable", "severity" };
	const struct oc_node *sev;
	size_t i;

	if (val_object(v, rules, "rules", keys, ARRAY_SIZE(keys)) < 0)
		return;
	load_choices(v, rules, "enable", &cfg->enable, &cfg->nenable);
	load_choices(v, rules, "disable", &cfg->disable, &cfg->ndisable);
	sev = val_get(v, rules, "severity", OC_OBJECT, 0, "rules");
	if (sev == NULL)
		return;
	cfg->severity = xcalloc(doc_count(sev) + 1, sizeof(*cfg->severity));
	for (i = 0; i < doc_count(sev); i++) {
		const struct oc_node *m = doc_at(v->doc, sev, i);
		struct oc_rule_choice *c = &cfg->severity[cfg->nseverity++];
		size_t len;
		const char *k = doc_key_text(v->doc, m, &len);
		char *val = val_strdup(v, m);

		c->node = m;
		c->selector = xstrndup(k, len);
		check_selector(v, m, c->selector);
		c->severity = severity_parse(val);
		if (doc_kind(m) != OC_STRING || c->severity < 0 ||
		    c->severity == OC_SEV_NONE)
			val_err(v, m, 0, "severity of '%s' must be error, "
			    "warning or info", c->selector);
		free(val);
	}
}

static int
valid_date(const char *s)
{
	int y, m, d;
	char tail;

	return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d,
	    &tail) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static void
today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* An ignore: path as an absolute glob: the config file's directory (its
 * glob characters escaped) joined to it and cleaned, so "x", "./x" and
 * "../repo/x" all work; as written when the directory is unknown. */
static char *
ignore_glob(const struct oc_config *cfg, const char *pat)
{
	struct oc_buf b = { 0 };
	const char *d;
	char *clean;

	if (cfg->dir == NULL)
		return xstrdup(pat);
	if (pat[0] != '/') {
		for (d = cfg->dir; *d != '\0'; d++) {
			if (strchr("*?[\\", *d) != NULL)
				buf_addc(&b, '\\');
			buf_addc(&b, *d);
		}
		buf_addc(&b, '/');
	}
	buf_adds(&b, pat);
	clean = emit_path_clean(b.s);
	buf_free(&b);
	return clean;
}

static void
load_ignore(struct oc_validator *v, const struct oc_config *cfg,
    const struct oc_node *it, size_t i, const char *now)
{
	struct oc_ignore *g = &cfg->ignores[i];
	struct oc_matcher *m = &cfg->matchers[i];
	char *rule;

	g->node = it;
	rule = val_str(v, it, "rule", 1, "an ignore entry");
	if (rule != NULL && (m->rule = catalog_find(rule)) == NULL)
		val_err(v, doc_get(v->doc, it, "rule"), 0, "unknown rule "
		    "'%s' (see ocicheck --list-rules)", rule);
	free(rule);
	g->path = val_str(v, it, "path", 0, "an ignore entry");
	if (g->path != NULL)
		g->glob = ignore_glob(cfg, g->path);
	g->pointer = val_str(v, it, "pointer", 0, "an ignore entry");
	if (g->pointer != NULL && g->pointer[0] != '\0' &&
	    g->pointer[0] != '/')
		val_err(v, doc_get(v->doc, it, "pointer"), 0, "pointer "
		    "'%s' must be a JSON pointer starting with '/'",
		    g->pointer);
	g->reason = val_str(v, it, "reason", 1, "an ignore entry");
	if (g->reason != NULL && g->reason[0] == '\0')
		val_err(v, doc_get(v->doc, it, "reason"), 0, "the reason "
		    "of an ignore entry must not be empty");
	g->expires = val_str(v, it, "expires", 0, "an ignore entry");
	if (g->expires != NULL && !valid_date(g->expires))
		val_err(v, doc_get(v->doc, it, "expires"), 0, "expires "
		    "'%s' is not a date like 2026-12-31", g->expires);
	m->glob = g->glob;
	m->pointer = g->pointer;
	m->plen = g->pointer != NULL ? strlen(g->pointer) : 0;
	m->why = g->reason;
	m->wlen = g->reason != NULL ? strlen(g->reason) : 0;
	m->kind = OC_SUPPRESS_CONFIG;
	m->off = g->expires != NULL && strcmp(g->expires, now) < 0;
}

static void
load_ignores(struct oc_validator *v, const struct oc_node *list,
    struct oc_config *cfg)
{
	static const char *const keys[] = { "rule", "path", "pointer",
		"reason", "expires" };
	char now[11];
	size_t i;

	today(now);
	cfg->ignores = xcalloc(doc_count(list) + 1, sizeof(*cfg->ignores));
	cfg->matchers = xcalloc(doc_count(list) + 1, sizeof(*cfg->matchers));
	for (i = 0; i < doc_count(list); i++) {
		const struct oc_node *it = doc_at(v->doc, list, i);

		if (val_object(v, it, "an ignore entry", keys,
		    ARRAY_SIZE(keys)) < 0)
			continue;
		load_ignore(v, cfg, it, cfg->nignores++, now);
	}
}

/* A contract named in the file, relative to the file's directory. */
static char *
contract_path(const struct oc_config *cfg, const char *p)
{
	const char *slash = strrchr(cfg->path, '/');

	if (p[0] == '/' || slash == NULL)
		return xstrdup(p);
	return xasprintf("%.*s/%s", (int)(slash - cfg->path), cfg->path, p);
}

/* contracts: a list of files, each for every input, or of {path: GLOB,
 * file: CONTRACT} entries that tie a contract to the inputs under GLOB
 * (relative to the file's directory, as ignore: paths are). */
static void
load_contracts(struct oc_validator *v, const struct oc_node *root,
    struct oc_config *cfg)
{
	static const char *const keys[] = { "path", "file" };
	const struct oc_node *l = val_get(v, root, "contracts", OC_ARRAY, 0,
	    "the config");
	size_t i, n = l != NULL ? doc_count(l) : 0;

	cfg->contracts = xcalloc(n + 1, sizeof(*cfg->contracts));
	cfg->contract_globs = xcalloc(n + 1, sizeof(*cfg->contract_globs));
	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(v->doc, l, i);
		char *file, *glob;

		if (doc_kind(e) != OC_OBJECT) {
			if ((file = val_strdup(v, e)) == NULL ||
			    doc_kind(e) == OC_ARRAY) {
				val_err(v, e, 0, "a contracts entry is a file "
				    "or {path: GLOB, file: CONTRACT}");
				free(file);
				continue;
			}
			cfg->contracts[cfg->ncontracts++] =
			    contract_path(cfg, file);
			free(file);
			continue;
		}
		if (val_object(v, e, "a contracts entry", keys,
		    ARRAY_SIZE(keys)) < 0)
			continue;
		file = val_str(v, e, "file", 1, "a contracts entry");
		glob = val_str(v, e, "path", 1, "a contracts entry");
		if (file != NULL && glob != NULL) {
			cfg->contract_globs[cfg->ncontracts] =
			    ignore_glob(cfg, glob);
			cfg->contracts[cfg->ncontracts++] =
			    contract_path(cfg, file);
		}
		free(file);
		free(glob);
	}
}

/* runtimes: [runc, crun]: what the configs are meant for. */
static void
load_runtimes(struct oc_validator *v, const struct oc_node *root,
    struct oc_config *cfg)
{
	const struct oc_node *l = val_get(v, root, "runtimes", OC_ARRAY, 0,
	    "the config");
	size_t i, k;

	for (i = 0; l != NULL && i < doc_count(l); i++) {
		const struct oc_node *n = doc_at(v->doc, l, i);

		for (k = 0; k < OC_NRUNTIMES; k++)
			if (doc_kind(n) == OC_STRING &&
			    doc_is(v->doc, n, oc_runtime_names[k]))
				break;
		if (k == OC_NRUNTIMES)
			val_err(v, n, 0, "runtime must be runc, crun or youki");
		else
			cfg->runtimes |= 1u << k;
	}
	if (l != NULL && doc_count(l) == 0)
		val_err(v, l, 0, "runtimes: name at least one of runc, crun "
		    "and youki, or leave it out for all three");
}

/* profile: NAME or [NAMES]: the security profiles to turn on. */
static void
load_profiles(struct oc_validator *v, const struct oc_node *root,
    struct oc_config *cfg)
{
	const struct oc_node *l = doc_get(v->doc, root, "profile");
	size_t i, n = doc_kind(l) == OC_ARRAY ? doc_count(l) : 1;

	for (i = 0; l != NULL && i < n; i++) {
		const struct oc_node *e = doc_kind(l) == OC_ARRAY ?
		    doc_at(v->doc, l, i) : l;
		char *s = doc_kind(e) == OC_STRING ? doc_strdup(v->doc, e) :
		    NULL;
		int p = s ? profile_find(s) : -1;

		if (p < 0)
			val_err(v, e, 0, "profile must be pss-baseline, "
			    "pss-restricted or cis");
		else
			cfg->profiles |= 1u << p;
		free(s);
	}
	if (l != NULL && doc_kind(l) == OC_ARRAY && n == 0)
		val_err(v, l, 0, "profile: name at least one of pss-baseline, "
		    "pss-restricted and cis, or leave it out");
}

static void
load_root(struct oc_validator *v, const struct oc_node *root,
    struct oc_config *cfg)
{
	static const char *const keys[] = { "version", "fail-on",
		"min-severity", "platform", "spec-version", "contracts", "rules",
		"ignore", "inline-suppressions", "runtimes", "profile" };
	const struct oc_node *n;
	char *s;

	if (val_object(v, root, "the config", keys, ARRAY_SIZE(keys)) < 0)
		return;
	if ((n = doc_get(v->doc, root, "version")) != NULL &&
	    !doc_is(v->doc, n, "1"))
		val_err(v, n, 0, "config version must be 1");
	cfg->fail_on = level_parse(v, root, "fail-on", 1);
	cfg->min_severity = level_parse(v, root, "min-severity", 0);
	if ((s = val_str(v, root, "platform", 0, "the config")) != NULL &&
	    (cfg->platform = platform_find(s)) < 0)
		val_err(v, doc_get(v->doc, root, "platform"), 0, "platform '%s' "
		    "is not linux, windows, solaris, freebsd, zos or vm", s);
	free(s);
	if ((s = val_str(v, root, "spec-version", 0, "the config")) != NULL &&
	    (cfg->spec_version = specver_find(s)) < 0)
		val_err(v, doc_get(v->doc, root, "spec-version"), 0,
		    "spec-version '%s' is not a release from 1.0.0 to 1.3.0", s);
	free(s);
	load_contracts(v, root, cfg);
	load_runtimes(v, root, cfg);
	load_profiles(v, root, cfg);
	if ((n = val_get(v, root, "rules", OC_OBJECT, 0, "the config")))
		load_rules(v, n, cfg);
	if ((n = val_get(v, root, "ignore", OC_ARRAY, 0, "the config")))
		load_ignores(v, n, cfg);
	if (doc_get(v->doc, root, "inline-suppressions") != NULL)
		cfg->inline_ok = val_bool(v, root, "inline-suppressions",
		    "the config");
}

/* ignore: paths are relative to the file's directory, as its contracts
 * are, so that "-r .", "./x" and an absolute path name the same input. */
static void
base_dirs(struct oc_config *cfg)
{
	char *cwd = getcwd(NULL, 0), *d;

	if (cwd == NULL || cwd[0] != '/') {
		free(cwd);
		return;
	}
	cfg->cwd = emit_path_clean(cwd);
	free(cwd);
	d = xasprintf("%s/..", cfg->path);
	cfg->dir = emit_path_join(cfg->cwd, d);
	free(d);
}

int
config_load(const char *path, struct oc_config **out, struct oc_error **err)
{
	struct oc_config *cfg = xcalloc(1, sizeof(*cfg));
	struct oc_validator v = { 0 };
	int rc;

	v.lax_scalars = 1;
	cfg->fail_on = cfg->min_severity = cfg->platform = -1;
	cfg->spec_version = cfg->inline_ok = -1;
	cfg->path = xstrdup(path);
	base_dirs(cfg);
	if (source_read_file(path, OC_MAX_INPUT, &cfg->src, err) < 0) {
		config_free(cfg);
		return oc_error_prefix(err, "config file: ");
	}
	if (cfg->src->too_large || yaml_load(cfg->src, &cfg->doc, err) < 0) {
		if (cfg->src->too_large)
			oc_error_set(err, 0, "config file '%s' is too large",
			    path);
		config_free(cfg);
		return oc_error_prefix(err, "invalid config file: ");
	}
	v.src = cfg->src;
	v.doc = cfg->doc;
	if (cfg->doc->nroots == 1)
		load_root(&v, doc_root(cfg->doc, 0), cfg);
	else if (cfg->doc->nroots > 1)
		val_err(&v, doc_root(cfg->doc, 1), 0, "a config file is one "
		    "YAML document");
	if (v.nerrs > 0) {
		char *list = val_report(&v);

		rc = oc_error_set(err, 0, "invalid config file '%s':\n%s", path,
		    list);
		free(list);
		config_free(cfg);
		return rc;
	}
	*out = cfg;
	return 0;
}

static void
choices_free(struct oc_rule_choice *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(c[i].selector);
	free(c);
}

void
config_free(struct oc_config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->nignores; i++) {
		free(cfg->ignores[i].path);
		free(cfg->ignores[i].glob);
		free(cfg->ignores[i].pointer);
		free(cfg->ignores[i].reason);
		free(cfg->ignores[i].expires);
	}
	free(cfg->ignores);
	free(cfg->matchers);
	val_strs_free(cfg->contracts, cfg->ncontracts);
	val_strs_free(cfg->contract_globs, cfg->ncontracts);
	choices_free(cfg->enable, cfg->nenable);
	choices_free(cfg->disable, cfg->ndisable);
	choices_free(cfg->severity, cfg->nseverity);
	doc_free(cfg->doc);
	source_free(cfg->src);
	free(cfg->path);
	free(cfg->how);
	free(cfg->cwd);
	free(cfg->dir);
	free(cfg);
}

int
selector_matches(const char *sel, const struct oc_rule *r)
{
	size_t n = strlen(sel);

	if (n > 1 && sel[n - 1] == '*')
		return strncasecmp(sel, r->id, n - 1) == 0;
	return strcasecmp(sel, r->id) == 0 || strcmp(sel, r->slug) == 0;
}

/* Apply one comma-separated list of selectors; -1 when one picks none. */
static int
select_rules(const char *list, struct oc_rule_setting *rules, int enable,
    int severity, struct oc_error **err)
{
	char *copy = xstrdup(list), *tok, *save = NULL;
	size_t i;
	int hit, rc = 0;

	for (tok = strtok_r(copy, ",", &save); tok != NULL && rc == 0;
	    tok = strtok_r(NULL, ",", &save)) {
		char *eq = severity >= -1 ? NULL : strchr(tok, '=');
		int sev = severity;

		while (*tok == ' ')
			tok++;
		if (severity == -2) {
			/* ID=LEVEL */
			if (eq == NULL || (sev = severity_parse(eq + 1)) < 0 ||
			    sev == OC_SEV_NONE) {
				rc = oc_error_set(err, 0, "--severity takes "
				    "RULE=error|warning|info (got '%s')", tok);
				break;
			}
			*eq = '\0';
		}
		for (i = 0, hit = 0; i < OC_NRULES; i++) {
			if (!selector_matches(tok, &oc_rules[i]))
				continue;
			hit = 1;
			if (sev >= 0)
				rules[i].severity = (unsigned char)sev;
			else
				rules[i].enabled = (unsigned char)enable;
		}
		if (!hit)
			rc = catalog_unknown(tok, err);
	}
	free(copy);
	return rc;
}

/* A runtime rule's severity follows what the targets do with the config
 * it describes; the user's enable, disable and severity choices, applied
 * after, still win. */
static void
runtime_severities(unsigned targets, struct oc_rule_setting *rules)
{
	size_t i;
	int sev;

	for (i = 0; i < OC_NRULES; i++) {
		if (oc_rules[i].level != OC_LEVEL_RUNTIME)
			continue;
		sev = catalog_runtime_severity(&oc_rules[i], targets);
		rules[i].enabled = sev >= 0 && !oc_rules[i].opt_in;
		if (sev >= 0)
			rules[i].severity = (unsigned char)sev;
	}
}

int
config_resolve(const struct oc_config *cfg, const struct oc_options *opts,
    struct oc_settings *set, struct oc_rule_setting *rules,
    struct oc_error **err)
{
	size_t i, k;

	memset(set, 0, sizeof(*set));
	set->fail_on = OC_SEV_ERROR;
	set->min_severity = OC_SEV_INFO;
	set->platform = set->spec_version = -1;
	set->inline_ok = 1;
#define TAKE(field, cfgval, optval, optset) do { \
	if (cfg != NULL && (cfgval) >= 0) { \
		set->field = (cfgval); \
		set->field##_from = OC_FROM_CONFIG; \
	} \
	if (optset) { \
		set->field = (optval); \
		set->field##_from = OC_FROM_CLI; \
	} \
} while (0)
	TAKE(fail_on, cfg->fail_on, (int)opts->fail_on, opts->fail_on_set);
	TAKE(min_severity, cfg->min_severity, opts->min_severity,
	    opts->min_severity >= 0);
	TAKE(platform, cfg->platform, opts->platform, opts->platform >= 0);
	TAKE(spec_version, cfg->spec_version, opts->spec_version,
	    opts->spec_version >= 0);
	TAKE(inline_ok, cfg->inline_ok, 0, opts->no_inline);
#undef TAKE
	set->runtimes = OC_RT_ALL;
	if (cfg != NULL && cfg->runtimes != 0) {
		set->runtimes = cfg->runtimes;
		set->runtimes_from = OC_FROM_CONFIG;
	}
	if (opts->runtimes != 0) {
		set->runtimes = opts->runtimes;
		set->runtimes_from = OC_FROM_CLI;
	}
	runtime_severities(set->runtimes, rules);
	if (cfg != NULL && cfg->profiles != 0) {
		set->profiles = cfg->profiles;
		set->profiles_from = OC_FROM_CONFIG;
	}
	if (opts->profiles != 0) {
		set->profiles = opts->profiles;
		set->profiles_from = OC_FROM_CLI;
	}
	profile_apply(set->profiles, rules);
	set->contracts = xcalloc((cfg ? cfg->ncontracts : 0) +
	    opts->ncontracts + 1, sizeof(*set->contracts));
	set->contract_globs = xcalloc((cfg ? cfg->ncontracts : 0) +
	    opts->ncontracts + 1, sizeof(*set->contract_globs));
	for (i = 0; cfg != NULL && i < cfg->ncontracts; i++) {
		set->contract_globs[set->ncontracts] = cfg->contract_globs[i];
		set->contracts[set->ncontracts++] = cfg->contracts[i];
	}
	for (i = 0; i < opts->ncontracts; i++)
		set->contracts[set->ncontracts++] = opts->contracts[i];
	/* file, then command line; within each, disable wins over enable */
	for (k = 0; cfg != NULL && k < cfg->nenable; k++)
		select_rules(cfg->enable[k].selector, rules, 1, -1, NULL);
	for (k = 0; cfg != NULL && k < cfg->ndisable; k++)
		select_rules(cfg->disable[k].selector, rules, 0, -1, NULL);
	for (k = 0; cfg != NULL && k < cfg->nseverity; k++)
		select_rules(cfg->severity[k].selector, rules, 1,
		    cfg->severity[k].severity, NULL);
	for (k = 0; k < opts->nenable; k++)
		if (select_rules(opts->enable[k], rules, 1, -1, err) < 0)
			return -1;
	for (k = 0; k < opts->ndisable; k++)
		if (select_rules(opts->disable[k], rules, 0, -1, err) < 0)
			return -1;
	for (k = 0; k < opts->nseverity; k++)
		if (select_rules(opts->severity[k], rules, 1, -2, err) < 0)
			return -1;
	return 0;
}

void
config_settings_free(struct oc_settings *set)
{
	free(set->contracts);
	free(set->contract_globs);
	set->contracts = NULL;
	set->contract_globs = NULL;
}
