/*
 * Writing a contract model back out as ocicheck/v1 YAML: what derive
 * produces. The output is meant to be read and reviewed in a pull request,
 * so it is deterministic (fixed key order, lists in the model's order,
 * which derive sorts), has no anchors or tags, quotes only what YAML would
 * otherwise misread, and loads back with contract_load unchanged.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"

/* An item severity as the contract spells it; NULL for the default. */
static const char *
sev_word(int sev)
{
	if (sev == OC_ITEM_IGNORE)
		return "ignore";
	return sev >= OC_SEV_INFO && sev <= OC_SEV_ERROR ?
	    severity_name((enum oc_severity)sev) : NULL;
}

/* Words a YAML 1.1 or 1.2 reader would take for something else. */
static int
reserved_word(const char *s)
{
	static const char *const words[] = { "true", "false", "yes", "no",
		"on", "off", "y", "n", "null", "~" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (strcasecmp(s, words[i]) == 0)
			return 1;
	return 0;
}

/* A plain scalar reads back as the same string in any context, flow
 * collections included: a letter, '_' or '/' first, then only letters,
 * digits and "_-./", and no word YAML gives a meaning. */
static int
plain_ok(const char *s)
{
	const char *p;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    *s == '_' || *s == '/') || reserved_word(s))
		return 0;
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("_-./", *p) != NULL))
			return 0;
	return 1;
}

static void
put_str(struct oc_buf *b, const char *s)
{
	const unsigned char *p;
	int printable = 1;

	if (plain_ok(s)) {
		buf_adds(b, s);
		return;
	}
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			printable = 0;
	if (printable) {
		/* Single quotes keep regexes readable: only ' is doubled. */
		buf_addc(b, '\'');
		for (p = (const unsigned char *)s; *p; p++) {
			if (*p == '\'')
				buf_addc(b, '\'');
			buf_addc(b, (char)*p);
		}
		buf_addc(b, '\'');
		return;
	}
	buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p == '\n')
			buf_adds(b, "\\n");
		else if (*p == '\t')
			buf_adds(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\x%02x", *p);
		else
			buf_addc(b, (char)*p);
	}
	buf_addc(b, '"');
}

static void
put_list(struct oc_buf *b, char *const *v, size_t n, size_t step)
{
	size_t i;

	buf_addc(b, '[');
	for (i = 0; i < n; i += step) {
		if (i)
			buf_adds(b, ", ");
		if (step == 1)
			put_str(b, v[i]);
		else
			put_list(b, v + i, 2, 1);
	}
	buf_addc(b, ']');
}

/* Bytes in the largest binary unit that divides them: 536870912 is
 * "512Mi". */
static void
put_qty(struct oc_buf *b, int64_t v)
{
	static const char *const units[] = { "", "Ki", "Mi", "Gi", "Ti",
		"Pi", "Ei" };
	size_t u = 0;

	while (v != 0 && v % 1024 == 0 && u + 1 < ARRAY_SIZE(units)) {
		v /= 1024;
		u++;
	}
	buf_printf(b, "%lld%s", (long long)v, units[u]);
}

/* Is f written? At its default it is not (the loader reads an absent key
 * as the default), unless the table says it always is. */
static int
written(const struct contract_field *f, const void *base)
{
	int64_t v;

	switch (f->kind) {
	case CK_CONST:
		return 1;
	case CK_STR:
		return (f->flags & CF_ALL) || contract_field_set(base, f);
	case CK_SEV:
		v = contract_get_int(base, f);
		return sev_word((int)v) != NULL && ((f->flags &
		    (CF_ALL | CF_UNSET_IGN)) || v != f->arg);
	case CK_ENUM:
		v = contract_get_int(base, f);
		return contract_enum_name(f->arg, (int)v) != NULL &&
		    ((f->flags & CF_ALL) || v != contract_field_unset(f));
	case CK_CHILD:
		return (f->flags & CF_REQ) || contract_field_set(base, f);
	default:
		return contract_field_set(base, f);
	}
}

static void write_flow(struct oc_buf *b, int id, const void *base);

