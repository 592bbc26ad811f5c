#!/bin/sh
# rules/ must be exactly what scripts/gen-rule-docs writes from the table.
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
python3 "$src/scripts/gen-rule-docs" "$bin" "$tmp" || exit 1
diff -ru "$src/rules" "$tmp" || {
	echo "rules/ is stale: run scripts/gen-rule-docs build/ocicheck rules"
	exit 1
}
