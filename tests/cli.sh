#!/bin/sh
# Command-line behaviour, one ctest per case_* function:
#   sh tests/cli.sh BIN SRCDIR CASE
# Hostile inputs, limits and output failures are in tests/hostile.sh.
set -u
bin=$1 src=$2 name=$3
. "$(dirname "$0")/lib.sh"

case_acceptance_double_comma() {
	printf '{\n  "ociVersion": "1.0.2",\n  "process": {"cwd": "/",,}\n}\n' >x.json
	run x.json; expect_rc 1; lines out 1
	has out '^x.json:3:26: error: .* \[OCI0001\]$'
}
case_help() {
	run --help; expect_rc 0; has out '^usage: ocicheck'; has out '--fail-on'
}
case_version() {
	run --version; expect_rc 0; has out '^ocicheck [0-9]'
}
case_unknown_option() {
	run --bogus x.json; expect_rc 2; has err "unknown option '--bogus'"
}
case_missing_argument() {
	run --format; expect_rc 2; has err "needs an argument"
}
case_bad_format() {
	valid c.json; run -f xml c.json; expect_rc 2; has err "invalid value 'xml'"
}
case_bad_fail_on() {
	valid c.json; run --fail-on fatal c.json; expect_rc 2
}
case_bundle_dir() {
	mkdir -p b; cp "$data/OCI1101/fail-relative.json" b/config.json
	run b; expect_rc 1; has out '^b/config.json:.*\[OCI1101\]'
}
case_stdin_named() {
	run --stdin-filename bundles/x/config.json - <"$data/OCI1101/fail-relative.json"
	expect_rc 1; has out '^bundles/x/config.json:7:12: error'
}
case_stdin_default_name() {
	run - <"$data/OCI1101/fail-relative.json"; expect_rc 1; has out '^<stdin>:7:12:'
}
case_default_config_json() {
	cp "$data/OCI1101/fail-relative.json" config.json
	run; expect_rc 1; has out '^config.json:7:12:'
}
case_no_path_no_config() {
	run; expect_rc 2; has err 'no PATH given'
}
case_fail_on_none() {
	cp "$data/OCI1101/fail-relative.json" c.json; run --fail-on none c.json
	expect_rc 0; has out 'OCI1101'
}
case_fail_on_levels() {
	valid c.json; run --fail-on info c.json; expect_rc 0
	cp "$data/OCI1101/fail-relative.json" d.json; run --fail-on warning d.json; expect_rc 1
}
case_output_order() {
	cp "$data/OCI1002/fail-two-parts.json" b.json
	cp "$data/OCI1101/fail-relative.json" a.json
	run b.json a.json; expect_rc 1
	[ "$(cut -d: -f1 out | tr '\n' ' ')" = "b.json a.json " ] || fail "order"
}
case_color() {
	cp "$data/OCI1101/fail-relative.json" c.json
	run --color always c.json; has out "$(printf '\033')\["
	NO_COLOR=1 run --color always c.json; has out "$(printf '\033')\["
	run --color never c.json; hasnt out "$(printf '\033')"
	NO_COLOR=1 run c.json; hasnt out "$(printf '\033')"
	run -f json --color always c.json; hasnt out "$(printf '\033')"
}
case_quiet() {
	valid c.json; run -q c.json; expect_rc 0; [ ! -s err ] || fail "stderr not empty"
	run c.json; has err '^ocicheck: 1 file, 0 errors, 0 warnings, 0 info$'
}
case_list_rules() {
	run --list-rules; expect_rc 0; has out '^OCI0001 *json-syntax'
	run --list-rules -f json; expect_rc 0
	python3 -c 'import json; r = json.load(open("out")); assert r[0]["id"] == "OCI0001"' || fail json
	run --list-rules -f markdown; has out '^| \[OCI1101\](OCI1101.md) |'
}
case_explain() {
	run --explain OCI1101; expect_rc 0; has out 'process-cwd-absolute'
	run --explain process-cwd-absolute; expect_rc 0; has out '^OCI1101'
	run --explain oci1101; expect_rc 0
	run --explain NOPE1; expect_rc 2; has err "unknown rule 'NOPE1'"
}
case_markdown_only_for_rules() {
	valid c.json; run -f markdown c.json; expect_rc 2
}

