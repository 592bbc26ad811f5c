/* Findings: what checks and loaders report. Collected, never printed here. */
#ifndef OCICHECK_FINDINGS_H
#define OCICHECK_FINDINGS_H

#include <stddef.h>
#include <stdint.h>

#include "ocicheck/doc.h"
#include "ocicheck/catalog.h"
#include "ocicheck/source.h"

/* Why a finding is not counted: an ignore: entry of the config file, or
 * an annotation in the config.json itself. */
enum oc_suppression {
	OC_SUPPRESS_NONE,
	OC_SUPPRESS_CONFIG,
	OC_SUPPRESS_INLINE,
};

struct oc_finding {
	const struct oc_rule *rule;
	enum oc_severity severity;
	uint32_t file;		/* index of the input in the run */
	struct oc_span span;
	char *pointer;		/* RFC 6901, "" for the whole document */
	char *message;
	enum oc_suppression suppressed;
	char *justification;	/* the suppression's reason, or NULL */
};

/* Per-rule settings a run applies as findings arrive. */
struct oc_rule_setting {
	unsigned char enabled;
	unsigned char severity;	/* enum oc_severity */
};

/* Documented limit: findings kept per input. A hostile file can raise one
 * for every few bytes (a 128 MiB file of repeated keys would hold
 * gigabytes of them); real configs raise dozens. */
#define OC_MAX_FINDINGS 100000

struct oc_findings {
	struct oc_finding *v;
	size_t n, cap;
	/* The input being reported on: findings_begin_file() or
	 * findings_switch_file() set it, no caller. */
	const struct oc_source *src;	/* borrowed */
	uint32_t file;
	const struct oc_rule_setting *settings;	/* OC_NRULES entries or NULL */
	/* Of that input: findings kept, and those over the limit (the first
	 * one's input and span) until findings_end_file(). */
	size_t kept, dropped;
	uint32_t dropped_file;
	struct oc_span dropped_at;
};

/* Add a finding for rule id at span, at severity (an enum oc_severity, or
 * -1 for the rule's; the run's settings for the rule beat it). Every
 * reporter ends here; loaders that know a raw span call it directly. */
void findings_add_sevv(struct oc_findings *f, enum oc_rule_id id,
    int severity, struct oc_span span, const char *pointer, const char *fmt,
    va_list ap) OC_PRINTF(6, 0);
/* The same at the rule's severity. */
void findings_add(struct oc_findings *f, enum oc_rule_id id,
    struct oc_span span, const char *pointer, const char *fmt, ...)
	OC_PRINTF(5, 6);

/* Where a finding about a node points. */
enum oc_anchor {
	OC_AT_VALUE,	/* the node's value */
	OC_AT_KEY,	/* its member name (its value for an array element) */
	OC_AT_OPEN,	/* something missing from it: its member name when
			 * it has one, else its opening bracket */
};

/* A finding about node n of doc, its pointer n's. */
void findings_add_node(struct oc_findings *f, enum oc_rule_id id,
    int severity, const struct oc_doc *doc, const struct oc_node *n,
    enum oc_anchor at, const char *fmt, ...) OC_PRINTF(7, 8);
void findings_add_nodev(struct oc_findings *f, enum oc_rule_id id,
    int severity, const struct oc_doc *doc, const struct oc_node *n,
    enum oc_anchor at, const char *fmt, va_list ap) OC_PRINTF(7, 0);
/* The findings that follow are of input file (its index in the run), read
 * from src (borrowed until findings_end_file). Counting toward
 * OC_MAX_FINDINGS starts afresh. */
void findings_begin_file(struct oc_findings *f, uint32_t file,
    const struct oc_source *src);
/* Report on another input without ending the current one: for a producer
 * that reads several inputs as one (contract derive), whose findings are
 * counted together toward the limit. */
void findings_switch_file(struct oc_findings *f, uint32_t file,
    const struct oc_source *src);
/* The current input is done: report the findings over OC_MAX_FINDINGS,
 * if any, as one OCI0010 finding where the first of them was, and forget
 * the input's source. */
void findings_end_file(struct oc_findings *f);
/* Sort by file, line, column, rule, message. */
void findings_sort(struct oc_findings *f);
/* Drop every finding from index n on. */
void findings_truncate(struct oc_findings *f, size_t n);
void findings_clear(struct oc_findings *f);

#endif
