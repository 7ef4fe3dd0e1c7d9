# CLI tests of the store of released quiz files (docs/formats.md, "Released versions"): a result
# taken with a version of a quiz that has since changed still verifies, with replay, against the
# files it was taken with, found by digest in the folder released/ beside the quiz folder; the
# store holds every shipped file, tools/release.sh keeps it, and a damaged or hostile store
# file is ignored without hanging. Run by tests/lib.sh in a fresh $T.

TINY_DIR=$SP_SRC/tests/data/tiny
MAKER=$SP_BUILD/signpost
RELEASE=$SP_SRC/tools/release.sh
FIXTURE=$SP_SRC/tests/data/released
PUB=$SP_SRC/tests/sign/data/good/plain.pub

# make_key NAME: an unencrypted key pair NAME.key, NAME.pub.
make_key() {
    "$MAKER" keygen -W -s "$1.key" -p "$1.pub" >/dev/null || fail "keygen"
}

# digest FILE: the BLAKE2b-256 of FILE's bytes, as results record it.
digest() {
    b2sum -l 256 "$1" | cut -d' ' -f1
}

# tiny_take QUIZ OUT SEED: a result of QUIZ (a copy of the tiny quiz), signed with inst.key.
tiny_take() {
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    "$MAKER" take --quiz "$1" --answers answers.yaml --seed "$3" --key inst.key --out "$2" \
        >/dev/null || fail "take $2"
}

# expect_verified FILE VERSION WHERE [ARGS...]: FILE verifies with a full replay against the
# quiz of version VERSION, whose manifest path contains WHERE (verify --strict --json).
expect_verified() {
    local file=$1 version=$2 where=$3
    shift 3
    run "$SIGNPOST" verify --strict --json -p inst.pub "$@" "$file"
    expect_status 0
    printf '%s\n' "$out" >v.json
    python3 - v.json "$version" "$where" <<'PY' || fail "$file is not verified with replay: $out"
import json, sys
d = json.load(open(sys.argv[1]))[0]
assert d["verdict"] == "verified", d["verdict"]
checks = {c["check"]: c["status"] for c in d["checks"]}
assert checks["banks"] == "passed" and checks["replay"] == "passed", checks
w = d["replayed_with"]
assert w["exact"] is True and w["version"] == sys.argv[2], w
assert sys.argv[3] in w["file"], w
PY
}

# ---- A quiz that changes ---------------------------------------------------------------------

# The tiny quiz's manifest gets a new version and another scoring parameter. The old result names
# the old manifest's digest: before the store it could only be "intact, partly replayed". With
# the old manifest's bytes in q/released/ under their digest, it verifies exactly, the new
# manifest's own result too.
test_an_old_result_verifies_after_the_manifest_changes() {
    make_key inst
    cp -r "$TINY_DIR" q
    tiny_take q/quiz.yaml old.signpost 1
    "$MAKER" take --quiz q/quiz.yaml --answers answers.yaml --seed 4 --out unsigned.signpost \
        >/dev/null || fail "take unsigned"
    mkdir q/released
    cp q/quiz.yaml "q/released/$(digest q/quiz.yaml).yaml"
    sed -i 's/^version: 1.0.0/version: 1.1.0/' q/quiz.yaml
    printf 'scoring: {level_pass: 0.5}\n' >>q/quiz.yaml
    run "$MAKER" check --quiz q/quiz.yaml
    expect_status 0
    tiny_take q/quiz.yaml new.signpost 2
    expect_verified old.signpost 1.0.0 "q/released/" --quiz q/quiz.yaml
    expect_verified new.signpost 1.1.0 "q/quiz.yaml" --quiz q/quiz.yaml
    # Both at once, and show and analyze find the old version as verify does.
    run "$SIGNPOST" verify --strict -p inst.pub --quiz q/quiz.yaml old.signpost new.signpost
    expect_status 0
    expect_contains "stdout" "$out" "old.signpost: verified — "
    expect_contains "stdout" "$out" "new.signpost: verified — "
    run "$SIGNPOST" show -p inst.pub --quiz q/quiz.yaml old.signpost
    expect_status 0
    expect_contains "show" "$out" "verified — signed by trusted key"
    mkdir results && cp old.signpost new.signpost results/
    run "$SIGNPOST" analyze -p inst.pub --quiz q/quiz.yaml results
    expect_status 0
    expect_contains "analyze" "$out" "2 files read, 2 results analysed, 0 left out"
    expect_contains "analyze" "$out" "== Quiz tiny 1.0.0: 1 result =="
    expect_contains "analyze" "$out" "== Quiz tiny 1.1.0: 1 result =="
    # sign replays an unsigned result of the old version in full before vouching for it.
    run "$SIGNPOST" sign -s inst.key --quiz q/quiz.yaml unsigned.signpost
    expect_status 0
    expect_eq "sign: stderr" "$err" ""
    expect_verified unsigned.signpost 1.0.0 "q/released/" --quiz q/quiz.yaml
    # Without the store, the old result is what it was before: not verified.
    rm -r q/released
    run "$SIGNPOST" verify --strict -p inst.pub --quiz q/quiz.yaml old.signpost
    expect_status 1
    expect_contains "stdout" "$out" "old.signpost: FAILED — not replayed in full: the manifest of quiz tiny 1.0.0"
}

