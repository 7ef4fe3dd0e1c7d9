/* Paging long screens on a terminal (pager.h). */
#include "pager.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Most words of a pager command run without a shell, and its longest length. */
#define MAX_WORDS 32
#define MAX_CMD   1024

const char *pager_command(void)
{
    const char *cmd = getenv("SIGNPOST_PAGER");
    if (!cmd)
        cmd = getenv("PAGER");
    if (!cmd)
        return "less -R";
    cmd += strspn(cmd, " \t");
    size_t n = strlen(cmd);
    while (n > 0 && (cmd[n - 1] == ' ' || cmd[n - 1] == '\t'))
        n--;
    if (n == 0 || (n == 3 && strncmp(cmd, "cat", 3) == 0))
        return NULL;
    return cmd;
}

bool pager_wanted(void)
{
    return isatty(STDOUT_FILENO) && pager_command() != NULL;
}

/* True when cmd is words a shell would take as they are: then it runs without one, and a
 * pager that is not installed is known at once (its exec fails) and the text is printed. */
static bool plain_words(const char *cmd)
{
    static const char ok[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                             " -_./,:+@";
    return strlen(cmd) < MAX_CMD && cmd[strspn(cmd, ok)] == '\0';
}

/* In the child: runs the pager on the pipe in, and on failure writes errno to report. */
static void run_pager(const char *cmd, int in, int report)
{
    char copy[MAX_CMD], *argv[MAX_WORDS + 1];
    size_t n = 0;
    if (dup2(in, STDIN_FILENO) < 0)
        _exit(127);
    if (!getenv("LESS"))
        setenv("LESS", "FRX", 1); /* as git does: a screen that fits is printed, not paged */
    if (!getenv("LV"))
        setenv("LV", "-c", 1);
    if (plain_words(cmd)) {
        snprintf(copy, sizeof(copy), "%s", cmd);
        for (char *w = strtok(copy, " "); w && n < MAX_WORDS; w = strtok(NULL, " "))
            argv[n++] = w;
    } else {
        argv[n++] = "sh";
        argv[n++] = "-c";
        argv[n++] = (char *)cmd;
    }
    argv[n] = NULL;
    execvp(argv[0], argv);
    int e = errno;
    ssize_t w = write(report, &e, sizeof(e));
    (void)w;
    _exit(127);
}

static void reap(pid_t pid)
{
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        continue;
}

static void cloexec(const int fds[2])
{
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
}

/* Forks the pager reading data[0]; returns its pid once it runs, or -1 (reaped) when it could
 * not be started. The report pipe is closed on exec: reading nothing from it means it ran. */
static pid_t spawn(const char *cmd, const int data[2])
{
    int report[2];
    if (pipe(report) != 0)
        return -1;
    cloexec(report);
    pid_t pid = fork();
    if (pid == 0) {
        close(data[1]);
        close(report[0]);
        run_pager(cmd, data[0], report[1]);
    }
    close(report[1]);
    int e = 0;
    ssize_t got = 0;
    while (pid > 0 && (got = read(report[0], &e, sizeof(e))) < 0 && errno == EINTR)
        continue;
    close(report[0]);
    if (pid > 0 && got != 0) {
        reap(pid);
        return -1;
    }
    return pid;
}

static void ignore(int sig, struct sigaction *old)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_IGN;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, old);
}

bool pager_start(pager *p)
{
    int data[2];
    p->pid = 0;
    p->terminal = -1;
    if (!pager_wanted() || pipe(data) != 0)
        return false;
    cloexec(data);
    fflush(stdout);
    pid_t pid = spawn(pager_command(), data);
    close(data[0]);
    p->terminal = pid > 0 ? fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3) : -1;
    if (p->terminal < 0 || dup2(data[1], STDOUT_FILENO) < 0) {
        close(data[1]);
        if (p->terminal >= 0)
            close(p->terminal);
        p->terminal = -1;
        if (pid > 0)
            reap(pid); /* it ends when the pipe closes */
        return false;
    }
    close(data[1]);
    ignore(SIGINT, &p->old_int);
    ignore(SIGQUIT, &p->old_quit);
    ignore(SIGPIPE, &p->old_pipe);
    p->pid = pid;
    return true;
}

void pager_stop(pager *p)
{
    if (!p->pid)
        return;
    if (fflush(stdout) != 0)
        __fpurge(stdout); /* the pager was quit before the end: the rest is not wanted */
    clearerr(stdout);
    dup2(p->terminal, STDOUT_FILENO); /* closes the pipe: the pager reads its end */
    close(p->terminal);
    reap(p->pid);
    sigaction(SIGINT, &p->old_int, NULL);
    sigaction(SIGQUIT, &p->old_quit, NULL);
    sigaction(SIGPIPE, &p->old_pipe, NULL);
    p->pid = 0;
    p->terminal = -1;
}
