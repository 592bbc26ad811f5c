# Sourced by rule-fixture.sh, golden.sh and golden-sarif.sh, with $rel (a
# fixture path under testdata/) and $tmp set: sets $base (the fixture
# without its extension, the stem of its expected files) and the arguments
# that run it.
#   X.args           the arguments on its lines, one a line, as they are
#                    (the curated goldens' runs of several inputs, or of
#                    options no fixture file implies)
#   X.rendered.yaml  contract derive X (with X.overlay.yaml when there is
#                    one), the contract written to $tmp/derived.yaml
#   X.yaml           contract lint X
#   X.json           a check, against X.contract.yaml or the directory's
#                    contract.yaml when there is one, with the settings of
#                    X.ocicheck.yaml (-c) when there is one (as the tests run
#                    from testdata/, a file beside X is not found)
case $rel in
*.args)
	base=${rel%.args}
	set --
	while IFS= read -r arg || [ -n "$arg" ]; do
		set -- "$@" "$arg"
	done <"$rel" ;;
*.rendered.yaml)
	base=${rel%.rendered.yaml}
	set -- contract derive "$rel" -o "$tmp/derived.yaml"
	if [ -f "$base.overlay.yaml" ]; then
		set -- "$@" --overlay "$base.overlay.yaml"
	fi ;;
*.yaml)
	base=${rel%.yaml}
	set -- contract lint "$rel" ;;
*)
	base=${rel%.json}
	set -- "$rel"
	if [ -f "$base.ocicheck.yaml" ]; then
		set -- "$@" -c "$base.ocicheck.yaml"
	fi
	if [ -f "$base.contract.yaml" ]; then
		set -- "$@" --contract "$base.contract.yaml"
	elif [ -f "$(dirname "$rel")/contract.yaml" ]; then
		set -- "$@" --contract "$(dirname "$rel")/contract.yaml"
	fi ;;
esac
