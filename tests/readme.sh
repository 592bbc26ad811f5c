#!/bin/sh
# The README's "write your first contract" cannot rot: its contract is
# testdata/first-contract/contract.yaml byte for byte, and the run it shows
# is what ocicheck prints for it (and the fixed config runs clean).
# usage: readme.sh OCICHECK SOURCE_DIR
set -u
bin=$1 src=$2
cd "$src" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
# the fenced block after a "<!-- KIND: PATH -->" marker
block() {
	awk -v m="<!-- $1: $2 -->" '
		$0 == m { on = 1; next }
		on && /^```/ { if (in_) exit; in_ = 1; next }
		in_ { print }' README.md
}
block snippet testdata/first-contract/contract.yaml >"$tmp/snippet"
[ -s "$tmp/snippet" ] || { echo "README has no first-contract snippet"; exit 1; }
diff -u testdata/first-contract/contract.yaml "$tmp/snippet" || fail=1

block run testdata/first-contract >"$tmp/run"
cmd=$(sed -n 's/^\$ ocicheck //p' "$tmp/run")
[ -n "$cmd" ] || { echo "README shows no first-contract run"; exit 1; }
sed '1d' "$tmp/run" >"$tmp/want"
# shellcheck disable=SC2086
"$bin" --no-config --color never -q $cmd >"$tmp/got" 2>&1
rc=$?
[ "$rc" -eq 1 ] || { echo "the README's run exits $rc, not 1"; fail=1; }
diff -u "$tmp/want" "$tmp/got" || fail=1

"$bin" --no-config -q testdata/first-contract/fixed.json \
    --contract testdata/first-contract/contract.yaml >"$tmp/fixed" 2>&1 ||
	{ echo "the fixed config is not clean:"; cat "$tmp/fixed"; fail=1; }
exit $fail
