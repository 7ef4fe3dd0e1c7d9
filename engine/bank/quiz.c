/* Loading a quiz: the manifest, its directions and banks, and the checks across files. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/idmap.h"
#include "bank/cache.h"
#include "bank/docint.h"
#include "bank/loaders.h"
#include "bank/quizcheck.h"

static void store_deferred(void);
static const sp_quiz *deferred;

void sp_quiz_free(sp_quiz *quiz)
{
    if (!quiz)
        return;
    if (quiz == deferred)
        store_deferred(); /* at the latest now, while the model is still there */
    sp_document_free(quiz->manifest);
    sp_document_free(quiz->directions);
    for (size_t i = 0; i < quiz->nbanks; i++)
        sp_document_free(quiz->banks[i]);
    free(quiz->banks);
    sp_idmap_free(&quiz->ids);
    qcache_release(quiz->store, quiz->store_len);
    free(quiz);
}

const sp_manifest *sp_quiz_manifest(const sp_quiz *quiz)
{
    return sp_document_manifest(quiz->manifest);
}

const sp_directions *sp_quiz_directions(const sp_quiz *quiz)
{
    return sp_document_directions(quiz->directions);
}

size_t sp_quiz_bank_count(const sp_quiz *quiz)
{
    return quiz->nbanks;
}

const sp_bank *sp_quiz_bank(const sp_quiz *quiz, size_t i)
{
    return i < quiz->nbanks ? sp_document_bank(quiz->banks[i]) : NULL;
}

const sp_question *sp_quiz_question(const sp_quiz *quiz, const char *id)
{
    return sp_idmap_get(&quiz->ids, id);
}

/* ---- Loading the files a manifest names -------------------------------------------------- */

/* path relative to the folder of the manifest at base, in a new string. */
static char *resolve(const char *base, const char *path)
{
    const char *slash = strrchr(base, '/');
    size_t dir = path[0] == '/' || !slash ? 0 : (size_t)(slash - base) + 1;
    size_t n = strlen(path);
    char *out = malloc(dir + n + 1);
    if (out) {
        memcpy(out, base, dir);
        memcpy(out + dir, path, n + 1);
    }
    return out;
}

/* Where the files a manifest names come from: beside it, or from a resolver. */
typedef struct source {
    sp_quiz_resolver fn; /* NULL: read them beside the manifest */
    void *arg;
} source;

/* Loads rel, relative to the manifest's folder. Problems opening it are reported at the place
 * in the manifest that names it. */
static int load_beside(const sp_manifest *m, const char *rel, sp_pos ref, const sp_directions *dirs,
                       sp_diags *diags, sp_document **out)
{
    char *path = resolve(m->path, rel);
    if (!path)
        return SP_ENOMEM;
    int rc = 0;
    int fd = sp_input_open(path, SP_INPUT_PIPE); /* never blocks, as sp_document_load */
    if (fd < 0) {
        sp_diags_add(diags, SP_SEV_ERROR, m->path, ref, _("cannot read '%s': %s"), rel,
                     sp_input_strerror(path, errno));
        rc = SP_EIO;
    } else {
        close(fd);
        rc = sp_document_load(path, dirs, diags, out);
    }
    free(path);
    return rc;
}

/* Loads the bytes the resolver gives for file index of the manifest. */
static int load_resolved(const source *src, const sp_manifest *m, int index,
                         const sp_directions *dirs, sp_diags *diags, sp_document **out)
{
    sp_quiz_file f = {0};
    int rc = src->fn(src->arg, m, index, diags, &f);
    if (rc == 0)
        rc = sp_document_parse(f.name, f.data, f.len, dirs, diags, out);
    free(f.name);
    free(f.data);
    return rc;
}