# ---- contracts ----
case_contract_unknown_key() {
	contract_ok k.yaml; sed -i 's/^targets:/targtes:/' k.yaml
	bad_contract k.yaml "k.yaml:4:1: unknown key 'targtes' in the contract; did you mean 'targets'?"
}
case_contract_nested_unknown_key() {
	contract_ok k.yaml; sed -i 's/{name: A}/{name: A, nonempty: true}/' k.yaml
	bad_contract k.yaml "k.yaml:8:21: unknown key 'nonempty' in an env requirement; did you mean 'nonEmpty'?"
}
case_contract_wrong_type() {
	contract_ok t.yaml; sed -i 's/{name: A}/{name: A, nonEmpty: [yes]}/' t.yaml
	bad_contract t.yaml "t.yaml:8:31: 'nonEmpty' in an env requirement must be a boolean (got array)"
}
case_contract_bad_quantity() {
	contract_ok q.yaml
	printf '    resources:\n      memory: {minLimit: 512MB}\n' >>q.yaml
	bad_contract q.yaml "q.yaml:10:26: 'minLimit' in resources.memory is not a Kubernetes quantity such as '512Mi' or '1Gi' (got '512MB')"
}
case_contract_bad_regex() {
	contract_ok r.yaml; sed -i "s/{name: A}/{name: A, pattern: '^(a|b'}/" r.yaml
	bad_contract r.yaml "r.yaml:8:30: pattern '^(a|b' does not compile"
	contract_ok p.yaml; sed -i "s/{name: A}/{name: A, pattern: '(?i)abc'}/" p.yaml
	bad_contract p.yaml "p.yaml:8:30: pattern '(?i)abc' uses a (?...) group other than (?:"
}
case_contract_missing_required() {
	printf 'kind: RuntimeContract\nmetadata: {chart: x}\n' >m.yaml
	bad_contract m.yaml "m.yaml:1:1: the contract lacks required key 'apiVersion'"
	has err "m.yaml:2:1: metadata lacks required key 'name'"
	printf 'apiVersion: ocicheck/v2\nkind: RuntimeContract\nmetadata: {name: x}\n' >v.yaml
	bad_contract v.yaml "v.yaml:1:13: apiVersion 'ocicheck/v2' is not 'ocicheck/v1'"
}
case_contract_yaml_syntax() {
	printf 'apiVersion: ocicheck/v1\nkind: [RuntimeContract\n' >s.yaml
	bad_contract s.yaml "s.yaml:3:1: "
}
case_contract_missing_file() {
	valid c.json; run c.json --contract nope.yaml; expect_rc 3
	has err "cannot open 'nope.yaml'"
}
case_contract_many_errors_listed() {
	contract_ok e.yaml; sed -i 's/{name: A}/{name: A, nonempty: 1, minLen: 2}/' e.yaml
	printf '    bogus: 1\n' >>e.yaml
	bad_contract e.yaml "e.yaml:8:21: unknown key 'nonempty'"
	has err "e.yaml:8:34: unknown key 'minLen'"; has err "e.yaml:9:5: unknown key 'bogus'"
	# in file order
	[ "$(grep -n "e.yaml:9:5" err | cut -d: -f1)" -gt "$(grep -n "e.yaml:8:34" err | cut -d: -f1)" ] ||
		fail "errors not in file order"
}
case_contract_unknown_target() {
	contract_ok k.yaml; valid c.json
	run c.json --contract k.yaml --target nope; expect_rc 2
	has err "no contract has a target named 'nope'"
}
case_contract_target_forced() {
	contract_ok k.yaml; valid c.json
	run c.json --contract k.yaml --target app; expect_rc 1
	has out "c.json:.*env A is missing but k.yaml:8 requires it.*\[ENV001\]"
}
case_contract_lint_static_acc001() {
	cp "$data/ACC001/fail-orc-kbadmin.yaml" bpt.yaml
	run contract lint bpt.yaml; expect_rc 1
	has out "^bpt.yaml:10:16: error: account 'kbadmin' .* compDef 'mysql-orc-8.0-1.0.0'.*\[ACC001\]"
	valid c.json; run c.json --contract bpt.yaml; expect_rc 1; has out '\[ACC001\]'
}
# Secret values never reach any output format.
case_secrets_redacted() {
	cat >s.yaml <<'YAML'
apiVersion: ocicheck/v1
kind: RuntimeContract
metadata: {name: secrets}
targets:
  - name: app
    env:
      required:
        - {name: DB_PASSWORD, equals: "expected-pw-value", minLength: 40}
        - {name: API_TOKEN, pattern: '^tok_[a-z]+$'}
        - {name: LICENSE_CODE, secret: true, oneOf: [AAAA-BBBB], minLength: 30}
        - {name: AWS_SECRET_ACCESS_KEY, nonEmpty: true}
YAML
	python3 - <<'PY'
import json
cfg = json.load(open("c.json")) if False else None
PY
	cp "$data/OCI0001/pass-valid.json" c.json
	python3 - <<'PY'
import json
c = json.load(open("c.json"))
c["process"]["env"] += ["DB_PASSWORD=hunter2-db-secret", "API_TOKEN=tok-9f8e7d6c5b4a",
    "LICENSE_CODE=lic-0xDEADBEEF", "AWS_SECRET_ACCESS_KEY=", "DB_PASSWORD=hunter2-db-secret2",
    "X=$(DB_PASSWORD)"]
json.dump(c, open("c.json", "w"), indent=2)
PY
	for f in text json sarif github; do
		run -f "$f" c.json --contract s.yaml
		[ "$rc" = 2 ] && continue	# format not built yet
		expect_rc 1
		for secret in hunter2 tok-9f8e7d6c5b4a lic-0xDEADBEEF expected-pw-value AAAA-BBBB; do
			! grep -q -- "$secret" out err || fail "$f output shows '$secret'"
		done
	done
	run c.json --contract s.yaml; has out '<redacted len=17>'
}