# A bank changes (a question reworded, a new version) after tools/release.sh kept the released
# files: the old result finds the old bank in the store, the manifest and directions file in the
# quiz folder or the store.
test_an_old_result_verifies_after_a_bank_changes() {
    make_key inst
    cp -r "$TINY_DIR" q
    tiny_take q/quiz.yaml old.signpost 1
    run "$RELEASE" q
    expect_status 0
    expect_contains "release" "$out" "released/$(digest q/banks/t.yaml).yaml"
    sed -i 's/^version: 1.0.0/version: 1.0.1/; s/chasing a network stall/chasing a slow network/' \
        q/banks/t.yaml
    run "$MAKER" check --quiz q/quiz.yaml
    expect_status 0
    tiny_take q/quiz.yaml new.signpost 2
    grep -q '{id: t, version: 1.0.1,' new.signpost || fail "the new result has not the new bank"
    expect_verified old.signpost 1.0.0 "q/released/" --quiz q/quiz.yaml
    expect_verified new.signpost 1.0.0 "q/quiz.yaml" --quiz q/quiz.yaml
    run "$SIGNPOST" verify -v -p inst.pub --quiz q/quiz.yaml old.signpost
    expect_contains "verify -v" "$out" "quiz tiny 1.0.0 (q/released/$(digest "$TINY_DIR/quiz.yaml").yaml): the manifest, the directions file and 1 bank, as the result names them"
}

# ---- A verdict depends on the file alone ----------------------------------------------------

# same_order_verdicts FILE...: verify --json of each FILE alone, then of all of them in several
# orders, with the same keys and quiz; every file must get the same report (verdict, checks,
# quiz) in every run. verdicts.json keeps the reports of the files alone.
same_order_verdicts() {
    local f order
    for f in "$@"; do
        "$SIGNPOST" verify --json -p inst.pub --quiz q/quiz.yaml "$f" >"alone-$f.json"
    done
    # as given, reversed, and the first moved to the end
    for order in "$*" "$(printf '%s\n' "$@" | tac | tr '\n' ' ')" "${*:2} $1"; do
        # shellcheck disable=SC2086 # the order is a list of file names
        "$SIGNPOST" verify --json -p inst.pub --quiz q/quiz.yaml $order >together.json
        python3 - "$order" "$@" <<'PY' || fail "a verdict depends on the other files of the run: $order"
import json, sys
order, files = sys.argv[1], sys.argv[2:]
together = {d["file"]: d for d in json.load(open("together.json"))}
bad = 0
for f in files:
    alone = json.load(open(f"alone-{f}.json"))[0]
    if together[f] != alone:
        print(f"{f} in '{order}': {together[f]}\n  alone: {alone}", file=sys.stderr)
        bad = 1
sys.exit(bad)
PY
    done
}

# A result of a released version (a.signpost) is replayed with a quiz put together from the store
# for it; a result whose manifest is nowhere but whose bank is that released one (b.signpost)
# gets no partial replay from that quiz, and one that gives the released bank's digest another
# version (c.signpost) is no conflict with it: the quiz put together for a belongs to a alone.
# Each file gets the verdict it gets alone, in every order, in verify and in analyze.
test_a_verdict_does_not_depend_on_the_other_files_verified() {
    make_key inst
    cp -r "$TINY_DIR" q
    cp -r "$TINY_DIR" p
    tiny_take q/quiz.yaml a.signpost 1
    sed -i 's/^version: 1.0.0/version: 1.0.5/' p/quiz.yaml
    printf 'scoring: {level_pass: 0.5}\n' >>p/quiz.yaml
    tiny_take p/quiz.yaml b.signpost 2
    "$MAKER" take --quiz p/quiz.yaml --answers answers.yaml --seed 3 --out c.signpost \
        >/dev/null || fail "take c"
    sed -i 's/{id: t, version: 1.0.0,/{id: t, version: 1.0.9,/' c.signpost
    run "$RELEASE" q
    expect_status 0
    sed -i 's/^version: 1.0.0/version: 1.0.1/; s/chasing a network stall/chasing a slow network/' \
        q/banks/t.yaml
    expect_verified a.signpost 1.0.0 "q/released/" --quiz q/quiz.yaml
    run "$SIGNPOST" verify -p inst.pub --quiz q/quiz.yaml b.signpost
    expect_contains "b alone" "$out" "bank 't' version 1.0.0 (digest "
    same_order_verdicts a.signpost b.signpost c.signpost
    # analyze leaves b out for the same reason with a beside it as alone.
    mkdir both one
    cp a.signpost b.signpost both/
    cp b.signpost one/
    run "$SIGNPOST" analyze -p inst.pub --quiz q/quiz.yaml one
    expect_contains "analyze b" "$out" "quiz not available here"
    run "$SIGNPOST" analyze -p inst.pub --quiz q/quiz.yaml both
    expect_contains "analyze a b" "$out" "1 result analysed, 1 left out"
    expect_contains "analyze a b" "$out" "quiz not available here"
    expect_not_contains "analyze a b" "$out" "quiz manifest not available here"
}

