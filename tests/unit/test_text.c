/* Unit tests of the text rules shared by every reader: the classification of characters
 * (engine/base/util.c), the one rule for a taker's name (engine/result/result.c) and the one parser
 * of times (engine/base/util.c). */
#include "testmain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "signpost/result.h"
#include "signpost/sign.h"
#include "base/util.h"

/* ---- Characters ------------------------------------------------------------------------------ */

static void every_class_has_its_members(void **state)
{
    (void)state;
    static const struct {
        uint32_t cp;
        sp_cp_class cls;
    } cases[] = {
        {'a', SP_CP_TEXT},          {0x674E, SP_CP_TEXT},       {0x1F600, SP_CP_TEXT},
        {' ', SP_CP_SPACE},         {0x00A0, SP_CP_SPACE},      {0x3000, SP_CP_SPACE},
        {0x2000, SP_CP_SPACE},      {0x200A, SP_CP_SPACE},      {'\t', SP_CP_LAYOUT},
        {'\n', SP_CP_LAYOUT},       {'\r', SP_CP_CONTROL},      {0x1B, SP_CP_CONTROL},
        {0x7F, SP_CP_CONTROL},      {0x85, SP_CP_CONTROL},      {0x9B, SP_CP_CONTROL},
        {0x200E, SP_CP_BIDI},       {0x200F, SP_CP_BIDI},       {0x061C, SP_CP_BIDI},
        {0x202A, SP_CP_BIDI},       {0x202E, SP_CP_BIDI},       {0x2066, SP_CP_BIDI},
        {0x2069, SP_CP_BIDI},       {0x200B, SP_CP_INVISIBLE},  {0x2028, SP_CP_INVISIBLE},
        {0x2029, SP_CP_INVISIBLE},  {0x2060, SP_CP_INVISIBLE},  {0x2064, SP_CP_INVISIBLE},
        {0x206F, SP_CP_INVISIBLE},  {0xFEFF, SP_CP_INVISIBLE},  {0xFFFB, SP_CP_INVISIBLE},
        {0x180E, SP_CP_INVISIBLE},  {0xE0001, SP_CP_INVISIBLE}, {0xE0041, SP_CP_INVISIBLE},
        {0xE007F, SP_CP_INVISIBLE}, {0xFFFE, SP_CP_INVISIBLE},  {0x10FFFF, SP_CP_INVISIBLE},
        {0xFDD0, SP_CP_INVISIBLE},  {0x200C, SP_CP_SHAPING},    {0x200D, SP_CP_SHAPING},
        {0x00AD, SP_CP_SHAPING},    {0xFE0F, SP_CP_SHAPING},    {0xE0100, SP_CP_SHAPING},
        {0x3164, SP_CP_SHAPING},    {0x202F, SP_CP_SPACE},      {0xFFFD, SP_CP_TEXT},
    };
    for (size_t i = 0; i < SP_ARRAY_LEN(cases); i++)
        if (sp_cp_classify(cases[i].cp) != cases[i].cls)
            fail_msg("U+%04X: class %d, expected %d", (unsigned)cases[i].cp,
                     sp_cp_classify(cases[i].cp), cases[i].cls);
}

static void hostile_means_control_bidi_or_invisible(void **state)
{
    (void)state;
    assert_true(sp_is_hostile_codepoint(0x200E, true));
    assert_true(sp_is_hostile_codepoint(0x200B, true));
    assert_true(sp_is_hostile_codepoint(0x2028, true));
    assert_true(sp_is_hostile_codepoint(0xE0041, true));
    assert_true(sp_is_hostile_codepoint('\t', false));
    assert_false(sp_is_hostile_codepoint('\t', true));
    assert_false(sp_is_hostile_codepoint(0x200D, false)); /* emoji and scripts need it */
    assert_false(sp_is_hostile_codepoint(0x3000, false));
}

/* ---- Names ----------------------------------------------------------------------------------- */

static sp_name_issue check_name(const char *name, sp_name_problem want)
{
    sp_name_issue is;
    if (sp_name_check(name, strlen(name), &is) != want)
        fail_msg("'%s': problem %d, expected %d", name, is.problem, want);
    return is;
}

