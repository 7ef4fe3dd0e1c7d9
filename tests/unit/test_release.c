/* Unit tests of the store of released quiz files (engine/bank/release.c), of loading a manifest
 * whose files come from a resolver (sp_quiz_parse_with, engine/bank/quiz.c), and of how a quiz set
 * finds the quiz of a result in the stores (engine/bank/quizset.c).
 *
 * Every case works on a copy of the tiny test quiz in a fresh folder. Results are written from
 * a template with the digests of the files they name: finding a quiz looks at digests, ids,
 * versions and the directions scored, and nothing else (replay is tested in
 * tests/cli/released.sh). */
#include "testmain.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "signpost/release.h"
#include "signpost/verify.h"
#include "base/util.h"

#define TINY_DIR SP_TEST_DATA "/tiny"

/* ---- Files ----------------------------------------------------------------------------------- */

static char *path_in(const char *dir, const char *name)
{
    sp_buf b = {0};
    sp_buf_printf(&b, "%s/%s", dir, name);
    assert_false(b.failed);
    return b.data;
}

/* Reads a whole file into *buf (malloc'd). An out parameter rather than a return value: GCC 12
 * at -O2 otherwise takes a pointer into the text for one to a dead local (-Wdangling-pointer). */
static void slurp(const char *path, char **buf, size_t *len)
{
    *buf = NULL;
    assert_int_equal(sp_read_file(path, SP_LIMIT_FILE_SIZE, buf, len), 0);
}

