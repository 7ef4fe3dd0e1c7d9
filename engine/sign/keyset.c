/* Key sets: the public keys a verifier knows, and the folder of trusted keys (verify.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fileio.h"
#include "base/idmap.h"
#include "signpost/verify.h"
#include "base/util.h"

/* One known key. Entries are allocated one by one, so that the pointers a lookup hands out
 * stay valid while the set grows. */
typedef struct ks_entry {
    char hex[SP_KEYID_HEX_SIZE]; /* the key id, the key of the cache map */
    bool found;
    sp_pubkey key;
    char *origin;
    char *note;
} ks_entry;

struct sp_keyset {
    sp_vec given; /* ks_entry *, in the order added */
    char *dir;
    ks_entry *own;
    sp_vec cached;  /* ks_entry *: lookups in dir, found or not */
    sp_idmap cache; /* hex -> ks_entry * */
};

static void entry_free(ks_entry *e)
{
    if (!e)
        return;
    free(e->origin);
    free(e->note);
    free(e);
}

static ks_entry *entry_new(const unsigned char id[SP_KEYID_BYTES], const sp_pubkey *key,
                           const char *origin)
{
    ks_entry *e = calloc(1, sizeof(*e));
    if (!e)
        return NULL;
    sp_keyid_format(id, e->hex);
    if (key) {
        e->found = true;
        e->key = *key;
    }
    if (origin && !(e->origin = strdup(origin))) {
        entry_free(e);
        return NULL;
    }
    return e;
}

static void free_entries(sp_vec *v)
{
    ks_entry **items = v->data;
    for (size_t i = 0; i < v->len; i++)
        entry_free(items[i]);
    sp_vec_free(v);
}

sp_keyset *sp_keyset_new(void)
{
    return calloc(1, sizeof(sp_keyset));
}

void sp_keyset_free(sp_keyset *ks)
{
    if (!ks)
        return;
    free_entries(&ks->given);
    free_entries(&ks->cached);
    sp_idmap_free(&ks->cache);
    entry_free(ks->own);
    free(ks->dir);
    free(ks);
}

int sp_keyset_add(sp_keyset *ks, const sp_pubkey *key, const char *origin)
{
    ks_entry **given = ks->given.data;
    for (size_t i = 0; i < ks->given.len; i++)
        if (memcmp(given[i]->key.id, key->id, SP_KEYID_BYTES) == 0 &&
            memcmp(given[i]->key.pk, key->pk, sizeof(key->pk)) == 0)
            return 0; /* the same key given twice is tried once */
    ks_entry *e = entry_new(key->id, key, origin);
    ks_entry **slot = e ? sp_vec_push(&ks->given, sizeof(*slot)) : NULL;
    if (!slot) {
        entry_free(e);
        return SP_ENOMEM;
    }
    *slot = e;
    return 0;
}

int sp_keyset_set_dir(sp_keyset *ks, const char *dir)
{
    char *copy = strdup(dir);
    if (!copy)
        return SP_ENOMEM;
    free(ks->dir);
    ks->dir = copy;
    return 0;
}

int sp_keyset_set_own(sp_keyset *ks, const sp_pubkey *key, const char *origin)
{
    ks_entry *e = entry_new(key->id, key, origin);
    if (!e)
        return SP_ENOMEM;
    entry_free(ks->own);
    ks->own = e;
    return 0;
}

const char *sp_keyset_dir(const sp_keyset *ks)
{
    return ks->dir;
}

size_t sp_keyset_given_count(const sp_keyset *ks)
{
    return ks->given.len;
}

const sp_pubkey *sp_keyset_given_at(const sp_keyset *ks, size_t i, const char **origin)
{
    ks_entry *const *items = ks->given.data;
    if (i >= ks->given.len)
        return NULL;
    if (origin)
        *origin = items[i]->origin;
    return &items[i]->key;
}

/* ---- The trusted folder ---------------------------------------------------------------------- */

/* Why a key file in the trusted folder cannot be used, as a malloc'd sentence. */
static char *load_note(const char *path, int rc, int err, const sp_diags *d)
{
    sp_buf b = {0};
    if (rc == SP_EIO)
        sp_buf_printf(&b, _("the trusted key file %s cannot be read: %s"), path,
                      sp_input_strerror(path, err));
    else if (rc == SP_EKEY && sp_diags_count(d) > 0)
        sp_buf_printf(&b, _("the trusted key file %s is not a valid public key (line %u: %s)"),
                      path, sp_diags_at(d, 0)->line, sp_diags_at(d, 0)->message);
    else
        sp_buf_printf(&b, _("the trusted key file %s cannot be used: %s"), path, sp_strerror(rc));
    return b.failed ? NULL : b.data;
}

