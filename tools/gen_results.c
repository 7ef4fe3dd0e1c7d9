/* gen_results: writes N signed results of synthetic takers, for measuring `signpost analyze`
 * on large cohorts (docs/analyze.md, "Scale"). Each taker has a true direction (the quiz's
 * directions in turn) and an ability, and answers the form drawn for their seed: likert items
 * keyed for the true direction high, others middling, with noise; scenarios the option weighted
 * most for the true direction two times in three; knowledge items right with a probability
 * that grows with ability; 3 % skipped. The results are what `signpost take --answers --key`
 * writes, made in-process so that 100,000 take seconds, not hours.
 *
 *   gen_results [--adaptive] MANIFEST SECKEY N OUTDIR [SEED]
 *
 * With --adaptive every quiz is adaptive (take --adaptive): the rule of docs/scoring.md, section
 * 11, asks from the answers to the whole form until it stops, and one taker in four goes on for
 * two more items after the stop.
 *
 * SECKEY must be unencrypted (signpost keygen -W). Copyright (C) 2026 the signpost developers.
 * GPL-3.0-or-later. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score/rng.h"
#include "signpost/answers.h"
#include "signpost/result.h"
#include "signpost/verify.h"

static double gauss(sp_rng *rng)
{
    double u = sp_rng_unit(rng), v = sp_rng_unit(rng);
    return sqrt(-2 * log(u > 0 ? u : 1e-12)) * cos(6.283185307179586 * v);
}

static double key_for(const sp_question *q, int d)
{
    for (uint32_t k = 0; k < q->nkeys; k++)
        if (q->keys[k].dir_index == d)
            return q->keys[k].value;
    return 0;
}

static double option_weight(const sp_option *o, int d)
{
    for (uint32_t k = 0; k < o->nweights; k++)
        if (o->weights[k].dir_index == d)
            return o->weights[k].value;
    return 0;
}

/* A synthetic answer to the form item it by a taker of direction t and ability 0..2. */
static sp_answer answer(sp_rng *rng, const sp_form_item *it, int t, int ability)
{
    const sp_question *q = it->q;
    sp_answer a = {.state = SP_ANSWER_GIVEN};
    if (sp_rng_unit(rng) < 0.03) {
        a.state = SP_ANSWER_SKIP;
    } else if (q->kind == SP_KIND_LIKERT) {
        double w = key_for(q, t), v = (w != 0 ? 3 + 1.6 * w : 2.4) + 0.9 * gauss(rng);
        a.value = (uint8_t)(v < 1 ? 1 : v > 5 ? 5 : lround(v));
    } else if (q->kind == SP_KIND_CHOICE) {
        uint32_t best = 0;
        for (uint32_t o = 1; o < q->noptions; o++)
            if (option_weight(&q->options[o], t) > option_weight(&q->options[best], t))
                best = o;
        a.chosen = 1u << (sp_rng_unit(rng) < 0.67 ? best : sp_rng_below(rng, q->noptions));
    } else {
        double p = (ability == 0   ? 0.35
                    : ability == 1 ? 0.6
                                   : 0.85) +
                   (key_for(q, t) > 0 ? 0.1 : 0);
        uint32_t wrong[SP_MAX_OPTIONS], nwrong = 0;
        for (uint32_t o = 0; o < q->noptions; o++)
            if (!((q->answer >> o) & 1u))
                wrong[nwrong++] = o;
        a.chosen =
            sp_rng_unit(rng) < p || !nwrong ? q->answer : 1u << wrong[sp_rng_below(rng, nwrong)];
    }
    return a;
}

/* Signs body and writes the signed file. */
static int write_signed(const sp_seckey *key, const char *body, size_t len, const char *path)
{
    sp_result *r = NULL;
    char comment[SP_TRUSTED_COMMENT_MAX + 1], *block = NULL;
    size_t blen = 0;
    sp_diags *d = sp_diags_new();
    int err = d ? sp_result_parse(path, body, len, d, &r) : SP_ENOMEM;
    sp_diags_free(d);
    if (err == 0)
        err = sp_result_comment(r, comment, sizeof(comment));
    if (err == 0)
        err = sp_sign(key, body, len, comment, "", &block, &blen);
    sp_result_free(r);
    FILE *f = err == 0 ? fopen(path, "wb") : NULL;
    if (f) {
        fwrite(block, 1, blen, f);
        fwrite(body, 1, len, f);
        err = fclose(f) == 0 ? 0 : SP_EIO;
    } else if (err == 0) {
        err = SP_EIO;
    }
    free(block);
    return err;
}

/* Runs the adaptive rule over the answers to the whole form: resp becomes the items asked, in
 * order, and ad how the quiz ran. */
