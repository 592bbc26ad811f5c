/* Secrets never reach a report: names that look like credentials and
 * values a contract marks secret are shown only by length. */
#ifndef OCICHECK_REDACT_H
#define OCICHECK_REDACT_H

#include <stddef.h>

#include "ocicheck/util.h"

/* Does an env name look like it holds a password, token or key? Errs on
 * the side of hiding: DB_PASSWORD, API_TOKEN, AWS_SECRET_ACCESS_KEY,
 * MINIO_ROOT_PASSWORD, PGPASSFILE's value is not a secret but hiding it
 * costs nothing. PWD and OLDPWD are directories, not passwords. */
int redact_name(const char *name, size_t len);
/* Append "<redacted len=N>". */
void redact_value(struct oc_buf *b, size_t len);
/* Append the env value for a message: redacted when secret, else quoted,
 * printable and at most 80 bytes. */
void redact_show(struct oc_buf *b, const char *value, size_t len, int secret);

#endif
