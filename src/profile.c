/*
 * The security profiles and the control each OCI9xxx rule stands for.
 * pss-restricted holds everything of pss-baseline, as the standard says
 * ("cumulative"). Sources: the Pod Security Standards on kubernetes.io
 * (the text of the policy checks of k8s.io/pod-security-admission,
 * policy/check_*.go at 8f84a87c, the v1.37 level), and the CIS Docker
 * Benchmark v1.6.0, section 5 "Container Runtime" (control numbers as
 * docker-bench-security tests/5_container_runtime.sh at ff26d67f gives
 * them).
 */
#include <string.h>

#include "ocicheck/profile.h"

const struct oc_profile oc_profiles[OC_NPROFILES] = {
	[OC_PROFILE_PSS_BASELINE] = { "pss-baseline",
	    "Kubernetes Pod Security Standards, Baseline (v1.37)" },
	[OC_PROFILE_PSS_RESTRICTED] = { "pss-restricted",
	    "Kubernetes Pod Security Standards, Restricted (v1.37, with "
	    "every Baseline control)" },
	[OC_PROFILE_CIS] = { "cis",
	    "CIS Docker Benchmark v1.6.0, section 5 Container Runtime" },
};

struct control {
	enum oc_rule_id rule;
	int profile;
	const char *control;
};

#define BASE OC_PROFILE_PSS_BASELINE
#define REST OC_PROFILE_PSS_RESTRICTED
#define CIS OC_PROFILE_CIS

/* By rule, then profile. A Baseline row stands for Restricted too. */
static const struct control controls[] = {
	{ OC_R_OCI9001, BASE, "Host Namespaces" },
	{ OC_R_OCI9001, CIS, "5.10, 5.16, 5.17 host network, PID and IPC "
	    "namespaces not shared" },
	{ OC_R_OCI9002, BASE, "Privileged Containers" },
	{ OC_R_OCI9002, CIS, "5.5 privileged containers are not used" },
	{ OC_R_OCI9003, BASE, "Capabilities" },
	{ OC_R_OCI9003, CIS, "5.4 Linux kernel capabilities are restricted" },
	{ OC_R_OCI9004, BASE, "HostPath Volumes" },
	{ OC_R_OCI9005, BASE, "/proc Mount Type" },
	{ OC_R_OCI9006, BASE, "AppArmor" },
	{ OC_R_OCI9006, CIS, "5.2 an AppArmor profile is enabled" },
	{ OC_R_OCI9007, BASE, "SELinux" },
	{ OC_R_OCI9008, BASE, "Sysctls" },
	{ OC_R_OCI9101, REST, "Volume Types" },
	{ OC_R_OCI9102, REST, "Privilege Escalation" },
	{ OC_R_OCI9102, CIS, "5.26 the container is restricted from acquiring "
	    "additional privileges" },
	{ OC_R_OCI9103, REST, "Running as Non-root, Running as Non-root user" },
	{ OC_R_OCI9104, REST, "Seccomp" },
	{ OC_R_OCI9104, CIS, "5.22 the default seccomp profile is not disabled" },
	{ OC_R_OCI9105, REST, "Capabilities" },
	{ OC_R_OCI9201, CIS, "5.21 the host's UTS namespace is not shared" },
	{ OC_R_OCI9202, CIS, "5.6 sensitive host system directories are not "
	    "mounted" },
	{ OC_R_OCI9203, CIS, "5.32 the Docker socket is not mounted" },
	{ OC_R_OCI9204, CIS, "5.20 mount propagation mode is not set to shared" },
	{ OC_R_OCI9205, CIS, "5.11 the memory usage for containers is limited" },
	{ OC_R_OCI9206, CIS, "5.29 the PIDs cgroup limit is used" },
	{ OC_R_OCI9207, CIS, "5.13 the container's root filesystem is mounted "
	    "as read only" },
	{ OC_R_OCI9208, CIS, "5.18 host devices are not directly exposed" },
};

int
profile_find(const char *name)
{
	int i;

	for (i = 0; i < OC_NPROFILES; i++)
		if (strcmp(oc_profiles[i].name, name) == 0)
			return i;
	return -1;
}

const char *
profile_control(const struct oc_rule *r, int p)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(controls); i++) {
		if (controls[i].rule != catalog_index(r))
			continue;
		if (controls[i].profile == p || (p == REST &&
		    controls[i].profile == BASE))
			return controls[i].control;
	}
	return NULL;
}

unsigned
profile_set(const struct oc_rule *r)
{
	unsigned set = 0;
	int p;

	if (strncmp(r->id, "OCI9", 4) != 0)
		return 0;
	for (p = 0; p < OC_NPROFILES; p++)
		if (profile_control(r, p) != NULL)
			set |= 1u << p;
	return set;
}

void
profile_names(const struct oc_rule *r, struct oc_buf *b)
{
	unsigned set = profile_set(r);
	int p, n = 0;

	buf_add(b, "", 0);
	for (p = 0; p < OC_NPROFILES; p++)
		if (set & (1u << p))
			buf_printf(b, "%s%s", n++ ? ", " : "",
			    oc_profiles[p].name);
}

void
profile_apply(unsigned chosen, struct oc_rule_setting *rules)
{
	size_t i;

	for (i = 0; i < OC_NRULES && chosen != 0; i++) {
		if (!(profile_set(&oc_rules[i]) & chosen))
			continue;
		rules[i].enabled = 1;
		rules[i].severity = OC_SEV_ERROR;
	}
}
