/* Unit tests of the fast reader of canonical result bodies (engine/result/body.c): it accepts
 * every body signpost writes, and reads it exactly as the libyaml reader does, field by field;
 * it refuses every body that deviates from the writer's bytes, which the libyaml reader then
 * reads as before. */
#include "testmain.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result/body.h"
#include "signpost/adaptive.h"
#include "signpost/answers.h"
#include "signpost/score.h"

#define PUBKEY "RWQIIfYcDs5JtK4kCsOR/hmDAHX0E82GEq/DSOkQxD97YNvIuH7pGPoq"

/* Reads body with both readers and checks that the fast one accepts it and that both give the
 * same result. */
static void assert_readers_agree(const char *body, size_t len)
{
    sp_result *fast = NULL, *slow = NULL;
    sp_diags *d = sp_diags_new();
    int rc = sp_result_parse_canonical(body, len, &fast);
    if (rc != 1)
        fprintf(stderr, "not canonical:\n%.*s\n", (int)len, body);
    assert_int_equal(rc, 1);
    assert_int_equal(sp_result_parse_yaml("body", body, len, d, &slow), 0);
    assert_true(sp_result_equal(fast, slow));
    sp_result_free(fast);
    sp_result_free(slow);
    sp_diags_free(d);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

/* The body of a result: the file when unsigned, or what follows the four lines of its signature
 * block. */
static const char *body_of(const char *file, size_t len, size_t *blen)
{
    const char *p = file;
    *blen = len;
    if (strncmp(file, SP_RESULT_MAGIC "\n", strlen(SP_RESULT_MAGIC) + 1) == 0)
        return file;
    for (int i = 0; i < 4; i++) {
        p = memchr(p, '\n', len - (size_t)(p - file));
        assert_non_null(p);
        p++;
    }
    *blen = len - (size_t)(p - file);
    return p;
}

/* Every signed result among the test data that the libyaml reader accepts is canonical, and read
 * alike; the edited fixtures, canonical or not, are never read differently. */
static void test_every_result_fixture_is_read_alike(void **state)
{
    (void)state;
    glob_t g;
    assert_int_equal(glob(SP_TEST_DATA "/*/*.signpost", 0, NULL, &g), 0);
    assert_true(g.gl_pathc >= 10);
    size_t canonical = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        size_t flen, blen;
        char *file = slurp(g.gl_pathv[i], &flen);
        const char *body = body_of(file, flen, &blen);
        sp_result *fast = NULL, *slow = NULL;
        sp_diags *d = sp_diags_new();
        int rc = sp_result_parse_canonical(body, blen, &fast);
        int yrc = sp_result_parse_yaml("body", body, blen, d, &slow);
        if (rc == 1) {
            canonical++;
            assert_int_equal(yrc, 0);
            assert_true(sp_result_equal(fast, slow));
        }
        sp_result_free(fast);
        sp_result_free(slow);
        sp_diags_free(d);
        free(file);
    }
    assert_int_equal(canonical, g.gl_pathc); /* all of them, edited ones included */
    globfree(&g);
}

/* ---- Bodies of every kind, as signpost writes them --------------------------------------- */

typedef struct variant {
    const char *lang;
    const char *name;
    bool adaptive;
    bool signer;
    int answers; /* 0 varied, 1 all skipped but one, 2 every one the same */
} variant;

static const variant variants[] = {
    {"en", NULL, false, false, 0},
    {"zh", "Wang Fang", false, true, 0},
    {"en", "O'Brien \"Bo\" \\ back\\slash", true, true, 0},
    {"zh-Hans", "王芳 (测试)", true, false, 1},
    {"en", "a  b", false, true, 2},
    {"de", "Zoë Ünal", true, true, 2},
};

/* A varied answer to form item j for seed: likert 1-5, one or two options, skips. */
static sp_answer make_answer(const sp_question *q, uint64_t seed, size_t j, int how)
{
    sp_answer a = {.state = SP_ANSWER_GIVEN};
    unsigned k = (unsigned)((seed * 31 + j * 7) % 11);
    if ((how == 0 && k == 0) || (how == 1 && j > 0)) {
        a.state = SP_ANSWER_SKIP;
    } else if (q->kind == SP_KIND_LIKERT) {
        a.value = (uint8_t)(how == 2 ? 3 : 1 + k % 5);
    } else {
        a.chosen = 1u << (how == 2 ? 0 : k % q->noptions);
        if (q->kind == SP_KIND_KNOWLEDGE && (q->answer & (q->answer - 1)) && k % 3 == 0)
            a.chosen |= q->answer;
    }
    return a;
}

