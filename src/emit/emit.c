/* What the emitters share: the summary line, fingerprints, message
 * cleaning and help links. */
#include <stdlib.h>
#include <string.h>

#include "ocicheck/emit.h"

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void
emit_summary(FILE *out, const struct oc_run *run)
{
	static const char *const kinds[OC_NKINDS][2] = {
		{ "config", "configs" }, { "contract", "contracts" },
		{ "config file", "config files" },
		{ "manifest", "manifests" },
	};
	size_t i, unreadable = 0, n[OC_NKINDS] = { 0 };

	for (i = 0; i < run->nfiles; i++) {
		unreadable += run->files[i].status != OC_FILE_CHECKED;
		n[run->files[i].kind]++;
	}
	/* configs apart from the contracts and the config file beside them;
	 * a kind the run had none of is left out, configs only when
	 * something else is there to count */
	fputs("ocicheck: ", out);
	for (i = 0; i < OC_NKINDS; i++)
		if (n[i] > 0 || (i == OC_KIND_CONFIG && n[OC_KIND_CONTRACT] ==
		    0 && n[OC_KIND_MANIFEST] == 0))
			fprintf(out, "%zu %s, ", n[i], kinds[i][n[i] != 1]);
	fprintf(out, "%zu %s, %zu %s, %zu info",
	    run->count[OC_SEV_ERROR],
	    plural(run->count[OC_SEV_ERROR], "error", "errors"),
	    run->count[OC_SEV_WARNING],
	    plural(run->count[OC_SEV_WARNING], "warning", "warnings"),
	    run->count[OC_SEV_INFO]);
	if (run->suppressed)
		fprintf(out, " (%zu suppressed)", run->suppressed);
	if (unreadable)
		fprintf(out, " (%zu unreadable)", unreadable);
	fputc('\n', out);
}

static uint64_t
fnv64(uint64_t h, const char *s, size_t n)
{
	while (n--)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

/* Rule, path and pointer: a finding keeps its id when lines move. */
static uint64_t
fingerprint_base(const char *path, const struct oc_finding *f)
{
	uint64_t h = 14695981039346656037ull;

	/* The NUL separators keep ("a","bc") apart from ("ab","c"). */
	h = fnv64(h, f->rule->id, strlen(f->rule->id) + 1);
	h = fnv64(h, path, strlen(path) + 1);
	return fnv64(h, f->pointer, strlen(f->pointer));
}

char *
emit_fingerprints(const struct oc_run *run, const struct oc_emit_info *info)
{
	size_t n = run->findings.n, cap = 16, i, k;
	char *out = xmalloc(n * 17 + 1);
	uint64_t *key;
	uint32_t *seen;

	while (cap < 2 * n)
		cap *= 2;
	key = xcalloc(cap, sizeof(*key));
	seen = xcalloc(cap, sizeof(*seen));
	/* Findings with the same rule, path and pointer (two comments, a key
	 * repeated twice) are told apart by their order among themselves,
	 * which does not change when lines are added above them. */
	for (i = 0; i < n; i++) {
		const struct oc_finding *f = &run->findings.v[i];
		uint64_t h = fingerprint_base(emit_path(info, run, f->file), f);
		char nth[24];

		for (k = h & (cap - 1); seen[k] != 0 && key[k] != h;
		    k = (k + 1) & (cap - 1))
			;
		key[k] = h;
		if (seen[k]++ > 0) {
			snprintf(nth, sizeof(nth), "%lu",
			    (unsigned long)seen[k] - 1);
			h = fnv64(h, "", 1);
			h = fnv64(h, nth, strlen(nth));
		}
		snprintf(out + 17 * i, 17, "%016llx", (unsigned long long)h);
	}
	free(key);
	free(seen);
	return out;
}

const char *
emit_clean(const char *s, struct oc_buf *b)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n, k;

	/* printable ASCII, the usual text, in a tight loop first */
	while (p[i] >= 0x20 && p[i] < 0x7f)
		i++;
	if (p[i] == '\0')
		return s;
	n = i + strlen(s + i);
	while (i < n) {
		k = p[i] < 0x80 ? (p[i] >= 0x20 && p[i] != 0x7f) :
		    utf8_valid_len(p + i, n - i);
		if (k == 0) {
			b->len = 0;
			buf_add_display(b, s, n, SIZE_MAX);
			return b->s;
		}
		i += k;
	}
	return s;
}

void
emit_help_uri(const struct oc_rule *r, struct oc_buf *b)
{
	buf_printf(b, "%s%s.md", OCICHECK_HELP_BASE, r->id);
}
