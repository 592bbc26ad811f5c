#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ocicheck/cli.h"

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
};

const struct oc_optdef oc_optdefs[] = {
	{ "format", 'f', "FORMAT",
	  "output format: text (default) or json; markdown for --list-rules "
	  "and --explain" },
	{ "fail-on", OPT_FAIL_ON, "LEVEL",
	  "exit 1 when a finding is at or above LEVEL: error (default), "
	  "warning, info or none" },
	{ "color", OPT_COLOR, "WHEN",
	  "color text output: auto (default: on a terminal, unless NO_COLOR "
	  "is set), always or never" },
	{ "platform", OPT_PLATFORM, "OS",
	  "check for linux, windows, solaris, freebsd, zos or vm (default: "
	  "from the platform objects in the config)" },
	{ "spec-version", OPT_SPEC_VERSION, "VERSION",
	  "check against this runtime-spec release, 1.0.0 to 1.3.0 (default: "
	  "the config's ociVersion)" },
	{ "stdin-filename", OPT_STDIN_FILENAME, "NAME",
	  "name reported for input read from '-' (default: <stdin>)" },
	{ "quiet", 'q', NULL, "do not print the summary on standard error" },
	{ "list-rules", OPT_LIST_RULES, NULL,
	  "list every rule (with --format text, json or markdown) and exit" },
	{ "explain", OPT_EXPLAIN, "RULE",
	  "describe one rule (id or name) and exit" },
	{ "version", OPT_VERSION, NULL, "print the version and exit" },
	{ "help", 'h', NULL, "print this help and exit" },
};

const size_t oc_noptdefs = ARRAY_SIZE(oc_optdefs);

void
cli_usage(FILE *out)
{
	size_t i;

	fputs("usage: ocicheck [OPTIONS] [PATH...]\n\n"
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

static int
parse_enum(const char *opt, const char *val, const char *const *names,
    size_t n, struct oc_error **err)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(val, names[i]) == 0)
			return (int)i;
	return oc_error_set(err, 0, "invalid value '%s' for --%s", val, opt);
}

int
cli_parse(int argc, char **argv, struct oc_options *opts,
    struct oc_error **err)
{
	static const char *const formats[] = { "text", "json", "markdown" };
	static const char *const colors[] = { "auto", "always", "never" };
	static const char *const levels[] = { "info", "warning", "error",
		"none" };
	struct option longopts[ARRAY_SIZE(oc_optdefs) + 1];
	char shortopts[2 * ARRAY_SIZE(oc_optdefs) + 2];
	size_t i, ns = 0;
	int c, v;

	memset(opts, 0, sizeof(*opts));
	opts->fail_on = OC_SEV_ERROR;
	opts->platform = -1;
	opts->spec_version = -1;
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
			if ((v = parse_enum("format", optarg, formats,
			    ARRAY_SIZE(formats), err)) < 0)
				return -1;
			opts->format = (enum oc_format)v;
			break;
		case OPT_FAIL_ON:
			if ((v = parse_enum("fail-on", optarg, levels,
			    ARRAY_SIZE(levels), err)) < 0)
				return -1;
			opts->fail_on = (enum oc_severity)v;
			break;
		case OPT_COLOR:
			if ((v = parse_enum("color", optarg, colors,
			    ARRAY_SIZE(colors), err)) < 0)
				return -1;
			opts->color = (enum oc_color)v;
			break;
		case OPT_PLATFORM:
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
			return oc_error_set(err, 0, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (opts->mode == OC_MODE_EXPLAIN && rules_find(opts->explain) == NULL)
		return oc_error_set(err, 0, "unknown rule '%s'", opts->explain);
	if (opts->mode == OC_MODE_CHECK && opts->format == OC_FORMAT_MARKDOWN)
		return oc_error_set(err, 0, "--format markdown is only for "
		    "--list-rules and --explain");
	opts->paths = argv + optind;
	opts->npaths = (size_t)(argc - optind);
	return 0;
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
