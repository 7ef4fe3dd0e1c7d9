/* sp-maxrss: a test helper that runs a command and records its peak memory.
 *
 *   sp-maxrss FILE CMD ARGS...
 *
 * Runs CMD, waits for it, writes the largest resident set size of it and its descendants (in
 * KiB, from getrusage) to FILE, and exits with CMD's status (128 + N when a signal N ended
 * it; 127 when it cannot be run). tests/hostile/run.sh uses it to check that hostile inputs
 * are refused in bounded memory.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: sp-maxrss FILE CMD ARGS...\n");
        return 127;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("sp-maxrss: fork");
        return 127;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror("sp-maxrss: exec");
        _exit(127);
    }
    int st;
    if (waitpid(pid, &st, 0) < 0) {
        perror("sp-maxrss: waitpid");
        return 127;
    }
    struct rusage ru;
    FILE *f = fopen(argv[1], "w");
    if (f && getrusage(RUSAGE_CHILDREN, &ru) == 0)
        fprintf(f, "%ld\n", ru.ru_maxrss);
    if (!f || fclose(f) != 0) {
        perror("sp-maxrss: cannot write the peak memory");
        return 127;
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
