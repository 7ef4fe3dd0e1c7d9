/* Verifying one result file: every check in order, into a report (see signpost/verify.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signpost/verify.h"
#include "base/util.h"
#include "score/draw.h"

#define BLOCK_LINES      4
#define UNTRUSTED_PREFIX "untrusted comment: "

/* What the checks share while they run. */
typedef struct vctx {
    const char *name;
    const char *buf;
    size_t len;
    const sp_verify_opts *opts;
    sp_verify_report *rep;
    const char *body; /* the signed bytes (or the whole unsigned file) */
    size_t body_len;
    bool body_tagged; /* body starts with the domain tag line */
    bool block_ok;    /* a signed file whose block parsed */
    const sp_pubkey *key;
    bool legacy; /* the signature is minisign's legacy kind */
} vctx;

static void set_check(sp_verify_report *rep, sp_check_id id, sp_check_status status,
                      const char *fmt, ...) SP_PRINTF(4, 5);

static void set_check(sp_verify_report *rep, sp_check_id id, sp_check_status status,
                      const char *fmt, ...)
{
    sp_check *c = &rep->checks[id];
    c->status = status;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->detail, sizeof(c->detail), fmt, ap);
    va_end(ap);
}

static bool starts_with_tag(const char *s, size_t n)
{
    size_t m = strlen(SP_RESULT_MAGIC);
    return n > m && memcmp(s, SP_RESULT_MAGIC, m) == 0 && s[m] == '\n';
}

/* ---- Structure ------------------------------------------------------------------------------- */

/* Copies the diagnostics of the body into the report, moving them down by the block's lines. */
static int copy_diags(vctx *c, const sp_diags *from, uint32_t shift)
{
    for (size_t i = 0; i < sp_diags_count(from); i++) {
        const sp_diag *d = sp_diags_at(from, i);
        sp_pos pos = {d->line ? d->line + shift : 0, d->column};
        if (sp_diags_add(c->rep->diags, d->severity, c->name, pos, "%s", d->message) != 0)
            return SP_ENOMEM;
    }
    return 0;
}

/* Parses the body as a result. Returns 0 (the report's result is set, or diagnostics were
 * added) or SP_ENOMEM. */
static int parse_body(vctx *c, uint32_t shift)
{
    sp_diags *d = sp_diags_new();
    if (!d)
        return SP_ENOMEM;
    int rc = sp_result_parse(c->name, c->body, c->body_len, d, &c->rep->result);
    if (rc != SP_ENOMEM)
        rc = copy_diags(c, d, shift);
    if (c->rep->result)
        sp_result_body_digest(c->body, c->body_len, c->rep->body_digest);
    sp_diags_free(d);
    return rc;
}

/* The first error in the report's diagnostics, as the place the file is malformed. */
static const sp_diag *first_error(sp_verify_report *rep)
{
    sp_diags_sort(rep->diags);
    for (size_t i = 0; i < sp_diags_count(rep->diags); i++)
        if (sp_diags_at(rep->diags, i)->severity == SP_SEV_ERROR)
            return sp_diags_at(rep->diags, i);
    return NULL;
}

static void malformed(vctx *c)
{
    const sp_diag *d = first_error(c->rep);
    if (!d) {
        set_check(c->rep, SP_CHECK_STRUCTURE, SP_CHECK_FAILED, "%s",
                  _("the file cannot be read as a result"));
        return;
    }
    c->rep->problem = (sp_pos){d->line, d->column};
    if (d->line)
        set_check(c->rep, SP_CHECK_STRUCTURE, SP_CHECK_FAILED, _("malformed at line %u: %s"),
                  d->line, d->message);
    else
        set_check(c->rep, SP_CHECK_STRUCTURE, SP_CHECK_FAILED, _("malformed: %s"), d->message);
}

/* The length of the first four lines, or 0 when the file has fewer (after a diagnostic). */
static size_t block_length(vctx *c)
{
    size_t pos = 0;
    for (int lines = 0; lines < BLOCK_LINES; lines++) {
        const char *nl = pos < c->len ? memchr(c->buf + pos, '\n', c->len - pos) : NULL;
        if (!nl) {
            sp_diags_add(c->rep->diags, SP_SEV_ERROR, c->name, (sp_pos){(uint32_t)lines + 1, 1},
                         P_("the file ends after %d complete line; a signed result starts "
                            "with a four-line signature block",
                            "the file ends after %d complete lines; a signed result starts "
                            "with a four-line signature block",
                            lines),
                         lines);
            return 0;
        }
        pos = (size_t)(nl - c->buf) + 1;
    }
    return pos;
}

/* An unsigned result: the whole file is the body. */
static int structure_unsigned(vctx *c)
{
    c->body = c->buf;
    c->body_len = c->len;
    c->body_tagged = true;
    int rc = parse_body(c, 0);
    if (rc == 0 && !c->rep->result)
        malformed(c);
    else if (rc == 0)
        set_check(c->rep, SP_CHECK_STRUCTURE, SP_CHECK_WARNING, "%s",
                  _("not signed: the file is a result body without a signature block"));
    return rc;
}

