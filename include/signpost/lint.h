/* signpost: the item-writing rules of `signpost check` that go beyond the file format.
 *
 * A bank can be valid and still give answers away or waste a taker's time: an explanation that
 * names an option by a letter the shuffle changes, a right answer that is usually the longest
 * option, a scenario with nothing for its own direction, the same question asked twice. These
 * rules catch the habits that review found in real banks (docs/authoring.md, checklist), so
 * that every author gets the review's findings for free. Only `check` runs them: loading a
 * quiz to take or verify does not pay for them.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_LINT_H
#define SIGNPOST_LINT_H

#include "diag.h"
#include "model.h"

/* The share of single-answer knowledge items, per language, in which the right answer may be
 * the strictly widest option before the bank is warned: above a third, length is a tell. */
#define SP_LINT_LONGEST_SHARE (1.0 / 3.0)
/* ... and only once it happens in at least this many: in a bank of two or three such items,
 * one longest answer is chance, not a habit ... */
#define SP_LINT_LONGEST_FEWEST 3
/* ... and in more than this multiple of the items where chance alone would make the answer the
 * widest (one in k for an item of k options): a bank of three-option items meets a third by
 * chance in about half of its drafts. */
#define SP_LINT_LONGEST_OVER_CHANCE 1.25

/* Two stems are near-duplicates when, in some language, their sets of words (or, in Chinese
 * and Japanese, of character pairs) have a Jaccard similarity of at least this. The shipped
 * banks' closest pair scores 0.35; a copied item with a few words changed scores above 0.6. */
#define SP_LINT_DUPLICATE_SIMILARITY 0.5

/* Applies the rules that need one bank: explanations that name an option by letter (an error
 * when shuffled is true, since the taker may see another letter), the right answer as the
 * widest option too often (a warning), a scenario with no option for the bank's direction (a
 * warning), absolute words in wrong options (a note). Diagnostics name b->path; the position
 * of a letter is looked up in that file when it can be read. Returns 0 or SP_ENOMEM. */
int sp_lint_bank(const sp_bank *b, bool shuffled, sp_diags *diags) SP_NODISCARD;

/* Warns about question stems that are near-duplicates, within a bank or across banks, naming
 * both. The search is for banks people write and review: above SP_LINT_MAX_DUPLICATE_SEARCH
 * questions in all (a generated bank for load tests) it is skipped, and after
 * SP_LINT_MAX_COMPARISONS candidate pairs it stops; either is said in a note. Returns 0 or
 * SP_ENOMEM. */
#define SP_LINT_MAX_DUPLICATE_SEARCH 10000u
#define SP_LINT_MAX_COMPARISONS      2000000u
int sp_lint_duplicates(const sp_bank *const *banks, size_t n, sp_diags *diags) SP_NODISCARD;

#endif
