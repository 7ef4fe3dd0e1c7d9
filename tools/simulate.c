/* simulate: synthetic takers answer a quiz; how often does signpost recover their direction?
 *
 * Each taker has a true profile — a latent interest in every direction, an ability per
 * direction that grows with interest, and a noise level — and answers the items of a form
 * through a response model (docs/scoring.md, "Simulation", documents them). The answers go
 * through the engine exactly as in batch mode: an answer file's text is parsed, applied to
 * the form drawn for the taker's seed, and scored. The tool reports top-1 and top-2 recovery of
 * the true direction, recovery per direction, the confusion matrix, near-tie and flat rates,
 * and recovery against the number of items drawn per bank, as text, CSV and an SVG plot.
 *
 * Usage: simulate --quiz MANIFEST [--takers N] [--seed S]
 *                 [--model linear|ideal|graded|acquiescent]
 *                 [--noise low|medium|high|mixed] [--weight A] [--weights A,B,...]
 *                 [--sweep] [--csv FILE] [--svg FILE] [--flat-share F] [--ability-link L]
 *                 [--calibrate] [--dump FILE]
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score/rng.h"
#include "signpost/adaptive.h"
#include "signpost/answers.h"
#include "signpost/form.h"
#include "signpost/load.h"
#include "signpost/score.h"
#include "base/util.h"

enum model { MODEL_LINEAR, MODEL_IDEAL, MODEL_GRADED, MODEL_ACQUIESCENT, MODEL_COUNT };
enum noise { NOISE_LOW, NOISE_MEDIUM, NOISE_HIGH, NOISE_MIXED };

static const char *const model_names[] = {"linear", "ideal", "graded", "acquiescent"};
static const char *const noise_names[] = {"low", "medium", "high", "mixed"};

/* Likert noise (standard deviation on the 1..5 scale) and choice noise (Gumbel scale). */
static const double likert_sigma[] = {0.5, 0.9, 1.4};
static const double choice_tau[] = {0.25, 0.5, 0.9};

typedef struct options {
    const char *quiz;
    int takers;
    uint64_t seed;
    enum model model;
    enum noise noise;
    double weight; /* interest_weight; <0 means the quiz's */
    const char *weights;
    bool sweep;
    const char *csv;
    const char *svg;
    const char *dump;         /* per-taker CSV, for studying the model */
    bool calibrate;           /* print tables for choosing the near-tie and flat thresholds */
    double flat_share;        /* share of takers with no true direction */
    double ability_link;      /* how strongly ability follows interest */
    bool ties;                /* --ties: two forms per taker, one and two true peaks */
    const char *margins;      /* --margins: the near_tie margins --ties tries */
    const char *confidences;  /* --confidences: the near_tie_confidence values --ties tries */
    bool adaptive;            /* --adaptive: the adaptive rule against the full form */
    int min_items, max_items; /* --min-items, --max-items: its bounds (0: the defaults) */
    double twin_share;        /* --twin-share: share of takers with two equal peaks */
    double confidence;        /* --confidence: the stopping confidence (0: the quiz's) */
    bool whole_banks;         /* --whole-banks: choose from every item of the banks, budget 48 */
    bool clear; /* --clear: near ties of one-peak takers with a long-form lead >= 0.3 */
    double
        tie_confidence; /* --tie-confidence: near_tie_confidence for --adaptive (0: the quiz's) */
} options;

typedef struct taker {
    int truth;                         /* -1 for a taker with a flat profile */
    int noise;                         /* NOISE_LOW..NOISE_HIGH */
    double theta[SP_MAX_DIRECTIONS];   /* latent interest */
    double ability[SP_MAX_DIRECTIONS]; /* 0..1 */
    double acquiescence;               /* added to every likert answer */
    double extremity;                  /* stretches likert answers away from the middle */
} taker;

/* The tallies of one run. */
typedef struct stats {
    int n;           /* takers with a true direction */
    int nflat;       /* takers with a flat profile */
    int flat_caught; /* flat takers reported flat */
    int top1, top2, near_tie, flat;
    int confident, confident_hit; /* neither near tie nor flat, and right */
    int tied, tied_hit;           /* near tie, and the truth among the named directions */
    int by_truth[SP_MAX_DIRECTIONS], hit_by_truth[SP_MAX_DIRECTIONS];
    int confusion[SP_MAX_DIRECTIONS][SP_MAX_DIRECTIONS + 1]; /* last column: no primary */
    int by_noise[3], hit_by_noise[3];
    double items; /* mean items per form */
    /* For --calibrate: per taker, the gap between the top two fits and the range of fits. */
    sp_vec gaps; /* calib */
} stats;

typedef struct calib {
    double gap, range;
    bool hit, flat_taker;
} calib;

/* ---- Random draws ------------------------------------------------------------------------ */

static double normal(sp_rng *r)
{
    double u = sp_rng_unit(r), v = sp_rng_unit(r);
    return sqrt(-2 * log(u + 1e-300)) * cos(2 * M_PI * v);
}

static double uniform(sp_rng *r, double lo, double hi)
{
    return lo + (hi - lo) * sp_rng_unit(r);
}

static double gumbel(sp_rng *r)
{
    return -log(-log(sp_rng_unit(r) + 1e-300) + 1e-300);
}

static double sigmoid(double x)
{
    return 1 / (1 + exp(-x));
}

/* ---- Takers ------------------------------------------------------------------------------ */

/* The true direction gets the highest latent interest; every other direction lies at least
 * 0.3 below it, and often much further. Ability follows interest (people learn what they
 * like) plus a general ability and noise. */
static void make_taker(sp_rng *r, int index, int ndirs, const options *o, taker *t)
{
    memset(t, 0, sizeof(*t));
    t->truth = index % ndirs;
    t->noise = o->noise == NOISE_MIXED ? (int)sp_rng_below(r, 3) : (int)o->noise;
    double top = uniform(r, 0.5, 1.2);
    for (int d = 0; d < ndirs; d++)
        t->theta[d] = d == t->truth ? top : top - uniform(r, 0.3, 1.8);
    if (sp_rng_unit(r) < o->flat_share) {
        /* No direction stands out: every interest within 0.1 of a common level. */
        t->truth = -1;
        double level = uniform(r, -0.6, 0.9);
        for (int d = 0; d < ndirs; d++)
            t->theta[d] = level + uniform(r, -0.1, 0.1);
    }
    double general = 0.7 * normal(r);
    for (int d = 0; d < ndirs; d++)
        t->ability[d] = sigmoid(o->ability_link * t->theta[d] + general + 0.5 * normal(r));
    if (o->model == MODEL_ACQUIESCENT) {
        t->acquiescence = uniform(r, 0, 1.0);
        t->extremity = uniform(r, 0.6, 1.6);
    }
}

/* ---- Response models --------------------------------------------------------------------- */

/* Per-item parameters of the graded model, fixed for an item across takers: derived from a
 * hash of its id, so that every taker meets the same item. */
static void item_params(const sp_question *q, double *bias, double *slope)
{
    uint64_t h = sp_fnv1a(SP_FNV_OFFSET, q->id, strlen(q->id));
    sp_rng r;
    sp_rng_seed(&r, h);
    *bias = 0.5 * normal(&r);
    *slope = uniform(&r, 0.5, 1.6);
}

