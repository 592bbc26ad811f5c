#!/bin/sh
# .pre-commit-hooks.yaml as a user meets it: `pre-commit try-repo` on a
# repository with several config.json files runs ocicheck on the staged
# config.json only, fails the commit on its findings and passes once it is
# fixed, whatever the files left alone hold. Skipped (77) without
# pre-commit or outside a git checkout.
set -u
bin=$1 src=$2
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
command -v pre-commit >/dev/null 2>&1 || { echo "no pre-commit: skipped"; exit 77; }
git -C "$src" rev-parse --git-dir >/dev/null 2>&1 || { echo "not a git checkout: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/repo/a" "$tmp/repo/b" "$tmp/repo/c" || exit 1
ln -s "$bin" "$tmp/bin/ocicheck" || exit 1
PATH=$tmp/bin:$PATH PRE_COMMIT_HOME=$tmp/cache HOME=$tmp
export PATH PRE_COMMIT_HOME HOME
bad='{"ociVersion": "1.2.0", "root": {"path": "rootfs"}, "process": {"cwd": "relative", "args": ["sh"]}, "linux": {}}'
good='{"ociVersion": "1.2.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"]}, "linux": {}, "mounts": []}'
cd "$tmp/repo" || exit 1
git init -q . && git config user.email t@example.invalid &&
	git config user.name test || exit 1
printf '%s\n' "$bad" >a/config.json
printf '%s\n' "$bad" >b/config.json
printf '%s\n' "$bad" >c/other.json
git add . && git commit -qm init || exit 1

fail=0
# A staged change to a/config.json: only it is checked, and it fails.
printf '%s\n' "$bad" | sed 's/relative/also-relative/' >a/config.json
git add a/config.json
pre-commit try-repo "$src" ocicheck --verbose >"$tmp/out" 2>&1
rc=$?
if [ $rc -ne 1 ]; then echo "bad a/config.json: exit $rc, want 1"; fail=1; fi
grep -q '^a/config.json:1:[0-9]*: error: .*\[OCI1101\]' "$tmp/out" ||
	{ echo "a/config.json's finding missing"; fail=1; }
if grep -q 'b/config.json\|c/other.json' "$tmp/out"; then
	echo "unchanged or unselected files were checked"; fail=1
fi
# Fixed and staged: the commit may go ahead although b/ is still bad.
printf '%s\n' "$good" >a/config.json
git add a/config.json
pre-commit try-repo "$src" ocicheck --verbose >"$tmp/out2" 2>&1
rc=$?
if [ $rc -ne 0 ]; then echo "fixed a/config.json: exit $rc, want 0"; fail=1; fi
if [ $fail -ne 0 ]; then
	echo "--- first run"; cat "$tmp/out"; echo "--- second run"; cat "$tmp/out2"
fi
exit $fail
