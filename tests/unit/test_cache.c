/* Unit tests of the compiled quiz cache (engine/bank/cache.c).
 *
 * The model read from the cache must be the model parsed from YAML, field by field: dump_quiz
 * writes every field of every structure, written here by hand and independently of the cache's
 * own visitors, so that a field the cache forgets shows as a difference. The size checks below
 * fail the build when a structure gains a field, until it is dumped here AND carried by cache.c.
 * Damaged, truncated, foreign, wrong-version and hostile files must be refused, never trusted. */
#include "testmain.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bank/cache.h"
#include "base/util.h"
#include "signpost/load.h"

#if defined(__x86_64__) || defined(__aarch64__)
_Static_assert(sizeof(sp_direction) == 280, "sp_direction changed: dump the new field");
_Static_assert(sizeof(sp_directions) == 64, "sp_directions changed: dump the new field");
_Static_assert(sizeof(sp_weight) == 32, "sp_weight changed: dump the new field");
_Static_assert(sizeof(sp_option) == 56, "sp_option changed: dump the new field");
_Static_assert(sizeof(sp_question) == 136, "sp_question changed: dump the new field");
_Static_assert(sizeof(sp_bank) == 128, "sp_bank changed: dump the new field");
_Static_assert(sizeof(sp_scoring) == 40, "sp_scoring changed: dump the new field");
_Static_assert(sizeof(sp_bank_ref) == 32, "sp_bank_ref changed: dump the new field");
_Static_assert(sizeof(sp_manifest) == 224, "sp_manifest changed: dump the new field");
#endif

/* The quizzes compared: the shipped ones and the test fixtures. */
static const char *const quizzes[] = {
    SP_QUIZ_DIR "/placement.yaml", SP_QUIZ_DIR "/quick.yaml", SP_TEST_DATA "/tiny/quiz.yaml",
    SP_TEST_DATA "/adaptive/quiz.yaml", /* mode: adaptive, with bounds */
};

/* ---- A canonical dump of the model --------------------------------------------------------- */

static void d_pos(sp_buf *b, sp_pos p)
{
    sp_buf_printf(b, " @%u:%u", p.line, p.column);
}

static void d_str(sp_buf *b, const char *name, const char *s)
{
    sp_buf_printf(b, " %s=%s%s%s", name, s ? "\"" : "", s ? s : "NULL", s ? "\"" : "");
}

/* How texts are dumped: in full; left out (for a model compared with a quiz loaded for replay);
 * or left out while each is asserted to be empty (such a quiz itself). */
static enum { TEXTS_DUMPED, TEXTS_LEFT_OUT, TEXTS_EMPTY } texts_mode;

static void d_text(sp_buf *b, const char *name, const sp_text *t)
{
    if (texts_mode == TEXTS_EMPTY)
        assert_int_equal(t->count, 0);
    if (texts_mode != TEXTS_DUMPED) {
        sp_buf_printf(b, "\n  text %s", name);
        d_pos(b, t->pos);
        return;
    }
    sp_buf_printf(b, "\n  text %s[%u]", name, t->count);
    for (uint32_t i = 0; i < t->count; i++) {
        d_str(b, "lang", t->entries[i].lang);
        d_str(b, "str", t->entries[i].str);
    }
    d_pos(b, t->pos);
}

static void d_list(sp_buf *b, const char *name, const sp_text_list *l)
{
    if (texts_mode == TEXTS_EMPTY)
        assert_int_equal(l->count, 0);
    if (texts_mode != TEXTS_DUMPED) {
        sp_buf_printf(b, "\n list %s", name);
        return;
    }
    sp_buf_printf(b, "\n list %s[%u]", name, l->count);
    for (uint32_t i = 0; i < l->count; i++)
        d_text(b, name, &l->items[i]);
}

static void d_weights(sp_buf *b, const sp_weight *w, uint32_t n)
{
    sp_buf_printf(b, " weights[%u]", n);
    for (uint32_t i = 0; i < n; i++) {
        d_str(b, "dir", w[i].dir);
        sp_buf_printf(b, " %d %.17g", w[i].dir_index, w[i].value);
        d_pos(b, w[i].pos);
    }
}

static void d_digest(sp_buf *b, const unsigned char d[32])
{
    char hex[65];
    sp_hex(d, 32, hex);
    sp_buf_printf(b, " digest=%s", hex);
}