/* Agreement with a likert item in -1..1 before noise.
 * linear: the key-weighted interest; ideal: an unfolding model in which a statement sits at a
 * moderate point (+0.4 keyed, -0.4 reverse-keyed) and agreement falls with the distance to it,
 * so that very keen takers agree less with mild statements; graded: a logistic curve with an
 * item-specific bias (some statements please everyone) and slope (some discriminate poorly). */
static double agreement(const taker *t, const sp_question *q, enum model m)
{
    double sum = 0, norm = 0;
    for (uint32_t k = 0; k < q->nkeys; k++) {
        int d = q->keys[k].dir_index;
        double w = q->keys[k].value;
        if (m == MODEL_IDEAL) {
            double target = w > 0 ? 0.4 : -0.4;
            sum += fabs(w) * (1 - 1.5 * fabs(target - t->theta[d]));
        } else {
            sum += w * t->theta[d];
        }
        norm += fabs(w);
    }
    double s = norm > 0 ? sum / norm : 0;
    if (m == MODEL_GRADED) {
        double bias, slope;
        item_params(q, &bias, &slope);
        s = tanh(slope * 1.5 * s + bias);
    }
    return s < -1 ? -1 : s > 1 ? 1 : s;
}

static int answer_likert(sp_rng *r, const taker *t, const sp_question *q, enum model m)
{
    double x = 2 * agreement(t, q, m);
    if (m == MODEL_ACQUIESCENT)
        x = x * t->extremity + t->acquiescence;
    double v = 3 + x + likert_sigma[t->noise] * normal(r);
    int a = (int)lround(v);
    return a < 1 ? 1 : a > 5 ? 5 : a;
}

/* Multinomial logit over option utilities: sum of weight times interest. */
static uint32_t answer_choice(sp_rng *r, const taker *t, const sp_question *q)
{
    uint32_t best = 0;
    double best_u = -1e300;
    for (uint32_t o = 0; o < q->noptions; o++) {
        double u = 0;
        for (uint32_t k = 0; k < q->options[o].nweights; k++)
            u += q->options[o].weights[k].value * t->theta[q->options[o].weights[k].dir_index] / 2;
        u += choice_tau[t->noise] * gumbel(r);
        if (u > best_u) {
            best_u = u;
            best = o;
        }
    }
    return 1u << best;
}

/* The taker knows the answer with a probability that rises with ability against the item's
 * difficulty; otherwise guesses as many options as are correct. */
static uint32_t answer_knowledge(sp_rng *r, const taker *t, const sp_question *q)
{
    static const double difficulty[] = {0.35, 0.5, 0.65, 0.8};
    double ability = 0, norm = 0;
    for (uint32_t k = 0; k < q->nkeys; k++) {
        ability += q->keys[k].value * t->ability[q->keys[k].dir_index];
        norm += q->keys[k].value;
    }
    ability = norm > 0 ? ability / norm : 0.5;
    int level = q->level >= 1 && q->level <= 4 ? q->level : 2;
    if (sp_rng_unit(r) < sigmoid(8 * (ability - difficulty[level - 1])))
        return q->answer;
    int want = 0;
    for (uint32_t a = q->answer; a; a &= a - 1)
        want++;
    uint32_t chosen = 0;
    for (int got = 0; got < want;) {
        uint32_t bit = 1u << sp_rng_below(r, q->noptions);
        if (!(chosen & bit)) {
            chosen |= bit;
            got++;
        }
    }
    return chosen;
}

/* Appends one answer line to the answer file being written. */
static void write_answer(sp_buf *b, sp_rng *r, const taker *t, const sp_question *q, enum model m)
{
    if (sp_rng_unit(r) < 0.02) {
        sp_buf_printf(b, "%s: skip\n", q->id);
        return;
    }
    sp_answer a = {.state = SP_ANSWER_GIVEN};
    if (q->kind == SP_KIND_LIKERT)
        a.value = (uint8_t)answer_likert(r, t, q, m);
    else if (q->kind == SP_KIND_CHOICE)
        a.chosen = answer_choice(r, t, q);
    else
        a.chosen = answer_knowledge(r, t, q);
    char text[256];
    sp_answer_format(q, &a, text, sizeof(text));
    sp_buf_printf(b, "%s: %s\n", q->id, text);
}

/* ---- One taker through the engine -------------------------------------------------------- */

/* A taker's answers to a form, as batch mode reads them: form, answer file text, parse,
 * apply. *resp gets a malloc'd array of *items responses. */
static int answer_form(const sp_quiz *quiz, const sp_draw *draws, uint64_t seed, sp_rng *r,
                       const taker *t, enum model m, sp_response **resp, size_t *items)
{
    sp_form *form = NULL;
    int rc = sp_form_draw_counts(quiz, seed, draws, &form);
    if (rc)
        return rc;
    sp_buf text = {0};
    for (size_t i = 0; i < sp_form_count(form); i++)
        write_answer(&text, r, t, sp_form_item_at(form, i)->q, m);
    sp_diags *diags = sp_diags_new();
    sp_answers *ans = NULL;
    *resp = calloc(sp_form_count(form) + 1, sizeof(**resp));
    rc = !diags || !*resp || text.failed
             ? SP_ENOMEM
             : sp_answers_parse("sim", sp_buf_str(&text), text.len, diags, &ans);
    if (rc == 0)
        rc = sp_answers_apply(ans, form, SP_MISSING_ERROR, diags, *resp);
    *items = sp_form_count(form);
    sp_answers_free(ans);
    sp_diags_free(diags);
    sp_buf_free(&text);
    sp_form_free(form);
    if (rc) {
        free(*resp);
        *resp = NULL;
    }
    return rc;
}

/* Scores a taker as batch mode does. */
static int run_taker(const sp_quiz *quiz, const sp_draw *draws, const sp_scoring *params,
                     uint64_t seed, sp_rng *r, const taker *t, enum model m, sp_outcome *out,
                     size_t *items)
{
    sp_response *resp = NULL;
    int rc = answer_form(quiz, draws, seed, r, t, m, &resp, items);
    if (rc == 0)
        rc = sp_score(sp_quiz_directions(quiz), params, resp, *items, out);
    free(resp);
    return rc;
}

/* True when d is the primary direction or one of those named in a near tie. */
static bool named(const sp_outcome *o, int d)
{
    if (o->primary == d)
        return true;
    for (uint32_t i = 0; i < o->nnear_tie; i++)
        if (o->near_tie[i] == d)
            return true;
    return false;
}

static void record_calibration(stats *s, const taker *t, const sp_outcome *o)
{
    calib *c = sp_vec_push(&s->gaps, sizeof(*c));
    if (!c || o->nranked < 2)
        return;
    double top = o->scores[o->ranking[0]].fit;
    c->gap = top - o->scores[o->ranking[1]].fit;
    c->range = top - o->scores[o->ranking[o->nranked - 1]].fit;
    c->hit = o->primary == t->truth;
    c->flat_taker = t->truth < 0;
}

