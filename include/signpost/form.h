/* signpost: drawing a form — the questions one taker is asked, in order, with their options
 * in the order shown.
 *
 * A form is reproducible from the quiz and a seed (scoring.md, "Drawing a form"): the same
 * quiz and seed give the same items, order and option orders, and the option order of an item
 * depends only on the seed and the item's id.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_FORM_H
#define SIGNPOST_FORM_H

#include "load.h"

/* Seeds are kept below 2^53 so that they survive a trip through JSON numbers. */
#define SP_SEED_MAX ((UINT64_C(1) << 53) - 1)

typedef struct sp_form_item {
    const sp_question *q;
    /* For choice and knowledge items: shown[i] is the index in q->options of the option
     * shown at position i (labelled 'a' + i). */
    uint8_t shown[SP_MAX_OPTIONS];
} sp_form_item;

typedef struct sp_form sp_form;

/* Draws the form of quiz for seed (at most SP_SEED_MAX). The form refers to the quiz's
 * questions: the quiz must outlive it. Returns 0, SP_EINVAL for a seed out of range, or
 * SP_ENOMEM. */
int sp_form_draw(const sp_quiz *quiz, uint64_t seed, sp_form **out) SP_NODISCARD;

/* Like sp_form_draw, with the counts to draw from each bank given by draws (one sp_draw per
 * bank, in manifest order) instead of the manifest's. For tools that study quiz length. */
int sp_form_draw_counts(const sp_quiz *quiz, uint64_t seed, const sp_draw *draws,
                        sp_form **out) SP_NODISCARD;

void sp_form_free(sp_form *form);

uint64_t sp_form_seed(const sp_form *form);
size_t sp_form_count(const sp_form *form);

/* The i-th item (0 <= i < count), owned by the form. */
const sp_form_item *sp_form_item_at(const sp_form *form, size_t i);

/* The position of the item with question id, or -1. */
long sp_form_find(const sp_form *form, const char *id);

/* A fresh random seed in [0, SP_SEED_MAX], from the operating system's generator. */
uint64_t sp_seed_random(void);

#endif
