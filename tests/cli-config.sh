#!/bin/sh
# The settings file (.ocicheck.yaml): discovery, keys, --print-config, and
# suppressions by the config's ignore entries and inline annotations.
# One ctest per case_* function:
#   sh tests/cli-config.sh BIN SRCDIR CASE
set -u
bin=$1 src=$2 name=$3
. "$(dirname "$0")/lib.sh"

case_config_discovered_walking_up() {
	mkdir -p repo/.git repo/a/b; printf 'fail-on: none\n' >repo/.ocicheck.yaml
	relcwd repo/a/b/c.json
	(cd repo/a/b && ${OCICHECK_WRAP:-} "$bin" c.json >../../../out 2>../../../err); rc=$?
	expect_rc 0; has out 'OCI1101'
	# the walk stops at the repository root
	printf 'fail-on: none\n' >.ocicheck.yaml; rm repo/.ocicheck.yaml
	(cd repo/a/b && ${OCICHECK_WRAP:-} "$bin" c.json >../../../out 2>../../../err); rc=$?
	expect_rc 1
}
case_config_explicit_and_env() {
	relcwd c.json; printf 'fail-on: none\n' >x.yaml
	run -c x.yaml c.json; expect_rc 0
	OCICHECK_CONFIG=x.yaml run c.json; expect_rc 0
	OCICHECK_CONFIG=x.yaml run --no-config c.json; expect_rc 1
	run -c nope.yaml c.json; expect_rc 3; has err "cannot open config file 'nope.yaml'"
	# asking for a file and for none at once is a contradiction
	run --no-config -c x.yaml c.json; expect_rc 2; has err "'--no-config' and '-c'"
	mkdir d; run -c d c.json; expect_rc 3; has err "config file: 'd' is a directory$"
}
case_config_scalar_keys_given_a_sequence() {
	valid c.json
	printf 'fail-on: [x]
min-severity: {a: 1}
platform: [x]
' >.ocicheck.yaml
	run c.json; expect_rc 3
	has err "1:10: 'fail-on' must be error, warning, info or none (got a sequence)"
	has err "2:15: 'min-severity' must be error, warning, info (got a mapping)"
	has err "3:11: 'platform' in the config must be a string (got a sequence)"
}
case_config_unknown_key() {
	relcwd c.json; printf 'fail_on: none\nrules: {disable: [OCI1101], enabel: [x]}\n' >.ocicheck.yaml
	run c.json; expect_rc 3
	has err ".ocicheck.yaml:1:1: unknown key 'fail_on' in the config; did you mean 'fail-on'?"
	has err ".ocicheck.yaml:2:29: unknown key 'enabel' in rules; did you mean 'enable'? (allowed: enable, disable, severity)$"
}
case_config_bad_rule() {
	relcwd c.json; printf 'rules: {disable: [OCI9999]}\n' >.ocicheck.yaml
	run c.json; expect_rc 3; has err ".ocicheck.yaml:1:19: 'OCI9999' names no rule"
}
case_print_config() {
	printf 'fail-on: warning\nrules: {severity: {OCI1101: info}}\n' >.ocicheck.yaml
	run --print-config; expect_rc 0
	has out '^# config file: .ocicheck.yaml (found walking up'
	has out '^fail-on: warning  # .ocicheck.yaml$'
	has out '^min-severity: info  # default$'
	has out '^    - OCI1101=info  # .ocicheck.yaml:2$'
	run --print-config --fail-on error; has out '^fail-on: error  # command line$'
}
case_ignore_entry() {
	relcwd c.json
	cat >.ocicheck.yaml <<'YAML'
ignore:
  - {rule: OCI1101, path: "*.json", pointer: /process, reason: "fixture", expires: 2999-01-01}
  - {rule: OCI1001, reason: "never fires here"}
  - {rule: OCI1002, reason: "too old", expires: 2000-01-01}
YAML
	run c.json; expect_rc 0
	hasnt out 'c.json:.*OCI1101'
	has out '^.ocicheck.yaml:3:5: info: ignore entry for OCI1001 suppressed nothing'
	has out '^.ocicheck.yaml:4:5: warning: ignore entry for OCI1002 expired on 2000-01-01'
	has err '(1 suppressed)'
	run --show-suppressed c.json; has out 'OCI1101/\|c.json:7:12: error: .*(suppressed: fixture) \[OCI1101\]'
	run -f json c.json
	python3 -c '
import json; d = json.load(open("out"))
assert d["summary"]["suppressed"] == 1, d["summary"]
assert all(f["ruleId"] != "OCI1101" for f in d["findings"])' || fail "json summary"
	run -f json --show-suppressed c.json
	python3 -c '
import json; d = json.load(open("out"))
s = [f for f in d["findings"] if f["ruleId"] == "OCI1101"]
assert s and s[0]["suppression"] == {"kind": "config", "reason": "fixture"}, s' || fail "json suppression"
	printf 'ignore:\n  - {rule: OCI1101}\n' >.ocicheck.yaml
	run c.json; expect_rc 3; has err "an ignore entry lacks required key 'reason'"
}
# ignore: paths are relative to the config file's directory, whatever the
# input was called on the command line; '*' stays within one directory
# and '**' spans any number of them.
case_ignore_path_relative_to_config() {
	mkdir -p .git bundles/web/deep/er; relcwd bundles/web/config.json
	printf 'ignore:\n  - {rule: OCI1101, path: "bundles/*/config.json", reason: x}\n' >.ocicheck.yaml
	for p in bundles/web/config.json ./bundles/web/config.json bundles//web/./config.json \
	    "$PWD/bundles/web/config.json" bundles/web; do
		run "$p"; expect_rc 0; hasnt out OCI1101; hasnt out OCI0030; has err '(1 suppressed)'
	done
	run -r .; expect_rc 0; hasnt out OCI1101; hasnt out OCI0030
	(cd bundles && ${OCICHECK_WRAP:-} "$bin" web/config.json >../out 2>../err); rc=$?
	expect_rc 0; hasnt out OCI1101; hasnt out OCI0030
	run -c "$PWD/.ocicheck.yaml" ./bundles/web/config.json; expect_rc 0
	# a config elsewhere: relative to its own directory, not the cwd, and
	# its directory's name is no glob
	mkdir 'cfg[1]'; printf 'ignore:\n  - {rule: OCI1101, path: "../bundles/*/config.json", reason: x}\n' >'cfg[1]/c.yaml'
	run -c 'cfg[1]/c.yaml' bundles/web/config.json; expect_rc 0; hasnt out OCI0030
	printf 'ignore:\n  - {rule: OCI1101, path: "web/config.json", reason: x}\n' >bundles/c.yaml
	run -c bundles/c.yaml bundles/web/config.json; expect_rc 0
	run -c bundles/c.yaml "$PWD/bundles/web/config.json"; expect_rc 0
	printf 'ignore:\n  - {rule: OCI1101, path: "%s/bundles/web/config.json", reason: x}\n' "$PWD" >bundles/c.yaml
	run -c bundles/c.yaml bundles/web/config.json; expect_rc 0
	# '*' does not cross '/', '**' does
	relcwd bundles/web/deep/er/config.json
	run bundles/web/deep/er/config.json; expect_rc 1; has out 'OCI1101'
	printf 'ignore:\n  - {rule: OCI1101, path: "bundles/**/config.json", reason: x}\n' >.ocicheck.yaml
	run -r bundles; expect_rc 0; has err '(2 suppressed)'
	printf 'ignore:\n  - {rule: OCI1101, path: "bundles/web/**", reason: x}\n' >.ocicheck.yaml
	run -r .; expect_rc 0; has err '(2 suppressed)'
	printf 'ignore:\n  - {rule: OCI1101, path: "**/er/config.json", reason: x}\n' >.ocicheck.yaml
	run -r .; expect_rc 1; has err '(1 suppressed)'
}
case_inline_suppression() {
	python3 - <<'PY'
import json
c = json.load(open("/dev/stdin")) if False else None
PY
	python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
c["annotations"] = {"com.example.ocicheck.ignore.OCI1101": "/process/cwd: legacy image"}
json.dump(c, open("c.json", "w"), indent=2)' "$data/OCI1101/fail-relative.json"
	run c.json; expect_rc 0; hasnt out OCI1101; has err '(1 suppressed)'
	run --no-inline-suppressions c.json; expect_rc 1; has out '\[OCI1101\]'
	run --show-suppressed c.json; has out '(suppressed: legacy image) \[OCI1101\]'
}
# A suppression annotation naming no rule, or without a reason, is
# reported and suppresses nothing; with inline suppressions off, nothing
# reads them, so nothing reports them.
case_inline_suppression_invalid() {
	cp "$data/OCI0032/fail-empty-reason.json" c.json
	run c.json; expect_rc 1
	has out "^c.json:12:5: warning: .*'com.example.ocicheck.ignore.OCI1101' .*no reason.* \[OCI0032\]$"
	has out "^c.json:13:5: warning: .*'org.example.ocicheck.ignore.OCI5002' .*no reason.* \[OCI0032\]$"
	has out '^c.json:8:12: error: .*\[OCI1101\]$'
	cp "$data/OCI0032/fail-unknown-rule.json" d.json
	run d.json; expect_rc 0
	has out "^d.json:12:5: warning: .*'OCI9999' names no rule.* \[OCI0032\]$"
	run --no-inline-suppressions c.json d.json; hasnt out OCI0032
}
case_oci0030_ignore_unused() {
	valid c.json; printf 'ignore:\n  - {rule: OCI1101, reason: "gone"}\n' >.ocicheck.yaml
	run c.json; expect_rc 0
	has out '^.ocicheck.yaml:2:5: info: ignore entry for OCI1101 suppressed nothing in this run: remove it if the finding is gone \[OCI0030\]$'
	relcwd c.json; run c.json; expect_rc 0; hasnt out OCI0030
}
case_oci0031_ignore_expired() {
	relcwd c.json
	printf 'ignore:\n  - {rule: OCI1101, reason: "old", expires: 2001-02-03}\n' >.ocicheck.yaml
	run c.json; expect_rc 1; has out 'c.json:7:12: error: .*\[OCI1101\]'
	has out '^.ocicheck.yaml:2:5: warning: ignore entry for OCI1101 expired on 2001-02-03 .*\[OCI0031\]$'
}

run_case
