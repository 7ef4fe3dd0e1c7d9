/* The page data of `signpost verifier` (page_data.h): what is collected, then how it is written.
 *
 * The verifier page must reach the verdict `signpost verify` reaches, so it holds every file
 * verify could replay a result with: the quizzes verify loads whole (the --quiz manifests and
 * the quizzes of the default quiz's folder), and the stores of released versions beside them,
 * from which verify puts the quiz a result names together by digest (release.h). Each file is
 * written once; a manifest that verify loads whole says which directions file and banks it was
 * loaded with, one that only a store holds leaves them to the digests a result records. */
#include "page_data.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "base/fileio.h"
#include "signpost/release.h"

/* A manifest of the page: loaded whole (quiz set), or only in stores. */
typedef struct pd_manifest {
    const sp_manifest *m;
    const sp_quiz *quiz; /* the quiz verify loads whole with it, or NULL (store only) */
    uint64_t stores;     /* bit i: the store of quiz folder i holds the manifest's bytes */
} pd_manifest;

/* A directions file or a bank of the page, with the folders where a store assembly finds it. */
typedef struct pd_file {
    const sp_directions *dirs; /* one of dirs and bank is set */
    const sp_bank *bank;
    uint64_t folders; /* bit i: in quiz folder i (its store, or a file a manifest there names) */
} pd_file;

typedef struct pd {
    const verifier *v;
    sp_vec manifests; /* pd_manifest */
    sp_vec dirs;      /* pd_file */
    sp_vec banks;     /* pd_file */
    sp_vec docs;      /* sp_document *: the files read here, owned */
    sp_diags *diags;
} pd;

/* A folder set is a 64-bit mask: enough for every folder a verifier can have, one per --quiz
 * (at most VERIFIER_MAX_ARGS) and the installed quizzes' folder. page_data_build refuses more
 * (SP_ELIMIT) rather than drop a folder's number from the page. */
#define PD_MAX_FOLDERS 64
_Static_assert(VERIFIER_MAX_ARGS + 1 <= PD_MAX_FOLDERS, "a folder set holds every quiz folder");

static uint64_t bit(size_t folder)
{
    return folder < PD_MAX_FOLDERS ? UINT64_C(1) << folder : 0;
}

/* ---- Collecting ------------------------------------------------------------------------------ */

static pd_file *find_file(sp_vec *v, const unsigned char digest[32])
{
    pd_file *f = v->data;
    for (size_t i = 0; i < v->len; i++) {
        const unsigned char *d = f[i].dirs ? f[i].dirs->digest : f[i].bank->digest;
        if (memcmp(d, digest, 32) == 0)
            return &f[i];
    }
    return NULL;
}

static int add_dirs(pd *p, const sp_directions *d, uint64_t folders)
{
    pd_file *f = find_file(&p->dirs, d->digest);
    if (!f && !(f = sp_vec_push(&p->dirs, sizeof(*f))))
        return SP_ENOMEM;
    if (!f->dirs)
        *f = (pd_file){d, NULL, 0};
    f->folders |= folders;
    return 0;
}

static int add_bank(pd *p, const sp_bank *b, uint64_t folders)
{
    pd_file *f = find_file(&p->banks, b->digest);
    if (!f && !(f = sp_vec_push(&p->banks, sizeof(*f))))
        return SP_ENOMEM;
    if (!f->bank)
        *f = (pd_file){NULL, b, 0};
    f->folders |= folders;
    return 0;
}

/* Whether two loaded quizzes are made of the same files. */
static bool same_quiz(const sp_quiz *a, const sp_quiz *b)
{
    if (memcmp(sp_quiz_manifest(a)->digest, sp_quiz_manifest(b)->digest, 32) != 0 ||
        memcmp(sp_quiz_directions(a)->digest, sp_quiz_directions(b)->digest, 32) != 0 ||
        sp_quiz_bank_count(a) != sp_quiz_bank_count(b))
        return false;
    for (size_t i = 0; i < sp_quiz_bank_count(a); i++)
        if (memcmp(sp_quiz_bank(a, i)->digest, sp_quiz_bank(b, i)->digest, 32) != 0)
            return false;
    return true;
}

