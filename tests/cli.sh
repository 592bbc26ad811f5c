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
	run c.json; has err '^ocicheck: 1 config, 0 errors, 0 warnings, 0 info$'
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
	# the versions close on the specification line
	run --explain OCI2204; expect_rc 0
	has out '^specification: .*#cpu (versions 1\.1\.0-1\.3\.0)$'
	hasnt out '^)$'
}
case_rules_not_sarif_github() {
	for fmt in sarif github; do
		run --list-rules -f $fmt; expect_rc 2
		has err "format $fmt is not for --list-rules"
		run --explain OCI1101 -f $fmt; expect_rc 2
		has err "format $fmt is not for --explain"
	done
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
case_contract_unknown_key_lists_allowed() {
	# far from every key, so no guess: the list is what teaches
	contract_ok k.yaml; sed -i 's/{name: A}/{name: A, xyzzy: x}/' k.yaml
	bad_contract k.yaml "k.yaml:8:21: unknown key 'xyzzy' in an env requirement (allowed: name, nonEmpty, minLength, equals, oneOf, pattern, secret, from, declaredAt, severity)$"
}
case_contract_unknown_key_from_kubernetes() {
	# readOnly is no typo of access: only knowing Kubernetes says it
	contract_ok k.yaml
	printf '    mounts:\n      required: [{destination: /d, readOnly: true}]\n' >>k.yaml
	bad_contract k.yaml "k.yaml:10:36: unknown key 'readOnly' in a mount requirement; did you mean 'access: ro / rw'? (allowed: destination, volume, type, access, sizeMin, severity)$"
	contract_ok v.yaml; sed -i 's/{name: A}/{name: A, value: x}/' v.yaml
	bad_contract v.yaml "v.yaml:8:21: unknown key 'value' in an env requirement; did you mean 'equals'?"
}
case_contract_unknown_key_guess_and_list() {
	contract_ok k.yaml; sed -i 's/^targets:/targtes:/' k.yaml
	bad_contract k.yaml "k.yaml:4:1: unknown key 'targtes' in the contract; did you mean 'targets'? (allowed: apiVersion, kind, metadata, defaults, systemAccounts, targets)$"
}
case_contract_quoted_integer() {
	contract_ok u.yaml; printf '    process: {uid: "26"}\n' >>u.yaml
	bad_contract u.yaml "u.yaml:9:20: 'uid' in process must be a non-negative integer (got '26', a string: unquote it)"
}
case_contract_wrong_type() {
	contract_ok t.yaml; sed -i 's/{name: A}/{name: A, nonEmpty: [yes]}/' t.yaml
	bad_contract t.yaml "t.yaml:8:31: 'nonEmpty' in an env requirement must be a boolean (got a sequence)"
}
case_contract_bad_quantity() {
	contract_ok q.yaml
	printf '    resources:\n      memory: {minLimit: 512MB}\n' >>q.yaml
	bad_contract q.yaml "q.yaml:10:26: 'minLimit' in resources.memory is not a Kubernetes quantity such as '512Mi' or '1Gi' (got '512MB')"
}
# Kubernetes forbids an exponent with a suffix; milli-bytes and
# sub-millicores are typos, not limits.
case_contract_bad_quantity_forms() {
	contract_ok q.yaml
	printf '    resources:\n      memory: {minLimit: 1e3Mi}\n' >>q.yaml
	bad_contract q.yaml "q.yaml:10:26: 'minLimit' in resources.memory is not a Kubernetes quantity .*(got '1e3Mi')"
	contract_ok m.yaml
	printf '    resources:\n      memory: {minLimit: 500m}\n' >>m.yaml
	bad_contract m.yaml "m.yaml:10:26: 'minLimit' in resources.memory is '500m', thousandths of a byte"
	contract_ok f.yaml
	printf '    resources:\n      memory: {minLimit: "1.5"}\n' >>f.yaml
	bad_contract f.yaml "f.yaml:10:26: 'minLimit' in resources.memory is '1.5', which is not a whole number of bytes"
	contract_ok c.yaml
	printf '    resources:\n      cpu: {minMillicores: 1.5m}\n' >>c.yaml
	bad_contract c.yaml "c.yaml:10:28: 'minMillicores' in resources.cpu is a whole number of millicores"
	contract_ok k.yaml
	printf '    resources:\n      memory: {minLimit: 1e3}\n' >>k.yaml
	valid x.json; run x.json --contract k.yaml; expect_rc 1; hasnt err 'invalid'
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
# contract_with NAME: the header of a valid contract, then stdin
contract_with() {
	printf 'apiVersion: ocicheck/v1\nkind: RuntimeContract\nmetadata: {name: demo}\n' >"$1"
	cat >>"$1"
}
# Contradictions no config.json can satisfy are the contract's fault.
case_contract_env_contradictions() {
	contract_with e.yaml <<'YAML'
targets:
  - name: app
    env:
      required:
        - {name: A, equals: x, oneOf: [x, y]}
        - {name: B, equals: z, oneOf: [x, y]}
        - {name: C, equals: x, pattern: '^y$'}
        - {name: D, equals: s3cr3t-value, pattern: '^y$', secret: true}
        - {name: E, equals: yy, pattern: '^y+$'}
YAML
	bad_contract e.yaml "e.yaml:8:32: env A has both 'equals' and 'oneOf'; \"x\" is one of them, so drop 'oneOf'"
	has err "e.yaml:9:32: env B has both 'equals' and 'oneOf', and \"z\" is not one of \[x, y\]: no value can satisfy both"
	has err "e.yaml:10:29: env C: equals \"x\" does not match its own pattern '^y\$': no value can satisfy both"
	has err "e.yaml:11:29: env D: equals <redacted len=12> does not match its own pattern: "
	hasnt err 's3cr3t'; hasnt err 'env E'
}
case_contract_env_duplicates() {
	contract_with d.yaml <<'YAML'
targets:
  - name: app
    env:
      required:
        - {name: A}
        - {name: B}
        - {name: A, nonEmpty: true}
      forbidden: [B, C, C]
YAML
	bad_contract d.yaml "d.yaml:10:18: env A is required twice in target 'app' (first at line 8); merge the two items"
	has err "d.yaml:11:19: env B is both required (line 9) and forbidden in target 'app'"
	has err "d.yaml:11:25: env C is forbidden twice in target 'app'"
}
case_contract_duplicate_accounts() {
	contract_with a.yaml <<'YAML'
systemAccounts:
  declared:
    - {name: root, compDefs: [a-1, b-1]}
    - {name: root, compDefs: [c-1]}
    - {name: root, compDefs: [b-1]}
    - {name: admin}
    - {name: admin, compDefs: [a-1]}
YAML
	bad_contract a.yaml "a.yaml:8:7: account 'root' is declared twice for compDef 'b-1' (first at line 6)"
	has err "a.yaml:10:7: account 'admin' is declared twice for compDef 'a-1' (first at line 9, which has no compDefs and so covers every compDef)"
	hasnt err ':7:7:'
}
case_contract_mount_duplicates() {
	contract_with m.yaml <<'YAML'
targets:
  - name: app
    mounts:
      required:
        - {destination: /a}
        - {destination: /b}
        - {destination: /a/, access: ro}
YAML
	bad_contract m.yaml "m.yaml:10:25: mount destination '/a/' is required twice in target 'app' (first at line 8; a trailing / names the same path); merge the two items"
}
case_contract_size_min_type() {
	contract_with s.yaml <<'YAML'
targets:
  - name: app
    mounts:
      required:
        - {destination: /a, type: pvc, sizeMin: 1Gi}
        - {destination: /b, type: tmpfs, sizeMin: 1Gi}
        - {destination: /c, type: emptyDir, sizeMin: 1Gi}
        - {destination: /d, sizeMin: 1Gi}
YAML
	bad_contract s.yaml "s.yaml:8:40: 'sizeMin' applies to tmpfs, emptyDir, pvcOrEmptyDir or any mounts, not pvc: drop it or change the type"
	hasnt err ':9:'; hasnt err ':10:'; hasnt err ':11:'
}
case_contract_relative_paths() {
	contract_with r.yaml <<'YAML'
targets:
  - name: app
    mounts:
      required:
        - {destination: data}
      rules: {allowNested: [[/a, b/c], [/d, /d/e]]}
YAML
	bad_contract r.yaml "r.yaml:8:25: mount destination 'data' must be an absolute path"
	has err "r.yaml:9:34: allowNested path 'b/c' must be an absolute path"
}
case_contract_uid_range() {
	contract_with u.yaml <<'YAML'
targets:
  - name: app
    process: {uid: 4294967296}
  - name: b
    process: {uid: -1}
  - name: c
    process: {uid: 4294967295}
YAML
	bad_contract u.yaml "u.yaml:6:20: 'uid' in process is 4294967296, beyond the largest uid 4294967295"
	has err "u.yaml:8:20: 'uid' in process must be a non-negative integer"
	hasnt err ':10:'
}
# A plain 5 is an int in YAML's core schema; a string is asked for.
case_contract_scalar_types() {
	cat >n.yaml <<'YAML'
apiVersion: ocicheck/v1
kind: RuntimeContract
metadata: {name: 5}
targets:
  - name: app
    env:
      required:
        - {name: A, equals: 5432}
      forbidden: [1, 'B']
YAML
	bad_contract n.yaml "n.yaml:3:18: 'name' in metadata must be a string (got number); quote it: '5'"
	has err "n.yaml:8:29: 'equals' in an env requirement must be a string (got number); quote it: '5432'"
	has err "n.yaml:9:19: entries of 'forbidden' in env must be strings (got number); quote it: '1'"
	sed -i "s/name: 5}/name: '5'}/; s/equals: 5432/equals: '5432'/; s/\[1, /['1', /" n.yaml
	run contract lint n.yaml; expect_rc 0
}
case_contract_cpu_period() {
	contract_with p.yaml <<'YAML'
targets:
  - name: app
    resources: {cpu: {period: 999}}
  - name: b
    resources: {cpu: {period: 1000001}}
  - name: c
    resources: {cpu: {period: 1000}}
YAML
	bad_contract p.yaml "p.yaml:6:31: cpu period 999 is outside the kernel's 1000..1000000 microseconds (the default is 100000)"
	has err "p.yaml:8:31: cpu period 1000001 is outside"
	hasnt err ':10:'
}
case_contract_duplicate_target() {
	contract_with t.yaml <<'YAML'
targets:
  - name: app
  - name: app
YAML
	bad_contract t.yaml "t.yaml:6:5: target name 'app' is used twice"
}
case_contract_unknown_consumer() {
	contract_with c.yaml <<'YAML'
systemAccounts:
  declared:
    - {name: root}
  references:
    - {account: root, consumers: [app, bakup]}
targets:
  - name: app
  - name: backup
YAML
	bad_contract c.yaml "c.yaml:8:40: consumer 'bakup' is not a target of this contract; did you mean 'backup'?"
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
# --target applies to the contracts that have it; a second contract
# (a sidecar's) still matches by annotations, not TGT001.
case_contract_target_per_contract() {
	contract_ok k.yaml
	cat >side.yaml <<'YAML'
apiVersion: ocicheck/v1
kind: RuntimeContract
metadata: {name: mysql-side}
targets:
  - name: exporter
    match: {containerName: exporter}
  - name: mysql
    match: {containerName: mysql}
    env:
      required:
        - {name: SIDE_VAR}
YAML
	cp "$data/ENV001/fail-missing-password.json" c.json
	run c.json --contract k.yaml --contract side.yaml --target app; expect_rc 1
	hasnt out 'TGT001'
	has out "env A is missing but k.yaml:8"
	has out "env SIDE_VAR is missing but side.yaml:11"
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
        - {name: PGPASS, equals: other}
        - {name: DB_PW, equals: other}
        - {name: ENCRYPTION_KEYS, oneOf: [other]}
        - {name: MASTER_KEYS, pattern: '^other$'}
        - {name: DB_CREDS, equals: other}
        - {name: JWT, equals: other}
        - {name: BEARER, equals: other}
        - {name: GITHUB_PAT, equals: other}
        - {name: ACCESSKEYID, equals: other}
        - {name: DSN, equals: other}
        - {name: DATABASE_URL, pattern: '^other$'}
        - {name: MONGODB_URI, oneOf: [other]}
        - {name: CACHE_URL, equals: 'redis://u:want-url-pw@h'}
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
    "X=$(DB_PASSWORD)", "PGPASS=pgpass-s3cret", "DB_PW=dbpw-s3cret",
    "ENCRYPTION_KEYS=enc-s3cret", "MASTER_KEYS=master-s3cret", "DB_CREDS=creds-s3cret",
    "JWT=jwt-s3cret", "BEARER=bearer-s3cret", "GITHUB_PAT=ghp-s3cret",
    "ACCESSKEYID=akid-s3cret", "DSN=postgres://u:dsn-s3cret@h/db",
    "DATABASE_URL=mysql://root:dburl-s3cret@db:3306/x",
    "MONGODB_URI=mongodb://admin:mongo-s3cret@m1,m2/admin?tls=true",
    "CACHE_URL=redis://u:cache-s3cret@h"]
json.dump(c, open("c.json", "w"), indent=2)
PY
	for f in text json sarif github junit gitlab checkstyle; do
		run -f "$f" c.json --contract s.yaml
		[ "$rc" = 2 ] && continue	# format not built yet
		expect_rc 1
		for secret in hunter2 tok-9f8e7d6c5b4a lic-0xDEADBEEF expected-pw-value AAAA-BBBB \
		    s3cret want-url-pw; do
			! grep -q -- "$secret" out err || fail "$f output shows '$secret'"
		done
	done
	run c.json --contract s.yaml; has out '<redacted len=17>'
	# the URL stays readable but for its password
	has out 'env DSN is "postgres://u:<redacted len=10>@h/db"'
	has out 'requires "redis://u:<redacted len=11>@h"'
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
case_output_pairing() {
	relcwd c.json
	run -f json -f text c.json; expect_rc 2; has err 'several -f need as many -o'
	run -f json -o a -o b c.json; expect_rc 2
	run -f json -o - -f text -o - c.json; expect_rc 2; has err 'only one report'
	run -o r.txt c.json; expect_rc 2
	# one file for two reports: the second rename would silently win
	run -f json -o r -f sarif -o r c.json; expect_rc 2
	has err "'r' is given to -o twice"; [ ! -e r ] || fail "r was written"
	run -f json -o r -f sarif -o ./r c.json; expect_rc 2
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

case_report_root() {
	mkdir -p repo/b; cp "$data/OCI1101/fail-relative.json" repo/b/config.json
	run --report-root repo repo/b/config.json; expect_rc 1
	has out '^b/config.json:7:12: error'
	run --report-root "$tmp/repo" -f github "$tmp/repo/b/config.json"
	has out '^::error file=b/config.json,line=7'
	# Outside the root: absolute, never "../".
	run --report-root repo/b/x -f json repo/b/config.json
	python3 -c '
import json, sys; d = json.load(open("out"))
assert d["files"][0]["path"] == sys.argv[1] + "/repo/b/config.json", d["files"]
assert d["findings"][0]["path"] == d["files"][0]["path"], d["findings"]
assert d["invocation"]["reportRoot"] == "repo/b/x", d["invocation"]' "$tmp" ||
		fail "json paths"
	# The fingerprint follows the reported path, so it is the same from
	# any working directory.
	run --report-root repo -f json repo/b/config.json; cp out a.json
	(cd repo/b && "$bin" --report-root .. -f json config.json >../../b.json)
	python3 -c '
import json
a = [f["fingerprint"] for f in json.load(open("a.json"))["findings"]]
b = [f["fingerprint"] for f in json.load(open("b.json"))["findings"]]
assert a == b and a, (a, b)' || fail "fingerprints differ"
}
case_sarif_category() {
	cp "$data/OCI1101/fail-relative.json" c.json
	run -f sarif --sarif-category oci/bundles c.json; expect_rc 1
	python3 -c '
import json; r = json.load(open("out"))["runs"][0]
assert r["automationDetails"] == {"id": "oci/bundles"}, r.get("automationDetails")' ||
		fail "automationDetails"
	run -f sarif c.json; hasnt out automationDetails
}
case_contract_is_a_directory() {
	valid c.json; mkdir k
	run c.json --contract k; expect_rc 3; has err "contract: 'k' is a directory$"
	run contract lint k; expect_rc 3; has err "'k' is a directory$"
}
# Fingerprints tell apart findings with the same rule and pointer (two
# comments, a key repeated twice), and do not depend on the line.
case_fingerprints_distinct() {
	printf '{\n  // one\n  "ociVersion": "1.0.2", // two\n  "root": {"path": "r"},\n  "process": {"cwd": "/", "cwd": "/", "cwd": "/"}\n}\n' >c.json
	run -f json -o a.json -f sarif -o a.sarif c.json
	printf '\n\n' >m.json; cat c.json >>m.json; mv m.json c.json
	run -f json -o b.json -f sarif -o b.sarif c.json
	python3 -c '
import json
def prints(stem):
    j = json.load(open(stem + ".json"))["findings"]
    s = json.load(open(stem + ".sarif"))["runs"][0]["results"]
    return ([(f["ruleId"], f["fingerprint"]) for f in j],
            [(r["ruleId"], r["partialFingerprints"]["ocicheck/v1"]) for r in s])
a, b = prints("a"), prints("b")
for got in a:
    ids = [r for r, _ in got]
    assert ids.count("OCI0003") == 2 and ids.count("OCI0002") == 2, got
    assert len(set(got)) == len(got), got
assert a == b, (a, b)' || fail "fingerprints"
}
case_json_invocation() {
	valid c.json
	printf 'fail-on: warning\n' >.ocicheck.yaml
	printf 'apiVersion: ocicheck/v1\nkind: RuntimeContract\nmetadata: {name: t}\ntargets:\n  - name: main\n' >k.yaml
	run -f json --contract k.yaml c.json
	python3 -c '
import json; i = json.load(open("out"))["invocation"]
assert i["config"] == ".ocicheck.yaml", i
assert i["contracts"] == ["k.yaml"], i
assert i["failOn"] == "warning", i
assert i["exitCode"] == 0 and "reportRoot" not in i, i' || fail "invocation"
}

# contract derive: the rendered acmedb chart with its overlay derives the
# contract committed beside it, a config built for it passes, and one
# without an env var or a mount fails with the right rule.
case_derive_round_trip() {
	d=$data/derive
	(cd "$d" && "$bin" -q contract derive acmedb.rendered.yaml \
		--overlay acmedb.overlay.yaml -o "$tmp/c.yaml") >out 2>err
	rc=$?; expect_rc 0
	diff -u "$d/contract.yaml" "$tmp/c.yaml" >diff || { cat diff; fail "derived contract differs"; }
	run "$d/acmedb-ok.json" --contract c.yaml; expect_rc 0
	run "$d/acmedb-no-pgdata.json" --contract c.yaml --min-severity warning
	expect_rc 1
	has out 'error: env PGDATA is missing .*\[ENV001\]$'; lines out 1
	run "$d/acmedb-no-datadir.json" --contract c.yaml --min-severity warning
	expect_rc 1
	has out 'error: mount /var/lib/acmedb (volume data, type pvc) is missing .*\[MNT001\]$'
	lines out 1
	# The derived contract lints clean and is stable.
	run contract lint c.yaml; expect_rc 0
	(cd "$d" && "$bin" -q contract derive acmedb.rendered.yaml \
		--overlay acmedb.overlay.yaml) >again.yaml
	tail -n +5 c.yaml >a; tail -n +5 again.yaml >b
	cmp -s a b || fail "derive is not deterministic"
}
# The acceptance cases: the mysql-orc and supabase reproductions give
# ACC001 at the policy's account line, in derive and in lint of the
# derived contract; the Oracle-like one its unmounted shm volume.
case_derive_acc001_then_lint() {
	cp "$data/ACC001/fail-derived-prefix.rendered.yaml" r.yaml
	run contract derive r.yaml -o c.yaml; expect_rc 1
	has out '^r.yaml:28:36: error: account .backup. .*kvstore-sentinel-7-1.0.0.* \[ACC001\]$'
	run contract lint c.yaml; expect_rc 1
	has out "^c.yaml:[0-9]*:[0-9]*: error: account 'backup' (BackupPolicyTemplate/kvstore-bpt: spec.target.account) is not declared by compDef 'kvstore-sentinel-7-1.0.0'.*\[ACC001\]$"
}
# A method whose ActionSet is missing gets no backup target, so its
# reference must not name one as consumer: the contract stays loadable.
case_derive_consumer_needs_target() {
	sed -e 's/{name: datafile, actionSetName: kvstore-datafile}/{name: datafile, actionSetName: kvstore-datafile, target: {role: primary, account: default}}/' \
		-e 's/{name: default, initAccount: true}/{name: default, initAccount: true, passwordGenerationPolicy: {length: 16}}/' \
		"$data/DRV001/fail-actionset-absent.rendered.yaml" >r.yaml
	run contract derive r.yaml -o c.yaml; expect_rc 0
	has out '\[DRV001\]'
	has c.yaml 'account: default'; hasnt c.yaml 'consumers'
	run contract lint c.yaml; expect_rc 0
}
case_derive_overlay_names_derived_consumer() {
	# An overlay is part of a contract: its consumers may be targets
	# only the chart's part has. The merged contract must have them.
	cat >o.yaml <<'EOF'
apiVersion: ocicheck/v1
kind: RuntimeContract
metadata: {name: o}
systemAccounts:
  references:
    - account: admin
      from: {kind: BackupPolicyTemplate, name: extra, path: spec.target.account}
      injects: [DP_DB_USER]
      consumers: [backup/basebackup]
EOF
	run contract derive --overlay o.yaml -o c.yaml "$data/derive/acmedb.rendered.yaml"
	expect_rc 0; has c.yaml 'consumers: \[backup/basebackup\]'
	run contract lint c.yaml; expect_rc 0
	sed 's|consumers: \[backup/basebackup\]|consumers: [backup/basebackp]|' o.yaml >o2.yaml
	run contract derive --overlay o2.yaml -o c2.yaml "$data/derive/acmedb.rendered.yaml"
	expect_rc 3; [ ! -e c2.yaml ] || fail "c2.yaml written"
	has err "consumer 'backup/basebackp' is not a target .*did you mean 'backup/basebackup'"
}
case_derive_account_declared_twice() {
	# One definition naming an account twice (found by fuzz_derive):
	# the first declaration counts, and the contract still loads, also
	# when the two declarations differ in their password on 1.2.
	cat >r.yaml <<'EOF'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: kv-7}
spec:
  systemAccounts:
    - {name: backup, initAccount: true}
    - {name: backup, passwordConfig: {length: 16}}
  runtime:
    containers: [{name: kv}]
EOF
	for p in kubeblocks-1.1 kubeblocks-1.2; do
		run contract derive --platform $p r.yaml -o c.yaml; expect_rc 0
		has c.yaml '{name: backup, compDefs: \[kv-7\], initAccount: true'
		run contract lint c.yaml; expect_rc 0
	done
}
case_derive_mount_path_twice() {
	# Two volumeMounts at one path (found by fuzz_derive): the API server
	# refuses the pod; derive says so at both (DRV007), requires neither,
	# and the contract loads.
	cat >r.yaml <<'EOF'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: kv-7}
spec:
  runtime:
    containers:
      - name: kv
        volumeMounts:
          - {name: data, mountPath: /data}
          - {name: other, mountPath: /data/, readOnly: true}
    volumes: [{name: data, emptyDir: {}}, {name: other, emptyDir: {}}]
EOF
	run contract derive r.yaml -o c.yaml; expect_rc 1
	has out '^r.yaml:9:37: error: container .kv. mounts two volumes at /data .*later shadows the earlier \[DRV007\]$'
	has out '^r.yaml:10:38: error: container .kv. mounts a second volume at /data .*\[DRV007\]$'
	hasnt c.yaml 'destination: /data'
	hasnt out MNT006
	run contract lint c.yaml; expect_rc 0
}
# An overlay value the merged contract could not hold (issue 24: a size
# for a configMap mount) stops derive at the overlay's line, exit 3, and
# no contract is written.
case_derive_overlay_size_on_configmap() {
	cat >r.yaml <<'EOF'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: kv-7}
spec:
  scripts: [{name: kv-scripts, template: kv-scripts-tpl, volumeName: scripts}]
  runtime:
    containers:
      - name: kv
        volumeMounts: [{name: scripts, mountPath: /scripts}]
EOF
	cat >o.yaml <<'EOF'
apiVersion: ocicheck/v1
kind: RuntimeContract
metadata: {name: kv-requirements}
targets:
  - name: kv
    mounts:
      required:
        - {destination: /scripts, sizeMin: 512Mi}
EOF
	run contract derive r.yaml --overlay o.yaml -o c.yaml; expect_rc 3
	has err "overlay o.yaml:8:11: target 'kv': mount /scripts has sizeMin in the overlay, but the chart mounts configMap there"
	[ ! -e c.yaml ] || fail "a contract was written"
}
case_derive_stdout_and_stderr() {
	run contract derive "$data/MNT006/fail-unmounted-shm.rendered.yaml"
	expect_rc 0; has out '^apiVersion: ocicheck/v1$'; hasnt out '\[MNT006\]'
	has err 'warning: volume .dshm. .*\[MNT006\]$'
	run contract derive -f json -o c.yaml "$data/MNT006/fail-unmounted-shm.rendered.yaml"
	python3 -c '
import json; d = json.load(open("out"))
assert [f["ruleId"] for f in d["findings"]] == ["DRV004", "MNT006"], d' || fail "json findings"
	run --fail-on warning contract derive -o c.yaml "$data/MNT006/fail-unmounted-shm.rendered.yaml"
	expect_rc 1
}
# $$(PRICE) in the chart is the text $(PRICE) in the process env: the
# derived contract expects it, so the check raises no ENV003 for it, but
# does for a real unresolved $(VAR). (A value mixing $$( with a real
# reference, MIXED, gets no equals, so its $(PRICE) is still reported.)
case_derive_escaped_ref_round_trip() {
	run contract derive "$data/ENV010/pass-unescaped-values.rendered.yaml" \
		-o c.yaml; expect_rc 0
	sed 's|"PATH=/usr/bin:/bin"|"CURRENCY=EUR", "BANNER=$$ off", "MSG=cost is $(PRICE)", "RAW=$x $( $", "MIXED=PRICE in EUR"|' \
		"$data/OCI0001/pass-valid.json" >c.json
	# a hand-written config names no container: --target picks it
	run c.json --contract c.yaml --target shop; expect_rc 0
	sed 's|cost is $(PRICE)|cost is $(TAX)|' c.json >d.json
	run d.json --contract c.yaml --target shop; expect_rc 1
	has out 'env MSG holds the literal $(TAX).*\[ENV003\]$'
}
case_derive_usage() {
	run contract derive; expect_rc 2; has err 'needs the rendered chart'
	run contract derive --platform kubeblocks-9 x.yaml; expect_rc 2
	has err "invalid value 'kubeblocks-9'"
	run contract derive --platform linux x.yaml; expect_rc 2
	valid c.json; run --platform kubeblocks-1.2 c.json; expect_rc 2
	has err 'is for contract derive'
	run --overlay o.yaml c.json; expect_rc 2; has err 'is for contract derive'
	run contract frobnicate x; expect_rc 2; has err 'known: lint, derive'
}
case_derive_bad_inputs() {
	run contract derive missing.yaml; expect_rc 3; has err "missing.yaml"
	printf 'kind: ComponentDefinition\nmetadata: {name: [\n' >bad.yaml
	run contract derive bad.yaml; expect_rc 3; has err 'bad.yaml:3:'
	printf 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n' >svc.yaml
	run contract derive svc.yaml; expect_rc 3
	has err 'no ComponentDefinition in the input'
	printf -- '- a\n- b\n' >list.yaml
	run contract derive list.yaml; expect_rc 3
	# A broken overlay stops derive before anything is written.
	printf 'apiVersion: ocicheck/v1\nkind: RuntimeContract\nmetadata: {name: o}\nbogus: 1\n' >o.yaml
	run contract derive --overlay o.yaml -o c.yaml "$data/MNT006/pass-shm-mounted.rendered.yaml"
	expect_rc 3; has err 'o.yaml:4:1'; [ ! -e c.yaml ] || fail "c.yaml written"
}
case_derive_overlay_conflict() {
	cat >o.yaml <<'YAML'
apiVersion: ocicheck/v1
kind: RuntimeContract
metadata: {name: o}
targets:
  - name: bigdb
    process: {uid: 1000}
YAML
	run contract derive --overlay o.yaml -o c.yaml "$data/MNT006/pass-shm-mounted.rendered.yaml"
	expect_rc 3; has err 'overlay o.yaml:6:20: target .bigdb.: uid 1000 in the overlay, 54321 in the chart'
	[ ! -e c.yaml ] || fail "c.yaml written"
}
case_derive_secrets_stay_out() {
	cat >r.yaml <<'YAML'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: app-1}
spec:
  runtime:
    containers:
      - name: app
        env:
          - {name: ADMIN_PASSWORD, value: hunter2-hunter2}
          - {name: DSN, value: "db://u:$(ADMIN_PASSWORD)@h/$(NOPE)"}
YAML
	for f in text json sarif github junit gitlab checkstyle; do
		run contract derive -f $f -o c.yaml r.yaml
		hasnt out hunter2; hasnt c.yaml hunter2
	done
	has out NOPE
	grep -q '{name: ADMIN_PASSWORD, nonEmpty: true, secret: true' c.yaml ||
		fail "ADMIN_PASSWORD not a secret requirement"
	grep -q '{name: DSN, nonEmpty: true, secret: true' c.yaml ||
		fail "DSN not a secret requirement"
}

