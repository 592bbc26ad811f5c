/*
 * Loading a contract: YAML into the positioned tree, then a strict walk
 * that builds the model. Every problem becomes one "PATH:LINE:COL: ..."
 * line; all of them are collected so a contract author fixes them in one
 * round, and a contract with any problem is never used.
 */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/contract.h"
#include "ocicheck/spec.h"
#include "ocicheck/validate.h"
#include "ocicheck/yaml_load.h"

/* The keys each mapping of a contract allows: keys.inc is their one list. */
#define CONTRACT_OPEN CONTRACT_OBJECT
#define CONTRACT_OBJECT(id, path, what, ...) \
	static const char *const keys_##id[] = { __VA_ARGS__ };
#include "keys.inc"
#undef CONTRACT_OBJECT

struct object_keys {
	const char *what;
	const char *const *keys;
	size_t nkeys;
};

#define CONTRACT_OBJECT(id, path, what, ...) OBJ_##id,
enum object_id {
#include "keys.inc"
};
#undef CONTRACT_OBJECT

#define CONTRACT_OBJECT(id, path, what, ...) \
	[OBJ_##id] = { what, keys_##id, ARRAY_SIZE(keys_##id) },
static const struct object_keys objects[] = {
#include "keys.inc"
};
#undef CONTRACT_OBJECT
#undef CONTRACT_OPEN

/* What a newcomer writes from Kubernetes, Docker or a guess, and what it
 * is in a contract. */
static const struct val_alias mount_aliases[] = {
	{ "readOnly", "access: ro / rw" }, { "mountPath", "destination" },
	{ "path", "destination" }, { "size", "sizeMin" }, { "kind", "type" },
	{ "medium", "type: tmpfs" }, { "name", "volume" },
};
static const struct val_alias env_aliases[] = {
	{ "value", "equals" }, { "regex", "pattern" }, { "enum", "oneOf" }, { "values", "oneOf" },
	{ "sensitive", "secret" },
};
static const struct val_alias memory_aliases[] = {
	{ "limit", "minLimit" }, { "request", "minLimit" },
	{ "min", "minLimit" }, { "max", "maxLimit" },
};
static const struct val_alias cpu_aliases[] = {
	{ "limit", "minMillicores" }, { "quota", "requireQuota" },
	{ "min", "minMillicores" }, { "max", "maxMillicores" },
};
static const struct val_alias pids_aliases[] = {
	{ "limit", "minLimit" }, { "min", "minLimit" },
};
static const struct val_alias process_aliases[] = {
	{ "user", "uid" }, { "runAsUser", "uid" },
};

static const struct {
	const struct val_alias *a;
	size_t n;
} aliases[ARRAY_SIZE(objects)] = {
	[OBJ_MOUNT_ITEM] = { mount_aliases, ARRAY_SIZE(mount_aliases) },
	[OBJ_ENV_ITEM] = { env_aliases, ARRAY_SIZE(env_aliases) },
	[OBJ_MEMORY] = { memory_aliases, ARRAY_SIZE(memory_aliases) },
	[OBJ_CPU] = { cpu_aliases, ARRAY_SIZE(cpu_aliases) },
	[OBJ_PIDS] = { pids_aliases, ARRAY_SIZE(pids_aliases) },
	[OBJ_PROCESS] = { process_aliases, ARRAY_SIZE(process_aliases) },
};

/* val_object with the keys, name and aliases of contract object id. */
static int
cv_object(struct oc_validator *v, const struct oc_node *obj,
    enum object_id id)
{
	return val_object_aliased(v, obj, objects[id].what, objects[id].keys,
	    objects[id].nkeys, aliases[id].a, aliases[id].n);
}

/* A quantity (bytes, or millicores when milli); -1 when absent. */
static int64_t
cv_qty(struct oc_validator *v, const struct oc_node *obj, const char *key, int milli,
    const char *what)
{
	const struct oc_node *n = doc_get(v->doc, obj, key);
	struct oc_buf shown = { 0 };
	int64_t q;
	size_t len;
	const char *s;
	int millibytes, rc;

	if (n == NULL)
		return -1;
	s = doc_text(v->doc, n, &len);
	/* Kubernetes takes "500m" of memory as half a byte rounded up;
	 * in a contract it is a typo for 500Mi. */
	millibytes = !milli && len > 0 && s[len - 1] == 'm';
	rc = doc_kind(n) == OC_STRING || doc_kind(n) == OC_NUMBER ?
	    quantity_parse(s, len, milli, &q) : -1;
	if (rc == 0 && !millibytes)
		return q;
	buf_add_display(&shown, s, len, 64);
	if (rc == 1 && !millibytes)
		val_err(v, n, 0, "'%s' in %s is '%s', which is not a whole "
		    "number of %s", key, what, shown.s,
		    milli ? "millicores" : "bytes");
	else if (millibytes)
		val_err(v, n, 0, "'%s' in %s is '%s', thousandths of a byte (m "
		    "is milli): write Mi or M for mebibytes or megabytes", key,
		    what, shown.s);
	else
		val_err(v, n, 0, "'%s' in %s is not a %s quantity such as %s "
		    "(got %s)", key, what, milli ? "cpu" : "Kubernetes",
		    milli ? "'500m' or '2'" : "'512Mi' or '1Gi'",
		    val_got(v, n, &shown));
	buf_free(&shown);
	return -1;
}

/* A *Millicores field: a number of millicores, "500" or "500m". */
static int64_t
cv_millicores(struct oc_validator *v, const struct oc_node *obj, const char *key,
    const char *what)
{
	const struct oc_node *n = doc_get(v->doc, obj, key);
	struct oc_buf shown = { 0 };
	size_t len;
	const char *s;
	int64_t q;

	if (n == NULL)
		return -1;
	s = doc_text(v->doc, n, &len);
	if ((doc_kind(n) == OC_STRING || doc_kind(n) == OC_NUMBER) && len > 0 &&
	    quantity_parse(s, len, s[len - 1] == 'm', &q) == 0 &&
	    (s[len - 1] == 'm' || strspn(s, "0123456789") == len))
		return q;
	val_err(v, n, 0, "'%s' in %s is a whole number of millicores such as "
	    "500 or '500m' (the kernel has no finer cpu share; got %s)", key,
	    what, val_got(v, n, &shown));
	buf_free(&shown);
	return -1;
}

static void
cv_pattern(struct oc_validator *v, const struct oc_node *n, struct oc_pattern **out)
{
	struct oc_error *err = NULL;
	struct oc_pattern *p;
	char *text;

	*out = NULL;
	if (n == NULL)
		return;
	text = val_strdup(v, n);
	p = xcalloc(1, sizeof(*p));
	if (pattern_compile(p, text, &err) < 0) {
		val_err(v, n, 0, "%s", err->msg);
		oc_error_free(err);
		pattern_free(p);
		free(p);
	} else {
		*out = p;
	}
	free(text);
}

/* "a, b, c" from a list, for messages; NULL when empty. */
static char *
joined(char **s, size_t n)
{
	struct oc_buf b = { 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			buf_adds(&b, ", ");
		buf_adds(&b, s[i]);
	}
	return b.s;
}

void
env_req_free(struct oc_env_req *e)
{
	free(e->name);
	free(e->equals);
	val_strs_free(e->one_of, e->n_one_of);
	pattern_free(e->pattern);
	free(e->pattern);
	free(e->from);
	val_strs_free(e->froms, e->nfroms);
	val_strs_free(e->declared_at, e->ndeclared_at);
}

static void
load_env(struct oc_validator *v, const struct oc_node *env, struct oc_target *t)
{
	const struct oc_node *req;
	size_t i;

	if (cv_object(v, env, OBJ_ENV) < 0)
		return;
	t->unresolved = val_sev(v, env, "unresolvedRefs", 1, OC_ITEM_DEFAULT,
	    "env");
	t->unresolved_node = doc_get(v->doc, env, "unresolvedRefs");
	t->nforbidden = val_strs(v, env, "forbidden", &t->forbidden,
	    &t->forbidden_nodes, "env");
	req = val_get(v, env, "required", OC_ARRAY, 0, "env");
	if (req == NULL)
		return;
	t->env = xcalloc(doc_count(req), sizeof(*t->env));
	for (i = 0; i < doc_count(req); i++) {
		const struct oc_node *it = doc_at(v->doc, req, i);
		struct oc_env_req *e = &t->env[t->nenv];

		if (cv_object(v, it, OBJ_ENV_ITEM) < 0)
			continue;
		e->node = it;
		e->name = val_str(v, it, "name", 1, "an env requirement");
		if (e->name != NULL && (e->name[0] == '\0' ||
		    strchr(e->name, '=') != NULL))
			val_err(v, doc_get(v->doc, it, "name"), 0, "env name '%s' "
			    "must be non-empty and contain no '='", e->name);
		e->non_empty = val_bool(v, it, "nonEmpty", "an env requirement");
		e->min_length = (long)val_int(v, it, "minLength",
		    "an env requirement");
		e->equals = val_str(v, it, "equals", 0, "an env requirement");
		e->n_one_of = val_strs(v, it, "oneOf", &e->one_of, NULL,
		    "an env requirement");
		cv_pattern(v, val_get(v, it, "pattern", OC_STRING, 0,
		    "an env requirement"), &e->pattern);
		e->secret = val_bool(v, it, "secret", "an env requirement");
		e->nfroms = val_strs(v, it, "from", &e->froms, NULL,
		    "an env requirement");
		e->from = joined(e->froms, e->nfroms);
		e->ndeclared_at = val_strs(v, it, "declaredAt", &e->declared_at,
		    NULL, "an env requirement");
		e->severity = val_sev(v, it, "severity", 0, OC_ITEM_DEFAULT,
		    "an env requirement");
		if (e->name == NULL) {
			env_req_free(e);
			memset(e, 0, sizeof(*e));
			continue;
		}
		t->nenv++;
	}
}

static int
mount_type_parse(const char *s, enum oc_mount_type *out)
{
	static const enum oc_mount_type kinds[] = { OC_MT_ANY, OC_MT_PVC,
		OC_MT_EMPTYDIR, OC_MT_TMPFS, OC_MT_CONFIGMAP, OC_MT_SECRET,
		OC_MT_PROJECTED, OC_MT_DOWNWARDAPI, OC_MT_HOSTPATH,
		OC_MT_SANDBOX_SHM, OC_MT_PVC_OR_EMPTYDIR };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strcmp(s, mount_type_name(kinds[i])) == 0) {
			*out = kinds[i];
			return 0;
		}
	return -1;
}

