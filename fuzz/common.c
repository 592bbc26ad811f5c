/*
 * Shared by the fuzz targets. Beyond the sanitizers, the oracles here hold
 * ocicheck to its promises: every finding is positioned inside its input,
 * and the tree a loader builds reads back consistently.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ocicheck/check.h"
#include "ocicheck/config.h"
#include "ocicheck/derive.h"
#include "ocicheck/source.h"
#include "ocicheck/emit.h"

#include "fuzz.h"

void
fuzz_fail(const char *what, const char *file, int line)
{
	fprintf(stderr, "%s:%d: broken promise: %s\n", file, line, what);
	abort();
}

static void
check_span(struct oc_span sp, size_t len)
{
	FUZZ_ASSERT(sp.start.offset <= sp.end.offset);
	FUZZ_ASSERT(sp.end.offset <= len);
	FUZZ_ASSERT(sp.start.line >= 1 && sp.start.col >= 1);
	FUZZ_ASSERT(sp.end.line >= sp.start.line && sp.end.col >= 1);
}

void
fuzz_check_findings(const struct oc_findings *f, size_t from)
{
	size_t i, len = f->src ? f->src->len : 0;

	for (i = from; i < f->n; i++) {
		const struct oc_finding *x = &f->v[i];

		FUZZ_ASSERT(x->rule != NULL && x->message != NULL);
		FUZZ_ASSERT(x->pointer != NULL);
		FUZZ_ASSERT(x->pointer[0] == '\0' || x->pointer[0] == '/');
		check_span(x->span, len);
	}
}

void
fuzz_walk(const struct oc_doc *doc)
{
	size_t i, k, len, klen;
	struct oc_buf ptr = { 0 };

	for (i = 0; i < doc->nroots; i++)
		FUZZ_ASSERT(doc_parent(doc, doc_root(doc, i)) == NULL);
	for (i = 0; i < doc->nnodes; i++) {
		const struct oc_node *n = &doc->nodes[i], *p, *again;
		const char *key = doc_key_text(doc, n, &klen);

		FUZZ_ASSERT(doc_text(doc, n, &len) != NULL || len == 0);
		check_span(doc_span(doc, n), doc->src->len);
		check_span(doc_key_span(doc, n), doc->src->len);
		p = doc_parent(doc, n);
		if (p != NULL) {
			FUZZ_ASSERT(doc_at(doc, p, doc_index(doc, n)) == n);
			FUZZ_ASSERT((key != NULL) ==
			    (doc_kind(p) == OC_OBJECT));
		}
		if (key != NULL) {
			/* the last member of that name answers a lookup */
			again = doc_getn(doc, p, key, klen);
			FUZZ_ASSERT(again != NULL && doc_index(doc, again) >=
			    doc_index(doc, n));
		}
		for (k = 0; k < doc_count(n); k++)
			FUZZ_ASSERT(doc_parent(doc, doc_at(doc, n, k)) == n);
		ptr.len = 0;
		doc_pointer(doc, n, &ptr);
		FUZZ_ASSERT(ptr.len == 0 || ptr.s[0] == '/');
	}
	buf_free(&ptr);
}

/* The bytes as a file ocicheck opens by name, as it would a user's. */
static int
mem_file(const char *data, size_t len, char *path, size_t size)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);

	if (fd < 0 || (len > 0 && write(fd, data, len) != (ssize_t)len)) {
		perror("fuzz: memfd");
		exit(1);
	}
	snprintf(path, size, "/proc/self/fd/%d", fd);
	return fd;
}

/* Input lengths by report path, for the span oracle. */
struct fuzz_file {
	char path[32];
	size_t len;
	int fd;
};

static void
check_run(const struct oc_run *run, const struct fuzz_file *files,
    size_t nfiles)
{
	size_t i, k;

	for (i = 0; i < run->findings.n; i++) {
		const struct oc_finding *x = &run->findings.v[i];
		const char *path;

		FUZZ_ASSERT(x->file < run->nfiles);
		FUZZ_ASSERT(x->rule != NULL && x->message != NULL);
		path = run->files[x->file].path;
		for (k = 0; k < nfiles; k++)
			if (strcmp(files[k].path, path) == 0)
				check_span(x->span, files[k].len);
	}
}

/* Reports are rendered in full and thrown away. */
static FILE *
devnull(void)
{
	static FILE *null;

	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL) {
		perror("fuzz: /dev/null");
		exit(1);
	}
	return null;
}

/* SARIF goes last: it lists every enabled rule in tool.driver.rules, a
 * catalog that does not depend on the input and costs 25 ms a run under
 * the sanitizers, so the rules are disabled first and only those with a
 * finding are rendered. */
static void
emit_all(struct oc_run *run, const struct oc_options *opts, int rc)
{
	static const enum oc_format formats[] = { OC_FORMAT_TEXT,
	    OC_FORMAT_JSON, OC_FORMAT_GITHUB, OC_FORMAT_SARIF };
	struct oc_emit_info info = { 0 };
	struct oc_error *err = NULL;
	FILE *null = devnull();
	size_t i, k;

	info.opts = opts;
	info.exit_code = rc;
	info.show_suppressed = 1;
	emit_summary(null, run);
	for (i = 0; i < ARRAY_SIZE(formats); i++) {
		if (formats[i] == OC_FORMAT_SARIF)
			for (k = 0; k < OC_NRULES; k++)
				run->settings[k].enabled = 0;
		info.color = formats[i] == OC_FORMAT_TEXT;
		if (emit_for(formats[i])(null, run, &info, &err) < 0) {
			oc_error_free(err);
			err = NULL;
		}
	}
	fflush(null);
}

