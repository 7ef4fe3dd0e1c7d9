/* signpost: a quiz in progress — where the taker is in a drawn form, and every answer so far.
 *
 * A session is a small state machine over a form (form.h). It has a position: the index of
 * the item being asked, or sp_session_count() once every item has been answered or skipped
 * ("at the end"). Moving never loses an answer: going back, jumping to an item and coming
 * forward again keep every answer given until the taker gives another one for that item.
 *
 * Moves, and where they lead:
 *   answer, skip  record the answer (or a skip) for the current item, then go to the next
 *                 item, or back to where a jump started (see jump), or to the first item not
 *                 yet answered when the end is reached with some left;
 *   next          keep the current item's answer and go on in the same way;
 *   back          go to the previous item (not at the first);
 *   jump          go to any item, e.g. from a review of the answers; the next answer, skip or
 *                 next returns to the position the jump started from.
 *
 * The session prints nothing and reads nothing: the front end asks, the session records.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_SESSION_H
#define SIGNPOST_SESSION_H

#include "form.h"
#include "score.h"

typedef struct sp_session sp_session;

/* Starts a session over form at its first item, with nothing answered. The form must outlive
 * the session. Returns 0 and sets *out, or SP_ENOMEM. Free it with sp_session_free(). */
int sp_session_new(const sp_form *form, sp_session **out) SP_NODISCARD;

/* Rebuilds a session from saved state: answers has sp_form_count(form) entries (copied), and
 * position is where the taker was (at most the count). Returns 0 and sets *out; SP_EINVAL when
 * an answer is not a possible answer to its item (sp_answer_valid) or the position is out of
 * range; SP_ENOMEM. */
int sp_session_restore(const sp_form *form, const sp_answer *answers, size_t position,
                       sp_session **out) SP_NODISCARD;

/* Frees the session (not its form). NULL is a no-op. */
void sp_session_free(sp_session *s);

const sp_form *sp_session_form(const sp_session *s);
size_t sp_session_count(const sp_session *s);

/* The index of the current item, or sp_session_count() at the end. */
size_t sp_session_position(const sp_session *s);

/* The current item, or NULL at the end. Owned by the form. */
const sp_form_item *sp_session_item(const sp_session *s);

/* The answer recorded for item i (SP_ANSWER_NONE when not answered yet), or NULL when i is
 * out of range. Valid until the next change to the session. */
const sp_answer *sp_session_answer_at(const sp_session *s, size_t i);

/* Every item with its answer, in form order (sp_session_count() entries), ready for sp_score()
 * and sp_result_format(). Valid until the next change to the session. */
const sp_response *sp_session_responses(const sp_session *s);

/* Records a for the current item and moves on (see above). Returns 0; SP_EINVAL at the end or
 * when a is not a possible answer to the item (sp_answer_valid; SP_ANSWER_NONE is refused
 * too). The session is unchanged on error. */
int sp_session_answer(sp_session *s, const sp_answer *a) SP_NODISCARD;

/* Records a skip for the current item (replacing an answer given before) and moves on.
 * Returns 0, or SP_EINVAL at the end. */
int sp_session_skip(sp_session *s) SP_NODISCARD;

/* Keeps the current item's answer or skip and moves on. Returns 0, or SP_EINVAL at the end or
 * when the current item has no answer yet. */
int sp_session_next(sp_session *s) SP_NODISCARD;

/* Goes to the previous item. Returns 0, or SP_EINVAL at the first item (nothing changes). */
int sp_session_back(sp_session *s) SP_NODISCARD;

/* Goes to item i (0-based) and remembers where the jump started, so that the next answer,
 * skip or next returns there; a jump made after another one keeps the first starting point.
 * Returns 0, or SP_EINVAL when i is out of range (nothing changes). */
int sp_session_jump(sp_session *s, size_t i) SP_NODISCARD;

/* Where the pending jump returns to: the position the first jump started from (at most
 * sp_session_count()), or SIZE_MAX when no jump is pending. A journal records it, so that a
 * resumed session returns there too. */
size_t sp_session_jump_origin(const sp_session *s);

/* Restores a pending jump in a session rebuilt with sp_session_restore(): the next answer, skip
 * or next returns to origin. Returns 0; SP_EINVAL when origin is past the count or is the
 * current position, or a jump is already pending (nothing changes). */
int sp_session_restore_jump(sp_session *s, size_t origin) SP_NODISCARD;

/* True at the end, when every item has been answered or skipped. */
bool sp_session_finished(const sp_session *s);

/* How many items have an answer, and how many were skipped. */
size_t sp_session_answered(const sp_session *s);
size_t sp_session_skipped(const sp_session *s);

#endif
