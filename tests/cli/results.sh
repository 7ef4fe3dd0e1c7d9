# CLI tests of signed results: signpost sign, take --key, verify, show and export
# (docs/result-format.md). Run by tests/lib.sh in a fresh $T with its own configuration folder.
# Results are taken with the tiny test quiz, which SIGNPOST_QUIZ makes the "installed" one, so
# that verify finds its banks; test_bank_not_available unsets it.

TINY=$SP_SRC/tests/data/tiny/quiz.yaml
export SIGNPOST_QUIZ=$TINY
CONF=$XDG_CONFIG_HOME/signpost
TRUSTED=$CONF/trusted

# take_result FILE [NAME]: an unsigned result of the tiny quiz.
take_result() {
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --name "${2:-Ann Lee}" \
        --out "$1" >/dev/null || fail "take"
}

# make_key NAME: an unencrypted key pair NAME.key, NAME.pub; sets $KEYID.
make_key() {
    "$SIGNPOST" keygen -W -s "$1.key" -p "$1.pub" >keygen.out || fail "keygen"
    KEYID=$(sed -n 's/^Key id: //p' keygen.out)
    [ ${#KEYID} -eq 16 ] || fail "no key id in: $(cat keygen.out)"
}

# trust NAME: saves NAME.pub in the trusted folder under its key id.
trust() {
    mkdir -p "$TRUSTED"
    cp "$1.pub" "$TRUSTED/$KEYID.pub"
}

# signed_result FILE: a result signed with the instructor's key, which is trusted.
signed_result() {
    make_key inst
    trust inst
    take_result "$1"
    "$SIGNPOST" sign -s inst.key "$1" >/dev/null || fail "sign"
}

# ---- sign ------------------------------------------------------------------------------------

test_sign_signs_in_place_and_verify_trusts_the_folder() {
    make_key inst
    take_result r.signpost
    cp r.signpost body
    run "$SIGNPOST" sign -s inst.key r.signpost
    expect_status 0
    expect_eq "stdout" "$out" "Signed r.signpost with key $KEYID.
Trusted comment: signpost-result/1 quiz=tiny@1.0.0 top=infra level=advanced finished=$(sed -n 's/^finished: //p' body) name=\"Ann Lee\""
    [ "$(sed -n 1p r.signpost)" = "untrusted comment: " ] || fail "line 1: $(sed -n 1p r.signpost)"
    # The body is kept byte for byte, with the signer's line inserted after the engine line.
    expect_eq "signer line" "$(sed -n 7p r.signpost)" "signer: {id: $KEYID, key: $(sed -n 2p inst.pub)}"
    tail -n +5 r.signpost | sed 3d | cmp -s - body || fail "the body is not kept byte for byte"
    ls -A | grep -q tmp && fail "a temporary file was left behind"
    trust inst
    run "$SIGNPOST" verify r.signpost
    expect_status 0
    expect_eq "stdout" "$out" "r.signpost: verified — signed by trusted key $KEYID ($TRUSTED/$KEYID.pub); quiz tiny 1.0.0, top direction infra; the scores follow from the 5 answers"
}

# Your own key: you trust yourself. The result is yours, status 0, and nothing says FAILED.
test_sign_uses_the_default_key_and_verify_calls_it_yours() {
    "$SIGNPOST" keygen -W >keygen.out || fail "keygen"
    KEYID=$(sed -n 's/^Key id: //p' keygen.out)
    take_result r.signpost
    run "$SIGNPOST" sign r.signpost
    expect_status 0
    run "$SIGNPOST" verify r.signpost
    expect_status 0
    expect_eq "stdout" "$out" "r.signpost: verified — signed by you (your key $KEYID, $CONF/signpost.pub); quiz tiny 1.0.0, top direction infra; the scores follow from the 5 answers"
    run "$SIGNPOST" show r.signpost
    expect_status 0
    expect_not_contains "show" "$out" "FAILED"
    expect_contains "show" "$(printf '%s\n' "$out" | head -n 1)" "verified — signed by you (your key $KEYID"
    run "$SIGNPOST" verify -p "$CONF/signpost.pub" r.signpost
    expect_status 0
}

test_sign_refuses_a_signed_file() {
    signed_result r.signpost
    cp r.signpost before
    run "$SIGNPOST" sign -s inst.key r.signpost
    expect_status 1
    expect_eq "stderr" "$err" "signpost: r.signpost is already signed (by key $KEYID); refusing to sign it again"
    cmp -s r.signpost before || fail "the file was changed"
}

test_sign_refuses_what_is_not_a_result() {
    make_key inst
    printf 'signpost: bank/1\n' >bank.yaml
    run "$SIGNPOST" sign -s inst.key bank.yaml
    expect_status 1
    expect_eq "stderr" "$err" "signpost: bank.yaml is not an unsigned signpost result: its first line is not 'signpost-result/1'"
    take_result r.signpost
    sed -i 's/^seed: 1$/seed: many/' r.signpost
    run "$SIGNPOST" sign -s inst.key r.signpost
    expect_status 1
    expect_eq "stderr" "$err" "r.signpost:8:7: error: expected a whole number from 0 to 9007199254740991, found 'many'
signpost: r.signpost is not a valid result; it was not signed"
}

test_sign_without_a_key_says_how_to_make_one() {
    take_result r.signpost
    run "$SIGNPOST" sign r.signpost
    expect_status 3
    expect_eq "stderr" "$err" "signpost: there is no secret key $CONF/signpost.key; make one with 'signpost keygen', or give another with -s"
    run "$SIGNPOST" sign
    expect_status 2
    run "$SIGNPOST" sign a b
    expect_status 2
    # take names its own option for the key.
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --key none.key --out s.signpost
    expect_status 3
    expect_eq "stderr" "$err" "signpost: there is no secret key none.key; make one with 'signpost keygen', or give another with --key"
}

test_sign_with_an_encrypted_key_and_a_wrong_passphrase() {
    echo "right pass" | "$SIGNPOST" keygen -s enc.key -p enc.pub >/dev/null || fail "keygen"
    take_result r.signpost
    cp r.signpost before
    echo "wrong pass" >pass
    run "$SIGNPOST" sign -s enc.key --passphrase-file pass r.signpost
    expect_status 1
    expect_eq "stderr" "$err" "signpost: wrong passphrase for enc.key (or the key file is damaged)"
    cmp -s r.signpost before || fail "the file was changed"
    echo "right pass" | "$SIGNPOST" sign -s enc.key r.signpost >/dev/null || fail "sign with stdin"
    run "$SIGNPOST" verify -p enc.pub r.signpost
    expect_status 0
}

test_take_key_signs_the_result() {
    make_key inst
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --key inst.key --out r.signpost
    expect_status 0
    run "$SIGNPOST" verify -p inst.pub r.signpost
    expect_status 0
    expect_contains "verify" "$out" "r.signpost: verified — signed by trusted key $KEYID (given as inst.pub)"
    run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --key inst.key
    expect_status 2
    expect_contains "stderr" "$err" "--key signs the result file: give --out too"
    run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --key nokey --out r2.signpost
    expect_status 3
    [ -e r2.signpost ] && fail "a result was written although the key could not be opened"
    true
}

# ---- verify: each failure in words -----------------------------------------------------------

test_altered_after_signing() {
    signed_result r.signpost
    sed -i 's/^  t.like.users: 2$/  t.like.users: 5/' r.signpost
    run "$SIGNPOST" verify r.signpost
    expect_status 1
    expect_eq "stdout" "$out" "r.signpost: FAILED — altered after signing: the content no longer matches the signature of key $KEYID"
}

test_a_key_you_do_not_trust_is_named_with_how_to_trust_it() {
    make_key inst
    take_result r.signpost
    "$SIGNPOST" sign -s inst.key r.signpost >/dev/null || fail "sign"
    run "$SIGNPOST" verify r.signpost
    expect_status 6
    PUB=$(sed -n 2p inst.pub)
    expect_eq "stdout" "$out" "r.signpost: intact, signer not trusted — signed by key $KEYID (public key $PUB), which is not one you trust; the content is unchanged since that key signed it; quiz tiny 1.0.0, top direction infra; compare the key with the one its signer published, then trust it with: signpost trust $PUB"
    trust inst
    run "$SIGNPOST" verify r.signpost
    expect_status 0
}

test_only_the_keys_given_are_trusted() {
    signed_result r.signpost
    make_key other
    run "$SIGNPOST" verify -p other.pub r.signpost
    expect_status 6
    expect_contains "stdout" "$out" "intact, signer not trusted — signed by key "
    expect_contains "stdout" "$out" " (it is not a key you gave with -p or -P)"
    run "$SIGNPOST" verify -P "$(sed -n 2p inst.pub)" r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "(given with -P)"
}

# A file in the trusted folder under the signer's id that is not a usable key: verify says
# what is wrong with that file, and does not claim that there is none.
test_an_unusable_trusted_key_file_is_named() {
    signed_result r.signpost
    echo "not a key" >"$TRUSTED/$KEYID.pub"
    run "$SIGNPOST" verify -v r.signpost
    expect_status 6
    expect_contains "stdout" "$out" "the trusted key file $TRUSTED/$KEYID.pub is not a valid public key (line 1:"
    case "$out" in
    *"there is no"*) fail "verify says the key file is missing: $out" ;;
    esac
}

test_the_trusted_comment_altered() {
    signed_result r.signpost
    sed -i '3s/top=infra/top=agents/' r.signpost
    run "$SIGNPOST" verify r.signpost
    expect_status 1
    expect_eq "stdout" "$out" "r.signpost: FAILED — the trusted comment was altered after signing: it no longer matches its signature (key $KEYID)"
}

test_edited_scores_signed_again_fail_replay() {
    signed_result r.signpost
    tail -n +5 r.signpost | sed '/^signer: /d' | sed 's/^  agents: {interest: 0.125000, aptitude: 1.000000, fit: 0.300000}$/  agents: {interest: 0.950000, aptitude: 1.000000, fit: 0.960000}/' >edited.signpost
    grep -q 'fit: 0.960000' edited.signpost || fail "the edit did not apply: $(grep agents: edited.signpost)"
    cp edited.signpost before
    # sign replays first, and refuses to vouch for it...
    run "$SIGNPOST" sign -s inst.key edited.signpost
    expect_status 1
    expect_eq "stderr" "$err" "signpost: refusing to sign edited.signpost: it does not replay: the interest of agents is recorded as 0.950000, but the answers give 0.125000"
    cmp -s edited.signpost before || fail "the refused file was changed"
    # ...but a key holder can sign it where the quiz is not (with a warning): verify catches it.
    run env SIGNPOST_QUIZ="$T/nowhere/quiz.yaml" "$SIGNPOST" sign -s inst.key edited.signpost
    expect_status 0
    expect_contains "stderr" "$err" "signpost: warning: edited.signpost was not replayed in full before signing: bank 't' version 1.0.0 (digest "
    run "$SIGNPOST" verify edited.signpost
    expect_status 1
    expect_eq "stdout" "$out" "edited.signpost: FAILED — the scores do not follow from the answers: the interest of agents is recorded as 0.950000, but the answers give 0.125000"
}

test_bank_not_available_verifies_the_signature_unless_strict() {
    signed_result r.signpost
    unset SIGNPOST_QUIZ # the shipped quizzes do not have the tiny bank
    run "$SIGNPOST" verify r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "r.signpost: intact — signed by trusted key $KEYID ($TRUSTED/$KEYID.pub); quiz tiny 1.0.0, top direction infra; the signature is good, but the scores were not re-derived: bank 't' version 1.0.0 (digest "
    expect_contains "stdout" "$out" ") is not available here (give the quiz with --quiz to replay them)"
    run "$SIGNPOST" verify --strict r.signpost
    expect_status 1
    expect_contains "stdout" "$out" "r.signpost: FAILED — the bank it was taken with is not available here: bank 't' version 1.0.0"
    expect_contains "stdout" "$out" "; the signature by trusted key $KEYID ($TRUSTED/$KEYID.pub) is good, but --strict asks for the scores to be re-checked"
    run "$SIGNPOST" verify --strict --quiz "$TINY" r.signpost
    expect_status 0
}

test_a_malformed_file_names_its_line() {
    signed_result r.signpost
    sed '2s/^R/!/' r.signpost >bad.signpost
    head -n 3 r.signpost >short.signpost
    printf 'hello\n' >hello.signpost
    run "$SIGNPOST" verify bad.signpost short.signpost hello.signpost
    expect_status 1
    expect_eq "stdout" "$out" "bad.signpost: FAILED — the file is malformed at line 2: the signature is not valid base64 (standard alphabet, with padding)
short.signpost: FAILED — the file is malformed at line 4: the file ends after 3 complete lines; a signed result starts with a four-line signature block
hello.signpost: FAILED — the file is malformed at line 1: not a signpost result: expected a signature block (a line starting with 'untrusted comment: ') or the line 'signpost-result/1'"
}

test_an_unsigned_result_is_not_signed() {
    take_result r.signpost
    run "$SIGNPOST" verify r.signpost
    expect_status 7
    expect_eq "stdout" "$out" "r.signpost: not signed — this result has no signature, so anyone could have written it; whoever holds a signing key can sign it with 'signpost sign'"
}

test_an_unreadable_file_is_status_3() {
    signed_result r.signpost
    run "$SIGNPOST" verify r.signpost missing.signpost
    expect_status 3
    expect_contains "stdout" "$out" "r.signpost: verified"
    expect_eq "stderr" "$err" "signpost: cannot read missing.signpost: No such file or directory"
}

test_usage_errors_are_status_2() {
    run "$SIGNPOST" verify
    expect_status 2
    expect_contains "stderr" "$err" "signpost verify: name at least one result file"
    run "$SIGNPOST" verify --bogus r.signpost
    expect_status 2
    run "$SIGNPOST" verify -P not-a-key r.signpost
    expect_status 2
    expect_contains "stderr" "$err" "-P takes a public key in base64"
    run "$SIGNPOST" verify -p missing.pub r.signpost
    expect_status 3
    run "$SIGNPOST" verify --help
    expect_status 0
    expect_contains "help" "$out" "Usage: signpost verify FILE..."
}

test_verbose_lists_every_check() {
    signed_result r.signpost
    run "$SIGNPOST" verify -v r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "
    structure          ok       a signature block (lines 1-4), then a result body
    named signer       ok       the body names key $KEYID as its signer
    signer's key       ok       key $KEYID, trusted ($TRUSTED/$KEYID.pub)
    signature          ok       the signature matches the body
    comment signature  ok       the global signature matches the trusted comment
    domain tag         ok       the body and the trusted comment start with signpost-result/1
    trusted comment    ok       every field of the trusted comment agrees with the body
    banks              ok       quiz tiny 1.0.0 ($SP_SRC/tests/data/tiny/quiz.yaml): the manifest, the directions file and 1 bank, as the result names them
    replay             ok       the scores, ranking and advice follow from the 5 answers, asked as the quiz draws them for the seed, under the quiz's scoring parameters
    trusted comment: signpost-result/1 quiz=tiny@1.0.0 top=infra"
    expect_contains "stdout" "$out" "
    untrusted comment: empty (no signature covers that line)"
}

test_json_has_one_object_per_file_with_every_check() {
    signed_result r.signpost
    sed 's/^  t.like.users: 2$/  t.like.users: 5/' r.signpost >altered.signpost
    run "$SIGNPOST" verify --json r.signpost altered.signpost
    expect_status 1
    printf '%s' "$out" | python3 -c '
import json, sys
files = json.load(sys.stdin)
assert [f["file"] for f in files] == ["r.signpost", "altered.signpost"], files
ok, bad = files
names = ["structure", "signer", "key", "signature", "comment-signature", "domain", "comment", "banks", "replay"]
assert [c["check"] for c in ok["checks"]] == names, ok["checks"]
assert all(c["status"] == "passed" for c in ok["checks"]), ok["checks"]
assert ok["verified"] is True and ok["verdict"] == "verified" and ok["key_trusted"] is True
assert ok["trust"] == "trusted" and ok["public_key"].startswith("RW"), ok
assert ok["key_source"] == "trusted-dir" and len(ok["key_id"]) == 16
assert ok["trusted_comment"].startswith("signpost-result/1 quiz=tiny@1.0.0 ")
assert ok["replayed_with"]["quiz"] == "tiny" and ok["replayed_with"]["exact"] is True
assert bad["verified"] is False and bad["verdict"] == "altered" and bad["trust"] == "failed", bad
status = {c["check"]: c["status"] for c in bad["checks"]}
assert status["signature"] == "failed" and status["comment-signature"] == "skipped", status
assert bad["message"].startswith("FAILED — altered after signing"), bad["message"]
' || fail "JSON does not have the documented shape: $out"
}

test_file_names_reach_the_terminal_escaped() {
    signed_result r.signpost
    name=$(printf 'x\033[31m\342\200\256.signpost')
    cp r.signpost "$name"
    run "$SIGNPOST" verify "$name"
    expect_status 0
    expect_contains "stdout" "$out" 'x\x1B[31m\u202E.signpost: verified'
    case "$out" in *$'\033'*) fail "an escape character reached the terminal" ;; esac
    true
}

