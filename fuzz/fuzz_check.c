/* One config through what main() runs: read, load, every rule, the
 * suppressions, and every report format. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_pipeline((const char *)data, size, NULL, 0, NULL, 0);
	return 0;
}
