# Helpers for the terminal tests: the real signpost in a tmux pane on a private server.
# Sourced by tests/term/*.sh, which tests/lib.sh runs (it sets $T, HOME, the XDG folders,
# LC_ALL=C.UTF-8 and NO_COLOR=1 before anything here starts the tmux server, so that the
# server and every pane inherit them).
#
#   start COLS ROWS ARGS...  starts `signpost ARGS...` in a COLSxROWS pane
#   restart ARGS...          runs `signpost ARGS...` again in the same pane
#   say TEXT                 types TEXT literally;  key KEY...  presses keys (Enter, C-c)
#   answer TEXT              types TEXT and presses Enter
#   screen                   prints the pane as shown (-e: with attributes)
#   wait_for TEXT [SECONDS]  waits until the pane shows TEXT, or fails showing the pane
#   wait_in_history TEXT     the same, looking also at what scrolled off the pane
#   wait_exit [SECONDS]      waits until the program has ended and sets $status
#   program_pid              prints the process id of the program
#   result_answers FILE      prints the answers: section of a result file

command -v tmux >/dev/null || fail "the terminal tests need tmux (Debian package tmux)"

# The server's socket lives in $T, so that it goes when the test's folder is removed.
export TMUX_TMPDIR=$T
TM_SOCKET=signpost-test-$$
TM_CAPTURE=
trap 'tmux -L "$TM_SOCKET" kill-server 2>/dev/null; rm -rf "$T"' EXIT

tm() {
    tmux -L "$TM_SOCKET" "$@"
}

# The command run in the pane: a shell that runs signpost and writes its exit status to
# $T/status (tmux's own #{pane_dead_status} is not always set), with $T/inputrc for readline,
# which turns bracketed paste off so that the screen holds only what the program draws.
tm_command() {
    rm -f "$T/status"
    printf '%s\n' bash -c '"$@"; echo $? >"$0.new" && mv "$0.new" "$0"' "$T/status" \
        env "INPUTRC=$T/inputrc" "$SIGNPOST" "$@"
}

start() {
    local cols=$1 rows=$2
    shift 2
    printf 'set enable-bracketed-paste off\n' >"$T/inputrc"
    printf '%s\n' 'set -g remain-on-exit on' 'set -g status off' 'set -g history-limit 5000' \
        >"$T/tmux.conf"
    local cmd=()
    mapfile -t cmd < <(tm_command "$@")
    tm -f "$T/tmux.conf" new-session -d -x "$cols" -y "$rows" -c "$T" "${cmd[@]}" ||
        fail "cannot start tmux"
}

restart() {
    local cmd=()
    mapfile -t cmd < <(tm_command "$@")
    tm respawn-pane -k -c "$T" "${cmd[@]}" || fail "cannot restart the pane"
}

say() {
    tm send-keys -l -- "$1"
}

key() {
    tm send-keys "$@"
}

answer() {
    say "$1"
    key Enter
}

screen() {
    tm capture-pane -p "$@"
}

wait_for() {
    local text=$1 limit=${2:-5} start=$SECONDS shown
    while :; do
        shown=$(screen $TM_CAPTURE)
        case "$shown" in *"$text"*) return 0 ;; esac
        if [ $((SECONDS - start)) -ge "$limit" ]; then
            fail "the screen does not show '$text' after ${limit} s; it shows:
$shown"
        fi
        sleep 0.05
    done
}

wait_in_history() {
    TM_CAPTURE="-S -" wait_for "$@"
}

wait_exit() {
    local limit=${1:-5} start=$SECONDS
    while [ ! -f "$T/status" ]; do
        [ $((SECONDS - start)) -ge "$limit" ] && fail "the program is still running:
$(screen)"
        sleep 0.05
    done
    status=$(cat "$T/status")
    out=$(screen -S -) # for expect_status's message
    err=
}

# The process id of the program in the pane: the child of the pane's shell.
program_pid() {
    local shell p
    shell=$(tm display-message -p '#{pane_pid}')
    for p in /proc/[0-9]*; do
        if [ "$(cut -d' ' -f4 "$p/stat" 2>/dev/null)" = "$shell" ]; then
            echo "${p#/proc/}"
            return
        fi
    done
    fail "no program runs in the pane"
}

result_answers() {
    sed -n '/^answers:/,/^scores:/p' "$1" | sed '$d'
}
