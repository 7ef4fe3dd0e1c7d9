/* Unit tests of verifying signed results (engine/result/verify.c, keyset.c, quizset.c, comment.c).
 *
 * Every case signs a small result of the tiny test quiz with a fresh key and checks what
 * sp_verify_file makes of it, or of a forged or damaged copy. */
#include "testmain.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "signpost/verify.h"
#include "base/util.h"

#define TINY_DIR SP_TEST_DATA "/tiny"
#define TINY     TINY_DIR "/quiz.yaml"

/* What every case starts from: the quiz, a key, and an honest signed result. */
typedef struct fixture {
    sp_quiz *quiz;       /* for making results */
    sp_quizset *quizzes; /* for verifying them: the same quiz */
    sp_seckey *key;
    sp_pubkey pub;
    sp_keyset *keys; /* the key above, given */
    sp_verify_opts opts;
    char *body; /* the unsigned result */
    size_t body_len;
    char *file; /* the signed result */
    size_t file_len;
} fixture;

/* ---- Making results -------------------------------------------------------------------------- */

/* Answers every item: likert 4, the first option of a choice, the right knowledge answer. */
static char *make_body(const sp_quiz *quiz, const char *name, size_t *len)
{
    sp_form *form = NULL;
    assert_int_equal(sp_form_draw(quiz, 1, &form), 0);
    size_t n = sp_form_count(form);
    sp_response *resp = calloc(n, sizeof(*resp));
    for (size_t i = 0; i < n; i++) {
        const sp_question *q = sp_form_item_at(form, i)->q;
        resp[i].q = q;
        resp[i].a = (sp_answer){SP_ANSWER_GIVEN, 4, q->kind == SP_KIND_KNOWLEDGE ? q->answer : 1};
    }
    sp_outcome o;
    assert_int_equal(
        sp_score(sp_quiz_directions(quiz), &sp_quiz_manifest(quiz)->scoring, resp, n, &o), 0);
    sp_result_meta meta = {"en", name, 1700000000, 1700000600, NULL};
    char *body = NULL;
    assert_int_equal(sp_result_format(quiz, form, resp, &o, &meta, &body, len), 0);
    free(resp);
    sp_form_free(form);
    return body;
}

static sp_result *parse(const char *body, size_t len)
{
    sp_diags *d = sp_diags_new();
    sp_result *r = NULL;
    assert_int_equal(sp_result_parse("r", body, len, d, &r), 0);
    sp_diags_free(d);
    return r;
}

/* The signed file for body (len bytes) with the given trusted comment (NULL: the right one). */
static char *sign_with(const sp_seckey *key, const char *body, size_t len, const char *comment,
                       size_t *out_len)
{
    char tc[SP_TRUSTED_COMMENT_MAX + 1];
    if (!comment) {
        sp_result *r = parse(body, len);
        assert_int_equal(sp_result_comment(r, tc, sizeof(tc)), 0);
        sp_result_free(r);
        comment = tc;
    }
    char *block = NULL;
    size_t blen = 0;
    assert_int_equal(sp_sign(key, body, len, comment, "", &block, &blen), 0);
    char *file = malloc(blen + len + 1);
    memcpy(file, block, blen);
    memcpy(file + blen, body, len);
    file[blen + len] = '\0';
    *out_len = blen + len;
    free(block);
    return file;
}

static sp_seckey *new_key(sp_pubkey *pub)
{
    sp_seckey *key = NULL;
    assert_int_equal(sp_seckey_generate(&key), 0);
    assert_int_equal(sp_seckey_pubkey(key, pub), 0);
    return key;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof(*f));
    assert_int_equal(sp_init(), 0);
    sp_diags *d = sp_diags_new();
    assert_int_equal(sp_quiz_load(TINY, d, &f->quiz), 0);
    f->quizzes = sp_quizset_new();
    assert_int_equal(sp_quizset_add(f->quizzes, TINY, d), 0);
    sp_diags_free(d);
    f->key = new_key(&f->pub);
    f->keys = sp_keyset_new();
    assert_int_equal(sp_keyset_add(f->keys, &f->pub, "k.pub"), 0);
    f->opts = (sp_verify_opts){f->keys, f->quizzes, false};
    f->body = make_body(f->quiz, "Ann \"A\" Lee", &f->body_len);
    f->file = sign_with(f->key, f->body, f->body_len, NULL, &f->file_len);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sp_quiz_free(f->quiz);
    sp_quizset_free(f->quizzes);
    sp_keyset_free(f->keys);
    sp_seckey_free(f->key);
    free(f->body);
    free(f->file);
    free(f);
    return 0;
}

/* Verifies buf and returns the report (the caller clears it). */
static sp_verify_report check(const char *buf, size_t len, const sp_verify_opts *opts)
{
    sp_verify_report rep;
    assert_int_equal(sp_verify_file("r.signpost", buf, len, opts, &rep), 0);
    return rep;
}

static void expect_verdict(const char *buf, size_t len, const sp_verify_opts *opts, sp_verdict want,
                           sp_check_id check_id, const char *detail)
{
    sp_verify_report rep = check(buf, len, opts);
    if (rep.verdict != want || (detail && !strstr(rep.checks[check_id].detail, detail)))
        fail_msg("expected %s (%s: \"%s\"), got %s (%s: \"%s\")", sp_verdict_name(want),
                 sp_check_name(check_id), detail ? detail : "", sp_verdict_name(rep.verdict),
                 sp_check_name(check_id), rep.checks[check_id].detail);
    assert_false(rep.accepted);
    sp_verify_report_clear(&rep);
}

/* A copy of the body with the first occurrence of from replaced by to. */
static char *edit(const char *body, const char *from, const char *to, size_t *len)
{
    const char *at = strstr(body, from);
    assert_non_null(at);
    size_t n = strlen(body), nf = strlen(from), nt = strlen(to);
    char *out = malloc(n - nf + nt + 1);
    size_t pre = (size_t)(at - body);
    memcpy(out, body, pre);
    memcpy(out + pre, to, nt);
    memcpy(out + pre + nt, at + nf, n - pre - nf + 1);
    *len = n - nf + nt;
    return out;
}

/* ---- The honest case ------------------------------------------------------------------------- */

static void an_honest_signed_result_verifies(void **state)
{
    fixture *f = *state;
    sp_verify_report rep = check(f->file, f->file_len, &f->opts);
    assert_int_equal(rep.verdict, SP_VERDICT_VERIFIED);
    assert_true(rep.accepted);
    assert_int_equal(rep.trust, SP_TRUST_TRUSTED);
    /* The fixture is signed as before signpost recorded signers: no signer line to check. */
    assert_int_equal(rep.checks[SP_CHECK_SIGNER].status, SP_CHECK_SKIPPED);
    for (int i = 0; i < SP_CHECK_COUNT; i++)
        if (rep.checks[i].status != SP_CHECK_PASSED && i != SP_CHECK_SIGNER)
            fail_msg("check %s: %s", sp_check_name((sp_check_id)i), rep.checks[i].detail);
    char hex[SP_KEYID_HEX_SIZE];
    sp_keyid_format(f->pub.id, hex);
    assert_string_equal(rep.keyid, hex);
    assert_int_equal(rep.key_source, SP_KEY_GIVEN);
    assert_string_equal(rep.key_origin, "k.pub");
    assert_non_null(rep.result);
    assert_ptr_not_equal(rep.quiz, NULL);
    assert_int_equal(rep.quiz_fit, SP_QUIZ_EXACT);
    assert_true(rep.replayed);
    assert_int_equal(rep.replay.verdict, SP_REPLAY_OK);
    assert_int_equal(rep.body_offset, f->file_len - f->body_len);
    sp_verify_report_clear(&rep);
}

