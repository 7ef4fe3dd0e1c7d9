/* Drawing a form from a quiz and a seed. */
#include "signpost/form.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "score/draw.h"
#include "score/rng.h"
#include "base/util.h"

struct sp_form {
    uint64_t seed;
    sp_form_item *items;
    size_t count;
};

/* The items drawn from each bank, by kind, in the order drawn. */
typedef struct bank_draw {
    const sp_question **items[SP_KIND_COUNT];
    size_t count[SP_KIND_COUNT];
} bank_draw;

/* Draws want items of kind k from bank b (all of them for SP_DRAW_ALL or when the bank has
 * fewer): a partial Fisher-Yates over the bank's items of that kind, in file order. */
static int draw_kind(const sp_bank *b, sp_kind k, int want, uint64_t seed, bank_draw *out)
{
    size_t have = 0;
    for (size_t i = 0; i < b->nquestions; i++)
        have += b->questions[i].kind == k;
    const sp_question **pool = malloc((have ? have : 1) * sizeof(*pool));
    if (!pool)
        return SP_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < b->nquestions; i++)
        if (b->questions[i].kind == k)
            pool[n++] = &b->questions[i];
    size_t take = want == SP_DRAW_ALL || (size_t)want > have ? have : (size_t)want;
    sp_rng rng;
    sp_rng_derive(&rng, seed, sp_kind_name(k), b->id);
    for (size_t i = 0; i < take; i++) {
        size_t j = i + (size_t)sp_rng_below(&rng, have - i);
        const sp_question *t = pool[i];
        pool[i] = pool[j];
        pool[j] = t;
    }
    out->items[k] = pool;
    out->count[k] = take;
    return 0;
}

/* Shows the options of an item in a shuffled order; fixed options keep their place. */
static void order_options(sp_form_item *it, uint64_t seed, bool shuffle)
{
    const sp_question *q = it->q;
    uint8_t movable[SP_MAX_OPTIONS];
    size_t nmov = 0;
    for (uint32_t i = 0; i < q->noptions; i++) {
        it->shown[i] = (uint8_t)i;
        if (!q->options[i].fixed)
            movable[nmov++] = (uint8_t)i;
    }
    if (!shuffle || nmov < 2)
        return;
    sp_rng rng;
    sp_rng_derive(&rng, seed, "options", q->id);
    sp_rng_shuffle(&rng, movable, nmov, 1);
    size_t next = 0;
    for (uint32_t i = 0; i < q->noptions; i++)
        if (!q->options[i].fixed)
            it->shown[i] = movable[next++];
}

static void push(sp_form *f, const sp_question *q)
{
    f->items[f->count++].q = q;
}

/* Interleaved: kind by kind (likert, choice, knowledge); within a kind the banks take turns,
 * in an order shuffled per kind so that no direction always comes first. */
static void order_interleaved(sp_form *f, const bank_draw *d, size_t nb, uint64_t seed)
{
    uint8_t turn[SP_LIMIT_BANKS];
    for (int k = 0; k < SP_KIND_COUNT; k++) {
        size_t most = 0;
        for (size_t b = 0; b < nb; b++) {
            turn[b] = (uint8_t)b;
            most = d[b].count[k] > most ? d[b].count[k] : most;
        }
        sp_rng rng;
        sp_rng_derive(&rng, seed, "turns", sp_kind_name((sp_kind)k));
        sp_rng_shuffle(&rng, turn, nb, 1);
        for (size_t round = 0; round < most; round++)
            for (size_t t = 0; t < nb; t++)
                if (round < d[turn[t]].count[k])
                    push(f, d[turn[t]].items[k][round]);
    }
}

static void order_grouped(sp_form *f, const bank_draw *d, size_t nb)
{
    for (size_t b = 0; b < nb; b++)
        for (int k = 0; k < SP_KIND_COUNT; k++)
            for (size_t i = 0; i < d[b].count[k]; i++)
                push(f, d[b].items[k][i]);
}

