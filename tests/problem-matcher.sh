#!/bin/sh
# .github/ocicheck-problem-matcher.json against real text output: every
# finding line must match its regexp, and every group (file, line, column,
# severity, message, code) must equal that finding's field in the JSON
# output of the same run. Python's re stands in for the runner's .NET
# regex; the pattern uses nothing on which they differ.
set -u
bin=$1 src=$2
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# A path with a space and a colon followed by digits must not fool it.
mkdir -p "$tmp/dir with space:1" || exit 1
cp "$src/testdata/OCI1101/fail-windows-unix-style.json" \
	"$tmp/dir with space:1/config.json" || exit 1
cd "$src/testdata" || exit 1
python3 - "$bin" "$src/.github/ocicheck-problem-matcher.json" \
	"$tmp/dir with space:1/config.json" <<'EOF'
import glob
import json
import re
import subprocess
import sys

binary, matcher_path, odd = sys.argv[1:4]
with open(matcher_path) as f:
    matchers = json.load(f)['problemMatcher']
# The runner knows the severities error, warning and notice and drops a
# match with any other (ocicheck's 'info'), so info needs a matcher of
# its own whose default severity is notice.
groups = ('file', 'line', 'column', 'message', 'code')
compiled = []
for m in matchers:
    assert m['owner'].startswith('ocicheck'), m
    assert len(m['pattern']) == 1, 'one line per finding: one pattern'
    assert m.get('severity', 'error') in ('error', 'warning', 'notice'), m
    compiled.append((m, re.compile(m['pattern'][0]['regexp'])))
assert len({m['owner'] for m in matchers}) == len(matchers), 'owners repeat'
runner_severity = {'error': 'error', 'warning': 'warning', 'info': 'notice'}

inputs = sorted(p for p in glob.glob('**/*.json', recursive=True)
                if not p.endswith('.expected.json')) + [odd]
text = subprocess.run([binary, '-q', '--color', 'never', *inputs],
                      capture_output=True).stdout.decode('utf-8')
envelope = json.loads(subprocess.run([binary, '-q', '-f', 'json', *inputs],
                                     capture_output=True).stdout)
lines = text.splitlines()
findings = envelope['findings']
if len(lines) != len(findings):
    sys.exit('%d text lines, %d findings' % (len(lines), len(findings)))
seen = set()
for line, f in zip(lines, findings):
    hits = [(mt, m) for mt, r in compiled for m in [r.match(line)] if m]
    if len(hits) != 1:
        sys.exit('%d matchers match %r' % (len(hits), line))
    mt, m = hits[0]
    pattern = mt['pattern'][0]
    got = {g: m.group(pattern[g]) for g in groups}
    got['severity'] = (m.group(pattern['severity']) if 'severity' in pattern
                       else mt.get('severity', 'error'))
    if got['severity'] not in ('error', 'warning', 'notice'):
        sys.exit('the runner drops severity %r: %r' % (got['severity'], line))
    want = {'file': f['path'], 'line': str(f['line']),
            'column': str(f['column']),
            'severity': runner_severity[f['severity']],
            'message': f['message'], 'code': f['ruleId']}
    if got != want:
        sys.exit('%r\n  matched %r\n  expected %r' % (line, got, want))
    seen.add(f['severity'])
    seen.add('odd' if f['path'] == odd else 'plain')
for need in ('error', 'warning', 'info', 'odd', 'plain'):
    if need not in seen:
        sys.exit('no %s finding was tried' % need)
print('%d lines matched, severities %s' % (
    len(lines), sorted(seen & {'error', 'warning', 'info'})))
EOF