static void d_directions(sp_buf *b, const sp_directions *d)
{
    d_str(b, "\ndirections path", d->path);
    d_str(b, "version", d->version);
    d_digest(b, d->digest);
    for (uint32_t i = 0; i < d->count; i++) {
        const sp_direction *x = &d->items[i];
        d_str(b, "\ndirection", x->id);
        d_text(b, "name", &x->name);
        d_text(b, "short", &x->short_name);
        d_text(b, "summary", &x->summary);
        d_list(b, "roles", &x->roles);
        d_list(b, "work", &x->work);
        sp_buf_printf(b, " barrier=%d", (int)x->barrier);
        d_text(b, "barrier_why", &x->barrier_why);
        d_text(b, "suits", &x->suits);
        d_list(b, "skills", &x->skills);
        d_text(b, "project", &x->step_project);
        d_text(b, "tool", &x->step_tool);
        d_text(b, "read", &x->step_read);
        d_list(b, "sources", &x->sources);
        d_pos(b, x->pos);
    }
}

static void d_question(sp_buf *b, const sp_question *q)
{
    d_str(b, "\nquestion", q->id);
    sp_buf_printf(b, " kind=%d level=%u answer=%u bank=%s", (int)q->kind, q->level, q->answer,
                  q->bank ? q->bank->id : "NULL");
    d_text(b, "text", &q->text);
    d_weights(b, q->keys, q->nkeys);
    for (uint32_t i = 0; i < q->noptions; i++) {
        const sp_option *o = &q->options[i];
        d_str(b, "\n option", o->id);
        d_text(b, "text", &o->text);
        d_weights(b, o->weights, o->nweights);
        sp_buf_printf(b, " fixed=%d", o->fixed);
        d_pos(b, o->pos);
    }
    d_text(b, "explain", &q->explain);
    d_text(b, "topic", &q->topic);
    d_pos(b, q->pos);
}

static void d_bank(sp_buf *b, const sp_bank *k)
{
    d_str(b, "\nbank path", k->path);
    d_str(b, "id", k->id);
    d_str(b, "version", k->version);
    d_str(b, "direction", k->direction);
    d_text(b, "title", &k->title);
    d_text(b, "description", &k->description);
    d_digest(b, k->digest);
    for (size_t i = 0; i < k->nquestions; i++)
        d_question(b, &k->questions[i]);
}

static void d_manifest(sp_buf *b, const sp_manifest *m)
{
    d_str(b, "manifest path", m->path);
    d_str(b, "id", m->id);
    d_str(b, "version", m->version);
    d_text(b, "title", &m->title);
    d_text(b, "description", &m->description);
    for (uint32_t i = 0; i < m->nlanguages; i++)
        d_str(b, "lang", m->languages[i]);
    d_str(b, "directions", m->directions_file);
    d_pos(b, m->directions_pos);
    for (uint32_t i = 0; i < m->nbanks; i++) {
        const sp_bank_ref *r = &m->banks[i];
        d_str(b, "\nref", r->file);
        sp_buf_printf(b, " draw=%d,%d,%d", r->draw.count[0], r->draw.count[1], r->draw.count[2]);
        d_pos(b, r->pos);
    }
    const sp_scoring *s = &m->scoring;
    sp_buf_printf(b, "\norder=%d shuffle=%d minutes=%d scoring=%.17g,%.17g,%.17g,%.17g,%.17g",
                  (int)m->order, m->shuffle_options, m->minutes, s->interest_weight, s->near_tie,
                  s->flat, s->level_pass, s->near_tie_confidence);
    sp_buf_printf(b, "\nmode=%d adaptive=%u,%u,%.17g", (int)m->mode, m->adaptive.min_items,
                  m->adaptive.max_items, m->adaptive.confidence);
    d_digest(b, m->digest);
}

/* Every field of quiz, in a new string. */
static char *dump_quiz(const sp_quiz *quiz)
{
    sp_buf b = {0};
    d_manifest(&b, sp_quiz_manifest(quiz));
    d_directions(&b, sp_quiz_directions(quiz));
    for (size_t i = 0; i < sp_quiz_bank_count(quiz); i++)
        d_bank(&b, sp_quiz_bank(quiz, i));
    for (size_t i = 0; i < sp_quiz_bank_count(quiz); i++) {
        const sp_bank *k = sp_quiz_bank(quiz, i);
        for (size_t j = 0; j < k->nquestions; j++)
            assert_ptr_equal(sp_quiz_question(quiz, k->questions[j].id), &k->questions[j]);
    }
    assert_false(b.failed);
    return b.data;
}