# Two definitions whose containers share a name and an image (mysql and
# mysql-orc): a config cannot say which one it is, so it is judged by the
# target it keeps best, not by both (a correct mysql pod is not missing
# the ORC var), and derive warns that the targets cannot be told apart.
case_derive_same_container_name() {
	cat >r.yaml <<'YAML'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: kv-7-1.0.0}
spec:
  vars: [{name: KV_MODE, value: single}, {name: KV_ALONE, value: 'yes'}]
  runtime:
    containers: [{name: kv, image: docker.io/acme/kv:7.2}]
---
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: kv-orc-7-1.0.0}
spec:
  vars: [{name: KV_MODE, value: orc}, {name: ORC_USER, value: orc}]
  runtime:
    containers: [{name: kv, image: docker.io/acme/kv:7.2}]
YAML
	run contract derive -o c.yaml r.yaml; expect_rc 0
	has out '^r.yaml:7:25: info: definitions .kv-7-1.0.0. and .kv-orc-7-1.0.0. run the same container (.kv.) .*\[TGT002\]$'
	for env in '"KV_MODE=single", "KV_ALONE=yes"' '"KV_MODE=orc", "ORC_USER=orc"'; do
		cat >p.json <<JSON
{"ociVersion": "1.2.0", "process": {"cwd": "/", "args": ["kv"],
 "env": [$env]}, "root": {"path": "rootfs"},
 "annotations": {"io.kubernetes.cri.container-name": "kv",
  "io.kubernetes.cri.image-name": "docker.io/acme/kv:7.2"}}