static char *
normalize_path(const char *s)
{
	size_t n = strlen(s);

	while (n > 1 && s[n - 1] == '/')
		n--;
	return xstrndup(s, n);
}

static void
load_mounts(struct oc_validator *v, const struct oc_node *mo, struct oc_target *t)
{
	const struct oc_node *req, *rules, *allow;
	size_t i, k;

	t->dup_dest = OC_SEV_ERROR;
	t->nested = OC_SEV_WARNING;
	if (cv_object(v, mo, OBJ_MOUNTS) < 0)
		return;
	rules = val_get(v, mo, "rules", OC_OBJECT, 0, "mounts");
	if (rules != NULL && cv_object(v, rules, OBJ_MOUNT_RULES) == 0) {
		t->mount_rules_node = rules;
		t->dup_dest = val_sev(v, rules, "duplicateDestination", 1,
		    OC_SEV_ERROR, "mounts.rules");
		t->nested = val_sev(v, rules, "nested", 1, OC_SEV_WARNING,
		    "mounts.rules");
		allow = val_get(v, rules, "allowNested", OC_ARRAY, 0,
		    "mounts.rules");
		for (i = 0; allow != NULL && i < doc_count(allow); i++) {
			const struct oc_node *pair = doc_at(v->doc, allow, i);

			if (doc_kind(pair) != OC_ARRAY || doc_count(pair) != 2 ||
			    doc_kind(doc_at(v->doc, pair, 0)) != OC_STRING ||
			    doc_kind(doc_at(v->doc, pair, 1)) != OC_STRING) {
				val_err(v, pair, 0, "allowNested entries are "
				    "[outer, inner] pairs of paths");
				continue;
			}
			t->allow_nested = xrealloc(t->allow_nested,
			    (t->nallow_nested + 2) * sizeof(char *));
			for (k = 0; k < 2; k++) {
				char *p = val_strdup(v, doc_at(v->doc, pair, k));

				if (p[0] != '/')
					val_err(v, doc_at(v->doc, pair, k), 0,
					    "allowNested path '%s' must be an "
					    "absolute path", p);
				t->allow_nested[t->nallow_nested++] =
				    normalize_path(p);
				free(p);
			}
		}
	}
	req = val_get(v, mo, "required", OC_ARRAY, 0, "mounts");
	if (req == NULL)
		return;
	t->mounts = xcalloc(doc_count(req), sizeof(*t->mounts));
	for (i = 0; i < doc_count(req); i++) {
		const struct oc_node *it = doc_at(v->doc, req, i);
		struct oc_mount_req *m = &t->mounts[t->nmounts];
		char *s;

		if (cv_object(v, it, OBJ_MOUNT_ITEM) < 0)
			continue;
		m->node = it;
		s = val_str(v, it, "destination", 1, "a mount requirement");
		if (s != NULL && s[0] != '/')
			val_err(v, doc_get(v->doc, it, "destination"), 0,
			    "mount destination '%s' must be an absolute path", s);
		m->destination = s ? normalize_path(s) : NULL;
		free(s);
		m->volume = val_str(v, it, "volume", 0, "a mount requirement");
		m->type = OC_MT_ANY;
		if ((s = val_str(v, it, "type", 0, "a mount requirement")) &&
		    mount_type_parse(s, &m->type) < 0)
			val_err(v, doc_get(v->doc, it, "type"), 0, "mount type "
			    "'%s' is not one of any, pvc, emptyDir, tmpfs, "
			    "configMap, secret, projected, downwardAPI, hostPath, "
			    "sandbox-shm, pvcOrEmptyDir", s);
		free(s);
		m->access = OC_ACCESS_ANY;
		if ((s = val_str(v, it, "access", 0, "a mount requirement"))) {
			if (strcmp(s, "rw") == 0)
				m->access = OC_ACCESS_RW;
			else if (strcmp(s, "ro") == 0)
				m->access = OC_ACCESS_RO;
			else if (strcmp(s, "any") != 0)
				val_err(v, doc_get(v->doc, it, "access"), 0,
				    "mount access '%s' is not rw, ro or any", s);
		}
		free(s);
		m->size_min = cv_qty(v, it, "sizeMin", 0, "a mount requirement");
		if (m->size_min >= 0 && !mount_type_sized(m->type))
			val_err(v, doc_get(v->doc, it, "sizeMin"), 1, "'sizeMin' "
			    "applies to tmpfs, emptyDir, pvcOrEmptyDir or any "
			    "mounts, not %s: drop it or change the type",
			    mount_type_name(m->type));
		m->severity = val_sev(v, it, "severity", 0, OC_ITEM_DEFAULT,
		    "a mount requirement");
		if (m->destination == NULL) {
			free(m->volume);
			memset(m, 0, sizeof(*m));
			continue;
		}
		t->nmounts++;
	}
}

