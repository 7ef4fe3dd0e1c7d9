/* Fuzz target: result bodies, parsed and replayed against the tiny test quiz. */
#include "fuzz.h"

#include "signpost/result.h"

static const sp_quiz *tiny_quiz(void)
{
    static sp_quiz *quiz;
    if (!quiz) {
        sp_diags *d = sp_diags_new();
        if (sp_quiz_load(SP_TEST_DATA "/tiny/quiz.yaml", d, &quiz) != 0)
            abort();
        sp_diags_free(d);
    }
    return quiz;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sp_diags *d = sp_diags_new();
    sp_result *r = NULL;
    int rc = sp_result_parse("fuzz.signpost", (const char *)data, size, d, &r);
    FUZZ_ASSERT((rc == 0) == (r != NULL));
    fuzz_check_failure(rc, d);
    if (r) {
        sp_replay rep;
        FUZZ_ASSERT(sp_result_replay(r, tiny_quiz(), &rep) == 0);
        sp_outcome o;
        sp_result_outcome(r, sp_quiz_directions(tiny_quiz()), &o);
    }
    sp_result_free(r);
    sp_diags_free(d);
    return 0;
}
