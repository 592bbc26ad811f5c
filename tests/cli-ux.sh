#!/bin/sh
# A command line that helps when it is used wrong, and target choices and
# suppressions that say what they did (issue 18), one ctest per case_*:
#   sh tests/cli-ux.sh BIN SRCDIR CASE
set -u
bin=$1 src=$2 name=$3
. "$(dirname "$0")/lib.sh"

pg=$data/examples/postgresql
case_option_did_you_mean() {
	run --formt json c.json; expect_rc 2
	has err "unknown option '--formt'; did you mean '--format'?"
	run --no-such-thing c.json; expect_rc 2
	has err "unknown option '--no-such-thing'$"
}
case_invalid_value_lists_valid() {
	run --fail-on warn c.json; expect_rc 2
	has err "invalid value 'warn' for --fail-on: use info, warning, error or none (did you mean 'warning'?)"
	run -f jsn c.json; expect_rc 2
	has err "use text, json, markdown, sarif, github, junit, gitlab or checkstyle (did you mean 'json'?)"
	run --runtime runcc c.json; expect_rc 2; has err "use runc, crun or youki"
}
case_unknown_rule_did_you_mean() {
	valid c.json
	run --enable OCI120 c.json; expect_rc 2
	has err "unknown rule 'OCI120'; did you mean 'OCI1201'?"
	run --disable no-target-matchs c.json; expect_rc 2
	has err "did you mean 'no-target-matches'?"
	run --explain TGT03; expect_rc 2; has err "did you mean 'TGT003'?"
	run --enable 'XYZ9*' c.json; expect_rc 2
	has err "unknown rule 'XYZ9\*' (see ocicheck --list-rules)"
}
case_double_dash_ends_subcommands() {
	valid contract
	run --no-config -- contract; expect_rc 0
	has err '^ocicheck: 1 config, 0 errors'
	run --no-config contract; expect_rc 2; has err "'contract' needs a command"
}
case_contract_lint_oci_config() {
	valid c.json
	run --no-config contract lint c.json; expect_rc 3
	has err "'c.json' is an OCI runtime config (config.json), not a contract: check it with 'ocicheck c.json'"
	hasnt err apiVersion
}
case_directory_hint_recursive() {
	mkdir -p top/a top/b; valid top/a/config.json; valid top/b/config.json
	run --no-config top; expect_rc 3
	has err "'top' has 2 config.json below it (top/a/config.json...): use -r"
	run --no-config -r top; expect_rc 0
	mkdir empty; run --no-config empty; expect_rc 3; hasnt err 'use -r'
}

# Item 3: the target a config is checked against, and why.
case_target_with_match_skips_plain_config() {
	run --no-config "$data/examples/web" --contract "$pg/contract.yaml"
	expect_rc 0
	has out "warning: not checked against contract 'postgresql-16'.*use --target NAME, or tie the contract .*\[TGT001\]"
	hasnt out 'RES00'; lines out 1
	has err '^ocicheck: 1 config, 1 contract, 0 errors, 1 warning'
	run --no-config "$data/examples/web" --contract "$pg/contract.yaml" --target postgresql
	expect_rc 1; has out "checked against target 'postgresql' .*: named by --target \[TGT003\]"
	has out 'RES002'
}
case_target_reason_everywhere() {
	run --no-config "$pg/ok.json" --contract "$pg/contract.yaml"; expect_rc 0
	has out "info: checked against target 'postgresql' of contract 'postgresql-16' (.*): its match fits the CRI annotations (container 'postgresql', sandbox 'pg-main-postgresql-0') \[TGT003\]"
	for f in json sarif github; do
		run --no-config -f $f "$pg/ok.json" --contract "$pg/contract.yaml"
		expect_rc 0; has out 'TGT003'
	done
	run --no-config -f json "$pg/ok.json" --contract "$pg/contract.yaml"
	python3 - <<'PY' || fail "files list"
import json
d = json.load(open("out"))
kinds = [f["kind"] for f in d["files"]]
assert kinds == ["contract", "config"], kinds
t = d["files"][1]["targets"]
assert t == [{"contract": t[0]["contract"], "target": "postgresql",
    "reason": "annotations"}], t
assert t[0]["contract"].endswith("postgresql/contract.yaml"), t
PY
}
case_config_ties_contracts_to_paths() {
	git init -q . 2>/dev/null || mkdir .git
	mkdir -p bundles/pg/a bundles/web contracts
	cp "$pg/ok.json" bundles/pg/a/config.json
	cp "$data/examples/web/config.json" bundles/web/config.json
	cp "$pg/contract.yaml" contracts/pg.yaml
	printf 'contracts:\n  - {path: "bundles/pg/**", file: contracts/pg.yaml}\n' >.ocicheck.yaml
	run -r .; expect_rc 0
	has out "^./bundles/pg/a/config.json:.*\[TGT003\]"
	hasnt out 'bundles/web'; lines out 1
	has err '^ocicheck: 2 configs, 1 contract, 0 errors, 0 warnings, 1 info'
	run --print-config; expect_rc 0; has out 'bundles/pg/\*\*, file: contracts/pg.yaml}'
	# the plain form still applies to every config
	printf 'contracts: [contracts/pg.yaml]\n' >.ocicheck.yaml
	run -r .; expect_rc 0; has out "bundles/web/config.json.*\[TGT001\]"
	printf 'contracts:\n  - {path: "x/**", fil: contracts/pg.yaml}\n' >.ocicheck.yaml
	run -r .; expect_rc 3
	has err "unknown key 'fil' in a contracts entry; did you mean 'file'?"
	has err "a contracts entry lacks required key 'file'"
}

