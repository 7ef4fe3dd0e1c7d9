/* The scoring model (docs/scoring.md). */
#include "signpost/score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Sums gathered over the responses, per direction and per level. */
typedef struct tally {
    double sum[SP_MAX_DIRECTIONS];     /* interest: what the answers earned */
    double low[SP_MAX_DIRECTIONS];     /* interest: the least the answered items allow */
    double high[SP_MAX_DIRECTIONS];    /* interest: the most they allow */
    double kweight[SP_MAX_DIRECTIONS]; /* aptitude: weight of presented knowledge items */
    double kcredit[SP_MAX_DIRECTIONS]; /* aptitude: weighted credit earned */
    double level_credit[5];
    int likert_first;  /* the first likert value seen, or 0 */
    bool likert_mixed; /* some likert answer differs from the first */
    uint32_t likert_count;
} tally;

const char *sp_level_name(sp_level level)
{
    static const char *const names[] = {NULL, "entry", "advanced", "professional", "expert"};
    return level <= SP_LEVEL_EXPERT ? names[level] : NULL;
}

static int popcount(uint32_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

bool sp_answer_valid(const sp_question *q, const sp_answer *a)
{
    if (a->state != SP_ANSWER_GIVEN)
        return a->state == SP_ANSWER_NONE || a->state == SP_ANSWER_SKIP;
    if (q->kind == SP_KIND_LIKERT)
        return a->value >= 1 && a->value <= 5;
    uint32_t all = q->noptions >= 32 ? UINT32_MAX : (1u << q->noptions) - 1;
    if (a->chosen == 0 || (a->chosen & ~all))
        return false;
    if (q->kind == SP_KIND_KNOWLEDGE && popcount(q->answer) > 1)
        return true;
    return popcount(a->chosen) == 1;
}

double sp_knowledge_credit(const sp_question *q, const sp_answer *a)
{
    if (a->state != SP_ANSWER_GIVEN)
        return 0;
    int correct = popcount(q->answer);
    int wrong = (int)q->noptions - correct;
    double hits = popcount(a->chosen & q->answer);
    double misses = popcount(a->chosen & ~q->answer);
    double credit = hits / correct - (wrong > 0 ? misses / wrong : 0);
    return credit > 0 ? credit : 0;
}

/* The weight option o of choice item q gives direction d (0 when it names no weight). */
static double option_weight(const sp_question *q, uint32_t o, int d)
{
    const sp_option *opt = &q->options[o];
    for (uint32_t k = 0; k < opt->nweights; k++)
        if (opt->weights[k].dir_index == d)
            return opt->weights[k].value;
    return 0;
}

/* The range of what choice item q can give d, and what the chosen option gives. */
static void choice_range(const sp_question *q, int d, uint32_t chosen, double *lo, double *hi,
                         double *got)
{
    *lo = *hi = *got = 0;
    for (uint32_t o = 0; o < q->noptions; o++) {
        double w = option_weight(q, o, d);
        if (o == 0 || w < *lo)
            *lo = w;
        if (o == 0 || w > *hi)
            *hi = w;
        if (chosen & (1u << o))
            *got = w;
    }
}

/* The likert value mapped onto -1..+1. */
static double likert_x(const sp_answer *a)
{
    return (a->value - 3) / 2.0;
}

static bool dir_ok(int d, uint32_t ndirs)
{
    return d >= 0 && (uint32_t)d < ndirs;
}

static void tally_likert(tally *t, const sp_question *q, const sp_answer *a, sp_outcome *out)
{
    double x = likert_x(a);
    for (uint32_t k = 0; k < q->nkeys; k++) {
        int d = q->keys[k].dir_index;
        if (!dir_ok(d, out->ndirs))
            continue;
        double w = q->keys[k].value;
        t->sum[d] += w * x;
        t->low[d] -= fabs(w);
        t->high[d] += fabs(w);
        out->scores[d].interest_items++;
    }
    if (t->likert_count++ == 0)
        t->likert_first = a->value;
    else if (a->value != t->likert_first)
        t->likert_mixed = true;
}

static void tally_choice(tally *t, const sp_question *q, const sp_answer *a, sp_outcome *out)
{
    for (uint32_t d = 0; d < out->ndirs; d++) {
        double lo, hi, got;
        choice_range(q, (int)d, a->chosen, &lo, &hi, &got);
        if (hi <= lo)
            continue; /* the item cannot move this direction */
        t->sum[d] += got;
        t->low[d] += lo;
        t->high[d] += hi;
        out->scores[d].interest_items++;
    }
}

/* Knowledge items count whether answered or skipped: skipping is not knowing. */
static void tally_knowledge(tally *t, const sp_question *q, const sp_answer *a, sp_outcome *out)
{
    double credit = sp_knowledge_credit(q, a);
    for (uint32_t k = 0; k < q->nkeys; k++) {
        int d = q->keys[k].dir_index;
        if (!dir_ok(d, out->ndirs))
            continue;
        t->kweight[d] += q->keys[k].value;
        t->kcredit[d] += q->keys[k].value * credit;
        out->scores[d].knowledge_items++;
    }
    if (q->level >= 1 && q->level <= 4) {
        t->level_credit[q->level] += credit;
        out->level_items[q->level]++;
    }
}

static int tally_all(tally *t, const sp_response *r, size_t n, sp_outcome *out)
{
    for (size_t i = 0; i < n; i++) {
        const sp_question *q = r[i].q;
        const sp_answer *a = &r[i].a;
        if (!sp_answer_valid(q, a))
            return SP_EINVAL;
        if (a->state == SP_ANSWER_NONE)
            continue;
        if (a->state == SP_ANSWER_SKIP)
            out->skipped++;
        else
            out->answered++;
        if (q->kind == SP_KIND_KNOWLEDGE)
            tally_knowledge(t, q, a, out);
        else if (a->state == SP_ANSWER_SKIP)
            continue;
        else if (q->kind == SP_KIND_LIKERT)
            tally_likert(t, q, a, out);
        else
            tally_choice(t, q, a, out);
    }
    return 0;
}

/* With nothing answered, skipped knowledge items would still count as known to be unknown, and
 * rank some direction first at a fit of 0 with the entry level. Nothing answered measures
 * nothing: no direction, no level. */
static void forget_skips(tally *t, sp_outcome *out)
{
    memset(t, 0, sizeof(*t));
    for (uint32_t d = 0; d < out->ndirs; d++)
        out->scores[d].interest_items = out->scores[d].knowledge_items = 0;
    memset(out->level_items, 0, sizeof(out->level_items));
}

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* Direction d's interest, aptitude and fit from the sums of t (sections 3 to 5). */
static void score_dir(const tally *t, const sp_scoring *p, uint32_t d, sp_dir_score *s)
{
    s->has_interest = t->high[d] > t->low[d];
    s->has_aptitude = t->kweight[d] > 0;
    if (s->has_interest)
        s->interest = clamp01((t->sum[d] - t->low[d]) / (t->high[d] - t->low[d]));
    if (s->has_aptitude)
        s->aptitude = clamp01(t->kcredit[d] / t->kweight[d]);
    if (s->has_interest && s->has_aptitude)
        s->fit = p->interest_weight * s->interest + (1 - p->interest_weight) * s->aptitude;
    else
        s->fit = s->has_interest ? s->interest : s->aptitude;
}

static void compute_scores(const tally *t, const sp_scoring *p, sp_outcome *out)
{
    for (uint32_t d = 0; d < out->ndirs; d++)
        score_dir(t, p, d, &out->scores[d]);
}

/* ---- Ranking and advice ------------------------------------------------------------------ */

/* Scores are compared on a grid of 1e-9, so that two sums equal on paper but different in
 * their last bit (0.1 + 0.2 against 0.3) still tie. */
static double grid(double x)
{
    return round(x * 1e9);
}

/* True when direction a ranks before b: higher fit, then higher interest, then the order of
 * the directions file. The same inputs always give the same order. */
static bool ranks_before(const sp_outcome *o, int a, int b)
{
    const sp_dir_score *x = &o->scores[a], *y = &o->scores[b];
    if (grid(x->fit) != grid(y->fit))
        return x->fit > y->fit;
    double xi = x->has_interest ? grid(x->interest) : -1;
    double yi = y->has_interest ? grid(y->interest) : -1;
    if (xi != yi)
        return xi > yi;
    return a < b;
}

static void rank(sp_outcome *o)
{
    o->nranked = 0;
    for (uint32_t d = 0; d < o->ndirs; d++) {
        if (!o->scores[d].has_interest && !o->scores[d].has_aptitude)
            continue;
        uint32_t j = o->nranked++;
        while (j > 0 && ranks_before(o, (int)d, o->ranking[j - 1])) {
            o->ranking[j] = o->ranking[j - 1];
            j--;
        }
        o->ranking[j] = (uint8_t)d;
    }
    o->primary = o->nranked ? o->ranking[0] : -1;
}

/* ---- Uncertainty ------------------------------------------------------------------------- */

/* Whether a response counts as a unit of the jackknife: an answered item, or a skipped
 * knowledge item (which counts as not known). A skipped statement or scenario tells nothing. */
static bool informative(const sp_response *r)
{
    return r->a.state == SP_ANSWER_GIVEN ||
           (r->a.state == SP_ANSWER_SKIP && r->q->kind == SP_KIND_KNOWLEDGE);
}

/* The sums one response adds to a tally. */
static void item_sums(const sp_response *r, uint32_t ndirs, tally *c)
{
    sp_outcome scratch = {.ndirs = ndirs}; /* takes the item counts, which nothing reads */
    memset(c, 0, sizeof(*c));
    if (r->q->kind == SP_KIND_KNOWLEDGE)
        tally_knowledge(c, r->q, &r->a, &scratch);
    else if (r->q->kind == SP_KIND_LIKERT)
        tally_likert(c, r->q, &r->a, &scratch);
    else
        tally_choice(c, r->q, &r->a, &scratch);
}

/* The tally t without the sums c of one item. */
static void leave_out(const tally *t, const tally *c, uint32_t ndirs, tally *out)
{
    for (uint32_t d = 0; d < ndirs; d++) {
        out->sum[d] = t->sum[d] - c->sum[d];
        out->low[d] = t->low[d] - c->low[d];
        out->high[d] = t->high[d] - c->high[d];
        out->kweight[d] = t->kweight[d] - c->kweight[d];
        out->kcredit[d] = t->kcredit[d] - c->kcredit[d];
    }
}

/* Running mean and sum of squared deviations (Welford): one fixed sequence of operations, so
 * that every machine, and the browser's verifier, reaches the same figures. */
typedef struct running {
    double n, mean, m2;
    bool broken; /* a replicate in which the figure does not exist */
} running;

static void run_add(running *r, double x)
{
    r->n += 1;
    double delta = x - r->mean;
    r->mean += delta / r->n;
    r->m2 += delta * (x - r->mean);
}

/* The jackknife standard error from m replicates: sqrt((m - 1) / m * sum of squares). */
static bool run_se(const running *r, double *se)
{
    if (r->broken || r->n < 2)
        return false;
    double v = (r->n - 1) / r->n * r->m2;
    *se = v > 0 ? sqrt(v) : 0;
    if (*se > 1)
        *se = 1;
    return true;
}

/* The delete-one jackknife over the informative items (scoring.md, section 5): each item left
 * out in turn, the fits scored again from the remaining sums; the spread of those replicates
 * estimates how much the fits, and the primary's lead over each runner-up, depend on which
 * items the form happened to draw. */
static void find_uncertainty(sp_outcome *o, const tally *t, const sp_scoring *p,
                             const sp_response *r, size_t n)
{
    running fit[SP_MAX_DIRECTIONS], gap[SP_MAX_DIRECTIONS];
    memset(fit, 0, sizeof(fit));
    memset(gap, 0, sizeof(gap));
    int top = o->primary;
    for (size_t j = 0; j < n; j++) {
        if (!informative(&r[j]))
            continue;
        tally c, rest;
        item_sums(&r[j], o->ndirs, &c);
        leave_out(t, &c, o->ndirs, &rest);
        sp_dir_score s[SP_MAX_DIRECTIONS];
        for (uint32_t d = 0; d < o->ndirs; d++)
            score_dir(&rest, p, d, &s[d]);
        bool top_ok = top >= 0 && (s[top].has_interest || s[top].has_aptitude);
        for (uint32_t d = 0; d < o->ndirs; d++) {
            bool ok = s[d].has_interest || s[d].has_aptitude;
            fit[d].broken = fit[d].broken || !ok;
            gap[d].broken = gap[d].broken || !ok || !top_ok;
            if (ok)
                run_add(&fit[d], s[d].fit);
            if (ok && top_ok)
                run_add(&gap[d], s[top].fit - s[d].fit);
        }
    }
    for (uint32_t d = 0; d < o->ndirs; d++) {
        sp_dir_score *s = &o->scores[d];
        if (!s->has_interest && !s->has_aptitude)
            continue;
        s->has_se = run_se(&fit[d], &s->fit_se);
        s->has_gap_se = (int)d != top && run_se(&gap[d], &s->gap_se);
    }
}

/* About how many more items like these would make the lead gap (with its standard error se,
 * over m items) significant at z: the standard error shrinks with the square root of the
 * number of items, so m' = m (z se / gap)^2 items would do. */
static uint32_t more_items(double gap, double se, double z, double m)
{
    if (grid(gap) <= 0)
        return SP_SETTLE_MAX;
    double ratio = z * se / gap;
    double more = ceil(m * ratio * ratio - m);
    return more >= SP_SETTLE_MAX ? SP_SETTLE_MAX : more < 1 ? 1 : (uint32_t)more;
}

static double informative_count(const sp_response *r, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        m += informative(&r[i]);
    return m;
}

/* A runner-up is near-tied with the top when its fit is within the margin near_tie, or, with
 * near_tie_confidence set, when the top does not lead it by z standard errors of the gap. */
static void find_ties(sp_outcome *o, const sp_scoring *p, const sp_response *r, size_t n)
{
    if (o->nranked < 2)
        return;
    double z = 0;
    bool uncertain = p->near_tie_confidence > 0 && sp_confidence_z(p->near_tie_confidence, &z);
    double top = o->scores[o->ranking[0]].fit, m = uncertain ? informative_count(r, n) : 0;
    o->exact_tie = grid(o->scores[o->ranking[1]].fit) == grid(top);
    for (uint32_t i = 1; i < o->nranked; i++) {
        const sp_dir_score *s = &o->scores[o->ranking[i]];
        double gap = top - s->fit;
        bool close = grid(gap) <= grid(p->near_tie);
        bool unsettled = uncertain && s->has_gap_se && grid(gap) < grid(z * s->gap_se);
        if (!close && !unsettled)
            continue;
        o->near_tie[o->nnear_tie++] = o->ranking[i];
        uint32_t more = close ? 0 : more_items(gap, s->gap_se, z, m);
        if (more > o->settle)
            o->settle = more;
    }
}

static void find_flat(sp_outcome *o, const tally *t, const sp_scoring *p)
{
    if (t->likert_count >= 3 && !t->likert_mixed) {
        o->flat = SP_FLAT_SAME_LIKERT;
        return;
    }
    if (o->nranked < 2)
        return;
    double top = o->scores[o->ranking[0]].fit;
    double bottom = o->scores[o->ranking[o->nranked - 1]].fit;
    if (grid(top - bottom) < grid(p->flat))
        o->flat = SP_FLAT_CLOSE_FITS;
}

/* The highest stage whose items, and those of every lower stage with items, earned at least
 * level_pass of their credit. */
static void find_level(sp_outcome *o, const tally *t, const sp_scoring *p)
{
    uint32_t any = 0;
    for (int l = 1; l <= 4; l++) {
        any += o->level_items[l];
        o->level_share[l] = o->level_items[l] ? t->level_credit[l] / o->level_items[l] : -1;
    }
    o->level_share[0] = -1;
    if (!any) {
        o->level = SP_LEVEL_UNKNOWN;
        return;
    }
    o->level = SP_LEVEL_ENTRY;
    int passed = 0;
    for (int l = 1; l <= 4; l++) {
        if (!o->level_items[l])
            continue; /* no evidence either way */
        if (o->level_share[l] < p->level_pass)
            break;
        passed = l;
    }
    /* A taker is placed at the highest stage whose material they have mastered; one who has
     * not yet mastered the entry stage's material is at the entry stage too. */
    static const sp_level after[] = {SP_LEVEL_ENTRY, SP_LEVEL_ENTRY, SP_LEVEL_ADVANCED,
                                     SP_LEVEL_PROFESSIONAL, SP_LEVEL_EXPERT};
    o->level = after[passed];
}

/* ---- Drivers ----------------------------------------------------------------------------- */

/* How much response r moved direction d's fit away from what a neutral answer would give.
 * Summed over all responses, these effects plus 0.5 give the fit exactly (scoring.md). */
static double effect_on(const sp_outcome *o, const tally *t, const sp_scoring *p,
                        const sp_response *r, int d)
{
    const sp_dir_score *s = &o->scores[d];
    const sp_question *q = r->q;
    double fi = s->has_aptitude ? p->interest_weight : 1;
    double fa = s->has_interest ? 1 - p->interest_weight : 1;
    double effect = 0;
    if (q->kind == SP_KIND_KNOWLEDGE) {
        double credit = sp_knowledge_credit(q, &r->a);
        for (uint32_t k = 0; k < q->nkeys; k++)
            if (q->keys[k].dir_index == d && t->kweight[d] > 0)
                effect += fa * q->keys[k].value * (credit - 0.5) / t->kweight[d];
        return effect;
    }
    if (r->a.state != SP_ANSWER_GIVEN || !s->has_interest)
        return 0;
    double range = t->high[d] - t->low[d];
    if (q->kind == SP_KIND_LIKERT) {
        for (uint32_t k = 0; k < q->nkeys; k++)
            if (q->keys[k].dir_index == d)
                effect += fi * q->keys[k].value * likert_x(&r->a) / range;
        return effect;
    }
    double lo, hi, got;
    choice_range(q, d, r->a.chosen, &lo, &hi, &got);
    return hi > lo ? fi * (got - (lo + hi) / 2) / range : 0;
}

static void find_drivers(sp_outcome *o, const tally *t, const sp_scoring *p, const sp_response *r,
                         size_t n)
{
    if (o->primary < 0)
        return;
    for (size_t i = 0; i < n; i++) {
        if (r[i].a.state == SP_ANSWER_NONE)
            continue;
        double e = effect_on(o, t, p, &r[i], o->primary);
        if (e <= 0)
            continue;
        /* Keep the strongest; among equals, the earliest response. */
        uint32_t j = o->ndrivers < SP_MAX_DRIVERS ? o->ndrivers++ : SP_MAX_DRIVERS;
        while (j > 0 && grid(o->drivers[j - 1].effect) < grid(e)) {
            if (j < SP_MAX_DRIVERS)
                o->drivers[j] = o->drivers[j - 1];
            j--;
        }
        if (j < SP_MAX_DRIVERS)
            o->drivers[j] = (sp_driver){i, e};
    }
}

int sp_score(const sp_directions *dirs, const sp_scoring *p, const sp_response *r, size_t n,
             sp_outcome *out)
{
    memset(out, 0, sizeof(*out));
    out->primary = -1;
    out->ndirs = dirs->count < SP_MAX_DIRECTIONS ? dirs->count : SP_MAX_DIRECTIONS;
    tally t;
    memset(&t, 0, sizeof(t));
    int rc = tally_all(&t, r, n, out);
    if (rc)
        return rc;
    if (out->answered == 0)
        forget_skips(&t, out);
    compute_scores(&t, p, out);
    rank(out);
    if (p->near_tie_confidence > 0)
        find_uncertainty(out, &t, p, r, n);
    find_ties(out, p, r, n);
    find_flat(out, &t, p);
    find_level(out, &t, p);
    find_drivers(out, &t, p, r, n);
    return 0;
}
