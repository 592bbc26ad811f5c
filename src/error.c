#include <stdlib.h>
#include <string.h>

#include "ocicheck/error.h"

int
oc_error_set(struct oc_error **err, int errnum, const char *fmt, ...)
{
	struct oc_error *e;
	va_list ap;

	if (err == NULL || *err != NULL)
		return -1;
	e = xmalloc(sizeof(*e));
	e->errnum = errnum;
	va_start(ap, fmt);
	e->msg = xvasprintf(fmt, ap);
	va_end(ap);
	*err = e;
	return -1;
}

int
oc_error_prefix(struct oc_error **err, const char *fmt, ...)
{
	va_list ap;
	char *pre, *msg;

	if (err == NULL || *err == NULL)
		return -1;
	va_start(ap, fmt);
	pre = xvasprintf(fmt, ap);
	va_end(ap);
	msg = xasprintf("%s%s", pre, (*err)->msg);
	free(pre);
	free((*err)->msg);
	(*err)->msg = msg;
	return -1;
}

char *
oc_error_text(const struct oc_error *e)
{
	if (e->errnum)
		return xasprintf("%s: %s", e->msg, strerror(e->errnum));
	return xstrdup(e->msg);
}

void
oc_error_free(struct oc_error *e)
{
	if (e == NULL)
		return;
	free(e->msg);
	free(e);
}