static void
load_resources(struct oc_validator *v, const struct oc_node *r, struct oc_target *t)
{
	const struct oc_node *n;

	t->mem_min = t->mem_max = t->tmpfs_headroom = -1;
	t->cpu_min_milli = t->cpu_max_milli = t->cpu_period = -1;
	t->pids_min = -1;
	t->mem_severity = t->cpu_severity = t->pids_severity = OC_ITEM_DEFAULT;
	t->pids_on_missing = OC_ITEM_IGNORE;
	if (cv_object(v, r, OBJ_RESOURCES) < 0)
		return;
	n = val_get(v, r, "memory", OC_OBJECT, 0, "resources");
	if (n != NULL && cv_object(v, n, OBJ_MEMORY) == 0) {
		t->memory_node = n;
		t->mem_require_limit = val_bool(v, n, "requireLimit",
		    "resources.memory");
		t->mem_min = cv_qty(v, n, "minLimit", 0, "resources.memory");
		t->mem_max = cv_qty(v, n, "maxLimit", 0, "resources.memory");
		t->tmpfs_headroom = cv_qty(v, n, "tmpfsHeadroom", 0,
		    "resources.memory");
		t->mem_severity = val_sev(v, n, "severity", 0, OC_ITEM_DEFAULT,
		    "resources.memory");
		if (t->mem_min >= 0 && t->mem_max >= 0 && t->mem_min > t->mem_max)
			val_err(v, n, 1, "minLimit is above maxLimit");
	}
	n = val_get(v, r, "cpu", OC_OBJECT, 0, "resources");
	if (n != NULL && cv_object(v, n, OBJ_CPU) == 0) {
		t->cpu_node = n;
		t->cpu_require_quota = val_bool(v, n, "requireQuota",
		    "resources.cpu");
		t->cpu_min_milli = cv_millicores(v, n, "minMillicores",
		    "resources.cpu");
		t->cpu_max_milli = cv_millicores(v, n, "maxMillicores",
		    "resources.cpu");
		t->cpu_period = val_int(v, n, "period", "resources.cpu");
		if (t->cpu_period >= 0 && (t->cpu_period < 1000 ||
		    t->cpu_period > 1000000)) {
			val_err(v, doc_get(v->doc, n, "period"), 0, "cpu period "
			    "%lld is outside the kernel's 1000..1000000 "
			    "microseconds (the default is 100000)",
			    (long long)t->cpu_period);
			t->cpu_period = -1;
		}
		t->cpu_severity = val_sev(v, n, "severity", 0, OC_ITEM_DEFAULT,
		    "resources.cpu");
	}
	n = val_get(v, r, "pids", OC_OBJECT, 0, "resources");
	if (n != NULL && cv_object(v, n, OBJ_PIDS) == 0) {
		char *scope = val_str(v, n, "scope", 0, "resources.pids");

		t->pids_node = n;
		t->pids_min = val_int(v, n, "minLimit", "resources.pids");
		if (scope != NULL && strcmp(scope, "pod") != 0 &&
		    strcmp(scope, "container") != 0)
			val_err(v, doc_get(v->doc, n, "scope"), 0,
			    "pids scope '%s' is not container or pod", scope);
		t->pids_pod_scope = scope != NULL && strcmp(scope, "pod") == 0;
		free(scope);
		t->pids_on_missing = val_sev(v, n, "onMissing", 1,
		    OC_SEV_WARNING, "resources.pids");
		t->pids_severity = val_sev(v, n, "severity", 0, OC_ITEM_DEFAULT,
		    "resources.pids");
	}
}