/* Loads file index of the manifest (SP_QUIZ_DIRECTIONS_FILE or a bank), expecting kind. */
static int load_named(const sp_manifest *m, const source *src, int index, sp_doc_kind kind,
                      const sp_directions *dirs, sp_diags *diags, sp_document **out)
{
    static const char *const tags[] = {"directions/1", "bank/1", "quiz/1"};
    bool is_dirs = index == SP_QUIZ_DIRECTIONS_FILE;
    const char *rel = is_dirs ? m->directions_file : m->banks[index].file;
    sp_pos ref = is_dirs ? m->directions_pos : m->banks[index].pos;
    *out = NULL;
    int rc = src->fn ? load_resolved(src, m, index, dirs, diags, out)
                     : load_beside(m, rel, ref, dirs, diags, out);
    if (rc == 0 && sp_document_kind(*out) != kind) {
        sp_diags_add(diags, SP_SEV_ERROR, m->path, ref, _("'%s' is a %s file; expected %s"), rel,
                     tags[sp_document_kind(*out)], tags[kind]);
        sp_document_free(*out);
        *out = NULL;
        rc = SP_EINPUT;
    }
    return rc;
}

/* Loads the banks; every bank is tried, so that all their problems are reported. */
static int load_banks(sp_quiz *quiz, const sp_manifest *m, const source *src,
                      const sp_directions *dirs, sp_diags *diags)
{
    quiz->banks = calloc(m->nbanks ? m->nbanks : 1, sizeof(*quiz->banks));
    if (!quiz->banks)
        return SP_ENOMEM;
    int worst = 0;
    for (uint32_t i = 0; i < m->nbanks; i++) {
        sp_document *doc = NULL;
        int rc = load_named(m, src, (int)i, SP_DOC_BANK, dirs, diags, &doc);
        if (rc == SP_ENOMEM)
            return rc;
        if (rc && !worst)
            worst = rc;
        if (doc)
            quiz->banks[quiz->nbanks++] = doc;
    }
    return worst;
}

/* Indexes every question by id; a second use of an id is an error (reported when diags is not
 * NULL). */
static int index_questions(sp_quiz *quiz, sp_diags *diags)
{
    int rc = 0;
    for (size_t b = 0; b < quiz->nbanks; b++) {
        const sp_bank *bank = sp_document_bank(quiz->banks[b]);
        for (size_t i = 0; i < bank->nquestions; i++) {
            const sp_question *q = &bank->questions[i];
            const void *old = NULL;
            int put = sp_idmap_put(&quiz->ids, q->id, q, &old);
            if (put < 0)
                return SP_ENOMEM;
            if (put == 0 && !diags)
                return SP_EINPUT;
            if (put == 0) {
                const sp_question *first = old;
                sp_diags_add(diags, SP_SEV_ERROR, bank->path, q->pos,
                             _("question id '%s' is already used at %s:%u:%u"), q->id,
                             first->bank->path, first->pos.line, first->pos.column);
                rc = SP_EINPUT;
            }
        }
    }
    return rc;
}

static int load_all(sp_quiz *quiz, const source *src, sp_diags *diags)
{
    const sp_manifest *m = sp_quiz_manifest(quiz);
    int rc = load_named(m, src, SP_QUIZ_DIRECTIONS_FILE, SP_DOC_DIRECTIONS, NULL, diags,
                        &quiz->directions);
    if (rc == SP_ENOMEM)
        return rc;
    const sp_directions *dirs = quiz->directions ? sp_quiz_directions(quiz) : NULL;
    /* Without directions the banks are still checked on their own. */
    int brc = load_banks(quiz, m, src, dirs, diags);
    if (brc == SP_ENOMEM)
        return brc;
    if (rc || brc)
        return rc ? rc : brc;
    rc = index_questions(quiz, diags);
    if (rc)
        return rc;
    const sp_bank *banks[SP_LIMIT_BANKS];
    for (size_t i = 0; i < quiz->nbanks; i++)
        banks[i] = sp_document_bank(quiz->banks[i]);
    return sp_quizcheck(m, dirs, banks, quiz->nbanks, diags);
}

/* Loads the rest of a quiz whose manifest document rc and quiz->manifest came from; frees the
 * quiz unless it loaded. */
static int finish(sp_quiz *quiz, int rc, const char *name, const source *src, sp_diags *diags,
                  sp_quiz **out)
{
    if (rc == 0 && sp_document_kind(quiz->manifest) != SP_DOC_QUIZ) {
        sp_diags_add(diags, SP_SEV_ERROR, name, (sp_pos){1, 1},
                     _("this is not a quiz manifest; expected a file that starts with 'signpost: "
                       "quiz/1'"));
        rc = SP_EINPUT;
    }
    if (rc == 0)
        rc = load_all(quiz, src, diags);
    if (rc) {
        sp_quiz_free(quiz);
        return rc;
    }
    *out = quiz;
    return 0;
}

