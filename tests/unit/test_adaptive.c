/* Unit tests of the adaptive rule (engine/score/adaptive.c; scoring.md, section 11) on the
 * shipped placement quiz, with random answers. */
#include "testmain.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score/rng.h"
#include "signpost/adaptive.h"
#include "signpost/load.h"
#include "signpost/model.h"

#define TAKERS 150

static int setup(void **state)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/placement.yaml", SP_QUIZ_DIR);
    sp_diags *d = sp_diags_new();
    sp_quiz *quiz = NULL;
    assert_int_equal(sp_quiz_load(path, d, &quiz), 0);
    sp_diags_free(d);
    *state = quiz;
    return 0;
}

static int teardown(void **state)
{
    sp_quiz_free(*state);
    return 0;
}

/* A random possible answer to q: a likert value, one option, or (rarely) a skip. With extreme,
 * the answer is at an end of what the item allows (1 or 5, any option, all or nothing). */
static sp_answer random_answer(sp_rng *r, const sp_question *q, bool extreme)
{
    sp_answer a = {.state = SP_ANSWER_GIVEN};
    if (!extreme && sp_rng_below(r, 20) == 0) {
        a.state = SP_ANSWER_SKIP;
    } else if (q->kind == SP_KIND_LIKERT) {
        a.value = (uint8_t)(extreme ? 1 + 4 * sp_rng_below(r, 2) : 1 + sp_rng_below(r, 5));
    } else if (q->kind == SP_KIND_KNOWLEDGE && sp_rng_below(r, 2)) {
        a.chosen = q->answer;
    } else {
        a.chosen = 1u << sp_rng_below(r, q->noptions);
    }
    return a;
}

/* How much q's answer can lean towards direction t: its key (likert) or an option's weight. */
static double weight_for(const sp_weight *w, uint32_t n, int t)
{
    for (uint32_t k = 0; k < n; k++)
        if (w[k].dir_index == t)
            return w[k].value;
    return 0;
}

/* An answer of a taker who leans towards direction t, at random one time in `noise`: the likert
 * end the key of t points to, the option that weighs t most, a knowledge item right when it
 * measures t. */
static sp_answer leaning_answer(sp_rng *r, const sp_question *q, int t, uint32_t noise)
{
    if (sp_rng_below(r, noise) == 0)
        return random_answer(r, q, false);
    sp_answer a = {.state = SP_ANSWER_GIVEN};
    if (q->kind == SP_KIND_LIKERT) {
        double w = weight_for(q->keys, q->nkeys, t);
        a.value = (uint8_t)(w > 0 ? 5 : w < 0 ? 1 : 2);
    } else if (q->kind == SP_KIND_KNOWLEDGE) {
        bool right = weight_for(q->keys, q->nkeys, t) != 0 || sp_rng_below(r, 3) == 0;
        a.chosen = right ? q->answer : (q->answer == 1u ? 2u : 1u);
    } else {
        uint32_t best = 0;
        for (uint32_t i = 1; i < q->noptions; i++)
            if (weight_for(q->options[i].weights, q->options[i].nweights, t) >
                weight_for(q->options[best].weights, q->options[best].nweights, t))
                best = i;
        a.chosen = 1u << best;
    }
    return a;
}

typedef struct run {
    sp_form *form;
    sp_answer answers[256];
    size_t order[256], n, after;
    sp_stop stop;
} run;

/* Runs the adaptive rule over answers to the whole form for seed: random ones (lean < 0), or
 * those of a taker leaning towards direction lean. */
