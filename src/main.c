/* argv -> options -> run -> reports -> exit code. The only place that prints
 * errors and the only place that exits. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ocicheck/check.h"
#include "ocicheck/cli.h"
#include "ocicheck/config.h"
#include "ocicheck/contract.h"
#include "ocicheck/derive.h"
#include "ocicheck/source.h"
#include "commit.h"
#include "ocicheck/emit.h"
#include "ocicheck/progress.h"

enum {
	EXIT_CLEAN = 0,
	EXIT_FINDINGS = 1,
	EXIT_USAGE = 2,
	EXIT_TROUBLE = 3,
};

static void
print_error(struct oc_error *e)
{
	char *msg = oc_error_text(e);

	fprintf(stderr, "ocicheck: %s\n", msg);
	free(msg);
}

/* Flush stdout and say whether everything written reached it. */
static int
stdout_ok(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ocicheck: write error on standard output: %s\n",
		    strerror(errno ? errno : EIO));
		return 0;
	}
	return 1;
}

static int
fails(const struct oc_run *run, int fail_on)
{
	int s;

	for (s = fail_on; s <= OC_SEV_ERROR; s++)
		if (run->count[s] > 0)
			return 1;
	return 0;
}

struct paths {
	char **v;
	size_t n, cap;
};

static void
paths_add(struct paths *p, char *s)
{
	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof(*p->v));
	p->v[p->n++] = s;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every config.json under dir, sorted; symlinked directories are not
 * followed, so a link loop cannot make the walk endless. */
static void
walk(const char *dir, struct paths *out)
{
	struct paths subdirs = { 0 };
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t i, start = out->n;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		char *p;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    strcmp(e->d_name, ".git") == 0)
			continue;
		p = xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" :
		    "/", e->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			paths_add(&subdirs, p);
		else if (strcmp(e->d_name, "config.json") == 0)
			paths_add(out, p);
		else
			free(p);
	}
	closedir(d);
	if (out->n > start)
		qsort(out->v + start, out->n - start, sizeof(char *), cmp_str);
	if (subdirs.n > 1)
		qsort(subdirs.v, subdirs.n, sizeof(char *), cmp_str);
	for (i = 0; i < subdirs.n; i++) {
		walk(subdirs.v[i], out);
		free(subdirs.v[i]);
	}
	free(subdirs.v);
}

/*
 * Temporary report files not yet renamed into place, one slot per output,
 * for the handler of SIGHUP, SIGINT and SIGTERM to remove before the
 * signal takes its course: a killed run leaves no ".r.sarif.XXXXXX". The
 * slots are filled and emptied with those signals blocked, so the handler
 * never sees a name half set or already freed.
 */
static char *volatile *tmp_slots;
static volatile size_t tmp_nslots;
static const int cleanup_signals[] = { SIGHUP, SIGINT, SIGTERM };