# ---- the README's flow, and trust (issue 17) -------------------------------------------------

# keygen, take --key, verify without -p: yours, status 0, no FAILED in verify or show. A
# recipient without the key (another configuration folder) sees the signer's full key and
# status 6; after `signpost trust` with that key, it is trusted.
test_your_own_result_is_yours_and_a_recipient_can_trust_it() {
    "$SIGNPOST" keygen -W >keygen.out || fail "keygen"
    KEYID=$(sed -n 's/^Key id: //p' keygen.out)
    PUB=$(sed -n 2p "$CONF/signpost.pub")
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    "$SIGNPOST" take --answers answers.yaml --seed 1 --key "$CONF/signpost.key" \
        --out result.signpost >/dev/null || fail "take --key"
    run "$SIGNPOST" verify result.signpost
    expect_status 0
    expect_contains "verify" "$out" "result.signpost: verified — signed by you (your key $KEYID, "
    expect_not_contains "verify" "$out" "FAILED"
    run "$SIGNPOST" show result.signpost
    expect_status 0
    expect_not_contains "show" "$out" "FAILED"
    # The recipient, in a configuration folder of their own.
    export XDG_CONFIG_HOME=$T/recipient
    run "$SIGNPOST" verify result.signpost
    expect_status 6
    expect_contains "verify" "$out" "result.signpost: intact, signer not trusted — signed by key $KEYID (public key $PUB)"
    expect_contains "verify" "$out" "then trust it with: signpost trust $PUB"
    expect_not_contains "verify" "$out" "FAILED"
    run "$SIGNPOST" show result.signpost
    expect_status 0
    expect_contains "show" "$(printf '%s\n' "$out" | head -n 1)" "intact, signer not trusted"
    run "$SIGNPOST" trust "$PUB" --name "Ann's instructor"
    expect_status 0
    expect_eq "trust" "$out" "Trusted key $KEYID, saved as $T/recipient/signpost/trusted/$KEYID.pub.
Results signed with this key will show as trusted; that says the file is unchanged since this key signed it, not who sat at the keyboard."
    expect_eq "key file" "$(cat "$T/recipient/signpost/trusted/$KEYID.pub")" "untrusted comment: Ann's instructor
$PUB"
    run "$SIGNPOST" verify result.signpost
    expect_status 0
    expect_contains "verify" "$out" "result.signpost: verified — signed by trusted key $KEYID ($T/recipient/signpost/trusted/$KEYID.pub)"
    # The stock minisign still verifies the export, signer line and all.
    if command -v minisign >/dev/null; then
        "$SIGNPOST" export --minisign result.signpost >/dev/null || fail "export"
        minisign -Vm result.signpost.body -P "$PUB" >/dev/null || fail "minisign does not verify the export"
    fi
}

