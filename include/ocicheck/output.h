/*
 * Output staging (src/output.c): the reports of a run, and a derived
 * contract, written so that a failed or killed run never leaves a
 * half-written file. A report bound for a regular file is rendered into a
 * temporary file beside it and renamed into place once every report is
 * done; standard output, a device or a FIFO is written in place.
 */
#ifndef OCICHECK_OUTPUT_H
#define OCICHECK_OUTPUT_H

#include "ocicheck/check.h"
#include "ocicheck/cli.h"
#include "ocicheck/emit.h"

/* What goes into one output: a report, or a text written as is. */
struct oc_writer {
	const struct oc_run *run;
	const struct oc_emit_info *info;
	enum oc_format format;
	const struct oc_buf *text;	/* written as is when not NULL */
};

struct output_staged;

/* The -f/-o reports of a run between output_stage() and
 * output_discard(). */
struct oc_stage {
	const struct oc_output *outputs;	/* borrowed */
	size_t n;
	struct output_staged *st;
	int *order;
};

/* Install the handler of SIGHUP, SIGINT and SIGTERM that removes the
 * temporary files of up to nslots outputs; once per process. */
void output_signals_init(size_t nslots);
void output_signals_free(void);

/* Plan the reports of outputs[0..n): which are staged, which written in
 * place and in which order. Writes nothing. */
void output_stage(struct oc_stage *s, const struct oc_output *outputs,
    size_t n);
/* Render every report of run, recording exit code rc where the format
 * does; returns the run's code, OC_EXIT_TROUBLE after a failed write
 * (each failure passed to report). Sets info->exit_code. */
int output_render_all(struct oc_stage *s, const struct oc_run *run,
    struct oc_emit_info *info, int rc, oc_report_fn *report);
/* Rename the staged reports into place; rc, or OC_EXIT_TROUBLE. */
int output_rename_all(struct oc_stage *s, int rc, oc_report_fn *report);
/* Remove what was not renamed and free s. */
void output_discard(struct oc_stage *s);

/* w to path alone (stdout when NULL or "-"), atomically: 0 or -1. */
int output_write(const char *path, const struct oc_writer *w,
    oc_report_fn *report);
/* w to an open stream (stderr): 0 or -1. */
int output_write_stream(FILE *out, const struct oc_writer *w,
    oc_report_fn *report);
/* Flush stdout: 1 when everything written reached it, else 0 (the
 * failure passed to report). */
int output_stdout_ok(oc_report_fn *report);

#endif