int quiz_parse_files(const char *path, sp_diags *diags, sp_quiz **out)
{
    *out = NULL;
    sp_quiz *quiz = calloc(1, sizeof(*quiz));
    if (!quiz)
        return SP_ENOMEM;
    int rc = sp_document_load(path, NULL, diags, &quiz->manifest);
    return finish(quiz, rc, path, &(source){NULL, NULL}, diags, out);
}

int sp_quiz_parse_with(const char *name, const char *buf, size_t len, sp_quiz_resolver resolver,
                       void *arg, sp_diags *diags, sp_quiz **out)
{
    *out = NULL;
    if (!resolver)
        return SP_EINVAL;
    sp_quiz *quiz = calloc(1, sizeof(*quiz));
    if (!quiz)
        return SP_ENOMEM;
    int rc = sp_document_parse(name, buf, len, NULL, diags, &quiz->manifest);
    return finish(quiz, rc, name, &(source){resolver, arg}, diags, out);
}

int quiz_assemble(sp_document *manifest, sp_document *directions, sp_document **banks,
                  size_t nbanks, sp_quiz **out)
{
    *out = NULL;
    sp_quiz *quiz = calloc(1, sizeof(*quiz));
    if (!quiz) {
        sp_document_free(manifest);
        sp_document_free(directions);
        for (size_t i = 0; i < nbanks; i++)
            sp_document_free(banks[i]);
        free(banks);
        return SP_ENOMEM;
    }
    quiz->manifest = manifest;
    quiz->directions = directions;
    quiz->banks = banks;
    quiz->nbanks = nbanks;
    int rc = index_questions(quiz, NULL);
    if (rc) {
        sp_quiz_free(quiz);
        return rc;
    }
    *out = quiz;
    return 0;
}

/* ---- The compiled quiz cache ------------------------------------------------------------------
 */

/* The cache folder; NULL (the default) keeps the cache off. */
static char *cache_dir;
/* sp_quiz_cache_defer: keep a quiz to store (deferred) until sp_quiz_cache_flush. */
static bool defer_stores;

int sp_quiz_cache_dir(const char *dir)
{
    char *copy = NULL;
    if (dir && !(copy = strdup(dir)))
        return SP_ENOMEM;
    free(cache_dir);
    cache_dir = copy;
    return 0;
}

/* sp_quiz_load and sp_quiz_load_replay: from the cache file of that kind when there is one. */
static int load_cached(const char *path, qcache_kind kind, sp_diags *diags, sp_quiz **out)
{
    *out = NULL;
    if (!cache_dir)
        return quiz_parse_files(path, diags, out);
    int rc = qcache_load(cache_dir, path, kind, out);
    if (rc != SP_ENOTFOUND)
        return rc;
    /* Only a quiz that loads without a word is stored, so that a load from the cache says
     * exactly what a load from the files would: nothing. Both kinds are stored: the file for
     * replay is small, and the next command may be either. */
    size_t before = sp_diags_count(diags);
    rc = quiz_parse_files(path, diags, out);
    if (rc == 0 && sp_diags_count(diags) == before) {
        store_deferred(); /* one waits at a time */
        deferred = *out;
        if (!defer_stores)
            store_deferred();
    }
    return rc;
}

/* Stores the quiz waiting, if any, in the cache folder of now; with the cache off it is dropped,
 * so that no pointer to it outlives it. */
static void store_deferred(void)
{
    const sp_quiz *quiz = deferred;
    deferred = NULL;
    if (quiz && cache_dir)
        qcache_store(cache_dir, quiz);
}

void sp_quiz_cache_defer(bool defer)
{
    defer_stores = defer;
}

void sp_quiz_cache_flush(void)
{
    store_deferred();
}

int sp_quiz_load(const char *path, sp_diags *diags, sp_quiz **out)
{
    return load_cached(path, QCACHE_FULL, diags, out);
}

int sp_quiz_load_replay(const char *path, sp_diags *diags, sp_quiz **out)
{
    return load_cached(path, QCACHE_REPLAY, diags, out);
}

bool sp_quiz_has_texts(const sp_quiz *quiz)
{
    return !quiz->no_texts;
}