JSON
		run --disable 'OCI*' p.json --contract c.yaml; expect_rc 0
	done
	# Judged by the closer target: only the missing ORC_USER.
	sed -i 's/"KV_MODE=orc", "ORC_USER=orc"/"KV_MODE=orc"/' p.json
	run --disable 'OCI*' --min-severity warning p.json --contract c.yaml
	expect_rc 1
	has out 'error: env ORC_USER is missing.*\[ENV001\]$'; lines out 1
	# A more specific target wins over a broader one that also matches.
	cat >k.yaml <<'YAML'
apiVersion: ocicheck/v1
kind: RuntimeContract
metadata: {name: k}
targets:
  - name: any-kv
    match: {containerName: kv}
    env: {required: [{name: NOPE}]}
  - name: acme-kv
    match: {containerName: kv, image: acme/kv}
YAML
	run --disable 'OCI*' p.json --contract k.yaml; expect_rc 0
}

# A var's expression rewrites its value (or what valueFrom resolved), and
# may leave it empty: neither equals nor nonEmpty (contract-domain 8.2).
case_derive_var_expression() {
	cat >r.yaml <<'YAML'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: kv-7-1.0.0}
spec:
  vars:
    - {name: KV_PORT, value: '6379', expression: '{{ add .KV_PORT 1 }}'}
    - name: KV_HOST
      valueFrom: {serviceVarRef: {name: kv, host: Required}}
      expression: '{{ if false }}{{ .KV_HOST }}{{ end }}'
  runtime:
    containers: [{name: kv}]
