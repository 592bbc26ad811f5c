/* config.md "Process", "POSIX process" and "Linux Process": the command,
 * the environment (of the process and of every hook), rlimits and
 * capabilities. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ocicheck/check.h"
#include "ocicheck/redact.h"
#include "spec.h"
#include "cfg.h"
#include "lx.h"


static const struct oc_node *
process(const struct oc_check_ctx *ctx)
{
	const struct oc_node *p = doc_get(ctx->doc, ctx->root, "process");

	return p != NULL && doc_kind(p) == OC_OBJECT ? p : NULL;
}

void
check_process_cwd(struct oc_check_ctx *ctx)
{
	const struct oc_node *cwd = doc_get(ctx->doc, process(ctx), "cwd");
	struct oc_buf shown = { 0 };
	size_t len;
	const char *s;

	if (cwd == NULL || doc_kind(cwd) != OC_STRING)
		return;
	s = doc_text(ctx->doc, cwd, &len);
	if (path_is_absolute(s, len, cfg_windows_guest(ctx)))
		return;
	buf_add_display(&shown, s, len, 80);
	check_report(ctx, OC_AT_VALUE, cwd,
	    "/process/cwd must be an absolute path "
	    "(got \"%s\"): the runtime resolves it inside the container's "
	    "root", shown.s);
	buf_free(&shown);
}

void
check_process_args(struct oc_check_ctx *ctx)
{
	const struct oc_node *p = process(ctx);
	const struct oc_node *args = doc_get(ctx->doc, p, "args");
	size_t len;

	/* A wrong type is the schema pass's finding. */
	if (p == NULL || (args != NULL && doc_kind(args) != OC_ARRAY) ||
	    cfg_count(args) > 0)
		return;
	if (cfg_windows_guest(ctx)) {
		const struct oc_node *cl = doc_get(ctx->doc, p, "commandLine");

		if (cl != NULL && (doc_kind(cl) != OC_STRING ||
		    (doc_text(ctx->doc, cl, &len), len > 0)))
			return;
		if (args == NULL)
			check_report(ctx, OC_AT_OPEN, p, "/process has neither "
			    "args nor commandLine: on Windows commandLine is "
			    "REQUIRED when args is omitted, or there is no "
			    "program to start");
		else
			check_report(ctx, OC_AT_VALUE, args,
			    "/process/args is empty and "
			    "/process has no commandLine: on Windows one of "
			    "them must name the program to start");
		return;
	}
	if (args == NULL) {
		/* 1.0.0 and 1.0.1 list args in the schema's required. */
		if (ctx->version >= OC_V1_0_2)
			check_report(ctx, OC_AT_OPEN, p, "/process/args is "
			    "missing: at least one entry (the program to run) "
			    "is REQUIRED outside Windows; runc refuses to "
			    "create the container");
		return;
	}
	check_report(ctx, OC_AT_VALUE, args,
	    "/process/args must have at least one entry "
	    "(the program to run) outside Windows: runc refuses to create the "
	    "container and crun has nothing to execute");
}

void
check_process_console_size(struct oc_check_ctx *ctx)
{
	const struct oc_node *p = process(ctx);
	const struct oc_node *cs = doc_get(ctx->doc, p, "consoleSize");
	const struct oc_node *t = doc_get(ctx->doc, p, "terminal");

	if (cs == NULL || doc_kind(cs) != OC_OBJECT ||
	    (t != NULL && doc_kind(t) == OC_BOOL && doc_bool(t)))
		return;
	check_report(ctx, OC_AT_KEY, cs, "/process/consoleSize has no effect: "
	    "/process/terminal is %s, and runtimes MUST ignore the console "
	    "size without a terminal", t == NULL ? "unset" : "not true");
}

/* Environment. */

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

enum cfg_env_problem
cfg_env_entry(const char *s, size_t n, size_t *name_len, size_t *bad)
{
	const char *eq = memchr(s, '=', n);
	size_t i, len;

	*bad = 0;
	*name_len = len = eq != NULL ? (size_t)(eq - s) : n;
	if (eq == NULL)
		return CFG_ENV_NO_EQUALS;
	if (len == 0)
		return CFG_ENV_EMPTY_NAME;
	if (is_digit(s[0]))
		return CFG_ENV_LEADING_DIGIT;
	for (i = 0; i < len; i++)
		if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '_') {
			*bad = i;
			return CFG_ENV_BAD_CHAR;
		}
	return CFG_ENV_OK;
}

