#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ocicheck/cli.h"
#include "ocicheck/profile.h"
#include "ocicheck/derive.h"
#include "ocicheck/emit.h"
#include "ocicheck/suggest.h"

/* The parse in progress: the options, and the -f and -o seen so far,
 * which pair up in order. */
struct oc_cli_state {
	struct oc_options *opts;
	size_t nformats, nfiles;
};

static const struct oc_choice formats[] = {
	{ "text", OC_FORMAT_TEXT }, { "json", OC_FORMAT_JSON },
	{ "markdown", OC_FORMAT_MARKDOWN }, { "sarif", OC_FORMAT_SARIF },
	{ "github", OC_FORMAT_GITHUB }, { "junit", OC_FORMAT_JUNIT },
	{ "gitlab", OC_FORMAT_GITLAB }, { "checkstyle", OC_FORMAT_CHECKSTYLE },
};
/* --min-severity takes the first three, --fail-on all four */
static const struct oc_choice levels[] = {
	{ "info", OC_SEV_INFO }, { "warning", OC_SEV_WARNING },
	{ "error", OC_SEV_ERROR }, { "none", OC_SEV_ERROR + 1 },
};
static const struct oc_choice colors[] = {
	{ "auto", OC_COLOR_AUTO }, { "always", OC_COLOR_ALWAYS },
	{ "never", OC_COLOR_NEVER },
};

#define CHOICES(t, count) { .choices = (t), .n = (count) }
static const struct oc_values v_format[] = {
	CHOICES(formats, ARRAY_SIZE(formats)), { 0 } };
static const struct oc_values v_fail_on[] = {
	CHOICES(levels, ARRAY_SIZE(levels)), { 0 } };
static const struct oc_values v_min_severity[] = {
	CHOICES(levels, 3), { 0 } };
static const struct oc_values v_color[] = {
	CHOICES(colors, ARRAY_SIZE(colors)), { 0 } };
/* the OS of a check, then the KubeBlocks releases of a derive */
static const struct oc_values v_platform[] = {
	{ .names = oc_platform_names, .n = OC_NPLATFORMS },
	{ .names = oc_kb_platform_names + 1, .n = OC_KB_NRELEASES, .first = 1 },
	{ 0 } };
static const struct oc_values v_spec_version[] = {
	{ .names = oc_spec_version_names, .n = OC_NVERSIONS }, { 0 } };
static const struct oc_values v_runtime[] = {
	{ .names = oc_runtime_names, .n = OC_NRUNTIMES }, { 0 } };
static const struct oc_values v_profile[] = {
	{ .names = &oc_profiles[0].name, .n = OC_NPROFILES,
	  .stride = sizeof(oc_profiles[0]) }, { 0 } };

static int set_format(struct oc_cli_state *, const struct oc_optdef *,
    const char *, struct oc_error **);
static int set_output(struct oc_cli_state *, const struct oc_optdef *,
    const char *, struct oc_error **);
static int set_platform(struct oc_cli_state *, const struct oc_optdef *,
    const char *, struct oc_error **);

#define OFF(f) offsetof(struct oc_options, f)
#define FLAG(f) .kind = OC_OPT_FLAG, .offset = OFF(f)
#define STR(f) .kind = OC_OPT_STRING, .offset = OFF(f)
#define LIST(f, n) .kind = OC_OPT_LIST, .offset = OFF(f), .offset2 = OFF(n)
#define ENUM(f, v) .kind = OC_OPT_ENUM, .offset = OFF(f), .values = (v)
#define SET(f, v) .kind = OC_OPT_SET, .offset = OFF(f), .values = (v)
#define MODE(m) .kind = OC_OPT_MODE, .value = (m)

/* An enum member written through int *: the same size, and a signed or
 * unsigned int either way. */
_Static_assert(sizeof(enum oc_severity) == sizeof(int) &&
    sizeof(enum oc_color) == sizeof(int), "enum options are ints");

