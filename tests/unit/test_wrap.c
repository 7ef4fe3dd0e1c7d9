/* Unit tests of the display text modules of the front end (engine/cli/wrap.c, safe.c):
 * neutralising text from files, measuring it in columns and wrapping it, Chinese included. */
#include "testmain.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/safe.h"
#include "cli/wrap.h"

/* Wraps text as st says and returns what was printed (caller frees). */
static char *wrapped(const char *text, int width, int indent, const char *lead)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    wrap_style st = {width, indent, lead, NULL, NULL};
    int lines = wrap_print(f, text, &st);
    fclose(f);
    assert_int_equal(lines, wrap_count(text, &st));
    return buf;
}

static void expect_wrap(const char *text, int width, int indent, const char *lead, const char *want)
{
    char *got = wrapped(text, width, indent, lead);
    assert_string_equal(got, want);
    free(got);
}

static void escapes_and_controls_never_reach_the_terminal(void **state)
{
    (void)state;
    char *c = wrap_clean("a\x1b[31mb\x07"
                         "c\xe2\x80\xae"
                         "d\xff\x9b"
                         "e\r\x7f",
                         false);
    assert_string_equal(c, "a\xef\xbf\xbd[31mb\xef\xbf\xbd"
                           "c\xef\xbf\xbd"
                           "d\xef\xbf\xbd"
                           "\xef\xbf\xbd"
                           "e\xef\xbf\xbd\xef\xbf\xbd");
    free(c);
    /* The C1 control CSI (U+009B) as a code point, and an isolate. */
    c = wrap_clean("x\xc2\x9b"
                   "1m\xe2\x81\xa6y",
                   false);
    assert_string_equal(c, "x\xef\xbf\xbd"
                           "1m\xef\xbf\xbdy");
    free(c);
    c = wrap_clean(NULL, false);
    assert_string_equal(c, "");
    free(c);
}

/* Bidirectional marks and invisible characters (sp_is_hostile_codepoint) are neutralised like
 * controls, so that a name or text read from an old file cannot hide in or reorder what is
 * shown; joiners, which emoji and scripts need, stay. */
static void bidi_marks_and_invisible_characters_are_neutralised(void **state)
{
    (void)state;
    static const char *const hidden[] = {"\u200e", "\u200f", "\u061c", "\u200b",
                                         "\ufeff", "\u2028", "\u2060", "\U000E0041"};
    static const char *const escaped[] = {"\\u200E", "\\u200F", "\\u061C", "\\u200B",
                                          "\\uFEFF", "\\u2028", "\\u2060", "\\uE0041"};
    for (size_t i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
        char in[32], want[40];
        snprintf(in, sizeof(in), "Ann%sLee", hidden[i]);
        char *c = wrap_clean(in, false);
        assert_string_equal(c, "Ann\xef\xbf\xbdLee");
        free(c);
        snprintf(want, sizeof(want), "Ann%sLee", escaped[i]);
        c = safe_dup(in);
        assert_string_equal(c, want);
        free(c);
    }
    char *c = wrap_clean("a\u200db", false);
    assert_string_equal(c, "a\u200db");
    free(c);
    c = safe_dup("a\u200db\u3000");
    assert_string_equal(c, "a\u200db\u3000");
    free(c);
}

static void tabs_become_spaces_and_newlines_are_kept_on_request(void **state)
{
    (void)state;
    char *c = wrap_clean("a\tb\nc", true);
    assert_string_equal(c, "a b\nc");
    free(c);
    c = wrap_clean("a\tb\nc", false);
    assert_string_equal(c, "a b c");
    free(c);
}

static void widths_are_display_columns(void **state)
{
    (void)state;
    assert_int_equal(wrap_width("abc"), 3);
    assert_int_equal(wrap_width("中文"), 4);
    assert_int_equal(wrap_width("，。"), 4);
    assert_int_equal(wrap_width("e\xcc\x81"), 1); /* e + combining acute */
    assert_int_equal(wrap_width("\x1b[1m"), 4);   /* the escape is shown as one U+FFFD */
}

static void latin_text_breaks_at_spaces(void **state)
{
    (void)state;
    expect_wrap("the quick brown fox jumps", 10, 0, NULL, "the quick\nbrown fox\njumps\n");
    expect_wrap("the quick brown fox", 12, 2, NULL, "  the quick\n  brown fox\n");
    expect_wrap("one two three", 9, 3, "a) ", "a) one\n   two\n   three\n");
    expect_wrap("a\nb c", 80, 0, NULL, "a\nb c\n");
    expect_wrap("", 10, 0, NULL, "\n");
}

static void a_word_longer_than_the_line_is_cut_between_characters(void **state)
{
    (void)state;
    expect_wrap("abcdefghij xy", 4, 0, NULL, "abcd\nefgh\nij\nxy\n");
}

