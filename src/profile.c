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
	const char *rule;
	int profile;
	const char *control;
};

#define BASE OC_PROFILE_PSS_BASELINE
#define REST OC_PROFILE_PSS_RESTRICTED
#define CIS OC_PROFILE_CIS

/* By rule, then profile. A Baseline row stands for Restricted too. */
static const struct control controls[] = {
	{ "OCI9001", BASE, "Host Namespaces" },
	{ "OCI9001", CIS, "5.10, 5.16, 5.17 host network, PID and IPC "
	    "namespaces not shared" },
	{ "OCI9002", BASE, "Privileged Containers" },
	{ "OCI9002", CIS, "5.5 privileged containers are not used" },
	{ "OCI9003", BASE, "Capabilities" },
	{ "OCI9003", CIS, "5.4 Linux kernel capabilities are restricted" },
	{ "OCI9004", BASE, "HostPath Volumes" },
	{ "OCI9005", BASE, "/proc Mount Type" },
	{ "OCI9006", BASE, "AppArmor" },
	{ "OCI9006", CIS, "5.2 an AppArmor profile is enabled" },
	{ "OCI9007", BASE, "SELinux" },
	{ "OCI9008", BASE, "Sysctls" },
	{ "OCI9101", REST, "Volume Types" },
	{ "OCI9102", REST, "Privilege Escalation" },
	{ "OCI9102", CIS, "5.26 the container is restricted from acquiring "
	    "additional privileges" },
	{ "OCI9103", REST, "Running as Non-root, Running as Non-root user" },
	{ "OCI9104", REST, "Seccomp" },
	{ "OCI9104", CIS, "5.22 the default seccomp profile is not disabled" },
	{ "OCI9105", REST, "Capabilities" },
	{ "OCI9201", CIS, "5.21 the host's UTS namespace is not shared" },
	{ "OCI9202", CIS, "5.6 sensitive host system directories are not "
	    "mounted" },
	{ "OCI9203", CIS, "5.32 the Docker socket is not mounted" },
	{ "OCI9204", CIS, "5.20 mount propagation mode is not set to shared" },
	{ "OCI9205", CIS, "5.11 the memory usage for containers is limited" },
	{ "OCI9206", CIS, "5.29 the PIDs cgroup limit is used" },
	{ "OCI9207", CIS, "5.13 the container's root filesystem is mounted "
	    "as read only" },
	{ "OCI9208", CIS, "5.18 host devices are not directly exposed" },
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
		if (strcmp(controls[i].rule, r->id) != 0)
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
