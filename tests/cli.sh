#!/bin/sh
# Command-line behaviour, one ctest per case_* function:
#   sh tests/cli.sh BIN SRCDIR CASE
set -u
bin=$1 src=$2 name=$3
data=$src/testdata
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

fail() { echo "FAIL: $*"; echo "--- stdout"; cat out; echo "--- stderr"; cat err; exit 1; }
# run ARGS...: stdout in ./out, stderr in ./err, exit code in $rc
run() { ${OCICHECK_WRAP:-} "$bin" "$@" >out 2>err; rc=$?; }
expect_rc() { [ "$rc" = "$1" ] || fail "exit $rc, expected $1"; }
has() { grep -q -- "$2" "$1" || fail "$1 lacks '$2'"; }
hasnt() { ! grep -q -- "$2" "$1" || fail "$1 has '$2'"; }
lines() { [ "$(wc -l <"$1")" -eq "$2" ] || fail "$1 has $(wc -l <"$1") lines, expected $2"; }
valid() { cp "$data/OCI0001/pass-valid.json" "$1"; }

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
case_missing_file() {
	run nope.json; expect_rc 3; has err "cannot open 'nope.json': No such file"
	has err "(1 unreadable)"
}
case_dir_without_config() {
	mkdir empty; run empty; expect_rc 3; has err "'empty' is a directory without config.json"
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
case_dev_null() {
	run /dev/null; expect_rc 1; has out '^/dev/null:1:1: error: empty input'
}
case_dev_full() {
	valid c.json; ${OCICHECK_WRAP:-} "$bin" -f json c.json >/dev/full 2>err; rc=$?
	expect_rc 3; has err 'write error on standard output: No space left'
}
case_closed_stdout() {
	cp "$data/OCI1101/fail-relative.json" c.json
	${OCICHECK_WRAP:-} "$bin" c.json >&- 2>err; rc=$?
	expect_rc 3; has err 'write error on standard output'
}
case_broken_pipe() {
	cp "$data/OCI1101/fail-relative.json" c.json
	python3 - "$bin" c.json >out 2>err <<'PY'
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w)
print(p.returncode)
PY
	[ "$(cat out)" = 3 ] || fail "exit $(cat out), expected 3 (a signal is negative)"
	has err 'Broken pipe'
}
case_fail_on_none() {
	cp "$data/OCI1101/fail-relative.json" c.json; run --fail-on none c.json
	expect_rc 0; has out 'OCI1101'
}
case_fail_on_levels() {
	valid c.json; run --fail-on info c.json; expect_rc 0
	cp "$data/OCI1101/fail-relative.json" d.json; run --fail-on warning d.json; expect_rc 1
}
case_many_inputs_one_missing() {
	cp "$data/OCI1101/fail-relative.json" a.json; valid c.json
	run a.json nope.json c.json; expect_rc 3
	has out '^a.json:7:12:'; has err "cannot open 'nope.json'"
	has err '3 files, 1 error'
	run -f json a.json nope.json c.json; expect_rc 3
	python3 - <<'PY' || fail "json envelope"
import json
d = json.load(open("out"))
assert d["invocation"]["exitCode"] == 3, d["invocation"]
st = [(f["path"], f["status"]) for f in d["files"]]
assert st == [("a.json", "checked"), ("nope.json", "unreadable"), ("c.json", "checked")], st
assert d["summary"]["files"] == 3 and d["summary"]["error"] == 1
PY
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
case_oci0010_input_too_large() {
	truncate -s 129M big.json; run big.json; expect_rc 1
	has out '^big.json:1:1: error: input of 135266304 bytes exceeds .*\[OCI0010\]'
	run - <big.json; expect_rc 1; has out '\[OCI0010\]'
}
case_oci0011_string_too_long() {
	python3 -c 'print("{\"ociVersion\": \"1.2.0\", \"annotations\": {\"x\": \"" + "a" * 1100000 + "\"}}")' >s.json
	run s.json; expect_rc 1; has out '^s.json:1:46: error: string of 1100000 bytes .*\[OCI0011\]'
}
case_million_brackets() {
	python3 -c 'import sys; sys.stdout.write("[" * 1000000)' >b.json
	run b.json; expect_rc 1; has out '^b.json:1:257: .*\[OCI0009\]'; lines out 1
}
case_random_bytes() {
	# 200 seeded inputs: random bytes, and random bytes after a '{'
	python3 -c '
import random
for i in range(200):
    r = random.Random(i)
    b = bytes(r.randrange(256) for _ in range(r.randrange(1, 4096)))
    open("r%03d.json" % i, "wb").write(b"{" + b if i % 2 else b)
'
	run r*.json; expect_rc 1
	# every line is a well-formed, positioned finding
	! grep -Ev '^r[0-9]{3}\.json:[0-9]+:[0-9]+: (error|warning|info): .* \[[A-Z0-9]+\]$' out ||
		fail "malformed output line"
	has err '^ocicheck: 200 files,'
}
case_nul_bytes() {
	head -c 1000 /dev/zero >z.json; run z.json; expect_rc 1; lines out 1
}
case_top_level_scalars() {
	printf '[]' >a.json; printf '"x"' >s.json; printf '1e400' >n.json
	run a.json s.json n.json; expect_rc 1; lines out 3; has out 'n.json:1:1: .*\[OCI0008\]'
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

"case_$name"
echo "ok: $name"
