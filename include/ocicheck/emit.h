/* Emitters: render a finished run. They write, they never decide. */
#ifndef OCICHECK_EMIT_H
#define OCICHECK_EMIT_H

#include <stdio.h>

#include "ocicheck/check.h"
#include "ocicheck/cli.h"

struct oc_emit_info {
	const struct oc_options *opts;
	int exit_code;
	int color;		/* text only */
	int show_suppressed;	/* include suppressed findings, marked */
	const char *report_root;	/* paths in SARIF are relative to it */
};

typedef int oc_emit_fn(FILE *out, const struct oc_run *run,
    const struct oc_emit_info *info, struct oc_error **err);

oc_emit_fn emit_text;
oc_emit_fn emit_json;
oc_emit_fn emit_sarif;
oc_emit_fn emit_github;

/* The emitter for a format. */
oc_emit_fn *emit_for(enum oc_format format);
/* "ocicheck: 2 files, 1 error, 0 warnings, 0 info" */
void emit_summary(FILE *out, const struct oc_run *run);
/* Stable id of a finding that ignores its line: rule, path, pointer. */
void emit_fingerprint(const struct oc_run *run, const struct oc_finding *f,
    char out[17]);
/* s made printable and valid UTF-8 for a report; returns s or b->s. */
const char *emit_clean(const char *s, struct oc_buf *b);
/* --list-rules in text, json or markdown. */
int emit_rule_list(FILE *out, enum oc_format format);
/* --explain: one rule in full. */
int emit_rule_explain(FILE *out, const struct oc_rule *r,
    enum oc_format format);
/* The documentation URL of a rule. */
void emit_help_uri(const struct oc_rule *r, struct oc_buf *b);

#endif
