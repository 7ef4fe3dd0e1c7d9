#!/usr/bin/env bash
# Reruns every benchmark of docs/benchmarks.md and writes its table:
#
#   bash tools/bench.sh [--quick]
#
# Builds a Release tree in build-bench/, generates the inputs there (banks of 1k, 10k and 100k
# items; 10k and 100k signed results; --quick: smaller), runs each case at least five times after a
# warm-up, counts instructions with callgrind for the load and verify cases, and replaces the
# part of docs/benchmarks.md between the "bench:begin" and "bench:end" markers with the new
# table and the machine it ran on. Every figure is a ratio against a baseline measured in the
# same run, so that a noisy machine shifts both sides alike.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
quick=${1:-}
build=$root/build-bench
data=$build/bench-data
runs=5
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target signpost gen_bank gen_results bench_load \
    bench_verify >/dev/null
sp=$build/signpost
tools=$build/tools
mkdir -p "$data"
log=$data/log.txt
: >"$log"
say() { printf '%s\n' "$*" | tee -a "$log"; }

sizes="1000 10000 100000"
results=10000 cohort=100000
[ "$quick" = --quick ] && sizes="1000 10000" && results=1000 cohort=10000
for n in $sizes; do
    [ -f "$data/bank$n.yaml" ] || "$tools/gen_bank" -n "$n" -o "$data/bank$n.yaml"
done
[ -f "$data/key.pub" ] ||
    "$sp" keygen -W -p "$data/key.pub" -s "$data/key.key" --force >/dev/null
for n in $results $cohort; do
    if [ ! -f "$data/results$n/done" ]; then
        rm -rf "$data/results$n" && mkdir -p "$data/results$n"
        "$tools/gen_results" quizzes/placement.yaml "$data/key.key" "$n" "$data/results$n"
        touch "$data/results$n/done"
    fi
done

# ratio LINE: the number after "ratio (...):" in the output of a case.
ratio() { sed -n 's/^ratio.*: //p' | tail -n 1; }
median_of() { sed -n "s/^$1 *median *\([0-9.]*\).*/\1/p" | tail -n 1; }

rows=()
for n in $sizes; do
    out=$("$tools/bench_load" --runs $runs "$data/bank$n.yaml"); say "$out"
    rows+=("| Load: check a bank of $n items / bare libyaml event loop | $(printf '%s' "$out" | median_of 'libyaml event loop') ms / $(printf '%s' "$out" | median_of 'signpost load') ms | **$(printf '%s' "$out" | ratio)** (speed) | ≥ 0.5 |")
done
files=("$data/results$results"/r*.signpost)
out=$("$tools/bench_verify" --runs $runs --quiz quizzes/placement.yaml \
    --key "$data/key.pub" "${files[@]}"); say "$out"
rows+=("| Verify: $results signed results with replay / BLAKE2b + 2 Ed25519 | $(printf '%s' "$out" | median_of 'BLAKE2b + 2 x Ed25519') ms / $(printf '%s' "$out" | median_of 'signpost verify') ms | **$(printf '%s' "$out" | ratio)** (speed) | ≥ 0.7 |")
out=$("$tools/bench_verify" --analyze --runs $runs --quiz quizzes/placement.yaml \
    --key "$data/key.pub" "$data/results$cohort"); say "$out"
rows+=("| Analyze: $cohort signed results / \`verify\` of the same files | $(printf '%s' "$out" | median_of 'signpost verify') ms / $(printf '%s' "$out" | median_of 'signpost analyze') ms | **$(printf '%s' "$out" | ratio)** (speed) | ≥ 0.77 (adds ≤ 30 %) |")
out=$(python3 tools/bench/procs.py start "$sp" quizzes/placement.yaml 9); say "$out"
rows+=("| Start: time to the first question / \`signpost --version\` | $(printf '%s' "$out" | median_of 'time to the first question') ms / $(printf '%s' "$out" | median_of 'signpost --version') ms | **$(printf '%s' "$out" | ratio)** (time) | ≤ 3, and < 20 ms |")
# The floor under the start: libyaml alone over the quiz's files, plus --version's time.
floor=0
for f in quizzes/placement.yaml quizzes/directions.yaml quizzes/banks/*.yaml; do
    m=$("$tools/bench_load" --runs $runs "$f" | median_of 'libyaml event loop')
    floor=$(awk "BEGIN{print $floor + $m}")
done
version_ms=$(printf '%s' "$out" | median_of 'signpost --version')
say "libyaml event loop over the placement quiz's files: $floor ms"
rows+=("| Start floor: \`--version\` + a bare libyaml parse of the quiz's files / \`--version\` | $version_ms ms + $floor ms | **$(awk "BEGIN{printf \"%.2f\", ($version_ms + $floor) / $version_ms}")** (time) | |")
big=$data/bank${sizes##* }.yaml
out=$(python3 tools/bench/procs.py memory "$sp" "$big" $runs); say "$out"
rows+=("| Memory: peak RSS of \`check\` / file size ($(du -m "$big" | cut -f1) MB bank) | $(printf '%s' "$out" | median_of 'peak RSS of check') MiB | **$(printf '%s' "$out" | ratio)** (size) | ≤ 3 |")

# Instruction counts: repeatable whatever the machine is doing.
irs() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : //p'; }
if command -v valgrind >/dev/null; then
    small=$data/bank10000.yaml
    lb=$(irs "$tools/bench_load" --mode baseline "$small")
    ls=$(irs "$tools/bench_load" --mode signpost "$small")
    some=("${files[@]:0:1000}")
    vb=$(irs "$tools/bench_verify" --mode baseline --quiz quizzes/placement.yaml \
        --key "$data/key.pub" "${some[@]}")
    vs=$(irs "$tools/bench_verify" --mode signpost --quiz quizzes/placement.yaml \
        --key "$data/key.pub" "${some[@]}")
    say "callgrind load 10k: baseline $lb, signpost $ls; verify 1k: baseline $vb, signpost $vs"
    rows+=("| Instructions, load of 10k items (callgrind) | $lb / $ls | **$(awk "BEGIN{printf \"%.2f\", $lb/$ls}")** | |")
    rows+=("| Instructions, verify of 1k results (callgrind) | $vb / $vs | **$(awk "BEGIN{printf \"%.2f\", $vb/$vs}")** | |")
fi

machine="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(uname -sr), $(date -u +%Y-%m-%d)"
table=$data/table.md
{
    echo "<!-- bench:begin -->"
    echo "Measured on: $machine; commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
    echo
    echo "| case | baseline / signpost (medians) | ratio | goal |"
    echo "| --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
    echo "<!-- bench:end -->"
} >"$table"
doc=docs/benchmarks.md
if [ -f "$doc" ] && grep -q 'bench:begin' "$doc"; then
    awk -v t="$table" '/<!-- bench:begin -->/ {while ((getline l < t) > 0) print l; skip=1; next}
                       /<!-- bench:end -->/ {skip=0; next} !skip' "$doc" >"$doc.new"
    mv "$doc.new" "$doc"
fi
cat "$table"
