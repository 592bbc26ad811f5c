#!/bin/sh
# Golden test of one fixture: the exact text output (plus the exit code) and
# the exact JSON output must match the files beside it. A fixture named
# fail-* must raise the rule its directory is named after; pass-* must not.
# OCICHECK_UPDATE=1 rewrites the expected files (review the diff!).
set -u
bin=$1 dir=$2 rel=$3
cd "$dir" || exit 1
# A config (X.json) is checked against X.contract.yaml or, failing that,
# the directory's contract.yaml when there is one; a contract fixture
# (X.yaml) is run through `ocicheck contract lint`.
case $rel in
*.yaml)
	base=${rel%.yaml}
	set -- contract lint "$rel" ;;
*)
	base=${rel%.json}
	set -- "$rel"
	if [ -f "$base.contract.yaml" ]; then
		set -- "$@" --contract "$base.contract.yaml"
	elif [ -f "$(dirname "$rel")/contract.yaml" ]; then
		set -- "$@" --contract "$(dirname "$rel")/contract.yaml"
	fi ;;
esac
rule=$(basename "$(dirname "$rel")")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

${OCICHECK_WRAP:-} "$bin" --color never -q "$@" >"$tmp/txt" 2>"$tmp/err"
echo "exit: $?" >>"$tmp/txt"
${OCICHECK_WRAP:-} "$bin" -q -f json "$@" >"$tmp/json" 2>>"$tmp/err"

if [ "${OCICHECK_UPDATE:-}" = 1 ]; then
	cp "$tmp/txt" "$base.expected.txt"
	cp "$tmp/json" "$base.expected.json"
fi
fail=0
diff -u "$base.expected.txt" "$tmp/txt" || fail=1
diff -u "$base.expected.json" "$tmp/json" || fail=1
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
