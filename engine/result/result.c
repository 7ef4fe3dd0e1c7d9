/* Result bodies: writing what a finished quiz records, reading it back, and replay. */
#include "signpost/result.h"

#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/idmap.h"
#include "bank/loaders.h"
#include "result/body.h"

const char *sp_flat_name(sp_flat flat)
{
    static const char *const names[] = {"none", "close-fits", "same-likert"};
    return flat <= SP_FLAT_SAME_LIKERT ? names[flat] : "none";
}

/* ---- Writing ----------------------------------------------------------------------------- */

static void put_time(sp_buf *b, const char *key, int64_t t)
{
    char text[SP_TIME_TEXT_SIZE];
    sp_time_format(t, text);
    sp_buf_printf(b, "%s: %s\n", key, text);
}

static void put_source(sp_buf *b, const char *id, const char *version,
                       const unsigned char digest[32])
{
    char hex[65];
    sp_hex(digest, 32, hex);
    sp_buf_puts(b, "{");
    if (id)
        sp_buf_printf(b, "id: %s, ", id);
    sp_buf_printf(b, "version: %s, digest: %s}\n", version, hex);
}

/* ---- Names ------------------------------------------------------------------------------- */

/* What a name may hold at a position: no refused class anywhere, no white space at the ends. */
static sp_name_problem name_char(uint32_t cp, bool edge)
{
    switch (sp_cp_classify(cp)) {
    case SP_CP_TEXT: return SP_NAME_OK;
    case SP_CP_SPACE: return edge ? SP_NAME_EDGE : SP_NAME_OK;
    default: return SP_NAME_CHARACTER;
    }
}

sp_name_problem sp_name_check(const char *name, size_t n, sp_name_issue *issue)
{
    sp_name_issue local;
    sp_name_issue *is = issue ? issue : &local;
    *is = (sp_name_issue){.problem = SP_NAME_OK, .len = n};
    if (n == 0)
        return is->problem = SP_NAME_EMPTY;
    if (n > SP_LIMIT_NAME)
        return is->problem = SP_NAME_TOO_LONG;
    const unsigned char *p = (const unsigned char *)name;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = sp_utf8_decode(p + i, n - i, &cp);
        is->offset = i;
        is->index++;
        is->cp = k ? cp : p[i];
        is->problem = k ? name_char(cp, i == 0 || i + k == n) : SP_NAME_BAD_UTF8;
        if (is->problem != SP_NAME_OK)
            return is->problem;
        i += k;
    }
    return SP_NAME_OK;
}

const char *sp_name_explain(const sp_name_issue *is, char *buf, size_t size)
{
    switch (is->problem) {
    case SP_NAME_OK: snprintf(buf, size, "%s", _("the name is valid")); break;
    case SP_NAME_EMPTY: snprintf(buf, size, "%s", _("the name is empty")); break;
    case SP_NAME_TOO_LONG:
        snprintf(buf, size, _("the name is %zu bytes long, over the limit of %d"), is->len,
                 SP_LIMIT_NAME);
        break;
    case SP_NAME_BAD_UTF8:
        snprintf(buf, size, _("byte 0x%02X at byte %zu is not valid UTF-8"), (unsigned)is->cp,
                 is->offset + 1);
        break;
    case SP_NAME_EDGE:
        if (is->offset == 0)
            snprintf(buf, size, _("U+%04X (white space) at its start is not allowed"),
                     (unsigned)is->cp);
        else
            snprintf(buf, size, _("U+%04X (white space) at its end is not allowed"),
                     (unsigned)is->cp);
        break;
    case SP_NAME_CHARACTER:
        /* TRANSLATORS: U+200E (a bidirectional control character) at character 4. */
        snprintf(buf, size, _("U+%04X (%s) at character %zu is not allowed"), (unsigned)is->cp,
                 sp_cp_class_phrase(is->cp), is->index);
        break;
    }
    return buf;
}

const char *sp_name_rule(void)
{
    _Static_assert(SP_LIMIT_NAME == 200, "the message below says 200");
    return _("a name is printable text on one line, at most 200 bytes, with no control, "
             "bidirectional or invisible characters and no white space at either end");
}

bool sp_result_name_valid(const char *name)
{
    return sp_name_check(name, strlen(name), NULL) == SP_NAME_OK;
}

/* A double-quoted YAML string; sp_name_check() has excluded everything but quotes and
 * backslashes that would need escaping. */
static void put_quoted(sp_buf *b, const char *s)
{
    sp_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            sp_buf_putc(b, '\\');
        sp_buf_putc(b, *s);
    }
    sp_buf_putc(b, '"');
}

static void put_score(sp_buf *b, const char *key, bool has, double v)
{
    if (has)
        sp_buf_printf(b, "%s: %.6f", key, v);
    else
        sp_buf_printf(b, "%s: null", key);
}

