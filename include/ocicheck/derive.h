/* contract derive: KubeBlocks-style `helm template` output into an
 * ocicheck/v1 contract, reporting the chart drift found on the way at its
 * place in the rendered YAML. */
#ifndef OCICHECK_DERIVE_H
#define OCICHECK_DERIVE_H

#include "ocicheck/check.h"
#include "ocicheck/contract.h"

/* The KubeBlocks release the chart is installed on: 1.2.0-alpha.3 renamed
 * systemAccounts[].passwordGenerationPolicy to passwordConfig and made a
 * missing one mean "no password". */
enum oc_kb_platform {
	OC_KB_AUTO,		/* not given: judge from the chart */
	OC_KB_1_1,
	OC_KB_1_2,
};

extern const char *const oc_kb_platform_names[];	/* by enum, [0] NULL */

struct oc_derive_opts {
	enum oc_kb_platform platform;
	const char *const *inputs;	/* rendered YAML files, "-" stdin */
	size_t ninputs;
	const char *const *overlays;
	size_t noverlays;
};

/* Read the inputs into run (each becomes a file of the run, its findings
 * positioned in it), derive the contract, merge the overlays and return
 * it in *out with a header that records inputs and digests (*header,
 * allocated). -1 with err when an input or overlay cannot be read or is
 * not valid (the run's files say which). */
int derive_contract(const struct oc_derive_opts *o, struct oc_run *run,
    struct oc_contract **out, char **header, struct oc_error **err);

/* Merge the overlay into c: stricter values win; a conflict no value can
 * satisfy (two different `equals`) is an error naming the overlay line.
 * Items c lacks are moved out of the overlay, which is left for
 * contract_free only. */
int contract_merge(struct oc_contract *c, struct oc_contract *overlay,
    struct oc_error **err);

/* Sort a contract's lists (targets by name, env by name, mounts by
 * destination, accounts and references) so output is stable. */
void contract_sort(struct oc_contract *c);

/* The names a shell script reads from its environment, heuristically:
 * $NAME and ${NAME} (not ${NAME:-default}), minus names the script
 * assigns itself, shell specials and the usual process environment.
 * Only upper-case names count (the convention for environment
 * variables); each name once, in order of first use, with the byte
 * offset of that use. The caller frees v[i].name and v. */
struct oc_script_var {
	char *name;
	size_t offset;
	/* script_vars only: the script copes with an empty value, as it
	 * tests the name for emptiness or setness ([ -z "$X" ], [ -v X ])
	 * or reads it only to compare with a literal. Such a name is
	 * optional, not required. */
	int guarded;
};
size_t script_vars(const char *s, size_t len, struct oc_script_var **v);

/* The Kubernetes $(NAME) references in s (not $$(NAME)), as above. */
size_t kube_refs(const char *s, size_t len, struct oc_script_var **v);
/* s as Kubernetes expands it when it holds no $(...) reference, else
 * NULL. */
char *kube_unescape(const char *s, size_t len);
void script_vars_free(struct oc_script_var *v, size_t n);

#endif
