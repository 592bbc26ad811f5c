/* Unit tests for the shell scan of script_vars: what bash reads from
 * the environment, what a script assigns, tests or only compares, and
 * which function bodies run. Some scripts are excerpts of the KubeBlocks
 * addon charts under /work/shared/corpus/addons/rendered. */
#include "ocicheck_test.h"

#include <stdlib.h>
#include <string.h>

#include "ocicheck/derive.h"

/* The names found, space-separated, a guarded one marked with "?". */
static char *
scan(const char *s)
{
	struct oc_script_var *v;
	struct oc_buf b = { 0 };
	size_t i, n = script_vars(s, strlen(s), &v);

	buf_add(&b, "", 0);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s%s", i ? " " : "", v[i].name,
		    v[i].guarded ? "?" : "");
	script_vars_free(v, n);
	return buf_steal(&b);
}

#define assert_scan(script, want) do {					\
	char *got_ = scan(script);					\
	assert_string_equal(got_, want);				\
	free(got_);							\
} while (0)

static void
test_bash_variables(void **state)
{
	(void)state;
	assert_scan("[[ $v =~ (a) ]] && echo ${BASH_REMATCH[1]}\n"
	    "echo $BASH_ARGV $BASH_ARGC $BASH_SUBSHELL $BASH_COMMAND "
	    "$BASHOPTS $SHELLOPTS $EPOCHSECONDS $EPOCHREALTIME $SRANDOM "
	    "$HOSTTYPE $MACHTYPE $DIRSTACK $FUNCNEST $MAPFILE $TIMEFORMAT "
	    "$HISTFILE $PS2 $PS3 $LOGNAME $MAIL $ENV $COPROC $HOME $PATH",
	    "");
	assert_scan("echo $BASH_THING $DP_DB_USER", "BASH_THING DP_DB_USER");
}

static void
test_assignments(void **state)
{
	(void)state;
	assert_scan("mapfile -t LINES_A < <(ls)\nreadarray -d , ARR\n"
	    "read -a PARTS <<< \"$IN\"\nread -r A B C\n"
	    "getopts 'ab:' OPT_NAME\nprintf -v OUT '%s' x\n"
	    "select CHOICE in a b; do break; done\nlet N=1 M++\n"
	    "(( K = 2 ))\nMAP[x]=1\ndeclare -A ASSOC\nlocal -r RO=1\n"
	    "export E1=1 E2=2\nfor ((I=0; I<3; I++)); do :; done\n"
	    "while read -r LINE; do :; done < f\n"
	    "echo $LINES_A $ARR $PARTS $A $B $C $OPT_NAME $OUT $CHOICE $N $M"
	    " $K ${MAP[x]} $ASSOC $RO $E1 $E2 $I $LINE", "IN");
	/* Text that only looks like an assignment assigns nothing. */
	assert_scan("echo \"DATA_DIR=${DATA_DIR}\"\necho 'X=1' $X",
	    "DATA_DIR X");
}

static void
test_defaults(void **state)
{
	(void)state;
	assert_scan("echo ${A:-d} ${B-d} ${C:=d} ${D=d} ${E:+w} ${F+w} "
	    "${G:?unset} ${H%.*} ${#I} $C $D", "G H I");
	/* A name the script defaults from itself is its own, not read. */
	assert_scan("X=\"${X:-default}\"\n: \"${Y:=default}\"\n"
	    "Z=${Z:-1}; export W=\"${W:-w}\"\nmysql -u$X -p$Y $Z $W", "");
}

static void
test_emptiness_tests(void **state)
{
	(void)state;
	assert_scan("[ -n \"$A\" ] && echo $A\n[ -z \"$B\" ]\n"
	    "[[ -z $C ]]\ntest -n \"${D}\"\n[ \"$E\" = \"\" ]\n"
	    "[ \"x$F\" = \"x\" ]\n[ -v G ]\n[[ -v H ]]\n"
	    "if [ -z \"$I\" ]; then exit 1; fi\nmysql -u$I\n"
	    "[ ! -z \"${J:-}\" ] || [ \"$K\" ]", "A? B? C? D? E? F? G? H? I? J? K?");
}

