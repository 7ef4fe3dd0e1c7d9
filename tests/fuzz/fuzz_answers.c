/* Fuzz target: answer files for batch mode, parsed and applied to a form of the tiny test
 * quiz (every item drawn). */
#include "fuzz.h"

#include "signpost/answers.h"

static const sp_form *tiny_form(void)
{
    static sp_quiz *quiz;
    static sp_form *form;
    if (!form) {
        sp_diags *d = sp_diags_new();
        if (sp_quiz_load(SP_TEST_DATA "/tiny/quiz.yaml", d, &quiz) != 0 ||
            sp_form_draw(quiz, 1, &form) != 0)
            abort();
        sp_diags_free(d);
    }
    return form;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const sp_form *form = tiny_form();
    sp_diags *d = sp_diags_new();
    sp_answers *ans = NULL;
    int rc = sp_answers_parse("fuzz.yaml", (const char *)data, size, d, &ans);
    fuzz_check_failure(rc, d);
    if (rc == 0) {
        sp_response r[16];
        FUZZ_ASSERT(sp_form_count(form) <= 16);
        int arc = sp_answers_apply(ans, form, SP_MISSING_SKIP, d, r);
        fuzz_check_failure(arc, d);
        for (size_t i = 0; arc == 0 && i < sp_form_count(form); i++)
            FUZZ_ASSERT(sp_answer_valid(r[i].q, &r[i].a));
    }
    sp_answers_free(ans);
    sp_diags_free(d);
    return 0;
}
