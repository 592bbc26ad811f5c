/*
 * The floor of SPEC.md section 8, and the process runner scripts/bench
 * measures with.
 *
 *   bench-floor FILE... | @LIST
 *	Read each file into memory and parse it with yajl, no callbacks and
 *	default settings (strings are checked for valid UTF-8, as ocicheck
 *	checks them itself), then free it: the least any tool that reads the
 *	same JSON must do. @LIST
 *	names a file that lists one path per line. Exit 0 when every file
 *	parsed, 1 when one did not (the bench only feeds it valid JSON).
 *
 *   bench-floor --run OUT SECONDS PROG [ARG...]
 *	Run PROG with standard output sent to OUT and print one line:
 *	"wall_ns maxrss_kib utime_us stime_us exit". PROG is killed after
 *	SECONDS (0: never) or when the runner gets SIGINT, SIGTERM or SIGHUP,
 *	and exit is then 128 + the signal. A child's ru_maxrss
 *	includes the high-water mark of the address space it was forked
 *	from (Linux records it at exec), so a child of a 300 MB Python bench
 *	would report 300 MB; forking from this small program keeps the
 *	figure the child's own.
 *
 * Build: cc -O2 -o bench-floor scripts/bench-floor.c -lyajl
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <yajl/yajl_parse.h>

extern char **environ;

static volatile sig_atomic_t child;

static void
on_signal(int sig)
{
	if (child > 0)
		kill(child, SIGKILL);
	if (sig != SIGALRM) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
}

/* Whole file in one buffer, the way ocicheck's source_read() holds it. */
static char *
slurp(const char *path, size_t *len)
{
	struct stat st;
	size_t cap, n = 0;
	ssize_t r;
	char *buf;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	cap = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ?
	    (size_t)st.st_size + 1 : 65536;
	buf = malloc(cap);
	for (;;) {
		if (buf == NULL)
			break;
		if (n == cap) {
			char *nb = realloc(buf, cap * 2);

			if (nb == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r < 0) {
				free(buf);
				buf = NULL;
			}
			break;
		}
		n += (size_t)r;
	}
	close(fd);
	*len = n;
	return buf;
}

static int
parse_file(const char *path)
{
	/* Members NULL: yajl then only tokenizes, it decodes nothing. */
	static const yajl_callbacks none;
	yajl_handle h;
	yajl_status st;
	size_t len;
	char *buf;

	buf = slurp(path, &len);
	if (buf == NULL) {
		fprintf(stderr, "bench-floor: cannot read '%s': %s\n", path,
		    strerror(errno));
		return -1;
	}
	h = yajl_alloc(&none, NULL, NULL);
	if (h == NULL) {
		free(buf);
		fprintf(stderr, "bench-floor: out of memory\n");
		return -1;
	}
	st = yajl_parse(h, (const unsigned char *)buf, len);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(h);
	if (st != yajl_status_ok) {
		unsigned char *e = yajl_get_error(h, 0, NULL, 0);

		fprintf(stderr, "bench-floor: %s: %s", path,
		    e ? (const char *)e : "parse error\n");
		yajl_free_error(h, e);
	}
	yajl_free(h);
	free(buf);
	return st == yajl_status_ok ? 0 : -1;
}

static int
parse_list(const char *list)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;
	FILE *f = fopen(list, "r");

	if (f == NULL) {
		fprintf(stderr, "bench-floor: cannot open '%s': %s\n", list,
		    strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n > 0 && parse_file(line) < 0)
			rc = -1;
	}
	free(line);
	fclose(f);
	return rc;
}

static long long
usec(struct timeval tv)
{
	return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

static int
run(const char *out, unsigned seconds, char **argv)
{
	static const int sigs[] = { SIGALRM, SIGINT, SIGTERM, SIGHUP };
	posix_spawn_file_actions_t fa;
	struct sigaction sa = { .sa_handler = on_signal };
	struct timespec t0, t1;
	struct rusage ru;
	int status, err, code;
	size_t i;
	pid_t pid;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out,
	    O_WRONLY | O_CREAT | O_TRUNC, 0644);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err != 0) {
		fprintf(stderr, "bench-floor: cannot run '%s': %s\n", argv[0],
		    strerror(err));
		return 127;
	}
	child = pid;
	alarm(seconds);
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("bench-floor: wait4");
			return 127;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	alarm(0);
	child = 0;
	code = WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status);
	printf("%lld %ld %lld %lld %d\n",
	    (long long)(t1.tv_sec - t0.tv_sec) * 1000000000 +
	    (t1.tv_nsec - t0.tv_nsec), ru.ru_maxrss, usec(ru.ru_utime),
	    usec(ru.ru_stime), code);
	return 0;
}

int
main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc >= 5 && strcmp(argv[1], "--run") == 0)
		return run(argv[2], (unsigned)strtoul(argv[3], NULL, 10),
		    argv + 4);
	if (argc < 2) {
		fprintf(stderr, "usage: bench-floor FILE... | @LIST\n"
		    "       bench-floor --run OUT SECONDS PROG [ARG...]\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '@' ? parse_list(argv[i] + 1) < 0 :
		    parse_file(argv[i]) < 0)
			rc = 1;
	}
	return rc;
}
