# An independent verifier agrees with signpost: tests/badge/verify.mjs (node, WebCrypto, the npm
# package canonicalize, its own base58) on the W3C test vector, a fresh badge, every single
# change of it and the forged fixtures. Registered when node and web/node_modules are here.

TINY=$SP_SRC/tests/data/tiny/quiz.yaml
export SIGNPOST_QUIZ=$TINY
JS=$SP_SRC/tests/badge/verify.mjs

test_javascript_verifier_reproduces_the_w3c_test_vector() {
    run node "$JS" --vector
    expect_status 0
    expect_eq "node" "$out" "the test vector verifies"
}

# agree FILE...: for each file, node says valid exactly when signpost verify exits 0.
agree() {
    node "$JS" "$@" >js.out || fail "node failed"
    for f in "$@"; do
        "$SIGNPOST" verify -p "$KEYFILE" "$f" >/dev/null 2>&1
        st=$?
        js=$(grep -F " $f" js.out | head -n 1)
        case "$st:$js" in
        0:valid*) ;;
        1:invalid*) ;;
        *) fail "$f: signpost exits $st, node says: $js (change: $(cat "$f.what" 2>/dev/null))" ;;
        esac
    done
}

test_javascript_verifier_agrees_on_a_badge_and_every_change() {
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >a.yaml
    "$SIGNPOST" take --quiz "$TINY" --answers a.yaml --seed 1 --name "Ann Lee" --out r.signpost \
        >/dev/null || fail "take"
    "$SIGNPOST" keygen -W -s k.key -p k.pub >/dev/null || fail "keygen"
    "$SIGNPOST" sign -s k.key r.signpost >/dev/null || fail "sign"
    "$SIGNPOST" export --badge r.signpost -s k.key -o b.json >/dev/null || fail "export"
    KEYFILE=k.pub
    python3 "$SP_SRC/tests/cli/badge_mutate.py" b.json mut || fail "mutate"
    agree b.json mut/*.json
    grep -q "^valid b.json" js.out || fail "node does not accept the fresh badge"
}

# The forged fixtures: node agrees on each, except that JSON.parse keeps the last of two equal
# keys where signpost refuses the file (duplicate-key.json): signpost is the stricter one there.
# The lying badges (resigned-*.json, made by make-lying.mjs) carry a proof that holds: node, which
# checks proofs only, accepts them, and signpost refuses them for their claims (badge.sh).
test_javascript_verifier_agrees_on_the_forged_fixtures() {
    KEYFILE=$SP_SRC/tests/data/badge/key.pub
    cp "$SP_SRC"/tests/data/badge/good.json "$SP_SRC"/tests/data/badge/bad/*.json .
    agree good.json $(ls ./*.json | grep -v -e good.json -e duplicate-key.json -e resigned- |
        sed 's|^\./||')
    for f in resigned-*.json; do
        node "$JS" "$f" | grep -q "^valid $f" || fail "the proof of $f does not hold"
    done
    node "$JS" duplicate-key.json | grep -q '^valid' || fail "JSON.parse now refuses duplicates?"
    run "$SIGNPOST" verify -p "$KEYFILE" duplicate-key.json
    expect_status 1
}
