#!/bin/sh
# The SARIF goldens of every curated fixture (tests/golden.list) in one
# test: ocicheck runs once per fixture, tests/sarif-reduce.py checks and
# reduces all the logs in one Python process (its docstring says how), and
# each must equal X.expected.sarif. OCICHECK_UPDATE=1 rewrites them
# (review the diff!).
#   golden-sarif.sh BIN TESTDATA LIST
set -u
tests=$(cd "$(dirname "$0")" && pwd)
bin=$1 dir=$2 list=$3
fixtures=$(grep -v '^#' "$list" | awk '{print $1}') && [ -n "$fixtures" ] ||
	{ echo "no fixtures in $list"; exit 1; }
cd "$dir" || exit 1
dir=$(pwd -P)
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
n=0
fail=0
pairs=
for rel in $fixtures; do
	n=$((n + 1))
	mkdir "$work/$n"
	(
		tmp=$work/$n
		. "$tests/fixture-args.sh"
		echo "$base" >"$tmp/base"
		${OCICHECK_WRAP:-} "$bin" -q -f sarif "$@" >"$tmp/raw" 2>"$tmp/err"
		rc=$?
		# ocicheck exits 0 to 3; more is a crash or the wrapper's code
		[ "$rc" -le 3 ] || { echo "$rel: exit $rc"; cat "$tmp/err"; exit 1; }
	) || fail=1
	pairs="$pairs $work/$n/raw $work/$n/out"
done
# shellcheck disable=SC2086 # the pairs are paths without spaces
python3 "$tests/sarif-reduce.py" "$dir" $pairs || exit 1
i=0
while [ "$i" -lt "$n" ]; do
	i=$((i + 1))
	base=$(cat "$work/$i/base")
	[ "${OCICHECK_UPDATE:-}" = 1 ] && cp "$work/$i/out" "$base.expected.sarif"
	diff -u "$base.expected.sarif" "$work/$i/out" || fail=1
done
echo "$n SARIF goldens"
exit $fail
