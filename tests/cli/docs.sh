# The documentation a user gets links only to what ships: every relative link of README.md and
# docs/*.md names a file of the repository, and no shipped text cites notes that stay outside it
# (../shared/, "seed 002"). Run by tests/lib.sh in a fresh $T.

# The shipped texts: the README, the docs, the man pages, and the quiz files in use (the store of
# released versions, quizzes/released/, keeps old bytes by design: results name them by digest).
shipped() {
    (cd "$SP_SRC" && ls README.md docs/*.md docs/man/*.scd* quizzes/*.yaml quizzes/banks/*.yaml)
}

test_every_relative_link_resolves() {
    python3 - "$SP_SRC" <<'PY' || fail "a link names no file of the repository"
import os, re, sys, glob
src = sys.argv[1]
bad = 0
for doc in [os.path.join(src, "README.md")] + sorted(glob.glob(os.path.join(src, "docs", "*.md"))):
    text = open(doc, encoding="utf-8").read()
    # [text](target) and [text]: target, outside code spans
    text = re.sub(r"`[^`\n]*`", "", text)
    targets = re.findall(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", text)
    targets += re.findall(r"^\s*\[[^\]]+\]:\s*(\S+)", text, re.M)
    for t in targets:
        if re.match(r"^[a-z][a-z0-9+.-]*:", t) or t.startswith("#"):
            continue
        path = os.path.normpath(os.path.join(os.path.dirname(doc), t.split("#")[0]))
        if not path.startswith(os.path.normpath(src) + os.sep) or not os.path.exists(path):
            print(f"{os.path.relpath(doc, src)}: link to {t}: no such file in the repository",
                  file=sys.stderr)
            bad = 1
sys.exit(bad)
PY
}

test_no_shipped_text_cites_what_does_not_ship() {
    local f found=""
    for f in $(shipped); do
        if grep -nE '\.\./shared|shared/(DESIGN|PITFALLS|STYLE)|DESIGN\.md|PITFALLS\.md|[Ss]eed 0[0-9]' "$SP_SRC/$f" >"$T/hits"; then
            found="$found
$f: $(cat "$T/hits")"
        fi
    done
    [ -z "$found" ] || fail "shipped texts cite what is not in the repository:$found"
}
