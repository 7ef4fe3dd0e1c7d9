# CLI tests of `signpost verifier` (docs/verifier.md): the page is the template with the page
# data in place of its marker, and the data hold the keys given and every quiz file verify
# could replay with; nothing is written on any error. And of what verify --json says it
# replayed ("replayed"), against which the page is compared. Run by tests/lib.sh in a fresh $T.

TINY=$SP_SRC/tests/data/tiny/quiz.yaml
MARKER='/*@SIGNPOST-PAGE-DATA@*/'

# make_key NAME: an unencrypted key pair NAME.key, NAME.pub; sets $KEYID and $PUBKEY.
make_key() {
    "$SIGNPOST" keygen -W -s "$1.key" -p "$1.pub" >keygen.out || fail "keygen"
    KEYID=$(sed -n 's/^Key id: //p' keygen.out)
    PUBKEY=$(sed -n 2p "$1.pub")
}

# A template as small as the real one is in what matters: the marker once, inside its element.
make_template() {
    printf '<!DOCTYPE html>\n<p>before</p>\n<script id="signpost-data" type="application/json">%s</script>\n<p>after</p>\n' \
        "$MARKER" >template.html
    export SIGNPOST_VERIFIER_TEMPLATE=$T/template.html
}

# page_data PAGE: the page data of PAGE into data.json, after checking that the rest of the
# page is the template's, byte for byte.
page_data() {
    python3 - "$1" template.html <<'PY' || fail "the page is not the template with the data"
import sys
page, tpl = open(sys.argv[1], encoding="utf-8").read(), open(sys.argv[2], encoding="utf-8").read()
before, after = tpl.split("/*@SIGNPOST-PAGE-DATA@*/")
assert page.startswith(before) and page.endswith(after), "the template around the data changed"
open("data.json", "w", encoding="utf-8").write(page[len(before):len(page) - len(after)])
PY
}

# expect_nothing_written: no page, and no temporary file left beside it.
expect_nothing_written() {
    [ ! -e page.html ] || fail "page.html was written"
    leftover=$(find . -maxdepth 1 -name 'page.html*')
    [ -z "$leftover" ] || fail "left behind: $leftover"
}

# digest FILE: the BLAKE2b-256 of FILE's bytes, as results record it.
digest() {
    b2sum -l 256 "$1" | cut -d' ' -f1
}

test_the_page_holds_the_keys_and_every_quiz_verify_could_replay_with() {
    make_template
    make_key a
    A_ID=$KEYID
    make_key b
    B_ID=$KEYID
    B_KEY=$PUBKEY
    run "$SIGNPOST" verifier -p a.pub -P "$B_KEY" -o page.html
    expect_status 0
    expect_eq "stdout" "$out" "Wrote page.html: a verifier page that trusts 2 keys."
    page_data page.html
    grep -q '<' data.json && fail "a raw < in the page data"
    Q=$SP_SRC/quizzes
    python3 - data.json "$A_ID" "$B_ID" "$B_KEY" "$(digest "$Q/placement.yaml")" \
        "$(digest "$Q/quick.yaml")" "$(digest "$Q/directions.yaml")" \
        "$(digest "$Q/banks/agents.yaml")" <<'PY' || fail "page data: $(head -c 600 data.json)"
import json, os, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
a_id, b_id, b_key, placement, quick, directions, agents = sys.argv[2:]
assert d["format"] == "signpost-verifier/1", d["format"]
assert d["engine"].startswith("signpost "), d["engine"]
keys = [(k["id"], k["name"]) for k in d["keys"]]
assert keys == [(a_id, "a.pub"), (b_id, "-P")], keys
assert d["keys"][1]["key"] == b_key
man = {m["digest"]: m for m in d["manifests"]}
assert man[placement]["id"] == "placement" and man[placement]["loaded"] is True
assert man[quick]["id"] == "quick" and man[quick]["loaded"] is True
assert man[placement]["directions"] == directions
assert agents in [b["digest"] for b in man[quick]["banks"]]
# Every released version in the store, each once, by digest.
store = os.path.join(os.environ["SP_SRC"], "quizzes", "released")
stored = {f[:-5] for f in os.listdir(store) if f.endswith(".yaml")}
files = set(man) | {x["digest"] for x in d["directions"]} | {x["digest"] for x in d["banks"]}
assert stored <= files, stored - files
for kind in ("manifests", "directions", "banks"):
    digests = [x["digest"] for x in d[kind]]
    assert len(digests) == len(set(digests)), kind + " twice"
versions = {(m["id"], m["version"]) for m in d["manifests"]}
for v in ("1.0.0", "1.1.0", "1.2.0"):
    assert ("placement", v) in versions and ("quick", v) in versions, versions
old = [m for m in d["manifests"] if m["version"] == "1.0.0"][0]
assert old["loaded"] is False and old["directions"] is None and old["stores"] == [0], old
# A question as the contract writes it.
q = [q for b in d["banks"] for q in b["questions"] if q["kind"] == "knowledge"][0]
assert set(q) >= {"id", "kind", "level", "text", "keys", "options", "answer", "explain", "topic"}
assert 1 <= q["level"] <= 4 and q["answer"] and "en" in q["text"] and "zh" in q["text"], q
assert set(man[quick]["scoring"]) == {"interest_weight", "near_tie", "flat", "level_pass",
                                      "near_tie_confidence"}
PY
}