void
target_init(struct oc_target *t)
{
	memset(t, 0, sizeof(*t));
	t->unresolved = OC_ITEM_DEFAULT;
	t->dup_dest = OC_SEV_ERROR;
	t->nested = OC_SEV_WARNING;
	t->mem_min = t->mem_max = t->tmpfs_headroom = -1;
	t->cpu_min_milli = t->cpu_max_milli = t->cpu_period = -1;
	t->pids_min = -1;
	t->pids_on_missing = OC_ITEM_IGNORE;
	t->mem_severity = t->cpu_severity = t->pids_severity = OC_ITEM_DEFAULT;
	t->uid_severity = OC_ITEM_DEFAULT;
}

static void
load_target(struct oc_validator *v, const struct oc_node *it, struct oc_target *t)
{
	static const char *const roles[] = { "main", "sidecar", "init",
		"backup-job", "restore-job", "action" };
	const struct oc_node *n;
	size_t i;

	target_init(t);
	t->node = it;
	if (cv_object(v, it, OBJ_TARGET) < 0)
		return;
	t->name = val_str(v, it, "name", 1, "a target");
	t->role = val_str(v, it, "role", 0, "a target");
	for (i = 0; t->role != NULL && i < ARRAY_SIZE(roles); i++)
		if (strcmp(t->role, roles[i]) == 0)
			break;
	if (t->role != NULL && i == ARRAY_SIZE(roles))
		val_err(v, doc_get(v->doc, it, "role"), 0, "target role '%s' is "
		    "not main, sidecar, init, backup-job, restore-job or action",
		    t->role);
	n = val_get(v, it, "match", OC_OBJECT, 0, "a target");
	if (n != NULL && cv_object(v, n, OBJ_MATCH) == 0) {
		t->match_container = val_str(v, n, "containerName", 0, "match");
		cv_pattern(v, val_get(v, n, "sandboxName", OC_STRING, 0, "match"),
		    &t->match_sandbox);
		cv_pattern(v, val_get(v, n, "image", OC_STRING, 0, "match"),
		    &t->match_image);
	}
	n = val_get(v, it, "process", OC_OBJECT, 0, "a target");
	if (n != NULL && cv_object(v, n, OBJ_PROCESS) == 0 && doc_get(v->doc, n, "uid") != NULL) {
		t->uid = val_int(v, n, "uid", "process");
		if (t->uid > UINT32_MAX) {
			val_err(v, doc_get(v->doc, n, "uid"), 0, "'uid' in process "
			    "is %lld, beyond the largest uid 4294967295",
			    (long long)t->uid);
			t->uid = -1;
		}
		t->has_uid = t->uid >= 0;
		t->uid_node = doc_get(v->doc, n, "uid");
		t->uid_severity = val_sev(v, n, "severity", 0, OC_ITEM_DEFAULT,
		    "process");
	}
	if ((n = val_get(v, it, "env", OC_OBJECT, 0, "a target")) != NULL)
		load_env(v, n, t);
	if ((n = val_get(v, it, "mounts", OC_OBJECT, 0, "a target")) != NULL)
		load_mounts(v, n, t);
	if ((n = val_get(v, it, "resources", OC_OBJECT, 0, "a target")) != NULL)
		load_resources(v, n, t);
}

