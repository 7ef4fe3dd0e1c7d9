/* The store of released quiz files, kept by content (release.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/fileio.h"
#include "signpost/release.h"
#include "base/util.h"

/* dir/name, or name alone when it is absolute, in a new string; NULL when out of memory. */
static char *join(const char *dir, const char *name)
{
    sp_buf b = {0};
    if (name[0] == '/')
        sp_buf_puts(&b, name);
    else
        sp_buf_printf(&b, "%s/%s", dir, name);
    if (b.failed) {
        sp_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* Whether an error of reading a store file means only that it is not there. */
static bool is_absent(int err)
{
    return err == ENOENT || err == ENOTDIR;
}

/* Reads path into *out when its bytes have digest want. Returns 0, SP_ENOTFOUND or SP_ENOMEM.
 * When diags is not NULL, a file that is there but cannot be read or has other bytes is named
 * in a warning; when it is NULL (a file of the quiz folder, which may well be another version),
 * nothing is said. Regular files only: a FIFO, a device or a folder is refused, never read. */
static int read_checked(const char *path, const unsigned char want[32], sp_diags *diags,
                        sp_quiz_file *out)
{
    char *buf = NULL;
    size_t len = 0;
    int rc = sp_input_read(path, 0, SP_LIMIT_FILE_SIZE, &buf, &len);
    int err = errno;
    if (rc == SP_ENOMEM)
        return rc;
    if (rc == SP_EIO && diags && !is_absent(err))
        sp_diags_add(diags, SP_SEV_WARNING, path, (sp_pos){0, 0}, _("cannot read the file: %s"),
                     sp_input_strerror(path, err));
    else if (rc == SP_ELIMIT && diags)
        sp_diags_add(diags, SP_SEV_WARNING, path, (sp_pos){0, 0},
                     _("the file is larger than the limit of %u MiB"),
                     SP_LIMIT_FILE_SIZE / (1024 * 1024));
    if (rc != 0)
        return SP_ENOTFOUND;
    unsigned char got[32];
    sp_digest(buf, len, got);
    if (memcmp(got, want, 32) != 0) {
        char hex[65];
        sp_hex(got, 32, hex);
        if (diags)
            sp_diags_add(diags, SP_SEV_WARNING, path, (sp_pos){0, 0},
                         _("the file's digest is %.12s, not the one its name gives; it is ignored"),
                         hex);
        free(buf);
        return SP_ENOTFOUND;
    }
    if (!(out->name = strdup(path))) {
        free(buf);
        return SP_ENOMEM;
    }
    out->data = buf;
    out->len = len;
    return 0;
}

int sp_release_read(const char *store, const unsigned char digest[32], sp_diags *diags,
                    sp_quiz_file *out)
{
    memset(out, 0, sizeof(*out));
    char hex[65];
    sp_hex(digest, 32, hex);
    sp_buf path = {0};
    sp_buf_printf(&path, "%s/%s.yaml", store, hex);
    int rc = path.failed ? SP_ENOMEM : read_checked(path.data, digest, diags, out);
    sp_buf_free(&path);
    return rc;
}

/* ---- Assembling a quiz ----------------------------------------------------------------------- */

/* What the resolver looks for, and where. */
typedef struct finder {
    const char *folder; /* the quiz folder the manifest's paths are relative to */
    const char *store;  /* its store */
    const sp_quiz_digests *want;
} finder;

/* The manifest names as many banks as the result records: bank i of one is bank i of the other.
 * Said once, at the first bank. */
static bool same_bank_count(const finder *f, const sp_manifest *m, int index, sp_diags *diags)
{
    if (m->nbanks == f->want->nbanks)
        return true;
    if (index == 0)
        sp_diags_add(diags, SP_SEV_ERROR, m->path, m->banks[0].pos,
                     P_("this manifest names %u bank, but the result records %zu",
                        "this manifest names %u banks, but the result records %zu", m->nbanks),
                     m->nbanks, f->want->nbanks);
    return false;
}

/* sp_quiz_resolver: the file the manifest names when it has the wanted digest, else the store's
 * file with that digest. */
static int resolve(void *arg, const sp_manifest *m, int index, sp_diags *diags, sp_quiz_file *out)
{
    const finder *f = arg;
    bool is_dirs = index == SP_QUIZ_DIRECTIONS_FILE;
    if (!is_dirs && !same_bank_count(f, m, index, diags))
        return SP_EINPUT;
    const char *rel = is_dirs ? m->directions_file : m->banks[index].file;
    const unsigned char *want = is_dirs ? f->want->directions : f->want->banks[index];
    char *path = join(f->folder, rel);
    if (!path)
        return SP_ENOMEM;
    int rc = read_checked(path, want, NULL, out);
    free(path);
    if (rc == SP_ENOTFOUND)
        rc = sp_release_read(f->store, want, diags, out);
    if (rc == SP_ENOTFOUND) {
        char hex[65];
        sp_hex(want, 32, hex);
        sp_diags_add(diags, SP_SEV_ERROR, m->path,
                     is_dirs ? m->directions_pos : m->banks[index].pos,
                     _("'%s' with digest %.12s is neither in the quiz folder nor in its store %s"),
                     rel, hex, f->store);
    }
    return rc;
}

int sp_release_load(const char *folder, const sp_quiz_digests *want, sp_diags *diags, sp_quiz **out)
{
    *out = NULL;
    char *store = join(folder, SP_RELEASE_DIR);
    if (!store)
        return SP_ENOMEM;
    sp_quiz_file manifest;
    int rc = sp_release_read(store, want->manifest, diags, &manifest);
    if (rc == 0) {
        finder f = {folder, store, want};
        rc =
            sp_quiz_parse_with(manifest.name, manifest.data, manifest.len, resolve, &f, diags, out);
    }
    free(manifest.name);
    free(manifest.data);
    free(store);
    return rc;
}
