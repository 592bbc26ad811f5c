#!/bin/sh
# contract derive: a rendered chart to a contract, overlays, --chart, and
# the derived contract checked against configs.
# One ctest per case_* function:
#   sh tests/cli-derive.sh BIN SRCDIR CASE
set -u
bin=$1 src=$2 name=$3
. "$(dirname "$0")/lib.sh"

# contract derive: the rendered acmedb chart with its overlay derives the
# contract committed beside it, a config built for it passes, and one
# without an env var or a mount fails with the right rule.
case_derive_round_trip() {
	d=$data/derive
	(cd "$d" && "$bin" -q contract derive acmedb.rendered.yaml \
		--overlay acmedb.overlay.yaml -o "$tmp/c.yaml") >out 2>err
	rc=$?; expect_rc 0
	diff -u "$d/contract.yaml" "$tmp/c.yaml" >diff || { cat diff; fail "derived contract differs"; }
	run "$d/acmedb-ok.json" --contract c.yaml; expect_rc 0
	run "$d/acmedb-no-pgdata.json" --contract c.yaml --min-severity warning
	expect_rc 1
	has out 'error: env PGDATA is missing .*\[ENV001\]$'; lines out 1
	run "$d/acmedb-no-datadir.json" --contract c.yaml --min-severity warning
	expect_rc 1
	has out 'error: mount /var/lib/acmedb (volume data, type pvc) is missing .*\[MNT001\]$'
	lines out 1
	# The derived contract lints clean and is stable.
	run contract lint c.yaml; expect_rc 0
	(cd "$d" && "$bin" -q contract derive acmedb.rendered.yaml \
		--overlay acmedb.overlay.yaml) >again.yaml
	tail -n +5 c.yaml >a; tail -n +5 again.yaml >b
	cmp -s a b || fail "derive is not deterministic"
}
# The acceptance cases: the mysql-orc and supabase reproductions give
# ACC001 at the policy's account line, in derive and in lint of the
# derived contract; the Oracle-like one its unmounted shm volume.
case_derive_acc001_then_lint() {
	cp "$data/ACC001/fail-derived-prefix.rendered.yaml" r.yaml
	run contract derive r.yaml -o c.yaml; expect_rc 1
	has out '^r.yaml:28:36: error: account .backup. .*kvstore-sentinel-7-1.0.0.* \[ACC001\]$'
	run contract lint c.yaml; expect_rc 1
	has out "^c.yaml:[0-9]*:[0-9]*: error: account 'backup' (BackupPolicyTemplate/kvstore-bpt: spec.target.account) is not declared by compDef 'kvstore-sentinel-7-1.0.0'.*\[ACC001\]$"
}
# A method whose ActionSet is missing gets no backup target, so its
# reference must not name one as consumer: the contract stays loadable.
case_derive_consumer_needs_target() {
	sed -e 's/{name: datafile, actionSetName: kvstore-datafile}/{name: datafile, actionSetName: kvstore-datafile, target: {role: primary, account: default}}/' \
		-e 's/{name: default, initAccount: true}/{name: default, initAccount: true, passwordGenerationPolicy: {length: 16}}/' \
		"$data/DRV001/fail-actionset-absent.rendered.yaml" >r.yaml
	run contract derive r.yaml -o c.yaml; expect_rc 0
	has out '\[DRV001\]'
	has c.yaml 'account: default'; hasnt c.yaml 'consumers'
	run contract lint c.yaml; expect_rc 0
}
case_derive_overlay_names_derived_consumer() {
	# An overlay is part of a contract: its consumers may be targets
	# only the chart's part has. The merged contract must have them.
	cat >o.yaml <<'EOF'
apiVersion: ocicheck/v1
kind: RuntimeContract
metadata: {name: o}
systemAccounts:
  references:
    - account: admin
      from: {kind: BackupPolicyTemplate, name: extra, path: spec.target.account}
      injects: [DP_DB_USER]
      consumers: [backup/basebackup]
EOF
	run contract derive --overlay o.yaml -o c.yaml "$data/derive/acmedb.rendered.yaml"
	expect_rc 0; has c.yaml 'consumers: \[backup/basebackup\]'
	run contract lint c.yaml; expect_rc 0
	sed 's|consumers: \[backup/basebackup\]|consumers: [backup/basebackp]|' o.yaml >o2.yaml
	run contract derive --overlay o2.yaml -o c2.yaml "$data/derive/acmedb.rendered.yaml"
	expect_rc 3; [ ! -e c2.yaml ] || fail "c2.yaml written"
	has err "consumer 'backup/basebackp' is not a target .*did you mean 'backup/basebackup'"
}
case_derive_account_declared_twice() {
	# One definition naming an account twice (found by fuzz_derive):
	# the first declaration counts, and the contract still loads, also
	# when the two declarations differ in their password on 1.2.
	cat >r.yaml <<'EOF'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: kv-7}
