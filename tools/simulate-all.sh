#!/usr/bin/env bash
# Reruns every simulation figure quoted in docs/scoring.md, into docs/simulation/:
#   bash tools/simulate-all.sh [BUILD_DIR]
# The simulation is deterministic: the same seed and quizzes give the same figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
[ -d "$build" ] || cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target simulate >/dev/null
sim=$build/tools/simulate
out=$root/docs/simulation
mkdir -p "$out"
takers=6000
for quiz in placement quick; do
    q=$root/quizzes/$quiz.yaml
    for model in linear ideal graded acquiescent; do
        "$sim" --quiz "$q" --takers $takers --model "$model" \
            --csv "$out/$quiz-$model.csv" >"$out/$quiz-$model.txt"
    done
    "$sim" --quiz "$q" --takers $takers --sweep --svg "$out/$quiz-length.svg" \
        --csv "$out/$quiz-length.csv" >"$out/$quiz-length.txt"
    for link in 0 1.5 3; do
        "$sim" --quiz "$q" --takers $takers --ability-link "$link" \
            --weights 0.5,0.6,0.7,0.8,0.9,1.0 >"$out/$quiz-weights-link$link.txt"
    done
    for model in ideal graded; do
        "$sim" --quiz "$q" --takers $takers --model "$model" \
            --weights 0.5,0.6,0.7,0.8,0.9,1.0 >"$out/$quiz-weights-$model.txt"
    done
    # Many flat takers, so that the flat threshold is measured on enough of them.
    "$sim" --quiz "$q" --takers 12000 --flat-share 0.2 --calibrate >"$out/$quiz-calibrate.txt"
    # Near ties across two forms: takers with one peak and with two equal peaks, every
    # confidence of the table, at three noise levels (scoring.md, section 10).
    for noise in mixed low high; do
        "$sim" --quiz "$q" --takers $takers --noise "$noise" --ties --margins 0,0.05 \
            --confidences 0,0.6,0.7,0.75,0.8,0.85,0.9,0.95,0.975,0.99 >"$out/$quiz-ties-$noise.txt"
    done
done
# Adaptive quizzes (scoring.md, section 11), at the default and a harder noise level: the rule
# against the full placement form with half the takers two-peaked (--clear: and one-peak takers
# with a clear lead); one-peak takers only, for the comparison at about 24 items with the fixed
# quick quiz; choosing from every item of the banks; and the quick quiz itself.
q=$root/quizzes/placement.yaml
for noise in mixed high; do
    {
        "$sim" --quiz "$q" --takers $takers --noise "$noise" --adaptive --twin-share 0.5 --clear
        echo
        "$sim" --quiz "$q" --takers $takers --noise "$noise" --adaptive
        echo
        "$sim" --quiz "$q" --takers $takers --noise "$noise" --adaptive --whole-banks --twin-share 0.5
        echo
        "$sim" --quiz "$root/quizzes/quick.yaml" --takers $takers --noise "$noise" | head -4
    } >"$out/placement-adaptive-$noise.txt"
    # The same rule with a stricter near tie and stopping confidence: what naming two-peaked
    # disagreements costs one-peak takers with a clear lead when the pool is the form.
    for conf in 0.95 0.975 0.99; do
        echo "== near_tie_confidence and stopping confidence $conf"
        "$sim" --quiz "$q" --takers $takers --noise "$noise" --adaptive --twin-share 0.5 --clear \
            --tie-confidence "$conf" --confidence "$conf"
        echo
    done >"$out/placement-adaptive-confidence-$noise.txt"
done
echo "simulation figures written to $out"