static void
test_comparisons(void **state)
{
	(void)state;
	assert_scan("[ \"$A\" = \"true\" ]\n[[ $B == foo* ]]\n"
	    "[ \"$C\" != \"off\" ]\ncase \"$D\" in a) echo a ;; b|c) ;; esac\n"
	    "[ \"$E\" -eq 1 ]\n[[ ${F} =~ ^[0-9]+s$ ]]", "A? B? C? D? E? F?");
	/* A use beside the comparison makes the value needed. */
	assert_scan("[ \"$A\" = \"x\" ] && mysql -u$A\n"
	    "[ \"$B\" = on ] && echo \"$B\" > file\n"
	    "case $C in x) ;; esac; cmd --host=${C}\n[ \"$D\" = \"$E\" ]",
	    "A B C D E");
	/* A case branch is code, its patterns are not. */
	assert_scan("case $MODE in\n  cluster) echo $CLUSTER_HOST ;;\n"
	    "  *) exit ;;\nesac", "MODE? CLUSTER_HOST");
}

static void
test_functions(void **state)
{
	(void)state;
	assert_scan("used() { echo $A; }\nunused() { echo $B; }\n"
	    "function also { echo $C; }\nfunction never() { echo $D; }\n"
	    "spaced () {\n  echo $E\n}\nused; also\nx=$(spaced)", "A C E");
	/* Reached through trap, backticks and another function. */
	assert_scan("cleanup() { rm \"$T1\"; }\ntrap 'cleanup; exit' EXIT\n"
	    "inner() { echo $T2; }\nouter() { inner; }\nv=`outer`\n"
	    "dead() { inner2; }\ninner2() { echo $T3; }", "T1 T2");
	/* A reached function's assignments count everywhere; an
	 * unreached one's tests guard nothing. */
	assert_scan("setup() { local X=1; Y=2; }\nsetup\necho $X $Y\n"
	    "check() { [ -z \"$Z\" ] && exit; }\necho $Z", "Z");
	/* Braces in quotes, comments and here-documents do not close the
	 * body. */
	assert_scan("f() {\n  echo \"}\" # }\n  cat <<EOF\n}\nEOF\n"
	    "  echo $IN_F\n}\nf\necho $AFTER", "IN_F AFTER");
}

static void
test_quoting(void **state)
{
	(void)state;
	assert_scan("awk '{print $1, $X}' f\nsed 's/$Y//' f\njq '.x'\n"
	    "echo $'it\\'s $Z' \\$ESC \"\\$ESC2 $DQ\" # $COMMENT\n"
	    "echo a#b $AFTER", "DQ AFTER");
	assert_scan("cat <<'EOF'\n$A\nEOF\ncat <<\"E2\"\n$B\nE2\n"
	    "cat <<\\E3\n$C\nE3\ncat <<EOF\nit's $D '$E'\nEOF\n"
	    "cat <<-EOF\n\t$F $(echo $G)\n\tEOF\necho $H",
	    "D E F G H");
	assert_scan("echo $((X + 1)) $(( Y * $Z ))\n(( W > 1 ))", "X Y Z W");
}

/* A name copied whole into a variable that is tested is as good as
 * tested itself; a copy never tested, or any other use, is not. */