static void tally(stats *s, const taker *t, const sp_outcome *o, size_t items)
{
    record_calibration(s, t, o);
    if (t->truth < 0) {
        s->nflat++;
        s->flat_caught += o->flat != SP_FLAT_NO;
        return;
    }
    s->n++;
    s->items += (double)items;
    s->by_truth[t->truth]++;
    s->by_noise[t->noise]++;
    bool hit = o->primary == t->truth;
    s->top1 += hit;
    s->hit_by_truth[t->truth] += hit;
    s->hit_by_noise[t->noise] += hit;
    s->top2 += hit || (o->nranked > 1 && o->ranking[1] == t->truth);
    s->near_tie += o->nnear_tie > 0;
    s->flat += o->flat != SP_FLAT_NO;
    if (o->flat == SP_FLAT_NO && o->nnear_tie == 0) {
        s->confident++;
        s->confident_hit += hit;
    } else if (o->flat == SP_FLAT_NO) {
        s->tied++;
        s->tied_hit += named(o, t->truth);
    }
    int col = o->primary >= 0 ? o->primary : SP_MAX_DIRECTIONS;
    s->confusion[t->truth][col]++;
}

/* One line per taker: truth, primary, flat verdict and the fits best first. */
static void dump_taker(FILE *f, const taker *t, const sp_outcome *o)
{
    fprintf(f, "%d,%d,%d", t->truth, o->primary, (int)o->flat);
    for (uint32_t i = 0; i < o->nranked; i++)
        fprintf(f, ",%.6f", o->scores[o->ranking[i]].fit);
    fprintf(f, "\n");
}

/* Frees what a run collected. */
static void stats_free(stats *s)
{
    sp_vec_free(&s->gaps);
}

static int run(const sp_quiz *quiz, const options *o, const sp_draw *draws, double weight, stats *s)
{
    FILE *dump = o->dump && !draws && weight == o->weight ? fopen(o->dump, "w") : NULL;
    stats_free(s);
    memset(s, 0, sizeof(*s));
    sp_scoring params = sp_quiz_manifest(quiz)->scoring;
    if (weight >= 0)
        params.interest_weight = weight;
    int ndirs = (int)sp_quiz_directions(quiz)->count;
    sp_rng rng;
    sp_rng_seed(&rng, o->seed);
    int rc = 0;
    for (int i = 0; i < o->takers; i++) {
        taker t;
        make_taker(&rng, i, ndirs, o, &t);
        sp_outcome out;
        size_t items;
        rc = run_taker(quiz, draws, &params, o->seed * 1000003u + (uint64_t)i, &rng, &t, o->model,
                       &out, &items);
        if (rc)
            break;
        tally(s, &t, &out, items);
        if (dump)
            dump_taker(dump, &t, &out);
    }
    if (dump)
        fclose(dump);
    if (s->n)
        s->items /= s->n;
    return rc;
}

/* ---- Reports ----------------------------------------------------------------------------- */

static double pct(int a, int b)
{
    return b ? 100.0 * a / b : 0;
}

static void print_summary(const sp_quiz *quiz, const options *o, const stats *s, FILE *csv)
{
    const sp_directions *dirs = sp_quiz_directions(quiz);
    printf("quiz %s, %d takers, response model %s, noise %s, %.1f items per form\n\n",
           sp_quiz_manifest(quiz)->id, s->n, model_names[o->model], noise_names[o->noise],
           s->items);
    printf("top-1 recovery   %5.1f %%\ntop-2 recovery   %5.1f %%\nnear-tie rate    %5.1f %%\n"
           "flat rate        %5.1f %%   (takers with a true direction called flat)\n",
           pct(s->top1, s->n), pct(s->top2, s->n), pct(s->near_tie, s->n), pct(s->flat, s->n));
    printf("when confident   %5.1f %% right  (%.1f %% of takers: no near tie, not flat)\n"
           "when near tie    %5.1f %% have the true direction among those named\n",
           pct(s->confident_hit, s->confident), pct(s->confident, s->n), pct(s->tied_hit, s->tied));
    if (s->nflat)
        printf("flat profiles    %5.1f %% recognised as flat  (%d takers with no true "
               "direction)\n",
               pct(s->flat_caught, s->nflat), s->nflat);
    printf("\n");
    if (csv)
        fprintf(csv,
                "metric,key,value\ntop1,all,%.4f\ntop2,all,%.4f\nnear_tie,all,%.4f\n"
                "flat,all,%.4f\nitems,all,%.2f\nconfident_top1,all,%.4f\n"
                "near_tie_contains_truth,all,%.4f\nflat_recognised,all,%.4f\n",
                pct(s->top1, s->n) / 100, pct(s->top2, s->n) / 100, pct(s->near_tie, s->n) / 100,
                pct(s->flat, s->n) / 100, s->items, pct(s->confident_hit, s->confident) / 100,
                pct(s->tied_hit, s->tied) / 100, pct(s->flat_caught, s->nflat) / 100);
    printf("recovery by true direction:\n");
    for (uint32_t d = 0; d < dirs->count; d++) {
        printf("  %-12s %5.1f %%  (%d takers)\n", dirs->items[d].id,
               pct(s->hit_by_truth[d], s->by_truth[d]), s->by_truth[d]);
        if (csv)
            fprintf(csv, "top1_by_direction,%s,%.4f\n", dirs->items[d].id,
                    pct(s->hit_by_truth[d], s->by_truth[d]) / 100);
    }
    if (o->noise == NOISE_MIXED) {
        printf("recovery by noise level:\n");
        for (int k = 0; k < 3; k++) {
            printf("  %-12s %5.1f %%\n", noise_names[k], pct(s->hit_by_noise[k], s->by_noise[k]));
            if (csv)
                fprintf(csv, "top1_by_noise,%s,%.4f\n", noise_names[k],
                        pct(s->hit_by_noise[k], s->by_noise[k]) / 100);
        }
    }
}

static void print_confusion(const sp_quiz *quiz, const stats *s, FILE *csv)
{
    const sp_directions *dirs = sp_quiz_directions(quiz);
    printf("\nconfusion (rows: true direction, columns: recommended, %% of the row):\n%-12s", "");
    for (uint32_t d = 0; d < dirs->count; d++)
        printf(" %10.10s", dirs->items[d].id);
    printf("\n");
    for (uint32_t t = 0; t < dirs->count; t++) {
        printf("%-12s", dirs->items[t].id);
        for (uint32_t d = 0; d < dirs->count; d++) {
            printf(" %9.1f%%", pct(s->confusion[t][d], s->by_truth[t]));
            if (csv)
                fprintf(csv, "confusion,%s>%s,%.4f\n", dirs->items[t].id, dirs->items[d].id,
                        pct(s->confusion[t][d], s->by_truth[t]) / 100);
        }
        printf("\n");
    }
}

/* ---- Choosing thresholds ----------------------------------------------------------------- */

