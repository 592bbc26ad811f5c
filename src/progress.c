#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "ocicheck/progress.h"

/*
 * The progress line of a run over many files, on standard error when it
 * is a terminal: "ocicheck: 1234/10000 configs, 56 findings, reading
 * PATH", redrawn at most ten times a second and erased before anything
 * else is printed. It starts with the run when there are more than a
 * handful of files, or once the run has taken 0.2 s. An input that
 * blocks (a FIFO nobody writes, a slow network file) would freeze it, so
 * a timer redraws it meanwhile with the seconds waited: the user sees
 * which path the run waits on.
 */
#define PROGRESS_MANY 5
#define PROGRESS_AFTER_NS 200000000LL
#define PROGRESS_EVERY_NS 100000000LL
#define PROGRESS_TICK_US 250000

/* The line the timer redraws, valid while armed is set; the handler only
 * reads it, and the main line of control changes it with armed clear. */
static char tick_line[320];
static volatile size_t tick_len;
static volatile sig_atomic_t tick_armed, tick_count, tick_drawn;

static void
on_tick(int sig)
{
	char tail[32];
	size_t n = 0, secs;
	int e = errno;

	(void)sig;
	if (!tick_armed || ++tick_count < 4)
		goto out;
	/* " (12s)": formatted by hand, snprintf is not signal-safe */
	secs = (size_t)tick_count * PROGRESS_TICK_US / 1000000;
	tail[n++] = ' ';
	tail[n++] = '(';
	{
		char d[20];
		size_t k = 0;

		do
			d[k++] = (char)('0' + secs % 10);
		while ((secs /= 10) > 0 && k < sizeof(d));
		while (k > 0)
			tail[n++] = d[--k];
	}
	memcpy(tail + n, "s)\033[K", 5);
	n += 5;
	if (write(STDERR_FILENO, tick_line, tick_len) >= 0 &&
	    write(STDERR_FILENO, tail, n) >= 0)
		tick_drawn = 1;
out:
	errno = e;
}

static void
progress_timer(int on)
{
	struct itimerval it = { { 0, on ? PROGRESS_TICK_US : 0 },
		{ 0, on ? PROGRESS_TICK_US : 0 } };
	struct sigaction sa;

	if (on) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_tick;
		sa.sa_flags = SA_RESTART;	/* a blocked read goes on */
		sigemptyset(&sa.sa_mask);
		sigaction(SIGALRM, &sa, NULL);
	}
	setitimer(ITIMER_REAL, &it, NULL);
	if (!on)
		signal(SIGALRM, SIG_IGN);
}

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void
progress_init(struct progress *p, const struct oc_options *opts,
    size_t total)
{
	memset(p, 0, sizeof(*p));
	p->on = !opts->quiet && total > 1 && isatty(STDERR_FILENO);
	p->total = total;
	p->start = p->on ? now_ns() : 0;
	if (p->on)
		progress_timer(1);
}

void
progress_erase(struct progress *p)
{
	tick_armed = 0;
	if (!p->shown && !tick_drawn)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	p->shown = 0;
	tick_drawn = 0;
}

void
progress_end(struct progress *p)
{
	tick_armed = 0;
	if (p->on)
		progress_timer(0);
	progress_erase(p);
}

/* done files checked so far, path the next one; count the findings the
 * report will show. */
void
progress_update(struct progress *p, const struct oc_run *run, size_t done,
    const char *path)
{
	size_t plen = strlen(path);
	long long t;
	int n;

	if (!p->on)
		return;
	tick_armed = 0;
	tick_count = 0;
	for (; p->counted < run->findings.n; p->counted++) {
		const struct oc_finding *f = &run->findings.v[p->counted];

		p->findings += !f->suppressed &&
		    (int)f->severity >= run->min_severity;
	}
	/* a long path shows its end, where the file's name is */
	n = snprintf(tick_line, sizeof(tick_line), "\rocicheck: %zu/%zu "
	    "configs, %zu finding%s, reading %s%s", done, p->total,
	    p->findings, p->findings == 1 ? "" : "s", plen > 60 ? "..." : "",
	    plen > 60 ? path + plen - 57 : path);
	tick_len = n < 0 ? 0 : (size_t)n < sizeof(tick_line) ? (size_t)n :
	    sizeof(tick_line) - 1;
	tick_armed = 1;
	t = now_ns();
	if (p->shown ? t - p->last < PROGRESS_EVERY_NS :
	    p->total <= PROGRESS_MANY && t - p->start < PROGRESS_AFTER_NS)
		return;
	p->last = t;
	p->shown = 1;
	fprintf(stderr, "%.*s\033[K", (int)tick_len, tick_line);
	fflush(stderr);
}
