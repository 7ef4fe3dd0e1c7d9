/* signpost: answer files for batch mode, and the text form of one answer.
 *
 * An answer file (docs/batch.md) is a YAML mapping from question id to answer: an integer
 * 1..5 for a likert item, an option id for a choice item, an option id or a list of option
 * ids for a knowledge item, or `skip`. It may hold answers for more items than a form draws.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_ANSWERS_H
#define SIGNPOST_ANSWERS_H

#include "diag.h"
#include "form.h"
#include "score.h"

/* Most entries of an answer file. */
#define SP_LIMIT_ANSWERS 200000

typedef struct sp_answers sp_answers;

/* Parses an answer file from memory (name is used in diagnostics) or from path. Returns 0 and
 * sets *out; SP_EINPUT when the file is not a valid mapping of answers (see diags); SP_EIO
 * (with a diagnostic; only a regular file is read, and a FIFO, a socket, a device or a folder
 * is refused without waiting); SP_ENOMEM. Whether each answer fits its question is checked
 * later, by sp_answers_apply. */
int sp_answers_parse(const char *name, const char *buf, size_t len, sp_diags *diags,
                     sp_answers **out) SP_NODISCARD;
int sp_answers_load(const char *path, sp_diags *diags, sp_answers **out) SP_NODISCARD;
void sp_answers_free(sp_answers *a);

/* True when the file answers question id (an answer or skip). */
bool sp_answers_has(const sp_answers *a, const char *id);

/* What to do about a drawn item the file does not answer. */
typedef enum sp_missing {
    SP_MISSING_ERROR, /* an error naming the item */
    SP_MISSING_SKIP,  /* treat it as skipped */
} sp_missing;

/* Fills out[i] (sp_form_count(form) entries) with the answer to the form's i-th item. Every
 * answer that does not fit its item is an error at its position in the file. Returns 0, or
 * SP_EINPUT when there were errors. */
int sp_answers_apply(const sp_answers *a, const sp_form *form, sp_missing missing, sp_diags *diags,
                     sp_response *out) SP_NODISCARD;

/* Parses the text of one answer to q ("4", "b", "[a, c]" as a YAML scalar or list already split
 * into option ids, or "skip"): ids has n entries (n is 1 for a scalar). Returns 0 and fills *a,
 * or a negative code with a message (what was expected) written to why. */
int sp_answer_from_ids(const sp_question *q, const char *const *ids, size_t n, bool list,
                       sp_answer *a, char *why, size_t whysize);

/* Appends the text form of an answer to buf, as an answer file or a result records it:
 * "4", "b", "[a, c]" or "skip". Returns the number of bytes written (snprintf rules). */
int sp_answer_format(const sp_question *q, const sp_answer *a, char *buf, size_t size);

#endif