/* How a near-tie margin and a flat threshold would behave, whatever the quiz's own values. */
static void print_calibration(const stats *s)
{
    static const double margins[] = {0.03, 0.05, 0.07, 0.10};
    static const double flats[] = {0.20, 0.25, 0.30, 0.35, 0.40};
    const calib *c = s->gaps.data;
    printf("\nnear-tie margin (takers with a true direction):\n  margin  flagged  right "
           "among the rest\n");
    for (size_t m = 0; m < SP_ARRAY_LEN(margins); m++) {
        int clear = 0, flagged = 0, rest_hit = 0;
        for (size_t i = 0; i < s->gaps.len; i++) {
            if (c[i].flat_taker)
                continue;
            clear++;
            if (c[i].gap <= margins[m])
                flagged++;
            else
                rest_hit += c[i].hit;
        }
        printf("  %6.2f  %6.1f%%  %6.1f%%\n", margins[m], pct(flagged, clear),
               pct(rest_hit, clear - flagged));
    }
    printf("flat threshold on the range of fits:\n  threshold  flat takers caught  false "
           "alarms\n");
    for (size_t f = 0; f < SP_ARRAY_LEN(flats); f++) {
        int nf = 0, caught = 0, nc = 0, false_alarm = 0;
        for (size_t i = 0; i < s->gaps.len; i++) {
            bool below = c[i].range < flats[f];
            if (c[i].flat_taker) {
                nf++;
                caught += below;
            } else {
                nc++;
                false_alarm += below;
            }
        }
        printf("  %9.2f  %17.1f%%  %11.1f%%\n", flats[f], pct(caught, nf), pct(false_alarm, nc));
    }
}

/* ---- The sweep over quiz length ---------------------------------------------------------- */

#define SWEEP_STEPS 8

typedef struct sweep_point {
    double items;
    double top1, top2, near_tie, flat;
} sweep_point;

/* Step k draws k likert, ceil(2k/3) scenarios and k knowledge items from every bank. */
static void sweep_draws(const sp_quiz *quiz, int k, sp_draw *draws)
{
    for (size_t b = 0; b < sp_quiz_bank_count(quiz); b++) {
        draws[b].count[SP_KIND_LIKERT] = k;
        draws[b].count[SP_KIND_CHOICE] = (2 * k + 2) / 3;
        draws[b].count[SP_KIND_KNOWLEDGE] = k;
    }
}

static int run_sweep(const sp_quiz *quiz, const options *o, sweep_point *pts, FILE *csv)
{
    sp_draw draws[SP_LIMIT_BANKS];
    printf("\nrecovery against quiz length (items drawn per bank: k likert, ceil(2k/3) "
           "scenarios, k knowledge):\n   k  items  top-1  top-2  near-tie  flat\n");
    for (int k = 1; k <= SWEEP_STEPS; k++) {
        sweep_draws(quiz, k, draws);
        stats s = {0};
        int rc = run(quiz, o, draws, o->weight, &s);
        stats_free(&s);
        if (rc)
            return rc;
        pts[k - 1] = (sweep_point){s.items, pct(s.top1, s.n), pct(s.top2, s.n),
                                   pct(s.near_tie, s.n), pct(s.flat, s.n)};
        printf("%4d %6.1f %5.1f%% %5.1f%% %8.1f%% %4.1f%%\n", k, s.items, pts[k - 1].top1,
               pts[k - 1].top2, pts[k - 1].near_tie, pts[k - 1].flat);
        if (csv)
            fprintf(csv, "sweep_top1,%.1f,%.4f\nsweep_top2,%.1f,%.4f\n", s.items,
                    pts[k - 1].top1 / 100, s.items, pts[k - 1].top2 / 100);
    }
    return 0;
}

/* The plot's y coordinate of a percentage: 0 % at 330, 100 % at 50. */
static double plot_y(double percent)
{
    return 330 - 2.8 * percent;
}

static void svg_polyline(FILE *f, const sweep_point *p, int n, bool top2, const char *color,
                         double xmax)
{
    fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", color);
    for (int i = 0; i < n; i++) {
        double v = top2 ? p[i].top2 : p[i].top1;
        fprintf(f, "%.1f,%.1f ", 60 + 500 * p[i].items / xmax, plot_y(v));
    }
    fprintf(f, "\"/>\n");
    for (int i = 0; i < n; i++) {
        double v = top2 ? p[i].top2 : p[i].top1;
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n",
                60 + 500 * p[i].items / xmax, plot_y(v), color);
    }
}

static int write_svg(const char *path, const sp_quiz *quiz, const options *o, const sweep_point *p,
                     int n)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return SP_EIO;
    double xmax = p[n - 1].items * 1.05;
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"380\" "
            "font-family=\"sans-serif\" font-size=\"12\">\n"
            "<rect width=\"600\" height=\"380\" fill=\"white\"/>\n"
            "<text x=\"310\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">Recovery of "
            "the true direction against quiz length</text>\n"
            "<text x=\"310\" y=\"34\" text-anchor=\"middle\" fill=\"#555\">quiz %s, %s "
            "response model, %s noise, %d takers</text>\n",
            sp_quiz_manifest(quiz)->id, model_names[o->model], noise_names[o->noise], o->takers);
    for (int y = 0; y <= 100; y += 20)
        fprintf(f,
                "<line x1=\"60\" x2=\"560\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                "<text x=\"52\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>\n",
                plot_y(y), plot_y(y), plot_y(y) + 4, y);
    for (int i = 0; i < n; i++)
        fprintf(f, "<text x=\"%.1f\" y=\"348\" text-anchor=\"middle\">%.0f</text>\n",
                60 + 500 * p[i].items / xmax, p[i].items);
    fprintf(f, "<text x=\"310\" y=\"370\" text-anchor=\"middle\">items in the quiz</text>\n"
               "<line x1=\"60\" x2=\"560\" y1=\"330\" y2=\"330\" stroke=\"black\"/>\n"
               "<line x1=\"60\" x2=\"60\" y1=\"50\" y2=\"330\" stroke=\"black\"/>\n");
    svg_polyline(f, p, n, false, "#1f77b4", xmax);
    svg_polyline(f, p, n, true, "#ff7f0e", xmax);
    fprintf(f, "<text x=\"470\" y=\"300\" fill=\"#1f77b4\">top-1</text>\n"
               "<text x=\"470\" y=\"316\" fill=\"#ff7f0e\">top-2</text>\n</svg>\n");
    return fclose(f) == 0 ? 0 : SP_EIO;
}

/* ---- Weights ----------------------------------------------------------------------------- */

static int run_weights(const sp_quiz *quiz, const options *o, FILE *csv)
{
    printf("\nrecovery against the interest weight a:\n     a  top-1  top-2  near-tie  "
           "flat  flat-caught\n");
    char *list = strdup(o->weights);
    if (!list)
        return SP_ENOMEM;
    int rc = 0;
    for (char *tok = strtok(list, ","); tok && !rc; tok = strtok(NULL, ",")) {
        double a = atof(tok);
        stats s = {0};
        rc = run(quiz, o, NULL, a, &s);
        stats_free(&s);
        if (rc)
            break;
        printf("%6.2f %5.1f%% %5.1f%% %8.1f%% %4.1f%% %10.1f%%\n", a, pct(s.top1, s.n),
               pct(s.top2, s.n), pct(s.near_tie, s.n), pct(s.flat, s.n),
               pct(s.flat_caught, s.nflat));
        if (csv)
            fprintf(csv, "weight_top1,%.2f,%.4f\n", a, pct(s.top1, s.n) / 100);
    }
    free(list);
    return rc;
}

/* ---- Near ties across two forms (--ties) ---------------------------------------------------- */

/* A taker between two directions: two true peaks of equal interest, the others lower as for
 * any taker. truth is the first peak, *second the other. */