static void the_trusted_comment_names_quiz_top_level_time_and_name(void **state)
{
    fixture *f = *state;
    sp_result *r = parse(f->body, f->body_len);
    char tc[SP_TRUSTED_COMMENT_MAX + 1];
    assert_int_equal(sp_result_comment(r, tc, sizeof(tc)), 0);
    char want[300];
    snprintf(want, sizeof(want),
             "signpost-result/1 quiz=tiny@1.0.0 top=%s%s level=%s finished=2023-11-14T22:23:20Z "
             "name=\"Ann \\\"A\\\" Lee\"",
             sp_result_primary(r), sp_result_flat(r) ? " flat=same-likert" : "",
             sp_level_name(sp_result_level(r)));
    assert_string_equal(tc, want);
    char small[20];
    assert_int_equal(sp_result_comment(r, small, sizeof(small)), SP_ELIMIT);
    assert_true(sp_comment_has_tag(tc));
    assert_false(sp_comment_has_tag("signpost-result/10 x"));
    sp_result_free(r);
}

static void a_comment_that_disagrees_names_the_field(void **state)
{
    fixture *f = *state;
    sp_result *r = parse(f->body, f->body_len);
    char tc[SP_TRUSTED_COMMENT_MAX + 1], why[300];
    assert_int_equal(sp_result_comment(r, tc, sizeof(tc)), 0);
    assert_true(sp_result_comment_agrees(r, tc, why, sizeof(why)));
    char *other = strstr(tc, " level=");
    assert_non_null(other);
    memcpy(other, " level=X", 8); /* the level value starts with another letter */
    assert_false(sp_result_comment_agrees(r, tc, why, sizeof(why)));
    assert_non_null(strstr(why, "the trusted comment says level=X"));
    assert_false(
        sp_result_comment_agrees(r, "signpost-result/1 quiz=tiny@1.0.0", why, sizeof(why)));
    assert_non_null(strstr(why, "has no top= field"));
    assert_false(sp_result_comment_agrees(r, "hello", why, sizeof(why)));
    assert_non_null(strstr(why, "does not start with signpost-result/1"));
    sp_result_free(r);
}

/* ---- Tampering ------------------------------------------------------------------------------- */

/* Every single-byte change of the signed file — each position, each of four new values — must
 * be rejected. The untrusted comment is empty, so even line 1 has nothing that can change
 * without breaking the block. */
static void every_single_byte_change_is_rejected(void **state)
{
    fixture *f = *state;
    static const int xors[] = {0x01, 0x20, 0x80};
    char *copy = malloc(f->file_len);
    size_t tried = 0, by_verdict[SP_VERDICT_COUNT] = {0};
    for (size_t pos = 0; pos < f->file_len; pos++) {
        for (int v = 0; v < 4; v++) {
            memcpy(copy, f->file, f->file_len);
            unsigned char was = (unsigned char)copy[pos];
            unsigned char now = v < 3 ? (unsigned char)(was ^ xors[v]) : '\n';
            if (now == was)
                continue;
            copy[pos] = (char)now;
            sp_verify_report rep = check(copy, f->file_len, &f->opts);
            if (rep.accepted || rep.verdict == SP_VERDICT_VERIFIED)
                fail_msg("byte %zu changed from 0x%02X to 0x%02X was accepted", pos, was, now);
            by_verdict[rep.verdict]++;
            tried++;
            sp_verify_report_clear(&rep);
        }
    }
    free(copy);
    printf("tamper: %zu single-byte variants of a %zu-byte signed result, all rejected:\n", tried,
           f->file_len);
    for (int v = 0; v < SP_VERDICT_COUNT; v++)
        if (by_verdict[v])
            printf("  %-16s %zu\n", sp_verdict_name((sp_verdict)v), by_verdict[v]);
    assert_true(tried >= 3 * f->file_len);
}

static void scores_edited_and_resigned_with_the_trusted_key_fail_replay(void **state)
{
    fixture *f = *state;
    size_t len, flen;
    /* the first measured fit, 0.xxxxxx, becomes 0.9xxxxxx */
    assert_non_null(strstr(strstr(f->body, "\nscores:\n"), "fit: 0."));
    char *body = edit(strstr(f->body, "\nscores:\n"), "fit: 0.", "fit: 0.9", &len);
    size_t head = (size_t)(strstr(f->body, "\nscores:\n") - f->body);
    char *whole = malloc(head + len + 1);
    memcpy(whole, f->body, head);
    memcpy(whole + head, body, len + 1);
    free(body);
    body = whole;
    len += head;
    char *file = sign_with(f->key, body, len, NULL, &flen);
    expect_verdict(file, flen, &f->opts, SP_VERDICT_REPLAY_MISMATCH, SP_CHECK_REPLAY, "fit of ");
    free(file);
    free(body);
}

static void scoring_parameters_edited_and_resigned_fail_replay(void **state)
{
    fixture *f = *state;
    size_t len, flen;
    char *body = edit(f->body, "interest_weight: 0.8,", "interest_weight: 0.2,", &len);
    char *file = sign_with(f->key, body, len, NULL, &flen);
    expect_verdict(file, flen, &f->opts, SP_VERDICT_REPLAY_MISMATCH, SP_CHECK_REPLAY,
                   "scoring parameter interest_weight is recorded as 0.2, but the quiz has 0.8");
    free(file);
    free(body);
}

static void an_answer_dropped_and_resigned_fails_replay(void **state)
{
    fixture *f = *state;
    size_t len, flen;
    const char *line = strstr(f->body, "\n  t.like.net: ");
    assert_non_null(line);
    char drop[64];
    snprintf(drop, sizeof(drop), "%.*s", (int)(strchr(line + 1, '\n') - line), line);
    char *body = edit(f->body, drop, "", &len);
    char *file = sign_with(f->key, body, len, NULL, &flen);
    expect_verdict(file, flen, &f->opts, SP_VERDICT_REPLAY_MISMATCH, SP_CHECK_REPLAY,
                   "the result answers 4 questions, but the quiz draws 5");
    free(file);
    free(body);
}

static void a_comment_signed_with_other_fields_disagrees(void **state)
{
    fixture *f = *state;
    size_t flen;
    sp_result *r = parse(f->body, f->body_len);
    char tc[SP_TRUSTED_COMMENT_MAX + 1];
    assert_int_equal(sp_result_comment(r, tc, sizeof(tc)), 0);
    sp_result_free(r);
    size_t n;
    char *forged = edit(tc, " top=", " top=safety-", &n);
    char *file = sign_with(f->key, f->body, f->body_len, forged, &flen);
    expect_verdict(file, flen, &f->opts, SP_VERDICT_COMMENT_MISMATCH, SP_CHECK_COMMENT,
                   "the trusted comment says top=safety-");
    free(file);
    free(forged);
}

/* The comment of a result with the given name, in the form signpost wrote before it quoted
 * names: the name bare at the end. */
