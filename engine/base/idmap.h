/* Internal: a string-keyed hash map for ids (questions, answers). Keys are not copied: they
 * must outlive the map. */
#ifndef SP_IDMAP_H
#define SP_IDMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct sp_idmap_slot {
    const char *key;
    const void *value;
} sp_idmap_slot;

typedef struct sp_idmap {
    sp_idmap_slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t len;
} sp_idmap;

/* Finds key; returns its value, or NULL when absent. */
const void *sp_idmap_get(const sp_idmap *m, const char *key);

/* Inserts key -> value unless key is present. Returns 1 when inserted, 0 when the key was
 * already there (*old, when not NULL, gets the existing value), -1 when out of memory. */
int sp_idmap_put(sp_idmap *m, const char *key, const void *value, const void **old);

void sp_idmap_free(sp_idmap *m);

#endif
