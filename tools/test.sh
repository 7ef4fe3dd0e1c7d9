#!/usr/bin/env bash
# Builds signpost three ways and runs the whole test suite (what CI runs, via README.md):
#
#   1. gcc, AddressSanitizer + UBSan, warnings as errors: every ctest (unit, cli, term,
#      faults, interop);
#   2. clang, warnings as errors, with the libFuzzer targets: the fuzz ctests (each target
#      replays its seed corpus, then fuzzes for SIGNPOST_FUZZ_SECONDS, default 10);
#   3. gcc without sanitizers: the cli, term and faults tests again with every run of signpost
#      under valgrind memcheck (no leak, no invalid access allowed), in the tmux panes too.
#
#   bash tools/test.sh [--quick]     (--quick: step 1 only)
#
# Build folders: build-test, build-fuzz, build-valgrind at the top of the tree.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc 2>/dev/null || echo 2)
step() { printf '\n=== %s\n' "$*"; }

# The verifier page is built from web/ with node, from the packages pinned in web/package-lock.json;
# its test (tests/web) drives it in headless Chromium. In CI it must not be skipped.
if command -v npm >/dev/null; then
    step "0/3 the verifier page's packages (npm ci in web/)"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
elif [ "${CI:-}" = true ]; then
    echo "test.sh: npm is missing, so the verifier page could not be built and tested" >&2
    exit 1
fi

step "1/3 gcc with AddressSanitizer and UBSan"
cmake -S . -B build-test -DSIGNPOST_WERROR=ON -DSIGNPOST_SANITIZE=ON >/dev/null
cmake --build build-test -j "$jobs"
ctest --test-dir build-test --output-on-failure -j "$jobs"
[ "${1:-}" = "--quick" ] && exit 0

step "2/3 clang with the fuzz targets"
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DSIGNPOST_WERROR=ON -DSIGNPOST_FUZZ=ON \
    >/dev/null
cmake --build build-fuzz -j "$jobs"
ctest --test-dir build-fuzz --output-on-failure -j "$jobs" -L fuzz

step "3/3 valgrind memcheck"
cmake -S . -B build-valgrind -DSIGNPOST_WERROR=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-valgrind -j "$jobs"
SIGNPOST_VALGRIND=1 ctest --test-dir build-valgrind --output-on-failure -j "$jobs" -L 'cli|term|faults'
step "all tests passed"
