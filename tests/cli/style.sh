# The C sources keep the layout of the committed .clang-format, so that a change shows only
# what it changes. Run by tests/lib.sh.

test_c_sources_follow_clang_format() {
    command -v clang-format >/dev/null || fail "this test needs clang-format (Debian package clang-format)"
    cd "$SP_SRC" || fail "no source tree"
    find engine include tools tests -name '*.[ch]' -print0 | sort -z >"$T/files"
    [ -s "$T/files" ] || fail "no C sources found"
    xargs -0 clang-format --dry-run --Werror <"$T/files" 2>"$T/report" ||
        fail "not formatted (run clang-format -i on them):
$(grep -o '^[^:]*\.[ch]' "$T/report" | sort -u)"
}