const struct oc_optdef oc_optdefs[] = {
	{ "format", 'f', "FORMAT",
	  "output format: text (default), json, sarif, github, junit, "
	  "gitlab (Code Quality) or checkstyle; markdown for --list-rules "
	  "and --explain",
	  .kind = OC_OPT_CALL, .set = set_format, .values = v_format },
	{ "output", 'o', "FILE",
	  "write the report of the matching -f to FILE, atomically; "
	  "repeatable, paired with -f in order ('-' is standard output)",
	  .kind = OC_OPT_CALL, .set = set_output },
	{ "report-root", 0, "DIR",
	  "show report paths relative to DIR (absolute outside it); SARIF "
	  "URIs are relative to the working directory by default",
	  STR(report_root) },
	{ "sarif-category", 0, "ID",
	  "set the SARIF run's automationDetails.id (code scanning "
	  "category)",
	  STR(sarif_category) },
	{ "recursive", 'r', NULL,
	  "check every config.json under directory PATHs (skipping .git)",
	  FLAG(recursive) },
	{ "fail-on", 0, "LEVEL",
	  "exit 1 when a finding is at or above LEVEL: error (default), "
	  "warning, info or none",
	  ENUM(fail_on, v_fail_on), .offset2 = OFF(fail_on_set) },
	{ "color", 0, "WHEN",
	  "color text output: auto (default: on a terminal, unless NO_COLOR "
	  "is set), always or never",
	  ENUM(color, v_color) },
	{ "min-severity", 0, "LEVEL",
	  "report only findings at or above LEVEL: info (default), warning "
	  "or error",
	  ENUM(min_severity, v_min_severity) },
	{ "enable", 0, "RULES",
	  "enable rules: comma-separated ids, names or prefixes such as "
	  "OCI9* (repeatable)",
	  LIST(enable, nenable) },
	{ "disable", 0, "RULES",
	  "disable rules, as --enable; disabling wins",
	  LIST(disable, ndisable) },
	{ "profile", 0, "NAME",
	  "turn on the security rules of profile NAME as errors: "
	  "pss-baseline, pss-restricted or cis (repeatable)",
	  SET(profiles, v_profile) },
	{ "severity", 0, "RULE=LEVEL",
	  "report RULE at LEVEL: error, warning or info (repeatable)",
	  LIST(severity, nseverity) },
	{ "config", 'c', "FILE",
	  "read settings from FILE instead of finding .ocicheck.yaml",
	  STR(config_path) },
	{ "no-config", 0, NULL,
	  "use no config file",
	  FLAG(no_config) },
	{ "print-config", 0, NULL,
	  "print the effective settings and where each came from, and exit",
	  MODE(OC_MODE_PRINT_CONFIG) },
	{ "show-suppressed", 0, NULL,
	  "also report suppressed findings, marked as such",
	  FLAG(show_suppressed) },
	{ "no-inline-suppressions", 0, NULL,
	  "ignore ocicheck.ignore annotations in the checked configs",
	  FLAG(no_inline) },
	{ "contract", 0, "FILE",
	  "check against the runtime contract in FILE (repeatable)",
	  LIST(contracts, ncontracts) },
	{ "target", 0, "NAME",
	  "check every config against the contract target NAME instead of "
	  "matching targets by CRI annotations",
	  STR(target) },
	{ "overlay", 0, "FILE",
	  "contract derive: merge the hand-written contract FILE into the "
	  "derived one, the stricter value winning (repeatable)",
	  LIST(overlays, noverlays) },
	{ "chart", 0, "PATH",
	  "contract derive: the chart's directory or Chart.yaml, for the "
	  "KubeBlocks releases its addon.kubeblocks.io/kubeblocks-version "
	  "annotation claims",
	  STR(chart) },
	{ "platform", 0, "OS",
	  "check for linux, windows, solaris, freebsd, zos or vm (default: "
	  "from the platform objects in the config); for contract derive, "
	  "kubeblocks-1.0, kubeblocks-1.1 or kubeblocks-1.2 (default: the "
	  "releases the chart claims)",
	  .kind = OC_OPT_CALL, .set = set_platform, .values = v_platform },
	{ "runtime", 0, "NAME",
	  "the config is meant for runtime NAME: runc, crun or youki "
	  "(repeatable; default: all three); a runtime rule is an error when "
	  "every one refuses, a warning when some do",
	  SET(runtimes, v_runtime) },
	{ "spec-version", 0, "VERSION",
	  "check against this runtime-spec release, 1.0.0 to 1.3.0 (default: "
	  "the config's ociVersion)",
	  ENUM(spec_version, v_spec_version) },
	{ "stdin-filename", 0, "NAME",
	  "name reported for input read from '-' (default: <stdin>)",
	  STR(stdin_name) },
	{ "quiet", 'q', NULL,
	  "do not print the summary or the progress line on standard error",
	  FLAG(quiet) },
	{ "list-rules", 0, NULL,
	  "list every rule (with --format text, json or markdown) and exit",
	  MODE(OC_MODE_LIST_RULES) },
	{ "explain", 0, "RULE",
	  "describe one rule (id or name) and exit",
	  MODE(OC_MODE_EXPLAIN), .offset = OFF(explain) },
	{ "version", 0, NULL, "print the version and exit",
	  MODE(OC_MODE_VERSION) },
	{ "help", 'h', NULL, "print this help and exit",
	  MODE(OC_MODE_HELP) },
};

