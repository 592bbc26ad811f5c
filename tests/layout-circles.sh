#!/bin/sh
# scripts/layout-circles on a build made up here, so that its verdicts
# are known: two files that call each other are a circle, a circle
# inside one directory is found even where a larger one passes through
# it, a known line tolerates exactly its circle, a known line whose
# circle is gone fails, and the object a moved file left is not read.
set -u
src=$1
script=$src/scripts/layout-circles
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
mkdir -p "$tmp/tree/src/d" "$tmp/build/CMakeFiles/lib.dir/src/d" || exit 1
echo "CMAKE_HOME_DIRECTORY:INTERNAL=$tmp/tree" >"$tmp/build/CMakeCache.txt"

# unit FILE BODY: src/FILE in the tree, compiled where CMake puts it
unit() {
	printf '%s\n' "$2" >"$tmp/tree/src/$1"
	cc -c -o "$tmp/build/CMakeFiles/lib.dir/src/$1.o" "$tmp/tree/src/$1" ||
		exit 1
}
# expect RC PATTERN [ARGS...]: the script's exit code and a line of output
expect() {
	want=$1 pat=$2
	shift 2
	out=$(python3 "$script" "$tmp/build" "$@")
	rc=$?
	if [ "$rc" != "$want" ] || ! printf '%s\n' "$out" | grep -q -- "$pat"; then
		echo "layout-circles $*: exit $rc (want $want), no line '$pat' in:"
		printf '%s\n' "$out"
		fail=1
	fi
}

unit a.c 'void b(void); void a(void); void a(void) { b(); }'
unit b.c 'void a(void); void b(void); void b(void) { a(); }'
unit c.c 'void a(void); void c(void); void c(void) { a(); }'
expect 1 '^circle of 2: src/a.c src/b.c$'
expect 1 '^  src/a.c -> src/b.c: b$'
printf 'src/a.c src/b.c\n' >"$tmp/known"
expect 0 '^known circle of 2 ' --known "$tmp/known"
# a pattern must match a file of the circle: no line covers more
printf 'src/a.c src/b.c src/z.c\n' >"$tmp/known"
expect 1 '^circle of 2: src/a.c src/b.c$' --known "$tmp/known"

# cut: b no longer calls a, and the known line is now stale
unit b.c 'void b(void); void b(void) { }'
expect 0 '^3 files, 0 circles'
printf 'src/a.c src/b.c\n' >"$tmp/known"
expect 1 'no circle left of src/a.c src/b.c' --known "$tmp/known"

# x and y call each other inside src/d, a.c and x.c too: one circle of
# three in the whole, and the one of two in src/d on its own
unit d/x.c 'void y(void); void a(void); void x(void); void x(void) { y(); a(); }'
unit d/y.c 'void x(void); void y(void); void y(void) { x(); }'
unit a.c 'void x(void); void a(void); void a(void) { x(); }'
expect 1 '^circle of 3: src/a.c src/d/x.c src/d/y.c$'
expect 1 '^circle of 2: src/d/x.c src/d/y.c$'
printf 'src/a.c src/d/*.c\n' >"$tmp/known"
expect 1 '^circle of 2: src/d/x.c src/d/y.c$' --known "$tmp/known"
expect 1 '^2 files, 1 circles' --only src/d/

# a source that is gone: its object stays in the build, unread
rm "$tmp/tree/src/d/y.c"
expect 1 '^4 files, 1 circles'
expect 1 '^circle of 2: src/a.c src/d/x.c$'
exit $fail
