/* Fuzz target: journals of quizzes in progress (journal.h), checked against the tiny test quiz,
 * resumed, and written again.
 *
 * A journal ends with a BLAKE2b checksum of everything before it, which a mutated input almost
 * never matches: fed only as it is, the fuzzer would test the checksum and little else. So each
 * input is parsed twice: as it is, and sealed, that is with its last line dropped when it is a
 * checksum line and a correct checksum line put in its place. The sealed form reaches every
 * line of the parser; it is what someone who edits a journal by hand and fixes its checksum
 * (the checksum detects damage, it is no signature) can feed signpost.
 *
 * Promises checked: a failed parse says why; a journal that parses and fits the quiz either
 * resumes or says why; a resumed session has the journal's items, answers and position (or,
 * for a journal at the end with items still open, the first of them: docs/sessions.md), and
 * the journal written for it parses back to the same state. */
#include "fuzz.h"

#include <string.h>

#include "signpost/journal.h"
#include "base/util.h"

#define CHECK_LINE     "blake2b: "
#define CHECK_LINE_LEN (sizeof(CHECK_LINE) - 1 + 64 + 1)

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

/* The input with a correct checksum line in place of its last line (when that is one), in a
 * malloc'd buffer of *len bytes; NULL when out of memory. */
static char *seal(const uint8_t *data, size_t size, size_t *len)
{
    size_t body = size;
    if (size >= CHECK_LINE_LEN && data[size - 1] == '\n' &&
        memcmp(data + size - CHECK_LINE_LEN, CHECK_LINE, sizeof(CHECK_LINE) - 1) == 0 &&
        (size == CHECK_LINE_LEN || data[size - CHECK_LINE_LEN - 1] == '\n'))
        body = size - CHECK_LINE_LEN;
    char *out = malloc(body + CHECK_LINE_LEN + 1);
    if (!out)
        return NULL;
    unsigned char digest[32];
    memcpy(out, data, body);
    sp_digest(out, body, digest);
    memcpy(out + body, CHECK_LINE, sizeof(CHECK_LINE) - 1);
    sp_hex(digest, 32, out + body + sizeof(CHECK_LINE) - 1);
    out[body + CHECK_LINE_LEN - 1] = '\n';
    *len = body + CHECK_LINE_LEN;
    return out;
}

/* Writes the journal of the resumed session s and checks that it reads back the same. */
static void round_trip(const sp_journal *j, const sp_quiz *quiz, const sp_session *s)
{
    char *buf = NULL;
    size_t len = 0;
    int rc = sp_journal_format(quiz, s, sp_journal_get_info(j), &buf, &len);
    if (rc == SP_ENOMEM)
        return;
    FUZZ_ASSERT(rc == 0);
    sp_diags *d = sp_diags_new();
    sp_journal *again = NULL;
    rc = sp_journal_parse("again.journal", buf, len, d, &again);
    FUZZ_ASSERT(rc == 0 || rc == SP_ENOMEM);
    if (again) {
        FUZZ_ASSERT(sp_journal_count(again) == sp_session_count(s));
        FUZZ_ASSERT(sp_journal_position(again) == sp_session_position(s));
        FUZZ_ASSERT(sp_journal_answered(again) == sp_session_answered(s));
        FUZZ_ASSERT(sp_journal_skipped(again) == sp_session_skipped(s));
        FUZZ_ASSERT(sp_journal_seed(again) == sp_journal_seed(j));
    }
    sp_journal_free(again);
    sp_diags_free(d);
    free(buf);
}

/* Checks the journal against the quiz and resumes it when it fits. */
static void resume(const sp_journal *j)
{
    const sp_quiz *quiz = tiny_quiz();
    char why[1024] = "";
    if (sp_journal_check_quiz(j, quiz, why, sizeof(why)) != 0) {
        FUZZ_ASSERT(why[0]);
        return;
    }
    sp_form *form = NULL;
    sp_session *s = NULL;
    int rc = sp_journal_resume(j, quiz, &form, &s, why, sizeof(why));
    FUZZ_ASSERT((rc == 0) == (form != NULL && s != NULL));
    if (rc == SP_EINPUT)
        FUZZ_ASSERT(why[0]);
    if (rc == 0) {
        FUZZ_ASSERT(sp_session_count(s) == sp_journal_count(j));
        /* A journal "at the end" with items still open resumes at the first of them. */
        size_t seen = sp_journal_answered(j) + sp_journal_skipped(j);
        FUZZ_ASSERT(sp_session_position(s) == sp_journal_position(j) ||
                    (sp_journal_position(j) == sp_journal_count(j) && seen < sp_journal_count(j)));
        FUZZ_ASSERT(sp_session_answered(s) == sp_journal_answered(j));
        FUZZ_ASSERT(sp_session_skipped(s) == sp_journal_skipped(j));
        round_trip(j, quiz, s);
    }
    sp_session_free(s);
    sp_form_free(form);
}

static void parse(const char *buf, size_t len)
{
    sp_diags *d = sp_diags_new();
    sp_journal *j = NULL;
    int rc = sp_journal_parse("fuzz.journal", buf, len, d, &j);
    FUZZ_ASSERT((rc == 0) == (j != NULL));
    fuzz_check_failure(rc, d);
    if (j) {
        const sp_journal_info *info = sp_journal_get_info(j);
        FUZZ_ASSERT(info->quiz_path && info->quiz_path[0] && info->lang);
        FUZZ_ASSERT(sp_journal_quiz_id(j) && sp_journal_quiz_version(j));
        FUZZ_ASSERT(sp_journal_position(j) <= sp_journal_count(j));
        FUZZ_ASSERT(sp_journal_answered(j) + sp_journal_skipped(j) <= sp_journal_count(j));
        resume(j);
    }
    sp_journal_free(j);
    sp_diags_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parse((const char *)data, size);
    size_t len = 0;
    char *sealed = seal(data, size, &len);
    if (sealed)
        parse(sealed, len);
    free(sealed);
    return 0;
}
