/* Replay: re-deriving a result's scores and advice from its recorded answers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signpost/result.h"
#include "base/util.h"

/* The quiz's bank with the result bank's id and digest, or NULL. */
static const sp_bank *matching_bank(const sp_quiz *quiz, const sp_result_source *src)
{
    for (size_t i = 0; i < sp_quiz_bank_count(quiz); i++) {
        const sp_bank *b = sp_quiz_bank(quiz, i);
        if (strcmp(b->id, src->id) == 0 && memcmp(b->digest, src->digest, 32) == 0)
            return b;
    }
    return NULL;
}

bool sp_result_banks_in(const sp_result *r, const sp_quiz *quiz)
{
    for (size_t i = 0; i < sp_result_bank_count(r); i++)
        if (!matching_bank(quiz, sp_result_bank(r, i)))
            return false;
    return true;
}

/* True when bank b is one of the result's banks (by id and digest). */
static bool result_has_bank(const sp_result *r, const sp_bank *b)
{
    for (size_t i = 0; i < sp_result_bank_count(r); i++) {
        const sp_result_source *src = sp_result_bank(r, i);
        if (strcmp(b->id, src->id) == 0 && memcmp(b->digest, src->digest, 32) == 0)
            return true;
    }
    return false;
}

/* Which of the quiz's banks are the result's, worked out once rather than with string
 * comparisons for every answer. */
typedef struct bank_set {
    const sp_bank *bank[SP_LIMIT_BANKS];
    bool in[SP_LIMIT_BANKS];
    size_t n;
} bank_set;

static void bank_set_init(bank_set *s, const sp_result *r, const sp_quiz *quiz)
{
    s->n = sp_quiz_bank_count(quiz) < SP_LIMIT_BANKS ? sp_quiz_bank_count(quiz) : SP_LIMIT_BANKS;
    for (size_t i = 0; i < s->n; i++) {
        s->bank[i] = sp_quiz_bank(quiz, i);
        s->in[i] = result_has_bank(r, s->bank[i]);
    }
}

/* True when q belongs to one of the result's banks. */
static bool from_result_banks(const bank_set *s, const sp_result *r, const sp_question *q)
{
    for (size_t i = 0; i < s->n; i++)
        if (q->bank == s->bank[i])
            return s->in[i];
    return result_has_bank(r, q->bank);
}

int sp_result_responses(const sp_result *r, const sp_quiz *quiz, sp_response **out, char *why,
                        size_t whysize)
{
    size_t n = sp_result_answer_count(r);
    sp_response *resp = calloc(n ? n : 1, sizeof(*resp));
    if (!resp)
        return SP_ENOMEM;
    bank_set banks;
    bank_set_init(&banks, r, quiz);
    for (size_t i = 0; i < n; i++) {
        const sp_result_answer *a = sp_result_answer_at(r, i);
        const sp_question *q = sp_quiz_question(quiz, a->id);
        if (!q || !from_result_banks(&banks, r, q)) {
            snprintf(why, whysize, _("question '%s' is in none of the result's banks"), a->id);
            free(resp);
            return SP_ENOTFOUND;
        }
        char detail[200];
        resp[i].q = q;
        if (sp_answer_from_ids(q, a->values, a->nvalues, a->list, &resp[i].a, detail,
                               sizeof(detail)) != 0) {
            snprintf(why, whysize, _("the answer to '%s' (line %u) does not fit: %s"), a->id,
                     a->pos.line, detail);
            free(resp);
            return SP_EINPUT;
        }
    }
    *out = resp;
    return 0;
}

/* ---- Comparing --------------------------------------------------------------------------- */

/* Two scores agree when they print the same with the six decimals a result records. */
static bool same_score(bool has_a, double a, bool has_b, double b)
{
    if (has_a != has_b)
        return false;
    if (!has_a)
        return true;
    return sp_same_6dp(a, b);
}

