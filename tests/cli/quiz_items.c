/* quiz_items: prints every item of a quiz as one tab-separated line, for the CLI tests' own
 * computations (tests/cli/analyze_check.py), so that they need no YAML parser:
 *
 *   ID  KIND  LEVEL  KEYS  OPTIONS  ANSWER
 *
 * KEYS is "dir=weight,..." (likert and knowledge); OPTIONS is "id:dir=weight|dir=weight,..." in
 * file order; ANSWER is the correct option ids joined by "+" (knowledge), else "-".
 *
 *   quiz_items MANIFEST */
#include <stdio.h>

#include "signpost/load.h"

static void print_question(const sp_question *q)
{
    printf("%s\t%s\t%u\t", q->id, sp_kind_name(q->kind), q->level);
    for (uint32_t k = 0; k < q->nkeys; k++)
        printf("%s%s=%g", k ? "," : "", q->keys[k].dir, q->keys[k].value);
    printf("%s\t", q->nkeys ? "" : "-");
    for (uint32_t o = 0; o < q->noptions; o++) {
        printf("%s%s:", o ? "," : "", q->options[o].id);
        for (uint32_t w = 0; w < q->options[o].nweights; w++)
            printf("%s%s=%g", w ? "|" : "", q->options[o].weights[w].dir,
                   q->options[o].weights[w].value);
    }
    printf("%s\t", q->noptions ? "" : "-");
    int n = 0;
    for (uint32_t o = 0; o < q->noptions; o++)
        if (q->kind == SP_KIND_KNOWLEDGE && (q->answer >> o) & 1u)
            printf("%s%s", n++ ? "+" : "", q->options[o].id);
    printf("%s\n", n ? "" : "-");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: quiz_items MANIFEST\n");
        return 2;
    }
    sp_diags *d = sp_diags_new();
    sp_quiz *quiz = NULL;
    if (!d || sp_quiz_load(argv[1], d, &quiz) != 0) {
        fprintf(stderr, "quiz_items: cannot load %s\n", argv[1]);
        return 1;
    }
    const sp_directions *dirs = sp_quiz_directions(quiz);
    printf("#directions");
    for (uint32_t i = 0; i < dirs->count; i++)
        printf("\t%s", dirs->items[i].id);
    printf("\n");
    for (size_t b = 0; b < sp_quiz_bank_count(quiz); b++) {
        const sp_bank *bank = sp_quiz_bank(quiz, b);
        for (size_t i = 0; i < bank->nquestions; i++)
            print_question(&bank->questions[i]);
    }
    sp_quiz_free(quiz);
    sp_diags_free(d);
    return fflush(stdout) == 0 ? 0 : 1;
}
