#!/bin/sh
# Options and exit codes: --help, --version, usage errors (exit 2), --fail-on,
# --color, -q, --list-rules and --explain.
# One ctest per case_* function:
#   sh tests/cli-options.sh BIN SRCDIR CASE
set -u
bin=$1 src=$2 name=$3
. "$(dirname "$0")/lib.sh"

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
case_fail_on_none() {
	cp "$data/OCI1101/fail-relative.json" c.json; run --fail-on none c.json
	expect_rc 0; has out 'OCI1101'
}
case_fail_on_levels() {
	valid c.json; run --fail-on info c.json; expect_rc 0
	cp "$data/OCI1101/fail-relative.json" d.json; run --fail-on warning d.json; expect_rc 1
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

run_case
