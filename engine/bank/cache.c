/* The compiled quiz cache (cache.h): one visitor per model structure, run to write the model and
 * to read it back, so that a field cannot be written and not read. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "bank/cache.h"
#include "bank/docint.h"
#include "base/fileio.h"
#include "bank/ld.h"
#include "bank/quizcheck.h"

/* Every structure the cache holds. A new field changes a size here and fails the build until
 * the field is carried by its visitor below AND dumped by the equality test
 * (tests/unit/test_cache.c), which compares a model read from the cache with one parsed from
 * YAML field by field. Then update the sizes (they are those of x86-64 and aarch64 Linux). */
#if defined(__x86_64__) || defined(__aarch64__)
_Static_assert(sizeof(sp_text_entry) == 16, "sp_text_entry changed: update cache.c");
_Static_assert(sizeof(sp_text) == 24, "sp_text changed: update cache.c");
_Static_assert(sizeof(sp_text_list) == 16, "sp_text_list changed: update cache.c");
_Static_assert(sizeof(sp_direction) == 280, "sp_direction changed: update cache.c");
_Static_assert(sizeof(sp_directions) == 64, "sp_directions changed: update cache.c");
_Static_assert(sizeof(sp_weight) == 32, "sp_weight changed: update cache.c");
_Static_assert(sizeof(sp_option) == 56, "sp_option changed: update cache.c");
_Static_assert(sizeof(sp_question) == 136, "sp_question changed: update cache.c");
_Static_assert(sizeof(sp_bank) == 128, "sp_bank changed: update cache.c");
_Static_assert(sizeof(sp_draw) == 12, "sp_draw changed: update cache.c");
_Static_assert(sizeof(sp_scoring) == 40, "sp_scoring changed: update cache.c");
_Static_assert(sizeof(sp_bank_ref) == 32, "sp_bank_ref changed: update cache.c");
_Static_assert(sizeof(sp_manifest) == 224, "sp_manifest changed: update cache.c");
#endif

static const char magic[8] = {'S', 'P', 'Q', 'C', 'A', 'C', 'H', 'E'};

/* ---- Reading and writing one value -------------------------------------------------------- */

typedef struct io {
    bool reading;
    sp_buf *out;            /* writing: the payload */
    const unsigned char *p; /* reading: the next byte */
    size_t left;            /* reading: bytes after p */
    sp_arena *arena;        /* reading: the arena of the document being read */
    bool bad;               /* reading: the bytes are not a valid cache file */
    bool no_texts;          /* writing: leave every text out (QCACHE_REPLAY) */
} io;

static void io_raw(io *s, void *v, size_t n)
{
    if (!s->reading) {
        sp_buf_append(s->out, v, n);
        return;
    }
    if (s->bad || n > s->left) {
        s->bad = true;
        memset(v, 0, n);
        return;
    }
    memcpy(v, s->p, n);
    s->p += n;
    s->left -= n;
}

static void io_u32(io *s, uint32_t *v, uint32_t max)
{
    io_raw(s, v, sizeof(*v));
    if (s->reading && *v > max) {
        s->bad = true;
        *v = 0;
    }
}

/* An int within [min, max]. */
static void io_int(io *s, int *v, int min, int max)
{
    int32_t x = *v;
    io_raw(s, &x, sizeof(x));
    if (s->reading) {
        if (x < min || x > max) {
            s->bad = true;
            x = min;
        }
        *v = x;
    }
}

static void io_bool(io *s, bool *v)
{
    uint8_t x = *v;
    io_raw(s, &x, 1);
    if (s->reading && x > 1)
        s->bad = true;
    if (s->reading)
        *v = x == 1;
}

/* A finite number within [min, max]. */
static void io_f64(io *s, double *v, double min, double max)
{
    io_raw(s, v, sizeof(*v));
    if (s->reading && !(isfinite(*v) && *v >= min && *v <= max)) {
        s->bad = true;
        *v = 0;
    }
}

static void io_pos(io *s, sp_pos *p)
{
    io_raw(s, &p->line, sizeof(p->line));
    io_raw(s, &p->column, sizeof(p->column));
}

/* True when none of the 8 bytes of w is outside printable ASCII (0x20 to 0x7e). */
static bool word_printable(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t below = (w - ones * 0x20) & ~w; /* a byte under 0x20 sets its high bit */
    uint64_t del = ((w ^ (ones * 0x7f)) - ones) & ~(w ^ (ones * 0x7f)); /* a byte of 0x7f */
    return ((w | below | del) & high) == 0;
}

/* The length of the run of CJK ideographs (U+4E00 to U+9FFF: lead byte E4 with a second byte
 * from B8, or E5 to E9) and full-width forms (U+FF01 to U+FF5E: EF BC 81 to EF BD 9E) that starts
 * at u, n bytes left; 0 when there is none. Such characters need no further check. */
