#!/usr/bin/env bash
# The web tests (tests/web/README.md), run by ctest with $SIGNPOST, $GEN_RESULTS, $NODE,
# $CHROMIUM, $SP_SRC and $SP_BUILD set:
#
#   run.sh verifier_page_agrees_with_verify   the page and `signpost verify --json` agree on
#                                             every file of the corpus, with no network request
#   run.sh harness_catches_a_lying_page       compare.mjs passes a stub page that answers as
#                                             verify does, and fails one that lies about some
#                                             files and reaches for the network
#
# The corpus and the report stay in $SP_BUILD/web-test/CASE/ to look at after a failure.
set -u
case_name=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$SP_BUILD/web-test/$case_name
rm -rf "$work"
mkdir -p "$work"
export CHROMIUM
node=${NODE:-node}

"$node" "$here/make-corpus.mjs" --signpost "$SIGNPOST" --gen-results "$GEN_RESULTS" --src "$SP_SRC" \
    "$work/corpus" >"$work/corpus.log" 2>&1 || {
    cat "$work/corpus.log"
    echo "FAIL: the corpus could not be made"
    exit 1
}
head -n 1 "$work/corpus.log"

compare() {
    "$node" "$here/compare.mjs" --signpost "$SIGNPOST" --corpus "$work/corpus" --web "$SP_SRC/web" "$@"
}

case $case_name in
verifier_page_agrees_with_verify)
    compare --out "$work/out" --screenshots "$work/screenshots"
    ;;
harness_catches_a_lying_page)
    compare --out "$work/honest" --stub honest >"$work/honest.log" 2>&1
    status=$?
    [ $status -eq 0 ] || {
        cat "$work/honest.log"
        echo "FAIL: the harness rejects a page that answers as verify does (status $status)"
        exit 1
    }
    compare --out "$work/leaky" --stub leaky --show 3 >"$work/leaky.log" 2>&1
    status=$?
    cat "$work/leaky.log"
    [ $status -eq 1 ] || {
        echo "FAIL: the harness exits $status for a lying, leaky page; expected 1"
        exit 1
    }
    for want in 'differs in verdict' 'https://example.invalid/leak' 'http://example.invalid/pixel.png' \
        'FAIL: the page and signpost verify do not agree'; do
        grep -qF -- "$want" "$work/leaky.log" || {
            echo "FAIL: the harness did not report: $want"
            exit 1
        }
    done
    echo "PASS: the harness passes an honest page and catches a lying, leaky one"
    ;;
*)
    echo "run.sh: unknown case $case_name" >&2
    exit 2
    ;;
esac
