# Installing signpost: into a staging root, and as a Debian package unpacked with dpkg -x.
# The installed program runs from outside the source tree and must find its quizzes. Run by
# tests/lib.sh.

# run_installed ROOT: the program under ROOT checks and takes the default quiz, from a folder
# that is not the source tree, without SIGNPOST_QUIZ.
run_installed() {
    local bin=$1/usr/bin/signpost
    [ -x "$bin" ] || fail "no $bin"
    [ -f "$1/usr/share/signpost/quizzes/placement.yaml" ] || fail "quizzes not installed"
    [ -f "$1/usr/share/signpost/quizzes/banks/infra.yaml" ] || fail "banks not installed"
    mkdir -p "$T/elsewhere" && cd "$T/elsewhere" || fail "cd"
    run "$bin" check --quiz "$1/usr/share/signpost/quizzes/placement.yaml"
    expect_status 0
    expect_eq "check" "$out" "0 errors, 0 warnings"
    "$SP_BUILD/tests/cli/answers_for" "$1/usr/share/signpost/quizzes/placement.yaml" 4 >a.yaml
    run "$bin" take --answers a.yaml --seed 5 --json
    expect_status 0
    expect_contains "the default quiz was found" "$out" '"quiz": "placement"'
    run "$bin" --version
    expect_status 0
    [ -f "$1/usr/share/bash-completion/completions/signpost" ] || fail "no bash completion"
    [ -f "$1/usr/share/zsh/vendor-completions/_signpost" ] || fail "no zsh completion"
    if [ -f "$SP_BUILD/man/signpost.1" ]; then
        for page in man1/signpost.1 man5/signpost-bank.5 man5/signpost-result.5; do
            [ -f "$1/usr/share/man/$page" ] || fail "no man page $page"
        done
    fi
    [ -f "$1/usr/share/locale/zh_CN/LC_MESSAGES/signpost.mo" ] || fail "no Chinese catalogue"
    run "$bin" take --lang zh --seed 1 </dev/null
    expect_contains "the installed catalogue is found" "$out$err" "第 1 题"
    run_installed_store "$1"
}

# run_installed_store ROOT: the store of released files is installed whole, and the installed
# program finds in it the quiz of a committed result once the installed placement quiz changed.
run_installed_store() {
    local quizzes=$1/usr/share/signpost/quizzes
    for f in "$SP_SRC"/quizzes/released/*.yaml; do
        cmp -s "$f" "$quizzes/released/${f##*/}" || fail "released/${f##*/} not installed"
    done
    sed -i 's/^version: 1.0.0/version: 1.1.0/; s/^  level_pass: .*/  level_pass: 0.55/' \
        "$quizzes/placement.yaml"
    printf '# a later version\n' >>"$quizzes/placement.yaml"
    run "$1/usr/bin/signpost" verify --strict -v -p "$SP_SRC/tests/sign/data/good/plain.pub" \
        "$SP_SRC/tests/data/released/placement-1.0.0.signpost"
    expect_status 0
    expect_contains "verify" "$out" "placement-1.0.0.signpost: verified — "
    expect_contains "verify" "$out" "$quizzes/released/"
}

test_staging_install_runs_from_anywhere() {
    DESTDIR=$T/root cmake --install "$SP_BUILD" --prefix /usr >/dev/null || fail "install failed"
    run_installed "$T/root"
}

test_debian_package_installs_and_runs() {
    command -v dpkg-deb >/dev/null || { echo "dpkg-deb missing: skipped"; return 0; }
    (cd "$SP_BUILD" && cpack -G DEB -B "$T/pkg" >/dev/null) || fail "cpack failed"
    deb=$(ls "$T"/pkg/signpost_*.deb) || fail "no .deb built"
    depends=$(dpkg-deb -f "$deb" Depends)
    dpkg-deb -x "$deb" "$T/root" || fail "dpkg-deb -x failed"
    # Every shared library the program needs comes from a package it depends on (with
    # SIGNPOST_STATIC_LIBS, the default, only libc6's).
    local so path pkg n=0
    while read -r so path; do
        case $so in lib*san.so*) continue ;; esac # a sanitizer's runtime: test builds only
        # dpkg knows a library by one of its two paths on a merged /usr
        pkg=$(dpkg -S "$path" 2>/dev/null || dpkg -S "${path#/usr}" 2>/dev/null ||
            dpkg -S "/usr$path" 2>/dev/null)
        pkg=${pkg%%:*}
        [ -n "$pkg" ] || fail "no package holds $so ($path)"
        expect_contains "Depends" "$depends" "$pkg"
        n=$((n + 1))
    done < <(ldd "$T/root/usr/bin/signpost" | awk '$2 == "=>" && $3 ~ /^\// {print $1, $3}' |
        grep -F -w -f <(readelf -d "$T/root/usr/bin/signpost" |
            sed -n 's/.*Shared library: \[\(.*\)\]/\1/p')) # what it names itself
    [ "$n" -ge 1 ] || fail "ldd found no shared library"
    run_installed "$T/root"
}
