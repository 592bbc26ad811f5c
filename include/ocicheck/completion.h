/* `ocicheck completion SHELL`: the front describing itself to a shell. */
#ifndef OCICHECK_COMPLETION_H
#define OCICHECK_COMPLETION_H

#include <stdio.h>

#include "ocicheck/error.h"

/* The bash, zsh or fish completion script, from the option table. */
int completion_write(FILE *out, const char *shell, struct oc_error **err);

#endif