static void
on_cleanup_signal(int sig)
{
	size_t i;

	/* unlink, signal and raise are async-signal-safe */
	for (i = 0; i < tmp_nslots; i++)
		if (tmp_slots[i] != NULL)
			unlink(tmp_slots[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
signals_mask(int how, sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < ARRAY_SIZE(cleanup_signals); i++)
		sigaddset(&set, cleanup_signals[i]);
	sigprocmask(how, how == SIG_SETMASK ? old : &set,
	    how == SIG_SETMASK ? NULL : old);
}

/* A signal ignored by whoever started us (nohup) stays ignored. */
static void
signals_init(size_t nslots)
{
	struct sigaction sa, prev;
	size_t i;

	tmp_slots = xcalloc(nslots, sizeof(*tmp_slots));
	tmp_nslots = nslots;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_cleanup_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < ARRAY_SIZE(cleanup_signals); i++)
		sigaddset(&sa.sa_mask, cleanup_signals[i]);
	for (i = 0; i < ARRAY_SIZE(cleanup_signals); i++)
		if (sigaction(cleanup_signals[i], NULL, &prev) == 0 &&
		    prev.sa_handler != SIG_IGN)
			sigaction(cleanup_signals[i], &sa, NULL);
}

static void
signals_free(void)
{
	sigset_t old;

	signals_mask(SIG_BLOCK, &old);
	tmp_nslots = 0;
	free((void *)tmp_slots);
	tmp_slots = NULL;
	signals_mask(SIG_SETMASK, &old);
}

/* What goes into an output file: a report, or a derived contract. */
struct writer {
	const struct oc_run *run;
	const struct oc_emit_info *info;
	enum oc_format format;
	const struct oc_buf *text;	/* written as is when not NULL */
};

static int
to_stdout(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0;
}

/* A device or FIFO is written in place, since renaming over /dev/null
 * would replace the device instead of writing to it. */
static int
in_place(const char *path)
{
	struct stat st;

	return to_stdout(path) || (stat(path, &st) == 0 && !S_ISREG(st.st_mode));
}

/* A report bound for a regular file: written to tmp, renamed over target
 * (the file path names through any symlink, so that "-o link" does not
 * replace the link) once every report is done. */
struct staged {
	char *tmp, *target;
	int code;		/* the exit code it records */
};

/* Create the temporary file of slot beside the target. NULL with errno on
 * failure. */
static FILE *
staged_open(struct staged *st, const char *path, size_t slot)
{
	const char *slash;
	sigset_t old;
	mode_t mask;
	FILE *f;
	int fd, e;

	if ((st->target = realpath(path, NULL)) == NULL)
		st->target = xstrdup(path);
	slash = strrchr(st->target, '/');
	st->tmp = slash ? xasprintf("%.*s/.%s.XXXXXX",
	    (int)(slash - st->target), st->target, slash + 1) :
	    xasprintf(".%s.XXXXXX", st->target);
	signals_mask(SIG_BLOCK, &old);
	fd = mkstemp(st->tmp);
	if (fd >= 0)
		tmp_slots[slot] = st->tmp;
	signals_mask(SIG_SETMASK, &old);
	if (fd < 0)
		return NULL;
	if ((f = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	/* mkstemp creates 0600; a report is as readable as any file */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	return f;
}

/* Remove the temporary file (rename 0) or rename it into place. */
static int
staged_end(struct staged *st, size_t slot, int rename_it)
{
	sigset_t old;
	int rc = 0;

	signals_mask(SIG_BLOCK, &old);
	if (st->tmp != NULL) {
		if (rename_it)
			rc = rename(st->tmp, st->target);
		if (!rename_it || rc != 0)
			unlink(st->tmp);
		tmp_slots[slot] = NULL;
	}
	signals_mask(SIG_SETMASK, &old);
	free(st->tmp);
	free(st->target);
	st->tmp = st->target = NULL;
	return rc;
}

static int
writer_run(FILE *out, const struct writer *w)
{
	struct oc_error *err = NULL;

	if (w->text != NULL)
		return fwrite(w->text->s, 1, w->text->len, out) == w->text->len ?
		    0 : -1;
	if (emit_for(w->format)(out, w->run, w->info, &err) < 0) {
		print_error(err);
		oc_error_free(err);
		return -1;
	}
	return 0;
}

/* Write w to f and close it; sync a file that will be renamed, so that a
 * crash cannot leave a renamed but empty report. */
static int
write_close(FILE *f, const struct writer *w, int sync)
{
	int rc;

	errno = 0;
	rc = writer_run(f, w);
	if (rc == 0 && (fflush(f) != 0 || ferror(f) ||
	    (sync && fsync(fileno(f)) != 0)))
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

static int
write_failed(const char *path)
{
	fprintf(stderr, "ocicheck: cannot write '%s': %s\n", path,
	    strerror(errno ? errno : EIO));
	return -1;
}

/* Write w in place: stdout, a device or a FIFO. */
static int
write_in_place(const char *path, const struct writer *w)
{
	FILE *f;

	if (to_stdout(path)) {
		errno = 0;
		if (writer_run(stdout, w) < 0)
			return -1;
		return stdout_ok() ? 0 : -1;
	}
	if ((f = fopen(path, "w")) == NULL || write_close(f, w, 0) < 0)
		return write_failed(path);
	return 0;
}

/* Render w into the staged file of slot (again when it exists). */
static int
staged_write(struct staged *st, const char *path, size_t slot,
    const struct writer *w)
{
	FILE *f = st->tmp == NULL ? staged_open(st, path, slot) :
	    fopen(st->tmp, "w");

	if (f == NULL || write_close(f, w, 1) < 0) {
		write_failed(path);
		staged_end(st, slot, 0);
		return -1;
	}
	return 0;
}

/* One report, written so that a failed run never leaves a half-written
 * file (a device or FIFO is written in place). */
static int
write_atomic(const char *path, const struct writer *w)
{
	struct staged st = { 0 };

	if (in_place(path))
		return write_in_place(path, w);
	if (staged_write(&st, path, 0, w) < 0)
		return -1;
	if (staged_end(&st, 0, 1) != 0)
		return write_failed(path);
	return 0;
}

static int
records_exit_code(enum oc_format f)
{
	return f == OC_FORMAT_JSON || f == OC_FORMAT_SARIF;
}

/*
 * Every report of a run. JSON and SARIF record the exit code, which is
 * only known once every output has been written, so: the reports bound for
 * regular files are rendered into temporary files first; then those
 * written in place, text and GitHub (which record no code) before JSON and
 * SARIF; then a temporary file whose recorded code is no longer the run's
 * is rendered again, and only then are they renamed into place. Only a
 * failing in-place output after an in-place JSON or SARIF one, or a failed
 * rename, can still leave a report with a lower code than the exit's.
 */
static int
write_reports(const struct oc_options *opts, const struct oc_run *run,
    struct oc_emit_info *info, int rc)
{
	struct staged *st = xcalloc(opts->noutputs, sizeof(*st));
	int *order = xcalloc(opts->noutputs, sizeof(*order)), pass;
	size_t i;

	/* 0 staged, 1 in place without an exit code, 2 in place with one */
	for (i = 0; i < opts->noutputs; i++)
		order[i] = !in_place(opts->outputs[i].path) ? 0 :
		    records_exit_code(opts->outputs[i].format) ? 2 : 1;
	for (pass = 0; pass < 4; pass++) {
		for (i = 0; i < opts->noutputs; i++) {
			const struct oc_output *o = &opts->outputs[i];
			struct writer w = { run, info, o->format, NULL };

			if (pass < 3 ? order[i] != pass : order[i] != 0 ||
			    st[i].tmp == NULL || st[i].code == rc ||
			    !records_exit_code(o->format))
				continue;
			info->exit_code = st[i].code = rc;
			info->color = o->format == OC_FORMAT_TEXT &&
			    to_stdout(o->path) &&
			    cli_use_color(info->opts, STDOUT_FILENO);
			if (order[i] ? write_in_place(o->path, &w) < 0 :
			    staged_write(&st[i], o->path, i, &w) < 0)
				rc = EXIT_TROUBLE;
		}
	}
	for (i = 0; i < opts->noutputs; i++)
		if (st[i].tmp != NULL && staged_end(&st[i], i, 1) != 0) {
			write_failed(opts->outputs[i].path);
			rc = EXIT_TROUBLE;
		}
	info->exit_code = rc;
	free(order);
	free(st);
	return rc;
}

/* What every report of a run says about the run itself. */
static void
info_init(struct oc_emit_info *info, const struct oc_options *opts,
    int rc, const struct oc_settings *set, const struct oc_config *cfg)
{
	info->opts = opts;
	info->exit_code = rc;
	info->fail_on = (enum oc_severity)set->fail_on;
	info->report_root = opts->report_root;
	info->sarif_category = opts->sarif_category;
	info->config_path = cfg != NULL ? cfg->path : NULL;
	info->runtimes = set->runtimes;
}

/* Find and load the config file unless told not to. */
static int
load_config(const struct oc_options *opts, struct oc_config **cfg)
{
	struct oc_error *err = NULL;
	char *path, *how;

	*cfg = NULL;
	if (opts->no_config)
		return 0;
	if (config_find(opts->config_path, &path, &how, &err) < 0 ||
	    (path != NULL && config_load(path, cfg, &err) < 0)) {
		print_error(err);
		oc_error_free(err);
		free(path);
		free(how);
		return -1;
	}
	if (*cfg != NULL)
		(*cfg)->how = how;
	else
		free(how);
	free(path);
	return 0;
}

/* Inputs in argument order; -r expands directories. A PATH that yields
 * nothing is an error (exit 3), never a silent pass. */
static int
gather(const struct oc_options *opts, struct paths *in)
{
	static char default_path[] = "config.json";
	struct stat st;
	size_t i, before;
	int rc = 0;

	if (opts->mode == OC_MODE_CONTRACT_LINT)
		return 0;
	if (opts->npaths == 0) {
		if (access(default_path, F_OK) != 0) {
			fputs("ocicheck: no PATH given and no ./config.json\n"
			    "Try 'ocicheck --help' for more information.\n",
			    stderr);
			return -2;
		}
		paths_add(in, xstrdup(default_path));
		return 0;
	}
	for (i = 0; i < opts->npaths; i++) {
		const char *p = opts->paths[i];

		if (!opts->recursive || stat(p, &st) != 0 ||
		    !S_ISDIR(st.st_mode)) {
			paths_add(in, xstrdup(p));
			continue;
		}
		before = in->n;
		walk(p, in);
		if (in->n == before) {
			fprintf(stderr, "ocicheck: no config.json under '%s'\n",
			    p);
			rc = -1;
		}
	}
	return rc;
}

/* A directory without config.json but with bundles below it was meant
 * for -r: say so. */
static void
hint_recursive(const struct oc_options *opts, const char *path)
{
	struct paths below = { 0 };
	struct stat st;
	size_t i;

	if (opts->recursive || stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return;
	walk(path, &below);
	if (below.n > 0)
		fprintf(stderr, "ocicheck: '%s' has %zu config.json below it "
		    "(%s...): use -r to check them all\n", path, below.n,
		    below.v[0]);
	for (i = 0; i < below.n; i++)
		free(below.v[i]);
	free(below.v);
}

static int
check_paths(const struct oc_options *opts)
{
	struct oc_emit_info info = { 0 };
	struct oc_error *err = NULL;
	struct oc_config *cfg;
	struct oc_settings set;
	struct paths in = { 0 };
	struct progress prog;
	struct oc_run run;
	int rc = EXIT_CLEAN;
	size_t i;

	if (load_config(opts, &cfg) < 0)
		return EXIT_TROUBLE;
	run_init(&run);
	if (config_resolve(cfg, opts, &set, run.settings, &err) < 0) {
		print_error(err);
		oc_error_free(err);
		rc = EXIT_USAGE;
		goto out;
	}
	if (opts->mode == OC_MODE_PRINT_CONFIG) {
		config_print(stdout, cfg, opts, &set, run.settings);
		rc = stdout_ok() ? EXIT_CLEAN : EXIT_TROUBLE;
		goto out;
	}
	run.opts.platform = set.platform;
	run.opts.version = set.spec_version;
	run.target = opts->target;
	run.config = cfg;
	run.inline_ok = set.inline_ok;
	run.min_severity = set.min_severity;
	/* An invalid contract stops the run: exit 3, never 0 or 1. */
	for (i = 0; i < set.ncontracts; i++) {
		if (run_contract_for(&run, set.contracts[i],
		    set.contract_globs[i], &err) < 0) {
			print_error(err);
			oc_error_free(err);
			rc = EXIT_TROUBLE;
			goto out;
		}
	}
	if (opts->target != NULL && !run_has_target(&run, opts->target)) {
		fprintf(stderr, "ocicheck: no contract has a target named "
		    "'%s'\n", opts->target);
		rc = EXIT_USAGE;
		goto out;
	}
	switch (gather(opts, &in)) {
	case -2:
		rc = EXIT_USAGE;
		goto out;
	case -1:
		rc = EXIT_TROUBLE;
		break;
	}
	/* One file at a time: run_path frees each document before the next
	 * is read, so many inputs take the memory of the largest one. */
	progress_init(&prog, opts, in.n);
	for (i = 0; i < in.n; i++) {
		progress_update(&prog, &run, i, in.v[i]);
		if (run_path(&run, in.v[i], opts->stdin_name, &err) < 0) {
			progress_erase(&prog);
			print_error(err);
			hint_recursive(opts, in.v[i]);
			oc_error_free(err);
			err = NULL;
			rc = EXIT_TROUBLE;
		}
	}
	progress_end(&prog);
	config_report_ignores(cfg, &run);
	run_finish(&run);
	if (rc == EXIT_CLEAN && fails(&run, set.fail_on))
		rc = EXIT_FINDINGS;
	info_init(&info, opts, rc, &set, cfg);
	info.show_suppressed = opts->show_suppressed;
	info.contracts = set.contracts;
	info.ncontracts = set.ncontracts;
	emit_paths_init(&info, &run);
	rc = write_reports(opts, &run, &info, rc);
	emit_paths_free(&info);
	if (!opts->quiet)
		emit_summary(stderr, &run);
out:
	for (i = 0; i < in.n; i++)
		free(in.v[i]);
	free(in.v);
	config_settings_free(&set);
	run_free(&run);
	config_free(cfg);
	return rc;
}

/* ocicheck contract derive: the contract to -o (or stdout), findings in
 * the rendered YAML reported like any run's, to stdout when the contract
 * went to a file and to stderr when it went to stdout. */
static int
derive_paths(const struct oc_options *opts)
{
	struct oc_derive_opts d = { (enum oc_kb_platform)opts->kb_platform,
		(const char *const *)opts->paths, opts->npaths,
		(const char *const *)opts->overlays, opts->noverlays,
		opts->chart };
	const char *out = opts->outputs[0].path;
	int to_stdout = out == NULL || strcmp(out, "-") == 0;
	struct oc_emit_info info = { 0 };
	struct oc_contract *c = NULL;
	struct oc_error *err = NULL;
	struct oc_buf text = { 0 };
	struct writer w = { 0 };
	struct oc_config *cfg;
	struct oc_settings set;
	struct oc_run run;
	char *hdr = NULL;
	int rc = EXIT_CLEAN;

	if (load_config(opts, &cfg) < 0)
		return EXIT_TROUBLE;
	run_init(&run);
	if (config_resolve(cfg, opts, &set, run.settings, &err) < 0) {
		print_error(err);
		oc_error_free(err);
		run_free(&run);
		config_free(cfg);
		return EXIT_USAGE;
	}
	if (derive_contract(&d, &run, &c, &hdr, &err) < 0) {
		print_error(err);
		oc_error_free(err);
		rc = EXIT_TROUBLE;
	} else {
		/* Writer and loader share fields.inc, so what is written
		 * loads back (tests/unit/test_contract_write.c holds them to
		 * it). */
		contract_write(&text, c, hdr);
		w.text = &text;
		if (write_atomic(out, &w) < 0)
			rc = EXIT_TROUBLE;
	}
	run_finish(&run);
	if (rc == EXIT_CLEAN && fails(&run, set.fail_on))
		rc = EXIT_FINDINGS;
	info_init(&info, opts, rc, &set, cfg);
	emit_paths_init(&info, &run);
	w = (struct writer){ &run, &info, opts->format, NULL };
	info.color = opts->format == OC_FORMAT_TEXT && cli_use_color(opts,
	    to_stdout ? STDERR_FILENO : STDOUT_FILENO);
	if (to_stdout ? writer_run(stderr, &w) < 0 :
	    write_atomic(NULL, &w) < 0)
		rc = EXIT_TROUBLE;
	emit_paths_free(&info);
	if (!opts->quiet)
		emit_summary(stderr, &run);
	contract_free(c);
	free(hdr);
	buf_free(&text);
	config_settings_free(&set);
	run_free(&run);
	config_free(cfg);
	return rc;
}

int
main(int argc, char **argv)
{
	struct oc_options opts;
	struct oc_error *err = NULL;
	int rc;

	/* A closed pipe must be an error message and exit 3, not a signal. */
	signal(SIGPIPE, SIG_IGN);
	/* ocicheck completion SHELL takes no options: before the parser. */
	if (argc >= 2 && strcmp(argv[1], "completion") == 0) {
		if (argc != 3 || emit_completion(stdout, argv[2], &err) < 0) {
			if (err == NULL)
				oc_error_set(&err, 0, "completion takes one "
				    "shell: bash, zsh or fish");
			print_error(err);
			oc_error_free(err);
			return EXIT_USAGE;
		}
		return stdout_ok() ? EXIT_CLEAN : EXIT_TROUBLE;
	}
	if (cli_parse(argc, argv, &opts, &err) < 0) {
		print_error(err);
		oc_error_free(err);
		cli_free(&opts);
		fputs("Try 'ocicheck --help' for more information.\n", stderr);
		return EXIT_USAGE;
	}
	signals_init(opts.noutputs ? opts.noutputs : 1);
	switch (opts.mode) {
	case OC_MODE_HELP:
		cli_usage(stdout);
		rc = stdout_ok() ? EXIT_CLEAN : EXIT_TROUBLE;
		break;
	case OC_MODE_VERSION:
		printf("ocicheck %s%s%s%s\nruntime-spec 1.0.0 to 1.3.0\n",
		    OCICHECK_VERSION, OCICHECK_COMMIT[0] ? " (commit " : "",
		    OCICHECK_COMMIT, OCICHECK_COMMIT[0] ? ")" : "");
		rc = stdout_ok() ? EXIT_CLEAN : EXIT_TROUBLE;
		break;
	case OC_MODE_LIST_RULES:
		emit_rule_list(stdout, opts.format);
		rc = stdout_ok() ? EXIT_CLEAN : EXIT_TROUBLE;
		break;
	case OC_MODE_EXPLAIN:
		emit_rule_explain(stdout, rules_find(opts.explain), opts.format);
		rc = stdout_ok() ? EXIT_CLEAN : EXIT_TROUBLE;
		break;
	case OC_MODE_CONTRACT_DERIVE:
		rc = derive_paths(&opts);
		break;
	case OC_MODE_CONTRACT_SCHEMA:
		fputs(contract_schema_text(), stdout);
		rc = stdout_ok() ? EXIT_CLEAN : EXIT_TROUBLE;
		break;
	default:
		rc = check_paths(&opts);
		break;
	}
	signals_free();
	cli_free(&opts);
	return rc;
}
