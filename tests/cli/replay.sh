# CLI tests of what replay may claim (docs/result-format.md, section 4), and the attacks of the
# security review that steered it: a result taken with an edited copy of a manifest, a result
# that misnames the quiz its digest belongs to, two keys that share a key id, an edited
# untrusted comment, copies of one result in analyze. Run by tests/lib.sh in a fresh $T.

TINY=$SP_SRC/tests/data/tiny/quiz.yaml
QUICK=$SP_SRC/quizzes/quick.yaml
MAKER=$SP_BUILD/signpost

# make_key NAME: an unencrypted key pair NAME.key, NAME.pub; sets $KEYID.
make_key() {
    "$MAKER" keygen -W -s "$1.key" -p "$1.pub" >keygen.out || fail "keygen"
    KEYID=$(sed -n 's/^Key id: //p' keygen.out)
}

# forge_sign KEY FILE: signs FILE as a key holder could, where no quiz is installed for sign to
# replay it with (sign refuses a result that does not replay where it can).
forge_sign() {
    SIGNPOST_QUIZ="$T/nowhere/quiz.yaml" "$MAKER" sign -s "$1" "$2" >/dev/null 2>&1 || fail "sign $2"
}

# tiny_result FILE SEED [NAME]: an unsigned result of the tiny quiz.
tiny_result() {
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    "$MAKER" take --quiz "$TINY" --answers answers.yaml --seed "$2" --name "${3:-Ann Lee}" \
        --out "$1" >/dev/null || fail "take"
}

# The attack: a key holder copies the shipped quizzes, edits the quick quiz's scoring (interest
# no longer counts; a sliver of knowledge passes every level), takes it, and signs. The result
# names the edited manifest's digest, which the verifier does not have; its banks are the real
# ones. Before the fix this said "verified — ... the scores follow from the 24 answers", exit 0,
# even with --strict.
test_a_result_of_an_edited_manifest_is_not_called_verified() {
    make_key inst
    cp -r "$SP_SRC/quizzes" q
    sed -i 's/^  interest_weight: .*/  interest_weight: 0.0/; s/^  level_pass: .*/  level_pass: 0.01/' q/quick.yaml
    cmp -s q/quick.yaml "$QUICK" && fail "the copy was not edited"
    "$SP_BUILD/tests/cli/answers_for" q/quick.yaml 3 >answers.yaml || fail "answers_for"
    "$MAKER" take --quiz q/quick.yaml --answers answers.yaml --seed 5 --key inst.key \
        --out r.signpost >/dev/null || fail "take"
    run "$SIGNPOST" verify -p inst.pub r.signpost
    expect_status 0
    expect_not_contains "stdout" "$out" "verified"
    expect_contains "stdout" "$out" "r.signpost: intact — signed by trusted key $KEYID (given as inst.pub); quiz quick 1.2.0, top direction "
    expect_contains "stdout" "$out" "; the scores were only partly re-derived: the manifest of quiz quick 1.2.0 (digest "
    expect_contains "stdout" "$out" "is not available here, so the answers were re-scored with the scoring parameters the result records, and neither those nor the questions asked could be checked"
    run "$SIGNPOST" verify --strict -p inst.pub r.signpost
    expect_status 1
    expect_contains "stdout" "$out" "r.signpost: FAILED — not replayed in full: the manifest of quiz quick 1.2.0"
    run "$SIGNPOST" verify --json -p inst.pub r.signpost
    printf '%s\n' "$out" >r.json
    python3 - r.json <<'PY' || fail "JSON: $out"
import json, sys
d = json.load(open(sys.argv[1]))[0]
assert d["verdict"] == "partly-replayed", d["verdict"]
assert d["verified"] is False and d["accepted"] is True
assert d["replayed_with"]["quiz"] == "quick" and d["replayed_with"]["exact"] is False
checks = {c["check"]: c["status"] for c in d["checks"]}
assert checks["banks"] == "warning" and checks["replay"] == "warning", checks
PY
    # The verifier who is handed the edited manifest and uses it gets an exact replay, naming it.
    run "$SIGNPOST" verify --strict -v -p inst.pub --quiz q/quick.yaml r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "r.signpost: verified — "
    expect_contains "stdout" "$out" "quiz quick 1.2.0 (q/quick.yaml): the manifest, the directions file and 6 banks, as the result names them"
}