static int structure_signed(vctx *c)
{
    sp_verify_report *rep = c->rep;
    size_t block = block_length(c);
    if (!block || sp_sigblock_parse(c->buf, block, c->name, rep->diags, &rep->sig) != 0) {
        malformed(c);
        return 0;
    }
    c->block_ok = rep->is_signed = true;
    sp_keyid_format(rep->sig.keyid, rep->keyid);
    rep->body_offset = block;
    c->body = c->buf + block;
    c->body_len = c->len - block;
    c->body_tagged = starts_with_tag(c->body, c->body_len);
    if (!c->body_tagged) {
        set_check(
            rep, SP_CHECK_STRUCTURE, SP_CHECK_PASSED, "%s",
            _("a signature block; what follows it is not a result (see the domain tag check)"));
        return 0;
    }
    int rc = parse_body(c, BLOCK_LINES);
    if (rc == 0 && !rep->result)
        malformed(c);
    else if (rc == 0)
        set_check(rep, SP_CHECK_STRUCTURE, SP_CHECK_PASSED, "%s",
                  _("a signature block (lines 1-4), then a result body"));
    return rc;
}

static int check_structure(vctx *c)
{
    if (starts_with_tag(c->buf, c->len))
        return structure_unsigned(c);
    size_t n = strlen(UNTRUSTED_PREFIX);
    if (c->len < n || memcmp(c->buf, UNTRUSTED_PREFIX, n) != 0) {
        sp_diags_add(c->rep->diags, SP_SEV_ERROR, c->name, (sp_pos){1, 1},
                     _("not a signpost result: expected a signature block (a line starting "
                       "with '%s') or the line '%s'"),
                     UNTRUSTED_PREFIX, SP_RESULT_MAGIC);
        malformed(c);
        return 0;
    }
    return structure_signed(c);
}

/* ---- Key and signatures ---------------------------------------------------------------------- */

static void key_not_found(vctx *c, const sp_key_lookup *k)
{
    sp_verify_report *rep = c->rep;
    const sp_keyset *ks = c->opts->keys;
    char what[256];
    if (!ks)
        snprintf(what, sizeof(what), "%s", _("no key was given to check it with"));
    else if (sp_keyset_given_count(ks) > 0)
        snprintf(what, sizeof(what),
                 P_("it is not the key given", "it is not among the %zu keys given",
                    sp_keyset_given_count(ks)),
                 sp_keyset_given_count(ks));
    else if (k->note) /* its file is among the trusted keys, but cannot be used */
        snprintf(what, sizeof(what), "%s", k->note);
    else if (sp_keyset_dir(ks))
        snprintf(what, sizeof(what), _("there is no %s.pub among the trusted keys"), rep->keyid);
    else
        snprintf(what, sizeof(what), "%s", _("no key was given and no folder of trusted keys"));
    if (rep->result && !sp_result_signer(rep->result))
        set_check(rep, SP_CHECK_KEY, SP_CHECK_FAILED,
                  _("key %s is not trusted: %s; the result does not name its signer (it was "
                    "signed before signpost recorded signers), so it cannot be checked without "
                    "that key"),
                  rep->keyid, what);
    else if (k->note && strcmp(what, k->note) != 0)
        set_check(rep, SP_CHECK_KEY, SP_CHECK_FAILED, _("key %s is not trusted: %s; %s"),
                  rep->keyid, what, k->note);
    else
        set_check(rep, SP_CHECK_KEY, SP_CHECK_FAILED, _("key %s is not trusted: %s"), rep->keyid,
                  what);
}

/* Most keys with one key id that are tried. */
#define MAX_CANDIDATES 8

/* The key check, once the key that is named is known. */
static void say_key(vctx *c, const sp_key_lookup *k)
{
    sp_verify_report *rep = c->rep;
    rep->key_source = k->source;
    rep->key_origin = k->origin;
    c->key = k->key;
    switch (k->source) {
    case SP_KEY_NONE: key_not_found(c, k); break;
    case SP_KEY_GIVEN:
        set_check(rep, SP_CHECK_KEY, SP_CHECK_PASSED, _("key %s, given as %s"), rep->keyid,
                  k->origin);
        break;
    case SP_KEY_TRUSTED_DIR:
        set_check(rep, SP_CHECK_KEY, SP_CHECK_PASSED, _("key %s, trusted (%s)"), rep->keyid,
                  k->origin);
        break;
    case SP_KEY_OWN:
        set_check(rep, SP_CHECK_KEY, SP_CHECK_PASSED, _("key %s, your own key (%s)"), rep->keyid,
                  k->origin);
        break;
    case SP_KEY_BODY:
        set_check(rep, SP_CHECK_KEY, SP_CHECK_WARNING,
                  _("key %s is not one you trust: it is the key the result names as its signer, "
                    "so the signature shows the content is intact, not who signed it%s%s"),
                  rep->keyid, k->note ? "; " : "", k->note ? k->note : "");
        break;
    }
    if (k->key) {
        rep->has_key = true;
        rep->key = *k->key;
    }
}

