#!/bin/sh
# Input expansion (src/input.c): what -r walks, in which order, and an
# input that cannot be walked reported as unreadable, never skipped; and
# the option rows' value lists as the completions offer them. One ctest
# per case_*:  sh tests/cli-input.sh BIN SRCDIR CASE
set -u
bin=$1 src=$2 name=$3
. "$(dirname "$0")/lib.sh"

# A tree whose deepest directory lies past PATH_MAX (4096), so that
# neither lstat nor opendir can reach it by name: ENAMETOOLONG, for root
# as for anyone. Built one relative step at a time.
deep_tree() {
	long=$(printf 'd%.0s' $(seq 200))
	mkdir -p t/a; valid t/a/config.json
	python3 -c '
import os, sys
os.chdir("t")
for i in range(22):
    os.mkdir(sys.argv[1]); os.chdir(sys.argv[1])
' "$long" || fail "cannot build the deep tree"
}
case_path_too_long_reported() {
	deep_tree
	run --no-config -r t; expect_rc 3
	has err "^ocicheck: cannot open directory 't/$long/.*': File name too long$"
	has err '^ocicheck: 2 configs, 0 errors, 0 warnings, 0 info (1 unreadable)'
	run --no-config -q -f json -r t; expect_rc 3
	python3 - <<'PY' || fail "the JSON report lacks the unreadable directory"
import json
files = json.load(open("out"))["files"]
assert [f["status"] for f in files] == ["checked", "unreadable"], files
assert files[1]["error"].endswith("File name too long"), files[1]
PY
}
# chmod 000 binds no root (CAP_DAC_OVERRIDE): as root the run drops to
# nobody with setpriv; skipped where neither is possible.
case_unreadable_subdir_reported() {
	mkdir -p t/a t/b/c t/z; valid t/a/config.json; valid t/z/config.json
	valid t/b/c/config.json; chmod 000 t/b
	if [ "$(id -u)" = 0 ]; then
		command -v setpriv >/dev/null || exit 77
		chmod 755 "$tmp"
		as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
		$as true 2>/dev/null || exit 77
		$as "$bin" --no-config -r t >out 2>err; rc=$?
	else
		run --no-config -r t
	fi
	chmod 755 t/b
	expect_rc 3
	has err "^ocicheck: cannot open directory 't/b': Permission denied$"
	has err '^ocicheck: 3 configs, 0 errors, 0 warnings, 0 info (1 unreadable)'
}
# The walk order: a directory's own config.json before its
# sub-directories, those in byte order; .git and symlinked directories
# are not entered, so a link loop ends.
case_walk_order_and_links() {
	mkdir -p t/b t/a/x t/.git; valid t/config.json; valid t/b/config.json
	valid t/a/x/config.json; valid t/.git/config.json
	ln -s .. t/b/loop; ln -s ../a t/b/alias
	run --no-config -f json -q -r t; expect_rc 0
	python3 - <<'PY' || fail "walk order"
import json
paths = [f["path"] for f in json.load(open("out"))["files"]]
assert paths == ["t/config.json", "t/a/x/config.json", "t/b/config.json"], paths
PY
}

# An option with a value list completes to it in every shell: --profile
# did not (its NAME was free text), --platform offers both kinds.
case_value_lists_complete() {
	run completion bash; expect_rc 0
	has out "compgen -W 'pss-baseline pss-restricted cis'"
	has out "compgen -W 'linux windows solaris freebsd zos vm kubeblocks-1.0 kubeblocks-1.1 kubeblocks-1.2'"
	has out "compgen -W 'info warning error none'"
	run completion zsh; expect_rc 0
	has out "^		'--profile\[.*\]:NAME:(pss-baseline pss-restricted cis)' "
	has out "^		'--min-severity\[.*\]:LEVEL:(info warning error)' "
	run completion fish; expect_rc 0
	has out "^complete -c ocicheck -l profile -x -a 'pss-baseline pss-restricted cis' "
	run --profile cys c.json; expect_rc 2
	has err "invalid value 'cys' for --profile: use pss-baseline, pss-restricted or cis (did you mean 'cis'?)"
}

command -v "case_$name" >/dev/null 2>&1 || { echo "FAIL: no case_$name"; exit 1; }
"case_$name" || exit 1
echo "ok: $name"