static void put_dir_list(sp_buf *b, const char *key, const sp_directions *dirs, const uint8_t *list,
                         uint32_t n)
{
    sp_buf_printf(b, "%s: [", key);
    for (uint32_t i = 0; i < n; i++)
        sp_buf_printf(b, "%s%s", i ? ", " : "", dirs->items[list[i]].id);
    sp_buf_puts(b, "]\n");
}

static void put_header(sp_buf *b, const sp_quiz *quiz, const sp_form *form,
                       const sp_result_meta *meta)
{
    const sp_manifest *m = sp_quiz_manifest(quiz);
    const sp_directions *dirs = sp_quiz_directions(quiz);
    sp_buf_printf(b, "%s\nengine: signpost %s\nquiz: ", SP_RESULT_MAGIC, sp_version());
    put_source(b, m->id, m->version, m->digest);
    sp_buf_puts(b, "directions: ");
    put_source(b, NULL, dirs->version, dirs->digest);
    sp_buf_puts(b, "banks:\n");
    for (size_t i = 0; i < sp_quiz_bank_count(quiz); i++) {
        const sp_bank *bank = sp_quiz_bank(quiz, i);
        sp_buf_puts(b, "  - ");
        put_source(b, bank->id, bank->version, bank->digest);
    }
    const sp_scoring *s = &m->scoring;
    sp_buf_printf(
        b, "scoring: {interest_weight: %.15g, near_tie: %.15g, flat: %.15g, level_pass: %.15g",
        s->interest_weight, s->near_tie, s->flat, s->level_pass);
    /* Written only by quizzes that set it, so that results of other quizzes keep their form. */
    if (s->near_tie_confidence > 0)
        sp_buf_printf(b, ", near_tie_confidence: %.15g", s->near_tie_confidence);
    sp_buf_printf(b, "}\nseed: %llu\n", (unsigned long long)sp_form_seed(form));
    /* Written only for an adaptive quiz, so that results of fixed forms keep their form. */
    const sp_result_adaptive *ad = meta->adaptive;
    if (ad)
        sp_buf_printf(b,
                      "mode: adaptive\nadaptive: {min_items: %u, max_items: %u, confidence: %.15g, "
                      "stop: %s, after: %u}\n",
                      ad->bounds.min_items, ad->bounds.max_items, ad->bounds.confidence,
                      sp_stop_name(ad->stop), ad->after);
    sp_buf_printf(b, "lang: %s\n", meta->lang);
    put_time(b, "started", meta->started);
    put_time(b, "finished", meta->finished);
    if (meta->name) {
        sp_buf_puts(b, "name: ");
        put_quoted(b, meta->name);
        sp_buf_putc(b, '\n');
    }
}

static void put_outcome(sp_buf *b, const sp_directions *dirs, const sp_outcome *o, bool uncertain)
{
    sp_buf_puts(b, "scores:\n");
    for (uint32_t d = 0; d < o->ndirs; d++) {
        const sp_dir_score *s = &o->scores[d];
        sp_buf_printf(b, "  %s: {", dirs->items[d].id);
        put_score(b, "interest", s->has_interest, s->interest);
        sp_buf_puts(b, ", ");
        put_score(b, "aptitude", s->has_aptitude, s->aptitude);
        sp_buf_puts(b, ", ");
        put_score(b, "fit", s->has_interest || s->has_aptitude, s->fit);
        if (uncertain) {
            sp_buf_puts(b, ", ");
            put_score(b, "se", s->has_se, s->fit_se);
            sp_buf_puts(b, ", ");
            put_score(b, "gap_se", s->has_gap_se, s->gap_se);
        }
        sp_buf_puts(b, "}\n");
    }
    put_dir_list(b, "ranking", dirs, o->ranking, o->nranked);
    sp_buf_printf(b, "primary: %s\n", o->primary >= 0 ? dirs->items[o->primary].id : "null");
    put_dir_list(b, "near_tie", dirs, o->near_tie, o->nnear_tie);
    if (uncertain)
        sp_buf_printf(b, "settle: %u\n", o->settle);
    const char *level = sp_level_name(o->level);
    sp_buf_printf(b, "flat: %s\nlevel: %s\n", sp_flat_name(o->flat), level ? level : "unknown");
}