spec:
  systemAccounts:
    - {name: backup, initAccount: true}
    - {name: backup, passwordConfig: {length: 16}}
  runtime:
    containers: [{name: kv}]
EOF
	for p in kubeblocks-1.1 kubeblocks-1.2; do
		run contract derive --platform $p r.yaml -o c.yaml; expect_rc 0
		has c.yaml '{name: backup, compDefs: \[kv-7\], initAccount: true'
		run contract lint c.yaml; expect_rc 0
	done
}
case_derive_mount_path_twice() {
	# Two volumeMounts at one path (found by fuzz_derive): the API server
	# refuses the pod; derive says so at both (DRV007), requires neither,
	# and the contract loads.
	cat >r.yaml <<'EOF'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: kv-7}
spec:
  runtime:
    containers:
      - name: kv
        volumeMounts:
          - {name: data, mountPath: /data}
          - {name: other, mountPath: /data/, readOnly: true}
    volumes: [{name: data, emptyDir: {}}, {name: other, emptyDir: {}}]
EOF
	run contract derive r.yaml -o c.yaml; expect_rc 1
	has out '^r.yaml:9:37: error: container .kv. mounts two volumes at /data .*later shadows the earlier \[DRV007\]$'
	has out '^r.yaml:10:38: error: container .kv. mounts a second volume at /data .*\[DRV007\]$'
	hasnt c.yaml 'destination: /data'
	hasnt out MNT006
	run contract lint c.yaml; expect_rc 0
}
# An overlay value the merged contract could not hold (issue 24: a size
# for a configMap mount) stops derive at the overlay's line, exit 3, and
# no contract is written.
case_derive_overlay_size_on_configmap() {
	cat >r.yaml <<'EOF'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: kv-7}
spec:
  scripts: [{name: kv-scripts, template: kv-scripts-tpl, volumeName: scripts}]
  runtime:
    containers:
      - name: kv
        volumeMounts: [{name: scripts, mountPath: /scripts}]
EOF
	cat >o.yaml <<'EOF'
apiVersion: ocicheck/v1
kind: RuntimeContract
metadata: {name: kv-requirements}
targets:
  - name: kv
    mounts:
      required:
        - {destination: /scripts, sizeMin: 512Mi}