static char *legacy_comment(const char *body, size_t len, const char *name)
{
    sp_result *r = parse(body, len);
    char tc[SP_TRUSTED_COMMENT_MAX + 1];
    assert_int_equal(sp_result_comment(r, tc, sizeof(tc)), 0);
    sp_result_free(r);
    char *at = strstr(tc, " name=\"");
    assert_non_null(at);
    size_t n = (size_t)(at - tc);
    char *out = malloc(n + strlen(name) + 8);
    sprintf(out, "%.*s name=%s", (int)n, tc, name);
    return out;
}

static void a_name_in_the_comment_is_quoted_and_a_changed_one_is_named(void **state)
{
    fixture *f = *state;
    sp_result *r = parse(f->body, f->body_len);
    char tc[SP_TRUSTED_COMMENT_MAX + 1], why[400];
    assert_int_equal(sp_result_comment(r, tc, sizeof(tc)), 0);
    assert_non_null(strstr(tc, " name=\"Ann \\\"A\\\" Lee\""));
    char *quote = strstr(tc, "\\\"A");
    quote[2] = 'B';
    assert_false(sp_result_comment_agrees(r, tc, why, sizeof(why)));
    assert_string_equal(why, "the trusted comment says name=\"Ann \\\"B\\\" Lee\", but the body "
                             "says \"Ann \\\"A\\\" Lee\"");
    sp_result_free(r);
}

/* Results signed before names were quoted keep verifying, when their name cannot be misread. */
static void a_legacy_bare_name_verifies_unless_it_holds_equals_or_quote(void **state)
{
    fixture *f = *state;
    size_t len, flen;
    char *body = make_body(f->quiz, "李雷 \\ Li", &len);
    char *tc = legacy_comment(body, len, "李雷 \\ Li");
    char *file = sign_with(f->key, body, len, tc, &flen);
    sp_verify_report rep = check(file, flen, &f->opts);
    assert_int_equal(rep.verdict, SP_VERDICT_VERIFIED);
    sp_verify_report_clear(&rep);
    free(file);
    free(tc);
    free(body);
    static const char *const unsafe[] = {"Ann top=safety level=expert", "\"Bob\"", "A=B"};
    for (size_t i = 0; i < 3; i++) {
        body = make_body(f->quiz, unsafe[i], &len);
        tc = legacy_comment(body, len, unsafe[i]);
        file = sign_with(f->key, body, len, tc, &flen);
        expect_verdict(file, flen, &f->opts, SP_VERDICT_COMMENT_MISMATCH, SP_CHECK_COMMENT,
                       "gives the name without quotes, as signpost did before it quoted names");
        free(file);
        free(tc);
        free(body);
    }
}

static void a_signature_made_for_something_else_is_not_a_result(void **state)
{
    fixture *f = *state;
    size_t flen;
    /* minisign's own kind of trusted comment over a result body */
    char *file = sign_with(f->key, f->body, f->body_len, "timestamp:1700000000 file:r", &flen);
    expect_verdict(file, flen, &f->opts, SP_VERDICT_NOT_A_RESULT, SP_CHECK_DOMAIN,
                   "trusted comment does not start with signpost-result/1");
    free(file);
    /* a signed text that is not a result, with a result's comment */
    static const char text[] = "I promise to pass everyone.\n";
    file = sign_with(f->key, text, sizeof(text) - 1, "signpost-result/1 quiz=tiny@1.0.0", &flen);
    expect_verdict(file, flen, &f->opts, SP_VERDICT_NOT_A_RESULT, SP_CHECK_DOMAIN,
                   "signed content does not start with the line signpost-result/1");
    free(file);
}

static void a_signed_body_that_does_not_parse_is_malformed_at_its_line(void **state)
{
    fixture *f = *state;
    size_t len, flen;
    char *body = edit(f->body, "\nseed: 1\n", "\nseed: many\n", &len);
    char *file = sign_with(f->key, body, len, "signpost-result/1", &flen);
    sp_verify_report rep = check(file, flen, &f->opts);
    assert_int_equal(rep.verdict, SP_VERDICT_MALFORMED);
    assert_int_equal(rep.checks[SP_CHECK_SIGNATURE].status, SP_CHECK_PASSED);
    /* the seed is on line 8 of the body, so line 12 of the file */
    assert_int_equal(rep.problem.line, 12);
    assert_int_equal(rep.problem.column, 7);
    assert_non_null(strstr(rep.checks[SP_CHECK_STRUCTURE].detail, "malformed at line 12"));
    sp_verify_report_clear(&rep);
    /* The same body changed after signing: altered, which is the better explanation. */
    char *forged = malloc(f->file_len + 8);
    size_t blen = f->file_len - f->body_len;
    memcpy(forged, f->file, blen);
    memcpy(forged + blen, body, len);
    expect_verdict(forged, blen + len, &f->opts, SP_VERDICT_ALTERED, SP_CHECK_SIGNATURE, NULL);
    free(forged);
    free(file);
    free(body);
}

static void a_broken_block_is_malformed_at_its_line(void **state)
{
    fixture *f = *state;
    sp_verify_report rep = check(f->file, 40, &f->opts); /* cut inside line 2 */
    assert_int_equal(rep.verdict, SP_VERDICT_MALFORMED);
    assert_int_equal(rep.problem.line, 2);
    assert_false(rep.is_signed);
    assert_null(rep.result);
    sp_verify_report_clear(&rep);
    static const char junk[] = "signpost: bank/1\nid: x\n";
    rep = check(junk, sizeof(junk) - 1, &f->opts);
    assert_int_equal(rep.verdict, SP_VERDICT_MALFORMED);
    assert_int_equal(rep.problem.line, 1);
    sp_verify_report_clear(&rep);
    rep = check("", 0, &f->opts);
    assert_int_equal(rep.verdict, SP_VERDICT_MALFORMED);
    sp_verify_report_clear(&rep);
}

static void an_unknown_key_in_a_body_lists_only_real_keys(void **state)
{
    fixture *f = *state;
    size_t len = f->body_len + 7;
    char *body = malloc(len + 1);
    memcpy(body, f->body, f->body_len);
    memcpy(body + f->body_len, "tag: 1\n", 8);
    sp_verify_report rep = check(body, len, &f->opts);
    assert_int_equal(rep.verdict, SP_VERDICT_MALFORMED);
    const char *detail = rep.checks[SP_CHECK_STRUCTURE].detail;
    assert_non_null(
        strstr(detail, "unknown key 'tag' in a result; expected one of: engine, signer, quiz,"));
    assert_null(strstr(detail, " tag,"));
    sp_verify_report_clear(&rep);
    free(body);
}

/* What the writer records can always be read back: a start after the end (a clock set back
 * during the quiz, or a journal that says so) is recorded as the end, and an end no result can
 * hold is refused. */
static void the_writer_records_only_times_the_reader_accepts(void **state)
{
    fixture *f = *state;
    sp_form *form = NULL;
    assert_int_equal(sp_form_draw(f->quiz, 1, &form), 0);
    size_t n = sp_form_count(form);
    sp_response *resp = calloc(n, sizeof(*resp));
    for (size_t i = 0; i < n; i++)
        resp[i] = (sp_response){.q = sp_form_item_at(form, i)->q, .a = {SP_ANSWER_SKIP, 0, 0}};
    sp_outcome o;
    assert_int_equal(
        sp_score(sp_quiz_directions(f->quiz), &sp_quiz_manifest(f->quiz)->scoring, resp, n, &o), 0);
    sp_result_meta meta = {"en", "Ann", INT64_MAX, 1700000600, NULL};
    char *body = NULL;
    size_t len;
    assert_int_equal(sp_result_format(f->quiz, form, resp, &o, &meta, &body, &len), 0);
    assert_non_null(strstr(body, "started: 2023-11-14T22:23:20Z\nfinished: 2023-11-14T22:23:20Z"));
    sp_result_free(parse(body, len));
    free(body);
    meta = (sp_result_meta){"en", "Ann", 0, INT64_C(253402300800), NULL}; /* year 10000 */
    assert_int_equal(sp_result_format(f->quiz, form, resp, &o, &meta, &body, &len), SP_EINVAL);
    meta = (sp_result_meta){"en", "李明\u3000", 0, 1, NULL};
    assert_int_equal(sp_result_format(f->quiz, form, resp, &o, &meta, &body, &len), SP_EINVAL);
    free(resp);
    sp_form_free(form);
}