int sp_result_format(const sp_quiz *quiz, const sp_form *form, const sp_response *responses,
                     const sp_outcome *outcome, const sp_result_meta *meta, char **body,
                     size_t *len)
{
    *body = NULL;
    const sp_result_adaptive *ad = meta->adaptive;
    if ((ad &&
         (ad->stop == SP_STOP_NO || ad->after > ad->asked || ad->asked > sp_form_count(form))) ||
        (meta->name && !sp_result_name_valid(meta->name)) || !meta->lang ||
        !ld_lang_valid(meta->lang) || meta->finished < SP_TIME_MIN || meta->finished > SP_TIME_MAX)
        return SP_EINVAL;
    /* The reader refuses a start after the end; a clock set back during the quiz must not make
     * a result that cannot be read. */
    sp_result_meta m = *meta;
    if (m.started > m.finished)
        m.started = m.finished;
    if (m.started < SP_TIME_MIN)
        m.started = SP_TIME_MIN;
    sp_buf b = {0};
    put_header(&b, quiz, form, &m);
    sp_buf_printf(&b, "answered: %u\nskipped: %u\nanswers:\n", outcome->answered, outcome->skipped);
    for (size_t i = 0; i < (ad ? ad->asked : sp_form_count(form)); i++) {
        char answer[256];
        sp_answer_format(responses[i].q, &responses[i].a, answer, sizeof(answer));
        sp_buf_printf(&b, "  %s: %s\n", responses[i].q->id, answer);
    }
    put_outcome(&b, sp_quiz_directions(quiz), outcome,
                sp_quiz_manifest(quiz)->scoring.near_tie_confidence > 0);
    if (b.failed) {
        sp_buf_free(&b);
        return SP_ENOMEM;
    }
    *body = b.data;
    *len = b.len;
    return 0;
}

/* ---- The signer's line ------------------------------------------------------------------ */

/* Where line `key:` starts at column 0 in body, or len when there is none. */
static size_t find_top_line(const char *body, size_t len, const char *key)
{
    size_t k = strlen(key);
    for (size_t at = 0; at < len;) {
        if (len - at >= k && memcmp(body + at, key, k) == 0)
            return at;
        const char *nl = memchr(body + at, '\n', len - at);
        if (!nl)
            break;
        at = (size_t)(nl - body) + 1;
    }
    return len;
}

/* The end of the line starting at at (just after its newline), or 0 when it has none. */
static size_t line_end(const char *body, size_t len, size_t at)
{
    const char *nl = at < len ? memchr(body + at, '\n', len - at) : NULL;
    return nl ? (size_t)(nl - body) + 1 : 0;
}

int sp_result_add_signer(const char *body, size_t len, const sp_pubkey *key, char **out,
                         size_t *outlen)
{
    *out = NULL;
    size_t m = strlen(SP_RESULT_MAGIC);
    if (len <= m || memcmp(body, SP_RESULT_MAGIC, m) != 0 || body[m] != '\n' ||
        find_top_line(body, len, "signer:") < len)
        return SP_EINPUT;
    size_t at = m + 1;
    if (find_top_line(body + at, len - at, "engine:") == 0 && line_end(body, len, at))
        at = line_end(body, len, at);
    char hex[SP_KEYID_HEX_SIZE], b64[SP_PUBKEY_BASE64_SIZE];
    sp_keyid_format(key->id, hex);
    sp_pubkey_base64(key, b64);
    sp_buf b = {0};
    sp_buf_append(&b, body, at);
    sp_buf_printf(&b, "signer: {id: %s, key: %s}\n", hex, b64);
    sp_buf_append(&b, body + at, len - at);
    if (b.failed) {
        sp_buf_free(&b);
        return SP_ENOMEM;
    }
    *out = b.data;
    *outlen = b.len;
    return 0;
}

void sp_result_body_digest(const char *body, size_t len, unsigned char out[32])
{
    size_t at = find_top_line(body, len, "signer:");
    size_t end = at < len ? line_end(body, len, at) : len;
    if (at < len && !end)
        end = len;
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    crypto_generichash_update(&st, (const unsigned char *)body, at);
    crypto_generichash_update(&st, (const unsigned char *)body + end, len - end);
    crypto_generichash_final(&st, out, 32);
}

/* ---- Reading ----------------------------------------------------------------------------- */

enum {
    R_ENGINE,
    R_SIGNER,
    R_QUIZ,
    R_DIRECTIONS,
    R_BANKS,
    R_SCORING,
    R_SEED,
    R_MODE,
    R_ADAPTIVE,
    R_LANG,
    R_STARTED,
    R_FINISHED,
    R_NAME,
    R_ANSWERED,
    R_SKIPPED,
    R_ANSWERS,
    R_SCORES,
    R_RANKING,
    R_PRIMARY,
    R_NEAR_TIE,
    R_SETTLE,
    R_FLAT,
    R_LEVEL,
    R_FIELDS
};
static const char *const result_fields[R_FIELDS] = {
    "engine",   "signer",  "quiz",    "directions", "banks",  "scoring",  "seed",    "mode",
    "adaptive", "lang",    "started", "finished",   "name",   "answered", "skipped", "answers",
    "scores",   "ranking", "primary", "near_tie",   "settle", "flat",     "level",
};

