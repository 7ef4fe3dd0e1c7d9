/* Loading one file of any of the three author formats: the format tag decides the loader. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "bank/docint.h"
#include "bank/loaders.h"

/* The format tags, indexed by sp_doc_kind. */
static const char *const format_tags[] = {"directions/1", "bank/1", "quiz/1"};

/* Reads the key of the next root entry into keys (emptied first): 1, 0 at the end of the
 * mapping, -1 when reading cannot go on — also past the entry limit, which applies to the
 * root as to every other mapping, before the key is looked at. */
static int root_key(ldctx *c, sp_arena *keys, size_t *count, ynode *key)
{
    sp_arena_reset(keys);
    int rc = yr_key(&c->r, keys, key);
    if (rc == 1 && ++*count > SP_LIMIT_ENTRIES) {
        ld_error(c, key->pos, _("more than %d entries here; that is over the limit"),
                 SP_LIMIT_ENTRIES);
        c->r.fatal = true;
        return -1;
    }
    return rc;
}

bool ld_root(ldctx *c, const char *const *names, size_t n, const char *what, const ynode **found,
             int stream, ld_stream_fn fn, void *arg)
{
    sp_pos first[32] = {{0, 0}};
    /* Keys are needed only while their entry is read: a root of many unknown keys must not
     * pile them up. */
    sp_arena keys = {0};
    /* The format tag, already read, is the first entry; a result has none, and a placeholder
     * that starts with a space in its place (result.c). */
    size_t count = names[0][0] == ' ' ? 0 : 1;
    bool ok = false;
    for (;;) {
        ynode key;
        int rc = root_key(c, &keys, &count, &key);
        if (rc < 0)
            goto done;
        if (rc == 0)
            break;
        int f = ld_field_index(c, &key, names, n, what);
        if (f >= 0 && (found[f] || first[f].line)) {
            ld_duplicate(c, &key, found[f] && !first[f].line ? found[f]->pos : first[f]);
            f = -1;
        }
        if (f < 0) {
            if (!yr_skip(&c->r))
                goto done;
            continue;
        }
        first[f] = key.pos;
        if (f == stream) {
            if (!fn(c, &key, arg))
                goto done;
        } else if (!(found[f] = yr_value(&c->r, &c->tmp))) {
            goto done;
        }
    }
    ok = yr_end(&c->r);
done:
    sp_arena_free(&keys);
    return ok;
}

/* Reads `signpost: <tag>` as the first key; returns the kind, or -1 after reporting. */
static int read_format_tag(ldctx *c, sp_pos root, const ynode **tag)
{
    ynode key;
    int rc = yr_key(&c->r, &c->tmp, &key);
    if (rc <= 0 || strcmp(key.u.str, "signpost") != 0) {
        if (rc >= 0)
            ld_error(c, rc ? key.pos : root,
                     _("expected 'signpost: <format>' as the first key, such as 'signpost: "
                       "bank/1'"));
        return -1;
    }
    const ynode *v = yr_value(&c->r, &c->tmp);
    if (!v)
        return -1;
    *tag = v;
    for (int k = 0; k < (int)SP_ARRAY_LEN(format_tags); k++)
        if (v->type == YN_SCALAR && strcmp(v->u.str, format_tags[k]) == 0)
            return k;
    const char *s = v->type == YN_SCALAR ? v->u.str : "";
    const char *slash = strchr(s, '/');
    size_t stem = slash ? (size_t)(slash - s) : 0;
    for (size_t k = 0; stem && k < SP_ARRAY_LEN(format_tags); k++) {
        if (strncmp(format_tags[k], s, stem) == 0 && format_tags[k][stem] == '/') {
            ld_error(c, v->pos,
                     _("format '%s' is not one this signpost reads; it reads '%s' (a newer "
                       "signpost may read this file)"),
                     s, format_tags[k]);
            return -1;
        }
    }
    ld_expected(c, v, _("a format tag: bank/1, quiz/1 or directions/1"));
    return -1;
}

static void load_body(ldctx *c, sp_document *doc)
{
    sp_pos root;
    if (!yr_begin(&c->r, &root))
        return;
    const ynode *tag = NULL;
    int kind = read_format_tag(c, root, &tag);
    if (kind < 0)
        return;
    doc->kind = (sp_doc_kind)kind;
    switch (doc->kind) {
    case SP_DOC_DIRECTIONS:
        doc->u.directions.path = c->r.file;
        ld_directions_body(c, root, tag, &doc->u.directions);
        break;
    case SP_DOC_BANK:
        doc->u.bank.path = c->r.file;
        ld_bank_body(c, root, tag, &doc->u.bank);
        break;
    case SP_DOC_QUIZ:
        doc->u.manifest.path = c->r.file;
        ld_manifest_body(c, root, tag, &doc->u.manifest);
        break;
    }
}

static unsigned char *digest_of(sp_document *doc)
{
    switch (doc->kind) {
    case SP_DOC_DIRECTIONS: return doc->u.directions.digest;
    case SP_DOC_BANK: return doc->u.bank.digest;
    case SP_DOC_QUIZ: return doc->u.manifest.digest;
    }
    return NULL;
}