/* Reads DIR/HEX.pub into e: found when it holds the key with e's id. A missing file is simply
 * not found; any other problem leaves a note. Returns 0 or SP_ENOMEM. */
static int load_trusted(const sp_keyset *ks, ks_entry *e, const unsigned char id[SP_KEYID_BYTES])
{
    sp_buf path = {0};
    sp_buf_printf(&path, "%s/%s.pub", ks->dir, e->hex);
    sp_diags *d = sp_diags_new();
    if (path.failed || !d) {
        sp_buf_free(&path);
        sp_diags_free(d);
        return SP_ENOMEM;
    }
    sp_pubkey key;
    int rc = sp_pubkey_load(path.data, d, &key);
    int err = errno;
    if (rc == 0 && memcmp(key.id, id, SP_KEYID_BYTES) == 0) {
        e->found = true;
        e->key = key;
        e->origin = strdup(path.data);
        rc = e->origin ? 0 : SP_ENOMEM;
    } else if (rc == 0) {
        char other[SP_KEYID_HEX_SIZE];
        sp_keyid_format(key.id, other);
        sp_buf note = {0};
        sp_buf_printf(&note, _("the trusted key file %s holds key %s, not %s"), path.data, other,
                      e->hex);
        e->note = note.data;
        rc = note.failed ? SP_ENOMEM : 0;
    } else if (rc == SP_ENOMEM) {
        /* passed on */
    } else if (rc == SP_EIO && err == ENOENT) {
        rc = 0;
    } else {
        e->note = load_note(path.data, rc, err, d);
        rc = e->note ? 0 : SP_ENOMEM;
    }
    sp_buf_free(&path);
    sp_diags_free(d);
    return rc;
}

/* The cached lookup of id in the trusted folder, made on first use. */
static int find_in_dir(sp_keyset *ks, const unsigned char id[SP_KEYID_BYTES], ks_entry **out)
{
    char hex[SP_KEYID_HEX_SIZE];
    sp_keyid_format(id, hex);
    *out = (ks_entry *)sp_idmap_get(&ks->cache, hex);
    if (*out)
        return 0;
    ks_entry *e = entry_new(id, NULL, NULL);
    if (!e)
        return SP_ENOMEM;
    int rc = load_trusted(ks, e, id);
    ks_entry **slot = rc == 0 ? sp_vec_push(&ks->cached, sizeof(*slot)) : NULL;
    if (!slot) {
        entry_free(e);
        return SP_ENOMEM;
    }
    *slot = e;
    if (sp_idmap_put(&ks->cache, e->hex, e, NULL) < 0)
        return SP_ENOMEM; /* the entry stays owned by ks->cached */
    *out = e;
    return 0;
}

/* ---- Lookup ---------------------------------------------------------------------------------- */

/* Appends a candidate to out (max entries) and counts it in *n. */
static void found(sp_key_lookup *out, size_t max, size_t *n, sp_key_source source,
                  const ks_entry *e)
{
    if (*n < max)
        out[*n] = (sp_key_lookup){source, &e->key, e->origin, NULL};
    (*n)++;
}

int sp_keyset_find_all(sp_keyset *ks, const unsigned char id[SP_KEYID_BYTES], sp_key_lookup *out,
                       size_t max, size_t *n, const char **note)
{
    *n = 0;
    *note = NULL;
    ks_entry **given = ks->given.data;
    for (size_t i = 0; i < ks->given.len; i++)
        if (memcmp(given[i]->key.id, id, SP_KEYID_BYTES) == 0)
            found(out, max, n, SP_KEY_GIVEN, given[i]);
    if (ks->dir) {
        ks_entry *e;
        int rc = find_in_dir(ks, id, &e);
        if (rc != 0)
            return rc;
        if (e->found)
            found(out, max, n, SP_KEY_TRUSTED_DIR, e);
        *note = e->note;
    }
    if (ks->own && memcmp(ks->own->key.id, id, SP_KEYID_BYTES) == 0)
        found(out, max, n, SP_KEY_OWN, ks->own);
    return 0;
}

int sp_keyset_find(sp_keyset *ks, const unsigned char id[SP_KEYID_BYTES], sp_key_lookup *out)
{
    size_t n;
    const char *note;
    *out = (sp_key_lookup){SP_KEY_NONE, NULL, NULL, NULL};
    int rc = sp_keyset_find_all(ks, id, out, 1, &n, &note);
    out->note = note;
    return rc;
}
