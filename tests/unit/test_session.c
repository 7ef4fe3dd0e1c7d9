/* Unit tests of the session state machine and of journals: every move of a session and its
 * edge cases, and journals that round-trip, and that are refused when truncated, altered or
 * written for another version of the quiz. They use the small test quiz of tests/term/data,
 * whose seed-1 form asks, in this order: two likert items, one choice item (options a, b, c),
 * a single-answer knowledge item (b is right) and a several-answer one (a and c are right). */
#include "testmain.h"

#include <errno.h>
#include <stdint.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "signpost/journal.h"
#include "signpost/session.h"

#define MINI SP_QUIZ_DIR "/../tests/term/data/mini.yaml"

enum { LIKERT1, LIKERT2, CHOICE, KNOW1, KNOW2, NITEMS };

typedef struct fixture {
    sp_quiz *quiz;
    sp_form *form;
    sp_session *s;
    char dir[64];
} fixture;

static sp_quiz *load_quiz(const char *path)
{
    sp_diags *d = sp_diags_new();
    sp_quiz *quiz = NULL;
    assert_int_equal(sp_quiz_load(path, d, &quiz), 0);
    sp_diags_free(d);
    return quiz;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    assert_int_equal(sp_init(), 0);
    f->quiz = load_quiz(MINI);
    assert_int_equal(sp_form_draw(f->quiz, 1, &f->form), 0);
    assert_int_equal(sp_form_count(f->form), NITEMS);
    assert_string_equal(sp_form_item_at(f->form, KNOW2)->q->id, "mini.know.memory");
    assert_int_equal(sp_session_new(f->form, &f->s), 0);
    snprintf(f->dir, sizeof(f->dir), "/tmp/sp-session-test.XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    sp_session_free(f->s);
    sp_form_free(f->form);
    sp_quiz_free(f->quiz);
    free(f);
    return 0;
}

static sp_answer likert(int v)
{
    return (sp_answer){.state = SP_ANSWER_GIVEN, .value = (uint8_t)v};
}
static sp_answer options(uint32_t bits)
{
    return (sp_answer){.state = SP_ANSWER_GIVEN, .chosen = bits};
}

/* Answers every item of the fixture's session: 4, 2, b, b (right), a+c (right). */
static void answer_all(sp_session *s)
{
    sp_answer a[NITEMS] = {likert(4), likert(2), options(2), options(2), options(5)};
    for (int i = 0; i < NITEMS; i++)
        assert_int_equal(sp_session_answer(s, &a[i]), 0);
}

/* ---- The session ------------------------------------------------------------------------- */

static void new_session_starts_at_first_item_with_nothing_answered(void **state)
{
    fixture *f = *state;
    assert_int_equal(sp_session_position(f->s), 0);
    assert_ptr_equal(sp_session_item(f->s), sp_form_item_at(f->form, 0));
    assert_int_equal(sp_session_answered(f->s), 0);
    assert_int_equal(sp_session_skipped(f->s), 0);
    assert_false(sp_session_finished(f->s));
    for (size_t i = 0; i < NITEMS; i++)
        assert_int_equal(sp_session_answer_at(f->s, i)->state, SP_ANSWER_NONE);
    assert_null(sp_session_answer_at(f->s, NITEMS));
}

static void answering_every_item_finishes(void **state)
{
    fixture *f = *state;
    answer_all(f->s);
    assert_true(sp_session_finished(f->s));
    assert_int_equal(sp_session_position(f->s), NITEMS);
    assert_null(sp_session_item(f->s));
    assert_int_equal(sp_session_answered(f->s), NITEMS);
    const sp_response *r = sp_session_responses(f->s);
    assert_int_equal(r[LIKERT1].a.value, 4);
    assert_int_equal(r[KNOW2].a.chosen, 5);
    assert_ptr_equal(r[CHOICE].q, sp_form_item_at(f->form, CHOICE)->q);
}

static void an_answer_that_does_not_fit_is_refused(void **state)
{
    fixture *f = *state;
    sp_answer bad[] = {likert(0), likert(6), {.state = SP_ANSWER_NONE}};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(sp_session_answer(f->s, &bad[i]), SP_EINVAL);
    sp_answer a = likert(3), b = likert(3);
    assert_int_equal(sp_session_answer(f->s, &a), 0);
    assert_int_equal(sp_session_answer(f->s, &b), 0);
    /* The choice item takes one option; the single-answer knowledge item too. */
    sp_answer two = options(3), none = options(0), past = options(8);
    assert_int_equal(sp_session_answer(f->s, &two), SP_EINVAL);
    assert_int_equal(sp_session_answer(f->s, &none), SP_EINVAL);
    assert_int_equal(sp_session_answer(f->s, &past), SP_EINVAL);
    assert_int_equal(sp_session_position(f->s), CHOICE);
    assert_int_equal(sp_session_answer_at(f->s, CHOICE)->state, SP_ANSWER_NONE);
}

static void several_answer_item_takes_several_options(void **state)
{
    fixture *f = *state;
    assert_int_equal(sp_session_jump(f->s, KNOW1), 0);
    sp_answer two = options(5);
    assert_int_equal(sp_session_answer(f->s, &two), SP_EINVAL);
    assert_int_equal(sp_session_jump(f->s, KNOW2), 0);
    assert_int_equal(sp_session_answer(f->s, &two), 0);
    assert_int_equal(sp_session_answer_at(f->s, KNOW2)->chosen, 5);
}

static void back_at_the_first_item_is_refused(void **state)
{
    fixture *f = *state;
    assert_int_equal(sp_session_back(f->s), SP_EINVAL);
    assert_int_equal(sp_session_position(f->s), 0);
}

static void back_keeps_answers_and_a_new_answer_replaces_the_old(void **state)
{
    fixture *f = *state;
    sp_answer a = likert(5), b = likert(1), c = likert(2);
    assert_int_equal(sp_session_answer(f->s, &a), 0);
    assert_int_equal(sp_session_answer(f->s, &b), 0);
    assert_int_equal(sp_session_back(f->s), 0);
    assert_int_equal(sp_session_back(f->s), 0);
    assert_int_equal(sp_session_position(f->s), 0);
    assert_int_equal(sp_session_answer_at(f->s, 0)->value, 5);
    assert_int_equal(sp_session_answer_at(f->s, 1)->value, 1);
    assert_int_equal(sp_session_answer(f->s, &c), 0);
    assert_int_equal(sp_session_position(f->s), 1);
    assert_int_equal(sp_session_answer_at(f->s, 0)->value, 2);
    assert_int_equal(sp_session_answer_at(f->s, 1)->value, 1);
    assert_int_equal(sp_session_answered(f->s), 2);
}

static void next_keeps_the_answer_and_needs_one(void **state)
{
    fixture *f = *state;
    assert_int_equal(sp_session_next(f->s), SP_EINVAL);
    sp_answer a = likert(4);
    assert_int_equal(sp_session_answer(f->s, &a), 0);
    assert_int_equal(sp_session_back(f->s), 0);
    assert_int_equal(sp_session_next(f->s), 0);
    assert_int_equal(sp_session_position(f->s), 1);
    assert_int_equal(sp_session_answer_at(f->s, 0)->value, 4);
}

static void skip_at_the_last_item_reaches_the_end(void **state)
{
    fixture *f = *state;
    for (int i = 0; i < NITEMS; i++)
        assert_int_equal(sp_session_skip(f->s), 0);
    assert_true(sp_session_finished(f->s));
    assert_int_equal(sp_session_skipped(f->s), NITEMS);
    assert_int_equal(sp_session_answered(f->s), 0);
    assert_int_equal(sp_session_skip(f->s), SP_EINVAL);
    sp_answer a = likert(3);
    assert_int_equal(sp_session_answer(f->s, &a), SP_EINVAL);
    assert_int_equal(sp_session_next(f->s), SP_EINVAL);
}

static void skip_replaces_an_earlier_answer(void **state)
{
    fixture *f = *state;
    sp_answer a = likert(4);
    assert_int_equal(sp_session_answer(f->s, &a), 0);
    assert_int_equal(sp_session_back(f->s), 0);
    assert_int_equal(sp_session_skip(f->s), 0);
    assert_int_equal(sp_session_answer_at(f->s, 0)->state, SP_ANSWER_SKIP);
    assert_int_equal(sp_session_answered(f->s), 0);
    assert_int_equal(sp_session_skipped(f->s), 1);
}

static void back_from_the_end_reopens_the_last_item(void **state)
{
    fixture *f = *state;
    answer_all(f->s);
    assert_int_equal(sp_session_back(f->s), 0);
    assert_int_equal(sp_session_position(f->s), NITEMS - 1);
    assert_false(sp_session_finished(f->s));
    assert_int_equal(sp_session_next(f->s), 0);
    assert_true(sp_session_finished(f->s));
}

static void jump_out_of_range_is_refused(void **state)
{
    fixture *f = *state;
    assert_int_equal(sp_session_jump(f->s, NITEMS), SP_EINVAL);
    assert_int_equal(sp_session_jump(f->s, SIZE_MAX), SP_EINVAL);
    assert_int_equal(sp_session_position(f->s), 0);
}

static void answer_after_a_jump_returns_where_the_jump_started(void **state)
{
    fixture *f = *state;
    sp_answer a = likert(4), b = likert(2), c = likert(5);
    assert_int_equal(sp_session_answer(f->s, &a), 0);
    assert_int_equal(sp_session_answer(f->s, &b), 0);
    assert_int_equal(sp_session_position(f->s), CHOICE);
    assert_int_equal(sp_session_jump(f->s, LIKERT1), 0);
    assert_int_equal(sp_session_answer(f->s, &c), 0);
    assert_int_equal(sp_session_position(f->s), CHOICE);
    assert_int_equal(sp_session_answer_at(f->s, LIKERT1)->value, 5);
    assert_int_equal(sp_session_answer_at(f->s, LIKERT2)->value, 2);
    /* A second jump keeps the first starting point; next goes back there too. */
    assert_int_equal(sp_session_jump(f->s, LIKERT1), 0);
    assert_int_equal(sp_session_jump(f->s, LIKERT2), 0);
    assert_int_equal(sp_session_next(f->s), 0);
    assert_int_equal(sp_session_position(f->s), CHOICE);
    /* After the return, moves are sequential again. */
    sp_answer d = options(1);
    assert_int_equal(sp_session_answer(f->s, &d), 0);
    assert_int_equal(sp_session_position(f->s), KNOW1);
}

static void jump_from_the_end_returns_to_the_end(void **state)
{
    fixture *f = *state;
    answer_all(f->s);
    assert_int_equal(sp_session_jump(f->s, CHOICE), 0);
    assert_false(sp_session_finished(f->s));
    assert_int_equal(sp_session_skip(f->s), 0);
    assert_true(sp_session_finished(f->s));
    assert_int_equal(sp_session_skipped(f->s), 1);
}

static void jump_back_to_the_start_ends_the_jump(void **state)
{
    fixture *f = *state;
    assert_int_equal(sp_session_jump(f->s, KNOW1), 0);
    assert_int_equal(sp_session_jump(f->s, LIKERT1), 0);
    sp_answer a = likert(3);
    assert_int_equal(sp_session_answer(f->s, &a), 0);
    assert_int_equal(sp_session_position(f->s), LIKERT2);
}

static void reaching_the_end_with_open_items_asks_the_first_of_them(void **state)
{
    fixture *f = *state;
    /* Jump ahead past two unanswered items, answer there, then answer the rest in order. */
    assert_int_equal(sp_session_jump(f->s, KNOW2), 0);
    sp_answer k = options(5);
    assert_int_equal(sp_session_answer(f->s, &k), 0);
    assert_int_equal(sp_session_position(f->s), LIKERT1);
    for (int i = LIKERT1; i < KNOW2; i++)
        assert_int_equal(sp_session_skip(f->s), 0);
    assert_int_equal(sp_session_position(f->s), KNOW2);
    assert_int_equal(sp_session_next(f->s), 0);
    assert_true(sp_session_finished(f->s));
}

static void restore_checks_answers_and_position(void **state)
{
    fixture *f = *state;
    sp_answer a[NITEMS] = {likert(4), {.state = SP_ANSWER_SKIP}, options(4)};
    sp_session *s = NULL;
    assert_int_equal(sp_session_restore(f->form, a, NITEMS + 1, &s), SP_EINVAL);
    assert_null(s);
    /* At the end but with open items: the first open item is asked. */
    assert_int_equal(sp_session_restore(f->form, a, NITEMS, &s), 0);
    assert_int_equal(sp_session_position(s), KNOW1);
    assert_int_equal(sp_session_answered(s), 2);
    assert_int_equal(sp_session_skipped(s), 1);
    sp_session_free(s);
    sp_session_free(NULL); /* a no-op */
    a[0] = likert(9);
    assert_int_equal(sp_session_restore(f->form, a, 0, &s), SP_EINVAL);
    assert_null(s);
}

static void a_pending_jump_can_be_read_and_restored(void **state)
{
    fixture *f = *state;
    sp_answer a = likert(4), b = likert(2), c = options(4);
    assert_int_equal(sp_session_jump_origin(f->s), SIZE_MAX);
    assert_int_equal(sp_session_answer(f->s, &a), 0);
    assert_int_equal(sp_session_answer(f->s, &b), 0);
    assert_int_equal(sp_session_answer(f->s, &c), 0);
    assert_int_equal(sp_session_jump(f->s, LIKERT1), 0);
    assert_int_equal(sp_session_jump_origin(f->s), KNOW1);

    sp_answer all[NITEMS] = {likert(4), likert(2), options(4)};
    sp_session *s = NULL;
    assert_int_equal(sp_session_restore(f->form, all, LIKERT1, &s), 0);
    assert_int_equal(sp_session_restore_jump(s, NITEMS + 1), SP_EINVAL);
    assert_int_equal(sp_session_restore_jump(s, LIKERT1), SP_EINVAL); /* where it is */
    assert_int_equal(sp_session_restore_jump(s, KNOW1), 0);
    assert_int_equal(sp_session_restore_jump(s, KNOW2), SP_EINVAL); /* one is pending */
    /* The next answer returns where the jump started, as in the session saved. */
    sp_answer again = likert(5);
    assert_int_equal(sp_session_answer(s, &again), 0);
    assert_int_equal(sp_session_position(s), KNOW1);
    assert_int_equal(sp_session_jump_origin(s), SIZE_MAX);
    sp_session_free(s);
}

/* ---- Journals ---------------------------------------------------------------------------- */

static const sp_journal_info info = {
    .quiz_path = MINI,
    .lang = "zh",
    .name = "Wang Fang",
    .started = 1790000000,
};

static char *journal_text(fixture *f, size_t *len)
{
    char *buf = NULL;
    assert_int_equal(sp_journal_format(f->quiz, f->s, &info, &buf, len), 0);
    return buf;
}

static int parse_text(const char *buf, size_t len, sp_journal **j, char *first_error, size_t size)
{
    sp_diags *d = sp_diags_new();
    int rc = sp_journal_parse("t.journal", buf, len, d, j);
    if (first_error) {
        first_error[0] = '\0';
        if (sp_diags_count(d))
            snprintf(first_error, size, "%u: %s", sp_diags_at(d, 0)->line,
                     sp_diags_at(d, 0)->message);
    }
    assert_true(rc == 0 || sp_diags_errors(d) > 0);
    sp_diags_free(d);
    return rc;
}

/* A partly answered session: 4, skip, c, then at the first knowledge item. */
static void answer_some(sp_session *s)
{
    sp_answer a = likert(4), c = options(4);
    assert_int_equal(sp_session_answer(s, &a), 0);
    assert_int_equal(sp_session_skip(s), 0);
    assert_int_equal(sp_session_answer(s, &c), 0);
}

static void journal_round_trips(void **state)
{
    fixture *f = *state;
    answer_some(f->s);
    char path[128];
    snprintf(path, sizeof(path), "%s/a.journal", f->dir);
    assert_int_equal(sp_journal_save(path, f->quiz, f->s, &info), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);

    sp_diags *d = sp_diags_new();
    sp_journal *j = NULL;
    assert_int_equal(sp_journal_load(path, d, &j), 0);
    sp_diags_free(d);
    const sp_journal_info *ji = sp_journal_get_info(j);
    assert_string_equal(ji->quiz_path, MINI);
    assert_string_equal(ji->lang, "zh");
    assert_string_equal(ji->name, "Wang Fang");
    assert_int_equal(ji->started, 1790000000);
    assert_true(ji->updated >= (int64_t)time(NULL) - 60);
    assert_string_equal(sp_journal_quiz_id(j), "mini");
    assert_string_equal(sp_journal_quiz_version(j), "1.0.0");
    assert_int_equal(sp_journal_seed(j), 1);
    assert_int_equal(sp_journal_count(j), NITEMS);
    assert_int_equal(sp_journal_position(j), KNOW1);
    assert_int_equal(sp_journal_answered(j), 2);
    assert_int_equal(sp_journal_skipped(j), 1);

    char why[512] = "";
    assert_int_equal(sp_journal_check_quiz(j, f->quiz, why, sizeof(why)), 0);
    sp_form *form = NULL;
    sp_session *s = NULL;
    assert_int_equal(sp_journal_resume(j, f->quiz, &form, &s, why, sizeof(why)), 0);
    assert_int_equal(sp_session_position(s), KNOW1);
    for (size_t i = 0; i < NITEMS; i++)
        assert_memory_equal(sp_session_answer_at(s, i), sp_session_answer_at(f->s, i),
                            sizeof(sp_answer));
    sp_session_free(s);
    sp_form_free(form);
    sp_journal_free(j);
}

static void journal_keeps_a_several_answer_and_an_odd_path(void **state)
{
    fixture *f = *state;
    answer_all(f->s);
    assert_int_equal(sp_session_back(f->s), 0);
    sp_journal_info odd = info;
    odd.quiz_path = "/tmp/odd 100%\npath.yaml";
    odd.name = NULL;
    char *buf;
    size_t len;
    assert_int_equal(sp_journal_format(f->quiz, f->s, &odd, &buf, &len), 0);
    assert_non_null(strstr(buf, "\nquiz: /tmp/odd 100%25%0Apath.yaml\n"));
    assert_non_null(strstr(buf, "\nitem: mini.know.memory [a, c]\n"));
    assert_null(strstr(buf, "\nname:"));
    sp_journal *j = NULL;
    assert_int_equal(parse_text(buf, len, &j, NULL, 0), 0);
    assert_string_equal(sp_journal_get_info(j)->quiz_path, odd.quiz_path);
    assert_null(sp_journal_get_info(j)->name);
    assert_int_equal(sp_journal_position(j), KNOW2);
    sp_journal_free(j);
    free(buf);
}

static void truncated_journal_is_detected(void **state)
{
    fixture *f = *state;
    answer_some(f->s);
    size_t len;
    char *buf = journal_text(f, &len);
    for (size_t cut = 0; cut < len; cut++) {
        sp_journal *j = NULL;
        char err[512];
        assert_int_equal(parse_text(buf, cut, &j, err, sizeof(err)), SP_EINPUT);
        assert_null(j);
        assert_non_null(strstr(err, "not a usable journal"));
    }
    free(buf);
}

static void bit_flipped_journal_is_detected(void **state)
{
    fixture *f = *state;
    answer_some(f->s);
    size_t len;
    char *buf = journal_text(f, &len);
    for (size_t i = 0; i < len; i++) {
        for (int bit = 0; bit < 8; bit += 3) {
            buf[i] ^= (char)(1 << bit);
            sp_journal *j = NULL;
            char err[512];
            assert_int_equal(parse_text(buf, len, &j, err, sizeof(err)), SP_EINPUT);
            assert_non_null(strstr(err, "not a usable journal"));
            buf[i] ^= (char)(1 << bit);
        }
    }
    sp_journal *j = NULL;
    assert_int_equal(parse_text(buf, len, &j, NULL, 0), 0);
    sp_journal_free(j);
    free(buf);
}

/* Replaces the first occurrence of from with to in a journal and seals it again with a valid
 * checksum, as someone editing it on purpose would. */
static char *forge(const char *text, const char *from, const char *to, size_t *len)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    size_t n = strlen(text), fl = strlen(from), tl = strlen(to);
    char *out = calloc(1, n + tl + 1);
    memcpy(out, text, (size_t)(at - text));
    memcpy(out + (at - text), to, tl);
    strcpy(out + (at - text) + tl, at + fl);
    char *check = strstr(out, "blake2b: ");
    assert_non_null(check);
    unsigned char digest[32];
    crypto_generichash(digest, 32, (const unsigned char *)out, (size_t)(check - out), NULL, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof(hex), digest, 32);
    sprintf(check, "blake2b: %s\n", hex);
    *len = strlen(out);
    return out;
}

