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

/* Options without a short form get codes above the char range. */
enum {
	OPT_COLOR = 256,
	OPT_FAIL_ON,
	OPT_STDIN_FILENAME,
	OPT_VERSION,
	OPT_LIST_RULES,
	OPT_EXPLAIN,
	OPT_PLATFORM,
	OPT_SPEC_VERSION,
	OPT_CONTRACT,
	OPT_TARGET,
	OPT_NO_CONFIG,
	OPT_ENABLE,
	OPT_DISABLE,
	OPT_SEVERITY,
	OPT_MIN_SEVERITY,
	OPT_SHOW_SUPPRESSED,
	OPT_NO_INLINE,
	OPT_PRINT_CONFIG,
	OPT_REPORT_ROOT,
	OPT_SARIF_CATEGORY,
	OPT_OVERLAY,
	OPT_CHART,
	OPT_RUNTIME,
	OPT_PROFILE,
};

const struct oc_optdef oc_optdefs[] = {
	{ "format", 'f', "FORMAT",
	  "output format: text (default), json, sarif, github, junit, "
	  "gitlab (Code Quality) or checkstyle; markdown for --list-rules "
	  "and --explain" },
	{ "output", 'o', "FILE",
	  "write the report of the matching -f to FILE, atomically; "
	  "repeatable, paired with -f in order ('-' is standard output)" },
	{ "report-root", OPT_REPORT_ROOT, "DIR",
	  "show report paths relative to DIR (absolute outside it); SARIF "
	  "URIs are relative to the working directory by default" },
	{ "sarif-category", OPT_SARIF_CATEGORY, "ID",
	  "set the SARIF run's automationDetails.id (code scanning "
	  "category)" },
	{ "recursive", 'r', NULL,
	  "check every config.json under directory PATHs (skipping .git)" },
	{ "fail-on", OPT_FAIL_ON, "LEVEL",
	  "exit 1 when a finding is at or above LEVEL: error (default), "
	  "warning, info or none" },
	{ "color", OPT_COLOR, "WHEN",
	  "color text output: auto (default: on a terminal, unless NO_COLOR "
	  "is set), always or never" },
	{ "min-severity", OPT_MIN_SEVERITY, "LEVEL",
	  "report only findings at or above LEVEL: info (default), warning "
	  "or error" },
	{ "enable", OPT_ENABLE, "RULES",
	  "enable rules: comma-separated ids, names or prefixes such as "
	  "OCI9* (repeatable)" },
	{ "disable", OPT_DISABLE, "RULES",
	  "disable rules, as --enable; disabling wins" },
	{ "profile", OPT_PROFILE, "NAME",
	  "turn on the security rules of profile NAME as errors: "
	  "pss-baseline, pss-restricted or cis (repeatable)" },
	{ "severity", OPT_SEVERITY, "RULE=LEVEL",
	  "report RULE at LEVEL: error, warning or info (repeatable)" },
	{ "config", 'c', "FILE",
	  "read settings from FILE instead of finding .ocicheck.yaml" },
	{ "no-config", OPT_NO_CONFIG, NULL,
	  "use no config file" },
	{ "print-config", OPT_PRINT_CONFIG, NULL,
	  "print the effective settings and where each came from, and exit" },
	{ "show-suppressed", OPT_SHOW_SUPPRESSED, NULL,
	  "also report suppressed findings, marked as such" },
	{ "no-inline-suppressions", OPT_NO_INLINE, NULL,
	  "ignore ocicheck.ignore annotations in the checked configs" },
	{ "contract", OPT_CONTRACT, "FILE",
	  "check against the runtime contract in FILE (repeatable)" },
	{ "target", OPT_TARGET, "NAME",
	  "check every config against the contract target NAME instead of "
	  "matching targets by CRI annotations" },
	{ "overlay", OPT_OVERLAY, "FILE",
	  "contract derive: merge the hand-written contract FILE into the "
	  "derived one, the stricter value winning (repeatable)" },
	{ "chart", OPT_CHART, "PATH",
	  "contract derive: the chart's directory or Chart.yaml, for the "
	  "KubeBlocks releases its addon.kubeblocks.io/kubeblocks-version "
	  "annotation claims" },
	{ "platform", OPT_PLATFORM, "OS",
	  "check for linux, windows, solaris, freebsd, zos or vm (default: "
	  "from the platform objects in the config); for contract derive, "
	  "kubeblocks-1.0, kubeblocks-1.1 or kubeblocks-1.2 (default: the "
	  "releases the chart claims)" },
	{ "runtime", OPT_RUNTIME, "NAME",
	  "the config is meant for runtime NAME: runc, crun or youki "
	  "(repeatable; default: all three); a runtime rule is an error when "
	  "every one refuses, a warning when some do" },
	{ "spec-version", OPT_SPEC_VERSION, "VERSION",
	  "check against this runtime-spec release, 1.0.0 to 1.3.0 (default: "
	  "the config's ociVersion)" },
	{ "stdin-filename", OPT_STDIN_FILENAME, "NAME",
	  "name reported for input read from '-' (default: <stdin>)" },
	{ "quiet", 'q', NULL,
	  "do not print the summary or the progress line on standard error" },
	{ "list-rules", OPT_LIST_RULES, NULL,
	  "list every rule (with --format text, json or markdown) and exit" },
	{ "explain", OPT_EXPLAIN, "RULE",
	  "describe one rule (id or name) and exit" },
	{ "version", OPT_VERSION, NULL, "print the version and exit" },
	{ "help", 'h', NULL, "print this help and exit" },
};