/* Runs the loader over an opened reader; on success *out owns the arena. */
static int load_with(ldctx *c, sp_document *doc, sp_document **out)
{
    const char *name = sp_arena_strndup(&doc->arena, c->r.file, strlen(c->r.file));
    if (!name) {
        sp_document_free(doc);
        return SP_ENOMEM;
    }
    c->r.file = name; /* diagnostics and the model keep the arena's copy */
    load_body(c, doc);
    int rc = c->r.oom ? SP_ENOMEM : ld_failed(c) ? SP_EINPUT : 0;
    if (rc == 0 && c->r.too_big)
        rc = SP_ELIMIT;
    if (rc) {
        sp_document_free(doc);
        return rc;
    }
    yr_digest(&c->r, digest_of(doc));
    *out = doc;
    return 0;
}

int sp_document_parse(const char *name, const char *buf, size_t len, const sp_directions *dirs,
                      sp_diags *diags, sp_document **out)
{
    *out = NULL;
    if (sp_init() != 0)
        return SP_ECRYPTO;
    if (len > SP_LIMIT_FILE_SIZE) {
        sp_diags_add(diags, SP_SEV_ERROR, name, (sp_pos){0, 0},
                     _("the file is larger than the limit of %u MiB"),
                     SP_LIMIT_FILE_SIZE / (1024 * 1024));
        return SP_ELIMIT;
    }
    sp_document *doc = calloc(1, sizeof(*doc));
    if (!doc)
        return SP_ENOMEM;
    ldctx c;
    if (ld_open(&c, name, buf ? buf : "", len, -1, diags, &doc->arena, dirs) != 0) {
        free(doc);
        return SP_ENOMEM;
    }
    int rc = load_with(&c, doc, out);
    ld_close(&c);
    return rc;
}

/* Opens path for reading and refuses what is too big, or is neither a regular file nor a pipe
 * (`signpost check /dev/stdin`, `<(...)`): opening never blocks (fileio.h). */
static int open_input(const char *path, sp_diags *diags, int *fd)
{
    *fd = sp_input_open(path, SP_INPUT_PIPE);
    struct stat st;
    const char *why = NULL;
    if (*fd < 0)
        why = sp_input_strerror(path, errno);
    else if (fstat(*fd, &st) != 0)
        why = strerror(errno);
    else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > SP_LIMIT_FILE_SIZE) {
        sp_diags_add(diags, SP_SEV_ERROR, path, (sp_pos){0, 0},
                     _("the file is larger than the limit of %u MiB"),
                     SP_LIMIT_FILE_SIZE / (1024 * 1024));
        close(*fd);
        return SP_ELIMIT;
    }
    if (!why)
        return 0;
    sp_diags_add(diags, SP_SEV_ERROR, path, (sp_pos){0, 0}, _("cannot read the file: %s"), why);
    if (*fd >= 0)
        close(*fd);
    return SP_EIO;
}

int sp_document_load(const char *path, const sp_directions *dirs, sp_diags *diags,
                     sp_document **out)
{
    *out = NULL;
    if (sp_init() != 0)
        return SP_ECRYPTO;
    int fd;
    int rc = open_input(path, diags, &fd);
    if (rc)
        return rc;
    sp_document *doc = calloc(1, sizeof(*doc));
    ldctx c;
    /* The file is read in chunks, so that a big bank is never in memory twice. */
    if (!doc || ld_open(&c, path, NULL, 0, fd, diags, &doc->arena, dirs) != 0) {
        free(doc);
        close(fd);
        return SP_ENOMEM;
    }
    rc = load_with(&c, doc, out);
    ld_close(&c);
    close(fd);
    return rc;
}

int ld_sniff_kind(const char *path)
{
    /* Reading a pipe (signpost check /dev/stdin, or <(...)) would consume what the real load
     * then misses: sniff regular files only. */
    int fd = sp_input_open(path, 0);
    if (fd < 0)
        return -1;
    sp_diags *quiet = sp_diags_new();
    sp_arena arena = {0};
    ldctx c;
    int kind = -1;
    if (quiet && ld_open(&c, path, NULL, 0, fd, quiet, &arena, NULL) == 0) {
        sp_pos root;
        const ynode *tag;
        if (yr_begin(&c.r, &root))
            kind = read_format_tag(&c, root, &tag);
        ld_close(&c);
    }
    sp_arena_free(&arena);
    sp_diags_free(quiet);
    close(fd);
    return kind;
}

void sp_document_free(sp_document *doc)
{
    if (!doc)
        return;
    sp_arena_free(&doc->arena);
    free(doc);
}

sp_doc_kind sp_document_kind(const sp_document *doc)
{
    return doc->kind;
}

const sp_directions *sp_document_directions(const sp_document *doc)
{
    return doc->kind == SP_DOC_DIRECTIONS ? &doc->u.directions : NULL;
}

const sp_bank *sp_document_bank(const sp_document *doc)
{
    return doc->kind == SP_DOC_BANK ? &doc->u.bank : NULL;
}

const sp_manifest *sp_document_manifest(const sp_document *doc)
{
    return doc->kind == SP_DOC_QUIZ ? &doc->u.manifest : NULL;
}
