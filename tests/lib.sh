# Shared by the case scripts (tests/cli-*.sh, hostile.sh, dist.sh), which
# source it after setting bin, src and name from their arguments: a
# temporary working directory and the helpers every case uses; each ends
# in run_case.
data=$src/testdata
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

fail() { echo "FAIL: $*"; echo "--- stdout"; cat out; echo "--- stderr"; cat err; exit 1; }
# clean FILE: no sanitizer report in it (ASan and UBSan exit 1, which is
# also the exit code of a run with findings)
clean() {
	! grep -Eq '(Address|Leak|Memory|Thread|UndefinedBehavior)Sanitizer|runtime error:' "$1" ||
		fail "sanitizer report in $1"
}
# run ARGS...: stdout in ./out, stderr in ./err, exit code in $rc
run() { ${OCICHECK_WRAP:-} "$bin" "$@" >out 2>err; rc=$?; clean err; }
expect_rc() { [ "$rc" = "$1" ] || fail "exit $rc, expected $1"; }
has() { grep -q -- "$2" "$1" || fail "$1 lacks '$2'"; }
hasnt() { ! grep -q -- "$2" "$1" || fail "$1 has '$2'"; }
lines() { [ "$(wc -l <"$1")" -eq "$2" ] || fail "$1 has $(wc -l <"$1") lines, expected $2"; }
valid() { cp "$data/OCI0001/pass-valid.json" "$1"; }
# a config with one finding: c.json:7:12 OCI1101
relcwd() { cp "$data/OCI1101/fail-relative.json" "$1"; }

contract_ok() {
	cat >"$1" <<'YAML'
apiVersion: ocicheck/v1
kind: RuntimeContract
metadata: {name: demo}
targets:
  - name: app
    env:
      required:
        - {name: A}
YAML
}
# bad_contract NAME 'expected message regex': exit 3, message positioned
bad_contract() {
	valid c.json
	run c.json --contract "$1"; expect_rc 3
	has err "$2"
	run contract lint "$1"; expect_rc 3
	run -f json c.json --contract "$1"; expect_rc 3
	[ ! -s out ] || fail "a report was written for an invalid contract"
}
# contract_with NAME: the header of a valid contract, then stdin
contract_with() {
	printf 'apiVersion: ocicheck/v1\nkind: RuntimeContract\nmetadata: {name: demo}\n' >"$1"
	cat >>"$1"
}

# run_case: run case_$name, last, once every case_* of the script is
# defined; a name with no case is a failure, not a pass.
run_case() {
	command -v "case_$name" >/dev/null 2>&1 ||
		{ echo "FAIL: no case_$name"; exit 1; }
	"case_$name" || exit 1
	echo "ok: $name"
}
