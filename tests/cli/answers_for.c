/* answers_for: writes an answer file for every item of every bank of a quiz, for the CLI
 * tests: likert items get the value given, scenarios their first option, knowledge items the
 * right answer. It uses the library's own loader, so the tests need no YAML parser of their
 * own.
 *
 *   answers_for MANIFEST LIKERT-VALUE */
#include <stdio.h>
#include <stdlib.h>

#include "signpost/answers.h"

int main(int argc, char **argv)
{
    if (argc != 3 || argv[2][0] < '1' || argv[2][0] > '5' || argv[2][1]) {
        fprintf(stderr, "usage: answers_for MANIFEST 1..5\n");
        return 2;
    }
    sp_diags *d = sp_diags_new();
    sp_quiz *quiz = NULL;
    if (!d || sp_quiz_load(argv[1], d, &quiz) != 0) {
        fprintf(stderr, "answers_for: cannot load %s\n", argv[1]);
        return 1;
    }
    for (size_t b = 0; b < sp_quiz_bank_count(quiz); b++) {
        const sp_bank *bank = sp_quiz_bank(quiz, b);
        for (size_t i = 0; i < bank->nquestions; i++) {
            const sp_question *q = &bank->questions[i];
            sp_answer a = {.state = SP_ANSWER_GIVEN,
                           .value = (uint8_t)(argv[2][0] - '0'),
                           .chosen = q->kind == SP_KIND_KNOWLEDGE ? q->answer : 1};
            char text[256];
            sp_answer_format(q, &a, text, sizeof(text));
            printf("%s: %s\n", q->id, text);
        }
    }
    sp_quiz_free(quiz);
    sp_diags_free(d);
    return fflush(stdout) == 0 ? 0 : 1;
}