static size_t cjk_run(const unsigned char *u, size_t n)
{
    size_t i = 0;
    while (n - i >= 3 && (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80) {
        unsigned c = u[i], c1 = u[i + 1], c2 = u[i + 2];
        bool ideograph = (c >= 0xe5 && c <= 0xe9) || (c == 0xe4 && c1 >= 0xb8);
        bool fullwidth = c == 0xef && ((c1 == 0xbc && c2 >= 0x81) || (c1 == 0xbd && c2 <= 0x9e));
        if (!ideograph && !fullwidth)
            break;
        i += 3;
    }
    return i;
}

/* True when the n bytes at str may be a string of the model: valid UTF-8 without NUL, and
 * without a character no file signpost reads may hold (yread.c refuses them the same way). The
 * fast paths (eight printable ASCII bytes at a time, CJK ideographs and full-width forms, the bulk
 * of English and Chinese texts) accept only what the full decoder and classifier accept. */
static bool str_valid(const char *str, size_t n)
{
    const unsigned char *u = (const unsigned char *)str;
    for (size_t i = 0; i < n;) {
        uint64_t w;
        if (n - i >= 8 && (memcpy(&w, u + i, 8), word_printable(w))) {
            i += 8;
            continue;
        }
        if ((u[i] >= 0x20 && u[i] < 0x7f) || u[i] == '\t' || u[i] == '\n') {
            i++;
            continue;
        }
        size_t k = cjk_run(u + i, n - i);
        if (k) {
            i += k;
            continue;
        }
        uint32_t cp;
        k = sp_utf8_decode(u + i, n - i, &cp);
        if (k == 0 || sp_is_hostile_codepoint(cp, true))
            return false;
        i += k;
    }
    return true;
}

#define NO_STRING UINT32_MAX

/* A string, NULL when may_be_null (else NULL is invalid): its length, its bytes and a NUL. A string
 * read points into the file's bytes, which the decoded quiz keeps (no copy). */
static void io_str(io *s, const char **v, bool may_be_null)
{
    uint32_t n = *v ? (uint32_t)strlen(*v) : NO_STRING;
    io_raw(s, &n, sizeof(n));
    if (!s->reading) {
        if (*v)
            sp_buf_append(s->out, *v, (size_t)n + 1);
        return;
    }
    *v = NULL;
    if (s->bad || (n == NO_STRING && may_be_null))
        return;
    if (n >= s->left || n > SP_LIMIT_FILE_SIZE || s->p[n] != '\0' ||
        !str_valid((const char *)s->p, n)) {
        s->bad = true;
        return;
    }
    *v = (const char *)s->p;
    s->p += (size_t)n + 1;
    s->left -= (size_t)n + 1;
}

/* An identifier of class cls. */
static void io_ident(io *s, const char **v, ld_idclass cls)
{
    io_str(s, v, false);
    if (s->reading && *v && !ld_ident_valid(*v, cls))
        s->bad = true;
}

/* The count of an array of elements of size bytes, at most max; when reading, the array to
 * fill (NULL when empty or invalid, the count then 0). When writing, returns items. Each
 * element takes at least one byte of the file, which bounds what a hostile count allocates. */
static void *io_array(io *s, const void *items, uint32_t *count, size_t size, uint32_t max)
{
    io_u32(s, count, max);
    if (!s->reading)
        return (void *)items;
    if (!s->bad && *count > s->left)
        s->bad = true;
    void *a = s->bad || *count == 0 ? NULL : sp_arena_alloc(s->arena, size * *count);
    if (!a)
        *count = 0;
    if (!a && !s->bad && *count)
        s->bad = true;
    return a;
}

/* ---- The model ----------------------------------------------------------------------------- */

/* A text; in a file for replay (QCACHE_REPLAY) every text is written empty, which is what its
 * reader then gets. */
static void io_text(io *s, sp_text *t)
{
    sp_text none = {.pos = t->pos};
    if (s->no_texts)
        t = &none;
    sp_text_entry *e = io_array(s, t->entries, &t->count, sizeof(*e), SP_LIMIT_ENTRIES);
    for (uint32_t i = 0; i < t->count && !s->bad; i++) {
        io_str(s, &e[i].lang, true);
        if (s->reading && e[i].lang && !ld_lang_valid(e[i].lang))
            s->bad = true;
        io_str(s, &e[i].str, false);
    }
    if (s->reading)
        t->entries = e;
    io_pos(s, &t->pos);
}

static void io_text_list(io *s, sp_text_list *l)
{
    sp_text_list none = {0};
    if (s->no_texts)
        l = &none;
    sp_text *t = io_array(s, l->items, &l->count, sizeof(*t), SP_LIMIT_ENTRIES);
    for (uint32_t i = 0; i < l->count && !s->bad; i++)
        io_text(s, &t[i]);
    if (s->reading)
        l->items = t;
}

static void io_direction(io *s, sp_direction *d)
{
    io_ident(s, &d->id, LD_ID_DIRECTION);
    io_text(s, &d->name);
    io_text(s, &d->short_name);
    io_text(s, &d->summary);
    io_text_list(s, &d->roles);
    io_text_list(s, &d->work);
    int barrier = (int)d->barrier;
    io_int(s, &barrier, SP_BARRIER_NONE, SP_BARRIER_VERY_HIGH);
    d->barrier = (sp_barrier)barrier;
    io_text(s, &d->barrier_why);
    io_text(s, &d->suits);
    io_text_list(s, &d->skills);
    io_text(s, &d->step_project);
    io_text(s, &d->step_tool);
    io_text(s, &d->step_read);
    io_text_list(s, &d->sources);
    io_pos(s, &d->pos);
}

static void io_directions(io *s, sp_directions *d)
{
    io_str(s, &d->version, false);
    sp_direction *items = io_array(s, d->items, &d->count, sizeof(*items), SP_MAX_DIRECTIONS);
    for (uint32_t i = 0; i < d->count && !s->bad; i++)
        io_direction(s, &items[i]);
    if (s->reading)
        d->items = items;
    io_raw(s, d->digest, sizeof(d->digest));
}

/* ndirs bounds the direction indexes of weights: -1 (no directions file) or an index. */
static void io_weights(io *s, const sp_weight **w, uint32_t *n, int ndirs)
{
    sp_weight *a = io_array(s, *w, n, sizeof(*a), SP_MAX_DIRECTIONS);
    for (uint32_t i = 0; i < *n && !s->bad; i++) {
        io_ident(s, &a[i].dir, LD_ID_DIRECTION);
        io_int(s, &a[i].dir_index, -1, ndirs - 1);
        io_f64(s, &a[i].value, -10, 10);
        io_pos(s, &a[i].pos);
    }
    if (s->reading)
        *w = a;
}

static void io_option(io *s, sp_option *o, int ndirs)
{
    io_ident(s, &o->id, LD_ID_OPTION);
    io_text(s, &o->text);
    io_weights(s, &o->weights, &o->nweights, ndirs);
    io_bool(s, &o->fixed);
    io_pos(s, &o->pos);
}

static void io_question(io *s, sp_question *q, int ndirs)
{
    io_ident(s, &q->id, LD_ID_QUESTION);
    int kind = (int)q->kind, level = q->level;
    io_int(s, &kind, 0, SP_KIND_COUNT - 1);
    io_int(s, &level, 0, 4);
    q->kind = (sp_kind)kind;
    q->level = (uint8_t)level;
    io_text(s, &q->text);
    io_weights(s, &q->keys, &q->nkeys, ndirs);
    sp_option *o = io_array(s, q->options, &q->noptions, sizeof(*o), SP_MAX_OPTIONS);
    for (uint32_t i = 0; i < q->noptions && !s->bad; i++)
        io_option(s, &o[i], ndirs);
    if (s->reading)
        q->options = o;
    io_u32(s, &q->answer, (1u << SP_MAX_OPTIONS) - 1);
    if (s->reading && (q->answer >> q->noptions) != 0)
        s->bad = true;
    io_text(s, &q->explain);
    io_text(s, &q->topic);
    io_pos(s, &q->pos);
}

static void io_bank(io *s, sp_bank *b, int ndirs)
{
    io_ident(s, &b->id, LD_ID_BANK);
    io_str(s, &b->version, false);
    io_str(s, &b->direction, true);
    if (s->reading && b->direction && !ld_ident_valid(b->direction, LD_ID_DIRECTION))
        s->bad = true;
    io_text(s, &b->title);
    io_text(s, &b->description);
    uint32_t n = (uint32_t)b->nquestions;
    sp_question *q = io_array(s, b->questions, &n, sizeof(*q), SP_LIMIT_QUESTIONS);
    for (uint32_t i = 0; i < n && !s->bad; i++) {
        io_question(s, &q[i], ndirs);
        if (s->reading)
            q[i].bank = b;
    }
    if (s->reading) {
        b->questions = q;
        b->nquestions = n;
    }
    io_raw(s, b->digest, sizeof(b->digest));
}

static void io_scoring(io *s, sp_scoring *sc)
{
    double *slot[SP_SCORING_PARAMS];
    sp_scoring_slots(sc, slot);
    for (int i = 0; i < SP_SCORING_PARAMS; i++)
        io_f64(s, slot[i], 0, 1);
    double z;
    if (s->reading && sc->near_tie_confidence != 0 && !sp_confidence_z(sc->near_tie_confidence, &z))
        s->bad = true;
}

/* mode and the adaptive bounds; the bounds are all zero in a fixed quiz, as the loader leaves
 * them. */
static void io_adaptive(io *s, sp_manifest *m)
{
    int mode = (int)m->mode;
    io_int(s, &mode, SP_MODE_FIXED, SP_MODE_ADAPTIVE);
    m->mode = (sp_mode)mode;
    sp_adaptive_bounds *b = &m->adaptive;
    io_u32(s, &b->min_items, SP_LIMIT_QUESTIONS);
    io_u32(s, &b->max_items, SP_LIMIT_QUESTIONS);
    io_f64(s, &b->confidence, 0, 1);
    double z;
    if (s->reading && m->mode == SP_MODE_ADAPTIVE &&
        (!sp_confidence_z(b->confidence, &z) || b->min_items == 0 ||
         (b->max_items && b->min_items > b->max_items)))
        s->bad = true;
}

static void io_draw(io *s, sp_draw *d)
{
    for (int k = 0; k < SP_KIND_COUNT; k++)
        io_int(s, &d->count[k], SP_DRAW_ALL, SP_LIMIT_QUESTIONS);
}

static void io_manifest(io *s, sp_manifest *m)
{
    io_ident(s, &m->id, LD_ID_BANK);
    io_str(s, &m->version, false);
    io_text(s, &m->title);
    io_text(s, &m->description);
    const char **l = io_array(s, m->languages, &m->nlanguages, sizeof(*l), SP_LIMIT_LANGUAGES);
    for (uint32_t i = 0; i < m->nlanguages && !s->bad; i++) {
        io_str(s, &l[i], false);
        if (s->reading && l[i] && !ld_lang_valid(l[i]))
            s->bad = true;
    }
    if (s->reading)
        m->languages = l;
    io_str(s, &m->directions_file, false);
    io_pos(s, &m->directions_pos);
    sp_bank_ref *b = io_array(s, m->banks, &m->nbanks, sizeof(*b), SP_LIMIT_BANKS);
    for (uint32_t i = 0; i < m->nbanks && !s->bad; i++) {
        io_str(s, &b[i].file, false);
        io_draw(s, &b[i].draw);
        io_pos(s, &b[i].pos);
    }
    if (s->reading)
        m->banks = b;
    int order = (int)m->order;
    io_int(s, &order, SP_ORDER_INTERLEAVED, SP_ORDER_RANDOM);
    m->order = (sp_order)order;
    io_bool(s, &m->shuffle_options);
    io_int(s, &m->minutes, 0, 24 * 60);
    io_scoring(s, &m->scoring);
    io_adaptive(s, m);
    io_raw(s, m->digest, sizeof(m->digest));
}

/* ---- What a file was when it was hashed --------------------------------------------------------

 * Hashing the quiz's files is most of a warm load (478 KB of BLAKE2b for placement: a third of
 * a `verify` process). Each file of the quiz (the manifest excepted: its digest names the cache
 * file) is stored with what stat said of it when it was hashed: device, inode, size, and the
 * modification and change times to the nanosecond. A later load that finds the file with exactly
 * those takes the digest recorded instead of hashing the bytes again, as git's index and Bazel's
 * digest cache do. The change time (ctime) is the guard: the kernel sets it to the present on any
 * write, rename or chmod, and no system call lets a user set it back (only a change of the system
 * clock could), so a file whose ctime is unchanged has not been written since. Two rules keep it
 * sound: the record is made from fstat of the very descriptor hashed, before and after hashing,
 * and only for a file whose times are over two seconds old, since a write within the same tick
 * of the file system's clock could leave them unchanged ("racily clean", in git's words). */

typedef struct stat_memo {
    bool valid; /* false: hash the file at every load */
    uint64_t dev, ino, size;
    int64_t mtime_s, ctime_s;
    uint32_t mtime_ns, ctime_ns;
} stat_memo;

static stat_memo memo_of(const struct stat *st)
{
    return (stat_memo){true,
                       (uint64_t)st->st_dev,
                       (uint64_t)st->st_ino,
                       (uint64_t)st->st_size,
                       (int64_t)st->st_mtim.tv_sec,
                       (int64_t)st->st_ctim.tv_sec,
                       (uint32_t)st->st_mtim.tv_nsec,
                       (uint32_t)st->st_ctim.tv_nsec};
}

static bool memo_same(const stat_memo *a, const stat_memo *b)
{
    return a->valid && b->valid && a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns && a->ctime_s == b->ctime_s &&
           a->ctime_ns == b->ctime_ns;
}

static void io_memo(io *s, stat_memo *m)
{
    io_bool(s, &m->valid);
    io_raw(s, &m->dev, sizeof(m->dev));
    io_raw(s, &m->ino, sizeof(m->ino));
    io_raw(s, &m->size, sizeof(m->size));
    io_raw(s, &m->mtime_s, sizeof(m->mtime_s));
    io_raw(s, &m->ctime_s, sizeof(m->ctime_s));
    io_u32(s, &m->mtime_ns, 999999999);
    io_u32(s, &m->ctime_ns, 999999999);
}

/* ---- Files ----------------------------------------------------------------------------------- */

/* What the file must have been made by: the format, signpost's version and the model's layout,
 * and what kind of file it is (so that no byte of a header can change without failing it). */
static void fingerprint(qcache_kind kind, unsigned char out[32])
{
    static const size_t sizes[] = {
        sizeof(sp_text_entry), sizeof(sp_text),     sizeof(sp_text_list), sizeof(sp_direction),
        sizeof(sp_directions), sizeof(sp_weight),   sizeof(sp_option),    sizeof(sp_question),
        sizeof(sp_bank),       sizeof(sp_draw),     sizeof(sp_scoring),   sizeof(sp_bank_ref),
        sizeof(sp_manifest),   sizeof(sp_document),
    };
    sp_buf b = {0};
    sp_buf_printf(&b, "signpost quiz cache %d %s%s", QCACHE_FORMAT, SIGNPOST_VERSION,
                  kind == QCACHE_REPLAY ? " replay" : "");
    sp_buf_append(&b, (const char *)sizes, sizeof(sizes));
    sp_digest(b.data, b.failed ? 0 : b.len, out);
    sp_buf_free(&b);
}

/* A 64-bit checksum of the n bytes at p, to tell a damaged file (torn by a crash, a flipped bit)
 * from a whole one: four lanes of 8-byte words, each word mixed in by the round of XXH64 (multiply,
 * rotate, multiply: each step one-to-one, so a change to one word always changes its lane), then
 * the lanes, the tail and the length mixed together. Not a digest: no checksum keeps out someone
 * who can write the file, who could recompute it (formats.md, "The quiz cache"); this one runs
 * at a small fraction of BLAKE2b's cost, which was a fifth of a warm verify process. */
static uint64_t rotl64(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static uint64_t mix_word(uint64_t acc, uint64_t w)
{
    const uint64_t p1 = 0x9e3779b185ebca87u, p2 = 0xc2b2ae3d27d4eb4fu;
    return rotl64(acc + w * p2, 31) * p1;
}

static uint64_t checksum64(const unsigned char *p, size_t n)
{
    uint64_t lane[4] = {1, 2, 3, 4}, w;
    size_t i = 0;
    for (; n - i >= 32; i += 32)
        for (int k = 0; k < 4; k++)
            lane[k] = mix_word(lane[k], (memcpy(&w, p + i + 8 * k, 8), w));
    uint64_t h = rotl64(lane[0], 1) + rotl64(lane[1], 7) + rotl64(lane[2], 12) +
                 rotl64(lane[3], 18) + (uint64_t)n;
    for (; n - i >= 8; i += 8)
        h = mix_word(h, (memcpy(&w, p + i, 8), w));
    for (; i < n; i++)
        h = mix_word(h, p[i]);
    h ^= h >> 33;
    h *= 0xc2b2ae3d27d4eb4fu;
    h ^= h >> 29;
    return h;
}

/* Header: magic[8], format u32, kind u32 (qcache_kind), payload length u64, fingerprint[32],
 * checksum[32] (checksum64 of the payload, little-endian as the machine writes it, then 24 zero
 * bytes). */
void qcache_seal(unsigned char *buf, size_t len)
{
    if (len < QCACHE_HEADER)
        return;
    uint64_t sum = checksum64(buf + QCACHE_HEADER, len - QCACHE_HEADER);
    memset(buf + 56, 0, 32);
    memcpy(buf + 56, &sum, sizeof(sum));
}

void qcache_header(unsigned char head[QCACHE_HEADER], qcache_kind kind, uint64_t payload)
{
    memset(head, 0, QCACHE_HEADER);
    memcpy(head, magic, sizeof(magic));
    uint32_t format = QCACHE_FORMAT, k = (uint32_t)kind;
    memcpy(head + 8, &format, sizeof(format));
    memcpy(head + 12, &k, sizeof(k));
    memcpy(head + 16, &payload, sizeof(payload));
    fingerprint(kind, head + 24);
}

/* The files of quiz besides its manifest: the directions file, then the banks in order. */
#define FILES_OF(quiz) (1 + (quiz)->nbanks)

/* The compiled form of quiz with memos[FILES_OF(quiz)] (NULL: none valid). */
static void encode_with(const sp_quiz *quiz, qcache_kind kind, const stat_memo *memos, sp_buf *out)
{
    size_t start = out->len;
    unsigned char head[QCACHE_HEADER];
    qcache_header(head, kind, 0);
    sp_buf_append(out, (const char *)head, sizeof(head));
    /* The visitors only read the model when writing; they take it writable because reading
     * fills the same structures. */
    io s = {.reading = false, .out = out, .no_texts = kind == QCACHE_REPLAY};
    io_manifest(&s, (sp_manifest *)sp_quiz_manifest(quiz));
    sp_directions *dirs = (sp_directions *)sp_quiz_directions(quiz);
    io_directions(&s, dirs);
    for (size_t i = 0; i < sp_quiz_bank_count(quiz); i++)
        io_bank(&s, (sp_bank *)sp_quiz_bank(quiz, i), (int)dirs->count);
    for (size_t i = 0; i < FILES_OF(quiz); i++) {
        stat_memo none = {0}, m = memos ? memos[i] : none;
        io_memo(&s, &m);
    }
    if (out->failed)
        return;
    uint64_t payload = out->len - start - QCACHE_HEADER;
    memcpy(out->data + start + 16, &payload, sizeof(payload));
    qcache_seal((unsigned char *)out->data + start, out->len - start);
}

void qcache_encode(const sp_quiz *quiz, qcache_kind kind, sp_buf *out)
{
    encode_with(quiz, kind, NULL, out);
}

/* True when buf starts with a header this signpost wrote over the len - QCACHE_HEADER bytes
 * that follow it; sets *kind to the kind of file it says it is. */
static bool header_valid(const unsigned char *buf, size_t len, qcache_kind *kind)
{
    if (len < QCACHE_HEADER || memcmp(buf, magic, sizeof(magic)) != 0)
        return false;
    uint32_t format, k;
    uint64_t payload;
    memcpy(&format, buf + 8, sizeof(format));
    memcpy(&k, buf + 12, sizeof(k));
    memcpy(&payload, buf + 16, sizeof(payload));
    unsigned char want[32], sum[32] = {0};
    fingerprint((qcache_kind)k, want);
    if (format != QCACHE_FORMAT || (k != QCACHE_FULL && k != QCACHE_REPLAY) ||
        payload != len - QCACHE_HEADER || memcmp(buf + 24, want, 32) != 0)
        return false;
    uint64_t got = checksum64(buf + QCACHE_HEADER, len - QCACHE_HEADER);
    memcpy(sum, &got, sizeof(got));
    *kind = (qcache_kind)k;
    return memcmp(buf + 56, sum, 32) == 0;
}

static sp_document *doc_new(sp_doc_kind kind)
{
    sp_document *d = calloc(1, sizeof(*d));
    if (d)
        d->kind = kind;
    return d;
}

/* Under AddressSanitizer the bytes come from malloc, whose red zones catch a read past their end
 * (the fuzz target relies on it); mmap'd pages have none. */
#if defined(__SANITIZE_ADDRESS__)
#define STORE_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STORE_MALLOC 1
#endif
#endif

/* A buffer of n bytes (n > 0) for a cache file's bytes, its pages populated at once: one system
 * call instead of a page fault for every 4 KiB, which was a sixth of a warm verify process's page
 * faults. NULL when it cannot be had. Freed with qcache_release. */
static unsigned char *store_alloc(size_t n)
{
#ifdef STORE_MALLOC
    return malloc(n);
#else
    void *p =
        mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
#endif
}

void qcache_release(void *store, size_t len)
{
#ifdef STORE_MALLOC
    (void)len;
    free(store);
#else
    if (store)
        munmap(store, len);
#endif
}

/* qcache_decode of the len bytes at own (from store_alloc), which the quiz decoded keeps for its
 * strings and frees with itself; on failure the caller keeps them. The memos of its files go to
 * memos[FILES_OF(*out)] when memos is not NULL. */
static int decode_owned(unsigned char *own, size_t len, sp_quiz **out,
                        stat_memo memos[1 + SP_LIMIT_BANKS])
{
    *out = NULL;
    qcache_kind kind;
    if (!header_valid(own, len, &kind))
        return SP_EINPUT;
    io s = {.reading = true, .p = own + QCACHE_HEADER, .left = len - QCACHE_HEADER};
    sp_document *man = doc_new(SP_DOC_QUIZ), *dirs = doc_new(SP_DOC_DIRECTIONS);
    sp_document **banks = NULL;
    uint32_t n = 0;
    int rc = SP_ENOMEM;
    if (!man || !dirs)
        goto fail;
    s.arena = &man->arena;
    io_manifest(&s, &man->u.manifest);
    s.arena = &dirs->arena;
    io_directions(&s, &dirs->u.directions);
    n = man->u.manifest.nbanks;
    if (!(banks = calloc(n ? n : 1, sizeof(*banks))))
        goto fail;
    for (uint32_t i = 0; i < n && !s.bad; i++) {
        if (!(banks[i] = doc_new(SP_DOC_BANK)))
            goto fail;
        s.arena = &banks[i]->arena;
        io_bank(&s, &banks[i]->u.bank, (int)dirs->u.directions.count);
    }
    for (uint32_t i = 0; i < 1 + n && !s.bad; i++) {
        stat_memo m = {0};
        io_memo(&s, &m);
        if (memos)
            memos[i] = m;
    }
    rc = SP_EINPUT;
    if (s.bad || s.left != 0)
        goto fail;
    rc = quiz_assemble(man, dirs, banks, n, out);
    if (rc == 0) {
        (*out)->store = own;
        (*out)->store_len = len;
        (*out)->no_texts = kind == QCACHE_REPLAY;
    }
    return rc;
fail:
    sp_document_free(man);
    sp_document_free(dirs);
    for (uint32_t i = 0; banks && i < n; i++)
        sp_document_free(banks[i]);
    free(banks);
    return rc;
}

int qcache_decode(const unsigned char *buf, size_t len, sp_quiz **out)
{
    *out = NULL;
    if (len == 0)
        return SP_EINPUT;
    unsigned char *own = store_alloc(len);
    if (!own)
        return SP_ENOMEM;
    memcpy(own, buf, len);
    int rc = decode_owned(own, len, out, NULL);
    if (rc != 0)
        qcache_release(own, len);
    return rc;
}

int qcache_memos_valid(const unsigned char *buf, size_t len)
{
    unsigned char *own = len ? store_alloc(len) : NULL;
    if (!own)
        return -1;
    memcpy(own, buf, len);
    stat_memo memos[1 + SP_LIMIT_BANKS];
    sp_quiz *quiz = NULL;
    if (decode_owned(own, len, &quiz, memos) != 0) {
        qcache_release(own, len);
        return -1;
    }
    int n = 0;
    for (size_t i = 0; i < FILES_OF(quiz); i++)
        n += memos[i].valid;
    sp_quiz_free(quiz);
    return n;
}

/* ---- The cache folder ---------------------------------------------------------------------- */

/* dir/quiz-HEX.bin (QCACHE_FULL) or dir/quiz-HEX.replay.bin, HEX naming the manifest's digest
 * and what the file must be made by. */
static char *entry_path(const char *dir, const unsigned char manifest[32], qcache_kind kind)
{
    unsigned char key[64], name[32];
    fingerprint(kind, key);
    memcpy(key + 32, manifest, 32);
    sp_digest(key, sizeof(key), name);
    char hex[65];
    sp_hex(name, 32, hex);
    sp_buf b = {0};
    sp_buf_printf(&b, "%s/quiz-%s%s.bin", dir, hex, kind == QCACHE_REPLAY ? ".replay" : "");
    if (b.failed) {
        sp_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* Reads the cache file at path when it is a regular file of ours that no one else may write:
 * one another user could write could say anything. Returns 0, SP_ENOTFOUND or SP_ENOMEM. */
static int read_entry(const char *path, unsigned char **buf, size_t *len)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return SP_ENOTFOUND;
    struct stat st;
    int rc = SP_ENOTFOUND;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
        (st.st_mode & 022) || (uintmax_t)st.st_size > QCACHE_LIMIT || st.st_size == 0)
        goto done;
    size_t n = (size_t)st.st_size, got = 0;
    if (!(*buf = store_alloc(n))) {
        rc = SP_ENOMEM;
        goto done;
    }
    while (got < n) {
        ssize_t r = read(fd, *buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (got == n) {
        *len = n;
        rc = 0;
    } else {
        qcache_release(*buf, n);
        *buf = NULL;
    }
done:
    close(fd);
    return rc;
}

/* The digest of the regular file at path into out (as sp_digest of its bytes); false when it
 * cannot be read as one (a pipe is not read: its bytes would be gone for the load from the files)
 * or holds more than SP_LIMIT_FILE_SIZE bytes. Hashed as it is read, a chunk at a time: no copy of
 * the file is kept. */
static bool digest_fd(int fd, unsigned char out[32])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    unsigned char chunk[65536];
    size_t total = 0;
    ssize_t n;
    while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || (size_t)n > SP_LIMIT_FILE_SIZE - total)
            break;
        total += (size_t)n;
        crypto_generichash_update(&st, chunk, (size_t)n);
    }
    return n == 0 && crypto_generichash_final(&st, out, 32) == 0;
}

static bool digest_file(const char *path, unsigned char out[32])
{
    int fd = sp_input_open(path, 0);
    if (fd < 0)
        return false;
    bool ok = digest_fd(fd, out);
    close(fd);
    return ok;
}

/* True when the file at path has digest want: at once when fstat says what memo recorded (see
 * "What a file was when it was hashed"), else by hashing it. */
static bool has_digest(const char *path, const unsigned char want[32], const stat_memo *memo)
{
    int fd = sp_input_open(path, 0);
    if (fd < 0)
        return false;
    struct stat st;
    stat_memo now = {0};
    if (fstat(fd, &st) == 0)
        now = memo_of(&st);
    unsigned char got[32];
    bool ok = memo_same(&now, memo) || (digest_fd(fd, got) && memcmp(got, want, 32) == 0);
    close(fd);
    return ok;
}

/* What to record of the file at path, which must have digest want: fstat of the descriptor
 * hashed, the same before and after, the file's times over two seconds old; else a memo that is
 * not valid. */
static stat_memo memo_for(const char *path, const unsigned char want[32])
{
    stat_memo none = {0};
    int fd = path ? sp_input_open(path, 0) : -1;
    if (fd < 0)
        return none;
    struct stat before, after;
    unsigned char got[32];
    struct timespec now;
    bool ok = fstat(fd, &before) == 0 && digest_fd(fd, got) && memcmp(got, want, 32) == 0 &&
              fstat(fd, &after) == 0 && clock_gettime(CLOCK_REALTIME, &now) == 0;
    close(fd);
    stat_memo a = ok ? memo_of(&before) : none, b = ok ? memo_of(&after) : none;
    if (!memo_same(&a, &b) || after.st_mtim.tv_sec > now.tv_sec - 2 ||
        after.st_ctim.tv_sec > now.tv_sec - 2)
        return none;
    return b;
}

/* path relative to the folder of the manifest at base (as quiz.c resolves it). */
static char *beside(const char *base, const char *path)
{
    const char *slash = strrchr(base, '/');
    size_t dir = path[0] == '/' || !slash ? 0 : (size_t)(slash - base) + 1;
    sp_buf b = {0};
    sp_buf_append(&b, base, dir);
    sp_buf_puts(&b, path);
    if (b.failed) {
        sp_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* Checks that the file rel names beside the manifest has digest want, and sets *path to where it
 * is, in doc's arena, as a load from the files would. */
static bool same_file(sp_document *doc, const char *manifest, const char *rel,
                      const unsigned char want[32], const stat_memo *memo, const char **path)
{
    char *p = beside(manifest, rel);
    bool ok =
        p && has_digest(p, want, memo) && (*path = sp_arena_strndup(&doc->arena, p, strlen(p)));
    free(p);
    return ok;
}

/* Checks that every file of quiz, read from the cache for the manifest at path whose digest is
 * mdigest, still has the digest recorded, and gives each document its path. */
static bool same_files(sp_quiz *quiz, const char *path, const unsigned char mdigest[32],
                       const stat_memo *memos)
{
    sp_manifest *m = &quiz->manifest->u.manifest;
    if (memcmp(m->digest, mdigest, 32) != 0 || quiz->nbanks != m->nbanks ||
        !(m->path = sp_arena_strndup(&quiz->manifest->arena, path, strlen(path))))
        return false;
    sp_directions *d = &quiz->directions->u.directions;
    if (!same_file(quiz->directions, path, m->directions_file, d->digest, &memos[0], &d->path))
        return false;
    for (size_t i = 0; i < quiz->nbanks; i++) {
        sp_bank *b = &quiz->banks[i]->u.bank;
        if (!same_file(quiz->banks[i], path, m->banks[i].file, b->digest, &memos[1 + i], &b->path))
            return false;
    }
    return true;
}

/* Runs the checks across the files of the quiz again (quizcheck.c): a quiz is stored only when
 * they said nothing, so they must say nothing now, and a decoded quiz is kept to the rules the rest
 * of signpost relies on across files. The advisory simulation of sp_quizcheck ("cannot come
 * first") is left out: it follows from the model the checksum and the content key vouch for, it
 * guards no invariant, and it cost more than all the other checks together (2.7 M instructions of
 * a 23 M warm verify process). A quiz without its texts skips the check of their languages. */
static bool checks_again(const sp_quiz *quiz)
{
    sp_diags *d = sp_diags_new();
    const sp_bank *banks[SP_LIMIT_BANKS];
    for (size_t i = 0; i < quiz->nbanks; i++)
        banks[i] = sp_quiz_bank(quiz, i);
    bool ok = d &&
              sp_quizcheck_rules(sp_quiz_manifest(quiz), sp_quiz_directions(quiz), banks,
                                 quiz->nbanks, !quiz->no_texts, d) == 0 &&
              sp_diags_count(d) == 0;
    sp_diags_free(d);
    return ok;
}

int qcache_load(const char *dir, const char *path, qcache_kind kind, sp_quiz **out)
{
    *out = NULL;
    unsigned char mdigest[32];
    if (!digest_file(path, mdigest))
        return SP_ENOTFOUND;
    char *entry = entry_path(dir, mdigest, kind);
    if (!entry)
        return SP_ENOMEM;
    unsigned char *buf = NULL;
    size_t len = 0;
    stat_memo memos[1 + SP_LIMIT_BANKS];
    int rc = read_entry(entry, &buf, &len);
    free(entry);
    if (rc == 0 && decode_owned(buf, len, out, memos) != 0) {
        rc = SP_ENOTFOUND;
        qcache_release(buf, len);
    }
    /* A file of the other kind under this name (renamed by hand) is a miss: a quiz for the
     * screens must have its texts. */
    if (rc == 0 && (*out)->no_texts != (kind == QCACHE_REPLAY)) {
        sp_quiz_free(*out);
        *out = NULL;
        rc = SP_ENOTFOUND;
    }
    if (rc == 0 && !(same_files(*out, path, mdigest, memos) && checks_again(*out))) {
        sp_quiz_free(*out);
        *out = NULL;
        rc = SP_ENOTFOUND;
    }
    return rc;
}

/* Creates dir and its parent when missing, private to the user. */
static void make_folder(const char *dir)
{
    if (mkdir(dir, 0700) == 0 || errno != ENOENT)
        return;
    char *parent = strdup(dir);
    char *slash = parent ? strrchr(parent, '/') : NULL;
    if (slash && slash != parent) {
        *slash = '\0';
        (void)mkdir(parent, 0700);
        (void)mkdir(dir, 0700);
    }
    free(parent);
}

/* Writes all of data to fd; false on an error. */
static bool write_all(int fd, const sp_buf *data)
{
    for (size_t at = 0; at < data->len;) {
        ssize_t w = write(fd, data->data + at, data->len - at);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        at += (size_t)w;
    }
    return true;
}

/* Writes data as path into an unnamed file of path's folder (O_TMPFILE), named only once it is
 * whole: a process killed while writing (`take` fills the cache while the taker reads its first
 * question) leaves nothing behind. False when the folder's file system has no unnamed files or
 * /proc is missing; the caller then writes a named temporary file. */
static bool write_unnamed(const char *path, const sp_buf *data)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    int fd = dir ? open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600) : -1;
    free(dir);
    if (fd < 0)
        return false;
    char self[64];
    snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
    bool written = write_all(fd, data), named = false;
    if (written) {
        named = linkat(AT_FDCWD, self, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0;
        if (!named && errno == EEXIST) {
            (void)unlink(path); /* a damaged or foreign file by that name: replace it */
            named = linkat(AT_FDCWD, self, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0;
        }
    }
    close(fd);
    /* Not written (a full disk): no other way would do better. Written but not named (no /proc,
     * or a race): a named temporary file may still do. */
    return !written || named;
}

/* Writes data to path: unnamed first (write_unnamed), else to a temporary file of path's folder
 * renamed to path. No fsync: a file a crash leaves torn fails its checksum and is rebuilt, and the
 * cache is never worth a wait. */
static void write_entry(const char *path, const sp_buf *data)
{
    if (write_unnamed(path, data))
        return;
    sp_buf tmp = {0};
    sp_buf_printf(&tmp, "%s.tmpXXXXXX", path);
    if (tmp.failed)
        return;
    int fd = mkostemp(tmp.data, O_CLOEXEC);
    if (fd < 0)
        goto done;
    bool ok = fchmod(fd, 0600) == 0 && write_all(fd, data);
    ok = close(fd) == 0 && ok && rename(tmp.data, path) == 0;
    if (!ok)
        unlink(tmp.data);
done:
    sp_buf_free(&tmp);
}

/* Writes the file of that kind for quiz, with memos. */
static void store_kind(const char *dir, const sp_quiz *quiz, qcache_kind kind,
                       const stat_memo *memos)
{
    sp_buf data = {0};
    encode_with(quiz, kind, memos, &data);
    char *entry = entry_path(dir, sp_quiz_manifest(quiz)->digest, kind);
    if (entry && !data.failed && data.len <= QCACHE_LIMIT)
        write_entry(entry, &data);
    free(entry);
    sp_buf_free(&data);
}

void qcache_store(const char *dir, const sp_quiz *quiz)
{
    if (quiz->no_texts)
        return; /* read from the cache for replay: the texts are not there to store */
    make_folder(dir);
    stat_memo memos[1 + SP_LIMIT_BANKS];
    memos[0] = memo_for(quiz->directions->u.directions.path, quiz->directions->u.directions.digest);
    for (size_t i = 0; i < quiz->nbanks; i++)
        memos[1 + i] = memo_for(quiz->banks[i]->u.bank.path, quiz->banks[i]->u.bank.digest);
    store_kind(dir, quiz, QCACHE_FULL, memos);
    store_kind(dir, quiz, QCACHE_REPLAY, memos);
}