/* The POSIX environment lists a config carries: the process's and each
 * hook's. hook is the hook kind, or NULL for the process. */
typedef void env_fn(struct oc_check_ctx *ctx, const struct oc_node *list,
    const char *hook);

static void
env_lists(struct oc_check_ctx *ctx, env_fn *fn)
{
	const struct oc_node *hooks = doc_get(ctx->doc, ctx->root, "hooks");
	const struct oc_node *env = doc_get(ctx->doc, process(ctx), "env");
	size_t k, i, n;

	/* Windows names are case-insensitive, allow "ProgramFiles(x86)" and
	 * hide "=C:" entries; Windows has no hooks either. */
	if (cfg_windows_guest(ctx))
		return;
	if (env != NULL && doc_kind(env) == OC_ARRAY)
		fn(ctx, env, NULL);
	if (hooks == NULL || doc_kind(hooks) != OC_OBJECT)
		return;
	for (k = 0; k < CFG_NHOOK_KINDS; k++) {
		const struct oc_node *list = doc_get(ctx->doc, hooks,
		    cfg_hook_kinds[k]);

		if (list == NULL || doc_kind(list) != OC_ARRAY)
			continue;
		n = cfg_count(list);
		for (i = 0; i < n; i++) {
			env = doc_get(ctx->doc, doc_at(ctx->doc, list, i),
			    "env");
			if (env != NULL && doc_kind(env) == OC_ARRAY)
				fn(ctx, env, cfg_hook_kinds[k]);
		}
	}
}

static void
env_malformed(struct oc_check_ctx *ctx, const struct oc_node *list,
    const char *hook)
{
	struct oc_buf ptr = { 0 }, shown = { 0 };
	size_t i, n = cfg_count(list), len, name, bad;

	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);
		const char *s = doc_str(ctx->doc, e, &len);
		enum cfg_env_problem p;
		const char *what;

		if (s == NULL)
			continue;
		p = cfg_env_entry(s, len, &name, &bad);
		if (p != CFG_ENV_NO_EQUALS && p != CFG_ENV_EMPTY_NAME)
			continue;
		ptr.len = shown.len = 0;
		doc_pointer(ctx->doc, e, &ptr);
		if (hook != NULL)
			what = "the hook gets a malformed environment entry";
		else if (p == CFG_ENV_NO_EQUALS)
			what = "runc refuses to create the container, and "
			    "crun's putenv(3) silently drops it";
		else
			what = "runc refuses to create the container";
		if (p == CFG_ENV_EMPTY_NAME) {
			check_report(ctx, OC_AT_VALUE, e,
			    "%s has an empty name (it starts "
			    "with '='): environment entries are NAME=value; %s",
			    ptr.s, what);
			continue;
		}
		if (redact_name(s, len))
			redact_value(&shown, len);
		else
			doc_show(ctx->doc, e, &shown);
		check_report(ctx, OC_AT_VALUE, e,
		    "%s %s has no '=': environment entries "
		    "are NAME=value; %s", ptr.s, shown.s, what);
	}
	buf_free(&ptr);
	buf_free(&shown);
}

void
check_env_malformed(struct oc_check_ctx *ctx)
{
	env_lists(ctx, env_malformed);
}

