/* See include/ocicheck/output.h. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ocicheck/output.h"

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
void
output_signals_init(size_t nslots)
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

void
output_signals_free(void)
{
	sigset_t old;

	signals_mask(SIG_BLOCK, &old);
	tmp_nslots = 0;
	free((void *)tmp_slots);
	tmp_slots = NULL;
	signals_mask(SIG_SETMASK, &old);
}

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
struct output_staged {
	char *tmp, *target;
	int code;		/* the exit code it records */
};

/* Create the temporary file of slot beside the target. NULL with errno on
 * failure. */
static FILE *
staged_open(struct output_staged *st, const char *path, size_t slot)
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
staged_end(struct output_staged *st, size_t slot, int rename_it)
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

int
output_write_stream(FILE *out, const struct oc_writer *w,
    oc_report_fn *report)
{
	struct oc_error *err = NULL;

	if (w->text != NULL)
		return fwrite(w->text->s, 1, w->text->len, out) == w->text->len ?
		    0 : -1;
	if (emit_for(w->format)(out, w->run, w->info, &err) < 0) {
		report(err);
		return -1;
	}
	return 0;
}

/* Write w to f and close it; sync a file that will be renamed, so that a
 * crash cannot leave a renamed but empty report. */
static int
write_close(FILE *f, const struct oc_writer *w, int sync,
    oc_report_fn *report)
{
	int rc;

	errno = 0;
	rc = output_write_stream(f, w, report);
	if (rc == 0 && (fflush(f) != 0 || ferror(f) ||
	    (sync && fsync(fileno(f)) != 0)))
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

static int
write_failed(const char *path, oc_report_fn *report)
{
	struct oc_error *e = NULL;

	oc_error_set(&e, errno ? errno : EIO, "cannot write '%s'", path);
	report(e);
	return -1;
}

int
output_stdout_ok(oc_report_fn *report)
{
	struct oc_error *e = NULL;

	if (fflush(stdout) != 0 || ferror(stdout)) {
		oc_error_set(&e, errno ? errno : EIO, "write error on standard "
		    "output");
		report(e);
		return 0;
	}
	return 1;
}

/* Write w in place: stdout, a device or a FIFO. */
static int
write_in_place(const char *path, const struct oc_writer *w,
    oc_report_fn *report)
{
	FILE *f;

	if (to_stdout(path)) {
		errno = 0;
		if (output_write_stream(stdout, w, report) < 0)
			return -1;
		return output_stdout_ok(report) ? 0 : -1;
	}
	if ((f = fopen(path, "w")) == NULL || write_close(f, w, 0, report) < 0)
		return write_failed(path, report);
	return 0;
}

/* Render w into the staged file of slot (again when it exists). */
static int
staged_write(struct output_staged *st, const char *path, size_t slot,
    const struct oc_writer *w, oc_report_fn *report)
{
	FILE *f = st->tmp == NULL ? staged_open(st, path, slot) :
	    fopen(st->tmp, "w");

	if (f == NULL || write_close(f, w, 1, report) < 0) {
		write_failed(path, report);
		staged_end(st, slot, 0);
		return -1;
	}
	return 0;
}

int
output_write(const char *path, const struct oc_writer *w,
    oc_report_fn *report)
{
	struct output_staged st = { 0 };

	if (in_place(path))
		return write_in_place(path, w, report);
	if (staged_write(&st, path, 0, w, report) < 0)
		return -1;
	if (staged_end(&st, 0, 1) != 0)
		return write_failed(path, report);
	return 0;
}

static int
records_exit_code(enum oc_format f)
{
	return f == OC_FORMAT_JSON || f == OC_FORMAT_SARIF;
}

void
output_stage(struct oc_stage *s, const struct oc_output *outputs, size_t n)
{
	size_t i;

	s->outputs = outputs;
	s->n = n;
	s->st = xcalloc(n, sizeof(*s->st));
	s->order = xcalloc(n, sizeof(*s->order));
	/* 0 staged, 1 in place without an exit code, 2 in place with one */
	for (i = 0; i < n; i++)
		s->order[i] = !in_place(outputs[i].path) ? 0 :
		    records_exit_code(outputs[i].format) ? 2 : 1;
}

/*
 * JSON and SARIF record the exit code, which is only known once every
 * output has been written, so: the reports bound for regular files are
 * rendered into temporary files first; then those written in place, text
 * and GitHub (which record no code) before JSON and SARIF; then a
 * temporary file whose recorded code is no longer the run's is rendered
 * again, and only then (output_rename_all) are they renamed into place.
 * Only a failing in-place output after an in-place JSON or SARIF one, or a
 * failed rename, can still leave a report with a lower code than the
 * exit's.
 */
int
output_render_all(struct oc_stage *s, const struct oc_run *run,
    struct oc_emit_info *info, int rc, oc_report_fn *report)
{
	struct output_staged *st = s->st;
	int pass;
	size_t i;

	for (pass = 0; pass < 4; pass++) {
		for (i = 0; i < s->n; i++) {
			const struct oc_output *o = &s->outputs[i];
			struct oc_writer w = { run, info, o->format, NULL };

			if (pass < 3 ? s->order[i] != pass : s->order[i] != 0 ||
			    st[i].tmp == NULL || st[i].code == rc ||
			    !records_exit_code(o->format))
				continue;
			info->exit_code = st[i].code = rc;
			info->color = o->format == OC_FORMAT_TEXT &&
			    to_stdout(o->path) &&
			    cli_use_color(info->opts, STDOUT_FILENO);
			if (s->order[i] ? write_in_place(o->path, &w, report) < 0 :
			    staged_write(&st[i], o->path, i, &w, report) < 0)
				rc = OC_EXIT_TROUBLE;
		}
	}
	info->exit_code = rc;
	return rc;
}

int
output_rename_all(struct oc_stage *s, int rc, oc_report_fn *report)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->st[i].tmp != NULL && staged_end(&s->st[i], i, 1) != 0) {
			write_failed(s->outputs[i].path, report);
			rc = OC_EXIT_TROUBLE;
		}
	return rc;
}

void
output_discard(struct oc_stage *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		staged_end(&s->st[i], i, 0);
	free(s->st);
	free(s->order);
	memset(s, 0, sizeof(*s));
}