# ---- A store that is damaged or hostile ------------------------------------------------------

# A store file whose bytes are not those its name promises (here the new manifest saved under
# the old one's digest) is never used: the old result is not verified, and verify -v says why.
test_a_store_file_that_does_not_match_its_name_is_ignored_and_reported() {
    make_key inst
    cp -r "$TINY_DIR" q
    tiny_take q/quiz.yaml old.signpost 1
    old=$(digest q/quiz.yaml)
    sed -i 's/^version: 1.0.0/version: 1.1.0/' q/quiz.yaml
    mkdir q/released
    sed 's/^version: 1.1.0/version: 1.0.0/; s/^order: grouped/order: random/' q/quiz.yaml \
        >"q/released/$old.yaml"
    run "$SIGNPOST" verify --strict -v -p inst.pub --quiz q/quiz.yaml old.signpost
    expect_status 1
    expect_contains "stdout" "$out" "old.signpost: FAILED — not replayed in full: the manifest of quiz tiny 1.0.0"
    expect_contains "verify -v" "$out" "q/released/$old.yaml: warning: the file's digest is "
    expect_contains "verify -v" "$out" ", not the one its name gives; it is ignored"
    # In Chinese the severity is Chinese too, with its full-width colon.
    run env LC_ALL=C.UTF-8 LANGUAGE=zh_CN "$SIGNPOST" verify --strict -v -p inst.pub \
        --quiz q/quiz.yaml old.signpost
    expect_contains "verify -v, zh" "$out" "q/released/$old.yaml: 警告："
}

# A FIFO (or a folder) under the name of the wanted digest is refused unopened: verify neither
# hangs nor uses it.
test_a_fifo_in_the_store_does_not_hang() {
    make_key inst
    cp -r "$TINY_DIR" q
    tiny_take q/quiz.yaml old.signpost 1
    old=$(digest q/quiz.yaml)
    bank=$(digest q/banks/t.yaml)
    sed -i 's/^version: 1.0.0/version: 1.1.0/' q/quiz.yaml q/banks/t.yaml
    mkdir q/released
    mkfifo "q/released/$old.yaml"
    mkdir "q/released/$bank.yaml"
    run timeout 20 "$SIGNPOST" verify --strict -v -p inst.pub --quiz q/quiz.yaml old.signpost
    expect_status 1
    expect_contains "verify -v" "$out" "q/released/$old.yaml: warning: cannot read the file: it is a pipe (FIFO), not a regular file"
    # The manifest there, the bank a folder: the bank is reported missing, nothing hangs.
    rm "q/released/$old.yaml"
    cp "$TINY_DIR/quiz.yaml" "q/released/$old.yaml"
    run timeout 20 "$SIGNPOST" verify --strict -v -p inst.pub --quiz q/quiz.yaml old.signpost
    expect_status 1
    expect_contains "verify -v" "$out" "q/released/$bank.yaml: warning: cannot read the file: it is a folder"
    expect_contains "verify -v" "$out" "error: 'banks/t.yaml' with digest ${bank:0:12} is neither in the quiz folder nor in its store"
}

# ---- The shipped store -----------------------------------------------------------------------

