/* Contract checking (src/checks/contract/): one config.json against the
 * targets of a contract. */
#ifndef OCICHECK_CONTRACT_CHECK_H
#define OCICHECK_CONTRACT_CHECK_H

#include "ocicheck/check.h"
#include "ocicheck/contract.h"

/* Why a config was checked against a target: TGT003 and the JSON
 * report's files list say it. */
enum contract_check_why {
	CONTRACT_CHECK_NONE,	/* no target took it (TGT001), or a pause */
	CONTRACT_CHECK_FORCED,	/* --target named it */
	CONTRACT_CHECK_MATCHED,	/* its match fits the CRI annotations */
	CONTRACT_CHECK_ONLY,	/* the only target, and it has no match */
};
/* by enum contract_check_why */
extern const char *const contract_check_why_names[];

/* Check one config against the contract: pick the target (force_target,
 * if not NULL and the contract has a target of that name, by name; else
 * by CRI annotations), report the choice (TGT003) or its absence
 * (TGT001), and run the ENV/MNT/RES/PRC rules. The target, or NULL. */
const struct oc_target *contract_check(const struct oc_contract *c,
    struct oc_check_ctx *ctx, const char *force_target,
    enum contract_check_why *why);

#endif
