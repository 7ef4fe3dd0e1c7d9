/* Internal: drawing only the questions of a form, for checks that compare questions. */
#ifndef SP_SCORE_DRAW_H
#define SP_SCORE_DRAW_H

#include "signpost/form.h"

/* As sp_form_draw, the same questions in the same order, but without drawing the order in which
 * each item shows its options: every item's shown[] is zeroed, not an order. Drawing that order
 * costs one BLAKE2b per item, most of the drawing; verify compares only the questions asked
 * (verify.c, same_form). Free with sp_form_free. */
int sp_form_draw_questions(const sp_quiz *quiz, uint64_t seed, sp_form **out) SP_NODISCARD;

#endif
