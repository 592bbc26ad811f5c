/* argv -> options -> run -> report -> exit code. The only place that prints
 * errors and the only place that exits. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ocicheck/check.h"
#include "ocicheck/cli.h"
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
fails(const struct oc_run *run, enum oc_severity fail_on)
{
	int s;

	for (s = (int)fail_on; s <= OC_SEV_ERROR; s++)
		if (run->count[s] > 0)
			return 1;
	return 0;
}

static int
check_paths(const struct oc_options *opts)
{
	static char default_path[] = "config.json";
	char *fallback[] = { default_path };
	char **paths = opts->paths;
	size_t npaths = opts->npaths, i;
	struct oc_emit_info info = { 0 };
	struct oc_error *err = NULL;
	struct oc_run run;
	int rc = EXIT_CLEAN;

	if (npaths == 0) {
		if (access(default_path, F_OK) != 0) {
			fputs("ocicheck: no PATH given and no ./config.json\n"
			    "Try 'ocicheck --help' for more information.\n",
			    stderr);
			return EXIT_USAGE;
		}
		paths = fallback;
		npaths = 1;
	}
	run_init(&run);
	run.opts.platform = opts->platform;
	run.opts.version = opts->spec_version;
	for (i = 0; i < npaths; i++) {
		if (run_path(&run, paths[i], opts->stdin_name, &err) < 0) {
			print_error(err);
			oc_error_free(err);
			err = NULL;
			rc = EXIT_TROUBLE;
		}
	}
	run_finish(&run);
	if (rc == EXIT_CLEAN && fails(&run, opts->fail_on))
		rc = EXIT_FINDINGS;
	info.opts = opts;
	info.exit_code = rc;
	info.color = opts->format == OC_FORMAT_TEXT &&
	    cli_use_color(opts, STDOUT_FILENO);
	errno = 0;
	if (emit_for(opts->format)(stdout, &run, &info, &err) < 0) {
		print_error(err);
		oc_error_free(err);
		rc = EXIT_TROUBLE;
	}
	if (!stdout_ok())
		rc = EXIT_TROUBLE;
	if (!opts->quiet)
		emit_summary(stderr, &run);
	run_free(&run);
	return rc;
}

int
main(int argc, char **argv)
{
	struct oc_options opts;
	struct oc_error *err = NULL;

	/* A closed pipe must be an error message and exit 3, not a signal. */
	signal(SIGPIPE, SIG_IGN);
	if (cli_parse(argc, argv, &opts, &err) < 0) {
		print_error(err);
		oc_error_free(err);
		fputs("Try 'ocicheck --help' for more information.\n", stderr);
		return EXIT_USAGE;
	}
	switch (opts.mode) {
	case OC_MODE_HELP:
		cli_usage(stdout);
		return stdout_ok() ? EXIT_CLEAN : EXIT_TROUBLE;
	case OC_MODE_VERSION:
		printf("ocicheck %s\nruntime-spec 1.0.0 to 1.3.0\n",
		    OCICHECK_VERSION);
		return stdout_ok() ? EXIT_CLEAN : EXIT_TROUBLE;
	case OC_MODE_LIST_RULES:
		emit_rule_list(stdout, opts.format);
		return stdout_ok() ? EXIT_CLEAN : EXIT_TROUBLE;
	case OC_MODE_EXPLAIN:
		emit_rule_explain(stdout, rules_find(opts.explain), opts.format);
		return stdout_ok() ? EXIT_CLEAN : EXIT_TROUBLE;
	case OC_MODE_CHECK:
		break;
	}
	return check_paths(&opts);
}
