/* Cohort analysis: sums per item, per item and direction, per pair of a scale's items; the
 * statistics computed from them (analyze.h; every formula in docs/analyze.md). */
#include "signpost/analyze.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Bins of the histograms behind the discriminative efficiency (over 0..1). */
#define DE_BINS 64

/* Scores closer than this count as equal (a result records six decimals). */
#define EPS 1e-9

const sp_analyze_opts SP_ANALYZE_DEFAULTS = {
    .min_n = 20, .easy = 90.0, .hard = 10.0, .min_efficiency = 15.0, .other_margin = 0.15};

/* The histograms of one knowledge item's credit and of the rest of its own direction's
 * knowledge score: a count and a sum per bin, for the sorted pairing of Cmax. */
typedef struct de_hist {
    double xn[DE_BINS], xs[DE_BINS];
    double rn[DE_BINS], rs[DE_BINS];
} de_hist;

typedef struct item_acc {
    uint64_t seen, answered, skipped;
    uint64_t chosen[SP_MAX_OPTIONS];
    double n, s, ss; /* the item score (likert value, knowledge credit) */
    sp_moments *dir; /* [ndirs]: item score for d against the rest of d's scale */
    double *opt_n;   /* choice: [option * ndirs + d] results that chose it with d's rest */
    double *opt_sum; /* ... and the sum of d's rest over them */
    de_hist *de;     /* knowledge */
} item_acc;

typedef struct scale_acc {
    uint32_t *members; /* item indices */
    uint32_t nmembers;
    double *mn, *ms, *mss; /* per member: n, sum, sum of squares of the scored value */
    sp_moments *pairs;     /* upper triangle, or NULL when there are too many members */
    double results, sum_k; /* results measuring it, and members they answered in all */
    double score_n, score_s, score_ss;
} scale_acc;

typedef struct dir_acc {
    double n, s, ss;
    double in, is, an, as; /* interest and aptitude: count and sum */
} dir_acc;

struct sp_analysis {
    const sp_quiz *quiz;
    sp_analyze_opts opts;
    uint32_t ndirs;
    size_t nitems;
    const sp_question **questions;
    item_acc *acc;
    int32_t *scale_pos; /* [scale * nitems + item]: its member position, or -1 */
    scale_acc scales[2 * SP_MAX_DIRECTIONS];
    dir_acc dirs[SP_MAX_DIRECTIONS];
    sp_cohort_stats cohort;
    /* per result: the members of one scale it has, and their scored values */
    uint32_t *work_pos;
    double *work_val;
    size_t work_cap;
    bool finished;
    sp_item_stats *items;
    sp_scale_stats scale_stats[2 * SP_MAX_DIRECTIONS];
};

/* ---- Formulas -------------------------------------------------------------------------------- */

const char *sp_stat_state_name(sp_stat_state s)
{
    static const char *const names[] = {"ok", "too-few", "no-variance", "none"};
    return s <= SP_STAT_NONE ? names[s] : "none";
}

