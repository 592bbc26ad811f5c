#!/bin/sh
# The hostile-input matrix, one ctest per case_* function:
#   sh tests/hostile.sh BIN SRCDIR CASE
# Broken, huge and hostile inputs, the documented limits, and outputs
# that fail. Each case asserts the exit code of SPEC section 5, that the
# message names the input, and (run and clean) that no sanitizer spoke.
# Big inputs are generated here, never committed. Unless the binary is
# sanitized (OCICHECK_SANITIZED, set by tests/CMakeLists.txt) or wrapped,
# every case runs under the documented memory bound: 1 GiB of address
# space. ASan reserves terabytes of shadow memory, so it cannot.
set -u
bin=$1 src=$2 name=$3
. "$(dirname "$0")/lib.sh"

if [ -z "${OCICHECK_SANITIZED:-}" ] && [ -z "${OCICHECK_WRAP:-}" ]; then
	ulimit -v 1048576 || { echo "FAIL: cannot cap the address space"; exit 1; }
fi

# ---- inputs that are not a config ----
case_empty_and_whitespace() {
	: >e.json; printf ' \n\t\r\n  ' >w.json
	run e.json w.json; expect_rc 1; lines out 2
	has out '^e.json:1:1: error: empty input'
	has out '^w.json:3:3: error: empty input'
}
case_dev_null() {
	run /dev/null; expect_rc 1; has out '^/dev/null:1:1: error: empty input'
}
case_million_brackets() {
	python3 -c 'import sys; sys.stdout.write("[" * 1000000)' >b.json
	run b.json; expect_rc 1; has out '^b.json:1:257: .*\[OCI0009\]'; lines out 1
}
case_nested_objects() {
	python3 -c 'import sys; sys.stdout.write("{\"a\":" * 100000 + "1" + "}" * 100000)' >n.json
	run n.json; expect_rc 1; lines out 1
	has out '^n.json:1:1281: error: nesting deeper than 256 levels.*\[OCI0009\]'
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
	has err '^ocicheck: 200 configs,'
}
case_nul_bytes() {
	head -c 1000 /dev/zero >z.json; run z.json; expect_rc 1; lines out 1
	has out "^z.json:1:1: error: expected a JSON object '{' but found a NUL byte"
	printf '{"ociVersion": "1.0\0002"}' >s.json; run s.json; expect_rc 1
	has out '^s.json:1:20: error: a NUL byte inside a string must be escaped'
	printf '{"ociVersion": "1.0\\u00002"}' >u.json; run u.json; expect_rc 1
	has out '^u.json:1:20: error: \\u0000 in a string.*\[OCI0007\]'
}
case_top_level_scalars() {
	printf '[]' >a.json; printf '"x"' >s.json; printf '1e400' >n.json
	run a.json s.json n.json; expect_rc 1; lines out 3
	has out '^a.json:1:1: .*an array.*\[OCI0008\]'
	has out '^s.json:1:1: .*a string.*\[OCI0008\]'
	has out '^n.json:1:1: .*a number.*\[OCI0008\]'
}
# Integers beyond uint64 or int64, and numbers beyond a double.
case_numbers_out_of_range() {
	python3 - "$data/OCI0001/pass-valid.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["process"]["terminal"] = True
c["process"]["consoleSize"] = {"height": "H", "width": "W"}
c["process"]["user"]["uid"] = "U"
c["linux"]["resources"] = {"memory": {"limit": "L"}}
s = json.dumps(c, indent=2)
for k, v in {"U": "18446744073709551616", "H": "1e400", "W": "-0.5e-400",
             "L": "-9223372036854775809"}.items():
    s = s.replace('"%s"' % k, v)
open("u.json", "w").write(s)
PY
	run u.json; expect_rc 1; lines out 4
	has out '^u.json:5:14: error: /process/user/uid must be a uint32 .*18446744073709551616.*\[OCI0104\]'
	has out '^u.json:[0-9]*:[0-9]*: error: /process/consoleSize/height must be an integer (got 1e400.*\[OCI0100\]'
	has out '^u.json:[0-9]*:[0-9]*: error: /process/consoleSize/width must be an integer.*\[OCI0100\]'
	has out '^u.json:[0-9]*:[0-9]*: error: /linux/resources/memory/limit must be an int64.*\[OCI0104\]'
}

