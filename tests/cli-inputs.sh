#!/bin/sh
# Inputs: files, bundle directories, standard input, the default
# config.json, -r, the crictl envelope, and the progress line on stderr.
# One ctest per case_* function:
#   sh tests/cli-inputs.sh BIN SRCDIR CASE
set -u
bin=$1 src=$2 name=$3
. "$(dirname "$0")/lib.sh"

case_acceptance_double_comma() {
	printf '{\n  "ociVersion": "1.0.2",\n  "process": {"cwd": "/",,}\n}\n' >x.json
	run x.json; expect_rc 1; lines out 1
	has out '^x.json:3:26: error: .* \[OCI0001\]$'
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

run_case