/* The index of the quiz folder of the manifest at path, as the quiz set names its folders, or
 * SIZE_MAX. */
static size_t folder_of(const sp_quizset *qs, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dir = slash ? path : ".";
    size_t n = !slash ? 1 : slash == path ? 1 : (size_t)(slash - path);
    for (size_t i = 0; i < sp_quizset_folder_count(qs); i++) {
        const char *f = sp_quizset_folder(qs, i);
        if (strlen(f) == n && memcmp(f, dir, n) == 0)
            return i;
    }
    return SIZE_MAX;
}

static int add_loaded(pd *p, const sp_quiz *quiz)
{
    pd_manifest *m = p->manifests.data;
    for (size_t i = 0; i < p->manifests.len; i++)
        if (m[i].quiz && same_quiz(m[i].quiz, quiz))
            return 0;
    uint64_t here = bit(folder_of(p->v->quizzes, sp_quiz_manifest(quiz)->path));
    pd_manifest *slot = sp_vec_push(&p->manifests, sizeof(*slot));
    if (!slot)
        return SP_ENOMEM;
    *slot = (pd_manifest){sp_quiz_manifest(quiz), quiz, 0};
    int rc = add_dirs(p, sp_quiz_directions(quiz), here);
    for (size_t i = 0; rc == 0 && i < sp_quiz_bank_count(quiz); i++)
        rc = add_bank(p, sp_quiz_bank(quiz, i), here);
    return rc;
}

/* A manifest of a store: marks the manifests with its digest as stored there, or adds it. */
static int add_stored(pd *p, const sp_manifest *man, uint64_t store)
{
    pd_manifest *m = p->manifests.data;
    bool known = false;
    for (size_t i = 0; i < p->manifests.len; i++)
        if (memcmp(m[i].m->digest, man->digest, 32) == 0) {
            m[i].stores |= store;
            known = true;
        }
    if (known)
        return 0;
    pd_manifest *slot = sp_vec_push(&p->manifests, sizeof(*slot));
    if (!slot)
        return SP_ENOMEM;
    *slot = (pd_manifest){man, NULL, store};
    return 0;
}

/* Parses the len bytes of data (name for diagnostics) and adds what they are to the page, found
 * in the folders given. A file that does not parse is left out: verify could not use it; so is
 * a manifest where only a directions file or a bank is taken (!manifests). */
static int add_document(pd *p, const char *name, const char *data, size_t len, uint64_t folders,
                        bool manifests)
{
    sp_document *doc = NULL;
    int rc = sp_document_parse(name, data, len, NULL, p->diags, &doc);
    if (rc != 0)
        return rc == SP_ENOMEM ? rc : 0;
    sp_document **slot = sp_vec_push(&p->docs, sizeof(*slot));
    if (!slot) {
        sp_document_free(doc);
        return SP_ENOMEM;
    }
    *slot = doc;
    if (sp_document_kind(doc) == SP_DOC_QUIZ && !manifests)
        return 0;
    switch (sp_document_kind(doc)) {
    case SP_DOC_QUIZ: return add_stored(p, sp_document_manifest(doc), folders);
    case SP_DOC_DIRECTIONS: return add_dirs(p, sp_document_directions(doc), folders);
    default: return add_bank(p, sp_document_bank(doc), folders);
    }
}

/* A file a store manifest names, relative to its quiz folder: a store assembly takes it when its
 * bytes have the digest a result records, so the page has it too. */
static int add_named(pd *p, const char *folder, const char *rel, uint64_t here)
{
    sp_buf path = {0};
    sp_buf_printf(&path, "%s/%s", folder, rel);
    char *data = NULL;
    size_t len = 0;
    int rc = path.failed ? SP_ENOMEM : sp_input_read(path.data, 0, SP_LIMIT_FILE_SIZE, &data, &len);
    if (rc == 0) {
        unsigned char digest[32];
        sp_digest(data, len, digest);
        pd_file *f = find_file(&p->dirs, digest);
        if (!f)
            f = find_file(&p->banks, digest);
        if (f)
            f->folders |= here;
        else
            rc = add_document(p, path.data, data, len, here, false);
    }
    free(data);
    sp_buf_free(&path);
    return rc == SP_ENOMEM ? rc : 0; /* a missing file: nothing for the page */
}

