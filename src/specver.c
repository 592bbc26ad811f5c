#include <string.h>

#include "ocicheck/specver.h"

const char *const oc_spec_version_names[OC_NVERSIONS] = {
	[OC_V1_0_0] = "1.0.0",
	[OC_V1_0_1] = "1.0.1",
	[OC_V1_0_2] = "1.0.2",
	[OC_V1_1_0] = "1.1.0",
	[OC_V1_2_0] = "1.2.0",
	[OC_V1_2_1] = "1.2.1",
	[OC_V1_3_0] = "1.3.0",
};

const char *const oc_platform_names[OC_NPLATFORMS] = {
	[OC_PLATFORM_LINUX] = "linux",
	[OC_PLATFORM_WINDOWS] = "windows",
	[OC_PLATFORM_SOLARIS] = "solaris",
	[OC_PLATFORM_FREEBSD] = "freebsd",
	[OC_PLATFORM_ZOS] = "zos",
	[OC_PLATFORM_VM] = "vm",
};

/* A numeric identifier: 0, or digits without a leading zero. */
static size_t
numeric_id(const char *s, size_t n, unsigned long *v)
{
	size_t i = 0;

	*v = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		if (*v > 99999999)
			return 0;	/* absurdly large: not a version */
		*v = *v * 10 + (unsigned long)(s[i] - '0');
		i++;
	}
	if (i == 0 || (i > 1 && s[0] == '0'))
		return 0;
	return i;
}

/* Dot-separated [0-9A-Za-z-]+ identifiers; prerelease numerics may not
 * have leading zeros. Returns the length consumed or 0. */
static size_t
identifiers(const char *s, size_t n, int prerelease)
{
	size_t i = 0;

	for (;;) {
		size_t start = i;
		int digits = 1;

		while (i < n && (s[i] == '-' || (s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
			if (s[i] < '0' || s[i] > '9')
				digits = 0;
			i++;
		}
		if (i == start)
			return 0;
		if (prerelease && digits && i - start > 1 && s[start] == '0')
			return 0;
		if (i == n || s[i] != '.')
			return i;
		i++;
	}
}

int
semver_parse(const char *s, size_t n, struct oc_semver *out)
{
	unsigned long part[3];
	size_t i = 0, k;
	int p;

	out->prerelease = 0;
	for (p = 0; p < 3; p++) {
		if ((k = numeric_id(s + i, n - i, &part[p])) == 0)
			return -1;
		i += k;
		if (p < 2) {
			if (i >= n || s[i] != '.')
				return -1;
			i++;
		}
	}
	if (i < n && s[i] == '-') {
		if ((k = identifiers(s + i + 1, n - i - 1, 1)) == 0)
			return -1;
		i += k + 1;
		out->prerelease = 1;
	}
	if (i < n && s[i] == '+') {
		if ((k = identifiers(s + i + 1, n - i - 1, 0)) == 0)
			return -1;
		i += k + 1;
	}
	if (i != n)
		return -1;
	out->major = part[0];
	out->minor = part[1];
	out->patch = part[2];
	return 0;
}

int
specver_select(const struct oc_semver *v)
{
	int i;

	if (v->major != 1)
		return v->major > 1 ? OC_V1_3_0 : -1;
	for (i = OC_NVERSIONS - 1; i >= 0; i--) {
		struct oc_semver k;
		const char *name = oc_spec_version_names[i];

		semver_parse(name, strlen(name), &k);
		if (k.minor < v->minor ||
		    (k.minor == v->minor && k.patch <= v->patch))
			return i;
	}
	return OC_V1_0_0;
}

/*
 * runtime-spec's own Go package (specs-go/version.go) names the line
 * after a release X.Y.Z "X.Y.Z-dev" or "X.Y.Z+dev", and runtimes copy it
 * into the configs they write: "1.0.2-dev" from c4ee7d1/1ac6f8d
 * (2020-01-09, "specs-go: bump master back to -dev", right after the
 * 1.0.2 release) to 3e013c2 (2023-01-24, 1.1.0-rc.1), the years in which
 * errnoRet and defaultErrnoRet were added; "1.1.0+dev" from 3f552ce
 * (2023-06-26), "1.3.0+dev" from 9d0d4bc (2025-11-02). SemVer orders
 * 1.0.2-dev before 1.0.2, but what the config holds is what came after.
 * "1.1.0-rc.1-dev" names a prerelease: its line leads to 1.1.0, which
 * specver_select already gives.
 */
int
specver_dev_line(const char *s, size_t n)
{
	struct oc_semver sv;
	size_t i;

	if (n < 5 || memcmp(s + n - 3, "dev", 3) != 0 ||
	    (s[n - 4] != '-' && s[n - 4] != '+') ||
	    semver_parse(s, n, &sv) < 0)
		return 0;
	for (i = 0; i < n - 4; i++)
		if (s[i] == '-' || s[i] == '+')
			return 0;
	return 1;
}

int
specver_find(const char *name)
{
	int i;

	for (i = 0; i < OC_NVERSIONS; i++)
		if (strcmp(oc_spec_version_names[i], name) == 0)
			return i;
	return -1;
}

int
platform_find(const char *name)
{
	int i;

	for (i = 0; i < OC_NPLATFORMS; i++)
		if (strcmp(oc_platform_names[i], name) == 0)
			return i;
	return -1;
}
