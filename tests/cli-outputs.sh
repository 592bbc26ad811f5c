#!/bin/sh
# Reports: their order, -o and -f pairing, paths against --report-root,
# the SARIF category, fingerprints, the JSON invocation, a fifo as output.
# One ctest per case_* function:
#   sh tests/cli-outputs.sh BIN SRCDIR CASE
set -u
bin=$1 src=$2 name=$3
. "$(dirname "$0")/lib.sh"

case_output_order() {
	cp "$data/OCI1002/fail-two-parts.json" b.json
	cp "$data/OCI1101/fail-relative.json" a.json
	run b.json a.json; expect_rc 1
	[ "$(cut -d: -f1 out | tr '\n' ' ')" = "b.json a.json " ] || fail "order"
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

run_case