static void journal_of_a_changed_quiz_is_refused(void **state)
{
    fixture *f = *state;
    size_t len;
    char *buf = journal_text(f, &len);
    const sp_bank *bank = sp_quiz_bank(f->quiz, 0);
    char from[160], to[160], hex[65];
    sodium_bin2hex(hex, sizeof(hex), bank->digest, 32);
    snprintf(from, sizeof(from), "bank: mini 1.0.0 %s", hex);
    hex[0] = hex[0] == '0' ? '1' : '0';
    snprintf(to, sizeof(to), "bank: mini 0.9.0 %s", hex);
    char *forged = forge(buf, from, to, &len);
    char *older = forge(forged, "quiz-version: 1.0.0", "quiz-version: 0.9.0", &len);
    sp_journal *j = NULL;
    assert_int_equal(parse_text(older, len, &j, NULL, 0), 0);
    char why[512] = "";
    assert_int_equal(sp_journal_check_quiz(j, f->quiz, why, sizeof(why)), SP_EINPUT);
    assert_string_equal(why, "the quiz 'mini' has changed since this session was started "
                             "(version 0.9.0 then, 1.0.0 now): the bank 'mini' has changed "
                             "(version 0.9.0 then, 1.0.0 now); the session cannot be resumed "
                             "with it");
    sp_journal_free(j);

    /* A journal of another quiz names both. */
    sp_quiz *quick = load_quiz(SP_QUIZ_DIR "/quick.yaml");
    assert_int_equal(parse_text(buf, strlen(buf), &j, NULL, 0), 0);
    assert_int_equal(sp_journal_check_quiz(j, quick, why, sizeof(why)), SP_EINPUT);
    assert_string_equal(why, "this session is of the quiz 'mini' (version 1.0.0), not of 'quick'");
    sp_journal_free(j);
    sp_quiz_free(quick);
    free(older);
    free(forged);
    free(buf);
}