# A result edited and signed again by an attacker's key, with the attacker's signer line: the
# attacker's key is shown, never trusted, whatever the verifier trusts.
test_a_result_resigned_by_another_key_shows_that_key_never_trusted() {
    signed_result r.signpost
    make_key evil
    EVIL=$(sed -n 2p evil.pub)
    tail -n +5 r.signpost | sed '/^signer: /d' >body.signpost
    "$SIGNPOST" sign -s evil.key body.signpost >/dev/null || fail "sign"
    run "$SIGNPOST" verify body.signpost
    expect_status 6
    expect_contains "verify" "$out" "signed by key $KEYID (public key $EVIL)"
    # Taking the signed file apart again: the body alone names a signer nobody signed.
    tail -n +5 body.signpost >cut.signpost
    run "$SIGNPOST" verify cut.signpost
    expect_status 1
    expect_contains "verify" "$out" "FAILED — the result misnames its signer: the body names key $KEYID as its signer, but it has no signature block"
    run "$SIGNPOST" sign -s evil.key cut.signpost
    expect_status 1
    expect_contains "sign" "$err" "names a signer already but has no signature"
}

# Every line of the body changed, the signer's line included: failed, never intact.
test_a_tampered_signer_line_fails() {
    signed_result r.signpost
    for edit in 's/^signer: {id: ..../signer: {id: 0000/' 's/key: RW\(.\)/key: RW\1\1/' \
        's/^signer: .*$/signer: {id: 0000000000000000, key: RWQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA}/' \
        '/^signer: /d'; do
        sed "$edit" r.signpost >t.signpost
        cmp -s r.signpost t.signpost && fail "the edit $edit changed nothing"
        run "$SIGNPOST" verify t.signpost
        expect_status 1
        expect_contains "$edit" "$out" "FAILED"
        run env XDG_CONFIG_HOME="$T/nobody" "$SIGNPOST" verify t.signpost
        expect_status 1
    done
}

