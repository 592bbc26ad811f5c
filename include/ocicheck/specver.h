/* Runtime-spec versions and platforms the rules know. */
#ifndef OCICHECK_SPECVER_H
#define OCICHECK_SPECVER_H

#include <stddef.h>

/* Every release whose schema is compiled in, oldest first. */
enum oc_spec_version {
	OC_V1_0_0,
	OC_V1_0_1,
	OC_V1_0_2,
	OC_V1_1_0,
	OC_V1_2_0,
	OC_V1_2_1,
	OC_V1_3_0,
	OC_NVERSIONS,
};

/* A set of versions: bit v for enum oc_spec_version v. */
#define OC_VBIT(v) (1u << (v))
#define OC_VALL ((1u << OC_NVERSIONS) - 1)
/* Versions v and later. */
#define OC_VSINCE(v) (OC_VALL & ~(OC_VBIT(v) - 1))

enum oc_platform {
	OC_PLATFORM_LINUX,
	OC_PLATFORM_WINDOWS,
	OC_PLATFORM_SOLARIS,
	OC_PLATFORM_FREEBSD,
	OC_PLATFORM_ZOS,
	OC_PLATFORM_VM,
	OC_NPLATFORMS,
};

extern const char *const oc_spec_version_names[OC_NVERSIONS];
extern const char *const oc_platform_names[OC_NPLATFORMS];

struct oc_semver {
	unsigned long major, minor, patch;
	int prerelease;		/* has a -suffix */
};

/* Parse SemVer 2.0.0 text; -1 when s is not SemVer. */
int semver_parse(const char *s, size_t n, struct oc_semver *out);
/* The newest known release not newer than v (prerelease ignored); -1 when
 * v is older than 1.0.0 or not 1.x. */
int specver_select(const struct oc_semver *v);
/* Is s ("1.0.2-dev", "1.3.0+dev") the development line after the
 * release X.Y.Z it names, with no other prerelease in between? */
int specver_dev_line(const char *s, size_t n);
/* A known release by name ("1.2.0"), or -1. */
int specver_find(const char *name);
/* A platform by name, or -1. */
int platform_find(const char *name);

#endif
