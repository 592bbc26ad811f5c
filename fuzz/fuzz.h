/* What the libFuzzer targets share: the entry point's prototype, oracles
 * that turn a broken promise into a crash, and the whole-run pipeline. */
#ifndef OCICHECK_FUZZ_H
#define OCICHECK_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "ocicheck/doc.h"
#include "ocicheck/findings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop with a message libFuzzer shows next to the crashing input. */
#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) \
		fuzz_fail(#cond, __FILE__, __LINE__); \
} while (0)

void fuzz_fail(const char *what, const char *file, int line)
	__attribute__((noreturn));
/* Every finding lies inside its input and has a rule and a message. */
void fuzz_check_findings(const struct oc_findings *f, size_t from);
/* Read every node back as a check would: text, key, pointer, spans and
 * lookup by name, asserting the tree is consistent. */
void fuzz_walk(const struct oc_doc *doc);
/* The run main() does, with every rule enabled and every report format
 * written: config (and, when not NULL, a contract and an .ocicheck.yaml)
 * are handed over as files. */
void fuzz_pipeline(const char *config, size_t clen, const char *contract,
    size_t nlen, const char *settings, size_t slen);
/* contract derive on a rendered chart (and an overlay when not NULL):
 * the contract it writes must load back. */
void fuzz_derive(const char *rendered, size_t rlen, const char *overlay,
    size_t olen);

#endif