const char *sp_flag_name(uint32_t flag)
{
    static const char *const names[] = {"negative-discrimination",
                                        "low-efficiency",
                                        "other-scale",
                                        "option-never-chosen",
                                        "too-easy",
                                        "too-hard",
                                        "below-guess"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (flag == 1u << i)
            return names[i];
    return NULL;
}

static sp_stat stat_ok(double v)
{
    return (sp_stat){SP_STAT_OK, v};
}

static sp_stat stat_none(sp_stat_state s)
{
    return (sp_stat){s, 0};
}

void sp_moments_add(sp_moments *m, double x, double y)
{
    m->n += 1;
    m->sx += x;
    m->sy += y;
    m->sxx += x * x;
    m->syy += y * y;
    m->sxy += x * y;
}

/* n times the sum of squared deviations, from raw sums; 0 when it is only rounding. */
static double spread(double n, double s, double ss)
{
    double v = n * ss - s * s;
    return v <= 1e-12 * (n * ss + 1) ? 0 : v;
}

sp_stat sp_moments_r(const sp_moments *m)
{
    if (m->n < 2)
        return stat_none(SP_STAT_TOO_FEW);
    double vx = spread(m->n, m->sx, m->sxx), vy = spread(m->n, m->sy, m->syy);
    if (vx == 0 || vy == 0)
        return stat_none(SP_STAT_NO_VARIANCE);
    double r = (m->n * m->sxy - m->sx * m->sy) / sqrt(vx * vy);
    return stat_ok(r > 1 ? 1 : r < -1 ? -1 : r);
}

static sp_stat sample_sd(double n, double s, double ss)
{
    if (n < 2)
        return stat_none(SP_STAT_TOO_FEW);
    return stat_ok(sqrt(spread(n, s, ss) / (n * (n - 1))));
}

sp_stat sp_moments_sd_x(const sp_moments *m)
{
    return sample_sd(m->n, m->sx, m->sxx);
}

static sp_stat mean_of(double n, double s)
{
    return n > 0 ? stat_ok(s / n) : stat_none(SP_STAT_TOO_FEW);
}

static int popcount(uint32_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

double sp_random_guess_score(const sp_question *q)
{
    if (q->kind != SP_KIND_KNOWLEDGE || q->noptions == 0)
        return 0;
    if (popcount(q->answer) <= 1)
        return 100.0 / q->noptions;
    double sum = 0;
    uint32_t sets = (1u << q->noptions) - 1;
    for (uint32_t set = 1; set <= sets; set++) {
        sp_answer a = {.state = SP_ANSWER_GIVEN, .chosen = set};
        sum += sp_knowledge_credit(q, &a);
    }
    return 100.0 * sum / sets;
}

sp_stat sp_alpha(double k, double v, double c)
{
    if (k <= 1 + EPS)
        return stat_none(SP_STAT_NONE);
    double den = v + (k - 1) * c;
    if (den <= EPS * EPS)
        return stat_none(SP_STAT_NO_VARIANCE);
    return stat_ok(k * c / den);
}

/* ---- What one answer gives a direction ------------------------------------------------------- */

/* An item's part in direction d's score: knowledge weight k and credit; interest earned s in
 * [l, h]. */
typedef struct part {
    bool in;        /* the item scores d */
    double k, c;    /* knowledge */
    double s, l, h; /* likert and choice */
} part;

static double key_for(const sp_question *q, uint32_t d)
{
    for (uint32_t k = 0; k < q->nkeys; k++)
        if (q->keys[k].dir_index == (int)d)
            return q->keys[k].value;
    return 0;
}

static double option_weight(const sp_question *q, uint32_t o, uint32_t d)
{
    const sp_option *opt = &q->options[o];
    for (uint32_t k = 0; k < opt->nweights; k++)
        if (opt->weights[k].dir_index == (int)d)
            return opt->weights[k].value;
    return 0;
}

/* The range of weights choice item q gives d. */
static void choice_range(const sp_question *q, uint32_t d, double *lo, double *hi)
{
    *lo = *hi = 0;
    for (uint32_t o = 0; o < q->noptions; o++) {
        double w = option_weight(q, o, d);
        *lo = o == 0 || w < *lo ? w : *lo;
        *hi = o == 0 || w > *hi ? w : *hi;
    }
}

static int chosen_option(const sp_answer *a)
{
    for (int o = 0; o < SP_MAX_OPTIONS; o++)
        if (a->chosen & (1u << o))
            return o;
    return -1;
}

/* What response r gives direction d, following score.c: knowledge items count when presented
 * (skipped = no credit), likert and choice items only when answered. */
static part part_of(const sp_response *r, uint32_t d)
{
    part p = {0};
    const sp_question *q = r->q;
    if (q->kind == SP_KIND_KNOWLEDGE) {
        p.k = key_for(q, d);
        p.in = p.k > 0 && r->a.state != SP_ANSWER_NONE;
        p.c = sp_knowledge_credit(q, &r->a);
    } else if (r->a.state == SP_ANSWER_GIVEN && q->kind == SP_KIND_LIKERT) {
        double w = key_for(q, d);
        p.in = w != 0;
        p.s = w * (r->a.value - 3) / 2.0;
        p.l = -fabs(w);
        p.h = fabs(w);
    } else if (r->a.state == SP_ANSWER_GIVEN) {
        choice_range(q, d, &p.l, &p.h);
        p.in = p.h > p.l;
        int o = chosen_option(&r->a);
        p.s = o >= 0 ? option_weight(q, (uint32_t)o, d) : 0;
    }
    return p;
}

/* Whether item q scores direction d at all (for any answer). */
static bool scores_dir(const sp_question *q, uint32_t d)
{
    if (q->kind != SP_KIND_CHOICE)
        return q->kind == SP_KIND_KNOWLEDGE ? key_for(q, d) > 0 : key_for(q, d) != 0;
    double lo, hi;
    choice_range(q, d, &lo, &hi);
    return hi > lo;
}

/* ---- Building -------------------------------------------------------------------------------- */

static bool alloc_item(sp_analysis *a, item_acc *it, const sp_question *q)
{
    it->dir = calloc(a->ndirs ? a->ndirs : 1, sizeof(*it->dir));
    if (!it->dir)
        return false;
    if (q->kind == SP_KIND_CHOICE) {
        size_t n = (size_t)q->noptions * (a->ndirs ? a->ndirs : 1);
        it->opt_n = calloc(n, sizeof(double));
        it->opt_sum = calloc(n, sizeof(double));
        return it->opt_n && it->opt_sum;
    }
    if (q->kind == SP_KIND_KNOWLEDGE)
        return (it->de = calloc(1, sizeof(*it->de))) != NULL;
    return true;
}

static bool build_items(sp_analysis *a)
{
    for (size_t b = 0; b < sp_quiz_bank_count(a->quiz); b++)
        a->nitems += sp_quiz_bank(a->quiz, b)->nquestions;
    size_t n = a->nitems ? a->nitems : 1;
    a->questions = calloc(n, sizeof(*a->questions));
    a->acc = calloc(n, sizeof(*a->acc));
    if (!a->questions || !a->acc)
        return false;
    size_t i = 0;
    for (size_t b = 0; b < sp_quiz_bank_count(a->quiz); b++) {
        const sp_bank *bank = sp_quiz_bank(a->quiz, b);
        for (size_t j = 0; j < bank->nquestions; j++, i++) {
            a->questions[i] = &bank->questions[j];
            if (!alloc_item(a, &a->acc[i], a->questions[i]))
                return false;
        }
    }
    return true;
}

static bool build_scale(sp_analysis *a, uint32_t s)
{
    scale_acc *sc = &a->scales[s];
    uint32_t d = s / 2;
    bool knowledge = s % 2 == 0;
    int32_t *pos = a->scale_pos + (size_t)s * a->nitems;
    for (size_t i = 0; i < a->nitems; i++) {
        const sp_question *q = a->questions[i];
        bool member = (q->kind == SP_KIND_KNOWLEDGE) == knowledge && scores_dir(q, d);
        pos[i] = member ? (int32_t)sc->nmembers++ : -1;
    }
    size_t k = sc->nmembers ? sc->nmembers : 1;
    sc->members = calloc(k, sizeof(*sc->members));
    sc->mn = calloc(k, sizeof(double));
    sc->ms = calloc(k, sizeof(double));
    sc->mss = calloc(k, sizeof(double));
    if (!sc->members || !sc->mn || !sc->ms || !sc->mss)
        return false;
    for (size_t i = 0; i < a->nitems; i++)
        if (pos[i] >= 0)
            sc->members[pos[i]] = (uint32_t)i;
    if (sc->nmembers < 2 || sc->nmembers > SP_ANALYZE_MAX_SCALE_ITEMS)
        return true;
    size_t npairs = (size_t)sc->nmembers * (sc->nmembers - 1) / 2;
    return (sc->pairs = calloc(npairs, sizeof(*sc->pairs))) != NULL;
}

sp_analysis *sp_analysis_new(const sp_quiz *quiz, const sp_analyze_opts *opts)
{
    sp_analysis *a = calloc(1, sizeof(*a));
    if (!a)
        return NULL;
    a->quiz = quiz;
    a->opts = opts ? *opts : SP_ANALYZE_DEFAULTS;
    a->ndirs = sp_quiz_directions(quiz)->count;
    if (a->ndirs > SP_MAX_DIRECTIONS)
        a->ndirs = SP_MAX_DIRECTIONS;
    if (!build_items(a))
        goto fail;
    a->scale_pos = malloc((size_t)2 * a->ndirs * (a->nitems ? a->nitems : 1) * sizeof(int32_t));
    if (!a->scale_pos)
        goto fail;
    for (uint32_t s = 0; s < 2 * a->ndirs; s++)
        if (!build_scale(a, s))
            goto fail;
    return a;
fail:
    sp_analysis_free(a);
    return NULL;
}

void sp_analysis_free(sp_analysis *a)
{
    if (!a)
        return;
    for (size_t i = 0; a->acc && i < a->nitems; i++) {
        free(a->acc[i].dir);
        free(a->acc[i].opt_n);
        free(a->acc[i].opt_sum);
        free(a->acc[i].de);
    }
    for (uint32_t s = 0; s < 2 * SP_MAX_DIRECTIONS; s++) {
        scale_acc *sc = &a->scales[s];
        free(sc->members);
        free(sc->mn);
        free(sc->ms);
        free(sc->mss);
        free(sc->pairs);
    }
    free(a->acc);
    free(a->questions);
    free(a->scale_pos);
    free(a->work_pos);
    free(a->work_val);
    free(a->items);
    free(a);
}

/* ---- Adding a result ------------------------------------------------------------------------- */

/* The index of q among the analysis's items, or -1. */
static long item_index(const sp_analysis *a, const sp_question *q)
{
    size_t base = 0;
    for (size_t b = 0; b < sp_quiz_bank_count(a->quiz); b++) {
        const sp_bank *bank = sp_quiz_bank(a->quiz, b);
        if (q->bank == bank && q >= bank->questions && q < bank->questions + bank->nquestions)
            return (long)(base + (size_t)(q - bank->questions));
        base += bank->nquestions;
    }
    return -1;
}

/* A result's totals per direction, as score.c sums them. */
typedef struct totals {
    double s[SP_MAX_DIRECTIONS], l[SP_MAX_DIRECTIONS], h[SP_MAX_DIRECTIONS];
    double kw[SP_MAX_DIRECTIONS], kc[SP_MAX_DIRECTIONS];
} totals;

static void sum_totals(const sp_analysis *a, const sp_response *r, size_t n, totals *t)
{
    memset(t, 0, sizeof(*t));
    for (size_t j = 0; j < n; j++) {
        for (uint32_t d = 0; d < a->ndirs; d++) {
            part p = part_of(&r[j], d);
            if (!p.in)
                continue;
            t->s[d] += p.s;
            t->l[d] += p.l;
            t->h[d] += p.h;
            t->kw[d] += p.k;
            t->kc[d] += p.k * p.c;
        }
    }
}

/* The rest of d's scale without the item's part p (p.in false: the whole scale). False when
 * nothing is left to score d with. */
static bool rest_of(const totals *t, uint32_t d, const part *p, bool knowledge, double *out)
{
    if (knowledge) {
        double w = t->kw[d] - (p->in ? p->k : 0);
        *out = w > EPS ? (t->kc[d] - (p->in ? p->k * p->c : 0)) / w : 0;
        return w > EPS;
    }
    double s = t->s[d] - (p->in ? p->s : 0), l = t->l[d] - (p->in ? p->l : 0);
    double h = t->h[d] - (p->in ? p->h : 0);
    *out = h - l > EPS ? (s - l) / (h - l) : 0;
    return h - l > EPS;
}

static void hist_add(double *cnt, double *sum, double v)
{
    int b = (int)(v * DE_BINS);
    b = b < 0 ? 0 : b >= DE_BINS ? DE_BINS - 1 : b;
    cnt[b] += 1;
    sum[b] += v;
}

static int primary_dir(const sp_question *q, uint32_t ndirs);

/* Counts the answer to item i and adds it against every direction's rest. */
static void add_item(sp_analysis *a, size_t i, const sp_response *r, const totals *t)
{
    item_acc *it = &a->acc[i];
    const sp_question *q = r->q;
    bool knowledge = q->kind == SP_KIND_KNOWLEDGE;
    if (!knowledge && r->a.state != SP_ANSWER_GIVEN)
        return;
    double x = knowledge ? sp_knowledge_credit(q, &r->a) : r->a.value;
    it->n += 1;
    it->s += x;
    it->ss += x * x;
    int own = knowledge ? primary_dir(q, a->ndirs) : -1;
    int o = q->kind == SP_KIND_CHOICE ? chosen_option(&r->a) : -1;
    for (uint32_t d = 0; d < a->ndirs; d++) {
        part p = part_of(r, d);
        double rest;
        if (!rest_of(t, d, &p, knowledge, &rest))
            continue;
        sp_moments_add(&it->dir[d], q->kind == SP_KIND_CHOICE ? p.s : x, rest);
        if (o >= 0) {
            it->opt_n[(size_t)o * a->ndirs + d] += 1;
            it->opt_sum[(size_t)o * a->ndirs + d] += rest;
        }
        if (knowledge && (int)d == own) {
            hist_add(it->de->xn, it->de->xs, x);
            hist_add(it->de->rn, it->de->rs, rest);
        }
    }
}

static bool work_reserve(sp_analysis *a, size_t n)
{
    if (n <= a->work_cap)
        return true;
    uint32_t *p = realloc(a->work_pos, n * sizeof(*p));
    if (p)
        a->work_pos = p;
    double *v = realloc(a->work_val, n * sizeof(*v));
    if (v)
        a->work_val = v;
    if (!p || !v)
        return false;
    a->work_cap = n;
    return true;
}

static size_t pair_index(uint32_t k, uint32_t p, uint32_t q)
{
    return (size_t)p * k - (size_t)p * (p + 1) / 2 + (q - p - 1);
}

/* Adds the result's members of scale s: their scored values, and every pair of them. */
static void add_scale(sp_analysis *a, uint32_t s, const sp_response *r, const long *idx, size_t n,
                      const sp_outcome *out)
{
    scale_acc *sc = &a->scales[s];
    uint32_t d = s / 2;
    const int32_t *pos = a->scale_pos + (size_t)s * a->nitems;
    size_t m = 0;
    for (size_t j = 0; j < n; j++) {
        part p = part_of(&r[j], d);
        if (!p.in || pos[idx[j]] < 0)
            continue;
        a->work_pos[m] = (uint32_t)pos[idx[j]];
        a->work_val[m++] = s % 2 == 0 ? p.k * p.c : p.s;
    }
    for (size_t x = 0; x < m; x++) {
        uint32_t px = a->work_pos[x];
        sc->mn[px] += 1;
        sc->ms[px] += a->work_val[x];
        sc->mss[px] += a->work_val[x] * a->work_val[x];
        for (size_t y = 0; sc->pairs && y < m; y++) {
            uint32_t py = a->work_pos[y];
            if (px < py)
                sp_moments_add(&sc->pairs[pair_index(sc->nmembers, px, py)], a->work_val[x],
                               a->work_val[y]);
        }
    }
    const sp_dir_score *ds = &out->scores[d];
    bool has = s % 2 == 0 ? ds->has_aptitude : ds->has_interest;
    if (m == 0 || !has)
        return;
    double v = s % 2 == 0 ? ds->aptitude : ds->interest;
    sc->results += 1;
    sc->sum_k += (double)m;
    sc->score_n += 1;
    sc->score_s += v;
    sc->score_ss += v * v;
}

static void add_cohort(sp_analysis *a, const sp_outcome *out)
{
    sp_cohort_stats *c = &a->cohort;
    c->results++;
    if (out->primary >= 0 && (uint32_t)out->primary < a->ndirs)
        c->primary[out->primary]++;
    else
        c->no_primary++;
    c->near_tie += out->nnear_tie > 0;
    c->exact_tie += out->exact_tie && out->nranked > 1;
    c->flat_close += out->flat == SP_FLAT_CLOSE_FITS;
    c->flat_same += out->flat == SP_FLAT_SAME_LIKERT;
    c->level[out->level <= SP_LEVEL_EXPERT ? out->level : 0]++;
    c->answered += out->answered;
    c->skipped += out->skipped;
    for (uint32_t d = 0; d < a->ndirs; d++) {
        const sp_dir_score *s = &out->scores[d];
        dir_acc *da = &a->dirs[d];
        if (s->has_interest) {
            da->in += 1;
            da->is += s->interest;
        }
        if (s->has_aptitude) {
            da->an += 1;
            da->as += s->aptitude;
        }
        if (!s->has_interest && !s->has_aptitude)
            continue;
        da->n += 1;
        da->s += s->fit;
        da->ss += s->fit * s->fit;
        int b = (int)(s->fit * SP_ANALYZE_FIT_BINS);
        c->dirs[d].hist[b < 0 ? 0 : b >= SP_ANALYZE_FIT_BINS ? SP_ANALYZE_FIT_BINS - 1 : b]++;
    }
}

/* Counts an item as seen, and its answer by option or likert point. */
static void count_answer(item_acc *it, const sp_response *r)
{
    it->seen++;
    if (r->a.state != SP_ANSWER_GIVEN) {
        it->skipped++;
        return;
    }
    it->answered++;
    if (r->q->kind == SP_KIND_LIKERT) {
        it->chosen[r->a.value >= 1 && r->a.value <= 5 ? r->a.value - 1 : 0]++;
        return;
    }
    for (uint32_t o = 0; o < r->q->noptions && o < SP_MAX_OPTIONS; o++)
        it->chosen[o] += (r->a.chosen >> o) & 1u;
}

int sp_analysis_add(sp_analysis *a, const sp_response *r, size_t n, const sp_outcome *out)
{
    if (a->finished || out->ndirs != a->ndirs)
        return SP_EINVAL;
    long *idx = malloc((n ? n : 1) * sizeof(*idx));
    if (!idx || !work_reserve(a, n ? n : 1)) {
        free(idx);
        return SP_ENOMEM;
    }
    for (size_t j = 0; j < n; j++) {
        if ((idx[j] = item_index(a, r[j].q)) < 0) {
            free(idx);
            return SP_EINVAL;
        }
    }
    totals t;
    sum_totals(a, r, n, &t);
    for (size_t j = 0; j < n; j++) {
        if (r[j].a.state == SP_ANSWER_NONE)
            continue;
        count_answer(&a->acc[idx[j]], &r[j]);
        add_item(a, (size_t)idx[j], &r[j], &t);
    }
    for (uint32_t s = 0; s < 2 * a->ndirs; s++)
        add_scale(a, s, r, idx, n, out);
    add_cohort(a, out);
    free(idx);
    return 0;
}

/* ---- Finishing ------------------------------------------------------------------------------- */

/* The direction an item scores most (largest |weight|, or widest range for a choice item;
 * first in the quiz's order on ties), or -1. */
static int primary_dir(const sp_question *q, uint32_t ndirs)
{
    int best = -1;
    double most = 0;
    for (uint32_t d = 0; d < ndirs; d++) {
        double m, lo, hi;
        if (q->kind == SP_KIND_CHOICE) {
            choice_range(q, d, &lo, &hi);
            m = hi - lo;
        } else {
            m = fabs(key_for(q, d));
        }
        if (m > most + EPS) {
            most = m;
            best = (int)d;
        }
    }
    return best;
}

/* Sum of x(s) r(s) over the ranks s when both are sorted on their own: Moodle's pairing for
 * the largest covariance, here over the bins (each value taken as its bin's mean). */
static double sorted_pairing(const de_hist *h)
{
    int bx = 0, br = 0;
    double left_x = h->xn[0], left_r = h->rn[0], sum = 0;
    for (;;) {
        while (bx < DE_BINS && left_x <= 0)
            left_x = ++bx < DE_BINS ? h->xn[bx] : 0;
        while (br < DE_BINS && left_r <= 0)
            left_r = ++br < DE_BINS ? h->rn[br] : 0;
        if (bx >= DE_BINS || br >= DE_BINS)
            return sum;
        double m = left_x < left_r ? left_x : left_r;
        sum += m * (h->xs[bx] / h->xn[bx]) * (h->rs[br] / h->rn[br]);
        left_x -= m;
        left_r -= m;
    }
}

static sp_stat efficiency(const item_acc *it, int own)
{
    const sp_moments *m = &it->dir[own];
    if (m->n < 2)
        return stat_none(SP_STAT_TOO_FEW);
    double c = (m->sxy - m->sx * m->sy / m->n) / (m->n - 1);
    double cmax = (sorted_pairing(it->de) - m->sx * m->sy / m->n) / (m->n - 1);
    if (cmax <= EPS * EPS)
        return stat_none(SP_STAT_NO_VARIANCE);
    return stat_ok(100 * c / cmax);
}

static sp_stat times100(sp_stat s)
{
    if (s.state == SP_STAT_OK)
        s.value *= 100;
    return s;
}

static void option_correlations(const sp_analysis *a, const item_acc *it, sp_item_stats *st)
{
    for (uint32_t o = 0; o < st->q->noptions && o < SP_MAX_OPTIONS; o++) {
        for (uint32_t d = 0; d < a->ndirs; d++) {
            double k = it->opt_n[(size_t)o * a->ndirs + d];
            sp_moments m = {it->dir[d].n,   k,
                            it->dir[d].sy,  k,
                            it->dir[d].syy, it->opt_sum[(size_t)o * a->ndirs + d]};
            st->option_r[o][d] = sp_moments_r(&m);
        }
    }
}

/* True when statistic s of direction d is solid enough to raise a flag. */
static bool solid(const sp_analysis *a, const sp_item_stats *st, int d)
{
    return d >= 0 && st->dirs[d].n >= a->opts.min_n && st->dirs[d].r.state == SP_STAT_OK;
}

/* The item's correlation with its own scale, turned so that positive is as keyed. */
static double keyed_sign(const sp_item_stats *st)
{
    return st->q->kind == SP_KIND_LIKERT && key_for(st->q, (uint32_t)st->own_dir) < 0 ? -1 : 1;
}

/* How far r2 (over n2 results) must exceed r1 (over n1) to count: the margin of the options,
 * and at least two standard errors of the difference, (1 - r^2) / sqrt(n - 1) each, taken
 * as independent (a rough, conservative test: the two share their results). */
static double needed(const sp_analysis *a, double r1, double n1, double r2, double n2)
{
    double se1 = (1 - r1 * r1) / sqrt(n1 > 1 ? n1 - 1 : 1);
    double se2 = (1 - r2 * r2) / sqrt(n2 > 1 ? n2 - 1 : 1);
    double two_se = 2 * sqrt(se1 * se1 + se2 * se2);
    return two_se > a->opts.other_margin ? two_se : a->opts.other_margin;
}

static void flag_other_scale(const sp_analysis *a, sp_item_stats *st)
{
    if (!solid(a, st, st->own_dir))
        return;
    double sign = keyed_sign(st), own = sign * st->dirs[st->own_dir].r.value, excess = 0;
    double own_n = (double)st->dirs[st->own_dir].n;
    for (uint32_t d = 0; d < a->ndirs; d++) {
        if (st->dirs[d].own || !solid(a, st, (int)d))
            continue;
        double v = sign * st->dirs[d].r.value;
        if (v - own > excess && v - own > needed(a, own, own_n, v, (double)st->dirs[d].n)) {
            excess = v - own;
            st->other_dir = (int)d;
        }
    }
    if (st->other_dir >= 0)
        st->flags |= SP_FLAG_OTHER_SCALE;
}

/* The direction option o weights most, or -1 when it gives none a positive weight. */
static int option_dir(const sp_question *q, uint32_t o, uint32_t ndirs)
{
    int best = -1;
    double most = 0;
    for (uint32_t d = 0; d < ndirs; d++) {
        double w = option_weight(q, o, d);
        if (w > most + EPS) {
            most = w;
            best = (int)d;
        }
    }
    return best;
}

/* A choice option that goes with another direction's interest more than with its own. */
static void flag_other_option(const sp_analysis *a, sp_item_stats *st)
{
    double excess = 0;
    for (uint32_t o = 0; o < st->q->noptions && o < SP_MAX_OPTIONS; o++) {
        int t = option_dir(st->q, o, a->ndirs);
        if (t < 0 || st->chosen[o] < 2 || st->dirs[t].n < a->opts.min_n ||
            st->option_r[o][t].state != SP_STAT_OK)
            continue;
        for (uint32_t d = 0; d < a->ndirs; d++) {
            const sp_stat *r = &st->option_r[o][d];
            double own = st->option_r[o][t].value;
            if (option_weight(st->q, o, d) != 0 || st->dirs[d].n < a->opts.min_n ||
                r->state != SP_STAT_OK || r->value - own <= excess ||
                r->value - own <=
                    needed(a, own, (double)st->dirs[t].n, r->value, (double)st->dirs[d].n))
                continue;
            excess = r->value - own;
            st->other_dir = (int)d;
            st->other_option = (int)o;
        }
    }
    if (st->other_dir >= 0)
        st->flags |= SP_FLAG_OTHER_SCALE;
}

static void flag_knowledge(const sp_analysis *a, sp_item_stats *st)
{
    const sp_analyze_opts *o = &a->opts;
    bool enough = st->own_dir >= 0 && st->dirs[st->own_dir].n >= o->min_n;
    if (enough && st->discrimination.state == SP_STAT_OK && st->discrimination.value < 0)
        st->flags |= SP_FLAG_NEGATIVE;
    else if (enough && st->efficiency.state == SP_STAT_OK &&
             st->efficiency.value < o->min_efficiency)
        st->flags |= SP_FLAG_INEFFICIENT;
    if (st->seen < o->min_n || st->facility.state != SP_STAT_OK)
        return;
    if (st->facility.value >= o->easy)
        st->flags |= SP_FLAG_EASY;
    else if (st->facility.value <= o->hard)
        st->flags |= SP_FLAG_HARD;
    else if (st->facility.value < st->random_guess)
        st->flags |= SP_FLAG_BELOW_GUESS;
}

static void flag_item(const sp_analysis *a, sp_item_stats *st)
{
    const sp_question *q = st->q;
    if (q->kind == SP_KIND_KNOWLEDGE)
        flag_knowledge(a, st);
    else if (solid(a, st, st->own_dir) && keyed_sign(st) * st->dirs[st->own_dir].r.value < 0)
        st->flags |= SP_FLAG_NEGATIVE;
    if (q->kind == SP_KIND_CHOICE)
        flag_other_option(a, st);
    else
        flag_other_scale(a, st);
    if (q->kind == SP_KIND_LIKERT || st->answered < a->opts.min_n)
        return;
    for (uint32_t o = 0; o < q->noptions && o < SP_MAX_OPTIONS; o++)
        if (st->chosen[o] == 0)
            st->flags |= SP_FLAG_UNCHOSEN;
}

static void finish_item(const sp_analysis *a, size_t i, sp_item_stats *st)
{
    const item_acc *it = &a->acc[i];
    const sp_question *q = a->questions[i];
    st->q = q;
    st->own_dir = primary_dir(q, a->ndirs);
    st->seen = it->seen;
    st->answered = it->answered;
    st->skipped = it->skipped;
    memcpy(st->chosen, it->chosen, sizeof(st->chosen));
    st->other_dir = st->other_option = -1;
    st->mean = q->kind == SP_KIND_CHOICE ? stat_none(SP_STAT_NONE) : mean_of(it->n, it->s);
    st->sd = q->kind == SP_KIND_CHOICE ? stat_none(SP_STAT_NONE) : sample_sd(it->n, it->s, it->ss);
    st->facility = st->discrimination = st->efficiency = stat_none(SP_STAT_NONE);
    for (uint32_t d = 0; d < a->ndirs; d++) {
        st->dirs[d].own = scores_dir(q, d);
        st->dirs[d].n = (uint64_t)it->dir[d].n;
        st->dirs[d].r = sp_moments_r(&it->dir[d]);
    }
    if (q->kind == SP_KIND_KNOWLEDGE) {
        st->facility = times100(st->mean);
        st->random_guess = sp_random_guess_score(q);
        if (st->own_dir >= 0) {
            st->discrimination = times100(st->dirs[st->own_dir].r);
            st->efficiency = efficiency(it, st->own_dir);
        }
    }
    if (q->kind == SP_KIND_CHOICE)
        option_correlations(a, it, st);
    flag_item(a, st);
}

/* Alpha of the scale from its pairwise sums: item variances pooled over the results that saw
 * each item, covariances over the results that saw both items of a pair, both weighted by
 * those counts. */
static void scale_alpha(const scale_acc *sc, sp_scale_stats *st)
{
    double vw = 0, vn = 0, cw = 0, cn = 0;
    uint32_t with_data = 0;
    for (uint32_t i = 0; i < sc->nmembers; i++) {
        if (sc->mn[i] < 2)
            continue;
        vw += spread(sc->mn[i], sc->ms[i], sc->mss[i]) / (sc->mn[i] - 1);
        vn += sc->mn[i];
        with_data++;
    }
    size_t npairs = sc->pairs ? (size_t)sc->nmembers * (sc->nmembers - 1) / 2 : 0;
    for (size_t p = 0; p < npairs; p++) {
        const sp_moments *m = &sc->pairs[p];
        if (m->n < 2)
            continue;
        cw += (m->sxy - m->sx * m->sy / m->n) / (m->n - 1) * m->n;
        cn += m->n;
        st->pairs++;
    }
    if (st->form_items <= 1 + EPS || !sc->pairs) {
        st->alpha = st->alpha_pool = stat_none(SP_STAT_NONE);
        return;
    }
    if (vn == 0 || cn == 0) {
        st->alpha = st->alpha_pool = stat_none(SP_STAT_TOO_FEW);
        return;
    }
    st->alpha = sp_alpha(st->form_items, vw / vn, cw / cn);
    st->alpha_pool = sp_alpha(with_data, vw / vn, cw / cn);
}

static void finish_scale(const sp_analysis *a, uint32_t s, sp_scale_stats *st)
{
    const scale_acc *sc = &a->scales[s];
    st->dir = (int)(s / 2);
    st->knowledge = s % 2 == 0;
    st->items = sc->nmembers;
    st->results = (uint64_t)sc->results;
    st->form_items = sc->results > 0 ? sc->sum_k / sc->results : 0;
    st->mean = mean_of(sc->score_n, sc->score_s);
    st->sd = sample_sd(sc->score_n, sc->score_s, sc->score_ss);
    scale_alpha(sc, st);
    if (st->alpha.state == SP_STAT_OK && st->sd.state == SP_STAT_OK)
        st->sem = stat_ok(st->sd.value * sqrt(st->alpha.value < 1 ? 1 - st->alpha.value : 0));
    else
        st->sem = stat_none(st->alpha.state == SP_STAT_OK ? st->sd.state : st->alpha.state);
}

static void finish_cohort(sp_analysis *a)
{
    for (uint32_t d = 0; d < a->ndirs; d++) {
        const dir_acc *da = &a->dirs[d];
        sp_dir_summary *s = &a->cohort.dirs[d];
        s->n = (uint64_t)da->n;
        s->mean = mean_of(da->n, da->s);
        s->sd = sample_sd(da->n, da->s, da->ss);
        s->interest = mean_of(da->in, da->is);
        s->aptitude = mean_of(da->an, da->as);
    }
}

int sp_analysis_finish(sp_analysis *a)
{
    if (a->finished)
        return 0;
    a->items = calloc(a->nitems ? a->nitems : 1, sizeof(*a->items));
    if (!a->items)
        return SP_ENOMEM;
    for (size_t i = 0; i < a->nitems; i++)
        finish_item(a, i, &a->items[i]);
    for (uint32_t s = 0; s < 2 * a->ndirs; s++)
        finish_scale(a, s, &a->scale_stats[s]);
    finish_cohort(a);
    a->finished = true;
    return 0;
}

/* ---- Accessors ------------------------------------------------------------------------------- */

const sp_quiz *sp_analysis_quiz(const sp_analysis *a)
{
    return a->quiz;
}

const sp_analyze_opts *sp_analysis_opts(const sp_analysis *a)
{
    return &a->opts;
}

const sp_cohort_stats *sp_analysis_cohort(const sp_analysis *a)
{
    return &a->cohort;
}

size_t sp_analysis_item_count(const sp_analysis *a)
{
    return a->finished ? a->nitems : 0;
}

const sp_item_stats *sp_analysis_item(const sp_analysis *a, size_t i)
{
    return a->finished && i < a->nitems ? &a->items[i] : NULL;
}

size_t sp_analysis_scale_count(const sp_analysis *a)
{
    return a->finished ? 2 * (size_t)a->ndirs : 0;
}

const sp_scale_stats *sp_analysis_scale(const sp_analysis *a, size_t i)
{
    return a->finished && i < 2 * (size_t)a->ndirs ? &a->scale_stats[i] : NULL;
}

static double skip_rate(const sp_item_stats *st)
{
    return st->seen ? (double)st->skipped / (double)st->seen : 0;
}

size_t sp_analysis_most_skipped(const sp_analysis *a, size_t *idx, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; a->finished && i < a->nitems; i++) {
        if (a->items[i].skipped == 0)
            continue;
        /* insertion into the sorted top list; equal rates keep quiz order */
        size_t at = n;
        while (at > 0 && skip_rate(&a->items[i]) > skip_rate(&a->items[idx[at - 1]]))
            at--;
        if (at >= max)
            continue;
        size_t last = n < max ? n : max - 1;
        memmove(idx + at + 1, idx + at, (last - at) * sizeof(*idx));
        idx[at] = i;
        n = n < max ? n + 1 : max;
    }
    return n;
}