test_trust_refuses_a_malformed_key_and_never_replaces_another() {
    run "$SIGNPOST" trust RWQnotakey
    expect_status 1
    expect_contains "stderr" "$err" "RWQnotakey is not a public key"
    [ -e "$TRUSTED" ] && fail "a refused key made the trusted folder"
    make_key inst
    run "$SIGNPOST" trust inst.pub
    expect_status 0
    run "$SIGNPOST" trust inst.pub
    expect_status 0
    expect_contains "stdout" "$out" "Key $KEYID is trusted already"
    # A file under another key's id that holds a different key is left alone.
    make_key other
    printf 'untrusted comment: x\n%s\n' "$(sed -n 2p inst.pub)" >"$TRUSTED/$KEYID.pub"
    cp "$TRUSTED/$KEYID.pub" before
    run "$SIGNPOST" trust other.pub
    expect_status 1
    expect_contains "stderr" "$err" "is there already and does not hold this key"
    cmp -s before "$TRUSTED/$KEYID.pub" || fail "another key was replaced"
}

test_trust_lists_and_removes_keys() {
    run "$SIGNPOST" trust --list
    expect_status 0
    expect_contains "stdout" "$out" "No trusted keys"
    make_key inst
    "$SIGNPOST" trust --name "Dr. Lee" inst.pub >/dev/null || fail "trust"
    run "$SIGNPOST" trust --list
    expect_status 0
    expect_eq "list" "$out" "$KEYID  $(sed -n 2p inst.pub)  Dr. Lee"
    run "$SIGNPOST" trust --remove "$(printf '%s' "$KEYID" | tr A-F a-f)"
    expect_status 0
    expect_eq "remove" "$out" "Key $KEYID is no longer trusted ($TRUSTED/$KEYID.pub removed)."
    run "$SIGNPOST" trust --remove "$KEYID"
    expect_status 1
    expect_contains "stderr" "$err" "there is no trusted key $KEYID"
    run "$SIGNPOST" trust --remove nothex
    expect_status 2
    run "$SIGNPOST" trust --name "$(printf 'a\tb')" inst.pub
    expect_status 2
    run "$SIGNPOST" trust
    expect_status 2
}

