#!/bin/sh
# Golden test of one fixture: the exact text output (plus the exit code) and
# the exact JSON output must match the files beside it. A fixture named
# fail-* must raise the rule its directory is named after; pass-* must not.
# OCICHECK_UPDATE=1 rewrites the expected files (review the diff!).
set -u
tests=$(cd "$(dirname "$0")" && pwd)
bin=$1 dir=$2 rel=$3
cd "$dir" || exit 1
# How a fixture is run: tests/fixture-args.sh. A rendered chart's derived
# contract must match X.expected.contract.yaml too.
rule=$(basename "$(dirname "$rel")")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
. "$tests/fixture-args.sh"

${OCICHECK_WRAP:-} "$bin" --color never -q "$@" >"$tmp/txt" 2>"$tmp/err"
echo "exit: $?" >>"$tmp/txt"
${OCICHECK_WRAP:-} "$bin" -q -f json "$@" >"$tmp/json" 2>>"$tmp/err"

if [ "${OCICHECK_UPDATE:-}" = 1 ]; then
	cp "$tmp/txt" "$base.expected.txt"
	cp "$tmp/json" "$base.expected.json"
	case $rel in
	*.rendered.yaml) cp "$tmp/derived.yaml" "$base.expected.contract.yaml" ;;
	esac
fi
fail=0
diff -u "$base.expected.txt" "$tmp/txt" || fail=1
diff -u "$base.expected.json" "$tmp/json" || fail=1
case $rel in
*.rendered.yaml)
	diff -u "$base.expected.contract.yaml" "$tmp/derived.yaml" || fail=1 ;;
esac
if [ -s "$tmp/err" ] && [ -z "${OCICHECK_WRAP:-}" ]; then
	echo "unexpected stderr:"; cat "$tmp/err"; fail=1
fi
case $rel in
*/fail-*)
	grep -q "\[$rule\]" "$tmp/txt" ||
		{ echo "fail fixture does not raise $rule"; fail=1; } ;;
*/pass-*)
	if grep -q "\[$rule\]" "$tmp/txt"; then
		echo "pass fixture raises $rule"; fail=1
	fi ;;
esac
exit $fail