static int run_adaptive(const sp_quiz *quiz, const sp_form *form, sp_response *resp, size_t i,
                        sp_result_adaptive *ad)
{
    size_t n = sp_form_count(form), asked = 0, after = 0;
    sp_answer *full = calloc(n + 1, sizeof(*full));
    size_t *order = calloc(n + 1, sizeof(*order));
    int err = full && order ? 0 : SP_ENOMEM;
    for (size_t j = 0; err == 0 && j < n; j++)
        full[j] = resp[j].a;
    ad->bounds = sp_adaptive_bounds_for(sp_quiz_manifest(quiz), form);
    if (err == 0) /* go on past the stop: asks until the stop, then up to 14 items in all */
        err =
            sp_adaptive_run(sp_quiz_directions(quiz), &sp_quiz_manifest(quiz)->scoring, &ad->bounds,
                            form, full, i % 4 == 3 ? 14 : 0, order, &asked, &ad->stop, &after);
    if (err == 0 && i % 4 == 3 && asked < after + 2 && after + 2 <= n)
        err = sp_adaptive_run(sp_quiz_directions(quiz), &sp_quiz_manifest(quiz)->scoring,
                              &ad->bounds, form, full, after + 2, order, &asked, &ad->stop, &after);
    for (size_t j = 0; err == 0 && j < asked; j++)
        resp[j] = (sp_response){sp_form_item_at(form, order[j])->q, full[order[j]]};
    ad->after = (uint32_t)after;
    ad->asked = (uint32_t)asked;
    free(full);
    free(order);
    return err;
}

static bool adaptive_mode;

static int one_result(const sp_quiz *quiz, const sp_seckey *key, uint64_t seed, size_t i,
                      const char *path)
{
    sp_form *form = NULL;
    int err = sp_form_draw(quiz, seed, &form);
    if (err)
        return err;
    sp_rng rng;
    sp_rng_seed(&rng, seed ^ 0x9e3779b97f4a7c15u);
    int ndirs = (int)sp_quiz_directions(quiz)->count;
    int t = (int)(i % (size_t)ndirs), ability = (int)((i / (size_t)ndirs) % 3);
    size_t n = sp_form_count(form);
    sp_response *resp = calloc(n ? n : 1, sizeof(*resp));
    sp_outcome out;
    char *body = NULL;
    size_t len = 0;
    for (size_t j = 0; resp && j < n; j++) {
        resp[j].q = sp_form_item_at(form, j)->q;
        resp[j].a = answer(&rng, sp_form_item_at(form, j), t, ability);
    }
    sp_result_meta meta = {.lang = "en", .started = 1795000000, .finished = 1795000600};
    sp_result_adaptive ad = {0};
    err = resp ? 0 : SP_ENOMEM;
    if (err == 0 && adaptive_mode) {
        err = run_adaptive(quiz, form, resp, i, &ad);
        meta.adaptive = &ad;
        n = ad.asked;
    }
    if (err == 0)
        err = sp_score(sp_quiz_directions(quiz), &sp_quiz_manifest(quiz)->scoring, resp, n, &out);
    if (err == 0)
        err = sp_result_format(quiz, form, resp, &out, &meta, &body, &len);
    if (err == 0)
        err = write_signed(key, body, len, path);
    free(body);
    free(resp);
    sp_form_free(form);
    return err;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--adaptive") == 0) {
        adaptive_mode = true;
        argv++;
        argc--;
    }
    if (argc < 5 || argc > 6) {
        fprintf(stderr, "usage: gen_results [--adaptive] MANIFEST SECKEY N OUTDIR [SEED]\n");
        return 2;
    }
    size_t n = strtoull(argv[3], NULL, 10);
    uint64_t seed = argc == 6 ? strtoull(argv[5], NULL, 10) : 1;
    sp_quiz *quiz = NULL;
    sp_seckey *key = NULL;
    sp_diags *d = sp_diags_new();
    if (!d || sp_init() != 0 || sp_quiz_load(argv[1], d, &quiz) != 0 ||
        sp_seckey_load(argv[2], d, &key) != 0 || sp_seckey_locked(key)) {
        fprintf(stderr, "gen_results: cannot load the quiz or the (unencrypted) key\n");
        return 1;
    }
    int err = 0;
    for (size_t i = 0; err == 0 && i < n; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/r%07zu.signpost", argv[4], i);
        err = one_result(quiz, key, seed * 1000003u + i, i, path);
        if (err)
            fprintf(stderr, "gen_results: result %zu: %s\n", i, sp_strerror(err));
    }
    sp_seckey_free(key);
    sp_quiz_free(quiz);
    sp_diags_free(d);
    return err ? 1 : 0;
}
