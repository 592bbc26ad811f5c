/* The JSON Schema of contract-v1 (share/contract-v1.schema.json), built
 * in for `ocicheck contract schema`. */
#include "ocicheck/contract.h"

static const char text[] = {
#include "contract-v1.schema.inc"
};

const char *
contract_schema_text(void)
{
	return text;
}