static void chinese_breaks_between_any_characters_but_not_before_closing_punctuation(void **state)
{
    (void)state;
    expect_wrap("一二三四五六七", 6, 0, NULL, "一二三\n四五六\n七\n");
    /* "，" may not start a line: the character before it moves down with it. */
    expect_wrap("一二三，四五", 6, 0, NULL, "一二\n三，四\n五\n");
    /* An odd width never cuts a character in half. */
    expect_wrap("一二三四", 5, 0, NULL, "一二\n三四\n");
    /* Latin words inside Chinese text stay whole. */
    expect_wrap("用 PyTorch 训练", 10, 0, NULL, "用 PyTorch\n训练\n");
    /* Opening punctuation stays with what follows. */
    expect_wrap("一二（三）", 6, 0, NULL, "一二\n（三）\n");
}

/* What the reader is told to type stays on one line: "signpost", its subcommand, its options
 * and arguments (not the prose after them), a quoted or a backquoted command; a command longer
 * than the line is cut as a long word is. */
static void a_command_is_never_split(void **state)
{
    (void)state;
    expect_wrap("运行 signpost take --resume 继续。", 24, 0, NULL,
                "运行\nsignpost take --resume\n继续。\n");
    expect_wrap("如果中途停下，运行signpost take --resume继续。", 30, 0, NULL,
                "如果中途停下，运行\nsignpost take --resume继续。\n");
    expect_wrap("then run signpost take --resume to continue.", 24, 0, NULL,
                "then run\nsignpost take --resume\nto continue.\n");
    expect_wrap("sign it with 'signpost sign r.signpost' later", 30, 0, NULL,
                "sign it with\n'signpost sign r.signpost'\nlater\n");
    expect_wrap("请用\u201Csignpost keygen\u201D生成一个", 20, 0, NULL,
                "请用\n\u201Csignpost keygen\u201D生\n成一个\n");
    expect_wrap("list them with `take --sessions` now", 20, 0, NULL,
                "list them with\n`take --sessions`\nnow\n");
    expect_wrap("go signpost take --resume", 10, 0, NULL, "go\nsignpost\ntake\n--resume\n");
}

static void shortening_ends_with_an_ellipsis_within_the_width(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(wrap_shorten("abcdefgh", 5, buf, sizeof(buf)), "abcd\xe2\x80\xa6");
    assert_string_equal(wrap_shorten("abc", 5, buf, sizeof(buf)), "abc");
    assert_string_equal(wrap_shorten("中文字符", 6, buf, sizeof(buf)), "中文\xe2\x80\xa6");
    assert_string_equal(wrap_shorten("ab cd ef", 6, buf, sizeof(buf)), "ab cd\xe2\x80\xa6");
    assert_string_equal(wrap_shorten("a\nb", 5, buf, sizeof(buf)), "a b");
}

static void escapes_in_a_trusted_lead_take_no_columns(void **state)
{
    (void)state;
    expect_wrap("one two", 6, 3, "\x1b[1ma)\x1b[0m ", "\x1b[1ma)\x1b[0m one\n   two\n");
}

static void typed_answers_fold_to_ascii(void **state)
{
    (void)state;
    char out[32];
    assert_true(wrap_fold("Ａ，ｃ", out, sizeof(out)));
    assert_string_equal(out, "a,c");
    assert_true(wrap_fold("４", out, sizeof(out)));
    assert_string_equal(out, "4");
    assert_true(wrap_fold("a、c\xe3\x80\x80"
                          "B",
                          out, sizeof(out)));
    assert_string_equal(out, "a,c b");
    assert_false(wrap_fold("是", out, sizeof(out)));
    assert_false(wrap_fold("a\x1b", out, sizeof(out)));
    assert_false(wrap_fold("abcdef", out, 4));
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes_and_controls_never_reach_the_terminal),
        cmocka_unit_test(bidi_marks_and_invisible_characters_are_neutralised),
        cmocka_unit_test(tabs_become_spaces_and_newlines_are_kept_on_request),
        cmocka_unit_test(widths_are_display_columns),
        cmocka_unit_test(latin_text_breaks_at_spaces),
        cmocka_unit_test(a_word_longer_than_the_line_is_cut_between_characters),
        cmocka_unit_test(chinese_breaks_between_any_characters_but_not_before_closing_punctuation),
        cmocka_unit_test(a_command_is_never_split),
        cmocka_unit_test(shortening_ends_with_an_ellipsis_within_the_width),
        cmocka_unit_test(escapes_in_a_trusted_lead_take_no_columns),
        cmocka_unit_test(typed_answers_fold_to_ascii),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