# ---- inputs that cannot be read: exit 3, and the others still count ----
case_missing_file() {
	run nope.json; expect_rc 3; has err "cannot open 'nope.json': No such file"
	has err "(1 unreadable)"
}
case_dir_without_config() {
	mkdir empty; run empty; expect_rc 3; has err "'empty' is a directory without config.json"
}
case_many_inputs_one_missing() {
	relcwd a.json; valid c.json
	run a.json nope.json c.json; expect_rc 3
	has out '^a.json:7:12:'; has err "cannot open 'nope.json'"
	has err '3 configs, 1 error'
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

# ---- the documented limits ----
case_oci0010_input_too_large() {
	valid c.json; truncate -s 129M big.json; run big.json; expect_rc 1
	has out '^big.json:1:1: error: input of 135266304 bytes exceeds .*\[OCI0010\]'
	run - <big.json; expect_rc 1; has out '^<stdin>:1:1: .*\[OCI0010\]'
	# an endless stream is read up to the limit, not to twice the limit
	run /dev/zero; expect_rc 1
	has out '^/dev/zero:1:1: error: input of 134217729 bytes exceeds .*\[OCI0010\]'
	run c.json --contract big.json; expect_rc 3; has err "big.json' is larger than"
	run -c big.json c.json; expect_rc 3; has err "'big.json' is too large"
}
case_oci0011_string_too_long() {
	python3 -c 'import sys; sys.stdout.write("{\"ociVersion\": \"1.2.0\", \"annotations\": {\"x\": \"" + "a" * 52428800 + "\"}}")' >s.json
	run s.json; expect_rc 1
	has out '^s.json:1:46: error: string of 52428800 bytes .*\[OCI0011\]'
}
case_oci0010_too_many_values() {
	python3 -c 'import sys; sys.stdout.write("{\"a\": [" + "0," * 4194304 + "0]}")' >v.json
	run v.json; expect_rc 1; lines out 1
	has out '^v.json:1:[0-9]*: error: more than 4194304 values: ocicheck stops reading here.*\[OCI0010\]'
	python3 -c 'import sys; sys.stdout.write("[" + "0," * 4194304 + "0]")' >v.yaml
	bad_contract v.yaml 'v.yaml:1:[0-9]*: more than 4194304 values'
}
# The largest document accepted, in the shape that costs most (every env
# entry a distinct name, sorted for duplicates): checked in full, within
# the 1 GiB cap.
case_oci0010_largest_document() {
	python3 - "$data/OCI0001/pass-valid.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["process"]["env"] = ["@"]
s = json.dumps(c)
n = 4194304 - 30
s = s.replace('"@"', ",".join('"A%x=0"' % i for i in range(n)))
open("l.json", "w").write(s)
PY
	run l.json; expect_rc 0
	hasnt err 'out of memory'
	has err '^ocicheck: 1 config, 0 errors'
}
# At most 100 000 findings are kept per input; the next input starts afresh.
case_oci0010_too_many_findings() {
	python3 -c '
import sys
sys.stdout.write("{\"ociVersion\": \"1.2.0\",\n" +
    "".join("  \"annotations\": {},\n" for i in range(100010)) + "  \"x\": 0\n}\n")' >d.json
	relcwd c.json
	run --disable OCI0020 d.json c.json; expect_rc 1
	[ "$(grep -c '^d.json:.*\[OCI0002\]' out)" -eq 100000 ] || fail "not 100000 OCI0002"
	has out '^d.json:100003:3: error: [0-9]* more findings in this input are not reported: ocicheck keeps at most 100000 per input \[OCI0010\]$'
	has out '^c.json:7:12: error: .*\[OCI1101\]'
}
case_yaml_deep_flow_sequence() {
	python3 -c 'import sys; sys.stdout.write("[" * 200000)' >d.yaml
	bad_contract d.yaml 'd.yaml:1:257: nesting deeper than 256 levels'
	run -c d.yaml c.json; expect_rc 3
	has err 'invalid config file: d.yaml:1:257: nesting deeper than 256 levels'
	OCICHECK_CONFIG=d.yaml run c.json; expect_rc 3; has err 'd.yaml:1:257: '
}
case_contract_billion_laughs() {
	python3 -c '
print("apiVersion: ocicheck/v1\nkind: RuntimeContract\nmetadata: {name: lol}")
print("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]")
for i in range(1, 10):
    print("a%d: &a%d [%s]" % (i, i, ", ".join(["*a%d" % (i - 1)] * 10)))
' >lol.yaml
	bad_contract lol.yaml "lol.yaml:[0-9]*:[0-9]*: .*alias"
}
# Patterns that glibc's regcomp or regexec would spend minutes on.
case_contract_patterns() {
	for p in '^m****y$' 'a{1001}' '(.{0,1000}){1000}' '(a|b)\1'; do
		contract_ok p.yaml; printf '        - {name: B, pattern: %s}\n' "'$p'" >>p.yaml
		bad_contract p.yaml "p.yaml:9:30: pattern '.*' uses "
	done
	# Unanchored search stays linear: "a.*x" over a megabyte of "a"
	contract_ok p.yaml; printf '        - {name: B, pattern: %s}\n' "'a.*x'" >>p.yaml
	python3 - "$data/OCI0001/pass-valid.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["process"]["env"] += ["A=1", "B=" + "a" * 1000000]
json.dump(c, open("c.json", "w"), indent=2)
PY
	run c.json --contract p.yaml --target app; expect_rc 1
	has out "^c.json:.* env B is \"aaa.*\", which does not match 'a.\*x' from p.yaml:9 \[ENV004\]"
}
case_contract_binary() {
	python3 -c '
import random
r = random.Random(7)
open("b.yaml", "wb").write(bytes(r.randrange(256) for _ in range(4096)) + b"\377\376")'
	bad_contract b.yaml "b.yaml:[0-9]*:[0-9]*: "
}
case_contract_is_a_list() {
	printf -- '- apiVersion: ocicheck/v1\n' >l.yaml
	bad_contract l.yaml "l.yaml:1:1: the contract must be a mapping (got a sequence)"
}
case_tab_indented_yaml() {
	printf 'apiVersion: ocicheck/v1\nkind: RuntimeContract\nmetadata:\n\tname: x\n' >t.yaml
	bad_contract t.yaml 't.yaml:4:1: found character that cannot start any token.*(a tab: YAML indents with spaces only)'
	printf 'fail-on: none\nrules:\n\tdisable: [OCI1101]\n' >.ocicheck.yaml
	run c.json; expect_rc 3
	has err '^ocicheck: invalid config file: .ocicheck.yaml:3:1: .*(a tab: '
}

# ---- outputs that fail: exit 3, and a report is whole or absent ----
case_dev_full() {
	valid c.json; ${OCICHECK_WRAP:-} "$bin" -f json c.json >/dev/full 2>err; rc=$?
	clean err; expect_rc 3; has err 'write error on standard output: No space left'
}
case_closed_stdout() {
	relcwd c.json
	${OCICHECK_WRAP:-} "$bin" c.json >&- 2>err; rc=$?
	clean err; expect_rc 3; has err 'write error on standard output'
}
# Standard error is for people: when it is closed or full, its messages
# and the summary are lost, but the exit code and the reports are exactly
# those of the same run with a working standard error.
case_closed_or_full_stderr() {
	valid c.json; relcwd d.json
	for e in closed full; do
		for args in "c.json" "d.json" "nope.json c.json" "-f json -o r.json d.json"; do
			# shellcheck disable=SC2086
			${OCICHECK_WRAP:-} "$bin" $args >want 2>/dev/null; want=$?
			[ ! -e r.json ] || mv r.json want.json
			if [ $e = closed ]; then
				# shellcheck disable=SC2086
				${OCICHECK_WRAP:-} "$bin" $args >out 2>&-; rc=$?
			else
				# shellcheck disable=SC2086
				${OCICHECK_WRAP:-} "$bin" $args >out 2>/dev/full; rc=$?
			fi
			expect_rc $want; cmp -s out want || fail "$e stderr changed stdout of '$args'"
			if [ -e want.json ]; then
				cmp -s r.json want.json || fail "$e stderr changed r.json"
				rm r.json want.json
			fi
		done
	done
}
case_broken_pipe() {
	relcwd c.json
	python3 - "$bin" c.json >out 2>err <<'PY'
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w)
print(p.returncode)
PY
	clean err
	[ "$(cat out)" = 3 ] || fail "exit $(cat out), expected 3 (a signal is negative)"
	has err 'Broken pipe'
}
case_output_files_atomic() {
	relcwd c.json
	run -f json -o r.json -f text -o r.txt c.json; expect_rc 1
	[ ! -s out ] || fail "stdout should be empty"
	python3 -c 'import json; json.load(open("r.json"))' || fail "r.json"
	grep -q '\[OCI1101\]' r.txt || fail r.txt
	run -f json -o missing/dir/r.json c.json; expect_rc 3
	has err "cannot write 'missing/dir/r.json': No such file or directory"
	[ ! -e missing ] || fail "left something behind"
	echo old >keep.json
	run -f json -o keep.json -f text -o /dev/full/x c.json; expect_rc 3
	python3 -c 'import json; json.load(open("keep.json"))' || fail "keep.json not replaced whole"
	ls -a | grep -q '^\.keep' && fail "temporary file left" || true
}
# Every report written records the run's final exit code, even when an
# output written after it (in argument order) fails.
case_output_failure_in_every_report() {
	relcwd c.json
	dev=/dev/full; mknod full c 1 7 2>/dev/null && dev=full
	run -f text -o $dev -f json -o r.json -f sarif -o r.sarif c.json; expect_rc 3
	python3 -c '
import json
j = json.load(open("r.json"))["invocation"]
s = json.load(open("r.sarif"))["runs"][0]["invocations"][0]
assert j["exitCode"] == 3, j
assert s["exitCode"] == 3 and s["executionSuccessful"] is False, s' || fail "exit code not recorded"
	run -f json -o r.json -f text -o missing/r.txt c.json; expect_rc 3
	python3 -c 'import json; assert json.load(open("r.json"))["invocation"]["exitCode"] == 3' ||
		fail "exit code of a failed open not recorded"
	run -f json -o - -f text -o $dev c.json; expect_rc 3
	python3 -c 'import json; assert json.load(open("out"))["invocation"]["exitCode"] == 3' ||
		fail "exit code not recorded on stdout"
	[ "$(ls -A | grep -c '^\.')" -eq 0 ] || fail "temporary file left: $(ls -A)"
}
# A run killed while a report is pending removes its temporary file: here
# r.sarif waits, rendered, for the FIFO written after it to be opened.
# (Python starts it: sh would start a background job with SIGINT ignored.)
case_output_killed_leaves_no_temp_file() {
	relcwd c.json; mkfifo fifo
	python3 - "$bin" <<'EOF' || fail "a killed run left a temporary file"
import os, shlex, signal, subprocess, sys, time
wrap = shlex.split(os.environ.get("OCICHECK_WRAP", ""))
for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    p = subprocess.Popen(wrap + [sys.argv[1], "-q", "-f", "sarif", "-o",
                         "r.sarif", "-f", "json", "-o", "fifo", "c.json"])
    for _ in range(1200):
        if any(n.startswith(".r.sarif.") for n in os.listdir(".")):
            break
        time.sleep(0.05)
    else:
        p.kill()
        sys.exit("no temporary file appeared")
    p.send_signal(sig)
    rc = p.wait(60)
    left = [n for n in os.listdir(".") if n.startswith(".") or n == "r.sarif"]
    if left or rc != -sig:
        sys.exit("%s: exit %s, left %s" % (sig.name, rc, left))
EOF
}
# A report that fails half-way (over the file size limit) leaves the old
# file as it was and no temporary file; so does a run that stops early.
case_output_fails_midway() {
	relcwd c.json; echo old >r.sarif
	(ulimit -f 1; trap '' XFSZ; exec ${OCICHECK_WRAP:-} "$bin" -f sarif -o r.sarif c.json) >out 2>err
	rc=$?; clean err; expect_rc 3
	has err "cannot write 'r.sarif': File too large"
	[ "$(cat r.sarif)" = old ] || fail "r.sarif was changed"
	printf 'apiVersion: v0\n' >bad.yaml
	run -f json -o new.json c.json --contract bad.yaml; expect_rc 3
	has err "invalid contract 'bad.yaml'"
	[ ! -e new.json ] || fail "a report was written for a run that stopped"
	[ "$(ls -A | grep -c '^\.')" -eq 0 ] || fail "temporary file left: $(ls -A)"
}
# A device or FIFO is written in place; renaming a finished report over
# it would replace /dev/null itself when run as root. A symlink is
# followed: the file it names gets the report.
case_output_devices() {
	relcwd c.json
	# Root could clobber the real /dev/full if this regressed: use a copy.
	dev=/dev/full
	mknod full c 1 7 2>/dev/null && dev=full
	run -f json -o $dev c.json; expect_rc 3
	has err "cannot write '$dev': No space left on device"
	[ -c $dev ] || fail "$dev is no longer a device"
	if mknod null c 1 3 2>/dev/null; then
		run -f json -o null c.json; expect_rc 1; [ -c null ] || fail "null replaced"
	fi
	mkfifo fifo
	timeout 60 cat fifo >got &
	run -f text -o fifo c.json; expect_rc 1
	wait $! || fail "nothing came through the FIFO"
	has got '^c.json:7:12: error: .*\[OCI1101\]'
	[ -p fifo ] || fail "the FIFO was replaced"
	echo old >real.txt; ln -s real.txt link.txt
	run -f text -o link.txt c.json; expect_rc 1
	[ -L link.txt ] || fail "the symlink was replaced"
	has real.txt '^c.json:7:12: error: .*\[OCI1101\]'
}

