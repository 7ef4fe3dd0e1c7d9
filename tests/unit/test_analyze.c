/* Unit tests of the cohort analysis (engine/analyze/analyze.c): the worked example of
 * docs/analyze.md, number by number, and the edge cases — one result, an item nobody saw, no
 * variance. The expected figures come from tests/data/analyze/reference.py, an independent
 * computation from the definitions. */
#include "testmain.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signpost/analyze.h"
#include "signpost/answers.h"

#define QUIZ       SP_TEST_DATA "/analyze/quiz.yaml"
#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)
#define STAT(s, v)                                                                                 \
    do {                                                                                           \
        assert_int_equal((s).state, SP_STAT_OK);                                                   \
        NEAR((s).value, (v));                                                                      \
    } while (0)

/* One taker: item id and answer text ("5", "a", "a c", "skip"); NULL ends the list. */
typedef struct ans {
    const char *id, *text;
} ans;

static const ans takers[6][8] = {
    {{"w.like.infra", "5"},
     {"w.like.agents", "1"},
     {"w.like.flat", "3"},
     {"w.scene", "a"},
     {"w.know.k1", "a"},
     {"w.know.k2", "b"},
     {"w.know.k3", "a c"}},
    {{"w.like.infra", "4"},
     {"w.like.agents", "2"},
     {"w.like.flat", "3"},
     {"w.scene", "a"},
     {"w.know.k1", "a"},
     {"w.know.k2", "c"},
     {"w.know.k3", "a"}},
    {{"w.like.infra", "2"},
     {"w.like.agents", "4"},
     {"w.like.flat", "3"},
     {"w.scene", "b"},
     {"w.know.k1", "b"},
     {"w.know.k2", "b"},
     {"w.know.k3", "a b"}},
    {{"w.like.infra", "1"},
     {"w.like.agents", "5"},
     {"w.like.flat", "3"},
     {"w.scene", "b"},
     {"w.know.k1", "c"},
     {"w.know.k2", "a"},
     {"w.know.k3", "skip"}},
    {{"w.like.infra", "3"},
     {"w.like.agents", "3"},
     {"w.like.flat", "3"},
     {"w.scene", "c"},
     {"w.know.k1", "a"},
     {"w.know.k2", "b"},
     {"w.know.k3", "a c d"}},
    {{"w.like.infra", "4"}, {"w.like.agents", "skip"}, {"w.like.flat", "3"}, {"w.know.k1", "a"}},
};

static sp_quiz *load_quiz(void)
{
    sp_diags *d = sp_diags_new();
    sp_quiz *quiz = NULL;
    assert_int_equal(sp_quiz_load(QUIZ, d, &quiz), 0);
    sp_diags_free(d);
    return quiz;
}

/* Builds taker t's responses, scores them and adds them to a. */
static void add_taker(sp_analysis *a, const sp_quiz *quiz, const ans *t)
{
    sp_response r[8];
    size_t n = 0;
    for (; n < 8 && t[n].id; n++) {
        const char *ids[4];
        char buf[16], why[200];
        size_t k = 0;
        snprintf(buf, sizeof(buf), "%s", t[n].text);
        for (char *tok = strtok(buf, " "); tok && k < 4; tok = strtok(NULL, " "))
            ids[k++] = tok;
        r[n].q = sp_quiz_question(quiz, t[n].id);
        assert_non_null(r[n].q);
        assert_int_equal(sp_answer_from_ids(r[n].q, ids, k, k > 1, &r[n].a, why, sizeof(why)), 0);
    }
    sp_outcome out;
    assert_int_equal(
        sp_score(sp_quiz_directions(quiz), &sp_quiz_manifest(quiz)->scoring, r, n, &out), 0);
    assert_int_equal(sp_analysis_add(a, r, n, &out), 0);
}

static sp_analysis *worked_example(sp_quiz **quiz, size_t ntakers)
{
    *quiz = load_quiz();
    sp_analyze_opts o = SP_ANALYZE_DEFAULTS;
    o.min_n = 2;
    sp_analysis *a = sp_analysis_new(*quiz, &o);
    assert_non_null(a);
    for (size_t t = 0; t < ntakers; t++)
        add_taker(a, *quiz, takers[t]);
    assert_int_equal(sp_analysis_finish(a), 0);
    return a;
}