static bool parse_digest(ldctx *c, const ynode *n, unsigned char out[32])
{
    bool ok = n->type == YN_SCALAR && n->n == 64;
    for (uint32_t i = 0; ok && i < 64; i++) {
        char ch = n->u.str[i];
        int v = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
        if (v < 0)
            ok = false;
        else if (i % 2 == 0)
            out[i / 2] = (unsigned char)(v << 4);
        else
            out[i / 2] |= (unsigned char)v;
    }
    if (!ok)
        ld_expected(c, n, _("a digest of 64 lowercase hex digits"));
    return ok;
}

static void parse_source(ldctx *c, const ynode *n, bool with_id, sp_result_source *out)
{
    static const char *const fields[] = {"id", "version", "digest"};
    const ynode *f[3];
    if (!ld_fields(c, n, fields, 3, N_("source"), f))
        return;
    if (with_id && !f[0])
        ld_missing(c, n->pos, "id", _("the entry"));
    if (!f[1])
        ld_missing(c, n->pos, "version", _("the entry"));
    if (!f[2])
        ld_missing(c, n->pos, "digest", _("the entry"));
    if (f[0])
        ld_ident(c, f[0], LD_ID_BANK, &out->id);
    if (f[1])
        ld_version(c, f[1], &out->version);
    if (f[2])
        parse_digest(c, f[2], out->digest);
}

static void parse_banks(ldctx *c, const ynode *n, sp_result *r)
{
    if (n->type != YN_SEQ || n->n == 0 || n->n > SP_LIMIT_BANKS) {
        _Static_assert(SP_LIMIT_BANKS == 64, "the message below says 64");
        ld_expected(c, n, _("a list of 1 to 64 banks"));
        return;
    }
    r->banks = sp_arena_alloc(&r->arena, n->n * sizeof(*r->banks));
    if (!r->banks)
        return;
    for (uint32_t i = 0; i < n->n; i++)
        parse_source(c, &n->u.kids[i], true, &r->banks[i]);
    r->nbanks = n->n;
}

/* The four parameters every result records, and near_tie_confidence, which results of quizzes
 * that set it record (absent: 0, near ties by the margin alone). */
static void parse_scoring(ldctx *c, const ynode *n, sp_scoring *s)
{
    double *out[SP_SCORING_PARAMS];
    sp_scoring_slots(s, out);
    const ynode *f[SP_SCORING_PARAMS];
    if (!ld_fields(c, n, sp_scoring_names, SP_SCORING_PARAMS, N_("scoring"), f))
        return;
    for (int i = 0; i < SP_SCORING_PARAMS; i++) {
        if (!f[i] && i < 4)
            ld_missing(c, n->pos, sp_scoring_names[i], _("scoring"));
        else if (f[i])
            ld_number(c, f[i], 0, 1, out[i]);
    }
    double z;
    if (f[4] && !sp_confidence_z(s->near_tie_confidence, &z))
        ld_expected(c, f[4],
                    _("a confidence of 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.975 "
                      "or 0.99"));
}

/* YYYY-MM-DDTHH:MM:SSZ, in UTC, a real time from 1970 to 9999 (sp_time_parse). */
static bool parse_time(ldctx *c, const ynode *n, int64_t *out)
{
    if (n->bad)
        return false;
    char why[160];
    size_t at = 0;
    sp_time_problem p = n->type == YN_SCALAR
                            ? sp_time_parse(n->u.str, n->n, out, &at, why, sizeof(why))
                            : SP_TIME_SHAPE;
    if (p == SP_TIME_SHAPE) {
        ld_expected(c, n, _("a UTC time such as 2026-11-23T18:04:05Z"));
        return false;
    }
    if (p == SP_TIME_IMPOSSIBLE) {
        /* Point at the impossible field. A quoted time starts one column after its quote; the
         * text is ASCII, so bytes are columns. */
        sp_pos pos = {n->pos.line, n->pos.column + (n->plain ? 0 : 1) + (uint32_t)at};
        ld_error(c, pos, _("impossible time '%s': %s"), n->u.str, why);
        return false;
    }
    return true;
}

/* A nullable score. */
static void parse_score_value(ldctx *c, const ynode *n, bool *has, double *v)
{
    *has = !yn_is_null(n);
    if (*has)
        *has = ld_number(c, n, 0, 1, v);
}

