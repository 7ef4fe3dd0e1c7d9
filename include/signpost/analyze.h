/* signpost: analysing a cohort — where a class stands, and which items work.
 *
 * An analysis belongs to one quiz. It is fed one result at a time (the responses and the
 * outcome of a verified, replayed result) and keeps only sums: per item, per item and
 * direction, per pair of items of one scale, and per direction. Its memory therefore grows
 * with the quiz, never with the number of results. sp_analysis_finish turns the sums into the
 * statistics below; docs/analyze.md gives every formula, with Moodle's definitions where Moodle
 * has one.
 *
 * Items are drawn at random, so every statistic uses the results that saw the item (or both
 * items of a pair): pairwise, never listwise.
 *
 * The module never prints. Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_ANALYZE_H
#define SIGNPOST_ANALYZE_H

#include "load.h"
#include "score.h"

/* Bins of the fit histograms (each 1/SP_ANALYZE_FIT_BINS wide, over 0..1). */
#define SP_ANALYZE_FIT_BINS 20

/* A scale with more items than this gets no pairwise sums, so no alpha: the pair table would
 * grow with the square of the items. */
#define SP_ANALYZE_MAX_SCALE_ITEMS 512

/* Thresholds of the flags. SP_ANALYZE_DEFAULTS holds the documented defaults. */
typedef struct sp_analyze_opts {
    uint32_t min_n;        /* a flag needs at least this many results behind its statistic */
    double easy;           /* facility (%) at or above which an item is too easy */
    double hard;           /* facility (%) at or below which an item is too hard */
    double min_efficiency; /* discriminative efficiency (%) below which an item is flagged */
    double other_margin;   /* how much more an item must follow another direction's scale */
} sp_analyze_opts;

extern const sp_analyze_opts SP_ANALYZE_DEFAULTS;

/* One computed figure, or why there is none. */
typedef enum sp_stat_state {
    SP_STAT_OK,
    SP_STAT_TOO_FEW,     /* fewer results than the formula needs (2 for an SD or a correlation) */
    SP_STAT_NO_VARIANCE, /* everyone scored the same, so there is nothing to correlate */
    SP_STAT_NONE,        /* does not apply (alpha of a scale with one item per form, ...) */
} sp_stat_state;

typedef struct sp_stat {
    sp_stat_state state;
    double value; /* valid when state is SP_STAT_OK; never NaN */
} sp_stat;

/* "ok", "too-few", "no-variance", "none". */
const char *sp_stat_state_name(sp_stat_state s);

/* ---- The cohort ------------------------------------------------------------------------------ */

typedef struct sp_dir_summary {
    uint64_t n;                         /* results in which the direction was measured */
    sp_stat mean, sd;                   /* of its fit */
    sp_stat interest, aptitude;         /* their means, over the results that have each */
    uint64_t hist[SP_ANALYZE_FIT_BINS]; /* fits by bin; 1.0 falls in the last bin */
} sp_dir_summary;

typedef struct sp_cohort_stats {
    uint64_t results;
    uint64_t primary[SP_MAX_DIRECTIONS]; /* results whose top direction is d */
    uint64_t no_primary;                 /* results in which nothing was measured */
    uint64_t near_tie;                   /* a runner-up within the quiz's margin */
    uint64_t exact_tie;
    uint64_t flat_close, flat_same; /* flat profiles, by reason */
    uint64_t level[5];              /* by sp_level: [0] no level, [1] entry .. [4] expert */
    uint64_t answered, skipped;     /* items, summed over results */
    sp_dir_summary dirs[SP_MAX_DIRECTIONS];
} sp_cohort_stats;

/* ---- Items ----------------------------------------------------------------------------------- */

/* What is wrong with an item; an item may have several. */
enum {
    SP_FLAG_NEGATIVE = 1u << 0,    /* correlates negatively with its own scale */
    SP_FLAG_INEFFICIENT = 1u << 1, /* knowledge: discriminative efficiency below the threshold */
    SP_FLAG_OTHER_SCALE = 1u << 2, /* correlates more with another direction's scale */
    SP_FLAG_UNCHOSEN = 1u << 3,    /* some option was never chosen */
    SP_FLAG_EASY = 1u << 4,        /* knowledge: facility at or above opts.easy */
    SP_FLAG_HARD = 1u << 5,        /* knowledge: facility at or below opts.hard */
    SP_FLAG_BELOW_GUESS = 1u << 6, /* knowledge: facility below the random guess score */
};

/* "negative-discrimination", "low-efficiency", "other-scale", "option-never-chosen",
 * "too-easy", "too-hard", "below-guess"; NULL for anything else. */
const char *sp_flag_name(uint32_t flag);

/* The item against one direction's scale: the knowledge scale for a knowledge item, the
 * interest scale for a likert or choice item. */
typedef struct sp_item_dir {
    bool own;   /* the item scores this direction */
    uint64_t n; /* results that answered the item and have the rest of the scale */
    sp_stat r;  /* Pearson correlation of the item score with the rest of the scale */
} sp_item_dir;

