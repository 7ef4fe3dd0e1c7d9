/* Internal: a string-keyed hash map with open addressing and linear probing. */
#include "base/idmap.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

static size_t slot_of(const sp_idmap *m, const char *key)
{
    uint64_t h = sp_fnv1a(SP_FNV_OFFSET, key, strlen(key));
    size_t i = (size_t)h & (m->cap - 1);
    while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

const void *sp_idmap_get(const sp_idmap *m, const char *key)
{
    if (m->cap == 0)
        return NULL;
    const sp_idmap_slot *s = &m->slots[slot_of(m, key)];
    return s->key ? s->value : NULL;
}

/* Keeps the load factor at or under one half. */
static int grow(sp_idmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    if (cap > SIZE_MAX / sizeof(sp_idmap_slot))
        return -1;
    sp_idmap bigger = {calloc(cap, sizeof(sp_idmap_slot)), cap, 0};
    if (!bigger.slots)
        return -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->slots[i].key) {
            bigger.slots[slot_of(&bigger, m->slots[i].key)] = m->slots[i];
            bigger.len++;
        }
    }
    free(m->slots);
    *m = bigger;
    return 0;
}

int sp_idmap_put(sp_idmap *m, const char *key, const void *value, const void **old)
{
    if ((m->len + 1) * 2 > m->cap && grow(m) != 0)
        return -1;
    sp_idmap_slot *s = &m->slots[slot_of(m, key)];
    if (s->key) {
        if (old)
            *old = s->value;
        return 0;
    }
    s->key = key;
    s->value = value;
    m->len++;
    return 1;
}

void sp_idmap_free(sp_idmap *m)
{
    free(m->slots);
    *m = (sp_idmap){0};
}