static void parse_scores(ldctx *c, const ynode *n, sp_result *r)
{
    if (n->type != YN_MAP || n->n == 0 || n->n > SP_MAX_DIRECTIONS) {
        _Static_assert(SP_MAX_DIRECTIONS == 16, "the message below says 16");
        ld_expected(c, n, _("a mapping of 1 to 16 directions to scores"));
        return;
    }
    r->scores = sp_arena_alloc(&r->arena, n->n * sizeof(*r->scores));
    if (!r->scores)
        return;
    /* se and gap_se, the uncertainty of the fit and of its gap to the top, are recorded by
     * quizzes that set scoring.near_tie_confidence; replay says when they should have been. */
    static const char *const fields[] = {"interest", "aptitude", "fit", "se", "gap_se"};
    for (uint32_t i = 0; i < n->n; i++) {
        sp_result_score *s = &r->scores[r->nscores];
        const ynode *f[5];
        if (!ld_ident(c, YN_KEY(n, i), LD_ID_DIRECTION, &s->dir) ||
            !ld_fields(c, YN_VAL(n, i), fields, 5, N_("score"), f))
            continue;
        for (uint32_t j = 0; j < r->nscores; j++)
            if (strcmp(r->scores[j].dir, s->dir) == 0)
                ld_duplicate(c, YN_KEY(n, i), YN_KEY(n, j)->pos);
        bool *has[] = {&s->has_interest, &s->has_aptitude, &s->has_fit, &s->has_se, &s->has_gap_se};
        double *v[] = {&s->interest, &s->aptitude, &s->fit, &s->se, &s->gap_se};
        s->recorded_se = f[3] && f[4];
        if (!f[3] != !f[4])
            ld_missing(c, YN_VAL(n, i)->pos, f[3] ? "gap_se" : "se", _("the score"));
        for (int k = 0; k < 5; k++) {
            if (!f[k] && k < 3)
                ld_missing(c, YN_VAL(n, i)->pos, fields[k], _("the score"));
            else if (f[k])
                parse_score_value(c, f[k], has[k], v[k]);
        }
        r->nscores++;
    }
}

/* A list of direction ids, each one of the scored directions. */
static void parse_dir_list(ldctx *c, const ynode *n, sp_result *r, const char ***out, size_t *count)
{
    if (n->type != YN_SEQ || n->n > SP_MAX_DIRECTIONS) {
        ld_expected(c, n, _("a list of direction ids"));
        return;
    }
    *out = sp_arena_alloc(&r->arena, (n->n ? n->n : 1) * sizeof(**out));
    if (!*out)
        return;
    for (uint32_t i = 0; i < n->n; i++)
        if (ld_ident(c, &n->u.kids[i], LD_ID_DIRECTION, &(*out)[*count]))
            (*count)++;
}

static bool stream_answers(ldctx *c, const ynode *key, void *arg)
{
    (void)key;
    sp_result *r = arg;
    sp_pos pos;
    if (!yr_map_begin(&c->r, &pos)) {
        ynode *v = yr_value(&c->r, &c->tmp);
        if (v)
            ld_expected(c, v, _("a mapping of question ids to answers"));
        return v != NULL;
    }
    for (;;) {
        ynode k;
        int rc = yr_key(&c->r, &c->item, &k);
        if (rc <= 0)
            return rc == 0;
        ynode *v = yr_value(&c->r, &c->item);
        if (!v)
            return false;
        if (r->answers.len >= SP_LIMIT_ANSWERS) {
            ld_error(c, k.pos, _("more than %d answers; that is over the limit"), SP_LIMIT_ANSWERS);
            return false;
        }
        sp_result_answer *a = sp_vec_push(&r->answers, sizeof(*a));
        if (!a || !ld_ident(c, &k, LD_ID_QUESTION, &a->id)) {
            if (!a)
                c->r.oom = true;
            if (a)
                r->answers.len--;
            sp_arena_reset(&c->item);
            continue;
        }
        a->pos = v->pos;
        a->list = v->type == YN_SEQ;
        uint32_t n = a->list ? v->n : 1;
        const char **vals = sp_arena_alloc(&r->arena, (n ? n : 1) * sizeof(*vals));
        bool ok = vals && n <= SP_MAX_OPTIONS;
        for (uint32_t i = 0; ok && i < n; i++) {
            const ynode *s = a->list ? &v->u.kids[i] : v;
            ok = s->type == YN_SCALAR && !yn_is_null(s);
            if (ok)
                vals[i] = sp_arena_strndup(&r->arena, s->u.str, s->n);
            else
                ld_expected(c, s, _("an answer: a number 1-5, an option id or skip"));
        }
        a->values = vals;
        a->nvalues = ok ? n : 0;
        const void *old;
        int put =
            sp_idmap_put(&r->answer_ids, a->id, (const void *)(uintptr_t)r->answers.len, &old);
        if (put == 0)
            ld_error(c, k.pos, _("question '%s' is answered twice"), a->id);
        else if (put < 0)
            c->r.oom = true;
        sp_arena_reset(&c->item);
        if (ld_stopped(c))
            return false;
    }
}