static void make_twin(sp_rng *r, int index, int ndirs, const options *o, taker *t, int *second)
{
    options one = *o;
    one.flat_share = 0;
    make_taker(r, index, ndirs, &one, t);
    *second = (t->truth + 1 + (int)sp_rng_below(r, (uint32_t)ndirs - 1)) % ndirs;
    t->theta[*second] = t->theta[t->truth];
    double general = 0.7 * normal(r);
    for (int d = 0; d < ndirs; d++)
        t->ability[d] = sigmoid(o->ability_link * t->theta[d] + general + 0.5 * normal(r));
}

/* What one setting of the near-tie rule gives on the same takers and answers. */
typedef struct tie_stats {
    int single, single_tied;     /* one-peak results, and those with a near tie */
    int twins, twin_agree;       /* two-peak takers, and those whose two forms agree */
    int twin_split, split_named; /* ... whose forms disagree, and both name the other */
    int twin_tied;               /* two-peak results with a near tie */
    double settle_sum;           /* of the questions said to settle a tie */
    int settle_n;
    int by_gap[4], tied_by_gap[4]; /* one-peak results by the true lead in interest */
    int confident, reversed; /* results without a near tie, and those the other form reverses */
} tie_stats;

/* The bins of the one-peak takers' true lead: how far the second interest lies below the
 * first. */
static const double lead_bins[] = {0, 0.1, 0.2, 0.3};

static int lead_bin(double lead)
{
    int b = 0;
    while (b + 1 < 4 && lead >= lead_bins[b + 1])
        b++;
    return b;
}

static bool in_near_tie(const sp_outcome *o, int d)
{
    for (uint32_t i = 0; i < o->nnear_tie; i++)
        if (o->near_tie[i] == d)
            return true;
    return false;
}

static void tie_count(tie_stats *s, const sp_outcome *a, const sp_outcome *b, bool twin,
                      double lead)
{
    const sp_outcome *both[] = {a, b};
    for (int k = 0; k < 2; k++) {
        bool tied = both[k]->nnear_tie > 0;
        if (twin) {
            s->twin_tied += tied;
        } else {
            s->single_tied += tied;
            s->single++;
            s->by_gap[lead_bin(lead)]++;
            s->tied_by_gap[lead_bin(lead)] += tied;
        }
        if (tied && both[k]->settle > 0 && both[k]->settle < SP_SETTLE_MAX) {
            s->settle_sum += both[k]->settle;
            s->settle_n++;
        }
    }
    for (int k = 0; k < 2; k++) {
        if (both[k]->nnear_tie == 0 && both[k]->flat == SP_FLAT_NO) {
            s->confident++;
            s->reversed += both[k]->primary != both[1 - k]->primary;
        }
    }
    if (!twin)
        return;
    s->twins++;
    if (a->primary == b->primary) {
        s->twin_agree++;
        return;
    }
    s->twin_split++;
    s->split_named += in_near_tie(a, b->primary) && in_near_tie(b, a->primary);
}

/* ---- The adaptive rule against the full form (--adaptive) ----------------------------------- */

typedef struct ad_stats {
    int n, full_top1, ad_top1, agree, ad_tied, full_tied;
    int stops[SP_STOP_COUNT];
    int lengths[1200]; /* histogram of items asked */
    double items;
    int twins, twin_split, split_named, twin_budget, twin_tied, twin_settled, twin_any_tied;
    int clear, clear_tied, clear_full_tied; /* one-peak takers whose long-form lead is >= 0.3 */
    int twin_lengths[1200];                 /* histogram of items asked, two-peak results */
    double twin_items;
    int twin_stops[SP_STOP_COUNT];
    int twin_confident, twin_reversed; /* two-peak results without a near tie, and those the other
                                          form reverses */
} ad_stats;

/* One taker's full form and the adaptive run over the same answers; *ad gets the outcome of the
 * items the rule asked. */
static int adaptive_taker(const sp_quiz *quiz, const options *o, uint64_t seed, sp_rng *r,
                          const taker *t, sp_outcome *full, sp_outcome *ad, size_t *len,
                          sp_stop *stop)
{
    sp_response *resp = NULL;
    size_t items = 0;
    sp_draw all[SP_LIMIT_BANKS];
    for (int i = 0; i < SP_LIMIT_BANKS; i++)
        all[i] = (sp_draw){{SP_DRAW_ALL, SP_DRAW_ALL, SP_DRAW_ALL}};
    const sp_draw *draws = o->whole_banks ? all : NULL;
    int rc = answer_form(quiz, draws, seed, r, t, o->model, &resp, &items);
    sp_form *form = NULL;
    if (rc == 0)
        rc =
            draws ? sp_form_draw_counts(quiz, seed, draws, &form) : sp_form_draw(quiz, seed, &form);
    sp_scoring tie_scoring = sp_quiz_manifest(quiz)->scoring;
    if (o->tie_confidence > 0)
        tie_scoring.near_tie_confidence = o->tie_confidence;
    const sp_scoring *p = &tie_scoring;
    const sp_directions *dirs = sp_quiz_directions(quiz);
    sp_answer *ans = calloc(items + 1, sizeof(*ans));
    size_t *order = calloc(items + 1, sizeof(*order));
    sp_response *asked = calloc(items + 1, sizeof(*asked));
    if (rc == 0 && (!ans || !order || !asked))
        rc = SP_ENOMEM;
    if (rc == 0 && draws) {
        /* The full 48-item form of the same taker, for comparison. */
        sp_response *fr = NULL;
        size_t fitems = 0;
        sp_rng copy = *r;
        rc = answer_form(quiz, NULL, seed, &copy, t, o->model, &fr, &fitems);
        if (rc == 0)
            rc = sp_score(dirs, p, fr, fitems, full);
        free(fr);
    } else if (rc == 0)
        rc = sp_score(dirs, p, resp, items, full);
    size_t n = 0, after = 0;
    if (rc == 0) {
        for (size_t i = 0; i < items; i++)
            ans[i] = resp[i].a;
        sp_adaptive_bounds b = sp_adaptive_bounds_for(sp_quiz_manifest(quiz), form);
        if (o->confidence > 0)
            b.confidence = o->confidence;
        if (o->min_items > 0)
            b.min_items = (uint32_t)o->min_items;
        if (draws)
            b.max_items = 48;
        if (o->max_items > 0 && (size_t)o->max_items < items)
            b.max_items = (uint32_t)o->max_items;
        rc = sp_adaptive_run(dirs, p, &b, form, ans, 0, order, &n, stop, &after);
    }
    for (size_t i = 0; rc == 0 && i < n; i++)
        asked[i] = (sp_response){sp_form_item_at(form, order[i])->q, ans[order[i]]};
    if (rc == 0)
        rc = sp_score(dirs, p, asked, n, ad);
    *len = n;
    free(ans);
    free(order);
    free(asked);
    free(resp);
    sp_form_free(form);
    return rc;
}

static void ad_tally(ad_stats *s, const taker *t, const sp_outcome *full, const sp_outcome *ad,
                     size_t len, sp_stop stop)
{
    s->n++;
    s->full_top1 += full->primary == t->truth;
    s->ad_top1 += ad->primary == t->truth;
    s->agree += full->primary == ad->primary;
    s->ad_tied += ad->nnear_tie > 0;
    s->full_tied += full->nnear_tie > 0;
    s->stops[stop]++;
    s->lengths[len < sizeof(s->lengths) / sizeof(s->lengths[0]) ? len : 0]++;
    s->items += (double)len;
}

