/* The fast reader of canonical result bodies: a recognizer of the exact lines sp_result_format()
 * and sp_result_add_signer() write, which gives up ("not canonical") at the first byte it does
 * not expect. body.h says why it cannot disagree with the libyaml reader. */
#include "result/body.h"

#include <stdlib.h>
#include <string.h>

#include "bank/ld.h"

/* The longest plain scalar the writer puts on a canonical line: a digest is 64 hex digits, a
 * question id at most 64 characters, a key 56 characters of base64. */
enum { TOKEN_MAX = 96 };

/* A cursor over the body. line counts lines as the libyaml reader does: the tag line is 1. */
typedef struct cur {
    const char *p, *end;
    const char *bol; /* where the current line starts */
    uint32_t line;
    sp_result *r;
    bool ok;  /* false from the first thing that is not canonical */
    bool oom; /* memory ran out: the caller returns SP_ENOMEM */
} cur;

static bool fail(cur *c)
{
    c->ok = false;
    return false;
}

/* Consumes the literal s (no newline in it), or fails. */
static bool lit(cur *c, const char *s)
{
    size_t n = strlen(s);
    if (!c->ok || (size_t)(c->end - c->p) < n || memcmp(c->p, s, n) != 0)
        return fail(c);
    c->p += n;
    return true;
}

/* True, without consuming, when the literal s comes next. */
static bool peek(const cur *c, const char *s)
{
    size_t n = strlen(s);
    return c->ok && (size_t)(c->end - c->p) >= n && memcmp(c->p, s, n) == 0;
}

/* Consumes the end of a line: exactly one '\n' (no carriage return, no trailing blank). */
static bool eol(cur *c)
{
    if (!c->ok || c->p == c->end || *c->p != '\n')
        return fail(c);
    c->p++;
    c->bol = c->p;
    c->line++;
    return true;
}