/* ---- Helpers --------------------------------------------------------------------------------- */

static char *parsed_dump(const char *path)
{
    assert_int_equal(sp_quiz_cache_dir(NULL), 0);
    sp_diags *d = sp_diags_new();
    sp_quiz *quiz = NULL;
    assert_int_equal(sp_quiz_load(path, d, &quiz), 0);
    char *s = dump_quiz(quiz);
    sp_quiz_free(quiz);
    sp_diags_free(d);
    return s;
}

/* Loads path with the cache in dir; the dump, in a new string. */
static char *cached_dump(const char *dir, const char *path, size_t *ndiags)
{
    assert_int_equal(sp_quiz_cache_dir(dir), 0);
    sp_diags *d = sp_diags_new();
    sp_quiz *quiz = NULL;
    assert_int_equal(sp_quiz_load(path, d, &quiz), 0);
    *ndiags = sp_diags_count(d);
    char *s = dump_quiz(quiz);
    sp_quiz_free(quiz);
    sp_diags_free(d);
    assert_int_equal(sp_quiz_cache_dir(NULL), 0);
    return s;
}

static char *temp_dir(void)
{
    char tmpl[] = "/tmp/signpost-cache-test.XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    return strdup(tmpl);
}

static void remove_dir(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* The compiled form of the quiz at path (as parsed), malloc'd. */
static unsigned char *compiled(const char *path, size_t *len)
{
    assert_int_equal(sp_quiz_cache_dir(NULL), 0);
    sp_diags *d = sp_diags_new();
    sp_quiz *quiz = NULL;
    assert_int_equal(sp_quiz_load(path, d, &quiz), 0);
    sp_buf b = {0};
    qcache_encode(quiz, QCACHE_FULL, &b);
    assert_false(b.failed);
    sp_quiz_free(quiz);
    sp_diags_free(d);
    *len = b.len;
    return (unsigned char *)b.data;
}

/* The one cache file of that kind in dir, or NULL. */
static char *entry_of_kind(const char *dir, qcache_kind kind)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "ls %s/quiz-*.bin 2>/dev/null | grep %s '[.]replay[.]bin$'", dir,
             kind == QCACHE_REPLAY ? "" : "-v");
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[512] = "";
    char *got = fgets(line, sizeof(line), p);
    pclose(p);
    if (!got)
        return NULL;
    line[strcspn(line, "\n")] = '\0';
    return strdup(line);
}

/* The one full cache file in dir (not the file for replay beside it), or NULL. */
static char *entry_in(const char *dir)
{
    return entry_of_kind(dir, QCACHE_FULL);
}

/* ---- Cases ----------------------------------------------------------------------------------- */

/* Cold (parsed, then stored) and warm (read from the cache) loads give the parsed model. */
static void test_cache_model_equals_the_parsed_model_field_by_field(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(quizzes) / sizeof(quizzes[0]); i++) {
        char *dir = temp_dir();
        char *want = parsed_dump(quizzes[i]);
        size_t n;
        char *cold = cached_dump(dir, quizzes[i], &n);
        assert_string_equal(cold, want);
        char *entry = entry_in(dir);
        assert_non_null(entry); /* stored */
        sp_quiz *quiz = NULL;
        assert_int_equal(qcache_load(dir, quizzes[i], QCACHE_FULL, &quiz), 0); /* a hit */
        sp_quiz_free(quiz);
        char *warm = cached_dump(dir, quizzes[i], &n);
        assert_int_equal(n, 0);
        assert_string_equal(warm, want);
        free(entry);
        free(cold);
        free(warm);
        free(want);
        remove_dir(dir);
        free(dir);
    }
}

/* The file for replay holds the whole model but its texts: cold, a replay load is parsed and has
 * them; warm, it comes from quiz-HEX.replay.bin, every text empty and every other field equal. */