/* The signature check with key k, without touching the report. */
static sp_verify_result try_key(const vctx *c, const sp_key_lookup *k)
{
    return sp_verify(k->key, &c->rep->sig, c->body, c->body_len);
}

/* The key the body names as its signer, tried last, when it has the block's key id and is not
 * one of the known keys already: a signature that holds under it only shows that the content
 * is intact (SP_KEY_BODY). */
static void add_body_key(const vctx *c, sp_key_lookup *k, size_t *n, const char *note)
{
    const sp_pubkey *signer = c->rep->result ? sp_result_signer(c->rep->result) : NULL;
    if (!signer || memcmp(signer->id, c->rep->sig.keyid, SP_KEYID_BYTES) != 0 ||
        *n >= MAX_CANDIDATES)
        return;
    for (size_t i = 0; i < *n; i++)
        if (memcmp(k[i].key->pk, signer->pk, SP_PUBKEY_BYTES) == 0)
            return;
    k[(*n)++] = (sp_key_lookup){SP_KEY_BODY, signer, NULL, note};
}

/* ---- The signer the body names ----------------------------------------------------------------
 */

/* The body's signer line against the block, before any key is tried: an unsigned body names
 * no signer, and a signed one names the block's key id. */
static void check_signer_named(vctx *c)
{
    sp_verify_report *rep = c->rep;
    const sp_pubkey *signer = rep->result ? sp_result_signer(rep->result) : NULL;
    char hex[SP_KEYID_HEX_SIZE] = "";
    if (signer) {
        sp_keyid_format(signer->id, hex);
        rep->has_key = true;
        rep->key = *signer;
    }
    if (!rep->result)
        set_check(rep, SP_CHECK_SIGNER, SP_CHECK_SKIPPED, "%s", _("no result to read it from"));
    else if (!rep->is_signed && signer)
        set_check(rep, SP_CHECK_SIGNER, SP_CHECK_FAILED,
                  _("the body names key %s as its signer, but it has no signature block: a "
                    "claim nobody signed (a body cut from a signed result?)"),
                  hex);
    else if (!rep->is_signed)
        set_check(rep, SP_CHECK_SIGNER, SP_CHECK_SKIPPED, "%s", _("not signed"));
    else if (!signer)
        set_check(rep, SP_CHECK_SIGNER, SP_CHECK_SKIPPED, "%s",
                  _("the body names no signer (it was signed before signpost recorded signers)"));
    else if (memcmp(signer->id, rep->sig.keyid, SP_KEYID_BYTES) != 0)
        set_check(rep, SP_CHECK_SIGNER, SP_CHECK_FAILED,
                  _("the body names signer %s, but the signature is by key %s"), hex, rep->keyid);
    else
        set_check(rep, SP_CHECK_SIGNER, SP_CHECK_PASSED, _("the body names key %s as its signer"),
                  hex);
}

/* Once the signature held under a key: that key is the one the body names. A key id is 8 bytes
 * anyone can copy, so the whole key is compared. */
static void check_signer_key(vctx *c)
{
    sp_verify_report *rep = c->rep;
    const sp_pubkey *signer = rep->result ? sp_result_signer(rep->result) : NULL;
    if (!signer || !c->key || rep->checks[SP_CHECK_SIGNER].status != SP_CHECK_PASSED ||
        rep->checks[SP_CHECK_SIGNATURE].status != SP_CHECK_PASSED ||
        memcmp(signer->pk, c->key->pk, SP_PUBKEY_BYTES) == 0)
        return;
    char b64[SP_PUBKEY_BASE64_SIZE];
    sp_pubkey_base64(signer, b64);
    set_check(rep, SP_CHECK_SIGNER, SP_CHECK_FAILED,
              _("the body names key %s (%s) as its signer, but the signature holds under another "
                "key with that id (%s)"),
              rep->keyid, b64, rep->key_origin ? rep->key_origin : "?");
}

/* Every known key with the signer's key id is tried, trusted ones first: a key id is only 8
 * bytes, and a second key may carry the same. The key named is the first whose signature over
 * the body holds, or the first one when none does. */
static int check_key(vctx *c, sp_verify_result *status)
{
    sp_verify_report *rep = c->rep;
    sp_key_lookup k[MAX_CANDIDATES];
    size_t n = 0;
    const char *note = NULL;
    if (c->opts->keys) {
        int rc = sp_keyset_find_all(c->opts->keys, rep->sig.keyid, k, MAX_CANDIDATES, &n, &note);
        if (rc != 0)
            return rc;
    }
    add_body_key(c, k, &n, note);
    rep->key_candidates = n;
    if (n == 0) {
        sp_key_lookup none = {SP_KEY_NONE, NULL, NULL, note};
        say_key(c, &none);
        return 0;
    }
    size_t pick = 0, tried = n < MAX_CANDIDATES ? n : MAX_CANDIDATES;
    *status = try_key(c, &k[0]);
    for (size_t i = 1; i < tried && *status != SP_VERIFY_OK && *status != SP_VERIFY_BAD_COMMENT &&
                       *status != SP_VERIFY_UNSUPPORTED;
         i++) {
        sp_verify_result st = try_key(c, &k[i]);
        if (st == SP_VERIFY_OK || st == SP_VERIFY_BAD_COMMENT) {
            pick = i;
            *status = st;
        }
    }
    say_key(c, &k[pick]);
    return 0;
}