static bool alnum(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* A plain scalar of the writer's: [A-Za-z0-9._+/=-], starting with a letter or digit. No byte
 * of the set is a YAML indicator there, none ends a plain scalar in block or flow context, and
 * the scalar ends at the first byte outside the set, which the caller then matches (", ", "}",
 * "]", "\n"), so YAML reads exactly these bytes as the string. Copies it NUL-terminated into
 * out (TOKEN_MAX bytes) and returns its length, or 0 after failing. */
static size_t token(cur *c, char *out)
{
    size_t n = 0;
    if (!c->ok || c->p == c->end || !alnum(*c->p))
        return fail(c);
    while (c->p < c->end) {
        char ch = *c->p;
        if (!alnum(ch) && ch != '.' && ch != '_' && ch != '+' && ch != '/' && ch != '=' &&
            ch != '-')
            break;
        if (n + 1 >= TOKEN_MAX)
            return fail(c);
        out[n++] = ch;
        c->p++;
    }
    out[n] = '\0';
    return n;
}

/* The words YAML reads as null (yn_is_null); "~" is outside the token set. */
static bool null_word(const char *s)
{
    return strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

static const char *keep(cur *c, const char *s, size_t n)
{
    const char *k = sp_arena_strndup(&c->r->arena, s, n);
    if (!k) {
        c->oom = true;
        fail(c);
    }
    return k;
}

/* An identifier, checked as ld_ident checks it. */
static bool ident(cur *c, ld_idclass cls, const char **out)
{
    char t[TOKEN_MAX];
    size_t n = token(c, t);
    if (!n || null_word(t) || !ld_ident_valid(t, cls))
        return fail(c);
    *out = keep(c, t, n);
    return *out != NULL;
}

/* The writer's forms of a number: %u and %llu ("0" or no leading zero), %.15g (no exponent,
 * no trailing zero in a fraction), %.6f (exactly six decimals). Anything else, 1.0e0 or 01
 * included, is not canonical. */
typedef enum numform { NUM_INT, NUM_G, NUM_F6 } numform;

static bool numform_ok(const char *s, numform form)
{
    size_t i = 0;
    while (s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 0 || (s[0] == '0' && i > 1))
        return false;
    if (s[i] == '\0')
        return form != NUM_F6;
    if (s[i] != '.' || form == NUM_INT)
        return false;
    size_t f = ++i;
    while (s[i] >= '0' && s[i] <= '9')
        i++;
    if (s[i] != '\0' || i == f)
        return false;
    return form == NUM_F6 ? i - f == 6 : s[i - 1] != '0';
}

/* A number in [min, max], converted as ld_number converts it. */
static bool number(cur *c, numform form, double min, double max, double *out)
{
    char t[TOKEN_MAX];
    if (!token(c, t) || !numform_ok(t, form) || !ld_number_text(t, min, max, out))
        return fail(c);
    return true;
}

/* A whole number in [min, max], converted as ld_int converts it. */
static bool integer(cur *c, long min, long max, long *out)
{
    char t[TOKEN_MAX];
    if (!token(c, t) || !numform_ok(t, NUM_INT) || !ld_int_text(t, min, max, out))
        return fail(c);
    return true;
}

/* One of words (NULL-terminated), as ld_enum; returns its index or -1. */
static int word(cur *c, const char *const *words)
{
    char t[TOKEN_MAX];
    if (!token(c, t))
        return -1;
    for (int i = 0; words[i]; i++)
        if (strcmp(t, words[i]) == 0)
            return i;
    fail(c);
    return -1;
}

/* ---- Header ------------------------------------------------------------------------------ */

static bool digest(cur *c, unsigned char out[32])
{
    char t[TOKEN_MAX];
    if (token(c, t) != 64)
        return fail(c);
    for (int i = 0; i < 64; i++) {
        char ch = t[i];
        int v = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
        if (v < 0)
            return fail(c);
        if (i % 2 == 0)
            out[i / 2] = (unsigned char)(v << 4);
        else
            out[i / 2] |= (unsigned char)v;
    }
    return true;
}

/* {id: ID, version: V, digest: HEX}\n, or without the id. */
static bool source(cur *c, bool with_id, sp_result_source *s)
{
    char t[TOKEN_MAX];
    lit(c, "{");
    if (with_id && lit(c, "id: "))
        ident(c, LD_ID_BANK, &s->id);
    if (with_id)
        lit(c, ", ");
    size_t n = lit(c, "version: ") ? token(c, t) : 0;
    if (n && !ld_version_valid(t))
        fail(c);
    if (c->ok)
        s->version = keep(c, t, n);
    if (lit(c, ", digest: "))
        digest(c, s->digest);
    return lit(c, "}") && eol(c);
}

/* signer: {id: HEX16, key: BASE64}\n, the id being the key's own. */
static bool signer(cur *c)
{
    char id[TOKEN_MAX], key[TOKEN_MAX], hex[SP_KEYID_HEX_SIZE];
    if (!lit(c, "signer: {id: ") || !token(c, id) || !lit(c, ", key: "))
        return false;
    size_t n = token(c, key);
    if (!n || !lit(c, "}") || !eol(c))
        return false;
    if (sp_pubkey_parse_base64(key, n, "signer", NULL, &c->r->signer) != 0)
        return fail(c);
    sp_keyid_format(c->r->signer.id, hex);
    if (strcmp(hex, id) != 0)
        return fail(c);
    c->r->has_signer = true;
    return c->ok;
}

static bool banks(cur *c)
{
    sp_result_source list[SP_LIMIT_BANKS];
    size_t n = 0;
    lit(c, "banks:");
    eol(c);
    while (peek(c, "  - ")) {
        if (n == SP_LIMIT_BANKS)
            return fail(c);
        list[n] = (sp_result_source){0};
        lit(c, "  - ");
        source(c, true, &list[n++]);
    }
    if (!c->ok || n == 0)
        return fail(c);
    c->r->banks = sp_arena_alloc(&c->r->arena, n * sizeof(*list));
    if (!c->r->banks) {
        c->oom = true;
        return fail(c);
    }
    memcpy(c->r->banks, list, n * sizeof(*list));
    c->r->nbanks = n;
    return c->ok;
}

static bool scoring(cur *c)
{
    double *out[SP_SCORING_PARAMS];
    sp_scoring_slots(&c->r->scoring, out);
    lit(c, "scoring: {");
    for (int i = 0; i < SP_SCORING_PARAMS; i++) {
        if (i == 4 && !peek(c, ", "))
            break;
        if (i > 0)
            lit(c, ", ");
        if (lit(c, sp_scoring_names[i]) && lit(c, ": "))
            number(c, NUM_G, 0, 1, out[i]);
    }
    double z;
    if (c->r->scoring.near_tie_confidence != 0 &&
        !sp_confidence_z(c->r->scoring.near_tie_confidence, &z))
        fail(c);
    lit(c, "}");
    eol(c);
    return c->ok;
}

static bool adaptive(cur *c)
{
    static const char *const stops[] = {"settled", "curtailed", "budget", NULL};
    sp_result_adaptive *ad = &c->r->ad;
    long v = 0;
    double d = 0;
    if (!peek(c, "mode: "))
        return false;
    lit(c, "mode: adaptive");
    eol(c);
    lit(c, "adaptive: {min_items: ");
    integer(c, 1, SP_LIMIT_ANSWERS, &v);
    ad->bounds.min_items = (uint32_t)v;
    lit(c, ", max_items: ");
    integer(c, 1, SP_LIMIT_ANSWERS, &v);
    ad->bounds.max_items = (uint32_t)v;
    lit(c, ", confidence: ");
    number(c, NUM_G, 0, 1, &d);
    ad->bounds.confidence = d;
    int e = lit(c, ", stop: ") ? word(c, stops) : -1;
    ad->stop = (sp_stop)(e + 1);
    lit(c, ", after: ");
    integer(c, 0, SP_LIMIT_ANSWERS, &v);
    ad->after = (uint32_t)v;
    lit(c, "}");
    eol(c);
    c->r->adaptive = true;
    return c->ok;
}

/* YYYY-MM-DDTHH:MM:SSZ, checked by sp_time_parse as the libyaml reader checks it. */
static bool time_line(cur *c, const char *key, int64_t *out)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (!lit(c, key) || (size_t)(c->end - c->p) < sizeof(shape) - 1)
        return fail(c);
    for (size_t i = 0; i < sizeof(shape) - 1; i++)
        if (shape[i] == 'd' ? !(c->p[i] >= '0' && c->p[i] <= '9') : c->p[i] != shape[i])
            return fail(c);
    char why[160];
    size_t at = 0;
    if (sp_time_parse(c->p, sizeof(shape) - 1, out, &at, why, sizeof(why)) != SP_TIME_OK)
        return fail(c);
    c->p += sizeof(shape) - 1;
    return eol(c);
}

/* name: "..."\n as put_quoted writes it: only \" and \\ escaped, the rest as it is; the name
 * must then pass sp_name_check, which refuses every control, line-breaking (U+0085, U+2028,
 * U+2029), invisible and bidirectional character that YAML or the terminal could treat
 * specially. */
static bool name(cur *c)
{
    char text[SP_LIMIT_NAME + 1];
    size_t n = 0;
    if (!peek(c, "name: ") || !lit(c, "name: \""))
        return false;
    for (;;) {
        if (c->p == c->end || (unsigned char)*c->p < 0x20 || *c->p == 0x7F)
            return fail(c);
        char ch = *c->p++;
        if (ch == '"')
            break;
        if (ch == '\\') {
            if (c->p == c->end || (*c->p != '"' && *c->p != '\\'))
                return fail(c);
            ch = *c->p++;
        }
        if (n == SP_LIMIT_NAME)
            return fail(c);
        text[n++] = ch;
    }
    if (!eol(c) || sp_name_check(text, n, NULL) != SP_NAME_OK)
        return fail(c);
    c->r->name = keep(c, text, n);
    return c->ok;
}

static bool head(cur *c)
{
    char t[TOKEN_MAX];
    long v = 0;
    /* engine: signpost VERSION, kept as "signpost VERSION". */
    char e[TOKEN_MAX + 16] = "signpost ";
    size_t n = lit(c, "engine: signpost ") ? token(c, e + 9) : 0;
    if (n && eol(c))
        c->r->engine = keep(c, e, 9 + n);
    if (peek(c, "signer: "))
        signer(c);
    lit(c, "quiz: ");
    source(c, true, &c->r->quiz);
    lit(c, "directions: ");
    source(c, false, &c->r->directions);
    banks(c);
    scoring(c);
    lit(c, "seed: ");
    integer(c, 0, (long)SP_SEED_MAX, &v);
    eol(c);
    c->r->seed = (uint64_t)v;
    adaptive(c);
    if (lit(c, "lang: ") && token(c, t) && eol(c)) {
        if (null_word(t) || !ld_lang_valid(t))
            fail(c);
        c->r->lang = keep(c, t, strlen(t));
    }
    time_line(c, "started: ", &c->r->started);
    time_line(c, "finished: ", &c->r->finished);
    if (c->r->finished < c->r->started)
        fail(c);
    name(c);
    lit(c, "answered: ");
    integer(c, 0, SP_LIMIT_ANSWERS, &v);
    eol(c);
    c->r->answered = (uint32_t)v;
    lit(c, "skipped: ");
    integer(c, 0, SP_LIMIT_ANSWERS, &v);
    eol(c);
    c->r->skipped = (uint32_t)v;
    return c->ok;
}

/* ---- Answers and outcome ----------------------------------------------------------------- */

/* One answer value: a scalar that is not null, kept as written. */
static const char *answer_value(cur *c)
{
    char t[TOKEN_MAX];
    size_t n = token(c, t);
    if (!n || null_word(t))
        return fail(c), NULL;
    return keep(c, t, n);
}

/*   ID: VALUE\n or   ID: [V, V]\n, recorded as stream_answers records it. */
static bool answer(cur *c)
{
    sp_result *r = c->r;
    const char *id = NULL;
    const char *vals[SP_MAX_OPTIONS];
    uint32_t n = 0;
    lit(c, "  ");
    ident(c, LD_ID_QUESTION, &id);
    lit(c, ": ");
    sp_pos pos = {c->line, (uint32_t)(c->p - c->bol) + 1};
    bool list = peek(c, "[");
    if (list && lit(c, "["))
        do {
            if (n == SP_MAX_OPTIONS || !(vals[n++] = answer_value(c)))
                return fail(c);
        } while (peek(c, ", ") && lit(c, ", "));
    else if (c->ok)
        vals[n++] = answer_value(c);
    if ((list && !lit(c, "]")) || !eol(c) || r->answers.len >= SP_LIMIT_ENTRIES)
        return fail(c);
    const char **kept = sp_arena_alloc(&r->arena, n * sizeof(*kept));
    sp_result_answer *a = kept ? sp_vec_push(&r->answers, sizeof(*a)) : NULL;
    if (!a) {
        c->oom = true;
        return fail(c);
    }
    memcpy(kept, vals, n * sizeof(*kept));
    *a = (sp_result_answer){.id = id, .values = kept, .nvalues = n, .list = list, .pos = pos};
    const void *old;
    int put = sp_idmap_put(&r->answer_ids, id, (const void *)(uintptr_t)r->answers.len, &old);
    if (put < 0)
        c->oom = true;
    if (put <= 0)
        fail(c); /* a question answered twice is an error the libyaml reader reports */
    return c->ok;
}

/* A score: null, or a number in [0, 1] with six decimals. */
static void score_value(cur *c, const char *key, bool *has, double *v)
{
    if (!lit(c, key))
        return;
    *has = !peek(c, "null");
    if (*has)
        number(c, NUM_F6, 0, 1, v);
    else
        lit(c, "null");
}

static bool scores(cur *c)
{
    sp_result *r = c->r;
    r->scores = sp_arena_alloc(&r->arena, SP_MAX_DIRECTIONS * sizeof(*r->scores));
    if (!r->scores) {
        c->oom = true;
        return fail(c);
    }
    lit(c, "scores:");
    eol(c);
    while (c->ok && peek(c, "  ")) {
        if (r->nscores == SP_MAX_DIRECTIONS)
            return fail(c);
        sp_result_score *s = &r->scores[r->nscores];
        *s = (sp_result_score){0};
        lit(c, "  ");
        ident(c, LD_ID_DIRECTION, &s->dir);
        lit(c, ": {");
        for (size_t j = 0; c->ok && j < r->nscores; j++)
            if (strcmp(r->scores[j].dir, s->dir) == 0)
                return fail(c);
        score_value(c, "interest: ", &s->has_interest, &s->interest);
        score_value(c, ", aptitude: ", &s->has_aptitude, &s->aptitude);
        score_value(c, ", fit: ", &s->has_fit, &s->fit);
        s->recorded_se = peek(c, ", se: ");
        if (s->recorded_se) {
            score_value(c, ", se: ", &s->has_se, &s->se);
            score_value(c, ", gap_se: ", &s->has_gap_se, &s->gap_se);
        }
        lit(c, "}");
        eol(c);
        r->nscores++;
    }
    if (r->nscores == 0)
        fail(c);
    return c->ok;
}

/* KEY: [D, D]\n, direction ids. */
static bool dir_list(cur *c, const char *key, const char ***out, size_t *count)
{
    const char *ids[SP_MAX_DIRECTIONS];
    size_t n = 0;
    lit(c, key);
    lit(c, "[");
    if (!peek(c, "]"))
        do {
            if (n == SP_MAX_DIRECTIONS || !ident(c, LD_ID_DIRECTION, &ids[n++]))
                return fail(c);
        } while (peek(c, ", ") && lit(c, ", "));
    if (!lit(c, "]") || !eol(c))
        return false;
    *out = sp_arena_alloc(&c->r->arena, (n ? n : 1) * sizeof(**out));
    if (!*out) {
        c->oom = true;
        return fail(c);
    }
    memcpy(*out, ids, n * sizeof(*ids));
    *count = n;
    return c->ok;
}

static bool outcome(cur *c)
{
    static const char *const flats[] = {"none", "close-fits", "same-likert", NULL};
    static const char *const levels[] = {"unknown",      "entry",  "advanced",
                                         "professional", "expert", NULL};
    sp_result *r = c->r;
    scores(c);
    dir_list(c, "ranking: ", &r->ranking, &r->nranking);
    if (lit(c, "primary: ") && !(peek(c, "null\n") && lit(c, "null")))
        ident(c, LD_ID_DIRECTION, &r->primary);
    eol(c);
    dir_list(c, "near_tie: ", &r->near_tie, &r->nnear_tie);
    long v = 0;
    if (peek(c, "settle: ")) {
        lit(c, "settle: ");
        integer(c, 0, SP_SETTLE_MAX, &v);
        eol(c);
        r->has_settle = true;
        r->settle = (uint32_t)v;
    }
    int e = lit(c, "flat: ") ? word(c, flats) : -1;
    r->flat = e < 0 ? SP_FLAT_NO : (sp_flat)e;
    eol(c);
    e = lit(c, "level: ") ? word(c, levels) : -1;
    r->level = e < 0 ? SP_LEVEL_UNKNOWN : (sp_level)e;
    eol(c);
    if (c->p != c->end)
        fail(c);
    return c->ok;
}

int sp_result_parse_canonical(const char *buf, size_t len, sp_result **out)
{
    *out = NULL;
    sp_result *r = calloc(1, sizeof(*r));
    if (!r)
        return SP_ENOMEM;
    cur c = {.p = buf, .end = buf + len, .bol = buf, .line = 1, .r = r, .ok = true};
    lit(&c, SP_RESULT_MAGIC);
    eol(&c);
    head(&c);
    lit(&c, "answers:");
    eol(&c);
    while (c.ok && peek(&c, "  "))
        answer(&c);
    if (r->answers.len == 0)
        fail(&c);
    r->ad.asked = (uint32_t)r->answers.len;
    outcome(&c);
    if (!c.ok) {
        sp_result_free(r);
        return c.oom ? SP_ENOMEM : 0;
    }
    *out = r;
    return 1;
}

/* ---- Equality, for the tests that hold the two readers to one another -------------------- */

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_source(const sp_result_source *a, const sp_result_source *b)
{
    return same_str(a->id, b->id) && same_str(a->version, b->version) &&
           memcmp(a->digest, b->digest, 32) == 0;
}

/* Doubles compared bit for bit: the readers must convert the same text the same way. */
static bool same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof(a)) == 0;
}