static void test_cache_replay_file_holds_the_model_without_its_texts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(quizzes) / sizeof(quizzes[0]); i++) {
        char *dir = temp_dir();
        texts_mode = TEXTS_LEFT_OUT;
        char *want = parsed_dump(quizzes[i]);
        assert_int_equal(sp_quiz_cache_dir(dir), 0);
        sp_diags *d = sp_diags_new();
        for (int round = 0; round < 2; round++) {
            sp_quiz *quiz = NULL;
            assert_int_equal(sp_quiz_load_replay(quizzes[i], d, &quiz), 0);
            assert_int_equal(sp_quiz_has_texts(quiz), round == 0); /* parsed, then cached */
            texts_mode = round == 0 ? TEXTS_LEFT_OUT : TEXTS_EMPTY;
            char *got = dump_quiz(quiz);
            assert_string_equal(got, want);
            free(got);
            sp_quiz_free(quiz);
        }
        texts_mode = TEXTS_DUMPED;
        sp_quiz *quiz = NULL; /* the full file was stored beside it, texts and all */
        assert_int_equal(sp_quiz_load(quizzes[i], d, &quiz), 0);
        assert_true(sp_quiz_has_texts(quiz));
        char *full = dump_quiz(quiz), *parsed = parsed_dump(quizzes[i]);
        assert_string_equal(full, parsed);
        free(full);
        free(parsed);
        sp_quiz_free(quiz);
        assert_int_equal(sp_diags_count(d), 0);
        sp_diags_free(d);
        assert_int_equal(sp_quiz_cache_dir(NULL), 0);
        free(want);
        remove_dir(dir);
        free(dir);
    }
}

/* A file for replay renamed to the full file's name is a miss for a load that shows texts (and
 * the full file under the replay name is one for replay): a quiz on screen never lacks them. */
static void test_cache_a_file_of_the_other_kind_is_a_miss(void **state)
{
    (void)state;
    const char *quiz_path = quizzes[0];
    char *dir = temp_dir();
    size_t n;
    free(cached_dump(dir, quiz_path, &n)); /* stores both */
    char *full = entry_in(dir), *replay = entry_of_kind(dir, QCACHE_REPLAY);
    assert_non_null(full);
    assert_non_null(replay);
    char cmd[1400];
    sp_quiz *quiz = NULL;
    assert_int_equal(qcache_load(dir, quiz_path, QCACHE_REPLAY, &quiz), 0);
    sp_quiz_free(quiz);
    snprintf(cmd, sizeof(cmd), "cp '%s' '%s.x' && cp '%s' '%s' && mv '%s.x' '%s'", full, full,
             replay, full, full, replay);
    assert_int_equal(system(cmd), 0); /* the two swapped */
    assert_int_equal(qcache_load(dir, quiz_path, QCACHE_FULL, &quiz), SP_ENOTFOUND);
    assert_int_equal(qcache_load(dir, quiz_path, QCACHE_REPLAY, &quiz), SP_ENOTFOUND);
    free(full);
    free(replay);
    remove_dir(dir);
    free(dir);
}

/* A quiz that loads with warnings is never stored, so that every load says them again. */
static void test_cache_never_stores_a_quiz_with_warnings(void **state)
{
    (void)state;
    const char *path = SP_TEST_DATA "/analyze/quiz.yaml";
    char *dir = temp_dir();
    char *want = parsed_dump(path);
    for (int round = 0; round < 2; round++) {
        size_t n = 0;
        char *got = cached_dump(dir, path, &n);
        assert_int_equal(n, 5);
        assert_string_equal(got, want);
        free(got);
        assert_null(entry_in(dir));
    }
    free(want);
    remove_dir(dir);
    free(dir);
}

static void test_cache_refuses_every_truncation(void **state)
{
    (void)state;
    size_t len;
    unsigned char *buf = compiled(SP_TEST_DATA "/tiny/quiz.yaml", &len);
    sp_quiz *quiz = NULL;
    assert_int_equal(qcache_decode(buf, len, &quiz), 0);
    sp_quiz_free(quiz);
    for (size_t n = 0; n < len; n++) {
        assert_int_equal(qcache_decode(buf, n, &quiz), SP_EINPUT);
        assert_null(quiz);
        /* Truncated and sealed again: the checksum holds, the bounds must not. */
        unsigned char *copy = malloc(n ? n : 1);
        memcpy(copy, buf, n);
        qcache_seal(copy, n);
        assert_int_equal(qcache_decode(copy, n, &quiz), SP_EINPUT);
        free(copy);
    }
    free(buf);
}

/* Any byte changed is caught by the checksum; changed and sealed again, it is caught by the
 * bounds or gives a quiz that is safe to free (the sanitizers watch). */
