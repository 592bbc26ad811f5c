#!/bin/sh
# Runtime contracts given with --contract and contract lint: what the
# loader refuses (exit 3, positioned), targets, and secrets kept out of
# every report.
# One ctest per case_* function:
#   sh tests/cli-contract.sh BIN SRCDIR CASE
set -u
bin=$1 src=$2 name=$3
. "$(dirname "$0")/lib.sh"

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
case_contract_is_a_directory() {
	valid c.json; mkdir k
	run c.json --contract k; expect_rc 3; has err "contract: 'k' is a directory$"
	run contract lint k; expect_rc 3; has err "'k' is a directory$"
}

run_case