static int add_named_files(pd *p, const sp_manifest *m, const char *folder, uint64_t here)
{
    int rc = add_named(p, folder, m->directions_file, here);
    for (uint32_t i = 0; rc == 0 && i < m->nbanks; i++)
        rc = add_named(p, folder, m->banks[i].file, here);
    return rc;
}

/* Whether name is HEX.yaml, HEX being 64 lowercase hex digits; fills digest. */
static bool store_name(const char *name, unsigned char digest[32])
{
    if (strlen(name) != 69 || strcmp(name + 64, ".yaml") != 0)
        return false;
    for (int i = 0; i < 64; i++) {
        char c = name[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0)
            return false;
        digest[i / 2] = (unsigned char)(i % 2 ? (digest[i / 2] << 4) | v : v);
    }
    return true;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the files of store that verify could take (HEX.yaml), sorted. */
static int list_store(const char *store, sp_vec *names)
{
    DIR *d = opendir(store);
    if (!d)
        return 0; /* a missing store is an empty one */
    struct dirent *ent;
    unsigned char digest[32];
    int rc = 0;
    while (rc == 0 && (ent = readdir(d)) != NULL) {
        if (!store_name(ent->d_name, digest))
            continue;
        char *copy = strdup(ent->d_name);
        char **slot = copy ? sp_vec_push(names, sizeof(*slot)) : NULL;
        if (!slot) {
            free(copy);
            rc = SP_ENOMEM;
        } else {
            *slot = copy;
        }
    }
    closedir(d);
    if (names->len)
        qsort(names->data, names->len, sizeof(char *), compare_names);
    return rc;
}

/* Reads one store file by its digest (sp_release_read checks it) and adds what it is. */
static int add_store_file(pd *p, const char *store, const char *name, size_t folder)
{
    unsigned char digest[32];
    store_name(name, digest);
    sp_quiz_file f = {0};
    int rc = sp_release_read(store, digest, p->diags, &f);
    if (rc == 0)
        rc = add_document(p, f.name, f.data, f.len, bit(folder), true);
    free(f.name);
    free(f.data);
    return rc == SP_ENOMEM ? rc : 0;
}

/* Every file of the store of quiz folder i, and the files its manifests name in the folder. */
static int add_store(pd *p, size_t i)
{
    const char *folder = sp_quizset_folder(p->v->quizzes, i);
    sp_buf store = {0};
    sp_buf_printf(&store, "%s/%s", folder, SP_RELEASE_DIR);
    sp_vec names = {0};
    int rc = store.failed ? SP_ENOMEM : list_store(store.data, &names);
    char **n = names.data;
    size_t first = p->docs.len;
    for (size_t k = 0; k < names.len; k++) {
        if (rc == 0)
            rc = add_store_file(p, store.data, n[k], i);
        free(n[k]);
    }
    sp_vec_free(&names);
    sp_buf_free(&store);
    size_t last = p->docs.len; /* add_named adds documents, but no manifest */
    for (size_t k = first; rc == 0 && k < last; k++) {
        sp_document *doc = ((sp_document **)p->docs.data)[k];
        if (sp_document_kind(doc) == SP_DOC_QUIZ)
            rc = add_named_files(p, sp_document_manifest(doc), folder, bit(i));
    }
    return rc;
}

static int collect(pd *p)
{
    sp_quizset *qs = p->v->quizzes;
    int rc = sp_quizset_load_all(qs);
    for (size_t i = 0; rc == 0 && i < sp_quizset_count(qs); i++)
        rc = add_loaded(p, sp_quizset_at(qs, i));
    for (size_t i = 0; rc == 0 && i < sp_quizset_folder_count(qs); i++)
        rc = add_store(p, i);
    return rc;
}

/* ---- Writing --------------------------------------------------------------------------------- */

/* A JSON string that may stand inside a <script> element: '<', '>' and '&' are escaped, and
 * U+2028 and U+2029 (line ends to older JavaScript); anything else that needs it too. '/' is
 * written "\/", so that neither the template's marker nor a comment's end can appear in the
 * data, whatever a quiz's texts hold. The text is not changed: JSON.parse gives back exactly
 * the string. */
static void put_str(sp_buf *b, const char *s)
{
    static const char *const short_escapes[128] = {
        ['"'] = "\\\"", ['\\'] = "\\\\",   ['\n'] = "\\n",    ['\t'] = "\\t",   ['\r'] = "\\r",
        ['/'] = "\\/",  ['<'] = "\\u003c", ['>'] = "\\u003e", ['&'] = "\\u0026"};
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    sp_buf_putc(b, '"');
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = sp_utf8_decode(p + i, n - i, &cp);
        if (k == 0) { /* the model holds valid UTF-8; never write invalid JSON anyway */
            sp_buf_puts(b, "\\ufffd");
            i++;
            continue;
        }
        if (cp < 0x80 && short_escapes[cp])
            sp_buf_puts(b, short_escapes[cp]);
        else if (cp < 0x20 || cp == 0x7F || cp == 0x2028 || cp == 0x2029)
            sp_buf_printf(b, "\\u%04x", (unsigned)cp);
        else
            sp_buf_append(b, s + i, k);
        i += k;
    }
    sp_buf_putc(b, '"');
}