static void test_cache_refuses_flipped_bytes(void **state)
{
    (void)state;
    size_t len;
    unsigned char *buf = compiled(SP_TEST_DATA "/tiny/quiz.yaml", &len);
    for (size_t i = 0; i < len; i++) {
        for (int bit = 0; bit < 8; bit += 7) {
            buf[i] ^= (unsigned char)(1u << bit);
            sp_quiz *quiz = NULL;
            assert_int_equal(qcache_decode(buf, len, &quiz), SP_EINPUT);
            unsigned char *copy = malloc(len);
            memcpy(copy, buf, len);
            qcache_seal(copy, len);
            int rc = qcache_decode(copy, len, &quiz);
            assert_true(rc == 0 || rc == SP_EINPUT);
            if (i < QCACHE_HEADER && (i < 56 || i >= 88))
                assert_int_equal(rc, SP_EINPUT); /* magic, format, length, fingerprint */
            sp_quiz_free(quiz);
            free(copy);
            buf[i] ^= (unsigned char)(1u << bit);
        }
    }
    free(buf);
}

/* Every 32-bit word set to a huge count, sealed again: refused without a huge allocation. */
static void test_cache_refuses_hostile_counts(void **state)
{
    (void)state;
    size_t len;
    unsigned char *buf = compiled(SP_TEST_DATA "/tiny/quiz.yaml", &len);
    static const uint32_t hostile[] = {0xffffffffu, 0x7fffffffu, 0x10000u, 0xfffffffeu};
    for (size_t i = QCACHE_HEADER; i + 4 <= len; i++) {
        for (size_t h = 0; h < sizeof(hostile) / sizeof(hostile[0]); h++) {
            unsigned char *copy = malloc(len);
            memcpy(copy, buf, len);
            memcpy(copy + i, &hostile[h], 4);
            qcache_seal(copy, len);
            sp_quiz *quiz = NULL;
            int rc = qcache_decode(copy, len, &quiz);
            assert_true(rc == 0 || rc == SP_EINPUT);
            sp_quiz_free(quiz);
            free(copy);
        }
    }
    free(buf);
}

/* A YAML file, an empty file, another format number or fingerprint: refused. */
static void test_cache_refuses_foreign_and_other_version_files(void **state)
{
    (void)state;
    size_t len;
    unsigned char *buf = compiled(SP_TEST_DATA "/tiny/quiz.yaml", &len);
    sp_quiz *quiz = NULL;
    static const char yaml[] = "signpost: quiz/1\nid: tiny\n";
    assert_int_equal(qcache_decode((const unsigned char *)yaml, sizeof(yaml) - 1, &quiz),
                     SP_EINPUT);
    assert_int_equal(qcache_decode(buf, 0, &quiz), SP_EINPUT);
    uint32_t other = QCACHE_FORMAT + 1;
    memcpy(buf + 8, &other, 4);
    qcache_seal(buf, len);
    assert_int_equal(qcache_decode(buf, len, &quiz), SP_EINPUT);
    other = QCACHE_FORMAT;
    memcpy(buf + 8, &other, 4);
    buf[24] ^= 1; /* the fingerprint: another signpost version or model layout */
    qcache_seal(buf, len);
    assert_int_equal(qcache_decode(buf, len, &quiz), SP_EINPUT);
    buf[24] ^= 1;
    qcache_seal(buf, len);
    assert_int_equal(qcache_decode(buf, len, &quiz), 0);
    sp_quiz_free(quiz);
    free(buf);
}

static void copy_file(const char *from, const char *to)
{
    char *buf = NULL;
    size_t len = 0;
    assert_int_equal(sp_read_file(from, SP_LIMIT_FILE_SIZE, &buf, &len), 0);
    FILE *f = fopen(to, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    free(buf);
}

/* A damaged cache file on disk is ignored and rewritten; one others may write is ignored. */
static void test_cache_file_damaged_on_disk_is_rebuilt(void **state)
{
    (void)state;
    const char *quiz_path = SP_TEST_DATA "/tiny/quiz.yaml";
    char *dir = temp_dir();
    char *want = parsed_dump(quiz_path);
    size_t n;
    free(cached_dump(dir, quiz_path, &n));
    char *entry = entry_in(dir);
    assert_non_null(entry);
    FILE *f = fopen(entry, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, 200, SEEK_SET), 0);
    assert_int_equal(fputc('#', f), '#');
    assert_int_equal(fclose(f), 0);
    sp_quiz *quiz = NULL;
    assert_int_equal(qcache_load(dir, quiz_path, QCACHE_FULL, &quiz), SP_ENOTFOUND);
    char *got = cached_dump(dir, quiz_path, &n);
    assert_string_equal(got, want);
    assert_int_equal(qcache_load(dir, quiz_path, QCACHE_FULL, &quiz), 0); /* rewritten */
    sp_quiz_free(quiz);
    assert_int_equal(chmod(entry, 0666), 0);
    assert_int_equal(qcache_load(dir, quiz_path, QCACHE_FULL, &quiz), SP_ENOTFOUND);
    free(got);
    free(entry);
    free(want);
    remove_dir(dir);
    free(dir);
}

