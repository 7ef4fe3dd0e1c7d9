# CLI tests of `signpost take` in batch mode (docs/batch.md). Run by tests/lib.sh.

quiz() { printf '%s' "$SP_SRC/quizzes/placement.yaml"; }

# Writes an answer file for every item of every bank of the shipped quiz: likert $1, the first
# option of each scenario, the right answer of each knowledge item.
write_answers() {
    "$SP_BUILD/tests/cli/answers_for" "$(quiz)" "$1" >answers.yaml || fail "answers_for failed"
}

test_json_has_the_fixed_fields() {
    write_answers 4
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --seed 12 --json
    expect_status 0
    printf '%s' "$out" | python3 -c '
import json, sys
o = json.load(sys.stdin)
dirs = ["algorithms", "infra", "inference", "data", "agents", "safety"]
assert o["seed"] == 12 and o["quiz"] == "placement", o
assert sorted(o["scores"]) == sorted(dirs), o["scores"]
for d in dirs:
    s = o["scores"][d]
    assert set(s) == {"interest", "aptitude", "fit", "se", "gap_se"}, s
    assert all(v is None or 0 <= v <= 1 for v in s.values()), s
    assert (s["gap_se"] is None) == (d == o["primary"]), s
assert o["ranking"][0] == o["primary"] and sorted(o["ranking"]) == sorted(dirs)
assert isinstance(o["near_tie"], list) and isinstance(o["flat"], bool)
assert isinstance(o["settle"], int) and 0 <= o["settle"] <= 1000, o["settle"]
assert (o["settle"] > 0) <= bool(o["near_tie"]), o
assert o["level"] in ("entry", "advanced", "professional", "expert")
assert o["answered"] == 48 and o["skipped"] == 0
assert o["out"] is None
' || fail "JSON does not have the documented shape: $out"
}

test_the_same_seed_gives_the_same_outcome() {
    write_answers 2
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --seed 99 --json
    first=$out
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --seed 99 --json
    expect_eq "second run" "$out" "$first"
}

test_a_random_seed_is_reported() {
    write_answers 3
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --json
    expect_status 0
    seed=$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["seed"])')
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --json --seed "$seed"
    expect_contains "rerun with the reported seed" "$out" "\"seed\": $seed,"
}

test_out_writes_a_result_body_that_replays() {
    write_answers 5
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --seed 3 --out r.signpost --json
    expect_status 0
    expect_contains "json" "$out" '"out": "r.signpost"'
    [ "$(head -n 1 r.signpost)" = "signpost-result/1" ] || fail "first line is not the tag"
    grep -q '^seed: 3$' r.signpost || fail "seed not recorded"
    grep -q '^answered: 48$' r.signpost || fail "answer count not recorded"
    [ "$(grep -c '^  [a-z]*\.[a-z]*\.[a-z0-9-]*: ' r.signpost)" -eq 48 ] || fail "not 48 answers"
    ls -A | grep -q tmp && fail "a temporary file was left behind"
    true
}

test_missing_answer_is_an_error_naming_the_item() {
    printf 't.like.net: 5\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a]\n' >answers.yaml
    run "$SIGNPOST" take --quiz "$SP_SRC/tests/data/tiny/quiz.yaml" --answers answers.yaml --seed 1
    expect_status 1
    expect_eq "stderr" "$err" "answers.yaml: error: no answer for question 't.like.users' (item 1 of the form); answer it, write skip, or use --missing=skip"
}

test_missing_answers_can_be_skipped() {
    printf 'algorithms.like.see-users: 5\n' >answers.yaml
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --seed 1 --missing=skip --json
    expect_status 0
    expect_contains "json" "$out" '"skipped": '
}

tiny() { printf '%s' "$SP_SRC/tests/data/tiny/quiz.yaml"; }

test_an_answer_that_does_not_fit_is_an_error_at_its_position() {
    printf 't.like.net: 7\nt.like.users: [a]\nt.scene.night: [a, b]\nt.know.allreduce: [a, b]\nt.know.rag: [a, a]\n' >answers.yaml
    run "$SIGNPOST" take --quiz "$(tiny)" --answers answers.yaml --seed 1
    expect_status 1
    expect_eq "stderr" "$err" "answers.yaml:1:13: error: answer to likert question 't.like.net': expected a whole number from 1 to 5, or skip
answers.yaml:2:15: error: answer to likert question 't.like.users': expected a whole number from 1 to 5, or skip
answers.yaml:3:16: error: answer to choice question 't.scene.night': this question takes one option; give a single option id
answers.yaml:4:19: error: answer to knowledge question 't.know.allreduce': this question takes one option; give a single option id
answers.yaml:5:13: error: answer to knowledge question 't.know.rag': option 'a' is given twice"
}

