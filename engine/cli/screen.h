/* The screens that show an outcome: the result (recommendation, chart, level), the details
 * (why, the direction's profile, next steps, what to learn next) and the review of the
 * knowledge items. Used at the end of `signpost take`, and meant for `signpost show`.
 *
 * Every text from the quiz or a result goes through wrap.h, so it is neutralised and wrapped
 * by display width. The first screen fits 80x24 with room for two more lines and a prompt. */
#ifndef SP_CLI_SCREEN_H
#define SP_CLI_SCREEN_H

#include <stdbool.h>
#include <stdio.h>

#include "signpost/form.h"
#include "signpost/score.h"

/* Terminal attributes, all "" when colour is off. */
typedef struct screen_colors {
    const char *bold, *dim, *green, *yellow, *red, *cyan, *reset;
} screen_colors;

/* The attributes to use, coloured or not (static storage). */
const screen_colors *screen_colors_for(bool color);

typedef struct screen_ctx {
    FILE *out;
    int width; /* columns; screens read well from 40 */
    int rows;  /* lines the first screen may take, 0 for no limit (screen_summary) */
    bool color;
    const char *lang;        /* the language of the quiz's texts */
    const sp_quiz *quiz;     /* directions, advice and questions */
    const sp_form *form;     /* the form as asked, for option letters; NULL: bank order */
    const sp_response *resp; /* the responses scored, in the order given to sp_score */
    size_t nresp;
    const sp_outcome *outcome;
} screen_ctx;

/* The first screen: the recommendation (or the near-tie or flat-profile message instead of a
 * confident pick), the ranked bar chart of every direction's fit, the level estimate and how
 * many items were answered. A near tie is always said whole; what tells the tied directions
 * apart (the first sentence of each one's summary, in full) follows it when the screen then
 * fits in c->rows, else a line points to their profiles in the details. Returns the number of
 * lines printed (at most 19 at 80 columns for the shipped quizzes, whatever the outcome). */
int screen_summary(const screen_ctx *c);

/* The answers that drove the top direction, its profile and first steps (each near-tied
 * direction's too), and what to learn next from the knowledge items missed. */
void screen_details(const screen_ctx *c);

/* The knowledge items asked: the taker's answer, the correct one, the explanation, and the
 * topic to study when missed. Prints nothing when no knowledge item was asked. Returns
 * whether anything was printed. */
bool screen_review(const screen_ctx *c);

/* The letter of option o of item it as shown ('a' + its position), or of the option's
 * position in the bank when it is NULL. */
char screen_letter(const sp_form_item *it, const sp_question *q, uint32_t o);

/* The words of likert point v (1..5), translated. */
const char *screen_likert_word(int v);

/* Writes the answer a to q in words into buf: "4 · agree", "b) text", "skipped"; the options
 * of a several-answer reply in letter order ("a) ...; c) ..."). Shortened to cols columns
 * with "…", or in full when cols <= 0. */
char *screen_answer_text(const sp_form_item *it, const sp_question *q, const sp_answer *a,
                         const char *lang, int cols, char *buf, size_t size);

#endif