static void put_str_or_null(sp_buf *b, const char *s)
{
    if (s)
        put_str(b, s);
    else
        sp_buf_puts(b, "null");
}

/* A double printed so that JSON.parse gives the same double. */
static void put_num(sp_buf *b, double v)
{
    sp_buf_printf(b, "%.17g", v);
}

static void put_digest(sp_buf *b, const unsigned char digest[32])
{
    char hex[65];
    sp_hex(digest, 32, hex);
    sp_buf_printf(b, "\"%s\"", hex);
}

/* {"en": "...", "zh": "..."}; {"": "..."} for a neutral text; {} for an absent one. */
static void put_text(sp_buf *b, const sp_text *t)
{
    sp_buf_putc(b, '{');
    for (uint32_t i = 0; i < t->count; i++) {
        if (i)
            sp_buf_puts(b, ", ");
        put_str(b, t->entries[i].lang ? t->entries[i].lang : "");
        sp_buf_puts(b, ": ");
        put_str(b, t->entries[i].str);
    }
    sp_buf_putc(b, '}');
}

static void put_text_list(sp_buf *b, const sp_text_list *l)
{
    sp_buf_putc(b, '[');
    for (uint32_t i = 0; i < l->count; i++) {
        if (i)
            sp_buf_puts(b, ", ");
        put_text(b, &l->items[i]);
    }
    sp_buf_putc(b, ']');
}

/* [0, 2]: the indices of the bits set. */
static void put_folders(sp_buf *b, uint64_t bits)
{
    sp_buf_putc(b, '[');
    bool first = true;
    for (unsigned i = 0; i < 64; i++)
        if (bits & (UINT64_C(1) << i)) {
            sp_buf_printf(b, "%s%u", first ? "" : ", ", i);
            first = false;
        }
    sp_buf_putc(b, ']');
}

static void put_keys(sp_buf *b, const sp_keyset *ks)
{
    sp_buf_puts(b, "\"keys\": [");
    for (size_t i = 0; i < sp_keyset_given_count(ks); i++) {
        const char *origin = NULL;
        const sp_pubkey *k = sp_keyset_given_at(ks, i, &origin);
        char id[SP_KEYID_HEX_SIZE], b64[SP_PUBKEY_BASE64_SIZE];
        sp_keyid_format(k->id, id);
        sp_pubkey_base64(k, b64);
        /* The file's name, not its path: the page is published, the verifier's folders not. */
        const char *slash = origin ? strrchr(origin, '/') : NULL;
        sp_buf_printf(b, "%s\n  {\"id\": \"%s\", \"key\": \"%s\", \"name\": ", i ? "," : "", id,
                      b64);
        put_str(b, slash ? slash + 1 : origin ? origin : "-P");
        sp_buf_putc(b, '}');
    }
    sp_buf_puts(b, "]");
}

