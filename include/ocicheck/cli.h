/* Command-line options: one table drives getopt_long and --help. */
#ifndef OCICHECK_CLI_H
#define OCICHECK_CLI_H

#include <stdio.h>

#include "ocicheck/error.h"
#include "ocicheck/rules.h"
#include "ocicheck/specver.h"

enum oc_format {
	OC_FORMAT_TEXT,
	OC_FORMAT_JSON,
	OC_FORMAT_MARKDOWN,	/* --list-rules and --explain only */
};

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
};

/* One row per option; cli_usage() and getopt_long both read it. */
struct oc_optdef {
	const char *name;
	int short_name;		/* 0 if none */
	const char *arg;	/* argument name, NULL if none */
	const char *help;
};

extern const struct oc_optdef oc_optdefs[];
extern const size_t oc_noptdefs;

/* Parse argv. A usage error returns -1 with err (exit 2). */
int cli_parse(int argc, char **argv, struct oc_options *opts,
    struct oc_error **err);
void cli_usage(FILE *out);
/* Should text for stream fd be colored under opts and the environment? */
int cli_use_color(const struct oc_options *opts, int fd);

#endif
