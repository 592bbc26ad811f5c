#include <ctype.h>
#include <string.h>

#include "ocicheck/redact.h"

/* Spelled out inside any word: long enough not to occur by chance. */
static const char *const inner_words[] = {
	"PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "CREDENTIAL",
	"APIKEY", "ACCESSKEY", "PRIVATEKEY", "MASTERKEY", "SIGNINGKEY",
	"COOKIE", "SESSION", "SIGNATURE",
};

/* Short ones only as a whole word of the name, where MONKEY, PATH or
 * KEYCLOAK cannot trip them. */
static const char *const whole_words[] = {
	"PASS", "PW", "PWD", "KEY", "KEYS", "CRED", "CREDS", "JWT", "BEARER",
	"PAT", "AUTH", "AUTHORIZATION", "PRIVATE", "SALT",
};

/* ... or ending a word (PGPASS, DBPWD, AUTHKEY, BASICAUTH), except the
 * ordinary words that happen to end so. */
static const char *const word_ends[] = {
	"PASS", "PWD", "KEY", "KEYS", "CREDS", "AUTH",
};
static const char *const ordinary[] = {
	"BYPASS", "COMPASS", "SURPASS", "OVERPASS", "MONKEY", "DONKEY",
	"TURKEY", "HOCKEY", "JOCKEY", "WHISKEY", "HOTKEY", "HOTKEYS",
};

static int
in_list(const char *w, size_t n, const char *const *list, size_t nlist,
    int suffix)
{
	size_t i, l;

	for (i = 0; i < nlist; i++) {
		l = strlen(list[i]);
		if (suffix ? l <= n && memcmp(w + n - l, list[i], l) == 0 :
		    l == n && memcmp(w, list[i], l) == 0)
			return 1;
	}
	return 0;
}

static int
secret_word(const char *w, size_t n)
{
	if (in_list(w, n, whole_words, ARRAY_SIZE(whole_words), 0))
		return 1;
	return in_list(w, n, word_ends, ARRAY_SIZE(word_ends), 1) &&
	    !in_list(w, n, ordinary, ARRAY_SIZE(ordinary), 0);
}

static int
is_sep(char c)
{
	return c == '_' || c == '-' || c == '.';
}

int
redact_name(const char *name, size_t len)
{
	char up[128];
	size_t i, start, n = len < sizeof(up) - 1 ? len : sizeof(up) - 1;

	for (i = 0; i < n; i++)
		up[i] = (char)toupper((unsigned char)name[i]);
	up[n] = '\0';
	if (strcmp(up, "PWD") == 0 || strcmp(up, "OLDPWD") == 0)
		return 0;
	for (i = 0; i < ARRAY_SIZE(inner_words); i++)
		if (strstr(up, inner_words[i]) != NULL)
			return 1;
	/* Words split at _ - . and where camelCase turns upper:
	 * githubPat, accessKeyId. */
	for (start = i = 0; i <= n; i++) {
		int edge = i == n || is_sep(up[i]) ||
		    (i > start && islower((unsigned char)name[i - 1]) &&
		    isupper((unsigned char)name[i]));

		if (!edge)
			continue;
		if (i > start && secret_word(up + start, i - start))
			return 1;
		start = i < n && is_sep(up[i]) ? i + 1 : i;
	}
	return 0;
}

/* The password of the first URL userinfo (scheme://user:PASS@host) at
 * or after s[from]: its offset and length, or 0 when there is none. A
 * password with an unescaped '/' or '@' still counts: up to the last '@'
 * before white space, so a sloppy DSN is hidden rather than shown. */
static int
url_password(const char *s, size_t n, size_t from, size_t *at, size_t *len)
{
	size_t i, k, end, colon, last_at;

	for (i = from; i + 3 <= n; i++) {
		if (memcmp(s + i, "://", 3) != 0 || i == 0 ||
		    !isalnum((unsigned char)s[i - 1]))
			continue;
		for (end = i + 3; end < n && !isspace((unsigned char)s[end]) &&
		    !(end + 3 <= n && memcmp(s + end, "://", 3) == 0); end++)
			;
		colon = last_at = 0;
		for (k = i + 3; k < end; k++) {
			if (s[k] == ':' && colon == 0)
				colon = k;
			else if (s[k] == '@')
				last_at = k;
		}
		if (colon != 0 && last_at > colon) {
			*at = colon + 1;
			*len = last_at - colon - 1;
			return 1;
		}
		i = end > i ? end - 1 : i;
	}
	return 0;
}

int
redact_url(struct oc_buf *b, const char *s, size_t n)
{
	size_t pos = 0, at, len;
	int found = 0;

	buf_add(b, "", 0);
	while (url_password(s, n, pos, &at, &len)) {
		buf_add(b, s + pos, at - pos);
		redact_value(b, len);
		pos = at + len;
		found = 1;
	}
	buf_add(b, s + pos, n - pos);
	return found;
}

void
redact_value(struct oc_buf *b, size_t len)
{
	buf_printf(b, "<redacted len=%zu>", len);
}

void
redact_show(struct oc_buf *b, const char *value, size_t len, int secret)
{
	struct oc_buf masked = { 0 };

	if (secret) {
		redact_value(b, len);
		return;
	}
	redact_url(&masked, value, len);
	buf_addc(b, '"');
	/* The limit leaves room for the markers, so none is cut short. */
	buf_add_display(b, masked.s, masked.len, 80 + masked.len - len);
	buf_addc(b, '"');
	buf_free(&masked);
}