static const char *order_name(sp_order o)
{
    return o == SP_ORDER_GROUPED ? "grouped" : o == SP_ORDER_RANDOM ? "random" : "interleaved";
}

static void put_scoring(sp_buf *b, const sp_scoring *s)
{
    sp_scoring copy = *s;
    double *slots[SP_SCORING_PARAMS];
    sp_scoring_slots(&copy, slots);
    sp_buf_putc(b, '{');
    for (int i = 0; i < SP_SCORING_PARAMS; i++) {
        sp_buf_printf(b, "%s\"%s\": ", i ? ", " : "", sp_scoring_names[i]);
        put_num(b, *slots[i]);
    }
    sp_buf_putc(b, '}');
}

/* "mode" and the adaptive bounds as the manifest gives them (max_items 0: every item of the
 * form), which the page needs to replay the selection of an adaptive result (scoring.md,
 * section 11). */
static void put_mode(sp_buf *b, const sp_manifest *m)
{
    if (m->mode != SP_MODE_ADAPTIVE) {
        sp_buf_puts(b, ", \"mode\": \"fixed\", \"adaptive\": null");
        return;
    }
    sp_buf_printf(b,
                  ", \"mode\": \"adaptive\", \"adaptive\": {\"min_items\": %u, \"max_items\": %u, "
                  "\"confidence\": ",
                  m->adaptive.min_items, m->adaptive.max_items);
    put_num(b, m->adaptive.confidence);
    sp_buf_putc(b, '}');
}

static void put_draw(sp_buf *b, const sp_draw *d)
{
    sp_buf_printf(b, "{\"likert\": %d, \"choice\": %d, \"knowledge\": %d}",
                  d->count[SP_KIND_LIKERT], d->count[SP_KIND_CHOICE], d->count[SP_KIND_KNOWLEDGE]);
}

static void put_manifest(sp_buf *b, const pd_manifest *pm)
{
    const sp_manifest *m = pm->m;
    sp_buf_puts(b, "\n  {\"digest\": ");
    put_digest(b, m->digest);
    sp_buf_puts(b, ", \"id\": ");
    put_str(b, m->id);
    sp_buf_puts(b, ", \"version\": ");
    put_str(b, m->version);
    /* The file's name, not its folder: what a check detail names it by, as verify names it
     * by its path (the page reader's folders are not the maker's). */
    const char *slash = m->path ? strrchr(m->path, '/') : NULL;
    sp_buf_puts(b, ", \"file\": ");
    if (m->path)
        put_str(b, slash ? slash + 1 : m->path);
    else
        sp_buf_puts(b, "null");
    sp_buf_puts(b, ", \"title\": ");
    put_text(b, &m->title);
    sp_buf_puts(b, ", \"languages\": [");
    for (uint32_t i = 0; i < m->nlanguages; i++) {
        if (i)
            sp_buf_puts(b, ", ");
        put_str(b, m->languages[i]);
    }
    sp_buf_puts(b, "], \"directions\": ");
    if (pm->quiz)
        put_digest(b, sp_quiz_directions(pm->quiz)->digest);
    else
        sp_buf_puts(b, "null");
    sp_buf_puts(b, ", \"directions_file\": ");
    put_str(b, m->directions_file);
    sp_buf_puts(b, ", \"banks\": [");
    for (uint32_t i = 0; i < m->nbanks; i++) {
        sp_buf_puts(b, i ? ", {\"digest\": " : "{\"digest\": ");
        if (pm->quiz && i < sp_quiz_bank_count(pm->quiz))
            put_digest(b, sp_quiz_bank(pm->quiz, i)->digest);
        else
            sp_buf_puts(b, "null");
        sp_buf_puts(b, ", \"file\": ");
        put_str(b, m->banks[i].file);
        sp_buf_puts(b, ", \"draw\": ");
        put_draw(b, &m->banks[i].draw);
        sp_buf_putc(b, '}');
    }
    sp_buf_printf(b,
                  "], \"order\": \"%s\", \"shuffle_options\": %s, \"minutes\": %d, \"scoring\": ",
                  order_name(m->order), m->shuffle_options ? "true" : "false", m->minutes);
    put_scoring(b, &m->scoring);
    put_mode(b, m);
    sp_buf_printf(b, ", \"loaded\": %s, \"stores\": ", pm->quiz ? "true" : "false");
    put_folders(b, pm->stores);
    sp_buf_putc(b, '}');
}

