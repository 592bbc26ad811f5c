#!/bin/sh
# Whole-output golden of one curated fixture (tests/golden.list): its text
# output, the exit code and what it says on stderr (X.expected.txt), and
# its json, github, junit, gitlab and checkstyle reports (X.expected.FMT),
# byte for byte; a rendered chart's derived contract too
# (X.expected.contract.yaml). The SARIF goldens are all checked at once by
# tests/golden-sarif.sh. OCICHECK_UPDATE=1 rewrites the expected files
# (review the diff!).
#   golden.sh BIN TESTDATA FIXTURE
set -u
tests=$(cd "$(dirname "$0")" && pwd)
bin=$1 dir=$2 rel=$3
cd "$dir" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
. "$tests/fixture-args.sh"

fail=0
# stderr lines of ocicheck's own are part of the golden; anything else
# there (outside a wrapper such as valgrind, which writes its own) is not
# expected
keep_err() {
	grep '^ocicheck: ' "$1" | sed 's/^/stderr: /'
	if [ -z "${OCICHECK_WRAP:-}" ] && grep -v '^ocicheck: ' "$1" >"$1.other"
	then
		echo "unexpected stderr:"; cat "$1.other"; fail=1
	fi
}
${OCICHECK_WRAP:-} "$bin" --color never -q "$@" >"$tmp/txt" 2>"$tmp/err"
echo "exit: $?" >>"$tmp/txt"
keep_err "$tmp/err" >>"$tmp/txt"
for fmt in json github junit gitlab checkstyle; do
	${OCICHECK_WRAP:-} "$bin" -q -f "$fmt" "$@" >"$tmp/$fmt" 2>"$tmp/err"
	rc=$?
	# ocicheck exits 0 to 3; more is a crash or the wrapper's error code
	[ "$rc" -le 3 ] || { echo "-f $fmt: exit $rc"; cat "$tmp/err"; fail=1; }
	keep_err "$tmp/err" >/dev/null
done
case $rel in
*.rendered.yaml) kinds="txt json github junit gitlab checkstyle contract.yaml"
	mv "$tmp/derived.yaml" "$tmp/contract.yaml" ;;
*) kinds="txt json github junit gitlab checkstyle" ;;
esac
for k in $kinds; do
	[ "${OCICHECK_UPDATE:-}" = 1 ] && cp "$tmp/$k" "$base.expected.$k"
	diff -u "$base.expected.$k" "$tmp/$k" || fail=1
done
exit $fail