/* The root of a result is bounded like every other mapping: past 1000 entries reading stops,
 * so that a body of millions of unknown keys costs no more than a thousand. */
static void a_body_with_more_than_1000_root_entries_stops_at_the_limit(void **state)
{
    fixture *f = *state;
    static const int totals[] = {1000, 1005};
    /* Every entry past the 19 fields is an unknown key; the 1001st ends the reading. */
    static const size_t errors[] = {1000 - 19, 1000 - 19 + 1};
    for (int t = 0; t < 2; t++) {
        sp_buf b = {0};
        sp_buf_append(&b, f->body, f->body_len);
        for (int i = 19; i < totals[t]; i++)
            sp_buf_printf(&b, "k%d: 1\n", i);
        sp_diags *d = sp_diags_new();
        sp_result *r = NULL;
        assert_int_equal(sp_result_parse("r", b.data, b.len, d, &r), SP_EINPUT);
        assert_int_equal(sp_diags_errors(d), errors[t]);
        sp_diags_free(d);
        sp_buf_free(&b);
    }
}

/* ---- Keys ------------------------------------------------------------------------------------ */

static void an_unsigned_result_is_parsed_and_replayed_but_not_verified(void **state)
{
    fixture *f = *state;
    sp_verify_report rep = check(f->body, f->body_len, &f->opts);
    assert_int_equal(rep.verdict, SP_VERDICT_UNSIGNED);
    assert_false(rep.accepted);
    assert_false(rep.is_signed);
    assert_non_null(rep.result);
    assert_int_equal(rep.checks[SP_CHECK_REPLAY].status, SP_CHECK_PASSED);
    sp_verify_report_clear(&rep);
}

static void a_key_not_given_is_never_verified(void **state)
{
    fixture *f = *state;
    sp_pubkey other;
    sp_seckey *k = new_key(&other);
    sp_keyset *ks = sp_keyset_new();
    assert_int_equal(sp_keyset_add(ks, &other, "other.pub"), 0);
    sp_verify_opts opts = {ks, f->quizzes, false};
    expect_verdict(f->file, f->file_len, &opts, SP_VERDICT_UNKNOWN_KEY, SP_CHECK_KEY,
                   "is not trusted: it is not the key given");
    expect_verdict(f->file, f->file_len, &(sp_verify_opts){NULL, f->quizzes, false},
                   SP_VERDICT_UNKNOWN_KEY, SP_CHECK_KEY, "no key was given");
    sp_keyset_free(ks);
    sp_seckey_free(k);
}

static void the_own_key_alone_gives_yours(void **state)
{
    fixture *f = *state;
    sp_keyset *ks = sp_keyset_new();
    assert_int_equal(sp_keyset_set_own(ks, &f->pub, "signpost.pub"), 0);
    sp_verify_opts opts = {ks, f->quizzes, false};
    sp_verify_report rep = check(f->file, f->file_len, &opts);
    assert_int_equal(rep.verdict, SP_VERDICT_VERIFIED);
    assert_int_equal(rep.trust, SP_TRUST_YOURS);
    assert_true(rep.accepted);
    assert_int_equal(rep.key_source, SP_KEY_OWN);
    assert_int_equal(rep.checks[SP_CHECK_KEY].status, SP_CHECK_PASSED);
    sp_verify_report_clear(&rep);
    /* Your own file that was altered is reported as altered. */
    char *copy = malloc(f->file_len);
    memcpy(copy, f->file, f->file_len);
    copy[f->file_len - 2] ^= 1;
    expect_verdict(copy, f->file_len, &opts, SP_VERDICT_ALTERED, SP_CHECK_SIGNATURE, NULL);
    free(copy);
    /* The own key, also given: trusted. */
    assert_int_equal(sp_keyset_add(ks, &f->pub, "k.pub"), 0);
    rep = check(f->file, f->file_len, &opts);
    assert_int_equal(rep.verdict, SP_VERDICT_VERIFIED);
    assert_int_equal(rep.trust, SP_TRUST_TRUSTED);
    sp_verify_report_clear(&rep);
    sp_keyset_free(ks);
}

/* ---- The signer the body names --------------------------------------------------------------- */

/* The signed file of body with the signer's line of key inserted, as sign and take --key make
 * it. */
static char *sign_named(const sp_seckey *key, const char *body, size_t len, size_t *out_len)
{
    sp_pubkey pub;
    assert_int_equal(sp_seckey_pubkey(key, &pub), 0);
    char *named = NULL;
    size_t nlen = 0;
    assert_int_equal(sp_result_add_signer(body, len, &pub, &named, &nlen), 0);
    char *file = sign_with(key, named, nlen, NULL, out_len);
    free(named);
    return file;
}

static void the_signer_line_follows_the_engine_line_and_is_read_back(void **state)
{
    fixture *f = *state;
    char *named = NULL, *twice = NULL;
    size_t nlen = 0, tlen = 0;
    assert_int_equal(sp_result_add_signer(f->body, f->body_len, &f->pub, &named, &nlen), 0);
    char hex[SP_KEYID_HEX_SIZE], b64[SP_PUBKEY_BASE64_SIZE], line[128];
    sp_keyid_format(f->pub.id, hex);
    sp_pubkey_base64(&f->pub, b64);
    snprintf(line, sizeof(line), "\nsigner: {id: %s, key: %s}\nquiz: ", hex, b64);
    assert_non_null(strstr(named, line));
    assert_true(strstr(named, "\nengine: ") < strstr(named, "\nsigner: "));
    sp_result *r = parse(named, nlen);
    assert_non_null(sp_result_signer(r));
    assert_memory_equal(sp_result_signer(r), &f->pub, sizeof(f->pub));
    sp_result_free(r);
    /* A body that names a signer already gets no second one. */
    assert_int_equal(sp_result_add_signer(named, nlen, &f->pub, &twice, &tlen), SP_EINPUT);
    assert_null(twice);
    /* An id that is not the key's own is refused by the reader. */
    char *wrong = edit(named, hex, "0000000000000000", &tlen);
    sp_diags *d = sp_diags_new();
    assert_int_equal(sp_result_parse("r", wrong, tlen, d, &r), SP_EINPUT);
    assert_non_null(strstr(sp_diags_at(d, 0)->message, "is not the id of its key"));
    sp_diags_free(d);
    free(wrong);
    free(named);
}