# ---- show ------------------------------------------------------------------------------------

test_show_prints_the_verification_then_the_result() {
    signed_result r.signpost
    run "$SIGNPOST" show r.signpost
    expect_status 0
    first=$(printf '%s\n' "$out" | head -n 1)
    expect_contains "first line" "$first" "verified — signed by trusted key $KEYID"
    expect_contains "stdout" "$out" "Quiz tiny 1.0.0, taken by Ann Lee, finished "
    # With its quiz at hand, a result is shown on the screens that end the quiz.
    expect_contains "stdout" "$out" "Your best fit: Infrastructure"
    expect_contains "stdout" "$out" "  Infrastructure ████"
    expect_contains "stdout" "$out" "Level: advanced (6 to 18 months into the learning path)"
    expect_contains "stdout" "$out" "Why Infrastructure: the answers that counted most"
}

test_show_without_the_quiz_shows_what_the_file_records() {
    signed_result r.signpost
    unset SIGNPOST_QUIZ
    run "$SIGNPOST" show r.signpost
    expect_status 0
    expect_contains "verdict" "$(printf '%s' "$out" | tr -s ' \n' '  ')" \
        "the scores were not re-derived: bank 't' version 1.0.0"
    expect_contains "stdout" "$out" "Recommended: infra"
    expect_contains "stdout" "$out" "  1. infra"
    expect_contains "stdout" "$out" "Level: advanced (an indication from the knowledge items, not a grade)"
}