const size_t oc_noptdefs = ARRAY_SIZE(oc_optdefs);

void
cli_usage(FILE *out)
{
	size_t i;

	fputs("usage: ocicheck [OPTIONS] [PATH...]\n"
	    "       ocicheck contract lint [OPTIONS] CONTRACT...\n"
	    "       ocicheck contract derive [OPTIONS] RENDERED... [--overlay "
	    "FILE]... [-o FILE]\n"
	    "       ocicheck contract schema\n"
	    "       ocicheck completion bash|zsh|fish\n\n"
	    "Check OCI runtime-spec config.json files. PATH is a file, a "
	    "bundle directory\n(DIR/config.json) or '-' for standard input; "
	    "the default is ./config.json.\n\noptions:\n", out);
	for (i = 0; i < oc_noptdefs; i++) {
		const struct oc_optdef *o = &oc_optdefs[i];
		char head[64];

		if (o->short_name > 0 && o->short_name < 256)
			snprintf(head, sizeof(head), "-%c, --%s%s%s",
			    o->short_name, o->name, o->arg ? " " : "",
			    o->arg ? o->arg : "");
		else
			snprintf(head, sizeof(head), "    --%s%s%s", o->name,
			    o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(out, "  %-26s %s\n", head, o->help);
	}
	fputs("\nexit status: 0 no finding at or above --fail-on, 1 findings, "
	    "2 usage error,\n3 an input or output could not be processed\n",
	    out);
}

const char *
cli_value_name(const struct oc_values *vs, size_t i)
{
	if (vs->choices != NULL)
		return vs->choices[i].name;
	return *(const char *const *)(const void *)((const char *)vs->names +
	    i * (vs->stride ? vs->stride : sizeof(char *)));
}

int
cli_value(const struct oc_values *vs, size_t i)
{
	return vs->choices != NULL ? vs->choices[i].value :
	    vs->first + (int)i;
}

/* Grow a zeroed array to hold n elements. */
static void
push(void *arrp, size_t *len, size_t n, size_t size)
{
	void **arr = arrp;

	if (n <= *len)
		return;
	*arr = xrealloc(*arr, n * size);
	memset((char *)*arr + *len * size, 0, (n - *len) * size);
	*len = n;
}

static void
push_str(char ***arr, size_t *n, char *s)
{
	*arr = xrealloc(*arr, (*n + 1) * sizeof(**arr));
	(*arr)[(*n)++] = s;
}

/* The value of val among vs for option o, or -1 with err listing them
 * all and the nearest. */
static int
parse_enum(const struct oc_optdef *o, const struct oc_values *vs,
    const char *val, struct oc_error **err)
{
	const char **names, *near;
	struct oc_buf b = { 0 };
	size_t i;
	int rc;

	for (i = 0; i < vs->n; i++)
		if (strcmp(val, cli_value_name(vs, i)) == 0)
			return cli_value(vs, i);
	names = xcalloc(vs->n, sizeof(*names));
	for (i = 0; i < vs->n; i++)
		names[i] = cli_value_name(vs, i);
	buf_printf(&b, "invalid value '%s' for --%s: use ", val, o->name);
	suggest_choices(&b, names, vs->n);
	if ((near = suggest_nearest(val, strlen(val), names, vs->n)) != NULL)
		buf_printf(&b, " (did you mean '%s'?)", near);
	rc = oc_error_set(err, 0, "%s", b.s);
	buf_free(&b);
	free(names);
	return rc;
}

static int
set_format(struct oc_cli_state *st, const struct oc_optdef *o, const char *arg,
    struct oc_error **err)
{
	struct oc_options *opts = st->opts;
	int v = parse_enum(o, &o->values[0], arg, err);

	if (v < 0)
		return -1;
	opts->format = (enum oc_format)v;
	st->nformats++;
	push(&opts->outputs, &opts->noutputs, st->nformats,
	    sizeof(*opts->outputs));
	opts->outputs[st->nformats - 1].format = opts->format;
	return 0;
}

static int
set_output(struct oc_cli_state *st, const struct oc_optdef *o, const char *arg,
    struct oc_error **err)
{
	struct oc_options *opts = st->opts;

	(void)o;
	(void)err;
	st->nfiles++;
	push(&opts->outputs, &opts->noutputs, st->nfiles,
	    sizeof(*opts->outputs));
	opts->outputs[st->nfiles - 1].path = arg;
	return 0;
}

/* An OS for a check, or kubeblocks-X.Y for a derive: two fields, and
 * the error lists the values of the kind the argument names. */
static int
set_platform(struct oc_cli_state *st, const struct oc_optdef *o,
    const char *arg, struct oc_error **err)
{
	int kb = strncmp(arg, "kubeblocks-", 11) == 0;
	int v = parse_enum(o, &o->values[kb], arg, err);

	if (v < 0)
		return -1;
	if (kb)
		st->opts->kb_platform = v;
	else
		st->opts->platform = v;
	return 0;
}

/* Do what row o says with its argument arg. */
static int
apply(struct oc_cli_state *st, const struct oc_optdef *o, char *arg,
    struct oc_error **err)
{
	char *base = (char *)st->opts;
	int v;

	switch (o->kind) {
	case OC_OPT_FLAG:
		*(int *)(void *)(base + o->offset) = 1;
		break;
	case OC_OPT_MODE:
		st->opts->mode = (enum oc_mode)o->value;
		if (o->arg != NULL)
			*(const char **)(void *)(base + o->offset) = arg;
		break;
	case OC_OPT_STRING:
		*(const char **)(void *)(base + o->offset) = arg;
		break;
	case OC_OPT_LIST:
		push_str((char ***)(void *)(base + o->offset),
		    (size_t *)(void *)(base + o->offset2), arg);
		break;
	case OC_OPT_ENUM:
		if ((v = parse_enum(o, &o->values[0], arg, err)) < 0)
			return -1;
		*(int *)(void *)(base + o->offset) = v;
		if (o->offset2 != 0)
			*(int *)(void *)(base + o->offset2) = 1;
		break;
	case OC_OPT_SET:
		if ((v = parse_enum(o, &o->values[0], arg, err)) < 0)
			return -1;
		*(unsigned *)(void *)(base + o->offset) |= 1u << v;
		break;
	case OC_OPT_CALL:
		return o->set(st, o, arg, err);
	}
	return 0;
}
/* "unknown option '--formt'; did you mean '--format'?" */
static int
unknown_option(const char *arg, struct oc_error **err)
{
	const char *names[ARRAY_SIZE(oc_optdefs)], *near;
	char *word = xstrdup(arg + strspn(arg, "-"));
	size_t i;
	int rc;

	word[strcspn(word, "=")] = '\0';
	for (i = 0; i < oc_noptdefs; i++)
		names[i] = oc_optdefs[i].name;
	near = arg[0] == '-' && arg[1] == '-' && word[0] != '\0' ?
	    suggest_nearest(word, strlen(word), names, oc_noptdefs) : NULL;
	if (near != NULL)
		rc = oc_error_set(err, 0, "unknown option '%s'; did you mean "
		    "'--%s'?", arg, near);
	else
		rc = oc_error_set(err, 0, "unknown option '%s'", arg);
	free(word);
	return rc;
}

/* Do a and b name one file? Two reports renamed over one file would leave
 * only the last, so the same file twice is a usage error. */
static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	char *ca, *cb;
	int same;

	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	ca = emit_path_clean(a);
	cb = emit_path_clean(b);
	same = (a[0] == '/') == (b[0] == '/') && strcmp(ca, cb) == 0;
	free(ca);
	free(cb);
	return same;
}