static void a_named_signer_nobody_trusts_is_intact_but_untrusted(void **state)
{
    fixture *f = *state;
    size_t len;
    char *file = sign_named(f->key, f->body, f->body_len, &len);
    sp_keyset *none = sp_keyset_new();
    sp_verify_opts opts = {none, f->quizzes, false};
    sp_verify_report rep = check(file, len, &opts);
    assert_int_equal(rep.verdict, SP_VERDICT_UNTRUSTED_KEY);
    assert_int_equal(rep.trust, SP_TRUST_UNTRUSTED);
    assert_false(rep.accepted);
    assert_int_equal(rep.key_source, SP_KEY_BODY);
    assert_true(rep.has_key);
    assert_memory_equal(&rep.key, &f->pub, sizeof(f->pub));
    assert_int_equal(rep.checks[SP_CHECK_SIGNER].status, SP_CHECK_PASSED);
    assert_int_equal(rep.checks[SP_CHECK_REPLAY].status, SP_CHECK_PASSED);
    sp_verify_report_clear(&rep);
    /* --strict changes nothing for it: it is not accepted either way. */
    opts.strict = true;
    rep = check(file, len, &opts);
    assert_int_equal(rep.trust, SP_TRUST_UNTRUSTED);
    sp_verify_report_clear(&rep);
    /* The same file with the signer's key given, or as the own key: trusted, yours. */
    rep = check(file, len, &f->opts);
    assert_int_equal(rep.trust, SP_TRUST_TRUSTED);
    assert_int_equal(rep.verdict, SP_VERDICT_VERIFIED);
    sp_verify_report_clear(&rep);
    assert_int_equal(sp_keyset_set_own(none, &f->pub, "signpost.pub"), 0);
    opts.strict = false;
    rep = check(file, len, &opts);
    assert_int_equal(rep.trust, SP_TRUST_YOURS);
    sp_verify_report_clear(&rep);
    sp_keyset_free(none);
    free(file);
}

static void a_result_resigned_by_an_attacker_is_untrusted_with_the_attackers_key(void **state)
{
    fixture *f = *state;
    sp_pubkey evil_pub;
    sp_seckey *evil = new_key(&evil_pub);
    size_t len;
    char *file = sign_named(evil, f->body, f->body_len, &len);
    /* The verifier trusts f's key only (given, and as its own): never trusted, never yours. */
    sp_keyset *ks = sp_keyset_new();
    assert_int_equal(sp_keyset_add(ks, &f->pub, "k.pub"), 0);
    assert_int_equal(sp_keyset_set_own(ks, &f->pub, "signpost.pub"), 0);
    sp_verify_opts opts = {ks, f->quizzes, false};
    sp_verify_report rep = check(file, len, &opts);
    assert_int_equal(rep.trust, SP_TRUST_UNTRUSTED);
    assert_memory_equal(&rep.key, &evil_pub, sizeof(evil_pub));
    sp_verify_report_clear(&rep);
    sp_keyset_free(ks);
    sp_seckey_free(evil);
    free(file);
}

static void a_body_that_names_another_signer_fails(void **state)
{
    fixture *f = *state;
    sp_pubkey other;
    sp_seckey *k = new_key(&other);
    char *named = NULL;
    size_t nlen = 0, len = 0;
    /* f's key signs a body that names another key: the body lies about its signer. */
    assert_int_equal(sp_result_add_signer(f->body, f->body_len, &other, &named, &nlen), 0);
    char *file = sign_with(f->key, named, nlen, NULL, &len);
    expect_verdict(file, len, &f->opts, SP_VERDICT_SIGNER_MISMATCH, SP_CHECK_SIGNER,
                   "but the signature is by key");
    sp_verify_report rep = check(file, len, &f->opts);
    assert_int_equal(rep.trust, SP_TRUST_FAILED);
    sp_verify_report_clear(&rep);
    free(file);
    /* The same with a key that carries f's id: the whole key is compared, not the id. */
    memcpy(other.id, f->pub.id, SP_KEYID_BYTES);
    free(named);
    assert_int_equal(sp_result_add_signer(f->body, f->body_len, &other, &named, &nlen), 0);
    file = sign_with(f->key, named, nlen, NULL, &len);
    expect_verdict(file, len, &f->opts, SP_VERDICT_SIGNER_MISMATCH, SP_CHECK_SIGNER,
                   "holds under another key with that id");
    free(file);
    /* An unsigned body that names a signer is a claim nobody signed. */
    expect_verdict(named, nlen, &f->opts, SP_VERDICT_SIGNER_MISMATCH, SP_CHECK_SIGNER,
                   "a claim nobody signed");
    free(named);
    sp_seckey_free(k);
}

static void an_old_signature_by_an_unknown_key_cannot_be_checked(void **state)
{
    fixture *f = *state;
    sp_keyset *none = sp_keyset_new();
    sp_verify_opts opts = {none, f->quizzes, false};
    expect_verdict(f->file, f->file_len, &opts, SP_VERDICT_UNKNOWN_KEY, SP_CHECK_KEY,
                   "the result does not name its signer");
    sp_verify_report rep = check(f->file, f->file_len, &opts);
    assert_int_equal(rep.trust, SP_TRUST_FAILED);
    sp_verify_report_clear(&rep);
    /* An unsigned result: its own class, not a failure. */
    rep = check(f->body, f->body_len, &opts);
    assert_int_equal(rep.verdict, SP_VERDICT_UNSIGNED);
    assert_int_equal(rep.trust, SP_TRUST_UNSIGNED);
    assert_false(rep.accepted);
    sp_verify_report_clear(&rep);
    sp_keyset_free(none);
}

static void every_single_byte_change_of_a_named_result_fails(void **state)
{
    fixture *f = *state;
    size_t len;
    char *file = sign_named(f->key, f->body, f->body_len, &len);
    char *copy = malloc(len);
    sp_keyset *none = sp_keyset_new();
    /* Checked with the signer trusted, and with no key at all (the body's key is tried). */
    sp_verify_opts both[] = {f->opts, {none, f->quizzes, false}};
    size_t tried = 0;
    for (size_t pos = 0; pos < len; pos++)
        for (int o = 0; o < 2; o++) {
            memcpy(copy, file, len);
            copy[pos] ^= (char)(pos % 2 ? 0x01 : 0x20);
            sp_verify_report rep = check(copy, len, &both[o]);
            if (rep.trust != SP_TRUST_FAILED)
                fail_msg("byte %zu changed gave %s", pos, sp_trust_name(rep.trust));
            sp_verify_report_clear(&rep);
            tried++;
        }
    assert_true(tried == 2 * len);
    sp_keyset_free(none);
    free(copy);
    free(file);
}