YAML
	run contract derive -o c.yaml r.yaml; expect_rc 0
	has c.yaml '{name: KV_PORT, from: \[literal\]'
	has c.yaml '{name: KV_HOST, from: \[kb.var.service\]'
	hasnt c.yaml "equals: '6379'"
}

# A mounted name no volume of the definition provides is a claim-template
# PVC or the emptyDir KubeBlocks adds: without the Cluster, a config with
# either keeps the contract, one with a configMap there does not.
case_derive_claim_template_volume() {
	cat >r.yaml <<'YAML'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: zk-1.0.0}
spec:
  runtime:
    containers:
      - name: zk
        volumeMounts: [{name: data, mountPath: /data}]
YAML
	run contract derive -o c.yaml r.yaml; expect_rc 0
	has c.yaml '{destination: /data, volume: data, type: pvcOrEmptyDir, access: rw}'
	run contract lint c.yaml; expect_rc 0
	for src in /var/lib/kubelet/pods/u/volumes/kubernetes.io~csi/pvc-1/mount \
	    /var/lib/kubelet/pods/u/volumes/kubernetes.io~empty-dir/data \
	    /var/lib/kubelet/pods/u/volumes/kubernetes.io~configmap/data; do
		cat >p.json <<JSON
{"ociVersion": "1.2.0", "process": {"cwd": "/", "args": ["zk"]},
 "root": {"path": "rootfs"}, "linux": {}, "annotations":
 {"io.kubernetes.cri.container-name": "zk"}, "mounts": [{"destination":
 "/data", "type": "bind", "source": "$src", "options": ["rbind", "rw"]}]}