# The result names quiz quick 1.0.0 but records the digest of another manifest (here the tiny
# quiz's): the file here with that digest says who it really is. Before the fix this verified.
test_a_result_that_misnames_its_quiz_fails_even_without_strict() {
    make_key inst
    tiny_result r.signpost 1
    sed -i 's/^quiz: {id: tiny, version: 1.0.0,/quiz: {id: quick, version: 1.0.0,/' r.signpost
    grep -q '^quiz: {id: quick' r.signpost || fail "not edited"
    cp r.signpost unsigned
    run "$SIGNPOST" sign -s inst.key --quiz "$TINY" r.signpost
    expect_status 1
    expect_eq "stderr" "$err" "signpost: refusing to sign r.signpost: it does not replay: the result names the quiz quick 1.0.0, but the file with its digest ($TINY) is the quiz tiny 1.0.0"
    cmp -s r.signpost unsigned || fail "the refused file was changed"
    forge_sign inst.key r.signpost
    run "$SIGNPOST" verify -p inst.pub --quiz "$TINY" r.signpost
    expect_status 1
    expect_eq "stdout" "$out" "r.signpost: FAILED — the result misnames what it was taken with: the result names the quiz quick 1.0.0, but the file with its digest ($TINY) is the quiz tiny 1.0.0"
    # A bank under another version than its digest's, likewise.
    tiny_result s.signpost 1
    sed -i 's/^  - {id: t, version: 1.0.0,/  - {id: t, version: 1.2.0,/' s.signpost
    forge_sign inst.key s.signpost
    run "$SIGNPOST" verify -p inst.pub --quiz "$TINY" s.signpost
    expect_status 1
    expect_contains "stdout" "$out" "FAILED — the result misnames what it was taken with: the result names the bank t 1.2.0, but the file with its digest ("
}

# One forged file must not push genuine results out of analyze: it once made "1 results
# analysed, 4 left out — another quiz under the same id and version". Results are grouped by the
# quiz they were verified against; a misnamed result is left out for what it is.
test_analyze_keeps_genuine_results_beside_a_misnamed_one() {
    make_key inst
    mkdir results
    for i in 1 2 3 4; do
        tiny_result "results/r$i.signpost" "$i" "Taker $i"
        "$MAKER" sign -s inst.key "results/r$i.signpost" >/dev/null || fail "sign $i"
    done
    # "a" sorts first: read before any genuine result. One signed, one unsigned.
    tiny_result results/a1.signpost 9
    sed -i 's/^quiz: {id: tiny, version: 1.0.0,/quiz: {id: other, version: 1.0.0,/' results/a1.signpost
    cp results/a1.signpost results/a0.signpost
    forge_sign inst.key results/a1.signpost
    run "$SIGNPOST" analyze -p inst.pub --quiz "$TINY" --include-unverified results
    expect_status 0
    expect_contains "report" "$out" "6 files read, 4 results analysed, 2 left out"
    expect_contains "report" "$out" "== Quiz tiny 1.0.0: 4 results =="
    expect_contains "report" "$out" "misnames its quiz"
    expect_not_contains "report" "$out" "NOT VERIFIED"
}

# Two quizzes with one id and version but different content are two sections, told apart by
# their manifests' digests; neither displaces the other.
test_analyze_tells_apart_two_quizzes_with_one_id_and_version() {
    make_key inst
    mkdir results
    cp -r "$SP_SRC/tests/data/tiny" tiny2
    printf '# the same id and version, other bytes\n' >>tiny2/quiz.yaml
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    for i in 1 2; do
        "$MAKER" take --quiz tiny2/quiz.yaml --answers answers.yaml --seed "$i" --key inst.key \
            --out "results/a$i.signpost" >/dev/null || fail "take"
    done
    for i in 1 2 3; do
        "$MAKER" take --quiz "$TINY" --answers answers.yaml --seed "$i" --key inst.key \
            --out "results/b$i.signpost" >/dev/null || fail "take"
    done
    run "$SIGNPOST" analyze -p inst.pub --quiz "$TINY" --quiz tiny2/quiz.yaml results
    expect_status 0
    expect_contains "report" "$out" "5 files read, 5 results analysed, 0 left out"
    expect_contains "report" "$out" "== Quiz tiny 1.0.0 (manifest $(b2sum -l 256 tiny2/quiz.yaml | cut -c1-12)): 2 results =="
    expect_contains "report" "$out" "== Quiz tiny 1.0.0 (manifest $(b2sum -l 256 "$TINY" | cut -c1-12)): 3 results =="
}

