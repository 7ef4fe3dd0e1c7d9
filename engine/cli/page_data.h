/* The page data of `signpost verifier`: the keys and every quiz file the verifier page replays
 * with, as one JSON document (docs/verifier.md, "The page data"). */
#ifndef SP_CLI_PAGE_DATA_H
#define SP_CLI_PAGE_DATA_H

#include <stddef.h>

#include "cli.h" /* before util.h, whose _() gives way to it */
#include "base/util.h"
#include "verifier.h"

/* The marker of the template that the page data takes the place of; it occurs exactly once. */
#define PAGE_DATA_MARKER "/*@SIGNPOST-PAGE-DATA@*/"

/* Appends to out the page data for the verifier v (set up by verifier_init): the keys given with
 * -p and -P, and every manifest, directions file and bank that `verify` with v could replay
 * with: the quizzes v loads (the --quiz manifests and the quiz/1 files of the default quiz's
 * folder, which this loads now) and the files of their folders' stores of released versions,
 * each once, by digest. made is the time the page is made ("2026-12-07T09:30:00Z"). Every '<'
 * is written \u003c and U+2028 and U+2029 escaped, so that the text can stand inside a
 * <script> element. Store files that cannot be read or do not parse are left out, as the
 * verifier leaves them out; their problems go to diags. Returns 0, SP_ELIMIT when v has more
 * than 64 quiz folders (it cannot: at most one per --quiz and the installed one), or SP_ENOMEM
 * (out may then hold part of the text; out->failed is set when the buffer itself failed). */
int page_data_build(const verifier *v, const char *made, sp_buf *out, sp_diags *diags);

#endif