static void
test_copies(void **state)
{
	(void)state;
	assert_scan("a=\"${A}\"\nb=$B\nc=\"$C\"\nd=${D}\n"
	    "if [ -z \"${a}\" ] || [ -n \"$b\" ]; then :; fi\n"
	    "[[ -v c ]] && [ \"$d\" = \"\" ]", "A? B? C? D?");
	/* The test may come first, the copy may be made twice. */
	assert_scan("[ -z \"$a\" ] && exit 1\na=\"$A\"\nb=$A\n"
	    "[ \"$b\" ] || exit", "A?");
	assert_scan("a=\"${A}\"\necho \"$a\"", "A");
	assert_scan("a=\"$A\"\nb=\"$A\"\n[ -z \"$a\" ] && exit\n"
	    "echo $b", "A");
	/* Another use of the name itself: a guarded read does not spoil
	 * the copy, a plain one keeps the name needed. */
	assert_scan("a=$A\n[ -z \"$a\" ] && exit\n[ \"$A\" = x ]\n"
	    "b=$B\n[ -z \"$b\" ] && exit\nmysql -u$B\n"
	    "c=$C\n[ -n \"$c\" ]\necho \"$C\" > f\n"
	    "d=$D\n[ -n \"$d\" ]\ncmd --host=${D}", "A? B C D");
	/* Only the whole value is a copy. */
	assert_scan("a=\"x${A}\"\nb=$(cmd $B)\nc=\"${C}${C2}\"\n"
	    "d=${D}/x\ne+=$E\nf[0]=$F\ng=${G%x}\n"
	    "[ -z \"$a\" ] || [ -z \"$b\" ] || [ -z \"$c\" ] || "
	    "[ -z \"$d\" ] || [ -z \"$e\" ] || [ -z \"${f[0]}\" ] || "
	    "[ -z \"$g\" ]", "A B C C2 D E F G");
	/* A=$X cmd gives cmd the value: no variable of the shell. */
	assert_scan("a=$A cmd\n[ -z \"$a\" ]", "A");
	/* local, export, readonly, declare and typeset copy too. */
	assert_scan("f() {\n  local a=\"${A}\" b=$B\n"
	    "  [ -z \"$a\" ] || [ -z \"$b\" ] && return\n}\nf\n"
	    "export UPPER=\"$C\"\n[ -n \"${UPPER}\" ]\n"
	    "readonly r=$D; declare -r e=\"${E}\"; typeset t=$F\n"
	    "[ \"$r\" ] && [ \"$e\" ] && [ \"$t\" ]\n"
	    "env g=$G cmd\n[ -z \"$g\" ]\nlocal h=\"$H\"",
	    "A? B? C? D? E? F? G H");
	/* A test in a function nothing calls guards nothing. */
	assert_scan("a=$A\nnever() { [ -z \"$a\" ]; }", "A");
}

/* An unguarded read still counts wherever it is. */
static void
test_still_reported(void **state)
{
	(void)state;
	assert_scan("backup() {\n  mysqldump -u \"$DP_DB_USER\"\n}\nbackup",
	    "DP_DB_USER");
	assert_scan("echo \"user=$DP_DB_USER\"", "DP_DB_USER");
	assert_scan("cat > f <<EOF\n$DP_DB_USER\nEOF", "DP_DB_USER");
	assert_scan(": ${DP_DB_USER:?}", "DP_DB_USER");
	assert_scan("[ -z \"${DP_DB_USER:?}\" ]", "DP_DB_USER");
}

/* redis-physical-br's backup (redis.yaml): the sentinel names are
 * tested before use, the handler runs from trap. */
static void
test_redis_backup(void **state)
{
	(void)state;
	assert_scan(
	    "function handle_exit() {\n"
	    "    exit_code=$?\n"
	    "    if [ $exit_code -ne 0 ]; then\n"
	    "        touch \"${DP_BACKUP_INFO_FILE}.exit\"\n"
	    "        exit 1\n"
	    "    fi\n"
	    "}\n"
	    "trap handle_exit EXIT\n"
	    "function save_sentinel_acl() {\n"
	    "  if [ -z \"$SENTINEL_POD_FQDN_LIST\" ]; then\n"
	    "     return\n"
	    "  fi\n"
	    "  for sentinel_fqdn in $(echo \"$SENTINEL_POD_FQDN_LIST\" | tr \",\" \"\\n\"); do\n"
	    "      sentinel_cmd=\"redis-cli -h $sentinel_fqdn -p ${SENTINEL_SERVICE_PORT}\"\n"
	    "      if [ -n \"$SENTINEL_PASSWORD\" ]; then\n"
	    "          sentinel_cmd=\"$sentinel_cmd -a $SENTINEL_PASSWORD\"\n"
	    "      fi\n"
	    "  done\n"
	    "  while IFS= read -r user_rule; do\n"
	    "      echo \"$user_rule\" >> /tmp/sentinel.acl\n"
	    "  done <<< \"$acl_list\"\n"
	    "}\n"
	    "if [ -z ${DP_DB_PASSWORD} ]; then\n"
	    "  connect_url=\"redis-cli -h ${DP_DB_HOST}\"\n"
	    "fi\n"
	    "if [ \"${MODE}\" == \"cluster\" ]; then\n"
	    "  datasafed push ./nodes.conf \"nodes.conf\"\n"
	    "else\n"
	    "  save_sentinel_acl\n"
	    "fi\n",
	    "DP_BACKUP_INFO_FILE SENTINEL_POD_FQDN_LIST? SENTINEL_SERVICE_PORT "
	    "SENTINEL_PASSWORD? DP_DB_PASSWORD? DP_DB_HOST MODE?");
}

