/* Check functions for the runtime-spec rules, named in the rule table. */
#ifndef OCICHECK_SPEC_H
#define OCICHECK_SPEC_H

#include <stddef.h>

#include "ocicheck/check.h"

/* Absolute for the platform: "/..." or, on Windows, "C:\..." or "\\...". */
int path_is_absolute(const char *s, size_t n, int windows);

oc_check_fn check_version_missing;
oc_check_fn check_version_semver;
oc_check_fn check_process_cwd;

#endif
