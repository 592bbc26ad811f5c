/* Check functions for config-linux.md (OCI2xxx) and for what runc and crun
 * refuse at create (OCI5xxx), named in the rule table. */
#ifndef OCICHECK_SPEC_LINUX_H
#define OCICHECK_SPEC_LINUX_H

#include "ocicheck/spec.h"

#endif