static void order_random(sp_form *f, const bank_draw *d, size_t nb, uint64_t seed)
{
    order_grouped(f, d, nb);
    sp_rng rng;
    sp_rng_derive(&rng, seed, "order", "random");
    for (size_t i = f->count; i > 1; i--) {
        size_t j = (size_t)sp_rng_below(&rng, i);
        sp_form_item t = f->items[i - 1];
        f->items[i - 1] = f->items[j];
        f->items[j] = t;
    }
}

static int build(sp_form *f, const sp_quiz *quiz, const sp_draw *draws, bank_draw *d, size_t nb,
                 bool options)
{
    const sp_manifest *m = sp_quiz_manifest(quiz);
    size_t total = 0;
    for (size_t b = 0; b < nb; b++) {
        const sp_draw *want = draws ? &draws[b] : &m->banks[b].draw;
        for (int k = 0; k < SP_KIND_COUNT; k++) {
            int rc = draw_kind(sp_quiz_bank(quiz, b), (sp_kind)k, want->count[k], f->seed, &d[b]);
            if (rc)
                return rc;
            total += d[b].count[k];
        }
    }
    f->items = calloc(total ? total : 1, sizeof(*f->items));
    if (!f->items)
        return SP_ENOMEM;
    if (m->order == SP_ORDER_GROUPED)
        order_grouped(f, d, nb);
    else if (m->order == SP_ORDER_RANDOM)
        order_random(f, d, nb, f->seed);
    else
        order_interleaved(f, d, nb, f->seed);
    for (size_t i = 0; options && i < f->count; i++)
        order_options(&f->items[i], f->seed, m->shuffle_options);
    return 0;
}

int sp_form_draw(const sp_quiz *quiz, uint64_t seed, sp_form **out)
{
    return sp_form_draw_counts(quiz, seed, NULL, out);
}

static int draw(const sp_quiz *quiz, uint64_t seed, const sp_draw *draws, bool options,
                sp_form **out)
{
    *out = NULL;
    if (seed > SP_SEED_MAX)
        return SP_EINVAL;
    sp_form *f = calloc(1, sizeof(*f));
    size_t nb = sp_quiz_bank_count(quiz);
    bank_draw *d = calloc(nb ? nb : 1, sizeof(*d));
    int rc = f && d ? 0 : SP_ENOMEM;
    if (rc == 0) {
        f->seed = seed;
        rc = build(f, quiz, draws, d, nb, options);
    }
    for (size_t b = 0; d && b < nb; b++)
        for (int k = 0; k < SP_KIND_COUNT; k++)
            free(d[b].items[k]);
    free(d);
    if (rc) {
        sp_form_free(f);
        return rc;
    }
    *out = f;
    return 0;
}

int sp_form_draw_counts(const sp_quiz *quiz, uint64_t seed, const sp_draw *draws, sp_form **out)
{
    return draw(quiz, seed, draws, true, out);
}

int sp_form_draw_questions(const sp_quiz *quiz, uint64_t seed, sp_form **out)
{
    return draw(quiz, seed, NULL, false, out);
}

void sp_form_free(sp_form *form)
{
    if (!form)
        return;
    free(form->items);
    free(form);
}

uint64_t sp_form_seed(const sp_form *form)
{
    return form->seed;
}

size_t sp_form_count(const sp_form *form)
{
    return form->count;
}

const sp_form_item *sp_form_item_at(const sp_form *form, size_t i)
{
    return i < form->count ? &form->items[i] : NULL;
}

long sp_form_find(const sp_form *form, const char *id)
{
    for (size_t i = 0; i < form->count; i++)
        if (strcmp(form->items[i].q->id, id) == 0)
            return (long)i;
    return -1;
}

uint64_t sp_seed_random(void)
{
    uint64_t v;
    randombytes_buf(&v, sizeof(v));
    return v & SP_SEED_MAX;
}
