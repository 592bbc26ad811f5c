#!/bin/sh
# One rule fixture, testdata/ID/fail-X or testdata/ID/pass-X, run as
# tests/fixture-args.sh says, in the text format; it asserts what the
# fixture is about and nothing else, so that a new rule firing on it does
# not change its expected file:
#   fail-X  the lines of the run ending in "[ID]" (position, severity and
#           message of each finding of ID), then "exit: N" when one of
#           them is an error or the run did not exit 0 or 1 (there the exit
#           code is this rule's doing), must be fail-X.expected.rule; there
#           must be at least one;
#   pass-X  no finding of ID, no error of any rule, exit 0;
# and for both, stderr empty and, for X.rendered.yaml, the derived contract
# X.expected.contract.yaml.
# OCICHECK_UPDATE=1 rewrites the expected files (review the diff!).
#   rule-fixture.sh BIN TESTDATA FIXTURE
set -u
tests=$(cd "$(dirname "$0")" && pwd)
bin=$1 dir=$2 rel=$3
cd "$dir" || exit 1
rule=$(basename "$(dirname "$rel")")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
. "$tests/fixture-args.sh"

${OCICHECK_WRAP:-} "$bin" --color never -q "$@" >"$tmp/txt" 2>"$tmp/err"
rc=$?
grep -e " \[$rule\]\$" "$tmp/txt" >"$tmp/rule"
if grep -q -e ": error: .* \[$rule\]\$" "$tmp/rule" ||
	{ [ "$rc" != 0 ] && [ "$rc" != 1 ]; }; then
	echo "exit: $rc" >>"$tmp/rule"
fi

fail=0
case $rel in
*/fail-*)
	[ "${OCICHECK_UPDATE:-}" = 1 ] && cp "$tmp/rule" "$base.expected.rule"
	diff -u "$base.expected.rule" "$tmp/rule" || fail=1
	grep -q -e " \[$rule\]\$" "$tmp/rule" ||
		{ echo "fail fixture does not raise $rule"; fail=1; } ;;
*/pass-*)
	if [ -s "$tmp/rule" ]; then
		echo "pass fixture raises $rule:"; cat "$tmp/rule"; fail=1
	fi
	if grep -e ': error: .* \[[A-Z0-9]*\]$' "$tmp/txt" >"$tmp/errors"; then
		echo "pass fixture has errors of other rules:"; cat "$tmp/errors"
		fail=1
	fi
	[ "$rc" = 0 ] || { echo "pass fixture exits $rc"; fail=1; } ;;
*)
	echo "$rel is neither fail-* nor pass-*"; exit 1 ;;
esac
case $rel in
*.rendered.yaml)
	[ "${OCICHECK_UPDATE:-}" = 1 ] &&
		cp "$tmp/derived.yaml" "$base.expected.contract.yaml"
	diff -u "$base.expected.contract.yaml" "$tmp/derived.yaml" || fail=1 ;;
esac
if [ -s "$tmp/err" ] && [ -z "${OCICHECK_WRAP:-}" ]; then
	echo "unexpected stderr:"; cat "$tmp/err"; fail=1
fi
exit $fail