EOF
	run contract derive r.yaml --overlay o.yaml -o c.yaml; expect_rc 3
	has err "overlay o.yaml:8:11: target 'kv': mount /scripts has sizeMin in the overlay, but the chart mounts configMap there"
	[ ! -e c.yaml ] || fail "a contract was written"
}
case_derive_stdout_and_stderr() {
	run contract derive "$data/MNT006/fail-unmounted-shm.rendered.yaml"
	expect_rc 0; has out '^apiVersion: ocicheck/v1$'; hasnt out '\[MNT006\]'
	has err 'warning: volume .dshm. .*\[MNT006\]$'
	run contract derive -f json -o c.yaml "$data/MNT006/fail-unmounted-shm.rendered.yaml"
	python3 -c '
import json; d = json.load(open("out"))
assert [f["ruleId"] for f in d["findings"]] == ["DRV004", "MNT006"], d' || fail "json findings"
	run --fail-on warning contract derive -o c.yaml "$data/MNT006/fail-unmounted-shm.rendered.yaml"
	expect_rc 1
}
# $$(PRICE) in the chart is the text $(PRICE) in the process env: the
# derived contract expects it, so the check raises no ENV003 for it, but
# does for a real unresolved $(VAR). (A value mixing $$( with a real
# reference, MIXED, gets no equals, so its $(PRICE) is still reported.)
case_derive_escaped_ref_round_trip() {
	run contract derive "$data/ENV010/pass-unescaped-values.rendered.yaml" \
		-o c.yaml; expect_rc 0
	sed 's|"PATH=/usr/bin:/bin"|"CURRENCY=EUR", "BANNER=$$ off", "MSG=cost is $(PRICE)", "RAW=$x $( $", "MIXED=PRICE in EUR"|' \
		"$data/OCI0001/pass-valid.json" >c.json
	# a hand-written config names no container: --target picks it
	run c.json --contract c.yaml --target shop; expect_rc 0
	sed 's|cost is $(PRICE)|cost is $(TAX)|' c.json >d.json
	run d.json --contract c.yaml --target shop; expect_rc 1
	has out 'env MSG holds the literal $(TAX).*\[ENV003\]$'
}
case_derive_usage() {
	run contract derive; expect_rc 2; has err 'needs the rendered chart'
	run contract derive --platform kubeblocks-9 x.yaml; expect_rc 2
	has err "invalid value 'kubeblocks-9'"
	run contract derive --platform linux x.yaml; expect_rc 2
	valid c.json; run --platform kubeblocks-1.2 c.json; expect_rc 2
	has err 'is for contract derive'
	run --overlay o.yaml c.json; expect_rc 2; has err 'is for contract derive'
	run contract frobnicate x; expect_rc 2; has err 'known: lint, derive'
}
case_derive_bad_inputs() {
	run contract derive missing.yaml; expect_rc 3; has err "missing.yaml"
	printf 'kind: ComponentDefinition\nmetadata: {name: [\n' >bad.yaml
	run contract derive bad.yaml; expect_rc 3; has err 'bad.yaml:3:'
	printf 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n' >svc.yaml
	run contract derive svc.yaml; expect_rc 3
	has err 'no ComponentDefinition in the input'
	printf -- '- a\n- b\n' >list.yaml
	run contract derive list.yaml; expect_rc 3
	# A broken overlay stops derive before anything is written.
	printf 'apiVersion: ocicheck/v1\nkind: RuntimeContract\nmetadata: {name: o}\nbogus: 1\n' >o.yaml
	run contract derive --overlay o.yaml -o c.yaml "$data/MNT006/pass-shm-mounted.rendered.yaml"
	expect_rc 3; has err 'o.yaml:4:1'; [ ! -e c.yaml ] || fail "c.yaml written"
}
case_derive_overlay_conflict() {
	cat >o.yaml <<'YAML'
apiVersion: ocicheck/v1
kind: RuntimeContract
metadata: {name: o}
targets:
  - name: bigdb
    process: {uid: 1000}
YAML
	run contract derive --overlay o.yaml -o c.yaml "$data/MNT006/pass-shm-mounted.rendered.yaml"
	expect_rc 3; has err 'overlay o.yaml:6:20: target .bigdb.: uid 1000 in the overlay, 54321 in the chart'
	[ ! -e c.yaml ] || fail "c.yaml written"
}
case_derive_secrets_stay_out() {
	cat >r.yaml <<'YAML'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: app-1}
spec:
  runtime:
    containers:
      - name: app
        env:
          - {name: ADMIN_PASSWORD, value: hunter2-hunter2}
          - {name: DSN, value: "db://u:$(ADMIN_PASSWORD)@h/$(NOPE)"}
YAML
	for f in text json sarif github junit gitlab checkstyle; do
		run contract derive -f $f -o c.yaml r.yaml
		hasnt out hunter2; hasnt c.yaml hunter2
	done
	has out NOPE
	grep -q '{name: ADMIN_PASSWORD, nonEmpty: true, secret: true' c.yaml ||
		fail "ADMIN_PASSWORD not a secret requirement"
	grep -q '{name: DSN, nonEmpty: true, secret: true' c.yaml ||
		fail "DSN not a secret requirement"
}
# Two definitions whose containers share a name and an image (mysql and
# mysql-orc): a config cannot say which one it is, so it is judged by the
# target it keeps best, not by both (a correct mysql pod is not missing
# the ORC var), and derive warns that the targets cannot be told apart.
case_derive_same_container_name() {
	cat >r.yaml <<'YAML'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: kv-7-1.0.0}
