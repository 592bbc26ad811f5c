#!/bin/sh
# scripts/bench end to end on tiny inputs: it builds its floor, runs every
# case and prints every budget row with a verdict. It asserts nothing about
# time (a test must not): only that the report is whole and the exit is 0.
set -u
bin=$1 src=$2
out=$(OCICHECK_BIN=$bin BENCH_RUNS=1 BENCH_SIZES="0.05 0.2" BENCH_FILES=5 \
	BENCH_MANY=3 BENCH_ADDONS=/nonexistent python3 "$src/scripts/bench" 2>&1)
rc=$?
fail=0
if [ $rc -ne 0 ]; then
	echo "scripts/bench exited $rc"
	fail=1
fi
for row in '(a) time vs floor' '(a) ocicheck peak RSS' \
    '(b) time vs floor, 5 configs' '(c) time growth 0.05 -> 0.2 MiB' \
    '(c) peak RSS, 0.2 MiB input' '(d) peak RSS, 1 vs 3 inputs' \
    '(e) derive, slowest chart' \
    'machine:' 'THP ' 'ocicheck: ocicheck '; do
	case $out in
	*"$row"*) ;;
	*) echo "missing from the report: $row"; fail=1 ;;
	esac
done
# every budget row ends in a verdict
printf '%s\n' "$out" | sed -n '/^budget/,/^total/p' | grep '^(' |
	grep -Ev ' (PASS|OVER|info)$' && { echo "a budget row without verdict"; fail=1; }
[ $fail -eq 0 ] || printf '%s\n' "$out"
exit $fail