static bool same_score(const sp_result_score *a, const sp_result_score *b)
{
    return same_str(a->dir, b->dir) && a->has_interest == b->has_interest &&
           a->has_aptitude == b->has_aptitude && a->has_fit == b->has_fit &&
           same_double(a->interest, b->interest) && same_double(a->aptitude, b->aptitude) &&
           same_double(a->fit, b->fit) && a->recorded_se == b->recorded_se &&
           a->has_se == b->has_se && a->has_gap_se == b->has_gap_se && same_double(a->se, b->se) &&
           same_double(a->gap_se, b->gap_se);
}

static bool same_answer(const sp_result *ra, const sp_result_answer *a, const sp_result *rb,
                        const sp_result_answer *b)
{
    if (!same_str(a->id, b->id) || a->nvalues != b->nvalues || a->list != b->list ||
        a->pos.line != b->pos.line || a->pos.column != b->pos.column ||
        sp_idmap_get(&ra->answer_ids, a->id) != sp_idmap_get(&rb->answer_ids, b->id))
        return false;
    for (uint32_t i = 0; i < a->nvalues; i++)
        if (!same_str(a->values[i], b->values[i]))
            return false;
    return true;
}

static bool same_list(const char *const *a, size_t na, const char *const *b, size_t nb)
{
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++)
        if (!same_str(a[i], b[i]))
            return false;
    return true;
}