static void check_signatures(vctx *c, sp_verify_result status)
{
    sp_verify_report *rep = c->rep;
    if (!c->key) {
        set_check(rep, SP_CHECK_SIGNATURE, SP_CHECK_SKIPPED, "%s", _("no key to check it with"));
        set_check(rep, SP_CHECK_COMMENT_SIGNATURE, SP_CHECK_SKIPPED, "%s",
                  _("no key to check it with"));
        return;
    }
    switch (status) {
    case SP_VERIFY_OK:
        set_check(rep, SP_CHECK_SIGNATURE, SP_CHECK_PASSED, "%s",
                  _("the signature matches the body"));
        set_check(rep, SP_CHECK_COMMENT_SIGNATURE, SP_CHECK_PASSED, "%s",
                  _("the global signature matches the trusted comment"));
        return;
    case SP_VERIFY_UNSUPPORTED:
        c->legacy = true;
        set_check(rep, SP_CHECK_SIGNATURE, SP_CHECK_FAILED, "%s",
                  _("a legacy 'Ed' signature (minisign -l); signpost accepts only prehashed 'ED' "
                    "signatures"));
        break;
    case SP_VERIFY_KEY_MISMATCH:
        set_check(rep, SP_CHECK_SIGNATURE, SP_CHECK_FAILED, "%s",
                  _("the key found has another key id"));
        break;
    case SP_VERIFY_BAD_BODY:
        if (rep->key_candidates > 1)
            set_check(rep, SP_CHECK_SIGNATURE, SP_CHECK_FAILED,
                      _("the signature matches the body under none of the %zu keys with id %s: "
                        "either it was changed after signing, or another key with that id "
                        "signed it"),
                      rep->key_candidates, rep->keyid);
        else
            set_check(rep, SP_CHECK_SIGNATURE, SP_CHECK_FAILED, "%s",
                      _("the signature does not match the body: it was changed after signing"));
        break;
    case SP_VERIFY_BAD_COMMENT:
        set_check(rep, SP_CHECK_SIGNATURE, SP_CHECK_PASSED, "%s",
                  _("the signature matches the body"));
        set_check(rep, SP_CHECK_COMMENT_SIGNATURE, SP_CHECK_FAILED, "%s",
                  _("the global signature does not match the trusted comment: the comment was "
                    "changed after signing"));
        return;
    }
    set_check(rep, SP_CHECK_COMMENT_SIGNATURE, SP_CHECK_SKIPPED, "%s",
              _("not checked: the signature over the body failed"));
}

/* ---- Domain and trusted comment -------------------------------------------------------------- */

static void check_domain(vctx *c)
{
    sp_verify_report *rep = c->rep;
    if (!c->body_tagged)
        set_check(rep, SP_CHECK_DOMAIN, SP_CHECK_FAILED,
                  _("the signed content does not start with the line %s: the signature is over "
                    "something else"),
                  SP_RESULT_MAGIC);
    else if (rep->is_signed && !sp_comment_has_tag(rep->sig.trusted_comment))
        set_check(rep, SP_CHECK_DOMAIN, SP_CHECK_FAILED,
                  _("the trusted comment does not start with %s: the signature was not made for "
                    "a signpost result"),
                  SP_RESULT_MAGIC);
    else if (rep->is_signed)
        set_check(rep, SP_CHECK_DOMAIN, SP_CHECK_PASSED,
                  _("the body and the trusted comment "
                    "start with %s"),
                  SP_RESULT_MAGIC);
    else
        set_check(rep, SP_CHECK_DOMAIN, SP_CHECK_PASSED, _("the body starts with %s"),
                  SP_RESULT_MAGIC);
}

static void check_comment(vctx *c)
{
    sp_verify_report *rep = c->rep;
    char why[300];
    if (!rep->is_signed)
        set_check(rep, SP_CHECK_COMMENT, SP_CHECK_SKIPPED, "%s",
                  _("not signed: no trusted comment"));
    else if (!rep->result || rep->checks[SP_CHECK_DOMAIN].status != SP_CHECK_PASSED)
        set_check(rep, SP_CHECK_COMMENT, SP_CHECK_SKIPPED, "%s", _("no result to compare it with"));
    else if (sp_result_comment_agrees(rep->result, rep->sig.trusted_comment, why, sizeof(why)))
        set_check(rep, SP_CHECK_COMMENT, SP_CHECK_PASSED, "%s",
                  _("every field of the trusted comment agrees with the body"));
    else
        set_check(rep, SP_CHECK_COMMENT, SP_CHECK_FAILED, "%s", why);
}

