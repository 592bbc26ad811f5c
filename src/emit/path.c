/* Where a report says an input is: the paths of text, JSON and GitHub
 * output and the URIs of SARIF all come from here, so --report-root means
 * the same thing in every format. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ocicheck/emit.h"

char *
emit_path_clean(const char *p)
{
	struct oc_buf b = { 0 };
	size_t n;

	buf_add(&b, "", 0);
	for (;;) {
		while (*p == '/')
			p++;
		if ((n = strcspn(p, "/")) == 0)
			break;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (b.len > 0 && b.s[--b.len] != '/')
				;
			b.s[b.len] = '\0';
		} else if (n != 1 || p[0] != '.') {
			buf_addc(&b, '/');
			buf_add(&b, p, n);
		}
		p += n;
	}
	if (b.len == 0)
		buf_addc(&b, '/');
	return buf_steal(&b);
}

char *
emit_path_join(const char *dir, const char *a)
{
	char *j, *c;

	if (a[0] == '/' || dir == NULL)
		return emit_path_clean(a);
	j = xasprintf("%s/%s", dir, a);
	c = emit_path_clean(j);
	free(j);
	return c;
}

void
emit_roots_init(struct oc_roots *r, const char *report_root)
{
	char *cwd = getcwd(NULL, 0);

	r->cwd = cwd != NULL && cwd[0] == '/' ? emit_path_clean(cwd) : NULL;
	free(cwd);
	if (report_root != NULL && report_root[0] != '\0' &&
	    (report_root[0] == '/' || r->cwd != NULL))
		r->root = emit_path_join(r->cwd, report_root);
	else
		r->root = r->cwd != NULL ? xstrdup(r->cwd) : NULL;
}

void
emit_roots_free(struct oc_roots *r)
{
	if (r == NULL)
		return;
	free(r->cwd);
	free(r->root);
	r->cwd = r->root = NULL;
}

/* Was this input read from standard input? Its name is then whatever the
 * user called it, not a file to resolve against the working directory. */
static int
is_stdin(const struct oc_options *o, const char *path)
{
	size_t i;

	if (strcmp(path, "<stdin>") == 0)
		return 1;
	if (o == NULL || o->stdin_name == NULL ||
	    strcmp(o->stdin_name, path) != 0)
		return 0;
	for (i = 0; i < o->npaths; i++)
		if (strcmp(o->paths[i], "-") == 0)
			return 1;
	return 0;
}

static int
has_dotdot(const char *p)
{
	size_t n;

	for (; *p; p += n) {
		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 1;
	}
	return 0;
}

const char *
emit_path_rel(const struct oc_roots *r, const struct oc_options *o,
    const char *path, char **abs)
{
	const char *rel = NULL;
	size_t n;

	if (is_stdin(o, path) && path[0] != '/' && !has_dotdot(path)) {
		/* As given, only without "./" and doubled slashes. */
		*abs = emit_path_clean(path);
		rel = *abs + 1;
	} else {
		*abs = emit_path_join(r->cwd, path);
		if (r->root == NULL && path[0] != '/') {
			rel = *abs + 1;
		} else if (r->root != NULL) {
			n = strlen(r->root);
			if (strcmp(r->root, "/") == 0)
				rel = *abs + 1;
			else if (strncmp(*abs, r->root, n) == 0 &&
			    (*abs)[n] == '/')
				rel = *abs + n + 1;
		}
	}
	return rel != NULL && *rel != '\0' ? rel : NULL;
}

void
emit_paths_init(struct oc_emit_info *info, const struct oc_run *run)
{
	const char *rel;
	char *abs;
	size_t i;

	if (info->report_root == NULL || run->nfiles == 0)
		return;
	emit_roots_init(&info->roots, info->report_root);
	info->paths = xcalloc(run->nfiles, sizeof(*info->paths));
	for (i = 0; i < run->nfiles; i++) {
		rel = emit_path_rel(&info->roots, info->opts,
		    run->files[i].path, &abs);
		if (rel != NULL) {
			info->paths[i] = xstrdup(rel);
			free(abs);
		} else {
			info->paths[i] = abs;
		}
	}
	info->npaths = run->nfiles;
}

void
emit_paths_free(struct oc_emit_info *info)
{
	size_t i;

	for (i = 0; i < info->npaths; i++)
		free(info->paths[i]);
	free(info->paths);
	info->paths = NULL;
	info->npaths = 0;
	emit_roots_free(&info->roots);
}

const char *
emit_path(const struct oc_emit_info *info, const struct oc_run *run,
    size_t file)
{
	if (info->paths != NULL && file < info->npaths)
		return info->paths[file];
	return run->files[file].path;
}

const char *
emit_path_trim(const char *p)
{
	while (p[0] == '.' && p[1] == '/') {
		p += 2;
		while (*p == '/')
			p++;
	}
	return p;
}