static int hist_percentile(const int *h, int total, double q)
{
    int need = (int)(q * total + 0.999999), seen = 0;
    for (int i = 0; i < 1200; i++)
        if ((seen += h[i]) >= need && need > 0)
            return i;
    return 0;
}

static int length_percentile(const ad_stats *s, double q)
{
    return hist_percentile(s->lengths, s->n, q);
}

static void print_adaptive(const sp_quiz *quiz, const options *o, const ad_stats *s)
{
    printf("quiz %s, adaptive against the full form, %d takers with one true direction, "
           "response model %s, noise %s\n\n",
           sp_quiz_manifest(quiz)->id, s->n, model_names[o->model], noise_names[o->noise]);
    printf("top-1, full form      %5.1f %%\ntop-1, adaptive       %5.1f %%\n"
           "primary agrees        %5.1f %%  (adaptive primary = full-form primary)\n"
           "near tie, full form   %5.1f %%\nnear tie, adaptive    %5.1f %%\n",
           pct(s->full_top1, s->n), pct(s->ad_top1, s->n), pct(s->agree, s->n),
           pct(s->full_tied, s->n), pct(s->ad_tied, s->n));
    printf("items asked           mean %.1f; p10 %d, p25 %d, median %d, p75 %d, p90 %d\n",
           s->n ? s->items / s->n : 0, length_percentile(s, 0.1), length_percentile(s, 0.25),
           length_percentile(s, 0.5), length_percentile(s, 0.75), length_percentile(s, 0.9));
    printf("stopped               settled %.1f %%, curtailed %.1f %%, budget %.1f %%\n",
           pct(s->stops[SP_STOP_SETTLED], s->n), pct(s->stops[SP_STOP_CURTAILED], s->n),
           pct(s->stops[SP_STOP_BUDGET], s->n));
    printf("length histogram (items: share of takers):\n");
    for (int lo = 0; lo < (int)(sizeof(s->lengths) / sizeof(s->lengths[0])); lo += 4) {
        int c = 0;
        for (int i = lo; i < lo + 4; i++)
            c += s->lengths[i];
        if (c)
            printf("  %3d-%-3d %5.1f %%\n", lo, lo + 3, pct(c, s->n));
    }
    if (s->twins)
        printf("\ntwo equal peaks: %d takers, two forms each\n"
               "  settled                %5.1f %% of the results (no near tie)\n"
               "  near tie reported      %5.1f %% of all their results\n"
               "  settled or curtailed   %5.1f %% of the results (the rest spent the budget)\n"
               "  near tie reported      %5.1f %% of the results that spent the budget\n"
               "  forms disagree         %5.1f %%, and both name the other peak in %5.1f %% "
               "of those\n",
               s->twins, pct(2 * s->twins - s->twin_any_tied, 2 * s->twins),
               pct(s->twin_any_tied, 2 * s->twins), pct(s->twin_settled, 2 * s->twins),
               pct(s->twin_tied, s->twin_budget), pct(s->twin_split, s->twins),
               pct(s->split_named, s->twin_split));
    if (s->twins) {
        int tn = 2 * s->twins;
        printf("  items asked            mean %.1f; p10 %d, p50 %d, p90 %d\n"
               "  stopped                settled %.1f %%, curtailed %.1f %%, budget %.1f %%\n"
               "  without a near tie     %.1f %% of the results, reversed by the other form in "
               "%.1f %% of those (%.1f %% of all)\n",
               s->twin_items / tn, hist_percentile(s->twin_lengths, tn, 0.1),
               hist_percentile(s->twin_lengths, tn, 0.5), hist_percentile(s->twin_lengths, tn, 0.9),
               pct(s->twin_stops[SP_STOP_SETTLED], tn), pct(s->twin_stops[SP_STOP_CURTAILED], tn),
               pct(s->twin_stops[SP_STOP_BUDGET], tn), pct(s->twin_confident, tn),
               pct(s->twin_reversed, s->twin_confident), pct(s->twin_reversed, tn));
    }
    if (s->clear)
        printf("\none clear peak (long-form lead >= 0.3): %d takers, near tie: full form %.1f %%, "
               "adaptive %.1f %%\n",
               s->clear, pct(s->clear_full_tied, s->clear), pct(s->clear_tied, s->clear));
    printf("SUMMARY top1full %.1f top1ad %.1f agree %.1f mean %.1f p50 %d p90 %d onepeak_tied %.1f "
           "clear_tied %.1f twin_named %.1f twin_reversed_all %.1f twin_mean %.1f\n",
           pct(s->full_top1, s->n), pct(s->ad_top1, s->n), pct(s->agree, s->n),
           s->n ? s->items / s->n : 0, length_percentile(s, 0.5), length_percentile(s, 0.9),
           pct(s->ad_tied, s->n), pct(s->clear_tied, s->clear), pct(s->split_named, s->twin_split),
           pct(s->twin_reversed, 2 * s->twins), s->twins ? s->twin_items / (2 * s->twins) : 0);
}

/* The lead of the top direction over the runner-up when the taker answers every item of every
 * bank (the long form), from a copy of the random stream so that the rest of the run is
 * unchanged. */
static double long_form_lead(const sp_quiz *quiz, const options *o, uint64_t seed, const sp_rng *r,
                             const taker *t)
{
    sp_draw every[SP_LIMIT_BANKS];
    for (int i = 0; i < SP_LIMIT_BANKS; i++)
        every[i] = (sp_draw){{SP_DRAW_ALL, SP_DRAW_ALL, SP_DRAW_ALL}};
    sp_rng copy = *r;
    sp_response *all = NULL;
    size_t nall = 0;
    sp_outcome whole;
    int rc = answer_form(quiz, every, seed, &copy, t, o->model, &all, &nall);
    if (rc == 0)
        rc =
            sp_score(sp_quiz_directions(quiz), &sp_quiz_manifest(quiz)->scoring, all, nall, &whole);
    free(all);
    return !rc && whole.nranked > 1
               ? whole.scores[whole.ranking[0]].fit - whole.scores[whole.ranking[1]].fit
               : 0;
}