static void describe_score(char *buf, size_t size, bool has, double v)
{
    if (has)
        snprintf(buf, size, "%.6f", v);
    else
        snprintf(buf, size, "%s", _("nothing"));
}

static bool compare_scores(const sp_result *r, const sp_directions *dirs, sp_replay *out)
{
    static const char *const names[] = {"interest", "aptitude", "fit", "standard error",
                                        "standard error of the gap to the top"};
    /* The uncertainty is recorded exactly when the scoring asks for it. */
    bool uncertain = sp_result_scoring(r)->near_tie_confidence > 0;
    for (size_t i = 0; i < sp_result_score_count(r); i++) {
        const sp_result_score *rs = sp_result_score_at(r, i);
        if (rs->recorded_se != uncertain) {
            snprintf(out->detail, sizeof(out->detail),
                     uncertain ? _("the score of %s records no uncertainty, which its scoring "
                                   "asks for")
                               : _("the score of %s records an uncertainty its scoring does not "
                                   "ask for"),
                     dirs->items[i].id);
            return false;
        }
        const sp_dir_score *s = &out->outcome.scores[i];
        bool fit = s->has_interest || s->has_aptitude;
        bool hr[] = {rs->has_interest, rs->has_aptitude, rs->has_fit, rs->has_se, rs->has_gap_se};
        bool hs[] = {s->has_interest, s->has_aptitude, fit, s->has_se, s->has_gap_se};
        double vr[] = {rs->interest, rs->aptitude, rs->fit, rs->se, rs->gap_se};
        double vs[] = {s->interest, s->aptitude, s->fit, s->fit_se, s->gap_se};
        for (int k = 0; k < (uncertain ? 5 : 3); k++) {
            if (same_score(hr[k], vr[k], hs[k], vs[k]))
                continue;
            char rec[32], got[32];
            describe_score(rec, sizeof(rec), hr[k], vr[k]);
            describe_score(got, sizeof(got), hs[k], vs[k]);
            snprintf(out->detail, sizeof(out->detail),
                     _("the %s of %s is recorded as %s, but the answers give %s"), names[k],
                     dirs->items[i].id, rec, got);
            return false;
        }
    }
    return true;
}

static bool same_list(const sp_directions *dirs, const uint8_t *list, uint32_t n,
                      const char *(*at)(const sp_result *, size_t), size_t rn, const sp_result *r)
{
    if (n != rn)
        return false;
    for (uint32_t i = 0; i < n; i++)
        if (strcmp(dirs->items[list[i]].id, at(r, i)) != 0)
            return false;
    return true;
}

static bool compare_advice(const sp_result *r, const sp_directions *dirs, sp_replay *out)
{
    const sp_outcome *o = &out->outcome;
    const char *primary = o->primary >= 0 ? dirs->items[o->primary].id : NULL;
    const char *what = NULL;
    if (!same_list(dirs, o->ranking, o->nranked, sp_result_ranking_at, sp_result_ranking_count(r),
                   r))
        what = _("the ranking");
    else if (!primary != !sp_result_primary(r) ||
             (primary && strcmp(primary, sp_result_primary(r)) != 0))
        what = _("the recommended direction");
    else if (!same_list(dirs, o->near_tie, o->nnear_tie, sp_result_near_tie_at,
                        sp_result_near_tie_count(r), r))
        what = _("the near tie");
    else if (sp_result_has_settle(r) != (sp_result_scoring(r)->near_tie_confidence > 0) ||
             o->settle != sp_result_settle(r))
        what = _("the number of questions that would settle the near tie");
    else if (o->flat != sp_result_flat(r))
        what = _("the flat-profile verdict");
    else if (o->level != sp_result_level(r))
        what = _("the level");
    else if (o->answered != sp_result_answered(r) || o->skipped != sp_result_skipped(r))
        what = _("the count of answered and skipped items");
    if (what)
        snprintf(out->detail, sizeof(out->detail),
                 _("%s recorded does not follow from the answers"), what);
    return what == NULL;
}