# Results of today's placement and quick quizzes (tests/data/released/ID-VERSION.signpost),
# signed with a committed test key, verify with a full replay: today, and after every future
# change of the shipped quizzes (the store keeps the files they were taken with).
test_the_committed_results_verify_with_replay() {
    n=0
    for f in "$FIXTURE"/*.signpost; do
        name=$(basename "$f" .signpost)
        run "$SIGNPOST" verify --strict -v -p "$PUB" "$f"
        expect_status 0
        expect_contains "verify" "$out" "$name.signpost: verified — signed by trusted key "
        expect_contains "verify" "$out" "quiz ${name%-*} ${name##*-}"
        expect_contains "verify" "$out" "replay             ok "
        n=$((n + 1))
    done
    [ "$n" -ge 4 ] || fail "only $n committed results"
}

# The same fixture against a copy of the shipped quizzes in which placement.yaml has changed
# again (version 1.1.0, another scoring parameter): the store alone gives its quiz back.
test_the_committed_result_verifies_after_placement_changes() {
    cp -r "$SP_SRC/quizzes" q
    sed -i 's/^version: 1.0.0/version: 1.1.0/; s/^  level_pass: .*/  level_pass: 0.55/' \
        q/placement.yaml
    printf '# a later version\n' >>q/placement.yaml
    SIGNPOST_QUIZ=$T/q/placement.yaml run "$SIGNPOST" verify --strict -v -p "$PUB" \
        "$FIXTURE/placement-1.0.0.signpost"
    expect_status 0
    expect_contains "verify" "$out" "placement-1.0.0.signpost: verified — "
    # the manifest the result records, whichever version the shipped one is now
    recorded=$(sed -n 's/^quiz: {id: placement, version: 1.0.0, digest: \([0-9a-f]\{64\}\)}$/\1/p' \
        "$FIXTURE/placement-1.0.0.signpost")
    expect_contains "verify" "$out" "q/released/$recorded.yaml"
    rm -r q/released
    SIGNPOST_QUIZ=$T/q/placement.yaml run "$SIGNPOST" verify --strict -p "$PUB" \
        "$FIXTURE/placement-1.0.0.signpost"
    expect_status 1
}

# Every file in quizzes/released/ is named by the digest of its bytes, is a signpost file, and
# loads with no error.
test_every_file_in_the_store_is_named_by_its_digest_and_loads() {
    n=0
    for f in "$SP_SRC"/quizzes/released/*; do
        name=$(basename "$f")
        expect_eq "the name of $f" "$name" "$(digest "$f").yaml"
        grep -m1 -v '^\(#.*\|[[:space:]]*\)$' "$f" | grep -qx 'signpost: \(quiz\|bank\|directions\)/1' ||
            fail "$f does not start with a signpost format tag"
        # A released file is history and never changes: rules of item writing added since may
        # find fault with it, but its format must stay clean.
        run "$MAKER" check --format-only "$f"
        expect_status 0
        expect_eq "check $name" "$out" "0 errors, 0 warnings"
        n=$((n + 1))
    done
    [ "$n" -ge 9 ] || fail "only $n files in quizzes/released"
}

# Every manifest, directions file and bank shipped in quizzes/ is in the store: a shipped file
# changed without tools/release.sh fails here.
test_every_shipped_file_is_released() {
    run "$RELEASE" --check "$SP_SRC/quizzes"
    expect_status 0
    expect_eq "release --check" "$out" ""
}

# tools/release.sh adds what is missing, says what it added, and then adds nothing; a stored
# file that does not match its name is replaced; --check names what is missing and exits 1.
test_release_is_idempotent_and_check_names_what_is_missing() {
    cp -r "$SP_SRC/quizzes" q
    rm -rf q/released
    printf 'just: notes\n' >q/notes.yaml
    run "$RELEASE" --check q
    expect_status 1
    expect_contains "release --check" "$out" "not released: q/placement.yaml ($(digest q/placement.yaml))"
    run "$RELEASE" q
    expect_status 0
    expect_contains "release" "$out" "added q/released/$(digest q/placement.yaml).yaml (q/placement.yaml)"
    expect_contains "release" "$out" "added q/released/$(digest q/banks/infra.yaml).yaml (q/banks/infra.yaml)"
    expect_not_contains "release" "$out" "notes"
    expect_eq "files" "$(ls q/released | wc -l)" "9"
    for f in q/released/*; do
        expect_eq "$f" "$(basename "$f")" "$(digest "$f").yaml"
    done
    run "$RELEASE" q
    expect_status 0
    expect_eq "a second run" "$out" ""
    printf 'damaged\n' >>"q/released/$(digest q/quick.yaml).yaml"
    run "$RELEASE" q
    expect_status 0
    expect_contains "release" "$out" "replaced q/released/$(digest q/quick.yaml).yaml"
    cmp q/quick.yaml "q/released/$(digest q/quick.yaml).yaml" || fail "not replaced"
    run "$RELEASE" --check q
    expect_status 0
}
