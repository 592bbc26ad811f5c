/* An input file held in memory, with the index that turns byte offsets
 * into 1-based line and column (columns count Unicode code points). */
#ifndef OCICHECK_SOURCE_H
#define OCICHECK_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "ocicheck/error.h"

/* Documented input limit: larger inputs are a finding, not a load. It keeps
 * every offset in 32 bits and the whole run far below 1 GiB. */
#define OC_MAX_INPUT ((size_t)128 << 20)

struct oc_pos {
	uint32_t offset;	/* byte offset from the start of the file */
	uint32_t line;		/* 1-based */
	uint32_t col;		/* 1-based, in code points */
};

struct oc_span {
	struct oc_pos start;
	struct oc_pos end;	/* just past the last byte */
};

struct oc_source {
	char *path;		/* name used in reports */
	char *data;		/* NUL-terminated; may contain NUL bytes */
	size_t len;
	size_t too_large;	/* set to the input size when over the limit;
				 * data is then empty */
	/* built on first use by the position functions */
	uint32_t *lines;	/* byte offset of each line start */
	size_t nlines;
	uint32_t *blocks;	/* code points before each OC_BLOCK bytes */
};

/* Read path (a file, or a bundle directory holding config.json) or, when
 * path is "-", standard input named stdin_name. max is the size limit. */
int source_read(const char *path, const char *stdin_name, size_t max,
    struct oc_source **out, struct oc_error **err);
/* Read the file path, which must not be a directory: a contract or a
 * config file, where a bundle directory makes no sense. */
int source_read_file(const char *path, size_t max, struct oc_source **out,
    struct oc_error **err);
/* A source over a copy of len bytes of data; never fails. */
struct oc_source *source_from_mem(const char *path, const char *data,
    size_t len);
void source_free(struct oc_source *src);

/* Line and column of a byte offset (clamped to the input length). */
struct oc_pos source_pos(const struct oc_source *src, size_t offset);
struct oc_span source_span(const struct oc_source *src, size_t start,
    size_t end);
/* The 1-based line of a byte offset (cheaper than source_pos). */
size_t source_line(const struct oc_source *src, size_t offset);
/* Byte offset of a 1-based line and code-point column (YAML marks). */
size_t source_offset(const struct oc_source *src, size_t line, size_t col);

#endif