static void run_leaning(const sp_quiz *quiz, uint64_t seed, int lean, run *x)
{
    assert_int_equal(sp_form_draw(quiz, seed, &x->form), 0);
    sp_rng r;
    sp_rng_seed(&r, seed);
    size_t count = sp_form_count(x->form);
    assert_true(count <= 256);
    for (size_t i = 0; i < count; i++)
        x->answers[i] = lean < 0 ? random_answer(&r, sp_form_item_at(x->form, i)->q, false)
                                 : leaning_answer(&r, sp_form_item_at(x->form, i)->q, lean, 3);
    sp_adaptive_bounds b = sp_adaptive_bounds_for(sp_quiz_manifest(quiz), x->form);
    assert_int_equal(sp_adaptive_run(sp_quiz_directions(quiz), &sp_quiz_manifest(quiz)->scoring, &b,
                                     x->form, x->answers, 0, x->order, &x->n, &x->stop, &x->after),
                     0);
}

static void run_one(const sp_quiz *quiz, uint64_t seed, run *x)
{
    run_leaning(quiz, seed, -1, x);
}

static void responses_of(const run *x, sp_response *out)
{
    for (size_t i = 0; i < x->n; i++)
        out[i] = (sp_response){sp_form_item_at(x->form, x->order[i])->q, x->answers[x->order[i]]};
}

/* The same answers give the same items in the same order and the same stop; every item is asked
 * at most once; the stop comes at or after min_items and at most at max_items. */
static void test_the_rule_is_deterministic_and_within_its_bounds(void **state)
{
    const sp_quiz *quiz = *state;
    for (uint64_t s = 0; s < TAKERS; s++) {
        run a, b;
        run_one(quiz, s, &a);
        run_one(quiz, s, &b);
        assert_int_equal(a.n, b.n);
        assert_int_equal(a.stop, b.stop);
        assert_int_equal(a.after, b.after);
        assert_memory_equal(a.order, b.order, a.n * sizeof(a.order[0]));
        assert_true(a.stop != SP_STOP_NO);
        assert_true(a.after == a.n);
        assert_true(a.n >= SP_ADAPTIVE_DEFAULT_MIN && a.n <= sp_form_count(a.form));
        bool seen[256] = {false};
        for (size_t i = 0; i < a.n; i++) {
            assert_false(seen[a.order[i]]);
            seen[a.order[i]] = true;
        }
        sp_form_free(a.form);
        sp_form_free(b.form);
    }
}

/* When the rule stops, every direction has a knowledge item asked and each kind two items. */
static void test_a_stopped_quiz_measures_every_direction_and_kind(void **state)
{
    const sp_quiz *quiz = *state;
    uint32_t ndirs = sp_quiz_directions(quiz)->count;
    for (uint64_t s = 0; s < TAKERS; s++) {
        run x;
        run_one(quiz, s, &x);
        int kinds[SP_KIND_COUNT] = {0};
        bool knows[SP_MAX_DIRECTIONS] = {false};
        for (size_t i = 0; i < x.n; i++) {
            const sp_question *q = sp_form_item_at(x.form, x.order[i])->q;
            kinds[q->kind]++;
            for (uint32_t k = 0; q->kind == SP_KIND_KNOWLEDGE && k < q->nkeys; k++)
                knows[q->keys[k].dir_index] = true;
        }
        for (int k = 0; k < SP_KIND_COUNT; k++)
            assert_true(kinds[k] >= SP_ADAPTIVE_MIN_PER_KIND);
        for (uint32_t d = 0; d < ndirs; d++)
            assert_true(knows[d]);
        sp_form_free(x.form);
    }
}

/* Curtailment is sound: whatever the answers to the items the budget still allows (tried at
 * random, at the ends of what each item allows, on random subsets), the leader stays. */