/* ---- Banks and replay ------------------------------------------------------------------------ */

static int check_banks(vctx *c)
{
    sp_verify_report *rep = c->rep;
    if (!rep->result) {
        set_check(rep, SP_CHECK_BANKS, SP_CHECK_SKIPPED, "%s", _("no result to look them up for"));
        return 0;
    }
    if (!c->opts->quizzes) {
        set_check(rep, SP_CHECK_BANKS, SP_CHECK_WARNING, "%s",
                  _("no quiz was given to replay the result with"));
        return 0;
    }
    sp_quiz_match m;
    int rc = sp_quizset_find(c->opts->quizzes, rep->result, &m);
    if (rc != 0)
        return rc;
    const sp_manifest *man = m.quiz ? sp_quiz_manifest(m.quiz) : NULL;
    snprintf(rep->quiz_why, sizeof(rep->quiz_why), "%s", m.why);
    switch (m.fit) {
    case SP_QUIZ_NONE: set_check(rep, SP_CHECK_BANKS, SP_CHECK_WARNING, "%s", m.why); return 0;
    case SP_QUIZ_CONFLICT: set_check(rep, SP_CHECK_BANKS, SP_CHECK_FAILED, "%s", m.why); return 0;
    case SP_QUIZ_BANKS:
        set_check(rep, SP_CHECK_BANKS, SP_CHECK_WARNING,
                  _("%s; quiz %s %s (%s) has every bank the result names (%zu), so the answers "
                    "can be re-scored, but not checked against the form and the scoring "
                    "parameters of the quiz they were given under"),
                  m.why, man->id, man->version, man->path, sp_result_bank_count(rep->result));
        break;
    case SP_QUIZ_EXACT:
        set_check(rep, SP_CHECK_BANKS, SP_CHECK_PASSED,
                  P_("quiz %s %s (%s): the manifest, the directions file and %zu bank, as the "
                     "result names them",
                     "quiz %s %s (%s): the manifest, the directions file and %zu banks, as the "
                     "result names them",
                     sp_result_bank_count(rep->result)),
                  man->id, man->version, man->path, sp_result_bank_count(rep->result));
        break;
    }
    rep->quiz = m.quiz;
    rep->quiz_fit = m.fit;
    return 0;
}

/* The scoring parameters recorded are the quiz's (compared as the body writes them). */
static bool same_scoring(const sp_result *r, const sp_quiz *quiz, char *why, size_t size)
{
    sp_scoring a = *sp_result_scoring(r), b = sp_quiz_manifest(quiz)->scoring;
    double *va[SP_SCORING_PARAMS], *vb[SP_SCORING_PARAMS];
    sp_scoring_slots(&a, va);
    sp_scoring_slots(&b, vb);
    for (int i = 0; i < SP_SCORING_PARAMS; i++) {
        char x[32], y[32];
        snprintf(x, sizeof(x), "%.15g", *va[i]);
        snprintf(y, sizeof(y), "%.15g", *vb[i]);
        if (strcmp(x, y) != 0) {
            snprintf(why, size,
                     _("the scoring parameter %s is recorded as %s, but the quiz has %s"),
                     sp_scoring_names[i], x, y);
            return false;
        }
    }
    return true;
}

/* The answered questions are the form the quiz draws for the recorded seed, in its order. */
static void same_fixed_form(const sp_result *r, const sp_form *form, bool *same, char *why,
                            size_t size)
{
    unsigned long long seed = (unsigned long long)sp_result_seed(r);
    size_t n = sp_form_count(form);
    if (n != sp_result_answer_count(r)) {
        snprintf(why, size,
                 _("the result answers %zu questions, but the quiz draws %zu for seed %llu"),
                 sp_result_answer_count(r), n, seed);
        return;
    }
    *same = true;
    for (size_t i = 0; i < n && *same; i++) {
        const char *want = sp_form_item_at(form, i)->q->id;
        const char *got = sp_result_answer_at(r, i)->id;
        if (strcmp(want, got) != 0) {
            *same = false;
            snprintf(why, size,
                     _("question %zu of the form for seed %llu is '%s', but the "
                       "result has '%s' there"),
                     i + 1, seed, want, got);
        }
    }
}

/* The adaptive bounds recorded are those the quiz gives this form (scoring.md, section 11). */
static bool same_bounds(const sp_result_adaptive *ad, const sp_quiz *quiz, const sp_form *form,
                        char *why, size_t size)
{
    sp_adaptive_bounds want = sp_adaptive_bounds_for(sp_quiz_manifest(quiz), form);
    char x[32], y[32];
    snprintf(x, sizeof(x), "%.15g", ad->bounds.confidence);
    snprintf(y, sizeof(y), "%.15g", want.confidence);
    if (ad->bounds.min_items == want.min_items && ad->bounds.max_items == want.max_items &&
        strcmp(x, y) == 0)
        return true;
    snprintf(why, size,
             _("the adaptive bounds are recorded as min_items %u, max_items %u, confidence %s, "
               "but the quiz gives min_items %u, max_items %u, confidence %s"),
             ad->bounds.min_items, ad->bounds.max_items, x, want.min_items, want.max_items, y);
    return false;
}

