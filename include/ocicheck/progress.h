/* The progress line of a run over many files (src/progress.c). */
#ifndef OCICHECK_PROGRESS_H
#define OCICHECK_PROGRESS_H

#include <stddef.h>

#include "ocicheck/check.h"
#include "ocicheck/cli.h"

struct progress {
	int on;			/* may draw: a terminal, not -q, several files */
	int shown;		/* a line is on the screen */
	size_t total, counted, findings;
	long long start, last;	/* monotonic ns */
};

/* Start: on a terminal, without -q, for more than one input. */
void progress_init(struct progress *p, const struct oc_options *opts,
    size_t total);
/* Before input done (0-based) at path: count findings, maybe draw. */
void progress_update(struct progress *p, const struct oc_run *run,
    size_t done, const char *path);
/* Take the line off the screen before something else is printed. */
void progress_erase(struct progress *p);
/* The run is over: stop the timer and erase. */
void progress_end(struct progress *p);

#endif
