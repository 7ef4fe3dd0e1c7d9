#!/usr/bin/env bash
# Runs the libFuzzer targets and reports executions and findings.
#
#   bash tools/fuzz.sh [--seconds N] [--build DIR] [TARGET...]
#
# Each target starts from its seed corpus (tests/fuzz/corpus/TARGET, never modified) plus a
# working corpus in DIR/tests/fuzz/work/TARGET that grows across runs. A finding (crash, leak,
# sanitizer report, broken promise) is saved under DIR/tests/fuzz/findings/TARGET/; copy it into
# the seed corpus as a regression case once fixed. Exit 1 when any target found something.
# DIR must be a build configured with -DCMAKE_C_COMPILER=clang -DSIGNPOST_FUZZ=ON.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=60
build=$root/build-fuzz
targets=()
while [ $# -gt 0 ]; do
    case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(document answers result body signature keys journal cache)
status=0
printf '%-10s %8s %12s %10s %s\n' target seconds executions exec/s findings
for t in "${targets[@]}"; do
    bin=$build/tests/fuzz/fuzz_$t
    [ -x "$bin" ] || { echo "fuzz.sh: $bin missing: build with -DSIGNPOST_FUZZ=ON" >&2; exit 2; }
    work=$build/tests/fuzz/work/$t
    found=$build/tests/fuzz/findings/$t
    mkdir -p "$work" "$found"
    log=$build/tests/fuzz/$t.log
    "$bin" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$found/" \
        -timeout=10 -rss_limit_mb=2048 "$work" "$root/tests/fuzz/corpus/$t" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    n=$(find "$found" -type f | wc -l)
    printf '%-10s %8s %12s %10s %s\n' "$t" "$seconds" "${runs:-?}" "${speed:-?}" "$n"
    if [ "$rc" -ne 0 ] || [ "$n" -gt 0 ]; then
        status=1
        echo "  see $log and $found" >&2
        tail -n 30 "$log" >&2
    fi
done
exit $status