test_show_says_when_a_result_is_not_verified() {
    take_result r.signpost
    run "$SIGNPOST" show r.signpost
    expect_status 0
    first=$(printf '%s\n' "$out" | head -n 1)
    expect_contains "first line" "$first" "not signed — this result has no signature"
    expect_not_contains "stdout" "$out" "FAILED"
    expect_contains "stdout" "$out" "Your best fit: Infrastructure"
    printf 'nothing\n' >junk
    run "$SIGNPOST" show junk
    expect_status 1
    expect_contains "stdout" "$out" "FAILED — the file is malformed at line 1"
}

test_show_json_has_the_outcome_and_the_verification() {
    signed_result r.signpost
    run "$SIGNPOST" show --json r.signpost
    expect_status 0
    printf '%s' "$out" | python3 -c '
import json, sys
o = json.load(sys.stdin)
v, r = o["verification"], o["result"]
assert o["file"] == "r.signpost" and v["verified"] is True, v
assert r["quiz"] == "tiny" and r["primary"] == "infra" and r["ranking"][0] == "infra", r
assert r["name"] == "Ann Lee" and r["level"] == "advanced" and r["answered"] == 5, r
assert set(r["scores"]["infra"]) == {"interest", "aptitude", "fit", "se", "gap_se"}, r["scores"]
assert r["scores"]["infra"]["se"] is None and r["settle"] is None, r  # tiny asks for no uncertainty
assert isinstance(r["drivers"], list) and r["drivers"], r["drivers"]
' || fail "show --json: $out"
    run "$SIGNPOST" show --json --svg r.signpost
    expect_status 2
}

test_show_svg_is_a_standalone_picture() {
    signed_result r.signpost
    run "$SIGNPOST" show --svg r.signpost
    expect_status 0
    printf '%s' "$out" >card.svg
    python3 -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse("card.svg").getroot()
assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
assert "Infrastructure" in texts and "Signed by key " + sys.argv[1] in texts, texts
assert len(list(root.iter("{http://www.w3.org/2000/svg}rect"))) == 5, "a frame, two bars of two"
' "$KEYID" || fail "the card is not the expected SVG"
    if command -v rsvg-convert >/dev/null; then
        rsvg-convert card.svg -o card.png || fail "rsvg-convert cannot render the card"
    fi
}

# The shipped quiz has six directions: the card's radar is a hexagon, labelled in the language
# asked for (--lang; else the interface's) with the directions' short names.
test_show_svg_of_the_placement_quiz_is_a_labelled_hexagon() {
    unset SIGNPOST_QUIZ
    make_key inst
    python3 - "$SP_SRC/quizzes/banks" >answers.yaml <<'PY'
import glob, sys, yaml
for f in sorted(glob.glob(sys.argv[1] + "/*.yaml")):
    for q in yaml.safe_load(open(f))["questions"]:
        v = {"likert": "4", "choice": "a"}.get(q["kind"]) or "skip"
        print(f"{q['id']}: {v}")
PY
    "$SIGNPOST" take --answers answers.yaml --seed 7 --lang zh --name '李雷 <b>&amp;</b>' \
        --key inst.key --out r.signpost >/dev/null || fail "take"
    run "$SIGNPOST" show --svg --lang zh -p inst.pub r.signpost # one language: the one asked
    expect_status 0
    printf '%s' "$out" >card.svg
    python3 -c '
import xml.etree.ElementTree as ET
root = ET.parse("card.svg").getroot()
ns = "{http://www.w3.org/2000/svg}"
polygons = list(root.iter(ns + "polygon"))
assert len(polygons) == 5, "4 rings and the fits"
assert all(len(p.get("points").split()) == 6 for p in polygons), "six corners each"
texts = [t.text or "" for t in root.iter(ns + "text")]
for short in ["核心算法", "基础设施", "推理部署", "数据工程", "应用与智能体", "安全评估"]:
    assert short in texts, (short, texts)
assert "李雷 <b>&amp;</b>" in texts, texts
' || fail "the card is not a labelled hexagon"
    grep -q '李雷 &lt;b&gt;&amp;amp;&lt;/b&gt;' card.svg || fail "the name is not escaped for XML"
}

