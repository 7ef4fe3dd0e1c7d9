#!/usr/bin/env bash
# Keeps the released versions of a quiz folder's files: copies every manifest, directions file
# and bank of the folder into its store, FOLDER/released/HEX.yaml, where HEX is the BLAKE2b-256
# digest of the file's bytes (the digest results record). Run it whenever a shipped quiz file
# changes, and commit the store with the change: results taken with any released version then
# keep verifying (docs/formats.md, "Released versions").
#
#   tools/release.sh [FOLDER]           add what is missing; prints each file it added
#   tools/release.sh --check [FOLDER]   add nothing; name each file not in the store, exit 1
#
# FOLDER is quizzes/ of this source tree by default. A file is one of the quiz's when its first
# line that is not blank, a comment or a directive is `signpost: quiz/1`, `directions/1` or
# `bank/1`. Idempotent: a file already stored is left alone; a stored file whose bytes do not
# match its name is replaced. Exit status: 0 done (or, with --check, nothing missing), 1 some
# file not released (--check), 2 usage, 3 a file could not be read or written.
set -euo pipefail

check=false
if [ "${1:-}" = "--check" ]; then
    check=true
    shift
fi
case "${1:-}" in
-*) printf 'usage: tools/release.sh [--check] [FOLDER]\n' >&2; exit 2 ;;
esac
[ $# -le 1 ] || { printf 'usage: tools/release.sh [--check] [FOLDER]\n' >&2; exit 2; }
if [ $# -eq 1 ]; then
    dir=${1%/}
else
    cd "$(dirname "$0")/.."
    dir=quizzes
fi
[ -d "$dir" ] || { printf 'release.sh: %s is not a folder\n' "$dir" >&2; exit 3; }
command -v b2sum >/dev/null || { printf 'release.sh: b2sum (GNU coreutils) is needed\n' >&2; exit 3; }
store=$dir/released

# digest FILE: the 64 hex digits of BLAKE2b-256 of FILE's bytes.
digest() {
    local line
    line=$(b2sum -l 256 <"$1") || exit 3
    printf '%s' "${line%% *}"
}

# is_quiz_file FILE: whether FILE starts with a signpost format tag, as signpost reads it.
is_quiz_file() {
    LC_ALL=C awk '
        NR == 1 { sub(/^\357\273\277/, "") }
        { sub(/\r$/, "") }
        /^[ \t]*$/ || /^[ \t]*#/ || /^%/ || /^---/ { next }
        { ok = $0 ~ /^signpost:[ \t]*["'\'']?(quiz|directions|bank)\/1["'\'']?[ \t]*(#.*)?$/; exit }
        END { exit !ok }' "$1"
}

tmp=
trap '[ -z "$tmp" ] || rm -f "$tmp"' EXIT

# keep FILE HEX: copies FILE into the store under HEX, through a temporary file that is checked
# before it takes the name, so that the store never holds a partial copy.
keep() {
    local file=$1 hex=$2 what=$3
    mkdir -p "$store" || exit 3
    tmp=$(mktemp "$store/.release.XXXXXX") || exit 3
    cp "$file" "$tmp" || exit 3
    if [ "$(digest "$tmp")" != "$hex" ]; then
        printf 'release.sh: %s changed while it was copied; run again\n' "$file" >&2
        exit 3
    fi
    chmod 644 "$tmp" && mv -f "$tmp" "$store/$hex.yaml" || exit 3
    tmp=
    printf '%s %s (%s)\n' "$what" "$store/$hex.yaml" "$file"
}

missing=0
while IFS= read -r -d '' file; do
    is_quiz_file "$file" || continue
    hex=$(digest "$file")
    kept=$store/$hex.yaml
    if [ -f "$kept" ] && [ "$(digest "$kept")" = "$hex" ]; then
        continue
    fi
    if $check; then
        printf 'not released: %s (%s)\n' "$file" "$hex"
        missing=1
    elif [ -e "$kept" ] || [ -L "$kept" ]; then
        rm -rf "$kept" || exit 3
        keep "$file" "$hex" replaced
    else
        keep "$file" "$hex" added
    fi
done < <(find "$dir" -path "$store" -prune -o -type f -name '*.yaml' -print0 | LC_ALL=C sort -z)
exit "$missing"