static const char *barrier_name(sp_barrier br)
{
    static const char *const names[] = {NULL, "low", "medium", "medium-high", "high", "very-high"};
    return (unsigned)br < SP_ARRAY_LEN(names) ? names[br] : NULL;
}

static void put_direction(sp_buf *b, const sp_direction *d)
{
    sp_buf_puts(b, "{\"id\": ");
    put_str(b, d->id);
    const struct {
        const char *key;
        const sp_text *text;
    } texts[] = {{"name", &d->name},           {"short_name", &d->short_name},
                 {"summary", &d->summary},     {"barrier_why", &d->barrier_why},
                 {"suits", &d->suits},         {"step_project", &d->step_project},
                 {"step_tool", &d->step_tool}, {"step_read", &d->step_read}};
    for (size_t i = 0; i < SP_ARRAY_LEN(texts); i++) {
        sp_buf_printf(b, ", \"%s\": ", texts[i].key);
        put_text(b, texts[i].text);
    }
    const struct {
        const char *key;
        const sp_text_list *list;
    } lists[] = {
        {"roles", &d->roles}, {"work", &d->work}, {"skills", &d->skills}, {"sources", &d->sources}};
    for (size_t i = 0; i < SP_ARRAY_LEN(lists); i++) {
        sp_buf_printf(b, ", \"%s\": ", lists[i].key);
        put_text_list(b, lists[i].list);
    }
    sp_buf_puts(b, ", \"barrier\": ");
    put_str_or_null(b, barrier_name(d->barrier));
    sp_buf_putc(b, '}');
}

static void put_directions(sp_buf *b, const pd_file *f)
{
    const sp_directions *d = f->dirs;
    sp_buf_puts(b, "\n  {\"digest\": ");
    put_digest(b, d->digest);
    sp_buf_puts(b, ", \"version\": ");
    put_str(b, d->version);
    sp_buf_puts(b, ", \"folders\": ");
    put_folders(b, f->folders);
    sp_buf_puts(b, ", \"items\": [");
    for (uint32_t i = 0; i < d->count; i++) {
        sp_buf_puts(b, i ? ",\n    " : "\n    ");
        put_direction(b, &d->items[i]);
    }
    sp_buf_puts(b, "]}");
}

static void put_weights(sp_buf *b, const sp_weight *w, uint32_t n)
{
    sp_buf_putc(b, '[');
    for (uint32_t i = 0; i < n; i++) {
        sp_buf_puts(b, i ? ", {\"dir\": " : "{\"dir\": ");
        put_str(b, w[i].dir);
        sp_buf_puts(b, ", \"value\": ");
        put_num(b, w[i].value);
        sp_buf_putc(b, '}');
    }
    sp_buf_putc(b, ']');
}

static void put_options(sp_buf *b, const sp_question *q)
{
    sp_buf_putc(b, '[');
    for (uint32_t i = 0; i < q->noptions; i++) {
        const sp_option *o = &q->options[i];
        sp_buf_puts(b, i ? ", {\"id\": " : "{\"id\": ");
        put_str(b, o->id);
        sp_buf_puts(b, ", \"text\": ");
        put_text(b, &o->text);
        sp_buf_puts(b, ", \"weights\": ");
        put_weights(b, o->weights, o->nweights);
        sp_buf_printf(b, ", \"fixed\": %s}", o->fixed ? "true" : "false");
    }
    sp_buf_putc(b, ']');
}