/* A copy of the tiny quiz in quiz_dir, which the tests may change: its manifest's path and its
 * bank's (512 bytes each). */
static void copy_tiny(const char *quiz_dir, char path[512], char bank[512])
{
    char banks[512], dirs[512];
    snprintf(path, 512, "%s/quiz.yaml", quiz_dir);
    snprintf(banks, sizeof(banks), "%s/banks", quiz_dir);
    snprintf(bank, 512, "%s/banks/t.yaml", quiz_dir);
    snprintf(dirs, sizeof(dirs), "%s/directions.yaml", quiz_dir);
    copy_file(SP_TEST_DATA "/tiny/quiz.yaml", path);
    assert_int_equal(mkdir(banks, 0700), 0);
    copy_file(SP_TEST_DATA "/tiny/banks/t.yaml", bank);
    copy_file(SP_TEST_DATA "/tiny/directions.yaml", dirs);
}

/* A bank changed after the quiz was stored: the cache misses and the new bank is loaded. */
static void test_cache_misses_when_a_file_of_the_quiz_changes(void **state)
{
    (void)state;
    char *dir = temp_dir(), *quiz_dir = temp_dir();
    char path[512], bank[512];
    copy_tiny(quiz_dir, path, bank);
    size_t n;
    char *before = cached_dump(dir, path, &n);
    FILE *f = fopen(bank, "ab");
    assert_non_null(f);
    fputs("# changed\n", f);
    assert_int_equal(fclose(f), 0);
    sp_quiz *quiz = NULL;
    assert_int_equal(qcache_load(dir, path, QCACHE_FULL, &quiz), SP_ENOTFOUND);
    char *after = cached_dump(dir, path, &n);
    char *want = parsed_dump(path);
    assert_string_equal(after, want);
    assert_string_not_equal(after, before); /* the bank's digest */
    free(before);
    free(after);
    free(want);
    remove_dir(dir);
    remove_dir(quiz_dir);
    free(dir);
    free(quiz_dir);
}

/* The valid records of what the files were, in the full cache file of dir (-1: none there). */
static int memos_in(const char *dir)
{
    char *entry = entry_in(dir);
    if (!entry)
        return -1;
    char *buf = NULL;
    size_t len = 0;
    assert_int_equal(sp_read_file(entry, QCACHE_LIMIT, &buf, &len), 0);
    int n = qcache_memos_valid((const unsigned char *)buf, len);
    free(buf);
    free(entry);
    return n;
}

/* A file is recorded with what stat said of it (so that later loads need not hash it) only once
 * its times are over two seconds old; a bank then changed in place, its size and modification
 * time put back as they were, is still seen at once: its change time moved. */
static void test_cache_trusts_a_files_stat_only_when_it_cannot_hide_a_change(void **state)
{
    (void)state;
    char *dir = temp_dir(), *quiz_dir = temp_dir();
    char path[512], bank[512];
    copy_tiny(quiz_dir, path, bank);
    size_t n;
    free(cached_dump(dir, path, &n));
    assert_int_equal(memos_in(dir), 0); /* the files were just written: hashed at every load */
    sleep(3);
    remove_dir(dir);
    char *before = cached_dump(dir, path, &n);
    assert_int_equal(memos_in(dir), 2); /* the directions file and the bank */
    struct stat st;
    assert_int_equal(stat(bank, &st), 0);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(sp_read_file(bank, SP_LIMIT_FILE_SIZE, &text, &len), 0);
    char *at = strstr(text, "t.like.users");
    assert_non_null(at);
    memcpy(at, "t.like.usexs", 12); /* same size */
    FILE *f = fopen(bank, "r+b");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    struct timespec times[2] = {st.st_atim, st.st_mtim};
    assert_int_equal(utimensat(AT_FDCWD, bank, times, 0), 0);
    struct stat now;
    assert_int_equal(stat(bank, &now), 0);
    assert_int_equal(now.st_size, st.st_size);
    assert_int_equal(now.st_mtim.tv_sec, st.st_mtim.tv_sec);
    assert_int_equal(now.st_mtim.tv_nsec, st.st_mtim.tv_nsec);
    sp_quiz *quiz = NULL;
    assert_int_equal(qcache_load(dir, path, QCACHE_FULL, &quiz), SP_ENOTFOUND);
    assert_int_equal(qcache_load(dir, path, QCACHE_REPLAY, &quiz), SP_ENOTFOUND);
    char *after = cached_dump(dir, path, &n), *want = parsed_dump(path);
    assert_string_equal(after, want);
    assert_non_null(strstr(after, "t.like.usexs"));
    assert_string_not_equal(after, before);
    free(text);
    free(before);
    free(after);
    free(want);
    remove_dir(dir);
    remove_dir(quiz_dir);
    free(dir);
    free(quiz_dir);
}

