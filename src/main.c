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
#include "ocicheck/derive.h"
#include "ocicheck/source.h"
#include "ocicheck/emit.h"

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
 * The progress line of a run over many files, on standard error when it
 * is a terminal: "ocicheck: 1234/10000 files, 56 findings", redrawn at
 * most ten times a second and erased before anything else is printed.
 * It starts with the run when there are more than a handful of files, or
 * once the run has taken 0.2 s.
 */
#define PROGRESS_MANY 5
#define PROGRESS_AFTER_NS 200000000LL
#define PROGRESS_EVERY_NS 100000000LL

struct progress {
	int on;			/* may draw: a terminal, not -q, several files */
	int shown;		/* a line is on the screen */
	size_t total, counted, findings;
	long long start, last;	/* monotonic ns */
};

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void
progress_init(struct progress *p, const struct oc_options *opts,
    size_t total)
{
	memset(p, 0, sizeof(*p));
	p->on = !opts->quiet && total > 1 && isatty(STDERR_FILENO);
	p->total = total;
	p->start = p->on ? now_ns() : 0;
}

static void
progress_erase(struct progress *p)
{
	if (!p->shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	p->shown = 0;
}

/* done files checked so far; count the findings the report will show. */
static void
progress_update(struct progress *p, const struct oc_run *run, size_t done)
{
	long long t;

	if (!p->on)
		return;
	for (; p->counted < run->findings.n; p->counted++) {
		const struct oc_finding *f = &run->findings.v[p->counted];

		p->findings += !f->suppressed &&
		    (int)f->severity >= run->min_severity;
	}
	t = now_ns();
	if (p->shown ? t - p->last < PROGRESS_EVERY_NS :
	    p->total <= PROGRESS_MANY && t - p->start < PROGRESS_AFTER_NS)
		return;
	p->last = t;
	p->shown = 1;
	fprintf(stderr, "\rocicheck: %zu/%zu files, %zu finding%s\033[K", done,
	    p->total, p->findings, p->findings == 1 ? "" : "s");
	fflush(stderr);
}

/* What goes into an output file: a report, or a derived contract. */
struct writer {
	const struct oc_run *run;
	const struct oc_emit_info *info;
	enum oc_format format;
	const struct oc_buf *text;	/* written as is when not NULL */
};

/* Open the file a report goes to: a temporary file (*tmp) to be renamed
 * over *target, the regular file path names through any symlink (so that
 * "-o /dev/stdout" into a file does not replace the link); or a device or
 * FIFO itself, since renaming over /dev/null would replace the device
 * instead of writing to it. NULL with errno on failure. */
static FILE *
report_open(const char *path, char **tmp, char **target)
{
	struct stat st;
	const char *slash;
	mode_t mask;
	FILE *f;
	int fd, e;

	*tmp = *target = NULL;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return fopen(path, "w");
	if ((*target = realpath(path, NULL)) == NULL)
		*target = xstrdup(path);
	slash = strrchr(*target, '/');
	*tmp = slash ? xasprintf("%.*s/.%s.XXXXXX", (int)(slash - *target),
	    *target, slash + 1) : xasprintf(".%s.XXXXXX", *target);
	if ((fd = mkstemp(*tmp)) < 0)
		return NULL;
	if ((f = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		unlink(*tmp);
		errno = e;
		return NULL;
	}
	/* mkstemp creates 0600; a report is as readable as any file */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	return f;
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

/* Write to stdout, or to a temporary file renamed over path so that a
 * failed run never leaves a half-written file (a device or FIFO is
 * written in place, see report_open). */
static int
write_atomic(const char *path, const struct writer *w)
{
	char *tmp, *target;
	FILE *f;
	int rc;

	if (path == NULL || strcmp(path, "-") == 0) {
		errno = 0;
		if (writer_run(stdout, w) < 0)
			return -1;
		return stdout_ok() ? 0 : -1;
	}
	if ((f = report_open(path, &tmp, &target)) == NULL) {
		fprintf(stderr, "ocicheck: cannot write '%s': %s\n", path,
		    strerror(errno));
		free(tmp);
		free(target);
		return -1;
	}
	errno = 0;
	rc = writer_run(f, w);
	if (rc == 0 && (fflush(f) != 0 || ferror(f) ||
	    (tmp != NULL && fsync(fileno(f)) != 0)))
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	if (rc == 0 && tmp != NULL && rename(tmp, target) != 0)
		rc = -1;
	if (rc < 0) {
		fprintf(stderr, "ocicheck: cannot write '%s': %s\n", path,
		    strerror(errno ? errno : EIO));
		if (tmp != NULL)
			unlink(tmp);
	}
	free(tmp);
	free(target);
	return rc;
}

/* Write one report, colored only on a terminal. */
static int
write_report(const struct oc_output *o, const struct oc_run *run,
    struct oc_emit_info *info)
{
	struct writer w = { run, info, o->format, NULL };
	int to_stdout = o->path == NULL || strcmp(o->path, "-") == 0;

	info->color = o->format == OC_FORMAT_TEXT && to_stdout &&
	    cli_use_color(info->opts, STDOUT_FILENO);
	return write_atomic(o->path, &w);
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
		config_print(stdout, cfg, &set, run.settings);
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
		if (run_contract(&run, set.contracts[i], &err) < 0) {
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
		progress_update(&prog, &run, i);
		if (run_path(&run, in.v[i], opts->stdin_name, &err) < 0) {
			progress_erase(&prog);
			print_error(err);
			oc_error_free(err);
			err = NULL;
			rc = EXIT_TROUBLE;
		}
	}
	progress_erase(&prog);
	config_report_ignores(cfg, &run);
	run_finish(&run);
	if (rc == EXIT_CLEAN && fails(&run, set.fail_on))
		rc = EXIT_FINDINGS;
	info_init(&info, opts, rc, &set, cfg);
	info.show_suppressed = opts->show_suppressed;
	info.contracts = set.contracts;
	info.ncontracts = set.ncontracts;
	emit_paths_init(&info, &run);
	for (i = 0; i < opts->noutputs; i++)
		if (write_report(&opts->outputs[i], &run, &info) < 0)
			rc = EXIT_TROUBLE;
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
		(const char *const *)opts->overlays, opts->noverlays };
	const char *out = opts->outputs[0].path;
	int to_stdout = out == NULL || strcmp(out, "-") == 0;
	struct oc_emit_info info = { 0 };
	struct oc_contract *c = NULL, *back = NULL;
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
		contract_write(&text, c, hdr);
		/* What derive writes must load as a contract: a check of the
		 * writer, never of the user's input. */
		if (contract_load_source(source_from_mem(to_stdout ?
		    "<derived contract>" : out, text.s, text.len), &back,
		    &err) < 0) {
			print_error(err);
			oc_error_free(err);
			rc = EXIT_TROUBLE;
		} else {
			w.text = &text;
			if (write_atomic(out, &w) < 0)
				rc = EXIT_TROUBLE;
		}
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
	contract_free(back);
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
	if (cli_parse(argc, argv, &opts, &err) < 0) {
		print_error(err);
		oc_error_free(err);
		cli_free(&opts);
		fputs("Try 'ocicheck --help' for more information.\n", stderr);
		return EXIT_USAGE;
	}
	switch (opts.mode) {
	case OC_MODE_HELP:
		cli_usage(stdout);
		rc = stdout_ok() ? EXIT_CLEAN : EXIT_TROUBLE;
		break;
	case OC_MODE_VERSION:
		printf("ocicheck %s\nruntime-spec 1.0.0 to 1.3.0\n",
		    OCICHECK_VERSION);
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
	default:
		rc = check_paths(&opts);
		break;
	}
	cli_free(&opts);
	return rc;
}
