/*
 * Writing a contract model back out as ocicheck/v1 YAML: what derive
 * produces. The output is meant to be read and reviewed in a pull request,
 * so it is deterministic (fixed key order, lists in the model's order,
 * which derive sorts), has no anchors or tags, quotes only what YAML would
 * otherwise misread, and loads back with contract_load unchanged.
 */
#include <string.h>
#include <strings.h>

#include "ocicheck/contract.h"

/* An item severity as the contract spells it; NULL for the default. */
static const char *
sev_word(int sev)
{
	if (sev == OC_ITEM_IGNORE)
		return "ignore";
	return sev >= OC_SEV_INFO && sev <= OC_SEV_ERROR ?
	    severity_name((enum oc_severity)sev) : NULL;
}

/* Words a YAML 1.1 or 1.2 reader would take for something else. */
static int
reserved_word(const char *s)
{
	static const char *const words[] = { "true", "false", "yes", "no",
		"on", "off", "y", "n", "null", "~" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (strcasecmp(s, words[i]) == 0)
			return 1;
	return 0;
}

/* A plain scalar reads back as the same string in any context, flow
 * collections included: a letter, '_' or '/' first, then only letters,
 * digits and "_-./", and no word YAML gives a meaning. */
static int
plain_ok(const char *s)
{
	const char *p;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    *s == '_' || *s == '/') || reserved_word(s))
		return 0;
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("_-./", *p) != NULL))
			return 0;
	return 1;
}

static void
put_str(struct oc_buf *b, const char *s)
{
	const unsigned char *p;
	int printable = 1;

	if (plain_ok(s)) {
		buf_adds(b, s);
		return;
	}
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			printable = 0;
	if (printable) {
		/* Single quotes keep regexes readable: only ' is doubled. */
		buf_addc(b, '\'');
		for (p = (const unsigned char *)s; *p; p++) {
			if (*p == '\'')
				buf_addc(b, '\'');
			buf_addc(b, (char)*p);
		}
		buf_addc(b, '\'');
		return;
	}
	buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p == '\n')
			buf_adds(b, "\\n");
		else if (*p == '\t')
			buf_adds(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\x%02x", *p);
		else
			buf_addc(b, (char)*p);
	}
	buf_addc(b, '"');
}

/* Flow mappings: "{a: 1, b: x}" built one member at a time. */
struct flow {
	struct oc_buf *b;
	int n;
};

static void
flow_key(struct flow *f, const char *k)
{
	buf_adds(f->b, f->n++ ? ", " : "{");
	buf_printf(f->b, "%s: ", k);
}

static void
flow_str(struct flow *f, const char *k, const char *v)
{
	if (v == NULL)
		return;
	flow_key(f, k);
	put_str(f->b, v);
}

static void
flow_bool(struct flow *f, const char *k, int v)
{
	if (!v)
		return;
	flow_key(f, k);
	buf_adds(f->b, "true");
}

static void
flow_int(struct flow *f, const char *k, int64_t v)
{
	if (v < 0)
		return;
	flow_key(f, k);
	buf_printf(f->b, "%lld", (long long)v);
}

static void
flow_sev(struct flow *f, const char *k, int sev)
{
	flow_str(f, k, sev_word(sev));
}

/* Bytes in the largest binary unit that divides them: 536870912 is
 * "512Mi". */
static void
flow_qty(struct flow *f, const char *k, int64_t v)
{
	static const char *const units[] = { "", "Ki", "Mi", "Gi", "Ti",
		"Pi", "Ei" };
	size_t u = 0;

	if (v < 0)
		return;
	flow_key(f, k);
	while (v != 0 && v % 1024 == 0 && u + 1 < ARRAY_SIZE(units)) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		buf_printf(f->b, "%lld", (long long)v);
	else
		buf_printf(f->b, "%lld%s", (long long)v, units[u]);
}

static void
flow_milli(struct flow *f, const char *k, int64_t v)
{
	if (v < 0)
		return;
	flow_key(f, k);
	buf_printf(f->b, "%lldm", (long long)v);
}

