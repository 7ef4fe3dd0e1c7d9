# The Chinese catalogue covers every string of the interactive quiz. Run by tests/lib.sh.

test_chinese_catalogue_translates_the_quiz_interface() {
    command -v xgettext >/dev/null || fail "this test needs xgettext (Debian package gettext)"
    (cd "$SP_SRC" && xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
        --keyword=P_:1,2 -o "$T/ui.pot" engine/cli/tui.c engine/cli/screen.c \
        engine/cli/prompt.c engine/journal.c engine/core.c) || fail "xgettext failed"
    msgcmp --use-untranslated "$SP_SRC/po/zh_CN.po" "$T/ui.pot" 2>"$T/missing" ||
        fail "strings of the interface have no Chinese translation (run the pot target, then translate po/zh_CN.po):
$(cat "$T/missing")"
    msgcmp "$SP_SRC/po/zh_CN.po" "$T/ui.pot" 2>"$T/missing" ||
        fail "strings of the interface are not translated in po/zh_CN.po:
$(cat "$T/missing")"
}