spec:
  vars: [{name: KV_MODE, value: single}, {name: KV_ALONE, value: 'yes'}]
  runtime:
    containers: [{name: kv, image: docker.io/acme/kv:7.2}]
---
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: kv-orc-7-1.0.0}
spec:
  vars: [{name: KV_MODE, value: orc}, {name: ORC_USER, value: orc}]
  runtime:
    containers: [{name: kv, image: docker.io/acme/kv:7.2}]
YAML
	run contract derive -o c.yaml r.yaml; expect_rc 0
	has out '^r.yaml:7:25: info: definitions .kv-7-1.0.0. and .kv-orc-7-1.0.0. run the same container (.kv.) .*\[TGT002\]$'
	for env in '"KV_MODE=single", "KV_ALONE=yes"' '"KV_MODE=orc", "ORC_USER=orc"'; do
		cat >p.json <<JSON
{"ociVersion": "1.2.0", "process": {"cwd": "/", "args": ["kv"],
 "env": [$env]}, "root": {"path": "rootfs"},
 "annotations": {"io.kubernetes.cri.container-name": "kv",
  "io.kubernetes.cri.image-name": "docker.io/acme/kv:7.2"}}
JSON
		run --disable 'OCI*' p.json --contract c.yaml; expect_rc 0
	done
	# Judged by the closer target: only the missing ORC_USER.
	sed -i 's/"KV_MODE=orc", "ORC_USER=orc"/"KV_MODE=orc"/' p.json
	run --disable 'OCI*' --min-severity warning p.json --contract c.yaml
	expect_rc 1
	has out 'error: env ORC_USER is missing.*\[ENV001\]$'; lines out 1
	# A more specific target wins over a broader one that also matches.
	cat >k.yaml <<'YAML'
apiVersion: ocicheck/v1
kind: RuntimeContract
metadata: {name: k}
targets:
  - name: any-kv
    match: {containerName: kv}
    env: {required: [{name: NOPE}]}
  - name: acme-kv
    match: {containerName: kv, image: acme/kv}
YAML
	run --disable 'OCI*' p.json --contract k.yaml; expect_rc 0
}
# A var's expression rewrites its value (or what valueFrom resolved), and
# may leave it empty: neither equals nor nonEmpty (contract-domain 8.2).
case_derive_var_expression() {
	cat >r.yaml <<'YAML'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: kv-7-1.0.0}
spec:
  vars:
    - {name: KV_PORT, value: '6379', expression: '{{ add .KV_PORT 1 }}'}
    - name: KV_HOST
      valueFrom: {serviceVarRef: {name: kv, host: Required}}
      expression: '{{ if false }}{{ .KV_HOST }}{{ end }}'
  runtime:
    containers: [{name: kv}]
YAML
	run contract derive -o c.yaml r.yaml; expect_rc 0
	has c.yaml '{name: KV_PORT, from: \[literal\]'
	has c.yaml '{name: KV_HOST, from: \[kb.var.service\]'
	hasnt c.yaml "equals: '6379'"
}
# A mounted name no volume of the definition provides is a claim-template
# PVC or the emptyDir KubeBlocks adds: without the Cluster, a config with
# either keeps the contract, one with a configMap there does not.
case_derive_claim_template_volume() {
	cat >r.yaml <<'YAML'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: zk-1.0.0}
spec:
  runtime:
    containers:
      - name: zk
        volumeMounts: [{name: data, mountPath: /data}]