static void
put_list(struct oc_buf *b, char *const *v, size_t n)
{
	size_t i;

	buf_addc(b, '[');
	for (i = 0; i < n; i++) {
		if (i)
			buf_adds(b, ", ");
		put_str(b, v[i]);
	}
	buf_addc(b, ']');
}

static void
flow_list(struct flow *f, const char *k, char *const *v, size_t n)
{
	if (n == 0)
		return;
	flow_key(f, k);
	put_list(f->b, v, n);
}

/* Close a flow mapping; "{}" when nothing was written. */
static void
flow_end(struct flow *f)
{
	buf_adds(f->b, f->n ? "}" : "{}");
}

static void
write_env(struct oc_buf *b, const struct oc_target *t)
{
	struct flow f = { b, 0 };
	size_t i;

	if (t->nenv == 0 && t->nforbidden == 0 && t->unresolved ==
	    OC_ITEM_DEFAULT)
		return;
	buf_adds(b, "    env:\n");
	if (t->nenv > 0)
		buf_adds(b, "      required:\n");
	for (i = 0; i < t->nenv; i++) {
		const struct oc_env_req *e = &t->env[i];

		buf_adds(b, "        - ");
		f.n = 0;
		flow_str(&f, "name", e->name);
		flow_bool(&f, "nonEmpty", e->non_empty);
		flow_int(&f, "minLength", e->min_length);
		flow_str(&f, "equals", e->equals);
		flow_list(&f, "oneOf", e->one_of, e->n_one_of);
		flow_str(&f, "pattern", e->pattern ? e->pattern->text : NULL);
		flow_bool(&f, "secret", e->secret);
		flow_list(&f, "from", e->froms, e->nfroms);
		flow_list(&f, "declaredAt", e->declared_at, e->ndeclared_at);
		flow_sev(&f, "severity", e->severity);
		flow_end(&f);
		buf_addc(b, '\n');
	}
	if (t->nforbidden > 0) {
		buf_adds(b, "      forbidden: ");
		put_list(b, t->forbidden, t->nforbidden);
		buf_addc(b, '\n');
	}
	if (sev_word(t->unresolved) != NULL)
		buf_printf(b, "      unresolvedRefs: %s\n",
		    sev_word(t->unresolved));
}

static void
write_mounts(struct oc_buf *b, const struct oc_target *t)
{
	struct flow f = { b, 0 };
	size_t i;

	if (t->nmounts == 0 && t->nallow_nested == 0 &&
	    t->dup_dest == OC_SEV_ERROR && t->nested == OC_SEV_WARNING)
		return;
	buf_adds(b, "    mounts:\n");
	if (t->nmounts > 0)
		buf_adds(b, "      required:\n");
	for (i = 0; i < t->nmounts; i++) {
		const struct oc_mount_req *m = &t->mounts[i];

		buf_adds(b, "        - ");
		f.n = 0;
		flow_str(&f, "destination", m->destination);
		flow_str(&f, "volume", m->volume);
		if (m->type != OC_MT_ANY)
			flow_str(&f, "type", mount_type_name(m->type));
		if (m->access != OC_ACCESS_ANY)
			flow_str(&f, "access", m->access == OC_ACCESS_RW ? "rw" :
			    "ro");
		flow_qty(&f, "sizeMin", m->size_min);
		flow_sev(&f, "severity", m->severity);
		flow_end(&f);
		buf_addc(b, '\n');
	}
	if (t->nallow_nested == 0 && t->dup_dest == OC_SEV_ERROR &&
	    t->nested == OC_SEV_WARNING)
		return;
	buf_adds(b, "      rules: ");
	f.n = 0;
	if (t->dup_dest != OC_SEV_ERROR)
		flow_sev(&f, "duplicateDestination", t->dup_dest);
	if (t->nested != OC_SEV_WARNING)
		flow_sev(&f, "nested", t->nested);
	if (t->nallow_nested > 0) {
		flow_key(&f, "allowNested");
		buf_addc(b, '[');
		for (i = 0; i + 1 < t->nallow_nested; i += 2) {
			if (i)
				buf_adds(b, ", ");
			put_list(b, t->allow_nested + i, 2);
		}
		buf_addc(b, ']');
	}
	flow_end(&f);
	buf_addc(b, '\n');
}