test_a_quiz_given_with_quiz_is_on_the_page_and_its_texts_cannot_end_the_script() {
    make_template
    cp -r "$SP_SRC/tests/data/tiny" q
    sed -i 's|^title: .*|title: {en: "Tiny </script><!-- \&amp; quiz", zh: 小测验}|' q/quiz.yaml
    run "$SIGNPOST" verifier --quiz q/quiz.yaml -o page.html
    expect_status 0
    expect_contains "stderr" "$err" "no key given with -p or -P, so the page trusts no signer"
    page_data page.html
    grep -q '<' data.json && fail "a raw < in the page data"
    grep -qF '\u003c\/script' data.json || fail "the < is not written \\u003c"
    python3 - data.json "$(digest q/quiz.yaml)" <<'PY' || fail "page data: $(head -c 600 data.json)"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
tiny = [m for m in d["manifests"] if m["digest"] == sys.argv[2]]
assert tiny and tiny[0]["loaded"] is True, [m["id"] for m in d["manifests"]]
assert tiny[0]["title"] == {"en": "Tiny </script><!-- &amp; quiz", "zh": "小测验"}, tiny[0]["title"]
assert d["manifests"][0]["digest"] == sys.argv[2], "the --quiz manifest comes first, as verify tries it"
assert d["keys"] == []
PY
}

test_a_quiz_text_holding_the_data_marker_or_a_comment_end_cannot_make_the_page_the_template() {
    make_template
    cp -r "$SP_SRC/tests/data/tiny" q
    sed -i 's|^title: .*|title: {en: "Tiny /*@SIGNPOST-PAGE-DATA@*/ and */ quiz", zh: 小测验}|' q/quiz.yaml
    run "$SIGNPOST" verifier --quiz q/quiz.yaml -o page.html
    expect_status 0
    page_data page.html
    grep -qF "$MARKER" data.json && fail "the page data holds the marker"
    grep -qF '*/' data.json && fail "the page data holds */"
    grep -qP '(?<!\\)/' data.json && fail "a / not written \\/ in the page data"
    python3 - data.json <<'PY' || fail "page data: $(head -c 600 data.json)"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["manifests"][0]["title"]["en"] == "Tiny /*@SIGNPOST-PAGE-DATA@*/ and */ quiz", d["manifests"][0]["title"]
PY
}

test_a_manifest_on_the_page_has_its_file_name_for_the_check_details() {
    make_template
    run "$SIGNPOST" verifier --quiz "$TINY" -o page.html
    expect_status 0
    page_data page.html
    python3 - data.json "$(digest "$TINY")" <<'PY' || fail "page data: $(head -c 600 data.json)"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
tiny = [m for m in d["manifests"] if m["digest"] == sys.argv[2]][0]
assert tiny["file"] == "quiz.yaml", tiny.get("file")
assert all("/" not in m["file"] for m in d["manifests"]), [m["file"] for m in d["manifests"]]
PY
}

