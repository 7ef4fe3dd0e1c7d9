/* Shared by the libFuzzer targets: each target feeds outside input to one parser of the
 * library. A finding is a crash, a sanitizer report, a leak, or a broken promise checked with
 * FUZZ_ASSERT (a parser that fails must say why). */
#ifndef SP_FUZZ_H
#define SP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "signpost/diag.h"

#define FUZZ_ASSERT(cond)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: broken promise: %s\n", __FILE__, __LINE__, #cond);             \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* A failed parse (code rc other than 0 and SP_ENOMEM) must leave at least one error. */
static inline void fuzz_check_failure(int rc, const sp_diags *d)
{
    if (rc != 0 && rc != SP_ENOMEM)
        FUZZ_ASSERT(sp_diags_errors(d) > 0);
    for (size_t i = 0; i < sp_diags_count(d); i++) {
        const sp_diag *g = sp_diags_at(d, i);
        FUZZ_ASSERT(g->message && g->file);
        FUZZ_ASSERT(g->line == 0 || g->column >= 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
