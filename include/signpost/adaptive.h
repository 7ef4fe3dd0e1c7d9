/* signpost: adaptive quizzes — which item of a form to ask next, and when to stop.
 *
 * An adaptive quiz asks the items of the form drawn for its seed (form.h), not in the form's
 * order and not all of them: after each answer it picks the item whose answer can move the
 * contest for the lead most, and it stops once the leader is settled (docs/scoring.md,
 * section 11, derives the rule). Every decision is made in 64-bit integer arithmetic from the
 * answers, and ties go to the smaller item id, so that a replay on any machine (verify, the
 * browser verifier page) reaches the same items in the same order and the same stop.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_ADAPTIVE_H
#define SIGNPOST_ADAPTIVE_H

#include "form.h"
#include "score.h"

/* The bounds `take --adaptive` uses for a quiz whose manifest is fixed: at least this many
 * items, and at most every item of the form. */
#define SP_ADAPTIVE_DEFAULT_MIN        12
#define SP_ADAPTIVE_DEFAULT_CONFIDENCE 0.95

/* The fewest items of each kind an adaptive quiz asks, when the form has that many. */
#define SP_ADAPTIVE_MIN_PER_KIND 2

/* Why an adaptive quiz stopped, or SP_STOP_NO while it goes on. */
typedef enum sp_stop {
    SP_STOP_NO,
    SP_STOP_SETTLED,   /* the result names no near tie: the leader leads at the confidence */
    SP_STOP_CURTAILED, /* no answers to the items left in the budget could change the leader */
    SP_STOP_BUDGET,    /* max_items were asked (or the form has no more) */
} sp_stop;

#define SP_STOP_COUNT 4

/* "settled", "curtailed", "budget" (NULL for SP_STOP_NO). */
const char *sp_stop_name(sp_stop stop);

/* The stop named name, or SP_STOP_NO when there is none. */
sp_stop sp_stop_from_name(const char *name);

/* The bounds an adaptive quiz runs with for form: the manifest's when it is adaptive, else
 * SP_ADAPTIVE_DEFAULT_MIN and the form's count; max_items is never more than the form has, nor
 * min_items more than max_items. */
sp_adaptive_bounds sp_adaptive_bounds_for(const sp_manifest *m, const sp_form *form);

/* What the rule says after the items asked so far. */
typedef struct sp_adaptive_step {
    sp_stop stop;  /* SP_STOP_NO while the quiz must go on */
    long next;     /* the form index of the item to ask next (also after a stop, for a taker who
                      goes on), or -1 when every item of the form has been asked */
    uint32_t left; /* a fair estimate of the items still to ask before the rule stops (0 once
                      it has): for progress on screen */
} sp_adaptive_step;

/* Decides after the n items asked so far: asked[i] is the response to the item asked i-th,
 * which must be an item of form (each at most once; SP_EINVAL otherwise) with a possible
 * answer (answered or skipped). dirs, p and b are the quiz's directions, scoring and bounds.
 * Returns 0 and fills *out, SP_EINVAL, or SP_ENOMEM. */
int sp_adaptive_decide(const sp_directions *dirs, const sp_scoring *p, const sp_adaptive_bounds *b,
                       const sp_form *form, const sp_response *asked, size_t n,
                       sp_adaptive_step *out) SP_NODISCARD;

/* A whole adaptive quiz over answers known in advance (batch mode, the simulation, tests):
 * answers[i] answers form item i (SP_ANSWER_NONE counts as a skip). Asks until the rule stops,
 * then, when go_on is more than that, on up to go_on items in all (the taker went on answering).
 * order (sp_form_count(form) entries) gets the form indices in the order asked, *n how many,
 * *stop why the rule stopped and *after after how many items it did. Returns 0, SP_EINVAL or
 * SP_ENOMEM. */
int sp_adaptive_run(const sp_directions *dirs, const sp_scoring *p, const sp_adaptive_bounds *b,
                    const sp_form *form, const sp_answer *answers, size_t go_on, size_t *order,
                    size_t *n, sp_stop *stop, size_t *after) SP_NODISCARD;

#endif