static void test_a_curtailed_leader_cannot_be_overtaken(void **state)
{
    const sp_quiz *quiz = *state;
    const sp_directions *dirs = sp_quiz_directions(quiz);
    const sp_scoring *p = &sp_quiz_manifest(quiz)->scoring;
    int curtailed = 0;
    for (uint64_t s = 0; s < TAKERS; s++) {
        run x;
        run_one(quiz, s, &x);
        if (x.stop != SP_STOP_CURTAILED) {
            sp_form_free(x.form);
            continue;
        }
        curtailed++;
        sp_response resp[256];
        responses_of(&x, resp);
        sp_outcome at_stop;
        assert_int_equal(sp_score(dirs, p, resp, x.n, &at_stop), 0);
        bool asked[256] = {false};
        for (size_t i = 0; i < x.n; i++)
            asked[x.order[i]] = true;
        sp_rng r;
        sp_rng_seed(&r, s ^ 0x5eed);
        size_t count = sp_form_count(x.form);
        for (int trial = 0; trial < 200; trial++) {
            size_t m = x.n;
            for (size_t i = 0; i < count; i++)
                if (!asked[i] && sp_rng_below(&r, 3) != 0) {
                    const sp_question *q = sp_form_item_at(x.form, i)->q;
                    resp[m++] = (sp_response){q, random_answer(&r, q, true)};
                }
            sp_outcome o;
            assert_int_equal(sp_score(dirs, p, resp, m, &o), 0);
            assert_int_equal(o.primary, at_stop.primary);
        }
        sp_form_free(x.form);
    }
    assert_true(curtailed > 10);
}

/* A stop before the budget on a result that names no near tie (settled, or curtailed) has every
 * runner-up's gap at least z * sqrt(max_items / n) standard errors: the boundary is stricter
 * early, so looking after every answer does not settle on a lead the form made, and curtailment
 * without a near tie waits for the same boundary (scoring.md, section 11). */
static void test_a_stop_without_a_near_tie_is_past_the_boundary(void **state)
{
    const sp_quiz *quiz = *state;
    const sp_directions *dirs = sp_quiz_directions(quiz);
    const sp_scoring *p = &sp_quiz_manifest(quiz)->scoring;
    int checked = 0;
    for (uint64_t s = 0; s < 4 * TAKERS; s++) {
        run x;
        run_leaning(quiz, s, (int)(s % dirs->count), &x);
        sp_adaptive_bounds b = sp_adaptive_bounds_for(sp_quiz_manifest(quiz), x.form);
        sp_response resp[256];
        responses_of(&x, resp);
        sp_outcome o;
        assert_int_equal(sp_score(dirs, p, resp, x.n, &o), 0);
        double z;
        assert_true(sp_confidence_z(b.confidence, &z));
        if (x.stop == SP_STOP_BUDGET || x.n >= b.max_items || o.nnear_tie > 0 || o.primary < 0) {
            sp_form_free(x.form);
            continue;
        }
        checked++;
        double need = z * sqrt((double)b.max_items / (double)x.n);
        for (uint32_t d = 0; d < dirs->count; d++) {
            const sp_dir_score *sc = &o.scores[d];
            if ((int)d == o.primary || !sc->has_gap_se || !(sc->has_interest || sc->has_aptitude))
                continue;
            double gap = o.scores[o.primary].fit - sc->fit;
            assert_true(gap >= need * sc->gap_se - 0.002);
        }
        sp_form_free(x.form);
    }
    assert_true(checked > 10);
}

/* A response that is not an item of the form, or asked twice, is refused. */
static void test_an_item_not_in_the_form_or_asked_twice_is_refused(void **state)
{
    const sp_quiz *quiz = *state;
    run x;
    run_one(quiz, 1, &x);
    sp_response resp[256];
    responses_of(&x, resp);
    sp_adaptive_bounds b = sp_adaptive_bounds_for(sp_quiz_manifest(quiz), x.form);
    sp_adaptive_step st;
    resp[1] = resp[0];
    assert_int_equal(sp_adaptive_decide(sp_quiz_directions(quiz), &sp_quiz_manifest(quiz)->scoring,
                                        &b, x.form, resp, 2, &st),
                     SP_EINVAL);
    sp_form_free(x.form);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_the_rule_is_deterministic_and_within_its_bounds, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_stopped_quiz_measures_every_direction_and_kind,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_curtailed_leader_cannot_be_overtaken, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_stop_without_a_near_tie_is_past_the_boundary, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_an_item_not_in_the_form_or_asked_twice_is_refused,
                                        setup, teardown),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