test_an_existing_page_is_replaced_only_with_force() {
    make_template
    echo old >page.html
    run "$SIGNPOST" verifier -o page.html
    expect_status 3
    expect_eq "stderr" "$err" "signpost: page.html already exists; use --force to replace it"
    expect_eq "page.html" "$(cat page.html)" "old"
    run "$SIGNPOST" verifier -o page.html --force
    expect_status 0
    page_data page.html
}

test_a_template_without_the_marker_or_with_two_is_refused() {
    make_template
    echo '<p>no marker</p>' >template.html
    run "$SIGNPOST" verifier -o page.html
    expect_status 1
    expect_eq "stderr" "$err" "signpost: $T/template.html is not a verifier page template: it must hold $MARKER exactly once, and holds it 0 times"
    expect_nothing_written
    printf '<script>%s</script><script>%s</script>\n' "$MARKER" "$MARKER" >template.html
    run "$SIGNPOST" verifier -o page.html
    expect_status 1
    expect_contains "stderr" "$err" "and holds it 2 times"
    expect_nothing_written
}

test_without_a_template_it_says_how_the_page_is_built() {
    run env SIGNPOST_VERIFIER_TEMPLATE="$T/none.html" "$SIGNPOST" verifier -o page.html
    expect_status 3
    expect_eq "stderr" "$err" "signpost: no verifier page template found (looked for $T/none.html): the template is built with the program when node is installed (run \`npm ci\` in web/, then cmake and build again), or name one with SIGNPOST_VERIFIER_TEMPLATE"
    expect_nothing_written
}

test_bad_keys_bad_quizzes_and_bad_usage_write_nothing() {
    make_template
    run "$SIGNPOST" verifier -P RWnotakey -o page.html
    expect_status 2
    expect_contains "stderr" "$err" "-P takes a public key in base64"
    expect_nothing_written
    run "$SIGNPOST" verifier -p missing.pub -o page.html
    expect_status 3
    expect_nothing_written
    echo 'signpost: quiz/1' >bad.yaml
    run "$SIGNPOST" verifier --quiz bad.yaml -o page.html
    expect_status 1
    expect_nothing_written
    run "$SIGNPOST" verifier
    expect_status 2
    expect_contains "stderr" "$err" "name the page to write with -o FILE"
    run "$SIGNPOST" verifier -o page.html extra
    expect_status 2
    expect_nothing_written
    make_key k
    run "$SIGNPOST" verifier -p k.pub -o k.pub --force
    expect_status 2
    expect_eq "k.pub" "$(sed -n 2p k.pub)" "$PUBKEY"
}

test_the_page_gets_mode_0666_less_the_umask() {
    make_template
    (umask 027 && "$SIGNPOST" verifier -o page.html 2>/dev/null) || fail "verifier"
    expect_eq "mode" "$(stat -c %a page.html)" "640"
}

# ---- verify --json: what the replay re-derived -------------------------------------------------

# tiny_result FILE: a result of the tiny quiz, signed with inst.key.
tiny_result() {
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --key inst.key --out "$1" \
        >/dev/null || fail "take"
}

# replayed JSONFILE RESULT: checks verify's "replayed" of the one file against RESULT's recorded
# fits; prints "same" or "differs".
replayed() {
    python3 - "$1" "$2" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))[0]
r = d["replayed"]
assert r is not None, d
assert set(r) == {"exact", "quiz", "version", "primary", "fits"}, r
assert r["quiz"] == "tiny" and r["version"] == "1.0.0" and r["exact"] is True, r
recorded = {}
for line in open(sys.argv[2], encoding="utf-8"):
    m = re.match(r"^  ([a-z]+): \{.*fit: ([0-9.]+)", line)
    if m:
        recorded[m.group(1)] = m.group(2)