static void
write_resources(struct oc_buf *b, const struct oc_target *t)
{
	struct flow f = { b, 0 };
	int mem = t->mem_require_limit || t->mem_min >= 0 || t->mem_max >= 0 ||
	    t->tmpfs_headroom >= 0 || t->mem_severity != OC_ITEM_DEFAULT;
	int cpu = t->cpu_require_quota || t->cpu_min_milli >= 0 ||
	    t->cpu_max_milli >= 0 || t->cpu_period >= 0 ||
	    t->cpu_severity != OC_ITEM_DEFAULT;
	int pids = t->pids_min >= 0 || t->pids_on_missing != OC_ITEM_IGNORE ||
	    t->pids_pod_scope || t->pids_severity != OC_ITEM_DEFAULT;

	if (!mem && !cpu && !pids)
		return;
	buf_adds(b, "    resources:\n");
	if (mem) {
		buf_adds(b, "      memory: ");
		f.n = 0;
		flow_bool(&f, "requireLimit", t->mem_require_limit);
		flow_qty(&f, "minLimit", t->mem_min);
		flow_qty(&f, "maxLimit", t->mem_max);
		flow_qty(&f, "tmpfsHeadroom", t->tmpfs_headroom);
		flow_sev(&f, "severity", t->mem_severity);
		flow_end(&f);
		buf_addc(b, '\n');
	}
	if (cpu) {
		buf_adds(b, "      cpu: ");
		f.n = 0;
		flow_bool(&f, "requireQuota", t->cpu_require_quota);
		flow_milli(&f, "minMillicores", t->cpu_min_milli);
		flow_milli(&f, "maxMillicores", t->cpu_max_milli);
		flow_int(&f, "period", t->cpu_period);
		flow_sev(&f, "severity", t->cpu_severity);
		flow_end(&f);
		buf_addc(b, '\n');
	}
	if (pids) {
		buf_adds(b, "      pids: ");
		f.n = 0;
		flow_int(&f, "minLimit", t->pids_min);
		if (t->pids_pod_scope)
			flow_str(&f, "scope", "pod");
		flow_sev(&f, "onMissing", t->pids_on_missing);
		flow_sev(&f, "severity", t->pids_severity);
		flow_end(&f);
		buf_addc(b, '\n');
	}
}

static void
write_target(struct oc_buf *b, const struct oc_target *t)
{
	struct flow f = { b, 0 };

	buf_adds(b, "  - name: ");
	put_str(b, t->name);
	buf_addc(b, '\n');
	if (t->role != NULL) {
		buf_adds(b, "    role: ");
		put_str(b, t->role);
		buf_addc(b, '\n');
	}
	if (t->match_container || t->match_sandbox || t->match_image) {
		buf_adds(b, "    match: ");
		flow_str(&f, "containerName", t->match_container);
		flow_str(&f, "sandboxName", t->match_sandbox ?
		    t->match_sandbox->text : NULL);
		flow_str(&f, "image", t->match_image ? t->match_image->text :
		    NULL);
		flow_end(&f);
		buf_addc(b, '\n');
	}
	if (t->has_uid) {
		struct flow pf = { .b = b };

		buf_adds(b, "    process: ");
		flow_int(&pf, "uid", t->uid);
		flow_sev(&pf, "severity", t->uid_severity);
		flow_end(&pf);
		buf_addc(b, '\n');
	}
	write_env(b, t);
	write_mounts(b, t);
	write_resources(b, t);
}

