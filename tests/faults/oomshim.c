/* A test helper: an LD_PRELOAD library that makes large allocations fail, as a machine out of
 * memory would, so that a test can see signpost say "out of memory" and exit with status 4
 * instead of crashing.
 *
 *   SP_OOM_OVER=N   malloc, calloc, realloc, aligned_alloc and posix_memalign of N bytes or
 *                   more fail with ENOMEM, and so does an anonymous mmap of N bytes or more
 *                   (libsodium's scrypt takes its memory that way)
 *
 * Small allocations go through, so that the C library and the program start as usual and the
 * failure comes where a large input or a key derivation needs memory. Unset, it does nothing.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* The limit; SIZE_MAX when unset. Read at every call rather than once: the first allocations
 * can come before the environment is set up (under AddressSanitizer they do). getenv allocates
 * nothing. */
static size_t limit(void)
{
    const char *v = getenv("SP_OOM_OVER");
    size_t over = v && *v ? (size_t)strtoull(v, NULL, 10) : 0;
    return over ? over : SIZE_MAX;
}

static bool refused(size_t n)
{
    if (n < limit())
        return false;
    errno = ENOMEM;
    return true;
}

/* dlsym may itself call calloc before the real calloc is known: that one is served from here
 * (never freed: it is the loader's bookkeeping, kept for the life of the process). */
static unsigned char boot[8192];
static size_t boot_used;

static void *boot_calloc(size_t n, size_t size)
{
    size_t want = (n * size + 15) & ~(size_t)15;
    if (want > sizeof(boot) - boot_used)
        return NULL;
    void *p = boot + boot_used;
    boot_used += want;
    return p;
}

#define REAL(type, name, args)                                                                     \
    static type(*real) args;                                                                       \
    if (!real)                                                                                     \
        real = (type(*) args)dlsym(RTLD_NEXT, name);

void *malloc(size_t n)
{
    REAL(void *, "malloc", (size_t))
    return refused(n) ? NULL : real(n);
}

void *calloc(size_t n, size_t size)
{
    static void *(*real)(size_t, size_t);
    static bool resolving;
    if (!real) {
        if (resolving)
            return boot_calloc(n, size);
        resolving = true;
        real = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
        resolving = false;
    }
    if (size && n > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    return refused(n * size) ? NULL : real(n, size);
}

void *realloc(void *p, size_t n)
{
    REAL(void *, "realloc", (void *, size_t))
    return refused(n) ? NULL : real(p, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    REAL(void *, "aligned_alloc", (size_t, size_t))
    return refused(n) ? NULL : real(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    REAL(int, "posix_memalign", (void **, size_t, size_t))
    return refused(n) ? ENOMEM : real(out, align, n);
}

void *mmap(void *addr, size_t n, int prot, int flags, int fd, off_t off)
{
    REAL(void *, "mmap", (void *, size_t, int, int, int, off_t))
    if ((flags & MAP_ANONYMOUS) && refused(n))
        return MAP_FAILED;
    return real(addr, n, prot, flags, fd, off);
}