YAML
	run contract derive -o c.yaml r.yaml; expect_rc 0
	has c.yaml '{destination: /data, volume: data, type: pvcOrEmptyDir, access: rw}'
	run contract lint c.yaml; expect_rc 0
	for src in /var/lib/kubelet/pods/u/volumes/kubernetes.io~csi/pvc-1/mount \
	    /var/lib/kubelet/pods/u/volumes/kubernetes.io~empty-dir/data \
	    /var/lib/kubelet/pods/u/volumes/kubernetes.io~configmap/data; do
		cat >p.json <<JSON
{"ociVersion": "1.2.0", "process": {"cwd": "/", "args": ["zk"]},
 "root": {"path": "rootfs"}, "linux": {}, "annotations":
 {"io.kubernetes.cri.container-name": "zk"}, "mounts": [{"destination":
 "/data", "type": "bind", "source": "$src", "options": ["rbind", "rw"]}]}
JSON
		run --disable 'OCI*' p.json --contract c.yaml
		case $src in
		*configmap*) expect_rc 1
			has out 'backed by configMap .* requires pvcOrEmptyDir \[MNT003\]$' ;;
		*) expect_rc 0 ;;
		esac
	done
}
# --chart reads the releases the chart claims from its Chart.yaml, which
# helm template does not print; the findings about it point there.
case_derive_chart() {
	mkdir chart
	cat >chart/Chart.yaml <<'YAML'
apiVersion: v2
name: kvstore
version: 1.0.0
annotations:
  addon.kubeblocks.io/kubeblocks-version: ">=1.0.0"
YAML
	cat >r.yaml <<'YAML'
apiVersion: apps.kubeblocks.io/v1
kind: ComponentDefinition
metadata: {name: kvstore-7-1.0.0}
spec:
  systemAccounts: [{name: default, passwordGenerationPolicy: {length: 16}}]
  runtime:
    containers: [{name: kvstore}]
YAML
	run contract derive r.yaml -o c.yaml; expect_rc 0
	has out '^r.yaml:3:18: info: .*judged for kubeblocks-1.1, the default.*\[DRV004\]$'
	run contract derive --chart chart r.yaml -o c.yaml; expect_rc 1
	has out "^r.yaml:5:36: error: account 'default' of 'kvstore-7-1.0.0' sets only passwordGenerationPolicy, which KubeBlocks 1.2 prunes .*>=1.0.0.*\[DRV002\]$"
	hasnt out DRV004
	has c.yaml '^# Derived by .* --platform kubeblocks-1.2 (the newest of 1.0, 1.1, 1.2, which the chart claims by addon.kubeblocks.io/kubeblocks-version >=1.0.0)$'
	has c.yaml '^# chart: chart/Chart.yaml sha256:'
	# A Chart.yaml path works as well as its directory.
	run contract derive --chart chart/Chart.yaml r.yaml -o c2.yaml; expect_rc 1
	cmp -s c.yaml c2.yaml || fail "--chart DIR and DIR/Chart.yaml differ"
	run contract derive --chart chart --platform kubeblocks-1.1 r.yaml -o c.yaml
	expect_rc 0; hasnt out DRV002
	sed -i 's/">=1.0.0"/"latest"/' chart/Chart.yaml
	run contract derive --chart chart r.yaml -o c.yaml; expect_rc 0
	has out "^chart/Chart.yaml:5:43: info: the chart claims KubeBlocks 'latest', which is not a version constraint Helm reads.*\[DRV004\]$"
	sed -i 's/"latest"/">=2.0"/' chart/Chart.yaml
	run contract derive --chart chart r.yaml -o c.yaml; expect_rc 0
	has out "warning: the chart claims KubeBlocks .>=2.0., which no release derive knows satisfies (1.0.0, .*\[DRV004\]$"
	run contract derive --chart nowhere r.yaml -o c.yaml; expect_rc 3
	has err "nowhere"
	[ ! -e c3.yaml ] || fail "output written"
	valid p.json; run --chart chart p.json; expect_rc 2
	has err -- '--chart is for contract derive'
}
# One object rendered into two inputs is one object, not two targets.
case_derive_same_object_twice() {
	cp "$data/MNT006/pass-shm-mounted.rendered.yaml" a.yaml
	cp a.yaml b.yaml
	run contract derive -o one.yaml a.yaml; expect_rc 0
	run contract derive -o two.yaml a.yaml b.yaml; expect_rc 0
	grep -v '^#' one.yaml >a; grep -v '^#' two.yaml >b
	cmp -s a b || { diff -u a b; fail "a repeated object changed the contract"; }
}

run_case
