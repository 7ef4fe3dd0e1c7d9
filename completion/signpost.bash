# bash completion for signpost(1).
#
# Subcommands come from `signpost --help` and each subcommand's options from `signpost help
# CMD`, so that completion never lags behind the program; files are offered by kind (quizzes
# and answer files *.yaml, results *.signpost, keys *.key and *.pub), and --quiz also offers
# the quizzes installed with signpost.

_signpost_quizzes()
{
    local bin dir
    bin=$(command -v signpost 2>/dev/null) || return
    dir=$(dirname -- "$(readlink -f -- "$bin")")/../share/signpost/quizzes
    [ -d "$dir" ] && compgen -G "$dir/*.yaml"
}

_signpost_files()
{
    # Files matching the glob, and folders to walk into.
    local IFS=$'\n'
    COMPREPLY+=($(compgen -f -X "!$1" -- "$cur") $(compgen -d -- "$cur"))
    compopt -o filenames 2>/dev/null
}

_signpost()
{
    local cur prev cmd i
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    COMPREPLY=()
    cmd=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -*) ;;
        *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done
    if [ -z "$cmd" ]; then
        local commands
        commands=$(signpost --help 2>/dev/null | sed -n 's/^  \([a-z]*\) .*/\1/p')
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    case $prev in
    -q|--quiz)
        local IFS=$'\n'
        COMPREPLY=($(compgen -W "$(_signpost_quizzes)" -- "$cur"))
        _signpost_files '*.yaml'
        return ;;
    -a|--answers) _signpost_files '*.yaml'; return ;;
    -k|--key|-s) _signpost_files '*.key'; return ;;
    -p) _signpost_files '*.pub'; return ;;
    -o|--out|--output)
        if [ "$cmd" = verifier ]; then _signpost_files '*.html'; else _signpost_files '*.signpost'; fi
        return ;;
    --html) _signpost_files '*.html'; return ;;
    --passphrase-file) _signpost_files '*'; return ;;
    -l|--lang) COMPREPLY=($(compgen -W "en zh" -- "$cur")); return ;;
    --missing) COMPREPLY=($(compgen -W "skip error" -- "$cur")); return ;;
    --discard)
        # The numbers of the unfinished quizzes, as signpost take --sessions lists them.
        COMPREPLY=($(compgen -W "$(signpost take --sessions 2>/dev/null |
            sed -n 's/^ *\([0-9][0-9]*\)\. .*/\1/p')" -- "$cur"))
        return ;;
    --remove)
        # The ids of the trusted keys, as signpost trust --list prints them.
        COMPREPLY=($(compgen -W "$(signpost trust --list 2>/dev/null |
            sed -n 's/^\([0-9A-F]\{16\}\)  .*/\1/p')" -- "$cur"))
        return ;;
    -P|-S|--seed|--name) return ;;
    esac
    if [[ $cur == -* ]]; then
        local options
        options=$(signpost help "$cmd" 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi
    case $cmd in
    help)
        local commands
        commands=$(signpost --help 2>/dev/null | sed -n 's/^  \([a-z]*\) .*/\1/p')
        COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
    check) _signpost_files '*.yaml' ;;
    verify)
        # Results, and badges (Open Badges credentials: docs/badges.md).
        _signpost_files '*.signpost'
        local IFS=$'\n'
        COMPREPLY+=($(compgen -f -X '!*.json' -- "$cur")) ;;
    sign|show|export|analyze) _signpost_files '*.signpost' ;;
    trust) _signpost_files '*.pub' ;;
    esac
}
complete -F _signpost signpost