/* A deferred store (sp_quiz_cache_defer) happens at sp_quiz_cache_flush or when the quiz is freed;
 * a quiz freed while the cache is off is forgotten, never stored later from freed memory (the
 * sanitizers watch). */
static void test_cache_deferred_store_waits_and_never_outlives_its_quiz(void **state)
{
    (void)state;
    const char *quiz_path = SP_TEST_DATA "/tiny/quiz.yaml";
    char *dir = temp_dir();
    sp_quiz_cache_defer(true);
    sp_diags *d = sp_diags_new();
    sp_quiz *quiz = NULL;
    assert_int_equal(sp_quiz_cache_dir(dir), 0);
    assert_int_equal(sp_quiz_load(quiz_path, d, &quiz), 0);
    assert_null(entry_in(dir)); /* not yet */
    sp_quiz_cache_flush();
    char *entry = entry_in(dir);
    assert_non_null(entry); /* written at the flush */
    free(entry);
    remove_dir(dir);
    assert_int_equal(sp_quiz_cache_dir(dir), 0);
    sp_quiz_free(quiz);
    assert_int_equal(sp_quiz_load(quiz_path, d, &quiz), 0);
    assert_int_equal(sp_quiz_cache_dir(NULL), 0); /* off while the store waits */
    sp_quiz_free(quiz);
    assert_int_equal(sp_quiz_cache_dir(dir), 0);
    assert_int_equal(sp_quiz_load(SP_TEST_DATA "/adaptive/quiz.yaml", d, &quiz), 0);
    sp_quiz_free(quiz); /* stores this one, and only this one */
    sp_quiz_cache_defer(false);
    assert_int_equal(sp_quiz_cache_dir(NULL), 0);
    sp_diags_free(d);
    remove_dir(dir);
    free(dir);
}

/* A cache folder that cannot be made or written changes nothing and says nothing. */
static void test_cache_folder_that_cannot_be_written_is_no_error(void **state)
{
    (void)state;
    char *want = parsed_dump(SP_TEST_DATA "/tiny/quiz.yaml");
    size_t n;
    char *got = cached_dump("/dev/null/signpost", SP_TEST_DATA "/tiny/quiz.yaml", &n);
    assert_int_equal(n, 0);
    assert_string_equal(got, want);
    free(got);
    free(want);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache_model_equals_the_parsed_model_field_by_field),
        cmocka_unit_test(test_cache_never_stores_a_quiz_with_warnings),
        cmocka_unit_test(test_cache_replay_file_holds_the_model_without_its_texts),
        cmocka_unit_test(test_cache_a_file_of_the_other_kind_is_a_miss),
        cmocka_unit_test(test_cache_refuses_every_truncation),
        cmocka_unit_test(test_cache_refuses_flipped_bytes),
        cmocka_unit_test(test_cache_refuses_hostile_counts),
        cmocka_unit_test(test_cache_refuses_foreign_and_other_version_files),
        cmocka_unit_test(test_cache_file_damaged_on_disk_is_rebuilt),
        cmocka_unit_test(test_cache_misses_when_a_file_of_the_quiz_changes),
        cmocka_unit_test(test_cache_trusts_a_files_stat_only_when_it_cannot_hide_a_change),
        cmocka_unit_test(test_cache_deferred_store_waits_and_never_outlives_its_quiz),
        cmocka_unit_test(test_cache_folder_that_cannot_be_written_is_no_error),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