void
fuzz_pipeline(const char *config, size_t clen, const char *contract,
    size_t nlen, const char *settings, size_t slen)
{
	struct fuzz_file files[3];
	struct oc_options opts = { 0 };
	struct oc_error *err = NULL;
	struct oc_config *cfg = NULL;
	struct oc_settings set;
	struct oc_run run;
	size_t i, nfiles = 0;
	int rc = 0;

	opts.fail_on = OC_SEV_ERROR;
	opts.platform = opts.spec_version = opts.min_severity = -1;
	run_init(&run);
	/* every rule, opt-in ones too, unless the .ocicheck.yaml says not */
	for (i = 0; i < OC_NRULES; i++)
		run.settings[i].enabled = 1;
	if (settings != NULL) {
		struct fuzz_file *f = &files[nfiles++];

		f->len = slen;
		f->fd = mem_file(settings, slen, f->path, sizeof(f->path));
		if (config_load(f->path, &cfg, &err) < 0) {
			oc_error_free(err);
			err = NULL;
			cfg = NULL;
		}
	}
	/* Contracts a settings file names are not loaded: they would be
	 * paths under /proc/self/fd, standard input among them. */
	FUZZ_ASSERT(config_resolve(cfg, &opts, &set, run.settings, &err) == 0);
	run.opts.platform = set.platform;
	run.opts.version = set.spec_version;
	run.config = cfg;
	run.inline_ok = set.inline_ok;
	run.min_severity = set.min_severity;
	if (contract != NULL) {
		struct fuzz_file *f = &files[nfiles++];

		f->len = nlen;
		f->fd = mem_file(contract, nlen, f->path, sizeof(f->path));
		/* main() stops at an invalid contract; going on checks the
		 * config all the same */
		if (run_contract(&run, f->path, &err) < 0) {
			oc_error_free(err);
			err = NULL;
			rc = 3;
		}
	}
	files[nfiles].len = clen;
	files[nfiles].fd = mem_file(config, clen, files[nfiles].path,
	    sizeof(files[nfiles].path));
	if (run_path(&run, files[nfiles].path, NULL, &err) < 0) {
		oc_error_free(err);
		rc = 3;
	}
	nfiles++;
	run_finish(&run);
	check_run(&run, files, nfiles);
	if (cfg != NULL)
		config_print(devnull(), cfg, &opts, &set, run.settings);
	emit_all(&run, &opts, rc);
	for (i = 0; i < nfiles; i++)
		close(files[i].fd);
	config_settings_free(&set);
	run_free(&run);
	config_free(cfg);
}

void
fuzz_derive(const char *rendered, size_t rlen, const char *overlay,
    size_t olen)
{
	struct fuzz_file files[2];
	struct oc_derive_opts d = { OC_KB_AUTO, NULL, 1, NULL, 0, NULL };
	const char *inputs[1], *overlays[1];
	struct oc_options opts = { 0 };
	struct oc_contract *c = NULL, *back = NULL;
	struct oc_error *err = NULL;
	struct oc_buf text = { 0 };
	struct oc_run run;
	char *hdr = NULL;
	size_t i, nfiles = 0;
	int rc = 0;

	opts.fail_on = OC_SEV_ERROR;
	opts.platform = opts.spec_version = opts.min_severity = -1;
	run_init(&run);
	for (i = 0; i < OC_NRULES; i++)
		run.settings[i].enabled = 1;
	files[nfiles].len = rlen;
	files[nfiles].fd = mem_file(rendered, rlen, files[nfiles].path,
	    sizeof(files[nfiles].path));
	inputs[0] = files[nfiles++].path;
	d.inputs = inputs;
	/* the first byte picks the platform, as --platform would */
	d.platform = rlen > 0 ?
	    (enum oc_kb_platform)((unsigned char)rendered[0] %
	    (OC_KB_NRELEASES + 1)) : OC_KB_AUTO;
	if (overlay != NULL) {
		files[nfiles].len = olen;
		files[nfiles].fd = mem_file(overlay, olen, files[nfiles].path,
		    sizeof(files[nfiles].path));
		overlays[0] = files[nfiles++].path;
		d.overlays = overlays;
		d.noverlays = 1;
	}
	if (derive_contract(&d, &run, &c, &hdr, &err) < 0) {
		oc_error_free(err);
		err = NULL;
		rc = 3;
	} else {
		/* What derive writes always loads back as a contract. */
		contract_write(&text, c, hdr);
		FUZZ_ASSERT(contract_load_source(source_from_mem("derived",
		    text.s, text.len), &back, &err) == 0);
	}
	run_finish(&run);
	check_run(&run, files, nfiles);
	emit_all(&run, &opts, rc);
	for (i = 0; i < nfiles; i++)
		close(files[i].fd);
	contract_free(back);
	contract_free(c);
	free(hdr);
	buf_free(&text);
	run_free(&run);
}
