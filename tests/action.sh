#!/bin/sh
# action.yml: its run: scripts pass shellcheck, it pins no branch, and its
# lint step, run as the runner would (env, GITHUB_OUTPUT, PATH), reports
# the exit code and a SARIF log that its own check accepts.
#
#   action.sh BIN SRCDIR
set -u
bin=$1 src=$2
command -v shellcheck >/dev/null 2>&1 || { echo "skipped: no shellcheck"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
python3 - "$src/action.yml" "$tmp" <<'PY' || exit 1
import re, sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
n = 0
for step in action['runs']['steps']:
    uses = step.get('uses', '')
    if re.search(r'@(main|master|HEAD)$', uses):
        sys.exit('step %r follows a branch: %s' % (step.get('name'), uses))
    if 'run' in step:
        if '${{' in step['run']:
            sys.exit('step %r pastes an expression into its script'
                     % step.get('name'))
        n += 1
        with open('%s/step%d.sh' % (sys.argv[2], n), 'w') as f:
            f.write('#!/bin/bash\n' + step['run'])
if n == 0:
    sys.exit('no run: steps')
PY
if grep -n '^#.*uses: ocicheck/ocicheck@main' "$src/action.yml"; then
	echo "the usage comment follows main"; fail=1
fi
for s in "$tmp"/step*.sh; do
	shellcheck -s bash "$s" || { echo "shellcheck: $(basename "$s")"; fail=1; }
done

# The lint step (step 2) on a fixture with a finding, then on a clean one.
mkdir -p "$tmp/path" "$tmp/ws"
ln -s "$bin" "$tmp/path/ocicheck"
cp "$src/testdata/OCI1101/fail-relative.json" "$tmp/ws/config.json"
lint() { # lint FORMAT: the step's exit code in $rc
	: >"$tmp/gh_out"
	(cd "$tmp/ws" && PATH="$tmp/path:$PATH" GITHUB_OUTPUT="$tmp/gh_out" \
	    GITHUB_ACTION_PATH="$src" OCICHECK_PATHS=. OCICHECK_CONFIG_FILE= \
	    OCICHECK_CONTRACTS= OCICHECK_FORMAT=$1 OCICHECK_OUTPUT=report \
	    OCICHECK_FAIL_ON=error OCICHECK_CATEGORY=cat \
	    bash "$tmp/step2.sh" >"$tmp/log" 2>&1)
	rc=$?
}
lint sarif
[ "$rc" = 1 ] || { cat "$tmp/log"; echo "lint step: exit $rc, expected 1"; fail=1; }
grep -qx 'exit-code=1' "$tmp/gh_out" || { echo "no exit-code=1 output"; fail=1; }
grep -qx 'report=report' "$tmp/gh_out" || { echo "no report output"; fail=1; }
grep -q '"ruleId": "OCI1101"' "$tmp/ws/report" || { echo "no OCI1101 in the SARIF"; fail=1; }
lint junit
[ "$rc" = 1 ] && grep -q '<failure type="OCI1101"' "$tmp/ws/report" ||
	{ cat "$tmp/log"; echo "junit through the action"; fail=1; }
# A SARIF log the check refuses fails the step (exit 3) before upload.
rm "$tmp/path/ocicheck"
printf '#!/bin/sh\nwhile [ $# -gt 0 ]; do [ "$1" = --output ] && echo "{}" >"$2"; shift; done\nexit 0\n' \
	>"$tmp/path/ocicheck"
chmod +x "$tmp/path/ocicheck"
lint sarif
[ "$rc" = 3 ] || { cat "$tmp/log"; echo "a broken SARIF log: exit $rc, expected 3"; fail=1; }
[ "$fail" = 0 ] && echo "action.yml: shellcheck clean, lint step behaves"
exit $fail