# ---- configuration, suppression, outputs, inputs ----
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
}
case_config_unknown_key() {
	relcwd c.json; printf 'fail_on: none\nrules: {disable: [OCI1101], enabel: [x]}\n' >.ocicheck.yaml
	run c.json; expect_rc 3
	has err ".ocicheck.yaml:1:1: unknown key 'fail_on' in the config; did you mean 'fail-on'?"
	has err ".ocicheck.yaml:2:29: unknown key 'enabel' in rules; did you mean 'enable'?"
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
	has out '^  OCI1101: {enabled: true, severity: info}$'
	run --print-config --fail-on error; has out '^fail-on: error  # command line$'
}
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
case_output_pairing() {
	relcwd c.json
	run -f json -f text c.json; expect_rc 2; has err 'several -f need as many -o'
	run -f json -o a -o b c.json; expect_rc 2
	run -f json -o - -f text -o - c.json; expect_rc 2; has err 'only one report'
	run -o r.txt c.json; expect_rc 2
}
case_recursive() {
	mkdir -p t/a t/b/c t/.git/x; relcwd t/a/config.json; relcwd t/b/c/config.json
	relcwd t/.git/x/config.json; relcwd t/b/other.json
	run -r t; expect_rc 1
	[ "$(cut -d: -f1 out | tr '\n' ' ')" = "t/a/config.json t/b/c/config.json " ] || fail "walk order"
	mkdir empty; run -r empty; expect_rc 3; has err "no config.json under 'empty'"
}
case_crictl_inspect() {
	python3 -c '
import json, sys
spec = json.load(open(sys.argv[1]))
json.dump({"status": {"id": "abc"}, "info": {"pid": 1, "runtimeSpec": spec}}, open("i.json", "w"), indent=2)
json.dump({"ID": "abc", "Runtime": {"Name": "io.containerd.runc.v2"}, "Spec": spec}, open("c.json", "w"), indent=2)' "$data/OCI1101/fail-relative.json"
	run -f json i.json c.json; expect_rc 1
	python3 -c '
import json; d = json.load(open("out"))
f = [x for x in d["findings"] if x["ruleId"] == "OCI1101"]
assert [x["pointer"] for x in f] == ["/process/cwd", "/process/cwd"], f
assert f[0]["line"] > 7 and f[1]["line"] > 7, f
assert not [x for x in d["findings"] if x["ruleId"] in ("OCI0020", "OCI1001")], d["findings"]' || fail "envelope"
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

"case_$name"
echo "ok: $name"