static char *make_body(const sp_quiz *quiz, uint64_t seed, const variant *v, size_t *len)
{
    sp_form *form = NULL;
    assert_int_equal(sp_form_draw(quiz, seed, &form), 0);
    size_t n = sp_form_count(form);
    sp_response *resp = calloc(n, sizeof(*resp));
    assert_non_null(resp);
    for (size_t j = 0; j < n; j++) {
        resp[j].q = sp_form_item_at(form, j)->q;
        resp[j].a = make_answer(resp[j].q, seed, j, v->answers);
    }
    sp_result_adaptive ad = {.bounds = sp_adaptive_bounds_for(sp_quiz_manifest(quiz), form),
                             .stop = (sp_stop)(1 + seed % 3),
                             .asked = (uint32_t)(n > 3 ? n - seed % 3 : n)};
    ad.after = ad.asked - (uint32_t)(seed % 2);
    sp_result_meta meta = {.lang = v->lang,
                           .name = v->name,
                           .started = 1795000000 + (int64_t)seed,
                           .finished = 1795000600 + (int64_t)seed * 7,
                           .adaptive = v->adaptive ? &ad : NULL};
    size_t asked = v->adaptive ? ad.asked : n;
    sp_outcome out;
    assert_int_equal(
        sp_score(sp_quiz_directions(quiz), &sp_quiz_manifest(quiz)->scoring, resp, asked, &out), 0);
    char *body = NULL;
    assert_int_equal(sp_result_format(quiz, form, resp, &out, &meta, &body, len), 0);
    free(resp);
    sp_form_free(form);
    if (!v->signer)
        return body;
    sp_pubkey key;
    assert_int_equal(sp_pubkey_parse_base64(PUBKEY, strlen(PUBKEY), "key", NULL, &key), 0);
    char *signed_body = NULL;
    assert_int_equal(sp_result_add_signer(body, *len, &key, &signed_body, len), 0);
    free(body);
    return signed_body;
}

static void check_quiz(const char *path, uint64_t seeds)
{
    sp_quiz *quiz = NULL;
    sp_diags *d = sp_diags_new();
    assert_int_equal(sp_quiz_load(path, d, &quiz), 0);
    for (uint64_t seed = 1; seed <= seeds; seed++)
        for (size_t v = 0; v < sizeof(variants) / sizeof(*variants); v++) {
            size_t len;
            char *body = make_body(quiz, seed * 1000003u, &variants[v], &len);
            assert_readers_agree(body, len);
            free(body);
        }
    sp_quiz_free(quiz);
    sp_diags_free(d);
}

static void test_written_bodies_are_read_alike_placement(void **state)
{
    (void)state;
    check_quiz(SP_QUIZ_DIR "/placement.yaml", 40);
}

static void test_written_bodies_are_read_alike_quick(void **state)
{
    (void)state;
    check_quiz(SP_QUIZ_DIR "/quick.yaml", 40);
}

static void test_written_bodies_are_read_alike_tiny_and_adaptive(void **state)
{
    (void)state;
    check_quiz(SP_TEST_DATA "/tiny/quiz.yaml", 40);
    check_quiz(SP_TEST_DATA "/adaptive/quiz.yaml", 40);
}

/* ---- Near-canonical bodies --------------------------------------------------------------- */

/* body with the first occurrence of from replaced by to. */
static char *edit(const char *body, size_t len, const char *from, const char *to, size_t *out)
{
    const char *at = strstr(body, from);
    assert_non_null(at);
    size_t a = (size_t)(at - body), nf = strlen(from), nt = strlen(to);
    char *e = malloc(len - nf + nt + 1);
    assert_non_null(e);
    memcpy(e, body, a);
    memcpy(e + a, to, nt);
    memcpy(e + a + nt, at + nf, len - a - nf);
    *out = len - nf + nt;
    e[*out] = '\0';
    return e;
}

/* Every CR-terminated line. */
static char *crlf(const char *body, size_t len, size_t *out)
{
    char *e = malloc(2 * len + 1);
    assert_non_null(e);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (body[i] == '\n')
            e[n++] = '\r';
        e[n++] = body[i];
    }
    e[n] = '\0';
    *out = n;
    return e;
}

/* The fast reader refuses e; sp_result_parse then gives what the libyaml reader gives: the same
 * code, the same messages, the same values. Returns the code. */