typedef struct sp_item_stats {
    const sp_question *q;
    int own_dir;   /* the direction the item scores most (largest weight), or -1 */
    uint64_t seen; /* results it was presented in */
    uint64_t answered, skipped;
    /* likert: [v - 1] counts answer v (1..5); choice and knowledge: [i] counts the results
     * that chose q->options[i] (a select-all answer counts once for each option chosen) */
    uint64_t chosen[SP_MAX_OPTIONS];
    sp_stat mean, sd;       /* likert: the answer 1..5; knowledge: the credit 0..1 */
    sp_stat facility;       /* knowledge: 100 x mean credit (skipped = 0) */
    double random_guess;    /* knowledge: 100 x the expected credit of a random answer */
    sp_stat discrimination; /* knowledge: 100 x r with the rest of own_dir's knowledge */
    sp_stat efficiency;     /* knowledge: 100 x C / Cmax (Moodle's discriminative efficiency) */
    sp_item_dir dirs[SP_MAX_DIRECTIONS];
    /* choice: r of "chose option i" with the rest of direction d's interest scale */
    sp_stat option_r[SP_MAX_OPTIONS][SP_MAX_DIRECTIONS];
    uint32_t flags;   /* SP_FLAG_* */
    int other_dir;    /* SP_FLAG_OTHER_SCALE: the direction it follows more, else -1 */
    int other_option; /* ... for a choice item: the option that does, else -1 */
} sp_item_stats;

/* ---- Scales ---------------------------------------------------------------------------------- */

typedef struct sp_scale_stats {
    int dir;            /* direction index */
    bool knowledge;     /* the knowledge (aptitude) scale, else the interest scale */
    uint32_t items;     /* items of the quiz that feed it */
    uint64_t results;   /* results in which it was measured */
    double form_items;  /* mean number of its items a result answered (knowledge: presented) */
    sp_stat mean, sd;   /* of the scale score: aptitude or interest, 0..1 */
    sp_stat alpha;      /* Cronbach's alpha of a form of form_items items, pairwise */
    sp_stat alpha_pool; /* the same for a form with every item that has data (seen twice) */
    sp_stat sem;        /* standard error of measurement: sd x sqrt(1 - alpha) */
    uint64_t pairs;     /* pairs of its items seen together by at least two results */
} sp_scale_stats;

/* ---- The accumulator ------------------------------------------------------------------------- */

typedef struct sp_analysis sp_analysis;

/* Returns a new analysis of quiz's items (every question of every bank), or NULL when out of
 * memory. The quiz is borrowed and must outlive the analysis. opts NULL: the defaults. */
sp_analysis *sp_analysis_new(const sp_quiz *quiz, const sp_analyze_opts *opts);

/* Frees the analysis and everything it computed. NULL is a no-op. */
void sp_analysis_free(sp_analysis *a);

/* Adds one result: its n responses (questions of the analysis's quiz; unanswered ones are
 * ignored) and its outcome, scored with the quiz's directions. Nothing is kept from r or out.
 * Returns 0; SP_EINVAL when a question is not the quiz's, the outcome has another number of
 * directions, or the analysis is finished. */
int sp_analysis_add(sp_analysis *a, const sp_response *r, size_t n,
                    const sp_outcome *out) SP_NODISCARD;

/* Computes every statistic from the sums. Afterwards the accessors below are valid and
 * sp_analysis_add refuses. Returns 0 or SP_ENOMEM. */
int sp_analysis_finish(sp_analysis *a) SP_NODISCARD;

const sp_quiz *sp_analysis_quiz(const sp_analysis *a);
const sp_analyze_opts *sp_analysis_opts(const sp_analysis *a);

/* Valid after sp_analysis_finish; owned by the analysis. */
const sp_cohort_stats *sp_analysis_cohort(const sp_analysis *a);
size_t sp_analysis_item_count(const sp_analysis *a);
const sp_item_stats *sp_analysis_item(const sp_analysis *a, size_t i);
/* Two scales per direction: [2d] knowledge, [2d + 1] interest. */
size_t sp_analysis_scale_count(const sp_analysis *a);
const sp_scale_stats *sp_analysis_scale(const sp_analysis *a, size_t i);

/* Items by how often they were skipped (skipped / seen, most first; ties in quiz order): fills
 * idx with up to max item indices of items skipped at least once and returns how many. */
size_t sp_analysis_most_skipped(const sp_analysis *a, size_t *idx, size_t max);

/* ---- Formulas, exposed for tests ------------------------------------------------------------- */

/* Sums of two paired variables. */
typedef struct sp_moments {
    double n, sx, sy, sxx, syy, sxy;
} sp_moments;

void sp_moments_add(sp_moments *m, double x, double y);
/* Pearson's r, or why there is none. */
sp_stat sp_moments_r(const sp_moments *m);
/* The sample SD (n - 1) of x. */
sp_stat sp_moments_sd_x(const sp_moments *m);

/* 100 x the expected credit of a knowledge item for a taker who answers at random: one option
 * out of all for a single-answer item, any non-empty set of options, each set as likely, for a
 * select-all item (Moodle's rule for multiple-response items). */
double sp_random_guess_score(const sp_question *q);

/* Cronbach's alpha of k items with mean item variance v and mean inter-item covariance c:
 * k c / (v + (k - 1) c). SP_STAT_NONE when k <= 1, SP_STAT_NO_VARIANCE when the denominator
 * is not positive. */
sp_stat sp_alpha(double k, double v, double c);

#endif
