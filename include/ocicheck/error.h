/* An error that travels up to main.c, the only place that prints it. */
#ifndef OCICHECK_ERROR_H
#define OCICHECK_ERROR_H

#include "ocicheck/util.h"

struct oc_error {
	int errnum;	/* errno at the failure, or 0 */
	char *msg;	/* lowercase, no trailing period, 'subject' quoted */
};

/* Set *err (when err is not NULL and *err is unset) and return -1, so a
 * failure path is one line: return oc_error_set(err, errno, "..."). */
int oc_error_set(struct oc_error **err, int errnum, const char *fmt, ...)
	OC_PRINTF(3, 4);
/* Prepend context ("reading 'x': ") to an existing error; returns -1. */
int oc_error_prefix(struct oc_error **err, const char *fmt, ...)
	OC_PRINTF(2, 3);
/* The message with strerror(errnum) appended; caller frees. */
char *oc_error_text(const struct oc_error *e);
void oc_error_free(struct oc_error *e);
/* Where an error goes that its finder goes on after (an unreadable input
 * among many): main.c's printer, which takes ownership of e. */
typedef void oc_report_fn(struct oc_error *e);

#endif