# Copies and links of one signed result count once: a cohort cannot be inflated by copying.
test_analyze_counts_copies_and_links_of_a_result_once() {
    make_key inst
    mkdir results
    tiny_result results/r.signpost 1
    "$MAKER" sign -s inst.key results/r.signpost >/dev/null || fail "sign"
    cp results/r.signpost results/copy.signpost
    ln -s r.signpost results/link.signpost
    tiny_result results/s.signpost 2 "Someone else"
    "$MAKER" sign -s inst.key results/s.signpost >/dev/null || fail "sign"
    run "$SIGNPOST" analyze -p inst.pub --quiz "$TINY" results results/r.signpost
    expect_status 0
    expect_contains "report" "$out" "5 files read, 2 results analysed, 3 left out"
    expect_contains "report" "$out" "copies of a result counted once"
    # An unverified copy read first is counted as verified once the signed one is met.
    make_key other
    mkdir more
    tiny_result more/b.signpost 3 "Bea"
    cp more/b.signpost more/a.signpost
    "$MAKER" sign -s inst.key more/b.signpost >/dev/null || fail "sign"
    run "$SIGNPOST" analyze -p inst.pub --quiz "$TINY" --include-unverified more
    expect_status 0
    expect_contains "report" "$out" "2 files read, 1 result analysed, 1 left out"
    expect_not_contains "report" "$out" "NOT VERIFIED"
}

# Key ids are 8 bytes that anyone can put in a key of their own. With two given keys of one id,
# both are tried: a genuine file signed by the second one verifies (it was "altered after
# signing" before the fix), and an altered file says both things that may have happened.
test_every_key_with_the_signers_id_is_tried() {
    make_key twin
    make_key inst
    python3 - inst.pub twin.pub <<'PY' || fail "could not forge the twin key"
import base64, sys
inst = base64.b64decode(open(sys.argv[1]).read().splitlines()[1])
lines = open(sys.argv[2]).read().splitlines()
twin = base64.b64decode(lines[1])
lines[1] = base64.b64encode(twin[:2] + inst[2:10] + twin[10:]).decode()
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
PY
    tiny_result r.signpost 1
    "$MAKER" sign -s inst.key r.signpost >/dev/null || fail "sign"
    run "$SIGNPOST" verify -p twin.pub -p inst.pub --quiz "$TINY" r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "r.signpost: verified — signed by trusted key $KEYID (given as inst.pub)"
    sed -i 's/^  t.like.net: 5/  t.like.net: 4/' r.signpost
    run "$SIGNPOST" verify -p twin.pub -p inst.pub --quiz "$TINY" r.signpost
    expect_status 1
    expect_eq "stdout" "$out" "r.signpost: FAILED — the signature holds under none of the 2 keys with id $KEYID: either the content was altered after signing, or another key with that id signed it"
}

# The untrusted comment is outside every signature, by minisign's design. An edited one is
# still accepted, but never silently.
test_an_edited_untrusted_comment_is_named_as_not_covered() {
    make_key inst
    tiny_result r.signpost 1
    "$MAKER" sign -s inst.key r.signpost >/dev/null || fail "sign"
    sed -i '1s/.*/untrusted comment: APPROVED by the dean/' r.signpost
    run "$SIGNPOST" verify -p inst.pub --quiz "$TINY" r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "r.signpost: verified — "
    expect_contains "stdout" "$out" '  untrusted comment: "APPROVED by the dean" — not covered by any signature: anyone could have written it, so it says nothing about the result'
    run "$SIGNPOST" verify -v -p inst.pub --quiz "$TINY" r.signpost
    expect_contains "stdout" "$out" '    untrusted comment: "APPROVED by the dean" — not covered by any signature'
    run "$SIGNPOST" verify --json -p inst.pub --quiz "$TINY" r.signpost
    expect_contains "stdout" "$out" '"untrusted_comment": "APPROVED by the dean"'
}

# Nothing answered measures nothing: no direction and no level (it named a top direction at a fit
# of 0.000 and "Level: entry" before the fix).
test_a_quiz_with_every_item_skipped_recommends_nothing() {
    "$SP_BUILD/tests/cli/answers_for" "$QUICK" 3 | sed 's/: .*/: skip/' >answers.yaml
    run "$SIGNPOST" take --quiz "$QUICK" --answers answers.yaml --seed 1 --json
    expect_status 0
    printf '%s\n' "$out" >r.json
    python3 - r.json <<'PY' || fail "JSON: $out"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["primary"] is None, d["primary"]
assert d["level"] is None, d["level"]
assert d["ranking"] == [], d["ranking"]
assert all(s["fit"] is None for s in d["scores"].values()), d["scores"]
PY
    run "$SIGNPOST" take --quiz "$QUICK" --answers answers.yaml --seed 1 --out r.signpost
    expect_status 0
    run "$SIGNPOST" verify --quiz "$QUICK" -v r.signpost
    expect_contains "stdout" "$out" "replay"
    run "$SIGNPOST" show r.signpost
    expect_contains "stdout" "$out" "Nothing could be measured: no question was answered."
    expect_contains "stdout" "$out" "Level: not measured (no question was answered)"
    expect_not_contains "stdout" "$out" "What to learn next"
    expect_not_contains "stdout" "$out" "Level: entry"
}