/* The value of a written scalar or list field, on the current line. */
static void
put_value(struct oc_buf *b, const struct contract_field *f, const void *base)
{
	const void *p = f->off != CONTRACT_NO_OFF ? contract_at(base, f->off) :
	    NULL;
	const struct oc_pattern *pats;
	size_t i, n = f->count != CONTRACT_NO_OFF ? *contract_count(base, f) :
	    0;
	int64_t v = 0;

	if (f->kind == CK_BOOL || f->kind == CK_INT || f->kind == CK_QTY ||
	    f->kind == CK_MILLI || f->kind == CK_SEV || f->kind == CK_ENUM)
		v = contract_get_int(base, f);
	switch (f->kind) {
	case CK_CONST:
		buf_adds(b, contract_enum_name(f->arg, 0));
		break;
	case CK_STR:
		/* metadata.name, which derive may leave to the writer */
		put_str(b, *(char *const *)p ? *(char *const *)p : "derived");
		break;
	case CK_BOOL:
		buf_adds(b, "true");
		break;
	case CK_INT:
		buf_printf(b, "%lld", (long long)v);
		break;
	case CK_QTY:
		put_qty(b, v);
		break;
	case CK_MILLI:
		buf_printf(b, "%lldm", (long long)v);
		break;
	case CK_SEV:
		buf_adds(b, sev_word((int)v));
		break;
	case CK_ENUM:
		buf_adds(b, contract_enum_name(f->arg, (int)v));
		break;
	case CK_STRS:
	case CK_PAIRS:
		put_list(b, *(char **const *)p, n, f->kind == CK_PAIRS ? 2 : 1);
		break;
	case CK_PATTERN:
		put_str(b, (*(struct oc_pattern *const *)p)->text);
		break;
	case CK_PATTERNS:
		pats = *(struct oc_pattern *const *)p;
		buf_addc(b, '[');
		for (i = 0; i < n; i++) {
			if (i)
				buf_adds(b, ", ");
			put_str(b, pats[i].text);
		}
		buf_addc(b, ']');
		break;
	case CK_CHILD:
		write_flow(b, f->arg, base);
		break;
	default:
		break;
	}
}

/* A flow mapping, "{a: 1, b: x}"; "{}" when nothing is written. */
static void
write_flow(struct oc_buf *b, int id, const void *base)
{
	const struct contract_object *o = &contract_objects[id];
	size_t i;
	int n = 0;

	for (i = 0; i < o->nfields; i++) {
		if (!written(&o->fields[i], base))
			continue;
		buf_printf(b, "%s%s: ", n++ ? ", " : "{", o->fields[i].key);
		put_value(b, &o->fields[i], base);
	}
	buf_adds(b, n ? "}" : "{}");
}

static void write_block(struct oc_buf *b, int id, const void *base,
    int indent, const char *first);

static void
write_items(struct oc_buf *b, const struct contract_field *f,
    const void *base, int indent)
{
	const char *items = *(char *const *)contract_at(base, f->off);
	size_t i, n = *contract_count(base, f);
	char *dash = xasprintf("%*s- ", indent + 2, "");

	for (i = 0; i < n; i++) {
		if (contract_objects[f->arg].flow) {
			buf_adds(b, dash);
			write_flow(b, f->arg, items + i * f->item_size);
			buf_addc(b, '\n');
		} else {
			write_block(b, f->arg, items + i * f->item_size,
			    indent + 4, dash);
		}
	}
	free(dash);
}

/* A block mapping at indent, its first line after first when that is
 * set (a list item's "- "). */
static void
write_block(struct oc_buf *b, int id, const void *base, int indent,
    const char *first)
{
	const struct contract_object *o = &contract_objects[id];
	size_t i;

	for (i = 0; i < o->nfields; i++) {
		const struct contract_field *f = &o->fields[i];

		if (!written(f, base))
			continue;
		if (first != NULL)
			buf_printf(b, "%s%s:", first, f->key);
		else
			buf_printf(b, "%*s%s:", indent, "", f->key);
		first = NULL;
		if (f->kind == CK_ITEMS) {
			buf_addc(b, '\n');
			write_items(b, f, base, indent);
			continue;
		}
		if (f->kind == CK_CHILD && !contract_objects[f->arg].flow) {
			buf_addc(b, '\n');
			write_block(b, f->arg, base, indent + 2, NULL);
			continue;
		}
		buf_addc(b, ' ');
		put_value(b, f, base);
		buf_addc(b, '\n');
	}
}

void
contract_write(struct oc_buf *b, const struct oc_contract *c,
    const char *header)
{
	size_t n;

	while (header != NULL && *header != '\0') {
		n = strcspn(header, "\n");
		if (n > 0)
			buf_printf(b, "# %.*s\n", (int)n, header);
		else
			buf_adds(b, "#\n");
		header += n + (header[n] == '\n');
	}
	write_block(b, CO_ROOT, c, 0, NULL);
}
