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
