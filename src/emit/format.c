/* The emitter of each --format: the one file that names them all, so the
 * emitters can share emit.c without emit.c depending on them. */
#include "ocicheck/emit.h"

oc_emit_fn *
emit_for(enum oc_format format)
{
	switch (format) {
	case OC_FORMAT_JSON:
		return emit_json;
	case OC_FORMAT_SARIF:
		return emit_sarif;
	case OC_FORMAT_GITHUB:
		return emit_github;
	case OC_FORMAT_JUNIT:
		return emit_junit;
	case OC_FORMAT_GITLAB:
		return emit_gitlab;
	case OC_FORMAT_CHECKSTYLE:
		return emit_checkstyle;
	case OC_FORMAT_TEXT:
	case OC_FORMAT_MARKDOWN:
		break;
	}
	return emit_text;
}
