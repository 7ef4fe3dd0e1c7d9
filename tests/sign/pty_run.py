#!/usr/bin/env python3
"""Runs a program on a pseudo-terminal and answers its prompts, for tests of terminal input.

    pty_run.py PROMPT ANSWER [PROMPT ANSWER...] -- PROGRAM [ARGS...]

Waits for each PROMPT to appear in the program's output (at most 30 s), then types ANSWER and
Enter. Prints everything the terminal showed and exits with the program's exit status (or 125
when a prompt never came). Standard input of the program is the terminal, as for a person.
"""
import os
import pty
import select
import sys
import time


def main(argv):
    sep = argv.index("--")
    pairs = argv[1:sep]
    command = argv[sep + 1 :]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    shown = b""

    def read_some(timeout):
        nonlocal shown
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(fd, 4096)
        except OSError:  # the program ended and closed the terminal
            return False
        shown += data
        return bool(data)

    seen = 0
    for prompt, answer in zip(pairs[0::2], pairs[1::2]):
        deadline = time.monotonic() + 30
        while shown.find(prompt.encode(), seen) < 0:
            if time.monotonic() > deadline or not read_some(0.1):
                sys.stdout.write(shown.decode(errors="replace"))
                print(f"\npty_run: the prompt {prompt!r} never came", file=sys.stderr)
                os.kill(pid, 9)
                return 125
        seen = shown.find(prompt.encode(), seen) + len(prompt)
        os.write(fd, answer.encode() + b"\n")
    while read_some(30):
        pass
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(shown.decode(errors="replace").replace("\r\n", "\n"))
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