static bool same_head(const sp_result *a, const sp_result *b)
{
    double *sa[SP_SCORING_PARAMS], *sb[SP_SCORING_PARAMS];
    sp_scoring_slots((sp_scoring *)&a->scoring, sa);
    sp_scoring_slots((sp_scoring *)&b->scoring, sb);
    for (int i = 0; i < SP_SCORING_PARAMS; i++)
        if (!same_double(*sa[i], *sb[i]))
            return false;
    const sp_result_adaptive *x = &a->ad, *y = &b->ad;
    return same_str(a->engine, b->engine) && a->has_signer == b->has_signer &&
           (!a->has_signer || memcmp(&a->signer, &b->signer, sizeof(a->signer)) == 0) &&
           same_source(&a->quiz, &b->quiz) && same_source(&a->directions, &b->directions) &&
           a->seed == b->seed && a->adaptive == b->adaptive &&
           x->bounds.min_items == y->bounds.min_items &&
           x->bounds.max_items == y->bounds.max_items &&
           same_double(x->bounds.confidence, y->bounds.confidence) && x->stop == y->stop &&
           x->after == y->after && x->asked == y->asked && same_str(a->lang, b->lang) &&
           same_str(a->name, b->name) && a->started == b->started && a->finished == b->finished;
}

static bool same_tail(const sp_result *a, const sp_result *b)
{
    return same_list(a->ranking, a->nranking, b->ranking, b->nranking) &&
           same_str(a->primary, b->primary) &&
           same_list(a->near_tie, a->nnear_tie, b->near_tie, b->nnear_tie) &&
           a->has_settle == b->has_settle && a->settle == b->settle && a->flat == b->flat &&
           a->level == b->level && a->answered == b->answered && a->skipped == b->skipped;
}

bool sp_result_equal(const sp_result *a, const sp_result *b)
{
    if (!same_head(a, b) || !same_tail(a, b) || a->nbanks != b->nbanks ||
        a->answers.len != b->answers.len || a->nscores != b->nscores)
        return false;
    for (size_t i = 0; i < a->nbanks; i++)
        if (!same_source(&a->banks[i], &b->banks[i]))
            return false;
    for (size_t i = 0; i < a->answers.len; i++)
        if (!same_answer(a, sp_result_answer_at(a, i), b, sp_result_answer_at(b, i)))
            return false;
    for (size_t i = 0; i < a->nscores; i++)
        if (!same_score(&a->scores[i], &b->scores[i]))
            return false;
    return true;
}