static void the_decision_order_is_failed_unsigned_untrusted_strict_then_trusted(void **state)
{
    (void)state;
    sp_verify_report rep;
    memset(&rep, 0, sizeof(rep));
    for (int i = 0; i < SP_CHECK_COUNT; i++)
        rep.checks[i].status = SP_CHECK_PASSED;
    rep.is_signed = true;
    rep.key_source = SP_KEY_GIVEN;
    sp_verify_decide(&rep, false);
    assert_int_equal(rep.trust, SP_TRUST_TRUSTED);
    assert_int_equal(rep.verdict, SP_VERDICT_VERIFIED);
    /* 4: a replay with only the banks: accepted unless strict. */
    rep.checks[SP_CHECK_REPLAY].status = SP_CHECK_WARNING;
    sp_verify_decide(&rep, false);
    assert_int_equal(rep.verdict, SP_VERDICT_PARTLY_REPLAYED);
    assert_true(rep.accepted);
    sp_verify_decide(&rep, true);
    assert_int_equal(rep.trust, SP_TRUST_FAILED);
    assert_false(rep.accepted);
    /* 3 before 4: the key only the body names. */
    rep.key_source = SP_KEY_BODY;
    rep.checks[SP_CHECK_KEY].status = SP_CHECK_WARNING;
    sp_verify_decide(&rep, true);
    assert_int_equal(rep.trust, SP_TRUST_UNTRUSTED);
    assert_int_equal(rep.verdict, SP_VERDICT_UNTRUSTED_KEY);
    /* 2 before 3: not signed. */
    rep.is_signed = false;
    sp_verify_decide(&rep, false);
    assert_int_equal(rep.trust, SP_TRUST_UNSIGNED);
    /* 1 before all: the first failed check, in check order. */
    rep.checks[SP_CHECK_REPLAY].status = SP_CHECK_FAILED;
    rep.checks[SP_CHECK_SIGNER].status = SP_CHECK_FAILED;
    sp_verify_decide(&rep, false);
    assert_int_equal(rep.trust, SP_TRUST_FAILED);
    assert_int_equal(rep.verdict, SP_VERDICT_SIGNER_MISMATCH);
    rep.key_source = SP_KEY_OWN;
    rep.is_signed = true;
    rep.checks[SP_CHECK_REPLAY].status = SP_CHECK_PASSED;
    rep.checks[SP_CHECK_SIGNER].status = SP_CHECK_SKIPPED;
    rep.checks[SP_CHECK_KEY].status = SP_CHECK_PASSED;
    sp_verify_decide(&rep, false);
    assert_int_equal(rep.trust, SP_TRUST_YOURS);
}

static void write_pub(const char *path, const sp_pubkey *key)
{
    assert_int_equal(sp_pubkey_save(key, path), 0);
}

static void a_key_in_the_trusted_folder_is_found_by_id_and_cached(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/signpost-trusted.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char hex[SP_KEYID_HEX_SIZE], path[128];
    sp_keyid_format(f->pub.id, hex);
    snprintf(path, sizeof(path), "%s/%s.pub", dir, hex);
    write_pub(path, &f->pub);
    sp_keyset *ks = sp_keyset_new();
    assert_int_equal(sp_keyset_set_dir(ks, dir), 0);
    sp_verify_opts opts = {ks, f->quizzes, false};
    sp_verify_report rep = check(f->file, f->file_len, &opts);
    assert_int_equal(rep.verdict, SP_VERDICT_VERIFIED);
    assert_int_equal(rep.key_source, SP_KEY_TRUSTED_DIR);
    assert_string_equal(rep.key_origin, path);
    sp_verify_report_clear(&rep);
    /* Read once: the second file is checked with the cached key. */
    assert_int_equal(unlink(path), 0);
    rep = check(f->file, f->file_len, &opts);
    assert_int_equal(rep.verdict, SP_VERDICT_VERIFIED);
    sp_verify_report_clear(&rep);
    sp_keyset_free(ks);
    assert_int_equal(rmdir(dir), 0);
}

