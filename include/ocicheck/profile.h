/* Security profiles: named sets of OCI9xxx rules (Kubernetes Pod Security
 * Standards, the CIS Docker Benchmark) that --profile and profile: turn
 * on as errors, and the control of each profile a rule stands for. */
#ifndef OCICHECK_PROFILE_H
#define OCICHECK_PROFILE_H

#include "ocicheck/findings.h"
#include "ocicheck/catalog.h"
#include "ocicheck/util.h"

enum oc_profile_id {
	OC_PROFILE_PSS_BASELINE,
	OC_PROFILE_PSS_RESTRICTED,
	OC_PROFILE_CIS,
	OC_NPROFILES,
};

struct oc_profile {
	const char *name;	/* "pss-baseline" */
	const char *title;	/* what it is, with the version followed */
};

extern const struct oc_profile oc_profiles[OC_NPROFILES];

/* The profile of that name, or -1. */
int profile_find(const char *name);
/* The profiles (a set of 1 << enum oc_profile_id) that hold rule r. */
unsigned profile_set(const struct oc_rule *r);
/* r's control in profile p ("Host Namespaces", "5.10, 5.16, 5.17 ..."),
 * or NULL when p does not hold r. */
const char *profile_control(const struct oc_rule *r, int p);
/* "pss-baseline, pss-restricted" into b ("" when none). */
void profile_names(const struct oc_rule *r, struct oc_buf *b);
/* Turn the rules of the chosen profiles on as errors; the other rules
 * held by some profile stay as they are (off unless enabled). */
void profile_apply(unsigned chosen, struct oc_rule_setting *rules);

#endif
