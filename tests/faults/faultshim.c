/* A test helper: an LD_PRELOAD library that makes signpost's file writes fail, or kills it in
 * the middle of them, as a full disk, a failing device or a power cut would. It stands in for
 * a small full file system, which a test cannot mount without privileges.
 *
 * It wraps the calls through which signpost writes files (write, fsync, fdatasync, rename,
 * renameat2, link, unlink) and acts only on files whose path contains $SP_FAULT_MATCH (every
 * regular file when unset), and on the fsync of a folder that follows the renaming of such a
 * file. Settings, from the environment:
 *
 *   SP_FAULT_ENOSPC_AFTER=N  writes to matching files fail with ENOSPC once N bytes have gone
 *                            to them in all (a write across the limit is cut short first,
 *                            as on a real full disk)
 *   SP_FAULT_FSYNC=1         fsync and fdatasync of matching files fail with EIO
 *   SP_FAULT_RENAME=1        renaming or linking a matching file fails with EIO
 *   SP_FAULT_KILL_AT=N       the N-th step (a write to a matching file; an fsync of one or of
 *                            its folder; a rename, link or unlink of one) kills the process
 *                            with SIGKILL before it happens
 *   SP_FAULT_LOG=FILE        appends one line per step to FILE ("write PATH", "fsync PATH",
 *                            ...), so that a test can count the steps of a run
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static long long written; /* bytes written to matching files so far */
static long steps;        /* steps taken so far */
static bool named;        /* a matching file was renamed or linked: its folder's fsync is next */

static void *next(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    if (!f)
        abort();
    return f;
}

static long long env_number(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? atoll(v) : -1;
}

static bool matches(const char *path)
{
    const char *want = getenv("SP_FAULT_MATCH");
    return path && (!want || !*want || strstr(path, want));
}

/* The path of an open file, and what it is: 'f' a regular file, 'd' a folder, 0 anything else
 * (a terminal, a pipe: never touched). */
static char fd_path(int fd, char *path, size_t size)
{
    struct stat st;
    char link[64];
    if (fstat(fd, &st) != 0 || (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)))
        return 0;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, size - 1);
    if (n < 0)
        return 0;
    path[n] = '\0';
    return S_ISDIR(st.st_mode) ? 'd' : 'f';
}

/* Counts a step, logs it, and kills the process when it is the one asked for. */
static void step(const char *what, const char *path)
{
    steps++;
    const char *log = getenv("SP_FAULT_LOG");
    if (log && *log) {
        int (*real_open)(const char *, int, ...) = next("open");
        ssize_t (*real_write)(int, const void *, size_t) = next("write");
        int fd = real_open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd >= 0) {
            char line[PATH_MAX + 64];
            int n = snprintf(line, sizeof(line), "%ld %s %s\n", steps, what, path);
            if (n > 0)
                (void)!real_write(fd, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line));
            close(fd);
        }
    }
    if (steps == env_number("SP_FAULT_KILL_AT"))
        raise(SIGKILL);
}

ssize_t write(int fd, const void *buf, size_t count)
{
    static ssize_t (*real)(int, const void *, size_t);
    if (!real)
        real = next("write");
    char path[PATH_MAX];
    if (fd_path(fd, path, sizeof(path)) != 'f' || !matches(path))
        return real(fd, buf, count);
    step("write", path);
    long long limit = env_number("SP_FAULT_ENOSPC_AFTER");
    if (limit >= 0 && written + (long long)count > limit) {
        if (written >= limit) {
            errno = ENOSPC;
            return -1;
        }
        count = (size_t)(limit - written);
    }
    ssize_t n = real(fd, buf, count);
    if (n > 0)
        written += n;
    return n;
}

static int sync_common(int fd, const char *name)
{
    char path[PATH_MAX];
    char kind = fd_path(fd, path, sizeof(path));
    if ((kind == 'd' && named) || (kind == 'f' && matches(path))) {
        named = named && kind != 'd';
        step(name, path);
        if (kind == 'f' && env_number("SP_FAULT_FSYNC") > 0) {
            errno = EIO;
            return -1;
        }
    }
    int (*real)(int) = next(name);
    return real(fd);
}

int fsync(int fd)
{
    return sync_common(fd, "fsync");
}

int fdatasync(int fd)
{
    return sync_common(fd, "fdatasync");
}

/* A rename or link of a matching file: a step, and a failure when SP_FAULT_RENAME is set. */
static bool naming_fails(const char *what, const char *from, const char *to)
{
    if (!matches(from) && !matches(to))
        return false;
    named = true;
    step(what, to);
    if (env_number("SP_FAULT_RENAME") > 0) {
        errno = EIO;
        return true;
    }
    return false;
}

int rename(const char *from, const char *to)
{
    if (naming_fails("rename", from, to))
        return -1;
    int (*real)(const char *, const char *) = next("rename");
    return real(from, to);
}

int renameat2(int fromdir, const char *from, int todir, const char *to, unsigned flags)
{
    if (naming_fails("renameat2", from, to))
        return -1;
    int (*real)(int, const char *, int, const char *, unsigned) = next("renameat2");
    return real(fromdir, from, todir, to, flags);
}

int link(const char *from, const char *to)
{
    if (naming_fails("link", from, to))
        return -1;
    int (*real)(const char *, const char *) = next("link");
    return real(from, to);
}

int unlink(const char *path)
{
    if (matches(path))
        step("unlink", path);
    int (*real)(const char *) = next("unlink");
    return real(path);
}
