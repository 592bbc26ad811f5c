#!/bin/sh
# Golden test of one fixture in the sarif or github format, beside
# tests/golden.sh (text and json), and in junit, gitlab and checkstyle and with the same rules: X.json is
# checked with X.contract.yaml or its directory's contract.yaml, a
# fail-*/pass-*.yaml contract through `ocicheck contract lint`; a fail-*
# fixture must raise the rule its directory is named after, a pass-* must
# not. OCICHECK_UPDATE=1 rewrites the expected file (review the diff!).
#
#   golden-formats.sh BIN TESTDATA sarif|github|junit|gitlab|checkstyle FIXTURE
#
# X.expected.github, .junit, .gitlab and .checkstyle are the output as is
# (tests/formats.sh validates them against the formats' schemas). X.expected.sarif is the output
# after a check and two reductions, so that 500 goldens do not carry (and
# go stale with) the whole rule table and the checkout path:
# - every result's ruleIndex must name its ruleId's entry in
#   tool.driver.rules; the golden then keeps only the rules the results
#   use, without their description texts, with ruleIndex renumbered;
# - the %SRCROOT% and working directory URIs must be this directory's
#   file URI, written as file:///TESTDATA/.
# The rest is compared as is; scripts/conformance-sarif validates the
# unreduced output against the SARIF schema.
set -u
tests=$(cd "$(dirname "$0")" && pwd)
bin=$1 dir=$2 fmt=$3 rel=$4
cd "$dir" || exit 1
case $fmt in
sarif|github|junit|gitlab|checkstyle) ;;
*) echo "unknown format '$fmt'"; exit 1 ;;
esac
rule=$(basename "$(dirname "$rel")")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
. "$tests/fixture-args.sh"

${OCICHECK_WRAP:-} "$bin" -q -f "$fmt" "$@" >"$tmp/raw" 2>"$tmp/err"
fail=0
if [ "$fmt" != sarif ]; then
	cp "$tmp/raw" "$tmp/out"
	case $fmt in
	# title=ID slug: the rule id ends at the space.
	github) pat="title=$rule " ;;
	# a failure or a system-out line: "PATH:L:C: SEVERITY ID slug: ..."
	junit) pat=": [a-z]* $rule " ;;
	gitlab) pat="\"check_name\": \"$rule\"" ;;
	checkstyle) pat="source=\"ocicheck\.$rule\"" ;;
	esac
	grep -q "$pat" "$tmp/out" && raised=1 || raised=0
else
	python3 - "$tmp/raw" "$tmp/out" "$rule" <<'EOF' || exit 1
import json
import os
import sys
import urllib.parse

raw, out, rule = sys.argv[1:4]
with open(raw, encoding='utf-8') as f:
    log = json.load(f)
run = log['runs'][0]
driver = run['tool']['driver']
rules = driver['rules']
used = set()
for r in run['results']:
    i = r['ruleIndex']
    if not 0 <= i < len(rules) or rules[i]['id'] != r['ruleId']:
        sys.exit('ruleIndex %r does not name %s' % (i, r['ruleId']))
    used.add(i)
keep = sorted(used)
renumber = {old: new for new, old in enumerate(keep)}
driver['rules'] = [{k: v for k, v in rules[i].items()
                    if k not in ('shortDescription', 'fullDescription',
                                 'help')} for i in keep]
for r in run['results']:
    r['ruleIndex'] = renumber[r['ruleIndex']]
here = 'file://' + urllib.parse.quote(os.getcwd(), safe="/-._~!$&'()*+,;=@")
if not here.endswith('/'):
    here += '/'
for holder in (run.get('originalUriBaseIds', {}).get('%SRCROOT%'),
               *(i.get('workingDirectory') for i in run['invocations'])):
    if holder is None:
        continue
    if holder['uri'] != here:
        sys.exit('%s is not %s' % (holder['uri'], here))
    holder['uri'] = 'file:///TESTDATA/'
with open(out, 'w', encoding='utf-8') as f:
    f.write(json.dumps(log, indent=2, ensure_ascii=False) + '\n')
with open(out + '.raised', 'w') as f:
    f.write('1' if any(r['ruleId'] == rule for r in run['results'])
            else '0')
EOF
	raised=$(cat "$tmp/out.raised")
fi

if [ "${OCICHECK_UPDATE:-}" = 1 ]; then
	cp "$tmp/out" "$base.expected.$fmt"
fi
diff -u "$base.expected.$fmt" "$tmp/out" || fail=1
if [ -s "$tmp/err" ] && [ -z "${OCICHECK_WRAP:-}" ]; then
	echo "unexpected stderr:"; cat "$tmp/err"; fail=1
fi
case $rel in
*/fail-*)
	[ "$raised" = 1 ] ||
		{ echo "fail fixture does not raise $rule"; fail=1; } ;;
*/pass-*)
	if [ "$raised" = 1 ]; then
		echo "pass fixture raises $rule"; fail=1
	fi ;;
esac
exit $fail
