/* argv -> options -> driver -> exit code. The only place that prints
 * errors and the only place that exits. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocicheck/cli.h"
#include "ocicheck/completion.h"
#include "ocicheck/driver.h"
#include "ocicheck/emit.h"
#include "ocicheck/output.h"
#include "commit.h"

/* Every error of a run ends here (oc_report_fn): printed, freed. */
static void
print_error(struct oc_error *e)
{
	char *msg = oc_error_text(e);

	fprintf(stderr, "ocicheck: %s\n", msg);
	free(msg);
	oc_error_free(e);
}

/* ocicheck completion SHELL takes no options: before the parser. */
static int
completion(int argc, char **argv)
{
	struct oc_error *err = NULL;

	if (argc != 3 || completion_write(stdout, argv[2], &err) < 0) {
		if (err == NULL)
			oc_error_set(&err, 0, "completion takes one shell: "
			    "bash, zsh or fish");
		print_error(err);
		return OC_EXIT_USAGE;
	}
	return output_stdout_ok(print_error) ? OC_EXIT_CLEAN : OC_EXIT_TROUBLE;
}

int
main(int argc, char **argv)
{
	struct oc_options opts;
	struct oc_error *err = NULL;
	int rc;

	/* A closed pipe must be an error message and exit 3, not a signal. */
	signal(SIGPIPE, SIG_IGN);
	if (argc >= 2 && strcmp(argv[1], "completion") == 0)
		return completion(argc, argv);
	if (cli_parse(argc, argv, &opts, &err) < 0) {
		print_error(err);
		cli_free(&opts);
		fputs("Try 'ocicheck --help' for more information.\n", stderr);
		return OC_EXIT_USAGE;
	}
	if (opts.mode == OC_MODE_VERSION) {
		printf("ocicheck %s%s%s%s\nruntime-spec 1.0.0 to 1.3.0\n",
		    OCICHECK_VERSION, OCICHECK_COMMIT[0] ? " (commit " : "",
		    OCICHECK_COMMIT, OCICHECK_COMMIT[0] ? ")" : "");
		rc = output_stdout_ok(print_error) ? OC_EXIT_CLEAN :
		    OC_EXIT_TROUBLE;
	} else {
		output_signals_init(opts.noutputs ? opts.noutputs : 1);
		rc = driver_run(&opts, print_error);
		output_signals_free();
	}
	cli_free(&opts);
	return rc;
}
