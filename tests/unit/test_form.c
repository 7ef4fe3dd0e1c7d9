/* Unit tests of drawing forms, answer files, result bodies and replay, on the shipped quiz. */
#include "testmain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signpost/result.h"

static sp_quiz *load(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", SP_QUIZ_DIR, name);
    sp_diags *d = sp_diags_new();
    sp_quiz *quiz = NULL;
    assert_int_equal(sp_quiz_load(path, d, &quiz), 0);
    sp_diags_free(d);
    return quiz;
}

static int setup(void **state)
{
    *state = load("placement.yaml");
    return 0;
}

static int teardown(void **state)
{
    sp_quiz_free(*state);
    return 0;
}

static sp_form *draw(const sp_quiz *quiz, uint64_t seed)
{
    sp_form *f = NULL;
    assert_int_equal(sp_form_draw(quiz, seed, &f), 0);
    return f;
}

/* ---- Forms ------------------------------------------------------------------------------- */

static void the_same_seed_gives_the_same_form(void **state)
{
    sp_form *a = draw(*state, 7), *b = draw(*state, 7), *c = draw(*state, 8);
    assert_int_equal(sp_form_count(a), sp_form_count(b));
    bool differs = false;
    for (size_t i = 0; i < sp_form_count(a); i++) {
        const sp_form_item *x = sp_form_item_at(a, i), *y = sp_form_item_at(b, i);
        assert_ptr_equal(x->q, y->q);
        assert_memory_equal(x->shown, y->shown, sizeof(x->shown));
        differs = differs || sp_form_item_at(c, i)->q != x->q;
    }
    assert_true(differs); /* another seed, another form */
    sp_form_free(a);
    sp_form_free(b);
    sp_form_free(c);
}

static void the_manifest_draw_counts_are_honoured(void **state)
{
    sp_form *f = draw(*state, 1);
    size_t count[SP_KIND_COUNT] = {0};
    for (size_t i = 0; i < sp_form_count(f); i++)
        count[sp_form_item_at(f, i)->q->kind]++;
    /* placement: 3 likert, 2 scenarios, 3 knowledge items from each of six banks */
    assert_int_equal(count[SP_KIND_LIKERT], 18);
    assert_int_equal(count[SP_KIND_CHOICE], 12);
    assert_int_equal(count[SP_KIND_KNOWLEDGE], 18);
    sp_form_free(f);
}

static void interleaved_order_asks_kinds_in_turn_and_rotates_banks(void **state)
{
    sp_form *f = draw(*state, 3);
    for (size_t i = 1; i < sp_form_count(f); i++)
        assert_true(sp_form_item_at(f, i - 1)->q->kind <= sp_form_item_at(f, i)->q->kind);
    /* The first six likert items come from six different banks. */
    for (size_t i = 0; i < 6; i++)
        for (size_t j = 0; j < i; j++)
            assert_ptr_not_equal(sp_form_item_at(f, i)->q->bank, sp_form_item_at(f, j)->q->bank);
    sp_form_free(f);
}

/* The options of an item are a permutation that depends on the seed and the item only. */
static void option_order_depends_only_on_seed_and_item(void **state)
{
    const sp_quiz *quiz = *state;
    sp_form *f = draw(quiz, 11);
    sp_draw small[SP_LIMIT_BANKS];
    for (size_t b = 0; b < sp_quiz_bank_count(quiz); b++)
        small[b] = (sp_draw){{SP_DRAW_ALL, SP_DRAW_ALL, SP_DRAW_ALL}};
    sp_form *all = NULL;
    assert_int_equal(sp_form_draw_counts(quiz, 11, small, &all), 0);
    for (size_t i = 0; i < sp_form_count(f); i++) {
        const sp_form_item *it = sp_form_item_at(f, i);
        long j = sp_form_find(all, it->q->id);
        assert_true(j >= 0);
        assert_memory_equal(it->shown, sp_form_item_at(all, (size_t)j)->shown, sizeof(it->shown));
        uint32_t seen = 0;
        for (uint32_t k = 0; k < it->q->noptions; k++)
            seen |= 1u << it->shown[k];
        if (it->q->noptions)
            assert_int_equal(seen, (1u << it->q->noptions) - 1);
    }
    sp_form_free(f);
    sp_form_free(all);
}

static void fixed_options_keep_their_place(void **state)
{
    const sp_quiz *quiz = *state;
    int fixed_seen = 0;
    for (uint64_t seed = 0; seed < 40; seed++) {
        sp_draw all[SP_LIMIT_BANKS];
        for (size_t b = 0; b < sp_quiz_bank_count(quiz); b++)
            all[b] = (sp_draw){{0, SP_DRAW_ALL, 0}};
        sp_form *f = NULL;
        assert_int_equal(sp_form_draw_counts(quiz, seed, all, &f), 0);
        for (size_t i = 0; i < sp_form_count(f); i++) {
            const sp_form_item *it = sp_form_item_at(f, i);
            for (uint32_t k = 0; k < it->q->noptions; k++) {
                if (it->q->options[k].fixed) {
                    assert_int_equal(it->shown[k], k);
                    fixed_seen++;
                }
            }
        }
        sp_form_free(f);
    }
    assert_true(fixed_seen > 0); /* the shipped banks have "none of these" options */
}

