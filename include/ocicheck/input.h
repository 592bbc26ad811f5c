/* The inputs of a check run: the PATH operands expanded (src/input.c). */
#ifndef OCICHECK_INPUT_H
#define OCICHECK_INPUT_H

#include <stddef.h>

#include "ocicheck/cli.h"
#include "ocicheck/error.h"

/* One input: a path for run_path(), or one the walk could not enter,
 * which the run reports as unreadable instead of skipping it. */
struct oc_input {
	char *path;
	struct oc_error *error;	/* set: path could not be walked */
};

struct oc_inputs {
	struct oc_input *v;
	size_t n, cap;
};

/*
 * The inputs in argument order; -r walks directories for config.json,
 * a directory's own before its sub-directories', each level in byte
 * order, not entering .git or symlinked directories (so a link loop
 * ends). No PATH means ./config.json. Returns 0; 1 when some PATH
 * yielded nothing (each passed to report: exit 3); -1 with err when there
 * is no PATH and no ./config.json (a usage error). Free with input_free().
 */
int input_expand(const struct oc_options *opts, struct oc_inputs *in,
    oc_report_fn *report, struct oc_error **err);
void input_free(struct oc_inputs *in);
/* A directory given without -r that has config.json below it was meant
 * for -r: -1 with err saying so, else 0. */
int input_hint_recursive(const struct oc_options *opts, const char *path,
    struct oc_error **err);

#endif
