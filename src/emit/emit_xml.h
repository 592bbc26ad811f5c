/* The XML reports (JUnit, checkstyle) through libxml2's xmlTextWriter,
 * which does the escaping; every string is made printable UTF-8 first
 * (emit_clean), since XML 1.0 cannot hold control characters at all. */
#ifndef OCICHECK_EMIT_XML_H
#define OCICHECK_EMIT_XML_H

#include <stdio.h>

#include "ocicheck/error.h"

struct oc_xml;

/* An indented UTF-8 document on out; NULL when libxml2 cannot allocate. */
struct oc_xml *xml_open(FILE *out);
void xml_start(struct oc_xml *x, const char *element);
void xml_end(struct oc_xml *x);
void xml_attr(struct oc_xml *x, const char *name, const char *value);
void xml_attr_num(struct oc_xml *x, const char *name, size_t value);
void xml_text(struct oc_xml *x, const char *text);
/* text and a newline (text itself cannot hold one) */
void xml_line(struct oc_xml *x, const char *text);
/* End the document and free x (NULL safe); -1 with err when any write
 * failed. */
int xml_close(struct oc_xml *x, struct oc_error **err);

#endif
