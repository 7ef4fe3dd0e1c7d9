/* Internal: the checks that need a whole quiz (formats.md, "What check verifies beyond each
 * file"). */
#ifndef SP_QUIZCHECK_H
#define SP_QUIZCHECK_H

#include "signpost/load.h"

/* Checks banks (banks[i] loaded from m->banks[i]) and dirs against each other and against
 * m. Adds errors and warnings to diags; returns 0, SP_EINPUT when there were errors, or
 * SP_ENOMEM. */
int sp_quizcheck(const sp_manifest *m, const sp_directions *dirs, const sp_bank *const *banks,
                 size_t n, sp_diags *diags);

/* The checks of sp_quizcheck except the simulation of a taker favouring each direction (whether
 * it "cannot come first"): languages (when languages is true), coverage and draws. That
 * simulation scores the whole quiz once per direction, only ever warns, and guards nothing the
 * rest of signpost relies on; a decoded cache entry (cache.c) runs these only, without the
 * languages when it holds no texts. Same arguments and returns. */
int sp_quizcheck_rules(const sp_manifest *m, const sp_directions *dirs, const sp_bank *const *banks,
                       size_t n, bool languages, sp_diags *diags);

#endif
