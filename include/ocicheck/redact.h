/* Secrets never reach a report: names that look like credentials and
 * values a contract marks secret are shown only by length. */
#ifndef OCICHECK_REDACT_H
#define OCICHECK_REDACT_H

#include <stddef.h>

#include "ocicheck/util.h"

/* Does an env name look like it holds a password, token or key? Errs on
 * the side of hiding: DB_PASSWORD, API_TOKEN, AWS_SECRET_ACCESS_KEY,
 * PGPASS, DB_PW, MASTER_KEYS, DB_CREDS, GITHUB_PAT, accessKeyId. Short
 * words count only as a word of the name (split at _ - . and camelCase),
 * so PATH, KEYCLOAK_URL and MONKEY are shown. PWD and OLDPWD are
 * directories, not passwords. */
int redact_name(const char *name, size_t len);
/* Append s with the password of every URL userinfo
 * (scheme://user:PASS@host) replaced by "<redacted len=N>"; 1 if there
 * was one. */
int redact_url(struct oc_buf *b, const char *s, size_t n);
/* Append "<redacted len=N>". */
void redact_value(struct oc_buf *b, size_t len);
/* Append the env value for a message: redacted when secret, else quoted,
 * printable, at most 80 bytes and with URL passwords redacted. */
void redact_show(struct oc_buf *b, const char *value, size_t len, int secret);

#endif
