/* signpost: the scoring model — from answers to interest, aptitude, fit, a ranking and the
 * advice built on it. docs/scoring.md gives every formula with a worked example.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_SCORE_H
#define SIGNPOST_SCORE_H

#include "model.h"

/* ---- Answers ----------------------------------------------------------------------------- */

typedef enum sp_answer_state {
    SP_ANSWER_NONE,  /* not answered (yet) */
    SP_ANSWER_SKIP,  /* the taker chose to skip */
    SP_ANSWER_GIVEN, /* see value / options */
} sp_answer_state;

typedef struct sp_answer {
    uint8_t state;   /* sp_answer_state */
    uint8_t value;   /* likert: 1..5 */
    uint32_t chosen; /* choice: one bit; knowledge: one bit or more (bit i = q->options[i]) */
} sp_answer;

/* Checks that a is a possible answer to q: a likert value 1..5; exactly one existing option
 * for a choice item and for a single-answer knowledge item; one or more for a several-answer
 * knowledge item. Skipped and unanswered are always possible. */
bool sp_answer_valid(const sp_question *q, const sp_answer *a);

/* One presented item and its answer. */
typedef struct sp_response {
    const sp_question *q;
    sp_answer a;
} sp_response;

/* The credit of a knowledge answer in [0, 1]: the share of correct options chosen minus the
 * share of wrong options chosen, floored at 0 (1 or 0 for single-answer items). */
double sp_knowledge_credit(const sp_question *q, const sp_answer *a);

/* ---- The outcome ------------------------------------------------------------------------- */

typedef enum sp_level {
    SP_LEVEL_UNKNOWN,      /* no knowledge item was presented */
    SP_LEVEL_ENTRY,        /* 0-6 months of study: the first of four learning stages */
    SP_LEVEL_ADVANCED,     /* 6-18 months */
    SP_LEVEL_PROFESSIONAL, /* 18-36 months */
    SP_LEVEL_EXPERT,       /* 36 months and more */
} sp_level;

/* "entry", "advanced", "professional", "expert", or NULL for SP_LEVEL_UNKNOWN. */
const char *sp_level_name(sp_level level);

typedef struct sp_dir_score {
    bool has_interest; /* some answered likert or choice item can move this direction */
    bool has_aptitude; /* some knowledge item measuring it was presented */
    double interest;   /* 0..1, valid when has_interest */
    double aptitude;   /* 0..1, valid when has_aptitude */
    double fit;        /* 0..1, valid when has_interest or has_aptitude */
    uint32_t interest_items;
    uint32_t knowledge_items;
    /* The uncertainty, when the scoring asks for it (near_tie_confidence > 0): the jackknife
     * standard error of the fit over the items answered (scoring.md, section 5), and that of the
     * primary's fit minus this one. Each is absent where it cannot be estimated (fewer than two
     * items, or an item without which the direction would not be measured) and, for gap_se, on
     * the primary itself. Both are clamped to 0..1. */
    bool has_se, has_gap_se;
    double fit_se, gap_se;
} sp_dir_score;

/* Why a profile counts as flat. */
typedef enum sp_flat {
    SP_FLAT_NO,
    SP_FLAT_CLOSE_FITS, /* every measured fit lies within the quiz's flat range */
    SP_FLAT_SAME_LIKERT /* every likert answer was the same point of the scale */
} sp_flat;

/* How much one answer moved the top direction's fit, compared with a neutral answer. */
typedef struct sp_driver {
    size_t response; /* index into the responses scored */
    double effect;   /* change of fit, positive = towards the direction */
} sp_driver;

#define SP_MAX_DRIVERS 5

/* The largest number of further questions a result says would settle a near tie: as many as
 * that, or more, mean that more questions would hardly settle it. */
#define SP_SETTLE_MAX 1000

typedef struct sp_outcome {
    uint32_t ndirs;
    sp_dir_score scores[SP_MAX_DIRECTIONS];
    uint8_t ranking[SP_MAX_DIRECTIONS];  /* measured directions by fit, best first */
    uint32_t nranked;                    /* how many directions were measured */
    int primary;                         /* ranking[0], or -1 when nothing was measured */
    bool exact_tie;                      /* the runner-up's fit equals the top fit */
    uint8_t near_tie[SP_MAX_DIRECTIONS]; /* directions near-tied with the top, best first: within
                                            the margin near_tie, or (near_tie_confidence > 0)
                                            not behind it at that confidence */
    uint32_t nnear_tie;
    uint32_t settle; /* near_tie_confidence > 0: about how many more questions like these would
                        separate the top from every runner-up it is not separated from at that
                        confidence, 1 .. SP_SETTLE_MAX; 0 when there is none */
    sp_flat flat;
    sp_level level;
    double level_share[5];   /* credit share at levels 1..4 (index 0 unused); -1 when none */
    uint32_t level_items[5]; /* knowledge items presented at each level */
    sp_driver drivers[SP_MAX_DRIVERS]; /* answers that raised the primary most, strongest first */
    uint32_t ndrivers;
    uint32_t answered;
    uint32_t skipped;
} sp_outcome;

/* Scores n responses against the directions of dirs (weights refer to them by dir_index)
 * with the parameters p. Unanswered responses (SP_ANSWER_NONE) are ignored; skipped ones
 * count for nothing in interest and as no credit in aptitude. The order of responses does not
 * change the outcome, except that drivers refer to responses by index. Returns 0, or SP_EINVAL
 * when an answer is not valid for its question. */
int sp_score(const sp_directions *dirs, const sp_scoring *p, const sp_response *r, size_t n,
             sp_outcome *out) SP_NODISCARD;

#endif
