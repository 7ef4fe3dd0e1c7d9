/* Adaptive quizzes: the selection and stopping rules of docs/scoring.md, section 11.
 *
 * Everything that decides which item comes next or whether to stop is computed here in 64-bit
 * integers: weights and keys in thousandths, knowledge credit in 1/27720ths (27720 is the least
 * common multiple of 1..12, so every credit h/|C| - m/|W| is a whole number of them), fits in
 * millionths. The only inputs taken from sp_score's floating-point outcome are the ones a
 * result already records and every replay must already reproduce: the primary direction, the
 * near tie, the flat verdict and the standard errors of the gaps (rounded to millionths). */
#include "signpost/adaptive.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PPM         INT64_C(1000000)
#define CREDIT_UNIT INT64_C(27720)
/* The standard error of a gap assumed before one can be estimated: about what a placement form
 * gives (scoring.md, section 10). */
#define SE_PRIOR INT64_C(250000)

/* Each unasked item's standing in the choice of the next one. */
typedef struct candidate {
    long index;    /* in the form */
    int64_t need;  /* unmet requirements it meets */
    int64_t value; /* its weighted leverage on the contest for the lead */
} candidate;

/* Integer sums over the items asked, per direction (section 3 and 4 of scoring.md). */
typedef struct sums {
    int64_t isum[SP_MAX_DIRECTIONS];   /* interest earned above the least, in 1/2000 of a weight */
    int64_t irange[SP_MAX_DIRECTIONS]; /* the interest range of the items answered */
    int64_t kcred[SP_MAX_DIRECTIONS];  /* knowledge key x credit, in 1/1000 x 1/27720 */
    int64_t kw[SP_MAX_DIRECTIONS];     /* knowledge key x 27720 of the items asked */
} sums;

/* What the rule works with in one decision. */
typedef struct ctx {
    const sp_directions *dirs;
    const sp_scoring *p;
    const sp_adaptive_bounds *b;
    const sp_form *form;
    uint32_t ndirs;
    int64_t a; /* interest_weight in millionths */
    sums s;
    sp_outcome o;
    bool *asked; /* per form item */
    size_t n;    /* items asked */
} ctx;

const char *sp_stop_name(sp_stop stop)
{
    static const char *const names[] = {NULL, "settled", "curtailed", "budget"};
    return (unsigned)stop < SP_STOP_COUNT ? names[stop] : NULL;
}

sp_stop sp_stop_from_name(const char *name)
{
    for (int i = 1; i < SP_STOP_COUNT; i++)
        if (name && strcmp(name, sp_stop_name((sp_stop)i)) == 0)
            return (sp_stop)i;
    return SP_STOP_NO;
}

sp_adaptive_bounds sp_adaptive_bounds_for(const sp_manifest *m, const sp_form *form)
{
    uint32_t count = (uint32_t)sp_form_count(form);
    sp_adaptive_bounds b = {SP_ADAPTIVE_DEFAULT_MIN, count, SP_ADAPTIVE_DEFAULT_CONFIDENCE};
    if (m->mode == SP_MODE_ADAPTIVE)
        b = m->adaptive;
    if (b.max_items == 0 || b.max_items > count)
        b.max_items = count;
    if (b.min_items > b.max_items)
        b.min_items = b.max_items;
    return b;
}

/* x (|x| <= 10, or 0..1) in units of 1/scale, rounded half up: the same in C and JavaScript,
 * since x * scale + 0.5 is one correctly rounded operation each and floor is exact. */
static int64_t fixed(double x, double scale)
{
    return (int64_t)floor(x * scale + 0.5);
}

static int64_t abs64(int64_t x)
{
    return x < 0 ? -x : x;
}