static const sp_item_stats *item(const sp_analysis *a, const char *id)
{
    for (size_t i = 0; i < sp_analysis_item_count(a); i++)
        if (strcmp(sp_analysis_item(a, i)->q->id, id) == 0)
            return sp_analysis_item(a, i);
    fail_msg("no item %s", id);
    return NULL;
}

enum { INFRA, AGENTS };

static void knowledge_items_match_moodle_definitions(void **state)
{
    (void)state;
    sp_quiz *quiz;
    sp_analysis *a = worked_example(&quiz, 6);
    const sp_item_stats *k1 = item(a, "w.know.k1"), *k2 = item(a, "w.know.k2");
    const sp_item_stats *k3 = item(a, "w.know.k3");
    assert_int_equal(k1->seen, 6);
    STAT(k1->facility, 200.0 / 3);
    NEAR(k1->random_guess, 25);
    STAT(k1->sd, 0.5163977794943223);
    assert_int_equal(k1->dirs[INFRA].n, 5);
    STAT(k1->discrimination, 57.735026918962575);
    STAT(k1->efficiency, 200.0 / 3);
    STAT(k2->facility, 60);
    NEAR(k2->random_guess, 100.0 / 3);
    STAT(k2->discrimination, 24.397501823713327);
    STAT(k2->efficiency, 25);
    assert_int_equal(k3->skipped, 1);
    STAT(k3->facility, 40);
    NEAR(k3->random_guess, 20);
    STAT(k3->discrimination, 78.57142857142857);
    STAT(k3->efficiency, 100);
    assert_int_equal(k3->dirs[AGENTS].r.state, SP_STAT_TOO_FEW);
    sp_analysis_free(a);
    sp_quiz_free(quiz);
}

static void interest_items_correlate_with_each_scale(void **state)
{
    (void)state;
    sp_quiz *quiz;
    sp_analysis *a = worked_example(&quiz, 6);
    const sp_item_stats *li = item(a, "w.like.infra"), *la = item(a, "w.like.agents");
    const sp_item_stats *sc = item(a, "w.scene");
    STAT(li->mean, 19.0 / 6);
    STAT(li->sd, 1.4719601443879746);
    assert_int_equal(li->chosen[3], 2); /* two answered 4 */
    assert_true(li->dirs[INFRA].own && !li->dirs[AGENTS].own);
    STAT(li->dirs[INFRA].r, 0.9486832980505138);
    assert_int_equal(li->dirs[AGENTS].n, 6);
    STAT(li->dirs[AGENTS].r, -0.9452716337320515);
    STAT(la->dirs[INFRA].r, -0.9838699100999074);
    STAT(sc->dirs[INFRA].r, 0.9486832980505138);
    STAT(sc->dirs[AGENTS].r, 0.9486832980505138);
    STAT(sc->option_r[0][INFRA], 0.8660254037844386);
    STAT(sc->option_r[1][INFRA], -0.8660254037844386);
    STAT(sc->option_r[2][AGENTS], 0);
    assert_int_equal(sc->option_r[3][INFRA].state, SP_STAT_NO_VARIANCE);
    assert_int_equal(sc->flags & SP_FLAG_UNCHOSEN, SP_FLAG_UNCHOSEN);
    assert_int_equal(li->flags, 0);
    sp_analysis_free(a);
    sp_quiz_free(quiz);
}

static void zero_variance_gives_no_correlation(void **state)
{
    (void)state;
    sp_quiz *quiz;
    sp_analysis *a = worked_example(&quiz, 6);
    const sp_item_stats *flat = item(a, "w.like.flat");
    STAT(flat->mean, 3);
    STAT(flat->sd, 0);
    assert_int_equal(flat->dirs[AGENTS].r.state, SP_STAT_NO_VARIANCE);
    assert_int_equal(flat->dirs[INFRA].r.state, SP_STAT_NO_VARIANCE);
    assert_int_equal(flat->flags, 0);
    sp_analysis_free(a);
    sp_quiz_free(quiz);
}

