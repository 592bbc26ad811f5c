/* Check functions of the security rules (OCI9xxx), named in the rule
 * table: src/checks/oci/security.c (Pod Security Standards) and
 * src/checks/oci/security_cis.c (CIS Docker Benchmark). */
#ifndef OCICHECK_CHECKS_OCI_SEC_H
#define OCICHECK_CHECKS_OCI_SEC_H

#include "spec.h"

/* Is the config a pod's sandbox (pause) container, by its CRI
 * annotations? Only the pod-level controls judge it. */
int sec_sandbox(const struct oc_check_ctx *ctx);
/* Does a PSS/CIS rule skip this config: a rule about the containers a
 * pod's sandbox? (The rows limit them to Linux configs.) */
int sec_skip(const struct oc_check_ctx *ctx, int pod_level);
/* Privileged in effect: every capability, no masked or read-only path,
 * every device allowed. */
int sec_privileged(const struct oc_check_ctx *ctx);
/* Is a bind mount's source one the runtime or the kubelet provides (a
 * pod volume directory, the sandbox's hosts, hostname, resolv.conf,
 * /dev/shm, the termination log), or an engine's named volume? */
int sec_provided_source(const char *s, size_t n);
/* Report each of types (n of them) the config shares with the host, the
 * pod field that makes it in fields. */
void sec_report_host_ns(struct oc_check_ctx *ctx, const char *const *types,
    const char *const *fields, size_t n);


#endif
