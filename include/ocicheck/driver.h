/* The runs of ocicheck behind the command line (src/driver.c): check
 * (and contract lint, --print-config) and contract derive share one
 * prologue and epilogue; the catalog modes print and return. */
#ifndef OCICHECK_DRIVER_H
#define OCICHECK_DRIVER_H

#include "ocicheck/cli.h"

/* Run what opts ask for; returns the exit status (enum oc_exit). Every
 * error is passed to report, which prints it and takes ownership. */
int driver_run(const struct oc_options *opts, oc_report_fn *report);

#endif