# Item 4: a suppression that does nothing says so.
sup() {
	python3 - "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["annotations"] = {sys.argv[3]: "a reason"}
json.dump(d, open(sys.argv[2], "w"), indent=2)
PY
}
case_suppression_lookalikes() {
	for k in ocicheck.ignore.OCI1101 com.example.ocichek.ignore.OCI1101 \
	    com.example.ocicheck.ignores.OCI1101 com.example.ocicheck-ignore.OCI1101; do
		sup "$data/OCI1101/fail-relative.json" c.json "$k"
		run --no-config c.json; expect_rc 1
		has out "annotation '$k' looks like a suppression but is not one, so it suppresses nothing: write 'com.example.ocicheck.ignore.OCI1101'"
		has out '\[OCI1101\]$'
	done
	sup "$data/OCI1101/fail-relative.json" c.json com.example.ocicheck.ignore.OCI110
	run --no-config c.json; expect_rc 1; has out "'OCI110' names no rule, so it suppresses nothing; did you mean 'OCI1101'?"
	# a key that merely mentions ignore is not one
	sup "$data/OCI1101/fail-relative.json" c.json org.example.ignore.me
	run --no-config c.json; expect_rc 1; hasnt out OCI0032
}
case_suppression_comma_list() {
	sup "$data/OCI1101/fail-relative.json" c.json com.example.ocicheck.ignore.OCI1101,OCI1201
	run --no-config c.json; expect_rc 0; hasnt out OCI1101; hasnt out OCI0032
	has err '(1 suppressed)'
	sup "$data/OCI1101/fail-relative.json" c.json com.example.ocicheck.ignore.OCI1101,OCI9999
	run --no-config c.json; expect_rc 0; has out "'OCI9999' names no rule"
}

# Item 6: --print-config keeps patterns as written, with their origin.
case_print_config_origins() {
	printf 'rules:\n  enable: ["OCI5*"]\n  disable: [OCI1101]\n' >.ocicheck.yaml
	run --print-config --enable OCI2105 --severity OCI1201=info; expect_rc 0
	has out '^    - OCI5\*  # .ocicheck.yaml:2$'
	has out '^    - OCI1101  # .ocicheck.yaml:3$'
	has out '^    - OCI2105  # --enable$'
	has out '^    - OCI1201=info  # --severity$'
	hasnt out '^  OCI5[0-9]*:'
	rm .ocicheck.yaml
	run --print-config; expect_rc 0
	has out '^  OCI5208: {enabled: false, severity: warning}  # runtimes: (default)$'
	# a rule a profile turned on says so, not "runtimes"
	printf 'profile: [cis]\n' >.ocicheck.yaml
	run --print-config; expect_rc 0
	has out '^  OCI9001: {enabled: true, severity: error}  # profile cis (.*ocicheck.yaml)$'
	has out '^  OCI9201: {enabled: true, severity: error}  # profile cis (.*ocicheck.yaml)$'
	hasnt out '^  OCI9.*runtimes'
	rm .ocicheck.yaml
}
case_list_rules_aligned() {
	run --list-rules; expect_rc 0
	python3 - <<'PY' || fail "columns"
rows = [l.split() for l in open("out")]
cols = {l.index(" " + r[2] + " ") for l, r in zip(open("out"), rows)}
assert len(cols) == 1, cols
PY
}

# The progress line goes on while an input blocks, naming it: a FIFO
# nobody writes yet, on a pseudo-terminal (script(1)); exit 77 skips.
case_progress_blocked_fifo() {
	command -v script >/dev/null 2>&1 || { echo "skip: no script(1)"; exit 77; }
	valid a.json; valid c.json; mkfifo p
	script -qec "'$bin' --no-config a.json p c.json >/dev/null" /dev/null \
		</dev/null >tty 2>err &
	job=$!
	# wait (without a deadline of our own: ctest's timeout is the bound)
	# until the line is redrawn with the seconds waited on p
	until grep -q 'reading p ([0-9]*s)' tty 2>/dev/null; do sleep 0.2; done
	cat a.json >p
	wait $job || fail "script failed"
	python3 - <<'PY' || fail "progress line"
d = open("tty", "rb").read()
assert b"\rocicheck: 1/3 configs, 0 findings, reading p (1s)\x1b[K" in d, d
erase = d.rfind(b"\r\x1b[K")
assert d[erase:].startswith(b"\r\x1b[Kocicheck: 3 configs, 0 errors"), d
PY
}

run_case