static void journal_that_does_not_fit_the_form_is_refused(void **state)
{
    fixture *f = *state;
    answer_some(f->s);
    size_t len;
    char *buf = journal_text(f, &len);
    struct {
        const char *from, *to, *why;
    } cases[] = {
        {"item: mini.like.network 4", "item: mini.like.users 4",
         "item 1 is 'mini.like.users' in the journal but 'mini.like.network' in the quiz"},
        {"item: mini.scene.crash c", "item: mini.scene.crash z",
         "the answer to 'mini.scene.crash' cannot be read back: 'z' is not an option; "
         "expected one of: a, b, c"},
        {"seed: 1\n", "seed: 2\n", NULL},
        /* Read leniently, these would resume as a skip and a c while the journal's counts
         * (sp_journal_answered) took them for answers: found by fuzz_journal. */
        {"item: mini.like.users skip", "item: mini.like.users skip,",
         "the answer to 'mini.like.users' cannot be read back: it is not written as signpost "
         "writes answers"},
        {"item: mini.scene.crash c", "item: mini.scene.crash c,",
         "the answer to 'mini.scene.crash' cannot be read back: it is not written as signpost "
         "writes answers"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *forged = forge(buf, cases[i].from, cases[i].to, &len);
        sp_journal *j = NULL;
        assert_int_equal(parse_text(forged, len, &j, NULL, 0), 0);
        sp_form *form = NULL;
        sp_session *s = NULL;
        char why[512] = "";
        assert_int_equal(sp_journal_resume(j, f->quiz, &form, &s, why, sizeof(why)), SP_EINPUT);
        assert_null(form);
        assert_null(s);
        if (cases[i].why)
            assert_string_equal(why, cases[i].why);
        sp_journal_free(j);
        free(forged);
    }
    free(buf);
}

static void malformed_lines_are_reported_with_their_line(void **state)
{
    fixture *f = *state;
    size_t len;
    char *buf = journal_text(f, &len);
    char err[512];
    sp_journal *j = NULL;
    char *forged = forge(buf, "seed: 1\n", "seed: one\n", &len);
    assert_int_equal(parse_text(forged, len, &j, err, sizeof(err)), SP_EINPUT);
    assert_string_equal(err, "8: 'seed' needs a whole number, not 'one'");
    free(forged);
    forged = forge(buf, "lang: zh\n", "", &len);
    assert_int_equal(parse_text(forged, len, &j, err, sizeof(err)), SP_EINPUT);
    assert_string_equal(err, "9: expected the line 'lang: ...'");
    free(forged);
    forged = forge(buf, "quiz-version: 1.0.0\n", "quiz-version: 1\x1b[31m\n", &len);
    assert_int_equal(parse_text(forged, len, &j, err, sizeof(err)), SP_EINPUT);
    assert_string_equal(err, "4: expected a version such as 1.0.0");
    free(forged);
    forged = forge(buf, "items: 5\n", "items: 6\n", &len);
    assert_int_equal(parse_text(forged, len, &j, err, sizeof(err)), SP_EINPUT);
    assert_string_equal(err, "20: expected the line 'item: ...', found the end of the journal");
    free(forged);
    free(buf);
}

static void journal_folder_follows_xdg_and_is_private(void **state)
{
    fixture *f = *state;
    char want[160], dir[256];
    snprintf(want, sizeof(want), "%s/state", f->dir);
    setenv("XDG_STATE_HOME", want, 1);
    assert_int_equal(sp_journal_dir(dir, sizeof(dir), true), 0);
    strcat(want, "/signpost");
    assert_string_equal(dir, want);
    struct stat st;
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);

    setenv("XDG_STATE_HOME", "relative/ignored", 1);
    setenv("HOME", f->dir, 1);
    assert_int_equal(sp_journal_dir(dir, sizeof(dir), false), 0);
    snprintf(want, sizeof(want), "%s/.local/state/signpost", f->dir);
    assert_string_equal(dir, want);
    assert_int_equal(stat(dir, &st), -1);
    assert_int_equal(sp_journal_dir(dir, 8, false), SP_ELIMIT);
    unsetenv("XDG_STATE_HOME");
    unsetenv("HOME");
    assert_int_equal(sp_journal_dir(dir, sizeof(dir), false), SP_ENOTFOUND);
}

