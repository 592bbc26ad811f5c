#include <ctype.h>
#include <string.h>

#include "ocicheck/redact.h"

static int
has_word(const char *up, const char *word)
{
	return strstr(up, word) != NULL;
}

int
redact_name(const char *name, size_t len)
{
	static const char *const words[] = {
		"PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN",
		"CREDENTIAL", "PRIVATE", "APIKEY", "API_KEY", "AUTH",
		"COOKIE", "SESSION", "SIGNATURE", "SALT",
	};
	char up[128];
	size_t i, n = len < sizeof(up) - 1 ? len : sizeof(up) - 1;
	const char *p;

	for (i = 0; i < n; i++)
		up[i] = (char)toupper((unsigned char)name[i]);
	up[n] = '\0';
	if (strcmp(up, "PWD") == 0 || strcmp(up, "OLDPWD") == 0)
		return 0;
	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (has_word(up, words[i]))
			return 1;
	/* Words ending a name part: ROOT_PASS, DB_PWD, ACCESS_KEY, KEY. */
	for (p = up; *p; ) {
		size_t w = strcspn(p, "_-.");

		if ((w >= 3 && strncmp(p + w - 3, "KEY", 3) == 0) ||
		    (w == 4 && strncmp(p, "PASS", 4) == 0) ||
		    (w >= 3 && strncmp(p + w - 3, "PWD", 3) == 0))
			return 1;
		p += w;
		if (*p)
			p++;
	}
	return 0;
}

void
redact_value(struct oc_buf *b, size_t len)
{
	buf_printf(b, "<redacted len=%zu>", len);
}

void
redact_show(struct oc_buf *b, const char *value, size_t len, int secret)
{
	if (secret) {
		redact_value(b, len);
		return;
	}
	buf_addc(b, '"');
	buf_add_display(b, value, len, 80);
	buf_addc(b, '"');
}