# ---- export ----------------------------------------------------------------------------------

test_export_writes_the_body_and_the_signature() {
    signed_result r.signpost
    run "$SIGNPOST" export --minisign r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "minisign -Vm r.signpost.body -P $(sed -n 2p inst.pub)"
    tail -n +5 r.signpost | cmp -s - r.signpost.body || fail "the body differs"
    head -n 4 r.signpost | cmp -s - r.signpost.body.minisig || fail "the signature differs"
    take_result u.signpost
    run "$SIGNPOST" export --minisign u.signpost
    expect_status 1
    expect_contains "stderr" "$err" "signpost: u.signpost is not a signed result; nothing to export"
    run "$SIGNPOST" export r.signpost
    expect_status 2
}

# ---- Names, the trusted comment and times (issue 15) -------------------------------------------

LEGACY=$SP_SRC/tests/hostile/files
GOOD_PUB=$SP_SRC/tests/sign/data/good/plain.pub
NAME_RULE="a name is printable text on one line, at most 200 bytes, with no control, bidirectional or invisible characters and no white space at either end"

# set_field FILE KEY VALUE: writes VALUE as the KEY line of the result body FILE.
set_field() {
    sed -i "s/^$2: .*/$2: $3/" "$1"
}

test_take_refuses_a_name_ending_in_an_ideographic_space() {
    make_key inst
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >answers.yaml
    run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --name $'李明\u3000' \
        --key inst.key --out r.signpost
    expect_status 2
    expect_contains "stderr" "$err" "signpost take: --name: U+3000 (white space) at its end is not allowed; $NAME_RULE"
    [ -e r.signpost ] && fail "a result was written"
    run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --name $'\u00a0Ann'
    expect_status 2
    expect_contains "stderr" "$err" "--name: U+00A0 (white space) at its start is not allowed"
    true
}

test_sign_refuses_a_name_that_cannot_be_signed_and_says_where() {
    make_key inst
    take_result r.signpost
    set_field r.signpost name $'"李明\u3000"'
    run "$SIGNPOST" sign -s inst.key r.signpost
    expect_status 1
    expect_contains "stderr" "$err" "r.signpost:12:7: error: invalid name: U+3000 (white space) at its end is not allowed; $NAME_RULE"
    expect_contains "stderr" "$err" "r.signpost is not a valid result; it was not signed"
}

test_names_with_invisible_or_bidirectional_characters_are_refused() {
    take_result r.signpost
    for c in 200E:"a bidirectional control character" 200F:"a bidirectional control character" \
        061C:"a bidirectional control character" 202E:"a bidirectional control character" \
        200B:"an invisible character" FEFF:"an invisible character" 2028:"an invisible character" \
        E0041:"an invisible character" 200D:"an invisible joining or variation character" \
        FE0F:"an invisible joining or variation character" 0009:"a tab or line break"; do
        hex=${c%%:*} what=${c#*:}
        ch=$(python3 -c "import sys; sys.stdout.write(chr(0x$hex))")
        run "$SIGNPOST" take --quiz "$TINY" --answers answers.yaml --seed 1 --name "Ann${ch}Lee"
        expect_status 2
        expect_contains "take --name with U+$hex" "$err" "--name: U+$hex ($what) at character 4 is not allowed"
        cp r.signpost bad.signpost
        set_field bad.signpost name "\"Ann${ch}Lee\""
        # What no text may hold is refused as the value is read; the rest by the name's rule.
        run "$SIGNPOST" show bad.signpost
        expect_status 1
        case "$what" in
        *bidirectional*) why="bidirectional control character U+$hex in value" ;;
        "an invisible character") why="invisible character U+$hex in value" ;;
        *) why="invalid name: U+$hex ($what) at character 4 is not allowed" ;;
        esac
        expect_contains "show with U+$hex" "$out" "FAILED — the file is malformed at line 12: $why"
    done
}

