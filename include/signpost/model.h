/* signpost: the in-memory model of directions, question banks and quizzes.
 *
 * Everything here is immutable once loaded and is owned by the object that loaded it (an
 * sp_quiz or an sp_document, see load.h): pointers stay valid until that object is freed.
 * Callers read these structures directly; they never allocate or change them.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_MODEL_H
#define SIGNPOST_MODEL_H

#include "core.h"

/* ---- Localised text ---------------------------------------------------------------------- */

/* One language's version of a text. lang is NULL for a language-neutral plain string. */
typedef struct sp_text_entry {
    const char *lang;
    const char *str;
} sp_text_entry;

/* A localised text; count is 0 when the text is absent. */
typedef struct sp_text {
    const sp_text_entry *entries;
    uint32_t count;
    sp_pos pos; /* where the text is in its file, for diagnostics */
} sp_text;

/* Returns the text in language lang: lang itself, then its primary tag ("zh" for "zh-TW"),
 * then "en", then the first language present. NULL only when the text is absent. */
const char *sp_text_get(const sp_text *t, const char *lang);

/* True when the text is neutral or has lang (or lang's primary tag) itself, without falling
 * back to another language. */
bool sp_text_has(const sp_text *t, const char *lang);

/* ---- Directions -------------------------------------------------------------------------- */

/* Most directions a quiz can have. */
#define SP_MAX_DIRECTIONS 16

typedef enum sp_barrier {
    SP_BARRIER_NONE,
    SP_BARRIER_LOW,
    SP_BARRIER_MEDIUM,
    SP_BARRIER_MEDIUM_HIGH,
    SP_BARRIER_HIGH,
    SP_BARRIER_VERY_HIGH,
} sp_barrier;

/* A list of texts (roles, work, skills, sources). */
typedef struct sp_text_list {
    const sp_text *items;
    uint32_t count;
} sp_text_list;

typedef struct sp_direction {
    const char *id;
    sp_text name;
    sp_text short_name; /* falls back to name when absent in the file */
    sp_text summary;
    sp_text_list roles;
    sp_text_list work;
    sp_barrier barrier;
    sp_text barrier_why;
    sp_text suits;
    sp_text_list skills;
    sp_text step_project;
    sp_text step_tool;
    sp_text step_read;
    sp_text_list sources;
    sp_pos pos;
} sp_direction;

typedef struct sp_directions {
    const char *path;
    const char *version;
    const sp_direction *items;
    uint32_t count;
    unsigned char digest[32]; /* BLAKE2b-256 of the file's bytes */
} sp_directions;

/* Returns the index of direction id, or -1. */
int sp_directions_find(const sp_directions *dirs, const char *id);

/* ---- Questions and banks ----------------------------------------------------------------- */

/* Most options of one question (labels a..l). */
#define SP_MAX_OPTIONS 12

typedef enum sp_kind {
    SP_KIND_LIKERT,
    SP_KIND_CHOICE,
    SP_KIND_KNOWLEDGE,
} sp_kind;

#define SP_KIND_COUNT 3

/* "likert", "choice" or "knowledge". */
const char *sp_kind_name(sp_kind kind);

/* A weight for one direction. dir_index indexes the quiz's directions; it is -1 when the bank
 * was loaded without a directions file. */
typedef struct sp_weight {
    const char *dir;
    int dir_index;
    double value;
    sp_pos pos;
} sp_weight;

typedef struct sp_option {
    const char *id;
    sp_text text;
    const sp_weight *weights; /* choice options only */
    uint32_t nweights;
    bool fixed; /* keeps its place when options are shuffled */
    sp_pos pos;
} sp_option;

struct sp_bank;

typedef struct sp_question {
    const char *id;
    sp_kind kind;
    uint8_t level; /* knowledge: 1..4; 0 for other kinds */
    sp_text text;
    const sp_weight *keys; /* likert: keys; knowledge: the directions it measures */
    uint32_t nkeys;
    const sp_option *options; /* choice and knowledge */
    uint32_t noptions;
    uint32_t answer; /* knowledge: bit i set when options[i] is correct */
    sp_text explain;
    sp_text topic;
    const struct sp_bank *bank;
    sp_pos pos;
} sp_question;