JSON
		run --disable 'OCI*' p.json --contract c.yaml
		case $src in
		*configmap*) expect_rc 1
			has out 'backed by configMap .* requires pvcOrEmptyDir \[MNT003\]$' ;;
		*) expect_rc 0 ;;
		esac
	done
}

# --chart reads the releases the chart claims from its Chart.yaml, which
# helm template does not print; the findings about it point there.
case_derive_chart() {
	mkdir chart
	cat >chart/Chart.yaml <<'YAML'
apiVersion: v2
name: kvstore
version: 1.0.0
annotations:
  addon.kubeblocks.io/kubeblocks-version: ">=1.0.0"
YAML
	cat >r.yaml <<'YAML'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: kvstore-7-1.0.0}
spec:
  systemAccounts: [{name: default, passwordGenerationPolicy: {length: 16}}]
  runtime:
    containers: [{name: kvstore}]
YAML
	run contract derive r.yaml -o c.yaml; expect_rc 0
	has out '^r.yaml:3:18: info: .*judged for kubeblocks-1.1, the default.*\[DRV004\]$'
	run contract derive --chart chart r.yaml -o c.yaml; expect_rc 1
	has out "^r.yaml:5:36: error: account 'default' of 'kvstore-7-1.0.0' sets only passwordGenerationPolicy, which KubeBlocks 1.2 prunes .*>=1.0.0.*\[DRV002\]$"
	hasnt out DRV004
	has c.yaml '^# Derived by .* --platform kubeblocks-1.2 (the newest of 1.0, 1.1, 1.2, which the chart claims by addon.kubeblocks.io/kubeblocks-version >=1.0.0)$'
	has c.yaml '^# chart: chart/Chart.yaml sha256:'
	# A Chart.yaml path works as well as its directory.
	run contract derive --chart chart/Chart.yaml r.yaml -o c2.yaml; expect_rc 1
	cmp -s c.yaml c2.yaml || fail "--chart DIR and DIR/Chart.yaml differ"
	run contract derive --chart chart --platform kubeblocks-1.1 r.yaml -o c.yaml
	expect_rc 0; hasnt out DRV002
	sed -i 's/">=1.0.0"/"latest"/' chart/Chart.yaml
	run contract derive --chart chart r.yaml -o c.yaml; expect_rc 0
	has out "^chart/Chart.yaml:5:43: info: the chart claims KubeBlocks 'latest', which is not a version constraint Helm reads.*\[DRV004\]$"
	sed -i 's/"latest"/">=2.0"/' chart/Chart.yaml
	run contract derive --chart chart r.yaml -o c.yaml; expect_rc 0
	has out "warning: the chart claims KubeBlocks .>=2.0., which no release derive knows satisfies (1.0.0, .*\[DRV004\]$"
	run contract derive --chart nowhere r.yaml -o c.yaml; expect_rc 3
	has err "nowhere"
	[ ! -e c3.yaml ] || fail "output written"
	valid p.json; run --chart chart p.json; expect_rc 2
	has err -- '--chart is for contract derive'
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