fits = {k: None if v is None else "%.6f" % v for k, v in r["fits"].items()}
assert set(fits) == set(recorded) or all(v is None for k, v in fits.items() if k not in recorded)
print("same" if all(fits[k] == v for k, v in recorded.items()) else "differs")
PY
}

test_verify_json_says_what_the_replay_re_derived() {
    make_key inst
    tiny_result r.signpost
    run "$SIGNPOST" verify --json -p inst.pub --quiz "$TINY" r.signpost
    expect_status 0
    printf '%s\n' "$out" >v.json
    expect_eq "replayed" "$(replayed v.json r.signpost)" "same"
    grep -qE '"fits": \{"[a-z]+": (null|[0-9]+\.[0-9]{6})' v.json || fail "fits not %.6f: $out"
    primary=$(sed -n 's/^primary: //p' r.signpost)
    grep -qF "\"primary\": \"$primary\"" v.json || fail "primary is not $primary: $out"
}

# A key holder edits the scores and signs again where no quiz is: the recorded fit is not what
# the answers give, and verify --json says what they give.
test_verify_json_replayed_differs_from_forged_scores() {
    make_key inst
    tiny_result r.signpost
    tail -n +5 r.signpost | sed '/^signer: /d' |
        sed 's/^  agents: {interest: 0.125000, aptitude: 1.000000, fit: 0.300000}$/  agents: {interest: 0.950000, aptitude: 1.000000, fit: 0.960000}/' >edited.signpost
    grep -q 'fit: 0.960000' edited.signpost || fail "the edit did not apply: $(grep agents: edited.signpost)"
    SIGNPOST_QUIZ="$T/nowhere/quiz.yaml" "$SIGNPOST" sign -s inst.key edited.signpost 2>/dev/null ||
        fail "sign"
    run "$SIGNPOST" verify --json -p inst.pub --quiz "$TINY" edited.signpost
    expect_status 1
    printf '%s\n' "$out" >v.json
    expect_contains "verdict" "$out" '"verdict": "replay-mismatch"'
    expect_eq "replayed" "$(replayed v.json edited.signpost)" "differs"
    expect_contains "agents" "$out" '"agents": 0.300000'
}

test_verify_json_replayed_is_null_without_the_quiz() {
    make_key inst
    tiny_result r.signpost
    run env SIGNPOST_QUIZ="$T/nowhere/quiz.yaml" "$SIGNPOST" verify --json -p inst.pub r.signpost
    expect_status 0
    expect_contains "replayed" "$out" '"replayed": null,'
}

# ---- What help and docs say of the exit status, against what the program does --------------

test_help_and_docs_name_every_exit_status_the_program_gives() {
    make_template
    make_key k
    echo hello >notkey.pub
    cp -r "$SP_SRC/tests/data/tiny" q
    run "$SIGNPOST" verifier -p notkey.pub -o page.html
    expect_status 2
    run "$SIGNPOST" verifier -p k.pub -o k.pub --force
    expect_status 2
    run "$SIGNPOST" verifier --quiz q/quiz.yaml -o q/quiz.yaml --force
    expect_status 2
    run "$SIGNPOST" verifier -o template.html --force
    expect_status 2
    run "$SIGNPOST" verifier -o k.key --force
    expect_status 3
    echo old >page.html
    run "$SIGNPOST" verifier -o page.html
    expect_status 3
    help=$("$SIGNPOST" help verifier | tr '\n' ' ' | tr -s ' ')
    for phrase in "a -p file that is not a public key" "-o naming a key, quiz or template given" \
        "-o exists without --force or holds a secret key"; do
        expect_contains "help" "$help" "$phrase"
    done
    doc=$(tr '\n' ' ' <"$SP_SRC/docs/verifier.md" | tr -s ' ')
    for phrase in "a \`-p\` file that is not a public key" "\`-o\` naming a key, quiz or template given" \
        "\`-o\` exists without \`--force\` or holds a secret key"; do
        expect_contains "docs/verifier.md" "$doc" "$phrase"
    done
}
