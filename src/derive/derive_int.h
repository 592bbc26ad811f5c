/* Internals shared by the files of contract derive (src/derive/): the
 * driver derive.c calls the passes (pod.c, backup.c, jobs.c, cluster.c,
 * cv.c, env.c, platform.c, schema.c), which call down to the model
 * (model.c) and the readers (read.c); nothing calls the driver back
 * (scripts/layout-circles checks it). */
#ifndef OCICHECK_DERIVE_INT_H
#define OCICHECK_DERIVE_INT_H

#include "ocicheck/derive.h"

struct dinput {
	struct oc_source *src;
	struct oc_doc *doc;
	uint32_t file;
};

/* One rendered object of a kind derive reads. */
struct dobj {
	struct dinput *in;
	const struct oc_node *root;
	const char *kind;
	char *name;
};

/* A volume a ComponentDefinition's pods have, and what it is. */
struct dvol {
	char *name;
	enum oc_mount_type type;
	int64_t size;		/* emptyDir sizeLimit, -1: none */
	const struct oc_node *node;	/* runtime.volumes[] entry, or NULL */
	int mounted;
};

struct dcmpd {
	struct dobj *o;
	struct dvol *vols;
	size_t nvols;
	long main;		/* target of runtime.containers[0], or -1 */
	int main_envfrom;	/* that container has an envFrom of its own */
};

/* Where the rendered chart states a target: for findings about it. */
struct dsite {
	const struct dinput *in;
	const struct oc_node *node;
	char *owner;		/* the definition, or the backup method */
	int backup;
};

struct derive {
	const struct oc_derive_opts *opts;
	struct oc_run *run;
	struct dinput *in;
	size_t nin;
	struct dobj *obj;
	size_t nobj;
	struct dcmpd *cmpd;
	size_t ncmpd;
	struct oc_contract *c;
	struct dsite *sites;	/* one per target of c, until overlays */
	size_t nsites;
	char **env010;		/* "key var" already reported (ENV010) */
	size_t nenv010;
	char **seen;		/* findings reported, a hash set */
	size_t nseen, seen_cap;
	struct dinput *chart;	/* --chart, or NULL */
	unsigned releases;	/* the release lines judged, a set */
	char *releases_text;	/* "1.0, 1.1" */
	char *claim;		/* the chart's claim, or NULL */
	unsigned schema;	/* the schema releases judged, a set */
	enum oc_kb_platform platform;	/* the newest of releases */
	int platform_given;
};

/* Reading rendered YAML: every reader takes NULL or a node of the wrong
 * kind and answers "absent". */
void dv_report(struct derive *d, const struct dinput *in, enum oc_rule_id id,
    const struct oc_node *n, int key, const char *fmt, ...) OC_PRINTF(6, 7);
void dv_report_token(struct derive *d, const struct dinput *in,
    enum oc_rule_id id, const struct oc_node *n, const char *token,
    const char *fmt, ...) OC_PRINTF(6, 7);
/* At a severity of its own (-1: the rule's). */
void dv_report_sev(struct derive *d, const struct dinput *in, enum oc_rule_id id,
    int sev, const struct oc_node *n, int key, const char *fmt, ...)
    OC_PRINTF(7, 8);
void dv_report_token_sev(struct derive *d, const struct dinput *in,
    enum oc_rule_id id, int sev, const struct oc_node *n, const char *token,
    const char *fmt, ...) OC_PRINTF(7, 8);
char *dv_where(const struct dinput *in, const struct oc_node *n);
const struct oc_node *dv_member_at(const struct dinput *in, size_t off);
const struct oc_node *dv_get(const struct dinput *in,
    const struct oc_node *obj, const char *key);
const struct oc_node *dv_get_kind(const struct dinput *in,
    const struct oc_node *obj, const char *key, enum oc_kind kind);
char *dv_scalar(const struct dinput *in, const struct oc_node *n);
char *dv_str(const struct dinput *in, const struct oc_node *obj,
    const char *key);
/* A name (of an object, a container, an env var, an account): NULL when
 * absent, empty or holding '=', which the API server refuses anyway. */
char *dv_name(const struct dinput *in, const struct oc_node *obj,
    const char *key);
int dv_true(const struct dinput *in, const struct oc_node *obj,
    const char *key);
size_t dv_count(const struct oc_node *list);
int dv_is(const struct dinput *in, const struct oc_node *n, const char *s);
int64_t dv_qty(const struct dinput *in, const struct oc_node *obj,
    const char *key, int milli);

/* The releases judged: --platform, else the chart's claim (DRV004 when
 * there is none to read). -1 with err when --chart cannot be read. */
int derive_platform(struct derive *d, struct oc_error **err);
void derive_platform_free(struct derive *d);
/* The schema releases of mask as runs: "1.0.0 to 1.0.2, 1.2.0-alpha.3",
 * "1.1.0-beta.9 and later". */
void dv_releases_text(unsigned mask, struct oc_buf *b);
/* The rendered *.kubeblocks.io objects against the CRD schemas of the
 * releases judged (DRV008). */
void derive_schema(struct derive *d);

/* model.c: the model under construction, which every pass builds on
 * and none calls back into derive.c for. */
struct dobj *dv_find_obj(struct derive *d, const char *kind,
    const char *name);
struct dvol *dv_find_vol(const struct dcmpd *m, const char *name);
struct oc_target *dv_target_new(struct derive *d, char *name,
    const char *role, const struct dinput *in, const struct oc_node *at);
/* Is t one of definition def's targets? They are named
 * definition/container until the driver shortens them, after the
 * passes. */