# One object rendered into two inputs is one object, not two targets.
case_derive_same_object_twice() {
	cp "$data/MNT006/pass-shm-mounted.rendered.yaml" a.yaml
	cp a.yaml b.yaml
	run contract derive -o one.yaml a.yaml; expect_rc 0
	run contract derive -o two.yaml a.yaml b.yaml; expect_rc 0
	grep -v '^#' one.yaml >a; grep -v '^#' two.yaml >b
	cmp -s a b || { diff -u a b; fail "a repeated object changed the contract"; }
}

# -o into a pipe or a device writes into it; the rename that makes file
# output atomic would replace it with a regular file (as root, even
# /dev/null).
case_output_to_fifo() {
	valid c.json; mkfifo p
	cat p >got & reader=$!
	run -f json -o p c.json; expect_rc 0
	wait $reader
	[ -p p ] || fail "the fifo was replaced"
	python3 -c 'import json; json.load(open("got"))' || fail "report not in the fifo"
	relcwd d.json; run -f text -o /dev/full d.json; expect_rc 3; has err "cannot write '/dev/full'"
	[ -c /dev/full ] || fail "/dev/full was replaced"
}

# The progress line of a run over many files: only on a terminal, never
# with -q, and erased before the summary.
many() { i=0; while [ $i -lt "$1" ]; do valid "c$i.json"; i=$((i + 1)); done; }
case_progress_not_a_tty() {
	many 20
	run c*.json; expect_rc 0
	has err '^ocicheck: 20 configs, 0 errors'
	hasnt err '/20 files'
	cr=$(printf '\r'); esc=$(printf '\033')
	hasnt err "$cr"; hasnt err "$esc"
	run -q c*.json; expect_rc 0; lines err 0
}
# On a pseudo-terminal (script(1) from util-linux); exit 77 skips.
case_progress_tty() {
	command -v script >/dev/null 2>&1 || { echo "skip: no script(1)"; exit 77; }
	many 20
	script -qec "'$bin' c*.json >/dev/null" /dev/null </dev/null >tty 2>err && cp tty out ||
		fail "script failed"
	script -qec "'$bin' -q c*.json >/dev/null" /dev/null </dev/null >ttyq 2>>err ||
		fail "script -q failed"
	script -qec "'$bin' c0.json >/dev/null" /dev/null </dev/null >tty1 2>>err ||
		fail "script one file failed"
	python3 - <<'PY' || fail "progress line"
d = open("tty", "rb").read()
assert b"\rocicheck: 0/20 configs, 0 findings, reading c0.json\x1b[K" in d, d
erase = d.rfind(b"\r\x1b[K")
assert erase > d.rfind(b"/20 configs"), d
assert d[erase:].startswith(b"\r\x1b[Kocicheck: 20 configs, 0 errors"), d
assert open("ttyq", "rb").read() == b"", open("ttyq", "rb").read()
one = open("tty1", "rb").read()
assert b"/1 configs" not in one and b"\x1b[K" not in one, one
PY
}


# Run the case last, once every case_* above is defined; a name with no
# case is a failure, not a pass.
command -v "case_$name" >/dev/null 2>&1 || { echo "FAIL: no case_$name"; exit 1; }
"case_$name" || exit 1
echo "ok: $name"