test_the_trusted_comment_quotes_the_name() {
    make_key inst
    trust inst
    take_result r.signpost 'Ann Lee top=safety level=expert'
    cp r.signpost body
    run "$SIGNPOST" sign -s inst.key r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "level=advanced finished=$(sed -n 's/^finished: //p' body) name=\"Ann Lee top=safety level=expert\""
    run "$SIGNPOST" verify r.signpost
    expect_status 0
    take_result q.signpost 'Ann "A" \ Lee'
    run "$SIGNPOST" sign -s inst.key q.signpost
    expect_status 0
    expect_contains "stdout" "$out" 'name="Ann \"A\" \\ Lee"'
    run "$SIGNPOST" verify q.signpost
    expect_status 0
}

test_results_signed_with_the_old_unquoted_name_still_verify() {
    run "$SIGNPOST" verify -p "$GOOD_PUB" "$LEGACY/legacy-name.signpost" \
        "$LEGACY/legacy-name-backslash.signpost"
    expect_status 0
    expect_contains "stdout" "$out" "legacy-name.signpost: verified"
    expect_contains "stdout" "$out" "legacy-name-backslash.signpost: verified"
}

test_an_old_unquoted_name_that_reads_as_fields_no_longer_verifies() {
    for f in legacy-name-fields legacy-name-quotes; do
        run "$SIGNPOST" verify -p "$GOOD_PUB" "$LEGACY/$f.signpost"
        expect_status 1
        expect_contains "$f" "$out" "FAILED — the trusted comment disagrees with the result: the trusted comment gives the name without quotes, as signpost did before it quoted names; that form is accepted only for names without '=' or '\"'"
    done
}

test_impossible_times_are_refused_with_their_place() {
    make_key inst
    take_result r.signpost
    for c in "2026-02-30T23:59:60Z|19|there is no day 30 in 2026-02; expected 01 to 28" \
        "2025-02-29T10:00:00Z|19|there is no day 29 in 2025-02; expected 01 to 28" \
        "2026-04-31T10:00:00Z|19|there is no day 31 in 2026-04; expected 01 to 30" \
        "2026-13-01T10:00:00Z|16|there is no month 13; expected 01 to 12" \
        "2026-02-28T24:00:00Z|22|there is no hour 24; expected 00 to 23" \
        "2026-02-28T23:60:00Z|25|there is no minute 60; expected 00 to 59" \
        "2026-02-28T23:59:60Z|28|there is no second 60; expected 00 to 59 (leap seconds are not recorded)" \
        "0000-01-01T00:00:00Z|11|the year 0000 is before 1970; expected a year from 1970 to 9999"; do
        IFS='|' read -r when col why <<<"$c"
        cp r.signpost bad.signpost
        set_field bad.signpost started 1970-01-01T00:00:00Z
        set_field bad.signpost finished "$when"
        run "$SIGNPOST" sign -s inst.key bad.signpost
        expect_status 1
        expect_contains "sign of $when" "$err" "bad.signpost:11:$col: error: impossible time '$when': $why"
    done
    cp r.signpost leap.signpost
    set_field leap.signpost started 2024-02-29T23:59:59Z
    set_field leap.signpost finished 9999-12-31T23:59:59Z
    run "$SIGNPOST" sign -s inst.key leap.signpost
    expect_status 0
    expect_contains "stdout" "$out" "finished=9999-12-31T23:59:59Z"
}

test_finished_before_started_is_refused() {
    make_key inst
    take_result r.signpost
    set_field r.signpost started 2026-03-01T00:00:00Z
    set_field r.signpost finished 2026-02-28T23:59:59Z
    run "$SIGNPOST" sign -s inst.key r.signpost
    expect_status 1
    expect_contains "stderr" "$err" "r.signpost:11:11: error: finished 2026-02-28T23:59:59Z is before started 2026-03-01T00:00:00Z (line 10); expected a time at or after the start"
}

test_a_signed_result_with_an_impossible_date_no_longer_verifies() {
    run "$SIGNPOST" verify -p "$GOOD_PUB" "$LEGACY/date-feb-30-signed.signpost"
    expect_status 1
    expect_contains "stdout" "$out" "FAILED — the file is malformed at line 15: impossible time '2026-02-30T23:59:60Z': there is no day 30 in 2026-02; expected 01 to 28"
}

test_bidi_marks_and_invisible_characters_reach_the_terminal_escaped() {
    signed_result r.signpost
    name=$(printf 'x\342\200\216y\342\200\213z\357\273\277.signpost') # LRM, ZWSP, BOM
    cp r.signpost "$name"
    run "$SIGNPOST" verify "$name"
    expect_status 0
    expect_contains "stdout" "$out" 'x\u200Ey\u200Bz\uFEFF.signpost: verified'
    case "$out" in *$'\u200e'* | *$'\u200b'* | *$'\ufeff'*) fail "an invisible character reached the terminal" ;; esac
    true
}
