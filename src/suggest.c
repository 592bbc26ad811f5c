/* See include/ocicheck/suggest.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ocicheck/suggest.h"

const char *
suggest_nearest(const char *s, size_t len, const char *const *names,
    size_t n)
{
	size_t i, d, best = SIZE_MAX, limit = text_distance_limit(len);
	size_t nprefix = 0;
	const char *hit = NULL, *prefix = NULL;

	for (i = 0; i < n; i++) {
		if (len >= 2 && strncasecmp(s, names[i], len) == 0 &&
		    strlen(names[i]) > len) {
			prefix = names[i];
			nprefix++;
		}
		d = text_distance(s, len, names[i], strlen(names[i]));
		if (d < best && d <= limit) {
			best = d;
			hit = names[i];
		}
	}
	if (hit == NULL && nprefix == 1)
		return prefix;
	return hit;
}

/* The distance at or below which the SUGGEST_LIST_MAX nearest lie, and
 * how many names exactly at it still fit (*ties). */
static size_t
list_cut(const size_t *dist, size_t n, size_t *ties)
{
	size_t i, j, below, cut = 0;

	for (i = 0; i < n; i++) {
		for (below = 0, j = 0; j < n; j++)
			below += dist[j] < dist[i];
		if (below < SUGGEST_LIST_MAX && dist[i] >= cut) {
			cut = dist[i];
			*ties = SUGGEST_LIST_MAX - below;
		}
	}
	return cut;
}

void
suggest_list(struct oc_buf *b, const char *s, size_t len,
    const char *const *names, size_t n)
{
	size_t i, shown = 0, *dist = NULL, cut = SIZE_MAX, ties = SIZE_MAX;

	if (n > SUGGEST_LIST_MAX) {
		dist = xcalloc(n, sizeof(*dist));
		for (i = 0; i < n; i++)
			dist[i] = text_distance(s, len, names[i],
			    strlen(names[i]));
		cut = list_cut(dist, n, &ties);
	}
	for (i = 0; i < n; i++) {
		if (dist != NULL && (dist[i] > cut ||
		    (dist[i] == cut && ties == 0)))
			continue;
		if (dist != NULL && dist[i] == cut)
			ties--;
		buf_printf(b, "%s%s", shown ? ", " : "", names[i]);
		shown++;
	}
	if (shown < n)
		buf_printf(b, ", ... (%zu more)", n - shown);
	free(dist);
}

void
suggest_append(struct oc_buf *b, const char *s, size_t len,
    const char *const *names, size_t n, const char *label)
{
	const char *near = suggest_nearest(s, len, names, n);

	if (near != NULL)
		buf_printf(b, "; did you mean '%s'?", near);
	if (n == 0)
		return;
	buf_printf(b, " (%s: ", label);
	suggest_list(b, s, len, names, n);
	buf_addc(b, ')');
}

void
suggest_choices(struct oc_buf *b, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
		    names[i]);
}