static void explained(const char *name, const char *want)
{
    sp_name_issue is;
    char why[200];
    sp_name_check(name, strlen(name), &is);
    assert_string_equal(sp_name_explain(&is, why, sizeof(why)), want);
}

static void a_name_is_printable_text_without_white_space_at_its_ends(void **state)
{
    (void)state;
    check_name("Ann Lee", SP_NAME_OK);
    check_name("李明", SP_NAME_OK);
    check_name("李\u3000明", SP_NAME_OK); /* a gap inside a name is fine */
    check_name("Ann \"A\" \\ Lee top=x", SP_NAME_OK);
    check_name("", SP_NAME_EMPTY);
    check_name(" Ann", SP_NAME_EDGE);
    check_name("李明\u3000", SP_NAME_EDGE);
    check_name("\u00a0", SP_NAME_EDGE);
    check_name("Ann\u200eLee", SP_NAME_CHARACTER);
    check_name("Ann\u200dLee", SP_NAME_CHARACTER);
    check_name("Ann\xf3\xa0\x81\x81", SP_NAME_CHARACTER); /* a tag character */
    check_name("Ann\nLee", SP_NAME_CHARACTER);
    check_name("Ann\xc3", SP_NAME_BAD_UTF8);
    char longest[SP_LIMIT_NAME + 2];
    memset(longest, 'x', SP_LIMIT_NAME + 1);
    longest[SP_LIMIT_NAME + 1] = '\0';
    check_name(longest, SP_NAME_TOO_LONG);
    longest[SP_LIMIT_NAME] = '\0';
    check_name(longest, SP_NAME_OK);
    assert_false(sp_result_name_valid("李明\u3000"));
    assert_true(sp_result_name_valid("李明"));
}

static void a_refused_name_says_what_and_where(void **state)
{
    (void)state;
    explained("李明\u3000", "U+3000 (white space) at its end is not allowed");
    explained("\u2003Ann", "U+2003 (white space) at its start is not allowed");
    explained("李明\u200eLi", "U+200E (a bidirectional control character) at character 3 is not "
                              "allowed");
    explained("Ann\ufeff", "U+FEFF (an invisible character) at character 4 is not allowed");
    explained("Ann\ufe0f", "U+FE0F (an invisible joining or variation character) at character 4 "
                           "is not allowed");
    explained("A\tB", "U+0009 (a tab or line break) at character 2 is not allowed");
    explained("Ann\xc3", "byte 0xC3 at byte 4 is not valid UTF-8");
    explained("", "the name is empty");
}

/* Every name the rule accepts can be signed: the signer refuses control characters, and white
 * space at the ends of the comment, where the quoted name never is. */
static void every_valid_name_can_be_signed(void **state)
{
    (void)state;
    sp_seckey *key = NULL;
    assert_int_equal(sp_init(), 0);
    assert_int_equal(sp_seckey_generate(&key), 0);
    static const char *const names[] = {"Ann", "李明", "A \"B\" \\ C", "x=y z",
                                        "\u674e\u3000\u660e"};
    for (size_t i = 0; i < SP_ARRAY_LEN(names); i++) {
        assert_true(sp_result_name_valid(names[i]));
        char comment[300];
        snprintf(comment, sizeof(comment), "signpost-result/1 name=\"%s\"", names[i]);
        char *block = NULL;
        size_t len = 0;
        assert_int_equal(sp_sign(key, "x", 1, comment, "", &block, &len), 0);
        free(block);
    }
    sp_seckey_free(key);
}

/* ---- Times ----------------------------------------------------------------------------------- */

static void expect_time(const char *s, sp_time_problem want, size_t want_at, const char *why)
{
    int64_t t = -1;
    size_t at = 99;
    char text[200] = "";
    sp_time_problem got = sp_time_parse(s, strlen(s), &t, &at, text, sizeof(text));
    if (got != want)
        fail_msg("'%s': problem %d, expected %d (%s)", s, got, want, text);
    if (want != SP_TIME_OK) {
        assert_int_equal(at, want_at);
        assert_string_equal(text, why);
    }
}

