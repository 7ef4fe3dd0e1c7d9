/* Internal: a bump allocator for the immutable model. */
#include "base/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Ordinary chunks are this big; a request over a quarter of it gets its own chunk. */
#define CHUNK_SIZE (64u * 1024)

struct sp_arena_chunk {
    sp_arena_chunk *next;
    size_t size;
    alignas(max_align_t) unsigned char data[];
};

/* Ordinary chunks given back, kept for the next arena instead of going back to malloc: a loop
 * that parses one result after another (analyze, verify) would otherwise free and take 64 KiB
 * chunks at the top of the heap each time, and glibc would shrink and grow the heap with brk
 * for every result (20,016 brk calls for 10,000 files). At most SPARE_MAX are kept per thread
 * (512 KiB), reachable from here until the thread ends. */
#define SPARE_MAX 8
static _Thread_local sp_arena_chunk *spare;
static _Thread_local unsigned nspare;

static sp_arena_chunk *chunk_new(size_t size)
{
    if (size == CHUNK_SIZE && spare) {
        sp_arena_chunk *c = spare;
        spare = c->next;
        nspare--;
        return c;
    }
    if (size > SIZE_MAX - sizeof(sp_arena_chunk))
        return NULL;
    sp_arena_chunk *c = malloc(sizeof(*c) + size);
    if (c)
        c->size = size;
    return c;
}

/* Frees c, or keeps it for reuse when it is an ordinary chunk and there is room. */
static void chunk_free(sp_arena_chunk *c)
{
    if (c->size == CHUNK_SIZE && nspare < SPARE_MAX) {
        c->next = spare;
        spare = c;
        nspare++;
        return;
    }
    free(c);
}

/* A big block is linked behind the head so that the head keeps filling. */
static void *alloc_big(sp_arena *a, size_t size)
{
    sp_arena_chunk *c = chunk_new(size);
    if (!c)
        return NULL;
    a->total += size;
    if (a->head) {
        c->next = a->head->next;
        a->head->next = c;
    } else {
        c->next = NULL;
        a->head = c;
        a->used = size;
    }
    return c->data;
}

/* Allocates size bytes aligned to align (a power of two), not zeroed. */
static void *alloc_aligned(sp_arena *a, size_t size, size_t align)
{
    if (size == 0)
        size = 1;
    if (size > CHUNK_SIZE / 4)
        return alloc_big(a, size);
    size_t start = a->head ? (a->used + align - 1) & ~(align - 1) : 0;
    if (!a->head || start > a->head->size || a->head->size - start < size) {
        sp_arena_chunk *c = chunk_new(CHUNK_SIZE);
        if (!c)
            return NULL;
        a->total += CHUNK_SIZE;
        c->next = a->head;
        a->head = c;
        start = 0;
    }
    void *p = a->head->data + start;
    a->used = start + size;
    return p;
}

/* Structures in the model hold pointers, doubles and 64-bit integers at most. */
#define STRUCT_ALIGN 8

void *sp_arena_alloc(sp_arena *a, size_t size)
{
    void *p = alloc_aligned(a, size, STRUCT_ALIGN);
    if (p)
        memset(p, 0, size);
    return p;
}

char *sp_arena_strndup(sp_arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    /* Strings need no alignment; packing them keeps a bank's many short ids small. */
    char *p = alloc_aligned(a, n + 1, 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

void *sp_arena_memdup(sp_arena *a, const void *src, size_t count, size_t size)
{
    if (count == 0)
        return NULL;
    if (count > SIZE_MAX / size)
        return NULL;
    void *p = sp_arena_alloc(a, count * size);
    if (p)
        memcpy(p, src, count * size);
    return p;
}

void sp_arena_free(sp_arena *a)
{
    sp_arena_chunk *c = a->head;
    while (c) {
        sp_arena_chunk *next = c->next;
        chunk_free(c);
        c = next;
    }
    a->head = NULL;
    a->used = 0;
    a->total = 0;
}

void sp_arena_reset(sp_arena *a)
{
    sp_arena_chunk *keep = NULL, *c = a->head;
    while (c) {
        sp_arena_chunk *next = c->next;
        if (!keep && c->size == CHUNK_SIZE)
            keep = c;
        else
            chunk_free(c);
        c = next;
    }
    a->head = keep;
    a->used = 0;
    a->total = keep ? CHUNK_SIZE : 0;
    if (keep)
        keep->next = NULL;
}
