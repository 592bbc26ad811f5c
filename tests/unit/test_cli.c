/* Option parsing, and --help against the man page. */
#include "ocicheck_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "ocicheck/cli.h"
#include "ocicheck/util.h"

static int
parse(struct oc_options *o, struct oc_error **err, ...)
{
	/* static: the options keep pointers into argv */
	static char *argv[16];
	int argc = 0;
	va_list ap;
	char *a;

	argv[argc++] = "ocicheck";
	va_start(ap, err);
	while ((a = va_arg(ap, char *)) != NULL && argc < 15)
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	return cli_parse(argc, argv, o, err);
}

static void
test_defaults(void **state)
{
	struct oc_options o;
	struct oc_error *err = NULL;

	(void)state;
	assert_int_equal(parse(&o, &err, "a.json", "b", NULL), 0);
	assert_int_equal(o.mode, OC_MODE_CHECK);
	assert_int_equal(o.format, OC_FORMAT_TEXT);
	assert_int_equal(o.fail_on, OC_SEV_ERROR);
	assert_int_equal(o.color, OC_COLOR_AUTO);
	assert_int_equal(o.npaths, 2);
	assert_string_equal(o.paths[0], "a.json");
	assert_null(o.stdin_name);
	cli_free(&o);
}

static void
test_values(void **state)
{
	struct oc_options o;
	struct oc_error *err = NULL;

	(void)state;
	assert_int_equal(parse(&o, &err, "-f", "json", "--fail-on=warning",
	    "--color", "never", "--stdin-filename", "x/config.json", "-q",
	    "-", NULL), 0);
	assert_int_equal(o.format, OC_FORMAT_JSON);
	assert_int_equal(o.fail_on, OC_SEV_WARNING);
	assert_int_equal(o.color, OC_COLOR_NEVER);
	assert_string_equal(o.stdin_name, "x/config.json");
	assert_true(o.quiet);
	assert_int_equal(o.npaths, 1);
	assert_string_equal(o.paths[0], "-");
	cli_free(&o);
}

static void
expect_usage_error(const char *want, ...)
{
	struct oc_options o;
	struct oc_error *err = NULL;
	char *argv[8];
	int argc = 0;
	va_list ap;
	char *a;

	argv[argc++] = "ocicheck";
	va_start(ap, want);
	while ((a = va_arg(ap, char *)) != NULL && argc < 7)
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	assert_int_equal(cli_parse(argc, argv, &o, &err), -1);
	assert_non_null(err);
	if (strstr(err->msg, want) == NULL)
		fail_msg("'%s' lacks '%s'", err->msg, want);
	oc_error_free(err);
	cli_free(&o);
}

static void
test_usage_errors(void **state)
{
	(void)state;
	expect_usage_error("unknown option '--nope'", "--nope", NULL);
	expect_usage_error("unknown option '-z'", "-z", NULL);
	expect_usage_error("invalid value 'yaml' for --format", "-f", "yaml",
	    NULL);
	expect_usage_error("invalid value 'fatal' for --fail-on",
	    "--fail-on", "fatal", NULL);
	expect_usage_error("invalid value 'sometimes' for --color",
	    "--color=sometimes", NULL);
	expect_usage_error("needs an argument", "--format", NULL);
	expect_usage_error("unknown rule 'XYZ123'", "--explain", "XYZ123",
	    NULL);
	expect_usage_error("only for --list-rules", "-f", "markdown", "c.json",
	    NULL);
}

static void
test_modes(void **state)
{
	struct oc_options o;
	struct oc_error *err = NULL;

	(void)state;
	assert_int_equal(parse(&o, &err, "--help", NULL), 0);
	assert_int_equal(o.mode, OC_MODE_HELP);
	cli_free(&o);
	assert_int_equal(parse(&o, &err, "--version", NULL), 0);
	assert_int_equal(o.mode, OC_MODE_VERSION);
	cli_free(&o);
	assert_int_equal(parse(&o, &err, "--list-rules", "-f", "markdown",
	    NULL), 0);
	assert_int_equal(o.mode, OC_MODE_LIST_RULES);
	cli_free(&o);
	assert_int_equal(parse(&o, &err, "--explain", "json-syntax", NULL), 0);
	assert_int_equal(o.mode, OC_MODE_EXPLAIN);
	assert_string_equal(o.explain, "json-syntax");
	cli_free(&o);
}

static void
test_color_decision(void **state)
{
	struct oc_options o = { 0 };

	(void)state;
	o.color = OC_COLOR_ALWAYS;
	setenv("NO_COLOR", "1", 1);
	assert_true(cli_use_color(&o, -1));
	o.color = OC_COLOR_AUTO;
	assert_false(cli_use_color(&o, -1));
	setenv("NO_COLOR", "", 1);
	setenv("TERM", "dumb", 1);
	assert_false(cli_use_color(&o, -1));
	unsetenv("TERM");
	/* fd -1 is no terminal */
	assert_false(cli_use_color(&o, -1));
	o.color = OC_COLOR_NEVER;
	assert_false(cli_use_color(&o, -1));
}

static void
man_read(struct oc_buf *man)
{
	const char *dir = getenv("OCICHECK_SOURCE_DIR");
	char *path = xasprintf("%s/man/ocicheck.1", dir ? dir : ".");
	FILE *f = fopen(path, "r");
	char line[1024];

	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		buf_adds(man, line);
	fclose(f);
	free(path);
}

/* Every option --help lists is documented in man/ocicheck.1. */
static void
test_man_page_documents_every_option(void **state)
{
	struct oc_buf man = { 0 };
	size_t i;

	(void)state;
	man_read(&man);
	for (i = 0; i < oc_noptdefs; i++) {
		char *want = xasprintf("Fl \\-%s", oc_optdefs[i].name);

		if (strstr(man.s, want) == NULL)
			fail_msg("man page lacks '%s'", want);
		free(want);
		if (oc_optdefs[i].short_name > 0 &&
		    oc_optdefs[i].short_name < 256) {
			want = xasprintf("Fl %c", oc_optdefs[i].short_name);
			if (strstr(man.s, want) == NULL)
				fail_msg("man page lacks '%s'", want);
			free(want);
		}
	}
	buf_free(&man);
}

/* EXIT STATUS gives every cause of exit 3 that SPEC §5 names. */
static void
test_man_page_exit_status(void **state)
{
	static const char *const causes[] = { "input could not be read",
		"invalid contract or config file", "output could not be written" };
	struct oc_buf man = { 0 };
	const char *sect, *three, *end;
	size_t i;

	(void)state;
	man_read(&man);
	assert_non_null(sect = strstr(man.s, ".Sh EXIT STATUS"));
	assert_non_null(three = strstr(sect, ".It 3\n"));
	if ((end = strstr(three, ".El")) == NULL)
		end = three + strlen(three);
	for (i = 0; i < ARRAY_SIZE(causes); i++) {
		const char *hit = strstr(three, causes[i]);

		if (hit == NULL || hit > end)
			fail_msg("EXIT STATUS 3 lacks '%s'", causes[i]);
	}
	buf_free(&man);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_color_decision),
		cmocka_unit_test(test_man_page_documents_every_option),
		cmocka_unit_test(test_man_page_exit_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