# Every input a fuzz target found trouble with (fuzz/regressions/TARGET/,
# also seeds of scripts/fuzz), through the command line: an exit code of
# SPEC section 5 and no sanitizer report.
case_fuzz_regressions() {
	for f in "$src"/fuzz/regressions/*/*; do
		case $(basename "$(dirname "$f")") in
		json | check) run "$f" ;;
		yaml) run contract lint "$f" ;;
		contract)
			rm -f s.yaml
			python3 - "$f" <<'PY'
import sys
parts = open(sys.argv[1], "rb").read().split(b"\xff", 2)
for name, part in zip(("c.json", "k.yaml", "s.yaml"), parts):
    open(name, "wb").write(part)
PY
			if [ -f s.yaml ]; then
				run -c s.yaml c.json --contract k.yaml
			else
				run --no-config c.json --contract k.yaml
			fi ;;
		derive)
			rm -f o.yaml
			plat=$(python3 - "$f" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
parts = d.split(b"\xff", 1)
for name, part in zip(("r.yaml", "o.yaml"), parts):
    open(name, "wb").write(part)
print(("", "kubeblocks-1.0", "kubeblocks-1.1", "kubeblocks-1.2")[d[0] % 4 if d else 0])
PY
)
			set -- contract derive r.yaml -o d.yaml
			[ -z "$plat" ] || set -- "$@" --platform "$plat"
			[ ! -f o.yaml ] || set -- "$@" --overlay o.yaml
			run "$@"
			# derive loads what it writes: a contract it cannot
			# load back is a bug, not a bad input
			! grep -q "invalid contract '" err ||
				fail "$f: derive wrote an invalid contract"
			if [ "$rc" = 0 ] || [ "$rc" = 1 ]; then
				"$bin" -q contract lint d.yaml >/dev/null 2>lint.err
				[ $? != 3 ] || fail "$f: the derived contract does not load: $(cat lint.err)"
			fi ;;
		esac
		case $rc in
		0 | 1 | 3) ;;
		*) fail "$f: exit $rc" ;;
		esac
		[ "$rc" = 0 ] || grep -q '[a-z]\.\(json\|yaml\)' out err ||
			fail "$f: no message names the input"
	done
}

run_case