static int
check_outputs(const struct oc_options *opts, struct oc_error **err)
{
	size_t i, k, nstdout = 0;

	for (i = 0; i < opts->noutputs; i++) {
		const char *p = opts->outputs[i].path;

		if (p == NULL || strcmp(p, "-") == 0) {
			if (++nstdout > 1)
				return oc_error_set(err, 0, "only one report "
				    "can go to standard output");
			continue;
		}
		for (k = 0; k < i; k++)
			if (opts->outputs[k].path != NULL &&
			    strcmp(opts->outputs[k].path, "-") != 0 &&
			    same_file(opts->outputs[k].path, p))
				return oc_error_set(err, 0, "'%s' is given to "
				    "-o twice: each report needs its own file",
				    p);
	}
	return 0;
}

/* The paths after the options; one report to stdout unless -o said. */
static int
operands(int argc, char **argv, struct oc_options *opts)
{
	if (opts->noutputs == 0)
		push(&opts->outputs, &opts->noutputs, 1,
		    sizeof(*opts->outputs));
	opts->paths = argv + optind;
	opts->npaths = (size_t)(argc - optind);
	return 0;
}

/* ocicheck contract derive RENDERED... [-o CONTRACT] [-f FORMAT]: -o is
 * the contract, -f the format of the findings, which go to standard
 * output when the contract goes to a file and to standard error when it
 * goes to standard output. */