static int run_adaptive(const sp_quiz *quiz, const options *o)
{
    ad_stats *s = calloc(1, sizeof(*s));
    if (!s)
        return SP_ENOMEM;
    int ndirs = (int)sp_quiz_directions(quiz)->count, rc = 0;
    sp_rng rng;
    sp_rng_seed(&rng, o->seed);
    for (int i = 0; i < o->takers && rc == 0; i++) {
        taker t;
        int second = -1;
        bool twin = sp_rng_unit(&rng) < o->twin_share;
        if (twin)
            make_twin(&rng, i, ndirs, o, &t, &second);
        else
            make_taker(&rng, i, ndirs, o, &t);
        sp_outcome full, ad[2];
        size_t len;
        sp_stop stop;
        uint64_t seed = o->seed * 1000003u + (uint64_t)i;
        double lead = !twin && o->clear ? long_form_lead(quiz, o, seed * 31u + 7u, &rng, &t) : 0;
        for (int k = 0; k < (twin ? 2 : 1) && rc == 0; k++) {
            rc = adaptive_taker(quiz, o, seed + (uint64_t)k * 7919u, &rng, &t, &full, &ad[k], &len,
                                &stop);
            if (rc || !twin) {
                if (rc == 0 && t.truth >= 0)
                    ad_tally(s, &t, &full, &ad[k], len, stop);
                if (rc == 0 && t.truth >= 0 && lead >= 0.3) {
                    s->clear++;
                    s->clear_tied += ad[k].nnear_tie > 0;
                    s->clear_full_tied += full.nnear_tie > 0;
                }
                continue;
            }
            s->twin_lengths[len < 1200 ? len : 0]++;
            s->twin_items += (double)len;
            s->twin_stops[stop]++;
            bool budget = stop == SP_STOP_BUDGET;
            s->twin_settled += !budget;
            s->twin_budget += budget;
            s->twin_tied += budget && ad[k].nnear_tie > 0;
            s->twin_any_tied += ad[k].nnear_tie > 0;
        }
        if (rc == 0 && twin) {
            s->twins++;
            for (int k = 0; k < 2; k++) {
                if (ad[k].nnear_tie == 0 && ad[k].flat == SP_FLAT_NO) {
                    s->twin_confident++;
                    s->twin_reversed += ad[k].primary != ad[1 - k].primary;
                }
            }
            if (ad[0].primary != ad[1].primary) {
                s->twin_split++;
                s->split_named +=
                    in_near_tie(&ad[0], ad[1].primary) && in_near_tie(&ad[1], ad[0].primary);
            }
        }
    }
    if (rc == 0)
        print_adaptive(quiz, o, s);
    free(s);
    return rc;
}

/* The settings to try: a comma-separated list, or the defaults. */
static int parse_list(const char *text, const char *fallback, double *out, int max)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "%s", text ? text : fallback);
    int n = 0;
    for (char *tok = strtok(buf, ","); tok && n < max; tok = strtok(NULL, ","))
        out[n++] = atof(tok);
    return n;
}

typedef struct tie_taker {
    bool twin;
    double lead;       /* one peak: the lead of the top direction over the runner-up when the taker
                          answers every item of every bank (the long form) */
    int first, second; /* the true peak, and the second peak (twins) or the runner-up */
    sp_response *resp[2];
    size_t items[2];
} tie_taker;

/* Whether the jackknife standard error of the gap between the first and second peak is the
 * spread of that gap from one form to the next: for each taker the two forms' gaps differ by
 * sqrt(2) times its standard deviation, and the jackknife estimates it from either form. */
static int print_se_calibration(const sp_quiz *quiz, const tie_taker *tk, int n)
{
    sp_scoring p = sp_quiz_manifest(quiz)->scoring;
    p.near_tie_confidence = 0.9;
    for (int twin = 0; twin < 2; twin++) {
        double sq = 0, se2 = 0;
        int pairs = 0, ses = 0;
        for (int i = 0; i < n; i++) {
            if (tk[i].twin != twin)
                continue;
            sp_outcome x[2];
            for (int k = 0; k < 2; k++)
                if (sp_score(sp_quiz_directions(quiz), &p, tk[i].resp[k], tk[i].items[k], &x[k]))
                    return SP_EINVAL;
            int a = tk[i].first, b = tk[i].second;
            double d0 = x[0].scores[a].fit - x[0].scores[b].fit;
            double d1 = x[1].scores[a].fit - x[1].scores[b].fit;
            sq += (d0 - d1) * (d0 - d1) / 2;
            pairs++;
            for (int k = 0; k < 2; k++) {
                if (x[k].primary == a && x[k].scores[b].has_gap_se) {
                    se2 += x[k].scores[b].gap_se * x[k].scores[b].gap_se;
                    ses++;
                }
            }
        }
        printf("%s: SD of the gap between the peaks across forms %.3f; jackknife SE %.3f "
               "(%d results)\n",
               twin ? "two peaks" : "one peak ", sqrt(sq / pairs), sqrt(se2 / (ses ? ses : 1)),
               ses);
    }
    printf("\n");
    return 0;
}

/* Every taker answers two forms of the quiz (two seeds); half the takers have one true peak,
 * half two equal ones. Each setting of (margin, confidence) then scores the same answers. */
static int run_ties(const sp_quiz *quiz, const options *o)
{
    double margins[16], confs[16];
    int nm = parse_list(o->margins, "0,0.02,0.05", margins, 16);
    int nc = parse_list(o->confidences, "0,0.6,0.7,0.75,0.8,0.85,0.9", confs, 16);
    int ndirs = (int)sp_quiz_directions(quiz)->count, rc = 0;
    tie_taker *tk = calloc((size_t)o->takers, sizeof(*tk));
    if (!tk)
        return SP_ENOMEM;
    sp_draw every[SP_LIMIT_BANKS];
    for (size_t b = 0; b < sp_quiz_bank_count(quiz); b++)
        for (int k = 0; k < SP_KIND_COUNT; k++)
            every[b].count[k] = 100000; /* more than any bank holds: all of them */
    sp_rng rng;
    sp_rng_seed(&rng, o->seed);
    for (int i = 0; i < o->takers && !rc; i++) {
        taker t;
        int second;
        tk[i].twin = i % 2 == 1;
        if (tk[i].twin) {
            make_twin(&rng, i / 2, ndirs, o, &t, &second);
        } else {
            options one = *o;
            one.flat_share = 0;
            make_taker(&rng, i / 2, ndirs, &one, &t);
            second = -1;
            for (int d = 0; d < ndirs; d++)
                if (d != t.truth && (second < 0 || t.theta[d] > t.theta[second]))
                    second = d;
        }
        tk[i].first = t.truth;
        tk[i].second = second;
        sp_response *all = NULL;
        size_t nall = 0;
        sp_outcome whole;
        if (!rc)
            rc = answer_form(quiz, every, o->seed * 7919u + (uint64_t)i, &rng, &t, o->model, &all,
                             &nall);
        if (!rc)
            rc = sp_score(sp_quiz_directions(quiz), &sp_quiz_manifest(quiz)->scoring, all, nall,
                          &whole);
        free(all);
        tk[i].lead = !rc && whole.nranked > 1
                         ? whole.scores[whole.ranking[0]].fit - whole.scores[whole.ranking[1]].fit
                         : 0;
        for (int k = 0; k < 2 && !rc; k++)
            rc = answer_form(quiz, NULL, o->seed * 1000003u + (uint64_t)(2 * i + k), &rng, &t,
                             o->model, &tk[i].resp[k], &tk[i].items[k]);
    }
    printf("near ties across two forms: %d takers, half with one peak, half with two equal "
           "peaks; model %s, noise %s\n\n",
           o->takers, model_names[o->model], noise_names[o->noise]);
    rc = rc ? rc : print_se_calibration(quiz, tk, o->takers);
    printf("margin  confidence  one peak: tied   two peaks: agree  tied  split named  "
           "settle (mean)  confident: reversed   one peak tied, by long-form lead 0 / 0.1 / 0.2 / "
           "0.3+\n");
    for (int a = 0; a < nm && !rc; a++) {
        for (int b = 0; b < nc && !rc; b++) {
            sp_scoring p = sp_quiz_manifest(quiz)->scoring;
            p.near_tie = margins[a];
            p.near_tie_confidence = confs[b];
            tie_stats s = {0};
            for (int i = 0; i < o->takers && !rc; i++) {
                sp_outcome x, y;
                rc = sp_score(sp_quiz_directions(quiz), &p, tk[i].resp[0], tk[i].items[0], &x);
                if (!rc)
                    rc = sp_score(sp_quiz_directions(quiz), &p, tk[i].resp[1], tk[i].items[1], &y);
                if (!rc)
                    tie_count(&s, &x, &y, tk[i].twin, tk[i].lead);
            }
            printf("%6.2f  %10.3g  %13.1f%%   %15.1f%%  %4.1f%%  %10.1f%%  %8.1f", margins[a],
                   confs[b], pct(s.single_tied, s.single), pct(s.twin_agree, s.twins),
                   pct(s.twin_tied, 2 * s.twins), pct(s.split_named, s.twin_split),
                   s.settle_n ? s.settle_sum / s.settle_n : 0);
            printf("  %8.1f%%  %8.1f%%", pct(s.confident, 2 * o->takers),
                   pct(s.reversed, s.confident));
            for (int g = 0; g < 4; g++)
                printf("  %5.1f%%", pct(s.tied_by_gap[g], s.by_gap[g]));
            printf("\n");
        }
    }
    for (int i = 0; i < o->takers; i++)
        free(tk[i].resp[0]), free(tk[i].resp[1]);
    free(tk);
    return rc;
}