/* valkey-physical-br's postReady (valkey.yaml): the target pod's names
 * are copied, tested and derived from DP_DB_HOST when empty. */
static void
test_valkey_post_ready(void **state)
{
	(void)state;
	assert_scan(
	    "derive_target_context() {\n"
	    "  pod_name=\"${DP_TARGET_POD_NAME}\"\n"
	    "  namespace=\"${DP_TARGET_NAMESPACE}\"\n"
	    "  if [ -z \"${pod_name}\" ] || [ -z \"${namespace}\" ]; then\n"
	    "    local host_parts\n"
	    "    host_parts=$(echo \"${DP_DB_HOST}\" | tr '.' '\\n')\n"
	    "    [ -z \"${pod_name}\" ] && pod_name=$(echo \"${host_parts}\" | sed -n '1p')\n"
	    "    [ -z \"${namespace}\" ] && namespace=$(echo \"${host_parts}\" | sed -n '3p')\n"
	    "  fi\n"
	    "  comp_prefix=\"${pod_name%-*}\"\n"
	    "  if [ -n \"${CLUSTER_DOMAIN:-}\" ]; then\n"
	    "    cluster_domain=\"${CLUSTER_DOMAIN}\"\n"
	    "  fi\n"
	    "}\n"
	    "derive_target_context\n",
	    "DP_TARGET_POD_NAME? DP_TARGET_NAMESPACE? DP_DB_HOST "
	    "CLUSTER_DOMAIN?");
}

/* mariadb-physical-br (mariadb.yaml) and mysql-pitr (mysql.yaml). */
static void
test_mysql_snippets(void **state)
{
	(void)state;
	assert_scan(
	    "if [ -n \"${MARIADB_ROOT_PASSWORD:-}\" ]; then\n"
	    "  BACKUP_DB_USER=\"${MARIADB_INTERNAL_ROOT_USER:-root}\";\n"
	    "elif [ -n \"${MYSQL_ADMIN_USER:-}\" ] && [ -n \"${MYSQL_ADMIN_PASSWORD:-}\" ]; then\n"
	    "  BACKUP_DB_USER=\"${MYSQL_ADMIN_USER}\";\n"
	    "fi\n"
	    "echo \"BACKUP_DB_USER=${BACKUP_DB_USER} DATA_DIR=${DATA_DIR}\"\n",
	    "MARIADB_ROOT_PASSWORD? MYSQL_ADMIN_USER? MYSQL_ADMIN_PASSWORD? "
	    "DATA_DIR");
	assert_scan(
	    "function DP_purge_expired_files() {\n"
	    "  if [ ! -z \"${LOCAL_FILE_PATH}\" ]; then\n"
	    "    find ${LOCAL_FILE_PATH} -mmin +${DP_TTL_SECONDS} -delete\n"
	    "  fi\n"
	    "}\n"
	    "if [[ ${DP_ARCHIVE_INTERVAL} =~ ^[0-9]+s$ ]];then\n"
	    "  global_flush_bin_logs_interval=${DP_ARCHIVE_INTERVAL%s}\n"
	    "fi\n",
	    "DP_ARCHIVE_INTERVAL");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bash_variables),
		cmocka_unit_test(test_assignments),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_emptiness_tests),
		cmocka_unit_test(test_comparisons),
		cmocka_unit_test(test_functions),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_copies),
		cmocka_unit_test(test_still_reported),
		cmocka_unit_test(test_redis_backup),
		cmocka_unit_test(test_valkey_post_ready),
		cmocka_unit_test(test_mysql_snippets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
