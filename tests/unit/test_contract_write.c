/* The writer against the loader: every contract under testdata/ that
 * loads is written, loaded back and compared field by field, so write
 * and load agree for every key the table has (main.c no longer reloads
 * what derive writes). Derive's expected contracts must come out of a
 * load and a write byte for byte. */
#include "ocicheck_test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ocicheck/contract.h"
#include "ocicheck/source.h"

struct tally {
	size_t loaded, derived;
};

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	s = xmalloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return s;
}

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);

	return n >= k && strcmp(s + n - k, tail) == 0;
}

/* Write c, load the text back and compare: the models must be equal and
 * writing the reloaded one must give the same text. Returns the text. */
static char *
round_trip(const char *path, const struct oc_contract *c)
{
	struct oc_contract *back = NULL;
	struct oc_error *err = NULL;
	struct oc_buf once = { 0 }, twice = { 0 };

	contract_write(&once, c, NULL);
	if (contract_load_source(source_from_mem(path, once.s, once.len),
	    &back, &err) < 0)
		fail_msg("%s: what the writer wrote does not load: %s\n%s",
		    path, err->msg, once.s);
	if (!contract_equal(c, back))
		fail_msg("%s: the reloaded model differs:\n%s", path, once.s);
	contract_write(&twice, back, NULL);
	assert_string_equal(once.s, twice.s);
	contract_free(back);
	buf_free(&twice);
	return buf_steal(&once);
}

/* A derived contract is its "#" header and what the writer writes. */
static void
check_derived(const char *path, const char *written)
{
	size_t len;
	char *text = slurp(path, &len), *body = text;

	while (*body == '#')
		body += strcspn(body, "\n") + 1;
	if (strcmp(body, written) != 0)
		fail_msg("%s: load and write do not give it back:\n%s", path,
		    written);
	free(text);
}

static void
check_file(const char *path, struct tally *t)
{
	struct oc_contract *c = NULL;
	struct oc_error *err = NULL;
	size_t len;
	char *text = slurp(path, &len), *written;
	int contract = strncmp(text, "apiVersion: ocicheck/", 21) == 0 ||
	    strstr(text, "\napiVersion: ocicheck/") != NULL;

	free(text);
	if (!contract)
		return;
	if (contract_load(path, &c, &err) < 0) {
		/* a fixture the loader refuses; a derived one never is */
		assert_false(ends_with(path, ".expected.contract.yaml"));
		oc_error_free(err);
		return;
	}
	t->loaded++;
	written = round_trip(path, c);
	if (ends_with(path, ".expected.contract.yaml")) {
		check_derived(path, written);
		t->derived++;
	}
	free(written);
	contract_free(c);
}

static void
walk(const char *dir, struct tally *t)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		char *p;

		if (e->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			walk(p, t);
		else if (ends_with(p, ".yaml") || ends_with(p, ".yml"))
			check_file(p, t);
		free(p);
	}
	closedir(d);
}

static void
test_fixtures_round_trip(void **state)
{
	const char *src = getenv("OCICHECK_SOURCE_DIR");
	struct tally t = { 0 };
	char *dir;

	(void)state;
	assert_non_null(src);
	dir = xasprintf("%s/testdata", src);
	walk(dir, &t);
	free(dir);
	/* the walk must have found what it is for */
	assert_true(t.loaded >= 50);
	assert_true(t.derived >= 50);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
