# The Chinese catalogue covers every string of the interface, and what it says fits the
# terminal. Run by tests/lib.sh.

# Every marked string of the program and the library has a Chinese translation that is not
# fuzzy: msgcmp fails on a string the catalogue lacks, and (without --use-untranslated) on an
# untranslated one. A new string without its translation fails here until po/zh_CN.po has it.
test_chinese_catalogue_translates_every_string() {
    command -v xgettext >/dev/null || fail "this test needs xgettext (Debian package gettext)"
    (cd "$SP_SRC" && xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
        --keyword=P_:1,2 -o "$T/all.pot" engine/*/*.c) || fail "xgettext failed"
    n=$(grep -c '^msgid ' "$T/all.pot")
    [ "$n" -gt 600 ] || fail "only $n strings are marked for translation; expected the whole interface"
    msgcmp "$SP_SRC/po/zh_CN.po" "$T/all.pot" 2>"$T/missing" ||
        fail "strings of the interface are not translated in po/zh_CN.po (run the pot target, then translate):
$(cat "$T/missing")"
    msgfmt --check --statistics -o /dev/null "$SP_SRC/po/zh_CN.po" 2>"$T/stats" ||
        fail "po/zh_CN.po does not compile: $(cat "$T/stats")"
    grep -q 'fuzzy\|untranslated' "$T/stats" && fail "po/zh_CN.po: $(cat "$T/stats")"
    true
}

# The program really speaks Chinese with the built catalogue, even with no zh_CN locale
# installed (LANGUAGE under C.UTF-8).
test_chinese_interface_without_a_chinese_locale() {
    run env LC_ALL=C.UTF-8 LANGUAGE=zh_CN "$SIGNPOST" help take
    expect_status 0
    case "$out" in
    *用法*) ;;
    *) fail "help take is not in Chinese under LANGUAGE=zh_CN: $out" ;;
    esac
}

# Every help text and the usage fit 80 columns in Chinese, counting a wide character as two.
test_chinese_help_fits_80_columns() {
    for cmd in "" take check keygen sign verify show export analyze; do
        if [ -n "$cmd" ]; then
            env LC_ALL=C.UTF-8 LANGUAGE=zh_CN "$SIGNPOST" help "$cmd" >"$T/help" ||
                fail "help $cmd failed"
        else
            env LC_ALL=C.UTF-8 LANGUAGE=zh_CN "$SIGNPOST" --help >"$T/help" || fail "--help failed"
        fi
        expect_80_columns "$T/help" "help ${cmd:---help} in Chinese"
    done
}

# A Chinese label ends with the full-width colon "：", never with ":" right after Han text
# ("答题人：Ann", "FILE:3:1: 错误：..."). A ":" that begins a command (":quit"), or that sits
# in a time, a URL, a format ("%s:%u") or a key: value example ("{infra: 1.0}"), follows no Han
# character and is not looked at. Both the catalogue and what the program puts together from
# its pieces (a translated label and a ": " in the code) are checked.
test_chinese_labels_use_a_full_width_colon() {
    python3 - "$SP_SRC/po/zh_CN.po" >"$T/labels" <<'PY' || fail "the catalogue could not be read"
import re, sys
po = open(sys.argv[1], encoding="utf-8").read()
for m in re.finditer(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', po, re.M):
    text = "".join(re.findall(r'"(.*)"', m.group(1)))
    for h in re.finditer(r'[\u3400-\u9fff][ ]?:(?![a-z])', text):
        print(text[max(0, h.start() - 20):h.end() + 20])
PY
    [ -s "$T/labels" ] && fail "Chinese labels with an ASCII colon in po/zh_CN.po (use “：”):
$(cat "$T/labels")"
    printf 'signpost: bank/1\nid: x\n' >"$T/bad.yaml"
    run env LC_ALL=C.UTF-8 LANGUAGE=zh_CN "$SIGNPOST" check "$T/bad.yaml"
    expect_status 1
    grep -P '\p{Han} ?:(?![a-z])' <<<"$out$err" &&
        fail "check labels a diagnostic in Chinese with an ASCII colon: $out$err"
    true
}