static void a_seed_out_of_range_is_refused(void **state)
{
    sp_form *f = NULL;
    assert_int_equal(sp_form_draw(*state, SP_SEED_MAX + 1, &f), SP_EINVAL);
    assert_null(f);
    assert_true(sp_seed_random() <= SP_SEED_MAX);
}

/* ---- Answer files and results ------------------------------------------------------------ */

/* Answers every item of the form: likert 4, the first option, the right knowledge answer. */
static char *answer_file(const sp_form *f)
{
    size_t cap = 64 * sp_form_count(f) + 1, len = 0;
    char *text = calloc(cap, 1);
    for (size_t i = 0; i < sp_form_count(f); i++) {
        const sp_question *q = sp_form_item_at(f, i)->q;
        sp_answer a = {.state = SP_ANSWER_GIVEN,
                       .value = 4,
                       .chosen = q->kind == SP_KIND_KNOWLEDGE ? q->answer : 1};
        char one[200];
        sp_answer_format(q, &a, one, sizeof(one));
        len += (size_t)snprintf(text + len, cap - len, "%s: %s\n", q->id, one);
    }
    return text;
}

/* Takes the quiz in batch mode and returns the result body. */
static char *take(const sp_quiz *quiz, uint64_t seed, sp_outcome *o)
{
    sp_form *f = draw(quiz, seed);
    char *text = answer_file(f);
    sp_diags *d = sp_diags_new();
    sp_answers *ans = NULL;
    assert_int_equal(sp_answers_parse("a.yaml", text, strlen(text), d, &ans), 0);
    sp_response *r = calloc(sp_form_count(f), sizeof(*r));
    assert_int_equal(sp_answers_apply(ans, f, SP_MISSING_ERROR, d, r), 0);
    assert_int_equal(sp_score(sp_quiz_directions(quiz), &sp_quiz_manifest(quiz)->scoring, r,
                              sp_form_count(f), o),
                     0);
    sp_result_meta meta = {"zh", "李雷 \"Lei\"", 1700000000, 1700000900, NULL};
    char *body;
    size_t len;
    assert_int_equal(sp_result_format(quiz, f, r, o, &meta, &body, &len), 0);
    assert_int_equal(strlen(body), len);
    free(r);
    sp_answers_free(ans);
    sp_diags_free(d);
    free(text);
    sp_form_free(f);
    return body;
}

static sp_result *parse_result(const char *body)
{
    sp_diags *d = sp_diags_new();
    sp_result *r = NULL;
    int rc = sp_result_parse("r.signpost", body, strlen(body), d, &r);
    for (size_t i = 0; rc && i < sp_diags_count(d); i++)
        fprintf(stderr, "%u:%u: %s\n", sp_diags_at(d, i)->line, sp_diags_at(d, i)->column,
                sp_diags_at(d, i)->message);
    assert_int_equal(rc, 0);
    sp_diags_free(d);
    return r;
}

static void a_result_reads_back_what_was_written(void **state)
{
    sp_outcome o;
    char *body = take(*state, 5, &o);
    assert_memory_equal(body, SP_RESULT_MAGIC "\n", strlen(SP_RESULT_MAGIC) + 1);
    sp_result *r = parse_result(body);
    assert_int_equal(sp_result_seed(r), 5);
    assert_string_equal(sp_result_lang(r), "zh");
    assert_string_equal(sp_result_name(r), "李雷 \"Lei\"");
    assert_int_equal(sp_result_started(r), 1700000000);
    assert_int_equal(sp_result_finished(r), 1700000900);
    assert_string_equal(sp_result_quiz(r)->id, "placement");
    assert_int_equal(sp_result_bank_count(r), 6);
    assert_int_equal(sp_result_answer_count(r), 48);
    assert_int_equal(sp_result_answered(r), 48);
    assert_int_equal(sp_result_score_count(r), 6);
    const sp_directions *dirs = sp_quiz_directions(*state);
    assert_string_equal(sp_result_primary(r), dirs->items[o.primary].id);
    assert_int_equal(sp_result_level(r), o.level);
    sp_result_free(r);
    free(body);
}

static void replay_confirms_an_honest_result(void **state)
{
    sp_outcome o;
    char *body = take(*state, 9, &o);
    sp_result *r = parse_result(body);
    assert_true(sp_result_banks_in(r, *state));
    sp_replay rep;
    assert_int_equal(sp_result_replay(r, *state, &rep), 0);
    assert_int_equal(rep.verdict, SP_REPLAY_OK);
    sp_result_free(r);
    free(body);
}

