#include <stdlib.h>

#include <libxml/xmlwriter.h>

#include "ocicheck/emit.h"
#include "emit_xml.h"

struct oc_xml {
	xmlTextWriterPtr w;
	int failed;
	struct oc_buf clean;
};

/* libxml2 prints its errors ("I/O error : ...") itself by default; here
 * a failed write is the caller's to report (main.c prints, once). */
static void
quiet_error(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static void
quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

struct oc_xml *
xml_open(FILE *out)
{
	xmlOutputBufferPtr ob;
	struct oc_xml *x;

	xmlSetGenericErrorFunc(NULL, quiet_error);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);
	if ((ob = xmlOutputBufferCreateFile(out, NULL)) == NULL)
		return NULL;
	x = xcalloc(1, sizeof(*x));
	/* The writer owns ob from here, and frees it even when it fails. */
	if ((x->w = xmlNewTextWriter(ob)) == NULL) {
		free(x);
		return NULL;
	}
	x->failed |= xmlTextWriterSetIndent(x->w, 1) < 0;
	x->failed |= xmlTextWriterSetIndentString(x->w, BAD_CAST "  ") < 0;
	x->failed |= xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL) < 0;
	return x;
}

static const xmlChar *
clean(struct oc_xml *x, const char *s)
{
	return BAD_CAST emit_clean(s, &x->clean);
}

void
xml_start(struct oc_xml *x, const char *element)
{
	x->failed |= xmlTextWriterStartElement(x->w, BAD_CAST element) < 0;
}

void
xml_end(struct oc_xml *x)
{
	x->failed |= xmlTextWriterEndElement(x->w) < 0;
}

void
xml_attr(struct oc_xml *x, const char *name, const char *value)
{
	x->failed |= xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
	    clean(x, value)) < 0;
}

void
xml_attr_num(struct oc_xml *x, const char *name, size_t value)
{
	char s[24];

	snprintf(s, sizeof(s), "%zu", value);
	xml_attr(x, name, s);
}

void
xml_text(struct oc_xml *x, const char *text)
{
	x->failed |= xmlTextWriterWriteString(x->w, clean(x, text)) < 0;
}

void
xml_line(struct oc_xml *x, const char *text)
{
	xml_text(x, text);
	x->failed |= xmlTextWriterWriteString(x->w, BAD_CAST "\n") < 0;
}

int
xml_close(struct oc_xml *x, struct oc_error **err)
{
	int failed;

	if (x == NULL)
		return 0;
	x->failed |= xmlTextWriterEndDocument(x->w) < 0;
	failed = x->failed;
	xmlFreeTextWriter(x->w);
	buf_free(&x->clean);
	free(x);
	if (failed)
		return oc_error_set(err, 0, "cannot write the XML report");
	return 0;
}
