#!/bin/sh
# The junit, gitlab and checkstyle goldens (tests/golden.list) against the
# formats' schemas (tests/schemas/): JUnit against the Jenkins xUnit
# plugin's XSD, GitLab Code Quality against GitLab's own entry schema and
# the fields its documentation requires, checkstyle for well-formedness
# and its element and attribute names. One process per format.
#
#   formats.sh SRCDIR
set -u
src=$1
command -v xmllint >/dev/null 2>&1 || { echo "skipped: no xmllint"; exit 77; }
python3 -c 'import jsonschema' 2>/dev/null ||
	{ echo "skipped: no python3-jsonschema"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
find "$src/testdata" -name '*.expected.junit' | sort >"$tmp/junit"
find "$src/testdata" -name '*.expected.checkstyle' | sort >"$tmp/cs"
find "$src/testdata" -name '*.expected.gitlab' | sort >"$tmp/gitlab"
fail=0
for k in junit cs gitlab; do
	[ -s "$tmp/$k" ] || { echo "no $k goldens"; fail=1; }
done
# xmllint prints "X validates" per file; only failures are shown.
xargs xmllint --noout --schema "$src/tests/schemas/junit-10.xsd" \
	<"$tmp/junit" 2>"$tmp/junit.out" || {
	grep -v ' validates$' "$tmp/junit.out"; fail=1; }
xargs xmllint --noout <"$tmp/cs" || fail=1
python3 - "$src/tests/schemas/gitlab-codeclimate.json" "$tmp/gitlab" \
	"$tmp/cs" <<'PY' || fail=1
import json
import sys
import xml.etree.ElementTree as ET

import jsonschema

schema = json.load(open(sys.argv[1]))
bad = 0
for path in open(sys.argv[2]).read().split():
    report = json.load(open(path, encoding='utf-8'))
    if not isinstance(report, list):
        print(path, 'is not an array'); bad += 1; continue
    for issue in report:
        try:
            jsonschema.validate(issue, schema)
        except jsonschema.ValidationError as e:
            print(path, e.message); bad += 1; continue
        # GitLab's documentation asks for these as well.
        if (not isinstance(issue.get('check_name'), str)
                or issue['severity'] not in ('info', 'minor', 'major',
                                             'critical', 'blocker')
                or not isinstance(issue['location'].get('path'), str)
                or not isinstance(issue['location'].get('lines', {})
                                  .get('begin'), int)):
            print(path, 'lacks a documented field:', issue); bad += 1
for path in open(sys.argv[3]).read().split():
    root = ET.parse(path).getroot()
    ok = root.tag == 'checkstyle' and all(
        f.tag == 'file' and 'name' in f.attrib and all(
            e.tag == 'error' and {'severity', 'message', 'source'}
            <= set(e.attrib) and e.attrib['severity'] in
            ('error', 'warning', 'info') for e in f) for f in root)
    if not ok:
        print(path, 'is not checkstyle'); bad += 1
sys.exit(1 if bad else 0)
PY
[ "$fail" = 0 ] && echo "junit, gitlab, checkstyle goldens valid"
exit $fail