static void replay_catches_an_edited_score(void **state)
{
    sp_outcome o;
    char *body = take(*state, 9, &o);
    /* Change the first recorded fit to 1.000000, or to 0.000000 if it was 1. */
    char *fit = strstr(strstr(body, "\nscores:\n"), "fit: ") + 5;
    memcpy(fit, fit[0] == '1' ? "0.000000" : "1.000000", 8);
    sp_result *r = parse_result(body);
    sp_replay rep;
    assert_int_equal(sp_result_replay(r, *state, &rep), 0);
    assert_int_equal(rep.verdict, SP_REPLAY_MISMATCH);
    assert_non_null(strstr(rep.detail, "fit of "));
    sp_result_free(r);
    free(body);
}

static void replay_catches_an_edited_answer(void **state)
{
    sp_outcome o;
    char *body = take(*state, 9, &o);
    char *likert = strstr(body, ": 4\n"); /* the first likert answer */
    assert_non_null(likert);
    likert[2] = '1';
    sp_result *r = parse_result(body);
    sp_replay rep;
    assert_int_equal(sp_result_replay(r, *state, &rep), 0);
    assert_int_equal(rep.verdict, SP_REPLAY_MISMATCH);
    sp_result_free(r);
    free(body);
}

static void replay_needs_the_recorded_banks(void **state)
{
    sp_outcome o;
    char *body = take(*state, 9, &o);
    char *digest = strstr(body, "id: infra, version: ");
    assert_non_null(digest);
    digest = strstr(digest, "digest: ") + 8;
    digest[0] = digest[0] == '0' ? '1' : '0';
    sp_result *r = parse_result(body);
    assert_false(sp_result_banks_in(r, *state));
    sp_replay rep;
    assert_int_equal(sp_result_replay(r, *state, &rep), 0);
    assert_int_equal(rep.verdict, SP_REPLAY_NO_BANKS);
    assert_non_null(strstr(rep.detail, "bank 'infra'"));
    sp_result_free(r);
    free(body);
}

static void a_malformed_body_is_reported_with_its_line(void **state)
{
    (void)state;
    static const char body[] = "signpost-result/1\nengine: signpost 0.1.0\nseed: many\n";
    sp_diags *d = sp_diags_new();
    sp_result *r = NULL;
    assert_int_equal(sp_result_parse("r", body, sizeof(body) - 1, d, &r), SP_EINPUT);
    bool found = false;
    for (size_t i = 0; i < sp_diags_count(d); i++) {
        const sp_diag *g = sp_diags_at(d, i);
        if (g->line == 3 && g->column == 7)
            found = strstr(g->message, "expected a whole number") != NULL;
    }
    assert_true(found); /* line 3 counts the tag line */
    sp_diags_free(d);
    static const char wrong[] = "signpost-result/2\n";
    d = sp_diags_new();
    assert_int_equal(sp_result_parse("r", wrong, sizeof(wrong) - 1, d, &r), SP_EINPUT);
    assert_int_equal(sp_diags_errors(d), 1);
    sp_diags_free(d);
}

static void answers_that_do_not_fit_are_errors_at_their_position(void **state)
{
    sp_form *f = draw(*state, 2);
    const sp_question *likert = sp_form_item_at(f, 0)->q;
    char text[256];
    snprintf(text, sizeof(text), "%s: 7\n", likert->id);
    sp_diags *d = sp_diags_new();
    sp_answers *ans = NULL;
    assert_int_equal(sp_answers_parse("a.yaml", text, strlen(text), d, &ans), 0);
    sp_response *r = calloc(sp_form_count(f), sizeof(*r));
    assert_int_equal(sp_answers_apply(ans, f, SP_MISSING_SKIP, d, r), SP_EINPUT);
    assert_int_equal(sp_diags_errors(d), 1);
    const sp_diag *g = sp_diags_at(d, 0);
    assert_int_equal(g->line, 1);
    assert_int_equal(g->column, (uint32_t)strlen(likert->id) + 3);
    assert_non_null(strstr(g->message, "expected a whole number from 1 to 5, or skip"));
    free(r);
    sp_answers_free(ans);
    sp_diags_free(d);
    sp_form_free(f);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_same_seed_gives_the_same_form),
        cmocka_unit_test(the_manifest_draw_counts_are_honoured),
        cmocka_unit_test(interleaved_order_asks_kinds_in_turn_and_rotates_banks),
        cmocka_unit_test(option_order_depends_only_on_seed_and_item),
        cmocka_unit_test(fixed_options_keep_their_place),
        cmocka_unit_test(a_seed_out_of_range_is_refused),
        cmocka_unit_test(a_result_reads_back_what_was_written),
        cmocka_unit_test(replay_confirms_an_honest_result),
        cmocka_unit_test(replay_catches_an_edited_score),
        cmocka_unit_test(replay_catches_an_edited_answer),
        cmocka_unit_test(replay_needs_the_recorded_banks),
        cmocka_unit_test(a_malformed_body_is_reported_with_its_line),
        cmocka_unit_test(answers_that_do_not_fit_are_errors_at_their_position),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, setup, teardown);
}