static void
write_accounts(struct oc_buf *b, const struct oc_contract *c)
{
	static const char *const pw[] = { [OC_PW_GENERATED] = "generated",
		[OC_PW_PROVIDED] = "provided", [OC_PW_NONE] = "none" };
	struct flow f = { b, 0 };
	size_t i, k;

	if (c->naccounts == 0 && c->nrefs == 0)
		return;
	buf_adds(b, "systemAccounts:\n");
	if (c->naccounts > 0)
		buf_adds(b, "  declared:\n");
	for (i = 0; i < c->naccounts; i++) {
		const struct oc_account *a = &c->accounts[i];

		buf_adds(b, "    - ");
		f.n = 0;
		flow_str(&f, "name", a->name);
		flow_list(&f, "compDefs", a->compdefs, a->ncompdefs);
		flow_bool(&f, "initAccount", a->init_account);
		flow_str(&f, "password", pw[a->password]);
		flow_bool(&f, "disabled", a->disabled);
		flow_bool(&f, "shared", a->shared);
		flow_end(&f);
		buf_addc(b, '\n');
	}
	if (c->nrefs > 0)
		buf_adds(b, "  references:\n");
	for (i = 0; i < c->nrefs; i++) {
		const struct oc_reference *r = &c->refs[i];

		buf_adds(b, "    - account: ");
		put_str(b, r->account);
		buf_addc(b, '\n');
		if (r->from_kind || r->from_name || r->from_path) {
			buf_adds(b, "      from: ");
			f.n = 0;
			flow_str(&f, "kind", r->from_kind);
			flow_str(&f, "name", r->from_name);
			flow_str(&f, "path", r->from_path);
			flow_end(&f);
			buf_addc(b, '\n');
		}
		if (r->npatterns > 0) {
			buf_adds(b, "      compDefPatterns: [");
			for (k = 0; k < r->npatterns; k++) {
				if (k)
					buf_adds(b, ", ");
				put_str(b, r->patterns[k].text);
			}
			buf_adds(b, "]\n");
		}
		if (r->needs_password)
			buf_adds(b, "      needsPassword: true\n");
		if (r->ninjects > 0) {
			buf_adds(b, "      injects: ");
			put_list(b, r->injects, r->ninjects);
			buf_addc(b, '\n');
		}
		if (r->nconsumers > 0) {
			buf_adds(b, "      consumers: ");
			put_list(b, r->consumers, r->nconsumers);
			buf_addc(b, '\n');
		}
		if (r->optional)
			buf_adds(b, "      optional: true\n");
		if (sev_word(r->severity) != NULL)
			buf_printf(b, "      severity: %s\n",
			    sev_word(r->severity));
	}
}

void
contract_write(struct oc_buf *b, const struct oc_contract *c,
    const char *header)
{
	struct flow f = { b, 0 };
	size_t i, n;

	while (header != NULL && *header != '\0') {
		n = strcspn(header, "\n");
		if (n > 0)
			buf_printf(b, "# %.*s\n", (int)n, header);
		else
			buf_adds(b, "#\n");
		header += n + (header[n] == '\n');
	}
	buf_adds(b, "apiVersion: ocicheck/v1\nkind: RuntimeContract\n"
	    "metadata:\n  name: ");
	put_str(b, c->name != NULL ? c->name : "derived");
	buf_addc(b, '\n');
	if (c->ncompdefs > 0) {
		buf_adds(b, "  component:\n    compDefs: ");
		put_list(b, c->compdefs, c->ncompdefs);
		buf_addc(b, '\n');
	}
	if (c->default_severity != OC_ITEM_DEFAULT ||
	    c->unverifiable != OC_SEV_INFO) {
		buf_adds(b, "defaults: ");
		flow_sev(&f, "severity", c->default_severity);
		if (c->unverifiable != OC_SEV_INFO)
			flow_sev(&f, "unverifiable", c->unverifiable);
		flow_end(&f);
		buf_addc(b, '\n');
	}
	write_accounts(b, c);
	if (c->ntargets > 0)
		buf_adds(b, "targets:\n");
	for (i = 0; i < c->ntargets; i++)
		write_target(b, &c->targets[i]);
}
