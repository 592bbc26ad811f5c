/* The schema pass: the runtime-spec JSON schemas of every release, compiled
 * into tables, applied to the raw document. */
#ifndef OCICHECK_SCHEMA_H
#define OCICHECK_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "ocicheck/check.h"

/* Check types, required members, enums, patterns, integer ranges and
 * array sizes of ctx->doc for ctx->version and ctx->platform. */
int schema_check(struct oc_check_ctx *ctx, struct oc_error **err);

/*
 * The tables, written by scripts/gen-schema into src/checks/oci/schema_data.c.
 * Every vmask is a set of releases (OC_VBIT of enum oc_spec_version): the
 * releases whose schema has that member, type, enum value or constraint.
 */

/* JSON types a value may have. A number with a fraction or an exponent
 * is only OC_JT_NUMBER's own bit; "number" in a schema admits integers,
 * so OC_JT_NUMBER includes OC_JT_INTEGER. */
enum {
	OC_JT_NULL = 0x01,
	OC_JT_BOOLEAN = 0x02,
	OC_JT_INTEGER = 0x04,
	OC_JT_FRACTION = 0x08,
	OC_JT_NUMBER = OC_JT_FRACTION | OC_JT_INTEGER,
	OC_JT_STRING = 0x10,
	OC_JT_ARRAY = 0x20,
	OC_JT_OBJECT = 0x40,
	OC_JT_ANY = 0x7f,
};

/* The patterns of the schemas, each with a hand-written matcher. */
enum oc_schema_pattern {
	OC_PAT_NONE,
	OC_PAT_PAGE_SIZE,	/* ^[1-9][0-9]*[KMG]B$ */
	OC_PAT_RLIMIT,		/* ^RLIMIT_[A-Z]+$ */
	OC_PAT_MEMBW,		/* ^MB:[^\n]*$ */
	OC_PAT_CPU_LIST,	/* ^[0-9, -]*$ */
	OC_PAT_DEVICE_TYPE,	/* ^[cbup]$ */
	OC_NPATTERNS,
};

/* An integer range: a C type of the spec (uint32), a named one (FileMode)
 * or "integer" with the schema's bounds. implicit: the schema gives no
 * bounds, and int64 is what runc and crun decode the value into. */
struct oc_schema_range {
	const char *name;
	int64_t min;
	uint64_t max;
	uint8_t implicit;
};

/* The JSON types of a node in the releases of vmask; range indexes
 * oc_schema_ranges when integers are allowed. */
struct oc_schema_type {
	uint8_t vmask;
	uint8_t jtypes;
	uint8_t range;
};

/* When a required member is required. */
enum oc_schema_req_cond {
	OC_REQ_ALWAYS,
	OC_REQ_POSIX,		/* not on Windows (user uid and gid) */
	OC_REQ_UNLESS_FIFO,	/* not when the object's type is "p" */
};

/* A member of an object; the members of a node are sorted by name (bytes)
 * for binary search. vmask 0: a member of no release, known only as a
 * pre-1.0 shape. */
struct oc_schema_member {
	const char *name;
	uint8_t len;
	uint8_t vmask;		/* releases that define it */
	uint8_t required;	/* releases that require it */
	uint8_t legacy;		/* oc_schema_legacy index + 1, or 0 */
	uint8_t owned;		/* another rule checks its presence and
				 * value: the pass leaves it alone */
	uint8_t cond;		/* enum oc_schema_req_cond */
	uint8_t note;		/* oc_schema_notes index + 1, or 0 */
	uint16_t node;
};

/* An enum value, sorted by value within a node. vmask 0: not in any
 * schema but accepted by every runtime, so never a finding. */
struct oc_schema_enum {
	const char *value;
	uint8_t len;
	uint8_t vmask;
};

/* A pre-1.0 shape (OCI0023): the member holding a value of kinds. When
 * replaces is set the shape counts only while that member is absent. */
struct oc_schema_legacy {
	uint8_t kinds;
	uint8_t harmless;	/* ignored, no setting lost: a warning */
	const char *replaces;
	const char *msg;	/* follows the member's pointer */
};

/* One position of the document, merged over releases. Node 0 accepts
 * anything. items/map are node indexes, 0 when unconstrained. */
struct oc_schema_node {
	uint16_t types, ntypes;		/* slice of oc_schema_types */
	uint16_t members, nmembers;	/* slice of oc_schema_members */
	uint16_t enums, nenums;		/* slice of oc_schema_enums */
	uint16_t items;			/* array elements */
	uint16_t map;			/* members not listed */
	uint8_t enum_vmask;		/* releases with an enum here */
	uint8_t items_vmask;
	uint8_t items_tuple;		/* 1: items is for element 0 only */
	uint8_t map_vmask;
	uint8_t map_nonempty;		/* map only for non-empty keys */
	uint8_t pattern;		/* enum oc_schema_pattern */
	uint8_t pattern_vmask;
	uint8_t min_items, min_items_vmask;
	uint8_t free_vmask;		/* releases with free members */
};

extern const struct oc_schema_range oc_schema_ranges[];
extern const struct oc_schema_type oc_schema_types[];
extern const struct oc_schema_member oc_schema_members[];
extern const struct oc_schema_enum oc_schema_enums[];
extern const struct oc_schema_legacy oc_schema_legacy[];
/* What a missing required member costs, beyond the Go zero value. */
extern const char *const oc_schema_notes[];
extern const struct oc_schema_node oc_schema_nodes[];
extern const uint16_t oc_schema_root;
extern const size_t oc_schema_nnodes;
extern const size_t oc_schema_nmembers;
extern const size_t oc_schema_nlegacy;

/* Helpers of the walker, exposed for unit tests. */

/* An integer literal read exactly from its text. */
struct oc_schema_int {
	int neg;		/* a leading '-' (also for -0) */
	int overflow;		/* magnitude above UINT64_MAX */
	uint64_t mag;		/* magnitude when !overflow */
};

/* Parse the text of a JSON number: 0 for an integer literal, -1 when it
 * has a fraction or an exponent (or is not a number). */
int schema_int_parse(const char *s, size_t n, struct oc_schema_int *out);
/* Is v within [min, max]? */
int schema_int_in_range(const struct oc_schema_int *v, int64_t min,
    uint64_t max);
/* Does s match pattern p (enum oc_schema_pattern)? */
int schema_pattern_match(int p, const char *s, size_t n);
/* The member named name of node, or NULL (binary search). */
const struct oc_schema_member *schema_member_find(
    const struct oc_schema_node *node, const char *name, size_t len);

#endif