static int assert_refused_and_read_by_libyaml(const char *e, size_t len)
{
    sp_result *fast = NULL, *r1 = NULL, *r2 = NULL;
    assert_int_equal(sp_result_parse_canonical(e, len, &fast), 0);
    assert_null(fast);
    sp_diags *d1 = sp_diags_new(), *d2 = sp_diags_new();
    int rc = sp_result_parse("body", e, len, d1, &r1);
    assert_int_equal(sp_result_parse_yaml("body", e, len, d2, &r2), rc);
    assert_int_equal(sp_diags_count(d1), sp_diags_count(d2));
    for (size_t i = 0; i < sp_diags_count(d1); i++) {
        assert_string_equal(sp_diags_at(d1, i)->message, sp_diags_at(d2, i)->message);
        assert_int_equal(sp_diags_at(d1, i)->line, sp_diags_at(d2, i)->line);
        assert_int_equal(sp_diags_at(d1, i)->column, sp_diags_at(d2, i)->column);
    }
    if (rc == 0)
        assert_true(sp_result_equal(r1, r2));
    sp_result_free(r1);
    sp_result_free(r2);
    sp_diags_free(d1);
    sp_diags_free(d2);
    return rc;
}

/* One deviation from the writer's bytes: the first from in the body becomes to. */
typedef struct near {
    const char *from, *to;
} near;

static const near nears[] = {
    {"seed: ", "seed:  "},                          /* a doubled space */
    {"seed: ", "seed:\t"},                          /* a tab */
    {"\nlang: en\n", "\nlang: en # c\n"},           /* a comment */
    {"\nlang: ", "\n\"lang\": "},                   /* a quoted key */
    {"\nlang: ", "\nlang: !!str "},                 /* a tag */
    {"\\\"Bo\\\"", "\\x22Bo\\x22"},                 /* an escaped quote written otherwise */
    {"level_pass: 0.6", "level_pass: 6.0e-1"},      /* a number in another form */
    {"fit: 0.", "fit: 1.0e0 #"},                    /* and another */
    {"fit: 0.", "fit: 0.0"},                        /* seven decimals */
    {"seed: ", "seed: 0"},                          /* a leading zero */
    {"\nanswers:\n", "\nanswers: # the answers\n"}, /* a comment on a key */
    {"\nanswers:\n", "\nanswers: &a\n"},            /* an anchor */
    {"\nbanks:\n  - {", "\nbanks:\n  -  {"},        /* other spacing */
    {"{id: ", "{ id: "},                            /* and again */
    {"\nranking: [", "\nranking:\n  ["},            /* a list on the next line */
    {"\nlevel: ", "\n\nlevel: "},                   /* a blank line */
    {"\nengine: ", "\n---\nengine: "},              /* a document start */
    {"\nseed: ", "\nseed: 1\nseed: "},              /* a duplicate key */
    {"{id: ", "{id: \""},                           /* quoting where the writer does not */
};

static void test_near_canonical_bodies_are_refused_and_read_by_libyaml(void **state)
{
    (void)state;
    sp_quiz *quiz = NULL;
    sp_diags *d = sp_diags_new();
    assert_int_equal(sp_quiz_load(SP_QUIZ_DIR "/placement.yaml", d, &quiz), 0);
    size_t len, elen;
    char *body = make_body(quiz, 7, &variants[2], &len);
    sp_result *orig = NULL;
    assert_int_equal(sp_result_parse_yaml("body", body, len, d, &orig), 0);
    for (size_t i = 0; i < sizeof(nears) / sizeof(*nears); i++) {
        char *e = edit(body, len, nears[i].from, nears[i].to, &elen);
        assert_refused_and_read_by_libyaml(e, elen);
        free(e);
    }
    char *e = crlf(body, len, &elen);
    assert_refused_and_read_by_libyaml(e, elen);
    free(e);
    /* Every prefix of the body, cut anywhere, and the body with a byte more. */
    for (size_t cut = 0; cut < len; cut += 7)
        assert_refused_and_read_by_libyaml(body, cut);
    e = edit(body, len, "\nlevel: ", "\nlevel: ", &elen);
    e = realloc(e, elen + 2);
    memcpy(e + elen, "\n", 2);
    assert_refused_and_read_by_libyaml(e, elen + 1);
    free(e);
    sp_result_free(orig);
    free(body);
    sp_quiz_free(quiz);
    sp_diags_free(d);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_result_fixture_is_read_alike),
        cmocka_unit_test(test_written_bodies_are_read_alike_placement),
        cmocka_unit_test(test_written_bodies_are_read_alike_quick),
        cmocka_unit_test(test_written_bodies_are_read_alike_tiny_and_adaptive),
        cmocka_unit_test(test_near_canonical_bodies_are_refused_and_read_by_libyaml),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
