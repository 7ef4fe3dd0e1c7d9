# CLI tests of Open Badges 3.0 credentials: signpost export --badge and verify BADGE.json
# (docs/badges.md). Results are taken with the tiny test quiz, as in results.sh.

TINY=$SP_SRC/tests/data/tiny/quiz.yaml
export SIGNPOST_QUIZ=$TINY

# signed_result FILE: a result of the tiny quiz signed with inst.key (not trusted).
signed_result() {
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --name "Ann Lee" \
        --out "$1" >/dev/null || fail "take"
    [ -f inst.key ] || "$SIGNPOST" keygen -W -s inst.key -p inst.pub >/dev/null || fail "keygen"
    "$SIGNPOST" sign -s inst.key "$1" >/dev/null || fail "sign"
}

test_badge_round_trip_verifies_with_the_trust_of_its_key() {
    cd "$T" && signed_result r.signpost
    run "$SIGNPOST" export --badge r.signpost -s inst.key -o b.json --issuer-name "Example School"
    expect_status 0
    run "$SIGNPOST" verify -p inst.pub b.json
    expect_status 0
    expect_contains "verify" "$out" "proof holds (eddsa-jcs-2022); the result: verified"
    run "$SIGNPOST" verify b.json
    expect_status 6
    run "$SIGNPOST" verify --json -p inst.pub b.json
    expect_status 0
    expect_contains "json" "$out" '"kind": "badge", "accepted": true, "trust": "trusted"'
}

test_export_badge_refuses_an_existing_file_without_force() {
    cd "$T" && signed_result r.signpost
    echo keep >b.json
    run "$SIGNPOST" export --badge r.signpost -s inst.key -o b.json
    expect_status 3
    expect_contains "stderr" "$err" "b.json already exists; use --force to replace it"
    [ "$(cat b.json)" = keep ] || fail "b.json was changed"
    run "$SIGNPOST" export --badge r.signpost -s inst.key -o b.json --force
    expect_status 0
}

test_export_badge_refuses_a_result_that_does_not_verify() {
    cd "$T" && signed_result r.signpost
    sed -i 's/Ann Lee/Bob Lee/' r.signpost
    run "$SIGNPOST" export --badge r.signpost -s inst.key -o b.json
    expect_status 1
    expect_contains "stderr" "$err" "r.signpost does not verify"
    [ ! -e b.json ] || fail "a badge was written for a tampered result"
}

test_export_badge_refuses_another_key() {
    cd "$T" && signed_result r.signpost
    "$SIGNPOST" keygen -W -s other.key -p other.pub >/dev/null || fail "keygen"
    run "$SIGNPOST" export --badge r.signpost -s other.key -o b.json
    expect_status 1
    expect_contains "stderr" "$err" "not by the key given with -s"
    [ ! -e b.json ] || fail "a badge was written"
}

# Every single change of the credential fails: each value replaced, each member removed.
test_every_single_field_change_of_a_badge_fails() {
    cd "$T" && signed_result r.signpost
    "$SIGNPOST" export --badge r.signpost -s inst.key -o b.json >/dev/null || fail "export"
    python3 "$SP_SRC/tests/cli/badge_mutate.py" b.json mut || fail "mutate"
    n=0
    for f in mut/*.json; do
        "$SIGNPOST" verify -p inst.pub "$f" >/dev/null 2>&1
        st=$?
        [ "$st" -eq 1 ] || fail "$f (changed: $(head -c 200 "$f.what")) exits $st, not 1"
        n=$((n + 1))
    done
    [ "$n" -gt 50 ] || fail "only $n changes were tried"
}

# Forged and malformed badges (tests/data/badge/bad/, made by make-bad.mjs) fail with the message
# each .expect file holds.
test_forged_badges_fail_with_the_expected_message() {
    for f in "$SP_SRC"/tests/data/badge/bad/*.json; do
        run "$SIGNPOST" verify -p "$SP_SRC/tests/data/badge/key.pub" "$f"
        expect_status 1
        expect_contains "$(basename "$f")" "$out" "$(cat "${f%.json}.expect")"
    done
}

# Hostile badges: bounded size and depth, each refused with a message, never a crash.
test_a_badge_larger_than_any_badge_is_refused_unread() {
    cd "$T" && python3 -c 'import sys; sys.stdout.write("{\"a\": \"" + "x" * 22500000 + "\"}\n")' >big.json
    run "$SIGNPOST" verify big.json
    expect_status 3
    expect_contains "stderr" "$err" "cannot read big.json: larger than any badge"
    run "$SIGNPOST" verify --json big.json
    expect_status 3
    expect_contains "json" "$out" '"verdict": "too-large"'
}

test_a_deeply_nested_badge_fails_with_a_message() {
    cd "$T"
    python3 - "$SP_SRC/tests/data/badge/good.json" <<'PY' || fail "python"
import json, sys
d = json.load(open(sys.argv[1]))
v = []
for _ in range(200):
    v = [v]
d["credentialSubject"]["deep"] = v
json.dump(d, open("deep.json", "w"))
open("deeper.json", "w").write('{"a": ' + "[" * 100000 + "]" * 100000 + "}")
PY
    run "$SIGNPOST" verify -p "$SP_SRC/tests/data/badge/key.pub" deep.json
    expect_status 1
    expect_contains "verify" "$out" "deep.json: badge FAILED — the credential is nested deeper than 64 levels"
    run "$SIGNPOST" verify deeper.json
    expect_status 1
    expect_contains "verify" "$out" "deeper.json:1:"
    expect_contains "verify" "$out" "maximum parsing depth reached"
}

test_export_badge_refuses_a_bad_issuer_before_any_work() {
    cd "$T" && signed_result r.signpost
    run "$SIGNPOST" export --badge r.signpost -s inst.key --issuer-url "https://a b.example"
    expect_status 2
    expect_contains "stderr" "$err" "--issuer-url must be an http:// or https:// URL"
    run "$SIGNPOST" export --badge r.signpost -s inst.key --issuer-name " School"
    expect_status 2
    expect_contains "stderr" "$err" "--issuer-name must be one line of printable text"
    [ ! -e r.signpost.badge.json ] || fail "a badge was written"
}