static void an_item_nobody_saw_has_no_figures(void **state)
{
    (void)state;
    sp_quiz *quiz;
    sp_analysis *a = worked_example(&quiz, 6);
    const sp_item_stats *u = item(a, "w.know.unseen");
    assert_int_equal(u->seen, 0);
    assert_int_equal(u->facility.state, SP_STAT_TOO_FEW);
    assert_int_equal(u->discrimination.state, SP_STAT_TOO_FEW);
    assert_int_equal(u->efficiency.state, SP_STAT_TOO_FEW);
    NEAR(u->random_guess, 50);
    assert_int_equal(u->flags, 0);
    sp_analysis_free(a);
    sp_quiz_free(quiz);
}

static void scales_use_pairwise_alpha(void **state)
{
    (void)state;
    sp_quiz *quiz;
    sp_analysis *a = worked_example(&quiz, 6);
    assert_int_equal(sp_analysis_scale_count(a), 4);
    const sp_scale_stats *k = sp_analysis_scale(a, 2 * INFRA);
    assert_true(k->knowledge);
    assert_int_equal(k->items, 4);
    assert_int_equal(k->results, 6);
    NEAR(k->form_items, 16.0 / 6);
    STAT(k->mean, 0.611111111111111);
    STAT(k->sd, 0.4036867138796656);
    STAT(k->alpha, 0.6734115742614325);
    STAT(k->alpha_pool, 0.6987681970884658); /* three items with data; the unseen one is not */
    STAT(k->sem, 0.23069854253498562);
    const sp_scale_stats *ia = sp_analysis_scale(a, 2 * AGENTS + 1);
    STAT(ia->alpha, 0.7211267605633803);
    STAT(ia->alpha_pool, 0.7441860465116279);
    STAT(ia->sd, 0.31622776601683794);
    STAT(ia->sem, 0.16699498179185496);
    const sp_scale_stats *ka = sp_analysis_scale(a, 2 * AGENTS);
    assert_int_equal(ka->items, 0);
    assert_int_equal(ka->results, 0);
    assert_int_equal(ka->alpha.state, SP_STAT_NONE);
    assert_int_equal(ka->sd.state, SP_STAT_TOO_FEW);
    sp_analysis_free(a);
    sp_quiz_free(quiz);
}

static void cohort_counts_the_outcomes(void **state)
{
    (void)state;
    sp_quiz *quiz;
    sp_analysis *a = worked_example(&quiz, 6);
    const sp_cohort_stats *c = sp_analysis_cohort(a);
    assert_int_equal(c->results, 6);
    assert_int_equal(c->primary[INFRA], 4);
    assert_int_equal(c->primary[AGENTS], 2);
    assert_int_equal(c->near_tie, 0);
    assert_int_equal(c->flat_same, 1); /* taker 5 answered 3 to every statement */
    assert_int_equal(c->flat_close, 0);
    STAT(c->dirs[INFRA].mean, 0.5555555555555555);
    STAT(c->dirs[INFRA].sd, 0.39421746207823855);
    STAT(c->dirs[AGENTS].mean, 0.5);
    STAT(c->dirs[AGENTS].sd, 0.31622776601683794);
    assert_int_equal(c->dirs[INFRA].n, 6);
    uint64_t binned = 0;
    for (int b = 0; b < SP_ANALYZE_FIT_BINS; b++)
        binned += c->dirs[INFRA].hist[b];
    assert_int_equal(binned, 6);
    assert_int_equal(c->level[0] + c->level[1] + c->level[2] + c->level[3] + c->level[4], 6);
    size_t idx[3];
    assert_int_equal(sp_analysis_most_skipped(a, idx, 3), 2);
    assert_string_equal(sp_analysis_item(a, idx[0])->q->id, "w.know.k3");     /* 1 of 5 */
    assert_string_equal(sp_analysis_item(a, idx[1])->q->id, "w.like.agents"); /* 1 of 6 */
    sp_analysis_free(a);
    sp_quiz_free(quiz);
}