/* The result's directions must be the quiz's, in the same order: the order breaks ties. */
static bool same_directions(const sp_result *r, const sp_directions *dirs, sp_replay *out)
{
    bool same = sp_result_score_count(r) == dirs->count;
    for (size_t i = 0; same && i < dirs->count; i++)
        same = strcmp(sp_result_score_at(r, i)->dir, dirs->items[i].id) == 0;
    if (!same)
        snprintf(out->detail, sizeof(out->detail), "%s",
                 _("the result scores other directions than this quiz defines"));
    return same;
}

int sp_result_replay(const sp_result *r, const sp_quiz *quiz, sp_replay *out)
{
    memset(out, 0, sizeof(*out));
    const sp_directions *dirs = sp_quiz_directions(quiz);
    for (size_t i = 0; i < sp_result_bank_count(r); i++) {
        const sp_result_source *src = sp_result_bank(r, i);
        if (!matching_bank(quiz, src)) {
            out->verdict = SP_REPLAY_NO_BANKS;
            snprintf(out->detail, sizeof(out->detail),
                     _("bank '%s' version %s with this digest is not available"), src->id,
                     src->version);
            return 0;
        }
    }
    if (!same_directions(r, dirs, out)) {
        out->verdict = SP_REPLAY_NO_BANKS;
        return 0;
    }
    sp_response *resp = NULL;
    int rc = sp_result_responses(r, quiz, &resp, out->detail, sizeof(out->detail));
    if (rc == SP_ENOMEM)
        return rc;
    if (rc) {
        out->verdict = SP_REPLAY_BAD_ANSWER;
        return 0;
    }
    rc = sp_score(dirs, sp_result_scoring(r), resp, sp_result_answer_count(r), &out->outcome);
    free(resp);
    if (rc) {
        out->verdict = SP_REPLAY_BAD_ANSWER;
        snprintf(out->detail, sizeof(out->detail), "%s", _("an answer does not fit its question"));
        return 0;
    }
    bool ok = compare_scores(r, dirs, out) && compare_advice(r, dirs, out);
    out->verdict = ok ? SP_REPLAY_OK : SP_REPLAY_MISMATCH;
    return 0;
}

void sp_result_outcome(const sp_result *r, const sp_directions *dirs, sp_outcome *out)
{
    memset(out, 0, sizeof(*out));
    out->ndirs = dirs->count;
    out->primary = -1;
    for (size_t i = 0; i < sp_result_score_count(r); i++) {
        const sp_result_score *rs = sp_result_score_at(r, i);
        int d = sp_directions_find(dirs, rs->dir);
        if (d < 0)
            continue;
        out->scores[d] = (sp_dir_score){.has_interest = rs->has_interest,
                                        .has_aptitude = rs->has_aptitude,
                                        .interest = rs->interest,
                                        .aptitude = rs->aptitude,
                                        .fit = rs->fit,
                                        .has_se = rs->has_se,
                                        .has_gap_se = rs->has_gap_se,
                                        .fit_se = rs->se,
                                        .gap_se = rs->gap_se};
    }
    for (size_t i = 0; i < sp_result_ranking_count(r); i++) {
        int d = sp_directions_find(dirs, sp_result_ranking_at(r, i));
        if (d >= 0)
            out->ranking[out->nranked++] = (uint8_t)d;
    }
    for (size_t i = 0; i < sp_result_near_tie_count(r); i++) {
        int d = sp_directions_find(dirs, sp_result_near_tie_at(r, i));
        if (d >= 0)
            out->near_tie[out->nnear_tie++] = (uint8_t)d;
    }
    const char *p = sp_result_primary(r);
    out->primary = p ? sp_directions_find(dirs, p) : -1;
    out->settle = sp_result_settle(r);
    out->flat = sp_result_flat(r);
    out->level = sp_result_level(r);
    out->answered = sp_result_answered(r);
    out->skipped = sp_result_skipped(r);
}