const size_t oc_noptdefs = ARRAY_SIZE(oc_optdefs);

const char *const oc_format_names[OC_NFORMATS] = { "text", "json",
	"markdown", "sarif", "github", "junit", "gitlab", "checkstyle" };
const char *const oc_level_names[4] = { "info", "warning", "error", "none" };
const char *const oc_color_names[3] = { "auto", "always", "never" };

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

static int
parse_enum(const char *opt, const char *val, const char *const *names,
    size_t n, struct oc_error **err)
{
	struct oc_buf b = { 0 };
	const char *near;
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		if (strcmp(val, names[i]) == 0)
			return (int)i;
	buf_printf(&b, "invalid value '%s' for --%s: use ", val, opt);
	suggest_choices(&b, names, n);
	if ((near = suggest_nearest(val, strlen(val), names, n)) != NULL)
		buf_printf(&b, " (did you mean '%s'?)", near);
	rc = oc_error_set(err, 0, "%s", b.s);
	buf_free(&b);
	return rc;
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
    size_t nformats, size_t nfiles, struct oc_error **err)
{
	opts->mode = OC_MODE_CONTRACT_DERIVE;
	optind += 2;
	if (nfiles > 1 || nformats > 1)
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

int
cli_parse(int argc, char **argv, struct oc_options *opts,
    struct oc_error **err)
{
	struct option longopts[ARRAY_SIZE(oc_optdefs) + 1];
	char shortopts[2 * ARRAY_SIZE(oc_optdefs) + 2];
	size_t i, ns = 0, nformats = 0, nfiles = 0;
	int c, v, sub, derive;

	memset(opts, 0, sizeof(*opts));
	opts->fail_on = OC_SEV_ERROR;
	opts->platform = -1;
	opts->spec_version = -1;
	opts->min_severity = -1;
	memset(longopts, 0, sizeof(longopts));
	shortopts[ns++] = ':';	/* report a missing argument apart */
	for (i = 0; i < oc_noptdefs; i++) {
		longopts[i].name = oc_optdefs[i].name;
		longopts[i].has_arg = oc_optdefs[i].arg ? required_argument :
		    no_argument;
		longopts[i].val = oc_optdefs[i].short_name;
		if (oc_optdefs[i].short_name < 256) {
			shortopts[ns++] = (char)oc_optdefs[i].short_name;
			if (oc_optdefs[i].arg)
				shortopts[ns++] = ':';
		}
	}
	shortopts[ns] = '\0';
	optind = 0;	/* glibc: 0 re-initialises getopt between calls */
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((v = parse_enum("format", optarg, oc_format_names,
			    OC_NFORMATS, err)) < 0)
				return -1;
			opts->format = (enum oc_format)v;
			nformats++;
			push(&opts->outputs, &opts->noutputs, nformats,
			    sizeof(*opts->outputs));
			opts->outputs[nformats - 1].format = opts->format;
			break;
		case 'o':
			nfiles++;
			push(&opts->outputs, &opts->noutputs, nfiles,
			    sizeof(*opts->outputs));
			opts->outputs[nfiles - 1].path = optarg;
			break;
		case 'r':
			opts->recursive = 1;
			break;
		case 'c':
			opts->config_path = optarg;
			break;
		case OPT_NO_CONFIG:
			opts->no_config = 1;
			break;
		case OPT_ENABLE:
			push_str(&opts->enable, &opts->nenable, optarg);
			break;
		case OPT_DISABLE:
			push_str(&opts->disable, &opts->ndisable, optarg);
			break;
		case OPT_SEVERITY:
			push_str(&opts->severity, &opts->nseverity, optarg);
			break;
		case OPT_MIN_SEVERITY:
			if ((v = parse_enum("min-severity", optarg, oc_level_names, 3,
			    err)) < 0)
				return -1;
			opts->min_severity = v;
			break;
		case OPT_SHOW_SUPPRESSED:
			opts->show_suppressed = 1;
			break;
		case OPT_NO_INLINE:
			opts->no_inline = 1;
			break;
		case OPT_PRINT_CONFIG:
			opts->mode = OC_MODE_PRINT_CONFIG;
			break;
		case OPT_FAIL_ON:
			if ((v = parse_enum("fail-on", optarg, oc_level_names,
			    ARRAY_SIZE(oc_level_names), err)) < 0)
				return -1;
			opts->fail_on = (enum oc_severity)v;
			opts->fail_on_set = 1;
			break;
		case OPT_COLOR:
			if ((v = parse_enum("color", optarg, oc_color_names,
			    ARRAY_SIZE(oc_color_names), err)) < 0)
				return -1;
			opts->color = (enum oc_color)v;
			break;
		case OPT_PLATFORM:
			if (strncmp(optarg, "kubeblocks-", 11) == 0) {
				if ((v = parse_enum("platform", optarg,
				    oc_kb_platform_names + 1, OC_KB_NRELEASES,
				    err)) < 0)
					return -1;
				opts->kb_platform = v + 1;
				break;
			}
			if ((v = parse_enum("platform", optarg,
			    oc_platform_names, OC_NPLATFORMS, err)) < 0)
				return -1;
			opts->platform = v;
			break;
		case OPT_SPEC_VERSION:
			if ((v = parse_enum("spec-version", optarg,
			    oc_spec_version_names, OC_NVERSIONS, err)) < 0)
				return -1;
			opts->spec_version = v;
			break;
		case OPT_CONTRACT:
			opts->contracts = xrealloc(opts->contracts,
			    (opts->ncontracts + 1) * sizeof(char *));
			opts->contracts[opts->ncontracts++] = optarg;
			break;
		case OPT_TARGET:
			opts->target = optarg;
			break;
		case OPT_REPORT_ROOT:
			opts->report_root = optarg;
			break;
		case OPT_SARIF_CATEGORY:
			opts->sarif_category = optarg;
			break;
		case OPT_OVERLAY:
			push_str(&opts->overlays, &opts->noverlays, optarg);
			break;
		case OPT_CHART:
			opts->chart = optarg;
			break;
		case OPT_PROFILE: {
			const char *names[OC_NPROFILES];

			for (v = 0; v < OC_NPROFILES; v++)
				names[v] = oc_profiles[v].name;
			if ((v = parse_enum("profile", optarg, names,
			    OC_NPROFILES, err)) < 0)
				return -1;
			opts->profiles |= 1u << v;
			break;
		}
		case OPT_RUNTIME:
			if ((v = parse_enum("runtime", optarg, oc_runtime_names,
			    OC_NRUNTIMES, err)) < 0)
				return -1;
			opts->runtimes |= 1u << v;
			break;
		case OPT_STDIN_FILENAME:
			opts->stdin_name = optarg;
			break;
		case 'q':
			opts->quiet = 1;
			break;
		case OPT_VERSION:
			opts->mode = OC_MODE_VERSION;
			break;
		case 'h':
			opts->mode = OC_MODE_HELP;
			break;
		case OPT_LIST_RULES:
			opts->mode = OC_MODE_LIST_RULES;
			break;
		case OPT_EXPLAIN:
			opts->mode = OC_MODE_EXPLAIN;
			opts->explain = optarg;
			break;
		case ':':
			return oc_error_set(err, 0, "option '%s' needs an "
			    "argument", argv[optind - 1]);
		default:
			if (optopt > 0 && optopt < 256)
				return oc_error_set(err, 0, "unknown option "
				    "'-%c'", optopt);
			return unknown_option(argv[optind - 1], err);
		}
	}
	/* "--" ends the options and the subcommands: "ocicheck -- contract"
	 * checks a file named contract. */
	sub = optind < argc && strcmp(argv[optind], "contract") == 0 &&
	    strcmp(argv[optind - 1], "--") != 0;
	derive = sub && optind + 1 < argc &&
	    strcmp(argv[optind + 1], "derive") == 0;
	if (opts->kb_platform && (opts->mode != OC_MODE_CHECK || !derive))
		return oc_error_set(err, 0, "--platform %s is for contract "
		    "derive", oc_kb_platform_names[opts->kb_platform]);
	if (opts->noverlays > 0 && !derive)
		return oc_error_set(err, 0, "--overlay is for contract derive");
	if (opts->chart != NULL && !derive)
		return oc_error_set(err, 0, "--chart is for contract derive");
	if (opts->mode == OC_MODE_EXPLAIN && catalog_find(opts->explain) == NULL)
		return suggest_rule_error(opts->explain, err);
	/* The catalog has no findings to put in a SARIF log or annotations. */
	if ((opts->mode == OC_MODE_LIST_RULES || opts->mode == OC_MODE_EXPLAIN)
	    && opts->format >= OC_FORMAT_SARIF)
		return oc_error_set(err, 0, "--format %s is not for %s: use "
		    "text, json or markdown", oc_format_names[opts->format],
		    opts->mode == OC_MODE_EXPLAIN ?
		    "--explain" : "--list-rules");
	/* A subcommand is the first operand: ocicheck [OPTIONS] contract
	 * lint|derive FILE... (getopt has moved the options before it). */
	if (opts->mode == OC_MODE_CHECK && sub) {
		if (optind + 1 >= argc)
			return oc_error_set(err, 0, "'contract' needs a command: "
			    "lint, derive or schema");
		if (derive)
			return derive_args(argc, argv, opts, nformats, nfiles,
			    err);
		if (strcmp(argv[optind + 1], "schema") == 0) {
			opts->mode = OC_MODE_CONTRACT_SCHEMA;
			if (optind + 2 < argc)
				return oc_error_set(err, 0, "contract schema "
				    "takes no operand");
			return 0;
		}
		if (strcmp(argv[optind + 1], "lint") != 0)
			return oc_error_set(err, 0, "unknown contract command "
			    "'%s' (known: lint, derive, schema)",
			    argv[optind + 1]);
		opts->mode = OC_MODE_CONTRACT_LINT;
		optind += 2;
		opts->contracts = xrealloc(opts->contracts,
		    (opts->ncontracts + (size_t)(argc - optind) + 1) *
		    sizeof(char *));
		while (optind < argc)
			opts->contracts[opts->ncontracts++] = argv[optind++];
		if (opts->ncontracts == 0)
			return oc_error_set(err, 0, "contract lint needs a "
			    "contract file");
	}
	if ((opts->mode == OC_MODE_CHECK || opts->mode == OC_MODE_CONTRACT_LINT)
	    && opts->format == OC_FORMAT_MARKDOWN)
		return oc_error_set(err, 0, "--format markdown is only for "
		    "--list-rules and --explain");
	/* -f and -o pair up in order; without -o one format goes to stdout */
	if (nfiles > 0 && nfiles != nformats)
		return oc_error_set(err, 0, "%zu -o given for %zu -f: each "
		    "output file needs its own -f", nfiles, nformats);
	if (nfiles == 0 && nformats > 1)
		return oc_error_set(err, 0, "several -f need as many -o "
		    "(use -o - for standard output)");
	if (check_outputs(opts, err) < 0)
		return -1;
	if (opts->no_config && opts->config_path != NULL)
		return oc_error_set(err, 0, "'--no-config' and '-c' contradict "
		    "each other: use one");
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