/* The taker's name, by the one rule of sp_name_check. */
static void parse_name(ldctx *c, const ynode *n, sp_result *r)
{
    if (n->bad)
        return;
    if (n->type != YN_SCALAR || yn_is_null(n)) {
        ld_expected(c, n, _("a name"));
        return;
    }
    sp_name_issue is;
    if (sp_name_check(n->u.str, n->n, &is) != SP_NAME_OK) {
        char why[160];
        ld_error(c, n->pos, _("invalid name: %s; %s"), sp_name_explain(&is, why, sizeof(why)),
                 sp_name_rule());
        return;
    }
    ld_string(c, n, N_("a name"), &r->name);
}

/* When the quiz was started and finished: each a real time, and not finished before started. */
static void parse_times(ldctx *c, const ynode *started, const ynode *finished, sp_result *r)
{
    bool have_start = started && parse_time(c, started, &r->started);
    bool have_end = finished && parse_time(c, finished, &r->finished);
    if (have_start && have_end && r->finished < r->started)
        ld_error(c, finished->pos,
                 _("finished %s is before started %s (line %u); expected a time at or after the "
                   "start"),
                 finished->u.str, started->u.str, started->pos.line);
}

static void parse_scalars(ldctx *c, const ynode *const *f, sp_result *r)
{
    long v;
    if (f[R_ENGINE])
        ld_string(c, f[R_ENGINE], N_("the engine that wrote the result"), &r->engine);
    if (f[R_SEED] && ld_int(c, f[R_SEED], 0, (long)SP_SEED_MAX, &v))
        r->seed = (uint64_t)v;
    if (f[R_LANG] && ld_string(c, f[R_LANG], N_("a language tag"), &r->lang) &&
        !ld_lang_valid(r->lang))
        ld_expected(c, f[R_LANG], _("a language tag such as en or zh"));
    parse_times(c, f[R_STARTED], f[R_FINISHED], r);
    if (f[R_NAME])
        parse_name(c, f[R_NAME], r);
    if (f[R_ANSWERED] && ld_int(c, f[R_ANSWERED], 0, SP_LIMIT_ANSWERS, &v))
        r->answered = (uint32_t)v;
    if (f[R_SKIPPED] && ld_int(c, f[R_SKIPPED], 0, SP_LIMIT_ANSWERS, &v))
        r->skipped = (uint32_t)v;
    if (f[R_PRIMARY] && !yn_is_null(f[R_PRIMARY]))
        ld_ident(c, f[R_PRIMARY], LD_ID_DIRECTION, &r->primary);
    if (f[R_SETTLE] && ld_int(c, f[R_SETTLE], 0, SP_SETTLE_MAX, &v)) {
        r->has_settle = true;
        r->settle = (uint32_t)v;
    }
    static const char *const flats[] = {"none", "close-fits", "same-likert", NULL};
    static const char *const levels[] = {"unknown",      "entry",  "advanced",
                                         "professional", "expert", NULL};
    int e;
    if (f[R_FLAT] && (e = ld_enum(c, f[R_FLAT], flats)) >= 0)
        r->flat = (sp_flat)e;
    if (f[R_LEVEL] && (e = ld_enum(c, f[R_LEVEL], levels)) >= 0)
        r->level = (sp_level)e;
}

/* The signer: {id, key}, the key in minisign's base64 and the id as verify prints it, which must
 * be the key's own id (a body naming one key under another's id is refused here). */
static void parse_signer(ldctx *c, const ynode *n, sp_result *r)
{
    static const char *const fields[] = {"id", "key"};
    const ynode *f[2];
    if (!ld_fields(c, n, fields, 2, N_("signer"), f))
        return;
    if (!f[0] || !f[1]) {
        ld_missing(c, n->pos, f[0] ? "key" : "id", _("the signer"));
        return;
    }
    const char *id = NULL, *key = NULL;
    if (!ld_string(c, f[0], N_("a key id of 16 hex digits"), &id) ||
        !ld_string(c, f[1], N_("a public key in base64"), &key))
        return;
    if (sp_pubkey_parse_base64(key, strlen(key), "signer", NULL, &r->signer) != 0) {
        ld_expected(c, f[1], _("a minisign public key in base64 (56 characters, starting RW)"));
        return;
    }
    char hex[SP_KEYID_HEX_SIZE];
    sp_keyid_format(r->signer.id, hex);
    if (strcmp(hex, id) != 0) {
        /* TRANSLATORS: %1$s is the id the result gives, %2$s the id of the key it gives. */
        ld_error(c, f[0]->pos, _("the signer's id %s is not the id of its key, %s"), id, hex);
        return;
    }
    r->has_signer = true;
}

