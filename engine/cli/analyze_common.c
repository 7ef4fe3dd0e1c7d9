/* signpost analyze: the words shared by every output format (analyze_out.h). */
#include <stdio.h>
#include <string.h>

#include "analyze_out.h"
#include "cli.h"

static const char *const reason_names[REASON_COUNT] = {
    "verified",     "no-banks",         "partly-replayed", "untrusted-key",   "unsigned",
    "malformed",    "unknown-key",      "unsupported",     "altered",         "comment-altered",
    "not-a-result", "comment-mismatch", "quiz-mismatch",   "replay-mismatch", "signer-mismatch",
    "unreadable",   "duplicate"};

/* Translated where they are shown (analyze_reason_words); JSON and CSV use reason_names. */
static const char *const reason_words[REASON_COUNT] = {
    /* TRANSLATORS: why analyze left a result out (or counts it unverified), after a count:
     * "3 altered after signing". */
    N_("verified"),
    N_("quiz not available here"),
    N_("quiz manifest not available here"),
    N_("intact; signer not trusted here"),
    N_("not signed"),
    N_("malformed"),
    N_("signed by a key you do not trust"),
    N_("minisign legacy signature"),
    N_("altered after signing"),
    N_("trusted comment altered"),
    N_("not a signpost result"),
    N_("trusted comment disagrees"),
    N_("misnames its quiz"),
    N_("scores do not follow from the answers"),
    N_("names another signer than the one who signed"),
    N_("unreadable"),
    N_("copies of a result counted once")};

_Static_assert(REASON_COUNT == SP_VERDICT_COUNT + 2, "a name and words for every reason");

const char *analyze_reason_name(int reason)
{
    return reason >= 0 && reason < REASON_COUNT ? reason_names[reason] : "unknown";
}

const char *analyze_reason_words(int reason)
{
    return reason >= 0 && reason < REASON_COUNT ? _(reason_words[reason]) : _("unknown");
}

char *analyze_counts(const analyze_run *run)
{
    unsigned long long read = run->read, analysed = run->analysed;
    char files[64], results[64], left[64];
    /* TRANSLATORS: the three counts make "3 files read, 2 results analysed, 1 left out". */
    snprintf(files, sizeof(files), P_("%llu file read", "%llu files read", read), read);
    snprintf(results, sizeof(results),
             P_("%llu result analysed", "%llu results analysed", analysed), analysed);
    snprintf(left, sizeof(left), _("%llu left out"), (unsigned long long)analyze_left_total(run));
    sp_buf b = {0};
    /* TRANSLATORS: the three counts above, in this order. */
    sp_buf_printf(&b, _("%s, %s, %s"), files, results, left);
    return b.failed ? NULL : b.data;
}

uint64_t analyze_left_total(const analyze_run *run)
{
    uint64_t n = 0;
    for (int r = 0; r < REASON_COUNT; r++)
        n += run->left[r].count;
    return n;
}

uint64_t analyze_unverified_total(const analyze_run *run)
{
    uint64_t n = 0;
    for (int r = 0; r < REASON_COUNT; r++)
        n += run->unverified[r];
    return n;
}

const char *analyze_dir_id(const sp_analysis *a, int d)
{
    const sp_directions *dirs = sp_quiz_directions(sp_analysis_quiz(a));
    return d >= 0 && (uint32_t)d < dirs->count ? dirs->items[d].id : "none";
}

static void negative_sentence(const sp_analysis *a, const sp_item_stats *st, sp_buf *b)
{
    const char *own = analyze_dir_id(a, st->own_dir);
    const sp_item_dir *d = &st->dirs[st->own_dir];
    if (st->q->kind == SP_KIND_KNOWLEDGE)
        /* TRANSLATORS: why a knowledge item is flagged; %s is a direction id. */
        sp_buf_printf(b,
                      _("negative discrimination: DI %.1f over %llu results; those who get it "
                        "right score lower on the rest of the %s knowledge items (check the key)"),
                      st->discrimination.value, (unsigned long long)d->n, own);
    else
        /* TRANSLATORS: why a statement or scenario is flagged; %s is a direction id. */
        sp_buf_printf(b,
                      _("goes against its own scale: r %.2f with the rest of the %s interest "
                        "over %llu results, against the sign of its weight (check the wording "
                        "or the weight)"),
                      d->r.value, own, (unsigned long long)d->n);
}

static bool reverse_keyed(const sp_item_stats *st)
{
    for (uint32_t k = 0; st->q->kind == SP_KIND_LIKERT && k < st->q->nkeys; k++)
        if (st->q->keys[k].dir_index == st->own_dir && st->q->keys[k].value < 0)
            return true;
    return false;
}