/* ---- Options ----------------------------------------------------------------------------- */

static int find_word(const char *const *words, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(words[i], s) == 0)
            return i;
    return -1;
}

static int usage(void)
{
    fprintf(stderr, "usage: simulate --quiz MANIFEST [--takers N] [--seed S] "
                    "[--model linear|ideal|graded|acquiescent] [--noise low|medium|high|mixed] "
                    "[--weight A] [--weights A,B,...] [--sweep] [--csv FILE] [--svg FILE] "
                    "[--flat-share F] [--ability-link L] [--calibrate] [--dump FILE] [--ties] "
                    "[--adaptive [--min-items N] [--max-items N] [--twin-share F] "
                    "[--confidence C] [--tie-confidence C] [--whole-banks] [--clear]]\n");
    return 2;
}

static int parse_options(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"quiz", required_argument, NULL, 'q'},
        {"takers", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},
        {"model", required_argument, NULL, 'm'},
        {"noise", required_argument, NULL, 'e'},
        {"weight", required_argument, NULL, 'w'},
        {"weights", required_argument, NULL, 'W'},
        {"sweep", no_argument, NULL, 'S'},
        {"csv", required_argument, NULL, 'c'},
        {"svg", required_argument, NULL, 'g'},
        {"flat-share", required_argument, NULL, 'f'},
        {"ability-link", required_argument, NULL, 'a'},
        {"dump", required_argument, NULL, 'd'},
        {"calibrate", no_argument, NULL, 'C'},
        {"ties", no_argument, NULL, 'T'},
        {"margins", required_argument, NULL, 'M'},
        {"confidences", required_argument, NULL, 'K'},
        {"adaptive", no_argument, NULL, 'A'},
        {"min-items", required_argument, NULL, 'i'},
        {"max-items", required_argument, NULL, 'x'},
        {"twin-share", required_argument, NULL, 't'},
        {"confidence", required_argument, NULL, 'k'},
        {"whole-banks", no_argument, NULL, 'B'},
        {"clear", no_argument, NULL, 'L'},
        {"tie-confidence", required_argument, NULL, 'Z'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int i;
        switch (c) {
        case 'q': o->quiz = optarg; break;
        case 'n': o->takers = atoi(optarg); break;
        case 's': o->seed = strtoull(optarg, NULL, 10); break;
        case 'w': o->weight = atof(optarg); break;
        case 'W': o->weights = optarg; break;
        case 'S': o->sweep = true; break;
        case 'c': o->csv = optarg; break;
        case 'g': o->svg = optarg; break;
        case 'f': o->flat_share = atof(optarg); break;
        case 'a': o->ability_link = atof(optarg); break;
        case 'd': o->dump = optarg; break;
        case 'C': o->calibrate = true; break;
        case 'T': o->ties = true; break;
        case 'M': o->margins = optarg; break;
        case 'K': o->confidences = optarg; break;
        case 'A': o->adaptive = true; break;
        case 'i': o->min_items = atoi(optarg); break;
        case 'x': o->max_items = atoi(optarg); break;
        case 't': o->twin_share = atof(optarg); break;
        case 'k': o->confidence = atof(optarg); break;
        case 'B': o->whole_banks = true; break;
        case 'L': o->clear = true; break;
        case 'Z': o->tie_confidence = atof(optarg); break;
        case 'm':
            if ((i = find_word(model_names, MODEL_COUNT, optarg)) < 0)
                return usage();
            o->model = (enum model)i;
            break;
        case 'e':
            if ((i = find_word(noise_names, 4, optarg)) < 0)
                return usage();
            o->noise = (enum noise)i;
            break;
        default: return usage();
        }
    }
    return o->quiz && o->takers > 0 ? 0 : usage();
}

int main(int argc, char **argv)
{
    options o = {.takers = 6000,
                 .seed = 1,
                 .noise = NOISE_MIXED,
                 .weight = -1,
                 .flat_share = 0.05,
                 .ability_link = 1.5};
    if (parse_options(argc, argv, &o))
        return 2;
    sp_diags *diags = sp_diags_new();
    sp_quiz *quiz = NULL;
    if (sp_quiz_load(o.quiz, diags, &quiz) != 0) {
        fprintf(stderr, "simulate: cannot load %s\n", o.quiz);
        return 1;
    }
    sp_diags_free(diags);
    if (o.adaptive) {
        int arc = run_adaptive(quiz, &o);
        sp_quiz_free(quiz);
        return arc ? 1 : 0;
    }
    if (o.ties) {
        int trc = run_ties(quiz, &o);
        sp_quiz_free(quiz);
        return trc ? 1 : 0;
    }
    FILE *csv = o.csv ? fopen(o.csv, "w") : NULL;
    stats s = {0};
    int rc = run(quiz, &o, NULL, o.weight, &s);
    if (rc == 0) {
        print_summary(quiz, &o, &s, csv);
        print_confusion(quiz, &s, csv);
    }
    if (rc == 0 && o.calibrate)
        print_calibration(&s);
    stats_free(&s);
    sweep_point pts[SWEEP_STEPS];
    if (rc == 0 && o.sweep)
        rc = run_sweep(quiz, &o, pts, csv);
    if (rc == 0 && o.sweep && o.svg)
        rc = write_svg(o.svg, quiz, &o, pts, SWEEP_STEPS);
    if (rc == 0 && o.weights)
        rc = run_weights(quiz, &o, csv);
    if (csv && fclose(csv) != 0)
        rc = SP_EIO;
    sp_quiz_free(quiz);
    if (rc)
        fprintf(stderr, "simulate: %s\n", sp_strerror(rc));
    return rc ? 1 : 0;
}