/* adaptive: {min_items, max_items, confidence, stop, after}, every field required. */
static void parse_adaptive(ldctx *c, const ynode *n, sp_result *r)
{
    static const char *const fields[] = {"min_items", "max_items", "confidence", "stop", "after"};
    static const char *const stops[] = {"settled", "curtailed", "budget", NULL};
    const ynode *f[5];
    if (!ld_fields(c, n, fields, 5, N_("adaptive"), f))
        return;
    for (int i = 0; i < 5; i++)
        if (!f[i]) {
            ld_missing(c, n->pos, fields[i], _("the adaptive record"));
            return;
        }
    long v;
    int e;
    sp_result_adaptive *ad = &r->ad;
    if (ld_int(c, f[0], 1, SP_LIMIT_ANSWERS, &v))
        ad->bounds.min_items = (uint32_t)v;
    if (ld_int(c, f[1], 1, SP_LIMIT_ANSWERS, &v))
        ad->bounds.max_items = (uint32_t)v;
    ld_number(c, f[2], 0, 1, &ad->bounds.confidence);
    if ((e = ld_enum(c, f[3], stops)) >= 0)
        ad->stop = (sp_stop)(e + 1);
    if (ld_int(c, f[4], 0, SP_LIMIT_ANSWERS, &v))
        ad->after = (uint32_t)v;
}

/* mode: adaptive with its adaptive: record, or neither (a fixed form). */
static void parse_mode(ldctx *c, sp_pos root, const ynode *mode, const ynode *adaptive,
                       sp_result *r)
{
    static const char *const modes[] = {"adaptive", NULL};
    if (!mode && !adaptive)
        return;
    if (!mode || !adaptive) {
        ld_missing(c, root, mode ? "adaptive" : "mode", _("an adaptive result"));
        return;
    }
    if (ld_enum(c, mode, modes) < 0)
        return;
    r->adaptive = true;
    parse_adaptive(c, adaptive, r);
}

static void parse_body(ldctx *c, sp_pos root, sp_result *r)
{
    const ynode *f[R_FIELDS] = {0};
    /* ld_root expects the format tag at index 0; a result has none, so the table is shifted
     * behind a name no key can match. */
    const char *names[R_FIELDS + 1] = {" tag"};
    memcpy(names + 1, result_fields, sizeof(result_fields));
    const ynode *found[R_FIELDS + 1] = {NULL};
    if (!ld_root(c, names, R_FIELDS + 1, N_("a result"), found, R_ANSWERS + 1, stream_answers, r))
        return;
    memcpy(f, found + 1, sizeof(f));
    for (int i = 0; i < R_FIELDS; i++)
        if (!f[i] && i != R_NAME && i != R_ANSWERS && i != R_SETTLE && i != R_SIGNER &&
            i != R_MODE && i != R_ADAPTIVE)
            ld_missing(c, root, result_fields[i], _("the result"));
    parse_scalars(c, f, r);
    if (f[R_SIGNER])
        parse_signer(c, f[R_SIGNER], r);
    if (f[R_QUIZ])
        parse_source(c, f[R_QUIZ], true, &r->quiz);
    if (f[R_DIRECTIONS])
        parse_source(c, f[R_DIRECTIONS], false, &r->directions);
    if (f[R_BANKS])
        parse_banks(c, f[R_BANKS], r);
    if (f[R_SCORING])
        parse_scoring(c, f[R_SCORING], &r->scoring);
    parse_mode(c, root, f[R_MODE], f[R_ADAPTIVE], r);
    if (f[R_SCORES])
        parse_scores(c, f[R_SCORES], r);
    /* The items asked are the answers, streamed by the time the root is read. */
    r->ad.asked = (uint32_t)r->answers.len;
    if (f[R_RANKING])
        parse_dir_list(c, f[R_RANKING], r, &r->ranking, &r->nranking);
    if (f[R_NEAR_TIE])
        parse_dir_list(c, f[R_NEAR_TIE], r, &r->near_tie, &r->nnear_tie);
}

void sp_result_free(sp_result *r)
{
    if (!r)
        return;
    sp_vec_free(&r->answers);
    sp_idmap_free(&r->answer_ids);
    sp_arena_free(&r->arena);
    free(r);
}

/* Checks the tag line; returns the length of the text before the YAML (tag and newline). */
static size_t check_magic(const char *name, const char *buf, size_t len, sp_diags *diags)
{
    size_t n = strlen(SP_RESULT_MAGIC);
    if (len > n && memcmp(buf, SP_RESULT_MAGIC, n) == 0 && buf[n] == '\n')
        return n + 1;
    sp_diags_add(diags, SP_SEV_ERROR, name, (sp_pos){1, 1},
                 _("not a signpost result: the first line must be '%s'"), SP_RESULT_MAGIC);
    return 0;
}