typedef struct sp_bank {
    const char *path;
    const char *id;
    const char *version;
    const char *direction; /* the default direction of knowledge items, or NULL */
    sp_text title;
    sp_text description;
    const sp_question *questions;
    size_t nquestions;
    unsigned char digest[32]; /* BLAKE2b-256 of the file's bytes */
} sp_bank;

/* Returns the index of option id in q, or -1. */
int sp_question_option(const sp_question *q, const char *id);

/* ---- The quiz manifest ------------------------------------------------------------------- */

/* How many items of each kind to draw from a bank; SP_DRAW_ALL draws every item. */
#define SP_DRAW_ALL (-1)

typedef struct sp_draw {
    int count[SP_KIND_COUNT]; /* indexed by sp_kind */
} sp_draw;

typedef enum sp_order {
    SP_ORDER_INTERLEAVED,
    SP_ORDER_GROUPED,
    SP_ORDER_RANDOM,
} sp_order;

/* The scoring parameters of a quiz (scoring.md). */
typedef struct sp_scoring {
    double interest_weight;     /* a in fit = a*interest + (1-a)*aptitude */
    double near_tie;            /* a runner-up within this of the top fit is a near tie */
    double flat;                /* all fits within this range: a flat profile */
    double level_pass;          /* share of credit needed to reach a level */
    double near_tie_confidence; /* 0: near ties by the margin alone (quizzes written before
                                   it existed); else the confidence, one of sp_confidence_z's,
                                   with which the top must lead a runner-up, given the
                                   uncertainty of the fits, for it not to be a near tie */
} sp_scoring;

/* The parameters of sp_scoring by name, in the order manifests and results write them. */
#define SP_SCORING_PARAMS 5
extern const char *const sp_scoring_names[SP_SCORING_PARAMS];

/* The addresses of s's parameters, in the order of sp_scoring_names. */
void sp_scoring_slots(sp_scoring *s, double *out[SP_SCORING_PARAMS]);

/* The one-sided normal quantile z for a confidence c: c is one of 0.5, 0.6, 0.7, 0.75, 0.8,
 * 0.85, 0.9, 0.95, 0.975 and 0.99. Returns true and sets *z, or false for any other c. A table,
 * not a formula: a replay must reach the same decision on every machine and in a browser, and
 * the quantile's formulas need a logarithm, which libraries round differently. */
bool sp_confidence_z(double c, double *z);

/* The defaults used when a manifest leaves a parameter out. */
extern const sp_scoring SP_SCORING_DEFAULTS;

/* How a quiz asks its form: every item in order (fixed), or the items an adaptive rule picks
 * until the leading direction is settled (adaptive.h, scoring.md section 11). */
typedef enum sp_mode {
    SP_MODE_FIXED,
    SP_MODE_ADAPTIVE,
} sp_mode;

/* The length bounds of an adaptive quiz (manifest `adaptive: {min_items, max_items}`). */
typedef struct sp_adaptive_bounds {
    uint32_t min_items; /* never stop before this many items */
    uint32_t max_items; /* the budget: stop at this many items at the latest; 0 in a manifest
                           that leaves it out: every item of the form */
    double confidence;  /* the leader is settled when it leads every runner-up at this confidence
                           (one of sp_confidence_z's) */
} sp_adaptive_bounds;

typedef struct sp_bank_ref {
    const char *file; /* as written in the manifest, relative to it */
    sp_draw draw;     /* the manifest's draw with this bank's overrides applied */
    sp_pos pos;
} sp_bank_ref;

typedef struct sp_manifest {
    const char *path;
    const char *id;
    const char *version;
    sp_text title;
    sp_text description;
    const char *const *languages;
    uint32_t nlanguages;
    const char *directions_file;
    sp_pos directions_pos;
    const sp_bank_ref *banks;
    uint32_t nbanks;
    sp_order order;
    bool shuffle_options;
    int minutes; /* 0 when not given */
    sp_scoring scoring;
    /* `mode:` and `adaptive:` (issue 19): a quiz cache must carry both. adaptive is all zero
     * unless mode is SP_MODE_ADAPTIVE. */
    sp_mode mode;
    sp_adaptive_bounds adaptive;
    unsigned char digest[32];
} sp_manifest;

#endif
