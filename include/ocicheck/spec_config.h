/* Check functions for config.md (OCI1xxx), Windows (OCI3xxx) and the other
 * platforms (OCI4xxx), named in the rule table. */
#ifndef OCICHECK_SPEC_CONFIG_H
#define OCICHECK_SPEC_CONFIG_H

#include "ocicheck/spec.h"

#endif