static void journal_list_puts_the_latest_first_and_leaves_damaged_ones_out(void **state)
{
    fixture *f = *state;
    char path[160];
    sp_journal_info a = info, b = info;
    a.quiz_path = "older";
    b.quiz_path = "newer";
    char *buf;
    size_t len;
    const sp_journal_info *const infos[] = {&a, &b};
    for (int i = 0; i < 2; i++) {
        sp_journal_info x = *infos[i];
        x.updated = 1790000000 + i;
        assert_int_equal(sp_journal_format(f->quiz, f->s, &x, &buf, &len), 0);
        snprintf(path, sizeof(path), "%s/%c.journal", f->dir, 'a' + i);
        FILE *fp = fopen(path, "w");
        fwrite(buf, 1, len, fp);
        fclose(fp);
        free(buf);
    }
    snprintf(path, sizeof(path), "%s/c.journal", f->dir);
    FILE *fp = fopen(path, "w");
    fputs("signpost-journal/1\nquiz: x\n", fp);
    fclose(fp);
    snprintf(path, sizeof(path), "%s/notes.txt", f->dir);
    fp = fopen(path, "w");
    fclose(fp);

    sp_diags *d = sp_diags_new();
    sp_journal_entry *e = NULL;
    size_t n = 0;
    assert_int_equal(sp_journal_list(f->dir, d, &e, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(sp_journal_get_info(e[0].journal)->quiz_path, "newer");
    assert_string_equal(sp_journal_get_info(e[1].journal)->quiz_path, "older");
    assert_int_equal(sp_diags_errors(d), 1);
    assert_non_null(strstr(sp_diags_at(d, 0)->file, "c.journal"));
    sp_journal_entries_free(e, n);
    sp_diags_free(d);

    d = sp_diags_new();
    snprintf(path, sizeof(path), "%s/missing", f->dir);
    assert_int_equal(sp_journal_list(path, d, &e, &n), 0);
    assert_int_equal(n, 0);
    sp_diags_free(d);
}

static void journal_keeps_out_key_and_a_pending_jump(void **state)
{
    fixture *f = *state;
    answer_some(f->s);
    assert_int_equal(sp_session_jump(f->s, LIKERT2), 0);
    sp_journal_info with = info;
    with.out = "/home/wang/results/r 100%.signpost";
    with.key = "/home/wang/.config/signpost/signpost.key";
    char *buf;
    size_t len;
    assert_int_equal(sp_journal_format(f->quiz, f->s, &with, &buf, &len), 0);
    assert_non_null(strstr(buf, "\nname: Wang Fang\nout: /home/wang/results/r 100%25.signpost\n"
                                "key: /home/wang/.config/signpost/signpost.key\nstarted: "));
    assert_non_null(strstr(buf, "\nposition: 1\nreturn: 3\nitems: 5\n"));
    sp_journal *j = NULL;
    assert_int_equal(parse_text(buf, len, &j, NULL, 0), 0);
    assert_string_equal(sp_journal_get_info(j)->out, with.out);
    assert_string_equal(sp_journal_get_info(j)->key, with.key);
    char why[512] = "";
    sp_form *form = NULL;
    sp_session *s = NULL;
    assert_int_equal(sp_journal_resume(j, f->quiz, &form, &s, why, sizeof(why)), 0);
    assert_int_equal(sp_session_position(s), LIKERT2);
    assert_int_equal(sp_session_jump_origin(s), KNOW1);
    sp_session_free(s);
    sp_form_free(form);
    sp_journal_free(j);

    /* Empty paths are refused; a return line that does not fit is an error in its line. */
    char *none = NULL, err[512];
    size_t nlen = 0;
    with.out = "";
    assert_int_equal(sp_journal_format(f->quiz, f->s, &with, &none, &nlen), SP_EINVAL);
    assert_null(none);
    char *forged = forge(buf, "return: 3\n", "return: 1\n", &len);
    assert_int_equal(parse_text(forged, len, &j, err, sizeof(err)), SP_EINPUT);
    assert_string_equal(err, "17: the 'return' position is past the last item, or is the current "
                             "position");
    free(forged);
    forged = forge(buf, "key: /home", "key: %zz/home", &len);
    assert_int_equal(parse_text(forged, len, &j, err, sizeof(err)), SP_EINPUT);
    assert_string_equal(err, "12: the 'key' path is empty or has a malformed escape");
    free(forged);
    free(buf);
}

static void journal_without_out_key_or_return_still_reads(void **state)
{
    fixture *f = *state;
    answer_some(f->s);
    size_t len;
    char *buf = journal_text(f, &len); /* as journals were written before these lines */
    assert_null(strstr(buf, "\nout: "));
    assert_null(strstr(buf, "\nreturn: "));
    sp_journal *j = NULL;
    assert_int_equal(parse_text(buf, len, &j, NULL, 0), 0);
    assert_null(sp_journal_get_info(j)->out);
    assert_null(sp_journal_get_info(j)->key);
    sp_form *form = NULL;
    sp_session *s = NULL;
    char why[512] = "";
    assert_int_equal(sp_journal_resume(j, f->quiz, &form, &s, why, sizeof(why)), 0);
    assert_int_equal(sp_session_jump_origin(s), SIZE_MAX);
    sp_session_free(s);
    sp_form_free(form);
    sp_journal_free(j);
    free(buf);
}

static void load_refuses_what_is_not_a_regular_file_without_waiting(void **state)
{
    fixture *f = *state;
    char path[160], target[160];
    const char *want[] = {"a pipe (FIFO)", "a symbolic link", "a folder"};
    snprintf(path, sizeof(path), "%s/fifo.journal", f->dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    snprintf(target, sizeof(target), "%s/a.journal", f->dir);
    assert_int_equal(sp_journal_save(target, f->quiz, f->s, &info), 0);
    snprintf(path, sizeof(path), "%s/link.journal", f->dir);
    assert_int_equal(symlink(target, path), 0);
    snprintf(path, sizeof(path), "%s/dir.journal", f->dir);
    assert_int_equal(mkdir(path, 0700), 0);
    const char *names[] = {"fifo", "link", "dir"};
    for (size_t i = 0; i < 3; i++) {
        sp_diags *d = sp_diags_new();
        sp_journal *j = NULL;
        char msg[160];
        snprintf(path, sizeof(path), "%s/%s.journal", f->dir, names[i]);
        assert_int_equal(sp_journal_load(path, d, &j), SP_EIO);
        assert_null(j);
        snprintf(msg, sizeof(msg), "cannot read the journal: it is %s, not a regular file",
                 want[i]);
        assert_string_equal(sp_diags_at(d, 0)->message, msg);
        sp_diags_free(d);
    }
    /* The listing leaves them out, each with its note, and keeps the journal. */
    sp_diags *d = sp_diags_new();
    sp_journal_entry *e = NULL;
    size_t n = 0;
    assert_int_equal(sp_journal_list(f->dir, d, &e, &n), 0);
    assert_int_equal(n, 1);
    assert_false(e[0].in_use);
    assert_int_equal(sp_diags_errors(d), 3);
    sp_journal_entries_free(e, n);
    sp_diags_free(d);
}

static void a_session_is_held_by_one_lock_at_a_time(void **state)
{
    fixture *f = *state;
    char journal[160], lock_path[160], want[160];
    snprintf(journal, sizeof(journal), "%s/mini-1.journal", f->dir);
    assert_int_equal(sp_journal_lock_path(journal, lock_path, sizeof(lock_path)), 0);
    snprintf(want, sizeof(want), "%s/.mini-1.lock", f->dir);
    assert_string_equal(lock_path, want);
    assert_int_equal(sp_journal_lock_path(journal, lock_path, 8), SP_ELIMIT);

    sp_journal_holder h;
    sp_journal_lock *first = NULL, *second = NULL;
    assert_false(sp_journal_in_use(journal, &h));
    assert_int_equal(sp_journal_acquire(journal, &first, &h), 0);
    /* Another open file description, even in this process, is refused at once and told who
     * holds it. */
    assert_true(sp_journal_in_use(journal, &h));
    assert_int_equal(h.pid, getpid());
    assert_true(h.since >= (int64_t)time(NULL) - 60);
    assert_int_equal(sp_journal_acquire(journal, &second, &h), SP_EBUSY);
    assert_null(second);
    assert_int_equal(h.pid, getpid());
    char host[256] = "";
    gethostname(host, sizeof(host) - 1);
    assert_string_equal(h.host, host);
    /* Released and removed: the next one takes a new lock file. */
    sp_journal_release(first, true);
    assert_int_equal(access(want, F_OK), -1);
    assert_false(sp_journal_in_use(journal, &h));
    assert_int_equal(sp_journal_acquire(journal, &second, &h), 0);
    sp_journal_release(second, false);
    sp_journal_release(NULL, true); /* a no-op */
    /* A lock file left behind holds nothing: it is taken over. */
    assert_int_equal(access(want, F_OK), 0);
    assert_false(sp_journal_in_use(journal, &h));
    assert_int_equal(sp_journal_acquire(journal, &first, &h), 0);
    sp_journal_release(first, true);
    /* Something that is not a regular file at the lock's path is refused without waiting. */
    assert_int_equal(mkfifo(want, 0600), 0);
    assert_false(sp_journal_in_use(journal, &h));
    assert_int_equal(sp_journal_acquire(journal, &first, &h), SP_EINPUT);
    assert_null(first);
}

static void new_journal_paths_differ(void **state)
{
    fixture *f = *state;
    char a[256], b[256];
    assert_int_equal(sp_journal_new_path(f->dir, "mini", 1790000000, a, sizeof(a)), 0);
    assert_int_equal(sp_journal_new_path(f->dir, "mini", 1790000000, b, sizeof(b)), 0);
    assert_string_not_equal(a, b);
    assert_non_null(strstr(a, "/mini-"));
    assert_int_equal(strcmp(a + strlen(a) - 8, ".journal"), 0);
    assert_int_equal(sp_journal_new_path(f->dir, "mini", 0, a, 10), SP_ELIMIT);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(new_session_starts_at_first_item_with_nothing_answered,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(answering_every_item_finishes, setup, teardown),
        cmocka_unit_test_setup_teardown(an_answer_that_does_not_fit_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(several_answer_item_takes_several_options, setup, teardown),
        cmocka_unit_test_setup_teardown(back_at_the_first_item_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(back_keeps_answers_and_a_new_answer_replaces_the_old, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(next_keeps_the_answer_and_needs_one, setup, teardown),
        cmocka_unit_test_setup_teardown(skip_at_the_last_item_reaches_the_end, setup, teardown),
        cmocka_unit_test_setup_teardown(skip_replaces_an_earlier_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(back_from_the_end_reopens_the_last_item, setup, teardown),
        cmocka_unit_test_setup_teardown(jump_out_of_range_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(answer_after_a_jump_returns_where_the_jump_started, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(jump_from_the_end_returns_to_the_end, setup, teardown),
        cmocka_unit_test_setup_teardown(jump_back_to_the_start_ends_the_jump, setup, teardown),
        cmocka_unit_test_setup_teardown(reaching_the_end_with_open_items_asks_the_first_of_them,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(restore_checks_answers_and_position, setup, teardown),
        cmocka_unit_test_setup_teardown(journal_round_trips, setup, teardown),
        cmocka_unit_test_setup_teardown(journal_keeps_a_several_answer_and_an_odd_path, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(truncated_journal_is_detected, setup, teardown),
        cmocka_unit_test_setup_teardown(bit_flipped_journal_is_detected, setup, teardown),
        cmocka_unit_test_setup_teardown(journal_of_a_changed_quiz_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(journal_that_does_not_fit_the_form_is_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(malformed_lines_are_reported_with_their_line, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(journal_folder_follows_xdg_and_is_private, setup, teardown),
        cmocka_unit_test_setup_teardown(
            journal_list_puts_the_latest_first_and_leaves_damaged_ones_out, setup, teardown),
        cmocka_unit_test_setup_teardown(new_journal_paths_differ, setup, teardown),
        cmocka_unit_test_setup_teardown(a_pending_jump_can_be_read_and_restored, setup, teardown),
        cmocka_unit_test_setup_teardown(journal_keeps_out_key_and_a_pending_jump, setup, teardown),
        cmocka_unit_test_setup_teardown(journal_without_out_key_or_return_still_reads, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(load_refuses_what_is_not_a_regular_file_without_waiting,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_session_is_held_by_one_lock_at_a_time, setup, teardown),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
