/* Unit tests of the loaders: what a valid file becomes, and the exact diagnostics of
 * invalid ones. The bad-input corpus under tests/data/bad is checked through the program (see
 * tests/cli); these tests look at the model and at edge cases that need no file. */
#include "testmain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signpost/load.h"

/* Parses text as a file named t.yaml; returns the document (NULL on errors) and leaves the
 * formatted diagnostics, one per line, in *diag_text (caller frees). */
static sp_document *parse(const char *text, const sp_directions *dirs, char **diag_text)
{
    sp_diags *d = sp_diags_new();
    assert_non_null(d);
    sp_document *doc = NULL;
    int rc = sp_document_parse("t.yaml", text, strlen(text), dirs, d, &doc);
    sp_diags_sort(d);
    size_t cap = 1, len = 0;
    char *s = calloc(1, 1);
    for (size_t i = 0; i < sp_diags_count(d); i++) {
        const sp_diag *g = sp_diags_at(d, i);
        char line[1024];
        int n = snprintf(line, sizeof(line), "%u:%u: %s: %s\n", g->line, g->column,
                         sp_severity_name(g->severity), g->message);
        cap += (size_t)n;
        s = realloc(s, cap);
        memcpy(s + len, line, (size_t)n + 1);
        len += (size_t)n;
    }
    assert_true(rc == 0 ? doc != NULL : doc == NULL);
    sp_diags_free(d);
    *diag_text = s;
    return doc;
}

static void expect_diags(const char *text, const char *expected)
{
    char *got;
    sp_document *doc = parse(text, NULL, &got);
    assert_string_equal(got, expected);
    free(got);
    sp_document_free(doc);
}

static const char *const minimal_bank =
    "signpost: bank/1\n"
    "id: infra\n"
    "version: 1.2.3\n"
    "title: {en: Infra, zh: 基础设施}\n"
    "questions:\n"
    "  - id: q1\n"
    "    kind: likert\n"
    "    text: \"I like networks\"\n"
    "    keys: {infra: 1, inference: -0.5}\n"
    "  - id: q2\n"
    "    kind: knowledge\n"
    "    level: 3\n"
    "    text: {en: Which?, zh: 哪个？}\n"
    "    options: [{id: a, text: A}, {id: b, text: B, fixed: true}, {id: c, text: C}]\n"
    "    answer: [a, c]\n"
    "    explain: Because.\n";

static void bank_loads_into_model(void **state)
{
    (void)state;
    char *diags;
    sp_document *doc = parse(minimal_bank, NULL, &diags);
    assert_string_equal(diags, "");
    free(diags);
    const sp_bank *b = sp_document_bank(doc);
    assert_non_null(b);
    assert_string_equal(b->id, "infra");
    assert_string_equal(b->version, "1.2.3");
    assert_string_equal(b->direction, "infra"); /* defaults to the id */
    assert_int_equal(b->nquestions, 2);
    const sp_question *q1 = &b->questions[0], *q2 = &b->questions[1];
    assert_int_equal(q1->kind, SP_KIND_LIKERT);
    assert_int_equal(q1->nkeys, 2);
    assert_string_equal(q1->keys[1].dir, "inference");
    assert_true(q1->keys[1].value == -0.5);
    assert_int_equal(q1->pos.line, 6);
    assert_int_equal(q1->pos.column, 5);
    assert_int_equal(q2->level, 3);
    assert_int_equal(q2->noptions, 3);
    assert_int_equal(q2->answer, 0x5); /* a and c */
    assert_true(q2->options[1].fixed);
    assert_int_equal(q2->nkeys, 1); /* the bank's direction by default */
    assert_string_equal(q2->keys[0].dir, "infra");
    assert_string_equal(sp_text_get(&q2->text, "zh"), "哪个？");
    assert_string_equal(sp_text_get(&q2->text, "zh-TW"), "哪个？");
    assert_string_equal(sp_text_get(&q2->text, "fr"), "Which?");
    assert_string_equal(sp_text_get(&q1->text, "zh"), "I like networks");
    assert_ptr_equal(q2->bank, b);
    sp_document_free(doc);
}

static void empty_file_is_reported(void **state)
{
    (void)state;
    expect_diags("", "1:1: error: the file is empty; expected a mapping that starts with "
                     "'signpost:'\n");
    expect_diags("# only a comment\n", "1:1: error: the file is empty; expected a mapping that "
                                       "starts with 'signpost:'\n");
}

static void wrong_format_tag_is_reported(void **state)
{
    (void)state;
    expect_diags("signpost: bank/2\n",
                 "1:11: error: format 'bank/2' is not one this signpost reads; it reads "
                 "'bank/1' (a newer signpost may read this file)\n");
    expect_diags("id: x\nsignpost: bank/1\n",
                 "1:1: error: expected 'signpost: <format>' as the first key, such as "
                 "'signpost: bank/1'\n");
}

static void positions_count_code_points(void **state)
{
    (void)state;
    /* The bad tag follows two Chinese characters: column 17 counts them once each, where
     * bytes would give 19 and display columns 19. */
    expect_diags("signpost: bank/1\n"
                 "title: {zh: 中文, xx-yy-zz: 1}\n",
                 "1:1: error: the bank has no 'id'; it is required\n"
                 "1:1: error: the bank has no 'version'; it is required\n"
                 "1:1: error: the bank has no 'questions'; it is required\n"
                 "2:17: error: 'xx-yy-zz' is not a language tag; expected a tag such as en or "
                 "zh\n");
}

static void oversized_input_is_refused(void **state)
{
    (void)state;
    sp_diags *d = sp_diags_new();
    sp_document *doc = NULL;
    static const char small[] = "signpost: bank/1\n";
    assert_int_equal(
        sp_document_parse("big.yaml", small, (size_t)SP_LIMIT_FILE_SIZE + 1, NULL, d, &doc),
        SP_ELIMIT);
    assert_null(doc);
    assert_int_equal(sp_diags_errors(d), 1);
    sp_diags_free(d);
}

static void diagnostics_are_capped_per_file(void **state)
{
    (void)state;
    sp_diags *d = sp_diags_new();
    for (int i = 0; i < SP_DIAGS_PER_FILE + 5; i++)
        assert_int_equal(sp_diags_add(d, SP_SEV_ERROR, "a.yaml", (sp_pos){1, 1}, "e%d", i), 0);
    assert_int_equal(sp_diags_add(d, SP_SEV_WARNING, "b.yaml", (sp_pos){2, 1}, "w"), 0);
    assert_int_equal(sp_diags_count(d), SP_DIAGS_PER_FILE + 1);
    assert_int_equal(sp_diags_dropped(d), 5);
    assert_int_equal(sp_diags_errors(d), SP_DIAGS_PER_FILE + 5);
    assert_int_equal(sp_diags_warnings(d), 1);
    sp_diags_free(d);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bank_loads_into_model),
        cmocka_unit_test(empty_file_is_reported),
        cmocka_unit_test(wrong_format_tag_is_reported),
        cmocka_unit_test(positions_count_code_points),
        cmocka_unit_test(oversized_input_is_refused),
        cmocka_unit_test(diagnostics_are_capped_per_file),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
