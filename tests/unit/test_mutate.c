/* Mutation tests of the loaders: thousands of malformed variants of every shipped file and of
 * a few corpus files, each of which must be either accepted or refused with a diagnostic at a
 * position inside the file; and the pathological inputs of PITFALLS.md (deep nesting, alias
 * bombs, a million items, a file over the size limit).
 *
 * Every mutant comes from a seeded PRNG, so a failure is reproducible: the failing mutant is
 * also written to $TMPDIR/signpost-mutant-CASE.yaml (run with SP_MUTANT_KEEP=1 to keep the
 * input that a sanitizer stopped on). Time is bounded by counting, not timing:
 * each case parses a fixed number of mutants, so a parse that does not end stops the case
 * (ctest's timeout), and the pathological inputs prove that reading stopped early by putting
 * bytes at the end of the file that would give a different error if they were read. */
#include "testmain.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "signpost/load.h"

/* ---- A small deterministic PRNG (SplitMix64) --------------------------------------------- */

typedef struct prng {
    uint64_t s;
} prng;

static uint64_t prng_next(prng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* A number in [0, n); 0 when n is 0. */
static size_t prng_below(prng *r, size_t n)
{
    return n ? (size_t)(prng_next(r) % n) : 0;
}

/* ---- Files and buffers ------------------------------------------------------------------- */

/* Reads path whole; the caller frees *out. */
static void slurp(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    *out = malloc((size_t)n + 1);
    assert_non_null(*out);
    assert_int_equal(fread(*out, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
}

/* A mutable byte buffer with room to grow by inserts and duplicates. */
typedef struct mbuf {
    char *p;
    size_t len, cap;
} mbuf;

static void mbuf_set(mbuf *b, const char *src, size_t len)
{
    if (b->cap < len * 2 + 4096) {
        free(b->p);
        b->cap = len * 2 + 4096;
        b->p = malloc(b->cap);
        assert_non_null(b->p);
    }
    memcpy(b->p, src, len);
    b->len = len;
}

/* Inserts n bytes of src at offset at, when there is room. */
static void mbuf_insert(mbuf *b, size_t at, const char *src, size_t n)
{
    if (b->len + n > b->cap || at > b->len)
        return;
    memmove(b->p + at + n, b->p + at, b->len - at);
    memcpy(b->p + at, src, n);
    b->len += n;
}

static void mbuf_delete(mbuf *b, size_t at, size_t n)
{
    if (at >= b->len)
        return;
    if (n > b->len - at)
        n = b->len - at;
    memmove(b->p + at, b->p + at + n, b->len - at - n);
    b->len -= n;
}

/* ---- Mutations --------------------------------------------------------------------------- */

/* Characters that mean something to YAML, control bytes, broken UTF-8 and characters that
 * libyaml treats specially (NEL, LS, PS, BOM) or signpost refuses (RLO). */
// clang-format off
static const char *const specials[] = {
    ":",  "-",  "[",  "]",  "{",    "}",    "&",    "*",    "!",  "|",  ">", "'",
    "\"", "#",  "%",  "@",  ": ",   "- ",   "? ",   "---",  "...", "\t", "\r", "\n",
    "\\", "\x1b", "\x07", "\x7f", "\xff", "\xc3", "\x80", "\xc2\x85", "\xe2\x80\xa8",
    "\xe2\x80\xae", "\xef\xbb\xbf", "&a ", "*a", "!!str ", "\"\\e\"", "~", "null",
    "yes", "1e999", "-0", "0x10",
};
// clang-format on

/* The start of the line holding offset at. */
static size_t line_start(const mbuf *b, size_t at)
{
    while (at > 0 && b->p[at - 1] != '\n')
        at--;
    return at;
}

static size_t line_end(const mbuf *b, size_t at)
{
    while (at < b->len && b->p[at] != '\n')
        at++;
    return at < b->len ? at + 1 : at;
}

static void mutate_flip(mbuf *b, prng *r)
{
    if (!b->len)
        return;
    size_t at = prng_below(r, b->len);
    if (prng_below(r, 2))
        b->p[at] ^= (char)(1u << prng_below(r, 8));
    else
        b->p[at] = (char)prng_below(r, 256);
}

static void mutate_delete(mbuf *b, prng *r)
{
    mbuf_delete(b, prng_below(r, b->len), 1 + prng_below(r, 64));
}

static void mutate_insert(mbuf *b, prng *r)
{
    size_t at = prng_below(r, b->len + 1);
    if (prng_below(r, 8) == 0) {
        mbuf_insert(b, at, "", 1); /* a NUL byte, which no string above can hold */
        return;
    }
    const char *s = specials[prng_below(r, sizeof(specials) / sizeof(specials[0]))];
    mbuf_insert(b, at, s, strlen(s));
}

static void mutate_duplicate(mbuf *b, prng *r)
{
    if (!b->len)
        return;
    size_t from = prng_below(r, b->len);
    size_t n = 1 + prng_below(r, 256);
    if (n > b->len - from)
        n = b->len - from;
    char tmp[256];
    memcpy(tmp, b->p + from, n);
    mbuf_insert(b, prng_below(r, b->len + 1), tmp, n);
}

/* Swaps two lines (each with its line break). */
static void mutate_swap_lines(mbuf *b, prng *r)
{
    if (!b->len)
        return;
    size_t a0 = line_start(b, prng_below(r, b->len)), a1 = line_end(b, a0);
    size_t c0 = line_start(b, prng_below(r, b->len)), c1 = line_end(b, c0);
    if (a0 == c0)
        return;
    if (c0 < a0) {
        size_t t0 = a0, t1 = a1;
        a0 = c0, a1 = c1, c0 = t0, c1 = t1;
    }
    /* [a0,a1) middle [c0,c1) becomes [c0,c1) middle [a0,a1). */
    size_t total = c1 - a0;
    char *tmp = malloc(total);
    assert_non_null(tmp);
    size_t k = 0;
    memcpy(tmp + k, b->p + c0, c1 - c0), k += c1 - c0;
    memcpy(tmp + k, b->p + a1, c0 - a1), k += c0 - a1;
    memcpy(tmp + k, b->p + a0, a1 - a0);
    memcpy(b->p + a0, tmp, total);
    free(tmp);
}

/* Changes the indentation of one line: more or fewer spaces, or a tab. */
static void mutate_indent(mbuf *b, prng *r)
{
    if (!b->len)
        return;
    size_t at = line_start(b, prng_below(r, b->len));
    switch (prng_below(r, 3)) {
    case 0: mbuf_insert(b, at, "   ", 1 + prng_below(r, 3)); break;
    case 1:
        for (size_t n = 1 + prng_below(r, 3); n > 0 && at < b->len && b->p[at] == ' '; n--)
            mbuf_delete(b, at, 1);
        break;
    default: mbuf_insert(b, at, "\t", 1); break;
    }
}

static void mutate(mbuf *b, prng *r)
{
    static void (*const ops[])(mbuf *, prng *) = {
        mutate_flip,      mutate_delete,     mutate_insert, mutate_insert,
        mutate_duplicate, mutate_swap_lines, mutate_indent,
    };
    for (size_t n = 1 + prng_below(r, 3); n > 0; n--)
        ops[prng_below(r, sizeof(ops) / sizeof(ops[0]))](b, r);
}

/* ---- Checking one input ------------------------------------------------------------------ */

/* Lines as libyaml counts them: LF, CR LF, a lone CR, NEL, LS and PS each end a line. */
static uint32_t yaml_lines(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t lines = 1;
    for (size_t i = 0; i < n; i++) {
        if (u[i] == '\n' || (u[i] == '\r' && (i + 1 == n || u[i + 1] != '\n')))
            lines++;
        else if (u[i] == 0xC2 && i + 1 < n && u[i + 1] == 0x85)
            lines++;
        else if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x80 &&
                 (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
            lines++;
    }
    return lines;
}

/* The longest line in bytes, splitting at LF only: a bound on any column. */
static size_t longest_line(const char *s, size_t n)
{
    size_t best = 0, cur = 0;
    for (size_t i = 0; i < n; i++) {
        cur = s[i] == '\n' ? 0 : cur + 1;
        if (cur > best)
            best = cur;
    }
    return best;
}

typedef struct tally {
    const char *name;
    size_t mutants, accepted, refused, limited;
} tally;

/* Writes an input to $TMPDIR/signpost-mutant-CASE.yaml; returns the path (static). */
static const char *save_input(const tally *t, const char *s, size_t n)
{
    static char path[512];
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(path, sizeof(path), "%s/signpost-mutant-%s.yaml", dir, t->name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(s, 1, n, f);
        fclose(f);
    }
    return path;
}

/* Saves the input that broke an invariant, so that it can be replayed, and fails. */
static void fail_with(const tally *t, const char *s, size_t n, const char *why, long a, long b)
{
    const char *path = save_input(t, s, n);
    fail_msg("%s: mutant %zu: %s (%ld, %ld); input saved as %s", t->name, t->mutants, why, a, b,
             path);
}

/* Parses one input and checks the invariants every parse must keep. */
static void check_input(tally *t, const char *s, size_t n, const sp_directions *dirs)
{
    /* A sanitizer stops the program on the spot: with SP_MUTANT_KEEP set, every input is
     * saved before it is parsed, so that the one that crashed is left on disk. */
    if (getenv("SP_MUTANT_KEEP"))
        save_input(t, s, n);
    sp_diags *d = sp_diags_new();
    assert_non_null(d);
    sp_document *doc = NULL;
    int rc = sp_document_parse("m.yaml", s, n, dirs, d, &doc);
    t->mutants++;
    if (rc != 0 && rc != SP_EINPUT && rc != SP_ELIMIT)
        fail_with(t, s, n, "unexpected return code", rc, 0);
    if ((rc == 0) != (doc != NULL))
        fail_with(t, s, n, "document and return code disagree", rc, doc != NULL);
    if (rc == 0 && sp_diags_errors(d) != 0)
        fail_with(t, s, n, "accepted with errors", (long)sp_diags_errors(d), 0);
    uint32_t max_line = yaml_lines(s, n) + 1;
    size_t max_column = longest_line(s, n) + 1;
    bool listed_error = false;
    for (size_t i = 0; i < sp_diags_count(d); i++) {
        const sp_diag *g = sp_diags_at(d, i);
        listed_error = listed_error || g->severity == SP_SEV_ERROR;
        if (strcmp(g->file, "m.yaml") != 0 || !g->message[0])
            fail_with(t, s, n, "diagnostic without file or message", (long)i, 0);
        if (g->line > max_line)
            fail_with(t, s, n, "line past the end of the file", g->line, max_line);
        if (g->line > 0 && (g->column < 1 || g->column > max_column))
            fail_with(t, s, n, "column out of range", g->column, (long)max_column);
    }
    if (rc != 0 && !listed_error)
        fail_with(t, s, n, "refused without an error diagnostic", rc, 0);
    t->accepted += rc == 0;
    t->refused += rc == SP_EINPUT;
    t->limited += rc == SP_ELIMIT;
    sp_document_free(doc);
    sp_diags_free(d);
}

/* ---- Running a case ---------------------------------------------------------------------- */

/* The shipped directions, so that bank mutants are also checked against real directions. */
static sp_document *load_directions(void)
{
    sp_diags *d = sp_diags_new();
    sp_document *doc = NULL;
    assert_int_equal(sp_document_load(SP_QUIZ_DIR "/directions.yaml", NULL, d, &doc), 0);
    sp_diags_free(d);
    return doc;
}

/* Checks every prefix of the file at a step of len / cuts bytes, then random mutants. */
static void run_file(tally *t, const char *path, size_t mutants, size_t cuts)
{
    char *src;
    size_t len;
    slurp(path, &src, &len);
    sp_document *dirs_doc = load_directions();
    const sp_directions *dirs = sp_document_directions(dirs_doc);
    /* The seed depends on the case only; SP_MUTANT_SEED and SP_MUTANT_FACTOR (a multiplier of
     * the count) are for longer exploratory runs by hand. */
    uint64_t seed = 0x5349474E504F5354u; /* "SIGNPOST" */
    for (const char *p = t->name; *p; p++)
        seed = seed * 131 + (unsigned char)*p;
    if (getenv("SP_MUTANT_SEED"))
        seed += strtoull(getenv("SP_MUTANT_SEED"), NULL, 10);
    if (getenv("SP_MUTANT_FACTOR"))
        mutants *= strtoul(getenv("SP_MUTANT_FACTOR"), NULL, 10);
    prng r = {seed};
    /* The unmutated file must load. */
    check_input(t, src, len, dirs);
    assert_int_equal(t->accepted, 1);
    size_t step = len / cuts ? len / cuts : 1;
    for (size_t at = 0; at < len; at += step)
        check_input(t, src, at, dirs);
    mbuf b = {0};
    for (size_t i = 0; i < mutants; i++) {
        mbuf_set(&b, src, len);
        mutate(&b, &r);
        check_input(t, b.p, b.len, i % 2 ? dirs : NULL);
    }
    print_message("%s: %zu inputs, %zu accepted, %zu refused, %zu over a limit\n", t->name,
                  t->mutants, t->accepted, t->refused, t->limited);
    free(b.p);
    free(src);
    sp_document_free(dirs_doc);
}

/* Per-case budgets: about 100,000 inputs in all, each case well under 20 s with sanitizers
 * (a shipped bank of 55-65 KB takes about 2 ms to parse there, a small file a tenth of it). */
#define BANK_MUTANTS  4000
#define SMALL_MUTANTS 12000
#define CUTS          500

#define MUTATE_FILE(fn, file, n)                                                                   \
    static void fn(void **state)                                                                   \
    {                                                                                              \
        (void)state;                                                                               \
        tally t = {#fn, 0, 0, 0, 0};                                                               \
        run_file(&t, file, n, CUTS);                                                               \
    }

MUTATE_FILE(mutate_bank_agents, SP_QUIZ_DIR "/banks/agents.yaml", BANK_MUTANTS)
MUTATE_FILE(mutate_bank_algorithms, SP_QUIZ_DIR "/banks/algorithms.yaml", BANK_MUTANTS)
MUTATE_FILE(mutate_bank_data, SP_QUIZ_DIR "/banks/data.yaml", BANK_MUTANTS)
MUTATE_FILE(mutate_bank_inference, SP_QUIZ_DIR "/banks/inference.yaml", BANK_MUTANTS)
MUTATE_FILE(mutate_bank_infra, SP_QUIZ_DIR "/banks/infra.yaml", BANK_MUTANTS)
MUTATE_FILE(mutate_bank_safety, SP_QUIZ_DIR "/banks/safety.yaml", BANK_MUTANTS)
MUTATE_FILE(mutate_directions, SP_QUIZ_DIR "/directions.yaml", SMALL_MUTANTS)
MUTATE_FILE(mutate_manifest_placement, SP_QUIZ_DIR "/placement.yaml", SMALL_MUTANTS)
MUTATE_FILE(mutate_manifest_quick, SP_QUIZ_DIR "/quick.yaml", SMALL_MUTANTS)
MUTATE_FILE(mutate_corpus_bank, SP_TEST_DATA "/quiz-bad/clean/infra.yaml", SMALL_MUTANTS)
MUTATE_FILE(mutate_corpus_directions, SP_TEST_DATA "/quiz-bad/clean/directions.yaml", SMALL_MUTANTS)
MUTATE_FILE(mutate_corpus_lang_bank, SP_TEST_DATA "/quiz-bad/clean/inference.yaml", SMALL_MUTANTS)

/* ---- Pathological inputs (PITFALLS.md) --------------------------------------------------- */

/* Parses s and returns the diagnostics, sorted; rc gets the return code. */
static sp_diags *parse_all(const char *s, size_t n, int *rc)
{
    sp_diags *d = sp_diags_new();
    assert_non_null(d);
    sp_document *doc = NULL;
    *rc = sp_document_parse("p.yaml", s, n, NULL, d, &doc);
    assert_null(doc);
    sp_diags_sort(d);
    return d;
}

/* True when some diagnostic's message contains needle. */
static bool has_message(const sp_diags *d, const char *needle)
{
    for (size_t i = 0; i < sp_diags_count(d); i++)
        if (strstr(sp_diags_at(d, i)->message, needle))
            return true;
    return false;
}

/* Text of n bytes: head, then body repeated, then tail (malloc'd, NUL-terminated). */
static char *repeat(const char *head, const char *body, size_t times, const char *tail, size_t *n)
{
    size_t hn = strlen(head), bn = strlen(body), tn = strlen(tail);
    *n = hn + bn * times + tn;
    char *s = malloc(*n + 1);
    assert_non_null(s);
    memcpy(s, head, hn);
    for (size_t i = 0; i < times; i++)
        memcpy(s + hn + i * bn, body, bn);
    memcpy(s + hn + times * bn, tail, tn + 1);
    return s;
}

/* 100,000 levels of '[': libyaml alone takes about 27 s (quadratic); the depth count stops at
 * level 17. The invalid byte at the end would be reported if the reader got that far. */
static void deep_nesting_stops_at_the_limit(void **state)
{
    (void)state;
    size_t n;
    char *s = repeat("signpost: bank/1\nid: ", "[", 100000, "\xff", &n);
    int rc;
    sp_diags *d = parse_all(s, n, &rc);
    assert_int_equal(rc, SP_EINPUT);
    assert_int_equal(sp_diags_count(d), 1);
    const sp_diag *g = sp_diags_at(d, 0);
    assert_string_equal(g->message, "nesting is deeper than the limit of 16 levels");
    assert_int_equal(g->line, 2);
    assert_int_equal(g->column, 20); /* the 16th '[': the root mapping is level 1 */
    sp_diags_free(d);
    free(s);
}

/* The "billion laughs": nine levels of nine aliases. Anchors and aliases are refused one by
 * one, so the work is linear in the file, not in the expansion. */
static void alias_bomb_is_refused(void **state)
{
    (void)state;
    static const char text[] = "signpost: bank/1\n"
                               "id: lol\n"
                               "version: 1.0.0\n"
                               "title: Laughs\n"
                               "description:\n"
                               "  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                               "  - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                               "  - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                               "  - &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                               "  - &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                               "  - &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                               "  - &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                               "  - &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                               "  - &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
                               "questions:\n"
                               "  - {id: q1, kind: likert, text: *i, keys: {infra: 1}}\n";
    int rc;
    sp_diags *d = parse_all(text, strlen(text), &rc);
    assert_int_equal(rc, SP_EINPUT);
    assert_true(has_message(d, "anchor '&a' is not allowed"));
    assert_true(has_message(d, "alias '*h' is not allowed"));
    assert_true(has_message(d, "alias '*i' is not allowed"));
    /* 9 anchors, 72 aliases in the description and one in the question, and nothing else
     * that grows with the expansion. */
    assert_true(sp_diags_errors(d) >= 82 && sp_diags_errors(d) <= 90);
    sp_diags_free(d);
}

/* An alias inside its own anchor: a cycle for any walk that follows aliases. */
static void self_referential_alias_is_refused(void **state)
{
    (void)state;
    static const char text[] = "signpost: bank/1\ntitle: &a [*a]\n";
    int rc;
    sp_diags *d = parse_all(text, strlen(text), &rc);
    assert_int_equal(rc, SP_EINPUT);
    assert_true(has_message(d, "anchor '&a' is not allowed"));
    assert_true(has_message(d, "alias '*a' is not allowed"));
    sp_diags_free(d);
}

/* A million valid one-line items stop at the 200,000-question limit; the invalid byte at the
 * end proves the rest of the file was not read. */
static void million_items_stop_at_the_question_limit(void **state)
{
    (void)state;
    static const char head[] = "signpost: bank/1\nid: infra\nversion: 1.0.0\ntitle: t\n"
                               "questions:\n";
    static const char item[] = "- {id: q%07d, kind: likert, text: t, keys: {infra: 1}}\n";
    size_t bn = strlen(item) + 3; /* "%07d" prints 7 digits */
    size_t hn = strlen(head), n = hn + bn * 1000000 + 1;
    char *s = malloc(n + 1);
    assert_non_null(s);
    memcpy(s, head, hn);
    char *p = s + hn, line[80];
    for (int i = 0; i < 1000000; i++, p += bn) {
        assert_int_equal((size_t)snprintf(line, sizeof(line), item, i), bn);
        memcpy(p, line, bn);
    }
    memcpy(p, "\xff", 2);
    int rc;
    sp_diags *d = parse_all(s, n, &rc);
    assert_int_equal(rc, SP_EINPUT);
    assert_int_equal(sp_diags_count(d), 1);
    const sp_diag *g = sp_diags_at(d, 0);
    assert_string_equal(g->message, "more than 200000 questions; that is over the limit");
    assert_int_equal(g->line, 6 + 200000); /* the 200,001st item, */
    assert_int_equal(g->column, 3);        /* at its '{' */
    sp_diags_free(d);
    free(s);
}

/* The same with items that are all wrong: they count towards the limit too. */
static void million_broken_items_stop_at_the_question_limit(void **state)
{
    (void)state;
    size_t n;
    char *s = repeat("signpost: bank/1\nid: infra\nversion: 1.0.0\ntitle: t\nquestions:\n", "- 0\n",
                     1000000, "\xff", &n);
    int rc;
    sp_diags *d = parse_all(s, n, &rc);
    assert_int_equal(rc, SP_EINPUT);
    /* One error per item read and one for the limit; reading on would have given 1,000,000
     * and a UTF-8 error. Only the first SP_DIAGS_PER_FILE are listed. */
    assert_int_equal(sp_diags_errors(d), 200001);
    assert_int_equal(sp_diags_count(d), SP_DIAGS_PER_FILE);
    assert_int_equal(sp_diags_dropped(d), 200001 - SP_DIAGS_PER_FILE);
    sp_diags_free(d);
    free(s);
}

/* A 70 MB buffer is refused by its size before a byte is read: the memory is mapped without
 * access, so any read would crash the test. */
static void oversized_buffer_is_refused_unread(void **state)
{
    (void)state;
    size_t n = 70u * 1000 * 1000;
    void *m = mmap(NULL, n, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(m != MAP_FAILED);
    int rc;
    sp_diags *d = parse_all(m, n, &rc);
    assert_int_equal(rc, SP_ELIMIT);
    assert_int_equal(sp_diags_count(d), 1);
    assert_string_equal(sp_diags_at(d, 0)->message, "the file is larger than the limit of 64 MiB");
    assert_int_equal(sp_diags_at(d, 0)->line, 0);
    sp_diags_free(d);
    munmap(m, n);
}

/* A 70 MB file (sparse, so it costs no disk) is refused from its size alone. */
static void oversized_file_is_refused_unread(void **state)
{
    (void)state;
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char path[512];
    snprintf(path, sizeof(path), "%s/signpost-big-XXXXXX", dir);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 70 * 1000 * 1000), 0);
    close(fd);
    sp_diags *d = sp_diags_new();
    sp_document *doc = NULL;
    int rc = sp_document_load(path, NULL, d, &doc);
    unlink(path);
    assert_int_equal(rc, SP_ELIMIT);
    assert_null(doc);
    assert_int_equal(sp_diags_count(d), 1);
    assert_string_equal(sp_diags_at(d, 0)->message, "the file is larger than the limit of 64 MiB");
    sp_diags_free(d);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mutate_bank_agents),
        cmocka_unit_test(mutate_bank_algorithms),
        cmocka_unit_test(mutate_bank_data),
        cmocka_unit_test(mutate_bank_inference),
        cmocka_unit_test(mutate_bank_infra),
        cmocka_unit_test(mutate_bank_safety),
        cmocka_unit_test(mutate_directions),
        cmocka_unit_test(mutate_manifest_placement),
        cmocka_unit_test(mutate_manifest_quick),
        cmocka_unit_test(mutate_corpus_bank),
        cmocka_unit_test(mutate_corpus_directions),
        cmocka_unit_test(mutate_corpus_lang_bank),
        cmocka_unit_test(deep_nesting_stops_at_the_limit),
        cmocka_unit_test(alias_bomb_is_refused),
        cmocka_unit_test(self_referential_alias_is_refused),
        cmocka_unit_test(million_items_stop_at_the_question_limit),
        cmocka_unit_test(million_broken_items_stop_at_the_question_limit),
        cmocka_unit_test(oversized_buffer_is_refused_unread),
        cmocka_unit_test(oversized_file_is_refused_unread),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