int dv_target_of(const struct oc_target *t, const char *def);
/* The containers of m that have name in their env, "'a', 'b'", or
 * NULL. */
char *dv_containers_with(struct derive *d, const struct dcmpd *m,
    const char *name);
struct oc_env_req *dv_env_slot(struct oc_target *t, const char *name);
int dv_has_env(const struct oc_target *t, const char *name, size_t len);
void dv_strs_add(char ***v, size_t *n, char *s);
/* Is the len bytes of s one of the n strings of v? */
int dv_strs_has(char *const *v, size_t n, const char *s, size_t len);
/* dv_strs_add when v lacks s, else free(s). */
void dv_strs_add_new(char ***v, size_t *n, char *s);
void dv_env_origin(struct oc_env_req *e, const char *from, char *at);
void dv_env_literal(struct oc_env_req *e, const struct dinput *in,
    const struct oc_node *v);
int dv_ref_optional(const struct dinput *in, const struct oc_node *ref);
char *dv_regex_quote(const char *s);
/* Compile a compDef pattern the chart states at n; DRV003 when it cannot
 * be evaluated. */
int dv_pattern(struct derive *d, const struct dinput *in,
    const struct oc_node *n, const char *text, struct oc_pattern *p);
void dv_ref_pattern(struct oc_reference *r, char *text);
struct oc_reference *dv_ref_new(struct derive *d, const struct dinput *in,
    const struct oc_node *node, const struct oc_node *account);
/* A volumeMount of a pod as a mount requirement of t (NULL when its path
 * is not absolute or t has it already): readOnly gives ro, the type is
 * the caller's. */
struct oc_mount_req *dv_mount_add(const struct dinput *in,
    const struct oc_node *vm, struct oc_target *t);
void dv_container_resources(const struct dinput *in,
    const struct oc_node *res, struct oc_target *t);

/* cv.c: the image match of t: the repository of image, registry and tag
 * dropped; or any of n images, tags kept when keep_tag. */
void dv_match_image(struct oc_target *t, const char *image);
void dv_match_images(struct oc_target *t, char *const *images, size_t n,
    int keep_tag);
/* The images ComponentVersion releases give key (a container or action
 * name) in the pods of m: *out allocated, its count returned. */
size_t dv_cmpd_images(struct derive *d, const struct dcmpd *m, const char *key,
    char ***out);

/* Rendered Clusters: resources and pod names for the targets; what the
 * components using def make of a mounted volume name no pod volume
 * provides. */
enum dclaim {
	DCLAIM_UNKNOWN,		/* no Cluster uses def, or they disagree */
	DCLAIM_PVC,		/* every one has a claim template of that name */
	DCLAIM_NONE,		/* none has: the emptyDir placeholder */
};
void dv_cluster_resources(struct derive *d);
void dv_cluster_sandboxes(struct derive *d);
enum dclaim dv_cluster_claim(struct derive *d, const char *def,
    const char *vol);

/* Where a job or an action reads variables: its image, the $(NAME) in
 * its command and args (Kubernetes expands them exactly), and the shell
 * scripts in them (heuristically). */
enum job_use { USE_IMAGE, USE_COMMAND, USE_ARGS, USE_SCRIPT };

/* The env a job or an action gets, for ENV010 (env.c). */
struct dscope {
	struct derive *d;
	const char *job;	/* kb_env job kind: backup, restore-prepare ... */
	const char *action;	/* a lifecycle action's name, or NULL */
	int account;		/* DP_DB_USER and DP_DB_PASSWORD are set */
	int has_account;	/* account_why says why they are not */
	const char *account_why;
	int incremental;
	int quiet;		/* names come from where derive cannot see */
	const char *key;	/* one report per key and name; declaredAt */
	char *label;		/* what key points to, when allocated */
	char *what;		/* "the script of ..." in messages; owned */
	const char *why;	/* what provides names there, for messages */
	struct oc_target *t;	/* read names become requirements, or NULL */
	const struct dcmpd *cmpd;	/* a lifecycle action's definition */
	char **own;		/* names the job or action states */
	size_t nown;
	struct {
		const char *def;
		size_t target;
	} *pods;		/* the target pods' first containers */
	size_t npods;
};
void dv_scope_add(struct dscope *s, const char *name);
void dv_scope_add_env(struct dscope *s, const struct dinput *in,
    const struct oc_node *l);
void dv_scope_add_params(struct dscope *s, const struct dinput *in,
    const struct oc_node *schema);
void dv_scope_pods(struct dscope *s, struct dcmpd *const *defs, size_t n);
void dv_scope_scan(struct dscope *s, const struct dinput *in,
    const struct oc_node *n, enum job_use use);
void dv_scope_scan_item(struct dscope *s, const struct dinput *in,
    const struct oc_node *n, enum job_use use);
void dv_scope_scan_container(struct dscope *s, const struct dinput *in,
    const struct oc_node *c);
void dv_scope_free(struct dscope *s);

/* Restore jobs of a backup method's ActionSet (defs: the definitions its
 * policy matches); a definition's lifecycle actions (vars: its vars as
 * env). */
void dv_restore_derive(struct derive *d, const struct dobj *as,
    const struct dinput *min, const struct oc_node *method,
    struct dcmpd *const *defs, size_t n, const char *mname);
void dv_cmpd_actions(struct derive *d, struct dcmpd *m,
    const struct oc_target *vars);

/* One definition's targets, vars and MNT006; the backup methods of the
 * BackupPolicyTemplates. */
void dv_cmpd_derive(struct derive *d, struct dcmpd *m);
void dv_bpt_derive(struct derive *d, struct dobj *bpt);

#endif