static void impossible_times_are_refused(void **state)
{
    (void)state;
    expect_time("2026-02-28T23:59:59Z", SP_TIME_OK, 0, NULL);
    expect_time("2024-02-29T00:00:00Z", SP_TIME_OK, 0, NULL);
    expect_time("2000-02-29T00:00:00Z", SP_TIME_OK, 0, NULL);
    expect_time("1970-01-01T00:00:00Z", SP_TIME_OK, 0, NULL);
    expect_time("9999-12-31T23:59:59Z", SP_TIME_OK, 0, NULL);
    expect_time("2026-02-30T23:59:60Z", SP_TIME_IMPOSSIBLE, 8,
                "there is no day 30 in 2026-02; expected 01 to 28");
    expect_time("1900-02-29T00:00:00Z", SP_TIME_IMPOSSIBLE, 0,
                "the year 1900 is before 1970; expected a year from 1970 to 9999");
    expect_time("2100-02-29T00:00:00Z", SP_TIME_IMPOSSIBLE, 8,
                "there is no day 29 in 2100-02; expected 01 to 28");
    expect_time("0000-01-01T00:00:00Z", SP_TIME_IMPOSSIBLE, 0,
                "the year 0000 is before 1970; expected a year from 1970 to 9999");
    expect_time("2026-00-10T00:00:00Z", SP_TIME_IMPOSSIBLE, 5,
                "there is no month 00; expected 01 to 12");
    expect_time("2026-01-00T00:00:00Z", SP_TIME_IMPOSSIBLE, 8,
                "there is no day 00 in 2026-01; expected 01 to 31");
    expect_time("2026-01-01T24:00:00Z", SP_TIME_IMPOSSIBLE, 11,
                "there is no hour 24; expected 00 to 23");
    expect_time("2026-01-01T00:60:00Z", SP_TIME_IMPOSSIBLE, 14,
                "there is no minute 60; expected 00 to 59");
    expect_time("2026-01-01T00:00:60Z", SP_TIME_IMPOSSIBLE, 17,
                "there is no second 60; expected 00 to 59 (leap seconds are not recorded)");
    const char *shape = "expected a UTC time such as 2026-11-23T18:04:05Z";
    expect_time("2026-01-01 00:00:00Z", SP_TIME_SHAPE, 10, shape);
    expect_time("2026-01-01T00:00:00", SP_TIME_SHAPE, 19, shape);
    expect_time("2026-01-01T00:00:00Z ", SP_TIME_SHAPE, 20, shape);
    expect_time("+026-01-01T00:00:00Z", SP_TIME_SHAPE, 0, shape);
    expect_time("", SP_TIME_SHAPE, 0, shape);
}

/* The parser and the writer agree with the C library on every day from 1970 to 2200, and the
 * writer clamps what no result can hold. */
static void times_round_trip_and_agree_with_timegm(void **state)
{
    (void)state;
    char text[SP_TIME_TEXT_SIZE];
    for (int64_t t = 0; t < INT64_C(7258118400); t += 86400 + 3723) {
        time_t tt = (time_t)t;
        struct tm tm;
        char want[32];
        assert_non_null(gmtime_r(&tt, &tm));
        strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%SZ", &tm);
        sp_time_format(t, text);
        assert_string_equal(text, want);
        int64_t back = -1;
        size_t at;
        char why[100];
        assert_int_equal(sp_time_parse(text, strlen(text), &back, &at, why, sizeof(why)),
                         SP_TIME_OK);
        assert_true(back == t);
    }
    sp_time_format(-1, text);
    assert_string_equal(text, "1970-01-01T00:00:00Z");
    sp_time_format(INT64_MAX, text);
    assert_string_equal(text, "9999-12-31T23:59:59Z");
    sp_time_format(SP_TIME_MAX, text);
    assert_string_equal(text, "9999-12-31T23:59:59Z");
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(every_class_has_its_members),
    cmocka_unit_test(hostile_means_control_bidi_or_invisible),
    cmocka_unit_test(a_name_is_printable_text_without_white_space_at_its_ends),
    cmocka_unit_test(a_refused_name_says_what_and_where),
    cmocka_unit_test(every_valid_name_can_be_signed),
    cmocka_unit_test(impossible_times_are_refused),
    cmocka_unit_test(times_round_trip_and_agree_with_timegm),
};

SP_TEST_MAIN(tests)