static void
env_portable(struct oc_check_ctx *ctx, const struct oc_node *list,
    const char *hook)
{
	struct oc_buf ptr = { 0 }, name = { 0 }, ch = { 0 };
	size_t i, n = cfg_count(list), len, nlen, bad, clen;

	(void)hook;
	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);
		const char *s = doc_str(ctx->doc, e, &len);
		enum cfg_env_problem p;

		if (s == NULL)
			continue;
		p = cfg_env_entry(s, len, &nlen, &bad);
		if (p != CFG_ENV_LEADING_DIGIT && p != CFG_ENV_BAD_CHAR)
			continue;
		ptr.len = name.len = ch.len = 0;
		doc_pointer(ctx->doc, e, &ptr);
		buf_add_display(&name, s, nlen, 64);
		if (p == CFG_ENV_LEADING_DIGIT) {
			check_report(ctx, OC_AT_VALUE, e,
			    "%s name \"%s\" starts with a "
			    "digit: a shell cannot reference it, and POSIX "
			    "portable names are letters, digits and '_' not "
			    "led by a digit", ptr.s, name.s);
			continue;
		}
		clen = utf8_valid_len((const unsigned char *)s + bad,
		    nlen - bad);
		buf_add_display(&ch, s + bad, clen ? clen : 1, 8);
		check_report(ctx, OC_AT_VALUE, e,
		    "%s name \"%s\" contains '%s': a shell "
		    "cannot reference it, as POSIX portable names consist of "
		    "letters, digits and '_'", ptr.s, name.s, ch.s);
	}
	buf_free(&ptr);
	buf_free(&name);
	buf_free(&ch);
}

void
check_env_portable(struct oc_check_ctx *ctx)
{
	env_lists(ctx, env_portable);
}

static int
same_name(const struct lx_key *a, const struct lx_key *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* Each entry's name into a hash table whose slot ends up holding the
 * last entry of that name: linear in the list, where sorting 300 000
 * names would compare each of them some twenty times. */
static void
env_duplicate(struct oc_check_ctx *ctx, const struct oc_node *list,
    const char *hook)
{
	struct oc_buf ptr = { 0 }, last = { 0 }, name = { 0 };
	size_t i, k = 0, n = cfg_count(list), len, nlen, bad, size = 16;
	struct lx_key *v;
	uint32_t *slot, *at;

	if (n < 2)
		return;
	while (size < 2 * n)
		size *= 2;
	v = xmalloc(n * sizeof(*v));
	at = xmalloc(n * sizeof(*at));
	slot = xmalloc(size * sizeof(*slot));
	memset(slot, 0xff, size * sizeof(*slot));
	for (i = 0; i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, list, i);
		const char *s = doc_str(ctx->doc, e, &len);
		size_t h;

		if (s == NULL)
			continue;
		if (cfg_env_entry(s, len, &nlen, &bad) == CFG_ENV_NO_EQUALS ||
		    nlen == 0)
			continue;
		v[k] = (struct lx_key){ s, nlen, e, i };
		for (h = text_hash(s, nlen);; h++) {
			uint32_t *sl = &slot[h & (size - 1)];

			if (*sl == UINT32_MAX || same_name(&v[*sl], &v[k])) {
				*sl = (uint32_t)k;
				at[k] = (uint32_t)(sl - slot);
				break;
			}
		}
		k++;
	}
	for (i = 0; i < k; i++) {
		const struct lx_key *l = &v[slot[at[i]]];

		if (l == &v[i])
			continue;
		ptr.len = last.len = name.len = 0;
		doc_pointer(ctx->doc, v[i].n, &ptr);
		doc_pointer(ctx->doc, l->n, &last);
		buf_add_display(&name, v[i].s, v[i].len, 64);
		check_report(ctx, OC_AT_VALUE, v[i].n,
		    "%s sets %s, which %s sets again: "
		    "%s", ptr.s, name.s, last.s, hook ? "runc gives the hook "
		    "the last value, other runtimes may pass both entries" :
		    "runc and crun keep the last value, so this entry has no "
		    "effect");
	}
	free(slot);
	free(at);
	free(v);
	buf_free(&ptr);
	buf_free(&last);
	buf_free(&name);
}

void
check_env_duplicate(struct oc_check_ctx *ctx)
{
	env_lists(ctx, env_duplicate);
}

/* Rlimits. */

