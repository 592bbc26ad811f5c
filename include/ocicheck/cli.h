/* Command-line options: one table drives getopt_long and --help. */
#ifndef OCICHECK_CLI_H
#define OCICHECK_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "ocicheck/error.h"
#include "ocicheck/catalog.h"
#include "ocicheck/specver.h"

/* The exit status: the highest applicable code wins. */
enum oc_exit {
	OC_EXIT_CLEAN = 0,	/* nothing at or above --fail-on */
	OC_EXIT_FINDINGS = 1,
	OC_EXIT_USAGE = 2,
	OC_EXIT_TROUBLE = 3,	/* an input or output could not be processed */
};

enum oc_format {
	OC_FORMAT_TEXT,
	OC_FORMAT_JSON,
	OC_FORMAT_MARKDOWN,	/* --list-rules and --explain only */
	OC_FORMAT_SARIF,
	OC_FORMAT_GITHUB,
	OC_FORMAT_JUNIT,
	OC_FORMAT_GITLAB,
	OC_FORMAT_CHECKSTYLE,
};
#define OC_NFORMATS (OC_FORMAT_CHECKSTYLE + 1)

enum oc_color {
	OC_COLOR_AUTO,
	OC_COLOR_ALWAYS,
	OC_COLOR_NEVER,
};

enum oc_mode {
	OC_MODE_CHECK,
	OC_MODE_HELP,
	OC_MODE_VERSION,
	OC_MODE_LIST_RULES,
	OC_MODE_EXPLAIN,
	OC_MODE_CONTRACT_LINT,	/* ocicheck contract lint FILE... */
	OC_MODE_PRINT_CONFIG,
	OC_MODE_CONTRACT_DERIVE,	/* ocicheck contract derive RENDERED... */
	OC_MODE_CONTRACT_SCHEMA,	/* ocicheck contract schema */
};

/* One report: a format written to a file, or to stdout when path is NULL
 * or "-". */
struct oc_output {
	enum oc_format format;
	const char *path;
};

struct oc_options {
	enum oc_mode mode;
	char **paths;		/* borrowed from argv */
	size_t npaths;
	const char *stdin_name;
	enum oc_format format;
	enum oc_severity fail_on;
	enum oc_color color;
	int quiet;
	const char *explain;	/* rule id or slug for --explain */
	int platform;		/* enum oc_platform, -1: from the document */
	int spec_version;	/* enum oc_spec_version, -1: from ociVersion */
	char **contracts;	/* --contract, in order; borrowed from argv */
	size_t ncontracts;
	const char *target;	/* --target */
	const char *report_root;	/* --report-root */
	char **overlays;	/* --overlay, in order; borrowed */
	size_t noverlays;
	int kb_platform;	/* enum oc_kb_platform, --platform kubeblocks-* */
	const char *chart;	/* --chart, borrowed */
	const char *sarif_category;	/* --sarif-category */
	int fail_on_set;	/* --fail-on was given */
	unsigned runtimes;	/* --runtime, a set of enum oc_runtime; 0: none */
	unsigned profiles;	/* --profile, a set of enum oc_profile_id */
	int min_severity;	/* --min-severity, -1: not given */
	const char *config_path;	/* -c */
	int no_config;
	char **enable, **disable, **severity;	/* lists, borrowed */
	size_t nenable, ndisable, nseverity;
	int show_suppressed;
	int no_inline;
	int recursive;
	struct oc_output *outputs;	/* -f/-o pairs, in order */
	size_t noutputs;
};

/* A value an option takes and the enum value it stands for. */
struct oc_choice {
	const char *name;
	int value;
};

/* The values of an option, for parsing, --help, completion and the
 * "did you mean" of an invalid one: a {name, value} table, or the by-enum
 * name array of the module that owns the enum (value first + index, the
 * names stride bytes apart, so an array of structs can serve). */
struct oc_values {
	const struct oc_choice *choices;
	const char *const *names;	/* when choices is NULL */
	size_t n;
	int first;
	size_t stride;			/* 0: sizeof(char *) */
};

const char *cli_value_name(const struct oc_values *vs, size_t i);
int cli_value(const struct oc_values *vs, size_t i);

/* What a row does with its option; offsets are into struct oc_options. */
enum oc_optkind {
	OC_OPT_FLAG,	/* int at offset = 1 */
	OC_OPT_MODE,	/* mode = value; a string argument to offset */
	OC_OPT_STRING,	/* const char * at offset = the argument */
	OC_OPT_LIST,	/* append to char ** at offset, size_t count at offset2 */
	OC_OPT_ENUM,	/* int at offset = values[0]'s value; int offset2 = 1 */
	OC_OPT_SET,	/* unsigned at offset |= 1 << values[0]'s value */
	OC_OPT_CALL,	/* set() */
};

struct oc_cli_state;

/* One row per option: getopt_long, the parser, --help and the shell
 * completions all read it. */
struct oc_optdef {
	const char *name;
	int short_name;		/* 0 if none */
	const char *arg;	/* argument name, NULL if none */
	const char *help;
	enum oc_optkind kind;
	size_t offset, offset2;
	int value;		/* OC_OPT_MODE: the mode */
	/* NULL, or the value lists (ending in an empty one) the argument
	 * is one of; completion offers them all */
	const struct oc_values *values;
	int (*set)(struct oc_cli_state *st, const struct oc_optdef *o,
	    const char *arg, struct oc_error **err);	/* OC_OPT_CALL */
};

extern const struct oc_optdef oc_optdefs[];
extern const size_t oc_noptdefs;

/* Parse argv. A usage error returns -1 with err (exit 2). Free the
 * options with cli_free(). */
int cli_parse(int argc, char **argv, struct oc_options *opts,
    struct oc_error **err);
void cli_free(struct oc_options *opts);
void cli_usage(FILE *out);
/* Should text for stream fd be colored under opts and the environment? */
int cli_use_color(const struct oc_options *opts, int fd);

#endif
