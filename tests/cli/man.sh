# The man pages: rendered without warnings, and signpost(1) holding each command's help text.
# Run by tests/lib.sh.

pages() { printf '%s\n' signpost.1 signpost-bank.5 signpost-result.5; }

need_man() {
    command -v man >/dev/null || fail "man is not installed (Debian package man-db)"
    [ -f "$SP_BUILD/man/signpost.1" ] || fail "no man pages built (is scdoc installed?)"
}

test_man_pages_render_without_warnings() {
    need_man
    for page in $(pages); do
        warnings=$(MANWIDTH=80 man --warnings -l "$SP_BUILD/man/$page" 2>&1 >/dev/null)
        expect_eq "warnings of $page" "$warnings" ""
        text=$(MANWIDTH=80 man -l "$SP_BUILD/man/$page" 2>/dev/null)
        expect_contains "$page" "$text" "NAME"
        expect_contains "$page" "$text" "SEE ALSO"
    done
}

# Whitespace-insensitive: the page wraps and indents, the help text is plain.
# man fills the texts, and may break a line after the hyphen of a word ("re-" "scored"): such
# a break is joined first.
squeeze() { sed -e ':a' -e '/[a-z]-$/{N;s/-\n */-/;ba' -e '}' | tr -s ' \n\t' '   ' | sed 's/^ //; s/ $//'; }

test_help_is_the_man_section_of_each_command() {
    need_man
    page=$(MANWIDTH=300 man -l "$SP_BUILD/man/signpost.1" 2>/dev/null | squeeze)
    commands=$("$SIGNPOST" --help | sed -n 's/^  \([a-z]*\) .*/\1/p')
    [ -n "$commands" ] || fail "no commands listed by --help"
    for cmd in $commands; do
        [ "$cmd" = help ] && continue
        help=$("$SIGNPOST" help "$cmd" | squeeze)
        expect_contains "signpost(1), section on $cmd" "$page" "$help"
    done
}

test_every_command_has_a_section() {
    need_man
    page=$(MANWIDTH=80 man -l "$SP_BUILD/man/signpost.1" 2>/dev/null)
    for cmd in $("$SIGNPOST" --help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
        [ "$cmd" = help ] && continue
        printf '%s\n' "$page" | grep -q "^   $cmd\$" || fail "signpost(1) has no section for $cmd"
    done
}

# Every page read at 80 columns fits them (a wide character counts two): the commands' help
# texts are filled by man, not copied in as literal blocks 91 columns wide.
test_every_man_page_fits_80_columns() {
    need_man
    for page in $(pages); do
        MANWIDTH=80 man -l "$SP_BUILD/man/$page" 2>/dev/null >"$page.txt"
        [ -s "$page.txt" ] || fail "$page renders empty"
        expect_80_columns "$page.txt" "$page at MANWIDTH=80"
    done
}

# An option is never hyphenated across lines ("--re-sume"), so that the page can be searched.
test_man_pages_are_not_hyphenated() {
    need_man
    for page in $(pages); do
        MANWIDTH=80 man -l "$SP_BUILD/man/$page" 2>/dev/null >"$page.txt"
        if grep -n '[a-z]‐$' "$page.txt"; then
            fail "$page hyphenates a word at the end of a line"
        fi
    done
}