static void put_question(sp_buf *b, const sp_question *q)
{
    sp_buf_puts(b, "{\"id\": ");
    put_str(b, q->id);
    sp_buf_printf(b, ", \"kind\": \"%s\", \"level\": %u, \"text\": ", sp_kind_name(q->kind),
                  (unsigned)q->level);
    put_text(b, &q->text);
    sp_buf_puts(b, ", \"keys\": ");
    put_weights(b, q->keys, q->nkeys);
    sp_buf_puts(b, ", \"options\": ");
    put_options(b, q);
    sp_buf_puts(b, ", \"answer\": [");
    bool first = true;
    for (uint32_t i = 0; q->kind == SP_KIND_KNOWLEDGE && i < q->noptions && i < 32; i++)
        if (q->answer & (UINT32_C(1) << i)) {
            sp_buf_printf(b, "%s%u", first ? "" : ", ", (unsigned)i);
            first = false;
        }
    sp_buf_puts(b, "], \"explain\": ");
    put_text(b, &q->explain);
    sp_buf_puts(b, ", \"topic\": ");
    put_text(b, &q->topic);
    sp_buf_putc(b, '}');
}

static void put_bank(sp_buf *b, const pd_file *f)
{
    const sp_bank *bk = f->bank;
    sp_buf_puts(b, "\n  {\"digest\": ");
    put_digest(b, bk->digest);
    sp_buf_puts(b, ", \"id\": ");
    put_str(b, bk->id);
    sp_buf_puts(b, ", \"version\": ");
    put_str(b, bk->version);
    sp_buf_puts(b, ", \"direction\": ");
    put_str_or_null(b, bk->direction);
    sp_buf_puts(b, ", \"title\": ");
    put_text(b, &bk->title);
    sp_buf_puts(b, ", \"folders\": ");
    put_folders(b, f->folders);
    sp_buf_puts(b, ", \"questions\": [");
    for (size_t i = 0; i < bk->nquestions; i++) {
        sp_buf_puts(b, i ? ",\n    " : "\n    ");
        put_question(b, &bk->questions[i]);
    }
    sp_buf_puts(b, "]}");
}

static void write_all(const pd *p, const char *made, sp_buf *b)
{
    /* Written "\/" as put_str writes it: the data holds no '/' at all. */
    sp_buf_puts(b, "{\"format\": \"signpost-verifier\\/1\", \"engine\": ");
    put_str(b, "signpost " SIGNPOST_VERSION);
    sp_buf_puts(b, ", \"made\": ");
    put_str(b, made);
    sp_buf_puts(b, ",\n");
    put_keys(b, p->v->keys);
    sp_buf_puts(b, ",\n\"manifests\": [");
    const pd_manifest *m = p->manifests.data;
    for (size_t i = 0; i < p->manifests.len; i++) {
        sp_buf_puts(b, i ? "," : "");
        put_manifest(b, &m[i]);
    }
    sp_buf_puts(b, "],\n\"directions\": [");
    const pd_file *d = p->dirs.data;
    for (size_t i = 0; i < p->dirs.len; i++) {
        sp_buf_puts(b, i ? "," : "");
        put_directions(b, &d[i]);
    }
    sp_buf_puts(b, "],\n\"banks\": [");
    const pd_file *k = p->banks.data;
    for (size_t i = 0; i < p->banks.len; i++) {
        sp_buf_puts(b, i ? "," : "");
        put_bank(b, &k[i]);
    }
    sp_buf_puts(b, "]}\n");
}

int page_data_build(const verifier *v, const char *made, sp_buf *out, sp_diags *diags)
{
    pd p = {.v = v, .diags = diags};
    if (sp_quizset_folder_count(v->quizzes) > PD_MAX_FOLDERS)
        return SP_ELIMIT;
    int rc = collect(&p);
    if (rc == 0)
        write_all(&p, made, out);
    if (rc == 0 && out->failed)
        rc = SP_ENOMEM;
    sp_document **docs = p.docs.data;
    for (size_t i = 0; i < p.docs.len; i++)
        sp_document_free(docs[i]);
    sp_vec_free(&p.docs);
    sp_vec_free(&p.manifests);
    sp_vec_free(&p.dirs);
    sp_vec_free(&p.banks);
    return rc;
}
