/* Unit tests of the text rules shared by every reader: the classification of characters
 * (engine/util.c). */
#include "testmain.h"

#include "util.h"

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

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(every_class_has_its_members),
    cmocka_unit_test(hostile_means_control_bidi_or_invisible),
};

SP_TEST_MAIN(tests)
