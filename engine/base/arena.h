/* Internal: a bump allocator for the immutable model.
 *
 * Everything a loaded quiz owns lives in one arena and is freed at once. Allocation never
 * frees individually; big blocks get a chunk of their own so that no space is wasted. */
#ifndef SP_ARENA_H
#define SP_ARENA_H

#include <stddef.h>

typedef struct sp_arena_chunk sp_arena_chunk;

typedef struct sp_arena {
    sp_arena_chunk *head; /* the chunk being filled, then older ones */
    size_t used;          /* bytes used in head */
    size_t total;         /* bytes obtained from malloc, for statistics */
} sp_arena;

/* An arena starts zeroed: sp_arena a = {0}. */

/* Returns size bytes, zero-filled and aligned for the model's structures (8 bytes), or NULL
 * when out of memory. */
void *sp_arena_alloc(sp_arena *a, size_t size);

/* Copies n bytes of s and a terminating NUL into the arena. */
char *sp_arena_strndup(sp_arena *a, const char *s, size_t n);

/* Copies count elements of size bytes; returns NULL for count 0 too (no allocation). */
void *sp_arena_memdup(sp_arena *a, const void *src, size_t count, size_t size);

/* Frees every chunk; the arena is empty and reusable afterwards. */
void sp_arena_free(sp_arena *a);

/* Forgets everything allocated but keeps one ordinary chunk for reuse, so that an arena
 * emptied after every item of a long list does not go back to malloc each time. */
void sp_arena_reset(sp_arena *a);

#endif