char *
reference_from(const struct oc_reference *r)
{
	return xasprintf("%s%s%s%s%s", r->from_kind ? r->from_kind : "",
	    r->from_name ? "/" : "", r->from_name ? r->from_name : "",
	    r->from_path ? ": " : "", r->from_path ? r->from_path : "");
}

static void
load_accounts(struct oc_validator *v, const struct oc_node *sa, struct oc_contract *c)
{
	const struct oc_node *l;
	size_t i, k;

	if (cv_object(v, sa, OBJ_ACCOUNTS) < 0)
		return;
	l = val_get(v, sa, "declared", OC_ARRAY, 0, "systemAccounts");
	if (l != NULL)
		c->accounts = xcalloc(doc_count(l), sizeof(*c->accounts));
	for (i = 0; l != NULL && i < doc_count(l); i++) {
		const struct oc_node *it = doc_at(v->doc, l, i);
		struct oc_account *a = &c->accounts[c->naccounts];
		char *pw;

		if (cv_object(v, it, OBJ_DECLARED) < 0)
			continue;
		a->node = it;
		a->name = val_str(v, it, "name", 1, "a declared account");
		a->ncompdefs = val_strs(v, it, "compDefs", &a->compdefs, NULL,
		    "a declared account");
		a->init_account = val_bool(v, it, "initAccount",
		    "a declared account");
		a->shared = val_bool(v, it, "shared", "a declared account");
		a->disabled = val_bool(v, it, "disabled", "a declared account");
		a->password = OC_PW_GENERATED;
		if ((pw = val_str(v, it, "password", 0, "a declared account"))) {
			if (strcmp(pw, "none") == 0)
				a->password = OC_PW_NONE;
			else if (strcmp(pw, "provided") == 0)
				a->password = OC_PW_PROVIDED;
			else if (strcmp(pw, "generated") != 0)
				val_err(v, doc_get(v->doc, it, "password"), 0,
				    "account password '%s' is not generated, "
				    "provided or none", pw);
			free(pw);
		}
		if (a->name == NULL) {
			val_strs_free(a->compdefs, a->ncompdefs);
			memset(a, 0, sizeof(*a));
			continue;
		}
		c->naccounts++;
	}
	l = val_get(v, sa, "references", OC_ARRAY, 0, "systemAccounts");
	if (l != NULL)
		c->refs = xcalloc(doc_count(l), sizeof(*c->refs));
	for (i = 0; l != NULL && i < doc_count(l); i++) {
		const struct oc_node *it = doc_at(v->doc, l, i), *f, *pl;
		struct oc_reference *r = &c->refs[c->nrefs];

		if (cv_object(v, it, OBJ_REFERENCE) < 0)
			continue;
		r->node = it;
		r->account_node = doc_get(v->doc, it, "account");
		r->account = val_str(v, it, "account", 1, "an account reference");
		f = val_get(v, it, "from", OC_OBJECT, 0, "an account reference");
		if (f != NULL && cv_object(v, f, OBJ_FROM) == 0) {
			r->from_kind = val_str(v, f, "kind", 0, "from");
			r->from_name = val_str(v, f, "name", 0, "from");
			r->from_path = val_str(v, f, "path", 0, "from");
			r->from = reference_from(r);
		}
		pl = val_get(v, it, "compDefPatterns", OC_ARRAY, 0,
		    "an account reference");
		if (pl != NULL)
			r->patterns = xcalloc(doc_count(pl), sizeof(*r->patterns));
		for (k = 0; pl != NULL && k < doc_count(pl); k++) {
			const struct oc_node *pn = doc_at(v->doc, pl, k);
			struct oc_error *err = NULL;
			char *text;

			if (doc_kind(pn) != OC_STRING) {
				val_err(v, pn, 0, "compDefPatterns entries must "
				    "be strings");
				continue;
			}
			text = val_strdup(v, pn);
			if (pattern_compile(&r->patterns[r->npatterns], text,
			    &err) < 0) {
				val_err(v, pn, 0, "%s", err->msg);
				oc_error_free(err);
				pattern_free(&r->patterns[r->npatterns]);
			} else {
				r->npatterns++;
			}
			free(text);
		}
		r->needs_password = val_bool(v, it, "needsPassword",
		    "an account reference");
		r->optional = val_bool(v, it, "optional", "an account reference");
		r->ninjects = val_strs(v, it, "injects", &r->injects, NULL,
		    "an account reference");
		r->nconsumers = val_strs(v, it, "consumers", &r->consumers, NULL,
		    "an account reference");
		r->severity = val_sev(v, it, "severity", 0, OC_ITEM_DEFAULT,
		    "an account reference");
		c->nrefs++;
	}
}

