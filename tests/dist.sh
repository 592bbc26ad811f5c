#!/bin/sh
# Getting ocicheck into CI and shells, one ctest per case_*:
#   sh tests/dist.sh BIN SRCDIR CASE
# the CI report formats through -o, the shell completions, --version.
set -u
bin=$1 src=$2 name=$3
. "$(dirname "$0")/lib.sh"

# Each CI format to its own file in one run, the exit code unchanged.
case_formats_output() {
	relcwd c.json
	run -q -f junit -o r.xml -f gitlab -o r.gl.json -f checkstyle -o r.cs.xml \
	    -f text -o - c.json
	expect_rc 1; has out 'OCI1101'
	has r.xml '<failure type="OCI1101"'
	has r.gl.json '"check_name": "OCI1101"'
	has r.cs.xml 'source="ocicheck.OCI1101"'
	xmllint --noout --schema "$src/tests/schemas/junit-10.xsd" r.xml 2>/dev/null ||
		fail "r.xml does not validate"
	# below --fail-on: no failure, the finding in system-out
	run -q -f junit --fail-on none c.json; expect_rc 0
	hasnt out '<failure'; has out '<system-out>c.json:7:12: '
	run -f junit --list-rules; expect_rc 2; has err 'not for --list-rules'
}
# A full output is exit 3 and one message of ocicheck's, none of libxml2's.
case_formats_full_output() {
	[ -w /dev/full ] || { echo "skipped: no /dev/full"; exit 77; }
	relcwd c.json
	for f in junit gitlab checkstyle; do
		${OCICHECK_WRAP:-} "$bin" -q -f $f c.json >/dev/full 2>err; rc=$?
		: >out; expect_rc 3; has err 'write error on standard output'
		hasnt err 'I/O error'; lines err 1
		run -q -f $f -o /dev/full c.json; expect_rc 3; lines err 1
	done
}

# bash: the function completes options, their values, rule ids and files.
case_completion_bash() {
	command -v bash >/dev/null 2>&1 || { echo "skipped: no bash"; exit 77; }
	run completion bash; expect_rc 0
	mkdir -p bundle; : >bundle.json
	bash -c '
		. ./out || exit 1
		complete -p ocicheck | grep -q -- "-F _ocicheck" || exit 2
		try() { # try WORD... : complete the last word
			COMP_WORDS=(ocicheck "$@"); COMP_CWORD=$#
			COMPREPLY=(); _ocicheck
			printf "%s\n" "${COMPREPLY[@]}"
		}
		try --fo | grep -qx -- --format || exit 3
		try -f ju | grep -qx junit || exit 4
		try --fail-on n | grep -qx none || exit 5
		try --min-severity n | grep -q . && exit 6
		try --explain OCI110 | grep -qx OCI1101 || exit 7
		try --disable EN | grep -qx ENV001 || exit 8
		try --runtime c | grep -qx crun || exit 9
		try --platform kub | grep -qx kubeblocks-1.2 || exit 10
		try contract l | grep -qx lint || exit 11
		try completion f | grep -qx fish || exit 12
		try bundle.j | grep -qx bundle.json || exit 13
		try --report-root bun | grep -qx bundle || exit 14
		try --spec-version 1.3 | grep -qx 1.3.0 || exit 15
		exit 0' >bash.out 2>&1 || fail "bash completion step $? ($(cat bash.out))"
	# every option of the table is offered
	for o in $("$bin" --help | grep -o -- '--[a-z-]*' | sort -u); do
		grep -q -- " ${o}[ ']" out || fail "bash completion lacks $o"
	done
	run completion; expect_rc 2; has err 'bash, zsh or fish'
	run completion ksh; expect_rc 2
}
case_completion_zsh() {
	command -v zsh >/dev/null 2>&1 || { echo "skipped: no zsh"; exit 77; }
	run completion zsh; expect_rc 0; has out '^#compdef ocicheck'
	has out "'--fail-on\[.*\]:LEVEL:(info warning error none)'"
	zsh -n out || fail "zsh -n refuses the completion"
}
case_completion_fish() {
	command -v fish >/dev/null 2>&1 || { echo "skipped: no fish"; exit 77; }
	run completion fish; expect_rc 0
	has out "complete -c ocicheck -s f -l format -x -a 'text json"
	fish -n out || fail "fish -n refuses the completion"
	# fish can load it and list the formats
	fish -c "source out; complete -C 'ocicheck --format '" >f.out 2>&1 ||
		fail "fish cannot load it: $(cat f.out)"
	grep -q '^gitlab' f.out || fail "fish does not complete --format: $(cat f.out)"
}


# The release tarball twice from the same inputs: the same bytes, and
# what a user unpacks (owners, times, order, a working executable).
case_tarball_reproducible() {
	comp=$(dirname "$bin")/completions
	[ -f "$comp/ocicheck" ] || { echo "skipped: no $comp"; exit 77; }
	export SOURCE_DATE_EPOCH=1700000000
	sh "$src/scripts/dist" "$bin" "$src" "$comp" 9.9 x86_64 a >/dev/null ||
		fail "scripts/dist failed"
	sleep 1	# a file time leaking in would differ now
	sh "$src/scripts/dist" "$bin" "$src" "$comp" 9.9 x86_64 b >/dev/null ||
		fail "scripts/dist failed"
	t=ocicheck-9.9-linux-x86_64.tar.gz
	cmp a/$t b/$t || fail "two builds of $t differ"
	cmp a/SHA256SUMS b/SHA256SUMS || fail "SHA256SUMS differ"
	(cd a && sha256sum -c SHA256SUMS >/dev/null) || fail "SHA256SUMS wrong"
	TZ=UTC tar tzvf a/$t --numeric-owner >list
	has list 'ocicheck-9.9-linux-x86_64/ocicheck$'
	has list '/man/ocicheck.1$'; has list '/completions/_ocicheck$'
	has list '/LICENSE$'; has list '/README.md$'
	! awk '$2 != "0/0"' list | grep -q . || fail "owners not 0/0: $(cat list)"
	! grep -v ' 2023-11-14 ' list | grep -q . || fail "mtimes not fixed"
	awk '{print $6}' list >names; LC_ALL=C sort names | cmp -s - names ||
		fail "entries not sorted"
	tar xzf a/$t && ./ocicheck-9.9-linux-x86_64/ocicheck --version >out ||
		fail "the packed executable does not run"
	has out '^ocicheck '
}

# --version names the commit of a git checkout (and none outside one).
case_version_commit() {
	run --version; expect_rc 0
	if git -C "$src" rev-parse HEAD >/dev/null 2>&1; then
		# the build may predate the last commit: a commit of the checkout
		has out '^ocicheck [0-9][^ ]* (commit [0-9a-f]\{12\}\(-dirty\)\?)$'
		c=$(sed -n '1s/.*(commit \([0-9a-f]*\).*/\1/p' out)
		git -C "$src" cat-file -e "$c^{commit}" 2>/dev/null ||
			fail "--version names $c, not a commit of $src"
	else
		hasnt out commit
	fi
}

run_case