/* Replays the adaptive rule over the recorded answers: at every step the item asked is the one
 * the rule picks after the answers before it, and the rule first stops where and why the
 * result says. */
static int replay_selection(const sp_result *r, const sp_quiz *quiz, const sp_form *form,
                            const sp_response *resp, bool *same, char *why, size_t size)
{
    const sp_result_adaptive *ad = sp_result_adaptive_info(r);
    size_t n = sp_result_answer_count(r), after = 0;
    sp_stop stop = SP_STOP_NO;
    for (size_t k = 0; k <= n; k++) {
        sp_adaptive_step st;
        int rc = sp_adaptive_decide(sp_quiz_directions(quiz), sp_result_scoring(r), &ad->bounds,
                                    form, resp, k, &st);
        if (rc == SP_ENOMEM)
            return rc;
        if (rc != 0) {
            snprintf(why, size,
                     _("question %zu, '%s', is not an item of the form for seed %llu "
                       "that was not asked before"),
                     k, sp_result_answer_at(r, k - 1)->id, (unsigned long long)sp_result_seed(r));
            return 0;
        }
        if (stop == SP_STOP_NO && st.stop != SP_STOP_NO) {
            stop = st.stop;
            after = k;
        }
        if (k == n)
            break;
        const char *got = sp_result_answer_at(r, k)->id;
        const char *want = st.next >= 0 ? sp_form_item_at(form, (size_t)st.next)->q->id : NULL;
        if (!want || strcmp(want, got) != 0) {
            snprintf(why, size,
                     _("question %zu of the adaptive quiz is '%s', but after the answers before "
                       "it the rule asks '%s'"),
                     k + 1, got, want ? want : _("nothing more"));
            return 0;
        }
    }
    if (stop == SP_STOP_NO)
        snprintf(why, size, _("the adaptive rule does not stop within the %zu questions asked"), n);
    else if (stop != ad->stop || after != ad->after)
        snprintf(why, size,
                 _("the result says the adaptive quiz stopped (%s) after %u questions, but the "
                   "rule stops (%s) after %zu"),
                 sp_stop_name(ad->stop), ad->after, sp_stop_name(stop), after);
    else
        *same = true;
    return 0;
}

static int same_adaptive_form(const sp_result *r, const sp_quiz *quiz, const sp_form *form,
                              bool *same, char *why, size_t size)
{
    if (!same_bounds(sp_result_adaptive_info(r), quiz, form, why, size))
        return 0;
    sp_response *resp = NULL;
    int rc = sp_result_responses(r, quiz, &resp, why, size);
    if (rc == SP_ENOMEM)
        return rc;
    if (rc == 0)
        rc = replay_selection(r, quiz, form, resp, same, why, size);
    free(resp);
    return rc == SP_ENOMEM ? rc : 0;
}

/* The questions asked are the quiz's for the recorded seed: the whole form in its order, or, for
 * an adaptive quiz, the items the adaptive rule picks from it. */
static int same_form(const sp_result *r, const sp_quiz *quiz, bool *same, char *why, size_t size)
{
    sp_form *form = NULL;
    /* The questions only: the options' order is not compared, and drawing it is most of the
     * cost of the draw. */
    int rc = sp_form_draw_questions(quiz, sp_result_seed(r), &form);
    *same = false;
    if (rc == SP_ENOMEM)
        return rc;
    rc = 0;
    if (!form)
        snprintf(why, size, _("no form can be drawn for seed %llu"),
                 (unsigned long long)sp_result_seed(r));
    else if (sp_result_adaptive_info(r))
        rc = same_adaptive_form(r, quiz, form, same, why, size);
    else if (sp_quiz_manifest(quiz)->mode == SP_MODE_ADAPTIVE)
        snprintf(why, size, "%s",
                 _("the quiz is adaptive, but the result records a fixed form, asked in full"));
    else
        same_fixed_form(r, form, same, why, size);
    sp_form_free(form);
    return rc;
}

/* The language the result was taken in is one the quiz offers. */
static bool offered_language(const sp_result *r, const sp_quiz *quiz, char *why, size_t size)
{
    const sp_manifest *m = sp_quiz_manifest(quiz);
    for (uint32_t i = 0; i < m->nlanguages; i++)
        if (strcmp(m->languages[i], sp_result_lang(r)) == 0)
            return true;
    if (m->nlanguages == 0)
        return true;
    snprintf(why, size, _("the result was taken in '%s', a language the quiz does not offer"),
             sp_result_lang(r));
    return false;
}

/* Against the exact quiz: the recorded setup (language, parameters, form) is the quiz's. */
static int same_setup(const vctx *c, bool *same, char *why, size_t size)
{
    const sp_verify_report *rep = c->rep;
    *same = offered_language(rep->result, rep->quiz, why, size) &&
            same_scoring(rep->result, rep->quiz, why, size);
    return *same ? same_form(rep->result, rep->quiz, same, why, size) : 0;
}