static int
derive_args(int argc, char **argv, struct oc_options *opts,
    const struct oc_cli_state *st, struct oc_error **err)
{
	opts->mode = OC_MODE_CONTRACT_DERIVE;
	optind += 2;
	if (st->nfiles > 1 || st->nformats > 1)
		return oc_error_set(err, 0, "contract derive takes one -o (the "
		    "contract) and one -f (the findings)");
	if (opts->format == OC_FORMAT_MARKDOWN)
		return oc_error_set(err, 0, "--format markdown is only for "
		    "--list-rules and --explain");
	if (opts->platform >= 0)
		return oc_error_set(err, 0, "contract derive takes --platform "
		    "kubeblocks-1.0, kubeblocks-1.1 or kubeblocks-1.2");
	if (optind >= argc)
		return oc_error_set(err, 0, "contract derive needs the rendered "
		    "chart (helm template output)");
	return operands(argc, argv, opts);
}

/* getopt_long's tables from the rows: a row without a short form is
 * returned as 256 + its index. */
static void
getopt_tables(struct option *longopts, char *shortopts)
{
	size_t i, ns = 0;

	memset(longopts, 0, (oc_noptdefs + 1) * sizeof(*longopts));
	shortopts[ns++] = ':';	/* report a missing argument apart */
	for (i = 0; i < oc_noptdefs; i++) {
		const struct oc_optdef *o = &oc_optdefs[i];

		longopts[i].name = o->name;
		longopts[i].has_arg = o->arg ? required_argument : no_argument;
		longopts[i].val = o->short_name ? o->short_name : 256 + (int)i;
		if (o->short_name != 0) {
			shortopts[ns++] = (char)o->short_name;
			if (o->arg)
				shortopts[ns++] = ':';
		}
	}
	shortopts[ns] = '\0';
}

