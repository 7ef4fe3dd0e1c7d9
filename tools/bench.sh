#!/usr/bin/env bash
# Reruns every benchmark of docs/benchmarks.md and writes its table:
#
#   bash tools/bench.sh [--quick]
#
# Builds a Release tree in build-bench/, generates the inputs there (banks of 1k, 10k and 100k
# items; 10k and 100k signed results; --quick: smaller), runs each case at least five times after a
# warm-up, counts instructions with callgrind for the load and verify cases, and replaces the
# part of docs/benchmarks.md between the "bench:begin" and "bench:end" markers with the new
# table, the machine it ran on (CPU model from /proc/cpuinfo, cores, load) and the commit
# (with -dirty when the tree has changes). In-process cases (tools/bench/*.c) sit beside
# whole-process ones (tools/bench/procs.py: first question with the quiz cache warm, cold and
# off; one verify process per file against minisign, in CPU; analyze against verify as whole
# processes). Every figure is a ratio against a baseline measured in the same run, so that a
# noisy machine shifts both sides alike; it does not make a shared machine's figures final.
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
rows+=("| Verify: $results signed results with replay / BLAKE2b + 2 Ed25519 | $(printf '%s' "$out" | median_of 'BLAKE2b + 2 x Ed25519') ms / $(printf '%s' "$out" | median_of 'signpost verify') ms | **$(printf '%s' "$out" | ratio)** (speed) | ≥ 0.6 |")
out=$("$tools/bench_verify" --analyze --runs $runs --quiz quizzes/placement.yaml \
    --key "$data/key.pub" "$data/results$cohort"); say "$out"
rows+=("| Analyze: $cohort signed results / \`verify\` of the same files | $(printf '%s' "$out" | median_of 'signpost verify') ms / $(printf '%s' "$out" | median_of 'signpost analyze') ms | **$(printf '%s' "$out" | ratio)** (speed) | ≥ 0.77 (adds ≤ 30 %) |")
# Whole processes: what a user waits for, start-up and the quiz cache included.
out=$(python3 tools/bench/procs.py whole "$sp" "$data/key.pub" quizzes/placement.yaml \
    "$data/results$cohort"); say "$out"
rows+=("| Analyze, whole process: $cohort results / \`verify\` of the same files | $(printf '%s' "$out" | sed -n 's/^verify, one process *\([0-9.]*\) s wall.*/\1/p') s / $(printf '%s' "$out" | sed -n 's/^analyze, one process *\([0-9.]*\) s wall.*/\1/p') s (wall) | **$(printf '%s' "$out" | sed -n 's/^ratio (analyze \/ verify, wall): //p')** (time; CPU $(printf '%s' "$out" | sed -n 's/^ratio (analyze \/ verify, CPU): //p')) | ≤ 1.15 |")
per=200
[ "$quick" = --quick ] && per=50
if command -v minisign >/dev/null; then
    out=$(python3 tools/bench/procs.py percall "$sp" "$data/key.pub" quizzes/placement.yaml $per "${files[@]}"); say "$out"
    rows+=("| Verify, one process per file: \`signpost verify FILE\` / \`minisign -Vm\` ($per files, CPU) | $(printf '%s' "$out" | sed -n 's/^minisign -Vm *\([0-9.]*\) ms.*/\1/p') ms / $(printf '%s' "$out" | sed -n 's/^signpost verify, cache warm *\([0-9.]*\) ms.*/\1/p') ms | **$(printf '%s' "$out" | sed -n 's/^ratio (signpost verify warm \/ minisign, CPU): //p')** (CPU; $(printf '%s' "$out" | sed -n 's/^ratio (signpost verify --no-cache \/ minisign, CPU): //p') with --no-cache) | ≤ 2 |")
fi
out=$(python3 tools/bench/procs.py start "$sp" quizzes/placement.yaml 9); say "$out"
vms=$(printf '%s' "$out" | median_of 'signpost --version')
rows+=("| Start, cache warm: time to the first question / \`signpost --version\` | $(printf '%s' "$out" | median_of 'first question, cache warm') ms / $vms ms | **$(printf '%s' "$out" | sed -n 's/^ratio (first question warm[^:]*: //p')** (time) | ≤ 3 |")
rows+=("| Start, cache cold (the run fills it) / \`signpost --version\` | $(printf '%s' "$out" | median_of 'first question, cache cold') ms / $vms ms | **$(printf '%s' "$out" | sed -n 's/^ratio (first question cold[^:]*: //p')** (time) | ≤ --no-cache |")
rows+=("| Start, \`--no-cache\` / \`signpost --version\` | $(printf '%s' "$out" | median_of 'first question, --no-cache') ms / $vms ms | **$(printf '%s' "$out" | sed -n 's/^ratio (first question --no-cache[^:]*: //p')** (time) | |")
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

cpu=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo 2>/dev/null | head -n 1)
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
machine="${cpu:-unknown CPU}, $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(uname -sr), $(date -u '+%Y-%m-%d %H:%M UTC'), load average at the end $load"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && commit=$commit-dirty
[ "$quick" = --quick ] && commit="$commit (--quick: smaller inputs)"
table=$data/table.md
{
    echo "<!-- bench:begin -->"
    echo "Measured on: $machine; commit $commit."
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
