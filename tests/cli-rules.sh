#!/bin/sh
# Which rules run and at what severity: --enable/--disable/--severity,
# the runtimes a config is meant for, and the security profiles.
# One ctest per case_* function:
#   sh tests/cli-rules.sh BIN SRCDIR CASE
set -u
bin=$1 src=$2 name=$3
. "$(dirname "$0")/lib.sh"

case_rule_selection() {
	relcwd c.json
	run --disable OCI1101 c.json; expect_rc 0; hasnt out OCI1101
	run --disable process-cwd-absolute c.json; expect_rc 0
	run --disable 'OCI11*' c.json; expect_rc 0
	run --severity OCI1101=warning c.json; expect_rc 0; has out 'warning: .*\[OCI1101\]'
	run --enable OCI1101 --disable OCI1101 c.json; expect_rc 0
	run --disable OCI9999 c.json; expect_rc 2; has err "unknown rule 'OCI9999'"
	run --severity OCI1101=fatal c.json; expect_rc 2
	run --min-severity error --severity OCI1101=warning c.json; expect_rc 0
	[ ! -s out ] || fail "--min-severity error still shows a warning"
}
# A runtime rule's severity follows the runtimes the config is meant for:
# OCI5001 (no linux object) is refused by crun and youki, not runc.
case_runtime_severity() {
	cat >c.json <<'JSON'
{"ociVersion": "1.2.0", "process": {"cwd": "/", "args": ["sh"]},
 "root": {"path": "rootfs"}, "mounts": []}
JSON
	run c.json; expect_rc 0
	has out 'warning: .*\[OCI5001\]$'
	run --runtime runc c.json; expect_rc 0; hasnt out OCI5001
	run --runtime crun c.json; expect_rc 1; has out 'error: .*\[OCI5001\]$'
	run --runtime crun --runtime youki c.json; expect_rc 1
	run --runtime crun --runtime runc c.json; expect_rc 0
	has out 'warning: .*\[OCI5001\]$'
	# --severity and the config file's choices still win.
	run --runtime crun --severity OCI5001=info c.json; expect_rc 0
	has out 'info: .*\[OCI5001\]$'
	printf 'runtimes: [runc]\n' >.ocicheck.yaml
	run c.json; expect_rc 0; hasnt out OCI5001
	run --print-config; has out '^runtimes: \[runc\]  # .*ocicheck.yaml$'
	run -f json --runtime youki c.json
	python3 -c 'import json; d = json.load(open("out")); assert d["invocation"]["runtimes"] == ["youki"], d["invocation"]' ||
		fail "invocation.runtimes"
	printf 'runtimes: [docker]\n' >.ocicheck.yaml
	run c.json; expect_rc 3; has err 'runtime must be runc, crun or youki'
	rm .ocicheck.yaml
	run --runtime docker c.json; expect_rc 2
	run --explain OCI5001; has out '^  crun  *yes  *"invalid config file, no `linux` block specified"'
}
# Security profiles: off by default, errors under a profile, table
# severity under --enable, SARIF tags and JSON controls per finding.
case_security_profiles() {
	cat >c.json <<'JSON'
{"ociVersion": "1.2.0", "process": {"cwd": "/", "args": ["sh"],
 "user": {"uid": 0, "gid": 0}}, "root": {"path": "rootfs"}, "mounts": [],
 "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}]}}
JSON
	run c.json; hasnt out OCI9
	run --profile pss-baseline c.json; expect_rc 1
	has out 'error: .*no network namespace.*\[OCI9001\]$'
	hasnt out OCI9103
	run --profile pss-restricted c.json; has out 'error: .*\[OCI9103\]$'
	run --enable 'OCI9*' c.json; has out 'warning: .*\[OCI9103\]$'
	run --profile pss-restricted --disable OCI9103 c.json; hasnt out OCI9103
	run --profile pss c.json; expect_rc 2; has err "invalid value 'pss' for --profile: use pss-baseline, pss-restricted or cis"
	run -f sarif --profile cis c.json
	python3 -c 'import json; r = json.load(open("out"))["runs"][0]["results"]; t = [x for x in r if x["ruleId"] == "OCI9201"][0]["properties"]; assert t["tags"] == ["cis"] and t["controls"][0].startswith("cis: 5.21"), t' ||
		fail "SARIF properties.tags"
	run -f json --profile pss-baseline c.json
	python3 -c 'import json; f = json.load(open("out"))["findings"]; p = [x for x in f if x["ruleId"] == "OCI9001"][0]["profiles"]; assert p[0] == {"profile": "pss-baseline", "control": "Host Namespaces"}, p' ||
		fail "JSON profiles"
	printf 'profile: [pss-restricted]\n' >.ocicheck.yaml
	run c.json; has out 'error: .*\[OCI9103\]$'
	run --print-config; has out '^profile: \[pss-restricted\]  # .*ocicheck.yaml$'
	printf 'profile: cis\n' >.ocicheck.yaml
	run c.json; has out '\[OCI9201\]$'; hasnt out OCI9103
	printf 'profile: [pss]\n' >.ocicheck.yaml
	run c.json; expect_rc 3; has err 'profile must be pss-baseline'
	rm .ocicheck.yaml
	run --list-rules; has out '^OCI9104 .*\[pss-restricted, cis\]$'
	run --explain OCI9001; has out '^  pss-baseline  *Host Namespaces$'
}

run_case