/* metadata.component names the compDefs the contract covers; the
 * account rules need them to see a compDef that declares no account. */
static void
load_compdefs(struct oc_validator *v, const struct oc_node *comp,
    struct oc_contract *c)
{
	const struct oc_node *one;
	char *s;

	if (comp == NULL)
		return;
	c->ncompdefs = val_strs(v, comp, "compDefs", &c->compdefs, NULL,
	    "metadata.component");
	one = val_get(v, comp, "compDef", OC_STRING, 0, "metadata.component");
	if (one == NULL)
		return;
	s = val_strdup(v, one);
	c->compdefs = xrealloc(c->compdefs, (c->ncompdefs + 1) *
	    sizeof(*c->compdefs));
	c->compdefs[c->ncompdefs++] = s;
}

static void
load_root(struct oc_validator *v, const struct oc_node *root, struct oc_contract *c)
{
	const struct oc_node *n, *md;
	size_t i;
	char *s;

	if (cv_object(v, root, OBJ_ROOT) < 0)
		return;
	if ((s = val_str(v, root, "apiVersion", 1, "the contract")) &&
	    strcmp(s, "ocicheck/v1") != 0)
		val_err(v, doc_get(v->doc, root, "apiVersion"), 0, "apiVersion "
		    "'%s' is not 'ocicheck/v1'", s);
	free(s);
	if ((s = val_str(v, root, "kind", 1, "the contract")) &&
	    strcmp(s, "RuntimeContract") != 0)
		val_err(v, doc_get(v->doc, root, "kind"), 0, "kind '%s' is not "
		    "'RuntimeContract'", s);
	free(s);
	md = val_get(v, root, "metadata", OC_OBJECT, 1, "the contract");
	if (md != NULL) {
		/* metadata is free-form apart from its name */
		c->name = val_str(v, md, "name", 1, "metadata");
		if (c->name != NULL && c->name[0] == '\0')
			val_err(v, doc_get(v->doc, md, "name"), 0,
			    "metadata.name must not be empty");
		load_compdefs(v, val_get(v, md, "component", OC_OBJECT, 0,
		    "metadata"), c);
	}
	c->default_severity = OC_ITEM_DEFAULT;
	c->unverifiable = OC_SEV_INFO;
	n = val_get(v, root, "defaults", OC_OBJECT, 0, "the contract");
	if (n != NULL && cv_object(v, n, OBJ_DEFAULTS) == 0) {
		c->default_severity = val_sev(v, n, "severity", 0,
		    OC_ITEM_DEFAULT, "defaults");
		c->unverifiable = val_sev(v, n, "unverifiable", 1, OC_SEV_INFO,
		    "defaults");
	}
	if ((n = val_get(v, root, "systemAccounts", OC_OBJECT, 0,
	    "the contract")) != NULL)
		load_accounts(v, n, c);
	n = val_get(v, root, "targets", OC_ARRAY, 0, "the contract");
	if (n == NULL)
		return;
	c->targets = xcalloc(doc_count(n), sizeof(*c->targets));
	for (i = 0; i < doc_count(n); i++) {
		load_target(v, doc_at(v->doc, n, i), &c->targets[c->ntargets]);
		c->ntargets++;
	}
	for (i = 0; i < c->ntargets; i++) {
		struct oc_target *t = &c->targets[i];

		/* duplicateDestination defaults to error, so defaults:
		 * severity moves it unless it is stated */
		if (c->default_severity >= 0 && t->dup_dest == OC_SEV_ERROR &&
		    doc_get(v->doc, t->mount_rules_node,
		    "duplicateDestination") == NULL)
			t->dup_dest = c->default_severity;
	}
}