int
cfg_rlimit_known(int solaris, const char *s, size_t n)
{
	/* getrlimit(2): runc and crun accept exactly these 16. */
	static const char *const linux_names[] = {
		"AS", "CORE", "CPU", "DATA", "FSIZE", "LOCKS", "MEMLOCK",
		"MSGQUEUE", "NICE", "NOFILE", "NPROC", "RSS", "RTPRIO",
		"RTTIME", "SIGPENDING", "STACK",
	};
	/* getrlimit(3) on Solaris: POSIX plus VMEM. */
	static const char *const solaris_names[] = {
		"AS", "CORE", "CPU", "DATA", "FSIZE", "NOFILE", "STACK", "VMEM",
	};
	const char *const *names = solaris ? solaris_names : linux_names;
	size_t count = solaris ? ARRAY_SIZE(solaris_names) :
	    ARRAY_SIZE(linux_names), i;

	if (n < 7 || memcmp(s, "RLIMIT_", 7) != 0)
		return 0;
	for (i = 0; i < count; i++)
		if (strlen(names[i]) == n - 7 &&
		    memcmp(names[i], s + 7, n - 7) == 0)
			return 1;
	return 0;
}

/* The rlimits array when this platform has POSIX rlimits. */
static const struct oc_node *
rlimits(const struct oc_check_ctx *ctx)
{
	const struct oc_node *r = doc_get(ctx->doc, process(ctx), "rlimits");

	if (r == NULL || doc_kind(r) != OC_ARRAY || cfg_windows_guest(ctx))
		return NULL;
	return r;
}

void
check_rlimit_duplicate(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = rlimits(ctx);
	size_t i, j, g, k;
	struct oc_buf ptr = { 0 }, name = { 0 };
	struct lx_key *v;

	if (list == NULL)
		return;
	v = lx_keys_collect(ctx->doc, list, "type", &k);
	for (i = 0; i < k; i = g) {
		for (g = i + 1; g < k && same_name(&v[i], &v[g]); g++)
			;
		if (g - i < 2)
			continue;
		ptr.len = name.len = 0;
		doc_pointer(ctx->doc, doc_parent(ctx->doc, v[i].n), &ptr);
		buf_add_display(&name, v[i].s, v[i].len, 64);
		for (j = i + 1; j < g; j++)
			check_report(ctx, OC_AT_VALUE, v[j].n,
			    "/process/rlimits/%zu sets "
			    "%s again (first at %s): the spec requires runtimes "
			    "to reject duplicated types, while runc and crun "
			    "apply both and the last one wins", v[j].idx,
			    name.s, ptr.s);
	}
	free(v);
	buf_free(&ptr);
	buf_free(&name);
}

void
check_rlimit_soft_hard(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = rlimits(ctx);
	size_t i, n = cfg_count(list);

	for (i = 0; list != NULL && i < n; i++) {
		const struct oc_node *r = doc_at(ctx->doc, list, i);
		const struct oc_node *soft = doc_get(ctx->doc, r, "soft");
		uint64_t sv, hv;

		if (doc_u64(ctx->doc, soft, &sv) < 0 ||
		    doc_u64(ctx->doc, doc_get(ctx->doc, r, "hard"), &hv) < 0 ||
		    sv <= hv)
			continue;
		check_report(ctx, OC_AT_VALUE, soft,
		    "/process/rlimits/%zu/soft %llu is "
		    "above hard %llu: setrlimit(2) fails with EINVAL, so runc "
		    "and crun fail to start the container", i,
		    (unsigned long long)sv, (unsigned long long)hv);
	}
}