int sp_result_parse(const char *name, const char *buf, size_t len, sp_diags *diags, sp_result **out)
{
    *out = NULL;
    /* Bodies as signpost writes them take the fast reader; anything else, and every error
     * message, comes from libyaml as before (body.h says why the two cannot disagree). */
    if (len <= SP_LIMIT_RESULT_SIZE) {
        int rc = sp_result_parse_canonical(buf, len, out);
        if (rc != 0)
            return rc > 0 ? 0 : rc;
    }
    return sp_result_parse_yaml(name, buf, len, diags, out);
}

int sp_result_parse_yaml(const char *name, const char *buf, size_t len, sp_diags *diags,
                         sp_result **out)
{
    *out = NULL;
    if (len > SP_LIMIT_RESULT_SIZE) {
        sp_diags_add(diags, SP_SEV_ERROR, name, (sp_pos){0, 0},
                     _("the result is larger than the limit of %u MiB"),
                     SP_LIMIT_RESULT_SIZE / (1024 * 1024));
        return SP_ELIMIT;
    }
    size_t skip = check_magic(name, buf, len, diags);
    if (!skip)
        return SP_EINPUT;
    sp_result *r = calloc(1, sizeof(*r));
    ldctx c;
    if (!r || ld_open(&c, name, buf + skip, len - skip, -1, diags, &r->arena, NULL) != 0) {
        free(r);
        return SP_ENOMEM;
    }
    c.r.line_offset = 1;
    sp_pos root;
    if (yr_begin(&c.r, &root))
        parse_body(&c, root, r);
    int rc = c.r.oom ? SP_ENOMEM : ld_failed(&c) ? SP_EINPUT : 0;
    ld_close(&c);
    if (rc) {
        sp_result_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* ---- Accessors --------------------------------------------------------------------------- */

const char *sp_result_engine(const sp_result *r)
{
    return r->engine;
}
const sp_pubkey *sp_result_signer(const sp_result *r)
{
    return r->has_signer ? &r->signer : NULL;
}
const sp_result_source *sp_result_quiz(const sp_result *r)
{
    return &r->quiz;
}
const sp_result_source *sp_result_directions(const sp_result *r)
{
    return &r->directions;
}
size_t sp_result_bank_count(const sp_result *r)
{
    return r->nbanks;
}
const sp_result_source *sp_result_bank(const sp_result *r, size_t i)
{
    return i < r->nbanks ? &r->banks[i] : NULL;
}
const sp_scoring *sp_result_scoring(const sp_result *r)
{
    return &r->scoring;
}
uint64_t sp_result_seed(const sp_result *r)
{
    return r->seed;
}

const sp_result_adaptive *sp_result_adaptive_info(const sp_result *r)
{
    return r->adaptive ? &r->ad : NULL;
}
const char *sp_result_lang(const sp_result *r)
{
    return r->lang;
}
const char *sp_result_name(const sp_result *r)
{
    return r->name;
}
int64_t sp_result_started(const sp_result *r)
{
    return r->started;
}
int64_t sp_result_finished(const sp_result *r)
{
    return r->finished;
}
size_t sp_result_answer_count(const sp_result *r)
{
    return r->answers.len;
}
const sp_result_answer *sp_result_answer_at(const sp_result *r, size_t i)
{
    return i < r->answers.len ? &((const sp_result_answer *)r->answers.data)[i] : NULL;
}
size_t sp_result_score_count(const sp_result *r)
{
    return r->nscores;
}
const sp_result_score *sp_result_score_at(const sp_result *r, size_t i)
{
    return i < r->nscores ? &r->scores[i] : NULL;
}
size_t sp_result_ranking_count(const sp_result *r)
{
    return r->nranking;
}
const char *sp_result_ranking_at(const sp_result *r, size_t i)
{
    return i < r->nranking ? r->ranking[i] : NULL;
}
const char *sp_result_primary(const sp_result *r)
{
    return r->primary;
}
bool sp_result_has_settle(const sp_result *r)
{
    return r->has_settle;
}

uint32_t sp_result_settle(const sp_result *r)
{
    return r->settle;
}

size_t sp_result_near_tie_count(const sp_result *r)
{
    return r->nnear_tie;
}
const char *sp_result_near_tie_at(const sp_result *r, size_t i)
{
    return i < r->nnear_tie ? r->near_tie[i] : NULL;
}
sp_flat sp_result_flat(const sp_result *r)
{
    return r->flat;
}
sp_level sp_result_level(const sp_result *r)
{
    return r->level;
}
uint32_t sp_result_answered(const sp_result *r)
{
    return r->answered;
}
uint32_t sp_result_skipped(const sp_result *r)
{
    return r->skipped;
}
