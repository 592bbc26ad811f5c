/* See include/ocicheck/input.h. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ocicheck/input.h"

static struct oc_input *
inputs_add(struct oc_inputs *in, char *path)
{
	struct oc_input *it;

	in->v = xgrow(in->v, &in->cap, in->n + 1, sizeof(*in->v));
	it = &in->v[in->n++];
	it->path = path;
	it->error = NULL;
	return it;
}

static int
cmp_input(const void *a, const void *b)
{
	return strcmp(((const struct oc_input *)a)->path,
	    ((const struct oc_input *)b)->path);
}

static void
sort_from(struct oc_inputs *in, size_t start)
{
	if (in->n > start + 1)
		qsort(in->v + start, in->n - start, sizeof(*in->v), cmp_input);
}

/* Is entry e of a directory (path p) one to walk into? lstat, so a
 * symlink is never followed; when lstat cannot reach p (a name past
 * PATH_MAX) the directory entry's type decides, and opendir reports. */
static int
is_subdir(const char *p, const struct dirent *e)
{
	struct stat st;

	if (lstat(p, &st) == 0)
		return S_ISDIR(st.st_mode);
	return e->d_type == DT_DIR ||
	    (e->d_type == DT_UNKNOWN && errno != ENOENT &&
	    strcmp(e->d_name, "config.json") != 0);
}

/* Every config.json under dir into out; a directory that cannot be
 * opened or read is an input with its error, in its place in the walk. */
static void
walk(const char *dir, struct oc_inputs *out)
{
	struct oc_inputs subdirs = { 0 };
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t i, start = out->n;

	if (d == NULL) {
		oc_error_set(&inputs_add(out, xstrdup(dir))->error, errno,
		    "cannot open directory '%s'", dir);
		return;
	}
	for (errno = 0; (e = readdir(d)) != NULL; errno = 0) {
		char *p;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    strcmp(e->d_name, ".git") == 0)
			continue;
		p = xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" :
		    "/", e->d_name);
		if (is_subdir(p, e))
			inputs_add(&subdirs, p);
		else if (strcmp(e->d_name, "config.json") == 0)
			inputs_add(out, p);
		else
			free(p);
	}
	if (errno != 0)
		oc_error_set(&inputs_add(out, xstrdup(dir))->error, errno,
		    "cannot read directory '%s'", dir);
	closedir(d);
	sort_from(out, start);
	sort_from(&subdirs, 0);
	for (i = 0; i < subdirs.n; i++)
		walk(subdirs.v[i].path, out);
	input_free(&subdirs);
}

int
input_expand(const struct oc_options *opts, struct oc_inputs *in,
    oc_report_fn *report, struct oc_error **err)
{
	static const char default_path[] = "config.json";
	struct oc_error *e;
	struct stat st;
	size_t i, before;
	int rc = 0;

	if (opts->mode == OC_MODE_CONTRACT_LINT)
		return 0;
	if (opts->npaths == 0) {
		if (access(default_path, F_OK) != 0)
			return oc_error_set(err, 0, "no PATH given and no "
			    "./config.json\nTry 'ocicheck --help' for more "
			    "information.");
		inputs_add(in, xstrdup(default_path));
		return 0;
	}
	for (i = 0; i < opts->npaths; i++) {
		const char *p = opts->paths[i];

		if (!opts->recursive || stat(p, &st) != 0 ||
		    !S_ISDIR(st.st_mode)) {
			inputs_add(in, xstrdup(p));
			continue;
		}
		before = in->n;
		walk(p, in);
		if (in->n == before) {
			e = NULL;
			oc_error_set(&e, 0, "no config.json under '%s'", p);
			report(e);
			rc = 1;
		}
	}
	return rc;
}

void
input_free(struct oc_inputs *in)
{
	size_t i;

	for (i = 0; i < in->n; i++) {
		free(in->v[i].path);
		oc_error_free(in->v[i].error);
	}
	free(in->v);
	memset(in, 0, sizeof(*in));
}

int
input_hint_recursive(const struct oc_options *opts, const char *path,
    struct oc_error **err)
{
	struct oc_inputs below = { 0 };
	const char *first = NULL;
	struct stat st;
	size_t i, n = 0;

	if (opts->recursive || stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	walk(path, &below);
	for (i = 0; i < below.n; i++)
		if (below.v[i].error == NULL && n++ == 0)
			first = below.v[i].path;
	if (n > 0)
		oc_error_set(err, 0, "'%s' has %zu config.json below it "
		    "(%s...): use -r to check them all", path, n, first);
	input_free(&below);
	return n > 0 ? -1 : 0;
}