static void put(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* The digest of the file at dir/name, in hex (65 bytes). */
static void hex_of(const char *dir, const char *name, char hex[65])
{
    char *path = path_in(dir, name);
    size_t len;
    char *buf;
    slurp(path, &buf, &len);
    unsigned char d[32];
    sp_digest(buf, len, d);
    sp_hex(d, 32, hex);
    free(buf);
    free(path);
}

/* Copies dir/name into dir/released/HEX.yaml, as tools/release.sh does. */
static void release(const char *dir, const char *name)
{
    char hex[65], stored[80];
    hex_of(dir, name, hex);
    char *store = path_in(dir, SP_RELEASE_DIR);
    mkdir(store, 0755);
    snprintf(stored, sizeof(stored), "%s.yaml", hex);
    char *from = path_in(dir, name), *to = path_in(store, stored);
    size_t len;
    char *buf;
    slurp(from, &buf, &len);
    put(to, buf, len);
    free(buf);
    free(from);
    free(to);
    free(store);
}

/* Replaces the first from in dir/name by to. */
static void change(const char *dir, const char *name, const char *from, const char *to)
{
    char *path = path_in(dir, name);
    size_t len;
    char *buf;
    slurp(path, &buf, &len);
    char *at = strstr(buf, from);
    assert_non_null(at);
    sp_buf b = {0};
    sp_buf_append(&b, buf, (size_t)(at - buf));
    sp_buf_puts(&b, to);
    sp_buf_puts(&b, at + strlen(from));
    put(path, b.data, b.len);
    sp_buf_free(&b);
    free(buf);
    free(path);
}

/* A fresh copy of the tiny quiz; returns its folder (malloc'd). */
static char *tiny_copy(void)
{
    char *dir = strdup("/tmp/signpost-release-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "cp -r '%s/.' '%s/'", TINY_DIR, dir);
    assert_int_equal(system(cmd), 0);
    return dir;
}

static void remove_tree(char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

/* ---- Results --------------------------------------------------------------------------------- */

/* A result of the tiny quiz as it is now in dir, naming the given versions of the manifest and
 * the bank (the seed tells results apart). */
static sp_result *result_of(const char *dir, const char *version, const char *bank_version,
                            int seed)
{
    char q[65], d[65], b[65];
    hex_of(dir, "quiz.yaml", q);
    hex_of(dir, "directions.yaml", d);
    hex_of(dir, "banks/t.yaml", b);
    sp_buf body = {0};
    sp_buf_printf(&body,
                  "signpost-result/1\nengine: signpost 0.1.0\n"
                  "quiz: {id: tiny, version: %s, digest: %s}\n"
                  "directions: {version: 1.0.0, digest: %s}\n"
                  "banks:\n  - {id: t, version: %s, digest: %s}\n"
                  "scoring: {interest_weight: 0.8, near_tie: 0.05, flat: 0.25, level_pass: 0.6}\n"
                  "seed: %d\nlang: en\nstarted: 2026-11-23T18:58:30Z\n"
                  "finished: 2026-11-23T18:58:30Z\nanswered: 1\nskipped: 0\n"
                  "answers:\n  t.like.net: 5\n"
                  "scores:\n  infra: {interest: 1.000000, aptitude: null, fit: 1.000000}\n"
                  "  agents: {interest: null, aptitude: null, fit: null}\n"
                  "ranking: [infra]\nprimary: infra\nnear_tie: []\nflat: none\nlevel: unknown\n",
                  version, q, d, bank_version, b, seed);
    assert_false(body.failed);
    sp_diags *diags = sp_diags_new();
    sp_result *r = NULL;
    assert_int_equal(sp_result_parse("r", body.data, body.len, diags, &r), 0);
    sp_diags_free(diags);
    sp_buf_free(&body);
    return r;
}

static bool diags_say(const sp_diags *d, const char *text)
{
    for (size_t i = 0; i < sp_diags_count(d); i++)
        if (strstr(sp_diags_at(d, i)->message, text))
            return true;
    return false;
}

/* ---- Reading the store ----------------------------------------------------------------------- */

static void a_store_file_is_read_only_when_its_bytes_have_its_name(void **state)
{
    (void)state;
    char *dir = tiny_copy();
    char *store = path_in(dir, SP_RELEASE_DIR);
    unsigned char want[32], other[32];
    size_t len;
    char *quiz_path = path_in(dir, "quiz.yaml");
    char *bytes;
    slurp(quiz_path, &bytes, &len);
    sp_digest(bytes, len, want);
    sp_diags *d = sp_diags_new();
    sp_quiz_file f;
    /* No store folder at all: simply empty. */
    assert_int_equal(sp_release_read(store, want, d, &f), SP_ENOTFOUND);
    assert_int_equal(sp_diags_count(d), 0);
    release(dir, "quiz.yaml");
    assert_int_equal(sp_release_read(store, want, d, &f), 0);
    assert_int_equal(f.len, len);
    assert_memory_equal(f.data, bytes, len);
    assert_non_null(strstr(f.name, "/" SP_RELEASE_DIR "/"));
    free(f.name);
    free(f.data);
    /* The same bytes under another digest's name are not that digest's file. */
    memcpy(other, want, 32);
    other[0] ^= 1;
    char hex[65], name[80];
    sp_hex(other, 32, hex);
    snprintf(name, sizeof(name), "%s.yaml", hex);
    char *liar = path_in(store, name);
    put(liar, bytes, len);
    assert_int_equal(sp_release_read(store, other, d, &f), SP_ENOTFOUND);
    assert_null(f.data);
    assert_int_equal(sp_diags_warnings(d), 1);
    assert_string_equal(sp_diags_at(d, 0)->file, liar);
    assert_true(diags_say(d, "not the one its name gives; it is ignored"));
    sp_diags_free(d);
    free(liar);
    free(bytes);
    free(quiz_path);
    free(store);
    remove_tree(dir);
}

static void fail_on_alarm(int sig)
{
    (void)sig;
    fail_msg("reading the store blocked");
}

static void a_fifo_or_a_folder_in_the_store_is_refused_unopened(void **state)
{
    (void)state;
    char *dir = tiny_copy();
    char *store = path_in(dir, SP_RELEASE_DIR);
    assert_int_equal(mkdir(store, 0755), 0);
    unsigned char a[32] = {1}, b[32] = {2};
    char hex[65], name[80];
    sp_hex(a, 32, hex);
    snprintf(name, sizeof(name), "%s.yaml", hex);
    char *fifo = path_in(store, name);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    sp_hex(b, 32, hex);
    snprintf(name, sizeof(name), "%s.yaml", hex);
    char *folder = path_in(store, name);
    assert_int_equal(mkdir(folder, 0755), 0);
    signal(SIGALRM, fail_on_alarm);
    alarm(10);
    sp_diags *d = sp_diags_new();
    sp_quiz_file f;
    assert_int_equal(sp_release_read(store, a, d, &f), SP_ENOTFOUND);
    assert_int_equal(sp_release_read(store, b, d, &f), SP_ENOTFOUND);
    alarm(0);
    assert_int_equal(sp_diags_warnings(d), 2);
    assert_true(diags_say(d, "it is a pipe (FIFO), not a regular file"));
    assert_true(diags_say(d, "it is a folder, not a regular file"));
    sp_diags_free(d);
    free(fifo);
    free(folder);
    free(store);
    remove_tree(dir);
}

/* ---- A manifest whose files come from a resolver --------------------------------------------- */

typedef struct recorder {
    const char *dir;
    int asked[4];
    size_t nasked;
    int fail_at; /* the index to refuse, or -2 */
} recorder;

static int record(void *arg, const sp_manifest *m, int index, sp_diags *diags, sp_quiz_file *out)
{
    recorder *r = arg;
    if (r->nasked < 4)
        r->asked[r->nasked++] = index;
    if (index == r->fail_at) {
        sp_diags_add(diags, SP_SEV_ERROR, m->path, (sp_pos){0, 0}, "refused");
        return SP_ENOTFOUND;
    }
    const char *rel = index == SP_QUIZ_DIRECTIONS_FILE ? m->directions_file : m->banks[index].file;
    out->name = path_in(r->dir, rel);
    slurp(out->name, &out->data, &out->len);
    return 0;
}

static void a_manifest_given_as_bytes_keeps_its_digest_and_asks_for_its_files(void **state)
{
    (void)state;
    char *path = path_in(TINY_DIR, "quiz.yaml");
    size_t len;
    char *bytes;
    slurp(path, &bytes, &len);
    unsigned char want[32];
    sp_digest(bytes, len, want);
    sp_diags *d = sp_diags_new();
    recorder r = {TINY_DIR, {0}, 0, -2};
    sp_quiz *quiz = NULL;
    assert_int_equal(sp_quiz_parse_with("elsewhere/m.yaml", bytes, len, record, &r, d, &quiz), 0);
    assert_int_equal(r.nasked, 2);
    assert_int_equal(r.asked[0], SP_QUIZ_DIRECTIONS_FILE);
    assert_int_equal(r.asked[1], 0);
    const sp_manifest *m = sp_quiz_manifest(quiz);
    assert_string_equal(m->path, "elsewhere/m.yaml");
    assert_memory_equal(m->digest, want, 32);
    assert_string_equal(sp_quiz_bank(quiz, 0)->path, TINY_DIR "/banks/t.yaml");
    assert_non_null(sp_quiz_question(quiz, "t.like.net"));
    sp_quiz_free(quiz);
    /* A file the resolver cannot give: no quiz, its code and its words. */
    r = (recorder){TINY_DIR, {0}, 0, 0};
    assert_int_equal(sp_quiz_parse_with("m.yaml", bytes, len, record, &r, d, &quiz), SP_ENOTFOUND);
    assert_null(quiz);
    assert_true(diags_say(d, "refused"));
    assert_int_equal(sp_quiz_parse_with("m.yaml", bytes, len, NULL, NULL, d, &quiz), SP_EINVAL);
    sp_diags_free(d);
    free(bytes);
    free(path);
}

/* ---- Finding the quiz of a result ------------------------------------------------------------ */

static const sp_quiz *find(sp_quizset *qs, const sp_result *r, sp_quiz_fit want)
{
    sp_quiz_match m;
    assert_int_equal(sp_quizset_find(qs, r, &m), 0);
    if (m.fit != want)
        fail_msg("fit %d, expected %d: %s", m.fit, want, m.why);
    return m.quiz;
}

/* The manifest gets a new version and a new scoring parameter; the old one is in the store. A
 * result of each version finds its own manifest, the old one once for all its results. */
static void the_quiz_of_an_old_manifest_is_found_in_the_store_and_loaded_once(void **state)
{
    (void)state;
    char *dir = tiny_copy();
    sp_result *old1 = result_of(dir, "1.0.0", "1.0.0", 1);
    sp_result *old2 = result_of(dir, "1.0.0", "1.0.0", 2);
    release(dir, "quiz.yaml");
    change(dir, "quiz.yaml", "version: 1.0.0", "version: 1.1.0\nscoring: {level_pass: 0.5}");
    sp_result *now = result_of(dir, "1.1.0", "1.0.0", 3);
    sp_quizset *qs = sp_quizset_new();
    sp_diags *d = sp_diags_new();
    char *manifest = path_in(dir, "quiz.yaml");
    assert_int_equal(sp_quizset_add(qs, manifest, d), 0);
    const sp_quiz *q = find(qs, now, SP_QUIZ_EXACT);
    assert_string_equal(sp_quiz_manifest(q)->path, manifest);
    assert_int_equal(sp_quizset_count(qs), 1);
    const sp_quiz *o = find(qs, old1, SP_QUIZ_EXACT);
    assert_non_null(strstr(sp_quiz_manifest(o)->path, "/" SP_RELEASE_DIR "/"));
    assert_string_equal(sp_quiz_manifest(o)->version, "1.0.0");
    assert_true(sp_quiz_manifest(o)->scoring.level_pass != 0.5);
    /* the directions file and the bank are the quiz folder's, which have the recorded digests */
    assert_string_equal(sp_quiz_bank(o, 0)->path, sp_quiz_bank(q, 0)->path);
    assert_int_equal(sp_quizset_count(qs), 2);
    assert_ptr_equal(find(qs, old2, SP_QUIZ_EXACT), o);
    assert_int_equal(sp_quizset_count(qs), 2);
    assert_int_equal(sp_diags_count(sp_quizset_diags(qs)), 0);
    sp_quizset_free(qs);
    sp_diags_free(d);
    sp_result_free(old1);
    sp_result_free(old2);
    sp_result_free(now);
    free(manifest);
    remove_tree(dir);
}

/* A bank is reworded under a new version after every file was released; the quiz folder is one
 * the set loads when first needed (the installed quizzes). */
static void the_quiz_of_an_old_bank_is_found_in_the_store_of_a_folder(void **state)
{
    (void)state;
    char *dir = tiny_copy();
    sp_result *old = result_of(dir, "1.0.0", "1.0.0", 1);
    release(dir, "quiz.yaml");
    release(dir, "directions.yaml");
    release(dir, "banks/t.yaml");
    change(dir, "banks/t.yaml", "version: 1.0.0", "version: 1.0.1");
    change(dir, "banks/t.yaml", "chasing a network stall", "chasing a slow network");
    sp_result *now = result_of(dir, "1.0.0", "1.0.1", 2);
    sp_quizset *qs = sp_quizset_new();
    assert_int_equal(sp_quizset_add_dir(qs, dir), 0);
    const sp_quiz *o = find(qs, old, SP_QUIZ_EXACT);
    assert_non_null(strstr(sp_quiz_bank(o, 0)->path, "/" SP_RELEASE_DIR "/"));
    assert_string_equal(sp_quiz_bank(o, 0)->version, "1.0.0");
    assert_null(strstr(sp_quiz_directions(o)->path, "/" SP_RELEASE_DIR "/"));
    const sp_quiz *q = find(qs, now, SP_QUIZ_EXACT);
    assert_string_equal(sp_quiz_bank(q, 0)->version, "1.0.1");
    assert_int_equal(sp_quizset_count(qs), 2);
    sp_quizset_free(qs);
    sp_result_free(old);
    sp_result_free(now);
    remove_tree(dir);
}

/* A store file with other bytes than its name says is reported once, however many results look
 * for it, and gives no quiz. */
static void a_damaged_store_file_is_reported_once_and_gives_no_quiz(void **state)
{
    (void)state;
    char *dir = tiny_copy();
    sp_result *old1 = result_of(dir, "1.0.0", "1.0.0", 1);
    sp_result *old2 = result_of(dir, "1.0.0", "1.0.0", 2);
    release(dir, "quiz.yaml");
    change(dir, "quiz.yaml", "version: 1.0.0", "version: 1.1.0");
    char hex[65], name[80];
    hex_of(TINY_DIR, "quiz.yaml", hex);
    snprintf(name, sizeof(name), SP_RELEASE_DIR "/%s.yaml", hex);
    change(dir, name, "order: grouped", "order: random");
    sp_quizset *qs = sp_quizset_new();
    assert_int_equal(sp_quizset_add_dir(qs, dir), 0);
    find(qs, old1, SP_QUIZ_BANKS);
    find(qs, old2, SP_QUIZ_BANKS);
    const sp_diags *d = sp_quizset_diags(qs);
    assert_int_equal(sp_diags_count(d), 1);
    assert_true(diags_say(d, "not the one its name gives; it is ignored"));
    assert_int_equal(sp_quizset_count(qs), 1);
    sp_quizset_free(qs);
    sp_result_free(old1);
    sp_result_free(old2);
    remove_tree(dir);
}

/* A result that gives a stored manifest's digest under another version misnames it, as it would
 * a current file's. */
static void a_result_that_misnames_a_stored_manifest_conflicts(void **state)
{
    (void)state;
    char *dir = tiny_copy();
    sp_result *forged = result_of(dir, "1.0.7", "1.0.0", 1);
    release(dir, "quiz.yaml");
    change(dir, "quiz.yaml", "version: 1.0.0", "version: 1.1.0");
    sp_quizset *qs = sp_quizset_new();
    assert_int_equal(sp_quizset_add_dir(qs, dir), 0);
    sp_quiz_match m;
    assert_int_equal(sp_quizset_find(qs, forged, &m), 0);
    assert_int_equal(m.fit, SP_QUIZ_CONFLICT);
    assert_non_null(strstr(m.why, "the result names the quiz tiny 1.0.7, but the file with its "
                                  "digest ("));
    assert_non_null(strstr(m.why, "/" SP_RELEASE_DIR "/"));
    sp_quizset_free(qs);
    sp_result_free(forged);
    remove_tree(dir);
}

/* A file of the quiz that is in neither place is named, at the manifest's line that names it. */
static void a_file_in_neither_place_is_named(void **state)
{
    (void)state;
    char *dir = tiny_copy();
    sp_result *old = result_of(dir, "1.0.0", "1.0.0", 1);
    release(dir, "quiz.yaml");
    change(dir, "banks/t.yaml", "version: 1.0.0", "version: 1.0.1");
    sp_quizset *qs = sp_quizset_new();
    assert_int_equal(sp_quizset_add_dir(qs, dir), 0);
    find(qs, old, SP_QUIZ_NONE);
    const sp_diags *d = sp_quizset_diags(qs);
    assert_int_equal(sp_diags_errors(d), 1);
    const sp_diag *e = sp_diags_at(d, 0);
    assert_non_null(strstr(e->message, "'banks/t.yaml' with digest "));
    assert_non_null(strstr(e->message, " is neither in the quiz folder nor in its store "));
    assert_non_null(strstr(e->file, "/" SP_RELEASE_DIR "/"));
    assert_int_equal(e->line, 7);
    sp_quizset_free(qs);
    sp_result_free(old);
    remove_tree(dir);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(a_store_file_is_read_only_when_its_bytes_have_its_name),
    cmocka_unit_test(a_fifo_or_a_folder_in_the_store_is_refused_unopened),
    cmocka_unit_test(a_manifest_given_as_bytes_keeps_its_digest_and_asks_for_its_files),
    cmocka_unit_test(the_quiz_of_an_old_manifest_is_found_in_the_store_and_loaded_once),
    cmocka_unit_test(the_quiz_of_an_old_bank_is_found_in_the_store_of_a_folder),
    cmocka_unit_test(a_damaged_store_file_is_reported_once_and_gives_no_quiz),
    cmocka_unit_test(a_result_that_misnames_a_stored_manifest_conflicts),
    cmocka_unit_test(a_file_in_neither_place_is_named),
};

SP_TEST_MAIN(tests)
