#!/usr/bin/env bash
# expect_check.sh SIGNPOST FILE.yaml: `signpost check FILE.yaml` must print exactly FILE.out
# and exit 1. A fixture may carry extra files to check with it: FILE.with lists them, one per
# line (paths relative to the fixture's folder), and they are checked before it.
set -u
signpost=$1
input=$2
dir=$(dirname "$input")
name=$(basename "$input" .yaml)
cd "$dir" || exit 1
args=()
if [ -f "$name.with" ]; then
    while IFS= read -r extra; do [ -n "$extra" ] && args+=("$extra"); done <"$name.with"
fi
# Under SIGNPOST_VALGRIND the program runs in valgrind memcheck (see tests/lib.sh).
run=("$signpost")
if [ -n "${SIGNPOST_VALGRIND:-}" ]; then
    run=(valgrind -q --error-exitcode=97 --leak-check=full
         --errors-for-leak-kinds=definite,indirect "$signpost")
fi
actual=$(env -u LANGUAGE NO_COLOR=1 LC_ALL=C.UTF-8 "${run[@]}" check "${args[@]}" "$name.yaml" 2>&1)
status=$?
expected=$(cat "$name.out")
if [ "$actual" != "$expected" ]; then
    printf 'FAIL: output of signpost check %s differs:\n' "$name.yaml"
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual")
    exit 1
fi
if [ "$status" -ne 1 ]; then
    printf 'FAIL: exit status %d, expected 1\n' "$status"
    exit 1
fi