static int check_replay(vctx *c)
{
    sp_verify_report *rep = c->rep;
    if (!rep->quiz || rep->quiz_fit == SP_QUIZ_CONFLICT) {
        set_check(rep, SP_CHECK_REPLAY, SP_CHECK_SKIPPED, "%s", _("no quiz to replay with"));
        return 0;
    }
    char why[256];
    bool exact = rep->quiz_fit == SP_QUIZ_EXACT, same = true;
    int rc = exact ? same_setup(c, &same, why, sizeof(why)) : 0;
    if (rc != 0)
        return rc;
    if (!same) {
        set_check(rep, SP_CHECK_REPLAY, SP_CHECK_FAILED, "%s", why);
        return 0;
    }
    if ((rc = sp_result_replay(rep->result, rep->quiz, &rep->replay)) != 0)
        return rc;
    rep->replayed = true;
    size_t n = sp_result_answer_count(rep->result);
    if (rep->replay.verdict == SP_REPLAY_OK && exact)
        set_check(rep, SP_CHECK_REPLAY, SP_CHECK_PASSED,
                  P_("the scores, ranking and advice follow from the %zu answer, asked as the "
                     "quiz draws them for the seed, under the quiz's scoring parameters",
                     "the scores, ranking and advice follow from the %zu answers, asked as the "
                     "quiz draws them for the seed, under the quiz's scoring parameters",
                     n),
                  n);
    else if (rep->replay.verdict == SP_REPLAY_OK)
        set_check(rep, SP_CHECK_REPLAY, SP_CHECK_WARNING,
                  P_("partly: the %zu answer re-scores to what is recorded, but only with the "
                     "scoring parameters the result records; neither those nor the questions "
                     "asked could be checked",
                     "partly: the %zu answers re-score to what is recorded, but only with the "
                     "scoring parameters the result records; neither those nor the questions "
                     "asked could be checked",
                     n),
                  n);
    else if (rep->replay.verdict == SP_REPLAY_NO_BANKS)
        set_check(rep, SP_CHECK_REPLAY, SP_CHECK_SKIPPED, "%s", rep->replay.detail);
    else
        set_check(rep, SP_CHECK_REPLAY, SP_CHECK_FAILED, "%s", rep->replay.detail);
    return 0;
}

const sp_outcome *sp_verify_rescored(const sp_verify_report *rep)
{
    bool scored = rep->replay.verdict == SP_REPLAY_OK || rep->replay.verdict == SP_REPLAY_MISMATCH;
    return rep->replayed && rep->quiz && scored ? &rep->replay.outcome : NULL;
}

/* ---- The verdict ----------------------------------------------------------------------------- */

/* The verdict a failed check gives. */
static sp_verdict verdict_for_failure(const sp_verify_report *rep, sp_check_id id)
{
    bool legacy = rep->is_signed && rep->sig.alg == SP_SIGALG_LEGACY;
    switch (id) {
    case SP_CHECK_STRUCTURE:
        /* A signed body that no longer parses was most likely altered: say so when the
         * signature confirms it. */
        if (rep->is_signed && rep->checks[SP_CHECK_SIGNATURE].status == SP_CHECK_FAILED && !legacy)
            return SP_VERDICT_ALTERED;
        return !rep->is_signed && rep->result ? SP_VERDICT_UNSIGNED : SP_VERDICT_MALFORMED;
    case SP_CHECK_SIGNER: return SP_VERDICT_SIGNER_MISMATCH;
    case SP_CHECK_KEY: return SP_VERDICT_UNKNOWN_KEY;
    case SP_CHECK_SIGNATURE: return legacy ? SP_VERDICT_UNSUPPORTED : SP_VERDICT_ALTERED;
    case SP_CHECK_COMMENT_SIGNATURE: return SP_VERDICT_COMMENT_ALTERED;
    case SP_CHECK_DOMAIN: return SP_VERDICT_NOT_A_RESULT;
    case SP_CHECK_COMMENT: return SP_VERDICT_COMMENT_MISMATCH;
    case SP_CHECK_BANKS: return SP_VERDICT_QUIZ_MISMATCH;
    default: return SP_VERDICT_REPLAY_MISMATCH;
    }
}

/* The verdict of an incomplete replay: the replay check warns when only the banks were there,
 * the banks check warns (and replay is skipped) when not even those were. */
static sp_verdict incomplete_replay(const sp_verify_report *rep)
{
    if (rep->checks[SP_CHECK_REPLAY].status == SP_CHECK_WARNING)
        return SP_VERDICT_PARTLY_REPLAYED;
    if (rep->checks[SP_CHECK_BANKS].status == SP_CHECK_WARNING)
        return SP_VERDICT_NO_BANKS;
    return SP_VERDICT_VERIFIED;
}

