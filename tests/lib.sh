#!/usr/bin/env bash
# Runs one test function of a test script: bash lib.sh SCRIPT test_name.
# The script sees $SIGNPOST (the program), $SP_SRC (the source tree), $SP_BUILD, and $T, a
# fresh temporary folder that is removed afterwards. HOME and the XDG folders point into $T so
# that no test touches the real user's files.
set -u
script=$1
case_name=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/signpost-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_STATE_HOME=$T/state XDG_DATA_HOME=$T/data
export XDG_CACHE_HOME=$T/cache
unset SIGNPOST_NO_CACHE
mkdir -p "$HOME"
export LC_ALL=C.UTF-8 LANG=C.UTF-8 NO_COLOR=1
unset LANGUAGE SIGNPOST_QUIZ

# Under SIGNPOST_VALGRIND, every run of signpost goes through valgrind memcheck: a leak or an
# invalid access makes it exit 97, which no test expects.
if [ -n "${SIGNPOST_VALGRIND:-}" ]; then
    real=$SIGNPOST
    mkdir -p "$T/.bin"
    SIGNPOST=$T/.bin/signpost
    cat >"$SIGNPOST" <<VG
#!/bin/sh
exec valgrind -q --error-exitcode=97 --leak-check=full --errors-for-leak-kinds=definite,indirect \\
    --show-leak-kinds=definite,indirect --track-fds=no --suppressions="$SP_SRC/tests/valgrind.supp" \\
    "$real" "\$@"
VG
    chmod +x "$SIGNPOST"
    export SIGNPOST
fi

fail() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}

# expect_80_columns FILE WHAT: fails when a line of FILE is wider than 80 columns, counting a
# wide character (Chinese) as two.
expect_80_columns() {
    python3 - "$1" <<'PY' || fail "a line of $2 is wider than 80 columns"
import sys, unicodedata
bad = 0
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    line = line.rstrip("\n")
    w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    if w > 80:
        print(f"line {n} is {w} columns: {line}", file=sys.stderr)
        bad = 1
sys.exit(bad)
PY
}

# run CMD...: runs a command, keeping its stdout in $out, stderr in $err, status in $status.
run() {
    out=$("$@" 2>"$T/.stderr")
    status=$?
    err=$(cat "$T/.stderr")
}

# piped INPUT CMD...: runs CMD with INPUT (printf format) on stdin, like run.
piped() {
    local input=$1
    shift
    out=$(printf "$input" | "$@" 2>"$T/.stderr")
    status=$?
    err=$(cat "$T/.stderr")
}

expect_status() {
    [ "$status" -eq "$1" ] || fail "expected exit status $1, got $status
stdout: $out
stderr: $err"
}

expect_eq() { # expect_eq WHAT ACTUAL EXPECTED
    [ "$2" = "$3" ] || fail "$1: expected
---
$3
---
got
---
$2
---"
}

expect_contains() { # expect_contains WHAT HAYSTACK NEEDLE
    case "$2" in
    *"$3"*) ;;
    *) fail "$1 does not contain '$3':
$2" ;;
    esac
}

expect_not_contains() {
    case "$2" in
    *"$3"*) fail "$1 contains '$3':
$2" ;;
    esac
}

# shellcheck disable=SC1090
source "$script"
cd "$T" || exit 1
"$case_name"