static void other_scale_sentence(const sp_analysis *a, const sp_item_stats *st, sp_buf *b)
{
    const char *other = analyze_dir_id(a, st->other_dir);
    if (st->other_option >= 0) {
        int o = st->other_option;
        int t = -1;
        double most = 0;
        for (uint32_t d = 0; d < SP_MAX_DIRECTIONS; d++) {
            const sp_option *opt = &st->q->options[o];
            for (uint32_t k = 0; k < opt->nweights; k++)
                if (opt->weights[k].dir_index == (int)d && opt->weights[k].value > most) {
                    most = opt->weights[k].value;
                    t = (int)d;
                }
        }
        /* Options are named by their id in the bank, never by a letter: a cohort saw them
         * under as many letters as there were shuffles. */
        /* TRANSLATORS: why a scenario is flagged: an option id, then direction ids. */
        sp_buf_printf(b,
                      _("option id %s, weighted for %s, goes with the %s interest scale (r %.2f) "
                        "more than with the %s one (r %.2f)"),
                      st->q->options[o].id, analyze_dir_id(a, t), other,
                      st->option_r[o][st->other_dir].value, analyze_dir_id(a, t),
                      t >= 0 ? st->option_r[o][t].value : 0.0);
        return;
    }
    const char *own = analyze_dir_id(a, st->own_dir);
    double r_other = st->dirs[st->other_dir].r.value, r_own = st->dirs[st->own_dir].r.value;
    if (st->q->kind == SP_KIND_KNOWLEDGE)
        /* TRANSLATORS: why an item is flagged; the %s are direction ids. */
        sp_buf_printf(b,
                      _("follows the %s knowledge scale (r %.2f) more than its own %s scale "
                        "(r %.2f)"),
                      other, r_other, own, r_own);
    else
        /* TRANSLATORS: why an item is flagged; the %s are direction ids. */
        sp_buf_printf(b,
                      _("follows the %s interest scale (r %.2f) more than its own %s scale "
                        "(r %.2f)"),
                      other, r_other, own, r_own);
    if (reverse_keyed(st))
        /* TRANSLATORS: added to the sentence above for a reverse-keyed statement. */
        sp_buf_puts(b, _("; it is reverse-keyed, so a lower r is closer"));
}

static void unchosen_sentence(const sp_item_stats *st, sp_buf *b)
{
    sp_buf ids = {0};
    for (uint32_t o = 0; o < st->q->noptions && o < SP_MAX_OPTIONS; o++)
        if (st->chosen[o] == 0)
            /* TRANSLATORS: the separator of a list of option ids ("a, c"). */
            sp_buf_printf(&ids, "%s%s", ids.len ? _(", ") : "", st->q->options[o].id);
    /* TRANSLATORS: why a scenario is flagged; %s lists the option ids ("a, c"). */
    sp_buf_printf(b,
                  _("never chosen in %llu answers: option id %s (an option nobody takes does "
                    "no work)"),
                  (unsigned long long)st->answered, sp_buf_str(&ids) ? sp_buf_str(&ids) : "");
    sp_buf_free(&ids);
}

void analyze_flag_sentence(const sp_analysis *a, const sp_item_stats *st, uint32_t flag, sp_buf *b)
{
    const sp_analyze_opts *o = sp_analysis_opts(a);
    switch (flag) {
    case SP_FLAG_NEGATIVE: negative_sentence(a, st, b); break;
    case SP_FLAG_INEFFICIENT:
        sp_buf_printf(b,
                      _("discriminative efficiency %.1f%% (below %.0f%%): it separates takers "
                        "far less than the spread of its answers would allow"),
                      st->efficiency.value, o->min_efficiency);
        break;
    case SP_FLAG_OTHER_SCALE: other_scale_sentence(a, st, b); break;
    case SP_FLAG_UNCHOSEN: unchosen_sentence(st, b); break;
    case SP_FLAG_EASY:
        sp_buf_printf(b, _("facility %.1f%% (%.0f%% or more): almost everyone gets it right"),
                      st->facility.value, o->easy);
        break;
    case SP_FLAG_HARD:
        sp_buf_printf(b, _("facility %.1f%% (%.0f%% or less): almost no one gets it right"),
                      st->facility.value, o->hard);
        break;
    case SP_FLAG_BELOW_GUESS:
        sp_buf_printf(b,
                      _("facility %.1f%% is below the random guess score %.1f%%: guessing would "
                        "do better (check the key)"),
                      st->facility.value, st->random_guess);
        break;
    default: break;
    }
}