void sp_verify_decide(sp_verify_report *rep, bool strict)
{
    rep->trust = SP_TRUST_FAILED;
    rep->accepted = false;
    for (int id = 0; id < SP_CHECK_COUNT; id++)
        if (rep->checks[id].status == SP_CHECK_FAILED) {
            rep->verdict = verdict_for_failure(rep, (sp_check_id)id);
            return; /* 1 */
        }
    if (!rep->is_signed) {
        rep->verdict = SP_VERDICT_UNSIGNED;
        rep->trust = SP_TRUST_UNSIGNED; /* 2 */
        return;
    }
    if (rep->key_source == SP_KEY_BODY) {
        rep->verdict = SP_VERDICT_UNTRUSTED_KEY;
        rep->trust = SP_TRUST_UNTRUSTED; /* 3 */
        return;
    }
    rep->verdict = incomplete_replay(rep);
    if (rep->verdict != SP_VERDICT_VERIFIED && strict)
        return;                                                                     /* 4 */
    rep->trust = rep->key_source == SP_KEY_OWN ? SP_TRUST_YOURS : SP_TRUST_TRUSTED; /* 5 */
    rep->accepted = true;
}

/* ---- The whole check ------------------------------------------------------------------------- */

static int run_checks(vctx *c)
{
    int rc = check_structure(c);
    if (rc != 0 || (!c->rep->is_signed && !c->rep->result))
        return rc;
    if (c->rep->is_signed) {
        sp_verify_result status = SP_VERIFY_BAD_BODY;
        check_signer_named(c);
        if ((rc = check_key(c, &status)) != 0)
            return rc;
        check_signatures(c, status);
        check_signer_key(c);
    } else {
        const char *why = _("not signed");
        check_signer_named(c);
        set_check(c->rep, SP_CHECK_KEY, SP_CHECK_SKIPPED, "%s", why);
        set_check(c->rep, SP_CHECK_SIGNATURE, SP_CHECK_SKIPPED, "%s", why);
        set_check(c->rep, SP_CHECK_COMMENT_SIGNATURE, SP_CHECK_SKIPPED, "%s", why);
    }
    check_domain(c);
    check_comment(c);
    if ((rc = check_banks(c)) != 0)
        return rc;
    return check_replay(c);
}

int sp_verify_file(const char *name, const char *buf, size_t len, const sp_verify_opts *opts,
                   sp_verify_report *out)
{
    memset(out, 0, sizeof(*out));
    for (int i = 0; i < SP_CHECK_COUNT; i++)
        snprintf(out->checks[i].detail, sizeof(out->checks[i].detail), "%s",
                 _("not run: the file's structure is broken"));
    out->diags = sp_diags_new();
    if (!out->diags)
        return SP_ENOMEM;
    static const sp_verify_opts none = {0};
    vctx c = {.name = name, .buf = buf, .len = len, .opts = opts ? opts : &none, .rep = out};
    int rc = run_checks(&c);
    if (rc != 0) {
        sp_verify_report_clear(out);
        return rc;
    }
    sp_verify_decide(out, c.opts->strict);
    return 0;
}

void sp_verify_report_clear(sp_verify_report *rep)
{
    sp_diags_free(rep->diags);
    sp_result_free(rep->result);
    rep->diags = NULL;
    rep->result = NULL;
}

/* ---- Names ----------------------------------------------------------------------------------- */

const char *sp_check_name(sp_check_id id)
{
    static const char *const names[] = {
        "structure", "signer",  "key",   "signature", "comment-signature",
        "domain",    "comment", "banks", "replay"};
    _Static_assert(sizeof(names) / sizeof(names[0]) == SP_CHECK_COUNT, "a name per check");
    return (unsigned)id < SP_CHECK_COUNT ? names[id] : "?";
}

const char *sp_check_status_name(sp_check_status status)
{
    static const char *const names[] = {"skipped", "passed", "warning", "failed"};
    return (unsigned)status <= SP_CHECK_FAILED ? names[status] : "?";
}

const char *sp_verdict_name(sp_verdict verdict)
{
    static const char *const names[] = {"verified",        "no-banks",        "partly-replayed",
                                        "untrusted-key",   "unsigned",        "malformed",
                                        "unknown-key",     "unsupported",     "altered",
                                        "comment-altered", "not-a-result",    "comment-mismatch",
                                        "quiz-mismatch",   "replay-mismatch", "signer-mismatch"};
    _Static_assert(sizeof(names) / sizeof(names[0]) == SP_VERDICT_COUNT, "a name per verdict");
    return (unsigned)verdict < SP_VERDICT_COUNT ? names[verdict] : "?";
}

const char *sp_key_source_name(sp_key_source source)
{
    static const char *const names[] = {"none", "given", "trusted-dir", "own", "body"};
    return (unsigned)source <= SP_KEY_BODY ? names[source] : "?";
}

const char *sp_trust_name(sp_trust trust)
{
    static const char *const names[] = {"trusted", "yours", "untrusted", "unsigned", "failed"};
    _Static_assert(sizeof(names) / sizeof(names[0]) == SP_TRUST_COUNT, "a name per class");
    return (unsigned)trust < SP_TRUST_COUNT ? names[trust] : "?";
}