static const struct oc_optdef *
row_for(int c)
{
	size_t i;

	if (c >= 256)
		return (size_t)(c - 256) < oc_noptdefs ? &oc_optdefs[c - 256] :
		    NULL;
	for (i = 0; i < oc_noptdefs; i++)
		if (oc_optdefs[i].short_name == c)
			return &oc_optdefs[i];
	return NULL;
}

static int
parse_options(int argc, char **argv, struct oc_cli_state *st,
    struct oc_error **err)
{
	struct option longopts[ARRAY_SIZE(oc_optdefs) + 1];
	char shortopts[2 * ARRAY_SIZE(oc_optdefs) + 2];
	const struct oc_optdef *o;
	int c;

	getopt_tables(longopts, shortopts);
	optind = 0;	/* glibc: 0 re-initialises getopt between calls */
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == ':')
			return oc_error_set(err, 0, "option '%s' needs an "
			    "argument", argv[optind - 1]);
		if (c == '?' || (o = row_for(c)) == NULL) {
			if (optopt > 0 && optopt < 256)
				return oc_error_set(err, 0, "unknown option "
				    "'-%c'", optopt);
			return unknown_option(argv[optind - 1], err);
		}
		if (apply(st, o, optarg, err) < 0)
			return -1;
	}
	return 0;
}

static const char *
format_name(enum oc_format f)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(formats); i++)
		if (formats[i].value == (int)f)
			return formats[i].name;
	return "?";
}

/* Options that belong to one mode, given to another. */
static int
check_modes(const struct oc_options *opts, int derive, struct oc_error **err)
{
	if (opts->kb_platform && (opts->mode != OC_MODE_CHECK || !derive))
		return oc_error_set(err, 0, "--platform %s is for contract "
		    "derive", oc_kb_platform_names[opts->kb_platform]);
	if (opts->noverlays > 0 && !derive)
		return oc_error_set(err, 0, "--overlay is for contract derive");
	if (opts->chart != NULL && !derive)
		return oc_error_set(err, 0, "--chart is for contract derive");
	if (opts->mode == OC_MODE_EXPLAIN && catalog_find(opts->explain) == NULL)
		return catalog_unknown(opts->explain, err);
	/* The catalog has no findings to put in a SARIF log or annotations. */
	if ((opts->mode == OC_MODE_LIST_RULES || opts->mode == OC_MODE_EXPLAIN)
	    && opts->format >= OC_FORMAT_SARIF)
		return oc_error_set(err, 0, "--format %s is not for %s: use "
		    "text, json or markdown", format_name(opts->format),
		    opts->mode == OC_MODE_EXPLAIN ?
		    "--explain" : "--list-rules");
	return 0;
}

/* ocicheck [OPTIONS] contract lint|schema FILE... (getopt has moved the
 * options before the subcommand, the first operand). */