/* The schema pattern for rlimit types; other spellings are its finding. */
static int
rlimit_pattern(const char *s, size_t n)
{
	size_t i;

	if (n < 8 || memcmp(s, "RLIMIT_", 7) != 0)
		return 0;
	for (i = 7; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	return 1;
}

void
check_rlimit_type(struct oc_check_ctx *ctx)
{
	const struct oc_node *list = rlimits(ctx);
	int solaris = ctx->platform == OC_PLATFORM_SOLARIS;
	struct oc_buf shown = { 0 };
	size_t i, n = cfg_count(list), len;

	if (list == NULL || (!solaris && !cfg_linux_guest(ctx)))
		return;
	for (i = 0; i < n; i++) {
		const struct oc_node *t = doc_get(ctx->doc,
		    doc_at(ctx->doc, list, i), "type");
		const char *s = doc_str(ctx->doc, t, &len);

		if (s == NULL || !rlimit_pattern(s, len) ||
		    cfg_rlimit_known(solaris, s, len))
			continue;
		shown.len = 0;
		doc_show(ctx->doc, t, &shown);
		if (solaris)
			check_report(ctx, OC_AT_VALUE, t,
			    "/process/rlimits/%zu/type %s is "
			    "not a Solaris resource limit (getrlimit(3)): the "
			    "runtime MUST refuse a type it cannot map", i,
			    shown.s);
		else
			check_report(ctx, OC_AT_VALUE, t,
			    "/process/rlimits/%zu/type %s is "
			    "not a Linux resource limit (getrlimit(2)): runc "
			    "and crun refuse to create the container", i,
			    shown.s);
	}
	buf_free(&shown);
}

/* Capabilities. */

/* capabilities(7) by number, up to Linux 5.9's CAP_CHECKPOINT_RESTORE;
 * lengths beside the names, as every config lists dozens to look up. */
#define CAP(name) { name, sizeof(name) - 1 }
static const struct {
	const char *name;
	size_t len;
} caps[] = {
	CAP("CHOWN"), CAP("DAC_OVERRIDE"), CAP("DAC_READ_SEARCH"),
	CAP("FOWNER"), CAP("FSETID"), CAP("KILL"), CAP("SETGID"),
	CAP("SETUID"), CAP("SETPCAP"), CAP("LINUX_IMMUTABLE"),
	CAP("NET_BIND_SERVICE"), CAP("NET_BROADCAST"), CAP("NET_ADMIN"),
	CAP("NET_RAW"), CAP("IPC_LOCK"), CAP("IPC_OWNER"), CAP("SYS_MODULE"),
	CAP("SYS_RAWIO"), CAP("SYS_CHROOT"), CAP("SYS_PTRACE"),
	CAP("SYS_PACCT"), CAP("SYS_ADMIN"), CAP("SYS_BOOT"), CAP("SYS_NICE"),
	CAP("SYS_RESOURCE"), CAP("SYS_TIME"), CAP("SYS_TTY_CONFIG"),
	CAP("MKNOD"), CAP("LEASE"), CAP("AUDIT_WRITE"), CAP("AUDIT_CONTROL"),
	CAP("SETFCAP"), CAP("MAC_OVERRIDE"), CAP("MAC_ADMIN"), CAP("SYSLOG"),
	CAP("WAKE_ALARM"), CAP("BLOCK_SUSPEND"), CAP("AUDIT_READ"),
	CAP("PERFMON"), CAP("BPF"), CAP("CHECKPOINT_RESTORE"),
};
#undef CAP

int
cfg_capability(const char *s, size_t n)
{
	size_t i;

	if (n < 5 || memcmp(s, "CAP_", 4) != 0)
		return -1;
	for (i = 0; i < ARRAY_SIZE(caps); i++)
		if (caps[i].len == n - 4 && caps[i].name[0] == s[4] &&
		    memcmp(caps[i].name, s + 4, n - 4) == 0)
			return (int)i;
	return -1;
}

/* The same name in another case, or without its CAP_ prefix. */
static int
cap_misspelt(const char *s, size_t n)
{
	size_t i, off = n >= 4 && strncasecmp(s, "CAP_", 4) == 0 ? 4 : 0;

	for (i = 0; i < ARRAY_SIZE(caps); i++)
		if (caps[i].len == n - off &&
		    strncasecmp(caps[i].name, s + off, n - off) == 0)
			return 1;
	return 0;
}

static const struct oc_node *
cap_set(const struct oc_check_ctx *ctx, const char *name)
{
	const struct oc_node *c = doc_get(ctx->doc, process(ctx),
	    "capabilities");
	const struct oc_node *set = doc_get(ctx->doc, c, name);

	if (!cfg_linux_guest(ctx) || set == NULL || doc_kind(set) != OC_ARRAY)
		return NULL;
	return set;
}

/* Bits of the known capabilities in a set; an absent set is empty, as
 * runc and crun read it. */
static uint64_t
cap_mask(const struct oc_check_ctx *ctx, const char *name)
{
	const struct oc_node *set = cap_set(ctx, name);
	size_t i, n = cfg_count(set), len;
	uint64_t mask = 0;

	for (i = 0; set != NULL && i < n; i++) {
		const char *s = doc_str(ctx->doc, doc_at(ctx->doc, set, i),
		    &len);
		int c = s != NULL ? cfg_capability(s, len) : -1;

		if (c >= 0)
			mask |= (uint64_t)1 << c;
	}
	return mask;
}

static const char *const cap_sets[] = {
	"bounding", "effective", "inheritable", "permitted", "ambient",
};

void
check_caps_unknown(struct oc_check_ctx *ctx)
{
	struct oc_buf shown = { 0 };
	size_t k, i, n, len;

	for (k = 0; k < ARRAY_SIZE(cap_sets); k++) {
		const struct oc_node *set = cap_set(ctx, cap_sets[k]);

		n = cfg_count(set);
		for (i = 0; set != NULL && i < n; i++) {
			const struct oc_node *e = doc_at(ctx->doc, set, i);
			const char *s = doc_str(ctx->doc, e, &len);

			if (s == NULL || cfg_capability(s, len) >= 0)
				continue;
			shown.len = 0;
			doc_show(ctx->doc, e, &shown);
			check_report(ctx, OC_AT_VALUE, e,
			    "/process/capabilities/%s/%zu %s "
			    "is not a Linux capability (%s): runc warns and "
			    "ignores it, crun refuses the config since July "
			    "2026 (crun#2121)", cap_sets[k], i, shown.s,
			    cap_misspelt(s, len) ? "names are upper case with "
			    "the CAP_ prefix, e.g. \"CAP_CHOWN\"" : "the known "
			    "ones end at CAP_CHECKPOINT_RESTORE");
		}
	}
	buf_free(&shown);
}

/* Report the entries of set name that are not in every set of need. */
static void
caps_outside(struct oc_check_ctx *ctx, const char *name,
    const char *const *need, size_t nneed, const char *why)
{
	const struct oc_node *set = cap_set(ctx, name);
	size_t i, k, n = cfg_count(set), len;
	uint64_t mask[2];
	struct oc_buf missing = { 0 };

	for (k = 0; k < nneed; k++)
		mask[k] = cap_mask(ctx, need[k]);
	for (i = 0; set != NULL && i < n; i++) {
		const struct oc_node *e = doc_at(ctx->doc, set, i);
		const char *s = doc_str(ctx->doc, e, &len);
		int c = s != NULL ? cfg_capability(s, len) : -1;

		if (c < 0)
			continue;
		missing.len = 0;
		for (k = 0; k < nneed; k++)
			if (!(mask[k] & (uint64_t)1 << c))
				buf_printf(&missing, "%s/process/"
				    "capabilities/%s", missing.len ? " nor " : "",
				    need[k]);
		if (missing.len == 0)
			continue;
		check_report(ctx, OC_AT_VALUE, e,
		    "/process/capabilities/%s/%zu CAP_%s is "
		    "not in %s: %s", name, i, caps[c].name, missing.s, why);
	}
	buf_free(&missing);
}

void
check_caps_effective(struct oc_check_ctx *ctx)
{
	static const char *const need[] = { "permitted" };

	caps_outside(ctx, "effective", need, ARRAY_SIZE(need), "capset(2) "
	    "refuses an effective set larger than the permitted one (EPERM), "
	    "so the container fails to start");
}

void
check_caps_ambient(struct oc_check_ctx *ctx)
{
	static const char *const need[] = { "permitted", "inheritable" };
	const struct oc_node *uid = doc_path(ctx->doc, process(ctx), "user",
	    "uid", NULL);
	uint64_t v = 0;

	/* Root keeps its permitted set across execve(2) without ambient
	 * capabilities: only for another user does a lost one matter
	 * (runc's own default spec lists ambient without inheritable). */
	if (uid != NULL && doc_u64(ctx->doc, uid, &v) < 0)
		return;
	if (v == 0)
		return;
	caps_outside(ctx, "ambient", need, ARRAY_SIZE(need), "the kernel "
	    "refuses PR_CAP_AMBIENT_RAISE for it (EPERM), runc and crun go "
	    "on without it, and the process, not running as root, lacks the "
	    "capability after execve(2)");
}