test_a_nested_answer_is_an_error_at_its_position() {
    printf 'x: [a, [b]]\n' >answers.yaml
    run "$SIGNPOST" take --quiz "$(tiny)" --answers answers.yaml --missing=skip --seed 1
    expect_status 1
    expect_eq "stderr" "$err" "answers.yaml:1:8: error: expected an answer (a number 1-5, an option id or skip), found a list"
}

test_several_answers_and_skips_score_as_documented() {
    printf 't.like.net: 5\nt.like.users: skip\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a]\n' >answers.yaml
    run "$SIGNPOST" take --quiz "$(tiny)" --answers answers.yaml --seed 1 --json
    expect_status 0
    # infra: interest (1 + 2 + 1) / (2 + 2) = 1 ... see docs/scoring.md; rag earns 1/2.
    expect_contains "infra" "$out" '"infra": {"interest": 1.000000, "aptitude": 1.000000, "fit": 1.000000, "se": null, "gap_se": null}'
    expect_contains "agents" "$out" '"agents": {"interest": 0.000000, "aptitude": 0.500000, "fit": 0.100000, "se": null, "gap_se": null}'
    expect_contains "counts" "$out" '"answered": 4,
  "skipped": 1,'
}

test_an_unknown_option_is_an_error() {
    write_answers 4
    python3 - <<'PY'
import re
lines = open("answers.yaml").read().splitlines()
out = []
for l in lines:
    if ".scene." in l:
        l = re.sub(r": \S+$", ": q", l)
    out.append(l)
open("answers.yaml", "w").write("\n".join(out) + "\n")
PY
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --seed 1
    expect_status 1
    expect_contains "stderr" "$err" "'q' is not an option; expected one of: a, b, c"
}

test_answered_twice_is_an_error() {
    printf 'x: 1\ny: 2\nx: 3\n' >answers.yaml
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --seed 1 --missing=skip
    expect_status 1
    expect_contains "stderr" "$err" "answers.yaml:3:1: error: question 'x' is answered twice (first at line 1)"
}

test_unreadable_answer_file_is_an_error() {
    run "$SIGNPOST" take --quiz "$(quiz)" --answers nope.yaml --seed 1
    expect_status 3
    expect_contains "stderr" "$err" "nope.yaml: error: cannot read the file: No such file or directory"
}

test_bad_seed_and_language_are_usage_errors() {
    write_answers 4
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --seed -4
    expect_status 2
    expect_contains "stderr" "$err" "--seed takes a whole number"
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --seed 9007199254740992
    expect_status 2
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --lang fr
    expect_status 2
    expect_contains "stderr" "$err" "the quiz has no language 'fr'"
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --missing=maybe
    expect_status 2
}

test_out_into_a_missing_folder_fails_cleanly() {
    write_answers 4
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --seed 1 --out no/such/r.signpost
    expect_status 3
    expect_contains "stderr" "$err" "cannot write no/such/r.signpost"
}

test_a_broken_quiz_is_reported() {
    printf 'signpost: quiz/1\nid: x\n' >q.yaml
    printf 'a: 1\n' >answers.yaml
    run "$SIGNPOST" take --quiz q.yaml --answers answers.yaml
    expect_status 1
    expect_contains "stderr" "$err" "q.yaml:1:1: error: the quiz has no 'version'; it is required"
    expect_contains "stderr" "$err" "cannot load the quiz q.yaml"
}

# Point 4 of issue 16: --out never replaces an existing file without --force, as keygen does
# (a signed result was silently replaced by an unsigned one).
test_out_refuses_an_existing_file_without_force() {
    write_answers 4
    printf 'signed result\n' >r.signpost
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --seed 3 --out r.signpost
    expect_status 3
    expect_contains "stderr" "$err" "r.signpost already exists; use --force to replace it"
    expect_eq "the file" "$(cat r.signpost)" "signed result"
    run "$SIGNPOST" take --quiz "$(quiz)" --answers answers.yaml --seed 3 --out r.signpost --force
    expect_status 0
    expect_contains "the file" "$(cat r.signpost)" "signpost-result/1"
}