static void one_result_gives_means_but_no_spread(void **state)
{
    (void)state;
    sp_quiz *quiz;
    sp_analysis *a = worked_example(&quiz, 1);
    const sp_item_stats *k1 = item(a, "w.know.k1");
    STAT(k1->facility, 100);
    assert_int_equal(k1->sd.state, SP_STAT_TOO_FEW);
    assert_int_equal(k1->discrimination.state, SP_STAT_TOO_FEW);
    assert_int_equal(k1->efficiency.state, SP_STAT_TOO_FEW);
    const sp_scale_stats *k = sp_analysis_scale(a, 0);
    assert_int_equal(k->sd.state, SP_STAT_TOO_FEW);
    assert_int_equal(k->alpha.state, SP_STAT_TOO_FEW);
    assert_int_equal(k->sem.state, SP_STAT_TOO_FEW);
    assert_int_equal(sp_analysis_cohort(a)->dirs[INFRA].sd.state, SP_STAT_TOO_FEW);
    sp_analysis_free(a);
    sp_quiz_free(quiz);
}

static void a_finished_analysis_takes_no_more(void **state)
{
    (void)state;
    sp_quiz *quiz;
    sp_analysis *a = worked_example(&quiz, 2);
    sp_outcome out = {.ndirs = 2};
    assert_int_equal(sp_analysis_add(a, NULL, 0, &out), SP_EINVAL);
    sp_analysis_free(a);
    sp_analysis_free(NULL);
    sp_quiz_free(quiz);
}

/* With every item seen by everyone, the pairwise formula is Cronbach's alpha itself. */
static void complete_data_alpha_is_cronbachs(void **state)
{
    (void)state;
    /* three items, four people: classic alpha = k/(k-1) (1 - sum var_i / var_total) */
    static const double x[4][3] = {{1, 2, 2}, {2, 2, 3}, {3, 4, 3}, {4, 5, 5}};
    sp_moments item[3] = {{0}}, pair[3] = {{0}}, total = {0};
    for (int p = 0; p < 4; p++) {
        double t = 0;
        for (int i = 0; i < 3; i++) {
            sp_moments_add(&item[i], x[p][i], 0);
            t += x[p][i];
        }
        sp_moments_add(&pair[0], x[p][0], x[p][1]);
        sp_moments_add(&pair[1], x[p][0], x[p][2]);
        sp_moments_add(&pair[2], x[p][1], x[p][2]);
        sp_moments_add(&total, t, 0);
    }
    double v = 0, c = 0, sumvar = 0;
    for (int i = 0; i < 3; i++) {
        double sd = sp_moments_sd_x(&item[i]).value;
        v += sd * sd / 3;
        sumvar += sd * sd;
        c += (pair[i].sxy - pair[i].sx * pair[i].sy / 4) / 3 / 3;
    }
    double tsd = sp_moments_sd_x(&total).value;
    double classic = 1.5 * (1 - sumvar / (tsd * tsd));
    STAT(sp_alpha(3, v, c), classic);
    assert_int_equal(sp_alpha(1, v, c).state, SP_STAT_NONE);
    assert_int_equal(sp_alpha(2, 0, 0).state, SP_STAT_NO_VARIANCE);
}

static void moments_say_why_there_is_no_r(void **state)
{
    (void)state;
    sp_moments m = {0};
    assert_int_equal(sp_moments_r(&m).state, SP_STAT_TOO_FEW);
    sp_moments_add(&m, 1, 1);
    assert_int_equal(sp_moments_r(&m).state, SP_STAT_TOO_FEW);
    sp_moments_add(&m, 1, 2);
    assert_int_equal(sp_moments_r(&m).state, SP_STAT_NO_VARIANCE);
    sp_moments_add(&m, 2, 3);
    assert_int_equal(sp_moments_r(&m).state, SP_STAT_OK);
    assert_string_equal(sp_stat_state_name(SP_STAT_NO_VARIANCE), "no-variance");
    assert_string_equal(sp_flag_name(SP_FLAG_INEFFICIENT), "low-efficiency");
    assert_null(sp_flag_name(3));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(knowledge_items_match_moodle_definitions),
        cmocka_unit_test(interest_items_correlate_with_each_scale),
        cmocka_unit_test(zero_variance_gives_no_correlation),
        cmocka_unit_test(an_item_nobody_saw_has_no_figures),
        cmocka_unit_test(scales_use_pairwise_alpha),
        cmocka_unit_test(cohort_counts_the_outcomes),
        cmocka_unit_test(one_result_gives_means_but_no_spread),
        cmocka_unit_test(a_finished_analysis_takes_no_more),
        cmocka_unit_test(complete_data_alpha_is_cronbachs),
        cmocka_unit_test(moments_say_why_there_is_no_r),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