static int
contract_args(int argc, char **argv, struct oc_options *opts,
    struct oc_error **err)
{
	if (optind + 1 >= argc)
		return oc_error_set(err, 0, "'contract' needs a command: "
		    "lint, derive or schema");
	if (strcmp(argv[optind + 1], "schema") == 0) {
		opts->mode = OC_MODE_CONTRACT_SCHEMA;
		if (optind + 2 < argc)
			return oc_error_set(err, 0, "contract schema takes no "
			    "operand");
		return 0;
	}
	if (strcmp(argv[optind + 1], "lint") != 0)
		return oc_error_set(err, 0, "unknown contract command '%s' "
		    "(known: lint, derive, schema)", argv[optind + 1]);
	opts->mode = OC_MODE_CONTRACT_LINT;
	optind += 2;
	opts->contracts = xrealloc(opts->contracts,
	    (opts->ncontracts + (size_t)(argc - optind) + 1) * sizeof(char *));
	while (optind < argc)
		opts->contracts[opts->ncontracts++] = argv[optind++];
	if (opts->ncontracts == 0)
		return oc_error_set(err, 0, "contract lint needs a contract "
		    "file");
	return 1;
}

/* -f and -o pair up in order; without -o one format goes to stdout. */
static int
check_pairs(const struct oc_options *opts, const struct oc_cli_state *st,
    struct oc_error **err)
{
	if ((opts->mode == OC_MODE_CHECK || opts->mode == OC_MODE_CONTRACT_LINT)
	    && opts->format == OC_FORMAT_MARKDOWN)
		return oc_error_set(err, 0, "--format markdown is only for "
		    "--list-rules and --explain");
	if (st->nfiles > 0 && st->nfiles != st->nformats)
		return oc_error_set(err, 0, "%zu -o given for %zu -f: each "
		    "output file needs its own -f", st->nfiles, st->nformats);
	if (st->nfiles == 0 && st->nformats > 1)
		return oc_error_set(err, 0, "several -f need as many -o "
		    "(use -o - for standard output)");
	if (check_outputs(opts, err) < 0)
		return -1;
	if (opts->no_config && opts->config_path != NULL)
		return oc_error_set(err, 0, "'--no-config' and '-c' contradict "
		    "each other: use one");
	return 0;
}

int
cli_parse(int argc, char **argv, struct oc_options *opts,
    struct oc_error **err)
{
	struct oc_cli_state st = { opts, 0, 0 };
	int sub, derive, rc;

	memset(opts, 0, sizeof(*opts));
	opts->fail_on = OC_SEV_ERROR;
	opts->platform = -1;
	opts->spec_version = -1;
	opts->min_severity = -1;
	if (parse_options(argc, argv, &st, err) < 0)
		return -1;
	/* "--" ends the options and the subcommands: "ocicheck -- contract"
	 * checks a file named contract. */
	sub = optind < argc && strcmp(argv[optind], "contract") == 0 &&
	    strcmp(argv[optind - 1], "--") != 0;
	derive = sub && optind + 1 < argc &&
	    strcmp(argv[optind + 1], "derive") == 0;
	if (check_modes(opts, derive, err) < 0)
		return -1;
	if (opts->mode == OC_MODE_CHECK && derive)
		return derive_args(argc, argv, opts, &st, err);
	if (opts->mode == OC_MODE_CHECK && sub &&
	    (rc = contract_args(argc, argv, opts, err)) <= 0)
		return rc;
	if (check_pairs(opts, &st, err) < 0)
		return -1;
	return operands(argc, argv, opts);
}

void
cli_free(struct oc_options *opts)
{
	free(opts->contracts);
	free(opts->overlays);
	free(opts->enable);
	free(opts->disable);
	free(opts->severity);
	free(opts->outputs);
	memset(opts, 0, sizeof(*opts));
}

int
cli_use_color(const struct oc_options *opts, int fd)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (opts->color != OC_COLOR_AUTO)
		return opts->color == OC_COLOR_ALWAYS;
	if (nc != NULL && nc[0] != '\0')
		return 0;
	if (term != NULL && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fd);
}