static int bits(uint32_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

/* ---- One item, in integers ------------------------------------------------------------------ */

/* The sum of q's keys for direction d, in thousandths (likert keys, knowledge keys). */
static int64_t key_of(const sp_question *q, uint32_t d)
{
    int64_t k = 0;
    for (uint32_t i = 0; i < q->nkeys; i++)
        if (q->keys[i].dir_index == (int)d)
            k += fixed(q->keys[i].value, 1000);
    return k;
}

/* The weight option o of a choice item gives d, in thousandths. */
static int64_t option_w(const sp_question *q, uint32_t o, uint32_t d)
{
    const sp_option *opt = &q->options[o];
    for (uint32_t k = 0; k < opt->nweights; k++)
        if (opt->weights[k].dir_index == (int)d)
            return fixed(opt->weights[k].value, 1000);
    return 0;
}

static void option_range(const sp_question *q, uint32_t d, int64_t *lo, int64_t *hi)
{
    *lo = *hi = 0;
    for (uint32_t o = 0; o < q->noptions; o++) {
        int64_t w = option_w(q, o, d);
        if (o == 0 || w < *lo)
            *lo = w;
        if (o == 0 || w > *hi)
            *hi = w;
    }
}

/* The interest range an interest item gives d, in 1/2000 of a weight (0: it cannot move d). */
static int64_t interest_range(const sp_question *q, uint32_t d)
{
    if (q->kind == SP_KIND_LIKERT)
        return 4 * abs64(key_of(q, d));
    if (q->kind != SP_KIND_CHOICE)
        return 0;
    int64_t lo, hi;
    option_range(q, d, &lo, &hi);
    return 2 * (hi - lo);
}

/* What an answer earns d above the least the item allows: likert value v (1..5) or choice
 * option o. */
static int64_t interest_earned(const sp_question *q, uint32_t d, uint32_t v_or_o)
{
    if (q->kind == SP_KIND_LIKERT) {
        int64_t w = key_of(q, d);
        return w * ((int64_t)v_or_o - 3) + 2 * abs64(w);
    }
    int64_t lo, hi;
    option_range(q, d, &lo, &hi);
    return 2 * (option_w(q, v_or_o, d) - lo);
}

/* A knowledge answer's credit in 1/27720ths: exact, as |C| and |W| are at most 12. */
static int64_t credit_units(const sp_question *q, const sp_answer *a)
{
    if (a->state != SP_ANSWER_GIVEN)
        return 0;
    int64_t correct = bits(q->answer), wrong = (int64_t)q->noptions - correct;
    int64_t c = bits(a->chosen & q->answer) * CREDIT_UNIT / correct;
    if (wrong > 0)
        c -= bits(a->chosen & ~q->answer) * CREDIT_UNIT / wrong;
    return c > 0 ? c : 0;
}

static uint32_t chosen_option(const sp_answer *a)
{
    uint32_t o = 0;
    while (o < 31 && !(a->chosen & (1u << o)))
        o++;
    return o;
}

static void add_response(sums *s, uint32_t ndirs, const sp_response *r)
{
    const sp_question *q = r->q;
    for (uint32_t d = 0; d < ndirs; d++) {
        if (q->kind == SP_KIND_KNOWLEDGE) {
            int64_t k = key_of(q, d);
            if (k > 0) {
                s->kw[d] += k * CREDIT_UNIT;
                s->kcred[d] += k * credit_units(q, &r->a);
            }
            continue;
        }
        int64_t range = r->a.state == SP_ANSWER_GIVEN ? interest_range(q, d) : 0;
        if (range <= 0)
            continue;
        uint32_t v = q->kind == SP_KIND_LIKERT ? r->a.value : chosen_option(&r->a);
        s->irange[d] += range;
        s->isum[d] += interest_earned(q, d, v);
    }
}

/* ---- Fits in millionths --------------------------------------------------------------------- */

/* Direction d's fit from the sums, truncated to millionths; false when nothing measures d. */
static bool fit_of(const ctx *c, uint32_t d, int64_t *fit)
{
    const sums *s = &c->s;
    bool hi = s->irange[d] > 0, ha = s->kw[d] > 0;
    int64_t in = hi ? s->isum[d] * PPM / s->irange[d] : 0;
    int64_t ap = ha ? s->kcred[d] * PPM / s->kw[d] : 0;
    if (hi && ha)
        *fit = (c->a * in + (PPM - c->a) * ap) / PPM;
    else
        *fit = hi ? in : ap;
    return hi || ha;
}

/* The weight of the contest between the leader and runner-up d, 0..500: the normal tail
 * probability (in thousandths) that d is really ahead, from the gap g and its standard error
 * se, both in millionths. A table of 1000 * Phi(-t) at t = 0, 0.25, ..., 3, interpolated
 * linearly, so that no replay needs a transcendental function. */
static int64_t contest_weight(int64_t g, int64_t se)
{
    static const int64_t tail[] = {500, 401, 309, 227, 159, 106, 67, 40, 23, 12, 6, 3, 1};
    if (g <= 0)
        return 500;
    if (se <= 0)
        return 0;
    int64_t t = g * 100 / se; /* hundredths of a standard error */
    int64_t i = t / 25, f = t % 25;
    if (i >= 12)
        return 0;
    return tail[i] - (tail[i] - tail[i + 1]) * f / 25;
}

/* ---- Selection -------------------------------------------------------------------------- */

/* How much of a fit's weight interest and aptitude carry for d, in millionths. */
static int64_t interest_share(const ctx *c, uint32_t d)
{
    return c->s.kw[d] > 0 ? c->a : PPM;
}

static int64_t knowledge_share(const ctx *c, uint32_t d)
{
    return c->s.irange[d] > 0 ? PPM - c->a : PPM;
}

/* What answer number k (of the item's possible answers) adds to d's fit, in millionths of the
 * fit, against the item's own range added to the denominator. */
static int64_t contribution(const ctx *c, const sp_question *q, uint32_t d, uint32_t k)
{
    if (q->kind == SP_KIND_KNOWLEDGE) {
        int64_t key = key_of(q, d);
        if (key <= 0)
            return 0;
        int64_t cr = k ? CREDIT_UNIT : 0;
        return knowledge_share(c, d) * key * cr / (c->s.kw[d] + key * CREDIT_UNIT);
    }
    int64_t range = interest_range(q, d);
    if (range <= 0)
        return 0;
    uint32_t v = q->kind == SP_KIND_LIKERT ? (k ? 5 : 1) : k;
    return interest_share(c, d) * interest_earned(q, d, v) / (c->s.irange[d] + range);
}

/* The answers worth trying: likert 1 and 5 (the effect is linear in between), every option of
 * a choice item, no and full credit for a knowledge item. */
static uint32_t answer_count(const sp_question *q)
{
    return q->kind == SP_KIND_CHOICE ? q->noptions : 2;
}

/* The most the item's answer can move the gap between directions x and y (y < 0: x alone). */
static int64_t leverage(const ctx *c, const sp_question *q, uint32_t x, int y)
{
    int64_t lo = 0, hi = 0;
    for (uint32_t k = 0; k < answer_count(q); k++) {
        int64_t g = contribution(c, q, x, k) - (y >= 0 ? contribution(c, q, (uint32_t)y, k) : 0);
        if (k == 0 || g < lo)
            lo = g;
        if (k == 0 || g > hi)
            hi = g;
    }
    return hi - lo;
}

/* The gap's standard error for runner-up d, in millionths, or the prior. */
static int64_t gap_se(const ctx *c, uint32_t d)
{
    const sp_dir_score *s = &c->o.scores[d];
    return s->has_gap_se ? fixed(s->gap_se, 1e6) : SE_PRIOR;
}

/* Fills w with each direction's contest weight against the leader (0 for the leader itself and
 * for directions not measured); returns their sum. */
static int64_t contest_weights(const ctx *c, int64_t *w)
{
    int64_t total = 0, top = 0;
    int lead = c->o.primary;
    if (lead < 0 || !fit_of(c, (uint32_t)lead, &top))
        return 0;
    for (uint32_t d = 0; d < c->ndirs; d++) {
        int64_t fit;
        w[d] = 0;
        if ((int)d == lead || !fit_of(c, d, &fit))
            continue;
        w[d] = contest_weight(top - fit, gap_se(c, d));
        total += w[d];
    }
    return total;
}

/* The item's value for the contest: its leverage on each contested gap, weighted by how open
 * that contest is; with no contest open (or no leader yet) its leverage on every gap or fit. */
static int64_t item_value(const ctx *c, const sp_question *q, const int64_t *w, bool open)
{
    int64_t v = 0;
    int lead = c->o.primary;
    for (uint32_t d = 0; d < c->ndirs; d++) {
        if (lead < 0)
            v += leverage(c, q, d, -1);
        else if ((int)d != lead)
            v += (open ? w[d] : 1) * leverage(c, q, (uint32_t)lead, (int)d);
    }
    return v;
}

/* ---- Requirements: a sensible form ------------------------------------------------------ */

/* What the items asked already satisfy: an answered interest item and an asked knowledge item
 * for every direction, a knowledge item at every level, SP_ADAPTIVE_MIN_PER_KIND of each
 * kind. */
typedef struct reqs {
    bool interest[SP_MAX_DIRECTIONS], knowledge[SP_MAX_DIRECTIONS], level[5];
    uint32_t kind[SP_KIND_COUNT];
} reqs;

static void note_asked(reqs *r, const sp_response *x, uint32_t ndirs)
{
    const sp_question *q = x->q;
    r->kind[q->kind]++;
    if (q->kind == SP_KIND_KNOWLEDGE && q->level <= 4)
        r->level[q->level] = true;
    for (uint32_t d = 0; d < ndirs; d++) {
        if (q->kind == SP_KIND_KNOWLEDGE)
            r->knowledge[d] = r->knowledge[d] || key_of(q, d) > 0;
        else if (x->a.state == SP_ANSWER_GIVEN)
            r->interest[d] = r->interest[d] || interest_range(q, d) > 0;
    }
}

/* How many unmet requirements asking q would meet. */
static int64_t needs_met(const reqs *r, const sp_question *q, uint32_t ndirs)
{
    int64_t n = r->kind[q->kind] < SP_ADAPTIVE_MIN_PER_KIND;
    if (q->kind == SP_KIND_KNOWLEDGE && q->level <= 4 && !r->level[q->level])
        n++;
    for (uint32_t d = 0; d < ndirs; d++) {
        if (q->kind == SP_KIND_KNOWLEDGE)
            n += !r->knowledge[d] && key_of(q, d) > 0;
        else
            n += !r->interest[d] && interest_range(q, d) > 0;
    }
    return n;
}

/* ---- Stopping ---------------------------------------------------------------------------- */

static int cmp_desc(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? 1 : a > b ? -1 : 0;
}

/* The most the budget left could add to d's interest and knowledge denominators: the sum of
 * the budget's largest ranges among the unasked items (each kind counted with the whole
 * budget, which can only overstate). */
static void most_added(const ctx *c, uint32_t d, size_t budget, int64_t *tmp, int64_t *ri,
                       int64_t *rk)
{
    size_t count = sp_form_count(c->form);
    for (int pass = 0; pass < 2; pass++) {
        size_t m = 0;
        for (size_t i = 0; i < count; i++) {
            const sp_question *q = sp_form_item_at(c->form, i)->q;
            if (c->asked[i])
                continue;
            int64_t x = pass == 0 ? interest_range(q, d)
                                  : (q->kind == SP_KIND_KNOWLEDGE ? key_of(q, d) * CREDIT_UNIT : 0);
            if (x > 0)
                tmp[m++] = x;
        }
        qsort(tmp, m, sizeof(*tmp), cmp_desc);
        int64_t sum = 0;
        for (size_t i = 0; i < m && i < budget; i++)
            sum += tmp[i];
        *(pass == 0 ? ri : rk) = sum;
    }
}

static int64_t ceil_div(int64_t a, int64_t b)
{
    return (a + b - 1) / b;
}

/* d's fit at the least (lowest) or most (!lowest) the answers to the budget left could make it,
 * in millionths, rounded outwards. */
static int64_t fit_bound(const ctx *c, uint32_t d, size_t budget, int64_t *tmp, bool lowest)
{
    const sums *s = &c->s;
    int64_t ri = 0, rk = 0; /* most_added() sets both; said for -O2 flow analysis */
    most_added(c, d, budget, tmp, &ri, &rk);
    bool hi = s->irange[d] > 0, ha = s->kw[d] > 0;
    if ((!hi && ri > 0) || (!ha && rk > 0) || (!hi && !ha))
        return lowest ? 0 : PPM; /* the formula itself could change: anything goes */
    int64_t in = 0, ap = 0;
    if (hi)
        in = lowest ? s->isum[d] * PPM / (s->irange[d] + ri)
                    : ceil_div((s->isum[d] + ri) * PPM, s->irange[d] + ri);
    if (ha)
        ap = lowest ? s->kcred[d] * PPM / (s->kw[d] + rk)
                    : ceil_div((s->kcred[d] + rk) * PPM, s->kw[d] + rk);
    if (hi && ha)
        return lowest ? (c->a * in + (PPM - c->a) * ap) / PPM
                      : ceil_div(c->a * in + (PPM - c->a) * ap, PPM);
    return hi ? in : ap;
}

/* Deterministic curtailment: whatever the answers to the budget left, every runner-up stays
 * strictly below the leader. */
static bool curtailed(const ctx *c, size_t budget, int64_t *tmp)
{
    int lead = c->o.primary;
    if (lead < 0)
        return false;
    int64_t floor_lead = fit_bound(c, (uint32_t)lead, budget, tmp, true);
    for (uint32_t d = 0; d < c->ndirs; d++)
        if ((int)d != lead && fit_bound(c, d, budget, tmp, false) >= floor_lead)
            return false;
    return true;
}

/* The integer square root of x >= 0 (the largest r with r * r <= x), bit by bit: exact, and the
 * same in a JavaScript replay. */
static int64_t isqrt64(int64_t x)
{
    int64_t r = 0, bit = INT64_C(1) << 62;
    while (bit > x)
        bit >>= 2;
    for (; bit; bit >>= 2) {
        if (x >= r + bit) {
            x -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
    }
    return r;
}

/* The z a lead must reach after n items, in thousandths: z * sqrt(max_items / n), an
 * O'Brien-Fleming-like boundary. Looking after every answer and stopping at the first look past
 * a constant z settles far more often than its confidence says on a taker between two
 * directions (optional stopping); a boundary that is stricter early keeps the chance of a false
 * settle near the nominal one, and is z itself at the budget. */
static int64_t boundary(const ctx *c, int64_t z)
{
    int64_t n = (int64_t)c->n, max = (int64_t)c->b->max_items;
    if (n <= 0 || n >= max)
        return z;
    return z * isqrt64(max * PPM / n) / 1000;
}

/* The leader is settled: the result names no near tie and no flat profile, and the leader's
 * lead over every runner-up is beyond the margin and at least boundary(z) standard errors of the
 * gap, z for the stopping confidence (in millionths, the standard errors rounded to
 * millionths). */
static bool settled(const ctx *c)
{
    int lead = c->o.primary;
    int64_t top, fit;
    double zd;
    if (lead < 0 || c->o.nnear_tie > 0 || c->o.flat != SP_FLAT_NO ||
        !sp_confidence_z(c->b->confidence, &zd) || !fit_of(c, (uint32_t)lead, &top))
        return false;
    int64_t z = boundary(c, fixed(zd, 1000)), margin = fixed(c->p->near_tie, 1e6);
    for (uint32_t d = 0; d < c->ndirs; d++) {
        if ((int)d == lead || !fit_of(c, d, &fit))
            continue;
        const sp_dir_score *s = &c->o.scores[d];
        int64_t g = top - fit;
        if (g <= margin || !s->has_gap_se || g * 1000 < z * fixed(s->gap_se, 1e6))
            return false;
    }
    return true;
}

/* ---- Deciding ---------------------------------------------------------------------------- */

static bool better(const candidate *x, const candidate *y, const sp_form *form)
{
    if (x->need != y->need)
        return x->need > y->need;
    if (x->value != y->value)
        return x->value > y->value;
    return strcmp(sp_form_item_at(form, (size_t)x->index)->q->id,
                  sp_form_item_at(form, (size_t)y->index)->q->id) < 0;
}

/* Picks the next item; sets *open when some requirement is still unmet and can be met. */
static long pick(const ctx *c, const reqs *r, bool *open)
{
    int64_t w[SP_MAX_DIRECTIONS] = {0};
    bool contest = contest_weights(c, w) > 0;
    candidate best = {-1, 0, 0};
    *open = false;
    for (size_t i = 0; i < sp_form_count(c->form); i++) {
        if (c->asked[i])
            continue;
        const sp_question *q = sp_form_item_at(c->form, i)->q;
        candidate x = {(long)i, needs_met(r, q, c->ndirs), item_value(c, q, w, contest)};
        *open = *open || x.need > 0;
        if (best.index < 0 || better(&x, &best, c->form))
            best = x;
    }
    return best.index;
}

static uint32_t estimate_left(const ctx *c, size_t left_in_form)
{
    size_t budget = c->b->max_items > c->n ? c->b->max_items - c->n : 0;
    size_t est = budget;
    if (c->o.settle > 0 && c->o.settle < est)
        est = c->o.settle;
    if (c->b->min_items > c->n && c->b->min_items - c->n > est)
        est = c->b->min_items - c->n;
    if (est > left_in_form)
        est = left_in_form;
    return (uint32_t)(est ? est : 1);
}

static int fill_ctx(ctx *c, const sp_response *asked, size_t n)
{
    size_t count = sp_form_count(c->form);
    c->a = fixed(c->p->interest_weight, 1e6);
    c->ndirs = c->dirs->count;
    c->n = n;
    memset(&c->s, 0, sizeof(c->s));
    for (size_t i = 0; i < n; i++) {
        long at = sp_form_find(c->form, asked[i].q->id);
        if (at < 0 || (size_t)at >= count || c->asked[at] || asked[i].a.state == SP_ANSWER_NONE ||
            !sp_answer_valid(asked[i].q, &asked[i].a))
            return SP_EINVAL;
        c->asked[at] = true;
        add_response(&c->s, c->ndirs, &asked[i]);
    }
    return sp_score(c->dirs, c->p, asked, n, &c->o);
}

int sp_adaptive_decide(const sp_directions *dirs, const sp_scoring *p, const sp_adaptive_bounds *b,
                       const sp_form *form, const sp_response *asked, size_t n,
                       sp_adaptive_step *out)
{
    size_t count = sp_form_count(form);
    ctx c = {.dirs = dirs, .p = p, .b = b, .form = form};
    c.asked = calloc(count + 1, sizeof(*c.asked));
    int64_t *tmp = calloc(count + 1, sizeof(*tmp));
    int rc = !c.asked || !tmp ? SP_ENOMEM : n > count ? SP_EINVAL : fill_ctx(&c, asked, n);
    if (rc)
        goto cleanup;
    reqs r;
    memset(&r, 0, sizeof(r));
    for (size_t i = 0; i < n; i++)
        note_asked(&r, &asked[i], c.ndirs);
    bool open;
    out->next = pick(&c, &r, &open);
    out->stop = SP_STOP_NO;
    size_t budget = b->max_items > n ? b->max_items - n : 0;
    /* Curtailment fixes the leader, not the near tie: a result without one must also pass the
     * settled boundary, else the items left (which could still bring the gap within the near
     * tie) are asked. */
    bool may_stop = n >= b->min_items && !open;
    bool honest = c.o.nnear_tie > 0 || settled(&c);
    if (may_stop && budget > 0 && honest && curtailed(&c, budget, tmp))
        out->stop = SP_STOP_CURTAILED;
    else if (may_stop && settled(&c))
        out->stop = SP_STOP_SETTLED;
    else if (budget == 0 || out->next < 0)
        out->stop = SP_STOP_BUDGET;
    out->left = out->stop ? 0 : estimate_left(&c, count - n);
cleanup:
    free(c.asked);
    free(tmp);
    return rc;
}

int sp_adaptive_run(const sp_directions *dirs, const sp_scoring *p, const sp_adaptive_bounds *b,
                    const sp_form *form, const sp_answer *answers, size_t go_on, size_t *order,
                    size_t *n, sp_stop *stop, size_t *after)
{
    size_t count = sp_form_count(form), k = 0;
    sp_response *asked = calloc(count + 1, sizeof(*asked));
    if (!asked)
        return SP_ENOMEM;
    int rc = 0;
    *stop = SP_STOP_NO;
    *after = 0;
    for (;;) {
        sp_adaptive_step st;
        if ((rc = sp_adaptive_decide(dirs, p, b, form, asked, k, &st)) != 0)
            break;
        if (*stop == SP_STOP_NO && st.stop != SP_STOP_NO) {
            *stop = st.stop;
            *after = k;
        }
        if ((*stop != SP_STOP_NO && k >= go_on) || st.next < 0)
            break;
        order[k] = (size_t)st.next;
        asked[k].q = sp_form_item_at(form, (size_t)st.next)->q;
        asked[k].a = answers[st.next];
        if (asked[k].a.state == SP_ANSWER_NONE)
            asked[k].a.state = SP_ANSWER_SKIP;
        k++;
    }
    *n = k;
    free(asked);
    return rc;
}
