/* contract derive: KubeBlocks-style `helm template` output into an
 * ocicheck/v1 contract, reporting the chart drift found on the way at its
 * place in the rendered YAML. */
#ifndef OCICHECK_DERIVE_H
#define OCICHECK_DERIVE_H

#include "ocicheck/check.h"
#include "ocicheck/contract.h"

/* The KubeBlocks release lines derive models (ocicheck-kubeblocks(7)):
 * what the pods and jobs of a chart get differs between them. 1.1 added
 * passwordConfig and dropped the postProvision/preTerminate cluster
 * lists; 1.2.0-alpha.3 removed passwordGenerationPolicy and made a
 * missing passwordConfig mean "no password". */
enum oc_kb_platform {
	OC_KB_AUTO,		/* not given: the releases the chart claims */
	OC_KB_1_0,
	OC_KB_1_1,
	OC_KB_1_2,
};
#define OC_KB_NRELEASES 3
/* A set of releases: bit (1 << p) for platform p. */
#define OC_KB_ALL (((1u << (OC_KB_NRELEASES + 1)) - 1) & ~1u)

extern const char *const oc_kb_platform_names[];	/* by enum, [0] NULL */

/* The release lines a Helm version constraint (Masterminds semver, as
 * Helm reads kubeVersion and this annotation: ">=1.0.0", "~1.1", "^1.0",
 * "1.0.x", ">=1.0 <1.2 || 1.2.0-alpha.3") admits, as a set; -1 when the
 * text is not a constraint. A line is admitted when some version of it
 * satisfies the constraint; pre-release tags order before their release
 * and are otherwise not told apart. */
int derive_constraint_releases(const char *s, unsigned *set);

/* The releases whose CRD schemas derive holds (scripts/kb-schema.txt),
 * oldest first, by name ("1.0.2", "1.1.0-beta.9"). */
size_t derive_schema_nreleases(void);
const char *derive_schema_release(size_t i);
/* The schema releases a constraint admits, bit i for release i: the
 * newest release of a line stands for the versions of that line after
 * it (1.1.0-beta.9 for every 1.1), an older one for itself. -1 when the
 * text is not a constraint. */
int derive_constraint_schema(const char *s, unsigned *set);

struct oc_derive_opts {
	enum oc_kb_platform platform;
	const char *const *inputs;	/* rendered YAML files, "-" stdin */
	size_t ninputs;
	const char *const *overlays;
	size_t noverlays;
	const char *chart;	/* Chart.yaml, or its directory; NULL: none */
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