static void a_trusted_file_holding_another_key_is_not_used(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/signpost-trusted.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char hex[SP_KEYID_HEX_SIZE], path[128];
    sp_keyid_format(f->pub.id, hex);
    snprintf(path, sizeof(path), "%s/%s.pub", dir, hex);
    sp_pubkey other;
    sp_seckey *k = new_key(&other);
    write_pub(path, &other);
    sp_keyset *ks = sp_keyset_new();
    assert_int_equal(sp_keyset_set_dir(ks, dir), 0);
    sp_verify_opts opts = {ks, f->quizzes, false};
    expect_verdict(f->file, f->file_len, &opts, SP_VERDICT_UNKNOWN_KEY, SP_CHECK_KEY, "holds key");
    sp_keyset_free(ks);
    sp_seckey_free(k);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* ---- Quizzes --------------------------------------------------------------------------------- */

static void without_the_banks_the_signature_still_verifies_unless_strict(void **state)
{
    fixture *f = *state;
    sp_quizset *empty = sp_quizset_new();
    sp_verify_opts opts = {f->keys, empty, false};
    sp_verify_report rep = check(f->file, f->file_len, &opts);
    assert_int_equal(rep.verdict, SP_VERDICT_NO_BANKS);
    assert_true(rep.accepted);
    assert_int_equal(rep.checks[SP_CHECK_SIGNATURE].status, SP_CHECK_PASSED);
    assert_int_equal(rep.checks[SP_CHECK_BANKS].status, SP_CHECK_WARNING);
    assert_non_null(strstr(rep.checks[SP_CHECK_BANKS].detail, "bank 't' version 1.0.0"));
    assert_int_equal(rep.checks[SP_CHECK_REPLAY].status, SP_CHECK_SKIPPED);
    sp_verify_report_clear(&rep);
    opts.strict = true;
    rep = check(f->file, f->file_len, &opts);
    assert_int_equal(rep.verdict, SP_VERDICT_NO_BANKS);
    assert_false(rep.accepted);
    sp_verify_report_clear(&rep);
    sp_quizset_free(empty);
}

static void a_folder_gives_its_quizzes_once_when_first_needed(void **state)
{
    fixture *f = *state;
    sp_quizset *qs = sp_quizset_new();
    assert_int_equal(sp_quizset_add_dir(qs, TINY_DIR), 0);
    assert_int_equal(sp_quizset_count(qs), 0); /* nothing loaded yet */
    sp_result *r = parse(f->body, f->body_len);
    sp_quiz_match m;
    assert_int_equal(sp_quizset_find(qs, r, &m), 0);
    assert_non_null(m.quiz);
    assert_int_equal(m.fit, SP_QUIZ_EXACT);
    /* only quiz.yaml has the quiz/1 tag; directions.yaml is left alone */
    assert_int_equal(sp_quizset_count(qs), 1);
    assert_int_equal(sp_diags_count(sp_quizset_diags(qs)), 0);
    assert_int_equal(sp_quizset_find(qs, r, &m), 0);
    assert_int_equal(sp_quizset_count(qs), 1);
    sp_result_free(r);
    sp_quizset_free(qs);
}

/* ---- Replay against the exact quiz ----------------------------------------------------------- */

/* A copy of the tiny quiz in a fresh folder, its manifest with the scoring parameters and the
 * extra lines given; returns the folder (malloc'd), the manifest is DIR/quiz.yaml. */
static char *edited_quiz(const char *manifest_tail)
{
    char *dir = strdup("/tmp/signpost-edited-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "cp -r '%s/directions.yaml' '%s/banks' '%s/'", TINY_DIR, TINY_DIR,
             dir);
    assert_int_equal(system(cmd), 0);
    snprintf(
        cmd, sizeof(cmd),
        "sed '/^shuffle_options/d' '%s' > '%s/quiz.yaml' && printf '%%s\\n' '%s' >> '%s/quiz.yaml'",
        TINY, dir, manifest_tail, dir);
    assert_int_equal(system(cmd), 0);
    return dir;
}

static void remove_tree(char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

/* The attack of the security review: a key holder edits a copy of the manifest (the scoring
 * parameters that decide the direction and the level), takes the quiz with it and signs. The
 * result names that manifest's digest; the verifier has only the real quiz. It must not be
 * called verified, and --strict must refuse it. */
static void a_result_of_an_edited_manifest_is_only_partly_replayed(void **state)
{
    fixture *f = *state;
    char *dir =
        edited_quiz("shuffle_options: false\nscoring: {interest_weight: 0.0, near_tie: 0.05, "
                    "flat: 0.25, level_pass: 0.01}");
    char path[512];
    snprintf(path, sizeof(path), "%s/quiz.yaml", dir);
    sp_diags *d = sp_diags_new();
    sp_quiz *edited = NULL;
    assert_int_equal(sp_quiz_load(path, d, &edited), 0);
    size_t len, flen;
    char *body = make_body(edited, NULL, &len);
    char *file = sign_with(f->key, body, len, NULL, &flen);
    sp_verify_report rep = check(file, flen, &f->opts);
    assert_int_equal(rep.verdict, SP_VERDICT_PARTLY_REPLAYED);
    assert_true(rep.accepted); /* not strict: the signature holds, and what could be re-scored */
    assert_int_equal(rep.quiz_fit, SP_QUIZ_BANKS);
    assert_int_equal(rep.checks[SP_CHECK_BANKS].status, SP_CHECK_WARNING);
    assert_non_null(
        strstr(rep.checks[SP_CHECK_BANKS].detail, "the manifest of quiz tiny 1.0.0 (digest "));
    assert_int_equal(rep.checks[SP_CHECK_REPLAY].status, SP_CHECK_WARNING);
    assert_non_null(strstr(rep.checks[SP_CHECK_REPLAY].detail, "partly"));
    sp_verify_report_clear(&rep);
    sp_verify_opts strict = f->opts;
    strict.strict = true;
    rep = check(file, flen, &strict);
    assert_int_equal(rep.verdict, SP_VERDICT_PARTLY_REPLAYED);
    assert_false(rep.accepted);
    sp_verify_report_clear(&rep);
    /* With the edited manifest itself, the replay is exact: the verifier chose that quiz. */
    assert_int_equal(sp_quizset_add(f->quizzes, path, d), 0);
    rep = check(file, flen, &strict);
    assert_int_equal(rep.verdict, SP_VERDICT_VERIFIED);
    assert_ptr_not_equal(rep.quiz, NULL);
    assert_string_equal(sp_quiz_manifest(rep.quiz)->path, path);
    sp_verify_report_clear(&rep);
    free(file);
    free(body);
    sp_quiz_free(edited);
    sp_diags_free(d);
    remove_tree(dir);
}

/* Each field that names a file the result was taken with, edited and signed again: a file here
 * has the recorded digest under its own name, so the result misnames it. */
static void a_result_that_misnames_its_quiz_directions_or_bank_fails(void **state)
{
    fixture *f = *state;
    static const char *const edits[][3] = {
        {"quiz: {id: tiny,", "quiz: {id: quick,",
         "the result names the quiz quick 1.0.0, but the file"},
        {"quiz: {id: tiny, version: 1.0.0,", "quiz: {id: tiny, version: 1.0.1,",
         "the result names the quiz tiny 1.0.1"},
        {"directions: {version: 1.0.0,", "directions: {version: 2.0.0,",
         "the result names the directions file version 2.0.0"},
        {"{id: t, version: 1.0.0,", "{id: t, version: 1.1.0,", "the result names the bank t 1.1.0"},
    };
    for (size_t i = 0; i < SP_ARRAY_LEN(edits); i++) {
        size_t len, flen;
        char *body = edit(f->body, edits[i][0], edits[i][1], &len);
        char *file = sign_with(f->key, body, len, NULL, &flen);
        expect_verdict(file, flen, &f->opts, SP_VERDICT_QUIZ_MISMATCH, SP_CHECK_BANKS, edits[i][2]);
        sp_verify_report rep = check(file, flen, &f->opts);
        assert_false(rep.replayed);
        sp_verify_report_clear(&rep);
        free(file);
        free(body);
    }
}

/* A result taken in a language the quiz does not offer is not what that quiz gives. */
static void a_language_the_quiz_does_not_offer_fails_replay(void **state)
{
    fixture *f = *state;
    size_t len, flen;
    char *body = edit(f->body, "\nlang: en\n", "\nlang: fr\n", &len);
    char *file = sign_with(f->key, body, len, NULL, &flen);
    expect_verdict(file, flen, &f->opts, SP_VERDICT_REPLAY_MISMATCH, SP_CHECK_REPLAY,
                   "the result was taken in 'fr', a language the quiz does not offer");
    free(file);
    free(body);
}

/* Two given keys share a key id: both are tried, and a file signed by the second verifies. */
static void every_key_with_the_signers_id_is_tried(void **state)
{
    fixture *f = *state;
    sp_pubkey twin;
    sp_seckey *k = new_key(&twin);
    memcpy(twin.id, f->pub.id, SP_KEYID_BYTES); /* another key that claims the same id */
    sp_keyset *ks = sp_keyset_new();
    assert_int_equal(sp_keyset_add(ks, &twin, "twin.pub"), 0);
    assert_int_equal(sp_keyset_add(ks, &f->pub, "k.pub"), 0);
    sp_verify_opts opts = {ks, f->quizzes, false};
    sp_verify_report rep = check(f->file, f->file_len, &opts);
    assert_int_equal(rep.verdict, SP_VERDICT_VERIFIED);
    assert_string_equal(rep.key_origin, "k.pub");
    assert_int_equal(rep.key_candidates, 2);
    sp_verify_report_clear(&rep);
    /* An altered copy holds under neither key, and the words say both explanations. */
    char *copy = malloc(f->file_len);
    memcpy(copy, f->file, f->file_len);
    copy[f->file_len - 2] ^= 1;
    expect_verdict(copy, f->file_len, &opts, SP_VERDICT_ALTERED, SP_CHECK_SIGNATURE,
                   "under none of the 2 keys with id");
    free(copy);
    sp_keyset_free(ks);
    sp_seckey_free(k);
}

/* A quiz that asks for the uncertainty records it, and replay checks every figure of it: the
 * standard errors, the near tie and how many questions would settle it. */
static void the_uncertainty_a_quiz_asks_for_is_recorded_and_replayed(void **state)
{
    fixture *f = *state;
    char *dir = edited_quiz("shuffle_options: false\nscoring: {near_tie_confidence: 0.9}");
    char path[512];
    snprintf(path, sizeof(path), "%s/quiz.yaml", dir);
    sp_diags *d = sp_diags_new();
    sp_quiz *q = NULL;
    assert_int_equal(sp_quiz_load(path, d, &q), 0);
    assert_int_equal(sp_quizset_add(f->quizzes, path, d), 0);
    size_t len, flen;
    char *body = make_body(q, NULL, &len);
    assert_non_null(strstr(body, ", near_tie_confidence: 0.9}"));
    assert_non_null(strstr(body, ", se: "));
    assert_non_null(strstr(body, ", gap_se: "));
    assert_non_null(strstr(body, "\nsettle: "));
    char *file = sign_with(f->key, body, len, NULL, &flen);
    sp_verify_report rep = check(file, flen, &f->opts);
    assert_int_equal(rep.verdict, SP_VERDICT_VERIFIED);
    sp_verify_report_clear(&rep);
    free(file);
    /* Each figure edited, and signed again. */
    static const char *const edits[][3] = {
        {", se: 0.", ", se: 0.9", "standard error of"},
        {"\nsettle: ", "\nsettle: 7", "the number of questions that would settle the near tie"},
        {", near_tie_confidence: 0.9}", ", near_tie_confidence: 0.95}",
         "the scoring parameter near_tie_confidence is recorded as 0.95, but the quiz has 0.9"},
        {", near_tie_confidence: 0.9}", "}",
         "the scoring parameter near_tie_confidence is recorded as 0, but the quiz has 0.9"},
    };
    for (size_t i = 0; i < SP_ARRAY_LEN(edits); i++) {
        if (!strstr(body, edits[i][0]))
            fail_msg("the body has no '%s': %s", edits[i][0], body);
        size_t elen;
        char *edited = edit(body, edits[i][0], edits[i][1], &elen);
        file = sign_with(f->key, edited, elen, NULL, &flen);
        expect_verdict(file, flen, &f->opts, SP_VERDICT_REPLAY_MISMATCH, SP_CHECK_REPLAY,
                       edits[i][2]);
        free(file);
        free(edited);
    }
    free(body);
    sp_quiz_free(q);
    sp_diags_free(d);
    remove_tree(dir);
}

/* A result of a quiz that asks for the uncertainty, without it (as an older signpost would have
 * written it, or a forger who hides a near tie), does not replay. */
static void a_result_without_the_uncertainty_its_quiz_asks_for_fails(void **state)
{
    fixture *f = *state;
    char *dir = edited_quiz("shuffle_options: false\nscoring: {near_tie_confidence: 0.9}");
    char path[512];
    snprintf(path, sizeof(path), "%s/quiz.yaml", dir);
    sp_diags *d = sp_diags_new();
    sp_quiz *q = NULL;
    assert_int_equal(sp_quiz_load(path, d, &q), 0);
    assert_int_equal(sp_quizset_add(f->quizzes, path, d), 0);
    size_t len, flen;
    char *body = make_body(q, NULL, &len);
    /* Every ", se: ..., gap_se: ..." dropped from the scores. */
    char *plain = strdup(body);
    for (char *p; (p = strstr(plain, ", se: "));) {
        char *end = strchr(p, '}');
        memmove(p, end, strlen(end) + 1);
    }
    char *file = sign_with(f->key, plain, strlen(plain), NULL, &flen);
    expect_verdict(file, flen, &f->opts, SP_VERDICT_REPLAY_MISMATCH, SP_CHECK_REPLAY,
                   "records no uncertainty, which its scoring asks for");
    free(file);
    free(plain);
    free(body);
    sp_quiz_free(q);
    sp_diags_free(d);
    remove_tree(dir);
}

/* Scores are compared by the text a result records (%.6f): the numeric comparison must agree
 * with comparing the printed forms on every pair, signs of zero, ties of glibc's round-half-even
 * and values next to a rounding boundary included. */
static bool printed_same(double a, double b)
{
    char x[64], y[64];
    snprintf(x, sizeof(x), "%.6f", a);
    snprintf(y, sizeof(y), "%.6f", b);
    return strcmp(x, y) == 0;
}

static void scores_compare_as_their_printed_six_decimals(void **state)
{
    (void)state;
    static const double edge[] = {0.0,       -0.0,        1e-9,       -1e-9,     5e-7,
                                  -5e-7,     4.999999e-7, 0.0000005,  0.0000015, 0.0000025,
                                  0.1234565, 0.1234575,   -0.1234565, 2.5e-6,    1.0000005,
                                  0.9999995, 123.4567895, 1e12,       -1e12,     1e300,
                                  INFINITY,  -INFINITY,   NAN,        0.3,       0.1 + 0.2};
    size_t n = sizeof(edge) / sizeof(edge[0]);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            assert_int_equal(sp_same_6dp(edge[i], edge[j]), printed_same(edge[i], edge[j]));
    /* Random values and their neighbours: the parsed text of a value against the value. */
    unsigned long long x = 88172645463325252ull;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v = ((double)(x % 4000000001ull) - 2000000000.0) / 1e9 * (i % 3 ? 1 : 1000);
        if (i % 5 == 0) /* a value exactly half a millionth from a printed one */
            v = (double)((long long)(v * 1e6)) / 1e6 + 5e-7;
        char t[64];
        snprintf(t, sizeof(t), "%.6f", v);
        double back = strtod(t, NULL);
        double near[] = {back, nextafter(v, 1e9), nextafter(v, -1e9), v + 1e-6, -v};
        for (size_t k = 0; k < sizeof(near) / sizeof(near[0]); k++)
            assert_int_equal(sp_same_6dp(v, near[k]), printed_same(v, near[k]));
    }
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(scores_compare_as_their_printed_six_decimals),
    cmocka_unit_test_setup_teardown(an_honest_signed_result_verifies, setup, teardown),
    cmocka_unit_test_setup_teardown(the_trusted_comment_names_quiz_top_level_time_and_name, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(a_comment_that_disagrees_names_the_field, setup, teardown),
    cmocka_unit_test_setup_teardown(every_single_byte_change_is_rejected, setup, teardown),
    cmocka_unit_test_setup_teardown(scores_edited_and_resigned_with_the_trusted_key_fail_replay,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(scoring_parameters_edited_and_resigned_fail_replay, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(an_answer_dropped_and_resigned_fails_replay, setup, teardown),
    cmocka_unit_test_setup_teardown(a_comment_signed_with_other_fields_disagrees, setup, teardown),
    cmocka_unit_test_setup_teardown(a_name_in_the_comment_is_quoted_and_a_changed_one_is_named,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(a_legacy_bare_name_verifies_unless_it_holds_equals_or_quote,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(a_signature_made_for_something_else_is_not_a_result, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(a_signed_body_that_does_not_parse_is_malformed_at_its_line,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(a_broken_block_is_malformed_at_its_line, setup, teardown),
    cmocka_unit_test_setup_teardown(an_unknown_key_in_a_body_lists_only_real_keys, setup, teardown),
    cmocka_unit_test_setup_teardown(the_writer_records_only_times_the_reader_accepts, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(a_body_with_more_than_1000_root_entries_stops_at_the_limit,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(an_unsigned_result_is_parsed_and_replayed_but_not_verified,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(a_key_not_given_is_never_verified, setup, teardown),
    cmocka_unit_test_setup_teardown(the_own_key_alone_gives_yours, setup, teardown),
    cmocka_unit_test_setup_teardown(the_signer_line_follows_the_engine_line_and_is_read_back, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(a_named_signer_nobody_trusts_is_intact_but_untrusted, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(
        a_result_resigned_by_an_attacker_is_untrusted_with_the_attackers_key, setup, teardown),
    cmocka_unit_test_setup_teardown(a_body_that_names_another_signer_fails, setup, teardown),
    cmocka_unit_test_setup_teardown(an_old_signature_by_an_unknown_key_cannot_be_checked, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(every_single_byte_change_of_a_named_result_fails, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(
        the_decision_order_is_failed_unsigned_untrusted_strict_then_trusted, setup, teardown),
    cmocka_unit_test_setup_teardown(a_key_in_the_trusted_folder_is_found_by_id_and_cached, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(a_trusted_file_holding_another_key_is_not_used, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(without_the_banks_the_signature_still_verifies_unless_strict,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(a_folder_gives_its_quizzes_once_when_first_needed, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(a_result_of_an_edited_manifest_is_only_partly_replayed, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(a_result_that_misnames_its_quiz_directions_or_bank_fails, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(a_language_the_quiz_does_not_offer_fails_replay, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(every_key_with_the_signers_id_is_tried, setup, teardown),
    cmocka_unit_test_setup_teardown(the_uncertainty_a_quiz_asks_for_is_recorded_and_replayed, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(a_result_without_the_uncertainty_its_quiz_asks_for_fails, setup,
                                    teardown),
};

SP_TEST_MAIN(tests)