static int load_source(struct oc_source *src, int overlay,
    struct oc_contract **out, struct oc_error **err);

static int
load_path(const char *path, int overlay, struct oc_contract **out,
    struct oc_error **err)
{
	struct oc_source *src;

	if (source_read_file(path, OC_MAX_INPUT, &src, err) < 0)
		return oc_error_prefix(err, "contract: ");
	return load_source(src, overlay, out, err);
}

int
contract_load(const char *path, struct oc_contract **out,
    struct oc_error **err)
{
	return load_path(path, 0, out, err);
}

int
contract_load_overlay(const char *path, struct oc_contract **out,
    struct oc_error **err)
{
	return load_path(path, 1, out, err);
}

int
contract_load_source(struct oc_source *src, struct oc_contract **out,
    struct oc_error **err)
{
	return load_source(src, 0, out, err);
}

static int
load_source(struct oc_source *src, int overlay, struct oc_contract **out,
    struct oc_error **err)
{
	struct oc_contract *c = xcalloc(1, sizeof(*c));
	struct oc_validator v = { 0 };
	const struct oc_node *root;
	const char *path = src->path;
	int rc;

	c->src = src;
	if (c->src->too_large) {
		rc = oc_error_set(err, 0, "contract '%s' is larger than %zu "
		    "bytes", path, (size_t)OC_MAX_INPUT);
		contract_free(c);
		return rc;
	}
	if (yaml_load(c->src, &c->doc, err) < 0) {
		contract_free(c);
		return oc_error_prefix(err, "invalid contract: ");
	}
	if (c->doc->nroots != 1) {
		rc = oc_error_set(err, 0, "invalid contract: %s: %s", path,
		    c->doc->nroots ? "a contract is one YAML document, this "
		    "file has several" : "the file is empty");
		contract_free(c);
		return rc;
	}
	root = doc_root(c->doc, 0);
	v.src = c->src;
	v.doc = c->doc;
	load_root(&v, root, c);
	coherence_check(&v, c, overlay);
	if (v.nerrs > 0) {
		char *list = val_report(&v);

		rc = oc_error_set(err, 0, "invalid contract '%s':\n%s", path,
		    list);
		free(list);
		contract_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

static void
target_free(struct oc_target *t)
{
	size_t i;

	free(t->name);
	free(t->role);
	free(t->match_container);
	pattern_free(t->match_sandbox);
	free(t->match_sandbox);
	pattern_free(t->match_image);
	free(t->match_image);
	for (i = 0; i < t->nenv; i++)
		env_req_free(&t->env[i]);
	free(t->env);
	val_strs_free(t->forbidden, t->nforbidden);
	free(t->forbidden_nodes);
	for (i = 0; i < t->nmounts; i++) {
		free(t->mounts[i].destination);
		free(t->mounts[i].volume);
	}
	free(t->mounts);
	val_strs_free(t->allow_nested, t->nallow_nested);
}

void
contract_free(struct oc_contract *c)
{
	size_t i, k;

	if (c == NULL)
		return;
	for (i = 0; i < c->naccounts; i++) {
		free(c->accounts[i].name);
		val_strs_free(c->accounts[i].compdefs, c->accounts[i].ncompdefs);
	}
	free(c->accounts);
	for (i = 0; i < c->nrefs; i++) {
		struct oc_reference *r = &c->refs[i];

		free(r->account);
		free(r->from);
		free(r->from_kind);
		free(r->from_name);
		free(r->from_path);
		for (k = 0; k < r->npatterns; k++)
			pattern_free(&r->patterns[k]);
		free(r->patterns);
		val_strs_free(r->injects, r->ninjects);
		val_strs_free(r->consumers, r->nconsumers);
	}
	free(c->refs);
	val_strs_free(c->compdefs, c->ncompdefs);
	for (i = 0; i < c->ntargets; i++)
		target_free(&c->targets[i]);
	free(c->targets);
	free(c->name);
	doc_free(c->doc);
	source_free(c->src);
	free(c);
}
